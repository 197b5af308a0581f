"""locatedIn: 位于/坐落在/落户, 在R建设的P, 在R举行, R的P, R企业E, X内."""
from __future__ import annotations

import re

from ..direction import province_code, province_sides
from ..engine import ORG, REGION, Ctx, chain_of, clause_of, expand, opens_with, rule, span_start, top_mentions, words
from ... import gazetteer as gz
from ...lexicon import aid_marker
from ..places import apart, division_of, hierarchy_predicate, inside as lies_inside, tagger_only
from .structure import donor_in_article, is_event

FAMILY = "location"


_VENUE = re.compile(f"(?:{words('venue_heads')})$")
# 在R(正式)建设/举行…(的)P: what is built, set up or held in the place
_BUILT_OR_HELD = re.compile(expand(r"^(?:隆重|正式|顺利|成功|集中|共同|联合|先后|相继|累计|率先)?(?:投资|{build_verbs}|建立|筹建|共建|落地|落户|"
                                   r"{event_verbs})+(?:了)?(的)?"))
_EVENT_VERB = re.compile(expand("{event_verbs}"))
# items of a list no name covers, before the first named one (建成中医药产业园、P)
_UNNAMED_ITEMS = re.compile(r"(?:[“\"「‘]?[\u4e00-\u9fff]{2,12}[”\"」’]?、){1,2}[“\"「‘]?")
_BUILT_GAP = re.compile(r"^[”\"」’]?(?:、|和|及|与|以及)[“\"「‘]?$")


@rule("built-in", FAMILY, r"在", scope="text", emits=("settled-in", "held-in", "scene-in"), examples={
    "杭州翎羽服饰有限公司投资260万元，在青岭镇建成翎羽服饰就业帮扶车间，吸纳当地群众80人就业。": [("翎羽服饰就业帮扶车间", "locatedIn", "青岭镇")],
    "今年春节前后，在鹤峰县举办“甬凤春风”专场招聘会3场。招聘会由鹤峰县人社局和海曙区人力资源和社会保障局联合主办。据鹤峰县人力资源和社会保障局介绍，共有87家企业参加。": [("甬凤春风专场招聘会", "locatedIn", "鹤峰县")],  # a sentence without a subject
    "去年，杭州花溪生物科技有限公司在于田县落地，投资1.2亿元建起玫瑰精油深加工项目。": [("玫瑰精油深加工项目", "locatedIn", "于田县", "settled-in")],  # a firm settled in R builds there
    "盘锦禾牧牧业有限公司投资1.5亿元在128团投建的年出栏8万只肉羊养殖基地正在建设。": [("年出栏8万只肉羊养殖基地", "locatedIn", "一二八团")],
    "6月13日，2023年延边·宁波对口合作招商推介暨项目签约会在宁波举行。本次签约会由延边州商务局主办。": [("2023年延边·宁波对口合作招商推介暨项目签约会", "locatedIn", "宁波市", "held-in")],  # the whole subject of 在R举行 is the event
    "日前，宁波·延边东西部协作产品推介会在延吉隆重举行。": [("宁波·延边东西部协作产品推介会", "locatedIn", "延吉市", "held-in")],  # the two partners in its name locate nothing
    "广东省在五十一团新建的职工活动中心建设项目投入使用。": [("职工活动中心建设项目", "locatedIn", "五十一团")],
    "苏州恒达纺织科技有限公司在阿图什市落地，投资3亿元建设年产5万吨纱线项目。": [
        ("年产5万吨纱线项目", "locatedIn", "阿图什市", "settled-in")],
    "2024年江苏·克州产业合作推介会在阿图什市举行。": [
        ("2024年江苏·克州产业合作推介会", "locatedIn", "阿图什市", "held-in")],
    "第二届苏克产销对接会在阿图什市体育馆隆重开幕。": [   # the venue inside the place wins
        ("第二届苏克产销对接会", "locatedIn", "阿图什市体育馆", "held-in")],
    "乌恰县援疆项目集中开工仪式（乌恰县第二小学建设项目）在乌恰县隆重举行。": [
        ("乌恰县援疆项目集中开工仪式", "locatedIn", "乌恰县", "held-in")],
    "首届白杨产销对接会在克州国际会展中心举行。": [      # a venue whatever class its name got
        ("首届白杨产销对接会", "locatedIn", "克州国际会展中心", "held-in")],
    "去年，江苏援疆资金在乌恰县青松村建成白杨幼儿园。": [   # a village of a county: both hold it
        ("白杨幼儿园", "locatedIn", "青松村"), ("白杨幼儿园", "locatedIn", "乌恰县")],
    "江苏省在乌恰县援建的恒达物流园投入使用。": [("恒达物流园", "locatedIn", "乌恰县")],
    "援疆资金将在乌恰县建成恒达物流园、白杨沟现代农业示范区和恒达职业技术学校。": [
        ("恒达物流园", "locatedIn", "乌恰县"), ("白杨沟现代农业示范区", "locatedIn", "乌恰县"),
        ("恒达职业技术学校", "locatedIn", "乌恰县")],
    "苏州还将在乌恰县建成中药材产业园、万亩白杨种植示范基地。": [   # the first item no name
        ("万亩白杨种植示范基地", "locatedIn", "乌恰县")],
    "江苏投资2000万元在乌恰县境内建设了恒达物流园。": [("恒达物流园", "locatedIn", "乌恰县")],  # inside it
    "江苏还在克州建设了白杨新镇、红柳新村等一批移民新村。": [
        ("白杨新镇", "locatedIn", "克孜勒苏柯尔克孜自治州"), ("红柳新村", "locatedIn", "克孜勒苏柯尔克孜自治州")],
    "长沙湘江新材料股份有限公司将收购火洲硅业51%股权，并投资12亿元在鄯善工业园区建设年产3万吨工业硅项目。": [("年产3万吨工业硅项目", "locatedIn", "鄯善工业园区")],
    "第二届苏克产销对接会在阿图什市开幕。仪式由阿图什市人民政府主办。": [("第二届苏克产销对接会", "locatedIn", "阿图什市", "held-in")],
    "恒达公司对口帮扶岷县座谈会在岷县政府举行。": [("恒达公司对口帮扶岷县座谈会", "locatedIn", "岷县", "held-in")],  # at the seat of its government
    "第二届苏克产销对接会于6月开幕。活动的重头戏——白杨沟文旅推介会在乌恰县举行。": [
        ("白杨沟文旅推介会", "locatedIn", "乌恰县", "held-in")],
    "第二届苏克产销对接会于6月开幕。活动的重头戏——白杨沟文旅·招商专场推介在乌恰县举行。": [],  # a subject of its own
    "第二届苏克产销对接会于6月开幕。活动于6月2日在乌恰县举行。": [("第二届苏克产销对接会", "locatedIn", "乌恰县", "held-in")],
    "阿图什市代表团在乌鲁木齐与江苏省、苏州市共同召开第二届苏克产销对接会。": [   # partners between place and verb
        ("第二届苏克产销对接会", "locatedIn", "乌鲁木齐市")],
    "阿图什市代表团在首府乌鲁木齐与江苏省举行了第二届苏克产销对接会。": [   # an epithet before the place
        ("第二届苏克产销对接会", "locatedIn", "乌鲁木齐市")],
    "在乌恰县，江苏援建的恒达职业技术学校已投入使用。": [
        ("恒达职业技术学校", "locatedIn", "乌恰县", "scene-in")],
    "在乌恰县，援疆资金建成了恒达职业技术学校和白杨医院。": [
        ("恒达职业技术学校", "locatedIn", "乌恰县", "scene-in"), ("白杨医院", "locatedIn", "乌恰县", "scene-in")],
}, counter=(
    "在江苏省的大力支持下，恒达职业技术学校已投入使用。",   # support, not a scene
    "孩子们在江苏援建的恒达幼儿园里欢度儿童节。",             # the giver before the aid verb
))
def built_in(ctx: Ctx, hit: re.Match):
    """在R建设(的)P / 在R(与X)举行P: where it is built or held (the venue inside a place wins);
    E在R落地，投资…建设P: what the settled firm builds is in R; 在R，P…: a clause that is only 在R
    sets the scene of the next one."""
    ms = ctx.ms
    after = ctx.at(hit.end())
    a, b = clause_of(ctx, after)
    chain = []
    epithet = _epithet_after(ctx, after)  # 在冰城|哈尔滨, 在首府|乌鲁木齐: a word describing the place first
    for x in ctx.all_mentions:
        kinds = REGION | {"Institution"} if not chain else REGION | {"Institution", "Project"}
        venue = x.entity.cls == "Project" and _VENUE.search(x.entity.label) is not None
        if (x.entity.cls in kinds or venue) and ((not chain and x.start in (after, epithet)) or (chain and x.start == chain[-1].end)):
            chain.append(x)  # 在阿图什市体育馆: the venue inside the place; 在X会展中心举行
    seat = None
    if not chain or re.match(r"(?:县|市|区|州|盟|旗)?(?:人民)?政府", ctx.text(chain[-1].end, b)) is not None:
        # 在R县政府(会议室)举行P: held at a place's seat of government — in that place
        seat = _seat_of_government(ctx, after, b)
        if seat is not None:
            place = seat[0]
    if not chain and seat is None:
        return
    if seat is None:
        place = chain[-1].entity
    rest = ctx.text(chain[-1].end, b) if seat is None else ctx.text(seat[1], b)
    if seat is not None and not (_BUILT_OR_HELD.match(rest) and _EVENT_VERB.search(_BUILT_OR_HELD.match(rest).group())):
        return  # (a seat of government is where things are held, not built)
    if re.fullmatch(r"(?:境内|辖区内|当地)?", rest) and ctx.text(a, chain[0].start) == "在" \
            and ctx.text(b, b + 1) in ("，", ","):
        # 在R，D援建的P已投入使用: a clause that is only 在R sets the scene of the next one
        _, d = clause_of(ctx, b + 1)
        scene = [x for x in ms if b < x.start and x.end <= d and x.entity.cls in ("Project", "Institution", "DevelopmentZone")
                 and not is_event(x.entity)]
        listed = scene[:1]
        for x in scene[1:]:   # (建成了P和Q: the items listed with the first)
            if re.fullmatch(r"[”\"」’]?(?:、|和|及|以及|与)[“\"「‘]?", ctx.text(listed[-1].end, x.start)):
                listed.append(x)
        for x in listed:
            if not any(r.subject is x.entity and r.predicate == "locatedIn" for r in ctx.doc.relations):
                yield x.entity, "locatedIn", place, "scene-in"
        return
    base = chain[-1].end if seat is None else seat[1]
    within = re.match(r"(?:境内|辖区内|城区|县城|市区)(?=" + _BUILT_OR_HELD.pattern.lstrip("^") + ")", rest) if seat is None else None
    if within:
        # 在R境内建设P, 在R城区建成P: built inside the place
        base += within.end()
        rest = rest[within.end():]
    if re.match(r"[与同和]", rest):
        # 在R与X(共同)举行了P: the partner named between the place and the verb is no place
        partner = [x for x in ms if x.start == base + 1 and x.entity.cls in REGION | ORG]
        for x in ms:
            if partner and x.start > partner[-1].end and x.end <= b and _BUILT_GAP.match(ctx.text(partner[-1].end, x.start)):
                partner.append(x)
        if partner:
            base = partner[-1].end
            rest = ctx.text(base, b)
    v = _BUILT_OR_HELD.match(rest)
    if not v:
        return
    # what is built: projects, zones, institutions — and towns or villages when they are what is
    # built (在R建设了X镇、Y村 …)
    kinds = {"Project", "DevelopmentZone", "Institution"}
    if re.search(r"建|打造", v.group()):
        kinds |= {"Township", "Village"}
    start = base + v.end()
    nxt = [x for x in ms if x.start >= start and x.end <= b and x.entity.cls in kinds]
    if nxt and (re.fullmatch(r"[“\"「‘]?", ctx.text(start, nxt[0].start)) or (
            _UNNAMED_ITEMS.fullmatch(ctx.text(start, nxt[0].start))
            and not any(start <= span_start(x) < nxt[0].start for x in ms))):
        # (在R建成中医药产业园、X示范区: an item the recogniser did not take may open the list)
        built = [nxt[0]]
        for x in nxt[1:]:  # 在R建成X、Y和Z: each of them
            if not _BUILT_GAP.match(ctx.text(built[-1].end, x.start)):
                break
            built.append(x)
        if re.search(r"援建|捐建|援助", v.group()) and not _receives(ctx.doc, place):
            return  # 在山东援建的P(里): the giver before the aid verb, not where P is (a place that receives aid: 在R援建了P)
        county = _county_of_chain(chain) if seat is None else None
        for x in built:
            if not apart(x.entity, place):
                yield x.entity, "locatedIn", place
                if county is not None and not apart(x.entity, county):
                    yield x.entity, "locatedIn", county   # 在X县Y村建设P: the county holds it too
    elif re.fullmatch(r"落地|落户", v.group()) and ctx.text(b, b + 1) in "，,":
        firm = [x for x in ms if a <= x.start < chain[0].start and x.entity.cls == "Enterprise"]
        _, b2 = clause_of(ctx, b + 1)
        built = [x for x in ms if b < x.start and x.end <= b2 and x.entity.cls == "Project"]
        if firm and built and re.search(r"建|投资|投产|实施", ctx.text(b, built[0].start)):
            yield built[0].entity, "locatedIn", place, "settled-in"
    elif _EVENT_VERB.search(v.group()):
        first = chain[0].start if chain else after
        held = [x for x in ms if a <= x.start < first and x.entity.cls == "Project"
                and not _parenthetical(ctx, x, first)]  # X仪式（P项目）在R举行: X is held
        topic = ctx.state.topic
        subject = ctx.text(a, first)
        # 活动在R举行 goes on about the topic; 活动的重头戏——X推介会在R举行 names its own subject
        own = re.search(r"的|——|—|：|:", subject) is not None
        target = held[-1].entity if held else (topic if opens_with(ctx, "event_heads") and not own else None)
        if target is not None:
            yield target, "locatedIn", place, "held-in"


