"""The named questions in queries/*.rq: their titles, parameters, and text with parameters filled in.

A query file starts with comment lines: the first is its title, the following ones describe it,
and `# @param NAME[:TYPE] [= "default"] — help` declares a parameter written `$NAME` in the query.
A plain parameter is filled in as a SPARQL string literal (never pasted as raw text), so any server
runs the result unchanged; a parameter without a default must be given. Two types page a listing
whose full answer grows with the store: `:limit` becomes `LIMIT n` (nothing for `all` or 0) and
`:offset` becomes `OFFSET n` (nothing for 0); both accept digits only. A `:lang` parameter names the
language of the label columns (a BCP 47 tag, or zh / en / pinyin) and is filled in as a string literal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

QUERY_DIR = Path(__file__).parent / "queries"

_PARAM = re.compile(r'^#\s*@param\s+(\w+)(?::(\w+))?(?:\s*=\s*"((?:[^"\\]|\\.)*)")?\s*(?:[—:-]+\s*)?(.*)$')
PARAM_TYPES = ("string", "limit", "offset", "lang")
NO_LIMIT = ("all", "0", "")
# the names the graph has (rdfs:label @zh-Hans, @en, @zh-Latn-pinyin) under the words people type
LANGUAGES = {"zh": "zh-Hans", "zh-hans": "zh-Hans", "chinese": "zh-Hans", "en": "en", "english": "en",
             "pinyin": "zh-Latn-pinyin", "zh-latn-pinyin": "zh-Latn-pinyin"}
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


class QueryError(ValueError):
    pass


@dataclass
class Param:
    name: str
    default: str | None
    help: str
    type: str = "string"

    def sparql(self, value: str) -> str:
        """The value as SPARQL text: a string literal, or a LIMIT/OFFSET clause."""
        if self.type == "string":
            return sparql_string(value)
        if self.type == "lang":
            return sparql_string(language_tag(value))
        value = value.strip().lower()
        if self.type == "limit" and value in NO_LIMIT:
            return ""
        if not value.isdigit() or not value.isascii():
            raise QueryError(f"--param {self.name} wants a whole number"
                             + (" or 'all'" if self.type == "limit" else "") + f", not {value!r}")
        n = int(value)
        if self.type == "offset":
            return f"OFFSET {n}" if n else ""
        return f"LIMIT {n}"


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path
    params: dict[str, Param] = field(default_factory=dict)

    def render(self, values: dict[str, str] | None = None) -> str:
        """The query text with every $param replaced by a string literal."""
        values = dict(values or {})
        unknown = set(values) - set(self.params)
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}"
                             f" (it takes: {', '.join(self.params) or 'none'})")
        for p in self.params.values():
            if p.name not in values:
                if p.default is None:
                    raise QueryError(f"query {self.name!r} needs --param {p.name}=… ({p.help})")
                values[p.name] = p.default
        if not self.params:
            return self.text
        pattern = re.compile(r"\$(" + "|".join(map(re.escape, self.params)) + r")\b")
        rendered = {name: self.params[name].sparql(value) for name, value in values.items()}
        return pattern.sub(lambda m: rendered[m[1]], self.text)

    def page_size(self, values: dict[str, str] | None = None) -> int | None:
        """Rows per page when the query is paged (has a `:limit` parameter), else None."""
        for p in self.params.values():
            if p.type == "limit":
                value = (values or {}).get(p.name, p.default) or ""
                return int(value) if value.strip().isdigit() and int(value) else None
        return None


def language_tag(value: str) -> str:
    """'en', 'pinyin', 'zh' or any BCP 47 tag → the tag the labels carry; QueryError otherwise."""
    text = value.strip()
    tag = LANGUAGES.get(text.lower(), text)
    if not _LANGUAGE_TAG.fullmatch(tag):
        raise QueryError(f"{value!r} is not a language: zh-Hans (zh), en or zh-Latn-pinyin (pinyin)")
    return tag


def sparql_string(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title, description, params = "", [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PARAM.match(line)
        if m:
            kind = m[2] or "string"
            if kind not in PARAM_TYPES:
                raise QueryError(f"{path.name}: parameter {m[1]} has unknown type {kind!r} ({', '.join(PARAM_TYPES)})")
            default = re.sub(r"\\(.)", r"\1", m[3]) if m[3] is not None else None
            params[m[1]] = Param(m[1], default, m[4].strip(), kind)
        elif not title:
            title = line.lstrip("#").strip()
        else:
            description.append(line.lstrip("#").strip())
    return NamedQuery(path.stem, title, " ".join(description), text, path, params)


def all_queries(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    return {p.stem: parse(p) for p in sorted(Path(directory).glob("*.rq"))}


def get(name: str, directory: Path = QUERY_DIR) -> NamedQuery:
    """The named query `name`: one of the library's own files, never a path (`../x` is no name)."""
    names = {p.stem: p for p in Path(directory).glob("*.rq")}
    if name not in names:
        raise QueryError(f"no named query {name!r}; known: {', '.join(sorted(names))}")
    return parse(names[name])


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """`--param k=v` options as a dict."""
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise QueryError(f"--param wants NAME=VALUE, not {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out
