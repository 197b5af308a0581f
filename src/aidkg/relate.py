"""Relate: relations between the entities of a sentence, amounts and dates, aggregate figures.

Works clause by clause over the resolved mentions. Arguments are *groups*: a run of mentions
joined by 、/和/与/及 (with quantity fillers such as 两市/四县/等N家) counts as one argument, so
"A、B和C对口支援D" gives three pairings. A chain of adjacent places (克州阿图什市, 兵团第三师N团)
acts through its innermost place. Each relation keeps the sentence that states it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import gazetteer as gz
from .document import AggregateFact, Document, Entity, Mention, Relation
from .lexicon import rules
from .quantities import DATE, MONEY, parse_date, parse_money

REGION = {"Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "Region", "DevelopmentZone"}
ORG = {"Enterprise", "GovernmentBody", "Institution", "Organization"}
ACTOR = REGION | ORG
CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
COORD_GAP = re.compile(r"^(?:[、,，]?(?:和|与|及|以及|、|同)?|等?[\d一二三四五六七八九十两几多余]*(?:个|家|所)?"
                       r"(?:市|县|区|州|省|地|师|团|团场|家企业|家晋企|家企业)?(?:等)?)$")
FILLER = re.compile(r"^(?:等?[\d一二三四五六七八九十两几多余]+(?:个|家|所)?[\u4e00-\u9fff]{0,3}?|等|还|也|又|均|都|则|先后|"
                    r"相继|共|再|积极|新增|分别|共同|联合|携手|一同|正式|将|拟|计划|已|已经|正在|准备|决定|也将|还将|累计|整体|全资)?$")
AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?平方米")
AGGREGATE = re.compile(r"\d+\s*(?:个|项)(?:[\u4e00-\u9fff]{0,8})?项目|项目\s*\d+\s*(?:个|项)|\d+\s*项|[\d]+个[\u4e00-\u9fff]{0,6}项目|"
                       r"等\d*[多余]?家|共\d|累计|合计")
INVEST_WORDS = ("总投资", "投资", "投入", "援建资金", "资金", "出资", "造价", "援助资金")


@dataclass
class Ctx:
    doc: Document
    sent: int
    start: int
    end: int
    ms: list[Mention]          # top-level mentions of the sentence, in order

    def text(self, a: int, b: int) -> str:
        return self.doc.norm[a:b]


def relate(doc: Document) -> Document:
    gaz = gz.get_gazetteer()
    seen: set[tuple[str, str, str, int]] = set()

    def add(s: Entity | None, p: str, o: Entity | None, sent: int, method: str, dataset: str | None = None):
        if s is None or o is None or s.key == o.key:
            return
        if p == "pairedWith" and s.key > o.key and (o.key, p, s.key, sent) in seen:
            return
        k = (s.key, p, o.key, sent)
        if k in seen or (p == "pairedWith" and (o.key, p, s.key, sent) in seen):
            return
        seen.add(k)
        doc.relations.append(Relation(s, p, o, sent, method, dataset))

    topic_project: Entity | None = None
    last_donor_group: tuple[Entity | None, Entity | None] = (None, None)  # (donor, recipient) of "N个X援疆项目"
    prev_subject: Entity | None = None
    for sent in doc.sentences:
        ms = _top_mentions(doc, sent.index)
        ctx = Ctx(doc, sent.index, sent.start, sent.end, ms)
        _compound_names(ctx, add)
        _pairing(ctx, add, gaz)
        _investment(ctx, add, gaz)
        _acquisition(ctx, add)
        _location(ctx, add, topic_project)
        _dispatch(ctx, add)
        topic_project = _funding_and_organising(ctx, add, topic_project, prev_subject)
        last_donor_group = _project_groups(ctx, add, last_donor_group)
        _amounts(ctx, topic_project)
        projects = [m.entity for m in ms if m.entity.cls == "Project" and not m.source.startswith("coref")]
        if projects:
            topic_project = projects[-1]
        subj = next((m.entity for m in ms if m.entity.cls in ACTOR), None)
        if subj is not None:
            prev_subject = subj
    _reference_chains(doc, add, gaz)
    return doc


# --- helpers -----------------------------------------------------------------------------------

def _mentions_in(doc: Document, sent: int) -> list[Mention]:
    return sorted((m for m in doc.mentions if m.sentence == sent and m.entity is not None),
                  key=lambda m: (m.start, -m.end))


def _top_mentions(doc: Document, sent: int) -> list[Mention]:
    """Mentions not nested in a longer one; a chain of adjacent places keeps its innermost place."""
    ms = _mentions_in(doc, sent)
    top = [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                    and (o.end - o.start) > (m.end - m.start) for o in ms)]
    out: list[Mention] = []
    for m in top:
        if out and out[-1].end == m.start and out[-1].entity.cls in REGION and m.entity.cls in REGION:
            m.chain = getattr(out[-1], "chain", [out[-1]]) + [m]
            out[-1] = m  # 克州|阿图什市 → 阿图什市 speaks for the chain
            continue
        out.append(m)
    return out


def _chain_members(m: Mention) -> list[Entity]:
    """The places a chain speaks for as a recipient: all but the province and the corps
    (江苏对口支援克州阿图什市 pairs with 克州 and 阿图什市; 第二师铁门关市 with both)."""
    chain = getattr(m, "chain", [m])
    members = [c.entity for c in chain if c.entity.cls not in ("Province",) and not
               (c.entity.cls == "XPCCUnit" and "师" not in c.entity.label and "团" not in c.entity.label)]
    return members or [m.entity]


def _clause_of(ctx: Ctx, pos: int) -> tuple[int, int]:
    text = ctx.doc.norm
    a = pos
    while a > ctx.start and not CLAUSE_END.match(text[a - 1]):
        a -= 1
    b = pos
    while b < ctx.end and not CLAUSE_END.match(text[b]):
        b += 1
    return a, b


def _s(m: Mention) -> int:
    """Where a (possibly chained) top mention starts: 克州|阿图什市 starts at 克州."""
    chain = getattr(m, "chain", None)
    return chain[0].start if chain else m.start


def _left_group(ctx: Ctx, pos: int, kinds=ACTOR, expand: bool = False) -> list[Entity]:
    """The coordinated run of mentions ending right before `pos` (fillers allowed)."""
    a, _ = _clause_of(ctx, pos)
    before = [m for m in ctx.ms if a <= _s(m) and m.end <= pos]
    if not before:
        return []
    last = before[-1]
    if not FILLER.match(ctx.text(last.end, pos)):
        return []
    group = [last]
    for m in reversed(before[:-1]):
        if COORD_GAP.match(ctx.text(m.end, _s(group[0]))):
            group.insert(0, m)
        else:
            break
    out = []
    for m in group:
        for e in (_chain_members(m) if expand else [m.entity]):
            if e.cls in kinds and e not in out:
                out.append(e)
    return out


def _right_group(ctx: Ctx, pos: int, kinds=ACTOR, max_gap: int = 6, expand: bool = False) -> list[Entity]:
    _, b = _clause_of(ctx, pos)
    after = [m for m in ctx.ms if _s(m) >= pos and m.end <= b]
    if not after or len(ctx.text(pos, _s(after[0]))) > max_gap:
        return []
    group = [after[0]]
    for m in after[1:]:
        if COORD_GAP.match(ctx.text(group[-1].end, _s(m))):
            group.append(m)
        else:
            break
    out = []
    for m in group:
        for e in (_chain_members(m) if expand else [m.entity]):
            if e.cls in kinds and e not in out:
                out.append(e)
    return out


def _find(ctx: Ctx, pattern: str):
    return re.finditer(pattern, ctx.doc.norm[ctx.start:ctx.end])


def _abs(ctx: Ctx, i: int) -> int:
    return ctx.start + i


def _region_by_abbreviation(doc: Document, char: str, create: bool = False) -> Entity | None:
    """疆 → 新疆维吾尔自治区 when the article names it; with `create`, also when it does not."""
    full = rules()["aid_region_abbreviations"].get(char)
    for e in doc.entities.values():
        if e.cls == "Province" and e.label == full:
            return e
    if create and full:
        div = next((d for d in gz.get_gazetteer().candidates(full) if d.name == full), None)
        if div is not None:
            ent = Entity(key=div.key, cls=div.cls, label=div.name, code=div.official_code)
            ent.alt_labels.add(char)
            doc.entities[ent.key] = ent
            return ent
    return None


def _location_of(doc: Document, ent: Entity) -> Entity | None:
    for r in doc.relations:
        if r.subject is ent and r.predicate == "locatedIn" and r.object.cls in REGION:
            return r.object
    return None


def _pairing_unit(doc: Document, place: Entity | None) -> Entity | None:
    """Pairing is between counties, prefectures and XPCC units: a project's township or village
    stands for the county it lies in (from the text's own chain, else the reference data)."""
    seen = set()
    while place is not None and place.cls in ("Township", "Village") and place.key not in seen:
        seen.add(place.key)
        up = next((r.object for r in doc.relations if r.subject is place
                   and r.predicate in ("locatedIn", "partOf") and r.object.cls in REGION), None)
        if up is None:
            code = next((m.code for m in place.mentions if m.code), None)
            parent = gz.get_gazetteer().chain(code)[1:2] if code else []
            up = doc.entities.get(parent[0].key) if parent else None
        place = up
    return place


def _donor_entity(doc: Document) -> Entity | None:
    code = getattr(doc, "donor_code", None)
    return doc.entities.get(f"region/{code}") if code else None


# --- compound names: 克州阿图什市, 兵团第三师N团, X县第一小学, 前指Y分指 ------------------------

def _compound_names(ctx: Ctx, add) -> None:
    ms = _mentions_in(ctx.doc, ctx.sent)
    regions = [m for m in ms if m.entity.cls in REGION]
    # chains of adjacent places
    for a, b in zip(regions, regions[1:]):
        if "abbreviation" in a.source or "abbreviation" in b.source:
            continue  # 闽宁, 沪滇: a pair of partners, not a place inside a place
        if a.end == b.start and a.entity is not b.entity:
            xpcc = a.entity.cls == "XPCCUnit" or b.entity.cls == "XPCCUnit"
            add(b.entity, "partOf" if xpcc else "locatedIn", a.entity, ctx.sent, "pattern:compound-name")
    for m in ms:
        if (m.entity.cls in REGION and m.entity.cls != "DevelopmentZone") or m.entity.cls in ("Person", "Cadre", "Programme"):
            continue
        inner = [r for r in ms if r is not m and m.start <= r.start and r.end <= m.end]
        lead = [r for r in inner if r.entity.cls in REGION]
        chain, pos = [], m.start
        for r in sorted(lead, key=lambda r: r.start):
            if r.start == pos:
                chain.append(r)
                pos = r.end
        if chain and m.source.startswith("grammar:aid"):
            # 江苏省援X前指Y分指: the donor's command has a branch in Y, so the donor aids Y
            places = [r.entity for r in lead if r.start > chain[0].end]
            for place in places[-1:]:
                add(chain[0].entity, "pairedWith", place, ctx.sent, "pattern:aid-branch")
        elif chain and m.entity.cls != "Enterprise" and pos < m.end:
            place = chain[-1].entity
            if m.entity.cls == "GovernmentBody" and place.cls == "XPCCUnit" and "兵团" in place.label and "师" not in place.label:
                add(m.entity, "partOf", place, ctx.sent, "pattern:compound-name")
            else:
                add(m.entity, "locatedIn", place, ctx.sent, "pattern:compound-name")
        # a body inside a body: 前指 … 分指
        bodies = [r for r in inner if r.entity.cls == "GovernmentBody" and r.entity is not m.entity]
        if m.entity.cls == "GovernmentBody":
            for r in bodies:
                if r.start == m.start:
                    add(m.entity, "partOf", r.entity, ctx.sent, "pattern:compound-name")


# --- pairing -----------------------------------------------------------------------------------

PAIR_TRIGGERS = r"对口支援|对口援助|对口帮扶|结对帮扶|结对支援|对口援建|帮扶|援建|帮助|支援"
MUTUAL = r"结对|合作共建|共建|合作|签订|签署|携手"


def _pairing(ctx: Ctx, add, gaz) -> None:
    doc = ctx.doc
    for m in _find(ctx, PAIR_TRIGGERS):
        pos = _abs(ctx, m.start())
        after = _abs(ctx, m.end())
        donors = _left_group(ctx, pos)
        if not donors:
            # topic subject of the sentence (东莞市与…签订…, 明确合作共建X)
            donors = [x.entity for x in ctx.ms[:1] if x.entity.cls in ACTOR and x.end <= pos]
        recips = _right_group(ctx, after, kinds=REGION | ORG, max_gap=4, expand=True)
        if m.group() in ("援建", "帮助", "支援", "帮扶") and not any(r.cls in REGION for r in recips):
            continue
        for d, r in _pairs(ctx, donors, recips, pos):
            if d.cls in REGION | {"GovernmentBody", "Institution", "Enterprise"}:
                add(d, "pairedWith", r, ctx.sent, "pattern:pair-trigger")
    # A与B … 结对/合作/签订协议
    for m in _find(ctx, r"与|同"):
        pos = _abs(ctx, m.start())
        a, b = _clause_of(ctx, pos)
        tail = ctx.text(pos, b)
        if not re.search(MUTUAL, tail):
            continue
        if re.search(r"签订|签署", tail) and not re.search(r"对口|支援|援|结对|合作|帮扶|协作", ctx.text(pos, ctx.end)):
            continue
        left = _left_group(ctx, pos, expand=True)
        right = _right_group(ctx, _abs(ctx, m.end()), max_gap=8, expand=True)
        if len(left) != 1 and len(right) != 1 and len(left) != len(right):
            continue
        for x, y in _pairs(ctx, left, right, pos):
            if x.cls in ACTOR and y.cls in ACTOR:
                add(x, "pairedWith", y, ctx.sent, "pattern:mutual")
    # 闽宁协作, 沪滇合作: two one-character province abbreviations name a pairing of provinces
    for m in _find(ctx, r"([\u4e00-\u9fff])([\u4e00-\u9fff])(?:协作|合作|对口协作|扶贫协作|两地)"):
        a, b = gaz.province_abbreviation(m.group(1)), gaz.province_abbreviation(m.group(2))
        if a is None or b is None or a == b:
            continue
        ea, eb = doc.entities.get(a.key), doc.entities.get(b.key)
        if ea is not None and eb is not None and ea.mentions and eb.mentions:
            add(ea, "pairedWith", eb, ctx.sent, "pattern:abbreviation-pair")
    # X对口援疆 / 在X援疆支持下: X is paired with the region the aid goes to
    for m in _find(ctx, r"(?:对口)?援([疆藏青])"):
        pos = _abs(ctx, m.start())
        target = _region_by_abbreviation(doc, m.group(1))
        if target is None:
            continue
        left = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION and x.entity.cls != "XPCCUnit"]
        follow = ctx.text(_abs(ctx, m.end()), _abs(ctx, m.end()) + 4)
        if left and (m.group().startswith("对口") or follow.startswith(("支持", "工作", "项目"))):
            add(left[0].entity, "pairedWith", target, ctx.sent, "pattern:aid-to")
    # R … N个D援X项目: the donor D of the projects is paired with the recipient R of the clause
    for m in _find(ctx, r"援[疆藏青]项目"):
        pos = _abs(ctx, m.start())
        a, b = _clause_of(ctx, pos)
        donor = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION]
        recips = [x for x in ctx.ms if a <= x.start < pos and x.entity.cls in REGION and donor and x is not donor[0]]
        if donor and recips:
            add(donor[0].entity, "pairedWith", recips[-1].entity, ctx.sent, "pattern:aid-projects")


