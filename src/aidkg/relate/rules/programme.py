"""Pairings a sentence states only through its programme: a sentence about paired aid (援X, 对口…,
帮扶, 援建, 东西部协作, two provinces' initials + 协作 such as 粤桂协作) that names one place on each
side of it — the side reference data gives (data/paired_aid_sides.tsv) — pairs the two, however
the words between them run (A、B携手…粤桂协作, 自鲁渝协作开展以来，A立足B所需, A援建的“…”B县X镇…)."""
from __future__ import annotations

import re
from functools import lru_cache

from ... import gazetteer as gz
from ...lexicon import aid_marker
from ..direction import orient, paired, pairing_level, province_code
from ..engine import REGION, Ctx, chain_of, clause_of, rule, span_start
from ..places import division_of, inside as lies_inside, tagger_only

FAMILY = "pairing"

# the units a pairing joins; a town or village in a chain speaks for the county it lies in
_UNITS = ("Province", "Prefecture", "County", "XPCCUnit")
# a clause that holds a meeting names its venue, no side (在R举行, 分R和Q两个主会场)
_HELD = re.compile(r"举行|召开|举办|开幕|闭幕|落幕|会场")
# 从R引进企业: where a firm comes from, no side
_ORIGIN = re.compile(r"从$")


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    return re.compile(r"东西部(?:扶贫)?协作|对口|援建|帮扶|支援|协作|" + aid_marker().pattern)


_BLEND_WORD = re.compile(r"(?:东西部)?(?:扶贫|对口)?(?:协作|合作|两地)")


@rule("programme-sides", FAMILY, examples={
    "今年以来，广东吴川市、广西三江侗族自治县携手推进两地粤桂协作工作。": [("吴川市", "supports", "三江侗族自治县")],
    "自鲁渝协作工作开展以来，聊城始终立足彭水所需，发挥自身所能。": [("聊城市", "supports", "彭水苗族土家族自治县")],
    # a chain's town speaks for its county: the county is the partner, not the town
    "深圳市援建的“边境小康村”在察隅县竹瓦根镇全面完工。": [("深圳市", "supports", "察隅县")],
}, counter=(
    "沪滇协作推介会在上海市举行，普洱市副市长出席。",      # the venue is no side of the pairing
    "粤桂协作推动广州市、深圳市企业到百色市投资。",        # two places on one side: which one is the partner?
    "东西部协作引进的温州恒达鞋业有限公司在盘州市投产。",  # a place inside a firm's name is no side
    "中国科学院新疆生态与地理研究所专家在和田县指导援疆项目。",  # nor one inside an institute's name
    "成渝两地协作共建产业园，成都市与万州区签约。",        # neighbours: reference data gives no side
    "江苏省援青干部在共和县开展工作。",                    # a province pairs with prefectures, not counties
    "鲁渝协作引进的企业在喀什地区疏附县投资。",            # the places are not the partnership's provinces
    "青松省对口支援新疆前方指挥部从九江市引进企业，在阿克陶县建厂投产。",  # where a firm comes from
    "活动分杭州和阿克苏两个主会场，各援疆地市分会场同时进行。",  # venues
    "滨州市援青干部人才服务青海省。",                      # a city pairs with a unit of the province
    "在台州援疆助力下，第一师七团的白杨湖公园成为景点。",  # a regiment is where the project is
))
def programme_sides(ctx: Ctx):
    """A sentence with a programme word naming exactly two places, one on each side reference
    data gives (a place outside 新疆/西藏/青海 gives to one inside; an eastern province's place to a
    western one): the first gives to the second. Venues (在R举行) and places inside names are no
    side; a place holding another named in the sentence gives way to it (广东吴川市 → 吴川市); a
    blend's two provinces (粤桂) must be the two places' provinces; a province's partner is a
    prefecture or division (pairing_level)."""
    sentence = ctx.sentence
    if not _marker().search(sentence):
        return
    blend = _blend_provinces(ctx)
    places = []
    for m in ctx.ms:
        if m.entity.cls not in REGION or m.source == "gazetteer:abbreviation" or tagger_only(m):
            continue
        unit = _unit(chain_of(m))
        if unit is None:
            continue
        a, b = clause_of(ctx, m.end - 1)
        if _HELD.search(ctx.text(a, b)) or _ORIGIN.search(ctx.text(a, span_start(m))):
            continue
        if unit not in places:
            places.append(unit)
    # a place holding another the sentence names gives way to it (广东|吴川市 is one place)
    places = [p for p in places if not any(q is not p and lies_inside(q, p) is True for q in places)]
    if len(places) != 2:
        return
    sides = orient(ctx.doc, *places)
    if sides is None:
        return
    if blend is not None and {province_code(ctx.doc, p) for p in places} != blend:
        return
    donor, recipient = sides
    if recipient.cls == "Province" and donor.cls != "Province":
        return  # a city or county pairs with a unit of the province, not the province
    if _regiment(recipient) and "对口" not in sentence:
        return  # a regiment named beside a donor is mostly where its project is (在D援疆助力下…X团的公园)
    if pairing_level(donor, recipient):
        yield paired(ctx.doc, donor, recipient)


def _unit(chain) -> object | None:
    """The unit a chain of places speaks for in a pairing: its innermost county, prefecture, division
    or province (察隅县|竹瓦根镇 → 察隅县); a division and the city it is one with (第一师|阿拉尔市,
    师市合一) are the division."""
    units = [x.entity for x in chain if x.entity.cls in _UNITS]
    if not units:
        return None
    if len(units) >= 2 and units[-2].cls == "XPCCUnit" and _one_place(units[-2], units[-1]):
        return units[-2]
    return units[-1]


def _one_place(a, b) -> bool:
    da, db = division_of(a), division_of(b)
    return da is not None and db is not None and (da.paired == db.code or db.paired == da.code)


def _regiment(place) -> bool:
    return place.cls == "XPCCUnit" and "团" in place.label and "师" not in place.label


def _blend_provinces(ctx: Ctx) -> set[str] | None:
    """The two provinces of a blend the sentence names as a partnership (粤桂协作, 鲁渝两地)."""
    initials = sorted((m for m in ctx.names if m.source == "gazetteer:abbreviation" and m.end - m.start == 1),
                      key=lambda m: m.start)
    gaz = gz.get_gazetteer()
    for a, b in zip(initials, initials[1:]):
        if a.end == b.start and _BLEND_WORD.match(ctx.doc.norm, b.end) and a.code and b.code:
            pa, pb = gaz.province_of(a.code), gaz.province_of(b.code)
            if pa is not None and pb is not None and pa.code != pb.code:
                return {pa.code, pb.code}
    return None
