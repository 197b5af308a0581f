"""Pairings: 对口支援/结对/帮扶 triggers, A与B…结对/合作, 闽宁-type initials, X对口援疆,
partners named by role (X的对口支援城市) and programmes sent to places.

Where the text says who gives (D对口支援R, D援建R, D向R拨付资金, D援X) a rule yields
``aid:supports`` donor → recipient; where it names two sides without one (A与B结对, 闽宁协作) it
yields a pairing that reference data may direct (relate/direction.py), else plain ``pairedWith``."""
from __future__ import annotations

import re

from ... import gazetteer as gz
from ..engine import (
    ACTOR,
    ORG,
    REGION,
    Ctx,
    chain_members,
    chain_of,
    clause_of,
    expand,
    filler,
    is_corps,
    left_group,
    pairs,
    relation_words,
    right_group,
    rule,
    span_start,
    words,
)
from ..direction import (acting_place, leading_places, mutual as mutual_pair, orient, paired, pairing_level, place_of,
                         province_code, province_sides)
from ...lexicon import aid_marker
from ..places import apart, division_of, named_after, programme_donor, region_by_abbreviation
from ..places import inside as lies_inside
from .structure import donor_in_article

FAMILY = "pairing"

_RANK = {"Province": 0, "Prefecture": 1, "County": 2, "Township": 3, "Village": 4}
_WEAK = tuple(relation_words()["weak_pair_verbs"])


