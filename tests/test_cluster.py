"""`aidkg build --cluster` on a real local Dask cluster (2 worker processes) and `aidkg push --bulk`
into a real Virtuoso: the shards hold what the embedded store holds, the bulk-loaded union is the
embedded store's union, and every named query answers the same from both.

Corpus: variants of the invented examples/ articles, made by bench/scale.py's generator."""
from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from aidkg import query_library as ql
from aidkg.builder import build
from aidkg.cli import app
from aidkg.cluster import ONTOLOGY_SHARD, build_shards, read_shard, shard_file
from aidkg.store import UNION_GRAPH, Store

import virtuoso_server
from test_push_virtuoso import PARAMS, embedded_rows, rows_of

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 16   # two variants of each example article


def _scale():
    spec = importlib.util.spec_from_file_location("bench_scale_for_cluster", ROOT / "bench" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cluster")
    _scale().make_corpus(ARTICLES, tmp / "corpus")
    return tmp


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.WARNING) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def embedded(work):
    """The same corpus built the usual way, in this process."""
    report = build([work / "corpus"], work / "plain", html=False)
    assert report.ok and report.articles_built == ARTICLES
    return work / "plain" / "store"


@pytest.fixture(scope="module")
def clustered(work, client):
    report = build([work / "corpus"], work / "cl", html=False, cluster=client)
    return report


def union(store_dir: Path) -> set:
    """The store's union without the ontology's blank nodes (their labels differ per parse)."""
    store = Store(store_dir, read_only=True)
    try:
        return {q for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    finally:
        store.close()


def test_cluster_build_writes_one_shard_per_article_and_the_same_store(clustered, embedded, work):
    assert clustered.ok, clustered.errors + clustered.violations
    assert clustered.articles_built == ARTICLES
    shards = sorted(p.name for p in (work / "cl" / "shards").iterdir() if p.suffix == ".nq")
    assert len(shards) == ARTICLES + 1 and ONTOLOGY_SHARD in shards
    assert union(work / "cl" / "store") == union(embedded)
    # each shard is the article's whole graph, as the embedded store gives it (push, exports)
    store = Store(embedded, read_only=True)
    try:
        graphs = [g for g in store.graphs() if "/graph/article/" in g]
        assert len(graphs) == ARTICLES
        for g in graphs:
            assert set(read_shard(shard_file(work / "cl" / "shards", g))) == set(store.graph_quads(g))
    finally:
        store.close()
    # the summary is the store's, as for any build
    assert clustered.entities_by_class and clustered.relations_by_predicate["pairedWith"] > 0


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, work):
    why = virtuoso_server.available()
    if why:
        pytest.skip(why)
    # configured as the README says for a graph per article: no refusal on Virtuoso's cost estimate
    server = virtuoso_server.Virtuoso(tmp_path_factory.mktemp("virtuoso-bulk"),
                                      sparql={"MaxQueryCostEstimationTime": 0},
                                      dirs_allowed=[(work / "cl" / "shards").resolve()])
    server.start()
    try:
        yield server
    finally:
        server.stop()


def push_bulk_cli(virtuoso, shards: Path, *extra) -> str:
    result = CliRunner().invoke(app, ["push", "--bulk", "--shards", str(shards), "--isql", virtuoso.isql,
                                      "--user", "dba", "--password", "dba", *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def bulk_loaded(clustered, virtuoso, work):
    out = push_bulk_cli(virtuoso, work / "cl" / "shards", "--loaders", "2")
    assert f"loaded {ARTICLES + 1} shard(s)" in out
    return out


def union_count(virtuoso) -> int:
    doc = virtuoso.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }}")
    return int(doc["results"]["bindings"][0]["n"]["value"])


@pytest.mark.virtuoso
def test_bulk_load_gives_the_embedded_union(bulk_loaded, virtuoso, embedded, work):
    store = Store(embedded, read_only=True)
    try:
        size = store.union_size()
    finally:
        store.close()
    assert f"graph/union holds {size} triples" in bulk_loaded
    assert "MaxQueryCostEstimationTime" not in bulk_loaded   # set to 0 here: no note
    assert union_count(virtuoso) == size
    # a second push finds nothing to load and leaves the union as it is
    again = push_bulk_cli(virtuoso, work / "cl" / "shards")
    assert f"loaded 0 shard(s) ({ARTICLES + 1} unchanged" in again
    assert union_count(virtuoso) == size


