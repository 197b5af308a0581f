"""The embedded triple store: article graphs in an on-disk Oxigraph store, queried as their union.

Queries see the union of the articles, each triple once: Oxigraph's own union
(use_default_graph_as_union) repeats a triple once per graph holding it -- an entity's label in
two articles would count twice in a SUM or COUNT -- so the store keeps the union itself, as a set,
in its default graph. Each triple is written there once. What an article says about things other
articles may also name -- entities' types, labels, codes, amounts, relation triples -- is also
kept in the article's named graph (`graph/article/<h>`), so that removing the article removes
exactly the triples no other article states. The article's own nodes (the aid:Article, its
rdf:Statements and aggregate facts, `aid:mentionedIn` it) can belong to no other article: they
are written only to the union, once, and found again through the article's IRI (`?n
prov:wasDerivedFrom <article>` in the union; the few without it through an index entry in the
named graph). Together they
are the article's graph (`Store.graph`, exports, push); writing each triple once instead of
twice halves what RocksDB does per article (bench/README.md).

The ontology (ontology/aidkg.ttl) is kept in its own named graph, `graph/ontology`, refreshed
when the file changes, so that RDFS questions are answered with property paths
(`?x a/rdfs:subClassOf* aid:Region`) instead of a materialised closure that would have to be
recomputed after every article.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
import rdflib

from aidkg.io import atomic_open, atomic_path
from aidkg.vocab import AID, BASE, GRAPH, ID

DEFAULT_STORE = Path("output/store")
ONTOLOGY_FILE = Path(__file__).parent / "ontology" / "aidkg.ttl"
ONTOLOGY_GRAPH = str(GRAPH["ontology"])
UNION_GRAPH = str(GRAPH["union"])  # the name under which the union is pushed to other servers
# a new version of an article is written here first, then moved in one transaction
STAGING_PREFIX = str(GRAPH["staging/"])
ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])
ARTICLE_PREFIX = str(ID["article/"])
# New articles are bulk-loaded from this many quads (two or three articles; fewer: one transaction,
# cheaper in wall time), in calls of about BULK_MAX_QUADS (under Oxigraph's loader batch of
# 1,000,000 quads, so that each call is one atomic ingestion). The loader holds ~1 kB a quad while
# it sorts, and each call is an ingestion RocksDB compacts into the store: a 1,000-article build
# peaked at 421 / 475 / 551 MB with calls of 48,000 / 96,000 / 192,000 quads (about 27 / 55 / 110
# articles) and compacted for 5.4 / 4.2 / 2.9 CPU s (bench/README.md, "flat"); a 10,000-article
# build ran at 460-480 MB while it extracted (its peak, 500 MB, is at its page)
BULK_MIN_QUADS = 4_000
BULK_MAX_QUADS = 96_000
BULK_LOADER_BATCH = 1_000_000   # more in one call (one huge article): a transaction
# A build spools its new articles (Store.spool_new): their N-Quads go to a file beside the store,
# and the file is bulk-loaded -- in calls of BULK_MAX_QUADS, back to back, in a thread -- once it
# holds SPOOL_MIN_ARTICLES articles and SPOOL_RATIO of the articles the store holds. RocksDB
# compacts what is ingested into what is there: calls spread over a build (one per ~30 articles,
# a few seconds apart) each set off a compaction of the store's files, calls back to back share
# them (500 articles into a 10,000-article store: 12.5 CPU s of compaction spread, 6.5 back to
# back, whatever the calls' size; bench/README.md, write path). Spools that grow with the store
# keep the compaction per article from growing with it. Each burst's compaction rewrites about the
# whole store, so the bursts' total is the sum of the store's sizes at each: with bursts of a
# quarter of the store that was ~5 times the final store, with bursts as big as the store ~2 times
# (1,000 articles: compaction 6.5 -> 5.4 CPU s; bench/README.md, "flat").
SPOOL_MIN_ARTICLES = 128
SPOOL_RATIO = 1.0
# The loader's text is Oxigraph's own serialisation of terms it made: its IRIs and literals need no
# second check (lenient parsing skips IRI validation)
BULK_LENIENT = True

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

from .formats import DATASET_FORMATS, EXPORT_FORMATS  # noqa: E402 — the one registry

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
    from .ids import article_key
    return article_key(source)


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


# IRIs minted for one article (statement, fact, money and mention IRIs hash the article's): no
# other article has them
OWN_PREFIXES = tuple(str(ID[k]) for k in ("article/", "statement/", "fact/", "money/", "mention/", "reference/"))
MENTIONED_IN = ox.NamedNode(str(AID.mentionedIn))
DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CONTENT_HASH = ox.NamedNode(str(AID.contentHash))


def article_iri_for(graph_iri: str) -> str:
    return ARTICLE_PREFIX + str(graph_iri)[len(ARTICLE_GRAPH_PREFIX):]


def _is_own_node(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(OWN_PREFIXES)


def split_article(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads of an article graph that go to its named graph (all of them go to the union).

    The article's own nodes -- the aid:Article, its rdf:Statements, mentions, money figures and
    aggregate facts -- and `aid:mentionedIn` it can belong to no other article: written once, to
    the union. An own node that is `prov:wasDerivedFrom` the article (statements, mentions, money,
    facts) is found again through that triple in the union, and has nothing in the named graph;
    any other (the article itself, reference nodes) keeps one index entry there (its rdf:type; all
    its triples if it has none) by which a replacement or removal finds it. The named graph also
    keeps everything else, and the article's content hash (`has_article`). Index entries of every
    statement and mention were ~14 % of the keys RocksDB wrote per article (6 keys a quad in a
    named graph; bench/README.md, "flat2")."""
    from .graph import triples_of
    triples = triples_of(quads)
    if not quads:
        return []
    article = ox.NamedNode(article_iri_for(quads[0].graph_name.value)) \
        if isinstance(quads[0].graph_name, ox.NamedNode) else None
    own: dict = {}        # subject -> whether it is an own node (each read once: .value makes a str)
    for s, _, _ in triples:
        if s not in own:
            own[s] = _is_own_node(s)
    derived = {s for s, p, o in triples if p == DERIVED_FROM and o == article and own[s]}
    typed = {s for s, p, _ in triples if p == RDF_TYPE and own[s]}
    return [q for q, (s, p, _) in zip(quads, triples)
            if p != MENTIONED_IN
            and (not own[s] or (s not in derived and (p == RDF_TYPE or s not in typed))
                 or (p == CONTENT_HASH and s.value.startswith(ARTICLE_PREFIX)))]


