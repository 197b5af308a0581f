"""The build's one graph file (below the per-article threshold) is joined from per-article parts
written from the quads in hand (aidkg.exports): it must hold exactly what the store's own export
holds -- after a first build, a rebuild after one changed article, a removal and corrections."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from aidkg import build
from aidkg.exports import PARTS_DIR
from aidkg.formats import EXPORT_FORMATS
from aidkg.store import Store

from conftest import EXAMPLES

ARTICLES = ["beijing_lhasa_kindergarten_2024.txt", "hunan_turpan_silicon_2022.txt",
            "tianjin_hotan_jujube_trad_2023.txt", "shanghai_shigatse_greenhouse_2024.md"]


def _terms(path) -> set[str]:
    """The file's triples or quads (blank nodes, the ontology's OWL lists, as one name)."""
    out = set()
    for q in ox.parse(path=str(path), format=EXPORT_FORMATS[path.suffix.lstrip(".")]):
        terms = [q.subject, q.predicate, q.object] + ([q.graph_name] if isinstance(q, ox.Quad) else [])
        out.add(" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in terms))
    return out


def _count(path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=EXPORT_FORMATS[path.suffix.lstrip(".")]))


def _exported(out, fmt, tmp_path) -> set[str]:
    store = Store(out / "store", read_only=True)
    try:
        return _terms(store.export(fmt, tmp_path / f"exported.{fmt}"))
    finally:
        store.close()


def _same_count_as_export(graph, tmp_path) -> bool:
    """As many triples (or quads) in the file as in the store's export: each once."""
    return _count(graph) == _count(tmp_path / f"exported{graph.suffix}")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq"])
def test_the_joined_graph_file_is_the_store_export(tmp_path, fmt):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ARTICLES:
        shutil.copy(EXAMPLES / name, corpus / name)
    out = tmp_path / "out"
    assert build([corpus], out, fmt=fmt, html=False).ok
    graph = out / f"graph.{fmt}"
    first = _terms(graph)
    assert len(first) > 500 and first == _exported(out, fmt, tmp_path)
    if fmt == "ttl":     # (another parser than Oxigraph's reads it too)
        import rdflib
        assert len(rdflib.Graph().parse(graph, format="turtle")) == _count(graph)
    assert len(list((out / PARTS_DIR).glob(f"*.{fmt}"))) == len(ARTICLES) + 1     # + the ontology's part
    # the triples of the union once each (a triple two articles state, too)
    assert _same_count_as_export(graph, tmp_path)
    if fmt == "ttl":
        assert graph.read_text(encoding="utf-8").startswith("@prefix")

    changed = corpus / ARTICLES[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n湖南省援疆前方指挥部表示，恒达纺织产业园项目位于白杨县。",
                       encoding="utf-8")
    assert build([corpus], out, fmt=fmt, html=False).articles_built == 1
    after = _terms(graph)
    assert after != first and after == _exported(out, fmt, tmp_path)
    clean = tmp_path / "clean"
    assert build([corpus], clean, fmt=fmt, html=False).ok
    assert after == _terms(clean / f"graph.{fmt}")

    store = Store(out / "store")
    store.remove_article(str(corpus / ARTICLES[2]))
    store.close()
    del store
    build([corpus / n for n in ARTICLES if n != ARTICLES[2]], out, fmt=fmt, html=False)
    removed = _terms(graph)
    assert removed < after and removed == _exported(out, fmt, tmp_path)
    assert len(list((out / PARTS_DIR).glob(f"*.{fmt}"))) == len(ARTICLES)
    assert _same_count_as_export(graph, tmp_path)

    shutil.rmtree(out / PARTS_DIR)        # the parts are a cache: made again from the store
    changed.write_text(changed.read_text(encoding="utf-8") + "\n项目计划于明年年底全面建成投用。", encoding="utf-8")
    build([corpus / n for n in ARTICLES if n != ARTICLES[2]], out, fmt=fmt, html=False)
    assert _terms(graph) == _exported(out, fmt, tmp_path)


def test_a_format_not_joined_is_the_export_and_leaves_no_parts(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / ARTICLES[0], corpus / ARTICLES[0])
    out = tmp_path / "out"
    assert build([corpus], out, html=False).ok
    assert (out / PARTS_DIR).is_dir()
    assert build([corpus], out, fmt="jsonld", html=False).ok
    assert not (out / PARTS_DIR).exists() and (out / "graph.jsonld").stat().st_size > 1000


