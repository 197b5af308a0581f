"""The embedded store: article graphs in, replaced, removed, queried, exported."""
from __future__ import annotations

import json
from collections import Counter
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from aidkg.store import ONTOLOGY_GRAPH, Store, StoreBusy, article_graph_for
from aidkg.vocab import AID, ID

from store_fixtures import A1, A2, A3, ARTICLES, entity_iri, load_articles, make_store, ontology_path, write_trig

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture()
def store(tmp_path):
    s = make_store(tmp_path / "store", tmp_path)
    yield s
    s.close()


def labels(store: Store, iri: URIRef) -> set[str]:
    return {r["l"].value for r in store.query(f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}")}


def test_has_article_matches_graph_and_hash(store):
    assert store.has_article(str(A1.graph_iri), A1.content_hash)
    assert not store.has_article(str(A1.graph_iri), A2.content_hash)
    assert not store.has_article(str(A1.graph_iri) + "x", A1.content_hash)


def test_articles_listing(store):
    infos = {i.source: i for i in store.articles()}
    assert set(infos) == {a.source for a in ARTICLES}
    assert infos[A3.source].title == A3.title and infos[A3.source].date == A3.date
    assert infos[A1.source].content_hash == A1.content_hash
    assert infos[A1.source].graph == str(A1.graph_iri)


def test_replace_changes_exactly_that_article(store):
    before_a2 = store.graph(str(A2.graph_iri))
    changed = A1.graph()
    project = entity_iri("Project", "白杨县光伏电站项目")
    changed.remove((project, AID.totalInvestment, None))
    changed.add((project, AID.totalInvestment, Literal("330000000", datatype=rdflib.XSD.decimal)))
    store.replace_article(str(A1.graph_iri), changed)
    amounts = {r["y"].value for r in store.query(f"SELECT ?y WHERE {{ <{project}> aid:totalInvestment ?y }}")}
    assert amounts == {"330000000"}
    assert rdflib.compare.isomorphic(store.graph(str(A2.graph_iri)), before_a2)
    assert len(store.graph(str(A1.graph_iri))) == len(changed)


def test_store_persists_between_opens(tmp_path):
    s = make_store(tmp_path / "store", tmp_path)
    n = len(s)
    s.close()
    del s
    again = Store(tmp_path / "store", ontology=ontology_path(tmp_path))
    assert len(again) == n
    assert again.has_article(str(A3.graph_iri), A3.content_hash)


def test_second_writer_gets_clear_error(store, tmp_path):
    with pytest.raises(StoreBusy, match="open for writing"):
        Store(tmp_path / "store")


def test_shared_entities_survive_removal_of_one_article(store):
    county = entity_iri("County", "红柳县")        # named by A2 and A3
    builder = entity_iri("Enterprise", "海澜建工集团")  # only in A2
    prefecture = entity_iri("Prefecture", "玉河地区")  # A1 and A2
    assert store.remove_article(A2.source) == [str(A2.graph_iri)]
    assert labels(store, county) == {"红柳县", "紅柳縣"}
    assert labels(store, prefecture) == {"玉河地区", "Yuhe Prefecture", "Yùhé Dìqū"}  # with its English and pinyin names
    assert labels(store, builder) == set()
    assert not store.has_article(str(A2.graph_iri), A2.content_hash)
    # relation asserted only by A2 is gone; the one asserted by A1 and A2 stays
    assert not bool(store.query(f"ASK {{ <{county}> aid:partOf <{prefecture}> }}"))
    paired = store.query(f"ASK {{ <{entity_iri('Prefecture', '海澜市')}> aid:pairedWith <{entity_iri('County', '白杨县')}> }}")
    assert bool(paired)


@pytest.mark.parametrize("how", ["article", "graph", "source"])
def test_remove_by_article_iri_graph_iri_or_source(store, how):
    key = {"article": str(ID[f"article/{A3.graph_iri.split('/')[-1]}"]),
           "graph": str(A3.graph_iri), "source": A3.source}[how]
    assert store.remove_article(key) == [str(A3.graph_iri)]
    assert str(A3.graph_iri) not in store.graphs()
    assert store.remove_article(key) == []


def test_file_path_source_maps_to_contract_graph(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x")
    import hashlib
    h = hashlib.sha1(str(f.resolve()).encode()).hexdigest()[:16]
    assert article_graph_for(str(f)) == f"https://w3id.org/aidkg/graph/article/{h}"


KILLER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{src!r}, {tests!r}]
    import rdflib
    from aidkg.store import Store
    from aidkg.vocab import ID
    store = Store({path!r}, ontology=None)
    version = 0
    while True:
        version += 1
        g = rdflib.Graph()
        for i in range(20000):
            g.add((ID[f"x/{{i}}"], ID["version"], rdflib.Literal(version)))
        print("writing", version, flush=True)
        store.replace_article({graph!r}, g)
""")


def test_killed_writer_leaves_whole_article(tmp_path):
    graph = "https://w3id.org/aidkg/graph/article/0000000000000000"
    script = KILLER.format(src=SRC, tests=str(Path(__file__).parent), path=str(tmp_path / "s"), graph=graph)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("writing 3"):
                break
        proc.kill()
    finally:
        proc.wait()
    store = Store(tmp_path / "s", ontology=None)
    rows = list(store.query("SELECT ?v (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/aidkg/id/version> ?v } GROUP BY ?v"))
    assert len(rows) == 1, "a half-replaced article mixes two versions"
    assert int(rows[0]["n"].value) == 20000
    assert int(rows[0]["v"].value) >= 2


def test_query_forms(store):
    sel = store.query("SELECT ?a WHERE { ?a a aid:Article }")
    assert len(list(sel)) == 3
    assert bool(store.query("ASK { ?x a aid:Cadre }"))
    built = store.query("CONSTRUCT { ?p aid:totalInvestment ?y } WHERE { ?p aid:totalInvestment ?y }")
    assert len(list(built)) == 5
    described = list(store.query(f"DESCRIBE <{entity_iri('Cadre', '林海峰')}>"))
    assert any(t.predicate.value == str(AID.dispatchedBy) for t in described)


def test_rdfs_inference_by_property_path(store):
    regions = {r["l"].value for r in store.query(
        "SELECT ?l WHERE { ?r a/rdfs:subClassOf* aid:Region ; rdfs:label ?l FILTER(langMatches(lang(?l), 'zh-Hans')) }")}
    assert {"白杨县", "红柳县", "沙泉镇", "玉河地区", "九〇一团"} <= regions
    assert ONTOLOGY_GRAPH in store.graphs()


def test_vocabulary_example_query_verbatim(store):
    """The query printed in VOCABULARY.md (no rdf: prefix, lang() = "zh-Hans") answers as written."""
    q = """PREFIX aid: <https://w3id.org/aidkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?enterprise ?project ?yuan ?sentence WHERE {
  ?e a aid:Enterprise ; rdfs:label ?enterprise ; aid:investedIn ?p .
  ?p rdfs:label ?project .
  OPTIONAL { ?p aid:totalInvestment ?yuan }
  ?st rdf:subject ?e ; rdf:predicate aid:investedIn ; rdf:object ?p ; aid:evidence ?sentence .
  FILTER(lang(?enterprise) = "zh-Hans" && lang(?project) = "zh-Hans")
}"""
    rows = {(r["enterprise"].value, r["project"].value, r["yuan"].value) for r in store.query(q)}
    assert rows == {("东屿能源集团", "白杨县光伏电站项目", "320000000"), ("海澜建工集团", "红柳县物流园项目", "85000000")}


def test_union_graph_has_every_article_and_no_ontology(store):
    g = store.union_graph()
    assert (None, rdflib.RDFS.subClassOf, None) not in g
    sources = {str(o) for o in g.objects(None, rdflib.namespace.DCTERMS.source)}
    assert sources == {a.source for a in ARTICLES}
    expected = set()
    for a in ARTICLES:
        expected |= set(a.graph())
    assert set(g) == expected


@pytest.mark.parametrize("fmt,rdflib_fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                                             ("trig", "trig"), ("nq", "nquads")])
def test_export_round_trips(store, tmp_path, fmt, rdflib_fmt):
    out = store.export(fmt, tmp_path / f"out.{fmt}")
    if fmt in ("trig", "nq"):
        ds = rdflib.Dataset()
        ds.parse(out, format=rdflib_fmt)
        names = {str(c.identifier) for c in ds.graphs()}
        assert {str(a.graph_iri) for a in ARTICLES} | {ONTOLOGY_GRAPH} <= names
        assert len(ds.graph(A1.graph_iri)) == len(A1.graph())
    else:
        g = rdflib.Graph().parse(out, format=rdflib_fmt)
        assert set(store.union_graph()) <= set(g)
        assert (None, rdflib.RDFS.subClassOf, None) in g
    assert not list(tmp_path.glob(".out.*"))  # no temp file left behind


def test_query_a_trig_file(tmp_path):
    path = write_trig(tmp_path / "corpus.trig")
    s = Store.from_file(path, ontology=ontology_path(tmp_path))
    assert len(list(s.query("SELECT ?a WHERE { ?a a aid:Article }"))) == 3
    assert bool(s.query("ASK { ?x a/rdfs:subClassOf* aid:Region }"))


def test_reloading_same_articles_is_idempotent(store):
    n = len(store)
    load_articles(store)
    assert len(store) == n


def test_union_is_a_set_not_a_bag(store):
    """A triple stated by two articles is seen once (Oxigraph's own union would repeat it)."""
    county = entity_iri("County", "红柳县")
    rows = list(store.query(f"SELECT ?l WHERE {{ <{county}> rdfs:label ?l }}"))
    assert len(rows) == 2  # zh-Hans from A2 and A3 (once), zh-Hant from A3
    store.remove_article(A3.source)
    assert [r["l"].value for r in store.query(f"SELECT ?l WHERE {{ <{county}> rdfs:label ?l }}")] == ["红柳县"]
    store.remove_article(A2.source)
    assert not bool(store.query(f"ASK {{ <{county}> ?p ?o }}"))


def test_quads_written_directly_replace_an_article(store):
    """Quads (what build writes) replace an article as the rdflib graph did, both copies updated."""
    import pyoxigraph as ox
    from aidkg.store import to_ox
    changed = A2.graph()
    builder = entity_iri("Enterprise", "海澜建工集团")
    changed.remove((builder, None, None))
    changed.remove((None, None, builder))
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(A2.graph_iri))) for s, p, o in changed]
    store.replace_article(str(A2.graph_iri), quads)
    assert labels(store, builder) == set()
    assert set(store.graph(str(A2.graph_iri))) == set(changed)
    assert not [g for g in store.graphs() if "/staging/" in g]
    # the union still holds what the other articles state
    assert labels(store, entity_iri("County", "红柳县")) == {"红柳县", "紅柳縣"}


