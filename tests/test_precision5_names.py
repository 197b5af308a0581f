"""Entity precision on real reporting: clauses, descriptions, fragments and cut names that are no
names (classes seen on fresh news pages; every sentence here is our own, with invented or public
place names)."""
from __future__ import annotations

from aidkg.pipeline import process_text


def names(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions}


def test_a_share_and_its_verb_make_a_clause_no_project_name():
    found = names("援疆资金七成注入民生项目，解决群众急难问题。")
    assert not any(n.endswith("项目") for n in found), found


def test_a_verb_of_settling_ends_a_park_name():
    found = names("宁波产业基金落户园区。")
    assert not any("落户" in n for n in found), found


def test_an_event_opened_by_its_verb_is_no_name():
    found = names("工作队每月到沿海城市、到产业链上下游企业开展招商推介活动。")
    assert not any(n.endswith("活动") for n in found), found


def test_an_industry_described_in_common_words_is_no_firm():
    found = names("该县引进大量优质清洁电力能源企业，发展天然气化工产业。")
    assert not any(c == "Enterprise" for c in found.values()), found
    assert "专项基金" not in names("设立援疆专项基金2000万元。")
    # a brand the tagger knows, or a place, still names one
    assert names("恒锦纺织、喀什能源等企业落户园区。").get("恒锦纺织") == "Enterprise"


def test_an_industry_word_opening_a_facility_name_is_no_firm():
    found = names("河坝物流配送中心建成投用。")
    assert "河坝物流配送中心" in found
    assert "河坝物流" not in found, found


def test_a_dateline_of_two_sources_is_not_one_name():
    found = names("红山网-天山日报讯 近日，沙湾县人民医院新院区建成。")
    assert "红山网-天山日报" not in found, found
    assert found.get("天山日报") == "Institution"


def test_a_person_glued_to_a_transliterated_village_opens_its_name():
    found = names("尤喀克其盖图克村的村民种植红枣。")
    assert found.get("尤喀克其盖图克村") == "Village", found
    assert "尤喀克" not in found
    # a Han name before a village stays a person
    found = names("书记张明阿克村调研。")
    assert found.get("张明") == "Person", found


def test_a_brand_of_machines_is_no_person():
    found = names("示范园内雷诺曼大型拖拉机正在作业。")
    assert not any(c == "Person" for c in found.values()), found


def test_a_county_short_form_glued_to_a_hotel_stays_in_its_name():
    assert names("拜城温州大酒店正式开业。").get("拜城温州大酒店") == "Enterprise"
    # a county written in full before a registered name says where the firm is
    found = names("麦盖提县新疆五征绿色农业发展有限公司投产。")
    assert "新疆五征绿色农业发展有限公司" in found


def test_a_route_to_a_numbered_regiment_is_named_by_both_ends():
    assert "阿克苏市至6团饮水工程" in names("近日，阿克苏市至6团饮水工程正式开工建设。")


def test_a_pilot_zone_of_a_park_is_named_whole():
    found = names("沙雅县现代农业科技园先导区建成投用。")
    assert found.get("沙雅县现代农业科技园先导区") == "DevelopmentZone", found


def test_a_verb_of_having_makes_a_clause_no_firm():
    found = names("园区内有煤化、建材等产业。")
    assert not any(c == "Enterprise" for c in found.values()), found


def test_a_photographer_credit_gives_the_name_without_its_verb():
    found = names("工人在车间里包装产品。新华网记者 唐宋摄")
    assert "唐宋摄" not in found, found


def test_a_quoted_way_of_working_is_no_body():
    found = names("当地还创新“兵团通办”工作机制，为企业纾困。")
    assert not any(c in ("GovernmentBody", "Organization") for c in found.values()), found


def test_a_project_of_two_capacities_opens_with_the_first_not_the_firm():
    found = names("该企业年产1000万片铝制散热器及300万只压铸铝锅生产建设项目落户园区。")
    assert "年产1000万片铝制散热器及300万只压铸铝锅生产建设项目" in found, found


def test_a_kind_of_school_opening_a_building_is_no_institution():
    found = names("截至目前，职业技术学校信息化综合教学楼已经完工。")
    assert "职业技术学校" not in found, found


def test_the_place_for_activities_is_no_event():
    found = names("完善了县城及周边乡镇农牧民党组织活动阵地。")
    assert not any(n.endswith("活动") for n in found), found


def test_a_verb_of_holding_opens_no_event_name():
    found = names("河坝县举办民族团结联谊活动。")
    assert not any("举办" in n for n in found), found


def test_a_full_place_name_read_across_two_ordinary_words_is_none():
    found = names("工作队每月到沿海城市开展招商。")
    assert "海城市" not in found, found
    assert "拜城县" in names("在阿克苏地区拜城县调研。")


def test_the_infrastructure_of_a_named_park_is_one_project():
    found = names("援建阿拉尔市工业园区基础设施，完成投资2亿元。")
    assert found.get("阿拉尔市工业园区基础设施") == "Project", found
    assert names("实施沙湾市工业园区标准化厂房及配套设施建设。").get("沙湾市工业园区标准化厂房及配套设施") == "Project"
    # a place's infrastructure in general is no project
    assert not any(n.endswith("设施") for n in names("完善沙湾县基础设施和公共服务设施。"))


def test_a_kind_of_zone_or_a_formula_is_no_name():
    assert not names("探访西部边陲沙漠中的经济开发区：打造产业绿洲")
    assert not any("+" in n for n in names("开展“经纪人+合作社+扶贫车间+贫困户”模式。"))
    assert not any(n.endswith("设施") for n in names("工业园区基础设施建设，大大改善投资环境。"))


def test_a_township_read_into_the_word_for_countryside_is_none():
    found = names("我们在白杨县建设乡村振兴项目。")
    assert "建设乡" not in found, found
    assert not any(n.startswith("建设") for n in found), found


def test_a_works_verb_glued_to_a_level_word_opens_no_name():
    found = names("投入2385万元建设县党群活动中心以及双河村。")
    assert not any(n.startswith("建设") for n in found), found