@rule("pair-trigger", FAMILY, r"{pair_verbs}|对口", scope="text", examples={
    "常州市援疆队对口帮扶阿合奇县。": [("常州市", "supports", "阿合奇县")],  # an aid team (援X队) acts for its place
    "恒达集团定点帮扶阿合奇县以来，累计投入资金2000万元。": [("恒达集团", "supports", "阿合奇县")],  # a firm's assigned help
    "浙江省对口支援新疆兵团第一师阿拉尔市以来，累计安排资金50亿元。": [("浙江省", "supports", "第一师"), ("浙江省", "supports", "阿拉尔市")],  # the corps before a division is no partner
    "江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市、阿克陶县和乌恰县。": [
        ("江苏省", "supports", "克孜勒苏柯尔克孜自治州"), ("江苏省", "supports", "阿图什市"),
        ("江苏省", "supports", "阿克陶县"), ("江苏省", "supports", "乌恰县")],
    "阿合奇县是常州市对口支援的县。": [("常州市", "supports", "阿合奇县")],
    "常州市对口援建克孜勒苏柯尔克孜自治州阿合奇县。": [("常州市", "supports", "阿合奇县")],
    "嘉兴市对口支援兵团第一师阿拉尔市。": [("嘉兴市", "supports", "第一师"), ("嘉兴市", "supports", "阿拉尔市")],
    "江苏省对口支援伊犁州直属10县市、克州4县市和兵团第四师。": [
        ("江苏省", "supports", "伊犁哈萨克自治州"), ("江苏省", "supports", "克孜勒苏柯尔克孜自治州"),
        ("江苏省", "supports", "第四师")],
    "山东省援助疏勒县建设的职业技术学校已投入使用。": [("山东省", "supports", "疏勒县")],
    "湖州市援建了恒达现代农业产业园。": [],   # a park built is no partner
    # X是D对口支援的团场: the subject (or the one closing the clause before) receives
    "位于阿拉尔市境内的十二团，是浙江省湖州市对口支援的团场。": [("湖州市", "supports", "十二团")],
    "地处伽师县的卧里托格拉克镇，是苏州市吴江区对口帮扶的乡镇。": [("吴江区", "supports", "卧里托格拉克镇")],
    "地处库区腹地的重庆市开州区是江苏省对口支援地区之一。": [("江苏省", "supports", "开州区")],
    # institutions: the clause's own subject gives
    "广州医科大学附属第一医院组团式帮扶毕节市第一人民医院。": [("广州医科大学附属第一医院", "supports", "毕节市第一人民医院")],
    # 分别: one to one by position, an unknown item (岙里) keeping its place
    "慈溪市的观海卫镇、周巷镇和逍林镇分别结对帮扶石门村、岙里、龙溪村等3个村。": [
        ("观海卫镇", "supports", "石门村"), ("逍林镇", "supports", "龙溪村")],
    "余杭区实验中学与剑阁县城北中学结成“手拉手”学校，余杭区第一人民医院派出5名医生组团式帮扶剑阁县人民医院。": [
        ("余杭区第一人民医院", "supports", "剑阁县人民医院")],
    # a place's government or aid team acts for the place; a city aids the county, not its prefecture
    "浙江省委省政府高度重视对口支援阿克苏地区工作。": [("浙江省", "supports", "阿克苏地区")],
    "江苏省常州市援疆工作组在对口支援的克孜勒苏柯尔克孜自治州阿合奇县召开座谈会。": [("常州市", "supports", "阿合奇县")],
    "由省委书记带领的江苏省代表团确定对口支援克孜勒苏柯尔克孜自治州的10个项目。": [
        ("江苏省", "supports", "克孜勒苏柯尔克孜自治州")],
    "江苏、浙江等省市肩负对口支援西藏自治区的使命。": [
        ("江苏省", "supports", "西藏自治区"), ("浙江省", "supports", "西藏自治区")],
    "北京市对口支援和田地区的和田县、墨玉县。": [
        ("北京市", "supports", "和田地区"), ("北京市", "supports", "和田县"), ("北京市", "supports", "墨玉县")],
    "福建已在宁夏固原市援建卫生院120所。": [("福建省", "supports", "固原市")],
    "常州市助力阿合奇县打造特色小镇。": [("常州市", "supports", "阿合奇县")],
    "在浙江对口支援的阿克苏地区，新建学校30所。": [("浙江省", "supports", "阿克苏地区")],
    "自2010年对口支援阿合奇县以来，常州市累计投入资金20亿元。": [("常州市", "supports", "阿合奇县")],
    # a name that says who aids whom
    "2023年浙江省对口支援阿克苏地区项目开工仪式举行。": [("浙江省", "supports", "阿克苏地区")],
    "在省委的领导下，两年来，鄞州区、海曙区不断深化协作，助力昭觉县脱贫摘帽。": [
        ("鄞州区", "supports", "昭觉县"), ("海曙区", "supports", "昭觉县")],
    # what a province built (援建的) pairs it with the division, not the regiment
    "湖南援建的十四师二二四团文化广场投入使用。": [("湖南省", "supports", "第十四师")],
    "浙江省援建阿克苏地区温宿县的学校投入使用。": [("浙江省", "supports", "阿克苏地区")],
    "安徽省援建皮山县的42个项目全部开工。": [("安徽省", "supports", "皮山县")],   # no prefecture named: the county
    "中山市援建的木杆镇青松村易地扶贫搬迁安置点已投入使用。": [],   # a city's building in a village: the village says where
    "一二六团主动帮助乌苏市白杨乡发展节水灌溉。": [],   # neighbours of one province helping: no pairing
    "东莞市对口帮扶大关，三年投入资金8000万元。": [("东莞市", "supports", "大关县")],  # a word-like county's name right after the verb
    # 对口 alone, or with 支持/协作/合作, is the verb when the place follows it
    "无锡市对口阿合奇县，五年投入资金3亿元。": [("无锡市", "supports", "阿合奇县")],
    "南京市对口支持霍城县发展特色产业。": [("南京市", "supports", "霍城县")],
    # a relative clause: the places after 的 give when they lie elsewhere, else they are R's units
    "近年来，对口支援昭苏县的泰州市持续加大投入。": [("泰州市", "supports", "昭苏县")],
    "对口支援和田地区的北京市选派干部300名。": [("北京市", "supports", "和田地区")],
    "对口支援阿图什市的昆山市和对口支援阿克陶县的常州市共同出资。": [
        ("昆山市", "supports", "阿图什市"), ("常州市", "supports", "阿克陶县")],
    # two relative clauses joined by 与: each verb its own giver and receiver, the receivers no givers
    "湖州市对口支援的柯坪县与嘉兴市对口支援的阿拉尔市开展交流。": [
        ("湖州市", "supports", "柯坪县"), ("嘉兴市", "supports", "阿拉尔市")],
    # money or time said between the giver and the verb
    "上海市已累计投入近8亿元对口支援开州区。": [("上海市", "supports", "开州区")],
    "常州市十年来持续对口帮扶阿合奇县。": [("常州市", "supports", "阿合奇县")],
    # whose plan it is (按照…部署, 在…领导下) is not who gives
    "泰州市按照省委省政府的统一部署对口支援昭苏县。": [("泰州市", "supports", "昭苏县")],
    "两市印发《常州市对口支援阿合奇县五年规划》。": [("常州市", "supports", "阿合奇县")],
    # R，正是D对口支援的县: an adverb before 是 leaves the subject where it was
    "阿合奇县，正是常州市对口支援的县。": [("常州市", "supports", "阿合奇县")],
    # 作为D对口支援的县，R…: the place the next clause opens with receives
    "作为江西省对口支援的县，阿克陶县近年来发展迅速。": [("江西省", "supports", "阿克陶县")],
    # a programme's team acts for the place that sent it; a place joined by 联合 gives too
    "江苏省第十批援疆干部人才联络组援建阿图什市。": [("江苏省", "supports", "阿图什市")],
    "中山市联合东莞市对口帮扶昭通市。": [("中山市", "supports", "昭通市"), ("东莞市", "supports", "昭通市")],
    # the units of the place aided, listed after it (counted, in brackets, 及其下辖)
    "北京市对口支援和田地区“一市两县”，分别是和田市、和田县和墨玉县。": [
        ("北京市", "supports", "和田地区"), ("北京市", "supports", "和田市"), ("北京市", "supports", "和田县"),
        ("北京市", "supports", "墨玉县")],
    "山东省对口支援日喀则市三县（白朗、昂仁、南木林）。": [
        ("山东省", "supports", "日喀则市"), ("山东省", "supports", "白朗县"), ("山东省", "supports", "昂仁县"),
        ("山东省", "supports", "南木林县")],
    "山东省对口支援日喀则市及其下辖的白朗县、昂仁县。": [
        ("山东省", "supports", "日喀则市"), ("山东省", "supports", "白朗县"), ("山东省", "supports", "昂仁县")],
    # pairings chained with 、: each verb pairs its own two places
    "其中南京市对口帮扶商洛市、无锡市对口帮扶延安市、徐州市对口帮扶榆林市。": [
        ("南京市", "supports", "商洛市"), ("无锡市", "supports", "延安市"), ("徐州市", "supports", "榆林市")],
    "其中大连市对口重庆黔江区、青岛市对口重庆綦江区。": [("大连市", "supports", "黔江区"), ("青岛市", "supports", "綦江区")],
    "双方商定，天津市援助甘肃省帮扶资金1亿元。": [("天津市", "supports", "甘肃省")],   # 帮扶资金 names the money
    # a command's name: the place after the province is aided, not the province (the branch rule
    # aid-branch gives 伊犁州 first)
    "江苏省对口支援新疆塔城地区前方指挥部召开会议。": [],
    # an aid team with no place in its name acts for the place that formed it
    "常州市卫生系统组织援疆医疗队对口支援阿合奇县人民医院。": [("常州市", "supports", "阿合奇县人民医院")],
    "常州市卫生健康委员会组织援疆医疗队对口支援阿合奇县人民医院。": [("常州市", "supports", "阿合奇县人民医院")],
    # passive: R(，)由D对口支援 — the place before 由 receives
    "兵团第三师四十四团，由东莞市对口支援。": [("东莞市", "supports", "四十四团")],
    "白杨县由海澜市对口帮扶。": [("海澜市", "supports", "白杨县")],
    # no actor before the verb: the place the last sentence spoke of, when reference data has it give
    "江苏坚持把援疆项目作为重要内容。2023年，共安排对口支援克州项目60个。": [("江苏省", "supports", "克孜勒苏柯尔克孜自治州")],
}, counter=(
    "阿图什市召开会议。2023年，共安排对口支援克州项目60个。",   # the last sentence's place receives: no giver
    "新华社乌鲁木齐10月8日电 全国民委系统对口支援新疆西藏工作会议7日在乌鲁木齐市召开。",  # a meeting's name
    "该校区由深圳市援建。",               # 由D援建 with no place before: a thing built, no partner
    "兵团第三师四十四团，由东莞市对口支援资金建设。",   # something follows the verb: no passive
    "在阿图什市，援疆医疗队对口支援县医院。",     # a place the team works in formed no team
    "浙江省援藏资金支持建设的那曲市色尼区那曲镇游客服务中心改造项目已开工。",  # 支持建设 funds a project, it pairs no place
    "这些干部专业对口，工作出色。",          # 对口 with no place after it is no verb
    "吉林省对口合作浙江省。",               # 对口合作 (东北–东部) is mutual: no side gives
    "泰州市落实援建资金和昭苏县配套资金。",    # 援建资金 is a thing, not 援建 R
    "国务院办公厅印发《关于开展对口帮扶贵州工作的指导意见》。",   # who issues a document gives nothing
    "国务院印发通知，实现8个东部城市“一对一”对口帮扶贵州省8个市州。",   # counted givers, none named
    "阿图什市建立对口部门。",
    "四川、安徽等支援省市参与长江干流治理。",   # 支援省市 is a noun: no recipient
    "海珠区政府将帮助粤桂企业拓展市场。",        # a blend names partners, not a recipient
    "该公司帮助当地农户增收。",          # a weak verb with no place on either side
    "恒达纺织公司助力阿图什市纺织业发展。",   # a firm's help is business, not paired aid
    "从汾河岸边到天山脚下，一批批干部奔赴边疆，助力阿图什市发展。",  # a place one comes from gives nothing
    # 分别 pairs one to one: three towns and two villages cannot be matched
    "慈溪市的观海卫镇、周巷镇、逍林镇分别结对帮扶石门村、龙溪村。",
    "鄞州区明德中学与昭觉县格桑花中学、鄞州区仁济医院与昭觉县彝安医院分别结成帮扶对子。",  # 帮扶对子 is a noun: mutual reads the pairs
))
def pair_trigger(ctx: Ctx, hit: re.Match):
    """D对口支援/结对帮扶/援建 R (or D对口R, 对口 alone the verb when a place follows it): the group
    before the verb aids the group after it, and the units of it listed after it (a weak verb —
    援建, 帮扶, 支援 — pairs places, or institutions with institutions). When no group stands right
    before the verb, the clause's actor gives, or a programme's team (D第N批援X干部人才联络组)
    for its place; A联合B对口帮扶R: both give."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    if hit.group() == "对口" and not any(x.start == after and x.entity.cls in REGION for x in ctx.all_mentions):
        return  # 对口 is a verb only with the place it pairs with right after it (A市对口B县)
    host = [x for x in ctx.ms if x.start < pos and after <= x.end]
    if host:
        # inside a name (东川省对口支援新疆前方指挥部, 2024年东川省对口支援青松县项目开工仪式): the
        # places named right before and right after the verb
        inner = [x for x in ctx.all_mentions if host[0].start <= x.start and x.end <= host[0].end
                 and x.entity.cls in REGION]
        d = [x.entity for x in inner if x.end == pos]
        for r in _name_recipients(ctx, d[-1] if d else None, inner, after):
            yield paired(ctx.doc, d[-1], r)
        return
    if re.match(r"[囗、和与及]*(?:工作)?(?:会议|座谈会|联席会议?|推进会|现场会|交流会|大会|论坛)", ctx.blanked[after - ctx.start:]):
        return  # …对口支援新疆西藏工作会议17日在R召开: the name of a meeting the recogniser did not take whole
    # X是D对口支援的县 / X是D对口支援地区之一: the subject receives
    described = ctx.text(after, after + 1) == "的" or re.match(_RECEIVER_HEAD, ctx.text(after, ctx.end))
    if re.match(_MODIFIER, ctx.text(after, ctx.end)) and not (described and _copula_subject(ctx, pos)):
        return  # 支援省市, 对口支援地区: the verb describes a noun, it does not name a recipient
    if re.search(r"(?:" + words("pair_verbs") + r")$", ctx.text(ctx.start, pos)):
        return  # 结对帮扶援建: one verb in a series already read the sentence
    # D(已)在R援建N所学校: a place the donor acts in, right before the verb, is no donor
    venue = [x.entity for x in ctx.ms if x.entity.cls in REGION and x.end <= pos and filler(ctx.text(x.end, pos))
             and ctx.text(span_start(x) - 1, span_start(x)) in ("在", "于")][-1:]
    a0 = clause_of(ctx, pos)[0]
    if venue and ctx.text(after, after + 1) == "的" and not ctx.within(a0, pos - 1, ACTOR)[:-1]:
        venue = []  # 在D对口支援的R，…: D opens a relative clause, it is no place
    # (a coordinator right before the verb opens a new conjunct: A和对口支援R的D — no giver before it)
    conjunct = ctx.text(pos - 1, pos) in ("和", "、", "及")
    donors = left_group(ctx, pos) if not venue and not conjunct else []
    donors = (_joined(ctx, donors, pos) or _givers(ctx, pos) or _team_giver(ctx, pos)) if not conjunct else []
    donors = [_team_place(ctx, d, pos) for d in donors if not _relative_head(ctx, d, pos)]
    a0 = clause_of(ctx, pos)[0]
    counted = re.search(_UNNAMED_GIVERS, ctx.text(a0, pos))
    if counted and not any(x.end in (a0 + counted.start(), a0 + counted.start() - 1) for x in ctx.ms):
        donors = []  # 8个东部城市“一对一”对口帮扶R: the givers are counted, not named (A、B等8个城市 are)
    title = _title_start(ctx, pos)
    if title is not None:
        # a pairing named in a document's title (…印发《关于对口帮扶R工作的意见》): only a giver the
        # title names gives, not who issues or signs the document
        donors = [d for d in donors if any(x.entity is d and title <= span_start(x) < pos for x in ctx.ms)]
    recips = [r for r in right_group(ctx, after, kinds=REGION | ORG, max_gap=4, expand=True)
              if not _blend_half(ctx, r, after)] if not re.match(_NOUN_HEADS, ctx.text(after, ctx.end)) else []
    if not donors:
        donors = _relative_giver(ctx, after, recips)
    if not donors and recips and hit.group() not in _WEAK and not conjunct and title is None \
            and not any(x.end <= pos and x.entity.cls in ACTOR for x in ctx.ms):
        # D坚持…。(2017年，)共安排对口支援R项目N个: a sentence naming no actor before the verb goes on
        # with the place the last sentence spoke of — when reference data has it give to R
        prev = ctx.state.prev_subject
        if prev is not None and prev.cls in REGION and all(orient(ctx.doc, prev, r) == (prev, r) for r in recips):
            donors = [prev]
    donors, recips = _own_clause(ctx, pos, after, donors, recips)
    recips += [r for r in _units_of(ctx, after, recips) if r not in recips and r not in donors]
    if not recips and hit.group() not in _WEAK:
        # D对口支援R项目开工仪式: a project or event named after the place aided
        named = [x for x in ctx.ms if x.start == after and x.entity.cls == "Project"]
        recips = leading_places(ctx.doc, named[0].entity)[0][-1:] if named else []
    if not recips and hit.group() in _WEAK and venue and venue[0] not in donors:
        recips = venue  # the place the donor builds in is what it aids
    if recips and hit.group() in _WEAK and ctx.text(after, after + 1) == "的":
        # D援建的(R…)P: what was built is named; a province's aid reaches its prefectures and
        # divisions, the regiment or county the project lies in is not its partner
        giver = place_of(ctx.doc, donors[0]) or donors[0] if donors else None
        # (a county named with no prefecture around it stays: 安徽省援建的皮山县X学校)
        recips = [r for r in recips if giver is None or pairing_level(giver, r)
                  or r.cls == "County" and not any(o is not r and lies_inside(r, o) for o in recips)]
        if giver is not None and giver.cls in ("Province", "Prefecture"):
            # (a city's building in X镇Y村: the town and village say where it stands, a city pairs
            # with counties)
            recips = [r for r in recips if r.cls not in ("Township", "Village")]
    if len(recips) > 1 and hit.group() in _WEAK and donors:
        # D省援建R州X县的学校: a province's building reaches its prefecture or division; the county
        # in the chain only says where (when the chain names the prefecture: else the county stays)
        giver = place_of(ctx.doc, donors[0]) or donors[0]
        if giver.cls == "Province":
            recips = [r for r in recips if pairing_level(giver, r)
                      or not any(o is not r and lies_inside(r, o) for o in recips)]
    if hit.group().endswith("援建"):
        # D援建(了)X产业园: a park the donor builds is what it pays for, not its partner region
        recips = [r for r in recips if r.cls != "DevelopmentZone"]
    if not recips and described:
        recips = _copula_subject(ctx, pos)
    if not recips and donors:
        recips = _passive_receiver(ctx, donors, pos, after)
    if hit.group() in _WEAK and not any(r.cls in REGION for r in recips) \
            and not (donors and all(d.cls == "Institution" for d in donors + recips)):
        return
    givers = REGION | {"GovernmentBody", "Institution"} | (set() if hit.group() in _WEAK else {"Enterprise"})
    matched = _respectively(ctx, donors, pos, after)
    for d, r in same_level(ctx, matched if matched is not None else pairs(ctx, donors, recips, pos)):
        if hit.group() == "帮助" and d.cls in REGION and r.cls in REGION \
                and _home_province(ctx, d) is not None and _home_province(ctx, d) == _home_province(ctx, r):
            continue  # (a regiment helping the neighbouring town: help between places of one province is no pairing)
        if d.cls in givers and not _locator(ctx, d, r):
            yield paired(ctx.doc, d, r)


_RELATIVE = r"(?:对口)?(?:" + words("pair_verbs") + r")的$"


def _relative_head(ctx: Ctx, donor, pos: int) -> bool:
    """A对口支援的B与C对口支援的D: B, named right after another verb's 的, is what that relative
    clause describes — the receiver of A, no giver of the verb after it."""
    a0 = clause_of(ctx, pos)[0]
    ms = [x for x in ctx.ms if x.entity is donor and a0 <= span_start(x) and x.end <= pos]
    return bool(ms) and re.search(_RELATIVE, ctx.text(a0, span_start(ms[-1]))) is not None


def _team_place(ctx: Ctx, donor, pos: int):
    """D卫生系统组织援疆医疗队对口支援R: an aid team whose name holds no place (援疆医疗队) acts for
    the place earlier in its clause that formed or sent it."""
    if donor.cls not in ("Organization", "GovernmentBody") or place_of(ctx.doc, donor) is not None \
            or not re.search(aid_marker().pattern + r"|对口|帮扶", donor.label):
        return donor
    a0 = clause_of(ctx, pos)[0]
    team = [x for x in ctx.ms if x.entity is donor and a0 <= x.start < pos]
    if not team:
        return donor
    home = [x.entity if x.entity.cls in REGION else place_of(ctx.doc, x.entity) for x in ctx.ms
            if a0 <= span_start(x) and x.end <= team[0].start and x.entity.cls in REGION | {"GovernmentBody"}
            and not re.search(r"(?:在|于|到|赴|向|对)$", ctx.text(a0, span_start(x)))]
    home = [h for h in home if h is not None]   # (a place's bureau that formed the team: the place)
    return home[-1] if home else donor


def _passive_receiver(ctx: Ctx, donors, pos: int, after: int) -> list:
    """R(，)由D对口支援: with 由 before the giver and nothing after the verb, the place the clause
    (or the clause before, when this one opens with 由) speaks of receives."""
    if not re.match(r"(?:[，,。；;！!]|$)", ctx.text(after, after + 1)):
        return []
    first = min((span_start(x) for x in ctx.ms if x.entity in donors and x.end <= pos), default=None)
    if first is None or ctx.text(first - 1, first) != "由":
        return []
    a0 = clause_of(ctx, pos)[0]
    end = first - 1
    if end == a0 and a0 > ctx.start:
        end = a0 - 1   # R，由D…: the place closing the clause before
    found = [x for x in ctx.ms if x.end == end and x.entity.cls in REGION | {"Institution"}]
    return [e for e in (chain_members(found[0]) if found else []) if e not in donors]


_UNNAMED_GIVERS = (r"(?:[\d一二两三四五六七八九十]+个|各|多个)[\u4e00-\u9fff]{0,6}"
                   r"(?:城市|省市|省份|省区|地市|区县|县市|县区|单位)(?:[“\"][^”\"]{1,6}[”\"])?$")


def _title_start(ctx: Ctx, pos: int) -> int | None:
    """Where the 《…》 title `pos` lies in opens, or None."""
    before = ctx.text(ctx.start, pos)
    opened = before.rfind("《")
    return ctx.start + opened + 1 if opened >= 0 and "》" not in before[opened:] else None


def _own_clause(ctx: Ctx, pos: int, after: int, donors: list, recips: list) -> tuple[list, list]:
    """A对口支援B、C对口支援D: pairings chained with 、 in one clause. A place right after another
    pairing verb is that verb's partner, not a giver of this one (B is no giver of D); a place
    right before another pairing verb gives for that one, and it and what follows are no
    partners of this one (C is no partner of A)."""
    verb = "(?:" + words("pair_verbs") + "|对口)"
    a, b = clause_of(ctx, pos)
    def mention(e, lo, hi):
        return [x for x in ctx.ms if x.entity is e and lo <= span_start(x) and x.end <= hi]
    kept = []
    for d in donors:
        ms = mention(d, a, pos)
        if ms and re.search(verb + r"$", ctx.text(a, span_start(ms[-1]))):
            continue
        kept.append(d)
    stop = None
    for r in recips:
        ms = mention(r, after, b)
        if ms and re.match(r"(?:" + words("fillers") + r")*" + verb + r"(?!" + _NOUN_HEADS[1:] + ")", ctx.text(ms[0].end, b)):
            # (R帮扶资金: the verb names a thing, R stays this verb's partner)
            stop = span_start(ms[0])
            break
    if stop is not None:
        recips = [r for r in recips if any(span_start(x) < stop for x in mention(r, after, b))]
    return kept, recips


def _relative_giver(ctx: Ctx, after: int, recips: list) -> list:
    """对口支援R的D…, a clause with no giver before its verb: the places after 的 give, when they
    lie in another province than R (else they are R's units: 对口支援R的A县、B县)."""
    group = [x for x in ctx.ms if span_start(x) >= after and x.entity in recips]
    if not group:
        return []
    end = max(x.end for x in group)
    if ctx.text(end, end + 1) != "的":
        return []
    found = right_group(ctx, end + 1, kinds=REGION | {"GovernmentBody"}, max_gap=0)
    if found and all(apart(place_of(ctx.doc, d) or d, r) for d in found for r in recips):
        return found
    return []


def _joined(ctx: Ctx, donors: list, pos: int) -> list:
    """A联合B对口帮扶R: a place joined to the group before the verb by 联合/携手/会同 gives too."""
    first = [x for x in ctx.ms if donors and x.entity is donors[0] and x.end <= pos]
    if not first or ctx.text(span_start(first[-1]) - 2, span_start(first[-1])) not in ("联合", "携手", "会同"):
        return donors
    more = left_group(ctx, span_start(first[-1]) - 2, kinds=REGION | {"GovernmentBody"})
    return more + [d for d in donors if d not in more]


_TEAM = r"(?:联络组|工作组|工作队|服务队|团队|小组|队伍)?"


def _team_giver(ctx: Ctx, pos: int) -> list:
    """D第N批援X干部人才(联络组)援建R: a programme's people or team right before the verb act for
    the place that sent them."""
    a0 = clause_of(ctx, pos)[0]
    gap = _TEAM + r"(?:" + words("fillers") + r")*"
    team = [x for x in ctx.ms if x.entity.cls == "Programme" and a0 <= x.start and x.end <= pos
            and re.fullmatch(gap, ctx.text(x.end, pos))]
    donor = programme_donor(ctx.doc, team[-1].entity) if team else None
    return [donor] if donor is not None else []


def _name_recipients(ctx: Ctx, donor, inner, after: int) -> list:
    """The places a name says are aided, from the chain right after its verb (江苏省对口支援新疆伊犁州
    前方指挥部 → 伊犁州, not 新疆): a province gives to every unit of the chain below the
    province, anyone else to its last unit."""
    chain, at = [], after
    while True:
        nxt = max((x for x in inner if x.start == at), key=lambda x: x.end, default=None)
        if nxt is None:
            break
        chain.append(nxt.entity)
        at = nxt.end
    if donor is None or not chain:
        return []
    below = [c for c in chain if c.cls != "Province" and not is_corps(c)] or chain[-1:]
    giver = place_of(ctx.doc, donor)
    return [r for r in (below if giver is not None and giver.cls == "Province" else below[-1:]) if r is not donor]


def _respectively(ctx: Ctx, donors, pos: int, after: int):
    """A、B、C和D分别结对帮扶W、X、Y、Z等4个村: one to one by position, an item we do not know
    holding its place (so B's partner stays unknown and C still gets Y); None when the sentence
    does not say 分别 or the lists differ in length."""
    if len(donors) < 2 or "分别" not in ctx.text(max(ctx.start, pos - 4), pos):
        return None
    first = min((span_start(x) for x in ctx.ms if x.entity is donors[0] and x.end <= pos), default=None)
    _, b = clause_of(ctx, after)
    tail = re.match(r"[^等]*", ctx.text(after, b)).group()
    left, right = _slots(ctx, first, pos), _slots(ctx, after, after + len(tail)) if first is not None else []
    if first is None or len(left) != len(right) or len(left) < 2:
        return None
    return [(d, r) for d, r in zip(left, right) if d is not None and r is not None]


def _slots(ctx: Ctx, a: int, b: int) -> list:
    """The items of a list written in [a, b) (split at 、/和/及/与), each the entity of the mention
    inside it, or None for an item no name was recognised in."""
    out, start = [], a
    for piece in re.split(r"(?<=[^、和及与])[、和及与]", ctx.text(a, b)):
        inside = [x.entity for x in ctx.ms if start <= span_start(x) and x.end <= start + len(piece)]
        out.append(inside[0] if inside else None)
        start += len(piece) + 1
    return out


_RECEIVER_HEAD = r"^(?:地区|县市|团场|乡镇|城区)(?:之一)?"
# the verb names a thing (帮扶协议, 援建资金): what follows is no recipient
_NOUN_HEADS = r"^(?:协议|资金|项目|措施|力度|机制|成效|成果|任务|政策|计划|规划|方案|活动|模式)"
_COPULA_ADVERBS = r"(?:正|就|也|便|即|都|还|恰|恰恰|正好|同样)?"


def _copula_subject(ctx: Ctx, pos: int) -> list:
    """X是Y对口支援的县: the subject of 是/为 before the verb at `pos` (or, when the clause opens
    with 是, the place closing the clause before: 位于…的63团，是Y对口支援的团场)."""
    a0, b0 = clause_of(ctx, pos)
    if re.match(r"^作为", ctx.text(a0, pos)) and ctx.text(b0, b0 + 1) in ("，", ","):
        # 作为Y对口支援的县，R…: the place the next clause opens with
        return right_group(ctx, b0 + 1, kinds=REGION, max_gap=0)
    subj = re.match(r"^(.*?)(?:是|为)", ctx.text(a0, pos))
    if not subj:
        return []
    # the group right before 是, not a place in its modifier (地处X腹地的R是…)
    found = left_group(ctx, a0 + len(subj.group(1)), kinds=REGION) if subj.group(1) else []
    if not found and re.fullmatch(_COPULA_ADVERBS, subj.group(1)) and a0 > ctx.start:
        prev = [x for x in ctx.ms if x.end <= a0 - 1 and x.entity.cls in REGION]
        if prev and prev[-1].end == a0 - 1:
            found = [prev[-1].entity]
    return found


def _givers(ctx: Ctx, pos: int) -> list:
    """Who gives when no group stands right before the verb at `pos`: the actor of the clause
    nearest the verb with the group it closes (B医院派出6名医生组团式帮扶C医院, A、B等N个省市
    承担对口支援R的任务), not a place it acts in (在R); the subject after an opening time clause
    (自对口支援R以来，D…); else the subject the sentence goes on with."""
    a0, b0 = clause_of(ctx, pos)
    inside = _adverbials(ctx, a0, pos)
    near = [x for x in ctx.ms if a0 <= span_start(x) and x.end <= pos and x.entity.cls in ACTOR
            and not re.search(r"(?:在|于|到|赴)$", ctx.text(a0, span_start(x)))
            and not any(a <= span_start(x) < b for a, b in inside)][-1:]
    if near:
        found = left_group(ctx, near[0].end) or [near[0].entity]
    elif re.fullmatch(r"(?:自|从).*(?:以来|之后|后)", ctx.text(a0, b0)) and ctx.text(b0, b0 + 1) in ("，", ","):
        found = right_group(ctx, b0 + 1, max_gap=0)
    else:
        found = _subject(ctx, pos)
    return [d for d in found if d.cls in ACTOR]


# 按照/根据…部署 (and the like) between a subject and its verb: whose plan it is, not who acts
_ADVERBIAL = re.compile(expand(r"(?:{plan_preps})[^，,。；;]*?(?:{plan_nouns})|在[^，,。；;]*?(?:{guidance_nouns})下"))


def _adverbials(ctx: Ctx, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of the adverbial phrases (按照中央和省委的部署, 在省委的领导下) in [a, b)."""
    return [(a + m.start(), a + m.end()) for m in _ADVERBIAL.finditer(ctx.text(a, b))]


@rule("aid-towards", FAMILY, r"对(?P<to>囗[囗、和及与]*)(?:(?P<how>的|(?:展开|开展|实施|进行)了?)(?:对口)?(?:援建|支援|援助|帮扶|协作)"
      r"|(?P<what>[^，,。；;囗]{1,10}?)的(?:支持|帮扶|援助|支援)力度)",
      examples={
    "苏州市持续增加对阿图什市、阿克陶县的对口援建项目和帮扶资金。": [
        ("苏州市", "supports", "阿图什市"), ("苏州市", "supports", "阿克陶县")],
    "江苏对阿图什市的支援力度不断加大。": [("江苏省", "supports", "阿图什市")],
    # a verb between: 对R展开/开展对口帮扶 (across provinces: a county's work for its own towns is none)
    "从2018年起，常州市第一人民医院对阿合奇县人民医院展开对口帮扶。": [("常州市第一人民医院", "supports", "阿合奇县人民医院")],
    "宁波市对延边朝鲜族自治州开展帮扶。": [("宁波市", "supports", "延边朝鲜族自治州")],
    # what the support is for between the place and 的…力度 (across provinces only)
    "常州市不断加大对阿合奇县教育事业发展的支持力度。": [("常州市", "supports", "阿合奇县")],
}, counter=("市委对阿图什市的发展提出要求。",
            "阿图什市对阿湖乡开展帮扶。",
            "阿图什市加大对阿湖乡产业发展的支持力度。"))   # a county's support for its own town
def aid_towards(ctx: Ctx, hit: re.Match):
    """D对R(、R2)的(对口)援建/支援/帮扶…, D对R开展(对口)帮扶: D's aid to the places named (with a
    verb, only to a place of another province: a county's help to its own town is no pairing)."""
    pos = ctx.at(hit.start())
    recips = right_group(ctx, ctx.at(hit.start("to")), kinds=REGION | ORG, max_gap=0, expand=True)
    donors = left_group(ctx, pos) or _givers(ctx, pos)
    for d, r in pairs(ctx, donors, recips, pos):
        if hit.group("how") != "的" and not _across(ctx, d, r):  # (a verb, or what it is for, between)
            continue
        if d.cls in REGION | {"GovernmentBody", "Institution"} and not _locator(ctx, d, r):
            yield paired(ctx.doc, d, r)


def _across(ctx: Ctx, d, r) -> bool:
    """Whether reference data puts the giver and the receiver (or the places they stand for) in
    different provinces, or says which of them gives."""
    a, b = place_of(ctx.doc, d) or d, place_of(ctx.doc, r) or r
    return apart(a, b) or orient(ctx.doc, d, r) is not None


@rule("delegation-visit", FAMILY,
      r"(?:来|赴|到|前往|深入)(?P<to>囗+(?:、囗+)*|我[省市县区州旗])[，,]?(?:考察|调研|对接|开展|检查|指导|通过)(?P<aid>[^。；;]{0,24}?"
      r"(?:对口支援|对口援助|对口帮扶|对口协作|东西部协作|扶贫协作|{aid_marker}))?", examples={
    "7月8日至10日，天津市党政代表团来新疆考察对口支援工作。": [("天津市", "supports", "新疆维吾尔自治区")],
    "阿合奇县党政代表团到常州市对接对口支援工作。": [("常州市", "supports", "阿合奇县")],  # the receiver visits: data orients
    "常州市代表团赴阿合奇县调研援疆工作。": [("常州市", "supports", "阿合奇县")],
    # no aid word: a delegation visiting across the east–west divide reference data knows
    "今年5月，上海市宝山区党政代表团到维西县检查指导工作。": [("宝山区", "supports", "维西傈僳族自治县")],
    # two places listed after the verb of going (the province and prefecture before them only hold them)
    # a party led by a place's officials (…一行), to the place the reporter calls 我县
    "阿合奇县讯 常州市副市长刘明远、秘书长王海峰一行来我县，通过实地调研等方式开展对口支援工作。": [("常州市", "supports", "阿合奇县")],
    "常州市代表团赴新疆克州阿合奇县、乌恰县开展对口支援工作。": [
        ("常州市", "supports", "阿合奇县"), ("常州市", "supports", "乌恰县")],
}, counter=(
    "今年5月，上海市宝山区党政代表团到嘉定区检查指导工作。",   # one city's districts: no aid flows
    "江苏省代表团赴广东省考察学习。",                     # two eastern provinces: no aid flows
    "县党政代表团到常州市对接对口支援工作。",        # the visitors' place unnamed
    "常州市代表团赴苏州市考察对口支援工作经验。",      # two places of one province: no pairing
))
def delegation_visit(ctx: Ctx, hit: re.Match):
    """D(党政)代表团来/赴/到R考察(对接)对口支援工作 / 援X项目: a place's delegation visiting the
    other side of its pairing — reference data says which side gives (the receiver visits too)."""
    pos = ctx.at(hit.start())
    places = right_group(ctx, ctx.at(hit.start("to")), kinds=REGION, max_gap=0, expand=True)
    a0 = clause_of(ctx, pos)[0]
    body = [x for x in ctx.ms if a0 <= span_start(x) and x.end <= pos and x.entity.cls == "GovernmentBody"
            and re.search(r"(?:代表团|考察团)$", x.entity.label)
            and re.fullmatch(r"(?:一行)?(?:" + words("fillers") + r")*", ctx.text(x.end, pos))][-1:]
    if not places:
        # 来我县: the place the reporter writes as we
        places = [x.entity for x in ctx.ms if x.start == ctx.at(hit.start("to")) and x.entity.cls in REGION]
    if not body and re.search(r"一行$", ctx.text(ctx.start, pos)):
        # R区委副书记、区长A，副区长B一行来我县…: a party led by one place's officials (their
        # titles and names only before 一行) is that place's
        body = _officials_place(ctx, pos)
    visitors = [acting_place(ctx.doc, b.entity) for b in body]
    for v in visitors:
        for r in places:
            if not hit.group("aid") and orient(ctx.doc, v, r) is None:
                continue  # (a visit with no aid word pairs only where reference data says aid flows)
            if v.cls in REGION and r is not v and _across(ctx, v, r) and not _locator(ctx, v, r):
                yield mutual_pair(ctx.doc, v, r)


_PAIR_DASH = "—－–-"


@rule("dash-pairs", FAMILY, r"(?<=囗)[—－–-]{1,2}(?=囗)", examples={
    "对口援建中，浙江—青川、福建—彭州、山西—茂县的结对关系延续至今。": [
        ("浙江省", "supports", "青川县"), ("福建省", "supports", "彭州市"), ("山西省", "supports", "茂县")],
    "天津—甘肃、辽宁—青海东西部协作持续深化。": [("天津市", "supports", "甘肃省"), ("辽宁省", "supports", "青海省")],
}, counter=(
    "京—沪高速铁路全线贯通。",                 # a route between two ends
    "乌鲁木齐—喀什航线今年加密。",             # a route inside one province
    "北京—上海两地游客增多。",                 # two eastern places, no aid word
))
def dash_pairs(ctx: Ctx, hit: re.Match):
    """A—B、C—D: the sides of pairings listed by their short names, each joined by a dash, in a
    sentence on aid (对口/援/帮扶/协作/结对) or where reference data says A gives to B — not a route
    (A—B高速/铁路/航线/公路, or two places of one province)."""
    pos = ctx.at(hit.start())
    end = ctx.at(hit.end())
    left = next((x for x in reversed(ctx.ms) if x.end == pos and x.entity.cls in REGION), None)
    right = next((x for x in ctx.ms if span_start(x) == end and x.entity.cls in REGION), None)
    if left is None or right is None or right.end < len(ctx.doc.norm) and ctx.text(right.end, right.end + 1) in _PAIR_DASH:
        return  # (A—B—C: a route through places)
    if re.match(r"(?:两地)?(?:高速|铁路|公路|航线|航班|动车|高铁|专列|班列|管道|线)", ctx.text(right.end, right.end + 4)):
        return
    a, b = left.entity, right.entity
    if not _across(ctx, a, b):
        return
    aid = re.search(r"对口|援|帮扶|协作|结对|扶贫", ctx.sentence) is not None
    if orient(ctx.doc, a, b) is None and not aid:
        return
    yield paired(ctx.doc, a, b) if aid else mutual_pair(ctx.doc, a, b)


_OFFICIAL = re.compile(r"(?:区委|县委|市委|州委|省委|区政府|县政府|市政府|人民政府)?(?:常委|常务)?(?:副)?(?:书记|区长|县长|市长|州长|省长|主任|秘书长|部长|局长)")


def _officials_place(ctx: Ctx, pos: int) -> list:
    """The place whose officials (R区委副书记、区长A，副区长B) make up a party before 一行: every
    mention before `pos` is that place (or its organs) or a person, each place followed by a title."""
    # (a dateline's place — X网讯, X电 — is the paper's, no member of the party)
    ms = [x for x in ctx.ms if x.start >= ctx.start and x.end <= pos and not re.match(r"网?讯|日?电", ctx.text(x.end, x.end + 2))]
    places = [x for x in ms if x.entity.cls in REGION | {"GovernmentBody"}]
    if not places or any(x.entity.cls not in REGION | {"GovernmentBody", "Person", "Cadre"} for x in ms):
        return []
    lead = places[0]
    home = acting_place(ctx.doc, lead.entity)
    if any(acting_place(ctx.doc, x.entity) is not home for x in places) or not _OFFICIAL.match(ctx.text(lead.end, lead.end + 8)):
        return []
    return [lead]


@rule("give-support", FAMILY, r"给予(?P<to>囗[囗、和及与]*)[^，,。；;囗]{0,6}?(?:支持|帮助|帮扶|支援|援助)", examples={
    "东西部协作开展以来，杭州市给予恩施土家族苗族自治州大力支持。": [("杭州市", "supports", "恩施土家族苗族自治州")],
    "天津市西青区给予甘肃省景泰县大力支持。": [("西青区", "supports", "景泰县")],
    "常州市给予阿合奇县、乌恰县资金和人才支持。": [("常州市", "supports", "阿合奇县"), ("常州市", "supports", "乌恰县")],
}, counter=(
    "阿图什市给予阿湖乡资金支持。",          # a county's support for its own town is no pairing
    "恒达纺织公司给予阿图什市大力支持。",      # a firm's help is business
))
def give_support(ctx: Ctx, hit: re.Match):
    """D给予R(大力)支持/帮助/帮扶: a place's support for a place of another province (reference data
    knowing both) pairs them, D the giver."""
    pos = ctx.at(hit.start())
    recips = right_group(ctx, ctx.at(hit.start("to")), kinds=REGION | ORG, max_gap=0, expand=True)
    donors = left_group(ctx, pos) or _givers(ctx, pos)
    for d, r in same_level(ctx, pairs(ctx, donors, recips, pos)):
        if d.cls in REGION | {"GovernmentBody"} and r.cls in REGION and _across(ctx, d, r) and not _locator(ctx, d, r):
            yield paired(ctx.doc, d, r)


def _subject(ctx: Ctx, pos: int) -> list:
    """The subject a clause without one goes on with (3年来，A区、B区不断…，助力R…): the first
    actor group of the sentence before `pos` that is no adverbial — not in 在…下, not a place
    something happens in or comes from (在R, 从R, 到R)."""
    text = ctx.sentence
    frames = [(ctx.at(m.start()), ctx.at(m.end())) for m in re.finditer(r"在[^，,。；;]{1,30}?下", text)]
    for x in ctx.ms:
        if x.end > pos:
            break
        a = span_start(x)
        if x.entity.cls not in ACTOR or any(f0 <= a < f1 for f0, f1 in frames) \
                or ctx.text(a - 1, a) in ("在", "于", "从", "到", "赴", "自", "由", "向", "与", "同", "和", "对"):
            continue
        return right_group(ctx, a, max_gap=0)
    return []


def _units_of(ctx: Ctx, after: int, recips) -> list:
    """D对口支援R的A、B和C, R及其下辖A、B, R“两区两县”，分别是A、B…, R五县（A、B…）: the units of R
    listed after it are recipients too."""
    group = [x for x in ctx.ms if span_start(x) >= after and x.entity in recips]
    if not group:
        return []
    end = max(x.end for x in group)
    units = re.match(_UNITS_LISTED, ctx.text(end, ctx.end))
    if not units:
        return []
    # units lie where R lies: a place of another province after 的 is no unit of R (对口支援R的D…)
    return [u for u in right_group(ctx, end + units.end(), kinds=REGION, max_gap=0, expand=True)
            if not any(apart(u, r) for r in recips)]


_COUNTED = r"[\d一二两三四五六七八九十]+个?(?:县市区|县区|区县|县市|市县|地区|团场|乡镇|区|县|市|团|乡|镇)"
_UNITS_LISTED = (r"(?:的|及其(?:下辖|所辖)的?|(?:下辖|所辖)的?"
                 r"|[“\"]?(?:" + _COUNTED + r")+[”\"]?(?:[，,：:]?(?:分别是|分别为|即|包括)|[（(]))")


_GIVER = tuple(relation_words()["partner_giver_heads"])
_RECEIVER = tuple(relation_words()["partner_receiver_heads"])


@rule("partner-of", FAMILY, r"的对口(?:支援|帮扶|援助|协作)(?P<head>{partner_giver_heads}|{partner_receiver_heads})",
      scope="text", examples={
          "作为阿克苏地区的对口支援省份，浙江省持续加大投入。": [("浙江省", "supports", "阿克苏地区")],
          "作为阿合奇县的对口支援城市，常州市今年投入资金1.5亿元。": [("常州市", "supports", "阿合奇县")],
          "红河县是常州市的对口协作县。": [("常州市", "supports", "红河县")],
          "阿合奇县是常州市的对口援助县。": [("常州市", "supports", "阿合奇县")],
          "白杨县是海澜市的对口协作县。": [("海澜市", "pairedWith", "白杨县")],
          # a list of partners: each is paired with the subject, none with another
          "常州市是阿合奇县和红河县的对口支援城市。": [("常州市", "supports", "阿合奇县"), ("常州市", "supports", "红河县")],
          "作为阿图什市、阿克陶县的对口支援城市，苏州市持续加大投入。": [
              ("苏州市", "supports", "阿图什市"), ("苏州市", "supports", "阿克陶县")],
          "泰州市作为昭苏县的对口支援城市，今年投入资金1亿元。": [("泰州市", "supports", "昭苏县")],
      })
def partner_of(ctx: Ctx, hit: re.Match):
    """作为X的对口支援城市，Y… / Y是X的对口帮扶单位: Y aids X; Y是X的对口协作县: Y and X are
    partners, and reference data may say which gives."""
    pos = ctx.at(hit.start())
    # X may be a list (Y是A市和B县的对口支援城市): each of its places is Y's partner, not the others'
    xs = left_group(ctx, pos) if any(e.end == pos for e in ctx.ms) else []
    if not xs:
        return
    x0 = min(span_start(e) for e in ctx.ms if e.entity in xs and e.end <= pos)
    if ctx.text(ctx.start, x0).endswith("作为"):
        # 作为X的对口支援城市，Y…; Y作为X的对口支援城市，…
        y = next((e for e in ctx.ms if e.start > ctx.at(hit.end()) and e.entity.cls in ACTOR), None) \
            or next((e for e in reversed(ctx.ms) if e.end == x0 - 2 and e.entity.cls in ACTOR), None)
    else:
        y = next((e for e in reversed(ctx.ms) if e.end <= x0 and e.entity.cls in ACTOR), None)
    if y is None:
        return
    head = hit.group("head")
    for x in xs:
        if "协作" in hit.group() or head not in _GIVER + _RECEIVER:
            yield mutual_pair(ctx.doc, y.entity, x)
        elif head in _GIVER:
            yield paired(ctx.doc, y.entity, x)   # Y是X的对口支援城市: Y gives
        else:
            yield paired(ctx.doc, x, y.entity)   # Y是X的对口援助地区: Y receives


@rule("receiving-side", FAMILY, r"的(?:受援地|受援县|受援市|受援州|受援地区|受援方|结对帮扶县|结对县)", scope="text", examples={
    "常州市的受援地阿合奇县迎来发展机遇。": [("常州市", "supports", "阿合奇县")],
    "阿合奇县是常州市的受援县。": [("常州市", "supports", "阿合奇县")],
    "作为常州市的受援地，阿合奇县今年新建学校3所。": [("常州市", "supports", "阿合奇县")],
}, counter=(
    "受援地阿合奇县迎来发展机遇。",          # no giver named
    "常州市的受援地群众生活改善。",          # no place named as the receiver
))
def receiving_side(ctx: Ctx, hit: re.Match):
    """D的受援地(，)R / R是D的受援县 / 作为D的受援地，R…: the place named as D's receiving side."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    givers = left_group(ctx, pos, kinds=REGION) if any(x.end == pos for x in ctx.ms) else []
    if not givers:
        return
    d0 = min(span_start(x) for x in ctx.ms if x.entity in givers and x.end <= pos)
    recips = right_group(ctx, after, kinds=REGION, max_gap=0)
    a0, b0 = clause_of(ctx, pos)
    if not recips and ctx.text(a0, d0).endswith("作为") and ctx.text(b0, b0 + 1) in ("，", ","):
        recips = right_group(ctx, b0 + 1, kinds=REGION, max_gap=0)   # 作为D的受援地，R…
    if not recips:
        subj = re.match(r"^(.*?)(?:是|为)$", ctx.text(a0, d0))
        if subj and subj.group(1):
            recips = left_group(ctx, a0 + len(subj.group(1)), kinds=REGION)   # R是D的受援县
    for d in givers:
        for r in recips:
            if r is not d and _across(ctx, d, r):
                yield paired(ctx.doc, d, r)


# D向R拨付…资金 / 捐赠…元: money sent to a place
_SENDS_MONEY = re.compile(expand(r"(?:{give_verbs}|{aid_money_verbs}|{donation_verbs})[^，,。；;]{0,12}(?:资金|款|元)"))


@rule("money-to", FAMILY, r"向", scope="text", examples={
    "天津市向黄南藏族自治州拨付援助资金2亿元。": [("天津市", "supports", "黄南藏族自治州")],
    "浙江省湖州市累计向四川省广安市拨付财政帮扶资金1.2亿元。": [("湖州市", "supports", "广安市")],
    "常州市有关部门、企业向阿合奇县捐赠了300万元的物资。": [("常州市", "supports", "阿合奇县")],
    "20年来，浙江省财政向四川省无偿援助5亿元。": [("浙江省", "supports", "四川省")],
}, counter=("天津市向社会公布了项目清单。",))
def money_to(ctx: Ctx, hit: re.Match):
    """D向R拨付/投入/提供…资金: money sent to a place pairs the two."""
    after = ctx.at(hit.end())
    a, b = clause_of(ctx, after)
    if not _SENDS_MONEY.search(ctx.text(after, b)):
        return
    donors = left_group(ctx, ctx.at(hit.start()))
    if not donors:
        # D有关部门、企业向R提供…: the place whose departments and firms give
        donors = [x.entity for x in ctx.ms if a <= span_start(x) and x.entity.cls in REGION
                  and re.fullmatch(_UNITS, ctx.text(x.end, ctx.at(hit.start())))][-1:]
    recips = right_group(ctx, after, kinds=REGION, max_gap=1, expand=True)
    for d, r in pairs(ctx, donors, recips, after):
        if d.cls in REGION | {"GovernmentBody"}:
            yield paired(ctx.doc, d, r)


@rule("aid-built-for", FAMILY, r"{aid_marker}(?:资金)?(?:支持|全额|重点)?(?:建设|援建|投建|兴建|打造|实施|修建)的", scope="text",
      examples={
    "在江苏援疆支持建设的阿合奇县万亩沙棘林里，农户们忙着采摘。": [("江苏省", "supports", "阿合奇县")],
    "浙江援疆建设的乌恰县第二小学投入使用。": [("浙江省", "supports", "乌恰县")],
}, counter=(
    "浙江援疆建设的第二小学投入使用。",          # no place named after it
    "浙江援疆建设的嘉兴市第二小学投入使用。",      # a place outside the province aided
))
def aid_built_for(ctx: Ctx, hit: re.Match):
    """D援X(支持)建设的R…: what a donor's programme built in a place it names pairs the two (the
    place, or the place a project's name opens with, must lie in the province X names)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    marker = aid_marker().search(hit.group())
    province = gz.get_gazetteer().province_abbreviation(marker.group()[1]) if marker else None
    giver = [x.entity for x in ctx.ms if x.end == pos and x.entity.cls in REGION - {"XPCCUnit"}]
    nxt = next((x for x in ctx.ms if span_start(x) == after), None)
    if province is None or not giver or nxt is None:
        return
    if nxt.entity.cls in ("Prefecture", "County", "XPCCUnit", "Township", "Village"):
        place = chain_of(nxt)[-1].entity
    elif nxt.entity.cls in ("Project", "Institution", "DevelopmentZone"):
        chain = leading_places(ctx.doc, nxt.entity)[0]
        place = chain[-1] if chain else None
    else:
        return
    if place is not None and place is not giver[0] and province_code(ctx.doc, place) == province.code:
        yield paired(ctx.doc, giver[0], place)


_AID_FUND = re.compile(r"^(?:的)?(?:对口)?(?:" + aid_marker().pattern + r"|帮扶|协作|援助|援建)资金")


@rule("donor-builds-in", FAMILY, r"在(?P<to>囗+)(?:先后|累计|共|已|新)*(?!援建)(?:{build_verbs})", examples={
    "广东省对口支援新疆工作前方指挥部介绍，十年来广东在喀什地区新建学校66所。": [("广东省", "supports", "喀什地区")],
    "浙江援疆成效显著，浙江在阿克苏地区新建、改扩建学校50所。": [("浙江省", "supports", "阿克苏地区")],
}, counter=(
    "浙江在阿克苏地区新建学校50所。",                  # the article never writes 浙江 as a donor
    "江苏援疆成效显著，江苏在南京市新建学校5所。",        # aid flows from no province to its own city
))
def donor_builds_in(ctx: Ctx, hit: re.Match):
    """D在R新建/建设/改扩建…, D a place the article writes as a donor (D援X, D对口支援…) and R a place
    reference data says D's aid reaches at D's pairing level: what D builds in R is its aid to R."""
    pos = ctx.at(hit.start())
    place = [x for x in ctx.ms if span_start(x) == pos + 1 and x.entity.cls in REGION]
    if not place:
        return
    a = clause_of(ctx, pos)[0]
    donor = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos and x.entity.cls in REGION]
    if not donor or not re.fullmatch(r"(?:还|也|已|已经|先后|累计|共|十年来|近年来|[\d一二三四五六七八九十]+年来)*",
                                     ctx.text(donor[-1].end, pos)):
        return
    d, r = chain_of(donor[-1])[-1].entity, chain_of(place[0])[-1].entity
    if donor_in_article(ctx, d) and orient(ctx.doc, d, r) == (d, r) and pairing_level(d, r):
        yield paired(ctx.doc, d, r)


@rule("aid-fund-for", FAMILY, r"(?:主要|全部|重点)?用于", scope="text", examples={
    "从2010年至今，共有2000万元来自江苏的援疆资金用于乌恰县的乡村卫生系统建设。": [("江苏省", "supports", "乌恰县")],
    "湖州市帮扶资金1.2亿元主要用于广安市的产业发展。": [("湖州市", "supports", "广安市")],
}, counter=(
    "乌恰县将援疆资金用于乌恰县第二小学建设。",       # the place spends the money: no giver named
    "江苏的援疆资金用于教育和医疗。",                # no place it goes to
))
def aid_fund_for(ctx: Ctx, hit: re.Match):
    """(来自)D的援X资金…用于R: the aid money of a place, spent on another, pairs the two."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, _ = clause_of(ctx, pos)
    givers = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos and x.entity.cls in REGION
              and _AID_FUND.match(ctx.text(x.end, pos))]
    if not givers:
        return
    for r in right_group(ctx, after, kinds=REGION, max_gap=1, expand=True):
        if r is not givers[-1].entity and r.cls in ("Prefecture", "County", "XPCCUnit", "Township", "Village"):
            yield paired(ctx.doc, givers[-1].entity, r)


@rule("mutual", FAMILY, emits=("pair-list",), examples={
    "余姚市实验幼儿园与乌恰县第二幼儿园早在2019年就结为友好园。": [("余姚市实验幼儿园", "supports", "乌恰县第二幼儿园")],  # 结为友好园
    "苏州锦程纺织有限公司与伽师县卧里托格拉克镇签订结对帮扶协议。": [("苏州锦程纺织有限公司", "pairedWith", "卧里托格拉克镇")],  # a town paired, not its county; a firm: no side known
    "阿图什市人民医院与苏州市立医院结对。": [("苏州市立医院", "supports", "阿图什市人民医院")],
    "常州市与阿合奇县、苏州市与阿图什市分别结对。": [
        ("常州市", "supports", "阿合奇县", "pair-list"), ("苏州市", "supports", "阿图什市", "pair-list")],
    "海澜市与白杨县结成友好城市。": [("海澜市", "pairedWith", "白杨县")],
    "乐山市与阿坝县签订协作协议。": [("乐山市", "pairedWith", "阿坝县")],
    "苏州市、无锡市分别与阿图什市、阿克陶县结对帮扶。": [("苏州市", "supports", "阿图什市"), ("无锡市", "supports", "阿克陶县")],
    "常州市与阿合奇县建立对口支援关系以来，双方交流日益密切。": [("常州市", "supports", "阿合奇县")],
    "2010年起，常州与阿合奇县结缘。": [("常州市", "supports", "阿合奇县")],
    # the bond between two places (之间的情谊) is their pairing
    "距离没有阻断江西省和阿克陶县之间的情谊。": [("江西省", "supports", "阿克陶县")],
    "阿合奇县与常州市两地之间结下的深厚情谊。": [("常州市", "supports", "阿合奇县")],
    "南京市与苏州市之间的友谊源远流长。": [],   # neighbours' friendship: no aid flows between them
    "南京、苏州两地游客互访频繁。": [],       # two places with no pairing word
    "无锡市和阿合奇县就结对帮扶工作签约。": [("无锡市", "supports", "阿合奇县")],
    # the two places the reporter calls 两地, in a clause on their pairing (one province's too)
    "今后，瓯海、泰顺两地将进一步完善协作机制。": [("瓯海区", "pairedWith", "泰顺县")],
    "这正体现了苏州市与阿图什市援受两地的深情厚谊。": [("苏州市", "supports", "阿图什市")],   # 援受两地: the tie itself
    # a list of givers closed by 等省; the units of a place listed after 的 are the side
    "推动江苏、浙江、广东等省与新疆维吾尔自治区签订对口支援协议。": [
        ("江苏省", "supports", "新疆维吾尔自治区"), ("浙江省", "supports", "新疆维吾尔自治区"),
        ("广东省", "supports", "新疆维吾尔自治区")],
    "伽师县与苏州市的吴江区、吴中区结对。": [("吴江区", "supports", "伽师县"), ("吴中区", "supports", "伽师县")],
    "伽师县与苏州市吴江区、常熟市建立结对帮扶关系。": [("吴江区", "supports", "伽师县"), ("常熟市", "supports", "伽师县")],
    # one chain is one item of a list (a division and its city, 师市合一)
    "清河县、故城县与兵团第二师铁门关市结对帮扶。": [
        ("清河县", "supports", "第二师"), ("清河县", "supports", "铁门关市"),
        ("故城县", "supports", "第二师"), ("故城县", "supports", "铁门关市")],
    "1996年，福建和宁夏建立对口协作关系。": [("福建省", "supports", "宁夏回族自治区")],
    "杭州市文晖小学与阿图什市第三小学结为姊妹学校。": [("杭州市文晖小学", "supports", "阿图什市第三小学")],
    # each level of two chains with its own level (宁波市–黔西南州, 海曙区–望谟县)
    "今年宁波市海曙区与黔西南布依族苗族自治州望谟县开展劳务协作，输送务工人员300人。": [
        ("宁波市", "supports", "黔西南布依族苗族自治州"), ("海曙区", "supports", "望谟县")],
    "杭州余杭区与来凤县签订结对帮扶协议。": [("余杭区", "pairedWith", "来凤县")],  # 湖北 is no western province
    "疏勒县塔孜洪乡与余杭区良渚街道、伽师县克孜勒苏乡与萧山区宁围街道等18对乡镇开展结对。": [
        ("良渚街道", "supports", "塔孜洪乡", "pair-list"), ("宁围街道", "supports", "克孜勒苏乡", "pair-list")],
    "鄞州区明德中学与昭觉县格桑花中学、鄞州区仁济医院与昭觉县彝安医院分别结成帮扶对子。": [
        ("鄞州区明德中学", "supports", "昭觉县格桑花中学", "pair-list"),
        ("鄞州区仁济医院", "supports", "昭觉县彝安医院", "pair-list")],
    # the city 在 stands before is where they meet; the delegation acts for its county
    "阿合奇县代表团在南京市与常州市举行对口支援工作座谈会。": [("常州市", "supports", "阿合奇县")],
    # pairs listed in one clause; an earlier 与 in another clause does not join the list
    "苏州援疆队与阿图什市开展交流，苏州与阿图什、常州与阿合奇县进一步深化合作。": [
        ("苏州市", "supports", "阿图什市", "pair-list"), ("常州市", "supports", "阿合奇县", "pair-list")],
    # a strategic cooperation agreement with a place of 新疆 is aid
    "推动山东、河北等省与新疆生产建设兵团签订战略合作框架协议。": [
        ("山东省", "supports", "新疆生产建设兵团"), ("河北省", "supports", "新疆生产建设兵团")],
    # two places side by side (no conjunction) and the pairing they set up
    "1996年9月，上海云南正式建立结对帮扶关系。": [("上海市", "supports", "云南省")],
    "上海云南两省市对口帮扶合作联席会议在昆明召开。": [("上海市", "supports", "云南省")],
    # A和B签订…协作协议: 和 joins the two sides of the agreement
    "2019年5月，浙江海澜市和四川白杨县签订扶贫协作框架协议。": [("海澜市", "pairedWith", "白杨县")],
    "2017年9月，广东廉江市和广西融水苗族自治县签订东西部协作协议。": [("廉江市", "supports", "融水苗族自治县")],
    # A和B携手: the two sides of an east–west pairing (a district and a county of two provinces)
    "自东西部协作开展以来，上海市浦东新区和云南省祥云县携手并肩奔小康。": [("浦东新区", "supports", "祥云县")],
}, counter=(
    "上海和江苏携手推进长三角一体化。",           # two givers together: no aid flows between them
    "恒达纺织公司和锦华贸易公司签订采购协议。",         # no aid word in the agreement
    "阿图什市和恒达纺织公司签订投资协议。",            # an investment agreement is business
    "湖州市对口支援的柯坪县与嘉兴市对口支援的阿拉尔市开展交流。",   # 嘉兴市 opens a relative clause
    "克州阿图什市建立结对帮扶关系。",                # a place inside a place: one chain, no two sides
    "杭州禾丰贸易有限公司与疏勒县果香农业专业合作社签订红枣订单种植协议。",  # an order between a firm and a cooperative is trade
    "宁波海晟物流有限公司与喀什明月食品有限公司合作运营冷链中心。",
    "南沙区与温江区签署战略合作协议，推动两区联动发展。",   # two cities' strategic cooperation
    "商丘市与徐州市签署战略合作协议。",
    "商丘市与徐州市将围绕五个方面展开合作。",     # neighbours cooperating: no aid flows between them
    "阿图什市人民政府与恒通矿业有限公司达成合作协议，项目总投资6000万元。",  # a firm doing business
    "恒达纺织公司与锦华贸易公司签订采购协议，合作运营物流中心。",   # two firms trading are not paired
))
def mutual(ctx: Ctx):
    """A与B … 结对/合作/签订协议: the two sides are paired (reference data may say which gives);
    A与B、C与D分别结对: a list of pairs, each 与 joining only its two neighbours. A place right
    before 与 that something happens in (X代表团在R与Y举行…) is no side; a firm paired needs
    结对/帮扶/对口 (a firm that signs or works with anyone is doing business)."""
    ands = sorted([*_AND.finditer(ctx.blanked), *_AND_SETTING_UP.finditer(ctx.blanked)], key=lambda m: m.start())
    by_clause: dict[tuple[int, int], list[re.Match]] = {}
    for m in ands:
        by_clause.setdefault(clause_of(ctx, ctx.at(m.start())), []).append(m)
    yield from _juxtaposed(ctx)
    yield from _two_places(ctx)
    for (a, b), found in by_clause.items():
        between = [ctx.text(ctx.at(x.end()), ctx.at(y.start())) for x, y in zip(found, found[1:])]
        if len(found) >= 2 and all("、" in t for t in between) and re.search(_MUTUAL, ctx.sentence):
            yield from _pair_list(ctx, found)
            continue
        for m in found:
            yield from _mutual_at(ctx, m, b)


_JUXTAPOSED_BOND = re.compile(expand(r"^(?:{two_sides_words})?(?:正式|共同)?(?:"
                                     r"(?:{set_up_verbs})[^，,。；;]{0,6}?(?:{juxtaposed_ties})"
                                     r"|(?:对口|结对)(?:帮扶|支援|协作|合作)|扶贫协作|东西部协作)"))


def _juxtaposed(ctx: Ctx):
    """上海云南(两省市)建立结对帮扶关系: two places of different provinces written side by side with
    no conjunction (read as one chain) are the two sides of the pairing the words after them state."""
    regions = [x for x in ctx.all_mentions if x.entity.cls in REGION]
    for x, y in zip(regions, regions[1:]):
        if x.end != y.start or "abbreviation" in x.source + y.source \
                or not _JUXTAPOSED_BOND.match(ctx.text(y.end, y.end + 16)):
            continue   # (浙川协作, two one-character names: abbreviation-pair's)
        if x.entity.cls == y.entity.cls and apart(x.entity, y.entity):
            yield mutual_pair(ctx.doc, x.entity, y.entity)   # (inside a meeting's name too)


_TWO_PLACES_BOND = re.compile(r"(?:对口|结对|帮扶|协作)")


def _two_places(ctx: Ctx):
    """A、B两地…协作/结对/帮扶: two places of one level the reporter names as the two sides (两地),
    in a clause stating their pairing — one province's too (山海协作: a district and a county)."""
    regions = [x for x in ctx.ms if x.entity.cls in REGION]
    for x, y in zip(regions, regions[1:]):
        # (援受两地, 结对两地: the two named by the tie itself)
        both = re.match(r"(?P<tie>援受|受援|结对|帮扶)?两地", ctx.text(y.end, y.end + 4))
        if ctx.text(x.end, span_start(y)) not in ("、", "和", "与") or not both:
            continue
        _, b = clause_of(ctx, y.end)
        levels = x.entity.cls == y.entity.cls or both.group("tie") and orient(ctx.doc, x.entity, y.entity) is not None
        if not levels or not (both.group("tie") or _TWO_PLACES_BOND.search(ctx.text(y.end + both.end(), b))) \
                or lies_inside(x.entity, y.entity) or lies_inside(y.entity, x.entity):
            continue
        yield mutual_pair(ctx.doc, x.entity, y.entity)


def _pair_list(ctx: Ctx, found):
    for m in found:
        pos, after = ctx.at(m.start()), ctx.at(m.end())
        left = [x for x in ctx.ms if x.end == pos]
        right = [x for x in ctx.ms if span_start(x) == after]
        nxt = ctx.text(right[0].end, right[0].end + 1) if right else ""
        if left and right and nxt in ("、", "，", ",", "分", "结", "签", "建", "携", "合", "共", "等", "进", "开"):
            if left[0].entity.cls in ACTOR and right[0].entity.cls in ACTOR:
                yield mutual_pair(ctx.doc, left[0].entity, right[0].entity, "pair-list")


def _mutual_at(ctx: Ctx, m: re.Match, b: int):
    pos = ctx.at(m.start())
    tail = _outside_names(ctx, pos, b)  # the 合作 of 专业合作社 is no verb of the sentence
    if not re.search(_MUTUAL, tail):
        return
    if _SIGNING.search(tail) and not _AID_TIE.search(_outside_names(ctx, pos, ctx.end)):
        return
    # two firms that trade, run or build something together (合作运营, 签订采购协议), or a firm that
    # signs with a county, are business partners; only 结对/帮扶/对口 makes them paired
    business = not _PAIRING_TIE.search(tail)
    bond_only = not re.search(_MUTUAL_WORDS, tail)
    # a strategic cooperation agreement (战略合作协议) is regional or business cooperation, paired
    # aid only with a place of 新疆, 西藏 or 青海 on one side
    strong = _STRONG_TIE.search(tail)
    strategic = "战略合作" in tail and not strong
    # cooperating or signing alone (A与B展开合作, 举行签约仪式) is paired aid only where reference
    # data says aid flows between the two (when it knows where both lie)
    weak = not strong and not bond_only
    left = left_group(ctx, pos, expand=True)
    venue = [x for x in ctx.ms if x.end <= pos and x.entity in left and x.entity.cls in REGION
             and ctx.text(span_start(x) - 1, span_start(x)) in ("在", "于")]
    end = span_start(venue[0]) - 1 if venue else pos
    left = left_group(ctx, end, expand=True)
    right = right_group(ctx, ctx.at(m.end()), max_gap=8, expand=True)
    # A与B市的C区、D区结对: the units listed are the side, B市 only says where they lie
    right = _units_of(ctx, ctx.at(m.end()), right) or right
    after_right = max((x.end for x in ctx.ms if x.entity in right and x.start >= ctx.at(m.end())), default=None)
    if after_right is not None and re.match(_RELATIVE[:-1], ctx.text(after_right, b)):
        return  # A与C对口支援的D…: C opens a relative clause; the pairings are its verb's
    # lists of different lengths on both sides cannot be matched — counted in names written, so
    # that one chain (兵团第二师铁门关市, two units of one pairing) is one item
    n_left, n_right = len(left_group(ctx, end)), len(right_group(ctx, ctx.at(m.end()), max_gap=8))
    if n_left != 1 and n_right != 1 and n_left != n_right:
        return
    for x, y in same_level(ctx, pairs(ctx, left, right, pos)):
        if business and "Enterprise" in (x.cls, y.cls):
            continue
        if bond_only and orient(ctx.doc, x, y) is None:
            continue  # a bond alone says pairing only where aid flows by reference data
        if weak and orient(ctx.doc, x, y) is None and province_code(ctx.doc, x) and province_code(ctx.doc, y):
            continue
        if strategic and not any(province_sides().get(province_code(ctx.doc, e) or "") == "recipient" for e in (x, y)):
            continue
        if x.cls in ACTOR and y.cls in ACTOR:
            yield mutual_pair(ctx.doc, x, y)


# 与/同 joining two sides (not the 同 of 共同, 同时, 协同, 相同 …); 和 only when the two set up a
# relation together (A和B建立对口协作关系), as 和 also joins the members of one side
_AND = re.compile(r"与|(?<![共协相连等如合])同(?![时比样期步心志行意类级])")
_BOND = expand(r"(?:两地)?之间(?:的|结下的)[^，,。；;囗]{0,4}?(?:{bond_nouns})")
_AND_SETTING_UP = re.compile(expand(r"(?<=囗)和(?=囗+(?:[^，,。；;囗]{0,6}?(?:{tie_setting_verbs})"
                                    r"|就[^，,。；;]{0,16}?(?:{signing_verbs})|[^，,。；;囗]{0,4}?携手|") + _BOND +
                             r"|[^，,。；;囗]{0,4}?(?:签订|签署)[^，,。；;囗]{0,10}?(?:协作|帮扶|结对|对口|援)[^，,。；;囗]{0,6}?协议))")
_MUTUAL_WORDS = words("mutual_words")
_SIGNING = re.compile(words("signing_verbs"))
_AID_TIE = re.compile(words("aid_tie_words"))
_PAIRING_TIE = re.compile(words("pairing_ties"))
_STRONG_TIE = re.compile(words("strong_ties"))
_MUTUAL = _MUTUAL_WORDS + "|" + _BOND


@rule("dot-pair", FAMILY, r"[·•・]|(?P<dash>[—－–-]{1,2})", scope="text", examples={
    "上海·喀什对口支援工作会议召开。": [("上海市", "supports", "喀什地区")],
    "6月13日，2023年延边·宁波对口合作招商推介暨项目签约会在宁波举行。": [("延边朝鲜族自治州", "pairedWith", "宁波市")],  # 对口合作: mutual
    "常州·阿合奇两地联席会议召开。": [("常州市", "supports", "阿合奇县")],
    "常州市–阿合奇县东西部协作联席会议召开。": [("常州市", "supports", "阿合奇县")],   # a dash inside a meeting's name
}, counter=(
    "第二届中国喀什·深圳商品交易会在喀什开幕。",   # a fair of two cities names no pairing
    "北京·上海两地企业家座谈会召开。",        # two places on one side, no tie said
    "喀什·阿克苏旅游推介会召开。",            # one province
    "中国·东盟博览会在南宁开幕。",
))
def dot_pair(ctx: Ctx, hit: re.Match):
    """A·B (两地, 对口合作, 产业合作…): two places joined by a middle dot in the name of their joint
    meeting or programme are partners, when a word of paired aid follows (对口, 协作, 帮扶, 援), or
    两地 when reference data gives one side (east to west, outside to 新疆/西藏/青海) — a fair or
    forum of two cities (中国A·B商品交易会) names no pairing."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    if hit.group("dash") and not any(x.start < pos and after < x.end for x in ctx.ms):
        return  # (a dash between names standing alone is dash-pairs')
    a = [x for x in ctx.all_mentions if x.end == pos and x.entity.cls in _UNITS_PAIRED]
    b = [x for x in ctx.all_mentions if x.start == after and x.entity.cls in _UNITS_PAIRED]
    if not a or not b or ctx.text(b[0].end, b[0].end + 1) in ("·", "•", "・", "—", "－", "–", "-") \
            or ctx.text(span_start(a[0]) - 1, span_start(a[0])) in ("·", "•", "・", "—", "－", "–", "-"):
        return  # (a list of three or more places is no pair)
    x, y = a[0].entity, b[0].entity
    if not apart(x, y):
        return
    tie = re.match(r"[^，,。；;、]{0,6}?(?:对口|协作|帮扶|结对|援)", ctx.text(b[0].end, ctx.end))
    both = re.match(r"两地", ctx.text(b[0].end, ctx.end))
    if tie or both and orient(ctx.doc, x, y) is not None:
        yield mutual_pair(ctx.doc, x, y)


_UNITS_PAIRED = ("Province", "Prefecture", "County", "XPCCUnit")


@rule("welcomes", FAMILY, r"迎来|欢迎|迎接", scope="text", examples={
    "阿合奇县迎来常州市第十二批援疆干部人才。": [("常州市", "supports", "阿合奇县")],
    "阿合奇县欢迎常州市第三批援疆医生。": [("常州市", "supports", "阿合奇县")],
    "常州市迎来了阿合奇县党政代表团。": [("常州市", "supports", "阿合奇县")],   # a delegation across the divide
}, counter=(
    "阿合奇县迎来旅游旺季。",
    "常州市迎来南京市代表团。",          # one province: no pairing
    "阿图什市迎来阿图什市第三批驻村工作队。",   # its own people
))
def welcomes(ctx: Ctx, hit: re.Match):
    """R迎来/欢迎D(第N批)援X干部人才/医疗队…: the place (or hospital, school) that welcomes a donor's
    aid workers is aided by the donor."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a0 = clause_of(ctx, pos)[0]
    host = [x for x in ctx.ms if a0 <= span_start(x) and x.end <= pos and filler(ctx.text(x.end, pos))
            and x.entity.cls in REGION | {"Institution"} and ctx.text(span_start(x) - 1, span_start(x)) not in ("在", "于")]
    if not host:
        return
    r = host[-1].entity
    rest = ctx.text(after, ctx.end)
    lead = re.match(r"了?", rest).end()
    prog = [x for x in ctx.ms if x.start == after + lead and x.entity.cls == "Programme"]
    donor = programme_donor(ctx.doc, prog[0].entity) if prog else None
    if donor is None:
        place = [x for x in ctx.ms if span_start(x) == after + lead and x.entity.cls in REGION]
        if place and re.match(_BATCH + r"[“\"]?(?:组团式)?[”\"]?(?:" + aid_marker().pattern + r")[\u4e00-\u9fff]{0,2}?(?:"
                              + words("aid_people") + r"|医疗队|工作队|工作组)", ctx.text(place[0].end, ctx.end)):
            donor = place[0].entity
    if donor is None:
        # R迎来(了)Q(党政)代表团/考察团/调研组: a delegation's visit across the divide reference data
        # knows (east to west, outside to 新疆/西藏/青海), as delegation-visit reads 到R考察
        group = [x for x in ctx.ms if x.start == after + lead and x.entity.cls in ("GovernmentBody", "Organization")
                 and re.search(r"(?:代表团|考察团|调研组|考察组)$", x.entity.label)]
        lead_places = leading_places(ctx.doc, group[0].entity)[0] if group else []
        if lead_places and lead_places[-1] is not r and orient(ctx.doc, lead_places[-1], r) is not None:
            yield mutual_pair(ctx.doc, lead_places[-1], r)
        return
    if donor is r:
        return
    if _across(ctx, donor, r) and not _locator(ctx, donor, r):
        yield paired(ctx.doc, donor, r)


@rule("stationed-team", FAMILY, r"驻", scope="text", examples={
    "常州市驻阿合奇县工作组组长刘明远介绍了情况。": [("常州市", "supports", "阿合奇县")],
}, counter=(
    "阿图什市驻阿湖乡工作组开展调研。",      # a county's own town
    "常州市驻南京市工作组召开会议。",        # reference data gives no side
))
def stationed_team(ctx: Ctx, hit: re.Match):
    """D驻R工作组/工作队/联络组 (a body's name): a place's team posted in a place reference data has
    it aid — the two are paired."""
    pos = ctx.at(hit.start())
    body = [x for x in ctx.ms if x.start < pos < x.end and x.entity.cls in ("GovernmentBody", "Organization")
            and re.search(r"(?:工作组|工作队|联络组)$", ctx.text(pos, x.end))]
    if not body:
        return
    inner = [x for x in ctx.all_mentions if body[0].start <= x.start and x.end <= body[0].end and x.entity.cls in REGION]
    d = [x for x in inner if x.end == pos]
    r = [x for x in inner if x.start == pos + 1]
    if d and r and orient(ctx.doc, d[0].entity, r[0].entity) == (d[0].entity, r[0].entity):
        yield paired(ctx.doc, d[0].entity, r[0].entity)


@rule("abbreviation-pair", FAMILY, r"([\u4e00-\u9fff])([\u4e00-\u9fff])(?:东西部)?(?:扶贫|对口)?(?:协作|合作|两地)",
      scope="text", examples={
          "杭州市对口支援阿克苏地区。杭阿两地携手推进产业协作，杭阿协作结硕果。": [("杭州市", "supports", "阿克苏地区")],
          "福建省和宁夏回族自治区深化闽宁协作。": [("福建省", "supports", "宁夏回族自治区")],
          "粤桂协作不断深化。": [("广东省", "supports", "广西壮族自治区")],
          "晋疆两地交流频繁。": [("山西省", "supports", "新疆维吾尔自治区")],
          "苏陕协作结出硕果。": [("江苏省", "supports", "陕西省")],
          "福建省与宁夏回族自治区深化合作，闽宁协作成效显著。": [("福建省", "supports", "宁夏回族自治区")],  # 东西部协作: the eastern side gives
          "浙江省和四川省深化合作，浙川东西部协作不断深化。": [("浙江省", "supports", "四川省")],
          # a province's one-character name with a place's first character, both named in full
          "上海市对口支援喀什地区。沪喀两地合作不断深化。": [("上海市", "supports", "喀什地区")],
          "北京市对口支援和田地区。京和两地携手推进产业发展。": [("北京市", "supports", "和田地区")],
          "深圳市与喀什地区开展协作。深喀两地携手。": [("深圳市", "supports", "喀什地区")],
          # 黔 may be the province or the prefecture: the city's partner is the prefecture
          "广东省结对帮扶贵州省，其中东莞市与黔南州结对。东黔两地协作深化。": [("东莞市", "supports", "黔南布依族苗族自治州")],
      }, counter=(
          "上海市和喀什地区。深化两地合作。",          # 化 names no place
          "苏州市与南京市开展交流。苏南两地合作。",    # one province: no paired assistance
          "双方深化合作。",
          "川渝合作不断深化。",        # neighbours cooperating: no paired assistance
          "沪苏合作持续推进。",
      ))
def abbreviation_pair(ctx: Ctx, hit: re.Match):
    """闽宁协作, 沪滇合作, 湖广两地: a blend of two places' one-character names (recognised by the
    blends component: two provinces, or the initials of two places the article names) is a
    pairing when it is paired assistance — reference data says which side gives (the east in
    东西部协作; any side to 新疆, 西藏, 青海) or the text says 对口/东西部/扶贫; two neighbours
    cooperating (川渝合作) are no pairing."""
    pos = ctx.at(hit.start())
    sides = [x.entity for x in ctx.names if x.source == "gazetteer:abbreviation" and x.start in (pos, pos + 1)]
    if len(sides) != 2:
        # a blend the tagger did not give as one word: provinces the article names in full
        gaz = gz.get_gazetteer()
        divs = [gaz.province_abbreviation(c) for c in hit.group(1, 2)]
        sides = [ctx.doc.entities.get(d.key) for d in divs if d is not None]
        sides = [e for e in sides if e is not None and e.mentions]
    if len(sides) != 2 and not any(x.start <= pos + 1 and pos < x.end for x in ctx.all_mentions):
        # 沪喀两地, 京和两地, 苏伊协作: a province's one-character name or the first character of a
        # place, each side a place the article names in full, the two in different provinces
        sides = _blend_sides(ctx, *hit.group(1, 2))
        if not sides or not apart(*sides):
            return
    if len(sides) != 2 or sides[0] is sides[1] or not all(e.code for e in sides):
        return
    if orient(ctx.doc, *sides) is not None or re.search(r"对口|东西部|扶贫", hit.group()):
        yield mutual_pair(ctx.doc, *sides)


def _initials_of(ctx: Ctx, char: str) -> list:
    """The places the article names in full that a one-character name may stand for in a blend:
    the province whose one-character name it is (when named), and the one place of the highest
    level whose name opens with it (喀 → 喀什地区 when the article names it)."""
    named = {}
    for m in ctx.doc.mentions:
        e = m.entity
        if e is not None and e.code and e.cls in _RANK and _RANK[e.cls] <= 2 and not m.source.startswith("coref") \
                and m.source != "gazetteer:abbreviation":
            named[e.key] = e
    out = []
    div = gz.get_gazetteer().province_abbreviation(char)
    if div is not None and div.key in named:
        out.append(named[div.key])
    found = [e for e in named.values() if e.label.startswith(char) and e not in out]
    top = [e for e in found if _RANK[e.cls] == min((_RANK[x.cls] for x in found), default=9)]
    return out + top[:1] if len(top) == 1 else out


def _blend_sides(ctx: Ctx, a: str, b: str) -> list:
    """The two places a blend of one-character names stands for: each side's one reading, or —
    where a character may be a province's name or a city's first character (黔: 贵州省 or 黔西南州)
    — the reading of the other side's level (惠黔: a city with a prefecture, not a province)."""
    ca, cb = _initials_of(ctx, a), _initials_of(ctx, b)
    if not ca or not cb:
        return []
    if len(ca) == 1 and len(cb) == 1:
        return [ca[0], cb[0]]
    if len(ca) == 1 or len(cb) == 1:
        one, many = (ca[0], cb) if len(ca) == 1 else (cb[0], ca)
        level = [e for e in many if _RANK[e.cls] == _RANK[one.cls]]
        if len(level) != 1:
            return []
        return [one, level[0]] if len(ca) == 1 else [level[0], one]
    return []


@rule("aid-to", FAMILY, r"(?:对口)?{aid_marker}", scope="text", examples={
    "江苏省对口援疆工作会议召开。新疆维吾尔自治区党委表示感谢。": [("江苏省", "supports", "新疆维吾尔自治区")],
    "大连市援黔工作成效明显，贵州省表示感谢。": [("大连市", "supports", "贵州省")],
    "五年来浙江省财政累计投入援疆资金80亿元，新疆维吾尔自治区各族群众受益。": [("浙江省", "supports", "新疆维吾尔自治区")],
    # an article about one prefecture of the province: the aid is that prefecture's too
    "西藏日喀则市召开援藏工作会。日喀则市各县代表参会。上海市对口援藏项目120个。": [
        ("上海市", "supports", "西藏自治区"), ("上海市", "supports", "日喀则市")],
    # …not when it speaks of two as often
    "西藏日喀则市、拉萨市召开援藏工作会。日喀则市、拉萨市各县代表参会。上海市对口援藏项目120个。": [
        ("上海市", "supports", "西藏自治区")],
    "日喀则市召开工作会。日喀则市各县代表参会。上海市援藏项目120个开工。": [("上海市", "supports", "日喀则市")],
    # a command named after the place it serves (D援X R指挥部)
    "常州市援疆阿合奇指挥部召开会议。阿合奇县表示感谢。": [("常州市", "supports", "阿合奇县")],
    "上海市第八批援藏亚东联络小组到亚东县下司马镇调研。": [("上海市", "supports", "亚东县")],  # a batch's team
    "浙江省援疆阿克苏指挥部召开会议。阿克苏地区、阿克苏市表示感谢。": [("浙江省", "supports", "阿克苏地区")],  # a province's level
    # the clause's subject that does the work (D将做好对口援X工作)
    "常州将久久为功做好对口援疆工作，新疆维吾尔自治区表示感谢。": [("常州市", "supports", "新疆维吾尔自治区")],
    # a command named after its city; a division and the city it is one with are one place
    "嘉兴援疆指挥部召开会议。嘉兴市领导出席。第一师阿拉尔市领导出席。第一师阿拉尔市各团场参加。": [
        ("嘉兴市", "supports", "第一师")],
    # a district pairs with a county, not with the province or prefecture around it
    "虹口区援青工作成效显著。果洛州召开大会。果洛州各县参加。青海省领导出席。": [],
}, counter=(
    "江苏省援疆工作会议召开。",         # the province aided is not named in the article
    "南京市召开工作会。南京市各区参会。江苏省援疆项目120个开工。",   # 南京 is no place 援疆 goes to
    "在常州做好援疆工作的干部受到表彰。新疆维吾尔自治区表示感谢。",   # a place the work is done in
))
def aid_to(ctx: Ctx, hit: re.Match):
    """X对口援疆 / X援黔工作 (援 + a province's one-character name): X aids that province, when the
    article names it, and the place of it the article is about (named or not)."""
    pos = ctx.at(hit.start())
    target = region_by_abbreviation(ctx.doc, hit.group()[-1])
    # the province unnamed, the aid still reaches the place of it the article is about
    province = target or gz.get_gazetteer().province_abbreviation(hit.group()[-1])
    if province is None:
        return
    left = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION and x.entity.cls != "XPCCUnit"]
    follow = ctx.text(ctx.at(hit.end()), ctx.at(hit.end()) + 4)
    host = [x for x in ctx.ms if x.start < pos and ctx.at(hit.end()) <= x.end and x.entity.cls in ("GovernmentBody", "Programme")]
    giver = [x.entity for x in left]
    if not left and host:
        # a body or team named D援X…(嘉兴援疆指挥部, 江西省援疆干部人才): the place it is named after
        # (the place named inside the name, else the one the name starts with that the article names)
        chain, rest = leading_places(ctx.doc, host[0].entity)
        if not chain and (start := named_after(ctx.doc, host[0].entity)) is not None:
            chain, rest = [start], re.sub(r"^[\u4e00-\u9fff]*?(?=(?:第[\d一二三四五六七八九十]+批)?(?:对口)?援)", "", host[0].entity.label)
        if chain and chain[-1].cls in REGION - {"XPCCUnit"} and re.match(r"(?:第[\d一二三四五六七八九十]+批)?(?:对口)?" + hit.group()[-2:], rest):
            giver, follow = chain[-1:], "工作"
            # D援X R指挥部: the place named after 援X (a short form the article names in full) is aided
            giver_place = place_of(ctx.doc, giver[0]) or giver[0]
            served = _team_place_named(ctx, ctx.at(hit.end()), inside=True,
                                       prefer=lambda e: pairing_level(giver_place, e) and e.cls != "Province")
            if served is not None and served is not giver[0] and province_code(ctx.doc, served) == province.code:
                yield paired(ctx.doc, giver[0], served)
    if not left and not host and follow.startswith("工作"):
        # D将(久久为功)做好/深化对口援X工作: the clause's subject does the work
        a0 = clause_of(ctx, pos)[0]
        left = [x for x in ctx.ms if a0 <= span_start(x) and x.end < pos and x.entity.cls in REGION - {"XPCCUnit"}
                and not re.search(r"(?:在|于|到|赴|对|与|和)$", ctx.text(a0, span_start(x)))
                and re.fullmatch(_DOES_WORK, ctx.text(x.end, pos))][:1]
        giver = [x.entity for x in left]
    if not left and follow.startswith("资金"):
        # D(财政)累计投入援X资金N元: the giver of the money, a few words before it
        a0 = clause_of(ctx, pos)[0]
        left = [x for x in ctx.ms if a0 <= span_start(x) and x.end < pos and x.entity.cls in REGION - {"XPCCUnit"}
                and re.fullmatch(r"(?:财政|政府)?(?:" + words("fillers") + r")*" + _GIVES + r"了?", ctx.text(x.end, pos))][-1:]
        giver = [x.entity for x in left]
    if giver and (hit.group().startswith("对口") or follow.startswith(("支持", "工作", "项目", "资金"))):
        place = place_of(ctx.doc, giver[0]) or giver[0]
        if target is not None and _RANK.get(place.cls, 9) <= _RANK["Prefecture"]:
            yield paired(ctx.doc, giver[0], target)   # a county or district pairs with no province
        for focus in _focus(ctx, giver[0], province):
            yield paired(ctx.doc, giver[0], focus)


