"""Recognition, resolution and relation patterns on our own example sentences (not the samples)."""
from __future__ import annotations

import pytest

from aidkg.pipeline import process_text


def ents(doc):
    return {e.label: e for e in doc.entities.values() if e.mentioned}


def rels(doc, with_reference=False):
    """The relations as label triples; every pairing (supports too) also as pairedWith both ways
    round, so a `not in` on pairedWith rules out a pairing of any kind."""
    out = set()
    for r in doc.relations:
        if with_reference or r.method != "reference-data":
            out.add((r.subject.label, r.predicate, r.object.label))
            if r.predicate in ("pairedWith", "supports"):
                out |= {(r.subject.label, "pairedWith", r.object.label), (r.object.label, "pairedWith", r.subject.label)}
    return out


# --- entity kinds -----------------------------------------------------------------------------

def test_regions_resolve_to_division_codes_and_parents():
    doc = process_text("江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市、阿克陶县和乌恰县。")
    e = ents(doc)
    assert e["江苏省"].cls == "Province" and e["江苏省"].code == "320000"
    assert e["克孜勒苏柯尔克孜自治州"].cls == "Prefecture"
    assert e["阿克陶县"].cls == "County" and e["阿克陶县"].code == "653022"
    # the partOf chain from reference data reaches the province
    assert ("克孜勒苏柯尔克孜自治州", "partOf", "新疆维吾尔自治区") in rels(doc, with_reference=True)


def test_short_forms_join_the_full_name():
    doc = process_text("英吉沙县今年新建两所学校。援建英吉沙的干部说，英吉沙发展很快。")
    keys = {m.entity.key for m in doc.mentions if m.entity and m.entity.label == "英吉沙县"}
    assert len(keys) == 1
    assert "英吉沙" in ents(doc)["英吉沙县"].alt_labels


def test_a_short_form_in_a_chain_of_places_is_a_place_only_where_the_reference_data_puts_it():
    # 云南怒江州 is a chain (an example of compound-name); 泸州 lies in Sichuan, not in 云南
    assert not {"云南省", "泸州市"} & set(ents(process_text("由云南泸州人民政府主办。")))


def test_a_town_the_table_knows_only_in_a_province_the_article_never_names_is_another_town():
    doc = process_text("江苏省在新疆建设了白杨镇、惠安镇两个移民新镇。")   # the table's 惠安镇 is in Sichuan
    town = ents(doc)["惠安镇"]
    assert town.code is None and ("惠安镇", "locatedIn", "新疆维吾尔自治区") in rels(doc)
    assert not any(p == "partOf" and s == "惠安镇" for s, p, _ in rels(doc, with_reference=True))


def test_idiom_is_not_a_city():
    doc = process_text("推动事关长治久安的根本性工作。")
    assert "长治市" not in ents(doc)


def test_xpcc_ordinal_forms_and_regiment_grammar():
    # its partOf and locatedIn are examples of compound-name
    doc = process_text("兵团第三师五十一团职工活动中心建设项目由广东省援疆资金全额出资。")
    assert ents(doc)["五十一团"].cls == "XPCCUnit"


@pytest.mark.parametrize("text,name,cls", [
    ("苏州恒达纺织科技有限公司在阿图什市投资建厂。", "苏州恒达纺织科技有限公司", "Enterprise"),
    ("广州润华集团整体收购喀什天山建材有限公司。", "广州润华集团", "Enterprise"),
    ("交流会由江苏省援疆前方指挥部主办，阿图什市教育局承办。", "江苏省援疆前方指挥部", "GovernmentBody"),
    ("交流会由江苏省援疆前方指挥部主办，阿图什市教育局承办。", "阿图什市教育局", "GovernmentBody"),
    ("阿图什市人民医院与苏州市立医院结对。", "阿图什市人民医院", "Institution"),
    ("苏州恒达纺织科技有限公司投资3.5亿元在阿图什市建设的年产5万吨纱线项目正式投产。",
     "年产5万吨纱线项目", "Project"),
    ("江苏援疆干部刘明远介绍，项目进展顺利。", "刘明远", "Cadre"),
    ("自治区主席王建华发来贺信。", "王建华", "Person"),
    ("江苏省第十一批援疆干部人才进疆以来，实施项目86个。", "江苏省第十一批援疆干部人才", "Programme"),
    ("该项目落户阿克陶县工业园区，建设期两年。", "阿克陶县工业园区", "DevelopmentZone"),
    ("项目位于阿克陶县巴仁乡阿克塔木村。", "阿克塔木村", "Village"),
])
def test_entity_kinds(text, name, cls):
    doc = process_text(text)
    assert ents(doc)[name].cls == cls