def _own_sparql(var: str) -> str:
    return "(isIRI(" + var + ") && (" + " || ".join(f'STRSTARTS(STR({var}), "{p}")' for p in OWN_PREFIXES) + "))"


# the same split, for a graph already in the store (the staging graph of a replacement)
_NAMED_PART = f"""{{ GRAPH {{staging}} {{ ?s ?p ?o }}
  FILTER(?p != <{AID.mentionedIn}>)
  FILTER(!{_own_sparql("?s")} || (?p = <{AID.contentHash}> && STRSTARTS(STR(?s), "{ARTICLE_PREFIX}"))
         || ((?p = <{RDF_TYPE.value}> || NOT EXISTS {{ GRAPH {{staging}} {{ ?s <{RDF_TYPE.value}> ?t }} }})
             && NOT EXISTS {{ GRAPH {{staging}} {{ ?s <{DERIVED_FROM.value}> {{article}} }} }})) }}"""


def _stable_blank_nodes(graph: rdflib.Graph) -> rdflib.Graph:
    """The ontology's blank nodes (its owl:unionOf lists) named the same in every store: a parser
    names them at random, and the store's state digest and every export would differ between two
    builds of the same corpus. Named by rdflib's canonical labelling, shortened to their rank."""
    from rdflib.compare import to_canonical_graph
    canonical = to_canonical_graph(graph)
    labels = sorted({str(t) for triple in canonical for t in triple if isinstance(t, rdflib.BNode)})
    short = {label: rdflib.BNode(f"o{i}") for i, label in enumerate(labels)}
    out = rdflib.Graph()
    for triple in canonical:
        out.add(tuple(short[str(t)] if isinstance(t, rdflib.BNode) else t for t in triple))
    return out


