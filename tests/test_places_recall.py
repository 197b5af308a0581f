"""Places and the relations on them across the whole pipeline, in reporting's usual turns (invented
sentences): programme markers from one table, pairings a sentence states only through its programme,
firms, towns and projects placed by names and by the scene a clause sets, and the counter-cases
where a place is no side or no location (a venue, a place inside a firm's or institute's name)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidkg.lexicon import aid_marker
from aidkg.money import _programme_areas
from aidkg.pipeline import process_text

SRC = Path(__file__).resolve().parents[1] / "src" / "aidkg"


def _triples(text: str) -> set[tuple[str, str, str]]:
    doc = process_text(text)
    return {(r.subject.label, r.predicate, r.object.label) for r in doc.relations if r.method != "reference-data"}


def _pairs(text: str) -> set[frozenset]:
    return {frozenset((s, o)) for s, p, o in _triples(text) if p in ("supports", "pairedWith")}


@pytest.mark.parametrize("marker", ["援疆", "援藏", "援青", "援宁", "援渝", "援黔", "援滇", "援桂", "援甘", "援蒙", "援陕"])
def test_every_province_abbreviation_makes_a_programme_marker(marker):
    assert aid_marker().fullmatch(marker)


def test_money_reads_the_programme_of_any_province():
    assert _programme_areas("安排援黔资金3000万元") == ["52"]
    assert _programme_areas("援宁干部与援疆干部") == ["64", "65"]
    assert _programme_areas("援建资金") == []


def test_no_rule_hard_codes_three_programmes():
    """Every programme check reads the table (lexicon.aid_marker), not a list of 援疆/援藏/援青."""
    offenders = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"援\[疆藏青\]|援疆\|援藏\|援青", text):
            offenders.append(path.name)
    assert offenders == []


def test_blend_sentence_pairs_the_two_places_it_names():
    assert frozenset(("吴川市", "三江侗族自治县")) in _pairs(
        "今年以来，广东吴川市、广西三江侗族自治县携手推进两地粤桂协作工作，成效明显。")
    assert frozenset(("聊城市", "彭水苗族土家族自治县")) in _pairs(
        "自鲁渝协作工作开展以来，聊城始终立足彭水所需，发挥自身所能。")


def test_aid_built_in_a_town_pairs_the_donor_with_the_towns_county():
    pairs = _pairs("深圳市援建的“边境小康村”察隅县竹瓦根镇雄久新村竣工，27户村民搬入新居。")
    assert frozenset(("深圳市", "察隅县")) in pairs
    assert not any("竹瓦根镇" in p for p in pairs)


def test_cadre_of_a_programme_holding_an_office_pairs_with_that_place():
    assert frozenset(("福建省", "固原市")) in _pairs("福建省第十三批援宁挂职干部、固原市副市长黄志坚介绍了情况。")


@pytest.mark.parametrize("text,place", [
    ("沪滇协作推介会在上海市举行，普洱市副市长出席并致辞。", "普洱市"),               # a venue's partner
    ("东西部协作引进的温州恒达鞋业有限公司在盘州市投产。", "盘州市"),                 # a place inside a firm's name
    ("中国科学院新疆生态与地理研究所专家在和田县指导援疆项目。", "和田县"),           # …inside an institute's name
    ("青松省对口支援新疆前方指挥部从九江市引进企业，在阿克陶县建厂投产。", "九江市"),  # where a firm comes from
])
def test_places_that_are_no_side_of_a_pairing(text, place):
    assert not any(place in pair for pair in _pairs(text))


def test_firm_named_by_its_countys_short_form_lies_in_the_county():
    triples = _triples("江门市对口帮扶龙州县。龙州北部湾现代农业有限公司吸纳员工240人。")
    assert ("龙州北部湾现代农业有限公司", "locatedIn", "龙州县") in triples
    # a city's short form says where a firm comes from, not where it is
    triples = _triples("苏州市对口支援阿图什市。苏州恒达纺织科技有限公司在阿图什市投资建厂。")
    assert not any(s.startswith("苏州恒达") and o == "苏州市" for s, p, o in triples)


def test_towns_and_counties_named_apart_are_placed_by_the_division_tables():
    triples = _triples("卧里托格拉克镇的甜瓜丰收了。伽师县今年增收。喀什地区表示祝贺。")
    assert ("卧里托格拉克镇", "locatedIn", "伽师县") in triples
    assert ("伽师县", "locatedIn", "喀什地区") in triples
    # a donor's county is named for whom it helps, not placed
    assert ("江阴市", "locatedIn", "无锡市") not in _triples("江阴市对口支援霍城县。无锡市领导出席。")


def test_the_place_a_reporter_comes_to_sets_the_scene_of_the_next_clause():
    triples = _triples("记者来到治多县加吉博洛镇，牲畜屠宰场项目建设现场一片繁忙。")
    assert ("牲畜屠宰场项目", "locatedIn", "加吉博洛镇") in triples
    assert not any(p == "locatedIn" and s == "恒达纺织厂" and o == "乌恰县" for s, p, o in
                   _triples("考察团来到乌恰县，随后赴阿图什市参观了恒达纺织厂。"))


# -- session 4: events where they are held, offices of a side (invented sentences) --

def test_event_held_at_a_seat_of_government_lies_in_that_place():
    assert ("恒达公司对口帮扶岷县座谈会", "locatedIn", "岷县") in _triples("恒达公司对口帮扶岷县座谈会在岷县政府举行。")
    # a seat of government is where things are held, not built
    assert not any(p == "locatedIn" and o == "岷县" for s, p, o in _triples("恒达公司在岷县政府投资建设了办公楼。"))


@pytest.mark.parametrize("text,event,place", [
    ("岷县代表团在定西市进行考察调研，并举行岷县·定西市对口协作工作座谈会。", "岷县·定西市对口协作工作座谈会", "定西市"),
    ("在定西市期间，代表团召开了岷县对口协作工作座谈会。", "岷县对口协作工作座谈会", "定西市"),
    ("代表团赴定西市考察对接帮扶工作，两地举行恒达产业合作推介会。", "恒达产业合作推介会", "定西市"),
])
def test_event_a_visiting_party_holds_lies_where_it_visits(text, event, place):
    assert (event, "locatedIn", place) in _triples(text)


@pytest.mark.parametrize("text", [
    "代表团赴定西市考察后返回，召开了恒达产业合作推介会。",
    "代表团赴定西市考察，岷县召开了恒达产业合作推介会。",
])
def test_event_after_the_party_moved_on_is_not_placed_in_the_visit(text):
    assert ("恒达产业合作推介会", "locatedIn", "定西市") not in _triples(text)


def test_an_aid_office_belongs_to_its_side_and_one_posted_away_pairs_the_two():
    triples = _triples("嘉兴市驻甘肃省岷县协作办公室负责落实。")
    assert ("嘉兴市驻甘肃省岷县协作办公室", "partOf", "嘉兴市") in triples
    assert ("嘉兴市", "supports", "岷县") in triples
    assert ("广东省对口支援西藏工作领导小组办公室", "partOf", "广东省") in _triples("广东省对口支援西藏工作领导小组办公室召开会议。")
    # a command or team posted away: reporting states it for where it works, not as whose it is
    assert not any(p == "partOf" for s, p, o in _triples("湖州援疆指挥部组织考察团参观。"))


# -- pairings listed by short names, parties led by officials, support for what a place does --

def test_pairings_listed_by_short_names_joined_by_dashes():
    pairs = _pairs("对口援建中，浙江—青川、福建—彭州、山西—茂县的结对关系延续至今。")
    assert {frozenset(("浙江省", "青川县")), frozenset(("福建省", "彭州市")), frozenset(("山西省", "茂县"))} <= pairs
    # a route between two ends is no pairing
    assert _pairs("京—沪高速铁路全线贯通。") == set()
    assert _pairs("北京—上海两地游客增多。") == set()


def test_a_delegation_visiting_several_places_pairs_with_each():
    pairs = _pairs("常州市代表团赴新疆克州阿合奇县、乌恰县开展对口支援工作。")
    assert {frozenset(("常州市", "阿合奇县")), frozenset(("常州市", "乌恰县"))} <= pairs


def test_a_party_of_one_places_officials_visiting_we_county():
    assert frozenset(("常州市", "阿合奇县")) in _pairs(
        "阿合奇县讯 常州市副市长刘明远、秘书长王海峰一行来我县，通过实地调研等方式开展对口支援工作。")


def test_stepping_up_support_for_what_a_place_of_another_province_does():
    assert frozenset(("常州市", "阿合奇县")) in _pairs("常州市不断加大对阿合奇县教育事业发展的支持力度。")
    assert _pairs("阿图什市加大对阿湖乡产业发展的支持力度。") == set()


def test_a_front_commands_deputy_commander_is_sent_by_the_province_it_names():
    triples = _triples("江西省援疆前方指挥部副总指挥、七师分指挥部指挥长刘明远接受采访。")
    assert ("刘明远", "dispatchedBy", "江西省") in triples
    assert not any(p == "dispatchedBy" and o == "第七师" for s, p, o in triples)
    assert ("刘明远", "dispatchedBy", "江西省") in _triples("会上，江西前指总指挥刘明远指出，要做好援疆工作。")
    # the receiving place's own front command names no sender
    assert not any(p == "dispatchedBy" for s, p, o in _triples("伊宁县副县长、伊宁县前方指挥部副总指挥刘明远表示感谢。"))


# -- a place holding an event at home; a place written right before a name the recogniser split --

def test_a_place_holding_an_event_holds_it_at_home():
    assert ("岷县对口协作工作推进会", "locatedIn", "定西市") in _triples("6月2日，定西市召开岷县对口协作工作推进会。")
    # 在 says where; a command away from home says nothing of where
    assert ("岷县对口协作工作推进会", "locatedIn", "定西市") not in _triples("在兰州市，定西市召开了岷县对口协作工作推进会。")


def test_a_county_right_before_a_firm_read_apart_holds_it():
    assert ("甘肃恒达农林有限公司", "locatedIn", "会宁县") in _triples("考察团先后对会宁县甘肃恒达农林有限公司进行了调研。")
    assert not any(p == "locatedIn" and o == "会宁县" for s, p, o in _triples("考察团先后对会宁县浙江恒达农林有限公司进行了调研。"))


def test_a_firms_assigned_help_pairs_it_with_the_county():
    assert frozenset(("恒达集团", "阿合奇县")) in _pairs("恒达集团定点帮扶阿合奇县以来，累计投入资金2000万元。")


def test_the_two_places_a_reporter_calls_both_sides():
    assert frozenset(("瓯海区", "泰顺县")) in _pairs("今后，瓯海、泰顺两地将进一步完善协作机制。")
    assert _pairs("南京、苏州两地游客互访频繁。") == set()
