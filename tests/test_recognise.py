"""Recognise components on our own sentences: what a tagger word needs to stand, counted lists,
regiments in articles about the corps."""
from __future__ import annotations

from aidkg.pipeline import process_text
from aidkg.recognise import COMPONENTS


def mentions(doc):
    return {doc.norm[m.start:m.end]: m for m in doc.mentions}


def by_label(doc):
    return {e.label: e for e in doc.entities.values() if e.mentioned}


def test_components_are_listed_in_order_each_from_its_own_module():
    modules = [c.__module__.rsplit(".", 1)[-1] for c in COMPONENTS]
    assert modules[0] == "regions" and modules[-1] == "projects"
    assert {"regions", "xpcc", "lists", "commands", "programmes", "names", "persons", "tagger_words",
            "overlaps"} <= set(modules)


def test_a_tagger_word_without_evidence_is_no_entity():
    # the tagger reads 百业兴 as an organisation and 长治 as a place: a slogan and an idiom
    assert not process_text("产业兴则百业兴，援疆干部说。").entities
    doc = process_text("聚焦社会稳定和长治久安总目标。")
    assert not [e for e in doc.entities.values() if e.cls not in ("Person",)]


def test_tagger_words_with_evidence_stand_and_say_which():
    doc = process_text("市民在天鹅湖公园散步，产品远销中亚和欧洲。")
    m = mentions(doc)
    assert m["天鹅湖公园"].cls == "Project"  # a facility (the tagger's place word has the head 公园)
    assert (m["中亚"].source, m["欧洲"].source) == ("lac:world", "lac:world")


def test_a_tagger_word_that_begins_a_longer_name_is_its_short_form():
    doc = process_text("福建闽华菌业股份有限公司落户宁夏。闽华在当地建设菇棚。")
    assert mentions(doc)["闽华"].source == "lac:short-form"
    firm = by_label(doc)["福建闽华菌业股份有限公司"]
    assert "闽华" in firm.alt_labels and firm.cls == "Enterprise"


def test_a_count_gives_the_items_of_a_list_their_class():
    doc = process_text("东莞市的石龙、石排和茶山三镇分别结对帮扶三个村。华为、格力、美的等5家企业参加交易会。")
    m = mentions(doc)
    assert [m[x].cls for x in ("石龙", "石排", "茶山")] == ["Township"] * 3
    assert "茶山三镇" not in m  # the count is no part of the last town's name
    assert [m[x].cls for x in ("华为", "格力", "美的")] == ["Enterprise"] * 3


def test_a_count_confirms_short_forms_at_its_level_only():
    doc = process_text("疏勒、岳普湖和英吉沙三县共建产业园。")
    assert {e.label for e in doc.entities.values() if e.cls == "County"} >= {"疏勒县", "岳普湖县", "英吉沙县"}
    # a list whose count does not match its items is no counted list
    assert "茶山" not in mentions(process_text("石龙、石排和茶山两镇合作。"))


def test_a_bare_regiment_number_names_a_regiment_in_an_article_about_the_corps():
    doc = process_text("新疆生产建设兵团第一师阿拉尔市组织企业家走访了四团的养殖基地。")
    assert mentions(doc)["四团"].cls == "XPCCUnit"
    assert "四团" not in mentions(process_text("全市合唱比赛分四团进行。"))  # not about the corps


def test_a_place_named_with_its_level_stands_and_a_generic_one_does_not():
    doc = process_text("白杨县是海澜市的对口协作县，两地结对帮扶县的农牧区都有项目。")
    m = mentions(doc)
    assert m["海澜市"].source == "lac:head" and m["白杨县"].source.startswith("lac:")
    assert "帮扶县" not in m and "农牧区" not in m


def test_a_short_form_running_into_a_full_name_is_no_reading():
    from aidkg import gazetteer as gz
    hits = [h.text for h in gz.get_gazetteer().find_all("支持徐闻县、雷州市和平远县发展")]
    assert hits == ["徐闻县", "雷州市", "平远县"]  # not 和平 (和平县) out of 和|平远县


def persons(text):
    doc = process_text(text)
    return [doc.norm[m.start:m.end] for m in doc.mentions if m.cls in ("Person", "Cadre")]


def test_transliterated_names_the_tagger_cut_are_mended():
    assert persons("阿克陶县牧民买买提·托合提说，新房子很暖和。") == ["买买提·托合提"]
    assert persons("莎车县农民买买提·吐尔逊说，今年收成不错。") == ["买买提·吐尔逊"]
    assert persons("记者 热依扎提·艾买提") == ["热依扎提·艾买提"]
    assert persons("艾力·阿不都说：很好。") == ["艾力·阿不都"]


def test_a_name_glued_to_its_title_is_read_from_the_family_name():
    # the tagger reads 长严金凤 as one word, and 长严|海静 as two: the name starts at the family name
    for name in ("严金凤", "严海静"):
        doc = process_text(f"福建省援疆前方指挥部指挥长{name}今天通报援疆工作进展情况。")
        assert persons(f"福建省援疆前方指挥部指挥长{name}今天通报援疆工作进展情况。") == [name]
        assert by_label(doc)[name].cls == "Cadre"


def test_words_the_tagger_takes_for_persons_are_not_persons():
    assert persons("“霍大夫说手术很成功。”") == []        # a form of address
    assert persons("西拓东进，货通天下。") == []             # no family name: a word
    assert persons("两地人民的友谊像浦江、叶河的水一样长。") == []  # a place in a list of places
    # but persons with their titles in a list stay persons
    assert persons("自治区主席艾力·阿不都、山东省省长王建国发来贺信。") == ["艾力·阿不都", "王建国"]
    assert persons("聚焦社会稳定和长治久安总目标。") == []      # a word of an idiom
    assert persons("宋志远 赵 刚 摄") == ["宋志远"]            # a byline: names split at spaces


