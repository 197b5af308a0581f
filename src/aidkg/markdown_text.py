"""Markdown articles: front matter (YAML between --- lines) as metadata, the text without markup.

Front matter keys read (others are ignored): title; date or published (2024-03-18, 2024-03 or
2024, kept as precise as written); author or authors (a list is joined with 、); publisher or
source; site; url or link. The first heading is the title when the front matter has none.
"""
from __future__ import annotations

import re

from .metadata import parse_date

_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_RULES = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                 # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),              # links
    (re.compile(r"<[^>\n]+>"), ""),                              # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),                          # inline code
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                   # bold
    (re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),  # italics
    (re.compile(r"~~(.+?)~~"), r"\1"),
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_MD_RULE_LINE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*```")


def markdown_article(raw: str) -> tuple[str, dict, list[str]]:
    """(text, metadata, problems) of a Markdown article: front matter, then the text without markup."""
    meta, problems = {}, []
    front = _MD_FRONT_MATTER.match(raw)
    if front:
        meta, problems = front_matter(front.group(1))
        raw = raw[front.end():]
    lines = []
    for line in raw.split("\n"):
        if _MD_RULE_LINE.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            meta.setdefault("title", _strip_inline_markdown(line).strip())
        line = _strip_inline_markdown(_MD_LINE_PREFIX.sub("", line)).strip()
        if line:
            lines.append(line)
    return "\n".join(lines), meta, problems


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


def _strip_inline_markdown(line: str) -> str:
    for pattern, replacement in _MD_RULES:
        line = pattern.sub(replacement, line)
    return line.replace("\\", "")
