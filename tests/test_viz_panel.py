"""The viewer's panel and filters in headless Chromium: mention sentences of any node, the
"hide isolated nodes" switch, the corrections.yaml line for a node or relation, supports arrows,
the reference a sentence reached an entity through (aid:viaReference)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import PROV

sys.path.insert(0, str(Path(__file__).parent))
import viz_fixtures as fx  # noqa: E402

from aidkg.viz import write_html  # noqa: E402
from aidkg.vocab import AID, ID  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")
from test_viz_browser import Loaded  # noqa: E402

LONELY = "白杨县农技推广站"
LONELY_SENTENCE = "白杨县农技推广站的技术员走进田间地头。"
VIA_SENTENCE = "东川省将继续支援该县发展。"


def graph():
    """The sample graph plus a node without relations that two sentences mention, and a supports arrow."""
    g = fx.sample_graph()
    kg = fx.KG()
    kg.g = g
    art = kg.article("/data/articles/extension.txt", "农技推广进田间", "2024-06-01")
    lonely = kg.entity("Institution", LONELY, article=art)
    for i, sentence in enumerate((LONELY_SENTENCE, "当天，白杨县农技推广站还举办了培训班。")):
        m = ID[f"mention/test{i}"]
        g.add((m, RDF.type, AID.Mention))
        g.add((m, AID.mentionOf, lonely))
        g.add((m, AID.evidence, Literal(sentence)))
        g.add((m, AID.evidenceStart, Literal(40 * i)))
        g.add((m, PROV.wasDerivedFrom, art))
    donor = next(g.subjects(AID.divisionCode, Literal("980000")))
    county = next(g.subjects(AID.divisionCode, Literal("991121")))
    kg.relate(donor, "supports", county, "东川省对口支援青松县。", art)
    kg.relate(donor, "pairedWith", county, "东川省对口支援青松县。", art)
    # a sentence that stands for the county with 该县: its statement rests on that reference
    st = kg.relate(donor, "supports", county, VIA_SENTENCE, art)
    ref = ID["reference/test"]
    g.add((st, AID.viaReference, ref))
    g.add((ref, RDF.type, AID.Reference))
    g.add((ref, AID.referringText, Literal("该县")))
    g.add((ref, AID.referenceStart, Literal(6)))
    g.add((ref, AID.referenceEnd, Literal(8)))
    g.add((ref, AID.refersTo, county))
    g.add((county, RDFS.label, Literal("Qingsong County", lang="en")))
    g.add((county, RDFS.label, Literal("Qīngsōng Xiàn", lang="zh-Latn-pinyin")))
    return g


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, tmp_path):
    loaded = Loaded(browser, write_html(graph(), tmp_path / "graph.html", title="面板"))
    yield loaded
    loaded.page.close()


def open_node(page, name):
    page.page.fill("#search", name)
    page.page.press("#search", "Enter")
    assert page.page.text_content("#panel h3") == name


def test_a_node_without_relations_shows_the_sentences_naming_it(page):
    open_node(page, LONELY)
    panel = page.page.locator("#panel")
    assert "提及 Mentioned in (2)" in panel.text_content()
    quotes = panel.locator("blockquote.mention").all_text_contents()
    assert quotes == [LONELY_SENTENCE, "当天，白杨县农技推广站还举办了培训班。"]
    assert "农技推广进田间" in panel.locator(".mentions").text_content()


def test_hide_isolated_nodes(page):
    total = page.js("aidkg.data.nodes.length")
    assert page.js("aidkg.network.body.nodeIndices.length") == total
    page.page.check("#hide-isolated")
    shown = page.js("aidkg.network.body.nodeIndices.length")
    assert shown == total - 1 and page.js("aidkg.shown.nodes") == total - 1
    lonely = page.js(f"aidkg.data.nodes.findIndex(n => n.label === '{LONELY}')")
    assert lonely not in page.js("aidkg.network.body.nodeIndices")
    # a node whose only relations are filtered out becomes isolated too
    page.page.click('#legend-relations li[data-relation="dispatchedBy"]')
    assert page.js("aidkg.network.body.nodeIndices.length") == shown - 1
    page.page.uncheck("#hide-isolated")
    assert page.js("aidkg.network.body.nodeIndices.length") == total
    assert page.errors == []


def test_the_panel_gives_the_correction_line(page, tmp_path):
    open_node(page, fx.COUNTY)
    pg = page.page
    pg.click("#panel details.correct summary")
    line = pg.locator("#panel .correct-line")
    assert line.input_value() == '- {delete: "青松县"}'
    pg.select_option("#panel .correct-op", "rename")
    pg.fill("#panel .correct-value", "青松市")
    assert line.input_value() == '- {rename: "青松县", to: "青松市"}'
    pg.select_option("#panel .correct-op", "retype")
    pg.select_option("#panel .correct-class", "Prefecture")
    assert line.input_value() == '- {retype: "青松县", to: "Prefecture"}'
    pg.click("#panel .correct-copy")
    # the line reads back as a correction
    from aidkg import corrections

    path = tmp_path / "corrections.yaml"
    path.write_text(line.input_value() + "\n", encoding="utf-8")
    c = corrections.load(path).items[0]
    assert (c.op, c.node, c.value) == ("retype", "青松县", "Prefecture")
    # a relation's reject line
    pg.locator("#panel .rel .reject-copy").first.click()
    assert line.input_value().startswith("- {reject: [") and '"青松县"' in line.input_value()


def test_supports_is_an_arrow_and_its_pairing_is_not_drawn_twice(page):
    edges = page.js("""aidkg.data.edges.filter(e => {
        const a = aidkg.data.nodes[e.from].label, b = aidkg.data.nodes[e.to].label;
        return (a === '东川省' && b === '青松县') || (a === '青松县' && b === '东川省'); })
        .map(e => [aidkg.data.relations[e.r].name, aidkg.network.body.edges[e.id].options.arrows.to.enabled])""")
    assert edges == [["supports", True]]
    paired = page.js("""aidkg.data.edges.filter(e => aidkg.data.relations[e.r].name === 'pairedWith')
        .map(e => aidkg.network.body.edges[e.id].options.arrows.to.enabled)""")
    assert paired and not any(paired)


def test_names_switch_to_english_and_pinyin(page):
    county = page.js("aidkg.data.nodes.findIndex(n => n.label === '青松县')")
    page.page.select_option("#lang", "en")
    assert page.js(f"aidkg.network.body.nodes[{county}].options.label") == "Qingsong County"
    # an entity with no English name shows its pinyin, or else its Chinese name
    assert page.js(f"aidkg.data.nodes.findIndex(n => n.label === '{LONELY}')") >= 0
    page.page.select_option("#lang", "zh-latn-pinyin")
    assert page.js(f"aidkg.network.body.nodes[{county}].options.label") == "Qīngsōng Xiàn"
    page.page.select_option("#lang", "zh-hans")
    assert page.js(f"aidkg.network.body.nodes[{county}].options.label") == "青松县"
    # the English name finds the node
    page.page.fill("#search", "Qingsong County")
    assert page.page.locator("#search-results li").first.locator(".label").text_content() == "青松县"
    assert page.errors == []


def test_a_sentence_through_a_reference_says_so_and_a_direct_one_does_not(page):
    open_node(page, fx.COUNTY)
    panel = page.page.locator("#panel")
    quotes = panel.locator("blockquote.evidence").all_text_contents()
    assert VIA_SENTENCE in quotes and "东川省对口支援青松县。" in quotes
    # one note, right under the sentence that rests on 该县
    assert panel.locator(".via").all_text_contents() == ["经由指代 via 该县 → 青松县"]
    after = page.js("""(() => { const v = document.querySelector('#panel .via');
        return v.previousElementSibling.textContent; })()""")
    assert after == VIA_SENTENCE
    assert page.errors == []
