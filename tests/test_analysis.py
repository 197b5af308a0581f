"""Entity graph, measures, money roll-up, exports and charts on a small invented graph."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import viz_fixtures as fx  # noqa: E402

from aidkg import analysis  # noqa: E402
from aidkg.viz import find_entities, render_html, select_subgraph  # noqa: E402


@pytest.fixture(scope="module")
def rdf():
    return fx.sample_graph()


@pytest.fixture(scope="module")
def G(rdf):
    return analysis.entity_graph(rdf)


def by_label(G, label):
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


def test_entity_graph_holds_entities_only(G):
    assert G.number_of_nodes() == 14
    assert G.number_of_edges() == 15
    classes = {d["cls"] for _, d in G.nodes(data=True)}
    assert "Article" not in classes and "Other" not in classes
    assert not any("/statement/" in n or "/article/" in n for n in G)


def test_entity_attributes(G):
    county = G.nodes[by_label(G, fx.COUNTY)]
    assert county["labels"] == {"zh-hans": fx.COUNTY, "zh-hant": fx.COUNTY_HANT}
    assert county["code"] == "991121"
    school = G.nodes[by_label(G, fx.SCHOOL)]
    assert school["amounts"] == {"totalInvestment": 19_500_000.0, "floorArea": 8_000.0}
    ent = G.nodes[by_label(G, fx.ENTERPRISE)]
    assert set(ent["altLabels"]) == {"东川能源", "東川能源"}


def test_edges_carry_every_evidence_sentence_with_its_article(G):
    donor, pref = by_label(G, fx.DONOR), by_label(G, fx.PREFECTURE)
    ev = G.edges[donor, pref, "pairedWith"]["evidence"]
    assert len(ev) == 2
    assert {e["title"] for e in ev} == {"东川省援建西原州项目纪实", "東川能源集團落戶青鬆縣"}
    assert all(e["sentence"] and e["date"] and e["source"] for e in ev)


def test_money_rolls_up_to_prefecture_level(G):
    money = analysis.money_flows(G)
    pairs = {(p["donor"], p["recipient"]): p for p in money["pairs"]}
    # the school is in a township of the county; both roll up through partOf to the prefecture
    assert pairs[(fx.DONOR, fx.PREFECTURE)]["amount"] == 19_500_000 + 42_000_000
    assert pairs[(fx.DONOR, fx.PREFECTURE)]["projects"] == 2
    assert pairs[(fx.ENTERPRISE, fx.PREFECTURE)]["amount"] == 350_000_000
    assert money["recipients"][0]["recipient"] == fx.PREFECTURE
    assert money["recipients"][0]["projects"] == 3


def test_rollup_by_division_code_when_no_partof(G):
    H = nx.MultiDiGraph(G)
    county = by_label(H, fx.COUNTY)
    H.remove_edge(county, by_label(H, fx.PREFECTURE), "partOf")
    assert analysis.region_rollup(H, county)[0] == by_label(H, fx.PREFECTURE)


def test_stats_report_is_json_and_ranks_hubs(rdf):
    report = analysis.stats_report(rdf)
    json.dumps(report)
    assert report["articles"] == 2
    assert report["by_class"]["Project"] == 3
    assert report["by_relation"]["locatedIn"] == 5
    assert report["components"] == {"count": 1, "largest": 14, "sizes": [14], "isolated": 0}
    top3 = {r["label"] for r in report["pagerank"][:3]}
    assert fx.PREFECTURE in top3
    assert report["betweenness"][0]["label"] == fx.DONOR
    assert report["top_investors"][0]["donor"] == fx.ENTERPRISE


def test_betweenness_is_sampled_on_big_graphs():
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(300, 2, seed=1))
    exact = analysis.betweenness(G)
    approx = analysis.betweenness(G, exact_up_to=100, samples=50)
    hub = max(exact, key=exact.get)
    assert max(approx, key=approx.get) == hub
    assert approx != exact


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_for_gephi(rdf, tmp_path, fmt):
    path = analysis.export_network(rdf, fmt, tmp_path / f"g.{fmt}")
    H = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert H.number_of_nodes() == 14
    assert H.number_of_edges() == 15
    county = next(n for n, d in H.nodes(data=True) if d.get("label") == fx.COUNTY)
    assert fx.COUNTY_HANT in H.nodes[county]["labels"]
    text = path.read_text(encoding="utf-8")
    assert "东川省投入援建资金1950万元" in text


def test_export_rejects_unknown_format(rdf, tmp_path):
    with pytest.raises(ValueError):
        analysis.export_network(rdf, "csv", tmp_path / "g.csv")


def test_plot_stats_uses_a_cjk_font(rdf, tmp_path):
    family = analysis.cjk_font_family()
    if family is None:
        pytest.skip("no Noto CJK font installed (Debian fonts-noto-cjk)")
    assert "CJK" in family
    written = analysis.plot_stats(analysis.stats_report(rdf), tmp_path)
    assert {p.name for p in written} == {"money_by_recipient.png", "projects_by_donor.png"}
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000 for p in written)


def test_find_entities_in_either_script(G):
    # only a Simplified label exists: the Traditional query works through opencc
    assert [G.nodes[n]["label"] for n in find_entities(G, "林遠舟")] == [fx.CADRE]
    assert [G.nodes[n]["label"] for n in find_entities(G, fx.ENTERPRISE_HANT)] == [fx.ENTERPRISE]


def test_focus_hops_and_filters(G):
    one = select_subgraph(G, focus=fx.COUNTY_HANT, hops=1)
    labels = {d["label"] for _, d in one.nodes(data=True)}
    assert {fx.COUNTY, fx.PREFECTURE, fx.PLANT, "白杨镇"} <= labels
    assert fx.CADRE not in labels
    two = select_subgraph(G, focus=fx.COUNTY, hops=2)
    assert two.number_of_nodes() > one.number_of_nodes()
    regions = select_subgraph(G, classes=["Region"])
    assert {d["cls"] for _, d in regions.nodes(data=True)} <= {"Province", "Prefecture", "County",
                                                               "Township", "XPCCUnit"}
    money = select_subgraph(G, relations=["fundedBy", "investedIn"])
    assert {k for *_, k in money.edges(keys=True)} == {"fundedBy", "investedIn"}
    assert money.number_of_nodes() == 5
    with pytest.raises(LookupError):
        select_subgraph(G, focus="无此实体")


def test_page_text_is_escaped():
    page = render_html(fx.sample_graph(xss=True))
    assert "<script>window.__pwned" not in page
    assert '<img src=x onerror' not in page
    assert "<b onmouseover" not in page
    for block in ("aidkg-graph", "aidkg-details"):
        data = page.split(f'<script type="application/json" id="{block}">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data and ">" not in data
    assert "\\u003cscript\\u003ewindow.__pwned=2" in data


def test_page_data_written_in_pieces_is_the_json_of_the_whole(tmp_path, monkeypatch):
    """graph.html is written piece by piece (a dict's values, a list's items): the pieces joined
    are the escaped JSON of the whole, and the written page is the rendered one."""
    from aidkg.viz import page as viz_page
    data = {"info": [{"iri": "a", "ms": [["他说<b>&</b>\u2028", 0]]}, {}, [], None, 1.5, "x>y"],
            "evidence": [], "empty": {}, "nested": {"k": [1, {"l": "</script>"}], "\u2029": True},
            "n": 3}
    for obj in (data, [], {}, [data], "plain", {1: "a"}):
        assert "".join(viz_page._json_pieces_for_script(obj)) == viz_page._json_for_script(obj)
    monkeypatch.setattr(viz_page, "layout", lambda H, order: {n: (0.0, 0.0) for n in order})
    G = fx.sample_graph(xss=True)
    written = viz_page.write_html(G, tmp_path / "graph.html")
    assert written.read_text(encoding="utf-8") == render_html(G)
    assert "\x00" not in render_html(G)


def test_xpcc_money_rolls_up_to_the_division_and_parks_yield_to_prefectures():
    kg = fx.KG()
    art = kg.article("/data/a.txt", "测试", "2024-01-01")
    e, r = kg.entity, kg.relate
    donor = e("Province", "北原省", code="970000", article=art)
    corps = e("XPCCUnit", "测试兵团", article=art)
    division = e("XPCCUnit", "测试第五师", article=art)
    regiment = e("XPCCUnit", "五十一团", article=art)
    pref = e("Prefecture", "南川州", code="961100", article=art)
    county = e("County", "南川县", code="961121", article=art)
    park = e("DevelopmentZone", "南川产业园", article=art)
    p1 = e("Project", "五十一团学校", invest=1_000_000, article=art)
    p2 = e("Project", "南川纺织厂", invest=5_000_000, article=art)
    r(regiment, "partOf", division, "五十一团隶属第五师。", art)
    r(division, "partOf", corps, "第五师隶属兵团。", art)
    r(p1, "locatedIn", regiment, "学校位于五十一团。", art)
    r(p1, "fundedBy", donor, "北原省援建学校。", art)
    r(p2, "locatedIn", county, "纺织厂位于南川县。", art)   # county → prefecture by division code
    r(p2, "locatedIn", park, "纺织厂位于南川产业园。", art)
    r(p2, "fundedBy", donor, "北原省援建纺织厂。", art)
    G = analysis.entity_graph(kg.g)
    pairs = {(p["recipient"], p["recipient_province"]): p["amount"] for p in analysis.money_flows(G)["pairs"]}
    assert pairs == {("测试第五师", "测试兵团"): 1_000_000, ("南川州", None): 5_000_000}


def test_cli_viz_and_stats(tmp_path):
    from typer.testing import CliRunner

    from aidkg.cli import app

    ttl = tmp_path / "g.ttl"
    fx.sample_graph().serialize(ttl, format="turtle")
    runner = CliRunner()
    out = tmp_path / "view.html"
    res = runner.invoke(app, ["viz", "--graph", str(ttl), "-o", str(out), "--focus", fx.COUNTY_HANT,
                              "--hops", "1", "--size-by", "degree"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert fx.PLANT in page and fx.CADRE not in page
    res = runner.invoke(app, ["viz", "--graph", str(ttl), "-o", str(out), "--class", "Nonsense"])
    assert res.exit_code != 0
    res = runner.invoke(app, ["stats", "--graph", str(ttl), "--json", "--plot", str(tmp_path / "plots")])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout[res.stdout.index("{"):res.stdout.rindex("}") + 1])
    assert report["entities"] == 14
    assert (tmp_path / "plots" / "money_by_recipient.png").exists()
    res = runner.invoke(app, ["stats", "--graph", str(ttl)])
    assert res.exit_code == 0 and fx.DONOR in res.stdout


def test_notebook_view_is_an_iframe_with_the_escaped_page():
    pytest.importorskip("IPython", reason="IPython not installed")
    from aidkg.viz import notebook_view

    view = notebook_view(fx.sample_graph(xss=True), height=500)
    assert view.data.startswith('<div class="aidkg-view"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "height:500px" in view.data
    assert "<script" not in view.data
