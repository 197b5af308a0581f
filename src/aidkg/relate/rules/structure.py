"""Relations written in the structure of names: chains of places (克州阿图什市, 兵团第三师五十一团),
a place at the head of a name (X县第一小学), a body inside a body (前指 … 分指), subsidiaries."""
from __future__ import annotations

import re

from ... import gazetteer as gz
from ...lexicon import aid_marker
from ...document import Entity, Mention
from ..direction import orient, paired
from ..engine import ORG, REGION, Ctx, rule, words
from ..places import apart, division_of, hierarchy_predicate, inside as lies_inside, tagger_only

FAMILY = "structure"


_LANDMARK_POSITION = re.compile(r"^[\u4e00-\u9fff]{0,2}?(?:脚下|山下|山脚|河畔|湖畔|之畔|畔|岸边|沿岸|之滨|南麓|北麓|东麓|西麓|"
                                r"山麓|腹地|深处|一带|附近|旁边|边上)")


# aid commands and teams: the donor's (江苏前指) working elsewhere, or the one working there (克州前方指挥部)
_COMMAND = re.compile(r"援|对口|帮扶|协作|指挥部|前指|分指|工作组|工作队|联络组")
_AID_PROGRAMME = re.compile(r"^(?:市)?" + aid_marker().pattern)
# (帮扶车间, 帮扶工厂: a kind of workshop a village hosts, not the village helping)
_DONOR_AFTER = re.compile(r"^(?:第[一二三四五六七八九十\d]+批)?(?:对口支援|对口援助|对口帮扶|援建|帮扶(?!车间|工厂|工坊|基地)|"
                          + aid_marker().pattern + ")")


