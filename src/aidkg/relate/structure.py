"""Relations in the structure of names (克州阿图什市-style chains, X县第一小学, 前指Y分指) and
from reference data (a region's partOf chain)."""

from __future__ import annotations

import re

from ..document import Document, Entity
from .context import (
    ORG,
    REGION,
    Ctx,
    mentions_in,
)


def compound_names(ctx: Ctx, add) -> None:
    ms = mentions_in(ctx.doc, ctx.sent)
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
        elif not chain and m.entity.cls in ("Institution", "DevelopmentZone") and m.start == min(
                (x.start for x in ms if x.entity is m.entity), default=m.start):
            # 常州龙城实验幼儿园: an institution named after a place by its short form, when the
            # article names that place in full
            place = _short_form_place(ctx, m)
            if place is not None:
                add(m.entity, "locatedIn", place, ctx.sent, "pattern:compound-name")
        elif chain and m.entity.cls != "Enterprise" and pos < m.end and ctx.text(pos, pos + 1) not in ("·", "・", "•"):
            # (宁波·延边…推介会 names two partners, not where it is)
            place = chain[-1].entity
            if m.entity.cls == "GovernmentBody" and place.cls == "XPCCUnit" and "兵团" in place.label and "师" not in place.label:
                add(m.entity, "partOf", place, ctx.sent, "pattern:compound-name")
            elif m.entity.cls != "GovernmentBody":
                # a county's bureau is that county's by definition: no located-in claim is made
                add(m.entity, "locatedIn", place, ctx.sent, "pattern:compound-name")
                if m.entity.cls == "Project" and len(chain) >= 2 and place.cls in ("Township", "Village") \
                        and chain[-2].entity.cls == "County":
                    # X县Y镇Z工程: the county the name begins with holds it too
                    add(m.entity, "locatedIn", chain[-2].entity, ctx.sent, "pattern:compound-name")
        if m.entity.cls == "Project":
            # X医院住院楼改扩建项目: the project is in the institution or zone its name begins with
            for r in inner:
                if r.source == "grammar:nested" and r.start == m.start and r.entity is not m.entity:
                    add(m.entity, "locatedIn", r.entity, ctx.sent, "pattern:compound-name")
        # a body inside a body: 前指 … 分指
        bodies = [r for r in inner if r.entity.cls == "GovernmentBody" and r.entity is not m.entity]
        if m.entity.cls == "GovernmentBody":
            for r in bodies:
                if r.start == m.start:
                    add(m.entity, "partOf", r.entity, ctx.sent, "pattern:compound-name")


def _short_form_place(ctx: Ctx, m) -> Entity | None:
    from .. import gazetteer as gz
    name = ctx.text(m.start, m.end)
    hit = next((h for h in gz.get_gazetteer().find_all(name) if h.start == 0 and len(h.text) >= 2), None)
    if hit is None or len(hit.candidates) != 1:
        return None
    place = ctx.doc.entities.get(hit.candidates[0].key)
    if place is None or place.cls not in ("Prefecture", "County") or not any(not x.source.startswith("coref") for x in place.mentions):
        return None
    return place


_SUBSIDIARY = re.compile(r"(?:旗下|下属|所属)的?(?:(?:全资|控股)?子公司)?|的?(?:全资|控股)?子公司")


def subsidiaries(ctx: Ctx, add) -> None:
    """A集团旗下(的)B公司, A下属B, A全资子公司B: B is part of A."""
    for a, b in zip(ctx.ms, ctx.ms[1:]):
        if a.entity.cls in ORG and b.entity.cls in ORG and _SUBSIDIARY.fullmatch(ctx.text(a.end, b.start)):
            add(b.entity, "partOf", a.entity, ctx.sent, "pattern:subsidiary")


def reference_chains(doc: Document, add, gaz) -> None:
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