@rule("visit-scene", FAMILY, r"(?:来到|走进|走入|步入|深入|到达|抵达|驱车至|驱车来到)(?=囗)", examples={
    "记者来到治多县加吉博洛镇，牲畜屠宰场项目建设现场一片繁忙。": [("牲畜屠宰场项目", "locatedIn", "加吉博洛镇")],
    "走进白杨县青松镇，恒达纺织厂和青松幼儿园映入眼帘。": [
        ("恒达纺织厂", "locatedIn", "青松镇"), ("青松幼儿园", "locatedIn", "青松镇")],
}, counter=(
    "考察团来到乌恰县，随后赴阿图什市参观了恒达纺织厂。",   # another place between: the visit moved on
    "走进乌恰县，江苏援建的成果随处可见。",                # no project named
    "代表团来到乌恰县座谈，恒达纺织厂负责人汇报了情况。",  # the clause says more than where they came
))
def visit_scene(ctx: Ctx, hit: re.Match):
    """(记者)来到/走进R，P…: a clause that ends with the place a reporter or delegation comes to
    sets the scene of the next one — the projects it opens with (and those listed with them) lie
    there, unless another place is named first."""
    after = ctx.at(hit.end())
    a, b = clause_of(ctx, after)
    chain = [x for x in ctx.ms if span_start(x) == after and x.entity.cls in REGION]
    if not chain or not re.fullmatch(r"(?:境内|辖区内|当地)?", ctx.text(chain[0].end, b)) \
            or ctx.text(b, b + 1) not in ("，", ","):
        return
    place = chain[0].entity
    _, d = clause_of(ctx, b + 1)
    later = [x for x in ctx.ms if b < x.start and x.end <= d]
    scene = []
    for x in later:
        if x.entity.cls in REGION or x.entity.cls in ("Person", "Cadre") or (scene and not _BUILT_GAP.match(ctx.text(scene[-1].end, x.start))):
            break
        if x.entity.cls in ("Project", "Institution", "DevelopmentZone", "Enterprise") and not is_event(x.entity):
            scene.append(x)
        else:
            break
    for x in scene:
        if not apart(x.entity, place) and not any(r.subject is x.entity and r.predicate == "locatedIn" for r in ctx.doc.relations):
            yield x.entity, "locatedIn", place


_VISITED = re.compile(r"(?:在|到|赴|来到|前往|抵达|深入|走进)$")
_ON_VISIT = re.compile(r"^(?:期间|(?:进行|开展|实地)?(?:考察|调研|视察|学习|对接|参观|走访|慰问|交流|开展|进行))")
_MOVED_ON = re.compile(r"返回|回到|返程|离开|随后赴|又赴|转赴|之后|后[，,]")


@rule("held-on-visit", FAMILY, r"(?:召开|举行|举办)(?:了)?(?=囗)", examples={
    "岷县代表团在定西市进行考察调研，并举行岷县·定西市对口协作工作座谈会。": [
        ("岷县·定西市对口协作工作座谈会", "locatedIn", "定西市")],
    "在定西市期间，代表团召开了岷县对口协作工作座谈会。": [("岷县对口协作工作座谈会", "locatedIn", "定西市")],
    "代表团赴定西市考察对接帮扶工作，两地举行恒达产业合作推介会。": [("恒达产业合作推介会", "locatedIn", "定西市")],
}, counter=(
    "代表团赴定西市考察后返回，召开了恒达产业合作推介会。",       # moved on before the event
    "代表团赴定西市考察，岷县召开了恒达产业合作推介会。",         # another place between
    "代表团赴定西市考察，并在岷县召开了恒达产业合作推介会。",     # held where 在 says (built-in)
))
def held_on_visit(ctx: Ctx, hit: re.Match):
    """(代表团)在R进行考察…，并举行P / 在R期间，…召开了P / 赴R考察…，两地举行P: an event a
    visiting party holds on its visit is held in the place it visits — the last place the sentence
    names before the verb, with nothing but the visit between (no other place, no move elsewhere)."""
    start = ctx.at(hit.end())
    event = next((x for x in ctx.ms if x.start == start and is_event(x.entity)), None)
    if event is None or any(r.subject is event.entity and r.predicate == "locatedIn" for r in ctx.doc.relations):
        return
    verb = ctx.at(hit.start())
    before = [x for x in ctx.ms if x.end <= verb and x.entity.cls in REGION | ORG]
    if not before or before[-1].entity.cls not in ("Province", "Prefecture", "County", "Township", "XPCCUnit"):
        return
    visited = before[-1]
    between = ctx.text(visited.end, verb)
    if not _VISITED.search(ctx.text(max(0, visited.start - 2), visited.start)) or not _ON_VISIT.match(between) \
            or _MOVED_ON.search(between) or re.search(r"[。；;！？]", between) or "在" in between:
        return
    yield event.entity, "locatedIn", visited.entity


_HOLDER_GAP = re.compile(r"(?:近日|日前|今天|昨天|当天|专门|隆重|成功|先后|再次|首次|还|又|也|将|正式)*$")


