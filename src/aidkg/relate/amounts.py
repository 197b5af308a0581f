"""Money, floor areas and dates attached to the project they belong to; figures about many
projects become aggregate facts."""

from __future__ import annotations

import re
from decimal import Decimal

from ..document import AggregateFact, Entity
from ..lexicon import aid_marker, province_abbreviations
from ..quantities import DATE, MONEY, parse_date, parse_money
from .engine import ACTOR, REGION, Ctx, clause_of, expand, left_group, relation_words, right_group, span_start, subject_project
from .places import donor_entity


AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?平方米")


AGGREGATE = re.compile(r"\d+[多余]?\s*(?:个|项)(?:[\u4e00-\u9fff]{0,8})?项目|项目\s*\d+\s*(?:个|项)|\d+\s*项|[\d]+个[\u4e00-\u9fff]{0,6}项目|"
                       r"等\d*[多余]?家|共\d|共有\d|\d+[多余]?家企业|累计|合计")
# an event (推介会, 签约仪式, 艺术节 …) costs nothing the reporting counts: the money said at it is
# what was signed or invested by others
# 投资X元建设的(建筑面积N平方米的)P: a size said between the figure and the project
SIZED = re.compile(r"的(?:总建筑面积|建筑面积|占地面积|占地|规划面积|面积)?(?:约|近|达|逾|超)?[\d.]+万?(?:平方米|亩|公顷|平方公里)的")
# a clause that gives the subject project's cost: (该项目)(估算|概算…)总投资X元, 投入资金X元
SUBJECT_TOTAL = re.compile(expand(r"^(?:{project_self_words})?(?:{estimate_words})?(?:{own_cost_words})"))
# a sentence opening 项目总投资… / 该工程… / 总投资…: about the project named last
PROJECT_OPENER = re.compile(expand(r"^(?:{project_self_words}|{cost_openers})"))
# who says what follows: 该公司董事长某某介绍说， / 负责人表示：
SPEAKER = re.compile(r"[^，,。；;：:]{0,24}?(?:介绍|表示|说|称|透露|告诉记者)(?:说|道)?[，,：:]")
# the whole cost said right before a figure (总投资X元, 总造价): the total, not a donor's part
TOTAL_COST = re.compile(expand("{total_cost_words}"))
EVENT = re.compile(r"(?:会|仪式|论坛|活动|节|周|展|赛|班|营)$")
# the places or schools a figure is spread over (在R10个村实施P, 为5所学校建设P): no one project's cost
MANY_PLACES = re.compile(r"(?:\d+|[两三四五六七八九十百]+[十百]?)[多余]?(?:个|所|座)(?:行政)?(?:村|乡|镇|乡镇|社区|学校|中小学|小学|幼儿园|医院|卫生院|团场|连队)")


# an amount, or a figure in 亿 whose 元 the writer left out (总投资1.45亿。): counted only after an
# investment word, like every amount here
_MONEY = re.compile(MONEY.pattern + r"|(?<![\d.])[\d.]*\d(?:余|多)?亿(?![\d元万亿])")
INVEST_WORDS = tuple(relation_words()["investment_words"])
# a ceiling said before a figure: no cost
UPPER_BOUND = re.compile(r"(?:不超过|不高于|最多|最高|上限为?)$")
# money an aid verb gives (D帮扶X元, D援助X元, D捐资X元): counted only when it builds the project named next
AID_VERB = re.compile(expand(r"(?:{aid_money_verbs}|{give_verbs}|{donation_verbs})[^，,。；;\d]{0,4}$"))
# between a figure and the project it builds: (资金)(，)(拟|计划)(在R)(用于)建设
BUILDS = re.compile(expand(r"^(?:[^，,。；;\d]{0,6}?资金)?[，,]?(?:拟|计划|将|主要|重点|专项|全部|全额)?(?:在[^，,。]{0,12})?"
                    r"(?:用于)?(?:{build_verbs}|建|落地|落户)$"))