@rule("compound-name", FAMILY, emits=("aid-branch", "partner-park", "aid-office"), examples={
    "一、木垒县大石头乡中心幼儿园项目。总投资1280万元，建筑面积3200平方米。": [("大石头乡", "locatedIn", "木垒哈萨克自治县"), ("木垒县大石头乡中心幼儿园项目", "locatedIn", "大石头乡"), ("木垒县大石头乡中心幼儿园项目", "locatedIn", "木垒哈萨克自治县")],  # a county's short form before its town
    "杭州市援建的来凤县翔凤镇自来水厂改扩建工程已于今年6月通水。": [("翔凤镇", "locatedIn", "来凤县"), ("来凤县翔凤镇自来水厂改扩建工程", "locatedIn", "翔凤镇"), ("来凤县翔凤镇自来水厂改扩建工程", "locatedIn", "来凤县")],  # county then town: it lies in both
    "延边州与宁波市深化合作。宁波甬港冷链物流有限公司与延边高新技术产业开发区签约。": [("延边高新技术产业开发区", "locatedIn", "延边朝鲜族自治州")],  # a zone named by the short form of a place the article names
    "阿拉尔市今年引进企业17家。阿拉尔经济技术开发区成为闽企落户的主阵地。": [("阿拉尔经济技术开发区", "locatedIn", "阿拉尔市")],
    "伽师县卧里托格拉克镇甜瓜产业园建设项目今年开工。": [("卧里托格拉克镇", "locatedIn", "伽师县"), ("伽师县卧里托格拉克镇甜瓜产业园建设项目", "locatedIn", "卧里托格拉克镇"), ("伽师县卧里托格拉克镇甜瓜产业园建设项目", "locatedIn", "伽师县")],
    "常州市拨付援疆资金2600万元，用于尼勒克县喀拉苏中心医院住院楼改扩建项目。": [("尼勒克县喀拉苏中心医院住院楼改扩建项目", "locatedIn", "尼勒克县"), ("尼勒克县喀拉苏中心医院住院楼改扩建项目", "locatedIn", "尼勒克县喀拉苏中心医院"), ("尼勒克县喀拉苏中心医院", "locatedIn", "尼勒克县")],  # the institution a project's name begins with
    "二、伽师县深圳工业城标准化厂房二期项目。": [("伽师县深圳工业城标准化厂房二期项目", "locatedIn", "伽师县深圳工业城"), ("伽师县深圳工业城", "locatedIn", "伽师县")],  # the zone a project's name begins with
    "克孜勒苏柯尔克孜自治州阿图什市新建一所学校。": [("阿图什市", "locatedIn", "克孜勒苏柯尔克孜自治州")],
    "兵团第三师五十一团职工活动中心建设项目顺利完工。": [
        ("五十一团", "partOf", "第三师"),
        ("兵团第三师五十一团职工活动中心建设项目", "locatedIn", "五十一团")],
    "阿克陶县人民医院住院楼改扩建项目开工。": [
        ("阿克陶县人民医院住院楼改扩建项目", "locatedIn", "阿克陶县人民医院"),
        ("阿克陶县人民医院", "locatedIn", "阿克陶县"),
        ("阿克陶县人民医院住院楼改扩建项目", "locatedIn", "阿克陶县")],
    "江苏省援疆前方指挥部阿图什市分指挥部召开会议。": [
        ("江苏省援疆前方指挥部阿图什市分指挥部", "partOf", "江苏省援疆前方指挥部"),
        ("江苏省", "supports", "阿图什市", "aid-branch")],
    # a place's organ or delegation belongs to it (an aid team: no claim from its name)
    "乌恰县教育局与苏州市援疆工作组、阿图什市代表团座谈。": [
        ("乌恰县教育局", "partOf", "乌恰县"), ("阿图什市代表团", "partOf", "阿图什市")],
    "克州前方指挥部召开会议。": [],     # the donor's command working there, or a command of the place
    # a donor's name after the place: the project is in the regiment, and 河北省 in nothing
    "在七师东川现代化农业研发基地，东川省捐赠设备。": [("七师东川现代化农业研发基地", "locatedIn", "第七师")],
    "广东省援建的疏附县广州新城建设项目竣工。": [("疏附县广州新城建设项目", "locatedIn", "疏附县")],
    # an institution named by the short form of a city the article names in full lies there
    "江门市对口帮扶龙州县。龙州北部湾现代农业有限公司吸纳员工240人。": [("龙州北部湾现代农业有限公司", "locatedIn", "龙州县")],  # a firm by its county's short form
    "苏州市对口支援阿图什市。苏州星海实验幼儿园与阿图什市第二幼儿园结为姊妹园。": [
        ("苏州星海实验幼儿园", "locatedIn", "苏州市"), ("阿图什市第二幼儿园", "locatedIn", "阿图什市")],
    "明德医院与乌什县人民医院建立结对帮扶关系。": [("乌什县人民医院", "locatedIn", "乌什县")],
    "深圳(河源)产业转移园新引进5家企业。": [("深圳(河源)产业转移园", "locatedIn", "河源市")],  # the place in brackets holds it
    "在乌恰县吉根乡中学，援疆教师开展支教。": [
        ("吉根乡", "locatedIn", "乌恰县"), ("乌恰县吉根乡中学", "locatedIn", "吉根乡"), ("乌恰县吉根乡中学", "locatedIn", "乌恰县")],
    "第一师阿拉尔市的职工参加培训。": [],          # one unit under two names (师市合一)
    "第三师图木舒克市四十四团职工参加培训。": [("四十四团", "partOf", "第三师")],
    "以兵团乌鲁木齐工业园区为载体建设产业园。": [   # a city is no corps unit's
        ("兵团乌鲁木齐工业园区", "locatedIn", "乌鲁木齐市")],
    "喀什地区旅游推介会在上海市举行。": [],        # an event's name says what it is about
    "冰城哈尔滨迎来塔城地区代表团。": [         # a nickname is no place holding the city
        ("塔城地区代表团", "partOf", "塔城地区")],
    "江西省援疆物流园项目建成投用。": [],          # the place before 援疆 is the donor
    "这是梅州县级产业园中唯一的省级高新园区。": [],  # a class of parks at a level, no one named
    # what aid builds is named after a donor the article names as one elsewhere; else after its city
    "湖州援疆指挥部组织考察团参观了湖州恒达物流园。": [],
    "考察团参观了湖州恒达物流园。": [("湖州恒达物流园", "locatedIn", "湖州市")],
    # a county that gives under a programme's name: what it builds is named after it, not in it
    "常熟援疆工作组组织参观。常熟恒达产业园污水处理厂已完工。": [("常熟恒达产业园污水处理厂", "locatedIn", "常熟恒达产业园")],
    # a firm's registered name down to its county or town says where it is
    "湖北省来凤县恒达食品有限公司负责人介绍。": [("来凤县", "locatedIn", "湖北省"),
                                        ("湖北省来凤县恒达食品有限公司", "locatedIn", "来凤县")],
    "嘉兴从2012年起，对口支援乌恰县。已建成乌恰嘉兴工业园区和嘉兴新城。": [   # a park by its county's short form
        ("乌恰嘉兴工业园区", "locatedIn", "乌恰县")],
    "上海云南两省市对口帮扶合作联席会议召开。": [],   # two partners side by side name no place
    "阿克陶县援疆物流园项目建成投用。": [("阿克陶县援疆物流园项目", "locatedIn", "阿克陶县")],  # …unless it is in 新疆
    # a donor's name between the regiment and the estate; a park right after its regiment
    "漫步于第三师四十四团东莞阳光小区，楼宇整齐。": [
        ("四十四团", "partOf", "第三师"), ("阳光小区", "locatedIn", "四十四团")],
    "走进第二师二十九团白杨湖公园，游人如织。": [
        ("二十九团", "partOf", "第二师"), ("白杨湖公园", "locatedIn", "二十九团")],
    # a landmark the town lies by is no place inside it
    "坐落在疏附县托克扎克镇帕米尔高原脚下的恒达建材厂正式投产。": [("托克扎克镇", "locatedIn", "疏附县")],
    "由云南怒江州人民政府主办。": [("怒江傈僳族自治州", "locatedIn", "云南省"),  # a short form in a chain of places is a place
                              ("云南怒江州人民政府", "partOf", "怒江傈僳族自治州")],
    "兵团第三师五十一团职工活动中心建设项目由广东省援疆资金全额出资。": [
        ("五十一团", "partOf", "第三师"), ("兵团第三师五十一团职工活动中心建设项目", "locatedIn", "五十一团")],
    # the place a team or a branch is posted in, named by its short form inside the name
    "广东省东西部协作毕节工作队召开会议。": [("广东省", "supports", "毕节市", "aid-branch")],
    "山东省援疆前方指挥部喀什分指挥部召开会议。": [
        ("山东省", "supports", "喀什地区", "aid-branch"),
        ("山东省援疆前方指挥部喀什分指挥部", "partOf", "山东省援疆前方指挥部")],
    # a branch of an abbreviated command
    "江苏省援疆前方指挥部召开会议。江苏前指阿图什分指负责落实。": [("江苏前指阿图什分指", "partOf", "江苏省援疆前方指挥部")],
    "四川茂县卫健局派员参加。": [("茂县", "locatedIn", "四川省"), ("四川茂县卫健局", "partOf", "茂县")],  # a two-character county in its chain
    "凤山县的(顺德·凤山)协作产业园已入驻企业20家。": [
        ("(顺德·凤山)协作产业园", "locatedIn", "凤山县"), ("顺德区", "supports", "凤山县", "partner-park")],
    # an aid office at home belongs to the place its name opens with (and one posted away pairs the two)
    "广东省对口支援西藏工作领导小组办公室召开会议。": [("广东省对口支援西藏工作领导小组办公室", "partOf", "广东省", "aid-office"),
                                            ("广东省", "supports", "西藏自治区", "aid-branch")],
    "嘉兴市驻甘肃省岷县协作办公室负责落实。": [("岷县", "locatedIn", "甘肃省"),
                                     ("嘉兴市驻甘肃省岷县协作办公室", "partOf", "嘉兴市", "aid-office"),
                                     ("嘉兴市", "supports", "岷县", "aid-branch")],
    "青松镇白杨村帮扶车间今年投产。": [("白杨村", "locatedIn", "青松镇"), ("青松镇白杨村帮扶车间", "locatedIn", "白杨村")],  # a workshop, not the village helping
    "常州市援建的阿合奇县青松新村建成，120户牧民搬入新居。": [("青松新村", "locatedIn", "阿合奇县")],  # a new village built by aid, a project
}, counter=(
    "日前，宁波·延边东西部协作产品推介会在延吉隆重举行。",  # two partners joined by · are no chain of places
    "闽宁协作不断深化。",               # two partners' initials, not a place inside a place
    "自治区新疆工作领导小组办公室召开会议。",   # a body for the place's affairs is no organ of it
    "四川青松县卫健局派员参加。",     # a county the recogniser missed stands between: not the province's bureau
    "苏州恒达纺织科技有限公司在阿图什市投资建厂。",  # a firm named after a city is not located by its name
    "苏州市对口支援阿图什市。苏州恒达纺织科技有限公司在阿图什市投资建厂。",  # …by its short form either
    "福建省与宁夏回族自治区深化合作，闽宁协作成效显著。",  # 闽宁 is a pairing, not a chain of places
    "广东援疆成效显著。疏附县的青年多在佛山工业园区务工。",  # a donor province's city names what its aid built
))
def compound_name(ctx: Ctx):
    """A place right before a place lies in it (an XPCC unit is part of it); a project, institution
    or zone whose name opens with a place lies in that place; a body named inside a body is part of it."""
    ms = ctx.all_mentions
    regions = [m for m in ms if m.entity.cls in REGION]
    before = None  # the region right before `a`
    for a, b in zip(regions, regions[1:]):
        prev, before = before, a
        if "abbreviation" in a.source or "abbreviation" in b.source:
            continue  # 闽宁, 沪滇: a pair of partners, not a place inside a place
        if a.end == b.start and a.entity is not b.entity:
            if prev is not None and prev.end == a.start and not tagger_only(prev) and (
                    (apart(prev.entity, a.entity) and not apart(prev.entity, b.entity))
                    or (prev.entity.cls == "XPCCUnit" and _division_city(prev.entity, a.entity))):
                # 十二团|台州|新村小区: a donor's name between, the place is the regiment's;
                # 第三师|图木舒克市|四十四团: the regiment is the division's
                a = prev
            if lies_inside(b.entity, a.entity) is False or tagger_only(a) \
                    or (tagger_only(b) and _LANDMARK_POSITION.match(ctx.text(b.end, b.end + 6))):
                # the reference data says otherwise: 二师河北…基地 (a donor's name after the place),
                # 第一师阿拉尔市 (one unit under two names), 兵团乌鲁木齐 (a city is no corps unit's);
                # 冰城哈尔滨: a nickname is no containing place;
                # X镇天山脚下: a landmark the town lies by, not a place inside it
                continue
            yield b.entity, hierarchy_predicate(b.entity, a.entity), a.entity
    for m in ms:
        if m.entity.cls in ("Township", "Village"):
            # 英吉沙县X乡 read as one name: the town lies in the county its name opens with
            head = [r for r in ms if r.start == m.start and r.end < m.end and r.entity.cls in REGION
                    and r.entity is not m.entity and not apart(r.entity, m.entity)]
            if head:
                yield m.entity, hierarchy_predicate(m.entity, head[0].entity), head[0].entity
        if m.entity.cls == "Project" and m.source == "grammar:township":
            # 援建的X县青松新村: a new village built by aid (a project, not a division) still lies in
            # the place written right before it
            place = next((r for r in regions if r.end == m.start and r.entity.cls in ("County", "Township", "XPCCUnit")), None)
            if place is not None and not donor_in_article(ctx, place.entity):
                yield m.entity, "locatedIn", place.entity
        if (m.entity.cls in REGION and m.entity.cls != "DevelopmentZone") or m.entity.cls in ("Person", "Cadre", "Programme"):
            continue
        inner = [r for r in ms if r is not m and m.start <= r.start and r.end <= m.end]
        lead = [r for r in inner if r.entity.cls in REGION]
        chain, pos = [], m.start
        for r in sorted(lead, key=lambda r: r.start):
            if r.start == pos and not (chain and apart(chain[-1].entity, r.entity)):
                chain.append(r)
                pos = r.end
        if not chain and m.entity.cls in ("DevelopmentZone", "Project") and ctx.text(m.start, m.start + 1) in ("(", "（"):
            # (顺德·凤山)协作产业园: a park the two partners named in brackets share lies on the receiving
            # side, as reference data tells it (the two are paired)
            two = [r for r in lead if ctx.text(r.end, r.end + 1) in ("·", "・", ")", "）")]
            if len(two) == 2 and two[0].end + 1 == two[1].start and ctx.text(two[1].end, two[1].end + 1) in (")", "）"):
                sides = orient(ctx.doc, two[0].entity, two[1].entity)
                if sides is not None:
                    yield m.entity, "locatedIn", sides[1]
                    yield paired(ctx.doc, sides[0], sides[1], "partner-park")
        if chain and m.entity.cls in ("DevelopmentZone", "Project") and ctx.text(pos, pos + 1) in ("(", "（"):
            # 广州(梅州)产业转移园: built by the first place in the second, the one in brackets
            held = next((r for r in lead if r.start == pos + 1 and ctx.text(r.end, r.end + 1) in (")", "）")), None)
            if held is not None:
                chain, pos = [held], held.end + 1
        if chain and m.entity.cls == "GovernmentBody" and pos < m.end and not any(
                r.entity.cls == "GovernmentBody" and r.start == m.start for r in inner):
            # 乌恰县教育局, 阿图什市代表团: a place's organ or delegation belongs to the place its name
            # opens with (新疆工作领导小组 is about the place, no organ of it; an aid command or team
            # is the donor's body working elsewhere, which reporting rarely states as a relation)
            rest = ctx.text(pos, m.end)
            if not re.match(r"(?:[·・•]|工作|问题|事务)", rest) and not _COMMAND.search(rest) \
                    and not m.source.startswith("grammar:aid") and not _opens_with_place(rest):
                # (四川|茂县文体旅局: a place the recogniser missed stands between: no claim)
                yield m.entity, "partOf", chain[-1].entity
        office = chain and m.entity.cls == "GovernmentBody" and pos < m.end and _office_of_side(ctx, m, chain[0], ctx.text(pos, m.end))
        if office and not any(r.entity.cls == "GovernmentBody" and r.start == m.start and r is not m for r in inner):
            # X援疆指挥部, X对口支援Y前方指挥部, X驻Y援建办公室, X协作办公室, X前指: an aid body
            # named after the side it works for belongs to that side — the place its name opens with
            # (a branch inside a command, 前指|Y分指, belongs to the command: below)
            yield m.entity, "partOf", chain[-1].entity, "aid-office"
        if chain and (m.source.startswith("grammar:aid") or office):
            # 江苏省援X前指Y分指: the donor's command has a branch in Y, so the donor aids Y
            # (X驻Y援建办公室: an office of X posted in Y)
            places = [r.entity for r in lead if r.start > (chain[0].end if m.source.startswith("grammar:aid") else pos)]
            for place in places[-1:]:
                yield paired(ctx.doc, chain[0].entity, place, "aid-branch")
        elif not chain and m.entity.cls in ("Institution", "DevelopmentZone", "Project", "Enterprise") and m.start == min(
                (x.start for x in ms if x.entity is m.entity), default=m.start):
            # 常州龙城实验幼儿园: an institution named after a place by its short form, when the
            # article names that place in full (a park or project too, unless the place is a donor
            # and the name says who built it: 疏附|广州工业园区 lies in 疏附县)
            # (a firm by a county's short form — 龙州北部湾…有限公司 — is the county's; a city's name
            # says where a firm comes from, and it may invest anywhere)
            place = _short_form_place(ctx, m)
            if place is not None and m.entity.cls == "Enterprise" and (place.cls != "County" or donor_in_article(ctx, place)):
                place = None
            if place is not None and not (m.entity.cls in ("Project", "DevelopmentZone") and donor_in_article(ctx, place)
                                          or is_event(m.entity)):
                yield m.entity, "locatedIn", place
        elif chain and (m.entity.cls != "Enterprise" or _registered_in(ctx, chain[-1])) and pos < m.end \
                and ctx.text(pos, pos + 1) not in ("·", "・", "•") and not _LEVEL_CLASS.match(ctx.text(pos, m.end)) \
                and not is_event(m.entity) and not _names_donor(chain[-1].entity, ctx.text(pos, m.end)) \
                and not any(r.start == pos and r.entity.cls == chain[-1].entity.cls and apart(r.entity, chain[-1].entity)
                            for r in lead):
            # (安徽省援疆重点项目, 江苏对口支援X项目: the place before the aid words is the donor)
            # (an event's name says what it is about, not where it is held: 和田文旅推介会 held in another province)
            # (宁波·延边…推介会, 上海云南两省市…联席会议 name two partners, not where it is)
            place = chain[-1].entity
            if m.entity.cls in ("Project", "DevelopmentZone") and len(chain) == 1 and (
                    donor_in_article(ctx, place) or _city_of_donor_province(ctx, place)):
                continue  # 湖州恒达物流园, 宁波新村: what aid builds is named after the donor, not where it is
            if m.entity.cls != "GovernmentBody":  # (a body belongs to its place: above)
                yield m.entity, "locatedIn", place
                if m.entity.cls in ("Project", "Institution") and len(chain) >= 2 and place.cls in ("Township", "Village") \
                        and chain[-2].entity.cls == "County":
                    # X县Y镇Z工程, X县Y乡中学: the county the name begins with holds it too
                    yield m.entity, "locatedIn", chain[-2].entity
        if m.entity.cls == "Project":
            # X医院住院楼改扩建项目: the project is in the institution or zone its name begins with
            for r in inner:
                if r.source == "grammar:nested" and r.start == m.start and r.entity is not m.entity:
                    yield m.entity, "locatedIn", r.entity
        # a body inside a body: 前指 … 分指
        if m.entity.cls == "GovernmentBody":
            for r in inner:
                if r.entity.cls == "GovernmentBody" and r.entity is not m.entity and r.start == m.start:
                    yield m.entity, "partOf", r.entity


