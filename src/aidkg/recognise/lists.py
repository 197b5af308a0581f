"""Coordinated lists summed up by a count: 疏勒、岳普湖和英吉沙三县, 虎门、塘厦、清溪和长安四镇,
A、B、C等11家企业. The count word gives every item its class, so an item the gazetteer knows only
as a doubtful short form stands, one it reads at another level (长安 the district, in a list of
towns) is read at the list's level, and one only the tagger saw becomes a name of that class."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import rules, word_set
from .common import HAN, REGIONISH
from .scope import Scope

_ITEM_TAGS = {"LOC", "ORG", "PER", "nz", "n", "nw", "j", "s", "an", "vn"}
# the classes a gazetteer division may have to be an item of a list of that kind
_AGREES = {"Township": {"Township"}, "Village": {"Village"}, "County": {"County"},
           "Region": {"County", "Prefecture"}, "Prefecture": {"Prefecture"}, "XPCCUnit": {"XPCCUnit"}}


@lru_cache(maxsize=1)
def _count_regex() -> re.Pattern[str]:
    kinds = sorted((k for k in rules()["counted_kinds"] if not k.startswith("_")), key=len, reverse=True)
    return re.compile(rf"(?P<etc>等)?(?P<n>[两二三四五六七八九十]|[1-9]\d?|{'|'.join(_BATCHES)})(?P<cl>个|家|座)?"
                      rf"(?P<adj>[{HAN}]{{0,4}}?)(?P<kind>{'|'.join(map(re.escape, kinds))})")


_PROPER_TAGS = {"LOC", "ORG", "PER", "nz", "nw"}
# an unnumbered batch of firms (A、B、C等一批国内大型企业): every item a firm, however many
_BATCHES = ("一批", "一大批", "众多", "诸多", "多家", "数家", "十余家", "几家")


def counted_places(s: Scope) -> None:
    kinds = rules()["counted_kinds"]
    for m in _count_regex().finditer(s.text):
        cls = kinds[m.group("kind")]
        firms = cls == "Enterprise"
        batch = m.group("n") in _BATCHES
        if batch and not (firms and m.group("etc")):
            continue  # 一批重点镇: only firms are summed up by a batch, and after 等
        if not batch and firms != (m.group("cl") == "家") or not firms and (m.group("adj") or m.group("cl") == "座"):
            continue  # 三个重点镇 names no list of towns; firms are counted by 家
        if not firms and _INSTITUTION_AFTER.match(s.text, m.end()):
            continue  # A、B5个社区卫生服务中心, 9个乡镇卫生院: the places' institutions are counted, not the places
        items = _items(s, s.base + m.start())
        n = 99 if batch else _number(m.group("n"))
        if len(items) < 2 or not (len(items) == n or m.group("etc") and n > len(items)):
            continue
        if batch and not all(any(t.tag in _PROPER_TAGS and a <= t.start and t.end <= b for t in s.tokens) for a, b in items):
            continue  # 纺织、服装、电子等一批企业: industries, not firms' names
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
    if any(m.start < b and a < m.end and not (cls == "Enterprise" and m.cls in REGIONISH and a <= m.start and m.end <= b)
           for m in s.found):
        return  # part of another name (a firm's short name may hold places: 河南永泰)
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


def firm_siblings(s: Scope) -> None:
    """A、B、C where one item is a firm named by its grammar (恒达纺织有限公司) and the others have a
    firm's short shape — a place then a word the tagger marks as a name (河南|永泰, 浙江|中欣) — lists
    firms: the siblings are firms too. (A product after a place, 新疆|棉花/n, is no firm's name.)"""
    seps = ("、", "和", "及", "与")
    firms = [m for m in s.found if m.cls == "Enterprise" and m.source.startswith("grammar:")]
    tokens = s.tokens
    for e in firms:
        left = next((i for i, t in enumerate(tokens) if t.end == e.start), None)
        right = next((i for i, t in enumerate(tokens) if t.start == e.end), None)
        items = _side_items(tokens, left, -1, seps) + _side_items(tokens, right, 1, seps)
        for a, b in items:
            if _short_firm_shape(s, a, b) and not any(
                    m.start < b and a < m.end and not (m.cls in REGIONISH and a <= m.start and m.end <= b) for m in s.found):
                s.found.append(Mention(a, b, "Enterprise", "grammar:firm-list"))


def _side_items(tokens: list[Token], i: int | None, step: int, seps: tuple[str, ...]) -> list[tuple[int, int]]:
    """The items of a list on one side of a name: separator, up to three name-like tokens, again."""
    items: list[tuple[int, int]] = []
    while i is not None and 0 <= i < len(tokens) and tokens[i].text in seps:
        j, run = i + step, []
        while 0 <= j < len(tokens) and len(run) < 3 and tokens[j].tag in _ITEM_TAGS and tokens[j].text not in seps:
            run.append(tokens[j])
            j += step
        if not run:
            break
        run.sort(key=lambda t: t.start)
        items.append((run[0].start, run[-1].end))
        if tokens[i].text != "、":
            break  # 和/及 joins the last item only
        i = j
    return items


def _short_firm_shape(s: Scope, a: int, b: int) -> bool:
    name = s.doc.norm[a:b]
    if not re.fullmatch(rf"[{HAN}]{{4,8}}", name):
        return False
    hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and not h.is_word and h.xpcc is None), None)
    if hit is None or not 2 <= len(name) - hit.end <= 4:
        return False
    if name[hit.end:] in rules()["enterprise_generic_words"]:
        return False
    whole = [t for t in s.tokens if t.start <= a and b <= t.end]
    if whole:
        return whole[0].tag in _PROPER_TAGS  # 浙江中欣/LOC: the tagger's one word
    rest = [t for t in s.tokens if a + hit.end <= t.start and t.end <= b]
    return bool(rest) and rest[0].start == a + hit.end and all(t.tag in _PROPER_TAGS for t in rest)


