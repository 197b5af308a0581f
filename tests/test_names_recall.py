"""Recall of names on real reporting: infrastructure named by its route or place, resettlement
sites, firms listed by their short names. Every sentence is our own (invented names, or public
place names); each class has counter-examples that must name nothing."""
from __future__ import annotations

from aidkg.pipeline import process_text


def names(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions}


def test_roads_railways_tunnels_named_by_place_or_route():
    found = names("青松山隧道及其所在的G0999喀什至和田高速公路全线通车。")
    assert found.get("青松山隧道") == "Project"
    assert found.get("G0999喀什至和田高速公路") == "Project"
    found = names("国家重点工程项目拉日铁路建成后，林芝白杨农村公路也将开工。")
    assert found.get("拉日铁路") == "Project"  # the category in apposition is no part of it
    assert found.get("林芝白杨农村公路") == "Project"


def test_a_kind_of_road_or_a_ranked_one_is_no_name():
    found = names("全县建设农村公路300公里，改造病险水库5座，加快高速公路建设。")
    assert not any(n.endswith(("公路", "水库")) for n in found)
    found = names("线路设有全国最长高速公路隧道，喀什至和田段第三长隧道也已贯通。")
    assert not any(n.endswith("隧道") for n in found)
    found = names("规划写入了《中长期铁路网规划》。")
    assert not any(n.endswith("铁路") for n in found)


def test_a_count_measuring_the_next_noun_leaves_the_name():
    found = names("此次投产的白杨水电站共计4台机组。")
    assert found.get("白杨水电站") == "Project"
    assert not any(n.endswith("水电站") for n in names("全县建成小型水电站共计12座。"))


def test_a_resettlement_site_is_named_by_its_place():
    found = names("记者来到麻江县易地扶贫搬迁集中安置点。")
    assert found.get("麻江县易地扶贫搬迁集中安置点") == "Project"
    found = names("全县在易地扶贫搬迁集中安置点引进企业，共建设安置点141个。")
    assert not any(n.endswith("安置点") for n in found)


def test_a_two_character_word_the_tagger_split_opens_the_name():
    found = names("旁多水利枢纽工程下月验收。")
    assert "旁多水利枢纽工程" in found
    found = names("岳西县天堂镇寄小体育运动场提升项目完工。")
    assert "岳西县天堂镇寄小体育运动场提升项目" in found
    assert not any(n.endswith("水库") for n in names("村民修小水库。"))


def test_firms_listed_by_short_names_in_a_batch():
    found = names("七师吸引了德州恒达、河南青松、浙江白杨等一批国内大型企业入驻工业园。")
    assert all(found.get(n) == "Enterprise" for n in ("德州恒达", "河南青松", "浙江白杨"))
    # industries summed up as a batch of firms are no firms
    assert not any(v == "Enterprise" for v in names("吸引了纺织、服装、电子等一批企业入驻。").values())


def test_a_firms_siblings_in_a_list_are_firms():
    found = names("公司先后与恒达纺织有限公司、河南金泰、浙江宏欣签订协议。")
    assert found.get("河南金泰") == "Enterprise" and found.get("浙江宏欣") == "Enterprise"
    # a product after a place is no firm, even beside one
    found = names("展会上，恒达纺织有限公司、新疆棉花、白杨红枣同台亮相。")
    assert "新疆棉花" not in found


def test_a_category_of_works_by_rank_and_sector_is_no_name():
    found = names("该项目是岳西县“十五”重点公路建设项目，也是国家重大水利工程。")
    assert not any(n.endswith(("建设项目", "水利工程")) for n in found)
    found = names("全县新建集中式供水工程40处，另有分散式供水工程200处。")
    assert not any(n.endswith("供水工程") for n in found)
    # a rank word does not hide a name of its own
    assert "白杨县青松乡重点中学教学楼建设项目" in names("白杨县青松乡重点中学教学楼建设项目开工。")


