"""Graph: one article's Document → its named graph (see ARCHITECTURE.md), as pyoxigraph quads for the
store or as an rdflib Graph for everything else; one generator of triples makes both."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from . import ids, reference
from .document import Document, Entity, Mention
from .english import english_name, pinyin_name
from .resolve import hant_label
from .vocab import AID, GRAPH, ID

# a relation that entails another is written with both triples (each with its statement), so a
# query without inference still finds it: every donor → recipient `supports` is also a pairing
IMPLIED = {"supports": ("pairedWith",)}

DATASETS = {
    "admin-divisions": "Administrative divisions of China with their codes (derived from jionlp's data)",
    "xpcc-units": "Divisions, regiments and farms of the Xinjiang Production and Construction Corps",
}


def article_key(doc: Document) -> str:
    return ids.article_key(doc.meta.source)


def article_iri(doc: Document) -> URIRef:
    return ids.article_iri(doc.meta.source)


def article_graph_iri(doc: Document) -> URIRef:
    return ids.article_graph_iri(doc.meta.source)


def entity_iri(ent: Entity) -> URIRef:
    return ID[ent.key]


_ID = str(ID)


def _entity(ent: Entity) -> str:
    """entity_iri as a string, without making (and checking) an rdflib URIRef each time."""
    return _ID + ent.key


@lru_cache(maxsize=None)
def _term(namespace, name: str) -> str:
    """A vocabulary term's IRI string (aid:, rdf:, xsd: …), looked up once: each namespace lookup
    makes and checks a new URIRef."""
    return str(namespace[name])


def bind_prefixes(g: Graph) -> Graph:
    g.bind("aid", str(AID))
    g.bind("aidid", str(ID))
    g.bind("skos", str(SKOS))
    g.bind("prov", str(PROV))
    g.bind("dcterms", str(DCTERMS))
    return g


def document_graph(doc: Document) -> Graph:
    """The article's named graph as an rdflib Graph (for evaluation, notebooks and tests)."""
    g = bind_prefixes(Graph())
    for triple in _triples(doc, _RdflibTerms()):
        g.add(triple)
    return g


class ArticleQuads(list):
    """An article graph's pyoxigraph Quads, with the (s, p, o) terms they were made from and the
    graph's name: reading a Quad's terms back makes new Python objects each time (~1 µs a quad),
    and a build reads them several times (validation, the union's copy, the page rows)."""

    __slots__ = ("triples", "graph")


def triples_of(quads) -> list:
    """(s, p, o) of each quad: kept by document_quads, else read from the quads."""
    triples = getattr(quads, "triples", None)
    return triples if triples is not None else [(q.subject, q.predicate, q.object) for q in quads]


def document_quads(doc: Document) -> ArticleQuads:
    """The same triples as pyoxigraph Quads in the article's named graph: what the store writes,
    with no rdflib graph and no text in between."""
    import pyoxigraph as ox
    terms = _OxTerms()
    graph = ox.NamedNode(str(article_graph_iri(doc)))
    # a reference dataset's type and label come with each of its statements: written once
    triples = list(dict.fromkeys(_triples(doc, terms)))
    quads = ArticleQuads(ox.Quad(s, p, o, graph) for s, p, o in triples)
    quads.triples, quads.graph = triples, graph.value
    return quads


class _RdflibTerms:
    """rdflib terms, cached: each URIRef and Literal is checked and made once per article."""

    def __init__(self):
        self._iris: dict[str, URIRef] = {}
        self._lits: dict[tuple, Literal] = {}

    def iri(self, value: str) -> URIRef:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = URIRef(value)
        return node

    def lit(self, value: str, lang: str | None = None, datatype: str | None = None) -> Literal:
        key = (value, lang, datatype)
        node = self._lits.get(key)
        if node is None:
            node = self._lits[key] = Literal(value, lang=lang, datatype=self.iri(datatype) if datatype else None)
        return node


class _OxTerms:
    """pyoxigraph terms; IRIs are cached (an entity's IRI recurs in many triples)."""

    def __init__(self):
        import pyoxigraph as ox
        self._ox = ox
        self._iris: dict[str, object] = {}
        self._types: dict[str, object] = {}

    def iri(self, value: str):
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = self._ox.NamedNode(value)
        return node

    def lit(self, value: str, lang: str | None = None, datatype: str | None = None):
        if lang:
            return self._ox.Literal(value, language=lang)
        if datatype:
            return self._ox.Literal(value, datatype=self.iri(datatype))
        return self._ox.Literal(value)