_DOES_WORK = (r"(?:将|要|还|也|继续|持续|进一步|久久为功|全力|扎实|认真|始终|一如既往|坚持|全面|更好)*地?"
              r"(?:做好|做实|抓好|推进|推动|深化|开展|落实|加强|做深做实)(?:新一轮|新时代|各项)?的?")


def _focus(ctx: Ctx, donor, province):
    """The place of `province` an article is about: D援X工作 in an article about a prefecture of X is
    aid to that prefecture too. It is the unit of X named most — at least twice and in more than
    half of what the article says of X's places (an article about many places, or for many
    donors, has none); a division and the city it is one with (第一师阿拉尔市, 师市合一) are one
    place, the division's. A province's partner is a prefecture or division (pairing_level), a
    city's or district's one of its own level or below."""
    giver = place_of(ctx.doc, donor)
    if giver is None:
        return []
    named = [(len({m.start for m in e.mentions}), e) for e in ctx.doc.entities.values()
             if e.cls in _UNITS_AIDED and e.mentions and e is not giver and province_code(ctx.doc, e) == province.code
             and not _corps(e)]
    said = sum(n for n, _ in named)
    counts = sorted(((n, e) for n, e in named if pairing_level(giver, e) and _RANK.get(giver.cls, 9) <= _RANK.get(e.cls, 9)),
                    key=lambda c: -c[0])
    if not counts or counts[0][0] < 2:
        return []
    top, n = [counts[0][1]], counts[0][0]
    if len(counts) > 1 and _one_place(counts[0][1], counts[1][1]):
        top, n = [e for _, e in counts[:2] if e.cls == "XPCCUnit"], n + counts[1][0]
    elif len(counts) > 1 and counts[1][0] == n:
        return []
    # the counties of the top prefecture speak of it too (an article about 昌吉州 and its 奇台县)
    n += sum(k for k, e in named if e not in top and any(lies_inside(e, t) for t in top))
    return top if 2 * n > said else []


