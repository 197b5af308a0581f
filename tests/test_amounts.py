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
    # the total is the thing the two parties agree to develop (a project now), never the topic's
    assert _amounts(text) == {"冰川矿泉水": Decimal(60000000)}


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


def test_money_an_aid_verb_gives_to_the_project_it_builds_is_that_projects():
    assert _amounts("今年常州市将帮扶500万元资金拟建设阿合奇县第一幼儿园建设项目。") == {
        "阿合奇县第一幼儿园建设项目": Decimal(5000000)}
    # an aid verb's money that builds no named project is no project's (and no aggregate either)
    assert _amounts("今年常州市将帮扶500万元资金，改善阿合奇县的办学条件。") == {}
    # a gift that rebuilds a project is its cost (until the text gives the whole)
    assert _amounts("常州天合集团决定捐资500万元重建阿合奇县第一小学教学楼。") == {
        "阿合奇县第一小学教学楼": Decimal(5000000)}
    assert _amounts("常州天合集团捐资500万元，用于学生奖学金。") == {}


def test_each_of_as_many_givers_as_projects_gives_the_sum_to_one():
    text = "常州、无锡2市将分别帮扶300万元，拟实施阿合奇县供水工程、乌恰县人民医院改扩建项目等2个民生项目。"
    assert _amounts(text) == {"阿合奇县供水工程": Decimal(3000000), "乌恰县人民医院改扩建项目": Decimal(3000000)}
    # three givers for two projects: whose share is whose is not said
    text = "常州、无锡、苏州3市将分别帮扶300万元，拟实施阿合奇县供水工程、乌恰县人民医院改扩建项目等2个民生项目。"
    assert _amounts(text) == {}


def test_a_subjectless_clause_costs_the_project_the_sentence_opens_with():
    text = "阿合奇县供水工程是阿合奇县城乡一体化项目的一部分，由常州市投资建设，总投资1.5亿元。"
    assert _amounts(text) == {"阿合奇县供水工程": Decimal(150000000)}


def test_a_planned_investment_said_of_the_project_the_clause_opens_with_is_its_total():
    assert _amounts("阿合奇县第二中学建设项目计划投资6000万元，今年完成投资3000万元。") == {
        "阿合奇县第二中学建设项目": Decimal(60000000)}
    assert _amounts("恒达纺织年产5万吨纱线项目计划投资3亿元。") == {"年产5万吨纱线项目": Decimal(300000000)}
    assert _amounts("阿合奇县第二中学建设项目今年计划投资6000万元。") == {}  # a year's plan


def test_items_each_with_a_firm_and_a_figure_keep_their_own_figures():
    assert _amounts("包括常州天合集团在阿合奇县投资2.5亿元建设光伏发电项目、苏州恒达纺织科技有限公司在阿合奇县投资1.5亿元"
                    "建设冰川矿泉水生产项目、无锡锦华服饰有限公司投资1亿元建设年产10万件服装项目等。") == {
        "光伏发电项目": Decimal(250000000), "冰川矿泉水生产项目": Decimal(150000000), "年产10万件服装项目": Decimal(100000000)}


def test_money_spread_over_many_villages_or_schools_is_no_projects():
    assert _amounts("常州市投入援疆资金3000万元，在阿合奇县10个村实施农村道路硬化项目。") == {}
    assert _amounts("常州市投入援疆资金3000万元，在阿合奇县建设青松乡卫生院。") == {"青松乡卫生院": Decimal(30000000)}


def test_a_projects_planned_investment_is_its_total_a_years_plan_is_not():
    text = "阿合奇县冰川矿泉水项目签约落地。该项目计划投资1.8亿元，建设厂房和冷库。"
    assert _amounts(text) == {"阿合奇县冰川矿泉水项目": Decimal(180000000)}
    text = "阿合奇县冰川矿泉水项目签约落地。该项目今年计划投资1.8亿元。"
    assert _amounts(text) == {}


def test_the_owner_firm_named_before_its_project_keeps_the_total_the_projects():
    text = "计划总投资6000万元的苏州恒达纺织科技有限公司年产5万吨纱线项目在阿图什市开工。"
    assert _amounts(text) == {"年产5万吨纱线项目": Decimal(60000000)}


def test_the_project_a_sentence_opens_with_costs_the_total_whatever_it_names_next():
    text = "“阿合奇县文体中心”位于阿合奇县城东，占地面积近100亩，总投资约1.7亿元，包括阿合奇县图书馆建设项目、阿合奇县文化馆建设项目。"
    assert _amounts(text)["阿合奇县文体中心"] == Decimal(170000000)
    # two projects open the sentence: the total is neither's
    text = "阿合奇县供水工程、阿合奇县第一幼儿园建设项目相继开工，总投资1.7亿元，带动阿合奇县冷链物流园项目落地。"
    assert _amounts(text) == {}


