"""fundedBy: aid money for projects — 由D出资/援建, D援建的P, D投入N元用于P, D援X资金建设的P,
a donor's yearly budget and the projects it pays for, project lists of a donor."""
from __future__ import annotations

import re

from ...document import Entity
from ...lexicon import aid_marker
from ...numerals import to_int
from ..direction import paired as aids, pairing_level
from ..engine import (
    ACTOR,
    ORG,
    PAIRING,
    REGION,
    Ctx,
    chain_members,
    clause_of,
    expand,
    filler,
    in_name,
    left_group,
    pairs,
    relation_words,
    respective,
    respective_pairs,
    right_group,
    rule,
    span_start,
    subject_project,
)
from ..places import donor_entity, location_of, pairing_unit
from .investment import AID_PURPOSE, INDEFINITE, aid_firm
from .structure import donor_in_article

FAMILY = "funding"

DONATION = tuple(relation_words()["donation_verbs"])
# what a firm does with money that is aid, not capital: 由E资助/援建/援助的P is funded by E
FIRM_AID_VERBS = ("援助", "援建", "资助", "支持建设", "支持")


def funded(ctx: Ctx, project: Entity, donor: Entity, variant: str, paired: bool = False):
    """project fundedBy donor; a donor place also aids (aid:supports) the place the project is in
    (at any level when the sentence calls it paired aid, 对口援建)."""
    if INDEFINITE.search(project.label):
        return  # 援建R一所小学: one school counted, not a project named
    where = location_of(ctx.doc, project)
    loc = pairing_unit(ctx.doc, where)
    if donor is where or donor is loc:
        return  # the project's own place (全县援疆资金) is where the money goes, not who gives it
    yield project, "fundedBy", donor, variant
    if loc is not None and donor.cls in REGION and loc is not donor and (paired or pairing_level(donor, loc)) \
            and not _paired_above(ctx.doc, donor, loc):
        yield aids(ctx.doc, donor, loc, variant)


def _paired_above(doc, donor: Entity, place: Entity) -> bool:
    """Whether the article already pairs the donor with a place that contains `place` (湖州市 with
    广元市): its money for one of that place's counties adds no pairing of its own."""
    from ... import gazetteer as gz
    if not place.code:
        return False
    above = {d.key for d in gz.get_gazetteer().chain(place.code)[1:]}
    return any(r.predicate in PAIRING and ((r.subject is donor and r.object.key in above) or
                                                (r.object is donor and r.subject.key in above))
               for r in doc.relations)


# how a donor builds, said between it and the verb: 按国内一流标准, 以交钥匙方式, 高标准, 全额 …
_MANNER = re.compile(r"(?:(?:按照?|依照|参照|以)[^，,。；;的]{1,12}?(?:标准|要求|规格|模式|方式|形式|理念)|"
                     r"高标准|高质量|高起点|全额|无偿|整体|异地|对口|集中|启动|先后|陆续|正式|累计|还|又|也|将|"
                     r"今年|去年|近年来|近年|当年|同年|年内|此前|共同|联合|携手|出资|捐资|"
                     r"(?:在|于|向|为|给)[^，,。；;的在于向为给]{2,12}?)+$")


def donors_before(ctx: Ctx, pos: int, kinds=REGION | ORG) -> list[Entity]:
    """The coordinated donors right before a verb at `pos`, past a manner phrase between them and
    the verb (D按国内一流标准援建…, D以交钥匙方式援建…)."""
    donors = left_group(ctx, pos, kinds=kinds)
    a, _ = clause_of(ctx, pos)
    first = next((x for x in ctx.ms if donors and x.entity is donors[0] and a <= span_start(x) < pos), None)
    if donors and not (first is not None and ctx.text(span_start(first) - 1, span_start(first)) in ("在", "于", "向", "为", "给")):
        return donors  # (D在R援建…, D向R援建…: R is where or who receives, not who gives)
    manner = _MANNER.search(ctx.text(a, pos))
    return left_group(ctx, a + manner.start(), kinds=kinds) if manner and manner.start() > 0 else []


def _listed(ctx: Ctx, first) -> list[Entity]:
    """The project mention `first` and the projects coordinated with it (P1、P2和P3等N个项目)."""
    return right_group(ctx, first.start, kinds={"Project"}, max_gap=0) or [first.entity]


@rule("aid-project-of", FAMILY, r"(?:是|为|系)([^，,。；;]{0,16}?)(?:(?:对口援建|援建|{aid_marker})(?:[^，,。；;]{0,6}|[^，,。；;]{0,12}的|[^，,。；;]{0,24}的[^，,。；;的]{1,4})"
                                r"|(?:全额|全部)(?:投资|出资|援助|援建)(?:类|的)?)项目",
      scope="text", examples={
          # two coordinated subjects
          "阿合奇县第二中学和阿合奇县第三小学是江苏常州援疆项目，总投资1亿多元。": [
              ("阿合奇县第二中学", "fundedBy", "常州市"), ("阿合奇县第三小学", "fundedBy", "常州市")],
          # a project the donor pays for in full (为D全额投资类项目); what the donor built first (此为D对口援建最早…的项目)
          "阿合奇县第一幼儿园建设项目，该项目总投资4000万元，为常州市全额投资类项目，年内建成。": [
              ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          "阿合奇县供水工程开工——此为常州市对口援建最早动工建设的项目。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          "第一师十二团新村小区开工——此为浙江省对口援建最早动工建设的项目。": [("新村小区", "fundedBy", "浙江省")],  # no pairing of a province with a regiment
          "在于田县人民医院新建的高原呼吸病防治中心里，医生们正在查房。该防治中心是天津市援疆资金重点支持项目，天津市全额投入援疆资金960万元。": [("高原呼吸病防治中心", "fundedBy", "天津市")],  # 该防治中心: the last words of a name
          "阿图什市第三小学建设项目是江苏省对口援建项目。": [
              ("阿图什市第三小学建设项目", "fundedBy", "江苏省"), ("江苏省", "supports", "阿图什市")],
          "位于阿图什市的克州实验中学是今年江苏援疆项目中的一项重要内容。": [("克州实验中学", "fundedBy", "江苏省")],
          # the aid command as the donor; a longer description of the project (单体最大、投入最高的…项目)
          "阿合奇县第一幼儿园建设项目是常州市援疆指挥部今年单体最大、投入最高的民生类项目，援疆资金投入3000万元。": [
              ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市援疆指挥部")],
      }, counter=(
          "阿合奇县第一幼儿园建设项目是常州市援疆干部今年走访最多的地方，阿合奇县供水工程是县里最大的民生项目。",
      ))
def aid_project_of(ctx: Ctx, hit: re.Match):
    """P是D(对口)援建(的)项目: D funded P, and D aids P's place (at any level when it is 对口援建). A school or
    hospital said to be one of the donor's aid projects (X中学是…援疆项目中的一项) is being built: a
    project."""
    pos = ctx.at(hit.start())
    # a place, or an aid command (D援X指挥部) whose name the aid marker is part of
    donors = [x for x in ctx.ms if ctx.at(hit.start(1)) <= x.start < ctx.at(hit.end(1)) and (
        x.entity.cls in REGION or (x.entity.cls == "GovernmentBody" and aid_marker().search(x.entity.label)))]
    # A和B是D援X项目: each of the coordinated subjects (a school or hospital among them is being built)
    group = left_group(ctx, pos, kinds={"Project", "Institution"}) if donors else []
    for x in ctx.ms if donors else ():
        if (x.end == pos or x.entity in group) and x.entity.cls == "Institution":
            x.entity.cls = "Project"
    subj = [x for x in ctx.ms if x.entity.cls == "Project" and x.end <= pos]
    if subj and donors:
        # 对口援建项目 says the donor aids that place; of a 援X项目 a province aids only prefectures
        # (not when a long description stands between: 对口援建最早动工建设的项目 ranks the project)
        paired = re.search(r"对口援建[^，,。；;]{0,6}项目", hit.group()) is not None
        for p in (group if len(group) > 1 else [subj[-1].entity]):
            yield from funded(ctx, p, donors[0].entity, "aid-project-of", paired=paired)


@rule("funded-by", FAMILY,
      r"由([^，,。；;]{1,40}?)(?:(?:{aid_marker}|{aid_fund_words}|财政|援建)*资金)?(?:全额|全部)?"
      r"(?<!总)(?P<verb>出资|援建|援助|投资|投建|投入|资助|承建|开发建设|开发|{donation_verbs}|支持建设|支持|"
      r"(?<=资金)(?:[\d.]+[万亿]?元)?(?:建设|修建|新建|兴建|建成))",
      emits=("funded-in-place", "built-by", "set-up-by", "funded-by-firm"), examples={
          "阿合奇县第一中学图书馆由苏州恒达纺织科技有限公司捐款建设。": [("阿合奇县第一中学图书馆", "fundedBy", "苏州恒达纺织科技有限公司")],  # a firm's gift is no investment
          "由杭州援建的来凤县翔凤镇自来水厂改扩建工程去年底通水。工程由浙江甬通路桥集团有限公司承建。": [("来凤县翔凤镇自来水厂改扩建工程", "fundedBy", "杭州市"), ("杭州市", "supports", "来凤县"), ("来凤县翔凤镇自来水厂改扩建工程", "organizedBy", "浙江甬通路桥集团有限公司", "built-by")],  # a contractor (承建) builds, it does not invest
          "由辽宁省援疆资金援建的第九师165团职工活动中心、168团卫生院改造项目等3个项目交付使用。": [("第九师165团职工活动中心", "fundedBy", "辽宁省"), ("168团卫生院改造项目", "fundedBy", "辽宁省")],  # a list of projects
          "白沙镇的苏黔电子扶贫车间由苏州甬晟电子有限公司投资建设，总投资300万元。": [("苏州甬晟电子有限公司", "investedIn", "苏黔电子扶贫车间", "funded-by-firm")],
          "宁波甬江文旅集团投资5000万元建设月湖文旅街区项目。由宁波禾川农业发展有限公司和海曙区农牧投资有限公司共同出资组建的宁波禾川食品有限公司已投产。": [("宁波禾川农业发展有限公司", "investedIn", "宁波禾川食品有限公司", "set-up-by"), ("海曙区农牧投资有限公司", "investedIn", "宁波禾川食品有限公司", "set-up-by")],  # firms that set up a firm invest in it, not in the topic project
          "由杭州恒丰电子有限公司出资成立的来凤凤鸣电子有限公司去年实现产值2亿元。": [("杭州恒丰电子有限公司", "investedIn", "来凤凤鸣电子有限公司", "set-up-by")],
          "二、月湖生态研学营地项目\n总投资2.8亿元，由宁波甬江文旅投资集团有限公司在海曙区石碶街道投资建设，打造研学营地。": [("月湖生态研学营地项目", "locatedIn", "石碶街道", "funded-in-place"), ("宁波甬江文旅投资集团有限公司", "investedIn", "月湖生态研学营地项目", "funded-by-firm")],  # a heading names the project of a sentence without a subject
          "三、年产3万吨大豆蛋白加工项目\n由杭州禾丰生物科技有限公司投资建设，落户来凤县，主要生产大豆蛋白。": [("杭州禾丰生物科技有限公司", "investedIn", "年产3万吨大豆蛋白加工项目", "funded-by-firm")],
          "在山南市，湖南省对口支援的隆子县新建的高原蔬菜产业园3月初投入使用。该产业园由湖南援藏资金全额投入3800万元建设。": [("高原蔬菜产业园", "fundedBy", "湖南省"), ("湖南省", "supports", "山南市")],  # 该产业园: the park just named
          "兵团第三师五十一团职工活动中心建设项目由广东省援疆资金全额出资。": [
              ("兵团第三师五十一团职工活动中心建设项目", "fundedBy", "广东省")],
          # 该项目 after a whole and the parts it lists: the whole (aidkg.reference)
          "温宿县文化中心位于温宿县城东新区，包括图书馆、文化馆和天山剧院。该项目由浙江省援建。": [
              ("温宿县文化中心", "fundedBy", "浙江省")],
          "该项目由江苏中建集团承建。年产5万吨纱线项目由江苏中建集团承建。": [
              ("年产5万吨纱线项目", "organizedBy", "江苏中建集团", "built-by")],
          "由苏州恒达纺织科技有限公司和阿图什市城投公司共同出资组建的阿图什锦华纺织有限公司正式成立。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿图什锦华纺织有限公司", "set-up-by"),
              ("阿图什市城投公司", "investedIn", "阿图什锦华纺织有限公司", "set-up-by")],
          "年产5万吨纱线项目由苏州恒达纺织科技有限公司在阿图什市投资建设。": [
              ("年产5万吨纱线项目", "locatedIn", "阿图什市", "funded-in-place"),
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目", "funded-by-firm")],
          "乌恰县人民医院门诊楼项目位于乌恰县城，总投资4200万元，建设资金由江苏省援疆资金全额出资。": [("乌恰县人民医院门诊楼项目", "fundedBy", "江苏省")],
          # a donor's aid fund
          "由湖州市财政帮扶资金支持建设的广安区花桥镇蔬菜大棚基地项目日前建成投用。": [
              ("广安区花桥镇蔬菜大棚基地项目", "fundedBy", "湖州市"), ("湖州市", "supports", "广安区")],
          # the donor's aid money (and its sum) builds it: 由D援X资金N元建设
          "阿合奇县供水工程由常州市援疆资金1200万元建设。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          "乌恰县吉根乡卫生院由江苏省常州市援建。": [("乌恰县吉根乡卫生院", "fundedBy", "常州市"), ("常州市", "supports", "乌恰县")],
          # 分别: one donor each
          "阿合奇县供水工程和阿合奇县第三小学建设项目分别由常州市和无锡市援建。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第三小学建设项目", "fundedBy", "无锡市"),
              ("常州市", "supports", "阿合奇县"), ("无锡市", "supports", "阿合奇县")],
          # two donors coordinated after 由: each of them
          "阿合奇县供水工程由常州市和苏州市共同投资建设。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "苏州市"),
              ("常州市", "supports", "阿合奇县"), ("苏州市", "supports", "阿合奇县")],
          "阿合奇县供水工程是阿合奇县城乡一体化项目的一部分，由常州市投资建设。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          "年产5万吨纱线项目由苏州恒达纺织科技有限公司、常州天合集团共同投资建设。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目", "funded-by-firm"),
              ("常州天合集团", "investedIn", "年产5万吨纱线项目", "funded-by-firm")],
          # the firm that develops a project invests in it
          "阿合奇县供水工程开工。由阿合奇县城投公司开发的阿合奇县冷链物流园项目总投资约6亿元。": [
              ("阿合奇县城投公司", "investedIn", "阿合奇县冷链物流园项目", "funded-by-firm")],
          # 这家由D…的<head>: the project named before, taken up by its head noun
          "阿合奇县青松乡卫生院竣工交付一年。如今，这家由常州援建资金改建的卫生院里可以做手术。": [
              ("阿合奇县青松乡卫生院", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # a firm that sponsors or aids (资助, 援建) funds: that is no capital of its own
          "5月15日，由常州天合集团资助并委托江苏中建集团具体实施的白杨县青松乡第二小学教学综合楼交付使用。": [
              ("白杨县青松乡第二小学教学综合楼", "fundedBy", "常州天合集团")],
          # 这所由D援建的<head>: the school the sentence before named
          "9月28日，白杨县第四幼儿园内处处洋溢着欢声笑语。这所由常州市对口援建的幼儿园，正成为各族儿童成长的乐园。": [
              ("白杨县第四幼儿园", "fundedBy", "常州市")],
          # 由D对口援助的P
          "3月12日，由常州市对口援助的阿合奇县供水工程通过验收。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
      }, counter=(
          # 该项目 after two coordinated projects: either, so neither
          "柯坪县第二中学综合楼和乌什县供水工程同时开工。该项目由浙江省援建。",
          "宁波甬江水务有限公司在海曙区建设城市污水处理厂扩容项目；由宁波甬隆建材股份有限公司投资的绿色建材基地一期已经投产。",  # 由E投资的 modifies what follows it, not the project before
          "年产5万吨纱线项目由苏州恒达纺织科技有限公司牵头，常州市援疆工作组负责协调。",
          # a clause about something else (该校区) is not the article's project
          "年产5万吨纱线项目开工。该校区由常州市援建。",
          # money aided to a thing not named as a project: not the article's project
          "阿合奇县供水工程开工。据了解，阿合奇县环城道路全长2公里，由常州天合集团无偿援助200多万元。",
          # the 由 phrase ends at the project it names; 总投资 is no verb of it
          "阿合奇县供水工程开工。由阿合奇县城投公司负责的阿合奇县冷链物流园项目总投资约6亿元。",
      ))
