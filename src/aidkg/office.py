"""PDF and Word (.docx) articles → text and metadata (pypdf, python-docx).

PDF: the text layer of every page (a scanned PDF without one is an error: no text recognition
is done); lines a page broke inside a sentence are joined again, so that sentences are whole.
Word: paragraphs and tables in document order, a table row as one line with its cells one space
apart (as aidkg.tables reads rows). The title (and author) of the file's properties are taken
when they are real words; its creation date is not the article's date and is not used.
Both formats are compressed: the text they unpack to is bounded (MAX_TEXT_CHARACTERS, and
MAX_UNPACKED_BYTES for the parts of a .docx) so that a small file cannot unpack without end.
"""
from __future__ import annotations

import io
import re
import statistics
import zipfile

from .sources import IngestError

MAX_TEXT_CHARACTERS = 5_000_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = tuple("。！？!?；;：:…”」』）)")
# PDF writers set figures in another font than the Chinese around them, and text extraction puts
# a space at each change of font: 总投资 1950 万 → 总投资1950万 (a space beside a Han character
# carries nothing in Chinese text)
_CJK_SPACE = re.compile(r"(?<=[\u2e80-\u2fdf\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z.%])"
                        r"|(?<=[0-9A-Za-z.%]) (?=[\u2e80-\u2fdf\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def pdf_article(data: bytes, path) -> tuple[str, dict, list[str]]:
    """(text, metadata, problems) of a PDF file."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its warnings about odd objects are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise IngestError(path, "encrypted PDF (a password is needed to read it)")
        pages, total, problems = [], 0, []
        for number, page in enumerate(reader.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:   # one damaged page does not lose the others
                problems.append(f"page {number} not read: {type(exc).__name__}")
                continue
            total += len(text)
            if total > MAX_TEXT_CHARACTERS:
                raise IngestError(path, f"PDF text longer than {MAX_TEXT_CHARACTERS:,} characters; not read")
            pages.append(text)
        info = reader.metadata or {}
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise IngestError(path, f"not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    text = "\n".join(_join_broken_lines(_CJK_SPACE.sub("", page)) for page in pages).strip()
    if not text:
        raise IngestError(path, "PDF has no text layer (a scan? text recognition is not done)")
    meta = {"title": _real(info.get("/Title")), "author": _real(info.get("/Author"))}
    return text, {k: v for k, v in meta.items() if v}, problems


def _join_broken_lines(page: str) -> str:
    """A page's lines with the breaks inside sentences removed: a line is joined to the one before
    unless that one ends a sentence or is clearly shorter than the page's full lines."""
    lines = [line.strip() for line in page.split("\n")]
    lengths = [len(line) for line in lines if len(line) > 5]
    full = statistics.median(lengths) if lengths else 0
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1] and not out[-1].endswith(_SENTENCE_END) and len(out[-1]) >= 0.8 * full \
                and full >= 6:
            glue = " " if out[-1][-1].isascii() and line[0].isascii() else ""
            out[-1] += glue + line
        else:
            out.append(line)
    return "\n".join(line for line in out if line)


def docx_article(data: bytes, path) -> tuple[str, dict, list[str]]:
    """(text, metadata, problems) of a Word .docx file."""
    _check_zip(data, path)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        total = 0
        for block in document.iter_inner_content():
            rows = ([" ".join(_cell_text(c) for c in _unique_cells(row)) for row in block.rows]
                    if isinstance(block, Table) else [block.text])
            for line in rows:
                line = line.strip()
                if line:
                    lines.append(line)
                    total += len(line)
            if total > MAX_TEXT_CHARACTERS:
                raise IngestError(path, f"Word text longer than {MAX_TEXT_CHARACTERS:,} characters; not read")
        props = document.core_properties
        meta = {"title": _real(props.title), "author": _real(props.author)}
    except IngestError:
        raise
    except Exception as exc:   # python-docx raises many kinds on a damaged package
        raise IngestError(path, f"not a readable Word .docx file ({type(exc).__name__}: {str(exc)[:120]})") from None
    text = "\n".join(lines)
    if not text:
        raise IngestError(path, "Word document has no text")
    return text, {k: v for k, v in meta.items() if v}, []


def _unique_cells(row):
    # a merged cell is returned once per grid column it spans: keep it once
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_text(cell) -> str:
    return " ".join(cell.text.split()) or "-"


def _check_zip(data: bytes, path) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            names = set(package.namelist())
    except zipfile.BadZipFile:
        raise IngestError(path, "not a Word .docx file (not a zip package; an old .doc must be saved as .docx)") from None
    if "word/document.xml" not in names:
        raise IngestError(path, "not a Word .docx file (no word/document.xml in the package)")
    if unpacked > MAX_UNPACKED_BYTES:
        raise IngestError(path, f"Word package unpacks to {unpacked // 2**20} MB (more than "
                                f"{MAX_UNPACKED_BYTES // 2**20} MB); not read")


def _real(value) -> str | None:
    """A title or author from file properties, unless it is a placeholder or a file name."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text or not _HAN.search(text) or re.search(r"\.(docx?|pdf|wps)$|^Microsoft Word", text, re.I):
        return None
    return text