def test_old_names_of_renamed_divisions_are_the_current_division():
    doc = process_text("西藏林芝地区是福建省的对口支援地区。当年库车县建成了光伏电站。")
    m = mentions(doc)
    assert m["林芝地区"].entity.label == "林芝市" and "林芝地区" in m["林芝地区"].entity.alt_labels
    assert m["库车县"].entity.label == "库车市"
    # a county of its own today keeps its name; a city founded as one has no former county
    assert mentions(process_text("和田县和和田市签约。"))["和田县"].entity.label == "和田县"
    from aidkg import gazetteer as gz
    assert not any(h.text == "白杨县" for h in gz.get_gazetteer().find_all("白杨县"))


def projects(text):
    doc = process_text(text)
    return {e.label: e for e in doc.entities.values() if e.cls in ("Project", "DevelopmentZone")}


def test_so_many_things_of_a_kind_are_no_name():
    assert not projects("去年共建成45处饮水工程，500余个产业项目落地，绝大部分项目已投产。")


def test_a_name_with_its_places_in_front_is_also_known_without_them():
    park = projects("海南州共和县塘格木产业园正式开园。")["海南州共和县塘格木产业园"]
    assert {"共和县塘格木产业园", "塘格木产业园"} <= park.alt_labels
    assert "产业园" not in park.alt_labels  # a bare head is no name


def test_events_named_by_their_conference_or_by_a_quote():
    assert "全国对口支援西藏工作会议" in projects("全国对口支援西藏工作会议在北京召开。")
    # what was held is named by all the words after 召开的
    assert "苏宁劳务协作第三次联席会议" in projects("记者从5日在银川召开的苏宁劳务协作第三次联席会议上获悉，两省将深化合作。")
    found = projects("两地联合举办“石榴花开”系列活动和“雪域书香”读书活动，还开展了公益性艺术活动。")
    assert set(found) == {"石榴花开系列活动", "雪域书香读书活动"}  # not the unnamed 公益性艺术活动


def test_datelines_and_bylines_mark_their_mentions_and_name_no_body():
    doc = process_text("新华社兰州3月5日电（记者 王海涛）天津市对口支援甘肃省的项目陆续开工。")
    roles = {doc.norm[m.start:m.end]: m.role for m in doc.mentions}
    assert roles["兰州"] == "dateline" and roles["王海涛"] == "byline"
    assert roles["天津市"] is None and roles["甘肃省"] is None
    assert mentions(doc)["新华社"].entity.cls == "Institution"  # not a project being built
    doc = process_text("中新网新疆新闻8月6日电(王海涛 李明)山东省援疆指挥部组织企业考察。")
    assert mentions(doc)["山东省援疆指挥部"].role is None  # the reporters in brackets are no part of its name
    assert {doc.norm[m.start:m.end] for m in doc.mentions if m.role == "byline"} == {"王海涛", "李明"}


def test_kinds_and_words_that_hold_a_place_name_are_no_mentions():
    assert not process_text("社区基层党组织和基层组织建设得到加强。").entities     # party organisations in general
    assert not process_text("葡萄园位于贺兰东麓，天山脚下牧场连片。").entities      # mountains, not 贺兰县, 天山区
    assert not process_text("该县力争创建全国民族团结进步示范县。").entities        # 示|范县|
    assert not process_text("城区学校新建教学楼。").entities                     # 城区: a word, not the district
    # a place named only in an event's name is what the event is about, not a place of the article
    assert set(by_label(process_text("会议传达了第三次中央西藏工作座谈会精神。"))) == {"第三次中央西藏工作座谈会"}


def test_names_on_real_reporting_patterns():
    found = projects("两地共建沪滇协作项目和沪滇协作平台。")
    assert not found  # two partners' initials and generic words name a kind, not a project
    doc = process_text("会上，省物产中大集团、杭钢集团等3家企业签约。")
    assert "物产中大集团" in by_label(doc) and "省物产中大集团" not in by_label(doc)
    # an industry read inside one word, and a list of industries, are no firms
    assert not [e for e in process_text("签约项目涵盖能源化工、纺织服装、商贸物流、电子商务等。").entities.values()
                if e.cls == "Enterprise"]
    assert "奇台县华源综合能源站" in projects("奇台县华源综合能源站建成投运。")
    office = by_label(process_text("上海市政府合作交流办组织企业考察。"))
    assert office["上海市政府合作交流办"].cls == "GovernmentBody"


def test_list_items_keep_their_whole_names_and_a_word_list_is_no_heading():
    found = projects("援建项目分别是九城御景幼儿园项目、第四中学小学部教学楼项目、图书馆改造项目。")
    assert "第四中学小学部教学楼项目" in found
    assert not projects("州直、县领导了解援疆项目情况。")


def test_model_villages_named_by_what_they_model_are_kinds():
    doc = process_text("两地共建闽宁示范村和乡村振兴示范村，原隆村示范村成效明显。")
    assert not {"闽宁示范村", "乡村振兴示范村"} & set(by_label(doc))


def test_villages_and_towns_the_tagger_split_or_glued():
    def places(text):
        doc = process_text(text)
        return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions if m.cls in ("Village", "Township")}
    assert places("仪式在巴宜区公众村举行。") == {"公众村": "Village"}          # 公众|村 after a county
    assert places("走访了米林县丹娘乡和卧龙镇甲日卡村。")["甲日卡村"] == "Village"  # after a town
    # the town that begins a school's name the tagger read as one word
    assert places("茶尔乡希望小学建设提升项目开工。") == {"茶尔乡": "Township"}
    # words, not names: 各村, 乡村, 小镇, a policy's 驻镇帮镇
    assert places("米林县各村都建了活动室，县乡村两级联动，江南小镇游人如织。") == {}
    assert "艾玛乡山巴村乡村振兴示范点建设项目" in projects("资金用于艾玛乡山巴村乡村振兴示范点建设项目。")


