"""Article formats and metadata: PDF, Word, HTML through trafilatura, Markdown front matter,
metadata.csv, dates as precise as their source. Every file here is made by the test; all text is
invented."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, XSD
from typer.testing import CliRunner

from aidkg.cli import app
from aidkg.graph import document_graph
from aidkg.ingest import IngestError, read_article, text_document
from aidkg.metadata import parse_date
from aidkg.pipeline import run
from aidkg.vocab import AID

from office_fixtures import minimal_pdf, write_docx

runner = CliRunner()

WRAPPED = ["云岭省援建青石县第二小学教学楼项目总投资1950万元，由云岭",     # a sentence the page broke
           "省援疆前方指挥部组织实施。该项目建筑面积6200平方米，可容",
           "纳学生1200名。",
           "苏州恒达纺织科技有限公司投资3.5亿元在青石县建设纱线项目。"]
SENTENCE = "云岭省援建青石县第二小学教学楼项目总投资1950万元，由云岭省援疆前方指挥部组织实施。"
TABLE = [["项目名称", "建设地点", "总投资（万元）", "援建单位"],
         ["青石县第二小学教学楼", "乌恰县", "1950", "江西省"],
         ["托云乡牧民定居点供水工程", "乌恰县", "860", "江西省"]]


# ------------------------------------------------------------------ PDF

def test_pdf_text_layer_with_lines_joined_into_sentences(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(minimal_pdf(WRAPPED, title="援建小学竣工"))
    doc = read_article(path)
    assert SENTENCE in doc.text.split("\n")[0]
    assert doc.text.split("\n")[1] == WRAPPED[3]
    assert doc.meta.title == "援建小学竣工"
    doc = run(doc)
    assert any(e.label == "苏州恒达纺织科技有限公司" for e in doc.entities.values())


@pytest.mark.parametrize("data,reason", [
    (b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", "not a readable PDF"),
    (minimal_pdf([]), "no text layer"),
    (b"%PDF-" + bytes(range(256)) * 8, "not a readable PDF"),
])
def test_bad_pdfs_are_one_line_errors(tmp_path, data, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{path}: ") and reason in str(err.value)


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="Debian chromium not installed at /usr/bin/chromium")
def test_a_pdf_printed_by_a_browser(tmp_path):
    """A PDF as reporters get them: printed by Chromium with embedded CJK fonts (Noto)."""
    from playwright.sync_api import sync_playwright

    html = ("<html><head><meta charset='utf-8'><title>援建小学竣工</title></head>"
            "<body style='width:12em;font-size:14pt'>"   # narrow: the browser wraps the sentence over lines
            f"<h1>援建小学竣工</h1><p>{SENTENCE}</p><p>{WRAPPED[3]}</p></body></html>")
    path = tmp_path / "printed.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            page.set_content(html)
            page.pdf(path=str(path))
        finally:
            browser.close()
    doc = read_article(path)
    assert SENTENCE in doc.text.replace(" ", "").split("\n")
    assert WRAPPED[3] in doc.text.replace(" ", "").split("\n")
    assert doc.meta.title == "援建小学竣工"


# ------------------------------------------------------------------ Word

def test_docx_paragraphs_tables_and_properties(tmp_path):
    path = write_docx(tmp_path / "notice.docx", ["援建项目公示", "现将江西省援建项目公示如下：", "公示期为7天。"],
                      table=TABLE, title="援建项目公示", author="林立新", table_after=2)
    doc = read_article(path)
    lines = doc.text.split("\n")
    assert lines == ["援建项目公示", "现将江西省援建项目公示如下：", "项目名称 建设地点 总投资（万元） 援建单位",
                     "青石县第二小学教学楼 乌恰县 1950 江西省", "托云乡牧民定居点供水工程 乌恰县 860 江西省", "公示期为7天。"]
    assert (doc.meta.title, doc.meta.author) == ("援建项目公示", "林立新")
    doc = run(doc)
    amounts = {e.label: e.attrs.get("totalInvestment") for e in doc.entities.values() if e.cls == "Project"}
    assert amounts.get("托云乡牧民定居点供水工程") == 8_600_000     # the table rows are read


def test_bad_docx_files_are_one_line_errors(tmp_path):
    old_doc = tmp_path / "old.docx"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))     # a .doc renamed
    not_word = tmp_path / "sheet.docx"
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/padding.xml", b"\0" * (210 * 1024 * 1024))   # 210 MB of zeros, 200 KB packed
    assert bomb.stat().st_size < 1024 * 1024
    for path, reason in ((old_doc, "not a zip package"), (not_word, "no word/document.xml"), (bomb, "unpacks to")):
        with pytest.raises(IngestError) as err:
            read_article(path)
        assert "\n" not in str(err.value) and str(path) in str(err.value) and reason in str(err.value)


def test_pdf_and_docx_build_beside_text_and_others_are_listed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.pdf").write_bytes(minimal_pdf(WRAPPED))
    write_docx(corpus / "b.docx", ["云岭省对口支援青石县。", "江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市。"])
    (corpus / "c.txt").write_text("天津市选派的援疆干部赵文博任于田县副县长。", encoding="utf-8")
    (corpus / "d.xlsx").write_bytes(b"PK\x03\x04")
    (corpus / "e.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    res = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0, res.output
    assert "articles read: 3" in res.output
    skipped = [line for line in res.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2 and all("unsupported type" in line for line in skipped)


# ------------------------------------------------------------------ HTML

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>云岭省援建青石县第二小学教学楼竣工_云岭网</title>
<meta property="og:site_name" content="云岭网">
{meta}
</head><body><div class="nav"><a href="/">首页</a></div>
<div class="article"><h1>云岭省援建青石县第二小学教学楼竣工</h1>
<div class="info">来源：云岭日报 作者：林立新</div>
<div class="content"><p>本报青石讯 {sentence}</p><p>该项目建筑面积6200平方米，可容纳学生1200名。</p>
<p>苏州恒达纺织科技有限公司投资3.5亿元在青石县建设年产5万吨纱线项目，项目于2023年5月开工。</p></div></div>
<div class="footer">版权所有 云岭网</div></body></html>"""