@rule("held-by-place", FAMILY, r"(?:召开|举行|举办)(?:了)?(?=囗)", examples={
    "6月2日，定西市召开岷县对口协作工作推进会。": [("岷县对口协作工作推进会", "locatedIn", "定西市")],
    "岷县今年引进企业12家。近日，岷县政府隆重举行恒达产业招商推介会。": [("恒达产业招商推介会", "locatedIn", "岷县")],
}, counter=(
    "定西市与岷县召开对口协作工作推进会。",        # two holders: where is not said
    "在兰州市，定西市召开了岷县对口协作工作推进会。",  # 在 says where
    "上海援疆前方指挥部召开对口协作工作推进会。",   # a body away from home: where is not said
))
def held_by_place(ctx: Ctx, hit: re.Match):
    """R(近日)召开/举行P: a place (or its government) holding a meeting or ceremony holds it at
    home — unless another holder is named with it, or 在 says where."""
    start = ctx.at(hit.end())
    event = next((x for x in ctx.ms if x.start == start and is_event(x.entity)), None)
    if event is None or any(r.subject is event.entity and r.predicate == "locatedIn" for r in ctx.doc.relations):
        return
    verb = ctx.at(hit.start())
    a, _ = clause_of(ctx, verb)
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= verb]
    if not before or not _HOLDER_GAP.match(ctx.text(before[-1].end, verb)):
        return
    holder = before[-1]
    if len([x for x in before if x.entity.cls in REGION | ORG]) > 1 or "在" in ctx.text(ctx.start, span_start(holder)):
        return
    if holder.entity.cls in ("Prefecture", "County", "Township", "XPCCUnit"):
        yield event.entity, "locatedIn", holder.entity
    elif holder.entity.cls == "GovernmentBody" and re.search(r"(?:人民)?政府$", holder.entity.label):
        seat = _seat_of_government(ctx, span_start(holder), verb + 1)
        if seat is not None:
            yield event.entity, "locatedIn", seat[0]


@rule("place-before-name", FAMILY, examples={
    "考察团先后对会宁县甘肃恒达农林有限公司进行了调研。": [("甘肃恒达农林有限公司", "locatedIn", "会宁县")],
}, counter=(
    "常州市恒达纺织有限公司在阿合奇县投资。",        # a city's firm: where it comes from
    "考察团先后对会宁县浙江恒达农林有限公司进行了调研。",  # a province the county is not in opens the firm's name
))
def place_before_name(ctx: Ctx):
    """R|E: a county, town or village written right before a firm, institution or project that
    the recogniser read as a name of its own (岷县|甘肃恒达农林有限公司 — the firm's own name opens
    with the province) lies there, unless the name opens with a place R is not in; a city names
    where a firm comes from (a school or project still lies there)."""
    for r, x in zip(ctx.ms, ctx.ms[1:]):
        if r.end != span_start(x) or r.entity.cls not in ("Prefecture", "County", "Township", "Village") \
                or x.entity.cls not in ("Enterprise", "Institution", "Project") or is_event(x.entity):
            continue
        if x.entity.cls == "Enterprise" and r.entity.cls == "Prefecture":
            continue
        if not _opens_with_a_holder(ctx, x, r.entity):
            continue
        if donor_in_article(ctx, r.entity) or any(rel.subject is x.entity and rel.predicate == "locatedIn" for rel in ctx.doc.relations):
            continue
        yield x.entity, "locatedIn", r.entity


@rule("carried-out-in", FAMILY,
      r"(?:主要|分别|全部|均|将|已|正|先后|顺利|成功|正式)?在(?P<where>囗[囗、和及与]*)(?:境内|辖区内)?(?:{carried_out_verbs})(?=[，,。；;！]|$)",
      examples={
    "白杨沟现代农业示范项目主要在阿湖乡、格达良乡实施。": [
        ("白杨沟现代农业示范项目", "locatedIn", "阿湖乡"), ("白杨沟现代农业示范项目", "locatedIn", "格达良乡")],
    "恒达职业技术学校项目在乌恰县实施。": [("恒达职业技术学校项目", "locatedIn", "乌恰县")],
    "青松饮水工程、红柳安居工程分别在阿湖乡、格达良乡实施。": [   # respectively: one each
        ("青松饮水工程", "locatedIn", "阿湖乡"), ("红柳安居工程", "locatedIn", "格达良乡")],
    # settled or signed there: 落地(签约), 落户; a chain of places: the innermost
    "总投资800万元的恒达粮油仓储基地、白杨冷链分拣中心在新疆乌恰县落地签约，将带动就业200人。": [
        ("恒达粮油仓储基地", "locatedIn", "乌恰县"), ("白杨冷链分拣中心", "locatedIn", "乌恰县")],
    "恒达年产2万吨饲料加工项目去年在阿图什市建成。": [("恒达年产2万吨饲料加工项目", "locatedIn", "阿图什市")],
    "江苏援建的白杨物流园项目在乌恰县境内建成，总投资3000万元。": [("白杨物流园项目", "locatedIn", "乌恰县")],
    "恒达幼儿园在江苏援疆资金支持下于2020年在乌恰县建成。": [("恒达幼儿园", "locatedIn", "乌恰县")],   # who helps
    # a town or village of a county: the county holds it too
    "青松幼儿园项目在乌恰县吉根乡落地。": [
        ("青松幼儿园项目", "locatedIn", "吉根乡"), ("青松幼儿园项目", "locatedIn", "乌恰县")],
}, counter=(
    "恒达职业技术学校项目开工仪式在乌恰县启动。",    # an event is held (built-in's held-in), not built
    "恒达纺织公司在阿图什市实施。",                # a firm is no project carried out
    "恒达职业技术学院在阿图什市实施支教。",          # an institution carries out nothing there
    "恒达纺织公司投资的纱线项目由苏州市在阿图什市落地。",   # another party before the place
    "青松饮水工程、红柳安居工程分别在阿湖乡、格达良乡和托云乡实施。",   # respectively, counts differ
))
def carried_out_in(ctx: Ctx, hit: re.Match):
    """P(主要)在R1、R2实施/建设/开工/落地/建成投产: the project the clause opens with is carried
    out in those places (the projects of the clause before the verb, none an event); of a chain of
    places (新疆乌恰县, 乌恰县吉根乡) the innermost, and the county of a town or village too."""
    pos = ctx.at(hit.start())
    a, _ = clause_of(ctx, pos)
    # (a school or hospital is built or settles there too; it carries out nothing: X大学在R实施支教)
    kinds = ("Project", "Institution") if _SETTLED.search(hit.group()) else ("Project",)
    done = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos and x.entity.cls in kinds
            and not is_event(x.entity)]
    support = [m.span() for m in _WITH_SUPPORT.finditer(ctx.text(ctx.start, pos))] if done else []
    if not done or any(x.entity.cls in REGION | ORG and not any(s0 <= span_start(x) - ctx.start and x.end - ctx.start <= s1
                                                                  for s0, s1 in support)
                       for x in ctx.ms if done[-1].end <= span_start(x) and x.end <= pos):
        return   # (another party before the place: 由苏州市在R落地 — not one named in 在D的支持下)
    where = [x for x in ctx.ms if ctx.at(hit.start("where")) <= span_start(x) and x.end <= ctx.at(hit.end("where"))
             and x.entity.cls in REGION]
    places = _innermost_places(ctx, where)
    if "分别" in hit.group():
        # P1、P2分别在A乡、B乡实施: one place each, in order (none when the counts differ)
        ones = [chain_of(x)[-1].entity for x in where]
        if len(ones) == len(done):
            for p, r in zip(done, ones):
                if not apart(p.entity, r):
                    yield p.entity, "locatedIn", r
        return
    for p in done:
        for r in places:
            if not apart(p.entity, r):
                yield p.entity, "locatedIn", r


def _county_of_chain(chain):
    """The county a town or village is written after (X县Y村: X县), a county the reference data
    does not know (a former one) by the 县 or 旗 its name ends with."""
    if len(chain) >= 2 and chain[-1].entity.cls in ("Township", "Village") and (
            chain[-2].entity.cls == "County" or chain[-2].entity.cls == "Region" and re.search(r"[县旗]$", chain[-2].entity.label)):
        return chain[-2].entity
    return None


# 在D(援疆资金)的支持下: the party that helps, not one that builds
_WITH_SUPPORT = re.compile(r"在[^，,。；;在]{1,20}(?:的)?(?:支持|帮助|援助|资助|关心|推动)下")
_SETTLED = re.compile(r"落地|落户|建成")


def _innermost_places(ctx: Ctx, where) -> list:
    """Of places written in a row (新疆|乌恰县, 乌恰县|吉根乡: one chain) or listed (阿湖乡、格达良乡):
    each chain's innermost place, and the county a town or village is written after (X县Y乡: both,
    as the county holds what the town holds)."""
    out = []
    for x in where:
        chain = chain_of(x)
        if _county_of_chain(chain) is not None:
            out.append(chain[-2].entity)
        out.append(chain[-1].entity)
    return out


