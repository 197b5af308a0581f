"""People on real reporting's shapes (issue 9): reporters in credit lines, names the tagger cut
before a title, team members listed after a group noun, profile lines, the donor a group's name
gives its members. Sentences and names are invented."""
from __future__ import annotations

import pytest

from aidkg.pipeline import process_text


def people(doc):
    return {e.label: e.cls for e in doc.entities.values() if e.cls in ("Person", "Cadre")}


def sent_by(doc):
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == "dispatchedBy"}


# --- credit lines: persons, never cadres ------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("援疆医生在白杨县义诊。\n首席记者 卢望舒\n本报记者 韩晓楠 祁远帆\n通讯员 葛秋实 童雨桐 黄叶青\n", ["卢望舒", "韩晓楠", "祁远帆", "葛秋实", "童雨桐", "黄叶青"]),
    ("支教团返校。\n作者:邵思远 审核:易高远 责编:孙若谷\n", ["邵思远", "易高远", "孙若谷"]),
])
def test_names_in_credit_lines_are_persons(text, names):
    found = people(process_text(text))
    for n in names:
        assert found.get(n) == "Person", (n, found)


def test_a_credit_word_is_no_name():
    found = people(process_text("援疆医生在白杨县义诊。\n记者 编辑 审核\n"))
    assert not {"编辑", "审核"} & set(found)


# --- a name the tagger cut to two characters --------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("医疗队在温敦干副院长的带领下出发。", "温敦干"),
    ("会上，郑玉新书记代表医院发言。", "郑玉新"),
])
def test_a_third_character_before_a_title_belongs_to_the_name(text, name):
    assert name in people(process_text(text))


def test_a_credit_verb_after_a_name_is_not_part_of_it():
    found = people(process_text("队员们在机场合影。\n图为出征仪式。 葛远摄\n"))
    assert "葛远摄" not in found


# --- a team's members listed after the group's noun: cadres -------------------------------------

@pytest.mark.parametrize("text, cadres", [
    ("白杨县第三批援疆医疗队抵达。医疗队队员邱望舒、韩晓楠、祁远帆随即投入工作。", ["邱望舒", "韩晓楠", "祁远帆"]),
    ("青松县对口支援白杨县。专家组成员有邱望舒、韩晓楠，均为主任医师。", ["邱望舒", "韩晓楠"]),
    ("青松县援疆工作队来到白杨县，3人分别是邱望舒、韩晓楠和祁远帆。", ["邱望舒", "韩晓楠", "祁远帆"]),
    ("青松县援藏医疗队抵达白杨县，队长邱望舒，队员韩晓楠、祁远帆。", ["邱望舒", "韩晓楠", "祁远帆"]),
    ("青松县选派5名援疆医生赴白杨县。他们是邱望舒、韩晓楠和祁远帆。", ["邱望舒", "韩晓楠", "祁远帆"]),
    ("青松县援藏医疗队（邱望舒、韩晓楠、祁远帆）抵达白杨县。", ["邱望舒", "韩晓楠", "祁远帆"]),
    # a department or a profession opening each member's clause, the group in the sentence before
    ("青松医院派出援疆医疗队。4名医疗队员意气风发。心内科邱望舒将赴白杨县人民医院工作，骨科韩晓楠将赴白杨县中医院工作。",
     ["邱望舒", "韩晓楠"]),
    ("青松市派出第三批援疆教师。此次援疆教师中有4名女教师。来自青松中学的英语教师邱望舒家里有个女儿。", ["邱望舒"]),
    # the titles after each name of a list
    ("我院第三批援藏队员邱望舒副主任、韩晓楠副主任、祁远帆护士长前往机场。", ["邱望舒", "韩晓楠", "祁远帆"]),
    # the team's leader
    ("青松县援藏医疗队来到白杨县。医疗队的领队由副院长邱望舒担任。", ["邱望舒"]),
    # a later clause says the role
    ("邱望舒是青松中学的物理教师，他是该批援疆教师中年龄最大的。", ["邱望舒"]),
    ("2016年，女教师邱望舒报名成为第十批青松县赴白杨县支教教师。", ["邱望舒"]),
])
def test_team_members_are_cadres(text, cadres):
    found = people(process_text(text))
    for n in cadres:
        assert found.get(n) == "Cadre", (n, found)


@pytest.mark.parametrize("text, person", [
    # the recipient's own staff after a counted team
    ("青松县援疆医疗队5名医生来到白杨县。院长邱望舒表示欢迎。", "邱望舒"),
    ("青松县援疆医疗队5名医生来到白杨县。当地医生邱望舒全程陪同。", "邱望舒"),
    # a doctor of the aided side sent to learn
    ("常州市派出第三批援疆医生。来自白杨县人民医院的进修医生邱望舒在常州学习。", "邱望舒"),
    # a patient after a team
    ("青松县援疆医疗队5名医生来到白杨县。患者邱望舒说，手术很成功。", "邱望舒"),
    # a reporter of an article about aid
    ("青松县援疆医疗队5名医生来到白杨县。\n记者 邱望舒\n", "邱望舒"),
    # no aid in the article: a team is any team
    ("青松医院5名医生来到白杨县义诊。心内科邱望舒为群众看病。", "邱望舒"),
])
def test_who_is_no_member_stays_a_person(text, person):
    assert people(process_text(text)).get(person) == "Person"


# --- profile lines ------------------------------------------------------------------------------

