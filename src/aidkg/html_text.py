"""HTML pages → article text and metadata.

trafilatura (pinned; works offline on the page given, no request is made) finds the main text
and the title, date, author and site name of news pages. Its date is taken only when the page
states it (htmldate fills a missing day with today's, for instance); dates in <meta> tags are
read here as precisely as they are written. Pages it finds no article in (short notices) are read
with BeautifulSoup: block elements and <br> are line breaks, table rows one line with the cells
one space apart (aidkg.tables reads them by their column). Markup nested deeper than MAX_DEPTH
(no real page comes near; a tree parser would take minutes) is read as text without its tags.
"""
from __future__ import annotations

import functools
import re

from .metadata import _clean_source, parse_date, plain_text_metadata

MAX_DEPTH = 400
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


def html_article(raw: str) -> tuple[str, dict, list[str]]:
    """(main text, metadata, problems) of an HTML page."""
    depth = nesting_depth(raw)
    if depth > MAX_DEPTH:
        text = _tags_stripped(raw)
        return text, plain_text_metadata(text), [
            f"markup nested {depth} levels deep (more than {MAX_DEPTH}): read as text without its tags"]
    from bs4 import BeautifulSoup

    meta = _html_metadata(BeautifulSoup(_head(raw), "html.parser"))
    found = _trafilatura(raw)
    if found is not None:
        text, extracted = found
        for key, value in extracted.items():
            meta.setdefault(key, value)
        # date, source and byline often stand outside the article body, in the page around it
        for key, value in plain_text_metadata(_tags_stripped(raw)).items():
            if key != "title":
                meta.setdefault(key, value)
        return text, meta, []
    text, soup_meta = _parse_with_soup(raw)
    for key, value in soup_meta.items():
        meta.setdefault(key, value)
    return text, meta, []


def nesting_depth(raw: str, stop: int = MAX_DEPTH * 4) -> int:
    """How deep the elements of `raw` nest, counting every start tag not closed yet (void elements
    such as <br> excepted); counting stops at `stop`."""
    depth = deepest = 0
    for match in _TAG.finditer(raw):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= stop:
                    break
    return deepest


_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|table|ul|ol|blockquote|header|"
                        r"footer|nav|main|aside|title)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def _tags_stripped(raw: str) -> str:
    import html as html_lib

    text = _SCRIPT.sub(" ", raw)
    text = _BLOCK_TAG.sub("\n", text)
    text = html_lib.unescape(_ANY_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line.strip()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _head(raw: str) -> str:
    """The page up to its body: where the <meta> tags are (a whole page of markup is not needed)."""
    end = re.search(r"<body\b", raw, re.I)
    return raw[: end.start()] if end else raw[:65536]


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


@functools.lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # a short notice is an article too: below trafilatura's default of 250 characters it would
    # fall back to a baseline that keeps menus and writes each table cell on its own line
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "10")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _trafilatura(raw: str) -> tuple[str, dict] | None:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            raw, with_metadata=True, include_tables=True, include_comments=False,
            include_formatting=False, deduplicate=False, fast=True, config=_config(),
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:   # a page it cannot parse is read with BeautifulSoup
        return None
    if found is None or not (found.text or "").strip():
        return None
    lines = []
    for line in found.text.split("\n"):
        line = line.strip()
        if _TABLE_RULE.match(line):
            continue   # the |---|---| line under a table's headings
        if line.startswith("|") and line.endswith("|"):
            # a table row: its cells one space apart, as aidkg.tables reads rows
            line = " ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        if line:
            lines.append(_SPACES.sub(" ", line))
    title = _trim_site_suffix(" ".join(found.title.split())) if found.title else None
    meta = {"title": title, "author": _authors_of(found.author), "site": found.sitename, "url": found.url}
    if found.date and _stated(found.date, raw):
        meta["date"] = found.date
    return "\n".join(lines), {k: v for k, v in meta.items() if v}


def _authors_of(value: str | None) -> str | None:
    if not value:
        return None
    return "、".join(part.strip() for part in re.split(r"[;；,，、]", value) if part.strip()) or None


def _stated(iso_date: str, raw: str) -> bool:
    """Whether the page writes this day (2024-03-18, 2024/3/18, 2024年3月18日, 20240318 …)."""
    y, m, d = iso_date[:4], int(iso_date[5:7]), int(iso_date[8:10])
    pattern = rf"{y}\s*(?:年|[-/._])?\s*0?{m}\s*(?:月|[-/._])?\s*0?{d}(?!\d)"
    return re.search(pattern, raw) is not None


