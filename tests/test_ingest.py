"""aidkg.ingest: files → Documents (encodings, formats, metadata) and one-line errors for bad input.

All article text here is invented, in the style of reporting on paired assistance.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from aidkg.ingest import (
    IngestError, decode, detect_script, discover, plain_text_metadata, read_article, read_articles,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

SIMPLIFIED = """云岭网
首页>>新闻>>对口支援
云岭省援建青石县第二小学教学楼竣工
——对口支援助力教育发展纪实
2024年09月01日08:44  来源：云岭日报
（记者 林立新 通讯员 赵文静）
本报青石9月1日电 记者从云岭省援疆前方工作组获悉，由云岭省援建资金1950万元建设的青石县第二小学教学楼日前竣工交付。
该项目建筑面积6200平方米，可容纳学生1200名。"""

TRADITIONAL = """雲嶺網
雲嶺省援建青石縣第二小學教學樓竣工
2024-09-01 08:44 來源：雲嶺日報
本報青石9月1日電（記者 林立新）記者從雲嶺省援疆前方工作組獲悉，由雲嶺省援建資金1950萬元建設的青石縣第二小學教學樓日前竣工交付。
該項目建築面積6200平方米，可容納學生1200名。"""


def _write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def _assert_one_line_error(exc: IngestError, path: Path, *words: str) -> None:
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize("codec,text,script", [
    ("utf-8", SIMPLIFIED, "simplified"),
    ("utf-8-sig", SIMPLIFIED, "simplified"),
    ("gb18030", SIMPLIFIED, "simplified"),
    ("gb18030", TRADITIONAL, "traditional"),     # GB18030 encodes Traditional characters too
    ("big5", TRADITIONAL, "traditional"),
    ("utf-8", TRADITIONAL, "traditional"),
    ("utf-16", SIMPLIFIED, "simplified"),
])
def test_encodings_are_detected(tmp_path: Path, codec: str, text: str, script: str) -> None:
    path = _write(tmp_path, f"article-{codec}.txt", text, codec)
    doc = read_article(path)
    assert doc.text == text
    assert doc.meta.script == script
    assert doc.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc.meta.source == str(path.resolve())
    assert doc.problems == []


@pytest.mark.parametrize("text", [
    "對口支援雲嶺省，青石縣學校建成。",          # one short sentence
    "兩地結對幫扶成效顯著",
    "援建資金到位",
])
def test_short_big5_text_is_not_mistaken_for_gb18030(text: str) -> None:
    # Big5 bytes are valid GB18030 too; only the character statistics tell them apart
    assert decode(text.encode("big5")) == text


@pytest.mark.parametrize("text", ["对口支援云岭省，青石县学校建成。", "两地结对帮扶成效显著", "援建资金到位"])
def test_short_gb18030_text(text: str) -> None:
    assert decode(text.encode("gb18030")) == text


def test_crlf_line_ends_are_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, "crlf.txt", SIMPLIFIED.replace("\n", "\r\n"), "gb18030")
    doc = read_article(path)
    assert doc.text == SIMPLIFIED


def test_a_stray_byte_is_replaced_and_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "truncated.txt", SIMPLIFIED.encode("gb18030") + b"\xff")
    doc = read_article(path)
    assert doc.text.startswith(SIMPLIFIED)
    # the problem is the document's; the build prefixes the file when it reports it
    assert doc.problems and "undecodable" in doc.problems[0]


# ------------------------------------------------------------------ bad input

def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.txt", b"")
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "empty file")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "blank.md", "\ufeff \n\u3000\n", "utf-8")
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "empty")


def test_html_without_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "shell.html", "<html><head><script>x()</script></head><body> </body></html>")
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "no article text")


@pytest.mark.parametrize("data,reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NUL bytes"),
    (b"%PDF-1.7\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20 + "对口支援".encode(), "control characters"),
])
def test_binary_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "picture.txt", data)
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "binary file", reason)


def test_undecodable_file(tmp_path: Path) -> None:
    data = bytes((i * 37 + 11) % 128 + 128 for i in range(600))   # high bytes no codec reads as text
    path = _write(tmp_path, "garbage.txt", data)
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "undecodable", "GB18030", "Big5")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "no such file")


def test_folder_named_like_a_file(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.txt"
    path.mkdir()
    with pytest.raises(IngestError) as err:
        read_article(path)
    _assert_one_line_error(err.value, path, "is a folder")


def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", SIMPLIFIED)
    path.chmod(0)
    as_root = os.geteuid() == 0
    if as_root:
        os.seteuid(65534)   # root reads anything: check permissions as an unprivileged user
    try:
        with pytest.raises(IngestError) as err:
            read_article(path)
    finally:
        if as_root:
            os.seteuid(0)
    _assert_one_line_error(err.value, path, "permission denied")


# ------------------------------------------------------------------ discovery and batches

def test_discover_recurses_sorts_and_skips_others(tmp_path: Path) -> None:
    _write(tmp_path, "corpus/b.txt", SIMPLIFIED)
    _write(tmp_path, "corpus/a.HTML", "<p>对口支援</p>")
    _write(tmp_path, "corpus/sub/c.md", "# 标题\n正文")
    _write(tmp_path, "corpus/sub/d.htm", "<p>结对帮扶</p>")
    _write(tmp_path, "corpus/notes.xlsx", b"PK")
    _write(tmp_path, "corpus/.hidden.txt", SIMPLIFIED)
    _write(tmp_path, "corpus/.git/x.txt", SIMPLIFIED)
    files, errors = discover([tmp_path / "corpus", tmp_path / "corpus" / "b.txt"])
    assert errors == []
    names = [f.relative_to(tmp_path / "corpus").as_posix() for f in files]
    assert names == ["a.HTML", "b.txt", "sub/c.md", "sub/d.htm"]


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    _write(tmp_path, "scans/page1.tiff", b"II*\x00")
    _write(tmp_path, "scans/page2.jpg", b"\xff\xd8\xff")
    files, errors = discover([folder])
    assert files == []
    assert len(errors) == 1
    _assert_one_line_error(errors[0], folder, "no article files", ".txt", ".html", ".md", ".pdf", ".docx")


def test_discover_reports_missing_and_unsupported_paths(tmp_path: Path) -> None:
    sheet = _write(tmp_path, "report.xlsx", b"PK")
    missing = tmp_path / "gone"
    files, errors = discover([sheet, missing])
    assert files == []
    _assert_one_line_error(errors[0], sheet, "unsupported file type", ".xlsx")
    _assert_one_line_error(errors[1], missing, "no such file or folder")


def test_batch_with_one_bad_file_still_reads_the_good_ones(tmp_path: Path) -> None:
    _write(tmp_path, "in/1-good.txt", SIMPLIFIED, "gb18030")
    bad = _write(tmp_path, "in/2-empty.txt", b"")
    _write(tmp_path, "in/3-good.txt", TRADITIONAL, "big5")
    result = read_articles([tmp_path / "in"])
    assert [Path(d.meta.source).name for d in result.documents] == ["1-good.txt", "3-good.txt"]
    assert [str(e) for e in result.errors] == [f"{bad}: empty file"]


# ------------------------------------------------------------------ HTML and Markdown

def test_html_text_and_metadata() -> None:
    doc = read_article(FIXTURES / "paired_school.html")
    lines = doc.text.split("\n")
    assert "本报青石9月1日电 记者从云岭省援疆前方工作组获悉，由云岭省援建资金1950万元建设的青石县第二小学教学楼日前竣工交付。" in lines
    assert "该项目建筑面积6200平方米，可容纳学生1200名。" in lines      # inline <b> does not split
    assert "新学期起投入使用。" in lines                                 # <br> does
    for dropped in ("不应出现", "也不应出现", "color", "云岭网首页", "热点推荐", "版权所有", "首页"):
        assert dropped not in doc.text
    meta = doc.meta
    assert meta.title == "云岭省援建青石县第二小学教学楼竣工"
    assert meta.date == "2024-09-01"
    assert meta.author == "林立新"
    assert meta.site == "云岭网"
    assert meta.publisher == "云岭日报"
    assert meta.url == "https://news.example.org/2024/09/01/qingshi-school.html"
    assert meta.script == "simplified"


def test_html_main_text_found_without_article_element(tmp_path: Path) -> None:
    html = """<html><head><title>援建产业园首批企业投产 - 云岭网</title></head><body>
    <div class="top"><span>2024-04-12 09:30</span> <span>来源：青石县融媒体中心</span></div>
    <div class="side"><p>相关新闻</p><p>白沙县举办招商推介会</p></div>
    <div class="TRS_Editor">
      <p>4月12日，云岭省援建的青石县产业园迎来首批入驻企业投产。</p>
      <p>云岭恒远建设集团在园区投资2.6亿元建设新型建材生产线，预计年产值5亿元。</p>
      <p>园区由云岭省援疆资金支持建设，规划面积3平方公里。</p>
    </div></body></html>"""
    doc = read_article(_write(tmp_path, "park.html", html))
    # the article's paragraphs, whole and in order (trafilatura may keep a short list beside them)
    assert doc.text.split("\n")[-3:] == [
        "4月12日，云岭省援建的青石县产业园迎来首批入驻企业投产。",
        "云岭恒远建设集团在园区投资2.6亿元建设新型建材生产线，预计年产值5亿元。",
        "园区由云岭省援疆资金支持建设，规划面积3平方公里。",
    ]
    assert "来源" not in doc.text
    assert doc.meta.title == "援建产业园首批企业投产"
    assert doc.meta.date == "2024-04-12"
    assert doc.meta.publisher == "青石县融媒体中心"


def test_html_title_falls_back_to_title_tag_without_site_suffix(tmp_path: Path) -> None:
    html = ("<html><head><meta charset=\"gb2312\"><title>两县结对共建产业园区_云岭网</title>"
            "<meta property=\"article:published_time\" content=\"2023-05-03T08:44:00+08:00\"></head>"
            "<body><div><p>青石县与白沙县签署结对共建协议。</p></div></body></html>")
    path = _write(tmp_path, "zone.htm", html, "gb18030")
    doc = read_article(path)
    assert doc.meta.title == "两县结对共建产业园区"
    assert doc.meta.date == "2023-05-03"
    assert doc.text == "青石县与白沙县签署结对共建协议。"


def test_big5_html_with_declared_charset(tmp_path: Path) -> None:
    html = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">"
            "<title>雲嶺省援建醫院</title></head><body><p>雲嶺省援建的青石縣人民醫院門診樓投入使用。</p></body></html>")
    doc = read_article(_write(tmp_path, "hospital.html", html, "big5"))
    assert doc.text == "雲嶺省援建的青石縣人民醫院門診樓投入使用。"
    assert doc.meta.title == "雲嶺省援建醫院"
    assert doc.meta.script == "traditional"


def test_markdown_markup_is_stripped() -> None:
    doc = read_article(FIXTURES / "twinning_clinic.md")
    assert doc.meta.title == "青石县与云岭省共建远程医疗中心"
    assert doc.meta.date == "2024-06-18"
    assert doc.meta.publisher == "云岭卫生健康报"
    assert doc.meta.author == "赵文静"
    assert "云岭省人民医院与青石县人民医院签订结对帮扶协议，共建远程医疗中心。" in doc.text.split("\n")
    assert "项目总投资 860万元" in doc.text.split("\n")
    for markup in ("#", "**", "](", "![", "`", "---", "- "):
        assert markup not in doc.text


def test_markdown_first_heading_is_the_title(tmp_path: Path) -> None:
    doc = read_article(_write(tmp_path, "note.md", "## 援疆干部人才座谈会召开 ##\n\n### 小节\n\n正文第一段。"))
    assert doc.meta.title == "援疆干部人才座谈会召开"
    assert doc.text.split("\n") == ["援疆干部人才座谈会召开", "小节", "正文第一段。"]


def test_markdown_is_read_by_its_grammar_not_by_line_patterns(tmp_path: Path) -> None:
    md = ("---\ntitle: \"青石县结对帮扶\"\ndate: 2024-06-18\nauthor: 赵文静\n---\n\n"
          "云岭省与<span class=\"x\">青石县</span>签订协议，*援建*资金`860`万元。\n\n"
          "| 项目名称 | 建设地点 |\n|---|---|\n| [青石县第二小学](https://example.org) | 青石县 |\n\n"
          "    缩进的代码块也是正文\n\n> 引用里的句子。\n")
    doc = read_article(_write(tmp_path, "a.md", md))
    assert doc.meta.title == "青石县结对帮扶" and doc.meta.date == "2024-06-18" and doc.meta.author == "赵文静"
    assert doc.text.split("\n") == ["云岭省与青石县签订协议，援建资金860万元。", "项目名称 建设地点",
                                     "青石县第二小学 青石县", "缩进的代码块也是正文", "引用里的句子。"]


# ------------------------------------------------------------------ plain-text metadata

def test_plain_text_header_simplified() -> None:
    meta = plain_text_metadata(SIMPLIFIED)
    assert meta["site"] == "云岭网"
    assert meta["title"] == "云岭省援建青石县第二小学教学楼竣工——对口支援助力教育发展纪实"
    assert meta["date"] == "2024-09-01"
    assert meta["publisher"] == "云岭日报"
    assert meta["author"] == "林立新、赵文静"


def test_plain_text_header_traditional() -> None:
    meta = plain_text_metadata(TRADITIONAL)
    assert meta["site"] == "雲嶺網"
    assert meta["title"] == "雲嶺省援建青石縣第二小學教學樓竣工"
    assert meta["date"] == "2024-09-01"
    assert meta["publisher"] == "雲嶺日報"
    assert meta["author"] == "林立新"


def test_a_dateline_is_not_completed_with_a_year_from_the_text() -> None:
    # 2023年以来 is when the aid began, not when the story ran: a 7月20日电 alone gives no date
    text = ("白沙县召开援疆工作会议\n"
            "新华社白沙7月20日电（王大川 李小禾）2023年以来，云岭省累计安排援疆资金3.2亿元，实施项目45个。")
    meta = plain_text_metadata(text)
    assert "date" not in meta
    assert meta["author"] == "王大川、李小禾"
    assert meta["title"] == "白沙县召开援疆工作会议"


def test_dateline_without_year_leaves_date_unset() -> None:
    text = "两地结对共建\n本报白沙7月20日电 云岭省与白沙县签署合作共建协议。"
    assert "date" not in plain_text_metadata(text)


@pytest.mark.parametrize("line,publisher", [
    ("来源:云岭日报", "云岭日报"),
    ("來源：白沙縣融媒體中心", "白沙縣融媒體中心"),
    ("2024-03-02 10:15 来源：青石县人民政府网 作者：周明远", "青石县人民政府网"),
])
def test_publisher_from_source_line(line: str, publisher: str) -> None:
    text = f"援建项目开工\n{line}\n正文第一段，介绍援建项目开工情况。"
    assert plain_text_metadata(text)["publisher"] == publisher


@pytest.mark.parametrize("byline,author", [
    ("（记者王小明）", "王小明"),
    ("记者 王小明 李红", "王小明、李红"),
    ("通讯员 阿依古丽·买买提", "阿依古丽·买买提"),
    ("（王小明 摄）", "王小明"),
    ("作者：周明远", "周明远"),
])
def test_author_patterns(byline: str, author: str) -> None:
    text = f"青石县援建小学开学\n{byline}\n九月一日，青石县援建小学迎来首批学生。"
    assert plain_text_metadata(text).get("author") == author


def test_byline_and_dateline_inside_the_lead_paragraph() -> None:
    caption_first = ("图为援建学校落成仪式现场。 林立新 摄\n\n"
                     "云岭网白沙7月20日电(王大川)2023年以来，云岭省累计安排援疆资金3.2亿元。")
    meta = plain_text_metadata(caption_first)
    assert "date" not in meta                        # a dateline without its year
    assert meta["author"] == "王大川、林立新"          # reporters before photographers
    assert plain_text_metadata("通讯员赵文静5月6日上午，青石县援建项目集中开工。")["author"] == "赵文静"


def test_body_sentences_are_not_mistaken_for_bylines() -> None:
    text = ("青石县援建小学开学\n"
            "记者从青石县教育局了解到，援建小学已迎来首批学生。该校由云岭省援建，记者现场看到教学楼已投入使用。")
    assert "author" not in plain_text_metadata(text)


def test_title_skips_breadcrumbs_and_dates() -> None:
    text = "首页 >> 援疆动态\n2024-05-06\n云岭省援疆干部人才座谈会召开\n会议指出，要持续深化对口支援。"
    assert plain_text_metadata(text)["title"] == "云岭省援疆干部人才座谈会召开"


def test_no_title_when_the_text_starts_with_the_body() -> None:
    text = "云岭省对口支援青石县以来，累计投入援建资金5亿元，实施项目120个，惠及群众10万人。"
    assert "title" not in plain_text_metadata(text)


# ------------------------------------------------------------------ script

@pytest.mark.parametrize("text,script", [
    (SIMPLIFIED, "simplified"),
    (TRADITIONAL, "traditional"),
    ("著名的干部，乾坤", "simplified"),             # characters shared by both scripts
    ("Paired assistance report, no Chinese at all.", "simplified"),
    ("青石縣", "traditional"),
])
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


# ------------------------------------------------------------------ damaged and unusual encodings

LONG = SIMPLIFIED * 6


@pytest.mark.parametrize("where", [40, 301, 1200])
def test_one_stray_byte_inside_a_character_loses_nothing_else(tmp_path: Path, where: int) -> None:
    data = LONG.encode("utf-8")
    path = _write(tmp_path, "stray.txt", data[:where] + b"\xff" + data[where:])
    doc = read_article(path)
    assert doc.problems == ["1 undecodable byte sequence(s) replaced by U+FFFD (utf-8)"]
    # one run of replacement characters where at most the one damaged character was
    before = len(data[:where].decode("utf-8", "ignore"))
    damaged = doc.text.index("\ufffd")
    assert damaged in (before - 1, before) and doc.text.count("\ufffd") <= 4
    kept = doc.text.replace("\ufffd", "")
    assert kept in (LONG.strip("\n"), LONG[:damaged] + LONG[damaged + 1:])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL, "对口支援青石县", "plain ASCII text\nsecond line\n"])
def test_utf16_without_byte_order_mark(tmp_path: Path, codec: str, text: str) -> None:
    path = _write(tmp_path, "utf16.txt", text.encode(codec))
    doc = read_article(path)
    assert doc.text == text.strip("\n")
    assert doc.problems == [f"no byte-order mark: read as {codec.upper()}"]


def test_a_file_pasted_together_from_two_encodings(tmp_path: Path) -> None:
    path = _write(tmp_path, "mixed.txt", SIMPLIFIED.encode("gb18030") + b"\n" + TRADITIONAL.encode("big5"))
    doc = read_article(path)
    assert doc.problems and doc.problems[0].startswith("mixed encodings:") and "BIG5" in doc.problems[0]
    # every line of some length in its own encoding (a three-character line reads well both ways)
    expected = (SIMPLIFIED + "\n" + TRADITIONAL).split("\n")
    assert len(doc.text.split("\n")) == len(expected)
    assert all(got == want for got, want in zip(doc.text.split("\n"), expected) if len(want) > 8)
    path = _write(tmp_path, "mixed2.txt", SIMPLIFIED.encode("utf-8") + b"\n" + SIMPLIFIED.encode("gb18030"))
    assert read_article(path).text == SIMPLIFIED + "\n" + SIMPLIFIED


def test_invisible_characters_leave_the_text_and_the_names():
    from aidkg.ingest import text_document
    from aidkg.pipeline import process_text
    plain = "江苏省对口支援阿图什市。江苏省援建阿图什市第二小学。"
    marked = "\ufeff江\u200b苏省对口支援阿图\u200d什市。江苏\u2060省援建\u200e阿图什市\u00ad第二小学。"
    assert text_document(marked, source="x.txt").text == plain
    doc, ref = process_text(marked), process_text(plain)
    assert {e.key for e in doc.entities.values()} == {e.key for e in ref.entities.values()}
    assert {(r.subject.key, r.predicate, r.object.key) for r in doc.relations} == \
        {(r.subject.key, r.predicate, r.object.key) for r in ref.relations}
    # every offset indexes the text the document holds
    assert all(doc.text[m.start:m.end] == m.text(doc) and "\u200b" not in m.text(doc) for m in doc.mentions)


def test_control_characters_become_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path, "ctrl.txt", SIMPLIFIED.replace("。", "。\x1b", 1).replace("省", "省\x00", 1))
    doc = read_article(path)
    assert "\x1b" not in doc.text and "\x00" not in doc.text
    assert len(doc.text) == len(SIMPLIFIED) + 2


def test_radicals_standing_for_ideographs_are_made_the_ideographs():
    from aidkg.ingest import clean_text
    # as PDF writers spell text whose font draws 小 and ⼩, 青 and ⻘ with one glyph
    assert clean_text("云岭省援建⻘⽯县第⼆⼩学教学楼⻓期项⽬") == "云岭省援建青石县第二小学教学楼长期项目"
    assert clean_text("⺅⻓") == "亻长" and len(clean_text("⼀⼆⼗")) == 3