def attach_quantities(ctx: Ctx) -> None:
    """The per-sentence pass after the relation rules: money, areas and dates to their project."""
    topic = ctx.state.topic
    doc = ctx.doc
    text = doc.norm
    projects = [m for m in ctx.ms if m.entity.cls == "Project"]
    for m in _MONEY.finditer(text, ctx.start, ctx.end):
        a, b = clause_of(ctx, m.start())
        if a > ctx.start and text[a - 1] in "：:" and a - 1 > ctx.start:
            a, _ = clause_of(ctx, a - 1)  # 总投资：1.2亿元 — the label before the colon says what it is
        lead = text[a:m.start()]
        value = parse_money(m.group() if m.group().endswith(("元", "人民币")) else m.group() + "元")
        own = _bracketed(ctx, projects, m) if value is not None else None
        if own is not None:
            # P1（N元）、P2（M元）: a figure in brackets right after a project's name is that project's
            own.attrs.setdefault("totalInvestment", value)
            own.attrs.setdefault("_amount_sentence", ctx.sent)
            continue
        each = _each_of_list(ctx, a, m) if value is not None else []
        if each:
            # P1、P2和P3各N元 / 总投资各N元: every listed project has that sum
            for e in each:
                e.cls = "Project" if e.cls == "Institution" else e.cls  # a school that costs N is being built
                e.attrs.setdefault("totalInvestment", value)
                e.attrs.setdefault("_amount_sentence", ctx.sent)
            continue
        invest_word = any(w in lead[-8:] for w in INVEST_WORDS)
        if not invest_word and not AID_VERB.search(lead[-8:]):
            continue
        if UPPER_BOUND.search(lead[-6:]):
            continue  # 投入不超过N元: a ceiling, not what it costs
        value = parse_money(m.group() if m.group().endswith(("元", "人民币")) else m.group() + "元")
        if value is None:
            continue
        clause = text[a:b]
        target = None
        # 总投资X元的P / 投资X元建成投用的P
        tail = text[m.end():b]
        k = tail.find("的")
        if 0 <= k <= 20 and invest_word:
            nxt = [p for p in projects if p.start >= m.end() + k]
            # 总投资X元的P, 总投资X元的E P (the owner firm's name before its project's)
            owner = [x for x in ctx.ms if nxt and x.entity.cls == "Enterprise" and x.end == nxt[0].start
                     and span_start(x) - (m.end() + k) <= 2]
            if nxt and (nxt[0].start - (m.end() + k) <= 2 or owner or SIZED.fullmatch(text[m.end() + k:nxt[0].start])
                        or _places_listed(ctx, m.end() + k + 1, nxt[0].start)):
                target = nxt[0].entity
        listed: list[Entity] = []
        if target is None:
            # 投资X元(在R)建设P, 投资X元，建设P, 帮扶X元资金拟建设P: the project built with the money,
            # next in the sentence
            nxt = [p for p in projects if m.end() <= p.start < ctx.end]
            if nxt and BUILDS.search(text[m.end():nxt[0].start]):
                part = [p for p in nxt[1:] if re.fullmatch(r"[”」\"]?(?:中|里|内)的", text[nxt[0].end:p.start])]
                first = part[0] if part else nxt[0]  # 新建A中的B: B is what is built
                target = first.entity
                listed = _listed(ctx, first)
                if MANY_PLACES.search(text[m.end():first.start]):
                    target = None  # 在R10个村实施P, 为5所学校建设P: the figure is spread over many places
                if len(listed) == 1 and re.match(r"^[^，,。；;、的]{0,8}、[^，,。；;、\d]*(?:[、，,。；;]|$)",
                                                 text[first.end:clause_of(ctx, first.start)[1]]):
                    # 新建A教辅用房、学生宿舍…: the words after A go on listing; the figure is the list's
                    # (not when the next item has a figure of its own: P1、E2投资N元建设P2)
                    target = None
        if not invest_word and target is None:
            continue  # an aid verb's money counts only when it builds the project named
        if target is not None and len(listed) > 1 and _each(ctx, lead, a, len(listed)):
            # A、B 2市分别帮扶X元，实施P1、P2: each project has that sum
            for e in listed:
                if "totalInvestment" not in e.attrs:
                    e.attrs["totalInvestment"] = value
                    e.attrs.setdefault("_amount_sentence", ctx.sent)
            continue
        if target is not None and not (tail.startswith("的") and len(_opens_list(ctx, target)) <= 1
                                       and re.search(r"、[^、，,。；;]{0,8}$", lead)) and _sums_up(ctx, target):
            # (…、总投资X元的P等项目: an item of a list each with its figure — the figure is P's own)
            target = None  # 投入X元，实施P1、P2等N个项目: the figure covers the whole list
        explicit = target is not None  # the money is said to build this very project
        modifies = tail.startswith("的")  # 总投资X元的N: the figure is N's, whatever N is
        if target is None and not modifies and not _counts_many(clause) and not _counts_many(text[ctx.start:a]):
            before = [p for p in projects if a <= p.start and p.end <= m.start()]
            earlier = [p for p in projects if p.end <= a]
            if before and not re.search(r"、[^，,。；;、]{0,4}$", text[before[-1].end:min(
                    (x.start for x in ctx.ms if x.entity.cls in ACTOR and before[-1].end <= x.start < m.start()), default=before[-1].end)]):
                # (not across an item of a list whose giver opens it: E1投资N元建设P1、E2投资M元…)
                target = before[-1].entity
            elif earlier and _head_of(earlier[-1].entity) and lead.startswith(_head_of(earlier[-1].entity)) \
                    and re.search(r"(?:总投资|投资|总投入)\S{0,3}$", lead):
                target = earlier[-1].entity  # …人民医院新院区启用，医院总投资X元
            elif earlier and SUBJECT_TOTAL.match(lead) and not _coordinated(ctx, earlier[-1]) and (
                    (subject := _single_subject(ctx, m.start())) is not None or (
                        not [p for p in projects if p.start >= m.end()] and not _listed_before(ctx, a))):
                # 该项目位于R，总投资X元; P是Q的一部分，总投资X元; P位于R，总投资X元，包括A、B: the
                # project the sentence opens with (whatever it goes on to name)
                target = subject.entity if subject is not None else earlier[-1].entity
            elif re.search(r"全额(?:投入|出资|投资|援建|资助|拨付)", lead) and not [
                    p for p in projects if p.start >= m.end()] and (earlier or topic is not None):
                # P建筑面积…，由D全额出资X元 / a notice's heading P, then 由D全额投入X元: the whole cost
                target = earlier[-1].entity if earlier else topic
            elif PROJECT_OPENER.match(text[a:m.start()]) \
                    and topic is not None and not [p for p in projects if p.start < m.start()] \
                    and (not text[ctx.start:a].strip("，, 　") or SPEAKER.fullmatch(text[ctx.start:a])):
                # a sentence opening 项目总投资… (or a speaker's 某某介绍说，项目总投资…): the project
                # named last
                target = topic
        if target is not None and EVENT.search(target.label):
            target = None  # 此次推介会上…签约，总投资额X元: the deals', not the event's
        # a year's plan (今年计划投资X元, 年度计划完成投资X元) is no total; a project's planned
        # investment (该项目计划投资X元) is
        # (read without the names in it: (E)P计划投资X元 is P's, and 年产 in P's name is no year)
        own, k = "", a
        for x in sorted((x for x in ctx.ms if a <= x.start and x.end <= m.start()), key=lambda x: x.start):
            own, k = own + text[k:max(k, x.start)], max(k, x.end)
        own += text[k:m.start()]
        planned_part = "计划" in lead[-6:] and "计划总投资" not in lead[-8:] and not explicit and (
            re.search(r"年|计划完成|月", own) or not re.match(r"^(?:(?:该|本)?(?:项目|工程))?计划投资", own))
        # money spent so far (已完成投资, 到位) or a phase's (首期投资) is no project's total
        partial = re.search(r"完成(?:年度)?(?:投资|投入)|到位|(?:首期|一期|二期|三期)(?:投资|投入)", lead[-8:])
        if partial and target is not None and partial.group()[:2] in target.label:
            partial = None  # …一期工程, 一期投资X元: the phase is the project named
        # the money a donor gives (投入援X资金X元，建设P) stands for the cost until the text says the
        # whole cost (项目总投资Y元): then the total is Y
        total = TOTAL_COST.search(lead[-8:]) is not None
        given = target is not None and target.attrs.get("_amount_given") and total
        if target is not None and ("totalInvestment" not in target.attrs or given) and not planned_part and not partial:
            target.attrs["totalInvestment"] = value
            target.attrs["_amount_sentence"] = ctx.sent if given else target.attrs.get("_amount_sentence", ctx.sent)
            target.attrs["_amount_given"] = not total
        elif target is None:
            doc.facts.append(_aggregate(ctx, a, m.start(), clause, value))
    for m in AREA.finditer(text, ctx.start, ctx.end):
        lead = text[max(ctx.start, m.start() - 10):m.start()]
        if "占地" in lead or not re.search(r"建筑面积|总面积|厂房|新建|建设|扩建", lead):
            continue
        value = Decimal(m.group(1)) * (Decimal(10000) if m.group(2) else 1)
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value
        nxt = [p for p in projects if p.start >= m.end() and "的" in text[m.end():p.start][:3]]
        target = nxt[0].entity if nxt else ([p.entity for p in projects if p.end <= m.start()][-1:] or [topic])[0]
        if target is not None:
            target.attrs.setdefault("floorArea", value)
    for m in DATE.finditer(text, ctx.start, ctx.end):
        a, b = clause_of(ctx, m.start())
        clause = text[a:b]
        if "计划" in clause or "预计" in clause:
            continue
        date = parse_date(m.group(), doc.meta.date)
        if date is None:
            continue
        target = ([p.entity for p in projects if a <= p.start < b] or [topic])[0]
        if target is None:
            continue
        if "开工" in clause or "动工" in clause:
            target.attrs.setdefault("startDate", date)
        elif re.search(r"投产|竣工|交付|建成|落成|投用", clause):
            target.attrs.setdefault("completionDate", date)


