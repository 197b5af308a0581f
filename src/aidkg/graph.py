"""Graph: one article's Document → the rdflib Graph that is its named graph (see ARCHITECTURE.md)."""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .document import Document, Entity
from .resolve import hant_label
from .vocab import AID, GRAPH, ID

# a relation that entails another is written with both triples (each with its statement), so a
# query without inference still finds it: every donor → recipient `supports` is also a pairing
IMPLIED = {"supports": ("pairedWith",)}

DATASETS = {
    "admin-divisions": "Administrative divisions of China with their codes (derived from jionlp's data)",
    "xpcc-units": "Divisions, regiments and farms of the Xinjiang Production and Construction Corps",
}


def _h(*parts: str, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def article_key(doc: Document) -> str:
    return _h(doc.meta.source)


def article_iri(doc: Document) -> URIRef:
    return ID[f"article/{article_key(doc)}"]


def article_graph_iri(doc: Document) -> URIRef:
    return GRAPH[f"article/{article_key(doc)}"]


def entity_iri(ent: Entity) -> URIRef:
    return ID[ent.key]


def bind_prefixes(g: Graph) -> Graph:
    g.bind("aid", str(AID))
    g.bind("aidid", str(ID))
    g.bind("skos", str(SKOS))
    g.bind("prov", str(PROV))
    g.bind("dcterms", str(DCTERMS))
    return g


def document_graph(doc: Document) -> Graph:
    g = bind_prefixes(Graph())
    art = article_iri(doc)
    meta = doc.meta
    g.add((art, RDF.type, AID.Article))
    g.add((art, DCTERMS.source, Literal(meta.url or meta.source)))
    if meta.title:
        g.add((art, DCTERMS.title, Literal(meta.title, lang=_lang(doc))))
    if meta.date:
        g.add((art, DCTERMS.date, Literal(meta.date, datatype=XSD.date)))
    if meta.publisher:
        g.add((art, DCTERMS.publisher, Literal(meta.publisher)))
    if meta.author:
        g.add((art, AID.author, Literal(meta.author)))
    if meta.site:
        g.add((art, AID.site, Literal(meta.site)))
    g.add((art, AID.script, Literal(meta.script)))
    if doc.content_hash:
        g.add((art, AID.contentHash, Literal(doc.content_hash)))

    for ent in doc.entities.values():
        _add_entity(g, doc, ent, art)
    for rel in doc.relations:
        s, o = entity_iri(rel.subject), entity_iri(rel.object)
        for predicate in IMPLIED.get(rel.predicate, ()) + (rel.predicate,):
            _add_statement(g, doc, rel, s, AID[predicate], o, art)
    for i, fact in enumerate(doc.facts):
        sent = doc.sentences[fact.sentence]
        f = ID[f"fact/{_h(str(art), str(sent.start), str(i), fact.description)}"]
        g.add((f, RDF.type, AID.AggregateFact))
        if fact.donor is not None:
            g.add((f, AID.aboutDonor, entity_iri(fact.donor)))
        if fact.recipient is not None:
            g.add((f, AID.aboutRecipient, entity_iri(fact.recipient)))
        if fact.programme is not None:
            g.add((f, AID.aboutProgramme, entity_iri(fact.programme)))
        if fact.project_count is not None:
            g.add((f, AID.projectCount, Literal(fact.project_count)))
        if fact.amount is not None:
            g.add((f, AID.amount, Literal(Decimal(fact.amount), datatype=XSD.decimal)))
        g.add((f, AID.evidence, Literal(doc.text[sent.start:sent.end])))
        g.add((f, PROV.wasDerivedFrom, art))
    _add_money(g, doc, art)
    return g


def money_iri(doc: Document, flow) -> URIRef:
    return ID[f"money/{_h(article_key(doc), str(flow.start), str(flow.amount))}"]


def _add_money(g: Graph, doc: Document, art: URIRef) -> None:
    """Every figure of money (aidkg.money.MoneyFlow) as an aid:MoneyFlow with its sentence."""
    for flow in doc.money:
        f = money_iri(doc, flow)
        sent = doc.sentences[flow.sentence]
        g.add((f, RDF.type, AID.MoneyFlow))
        g.add((f, AID.amountYuan, Literal(Decimal(flow.amount), datatype=XSD.decimal)))
        g.add((f, AID.moneyKind, Literal(flow.kind)))
        g.add((f, AID.scope, Literal(flow.scope)))
        g.add((f, AID.statedAs, Literal(doc.text[flow.start:flow.end])))
        for prop, ent in ((AID.donor, flow.donor), (AID.recipient, flow.recipient), (AID.aboutProject, flow.project)):
            if ent is not None:
                g.add((f, prop, entity_iri(ent)))
        if flow.period:
            g.add((f, AID.period, Literal(flow.period)))
        if flow.period_start is not None:
            g.add((f, AID.periodStart, Literal(f"{flow.period_start:04d}", datatype=XSD.gYear)))
            g.add((f, AID.periodEnd, Literal(f"{(flow.period_end or flow.period_start):04d}", datatype=XSD.gYear)))
        if flow.project_count is not None:
            g.add((f, AID.projectCount, Literal(flow.project_count)))
        if flow.part_of is not None:
            g.add((f, AID.includedIn, money_iri(doc, flow.part_of)))
        g.add((f, AID.evidence, Literal(doc.text[sent.start:sent.end])))
        g.add((f, AID.evidenceStart, Literal(sent.start)))
        g.add((f, AID.evidenceEnd, Literal(sent.end)))
        g.add((f, PROV.wasDerivedFrom, art))


def _add_statement(g: Graph, doc: Document, rel, s: URIRef, p: URIRef, o: URIRef, art: URIRef) -> None:
    """The triple and its rdf:Statement: the sentence (verbatim, with offsets), article and method."""
    g.add((s, p, o))
    sent = doc.sentences[rel.sentence]
    st = ID[f"statement/{_h(str(s), str(p), str(o), str(art), str(sent.start))}"]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, AID.evidence, Literal(doc.text[sent.start:sent.end])))
    g.add((st, AID.evidenceStart, Literal(sent.start)))
    g.add((st, AID.evidenceEnd, Literal(sent.end)))
    g.add((st, PROV.wasDerivedFrom, art))
    g.add((st, AID.extractionMethod, Literal(rel.method)))
    if rel.dataset:
        ds = ID[f"dataset/{rel.dataset}"]
        g.add((st, PROV.wasDerivedFrom, ds))
        g.add((ds, RDF.type, AID.ReferenceDataset))
        g.add((ds, RDFS.label, Literal(DATASETS.get(rel.dataset, rel.dataset), lang="en")))