def test_school_being_built_is_a_project_and_an_existing_one_an_institution():
    built = process_text("全额投资6000万元建成投用的乌恰县第三小学解决了孩子上学难的问题。")
    assert ents(built)["乌恰县第三小学"].cls == "Project"
    existing = process_text("阿克陶县第一小学的老师参加了培训。")
    assert ents(existing)["阿克陶县第一小学"].cls == "Institution"


# --- resolution -------------------------------------------------------------------------------

def test_we_province_resolves_to_the_donor():
    doc = process_text("江苏省援疆工作成效显著。我省安排资金2亿元，支持阿图什市建设学校。",
                       publisher="新华日报")
    we = [m for m in doc.mentions if m.norm(doc) == "我省"]
    assert we and we[0].entity.label == "江苏省"


def test_this_company_resolves_to_the_last_enterprise():
    doc = process_text("苏州恒达纺织科技有限公司落户阿图什市。该公司计划招收工人800名。")
    m = next(m for m in doc.mentions if m.norm(doc) == "该公司")
    assert m.entity.label == "苏州恒达纺织科技有限公司"


def test_declared_abbreviation_joins_the_full_name():
    doc = process_text("长沙湘江新材料股份有限公司（以下简称“湘江新材”）与乌恰县签约。湘江新材将投资5亿元。")
    assert "湘江新材" in ents(doc)["长沙湘江新材料股份有限公司"].alt_labels


def test_aid_command_abbreviation_is_the_same_body():
    # the branch's partOf is an example of compound-name
    doc = process_text("江苏省援疆前方指挥部召开会议。江苏前指阿图什分指负责落实。")
    keys = {m.entity.key for m in doc.mentions if m.entity and m.entity.cls == "GovernmentBody"
            and "分指" not in m.norm(doc)}
    assert len(keys) == 1, "江苏省援疆前方指挥部 and 江苏前指 are one body"


# --- relations --------------------------------------------------------------------------------


def test_an_investors_amount_is_the_projects_total():
    doc = process_text("苏州恒达纺织科技有限公司投资3.5亿元在阿图什市建设的年产5万吨纱线项目正式投产。")
    assert str(ents(doc)["年产5万吨纱线项目"].attrs["totalInvestment"]) == "350000000"


def test_the_total_of_a_project_funded_by_aid_money():
    doc = process_text("乌恰县人民医院门诊楼项目位于乌恰县城，总投资4200万元，建设资金由江苏省援疆资金全额出资。")
    assert str(ents(doc)["乌恰县人民医院门诊楼项目"].attrs["totalInvestment"]) == "42000000"


def test_aggregate_figures_do_not_land_on_a_project():
    doc = process_text("乌恰县人民医院门诊楼项目进展顺利。三年来，江苏省共实施援疆项目120个，总投资35亿元。")
    assert "totalInvestment" not in ents(doc)["乌恰县人民医院门诊楼项目"].attrs
    assert any(f.amount == 3500000000 for f in doc.facts)


def test_every_relation_keeps_its_sentence():
    doc = process_text("江苏省对口支援乌恰县。广州润华集团整体收购喀什天山建材有限公司。")
    for r in doc.relations:
        sent = doc.sentences[r.sentence]
        assert doc.text[sent.start:sent.end] in doc.text


def test_traditional_and_simplified_give_the_same_graph():
    from aidkg.normalise import to_traditional
    simp = "江苏省对口支援乌恰县。广州润华集团整体收购喀什天山建材有限公司，总投资3亿元。"
    a, b = process_text(simp), process_text(to_traditional(simp))
    assert b.meta.script == "traditional"
    assert rels(a) == rels(b)
    assert {e.key for e in a.entities.values()} == {e.key for e in b.entities.values()}


def test_person_introduced_as_a_batch_member_is_a_cadre():
    assert ents(process_text("王海峰是江苏省第十一批援疆干部人才。"))["王海峰"].cls == "Cadre"


def test_amounts_in_chinese_numerals_and_dates_from_the_article_year():
    doc = process_text("乌恰县人民医院门诊楼项目于5月18日开工建设，项目总投资两千万元。", date="2024-06-02")
    e = ents(doc)["乌恰县人民医院门诊楼项目"]
    assert str(e.attrs["totalInvestment"]) == "20000000"
    assert e.attrs["startDate"] == "2024-05-18"


def test_quantities_parse_with_jionlp():
    from aidkg.quantities import parse_date, parse_money
    assert parse_money("1950萬元".replace("萬", "万")) == 19500000
    assert parse_money("3000余万元") == 30000000
    assert str(parse_money("12.52亿元人民币")) == "1252000000"
    assert parse_date("2017年8月30日") == "2017-08-30"
    assert parse_date("8月30日") is None


