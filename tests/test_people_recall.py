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
