"""Files → Documents: find the articles, read them by their format, clean the text, add metadata.

| format | text | metadata |
|---|---|---|
| .txt | decoded (aidkg.decoding) | the wording of the first lines (aidkg.metadata) |
| .md | without Markdown markup (aidkg.markdown_text) | YAML front matter, first heading, first lines |
| .html .htm | main text (aidkg.html_text: trafilatura) | <meta> tags, trafilatura, the page's lines |
| .pdf .docx | text layer / paragraphs and tables (aidkg.office) | file properties (title, author), first lines |

A `metadata.csv` beside the articles (aidkg.metadata) overrides any of these. Bad input never
stops a batch: each problem is an IngestError whose str() is one line "PATH: reason"; problems
the file survives (a replaced byte, a split sentence) go to doc.problems.
"""
from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from importlib import resources
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .decoding import _HAN, chinese_score, decode, decode_with_note  # noqa: F401 — public here too
from .document import ArticleMeta, Document
from .html_text import _declared_charset, html_article
from .ids import content_hash
from .markdown_text import markdown_article
from .metadata import csv_metadata, parse_date, plain_text_metadata  # noqa: F401 — public here too
from .sources import ARTICLE_SUFFIXES, DEFAULT_MAX_FILE_SIZE, IngestError, find_articles, read_bytes

ACCEPTED_SUFFIXES = ARTICLE_SUFFIXES
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def discover(paths: Iterable[str | os.PathLike], *, max_file_size: int = DEFAULT_MAX_FILE_SIZE
             ) -> tuple[list[Path], list[IngestError]]:
    """Article files under `paths` (files or folders, recursively), sorted, each once; and the
    unreadable ones (aidkg.sources.find_articles also lists the files skipped as no articles)."""
    found = find_articles(paths, max_file_size=max_file_size)
    return found.files, found.errors


def read_articles(paths: Iterable[str | os.PathLike], *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> IngestResult:
    """Every readable article under `paths`; the unreadable ones as errors, the rest still read."""
    files, errors = discover(paths, max_file_size=max_file_size)
    result = IngestResult(errors=errors)
    for path in files:
        try:
            result.documents.append(read_article(path, max_file_size=max_file_size))
        except IngestError as exc:
            result.errors.append(exc)
    return result


# ------------------------------------------------------------------ reading one file

def read_article(path: str | os.PathLike, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    """Read one article file by its format; raise IngestError when it cannot be read."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    data = read_bytes(path, max_file_size)
    if fmt in ("pdf", "docx"):
        from .office import docx_article, pdf_article
        text, meta, problems = (pdf_article if fmt == "pdf" else docx_article)(data, path)
        raw = text   # the file's own bytes are binary; its text stands for it in the content hash
    else:
        raw, note = decode_with_note(data, path, declared=_declared_charset(data) if fmt == "html" else None)
        text, meta, problems = _parse(_normalise_newlines(raw), fmt)
        if note:
            problems = [note] + problems
    overrides, csv_problems = csv_metadata(path)
    doc = _document(text, meta, raw, source=str(path.resolve()), overrides=overrides)
    doc.problems += problems + csv_problems
    if not doc.text.strip():
        raise IngestError(path, "no article text (the file holds only markup or whitespace)")
    return doc


def text_document(raw: str, source: str, fmt: str = "txt") -> Document:
    """A Document from already decoded `raw` content in format txt, md or html."""
    text, meta, problems = _parse(_normalise_newlines(raw), fmt)
    doc = _document(text, meta, raw, source=source)
    doc.problems += problems
    return doc


def _parse(raw: str, fmt: str) -> tuple[str, dict, list[str]]:
    if fmt == "html":
        return html_article(raw)
    if fmt == "md":
        return markdown_article(raw)
    return raw, {}, []


_META_FIELDS = ("title", "date", "publisher", "author", "site", "url")


def _document(text: str, meta: dict, raw: str, source: str, overrides: dict | None = None) -> Document:
    text = clean_text(text).strip("\n")
    meta = {k: clean_text(v).strip() for k, v in meta.items() if k in _META_FIELDS and isinstance(v, str) and v.strip()}
    for key, value in plain_text_metadata(text).items():
        meta.setdefault(key, value)
    meta.update(overrides or {})   # what the user wrote in metadata.csv wins
    if "date" in meta:
        meta["date"] = parse_date(meta["date"])
        if meta["date"] is None:
            del meta["date"]
    article = ArticleMeta(source=source, script=detect_script(text), **meta)
    # the hash covers the whole decoded file (a change in HTML metadata is a change too) and what
    # metadata.csv says of it
    hashed = _normalise_newlines(raw)
    if overrides:
        hashed += "\n" + json.dumps(overrides, sort_keys=True, ensure_ascii=False)
    return Document(text=text, meta=article, content_hash=content_hash(hashed))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Invisible format characters: zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings and
# isolates, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator.
# Inside a name they would make 江苏\u200b省 another entity than 江苏省, so they are removed from
# the text every later stage reads (and every offset indexes).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]")
# control characters other than tab and newline (a stray NUL or escape code) become spaces
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """`text` without invisible format characters, its control characters made spaces, and radicals
    standing for ideographs (⼩ for 小, ⻘ for 青: text from PDFs) made the ideographs."""
    text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    if _RADICAL.search(text):
        table = _radicals()
        text = _RADICAL.sub(lambda m: table.get(m.group(), m.group()), text)
    return text


_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5]")


@functools.lru_cache(maxsize=1)
def _radicals() -> dict[str, str]:
    """Kangxi radicals by their compatibility decomposition (NFKC), CJK Radicals Supplement by
    data/cjk_radicals.tsv (scripts/build_radicals.py); each one character for one."""
    table = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    data = resources.files("aidkg").joinpath("data", "cjk_radicals.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            table[radical] = ideograph
    return {k: v for k, v in table.items() if len(v) == 1}


# ------------------------------------------------------------------ script

def detect_script(text: str) -> str:
    """'traditional' when Traditional→Simplified conversion changes a meaningful share of Han characters."""
    from .script import converter

    han = _HAN.findall(text)
    if not han:
        return "simplified"
    sample = "".join(han[:5000])
    converted = converter("t2s").convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return "traditional" if changed / len(sample) >= 0.05 else "simplified"