def test_a_staging_graph_left_by_a_killed_replace_is_dropped_on_open(tmp_path):
    import pyoxigraph as ox
    from aidkg.store import STAGING_PREFIX
    s = make_store(tmp_path / "store", tmp_path)
    before = set(s.graph(str(A1.graph_iri)))
    staging = ox.NamedNode(STAGING_PREFIX + "0123456789abcdef")
    s._store.add(ox.Quad(ox.NamedNode(str(ID["x"])), ox.NamedNode(str(AID.evidence)), ox.Literal("half"), staging))
    s.close()
    del s
    again = Store(tmp_path / "store", ontology=ontology_path(tmp_path))
    assert not again._store.contains_named_graph(staging)
    assert set(again.graph(str(A1.graph_iri))) == before


def test_document_quads_are_the_document_graph():
    """The store gets pyoxigraph quads straight from the Document: the same triples as the rdflib
    graph that evaluation and notebooks use."""
    from aidkg.graph import article_graph_iri, document_graph, document_quads
    from aidkg.pipeline import process_file
    from aidkg.store import to_rdflib
    from conftest import EXAMPLES

    def lower_tags(triples):
        return {tuple(Literal(str(t), lang=t.language.lower()) if isinstance(t, Literal) and t.language else t
                      for t in triple) for triple in triples}
    for name in ("tianjin_hotan_jujube_trad_2023.txt", "hebei_xpcc_second_division_2023.txt"):
        doc = process_file(EXAMPLES / name)
        quads = document_quads(doc)
        assert {q.graph_name.value for q in quads} == {str(article_graph_iri(doc))}
        from_quads = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
        assert len(from_quads) == len(quads)
        assert lower_tags(from_quads) == lower_tags(document_graph(doc))


