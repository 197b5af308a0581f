"""fundedBy for lists of facilities a donor built, said in ways the verb-first rules of funding.py
do not read: the facilities first and the donor in a predicate (A、B和C都是D援建的), and the donor
named once for a period (D支援R期间，A、B、C等工程相继投入使用). Every listed item is the donor's,
not only the first or the nearest."""
from __future__ import annotations

import re

from ..engine import (ORG, REGION, Ctx, clause_of, expand, left_group, respective, right_group, rule, span_start,
                      subject_project)
from .funding import _aid_donor, funded

FAMILY = "funding"

# the facilities a list may name: projects, and schools or hospitals that are being built
FACILITIES = {"Project", "Institution"}


def _as_projects(ctx: Ctx, group) -> list:
    """The listed facilities as projects: a school or hospital a donor built is a project."""
    for e in group:
        if e.cls == "Institution":
            e.cls = "Project"
    return [e for e in group if e.cls == "Project"]


@rule("aided-by-copula", FAMILY,
      r"(?:都|均|全部|皆|也|同样)?(?:是|为|系)(?P<d>囗+)(?:[^，,。；;囗]{0,12}?)"
      r"(?P<verb>对口援建|援建|捐建|援助建设|出资建设|出资修建|出资兴建|投资建设|投资兴建|资助建设)(?P<r>囗+)?的"
      r"(?=[，,。；;！!]|$|[^，,。；;的]{1,6}(?:之一)?[，,。；;！!]|[^，,。；;的]{1,6}(?:之一)?$)",
      examples={
          "阿合奇县第一小学、阿合奇县第二中学和阿合奇县人民医院门诊楼都是常州市援建的。": [
              ("阿合奇县第一小学", "fundedBy", "常州市"), ("阿合奇县第二中学", "fundedBy", "常州市"),
              ("阿合奇县人民医院门诊楼", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # a manner or a sum between the donor and the verb; a noun after 的
          "阿合奇县供水工程和阿合奇县第三小学均为常州市出资1200万元援建的民生工程。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第三小学", "fundedBy", "常州市"),
              ("常州市", "supports", "阿合奇县")],
          # the place aided between the verb and 的 (P，是D对口援建R的重点工程)
          "阿图什市第三小学项目，是江苏省对口援建阿图什市的重点工程，是援疆资金投入最大的民生项目。": [
              ("阿图什市第三小学项目", "fundedBy", "江苏省")],
          # a firm's capital is investment, its gift is funding (the first of the list is investor-named's)
          "年产5万吨纱线项目和阿合奇县冷链物流园项目都是苏州恒达纺织科技有限公司投资建设的。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县冷链物流园项目", "invested-by-copula")],
      }, counter=(
          "阿合奇县第一小学和阿合奇县第二中学都是常州市援建干部常去的地方。",  # 援建 of another noun
          "阿合奇县是常州市援建的地方。",                      # a place aided, no facility
          "阿合奇县第一小学的老师都是常州市援建工作组选派的。",  # the verb belongs to another noun
          "阿合奇县第一小学的老师都是常州市援建阿合奇县时选派的。",  # the place aided, then more before 的
      ), emits=("invested-by-copula",))
def aided_by_copula(ctx: Ctx, hit: re.Match):
    """P1、P2和P3(都|均)是D(…)援建的(X): each of the coordinated facilities before the copula was
    built with D's money (a school or hospital so named is being built: a project); a firm that
    投资建设 them invested in them."""
    pos = ctx.at(hit.start())
    d0, d1 = ctx.at(hit.start("d")), ctx.at(hit.end("d"))
    donors = [x.entity for x in ctx.ms if d0 <= span_start(x) and x.end <= d1 and x.entity.cls in REGION | ORG]
    if not donors:
        return
    group = left_group(ctx, pos, kinds=FACILITIES)
    if not group and ctx.text(pos - 1, pos) in ("，", ","):
        group = left_group(ctx, pos - 1, kinds=FACILITIES)  # P，是D援建R的X: the subject set off by a comma
    if not group:
        return
    verb = hit.group("verb")
    donor = donors[0]
    for p in _as_projects(ctx, group):
        if donor.cls == "Enterprise" and verb.startswith("投资"):
            yield donor, "investedIn", p, "invested-by-copula"
        else:
            yield from funded(ctx, p, donor, "aided-by-copula")