def test_the_same_thing_named_differently_in_two_articles_gets_one_iri():
    a = process_text("江苏省援疆前方指挥部在阿图什市召开会议。苏州恒达纺织科技有限公司落户阿克陶县。", source="a")
    b = process_text("江苏前指负责人到阿图什调研。苏州恒达纺织科技公司在阿克陶投资建厂。", source="b")
    keys = lambda d, cls: {e.key for e in d.entities.values() if e.cls == cls and e.mentioned}
    assert keys(a, "GovernmentBody") == keys(b, "GovernmentBody")
    assert keys(a, "County") == keys(b, "County")
    assert keys(a, "Enterprise") == keys(b, "Enterprise")


def test_team_leader_of_an_aid_team_is_a_cadre():
    assert ents(process_text("湖北省援藏工作队队长张建华一行到山南市调研。"))["张建华"].cls == "Cadre"


def test_planned_total_investment_is_the_project_total():
    doc = process_text("乌恰县人民医院门诊楼项目计划总投资4200万元，2024年计划投资1500万元。")
    assert str(ents(doc)["乌恰县人民医院门诊楼项目"].attrs["totalInvestment"]) == "42000000"


def test_the_hospital_named_by_its_head_noun_gets_the_total():
    doc = process_text("宁波市援建的库车市人民医院新院区正式启用，医院总投资4.6亿元。")
    assert str(ents(doc)["库车市人民医院新院区"].attrs["totalInvestment"]) == "460000000"


def test_abbreviated_donor_command_with_branch_and_place_industry_short_names():
    doc = process_text("作为主办方，省援疆前指乌恰分指与乌恰县文旅局不断增添展品。", publisher="新华日报")
    labels = {e.label for e in doc.entities.values() if e.cls == "GovernmentBody"}
    assert any(l.endswith("乌恰分指") and len(l) > 4 for l in labels)
    firms = process_text("阿克苏纺织、澜泽集团等企业相继到疆投资兴业。")
    assert ents(firms)["阿克苏纺织"].cls == "Enterprise"
    assert "阿克苏地区" not in ents(firms)


def test_aid_to_any_province_marks_cadres():
    assert ents(process_text("该院院长、广东省援黔专家刘志强表示，将继续做好传帮带。"))["刘志强"].cls == "Cadre"


def test_notice_style_amounts_and_parks_being_built():
    doc = process_text("一、乌恰县工业园标准化厂房三期项目\n建设内容：新建标准化厂房6栋。\n总投资：1.2亿元，其中援疆资金8000万元。")
    assert str(ents(doc)["乌恰县工业园标准化厂房三期项目"].attrs["totalInvestment"]) == "120000000"
    park = process_text("上海市计划投资4600万元建设萨迦县高原果蔬产业园。")
    e = ents(park)["萨迦县高原果蔬产业园"]
    assert e.cls == "Project" and str(e.attrs["totalInvestment"]) == "46000000"


def test_truncated_person_names_and_province_pairs_are_not_people():
    doc = process_text("援疆干部刘德全介绍了情况。刘德说，项目年底完工。")
    persons = [e for e in doc.entities.values() if e.cls in ("Person", "Cadre")]
    assert [e.label for e in persons] == ["刘德全"] and persons[0].cls == "Cadre"
    doc = process_text("山东省和甘肃省深化合作，鲁甘协作结出硕果。")
    assert not [e for e in doc.entities.values() if e.cls == "Person"]


def test_aggregate_facts_know_donor_recipient_programme_and_count():
    doc = process_text("山东省第十批援疆干部人才进疆以来，实施援疆项目120个，总投资15亿元。")
    f = next(f for f in doc.facts if f.amount == 1500000000)
    assert f.project_count == 120 and f.programme.label == "山东省第十批援疆干部人才"
    doc = process_text("今年以来，浙江省湖州市累计向四川省广安市拨付财政帮扶资金1.2亿元。")
    f = doc.facts[0]
    assert (f.donor.label, f.recipient.label) == ("湖州市", "广安市")


def test_signing_ceremony_release():
    text = ("6月18日，华澜控股集团股份有限公司（以下简称“华澜集团”）新能源装备制造基地项目签约仪式在喀什经济开发区举行。"
            "根据协议，华澜集团将通过全资子公司华澜新能源（喀什）有限公司投资18亿元，建设华澜喀什新能源装备制造基地项目。"
            "同时，华澜集团还将控股收购南疆铝型材有限公司，并与喀什昆仑纺织有限公司合资建设高端面料车间，总投资5000万元。")
    doc = process_text(text)
    e = ents(doc)
    assert "华澜集团" in e["华澜控股集团股份有限公司"].alt_labels
    assert "全资子公司" not in e
    assert str(e["华澜喀什新能源装备制造基地项目"].attrs["totalInvestment"]) == "1800000000"
    assert str(e["高端面料车间"].attrs["totalInvestment"]) == "50000000"
    # its relations are examples of invest, joint-venture and acquire


