"""Names of projects, parks and zones as real reporting writes them (classes seen on fresh news
pages; every sentence here is our own, with invented or public place names)."""
from __future__ import annotations

from aidkg.pipeline import process_text


def names(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions}


def test_a_caption_opening_is_no_word_of_the_name():
    found = names("图为吴兴·旺苍东西部扶贫协作产业园开工现场。")
    assert "吴兴·旺苍东西部扶贫协作产业园" in found
    assert not any(n.startswith("图为") for n in found)


def test_places_joined_by_a_dash_name_their_shared_park():
    found = names("三地共建的桐乡—松潘—白杨“飞地”产业园在嘉兴市动工。")
    assert "桐乡—松潘—白杨“飞地”产业园" in found
    # a double dash sets off an apposition: the name after it stands alone
    found = names("两地合作项目——甘肃省青松产业园一期正式投产。")
    assert not any(n.startswith("合作项目") and n.endswith("产业园") for n in found)


def test_the_programme_a_park_serves_is_a_word_of_its_name():
    found = names("新签约的企业为苍溪县浙川东西部扶贫工业园再添活力。")
    assert found.get("苍溪县浙川东西部扶贫工业园") == "DevelopmentZone"


def test_a_campus_named_by_its_side_keeps_the_institution():
    found = names("9月26日，红柳大学附属医院南院区项目开工建设。")
    assert "红柳大学附属医院南院区项目" in found


def test_we_and_a_level_word_refer_to_a_place_not_part_of_a_zone_name():
    found = names("按照分工，我市海安经济技术开发区结对帮扶富平县园区。")
    assert found.get("海安经济技术开发区") == "DevelopmentZone"
    assert "市海安经济技术开发区" not in found


def test_items_of_a_list_its_opening_words_call_projects():
    found = names("当天签约的项目分别是：青松健康食品产业园、六盘水市东三号路南段建设、"
                  "多层复合包装和农用滴灌带投资项目、机械配件生产等。")
    assert found.get("六盘水市东三号路南段建设") == "Project"
    assert found.get("多层复合包装和农用滴灌带投资项目") == "Project"  # 和 inside one item
    assert "机械配件生产" not in found  # a trade, no place, brand or head of its own
    # the parts one project is said to include are no projects of a list
    found = names("新校区项目包括教学楼、女生宿舍楼、浴室、食堂等配套设施。")
    assert "女生宿舍楼" not in found


def test_works_on_a_kind_of_building_name_no_project():
    assert "学校改扩建项目" not in names("县里把学校改扩建项目列入今年重点工作。")
    assert "青松县第一小学改扩建项目" in names("青松县第一小学改扩建项目总投资3200万元。")


def test_a_title_quoted_before_the_kind_of_project_it_is():
    found = names("依托“青松果园·红柳民俗村”的援疆项目，村民增收明显。")
    assert found.get("青松果园·红柳民俗村") == "Project"
    # a quoted period is no title
    assert "十四五" not in names("这是“十四五”的重点项目之一。")


