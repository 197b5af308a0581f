"""The timeline and map views in headless Chromium: offline (no request but the page), no errors,
what they draw; screenshots go to test-artifacts/."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).parent))
import viz_fixtures as fx  # noqa: E402
from test_money import make_doc  # noqa: E402

from aidkg.graph import document_graph  # noqa: E402
from aidkg.viz.views import map_data, render_view, timeline_data, write_view  # noqa: E402
from aidkg.analysis import entity_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

# real division codes, so the places land on the map: a donor province, a prefecture and a county
REAL_DONOR = ("浙江省", "region/330000", "Province", "330000")
REAL_PREF = ("阿克苏地区", "region/652900", "Prefecture", "652900")
REAL_COUNTY = ("温宿县", "region/652922", "County", "652922")
PLANT = ("青松光伏电站项目", "project/plant", "Project", None)


def money_graph() -> Graph:
    text = ("2022年，浙江省安排援疆资金3亿元支持阿克苏地区，实施项目20个。"
            "青松光伏电站项目由浙江省援建，总投资5000万元，2023年5月1日开工。"
            "“十四五”期间，浙江省与温宿县签约项目30个，签约金额80亿元。")
    doc = make_doc(text, [REAL_DONOR, REAL_PREF, REAL_COUNTY, PLANT], donor="浙江省", date="2023-06-01",
                   relations=[("青松光伏电站项目", "fundedBy", "浙江省"), ("青松光伏电站项目", "locatedIn", "温宿县"),
                              ("浙江省", "supports", "阿克苏地区"), ("温宿县", "partOf", "阿克苏地区")],
                   invest={"青松光伏电站项目": 50_000_000},
                   facts=[(0, 300_000_000, "浙江省", "阿克苏地区", 20), (2, 8_000_000_000, "浙江省", "温宿县", 30)])
    doc.entities["project/plant"].attrs["startDate"] = "2023-05-01"
    return document_graph(doc)


def test_timeline_data_by_year():
    data = timeline_data(entity_graph(money_graph()))
    years = {y["year"]: y for y in data["years"]}
    assert years[2022]["money"] == {"aid-funds": 300_000_000.0}
    assert [p["name"] for p in years[2023]["started"]] == ["青松光伏电站项目"]
    assert years[2023]["pairings"] and years[2023]["pairings"][0]["directed"]
    # a figure over 2021–2025 is not put on one year
    assert [(s["start"], s["end"], s["amount"]) for s in data["spans"]] == [(2021, 2025, 8_000_000_000.0)]


def test_map_data_places_parties_from_division_codes():
    data = map_data(entity_graph(money_graph()))
    names = {p["name"]: (p["lon"], p["lat"]) for p in data["points"]}
    assert set(names) == {"浙江省", "阿克苏地区", "温宿县"}
    lon, lat = names["温宿县"]
    assert 79 < lon < 82 and 40 < lat < 43                  # west of Aksu, in Xinjiang
    flows = {(data["points"][f["from"]]["name"], data["points"][f["to"]]["name"], f["kind"]): f for f in data["flows"]}
    assert set(flows) == {("浙江省", "阿克苏地区", "aid-funds"), ("浙江省", "温宿县", "total-investment"),
                          ("浙江省", "温宿县", "signed")}
    assert flows[("浙江省", "温宿县", "signed")]["width"] > flows[("浙江省", "温宿县", "total-investment")]["width"]
    assert len(data["pairs"]) == 1 and data["pairs"][0]["directed"]


def test_views_escape_article_text():
    g = fx.sample_graph(xss=True)
    for view in ("timeline", "map"):
        page = render_view(g, view)
        assert "<script>window.__pwned" not in page and "<img src=x" not in page


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


def load(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type in ("error", "warning") and seen["errors"].append(m.text))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-drawn]", timeout=30_000)
    return page, seen


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed at /usr/bin/chromium")
def test_map_view_in_chromium(browser, tmp_path):
    path = write_view(money_graph(), "map", tmp_path / "map.html", title="地图测试")
    page, seen = load(browser, path)
    try:
        assert seen["requests"] == [page.url] and seen["errors"] == []
        assert page.locator("svg .provinces path").count() == 34
        assert page.locator("svg .flows path.flow").count() == 3
        assert page.locator("svg .places circle").count() == 3
        rows = page.locator("#flows tbody tr").all_inner_texts()
        assert rows[0].split("\t")[:3] == ["浙江省", "温宿县", "signed"] and "80 亿元" in rows[0]
        # a kind can be switched off
        page.click('#kinds .kind[data-kind="signed"]')
        assert page.locator('svg .flows path[data-kind="signed"]').first.evaluate("e => e.style.display") == "none"
        assert page.locator("nav a", has_text="Graph").get_attribute("href") == "graph.html"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map.png"))
        assert (ARTIFACTS / "map.png").stat().st_size > 20_000
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed at /usr/bin/chromium")
def test_timeline_view_in_chromium(browser, tmp_path):
    path = write_view(money_graph(), "timeline", tmp_path / "timeline.html", title="时间线测试")
    page, seen = load(browser, path)
    try:
        assert seen["requests"] == [page.url] and seen["errors"] == []
        assert page.locator("#counts-chart .year").count() == 2            # 2022, 2023
        assert page.locator('#money-chart .year[data-year="2022"] rect.bar[data-series="aid-funds"]').get_attribute(
            "data-value") == "300000000"
        page.click('#counts-chart .year[data-year="2023"]')
        detail = page.inner_text("#year-detail")
        assert "2023 年" in detail and "青松光伏电站项目 · 2023-05-01" in detail and "浙江省 → 阿克苏地区" in detail
        spans = page.locator("#spans tbody tr").all_inner_texts()
        assert len(spans) == 1 and spans[0].startswith("2021–2025") and "80 亿元" in spans[0]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
        assert (ARTIFACTS / "timeline.png").stat().st_size > 20_000
    finally:
        page.close()


def test_cli_viz_writes_each_view(tmp_path):
    from typer.testing import CliRunner

    from aidkg.cli import app

    src = tmp_path / "g.ttl"
    money_graph().serialize(src, format="turtle")
    for view in ("timeline", "map", "graph"):
        out = tmp_path / f"{view}.html"
        r = CliRunner().invoke(app, ["viz", "--graph", str(src), "--view", view, "-o", str(out)])
        assert r.exit_code == 0, r.output
        text = out.read_text(encoding="utf-8")
        assert "timeline.html" in text and "map.html" in text