def _elided_subject(ctx: Ctx, pos: int, kinds: set[str]) -> list[Entity]:
    """并投资…, 同时收购…: a clause that continues the sentence's subject names none of its own."""
    a, _ = _clause_of(ctx, pos)
    head = ctx.text(a, pos)
    if not re.match(r"^(?:并且?|同时|还|随后|此外|另外|之后|并将|并追加|也)", head):
        return []
    if any(x.start >= a and x.end <= pos and x.entity.cls in ACTOR for x in ctx.ms):
        return []
    subj = [x.entity for x in ctx.ms if x.end <= a and x.entity.cls in kinds]
    return subj[:1]


def _pairs(ctx: Ctx, left: list[Entity], right: list[Entity], pos: int):
    """All pairs, or one to one when the sentence says 分别 and the groups match in size."""
    if len(left) == len(right) > 1 and "分别" in ctx.text(max(ctx.start, pos - 4), pos + 4):
        return list(zip(left, right))
    return [(x, y) for x in left for y in right]


# --- investment, acquisition, location ---------------------------------------------------------

def _investment(ctx: Ctx, add, gaz) -> None:
    doc = ctx.doc
    ms = ctx.ms
    # E P: an enterprise right before a project it owns (E年产…项目, E 2×…机组)
    for a, b in zip(ms, ms[1:]):
        if a.entity.cls == "Enterprise" and b.entity.cls == "Project" and b.start == a.end:
            add(a.entity, "investedIn", b.entity, ctx.sent, "pattern:owner-project")
    for m in _find(ctx, r"投资建设|投资兴建|投资|投建|出资|签约|注资|入股"):
        pos, after = _abs(ctx, m.start()), _abs(ctx, m.end())
        a, b = _clause_of(ctx, pos)
        investors = [x for x in _left_group(ctx, pos, kinds=ORG | REGION) if x.cls in ORG | {"Enterprise"}]
        if not investors:
            investors = _elided_subject(ctx, pos, {"Enterprise"})
        # E在R投资建设的P
        mm = re.search(r"在$", ctx.text(max(a, pos - 12), pos).split("在")[0] + "在") if False else None
        before = [x for x in ms if a <= x.start and x.end <= pos]
        if not investors and len(before) >= 2 and ctx.text(before[-2].end, before[-1].start) == "在" \
                and before[-2].entity.cls in ORG and before[-1].entity.cls in REGION:
            investors = [before[-2].entity]
            place = before[-1].entity
        else:
            place = None
        projects = [x for x in ms if x.start >= after and x.end <= b and x.entity.cls == "Project"
                    and not ctx.text(x.start - 1, x.start) in ("为", "给", "向")]  # 为X建设的P: X benefits
        # 投资…的P: the head after 的 is what the money built
        de = [x for x in projects if ctx.text(x.start - 1, x.start) == "的"]
        if de:
            projects = de
        for e in investors:
            if e.cls not in ORG:
                continue
            for p in projects[:1]:
                add(e, "investedIn", p.entity, ctx.sent, "pattern:invest")
                if place is not None:
                    add(p.entity, "locatedIn", place, ctx.sent, "pattern:invest-in-place")
        # …到疆投资 / 到R投资: investment into a region
        m2 = re.search(r"(?:到|在|赴|来)([疆藏青]|[\u4e00-\u9fff]{0,0})$", ctx.text(max(a, pos - 3), pos))
        if m2:
            target = _region_by_abbreviation(doc, m2.group(1), create=True) if m2.group(1) else None
            if target is None:
                regs = [x for x in before if x.entity.cls in REGION and x.end == pos]
                target = regs[0].entity if regs else None
            if target is not None:
                head = ctx.text(a, pos)
                cut = head.rfind("到") if "到" in head else head.rfind("在")
                for e in _left_group(ctx, a + cut, kinds={"Enterprise"}):
                    add(e, "investedIn", target, ctx.sent, "pattern:invest-in-region")
                # enterprises listed with 等 before 到疆投资 (E1、E2、E3等N家企业相继到疆投资)
                firms = [x for x in before if x.entity.cls == "Enterprise"]
                if firms and re.search(r"等", head):
                    for x in firms:
                        add(x.entity, "investedIn", target, ctx.sent, "pattern:invest-in-region")


