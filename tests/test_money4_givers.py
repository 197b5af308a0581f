"""Givers of aid money of any kind, and lists said respectively (分别): sentences written for these
tests in the style of the reports."""
from __future__ import annotations

from aidkg.pipeline import process_text


def _triples(text: str, predicate: str) -> set[tuple[str, str]]:
    doc = process_text(text)
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == predicate}


def test_respective_givers_fund_one_project_each():
    got = _triples("常州市、无锡市分别投入300万元、500万元，援建阿合奇县供水工程和乌恰县第二小学。", "fundedBy")
    assert got == {("阿合奇县供水工程", "常州市"), ("乌恰县第二小学", "无锡市")}


def test_respective_givers_and_a_list_in_the_same_clause():
    got = _triples("常州市和无锡市分别投入300万元和500万元建设阿合奇县供水工程、乌恰县第二小学。", "fundedBy")
    assert got == {("阿合奇县供水工程", "常州市"), ("乌恰县第二小学", "无锡市")}


def test_respective_counts_that_differ_give_no_pair():
    got = _triples("常州市、无锡市、苏州市分别投入300万元，援建阿合奇县供水工程和乌恰县第二小学。", "fundedBy")
    assert got == set()


def test_respective_investors():
    got = _triples("常州天合集团、苏州恒达纺织科技有限公司分别投资2亿元、3亿元建设年产5万吨纱线项目和阿合奇县冷链物流园项目。",
                   "investedIn")
    assert got == {("常州天合集团", "年产5万吨纱线项目"), ("苏州恒达纺织科技有限公司", "阿合奇县冷链物流园项目")}


def test_a_hospital_that_gives_money_stays_an_institution_and_funds():
    doc = process_text("常州市第一人民医院投入50万元用于阿合奇县人民医院远程诊疗中心建设。")
    giver = next(e for e in doc.entities.values() if e.label == "常州市第一人民医院")
    assert giver.cls == "Institution"
    assert ("阿合奇县人民医院远程诊疗中心", "fundedBy", "常州市第一人民医院") in {
        (r.subject.label, r.predicate, r.object.label) for r in doc.relations}


def test_a_foundation_and_a_chamber_fund():
    assert ("阿合奇县第三小学", "常州市慈善基金会") in _triples("常州市慈善基金会出资80万元援建阿合奇县第三小学。", "fundedBy")
    assert ("阿合奇县青松小学", "常州市苏州商会") in _triples("常州市苏州商会援建了阿合奇县青松小学。", "fundedBy")


def test_a_body_paying_for_its_own_building_funds_nothing():
    assert _triples("阿合奇县人民医院投入300万元建设阿合奇县人民医院门诊楼。", "fundedBy") == set()


def _amounts(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {e.label: str(e.attrs["totalInvestment"]) for e in doc.entities.values() if "totalInvestment" in e.attrs}


def test_each_item_of_a_list_keeps_its_own_figure():
    got = _amounts("新签约项目包括计划总投资50亿元的青松风电场开发项目、计划总投资30亿元的白杨光伏电站建设项目、"
                   "计划总投资5亿元的阿合奇县肉牛加工项目等大项目。")
    assert got == {"青松风电场开发项目": "5000000000", "白杨光伏电站建设项目": "3000000000",
                   "阿合奇县肉牛加工项目": "500000000"}


def test_a_figure_before_a_counted_list_stays_the_lists():
    assert _amounts("常州市投入5000万元，实施总投资3000万元的阿合奇县供水工程等3个项目。") == {}


def test_a_giver_opening_a_list_item_takes_nothing_from_the_item_before():
    text = "常州天合集团投资2600万元建设青松村中药材基地、苏州恒达纺织科技有限公司投资1.7亿元异地改扩建等项目落户阿合奇县。"
    assert ("苏州恒达纺织科技有限公司", "青松村中药材基地") not in _triples(text, "investedIn")
    assert _amounts(text).get("青松村中药材基地") != "170000000"


def test_a_national_firms_short_form_without_its_legal_form_is_the_firm():
    doc = process_text("中国青松集团公司定点帮扶白杨县。青松集团还投入500万元扶持白杨县产业发展。")
    firms = [e for e in doc.entities.values() if e.cls == "Enterprise"]
    assert len(firms) == 1 and "青松集团" in firms[0].alt_labels


def test_a_school_named_then_its_total_after_a_comma_is_a_project_with_that_cost():
    assert _amounts("阿合奇县第三小学，总投资：3000万元。") == {"阿合奇县第三小学": "30000000"}
    doc = process_text("阿合奇县人民医院，总投资3000万元的门诊楼开工。")
    assert next(e for e in doc.entities.values() if e.label == "阿合奇县人民医院").cls == "Institution"