def test_descriptions_of_groups_and_industries_are_no_names():
    assert set(by_label(process_text("台州市考察团一行指挥部参观。"))) == {"台州市"}
    assert not [e for e in process_text("县、乡、镇三级党委政府高度重视。").entities.values() if e.cls == "GovernmentBody"]
    assert not [e for e in process_text("推进基层党建工作和商贸物流发展。").entities.values() if e.cls == "Enterprise"]
    assert persons("打造多浪·龟兹文化品牌。") == []


def test_an_event_held_is_named_by_its_whole_subject():
    found = projects("4月8日，2024年浙江省对口支援阿克苏地区项目开工仪式（阿克苏市第三中学建设项目）隆重举行。")
    assert "2024年浙江省对口支援阿克苏地区项目开工仪式" in found


def test_more_heads_and_events_of_real_reporting():
    found = projects("黑龙江省与阿勒泰地区举行了对口援疆工作对接会，福海县雪灾后危房重建项目开工。")
    # a national conference is a named event; a province's own X工作会议 is its routine
    assert "全国对口支援西藏工作会议" in projects("全国对口支援西藏工作会议召开。")
    assert not projects("江苏省对口援疆工作会议召开。")
    assert {"对口援疆工作对接会", "福海县雪灾后危房重建项目"} <= set(found)
    assert "天津市·甘肃省东西部协作座谈会" in projects("天津市·甘肃省东西部协作座谈会在兰州召开。")
    kinds = {e.label: e.cls for e in process_text(
        "援建的库尔勒市河北社会福利院投用，顺达农业薯条加工厂投产，上海援疆工作前方指挥部组织考察。").entities.values()}
    assert kinds["顺达农业薯条加工厂"] == "Enterprise" and kinds["上海援疆工作前方指挥部"] == "GovernmentBody"
    assert kinds["库尔勒市河北社会福利院"] in ("Institution", "Project")
    # a cadre in a list of cadres with their bodies' names
    assert "王赋" in persons("福建省援疆前方指挥部总指挥王赋、福建省援疆前方指挥部指挥长严金凤通报情况。")


def test_categories_and_unit_words_describe_not_name():
    assert not projects("今年的援藏项目都是医疗卫生类民生项目。")   # a category of projects
    assert not projects("各类产业合作项目稳步推进。")
    firms = [e.label for e in process_text("第三师与师市国有企业图木舒克市城投集团有限公司签约。").entities.values()
             if e.cls == "Enterprise"]
    assert firms == ["图木舒克市城投集团有限公司"]


def test_villages_after_a_county_known_by_its_old_name_and_in_lists_of_villages():
    doc = process_text("仪式在林芝县公众村举行。资金用于建设公众村、拉丁嘎村和久巴村。")
    villages = [doc.norm[m.start:m.end] for m in doc.mentions if m.cls == "Village"]
    assert villages.count("公众村") == 2 and "拉丁嘎村" in villages


def test_places_in_quotes_slogans_and_media_names_are_no_places_of_the_story():
    assert not process_text("“太湖”“湟水”深度交融。").entities                      # a lake and a river as symbols
    assert not process_text("开展“双带帮扶、惠民连心”等进村入户活动。").entities    # a slogan
    doc = process_text("中新网新疆新闻8月6日电 山东省援疆指挥部组织企业考察。")
    assert "新疆维吾尔自治区" not in by_label(doc)                                  # the medium's name


def test_persons_before_tongzhi_or_a_glued_title():
    assert persons("在以彭裕殿同志为组长的工作组无私援助下，项目顺利完成。") == ["彭裕殿"]
    assert persons("认真落实习近平总书记系列重要讲话精神。") == ["习近平"]
    assert persons("王府井书记处发布通知。") == []


def test_counts_after_a_name_and_generic_institutions_are_no_names():
    assert not projects("当天集中签约项目共20个。")
    doc = process_text("新改扩建双语幼儿园130所（其中农村双语幼儿园107所）。忠县、云阳等地人民医院成功创建三甲医院。")
    assert not [e for e in doc.entities.values() if e.cls in ("Project", "Institution")]
    # a construction verb after a named school stays in the project's name; a clause is no name
    assert "茶尔乡希望小学建设提升项目" in projects("还实施了茶尔乡希望小学建设提升项目等。")
    assert not projects("市长在启动仪式上要求北京市承担项目建设任务的部门加强协调。")


def test_long_project_names_with_conjunctions_and_list_items_keep_their_places():
    assert "疏附县托克扎克镇肉牛养殖及饲草料加工项目" in projects("今年实施了疏附县托克扎克镇肉牛养殖及饲草料加工项目，总投资1200万元。")
    assert "喀什地区疏附县农产品加工与冷链物流园项目" in projects("建设喀什地区疏附县农产品加工与冷链物流园项目。")
    found = projects("分别是岳普湖县铁热木镇设施农业和林果提质增效项目、也克先拜巴扎镇冷链物流中心项目。")
    assert "岳普湖县铁热木镇设施农业和林果提质增效项目" in found
    found = projects("援建项目包括阿合奇县哈拉布拉克乡牧民定居点配套设施项目、色帕巴依乡卫生院改扩建项目。")
    assert {"阿合奇县哈拉布拉克乡牧民定居点配套设施项目", "色帕巴依乡卫生院改扩建项目"} <= set(found)
    # two projects each with its own head stay two
    assert {"阿克陶县幼儿园项目", "乌恰县小学项目"} <= set(projects("实施了阿克陶县幼儿园项目和乌恰县小学项目。"))