_AID_OFFICE = re.compile(r"(?:援|对口|帮扶|协作|扶贫|东西部|山海)")
# an office at home (办公室, 领导小组, 援川办) — not a command or team posted away (指挥部, 前指,
# 工作组, 工作队: reporting names those for the place they work in, and does not state whose they are)
_OFFICE_HEAD = re.compile(r"(?:办公室|领导小组|援[\u4e00-\u9fff]办|协作办|帮扶办)$")


def _office_of_side(ctx: Ctx, m: Mention, first: Mention, rest: str) -> bool:
    """Whether a body whose name opens with a place is that place's aid office: the rest of its
    name has an aid word and ends with an office's head (驻Y援建办公室, 援川办公室, 援川办,
    对口支援新疆工作领导小组, 东西部协作办公室)."""
    return first.entity.cls in ("Province", "Prefecture", "County") and _OFFICE_HEAD.search(rest) is not None \
        and _AID_OFFICE.search(rest) is not None


# X县级产业园, X市级医院: a class of things at a level of the place (its county-level parks), no one named
_LEVEL_CLASS = re.compile(r"[省市县区州乡镇村团]级")


def _names_donor(place: Entity, rest: str) -> bool:
    """Whether aid words after the place make it the donor: 对口支援/援建 always; 援X unless the
    place lies in the province X names (阿图什市援疆项目 are the county's own)."""
    m = _DONOR_AFTER.match(rest)
    if m is None:
        return False
    marker = re.search(aid_marker().pattern, m.group())
    if marker is None:
        return True
    target = gz.get_gazetteer().province_abbreviation(marker.group()[1])
    d = division_of(place)
    home = gz.get_gazetteer().province_of(d.code) if d else None
    return not (target and home and target.code == home.code)