def test_a_firms_part_or_its_kind_is_no_name_of_it():
    found = names("恒达电源科技发展有限公司生产线上，机器繁忙运作。")
    assert found.get("恒达电源科技发展有限公司") == "Enterprise"
    assert not any(n.endswith("生产线") for n in found)
    found = names("山西援疆企业恒达农业开发公司把小麦加工成面粉。")
    assert found.get("恒达农业开发公司") == "Enterprise"


def test_a_schools_short_form_is_its_place_and_number():
    found = names("岳西县一中和岳西县二小的新教学楼投入使用。")
    assert found.get("岳西县一中") == "Institution" and found.get("岳西县二小") == "Institution"
    found = names("岳西县第一中学和岳西县第二小学。")
    assert "岳西县第一中学" in found and not any(n.endswith(("一中", "二小")) for n in found)
    assert not names("其中一小部分企业参加。")


def test_a_bureaus_field_and_a_parks_programme_are_words_of_their_names():
    assert names("浙江省文化和旅游厅与企业签订协议。").get("浙江省文化和旅游厅") == "GovernmentBody"
    found = names("位于岳西县的南海·岳西东西部协作共建产业园热潮涌动。")
    assert found.get("南海·岳西东西部协作共建产业园") == "DevelopmentZone"


def test_former_is_no_word_of_a_zones_name():
    found = names("2014年7月，原岳西经济技术开发区与原麻江经济开发区签订协议。")
    assert found.get("岳西经济技术开发区") == "DevelopmentZone" and found.get("麻江经济开发区") == "DevelopmentZone"
    assert "原平市经济开发区" in names("原平市经济开发区招商。")  # a city whose name opens with 原


def test_a_bracketed_place_inside_a_parks_name():
    assert "佛山（岳西）产业转移工业园" in names("企业落户佛山（岳西）产业转移工业园。")
    assert names("浙川（青川）东西部协作产业园建成。").get("浙川（青川）东西部协作产业园") == "DevelopmentZone"


def test_new_zone_heads_need_their_place():
    found = names("企业入驻麻江县工业集中区和贵阳综合保税区。")
    assert found.get("麻江县工业集中区") == "DevelopmentZone" and found.get("贵阳综合保税区") == "DevelopmentZone"
    assert not any(v == "DevelopmentZone" for v in names("打造产业集聚区，建设一批工业集中区。").values())


def test_works_between_two_facilities_and_partners_initials():
    found = names("目前，青松水库至三坪水库输水管道工程建成投产。")
    assert "青松水库至三坪水库输水管道工程" in found
    assert names("粤桂协作现代农业产业园带动农户增收。").get("粤桂协作现代农业产业园") == "DevelopmentZone"


def test_a_resort_by_its_place_not_its_rank():
    assert "昭苏县青松国际滑雪度假区" in names("昭苏县青松国际滑雪度假区加快建设。")
    assert not names("全力创建国家级旅游度假区。")


def test_a_workshop_in_a_resettlement_community_keeps_its_place():
    found = names("麻江县青松街道移民安置社区箱包加工帮扶车间的工人们开足马力。")
    assert "麻江县青松街道移民安置社区箱包加工帮扶车间" in found
    assert not any(n.endswith("安置社") for n in found)  # 社区 is no 社 (an institution's head)
    assert "三坪水库输水管道工程" not in names("青松水库至三坪水库输水管道工程2个重大民生项目建成。")


def test_kinds_ranks_areas_and_modes_name_no_zone_or_project():
    assert not names("该园区去年获批为省级经济开发区。")
    assert not any(n.endswith("工业园区") for n in names("建设400亩工业园区。"))
    assert not any(n.endswith("项目") for n in names("该楼按“交钥匙工程”项目方式由江苏省援建。"))
    assert not any(v == "Enterprise" for v in names("园区欢迎央企、知名公司前来落户。").values())
    assert "万亩枸杞示范园" in names("万亩枸杞示范园开园。")  # a round area still names its park


def test_a_bracket_the_tagger_glued_to_the_legal_form():
    found = names("由白杨国有资本运营（集团）有限责任公司和青松化工集团共同组建。")
    assert found.get("白杨国有资本运营（集团）有限责任公司") == "Enterprise"