def _decimal(value) -> str:
    """xsd:decimal's lexical form: plain digits (1.95E+7 is not a valid xsd:decimal)."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_DATE_TYPES = {10: str(XSD.date), 7: str(XSD.gYearMonth), 4: str(XSD.gYear)}


def _triples(doc: Document, t):
    """Every triple of the article's named graph (ARCHITECTURE.md), in the terms of factory `t`."""
    iri, lit = t.iri, t.lit
    a, label = iri(_term(RDF, "type")), iri(_term(RDFS, "label"))
    art_iri = str(article_iri(doc))
    art = iri(art_iri)
    meta = doc.meta
    yield art, a, iri(_term(AID, "Article"))
    yield art, iri(_term(DCTERMS, "source")), lit(meta.url or meta.source)
    if meta.title:
        yield art, iri(_term(DCTERMS, "title")), lit(meta.title, lang=_lang(doc))
    if meta.date:
        # as precise as the source states it: a day, a month (xsd:gYearMonth) or a year (xsd:gYear)
        yield art, iri(_term(DCTERMS, "date")), lit(meta.date, datatype=_DATE_TYPES.get(len(meta.date), _DATE_TYPES[10]))
    if meta.publisher:
        yield art, iri(_term(DCTERMS, "publisher")), lit(meta.publisher)
    if meta.author:
        yield art, iri(_term(AID, "author")), lit(meta.author)
    if meta.site:
        yield art, iri(_term(AID, "site")), lit(meta.site)
    yield art, iri(_term(AID, "script")), lit(meta.script)
    if doc.content_hash:
        yield art, iri(_term(AID, "contentHash")), lit(doc.content_hash)

    trad = doc.meta.script == "traditional"
    for ent in doc.entities.values():
        e = iri(_entity(ent))
        yield e, a, iri(_term(AID, ent.cls))
        yield e, label, lit(ent.label, lang="zh-Hans")
        # for readers who do not read Chinese: an English name for regions, pinyin for every entity
        english = english_name(ent.label, ent.cls, ent.code)
        if english:
            yield e, label, lit(english, lang="en")
        yield e, label, lit(pinyin_name(ent.label), lang="zh-Latn-pinyin")
        if trad and ent.mentioned:
            yield e, label, lit(hant_label(ent), lang="zh-Hant")
        for alt in sorted(ent.alt_labels - {ent.label}):
            yield e, iri(_term(SKOS, "altLabel")), lit(alt, lang="zh-Hans")
        if trad:
            for alt in sorted(ent.alt_labels_hant - {hant_label(ent)}):
                yield e, iri(_term(SKOS, "altLabel")), lit(alt, lang="zh-Hant")
        if ent.mentioned:
            yield e, iri(_term(AID, "mentionedIn")), art
            yield from _mentions(doc, ent, _entity(ent), art_iri, t)
        if ent.code:
            yield e, iri(_term(AID, "divisionCode")), lit(ent.code)
        for attr in ("totalInvestment", "floorArea"):
            if attr in ent.attrs:
                yield e, iri(_term(AID, attr)), lit(_decimal(ent.attrs[attr]), datatype=_term(XSD, "decimal"))
        for attr in ("startDate", "completionDate"):
            if attr in ent.attrs:
                yield e, iri(_term(AID, attr)), lit(ent.attrs[attr], datatype=_term(XSD, "date"))

    refs = _References(doc, art_iri, t)
    for rel in doc.relations:
        s, o = _entity(rel.subject), _entity(rel.object)
        for predicate in IMPLIED.get(rel.predicate, ()) + (rel.predicate,):
            yield from _statement(doc, rel, s, _term(AID, predicate), o, art_iri, t, refs)
    for i, fact in enumerate(doc.facts):
        sent = doc.sentences[fact.sentence]
        f = iri(_ID + ids.fact_key(art_iri, sent.start, i, fact.description))
        yield f, a, iri(_term(AID, "AggregateFact"))
        for pred, ent in (("aboutDonor", fact.donor), ("aboutRecipient", fact.recipient),
                          ("aboutProgramme", fact.programme)):
            if ent is not None:
                yield f, iri(_term(AID, pred)), iri(_entity(ent))
        if fact.project_count is not None:
            yield f, iri(_term(AID, "projectCount")), lit(str(int(fact.project_count)), datatype=_term(XSD, "integer"))
        if fact.amount is not None:
            yield f, iri(_term(AID, "amount")), lit(_decimal(fact.amount), datatype=_term(XSD, "decimal"))
        yield f, iri(_term(AID, "evidence")), lit(doc.text[sent.start:sent.end])
        yield f, iri(_term(PROV, "wasDerivedFrom")), art
    yield from _money(doc, art, t, refs)