def _registered_in(ctx: Ctx, place: Mention) -> bool:
    """A firm's registered name opening with a county, town or village written in full (X省Y县Z食品
    公司, Y县Z专业合作社) is the place it is registered and works in; a city's or province's name
    (苏州恒达纺织…) says where it comes from, not where it is — it may invest anywhere."""
    return place.entity.cls in ("County", "Township", "Village") \
        and re.search(r"[县旗乡镇村]$|[^市]区$", ctx.text(place.start, place.end)) is not None \
        and not donor_in_article(ctx, place.entity)


def donor_in_article(ctx: Ctx, place: Entity) -> bool:
    """The article writes the place as a donor somewhere (湖州援疆指挥部, 宁波市对口支援…): the
    place's name opening a project or park built by aid names who built it. Not a town: towns are
    where things are. Read once per article and place (the answer is kept in the article's state)."""
    if place.cls not in ("Province", "Prefecture", "County"):
        return False
    if place.key not in ctx.state.donors:
        ctx.state.donors[place.key] = _written_as_donor(ctx.doc.norm, place)
    return ctx.state.donors[place.key]


def _written_as_donor(norm: str, place: Entity) -> bool:
    for name in {place.label, *place.alt_labels}:
        if len(name) < 2:
            continue
        for hit in re.finditer(re.escape(name), norm):
            # the aid words right after it or later in its clause (广州从2010年起对口支援…)
            clause = re.split(r"[。；！？;!?]", norm[hit.end():hit.end() + 16])[0]
            if any(_names_donor(place, clause[k:]) for k in range(len(clause)) if k == 0 or clause[k] in "对援") \
                    and (place.cls != "County" or _AID_PROGRAMME.match(clause)):
                return True  # (a county gives only under a programme's name: 昆山援疆; X县帮扶Y村 is its own work)
    return False


