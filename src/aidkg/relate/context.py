"""What relation patterns share: a sentence's mentions, clauses, coordinated argument groups
and the places an entity is in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .. import gazetteer as gz
from ..document import Document, Entity, Mention
from ..lexicon import rules
from ..vocab import ORGANIZATION_CLASSES, REGION_CLASSES

REGION = REGION_CLASSES


ORG = ORGANIZATION_CLASSES


ACTOR = REGION | ORG


CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")


# between two coordinated places a descriptor may stand: 伊犁州直属10县市、克州4县市和兵团第四师
COORD_DESCRIBED = re.compile(r"^[\u4e00-\u9fff]{0,3}?[\d一二三四五六七八九十两几多余]+个?(?:县市|县区|市县|区县|团场|个团场|县|市|区|乡镇|镇|师|团)?"
                             r"(?:、|，|,|和|与|及|以及)$")
COORD_GAP = re.compile(r"^(?:[、,，]?(?:和|与|及|以及|、|同)?|等?[\d一二三四五六七八九十两几多余]*(?:个|家|所)?"
                       r"(?:市|县|区|州|省|地|师|团|团场|家企业|家晋企|家企业)?(?:等)?)$")


FILLER = re.compile(r"^(?:等?[\d一二三四五六七八九十两几多余]+(?:个|家|所)?[\u4e00-\u9fff]{0,3}?|等|还|也|又|均|都|则|先后|"
                    r"相继|共|再|积极|新增|分别|共同|联合|携手|一同|正式|将|拟|计划|已|已经|正在|准备|决定|也将|还将|累计|整体|全资|组团式|持续|长期|牵头|负责|具体|组织|统筹|"
                    r"以[\d.]+[万亿]?元(?:的价格|的对价)?|出资[\d.]+[万亿]?元)*$")


@dataclass
class Ctx:
    doc: Document
    sent: int
    start: int
    end: int
    ms: list[Mention]          # top-level mentions of the sentence, in order

    def text(self, a: int, b: int) -> str:
        return self.doc.norm[a:b]

    @cached_property
    def names(self) -> list[Mention]:
        """All named mentions of the sentence, nested ones too (no 该公司-style references)."""
        return [m for m in mentions_in(self.doc, self.sent) if not m.source.startswith("coref")]


def mentions_in(doc: Document, sent: int) -> list[Mention]:
    return sorted((m for m in doc.mentions if m.sentence == sent and m.entity is not None),
                  key=lambda m: (m.start, -m.end))


def top_mentions(doc: Document, sent: int) -> list[Mention]:
    """Mentions not nested in a longer one; a chain of adjacent places keeps its innermost place."""
    ms = mentions_in(doc, sent)
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


def chain_members(m: Mention) -> list[Entity]:
    """The places a chain speaks for as a recipient: all but the province and the corps
    (江苏对口支援克州阿图什市 pairs with 克州 and 阿图什市; 第二师铁门关市 with both)."""
    chain = getattr(m, "chain", [m])
    if chain[-1].entity.cls in ("Township", "Village"):
        return [chain[-1].entity]  # a town paired is not its county paired (E与R县X镇结对)
    members = [c.entity for c in chain if c.entity.cls not in ("Province",) and not is_corps(c.entity)]
    return members or [m.entity]


def is_corps(ent: Entity) -> bool:
    """The corps itself (新疆生产建设兵团), not one of its divisions or regiments — its label ends
    in 兵团, whose 团 names no regiment."""
    return ent.cls == "XPCCUnit" and "师" not in ent.label and not re.search(r"(?<!兵)团", ent.label)


def clause_of(ctx: Ctx, pos: int) -> tuple[int, int]:
    text = ctx.doc.norm
    a = pos
    while a > ctx.start and not CLAUSE_END.match(text[a - 1]):
        a -= 1
    b = pos
    while b < ctx.end and not CLAUSE_END.match(text[b]):
        b += 1
    return a, b


def span_start(m: Mention) -> int:
    """Where a (possibly chained) top mention starts: 克州|阿图什市 starts at 克州."""
    chain = getattr(m, "chain", None)
    return chain[0].start if chain else m.start


def left_group(ctx: Ctx, pos: int, kinds=ACTOR, expand: bool = False) -> list[Entity]:
    """The coordinated run of mentions ending right before `pos` (fillers allowed)."""
    a, _ = clause_of(ctx, pos)
    before = [m for m in ctx.ms if a <= span_start(m) and m.end <= pos]
    if not before:
        return []
    last = before[-1]
    if not FILLER.match(ctx.text(last.end, pos)):
        return []
    group = [last]
    for m in reversed(before[:-1]):
        if COORD_GAP.match(ctx.text(m.end, span_start(group[0]))) or \
                COORD_DESCRIBED.match(ctx.text(m.end, span_start(group[0]))):
            group.insert(0, m)
        else:
            break
    return _entities(group, kinds, expand)


def right_group(ctx: Ctx, pos: int, kinds=ACTOR, max_gap: int = 6, expand: bool = False) -> list[Entity]:
    _, b = clause_of(ctx, pos)
    after = [m for m in ctx.ms if span_start(m) >= pos and m.end <= b]
    if not after or len(ctx.text(pos, span_start(after[0]))) > max_gap:
        return []
    group = [after[0]]
    for m in after[1:]:
        if COORD_GAP.match(ctx.text(group[-1].end, span_start(m))) or \
                COORD_DESCRIBED.match(ctx.text(group[-1].end, span_start(m))):
            group.append(m)
        else:
            break
    return _entities(group, kinds, expand)


def _entities(group: list[Mention], kinds, expand: bool) -> list[Entity]:
    out = []
    for m in group:
        for e in (chain_members(m) if expand else [m.entity]):
            if e.cls in kinds and e not in out:
                out.append(e)
    return out


def find(ctx: Ctx, pattern: str, outside_names: bool = False):
    """Matches of `pattern` in the sentence; with `outside_names`, not those that fall inside a
    recognised name (the 投资 of 国有资产投资经营有限公司 is no verb of the sentence)."""
    hits = re.finditer(pattern, ctx.doc.norm[ctx.start:ctx.end])
    if not outside_names:
        return hits
    return (h for h in hits if not in_name(ctx, absolute(ctx, h.start()), absolute(ctx, h.end())))


def in_name(ctx: Ctx, a: int, b: int) -> bool:
    """Whether the span [a, b) overlaps a named mention of the sentence."""
    return any(m.start < b and a < m.end for m in ctx.names)


def absolute(ctx: Ctx, i: int) -> int:
    return ctx.start + i


def elided_subject(ctx: Ctx, pos: int, kinds: set[str]) -> list[Entity]:
    """并投资…, 同时收购…, E在R落地，投资…: a clause that continues the sentence's subject names none
    of its own (a place it acts in, 在R/于R, is no subject)."""
    a, _ = clause_of(ctx, pos)
    head = ctx.text(a, pos)
    if head and not re.match(r"^(?:并且?|同时|还|随后|此外|另外|之后|并将|并追加|也|计划|拟|将|预计|已|共同)", head):
        return []
    if any(x.start >= a and x.end <= pos and x.entity.cls in ACTOR and not (
            x.entity.cls in REGION and re.search(r"(?:在|于|到|赴)$", ctx.text(a, span_start(x)))) for x in ctx.ms):
        return []
    subj = [x.entity for x in ctx.ms if x.end <= a and x.entity.cls in kinds]
    return subj[:1]


def pairs(ctx: Ctx, left: list[Entity], right: list[Entity], pos: int):
    """All pairs, or one to one when the sentence says 分别 and the groups match in size."""
    if len(left) == len(right) > 1 and "分别" in ctx.text(max(ctx.start, pos - 4), pos + 4):
        return list(zip(left, right))
    return [(x, y) for x in left for y in right]


def region_by_abbreviation(doc: Document, char: str, create: bool = False) -> Entity | None:
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


def location_of(doc: Document, ent: Entity) -> Entity | None:
    for r in doc.relations:
        if r.subject is ent and r.predicate == "locatedIn" and r.object.cls in REGION:
            return r.object
    return None


def pairing_unit(doc: Document, place: Entity | None) -> Entity | None:
    """Pairing is between counties, prefectures and XPCC units: a project's township or village
    stands for the county it lies in (from the text's own chain, else the reference data)."""
    seen = set()
    while place is not None and place.cls in ("Township", "Village", "DevelopmentZone") and place.key not in seen:
        seen.add(place.key)
        up = next((r.object for r in doc.relations if r.subject is place
                   and r.predicate in ("locatedIn", "partOf") and r.object.cls in REGION), None)
        if up is None:
            code = next((m.code for m in place.mentions if m.code), None)
            parent = gz.get_gazetteer().chain(code)[1:2] if code else []
            up = doc.entities.get(parent[0].key) if parent else None
        place = up
    return place


def donor_entity(doc: Document) -> Entity | None:
    code = getattr(doc, "donor_code", None)
    return doc.entities.get(f"region/{code}") if code else None
