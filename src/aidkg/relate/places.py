"""What rules ask about places and donors of the article: the region a one-character name stands
for, where an entity was said to be, the pairing unit a township belongs to, a programme's donor."""
from __future__ import annotations

from .. import gazetteer as gz
from ..document import Document, Entity, Mention
from ..vocab import REGION_CLASSES as REGION


def region_by_abbreviation(doc: Document, char: str, create: bool = False) -> Entity | None:
    """疆 → 新疆维吾尔自治区, 黔 → 贵州省 (a province's one-character name, as in 援疆, 援黔) when
    the article names it; with `create`, also when it does not."""
    div = gz.get_gazetteer().province_abbreviation(char)
    if div is None:
        return None
    ent = doc.entities.get(div.key)
    if ent is not None and ent.cls == "Province":
        return ent
    if create:
        ent = Entity(key=div.key, cls=div.cls, label=div.name, code=div.official_code)
        ent.alt_labels.add(char)
        doc.entities[ent.key] = ent
        return ent
    return None


def division_of(ent: Entity) -> gz.Division | None:
    """The reference-data unit an entity names (a coded division, a township, an XPCC unit)."""
    code = ent.code or next((m.code for m in ent.mentions if m.code), None)
    return gz.get_gazetteer().by_code(code) if code else None


def tagger_only(m: Mention) -> bool:
    """A place word only the tagger vouches for, with no division behind it (冰城, 昆仑山)."""
    return m.source == "lac" and division_of(m.entity) is None


def apart(a: Entity, b: Entity) -> bool:
    """Whether the reference data puts two places in different provinces (the corps' units lie in
    Xinjiang): then neither lies in the other, whatever the text's word order suggests."""
    da, db = division_of(a), division_of(b)
    if da is None or db is None:
        return False
    gaz = gz.get_gazetteer()
    pa, pb = gaz.province_of(da.code), gaz.province_of(db.code)
    return pa is not None and pb is not None and pa.code != pb.code


def inside(child: Entity, parent: Entity) -> bool | None:
    """Whether the reference data puts `child` inside `parent`: True, False, or None when it does
    not know one of them. A division and its city (师市合一) hold the same places; a regiment also
    lies in the county of its seat."""
    dc, dp = division_of(child), division_of(parent)
    if dc is None or dp is None:
        return None
    gaz = gz.get_gazetteer()
    ups = {d.code for d in gaz.chain(dc.code)[1:]}
    if dc.located_in:
        ups |= {d.code for d in gaz.chain(dc.located_in)}
    return bool({dp.code, dp.paired} & ups)


def hierarchy_predicate(child: Entity, parent: Entity) -> str:
    """partOf for the corps' own hierarchy (团 → 师, a regiment's town or company 三连), locatedIn
    for where anything else is (a county in its prefecture; a park, or an estate named 新村, in a
    regiment)."""
    if child.cls == "XPCCUnit" or (parent.cls == "XPCCUnit" and (
            child.cls in ("County", "Township") or (child.cls == "Village" and child.label.endswith("连")))):
        return "partOf"
    return "locatedIn"


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
    """The donor the article speaks for (我省/我市 resolved by the publisher)."""
    code = doc.donor_code
    return doc.entities.get(f"region/{code}") if code else None


def named_after(doc: Document, ent: Entity, province_only: bool = False) -> Entity | None:
    """The place a programme, team or command is named after (江苏省第十一批援疆干部人才 → 江苏省),
    when the article names it too."""
    hit = next((h for h in gz.get_gazetteer().find_all(ent.label) if h.start == 0 and h.xpcc is None), None)
    if hit is None:
        return None
    # 河南 may be 河南省 or 河南蒙古族自治县: the one the article names is meant
    named = [c for c in hit.candidates if (e := doc.entities.get(c.key)) is not None and e.mentions]
    cands = hit.candidates if len(hit.candidates) == 1 else named
    if len(cands) != 1 or (province_only and cands[0].cls != "Province"):
        return None
    return doc.entities.get(cands[0].key)


def programme_donor(doc: Document, programme: Entity) -> Entity | None:
    return named_after(doc, programme)