def test_aid_cadre_groups_and_the_place_a_government_body_is_named_after():
    doc = process_text("天津援青干部管理组组长带队调研。")
    assert by_label(doc)["天津援青干部管理组"].cls == "GovernmentBody"
    # the tagger glues a county whose name is also a province's (河南县) to its 政府
    doc = process_text("河南县政府与对口支援单位签订协议。")
    assert by_label(doc)["河南蒙古族自治县"].cls == "County"


def test_variant_characters_opencc_leaves_are_read_as_their_standard_form():
    # Hong Kong writes 陝西 as 陜西; offsets stay those of the text as written
    doc = process_text("陜西省援疆幹部在哈密考察。")
    assert by_label(doc)["陕西省"].cls == "Province"
    assert len(doc.norm) == len(doc.text) and doc.norm.startswith("陕西省援疆干部")


def test_facilities_built_with_aid_are_projects_without_a_project_head():
    # squares, parks, camps, estates, new towns and greenways are built, not divisions
    assert [n for n in projects("援建的五团明湖广场成为群众休息的场所。") if n.endswith("明湖广场")]
    assert by_label(process_text("在喀什打造的深圳新城投入使用。"))["深圳新城"].cls == "Project"
    assert by_label(process_text("河北助力打造的滏阳生态廊道入选示范。"))["滏阳生态廊道"].cls == "Project"
    assert "房车营地" in projects("房车营地投用后，游客增多。")
    # a bare or described one is no name
    assert not projects("老旧小区改造完成。") and not projects("市民在广场上跳舞。")


def test_short_forms_after_a_word_that_takes_a_place_and_districts_of_a_named_city():
    # the tagger cuts or misreads a county's short form after 在/赴: the word before says it is a place
    assert by_label(process_text("浦东援建的学校在莎车开学。"))["莎车县"].cls == "County"
    assert by_label(process_text("企业家赴图木舒克考察。"))["图木舒克市"].cls == "County"
    assert "疏附县" in by_label(process_text("在疏附建设工厂。"))
    assert not process_text("在资源保障方面给予倾斜。").entities  # 资源县: an ordinary word
    # a district's short form alone stands when the article names its city; otherwise it is a word
    doc = process_text("广州市对口帮扶梅州市。南沙、番禺两地企业参加。")
    assert {"南沙区", "番禺区"} <= set(by_label(doc))
    assert by_label(doc)["南沙区"].code == "440115"
    assert not [e for e in process_text("仿佛置身江南小镇。").entities.values() if e.cls == "County"]


def test_a_facility_is_labelled_by_its_own_name_its_locators_stay_alt_labels():
    doc = process_text("漫步于第一师十二团丽水新村小区，居民楼整齐排列。")
    estate = next(e for e in doc.entities.values() if e.cls == "Project")
    assert estate.label == "新村小区"
    assert {"丽水新村小区", "第一师十二团丽水新村小区"} <= estate.alt_labels


def test_round_areas_era_words_and_whole_quotes_name_events_and_parks():
    assert "万亩现代农业科技示范园" in projects("企业落户后建起万亩现代农业科技示范园。")
    assert not projects("公司建成现代农业示范基地。")  # a subject building its object is no heading
    assert "情系塔城专场推介活动" in projects("下午举行了情系塔城专场推介活动。")  # all the words after 举行了
    assert "百家企业千种商品对接活动" in projects("两地“百家企业千种商品对接活动”正在筹备。")
    assert not projects("他说：“这次推介会很成功”。") and not projects("“我们的推介会”")
    # a place name that begins like a determiner is still a name
    assert "那曲市色尼区那曲镇游客服务中心改造项目" in projects("建设的那曲市色尼区那曲镇游客服务中心改造项目已开工。")


def test_a_county_read_as_a_verb_opens_a_park_and_a_locator_before_a_firm_is_no_part_of_it():
    assert "疏附广州工业园区" in projects("已建成疏附广州工业园区等项目。")  # 疏附 read as a verb
    assert not projects("在资源保障方面。")
    doc = process_text("在麦盖提县新疆五征绿色农业开发有限公司的基地上。")
    assert "新疆五征绿色农业开发有限公司" in by_label(doc) and "麦盖提县" in by_label(doc)
    # a donor and the county it set the firm up in, or one chain of places, are the firm's name
    assert "山东英吉沙山水水泥厂" in by_label(process_text("山东英吉沙山水水泥厂投产。"))
    assert "新疆喀什恒达纺织有限公司" in by_label(process_text("新疆喀什恒达纺织有限公司投产。"))


def test_a_partnership_written_before_a_body_or_project_is_part_of_its_name():
    doc = process_text("去年,四川省设立川渝协作办公室。沪滇协作云南省文山州广南县工作组投入资金。"
                       "鲁渝协作巫山县生态茶园项目开工。湖州市和广元市深化湖广协作,湖广协作青川县茶叶产业园开园。")
    names = {k: e.cls for k, e in by_label(doc).items()}
    assert names.get("川渝协作办公室") == "GovernmentBody"  # 协作办|公室 is one 办公室
    assert names.get("沪滇协作云南省文山州广南县工作组") == "GovernmentBody"
    assert names.get("鲁渝协作巫山县生态茶园项目") == "Project"
    assert names.get("湖广协作青川县茶叶产业园") == "DevelopmentZone"  # initials of places named in full
    assert "广南县工作组" not in names and "云南省文山州广南县工作组" not in names
    # the two places stay readable inside the name
    assert {"上海市", "云南省", "山东省", "重庆市"} <= {m.entity.label for m in doc.mentions if m.entity}


