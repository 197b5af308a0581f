"""Markdown articles: front matter (YAML between --- lines) as metadata, the text without markup
(read by markdown-it-py, not by line patterns).

Front matter keys read (others are ignored): title; date or published (2024-03-18, 2024-03 or
2024, kept as precise as written); author or authors (a list is joined with 、); publisher or
source; site; url or link. The first heading is the title when the front matter has none.
"""
from __future__ import annotations

import functools
import re

from .metadata import parse_date

_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# markdown-it-py silently drops blocks nested deeper than its maxNesting (20): container markers
# (> quotes, list bullets) beyond MAX_DEPTH at a line's start are dropped first so the text stays.
MAX_DEPTH = 16
_DEEP_CONTAINERS = re.compile(r"^(?:[ \t]{0,3}(?:>|[-*+]|\d{1,9}[.)])[ \t]*){%d,}" % (MAX_DEPTH + 1), re.M)


def markdown_article(raw: str) -> tuple[str, dict, list[str]]:
    """(text, metadata, problems) of a Markdown article: front matter, then the text read by
    markdown-it-py (CommonMark with tables and strikethrough): every block's text on its own line,
    a table row's cells one space apart (as HTML rows are), images and inline HTML left out."""
    meta, problems = {}, []
    front = _MD_FRONT_MATTER.match(raw)
    if front:
        meta, problems = front_matter(front.group(1))
        raw = raw[front.end():]
    raw, deep = _DEEP_CONTAINERS.subn("", raw)
    if deep:
        problems.append(f"markup nested more than {MAX_DEPTH} levels deep on {deep} line(s): read as text without it")
    lines: list[str] = []
    row: list[str] | None = None
    heading = False
    for tok in _markdown().parse(raw):
        if tok.type == "heading_open":
            heading = True
        elif tok.type == "heading_close":
            heading = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            lines.append(" ".join(c for c in row if c))
            row = None
        elif tok.type == "inline":
            text = _inline_text(tok)
            if row is not None:
                row.append(text.replace("\n", " ").strip())
                continue
            if heading:
                meta.setdefault("title", text.strip())
            lines += [line.strip() for line in text.split("\n")]
        elif tok.type in ("fence", "code_block"):
            lines += [line.strip() for line in tok.content.split("\n")]
        elif tok.type == "html_block":
            lines += [line.strip() for line in _html_text(tok.content).split("\n")]
    return "\n".join(line for line in lines if line), meta, problems


@functools.cache
def _markdown():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline_text(tok) -> str:
    out = []
    for child in tok.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        # images, inline HTML and the markup tokens themselves carry no article text
    return "".join(out)


def _html_text(fragment: str) -> str:
    from bs4 import BeautifulSoup
    return BeautifulSoup(fragment, "html.parser").get_text("\n")


# front-matter keys → ArticleMeta fields (README: "Markdown front matter")
FRONT_MATTER_KEYS = {
    "title": "title", "date": "date", "published": "date", "author": "author", "authors": "author",
    "publisher": "publisher", "source": "publisher", "site": "site", "url": "url", "link": "url",
}


def front_matter(block: str) -> tuple[dict, list[str]]:
    """The YAML between the --- lines: known keys (FRONT_MATTER_KEYS) as metadata; other keys ignored."""
    import datetime

    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        return {}, [f"front matter is not YAML{line}: metadata in it left out"]
    if not isinstance(data, dict):
        return {}, ["front matter is no list of key: value lines: left out"]
    meta: dict[str, str] = {}
    problems: list[str] = []
    for key, value in data.items():
        field = FRONT_MATTER_KEYS.get(str(key).strip().lower())
        if field is None or value in (None, "") or field in meta:
            continue
        if isinstance(value, (list, tuple)):
            value = "、".join(str(v) for v in value if v not in (None, ""))
        if field == "date":
            text = value.isoformat()[:10] if isinstance(value, (datetime.date, datetime.datetime)) else str(value)
            parsed = parse_date(text)
            if parsed is None:
                problems.append(f"front matter date {str(value)!r} is no date (YYYY-MM-DD, YYYY-MM or YYYY): left out")
                continue
            value = parsed
        meta[field] = str(value).strip()
    return meta, problems
