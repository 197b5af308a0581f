"""`aidkg serve` over real HTTP: the SPARQL 1.1 Protocol, clients, limits, updates, CORS, the page."""
from __future__ import annotations

import io
import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import rdflib
from rdflib.query import Result

from aidkg.query_workers import Source
from aidkg.serve import make_server
from aidkg.store import UNION_GRAPH

from store_fixtures import A1, EXPECTED, make_store

CADRES = "SELECT ?l WHERE { ?c a aid:Cadre ; rdfs:label ?l FILTER(langMatches(lang(?l), 'zh-Hans')) }"
# four-way cross product of every triple: ~10^11 rows, far beyond any time limit
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def start(store_dir: Path, **kwargs):
    server = make_server(Source("store", str(store_dir)), port=0, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop(server, thread):
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    make_store(tmp / "store", tmp).close()
    return tmp / "store"


@pytest.fixture(scope="module")
def server(store_dir):
    srv, thread = start(store_dir, workers=2, timeout=2.0, max_rows=200)
    yield srv
    stop(srv, thread)


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.headers, res.read()  # case-insensitive names
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def cadres_from_json(body: bytes) -> set[str]:
    return {b["l"]["value"] for b in json.loads(body)["results"]["bindings"]}


EXPECTED_CADRES = {c for _, c in EXPECTED["cadres-by-donor"]}


def test_bound_to_loopback_by_default(server):
    assert server.server_address[0] == "127.0.0.1"


def test_get_query(server):
    status, headers, body = http(f"{server.url}/sparql?query={quote(CADRES)}")
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert cadres_from_json(body) == EXPECTED_CADRES


def test_post_form_and_direct_body(server):
    form = urlencode({"query": CADRES}).encode()
    status, _, body = http(f"{server.url}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and cadres_from_json(body) == EXPECTED_CADRES
    status, _, body = http(f"{server.url}/sparql", CADRES.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and cadres_from_json(body) == EXPECTED_CADRES


@pytest.mark.parametrize("accept,fmt", [("application/sparql-results+json", "json"),
                                        ("application/sparql-results+xml", "xml"),
                                        ("text/csv", "csv"), ("text/tab-separated-values", "tsv")])
def test_select_content_negotiation(server, accept, fmt):
    status, headers, body = http(f"{server.url}/sparql?query={quote(CADRES)}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert {str(r["l"]) for r in Result.parse(io.BytesIO(body), format=fmt)} == EXPECTED_CADRES


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_rows(body: bytes) -> list[list]:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_select_as_a_spreadsheet(server):
    """XLSX by Accept or by format=, for spreadsheets: a header row, then the rows."""
    for url, headers in ((f"{server.url}/sparql?query={quote(CADRES)}", {"Accept": XLSX}),
                         (f"{server.url}/sparql?query={quote(CADRES)}&format=xlsx", {})):
        status, got, body = http(url, headers=headers)
        assert status == 200 and got["Content-Type"] == XLSX
        header, *rows = sheet_rows(body)
        assert header == ["l"] and {r[0] for r in rows} == EXPECTED_CADRES


def test_accept_with_quality_values(server):
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"
    _, headers, _ = http(f"{server.url}/sparql?query={quote(CADRES)}", headers={"Accept": accept})
    assert headers["Content-Type"].startswith("application/sparql-results+xml")


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt")])
def test_construct_and_describe_content_negotiation(server, accept, fmt):
    q = "CONSTRUCT { ?c a aid:Cadre } WHERE { ?c a aid:Cadre }"
    status, headers, body = http(f"{server.url}/sparql?query={quote(q)}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=fmt)) == 3
    project = next(iter(A1.graph().subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/aidkg/ontology#Project"))))
    status, _, body = http(f"{server.url}/sparql?query={quote(f'DESCRIBE <{project}>')}", headers={"Accept": accept})
    assert status == 200 and len(rdflib.Graph().parse(data=body, format=fmt)) >= 4


def test_ask_json_and_xml(server):
    q = quote("ASK { ?x a/rdfs:subClassOf* aid:Region }")
    _, _, body = http(f"{server.url}/sparql?query={q}")
    assert json.loads(body)["boolean"] is True
    _, _, body = http(f"{server.url}/sparql?query={q}", headers={"Accept": "application/sparql-results+xml"})
    assert Result.parse(io.BytesIO(body), format="xml").askAnswer is True


def test_unacceptable_and_malformed(server):
    status, _, body = http(f"{server.url}/sparql?query={quote(CADRES)}", headers={"Accept": "image/png"})
    assert status == 406
    status, headers, body = http(f"{server.url}/sparql?query={quote('SELECT WHERE {')}")
    assert status == 400 and headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"] == "malformed query"
    status, _, _ = http(f"{server.url}/sparql", b"x", {"Content-Type": "text/plain"})
    assert status == 415


def test_dataset_parameters(server):
    q = quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a aid:Article }")
    _, _, body = http(f"{server.url}/sparql?query={q}&default-graph-uri={quote(str(A1.graph_iri))}")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
    _, _, body = http(f"{server.url}/sparql?query={q}&default-graph-uri={quote(UNION_GRAPH)}")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


def test_sparqlwrapper_against_endpoint(server):
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(CADRES)
    sw.setReturnFormat(JSON)
    assert {b["l"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]} == EXPECTED_CADRES
    sw.setMethod(POST)
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert len(doc.getElementsByTagName("result")) == 3
    sw.setQuery("ASK { ?x a aid:Project }")
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?c a aid:Cadre } WHERE { ?c a aid:Cadre }")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.queryAndConvert(), format="turtle")
    assert len(g) == 3


def test_concurrent_clients(server):
    def one(i):
        q = CADRES if i % 2 else "SELECT (COUNT(*) AS ?n) WHERE { ?p a aid:Project }"
        status, _, body = http(f"{server.url}/sparql?query={quote(q)}")
        return i, status, body

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(64)))
    for i, status, body in results:
        assert status == 200
        if i % 2:
            assert cadres_from_json(body) == EXPECTED_CADRES
        else:
            assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"


def test_runaway_query_is_stopped_and_server_keeps_answering(server):
    status, headers, body = http(f"{server.url}/sparql?query={quote(RUNAWAY)}")
    assert status == 503
    err = json.loads(body)
    assert err["error"] == "timeout" and "limit" in err["message"]
    for _ in range(3):  # the killed worker is replaced; the others answer meanwhile
        status, _, body = http(f"{server.url}/sparql?query={quote(CADRES)}")
        assert status == 200 and cadres_from_json(body) == EXPECTED_CADRES


def test_result_size_limit(server):
    status, _, body = http(f"{server.url}/sparql?query={quote('SELECT * WHERE { ?s ?p ?o }')}")
    err = json.loads(body)  # a clear client error naming the limit, never a 500 without rows
    assert status == 422 and err["error"] == "result too large" and "200 rows" in err["message"]
    status, _, body = http(f"{server.url}/sparql?query={quote('SELECT * WHERE { ?s ?p ?o } LIMIT 10')}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 10


def test_update_refused_when_read_only(server):
    upd = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for data, ctype in ((upd.encode(), "application/sparql-update"),
                        (urlencode({"update": upd}).encode(), "application/x-www-form-urlencoded")):
        status, _, body = http(f"{server.url}/sparql", data, {"Content-Type": ctype,
                                                               "Authorization": "Bearer anything"})
        assert status == 403 and json.loads(body)["error"] == "read-only"
    status, _, _ = http(f"{server.url}/sparql?query={quote('ASK { <urn:x> ?p ?o }')}")
    _, _, body = http(f"{server.url}/sparql?query={quote('ASK { <urn:x> ?p ?o }')}")
    assert json.loads(body)["boolean"] is False


def test_update_needs_the_token(tmp_path):
    make_store(tmp_path / "store", tmp_path).close()
    srv, thread = start(tmp_path / "store", workers=1, timeout=10, allow_update=True, token="s3cret")
    try:
        upd = 'INSERT DATA { <urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "新增" }'
        url = f"{srv.url}/update"
        status, headers, _ = http(url, upd.encode(), {"Content-Type": "application/sparql-update"})
        assert status == 401 and "Bearer" in headers["WWW-Authenticate"]
        status, _, _ = http(url, upd.encode(), {"Content-Type": "application/sparql-update",
                                                "Authorization": "Bearer wrong"})
        assert status == 401
        ask = f"{srv.url}/sparql?query={quote('ASK { <urn:x> ?p ?o }')}"
        assert json.loads(http(ask)[2])["boolean"] is False
        status, _, _ = http(url, upd.encode(), {"Content-Type": "application/sparql-update",
                                                "Authorization": "Bearer s3cret"})
        assert status == 204
        assert json.loads(http(ask)[2])["boolean"] is True
    finally:
        stop(srv, thread)


def test_update_without_token_is_a_startup_error(store_dir):
    with pytest.raises(ValueError, match="--token"):
        make_server(Source("store", str(store_dir)), port=0, allow_update=True)


def test_cors_off_by_default(server):
    _, headers, _ = http(f"{server.url}/sparql?query={quote(CADRES)}", headers={"Origin": "http://example.org"})
    assert headers.get("Access-Control-Allow-Origin") is None
    status, headers, _ = http(f"{server.url}/sparql", method="OPTIONS",
                              headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert headers.get("Access-Control-Allow-Origin") is None


def test_cors_for_named_origins(store_dir):
    srv, thread = start(store_dir, workers=1, timeout=10, cors_origins=["https://yasgui.example"])
    try:
        _, headers, _ = http(f"{srv.url}/sparql?query={quote(CADRES)}", headers={"Origin": "https://yasgui.example"})
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        status, headers, _ = http(f"{srv.url}/sparql", method="OPTIONS",
                                  headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type"})
        assert status == 200
        assert "POST" in headers["Access-Control-Allow-Methods"]
        assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
        _, headers, _ = http(f"{srv.url}/sparql?query={quote(CADRES)}", headers={"Origin": "https://evil.example"})
        assert headers.get("Access-Control-Allow-Origin") is None
    finally:
        stop(srv, thread)


def test_pages(server):
    status, headers, body = http(f"{server.url}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<textarea" in body
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    status, _, body = http(f"{server.url}/queries")
    names = {q["name"] for q in json.loads(body)}
    assert {"paired-with", "projects-in-region"} <= names


def test_graph_without_a_prebuilt_page(server):
    """No graph.html: a message and a form, never the whole store rendered in a worker."""
    status, headers, body = http(f"{server.url}/graph")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert b"name=\'focus\'" in body or b"name='focus'" in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def node_labels(page: bytes) -> set[str]:
    import re
    data = re.search(rb'<script type="application/json" id="aidkg-graph">(.*?)</script>', page, re.S)[1]
    return {n["label"] for n in json.loads(data)["nodes"]}


def test_graph_neighbourhood(server):
    """/graph?focus=NAME&hops=N draws only that neighbourhood, read by SPARQL."""
    status, headers, body = http(f"{server.url}/graph?focus={quote('白杨县')}&hops=1")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "unsafe-eval" in headers["Content-Security-Policy"]  # the viewer's own policy, as in its <meta>
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    near = node_labels(body)
    assert {"白杨县", "海澜市", "玉河地区", "沙泉镇", "白杨县第二中学教学楼项目"} <= near
    assert not {"红柳县", "白杨县光伏电站项目", "西岭省"} & near     # two hops away
    status, _, body = http(f"{server.url}/graph?focus={quote('白楊縣')}&hops=2")  # either script
    assert status == 200 and {"红柳县", "白杨县光伏电站项目", "东屿省"} <= node_labels(body)
    assert "红柳县物流园项目" not in node_labels(body)                # three hops away
    status, _, body = http(f"{server.url}/graph?focus={quote('没有这个地方')}")
    assert status == 404 and json.loads(body)["error"] == "not found"
    status, _, _ = http(f"{server.url}/graph?focus={quote('白杨县')}&hops=x")
    assert status == 400


def test_graph_serves_the_prebuilt_page_with_its_policy(tmp_path, store_dir):
    page = tmp_path / "graph.html"
    policy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
    page.write_text(f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{policy}">'
                    '</head><body>prebuilt</body></html>', encoding="utf-8")
    srv, thread = start(store_dir, workers=1, timeout=10, graph_html=page)
    try:
        status, headers, body = http(f"{srv.url}/graph")
        assert status == 200 and b"prebuilt" in body
        assert headers["Content-Security-Policy"].startswith(policy)
        # the timeline and map pages beside it, which graph.html links to, each with its own policy
        (tmp_path / "timeline.html").write_text(f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
                                                "timeline", encoding="utf-8")
        status, headers, body = http(f"{srv.url}/timeline.html")
        assert status == 200 and body.endswith(b"timeline") and headers["Content-Security-Policy"].startswith(policy)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        status, _, body = http(f"{srv.url}/graph.html")
        assert status == 200 and b"prebuilt" in body
        status, headers, body = http(f"{srv.url}/map.html")  # not built
        assert status == 404 and b"map.html" in body and "default-src 'none'" in headers["Content-Security-Policy"]
        status, _, _ = http(f"{srv.url}/other.html")
        assert status == 404
    finally:
        stop(srv, thread)


def test_named_query_names_are_not_paths(store_dir, tmp_path):
    """`aidkg query --name` runs only the library's own questions: `../x` is no name."""
    from typer.testing import CliRunner
    from aidkg.cli import app
    outside = tmp_path / "evil.rq"
    outside.write_text("# evil\nSELECT ?x WHERE { BIND(\"ran\" AS ?x) }\n", encoding="utf-8")
    import aidkg.query_library as ql
    rel = Path("..") / ".." / ".." / outside.with_suffix("")
    for name in (str(rel), str(outside.with_suffix("")), "../queries/paired-with"):
        r = CliRunner().invoke(app, ["query", "--store", str(store_dir), "--name", name])
        assert r.exit_code == 2 and "no named query" in r.output and "ran" not in r.output
        with pytest.raises(ql.QueryError):
            ql.get(name)


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium")
def test_query_page_in_browser(server):
    pw = pytest.importorskip("playwright.sync_api")
    expect = pw.expect
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            # the page runs under its own strict policy (no eval, only its own inline script)
            page.on("console", lambda m: "Content Security Policy" in m.text and errors.append(m.text))
            page.goto(f"{server.url}/")
            page.click("button.named[data-name='paired-with']")
            page.wait_for_selector("#result table tr >> nth=3")
            text = page.inner_text("#result")
            for a, b in EXPECTED["paired-with"]:
                assert a in text and b in text
            # a named query with a parameter: fill it in, run
            page.click("button.named[data-name='projects-in-region']")
            page.fill("input[data-param='region']", "白杨县")
            page.click("#run")
            expect(page.locator("#result tr")).to_have_count(3)
            assert "白杨县光伏电站项目" in page.inner_text("#result")
            # a paged query: its page parameters become LIMIT/OFFSET, not string literals
            page.click("button.named[data-name='investments']")
            page.fill("input[data-param='limit']", "1")
            page.fill("input[data-param='offset']", "1")
            page.click("#run")
            expect(page.locator("#result tr")).to_have_count(2)
            assert "海澜建工集团" in page.inner_text("#result")
            assert "offset 2 for the next" in page.inner_text("#status")
            # results are text, never markup
            page.fill("#query", 'SELECT ?x WHERE { BIND("<img src=x onerror=window.pwned=1>" AS ?x) }')
            page.click("#run")
            expect(page.locator("#result td")).to_have_count(1)
            assert page.inner_text("#result td") == "<img src=x onerror=window.pwned=1>"
            assert page.evaluate("window.pwned") is None
            assert page.query_selector("#result img") is None
            # errors are shown, not swallowed
            page.fill("#query", "SELECT WHERE {")
            page.click("#run")
            page.wait_for_selector("#status.error")
            assert "400" in page.inner_text("#status")
            assert not errors
        finally:
            browser.close()


def _no_outside_requests(page, base: str, outside: list) -> None:
    page.on("request", lambda r: r.url.startswith((base, "blob:", "data:")) or outside.append(r.url))


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium")
def test_query_page_money_names_and_downloads(server, tmp_path):
    """Money as 万元/亿元 with the yuan on hover, the names switch (中文/English/pinyin, remembered),
    and CSV/XLSX downloads of a named query's answer, under the page's strict policy."""
    pw = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("openpyxl")
    expect = pw.expect
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            errors, outside = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: "Content Security Policy" in m.text and errors.append(m.text))
            _no_outside_requests(page, server.url, outside)
            page.goto(f"{server.url}/")
            watch = ("window.violations = []; document.addEventListener('securitypolicyviolation',"
                     " (e) => window.violations.push(e.violatedDirective))")
            page.evaluate(watch)
            # money: sums per recipient in 亿元, the exact yuan in the cell's title
            page.click("button.named[data-name='money-by-recipient']")
            expect(page.locator("#result tr")).to_have_count(len(EXPECTED["money-by-recipient"]) + 1)
            cells = page.locator("#result td.money")
            shown = {cells.nth(i).get_attribute("data-yuan"): (cells.nth(i).inner_text(), cells.nth(i).get_attribute("title"))
                     for i in range(cells.count())}
            assert shown["470500000"] == ("4.705亿元", "470500000 元")
            assert shown["12000000"] == ("1,200万元", "12000000 元")
            assert shown["0"] == ("0元", "0 元")  # no programme figure for a county
            # counts stay counts
            assert page.locator("#result td.num:not(.money)").count() == len(EXPECTED["money-by-recipient"])
            # a value of aid:totalInvestment is money, its floor area is not
            page.click("button.named[data-name='entity']")
            page.fill("input[data-param='name']", "白杨县第二中学教学楼项目")
            page.click("#run")
            # the money table before has td.money cells too: wait for the new answer's text
            expect(page.locator("#result td.money")).to_have_count(1)
            expect(page.locator("#result td.money")).to_have_text("1,950万元")
            page.locator("#result td.money").hover()
            assert page.locator("#result td.money").get_attribute("title") == "19500000 元"
            assert "8600" in [t.strip() for t in page.locator("#result td.num:not(.money)").all_inner_texts()]
            # names: English where the graph has them, else pinyin, else Chinese; the answer follows the switch
            page.click("button.named[data-name='paired-with']")
            expect(page.locator("#result")).to_contain_text("东屿省")
            assert page.locator("input[data-param='lang']").count() == 0  # the switch is the parameter
            page.select_option("#lang", "en")
            expect(page.locator("#result")).to_contain_text("Dongyu Province")
            assert "Yuhe Prefecture" in page.inner_text("#result") and "海澜市" in page.inner_text("#result")
            page.select_option("#lang", "zh-Latn-pinyin")
            expect(page.locator("#result")).to_contain_text("Dōngyǔ Shěng")
            assert page.evaluate("window.violations") == []
            page.reload()  # remembered
            page.evaluate(watch)
            assert page.eval_on_selector("#lang", "s => s.value") == "zh-Latn-pinyin"
            page.select_option("#lang", "en")
            page.click("button.named[data-name='paired-with']")
            expect(page.locator("#result")).to_contain_text("Dongyu Province")
            # downloads of the answer: XLSX and CSV (UTF-8 with a byte-order mark, for Excel)
            with page.expect_download() as got:
                page.click("#get-xlsx")
            assert got.value.suggested_filename == "paired-with-en.xlsx"
            header, *rows = sheet_rows(Path(got.value.path()).read_bytes())
            pairs = {(r[header.index("donorLabel")], r[header.index("recipientLabel")]) for r in rows}
            assert ("Dongyu Province", "Yuhe Prefecture") in pairs and len(pairs) == len(EXPECTED["paired-with"])
            with page.expect_download() as got:
                page.click("#get-csv")
            data = Path(got.value.path()).read_bytes()
            assert got.value.suggested_filename == "paired-with-en.csv" and data.startswith(b"\xef\xbb\xbfdonor,donorLabel,")
            assert "Dongyu Province" in data.decode("utf-8-sig")
            # a query of one's own downloads too; a broken one says why instead
            page.fill("#query", "SELECT ?l WHERE { ?c a aid:Cadre ; rdfs:label ?l FILTER(lang(?l) = 'zh-Hans') }")
            with page.expect_download() as got:
                page.click("#get-xlsx")
            assert got.value.suggested_filename == "answer.xlsx"
            cadres = sheet_rows(Path(got.value.path()).read_bytes())
            assert {r[0] for r in cadres[1:]} == {c for _, c in EXPECTED["cadres-by-donor"]}
            page.fill("#query", "SELECT WHERE {")
            page.click("#get-csv")
            page.wait_for_selector("#status.error")
            assert "400" in page.inner_text("#status")
            ARTIFACTS.mkdir(exist_ok=True)
            page.click("button.named[data-name='money-by-recipient']")
            page.wait_for_selector("#result td.money")
            page.screenshot(path=str(ARTIFACTS / "query-page-money.png"), full_page=True)
            assert page.evaluate("window.violations") == []
            assert not errors and not outside, (errors, outside)
        finally:
            browser.close()


def test_aidkg_serve_command(store_dir):
    """The installed command line: starts, answers on loopback, stops on SIGINT."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.Popen([sys.executable, "-m", "aidkg.cli", "serve", "--store", str(store_dir),
                             "--port", str(port), "--workers", "1"],
                            env={**__import__("os").environ, "PYTHONPATH": src},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql?query={quote(CADRES)}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = http(url)
                break
            except urllib.error.URLError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "aidkg serve did not come up"
                time.sleep(0.2)
        assert status == 200 and cadres_from_json(body) == EXPECTED_CADRES
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert f"127.0.0.1:{port}/sparql" in proc.stderr.read()


def test_cli_query_against_an_endpoint(server, tmp_path):
    """`aidkg query --endpoint` asks another SPARQL server (here our own) with the union as default graph."""
    from typer.testing import CliRunner
    from aidkg.cli import app
    r = CliRunner().invoke(app, ["query", "--endpoint", f"{server.url}/sparql", "--name", "paired-with",
                                 "--format", "csv"])
    assert r.exit_code == 0, r.output
    got = {(row["donorLabel"], row["recipientLabel"]) for row in Result.parse(io.BytesIO(r.stdout_bytes), format="csv")}
    got = {(str(a), str(b)) for a, b in got}
    assert got == EXPECTED["paired-with"]
    r = CliRunner().invoke(app, ["query", "--endpoint", f"{server.url}/sparql", "--name", "cadres-by-donor"])
    assert r.exit_code == 0 and "林海峰" in r.output and "3 row(s)" in r.output
    # a workbook made here from the endpoint's JSON answer
    out = tmp_path / "pairs.xlsx"
    r = CliRunner().invoke(app, ["query", "--endpoint", f"{server.url}/sparql", "--name", "paired-with",
                                 "--param", "lang=en", "-o", str(out)])
    assert r.exit_code == 0, r.output
    header, *rows = sheet_rows(out.read_bytes())
    assert ("Dongyu Province", "Yuhe Prefecture") in {(r[1], r[3]) for r in rows} and header[1] == "donorLabel"
    r = CliRunner().invoke(app, ["query", "--endpoint", f"{server.url}/sparql", "SELECT WHERE {"])
    assert r.exit_code == 1 and "400" in r.output
