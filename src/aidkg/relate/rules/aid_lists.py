"""fundedBy for lists of facilities a donor built, said in ways the verb-first rules of funding.py
do not read: the facilities first and the donor in a predicate (A、B和C都是D援建的), and the donor
named once for a period (D支援R期间，A、B、C等工程相继投入使用). Every listed item is the donor's,
not only the first or the nearest."""
from __future__ import annotations

import re

from ..engine import ORG, REGION, Ctx, clause_of, left_group, right_group, rule, span_start
from .funding import funded

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
      r"(?P<verb>对口援建|援建|捐建|援助建设|出资建设|出资修建|出资兴建|投资建设|投资兴建|资助建设)的"
      r"(?=[，,。；;！!]|$|[^，,。；;的]{1,6}(?:之一)?[，,。；;！!]|[^，,。；;的]{1,6}(?:之一)?$)",
      examples={
          "阿合奇县第一小学、阿合奇县第二中学和阿合奇县人民医院门诊楼都是常州市援建的。": [
              ("阿合奇县第一小学", "fundedBy", "常州市"), ("阿合奇县第二中学", "fundedBy", "常州市"),
              ("阿合奇县人民医院门诊楼", "fundedBy", "常州市"), ("常州市", "supports", "阿合奇县")],
          # a manner or a sum between the donor and the verb; a noun after 的
          "阿合奇县供水工程和阿合奇县第三小学均为常州市出资1200万元援建的民生工程。": [
              ("阿合奇县供水工程", "fundedBy", "常州市"), ("阿合奇县第三小学", "fundedBy", "常州市"),
              ("常州市", "supports", "阿合奇县")],
          # a firm's capital is investment, its gift is funding (the first of the list is investor-named's)
          "年产5万吨纱线项目和阿合奇县冷链物流园项目都是苏州恒达纺织科技有限公司投资建设的。": [
              ("苏州恒达纺织科技有限公司", "investedIn", "阿合奇县冷链物流园项目", "invested-by-copula")],
      }, counter=(
          "阿合奇县第一小学和阿合奇县第二中学都是常州市援建干部常去的地方。",  # 援建 of another noun
          "阿合奇县是常州市援建的地方。",                      # a place aided, no facility
          "阿合奇县第一小学的老师都是常州市援建工作组选派的。",  # the verb belongs to another noun
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
))
def shared_by_list(ctx: Ctx):
    """A、B和C(均|都)由D援建, A和B都由E投资建设: what a sentence says of a list of projects it says of
    each of them — a donor or investor some rule found for one item of a coordinated list (the last
    item before the predicate, or the first after the verb) is every item's."""
    done = {(r.subject.key, r.predicate, r.object.key) for r in ctx.doc.relations if r.sentence == ctx.sent}
    for r in [r for r in ctx.doc.relations if r.sentence == ctx.sent]:
        if r.predicate == "fundedBy" and r.subject.cls == "Project":
            project, other = r.subject, r.object
        elif r.predicate == "investedIn" and r.object.cls == "Project":
            project, other = r.object, r.subject
        else:
            continue
        for m in [x for x in ctx.ms if x.entity is project]:
            a, b = clause_of(ctx, m.start)
            if "分别" in ctx.text(a, b):
                continue
            group = [e for e in left_group(ctx, m.end, kinds={"Project"}) + right_group(ctx, m.start, kinds={"Project"}, max_gap=0)
                     if e is not project]
            for e in dict.fromkeys(group):
                if r.predicate == "fundedBy" and (e.key, "fundedBy", other.key) not in done:
                    yield e, "fundedBy", other
                elif r.predicate == "investedIn" and (other.key, "investedIn", e.key) not in done:
                    yield other, "investedIn", e, "invested-by-list"