def test_a_figure_in_yi_without_its_yuan_is_money_after_an_investment_word():
    assert _amounts("阿合奇县供水工程位于阿合奇县城东，总投资1.45亿。") == {"阿合奇县供水工程": Decimal(145000000)}
    # a yearly output is no investment
    assert _amounts("阿合奇县冷链物流园项目投产后年产值可达3亿。") == {}


def test_an_estimated_total_or_the_money_put_in_is_the_subject_projects():
    text = "阿合奇县供水工程(一期)，估算总投资5676万元，常州市援助2000万元、县自筹资金3676万元。"
    assert _amounts(text) == {"阿合奇县供水工程": Decimal(56760000)}
    text = "阿合奇县人民医院门诊楼建设项目是全县重大民生工程，投入资金8000万元，设置床位300张。"
    assert _amounts(text) == {"阿合奇县人民医院门诊楼建设项目": Decimal(80000000)}


def test_one_among_many_projects_is_no_aggregate():
    text = "阿合奇县供水工程是常州援疆117个重点项目之一，于2012年6月开工建设，总投资3.3亿元。"
    assert _amounts(text) == {"阿合奇县供水工程": Decimal(330000000)}
    text = "常州援疆117个重点项目于2012年6月开工建设，总投资3.3亿元。"
    assert _amounts(text) == {}


def test_money_for_a_part_named_inside_a_larger_project_is_the_parts():
    text = "常州市投入3500万元新建阿合奇县人民医院改扩建项目中的阿合奇县急救中心建设项目。"
    assert _amounts(text) == {"阿合奇县急救中心建设项目": Decimal(35000000)}


def test_a_category_or_a_sum_before_xiangmu_names_no_project():
    doc = process_text("阿合奇县第一幼儿园项目总投资4000万元，为常州市全额投资类项目。阿图什：8000万投资项目正式开工。")
    labels = {e.label for e in doc.entities.values() if e.cls == "Project"}
    assert "常州市全额投资类项目" not in labels and "8000万投资项目" not in labels
    assert "阿合奇县第一幼儿园项目" in labels


def test_money_for_a_list_closed_by_deng_xiangmu_or_for_coordinated_subjects_is_no_ones_total():
    text = "今年共投入援疆资金3100万元，建设阿合奇县第一中学科技楼、阿合奇县第一中学图书馆等项目。"
    assert _amounts(text) == {}
    text = "阿合奇县第二中学和阿合奇县第三小学是江苏常州援疆项目，总投资1亿多元。"
    assert _amounts(text) == {}


def test_money_that_builds_with_dazao_is_the_projects():
    text = "常州天合集团投入350万元，在青松村打造青松村食用菌产业示范基地。"
    assert _amounts(text) == {"青松村食用菌产业示范基地": Decimal(3500000)}


def test_a_size_between_the_figure_and_the_project_keeps_the_figure_the_projects():
    text = "常州市投资3000万元建设的建筑面积5200平方米的阿合奇县第一幼儿园建设项目正式开园。"
    assert _amounts(text) == {"阿合奇县第一幼儿园建设项目": Decimal(30000000)}
    text = "占地15995平方米的青松镇安置小区建设项目总投资达3650万元，是青松镇首个易地安置小区。"
    assert _amounts(text) == {"青松镇安置小区建设项目": Decimal(36500000)}


def test_the_whole_cost_said_after_the_donors_money_is_the_total():
    text = "常州市投入援疆资金3000万元，建设阿合奇县第一幼儿园建设项目，项目总投资4500万元。"
    assert _amounts(text) == {"阿合奇县第一幼儿园建设项目": Decimal(45000000)}
    # without a whole cost, the money that builds the project stands for it
    text = "常州市投入援疆资金3000万元，建设阿合奇县第一幼儿园建设项目，年内完工。"
    assert _amounts(text) == {"阿合奇县第一幼儿园建设项目": Decimal(30000000)}
    # a total said first is kept
    text = "阿合奇县第一幼儿园建设项目总投资4500万元。常州市投入援疆资金3000万元，建设阿合奇县第一幼儿园建设项目。"
    assert _amounts(text) == {"阿合奇县第一幼儿园建设项目": Decimal(45000000)}


def test_a_total_said_after_a_list_of_projects_is_no_items():
    text = "此次在阿合奇县投资的文旅项目为青松文化产业园、白杨村文化走廊建设项目，项目总投资为36亿元。"
    assert _amounts(text) == {}
    # the words after the first item go on listing what the money builds
    text = "拟投资1360万元，新建阿合奇县青松乡小学教辅用房、学生宿舍、学生食堂及其他配套工程。"
    assert _amounts(text) == {}
    text = "拟投资1360万元，新建阿合奇县青松乡小学教学楼。"
    assert _amounts(text) == {"阿合奇县青松乡小学教学楼": Decimal(13600000)}


def test_a_speakers_project_total_is_the_project_named_last():
    text = ("在阿合奇县工业园，恒达纺织科技有限公司年产5万吨纱线项目正在建设。"
            "该公司董事长介绍说，项目总投资23亿元，目前正在进行一期建设。")
    assert _amounts(text) == {"年产5万吨纱线项目": Decimal(2300000000)}