def by_label(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {e.label: e.cls for e in doc.entities.values() if e.mentioned}


def test_works_joined_by_ji_after_a_verb_are_one_name():
    found = names("疏勒县城区供水改扩建及管网改造项目总投资3000万元。")
    assert "疏勒县城区供水改扩建及管网改造项目" in found
    assert not any(n.startswith("及") for n in found)


def test_a_building_of_an_institution_named_by_its_use():
    found = names("援建的青松县第二小学教辅用房投入使用，疏勒县红柳乡卫生院制氧站同时建成。")
    assert found.get("青松县第二小学教辅用房") == "Project"
    assert found.get("疏勒县红柳乡卫生院制氧站") == "Project"
    assert "教师周转用房" not in names("学校新建了教师周转用房。")  # a kind of building


def test_a_central_builders_bureau_is_a_firm():
    found = by_label("中铁十七局承建隧道，中建三局承建了青松县人民医院。")
    assert found.get("中铁十七局") == "Enterprise" and found.get("中建三局") == "Enterprise"
    assert by_label("青松县公安局召开会议。").get("青松县公安局") == "GovernmentBody"


def test_a_new_village_built_by_aid_is_a_project():
    assert by_label("北京援建的疏勒县幸福新村已有300户入住。").get("幸福新村") == "Project"
    assert by_label("援疆资金建设的疏勒县团结新村竣工。").get("团结新村") == "Project"
    assert by_label("记者来到疏勒县团结新村，村民正在劳作。").get("团结新村") == "Village"


def test_water_works_are_named_by_their_place():
    found = names("先后建设了尼木县水利枢纽、红柳灌区等一批重点水利设施，实施白杨镇二期防洪堤续建工程。")
    assert found.get("尼木县水利枢纽") == "Project" and found.get("红柳灌区") == "Project"
    # 续|建 split by the tagger is no clause's verb, nor 建工 a head
    assert found.get("白杨镇二期防洪堤续建工程") == "Project"


def test_the_firm_referred_to_is_no_word_of_its_projects_name():
    found = names("当日，该公司12万锭高档纺纱项目在呼图壁县正式开工。")
    assert "12万锭高档纺纱项目" in found
    assert not any(n.startswith("公司") for n in found)


def test_a_kind_of_firm_said_before_a_registered_name():
    found = names("该园由招引的浙江温州属地化公司汉中恒达实业有限公司投资建设。")
    assert found.get("汉中恒达实业有限公司") == "Enterprise"


def test_how_many_of_a_thing_opens_no_name():
    assert not any(n.endswith("机组") for n in names("今年8月，尼木县水利枢纽全部机组投产发电。"))


def test_an_institution_costing_a_total_is_a_project():
    assert by_label("总投资300万元的青松县民族医院，建筑物主体已经封顶。").get("青松县民族医院") == "Project"


def test_a_lists_head_names_none_of_its_items():
    found = names("青松县实施了红柳水库、白杨灌区、胡杨干渠三大重点水利工程。")
    assert found.get("胡杨干渠") == "Project" and found.get("白杨灌区") == "Project"
    assert not any("三大" in n for n in found)


def test_a_conjunction_glued_to_a_firm_opens_no_name():
    assert "恒达纺织有限公司" in names("和恒达纺织有限公司签约的项目已开工。")


def test_a_partnership_park_and_its_short_form_are_one_park():
    doc = process_text("吴兴·旺苍东西部扶贫协作产业园正式开工。截至目前，旺苍协作产业园已入驻企业5家。")
    parks = [e for e in doc.entities.values() if e.cls == "DevelopmentZone"]
    assert len(parks) == 1 and parks[0].label == "吴兴·旺苍东西部扶贫协作产业园"
    assert "旺苍协作产业园" in parks[0].alt_labels and not any(a.startswith("·") for a in parks[0].alt_labels)
    # two parks of one county, each named by its own words, stay two
    doc = process_text("青松县红柳产业园开工。青松县白杨产业园也已投产。")
    assert len([e for e in doc.entities.values() if e.cls == "DevelopmentZone"]) == 2


def test_a_mode_of_aid_in_quotes_names_no_project():
    assert not [n for n, c in names("鞍山援疆“交钥匙”项目建设有序推进。").items() if c == "Project"]
    assert not [n for n, c in names("两县签约全市首个“飞地经济”合作项目。").items() if c == "Project"]
    assert names("村级“两室一平台”项目全部完工。").get("村级“两室一平台”项目") == "Project"  # a title


def test_two_governments_joined_by_a_conjunction_are_two():
    found = names("近日，城固县政府与留坝县政府签约合作项目。")
    assert "城固县政府与留坝县政府" not in found and found.get("留坝县政府") == "GovernmentBody"


def test_what_goes_with_a_works_after_ji_is_part_of_its_name():
    found = names("西藏红柳水利枢纽及配套灌区工程顺利通过完工验收。")
    assert "西藏红柳水利枢纽及配套灌区工程" in found
    found = names("疏勒县水利枢纽和红柳乡灌区工程同时开工。")  # two works, each with its place
    assert "疏勒县水利枢纽" in found and "红柳乡灌区工程" in found