def test_aid_teams_are_organisations():
    # the team leader's sender is an example of dispatch
    doc = process_text("重庆市第十批援藏干部人才进藏。重庆援藏医疗队队长、昌都市人民医院副院长唐奕凡说，今年已开展手术300余台。")
    assert ents(doc)["重庆援藏医疗队"].cls == "Organization"


def test_the_name_of_a_renovation_is_whole_and_gets_the_total():
    doc = process_text("南通市援建的新源县那拉提中心医院住院楼改扩建项目于今年8月投用，总投资6800万元。")
    assert str(ents(doc)["新源县那拉提中心医院住院楼改扩建项目"].attrs["totalInvestment"]) == "68000000"


def test_unconfirmed_short_forms_do_not_make_a_name_specific():
    doc = process_text("山西还安排对口援疆资金1.4亿元，新建党群活动中心等文化场所。")
    assert not [e for e in doc.entities.values() if e.cls == "Project"]


def test_demonstrative_with_the_last_words_of_a_name():
    doc = process_text("在于田县人民医院新建的高原呼吸病防治中心里，医生们正在查房。"
                       "该防治中心是天津市援疆资金重点支持项目，天津市全额投入援疆资金960万元。")
    assert str(ents(doc)["高原呼吸病防治中心"].attrs["totalInvestment"]) == "9600000"
    # who funded it (and who organised 本次签约仪式): examples of aid-project-of and organiser


def test_full_funding_in_a_later_clause_is_the_projects_total():
    doc = process_text("128团职工文化活动中心建筑面积2400平方米，由盘锦市全额出资1260万元建设。")
    assert str(ents(doc)["128团职工文化活动中心"].attrs["totalInvestment"]) == "12600000"


def test_two_firms_joined_by_a_verb_are_two_names():
    doc = process_text("5月8日，东莞锦程服饰集团有限公司并购皮山县丝路纺织有限公司签约仪式在皮山县举行。"
                       "根据协议，锦程服饰出资8000万元收购丝路纺织70%股权，并在位于皮山县工业园区的原厂区投建"
                       "锦程皮山智能服装产业园项目。")
    e = ents(doc)
    assert "东莞锦程服饰集团有限公司" in e and "皮山县丝路纺织有限公司" in e
    # who bought whom and who invests (the elided subject): examples of acquire and invest


def test_a_tagger_word_holding_two_firms_and_a_verb_names_the_second_firm_after_the_verb():
    from aidkg.recognise.name_bounds import after_joined_firm as _after_joined_firm
    text = "东莞锦程服饰集团有限公司并购皮山县丝路纺织有限公司"
    assert text[_after_joined_firm(text, 0, 0, len(text)):] == "皮山县丝路纺织有限公司"


def test_a_name_led_by_its_capacity_is_whole():
    # where a settled firm builds and who invests: examples of built-in and invest
    doc = process_text("盘锦禾牧牧业有限公司投资1.5亿元在128团投建的年出栏8万只肉羊养殖基地正在建设。")
    assert "年出栏8万只肉羊养殖基地" in ents(doc)


def test_institution_or_zone_a_project_name_begins_with():
    doc = process_text("常州市拨付援疆资金2600万元，用于尼勒克县喀拉苏中心医院住院楼改扩建项目。")
    e = ents(doc)
    assert e["尼勒克县喀拉苏中心医院"].cls == "Institution"
    # the project lies in it (and in a zone it begins with): examples of compound-name
    # a bare enlargement of a school is the school's project, not a second entity
    doc = process_text("由北京援藏资金全额出资的尼木县第三幼儿园扩建项目竣工。")
    assert "尼木县第三幼儿园" not in ents(doc)


def test_aid_verbs_do_not_begin_a_name():
    e = ents(process_text("北京安和医院对口支援林周县人民医院签约揭牌仪式在林周县举行。"))
    assert "林周县人民医院" in e and not any(k.startswith("支援") for k in e)


def test_a_park_a_place_builds_is_a_project_with_its_total():
    doc = process_text("在山南市，湖南省对口支援的隆子县新建的高原蔬菜产业园3月初投入使用。"
                       "该产业园由湖南援藏资金全额投入3800万元建设。")
    e = ents(doc)
    assert e["高原蔬菜产业园"].cls == "Project"
    assert str(e["高原蔬菜产业园"].attrs["totalInvestment"]) == "38000000"
    # where it lies and who funded it: examples of genitive and funded-by (a firm signing with a zone: signed-with-zone)


