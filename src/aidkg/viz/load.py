"""The viewer's entity graph read from the store with SELECTs, bounded whatever the store's size.

`aidkg.analysis.entity_graph` reads an rdflib graph; for the page of a build, copying the whole
store into rdflib cost 0.8 MB per article (1.9 GB at 2,000). Here rows are streamed from the
store and only what the page shows is kept: past `max_entities` the most connected entities (the
page's first draw is measured up to 20,000), and per relation and per entity the latest few
sentences. The nodes and edges carry the same attributes as entity_graph's (a test compares them
on a store under the caps), so the page code does not know where its graph came from.
"""
from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict

import networkx as nx

from ..vocab import AID, ALL_RELATIONS, ENTITY_CLASSES

MAX_PAGE_ENTITIES = 20_000    # bench/viz.py: first draw ~2.5 s at 20,000 entities
MAX_SENTENCES = 5             # per relation and per entity, the latest
BATCH = 500                   # IRIs per VALUES block

_RANK = {c: i for i, c in enumerate(ENTITY_CLASSES)}   # most specific first
_CLASSES = " ".join(f"<{AID[c]}>" for c in ENTITY_CLASSES)
_RELATIONS = " ".join(f"<{AID[r]}>" for r in ALL_RELATIONS)
_REL_NAME = {str(AID[r]): r for r in ALL_RELATIONS}

Q_TYPES = f"SELECT ?e ?c WHERE {{ VALUES ?c {{ {_CLASSES} }} ?e a ?c }}"
Q_RELATIONS = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o FILTER(isIRI(?o)) }}"
Q_ARTICLES = """SELECT ?a ?title ?date ?source ?publisher ?site WHERE { ?a a aid:Article .
  OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a dcterms:source ?source }
  OPTIONAL { ?a dcterms:publisher ?publisher } OPTIONAL { ?a aid:site ?site } }"""
Q_ATTRIBUTES = """SELECT ?e ?p ?o WHERE { VALUES ?e { %s }
  VALUES ?p { rdfs:label skos:altLabel aid:divisionCode aid:totalInvestment aid:floorArea aid:startDate aid:completionDate }
  ?e ?p ?o }"""
Q_MENTIONED = "SELECT ?e (COUNT(?a) AS ?n) WHERE { VALUES ?e { %s } ?e aid:mentionedIn ?a } GROUP BY ?e"
Q_EVIDENCE = f"""SELECT ?st ?s ?p ?o ?sentence ?method ?a WHERE {{ VALUES ?p {{ {_RELATIONS} }}
  ?st rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o .
  OPTIONAL {{ ?st aid:evidence ?sentence }} OPTIONAL {{ ?st aid:extractionMethod ?method }}
  OPTIONAL {{ ?st prov:wasDerivedFrom ?a . ?a a aid:Article }} }}"""
# the words a statement's sentence stands for one of its entities with (aid:viaReference)
Q_VIA = """SELECT ?st ?words ?x ?start WHERE { ?st aid:viaReference ?r .
  ?r aid:referringText ?words ; aid:refersTo ?x ; aid:referenceStart ?start }"""
Q_MENTIONS = """SELECT ?e ?sentence ?start ?a WHERE { ?m a aid:Mention ; aid:mentionOf ?e .
  OPTIONAL { ?m aid:evidence ?sentence } OPTIONAL { ?m aid:evidenceStart ?start }
  OPTIONAL { ?m prov:wasDerivedFrom ?a } }"""


class _Latest:
    """The `n` items with the greatest (date, title, sentence) seen, whatever the stream's length."""

    def __init__(self, n: int):
        self.n, self.heap, self.seen = n, [], 0

    def add(self, item: dict) -> None:
        self.seen += 1
        # ties broken by article and method (or offset), as aidkg.viz.rows picks them
        key = (item.get("date", ""), item.get("title", ""), item["sentence"], item.get("article", ""),
               item.get("method", item.get("start", "")), self.seen)
        if len(self.heap) < self.n:
            heapq.heappush(self.heap, (key, item))
        elif key > self.heap[0][0]:
            heapq.heapreplace(self.heap, (key, item))

    def items(self) -> list[dict]:
        return [item for _, item in sorted(self.heap, key=lambda kv: kv[0])]