def _in_graph(graph: ox.NamedNode, data) -> list[ox.Quad]:
    """`data` (an rdflib Graph, or pyoxigraph Quads or Triples) as quads in `graph`."""
    if isinstance(data, rdflib.Graph):
        return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in data]
    if getattr(data, "graph", None) == graph.value:    # aidkg.graph.ArticleQuads of that graph
        return data
    return [q if isinstance(q, ox.Quad) and q.graph_name == graph else
            ox.Quad(q.subject, q.predicate, q.object, graph) for q in data]


def _drop_update(graph_iri: str) -> str:
    """SPARQL update removing a graph and what only it contributed to the union: for an article
    also its own nodes (found through `prov:wasDerivedFrom` it in the union, or their index
    entries) and `aid:mentionedIn` it. Works as well on stores written before own nodes left the
    named graphs, or before their index entries did."""
    g = f"<{graph_iri}>"
    update = ""
    if str(graph_iri).startswith(ARTICLE_GRAPH_PREFIX):
        art = f"<{article_iri_for(graph_iri)}>"
        # an own node another graph also indexes (never written so by aidkg) is left alone
        # Two statements, not one with a UNION: Oxigraph planned the UNION's NOT EXISTS over every
        # quad of the store (a one-article rebuild at 10,000 articles: 9 s and 1.8 GB); nodes derived
        # from the article are in no other graph (aidkg writes them to the union only)
        update = (f"DELETE {{ ?n ?p ?o }} WHERE {{ {{ SELECT DISTINCT ?n WHERE {{ GRAPH {g} {{ ?n ?x ?y }} "
                  f"FILTER({_own_sparql('?n')}) FILTER NOT EXISTS {{ GRAPH ?other {{ ?n ?x2 ?y2 }} "
                  f"FILTER(?other != {g} && !STRSTARTS(STR(?other), \"{STAGING_PREFIX}\")) }} }} }} "
                  f"?n ?p ?o }} ;\n"
                  f"DELETE {{ ?n ?p ?o }} WHERE {{ ?n <{DERIVED_FROM.value}> {art} FILTER({_own_sparql('?n')}) ?n ?p ?o }} ;\n"
                  f"DELETE WHERE {{ ?e <{AID.mentionedIn}> {art} }} ;\n")
    update += (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }}\n"
               f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
               f"DROP SILENT GRAPH {g}")
    return update


# an article's whole graph: its named graph, its own nodes' triples and what is mentioned in it
_ARTICLE_TRIPLES = """CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ GRAPH <{g}> {{ ?s ?p ?o }} }}
  UNION {{ {{ SELECT DISTINCT ?s WHERE {{ GRAPH <{g}> {{ ?s ?x ?y }} FILTER({own}) }} }} ?s ?p ?o }}
  UNION {{ ?s <http://www.w3.org/ns/prov#wasDerivedFrom> <{art}> FILTER({own}) ?s ?p ?o }}
  UNION {{ ?s <https://w3id.org/aidkg/ontology#mentionedIn> <{art}> BIND(<https://w3id.org/aidkg/ontology#mentionedIn> AS ?p) BIND(<{art}> AS ?o) }}
}}"""


def _loader_text(graph_iri: str, quads: list[ox.Quad]) -> bytes | None:
    """An article as the bulk loader takes it: its named graph's quads (split_article) and the
    union's copy, as N-Quads text -- each quad serialised once, the union's lines that text with
    the graph name taken off (making a default-graph Quad object per triple cost more than
    Oxigraph's parsing of the text). None when it has blank nodes (their labels are the parser's)."""
    whole = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if b"_:" in whole:
        return None
    # every line ends with the graph's name (a literal's line breaks are escaped)
    return (ox.serialize(split_article(quads), format=ox.RdfFormat.N_QUADS)
            + whole.replace(f" <{graph_iri}> .\n".encode(), b" .\n"))


def _text_of(graph_iri: str, quads) -> bytes | None:
    """_loader_text, or as a --jobs worker made it (aidkg.extraction.WorkerGraph)."""
    made = getattr(quads, "loader_text", False)
    return made if made is not False else _loader_text(graph_iri, quads)