class _References:
    """aid:viaReference: the referring expressions (该县, 该公司, 我省) a statement or money figure
    rests on -- where the sentence does not name an entity of it but refers to one named before, so
    that a reader sees the link was made by reading the reference (aidkg.reference). Each
    expression is one aid:Reference node of the article, written once."""

    def __init__(self, doc: Document, art_iri: str, t):
        self.doc, self.art_iri, self.t = doc, art_iri, t
        any_ref = any(m.source in reference.REFERRING_SOURCES for m in doc.mentions)
        self.by_sentence = reference.mentions_by_sentence(doc) if any_ref else {}
        self.written: set[int] = set()

    def triples(self, node, sentence: int, entities):
        if not self.by_sentence:
            return
        iri, lit = self.t.iri, self.t.lit
        for ref in reference.resting_on(sentence, entities, self.by_sentence):
            r = iri(_ID + ids.reference_key(self.art_iri, ref.start))
            yield node, iri(_term(AID, "viaReference")), r
            if ref.start not in self.written:
                self.written.add(ref.start)
                yield from self._node(r, ref)

    def _node(self, r, ref: Mention):
        iri, lit, doc = self.t.iri, self.t.lit, self.doc
        integer = _term(XSD, "integer")
        yield r, iri(_term(RDF, "type")), iri(_term(AID, "Reference"))
        yield r, iri(_term(AID, "referringText")), lit(doc.text[ref.start:ref.end])
        yield r, iri(_term(AID, "referenceStart")), lit(str(ref.start), datatype=integer)
        yield r, iri(_term(AID, "referenceEnd")), lit(str(ref.end), datatype=integer)
        yield r, iri(_term(AID, "refersTo")), iri(_entity(ref.entity))
        named = reference.named_before(ref)
        if named is not None:
            yield r, iri(_term(AID, "antecedentText")), lit(doc.text[named.start:named.end])
            yield r, iri(_term(AID, "antecedentStart")), lit(str(named.start), datatype=integer)
            yield r, iri(_term(AID, "antecedentEnd")), lit(str(named.end), datatype=integer)
            if 0 <= named.sentence < len(doc.sentences):
                sent = doc.sentences[named.sentence]
                yield r, iri(_term(AID, "antecedentEvidence")), lit(doc.text[sent.start:sent.end])


def money_iri(doc: Document, flow) -> URIRef:
    return ID[ids.money_key(article_key(doc), flow.start, str(flow.amount))]


def _money(doc: Document, art, t, refs: "_References"):
    """Every figure of money (aidkg.money.MoneyFlow) as an aid:MoneyFlow with its sentence."""
    iri, lit = t.iri, t.lit
    decimal, integer, year = _term(XSD, "decimal"), _term(XSD, "integer"), _term(XSD, "gYear")
    for flow in doc.money:
        f = iri(str(money_iri(doc, flow)))
        sent = doc.sentences[flow.sentence]
        yield f, iri(_term(RDF, "type")), iri(_term(AID, "MoneyFlow"))
        yield f, iri(_term(AID, "amountYuan")), lit(_decimal(flow.amount), datatype=decimal)
        yield f, iri(_term(AID, "moneyKind")), lit(flow.kind)
        yield f, iri(_term(AID, "scope")), lit(flow.scope)
        yield f, iri(_term(AID, "statedAs")), lit(doc.text[flow.start:flow.end])
        for prop, ent in (("donor", flow.donor), ("recipient", flow.recipient), ("aboutProject", flow.project)):
            if ent is not None:
                yield f, iri(_term(AID, prop)), iri(_entity(ent))
        if flow.period:
            yield f, iri(_term(AID, "period")), lit(flow.period)
        if flow.period_start is not None:
            yield f, iri(_term(AID, "periodStart")), lit(f"{flow.period_start:04d}", datatype=year)
            yield f, iri(_term(AID, "periodEnd")), lit(f"{(flow.period_end or flow.period_start):04d}", datatype=year)
        if flow.project_count is not None:
            yield f, iri(_term(AID, "projectCount")), lit(str(int(flow.project_count)), datatype=integer)
        if flow.part_of is not None:
            yield f, iri(_term(AID, "includedIn")), iri(str(money_iri(doc, flow.part_of)))
        yield f, iri(_term(AID, "evidence")), lit(doc.text[sent.start:sent.end])
        yield f, iri(_term(AID, "evidenceStart")), lit(str(sent.start), datatype=integer)
        yield f, iri(_term(AID, "evidenceEnd")), lit(str(sent.end), datatype=integer)
        yield f, iri(_term(PROV, "wasDerivedFrom")), art
        yield from refs.triples(f, flow.sentence, [e for e in (flow.donor, flow.recipient, flow.project) if e is not None])


