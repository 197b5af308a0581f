"""organizedBy: hosts, organisers and operators of events and projects (主办, 承办, 实施, 交由E运营)."""
from __future__ import annotations

import re

from ..engine import (
    ACTOR,
    CLAUSE_END,
    ORG,
    REGION,
    Ctx,
    clause_of,
    filler,
    left_group,
    opens_with,
    relation_words,
    right_group,
    rule,
    span_start,
)

FAMILY = "organising"


@rule("run-by", FAMILY, r"(?:交由|交给|委托|由)(?P<who>[^，,。；;]{2,40}?)(?:负责|统一)?(?:运营|经营|管理|运行)(?P<de>的)?",
      scope="text", examples={
          "——石门乡高原青稞精深加工厂项目，援藏资金投入2350万元，建成后交由宁波禾川农业发展有限公司负责运营；": [("石门乡高原青稞精深加工厂项目", "organizedBy", "宁波禾川农业发展有限公司")],
          "白沙镇冷链仓储中心项目建成后委托杭州甬鲜供应链有限公司统一经营。": [("白沙镇冷链仓储中心项目", "organizedBy", "杭州甬鲜供应链有限公司")],
          "阿图什市农产品冷链物流中心建设项目建成后交由阿图什市城投公司负责运营。": [
              ("阿图什市农产品冷链物流中心建设项目", "organizedBy", "阿图什市城投公司")],
          "由阿图什市城投公司负责运营的阿图什市农产品展销中心将正式开馆。": [
              ("阿图什市农产品展销中心", "organizedBy", "阿图什市城投公司")],
      }, counter=(
          "由阿图什市城投公司负责运营的展销中心将正式开馆，阿图什市农产品冷链物流中心建设项目同时开工。",
      ))
def run_by(ctx: Ctx, hit: re.Match):
    """P建成后交由E(负责)运营/管理: the firm that runs the project; 由E负责运营的P: the one named
    right after it."""
    w0, w1 = ctx.at(hit.start("who")), ctx.at(hit.end("who"))
    runners = [x.entity for x in ctx.ms if w0 <= x.start and x.end <= w1 and x.entity.cls in ORG]
    if len(runners) != 1:
        return
    if hit.group("de"):
        end = ctx.at(hit.end())
        named = [x for x in ctx.projects if end <= x.start <= end + 1]  # 的“P”: a quote may open it
        if named:
            yield named[0].entity, "organizedBy", runners[0]
        return
    earlier = [x for x in ctx.projects if x.end <= ctx.at(hit.start())]
    if earlier:
        yield earlier[-1].entity, "organizedBy", runners[0]


@rule("organiser-label", FAMILY, r"(?:主办|承办|协办|实施|组织|牵头)(?:方|单位)[：:]?", scope="text", examples={
    "2024年江苏·克州产业合作推介会，主办单位：江苏省援疆前方指挥部。": [
        ("2024年江苏·克州产业合作推介会", "organizedBy", "江苏省援疆前方指挥部")],
    "第三届苏克文化艺术节开幕。作为主办方，江苏省援疆前方指挥部与阿图什市文化馆不断丰富演出内容。": [
        ("第三届苏克文化艺术节", "organizedBy", "江苏省援疆前方指挥部"),
        ("第三届苏克文化艺术节", "organizedBy", "阿图什市文化馆")],
    # a notice's heading is what the labels are about
    "三、粤疏青少年研学交流活动\n主办单位：疏附县教育局、广州市番禺区教育局\n活动时间：7月10日至20日": [
        ("粤疏青少年研学交流活动", "organizedBy", "疏附县教育局"), ("粤疏青少年研学交流活动", "organizedBy", "广州市番禺区教育局")],
    "疏附县穗疏康复中心建设项目\n实施单位：疏附县卫生健康委员会\n资金来源：广州市白云区援疆资金1850万元": [
        ("疏附县穗疏康复中心建设项目", "organizedBy", "疏附县卫生健康委员会")],
})
def organiser_label(ctx: Ctx, hit: re.Match):
    """主办单位：A、B / 作为主办方，A与B…: the organisers of the sentence's project or the topic."""
    end = ctx.at(hit.end())
    if hit.group()[-1] in "：:":
        orgs = right_group(ctx, end, kinds=ORG, max_gap=1)
    else:
        # 作为主办方，A与B… — the clause after the label names them
        orgs = right_group(ctx, end + 1, kinds=ORG, max_gap=1) if end + 1 < ctx.end else []
    target = ctx.projects[0].entity if ctx.projects else ctx.state.topic
    for o in orgs:
        if target is not None:
            yield target, "organizedBy", o


# places host events and build platforms (思明区携手湖里区举办…推介会, 我省搭建…平台); they do not
# "organise" or "carry out" every project said of them (R实施N个项目)
HOSTING = tuple(relation_words()["hosting_verbs"])


