"""Article metadata: title, date, publisher, site, author, URL — from where reporters put them.

* the wording of a plain text's first lines (headline, 来源：…, a dated line, bylines);
* a `metadata.csv` beside the articles (columns file, title, date, url, publisher, and optionally
  author, site): what it says wins over what is read from the article;
* Markdown front matter and HTML metadata are read by aidkg.markdown_text and aidkg.html_text.

Dates are kept as precise as the source states them: "YYYY-MM-DD", "YYYY-MM" or "YYYY" (written
as xsd:date, xsd:gYearMonth or xsd:gYear). A year is never guessed: a dateline's 1月27日电 without
a year gives no date (the most frequent year in the text is often another story's).
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
from datetime import date
from pathlib import Path

from .sources import METADATA_FILE

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_NAME = r"(?:[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,4})"   # 2–4 Han, or X·Y names
_SPACE = r"[ \t\u3000]"   # within a line: a byline never runs on into the next line
_NAMES = rf"{_NAME}(?:{_SPACE}*[、，, \t\u3000]{_SPACE}*{_NAME})*"
_ROLE_WORDS = frozenset({"记者", "記者", "通讯员", "通訊員", "本报", "本報", "摄影", "攝影", "实习生", "實習生",
                         "作者", "编辑", "編輯", "见习记者", "見習記者"})
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
_DATELINE = re.compile(r"(\d{1,2})月(\d{1,2})日\s*(?:电|電|讯|訊)")
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


# ------------------------------------------------------------------ dates

_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?(?!\s*[-/.]?\s*\d)")
_YEAR_ONLY = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*$")
# a line that labels its date: 发布时间：2024-03-18 10:32, 日期: 2024年3月18日, date 2026-01-27
_LABELLED_DATE = re.compile(r"(?:发布时间|發佈時間|发布日期|發佈日期|发表时间|發表時間|日期|时间|時間|(?<![A-Za-z])date)\s*[:：]?\s*"
                            r"((?:19|20)\d{2}\s*(?:年|[-/.])\s*\d{1,2}(?:\s*(?:月|[-/.])\s*\d{1,2}\s*日?)?)", re.I)


def parse_date(value: str | None) -> str | None:
    """A date as precise as `value` states it: '2023-05-03T08:44:00+08:00', '2023年05月03日' →
    '2023-05-03'; '2023年5月', '2023-05' → '2023-05'; '2023', '2023年' → '2023'; else None."""
    if not value:
        return None
    value = str(value).strip()
    match = _FULL_DATE.search(value)
    if match:
        return _valid_date(*match.groups())
    match = _YEAR_MONTH.search(value)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    match = _YEAR_ONLY.match(value)
    return match.group(1) if match else None


def date_precision(value: str) -> str:
    """'day', 'month' or 'year' for a date written by parse_date."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "day")


def _date(header: str, text: str) -> str | None:
    """The date the header lines state in full, or a labelled date near the top; never a dateline
    (月日电) completed with a year taken from elsewhere in the text."""
    for match in _FULL_DATE.finditer(header):
        found = _valid_date(*match.groups())
        if found:
            return found
    for match in _LABELLED_DATE.finditer(text[:300]):
        found = parse_date(match.group(1))
        if found:
            return found
    return None


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


# ------------------------------------------------------------------ metadata.csv

CSV_COLUMNS = ("file", "title", "date", "url", "publisher", "author", "site")


class MetadataTable:
    """The rows of a metadata.csv, by the resolved path of the article each names."""

    def __init__(self, path: Path):
        self.path = path
        self.rows: dict[str, dict[str, str]] = {}
        self.problems: list[str] = []
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.append(f"{path}: cannot be read: {exc.strerror or exc}")
            return
        text = raw.decode("utf-8-sig", errors="replace")
        reader = csv.DictReader(io.StringIO(text))
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "file" not in fields:
            self.problems.append(f"{path}: no 'file' column (expected: {', '.join(CSV_COLUMNS)})")
            return
        reader.fieldnames = fields
        for line, row in enumerate(reader, start=2):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            values = {k: (row.get(k) or "").strip() for k in CSV_COLUMNS[1:] if (row.get(k) or "").strip()}
            self.rows[str((path.parent / name).resolve())] = {**values, "_line": str(line)}

    def for_article(self, article: Path) -> dict[str, str] | None:
        return self.rows.get(str(Path(article).resolve()))


@functools.lru_cache(maxsize=64)
def _table(folder: str, mtime_ns: int) -> MetadataTable:
    return MetadataTable(Path(folder) / METADATA_FILE)


def csv_mtime(article: Path) -> int:
    """Modification time (ns) of the metadata.csv nearest above `article`, 0 when there is none: a
    file cache keyed on the article's own time must also see its row change."""
    folder = Path(article).resolve().parent
    for candidate in (folder, *folder.parents):
        try:
            return os.stat(candidate / METADATA_FILE).st_mtime_ns
        except OSError:
            continue
    return 0


def csv_metadata(article: Path) -> tuple[dict[str, str], list[str]]:
    """What a metadata.csv in the article's folder (or a folder above it) says of the article:
    (fields, problems). Fields: title, date (as parse_date gives it), url, publisher, author, site."""
    folder = Path(article).resolve().parent
    for candidate in (folder, *folder.parents):
        csv_path = candidate / METADATA_FILE
        try:
            mtime = os.stat(csv_path).st_mtime_ns
        except OSError:
            continue
        table = _table(str(candidate), mtime)
        row = table.for_article(article)
        if row is None:
            continue
        fields = {k: v for k, v in row.items() if not k.startswith("_")}
        problems = []
        if "date" in fields:
            parsed = parse_date(fields["date"])
            if parsed is None:
                problems.append(f"{csv_path}, line {row['_line']}: date {fields['date']!r} is no date "
                                "(YYYY-MM-DD, YYYY-MM or YYYY); left out")
                del fields["date"]
            else:
                fields["date"] = parsed
        return fields, problems + table.problems
    return {}, []
