"""Money facts: every sum of money an article states, as a flow a researcher can add up.

A stage after relate. It reads what relate found — a project's `totalInvestment` with the projects'
funders (fundedBy / investedIn) and places (locatedIn), and the figures about many projects
(`AggregateFact`) — and the wording around each figure, and gives one `MoneyFlow` per figure:
donor, recipient, amount in yuan, kind (aid funds, total investment, signed, delivered), period,
scope (one project, a programme of projects, a batch, a total) and the sentence.

Rules that keep totals honest:
* a figure about a part is never counted again inside its whole: a project's amount inside a
  programme total for the same donor, recipient and period, a 其中 figure inside the one before
  it, the categories of a programme inside the programme, and the same figure stated twice in one
  article are each marked `part_of` the whole (sums skip them);
* the venue of a signing or meeting (在X举行) and the dateline (新华社X电) are not the recipient;
* a region that receives 援疆/援藏/援青 money (Xinjiang, the corps, Tibet, Qinghai) is not its donor,
  and a province's money for its paired prefecture is not the corps' money: where the sentence
  names an ordinary recipient region, a corps unit there is not taken as the recipient;
* an example (如/例如 opening its clause) is part of the whole it illustrates, and one year's
  tranche (2021年计划投资) part of the 总投资 said before it in the sentence;
* the side that brings money in (引入/争取/接受…资金) receives it: it is not the donor.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .document import Document, Entity
from .lexicon import aid_marker, expand, province_abbreviations, relation_words
from .quantities import MONEY, parse_money
from .vocab import REGION_CLASSES

CATEGORY_REACH = 8   # sentences after a programme figure in which its categories are listed
KINDS = ("aid-funds", "total-investment", "signed", "delivered")
SCOPES = ("project", "programme", "batch", "total")
CLAUSE = re.compile(r"[，,；;。！？!?﹐﹔]")
VENUE = re.compile(expand(r"在[^，,。；;]{1,30}?{held_verbs}|在[^，,。；;会]{1,10}?[主分]?会场"))
DATELINE = re.compile(r"[\u4e00-\u9fff]{1,12}?\d{1,2}月\d{1,2}日电|本报[\u4e00-\u9fff]{1,8}?(?:\d{1,2}月\d{1,2}日)?讯")
COUNTRY = "100000"
MEETING = re.compile(expand("{meeting_words}"))
COUNTRY_NAMES = frozenset(relation_words()["country_names"])
MANY_DONORS = re.compile(expand(r"\d+个(?:{aid_marker}|{aid_fund_words}|支援|援助)?(?:省市|省辖市)|"
                                r"各(?:{aid_marker}|{aid_fund_words}|支援|援助)?省市|{aid_marker}各省市"))
# 两省 / 福建、山西两省 giving 援疆 money together: many donors (only with 援疆/援藏/援青 in the sentence —
# 两省 is otherwise often the donor and recipient of a pairing together)
SEVERAL_PROVINCES = re.compile(r"(?:两|[二三四五六七八九十]|\d+)个?省(?:市|区)?")
BATCH = re.compile(r"第[一二三四五六七八九十\d]+批")
# 如/例如/比如 opening a clause: the figure is an example out of a whole said before it
EXAMPLE = re.compile(expand(r"(?:^|[，,；;：:])\s*{example_openers}(?![何今期此果])"))
# a sentence that opens by pointing back into the whole before it: 其中，… / 引进的项目中，…
BACK_REFERENCE = re.compile(r"\s*(?:其中|[^，,。；;]{0,12}项目中)\s*[，,：:]?")
# a whole stated with 总 (总投资, 投资总额) and then one year's part of it (2021年计划投资, 当年投资)
WHOLE_CUE = re.compile(expand("{total_cost_words}|{whole_cues}"))
TRANCHE = re.compile(expand(r"^\s*(?:\d{4}年度?|{tranche_openers})"))
# the subject brings money in (引入/争取/接受…资金): it receives, it does not give
RECEIVE = re.compile(expand(r"{receive_verbs}(?:到位)?[^，,。；;项]{0,10}?{received_money}"))
# 援C项目 / 东企入C: aid or firms sent to a place written by one character (援西 for 西原州, 入黔 for 贵州)
SHORT_AID = re.compile(expand(r"(?:援|[企资]入|来|赴)([\u4e00-\u9fff])(?={short_form_followers}|[“\"])"))
# a body sent to give aid (援疆指挥部, 援藏工作队, 对口支援工作组): named after the place that gives
AID_BODY = re.compile(expand(r"(?:援[\u4e00-\u9fff]|{aid_fund_words})[\u4e00-\u9fff]{0,4}{aid_body_heads}"))
# …等方式 / 的形式: the words before it name a way of working
MEANS = re.compile(expand(r"[^，,；;。]{0,10}?{means_words}"))
# …X元，占总投资的80% (right after the figure): the figure is that share of a whole
SHARE = re.compile(r"\s*[，,]?\s*(?:约|已)?占[^，,。；;]{0,12}?的?\s*(\d+(?:\.\d+)?)\s*%")
# right after a place: it gives (R累计投入…, R每年安排…)
GIVING = re.compile(expand("{giving_adverbs}*(?:{give_verbs}|{donation_verbs})"))
# the clause after a figure that says what it is for: 用于支持A、B / 支持R发展
PURPOSE = re.compile(expand(r"\s*(?:主要)?{purpose_verbs}"))
# money of a pairing (as against investment or a budget): it goes to the giver's partner
PAIRING_MONEY = re.compile(expand("{pairing_fund_verbs}[^，,。；;]{0,4}资金|{pairing_funds}"))
# the words of a clause that gives money (援助Y元, 捐助折款Y元, 提供Y元资金, and 援建Y元), and of one that does not
GIFT = re.compile(expand("{give_verbs}|{donation_verbs}|{aid_money_verbs}|援建"))
NOT_GIVEN = re.compile(expand("{not_given_words}"))
# what may stand before the giving verb of a clause with no subject of its own (还在计划外提供…)
SUBJECTLESS = re.compile(expand(r"(?:{subjectless_openers}|[\d年月日]+)*"))
# 师 alone as a noun (师援疆办, 2017年师计划…, 上半年，师9个项目): a corps division speaking of itself
BARE_DIVISION = re.compile(expand(r"(?:^|(?<=[，,。；;：:\s从在年由]))师(?={division_self_followers}|[\d一二三四五六七八九十两]+个)"))
# the receiving side named generically in a figure's clause (支持受援地…): no place of a later clause
GENERIC_RECIPIENT = re.compile(expand("{generic_recipients}"))
# a whole said with 共/合计 (共36个项目…) and the words that then break it down (分为五大类, 其中…)
TOTAL_CUE = re.compile(expand("{total_cues}"))
BREAKDOWN_CUE = re.compile(expand("{breakdown_cues}"))
LISTING_CUE = re.compile(expand("{listing_cues}"))
COUNT = re.compile(r"项目(?:共|总数|达|合计|累计)?\s*(\d+)\s*(?:个|项)|(\d+)\s*(?:个|项)[\u4e00-\u9fff]{0,8}?项目|(\d+)\s*项")


@dataclass
class MoneyFlow:
    sentence: int                     # index into Document.sentences
    start: int                        # offsets of the figure (e.g. 2.94亿元) in Document.text
    end: int
    amount: Decimal                   # yuan
    kind: str                         # one of KINDS
    scope: str                        # one of SCOPES
    donor: Entity | None = None
    recipient: Entity | None = None
    project: Entity | None = None
    period: str | None = None         # as the article says it (“十四五”期间, 2024年, 2011年以来)
    period_start: int | None = None   # years
    period_end: int | None = None
    project_count: int | None = None
    part_of: "MoneyFlow | None" = None   # the whole this figure is counted in


@lru_cache(maxsize=1)
def _words() -> dict:
    return json.loads((resources.files("aidkg") / "data" / "money_words.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the stage

def money_facts(doc: Document) -> Document:
    flows: list[MoneyFlow] = []
    used: set[int] = set()
    parents = _parents(doc)
    for ent in doc.entities.values():
        if ent.cls != "Project" or "totalInvestment" not in ent.attrs:
            continue
        sent = ent.attrs.get("_amount_sentence")
        if sent is None:
            sent = _sentence_with(doc, ent.attrs["totalInvestment"])
        if sent is None:
            continue
        span = _figure(doc, sent, ent.attrs["totalInvestment"], used)
        if span is None:
            continue
        flow = _flow(doc, sent, span, ent.attrs["totalInvestment"], scope="project")
        flow.project = ent
        flow.donor = _project_donor(doc, ent, parents)
        flow.recipient = _project_place(doc, ent, parents)
        flows.append(flow)
    for fact in doc.facts:
        if fact.amount is None:
            continue
        span = _figure(doc, fact.sentence, fact.amount, used)
        if span is None:
            continue
        flow = _flow(doc, fact.sentence, span, fact.amount, scope=None)
        flow.project_count = fact.project_count or _count(doc, fact.sentence)
        flow.donor = _clause_giver(doc, flow) or _unless_default(doc, flow, fact.donor, parents)
        flow.donor, demoted = _sane_donor(doc, flow, parents)
        flow.recipient = flow.recipient or _recipient(doc, flow, demoted or fact.recipient, parents) or _aid_province(doc, flow)
        flow.recipient = _short_named(doc, flow, parents) or flow.recipient or _article_receiver(doc, flow, parents)
        flow.recipient = _bare_division(doc, flow) or flow.recipient or _generic_recipient(doc, flow, flows)
        if fact.programme is not None and BATCH.search(fact.programme.label):
            flow.scope = "batch"
        flows.append(flow)
    flows += _siblings(doc, flows, used, parents)
    for flow in flows:
        if flow.scope == "project":
            flow.donor, demoted = _sane_donor(doc, flow, parents)
            # a project the text places nowhere: the place its sentence gives to (…资金X元，为R新建…)
            flow.recipient = flow.recipient or demoted or _recipient(doc, flow, None, parents)
        if flow.recipient is not None and flow.donor is not None and (
                flow.recipient.key == flow.donor.key or _inside(flow.donor, flow.recipient, parents)):
            flow.recipient = _aid_province(doc, flow)  # the donor's own province is not what it aids
    _project_shares(doc, flows)
    flows.sort(key=lambda f: f.start)
    _parts_and_wholes(doc, flows, parents)
    _breakdowns(doc, flows, parents)
    doc.money = flows  # type: ignore[attr-defined]
    return doc


# ---------------------------------------------------------------- one figure

def _siblings(doc: Document, flows: list[MoneyFlow], used: set[int], parents) -> list[MoneyFlow]:
    """D财政援助资金X元，对口市县援助Y元，社会各界捐助Z元: the other figures of a sentence that lists
    money given (a giving word in their clause) are flows too, to the same recipient; each clause's
    own subject gives — a place or a place's body named there, none where the subject is no place
    (对口市县, 社会各界), the sentence's giver where the clause has no subject of its own."""
    out = []
    for flow in [f for f in flows if f.scope != "project"]:
        s = doc.sentences[flow.sentence]
        for m in MONEY.finditer(doc.norm, s.start, s.end):
            if m.start() in used or any(f.start == m.start() for f in flows + out):
                continue
            value = parse_money(m.group())
            clause_start = max((c.end() for c in CLAUSE.finditer(doc.norm, s.start, m.start())), default=s.start)
            clause = doc.norm[clause_start:m.start()]
            verb = GIFT.search(clause)
            if value is None or verb is None or NOT_GIVEN.search(clause):
                continue
            used.add(m.start())
            sib = _flow(doc, flow.sentence, (m.start(), m.end()), Decimal(value), scope=None)
            sib.scope = flow.scope
            subject = clause[:verb.start()]
            named = [x.entity for x in doc.mentions if x.sentence == flow.sentence and x.entity is not None
                     and clause_start <= x.start < clause_start + verb.start() and x.entity.cls in REGION_CLASSES]
            if named:
                sib.donor = named[0]
            elif SUBJECTLESS.fullmatch(subject):
                sib.donor = flow.donor
            sib.recipient = flow.recipient
            out.append(sib)
    return out


