"""investedIn and acquired: investors and their projects, target firms and regions; buyers."""
from __future__ import annotations

import re

from ..engine import (
    ORG,
    REGION,
    Ctx,
    clause_of,
    elided_subject,
    expand,
    in_name,
    left_group,
    respective_pairs,
    right_group,
    rule,
    span_start,
)
from ..places import region_by_abbreviation

FAMILY = "investment"

# 投资N元在当地建设X: the money builds something of its own, not the project named before
BUILDS_OTHER = re.compile(expand(r"{build_verbs}[^，,。；;的]"))
# (投资N元，)(在R)建成P: the next clause says what the money builds
_BUILDS_NEXT = re.compile(expand(r"^[，,](?:(?:在|于)[^，,。；;]{1,12}?)?(?:分[两二三四五六七八九十\d]+期|分期|先期)?(?:用于|{build_verbs})"))
# R引进E，(投资)建设P: what a firm brought in builds
_THEN_BUILDS = re.compile(expand(r"^[，,]?(?:并|还|主要|计划|拟|将)?(?:投资[^，,。；;]{0,10}?)?{build_verbs}"))
# the money's purpose said between a giving verb and the project: 出资N元援建的P, 出资N元资助P建设,
# 投入援藏资金N元建设P — a firm's gift or aid, not its capital (funding's, also read there)
AID_PURPOSE = re.compile(expand(r"援建|援助|资助|捐|无偿|{aid_marker}"))
# R一所小学, 一座大桥: a description of one thing counted, no project's name (the funding rules read it too)
INDEFINITE = re.compile(r"(?<![第十])[一两](?:所|座|家|处|批|栋)")
# a firm written as giving paired aid: 中石化对口支援班戈县, E援建…, E援藏工作组
_FIRM_AID = re.compile(expand(r"[^，,。；;]{0,12}?(?:对口支援|对口帮扶|对口援助|定点帮扶|援建)|{aid_marker}"))  # (matched at the name's end)


def aid_firm(ctx: Ctx, firm) -> bool:
    """The article writes the firm as a giver of paired aid (E…对口支援R, E援建, E援藏): the money it
    puts into a project there is aid, not capital. Read once per article and firm."""
    key = "aid-firm:" + firm.key
    if key not in ctx.state.donors:
        norm = ctx.doc.norm
        ctx.state.donors[key] = any(_FIRM_AID.match(norm, hit.end())
                                    for name in {firm.label, *firm.alt_labels} if len(name) >= 2
                                    for hit in re.finditer(re.escape(name), norm))
    return ctx.state.donors[key]


# E(将|拟|计划…)在R投资: the adverbs that may stand between the investor and the place
ADVERBS_AT = re.compile(r"(?:将|拟|计划|已|已经|还|也|又|再|正|正在|先后|相继|陆续|纷纷|率先|共同|准备|决定|于)*在")


# E P, “E”的P: nothing but a closing quote and 的 between a firm and its project
_OWNER_GAP = re.compile(r"[”」』\"]?的?|(?:计划|拟|预计|将)?(?:总投资|投资)(?:约|达|近|超)?[\d.]+\s*[万亿]?元(?:人民币)?的")


@rule("owner-project", FAMILY, examples={
    "新疆中泰集团年产30万吨聚氯乙烯项目开工。": [("新疆中泰集团", "investedIn", "年产30万吨聚氯乙烯项目")],
    "其中“白杨恒达电气有限公司”的配电开关控制设备制造项目总投资约1.2亿元，“青松农业科技有限公司”的核桃深加工项目总投资约3000万元。": [
        ("白杨恒达电气有限公司", "investedIn", "配电开关控制设备制造项目"),
        ("青松农业科技有限公司", "investedIn", "核桃深加工项目")],
    # its cost between the firm and its project
    "常州天合集团计划总投资3亿元的年产5万吨纱线项目已开工。": [("常州天合集团", "investedIn", "年产5万吨纱线项目")],
}, counter=(
    "常州天合集团的援建项目青松乡第二小学投入使用。",  # what a firm aids is no project it owns
    "常州天合集团捐资200万元的青松乡第二小学投入使用。",
))
def owner_project(ctx: Ctx):
    """E P / “E”的P: an enterprise right before a project it owns (E年产…项目, E 2×…机组, a firm's
    project listed as “E”的P总投资…, E计划总投资N元的P)."""
    for a, b in zip(ctx.ms, ctx.ms[1:]):
        if a.entity.cls == "Enterprise" and b.entity.cls == "Project" and _OWNER_GAP.fullmatch(ctx.text(a.end, b.start)) \
                and not AID_PURPOSE.search(ctx.text(a.end, b.end)):
            yield a.entity, "investedIn", b.entity


