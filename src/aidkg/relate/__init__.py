"""Relate: relations between the entities of a sentence, amounts and dates, aggregate figures.

Works clause by clause over the resolved mentions. Arguments are *groups*: a run of mentions
joined by 、/和/与/及 (with quantity fillers such as 两市/四县/等N家) counts as one argument, so
"A、B和C对口支援D" gives three pairings. A chain of adjacent places (克州阿图什市, 兵团第三师N团)
acts through its innermost place. Each relation keeps the sentence that states it.
"""
from __future__ import annotations

from .. import gazetteer as gz
from ..document import Document, Entity, Relation
from .amounts import attach_quantities
from .context import ACTOR, Ctx, top_mentions
from .funding import funding_and_organising, project_groups
from .investment import acquisitions, investments, joint_ventures, signed_with_places
from .location import locations
from .pairing import pairings
from .people import dispatches
from .structure import compound_names, reference_chains, subsidiaries


def _nested(gaz, a: Entity, b: Entity) -> bool:
    """Whether the reference data puts one of two coded places inside the other."""
    if not a.code or not b.code:
        return False
    up_a = {d.key for d in gaz.chain(a.code)[1:]}
    up_b = {d.key for d in gaz.chain(b.code)[1:]}
    return b.key in up_a or a.key in up_b


def relate(doc: Document) -> Document:
    gaz = gz.get_gazetteer()
    seen: set[tuple[str, str, str, int]] = set()

    def add(s: Entity | None, p: str, o: Entity | None, sent: int, method: str, dataset: str | None = None):
        if s is None or o is None or s.key == o.key:
            return
        if p == "pairedWith" and s.key > o.key and (o.key, p, s.key, sent) in seen:
            return
        if p == "pairedWith" and _nested(gaz, s, o):
            return  # a place is not paired with a place it lies in (浙江省 and its 杭州市)
        if p in ("locatedIn", "partOf") and s.code and o.code and o.cls in ("Province", "Prefecture", "County") \
                and s.cls in ("Prefecture", "County", "Township") and not _nested(gaz, s, o):
            return  # 我市|X县 read as one chain: the reference data says X县 lies elsewhere
        k = (s.key, p, o.key, sent)
        if k in seen or (p == "pairedWith" and (o.key, p, s.key, sent) in seen):
            return
        seen.add(k)
        doc.relations.append(Relation(s, p, o, sent, method, dataset))

    topic_project: Entity | None = None
    last_donor_group: tuple[Entity | None, Entity | None] = (None, None)  # (donor, recipient) of "N个X援疆项目"
    prev_subject: Entity | None = None
    for sent in doc.sentences:
        ms = top_mentions(doc, sent.index)
        ctx = Ctx(doc, sent.index, sent.start, sent.end, ms)
        compound_names(ctx, add)
        subsidiaries(ctx, add)
        pairings(ctx, add, gaz)
        investments(ctx, add, gaz, topic_project)
        acquisitions(ctx, add)
        joint_ventures(ctx, add)
        signed_with_places(ctx, add)
        locations(ctx, add, topic_project)
        dispatches(ctx, add)
        funding_and_organising(ctx, add, topic_project, prev_subject)
        last_donor_group = project_groups(ctx, add, last_donor_group)
        attach_quantities(ctx, topic_project)
        projects = [m.entity for m in ms if m.entity.cls == "Project" and not m.source.startswith("coref")]
        if projects:
            topic_project = projects[-1]
        subj = next((m.entity for m in ms if m.entity.cls in ACTOR), None)
        if subj is not None:
            prev_subject = subj
    reference_chains(doc, add, gaz)
    return doc