def test_corrected_articles_are_in_the_joined_file_as_corrected(tmp_path):
    from test_corrections import corpus
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    assert build([folder], out, html=False).ok
    joined = _terms(out / "graph.ttl")
    assert joined == _exported(out, "ttl", tmp_path)
    assert any("白杨县工商业联合会" in t for t in joined) and any("curation" in t for t in joined)


def test_a_part_with_nothing_shared_joins_into_valid_turtle(tmp_path):
    """An article graph whose triples are all about its own nodes (an article in which nothing was
    found) has an empty shared part; the joined file is still Turtle any parser reads."""
    import rdflib

    from aidkg.exports import OTHER_SHARD, _join, _write
    folder = tmp_path / PARTS_DIR
    folder.mkdir()
    g = ox.NamedNode("https://w3id.org/aidkg/graph/article/00000000000000aa")
    art = ox.NamedNode("https://w3id.org/aidkg/id/article/00000000000000aa")
    own = [ox.Quad(art, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("标题"), g)]
    shared = [ox.Quad(ox.NamedNode("https://w3id.org/aidkg/id/org/0123456789ab"),
                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("恒达纺织", language="zh-Hans"), g)]
    _write(folder / "00000000000000aa.ttl", own, "ttl")
    _write(folder / "00000000000000bb.ttl", [ox.Quad(q.subject, q.predicate, q.object,
           ox.NamedNode("https://w3id.org/aidkg/graph/article/00000000000000bb")) for q in own + shared], "ttl")
    _write(folder / f"{OTHER_SHARD}.ttl", [], "ttl")
    assert (folder / "00000000000000aa.shared").read_bytes() == b""
    _join(folder, [f"{OTHER_SHARD}.ttl", "00000000000000aa.ttl", "00000000000000bb.ttl"], tmp_path / "graph.ttl")
    assert len(rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")) == 2


def test_a_build_killed_before_its_spool_is_loaded_leaves_no_trace(tmp_path, monkeypatch):
    """A build spools its new articles and loads them in bursts (aidkg.store.Store.spool_new); the
    graph file's parts and the page rows are written as each article is spooled. A build that dies
    before the load leaves the store without those articles, and the next build's outputs are a
    clean build's: no part of an article the store does not hold, the spool file gone."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ARTICLES:
        shutil.copy(EXAMPLES / name, corpus / name)
    out = tmp_path / "out"
    assert build([corpus / ARTICLES[0]], out).ok

    def killed(self):
        raise RuntimeError("killed before the load")
    monkeypatch.setattr(Store, "load_spooled", killed)
    with pytest.raises(RuntimeError):
        build([corpus], out)
    monkeypatch.undo()
    assert len(list((out / PARTS_DIR).glob("*.ttl"))) == len(ARTICLES) + 1    # written when spooled
    assert list((out / "store").glob("aidkg-spool-*"))                       # left by the dead build
    import gc
    gc.collect()             # (the dead build's store, held by its traceback, lets go of RocksDB)

    kept = [corpus / n for n in ARTICLES[:3]]                 # the last article's part must go
    report = build(kept, out)
    assert report.ok and report.articles_built == 2
    assert not list((out / "store").glob("aidkg-spool-*"))
    graph = out / "graph.ttl"
    assert _terms(graph) == _exported(out, "ttl", tmp_path)
    assert len(list((out / PARTS_DIR).glob("*.ttl"))) == len(kept) + 1
    clean = tmp_path / "clean"
    assert build(kept, clean).ok
    assert _terms(graph) == _terms(clean / "graph.ttl")
    from aidkg.viz.rows import PageRows
    rows = [PageRows(o) for o in (out, clean)]
    try:
        assert rows[0].articles() == rows[1].articles() and len(rows[0].articles()) == 3
        assert sorted(rows[0].latest_evidence(5)) == sorted(rows[1].latest_evidence(5))
        assert sorted(rows[0].latest_mentions(5)) == sorted(rows[1].latest_mentions(5))
    finally:
        for r in rows:
            r.close()