def test_a_profile_line_with_an_aid_batch_makes_a_cadre_its_batch_sent():
    doc = process_text("历届援疆干部介绍\n邱望舒，男，1968年出生，内科主任医师。2008年作为常州市第六批援疆干部赴白杨县工作。\n"
                       "韩晓楠，女，1972年出生，护士长。2010年作为常州市第七批援疆干部赴白杨县工作。\n")
    found = people(doc)
    assert found.get("邱望舒") == "Cadre" and found.get("韩晓楠") == "Cadre"
    assert {("邱望舒", "常州市"), ("韩晓楠", "常州市")} <= sent_by(doc)


def test_a_profile_line_of_a_local_is_no_cadre():
    found = people(process_text("白杨县人物介绍\n邱望舒，男，1968年出生，白杨县人民医院院长。他说：“援疆干部帮了我们很多。”\n"))
    assert found.get("邱望舒") == "Person"


# --- who sent a team's members ------------------------------------------------------------------

def test_members_of_a_team_are_sent_by_the_one_place_the_article_names_as_sender():
    doc = process_text("常州市派出第三批援疆教师。此次援疆教师中有4名女教师。来自青松中学的英语教师邱望舒家里有个女儿。"
                       "来自青松一中的地理教师韩晓楠是最年轻的。")
    assert {("邱望舒", "常州市"), ("韩晓楠", "常州市")} <= sent_by(doc)


# --- two-character names need a sign of a person ------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("白杨县是新疆的特色林果、畜牧养殖等资源富集地区之一。", "林果"),
    ("当地盛产特色林果、棉花和牛羊。", "林果"),
])
def test_a_common_word_read_as_a_two_character_name_is_no_person(text, word):
    assert word not in people(process_text(text))


@pytest.mark.parametrize("text, name", [
    ("白杨县县长邱伟出席活动。", "邱伟"),           # a post before it
    ("邱伟在座谈会上说，项目进展顺利。", "邱伟"),      # a verb of saying after it
    ("援疆干部走访农户。 邱伟 摄\n", "邱伟"),          # a photo credit
    ("青松医院派出援疆医疗队。妇产科邱伟将赴白杨县人民医院工作。", "邱伟"),  # a department's doctor
    ("邱伟，男，1970年出生，2010年作为常州市第七批援疆干部赴白杨县工作。", "邱伟"),  # a profile line
    ("慰问组看望了邱伟、韩晓楠等援疆干部。", "邱伟"),   # visited, and in a list
    ("第三批挂职干部分赴青松县和红柳县。到青松县挂职的李航是白杨市东城区委组织部干部。", "李航"),  # who serves there
    ("李航是常州市第七批援疆干部中最年轻的一位。", "李航"),   # 是 + a post
    ("今年春天李航来到青松县，他把家也搬了过来。", "李航"),   # referred to as 他
])
def test_a_two_character_name_with_a_sign_of_a_person_stays(text, name):
    assert name in people(process_text(text))


def test_two_names_the_tagger_glued_are_two_persons():
    found = people(process_text("校党委书记韩晓楠，党委常委、副校长庞波邱望舒等校领导迎接支教团。"))
    assert "庞波" in found and "邱望舒" in found and "庞波邱望舒" not in found


def test_a_five_character_uyghur_name_is_not_split():
    found = people(process_text("村民巴合提古丽说，援疆医生帮了大忙。"))
    assert "巴合提" not in found and "古丽" not in found


@pytest.mark.parametrize("text", [
    "援疆干部风采\n邱望舒：白杨县委副书记、常州市援疆工作组组长\n他主持援疆项目12个。\n",
    "人物简介\n邱望舒，男，汉族，1975年生，2020年7月起任常州市援疆工作组领队、阿合奇县委副书记。\n",
])
def test_a_profile_heading_with_an_aid_bodys_title_makes_a_cadre_its_donor_sent(text):
    doc = process_text(text)
    assert people(doc).get("邱望舒") == "Cadre"
    assert ("邱望舒", "常州市") in sent_by(doc)


def test_a_name_after_a_department_the_tagger_split_is_a_person():
    doc = process_text("青松医院派出援疆医疗队。5名医疗队员意气风发。泌尿外科邱望舒、呼吸与危重症医学科留永健和骨科韩晓楠将赴白杨县人民医院工作。")
    found = people(doc)
    assert found.get("留永健") == "Cadre", found


def test_a_word_after_a_department_is_no_name():
    found = people(process_text("援疆医生在眼科白内障和青光眼门诊坐诊。"))
    assert not any(n.startswith("白内") for n in found)


@pytest.mark.parametrize("text, name", [
    ("青松县援藏医疗队出发，由青松医院副院长邱望舒担任领队。", "邱望舒"),
    ("这支援疆医疗队由三家医院的骨干组成。青松医院主管护师邱望舒担任领队。", "邱望舒"),
    ("青松县国家紧急医学救援队(青松县)的队员邱望舒发来感受。青松县对口支援白杨县。", "邱望舒"),
    ("口述人：邱望舒，1978年出生，曾任青松县援藏医疗队队长，挂职白杨县人民医院副院长。\n", "邱望舒"),
])
def test_more_team_shapes_make_cadres(text, name):
    assert people(process_text(text)).get(name) == "Cadre"


def test_a_person_of_an_organisation_is_a_person():
    assert people(process_text("青松第二中学的邓健，此次也是二次进疆支教。")).get("邓健") in ("Person", "Cadre")


def test_a_two_character_name_after_a_profile_label_is_a_cadre():
    doc = process_text("口述人：邱伟，1978年出生，曾任青松县援藏医疗队队长，挂职白杨县人民医院副院长。\n")
    assert people(doc).get("邱伟") == "Cadre"