def _acquisition(ctx: Ctx, add) -> None:
    for m in _find(ctx, r"(?:整体|全资|成功|全面)?(?:收购|并购|兼并|控股收购)了?"):
        pos, after = _abs(ctx, m.start()), _abs(ctx, m.end())
        buyers = _left_group(ctx, pos, kinds=ORG)
        if not buyers:
            buyers = _elided_subject(ctx, pos, {"Enterprise"})
        if not buyers:
            a, _ = _clause_of(ctx, pos)
            firms = [x.entity for x in ctx.ms if a <= x.start and x.end <= pos and x.entity.cls == "Enterprise"]
            buyers = firms[:1] if len(firms) == 1 else []
        targets = _right_group(ctx, after, kinds=ORG, max_gap=5)  # 收购了当地的X
        for x in buyers:
            for y in targets:
                add(x, "acquired", y, ctx.sent, "pattern:acquire")


def _location(ctx: Ctx, add, topic: Entity | None = None) -> None:
    ms = ctx.ms
    mentions = _mentions_in(ctx.doc, ctx.sent)
    # 在R建设(的)P / 在R举行P: where it is built or held
    for m in _find(ctx, r"在"):
        after = _abs(ctx, m.end())
        a, b = _clause_of(ctx, after)
        chain = []
        for x in mentions:
            if x.entity.cls in REGION | {"Institution"} and ((not chain and x.start == after) or (chain and x.start == chain[-1].end)):
                chain.append(x)
        if not chain:
            continue
        place = chain[-1].entity
        rest = ctx.text(chain[-1].end, b)
        v = re.match(r"^(?:投资|援建|新建|兴建|建设|实施|建成|开工|落地|落户|举行|举办|召开|开幕|启动|开展|隆重举行)+(?:了)?(的)?", rest)
        if not v:
            continue
        nxt = [x for x in ms if x.start >= chain[-1].end + v.end() and x.end <= b and x.entity.cls == "Project"]
        if nxt and nxt[0].start - (chain[-1].end + v.end()) <= 1:
            add(nxt[0].entity, "locatedIn", place, ctx.sent, "pattern:built-in")
        elif re.search(r"举行|举办|召开|开幕|启动|开展", v.group()):
            held = [x for x in ms if a <= x.start < chain[0].start and x.entity.cls == "Project"]
            target = held[-1].entity if held else (topic if re.match(r"^(?:本次|此次|该|这次)?(?:仪式|活动|会议|论坛|培训班|推介会|对接会|项目)", ctx.text(ctx.start, ctx.end).lstrip("，, ")) else None)
            if target is not None:
                add(target, "locatedIn", place, ctx.sent, "pattern:held-in")
    for m in _find(ctx, r"坐落在|坐落于|位于|地处|建在|落户|落地|入驻|选址"):
        pos, after = _abs(ctx, m.start()), _abs(ctx, m.end())
        a, b = _clause_of(ctx, pos)
        places = [x for x in _mentions_in(ctx.doc, ctx.sent) if after <= x.start < b and x.entity.cls in REGION]
        # the innermost of the adjacent places right after the verb
        chain = []
        for x in places:
            if (not chain and x.start - after <= 1) or (chain and x.start == chain[-1].end):
                chain.append(x)
        if not chain:
            continue
        place = chain[-1].entity
        subj = [x for x in ms if a <= x.start and x.end <= pos and x.entity.cls not in REGION | {"Person", "Cadre"}]
        if subj:
            add(subj[-1].entity, "locatedIn", place, ctx.sent, "pattern:located")
            continue
        if topic is not None and re.match(r"^(?:该|本|此)?(?:项目|工程)", ctx.text(a, pos)):
            add(topic, "locatedIn", place, ctx.sent, "pattern:located")  # 项目坐落在R
            continue
        # 坐落在R…的X
        rest = ctx.text(chain[-1].end, b)
        k = rest.find("的")
        if k >= 0:
            head = [x for x in ms if x.start >= chain[-1].end + k + 1 and x.end <= b
                    and x.entity.cls not in REGION | {"Person", "Cadre"}]
            if head:
                add(head[0].entity, "locatedIn", place, ctx.sent, "pattern:located")
    # X内，P / 在X内的P: the project takes place inside an institution or place
    for m in _find(ctx, r"内[，,]?"):
        pos = _abs(ctx, m.start())
        host = [x for x in ms if x.end == pos and x.entity.cls in ORG | REGION]
        if not host:
            continue
        for x in ms:
            if x.start >= pos and x.entity.cls == "Project":
                add(x.entity, "locatedIn", host[0].entity, ctx.sent, "pattern:inside")
                break