def _evidence_item(sentence: str, method: str | None, article: str | None, articles: dict,
                   via: list | None = None) -> dict:
    item = {"sentence": sentence}
    if method is not None:
        item["method"] = method
    if via:
        item["via"] = via   # [[referring words, entity IRI]] (aid:viaReference), in text order
    if article is not None:
        item.update(articles.get(article, {"article": article}))
    return item


def _mention_item(sentence: str, start: int, article: str | None, articles: dict) -> dict:
    item = {"sentence": sentence, "start": start}
    if article is not None:
        item.update(articles.get(article, {"article": article}))
    return item


def page_graph(store, *, max_entities: int | None = MAX_PAGE_ENTITIES,
               max_sentences: int | None = MAX_SENTENCES, mentions: bool = True,
               rows=None) -> nx.MultiDiGraph:
    """The entity graph of the store's union for the viewer (G.graph["shown"] and ["total"]
    count the entities drawn and stored). `mentions=False` leaves out the sentences naming each
    entity (the timeline and map do not show them; they are the largest read). `rows`: a build's
    aidkg.viz.rows.PageRows, up to date with the store, to take the sentences from."""
    q = store.query
    classes: dict[str, str] = {}
    for row in q(Q_TYPES):
        e, cls = row["e"].value, row["c"].value.rsplit("#", 1)[-1]
        old = classes.get(e)
        if old is None or _RANK[cls] < _RANK[old]:
            classes[e] = cls
    triples = [(r["s"].value, _REL_NAME[r["p"].value], r["o"].value) for r in q(Q_RELATIONS)]
    nodes = set(classes) | {s for s, _, _ in triples} | {o for _, _, o in triples}
    total = len(nodes)
    if max_entities is not None and total > max_entities:
        degree: dict[str, int] = defaultdict(int)
        for s, _, o in triples:
            degree[s] += 1
            degree[o] += 1
        nodes = set(heapq.nlargest(max_entities, nodes, key=lambda n: (degree.get(n, 0), n)))
        triples = [t for t in triples if t[0] in nodes and t[2] in nodes]

    cap = max_sentences if max_sentences is not None else math.inf
    evidence: dict[tuple, _Latest] = defaultdict(lambda: _Latest(cap))
    mentioned: dict[str, _Latest] = defaultdict(lambda: _Latest(cap))
    if rows is not None and max_sentences is not None:
        articles = rows.articles()
        for s, p, o, sentence, method, a, via in rows.latest_evidence(max_sentences):
            if s in nodes and o in nodes:
                evidence[(s, _REL_NAME[p], o)].add(
                    _evidence_item(sentence, method, a, articles, json.loads(via) if via else None))
        if mentions:
            for e, sentence, start, a in rows.latest_mentions(max_sentences):
                if e in nodes:
                    mentioned[e].add(_mention_item(sentence, start, a, articles))
    else:
        articles = {}
        for row in q(Q_ARTICLES):
            info = {"article": row["a"].value}
            for key in ("title", "date", "source", "publisher", "site"):
                if row[key] is not None:
                    info[key] = row[key].value
            articles[row["a"].value] = info
        val = lambda row, k: row[k].value if row[k] is not None else None  # noqa: E731
        via: dict[str, list] = defaultdict(list)
        for row in q(Q_VIA):
            via[row["st"].value].append((int(row["start"].value), row["words"].value, row["x"].value))
        for row in q(Q_EVIDENCE):
            s, o = row["s"].value, row["o"].value
            if s in nodes and o in nodes:
                refs = via.get(row["st"].value)
                evidence[(s, _REL_NAME[row["p"].value], o)].add(
                    _evidence_item(val(row, "sentence") or "", val(row, "method"), val(row, "a"), articles,
                                   [[w, x] for _, w, x in sorted(refs)] if refs else None))
        for row in (q(Q_MENTIONS) if mentions else ()):
            e = row["e"].value
            if e in nodes:
                mentioned[e].add(_mention_item(val(row, "sentence") or "",
                                               int(row["start"].value) if row["start"] is not None else 0,
                                               val(row, "a"), articles))

    G = nx.MultiDiGraph()
    _add_nodes(G, store, sorted(nodes), classes)
    # a pairing that a supports triple states with its direction is drawn once, as the arrow
    directed = {frozenset((s, o)) for s, r, o in triples if r == "supports"}
    folded: dict[frozenset, list] = defaultdict(list)
    for s, rel, o in triples:
        items = evidence[(s, rel, o)].items() if (s, rel, o) in evidence else []
        if rel == "pairedWith" and frozenset((s, o)) in directed:
            folded[frozenset((s, o))] += items
            continue
        G.add_edge(s, o, key=rel, predicate=rel, evidence=items)
    for u, v, k, d in G.edges(keys=True, data=True):
        extra = folded.get(frozenset((u, v))) if k == "supports" else None
        if extra:
            have = {e["sentence"] for e in d["evidence"]}
            d["evidence"] = sorted(d["evidence"] + [e for e in extra if e["sentence"] not in have],
                                   key=lambda e: (e.get("date", ""), e.get("title", ""), e["sentence"]))
    for e, latest in mentioned.items():
        G.nodes[e]["mentions"] = sorted(latest.items(), key=lambda m: (m.get("date", ""), m.get("title", ""), m["start"]))
    G.graph.update(shown=G.number_of_nodes(), total=total, articles=len(articles))
    return G


