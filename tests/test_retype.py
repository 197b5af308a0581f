"""The retype stage: what the article says of an entity makes its class more specific, once per
entity (our own sentences)."""
from __future__ import annotations

from aidkg.pipeline import process_text, STAGES
from aidkg.resolve import resolve
from aidkg.retype import retype


def by_label(doc):
    return {e.label: e for e in doc.entities.values() if e.mentioned}


def test_retype_runs_between_resolve_and_relate():
    names = [s.__name__ for s in STAGES]
    assert names.index("resolve") < names.index("retype") < names.index("relate")
    assert resolve is STAGES[names.index("resolve")] and retype is STAGES[names.index("retype")]


def test_an_institution_being_built_is_one_project_under_every_name():
    doc = process_text("江苏省对口支援阿图什市。去年，江苏援建的阿图什市第三幼儿园建成投用，该项目总投资3000万元。"
                       "阿图什市第三幼儿园现有幼儿400名。")
    kg = by_label(doc)["阿图什市第三幼儿园"]
    assert kg.cls == "Project" and kg.key.startswith("project/")
    # the later mention, which says nothing of building, is the same project; so is 该项目
    assert len([m for m in kg.mentions if m.source.startswith("grammar")]) == 2
    assert any(m.source == "coref:this" and doc.norm[m.start:m.end] == "该项目" for m in kg.mentions)
    assert str(kg.attrs["totalInvestment"]) == "30000000"
    assert not [e for e in doc.entities.values() if e.label == "阿图什市第三幼儿园" and e is not kg]


def test_an_institution_that_only_acts_stays_an_institution():
    doc = process_text("由浙江大学医学院附属第一医院负责组建专家团队，开展远程会诊。")
    e = by_label(doc)["浙江大学医学院附属第一医院"]
    assert e.cls == "Institution" and e.key.startswith("org/")


def test_a_park_with_its_own_investment_is_a_project():
    doc = process_text("青河县新建的青河县光伏产业园总投资2亿元。")
    assert by_label(doc)["青河县光伏产业园"].cls == "Project"


def test_persons_introduced_as_cadres_are_cadres():
    doc = process_text("山东省援疆干部王建国在喀什地区工作。李明华是山东省第十一批援疆干部人才。"
                       "泰安市选派赵海涛到岳普湖县挂职。孙立平在会上发言。")
    kinds = {k: by_label(doc)[k].cls for k in ("王建国", "李明华", "赵海涛", "孙立平")}
    assert kinds == {"王建国": "Cadre", "李明华": "Cadre", "赵海涛": "Cadre", "孙立平": "Person"}


def test_cadres_introduced_by_their_role_after_the_name_or_by_an_office_in_aid():
    kinds = lambda t: {e.label: e.cls for e in process_text(t).entities.values() if e.cls in ("Person", "Cadre")}
    # the role after the name: 作为/是 …援X干部, 被/受…选派
    assert kinds("一年前，刘明远作为白杨市民航局的援疆干部，来到于田县。")["刘明远"] == "Cadre"
    assert kinds("时任青松医院副院长刘明远被选派为江苏省第十批援疆医疗队队长。")["刘明远"] == "Cadre"
    # 援X and an office held in the aided place; a chain of posts after 作为…援X干部，
    assert kinds("来自青松中学的援疆副校长刘明远和学生们交谈。")["刘明远"] == "Cadre"
    assert kinds("作为常州市援青干部，玛多县委副书记、副县长刘明远负责援青项目。")["刘明远"] == "Cadre"
    # the leader of a donor's front command named by 援 and the aided place's first character
    assert kinds("江苏援克前指党委书记、总指挥、克州党委副书记刘明远出席。")["刘明远"] == "Cadre"
    # a person described by the aid they give
    assert kinds("会上慰问了支援林芝市人民医院的血液科主任刘明远。")["刘明远"] == "Cadre"
    # a person after a cadre, not in a list with them, is not one; a list of cadres is
    k = kinds("来自青松中学的援疆教师刘明远与高二学生阿依古丽·买买提（左二）一起走在校园里。")
    assert k["刘明远"] == "Cadre" and k["阿依古丽·买买提"] == "Person"
    k = kinds("来自白杨市的援疆医生刘明远、王海峰和赵立新跑到血站献血。")
    assert set(k.values()) == {"Cadre"} and len(k) == 3
    # a local official welcoming cadres stays a person
    assert kinds("阿图什市教育局局长刘明远作为东道主，欢迎援疆教师。")["刘明远"] == "Person"
    # the role in apposition, a sentence opening 受R委派, the person doing the aid
    assert kinds("张丽华，浙江省援疆干部，现任阿克苏市副市长。")["张丽华"] == "Cadre"
    assert kinds("受常州市委派，刘明远来到阿合奇县挂职。")["刘明远"] == "Cadre"
    assert kinds("10月25日，刘明远迎来援疆一周年，他仍坚守在岗位。")["刘明远"] == "Cadre"
    assert kinds("刘明远感谢援疆干部的帮助。")["刘明远"] == "Person"
    assert kinds("刘明远负责援疆项目的管理。")["刘明远"] == "Person"


def test_institutions_named_before_a_kind_that_is_built_stay_institutions():
    doc = process_text("昆山市先后参与市第一中学、市实验小学等学校建设。")
    assert by_label(doc)["市第一中学"].cls == "Institution"
    doc = process_text("签约仪式在新疆国际会展中心举行。")
    assert by_label(doc)["新疆国际会展中心"].cls == "Institution"  # a venue, not a project


def test_a_school_said_to_cost_a_total_is_a_project_with_that_total():
    doc = process_text("占地5000平方米的阿合奇县第一幼儿园总投资达3000万元。")
    school = by_label(doc)["阿合奇县第一幼儿园"]
    assert school.cls == "Project" and str(school.attrs["totalInvestment"]) == "30000000"
    # a hospital that only runs something keeps its class
    doc = process_text("阿合奇县人民医院总结了远程会诊的经验。")
    assert by_label(doc)["阿合奇县人民医院"].cls == "Institution"