def _dispatch(ctx: Ctx, add) -> None:
    markers = tuple(rules()["cadre_markers"]) + tuple(rules()["cadre_titles"])
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        a, _ = _clause_of(ctx, c.start)
        before = [x for x in ctx.ms if a <= x.start and x.end <= c.start and x.entity.cls in REGION | ORG]
        if not before:
            continue
        # X援疆干部…NAME: the place or body right before a cadre marker sent the cadre
        marked = [x for x in before if any(ctx.text(x.end, x.end + len(k)).lstrip("的") == k.lstrip("的")
                                           and ctx.text(x.end, x.end + len(k) + 1).lstrip("的").startswith(k)
                                           for k in ("援疆", "援藏", "援青", "选派", "派出", "挂职") + markers)
                  or ctx.text(x.start - 2, x.start) == "来自"]
        src = marked[-1] if marked else before[-1]
        gap = ctx.text(src.end, c.start)
        if (len(gap) > 8 and not marked) or not any(k in gap for k in markers + ("干部", "人才")):
            # 浙江省援X指挥部指挥长NAME: the body is named right before the title
            if not (src.entity.cls == "GovernmentBody" and any(gap.startswith(t) for t in rules()["cadre_titles"])):
                continue
        target = src.entity
        if target.cls == "GovernmentBody":
            lead = [x for x in _mentions_in(ctx.doc, ctx.sent) if x.start == src.start and x.entity.cls == "Province"]
            if lead:
                target = lead[0].entity
        add(c.entity, "dispatchedBy", target, ctx.sent, "pattern:dispatch")
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        progs = [p for p in _mentions_in(ctx.doc, ctx.sent) if p.entity.cls == "Programme" and p.end <= c.start
                 and c.start - p.end <= 24]
        if progs:
            lead = [x for x in _mentions_in(ctx.doc, ctx.sent) if x.start == progs[-1].start and x.entity.cls in REGION]
            if lead:
                add(c.entity, "dispatchedBy", lead[0].entity, ctx.sent, "pattern:dispatch-programme")
    for c in ctx.ms:
        if c.entity.cls not in ("Cadre", "Person"):
            continue
        nxt = [p for p in ctx.ms if p.entity.cls == "Programme" and p.start > c.end
               and re.fullmatch(r"(?:是|为|系|作为|，|,|（|\()", ctx.text(c.end, p.start))]
        if nxt:
            c.entity.cls = "Cadre"
            lead = [x for x in _mentions_in(ctx.doc, ctx.sent) if x.start == nxt[0].start and x.entity.cls in REGION]
            if lead:
                add(c.entity, "dispatchedBy", lead[0].entity, ctx.sent, "pattern:dispatch-programme")
    for m in _find(ctx, r"选派|派出|派遣"):
        pos, after = _abs(ctx, m.start()), _abs(ctx, m.end())
        senders = _left_group(ctx, pos)
        _, b = _clause_of(ctx, pos)
        cadres = [x for x in ctx.ms if after <= x.start < b and x.entity.cls in ("Cadre", "Person")]
        for s in senders:
            for c in cadres:
                c.entity.cls = "Cadre"
                add(c.entity, "dispatchedBy", s, ctx.sent, "pattern:dispatch")