class _Spool:
    """New articles' loader text in a file beside the store, bulk-loaded in bursts (SPOOL_*): in a
    thread (Oxigraph loads without holding Python's lock, so the build goes on extracting), one
    burst at a time, in calls of at most BULK_MAX_QUADS quads of whole articles."""

    PREFIX = "aidkg-spool-"

    def __init__(self, store: ox.Store, folder: Path, articles_in_store: int):
        self.store, self.folder, self.stored = store, folder, articles_in_store
        self.pending: set[str] = set()        # graphs spooled and not yet loaded
        self._file = None
        self._units: list[tuple[int, int]] = []   # (bytes, quads) of each article in the file
        self._graphs: list[str] = []
        self._loading: tuple | None = None    # (thread, graphs, [error]) of the burst being loaded
        self._n = 0

    def add(self, graph: str, text: bytes, quads: int) -> None:
        self._check()
        if self._file is None:
            self._n += 1
            self._path = self.folder / f"{self.PREFIX}{os.getpid()}-{self._n}.nq"
            self._file = open(self._path, "wb")
        self._file.write(text)
        self._units.append((len(text), quads))
        self._graphs.append(graph)
        self.pending.add(graph)
        if len(self._units) >= max(SPOOL_MIN_ARTICLES, SPOOL_RATIO * self.stored):
            self._launch()

    def _launch(self) -> None:
        """Hand the file to a loader thread (after the burst before it) and start another."""
        self._wait()
        if self._file is None:
            return
        self._file.close()
        path, units, graphs = self._path, self._units, self._graphs
        self._file, self._units, self._graphs = None, [], []
        error: list = []

        def load():
            try:
                _load_file(self.store, path, units)
            except BaseException as exc:   # raised in the build's thread (_check)
                error.append(exc)
            finally:
                path.unlink(missing_ok=True)
        thread = threading.Thread(target=load, name="aidkg-spool-load")
        self._loading = (thread, graphs, error)
        thread.start()

    def _wait(self) -> None:
        if self._loading is None:
            return
        thread, graphs, error = self._loading
        thread.join()
        self._loading = None
        if error:
            raise error[0]
        self.pending.difference_update(graphs)
        self.stored += len(graphs)

    def _check(self) -> None:
        if self._loading is not None and not self._loading[0].is_alive():
            self._wait()

    def drain(self) -> None:
        self._launch()
        self._wait()

    def launch_soon(self) -> None:
        """What is spooled, loaded now -- once there is enough of it to be worth an ingestion of its
        own (SPOOL_MIN_ARTICLES; each ingestion sets off a compaction of the store's files)."""
        self._check()
        if len(self._units) >= SPOOL_MIN_ARTICLES:
            self._launch()


def _load_file(store: ox.Store, path: Path, units: list[tuple[int, int]]) -> None:
    """The spool's articles into the store: consecutive articles read together up to
    BULK_MAX_QUADS quads, one loader call each (one atomic ingestion)."""
    with open(path, "rb") as f:
        i = 0
        while i < len(units):
            size = quads = 0
            j = i
            while j < len(units) and (j == i or quads + units[j][1] <= BULK_MAX_QUADS):
                size += units[j][0]
                quads += units[j][1]
                j += 1
            store.bulk_load(f.read(size), format=ox.RdfFormat.N_QUADS, lenient=BULK_LENIENT)
            i = j


def _fewer_malloc_arenas() -> None:
    """At most two glibc malloc arenas in a process that writes a store. Oxigraph's bulk loader
    runs each load in a new thread, which glibc gives an arena of its own; what RocksDB keeps from
    those threads (readers of the ingested files) pins their arenas, and the freed rest is not used
    again by the build's later work: a 500-article build into a 10,000-article store peaked
    30-45 MB higher at its page (bench/README.md, Build CPU). Shared arenas are the usual cure
    (MALLOC_ARENA_MAX); without glibc, nothing is done."""
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, 2)     # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def _open_for_writing(path: Path) -> ox.Store:
    _fewer_malloc_arenas()
    try:
        return ox.Store(str(path))
    except OSError as exc:
        if "lock" not in str(exc).lower():
            raise
    # this process may hold it itself: a closed Store whose query result is still referenced from a
    # collectable cycle (a traceback kept by a notebook or a test runner) keeps RocksDB's lock
    import gc
    gc.collect()
    return ox.Store(str(path))