# the works a period's list names, and what is said of them: 等(N个)工程相继投入使用
_COMPLETED = re.compile(r"^(?:等(?:[\d一二三四五六七八九十两]+[个所座项])?[\u4e00-\u9fff]{0,4}?(?:工程|项目|设施|学校|医院))?"
                        r"(?:相继|先后|陆续|均|都|已|已经|全部|纷纷|正式)*"
                        r"(?:投入使用|投用|建成|竣工|落成|交付使用|交付|开工|开工建设|完工|启用|开园|开诊|通车|通水)")


@rule("aid-period-list", FAMILY,
      r"(?:对口)?(?:支援|援助|帮扶|援建)(?P<r>囗+)(?:期间|以来|的[\d一二三四五六七八九十两几多]+年(?:里|间|来)?|中)[，,]",
      examples={
          "常州市支援阿合奇县期间，阿合奇县第三小学、阿合奇县第四幼儿园、阿合奇县职业技术学校等工程相继投入使用。": [
              ("阿合奇县第三小学", "fundedBy", "常州市"), ("阿合奇县第四幼儿园", "fundedBy", "常州市"),
              ("阿合奇县职业技术学校", "fundedBy", "常州市")],
          "常州市对口援助阿合奇县以来，阿合奇县供水工程和阿合奇县常州工业园先后建成。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县常州工业园", "fundedBy", "常州市")],
      }, counter=(
          "常州市支援阿合奇县期间，阿合奇县人民医院接诊患者3万人次。",     # nothing built
          "常州市支援阿合奇县期间，阿合奇县第三小学的老师相继投入使用新设备。",
          "常州市干部支援阿合奇县期间，阿合奇县第三小学等工程相继投入使用。",  # a person is no donor
      ))
