"""Project tables in notices: rows read by their column headings (aidkg.tables)."""
from __future__ import annotations

from decimal import Decimal

from aidkg.ingest import text_document
from aidkg.pipeline import run
from aidkg.tables import heading_role

NOTICE = """<html><head><meta charset="utf-8"><title>援疆项目建设情况公示</title></head><body>
<nav>首页 | 通知公告</nav><div class="content"><h1>关于2025年度援疆项目建设情况的公示</h1>
<p>现将我县2025年度江西省援疆项目建设情况公示如下：</p>
<table>
<tr><th>序号</th><th>项目名称</th><th>建设地点</th><th>总投资（万元）</th><th>援建单位</th></tr>
<tr><td>1</td><td>托云乡牧民定居点供水工程</td><td>托云乡</td><td>860</td><td>江西省</td></tr>
<tr><td>2</td><td> 吉根乡卫生院改扩建项目 </td><td>吉根乡</td><td>1,250</td><td>江西省萍乡市</td></tr>
<tr><td>3</td><td>县职业技术学校实训楼</td><td>乌恰县</td><td>2300</td><td>江西省</td></tr>
<tr><td>合计</td><td></td><td></td><td>4410</td><td></td></tr>
</table><p>公示期为7天。</p></div><footer>主办：某县人民政府</footer></body></html>"""


def facts(doc):
    ents = {e.label: e for e in doc.entities.values()}
    rels = {(r.subject.label, r.predicate, r.object.label) for r in doc.relations}
    return ents, rels


def test_html_table_rows_keep_their_cells_apart():
    doc = text_document(NOTICE, source="mem://notice.html", fmt="html")
    assert "1 托云乡牧民定居点供水工程 托云乡 860 江西省" in doc.text.splitlines()
    assert "序号 项目名称 建设地点 总投资（万元） 援建单位" in doc.text.splitlines()


def test_html_table_rows_give_place_donor_and_total_with_the_row_as_evidence():
    doc = run(text_document(NOTICE, source="mem://notice.html", fmt="html"))
    ents, rels = facts(doc)
    assert ents["托云乡牧民定居点供水工程"].attrs["totalInvestment"] == Decimal(8_600_000)
    assert ents["吉根乡卫生院改扩建项目"].attrs["totalInvestment"] == Decimal(12_500_000)  # 1,250 万元
    assert ents["县职业技术学校实训楼"].cls == "Project"
    assert ("县职业技术学校实训楼", "locatedIn", "乌恰县") in rels
    assert ("托云乡牧民定居点供水工程", "fundedBy", "江西省") in rels
    assert ("吉根乡卫生院改扩建项目", "fundedBy", "萍乡市") in rels  # the innermost of 江西省萍乡市
    assert not any(label.startswith("3") for label in ents)  # the row number is no part of a name
    row = next(r for r in doc.relations if r.method == "pattern:table-place")
    assert doc.sentences[row.sentence].text(doc) == "3 县职业技术学校实训楼 乌恰县 2300 江西省"


def test_markdown_table_with_organiser_column_and_a_total_row():
    md = ("# 2025年援藏项目清单\n\n| 序号 | 项目名称 | 建设地点 | 总投资（万元） | 实施单位 |\n|---|---|---|---|---|\n"
          "| 1 | 江孜县城区供暖管网改造工程 | 江孜县 | 3,600 | 江孜县住房和城乡建设局 |\n"
          "| 2 | 紫金乡青稞加工厂 | 紫金乡 | 980 | 江孜县农业农村局 |\n| 合计 | | | 4580 | |\n")
    ents, rels = facts(run(text_document(md, source="mem://list.md", fmt="md")))
    assert ("江孜县城区供暖管网改造工程", "organizedBy", "江孜县住房和城乡建设局") in rels
    assert ("紫金乡青稞加工厂", "organizedBy", "江孜县农业农村局") in rels
    assert ents["紫金乡青稞加工厂"].attrs["totalInvestment"] == Decimal(9_800_000)


def test_plain_text_signing_table_gives_investors_and_amounts_with_units_in_cells():
    text = ("2024年招商引资签约项目\n序号\t项目名称\t企业名称\t投资额\n"
            "1\t年产5万吨饲料加工项目\t湖北丰泽饲料有限公司\t2.5亿元\n"
            "2\t光伏组件生产线项目\t武汉晶锐新能源科技有限公司\t6亿元\n")
    ents, rels = facts(run(text_document(text, source="mem://sign.txt")))
    assert ("湖北丰泽饲料有限公司", "investedIn", "年产5万吨饲料加工项目") in rels
    assert ("武汉晶锐新能源科技有限公司", "investedIn", "光伏组件生产线项目") in rels
    assert ents["光伏组件生产线项目"].attrs["totalInvestment"] == Decimal(600_000_000)


def test_rows_that_do_not_fit_the_heading_are_not_read():
    text = "项目名称 建设地点 总投资（万元）\n托云乡牧民定居点供水工程 托云乡\n今年共实施项目12个 总投资 3亿元 其中\n"
    doc = run(text_document(text, source="mem://ragged.txt"))
    assert not any(r.method.startswith("pattern:table-") for r in doc.relations)
    assert all("totalInvestment" not in e.attrs for e in doc.entities.values())


def test_headings_and_their_units():
    assert heading_role("总投资（万元）") == ("total", "万元")
    assert heading_role("项目总投资(亿元)") == ("total", "亿元")
    assert heading_role("建 设 地 点") == ("place", None)
    assert heading_role("援疆资金（万元）") == ("aid_money", "万元")
    assert heading_role("建筑面积（平方米）") == ("area", "平方米")
    assert heading_role("备注") == (None, None)