def funded_by(ctx: Ctx, hit: re.Match):
    """由D(援X资金)(全额)出资/援建/投资 …: D funded the project named before (or after 的, or the
    sentence's topic); a firm's money is investment, a contractor (承建) organises; 由A和B出资组建的
    C公司: A and B invest in the firm they set up; 由E在R投资建设: the project is in R."""
    ms, projects, topic = ctx.ms, ctx.projects, ctx.state.topic
    d_start, d_end = ctx.at(hit.start(1)), ctx.at(hit.end(1))
    if any(d_start <= x.start and x.end <= d_end for x in projects):
        return  # 由E开发的P总投资…: the 由 phrase ended at the project; its verb is further on
    place_ms = [x for x in ms if d_start <= span_start(x) and x.end <= d_end and x.entity.cls in REGION
                and re.search(r"(?:在|于)$", ctx.text(d_start, span_start(x)))]
    if place_ms:
        d_end = span_start(place_ms[0]) - 1
    donors = [x.entity for x in ms if d_start <= span_start(x) and x.end <= d_end and x.entity.cls in REGION | ORG]
    if not donors:
        return
    donor = donors[0]
    end = ctx.at(hit.end())
    after = [x for x in projects if x.start >= end]
    before = [x for x in projects if x.end <= ctx.at(hit.start())]
    b_end = clause_of(ctx, end)[1]
    if after and "的" in ctx.text(end, after[0].start):
        targets = _listed(ctx, after[0])  # 由D援建的P1、P2等N个项目
    elif re.match(r"^[^，,。；;的]{0,4}的", ctx.text(end, b_end)):
        # 由D投资的X一期: what it built is named after it, though not as a project we know;
        # 由A和B共同出资组建的C公司: the firm they set up is what they put capital into
        set_up = re.match(r"^(?:组建|成立|设立|注册成立|合资成立)的", ctx.text(end, b_end))
        for f in [x for x in ms if set_up and x.start == end + set_up.end() and x.entity.cls == "Enterprise"]:
            for d in donors:
                if d.cls in ORG and d is not f.entity:
                    yield d, "investedIn", f.entity, "set-up-by"
        # 这家由D援建资金改建的卫生院: the head noun takes up the project named last
        head = re.match(r"^[^，,。；;的]{0,4}的([\u4e00-\u9fff]{2,4})", ctx.text(end, b_end))
        named = ([x.entity for x in before] or ([topic] if topic is not None else []))[-1:]
        pointing = head and not set_up and re.search(r"(?:这|该|此)(?:家|所|座|个|处)?$",
                                                     ctx.text(clause_of(ctx, ctx.at(hit.start()))[0], ctx.at(hit.start())))
        ends_in_head = lambda e: any(e.label.endswith(head.group(1)[:k]) for k in (4, 3, 2))
        targets = [p for p in named if pointing and ends_in_head(p)]
        if pointing and not targets:
            # 塔城市第四幼儿园…。这所由D对口援建的幼儿园: the school or hospital the sentence before
            # named, which the aid built — a project
            last = [x for x in ctx.doc.mentions if x.entity is not None and ctx.sent - 2 <= x.sentence < ctx.sent
                    and x.entity.cls in ("Project", "Institution")]
            if last and ends_in_head(last[-1].entity):
                last[-1].entity.cls = "Project"
                targets = [last[-1].entity]
    else:
        # a clause with no subject of its own speaks of the project the sentence opens with
        subject = subject_project(ctx, ctx.at(hit.start()))
        verb = hit.group("verb")
        # the topic only when the clause names nothing else before 由 (该校区由D援建 speaks of the
        # campus); 援助 gives money as often as it builds: only a project of this sentence is its target
        lead = ctx.text(clause_of(ctx, ctx.at(hit.start()))[0], ctx.at(hit.start())).strip("，, ")
        bare = re.fullmatch(r"(?:其|该|本|此)?(?:项目|工程)?(?:建设)?(?:资金)?(?:全部|主要|均|也|则)?", lead)
        targets = [subject.entity] if subject else [before[-1].entity] if before else \
            [topic] if topic is not None and verb != "援助" and bare else []
    verb = hit.group("verb")
    if verb.startswith("开发") and donor.cls != "Enterprise":
        return  # a firm develops with its capital; a government's 开发 says nothing of money
    # 由A和B(共同)投资建设: every donor of the coordinated group that opens the 由 phrase
    group = right_group(ctx, d_start, kinds=REGION | ORG, max_gap=0)
    together = group if len(group) > 1 and all(d in donors for d in group) else [donor]
    if len(together) > 1 and "分别" in ctx.text(max(ctx.start, ctx.at(hit.start()) - 3), ctx.at(hit.start())):
        # A和B分别由D1和D2援建: one donor each, in order (none when the counts differ)
        listed = left_group(ctx, before[-1].end, kinds={"Project"}) if before else []
        targets, together = [], []
        for p, d in zip(listed, group) if len(listed) == len(group) else ():
            if d.cls == "Enterprise" and verb not in DONATION + FIRM_AID_VERBS + ("承建",):
                yield d, "investedIn", p, "funded-by-firm"
            elif verb != "承建":
                yield from funded(ctx, p, d, "funded-by")
    for target in targets:
        if place_ms and place_ms[-1].end == ctx.at(hit.start("verb")) and donor.cls in ORG:
            yield target, "locatedIn", place_ms[-1].entity, "funded-in-place"
        for d in together:
            if d.cls == "Enterprise" and verb == "承建":
                yield target, "organizedBy", d, "built-by"  # the contractor, not an investor
            elif d.cls == "Enterprise" and verb not in DONATION + FIRM_AID_VERBS:
                yield d, "investedIn", target, "funded-by-firm"  # a firm's money is investment
            else:
                yield from funded(ctx, target, d, "funded-by")