def test_qiantou_zuzhi_after_several_adverbs_is_a_verb_not_an_organisation():
    # quoted event names with a season and their organisers: examples of organiser
    doc = process_text("今年以来，无锡援疆工作组还牵头组织“锡企新源行”投资对接活动，现场签约项目12个。")
    assert not [e for e in doc.entities.values() if e.cls == "Organization"]  # 牵头组织 is a verb


def test_amounts_of_settled_joint_and_fully_funded_projects():
    e = ents(process_text("苏州云芯电子有限公司投资8000万元在伽师县落地智能终端装配项目。"))
    assert str(e["智能终端装配项目"].attrs["totalInvestment"]) == "80000000"
    e = ents(process_text("伽师县丝路纺织有限公司与苏州锦华织造有限公司合资3000万元建设高端家纺车间。"))
    assert str(e["高端家纺车间"].attrs["totalInvestment"]) == "30000000"
    e = ents(process_text("杭州花溪生物科技有限公司去年在于田县落地，投资1.2亿元建起玫瑰精油深加工项目。"))
    assert str(e["玫瑰精油深加工项目"].attrs["totalInvestment"]) == "120000000"
    e = ents(process_text("三、伽师县深喀康复中心建设项目。\n由深圳市福田区对口帮扶资金全额投入1650万元，建筑面积5200平方米。"))
    assert str(e["伽师县深喀康复中心建设项目"].attrs["totalInvestment"]) == "16500000"


def test_mass_organisations_of_a_place_are_named():
    doc = process_text("“石榴花开”家庭教育讲座由阿图什市妇联主办、克州残联和乌恰县科协协办，疏勒县总工会和伽师县红十字会参加。")
    e = ents(doc)
    for name in ("阿图什市妇联", "克州残联", "乌恰县科协", "疏勒县总工会", "伽师县红十字会"):
        assert e[name].cls == "GovernmentBody"


def test_a_zone_named_with_and_without_its_place_is_one_entity():
    doc = process_text("该项目位于伽师县丝路产业园，总投资2亿元。下一步将推动丝路产业园标准厂房三期项目尽快开工。")
    zones = [e for e in doc.entities.values() if e.cls == "DevelopmentZone" and e.mentioned]
    assert len(zones) == 1 and "丝路产业园" in zones[0].alt_labels
    assert ("丝路产业园标准厂房三期项目", "locatedIn", "伽师县丝路产业园") in rels(doc)


# --- structural patterns found on a blind set (own sentences) ----------------------------------


def test_counted_kinds_of_projects_are_no_names_and_a_head_is_not_read_across_words():
    e = ents(process_text("今年引进江苏企业项目12个，签约产业合作项目8项。"))
    assert not any(x.cls == "Project" for x in e.values())
    e = ents(process_text("总投资2亿元的疏附县第二中学扩建工程今年投用。"))
    assert e["疏附县第二中学扩建工程"].cls == "Project"
    assert not any(x.cls == "Enterprise" for x in e.values())


def test_an_office_stationed_in_another_place_is_one_body_of_its_sender():
    e = ents(process_text("凉山州副州长（挂职）、宁波市派驻凉山工作组组长周明哲表示，喀什地区驻深圳工作站将全力配合。"))
    assert e["宁波市派驻凉山工作组"].cls == "GovernmentBody"
    assert e["喀什地区驻深圳工作站"].cls == "GovernmentBody"
    e = ents(process_text("温州市东西部协作服务中心与宁海县东西部协作工作专班联合主办推介会。"))
    assert e["温州市东西部协作服务中心"].cls == "GovernmentBody"
    assert e["宁海县东西部协作工作专班"].cls == "GovernmentBody"


def test_shareholders_are_firms_of_their_own():
    # a subsidiary named after 旗下 is a firm of its own: an example of subsidiary
    e = ents(process_text("恒通物流集团原股东余杭区城建投资有限公司将继续持有20%股权。"))
    assert "余杭区城建投资有限公司" in e and "恒通物流集团" in e


def test_counted_things_after_a_construction_verb_are_no_project():
    # the project a construction verb names is an example of invest
    assert not any(x.cls == "Project" for x in ents(process_text("建设内容：新建分拣生产线2条，改造厂房800平方米。")).values())


def test_xpcc_companies_by_number_and_a_regiment_that_pairs():
    doc = process_text("走进第七师125团三连，新房整齐划一。在十二连，江苏援疆资金下达280万元建设的十二连党员活动阵地建设项目投入使用。"
                       "无锡市惠山区与125团结成“区团结对”关系。一连几天都在下雨。")
    e, r = ents(doc), rels(doc)
    assert e["三连"].cls == "Village" and e["十二连"].cls == "Village" and "一连" not in e
    assert ("三连", "partOf", "一二五团") in r
    assert ("十二连党员活动阵地建设项目", "locatedIn", "十二连") in r
    assert ("惠山区", "supports", "一二五团") in r
    assert not any(x.cls == "Village" for x in ents(process_text("他一连三天走访了十个村。")).values())