def store_entity_graph(store) -> nx.MultiDiGraph:
    """What aidkg.analysis.entity_graph gives of the store's union (every entity and sentence, and
    the money flows in G.graph["money"]), read by SELECTs instead of an rdflib copy of the store:
    for `aidkg stats` and the GraphML/GEXF export."""
    from .views import store_money
    G = page_graph(store, max_entities=None, max_sentences=None)
    G.graph["money"] = store_money(store)
    return G


def _add_nodes(G: nx.MultiDiGraph, store, nodes: list[str], classes: dict[str, str]) -> None:
    for i in range(0, len(nodes), BATCH):
        batch = nodes[i:i + BATCH]
        values = " ".join(f"<{n}>" for n in batch)
        attrs: dict[str, dict] = {n: {"labels": [], "alts": [], "values": {}} for n in batch}
        for row in store.query(Q_ATTRIBUTES % values):
            a, p, o = attrs[row["e"].value], row["p"].value.rsplit("#", 1)[-1], row["o"]
            if p == "label":
                a["labels"].append(o)
            elif p == "altLabel":
                a["alts"].append(o.value)
            else:
                a["values"].setdefault(p, []).append(o.value)
        counts = {row["e"].value: int(row["n"].value) for row in store.query(Q_MENTIONED % values)}
        for n in batch:
            a = attrs[n]
            labels: dict[str, str] = {}
            for lit in sorted(a["labels"], key=lambda lit: lit.value):
                labels.setdefault((getattr(lit, "language", None) or "und").lower(), lit.value)
            label = labels.get("zh-hans") or labels.get("zh-hant") or next(iter(labels.values()), None)
            if label is None:
                label = n.rstrip("/").rsplit("/", 1)[-1]
            values = a["values"]
            amounts = {}
            for key in ("totalInvestment", "floorArea"):
                numbers = [x for x in map(_number_text, values.get(key, [])) if x is not None]
                if numbers:
                    amounts[key] = max(numbers)
            dates = {k: min(values[k]) for k in ("startDate", "completionDate") if values.get(k)}
            code = min(values["divisionCode"]) if values.get("divisionCode") else None
            G.add_node(n, cls=classes.get(n, "Other"), label=label, labels=labels,
                       altLabels=list(dict.fromkeys(a["alts"])), code=code, amounts=amounts, dates=dates,
                       articles=counts.get(n, 0))


def _number_text(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