_WHITESPACE = re.compile(r"\s+")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACES = re.compile(r" {2,}")
_DROPPED_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe",
                 "svg", "template", "button", "select")
_BLOCK_TAGS = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
               "blockquote", "pre", "figcaption", "dd", "dt", "table", "ul", "ol", "main", "center")
_META_KEYS = {
    "author": ("author", "article:author", "byline", "dc.creator"),
    "date": ("publishdate", "article:published_time", "pubdate", "publish_date", "date", "dc.date",
             "og:published_time", "datepublished"),
    "title": ("og:title", "dc.title"),
    "site": ("og:site_name", "sitename", "site_name"),
    "publisher": ("source", "article:publisher", "dc.publisher"),
}   # <meta name="description"> has no place in ArticleMeta


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _parse_with_soup(raw: str) -> tuple[str, dict]:
    """The page's main text and metadata with BeautifulSoup: when trafilatura finds no article
    (a short notice, a page of paragraphs without an article container)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    meta = _html_metadata(soup)
    if not meta.get("title"):
        heading = soup.find("h1")
        if heading and heading.get_text(strip=True):
            meta["title"] = " ".join(heading.get_text().split())
        elif soup.title and soup.title.string:
            meta["title"] = _trim_site_suffix(" ".join(soup.title.string.split()))
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    page = soup.body or soup
    _mark_line_breaks(page)
    # date, source and byline often stand outside the article body, in the page around it
    for key, value in plain_text_metadata(_text_lines(page)).items():
        if key != "title":
            meta.setdefault(key, value)
    return _text_lines(_main_content(page)), meta


def _mark_line_breaks(page) -> None:
    from bs4 import NavigableString

    # source line wrapping is not a paragraph break: only block elements and <br> are
    for string in page.find_all(string=True):
        if type(string) is NavigableString and string.find_parent("pre") is None:
            string.replace_with(_WHITESPACE.sub(" ", string))
    for br in page.find_all("br"):
        br.replace_with("\n")
    # a table row is one line with its cells apart (aidkg.tables reads them by their column)
    for row in page.find_all("tr"):
        for cell in row.find_all(("td", "th"), recursive=False)[1:]:
            cell.insert_before(" ")
    for block in page.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")


def _text_lines(element) -> str:
    # runs of spaces show as one in a browser, and cells are kept apart by one
    lines = (_SPACES.sub(" ", line.strip()) for line in element.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _main_content(page):
    """<article> or <main> if the page has one, else the element holding most paragraph text."""
    marked = page.find("article") or page.find("main")
    if marked is not None:
        return marked
    weight: dict[int, tuple[int, object]] = {}
    for para in page.find_all("p"):
        parent = para.parent
        length = len(para.get_text(strip=True))
        count, _ = weight.get(id(parent), (0, parent))
        weight[id(parent)] = (count + length, parent)
    total = sum(count for count, _ in weight.values())
    if not total:
        return page
    best, element = max(weight.values(), key=lambda item: item[0])
    # a page whose paragraphs are spread over several containers is kept whole
    return element if best >= 0.6 * total else page


def _html_metadata(soup) -> dict:
    found: dict[str, str] = {}
    contents = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        value = " ".join((tag.get("content") or "").split())
        if key and value:
            contents.setdefault(key, value)
    for field_name, keys in _META_KEYS.items():
        for key in keys:
            if key in contents:
                found[field_name] = contents[key]
                break
    if "date" in found:
        found["date"] = parse_date(found["date"])   # as precise as the tag states it
    if "publisher" in found:
        found["publisher"] = _clean_source(found["publisher"])
    canonical = soup.find("link", rel=lambda r: r and "canonical" in r)
    if canonical and canonical.get("href"):
        found["url"] = canonical["href"].strip()
    elif "og:url" in contents:
        found["url"] = contents["og:url"]
    return found


def _trim_site_suffix(title: str) -> str:
    # "Headline_Site网" / "Headline - Site" / "Headline | Site": keep the headline
    parts = re.split(r"\s*(?:_|\||｜|-{1,2}|—)\s*", title)
    if len(parts) > 1 and len(parts[0]) >= 4 and all(len(p) <= 15 for p in parts[1:]):
        return parts[0]
    return title