def test_we_written_before_a_place_is_the_unit_around_it():
    doc = process_text("上海市对口支援我省果洛藏族自治州。")   # 我省: the province of 果洛, not the donor's
    assert ("果洛藏族自治州", "locatedIn", "青海省") in rels(doc) and "上海市" in ents(doc)
    assert ("泽库县", "locatedIn", "黄南藏族自治州") in rels(process_text("我州泽库县新建一所学校。"))


def test_we_is_the_place_of_the_title_and_places_are_not_paired_with_what_contains_them(tmp_path):
    from aidkg.pipeline import process_file
    path = tmp_path / "summary.txt"
    path.write_text("阿克苏地区2023年对口援疆工作总结\n\n2023年，在浙江省杭州市的大力支持下，我市援疆工作取得新成效。"
                    "杭州市安排资金5亿元。杭州市上城区、拱墅区分别与我市温宿县、乌什县建立结对关系。杭州市干部到岗。\n",
                    encoding="utf-8")
    r = rels(process_file(path))
    assert ("杭州市", "supports", "阿克苏地区") in r
    assert ("温宿县", "locatedIn", "阿克苏地区") in r and ("温宿县", "locatedIn", "杭州市") not in r
    r = rels(process_text("在浙江省的大力支持下，我市援疆工作取得新成效。杭州市安排资金5亿元。杭州市干部到岗。"))
    assert ("浙江省", "pairedWith", "杭州市") not in r


def test_we_is_none_of_the_places_it_deals_with():
    # 我市 works with 定西市: 我市 is not 定西市, here or in the article's later sentences
    doc = process_text("今年我市与甘肃省定西市深化劳务协作。按照安排，我市三家企业在定西市设立帮扶车间。")
    assert not any(m.source == "coref:we" and m.entity.label == "定西市" for m in doc.mentions)


def test_a_district_named_like_a_zone_is_a_district():
    doc = process_text("上海市浦东新区和云南省祥云县携手推进东西部协作。")
    kinds = {m.text(doc): m.cls for m in doc.mentions}
    assert kinds.get("浦东新区") == "County" and "上海市浦东新区" not in kinds
    assert ("浦东新区", "supports", "祥云县") in rels(doc)
    assert "DevelopmentZone" in {m.cls for m in process_text("天津经济技术开发区新落户企业12家。").mentions}


def test_tagger_words_that_are_peoples_slogans_or_a_place_glued_to_a_word_are_no_names():
    e = ents(process_text("一位柯尔克孜族牧民说，他任县委常委以来走遍了全县。"))
    assert not e
    e = ents(process_text("今年全年销售阿克苏农特产品5亿元，喀什农特产品也进入长三角市场。"))
    assert not any("农特" in name for name in e)
    assert "伊犁河谷" in ents(process_text("位于伊犁河谷的察布查尔县风光秀美。"))
    e = ents(process_text("绍兴挂职干部、市政府副秘书长沈明远牵头建立“周调度、月通报”机制。"))
    assert "沈明远" in e and "周调度" not in e
    e = ents(process_text("他说：“王立新、李红梅都是好同志。”"))
    assert "王立新" in e and "李红梅" in e


def test_partners_named_by_their_initials_and_a_short_form_of_a_place_named_in_full():
    doc = process_text("杭州市对口支援阿克苏地区。杭阿两地携手推进产业协作，杭阿协作结硕果。")
    assert "杭阿" not in ents(doc)   # their pairing is an example of abbreviation-pair
    doc = process_text("辽宁省对口支援塔城地区。他们在塔城大地上书写着辽塔两地的深厚情谊。")
    e = ents(doc)
    assert "塔城市" not in e and "塔" not in e and "辽塔" not in e
    assert "中" in ents(process_text("中美两国开展合作。"))


def test_building_a_zone_is_a_project_of_its_own():
    e = ents(process_text("3.乌什县核桃产业园建设项目。"))
    assert e["乌什县核桃产业园建设项目"].cls == "Project"


def test_control_as_a_verb_generic_social_organisations_and_hospital_buildings():
    e = ents(process_text("恒通集团控股明月食品 合资建设冷链项目"))
    assert "恒通集团" in e and "恒通集团控股" not in e
    assert "晋通控股" in ents(process_text("晋通控股投资建设了新项目。"))
    assert "社会组织" not in ents(process_text("湖州市112家企业、社会组织结对帮扶我市168个村。"))
    e = ents(process_text("投入780万元建设的阿克陶县人民医院医技楼投入使用。"))
    assert e["阿克陶县人民医院医技楼"].cls == "Project" and e["阿克陶县人民医院"].cls == "Institution"


