"""The viewer page in real headless Chromium (Debian's /usr/bin/chromium) via Playwright."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import viz_fixtures as fx  # noqa: E402

from aidkg.analysis import entity_graph  # noqa: E402
from aidkg.viz import write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


class Loaded:
    """A page plus everything it asked the network for and everything it complained about."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        pg = self.page
        pg.on("request", lambda r: self.requests.append(r.url))
        pg.on("requestfailed", lambda r: self.failed.append(r.url))
        pg.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        pg.on("pageerror", lambda e: self.errors.append(str(e)))
        pg.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        pg.goto(path.as_uri())
        pg.wait_for_function("window.__aidkgDrawn !== undefined", timeout=60_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def click_node(self, iri: str) -> None:
        box = self.page.locator("#graph").bounding_box()
        xy = self.js("""iri => {
            const id = aidkg.data.nodes.findIndex((_, i) => aidkg.iri(i) === iri);
            return aidkg.network.canvasToDOM(aidkg.network.getPosition(id));
        }""", iri)
        self.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    return write_html(fx.sample_graph(), tmp_path_factory.mktemp("viz") / "graph.html", title="测试图谱")


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory):
    return write_html(fx.sample_graph(xss=True), tmp_path_factory.mktemp("xss") / "graph.html")


@pytest.fixture()
def loaded(browser, sample_page):
    page = Loaded(browser, sample_page)
    yield page
    page.page.close()


def iri_of(label: str, xss: bool = False) -> str:
    G = entity_graph(fx.sample_graph(xss=xss))
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


def test_offline_page_loads_without_errors(loaded):
    assert loaded.requests == [loaded.page.url]
    assert loaded.failed == []
    assert loaded.errors == []
    assert loaded.js("document.fonts.check('14px \"Noto Sans CJK SC\"', '东川')")


def test_node_and_edge_counts_match_the_graph(loaded):
    G = entity_graph(fx.sample_graph())
    assert loaded.js("aidkg.nodes.length") == G.number_of_nodes()
    assert loaded.js("aidkg.network.body.nodeIndices.length") == G.number_of_nodes()
    assert loaded.js("aidkg.network.body.edgeIndices.length") == G.number_of_edges()
    assert "14 / 14" in loaded.page.text_content("#counts")


@pytest.mark.parametrize("query, label", [
    (fx.ENTERPRISE_HANT, fx.ENTERPRISE),     # a zh-Hant label from a Traditional article
    ("林遠舟", fx.CADRE),                     # Traditional form generated with opencc
    (fx.SCHOOL, fx.SCHOOL),                  # Simplified
    ("西原", fx.PREFECTURE),                  # an altLabel
])
def test_search_finds_and_focuses(loaded, query, label):
    pg = loaded.page
    pg.fill("#search", query)
    first = pg.locator("#search-results li").first
    assert first.locator(".label").text_content() == label
    pg.press("#search", "Enter")
    assert pg.locator("#panel").is_visible()
    assert pg.text_content("#panel h3") == label
    selected = loaded.js("aidkg.network.getSelectedNodes()")
    assert [loaded.js(f"aidkg.data.nodes[{selected[0]}].label")] == [label]


def test_class_legend_hides_and_shows_nodes(loaded):
    pg = loaded.page
    drawn = "aidkg.network.body.nodeIndices.length"
    before = loaded.js(drawn)
    project = loaded.js("aidkg.data.nodes.find(n => aidkg.data.classes[n.c].name === 'Project').id")
    item = pg.locator('#legend-classes li[data-class="Project"]')
    item.click()
    assert loaded.js(drawn) == before - 3
    assert loaded.js("aidkg.shown.nodes") == before - 3
    assert project not in loaded.js(f"aidkg.network.body.nodeIndices")
    assert item.get_attribute("aria-checked") == "false"
    assert "11 / 14" in pg.text_content("#counts")
    item.click()
    assert loaded.js(drawn) == before
    rel = pg.locator('#legend-relations li[data-relation="locatedIn"]')
    edges = loaded.js("aidkg.network.body.edgeIndices.length")
    rel.click()
    assert loaded.js("aidkg.network.body.edgeIndices.length") == edges - 5


def test_clicking_a_node_shows_its_evidence(loaded):
    loaded.click_node(iri_of(fx.SCHOOL))
    pg = loaded.page
    assert pg.text_content("#panel h3") == fx.SCHOOL
    panel = pg.text_content("#panel")
    assert "东川省投入援建资金1950万元，援建了青松县第一小学。" in panel
    assert "东川省援建西原州项目纪实" in panel and "2024-03-02" in panel
    assert "1950 万元" in panel and "991121" not in panel
    link = pg.locator("#panel a.art-link").first
    assert link.get_attribute("href") == "https://news.example.org/2024/dongchuan-aid.html"
    # the neighbourhood is drawn above a veil over the rest
    near = {loaded.js(f"aidkg.data.nodes[{i}].label") for i in loaded.js("aidkg.hooks.highlighted()")}
    assert near == {fx.SCHOOL, fx.DONOR, "白杨镇"}


def test_edge_tooltip_shows_the_evidence_sentence(loaded):
    pg = loaded.page
    xy = loaded.js("""() => {
        const e = aidkg.data.edges.find(e => aidkg.data.nodes[e.from].label === '%s' && aidkg.data.relations[e.r].name === 'fundedBy');
        const a = aidkg.network.getPosition(e.from), b = aidkg.network.getPosition(e.to);
        return aidkg.network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    }""" % fx.SCHOOL)
    box = pg.locator("#graph").bounding_box()
    pg.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    pg.wait_for_selector(".aidkg-tip", state="visible", timeout=5_000)
    tip = pg.inner_text(".aidkg-tip")
    assert "fundedBy" in tip and "东川省投入援建资金1950万元" in tip and "1950 万元" in tip