def _corps(e) -> bool:
    d = division_of(e)
    return d is not None and d.level == "corps"


def _one_place(a, b) -> bool:
    da, db = division_of(a), division_of(b)
    return da is not None and db is not None and (da.paired == db.code or db.paired == da.code)


_UNITS_AIDED = ("Prefecture", "County", "XPCCUnit")


@rule("aid-projects", FAMILY, r"{aid_marker}项目", scope="text", examples={
    "阿图什市今年实施12个江苏省援疆项目。": [("江苏省", "supports", "阿图什市")],
    "织金县2023年实施15个广东援黔项目。": [("广东省", "supports", "织金县")],
}, counter=(
    "位于霍城县清水河镇的瞻远中学是今年江苏援疆项目中的一项。",  # no count: R is where a school is
))
def aid_projects(ctx: Ctx, hit: re.Match):
    """R … N个D援X项目: the donor D of the projects aids the recipient R of the clause (a county,
    prefecture or corps unit, not a town)."""
    pos = ctx.at(hit.start())
    a, b = clause_of(ctx, pos)
    donor = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION]
    recips = [x for x in ctx.ms if a <= x.start < pos and x.entity.cls in REGION - {"Township", "Village"}
              and donor and x is not donor[0]]
    if donor and recips and re.search(r"[\d一二三四五六七八九十百千两几多余]+个(?:[^，,。；;个]{0,3})$",
                                      ctx.text(recips[-1].end, span_start(donor[0]))):
        yield paired(ctx.doc, donor[0].entity, recips[-1].entity)


