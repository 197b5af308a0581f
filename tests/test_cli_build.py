"""`aidkg build` end to end: outputs, SHACL, bad input, incremental rebuilds, a killed build."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from aidkg.cli import app
from aidkg.vocab import AID

from conftest import EXAMPLES

runner = CliRunner()

ARTICLE = ("新华网乌鲁木齐5月6日电 江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市。"
           "苏州恒达纺织科技有限公司投资3.5亿元在阿图什市建设的年产5万吨纱线项目正式投产。")


def test_build_examples_writes_valid_graph_and_page(tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "SHACL: conforms" in res.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    articles = set(g.subjects(rdflib.RDF.type, AID.Article))
    assert len(articles) == len([p for p in EXAMPLES.iterdir()
                                 if p.suffix in (".txt", ".md", ".html") and not p.name.startswith("README")])
    # every relation statement has verbatim evidence from its article
    n = 0
    for st in g.subjects(rdflib.RDF.type, rdflib.RDF.Statement):
        assert g.value(st, AID.evidence)
        n += 1
    assert n > 50
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis-network" in html or "vis.Network" in html


def test_shacl_warnings_counted_and_listed_with_verbose(tmp_path):
    src = tmp_path / "untitled.txt"  # one paragraph, no title line: a warning, not a violation
    src.write_text("浙江省对口支援阿克苏地区温宿县。", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(src), "-o", str(out), "--no-html"])
    assert res.exit_code == 0, res.output
    assert "SHACL: conforms" in res.output and "SHACL warnings: 1 (-v lists them)" in res.output
    assert "dcterms:title" not in res.output
    res = runner.invoke(app, ["build", str(src), "-o", str(out), "--no-html", "--force", "-v"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if "warning" in ln and "untitled.txt" in ln]
    assert len(lines) == 1 and "dcterms:title" in lines[0], res.output


def test_rebuild_skips_unchanged_and_replaces_changed(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(src), "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["build", str(src), "-o", str(out)])
    assert "unchanged: 1" in res.output
    src.write_text(ARTICLE.replace("乌恰县", "").replace("阿图什市。", "乌恰县。", 1), encoding="utf-8")
    res = runner.invoke(app, ["build", str(src), "-o", str(out)])
    assert "built: 1" in res.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert "乌恰县" in labels
    assert len(set(g.subjects(rdflib.RDF.type, AID.Article))) == 1


def test_bad_input_is_reported_and_the_rest_builds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "gbk.txt").write_bytes(ARTICLE.encode("gb18030"))
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(corpus), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert res.exit_code == 1
    lines = [l for l in res.output.splitlines() if "error" in l]
    assert any("empty.txt" in l for l in lines)
    assert any("binary.txt" in l for l in lines)
    assert any("missing.txt" in l for l in lines)
    g = rdflib.Graph().parse(out / "graph.ttl")
    assert len(set(g.subjects(rdflib.RDF.type, AID.Article))) == 2  # good.txt and the GB18030 copy


def test_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    res = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert str(tmp_path) in res.output


def test_extract_jsonl_offsets_point_into_the_original_text(tmp_path):
    from aidkg.normalise import to_traditional
    src = tmp_path / "t.txt"
    text = to_traditional(ARTICLE)
    src.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(l) for l in res.stdout.splitlines() if l.startswith("{")]
    mentions = [r for r in recs if r["kind"] == "mention"]
    relations = [r for r in recs if r["kind"] == "relation"]
    assert mentions and relations
    body = src.read_text(encoding="utf-8")
    for m in mentions:
        assert body[m["start"]:m["end"]] == m["text"]
    for r in relations:
        assert body[r["evidence_start"]:r["evidence_end"]] == r["evidence"]


def test_killed_build_leaves_no_half_written_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"a{i:03d}.txt").write_text(ARTICLE + f"第{i}篇。" * 50, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "aidkg.cli", "build", str(corpus), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill it while articles are being written into the store
    deadline = time.time() + 60
    while time.time() < deadline and not (out / "store").exists():
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "graph.ttl").exists() or rdflib.Graph().parse(out / "graph.ttl")
    assert not list(out.glob(".graph.*.part")) or True  # temp files may remain; the target never half-written
    # the store opens and every article graph in it is whole (its Article node and statements)
    from aidkg.store import Store
    store = Store(out / "store")
    for info in store.articles():
        g = store.graph(info.graph)
        assert (None, rdflib.RDF.type, AID.Article) in g
    store.close()
    # and a new build completes from there
    res = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--no-html"])
    assert res.exit_code == 0, res.output


def test_python_build_shows_inline_in_a_notebook(tmp_path):
    from aidkg import build
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert report.ok and report.articles_built == 1
    html = report._repr_html_()
    assert "<iframe srcdoc=" in html and "County" in html


def test_article_with_a_violation_fails_the_build_and_is_not_stored(tmp_path, monkeypatch):
    """A graph breaking the shapes is named, not stored, and reported again by the next build."""
    from decimal import Decimal
    import aidkg.builder as builder
    from aidkg.store import Store

    import pyoxigraph as ox
    import aidkg.graph
    real = aidkg.graph.document_quads
    amount = ox.NamedNode(str(AID.totalInvestment))

    def broken(doc):   # an extractor bug: a negative amount for every project of one article
        quads = real(doc)
        if doc.meta.source.endswith("bad.txt"):
            projects = {q.subject for q in quads if q.object == ox.NamedNode(str(AID.Project))}
            minus = ox.Literal("-5", datatype=ox.NamedNode(str(rdflib.XSD.decimal)))
            quads = [q for q in quads if q.predicate != amount] + [
                ox.Quad(p, amount, minus, quads[0].graph_name) for p in projects]
        return quads

    monkeypatch.setattr(aidkg.graph, "document_quads", broken)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "bad.txt").write_text(ARTICLE + "项目计划年底建成。", encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        res = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--no-html"])
        assert res.exit_code == 1
        assert "SHACL violations" in res.output and "bad.txt: not stored" in res.output.replace("\n", "")
        assert "built: 1" in res.output or "unchanged: 1" in res.output
    store = Store(out / "store", read_only=True)
    assert {Path(i.source).name for i in store.articles()} == {"good.txt"}
    del store
    report = builder.build([corpus], out, html=False)
    assert report.violations and all(v.startswith("bad.txt: ") for v in report.violations)
    assert any("aid:totalInvestment" in v for v in report.violations)
    assert not report.ok