def _project_shares(doc: Document, flows: list[MoneyFlow]) -> None:
    """项目总投资X元，D援疆资金Y元: a second figure in the sentence of a project's amount, with no count
    of projects of its own, is the project's share from the donor."""
    for flow in flows:
        if flow.scope == "project" or flow.project_count:
            continue
        project = [f for f in flows if f.scope == "project" and f.sentence == flow.sentence and f.end <= flow.start]
        if not project:
            continue
        whole = project[-1]
        flow.scope, flow.project, flow.recipient = "project", whole.project, whole.recipient or flow.recipient
        if whole.donor is None:
            whole.donor = flow.donor
        flow.part_of = whole if whole.amount >= flow.amount else None


def _figure(doc: Document, sent: int, amount: Decimal, used: set[int]) -> tuple[int, int] | None:
    """Where in the sentence the figure of this amount is written (each figure used once)."""
    s = doc.sentences[sent]
    for m in MONEY.finditer(doc.norm, s.start, s.end):
        if m.start() in used:
            continue
        value = parse_money(m.group())
        if value is not None and Decimal(value) == Decimal(amount):
            used.add(m.start())
            return m.start(), m.end()
    return None


def _sentence_with(doc: Document, amount: Decimal) -> int | None:
    for s in doc.sentences:
        for m in MONEY.finditer(doc.norm, s.start, s.end):
            if parse_money(m.group()) == amount:
                return s.index
    return None