# --- funding and organising ----------------------------------------------------------------------

def _funding_and_organising(ctx: Ctx, add, topic: Entity | None, prev_subject: Entity | None) -> Entity | None:
    doc, ms = ctx.doc, ctx.ms
    projects = [m for m in ms if m.entity.cls == "Project"]
    # P 是 D … 援建/对口援建 … 项目
    for m in _find(ctx, r"(?:是|为|系)([^，,。；;]{0,16}?)(?:对口援建|援建|援疆|援藏)[^，,。；;]{0,6}项目"):
        pos = _abs(ctx, m.start())
        subj = [x for x in projects if x.end <= pos]
        donors = [x for x in ms if _abs(ctx, m.start(1)) <= x.start < _abs(ctx, m.end(1)) and x.entity.cls in REGION]
        if subj and donors:
            p, d = subj[-1].entity, donors[0].entity
            add(p, "fundedBy", d, ctx.sent, "pattern:aid-project-of")
            loc = _pairing_unit(doc, _location_of(doc, p))
            if loc is not None:
                add(d, "pairedWith", loc, ctx.sent, "pattern:aid-project-of")
    # 由D(援X资金)(全额)出资/援建/投资 …
    for m in _find(ctx, r"由([^，,。；;]{1,20}?)(?:援[疆藏青]资金|资金)?(?:全额|全部)?(?:出资|援建|投资|资助|承建)"):
        d_start, d_end = _abs(ctx, m.start(1)), _abs(ctx, m.end(1))
        donors = [x.entity for x in _mentions_in(doc, ctx.sent) if d_start <= x.start and x.end <= d_end
                  and x.entity.cls in REGION | ORG]
        if not donors:
            continue
        donor = donors[0]
        after = [x for x in projects if x.start >= _abs(ctx, m.end())]
        before = [x for x in projects if x.end <= _abs(ctx, m.start())]
        target = after[0].entity if after and "的" in ctx.text(_abs(ctx, m.end()), after[0].start) else (
            before[-1].entity if before else topic)
        if target is None:
            continue
        if donor.cls == "Enterprise":
            add(donor, "investedIn", target, ctx.sent, "pattern:funded-by")  # a firm's money is investment
            continue
        add(target, "fundedBy", donor, ctx.sent, "pattern:funded-by")
        loc = _pairing_unit(doc, _location_of(doc, target))
        if loc is not None and donor.cls in REGION and loc is not donor:
            add(donor, "pairedWith", loc, ctx.sent, "pattern:funded-by")
    # D投入/安排/使用(援X)资金N元(用于|建设|援建…的)P; D出资N元援建的P; 该项目使用D援X资金
    for m in _find(ctx, r"(?:投入|安排|使用|拨付|出资|投资|捐资|筹措)(?P<what>[^，,。；;]{0,10}?)"
                        r"\d+(?:\.\d+)?\s*[万亿]?元"):
        pos, end = _abs(ctx, m.start()), _abs(ctx, m.end())
        donors = _left_group(ctx, pos, kinds=REGION | ORG)
        inside = [x.entity for x in ms if pos <= x.start and x.end <= end and x.entity.cls in REGION | ORG]
        if not donors and inside:
            donors = inside[:1]  # 使用江苏省援疆资金
        if not donors:
            continue
        _, b = _clause_of(ctx, pos)
        later = [x for x in projects if x.start >= end and x.end <= b]
        target = later[0].entity if later else None
        if target is None:
            earlier = [x for x in projects if x.end <= pos]
            target = earlier[-1].entity if earlier else (topic if re.match(r"^(?:该|本)?(?:项目|工程)", ctx.text(ctx.start, pos).lstrip("，, ")) else None)
        if target is None:
            continue
        for d in donors:
            if d.cls == "Enterprise":
                add(d, "investedIn", target, ctx.sent, "pattern:money-for")
            elif d.cls in REGION | {"GovernmentBody"}:
                add(target, "fundedBy", d, ctx.sent, "pattern:money-for")
                loc = _pairing_unit(doc, _location_of(doc, target))
                if loc is not None and d.cls in REGION and loc is not d:
                    add(d, "pairedWith", loc, ctx.sent, "pattern:money-for")
    # D援建的P
    for m in _find(ctx, r"援建的"):
        pos = _abs(ctx, m.start())
        d = _left_group(ctx, pos, kinds=REGION | ORG)
        p = [x for x in projects if x.start >= _abs(ctx, m.end())][:1]
        for x in d:
            for y in p:
                add(y.entity, "fundedBy", x, ctx.sent, "pattern:funded-by")
                loc = _pairing_unit(doc, _location_of(doc, y.entity))
                if loc is not None and x.cls in REGION and loc is not x:
                    add(x, "pairedWith", loc, ctx.sent, "pattern:funded-by")
    # (全额)投资X元建成…的P, with the sentence's or the previous sentence's donor as subject
    for m in _find(ctx, r"^(?:全额|全部)?(?:投资|出资|投入)"):
        subj = prev_subject if prev_subject is not None and prev_subject.cls in REGION else None
        p = [x for x in projects][:1]
        if subj and p and "的" in ctx.text(ctx.start, p[0].start):
            add(p[0].entity, "fundedBy", subj, ctx.sent, "pattern:funded-by-subject")
    # organisers: 作为主办方，A与B… / 由A主办 / A主办的P / 由A实施
    for m in _find(ctx, r"主办方|承办方|主办单位|承办单位"):
        orgs = [x.entity for x in ms if x.start > _abs(ctx, m.end()) and x.entity.cls in ORG]
        a, b = _clause_of(ctx, _abs(ctx, m.end()) + 1)
        nxt_a, nxt_b = _clause_of(ctx, b + 1) if b + 1 < ctx.end else (b, b)
        orgs = _right_group(ctx, b + 1, kinds=ORG, max_gap=2) if b + 1 < ctx.end else []
        target = projects[0].entity if projects else topic
        for o in orgs:
            if target is not None:
                add(target, "organizedBy", o, ctx.sent, "pattern:organiser")
    for m in _find(ctx, r"(?:主办|承办|协办|实施|举办|组织)"):
        pos = _abs(ctx, m.start())
        left = _left_group(ctx, pos, kinds=ORG)
        if not left:
            pre = ctx.text(max(ctx.start, pos - 16), pos)
            if "由" in pre:
                k = pos - len(pre) + pre.rfind("由") + 1
                left = [x.entity for x in ms if x.start >= k and x.end <= pos and x.entity.cls in ORG]
        if not left:
            continue
        after_p = [x for x in projects if x.start >= _abs(ctx, m.end())]
        before_p = [x for x in projects if x.end <= pos]
        target = None
        between = ctx.text(_abs(ctx, m.end()), after_p[0].start) if after_p else ""
        if after_p and ("的" in between or between in ("", "了")) and not CLAUSE_END.search(between):
            target = after_p[0].entity  # A主办、B承办的P; A与B联合举办P
        elif before_p:
            target = before_p[-1].entity
        elif re.match(r"^(?:本次|此次|该|这次)?(?:仪式|活动|会议|论坛|培训班|推介会|对接会|交流会|大会|展览|项目)",
                      ctx.text(ctx.start, ctx.end).lstrip("，, ")):
            target = topic  # 仪式由A主办: the event the article is about
        if target is None:
            continue
        for o in left:
            add(target, "organizedBy", o, ctx.sent, "pattern:organiser")
    return topic