def aid_period_list(ctx: Ctx, hit: re.Match):
    """D支援R期间/以来，P1、P2、P3等工程相继投入使用/建成: the works completed while a donor aided a
    place are the donor's (each of those listed; a school or hospital so completed is a project)."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    r0, r1 = ctx.at(hit.start("r")), ctx.at(hit.end("r"))
    places = [x.entity for x in ctx.ms if r0 <= span_start(x) and x.end <= r1 and x.entity.cls in REGION]
    a, _ = clause_of(ctx, pos)
    donors = [x.entity for x in ctx.ms if span_start(x) == a and x.end <= pos and x.entity.cls in REGION | {"GovernmentBody"}
              and re.fullmatch(r"(?:还|也|在|持续|长期|全力)*", ctx.text(x.end, pos))]
    if not places or not donors:
        return
    group = right_group(ctx, end, kinds=FACILITIES | {"DevelopmentZone"}, max_gap=0)
    if not group:
        return
    last = max(x.end for x in ctx.ms if x.entity in group and x.start >= end)
    if not _COMPLETED.match(ctx.text(last, clause_of(ctx, last)[1])):
        return
    # (a park the donor built is its project as much as a school is: funded-list's reading)
    for p in _as_projects(ctx, group) + [e for e in group if e.cls == "DevelopmentZone"]:
        yield from funded(ctx, p, donors[0], "aid-period-list")


def _item(r, predicate: str):
    """The project of a fundedBy / investedIn relation of that predicate."""
    if r.predicate != predicate:
        return None
    return r.subject if predicate == "fundedBy" else r.object


def _giver(r, predicate: str):
    """The donor or investor of a fundedBy / investedIn relation of that predicate."""
    if r.predicate != predicate:
        return None
    return r.object if predicate == "fundedBy" else r.subject


@rule("shared-by-list", FAMILY, emits=("invested-by-list",), examples={
    "阿合奇县供水工程、阿合奇县第三小学建设项目和阿合奇县敬老院改扩建项目均由常州市援建。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第三小学建设项目", "fundedBy", "常州市")],
    "阿合奇县供水工程和阿合奇县第三小学建设项目都由常州天合集团投资建设。": [
        ("常州天合集团", "investedIn", "阿合奇县供水工程", "invested-by-list")],
    "阿合奇县供水工程和阿合奇县第三小学建设项目均使用常州市援疆资金建设。": [
        ("阿合奇县供水工程", "fundedBy", "常州市")],
}, counter=(
    # the list is the subject of another clause: the donor's project is only the one it names
    "阿合奇县供水工程和阿合奇县第三小学建设项目开工，阿合奇县敬老院改扩建项目由常州市援建。",
    # 分别: one donor each, not each donor for all
    "阿合奇县供水工程和阿合奇县第三小学建设项目分别由常州市和无锡市援建。",
    # one giver each, said respectively in the clause before the list: no giver is the whole list's
    "今年，常州、无锡两市将分别帮扶500万元，拟实施阿合奇县核桃产业、阿图什市葡萄产业等2个民生产业项目。",
    # 分别 in the givers' clause, the list in the next
    "常州市、无锡市分别投入300万元、500万元，援建阿合奇县供水工程和乌恰县第二小学。",
))
def shared_by_list(ctx: Ctx):
    """A、B和C(均|都)由D援建, A和B都由E投资建设: what a sentence says of a list of projects it says of
    each of them — a donor or investor some rule found for one item of a coordinated list (the last
    item before the predicate, or the first after the verb) is every item's."""
    # (this sentence's relations are the tail of the article's: read back to the first of another)
    here = []
    for r in reversed(ctx.doc.relations):
        if r.sentence != ctx.sent:
            break
        here.append(r)
    done = {(r.subject.key, r.predicate, r.object.key) for r in here}
    for r in reversed(here):
        if r.predicate == "fundedBy" and r.subject.cls == "Project":
            project, other = r.subject, r.object
        elif r.predicate == "investedIn" and r.object.cls == "Project":
            project, other = r.object, r.subject
        else:
            continue
        for m in [x for x in ctx.ms if x.entity is project]:
            # 分别 in the project's clause or the giver's (A、B分别投入N元、M元，援建P1和P2): one each
            spans = [clause_of(ctx, y.start) for y in ctx.ms if y is m or y.entity is other]
            if respective(ctx, min(a for a, _ in spans), max(b for _, b in spans)):
                continue
            group = [e for e in left_group(ctx, m.end, kinds={"Project"}) + right_group(ctx, m.start, kinds={"Project"}, max_gap=0)
                     if e is not project]
            # an item with a giver of its own here (one each, said respectively): not one giver's list
            if any(_giver(q, r.predicate) not in (None, other) for q in here for e in group if _item(q, r.predicate) is e):
                continue
            for e in dict.fromkeys(group):
                if r.predicate == "fundedBy" and (e.key, "fundedBy", other.key) not in done:
                    yield e, "fundedBy", other
                elif r.predicate == "investedIn" and (other.key, "investedIn", e.key) not in done:
                    yield other, "investedIn", e, "invested-by-list"


# aid money named by its programme only (援疆资金, 东西部协作资金), no donor before it
_PROGRAMME_FUND = r"(?:{aid_marker}|东西部(?:扶贫)?协作|对口(?:帮扶|支援))(?:专项)?资金"
# after it, the facility it built: (N元)(全额)(投入)建设的P
_BUILT_WITH = re.compile(expand(r"^(?:[\d.]+\s*[万亿]?元)?(?:重点|全额|全部)?(?:支持|投入|援助)?{build_verbs}的"))
# after it, the project it goes to: N元投向/用于P
_GOES_TO = re.compile(r"^[\d.,，]+\s*[万亿]?元(?:人民币)?(?:投向|用于|投入|支持)(?:建设)?")
# money said of a whole place, a year or many projects: no one project's
_NOT_ONE = re.compile(r"全县|全市|全州|全区|全省|今年|全年|年度|累计|共计|\d+个|等[\d一二三四五六七八九十]*个?项目")