def _flow(doc: Document, sent: int, span: tuple[int, int], amount: Decimal, scope: str | None) -> MoneyFlow:
    s = doc.sentences[sent]
    before = doc.norm[s.start:span[0]]
    clause_start = max((m.end() for m in CLAUSE.finditer(before)), default=0)
    clause = before[clause_start:]
    flow = MoneyFlow(sentence=sent, start=span[0], end=span[1], amount=Decimal(amount),
                     kind=_kind(before, clause, scope), scope=scope or "total")
    if scope is None:
        whole = doc.norm[s.start:s.end]
        if BATCH.search(before):
            flow.scope = "batch"
        elif COUNT.search(whole) or "项目" in clause:
            flow.scope = "programme"
    flow.period, flow.period_start, flow.period_end = _period(before or doc.norm[s.start:s.end], doc.meta.date)
    return flow


def _count(doc: Document, sent: int) -> int | None:
    s = doc.sentences[sent]
    m = COUNT.search(doc.norm, s.start, s.end)
    return int(next(g for g in m.groups() if g)) if m else None


def _kind(before: str, clause: str, scope: str | None) -> str:
    kinds = _words()["kinds"]
    for kind in ("delivered", "signed"):
        if any(_said_of_money(before, w) for w in kinds[kind]):
            return kind
    best, where = None, -1
    for kind in ("aid-funds", "total-investment"):
        for w in kinds[kind]:
            k = clause.rfind(w)
            if kind == "total-investment" and k > 0 and clause[:k].endswith("资金"):
                continue  # 援藏资金投资X元: 投资 is the verb, the funds name the money
            if k > where or (k == where and k >= 0 and best == "total-investment"):
                best, where = kind, k
    if best is not None and where >= 0:
        return best
    return "total-investment" if scope == "project" else "aid-funds"


def _said_of_money(before: str, word: str) -> bool:
    """Whether the word (签约, 到位…) is said of the figure, not named as a way of working
    (采用云签约、小分队等方式招商: a method, the figure is no signed amount)."""
    return any(not MEANS.match(before, m.end()) for m in re.finditer(re.escape(word), before))


def _period(text: str, article_date: str | None) -> tuple[str | None, int | None, int | None]:
    """The time a figure covers, as said and as years (the last mention before the figure wins)."""
    year = int(article_date[:4]) if article_date and article_date[:4].isdigit() else None
    found: list[tuple[int, str, int | None, int | None]] = []
    for name, (a, b) in _words()["five_year_plans"].items():
        for m in re.finditer(rf"[“\"]?{name}[”\"]?(?:期间|时期|以来)?", text):
            if name == "十五" and text[max(0, m.start() - 1):m.start()] in ("第", "二", "三"):
                continue
            end = year if "以来" in m.group() and year else b
            found.append((m.start(), m.group(), a, end))
    for m in re.finditer(r"(\d{4})\s*[年]?\s*(?:至|到|—|–|-|~)\s*(\d{4})\s*年", text):
        found.append((m.start(), m.group(), int(m.group(1)), int(m.group(2))))
    for m in re.finditer(r"(\d{4})\s*年(以来|至今|起)?", text):
        if any(f[0] <= m.start() < f[0] + len(f[1]) for f in found):
            continue
        y = int(m.group(1))
        found.append((m.start(), m.group(), y, (year or y) if m.group(2) else y))
    for word, delta in _words()["relative_years"].items():
        k = text.rfind(word)
        if k >= 0 and year:
            found.append((k, word, year + delta, year + delta))
    if not found:
        return None, None, None
    _, said, a, b = max(found, key=lambda f: f[0])
    return said, a, b


# ---------------------------------------------------------------- who gives, who receives

def _parents(doc: Document) -> dict[str, set[str]]:
    """Entity key → keys it lies in or belongs to (relations of the article + division codes)."""
    up: dict[str, set[str]] = {}
    for r in doc.relations:
        if r.predicate in ("locatedIn", "partOf"):
            up.setdefault(r.subject.key, set()).add(r.object.key)
    for e in doc.entities.values():
        if e.code and len(e.code) == 6 and e.code.isdigit():
            for parent in (e.code[:4] + "00", e.code[:2] + "0000"):
                if parent != e.code:
                    up.setdefault(e.key, set()).add(f"region/{parent}")
    return up


