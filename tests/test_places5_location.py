"""places5: where projects are carried out, settled or built (sentences written for these tests)."""
import pytest

from aidkg.pipeline import process_text


def _located(text):
    doc = process_text(text, source="places5-test")
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == "locatedIn"}


@pytest.mark.parametrize("text, want", [
    # P在R落地签约 / 建成 / 境内建成: the project before 在 lies in the innermost place
    ("总投资600万元的白杨菌菇基地、青松分拣中心在新疆乌恰县落地签约。",
     {("白杨菌菇基地", "乌恰县"), ("青松分拣中心", "乌恰县")}),
    ("江苏援建的白杨物流园项目在乌恰县境内建成，总投资3000万元。", {("白杨物流园项目", "乌恰县")}),
    # a town of a county: the county holds it too
    ("青松幼儿园项目在乌恰县吉根乡落地。", {("青松幼儿园项目", "吉根乡"), ("青松幼儿园项目", "乌恰县")}),
    ("去年，江苏援疆资金在乌恰县青松村建成白杨幼儿园。", {("白杨幼儿园", "青松村"), ("白杨幼儿园", "乌恰县")}),
    # a list opened by an item no name covers
    ("苏州还将在乌恰县建成中药材产业园、万亩白杨种植示范基地。", {("万亩白杨种植示范基地", "乌恰县")}),
    # a later clause with no subject (or only 项目) goes on about the one the sentence opens with
    ("红柳粮油物流园项目总投资6000万元，项目位于乌恰县吉根乡。", {("红柳粮油物流园项目", "吉根乡")}),
    ("红柳粮油物流园项目总投资6000万元，选址乌恰县吉根乡。", {("红柳粮油物流园项目", "吉根乡")}),
    ("今年竣工的青松幼儿园，地处乌恰县吉根乡。", {("青松幼儿园", "吉根乡")}),
    ("红柳粮油物流园项目建设地点为乌恰县吉根乡。", {("红柳粮油物流园项目", "吉根乡")}),
    # what a county builds or carries out with money of its own
    ("乌恰县投入援疆资金2000万元，实施青松安居工程。", {("青松安居工程", "乌恰县")}),
    ("阿图什市利用援疆资金建设的恒达幼儿园已投入使用。", {("恒达幼儿园", "阿图什市")}),
    ("阿图什市今年实施援疆项目12个，包括青松安居工程、红柳饮水工程等。",
     {("青松安居工程", "阿图什市"), ("红柳饮水工程", "阿图什市")}),
    ("乌恰县：青松安居工程全面竣工", {("青松安居工程", "乌恰县")}),
    # a county's former name (撤县设区) is still the district, and its town written after it
    ("在赣县长洛乡，恒达希望小学竣工落成。", {("恒达希望小学", "长洛乡")}),
    ("援疆资金惠及吉根乡的阿克墩村、青松村。", {("阿克墩村", "吉根乡"), ("青松村", "吉根乡")}),
    ("江苏投资2000万元在乌恰县境内建设了红柳物流园。", {("红柳物流园", "乌恰县")}),
    ("投入援疆资金3000万元，为乌恰县新建了恒达幼儿园。", {("恒达幼儿园", "乌恰县")}),
    ("青松饮水工程、红柳安居工程分别在阿湖乡、格达良乡实施。",
     {("青松饮水工程", "阿湖乡"), ("红柳安居工程", "格达良乡")}),
])
def test_located(text, want):
    assert want <= _located(text)


@pytest.mark.parametrize("text, never", [
    ("恒达纺织公司投资的纱线项目由苏州市在阿图什市落地。", ("纱线项目", "阿图什市")),
    ("白杨菌菇基地项目开工仪式在乌恰县启动。", ("白杨菌菇基地项目", "乌恰县")),
    ("青松幼儿园和红柳小学投入使用，项目位于乌恰县吉根乡。", ("青松幼儿园", "吉根乡")),
    ("常州市对口支援乌恰县。常州市：青松安居工程全面竣工", ("青松安居工程", "常州市")),
    ("常州市对口支援乌恰县。常州市利用援疆资金建设的恒达幼儿园已投入使用。", ("恒达幼儿园", "常州市")),
    # a kind of school with no place or name is no institution a building lies in
    ("截至目前，职业技术学校实训综合楼等5个项目已全部完成。", ("职业技术学校实训综合楼", "职业技术学校")),
    ("这是梅州县级产业园中唯一的省级高新园区。", ("梅州县级产业园", "梅州市")),
    ("孩子们在江苏援建的红柳幼儿园里欢度儿童节。", ("红柳幼儿园", "江苏省")),   # the giver, not the place
    # a donor that carries out counted aid projects holds none of them
    ("常州市对口支援阿合奇县。2014年，常州市实施援疆项目5个，总投资3000万元。"
     "据了解，去年实施的5个援疆项目中，青松供水工程、红柳幼儿园建设项目等3个项目均已竣工。", ("青松供水工程", "常州市")),
])
def test_not_located(text, never):
    assert never not in _located(text)


def test_former_county_name_is_the_district():
    from aidkg import gazetteer as gz
    hit = next(h for h in gz.get_gazetteer().find_all("在赣县长洛乡") if h.text == "赣县")
    assert not hit.is_short_form and [c.name for c in hit.candidates] == ["赣县区"]
    assert not any(h.text == "郊县" for h in gz.get_gazetteer().find_all("城郊县域"))


def test_regiment_one_before_its_town():
    doc = process_text("兵团第一师今年集中开工。分会场设在一团金银川镇、五团沙河镇。", source="places5-test")
    assert {(r.subject.label, r.object.label) for r in doc.relations if r.predicate in ("locatedIn", "partOf")} \
        >= {("金银川镇", "一团"), ("沙河镇", "五团")}
    doc = process_text("兵团第一师今年集中开工。大家一团和气的小镇。", source="places5-test")
    assert not any(m.entity.label == "一团" for m in doc.mentions)


def test_river_and_villages_concerned_are_no_places():
    doc = process_text("阿拉尔市的胡杨河景观带穿城而过，建设的胡杨河景观工程成了休闲胜地。", source="places5-test")
    assert not any(m.entity.label == "胡杨河市" for m in doc.mentions)
    doc = process_text("园区产生效益后，向天度镇相关村支付资金使用收益。", source="places5-test")
    assert not any(m.entity.label == "相关村" for m in doc.mentions)