def _city_of_donor_province(ctx: Ctx, place: Entity) -> bool:
    """广东援疆…广州新城园区: a city of a province the article writes as a donor names what that
    province's aid built elsewhere (the city itself need not be written as a donor)."""
    d = division_of(place) if place.cls == "Prefecture" else None
    prov = gz.get_gazetteer().province_of(d.code) if d is not None else None
    home = next((e for e in ctx.doc.entities.values() if prov is not None and e.code == prov.code), None)
    return home is not None and donor_in_article(ctx, home)


def _opens_with_place(text: str) -> bool:
    return any(h.start == 0 and len(h.text) >= 2 for h in gz.get_gazetteer().find_all(text))


def _division_city(division: Entity, city: Entity) -> bool:
    d, c = division_of(division), division_of(city)
    return d is not None and c is not None and d.paired == c.code


def is_event(ent: Entity) -> bool:
    """A project that is an event (推介会, 开工仪式, 宣传周): its name ends with an event head."""
    return ent.cls == "Project" and _EVENT_NAME.search(ent.label) is not None


_EVENT_NAME = re.compile(f"(?:{words('event_name_heads')})$")


def _short_form_place(ctx: Ctx, m: Mention) -> Entity | None:
    name = ctx.text(m.start, m.end)
    hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and len(h.text) >= 2), None)
    if hit is None or len(hit.candidates) != 1:
        return None
    place = ctx.doc.entities.get(hit.candidates[0].key)
    if place is None or place.cls not in ("Prefecture", "County") or not any(not x.source.startswith("coref") for x in place.mentions):
        return None
    return place


_SUBSIDIARY = re.compile(r"(?:旗下|下属|所属)的?(?:(?:全资|控股)?子公司)?|的?(?:全资|控股)?子公司")


@rule("subsidiary", FAMILY, examples={
    "2022年，宁波瑞丰控股集团旗下宁波瑞丰食品有限公司并购了伽师县的伽师甜瓜农业有限公司。": [("宁波瑞丰食品有限公司", "partOf", "宁波瑞丰控股集团")],
    "新疆天业集团旗下的天业节水灌溉股份有限公司在石河子投资。": [
        ("天业节水灌溉股份有限公司", "partOf", "新疆天业集团")],
}, counter=("新疆天业集团与天业节水灌溉股份有限公司签约。",))
def subsidiary(ctx: Ctx):
    """A集团旗下(的)B公司, A下属B, A全资子公司B: B is part of A."""
    for a, b in zip(ctx.ms, ctx.ms[1:]):
        if a.entity.cls in ORG and b.entity.cls in ORG and _SUBSIDIARY.fullmatch(ctx.text(a.end, b.start)):
            yield b.entity, "partOf", a.entity

