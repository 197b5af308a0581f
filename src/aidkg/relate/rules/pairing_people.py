"""Pairings read from the people and the work of aid rather than from a pairing verb: the donor's
aid workers or cadres in a place (D援建者在R…, D援X干部、R县委副书记…) and the donor's aid work
in a place (D在R的对口援X工作). Who gives is the place the workers come from; what is aided is
the place they work in, when that place lies where the aid goes (the province 援X names, or the
receiving side by reference data)."""
from __future__ import annotations

import re

from ... import gazetteer as gz
from ..direction import leading_places, orient, paired, pairing_level, place_of, province_code
from ..engine import REGION, Ctx, clause_of, rule, span_start, words
from ..places import programme_donor
from .pairing import _BATCH, _RANK

FAMILY = "pairing"

# 援疆干部人才, 援藏农业专家 (a field between the marker and the people), 援建者
_WORKERS = r"(?P<marker>{aid_marker})[\u4e00-\u9fff]{0,2}?(?:{aid_people})|(?:{aid_agents})"


@rule("aid-workers", FAMILY, _WORKERS, scope="text", examples={
    "在阿图什市，苏州的援建者们建起了一座座学校。": [("苏州市", "supports", "阿图什市")],
    "苏州市援疆干部在阿图什市工作三年。": [("苏州市", "supports", "阿图什市")],
    "常州援疆干部、阿合奇县教育局副局长王建国介绍了情况。": [("常州市", "supports", "阿合奇县")],
    "山东援藏农业专家、日喀则市农业技术推广中心主任李明在田间指导。": [("山东省", "supports", "日喀则市")],
    "无锡市第十批援疆干部人才在阿合奇县开展帮扶。": [("无锡市", "supports", "阿合奇县")],
    "江苏省援疆干部在霍城县工作三年。": [("江苏省", "supports", "霍城县")],   # a province's workers in a county of X
}, counter=(
    "苏州市援疆干部在南京市参加培训。",         # trained at home: not where the aid goes
    "在南京市，苏州的援建者们作了报告。",         # no reference data puts 南京 on the receiving side
    "援疆干部在阿图什市工作三年。",              # no giver named
    "江苏援疆干部、阿图什市民王建国讲话。",       # no office held there
    "虹口区援青干部在果洛州工作。",              # a district pairs with a county, not a prefecture
))
def aid_workers(ctx: Ctx, hit: re.Match):
    """D(的)(第N批)援X干部/专家/医生…, D(的)援建者: where they work — 在R after them, an office in
    R set beside them (D援X干部、R县委副书记…), or a sentence opening 在R，— is the place D aids."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    host = [x for x in ctx.ms if x.start <= pos and end <= x.end and x.entity.cls == "Programme"]
    if host:
        donor, end = programme_donor(ctx.doc, host[0].entity), host[0].end
    else:
        a0 = clause_of(ctx, pos)[0]
        before = [x for x in ctx.ms if a0 <= span_start(x) and x.end <= pos and x.entity.cls in REGION
                  and re.fullmatch(_BATCH, ctx.text(x.end, pos))]
        donor = before[-1].entity if before else None
    if donor is None:
        return
    for place in _served(ctx, pos, end)[:1]:
        if _receives(ctx, donor, place, hit.group("marker")):
            yield paired(ctx.doc, donor, place)


def _served(ctx: Ctx, pos: int, end: int) -> list:
    """The place people named at [pos, end) work in."""
    after = ctx.text(end, ctx.end)
    at = re.match(r"(?:们)?(?:" + words("fillers") + r")*(?:在|于)", after)
    if at:
        return _unit_at(ctx, end + at.end())
    if after.startswith("、"):
        # D援X干部、R县委副书记: the office is R's
        office = [x for x in ctx.ms if span_start(x) == end + 1]
        if office and re.match(r"[\u4e00-\u9fff]{0,8}?(?:" + words("office_titles") + ")", ctx.text(office[0].end, ctx.end)):
            ent = office[0].entity
            return _unit_at(ctx, end + 1) if ent.cls in REGION else leading_places(ctx.doc, ent)[0][-1:]
    opening = re.match(r"[，,\s]*在(?P<r>[^，,。；;]{2,20})[，,]", ctx.sentence)
    if opening and ctx.at(opening.end()) <= pos:
        return _unit_at(ctx, ctx.at(opening.start("r")), ctx.at(opening.end("r")))
    return []


def _unit_at(ctx: Ctx, at: int, end: int | None = None) -> list:
    """The place named at `at` (the last unit of a chain: 克州阿图什市 → 阿图什市), if the name
    fills [at, end) when `end` is given."""
    found = [x for x in ctx.ms if span_start(x) == at and x.entity.cls in REGION and (end is None or x.end == end)]
    return [found[0].entity] if found else []


def _receives(ctx: Ctx, donor, place, marker: str | None) -> bool:
    """Whether `place` is where `donor`'s aid goes: inside the province 援X names, else on the
    receiving side by reference data; a province's partners are prefectures and divisions."""
    giver = place_of(ctx.doc, donor)
    if giver is None or giver is place or not (pairing_level(giver, place) or marker and place.cls == "County"):
        return False   # (a province's 援X workers in a county of X: the text names that county as served)
    if _RANK.get(giver.cls, 9) > _RANK.get(place.cls, 9):
        return False  # a district's workers serve a county, not the prefecture around it
    if marker:
        target = gz.get_gazetteer().province_abbreviation(marker[-1])
        return target is not None and province_code(ctx.doc, place) == target.code \
            and province_code(ctx.doc, giver) != target.code
    return orient(ctx.doc, giver, place) == (giver, place)


@rule("aid-work-in", FAMILY, r"在(?P<r>囗+)的(?:对口)?(?P<marker>{aid_marker})?(?:援建|帮扶|支援)?(?:工作|项目|资金)",
      examples={
          "漳州市在木垒哈萨克自治县的对口援疆工作成效明显。": [("漳州市", "supports", "木垒哈萨克自治县")],
          "近年来，无锡市在阿合奇县的援建项目陆续完工。": [("无锡市", "supports", "阿合奇县")],
      }, counter=(
          "漳州市在厦门市的对口援疆工作会议上发言。",    # 厦门 is no place 援疆 goes to
          "恒达公司在阿合奇县的项目陆续完工。",          # a firm's own project, no aid word
      ))
def aid_work_in(ctx: Ctx, hit: re.Match):
    """D在R的(对口)援X工作/援建项目: D's aid work in R — D aids R."""
    if not hit.group("marker") and not re.search(r"援建|帮扶|支援", hit.group()):
        return
    pos = ctx.at(hit.start())
    donors = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION | {"GovernmentBody"}]
    for place in _unit_at(ctx, ctx.at(hit.start("r")), ctx.at(hit.end("r"))):
        if donors and _receives(ctx, donors[-1].entity, place, hit.group("marker")):
            yield paired(ctx.doc, donors[-1].entity, place)