def test_a_partnership_word_without_two_places_opens_no_name():
    names = by_label(process_text("东西部协作云南省文山州工作组投入资金。"))
    assert "东西部协作云南省文山州工作组" not in names


def test_a_firm_registered_under_a_bracketed_place_keeps_its_brand():
    for text, name in (("当天,县政府还和朗星(泉州)实业有限公司签订协议。", "朗星(泉州)实业有限公司"),
                       ("公司与明辉（厦门）科技有限公司签约。", "明辉（厦门）科技有限公司"),
                       ("县里引进了华彩(福建)食品有限公司。", "华彩(福建)食品有限公司")):
        names = {k: e.cls for k, e in by_label(process_text(text)).items()}
        assert names.get(name) == "Enterprise", (text, names)
        assert not any(k.startswith(("(", "（")) or ")" in k[:3] for k in names), names
    # a kind of firm before the bracket is no brand; a bracket without a place is no registration
    assert "企业(厦门)有限公司" not in by_label(process_text("签约企业(厦门)有限公司代表发言。"))
    doc = process_text("项目由城投（国有）有限公司承建。")
    assert not any(m.source == "grammar:registered" for m in doc.mentions)


def test_bridges_stations_and_buildings_are_facilities_without_a_project_head():
    found = projects("交付的项目有白杨县公共文化中心、青松区客运枢纽站、白杨县妇幼保健站业务用房等。")
    assert {"白杨县公共文化中心", "青松区客运枢纽站", "白杨县妇幼保健站业务用房"} <= set(found), found
    assert "白杨县青松镇大桥" in projects("援建的白杨县青松镇大桥建成通车。")   # a bridge named by its place
    assert "重庆长江大桥" in projects("重庆长江大桥建成通车。")
    # a building of a body described or measured is no name
    assert not projects("卫生院原有业务用房面积不足。")
    doc = process_text("青松镇中心卫生院1410平方米业务用房受损。")
    assert "青松镇中心卫生院" in by_label(doc) and not projects("青松镇中心卫生院1410平方米业务用房受损。")


def test_projects_of_a_period_counts_and_ranks_are_no_names():
    assert not projects("2017年计划实施援疆项目102个，“交钥匙”项目27个。")
    assert not projects("白杨今年援疆项目10月底竣工。")       # the projects of a year
    assert not projects("2021年疏附县援疆项目集中开工。")
    assert not projects("今年11个新建工程类项目中，创业孵化基地完工。")
    assert not projects("这是集团援建青松县的最大基建工程。")  # a superlative, not a name
    assert not projects("经评审主体工程实现零缺陷目标。")       # the main works of a project
    assert not projects("恒达集团累计完成援藏项目投资6.3亿元。")  # a subject and its verb
    assert not projects("白杨县灾后恢复重建首家卫生院竣工。")
    names = by_label(process_text("白杨县第一小学是白杨县成立的第一所完整小学。"))
    assert "白杨县第一小学" in names and "第一所完整小学" not in names
    # a national conference and an aid team of a batch keep their names
    assert "全国对口支援新疆工作会议" in projects("全国对口支援新疆工作会议结束后，各省市组织代表团赴疆。")
    assert "青松市第二批援疆工作组" in by_label(process_text("青松市第二批援疆工作组抵达团场。"))


def classes(text):
    return {e.label: e.cls for e in process_text(text).entities.values() if e.mentioned}


def test_an_existing_institution_that_receives_aid_stays_an_institution():
    assert classes("基金会决定援建在震灾中受损的青松乡卫生院100万元。")["青松乡卫生院"] == "Institution"
    assert classes("白杨县第一小学新校舍落成。")["白杨县第一小学"] == "Institution"   # a part of it is built
    assert classes("白杨县第一小学的改扩建工程完工。")["白杨县第一小学"] == "Institution"  # enlarged: it exists
    assert classes("青松乡卫生院分院获赠设备。")["青松乡卫生院分院"] == "Institution"
    assert classes("白杨县妇幼保健计划生育服务中心获得援助资金。")["白杨县妇幼保健计划生育服务中心"] == "Institution"
    # one the text says is being built is a project
    assert classes("援建的白杨县第二小学建成投用。")["白杨县第二小学"] == "Project"
    assert classes("白杨县第二中学开工建设。")["白杨县第二中学"] == "Project"


def test_aid_commands_and_teams_named_with_their_donor_and_posting():
    names = classes("上海市对口支援都江堰市灾后重建指挥部负责人移交钥匙。")
    assert names.get("上海市对口支援都江堰市灾后重建指挥部") == "GovernmentBody"
    assert classes("深圳对口支援新疆喀什前线指挥部组织企业考察。").get("深圳对口支援新疆喀什前线指挥部") == "GovernmentBody"
    assert classes("上海市第八批援藏干部日喀则联络小组看望群众。").get("上海市第八批援藏干部日喀则联络小组") == "GovernmentBody"
    # references, not names: the bodies of a level, a command without its donor
    assert not classes("在市委市政府的领导下,援藏指挥部积极推进。")
    # 和 inside an organ's name
    assert "市招商和经济合作局" in classes("市招商和经济合作局与企业签约。")


def test_parks_named_by_their_place_or_partners_and_kinds_of_estates():
    assert classes("凯里·杭州经济开发区协作园开园。").get("凯里·杭州经济开发区协作园") == "DevelopmentZone"
    assert classes("黑水县园区引进企业。").get("黑水县园区") == "DevelopmentZone"
    assert classes("疏附商贸园区产业聚集区吸引企业入驻。").get("疏附商贸园区产业聚集区") == "DevelopmentZone"
    assert "省级高新园区" not in classes("青松镇获批省级高新园区。")
    assert not [c for c in classes("建设安置小区300套。").values() if c == "Project"]