@rule("programme-to", FAMILY, r"{arrive_verbs}|对口支援|支援|服务", scope="text", examples={
    "江苏省第十一批援疆干部人才奔赴阿图什市、阿克陶县。江苏省援疆工作成效显著。": [
        ("江苏省", "supports", "阿图什市"), ("江苏省", "supports", "阿克陶县")],
    "2021年以来，浙江省第十批援疆干部人才扎根阿克苏地区和兵团第一师，累计实施项目210个。": [
        ("浙江省", "supports", "阿克苏地区"), ("浙江省", "supports", "第一师")],
})
def programme_to(ctx: Ctx, hit: re.Match):
    """D第N批援X干部人才扎根/进驻/奔赴R1、R2: the programme's donor aids those places."""
    pos = ctx.at(hit.start())
    prog = [x for x in ctx.ms if x.entity.cls == "Programme" and x.end <= pos and filler(ctx.text(x.end, pos))]
    if not prog:
        return
    donor = programme_donor(ctx.doc, prog[-1].entity)
    for r in right_group(ctx, ctx.at(hit.end()), kinds=REGION, max_gap=1, expand=True):
        if donor is not None and r is not donor:
            yield paired(ctx.doc, donor, r)


@rule("cadres-to", FAMILY, r"(?P<marker>{aid_marker})(?:{aid_people})[^，,。；;]{0,6}?[，,]?(?:{arrive_verbs}|来(?![自源说看]))",
      scope="text", examples={
          "来自苏州市吴江区的第十批30名援疆干部人才到达喀什地区伽师县。": [("吴江区", "supports", "伽师县")],
          "1998年3月，首批江苏援疆干部抵达克州。": [("江苏省", "supports", "克孜勒苏柯尔克孜自治州")],
          "常州市已先后选派75名援疆干部人才来到阿合奇县开展工作。": [("常州市", "supports", "阿合奇县")],
          # the cadres named as a programme (无锡市第十批援疆干部), or a comma before the arrival
          "无锡市第十批援疆干部骨干6人顺利抵达新疆阿合奇县。": [("无锡市", "supports", "阿合奇县")],
          "嘉定区已先后选派40名援藏干部人才，来到亚东县开展工作。": [("嘉定区", "supports", "亚东县")],
          "两人作为上海市静安区第八批援青干部，来到青海省果洛藏族自治州玛沁县挂职。": [("静安区", "supports", "玛沁县")],
          "我县举办晚宴欢迎常州援疆干部来阿合奇县。": [("常州市", "supports", "阿合奇县")],   # 来R: come to R
      }, counter=(
          "援疆干部人才抵达阿图什市。",        # no giver named
          "江苏援疆干部来自阿图什市的学生表示感谢。",  # no arrival
          "苏州市援疆干部人才，抵达北京市参加培训。",   # 北京 is no place 援疆 goes to
          "常州援疆干部来自阿合奇县的朋友家做客。",     # 来自: where someone comes from
      ))
