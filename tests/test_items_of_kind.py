"""Items of a list summed up as projects of a kind (recognise.projects.items_of_a_kind): an item keeps
the 及 that joins the words of one name, the first item starts after the verb before it (not after a
verbal noun inside the name), and the last item splits only where a place or proper name follows."""
import pytest

from aidkg.pipeline import process_text


def projects(text):
    doc = process_text(text, source="items.txt")
    return {doc.text[m.start:m.end] for m in doc.mentions if m.cls == "Project"}


def funded(text):
    doc = process_text(text, source="items.txt")
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == "fundedBy"}


LIST = ("近年来，昆山市投入援疆资金2.6亿元，实施了阿图什市格达良乡戈壁农业示范工程、阿图什市小微园区厂房及配套设施、"
        "阿图什市工业园区基础设施、阿图什市公安基础设施等项目。")


def test_items_with_heads_unknown_are_projects_and_funded():
    names = {"阿图什市格达良乡戈壁农业示范工程", "阿图什市小微园区厂房及配套设施", "阿图什市工业园区基础设施", "阿图什市公安基础设施"}
    assert names <= projects(LIST)
    assert {p for p, giver in funded(LIST) if giver == "昆山市"} >= names


def test_last_item_splits_where_a_place_follows():
    text = ("去年，苏州市安排援疆资金8000万元，建设了疏附县托克扎克镇卫生院、疏附县工业园区标准化厂房及配套道路"
            "和疏附县城区供热管网改造等民生项目。")
    found = projects(text)
    assert {"疏附县工业园区标准化厂房及配套道路", "疏附县城区供热管网改造"} <= found
    assert not any("和" in p for p in found)


@pytest.mark.parametrize("text, not_one", [
    # 和 between two things with no place after it: not one project
    ("去年，苏州市安排援疆资金8000万元，建设了疏附县托克扎克镇卫生院、疏附县第二小学和人民医院等项目。", "疏附县第二小学和人民医院"),
    # kinds of works, no names
    ("该县实施了道路硬化、安全饮水及污水管网等民生工程。", "安全饮水及污水管网"),
])
def test_counter_examples(text, not_one):
    assert not_one not in projects(text)