@rule("among-place-projects", FAMILY, r"(?:^|(?<=[，,；;]))[“\"]?(?:其中|这些项目中|上述项目中|主要包括|包括|主要有)[，,：:]?", scope="text", examples={
    "阿图什市今年实施援疆项目12个。其中，白杨沟现代农业示范项目已完工，恒达职业技术学校项目主体完工。": [
        ("白杨沟现代农业示范项目", "locatedIn", "阿图什市"), ("恒达职业技术学校项目", "locatedIn", "阿图什市")],
    # 其中 inside the sentence: the clauses before it say where
    "据介绍，阿图什市今年实施援疆项目12个，其中白杨沟现代农业示范项目已完工。": [
        ("白杨沟现代农业示范项目", "locatedIn", "阿图什市")],
    "阿图什市今年实施援疆项目12个，包括青松安居工程、红柳饮水工程等。": [   # the list the count opens
        ("青松安居工程", "locatedIn", "阿图什市"), ("红柳饮水工程", "locatedIn", "阿图什市")],
}, counter=(
    "常州市今年实施援疆项目12个。其中，白杨沟现代农业示范项目已完工。",   # a giver's projects lie elsewhere
    "常州市今年实施援疆项目12个，包括青松安居工程、红柳饮水工程等。",
    "阿图什市今年实施援疆项目12个。其中，乌恰县白杨沟现代农业示范项目已完工。",  # a place of its own
))
def among_place_projects(ctx: Ctx, hit: re.Match):
    """R(今年)实施/建设…项目N个。其中，P1…，P2…: the projects named after 其中 lie in the place the
    sentence before opens with, when that place receives aid (a place of 新疆, 西藏, 青海 or a
    western province: a giver's projects lie in the places it aids) and the project names no place."""
    pos = ctx.at(hit.start())
    prev = next((s for s in ctx.doc.sentences if s.index == ctx.sent - 1), None) if pos <= ctx.start + 1 \
        else next(s for s in ctx.doc.sentences if s.index == ctx.sent)   # (…项目N个，其中P…)
    if prev is None:
        return
    text = ctx.doc.norm[prev.start:min(prev.end, pos)]
    if not re.search(r"(?:实施|建设|开工|启动|安排|完成|新建)[^。；;]{0,12}?项目\s*\d+[多余]?\s*[个项]"
                     r"|\d+[多余]?\s*[个项][^。；;，,]{0,8}?项目", text):
        return
    lead = re.match(r"^[，,\s]*(?:(?:据介绍|据了解|记者了解到|记者获悉)[，,]?)?"
                    r"(?:(?:\d{4}年|今年|去年|近年来|目前|截至[^，,]{1,10})[，,]?)?", text).end()
    place = next((x for x in top_mentions(ctx.doc, prev.index) if span_start(x) == prev.start + lead
                  and x.entity.cls in REGION - {"Province"}), None)
    if place is None or not _receives(ctx.doc, place.entity):
        return
    _, b = clause_of(ctx, ctx.at(hit.end()))
    for x in ctx.ms:
        if x.start < ctx.at(hit.end()) or x.entity.cls != "Project" or is_event(x.entity):
            continue
        if any(m.entity.cls in REGION for m in ctx.all_mentions if x.start <= m.start and m.end <= x.end and m is not x):
            continue  # its name holds a place of its own
        if not any(r.subject is x.entity and r.predicate == "locatedIn" for r in ctx.doc.relations):
            yield x.entity, "locatedIn", place.entity


def _opens_with_a_holder(ctx: Ctx, x, place) -> bool:
    """Whether a name opens with no place, or with one holding `place` (甘肃X公司 after a county of
    甘肃; not 浙江X公司)."""
    name = ctx.text(x.start, x.end)
    hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and len(h.text) >= 2), None)
    if hit is None:
        return True
    d = division_of(place)
    if d is None:
        return False
    ups = {u.code for u in gz.get_gazetteer().chain(d.code)}
    return any(c.code in ups for c in hit.candidates)


def _seat_of_government(ctx: Ctx, after: int, b: int):
    """(the place, the end) of a government body's name written right at `after` (岷县政府,
    X县人民政府会议室): the place it governs, when the article names that place."""
    body = next((x for x in ctx.all_mentions if x.entity.cls == "GovernmentBody" and x.start == after and x.end <= b
                 and re.search(r"政府$", x.entity.label)), None)
    if body is None:
        return None
    inner = [x for x in ctx.all_mentions if x.entity.cls in REGION and body.start <= x.start and x.end <= body.end]
    if inner:
        place = max(inner, key=lambda x: x.end).entity
    else:
        name = ctx.text(body.start, body.end)
        hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and len(h.text) >= 2), None)
        place = ctx.doc.entities.get(hit.candidates[0].key) if hit is not None and len(hit.candidates) == 1 else None
    if place is None or place.cls not in ("Prefecture", "County", "Township"):
        return None
    end = body.end
    room = re.match(r"(?:会议室|礼堂|大礼堂|会议中心|大楼)", ctx.text(end, b))
    return place, end + (room.end() if room else 0)


def _receives(doc, place) -> bool:
    """Whether reference data puts the place on the receiving side of paired aid."""
    side = province_sides().get(province_code(doc, place) or "")
    return side in ("recipient", "west")


@rule("signed-with-zone", FAMILY, r"签约|签订|签署", scope="text", examples={
    "此外，雪莲乳业有限公司近日与日喀则经济开发区签约，计划投资2亿元建设年产3万吨牦牛乳加工项目。": [("年产3万吨牦牛乳加工项目", "locatedIn", "日喀则经济开发区")],
    "苏州恒达纺织科技有限公司与阿图什市工业园区签约，计划投资3亿元建设年产5万吨纱线项目。": [
        ("年产5万吨纱线项目", "locatedIn", "阿图什市工业园区")],
})
def signed_with_zone(ctx: Ctx, hit: re.Match):
    """E与Z(开发区)签约，(计划)投资…建设P: the project is built in the zone it signed with."""
    ms = ctx.ms
    pos = ctx.at(hit.start())
    zone = [x for x in ms if x.entity.cls == "DevelopmentZone" and x.end <= pos
            and ctx.text(x.start - 1, x.start) in ("与", "和", "同")
            and re.fullmatch(r"(?:近日|日前|正式|成功)?", ctx.text(x.end, pos))]
    built = [x for x in ms if x.start > pos and x.entity.cls == "Project"]
    if zone and built and re.search(r"建|投资", ctx.text(pos, built[0].start)) and \
            not any(r.subject is built[0].entity and r.predicate == "locatedIn" and r.sentence == ctx.sent
                    for r in ctx.doc.relations):
        yield built[0].entity, "locatedIn", zone[-1].entity


@rule("located", FAMILY, r"{located_verbs}|地址[：:]|地点[：:]|地[点址](?:为|是|在)", scope="text", examples={
    "6.“乌什优选”消费帮扶馆运营补助项目。建设地点：英阿瓦提乡；总投资90万元。": [("乌什优选消费帮扶馆运营补助项目", "locatedIn", "英阿瓦提乡")],  # a notice's 建设地点 line
    "3.温宿县核桃精深加工示范项目。实施地点：佳木镇。": [("温宿县核桃精深加工示范项目", "locatedIn", "佳木镇")],
    "三、年产3万吨大豆蛋白加工项目\n由杭州禾丰生物科技有限公司投资建设，落户来凤县，主要生产大豆蛋白。": [("年产3万吨大豆蛋白加工项目", "locatedIn", "来凤县")],
    "位于阿拉尔市境内的十二团，是浙江省湖州市对口支援的团场。": [("十二团", "locatedIn", "阿拉尔市")],  # the subject of the clause after
    "地处伽师县的卧里托格拉克镇，是苏州市吴江区对口帮扶的乡镇。": [("卧里托格拉克镇", "locatedIn", "伽师县")],
    "二二一团地处吐鲁番市东郊，是当地唯一的团场。": [("二二一团", "locatedIn", "吐鲁番市")],
    "该项目位于阿图什市苏克产业园。": [],
    "恒达纺织厂位于阿图什市。": [("恒达纺织厂", "locatedIn", "阿图什市")],
    "坐落在阿图什市的恒达纺织厂正式投产。": [("恒达纺织厂", "locatedIn", "阿图什市")],
    "坐落在阿克陶县巴仁乡的恒达纺织厂正式投产。": [("恒达纺织厂", "locatedIn", "巴仁乡")],
    "坐落在疏附县托克扎克镇帕米尔高原脚下的恒达建材厂正式投产。": [("恒达建材厂", "locatedIn", "托克扎克镇")],
    "乌恰县“两室”（恒达合作社、白杨学校）示范项目位于乌恰县城东部。": [],
    "乌恰县光伏电站项目建于乌恰县吉根乡。": [("乌恰县光伏电站项目", "locatedIn", "吉根乡")],
    "去年8月，面积超千亩的恒达现代农业产业园落户白杨县青松镇。": [("恒达现代农业产业园", "locatedIn", "青松镇")],  # a park settles too
    "第二届苏克产销对接会将于6月举行。活动地点：阿图什市体育馆": [("第二届苏克产销对接会", "locatedIn", "阿图什市体育馆")],  # a notice's 活动地点 line
    # a clause with no subject goes on about the project the sentence opens with
    "白杨县恒达粮油物流园一期项目属于江苏援建项目，位于青松镇火车站南面，总投资6000万元。": [
        ("白杨县恒达粮油物流园一期项目", "locatedIn", "青松镇")],
    "恒达粮油物流园项目总投资6000万元，项目位于青松镇。": [("恒达粮油物流园项目", "locatedIn", "青松镇")],  # 项目 alone: the one the sentence opens with
    "恒达粮油物流园项目总投资6000万元，选址乌恰县吉根乡。": [("恒达粮油物流园项目", "locatedIn", "吉根乡")],
    "去年竣工的白杨幼儿园，位于乌恰县吉根乡。": [("白杨幼儿园", "locatedIn", "吉根乡")],  # a description before the subject
    "江苏援建的白杨幼儿园，地处乌恰县吉根乡。": [("白杨幼儿园", "locatedIn", "吉根乡")],
    "恒达纺织科技有限公司投资建设的白杨纱线项目，位于乌恰县吉根乡。": [("白杨纱线项目", "locatedIn", "吉根乡")],
    "恒达粮油物流园项目建设地点为乌恰县吉根乡，总投资6000万元。": [("恒达粮油物流园项目", "locatedIn", "吉根乡")],
}, counter=(
    "恒达纺织厂的员工很多，位于乌恰县城东部。",                     # the firm is no subject (its staff are)
    "恒达纺织厂与白杨医院签约，位于乌恰县城东部。",               # two subjects: which one?
    "白杨幼儿园和青松小学投入使用，项目位于乌恰县吉根乡。",       # two opened the sentence: which one?
    "苏州援建的恒达纺织厂的员工，来自乌恰县吉根乡。",             # no verb of place
))
def located(ctx: Ctx, hit: re.Match):
    """S位于/坐落在/落户R: the subject before the verb lies in the innermost place after it; without
    a subject, the project the sentence goes on about (项目坐落在R; 建设地点：R); 坐落在R的X."""
    ms = ctx.ms
    topic = ctx.state.topic
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    if hit.group()[-1] in "：:":
        b = clause_of(ctx, after)[1]  # 地点：X — the place is the label's value
    places = [x for x in ctx.all_mentions if after <= x.start < b and x.entity.cls in REGION | {"Institution"}]
    # the innermost of the adjacent places right after the verb (a venue wins over its town)
    chain = []
    for x in places:
        if (not chain and x.start - after <= 1) or (chain and x.start == chain[-1].end and not tagger_only(x)):
            chain.append(x)  # (…乡昆仑山脚下: a landmark the tagger found is no place inside the town)
    venue = [x for x in places if chain and x.start == chain[0].start and x.entity.cls == "Institution"]
    if venue:
        chain = venue
    if not chain:
        return
    place = chain[-1].entity
    # (a park settles or lies in a place too: X产业园落户Y村 — but no county lies where a verb puts it)
    # (a regiment, town or village right before the verb lies where it says too: X团地处Y市)
    subj = [x for x in ms if a <= x.start and x.end <= pos and not _parenthetical(ctx, x, pos)
            and (x.entity.cls not in REGION | {"Person", "Cadre"}
                 or x.entity.cls in ("DevelopmentZone", "XPCCUnit", "Township", "Village")
                 and x.entity is not place and x.end == pos)]
    if subj:
        yield subj[-1].entity, "locatedIn", place
        return
    opener = _sentence_opener(ctx, a) if re.fullmatch(r"(?:(?:该|本|此)?(?:项目|工程))?", ctx.text(a, pos)) \
        and hit.group() in ("位于", "地处", "坐落在", "坐落于", "落户", "落地", "建在", "建于", "选址", "设在", "设于") \
        and a > ctx.start else None
    if opener is not None and opener.entity is not place:
        # P(…)属于D援建项目，位于R; P总投资N元，(项目)选址R; 去年竣工的P，地处R: a clause with no subject
        # (or only 项目) goes on about the one the sentence opens with
        yield opener.entity, "locatedIn", place
        return
    if topic is not None and (re.match(r"^(?:该|本|此)?(?:项目|工程|活动|仪式|会议|展会|培训班)", ctx.text(a, pos))
                              or re.fullmatch(r"(?:建设|实施|项目|所在|举办|活动)", ctx.text(a, pos))
                              and hit.group()[-1] in "：:"):
        yield topic, "locatedIn", place  # 项目坐落在R; 建设地点：R
        return
    if topic is not None and topic.cls == "Project" and not ctx.text(a, pos) and hit.group() in ("落户", "落地", "位于") \
            and not any(x.entity.cls == "Project" for x in ms) \
            and re.match(r"^(?:由|总投资|计划投资|项目总投资)", ctx.sentence.lstrip("，, ")):
        # (heading: P) 由E投资建设，落户R: a sentence without a subject of its own goes on about the topic
        yield topic, "locatedIn", place
        return
    # 坐落在R…的X
    rest = ctx.text(chain[-1].end, b)
    k = rest.find("的")
    if k >= 0:
        head = [x for x in ms if x.start >= chain[-1].end + k + 1 and x.end <= b
                and x.entity.cls not in REGION | {"Person", "Cadre"}]
        # 位于R(境内)的S: a regiment, town or village right after 的 lies in R too
        if re.fullmatch(r"(?:境内|辖区内|境|内)?的", rest[:k + 1]):
            head = [x for x in ms if x.start == chain[-1].end + k + 1 and x.entity.cls in
                    ("XPCCUnit", "Township", "Village", "DevelopmentZone") and x.entity is not place] or head
        if head:
            yield head[0].entity, "locatedIn", place