def cadres_to(ctx: Ctx, hit: re.Match):
    """(来自D的)(第N批)(N名)D援X干部人才(，)到达/抵达/来到R: the place that sent the cadres aids R,
    when R lies in the province 援X names."""
    pos = ctx.at(hit.start())
    a0 = clause_of(ctx, pos)[0]
    host = [x for x in ctx.ms if x.start <= pos < x.end and x.entity.cls == "Programme"]
    if host:
        donor = [d for d in [programme_donor(ctx.doc, host[0].entity)] if d is not None]
    else:
        donor = [x.entity for x in ctx.ms if a0 <= span_start(x) and x.end <= pos and x.entity.cls in REGION
                 and re.fullmatch(_BATCH, ctx.text(x.end, pos))][-1:]
    target = gz.get_gazetteer().province_abbreviation(hit.group("marker")[-1])
    places = right_group(ctx, ctx.at(hit.end()), kinds=REGION, max_gap=1, expand=True)
    if not places and (short := _short_place_at(ctx, ctx.at(hit.end()))) is not None:
        places = [short]   # 来拜城: a county's short form the recogniser left, named in full elsewhere
    for d in donor:
        for r in places:
            if r is not d and not _locator(ctx, d, r) and (target is None or province_code(ctx.doc, r) == target.code):
                yield paired(ctx.doc, d, r)