def test_a_county_short_form_alone_stands_where_the_article_names_the_county():
    labels = [m.entity.label for m in process_text("黑水县位于阿坝州。黑水的群众喜迎新居。").mentions if m.entity]
    assert labels.count("黑水县") == 2


def test_names_cut_at_the_start_by_an_edition_a_partnership_or_a_leading_verb():
    doc = process_text("第十届全国对口支援白杨库区经贸洽谈会今天在青松召开。")
    assert "第十届全国对口支援白杨库区经贸洽谈会" in by_label(doc)      # the edition opens the event's name
    names = classes("其中有5亿元落户青广东西部协作产业园。")
    assert names.get("青广东西部协作产业园") == "DevelopmentZone" and "广东省" not in names  # 东 of 东西部协作
    assert persons("秦立元率考察团到集团总部拜访。") == ["秦立元"]               # 率 is no part of the name
    assert persons("省委书记钟展工率领导赴青松慰问。") == ["钟展工"]             # …nor does it take the name's end
    assert classes("记者从白杨市青松库区对口支援办公室获悉。").get("白杨市青松库区对口支援办公室") == "GovernmentBody"


def test_a_place_word_is_no_short_form_of_a_project_named_after_it():
    doc = process_text("上海援助万州经开区建设三峡移民就业基地。企业落地三峡。")
    assert [m.entity.label for m in doc.mentions if doc.norm[m.start:m.end] == "三峡" and m.entity] == []


def test_this_project_refers_to_the_last_project_not_to_an_event():
    doc = process_text("白杨县实施青松水厂改扩建工程。白杨县举行了项目推介会。该工程总投资3000万元。")
    bound = [m.entity.label for m in doc.mentions if m.source == "coref:this"]
    assert bound == ["青松水厂改扩建工程"]
    doc = process_text("青松产业园项目签约仪式在白杨县举行。该项目总投资2亿元。")
    assert not [m for m in doc.mentions if m.source == "coref:this" and m.entity.label.endswith("仪式")]


def test_a_town_known_whole_takes_no_character_of_the_word_before_it():
    towns = [m.entity.label for m in process_text("地震震中映秀镇的学校建成。").mentions if m.cls == "Township"]
    assert towns == ["映秀镇"]


def test_partnership_parks_works_and_generic_areas():
    assert classes("閩寧產業園引進企業。").get("闽宁产业园") == "DevelopmentZone"   # named after the partnership
    assert not [c for c in classes("在产业园区工作。").values() if c == "DevelopmentZone"]
    names = classes("签约项目有白杨县北片区污水处理厂、禾软科技园等。")
    assert names.get("白杨县北片区污水处理厂") == "Project" and names.get("禾软科技园") == "DevelopmentZone"
    assert not classes("自来水厂正常供水。")
    assert not classes("慢性病患病率高于平原地区。") and not classes("西部地区发展加快。")


def test_money_opens_no_name_and_a_person_ends_before_lead():
    assert persons("10月16日,秦立元率白杨县商务考察团到集团总部拜访。") == ["秦立元"]
    names = classes("白杨商会向青松县捐赠650万元建白杨县青松医院住院楼。")
    assert not [n for n in names if n.startswith("650")], names
    assert not projects("“青松会”上举行了重大招商项目签约仪式。")   # a major signing of investment: no name


def test_counted_institutions_of_places_and_a_donor_glued_to_an_institution():
    doc = process_text("包括平义、幸福、解放、桂花、金江5个社区卫生服务中心项目。")
    assert not [m for m in doc.mentions if m.cls == "Village"]   # the centres are counted, not villages
    names = classes("上海援建都江堰市社区卫生服务中心投入使用。")
    assert not [n for n in names if n.startswith("上海援建")], names


def test_place_names_read_out_of_ordinary_words_bylines_and_kinds_are_no_places():
    # a town's full name across the words of a planning term, a county's short form in a set phrase
    # of the sea coast, two provinces' initials in a reporter's name, kinds of village
    assert set(by_label(process_text("白杨县启动城市总规修编和市域城镇体系规划。"))) == {"白杨县"}
    assert not [m for m in process_text("援疆干部从东海之滨来到昆仑山下。").mentions if m.cls == "County"]
    assert not [m for m in process_text("（记者鲁豫 通讯员晋川）白杨县举行签约仪式。").mentions if m.cls == "Province"]
    assert not [m for m in process_text("援建的“农耕民俗文化村”和生态旅游村已经开放。").mentions if m.cls == "Village"]
    # but a pair of initials before what two partners do together, and a named village, stand
    doc = process_text("晋川两地携手，青松村的民俗文化节开幕。")
    assert {doc.norm[m.start:m.end] for m in doc.mentions if m.cls in ("Province", "Village")} == {"晋", "川", "青松村"}


def test_a_figure_and_its_de_bound_the_name_of_what_it_costs():
    # a firm's short name before a product, a base named by its product, a preposition inside
    names = classes("总投资3亿元的恒达纺织熔喷布项目预计年底投产。")
    assert names.get("恒达纺织熔喷布项目") == "Project"
    assert classes("投资800万元的香菇生产基地、冷链中心在白杨县签约。").get("香菇生产基地") == "Project"
    assert classes("总投资5亿元的白杨县食品用包装材料项目签约。").get("白杨县食品用包装材料项目") == "Project"
    # a phase, a generic kind and an action after the figure name nothing
    assert not projects("总投资2亿元的一期工程完工。")
    assert not projects("投资300万元的援疆项目完工。")
    # without a figure a base named only by its product stays a kind of base
    assert not projects("当地建有香菇生产基地。")


