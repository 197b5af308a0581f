"""Rebuilds cost what changed: unchanged files are not read, unchanged stores not exported or drawn,
and the page is read from the store with SELECTs (bounded), not from an rdflib copy of it."""
from __future__ import annotations

import contextlib

import os
import shutil

import pytest

import aidkg.builder as builder
import aidkg.ingest as ingest
from aidkg.analysis import entity_graph
from aidkg.exports import PARTS_DIR
from aidkg.store import Store, article_graph_for
from aidkg.viz.load import page_graph

from conftest import EXAMPLES

ARTICLES = ["beijing_lhasa_kindergarten_2024.txt", "hunan_turpan_silicon_2022.txt",
            "tianjin_hotan_jujube_trad_2023.txt", "shanghai_shigatse_greenhouse_2024.md"]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def _stamps(out):
    return {name: (out / name).stat().st_mtime_ns for name in ("graph.ttl", "graph.html")}


def _count_reads(monkeypatch) -> list:
    reads = []
    real = ingest.read_article

    def counting(path, *args, **kwargs):
        reads.append(path)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(ingest, "read_article", counting)
    return reads


def test_noop_rebuild_reads_no_file_and_rewrites_no_output(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = builder.build([corpus], out)
    assert first.ok and first.articles_built == len(ARTICLES)
    before = _stamps(out)
    reads = _count_reads(monkeypatch)
    again = builder.build([corpus], out)
    assert reads == []
    assert again.articles_unchanged == len(ARTICLES) and again.articles_built == 0
    assert _stamps(out) == before
    assert again.entities_by_class == first.entities_by_class
    assert again.relations_by_predicate == first.relations_by_predicate


def test_touched_file_is_read_once_and_changes_nothing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    builder.build([corpus], out)
    before = _stamps(out)
    touched = corpus / ARTICLES[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    reads = _count_reads(monkeypatch)
    report = builder.build([corpus], out)
    assert [p.name for p in reads] == [ARTICLES[0]]
    assert report.articles_unchanged == len(ARTICLES)
    assert _stamps(out) == before
    reads.clear()
    builder.build([corpus], out)
    assert reads == []          # the new mtime is remembered


def test_one_changed_article_is_the_only_one_extracted(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    builder.build([corpus], out)
    before = _stamps(out)
    changed = corpus / ARTICLES[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n湖南省援疆前方指挥部表示，项目将于年底投产。",
                       encoding="utf-8")
    reads = _count_reads(monkeypatch)
    report = builder.build([corpus], out)
    assert [p.name for p in reads] == [ARTICLES[1]]
    assert report.articles_built == 1 and report.articles_unchanged == len(ARTICLES) - 1
    after = _stamps(out)
    assert all(after[k] != before[k] for k in after)


def test_outputs_come_back_after_force_removal_or_deletion(corpus, tmp_path):
    out = tmp_path / "out"
    builder.build([corpus], out)
    (out / "graph.html").unlink()
    builder.build([corpus], out)
    assert (out / "graph.html").exists()
    before = _stamps(out)
    builder.build([corpus], out, force=True)     # same content, extracted again: outputs redone
    forced = _stamps(out)
    assert all(forced[k] != before[k] for k in forced)
    store = Store(out / "store")
    store.remove_article(str(corpus / ARTICLES[2]))
    store.close()
    del store
    builder.build([corpus / ARTICLES[0], corpus / ARTICLES[1], corpus / ARTICLES[3]], out)
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert ARTICLES[2] not in text and ARTICLES[0] in text


def test_page_graph_from_selects_is_the_entity_graph(tmp_path):
    """Read from the store, the page's graph has what analysis.entity_graph finds in the rdflib union."""
    out = tmp_path / "out"
    builder.build([EXAMPLES], out, html=False)
    store = Store(out / "store", read_only=True)
    A = entity_graph(store.union_graph())
    B = page_graph(store, max_entities=None, max_sentences=None)
    assert set(A.nodes) == set(B.nodes) and A.number_of_nodes() > 100
    for n, a in A.nodes(data=True):
        b = B.nodes[n]
        assert b["cls"] == a["cls"] and b["code"] == a["code"] and b["amounts"] == a["amounts"]
        assert b["dates"] == a["dates"] and b["articles"] == a["articles"]
        assert set(b["altLabels"]) == set(a["altLabels"])
        assert set(b["labels"]) == set(a["labels"])   # one label per language; ties differ in order only
        assert sorted(m["sentence"] for m in b.get("mentions", [])) == sorted(m["sentence"] for m in a.get("mentions", []))
    edges_a = {(u, v, k): d["evidence"] for u, v, k, d in A.edges(keys=True, data=True)}
    edges_b = {(u, v, k): d["evidence"] for u, v, k, d in B.edges(keys=True, data=True)}
    assert edges_a == edges_b and len(edges_a) > 50


def test_page_graph_keeps_the_most_connected_entities_and_latest_sentences(tmp_path):
    out = tmp_path / "out"
    builder.build([EXAMPLES], out, html=False)
    store = Store(out / "store", read_only=True)
    full = page_graph(store, max_entities=None, max_sentences=None)
    G = page_graph(store, max_entities=30, max_sentences=1)
    assert G.graph["shown"] == 30 and G.graph["total"] == full.number_of_nodes()
    from collections import Counter
    from aidkg.viz.load import Q_RELATIONS
    degree = Counter()   # ranked by relation triples in the store (a folded pairing counts too)
    for row in store.query(Q_RELATIONS):
        degree[row["s"].value] += 1
        degree[row["o"].value] += 1
    cut = min(degree[n] for n in G)
    assert all(degree[n] <= cut for n in full if n not in G)
    assert G.number_of_edges() > 0
    assert all(u in G and v in G for u, v in G.edges())
    # the latest sentence of each relation (a supports arrow also takes its pairing's sentences)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != "supports":
            assert len(d["evidence"]) <= 1
            if full[u][v][k]["evidence"]:
                assert d["evidence"] == full[u][v][k]["evidence"][-1:]


def test_jobs_2_builds_the_same_store_as_one_process(corpus, tmp_path, monkeypatch):
    """Workers extract, the build process writes (the graph file in a thread beside the pages):
    the same store, graph file, page rows and report as a one-process build."""
    import sqlite3

    import pyoxigraph as ox
    import rdflib
    from rdflib.compare import isomorphic
    from typer.testing import CliRunner

    from aidkg.cli import app
    from aidkg.viz.rows import CACHE_NAME
    one, two = tmp_path / "one", tmp_path / "two"
    first = builder.build([corpus], one)
    assert first.ok
    reports = []
    real = builder.build
    monkeypatch.setattr(builder, "build", lambda *a, **k: reports.append(real(*a, **k)) or reports[-1])
    res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(two), "--jobs", "2"])
    assert res.exit_code == 0, res.output
    assert f"built: {len(ARTICLES)}" in res.output
    second, = reports
    for field in ("articles_built", "entities_by_class", "relations_by_predicate", "violations", "warnings",
                  "errors", "notes", "characters"):
        assert getattr(second, field) == getattr(first, field), field
    assert set(second.outputs) == set(first.outputs)

    def store_quads(out):   # the ontology's lists are blank nodes, numbered anew by each load
        store = ox.Store.read_only(str(out / "store"))
        quads = {str(q) for q in store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}
        del store
        return quads
    assert len(store_quads(one)) > 1000 and store_quads(one) == store_quads(two)
    a = rdflib.Graph().parse(one / "graph.ttl")
    b = rdflib.Graph().parse(two / "graph.ttl")
    assert len(a) > 500 and isomorphic(a, b)

    def page_rows(out):
        with sqlite3.connect(out / CACHE_NAME) as db:
            return {table: sorted(db.execute(f"SELECT * FROM {table}"))
                    for table in ("articles", "evidence", "mentions", "money")}
    assert page_rows(one)["evidence"] and page_rows(one) == page_rows(two)
    for page in builder.PAGES:
        assert (two / page).stat().st_size > 1000
    # the workers made each article's part of the graph file (and its rows, and the loader's text)
    # with the writer's own functions: the same bytes
    assert _files(one / PARTS_DIR) == _files(two / PARTS_DIR) and len(_files(one / PARTS_DIR)) == 2 * len(ARTICLES)

    # the workers read the files: an unreadable one, one touched but the same, one changed, one
    # new -- counted, noted and written as one process does
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    os.utime(corpus / ARTICLES[0], ns=(1, 1))
    with open(corpus / ARTICLES[1], "a", encoding="utf-8") as f:
        f.write("\n项目计划于明年年底全面建成投用。\n")
    shutil.copy(corpus / ARTICLES[2], corpus / "copy.txt")
    again_one = real([corpus], one)
    again_two = real([corpus], two, jobs=2)
    assert again_one.articles_built == 2 and again_one.articles_unchanged == len(ARTICLES) - 1
    assert any("empty.txt" in e for e in again_one.errors)
    for field in ("articles_read", "articles_built", "articles_unchanged", "errors", "notes", "characters",
                  "entities_by_class", "relations_by_predicate", "warnings", "violations"):
        assert getattr(again_two, field) == getattr(again_one, field), field
    assert store_quads(one) == store_quads(two) and page_rows(one) == page_rows(two)


def test_a_worker_graph_sent_as_loader_text_alone_reads_as_the_articles_quads():
    """A --jobs worker sends a new article as the loader's text only (no N-Quads beside it): the
    writer that must replace the article reads every quad, in order, from the text's union lines."""
    import pyoxigraph as ox

    from aidkg.extraction import Outputs, WorkerGraph, _make_for_writer
    from aidkg.graph import article_graph_iri, document_quads
    from aidkg.pipeline import process_text
    doc = process_text("江苏省对口支援阿图什市。恒达纺织在白杨县投资建设纺织产业园。", source="aidkg:test-worker-graph")
    graph = str(article_graph_iri(doc))
    quads = list(document_quads(doc))
    made = _make_for_writer(graph, quads, Outputs(rows=True))
    assert made["loader_text"] is not None
    from_text = WorkerGraph(b"", graph, len(quads), made)
    from_nquads = WorkerGraph(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), graph, len(quads), made)
    assert len(quads) > 20 and list(from_text) == list(from_nquads) == quads
    assert from_text.triples == [(q.subject, q.predicate, q.object) for q in quads]