def _project_groups(ctx: Ctx, add, last_group):
    """N个(D)援X项目 … 分别是P1、P2…: each listed project is funded by D and located in the
    clause's place."""
    doc = ctx.doc
    donor, recipient = last_group
    text = doc.norm[ctx.start:ctx.end]
    g = re.search(r"\d+个", text)
    head = re.search(r"援[疆藏青]项目|援建项目|帮扶项目|协作项目", text)
    if g and head:
        ms = ctx.ms
        pos = ctx.start + head.start()
        d = [x for x in ms if x.end == pos and x.entity.cls in REGION]
        if d:
            donor = d[0].entity
        places = [x for x in ms if x.start < pos and x.entity.cls in REGION and (not d or x is not d[0])]
        if places:
            recipient = places[-1].entity
        k = re.search(r"分别是|分别为|包括|即", text)
        if k:
            listed = [x for x in ms if x.start >= ctx.start + k.end() and x.entity.cls == "Project"]
            for x in listed:
                if donor is not None:
                    add(x.entity, "fundedBy", donor, ctx.sent, "pattern:project-list")
                if recipient is not None:
                    add(x.entity, "locatedIn", recipient, ctx.sent, "pattern:project-list")
    return donor, recipient


# --- amounts, areas, dates ---------------------------------------------------------------------

