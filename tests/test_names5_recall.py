"""Names, fifth round: workshops and small facilities named by their place (X镇刺绣工坊, X村卫生室,
X村活动阵地), a dash however long opening no name (项目———X), the words of who held an event kept
out of its name (A与B召开X联席会议), 企业家 no firm's description, a tagger's misreading of a word
for people as an organisation naming nothing. Every sentence is our own (invented names, or public
place names); each class has counter-examples that must name nothing."""
from __future__ import annotations

from aidkg.pipeline import process_text


def names(text: str) -> dict[str, str]:
    doc = process_text(text)
    return {doc.norm[m.start:m.end]: m.cls for m in doc.mentions}


def test_a_dash_of_any_length_opens_no_name():
    for dash in ("—", "——", "———", "――"):
        found = names(f"会宁县援建项目{dash}会宁县第二小学教学楼于近日竣工。")
        assert "会宁县第二小学教学楼" in found, (dash, found)
        assert not any(n.startswith(("—", "―")) for n in found), found
    found = names("江苏援疆重点项目———会宁县刺绣产业项目开工。")
    assert "会宁县刺绣产业项目" in found


def test_workshops_clinics_and_activity_sites_named_by_their_place():
    found = names("上海援建的头寨子镇就业帮扶车间、头寨子镇刺绣工坊已投产。")
    assert found.get("头寨子镇刺绣工坊") == "Project"
    found = names("山海市援建了会宁县头寨子镇卫生室和会宁县头寨子镇村级活动阵地。")
    assert "会宁县头寨子镇卫生室" in found
    assert found.get("会宁县头寨子镇村级活动阵地") == "Project"
    assert not any("和" in n for n in found)


def test_bare_workshops_clinics_and_sites_are_kinds():
    found = names("全县新建村级活动阵地15个，刺绣工坊3个，改造卫生室8个。")
    assert not any(n.endswith(("阵地", "工坊", "卫生室", "活动")) for n in found), found
    # 活动 before 阵地 is no event; a word for people the tagger read as a body names no site
    assert not names("完善了县城及周边乡镇农牧民党组织活动阵地。")


def test_who_held_a_meeting_is_no_part_of_its_name():
    found = names("天津市与会宁县召开东西部协作联席会议。")
    assert not any("召开" in n for n in found), found
    # the event named after 召开的 still is
    assert any(n.endswith("联席会议") for n in names("在兰州召开的津甘东西部协作第三次联席会议提出新要求。"))


def test_entrepreneurs_are_no_description_of_a_firm():
    assert names("会宁县企业家联合会正式成立。").get("会宁县企业家联合会") == "Organization"
    # a firm's kind before its name is still left out
    found = names("会宁县本地企业甘肃恒达农林有限公司签约。")
    assert "甘肃恒达农林有限公司" in found


def labels(text: str) -> dict[str, tuple[str, set[str]]]:
    doc = process_text(text)
    return {e.label: (e.cls, set(e.alt_labels)) for e in doc.entities.values()}


def test_a_branch_named_after_its_institution_is_that_branch():
    found = labels("张明在山海医科大学第一医院白杨医院工作。白杨医院骨科的病人很多。")
    assert "白杨医院" in found["山海医科大学第一医院白杨医院"][1]
    assert "白杨医院" not in found


def test_a_body_named_after_a_place_by_its_full_and_short_name_is_one():
    found = labels("阿勒泰地区代表团与黑龙江省举行对接会。阿勒泰代表团表示，希望加快项目建设。")
    assert "阿勒泰代表团" in found["阿勒泰地区代表团"][1] and "阿勒泰代表团" not in found
    # two places' delegations stay two
    found = labels("阿勒泰地区代表团与哈密代表团举行对接会。")
    assert "阿勒泰地区代表团" in found and "哈密代表团" in found


def test_a_batch_of_cadres_and_talents_is_the_batch_of_cadres():
    found = labels("会宁县热烈欢迎第九批援疆干部人才的到来。希望第九批援疆干部扛起旗子。")
    assert "第九批援疆干部" in found["第九批援疆干部人才"][1]
    # a district's batch is not its city's: no fold by a place before it
    found = labels("上海市虹口区第五批援青干部张明说。第五批援青干部联络组组长李明说。")
    assert not any("第五批援青干部" in alts and label.startswith("第五批") for label, (_, alts) in found.items())


def test_a_kind_of_school_inside_a_project_name_is_no_institution():
    found = names("截至目前，职业技术学校信息化综合教学楼、会宁县第二中学学生宿舍楼已完工。")
    assert "职业技术学校" not in found
    assert found.get("会宁县第二中学") == "Institution"
    found = names("截至目前，师青松农场学校初中部教学楼已完工。")
    assert "师青松农场学校" not in found