@rule("invest", FAMILY, r"投资建设|投资兴建|投资|投建|出资|签约|注资|入股", scope="outside-names",
      emits=("invest-in-place", "invest-in-region"), examples={
          "宁波甬兴鞋业集团投资建设的华东运动鞋服智造基地正在进行内部装修。": [("宁波甬兴鞋业集团", "investedIn", "华东运动鞋服智造基地")],  # a base named by a place
          "余姚市明辉电器有限公司在乌什县投资设立分厂，年内实现投产。": [("余姚市明辉电器有限公司", "investedIn", "乌什县", "invest-in-region")],
          "杭州禾丰贸易有限公司已在温宿县投资兴办加工厂。": [("杭州禾丰贸易有限公司", "investedIn", "温宿县", "invest-in-region")],
          "杭州翎羽服饰有限公司投资260万元，在青岭镇建成翎羽服饰就业帮扶车间，吸纳当地群众80人就业。": [("杭州翎羽服饰有限公司", "investedIn", "翎羽服饰就业帮扶车间")],  # an aid workshop named by its brand
          "5月8日，东莞锦程服饰集团有限公司并购皮山县丝路纺织有限公司签约仪式在皮山县举行。根据协议，锦程服饰出资8000万元收购丝路纺织70%股权，并在位于皮山县工业园区的原厂区投建锦程皮山智能服装产业园项目。": [("东莞锦程服饰集团有限公司", "investedIn", "锦程皮山智能服装产业园项目")],  # the elided subject of 并…投建 is the buyer
          "去年6月，宁波禾丰食品科技有限公司在昭觉县落地，投资8000万元建设荞麦深加工生产线。": [("宁波禾丰食品科技有限公司", "investedIn", "荞麦深加工生产线")],
          "宁波甬江文旅集团投资5000万元建设月湖文旅街区项目。由宁波禾川农业发展有限公司和海曙区农牧投资有限公司共同出资组建的宁波禾川食品有限公司已投产。": [("宁波甬江文旅集团", "investedIn", "月湖文旅街区项目")],
          "宁波甬江电子有限公司与望谟县签约，建设年产100万套智能终端项目。": [("宁波甬江电子有限公司", "investedIn", "年产100万套智能终端项目")],
          "盘锦禾牧牧业有限公司投资1.5亿元在128团投建的年出栏8万只肉羊养殖基地正在建设。": [("盘锦禾牧牧业有限公司", "investedIn", "年出栏8万只肉羊养殖基地")],  # a name led by its capacity
          "2025年5月6日，澜海能源集团股份有限公司（以下简称“澜海能源”或“公司”）与阿克苏经济开发区管理委员会在阿克苏举行签约仪式。三方约定共同投资建设澜海阿克苏储能装备制造基地项目，项目总投资12亿元。根据协议，公司将通过全资子公司澜海储能（阿克苏）有限公司出资7亿元，杭州之江产业投资基金（有限合伙）注资2亿元。": [("澜海能源集团股份有限公司", "investedIn", "澜海阿克苏储能装备制造基地项目"), ("澜海储能（阿克苏）有限公司", "investedIn", "澜海阿克苏储能装备制造基地项目"), ("杭州之江产业投资基金（有限合伙）", "investedIn", "澜海阿克苏储能装备制造基地项目")],  # shares of the project just named; investing through a subsidiary
          "6月18日，华澜控股集团股份有限公司（以下简称“华澜集团”）新能源装备制造基地项目签约仪式在喀什经济开发区举行。根据协议，华澜集团将通过全资子公司华澜新能源（喀什）有限公司投资18亿元，建设华澜喀什新能源装备制造基地项目。同时，华澜集团还将控股收购南疆铝型材有限公司，并与喀什昆仑纺织有限公司合资建设高端面料车间，总投资5000万元。": [("华澜控股集团股份有限公司", "investedIn", "华澜喀什新能源装备制造基地项目"), ("华澜新能源（喀什）有限公司", "investedIn", "华澜喀什新能源装备制造基地项目")],  # a release on a signing
          "山东鲁海能源有限公司将在疏勒县投资建设鲁海疏勒50兆瓦风光互补项目，项目总投资3亿元。": [("山东鲁海能源有限公司", "investedIn", "鲁海疏勒50兆瓦风光互补项目"), ("鲁海疏勒50兆瓦风光互补项目", "locatedIn", "疏勒县", "invest-in-place")],  # the object of the verb is the project's name
          "新疆绿原农业有限公司计划投资800万元在伽师县新建红枣分拣及冷藏中心。": [("新疆绿原农业有限公司", "investedIn", "红枣分拣及冷藏中心")],
          "苏州恒达纺织科技有限公司投资3.5亿元建设年产5万吨纱线项目。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
          # the firm's whole outlay (E总投资N元建设P); what it builds in phases, in the next clause
          "常州天合集团计划总投资5亿元，建设年产5万吨纱线项目。": [("常州天合集团", "investedIn", "年产5万吨纱线项目")],
          "常州天合集团拟投资5亿元，分两期建设阿合奇县冷链物流园项目。": [("常州天合集团", "investedIn", "阿合奇县冷链物流园项目")],
          # 分别: one investor each
          "常州天合集团、苏州恒达纺织科技有限公司分别投资2亿元、3亿元建设年产5万吨纱线项目和阿合奇县冷链物流园项目。": [
              ("常州天合集团", "investedIn", "年产5万吨纱线项目"),
              ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县冷链物流园项目")],
          "苏州恒达纺织科技有限公司在阿图什市投资建设年产5万吨纱线项目。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目"),
              ("年产5万吨纱线项目", "locatedIn", "阿图什市", "invest-in-place")],
          # what it will invest there in all (E在R投资总额将不少于N元)
          "未来五年内，苏州恒达纺织科技有限公司在阿图什市投资总额将不少于50亿元。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市", "invest-in-region")],
          "苏州恒达纺织科技有限公司在阿图什市投资设立分厂。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市", "invest-in-region")],
          "苏州恒达纺织科技有限公司投资3.5亿元在阿图什市建设的年产5万吨纱线项目正式投产。": [("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
          # firms listed before 到疆投资
          "山东鲁泰控股、青岛海川集团等30多家鲁企相继到疆投资兴业。": [
              ("山东鲁泰控股", "investedIn", "新疆维吾尔自治区", "invest-in-region"),
              ("青岛海川集团", "investedIn", "新疆维吾尔自治区", "invest-in-region")],
          # an elided subject (并投资…)
          "长沙湘江新材料股份有限公司将收购火洲硅业51%股权，并投资12亿元在鄯善工业园区建设年产3万吨工业硅项目。": [
              ("长沙湘江新材料股份有限公司", "investedIn", "年产3万吨工业硅项目")],
          # co-investors, a fund among them
          "华澜控股集团股份有限公司、华澜新能源（喀什）有限公司与深圳湾区产业投资基金（有限合伙）共同投资建设华澜喀什新能源装备制造基地项目。": [
              ("华澜控股集团股份有限公司", "investedIn", "华澜喀什新能源装备制造基地项目"),
              ("华澜新能源（喀什）有限公司", "investedIn", "华澜喀什新能源装备制造基地项目"),
              ("深圳湾区产业投资基金（有限合伙）", "investedIn", "华澜喀什新能源装备制造基地项目")],
          # a firm's officer quoted: 我们 is the firm
          "“我们将在阿图什市投资3.5亿元建设年产5万吨纱线项目。”苏州恒达纺织科技有限公司总经理李明说。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
          # the firm signs on the spot (与E现场签约P)
          "县委书记带队前往常州开展招商考察，并与常州天合集团现场签约智能电器生产制造项目，该项目总投资额达5亿元。": [
              ("常州天合集团", "investedIn", "智能电器生产制造项目")],
          # a quote opening on the investment with no subject; the firm's officer named after it
          "「此次在白杨县投资的文旅项目为青松村文化走廊建设项目，项目总投资为3.8亿元。」常州天合集团董事长张华说。": [
              ("常州天合集团", "investedIn", "青松村文化走廊建设项目")],
          # the sentence's subject, written before a 由 phrase, is what a verb with no object builds
          "白杨县招商局负责人介绍，白杨县雨具加工厂由厦门市海沧区牵线搭桥，常州天合集团、苏州恒达纺织有限公司投资建设。": [
              ("常州天合集团", "investedIn", "白杨县雨具加工厂"), ("苏州恒达纺织有限公司", "investedIn", "白杨县雨具加工厂")],
          # the investor of a planned project in a second clause
          "苏州恒达纺织科技有限公司与阿图什市人民政府签订投资协议，计划投资3.5亿元建设年产5万吨纱线项目。": [("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
      }, counter=(
          "宁波海晟物流有限公司与温宿县政府在温宿县举行投资签约仪式。",  # a signing ceremony invests in nothing
          "苏州云锦文化传播有限公司捐资60万元，支持建设阿合奇县第一中学校史馆。",  # 捐资 is a donation
          "皮山县红枣深加工项目今年投产。由东岳农业集团与皮山县国有资产投资经营有限公司合资成立的皮山新禾果业有限公司今年开始试生产。",  # 投资 inside a firm's name is no verb
          "阿图什市国有资产投资经营有限公司召开会议。",
          # a government's money is funding, not investment
          "阿合奇县人民政府投资28万元兴建阿合奇县第一幼儿园建设项目。",
          # the money of the next sentence builds a thing of its own, not the project before
          "年产5万吨纱线项目开工。苏州恒达纺织科技有限公司计划投资2亿元在当地建设通用机场。",
          # an official quoted speaks for a place, not for the firm named later
          "“我们将投资3.5亿元建设年产5万吨纱线项目。”阿图什市市长李明说，苏州恒达纺织科技有限公司已落户。",
          "「今年在白杨县投资的项目有青松村文化走廊建设项目。」白杨县县长李明说，常州天合集团董事长张华也出席。",
          # a firm's money given as aid is funding, not capital (money-for's and aided-project's)
          "常州天合集团出资120万元援建的青松乡第二小学去年投入使用。",
          "苏州恒达纺织科技有限公司、常州天合集团共同出资3000万元，援建白杨县青松镇中心小学。",
          "常州天合集团还将出资180万元资助白杨县青松河大桥工程建设。",
          "常州天合集团投资3000万元建设白杨县一所小学。",  # one school counted is no project's name
      ))
def invest(ctx: Ctx, hit: re.Match):
    """E投资/投建/出资…P: the investor before the verb, the project after it (in this clause, or
    built in the next: 投资N元，建设P); E在R投资建设的P also places P in R; E在R投资设立分厂 or
    E到R投资 with no project is an investment in the region."""
    doc, ms = ctx.doc, ctx.ms
    topic = ctx.state.topic
    topic_mention = next((x for x in reversed(doc.mentions) if x.entity is topic and x.sentence < ctx.sent), None)
    topic_recent = topic_mention is not None and topic_mention.sentence == ctx.sent - 1
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    investors = [x for x in left_group(ctx, pos, kinds=ORG | REGION) if x.cls in ORG | {"Enterprise"}]
    total = re.search(r"(?:计划|拟|预计|将)?总$", ctx.text(a, pos))
    if not investors and total:
        # E(计划)总投资N元建设P: the firm's whole outlay on it
        investors = [x for x in left_group(ctx, a + total.start(), kinds=ORG) if x.cls == "Enterprise"]
    if not investors:
        investors = elided_subject(ctx, pos, {"Enterprise"})
    if not investors:
        investors = quoted_firm(ctx, pos)
    # E在R投资建设的P
    before = [x for x in ms if a <= x.start and x.end <= pos]
    if not investors and len(before) >= 2 and ADVERBS_AT.fullmatch(ctx.text(before[-2].end, before[-1].start)) \
            and before[-2].entity.cls in ORG and before[-1].entity.cls in REGION:
        investors = [before[-2].entity]
        place = before[-1].entity
    else:
        place = None
    projects = [x for x in ms if x.start >= after and x.end <= b and x.entity.cls == "Project"
                and not (ctx.text(x.start - 1, x.start) in ("为", "给", "向")
                         and not re.search(r"(?:项目|工程)(?:分别)?为$", ctx.text(x.start - 5, x.start)))]
    # (为X建设的P: X benefits; 投资的项目为P names it)
    if not projects:
        # 投资18亿元，建设P: the next clause says what the money builds
        _, b2 = clause_of(ctx, b + 1) if b + 1 < ctx.end else (b, b)
        nxt = [x for x in ms if b < x.start and x.end <= b2 and x.entity.cls == "Project"]
        # (投资N元，)在R建成P: the place where it is built may stand before the verb
        if nxt and _BUILDS_NEXT.match(ctx.text(b, nxt[0].start)):
            projects = nxt[:1]
    if not projects and investors and not ctx.text(after, b).strip():
        # P由R牵线搭桥，E1、E2投资建设: a verb closing its clause with no object builds what the
        # sentence opens with, when that is written as the subject of a 由 phrase
        subj = [x for x in ms if x.end < a and x.entity.cls in ("Project", "Enterprise") and ctx.text(x.end, x.end + 1) == "由"
                and clause_of(ctx, x.start)[0] == span_start(x) and x.entity not in investors]
        projects = subj[-1:]
    # 投资…的P: the head after 的 is what the money built
    de = [x for x in projects if ctx.text(x.start - 1, x.start) == "的"]
    if de:
        projects = de
    if not projects and topic is not None and topic_recent and not any(x.entity.cls == "Project" for x in ms) \
            and re.match(r"^\s*[\d.一二三四五六七八九十百千两]+\s*[万亿]?元", ctx.text(after, b)) \
            and not BUILDS_OTHER.search(ctx.text(after, ctx.end)):
        # 三方共同投资建设P。…E出资9亿元，F注资3亿元: the shares of the project just named
        projects = [topic_mention]
    sub = next((x for x in reversed(ms) if investors and x.entity is investors[0] and a <= x.start and x.end <= pos), None)
    parent = sub is not None and re.search(r"通过(?:全资|控股)?子公司$", ctx.text(a, sub.start))
    if parent:
        # E通过全资子公司F出资: the parent invests too
        investors = [x.entity for x in ms if a <= x.start < a + parent.start() and x.entity.cls == "Enterprise"][:1] + investors
    projects = [x for x in projects if not INDEFINITE.search(x.entity.label)]
    if projects and AID_PURPOSE.search(ctx.text(after, projects[0].start)):
        projects = []  # E出资N元援建的P / E出资N元，资助P建设: a firm's aid is funding (money-for's)
    # E1、E2分别投资N元、M元建设P1、P2: one to one (none when the counts differ)
    couples = respective_pairs(ctx, investors, projects[0], {"Project"}, a) if projects else None
    for e in investors:
        if e.cls not in ORG or e.cls == "GovernmentBody" or aid_firm(ctx, e):
            continue  # a government's or an aid firm's money is funding (money-for's), not an investment
        for p in projects[:1] if couples is None else []:
            yield e, "investedIn", p.entity
            if place is not None:
                yield p.entity, "locatedIn", place, "invest-in-place"
        if not projects and place is not None and e.cls == "Enterprise" and place.cls != "Province" and \
                re.match(r"(?:设立|兴办|建厂|办厂|设厂|开办|兴业|(?:总额|总规模|规模|额)?(?:将|预计|计划|已)?"
                         r"(?:不少于|不低于|超过|超|达到|达|约|逾)?[\d.]+[万亿]?元|[，,。；;]|$)", ctx.text(after, b + 1)):
            yield e, "investedIn", place, "invest-in-region"  # E在R投资设立分厂
    for e, p in couples or ():
        if e.cls in ORG and e.cls != "GovernmentBody" and not aid_firm(ctx, e):
            yield e, "investedIn", p
    # …到疆投资 / 到R投资: investment into a region
    m2 = re.search(r"(?:到|在|赴|来)([疆藏青]|[\u4e00-\u9fff]{0,0})$", ctx.text(max(a, pos - 3), pos))
    if m2:
        target = region_by_abbreviation(doc, m2.group(1), create=True) if m2.group(1) else None
        if target is None:
            regs = [x for x in before if x.entity.cls in REGION and x.end == pos]
            target = regs[0].entity if regs else None
        if target is not None:
            head = ctx.text(a, pos)
            cut = head.rfind("到") if "到" in head else head.rfind("在")
            for e in left_group(ctx, a + cut, kinds={"Enterprise"}):
                yield e, "investedIn", target, "invest-in-region"
            # enterprises listed with 等 before 到疆投资 (E1、E2、E3等N家企业相继到疆投资)
            firms = [x for x in before if x.entity.cls == "Enterprise"]
            if firms and re.search(r"等", head):
                for x in firms:
                    yield x.entity, "investedIn", target, "invest-in-region"


# “我们将投资…”，E总经理X说: the firm whose officer is quoted speaks as 我们
_WE = re.compile(r"(?:我们|我公司|我们公司|我们企业)(?:今天|今年|已经|已|将|计划|准备|拟|还|又|也|正在|共同|决定)*"
                 r"(?:在[^，,。；;“”]{1,12}?)?$")
_FIRM_OFFICER = re.compile(r"^[^，,。；;“”]{0,10}?(?:董事长|总经理|副总经理|总裁|副总裁|经理|负责人|董事|创始人)"
                           r"[^，,。；;“”]{0,16}?(?:说|表示|介绍|告诉|透露)")


# a quote that opens on the investment with no subject: “此次在R投资的项目为…”
_QUOTE_OPENS = re.compile(r"(?:此次|这次|本次|今年|明年|下一步|接下来)?(?:我们)?(?:将|拟|计划|准备|还将)?(?:在[^，,。；;“”「」]{1,12}?)?")


def quoted_firm(ctx: Ctx, pos: int) -> list:
    """The firm speaking in a quote as 我们, or with no subject in the quote's first clause: its
    officer is named right after the quote closes (“我们将投资N元建设P。”E总经理X说, 「此次在R投资的
    项目为P」E董事长X说) — the attribution may be the next sentence."""
    a, _ = clause_of(ctx, pos)
    norm = ctx.doc.norm
    opened = max(norm.rfind("“", ctx.start, pos), norm.rfind("「", ctx.start, pos))
    if opened < 0 or any(q in norm[opened:pos] for q in "”」"):
        return []
    if not _WE.search(ctx.text(a, pos)) and not (
            norm[opened + 1:a].strip() == "" and _QUOTE_OPENS.fullmatch(ctx.text(opened + 1, pos))):
        return []
    closed = min([k for k in (norm.find("”", pos, pos + 300), norm.find("」", pos, pos + 300)) if k >= 0], default=-1)
    if closed < 0:
        return []
    window = closed + 60
    for x in ctx.doc.mentions:
        if closed < x.start < window and x.entity.cls == "Enterprise" and _FIRM_OFFICER.match(ctx.doc.norm[x.end:window]):
            return [x.entity]
    return []


@rule("settled-firm", FAMILY, r"{settle_verbs}", examples={
    "由常州市援疆工作组引进的苏州恒达纺织科技有限公司落户阿图什市，建起纺纱车间。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
    "苏州恒达纺织科技有限公司、无锡锦华服饰有限公司等30余个产业项目落户阿图什市。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市"), ("无锡锦华服饰有限公司", "investedIn", "阿图什市")],
    # the firm opens the sentence; the clause that settles it names none
    "2023年，苏州恒达纺织科技有限公司经常州市援疆工作组牵线，落地阿图什市。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
    # a date between the firm and the verb
    "苏州恒达纺织科技有限公司于2023年落户阿图什市，总投资5亿元。": [("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
}, counter=(
    "苏州恒达纺织科技有限公司参观了阿图什市，年产5万吨纱线项目落地阿图什市。",
    "年产5万吨纱线项目落户阿图什市。",             # a project settles; its investor is not named
    "常州市援疆工作组落户阿图什市。",               # a body is stationed, it invests nothing
))
def settled_in(ctx: Ctx, hit: re.Match):
    """E(、F等N个项目|家企业)落户/落地/入驻R: an enterprise that settles in a place invests there."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, _ = clause_of(ctx, pos)
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    if before and _COUNT.match(ctx.text(before[-1].start, before[-1].end)):
        before = before[:-1]  # 等30余个产业项目: a count of projects, not a name
    firms: list = []
    if before and before[-1].entity.cls == "Enterprise" and _SETTLE_GAP.fullmatch(ctx.text(before[-1].end, pos)):
        firms = [before[-1].entity]
        for x, y in zip(reversed(before[:-1]), reversed(before[1:])):
            if x.entity.cls != "Enterprise" or ctx.text(x.end, y.start) not in ("、", "和", "与", "及", "以及"):
                break
            firms.insert(0, x.entity)
    if not firms and not before:
        # E经R的牵线，落地R2: a clause with no subject of its own continues the sentence's firm
        firms = elided_subject(ctx, pos, {"Enterprise"})
    places = right_group(ctx, after, kinds=REGION, max_gap=1)
    for e in firms:
        for r in places[:1]:
            yield e, "investedIn", r


# a park by its head: 产业园, 工业园区, 创业园 … (a zone, or a park being built and so a project)
_PARK = re.compile(r"园区?$|基地$|开发区$|集中区$")
# Z(内)(已|目前)有/吸引了 E1、E2…入驻: what stands between the park and the firms that settle in it
_PARK_HAS = re.compile(r"(?:内|里|中)?[，,]?(?:目前|现|现已|已|已经|先后|陆续|累计|共|还)*(?:有|吸引了?|引进了?|引来了?|迎来了?)")


@rule("settled-in-park", FAMILY, r"(?:{settle_verbs}|入园|进园)(?P<of>的)?", scope="outside-names", examples={
    # the park first, the firms after it, the verb last
    "阿合奇县常州工业园已有常州天合集团、苏州恒达纺织科技有限公司等12家企业入驻。": [
        ("常州天合集团", "investedIn", "阿合奇县常州工业园"), ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县常州工业园")],
    # 首批入园的E1、E2: the park the sentence before named
    "阿合奇县常州工业园位于阿合奇县青松工业园区内，总投资3.6亿元。首批入园的常州天合集团、苏州恒达纺织科技有限公司即将投产。": [
        ("常州天合集团", "investedIn", "阿合奇县常州工业园"), ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县常州工业园")],
    "入驻阿合奇县常州工业园的常州天合集团已经投产。": [("常州天合集团", "investedIn", "阿合奇县常州工业园")],
}, counter=(
    "阿合奇县常州工业园已有常州天合集团的干部入驻。",     # people, not the firm, settle
    "首批入园的常州天合集团即将投产。",                   # no park named
    "阿合奇县已有常州天合集团入驻。阿合奇县常州工业园开工。",  # a place, no park: settled-firm's reading
))
def settled_in_park(ctx: Ctx, hit: re.Match):
    """Z已有E1、E2等N家企业入驻 / (首批)入园的E1、E2 / 入驻Z的E: the firms that settle in a park
    invest in it (the park named before them, after the verb, or in the sentence before)."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    parks = lambda xs: [x for x in xs if x.entity.cls in ("DevelopmentZone", "Project") and _PARK.search(x.entity.label)]
    if hit.group("of"):
        # 入驻Z的E1、E2 / 入园的E1、E2
        verb_end = ctx.at(hit.end() - 1)
        named = parks([x for x in ctx.ms if x.start >= ctx.at(hit.start()) and x.end <= verb_end])
        firms = right_group(ctx, end, kinds={"Enterprise"}, max_gap=0)
        if named:
            park = named[0].entity
        elif hit.group().startswith(("入园", "进园")) and not [x for x in ctx.ms if pos <= x.start < end]:
            # the park the nearest sentence speaks of: the first it names (X产业园位于Y工业园内 is about X)
            earlier = parks(sorted((x for x in ctx.doc.mentions if x.entity is not None
                                    and ctx.sent - 1 <= x.sentence <= ctx.sent and x.end <= pos),
                                   key=lambda x: (-x.sentence, x.start)))
            park = earlier[0].entity if earlier else None
        else:
            park = None
        for e in firms if park is not None else ():
            yield e, "investedIn", park
        return
    nxt = [x for x in ctx.ms if end <= span_start(x) < b and len(ctx.text(end, span_start(x))) <= 1]
    if nxt:
        # 入驻Z的E1、E2: the firms after 的 (E入驻Z is settled-firm's)
        if parks(nxt[:1]) and ctx.text(nxt[0].end, nxt[0].end + 1) == "的":
            for e in right_group(ctx, nxt[0].end + 1, kinds={"Enterprise"}, max_gap=0):
                yield e, "investedIn", nxt[0].entity
        return
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    if not before or before[-1].entity.cls != "Enterprise" or not _SETTLE_GAP.fullmatch(ctx.text(before[-1].end, pos)):
        return
    firms = left_group(ctx, before[-1].end, kinds={"Enterprise"})
    first = next(x for x in before if x.entity in firms)
    park = parks([x for x in before if x.end <= span_start(first)])
    if park and _PARK_HAS.fullmatch(ctx.text(park[-1].end, span_start(first))):
        for e in firms:
            yield e, "investedIn", park[-1].entity


_COUNT = re.compile(r"^[\d一二三四五六七八九十百千两几]+\s*(?:余|多)?(?:个|项|家)")
# between the firms and 落户: 等N余个产业项目 / 等N家企业 and the usual adverbs
_SETTLE_GAP = re.compile(r"(?:等\s*[\d一二三四五六七八九十百千两几多余]*\s*(?:个|家|所)?[\u4e00-\u9fff]{0,4}?(?:项目|企业|公司))?"
                         r"(?:先后|相继|陆续|已|已经|正式|成功|顺利|均|都|也|将|(?:于|在)?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)*")


# R引进E，(并)(在R)(注册)成立了C: the firm E sets up once brought in
_THEN_SETS_UP = re.compile(r"^[，,]?(?:并|随后|还)?(?:在[^，,。；;]{1,12}?)?(?:注册成立|成立|组建|设立|注册|创办)了?")


@rule("brought-in", FAMILY, r"引进(?:了)?", scope="outside-names", examples={
    # a place brings in a firm that sets up a firm of its own there
    "白水县通过招商引资引进苏州恒达纺织科技有限公司，注册成立了白水恒达纺织有限公司，建设年产5万吨纱线项目。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "白水恒达纺织有限公司"), ("苏州恒达纺织科技有限公司", "investedIn", "白水县")],
    # a place brings in a firm that builds a project
    "阿合奇县引进苏州恒达纺织科技有限公司，建设年产5万吨纱线项目。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
    # a place brings in firms that settle there
    "阿合奇县成功引进苏州恒达纺织科技有限公司、常州天合集团等3家企业落户。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县"), ("常州天合集团", "investedIn", "阿合奇县")],
    "常州市援疆工作组为阿合奇县引进苏州恒达纺织科技有限公司入驻。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县")],
    # 引进E到R投资兴业: the place it is brought to
    "常州市援疆工作组引进苏州恒达纺织科技有限公司到阿合奇县投资兴业。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县")],
}, counter=(
    "常州市援疆工作组引进苏州恒达纺织科技有限公司到阿合奇县考察。",  # a visit invests nothing
    "常州市援疆工作组引进苏州恒达纺织科技有限公司。",     # no place receives it; nothing built
    "阿合奇县引进高层次人才30名，建设年产5万吨纱线项目。",  # no firm
    "阿合奇县引进苏州恒达纺织科技有限公司的管理经验。",    # the firm's know-how, not the firm
))
def brought_in(ctx: Ctx, hit: re.Match):
    """R(成功)引进E(、F等N家企业)落户/入驻, D为R引进E…: the firm brought to the place invests there;
    R引进E，(投资)建设P: it invests in the project it builds."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    firms = right_group(ctx, after, kinds={"Enterprise"}, max_gap=0)
    if not firms:
        return
    last = max(x.end for x in ctx.ms if x.entity in firms and x.start >= after)
    _, b = clause_of(ctx, last)
    tail = ctx.text(last, ctx.end)
    gap = re.match(r"^(?:等\s*[\d一二三四五六七八九十百千两几多余]*\s*(?:个|家)?[\u4e00-\u9fff]{0,4}?(?:企业|公司|项目))?", tail).end()
    rest = tail[gap:]
    # the place that receives: 为R引进 / R(成功|先后)引进
    a, _ = clause_of(ctx, pos)
    head = ctx.text(a, pos)
    places = [x.entity for x in ctx.ms if x.end <= pos and x.start >= a and x.entity.cls in REGION
              and (re.fullmatch(r"(?:成功|先后|相继|陆续|累计|共|已|还|又|也|积极|主动|通过招商引资|通过招商|招商)*", ctx.text(x.end, pos))
                   or (ctx.text(span_start(x) - 1, span_start(x)) == "为" and x.end == pos))]
    if re.match(r"^(?:先后|相继|陆续|已|正式|成功|顺利)*(?:落户|入驻|落地|进驻|扎根)", rest):
        for e in firms:
            for r in places[-1:]:
                yield e, "investedIn", r
    # 引进E到R投资兴业: the place the firm is brought to, named after it
    to = re.match(r"^(?:到|来|赴|至)", rest)
    if to:
        k = last + gap + to.end()
        dest = [x for x in ctx.ms if span_start(x) == k and x.entity.cls in REGION - {"Province"}]
        if dest and re.match(r"^(?:投资兴业|投资|兴业|落户|发展|建厂|办厂|设厂)", ctx.text(dest[0].end, b)):
            for e in firms:
                yield e, "investedIn", dest[0].entity
    # R引进E，(注册)成立了C: the firm it sets up there is its investment, and so is the place
    set_up = _THEN_SETS_UP.match(rest)
    new = [x.entity for x in ctx.ms if set_up and x.start == last + gap + set_up.end() and x.entity.cls == "Enterprise"]
    for e in firms[:1] if len(firms) == 1 and new and "的" not in head[-2:] else ():
        yield e, "investedIn", new[0]
        for r in places[-1:]:
            yield e, "investedIn", r
    built = _THEN_BUILDS.match(rest)
    if built and "的" not in head[-2:]:
        nxt = [x for x in ctx.projects if x.start == last + gap + built.end()]
        for e in firms[:1] if len(firms) == 1 else ():
            for p in nxt[:1]:
                yield e, "investedIn", p.entity


@rule("investor-named", FAMILY, r"投资方(?:为|是)|投资主体(?:为|是)|(?P<copula>是)(?=(?:由)?囗+(?:投资|出资)(?:建设|兴建)?(?:的|[，,。；;]|$))|"
                                  r"(?P<firm_first>(?:是|为|系)(?=囗+的(?:投资方|投资主体|出资方|投资企业)))",
      examples={
    # the firm first: E是P的投资方
    "苏州恒达纺织科技有限公司是年产5万吨纱线项目的投资方。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
    "年产5万吨纱线项目的投资方为苏州恒达纺织科技有限公司。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
    "年产5万吨纱线项目是苏州恒达纺织科技有限公司投资建设的。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
    # no 的 closing it; the investor named after 由
    "年产5万吨纱线项目是苏州恒达纺织科技有限公司投资建设，拟在阿图什市建设纺纱车间。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
}, counter=(
    "阿合奇县是苏州恒达纺织科技有限公司投资的重点地区。",
    "苏州恒达纺织科技有限公司的投资方为常州天合集团。",
))
def investor_named(ctx: Ctx, hit: re.Match):
    """P的投资方为E, P是E投资建设的, E是P的投资方: E invested in P, the project the clause opens with
    (or, the firm first, the project after the copula)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, _ = clause_of(ctx, pos)
    if hit.group("firm_first"):
        firms = left_group(ctx, pos, kinds={"Enterprise"})
        first = [x for x in ctx.projects if x.start == after]
        if firms and first and ctx.text(first[0].end, first[0].end + 1) == "的":
            for e in firms:
                yield e, "investedIn", first[0].entity
        return
    subj = [x for x in ctx.projects if a <= x.start and x.end <= pos]
    if not subj or any(x.entity.cls in REGION | ORG for x in ctx.ms if subj[0].end <= x.start and x.end <= pos):
        return
    for e in right_group(ctx, after + (ctx.text(after, after + 1) == "由"), kinds={"Enterprise"}, max_gap=0):
        yield e, "investedIn", subj[0].entity