@rule("programme-money", FAMILY, _PROGRAMME_FUND, scope="text", examples={
    "江苏援疆项目稳步推进。阿合奇县第三小学建设项目总投资3000万元，全部使用援疆资金。": [
        ("阿合奇县第三小学建设项目", "fundedBy", "江苏省")],
    "江苏援疆项目稳步推进。援疆资金建设的阿合奇县第四幼儿园、阿合奇县敬老院改扩建项目已交付。": [
        ("阿合奇县第四幼儿园", "fundedBy", "江苏省"), ("阿合奇县敬老院改扩建项目", "fundedBy", "江苏省")],
    "江苏援疆项目稳步推进。阿合奇县人民医院门诊楼项目投入援疆资金2000万元，今年投入使用。": [
        ("阿合奇县人民医院门诊楼项目", "fundedBy", "江苏省")],
    "江苏援疆项目稳步推进。援疆资金1500万元用于阿合奇县供水工程建设。": [
        ("阿合奇县供水工程", "fundedBy", "江苏省")],
    "江苏援疆项目稳步推进。阿合奇县青松乡卫生院由援疆资金1200万元建设。": [
        ("阿合奇县青松乡卫生院", "fundedBy", "江苏省")],
}, counter=(
    # no donor named with the programme anywhere
    "阿合奇县第三小学建设项目总投资3000万元，全部使用援疆资金。",
    # a place's or a year's money, many projects'
    "江苏援疆项目稳步推进。阿合奇县供水工程开工，全县今年投入援疆资金3亿元。",
    "江苏援疆项目稳步推进。援疆资金1500万元用于阿合奇县供水工程等10个项目建设。",
    # money given to a project named further on, in another clause
    "江苏援疆项目稳步推进。阿合奇县供水工程开工后，援疆资金还将支持阿合奇县第四幼儿园。",
    # a giver named before the verb: the money is that giver's (money-for's reading)
    "江苏援疆项目稳步推进。常州市援疆工作组投入援疆资金800万元用于阿合奇县供水工程建设。",
))
def programme_money(ctx: Ctx, hit: re.Match):
    """援X资金 with no donor named before it (援疆资金建设的P, P…全部使用援疆资金, P投入援疆资金N元,
    援疆资金N元用于P): the donor the article names with that programme funded P."""
    pos, end = ctx.at(hit.start()), ctx.at(hit.end())
    a, b = clause_of(ctx, pos)
    if any(a <= span_start(x) and x.end <= pos for x in ctx.ms if x.entity.cls in REGION | {"GovernmentBody", "Enterprise"}):
        return  # D(投入)援X资金: a giver named in the clause — the other rules' reading
    tail = ctx.text(end, b)
    targets: list = []
    built = _BUILT_WITH.match(tail)
    goes = _GOES_TO.match(ctx.text(end, ctx.end))
    if built:
        first = [x for x in ctx.ms if x.entity.cls in FACILITIES and 0 <= x.start - (end + built.end()) <= 1]
        targets = right_group(ctx, first[0].start, kinds=FACILITIES, max_gap=0) if first else []
    elif goes:
        first = [x for x in ctx.projects if x.start == end + goes.end()]
        targets = [first[0].entity] if first and not _NOT_ONE.search(ctx.text(first[0].end, b)) else []
    else:
        # P(总投资N元，)(全部)使用/投入援X资金: the project the sentence is about, before the money
        before = [x for x in ctx.projects if a <= x.start and x.end <= pos]
        if not before and (subject := subject_project(ctx, pos)) is not None:
            before = [subject]
        if any(end <= x.start and x.end <= b for x in ctx.ms if x.entity.cls in FACILITIES | {"DevelopmentZone"}):
            before = []  # 援X资金还将支持P2: the money goes to what follows it
        if before and not any(before[-1].end <= x.start and x.end <= pos for x in ctx.ms if x.entity.cls in REGION | ORG) \
                and not _NOT_ONE.search(ctx.text(before[-1].end, pos)) \
                and not re.search(r"[。；;]", ctx.text(before[-1].end, pos)):
            targets = [before[-1].entity]
    if not targets or _NOT_ONE.search(ctx.text(a, pos)):
        return
    if not ctx.state.programme_donor:
        ctx.state.programme_donor.append(_aid_donor(ctx))  # read once per article
    donor = ctx.state.programme_donor[0]
    if donor is None:
        return
    for p in _as_projects(ctx, targets):
        yield from funded(ctx, p, donor, "programme-money")