def test_a_fair_by_its_short_name_with_its_edition():
    assert names("广州市长率团考察第十届“甘交会”。").get("第十届“甘交会”") == "Project"
    assert names("第9届陇洽会在杭州举行。").get("第9届陇洽会") == "Project"
    # a kind of meeting, and the verb 交会, name nothing
    assert not names("企业举行推介会和商洽会。")
    assert not any(n.endswith("交会") for n in names("两河在此交会，形成绿洲。"))


def test_the_edition_before_a_quoted_title_and_counts_of_editions():
    assert "第二届“中国甘南·天津商品交易会”" in names("市长率团考察第二届“中国甘南·天津商品交易会”。")
    assert not names("前六届“山海共振兴”活动，有超过2500家单位参与。")
    assert "第六届“山海共振兴”活动" in names("第六届“山海共振兴”活动在兰州举行。")


def test_an_event_held_within_a_fair_names_the_fair_too():
    found = names("9月2日，首届中国—中亚博览会会宁县项目签约仪式在乌鲁木齐举行。")
    assert found.get("首届中国—中亚博览会") == "Project"
    assert "首届中国—中亚博览会会宁县项目签约仪式" in found
    # no edition or year: no surely named fair inside
    assert not any(n.endswith("推介会") for n in names("会宁县招商推介会项目签约仪式在乌鲁木齐举行。"))


def test_the_year_of_an_edition_in_brackets_after_an_event():
    assert "会宁县招商引资洽谈会（2023）" in names("会宁县招商引资洽谈会（2023）在天津市举行。")
    assert "会宁县招商引资洽谈会" in names("会宁县招商引资洽谈会（2023年6月）在天津市举行。")


def test_departments_of_the_state_council():
    assert names("在农业农村部的指导下，两地深入开展协作。").get("农业农村部") == "GovernmentBody"
    assert names("国家发展改革委党组成员张红出席会议。").get("国家发展改革委") == "GovernmentBody"
    # the departments of agriculture everywhere, and a province's, are none
    assert not names("农业农村部门要加强指导。")
    assert "农业农村部" not in names("甘肃省农业农村部门牵头。")


def test_who_leads_a_delegation_is_no_part_of_its_name():
    assert not any(n.endswith("代表团") for n in names("多个省市的主要领导率代表团赶赴新疆。"))
    assert "会宁县代表团" in names("会宁县县长张明率会宁县代表团赴天津考察。")


def test_two_outlets_in_a_credit_line():
    found = names("天山网-新疆日报记者 张明\n会宁县举行签约仪式。")
    assert found.get("天山网") == "Institution" and found.get("新疆日报") == "Institution"
    found = names("石榴云/新疆日报记者 张明\n会宁县举行签约仪式。")
    assert found.get("石榴云") == "Institution"


def test_kinds_of_industry_and_village_are_no_names():
    assert not [n for n, c in names("推动喀什纺织服装产业全产业链发展。").items() if c == "Enterprise"]
    assert names("会宁纺织与会宁县签约。").get("会宁纺织") == "Enterprise"
    assert not any(n.endswith("村") for n in names("学习借鉴上海市乡村振兴示范村的先进经验。"))
    assert names("会宁县振兴村建成文化广场。").get("振兴村") == "Village"
    assert not any(n.endswith("活动") for n in names("工作队每月到大湾区、到产业链上下游企业开展招商推介活动。"))


def test_an_event_of_two_places_joined_by_yu_is_named_by_both():
    found = labels("3月11日上午，西湖区与青川县东西部协作联席会议召开。")
    assert "西湖区与青川县东西部协作联席会议" in found
    assert not any(a.startswith("与") for _, alts in found.values() for a in alts)
    # who held it, then the meeting: no name over 召开
    assert not any("召开" in n for n in names("天津市与会宁县召开东西部协作联席会议。"))


def test_a_meeting_held_with_the_year_of_its_edition():
    assert names("8月22日，我县召开2025年东西部协作工作推进会。").get("2025年东西部协作工作推进会") == "Project"
    # no year, no place: a routine meeting of a kind
    assert not names("8月22日，我县召开东西部协作工作推进会。")


def test_a_festival_by_its_edition():
    assert names("2025年，顺利举办了会宁县第二届马铃薯花卉节。").get("会宁县第二届马铃薯花卉节") == "Project"
    assert "第五届丝绸之路国际电影节" in names("第五届丝绸之路国际电影节开幕。")


def test_on_behalf_of_a_body_and_departments_of_a_sector():
    found = names("张明代表会宁县委、县政府表示感谢。")
    assert "会宁县委" in found and not any(n.startswith("张明") for n in found if found[n] != "Person")
    assert not any(n.endswith("公路") for n in names("由随县交通公路部门筹资130万元。"))


def test_a_title_joined_by_ji_whose_first_part_no_rule_named():
    found = names("新山村入选的红柳沟乡村振兴精品示范村暨农文旅融合项目，同时也是试点项目。")
    assert "红柳沟乡村振兴精品示范村暨农文旅融合项目" in found
    assert "农文旅融合项目" not in found