def _ancestors(key: str, parents: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [key]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _inside(a: Entity, b: Entity, parents: dict[str, set[str]]) -> bool:
    """Whether a lies in b (or belongs to it)."""
    return b.key in _ancestors(a.key, parents)


def _project_donor(doc: Document, project: Entity, parents) -> Entity | None:
    donors = [r.object for r in doc.relations if r.predicate == "fundedBy" and r.subject.key == project.key]
    donors += [r.subject for r in doc.relations if r.predicate == "investedIn" and r.object.key == project.key]
    if not donors:
        return None
    # of a province and its city that both fund it, the city is the one that says whose money
    inner = [d for d in donors if not any(o is not d and _inside(o, d, parents) for o in donors)]
    return (inner or donors)[0]


def _project_place(doc: Document, project: Entity, parents) -> Entity | None:
    places = [r.object for r in doc.relations
              if r.predicate == "locatedIn" and r.subject.key == project.key and r.object.cls in REGION_CLASSES]
    if not places:
        return None
    inner = [p for p in places if not any(o is not p and _inside(o, p, parents) for o in places)]
    return (inner or places)[0]


def _in_recipient_area(ent: Entity, areas: list[str], parents) -> bool:
    """Whether the entity lies in a province that receives the article's kind of aid (援疆: Xinjiang)."""
    if ent.cls == "XPCCUnit" or ent.key.startswith("xpcc/"):
        return "65" in areas
    if ent.code and ent.code[:2] in areas:
        return True
    return any(f"region/{a}0000" in _ancestors(ent.key, parents) or
               any(k.startswith("xpcc/") for k in _ancestors(ent.key, parents)) and a == "65" for a in areas)


def _programme_areas(text: str) -> list[str]:
    """The two-digit province prefixes of the programmes a text names by 援X (援疆 → 65, 援黔 → 52):
    read from the division abbreviations (data/division_abbreviations.tsv), one table for every
    programme marker."""
    codes = province_abbreviations()
    out: list[str] = []
    for hit in aid_marker().finditer(text):
        code = codes[hit.group()[-1]][:2]
        if code not in out:
            out.append(code)
    return out


def _sentence_areas(doc: Document, sent: int) -> list[str]:
    s = doc.sentences[sent]
    return _programme_areas(doc.norm[s.start:s.end])


def _aid_areas(doc: Document, sent: int) -> list[str]:
    s = doc.sentences[sent]
    text = doc.norm[s.start:s.end]
    return _programme_areas(text) or _programme_areas(doc.norm)


def _sane_donor(doc: Document, flow: MoneyFlow, parents) -> tuple[Entity | None, Entity | None]:
    """(donor, the region it turned out to receive): a region that receives 援疆/援藏/援青 money is not
    its donor, nor is a place named only in the dateline or as a venue, nor the country; where the
    sentence names the article's donor, that one stands in. "19个援疆省市" and "两省…援疆资金" are many
    donors: none."""
    donor = flow.donor
    s = doc.sentences[flow.sentence]
    if MANY_DONORS.search(doc.norm[s.start:flow.start]) or (
            SEVERAL_PROVINCES.search(doc.norm[s.start:flow.start]) and _sentence_areas(doc, flow.sentence)):
        return None, None
    if donor is not None and _receives(doc, flow, donor):
        return None, donor if donor.cls in REGION_CLASSES else None
    if donor is not None and donor.cls in REGION_CLASSES:
        named, receiving = _named_donor(doc, flow, donor, parents)
        if named is not donor:
            if receiving is not None and flow.recipient is None:
                flow.recipient = receiving  # the team's place is where the money goes
            return named, receiving
    areas = _aid_areas(doc, flow.sentence)
    demoted = None
    if donor is not None and areas and _in_recipient_area(donor, areas, parents):
        demoted = donor if donor.cls in REGION_CLASSES else None
    elif donor is None or (donor.code == COUNTRY or donor.label in COUNTRY_NAMES or _only_in(doc, donor, _blocked_spans(doc, flow.sentence),
                                                                    flow.sentence)):
        pass
    else:
        return donor, None
    fallback = _article_donor(doc)
    if fallback is not None and not (areas and _in_recipient_area(fallback, areas, parents)) and any(
            m.entity is not None and m.entity.key == fallback.key for m in doc.mentions if m.sentence == flow.sentence):
        return fallback, demoted
    if demoted is not None:
        # 落实支援R…资金X元: the receiving place spoke; the giver is the one the article's pairings name
        giver = _article_giver(doc, parents, pairings_only=True)
        if giver is not None and giver.key != demoted.key and not (areas and _in_recipient_area(giver, areas, parents)):
            return giver, demoted
    return None, demoted


def _named_donor(doc: Document, flow: MoneyFlow, donor: Entity, parents) -> tuple[Entity, Entity | None]:
    """(donor, the region it turned out to receive) from how the sentence names the giving side:
    山东省海澜市援藏工作组 — the innermost place of a chain gives; R第七批D援藏工作组 — a team of D's
    working in R: D gives, R receives."""
    ms = sorted((m for m in doc.mentions if m.sentence == flow.sentence and m.entity is not None
                 and m.entity.cls in REGION_CLASSES), key=lambda m: m.start)
    for m in ms:
        if m.entity.key != donor.key or m.start >= flow.start:
            continue
        gap = BATCH.match(doc.norm, m.end)
        at = gap.end() if gap else m.end
        nxt = [n for n in ms if n.start == at and n.entity.key != donor.key]
        if not nxt:
            continue
        inner = nxt[0].entity
        if _inside(inner, donor, parents) and not gap:
            return inner, None
        if aid_marker().match(doc.norm, nxt[0].end) and not _inside(donor, inner, parents):
            return inner, donor
    return donor, None


def _receives(doc: Document, flow: MoneyFlow, donor: Entity) -> bool:
    """库区累计引入到位对口支援资金X: the side that brings money in (引入/争取/接受…资金) receives it —
    unless the giver is named after the verb (争取到D援助资金)."""
    s = doc.sentences[flow.sentence]
    verbs = list(RECEIVE.finditer(doc.norm, s.start, flow.start))
    if not verbs:
        return False
    verb = verbs[-1]
    return not any(m.entity is not None and m.entity.key == donor.key and verb.start() <= m.start < flow.start
                   for m in doc.mentions if m.sentence == flow.sentence)


def _article_donor(doc: Document) -> Entity | None:
    """The donor the whole article speaks for (我省), as resolve found it."""
    code = getattr(doc, "donor_code", None)
    return doc.entities.get(f"region/{code}") if code else None


def _province(ent: Entity, parents) -> str | None:
    """The two-digit province code of a place (an XPCC unit lies in 新疆), if known."""
    if ent.cls == "XPCCUnit" or ent.key.startswith("xpcc/"):
        return "65"
    if ent.code and len(ent.code) == 6 and ent.code.isdigit():
        return ent.code[:2]
    up = [k for k in _ancestors(ent.key, parents) if re.fullmatch(r"region/\d{2}0000", k)]
    return up[0][7:9] if len(up) == 1 else None


def _article_giver(doc: Document, parents, pairings_only: bool = False) -> Entity | None:
    """The giver the article speaks for where a sentence names none. The pairings the article states
    (aid:supports) say who gives: one province's places giving in more of their sentences than all
    others together give that province's giver (the article's donor when it lies there, else the
    place giving most often); givers of several provinces, none ahead, are no single donor. Without
    pairings, the donor resolve inferred (我省)."""
    default = _article_donor(doc)
    sentences: dict[str, set[int]] = {}
    givers: dict[str, list[Entity]] = {}
    for r in doc.relations:
        if r.predicate != "supports" or r.subject.cls not in REGION_CLASSES:
            continue
        prov = _province(r.subject, parents)
        if prov is None:
            continue
        sentences.setdefault(prov, set()).add(r.sentence)
        givers.setdefault(prov, []).append(r.subject)
    if not sentences:
        return None if pairings_only else default
    top = max(sentences, key=lambda p: len(sentences[p]))
    if 2 * len(sentences[top]) <= sum(len(v) for v in sentences.values()):
        return None
    if default is not None and _province(default, parents) == top:
        return default
    return max(givers[top], key=lambda e: sum(g.key == e.key for g in givers[top]))


def _generic_recipient(doc: Document, flow: MoneyFlow, before: list[MoneyFlow]) -> Entity | None:
    """…在库区累计投入X元 / 支持受援地…: the receiving side named by a common noun — or by nothing, where
    many givers together (各支援省市) give in a sentence naming no place — is the one place every
    earlier figure of the article went to (none where they went to several or nowhere)."""
    s = doc.sentences[flow.sentence]
    clause_start = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, flow.start)), default=s.start)
    clause_end = next((m.start() for m in CLAUSE.finditer(doc.norm, flow.end, s.end)), s.end)
    many = MANY_DONORS.search(doc.norm, s.start, flow.start) and not any(
        m.entity is not None and m.entity.cls in REGION_CLASSES for m in doc.mentions if m.sentence == flow.sentence)
    if not (GENERIC_RECIPIENT.search(doc.norm, clause_start, clause_end) or many):
        return None
    went = {f.recipient.key: f.recipient for f in before if f.recipient is not None and f.start < flow.start}
    if len(went) != 1 or any(f.recipient is None for f in before if f.start < flow.start):
        return None
    return next(iter(went.values()))