# the first sentences naming an entity, so a reader sees where it came from even when no relation
# was found (kept few: an entity named in every paragraph would otherwise fill the article graph)
MENTION_SENTENCES = 3


def _add_mentions(g: Graph, doc: Document, ent: Entity, e: URIRef, art: URIRef) -> None:
    seen: list[int] = []
    for m in sorted(ent.mentions, key=lambda m: m.start):
        if m.sentence < 0 or m.sentence in seen or m.sentence >= len(doc.sentences):
            continue
        seen.append(m.sentence)
        sent = doc.sentences[m.sentence]
        node = ID[f"mention/{_h(str(e), str(art), str(sent.start))}"]
        g.add((node, RDF.type, AID.Mention))
        g.add((node, AID.mentionOf, e))
        g.add((node, AID.evidence, Literal(doc.text[sent.start:sent.end])))
        g.add((node, AID.evidenceStart, Literal(sent.start)))
        g.add((node, AID.evidenceEnd, Literal(sent.end)))
        g.add((node, PROV.wasDerivedFrom, art))
        if len(seen) == MENTION_SENTENCES:
            break


def _lang(doc: Document) -> str:
    return "zh-Hant" if doc.meta.script == "traditional" else "zh-Hans"


def _add_entity(g: Graph, doc: Document, ent: Entity, art: URIRef) -> None:
    e = entity_iri(ent)
    g.add((e, RDF.type, AID[ent.cls]))
    g.add((e, RDFS.label, Literal(ent.label, lang="zh-Hans")))
    trad = doc.meta.script == "traditional"
    if trad and ent.mentioned:
        g.add((e, RDFS.label, Literal(hant_label(ent), lang="zh-Hant")))
    for alt in sorted(ent.alt_labels - {ent.label}):
        g.add((e, SKOS.altLabel, Literal(alt, lang="zh-Hans")))
    if trad:
        for alt in sorted(ent.alt_labels_hant - {hant_label(ent)}):
            g.add((e, SKOS.altLabel, Literal(alt, lang="zh-Hant")))
    if ent.mentioned:
        g.add((e, AID.mentionedIn, art))
        _add_mentions(g, doc, ent, e, art)
    if ent.code:
        g.add((e, AID.divisionCode, Literal(ent.code)))
    for attr in ("totalInvestment", "floorArea"):
        if attr in ent.attrs:
            g.add((e, AID[attr], Literal(Decimal(ent.attrs[attr]), datatype=XSD.decimal)))
    for attr in ("startDate", "completionDate"):
        if attr in ent.attrs:
            g.add((e, AID[attr], Literal(ent.attrs[attr], datatype=XSD.date)))
