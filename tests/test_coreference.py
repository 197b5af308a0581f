"""Reference across clauses and sentences (aidkg.reference): which entity 该项目/该市/该校/该县, 我省 and a
counted list head (等5个…示范村项目) stand for, and what the relation rules and the money stage then
say of it. Sentences are our own; the places are real divisions (the gazetteer's), the rest invented."""
from __future__ import annotations

from decimal import Decimal

from aidkg import reference
from aidkg.pipeline import process_text


def refs(doc):
    """{(expression as written, sentence): label of the entity it was bound to}"""
    return {(doc.norm[m.start:m.end], m.sentence): m.entity.label
            for m in doc.mentions if m.source.startswith("coref") and m.entity is not None}


def rels(doc):
    return {(r.subject.label, r.predicate, r.object.label) for r in doc.relations if r.method != "reference-data"}


def amount(doc, label):
    return next((e.attrs.get("totalInvestment") for e in doc.entities.values() if e.label == label), None)


# --- 该项目: the whole, not an item listed as its parts -------------------------------------------------

def test_this_project_is_the_whole_not_the_last_listed_part():
    doc = process_text("温宿县文化中心位于温宿县城东新区，包括图书馆、文化馆和天山剧院。该项目由浙江省援建，总投资8000万元。")
    assert refs(doc)[("该项目", 1)] == "温宿县文化中心"
    assert ("温宿县文化中心", "fundedBy", "浙江省") in rels(doc)
    assert ("天山剧院", "fundedBy", "浙江省") not in rels(doc)
    assert amount(doc, "温宿县文化中心") == Decimal("80000000")


def test_this_project_after_a_building_listed_as_contents():
    doc = process_text("常州市投入1500万元援建乌什县第一幼儿园项目。建设内容为：一栋三层幼儿园教学楼。"
                       "计划年内竣工。该项目建成后可容纳500名幼儿。")
    assert refs(doc)[("该项目", 3)] == "乌什县第一幼儿园项目"


def test_a_listed_part_is_meant_when_nothing_else_was_named():
    doc = process_text("浙江省投入援疆资金600万元，建设内容为柯坪县第二中学综合楼。该项目年内开工。")
    assert refs(doc)[("该项目", 1)] == "柯坪县第二中学综合楼"


def test_two_coordinated_projects_leave_this_project_open():
    doc = process_text("柯坪县第二中学综合楼和乌什县供水工程同时开工。该项目总投资3000万元。")
    assert ("该项目", 1) not in refs(doc)
    assert amount(doc, "柯坪县第二中学综合楼") is None and amount(doc, "乌什县供水工程") is None


# --- a demonstrative with a head: the name must end in it -----------------------------------------------

def test_this_city_is_a_city_not_the_subdistrict_named_last():
    doc = process_text("常州市投入1200万元援建库尔勒市萨依巴格街道第二幼儿园项目。该项目手续已办完，标志着该市又一所幼儿园即将开建。")
    assert refs(doc)[("该市", 1)] == "库尔勒市"
    assert refs(doc)[("该项目", 1)] == "库尔勒市萨依巴格街道第二幼儿园项目"


def test_this_school_is_the_school_inside_the_project_that_rebuilds_it():
    doc = process_text("恒达集团捐资500万元重建柯坪县实验小学教学楼。该校现有学生1200人。")
    assert refs(doc)[("该校", 1)] == "柯坪县实验小学"


def test_this_school_is_no_newspaper():
    doc = process_text("青松日报讯 恒达集团捐资500万元。该校现有学生1200人。")
    assert ("该校", 1) not in refs(doc)


def test_this_county_after_one_county_and_not_after_two():
    one = process_text("浙江省对口支援温宿县。该县将建设一批产业园区。")
    assert refs(one)[("该县", 1)] == "温宿县"
    two = process_text("浙江省与温宿县、乌什县签订合作协议。该县将建设一批产业园区。")
    assert ("该县", 1) not in refs(two)


# --- 我省: the province that gives, never the one it gives to ------------------------------------------

