"""Names for readers who do not read Chinese: English names of regions, pinyin of everything."""
from __future__ import annotations

from rdflib import RDFS

from aidkg.english import english_name, pinyin_name


def test_reference_names_for_provinces_and_prefectures():
    assert english_name("喀什地区", "Prefecture", "653100") == "Kashgar Prefecture"
    assert english_name("新疆维吾尔自治区", "Province", "650000") == "Xinjiang Uyghur Autonomous Region"
    assert english_name("北京市", "Province", "110000") == "Beijing Municipality"


def test_pinyin_and_type_word_for_the_rest():
    assert english_name("温宿县", "County", "652922") == "Wensu County"
    assert english_name("五马场乡", "Township") == "Wumachang Township"
    assert english_name("第十三师", "XPCCUnit") == "Division 13 of the XPCC"
    assert english_name("二二二团", "XPCCUnit") == "Regiment 222 of the XPCC"
    assert english_name("青松光伏电站项目", "Project") is None
    assert pinyin_name("温宿县") == "Wēnsù Xiàn"
    assert pinyin_name("阿克苏地区") == "Ākèsū Dìqū"


def test_the_graph_carries_them():
    from aidkg.graph import document_graph
    from aidkg.pipeline import process_text

    g = document_graph(process_text("浙江省对口支援阿克苏地区温宿县。"))
    labels = {(str(o), o.language) for o in g.objects(None, RDFS.label)}
    assert {("Aksu Prefecture", "en"), ("Wensu County", "en"), ("Wēnsù Xiàn", "zh-Latn-pinyin")} <= labels