# the words of a figure in brackets after a project's name: P（投资N元）
_BRACKET_OPEN = re.compile(expand(r"[（(](?:{total_cost_words}|投资|计划投资|援建资金|援助资金|资金)?[:：]?(?:约|共|达)?$"))


def _bracketed(ctx: Ctx, projects, m: re.Match):
    """The project whose name the figure follows in brackets (P（N元）, P（投资N元）), or None."""
    text = ctx.doc.norm
    k = _BRACKET_OPEN.search(text, max(ctx.start, m.start() - 8), m.start())
    if k is None or not re.match(r"\s*[）)]", text[m.end():m.end() + 2]):
        return None
    return next((p.entity for p in projects if p.end == k.start()), None)


# between the last listed project and its figure: 各(投入|投资|安排)(D援X资金) / 总投资各
_EACH_GAP = re.compile(r"[^，,。；;\d、]{0,10}?各[^，,。；;\d、]{0,12}")


def _each_of_list(ctx: Ctx, a: int, m: re.Match) -> list[Entity]:
    """P1、P2和P3(总投资)各(投入…)N元: the coordinated projects (or schools and hospitals) before
    a figure said of each, when the sentence speaks of money; else []."""
    items = [x for x in ctx.ms if a <= span_start(x) and x.end <= m.start() and x.entity.cls in ("Project", "Institution")]
    if not items or not _EACH_GAP.fullmatch(ctx.text(items[-1].end, m.start())):
        return []
    group = left_group(ctx, items[-1].end, kinds={"Project", "Institution"})
    spoken = any(w in ctx.text(ctx.start, m.start()) for w in INVEST_WORDS) or AID_VERB.search(ctx.text(items[-1].end, m.start()))
    return group if len(group) > 1 and spoken else []