class Store:
    """Article graphs in an Oxigraph store at `path` (None: in memory)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False,
                 ontology: str | Path | None = ONTOLOGY_FILE):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        # told of every article graph written (written(graph IRI, quads)) or removed (removed(graph
        # IRI)), once the store holds it: a build's per-article outputs (aidkg.exports, aidkg.viz.rows)
        self.listeners: list = []
        self._spool: _Spool | None = None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise FileNotFoundError(f"no store at {self.path} (run `aidkg build` first)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = _open_for_writing(self.path)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(f"the store {self.path} is open for writing in another process "
                                f"(an `aidkg build` or `aidkg serve --allow-update`?)") from exc
            raise
        if not read_only:
            self._drop_stale_staging()
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
        graph = _stable_blank_nodes(rdflib.Graph().parse(ttl, format="turtle"))
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

    def replace_article(self, graph_iri: str, data) -> None:
        """Replace exactly the article's named graph (an rdflib Graph or pyoxigraph quads)."""
        if not str(graph_iri).startswith(ARTICLE_GRAPH_PREFIX):
            raise ValueError(f"not an article graph IRI: {graph_iri}")
        self.replace_graph(str(graph_iri), data)

    def replace_graph(self, graph_iri: str, data) -> None:
        """Replace a named graph (and its share of the union) with `data`: an rdflib Graph or
        pyoxigraph Quads/Triples (aidkg.graph.document_quads). The store is never left with half
        an article: a new graph is one transaction (`extend`); a new version of an existing one is
        written to a staging graph first, then swapped in by one SPARQL update."""
        node = ox.NamedNode(str(graph_iri))
        quads = _in_graph(node, data)
        article = str(graph_iri).startswith(ARTICLE_GRAPH_PREFIX)
        self._write_graph(node, quads, article)
        if article:
            for listener in self.listeners:
                listener.written(str(graph_iri), quads)

    def replace_articles(self, items: Iterable[tuple[str, list]]) -> None:
        """`replace_article` for many (graph IRI, pyoxigraph quads): the articles new to the store
        written together (a build's batch: one bulk load, `_add_new`), each replacement in its own
        transaction; every article whole or not at all.
        The listeners are told of each article once the store holds it."""
        items = [(str(g), _in_graph(ox.NamedNode(str(g)), data)) for g, data in items]
        for g, _ in items:
            if not g.startswith(ARTICLE_GRAPH_PREFIX):
                raise ValueError(f"not an article graph IRI: {g}")
        new, seen, size = [], set(), 0
        for g, quads in items:
            node = ox.NamedNode(g)
            if g in seen or size >= BULK_MAX_QUADS:   # the same article twice: the first written before
                self._add_new(new)
                new, size = [], 0
            if self._spool is not None and g in self._spool.pending:
                self._spool.drain()      # (spooled before: loaded, then replaced)
            if g in seen or self._store.contains_named_graph(node):
                self._write_graph(node, quads, True)
            else:
                new.append((g, quads))
                size += 2 * len(quads)
            seen.add(g)
        self._add_new(new)
        for g, quads in items:
            for listener in self.listeners:
                listener.written(g, quads)

    def spool_new(self, articles_in_store: int) -> None:
        """From now on, articles new to the store are spooled and bulk-loaded in bursts (SPOOL_*)
        instead of a call per batch: a build's writes. They are in the store after `load_spooled`
        (and `close`); a process killed before leaves the store without them (each call of the
        loader whole articles, atomic). The listeners are told of each article when it is spooled."""
        if self.path is not None and not self.read_only and self._spool is None:
            self._spool = _Spool(self._store, self.path, articles_in_store)

    def load_spooled_soon(self) -> None:
        """Start loading what is spooled now, in the spool's thread (after the load under way)."""
        if self._spool is not None:
            self._spool.launch_soon()

    def load_spooled(self) -> None:
        """Load what is spooled (waiting for a load under way); errors of a load are raised here."""
        if self._spool is not None:
            self._spool.drain()

    def _add_new(self, articles: list[tuple[str, list[ox.Quad]]]) -> None:
        """Article graphs new to the store, whole: past a few articles through Oxigraph's bulk
        loader -- sorted files RocksDB takes in one step, no write-ahead log, memory table or
        compaction of the writes themselves: half the CPU of a transaction, and of the compaction
        that grows with the store (bench/README.md, Build CPU). One call under Oxigraph's batch of
        a million quads is one ingestion, atomic like a transaction: a build killed during it
        leaves none of the batch (and temp files, removed at the next open). The loader is given
        N-Quads text: each article's quads serialised once, and the union's copy is that text with
        the graph name taken off each line (making a default-graph Quad object per triple cost
        more than Oxigraph's parsing of the text)."""
        if self._spool is not None:
            direct = []
            for g, quads in articles:
                text = _text_of(g, quads) if 2 * len(quads) <= BULK_MAX_QUADS else None
                if text is None:      # blank nodes, or an article past a call of the loader
                    direct.append((g, quads))
                else:
                    self._spool.add(g, text, 2 * len(quads))
            if not direct:
                return
            articles = direct
        size = 2 * sum(len(quads) for _, quads in articles)
        if not BULK_MIN_QUADS <= size <= BULK_LOADER_BATCH:
            if articles:
                self._store.extend([q for _, quads in articles for q in self._new_graph_quads(quads, True)])
            return
        text = []
        for g, quads in articles:
            one = _text_of(g, quads)
            if one is None:     # (blank nodes: their labels are the parser's, not these objects')
                self._store.bulk_extend([q for _, quads in articles for q in self._new_graph_quads(quads, True)])
                return
            text.append(one)
        self._store.bulk_load(b"".join(text), format=ox.RdfFormat.N_QUADS, lenient=BULK_LENIENT)

    @staticmethod
    def _new_graph_quads(quads: list[ox.Quad], article: bool) -> list[ox.Quad]:
        named = split_article(quads) if article else quads
        # Quad(s, p, o) is the default graph: naming it costs twice the time of the Quad itself
        from .graph import triples_of
        return named + [ox.Quad(s, p, o) for s, p, o in triples_of(quads)]

    def _write_graph(self, node: ox.NamedNode, quads: list[ox.Quad], article: bool) -> None:
        if not self._store.contains_named_graph(node):
            self._store.extend(self._new_graph_quads(quads, article))
            return
        staging = ox.NamedNode(STAGING_PREFIX + source_hash(node.value))
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads)
        # staging counts as "another graph" in the drop, so shared triples of both versions stay put
        named_part = _NAMED_PART.replace("{staging}", str(staging)).replace(
            "{article}", f"<{article_iri_for(node.value)}>") if article else \
            f"{{ GRAPH {staging} {{ ?s ?p ?o }} }}"
        self._store.update(
            _drop_update(node.value) +
            f" ;\nINSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {staging} {{ ?s ?p ?o }} }}"
            f" ;\nINSERT {{ GRAPH {node} {{ ?s ?p ?o }} }} WHERE {named_part}"
            f" ;\nDROP GRAPH {staging}")

    def _drop_stale_staging(self) -> None:
        """A process killed between writing a staging graph and swapping it in leaves it behind;
        one killed during a bulk load, the loader's files (which RocksDB never reads)."""
        if self.path is not None:
            for leftover in [*self.path.glob("bulk-*.sst"), *self.path.glob(f"{_Spool.PREFIX}*")]:
                leftover.unlink(missing_ok=True)
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX):
                self._store.remove_graph(g)

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
                for listener in self.listeners:
                    listener.removed(g)
        return removed

    def articles(self) -> list[ArticleInfo]:
        q = """
        SELECT ?g ?a ?source ?title ?date ?hash WHERE {
          GRAPH ?g { ?a a aid:Article }
          OPTIONAL { ?a dcterms:source ?source } OPTIONAL { ?a dcterms:title ?title }
          OPTIONAL { ?a dcterms:date ?date } OPTIONAL { GRAPH ?g { ?a aid:contentHash ?hash } }
        } ORDER BY ?date ?source"""
        out = {}
        for row in self._store.query(q, prefixes=PREFIXES):
            g = row["g"].value
            if g in out:
                continue
            val = lambda k: row[k].value if row[k] is not None else None  # noqa: E731
            out[g] = ArticleInfo(g, row["a"].value, val("source"), val("title"), val("date"), val("hash"))
        return list(out.values())

    def state(self, hashes: dict[str, str] | None = None) -> str:
        """A digest of what the store holds, cheap to compute (one row per article): the articles'
        graphs and content hashes, and the other named graphs (ontology, corrections) in full.
        Outputs made from the same state need not be made again (aidkg.build_state). `hashes`:
        article_hashes() as they are now, when the caller has them."""
        digest = hashlib.sha256()
        for line in sorted(f"{g} {h}" for g, h in (self.article_hashes() if hashes is None else hashes).items()):
            digest.update(line.encode() + b"\n")
        for g in self.graphs():
            if not g.startswith(ARTICLE_GRAPH_PREFIX):
                digest.update(g.encode() + b"\n")
                for line in sorted(str(q) for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))):
                    digest.update(line.encode() + b"\n")
        return digest.hexdigest()

    def article_hashes(self) -> dict[str, str]:
        """{article graph IRI: its article's content hash}, one row per article."""
        rows = self._store.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{AID.contentHash}> ?h }} "
                                 f"FILTER(STRSTARTS(STR(?g), \"{ARTICLE_GRAPH_PREFIX}\")) }}")
        return {r["g"].value: r["h"].value for r in rows}

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX))

    def graph_quads(self, graph_iri: str) -> list[ox.Quad]:
        """Everything in a graph: for an article, its named graph and its own nodes (in the union)."""
        node = ox.NamedNode(str(graph_iri))
        if not str(graph_iri).startswith(ARTICLE_GRAPH_PREFIX):
            return list(self._store.quads_for_pattern(None, None, None, node))
        q = _ARTICLE_TRIPLES.format(g=graph_iri, art=article_iri_for(graph_iri), own=_own_sparql("?s"))
        return [ox.Quad(t.subject, t.predicate, t.object, node) for t in self._store.query(q)]

    def graph(self, graph_iri: str) -> rdflib.Graph:
        """One graph (an article's whole graph) as an rdflib Graph."""
        g = rdflib.Graph()
        for q in self.graph_quads(graph_iri):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def graph_turtle(self, graph_iri: str, quads: list[ox.Quad] | None = None) -> bytes:
        quads = self.graph_quads(graph_iri) if quads is None else quads
        triples = [q.triple for q in quads]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)

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
        """Quads in the store: the union and the named graphs (their index entries included)."""
        return len(self._store)

    def union_size(self) -> int:
        """Triples in the union (the default graph), ontology included."""
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

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
        """Every named graph's quads, articles whole (for TriG / N-Quads exports)."""
        for g in self.graphs():
            yield from self.graph_quads(g)

    def bulk_load_articles(self, nquads: bytes | str | Path) -> None:
        """Fast first load of article graphs as N-Quads (data or a file path), in the layout
        `replace_article` writes.

        Not one transaction (Oxigraph's bulk loader writes files directly): for a new store,
        imports and benchmarks, not for `build`.
        """
        source = {"path": str(nquads)} if isinstance(nquads, Path) else {"input": nquads}
        quads = ox.parse(format=ox.RdfFormat.N_QUADS, **source)
        # an N-Quads file lists each article's quads together (split_article needs them together
        # to be minimal; split in two runs, an article only gets more index entries)
        groups = ((g, list(qs)) for g, qs in itertools.groupby(quads, key=lambda q: q.graph_name))
        self._store.bulk_extend(
            out for g, qs in groups
            for out in itertools.chain(
                split_article(qs) if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX) else qs,
                (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in qs)))

    # --- export -------------------------------------------------------------------------
    def export(self, fmt: str, path: str | Path) -> Path:
        """Write the whole store (ontology graph included) atomically as ttl|trig|nq|nt|jsonld.

        Triple formats get the union of the graphs; trig/nq keep one graph per article.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        path = Path(path)
        if fmt in DATASET_FORMATS:
            with atomic_open(path, "wb") as f:
                # the default graph is the union of the others: derived, so not written
                ox.serialize(self.named_quads(), f, rdf_format, prefixes=None if fmt == "nq" else WRITE_PREFIXES)
        else:
            with atomic_path(path) as tmp:    # Oxigraph writes the file itself: a quarter faster
                self._store.dump(tmp, rdf_format, from_graph=ox.DefaultGraph(),
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
        if self._spool is not None:
            spool, self._spool = self._spool, None
            spool.drain()
        self.flush()
        self._store = None  # pyoxigraph releases RocksDB when the object is collected


__all__ = ["Store", "StoreBusy", "ArticleInfo", "PREFIXES", "DEFAULT_STORE", "ONTOLOGY_GRAPH",
           "UNION_GRAPH", "article_graph_for", "with_prefixes", "lang_compat", "to_ox", "to_rdflib", "BASE"]