# what may open a sentence before its subject: a date, a time word, an ordinal heading
_OPENING = re.compile(r"(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]|[\d年月日号]+|目前|如今|其中|此外|同时|今年|去年|近年来|[，,\s])*")
# …and a description of it ending with 的 (去年竣工的P, 江苏援建的P)
_DESCRIBED_OPENING = re.compile(_OPENING.pattern + r"[^，,。；;：:“”\s]{1,16}的")
_SUBJECT_KINDS = ("Project", "DevelopmentZone", "Institution", "Enterprise")


def _sentence_opener(ctx: Ctx, a: int):
    """The project, park, institution or firm a sentence opens with, when the clauses before `a`
    are about it alone: only a date or a description (…的) before it, nothing joined to it (P和Q,
    P的员工), no other place or body between it and `a` but the provinces, prefectures and counties
    that say where or who (P属于江苏援建项目)."""
    ms = ctx.ms
    first = next((x for x in ms if x.end <= a and x.entity.cls in _SUBJECT_KINDS), None)
    if first is None or is_event(first.entity):
        return None
    before = ctx.text(ctx.start, span_start(first))
    if not (_OPENING.fullmatch(before) or _DESCRIBED_OPENING.fullmatch(before)):
        return None
    if any(x.entity.cls in _SUBJECT_KINDS for x in ms if x.end <= span_start(first)):
        return None
    for y in [x for x in ms if first.end <= span_start(x) and x.end <= a and x.entity.cls in _SUBJECT_KINDS]:
        if re.fullmatch(r"[^，,。；;：:“”]*的[“\"「]?", ctx.text(first.end, span_start(y))):
            first = y   # E投资建设的P，位于R: the one the description is of
        else:
            break
    if is_event(first.entity):
        return None
    if re.match(r"[的与和、及]", ctx.text(first.end, first.end + 1)):
        return None
    if any(x.entity.cls in REGION | ORG for x in ms if first.end <= span_start(x) and x.end <= a
           and x.entity.cls not in ("Province", "Prefecture", "County")):
        return None
    return first


def _epithet_after(ctx: Ctx, pos: int) -> int | None:
    """Where a place would start after one short noun the tagger reads as a word of its own and no
    name covers (冰城, 首府, 省会 before the city): the epithet then the place."""
    word = next((t for t in ctx.doc.tokens[ctx.sent] if t.start == pos), None)
    if word is None or word.tag not in ("n", "LOC", "nz") or not 2 <= len(word.text) <= 3 \
            or any(x.start < word.end and pos < x.end for x in ctx.all_mentions):
        return None
    return word.end


def _parenthetical(ctx: Ctx, x, pos: int) -> bool:
    """Whether a mention stands in brackets closed before `pos` (X项目（A、B）位于: A is no subject)."""
    head = ctx.text(ctx.start, x.start)
    opened = max(head.rfind("("), head.rfind("（"))
    return opened > max(head.rfind(")"), head.rfind("）")) and re.search(r"[)）]", ctx.text(x.end, pos)) is not None


_OTHER_ITEMS = re.compile(r"^(?:、[\u4e00-\u9fff]{1,6})*(?:、|和|及|与)$")


@rule("from-place", FAMILY, r"来自", scope="outside-names", examples={
    "来自苏州的恒达纺织科技有限公司、白杨电子、天宇制药等10家企业参加推介会。": [
        ("恒达纺织科技有限公司", "locatedIn", "苏州市"), ("白杨电子", "locatedIn", "苏州市"), ("天宇制药", "locatedIn", "苏州市")],
}, counter=("援疆干部来自苏州，恒达纺织科技有限公司随后参加推介会。",))
def from_place(ctx: Ctx, hit: re.Match):
    """来自R的E、F等N家企业: firms and bodies said to come from a place are based there (items the
    recogniser did not take may stand between them)."""
    after = ctx.at(hit.end())
    _, b = clause_of(ctx, after)
    place = next((x for x in ctx.ms if span_start(x) == after and x.entity.cls in REGION), None)
    if place is None or ctx.text(place.end, place.end + 1) != "的":
        return
    pos = place.end + 1
    for x in ctx.ms:
        if x.start < pos or x.end > b:
            continue
        if x.entity.cls not in ORG or not (x.start == pos or _OTHER_ITEMS.match(ctx.text(pos, x.start))):
            break
        yield x.entity, "locatedIn", place.entity
        pos = x.end


@rule("genitive", FAMILY, r"{built_in_place_verbs}?的", scope="text", examples={
    "江苏助力乌恰县打造的白杨沟生态廊道成为网红景点。": [("白杨沟生态廊道", "locatedIn", "乌恰县")],  # R打造的P
    "白沙镇的苏黔电子扶贫车间由苏州甬晟电子有限公司投资建设，总投资300万元。": [("苏黔电子扶贫车间", "locatedIn", "白沙镇")],
    "在山南市，湖南省对口支援的隆子县新建的高原蔬菜产业园3月初投入使用。该产业园由湖南援藏资金全额投入3800万元建设。": [("高原蔬菜产业园", "locatedIn", "隆子县")],  # R新建的P
    "阿图什市的恒达纺织厂扩大生产。": [("恒达纺织厂", "locatedIn", "阿图什市")],
    "阿图什市的恒达纺织厂新增就业岗位300个。": [("恒达纺织厂", "locatedIn", "阿图什市")],
    "阿图什经济技术开发区的城东纺织产业园正在兴建。": [("城东纺织产业园", "locatedIn", "阿图什经济技术开发区")],  # a park of a zone
    "阿图什市的白杨经济开发区正在兴建。": [("白杨经济开发区", "locatedIn", "阿图什市")],
    "阿图什市利用援疆资金建设的恒达幼儿园已投入使用。": [("恒达幼儿园", "locatedIn", "阿图什市")],  # its own spending between
    "乌恰县境内的恒达幼儿园已投入使用。": [("恒达幼儿园", "locatedIn", "乌恰县")],
    "阿图什市的恒达纺织厂、红柳电子厂和青松食品厂扩大生产。": [   # the items listed with it
        ("恒达纺织厂", "locatedIn", "阿图什市"), ("红柳电子厂", "locatedIn", "阿图什市"), ("青松食品厂", "locatedIn", "阿图什市")],
    "苏州市的恒达纺织厂和阿图什市红柳电子厂签约。": [("恒达纺织厂", "locatedIn", "苏州市")],  # 和 alone: a partner
}, counter=("援疆资金为阿图什市的恒达纺织厂解了难。",
            "常州市对口支援阿图什市。常州市利用援疆资金建设的恒达幼儿园已投入使用。"))   # a donor's building