def _bare_division(doc: Document, flow: MoneyFlow) -> Entity | None:
    """师援疆办, 2017年师计划实施…: a corps division's own report says 师 alone; where the sentence names
    no place below Xinjiang and the article has one division (named, or known from a unit it names),
    that division receives."""
    s = doc.sentences[flow.sentence]
    if not BARE_DIVISION.search(doc.norm, s.start, s.end):
        return None
    now = flow.recipient
    if now is not None and not (now.code == "650000" or now.key == "xpcc/xpcc"):
        return None
    divisions = {e.key: e for e in doc.entities.values() if e.key.startswith("xpcc/div-")}
    return next(iter(divisions.values())) if len(divisions) == 1 else None


def _article_receiver(doc: Document, flow: MoneyFlow, parents) -> Entity | None:
    """Pairing money (对口支援资金, 帮扶资金) of a named giver whose sentence names no place at all goes
    where the article's pairings say the giver's aid goes, when they name one place (or one place and
    places inside it: the outermost)."""
    s = doc.sentences[flow.sentence]
    if flow.donor is None or not PAIRING_MONEY.search(doc.norm, s.start, flow.start):
        return None
    got = {r.object.key: r.object for r in doc.relations if r.predicate == "supports" and r.object.cls in REGION_CLASSES
           and (flow.donor is None or r.subject.key == flow.donor.key)}
    outer = [e for e in got.values() if all(o is e or _inside(o, e, parents) for o in got.values())]
    if len(outer) != 1 or (flow.donor is not None and flow.donor.key == outer[0].key):
        return None
    if any(m.entity is not None and m.entity.cls in REGION_CLASSES and (flow.donor is None or m.entity.key != flow.donor.key)
           for m in doc.mentions if m.sentence == flow.sentence):
        return None  # the sentence names a place it did not give to: no guess
    return outer[0]


def _unless_default(doc: Document, flow: MoneyFlow, donor: Entity | None, parents) -> Entity | None:
    """A donor relate took from the article (not named in the figure's sentence) is the article's giver
    as its pairings say (_article_giver)."""
    default = _article_donor(doc)
    if donor is None or default is None or donor.key != default.key or any(
            m.entity is not None and m.entity.key == donor.key and m.end <= flow.start
            for m in doc.mentions if m.sentence == flow.sentence):
        return donor
    return _named_giver(doc, flow) or _article_giver(doc, parents)


def _clause_giver(doc: Document, flow: MoneyFlow) -> Entity | None:
    """海澜市累计投入帮扶资金共计X元: the place right before the giving verb of the figure's own clause gives."""
    s = doc.sentences[flow.sentence]
    clause_start = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, flow.start)), default=s.start)
    for m in sorted((m for m in doc.mentions if m.sentence == flow.sentence and m.entity is not None
                     and m.entity.cls in REGION_CLASSES and clause_start <= m.start and m.end <= flow.start),
                    key=lambda m: m.start):
        if GIVING.match(doc.norm, m.end, flow.start) and doc.norm[m.start - 1:m.start] not in ("向", "为", "给", "对"):
            return m.entity  # (D向R投入: R, after 向, receives)
    return None


def _named_giver(doc: Document, flow: MoneyFlow) -> Entity | None:
    """The giver a sentence names by a body rather than a place: the one firm named before an
    investment or a signed or delivered figure (恒达集团与R签约…; R政府与恒达公司达成协议，项目总投资X) —
    firms invest, they do not give aid funds — or an aid body named after its place (海澜援疆指挥部
    投入…: 海澜 gives)."""
    from .relate.places import named_after

    ms = [m for m in doc.mentions if m.sentence == flow.sentence and m.entity is not None and m.end <= flow.start]
    before = [m.entity for m in ms]
    firms = {m.entity.key: m for m in ms if m.entity.cls == "Enterprise"}
    # one firm of a list (签约恒达纺织A项目、B项目等8个项目) speaks for none of the others
    if len(firms) == 1 and flow.kind != "aid-funds" and not re.search(
            r"[、等]", doc.norm[next(iter(firms.values())).start:flow.start]):
        return next(iter(firms.values())).entity
    for e in before:
        if e.cls == "GovernmentBody" and AID_BODY.search(e.label):
            place = named_after(doc, e)
            if place is not None and place.cls in REGION_CLASSES:
                return place
    return None


