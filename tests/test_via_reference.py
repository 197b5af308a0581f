"""A statement that rests on a reference is marked (aid:viaReference): where the sentence does not
name an entity of the statement but stands for it with 该项目/该公司/该县/我省 …, the statement
points to an aid:Reference with the words as written, their offsets, the entity they were read as
and where the article named it before. A statement whose sentence names its entities has none.
Sentences are our own, with invented names."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from aidkg import query_library as ql
from aidkg.graph import document_graph, document_quads, article_graph_iri
from aidkg.pipeline import process_text
from aidkg.sparql_format import collect
from aidkg.store import Store
from aidkg.validate import validate
from aidkg.vocab import AID

ROOT = Path(__file__).resolve().parents[1]

# the first line is read as the headline; offsets index the whole text
PROJECT = ("白杨县建设新闻\n"
           "青松镇文化中心位于白杨县城东新区，包括图书馆和文化馆。该项目由浙江省援建，总投资8000万元。"
           "红柳乡卫生院由浙江省援建。")
WE = "援建新闻\n浙江省对口支援白杨县。我省已累计向白杨县拨付援疆资金3亿元。"
TRADITIONAL = "白楊縣建設新聞\n青松鎮文化中心位於白楊縣城東新區，包括圖書館和文化館。該項目由浙江省援建，總投資8000萬元。"


def _via(g: Graph, predicate: str, subject_label: str | None = None) -> list[dict]:
    """The references behind each statement of `predicate` (one dict per statement)."""
    rows = g.query("""SELECT ?st ?sl ?ol ?words ?start ?end ?x ?xl ?ante ?as ?ae ?sentence WHERE {
        ?st rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o .
        ?s rdfs:label ?sl FILTER(lang(?sl) = "zh-Hans") ?o rdfs:label ?ol FILTER(lang(?ol) = "zh-Hans")
        OPTIONAL { ?st aid:viaReference ?r . ?r aid:referringText ?words ; aid:referenceStart ?start ;
                   aid:referenceEnd ?end ; aid:refersTo ?x . ?x rdfs:label ?xl FILTER(lang(?xl) = "zh-Hans")
                   OPTIONAL { ?r aid:antecedentText ?ante ; aid:antecedentStart ?as ; aid:antecedentEnd ?ae ;
                              aid:antecedentEvidence ?sentence } } }""",
                   initNs={"aid": AID, "rdf": RDF, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
                   initBindings={"p": AID[predicate]})
    names = ("st", "sl", "ol", "words", "start", "end", "x", "xl", "ante", "as", "ae", "sentence")
    out = [{k: (str(r[k]) if r[k] is not None else None) for k in names} for r in rows]
    return [r for r in out if subject_label is None or r["sl"] == subject_label]


def test_a_statement_through_this_project_points_to_the_words_and_the_name():
    doc = process_text(PROJECT, source="test://via/project")
    g = document_graph(doc)
    funded = _via(g, "fundedBy", "青松镇文化中心")
    assert len(funded) == 1
    via = funded[0]
    assert via["words"] == "该项目" and doc.text[int(via["start"]):int(via["end"])] == "该项目"
    assert via["xl"] == "青松镇文化中心" and via["ol"] == "浙江省"
    # where the article named it: the name as written, its offsets, its sentence
    assert via["ante"] == "青松镇文化中心" and doc.text[int(via["as"]):int(via["ae"])] == "青松镇文化中心"
    assert via["sentence"].startswith("青松镇文化中心位于") and via["sentence"].endswith("。")
    # the money figure of the same sentence rests on the same words: one node for both
    money = list(g.subject_objects(AID.viaReference))
    assert {s.split("/")[-2] for s, _ in money} == {"statement", "money"}
    assert len({r for _, r in money}) == 1
    assert validate(g, engine="native").conforms
    assert validate(g, engine="pyshacl").conforms


def test_statements_whose_sentence_names_the_entities_have_no_marker():
    doc = process_text(PROJECT, source="test://via/direct")
    g = document_graph(doc)
    located = _via(g, "locatedIn", "青松镇文化中心")
    assert located and all(r["words"] is None for r in located)
    direct = _via(g, "fundedBy", "红柳乡卫生院")
    assert len(direct) == 1 and direct[0]["words"] is None
    # every marker of the article is the one 该项目: nothing else is said to rest on a reference
    assert {str(o) for o in g.objects(None, AID.referringText)} == {"该项目"}


def test_we_province_is_marked_on_the_pairing_and_the_money():
    doc = process_text(WE, source="test://via/we")
    g = document_graph(doc)
    second = [r for r in _via(g, "supports") if r["words"] is not None]
    assert second and all(r["words"] == "我省" and r["xl"] == "浙江省" and r["ante"] == "浙江省" for r in second)
    # the first sentence names 浙江省: its statement has no marker
    assert any(r["words"] is None for r in _via(g, "supports"))
    flows = [f for f in g.subjects(RDF.type, AID.MoneyFlow) if (f, AID.viaReference, None) in g]
    assert flows
    assert validate(g, engine="native").conforms


def test_traditional_text_keeps_the_words_as_written():
    doc = process_text(TRADITIONAL, source="test://via/hant")
    g = document_graph(doc)
    funded = [r for r in _via(g, "fundedBy") if r["words"] is not None]
    assert len(funded) == 1
    assert funded[0]["words"] == "該項目" and funded[0]["ante"] == "青松鎮文化中心"
    assert doc.text[int(funded[0]["start"]):int(funded[0]["end"])] == "該項目"


def test_the_named_question_finds_them_in_the_store(tmp_path):
    store = Store(tmp_path / "store")
    try:
        for i, text in enumerate((PROJECT, WE)):
            doc = process_text(text, source=f"test://via/store/{i}")
            store.replace_article(str(article_graph_iri(doc)), document_quads(doc))
        table = collect(store.query(ql.get("via-reference").render({})))
        rows = [{v: (t.value if t is not None else None) for v, t in zip(table.variables, r)} for r in table.rows]
        got = {(r["subjectLabel"], r["predicate"].rsplit("#", 1)[-1], r["objectLabel"], r["referringText"],
                r["refersTo"], r["antecedentText"]) for r in rows}
        assert ("青松镇文化中心", "fundedBy", "浙江省", "该项目", "subject", "青松镇文化中心") in got
        assert ("浙江省", "supports", "白杨县", "我省", "subject", "浙江省") in got
        assert all(r["referringText"] in r["evidence"] for r in rows)
        # the statements whose sentences name their entities are not listed
        assert not any(r["subjectLabel"] == "红柳乡卫生院" for r in rows)
        # a reference node is the article's own: it goes with the article
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?r a aid:Reference }"
        assert int(next(iter(store.query(count)))["n"].value) >= 2
        store.remove_article("test://via/store/0")
        store.remove_article("test://via/store/1")
        assert int(next(iter(store.query(count)))["n"].value) == 0
        assert not list(store.query("SELECT ?s WHERE { ?s aid:referringText ?w }"))
    finally:
        store.close()


def test_extract_jsonl_gives_the_references(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(PROJECT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "aidkg.cli", "extract", str(path), "--jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    recs = [json.loads(line) for line in done.stdout.splitlines()]
    rels = [r for r in recs if r["kind"] == "relation"]
    via = [r for r in rels if "via" in r]
    assert [(r["subject_label"], r["predicate"]) for r in via] == [("青松镇文化中心", "fundedBy")]
    ref = via[0]["via"][0]
    assert (ref["text"], ref["label"], ref["antecedent"]) == ("该项目", "青松镇文化中心", "青松镇文化中心")
    text = path.read_text(encoding="utf-8")
    assert text[ref["start"]:ref["end"]] == "该项目" and text[ref["antecedent_start"]:ref["antecedent_end"]] == "青松镇文化中心"
    assert any(r["subject_label"] == "红柳乡卫生院" and "via" not in r for r in rels)
