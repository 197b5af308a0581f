"""The embedded triple store: one named graph per article in an on-disk Oxigraph store.

Queries see the union of the named graphs. Oxigraph's own union (use_default_graph_as_union)
repeats a triple once per graph holding it -- an entity's label in two articles counts twice in a
SUM or COUNT -- so the store keeps the union itself, as a set, in its default graph: every
article replace/remove updates the named graph and the default graph in the same transaction.
Clients of other servers ask for the same thing with default-graph-uri=graph/union (see push).

The ontology (ontology/aidkg.ttl) is kept in its own named graph, `graph/ontology`, refreshed
when the file changes, so that RDFS questions are answered with property paths
(`?x a/rdfs:subClassOf* aid:Region`) instead of a materialised closure that would have to be
recomputed after every article.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
import rdflib

from aidkg.io import atomic_open
from aidkg.vocab import AID, BASE, GRAPH, ID

DEFAULT_STORE = Path("output/store")
ONTOLOGY_FILE = Path(__file__).parent / "ontology" / "aidkg.ttl"
ONTOLOGY_GRAPH = str(GRAPH["ontology"])
UNION_GRAPH = str(GRAPH["union"])  # the name under which the union is pushed to other servers
ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])
ARTICLE_PREFIX = str(ID["article/"])

# Declared for every query so that users (and the vocabulary's own example) may leave them out.
PREFIXES = {
    "aid": str(AID),
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
}
# for written RDF: instance IRIs have a slash after id/, which Turtle would have to escape
WRITE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
DATASET_FORMATS = {"trig", "nq"}

# Oxigraph stores language tags lower-cased (RDF 1.1 compares them case-insensitively), so
# `lang(?x) = "zh-Hans"` -- as users write it -- would never match. Rewritten to compare
# case-insensitively, which is what the user meant.
_TAG = r"""(["'])([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\2"""
_LANG_EQ = re.compile(r"\blang\s*\(\s*([?$]\w+)\s*\)\s*=\s*" + _TAG, re.I)
_LANG_EQ_REV = re.compile(_TAG.replace("\\2", "\\1") + r"\s*=\s*lang\s*\(\s*([?$]\w+)\s*\)", re.I)


class StoreBusy(RuntimeError):
    """Another process holds the store open for writing."""


def lang_compat(sparql: str) -> str:
    sparql = _LANG_EQ.sub(lambda m: f'lcase(lang({m[1]})) = "{m[3].lower()}"', sparql)
    return _LANG_EQ_REV.sub(lambda m: f'"{m[2].lower()}" = lcase(lang({m[3]}))', sparql)


def with_prefixes(sparql: str) -> str:
    """The query text with PREFIX lines for the usual prefixes it does not declare (for servers)."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w-]*)\s*:", sparql)}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return head + sparql


def source_hash(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def article_graph_for(source_or_iri: str) -> str:
    """The named graph of an article given its graph IRI, article IRI, or source (path or URL)."""
    s = str(source_or_iri)
    if s.startswith(ARTICLE_GRAPH_PREFIX):
        return s
    if s.startswith(ARTICLE_PREFIX):
        return ARTICLE_GRAPH_PREFIX + s[len(ARTICLE_PREFIX):]
    if "://" not in s:
        s = str(Path(s).resolve())
    return ARTICLE_GRAPH_PREFIX + source_hash(s)


@dataclass(frozen=True)
class ArticleInfo:
    graph: str
    article: str
    source: str | None
    title: str | None
    date: str | None
    content_hash: str | None


def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(dt))
    raise TypeError(f"unsupported term: {term!r}")


def _drop_update(graph_iri: str) -> str:
    """SPARQL update removing a named graph and the triples only it contributed to the union."""
    g = f"<{graph_iri}>"
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
            f"DROP SILENT GRAPH {g}")


def _nt(graph: rdflib.Graph) -> str:
    data = graph.serialize(format="nt")
    return data.decode("utf-8") if isinstance(data, bytes) else data


class Store:
    """Article graphs in an Oxigraph store at `path` (None: in memory)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False,
                 ontology: str | Path | None = ONTOLOGY_FILE):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise FileNotFoundError(f"no store at {self.path} (run `aidkg build` first)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(f"the store {self.path} is open for writing in another process "
                                f"(an `aidkg build` or `aidkg serve --allow-update`?)") from exc
            raise
        if not read_only and ontology is not None and Path(ontology).exists():
            self.refresh_ontology(Path(ontology))

    @classmethod
    def from_file(cls, path: str | Path, ontology: str | Path | None = ONTOLOGY_FILE) -> "Store":
        """An in-memory store holding an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD)."""
        store = cls(None, ontology=ontology)
        store.load_file(path)
        return store

    def load_file(self, path: str | Path) -> None:
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        # triples outside any named graph would be invisible to union-of-named-graphs queries
        quads = list(ox.parse(path=str(path), format=fmt))
        self._store.extend(quads)
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)

    # --- ontology -----------------------------------------------------------------------
    def refresh_ontology(self, ttl: Path) -> None:
        digest = hashlib.sha256(ttl.read_bytes()).hexdigest()
        g = ox.NamedNode(ONTOLOGY_GRAPH)
        marker = ox.Quad(g, ox.NamedNode(str(AID.contentHash)), ox.Literal(digest), g)
        if marker in self._store:
            return
        graph = rdflib.Graph()
        graph.parse(ttl, format="turtle")
        graph.add((rdflib.URIRef(ONTOLOGY_GRAPH), AID.contentHash, rdflib.Literal(digest)))
        self.replace_graph(ONTOLOGY_GRAPH, graph)

    # --- articles -----------------------------------------------------------------------
    def has_article(self, graph_iri: str, content_hash: str) -> bool:
        """True when the graph holds an aid:Article with exactly this content hash."""
        g = ox.NamedNode(str(graph_iri))
        for q in self._store.quads_for_pattern(None, ox.NamedNode(str(AID.contentHash)),
                                               ox.Literal(content_hash), g):
            return True
        return False

    def replace_article(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Replace exactly the article's named graph, in one transaction."""
        if not str(graph_iri).startswith(ARTICLE_GRAPH_PREFIX):
            raise ValueError(f"not an article graph IRI: {graph_iri}")
        self.replace_graph(str(graph_iri), graph)

    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        self.replace_graph_nt(graph_iri, _nt(graph))

    def replace_graph_nt(self, graph_iri: str, ntriples: str) -> None:
        """Replace a named graph (and its share of the union) with N-Triples, in one transaction."""
        # One SPARQL update request = one Oxigraph transaction: a process killed during it leaves
        # the store as it was (load() and remove_graph() one after the other would not).
        self._store.update(_drop_update(str(graph_iri)) +
                           f" ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}}\n{ntriples}\n}}")

    def remove_article(self, source_or_iri: str) -> list[str]:
        """Remove an article's graph; returns the graph IRIs removed (empty if none matched)."""
        target = str(source_or_iri)
        candidates = {article_graph_for(target)}
        # also match the source as the article records it (a URL, a path resolved elsewhere)
        names = {target}
        if "://" not in target:
            names.add(str(Path(target).resolve()))
        candidates.update(info.graph for info in self.articles() if info.source in names)
        removed = []
        for g in sorted(candidates):
            node = ox.NamedNode(g)
            if self._store.contains_named_graph(node):
                self._store.update(_drop_update(g))
                removed.append(g)
        return removed

    def articles(self) -> list[ArticleInfo]:
        q = """
        SELECT ?g ?a ?source ?title ?date ?hash WHERE {
          GRAPH ?g { ?a a aid:Article .
            OPTIONAL { ?a dcterms:source ?source } OPTIONAL { ?a dcterms:title ?title }
            OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a aid:contentHash ?hash } }
        } ORDER BY ?date ?source"""
        out = {}
        for row in self._store.query(q, prefixes=PREFIXES):
            g = row["g"].value
            if g in out:
                continue
            val = lambda k: row[k].value if row[k] is not None else None  # noqa: E731
            out[g] = ArticleInfo(g, row["a"].value, val("source"), val("title"), val("date"), val("hash"))
        return list(out.values())

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, graph_iri: str) -> rdflib.Graph:
        """One named graph as an rdflib Graph."""
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph_iri)))
        return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")

    def graph_turtle(self, graph_iri: str) -> bytes:
        return self._store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(str(graph_iri)),
                                prefixes=WRITE_PREFIXES)

    # --- querying -----------------------------------------------------------------------
    def query(self, sparql: str, *, default_graphs: Iterable[str] | None = None,
              named_graphs: Iterable[str] | None = None):
        """Run a SPARQL query over the union of named graphs (pyoxigraph result object).

        No time limit here: an Oxigraph query cannot be interrupted in-process; `aidkg serve`
        runs queries in worker processes it can kill.
        """
        kwargs = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.DefaultGraph() if g == UNION_GRAPH else ox.NamedNode(g)
                                       for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self._store.query(lang_compat(sparql), prefixes=PREFIXES, **kwargs)

    def update(self, sparql_update: str) -> None:
        self._store.update(sparql_update, prefixes=PREFIXES)

    def __len__(self) -> int:
        return len(self._store)

    def union_graph(self, include_ontology: bool = False) -> rdflib.Graph:
        """Everything in the store as one rdflib Graph (for the viewer and graph exports)."""
        if include_ontology:
            data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        else:
            q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }} }}"
            data = self._store.query(q).serialize(format=ox.RdfFormat.N_TRIPLES)
        return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")

    def union_turtle(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=WRITE_PREFIXES)

    def union_ntriples(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

    def named_quads(self) -> Iterator[ox.Quad]:
        return (q for q in self._store.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def bulk_load_articles(self, nquads: bytes | str | Path) -> None:
        """Fast first load of article graphs as N-Quads (data or a file path).

        Not one transaction (Oxigraph's bulk loader writes files directly): for a new store,
        imports and benchmarks, not for `build`.
        """
        source = {"path": str(nquads)} if isinstance(nquads, Path) else {"input": nquads}
        self._store.bulk_load(format=ox.RdfFormat.N_QUADS, **source)
        union = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                 for q in ox.parse(format=ox.RdfFormat.N_QUADS, **source))
        self._store.bulk_extend(union)

    # --- export -------------------------------------------------------------------------
    def export(self, fmt: str, path: str | Path) -> Path:
        """Write the whole store (ontology graph included) atomically as ttl|trig|nq|nt|jsonld.

        Triple formats get the union of the graphs; trig/nq keep one graph per article.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        path = Path(path)
        with atomic_open(path, "wb") as f:
            if fmt in DATASET_FORMATS:
                # the default graph is the union of the others: derived, so not written
                ox.serialize(self.named_quads(), f, rdf_format, prefixes=None if fmt == "nq" else WRITE_PREFIXES)
            else:
                self._store.dump(f, rdf_format, from_graph=ox.DefaultGraph(),
                                 prefixes=WRITE_PREFIXES if fmt == "ttl" else None)
        return path

    def optimize(self) -> None:
        """Compact the on-disk store (after a big load, so queries do not race the compaction)."""
        if not self.read_only:
            self._store.optimize()

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        self._store = None  # pyoxigraph releases RocksDB when the object is collected


__all__ = ["Store", "StoreBusy", "ArticleInfo", "PREFIXES", "DEFAULT_STORE", "ONTOLOGY_GRAPH",
           "UNION_GRAPH", "article_graph_for", "with_prefixes", "lang_compat", "to_ox", "to_rdflib", "BASE"]