def _short_named(doc: Document, flow: MoneyFlow, parents) -> Entity | None:
    """援西项目 (西 for 西原州), 东企入黔 (黔 for 贵州), 邀请企业来西考察: the place a one-character short
    form after 援/企入/来/赴 stands for receives, where the sentence names no place below it: a province
    by its official one-character name (after 援 or 企入: 来京 is a visit), else the outermost place of
    the article whose name begins with the character (all of them one chain: 西原州 around 西岭县), else
    the one prefecture of the aid area (援疆: Xinjiang) whose name begins with it."""
    s = doc.sentences[flow.sentence]
    for m in SHORT_AID.finditer(doc.norm, s.start, s.end):
        char = m.group(1)
        code = province_abbreviations().get(char)
        if code and m.group()[0] in "来赴":
            continue
        if code:
            if char in "疆藏青" and m.group().startswith("援"):
                continue  # 援疆/援藏/援青: the aid province already stands in (_aid_province)
            place = doc.entities.get(f"region/{code}")
            if place is None:
                from . import gazetteer as gz
                div = gz.by_code(code)
                if div is None:
                    continue
                place = Entity(key=div.key, cls=div.cls, label=div.name, code=div.official_code, mentioned=False)
                doc.entities[place.key] = place
        else:
            named = [e for e in doc.entities.values() if e.cls in REGION_CLASSES and e.label.startswith(char)
                     and any(mm.entity is e for mm in doc.mentions)]
            outer = [e for e in named if all(o is e or _inside(o, e, parents) for o in named)]
            if not named:
                outer = _area_prefectures(doc, flow, char)
            if len(outer) != 1:
                continue
            place = outer[0]
        if flow.donor is not None and (place.key == flow.donor.key or _inside(flow.donor, place, parents)):
            continue
        now = flow.recipient
        if now is None or (_inside(place, now, parents) and place.key != now.key):
            return place
    return None


def _area_prefectures(doc: Document, flow: MoneyFlow, char: str) -> list[Entity]:
    """The prefectures of the aid area (援疆: Xinjiang) whose names begin with the character."""
    from . import gazetteer as gz

    areas = _aid_areas(doc, flow.sentence)
    found = [d for d in _prefectures(gz.get_gazetteer()) if d.code[:2] in areas and d.name.startswith(char)]
    if len(found) != 1:
        return []
    div = found[0]
    ent = doc.entities.get(div.key)
    if ent is None:
        ent = Entity(key=div.key, cls=div.cls, label=div.name, code=div.official_code, mentioned=False)
        doc.entities[ent.key] = ent
    return [ent]


@lru_cache(maxsize=1)
def _prefectures(gaz) -> tuple:
    """The coded prefectures of the division table, in its order (read once: the table has ~3,000
    units and a money figure with a one-character short form asked for them each time)."""
    return tuple(d for d in gaz.units() if d.code and d.cls == "Prefecture")


def _aid_province(doc: Document, flow: MoneyFlow) -> Entity | None:
    """援疆/援藏/援青 money named with no place goes to Xinjiang/Tibet/Qinghai (from the division table)."""
    from . import gazetteer as gz

    s = doc.sentences[flow.sentence]
    text = doc.norm[s.start:s.end]
    codes = set(_programme_areas(text))
    if len(codes) != 1:
        return None
    div = gz.by_code(codes.pop() + "0000")
    if div is None:
        return None
    ent = doc.entities.get(div.key)
    if ent is None:
        ent = Entity(key=div.key, cls=div.cls, label=div.name, code=div.official_code, mentioned=False)
        doc.entities[ent.key] = ent
    return ent


def _blocked_spans(doc: Document, sent: int) -> list[tuple[int, int]]:
    """Venues (在X举行) and datelines (新华社X月X日电, 本报X讯) of a sentence."""
    s = doc.sentences[sent]
    # the place of a signing, fair or meeting is where it was held; a handover ceremony in a
    # county (在R举行…交付仪式) still names the county that receives
    spans = [(m.start(), m.end()) for m in VENUE.finditer(doc.norm, s.start, s.end)
             if MEETING.search(doc.norm, m.start(), s.end)]
    spans += [(m.start(), m.end()) for m in DATELINE.finditer(doc.norm, s.start, min(s.end, s.start + 80))]
    return spans


def _only_in(doc: Document, ent: Entity, spans, sent: int) -> bool:
    """Whether every mention of `ent` in the sentence lies in one of the spans (and there is one)."""
    ms = [m for m in doc.mentions if m.sentence == sent and m.entity is not None and m.entity.key == ent.key]
    return bool(ms) and all(any(a <= m.start < b for a, b in spans) for m in ms)


