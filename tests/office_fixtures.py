"""PDF and Word files made by the tests (text invented here): a minimal PDF written byte by byte,
and .docx files written with python-docx."""
from __future__ import annotations

from pathlib import Path


def minimal_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds `lines` (a Type0 font with Identity-H encoding whose
    character ids are the Unicode code points, mapped back by a ToUnicode CMap; no glyphs are
    embedded, so it shows no text, but every PDF reader extracts it)."""
    def hex_text(line: str) -> str:
        return "".join(f"{ord(ch):04X}" for ch in line)

    ops = ["BT", "/F1 12 Tf", "14 TL", "40 800 Td"]
    for line in lines:
        ops.append(f"<{hex_text(line)}> Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode("ascii")
    blocks = sorted({ord(ch) >> 8 for line in lines for ch in line} | {0})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(blocks)} beginbfrange\n"
            + "".join(f"<{b:02X}00> <{b:02X}FF> <{b:02X}00>\n" for b in blocks)
            + "endbfrange endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")
    info = ""
    if title is not None:
        info = f"/Title <FEFF{hex_text(title)}>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AidkgTest /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AidkgTest /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
        b"/FontDescriptor 8 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /AidkgTest /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        f"<< {info} /Producer (aidkg tests) >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, len(objects), xref))
    return bytes(out)


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
               title: str | None = None, author: str | None = None, table_after: int = 1) -> Path:
    """A Word file: paragraphs, optionally a table after the first `table_after` paragraphs."""
    import docx

    document = docx.Document()
    for i, text in enumerate(paragraphs):
        if table is not None and i == table_after:
            _add_table(document, table)
        document.add_paragraph(text)
    if table is not None and table_after >= len(paragraphs):
        _add_table(document, table)
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    document.save(path)
    return path


def _add_table(document, rows: list[list[str]]) -> None:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