_ST = {k: str(v) for k, v in {
    "type": RDF.type, "Statement": RDF.Statement, "subject": RDF.subject, "predicate": RDF.predicate,
    "object": RDF.object, "evidence": AID.evidence, "start": AID.evidenceStart, "end": AID.evidenceEnd,
    "derived": PROV.wasDerivedFrom, "method": AID.extractionMethod, "integer": XSD.integer}.items()}


def _statement(doc: Document, rel, s: str, p: str, o: str, art: str, t, refs: "_References"):
    """The triple and its rdf:Statement: the sentence (verbatim, with offsets), article and method."""
    iri, lit = t.iri, t.lit
    sent = doc.sentences[rel.sentence]
    yield iri(s), iri(p), iri(o)
    st = iri(f"{ID}{ids.statement_key(s, p, o, art, sent.start)}")
    yield st, iri(_ST["type"]), iri(_ST["Statement"])
    yield st, iri(_ST["subject"]), iri(s)
    yield st, iri(_ST["predicate"]), iri(p)
    yield st, iri(_ST["object"]), iri(o)
    yield st, iri(_ST["evidence"]), lit(doc.text[sent.start:sent.end])
    yield st, iri(_ST["start"]), lit(str(sent.start), datatype=_ST["integer"])
    yield st, iri(_ST["end"]), lit(str(sent.end), datatype=_ST["integer"])
    yield st, iri(_ST["derived"]), iri(art)
    yield st, iri(_ST["method"]), lit(rel.method)
    yield from refs.triples(st, rel.sentence, (rel.subject, rel.object))
    if rel.dataset:
        ds = iri(_ID + f"dataset/{rel.dataset}")
        yield st, iri(_ST["derived"]), ds
        yield ds, iri(_ST["type"]), iri(_term(AID, "ReferenceDataset"))
        yield ds, iri(_term(RDFS, "label")), lit(DATASETS.get(rel.dataset, rel.dataset), lang="en")


# the first sentences naming an entity, so a reader sees where it came from even when no relation
# was found (kept few: an entity named in every paragraph would otherwise fill the article graph)
MENTION_SENTENCES = 3


def _mentions(doc: Document, ent: Entity, e_iri: str, art_iri: str, t):
    """aid:Mention nodes: the first sentences naming the entity, with offsets."""
    iri, lit = t.iri, t.lit
    e, art = iri(e_iri), iri(art_iri)
    integer = _term(XSD, "integer")
    seen: list[int] = []
    for m in sorted(ent.mentions, key=lambda m: m.start):
        if m.sentence < 0 or m.sentence in seen or m.sentence >= len(doc.sentences):
            continue
        seen.append(m.sentence)
        sent = doc.sentences[m.sentence]
        node = iri(_ID + ids.mention_key(e_iri, art_iri, sent.start))
        yield node, iri(_term(RDF, "type")), iri(_term(AID, "Mention"))
        yield node, iri(_term(AID, "mentionOf")), e
        yield node, iri(_term(AID, "evidence")), lit(doc.text[sent.start:sent.end])
        yield node, iri(_term(AID, "evidenceStart")), lit(str(sent.start), datatype=integer)
        yield node, iri(_term(AID, "evidenceEnd")), lit(str(sent.end), datatype=integer)
        yield node, iri(_term(PROV, "wasDerivedFrom")), art
        if len(seen) == MENTION_SENTENCES:
            break


def _lang(doc: Document) -> str:
    return "zh-Hant" if doc.meta.script == "traditional" else "zh-Hans"