def _aggregate(ctx: Ctx, a: int, pos: int, clause: str, value) -> AggregateFact:
    """A figure about many projects: whose money (the place or programme the sentence is about,
    else the article's donor), where it went, how many projects."""
    doc = ctx.doc
    # (为|向|给)R…: the places a sentence gives to receive; they are no donor
    receivers = [e for k in re.finditer(r"[为向给]", ctx.text(ctx.start, pos))
                 for e in right_group(ctx, ctx.start + k.end(), kinds=REGION, max_gap=0)]
    # N个D援X项目: D gives; a place of X itself (奇台县…N个福建援疆项目) receives
    head = re.search(aid_marker().pattern + r"项目|援建项目|帮扶项目|协作项目", ctx.text(ctx.start, pos))
    named = [x.entity for x in ctx.ms if head and x.end == ctx.start + head.start() and x.entity.cls in REGION]
    marker = aid_marker().search(ctx.text(ctx.start, ctx.end))
    receivers += [x.entity for x in ctx.ms if x.end <= pos and marker and x.entity not in named
                  and _lies_in(x.entity, province_abbreviations().get(marker.group()[1]))]
    before = [x.entity for x in ctx.ms if x.end <= pos and x.entity not in receivers
              and ctx.text(x.start - 1, x.start) != "、"]  # an item of a list is no speaker
    programme = next((e for e in before if e.cls == "Programme"), None)
    speaker = named[0] if named else next((e for e in before if e.cls in REGION), None)
    donor = donor_entity(doc)
    # D向R赠送/投入…: the place right before 向 gives, the one after it receives
    giver = [x for x in ctx.ms if x.end <= pos and x.entity.cls in REGION
             and re.match(r"^[^，,。；;向]{0,4}向", ctx.text(x.end, pos))]
    if giver:
        speaker = giver[-1].entity
    if speaker is not None and speaker.cls not in ("Township", "Village") and \
            re.search(r"向|援|支援|帮扶|投入|安排|拨付", ctx.text(ctx.start, pos)):
        donor = speaker if donor is None or speaker.key != donor.key else donor
    after_donor = min((y.start for y in ctx.ms if y.entity is donor), default=ctx.start)
    if giver:
        after_donor = giver[-1].end
    recipient = next((x.entity for x in ctx.ms if x.entity.cls in REGION and x.entity is not donor
                      and x.start > after_donor), None) if not receivers else receivers[0]
    return AggregateFact(sentence=ctx.sent, donor=donor, recipient=recipient, programme=programme,
                         project_count=_count(ctx.text(ctx.start, ctx.end)), amount=value, description=clause)


