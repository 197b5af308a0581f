"""Money facts (aidkg.money) on Documents written here: invented names and sentences.

The Documents are built by hand with the mentions, relations and aggregate figures relate would
give, so each rule of the stage is tested on its own, whatever the extractor does today.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF

from aidkg.document import AggregateFact, ArticleMeta, Document, Entity, Mention, Relation, Sentence
from aidkg.graph import article_graph_iri, document_graph
from aidkg.money import money_facts
from aidkg.validate import validate
from aidkg.vocab import AID

# invented places; codes only carry the province prefix the rules read (65 = a 援疆 recipient area)
DONOR = ("东川省", "region/980000", "Province", "980000")
CITY = ("海澜市", "region/980100", "Prefecture", "980100")
PREF = ("西原州", "region/659800", "Prefecture", "659800")
COUNTY = ("青松县", "region/659801", "County", "659801")
CORPS = ("第九十九师", "xpcc/div-99", "XPCCUnit", None)
VENUE = ("白杨市", "region/659900", "Prefecture", "659900")
SCHOOL = ("青松县第一小学", "project/school", "Project", None)
CLINIC = ("青松县人民医院门诊楼", "project/clinic", "Project", None)


def make_doc(text: str, names, *, facts=(), relations=(), invest=None, donor=None, date="2022-06-01",
             source="/tmp/money-test.txt") -> Document:
    doc = Document(text=text, meta=ArticleMeta(source=source, title="测试", date=date))
    doc.norm = text
    doc.content_hash = "0" * 64
    start = 0
    for i, part in enumerate(text.split("。")[:-1]):
        doc.sentences.append(Sentence(i, start, start + len(part) + 1))
        start += len(part) + 1
    ents = {}
    for name, key, cls, code in names:
        ents[name] = Entity(key, cls, name, code=code)
        k = text.find(name)
        while k >= 0:
            doc.mentions.append(Mention(k, k + len(name), cls, "test", doc.sentence_at(k).index, ents[name], code))
            k = text.find(name, k + 1)
    doc.entities = {e.key: e for e in ents.values()}
    for s, p, o in relations:
        sent = doc.sentence_at(text.find(s) if s in text else 0).index
        doc.relations.append(Relation(ents[s], p, ents[o], sent, "pattern:test"))
    for project, yuan in (invest or {}).items():
        ents[project].attrs["totalInvestment"] = Decimal(yuan)
        ents[project].attrs["_amount_sentence"] = doc.sentence_at(text.find(project)).index
    for sent, amount, d, r, count in facts:
        doc.facts.append(AggregateFact(sent, ents.get(d), ents.get(r), None, count, Decimal(amount)))
    if donor:
        doc.donor_code = ents[donor].code
    return money_facts(doc)


def flows(doc):
    return {doc.text[f.start:f.end]: f for f in doc.money}


def label(e):
    return e.label if e is not None else None


def test_kind_period_scope_and_count_from_the_wording():
    text = ("2022年，东川省安排援疆资金1.5亿元，实施项目12个。"
            "“十四五”期间，东川省与西原州签约项目30个，签约金额80亿元。"
            "截至目前，西原州累计到位资金6亿元。")
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[
        (0, 150_000_000, "东川省", None, 12), (1, 8_000_000_000, "东川省", "西原州", 30),
        (2, 600_000_000, "西原州", None, None)])
    f = flows(doc)
    aid = f["1.5亿元"]
    assert (aid.kind, aid.scope, aid.project_count, aid.period_start, aid.period_end) == ("aid-funds", "programme", 12, 2022, 2022)
    signed = f["80亿元"]
    assert (signed.kind, signed.period, signed.period_start, signed.period_end) == ("signed", "“十四五”期间", 2021, 2025)
    assert (label(signed.donor), label(signed.recipient)) == ("东川省", "西原州")
    delivered = f["6亿元"]
    assert delivered.kind == "delivered"
    # 西原州 receives 援疆 money: it is not the donor; the article's donor is not named there either
    assert (label(delivered.donor), label(delivered.recipient)) == (None, "西原州")


def test_a_project_inside_its_programme_is_not_counted_twice():
    text = ("2022年，东川省安排援疆资金3亿元支持青松县，实施项目20个。"
            "其中青松县第一小学由东川省援建，总投资5000万元。"
            "2021年建成的青松县人民医院门诊楼总投资4000万元，由东川省援建。")
    rel = [("青松县第一小学", "fundedBy", "东川省"), ("青松县第一小学", "locatedIn", "青松县"),
           ("青松县人民医院门诊楼", "fundedBy", "东川省"), ("青松县人民医院门诊楼", "locatedIn", "青松县")]
    doc = make_doc(text, [DONOR, COUNTY, SCHOOL, CLINIC], donor="东川省", relations=rel,
                   invest={"青松县第一小学": 50_000_000, "青松县人民医院门诊楼": 40_000_000},
                   facts=[(0, 300_000_000, "东川省", "青松县", 20)])
    f = flows(doc)
    assert f["3亿元"].kind == "aid-funds" and f["3亿元"].part_of is None
    school = f["5000万元"]
    assert (school.scope, label(school.project), label(school.donor), label(school.recipient)) == (
        "project", "青松县第一小学", "东川省", "青松县")
    assert school.kind == "total-investment"
    # the programme is aid funds, the project a total investment: not the same kind, not nested
    assert school.part_of is None
    # same kind, same donor and place, inside the period: nested
    doc = make_doc(text.replace("安排援疆资金3亿元", "安排项目总投资3亿元"), [DONOR, COUNTY, SCHOOL, CLINIC],
                   donor="东川省", relations=rel,
                   invest={"青松县第一小学": 50_000_000, "青松县人民医院门诊楼": 40_000_000},
                   facts=[(0, 300_000_000, "东川省", "青松县", 20)])
    f = flows(doc)
    assert f["3亿元"].kind == "total-investment"
    assert f["5000万元"].part_of is f["3亿元"]
    # a project of another year is not part of this year's programme
    assert f["4000万元"].period_start == 2021 and f["4000万元"].part_of is None


def test_qizhong_figure_is_part_of_the_one_before():
    text = "青松县第一小学总投资1.2亿元，其中东川省援疆资金8000万元。"
    doc = make_doc(text, [DONOR, COUNTY, SCHOOL], donor="东川省",
                   relations=[("青松县第一小学", "locatedIn", "青松县")],
                   invest={"青松县第一小学": 120_000_000}, facts=[(0, 80_000_000, "东川省", None, None)])
    f = flows(doc)
    share = f["8000万元"]
    assert share.part_of is f["1.2亿元"]
    assert (share.kind, share.scope, label(share.project), label(share.recipient)) == (
        "aid-funds", "project", "青松县第一小学", "青松县")
    # the project's total takes the donor its share names
    assert label(f["1.2亿元"].donor) == "东川省"


def test_the_venue_and_the_dateline_are_not_the_recipient():
    text = ("新华社白杨市6月1日电 东川省与青松县在白杨市举行招商签约会，签约项目8个，总投资20亿元。"
            "东川省在白杨市举行推介会，签约项目3个，总投资5亿元。")
    doc = make_doc(text, [DONOR, COUNTY, VENUE], donor="东川省",
                   facts=[(0, 2_000_000_000, "白杨市", "白杨市", 8), (1, 500_000_000, "东川省", "白杨市", 3)])
    f = flows(doc)
    assert (label(f["20亿元"].donor), label(f["20亿元"].recipient), f["20亿元"].kind) == ("东川省", "青松县", "signed")
    assert label(f["5亿元"].recipient) is None


def test_the_corps_does_not_take_a_provinces_money_for_its_prefecture():
    text = ("东川省对口支援西原州和兵团第九十九师，今年安排援疆资金3亿元。"
            "兵团第九十九师实施援疆项目30个，总投资5亿元。")
    doc = make_doc(text, [DONOR, PREF, CORPS], donor="东川省",
                   facts=[(0, 300_000_000, "东川省", "第九十九师", None), (1, 500_000_000, "第九十九师", None, 30)])
    f = flows(doc)
    assert (label(f["3亿元"].donor), label(f["3亿元"].recipient)) == ("东川省", "西原州")
    # the corps receives 援疆 money: it is where the money went, and the sentence names no donor
    assert (label(f["5亿元"].donor), label(f["5亿元"].recipient)) == (None, "第九十九师")


def test_many_donors_are_no_one_donor_and_aid_money_goes_to_its_province():
    text = "2025年，19个援疆省市落实对口援疆资金200亿元。"
    doc = make_doc(text, [DONOR], donor="东川省", facts=[(0, 20_000_000_000, "东川省", None, None)])
    f = flows(doc)["200亿元"]
    assert f.donor is None
    assert f.recipient is not None and f.recipient.code == "650000"


def test_categories_of_a_programme_are_parts_of_it_and_a_repeated_figure_counts_once():
    text = ("2024年东川省海澜市对口支援青松县建设项目共36个，资金2.5亿元。"
            "民生项目10个，资金9000万元。"
            "产业项目8个，资金4000万元。"
            "海澜市对口支援青松县资金2.5亿元。")
    doc = make_doc(text, [DONOR, CITY, COUNTY], donor="东川省", facts=[
        (0, 250_000_000, "海澜市", "青松县", None), (1, 90_000_000, "东川省", None, 10),
        (2, 40_000_000, "东川省", None, 8), (3, 250_000_000, "海澜市", "青松县", None)])
    doc.relations.append(Relation(doc.entities["region/980100"], "partOf", doc.entities["region/980000"], 0, "reference-data"))
    doc = money_facts(doc)
    programme, *rest = sorted(doc.money, key=lambda f: f.start)
    assert programme.project_count == 36
    assert [f.part_of is programme for f in rest] == [True, True, True]


def test_money_flows_in_the_graph_and_the_named_query(tmp_path):
    from aidkg import query_library as ql
    from aidkg.store import Store

    text = "青松县第一小学总投资1.2亿元，其中东川省援疆资金8000万元。东川省今年安排援疆资金3亿元支持青松县，实施项目20个。"
    kw = dict(donor="东川省", relations=[("青松县第一小学", "locatedIn", "青松县")],
              invest={"青松县第一小学": 120_000_000},
              facts=[(0, 80_000_000, "东川省", None, None), (1, 300_000_000, "东川省", "青松县", 20)])
    a = make_doc(text, [DONOR, COUNTY, SCHOOL], **kw)
    b = make_doc(text, [DONOR, COUNTY, SCHOOL], source="/tmp/money-test-reprint.txt", **kw)
    g = document_graph(a)
    assert len(set(g.subjects(RDF.type, AID.MoneyFlow))) == 3
    report = validate(g)
    assert report.conforms, report
    store = Store(tmp_path / "store")
    try:
        for doc in (a, b):   # a reprint of the same article: its figures count once
            store.replace_article(str(article_graph_iri(doc)), document_graph(doc))
        result = store.query(ql.get("money-flows").render())
        names = [v.value for v in result.variables]
        rows = [{k: (t.value if t is not None else None) for k, t in zip(names, r)} for r in result]
        listing = store.query(ql.get("money-figures").render())
        figures = [dict(zip([v.value for v in listing.variables], [t.value if t is not None else None for t in r]))
                   for r in listing]
    finally:
        store.close()
    got = {(r["donorLabel"], r["recipientLabel"], r["kind"]): (Decimal(r["total"]), r["figures"]) for r in rows}
    # the school's 8000万 share of aid funds lies inside this year's 3亿 of aid funds for the county
    assert got == {
        ("东川省", "青松县", "aid-funds"): (Decimal(300_000_000), "1"),
        ("东川省", "青松县", "total-investment"): (Decimal(120_000_000), "1"),
    }
    assert len(figures) == 6 and {f["statedAs"] for f in figures} == {"1.2亿元", "8000万元", "3亿元"}
    share = [f for f in figures if f["statedAs"] == "8000万元"]
    assert {(f["counted"], f["partOf"]) for f in share} == {("0", "3亿元")}
    assert {f["counted"] for f in figures if f["statedAs"] != "8000万元"} == {"1"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_carry_the_money(tmp_path, fmt):
    import networkx as nx

    from aidkg.analysis import export_network, money_totals, entity_graph

    text = "东川省今年安排援疆资金3亿元支持青松县，实施项目20个。青松县第一小学由东川省援建，总投资5000万元。"
    doc = make_doc(text, [DONOR, COUNTY, SCHOOL], donor="东川省", invest={"青松县第一小学": 50_000_000},
                   relations=[("青松县第一小学", "fundedBy", "东川省"), ("青松县第一小学", "locatedIn", "青松县")],
                   facts=[(0, 300_000_000, "东川省", "青松县", 20)])
    g = document_graph(doc)
    path = export_network(g, fmt, tmp_path / f"net.{fmt}")
    H = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    money = [d for _, _, d in H.edges(data=True) if d.get("relation") == "moneyFlow"]
    assert {(d["kind"], float(d["amount"])) for d in money} == {("aid-funds", 300_000_000.0), ("total-investment", 50_000_000.0)}
    funded = [d for _, _, d in H.edges(data=True) if d.get("relation") == "fundedBy"]
    assert [float(d["amount"]) for d in funded] == [50_000_000.0]
    rows = money_totals(entity_graph(g), rollup=False)
    assert {(r["donor"], r["recipient"], r["kind"], r["amount"]) for r in rows} == {
        ("东川省", "青松县", "aid-funds", 300_000_000.0), ("东川省", "青松县", "total-investment", 50_000_000.0)}


def test_a_donor_province_beside_the_donor_is_not_the_recipient_of_aid_money():
    text = "本报海澜6月1日讯 东川省、南屿省两省今年援疆资金合计5亿元。"
    doc = make_doc(text, [DONOR, ("南屿省", "region/970000", "Province", "970000"), ("海澜市", "region/980100", "Prefecture", "980100")],
                   donor="东川省", facts=[(0, 500_000_000, "东川省", "南屿省", None)])
    f = flows(doc)["5亿元"]
    assert f.donor is None   # 两省…合计: given by both, no single donor
    assert f.recipient is not None and f.recipient.code == "650000"   # 援疆 money: Xinjiang, not 南屿省


def test_categories_need_a_whole_that_sums_them():
    text = ("“十四五”以来各支援省市在库区累计投入民生资金6亿元，实施项目500个。"
            "在生态保护领域，各支援省市“十四五”时期累计投入5亿元实施70个环保项目。")
    doc = make_doc(text, [DONOR], facts=[(0, 600_000_000, None, None, 500), (1, 500_000_000, None, None, 70)])
    assert all(f.part_of is None for f in doc.money)


def test_an_example_is_part_of_the_whole_it_illustrates():
    text = ("东川省与西原州签约项目40个，签约总额300亿元。"
            "签约外贸合同5项。"
            "此次签约的项目中，如在西原州签约投资50亿元建设电厂。"
            "东川省另与西原州签约投资20亿元建设物流园。")
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[
        (0, 30_000_000_000, "东川省", "西原州", 40), (2, 5_000_000_000, "东川省", "西原州", None),
        (3, 2_000_000_000, "东川省", "西原州", None)])
    f = flows(doc)
    assert f["50亿元"].kind == "signed" and f["50亿元"].part_of is f["300亿元"]
    # a figure of its own (no 如) is not an example: counted
    assert f["20亿元"].part_of is None


def test_one_years_tranche_is_part_of_the_total():
    text = ("青松县2022年8个援疆项目开工，项目总投资达到9000万元，2022年计划投资4000万元。"
            "青松县8个援疆项目投资5000万元，2023年计划投资3000万元。")
    doc = make_doc(text, [COUNTY], facts=[
        (0, 90_000_000, None, "青松县", 8), (0, 40_000_000, None, "青松县", None),
        (1, 50_000_000, None, "青松县", 8), (1, 30_000_000, None, "青松县", None)])
    f = flows(doc)
    assert f["4000万元"].part_of is f["9000万元"]
    # no 总: the first figure is not said to be the whole of the second
    assert f["3000万元"].part_of is None


def test_the_side_that_brings_money_in_receives_it():
    text = ("西原州累计引入到位对口支援资金30亿元。"
            "西原州争取到东川省援助资金2亿元。"
            "东川省累计投入援疆资金5亿元。")
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[
        (0, 3_000_000_000, "东川省", None, None), (1, 200_000_000, "东川省", "西原州", None),
        (2, 500_000_000, "东川省", None, None)])
    f = flows(doc)
    # the subject brought the money in: it is the recipient, and no donor is named
    assert (label(f["30亿元"].donor), label(f["30亿元"].recipient)) == (None, "西原州")
    # the giver named after the verb stays the donor
    assert (label(f["2亿元"].donor), label(f["2亿元"].recipient)) == ("东川省", "西原州")
    assert label(f["5亿元"].donor) == "东川省"


def test_two_provinces_giving_together_are_no_single_donor():
    other = ("南山省", "region/970000", "Province", "970000")
    text = ("东川省、南山省两省今年援疆资金合计4亿元。"
            "东川省与西原州两省区签约项目5个，签约金额9亿元。")
    doc = make_doc(text, [DONOR, other, PREF], donor="东川省", facts=[
        (0, 400_000_000, "东川省", None, None), (1, 900_000_000, "东川省", "西原州", 5)])
    f = flows(doc)
    assert f["4亿元"].donor is None
    # 两省区 of a pairing with no 援疆/援藏/援青 money: the donor stands
    assert label(f["9亿元"].donor) == "东川省"


def test_the_team_and_the_chain_name_the_giver():
    short = ("东川", "region/980000", "Province", "980000")
    doc = make_doc("青松县第五批东川援疆工作组投入援疆资金3000万元建设12个村。", [short, COUNTY], donor="东川",
                   facts=[(0, 30_000_000, "青松县", None, 12)])
    # a team of 东川's working in 青松县: 东川 gives, 青松县 receives
    f = flows(doc)["3000万元"]
    assert (label(f.donor), label(f.recipient)) == ("东川", "青松县")
    text = "东川省海澜市援疆工作组在青松县交付了投资6000万元的6个项目。"
    doc = make_doc(text, [DONOR, CITY, COUNTY], donor="东川省", facts=[(0, 60_000_000, "东川省", None, 6)])
    f = flows(doc)["6000万元"]
    # 东川省海澜市: the city inside the province is the giver
    assert (label(f.donor), label(f.recipient)) == ("海澜市", "青松县")
    # a place named apart from the donor is no part of its name
    doc = make_doc("东川省向海澜市投资6000万元。", [DONOR, CITY], donor="东川省", facts=[(0, 60_000_000, "东川省", "海澜市", None)])
    assert label(flows(doc)["6000万元"].donor) == "东川省"


def test_a_sentence_pointing_back_breaks_down_the_figure_before():
    text = ("东川省先后协助西原州引进产业项目90个，计划总投资170亿元。"
            "这些企业来自各地。"
            "引进的项目中，总投资40亿元的纺织项目年内投产。"
            "总投资6亿元的电厂项目明年开工。"
            "其中，东川省援疆资金投资2000万元建设村道。")
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[
        (0, 17_000_000_000, "东川省", "西原州", 90), (2, 4_000_000_000, None, None, None),
        (3, 600_000_000, None, None, None), (4, 20_000_000, "东川省", None, None)])
    f = flows(doc)
    assert f["40亿元"].part_of is f["170亿元"]
    # the next sentence describes one more project by its figure (X元的P): the listing goes on
    assert f["6亿元"].part_of is f["170亿元"]
    # 援疆资金投资X元: 投资 is the verb, the money is aid funds
    assert f["2000万元"].kind == "aid-funds"


# ---------------------------------------------------------------- who gives where the sentence names no one

SOUTH = ("南江省", "region/970000", "Province", "970000")
SOUTH_CITY = ("白鹭市", "region/970100", "Prefecture", "970100")
NORTH = ("北原省", "region/960000", "Province", "960000")
NORTH_COUNTY = ("松林县", "region/960101", "County", "960101")


def test_givers_of_two_provinces_are_no_single_donor_of_an_unnamed_figure():
    text = "东川省对口支援西原州。南江省对口支援青松县。今年安排援疆资金2亿元，实施项目10个。"
    doc = make_doc(text, [DONOR, SOUTH, PREF, COUNTY], donor="东川省",
                   relations=[("东川省", "supports", "西原州"), ("南江省", "supports", "青松县")],
                   facts=[(2, 200_000_000, "东川省", None, 10)])
    assert label(flows(doc)["2亿元"].donor) is None


def test_the_place_the_pairings_name_as_giver_stands_in_for_a_receiving_article_donor():
    # the article names 北原省 (a receiving province) most; its pairings say 白鹭市 gives
    text = "北原省松林县干部来到白鹭市学习。白鹭市对口帮扶松林县。白鹭市与松林县共建产业园。累计投入帮扶资金1.1亿元用于产业园建设。"
    doc = make_doc(text, [NORTH, NORTH_COUNTY, SOUTH_CITY], donor="北原省",
                   relations=[("白鹭市", "supports", "松林县")], facts=[(3, 110_000_000, "北原省", None, None)])
    assert label(flows(doc)["1.1亿元"].donor) == "白鹭市"
    # the article's own donor stays where its province's places give
    doc = make_doc(text, [NORTH, NORTH_COUNTY, SOUTH_CITY, SOUTH], donor="南江省",
                   relations=[("白鹭市", "supports", "松林县")], facts=[(3, 110_000_000, "南江省", None, None)])
    assert label(flows(doc)["1.1亿元"].donor) == "南江省"


FIRM = ("恒达纺织集团", "org/hengda", "Enterprise", None)


def test_a_firm_that_signs_or_invests_is_the_donor_not_the_articles_province():
    text = "东川省代表团到访西原州。恒达纺织集团此次与青松县签约3个项目，总投资额5亿元。"
    doc = make_doc(text, [DONOR, PREF, COUNTY, FIRM], donor="东川省", facts=[(1, 500_000_000, "东川省", "青松县", 3)])
    f = flows(doc)["5亿元"]
    assert (label(f.donor), label(f.recipient), f.kind) == ("恒达纺织集团", "青松县", "signed")
    # a firm partnering a county's government: the government speaks for the county
    text = "东川省代表团到访西原州。青松县政府与恒达纺织集团达成合作协议，项目总投资6000万元。"
    gov = ("青松县政府", "org/qingsong-gov", "GovernmentBody", None)
    doc = make_doc(text, [DONOR, PREF, COUNTY, FIRM, gov], donor="东川省", facts=[(1, 60_000_000, "东川省", None, None)])
    f = flows(doc)["6000万元"]
    assert (label(f.donor), label(f.recipient)) == ("恒达纺织集团", "青松县")


def test_one_firm_of_a_list_of_projects_is_not_their_donor_nor_a_giver_of_aid_funds():
    text = "东川省代表团到访西原州。共签约恒达纺织集团纺纱项目、青松物流园等8个项目，总投资12亿元。"
    doc = make_doc(text, [DONOR, PREF, FIRM], donor="东川省", facts=[(1, 1_200_000_000, "东川省", None, 8)])
    assert label(flows(doc)["12亿元"].donor) == "东川省"
    text = "东川省代表团到访西原州。恒达纺织集团捐赠援疆资金300万元。"
    doc = make_doc(text, [DONOR, PREF, FIRM], donor="东川省", facts=[(1, 3_000_000, "东川省", None, None)])
    assert label(flows(doc)["300万元"].donor) == "东川省"


def test_an_aid_body_named_after_its_city_gives_for_the_city():
    # 嘉兴 is a real prefecture-level city: the rule looks the body's name up in the division table
    city = ("嘉兴市", "region/330400", "Prefecture", "330400")
    body = ("嘉兴援疆指挥部", "org/jiaxing-cmd", "GovernmentBody", None)
    zhejiang = ("浙江省", "region/330000", "Province", "330000")
    text = "浙江省与嘉兴市的干部到访。嘉兴援疆指挥部投入援疆资金800万元用于青松县景区建设。"
    doc = make_doc(text, [zhejiang, city, body, COUNTY], donor="浙江省", facts=[(1, 8_000_000, "浙江省", "青松县", None)])
    f = flows(doc)["800万元"]
    assert (label(f.donor), label(f.recipient)) == ("嘉兴市", "青松县")


# ---------------------------------------------------------------- where the money goes

def test_a_one_character_short_form_after_aid_names_the_recipient():
    town = ("西岭县", "region/659802", "County", "659802")
    text = "东川省对口支援西原州西岭县。今年东川省计划安排援西项目20个，援疆资金3亿元。"
    doc = make_doc(text, [DONOR, PREF, town], donor="东川省", facts=[(1, 300_000_000, "东川省", None, 20)])
    assert label(flows(doc)["3亿元"].recipient) == "西原州"   # the outermost place beginning with 西
    # a province's official one-character name (黔: 贵州) after 企入
    text = "东川省推动东企入黔“百企行动”，落地项目12个，到位投资额20亿元。"
    doc = make_doc(text, [DONOR], donor="东川省", facts=[(0, 2_000_000_000, "东川省", None, 12)])
    f = flows(doc)["20亿元"]
    assert (label(f.recipient), f.kind) == ("贵州省", "delivered")


def test_the_parties_named_in_a_signing_events_name_receive():
    event = ("西原州—东川产业对接会暨签约仪式", "project/fair", "Project", None)
    text = "西原州—东川产业对接会暨签约仪式在白杨市举行，共签约30个项目，协议投资80亿元。"
    doc = make_doc(text, [event, PREF, VENUE, DONOR], donor="东川省", facts=[(0, 8_000_000_000, "东川省", None, 30)])
    f = flows(doc)["80亿元"]
    assert (label(f.donor), label(f.recipient), f.kind) == ("东川省", "西原州", "signed")


def test_the_figures_own_clause_names_where_it_lands():
    xinjiang = ("新疆", "region/650000", "Province", "650000")
    text = "首批新疆特产运抵东川省，投资1000万元的物流中心在新疆西原州落地，东川省与新疆之间往来频繁。"
    doc = make_doc(text, [DONOR, xinjiang, PREF], donor="东川省", facts=[(0, 10_000_000, "东川省", "新疆", None)])
    assert label(flows(doc)["1000万元"].recipient) == "西原州"


def test_a_project_placed_nowhere_goes_to_the_place_its_sentence_gives_to():
    hall = ("村级活动室项目", "project/hall", "Project", None)
    text = "今年投入东川援建资金345万元，实施村级活动室项目，为青松县45个村新建活动室。"
    doc = make_doc(text, [hall, COUNTY, ("东川", "region/980000", "Province", "980000")], donor="东川",
                   invest={"村级活动室项目": 3_450_000}, relations=[("村级活动室项目", "fundedBy", "东川")])
    f = flows(doc)["345万元"]
    assert (label(f.donor), label(f.recipient)) == ("东川", "青松县")


# ---------------------------------------------------------------- kinds, parts and wholes

def test_signing_named_as_a_way_of_working_makes_no_signed_figure():
    text = "东川省采用云签约、小分队等方式精准招商，落地项目20个，总投资30亿元。"
    doc = make_doc(text, [DONOR], donor="东川省", facts=[(0, 3_000_000_000, "东川省", None, 20)])
    assert flows(doc)["30亿元"].kind == "total-investment"
    text = "东川省与西原州签约项目20个，总投资30亿元。"
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[(0, 3_000_000_000, "东川省", "西原州", 20)])
    assert flows(doc)["30亿元"].kind == "signed"


def test_a_figure_said_to_be_a_share_of_a_whole_is_part_of_it():
    text = "到今年东川省已安排援疆资金12.1亿元，占五年总投资的80%。五年间东川省投入援疆资金15.1亿元。"
    doc = make_doc(text, [DONOR], donor="东川省", facts=[(0, 1_210_000_000, "东川省", None, None),
                                                       (1, 1_510_000_000, "东川省", None, None)])
    f = flows(doc)
    assert f["12.1亿元"].part_of is f["15.1亿元"] and f["15.1亿元"].part_of is None
    # a share that does not fit (12.1 of 15.1 is not 60%) makes no part
    doc = make_doc(text.replace("80%", "60%"), [DONOR], donor="东川省", facts=[
        (0, 1_210_000_000, "东川省", None, None), (1, 1_510_000_000, "东川省", None, None)])
    assert flows(doc)["12.1亿元"].part_of is None


def test_the_investment_of_some_signed_projects_is_part_of_the_signed_amount():
    text = "西原州签约项目50个，签约金额100亿元。其中，一期项目投资40亿元。"
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[(0, 10_000_000_000, "东川省", "西原州", 50),
                                                             (1, 4_000_000_000, "东川省", "西原州", None)])
    f = flows(doc)
    assert (f["40亿元"].kind, f["40亿元"].part_of) == ("signed", f["100亿元"])


def test_figures_that_add_up_to_an_earlier_one_break_it_down():
    text = ("东川省将投入援疆资金4800多万元。援疆项目共30个，其中新建项目20个，资金3520万元，"
            "续建项目10个，投资1300多万元。")
    facts = [(0, 48_000_000, "东川省", None, None), (1, 35_200_000, "东川省", None, 20), (1, 13_000_000, "东川省", None, 10)]
    doc = make_doc(text, [DONOR], donor="东川省", facts=facts)
    f = flows(doc)
    assert f["3520万元"].part_of is f["4800多万元"] and f["1300多万元"].part_of is f["4800多万元"]
    assert f["1300多万元"].kind == "aid-funds"
    # parts that do not add up to it (3520 + 2300 万) are figures of their own
    doc = make_doc(text.replace("1300多万元", "2300万元"), [DONOR], donor="东川省",
                   facts=facts[:2] + [(1, 23_000_000, "东川省", None, 10)])
    assert flows(doc)["3520万元"].part_of is None


# ---------------------------------------------------------------- the article's pairing and the sentence's other figures

def test_pairing_money_of_a_named_giver_goes_to_the_partner_the_article_names():
    text = "东川省对口支援西原州。目前，已落实东川省对口支援资金两千万元。"
    doc = make_doc(text, [DONOR, PREF], donor="东川省", relations=[("东川省", "supports", "西原州")],
                   facts=[(1, 20_000_000, "东川省", None, None)])
    assert label(flows(doc)["两千万元"].recipient) == "西原州"
    # a budget (安排财政资金) is no pairing money: the text names no place, the graph guesses none
    doc = make_doc(text.replace("对口支援资金", "财政资金"), [DONOR, PREF], donor="东川省",
                   relations=[("东川省", "supports", "西原州")], facts=[(1, 20_000_000, "东川省", None, None)])
    assert flows(doc)["两千万元"].recipient is None


def test_a_receiving_place_that_speaks_leaves_the_giving_to_the_articles_pairing():
    text = "东川省对口支援西原州，开展援疆工作。落实支援西原州干部培训经费等各类对口支援资金500万元。"
    doc = make_doc(text, [DONOR, PREF], relations=[("东川省", "supports", "西原州")],
                   facts=[(1, 5_000_000, "西原州", None, None)])
    f = flows(doc)["500万元"]
    assert (label(f.donor), label(f.recipient)) == ("东川省", "西原州")


def test_the_place_in_a_projects_name_receives_when_the_sentence_names_no_other():
    regiment = ("三三一团", "xpcc/r331", "XPCCUnit", None)
    project = ("三三一团水管所住房改造项目", "project/pipes", "Project", None)
    text = "海澜市援疆工作组落实援建资金1150万元，援建了三三一团水管所住房改造项目。"
    doc = make_doc(text, [CITY, regiment, project], facts=[(0, 11_500_000, "海澜市", None, None)])
    assert label(flows(doc)["1150万元"].recipient) == "三三一团"


def test_the_other_figures_of_a_list_of_money_given_are_flows_with_their_own_givers():
    text = ("16年来东川省级财政援助资金2.94亿元，对口市县援助3.35亿元，社会各界捐助折款1.45亿元，"
            "年产值达8亿元，用于支持西原州发展。")
    doc = make_doc(text, [DONOR, PREF], donor="东川省", facts=[(0, 294_000_000, "东川省", "西原州", None)])
    f = flows(doc)
    assert (label(f["3.35亿元"].donor), label(f["3.35亿元"].recipient), f["3.35亿元"].kind) == (None, "西原州", "aid-funds")
    assert (label(f["1.45亿元"].donor), label(f["1.45亿元"].recipient)) == (None, "西原州")
    assert "8亿元" not in f   # an output figure, not money given
    # a clause whose subject is a place's body gives for the place; one with no subject, for the sentence's giver
    regiment = ("三三一团", "xpcc/r331", "XPCCUnit", None)
    text = "海澜市援疆工作组落实援建资金1150万元，海澜市委还在计划外提供200万元资金，另安排50万元，援建了三三一团。"
    doc = make_doc(text, [CITY, regiment], facts=[(0, 11_500_000, "海澜市", None, None)])
    f = flows(doc)
    assert [(label(f[x].donor), label(f[x].recipient)) for x in ("200万元", "50万元")] == [("海澜市", "三三一团")] * 2


def test_a_corps_divisions_own_report_says_shi_alone():
    farm = ("青松农场", "xpcc/farm-99-qingsong", "XPCCUnit", None)
    text = ("记者从师援疆办获悉，今年师计划实施援疆项目9个，总投资1.2亿元。"
            "青松农场学校教学楼已完成。")
    doc = make_doc(text, [farm, CORPS], relations=[("青松农场", "partOf", "第九十九师")],
                   facts=[(0, 120_000_000, None, None, 9)])
    f = flows(doc)["1.2亿元"]
    assert (label(f.donor), label(f.recipient)) == (None, "第九十九师")
    # 师 inside a word (教师, 医师) is no division
    doc = make_doc(text.replace("师援疆办", "教育局").replace("今年师计划", "今年教师培训计划"), [farm, CORPS],
                   relations=[("青松农场", "partOf", "第九十九师")], facts=[(0, 120_000_000, None, None, 9)])
    assert label(flows(doc)["1.2亿元"].recipient) != "第九十九师"


def test_the_receiving_side_named_by_a_common_noun():
    # 支持受援地…﹔ then a place in a later clause: that place is not where the money went
    zone = ("白杨开发区", "region/x-baiyang-zone", "DevelopmentZone", None)
    text = "东川省安排资金180万元支持受援地进行职业技能培训﹔推动企业培训职工8000余名，化解了白杨开发区人才短缺难题。"
    doc = make_doc(text, [DONOR, zone], donor="东川省", facts=[(0, 1_800_000, "东川省", None, None)])
    assert flows(doc)["180万元"].recipient is None
    # 在库区投入: the one place every earlier figure of the article went to
    text = "截至去年底，西原州库区累计引入对口支援资金80亿元。各支援省市在库区累计投入民生资金6亿元，实施项目54个。"
    doc = make_doc(text, [PREF], facts=[(0, 8_000_000_000, None, "西原州", None), (1, 600_000_000, None, None, 54)])
    assert label(flows(doc)["6亿元"].recipient) == "西原州"
    # many givers together in a sentence naming no place: the same; a place named there is no guess's
    for said, want in (("在生态领域，各支援省市累计投入5亿元实施70个项目。", "西原州"),
                       ("各支援省市在青松县累计投入5亿元实施70个项目。", "青松县")):
        doc = make_doc(text.split("。")[0] + "。" + said, [PREF, COUNTY],
                       facts=[(0, 8_000_000_000, None, "西原州", None), (1, 500_000_000, None, None, 70)])
        assert label(flows(doc)["5亿元"].recipient) == want
    # earlier figures that went to two places: no guess
    text2 = "西原州累计引入对口支援资金80亿元。青松县获得援助资金9亿元。各支援省市累计投入5亿元实施70个项目。"
    doc = make_doc(text2, [PREF, COUNTY], facts=[(0, 8_000_000_000, None, "西原州", None),
                                                 (1, 900_000_000, None, "青松县", None), (2, 500_000_000, None, None, 70)])
    assert flows(doc)["5亿元"].recipient is None


def test_a_one_character_short_form_of_a_prefecture_of_the_aid_area():
    # 来塔考察: 塔城地区 is the one prefecture of Xinjiang beginning with 塔 (the division table's)
    text = "东川省开展援疆工作。今年以来，邀请来塔考察企业300家，签约项目50个，投资总额80亿元。"
    doc = make_doc(text, [DONOR], donor="东川省", facts=[(1, 8_000_000_000, "东川省", None, 50)])
    assert label(flows(doc)["80亿元"].recipient) == "塔城地区"
    # 阿 begins two prefectures (阿克苏, 阿勒泰): no guess; 来京 is a visit to a province, not aid sent there
    for short in ("阿", "京"):
        doc = make_doc(text.replace("来塔", "来" + short), [DONOR], donor="东川省",
                       facts=[(1, 8_000_000_000, "东川省", None, 50)])
        assert flows(doc)["80亿元"].recipient is None


def test_the_hall_of_an_online_signing_is_a_venue():
    text = "东川省12家企业在海澜会场与西原州进行视频云签约，涉及项目14项，投资总额17亿元。"
    city = ("海澜", "region/980100", "Prefecture", "980100")
    doc = make_doc(text, [city, PREF, ("东川省", "region/980000", "Province", "980000")], donor="东川省",
                   facts=[(0, 1_700_000_000, "东川省", None, 14)])
    f = flows(doc)["17亿元"]
    assert (label(f.donor), label(f.recipient), f.kind) == ("东川省", "西原州", "signed")


def test_the_sentences_after_a_breakdown_go_on_listing_its_parts():
    text = ("海澜市协助西原州引进产业项目90个，计划总投资约170亿元。引进的项目中，总投资近40亿元的青松纺织项目年内投产。"
            "固定资产投资超过10亿元的白杨电子产业园正在装修。总投资6亿元的青松无纺布项目年底试运营。")
    facts = [(0, 17_000_000_000, "海澜市", "西原州", 90), (1, 4_000_000_000, None, None, None),
             (2, 1_000_000_000, "东川省", None, None), (3, 600_000_000, "东川省", None, None)]
    doc = make_doc(text, [CITY, PREF, DONOR], donor="东川省", facts=facts)
    f = flows(doc)
    assert all(f[x].part_of is f["170亿元"] for x in ("40亿元", "10亿元", "6亿元"))
    # a figure of its own in between ends the listing
    text2 = text.replace("固定资产投资超过10亿元的白杨电子产业园正在装修。", "今年东川省安排援疆资金10亿元，总投资12亿元。")
    facts2 = facts[:2] + [(2, 1_000_000_000, "东川省", None, None), (2, 1_200_000_000, "东川省", None, None),
                          (3, 600_000_000, "东川省", None, None)]
    doc = make_doc(text2, [CITY, PREF, DONOR], donor="东川省", facts=facts2)
    assert flows(doc)["6亿元"].part_of is None