def test_an_aid_verb_ends_an_institutions_name_and_what_is_built_beside_it_is_not_it():
    e = ents(process_text("共选派医疗专业技术人才97名，以“组团”方式支援喀什地区第一人民医院、喀什地区第二中学。"))
    assert e["喀什地区第一人民医院"].cls == "Institution" and e["喀什地区第二中学"].cls == "Institution"
    assert "伽师县人民医院" in ents(process_text("派出专家团队帮扶伽师县人民医院。"))
    e = ents(process_text("在喀什地区第一人民医院新落成的远程会诊中心，医生正在会诊。"))
    assert e["喀什地区第一人民医院"].cls == "Institution"
    assert ents(process_text("新建的伽师县第三小学今年秋季投用。"))["伽师县第三小学"].cls == "Project"


def test_bare_aid_bodies_and_theme_words_name_nothing():
    e = ents(process_text("在王志刚和援疆工作组的推动下，项目顺利落地。"))
    assert not any(x.cls == "GovernmentBody" for x in e.values())
    e = ents(process_text("经县东西部协作工作领导小组研究，拟将以下项目纳入计划。"))
    assert not any(x.cls == "GovernmentBody" for x in e.values())
    assert "绍兴市东西部协作工作领导小组" in ents(process_text("绍兴市东西部协作工作领导小组召开会议。"))
    assert not ents(process_text("重点支持南疆四地州的教育、医疗、就业和乡村振兴项目。"))


def test_an_industry_word_before_a_noun_of_its_own_is_no_firm():
    assert not any(x.cls == "Enterprise" for x in ents(process_text("同时依托宁波舟山港冷链物流资源，打通通道。")).values())
    assert not any(x.cls == "Enterprise" for x in ents(process_text("推动喀什光伏新能源产业集聚发展。")).values())
    assert ents(process_text("宁波海晟物流与乌什县签约。"))["宁波海晟物流"].cls == "Enterprise"


def test_streaks_are_no_companies():
    # a county's budget for its own towns is a counter-example of aid-fund-places
    e = ents(process_text("第七师125团篮球队今年拿下三连冠，在十二连举行庆祝活动。"))
    assert "三连" not in e and e["十二连"].cls == "Village"


def test_the_object_of_a_verb_is_a_name_only_with_a_place_brand_or_figure_in_it():
    assert not ents(process_text("今年，县里积极实施乡村振兴战略推动项目落地。"))
    # one with a place, brand and figure in it is an example of invest


def test_aid_workshops_are_named_by_their_place_or_brand():
    # who built them, where and with whose money: examples of invest, built-in, aided-project, genitive, funded-by
    doc = process_text("杭州翎羽服饰有限公司投资260万元，在青岭镇建成翎羽服饰就业帮扶车间，吸纳当地群众80人就业。")
    assert ents(doc)["翎羽服饰就业帮扶车间"].cls == "Project"
    doc = process_text("截至目前，两地共建成就业帮扶车间14个，新建就业帮扶车间吸纳就业300人。")
    assert not [e for e in ents(doc).values() if e.cls == "Project"]


def test_a_numbered_item_that_is_only_a_name_is_the_whole_name():
    doc = process_text("三、石门乡牧民定居点配套设施项目。使用援疆资金880万元，受益牧民186户。")
    assert "石门乡牧民定居点配套设施项目" in ents(doc)
    assert "点配套设施项目" not in ents(doc)
    doc = process_text("五、红柳乡游牧民定居点饮水工程。援疆资金300万元。")
    assert "红柳乡游牧民定居点饮水工程" in ents(doc)


def test_a_culture_square_is_a_project_and_a_county_short_form_before_its_town_stands():
    doc = process_text("四、木垒县同心民族团结文化广场。总投资960万元，占地1.5万平方米。")
    assert ents(doc)["木垒县同心民族团结文化广场"].cls == "Project"
    doc = process_text("一、木垒县大石头乡中心幼儿园项目。总投资1280万元，建筑面积3200平方米。")
    e = ents(doc)
    assert "木垒哈萨克自治县" in e and "大石头乡" in e


def test_a_kind_of_clinic_is_no_name_and_the_agent_of_a_passive_is_not_built():
    doc = process_text("下一步将推动托管模式向来凤县的乡镇卫生院延伸，并提升村级卫生室和基层医院服务能力。")
    assert not [e for e in ents(doc).values() if e.cls in ("Institution", "Organization", "Project")]
    doc = process_text("援建的红柳镇卫生院已投入使用。")
    assert "红柳镇卫生院" in ents(doc)
    doc = process_text("托管后，医院的管理制度和学科建设都由宁波甬康医院专家团队主导。")
    assert ents(doc)["宁波甬康医院"].cls == "Institution"
    doc = process_text("能力建设由杭州禾康医院牵头负责。")
    assert ents(doc)["杭州禾康医院"].cls == "Institution"