@rule("sent-to", FAMILY, r"(?:选派|派出|派驻|选送)", scope="outside-names", examples={
    "20年来，福建先后派出9批140名干部到宁夏挂职、16批980名教师到宁夏支教。": [("福建省", "supports", "宁夏回族自治区")],
    "常州市选派12名医生赴阿合奇县开展组团式帮扶。": [("常州市", "supports", "阿合奇县")],
    "2019年，常州市派出医务人员组成援疆团队，组建医疗队派驻阿合奇县人民医院。": [("常州市", "supports", "阿合奇县人民医院")],
    # the place or school served named where the sentence opens (在R，D选派…开展支教)
    "在疏勒县白杨镇中学，江苏援疆选派骨干教师开展“组团式”支教。": [("江苏省", "supports", "疏勒县白杨镇中学")],
    "在阿合奇县，常州市先后选派医生开展帮扶。": [("常州市", "supports", "阿合奇县")],
    "常州市累计向阿合奇县选派干部120名。": [("常州市", "supports", "阿合奇县")],   # 向R选派
}, counter=(
    "阿图什市派驻阿湖乡工作组开展援疆项目调研。",   # a county's own town: no pairing
    "阿图什市派出50名干部到乡镇开展调研。",      # sent to work, not to aid
    "县医院选派医生到上海进修。",
    "在阿图什市，阿图什市第一中学选派教师开展支教。",   # one province's own school: no pairing
    "在常州市，常州市选派医生开展帮扶。",
    "阿图什市向阿湖乡选派干部20名。",          # a county's own town
    "在阿合奇县，常州市选派医生参加培训。",          # no aid work said
))
def sent_to(ctx: Ctx, hit: re.Match):
    """D(先后)选派/派出N名干部(教师、医生…)到/赴R挂职/支教/支医/帮扶, or (in a sentence about aid)
    派驻R: the place that sends people to serve in R aids R."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    donors = [d for d in (left_group(ctx, pos) or _givers(ctx, pos)) if d.cls in REGION | {"GovernmentBody"}]
    _, b = clause_of(ctx, end)
    for m in re.finditer(r"(?:到|赴)(?P<r>囗+)(?:" + _SERVE + ")", ctx.blanked[end - ctx.start:b - ctx.start]):
        at = end + m.start("r")
        for r in right_group(ctx, at, kinds=REGION, max_gap=0, expand=True)[:1]:
            for d in donors[:1]:
                if r is not d and not _locator(ctx, d, r):
                    yield paired(ctx.doc, d, r)
    opening = re.match(r"[，,\s]*在(?P<r>[^，,。；;]{2,24})[，,]", ctx.sentence)
    if opening and ctx.at(opening.end()) <= pos and not re.search(r"(?:到|赴)囗", ctx.blanked[end - ctx.start:b - ctx.start]) \
            and re.search(r"(?:开展|进行)?[^，,。；;]{0,6}?(?:" + _SERVE + r"|支教|支医)", ctx.text(end, b)):
        # 在R，D(援X)选派教师开展“组团式”支教: the place or school the sentence opens with is served
        a_r, b_r = ctx.at(opening.start("r")), ctx.at(opening.end("r"))
        served = [x.entity for x in ctx.ms if span_start(x) == a_r and x.end == b_r
                  and x.entity.cls in REGION | {"Institution"}]
        for r in served[:1]:
            for d in donors[:1]:
                if r is not d and (_across(ctx, d, r) or any(apart(place_of(ctx.doc, d) or d, p)
                                                             for p in leading_places(ctx.doc, r)[0])):
                    yield paired(ctx.doc, d, r)
    toward = [x for x in ctx.ms if x.end <= pos and x.entity.cls in REGION
              and ctx.text(span_start(x) - 1, span_start(x)) == "向"
              and re.fullmatch(r"(?:先后|累计|共|又|再|陆续|已)*", ctx.text(x.end, pos))]
    if toward and re.match(r"了?[^，,。；;]{0,12}?(?:干部|人才|教师|老师|医生|医务人员|专家|技术人员)", ctx.text(end, b)):
        # D(累计)向R选派/派出干部N名: the place the people are sent to is aided
        a0 = clause_of(ctx, pos)[0]
        giver = [x.entity for x in ctx.ms if a0 <= span_start(x) and x.end <= span_start(toward[-1]) - 1
                 and x.entity.cls in REGION | {"GovernmentBody"}
                 and ctx.text(span_start(x) - 1, span_start(x)) not in ("在", "于", "向", "到", "赴")]
        for d in [d for d in giver[-1:] if d is not toward[-1].entity]:
            if _across(ctx, d, toward[-1].entity) and not _locator(ctx, d, toward[-1].entity):
                yield paired(ctx.doc, d, toward[-1].entity)
    if hit.group() == "派驻" and re.search(aid_marker().pattern + r"|对口|帮扶", ctx.sentence):
        # 组建医疗队派驻R (in a sentence about aid): stationed right at the place or hospital served
        for r in right_group(ctx, end, kinds=REGION | {"Institution"}, max_gap=0, expand=True)[:1]:
            for d in donors[:1]:
                if r is not d and _across(ctx, d, r) and not _locator(ctx, d, r):
                    yield paired(ctx.doc, d, r)


_SERVE = r"挂职|支教|支医|支农|帮扶|援建|帮助工作|开展(?:组团式|对口)?(?:帮扶|支援|援建|援助)|(?:开展|从事)?援[\u4e00-\u9fff]工作"


@rule("batch-names", FAMILY, r"第[\d一二三四五六七八九十]+批", scope="text", examples={
    "阿合奇县第十一批常州援疆工作组召开座谈会。": [("常州市", "supports", "阿合奇县")],
    "在以李明同志为组长的阿合奇县第十一批常州援疆工作组的协调下，项目落地。": [("常州市", "supports", "阿合奇县")],
    # D第N批援X R联络小组: the place after 援X, when it lies in X, is the one the team serves
    "近日，上海市第九批援藏江孜小组深入江孜县调研。": [("上海市", "supports", "江孜县")],
}, counter=("江苏省第十一批援疆干部人才进疆。",
            "江苏省第十批援疆常州工作组召开会议。"))   # 常州 lies in the giver's province: its own city's team
def batch_names(ctx: Ctx, hit: re.Match):
    """R第N批D援X工作组/干部: a batch named by the place it serves and the place that sent it; or
    D第N批援X R联络小组/工作组, R a place of the province X names."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    served = [x.entity for x in ctx.names if x.end == pos and x.entity.cls in REGION]
    sender = [x for x in ctx.names if x.start == end and x.entity.cls in REGION
              and re.match(r"(?:对口)?" + aid_marker().pattern, ctx.text(x.end, x.end + 3))]
    if served and sender and served[0] is not sender[0].entity:
        yield paired(ctx.doc, sender[0].entity, served[0])
        return
    marker = re.match(r"(?:对口)?(" + aid_marker().pattern + ")", ctx.text(end, end + 4))
    if not served or marker is None:
        return
    target = gz.get_gazetteer().province_abbreviation(marker.group(1)[-1])
    at = end + marker.end()
    place = _team_place_named(ctx, at)
    if target is not None and place is not None and province_code(ctx.doc, place) == target.code:
        yield paired(ctx.doc, served[-1], place)