@pytest.mark.parametrize("meta,date", [
    ('<meta name="publishdate" content="2024-09-01 08:44:00">', "2024-09-01"),
    ('<meta property="article:published_time" content="2024-09">', "2024-09"),   # no day invented
    ('<meta name="pubdate" content="2024年9月1日">', "2024-09-01"),
    ('<meta name="date" content="2024">', "2024"),
    ("", None),                                       # the body's 2023年5月 is no publication date
])
def test_html_through_trafilatura_dates_as_precise_as_stated(tmp_path, meta, date):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=meta, sentence=SENTENCE), encoding="utf-8")
    doc = read_article(path)
    assert doc.meta.date == date
    assert doc.meta.title == "云岭省援建青石县第二小学教学楼竣工"
    assert (doc.meta.site, doc.meta.publisher) == ("云岭网", "云岭日报")
    assert SENTENCE in doc.text and "版权所有" not in doc.text and "首页" not in doc.text


def test_trafilatura_is_pinned_and_reads_pages_offline(tmp_path):
    """The extractor makes no request: run with every socket connection refused."""
    import importlib.metadata
    pinned = [r for r in importlib.metadata.requires("aidkg") if r.startswith("trafilatura")]
    assert pinned and "==" in pinned[0] and importlib.metadata.version("trafilatura") == pinned[0].split("==")[1]
    # trafilatura's justext needs lxml.html.clean, a package of its own since lxml 6 that lxml 6.2's
    # extras no longer bring: without it every HTML page fails at `import trafilatura`
    assert any(r.startswith("lxml_html_clean") for r in importlib.metadata.requires("aidkg"))
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta='<meta name="publishdate" content="2024-09-01">', sentence=SENTENCE), encoding="utf-8")
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('network used')\n"
            "socket.socket.connect = refuse; socket.create_connection = refuse\n"
            "from aidkg.ingest import read_article\n"
            f"doc = read_article({str(path)!r})\n"
            "print(doc.meta.date, doc.meta.title)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2024-09-01", "云岭省援建青石县第二小学教学楼竣工"]