def _union_without_ontology(store: Store) -> set:
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }} }}")
    from aidkg.store import to_rdflib
    return {(to_rdflib(r["s"]), to_rdflib(r["p"]), to_rdflib(r["o"])) for r in rows}


def test_union_is_exactly_the_articles_through_replacements_and_removals(store):
    """After any sequence of writes the union holds exactly what the current articles state, and
    each article's graph is whole, though its own nodes are written once (to the union only)."""
    import random
    current = {a.graph_iri: a.graph() for a in ARTICLES}
    rng = random.Random(3)
    project = entity_iri("Project", "白杨县光伏电站项目")
    for step in range(12):
        a = rng.choice(ARTICLES)
        if step % 4 == 3:
            store.remove_article(a.source)
            current.pop(a.graph_iri, None)
        else:
            g = a.graph()
            # a new version says less (the article node itself stays: without it no article) …
            drop = rng.sample(sorted(t for t in g if "/article/" not in t[0]), k=len(g) // 5)
            for t in drop:
                g.remove(t)
            g.add((project, AID.floorArea, Literal(str(1000 + step), datatype=rdflib.XSD.decimal)))  # … and more
            store.replace_article(str(a.graph_iri), g)
            current[a.graph_iri] = g
        expected = set().union(*current.values()) if current else set()
        assert _union_without_ontology(store) == expected, f"step {step}"
        for giri, g in current.items():
            assert set(store.graph(str(giri))) == set(g)
            # statements live in the union only (an index entry, their rdf:type, in the named graph
            # only for one that a version stripped of its prov:wasDerivedFrom)
            named = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{giri}> {{ ?st aid:evidence ?e ; a rdf:Statement }} }}")
            assert int(next(iter(named))["n"].value) == 0
        assert {i.graph for i in store.articles()} == {str(g) for g in current}