def test_size_measure_can_be_switched(loaded):
    sizes = "aidkg.data.nodes.map(n => aidkg.network.body.nodes[n.id].options.size)"
    before = loaded.js(sizes)
    loaded.page.select_option("#size-by", "degree")
    after = loaded.js(sizes)
    assert after != before
    assert after == loaded.js("aidkg.details().info.map(i => i.sz[1])")


def test_screenshot_of_sample_graph(loaded):
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.click_node(iri_of(fx.COUNTY))
    out = ARTIFACTS / "graph.png"
    loaded.page.screenshot(path=str(out))
    assert out.stat().st_size > 20_000


def test_xss_payloads_stay_inert(browser, xss_page):
    page = Loaded(browser, xss_page)
    try:
        pg = page.page
        page.click_node(iri_of(fx.XSS_NAME, xss=True))
        assert pg.text_content("#panel h3") == fx.XSS_NAME
        page.click_node(iri_of(fx.SCHOOL, xss=True))
        panel = pg.text_content("#panel")
        assert fx.XSS_SENTENCE in panel and "<script>window.__pwned=2</script>" in panel
        # tooltips render strings as text
        xy = page.js("""() => {
            const id = aidkg.data.nodes.findIndex(n => n.label.startsWith('<img'));
            return aidkg.network.canvasToDOM(aidkg.network.getPosition(id)); }""")
        box = pg.locator("#graph").bounding_box()
        pg.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        pg.wait_for_selector(".aidkg-tip", state="visible", timeout=5_000)
        assert pg.inner_text(".aidkg-tip").startswith(fx.XSS_NAME)
        pg.fill("#search", "青松")
        assert pg.locator("#search-results li").count() >= 2
        assert page.js("window.__pwned") is None
        assert page.js("document.querySelectorAll('img, b, [onerror], [onmouseover]').length") == 0
        assert page.js("document.scripts.length") == 5   # graph, details, vis-network, hooks, viewer
        assert page.dialogs == []
        assert page.requests == [pg.url] and page.errors == []
    finally:
        page.page.close()


def test_focused_page_opens_on_its_entity(browser, tmp_path):
    path = write_html(fx.sample_graph(), tmp_path / "focus.html", focus=fx.ENTERPRISE_HANT, hops=2)
    page = Loaded(browser, path)
    try:
        pg = page.page
        pg.wait_for_selector("#panel h3", timeout=5_000)
        assert pg.text_content("#panel h3") == fx.ENTERPRISE
        # two hops from the enterprise: its project and the project's county
        labels = set(page.js("aidkg.data.nodes.map(n => n.label)"))
        assert labels == {fx.ENTERPRISE, fx.PLANT, fx.COUNTY}
    finally:
        page.page.close()


def test_panel_pages_the_relations_of_a_hub(browser, tmp_path):
    kg = fx.KG()
    art = kg.article("/data/hub.txt", "测试", "2024-01-01")
    hub = kg.entity("Province", "中原省", article=art)
    for i in range(250):
        leaf = kg.entity("Project", f"测试项目{i}", article=art)
        kg.relate(leaf, "fundedBy", hub, f"中原省援建测试项目{i}。", art)
    page = Loaded(browser, write_html(kg.g, tmp_path / "hub.html"))
    try:
        pg = page.page
        pg.fill("#search", "中原省")
        pg.press("#search", "Enter")
        assert pg.locator("#panel .rel").count() == 200
        pg.click("#panel button.more")
        assert pg.locator("#panel .rel").count() == 250
        assert pg.locator("#panel button.more").count() == 0
    finally:
        page.page.close()


def test_big_graph_uses_precomputed_layout_and_own_labels(browser, tmp_path):
    path = write_html(fx.synthetic_graph(3000, seed=3), tmp_path / "big.html")
    page = Loaded(browser, path)
    try:
        assert page.js("aidkg.network.physics.physicsEnabled") is False
        assert page.js("aidkg.network.body.nodeIndices.length") == 3000
        # labels are drawn by the viewer (vis-network gets none): zoom in and draw a frame
        assert page.js("aidkg.network.body.nodes[0].options.label") is None
        page.js("""() => { const n = aidkg.network, p = n.getPosition(0);
                           n.moveTo({position: p, scale: 2, animation: false}); n.redraw(); }""")
        page.page.fill("#search", page.js("aidkg.data.nodes[0].label"))
        page.page.press("#search", "Enter")
        assert page.page.text_content("#panel h3") == page.js("aidkg.data.nodes[0].label")
        assert page.errors == []
    finally:
        page.page.close()


def test_sample_build_of_the_examples(browser, tmp_path):
    from aidkg import build
    from aidkg.store import Store

    examples = Path(__file__).resolve().parents[1] / "examples"
    paths = sorted(p for p in examples.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".md")
                   and p.name != "README.md")
    store_path = tmp_path / "store"
    try:
        build(paths, tmp_path / "out", store_path=store_path)
    except ModuleNotFoundError as exc:
        pytest.skip(f"the pipeline is incomplete ({exc.name} missing)")
    assert (tmp_path / "out" / "graph.html").exists()   # the build writes its view with aidkg.viz
    rdf = Store(store_path, read_only=True).union_graph()
    G = entity_graph(rdf)
    assert G.number_of_nodes() > 10
    page = Loaded(browser, write_html(G, tmp_path / "examples.html", title="examples"))
    try:
        assert page.js("aidkg.network.body.nodeIndices.length") == G.number_of_nodes()
        assert page.errors == [] and page.requests == [page.page.url]
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "examples-graph.png"))
    finally:
        page.page.close()
