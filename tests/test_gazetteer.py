"""Gazetteer: division codes and short forms, XPCC grammar, resolution by context, hierarchy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aidkg import gazetteer as g
from aidkg.numerals import to_chinese, to_int

ROOT = Path(__file__).resolve().parents[1]


def texts(hits):
    return [h.text for h in hits]


def codes(hit):
    return {c.code for c in hit.candidates}


# --- numerals ---------------------------------------------------------------------------------
@pytest.mark.parametrize("numeral, value", [
    ("十二", 12), ("一二九", 129), ("四十一", 41), ("一〇四", 104), ("一零四", 104), ("一百零四", 104),
    ("二十", 20), ("十", 10), ("２２２", 222), ("17", 17), ("两百", 200),
])
def test_chinese_numerals(numeral, value):
    assert to_int(numeral) == value


@pytest.mark.parametrize("bad", ["", "十十", "一二十", "师"])
def test_non_numerals_are_rejected(bad):
    with pytest.raises(ValueError):
        to_int(bad)


def test_unit_numerals_round_trip():
    assert [to_chinese(n) for n in (3, 10, 16, 41, 104, 129)] == ["三", "十", "十六", "四十一", "一〇四", "一二九"]
    assert all(to_int(to_chinese(n)) == n for n in range(300))


# --- codes, short forms, hierarchy ------------------------------------------------------------
@pytest.mark.parametrize("name, code, level", [
    ("奇台县", "652325", "county"),
    ("海淀区", "110108", "county"),
    ("义乌市", "330782", "county"),
    ("平遥县", "140728", "county"),
    ("昌吉回族自治州", "652300", "prefecture"),
    ("新疆维吾尔自治区", "650000", "province"),
])
def test_full_names_have_official_codes(name, code, level):
    d = g.resolve(name)
    assert (d.code, d.level, d.official_code) == (code, level, code)
    assert d.key == f"region/{code}"


@pytest.mark.parametrize("short, full", [
    ("玛纳斯", "玛纳斯县"), ("呼图壁", "呼图壁县"), ("吉木萨尔", "吉木萨尔县"),
    ("昌吉州", "昌吉回族自治州"), ("博州", "博尔塔拉蒙古自治州"), ("伊犁州", "伊犁哈萨克自治州"),
    ("克州", "克孜勒苏柯尔克孜自治州"), ("察布查尔", "察布查尔锡伯自治县"), ("木垒县", "木垒哈萨克自治县"),
    ("海西州", "海西蒙古族藏族自治州"), ("新疆", "新疆维吾尔自治区"), ("广西", "广西壮族自治区"),
    ("阿克苏", "阿克苏地区"), ("乌市", "乌鲁木齐市"),
])
def test_short_forms_resolve_to_the_unit(short, full):
    assert g.resolve(short).name == full


def test_a_people_is_not_a_place():
    assert texts(g.find_all("鄂温克族群众")) == []
    assert g.resolve("鄂温克旗").code == "150724"          # 鄂温克族自治旗


def test_short_form_hits_are_marked():
    [hit] = g.find_all("他去了玛纳斯调研")
    assert (hit.text, hit.is_short_form, hit.is_ambiguous) == ("玛纳斯", True, False)
    assert codes(hit) == {"652324"}
    [hit] = g.find_all("玛纳斯县")
    assert not hit.is_short_form


def test_chain_walks_up_to_the_province():
    assert [d.code for d in g.chain("652324")] == ["652324", "652300", "650000"]
    assert [d.cls for d in g.chain("652324")] == ["County", "Prefecture", "Province"]
    assert g.province_of("330782").name == "浙江省"


def test_towns_hang_under_their_county_without_an_official_code():
    [hit] = g.find_all("板房沟镇")
    [town] = hit.candidates
    assert town.cls == "Township" and town.official_code is None
    assert town.key.startswith("region/x-")
    assert [d.code for d in g.chain(town.code)][1:] == ["650121", "650100", "650000"]


def test_compound_region_names_split_into_units():
    hits = g.find_all("昌吉州奇台县和博州精河县")
    assert texts(hits) == ["昌吉州", "奇台县", "博州", "精河县"]
    assert [g.resolve(h.text).code for h in hits] == ["652300", "652325", "652700", "652722"]


def test_one_character_abbreviations_are_not_free_text():
    assert texts(g.find_all("晋疆两地携手")) == []
    assert g.get_gazetteer().province_abbreviation("晋").name == "山西省"
    assert g.get_gazetteer().province_abbreviation("疆").code == "650000"


# --- ambiguity and common words ---------------------------------------------------------------
def test_idioms_do_not_yield_places():
    assert texts(g.find_all("实现社会长治久安")) == []
    assert texts(g.find_all("长治市的企业")) == ["长治市"]


def test_short_forms_that_are_ordinary_words_are_flagged():
    for text in ("商城", "新建", "通道"):      # 商城县, 南昌市新建区, 通道侗族自治县
        [hit] = g.find_all(text)
        assert hit.is_short_form and hit.is_ambiguous, text
    [place] = g.find_all("奇台")
    assert not place.is_ambiguous


def test_shared_and_word_names_are_flagged():
    [peace] = g.find_all("和平")
    assert peace.is_ambiguous and len(peace.candidates) > 1
    [coop] = g.find_all("合作")
    assert coop.is_ambiguous and codes(coop) == {"623001"}       # 合作市, but also the word
    [district] = g.find_all("城区")
    assert district.is_ambiguous


def test_context_picks_the_candidate_under_a_mentioned_region():
    assert g.resolve("和平", ["210000"]).code == "210102"          # 沈阳市和平区 when 辽宁 is mentioned
    assert g.resolve("和平", ["120000"]).code == "120101"          # 天津市和平区
    assert g.resolve("朝阳", ["110000"]).code == "110105"          # 北京朝阳区
    assert g.resolve("新城", ["610113"]).code == "610102"          # 西安: shares the prefecture with 雁塔区


def test_without_context_the_higher_level_wins():
    assert g.resolve("朝阳").code == "211300"                       # 朝阳市 (prefecture)
    assert g.resolve("阿克苏").level == "prefecture"
    assert g.resolve("巴州").code == "652800"                       # over 巴中市巴州区


# --- XPCC -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["第三师", "三师", "3师", "兵团第三师", "农三师", "新疆兵团第三师", "新疆生产建设兵团第三师"])
def test_division_ordinal_forms(text):
    [hit] = g.find_all(text)
    assert hit.text == text and codes(hit) == {"div-03"}


@pytest.mark.parametrize("text, slug", [("第十二师", "div-12"), ("十二师", "div-12"), ("兵团第十二师", "div-12"),
                                        ("12师", "div-12"), ("一师", "div-01"), ("第一师", "div-01"),
                                        ("1师", "div-01"), ("建工师", "div-11")])
def test_division_forms_in_the_brief(text, slug):
    assert g.resolve(text).code == slug


def test_divisions_and_paired_cities_point_at_each_other():
    gz = g.get_gazetteer()
    for n in range(1, 15):
        div = gz.by_code(f"div-{n:02d}")
        assert div.number == n and div.parent_code == "xpcc"
        if div.paired:
            city = gz.by_code(div.paired)
            assert city.level == "county" and city.paired == div.code
            assert gz.province_of(city.code).code == "650000"
    assert gz.by_code(gz.by_code("div-07").paired).name == "胡杨河市"
    assert gz.by_code("div-12").paired is None


def test_division_and_its_city_are_two_hits():
    hits = g.find_all("第七师胡杨河市")
    assert [(h.text, codes(h)) for h in hits] == [("第七师", {"div-07"}), ("胡杨河市", {"659010"})]


def test_regiment_attaches_to_the_division_the_text_names():
    [m] = g.parse_xpcc("第九师一六五团")
    assert (m.division, m.regiment, m.unit.code) == (9, 165, "reg-09-165")
    [m] = g.parse_xpcc("九师第165团")
    assert m.unit.code == "reg-09-165"
    # a regiment the table does not have still gets a unit under the named division
    [m] = g.parse_xpcc("五师九十九团")
    assert (m.unit.code, m.unit.name, m.unit.parent_code) == ("reg-05-99", "九十九团", "div-05")
    assert [d.code for d in g.chain("reg-05-99")] == ["reg-05-99", "div-05", "xpcc"]


def test_chain_parts_give_each_unit_its_span():
    [m] = g.parse_xpcc("兵团第九师一六五团场部")
    assert [(m.text[s - m.start:e - m.start], u.code) for s, e, u in m.parts] == [
        ("兵团", "xpcc"), ("第九师", "div-09"), ("一六五团", "reg-09-165")]


@pytest.mark.parametrize("text, slug", [("一二九团", "reg-07-129"), ("129团", "reg-07-129"),
                                        ("四十一团", "reg-03-41"), ("兵团一八四团", "reg-10-184"),
                                        ("一〇四团", "reg-12-104"), ("一零四团", "reg-12-104")])
def test_regiment_alone_is_found_by_its_number(text, slug):
    [hit] = g.find_all(text)
    assert codes(hit) == {slug}


def test_unknown_regiment_without_a_division_takes_the_one_in_context():
    assert g.parse_xpcc("二九九团") == []
    assert g.resolve("二九九团", ["div-04"]).code == "reg-04-299"


def test_measure_words_and_other_words_are_not_units():
    for text in ["一团和气", "乱成一团", "第一师范学院", "统一师资", "二师兄", "团结一心", "三个团队",
                 "一师一校", "名师工作室", "旅游团", "第十五师"]:
        assert g.parse_xpcc(text) == [], text


def test_farms_by_name_and_by_division():
    [hit] = g.find_all("红旗农场")
    assert hit.is_ambiguous and codes(hit) == {"farm-03-hongqi", "farm-06-hongqi"}
    assert g.resolve("第六师红旗农场").code == "farm-06-hongqi"
    assert g.resolve("红旗农场", ["652300"]).code == "farm-06-hongqi"   # it lies in 昌吉州 (吉木萨尔县)


def test_compound_unit_and_place():
    hits = g.find_all("新疆生产建设兵团第十四师昆玉市和墨玉县")
    assert [(h.text, sorted(codes(h))) for h in hits] == [
        ("新疆生产建设兵团第十四师", ["div-14"]), ("昆玉市", ["659009"]), ("墨玉县", ["653222"])]
    assert hits[0].xpcc.corps and hits[0].xpcc.division == 14


# --- data and scripts -------------------------------------------------------------------------
def test_counts_by_level():
    gz = g.get_gazetteer()
    by_level = {}
    for d in gz.units():
        by_level[d.level] = by_level.get(d.level, 0) + 1
    assert by_level["province"] == 34
    assert 330 <= by_level["prefecture"] <= 345
    assert by_level["county"] > 2900
    assert by_level["township"] > 35000
    assert by_level["division"] == 14 and by_level["corps"] == 1
    assert by_level["regiment"] > 100


def test_table_is_consistent():
    """Codes are unique and every parent exists, so chains always end at a province or the corps."""
    rows = [line.split("\t") for line in
            (ROOT / "src" / "aidkg" / "data" / "divisions.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    coded = [r[0] for r in rows if r[0]]
    assert len(coded) == len(set(coded))
    assert {r[3] for r in rows if r[3]} <= set(coded)
    gz = g.get_gazetteer()
    tops = {gz.chain(code)[-1].level for code in coded[::50]}
    assert tops == {"province"}


def test_traditional_labels():
    assert g.to_traditional("乌鲁木齐县") == "烏魯木齊縣"


def test_no_sample_article_names_in_reference_data():
    names = ROOT.parent / "shared" / "hooks" / "sample-names.txt"
    if not names.exists():
        pytest.skip("../shared is absent")
    data = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "aidkg" / "data").glob("*division*"))
    data += (ROOT / "src" / "aidkg" / "data" / "xpcc.tsv").read_text(encoding="utf-8")
    leaked = [n for n in names.read_text(encoding="utf-8").splitlines() if n and n in data]
    assert leaked == []


def test_build_script_reproduces_the_committed_table(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_divisions.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    data = ROOT / "src" / "aidkg" / "data"
    for name in ("divisions.tsv", "division_blockers.txt"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