def facility_siblings(s: Scope) -> None:
    """A大桥、B大桥和C大桥: an item of a list that ends with the head of a facility named beside it
    (a bridge, road, station: the 'placed' heads) is a facility of that kind too, whatever the
    tagger made of its words (迎亲/v 大桥/n)."""
    from ..lexicon import suffix_class
    sfx = suffix_class()
    text, base, tokens = s.text, s.base, s.tokens
    named = [m for m in s.found if m.cls == "Project" and m.source.startswith("grammar:")
             and "placed" in getattr(sfx.get(m.source.split(":", 1)[1]), "flags", ())]
    for m in named:
        head = m.source.split(":", 1)[1]
        for a, b in _list_neighbours(tokens, m):
            item = text[a - base:b - base]
            if not item.endswith(head) or not 2 <= len(item) - len(head) <= 6 or not re.fullmatch(rf"[{HAN}]+", item):
                continue
            words = [t for t in tokens if a <= t.start and t.end <= b]
            if re.match(r"[这该那各每其一两二三四五六七八九十几多数]", item) or any(t.tag == "m" for t in words) \
                    or any(t.text in word_set("construction_verbs") | word_set("boundary_verbs") for t in words):
                continue  # 两座大桥, 该大桥, 新建大桥: a count, a reference or the works, no name
            if any(x.start < b and a < x.end for x in s.found if x.cls not in REGIONISH or not (a <= x.start and x.end <= b)):
                continue
            s.found.append(Mention(a, b, "Project", f"grammar:{head}"))


def _list_neighbours(tokens: list[Token], m: Mention) -> list[tuple[int, int]]:
    """The items right before and after a mention in a list (、 between items, 和/及/与 before the
    last): the tokens between two separators, at most four."""
    seps = {"、", "和", "及", "与", "以及"}
    out: list[tuple[int, int]] = []
    left = next((i for i, t in enumerate(tokens) if t.end == m.start), None)
    right = next((i for i, t in enumerate(tokens) if t.start == m.end), None)
    for i, step in ((left, -1), (right, 1)):
        if i is None or tokens[i].text not in seps:
            continue
        j, run = i + step, []
        while 0 <= j < len(tokens) and len(run) < 4 and tokens[j].tag != "w" and tokens[j].text not in seps:
            run.append(tokens[j])
            j += step
        if run and (not 0 <= j < len(tokens) or tokens[j].tag == "w" or tokens[j].text in seps):
            run.sort(key=lambda t: t.start)
            out.append((run[0].start, run[-1].end))
    return out


def elided_routes(s: Scope) -> None:
    """A至B、C至D高速公路(改建项目): a route before a listed route that carries the head is a road
    of the same kind, named by its two ends as written (the head said once for both)."""
    text, base, tokens = s.text, s.base, s.tokens
    for m in [m for m in s.found if m.cls == "Project"]:
        first = next((i for i, t in enumerate(tokens) if t.start == m.start), None)
        if first is None or first + 2 >= len(tokens) or tokens[first + 1].text not in ("至", "到") \
                or not _place_word(s, tokens[first]):
            continue  # the listed name must open with its own route (C至…)
        k = first - 1
        if k < 3 or tokens[k].text not in ("、", "和", "及", "与") or tokens[k - 2].text not in ("至", "到"):
            continue
        a, b = tokens[k - 3], tokens[k - 1]
        if not (_place_word(s, a) and _place_word(s, b)) or any(x.start < b.end and a.start < x.end
                                                               for x in s.found if x.cls not in REGIONISH):
            continue
        s.found.append(Mention(a.start, b.end, "Project", "grammar:elided-route"))


def _place_word(s: Scope, t: Token) -> bool:
    """The token is a place: the tagger's, or one the gazetteer found."""
    return t.tag == "LOC" or any(r.start == t.start and r.end == t.end and r.cls in REGIONISH for r in s.found)