def test_own_nodes_derived_from_the_article_have_no_entry_in_its_named_graph(store):
    """Statements and facts derived from the article are found through `prov:wasDerivedFrom` in
    the union: nothing of them in the named graph, yet the article's graph is whole."""
    for a in ARTICLES:
        n = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{a.graph_iri}> {{ ?x ?p ?o "
                        f"FILTER(STRSTARTS(STR(?x), \"{ID}statement/\") || STRSTARTS(STR(?x), \"{ID}fact/\")) }} }}")
        assert int(next(iter(n))["n"].value) == 0
        assert set(store.graph(str(a.graph_iri))) == set(a.graph())


def test_a_store_with_index_entries_of_the_older_layout_is_read_and_removed_whole(store):
    """Stores written before: every own node's rdf:type in the named graph. Its graph is whole and
    its removal leaves nothing of it."""
    import pyoxigraph as ox

    from aidkg.store import MENTIONED_IN, RDF_TYPE, _is_own_node
    store.remove_article(A1.source)
    quads = _quads(A1.graph_iri, A1.graph())
    g = ox.NamedNode(str(A1.graph_iri))
    store._store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    store._store.extend(q for q in quads if q.predicate != MENTIONED_IN
                        and (not _is_own_node(q.subject) or q.predicate == RDF_TYPE))
    assert set(store.graph(str(A1.graph_iri))) == set(A1.graph())
    store.remove_article(A1.source)
    expected = set(A2.graph()) | set(A3.graph())
    assert _union_without_ontology(store) == expected

def _quads(graph_iri, graph) -> list:
    import pyoxigraph as ox

    from aidkg.store import to_ox
    g = ox.NamedNode(str(graph_iri))
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]


class _Listener:
    def __init__(self):
        self.told = []

    def written(self, graph_iri, quads):
        self.told.append((graph_iri, sorted(map(str, quads))))


