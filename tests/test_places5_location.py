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
])
def test_located(text, want):
    assert want <= _located(text)


@pytest.mark.parametrize("text, never", [
    ("恒达纺织公司投资的纱线项目由苏州市在阿图什市落地。", ("纱线项目", "阿图什市")),
    ("白杨菌菇基地项目开工仪式在乌恰县启动。", ("白杨菌菇基地项目", "乌恰县")),
])
def test_not_located(text, never):
    assert never not in _located(text)