def genitive(ctx: Ctx, hit: re.Match):
    """R的P: a place's project, school or firm (阿图什市的恒达纺织厂), a zone's park; R新建/打造的P:
    what it builds (not 为R…, 到R…: a beneficiary or a destination)."""
    pos = ctx.at(hit.start())
    place = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION - {"Province"}]
    if not place and hit.group() == "的":
        # R境内的P, R辖区内的P, R城区的P: inside the place
        inner = re.search(r"(?:境内|辖区内|辖区|城区|市区|县城)$", ctx.text(ctx.start, pos))
        if inner:
            place = [x for x in ctx.ms if x.end == pos - len(inner.group()) and x.entity.cls in REGION - {"Province"}]
    if not place and hit.group() != "的":
        # R利用援疆资金建设的P, R投入帮扶资金N元新建的P: the place spends money of its own on it
        # (not a place that gives: one the article writes as a donor)
        place = [x for x in ctx.ms if x.end < pos and x.entity.cls in _LOCAL
                 and _OWN_FUNDS.fullmatch(ctx.text(x.end, pos)) and not donor_in_article(ctx, x.entity)]
    thing = [x for x in ctx.ms if x.start == ctx.at(hit.end()) and (
        x.entity.cls in ("Project", "Institution", "Enterprise", "DevelopmentZone"))]
    if place and thing and not ctx.text(place[0].start - 2, place[0].start).endswith(("为", "给", "向", "到", "赴")):
        yield thing[0].entity, "locatedIn", place[0].entity
        # R的P1、P2和P3: the items listed with it (和/及 only after a 、: 的P和Q alone may be a partner)
        listed, commas = [thing[0]], 0
        for x in ctx.ms:
            if x.start < listed[-1].end:
                continue
            gap = ctx.text(listed[-1].end, x.start)
            if x.entity.cls not in ("Project", "Institution", "Enterprise", "DevelopmentZone") or is_event(x.entity) \
                    or not (gap == "、" or commas and gap in ("和", "及", "以及")):
                break
            commas += gap == "、"
            listed.append(x)
            yield x.entity, "locatedIn", place[0].entity


# the money a place spends on what it builds, between the place and the verb
_OWN_FUNDS = re.compile(r"(?:(?:利用|依托|借助|用好|使用|统筹|整合|投入|投资)(?:" + aid_marker().pattern
                        + r"|东西部协作|对口帮扶|帮扶|协作|上级|各类)?(?:资金)?(?:[\d.]+[万亿]?元)?(?:资金)?)")


@rule("firm-of-place", FAMILY, r"的?(?:龙头|民营|国有|骨干|本地|当地|重点)?企业", scope="outside-names", examples={
    "阿图什市龙头企业恒达纺织科技有限公司扩大产能。": [("恒达纺织科技有限公司", "locatedIn", "阿图什市")],
    "余杭区企业杭州禾丰贸易有限公司入驻园区，投资建设的年产5万吨饲料项目已投产。": [
        ("杭州禾丰贸易有限公司", "locatedIn", "余杭区")],
    "项目由萧山区的龙头企业杭州明远食品有限公司与乌什县果业合作社共同运营。": [
        ("杭州明远食品有限公司", "locatedIn", "萧山区")],
})
def firm_of_place(ctx: Ctx, hit: re.Match):
    """R企业E, R的龙头企业E: a firm introduced as a place's enterprise is in that place."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    place = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION - {"Province"}
             and not x.source.startswith("coref")]  # 我市企业: only as sure as the 我市
    firm = [x for x in ctx.ms if x.start == after and x.entity.cls == "Enterprise"]
    if place and firm:
        yield firm[0].entity, "locatedIn", place[0].entity


@rule("inside", FAMILY, r"内[，,]?", scope="text", examples={
    "在阿图什市人民医院内，远程会诊中心建设项目已投入使用。": [
        ("远程会诊中心建设项目", "locatedIn", "阿图什市人民医院")],
    "走进阿图什市苏克产业园内的恒达纺织厂，机器轰鸣。": [("恒达纺织厂", "locatedIn", "阿图什市苏克产业园")],
}, counter=(
    "阿图什市苏克产业园内企业达到20家，恒达纺织厂是其中之一。",   # 内 closes a noun phrase: no place for the firm
))
def inside(ctx: Ctx, hit: re.Match):
    """X内，P / 在X内的P: the project takes place inside an institution or place; X内的E: the firm,
    school or project written right after lies in X."""
    pos = ctx.at(hit.start())
    host = [x for x in ctx.ms if x.end == pos and x.entity.cls in ORG | REGION]
    if not host:
        return
    if ctx.text(pos + 1, pos + 2) == "的":
        held = next((x for x in ctx.ms if x.start == pos + 2), None)
        if held is not None and held.entity.cls in ("Project", "Institution", "Enterprise", "DevelopmentZone"):
            yield held.entity, "locatedIn", host[0].entity
        return
    for x in ctx.ms:
        if x.start >= pos and x.entity.cls == "Project":
            yield x.entity, "locatedIn", host[0].entity
            return


_LIST_GAP = re.compile(r"^(?:、|和|及|与|以及|、以及)$")
_UNDER = re.compile(r"的|(?:下辖|所辖|辖区内|境内)的?")
_DESCRIBED = re.compile(r"[^，,。；;、：:“”\s]{2,12}的")
# words that relate two places instead of describing one: R援建的X村 is not in R
_RELATING = re.compile(r"援|帮扶|支援|结对|对口|协作|合作|投资|投入|捐|资助|引进|派|建设|建成|打造|共建|与|和|到|赴|在")
_LIST_CLOSE = re.compile(r"^等(?:[\d一二三四五六七八九十两几多余]+个?)?$")
_UNIT_WORD = re.compile(r"^(?:所辖|下辖)?(?:[\d一二三四五六七八九十两几多余]+个?)?(?:县域|县市|县区|区县|市县|县|区|乡镇|乡|镇|村|团场)")


@rule("place-list", FAMILY, examples={
    "江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市、阿克陶县和乌恰县。": [
        ("阿克陶县", "locatedIn", "克孜勒苏柯尔克孜自治州"), ("乌恰县", "locatedIn", "克孜勒苏柯尔克孜自治州")],
    "援疆干部走遍了喀什地区的疏附县、伽师县和岳普湖县。": [
        ("疏附县", "locatedIn", "喀什地区"), ("伽师县", "locatedIn", "喀什地区"), ("岳普湖县", "locatedIn", "喀什地区")],
    "工作队先后来到温宿县、乌什县等5个阿克苏地区县市调研。": [
        ("温宿县", "locatedIn", "阿克苏地区"), ("乌什县", "locatedIn", "阿克苏地区")],
    "第三师四十四团、四十五团的职工参加培训。": [("四十五团", "partOf", "第三师")],
    "乌恰县经济条件较好的白杨沟乡、红柳乡和托云乡三个乡率先脱贫。": [
        ("白杨沟乡", "locatedIn", "乌恰县"), ("红柳乡", "locatedIn", "乌恰县"), ("托云乡", "locatedIn", "乌恰县")],
    "乌恰县下辖的白杨沟乡、红柳乡都通了公交。": [
        ("白杨沟乡", "locatedIn", "乌恰县"), ("红柳乡", "locatedIn", "乌恰县")],
    "援疆资金惠及吉根乡的阿克墩村、青松村和红柳村。": [   # villages of a town, unknown to the reference data
        ("阿克墩村", "locatedIn", "吉根乡"), ("青松村", "locatedIn", "吉根乡"), ("红柳村", "locatedIn", "吉根乡")],
}, counter=(
    "江苏省的阿图什市、阿克陶县援疆干部座谈。",    # the reference data puts neither in 江苏省
    "喀什地区、和田地区的援疆项目进展顺利。",      # two prefectures side by side: neither holds the other
    "江苏省对口帮扶的白杨村、红柳村通了公路。",    # a place that aids the villages does not hold them
    "青松村的阿克墩乡、红柳乡通了公路。",          # a village holds no town
))
def place_list(ctx: Ctx):
    """A place, then places coordinated under it: R1R2、R3和R4 (R3 and R4 in R1 like R2), R的R2、R3,
    R2、R3等N个R县市. The reference data must agree that each lies in R when it knows both."""
    ms = ctx.ms
    for i, m in enumerate(ms):
        if m.entity.cls not in REGION:
            continue
        group = [m]
        for x in ms[i + 1:]:
            if x.entity.cls not in REGION or not _LIST_GAP.match(ctx.text(group[-1].end, span_start(x))):
                break
            group.append(x)
        chain = chain_of(m)
        if len(chain) >= 2:
            # R1R2、R3: the later items share R2's parent when they are places of R2's kind
            parent = chain[-2].entity
            for x in group[1:]:
                if len(chain_of(x)) == 1 and x.entity.cls == m.entity.cls:
                    yield from _in(x.entity, parent)
        gap = ctx.text(ms[i - 1].end, span_start(m)) if i else ""
        link = _UNDER.fullmatch(gap) or (_DESCRIBED.fullmatch(gap) and not _RELATING.search(gap))
        if i and link and len(chain) == 1 and ms[i - 1].entity.cls in REGION \
                and (i < 2 or not _LIST_GAP.match(ctx.text(ms[i - 2].end, span_start(ms[i - 1])))):
            # R的R2、R3 (the reference data must agree); R下辖R2、R3 (it must not disagree);
            # R经济实力较强的X、Y和Z四镇 (towns of R, described: it must not disagree)
            parent = ms[i - 1].entity
            for x in group:
                if lies_inside(x.entity, parent) or (gap != "的" and _UNDER.fullmatch(gap) and x.entity.cls != "Province") \
                        or (_DESCRIBED.fullmatch(gap) and x.entity.cls in ("Township", "Village")
                            and parent.cls in ("County", "Prefecture", "XPCCUnit")) \
                        or (gap == "的" and x.entity.cls in ("Township", "Village") and lies_inside(x.entity, parent) is None
                            and parent.cls in ("County", "Township", "XPCCUnit") and _LEVEL_BELOW[parent.cls] >= {x.entity.cls}):
                    # (X乡的A村、B村: towns and villages the reference data does not know, of a place above them)
                    yield from _in(x.entity, parent)
        j = i + len(group)
        if (i == 0 or not _LIST_GAP.match(ctx.text(ms[i - 1].end, span_start(m)))) and j < len(ms) \
                and ms[j].entity.cls in REGION and _LIST_CLOSE.match(ctx.text(group[-1].end, span_start(ms[j]))) \
                and _UNIT_WORD.match(ctx.text(ms[j].end, ms[j].end + 6)):
            # R2、R3等N个R县市
            for x in group:
                if lies_inside(x.entity, ms[j].entity):
                    yield from _in(x.entity, ms[j].entity)


# the kinds of place that lie below a county, a town or a regiment
_LEVEL_BELOW = {"County": {"Township", "Village"}, "Township": {"Village"}, "XPCCUnit": {"Township", "Village"}}


def _in(child, parent):
    if lies_inside(child, parent) is False or child is parent:
        return
    yield child, hierarchy_predicate(child, parent), parent




@rule("founded-in", FAMILY, r"(?:注册成立|注册|成立|组建|设立|新设)了?", examples={
    "恒达集团在乌恰县注册成立新疆恒达建材有限公司。": [("新疆恒达建材有限公司", "locatedIn", "乌恰县")],
    "援疆指挥部引进企业，注册成立新疆白杨药业有限公司，在乌恰县建厂投产。": [
        ("新疆白杨药业有限公司", "locatedIn", "乌恰县")],
}, counter=(
    "新疆白杨药业有限公司成立于2010年，在乌恰县投资建设药材基地。",  # an old firm investing, not founded there
))
def founded_in(ctx: Ctx, hit: re.Match):
    """在R注册成立E; 注册成立E，在R建厂投产: a firm founded in a place, or founded and then set up
    in one, has its seat there."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    firm = next((x for x in ctx.ms if x.start == after and x.entity.cls in ("Enterprise", "Institution")), None)
    if firm is None:
        return
    a, b = clause_of(ctx, pos)
    here = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos and x.entity.cls in REGION
            and ctx.text(span_start(x) - 1, span_start(x)) == "在"
            and re.fullmatch(r"(?:正式|新|依法|共同|合资)?", ctx.text(x.end, pos))]
    if here:
        yield firm.entity, "locatedIn", here[-1].entity
        return
    if firm.end != b or ctx.text(b, b + 1) not in ("，", ","):
        return
    c, d = clause_of(ctx, b + 1)
    m = re.match(r"^(?:并|随后|同时)?在", ctx.text(c, d))
    place = next((x for x in ctx.ms if m and span_start(x) == c + m.end() and x.entity.cls in REGION), None)
    if place is not None and re.match(r"^(?:建厂|设厂|投产|落户|落地|开工|生产|办厂|建设厂房)", ctx.text(place.end, d)):
        yield firm.entity, "locatedIn", place.entity