@rule("money-to-project", FAMILY,
      r"(?:{aid_marker}|(?:东西部)?(?:扶贫)?{aid_fund_words})资金[\d,.，]+\s*[万亿]?元(?:人民币)?[，,]?(?:投向|用于|投入|支持)"
      r"(?:建设|新建|支持)?",
      emits=("money-in-place",), examples={
          "在乌恰县，江苏援疆资金9,200万元投向吉根乡边境公路（二期）工程。": [("吉根乡边境公路（二期）工程", "fundedBy", "江苏省"), ("吉根乡边境公路（二期）工程", "locatedIn", "乌恰县", "money-in-place")],  # 在R，… the place named first
          "在来凤县，杭州东西部协作资金1,500万元用于翔凤镇农村公路提升工程，惠及群众3000人。": [("翔凤镇农村公路提升工程", "fundedBy", "杭州市"), ("杭州市", "supports", "来凤县"), ("翔凤镇农村公路提升工程", "locatedIn", "来凤县", "money-in-place")],
          "在阿图什市，江苏省援疆资金5000万元用于恒达职业技术学校实训楼建设项目。": [
              ("恒达职业技术学校实训楼建设项目", "fundedBy", "江苏省"),
              ("恒达职业技术学校实训楼建设项目", "locatedIn", "阿图什市", "money-in-place")],
          # a comma before what the money is for, and its verb
          "常州市援疆资金1500万元，用于建设阿合奇县第三小学。": [
              ("阿合奇县第三小学", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
      }, counter=(
          "常州市援疆资金1500万元，用于建设一所小学和阿合奇县第三小学。",
      ))
def money_to_project(ctx: Ctx, hit: re.Match):
    """(在R，)D援X资金N元投向/用于P: the money of D goes to P (in R)."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    donor = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION]
    target = [x for x in ctx.projects if end <= x.start <= end + 1]
    if not donor or not target:
        return
    yield from funded(ctx, target[0].entity, donor[0].entity, "money-to-project")
    lead = re.match(r"^在(囗+)[，,]", ctx.blanked)
    at = [x for x in ctx.ms if lead and span_start(x) == ctx.start + 1 and x.end == ctx.start + lead.end(1)
          and x.entity.cls in REGION - {"Province"}]
    if at:
        yield target[0].entity, "locatedIn", at[0].entity, "money-in-place"


# money named by its programme only, right before the verb (东西部协作帮扶资金出资N元)
_PROGRAMME_MONEY = re.compile(expand(r"(?:{aid_fund_words}|扶贫|援[\u4e00-\u9fff]|援助)资金(?:全额|共|累计)?"
                                     r"(?:{give_verbs}|使用|出资|投资)?$"))
# D帮扶N元建设了Z: the park the money builds
_BUILDS_ZONE = re.compile(expand(r"(?:资金)?[，,]?{build_verbs}了?"))

# aid verbs that give money: it is a project's only when the project it builds is named after it
AID_GIVES = frozenset(relation_words()["aid_money_verbs"])
# the clause after a figure that says what the money is for: ，用于P / ，为R…实施P / ，支持建设P / ，在R建设P
_PURPOSE_NEXT = re.compile(expand(r"^[，,](?:拟|计划|将|主要|重点|专项|全部|全额)?"
                                  r"(?:用于|支持|为|{build_verbs}|在[^，,。；;\d]{2,12}?{build_verbs})"))


@rule("money-for", FAMILY, r"(?<!总)(?P<verb>{give_verbs}|{aid_money_verbs}|{donation_verbs}|使用|出资|投资|筹集)"
                           r"(?P<what>[^，,。；;]{0,10}?)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:多|余)?\s*(?:[万亿]?元|[万亿]人民币)",
      scope="text",
      emits=("donation", "money-for-place", "money-for-firm", "firm-aid", "money-for-body"), examples={
          # a firm the article writes as giving paired aid funds what it puts money into (the last
          # sentence's subject goes on)
          "2002年以来，常州天合集团对口支援白杨县。常州天合集团投入1120万元建成白杨县人民医院门诊楼。投入3500万元新建白杨县区域医疗服务中心。": [
              ("白杨县人民医院门诊楼", "fundedBy", "常州天合集团", "firm-aid"),
              ("白杨县区域医疗服务中心", "fundedBy", "常州天合集团", "firm-aid")],
          # a firm's money for aid (援建, 资助) funds: it is no capital of the firm
          "常州天合集团还将出资180万元资助白杨县青松河大桥工程建设。": [
              ("白杨县青松河大桥工程", "fundedBy", "常州天合集团", "firm-aid")],
          # a firm's money named as aid (帮扶资金) funds
          "江苏青松银行投入帮扶资金500万元，建设白杨县特色产业园。": [
              ("白杨县特色产业园", "fundedBy", "江苏青松银行", "firm-aid")],
          "苏州恒达纺织科技有限公司、常州天合集团共同出资3000万元，援建白杨县青松镇中心小学。": [
              ("白杨县青松镇中心小学", "fundedBy", "苏州恒达纺织科技有限公司", "firm-aid"),
              ("白杨县青松镇中心小学", "fundedBy", "常州天合集团", "firm-aid")],
          "苏州恒达纺织科技有限公司捐助50万元，支持建设阿合奇县第一中学图书馆。": [("阿合奇县第一中学图书馆", "fundedBy", "苏州恒达纺织科技有限公司", "donation")],  # any donation verb (data: donation_verbs)
          "常州市下达援疆资金300万元，用于阿合奇县第一幼儿园改扩建项目。": [("阿合奇县第一幼儿园改扩建项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],  # any giving verb (data: give_verbs)
          "安排苏州市援助资金3000万元，在伽师县建设西域甜瓜精深加工中心，建筑面积5000平方米。": [("西域甜瓜精深加工中心", "fundedBy", "苏州市"), ("苏州市", "supports", "伽师县")],  # the project built in the next clause
          "绍兴市与阿克苏地区结对协作。安排绍兴市援助资金2000万元，在温宿县建设温宿县红枣精深加工中心。": [("温宿县红枣精深加工中心", "fundedBy", "绍兴市")],  # a city paired with a prefecture is not paired with its county
          "苏州市吴中区拨付对口援助资金500万元，为阿合奇县6所乡镇小学实施智慧课堂改造项目。": [("智慧课堂改造项目", "locatedIn", "阿合奇县", "money-for-place"), ("智慧课堂改造项目", "fundedBy", "吴中区"), ("吴中区", "supports", "阿合奇县")],
          "苏州云锦文化传播有限公司捐资60万元，支持建设阿合奇县第一中学校史馆。": [("阿合奇县第一中学校史馆", "fundedBy", "苏州云锦文化传播有限公司", "donation")],  # a donation funds, it does not invest
          "今年，浙江省安排援疆资金1.2亿元，实施了甬城产业工人公寓和开发区污水处理厂提标改造两个项目。其中甬城产业工人公寓总投资7600万元，建筑面积3.8万平方米。": [("甬城产业工人公寓", "fundedBy", "浙江省")],  # the items a count of projects sums up
          "江苏省投入援疆资金5000万元建设阿图什市第三小学。": [("阿图什市第三小学", "fundedBy", "江苏省")],
          # a figure grouped by thousands, an upper bound, 万人民币
          "常州市将投入不超过3,000万人民币援建阿合奇县第三小学。": [
              ("阿合奇县第三小学", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # a round figure (N余万元, N多万元) is money all the same
          "静安区投入500余万元在阿合奇县新建阿合奇县第二小学。": [
              ("阿合奇县第二小学", "fundedBy", "静安区"), ("静安区", "supports", "阿合奇县")],
          "常州市捐资200万元援建阿合奇县第一幼儿园。": [
              ("阿合奇县第一幼儿园", "fundedBy", "常州市", "donation"), ("常州市", "supports", "阿合奇县", "donation")],
          "苏州恒达纺织科技有限公司投入资金3亿元建设年产5万吨纱线项目。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目", "money-for-firm")],
          "江苏省在阿图什市安排援疆资金5000万元建设职业技术学校实训楼建设项目。": [
              ("职业技术学校实训楼建设项目", "fundedBy", "江苏省"),
              ("职业技术学校实训楼建设项目", "locatedIn", "阿图什市", "money-for-place")],
          "过去三年常州市累计向阿合奇县投入1200万元，实施阿合奇县第一幼儿园建设项目、阿合奇县供水工程等5个项目。": [
              ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "常州市")],
          "常州市委、市政府还在计划外提供100万元资金，援建了阿合奇县供水工程。": [
              ("阿合奇县供水工程", "fundedBy", "常州市委")],
          "苏州市投入援疆资金1200万元建设乌恰县第二小学综合楼。": [
              ("乌恰县第二小学综合楼", "fundedBy", "苏州市"), ("苏州市", "supports", "乌恰县")],
          "江苏援疆资金安排300万元建设的伽师县职工书屋提升项目投入使用。": [
              ("伽师县职工书屋提升项目", "fundedBy", "江苏省")],
          # money allotted in a place comes from the subject, not from the place
          "今年，宁波援疆资金在温宿县安排1350万元新建温宿县第三寄宿制小学，在乌什县安排960万元实施乌什县人民医院"
          "门诊楼建设项目。": [
              ("温宿县第三寄宿制小学", "fundedBy", "宁波市"), ("宁波市", "supports", "温宿县"),
              ("乌什县人民医院门诊楼建设项目", "fundedBy", "宁波市"), ("宁波市", "supports", "乌什县")],
          "江苏援藏资金在拉孜县投入800万元建设拉孜县青稞加工中心。": [("拉孜县青稞加工中心", "fundedBy", "江苏省")],
          # a park being built is a project
          "上海市计划投资4600万元建设萨迦县高原果蔬产业园。": [("萨迦县高原果蔬产业园", "fundedBy", "上海市")],
          # aid verbs (帮扶, 援助, 资助 …) give money too; 拟/计划 may open the clause of what it builds
          "今年常州市将帮扶500万元资金拟建设阿合奇县第一幼儿园建设项目。": [
              ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          "常州市援助资金800万元，计划新建阿合奇县人民医院门诊楼。": [
              ("阿合奇县人民医院门诊楼", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # a sentence without a subject goes on with the last one's; the park the money builds
          "常州市与阿合奇县建立起对口帮扶关系。以产业转移为抓手，累计投入帮扶资金超1.1亿元用于支持阿合奇县常州工业园建设。": [
              ("阿合奇县常州工业园", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # A、B通过C向R捐赠: C passes the money on
          "常州天合集团、苏州恒达纺织科技有限公司通过常州市红十字会向阿合奇县人民政府捐赠300万元，用于援建阿合奇县第一幼儿园。": [
              ("阿合奇县第一幼儿园", "fundedBy", "常州天合集团", "donation"),
              ("阿合奇县第一幼儿园", "fundedBy", "苏州恒达纺织科技有限公司", "donation")],
          # a park the donor's money built
          "常州市帮扶2000万元建设了阿合奇县常州工业园。": [
              ("阿合奇县常州工业园", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # money named by its programme only: the donor the article names with that programme
          "常州援建的阿合奇县今年变化很大。2018年，东西部协作帮扶资金出资185万元，在这里建起了青松村白芨育苗基地。": [
              ("青松村白芨育苗基地", "fundedBy", "常州市")],
          # 分别: as many donors as projects, one to one
          "常州、无锡2市将分别帮扶300万元，拟实施阿合奇县供水工程、乌恰县人民医院改扩建项目等2个民生项目。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县"),
              ("乌恰县人民医院改扩建项目", "fundedBy", "无锡市"), ("无锡市", "supports", "乌恰县")],
          # 分别 with a list after the verb and no count: one to one all the same
          "常州市、无锡市分别投入300万元、500万元，援建阿合奇县供水工程和乌恰县第二小学。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县"),
              ("乌恰县第二小学", "fundedBy", "无锡市"), ("无锡市", "supports", "乌恰县")],
          # an aid firm's giving goes on past a semicolon (the subject of both clauses)
          "常州天合集团对口帮扶白杨县。常州天合集团还投入1600万元扶持产业发展。其中投入700万元扶持养殖业；投入350万元，在青松村打造白杨县食用菌产业示范基地。": [
              ("白杨县食用菌产业示范基地", "fundedBy", "常州天合集团", "firm-aid")],
          # a giver that is neither a place nor a firm: a foundation, a chamber, a hospital elsewhere
          "常州市慈善基金会出资80万元援建阿合奇县第三小学。": [
              ("阿合奇县第三小学", "fundedBy", "常州市慈善基金会", "money-for-body")],
          "常州市第一人民医院投入50万元用于阿合奇县人民医院远程诊疗中心建设。": [
              ("阿合奇县人民医院远程诊疗中心", "fundedBy", "常州市第一人民医院", "money-for-body")],
          "常州市温州商会投入120万元，实施阿合奇县青松村道路硬化工程。": [
              ("阿合奇县青松村道路硬化工程", "fundedBy", "常州市温州商会", "money-for-body")],
      }, counter=(
          # a body's money for its own building is no gift
          "阿合奇县人民医院投入300万元建设阿合奇县人民医院门诊楼。",
          # 分别 and a list that does not match the givers: no pair can be trusted
          "常州市、无锡市、苏州市分别投入300万元，援建阿合奇县供水工程和乌恰县第二小学。",
          "阿合奇县争取上级资金500万元，计划新建阿合奇县人民医院门诊楼。",
          "常州天合集团、苏州恒达纺织科技有限公司共同出资3000万元，援建白杨县一所小学。",  # no project named
          # two givers each 在R投资… (invest's): the first is not the second's
          "常州天合集团在阿合奇县投资2亿元建设年产5万吨纱线项目、苏州恒达纺织科技有限公司在阿合奇县投资1亿元建设阿合奇县冷链物流园项目。",
          # money an aid verb gives a place is no project's named before it
          "在阿合奇县供水工程通水仪式上获悉，常州市累计援助3亿元帮扶阿合奇县发展。",
          "常州、无锡、苏州3市将分别帮扶300万元，拟实施阿合奇县供水工程、乌恰县人民医院改扩建项目等2个民生项目。",
          "常州市投入援疆资金3亿元，支持新建阿合奇县双语幼儿园30所。",
          # the last sentence's subject gives only aid money, and only to a place it does not hold
          "常州市与阿合奇县建立起对口帮扶关系。累计投入资金1.1亿元用于阿合奇县第一幼儿园建设项目。",
          "阿合奇县今年实施民生工程。累计投入帮扶资金1.1亿元用于阿合奇县第一幼儿园建设项目。",
          # a place signing a project's deal gives no money: 总投资 is what the project costs
          "阿合奇县与苏州恒达纺织科技有限公司签订了总投资2.5亿元的年产5万吨纱线项目。",
          # programme money with no donor named anywhere with an aid word
          "2018年，东西部协作帮扶资金出资185万元，在这里建起了青松村白芨育苗基地。",
          # a giver opening the next item of a list: the project before is the item before's
          "常州天合集团投资2600万元建设青松村中药材基地、苏州恒达纺织科技有限公司投资1.7亿元异地改扩建等项目落户阿合奇县。",
      ))
def money_for(ctx: Ctx, hit: re.Match):
    """D投入/安排/使用/提供(援X)资金N元(用于|建设|援建…的)P; D出资N元援建的P; 该项目使用D援X资金:
    D funded P (a firm invested; a gift is funding); D(援X资金)在R安排N元…P: P is in R;
    D向R投入N元，实施P1、P2等N个项目: R receives, D funds each listed project. A kind of facility
    counted (双语幼儿园30所) is no named project."""
    ms, projects, topic = ctx.ms, ctx.projects, ctx.state.topic
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    if in_name(ctx, pos, ctx.at(hit.end("verb"))):
        return
    projects = [x for x in projects if not _counted_kind(ctx, x)]
    donors = left_group(ctx, pos, kinds=REGION | ORG)
    # the group's own mentions: no other name between them and the verb
    at = [x for x in ms if x.entity in donors and x.end <= pos
          and not any(y.entity not in donors and x.end <= y.start and y.end <= pos for y in ms)]
    if at and ctx.text(span_start(at[0]) - 1, span_start(at[0])) in ("向", "为", "给"):
        # D(累计)向R投入N元: R receives the money; D is the actor before 向
        a, _ = clause_of(ctx, pos)
        k = span_start(at[0]) - 1
        giver = [x for x in ms if a <= span_start(x) and x.end <= k and x.entity.cls in REGION | ORG]
        donors = [giver[-1].entity] if giver and filler(ctx.text(giver[-1].end, k)) else []
        via = ctx.text(a, k).rfind("通过")
        if donors and via > 0:
            # A、B通过C向R捐赠: C only passes the money on; A and B give it
            donors = left_group(ctx, a + via, kinds=REGION | ORG) or donors
        at = []
    if not donors:
        donors = _clause_subject(ctx, pos)
    place = None
    if at and ctx.text(span_start(at[0]) - 1, span_start(at[0])) in ("在", "于"):
        # D(援X资金)在R安排N元…: R is where the money goes; the donor is the sentence's subject
        place = at[-1].entity
        # (the giver named last before 在R: E1在R投资…、E2在R投资… are two givers)
        givers = [x.entity for x in ms if x.end < span_start(at[0]) and x.entity.cls in REGION | ORG
                  and ctx.text(span_start(x) - 1, span_start(x)) not in ("在", "于")]
        donors = givers[-1:]
    inside = [x.entity for x in ms if pos <= x.start and x.end <= end and x.entity.cls in REGION | ORG]
    if not donors and inside:
        donors = inside[:1]  # 使用江苏省援疆资金
    prev = ctx.state.prev_subject
    if not donors and prev is not None and prev.cls in REGION | {"GovernmentBody"} \
            and re.search(r"帮扶|援|协作|对口", hit.group("what")) and not any(x.end <= pos for x in ms):
        donors = [prev]  # D与R结对。(以…为抓手，)累计投入帮扶资金N元用于…: the last sentence's subject gives
    if not donors and prev is not None and prev.cls == "Enterprise" and aid_firm(ctx, prev) \
            and not any(x.end <= pos for x in ms) and re.match(r"^[，,]?(?:其中[，,]?)?(?:并|还|又|再|另)?$", ctx.text(clause_of(ctx, pos)[0], pos)):
        donors = [prev]  # E对口支援R…。投入N元新建P: the aid firm of the last sentence goes on giving
    if not donors and _PROGRAMME_MONEY.search(ctx.text(clause_of(ctx, pos)[0], pos) + hit.group("verb") + hit.group("what")) \
            and not any(x.end <= pos for x in ms):
        # (东西部)协作帮扶资金出资N元: the money named by its programme only — the donor the
        # article names with that programme
        donors = [d for d in [_aid_donor(ctx)] if d is not None]
    if not donors and _after_semicolon(ctx) and ctx.state.giver is not None and ctx.state.giver[1] == ctx.sent - 1 \
            and not any(x.end <= pos for x in ms) and re.match(r"^[，,]?(?:其中[，,]?)?(?:并|还|又|再|另)?$", ctx.text(clause_of(ctx, pos)[0], pos)):
        donors = list(ctx.state.giver[0])  # …投入N元扶持X；投入M元，在R打造P: the clause after ； goes on with its giver
    if not donors:
        return
    ctx.state.giver = (donors, ctx.sent)
    _, b = clause_of(ctx, pos)
    later = [x for x in projects if x.start >= end and x.end <= b
             and ctx.text(x.start - 1, x.start) not in ("为", "给", "向")]  # 为X建设的P: X benefits
    # 用于(支持)Z建设: a park the money builds is its project
    later = later or [x for x in ms if x.entity.cls == "DevelopmentZone" and end <= x.start and x.end <= b
                      and x.entity not in donors and (
                          (re.search(r"用于(?:支持)?$", ctx.text(end, x.start)) and ctx.text(x.end, x.end + 2) == "建设")
                          or _BUILDS_ZONE.fullmatch(ctx.text(end, x.start)))]
    if not later and b + 1 < ctx.end:
        # D拨付资金N元，用于P / ，为R…实施P / ，支持建设P: the next clause says what the money is for
        _, b2 = clause_of(ctx, b + 1)
        purpose = _PURPOSE_NEXT.match(ctx.text(b, b2))
        later = [x for x in projects if b < x.start and x.end <= b2] if purpose else []
        beneficiary = [x for x in ms if x.start == b + 2 and ctx.text(b + 1, b + 2) == "为"
                       and x.entity.cls in REGION - {"Province"}]
        if later and beneficiary:
            yield later[0].entity, "locatedIn", beneficiary[0].entity, "money-for-place"
    built = [x for x in later if ctx.text(x.start - 1, x.start) == "的"]
    target = (built or later)[0].entity if later else None
    if target is None and hit.group("verb") in AID_GIVES:
        return  # D援助N元帮扶R: an aid verb's money builds no project named before it
    if target is None:
        earlier = [x for x in projects if x.end <= pos]
        # E1投资N元建设P1、E2投资M元…: a giver that opens an item of a list has no part in the item before
        opens_item = [x for x in ms if x.entity in donors and x.end <= pos and earlier and x.start >= earlier[-1].end
                      and ctx.text(span_start(x) - 1, span_start(x)) == "、"]
        if opens_item:
            return
        target = earlier[-1].entity if earlier else (
            topic if re.match(r"^(?:该|本)?(?:项目|工程)", ctx.text(ctx.start, pos).lstrip("，, ")) else None)
    if target is None:
        return
    if place is not None and place.cls in REGION and later and later[0].end <= b:
        yield target, "locatedIn", place, "money-for-place"
    # 实施了A和B两个项目 / 实施A、B等N个项目: the money is for every project the count sums up
    targets = [target] + [x.entity for x in later[1:] if later[0].source == x.source == "grammar:counted-list"]
    if later and target is later[0].entity and _sums_up(ctx, later[0]):
        targets = _listed(ctx, later[0])
    # A、B 2市分别投入N元，实施P1、P2: one to one (none when the counts differ)
    couples = respective_pairs(ctx, donors, later[0], {"Project"}, clause_of(ctx, pos)[0]) if later else None
    for d, target in couples if couples is not None else pairs(ctx, donors, targets, pos):
        if hit.group("verb") in DONATION:
            yield from funded(ctx, target, d, "donation")  # a gift is funding, not capital
        elif d.cls == "Enterprise" and (_aid_purpose(ctx, end, target) or aid_firm(ctx, d)
                                        or _AID_FUNDS.search(hit.group("what"))):
            # (E投入帮扶资金N元: the money is named as aid)
            yield from funded(ctx, target, d, "firm-aid")  # E出资N元援建的P, a firm giving paired aid: aid
        elif d.cls == "Enterprise":
            yield d, "investedIn", target, "money-for-firm"
        elif d.cls in REGION | {"GovernmentBody"}:
            yield from funded(ctx, target, d, "money-for")
        elif d.cls in ORG and not _own_body(d, target):
            # a giver of any other kind — a chamber of commerce, a foundation, a hospital, a school
            # that pays for a project elsewhere — funds it (its own building is no gift: _own_body)
            yield from funded(ctx, target, d, "money-for-body")


def _after_semicolon(ctx: Ctx) -> bool:
    """Whether the sentence before ends in a semicolon: the two are clauses of one statement (the
    sentences a semicolon parts share their subject)."""
    if ctx.sent == 0:
        return False
    prev = ctx.doc.sentences[ctx.sent - 1]
    return re.search(r"[；;]\s*$", ctx.doc.norm[prev.start:prev.end]) is not None


def _own_body(body: Entity, project: Entity) -> bool:
    """Whether the project is a part or work of the body itself (阿合奇县人民医院投入N元建设阿合奇县人民医院
    门诊楼): money a body spends on its own building is no aid it gives."""
    return any(project.label.startswith(name) for name in {body.label, *body.alt_labels} if len(name) >= 2)


# money named as aid between the verb and the sum (E投入帮扶资金/扶贫资金/援疆资金N元)
_AID_FUNDS = re.compile(expand(r"(?:帮扶|扶贫|援助|捐赠|{aid_marker}|{aid_fund_words})(?:专项)?(?:资金|款)"))


def _aid_purpose(ctx: Ctx, start: int, target: Entity) -> bool:
    """Whether aid words (援建, 资助, 捐, 援X资金) stand between `start` and the target's mention in
    this sentence (E出资N元援建的P, E出资N元，资助P建设): the money is a firm's aid."""
    at = next((x.start for x in ctx.ms if x.entity is target and x.start >= start), None)
    return at is not None and AID_PURPOSE.search(ctx.text(start, at)) is not None


def _counted_kind(ctx: Ctx, m) -> bool:
    """A kind of facility followed by its count (双语幼儿园130所) names no one project."""
    return bool(re.match(r"^[\d一二三四五六七八九十两百千余多]+(?:所|座|家|处|个|项|间)", ctx.text(m.end, m.end + 6)))


def _sums_up(ctx: Ctx, first) -> bool:
    """Whether the projects listed from `first` end in 等N个…项目 (a list the figure covers)."""
    group = right_group(ctx, first.start, kinds={"Project"}, max_gap=0) or [first.entity]
    last = [x for x in ctx.projects if x.entity is group[-1] and x.start >= first.start][:1]
    tail = ctx.text(last[0].end, ctx.end) if last else ""
    return bool(re.match(r"^[^，,。；;]{0,12}?等[\d一二三四五六七八九十两多余]+个[^，,。；;]{0,12}?项目", tail))


def _clause_subject(ctx: Ctx, pos: int) -> list[Entity]:
    """The actors that open the clause of `pos` when nothing but a short adverbial stands between
    them and the verb (D委、市政府还在计划外提供…)."""
    a, _ = clause_of(ctx, pos)
    group = right_group(ctx, a, kinds=REGION | ORG, max_gap=0)
    first = [x for x in ctx.ms if span_start(x) == a and x.entity in group]
    if not first:
        return []
    last = [x for x in ctx.ms if x.entity is group[-1] and x.end <= pos][-1:]
    gap = ctx.text(last[0].end, pos) if last else ""
    if not last or len(gap) > 10 or any(last[0].end <= x.start and x.end <= pos for x in ctx.ms) \
            or re.search(r"[向为给对与和同]", gap):
        return []
    return [e for e in group if e.cls in REGION | {"GovernmentBody", "Enterprise"}]


@rule("aid-fund-built", FAMILY, r"(?:对口)?(?:{aid_marker}|{aid_fund_words}|援助|支援)资金(?:重点|全额|全部)?(?:支持|援助)?"
                                r"(?:投入|出资|安排|下达|拨付)?(?:\d+(?:\.\d+)?[万亿]?元)?"
                                r"{build_verbs}的", scope="text", examples={
    "浙江省援藏资金支持建设的那曲市色尼区那曲镇游客服务中心改造项目已开工。": [("那曲市色尼区那曲镇游客服务中心改造项目", "fundedBy", "浙江省")],  # a province pairs with prefectures, not with this district
    "江苏省援疆资金建设的阿图什市第三小学投入使用。": [("阿图什市第三小学", "fundedBy", "江苏省")],
})
def aid_fund_built(ctx: Ctx, hit: re.Match):
    """D(援X资金)(支持|全额投入N元)建设的P: the donor's aid fund built it."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    donors = [x.entity for x in ctx.ms if x.end == pos and x.entity.cls in REGION | {"GovernmentBody"}]
    first = [x for x in ctx.projects if 0 <= x.start - end <= 2]
    for d in donors[:1]:
        for p in (_listed(ctx, first[0]) if first else []):
            yield from funded(ctx, p, d, "aid-fund-built")


@rule("with-support", FAMILY, r"在(?P<who>[^，,。；;]{2,24}?)(?:的)?(?:大力|倾情|鼎力|全力|精准|无私)?"
                              r"(?:帮扶|支持|支援|援助|帮助|扶持|资助)下[，,]?", scope="text", examples={
    "今年以来，在江西省的对口支援下，兵团第一师阿拉尔市把产业援疆作为重要抓手。": [("江西省", "supports", "第一师"), ("江西省", "supports", "阿拉尔市")],  # a division and its city are both paired
    "在江苏省苏州市的大力支持下，伽师县脱贫攻坚成果持续巩固。": [("苏州市", "supports", "伽师县")],
    "在宁波市帮扶资金的支持下，昭觉县特色农产品加工中心顺利投产。": [("昭觉县特色农产品加工中心", "fundedBy", "宁波市"), ("宁波市", "supports", "昭觉县")],
    "在江苏省援疆资金的支持下，阿图什市第三小学建成投用。": [("阿图什市第三小学", "fundedBy", "江苏省")],
    "在江苏省的对口支援下，阿图什市经济快速发展。": [("江苏省", "supports", "阿图什市")],
    # the aid money the sentence spends later, no giver of its own: the supporter's (the place
    # whose party committee and government are named)
    "在江苏省委、省政府的无私援助下，投入援藏资金3000万元建设的拉孜县青稞加工中心正式开工。": [
        ("拉孜县青稞加工中心", "fundedBy", "江苏省")],
}, counter=(
    "在江苏省委、省政府的无私援助下，阿图什市投入自有资金3000万元建设的青松村小康示范村项目正式开工。",
    "在江苏省的大力支持下，常州市投入援疆资金3000万元建设的阿合奇县第三小学正式开工。",
))
def with_support(ctx: Ctx, hit: re.Match):
    """在D(援X资金)(的)(大力)支持/帮扶下，S…: with D's money the clause's project is funded by D;
    with D's help the clause's place is paired with D (each unit of a chain)."""
    w0, w1, end = ctx.at(hit.start("who")), ctx.at(hit.end("who")), ctx.at(hit.end())
    donors = [x.entity for x in ctx.ms if w0 <= span_start(x) and x.end <= w1 and x.entity.cls in REGION | ORG]
    if not donors:
        return
    _, b = clause_of(ctx, end)
    if "资金" in hit.group("who"):
        built = [x for x in ctx.projects if end <= x.start < b]
        if built:
            yield from funded(ctx, built[0].entity, donors[0], "with-support")
    elif (spent := _SPENT_WITH_AID.search(ctx.sentence, hit.end())) is not None and re.search(r"援助|帮扶|支援|资助", hit.group()):
        # 在D(省委、省政府)的无私援助下，…投入援X资金N元建设的P: the aid money of the sentence, spent with
        # no giver named of its own, is D's (a party committee and government stand for their place)
        k = ctx.at(spent.start())
        a2, _ = clause_of(ctx, k)
        if any(a2 <= span_start(x) and x.end <= k and x.entity.cls in ACTOR for x in ctx.ms):
            return  # another giver spends it
        at = ctx.at(spent.end())
        built = [x for x in ctx.projects if at <= x.start and len(ctx.text(at, x.start)) <= 80
                 and clause_of(ctx, x.start)[1] == clause_of(ctx, at)[1]][:1]
        places = [x.entity for x in ctx.doc.mentions if x.sentence == ctx.sent and w0 <= x.start and x.end <= w1
                  and x.entity is not None and x.entity.cls in REGION]
        giver = places[0] if places and all(d.cls in REGION or d.label.startswith(places[0].label[:2]) for d in donors) \
            else donors[0]
        for p in (_listed(ctx, built[0]) if built else []):
            yield from funded(ctx, p, giver, "with-support")
    elif donors[0].cls in REGION:
        subj = [x for x in ctx.ms if end <= x.start < b and x.entity.cls in ACTOR][:1]
        if subj and subj[0].entity.cls in REGION and subj[0].entity is not donors[0]:
            # 在D的对口支援下，兵团第六师五家渠市…: each unit of the chain is paired (chain_members)
            for r in chain_members(subj[0]) if span_start(subj[0]) == end else [subj[0].entity]:
                if r is not donors[0] and r.cls in REGION:
                    yield aids(ctx.doc, donors[0], r)


# aid money spent later in the sentence, and what it builds: 投入援X资金N元建设的 / 使用帮扶资金…建设
_SPENT_WITH_AID = re.compile(expand(r"(?:{give_verbs}|使用|利用)(?:{aid_marker}|{aid_fund_words}|援助)资金(?:[\d.]+\s*[万亿]?元)?"
                                    r"(?:{build_verbs})的"))


_BUDGET = re.compile(expand(r"(?:^|[，,；;])(?:此外|同时|另外)?[，,]?(?P<d>[^，,。；;]{2,16}?)(?:今年|全年|年内)?(?:计划|累计|共)?"
                     r"{give_verbs}(?:{aid_marker}|{aid_fund_words}|财政援助|援助)资金[\d.]+[万亿]?元[，,]"))


@rule("aid-budget", FAMILY, examples={
    "浙江省安排援疆资金20亿元，对口支援阿克苏地区，其中总投资2亿元的阿克苏市第三中学扩建工程将于今年投用；": [("阿克苏市第三中学扩建工程", "fundedBy", "浙江省")],
    "江苏省今年安排援疆资金30亿元，重点用于克州和伊犁州直，实施克州人民医院门诊楼改造项目。": [("江苏省", "supports", "克孜勒苏柯尔克孜自治州"), ("江苏省", "supports", "伊犁哈萨克自治州"), ("克州人民医院门诊楼改造项目", "fundedBy", "江苏省")],
    "今年，浙江省安排援疆资金1.2亿元，实施了甬城产业工人公寓和开发区污水处理厂提标改造两个项目。其中甬城产业工人公寓总投资7600万元，建筑面积3.8万平方米。": [("开发区污水处理厂提标改造", "fundedBy", "浙江省")],
    "江苏省今年安排援疆资金10亿元，重点支持阿图什市、阿克陶县，其中实施阿图什市第三小学建设项目。": [
        ("江苏省", "supports", "阿图什市"), ("江苏省", "supports", "阿克陶县"),
        ("阿图什市第三小学建设项目", "fundedBy", "江苏省")],
    # any province's programme (援黔, 援滇 …), not only 援疆/援藏/援青
    "大连市今年安排援黔资金2亿元，重点支持六盘水市、盘州市。": [
        ("大连市", "supports", "六盘水市"), ("大连市", "supports", "盘州市")],
})
def aid_budget(ctx: Ctx):
    """D安排援X资金N元，(重点)支持R…，(其中|计划实施)…P: a donor's yearly aid budget, the places it
    goes to and the projects it pays for, clause by clause."""
    budget = _BUDGET.search(ctx.sentence)
    if not budget:
        return
    d0, d1 = ctx.at(budget.start("d")), ctx.at(budget.end("d"))
    donor = [x.entity for x in ctx.ms if d0 <= span_start(x) and x.end <= d1 and x.entity.cls in REGION]
    pos = ctx.at(budget.end())
    while donor and pos < ctx.end:
        _, b = clause_of(ctx, pos)
        head = ctx.text(pos, b)
        support = re.match(r"^(?:重点|主要|全部)?(?:支持|用于|投向)", head)
        if support:
            for r in right_group(ctx, pos + support.end(), kinds=REGION, max_gap=1, expand=True):
                if r is not donor[0] and r.cls in ("Prefecture", "County", "XPCCUnit") and donor[0].cls != "Township":
                    yield aids(ctx.doc, donor[0], r)
        if re.match(r"^(?:其中|计划实施|实施|重点实施|重点建设|重点推进)", head):
            for x in ctx.projects:
                if pos <= x.start and x.end <= b:
                    yield from funded(ctx, x.entity, donor[0], "aid-budget")
        pos = b + 1


# money said of a whole place or a year (全县今年…), not of the one project named before it
_WHOLE_OR_YEAR = re.compile(r"全县|全市|全州|全区|全省|今年|全年|年度|累计")


@rule("share-of", FAMILY, r"(?:其中[，,：:]?(?:使用|争取|安排|落实)?|(?:{total_cost_words}|计划投资)(?:约|达)?[\d.]+\s*[万亿]?元(?:人民币)?[，,])"
                          r"(?P<who>[^，,。；;]{0,12}?)(?:(?:财政)?(?:对口)?(?:{aid_marker}|{aid_fund_words}|援助|援建)资金"
                          r"(?:安排|投入)?|(?:对口)?(?:援助|帮扶|援建))\d+(?:\.\d+)?[万亿]?元", scope="text", examples={
    # the donor's share said with its verb alone, beside the place's own money
    "阿合奇县供水工程，估算总投资5000万元，常州市援助2000万元、县自筹资金3000万元。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "职业技术学校实训楼建设项目总投资8000万元，其中常州市援疆资金5000万元。": [
        ("职业技术学校实训楼建设项目", "fundedBy", "常州市")],
    "乌恰县第二小学建设项目总投资9000万元，江苏省对口援疆资金6000万元，总建筑面积2万平方米。": [
        ("乌恰县第二小学建设项目", "fundedBy", "江苏省")],
    "位于乌恰县的帕米尔农产品交易中心建成投用，总投资1.2亿元，其中苏州市援疆资金3000万元。": [
        ("帕米尔农产品交易中心", "fundedBy", "苏州市"), ("苏州市", "supports", "乌恰县")],
    # 其中, its comma, and the verb of the share (使用, 争取 …)
    "阿合奇县第一中学综合教学楼项目总投资1016万元，其中，常州市援疆资金945万元。": [
        ("阿合奇县第一中学综合教学楼项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "阿合奇县供水工程计划总投资1.09亿元，其中争取江苏省援疆资金1400万元。": [
        ("阿合奇县供水工程", "fundedBy", "江苏省")],
    # the aid money named by its programme only: the donor the article names with that programme
    "江苏援疆项目进展顺利。阿合奇县供水工程计划总投资1亿元，其中援疆资金1400万元。": [
        ("阿合奇县供水工程", "fundedBy", "江苏省")],
}, counter=(
    "阿合奇县供水工程计划总投资1亿元，其中援疆资金1400万元。",  # no donor named with the programme anywhere
    "乌恰县第二小学建设项目总投资9000万元，今年全县援疆资金6000万元已全部到位。",
    # a place's or a year's total, after the project
    "阿合奇县供水工程开工，全县今年总投资5亿元，其中常州市援疆资金1.2亿元。",
))
def share_of(ctx: Ctx, hit: re.Match):
    """(P总投资N元，)(其中)D(对口)(援助|援X|帮扶|协作)资金M元: the donor's share of the project
    just named."""
    pos = ctx.at(hit.start())
    donors = [x.entity for x in ctx.ms if ctx.at(hit.start("who")) <= span_start(x)
              and x.end <= ctx.at(hit.end("who")) and x.entity.cls in REGION | {"GovernmentBody"}]
    earlier = [x for x in ctx.projects if x.end <= pos]
    if earlier and (_WHOLE_OR_YEAR.search(between := ctx.text(earlier[-1].end, pos)) or re.search(r"\d+个", between)):
        return  # P开工，全县今年总投资N元，其中…: a place's or a year's total, not P's
    if not donors and re.fullmatch(r"[，,：: ]*(?:其中)?[，,：: ]*(?:使用|争取|安排|落实)?",
                                   ctx.text(ctx.at(hit.start("who")), ctx.at(hit.end("who")))) \
            and aid_marker().search(hit.group()):
        donors = [d for d in [_aid_donor(ctx)] if d is not None]  # 其中援疆资金N元: the programme's donor
    if donors and earlier:
        yield from funded(ctx, earlier[-1].entity, donors[0], "share-of")


@rule("funding-source", FAMILY, r"资金来源[：:]", scope="text", examples={
    "阿图什市第三小学建设项目，资金来源：江苏省援疆资金。": [("阿图什市第三小学建设项目", "fundedBy", "江苏省")],
    "疏附县穗疏康复中心建设项目\n实施单位：疏附县卫生健康委员会\n资金来源：广州市白云区援疆资金1850万元": [("疏附县穗疏康复中心建设项目", "fundedBy", "白云区")],
})
def funding_source(ctx: Ctx, hit: re.Match):
    """资金来源：D(援X)资金 — a notice's line naming where the money came from."""
    target = ctx.projects[0].entity if ctx.projects else ctx.state.topic
    for d in right_group(ctx, ctx.at(hit.end()), kinds=REGION | ORG, max_gap=1):
        if target is not None:
            yield target, "fundedBy", d


# after the donor of 资金来源于D…资金: what marks the money as aid (援疆, 对口, 帮扶, 协作, 捐赠 …)
_AID_MONEY = re.compile(r"^[^，,。；;、和及与]{0,8}?(?:援|对口|帮扶|协作|捐)[^，,。；;、和及与]{0,8}?(?:资金|款)")


# the clause after the money (R获得D援X资金N元，实施/建设P): what it builds
_BUILDS_NEXT = re.compile(expand(r"^[，,](?:并|用于|主要用于)?{build_verbs}了?"))


def _aid_money_after(ctx: Ctx, donor: Entity, after: int) -> int | None:
    """Where the donor's name (its first mention from `after` on) ends, when aid money is said right
    after it (D对口援疆专项资金, D援助资金): else None."""
    ends = [x.end for x in ctx.ms if x.entity is donor and x.start >= after]
    return ends[0] if ends and _AID_MONEY.match(ctx.text(ends[0], ctx.end)) else None


@rule("money-comes-from", FAMILY, r"资金(?:全部|均|全额|主要|大部分)?(?:来源于|来源为|来源是|来自于?|源于)|"
                                  r"(?:全部|均|全额)(?:为|是|系|来自于?|来源于)",
      scope="text", examples={
    "阿合奇县供水工程总投资3000万元，其资金全部来源于常州市对口援疆专项资金。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "阿合奇县第一幼儿园建设项目于2023年竣工，建设资金来自江苏省援疆资金和阿合奇县财政资金。": [
        ("阿合奇县第一幼儿园建设项目", "fundedBy", "江苏省")],
    # 总投资N元，全部为D援X资金
    "阿合奇县供水工程总投资1000万元，全部为常州市援疆资金。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
}, counter=(
    "阿合奇县供水工程的施工人员全部为常州市援疆干部推荐的当地群众。",
    "阿合奇县供水工程的资金来源于阿合奇县财政资金和银行贷款。",
    "阿合奇县供水工程开工，全县今年的建设资金主要来源于常州市对口援疆专项资金。",
))
def money_comes_from(ctx: Ctx, hit: re.Match):
    """P…，其(建设)资金(全部)来源于D(对口)援X(专项)资金, P总投资N元，全部为D援X资金: D funded P, the
    project named before in the sentence (a place's own money, 阿合奇县财政资金, funds nothing of its own)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    a, _ = clause_of(ctx, pos)
    if _WHOLE_OR_YEAR.search(ctx.text(a, pos)):
        return  # a place's or a year's money, not one project's
    before = [x for x in ctx.projects if x.end <= pos]
    if not before:
        return
    for d in right_group(ctx, after, kinds=REGION | ORG, max_gap=1):
        if _aid_money_after(ctx, d, after) is not None:
            yield from funded(ctx, before[-1].entity, d, "money-comes-from")


@rule("received-aid-money", FAMILY, r"(?:获得|得到|争取到|获)(?:了)?", scope="text", examples={
    "作为重点民生项目之一的阿合奇县第一幼儿园建设项目获得常州市对口援助资金1500万元。": [
        ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    # a place receives the money; the project it carries out with it is the donor's
    "去年青松村获得常州市东西部协作资金500多万元，实施青松村中药材加工及烘干处理项目。": [
        ("青松村中药材加工及烘干处理项目", "fundedBy", "常州市")],
}, counter=(
    "阿合奇县获得常州市援疆资金1500万元。",
    "阿合奇县供水工程开工后，阿合奇县获得常州市援疆资金1500万元。",
    "青松村获得常州市援疆资金500万元，阿合奇县供水工程也已开工。",
    "阿合奇县第一幼儿园建设项目获得常州市教育局的表彰。",
))
def received_aid_money(ctx: Ctx, hit: re.Match):
    """P获得D(对口)援助/援X资金N元: the project is the subject that receives the donor's aid money."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    subj = [x for x in ctx.projects if x.end == pos]
    for d in right_group(ctx, after, kinds=REGION | ORG, max_gap=0):
        named_end = _aid_money_after(ctx, d, after)
        if named_end is None:
            break
        if subj:
            yield from funded(ctx, subj[0].entity, d, "received-aid-money")
            break
        # R获得D援X资金N元，实施/建设P: the place receives, the project it carries out is D's
        _, b = clause_of(ctx, named_end)
        built = _BUILDS_NEXT.match(ctx.text(b, ctx.end))
        first = [x for x in ctx.projects if built and x.start == b + built.end()]
        for p in (_listed(ctx, first[0]) if first else []):
            yield from funded(ctx, p, d, "received-aid-money")
        break


@rule("aid-project-apposition", FAMILY, r"(?:第[\d一二三四五六七八九十]+批)?(?:对口)?(?:{aid_marker}|{aid_fund_words}|援建|援[\u4e00-\u9fff])(?:的)?"
                                        r"(?:重点|民生|[^，,。；;：:—]{0,12}?(?:投资|援建|援助|民生|重点|交钥匙[”」\"]?))?"
                                        r"(?:项目|工程)(?:—+|：|:|之一的)|(?P<bare>(?:对口)?(?:援建|{aid_marker})项目)",
      scope="text", examples={
    # no mark between: D(对口)援建项目P (the project's name right after)
    "常州市对口援建项目阿合奇县第三小学正式启用。": [
        ("阿合奇县第三小学", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "在阿合奇县第一中学院内，常州市援建项目——阿合奇县第一中学综合教学楼正在施工。": [
        ("阿合奇县第一中学综合教学楼", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "江苏援疆重点项目：阿合奇县第一幼儿园正式开园。": [("阿合奇县第一幼儿园", "fundedBy", "江苏省")],
    # one of the donor's works (D援X“交钥匙”工程之一的P); a batch and a description (D第N批援X单体最大的“交钥匙”项目——P)
    "常州援疆“交钥匙”工程之一的阿合奇县人民医院新院区正式投入使用。": [
        ("阿合奇县人民医院新院区", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "江苏省第八批援疆单体最大的“交钥匙”项目——阿合奇县人民医院新院区竣工。": [
        ("阿合奇县人民医院新院区", "fundedBy", "江苏省")],
    # 援 + the recipient's short form (常州援阿: aid to 阿合奇), a short description (首个全额投资项目)
    "常州援阿首个全额投资项目——阿合奇县青松乡卫生院建设项目通过验收。": [
        ("阿合奇县青松乡卫生院建设项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
}, counter=(
    "常州市支援阿合奇县发展的项目——阿合奇县供水工程通水。",
    "常州市援建项目多，阿合奇县第三小学正式启用。",
    "阿合奇县援疆项目——阿合奇县第一幼儿园正式开园。",
))
def aid_project_apposition(ctx: Ctx, hit: re.Match):
    """D援建项目——P, D援X重点项目：P: the project named after the dash is the donor's (a school
    or hospital so named is being built: a project)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    first = [x for x in ctx.ms if x.start == after and x.entity.cls in ("Project", "Institution")]
    if hit.group("bare") is not None and (in_name(ctx, pos, after) or not first or first[0].entity.cls != "Project"):
        return  # (援建项目 inside a name, or not followed by a project's name)
    donors = [d for d in donors_before(ctx, pos) if d.cls in REGION | ORG - {"Enterprise"}]
    if not first or not donors:
        return
    if first[0].entity.cls == "Institution":
        first[0].entity.cls = "Project"
    for d in donors:
        yield from funded(ctx, first[0].entity, d, "aid-project-apposition")


@rule("bracketed-donor", FAMILY, r"[（(](?:由)?(?P<d>囗+(?:[、和及与]囗+)*)(?:共同|全额|对口)?"
                                 r"(?P<verb>援建|捐建|捐资|援助|资助|帮扶|出资|出资建设|投资|投资建设)(?:项目)?[）)]",
      emits=("bracketed-investor",), examples={
    "阿合奇县第三小学（常州市援建）正式启用。": [("阿合奇县第三小学", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "阿合奇县供水工程（常州市、无锡市共同出资）和阿合奇县第三小学已竣工。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "无锡市"),
        ("常州市", "supports", "阿合奇县"), ("无锡市", "supports", "阿合奇县")],
    "年产5万吨纱线项目（苏州恒达纺织科技有限公司投资）已投产。": [
        ("苏州恒达纺织科技有限公司", "investedIn", "年产5万吨纱线项目", "bracketed-investor")],
}, counter=(
    "阿合奇县第三小学（常州市援建干部任校长）正式启用。",
    "常州市（援建方）代表参观了阿合奇县第三小学。",
))
def bracketed_donor(ctx: Ctx, hit: re.Match):
    """P（D援建）/ P（由D出资）/ P（E投资）: the donor or investor said in brackets right after the
    project's name (a firm's capital is investment; its 援建, 捐建 are aid)."""
    pos = ctx.at(hit.start())
    d0, d1 = ctx.at(hit.start("d")), ctx.at(hit.end("d"))
    subj = [x for x in ctx.projects if x.end == pos]
    givers = [x.entity for x in ctx.ms if d0 <= span_start(x) and x.end <= d1 and x.entity.cls in REGION | ORG]
    if not subj or not givers:
        return
    verb = hit.group("verb")
    for d in dict.fromkeys(givers):
        if d.cls == "Enterprise" and verb.startswith(("投资", "出资")) and not aid_firm(ctx, d):
            yield d, "investedIn", subj[0].entity, "bracketed-investor"
        else:
            yield from funded(ctx, subj[0].entity, d, "bracketed-donor")


@rule("funded-list", FAMILY, r"援建了?|援助建设了?|出资(?:建设|修建|新建|兴建|建成|建起)了?|"
                             r"投资(?:建设|修建|新建|兴建|建成|建起)了|(?P<aid>对口支援|对口援助|援助)",
      scope="outside-names", examples={
    # a place that pays to build (出资修建了, 投资新建了): every item of the list
    "常州市出资修建了阿合奇县青松河大桥、阿合奇县环城公路和阿合奇县污水处理厂。": [
        ("阿合奇县青松河大桥", "fundedBy", "常州市"), ("阿合奇县环城公路", "fundedBy", "常州市"),
        ("阿合奇县污水处理厂", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "常州市投资新建了阿合奇县第三小学和阿合奇县第四幼儿园。": [
        ("阿合奇县第三小学", "fundedBy", "常州市"), ("阿合奇县第四幼儿园", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
    "三年来，江苏援建了伊宁县第一中学、霍城县人民医院等一批民生项目。": [("伊宁县第一中学", "fundedBy", "江苏省"), ("霍城县人民医院", "fundedBy", "江苏省")],
    "常州市援建了阿合奇县第一幼儿园和阿合奇县职业技术学校。": [
        ("阿合奇县第一幼儿园", "fundedBy", "常州市"), ("阿合奇县职业技术学校", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
    # a manner phrase may stand between the donor and the verb
    "常州市以交钥匙方式援建了阿合奇县供水工程和阿合奇县第一幼儿园建设项目。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
    # the place it was built in between the donor and the verb; a park it built
    "常州市还在阿合奇县援建了阿合奇县恒达纺织产业园和阿合奇县第一幼儿园。": [
        ("阿合奇县恒达纺织产业园", "fundedBy", "常州市"), ("阿合奇县第一幼儿园", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
    # a description before the project's name; a sentence going on with the last one's subject
    "常州市援建了全县规模最大的阿合奇县第一幼儿园。": [("阿合奇县第一幼儿园", "fundedBy", "常州市")],
    "今年常州市投入资金5000万元，在阿合奇县实施援建项目9个。援建了全县规模最大的阿合奇县第一幼儿园。": [
        ("阿合奇县第一幼儿园", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    # D(启动)对口支援P: a project right after the aid verb is the donor's
    "今年4月，常州市启动对口支援阿合奇县雪灾后危房重建项目。": [("阿合奇县雪灾后危房重建项目", "fundedBy", "常州市")],
    # what the donor did with money, and when, between the donor and the verb
    "常州市出资援建阿合奇县第三小学。": [("阿合奇县第三小学", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "常州市今年援建阿合奇县第三小学、阿合奇县供水工程等项目。": [
        ("阿合奇县第三小学", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
    # a giver that is neither a place nor a firm; givers said respectively, one each
    "常州市苏州商会援建了阿合奇县青松小学。": [("阿合奇县青松小学", "fundedBy", "常州市苏州商会")],
    "常州市和无锡市分别援建了阿合奇县供水工程和乌恰县第二小学。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("乌恰县第二小学", "fundedBy", "无锡市"),
        ("常州市", "supports", "阿合奇县"), ("无锡市", "supports", "乌恰县")],
}, counter=(
    "常州市、无锡市和苏州市分别援建了阿合奇县供水工程和乌恰县第二小学。",
    "常州市对口支援阿合奇县，阿合奇县供水工程当年通水。",
    "常州市出资修建了阿合奇县第三小学的教学楼。",  # a part of the school is built, not the school
    "常州市对口支援阿合奇县以来，累计实施阿合奇县供水工程等项目。",
    # the last sentence's subject is no donor of a sentence that names its own
    "常州市代表团到阿合奇县考察。阿合奇县援建了一批民生项目，阿合奇县第一幼儿园开园。",
))
def funded_list(ctx: Ctx, hit: re.Match):
    """D(按…标准)援建了P1、P2和P3(等项目), D(启动)对口支援P: each listed project is funded by the
    donor (after 对口支援/援助 the project must follow at once: 对口支援R is a pairing)."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    if ctx.text(after, after + 1) == "的":
        return  # D援建的P is the next rule's
    aid = hit.group("aid") is not None
    if aid and not any(x.start == after for x in ctx.projects):
        return
    # (a giver of any kind but a firm: a chamber of commerce, a foundation, a hospital that built P)
    donors = [d for d in donors_before(ctx, pos) if d.cls in REGION | ORG - {"Enterprise"}]
    prev = ctx.state.prev_subject
    if not donors and not aid and prev is not None and prev.cls in REGION | {"GovernmentBody"} \
            and _OPENS_BARE.fullmatch(ctx.text(ctx.start, pos)):
        donors = [prev]  # a sentence that opens with 援建了 goes on with the last sentence's subject
    # a park the donor built (援建了X产业园) is its project as much as a school is
    # (a school or hospital the donor built is a project: 出资修建了A小学、B医院)
    kinds = {"Project"} if aid else {"Project", "DevelopmentZone", "Institution"}
    listed = right_group(ctx, after, kinds=kinds, max_gap=0 if aid else 1)
    place_next = any(span_start(x) == after and x.entity.cls in REGION and ctx.text(x.end, x.end + 1) == "的"
                     for x in ctx.ms)  # D援建R的P: aided-for-place
    described = None if aid or listed or place_next else re.match(r"^[^，,。；;的]{1,16}的", ctx.text(after, clause_of(ctx, after)[1]))
    if described:
        # 援建了全县规模最大的P: a description of the project stands before its name
        listed = right_group(ctx, after + described.end(), kinds=kinds, max_gap=0)
    # (not one whose part is built: 援建了A医院的住院部)
    listed = [p for p in listed if p.cls != "Institution" or not any(
        x.entity is p and ctx.text(x.end, x.end + 1) == "的" for x in ctx.ms)]
    for p in listed if donors else ():
        if p.cls == "Institution":
            p.cls = "Project"
    first = [x for x in ctx.ms if listed and x.entity is listed[0] and x.start >= after][:1]
    for d, p in _each_giver(ctx, donors, first[0], pos, listed) if first else ():
        yield from funded(ctx, p, d, "funded-list")


def _each_giver(ctx: Ctx, donors: list[Entity], first, pos: int, listed=None) -> list[tuple[Entity, Entity]]:
    """(giver, project) for the givers before `pos` and the projects listed from the mention
    `first` (or `listed`): every giver each project, or one to one when the sentence says 分别
    (A、B分别援建了P1、P2; none when the counts differ)."""
    listed = listed if listed is not None else _listed(ctx, first)
    if len(donors) > 1 and respective(ctx, clause_of(ctx, pos)[0], first.start):
        return list(zip(donors, listed)) if len(donors) == len(listed) else []
    return [(d, p) for d in donors for p in listed]


# nothing but a time or an adverb before the verb: the sentence names no subject of its own
_OPENS_BARE = re.compile(r"[，,\s]*(?:(?:今年|去年|近年来|此外|同时|还|并|先后|累计|共)[，,]?)*")


@rule("aided-project", FAMILY, r"援建的|(?P<aid>(?:对口)?(?:支援|援助|资助|帮扶)的)", scope="outside-names", examples={
    "在石门乡，海曙区援建的石门乡扶贫车间于去年底竣工，使用东西部协作资金120万元。": [("石门乡扶贫车间", "fundedBy", "海曙区")],  # the town names the workshop: no pairing with it
    "常州市援建的阿合奇县第一幼儿园正式开园。": [
        ("阿合奇县第一幼儿园", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "宁波市援建的库车市人民医院新院区正式启用，医院总投资4.6亿元。": [("库车市人民医院新院区", "fundedBy", "宁波市"), ("宁波市", "supports", "库车市")],
    # how the donor built it (按…标准, 高标准) stands between the donor and 援建
    "常州市按国内一流标准援建的阿合奇县供水工程正式通水。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    "常州市高标准援建的阿合奇县供水工程正式通水。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    # the place it was built in stands between them: D在R援建的P
    "常州市在阿合奇县援建的阿合奇县供水工程正式通水。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
    # the place it was built for: D向R援建的P1、P2等N个项目
    "常州天合集团向阿合奇县援建的阿合奇县供水工程、阿合奇县第一幼儿园等两个项目今日竣工。": [
        ("阿合奇县供水工程", "fundedBy", "常州天合集团"), ("阿合奇县第一幼儿园", "fundedBy", "常州天合集团")],
    # givers said respectively: one each
    "常州市和无锡市分别援建的阿合奇县供水工程和乌恰县第二小学相继竣工。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("乌恰县第二小学", "fundedBy", "无锡市"),
        ("常州市", "supports", "阿合奇县"), ("无锡市", "supports", "乌恰县")],
    # 对口支援的/援助的/资助的P: the project must follow at once
    "由常州市对口支援的阿合奇县雪灾后危房重建项目全部完工。": [
        ("阿合奇县雪灾后危房重建项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
}, counter=(
    "常州市代表团参观了阿合奇县援建的供水设施。",
    "常州市对口支援的阿合奇县今年建成了阿合奇县供水工程。",
))
def aided_project(ctx: Ctx, hit: re.Match):
    """D(按…标准)(在R)援建的P, D对口支援/援助/资助的P: D funded P (and the projects listed with it)."""
    pos = ctx.at(hit.start())
    p = [x for x in ctx.projects if x.start >= ctx.at(hit.end())][:1]
    if hit.group("aid") and not (p and p[0].start == ctx.at(hit.end())):
        return  # 对口支援的R…: the place aided, not a project
    donors = donors_before(ctx, pos)
    at = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION
          and ctx.text(span_start(x) - 1, span_start(x)) in ("在", "于")]
    if at:
        donors = donors_before(ctx, span_start(at[0]) - 1)  # D在R援建的P: D gives, R receives
    for x, y in _each_giver(ctx, donors, p[0], pos) if p else ():
        yield from funded(ctx, y, x, "aided-project")


@rule("aid-place-builds", FAMILY, r"(?:对口)?(?:援助|帮扶|支援|资助|帮助)(?P<r>囗+)"
                                  r"(?:先后|陆续|全力|加快|集中|重点|共同)?(?:启动|开工|着手)?"
                                  r"{build_verbs}了?(?=囗)", examples={
    "常州市援助阿合奇县启动建设阿合奇县供水工程。": [("阿合奇县供水工程", "fundedBy", "常州市")],
    "常州市将对口帮扶阿合奇县新建阿合奇县第一幼儿园建设项目和阿合奇县人民医院门诊楼。": [
        ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("阿合奇县人民医院门诊楼", "fundedBy", "常州市")],
}, counter=(
    "常州市援助阿合奇县的干部参观了阿合奇县供水工程。",
    "常州市帮助阿合奇县引进企业建设年产5万吨纱线项目。",
))
def aid_place_builds(ctx: Ctx, hit: re.Match):
    """D援助/帮扶R(启动)建设P: the donor that aids a place builds the project named right after
    the verb (the pairing D援助R is pair-trigger's); only a place or a government body aids."""
    yield from _built_for_place(ctx, hit, "aid-place-builds", donor_kinds=REGION | {"GovernmentBody"})


@rule("aided-for-place", FAMILY, r"(?:对口)?援建(?P<r>囗+)的", examples={
    # (the pairing D援建R is pair-trigger's)
    "常州市援建阿合奇县的阿合奇县供水工程正式通水。": [("阿合奇县供水工程", "fundedBy", "常州市")],
    "常州市对口援建阿合奇县的第一幼儿园建设项目和阿合奇县供水工程相继完工。": [
        ("第一幼儿园建设项目", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "常州市")],
}, counter=(
    "常州市援建阿合奇县的成效显著，阿合奇县供水工程正式通水。",
))
def aided_for_place(ctx: Ctx, hit: re.Match):
    """D(对口)援建R的P: D funded P, built for R (P1、P2 listed after 的 each)."""
    yield from _built_for_place(ctx, hit, "aided-for-place")


def _built_for_place(ctx: Ctx, hit: re.Match, method: str, donor_kinds=None):
    """D <aid verb> R <build verb> P, with R the hit's group `r` and P named right where the hit ends:
    each donor before the hit (not R itself; of donor_kinds where given) funded P and the projects
    listed with it."""
    pos, r0, r1, end = ctx.at(hit.start()), ctx.at(hit.start("r")), ctx.at(hit.end("r")), ctx.at(hit.end())
    places = [x.entity for x in ctx.ms if r0 <= span_start(x) and x.end <= r1 and x.entity.cls in REGION]
    first = [x for x in ctx.projects if x.start == end]
    if not places or not first:
        return
    for d in donors_before(ctx, pos):
        if d in places or (donor_kinds is not None and d.cls not in donor_kinds):
            continue
        for p in _listed(ctx, first[0]):
            yield from funded(ctx, p, d, method)


@rule("funded-by-subject", FAMILY, r"^(?:全额|全部)?(?:投资|出资|投入)", scope="text", examples={
    "常州市高度重视教育。全额投资6000万元建成投用的乌恰县第三小学解决了上学难。": [
        ("乌恰县第三小学", "fundedBy", "常州市")],
})
def funded_by_subject(ctx: Ctx, hit: re.Match):
    """(全额)投资X元建成…的P opening a sentence: the previous sentence's place paid for P."""
    subj = ctx.state.prev_subject
    subj = subj if subj is not None and subj.cls in REGION else None
    p = ctx.projects[:1]
    if subj and p and "的" in ctx.text(ctx.start, p[0].start):
        yield p[0].entity, "fundedBy", subj


@rule("built-with-aid-fund", FAMILY, r"(?:全部|全额|主要)?(?:使用|利用)(?P<who>[^，,。；;]{1,12}?)"
                                     r"(?:{aid_marker}|(?:东西部)?{aid_fund_words})资金{build_verbs}",
      scope="text", examples={
          "一、木垒县大石头乡中心幼儿园项目。总投资1280万元，建筑面积3200平方米，全部使用浙江援疆资金建设。": [("木垒县大石头乡中心幼儿园项目", "fundedBy", "浙江省")],
          "白沙镇卫生院改扩建项目主要使用宁波东西部协作资金建设，今年已投用。": [("白沙镇卫生院改扩建项目", "fundedBy", "宁波市")],
          "阿图什市第三小学建设项目总投资8000万元，全部使用江苏省援疆资金建设。": [
              ("阿图什市第三小学建设项目", "fundedBy", "江苏省")],
      })
def built_with_aid_fund(ctx: Ctx, hit: re.Match):
    """(P。总投资N元，…，)全部使用D援X资金建设: the project of the sentence, or the one just named."""
    w0, w1 = ctx.at(hit.start("who")), ctx.at(hit.end("who"))
    donors = [x.entity for x in ctx.ms if w0 <= span_start(x) and x.end <= w1 and x.entity.cls in REGION]
    earlier = [x for x in ctx.projects if x.end <= ctx.at(hit.start())]
    target = earlier[-1].entity if earlier else ctx.state.topic if not ctx.projects and re.match(
        r"^(?:该项目|项目|其中)?(?:总投资|计划总投资|建筑面积|占地)", ctx.sentence.lstrip("，, ")) else None
    if len(donors) == 1 and target is not None:
        yield from funded(ctx, target, donors[0], "built-with-aid-fund")


# the giver of aid money earlier in the sentence (D…投入的N元帮扶资金, D安排援X资金N元)
_GIVES_AID = re.compile(expand(r"^[^。；;]{0,24}?(?:{give_verbs}|{aid_money_verbs})[^。；;]{0,16}?"
                        r"(?:帮扶|扶贫|{aid_marker}|援助|协作|对口支援)资金"))


@rule("split-for", FAMILY, r"(?:^|[，,、；;])(?:其中)?[\d.]+\s*[万亿]元(?:资金)?(?:用于|投向)(?:支持)?",
      scope="text", examples={
    "常州天合集团今年投入的1500万元帮扶资金由县政府统筹安排，800万元用于青松镇玫瑰产业示范园建设、"
    "300万元用于阿合奇县供水工程建设。": [
        ("青松镇玫瑰产业示范园", "fundedBy", "常州天合集团"), ("阿合奇县供水工程", "fundedBy", "常州天合集团")],
    "常州市投入的3000万元援疆资金由阿合奇县统筹使用，2000万元用于阿合奇县第一幼儿园建设项目。": [
        ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
}, counter=(
    "阿合奇县今年统筹资金3000万元，800万元用于青松镇玫瑰产业示范园建设。",  # a place's own money
    "常州市今年投入帮扶资金3000万元。阿合奇县800万元用于青松镇玫瑰产业示范园建设。",
))
def split_for(ctx: Ctx, hit: re.Match):
    """D投入的N元帮扶资金…，M1元用于P1建设、M2元用于P2建设: a donor's aid money split over the
    projects it builds — each is the donor's (the giver opens the sentence)."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    first = [x for x in ctx.projects if x.start == end]
    givers = [x for x in ctx.ms if x.end <= pos and x.entity.cls in REGION | ORG
              and _GIVES_AID.match(ctx.text(x.end, pos))]
    if first and givers:
        yield from funded(ctx, first[0].entity, givers[0].entity, "split-for")


_COUNT = r"(?P<n>\d+|[一二三四五六七八九十两]{1,3})\s*个"
# N个(D)援X项目: the donor's projects counted by kind
_AID_HEAD = re.compile(expand(r"(?:{aid_marker}|{aid_fund_words}|援建)项目"))
# N个…项目 of a donor who gives the money in the same sentence (D向R赠送/投入…资金, D对口支援R的N个项目)
_COUNTED = re.compile(_COUNT + r"[^，,。；;个]{0,10}?项目")
_GIVER = re.compile(expand(r"^(?:代表团)?[^，,。；;]{0,6}?(?:向[^，,。；;]{1,12}?)?(?:赠送|{give_verbs}|{donation_verbs})"
                           r"[^，,。；;]{0,8}?资金"))
# 这N个项目分别是… / 分别是… / 包括…: the list of the counted projects
_BACK = re.compile(r"(?:这|该|上述|以上|这些)" + _COUNT + r"[^，,。；;]{0,6}?项目")
_LIST = re.compile(r"分别是|分别为|包括|即")
# a sentence that goes on listing the projects the one before counted
_NEXT_LIST = re.compile(r"\s*(?:其中|分别是|分别为|具体包括|包括|主要有|主要包括)[，,：:]?")


@rule("project-list", FAMILY, examples={
    "阿图什市今年实施3个江苏省援疆项目，分别是职业技术学校实训楼建设项目、人民医院门诊楼改扩建项目。": [
        ("职业技术学校实训楼建设项目", "fundedBy", "江苏省"), ("人民医院门诊楼改扩建项目", "fundedBy", "江苏省"),
        ("职业技术学校实训楼建设项目", "locatedIn", "阿图什市"), ("人民医院门诊楼改扩建项目", "locatedIn", "阿图什市")],
    # 为 after the counted projects lists them; the donor is the one the article names with its programme
    "江苏省援疆重点项目集中交付仪式在阿图什市举行。本次交付的4个援建项目为阿图什市第三小学、阿图什市人民医院门诊楼等，投入援疆资金2亿元。": [
        ("阿图什市第三小学", "fundedBy", "江苏省"), ("阿图什市人民医院门诊楼", "fundedBy", "江苏省")],
    # the place that carries out the counted projects; 项目中， then the list
    "常州市今年实施援疆项目12个，总投资3亿元。今年实施的12个援疆项目中，阿合奇县供水工程、阿合奇县第一幼儿园建设项目等5个项目已竣工。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市")],
    "常州市确定对口支援阿合奇县的两个示范项目同时启动，常州市向受援地赠送启动资金3000万元。"
    "这两个项目分别是阿合奇县幼儿园建设项目和阿合奇县供水工程。": [
        ("阿合奇县幼儿园建设项目", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "常州市")],
    # the counted projects listed by the next sentence (其中，… / 分别是…)
    "常州市今年在阿合奇县实施援疆项目3个。其中，阿合奇县第二中学建设项目投资3000万元，阿合奇县人民医院门诊楼投资2000万元。": [
        ("阿合奇县第二中学建设项目", "fundedBy", "常州市"), ("阿合奇县人民医院门诊楼", "fundedBy", "常州市")],
}, counter=(
    # a sentence further on is no list of them
    "常州市今年在阿合奇县实施援疆项目3个。阿合奇县发展很快。其中，阿合奇县第二中学建设项目投资3000万元。",
    "常州市向受援地赠送启动资金3000万元，启动两个示范项目。这三个项目分别是阿合奇县幼儿园建设项目、"
    "阿合奇县供水工程和阿合奇县人民医院改扩建项目。",
    "阿图什市今年实施3个援疆项目。常州市代表团考察了阿合奇县幼儿园建设项目和阿合奇县供水工程。",
))
def project_list(ctx: Ctx):
    """N个(D)援X项目 … 分别是P1、P2…: each listed project is funded by D and located in the
    clause's place (the donor and place carry over to the next such sentence). The count may be
    said first — D…的N个示范项目启动，D向受援地赠送资金… — and the list follow in a later sentence
    that counts the same number (这N个项目分别是P1、P2…)."""
    donor, recipient = ctx.state.donor_group
    text = ctx.sentence
    head = _AID_HEAD.search(text)
    counted = _COUNTED.search(text)
    back = _BACK.search(text)
    if head and re.search(r"\d+个", text):
        pos = ctx.at(head.start())
        d = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION] or _carries_out(ctx, pos)
        if d:
            donor = d[0].entity
        places = [x for x in ctx.ms if x.start < pos and x.entity.cls in REGION and (not d or x is not d[0])]
        if places:
            recipient = places[-1].entity
        ctx.state.donor_group = (donor, recipient)
        ctx.state.group_count = _count(re.search(r"(\d+)个", text).group(1))
        ctx.state.group_sentence = ctx.sent
    elif ctx.state.group_sentence == ctx.sent - 1 and _NEXT_LIST.match(text) and not counted:
        pass  # …实施援X项目N个。其中，P1…，P2…: the next sentence lists them
    elif counted and not back:
        givers = [x for x in ctx.ms if x.entity.cls in REGION and _GIVER.match(ctx.text(x.end, ctx.end))
                  and ctx.text(span_start(x) - 1, span_start(x)) not in ("向", "为", "给", "在")]
        if not givers:
            return
        ctx.state.donor_group = (givers[0].entity, None)
        ctx.state.group_count = _count(counted.group("n"))
        donor, recipient = ctx.state.donor_group
    elif not (back and ctx.state.group_count is not None and _count(back.group("n")) == ctx.state.group_count):
        return
    if donor is None and head:
        donor = _aid_donor(ctx)  # N个援建项目为…: the donor the article names with its programme
    # …N个援建项目为P1、P2: 为/是 right after the counted projects introduces their list too
    k = _NEXT_LIST.match(text) if ctx.state.group_sentence == ctx.sent - 1 else None
    k = k or _LIST.search(text) or (re.compile(r"(?<=项目)(?:为|是|中[，,])(?=囗)").search(ctx.blanked, head.end()) if head else None)
    if k:
        # (a place the article writes as a donor — X市对口支援Y县 — holds none of what it carries out)
        here = recipient if recipient is not None and recipient is not donor and not donor_in_article(ctx, recipient) else None
        for x in [x for x in ctx.ms if x.start >= ctx.at(k.end()) and x.entity.cls == "Project"]:
            if donor is not None:
                yield x.entity, "fundedBy", donor
            if here is not None:
                yield x.entity, "locatedIn", here


# 共为R援建项目N项 / 实施援X项目N个: a donor's aid projects counted; the next sentence's 其中… names some
_AID_TOTAL = re.compile(expand(r"(?P<verb>援建|实施(?:{aid_marker}|{aid_fund_words}|援建))[^，,。；;]{0,6}?项目\s*\d+[多余]?\s*(?:个|项)"))
_NAMED = re.compile(expand(r"(?:谋划|重点|先后|陆续)?{build_verbs}了"))


@rule("aid-total-named", FAMILY, examples={
    "常州市援疆坚持民生优先。新一轮援疆以来，共为阿合奇县援建项目60项，到位资金10亿元。"
    "其中新建学校5所，建设了阿合奇县第一幼儿园建设项目、阿合奇县供水工程等项目。": [
        ("阿合奇县第一幼儿园建设项目", "fundedBy", "常州市"), ("阿合奇县供水工程", "fundedBy", "常州市"),
        ("常州市", "supports", "阿合奇县")],
}, counter=(
    "常州市援疆坚持民生优先。新一轮援疆以来，共为阿合奇县援建项目60项。阿合奇县发展很快。"
    "其中建设了阿合奇县第一幼儿园建设项目。",
))
def aid_total_named(ctx: Ctx):
    """(D)共为R援建项目N项… 。其中…建设了P1、P2等…项目: the projects the next sentence names
    among a donor's counted aid projects are the donor's (a subjectless count is the last
    sentence's subject's)."""
    total = _AID_TOTAL.search(ctx.sentence)
    if total:
        pos = ctx.at(total.start())
        a, _ = clause_of(ctx, pos)
        to = re.search(r"(?:为|向|给)", ctx.text(a, pos))
        recipients = right_group(ctx, a + to.end(), kinds=REGION, max_gap=0) if to else []
        donors = [x.entity for x in ctx.ms if a <= span_start(x) and x.end <= pos and x.entity.cls in REGION
                  and x.entity not in recipients]
        prev = ctx.state.prev_subject
        donor = donors[0] if donors else prev if prev is not None and prev.cls in REGION and not any(
            x.entity.cls in ACTOR for x in ctx.ms if x.end <= pos and x.entity not in recipients) else None
        if donor is not None and donor not in recipients:
            ctx.state.aid_total = (donor, ctx.sent)
        return
    if ctx.state.aid_total is None or ctx.state.aid_total[1] != ctx.sent - 1 \
            or not ctx.sentence.lstrip("，, ").startswith("其中"):
        return
    donor = ctx.state.aid_total[0]
    for named in _NAMED.finditer(ctx.sentence):
        for p in right_group(ctx, ctx.at(named.end()), kinds={"Project"}, max_gap=0):
            yield from funded(ctx, p, donor, "aid-total-named")


def _carries_out(ctx: Ctx, pos: int) -> list:
    """The place that opens the clause and carries out the counted aid projects at `pos`
    (D实施援X项目N个, D对口支援R…实施的N个援X项目): [its mention], or []."""
    a, _ = clause_of(ctx, pos)
    first = [x for x in ctx.ms if span_start(x) == a and x.entity.cls in REGION]
    if first and re.search(r"实施|援建|安排", ctx.text(first[0].end, pos)) and \
            not re.search(r"[在向为给]", ctx.text(first[0].end, first[0].end + 1)):
        return first
    return []


def _aid_donor(ctx: Ctx) -> Entity | None:
    """The donor province the article speaks for, when the article names it with an aid programme
    (安徽省援疆…, 河南援建…): whose the aid projects it counts without naming a donor are."""
    marked = re.compile(aid_marker().pattern + r"|援建|对口支援|对口帮扶")
    donor = donor_entity(ctx.doc)
    if donor is not None and any(marked.match(ctx.doc.norm, m.end) for m in donor.mentions):
        return donor
    # else the one place the article names with an aid word most often (绍兴援建的…)
    counts: dict = {}
    for m in ctx.doc.mentions:
        e = m.entity
        if e is not None and e.cls in REGION - {"Township", "Village"} and m.role is None \
                and marked.match(ctx.doc.norm, m.end) and not _receives(ctx.doc, m):
            counts[e] = counts.get(e, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def _receives(doc, m) -> bool:
    """向R/对R/为R援建…: the place after 向/对/为/给 (or after its province: 对四川茂县) receives the aid."""
    k = m.start
    outer = next((o for o in doc.mentions if o.end == k and o.entity is not None and o.entity.cls in REGION), None)
    if outer is not None:
        k = outer.start
    return re.search(r"(?:[对向为给]|支援|帮扶)$", doc.norm[max(0, k - 2):k]) is not None


def _count(n: str) -> int | None:
    try:
        return to_int(n)
    except ValueError:
        return None