def test_our_province_is_the_donor_named():
    doc = process_text("浙江省对口支援温宿县。我省已累计向温宿县拨付援疆资金3亿元。")
    assert refs(doc)[("我省", 1)] == "浙江省"


def test_our_province_is_not_the_province_of_the_county_it_aids():
    doc = process_text("我省对四川汶川县援建工作进展顺利。我省已累计向汶川县拨付援建资金3亿元。"
                       "我省援建的汶川县第一中学、汶川县人民医院已竣工。")
    assert all(label != "四川省" for (text, _), label in refs(doc).items() if text == "我省")
    assert not any(p == "fundedBy" and o in ("四川省", "汶川县") for _, p, o in rels(doc))


# --- a counted list head naming the project named before ----------------------------------------------

def test_counted_head_is_the_project_whose_name_it_ends():
    doc = process_text("柯坪县第三批美丽乡村示范村项目开工。"
                       "投入援建资金2000万元建设的红柳村、沙枣村、胡杨村等5个美丽乡村示范村项目正式开工。")
    assert refs(doc)[("美丽乡村示范村项目", 1)] == "柯坪县第三批美丽乡村示范村项目"
    assert amount(doc, "柯坪县第三批美丽乡村示范村项目") == Decimal("20000000")
    # the kind inside the head is no village the project lies in
    assert not any(s == "柯坪县第三批美丽乡村示范村项目" and o.endswith("示范村") for s, _, o in rels(doc))


def test_a_counted_kind_every_project_shares_is_no_reference():
    doc = process_text("乌什县供水工程援疆项目开工。浙江省投入援疆资金2000万元，实施柯坪县第二中学综合楼等5个援疆项目。")
    assert not any(m.source == "coref:head" for m in doc.mentions)
    assert amount(doc, "乌什县供水工程援疆项目") is None


def test_the_step_is_callable_on_its_own():
    doc = process_text("温宿县文化中心位于温宿县城东新区，包括图书馆、文化馆和天山剧院。")
    named = reference.named_mentions(doc)
    assert reference.antecedent(doc, len(doc.norm), "Project", named=named).label == "温宿县文化中心"
    assert reference.antecedent(doc, len(doc.norm), "County", ("县",), named).label == "温宿县"
    assert reference.antecedent(doc, 0, "Project", named=named) is None
    assert reference.reference_heads("该校") and not reference.reference_heads("该项目")


def test_a_project_of_one_village_is_no_whole_of_the_counted_list():
    doc = process_text("红柳村美丽乡村示范村项目开工。"
                       "投入援建资金2000万元建设的红柳村、沙枣村、胡杨村等5个美丽乡村示范村项目正式开工。")
    assert not any(m.source == "coref:head" for m in doc.mentions)
    assert amount(doc, "红柳村美丽乡村示范村项目") is None


# --- the topic of a copular sentence; a demonstrative with a longer head ---------------------------------

def test_this_company_is_the_topic_of_the_sentence_that_says_what_it_is():
    doc = process_text("新疆恒达种业有限公司是常州工作组引进的青松集团重组项目，总投资8000万元。该公司拥有生产线6条。")
    assert refs(doc)[("该公司", 1)] == "新疆恒达种业有限公司"


def test_this_centre_after_one_centre_and_not_after_two():
    one = process_text("温宿县青松文化中心位于温宿县城东。该文化中心总投资3000万元。")
    assert refs(one)[("该文化中心", 1)] == "温宿县青松文化中心"
    assert amount(one, "温宿县青松文化中心") == Decimal("30000000")
    two = process_text("温宿县青松文化中心和乌什县胡杨文化中心同时开工。该文化中心总投资3000万元。")
    assert ("该文化中心", 1) not in refs(two)
    assert amount(two, "温宿县青松文化中心") is None and amount(two, "乌什县胡杨文化中心") is None


def test_a_longer_word_after_a_reference_word_is_no_reference():
    doc = process_text("喀什大学新泉校区全面建成。该校区由深圳市援建。温宿县推进市场建设。该市场年交易额10亿元。")
    assert ("该校", 1) not in refs(doc) and ("该市", 3) not in refs(doc)