def named_cases():
    for name in ql.all_queries():
        for values in PARAMS.get(name, [{}]):
            yield pytest.param(name, values, id=f"{name}{'-' + '-'.join(values.values()) if values else ''}")


@pytest.mark.virtuoso
@pytest.mark.parametrize("name,values", list(named_cases()))
def test_named_query_same_answer_after_bulk_load(bulk_loaded, virtuoso, embedded, name, values):
    sparql = ql.get(name).render(values)
    store = Store(embedded, read_only=True)
    try:
        variables, expected = embedded_rows(store, sparql)
    finally:
        store.close()
    assert expected, f"{name} answers nothing on the generated corpus: the comparison would prove nothing"
    doc = virtuoso.query(sparql, default_graph=UNION_GRAPH)
    assert doc["head"]["vars"] == variables
    assert rows_of(doc) == expected


@pytest.mark.virtuoso
def test_one_changed_article_is_extracted_and_bulk_loaded_alone(bulk_loaded, virtuoso, client, work, embedded):
    shards = work / "cl" / "shards"
    before = {p.name: p.stat().st_mtime_ns for p in shards.iterdir() if p.suffix == ".nq"}
    again = build([work / "corpus"], work / "cl", html=False, cluster=client)
    assert (again.articles_built, again.articles_unchanged) == (0, ARTICLES)
    changed = sorted((work / "corpus").iterdir())[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("项目", "工程", 1) +
                       "\n白杨县人民政府与青禾纺织有限公司签订合作协议。\n", encoding="utf-8")
    report = build([work / "corpus"], work / "cl", html=False, cluster=client)
    assert report.ok and (report.articles_built, report.articles_unchanged) == (1, ARTICLES - 1)
    after = {p.name: p.stat().st_mtime_ns for p in shards.iterdir() if p.suffix == ".nq"}
    assert [n for n in after if after[n] != before[n]] == [shard_file(shards, _graph_of(changed)).name]
    # the embedded build of the changed corpus is what the bulk-loaded server must now answer
    plain = build([work / "corpus"], work / "plain", html=False)
    assert plain.articles_built == 1
    out = push_bulk_cli(virtuoso, shards)
    assert f"loaded 1 shard(s) ({ARTICLES} unchanged" in out
    store = Store(embedded, read_only=True)
    try:
        assert union_count(virtuoso) == store.union_size()
        for name in ("paired-with", "investments", "articles"):
            sparql = ql.get(name).render({})
            variables, expected = embedded_rows(store, sparql)
            assert rows_of(virtuoso.query(sparql, default_graph=UNION_GRAPH)) == expected
    finally:
        store.close()
    assert union(work / "cl" / "store") == union(embedded)


def _graph_of(path: Path) -> str:
    from aidkg.store import article_graph_for
    return article_graph_for(str(path))


def test_shards_only_from_the_command_line_reports_a_bad_file(client, work, tmp_path):
    corpus = tmp_path / "few"
    corpus.mkdir()
    for src in sorted((work / "corpus").iterdir())[:2]:
        (corpus / src.name).write_bytes(src.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 200)   # binary: not an article
    shards = tmp_path / "shards"
    result = CliRunner().invoke(app, ["build", str(corpus), "--cluster", client.scheduler.address,
                                      "--shards-only", "--shards", str(shards), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "broken.txt" in result.output and "built: 2" in result.output
    assert len([p for p in shards.iterdir() if p.suffix == ".nq"]) == 3     # two articles and the ontology
    assert not (tmp_path / "out" / "store").exists()
    # shards only, from Python: nothing left to do
    report = build_shards([corpus / n for n in os.listdir(corpus) if n != "broken.txt"], shards, client)
    assert report.ok and (report.articles_built, report.articles_unchanged) == (0, 2)


def test_unreachable_scheduler_is_one_line(monkeypatch, work, tmp_path):
    from aidkg import cluster
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    result = CliRunner().invoke(app, ["build", str(work / "corpus"), "--cluster", "tcp://127.0.0.1:9",
                                      "-o", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_bulk_push_without_isql_is_a_clear_error(tmp_path):
    from aidkg.bulk import BulkError, Isql, push_bulk
    (tmp_path / "0123456789abcdef.nq").write_text("", encoding="utf-8")
    with pytest.raises(BulkError, match="cannot run"):
        push_bulk(tmp_path, Isql("127.0.0.1:1", "dba", "dba", command=str(tmp_path / "no-isql")))
