"""Files → Documents: find the articles, decode them, extract text and article metadata.

Bad input never stops a batch: each problem is an IngestError whose str() is one line "PATH: reason".
"""
from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from .ids import content_hash
from .document import ArticleMeta, Document
from .sources import ARTICLE_SUFFIXES, DEFAULT_MAX_FILE_SIZE, IngestError, find_articles, read_bytes

ACCEPTED_SUFFIXES = ARTICLE_SUFFIXES
_HTML_SUFFIXES = (".html", ".htm")


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
    """Decode and parse one article file; raise IngestError when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = "html" if suffix in _HTML_SUFFIXES else "md" if suffix == ".md" else "txt"
    data = read_bytes(path, max_file_size)
    text, note = decode_with_note(data, path, declared=_declared_charset(data) if fmt == "html" else None)
    doc = text_document(text, source=str(path.resolve()), fmt=fmt)
    if note:
        doc.problems.append(note)
    if not doc.text.strip():
        raise IngestError(path, "no article text (the file holds only markup or whitespace)")
    return doc


def text_document(raw: str, source: str, fmt: str = "txt") -> Document:
    """A Document from already decoded `raw` content in format txt, md or html."""
    raw = _normalise_newlines(raw)
    if fmt == "html":
        text, meta = _parse_html(raw)
    elif fmt == "md":
        text, meta = _parse_markdown(raw)
    else:
        text, meta = raw, {}
    text = clean_text(text).strip("\n")
    meta = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in meta.items() if v}
    for key, value in plain_text_metadata(text).items():
        meta.setdefault(key, value)
    article = ArticleMeta(source=source, script=detect_script(text), **meta)
    # the hash covers the whole decoded file: a change in HTML metadata is a change too
    return Document(text=text, meta=article, content_hash=content_hash(raw))


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
    """`text` without invisible format characters, its control characters made spaces."""
    return _CONTROLS.sub(" ", _INVISIBLE.sub("", text))


# ------------------------------------------------------------------ decoding

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_MIN_CHINESE_SCORE = 0.85   # share of common characters a right decoding reaches; wrong ones stay far below


def decode(data: bytes, path: str | os.PathLike = "<bytes>", declared: str | None = None) -> str:
    """Bytes → text: UTF-8 (BOM or not), GB18030 or Big5; see decode_with_note."""
    return decode_with_note(data, path, declared)[0]


def decode_with_note(data: bytes, path: str | os.PathLike = "<bytes>",
                     declared: str | None = None) -> tuple[str, str | None]:
    """Bytes → (text, a note when a few undecodable bytes had to be replaced, else None).

    `declared` (an HTML charset) is tried first. Strict decodes come before charset-normalizer,
    which guesses badly on short Chinese text; and as Big5 bytes are almost always *valid* GB18030,
    a decode must also read as common Chinese (chinese_score) to be taken.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _non_empty(data.decode(codec, errors="replace"), path)
            if "\ufffd" in text or not _readable(text):
                raise IngestError(path, f"undecodable: starts with a {codec} byte-order mark but is not {codec} text")
            return text, None
    if not data.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in data[:65536]:
        # UTF-16 without a byte-order mark: NUL bytes beside ASCII characters, Chinese that reads well
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _non_empty(utf16[0], path), f"no byte-order mark: read as {utf16[1]}"
    _reject_binary(data, path)
    codecs = ["utf-8"] + _codec_order(declared)
    weak = []   # strict decodes that read poorly as Chinese
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = chinese_score(text)
        if codec == "utf-8":
            return _non_empty(text, path), None
        if score >= _MIN_CHINESE_SCORE:
            if _has_garbled_lines(text):   # one file made of parts in two encodings
                mixed = _decode_lines(data, codecs)
                if mixed is not None and chinese_score(mixed[0]) > score:
                    return _non_empty(mixed[0], path), mixed[1]
            return _non_empty(text, path), None
        weak.append((score, text))
    # a truncated last character or a stray byte should not lose the whole article
    for codec in codecs:
        text = data.decode(codec, errors="replace")
        bad = len(_REPLACED_RUN.findall(text))
        if bad <= max(3, len(text) // 200) and chinese_score(text) >= _MIN_CHINESE_SCORE:
            return _non_empty(text, path), f"{bad} undecodable byte sequence(s) replaced by U+FFFD ({codec})"
    mixed = _decode_lines(data, codecs)
    if mixed is not None:
        return _non_empty(mixed[0], path), mixed[1]
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _non_empty(utf16[0], path), f"no byte-order mark: read as {utf16[1]}"
    weak = [(score, text) for score, text in weak if score >= 0.6]
    if weak:
        return _non_empty(max(weak, key=lambda c: c[0])[1], path), None
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return _non_empty(guess, path), None
    raise IngestError(path, "undecodable: not UTF-8, GB18030 or Big5, and no other encoding gives readable text")


_REPLACED_RUN = re.compile("\ufffd+")   # one bad byte in a multi-byte character may give several
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) when `data` reads as UTF-16 (LE or BE) text; None otherwise."""
    even = data[: len(data) - len(data) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if _TEXT_CONTROLS.search(text):
            continue
        if _HAN.search(text) and chinese_score(text) >= _MIN_CHINESE_SCORE:
            return text, codec.upper()
        if not _HAN.search(text) and all(ch.isprintable() or ch in "\t\n\r" for ch in text) \
                and sum(ch < "\x80" for ch in text) >= 0.95 * len(text):
            return text, codec.upper()
    return None


def _has_garbled_lines(text: str) -> bool:
    """Whether some line with a fair amount of non-ASCII reads as a wrong decoding."""
    for line in text.split("\n"):
        if sum(ord(ch) > 0x7F for ch in line) >= 6 and chinese_score(line) < 0.5:
            return True
    return False


def _decode_lines(data: bytes, codecs: list[str]) -> tuple[str, str] | None:
    """Each line in the codec that reads it best: for files pasted together from two encodings.
    None when one codec suits every line (then this is no mixed file) or some line reads as none."""
    lines, used = [], Counter()
    previous = None
    for raw in data.split(b"\n"):
        readings = {}
        for codec in codecs:
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            readings[codec] = (chinese_score(line), line)
        if not readings or max(score for score, _ in readings.values()) < 0.6:
            if raw.strip():
                return None
            lines.append(raw.decode("ascii", errors="replace"))
            continue
        best = max(readings, key=lambda c: (readings[c][0], c == "utf-8"))
        # a short line often reads well both ways: it goes on in the encoding of the line before
        if previous in readings and readings[previous][0] >= readings[best][0] - 0.05:
            best = previous
        lines.append(readings[best][1])
        if any(b > 0x7F for b in raw):
            used[best] += 1
            previous = best
    if len(used) < 2:
        return None
    parts = ", ".join(f"{n} line(s) {codec.upper()}" for codec, n in used.most_common())
    return "\n".join(lines), f"mixed encodings: {parts}"


def _codec_order(declared: str | None) -> list[str]:
    codec = _codec_family(declared)
    return [codec] + [c for c in ("gb18030", "big5") if c != codec] if codec else ["gb18030", "big5"]


def _codec_family(name: str | None) -> str | None:
    if not name:
        return None
    name = name.lower().replace("_", "-")
    if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"):
        return "gb18030"    # a superset: pages labelled gb2312 often use GBK characters
    if name in ("big5", "big5-hkscs", "x-big5", "cp950"):
        return "big5hkscs" if "hkscs" in name else "big5"
    return None


def _non_empty(text: str, path: str | os.PathLike) -> str:
    if not text.lstrip("\ufeff").strip():
        raise IngestError(path, "empty file (whitespace only)")
    return text.lstrip("\ufeff")


def _reject_binary(data: bytes, path: str | os.PathLike) -> None:
    head = data[:65536]
    nuls = head.count(b"\x00")
    if nuls > max(2, len(head) // 1000):   # a stray NUL in a text file becomes a space (clean_text)
        raise IngestError(path, f"binary file (contains NUL bytes: {nuls} in the first {len(head)})")
    # control bytes never occur inside UTF-8, GB18030 or Big5 characters (all ≥ 0x30)
    controls = sum(1 for b in head if b in _CONTROL_BYTES) - nuls
    if controls > max(2, len(head) // 200):
        raise IngestError(path, f"binary file ({controls} control characters in the first {len(head)} bytes)")


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None and best.chaos <= 0.1 else None


def _readable(text: str) -> bool:
    """Chinese that reads as Chinese, or text that is mostly ASCII."""
    if _HAN.search(text):
        return chinese_score(text) >= 0.6
    return sum(1 for ch in text if ord(ch) > 0x7F) <= len(text) * 0.05


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@functools.cache
def _is_common(ch: str) -> bool:
    """Level-1 character of GB2312 (3,755 commonest Simplified) or of Big5 (5,401 commonest Traditional)."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        code = ch.encode("big5")
        return 0xA440 <= (code[0] << 8 | code[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def chinese_score(text: str) -> float:
    """Share of common Chinese characters among the non-ASCII letters of `text` (1.0 when none).

    A wrong decoding of Chinese yields rare characters, kana, box drawing and private-use code
    points, so its score stays low; punctuation and full-width forms are neutral.
    """
    counted = common = 0
    for ch in text:
        if ord(ch) < 0x80 or _is_punctuation(ch):
            continue
        counted += 1
        if _HAN.match(ch) and _is_common(ch):
            common += 1
    return common / counted if counted else 1.0


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    return (0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F
            or code in (0x00B7, 0x00D7, 0x00B0, 0x2103, 0x33A1) or 0x2460 <= code <= 0x24FF
            or 0xFE30 <= code <= 0xFE4F)


# ------------------------------------------------------------------ HTML

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


def _parse_html(raw: str) -> tuple[str, dict]:
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
        found["date"] = parse_date(found["date"])
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


# ------------------------------------------------------------------ Markdown

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


def _parse_markdown(raw: str) -> tuple[str, dict]:
    meta: dict[str, str] = {}
    front = _MD_FRONT_MATTER.match(raw)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("\"'")
            if key in ("title", "author", "site", "publisher", "url") and value:
                meta[key] = value
            elif key == "date" and value:
                meta["date"] = parse_date(value)
            elif key == "source" and value:
                meta["publisher"] = value
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
    return "\n".join(lines), meta


def _strip_inline_markdown(line: str) -> str:
    for pattern, replacement in _MD_RULES:
        line = pattern.sub(replacement, line)
    return line.replace("\\", "")


# ------------------------------------------------------------------ plain-text metadata heuristics

_NAME = r"(?:[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,4})"   # 2–4 Han, or X·Y names
_SPACE = r"[ \t\u3000]"   # within a line: a byline never runs on into the next line
_NAMES = rf"{_NAME}(?:{_SPACE}*[、，, \t\u3000]{_SPACE}*{_NAME})*"
_ROLE_WORDS = frozenset({"记者", "記者", "通讯员", "通訊員", "本报", "本報", "摄影", "攝影", "实习生", "實習生",
                         "作者", "编辑", "編輯", "见习记者", "見習記者"})
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日\s*(?:电|電|讯|訊)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SOURCE = re.compile(r"(?:来源|來源|稿源)\s*[:：]\s*([^\s|｜/丨]{2,40})")
_SOURCE_END = re.compile(r"(?:作者|记者|記者|编辑|編輯|责任编辑|責任編輯|发布时间|發佈時間|时间|時間|浏览|瀏覽|\d{4}[-年]).*$")
_SITE_LINE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,14}(?:网|網|报|報)$")
_AUTHOR_PATTERNS = (
    re.compile(rf"[（(]{_SPACE}*(?:本报|本報|本台)?(?:记者|記者){_SPACE}*({_NAMES}){_SPACE}*[）)]"),
    re.compile(rf"(?:^|{_SPACE})(?:作者|记者|記者)(?:{_SPACE}*[:：]{_SPACE}*|{_SPACE}+)({_NAMES}){_SPACE}*(?=$|{_SPACE}|[）)，,])", re.M),
    re.compile(rf"(?:电|電|讯|訊){_SPACE}*[（(]{_SPACE}*({_NAMES}){_SPACE}*[）)]"),
    re.compile(rf"(?:通讯员|通訊員){_SPACE}*[:：]?{_SPACE}*({_NAMES})(?=$|{_SPACE}|[）)，,]|\d)", re.M),
    re.compile(rf"(?:^|[ \t\u3000（(])(?:记者|記者)?{_SPACE}*({_NAME}){_SPACE}*[/／]?{_SPACE}*(?:摄|攝){_SPACE}*(?=$|[ \t\u3000）)])", re.M),
)
_SENTENCE_END = "。！？!?；;…"
_META_LINE = re.compile(r"(?:来源|來源|作者|记者|記者|编辑|編輯|发布|發佈|时间|時間|浏览|瀏覽|字号|字號|点击|點擊)\s*[:：]")
_HEADER_LINES = 12


def plain_text_metadata(text: str) -> dict[str, str]:
    """Title, date, publisher, site and author from the wording of an article's first lines."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    header_lines = _header(lines)
    header = "\n".join(header_lines)
    site = _site(lines)
    source = _SOURCE.search(header) or _SOURCE.search(text)
    meta = {
        "site": site,
        "title": _title(header_lines, site),
        "date": _date(header, text),
        "publisher": _clean_source(source.group(1)) if source else None,
        "author": _authors(text),
    }
    return {k: v for k, v in meta.items() if v}


def _header(lines: list[str]) -> list[str]:
    """The lines before the body: headline, site, date/source line, byline."""
    header = []
    for line in lines[:_HEADER_LINES]:
        if _is_body(line):
            break
        header.append(line)
    return header


def _is_body(line: str) -> bool:
    return len(line) > 60 or "。" in line or bool(_DATELINE.search(line))


def _site(lines: list[str]) -> str | None:
    if lines and _SITE_LINE.match(lines[0]):
        return lines[0]
    return None


def _title(header: list[str], site: str | None) -> str | None:
    for i, line in enumerate(header):
        if line == site or _is_furniture(line) or line[-1] in _SENTENCE_END or not _HAN.search(line):
            continue
        following = header[i + 1] if i + 1 < len(header) else ""
        if following.startswith(("——", "—", "--")):
            return line + following   # headline and its subtitle
        return line
    return None


def _is_furniture(line: str) -> bool:
    """Breadcrumbs, date/source/byline lines and other page furniture around the headline."""
    return (">>" in line or "＞＞" in line or "»" in line or " > " in line
            or line.startswith(("首页", "首頁", "当前位置", "當前位置", "您的位置", "——", "—", "记者", "記者",
                                "本报记者", "本報記者", "通讯员", "通訊員", "作者", "（", "("))
            or bool(_META_LINE.search(line)) or bool(_FULL_DATE.match(line))
            or line.endswith(("：", ":")))


def _date(header: str, text: str) -> str | None:
    for match in _FULL_DATE.finditer(header):
        found = _valid_date(*match.groups())
        if found:
            return found
    dateline = _DATELINE.search(text[:600])
    if dateline:
        years = Counter(_YEAR.findall(text))
        if years:
            year = years.most_common(1)[0][0]
            return _valid_date(year, *dateline.groups())
    return None


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """'2023-05-03T08:44:00+08:00', '2023年05月03日08:44', '2023/5/3' → '2023-05-03'."""
    match = _FULL_DATE.search(value)
    return _valid_date(*match.groups()) if match else None


def _clean_source(value: str) -> str | None:
    value = re.sub(r"^(?:来源|來源|稿源)\s*[:：]\s*", "", value.strip())
    value = _SOURCE_END.sub("", value).strip(" 　:：,，。;；)）(（")
    return value or None


def _authors(text: str) -> str | None:
    names: list[str] = []
    # bylines and datelines sit in the header or the lead paragraph; photo credits also at the end
    region = text[:800] + "\n" + text[-300:] if len(text) > 1100 else text
    for pattern in _AUTHOR_PATTERNS:
        for match in pattern.finditer(region):
            for name in re.split(r"[ \t\u3000、，,]+", match.group(1)):
                if name and name not in _ROLE_WORDS and name not in names:
                    names.append(name)
    return "、".join(names) or None


# ------------------------------------------------------------------ script

def _t2s():
    from .script import converter
    return converter("t2s")


def detect_script(text: str) -> str:
    """'traditional' when Traditional→Simplified conversion changes a meaningful share of Han characters."""
    han = _HAN.findall(text)
    if not han:
        return "simplified"
    sample = "".join(han[:5000])
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return "traditional" if changed / len(sample) >= 0.05 else "simplified"