# what may stand between the listed places: separators, the count, and a place name the recogniser
# left out (a short name ending in a place head)
_LIST_GLUE = re.compile(r"^(?:[、，,和及与]|以及|等|[\d一二三四五六七八九十两]+[多余]?个|"
                        r"[\u4e00-\u9fff]{1,5}(?:村|镇|乡|社区|县|团|连))*$")


def _places_listed(ctx: Ctx, a: int, b: int) -> bool:
    """Whether [a, b) is only a list of places counted before the project that covers them
    (X元建设的A村、B村等12个示范村项目: the figure is the project's, the villages its sites)."""
    places = [x for x in ctx.ms if a <= span_start(x) and x.end <= b and x.entity.cls in REGION]
    if not places:
        return False
    rest, k = "", a
    for x in places:
        rest, k = rest + ctx.text(k, span_start(x)), x.end
    rest += ctx.text(k, b)
    return bool(_LIST_GLUE.match(rest)) and re.search(r"\d+|[一二三四五六七八九十两]+", rest) is not None


def _counts_many(text: str) -> bool:
    """Whether `text` speaks of many projects (N个项目, 累计 …) — not when it says one is among
    them (P是N个重点项目之一)."""
    return any(not re.match(r"^(?:的)?(?:其中)?之一", text[m.end():m.end() + 4]) for m in AGGREGATE.finditer(text))