def _recipient(doc: Document, flow: MoneyFlow, given: Entity | None, parents) -> Entity | None:
    """The region the money goes to: named in the sentence, not the donor, not a venue or dateline,
    not a place inside the name of a project or organisation."""
    s = doc.sentences[flow.sentence]
    blocked = _blocked_spans(doc, flow.sentence)
    donor = flow.donor
    ms = sorted((m for m in doc.mentions if m.sentence == flow.sentence and m.entity is not None),
                key=lambda m: (m.start, -m.end))
    # the donor as named before the figure (a later 辽宁与R之间 is another clause's)
    donor_end = max((m.end for m in ms if donor is not None and m.entity.key == donor.key and m.end <= flow.start),
                    default=max((m.end for m in ms if donor is not None and m.entity.key == donor.key), default=s.start))
    clause_start = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, flow.start)), default=s.start)
    clause_end = next((m.start() for m in CLAUSE.finditer(doc.norm, flow.end, s.end)), s.end)
    # a place's government speaks for the place (R县政府与…): only other names hide the places in them
    # nor does a meeting's name (R—D产业投资对接会暨签约仪式): its places are the parties
    names = [m for m in ms if m.entity.cls not in REGION_CLASSES and m.entity.cls != "GovernmentBody"
             and not MEETING.search(m.entity.label)]
    cands, hidden = [], []
    for m in ms:
        e = m.entity
        if e.cls not in REGION_CLASSES or (donor is not None and (e.key == donor.key or _inside(donor, e, parents))):
            continue
        if e.code == COUNTRY or e.label in COUNTRY_NAMES or any(a <= m.start < b for a, b in blocked):
            continue
        if any(n.start <= m.start and m.end <= n.end and (n.end - n.start) > (m.end - m.start) for n in names):
            hidden.append((m, e))
            continue  # 青松乡 in 青松乡集镇供水改造项目 names the project, not the recipient
        cands.append((m, e))
    if not cands and hidden and given is None:
        cands = hidden  # …援建了R某某改造项目 and no other place: the project's place is where it goes
    if not cands:
        ok = given is not None and given.code != COUNTRY and given.label not in COUNTRY_NAMES
        return given if ok and not _only_in(doc, given, blocked, flow.sentence) else None
    # 援疆 money goes to a place in Xinjiang: a donor province named beside the donor is not it
    here = _sentence_areas(doc, flow.sentence)
    if here:
        cands = [c for c in cands if _in_recipient_area(c[1], here, parents)]
        if not cands:
            return None
    # the corps is not the recipient of a province's money for its paired prefecture
    ordinary = [c for c in cands if c[1].cls != "XPCCUnit"]
    named_here = [c for c in cands if c[0].start >= clause_start]
    if ordinary and not any(c[1].cls == "XPCCUnit" for c in named_here):
        cands = ordinary
    after = [c for c in cands if donor_end <= c[0].start < flow.start]
    # 投资X元的P在R落地: the figure's own clause names where it goes before an earlier clause does
    own = [c for c in cands if clause_start <= c[0].start < clause_end]
    # …X元，用于支持A、B…: the clause after the figure that says what it is for, before earlier clauses
    purpose_end = next((m.start() for m in CLAUSE.finditer(doc.norm, clause_end + 1, s.end)), s.end)
    purpose = [c for c in cands if clause_end < c[0].start < purpose_end] if PURPOSE.match(
        doc.norm, clause_end + 1, s.end) else []
    if not own and GENERIC_RECIPIENT.search(doc.norm, clause_start, clause_end) and not any(
            c[0].start < flow.start for c in cands):
        return None  # 安排资金X元支持受援地…: the receiving side, named nowhere before, is no later clause's place
    pick = (after or own or purpose or [c for c in cands if c[0].start < flow.start] or cands)[0]
    # 推进A、B两地…: money for several places at once has no one recipient
    if doc.norm[pick[0].end:pick[0].end + 1] == "、" and _place_at(doc, pick[0].end + 1, cands):
        return None
    # 新疆喀什地区疏附县: the innermost place of a chain speaks for it
    while True:
        nxt = [c for c in cands if pick[0].end <= c[0].start <= pick[0].end + 1 and _inside(c[1], pick[1], parents)]
        if not nxt:
            return pick[1]
        pick = nxt[0]


def _place_at(doc: Document, at: int, cands) -> bool:
    """Whether a place's name begins at the offset (a mention, or a name the division table knows)."""
    from . import gazetteer as gz

    return any(c[0].start == at for c in cands) or any(
        h.start == 0 for h in gz.find_all(doc.norm[at:at + 12]))


# ---------------------------------------------------------------- parts and wholes

def _same_side(whole: Entity | None, part: Entity | None, parents) -> bool:
    """The whole's party is unknown, the same as the part's, or contains it."""
    if whole is None:
        return True
    if part is None:
        return False
    return whole.key == part.key or _inside(part, whole, parents)


def _periods_fit(whole: MoneyFlow, part: MoneyFlow) -> bool:
    if whole.period_start is None or part.period_start is None:
        return True
    return whole.period_start <= part.period_start and (part.period_end or part.period_start) <= (
        whole.period_end or whole.period_start)


def _announces_parts(doc: Document, whole: MoneyFlow, part: MoneyFlow) -> bool:
    """共36个项目…; 分为五大类 / 其中: the sentences after the whole break it down."""
    s = doc.sentences[whole.sentence]
    return bool(TOTAL_CUE.search(doc.norm, s.start, whole.start) or BREAKDOWN_CUE.search(doc.norm, whole.end, part.start))


def _related(a: Entity | None, b: Entity | None, parents) -> bool:
    """Unknown on one side, the same, or one inside the other."""
    return a is None or b is None or a.key == b.key or _inside(a, b, parents) or _inside(b, a, parents)


def _parts_and_wholes(doc: Document, flows: list[MoneyFlow], parents) -> None:
    for i, part in enumerate(flows):
        if part.part_of is not None and part.part_of.kind == part.kind:
            continue
        # the same figure said again (headline and body): counted once, where it is first said
        for whole in flows[:i]:
            if whole.part_of is None and whole.amount == part.amount and whole.kind == part.kind and \
                    _related(whole.donor, part.donor, parents) and _related(whole.recipient, part.recipient, parents):
                part.part_of = whole
                break
        if part.part_of is not None and part.part_of.kind == part.kind:
            continue
        # 其中: a figure after 其中 in the sentence of a larger one is part of it
        same = [w for w in flows if w.sentence == part.sentence and w.end <= part.start and w.amount > part.amount]
        if same and part.part_of is None and "其中" in doc.norm[same[-1].end:part.start]:
            part.part_of = same[-1]
            continue
        whole = _example_of(doc, flows, part, parents) or _tranche_of(doc, flows, part) or \
            _back_reference(doc, flows, part, parents) or _share_of(doc, flows, part, parents) or \
            _listing_continues(doc, flows, part, parents)
        if whole is not None and part.part_of is None:
            part.part_of = whole
            continue
        if part.scope == "project":
            # a project inside a programme or total of the same donor, recipient and period
            wholes = [w for w in flows if w is not part and w.scope != "project" and w.amount > part.amount
                      and w.kind == part.kind and w.part_of is None
                      and _same_side(w.donor, part.donor, parents) and _same_side(w.recipient, part.recipient, parents)
                      and _periods_fit(w, part)]
            if wholes:
                part.part_of = min(wholes, key=lambda w: w.amount)
        elif part.scope == "programme" and part.project_count:
            # 172个项目…42.4亿元; then the categories: 民生项目10个，资金9470万元
            wholes = [w for w in flows if w.scope in ("programme", "total", "batch") and w.project_count
                      and w.project_count > part.project_count and w.amount > part.amount and w.kind == part.kind
                      and w.part_of is None and 0 < part.sentence - w.sentence <= CATEGORY_REACH
                      and _announces_parts(doc, w, part)
                      and _related(w.donor, part.donor, parents) and _related(w.recipient, part.recipient, parents)
                      and _periods_fit(w, part)]
            if wholes:
                part.part_of = max(wholes, key=lambda w: (w.project_count, w.amount))