# 向R投入N元，实施/建设P: the verb of the clause after the money
_BUILDS_AT = re.compile(expand(r"^(?:并|主要|重点|先后|共|累计|全部|用于|用来)*{build_verbs}了?"))


@rule("money-to-place-builds", FAMILY, r"(?:向|为|给)囗+(?:累计|共|先后|再|新)?(?:投入|投资|拨付|安排|援助|捐赠|注入)", examples={
    "三年来江苏累计向乌恰县投入2亿元，实施恒达物流园、白杨沟文旅开发等5个项目。": [
        ("恒达物流园", "locatedIn", "乌恰县")],
}, counter=(
    "江苏向乌恰县投入2亿元，苏州市实施恒达物流园项目。",   # the builder is named: no claim on where
))
def money_to_place_builds(ctx: Ctx, hit: re.Match):
    """向R投入N元，实施/建设/新建P、Q…: what the money given to a place builds lies in that place."""
    pos = ctx.at(hit.start())
    place = next((x for x in ctx.ms if span_start(x) == pos + 1 and x.entity.cls in REGION), None)
    if place is None:
        return
    _, b = clause_of(ctx, pos)
    if ctx.text(b, b + 1) not in ("，", ","):
        return
    c, d = clause_of(ctx, b + 1)
    v = _BUILDS_AT.match(ctx.text(c, d))
    if not v:
        return
    pos = c + v.end()
    for x in ctx.ms:
        if x.start < pos or x.end > d:
            continue
        if x.entity.cls not in ("Project", "Institution", "DevelopmentZone") \
                or not re.fullmatch(r"[“\"「‘]?|[”\"」’]?(?:、|和|及|与)[“\"「‘]?", ctx.text(pos, x.start)):
            break
        yield x.entity, "locatedIn", place.entity
        pos = x.end


_PLACE_BUILDS = re.compile(r"^(?:今年|去年|近年来|近年|先后|累计|已经|已|还|共|又|正在|正|将|积极|大力|全力|着力|重点|集中|新"
                           r"|(?:投资|投入|筹资|筹集|整合|统筹)(?:" + aid_marker().pattern + r"|东西部协作|对口帮扶|帮扶|协作)?(?:资金)?[\d.,，]+[万亿]?元(?:资金)?(?:用于|，|,)?"
                           r"|(?:利用|依托|借助|用好|统筹|整合)(?:" + aid_marker().pattern + r"|东西部协作|对口帮扶|帮扶|协作|上级|各类)?资金"
                           r"(?:[\d.]+[万亿]?元)?(?:用于|，|,)?)*$")
_LOCAL = {"Prefecture", "County", "Township", "Village", "XPCCUnit"}


