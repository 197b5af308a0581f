"""Which side of a pairing gives: the candidates pairing rules yield (aid:supports donor →
recipient, or aid:pairedWith when no side is known), and the side reference data gives to pairings
the text states without one (A与B结对, 闽宁协作: data/paired_aid_sides.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .. import gazetteer as gz
from ..document import Document, Entity
from ..lexicon import aid_marker
from ..vocab import REGION_CLASSES as REGION
from .engine import words
from .places import inside


@lru_cache(maxsize=1)
def province_sides() -> dict[str, str]:
    """Province code → recipient | east | west (data/paired_aid_sides.tsv)."""
    text = resources.files("aidkg").joinpath("data", "paired_aid_sides.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {code: side for code, _name, side in rows[1:]}


def _code(ent: Entity) -> str | None:
    return ent.code or next((m.code for m in ent.mentions if m.code), None)


def leading_places(doc: Document, ent: Entity) -> tuple[list, str]:
    """The chain of places a name opens with (江苏省|常州市 of 江苏省常州市援疆工作组) and the rest
    of the name after it."""
    for m in ent.mentions:
        inner = sorted((x for x in doc.mentions if x is not m and x.entity is not None and x.entity.cls in REGION
                        and m.start <= x.start and x.end < m.end), key=lambda x: (x.start, -x.end))
        chain, pos = [], m.start
        for x in inner:
            if x.start == pos:
                chain.append(x)
                pos = x.end
        if chain:
            return [x.entity for x in chain], doc.norm[pos:m.end]
    return [], ""


def place_of(doc: Document, ent: Entity) -> Entity | None:
    """The place an actor stands for: a region itself; a body, school or firm the place the text
    puts it in, or the innermost place its name opens with (苏州市立医院 → 苏州市)."""
    if ent.cls in REGION:
        return ent
    for r in doc.relations:
        if r.subject is ent and r.predicate in ("locatedIn", "partOf") and r.object.cls in REGION:
            return r.object
    chain, _ = leading_places(doc, ent)
    return chain[-1] if chain else None


@lru_cache(maxsize=1)
def _acting_body() -> re.Pattern[str]:
    return re.compile(r"^(?:对口支援|对口援助)?(?:(?:新疆|西藏|青海|" + aid_marker().pattern + r")?(?:工作)?(?:"
                      + words("acting_bodies") + r")|" + aid_marker().pattern + r"队)$")


def acting_place(doc: Document, ent: Entity) -> Entity:
    """The place a body acts for in a pairing: a place's government or party committee, its
    delegation, aid command or aid team (浙江省委省政府, 常州市援疆工作组) pairs as that place;
    anything else as itself."""
    if ent.cls != "GovernmentBody":
        return ent
    chain, rest = leading_places(doc, ent)
    return chain[-1] if chain and _acting_body().match(rest) else ent


def province_code(doc: Document, ent: Entity) -> str | None:
    place = place_of(doc, ent)
    code = _code(place) if place is not None else None
    prov = gz.get_gazetteer().province_of(code) if code else None
    return prov.code if prov is not None else None


def orient(doc: Document, a: Entity, b: Entity) -> tuple[Entity, Entity] | None:
    """(donor, recipient) of a pairing of a and b by reference data, or None when it says nothing:
    a place outside the recipient provinces (新疆, 西藏, 青海) gives to a place inside them; an
    eastern province's place gives to a western one (东西部协作)."""
    pa, pb = province_code(doc, a), province_code(doc, b)
    if pa is None or pb is None or pa == pb:
        return None
    side = province_sides()
    sa, sb = side.get(pa), side.get(pb)
    if (sa == "recipient") != (sb == "recipient"):
        return (b, a) if sa == "recipient" else (a, b)
    if {sa, sb} == {"east", "west"}:
        return (a, b) if sa == "east" else (b, a)
    return None


def pairing_level(donor: Entity, place: Entity) -> bool:
    """A province is paired with prefectures and XPCC divisions; its money for a county's or a
    regiment's project says nothing about the pairing (its cities pair with those)."""
    if donor.cls != "Province":
        return True
    return place.cls == "Prefecture" or (place.cls == "XPCCUnit" and "师" in place.label and "团" not in place.label)


def paired(doc: Document, donor: Entity, recipient: Entity, variant: str | None = None):
    """The candidate of a pairing the text gives a direction to (D对口支援R, D援建R, D向R拨付资金):
    donor supports recipient — unless reference data says the other side gives, when the text's
    roles were misread or the aid is unusual: then the pairing without a direction. A body acting
    for a place pairs as the place (acting_place)."""
    donor, recipient = acting_place(doc, donor), acting_place(doc, recipient)
    if donor is recipient or _nested(donor, recipient):
        return None
    data = orient(doc, donor, recipient)
    if data is not None and data[0] is not donor:
        return _cand(donor, "pairedWith", recipient, variant)
    return _cand(donor, "supports", recipient, variant)


def mutual(doc: Document, a: Entity, b: Entity, variant: str | None = None):
    """The candidate of a pairing the text states without a side (A与B结对, 闽宁协作): directed
    by reference data where it can be, else a plain pairedWith."""
    a, b = acting_place(doc, a), acting_place(doc, b)
    if a is b or _nested(a, b):
        return None
    data = orient(doc, a, b)
    if data is not None:
        return _cand(data[0], "supports", data[1], variant)
    return _cand(a, "pairedWith", b, variant)


def _nested(a: Entity, b: Entity) -> bool:
    """Whether reference data puts one place inside the other (a county and its own town): a place
    is not paired with a place it holds (the sink checks coded places; towns have no code)."""
    return a.cls in REGION and b.cls in REGION and (inside(a, b) is True or inside(b, a) is True)


def _cand(s: Entity, p: str, o: Entity, variant: str | None):
    return (s, p, o) if variant is None else (s, p, o, variant)