@pytest.mark.parametrize("depth", [2_000, 50_000])
def test_deeply_nested_markup_is_read_as_text(tmp_path, depth):
    html = "<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth + "</body></html>"
    doc = text_document(html, source="deep.html", fmt="html")
    assert doc.text == SENTENCE
    assert doc.problems and "nested" in doc.problems[0]


# ------------------------------------------------------------------ Markdown front matter and metadata.csv

def test_markdown_front_matter(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: 援建小学竣工\ndate: 2024-03\nauthors: [林立新, 赵文静]\nsource: 云岭日报\n"
                    "url: https://example.org/a.html\ntags: [援疆]\n---\n# 标题不取\n\n" + SENTENCE, encoding="utf-8")
    doc = read_article(path)
    m = doc.meta
    assert (m.title, m.date, m.author, m.publisher, m.url) == (
        "援建小学竣工", "2024-03", "林立新、赵文静", "云岭日报", "https://example.org/a.html")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n" + SENTENCE, encoding="utf-8")
    doc = read_article(bad)
    assert doc.problems and "front matter is not YAML" in doc.problems[0] and doc.text == SENTENCE


def test_metadata_csv_beside_the_articles_wins(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("新华社青石1月27日电 " + SENTENCE, encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / "c.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,title,date,url,publisher\n"
        "a.txt,援建小学竣工,2026-01-27,https://example.org/a,云岭日报\n"
        "sub/b.txt,结对帮扶,2025-06,,\n"
        "c.txt,,soon,,\n", encoding="utf-8")
    a, b, c = (read_article(corpus / name) for name in ("a.txt", "sub/b.txt", "c.txt"))
    assert (a.meta.title, a.meta.date, a.meta.url, a.meta.publisher) == (
        "援建小学竣工", "2026-01-27", "https://example.org/a", "云岭日报")
    assert (b.meta.title, b.meta.date) == ("结对帮扶", "2025-06")
    assert c.meta.date is None and any("'soon' is no date" in p for p in c.problems)
    # a changed row is a changed article: the next build takes it again
    before = a.content_hash
    (corpus / "metadata.csv").write_text("file,title,date\na.txt,援建小学竣工,2026-01-28\n", encoding="utf-8")
    assert read_article(corpus / "a.txt").content_hash != before
    res = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0 and "skipped: 0" in res.output, res.output
    # a rebuild sees a changed row although the article file did not change
    import time
    time.sleep(0.01)
    (corpus / "metadata.csv").write_text("file,title,date\na.txt,援建小学竣工,2026-01-29\n", encoding="utf-8")
    res = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0 and "built: 1" in res.output, res.output
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    assert rdflib.Literal("2026-01-29", datatype=XSD.date) in set(g.objects(None, DCTERMS.date))


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("value,expected", [
    ("2023-05-03T08:44:00+08:00", "2023-05-03"), ("2023年05月03日08:44", "2023-05-03"), ("2023/5/3", "2023-05-03"),
    ("2023年5月", "2023-05"), ("2023-05", "2023-05"), ("2023", "2023"), ("2023年", "2023"),
    ("5月3日", None), ("2023-13", None), ("2023-02-30", None), ("tomorrow", None), ("", None),
])
def test_parse_date_keeps_the_precision_of_its_source(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("date,datatype", [("2024-03-18", XSD.date), ("2024-03", XSD.gYearMonth), ("2024", XSD.gYear)])
def test_article_date_is_typed_with_its_precision(date, datatype):
    from aidkg.validate import validate
    doc = run(text_document(SENTENCE, source="/tmp/x.txt"))
    doc.meta.date = date
    g = document_graph(doc)
    (value,) = list(g.objects(None, DCTERMS.date))
    assert value == rdflib.Literal(date, datatype=datatype)
    assert validate(g).conforms