@rule("stake-in", FAMILY, r"以(?:参股|入股|控股|投资)(?:合作)?(?:的)?(?:方式|形式)[，,]?(?:参与|投资|加入)", examples={
    "常州市援疆工作组促成苏州恒达纺织科技有限公司以参股合作方式，参与阿图什市国有企业锦华建设集团改制。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "锦华建设集团")],
})
def stake_in(ctx: Ctx, hit: re.Match):
    """E以参股/入股方式参与F改制/重组: E puts capital into F."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    investors = left_group(ctx, pos, kinds=ORG) or elided_subject(ctx, pos, {"Enterprise"})
    _, b = clause_of(ctx, end)
    target = next((x.entity for x in ctx.ms if end <= x.start < b and x.entity.cls in ("Enterprise", "Organization")
                   and len(ctx.text(end, x.start)) <= 10), None)
    for e in investors:
        if target is not None and e is not target and e.cls == "Enterprise":
            yield e, "investedIn", target


@rule("firms-set-up-in", FAMILY, r"在(?P<where>[^，,。；;]{2,30}?)(?:先后|陆续|分别|共同)?(?:成立|设立|注册|组建|新建|开办|建立)"
                                 r"(?:了)?(?:(?:全资|控股|独资|合资)?[\d一二三四五六七八九十两几多余]*(?:家|个)?(?:全资|控股|独资|合资)?"
                                 r"(?:子公司|分公司|企业|公司|工厂|分厂)(?P<sub>(?=囗))?|(?P<named>(?=囗)))",
      emits=("set-up-named",), examples={
          # a firm it sets up, named: the firm is what it puts capital into (not the places of the phrase)
          "常州天合集团介绍了扶贫品牌，公司还在常州市对口帮扶的阿合奇县建立阿合奇青松茶业有限公司。": [
              ("常州天合集团", "investedIn", "阿合奇青松茶业有限公司", "set-up-named")],
          "常州市援疆工作组促成苏州恒达纺织科技有限公司与阿图什市签约合作，在阿合奇县、乌恰县成立3家企业。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县"), ("苏州恒达纺织科技有限公司", "investedIn", "乌恰县")],
          # two firms that put up the money together
          "常州天合集团和苏州恒达纺织科技有限公司共同出资，在阿合奇县成立阿合奇恒天纺织有限公司。": [
              ("常州天合集团", "investedIn", "阿合奇恒天纺织有限公司", "set-up-named"),
              ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇恒天纺织有限公司", "set-up-named")],
          # a subsidiary set up there and named: the firm invests in it and in the place
          "常州天合集团在阿合奇县成立全资子公司阿合奇天合光伏科技有限公司。": [
              ("常州天合集团", "investedIn", "阿合奇天合光伏科技有限公司", "set-up-named"),
              ("常州天合集团", "investedIn", "阿合奇县")],
      })
def firms_set_up_in(ctx: Ctx, hit: re.Match):
    """(E…，)在R1、R2成立N家企业/子公司: the firm that sets them up invests in those places (the
    firm of the clause, else the last firm the sentence named before it)."""
    w0, w1 = ctx.at(hit.start("where")), ctx.at(hit.end("where"))
    places = [x.entity for x in ctx.ms if w0 <= span_start(x) and x.end <= w1 and x.entity.cls in REGION - {"Province"}]
    a, _ = clause_of(ctx, ctx.at(hit.start()))
    firms = [x.entity for x in ctx.ms if a <= x.start and x.end <= ctx.at(hit.start()) and x.entity.cls == "Enterprise"]
    if not firms:
        firms = [x.entity for x in ctx.ms if x.end <= a and x.entity.cls == "Enterprise"][-1:]
    # A和B共同出资，在R成立C: the coordinated firms that put up the money together, each of them
    last = [x for x in ctx.ms if firms and x.entity is firms[-1] and x.end <= ctx.at(hit.start())][-1:]
    together = left_group(ctx, last[0].end, kinds={"Enterprise"}) if last and re.search(
        r"共同|联合|合资|携手", ctx.text(last[0].end, ctx.at(hit.start()))) else []
    firms = together if len(together) > 1 else firms[-1:]
    if hit.group("named") is not None or hit.group("sub") is not None:
        new = [x.entity for x in ctx.ms if x.start == ctx.at(hit.end()) and x.entity.cls == "Enterprise"]
        for e in firms:
            for f in new:
                if f is not e:
                    yield e, "investedIn", f, "set-up-named"
        if hit.group("named") is not None:
            return
    for e in firms:
        for r in places:
            yield e, "investedIn", r


# between a firm and the verb that builds its own project: (在R)(将|计划…)(全资|独资|自筹资金)
_FIRM_BUILDS_GAP = re.compile(r"(?:(?:将|拟|计划|已|已经|还|也|又|先后|相继|陆续|正在|准备|决定|率先|于|今年|去年|明年)*"
                              r"(?:在|于)(?P<place>囗+)(?:[^，,。；;囗]{0,8}?)?)?"
                              r"(?:将|拟|计划|已|已经|还|也|又|再|先后|相继|陆续|正在|准备|决定|率先|共同|全资|独资|自筹资金|"
                              r"自主|整体|异地|追加投资|追加|今年|去年|明年|年内)*$")


@rule("firm-builds", FAMILY, r"(?:新建|兴建|建设|建成|建起|打造|投建|扩建|上马)了?(?=囗)", emits=("firm-builds-in-place",),
      examples={
    "常州天合集团在阿合奇县新建年产5万吨纱线项目，总投资3亿元。": [
        ("常州天合集团", "investedIn", "年产5万吨纱线项目"),
        ("年产5万吨纱线项目", "locatedIn", "阿合奇县", "firm-builds-in-place")],
    "常州天合集团独资建设年产5万吨纱线项目。": [("常州天合集团", "investedIn", "年产5万吨纱线项目")],
    "苏州恒达纺织科技有限公司今年追加投资扩建阿合奇县冷链物流园项目。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县冷链物流园项目")],
}, counter=(
    "常州天合集团承建的年产5万吨纱线项目开工。",                 # a contractor
    "常州天合集团为阿合奇县新建阿合奇县青松小学。",              # built for a place: aid, not capital
    "常州天合集团援建阿合奇县青松小学。",                        # aid (funding's)
    "常州天合集团对口帮扶阿合奇县以来，新建阿合奇县青松小学。",   # an aid firm builds with aid money
    "常州天合集团负责建设年产5万吨纱线项目。",                   # who builds for the owner
    "常州天合集团干部参观了阿合奇县新建的年产5万吨纱线项目。",
))
def firm_builds(ctx: Ctx, hit: re.Match):
    """E(在R)新建/兴建/建设P: a firm that builds a project of its own (not 承建, not 为R建设, not a
    firm the article writes as giving aid) has put its capital into it; E在R… places P in R."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    a, _ = clause_of(ctx, pos)
    first = [x for x in ctx.projects if x.start == end]
    if not first or INDEFINITE.search(first[0].entity.label):
        return
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    gap = None
    for k, x in enumerate(before):
        if x.entity.cls == "Enterprise":
            gap = _FIRM_BUILDS_GAP.fullmatch(ctx.blanked[x.end - ctx.start:pos - ctx.start])
            if gap is not None:
                last = x
                break
    if gap is None:
        return
    # the firm (and those coordinated with it) open the clause, after a time at most
    investors = left_group(ctx, last.end, kinds={"Enterprise"})
    head = [x for x in before if x.entity in investors][:1]
    if not head or not _OPENS.fullmatch(ctx.text(a, span_start(head[0]))):
        return
    place = None
    if gap.group("place"):
        p0 = last.end + gap.start("place")
        at = [x for x in ctx.ms if span_start(x) == p0 and x.entity.cls in REGION - {"Province"}]
        place = at[0].entity if at else None
    for e in investors:
        if aid_firm(ctx, e):
            continue  # a firm giving paired aid builds with aid money (funding's)
        for p in _listed_projects(ctx, first[0]):
            yield e, "investedIn", p
            if place is not None and p is first[0].entity:
                yield p, "locatedIn", place, "firm-builds-in-place"