@rule("organiser", FAMILY, r"{organise_verbs}", scope="text", examples={
    "于田县玫瑰产业推介会签约仪式在于田县举行。本次签约仪式由天津市援疆和田工作组主办。": [("于田县玫瑰产业推介会签约仪式", "organizedBy", "天津市援疆和田工作组")],  # 本次签约仪式: the event just named
    "今年春节前后，在鹤峰县举办“甬凤春风”专场招聘会3场。招聘会由鹤峰县人社局和海曙区人力资源和社会保障局联合主办。据鹤峰县人力资源和社会保障局介绍，共有87家企业参加。": [("甬凤春风专场招聘会", "organizedBy", "鹤峰县人力资源和社会保障局"), ("甬凤春风专场招聘会", "organizedBy", "海曙区人力资源和社会保障局")],  # 人社局 is a short name of the full name later
    "5月8日，“杭恩同心”招商签约会在杭州举行。签约会由恩施州商务局和杭州市商务局共同主办。": [("杭恩同心招商签约会", "organizedBy", "恩施州商务局"), ("杭恩同心招商签约会", "organizedBy", "杭州市商务局")],
    "张建川还牵头组织了“川藏同心”暑期夏令营，由成都市教育局主办、成都市第七中学承办。": [("川藏同心暑期夏令营", "organizedBy", "成都市教育局"), ("川藏同心暑期夏令营", "organizedBy", "成都市第七中学")],  # a quoted name with a season
    "今年以来，无锡援疆工作组还牵头组织“锡企新源行”投资对接活动，现场签约项目12个。": [("锡企新源行投资对接活动", "organizedBy", "无锡援疆工作组")],  # several adverbs before 牵头组织
    "6月13日，2023年延边·宁波对口合作招商推介暨项目签约会在宁波举行。本次签约会由延边州商务局主办。": [("2023年延边·宁波对口合作招商推介暨项目签约会", "organizedBy", "延边州商务局")],
    "交流会由江苏省援疆前方指挥部主办，阿图什市教育局承办。": [],
    "2024年江苏·克州产业合作推介会由江苏省援疆前方指挥部主办。": [
        ("2024年江苏·克州产业合作推介会", "organizedBy", "江苏省援疆前方指挥部")],
    "由江苏省援疆前方指挥部主办、阿图什市文化馆承办的第三届苏克文化艺术节开幕。": [
        ("第三届苏克文化艺术节", "organizedBy", "江苏省援疆前方指挥部"),
        ("第三届苏克文化艺术节", "organizedBy", "阿图什市文化馆")],
    "11月10日，姑苏区携手吴中区、阿图什市在上阿图什镇共同举办苏克产业合作推介会。": [
        ("苏克产业合作推介会", "organizedBy", "姑苏区"), ("苏克产业合作推介会", "organizedBy", "吴中区"),
        ("苏克产业合作推介会", "organizedBy", "阿图什市")],
    "江苏省积极搭建苏克商务合作平台，组织企业赴克州洽谈。": [("苏克商务合作平台", "organizedBy", "江苏省")],
    "4月27日，姑苏区召开阿图什市旅游招商推介会。": [("阿图什市旅游招商推介会", "organizedBy", "姑苏区")],
    # joint organisers
    "浙江援疆指挥部与阿克苏地区行署联合举办第五届浙阿经贸洽谈会。": [
        ("第五届浙阿经贸洽谈会", "organizedBy", "浙江援疆指挥部"), ("第五届浙阿经贸洽谈会", "organizedBy", "阿克苏地区行署")],
    # 仪式由X主办: the event just named
    "第二届苏克产销对接会在阿图什市开幕。仪式由阿图什市人民政府主办。": [("第二届苏克产销对接会", "organizedBy", "阿图什市人民政府")],
    "阿图什市教育局牵头实施的苏克教师培训项目已培训教师500人次。": [("苏克教师培训项目", "organizedBy", "阿图什市教育局")],  # 牵头实施的P
    # 由A主办，B承办 opening a sentence: the event the sentence before named
    "白杨县产业合作推介会定于9月2日举办。由白杨县人民政府主办，白杨县商务局承办。": [
        ("白杨县产业合作推介会", "organizedBy", "白杨县人民政府"), ("白杨县产业合作推介会", "organizedBy", "白杨县商务局")],
    # a body carrying out an event (开展): not a place (R开展N项活动 is no organiser's)
    "常州市援疆工作组与阿合奇县教育局共同开展“青蓝结对”教师培训活动。": [
        ("青蓝结对教师培训活动", "organizedBy", "常州市援疆工作组"), ("青蓝结对教师培训活动", "organizedBy", "阿合奇县教育局")],
    # 牵头: the body leading an event organises it
    "由常州市援疆工作组牵头的“结对认亲”活动在白杨县举行。": [("结对认亲活动", "organizedBy", "常州市援疆工作组")],
    "白杨县人民医院义诊活动由常州市援疆工作组牵头，白杨县卫生健康委员会配合。": [
        ("白杨县人民医院义诊活动", "organizedBy", "常州市援疆工作组")],
    "海墨同心暑期夏令营由海淀区教委和墨玉县第二中学共同组织。": [
        ("海墨同心暑期夏令营", "organizedBy", "海淀区教委"), ("海墨同心暑期夏令营", "organizedBy", "墨玉县第二中学")],
    # A(等)一行到R开展P: R is where the body goes, the body organises
    "11月14日，常州市妇联一行到阿合奇县开展常阿产业合作项目签约活动。": [
        ("常阿产业合作项目签约活动", "organizedBy", "常州市妇联")],
}, counter=(
    "苏克产业合作推介会在阿图什市举办。",
    "苏克产业合作推介会在阿图什市召开。",
    "阿图什市今年实施阿图什市第三小学建设项目。",
    "阿合奇县开展“青蓝结对”教师培训活动。",
    "常州市一行到阿合奇县开展常阿产业合作项目签约活动。",   # a place goes and carries out: no organiser's
    "白杨县产业合作推介会定于9月2日举办。下午，企业代表由白杨县商务局组织参观园区。",  # 由 not opening the sentence
))
def organiser(ctx: Ctx, hit: re.Match):
    """由A主办 / A主办、B承办的P / A与B联合举办P / 仪式由A主办 (the event the article is about) /
    A携手B、C在R共同举办P (R is the venue) / D搭建P平台."""
    ms, projects, topic = ctx.ms, ctx.projects, ctx.state.topic
    pos = ctx.at(hit.start())
    left = [e for e in _hosts(ctx, pos) if e.cls in ORG or hit.group() in HOSTING]
    if not left:
        pre = ctx.text(max(ctx.start, pos - 16), pos)
        if "由" not in pre and re.search(r"(?:联合|共同)$", pre):
            pre = ctx.text(max(ctx.start, pos - 40), pos)  # 由A和B联合主办: two long names
            pre = pre[pre.rfind("由"):] if "由" in pre and not CLAUSE_END.search(pre[pre.rfind("由"):]) else ""
        if "由" in pre:
            k = pos - len(pre) + pre.rfind("由") + 1
            left = [x.entity for x in ms if x.start >= k and x.end <= pos and x.entity.cls in ORG]
    if not left:
        return
    after_p = [x for x in projects if x.start >= ctx.at(hit.end())]
    before_p = [x for x in projects if x.end <= pos]
    target = None
    between = ctx.text(ctx.at(hit.end()), after_p[0].start) if after_p else ""
    if after_p and ("的" in between or re.fullmatch(r"(?:开展|举办|召开|实施|主办)?了?", between)) \
            and not CLAUSE_END.search(between):
        target = after_p[0].entity  # A主办、B承办的P; A与B联合举办P
    elif before_p:
        target = before_p[-1].entity
    elif opens_with(ctx, "event_heads"):
        target = topic  # 仪式由A主办: the event the article is about
    elif re.match(r"[，,\s]*由", ctx.sentence) and not CLAUSE_END.search(ctx.text(ctx.start, pos).lstrip("，, ").split("由", 1)[-1]) \
            or re.match(r"[，,\s]*由[^。；;]*[，,]$", ctx.text(ctx.start, left_start(ctx, pos))):
        # 由A主办，B承办。 opening a sentence: its subject is the event the sentence before named
        earlier = [m for m in ctx.doc.mentions if m.entity is not None and m.entity.cls == "Project"
                   and ctx.sent - 2 <= m.sentence < ctx.sent]
        target = earlier[-1].entity if earlier else None
    if target is None:
        return
    for o in left:
        yield target, "organizedBy", o


