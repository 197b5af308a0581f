"""Coordinated lists summed up by a count: 疏勒、岳普湖和英吉沙三县, 虎门、塘厦、清溪和长安四镇,
A、B、C等11家企业. The count word gives every item its class, so an item the gazetteer knows only
as a doubtful short form stands, one it reads at another level (长安 the district, in a list of
towns) is read at the list's level, and one only the tagger saw becomes a name of that class."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import rules
from .common import HAN
from .scope import Scope

_ITEM_TAGS = {"LOC", "ORG", "PER", "nz", "n", "nw", "j", "s", "an", "vn"}
# the classes a gazetteer division may have to be an item of a list of that kind
_AGREES = {"Township": {"Township"}, "Village": {"Village"}, "County": {"County"},
           "Region": {"County", "Prefecture"}, "Prefecture": {"Prefecture"}, "XPCCUnit": {"XPCCUnit"}}


@lru_cache(maxsize=1)
def _count_regex() -> re.Pattern[str]:
    kinds = sorted((k for k in rules()["counted_kinds"] if not k.startswith("_")), key=len, reverse=True)
    return re.compile(rf"(?P<etc>等)?(?P<n>[两二三四五六七八九十]|[1-9]\d?)(?P<cl>个|家|座)?"
                      rf"(?P<adj>[{HAN}]{{0,4}}?)(?P<kind>{'|'.join(map(re.escape, kinds))})")


def counted_places(s: Scope) -> None:
    kinds = rules()["counted_kinds"]
    for m in _count_regex().finditer(s.text):
        cls = kinds[m.group("kind")]
        firms = cls == "Enterprise"
        if firms != (m.group("cl") == "家") or not firms and (m.group("adj") or m.group("cl") == "座"):
            continue  # 三个重点镇 names no list of towns; firms are counted by 家
        if not firms and _INSTITUTION_AFTER.match(s.text, m.end()):
            continue  # A、B5个社区卫生服务中心, 9个乡镇卫生院: the places' institutions are counted, not the places
        items = _items(s, s.base + m.start())
        n = _number(m.group("n"))
        if len(items) < 2 or not (len(items) == n or m.group("etc") and n > len(items)):
            continue
        for a, b in items:
            _add_item(s, a, b, cls)


_INSTITUTION_AFTER = re.compile(rf"[{HAN}]{{0,6}}?(?:中心|医院|卫生院|学校|小学|中学|幼儿园|项目|工程)")
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _number(n: str) -> int:
    return int(n) if n.isdigit() else _NUMERALS[n]


def _items(s: Scope, end: int) -> list[tuple[int, int]]:
    """The items of the list ending at `end` (absolute), right to left: runs of name-like tokens
    between separators; the count may be glued to the last item in one token (青河三县)."""
    separators = set(rules()["list_separators"])
    tokens = [t for t in s.tokens if t.start < end]
    if tokens and tokens[-1].end > end:
        t = tokens[-1]
        tokens[-1] = Token(t.start, end, t.text[:end - t.start], t.tag)
    items: list[tuple[int, int]] = []
    i = len(tokens) - 1
    while i >= 0:
        j = i
        while j >= 0 and tokens[j].tag in _ITEM_TAGS and tokens[j].text not in separators \
                and tokens[i].end - tokens[j].start <= 8 and i - j < 3:
            j -= 1
        if j == i:
            break
        a, b = tokens[j + 1].start, tokens[i].end
        if not re.fullmatch(rf"[{HAN}]{{2,8}}", s.doc.norm[a:b]):
            break
        items.append((a, b))
        if j < 0 or tokens[j].text not in separators or tokens[j].end != a:
            break
        i = j - 1
    # the first item may have taken words of the clause before it (经济实力较强的|虎门): keep its last token
    if len(items) >= 2:
        a, b = items[-1]
        last = next(t for t in reversed(tokens) if t.start >= a and t.end <= b)
        if b - a > 4 and last.end - last.start >= 2:
            items[-1] = (last.start, b)
    return items[::-1]


def _add_item(s: Scope, a: int, b: int, cls: str) -> None:
    agree = _AGREES.get(cls, set())
    same = [m for m in s.found if m.start == a and m.end == b]
    placed = [m for m in same if m.source.startswith("gazetteer") and m.cls in agree]
    if placed:
        for m in placed:
            m.source = "gazetteer"  # the list confirms a doubtful short form
        return
    for m in same:
        if m.source.startswith("gazetteer"):
            s.found.remove(m)  # 长安 the district, in a list of towns: the town
    if any(m.start < b and a < m.end for m in s.found):
        return  # part of another name
    name = s.doc.norm[a:b]
    hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and h.end == len(name)
                and h.xpcc is None), None)
    divs = [d for d in (hit.candidates if hit else ()) if d.cls in agree]
    if len(divs) == 1:
        d = divs[0]
        s.found.append(Mention(a, b, d.cls, "gazetteer", code=d.code, canonical=d.name, candidates=(d,)))
    elif cls != "XPCCUnit":
        # a county or city the gazetteer does not know (or knows several of) is a plain region
        s.found.append(Mention(a, b, cls if cls in ("Township", "Village", "Enterprise") else "Region",
                               "grammar:counted-list", candidates=tuple(divs)))
