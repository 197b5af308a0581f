"""`aidkg explain S P O`: each statement of a triple with its sentence, article, the rule that made
it (from the registry), and the reference its sentence rests on. Our own sentences, invented names."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from aidkg.cli import app
from aidkg.graph import article_graph_iri, document_quads
from aidkg.pipeline import process_text
from aidkg.store import Store

TEXT = ("白杨县建设新闻\n"
        "青松镇文化中心位于白杨县城东新区，包括图书馆和文化馆。该项目由浙江省援建，总投资8000万元。"
        "红柳乡卫生院由浙江省援建。")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("explain") / "store"
    store = Store(path)
    doc = process_text(TEXT, source="test://explain/1")
    store.replace_article(str(article_graph_iri(doc)), document_quads(doc))
    store.close()
    return path


def run(*args):
    return CliRunner().invoke(app, ["explain", *args])


def test_a_statement_through_a_reference_names_its_rule_and_the_reference(store_dir):
    result = run("青松镇文化中心", "fundedBy", "浙江省", "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "青松镇文化中心 —fundedBy→ 浙江省: 1 statement" in out
    assert "“该项目由浙江省援建，总投资8000万元。”" in out
    assert "rule: funded-by (funding)" in out and "aidkg rules --name funded-by" in out
    assert "via reference: 该项目" in out and "stands for the subject, named before as 青松镇文化中心" in out


def test_a_direct_statement_has_no_reference_and_json_says_the_same(store_dir):
    result = run("红柳乡卫生院", "fundedBy", "浙江省", "--store", str(store_dir), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["predicate"] == "fundedBy" and len(doc["statements"]) == 1
    st = doc["statements"][0]
    assert st["sentence"] == "红柳乡卫生院由浙江省援建。" and st["method"] == "pattern:funded-by"
    assert st["rule"]["family"] == "funding" and "via" not in st
    assert TEXT[st["start"]:st["end"]] == st["sentence"]


def test_unknown_names_relations_and_triples_are_clear_errors(store_dir):
    unknown = run("黑水县", "fundedBy", "浙江省", "--store", str(store_dir))
    assert unknown.exit_code == 1 and "no entity named '黑水县'" in unknown.output
    bad = run("红柳乡卫生院", "builtBy", "浙江省", "--store", str(store_dir))
    assert bad.exit_code == 1 and "unknown relation 'builtBy'" in bad.output
    none = run("红柳乡卫生院", "investedIn", "浙江省", "--store", str(store_dir))
    assert none.exit_code == 1 and "0 statements" in none.output