@rule("place-builds", FAMILY, r"(?:新建|兴建|修建|建成|建起|打造|建设|实施|启动)了?(?=囗)", examples={
    "近年来，乌恰县新建了青松工业园区和恒达职业技术学校。": [
        ("青松工业园区", "locatedIn", "乌恰县"), ("恒达职业技术学校", "locatedIn", "乌恰县")],
    # a sentence that goes on about the place: the clause of the verb has no subject of its own
    "近年来，乌恰县打破传统思维，一手抓生态治理，一手抓经济发展，打造青松工业园区。": [
        ("青松工业园区", "locatedIn", "乌恰县")],
    "2023年，乌恰县投资3000万元建设青松学校。": [("青松学校", "locatedIn", "乌恰县")],  # the money said between
    "乌恰县投入援疆资金2000万元，实施青松安居工程。": [("青松安居工程", "locatedIn", "乌恰县")],  # aid money of its own to spend
    "今年，乌恰县实施了青松安居工程和红柳饮水工程。": [
        ("青松安居工程", "locatedIn", "乌恰县"), ("红柳饮水工程", "locatedIn", "乌恰县")],
    "乌恰县利用援疆资金2000万元新建青松学校。": [("青松学校", "locatedIn", "乌恰县")],
    "今年，乌恰县吉根乡新建了青松学校。": [("青松学校", "locatedIn", "吉根乡")],   # a chain of places: the innermost
    # the place a donor aids, opening the sentence: what the later clause builds lies in it
    "近年来，江苏省援建乌恰县，先后建成青松学校、白杨医院等项目。": [
        ("青松学校", "locatedIn", "乌恰县"), ("白杨医院", "locatedIn", "乌恰县")],
}, counter=(
    "江苏省援建乌恰县和阿图什市，先后建成青松学校、白杨医院。",          # two places aided: no claim
    "常州市对口支援乌恰县。常州市投入援疆资金2000万元，实施青松安居工程。",   # a donor spends where it aids
    "江苏省援疆指挥部对口支援乌恰县。江苏省新建了青松工业园区。",   # a donor builds elsewhere
    "乌恰县与白杨县共同打造青松工业园区。",                           # two places: no claim
    "在乌恰县，恒达公司建成青松工业园区。",                           # the firm builds (built-in says where)
))
def place_builds(ctx: Ctx, hit: re.Match):
    """R(近年来/先后…)新建/打造/建成P、Q: what a county, town or division builds itself lies in it
    (not a donor's building: it builds in the place it aids)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    aided_place = None
    if before:
        subj = before[0]
        chain = chain_of(subj)   # (乌恰县吉根乡青松村新建了P: one chain of places is one subject)
        if len(before) > len(chain) or any(x not in chain for x in before) \
                or ctx.text(a, span_start(subj)).strip("，, ") not in ("", "近年来", "今年", "去年", "目前") \
                or not _PLACE_BUILDS.match(ctx.text(chain[-1].end, pos)):
            return
        place = chain[-1].entity
    else:
        if not re.fullmatch(r"(?:" + words("continuers") + r")?(?:先后|累计|共|又|新|陆续)*", ctx.text(a, pos)):
            return
        first = ctx.ms[0] if ctx.ms else None
        if first is None or first.end > a or ctx.text(ctx.start, span_start(first)).strip("，, ") not in ("", "近年来", "今年", "去年", "目前"):
            return
        aided = _aided_place(ctx, first, a)
        if aided is not None:
            place = aided_place = aided   # D援建R(以来)，(先后)建成P: what the aid builds lies in the place aided
        else:
            if any(x.entity.cls in ORG | {"Person", "Cadre"} for x in ctx.ms if x.end <= a):
                return
            place = chain_of(first)[-1].entity
            if any(x.entity.cls in REGION and x is not first for x in ctx.ms if x.end <= a):
                return  # (another place named before: whose building it is is no longer plain)
    if place.cls not in _LOCAL or donor_in_article(ctx, place) and place is not aided_place:
        return
    pos = after
    for x in ctx.ms:
        if x.start < pos or x.end > b:
            continue
        if x.entity.cls not in ("Project", "DevelopmentZone", "Institution") or is_event(x.entity) \
                or not re.fullmatch(r"[“\"「‘]?|[”\"」’]?(?:、|和|及|与)[“\"「‘]?", ctx.text(pos, x.start)):
            break
        yield x.entity, "locatedIn", place
        pos = x.end


def _aided_place(ctx: Ctx, first, a: int):
    """D对口支援/援建/帮扶R(以来)，… opening the sentence: R, the one place named after the verb
    before the clause at `a` (a town or regiment of it: the innermost of its chain)."""
    m = re.match(r"(?:" + words("pair_verbs") + r")", ctx.text(first.end, a).lstrip("市县省区"))
    if m is None or first.entity.cls not in REGION | ORG:
        return None
    after = [x for x in ctx.ms if first.end < span_start(x) and x.end <= a]
    places = [x for x in after if x.entity.cls in _LOCAL]
    if not places or len(after) != len(chain_of(places[0])) or span_start(places[0]) - first.end > len(m.group()) + 1:
        return None
    return chain_of(places[0])[-1].entity


@rule("project-of-aided-place", FAMILY, r"(?:是|为|系)囗+(?:{pair_verbs})(?P<to>囗+)的", examples={
    "青松学校是常州市援建阿合奇县的重点项目。": [("青松学校", "locatedIn", "阿合奇县")],
    "白杨医院为江苏省对口支援乌恰县的民生工程之一。": [("白杨医院", "locatedIn", "乌恰县")],
}, counter=(
    "常州市是江苏省对口支援阿合奇县的城市之一。",      # a place is no project
    "青松学校是常州市援建阿合奇县和乌恰县的项目。",     # two places aided: no claim
))
def project_of_aided_place(ctx: Ctx, hit: re.Match):
    """P是D援建/对口支援R的(重点)项目/工程: the project the clause is about lies in the place aided."""
    pos, to = ctx.at(hit.start()), ctx.at(hit.start("to"))
    a, b = clause_of(ctx, pos)
    head = ctx.text(ctx.at(hit.end()), b)
    if not re.match(r"(?:重点|重大|民生|标志性|示范|首批|第一个|又一)?(?:项目|工程|民生工程|示范项目|援建项目|援疆项目|援藏项目)", head):
        return
    subj = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    places = [x for x in ctx.ms if to <= span_start(x) and x.end <= ctx.at(hit.end("to"))]
    if len(subj) != 1 or subj[0].entity.cls not in ("Project", "Institution", "DevelopmentZone") \
            or not places or len(places) != len(chain_of(places[0])) or places[0].entity.cls not in REGION:
        return
    yield subj[0].entity, "locatedIn", chain_of(places[0])[-1].entity


@rule("set-up-in", FAMILY, r"在囗+(?:境内)?(?:正式)?(?:注册成立|挂牌成立|成立|注册|建成投产|建成投用|建成|投产|开业)了?(?=[，,。；;！]|$)", examples={
    "投资5000万元的恒达建材有限公司去年10月在乌恰县建成投产。": [("恒达建材有限公司", "locatedIn", "乌恰县")],
    "白杨电子科技有限公司于2019年在阿图什市注册成立，主营电子元件。": [("白杨电子科技有限公司", "locatedIn", "阿图什市")],
    "苏州援建的恒达纺织厂在乌恰县吉根乡建成投用。": [("恒达纺织厂", "locatedIn", "吉根乡")],

}, counter=(
    "恒达建材有限公司投资的水泥项目在乌恰县建成投产。",   # the project is what is built
    "恒达食品有限公司去年在乌恰县落地，投资1亿元建起饲料项目。",   # a firm that settles to invest: its project is there
))
def set_up_in(ctx: Ctx, hit: re.Match):
    """E(…)在R成立/注册/建成投产/开业: a firm set up in a place, with nothing else as the subject, is
    based there."""
    pos = ctx.at(hit.start())
    place = next((x for x in ctx.ms if span_start(x) == pos + 1 and x.entity.cls in REGION), None)
    if place is None:
        return
    a, _ = clause_of(ctx, pos)
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    if before and before[-1].entity.cls == "Enterprise" and re.fullmatch(r"[^，,。；;的]{0,14}", ctx.text(before[-1].end, pos)):
        yield before[-1].entity, "locatedIn", place.entity


_LEVEL_HEAD = {"市": ("Prefecture", "County"), "县": ("County",), "州": ("Prefecture",), "师": ("XPCCUnit",)}


@rule("level-head", FAMILY, examples={
    "援疆干部助力阿图什市教育发展，先后参与市技工学校、市第二小学等学校建设。": [
        ("市技工学校", "locatedIn", "阿图什市"), ("市第二小学", "locatedIn", "阿图什市")],
    "乌恰县今年改造了县人民医院门诊楼。": [
        ("县人民医院门诊楼", "locatedIn", "乌恰县"), ("县人民医院", "locatedIn", "乌恰县")],
}, counter=(
    "苏州市援疆干部到市第二小学调研。",     # the donor named before: no 市 of the story's place
    "市第二小学迎来新学期，阿图什市教育局派员视察。",   # no place of that level before it
))
def level_head(ctx: Ctx):
    """市X学校, 县X医院: a school, hospital or project named by the bare level word of a place lies
    in the place of that level named before it in the sentence (阿图什市…市第二小学) — not when that
    place is a donor (苏州市援疆干部)."""
    for m in ctx.names:
        if m.entity.cls not in ("Institution", "Project"):
            continue
        kinds = _LEVEL_HEAD.get(ctx.text(m.start, m.start + 1))
        if kinds is None or any(x.start == m.start and x.entity.cls in REGION for x in ctx.all_mentions):
            continue
        level = ctx.text(m.start, m.start + 1)
        before = [x for x in ctx.all_mentions if x.end <= m.start and x.entity.cls in kinds and x.entity.label.endswith(level)]
        if before and not re.match(r"(?:援|对口|帮扶)", ctx.text(before[-1].end, before[-1].end + 2)):
            yield m.entity, "locatedIn", before[-1].entity


@rule("place-heading", FAMILY, r"^\s*囗+[：:]", examples={
    "乌恰县：青松安居工程全面竣工": [("青松安居工程", "locatedIn", "乌恰县")],
    "乌恰县吉根乡：恒达幼儿园投入使用": [("恒达幼儿园", "locatedIn", "吉根乡")],
}, counter=(
    "江苏：青松安居工程全面竣工",                                   # a province heads what it gives
    "常州市对口支援乌恰县。常州市：青松安居工程全面竣工",           # a donor heads what it gives
    "乌恰县：阿图什市青松安居工程全面竣工",                          # a place of its own
))
def place_heading(ctx: Ctx, hit: re.Match):
    """R：P…: a heading or lead that opens with a county, town or regiment and a colon (乌恰县：P
    全面竣工) tells where the project it goes on about lies — not a province or a donor (who gives)."""
    colon = ctx.at(hit.end()) - 1
    head = [x for x in ctx.ms if x.end <= colon]
    if len(head) != 1 or head[-1].end != colon or head[-1].entity.cls not in REGION:
        return
    place = chain_of(head[-1])[-1].entity
    if place.cls not in _LOCAL or donor_in_article(ctx, place):
        return
    first = next((x for x in ctx.ms if x.start > colon), None)
    if first is None or first.entity.cls not in ("Project", "Institution", "DevelopmentZone") or is_event(first.entity) \
            or not re.fullmatch(r"\s*[“\"「]?", ctx.text(colon + 1, span_start(first))) or apart(first.entity, place) \
            or any(x.entity.cls in REGION for x in ctx.all_mentions if first.start <= x.start and x.end <= first.end and x is not first):
        return  # (a name that holds a place of its own says where itself)
    yield first.entity, "locatedIn", place


@rule("built-for-place", FAMILY, r"为囗+(?:新建|建设|建成|援建|修建|兴建|捐建|建起)了?(?=[“\"「]?囗)", examples={
    "投入援疆资金3000万元，为乌恰县新建了恒达幼儿园。": [("恒达幼儿园", "locatedIn", "乌恰县")],
    "常州市为吉根乡援建了红柳卫生院和青松幼儿园。": [
        ("红柳卫生院", "locatedIn", "吉根乡"), ("青松幼儿园", "locatedIn", "吉根乡")],
}, counter=(
    "常州市为江苏省建设了恒达幼儿园。",                 # a province is no place one builds for this way
    "常州市为乌恰县和阿图什市新建了恒达幼儿园。",       # two places: which one?
))
def built_for_place(ctx: Ctx, hit: re.Match):
    """D为R新建/援建P、Q: what is built for a county, town, village or regiment lies in it."""
    pos = ctx.at(hit.start())
    place = next((x for x in ctx.ms if span_start(x) == pos + 1 and x.entity.cls in _LOCAL), None)
    if place is None:
        return
    verb = re.match(r"(?:新建|建设|建成|援建|修建|兴建|捐建|建起)了?", ctx.text(place.end, ctx.at(hit.end())))
    if verb is None or place.end + verb.end() != ctx.at(hit.end()):
        return   # (only the place between 为 and the verb)
    _, b = clause_of(ctx, pos)
    start = ctx.at(hit.end())
    for x in ctx.ms:
        if x.start < start or x.end > b:
            continue
        if x.entity.cls not in ("Project", "Institution", "DevelopmentZone") or is_event(x.entity) \
                or not re.fullmatch(r"[“\"「‘]?|[”\"」’]?(?:、|和|及|与)[“\"「‘]?", ctx.text(start, x.start)):
            break
        if not apart(x.entity, place.entity):
            yield x.entity, "locatedIn", chain_of(place)[-1].entity
        start = x.end
