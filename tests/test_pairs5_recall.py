"""pairs5: pairing and dispatch recall on sentences written in the style of real reporting (invented
wording; real division names). Each case names the class of text it stands for."""
from __future__ import annotations

import pytest

from aidkg.pipeline import process_text


def _triples(text: str, preds=("pairedWith", "supports", "dispatchedBy", "organizedBy")) -> set[tuple]:
    doc = process_text(text)
    return {(r.subject.label, r.predicate, r.object.label) for r in doc.relations if r.predicate in preds}


@pytest.mark.parametrize("text,want", [
    # a province's short form that the tagger wrote into one word with the pairing verb and its object
    ("据统计，自援疆工作开展以来，河北对口支援兵团二师铁门关市各类援疆项目600余个。",
     {("河北省", "supports", "第二师"), ("河北省", "supports", "铁门关市")}),
    # a blend of a province's one-character name and a place's first character, both named in full
    ("上海市对口支援喀什地区多年。沪喀两地合作持续深化。", {("上海市", "supports", "喀什地区")}),
    # the school served named where the sentence opens
    ("在疏勒县罕南力克镇中学，江苏援疆选派骨干教师开展“组团式”支教。", {("江苏省", "supports", "疏勒县罕南力克镇中学")}),
    # two places with a middle dot in the name of their meeting on paired aid
    ("上海·喀什对口支援工作联席会议在喀什召开。", {("上海市", "supports", "喀什地区")}),
    # 作为D对口支援的县，R…
    ("作为江西省对口支援的县，阿克陶县近年来发展迅速。", {("江西省", "supports", "阿克陶县")}),
])
def test_pairing_classes(text, want):
    assert want <= _triples(text)


@pytest.mark.parametrize("text,want", [
    ("江苏省援疆前方指挥部临时党委书记、总指挥刘明远表示，要做好援疆工作。", {("刘明远", "dispatchedBy", "江苏省")}),
    ("作为常州市第十一批援疆干部，刘明远担任阿合奇县副县长。", {("刘明远", "dispatchedBy", "常州市")}),
    ("援疆医生刘明远，来自常州市第一人民医院，今年42岁。", {("刘明远", "dispatchedBy", "常州市第一人民医院")}),
])
def test_dispatch_classes(text, want):
    assert want <= _triples(text)


@pytest.mark.parametrize("text", [
    "第二届中国喀什·深圳商品交易会在喀什开幕。",        # a fair of two cities names no pairing
    "苏州市与南京市开展交流。苏南两地合作。",            # one province
    "在阿合奇县，常州市选派医生参加培训。",              # no aid work said
    "阿图什市委党委书记、市长刘明远表示感谢。",          # no aid body
    "游客刘明远来自常州市。",                            # no cadre
])
def test_no_pairing_or_dispatch(text):
    assert not _triples(text)


@pytest.mark.parametrize("text,want", [
    # a front command's party secretary; posts after the command run past 30 characters
    ("会上，湖南前指临时党委书记刘明远指出，要做好援疆工作。", {("刘明远", "dispatchedBy", "湖南省")}),
    ("湖南省对口支援新疆工作前方指挥部总指挥、湖南省人民政府驻新疆办事处主任、吐鲁番地委副书记刘明远介绍了情况。",
     {("刘明远", "dispatchedBy", "湖南省")}),
    # no actor before the verb: the last sentence's place gives (reference data agrees)
    ("江苏坚持把援疆项目作为重要内容。2023年，共安排对口支援克州项目60个。",
     {("江苏省", "supports", "克孜勒苏柯尔克孜自治州")}),
])
def test_more_classes(text, want):
    assert want <= _triples(text)


def test_local_party_secretary_is_no_cadre():
    doc = process_text("会上，吐鲁番市委党委书记刘明远指出，要做好工作。")
    assert all(e.cls != "Cadre" for e in doc.entities.values())


@pytest.mark.parametrize("text,want", [
    # a roster of aid workers with their home units (before the name, in brackets, after a comma)
    ("此次援疆的人员包括常州市第一人民医院影像诊断医师刘明远、儿科主治医生王海峰。",
     {("刘明远", "dispatchedBy", "常州市第一人民医院"), ("王海峰", "dispatchedBy", "常州市第一人民医院")}),
    ("援疆干部名单：刘明远（常州市教育局）、王海峰（常州市第一人民医院）。",
     {("刘明远", "dispatchedBy", "常州市教育局"), ("王海峰", "dispatchedBy", "常州市第一人民医院")}),
    ("常州市选派的援疆干部有：刘明远，常州市第一人民医院副院长；王海峰，常州市教育局副局长。",
     {("刘明远", "dispatchedBy", "常州市第一人民医院"), ("王海峰", "dispatchedBy", "常州市教育局")}),
])
def test_roster(text, want):
    assert want <= _triples(text)


def test_no_roster_without_aid_workers():
    assert not _triples("参加座谈会的有阿合奇县人民医院院长刘明远、常州市教育局副局长王海峰。")


@pytest.mark.parametrize("text,want", [
    # a province with a county: its aid workers there, what it built there (no prefecture named)
    ("江苏省援疆干部在霍城县工作三年。", {("江苏省", "supports", "霍城县")}),
    # a body goes to a place and carries out an event there: the body organises it
    ("11月14日，常州市妇联一行到阿合奇县开展常阿产业合作项目签约活动。",
     {("常阿产业合作项目签约活动", "organizedBy", "常州市妇联")}),
])
def test_province_county_and_visit_events(text, want):
    assert want <= _triples(text)


@pytest.mark.parametrize("text,want", [
    ("阿合奇县迎来常州市第十二批援疆干部人才。", {("常州市", "supports", "阿合奇县")}),
    ("常州市驻阿合奇县工作组组长刘明远介绍了情况。",
     {("常州市", "supports", "阿合奇县"), ("刘明远", "dispatchedBy", "常州市")}),
    ("常州市–阿合奇县东西部协作联席会议召开。", {("常州市", "supports", "阿合奇县")}),
    ("常州市累计向阿合奇县选派干部120名。", {("常州市", "supports", "阿合奇县")}),
])
def test_welcomed_stationed_sent(text, want):
    assert want <= _triples(text)


@pytest.mark.parametrize("text", [
    "阿合奇县迎来旅游旺季。",
    "阿图什市向阿湖乡选派干部20名。",
    "阿图什市驻阿湖乡工作组开展调研。",
])
def test_no_pairing_own_places(text):
    assert not {t for t in _triples(text) if t[1] in ("supports", "pairedWith")}


@pytest.mark.parametrize("text,want", [
    ("常州市的受援地阿合奇县迎来发展机遇。", {("常州市", "supports", "阿合奇县")}),
    ("这正体现了苏州市与阿图什市援受两地的深情厚谊。", {("苏州市", "supports", "阿图什市")}),
])
def test_receiving_side_and_tie_of_two(text, want):
    assert want <= _triples(text)