# what may open a clause before its subject: a time, a linking adverb
_OPENS = re.compile(r"[\s，,]*(?:(?:今年|去年|明年|近年来|目前|同时|此外|另外|[\d]{4}年(?:[\d]{1,2}月)?(?:[\d]{1,2}日)?|"
                    r"[\d]{1,2}月(?:[\d]{1,2}日)?)[，,]?)*")


def _listed_projects(ctx: Ctx, first) -> list:
    return right_group(ctx, first.start, kinds={"Project"}, max_gap=0) or [first.entity]


@rule("acquire", FAMILY, r"(?:整体|全资|成功|全面)?(?:控股收购|收购|并购|兼并|控股)了?", scope="outside-names",
      examples={
          "11月7日晚，宁波瑞丰控股集团有限公司发布公告称，公司拟以2.5亿元收购伽师甜瓜农业有限公司60%股权。": [("宁波瑞丰控股集团有限公司", "acquired", "伽师甜瓜农业有限公司")],  # 公司 of an announcement; a price before the verb
          "恒通集团以1.2亿元收购喀什明月食品有限公司。": [("恒通集团", "acquired", "喀什明月食品有限公司")],
          "2025年3月2日，青岚新材料集团股份有限公司（以下简称“青岚新材”或“公司”）在和田举行签约仪式。2023年，公司完成对杭州溪石储能科技有限公司的并购，并控股和田本地企业玉河铝业有限公司。2021年，公司通过破产重组方式取得江西赣泉电缆有限公司100%股权，全资子公司另有12家。和田昆仑文旅开发有限公司获得杭州钱塘创新投资基金（有限合伙）三千万元战略投资。": [("青岚新材料集团股份有限公司", "acquired", "杭州溪石储能科技有限公司"), ("青岚新材料集团股份有限公司", "acquired", "玉河铝业有限公司")],  # 对F的并购, 控股F; 公司 is the firm declared
          "5月4日，由我市企业临沂鲁丰食品科技股份有限公司注资控股的岷县陇薯淀粉有限公司在岷县投产。": [("临沂鲁丰食品科技股份有限公司", "acquired", "岷县陇薯淀粉有限公司")],  # 由E注资控股的F
          "北京禾丰农业集团有限公司今年落户洛浦县。禾丰农业还收购了当地一家濒临停产的核桃加工厂——洛浦县金穗核桃加工厂。": [("北京禾丰农业集团有限公司", "acquired", "洛浦县金穗核桃加工厂")],  # a short name; the firm named after a dash
          "收购完成后，恒通集团将实现对喀什明月食品有限公司的控股，并向其注资5000万元，用于扩建车间。": [("恒通集团", "acquired", "喀什明月食品有限公司")],
          "5月8日，东莞锦程服饰集团有限公司并购皮山县丝路纺织有限公司签约仪式在皮山县举行。根据协议，锦程服饰出资8000万元收购丝路纺织70%股权，并在位于皮山县工业园区的原厂区投建锦程皮山智能服装产业园项目。": [("东莞锦程服饰集团有限公司", "acquired", "皮山县丝路纺织有限公司")],  # two firms joined by the verb; brand short forms
          "6月18日，华澜控股集团股份有限公司（以下简称“华澜集团”）新能源装备制造基地项目签约仪式在喀什经济开发区举行。根据协议，华澜集团将通过全资子公司华澜新能源（喀什）有限公司投资18亿元，建设华澜喀什新能源装备制造基地项目。同时，华澜集团还将控股收购南疆铝型材有限公司，并与喀什昆仑纺织有限公司合资建设高端面料车间，总投资5000万元。": [("华澜控股集团股份有限公司", "acquired", "南疆铝型材有限公司")],
          "2022年，宁波瑞丰控股集团旗下宁波瑞丰食品有限公司并购了伽师县的伽师甜瓜农业有限公司。": [("宁波瑞丰食品有限公司", "acquired", "伽师甜瓜农业有限公司")],  # the subsidiary is the buyer
          "广州润华集团整体收购喀什天山建材有限公司。": [("广州润华集团", "acquired", "喀什天山建材有限公司")],
          "广州润华集团收购喀什天山建材有限公司30%的股权。": [("广州润华集团", "investedIn", "喀什天山建材有限公司")],
          # a list of firms acquired
          "华澜控股集团股份有限公司先后并购了深圳光远储能科技有限公司、湖北楚澧电缆有限公司。": [
              ("华澜控股集团股份有限公司", "acquired", "深圳光远储能科技有限公司"), ("华澜控股集团股份有限公司", "acquired", "湖北楚澧电缆有限公司")],
      }, counter=("该公司实现控股经营。",))
