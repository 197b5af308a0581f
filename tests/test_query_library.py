"""The named queries answer the questions they claim to, through the library and `aidkg query`."""
from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
import rdflib
from rdflib.query import Result
from typer.testing import CliRunner

from aidkg import query_library as ql
from aidkg.cli import app
from aidkg.sparql_format import collect
from aidkg.store import Store

from store_fixtures import A2, EXPECTED, make_store, ontology_path, write_trig

REQUIRED = {"paired-with", "investments", "money-by-recipient", "projects-in-region", "cadres-by-donor",
            "entity", "provenance"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ql")
    s = make_store(tmp / "store", tmp)
    yield s
    s.close()


def rows(store, query_name, **params):
    table = collect(store.query(ql.get(query_name).render(params)))
    return [{v: (t.value if t is not None else None) for v, t in zip(table.variables, r)} for r in table.rows]


def test_library_has_the_required_questions_each_titled():
    queries = ql.all_queries()
    assert REQUIRED <= set(queries)
    for q in queries.values():
        assert q.title and q.description, f"{q.name}.rq needs a title comment and a description"
        assert q.text.lstrip().startswith("#")


def test_every_query_parses(store):
    for q in ql.all_queries().values():
        values = {p: "x" for p, spec in q.params.items() if spec.default is None}
        store.query(q.render(values))  # SyntaxError would fail the test


def test_paired_with(store):
    got = {(r["donorLabel"], r["recipientLabel"]) for r in rows(store, "paired-with")}
    assert got == EXPECTED["paired-with"]
    twice = [r for r in rows(store, "paired-with") if r["donorLabel"] == "海澜市"][0]
    assert (twice["statements"], twice["articles"]) == ("2", "2")


def test_investments_with_amounts_and_evidence(store):
    got = rows(store, "investments")
    assert {(r["investorLabel"], r["projectLabel"], int(r["yuan"])) for r in got} == EXPECTED["investments"]
    assert all(r["evidence"] and r["investorLabel"] in r["evidence"] for r in got)
    assert all(r["articleTitle"] for r in got)


def test_money_by_recipient_follows_part_of(store):
    got = {r["recipientLabel"]: r for r in rows(store, "money-by-recipient")}
    assert {k: Decimal(v["projectTotal"]) for k, v in got.items()} == EXPECTED["money-by-recipient"]
    assert Decimal(got["玉河地区"]["reportedYuan"]) == EXPECTED["money-reported"]["玉河地区"]
    assert got["玉河地区"]["projects"] == "4"


@pytest.mark.parametrize("region", ["玉河地区", "白杨县"])
def test_projects_in_region_include_subregions(store, region):
    got = {r["projectLabel"] for r in rows(store, "projects-in-region", region=region)}
    assert got == EXPECTED["projects-in-region"][region]


def test_projects_in_region_by_traditional_name(store):
    got = {r["projectLabel"] for r in rows(store, "projects-in-region", region="紅柳縣")}
    assert got == {"红柳县物流园项目", "红柳县人民医院门诊楼"}


def test_cadres_by_donor(store):
    got = rows(store, "cadres-by-donor")
    assert {(r["donorLabel"], r["cadreLabel"]) for r in got} == EXPECTED["cadres-by-donor"]
    city = [r for r in got if r["donorLabel"] == "海澜市"][0]
    assert city["donorProvinceLabel"] == "东屿省"  # the city's province, through aid:partOf
    assert all(r["evidence"] for r in got)


def test_entity_everything_both_directions(store):
    got = rows(store, "entity", name="红柳县")
    out = {(r["property"].split("#")[-1], r["valueLabel"] or r["value"]) for r in got if r["direction"] == "out"}
    inc = {(r["property"].split("#")[-1], r["valueLabel"]) for r in got if r["direction"] == "in"}
    assert ("partOf", "玉河地区") in out and ("label", "紅柳縣") in out
    assert {("pairedWith", "西岭省"), ("locatedIn", "红柳县物流园项目")} <= inc
    assert not any("statement/" in r["value"] for r in got)


def test_provenance_gives_sentence_offsets_and_article(store):
    got = rows(store, "provenance", about="海澜建工")
    assert got, "no statement about the builder"
    r = got[0]
    assert r["title"] == A2.title and r["date"] == A2.date and r["source"] == A2.source
    assert A2.text[int(r["start"]):int(r["end"])] == r["evidence"]
    assert len(rows(store, "provenance")) > len(got)  # empty $about: every statement


def test_params_are_literals_not_code(store):
    sneaky = '玉河地区") } DELETE WHERE { ?s ?p ?o } #'
    assert rows(store, "projects-in-region", region=sneaky) == []
    with pytest.raises(ql.QueryError, match="needs --param region"):
        ql.get("projects-in-region").render({})
    with pytest.raises(ql.QueryError, match="no parameter"):
        ql.get("paired-with").render({"x": "1"})


@pytest.mark.parametrize("name,key", [("investments", ("investorLabel", "projectLabel")),
                                      ("cadres-by-donor", ("donorLabel", "cadreLabel"))])
def test_pages_partition_the_whole_answer_in_order(store, name, key):
    whole = [tuple(r[k] for k in key) for r in rows(store, name, limit="all")]
    assert len(whole) >= 2
    paged = []
    for offset in range(len(whole) + 1):
        paged += [tuple(r[k] for k in key) for r in rows(store, name, limit="1", offset=str(offset))]
    assert paged == whole  # every row once, the page past the end empty
    assert [tuple(r[k] for k in key) for r in rows(store, name)] == whole  # default page holds them all


def test_page_parameters_are_clauses_of_digits_only():
    q = ql.get("investments")
    assert {p.type for p in q.params.values()} == {"limit", "offset", "lang"}
    assert re.search(r"LIMIT 1000\s", q.render()) and "OFFSET" not in q.render()
    text = q.render({"limit": "all", "offset": "20"})
    assert not re.search(r"LIMIT 1000\s", text) and "OFFSET 20" in text
    assert q.page_size() == 1000 and q.page_size({"limit": "all"}) is None
    for bad in ("-1", "10 } DELETE WHERE { ?s ?p ?o }", "1e3", "١٠"):
        with pytest.raises(ql.QueryError, match="whole number"):
            q.render({"limit": bad})
    assert ql.get("paired-with").page_size() is None


def test_names_in_the_language_asked_for_else_pinyin_else_chinese(store):
    en = {(r["donorLabel"], r["recipientLabel"]) for r in rows(store, "paired-with", lang="en")}
    # an English name where the graph has one; a place without one keeps its Chinese name
    assert ("Dongyu Province", "Yuhe Prefecture") in en and ("海澜市", "白杨县") in en
    assert len(en) == len(EXPECTED["paired-with"])  # one row per pair: never a row per label
    pinyin = {(r["donorLabel"], r["recipientLabel"]) for r in rows(store, "paired-with", lang="pinyin")}
    assert ("Dōngyǔ Shěng", "Yùhé Dìqū") in pinyin
    # a person has no English name: pinyin stands in for it
    cadres = {(r["donorLabel"], r["cadreLabel"]) for r in rows(store, "cadres-by-donor", lang="en")}
    assert ("Dongyu Province", "Lín Hǎifēng") in cadres and len(cadres) == 3
    assert {r["projectLabel"] for r in rows(store, "investments", lang="en")} == {
        "Báiyáng Xiàn Guāngfú Diànzhàn Xiàngmù", "红柳县物流园项目"}
    # the Chinese default is the page the other tests read; zh is its short name
    assert rows(store, "paired-with", lang="zh") == rows(store, "paired-with")


def test_every_label_query_takes_a_language_and_pages_alike_in_each(store):
    for q in ql.all_queries().values():
        if re.search(r"rdfs:label \?\w*Label\b", q.text):
            assert "lang" in q.params, f"{q.name}.rq shows names but takes no lang parameter"
    zh = [r["project"] for r in rows(store, "investments", limit="1", offset="1")]
    assert [r["project"] for r in rows(store, "investments", limit="1", offset="1", lang="en")] == zh


@pytest.mark.parametrize("bad", ['en") } DELETE WHERE { ?s ?p ?o } #', "", "x y"])
def test_language_is_a_tag_never_code(bad):
    with pytest.raises(ql.QueryError, match="not a language"):
        ql.get("paired-with").render({"lang": bad})
    assert '"zh-Latn-pinyin"' in ql.get("paired-with").render({"lang": "pinyin"})


def test_unknown_parameter_type_is_refused(tmp_path):
    (tmp_path / "bad.rq").write_text('# Bad\n# a query\n# @param n:number = "3"\nSELECT * WHERE {}\n')
    with pytest.raises(ql.QueryError, match="unknown type 'number'"):
        ql.parse(tmp_path / "bad.rq")


# --- through the command line --------------------------------------------------------------
runner = CliRunner()


def cli(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    make_store(tmp / "store", tmp).close()
    return tmp / "store"


def test_cli_list_shows_names_and_titles(store_dir):
    r = cli("query", "--list")
    assert r.exit_code == 0
    for name in REQUIRED:
        assert name in r.output
    assert "Who aids whom" in r.output


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_cli_result_formats_parse_as_sparql_results(store_dir, fmt):
    r = cli("query", "--name", "projects-in-region", "--param", "region=白杨县", "--store", store_dir, "--format", fmt)
    assert r.exit_code == 0, r.output
    res = Result.parse(io.BytesIO(r.stdout_bytes), format=fmt)
    labels = {str(row["projectLabel"]) for row in res}
    assert labels == EXPECTED["projects-in-region"]["白杨县"]


def sheet_rows(path_or_bytes):
    """The rows of an XLSX workbook's first sheet, read back by openpyxl (another implementation)."""
    openpyxl = pytest.importorskip("openpyxl")
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    sheet = openpyxl.load_workbook(source, read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_cli_xlsx_workbook_for_spreadsheets(store_dir, tmp_path):
    out = tmp_path / "money.xlsx"
    r = cli("query", "--name", "money-by-recipient", "--store", store_dir, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    header, *body = sheet_rows(out)
    assert header[:4] == ["recipient", "recipientLabel", "level", "projectTotal"]
    # sums are numbers a spreadsheet can add up, labels the Chinese names
    totals = {row[1]: row[3] for row in body}
    assert totals == {k: float(v) for k, v in EXPECTED["money-by-recipient"].items()}
    assert all(isinstance(v, (int, float)) for v in totals.values())  # numbers, not text
    # the file's suffix is enough, and the language parameter reaches the workbook
    r = cli("query", "--name", "paired-with", "--param", "lang=en", "--store", store_dir, "-o", tmp_path / "p.xlsx")
    assert r.exit_code == 0, r.output
    header, *body = sheet_rows(tmp_path / "p.xlsx")
    got = {(row[header.index("donorLabel")], row[header.index("recipientLabel")]) for row in body}
    assert ("Dongyu Province", "Yuhe Prefecture") in got and len(got) == 3
    r = cli("query", "--name", "paired-with", "--store", store_dir, "-o", tmp_path / "p.csv")
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").startswith("donor,donorLabel,")


def test_xlsx_cells_keep_text_as_text_and_every_digit(store_dir, tmp_path):
    query = ('SELECT ?formula ?big ?small ?iri ?none WHERE { BIND("=HYPERLINK(\\"http://x\\")" AS ?formula) '
             'BIND(12345678901234567.89 AS ?big) BIND(1950.5 AS ?small) BIND(aid:Project AS ?iri) }')
    r = cli("query", query, "--store", store_dir, "-f", "xlsx", "-o", tmp_path / "t.xlsx")
    assert r.exit_code == 0, r.output
    assert sheet_rows(tmp_path / "t.xlsx") == [
        ["formula", "big", "small", "iri", "none"],
        ['=HYPERLINK("http://x")', "12345678901234567.89", 1950.5, "https://w3id.org/aidkg/ontology#Project", None]]
    r = cli("query", "ASK { ?c a aid:Cadre }", "--store", store_dir, "-o", tmp_path / "a.xlsx")
    assert sheet_rows(tmp_path / "a.xlsx") == [["boolean"], ["true"]]
    r = cli("query", "CONSTRUCT { ?c a aid:Cadre } WHERE { ?c a aid:Cadre }", "--store", store_dir,
            "-f", "xlsx", "-o", tmp_path / "c.xlsx")
    assert r.exit_code == 2 and "SELECT and ASK" in r.output and not (tmp_path / "c.xlsx").exists()


def test_cli_says_how_to_page(store_dir):
    r = cli("query", "--name", "investments", "--store", store_dir, "--param", "limit=1")
    assert r.exit_code == 0 and "1 row(s)" in r.output
    assert "--param offset=1 for the next page" in r.stderr
    r = cli("query", "--name", "investments", "--store", store_dir)  # the whole answer fits: no note
    assert r.exit_code == 0 and "page at a time" not in r.stderr
    r = cli("query", "--name", "investments", "--store", store_dir, "--param", "limit=ten")
    assert r.exit_code == 2 and "whole number" in r.output


def test_cli_table_ask_and_construct(store_dir):
    r = cli("query", "--name", "cadres-by-donor", "--store", store_dir)
    assert r.exit_code == 0 and "林海峰" in r.output and "3 row(s)" in r.output
    r = cli("query", "ASK { ?c a/rdfs:subClassOf* aid:Person }", "--store", store_dir)
    assert r.output.strip() == "true"
    r = cli("query", "CONSTRUCT { ?c a aid:Cadre } WHERE { ?c a aid:Cadre }", "--store", store_dir)
    g = rdflib.Graph().parse(data=r.stdout, format="turtle")
    assert len(g) == 3


def test_cli_rq_file_and_graph_file(tmp_path):
    trig = write_trig(tmp_path / "corpus.trig")
    rq = tmp_path / "mine.rq"
    rq.write_text("# Cadres\nSELECT ?l WHERE { ?c a aid:Cadre ; rdfs:label ?l FILTER(lang(?l) = 'zh-Hans') }\n")
    r = cli("query", rq, "--graph", trig, "--format", "json")
    assert r.exit_code == 0, r.output
    assert {b["l"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]} == {"林海峰", "陈明远", "周文彬"}


def test_cli_errors_are_clear(store_dir, tmp_path):
    r = cli("query", "--name", "nope", "--store", store_dir)
    assert r.exit_code == 2 and "no named query" in r.output
    r = cli("query", "SELEC ?x", "--store", store_dir)
    assert r.exit_code == 2 and "malformed query" in r.output
    r = cli("query", "ASK {}", "--store", tmp_path / "none")
    assert r.exit_code == 1 and "no store" in r.output


def test_cli_export_and_remove(tmp_path):
    store_dir = tmp_path / "store"
    make_store(store_dir, tmp_path).close()
    r = cli("export", "--format", "trig", "-o", tmp_path / "all.trig", "--store", store_dir)
    assert r.exit_code == 0, r.output
    ds = rdflib.Dataset().parse(tmp_path / "all.trig", format="trig")
    assert str(A2.graph_iri) in {str(g.identifier) for g in ds.graphs()}
    r = cli("remove", A2.source, "--store", store_dir)
    assert r.exit_code == 0 and str(A2.graph_iri) in r.output
    r = cli("remove", A2.source, "--store", store_dir)
    assert r.exit_code == 1
    r = cli("export", "--format", "graphml", "-o", tmp_path / "g.graphml", "--store", store_dir)
    if r.exit_code == 0:
        import networkx as nx
        assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 5
    else:
        assert "aidkg.analysis" in r.output


def test_store_of_file_sees_union_as_set(tmp_path):
    s = Store.from_file(write_trig(tmp_path / "c.trig"), ontology=ontology_path(tmp_path))
    got = {r["recipientLabel"].value: Decimal(r["projectTotal"].value) for r in s.query(ql.get("money-by-recipient").render())}
    assert got == EXPECTED["money-by-recipient"]


# --- on the real pipeline's output: the bundled examples built into a temp store ---------------
@pytest.fixture(scope="module")
def examples_store(tmp_path_factory):
    from store_fixtures import build_examples
    s = build_examples(tmp_path_factory.mktemp("examples"))
    yield s
    s.close()


def test_examples_paired_with(examples_store):
    got = {(r["donorLabel"], r["recipientLabel"]) for r in rows(examples_store, "paired-with")}
    assert {("北京市", "拉萨市"), ("天津市", "和田地区"), ("广东省", "喀什地区")} <= got


def test_examples_money_rolls_up_to_prefectures(examples_store):
    got = rows(examples_store, "money-by-recipient")
    total = {r["recipientLabel"]: Decimal(r["projectTotal"]) for r in got}
    assert total["克孜勒苏柯尔克孜自治州"] >= total["阿图什市"] > 0
    assert total["和田地区"] >= total["策勒县"] > 0


def test_examples_projects_in_region_reach_sub_regions(examples_store):
    got = rows(examples_store, "projects-in-region", region="拉萨市")
    assert "当雄县第二幼儿园扩建项目" in {r["projectLabel"] for r in got}
    assert any(r["placeLabel"] != "拉萨市" for r in got)  # some found through a county or town below it


def test_examples_provenance_offsets_point_at_the_evidence(examples_store):
    from pathlib import Path
    checked = 0
    for r in rows(examples_store, "provenance"):
        if r["source"].endswith(".txt"):  # plain text: offsets index the file as read
            text = Path(r["source"]).read_text(encoding="utf-8")
            assert text[int(r["start"]):int(r["end"])] == r["evidence"]
            checked += 1
    assert checked > 20


def test_examples_every_named_query_answers(examples_store):
    values = {"projects-in-region": {"region": "拉萨市"}, "entity": {"name": "北京市"}}
    for name in ql.all_queries():
        assert rows(examples_store, name, **values.get(name, {})), f"{name} answers nothing on examples/"