def _lies_in(ent: Entity, province_code: str | None) -> bool:
    """Whether a place lies in the province of that code (an XPCC unit lies in 新疆)."""
    if province_code is None or ent.cls not in REGION:
        return False
    if ent.cls == "XPCCUnit":
        return province_code.startswith("65")
    return bool(ent.code) and ent.code[:2] == province_code[:2]


def _opens_list(ctx: Ctx, target: Entity) -> list[Entity]:
    """The projects coordinated from `target`'s mention on (itself alone when none follow)."""
    first = next((x for x in ctx.ms if x.entity is target), None)
    return (right_group(ctx, first.start, kinds={"Project", "Institution"}, max_gap=0) if first else []) or [target]


def _sums_up(ctx: Ctx, target: Entity) -> bool:
    """Whether `target` opens a list of projects closed by 等N个…项目 (P1、P2等4个项目)."""
    first = next((x for x in ctx.ms if x.entity is target), None)
    if first is None:
        return False
    group = right_group(ctx, first.start, kinds={"Project", "Institution"}, max_gap=0) or [target]
    last = [x for x in ctx.ms if x.entity is group[-1] and x.start >= first.start][:1]
    tail = ctx.text(last[0].end, ctx.end) if last else ""
    closed = re.match(r"^([^，,。；;]{0,24}?)等(?:[\d一二三四五六七八九十两多余]+个|一批|多个|各类)?[^，,。；;]{0,6}?项目", tail)
    # (P1、总投资M元的P2等项目: an item with a figure of its own — each figure is its item's)
    return bool(closed) and not MONEY.search(closed.group(1))


def _listed_before(ctx: Ctx, a: int) -> bool:
    """Whether the sentence lists several projects or parks before the clause at `a` (…项目为A、B，
    项目总投资X元: the figure is the list's, not its last item's)."""
    items = [x for x in ctx.ms if x.end <= a and x.entity.cls in ("Project", "DevelopmentZone")]
    return len({x.entity for x in items}) > 1 and "、" in ctx.text(items[0].end, items[-1].start)


def _coordinated(ctx: Ctx, last) -> bool:
    """Whether the project mention `last` closes a list (A和B…，总投资X元: the figure is neither's)."""
    return len(left_group(ctx, last.end, kinds={"Project", "Institution"})) > 1


def _single_subject(ctx: Ctx, pos: int):
    """The one project the sentence opens with, when the clause of `pos` has no subject of its own
    (not a list: P1、P2开工，总投资X元 is both's)."""
    subject = subject_project(ctx, pos)
    return subject if subject is not None and len(_listed(ctx, subject)) == 1 else None


def _listed(ctx: Ctx, first) -> list[Entity]:
    """The projects coordinated from `first` on (P1、P2和P3)."""
    return right_group(ctx, first.start, kinds={"Project"}, max_gap=0) or [first.entity]


def _each(ctx: Ctx, lead: str, a: int, n: int) -> bool:
    """Whether 分别 gives each of `n` listed projects the whole figure: its givers are one, or
    as many as the projects (A、B 2市分别帮扶X元，实施P1、P2)."""
    k = lead.rfind("分别")
    if k < 0 or len(lead) - k > 8:
        return False
    givers = left_group(ctx, a + k, kinds=ACTOR)
    return len(givers) <= 1 or len(givers) == n


def _head_of(ent: Entity) -> str | None:
    """The head noun a later clause may use for the project (医院 for …人民医院新院区)."""
    for head in relation_words()["project_head_nouns"]:
        if head in ent.label:
            return head
    return None


def _count(text: str) -> int | None:
    """The number of projects a figure covers (实施项目29个, 120个援疆项目, 201项; 90多个项目: at
    least 90)."""
    m = re.search(r"项目\s*(\d+)[多余]?\s*(?:个|项)|(\d+)[多余]?\s*(?:个|项)[\u4e00-\u9fff]{0,6}?项目|(\d+)\s*项", text)
    return int(next(g for g in m.groups() if g)) if m else None