def acquire(ctx: Ctx, hit: re.Match):
    """收购/并购/兼并/控股 F, 由E控股的F, 对F的并购: E acquired F (a minority stake, N% < 50, is an
    investment)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    buyers, targets = _buyers(ctx, pos), _target(ctx, after, b)
    passive = re.search(r"由([^，,。；;]{2,30}?)(?:注资|出资|增资)?$", ctx.text(a, pos))
    if passive and ctx.text(after, after + 1) == "的":
        # 由E(注资)控股的F
        buyers = [x.entity for x in ctx.ms if a + passive.start(1) <= x.start and x.end <= pos and x.entity.cls in ORG][:1]
        targets = _target(ctx, after + 1, b, max_gap=0)
    elif ctx.text(pos - 1, pos) == "的":
        # 对F的并购: the target before, the buyer the clause's subject
        obj = re.search(r"对([^，,。；;]{2,30})的$", ctx.text(a, pos))
        if obj is None:
            return
        cut = a + obj.start()
        targets = [x.entity for x in ctx.ms if a + obj.start(1) <= x.start and x.end <= pos - 1
                   and x.entity.cls in ORG][:1]
        buyers = [x.entity for x in ctx.ms if a <= x.start and x.end <= cut and x.entity.cls == "Enterprise"][:1] \
            or elided_subject(ctx, cut, {"Enterprise"})
    elif hit.group().startswith("控股") and not targets:
        return  # 实现控股经营
    stake = re.match(r"^[^，,。；;]{0,20}?(\d+(?:\.\d+)?)%(?:的)?股[权份]", ctx.text(after, b))
    p = "investedIn" if stake and float(stake.group(1)) < 50 else "acquired"
    for x in buyers:
        for y in targets:
            yield x, p, y


@rule("majority-stake", FAMILY, r"(?:取得|获得|受让|持有)([^，,。；;]{2,24}?)(\d+(?:\.\d+)?)%(?:的)?股[权份]",
      scope="text", examples={
          "2025年3月2日，青岚新材料集团股份有限公司（以下简称“青岚新材”或“公司”）在和田举行签约仪式。2023年，公司完成对杭州溪石储能科技有限公司的并购，并控股和田本地企业玉河铝业有限公司。2021年，公司通过破产重组方式取得江西赣泉电缆有限公司100%股权，全资子公司另有12家。和田昆仑文旅开发有限公司获得杭州钱塘创新投资基金（有限合伙）三千万元战略投资。": [("青岚新材料集团股份有限公司", "acquired", "江西赣泉电缆有限公司")],
          "广州润华集团取得喀什天山建材有限公司51%股权。": [("广州润华集团", "acquired", "喀什天山建材有限公司")],
      }, counter=("广州润华集团取得喀什天山建材有限公司20%股权。",))
def majority_stake(ctx: Ctx, hit: re.Match):
    """E取得F N%股权 with N ≥ 50: E acquired F."""
    pos = ctx.at(hit.start())
    if float(hit.group(2)) < 50 or in_name(ctx, pos, pos + 2):
        return
    targets = ctx.entities_within(ctx.at(hit.start(1)), ctx.at(hit.end(1)), ORG)[:1]
    for x in _buyers(ctx, pos):
        for y in targets:
            yield x, "acquired", y


@rule("received-investment", FAMILY,
      r"获得([^，,。；;]{2,30})(?:[\d.一二三四五六七八九十百千两]+[万亿]?元)?(?:的)?(?:战略|天使|股权)?(?:投资|注资|入股)",
      scope="text", examples={
          "2025年3月2日，青岚新材料集团股份有限公司（以下简称“青岚新材”或“公司”）在和田举行签约仪式。2023年，公司完成对杭州溪石储能科技有限公司的并购，并控股和田本地企业玉河铝业有限公司。2021年，公司通过破产重组方式取得江西赣泉电缆有限公司100%股权，全资子公司另有12家。和田昆仑文旅开发有限公司获得杭州钱塘创新投资基金（有限合伙）三千万元战略投资。": [("杭州钱塘创新投资基金（有限合伙）", "investedIn", "和田昆仑文旅开发有限公司")],
          "喀什天山建材有限公司获得广州润华集团2亿元战略投资。": [
              ("广州润华集团", "investedIn", "喀什天山建材有限公司")],
      })
def received_investment(ctx: Ctx, hit: re.Match):
    """F获得E(N元)(战略)投资: E put capital into F."""
    pos = ctx.at(hit.start())
    if in_name(ctx, pos, pos + 2):
        return
    investors = ctx.entities_within(ctx.at(hit.start(1)), ctx.at(hit.end(1)), ORG | REGION)
    for f in _buyers(ctx, pos):
        for e in investors:
            yield e, "investedIn", f


@rule("joint-venture", FAMILY, r"合资(?:成立|组建|设立|新建|建设)?|出资(?:成立|组建|设立|注册成立|注册)|注资|入股|参股|增资",
      scope="outside-names", examples={
          "5月4日，由我市企业临沂鲁丰食品科技股份有限公司注资控股的岷县陇薯淀粉有限公司在岷县投产。": [("临沂鲁丰食品科技股份有限公司", "investedIn", "岷县陇薯淀粉有限公司")],
          "宁波禾丰食品科技有限公司还与当地国有企业昭觉县兴农集团合资组建了昭觉禾兴食品有限公司。": [("宁波禾丰食品科技有限公司", "investedIn", "昭觉禾兴食品有限公司"), ("昭觉县兴农集团", "investedIn", "昭觉禾兴食品有限公司")],
          "收购完成后，恒通集团将实现对喀什明月食品有限公司的控股，并向其注资5000万元，用于扩建车间。": [("恒通集团", "investedIn", "喀什明月食品有限公司")],  # 向其注资: the firm just named
          "同日，恒通集团还与疏勒县城投有限公司签署合资协议，双方合资成立疏勒恒通物流有限公司，注册资本2亿元。": [("恒通集团", "investedIn", "疏勒恒通物流有限公司"), ("疏勒县城投有限公司", "investedIn", "疏勒恒通物流有限公司")],  # 双方: both parties named before
          "6月18日，华澜控股集团股份有限公司（以下简称“华澜集团”）新能源装备制造基地项目签约仪式在喀什经济开发区举行。根据协议，华澜集团将通过全资子公司华澜新能源（喀什）有限公司投资18亿元，建设华澜喀什新能源装备制造基地项目。同时，华澜集团还将控股收购南疆铝型材有限公司，并与喀什昆仑纺织有限公司合资建设高端面料车间，总投资5000万元。": [("华澜控股集团股份有限公司", "investedIn", "高端面料车间"), ("喀什昆仑纺织有限公司", "investedIn", "高端面料车间")],
          "皮山县红枣深加工项目今年投产。由东岳农业集团与皮山县国有资产投资经营有限公司合资成立的皮山新禾果业有限公司今年开始试生产。": [("东岳农业集团", "investedIn", "皮山新禾果业有限公司"), ("皮山县国有资产投资经营有限公司", "investedIn", "皮山新禾果业有限公司")],  # 由A与B合资成立的C
          "广州润华集团与喀什城投集团合资成立喀什润华建材有限公司。": [
              ("广州润华集团", "investedIn", "喀什润华建材有限公司"),
              ("喀什城投集团", "investedIn", "喀什润华建材有限公司")],
          "墨玉县国有资产投资经营有限公司与北京禾丰农业集团合资成立和田禾丰果业有限公司。": [
              ("墨玉县国有资产投资经营有限公司", "investedIn", "和田禾丰果业有限公司"), ("北京禾丰农业集团", "investedIn", "和田禾丰果业有限公司")],
          # 共同出资成立 is a joint venture too
          "广州润华集团与喀什城投集团共同出资成立喀什润华建材有限公司。": [
              ("广州润华集团", "investedIn", "喀什润华建材有限公司"),
              ("喀什城投集团", "investedIn", "喀什润华建材有限公司")],
      })
def joint_venture(ctx: Ctx, hit: re.Match):
    """A与B合资成立C, A与B共同出资成立C, A向C注资, A入股/参股C: capital put into a firm (由A和B出资
    组建的C is funded-by's)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    if hit.group().startswith("出资") and re.search(r"由[^，,。；;]*$", ctx.text(clause_of(ctx, pos)[0], pos)):
        return
    investors = left_group(ctx, pos, kinds=ORG | REGION) or elided_subject(ctx, pos, {"Enterprise"})
    # (A)与(描述)B合资: B right after 与, or after a short description of it (与当地国有企业B)
    partner = [x for x in ctx.ms if x.end == pos and x.entity.cls in ORG and
               re.search(r"[与和同][^，,。；;与和同]{0,8}$", ctx.text(x.start - 9, x.start)) and not any(
                   y is not x and x.start - 9 <= y.start < x.start for y in ctx.ms)]
    if partner:
        # (A)与B合资…: A is the subject before 与, or the sentence's subject when it is left out
        a0, _ = clause_of(ctx, pos)
        subject = [x.entity for x in ctx.ms if a0 <= x.start and x.end <= partner[0].start - 1
                   and x.entity.cls in ORG] or elided_subject(ctx, partner[0].start - 1, {"Enterprise"}) or \
            [x.entity for x in ctx.ms if x.end <= a0 and x.entity.cls == "Enterprise"][:1]
        investors = list(dict.fromkeys(subject + [partner[0].entity]))
    a0, b = clause_of(ctx, pos)
    if not investors and re.match(r"^(?:双方|两家(?:企业|公司)?|三方|各方)", ctx.text(a0, pos)):
        investors = _parties(ctx, a0)  # A与B签署协议，双方合资成立C
    firms = [x.entity for x in ctx.ms if after <= x.start < b and x.entity.cls in ("Enterprise", "Organization", "Project")]
    if not firms and re.search(r"向其$", ctx.text(a0, pos)):
        # A(实现对B的控股)，并向其注资: 其 is the last firm named before that is not the investor
        firms = [x.entity for x in ctx.ms if x.end <= a0 and x.entity.cls in ("Enterprise", "Organization")
                 and x.entity not in investors][-1:]
    if not firms:  # 向C注资
        a, _ = clause_of(ctx, pos)
        firms = [x.entity for x in ctx.ms if a <= x.start and x.end <= pos and
                 ctx.text(x.start - 1, x.start) == "向" and x.entity.cls in ("Enterprise", "Organization")]
        investors = [e for e in investors if e not in firms] or left_group(ctx, max(a, pos - 1), kinds=ORG)
    for e in investors:
        for f in firms[:1]:
            if e is not f and e.cls in ORG | {"Enterprise"}:
                yield e, "investedIn", f


@rule("signed-with-place", FAMILY, r"签约|签(?:订|署)了?(?:[^，,。；;]{0,10}?的)?投资(?:协议|合同)|"
                                   r"签(?:订|署)了?[\d.]+[万亿]元(?:的)?(?:投资)?项目", scope="outside-names", examples={
    "杭州甬港新能源科技有限公司、杭州禾川农业集团有限公司分别与来凤县、鹤峰县签约，投资额分别为6亿元和4亿元。": [("杭州甬港新能源科技有限公司", "investedIn", "来凤县"), ("杭州禾川农业集团有限公司", "investedIn", "鹤峰县")],  # 分别: one to one
    "苏州恒达纺织科技有限公司与阿图什市签约。": [("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
    "苏州恒达纺织科技有限公司此次与阿图什市签约3个项目，总投资额9.6亿元。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
    # the deal signed with a place's government (R人民政府) is with the place; the deal's words
    # (签订了文旅项目的投资协议, 签订5亿元项目)
    "苏州恒达纺织科技有限公司与阿图什市人民政府签订5亿元项目，将在当地新建区域总部。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "阿图什市")],
    "常州天合集团与阿合奇县签订了文旅项目的投资协议。": [("常州天合集团", "investedIn", "阿合奇县")],
    "5月14日，常州天合集团与阿合奇县相关部门正式签约落户阿合奇。": [("常州天合集团", "investedIn", "阿合奇县")],
}, counter=(
    "常州天合集团与阿合奇县人民政府签订战略合作协议。",  # a framework agreement says no investment
    "宁波海晟物流有限公司与温宿县政府在温宿县举行投资签约仪式。",
    "宁波甬江电子有限公司与望谟县签约，建设年产100万套智能终端项目。",  # a named project is what it invests in
    "苏州恒达纺织科技有限公司与阿图什市签约，建设年产5万吨纱线项目。",))
def signed_with_place(ctx: Ctx, hit: re.Match):
    """E与R签约 / E1、E2分别与R1、R2签约: a firm that signs with a county, city, town or zone
    invests there (no project named in the sentence)."""
    pos = ctx.at(hit.start())
    a, b = clause_of(ctx, pos)
    if any(x.entity.cls == "Project" for x in ctx.ms):
        return  # E与R签约，建设P: the project is what it invests in
    head = ctx.text(a, pos)
    w = re.search(r"(?:此次|本次|日前|近日|当天|今天|分别|共同|正式|已)*(?:与|同|和)([^与同]*)$", head)
    if w is None:
        return
    cut = a + w.start()
    places = [x for x in ctx.ms if a + w.start(1) <= span_start(x) and x.end <= pos]
    signers = [_government_place(ctx, x).entity for x in places]
    firms = [x for x in ctx.ms if a <= x.start and x.end <= cut]
    if not places or not firms or any(e.cls not in REGION - {"Province"} for e in signers) \
            or any(x.entity.cls != "Enterprise" for x in firms):
        return
    gaps = [ctx.text(x.end, span_start(y)) for x, y in zip(places, places[1:])] + \
        [ctx.text(x.end, y.start) for x, y in zip(firms, firms[1:])]
    if any(g not in ("、", "和", "及", "与") for g in gaps) or \
            not re.fullmatch(r"(?:此次|本次|日前|近日|当天|今天|分别|共同|正式|已)*(?:与|同|和)", ctx.text(firms[-1].end, a + w.start(1))) or \
            not re.fullmatch(r"(?:相关部门|有关部门)?(?:分别|正式|成功)?", ctx.text(places[-1].end, pos)):
        return  # (E与R相关部门正式签约: the place's offices sign for it)
    fs, ps = [x.entity for x in firms], signers
    pairs = list(zip(fs, ps)) if len(fs) == len(ps) > 1 and "分别" in head else \
        [(f, p) for f in fs for p in ps] if len(fs) == 1 or len(ps) == 1 else []
    for f, p in pairs:
        yield f, "investedIn", p


_FIRMS_AFTER = re.compile(r"(?:此次|本次|当天|现场|还|也|分别|共同|集中|正式|先后)*(?:与|同|和)$")
_JOINS = ("、", "和", "及", "与")


@rule("place-signs-firms", FAMILY, r"签约|签订了?|签署了?", scope="outside-names", examples={
    "仪式上，白杨县分别与恒达纺织科技有限公司、天合新材料有限公司签订了《年产5万吨纱线项目合作协议》《天合新材料产业园项目合作协议》。": [
        ("恒达纺织科技有限公司", "investedIn", "白杨县"), ("天合新材料有限公司", "investedIn", "白杨县")],
    "阿合奇县人民政府与常州天合集团签约，总投资2亿元。": [("常州天合集团", "investedIn", "阿合奇县")],
}, counter=(
    "白杨县与恒达纺织科技有限公司签署战略合作协议。",  # a framework agreement says no investment
    "白杨县分别与恒达纺织科技有限公司、常州市签订了项目合作协议。",  # a place among the parties: no firms' deal
    "阿合奇县与常州天合集团签订了总投资2亿元的年产5万吨纱线项目。",  # the named project is what it invests in (signed-project's)
))
def place_signs_firms(ctx: Ctx, hit: re.Match):
    """R(分别)与E1、E2…签约/签订…项目…协议: the place opens the clause and the firms sign with it —
    each invests there (unless the deal is only a framework, or a project is named right after the
    verb: signed-project's)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    if hit.group() != "签约" and not re.search(r"项目|投资", ctx.text(after, b)):
        return  # 签署战略合作协议: no investment said
    if any(x.start >= after and x.end <= b and x.entity.cls == "Project"
           and re.fullmatch(r"(?:(?:计划)?(?:总投资|投资)(?:约|达|超)?[\d.]+[万亿]?元(?:人民币)?的)?", ctx.text(after, x.start))
           for x in ctx.ms):
        return
    before = [x for x in ctx.ms if a <= span_start(x) and x.end <= pos]
    firms = []
    for x in reversed(before):
        gap = ctx.text(x.end, firms[0].start if firms else pos)
        if x.entity.cls == "Enterprise" and (gap in _JOINS if firms else gap in ("", "分别", "正式", "成功")):
            firms.insert(0, x)
        else:
            break
    if not firms:
        return
    rest = [x for x in before if x.end <= firms[0].start]
    if not rest or not _FIRMS_AFTER.search(ctx.text(rest[-1].end, firms[0].start)) \
            or not re.fullmatch(r"[^，,。；;]{0,12}?", ctx.text(a, span_start(rest[-1]))):
        return
    place = _government_place(ctx, rest[-1]).entity
    if place.cls not in REGION - {"Province"} or any(x.entity.cls != "Enterprise" for x in before if x.start >= firms[0].start):
        return
    for x in firms:
        yield x.entity, "investedIn", place


@rule("agreed-to-develop", FAMILY, r"就(?:共同|合作)?(?:开发|建设|投资建设|投资开发|兴建|实施)", examples={
    "青松县政府与天津恒达公司就开发白杨湖矿泉水达成合作协议，项目总投资6000万元。": [
        ("天津恒达公司", "investedIn", "白杨湖矿泉水")],
}, counter=(
    "青松县与白杨县就共同建设青松河大桥工程达成协议。",  # two places agree: no firm's capital
))
def agreed_to_develop(ctx: Ctx, hit: re.Match):
    """A与B就开发X达成协议: the firm among the parties of the agreement invests in what they agree to
    develop (a government on the other side only hosts it)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    target = next((x for x in ctx.ms if x.start == after and x.entity.cls == "Project"), None)
    if target is None:
        return
    for e in _parties(ctx, pos):
        if e.cls == "Enterprise":
            yield e, "investedIn", target.entity


def _government_place(ctx: Ctx, x):
    """A place's government (R人民政府, R政府) signs for the place: the most specific place its name
    holds; any other mention stays itself."""
    if x.entity.cls != "GovernmentBody" or not re.search(r"(?:人民政府|政府)$", x.entity.label):
        return x
    inner = [y for y in ctx.all_mentions if x.start <= y.start and y.end < x.end and y.entity.cls in REGION]
    return inner[-1] if inner else x


@rule("signed-project", FAMILY, r"签订了?|签署了?|签下了?", scope="outside-names", examples={
    "阿合奇县与苏州恒达纺织科技有限公司签订了总投资2.5亿元的年产5万吨纱线项目。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目")],
    "苏州恒达纺织科技有限公司、常州天合集团与阿合奇县签订年产5万吨纱线项目。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目"),
        ("常州天合集团", "investedIn", "年产5万吨纱线项目")],
}, counter=(
    "阿合奇县与常州市签订了总投资2.5亿元的阿合奇县供水工程。",  # two governments: aid, not investment
    "苏州恒达纺织科技有限公司与阿合奇县签订投资协议，年产5万吨纱线项目年内开工。",
))
def signed_project(ctx: Ctx, hit: re.Match):
    """R与E签订(了)(总投资N元的)P / E与R签订P: the firm that signs a project's deal invests in it."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    first = next((x for x in ctx.ms if after <= x.start < b), None)
    if first is None or first.entity.cls != "Project" or not re.fullmatch(
            r"(?:(?:计划)?(?:总投资|投资)(?:约|达|超)?[\d.]+[万亿]?元(?:人民币)?的)?", ctx.text(after, first.start)):
        return
    parties = [x for x in ctx.ms if a <= x.start and x.end <= pos]
    if not parties or not re.fullmatch(r"(?:[、和及与同]|分别|共同|正式|成功|此次|日前|已)*",
                                       "".join(ctx.text(x.end, y.start) for x, y in zip(parties, parties[1:]))
                                       + ctx.text(parties[-1].end, pos)):
        return
    for x in parties:
        if x.entity.cls == "Enterprise":
            yield x.entity, "investedIn", first.entity


def _parties(ctx: Ctx, a: int) -> list:
    """The parties of an agreement named before `a` (A(还)与B签署…): the firms on each side of the
    last 与/和/同 that joins two of them."""
    before = [x for x in ctx.ms if x.end <= a and x.entity.cls in ORG]
    for x, y in reversed(list(zip(before, before[1:]))):
        if re.fullmatch(r"(?:还|也|又|先后|分别)?(?:与|和|同)", ctx.text(x.end, y.start)):
            return [x.entity, y.entity]
    return []


def _buyers(ctx: Ctx, pos: int):
    """Who acts at `pos`: the group right before it, the sentence's subject when the clause leaves
    it out, or the one firm the clause names before it."""
    buyers = left_group(ctx, pos, kinds=ORG) or elided_subject(ctx, pos, {"Enterprise"})
    a0, _ = clause_of(ctx, pos)
    if not buyers and re.match(r"^(?:公司|该公司|集团|该集团)(?:将|拟|计划|已|还)?", ctx.text(a0, pos)):
        # E发布公告称，公司拟以N元收购F: the bare 公司 is the firm the sentence is about
        buyers = [x.entity for x in ctx.ms if x.end <= a0 and x.entity.cls == "Enterprise"][:1]
    if not buyers:
        firms = [x.entity for x in ctx.ms if a0 <= x.start and x.end <= pos and x.entity.cls == "Enterprise"]
        buyers = firms[:1] if len(firms) == 1 else []
    return buyers


def _target(ctx: Ctx, after: int, b: int, max_gap: int = 5):
    """The firms right after a verb (收购了当地的X), or after a short description of them
    (控股当地企业X, 收购了一家濒临停产的加工厂——X)."""
    targets = right_group(ctx, after, kinds=ORG, max_gap=max_gap)
    if targets:
        return targets
    nxt = next((x for x in ctx.ms if after <= x.start < b), None)
    if nxt is not None and nxt.entity.cls in ORG | REGION:
        first = next((x for x in ctx.ms if after <= x.start < b and x.entity.cls in ORG), None)
        gap = ctx.text(after, first.start) if first is not None else ""
        if first is not None and len(gap) <= 16 and re.search(r"(?:企业|公司|厂|——|—|：|:|的)$", gap):
            return right_group(ctx, first.start, kinds=ORG, max_gap=0)
    return []