@pytest.mark.parametrize("bulk", [False, True, "spooled"], ids=["transaction", "bulk-load", "spooled"])
def test_batch_write_stores_what_one_article_at_a_time_stores(tmp_path, monkeypatch, bulk):
    """replace_articles (a build's batch: its new articles bulk-loaded past a few, else in one
    transaction; or spooled and loaded in bursts by a thread, as a build writes them) leaves
    exactly the quads -- named graphs and union -- that replace_article one by one does, with
    articles new to the store, one already in it (replaced), and one given twice in the batch (the
    second wins: spooled, the first is loaded before it replaces it); and the listeners are told
    of the same graphs."""
    import aidkg.store
    monkeypatch.setattr(aidkg.store, "BULK_MIN_QUADS", 1 if bulk else 10**9)
    monkeypatch.setattr(aidkg.store, "SPOOL_MIN_ARTICLES", 1)   # a burst (a thread) per article
    loads = []
    if bulk == "spooled":
        real_load = aidkg.store._load_file
        monkeypatch.setattr(aidkg.store, "_load_file", lambda store, path, units: (
            loads.append(len(units)), real_load(store, path, units)))
    if bulk is True:
        real = Store._add_new
        monkeypatch.setattr(Store, "_add_new", lambda self, articles: (
            loads.append(sum(len(q) for _, q in articles)), real(self, articles)))
    changed = A1.graph()
    changed.add((entity_iri("Project", "白杨县光伏电站项目"), AID.floorArea,
                 Literal("1200", datatype=rdflib.XSD.decimal)))
    smaller = A3.graph()
    smaller.remove((None, DCTERMS.title, None))
    batch = [(str(A1.graph_iri), _quads(A1.graph_iri, A1.graph())), (str(A2.graph_iri), _quads(A2.graph_iri, A2.graph())),
             (str(A3.graph_iri), _quads(A3.graph_iri, smaller)), (str(A1.graph_iri), _quads(A1.graph_iri, changed))]
    stores, told = [], []
    for batched in (False, True):
        s = Store(tmp_path / f"store-{batched}", ontology=None)   # (its blank nodes differ per store)
        s.replace_article(str(A3.graph_iri), A3.graph())        # in the store before the batch
        listener = _Listener()
        s.listeners.append(listener)
        if batched:
            if bulk == "spooled":
                s.spool_new(1)
            s.replace_articles(batch)
            s.load_spooled()
            assert not list(tmp_path.glob("store-*/aidkg-spool-*"))   # each file gone once loaded
        else:
            for g, q in batch:
                s.replace_article(g, q)
        stores.append(set(map(str, s._store)))
        told.append(listener.told)
        s.close()
    assert stores[0] == stores[1]
    assert sorted(told[0]) == sorted(told[1])
    assert bulk is not True or sum(loads) > 100
    assert bulk != "spooled" or loads == [1, 1]    # A1 and A2, a burst each (A1 again: replaced)
    assert any('"1200"' in q for q in stores[1]) and not any(A3.title in q for q in stores[1])


def test_article_quads_carry_their_own_terms():
    """document_quads keeps the (s, p, o) each quad was made from (the build reads them instead of
    the quads' terms): the same terms, in the same order, each triple once, all in the graph named."""
    from aidkg.graph import article_graph_iri, document_quads, triples_of
    from aidkg.pipeline import process_text
    doc = process_text("白杨县与青松镇结对帮扶。恒达纺织投资1.2亿元在白杨县建设纺织产业园。",
                       source="test:article-quads")
    quads = document_quads(doc)
    assert quads.graph == str(article_graph_iri(doc))
    assert {q.graph_name.value for q in quads} == {quads.graph}
    read = [(q.subject, q.predicate, q.object) for q in quads]
    assert quads.triples == read and len(set(read)) == len(read) > 20
    assert triples_of(list(quads)) == read


BULK_KILLER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{src!r}, {tests!r}]
    import pyoxigraph as ox
    from aidkg.store import Store
    store = Store({path!r}, ontology=None)
    store.replace_articles([({first!r}, [ox.Quad(ox.NamedNode("urn:x:0"), ox.NamedNode("urn:p"), ox.Literal("first"),
                                                  ox.NamedNode({first!r}))] * 1)])
    store.flush()
    quads = [ox.Quad(ox.NamedNode(f"urn:x:{{i}}"), ox.NamedNode("urn:p"), ox.Literal(f"a long value {{i}} " * 4),
                     ox.NamedNode({graph!r})) for i in range(150_000)]
    print("loading", flush=True)
    store.replace_articles([({graph!r}, quads)])
    print("loaded", flush=True)
""")


def test_a_bulk_load_killed_leaves_none_of_its_batch(tmp_path):
    """New articles are bulk-loaded (Oxigraph's files, ingested by RocksDB in one step): killed
    while the loader writes its files, the store holds none of the batch, and the next writer
    removes the files left behind."""
    import time
    first = "https://w3id.org/aidkg/graph/article/1111111111111111"
    graph = "https://w3id.org/aidkg/graph/article/0000000000000000"
    script = BULK_KILLER.format(src=SRC, tests=str(Path(__file__).parent), path=str(tmp_path / "s"),
                                graph=graph, first=first)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("loading"):
                break
        for _ in range(1000):       # until the loader has begun writing its files
            if list((tmp_path / "s").glob("bulk-*.sst")):
                break
            time.sleep(0.005)
        proc.kill()
    finally:
        proc.wait()
    assert list((tmp_path / "s").glob("bulk-*.sst")), "killed before the loader wrote its files"
    store = Store(tmp_path / "s", ontology=None)
    assert not list((tmp_path / "s").glob("bulk-*.sst"))
    values = Counter(str(q.object) for q in store._store)
    if store.graphs() == [first]:      # (killed once the files were ingested: the whole batch)
        assert values == {'"first"': 2}
    else:
        assert store.graphs() == sorted([first, graph]) and len(values) == 150_001