def test_batch_programme_quoted_abbreviation_and_a_preposition_read_as_a_surname():
    # the batch and its programme open the name; the verb after them is the name's own
    assert classes("青松县第五批援藏建设小康示范村项目正式开工。").get("青松县第五批援藏建设小康示范村项目") == "Project"
    # a bracket spelling out a quoted abbreviation stays inside the name
    names = classes("白杨县“两中心”(党群服务中心、便民服务中心)阵地项目总投资800万元。")
    assert [n for n in names if n.startswith("白杨县") and n.endswith("阵地项目")], names
    # 于 read as a surname opens no park's name
    names = classes("该项目选择于青松经济合作产业园。")
    assert not [n for n in names if n.startswith("于")], names
    # 对口援X inside an aid command's name, after its donor
    assert classes("浙江省对口援疆工作前方指挥部组织企业考察。").get("浙江省对口援疆工作前方指挥部") == "GovernmentBody"


def test_two_capacities_of_one_works_examples_before_a_count_and_the_firm_in_front():
    # 及 between two capacities joins the words of one name; the firm before them is its owner
    names = classes("恒达集团白杨公司5万锭纺纱及50万套家纺建设项目奠基。")
    assert names.get("5万锭纺纱及50万套家纺建设项目") == "Project" and names.get("恒达集团白杨公司") == "Enterprise"
    # the examples named before 等N个项目 are projects, 及 inside one of them
    names = classes("此次签约的白杨市青松农业番茄精深加工及果酱生产等8个项目总投资12亿元。")
    assert names.get("白杨市青松农业番茄精深加工及果酱生产") == "Project", names
    names = classes("共有恒达纺织全产业链、青松生物科技植物提取一体化等6个项目开工。")
    assert {"恒达纺织全产业链", "青松生物科技植物提取一体化"} <= set(names), names
    # a firm's short name opening a project's name stays a mention of the firm
    assert classes("总投资3亿元的恒达纺织熔喷布项目投产。").get("恒达纺织") == "Enterprise"
    # …not the words before a park a project is named after
    assert not [n for n, c in classes("总投资9亿元的兵团青松广东纺织服装产业园5万锭纺织项目投产。").items()
                if c == "Enterprise"]
    # a facility's upgrade after a comma keeps its 完善/整治 words
    names = classes("青松镇文化馆修缮项目,白杨湾文体广场完善提升工程等三个项目竣工。")
    assert "白杨湾文体广场完善提升工程" in names, names


def test_the_whole_county_is_the_one_just_named():
    # 全县 in an article about two counties: the county of the last sentences, not the first named
    doc = process_text("江苏援建的乌恰县沙棘林里，农户们忙着采摘。乌恰县沙棘远销各地。"
                       "常州援疆工作组利用阿合奇县的草场资源建设养殖基地。项目带动全县半数乡镇发展养殖。")
    whole = [m for m in doc.mentions if doc.norm[m.start:m.end] == "全县"]
    assert [m.canonical for m in whole] == ["阿合奇县"]


def test_a_registered_firm_name_keeps_its_county_but_a_brand_city_is_no_mention():
    doc = process_text("湖北省来凤县恒达食品有限公司负责人介绍，苏州恒达纺织科技有限公司也来考察。")
    places = {doc.norm[m.start:m.end] for m in doc.mentions if m.cls in ("Province", "Prefecture", "County")}
    assert places == {"湖北省", "来凤县"}   # not 苏州: the brand's city says where it comes from


def test_trade_heads_with_a_brand_central_firms_power_stations_and_donor_roads():
    # 牧业 names a firm only after a word the tagger marks as a brand or organisation
    names = classes("青松禾润牧业、白杨恒丰牧业与当地企业签约。")
    assert [n for n, c in names.items() if c == "Enterprise" and n.endswith("牧业")], names
    assert not [c for c in classes("发展草原牧业，现代畜牧业发展迅速。").values() if c == "Enterprise"]
    # a central state-owned firm's short name is a firm without a head noun
    assert classes("中石化在白杨县投资建设加油站。").get("中石化") == "Enterprise"
    # a hydropower station named by its own words; a bare one is no name
    assert classes("青松水电站位于白杨县境内。").get("青松水电站") == "Project"
    assert not projects("小水电站投产。")
    # a road a donor built in a city, named after the donor
    names = classes("江苏省援建的拉萨江苏路1998年建成。")
    assert names.get("拉萨江苏路") == "Project", names
    assert not [c for c in classes("他住在拉萨江苏路。").values() if c == "Project"]
    # a size word the tagger read as a verb, after a name, inside a project's name
    assert [n for n in projects("白杨油田大化肥项目竣工投产。") if n.endswith("大化肥项目")]


def test_a_year_after_a_place_a_building_named_by_its_use_and_examples_before_a_count_of_key_projects():
    names = classes("疏附县2011年村舍亮化工程项目总投资300万元。")
    assert names.get("疏附县2011年村舍亮化工程项目") == "Project", names
    assert not projects("疏附县2011年援疆项目完工。")   # the projects of a year, no name
    names = classes("援建的青松州藏医院药浴诊疗综合楼投入使用。")
    assert names.get("青松州藏医院药浴诊疗综合楼") == "Project", names
    names = classes("集中开工白杨湖公园项目、五彩青松城项目、青松山景区生态农旅及白杨风情线项目等8个重点项目。")
    assert {"白杨湖公园项目", "五彩青松城项目", "青松山景区生态农旅及白杨风情线项目"} <= set(names), names


def test_a_national_firms_short_form_is_the_firm_and_two_registered_names_are_two_firms():
    labels = by_label(process_text("中国青松开发总公司向白杨县捐款。青松总公司还援建了学校。"))
    assert "青松总公司" in labels["中国青松开发总公司"].alt_labels and "青松总公司" not in labels
    labels = by_label(process_text("恒达纺织有限公司与恒达纺织科技有限公司签约。"))
    assert {"恒达纺织有限公司", "恒达纺织科技有限公司"} <= set(labels)
    # a brand's short form still names the registered firm
    labels = by_label(process_text("恒锦纺织落户白杨县，苏州恒锦纺织科技有限公司投资2亿元。"))
    assert "恒锦纺织" in labels["苏州恒锦纺织科技有限公司"].alt_labels


