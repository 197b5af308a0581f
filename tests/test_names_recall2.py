"""Recall of names on real reporting, second round: routes by their ends' initials or a dash,
bridges listed with verbs the tagger read, builders' bureaus by number, campuses and park
branches, ceremonies and meetings about a place, a bare 县医院 of the article's county. Every
sentence is our own (invented names, or public place names); each class has counter-examples
that must name nothing."""
from __future__ import annotations

from aidkg.pipeline import process_text


def names(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions}


def labels(text: str) -> dict[str, tuple[str, set[str]]]:
    doc = process_text(text)
    return {e.label: (e.cls, set(e.alt_labels)) for e in doc.entities.values()}


def test_a_route_named_by_the_initials_of_its_two_ends():
    # 和田 and 若羌, 波密 and 墨脱: the first characters of two places of a province the article names
    assert names("和田至若羌的和若铁路明年通车。").get("和若铁路") == "Project"
    assert names("波密县至墨脱县县城的波墨公路全线开工。").get("波墨公路") == "Project"
    assert names("新疆将建设奎赛高等级公路以及和库高速公路。").get("和库高速公路") == "Project"


def test_works_directions_and_unknown_provinces_make_no_route():
    found = names("新疆将新建公路和南北公路，全疆修建公路300公里。")
    assert not any(n.endswith("公路") for n in found)
    # no province named: two characters are only two characters
    assert not any(n.endswith("铁路") for n in names("当地的和若铁路明年通车。"))


def test_a_route_written_with_a_dash_between_its_ends():
    assert "新疆喀什—伊宁高速公路" in names("新疆喀什—伊宁高速公路全线通车。")
    assert "喀什——伊宁高速公路" in names("喀什——伊宁高速公路全线通车。")
    # a dash after a sentence's topic is no route's end
    assert not any(n.endswith("高速公路") and "—" in n for n in names("重点工程—高速公路建设加快。"))


def test_bridges_listed_beside_a_bridge_are_bridges_whatever_the_tagger_made_of_them():
    found = names("白杨河上陆续建设了青松大桥、迎春大桥及红柳大桥等。")
    assert {"青松大桥", "迎春大桥", "红柳大桥"} <= set(found)
    found = names("新建两座大桥、青松大桥，新建大桥和红柳大桥。")
    assert not any(n.endswith("大桥") and n not in ("青松大桥", "红柳大桥") for n in found)


def test_one_bridge_the_tagger_reads_as_one_name_is_named():
    assert names("当时河上只有一座青松大桥。").get("青松大桥") == "Project"
    found = names("城里新建了一所现代化学校和两条生产线。")
    assert not any(n.endswith(("学校", "生产线")) for n in found)


def test_a_builders_bureau_by_its_number_is_a_firm():
    found = names("由恒达集团所属水电九局出资援建。")
    assert found.get("水电九局") == "Enterprise"
    assert not any(n.endswith("局") for n in names("局里派出九名工程师。"))


def test_campuses_and_park_branches_are_named_by_their_institution_and_place():
    found = names("喀什大学青松校区由深圳市援建。")
    assert found.get("喀什大学青松校区") == "Project"
    assert names("恒达大学科技园疏勒分园在疏勒县揭牌。").get("恒达大学科技园疏勒分园") == "DevelopmentZone"
    assert not any(n.endswith(("校区", "分园")) for n in names("新校区有学生三百人，分园明年开园。"))


def test_a_ceremony_or_meeting_is_named_by_the_place_it_is_about():
    found = names("江苏省援疆五大重点项目集中交付运营仪式在疏附县举行。")
    assert found.get("江苏省援疆五大重点项目集中交付运营仪式") == "Project"
    assert names("疏附县东西部协作现场推进会在托克扎克镇召开。").get("疏附县东西部协作现场推进会") == "Project"
    # a ceremony of a batch of aid, or of a road, names no place it is about: no name
    found = names("活动后举行了第七批援疆建设示范村项目开工奠基仪式和高速公路通车仪式。")
    assert not any(n.endswith("仪式") for n in found)
    # what two institutions do is no ceremony's title, and the institutions keep their names
    found = names("青松医院对口支援疏附县人民医院签约揭牌仪式在疏附县举行。")
    assert "疏附县人民医院" in found and not any(n.endswith("仪式") for n in found)


