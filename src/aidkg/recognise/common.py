"""What the recognise components share: character classes, quantity words, token look-ups."""
from __future__ import annotations

import re

from ..document import Mention, Token
from ..lexicon import rules

HAN = "\u4e00-\u9fff"
QUANTITY = re.compile(r"^[\d.一二三四五六七八九十百千万亿两几多余]+(个|项|所|家|名|座|条|批|次|人|场|件|种|户|处|栋|万|亿)?$")
DIGITS = re.compile(r"[\d０-９]|第[一二三四五六七八九十百零\d]+")
# mentions of places: they may nest inside other names (乌恰县第二小学 names 乌恰县)
REGIONISH = {"Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "Region"}
# 一些银行, 各级政府, 市政府: a description or a reference, not a name
# (市委市政府, 县委县政府, 州党委政府: the two bodies of a level, named together)
BARE_LEVEL_BODY = re.compile(r"(?:(?:省|市|县|区|州|乡|镇|自治区)(?:委|党委))?(?:省|市|县|区|州|乡|镇|自治区|各级|地方)?"
                             r"(?:政府|党委|人大|政协)")


def quoted_way_of_working(text: str, start: int, end: int) -> bool:
    """“兵地通办”工作机制, “X”模式: a quoted word (text[start:end], offsets into `text`) followed by a
    word for a way of working names that way, no body, firm or place."""
    return text[start - 1:start] in ("“", "「") and text[end:end + 1] in ("”", "」") \
        and text.startswith(tuple(rules()["slogan_followers"]), end + 1)


def starts_with_determiner(name: str) -> bool:
    """一些银行, 该公司, 本次…: a determiner opens a description; 本地/本土 are no determiners."""
    return name.startswith(tuple(rules()["determiners"])) and not name.startswith(tuple(rules()["non_determiners"]))


def token_bounds(tokens: list[Token]) -> tuple[set[int], set[int]]:
    return {t.start for t in tokens}, {t.end for t in tokens}


def tag_at(tokens: list[Token], start: int, end: int) -> str | None:
    """The tag of the token covering [start, end) exactly or containing it."""
    for t in tokens:
        if t.start <= start and end <= t.end:
            return t.tag
    return None


def snap_to_places(start: int, end: int, regions: list[Mention]) -> int:
    """A name that starts inside a place name starts with it (疏附|县… → 疏附县…), and the places
    written right before it belong to it (X县Y镇Z合作社)."""
    moved = True
    while moved:
        moved = False
        for r in regions:
            if r.start < start < r.end or (r.end == start and r.end - r.start >= 2 and r.start < start):
                if r.end <= end and r.start < start:
                    start, moved = r.start, True
    return start