def _breakdowns(doc: Document, flows: list[MoneyFlow], parents) -> None:
    """这批项目将投入4800多万元。…共30个，其中新建项目…资金3520万元，续建项目…投资1300多万元: the figures of a
    sentence that lists parts (共/其中/包括/分别) and that add up to a figure said before (to 1%, or up to
    10% over a figure written with 多/余) are its parts, of its kind."""
    by_sentence: dict[int, list[MoneyFlow]] = {}
    for f in flows:
        if f.part_of is None:
            by_sentence.setdefault(f.sentence, []).append(f)
    for sent, parts in by_sentence.items():
        s = doc.sentences[sent]
        if len(parts) < 2 or not LISTING_CUE.search(doc.norm, s.start, parts[0].start):
            continue
        total = sum(p.amount for p in parts)
        for whole in [w for w in flows if w.part_of is None and 0 < sent - w.sentence <= CATEGORY_REACH
                      and all(w.amount > p.amount and _related(w.donor, p.donor, parents) for p in parts)][::-1]:
            about = re.search(r"[多余]", doc.norm[whole.start:whole.end]) is not None
            low, high = (whole.amount, whole.amount * Decimal("1.1")) if about else (
                whole.amount * Decimal("0.99"), whole.amount * Decimal("1.01"))
            if low <= total <= high:
                for p in parts:
                    p.part_of, p.kind = whole, whole.kind
                break


def _example_of(doc: Document, flows: list[MoneyFlow], part: MoneyFlow, parents) -> MoneyFlow | None:
    """…签约项目…，如在R投资X亿元建设…: a figure given as an example (如/例如/比如 opening its clause) is
    part of the larger figure of the same kind said before it (within the reach of a programme's categories)."""
    s = doc.sentences[part.sentence]
    clause_start = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, part.start)), default=s.start)
    if not EXAMPLE.search(doc.norm[max(s.start, clause_start - 1):part.start]):
        return None
    wholes = [w for w in flows if w is not part and w.end <= part.start and 0 <= part.sentence - w.sentence <= CATEGORY_REACH
              and w.amount > part.amount and w.kind == part.kind and w.part_of is None
              and _related(w.donor, part.donor, parents) and _related(w.recipient, part.recipient, parents)]
    return wholes[-1] if wholes else None


def _back_reference(doc: Document, flows: list[MoneyFlow], part: MoneyFlow, parents) -> MoneyFlow | None:
    """…引进项目90个，总投资173亿元。引进的项目中，总投资40亿元的…: a sentence opening with 其中 or
    “the projects … among them” breaks down the figure said last before it (the last sentence with a
    figure): its figures are parts of the last larger figure of the same kind there."""
    s = doc.sentences[part.sentence]
    before = [w.sentence for w in flows if part.sentence - CATEGORY_REACH <= w.sentence < part.sentence]
    if not before or not BACK_REFERENCE.match(doc.norm, s.start):
        return None
    last = [w for w in flows if w.sentence == max(before) and w.part_of is None and w.amount > part.amount
            and _related(w.donor, part.donor, parents)]
    wholes = [w for w in last if w.kind == part.kind]
    if not wholes and part.kind == "total-investment":
        # 签约项目…金额X。其中，一期项目投资Y: the investment of some of the signed projects is signed money
        wholes = [w for w in last if w.kind == "signed"]
        if wholes:
            part.kind = "signed"
    return wholes[-1] if wholes else None


def _listing_continues(doc: Document, flows: list[MoneyFlow], part: MoneyFlow, parents) -> MoneyFlow | None:
    """引进的项目中，总投资40亿元的P1…。投资10亿元的P2…。总投资6亿元的P3…: after a sentence that breaks a
    figure down, the sentences right after it that each describe one named thing by its figure (X元的P,
    or a project's amount) go on listing parts of the same whole — until a figure not inside it."""
    if part.scope != "project" and not re.match(r"\s*的", doc.norm[part.end:part.end + 3]):
        return None
    for opener in reversed([f for f in flows if 0 < part.sentence - f.sentence <= 3 and f.part_of is not None
                            and f.part_of.kind == f.kind
                            and BACK_REFERENCE.match(doc.norm, doc.sentences[f.sentence].start)]):
        whole = opener.part_of
        between = [f for f in flows if opener.sentence < f.sentence < part.sentence or (
            f.sentence == part.sentence and f.start < part.start)]
        if any(f.part_of is not whole and f.kind == whole.kind for f in between):
            return None  # a figure of its own came in between: the listing ended
        if part.kind == whole.kind and part.amount < whole.amount and _related(whole.donor, part.donor, parents) \
                and _periods_fit(whole, part):
            return whole
        return None
    return None


def _share_of(doc: Document, flows: list[MoneyFlow], part: MoneyFlow, parents) -> MoneyFlow | None:
    """已安排资金X元，占五年总投资的80%: a figure said to be a share of a whole is part of the figure of
    the same kind the article states elsewhere that it is that share of (to a percentage point)."""
    s = doc.sentences[part.sentence]
    m = SHARE.match(doc.norm, part.end, s.end)
    if m is None:
        return None
    share = Decimal(m.group(1)) / 100
    wholes = [w for w in flows if w is not part and w.kind == part.kind and w.part_of is None and w.amount > part.amount
              and abs(part.amount / w.amount - share) <= Decimal("0.01") and _related(w.donor, part.donor, parents)]
    return min(wholes, key=lambda w: abs(w.sentence - part.sentence)) if wholes else None


def _tranche_of(doc: Document, flows: list[MoneyFlow], part: MoneyFlow) -> MoneyFlow | None:
    """项目总投资X元，2021年计划投资Y元: one year's (or the first phase's) figure after a whole stated with
    总 in the same sentence is part of that whole."""
    s = doc.sentences[part.sentence]
    clause_start = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, part.start)), default=s.start)
    if not TRANCHE.search(doc.norm[clause_start:part.start]):
        return None
    for w in reversed([w for w in flows if w.sentence == part.sentence and w.end <= part.start]):
        w_clause = max((m.end() for m in CLAUSE.finditer(doc.norm, s.start, w.start)), default=s.start)
        if w.kind == part.kind and w.amount > part.amount and WHOLE_CUE.search(doc.norm[w_clause:w.start]):
            return w
    return None


def _key(e: Entity | None) -> str | None:
    return e.key if e is not None else None
