"""corrections.yaml beside the corpus: read, applied at build, kept through rebuilds, used by eval.

Articles and names are invented here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from aidkg import corrections as fixes
from aidkg.builder import build
from aidkg.store import Store
from aidkg.vocab import AID, ID

ARTICLE_A = "浙江省对口支援阿克苏地区。杭州青松科技有限公司投资5亿元在温宿县建设青松光伏电站项目。"
ARTICLE_B = "青松科技公司在温宿县建设青松光伏电站项目，白杨商会在温宿县举办了推介会。"
FIXES = """# corrections for the test corpus
- {merge: 青松科技公司, into: 杭州青松科技有限公司}
- {rename: 白杨商会, to: 白杨县工商业联合会}   # the full name
- {retype: 白杨商会, to: GovernmentBody}
- {reject: [青松光伏电站项目, locatedIn, 温宿县]}
- {delete: 没有这个节点}
"""


def corpus(tmp_path: Path, lines: str | None = FIXES) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    if lines is not None:
        (folder / "corrections.yaml").write_text(lines, encoding="utf-8")
    return folder


def labelled(store: Store, name: str) -> list[str]:
    q = f'SELECT DISTINCT ?s WHERE {{ ?s rdfs:label "{name}"@zh-Hans }}'
    return [row["s"].value for row in store.query(q)]


def test_lines_are_read_and_bad_ones_named(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(FIXES, encoding="utf-8")
    got = fixes.load(path)
    assert [c.op for c in got.items] == ["merge", "rename", "retype", "reject", "delete"]
    assert got.items[1].value == "白杨县工商业联合会"
    assert got.items[3].predicate == "locatedIn" and got.items[3].object == "温宿县"
    for bad, says in [("- {merge: 甲}", "into"), ("- {retype: 甲, to: Company}", "unknown class"),
                      ("- {reject: [甲, builtBy, 乙]}", "unknown relation"), ("- {paint: 甲}", "one of"),
                      ("- {merge: [", "not a YAML line"), ("merge: 甲", "one correction per line")]:
        path.write_text("# ok\n" + bad + "\n", encoding="utf-8")
        with pytest.raises(fixes.CorrectionsError) as err:
            fixes.load(path)
        assert f"{path}:2" in str(err.value) and says in str(err.value)


def test_the_line_the_viewer_copies_reads_back(tmp_path):
    line = fixes.line_for("rename", '青松"商会', "新: 名称")
    path = tmp_path / "corrections.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    c = fixes.load(path).items[0]
    assert (c.op, c.node, c.value) == ("rename", '青松"商会', "新: 名称")


def test_build_applies_corrections_and_rebuilds_keep_them(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    report = build([folder], out, html=False)
    assert report.ok, report.errors
    assert any("没有这个节点" in n and "corrections.yaml:6" in n for n in report.notes)

    def check():
        store = Store(out / "store", read_only=True)
        try:
            g = store.union_graph()
            big = URIRef(labelled(store, "杭州青松科技有限公司")[0])
            assert labelled(store, "青松科技公司") == []            # merged away
            assert (big, SKOS.altLabel, Literal("青松科技公司", lang="zh-Hans")) in g
            chamber = URIRef(labelled(store, "白杨县工商业联合会")[0])
            assert (chamber, SKOS.altLabel, Literal("白杨商会", lang="zh-Hans")) in g
            assert set(g.objects(chamber, RDF.type)) == {AID.GovernmentBody}
            assert {str(c) for c in g.objects(chamber, AID.curation)} >= {
                "- {rename: 白杨商会, to: 白杨县工商业联合会}", "- {retype: 白杨商会, to: GovernmentBody}"}
            plant = URIRef(labelled(store, "青松光伏电站项目")[0])
            assert (plant, AID.locatedIn, None) not in g                # rejected, with its statements
            assert not [st for st in g.subjects(RDF.subject, plant) if (st, RDF.predicate, AID.locatedIn) in g]
            # the merged node's relations are the target's, marked curated
            statements = [st for st in g.subjects(RDF.subject, big)]
            assert statements and all(g.value(st, AID.extractionMethod) != Literal("curated")
                                      or g.value(st, AID.curation) is not None for st in statements)
            assert [str(x) for x in g.objects(big, RDFS.label) if x.language.lower() == "zh-hans"] == ["杭州青松科技有限公司"]
        finally:
            store.close()

    check()
    again = build([folder], out, html=False)                           # nothing changed
    assert again.articles_unchanged == 2
    check()
    (folder / "b.txt").write_text(ARTICLE_B + "青松科技公司还在温宿县建设了青松储能电站项目。", encoding="utf-8")
    edited = build([folder], out, html=False)                          # b.txt extracted again
    assert edited.articles_built == 1
    check()
    # a correction taken back: the articles are extracted again and the node is back
    (folder / "corrections.yaml").write_text(FIXES.replace("- {merge: 青松科技公司, into: 杭州青松科技有限公司}\n", ""),
                                             encoding="utf-8")
    back = build([folder], out, html=False)
    assert back.articles_built == 2
    store = Store(out / "store", read_only=True)
    try:
        assert labelled(store, "青松科技公司")
    finally:
        store.close()


def test_no_corrections_builds_the_extractor_alone(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    build([folder], out, html=False, corrections=False)
    store = Store(out / "store", read_only=True)
    try:
        assert labelled(store, "青松科技公司") and labelled(store, "白杨商会")
    finally:
        store.close()


def test_cli_build_reports_a_bad_file(tmp_path):
    from typer.testing import CliRunner

    from aidkg.cli import app

    folder = corpus(tmp_path, "- {merge: 甲}\n")
    r = CliRunner().invoke(app, ["build", str(folder), "-o", str(tmp_path / "out"), "--no-html"])
    assert r.exit_code == 2 and "corrections.yaml:1" in r.output and "into" in r.output


def test_eval_scores_with_and_without(tmp_path):
    from aidkg.evaluate import evaluate

    folder = corpus(tmp_path, "- {merge: 青松科技公司, into: 杭州青松科技有限公司}\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "b.json").write_text(json.dumps({
        "document": "b.txt",
        "entities": [
            {"id": "qs", "type": "Enterprise", "name": "杭州青松科技有限公司", "aliases": [], "required": True},
            {"id": "ws", "type": "County", "name": "温宿县", "aliases": [], "required": True},
            {"id": "pv", "type": "Project", "name": "青松光伏电站项目", "aliases": [], "required": True}],
        "relations": [{"s": "pv", "p": "locatedIn", "o": "ws", "required": True}],
    }, ensure_ascii=False), encoding="utf-8")
    with_fixes = evaluate(gold, folder)["articles"]["b"]["entities"]["typed"]
    without = evaluate(gold, folder, corrections=False)["articles"]["b"]["entities"]["typed"]
    # the extractor alone names the firm by its short form (a miss and a false positive); the
    # merge gives it the full name the gold uses
    assert without["recall"] < 1.0
    assert with_fixes["recall"] == 1.0 and with_fixes["f1"] > without["f1"]