def test_a_bare_county_hospital_is_the_article_countys():
    found = labels("于田县地处和田地区。于田县村民说，医生在县医院成功为母亲手术，县一中也派人参加。")
    assert found["于田县医院"][0] == "Institution" and "县医院" in found["于田县医院"][1]
    assert "于田县一中" in found
    # two counties named as often: whose hospital it is, the article does not say
    found = labels("疏附县和疏勒县的干部到县医院看望患者。")
    assert not any(label.endswith("医院") for label in found)
    # 各县医院: every county's, no one hospital
    assert not any(label.endswith("医院") for label in labels("于田县地处和田地区。各县医院都派了医生。"))


def test_a_route_between_two_places_and_a_route_listed_before_it():
    assert names("和田至若羌高速公路明年通车。").get("和田至若羌高速公路") == "Project"
    found = names("新疆将启动喀什至和田、和田至若羌高速公路改建项目。")
    assert found.get("喀什至和田") == "Project" and "和田至若羌高速公路改建项目" in found
    # places that share one works are no route (A县、B县城乡供水工程), nor is a road's kind
    assert not any(n.endswith("工程") for n in names("乌恰县、阿合奇县城乡供水一体化工程开工。"))
    assert not any(n.endswith("公路") for n in names("县城至乡镇公路全部硬化。"))


def test_the_rebuilding_of_a_named_facility_is_one_project():
    assert "青松大桥改建工程" in names("青松大桥改建工程正式开工。")
    assert not any(n.endswith("工程") for n in names("全县改建工程20个。"))


def test_an_industry_a_place_grows_is_a_project_where_money_goes_to_it():
    found = names("疏附县核桃产业、伽师县葡萄产业分别获得帮扶资金500万元。")
    assert found.get("疏附县核桃产业") == "Project" and found.get("伽师县葡萄产业") == "Project"
    # its growth, a kind of industry, or no money in the sentence: no name
    assert not any(n.endswith("产业") for n in names("疏附县核桃产业发展迅速，疏附县特色产业获得资金。"))
    assert not any(n.endswith("产业") for n in names("疏附县核桃产业很有名。"))


def test_a_quoted_brand_opens_the_name_after_it():
    found = names("“红柳”青松新村建成交付。")
    assert "“红柳”青松新村" in found
    # a mode of aid in quotes is no brand
    assert "“交钥匙”疏附县中学" not in names("以“交钥匙”疏附县中学援建模式推进。")


def test_after_a_category_and_a_dash_the_words_up_to_the_head_are_one_name():
    found = names("安徽重点援疆项目——新疆恒记红枣产业项目落户疏附县。")
    assert "新疆恒记红枣产业项目" in found
    found = names("由恒达集团援建的新农村建设项目——疏附县青松村村容村貌整治工程完工。")
    assert "疏附县青松村村容村貌整治工程" in found


def test_names_the_tagger_marks_in_a_list_after_a_word_for_firms_are_firms():
    found = names("组织所属大型企业恒达石化、青松油田分别结对帮扶疏附县中学。")
    assert found.get("恒达石化") == "Enterprise" and found.get("青松油田") == "Enterprise"
    assert not names("企业发展、企业用工得到保障。")


def test_the_money_of_projects_is_no_heading_name():
    found = names("黑龙江省援疆前方指挥部投入援疆项目资金，对该村旅游设施进行提升改造。")
    assert not any(n.endswith("项目") for n in found)


def test_a_hospital_groups_branch_is_named_whole_and_the_group_is_no_firm():
    found = names("疏附县人民医院医疗集团托克扎克分院揭牌。")
    assert found.get("疏附县人民医院医疗集团托克扎克分院") == "Institution"
    assert names("疏附县人民医院医疗集团成立。").get("疏附县人民医院医疗集团") == "Institution"


def test_a_programmes_works_in_apposition_before_a_named_facility_are_not_its_name():
    found = names("江苏援藏项目拉萨市第二中学教学楼竣工。")
    assert "拉萨市第二中学教学楼" in found and not any(n.startswith("江苏援藏项目") for n in found)
    # works that go with a project keep it (no named facility after it)
    assert "疏附县安居富民项目配套工程" in names("疏附县安居富民项目配套工程完工。")


def test_a_dashed_route_is_named_by_ends_the_tagger_reads_as_places():
    found = names("疏附—托克扎克公路、青松—乌恰高速公路和伽师—巴楚高速公路通车。")
    assert {"疏附—托克扎克公路", "青松—乌恰高速公路", "伽师—巴楚高速公路"} <= set(found)
    assert not any(n.endswith("高速公路") for n in names("重点工程—高速公路建设加快。"))