def _files(folder) -> dict:
    """The articles' files (the ontology's has blank nodes, numbered anew by each store)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith("ontology.")}


def test_jobs_2_writes_the_per_article_files_of_one_process(corpus, tmp_path, monkeypatch):
    """Past the threshold of one graph file, each article's file (made by a --jobs worker) is
    the one a one-process build writes, byte for byte."""
    import aidkg.exports
    monkeypatch.setattr(aidkg.exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    one, two = tmp_path / "one", tmp_path / "two"
    assert builder.build([corpus], one, html=False).ok
    assert builder.build([corpus], two, html=False, jobs=2).ok
    files = _files(one / aidkg.exports.SHARD_DIR)
    assert len(files) == len(ARTICLES) and files == _files(two / aidkg.exports.SHARD_DIR)


def test_stats_and_network_export_read_the_store_by_selects(tmp_path, monkeypatch):
    """`aidkg stats` and `export --format graphml` from the store: the same report and network as
    from the rdflib union, without making that copy (Store.union_graph is not called)."""
    import json

    import networkx as nx
    from typer.testing import CliRunner

    from aidkg.analysis import export_network, stats_report
    from aidkg.cli import app
    out = tmp_path / "out"
    builder.build([EXAMPLES], out, html=False)
    store = Store(out / "store", read_only=True)
    expected = stats_report(store.union_graph())
    export_network(store.union_graph(), "graphml", tmp_path / "rdflib.graphml")
    store.close()
    assert expected["articles"] > 5 and expected["entities"] > 100

    def no_copy(self):
        raise AssertionError("the whole store copied into rdflib")
    monkeypatch.setattr(Store, "union_graph", no_copy)
    r = CliRunner().invoke(app, ["stats", "--json", "--store", str(out / "store")])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert got == json.loads(json.dumps(expected, ensure_ascii=False))
    r = CliRunner().invoke(app, ["export", "--format", "graphml", "-o", str(tmp_path / "s.graphml"),
                                 "--store", str(out / "store")])
    assert r.exit_code == 0, r.output
    a, b = nx.read_graphml(tmp_path / "rdflib.graphml"), nx.read_graphml(tmp_path / "s.graphml")
    assert set(a.nodes) == set(b.nodes) and a.number_of_edges() == b.number_of_edges()
    assert {n: d["cls"] for n, d in a.nodes(data=True)} == {n: d["cls"] for n, d in b.nodes(data=True)}


def test_timeline_and_map_from_selects_draw_what_the_rdflib_union_draws(tmp_path):
    """`aidkg viz --view timeline|map` reads the store by SELECTs (aidkg.viz.views.view_graph):
    the same years, pairings, money and places as from an rdflib copy of the store."""
    import json

    from aidkg.viz.views import map_data, timeline_data, view_graph

    out = tmp_path / "out"
    builder.build([EXAMPLES], out, html=False)
    store = Store(out / "store", read_only=True)
    A = entity_graph(store.union_graph())
    B = view_graph(store)

    def canonical(data):   # lists compared as sorted rows: the two graphs list edges in other orders
        if isinstance(data, dict):
            return {k: canonical(v) for k, v in data.items()}
        if isinstance(data, list):
            return sorted((canonical(x) for x in data), key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
        return data
    ta, tb = timeline_data(A), timeline_data(B)
    assert canonical(ta) == canonical(tb) and ta["years"] and any(y["pairings"] for y in ta["years"])
    ma, mb = map_data(A), map_data(B)
    assert len(ma["points"]) > 10 and ma["flows"]
    key = lambda d: {p["name"]: (p["lon"], p["lat"]) for p in d["points"]}  # noqa: E731 -- point indices differ by order
    assert key(ma) == key(mb)
    flows = lambda d: sorted((d["points"][f["from"]]["name"], d["points"][f["to"]]["name"], f["kind"], f["amount"])  # noqa: E731
                             for f in d["flows"])
    assert flows(ma) == flows(mb)


def _files_graph(folder):
    import rdflib
    g = rdflib.Graph()
    for f in sorted(folder.iterdir()):
        g.parse(f, format="turtle")
    return g


def test_past_the_threshold_one_file_per_article_and_only_changed_ones_written(corpus, tmp_path, monkeypatch):
    """Past WHOLE_FILE_MAX_ARTICLES the graph is OUT/graph/<hash>.ttl per article (+ ontology.ttl):
    a rebuild writes the changed article's file alone, a removed article's file goes, and the files
    together are the graph of a clean build of the same articles."""
    import rdflib
    from rdflib.compare import isomorphic

    import aidkg.exports as exports
    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    out = tmp_path / "out"
    assert builder.build([corpus], out, html=False).ok
    folder = out / "graph"
    assert not (out / "graph.ttl").exists()
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(ARTICLES) + 1 and "ontology.ttl" in names
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}

    changed = corpus / ARTICLES[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n湖南省援疆前方指挥部表示，项目将于年底投产。",
                       encoding="utf-8")
    report = builder.build([corpus], out, html=False)
    assert report.articles_built == 1
    after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert set(after) == set(stamps)
    assert [n for n in after if after[n] != stamps[n]] == [exports.shard_name(
        article_graph_for(str(changed)), "ttl")]

    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 10**6)
    clean = tmp_path / "clean"
    assert builder.build([corpus], clean, html=False).ok
    assert isomorphic(_files_graph(folder), rdflib.Graph().parse(clean / "graph.ttl"))

    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    store = Store(out / "store")
    store.remove_article(str(corpus / ARTICLES[2]))
    store.close()
    del store
    builder.build([corpus / n for n in ARTICLES if n != ARTICLES[2]], out, html=False)
    assert len(list(folder.iterdir())) == len(ARTICLES)
    assert not (folder / exports.shard_name(article_graph_for(str(corpus / ARTICLES[2])), "ttl")).exists()
    assert ARTICLES[2] not in "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())

    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 10**6)   # small again: one file, no folder
    builder.build([corpus / n for n in ARTICLES if n != ARTICLES[2]], out, html=False)
    assert (out / "graph.ttl").exists() and not folder.exists()


def test_forced_rebuild_writes_every_article_file_again(corpus, tmp_path, monkeypatch):
    import aidkg.exports as exports
    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    out = tmp_path / "out"
    builder.build([corpus], out, html=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "graph").iterdir()}
    builder.build([corpus], out, html=False)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "graph").iterdir()} == stamps
    builder.build([corpus], out, html=False, force=True)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "graph").iterdir()}
    assert all(after[n] != stamps[n] for n in stamps if n != "ontology.ttl")


def test_a_worker_checks_its_batch_against_the_shapes(corpus, monkeypatch):
    """`--jobs N` workers validate their batch (the writer only writes): a graph breaking a shape
    comes back with its violations, the others clean, each graph as N-Quads that parse back whole."""
    import pyoxigraph as ox

    import aidkg.graph
    from aidkg.extraction import _parsed, extract_batch
    from aidkg.vocab import AID

    real = aidkg.graph.document_quads
    amount = ox.NamedNode(str(AID.totalInvestment))

    def broken(doc):   # an extractor bug: a negative amount on every project of one article
        quads = real(doc)
        if doc.meta.source.endswith(ARTICLES[1]):
            projects = {q.subject for q in quads if q.object == ox.NamedNode(str(AID.Project))}
            minus = ox.Literal("-5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
            quads = [q for q in quads if q.predicate != amount] + [
                ox.Quad(p, amount, minus, quads[0].graph_name) for p in projects]
        return quads

    monkeypatch.setattr(aidkg.graph, "document_quads", broken)
    docs = [ingest.read_article(corpus / name) for name in ARTICLES[:3]]
    results = extract_batch(docs, validate=True)
    assert [bool(r.checked.violations) for r in results] == [False, True, False]
    assert all(isinstance(r.quads, bytes) for r in results)
    again = [ingest.read_article(corpus / name) for name in ARTICLES[:1]]
    from aidkg.extraction import extract_article
    assert set(_parsed(results[0]).quads) == set(extract_article(again[0]).quads)


def test_page_rows_kept_per_article_give_the_page_of_a_clean_build(corpus, tmp_path, monkeypatch):
    """The page's sentences and money are kept per article beside the outputs (aidkg.viz.rows) and
    read again only for changed articles: after a change and a removal the page graph is the one
    the SELECTs over the whole store give, and the one of a clean build of the same articles."""
    from aidkg.viz.rows import CACHE_NAME, PageRows
    from aidkg.viz.views import store_money

    out = tmp_path / "out"
    assert builder.build([corpus], out).ok
    assert (out / CACHE_NAME).exists()
    import sqlite3   # written without the latest-row indexes into the empty file, then indexed once
    with contextlib.closing(sqlite3.connect(out / CACHE_NAME)) as db:
        assert {"evidence_latest", "mentions_latest"} <= {
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    changed = corpus / ARTICLES[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n湖南省援疆前方指挥部表示，项目将于年底投产。",
                       encoding="utf-8")
    store = Store(out / "store")
    store.remove_article(str(corpus / ARTICLES[2]))
    store.close()
    del store
    kept = [corpus / n for n in ARTICLES if n != ARTICLES[2]]
    assert builder.build(kept, out).articles_built == 1

    def compare(A, B):
        assert set(A.nodes) == set(B.nodes) and A.number_of_nodes() > 20
        for n in A:
            assert A.nodes[n] == B.nodes[n], n
        ea = {(u, v, k): d["evidence"] for u, v, k, d in A.edges(keys=True, data=True)}
        eb = {(u, v, k): d["evidence"] for u, v, k, d in B.edges(keys=True, data=True)}
        assert ea == eb and len(ea) > 10
    store = Store(out / "store", read_only=True)
    rows = PageRows(out)
    assert rows.update(store) == {"read": 0, "removed": 0}     # the build left them up to date
    with_rows = page_graph(store, rows=rows, max_sentences=2)
    compare(with_rows, page_graph(store, max_sentences=2))
    assert list(store_money(store, rows)) == store_money(store) and store_money(store)
    g = article_graph_for(str(changed))
    assert rows.db.execute("SELECT hash FROM articles WHERE graph = ?", (g,)).fetchone()[0] == \
        store.article_hashes()[g]
    rows.close()
    import aidkg.viz.rows as viz_rows
    for whole_from in (100, 0):   # read again from the store: per article, and all at once
        viz_rows.remove(out)
        monkeypatch.setattr(viz_rows, "WHOLE_READ_FROM", whole_from)
        rows = PageRows(out)
        assert rows.update(store)["read"] == len(kept)
        compare(page_graph(store, rows=rows, max_sentences=2), with_rows)
        assert list(store_money(store, rows)) == store_money(store)
        rows.close()
    clean = tmp_path / "clean"
    assert builder.build(kept, clean).ok
    clean_store = Store(clean / "store", read_only=True)
    rows = PageRows(clean)
    compare(with_rows, page_graph(clean_store, rows=rows, max_sentences=2))
    rows.close()


def test_summary_counts_are_those_of_distinct_statements(tmp_path):
    """The build's summary counts relation triples of the union (fast), which must be the distinct
    (subject, predicate, object) of the statements; and entities by class as mentioned ones."""
    out = tmp_path / "out"
    report = builder.build([EXAMPLES], out, html=False)
    store = Store(out / "store", read_only=True)
    old_entities = """SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c ; aid:mentionedIn ?a . } GROUP BY ?c"""
    old_relations = """SELECT ?p (COUNT(*) AS ?n) WHERE {
      SELECT DISTINCT ?s ?p ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }
    GROUP BY ?p"""
    short = lambda q: {r[0].value.rsplit("#", 1)[-1]: int(r[1].value) for r in store.query(q)}  # noqa: E731
    assert dict(report.entities_by_class) == short(old_entities) and len(report.entities_by_class) > 5
    assert dict(report.relations_by_predicate) == short(old_relations) and len(report.relations_by_predicate) > 5


def test_a_build_killed_after_writing_the_store_is_made_up_for(corpus, tmp_path, monkeypatch):
    """An article the store took without the build's outputs hearing of it (a build killed between
    the two) has its graph file and page rows made again by the next build, from the store."""
    import rdflib
    from rdflib.compare import isomorphic

    import aidkg.exports as exports
    from aidkg.graph import document_quads
    from aidkg.pipeline import process_file
    from aidkg.viz.rows import PageRows

    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    out = tmp_path / "out"
    assert builder.build([corpus], out).ok
    changed = corpus / ARTICLES[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n湖南省援疆前方指挥部表示，项目将于年底投产。",
                       encoding="utf-8")
    doc = process_file(changed)
    store = Store(out / "store")             # no listeners: what a killed build leaves
    store.replace_article(article_graph_for(str(changed)), document_quads(doc))
    store.close()
    del store
    report = builder.build([corpus], out)
    assert report.articles_built == 0 and report.articles_unchanged == len(ARTICLES)
    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 10**6)
    clean = tmp_path / "clean"
    assert builder.build([corpus], clean).ok
    assert isomorphic(_files_graph(out / "graph"), rdflib.Graph().parse(clean / "graph.ttl"))
    store = Store(out / "store", read_only=True)
    rows = PageRows(out)
    assert rows.update(store) == {"read": 0, "removed": 0}
    mine = page_graph(store, rows=rows)
    theirs = page_graph(Store(clean / "store", read_only=True))
    assert {(u, v, k): d["evidence"] for u, v, k, d in mine.edges(keys=True, data=True)} == \
        {(u, v, k): d["evidence"] for u, v, k, d in theirs.edges(keys=True, data=True)}
    rows.close()


def _page_sets(out):
    """graph.html's nodes (IRI, label, class) and edges (from IRI, to IRI, relation, evidence
    sentences), and the data blocks of timeline.html and map.html, as a clean build would compare."""
    import json
    import re
    page = (out / "graph.html").read_text(encoding="utf-8")
    block = lambda name: json.loads(re.search(  # noqa: E731
        rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)[1])
    side, details = block("aidkg-graph"), block("aidkg-details")
    iris = [i["iri"] for i in details["info"]]
    classes = [c["name"] for c in side["classes"]]
    rels = [r["name"] for r in side["relations"]]
    nodes = {(iris[i], n["label"], classes[n["c"]]) for i, n in enumerate(side["nodes"])}
    edges = {(iris[e["from"]], iris[e["to"]], rels[e["r"]], tuple(sorted(x["s"] for x in ev)))
             for e, ev in zip(side["edges"], details["evidence"])}
    views = {name: re.findall(r'<script type="application/json"[^>]*>(.*?)</script>',
                              (out / name).read_text(encoding="utf-8"), re.S)
             for name in ("timeline.html", "map.html")}
    return nodes, edges, views


def test_one_changed_article_gives_the_pages_and_files_of_a_clean_build(corpus, tmp_path, monkeypatch):
    """A rebuild after one changed article: the graph files (one per article) and the pages' nodes,
    edges, sentences and view data equal a clean build's of the same articles -- when the change
    shows on the pages (they are written again) and when it does not (they are left as they are)."""
    import rdflib
    from rdflib.compare import isomorphic

    import aidkg.exports as exports
    monkeypatch.setattr(exports, "WHOLE_FILE_MAX_ARTICLES", 2)
    out = tmp_path / "out"
    assert builder.build([corpus], out).ok
    changed = corpus / ARTICLES[1]
    for n, extra in enumerate(["\n湖南省援疆前方指挥部表示，恒达纺织产业园项目位于白杨县。",   # a new project, placed
                               "\n项目计划于明年年底全面建成投用。"]):                        # nothing the pages show
        stamps = {name: (out / name).stat().st_mtime_ns for name in ("graph.html", "timeline.html", "map.html")}
        changed.write_text(changed.read_text(encoding="utf-8") + extra, encoding="utf-8")
        report = builder.build([corpus], out)
        assert report.ok and report.articles_built == 1
        clean = tmp_path / f"clean{n}"
        assert builder.build([corpus], clean).ok
        assert isomorphic(_files_graph(out / "graph"), _files_graph(clean / "graph"))
        nodes, edges, views = _page_sets(out)
        assert (nodes, edges, views) == _page_sets(clean)
        assert len(nodes) > 20 and len(edges) > 10
        after = {name: (out / name).stat().st_mtime_ns for name in stamps}
        if n == 0:
            assert any("恒达纺织产业园" in label for _, label, _ in nodes)
            assert all(after[k] != stamps[k] for k in stamps)
        else:
            assert after == stamps
    (out / "map.html").unlink()                  # a page deleted: made again, nothing else changed
    again = builder.build([corpus], out)
    assert again.articles_built == 0 and (out / "map.html").exists()
    assert _page_sets(out) == _page_sets(clean)


def test_a_build_that_lets_go_of_the_tagger_makes_the_same_outputs(corpus, tmp_path, monkeypatch):
    """A big build drops the tagger's model before making its outputs (the end of a build is where
    its memory peaks): its pages and graph equal those of a build that kept it, and a later build in
    the same process loads the model again and extracts the same. The money flows the pages read
    from the rows file give the same list each time they are iterated."""
    from rdflib.compare import isomorphic

    from aidkg import tagger
    from aidkg.viz.rows import PageRows
    from aidkg.viz.views import store_money

    monkeypatch.setattr(builder, "RELEASE_MODELS_FROM", 1)
    released = tmp_path / "released"
    assert builder.build([corpus], released).ok
    assert tagger._lac.cache_info().currsize == 0
    monkeypatch.setattr(builder, "RELEASE_MODELS_FROM", 10_000)
    kept = tmp_path / "kept"
    assert builder.build([corpus], kept).ok
    assert tagger._lac.cache_info().currsize == 1
    assert _page_sets(released) == _page_sets(kept)
    assert isomorphic(rdflib_graph(released / "graph.ttl"), rdflib_graph(kept / "graph.ttl"))
    store = Store(released / "store", read_only=True)
    rows = PageRows(released)
    flows = store_money(store, rows)
    assert list(flows) == list(flows) == store_money(store) and len(store_money(store)) >= 2
    rows.close()


def rdflib_graph(path):
    import rdflib
    return rdflib.Graph().parse(path, format="turtle")


def test_jobs_2_rebuild_with_nothing_changed_starts_no_worker(corpus, tmp_path, monkeypatch):
    """Workers start before the store opens only for a new store; a rebuild that extracts nothing
    starts none (a no-op rebuild stays a second)."""
    import concurrent.futures.process as cfp

    from aidkg import builder
    out = tmp_path / "out"
    assert builder.build([corpus], out, html=False, jobs=2).ok
    started = []
    real = cfp.ProcessPoolExecutor._adjust_process_count
    monkeypatch.setattr(cfp.ProcessPoolExecutor, "_adjust_process_count",
                        lambda self: (started.append(1), real(self))[1])
    report = builder.build([corpus], out, html=False, jobs=2)
    assert report.ok and report.articles_built == 0
    assert not started
