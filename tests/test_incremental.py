"""Rebuilds cost what changed: unchanged files are not read, unchanged stores not exported or drawn,
and the page is read from the store with SELECTs (bounded), not from an rdflib copy of it."""
from __future__ import annotations

import os
import shutil

import pytest

import aidkg.builder as builder
import aidkg.ingest as ingest
from aidkg.analysis import entity_graph
from aidkg.store import Store
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


def test_jobs_2_builds_the_same_store_as_one_process(corpus, tmp_path):
    """Workers extract, the build process writes: the same graph as a one-process build."""
    import rdflib
    from typer.testing import CliRunner
    from aidkg.cli import app
    one, two = tmp_path / "one", tmp_path / "two"
    assert builder.build([corpus], one, html=False).ok
    res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(two), "--no-html", "--jobs", "2"])
    assert res.exit_code == 0, res.output
    assert f"built: {len(ARTICLES)}" in res.output
    a = rdflib.Graph().parse(one / "graph.ttl")
    b = rdflib.Graph().parse(two / "graph.ttl")
    from rdflib.compare import isomorphic
    assert len(a) > 500 and isomorphic(a, b)   # the ontology's lists are blank nodes


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