def test_a_scenic_area_named_before_the_works_on_it_is_a_project():
    names = classes("指挥部投入援疆资金800万元用于七团青松湾生态园景区建设。")
    assert names.get("七团青松湾生态园景区") == "Project", names
    names = classes("实施疏附县青松湖景区提升改造。")
    assert names.get("疏附县青松湖景区") == "Project", names
    # a scenic area that is only visited stays no project
    assert not [c for c in classes("游客来到青松湖景区游玩。").values() if c == "Project"]


def test_the_object_of_ba_made_into_something_else_is_one_named_thing():
    assert classes("将致力于把青松蔬菜基地打造成现代农业产业园。").get("青松蔬菜基地") == "Project"
    assert not [n for n, c in classes("要把这个基地打造成示范。").items() if c == "Project" and n != "这个基地"]


def test_a_district_named_like_a_common_phrase_needs_its_city_before_it():
    # 新城区 (a new town district) is a phrase of planning reports; after its city it is the district
    doc = process_text("援建项目包括乌恰县人民医院、新城区客运站和青松镇学校。")
    assert not [m for m in doc.mentions if doc.norm[m.start:m.end] == "新城区"]
    doc = process_text("西安市新城区与乌恰县结对帮扶。")
    assert [m.code for m in doc.mentions if doc.norm[m.start:m.end] == "新城区"] == ["610102"]


def test_a_village_named_after_its_town_keeps_the_words_the_tagger_split_off():
    # 巴仁乡|托万克|阿热勒村: the tagger reads the first words as a place of their own
    doc = process_text("今年为阿克陶县巴仁乡托万克阿热勒村修建防渗渠1千米。")
    assert [doc.norm[m.start:m.end] for m in doc.mentions if m.cls == "Village"] == ["托万克阿热勒村"]
    # a verb before a village is no part of its name
    doc = process_text("乌恰县建成青松村。")
    assert [doc.norm[m.start:m.end] for m in doc.mentions if m.cls == "Village"] == ["青松村"]


def test_a_donor_glued_to_its_programme_is_a_place():
    # the tagger reads 江苏援疆 as one word: the province is still named
    doc = process_text("在江苏援疆支持建设的阿合奇县万亩沙棘林里，农户们忙着采摘。")
    assert {m.canonical for m in doc.mentions if m.cls == "Province"} == {"江苏省"}


def test_items_of_a_list_summed_up_as_projects_of_a_kind():
    names = classes("青松世界地质公园、白杨大瀑布等文旅项目成为知名旅游目的地。")
    assert names.get("白杨大瀑布") == "Project", names
    names = classes("双方就白杨经济技术开发区,青松日用品商城、白杨沙漠园等项目进行了交流。")
    assert {"青松日用品商城", "白杨沙漠园"} <= set(names), names
    # kinds of works and the parts of one project are no names
    assert not projects("实施了道路整治、饮水安全等民生项目。")
    assert "示范幼儿园" not in classes("青松中心项目包含了示范幼儿园、学前教育综合培训中心等单位工程。")


def test_a_projects_title_quoted_after_its_kind_is_a_project_wherever_repeated():
    doc = process_text("宁德打造援疆重点特色项目“青松生态文化村”。白杨镇“青松生态文化村”是指挥部打造的援疆项目。")
    titles = [m for m in doc.mentions if doc.norm[m.start:m.end] == "青松生态文化村" and m.cls == "Project"]
    assert {m.sentence for m in titles} == {0, 1}
    # a quote that opens a longer name or a plan is no title of its own
    assert "两中心" not in classes("实施民生工程“两中心”建设项目。")


def test_a_tibetan_given_name_alone_is_a_person_and_a_title_does_not_hide_a_misread_name():
    from aidkg.pipeline import process_text
    persons = lambda t: {e.label for e in process_text(t).entities.values() if e.cls in ("Person", "Cadre")}
    assert "卓玛" in persons("卓玛说，今年合作社的收入增加了。")
    assert "月余" not in persons("月余后，合作社的收入增加了。")  # no family name, no Tibetan name: no person
    # 县委副书记|连某某/d|代表: a three-character word the tagger made an adverb right after a title
    assert "连新良" in persons("县委副书记连新良代表全体干部表示感谢。")


def test_what_two_parties_agree_to_develop_is_a_project():
    names = classes("青松县政府与恒达公司就开发白杨湖矿泉水达成合作协议,项目总投资6000万元。")
    assert names.get("白杨湖矿泉水") == "Project", names
    assert not projects("双方就加强合作达成一致。")


def test_a_dotted_name_after_a_word_for_a_person_is_one_person_whatever_its_parts_were_tagged():
    # the father's name is a place's name (哈密): the person holds it, no place is read there
    doc = process_text("医生为红山农场居民吾那斯汗·哈密的婴儿进行健康检查。")
    assert persons("医生为红山农场居民吾那斯汗·哈密的婴儿进行健康检查。") == ["吾那斯汗·哈密"]
    assert not any(m.cls == "Prefecture" for m in doc.mentions)
    # the tagger's word runs on past the name (哈密家中): the name ends with the father's name
    assert persons("医生前往农场居民吾那斯汗·哈密家中开展检查。") == ["吾那斯汗·哈密"]
    # a name the tagger found whole stays as it was mended (托合|提说)
    assert persons("阿克陶县牧民买买提·托合提说，新房子很暖和。") == ["买买提·托合提"]