_TEAM_HEAD = re.compile(r"(?:联络小组|联络组|工作组|工作队|小组|分指挥部|分指|指挥部)")


def _team_place_named(ctx: Ctx, at: int, inside: bool = False, prefer=None):
    """The place a team's name gives right at `at`, before its head (…援藏定日联络小组): a
    mention, else a short form reference data reads as one place the article names in full."""
    found = [x.entity for x in ctx.all_mentions if x.start == at and x.entity.cls in REGION
             and _TEAM_HEAD.match(ctx.text(x.end, x.end + 5))]
    if found:
        return found[0]
    return _short_place_at(ctx, at, _TEAM_HEAD, inside, prefer)


def _short_place_at(ctx: Ctx, at: int, head: re.Pattern | None = None, inside: bool = False, prefer=None):
    """A place's short form written at `at` that no mention covers (定日联络小组, 来拜城): the one
    place reference data reads it as, when the article names that place in full (and, with
    `head`, when the head follows it)."""
    if any(x.start <= at < x.end and (not inside or x.start == at) for x in ctx.names):
        return None   # (inside: within a body's name, where the short form is no mention of its own)
    hit = next((h for h in gz.get_gazetteer().find_all(ctx.text(at, at + 8)) if h.start == 0 and len(h.text) >= 2), None)
    if hit is None or (head is not None and not head.match(ctx.text(at + len(hit.text), at + len(hit.text) + 5))):
        return None
    # of the places the short form may be (和田: the prefecture, the city, the county), the one the
    # article names in full
    named = [e for c in hit.candidates if (e := ctx.doc.entities.get(c.key)) is not None and e.cls in REGION
             and any(not m.source.startswith("coref") for m in e.mentions)]
    if len(named) > 1 and prefer is not None:
        named = [e for e in named if prefer(e)]
    return named[0] if len(named) == 1 else None


@rule("aid-fund-places", FAMILY,
      r"(?P<verb>{give_verbs})了?(?P<kind>[^，,。；;]{0,16}?)资金(?:共计|合计|总计|累计)?"
      r"[\d.]+\s*[万亿]?元[，,]?(?:主要|重点|全部)?(?:用于)?(?:支持|帮扶|援助|投向)", scope="text", examples={
          "从各地安排情况看，浙江省安排援疆资金20亿元，重点支持阿克苏地区及兵团第一师阿拉尔市，计划实施项目300个；": [("浙江省", "supports", "阿克苏地区"), ("浙江省", "supports", "第一师"), ("浙江省", "supports", "阿拉尔市")],
          "海曙区累计投入对口帮扶、东西部协作资金共计3.2亿元，用于支持省外的望谟县、册亨县，省内的泰顺县发展。": [
              ("海曙区", "supports", "望谟县"), ("海曙区", "supports", "册亨县"), ("海曙区", "supports", "泰顺县")],
          "鄞州区安排帮扶资金8000万元，重点支持昭觉县、布拖县。": [
              ("鄞州区", "supports", "昭觉县"), ("鄞州区", "supports", "布拖县")],
          "未来三年，余杭区将每年投入东西部协作资金5000万元，支持从江县百香果产业做大做强。": [
              ("余杭区", "supports", "从江县")],
      }, counter=(
          "乌什县今年安排援疆资金2亿元，重点支持英阿瓦提乡和阿恰塔格乡。",  # a county's budget for its own towns pairs nothing
          "海曙区投入资金3.2亿元，支持泰顺县发展。",))   # money without an aid word: any spending
def aid_fund_places(ctx: Ctx, hit: re.Match):
    """D(累计)投入(对口帮扶|协作|援X)资金N元，(用于)支持(X的)R1、R2，(Y的)R3…: the donor's aid
    money goes to each place listed."""
    if not re.search(r"对口|帮扶|协作|援|支援", hit.group("kind")):
        return
    at = ctx.at(hit.start("verb"))
    # the giver right before the verb, or the clause's actor (D将每年投入…; a 援X资金 budget so
    # phrased is aid-budget's, funding.py)
    near = left_group(ctx, at) or ([] if aid_marker().search(hit.group("kind")) else _givers(ctx, at))
    donors = [d for d in near if d.cls in REGION | {"GovernmentBody"}]
    pos, recips = ctx.at(hit.end()), []
    while donors and pos < ctx.end:
        # the clause is the list (a name we do not know in it does not end it); the next clause
        # is a list of its own only when it is described too (，省内的…)
        lead = re.match(r"^[，,]?(?:[\u4e00-\u9fff]{1,4}的)?", ctx.text(pos, ctx.end))
        first = right_group(ctx, pos + lead.end(), kinds=REGION, max_gap=0)
        if not first:
            break
        _, b = clause_of(ctx, pos + lead.end())
        recips += [e for x in ctx.within(pos, b, REGION) for e in chain_members(x)]
        if not re.match(r"^[，,][\u4e00-\u9fff]{1,4}的", ctx.text(b, ctx.end)):
            break
        pos = b
    for d in donors[:1]:
        for r in recips:
            if r is not d and r.cls not in ("Township", "Village"):
                yield paired(ctx.doc, d, r)


_GIVES = expand(r"(?:{give_verbs}|争取)")
_BATCH = (r"(?:(?:已|先后|累计|共|陆续|又)*(?:选派|派出|派驻|选送)了?)?(?:的)?(?:第[\d一二三四五六七八九十百]+批|首批)?"
          r"(?:[\d一二三四五六七八九十百余多]+名)?(?:优秀)?")
_UNITS = r"(?:的)?(?:(?:有关|相关|各级|各)?(?:财政|部门|单位|企业|爱心企业|社会各界|干部群众)[、和及与]?)+"
_MODIFIER = r"^(?:省市|省份|城市|单位|地区|干部|人才|工作队|工作组)"


def _blend_half(ctx: Ctx, ent, after: int) -> bool:
    """闽宁 after 帮助: a blend of two provinces' one-character names names a partnership, not a
    recipient."""
    ms = [x for x in ctx.names if x.entity is ent and x.start >= after]
    return bool(ms) and all(x.source == "gazetteer:abbreviation" for x in ms)


def _home_province(ctx: Ctx, ent) -> str | None:
    """The province of a place, or of the coded place its chain in the sentence names (乌苏市白杨乡)."""
    code = province_code(ctx.doc, ent)
    if code is None:
        for x in ctx.ms:
            if x.entity is ent:
                code = next((c for c in (province_code(ctx.doc, y.entity) for y in chain_of(x)) if c), None)
                if code:
                    break
    return code


def _locator(ctx: Ctx, donor, recipient) -> bool:
    """广州对口援建喀什地区疏附县, 益阳市对口援建兵团12师221团: a city or county gives to the
    last unit of a chain; the prefecture or division before it only says where that unit lies
    (a province gives to both: 江苏省对口支援克州阿图什市)."""
    place = place_of(ctx.doc, donor)
    if place is None or place.cls == "Province":
        return False
    for m in ctx.ms:
        chain = chain_of(m)
        for c, nxt in zip(chain, chain[1:]):
            if c.entity is recipient and not (c.entity.cls == "XPCCUnit" and nxt.entity.cls == "County"):
                return True  # (a division and the city it is one with, 第一师阿拉尔市, are one unit)
    return False


def same_level(ctx: Ctx, candidates):
    """广州市黄埔区与毕节市纳雍县协作: the outer place of a chain (广州市, 毕节市) speaks for its
    own level only — it is not paired with a place below it on the other side (广州市–纳雍县)."""
    outer = set()
    for m in ctx.ms:
        for c in chain_of(m)[:-1]:
            outer.add(c.entity.key)
    out = []
    for x, y in candidates:
        rx, ry = _RANK.get(x.cls), _RANK.get(y.cls)
        if rx is not None and ry is not None and (
                (x.key in outer and ry > rx) or (y.key in outer and rx > ry)):
            continue
        out.append((x, y))
    return out


def _outside_names(ctx: Ctx, a: int, b: int) -> str:
    """The text of [a, b) with the recognised names in it blanked out."""
    return ctx.blanked[a - ctx.start:b - ctx.start].replace("囗", " ")