def _amounts(ctx: Ctx, topic: Entity | None) -> None:
    doc = ctx.doc
    text = doc.norm
    projects = [m for m in ctx.ms if m.entity.cls == "Project"]
    for m in MONEY.finditer(text, ctx.start, ctx.end):
        a, b = _clause_of(ctx, m.start())
        lead = text[a:m.start()]
        if not any(w in lead[-8:] for w in INVEST_WORDS):
            continue
        value = parse_money(m.group())
        if value is None:
            continue
        clause = text[a:b]
        target = None
        # 总投资X元的P / 投资X元建成投用的P
        tail = text[m.end():b]
        k = tail.find("的")
        if 0 <= k <= 20:
            nxt = [p for p in projects if p.start >= m.end() + k]
            if nxt and nxt[0].start - (m.end() + k) <= 2:
                target = nxt[0].entity
        if target is None:
            # 投资X元在R建设P: the project built with the money, later in the same clause
            nxt = [p for p in projects if m.end() <= p.start < b]
            if nxt and re.search(r"(?:建设|新建|投建|兴建|建)$", text[m.end():nxt[0].start]):
                target = nxt[0].entity
        if target is None and not AGGREGATE.search(clause) and not AGGREGATE.search(text[ctx.start:a]):
            before = [p for p in projects if a <= p.start and p.end <= m.start()]
            earlier = [p for p in projects if p.end <= a]
            if before:
                target = before[-1].entity
            elif earlier and _head_of(earlier[-1].entity) and lead.startswith(_head_of(earlier[-1].entity)) \
                    and re.search(r"(?:总投资|投资|总投入)\S{0,3}$", lead):
                target = earlier[-1].entity  # …人民医院新院区启用，医院总投资X元
            elif earlier and re.match(r"^(?:(?:该|本)?(?:项目|工程))?(?:总投资|计划总投资|投资|总投入)", lead) and not [
                    p for p in projects if p.start >= m.end()]:
                target = earlier[-1].entity  # 该项目位于R，总投资X元
            elif re.match(r"^(?:项目|本项目|该项目|工程|本工程|该工程)", text[a:m.start()]) and topic is not None:
                target = topic
            elif text[a:m.start()].startswith(("总投资", "计划总投资")) and projects and \
                    re.search(r"^(?:项目|本项目|该项目)", text[a:m.start()]) and topic is not None:
                target = topic
        planned_part = "计划" in lead[-6:] and "计划总投资" not in lead[-8:]  # 计划投资: a year's plan
        if target is not None and "totalInvestment" not in target.attrs and not planned_part:
            target.attrs["totalInvestment"] = value
            target.attrs.setdefault("_amount_sentence", ctx.sent)
        elif target is None:
            doc.facts.append(AggregateFact(
                sentence=ctx.sent, donor=_donor_entity(doc),
                recipient=next((x.entity for x in ctx.ms if x.entity.cls in REGION and x.entity is not _donor_entity(doc)), None),
                project_count=_count(clause), amount=value, description=clause))
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
        a, b = _clause_of(ctx, m.start())
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