# D(今年)投入/安排/落实援X资金N元 — a donor's aid budget said on its own, no project named with it
_BUDGET = re.compile(expand(r"^(?:[^，,。；;]{0,10}[，,])?[^，,。；;]{0,12}?(?:共|累计|计划)?(?:{give_verbs})(?:{aid_marker}|东西部(?:扶贫)?协作|对口(?:帮扶|支援)|帮扶)"
                            r"(?:专项)?资金[\d.]+\s*[万亿]?元"))
# what a report says of a work's progress: (主体)已完工, 竣工, 开工建设, 投入使用 …
_PROGRESS = re.compile(r"^[^，,。；;]{0,4}?(?:[（(][^）)]{0,12}[）)])?[^，,。；;]{0,4}?(?:主体|全部|基本|已经|已|正式|顺利|全面)*"
                       r"(?:完工|竣工|开工|建成|投入使用|投用|交付使用|交付|封顶|启用|落成)")
# another source of money or another actor in the clause: not the budget's work
_OTHER_MONEY = re.compile(r"自筹|财政|贷款|社会资金|企业投资|招商")


@rule("budget-paragraph", FAMILY, examples={
    "2016年，常州市投入援疆资金2.6亿元。截至6月底，阿合奇县供水工程已完工；阿合奇县第三小学、阿合奇县第四幼儿园两个项目主体完工。": [
        ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第三小学", "fundedBy", "常州市"),
        ("阿合奇县第四幼儿园", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
}, counter=(
    # another paragraph
    "2016年，常州市投入援疆资金2.6亿元。\n截至6月底，阿合奇县供水工程已完工。",
    # money of its own
    "2016年，常州市投入援疆资金2.6亿元。阿合奇县自筹资金建设的阿合奇县供水工程已完工。",
    # the budget sentence names its own projects: the other rules' reading
    "2016年，常州市投入援疆资金2.6亿元建设阿合奇县第一中学。阿合奇县供水工程已完工。",
    # nothing said of the work's progress
    "2016年，常州市投入援疆资金2.6亿元。阿合奇县供水工程位于县城东部。",
))
def budget_paragraph(ctx: Ctx):
    """D投入援X资金N元。…P1已完工；P2、P3主体完工: a donor's aid budget stated once, then the
    works the same paragraph reports on — each is the donor's."""
    text = ctx.sentence.lstrip("，, ")
    budget = _BUDGET.match(text)
    if budget and not any(x.entity.cls in FACILITIES | {"DevelopmentZone"} for x in ctx.ms):
        k = ctx.end - len(text)
        givers = [x.entity for x in ctx.ms if x.end <= k + budget.end() and x.entity.cls in REGION | {"GovernmentBody"}
                  and ctx.text(span_start(x) - 1, span_start(x)) not in ("向", "为", "给", "在", "对")]
        ctx.state.budget = (givers[0], ctx.sent) if givers else None
        return
    if ctx.state.budget is None:
        return
    donor, since = ctx.state.budget
    between = ctx.doc.norm[ctx.doc.sentences[since].end:ctx.start]
    if "\n" in between or between.count("。") > 3:
        ctx.state.budget = None  # a new paragraph, or far on: the budget no longer speaks
        return
    for x in ctx.ms:
        if x.entity.cls not in FACILITIES:
            continue
        a, b = clause_of(ctx, x.start)
        group = right_group(ctx, x.start, kinds=FACILITIES, max_gap=0)
        if left_group(ctx, x.end, kinds=FACILITIES)[:1] != [x.entity]:
            continue  # not the first of its list: the list is read from its first item
        last = max(y.end for y in ctx.ms if y.entity in group and y.start >= x.start)
        rest = ctx.text(last, b)
        rest = re.sub(r"^等?[\d一二三四五六七八九十两]+[个所座项](?:项目|工程)?", "", rest)
        if not _PROGRESS.match(rest) or _OTHER_MONEY.search(ctx.text(a, b)) or any(
                y.entity.cls in ORG - FACILITIES for y in ctx.ms if a <= y.start < b):
            continue
        for p in _as_projects(ctx, group):
            yield from funded(ctx, p, donor, "budget-paragraph")
