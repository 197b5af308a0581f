"""Recall of money relations on the shapes unseen reporting uses for them (issue 9): every item of
a list a donor built, a new village built with a donor's money, figures said of each listed
project, firms settling in a park or setting up a named subsidiary. Sentences written for these
tests (invented firms, real place names)."""
from __future__ import annotations

from decimal import Decimal

from aidkg.pipeline import process_text


def _triples(text: str, predicate: str) -> set[tuple[str, str]]:
    doc = process_text(text)
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == predicate}


def _amounts(text: str) -> dict[str, Decimal]:
    doc = process_text(text)
    return {e.label: e.attrs["totalInvestment"] for e in doc.entities.values() if "totalInvestment" in e.attrs}


def test_every_facility_of_a_list_a_donor_built_is_the_donors():
    for text in ("阿合奇县第一小学、阿合奇县第二中学和阿合奇县第三小学都是常州市援建的。",
                 "常州市出资修建了阿合奇县第一小学、阿合奇县第二中学和阿合奇县第三小学。",
                 "常州市援建的阿合奇县第一小学、阿合奇县第二中学和阿合奇县第三小学相继投入使用。"):
        funded = _triples(text, "fundedBy")
        assert {("阿合奇县第一小学", "常州市"), ("阿合奇县第二中学", "常州市"), ("阿合奇县第三小学", "常州市")} <= funded, text


def test_works_completed_while_a_donor_aided_a_place_are_the_donors_only_when_completed():
    funded = _triples("常州市支援阿合奇县期间，阿合奇县第一小学、阿合奇县第二中学等工程相继投入使用。", "fundedBy")
    assert funded == {("阿合奇县第一小学", "常州市"), ("阿合奇县第二中学", "常州市")}
    assert _triples("常州市支援阿合奇县期间，阿合奇县第一小学、阿合奇县第二中学的学生多了一倍。", "fundedBy") == set()


def test_a_new_village_built_with_a_donors_money_is_a_project_it_funded():
    for text in ("阿合奇县常州新村是常州市出资1200万元援建的安居示范项目。",
                 "阿合奇县青松乡常州新村由常州市援疆资金1200万元建设。"):
        doc = process_text(text)
        village = next(e for e in doc.entities.values() if e.label.endswith("常州新村"))
        assert village.cls == "Project", text
        assert (village.label, "常州市") in _triples(text, "fundedBy"), text
        assert village.attrs.get("totalInvestment") == Decimal(12000000), text


def test_a_figure_said_of_each_listed_project_goes_to_every_one():
    assert _amounts("阿合奇县供水工程、阿合奇县第三小学建设项目和阿合奇县敬老院改扩建项目总投资各1200万元。") == {
        "阿合奇县供水工程": Decimal(12000000), "阿合奇县第三小学建设项目": Decimal(12000000),
        "阿合奇县敬老院改扩建项目": Decimal(12000000)}
    # a figure said of the people each has is no money
    assert _amounts("阿合奇县供水工程和阿合奇县第三小学建设项目各有工人200人。") == {}


def test_a_figure_in_brackets_after_a_name_is_that_projects():
    assert _amounts("阿合奇县供水工程（投资300万元）、阿合奇县第三小学建设项目（200万元）已竣工。") == {
        "阿合奇县供水工程": Decimal(3000000), "阿合奇县第三小学建设项目": Decimal(2000000)}


def test_firms_settling_in_a_park_invest_in_it():
    text = "阿合奇县常州工业园已有常州天合集团、苏州恒达纺织科技有限公司等12家企业入驻。"
    assert _triples(text, "investedIn") == {("常州天合集团", "阿合奇县常州工业园"),
                                             ("苏州恒达纺织科技有限公司", "阿合奇县常州工业园")}
    # people of a firm settle, the firm invests nothing
    assert _triples("阿合奇县常州工业园已有常州天合集团的干部入驻。", "investedIn") == set()


def test_a_named_subsidiary_set_up_in_a_county_is_the_parents_investment():
    text = "常州天合集团在阿合奇县成立全资子公司阿合奇天合光伏科技有限公司。"
    assert {("常州天合集团", "阿合奇天合光伏科技有限公司"), ("常州天合集团", "阿合奇县")} <= _triples(text, "investedIn")


def test_a_donor_found_for_one_item_of_a_list_is_every_items():
    funded = _triples("阿合奇县供水工程、阿合奇县第三小学建设项目和阿合奇县敬老院改扩建项目均由常州市援建。", "fundedBy")
    assert {p for p, _ in funded} == {"阿合奇县供水工程", "阿合奇县第三小学建设项目", "阿合奇县敬老院改扩建项目"}
    # 分别 pairs them one to one: no donor is every item's
    funded = _triples("阿合奇县供水工程和阿合奇县第三小学建设项目分别由常州市和无锡市援建。", "fundedBy")
    assert ("阿合奇县供水工程", "无锡市") not in funded and ("阿合奇县第三小学建设项目", "常州市") not in funded


def test_aid_money_named_by_its_programme_is_the_articles_donors():
    text = ("江苏援疆项目稳步推进。阿合奇县第三小学建设项目总投资3000万元，全部使用援疆资金。"
            "援疆资金建设的阿合奇县第四幼儿园已交付。")
    assert _triples(text, "fundedBy") >= {("阿合奇县第三小学建设项目", "江苏省"), ("阿合奇县第四幼儿园", "江苏省")}
    # no donor named with the programme: none
    assert _triples("阿合奇县第三小学建设项目总投资3000万元，全部使用援疆资金。", "fundedBy") == set()


def test_the_works_a_budget_paragraph_reports_on_are_the_donors_and_only_in_that_paragraph():
    text = ("2016年，常州市投入援疆资金2.6亿元。截至6月底，阿合奇县供水工程已完工；阿合奇县第三小学建设项目主体完工。\n"
            "阿合奇县敬老院改扩建项目已开工。")
    funded = _triples(text, "fundedBy")
    assert {("阿合奇县供水工程", "常州市"), ("阿合奇县第三小学建设项目", "常州市")} <= funded
    assert ("阿合奇县敬老院改扩建项目", "常州市") not in funded


def test_figures_grouped_by_thousands_are_money_and_a_ceiling_is_no_cost():
    assert _amounts("总投资3,000万元的阿合奇县第三小学建设项目开工。") == {"阿合奇县第三小学建设项目": Decimal(30000000)}
    assert ("阿合奇县第三小学", "常州市") in _triples("常州市将投入3,000万元援建阿合奇县第三小学。", "fundedBy")
    assert _amounts("常州市将投入不超过3,000万元援建阿合奇县第三小学。") == {}
