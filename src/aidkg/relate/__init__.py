"""Relate: relations between the entities of a sentence, amounts and dates, aggregate figures.

The rules live in `relate/rules/<family>.py`, each registered by name with its trigger, examples
and counter-examples (`aidkg rules` lists them); `relate/engine.py` runs them sentence by sentence
over the resolved mentions and writes what they propose through one sink. Arguments are *groups*:
a run of mentions joined by 、/和/与/及 counts as one argument, so "A、B和C对口支援D" gives three
pairings; a chain of adjacent places (克州阿图什市) acts through its innermost place.
"""
from __future__ import annotations

from .. import gazetteer as gz
from ..document import Document, Entity
from .amounts import attach_quantities
from .engine import REGION, Sink, run_rules


def relate(doc: Document) -> Document:
    run_rules(doc, between=attach_quantities)
    reference_chains(doc, Sink(doc))
    return doc


def reference_chains(doc: Document, sink: Sink) -> None:
    """Each recognised region's partOf chain from the division tables (reference data, not text)."""
    gaz = gz.get_gazetteer()
    for ent in list(doc.entities.values()):
        if ent.cls not in REGION or not ent.mentions:
            continue
        code = next((m.code for m in ent.mentions if m.code), None)
        if not code:
            continue
        child = ent
        for parent in gaz.chain(code)[1:]:
            pe = doc.entities.get(parent.key)
            if pe is None:
                pe = Entity(key=parent.key, cls=parent.cls, label=parent.name, code=parent.official_code, mentioned=False)
                doc.entities[parent.key] = pe
            sent = child.mentions[0].sentence if child.mentions else ent.mentions[0].sentence
            sink.add(child, "partOf", pe, sent, "reference-data",
                     dataset="xpcc-units" if parent.cls == "XPCCUnit" else "admin-divisions")
            child = pe