def test_the_head_of_an_event_in_a_sentence_without_a_subject_names_a_project():
    # where it was held and who organised it: examples of built-in and organiser
    doc = process_text("今年春节前后，在鹤峰县举办“甬凤春风”专场招聘会3场。招聘会由鹤峰县人社局和海曙区人力资源和社会保障局联合主办。"
                       "据鹤峰县人力资源和社会保障局介绍，共有87家企业参加。")
    assert ents(doc)["甬凤春风专场招聘会"].cls == "Project"


def test_short_names_of_departments_join_the_full_name():
    doc = process_text("12月6日，县住建局、县财政局等部门参加验收。实施单位：木垒县住房和城乡建设局。")
    e = ents(doc)
    assert "县住建局" not in e and "县住建局" in e["木垒县住房和城乡建设局"].alt_labels
    doc = process_text("来凤县人社局负责人介绍，来凤县人力资源和社会保障局今年组织培训30场。")
    assert "来凤县人社局" not in ents(doc)


def test_the_items_a_count_of_projects_sums_up_are_projects_wherever_repeated():
    doc = process_text("今年，浙江省安排援疆资金1.2亿元，实施了甬城产业工人公寓和开发区污水处理厂提标改造两个项目。"
                       "其中甬城产业工人公寓总投资7600万元，建筑面积3.8万平方米。")
    e = ents(doc)   # who funded them: examples of money-for and aid-budget
    assert e["甬城产业工人公寓"].cls == "Project" and e["开发区污水处理厂提标改造"].cls == "Project"
    assert e["甬城产业工人公寓"].attrs["floorArea"] == 38000
    doc = process_text("今年共实施了教育、医疗和产业三个项目，建设红柳镇卫生院等3个项目。")
    assert "教育" not in ents(doc) and "医疗" not in ents(doc)


def test_a_base_is_a_project_when_a_brand_place_or_figure_names_it():
    doc = process_text("宁波甬兴鞋业集团投资建设的华东运动鞋服智造基地正在进行内部装修。")
    assert ents(doc)["华东运动鞋服智造基地"].cls == "Project"
    doc = process_text("双孢菇工厂化基地由永宁县人民政府组织实施，并建设高山茶加工基地一个。")
    assert not [e for e in ents(doc).values() if e.cls == "Project"]


def test_a_name_with_a_middle_dot_keeps_the_fathers_name():
    doc = process_text("发布会上，阿克苏地区行政公署副秘书长艾力江·吐尔洪说，援疆为当地发展注入了动力。")
    assert "艾力江·吐尔洪" in ents(doc) and "艾力江" not in ents(doc)
    doc = process_text("县委副书记阿布都克力木·买买提介绍，今年新建学校三所。")
    assert "阿布都克力木·买买提" in ents(doc)


def test_the_whole_subject_of_held_at_is_the_event_name():
    doc = process_text("6月13日，2023年延边·宁波对口合作招商推介暨项目签约会在宁波举行。本次签约会由延边州商务局主办。")
    name = "2023年延边·宁波对口合作招商推介暨项目签约会"
    assert ents(doc)[name].cls == "Project"
    # where it was held (two partners in a name locate nothing) and who organised it: examples of built-in
    # and organiser


def test_places_in_a_list_before_a_head_share_the_works_and_name_no_project():
    doc = process_text("下一步将重点推进乌恰县、阿合奇县城乡供水一体化工程。")
    assert not [e for e in ents(doc).values() if e.cls == "Project"]
    doc = process_text("今年还将实施来凤县和鹤峰县农村公路提升工程。")
    assert not [e for e in ents(doc).values() if e.cls == "Project"]
    assert "乌恰县城乡供水一体化工程" in ents(process_text("援建的乌恰县城乡供水一体化工程已通水。"))


def test_units_after_figures_and_industry_lists_name_nothing():
    doc = process_text("年产商品混凝土60万立方米，产品主要供应当地援疆工程。")
    assert not [e for e in ents(doc).values() if e.cls in ("Organization", "Enterprise")]
    doc = process_text("现场共签约项目9个，涵盖冷链物流、农产品精深加工、装备制造、文化旅游等领域。")
    assert "冷链物流" not in ents(doc)
    doc = process_text("本次签约涉及新能源、商贸物流和智能制造等产业。")
    assert not [e for e in ents(doc).values() if e.cls == "Enterprise"]
