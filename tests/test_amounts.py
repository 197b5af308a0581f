"""Money on projects (aid:totalInvestment is the project's whole cost) and figures about many
projects (aggregate facts), on sentences written for these tests."""
from __future__ import annotations

from decimal import Decimal

from aidkg.pipeline import process_text


def _amounts(text: str) -> dict[str, Decimal]:
    doc = process_text(text)
    return {e.label: e.attrs["totalInvestment"] for e in doc.entities.values() if "totalInvestment" in e.attrs}


def _facts(text: str) -> list[tuple]:
    doc = process_text(text)
    return [(f.amount, f.donor.label if f.donor else None, f.recipient.label if f.recipient else None,
             f.project_count) for f in doc.facts]


def test_a_total_before_the_name_goes_to_the_project_named():
    assert _amounts("总投资1.2亿元的阿合奇县供水工程正式开工。") == {"阿合奇县供水工程": Decimal(120000000)}


def test_money_spent_so_far_or_a_first_phase_is_no_total():
    assert _amounts("阿图什市第三小学建设项目已完成投资3500万元，完成年度计划的60%。") == {}
    assert _amounts("阿合奇县冰川矿泉水项目签约落地，项目首期投资1.2亿元。") == {}
    assert _amounts("阿合奇县冰川矿泉水项目签约落地，项目总投资1.2亿元。") == {"阿合奇县冰川矿泉水项目": Decimal(120000000)}


def test_a_figure_written_before_an_unrecognised_name_is_not_the_topics():
    text = "阿图什市第三小学建设项目开工。总投资6亿元的恒达纺织无纺布项目预计年底投产。"
    assert "阿图什市第三小学建设项目" not in _amounts(text)


def test_a_project_total_in_mid_sentence_belongs_to_that_sentence_not_to_the_topic():
    text = ("常州市代表团考察了阿合奇县供水工程。阿合奇县与常州恒达公司就开发冰川矿泉水达成协议，"
            "项目总投资6000万元。")
    assert _amounts(text) == {}


def test_money_for_a_list_of_projects_is_an_aggregate_with_its_giver_and_receiver():
    text = "常州市累计向阿合奇县投入3200万元，实施阿合奇县第一幼儿园建设项目、阿合奇县供水工程等4个项目。"
    assert _amounts(text) == {}
    assert _facts(text) == [(Decimal(32000000), "常州市", "阿合奇县", 4)]


def test_many_projects_counted_loosely_are_an_aggregate():
    text = "常州市协助阿合奇县引进90多个产业项目，计划总投资约17亿元。"
    assert _amounts(text) == {}
    assert [f[3] for f in _facts(text)] == [90]


def test_the_donor_of_n_projects_is_the_one_named_with_the_aid_word_not_the_place_that_receives():
    text = "阿合奇县今年实施5个常州市援疆项目，项目总投资达到8000万元。"
    assert _facts(text) == [(Decimal(80000000), "常州市", "阿合奇县", 5)]
    text = "奇台县2021年7个福建援疆项目集中开工，项目总投资达到8150万元。"
    assert _facts(text) == [(Decimal(81500000), "福建省", "奇台县", 7)]


def test_money_signed_at_an_event_is_not_the_events():
    text = "苏克产业合作推介会在阿图什市举行。此次推介会上共有20家企业集中签约，总投资额超10亿元。"
    assert _amounts(text) == {}
    assert [f[0] for f in _facts(text)] == [Decimal(1000000000)]
