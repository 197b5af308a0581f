"""Derive src/aidkg/data/cjk_radicals.tsv: CJK Radicals Supplement characters → the unified ideograph
drawn by the same glyph.

PDF writers map a glyph back to *a* code point of the font that draws it; Noto CJK draws 青 and
the radical ⻘ (U+2ED8) with one glyph, so a PDF may spell 青石县 as ⻘石县. Kangxi radicals
(U+2F00–U+2FD5) have Unicode compatibility decompositions (NFKC); these do not, so the table is
read from the font's own character map: for each radical, the ideograph sharing its glyph.

    python scripts/build_radicals.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

Source: Noto Sans CJK (Debian package fonts-noto-cjk, SIL Open Font License).
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTCollection

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = Path(__file__).resolve().parent.parent / "src" / "aidkg" / "data" / "cjk_radicals.tsv"


def unified(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3134F
            or 0xF900 <= cp <= 0xFAFF)


def main(font_path: str = FONT) -> None:
    found: dict[int, set[int]] = {}
    for font in TTCollection(font_path).fonts:
        cmap = font.getBestCmap()
        by_glyph: dict[str, list[int]] = {}
        for cp, glyph in cmap.items():
            if unified(cp):
                by_glyph.setdefault(glyph, []).append(cp)
        for cp, glyph in cmap.items():
            if 0x2E80 <= cp <= 0x2EFF and glyph in by_glyph:
                found.setdefault(cp, set()).update(by_glyph[glyph])
    rows = ["# radical\tideograph\tname (derived by scripts/build_radicals.py from Noto Sans CJK's character map)"]
    for cp in sorted(found):
        targets = sorted(found[cp])
        if len(targets) != 1:
            continue   # one glyph for several ideographs: no single reading
        rows.append(f"{chr(cp)}\t{chr(targets[0])}\t{unicodedata.name(chr(cp))}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows) - 1} radicals → {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