def left_start(ctx: Ctx, pos: int) -> int:
    """Where the clause of `pos` begins."""
    return clause_of(ctx, pos)[0]


def _hosts(ctx: Ctx, pos: int) -> list:
    """The actors right before the verb at `pos`: past a venue (在R共同举办) and over 携手/联合/会同
    (A携手B、C举办: A, B and C)."""
    a, _ = clause_of(ctx, pos)
    end = pos
    at = [k for k in range(a, pos) if ctx.text(k, k + 1) in ("在", "于", "到", "赴")]
    venue = right_group(ctx, at[-1] + 1, kinds=REGION, max_gap=0) if at else []
    last = [x for x in ctx.ms if venue and x.entity is venue[-1] and at[-1] < x.end <= pos]
    if last and filler(ctx.text(last[-1].end, pos)):
        end = at[-1]  # 在R1、R2(分别|共同)举办: the places are venues; A一行到R开展P: R is where A goes
        if ctx.text(end, end + 1) in ("到", "赴"):
            end -= len(re.search(r"(?:来|前往|奔)?$", ctx.text(a, end)).group())
            end -= len(re.search(r"(?:等)?(?:一行|代表团|考察团|工作组)?$", ctx.text(a, end)).group())
    group = left_group(ctx, end, kinds=ACTOR)
    first = [x for x in ctx.ms if group and x.entity is group[0] and x.end <= end]
    if first:
        joined = re.search(r"(?:携手|联合|会同|协同)$", ctx.text(a, span_start(first[-1])))
        if joined:
            group = [e for e in left_group(ctx, a + joined.start(), kinds=ACTOR) if e not in group] + group
    return group