def _head_of(ent: Entity) -> str | None:
    """The head noun a later clause may use for the project (医院 for …人民医院新院区)."""
    for head in ("医院", "学校", "小学", "中学", "幼儿园", "中心", "工程", "园区", "基地", "电站", "工厂", "厂"):
        if head in ent.label:
            return head
    return None


def _count(clause: str) -> int | None:
    m = re.search(r"(\d+)\s*(?:个|项)", clause)
    return int(m.group(1)) if m else None


# --- reference data ------------------------------------------------------------------------------

def _reference_chains(doc: Document, add, gaz) -> None:
    """Each recognised region's partOf chain from the division tables (reference data, not text)."""
    for ent in list(doc.entities.values()):
        if ent.cls not in REGION or not ent.mentions:
            continue
        code = next((m.code for m in ent.mentions if m.code), None)
        if not code:
            continue
        child = ent
        for parent in gaz.chain(code)[1:]:
            key = parent.key
            pe = doc.entities.get(key)
            if pe is None:
                pe = Entity(key=key, cls=parent.cls, label=parent.name, code=parent.official_code, mentioned=False)
                doc.entities[key] = pe
            sent = child.mentions[0].sentence if child.mentions else ent.mentions[0].sentence
            add(child, "partOf", pe, sent, "reference-data", dataset="xpcc-units" if parent.cls == "XPCCUnit" else "admin-divisions")
            child = pe
