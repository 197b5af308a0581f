"""The development set in ../shared: the issue's quality floor, and script independence."""
from __future__ import annotations

import pytest

from conftest import SHARED, needs_shared

pytestmark = needs_shared()


@pytest.fixture(scope="module")
def report():
    from aidkg.evaluate import evaluate
    return evaluate(SHARED / "gold", SHARED / "corpus")


def test_typed_entities_and_relations_meet_the_floor(report):
    o = report["overall"]
    assert o["entities"]["typed"]["f1"] >= 0.85
    assert o["relations"]["f1"] >= 0.70


def test_every_amount_is_right_and_every_relation_has_evidence(report):
    o = report["overall"]
    assert o["amounts"]["correct"] == o["amounts"]["total"] > 0
    assert o["evidence"]["coverage"] == 1.0


@pytest.mark.parametrize("name", sorted(p.name for p in (SHARED / "corpus").glob("*.txt")) if (SHARED / "corpus").is_dir() else [])
def test_traditional_and_simplified_versions_give_the_same_graph(name):
    from aidkg.normalise import to_simplified, to_traditional
    from aidkg.pipeline import process_text

    text = (SHARED / "corpus" / name).read_text(encoding="utf-8")
    simp, trad = to_simplified(text), to_traditional(to_simplified(text))
    a, b = process_text(simp, source=name), process_text(trad, source=name)
    assert a.meta.script == "simplified" and b.meta.script == "traditional"
    rel = lambda d: {(r.subject.key, r.predicate, r.object.key) for r in d.relations}
    ent = lambda d: {(e.key, e.cls) for e in d.entities.values()}
    assert ent(a) == ent(b)
    assert rel(a) == rel(b)
    assert {k: str(v) for e in a.entities.values() for k, v in e.attrs.items() if not k.startswith("_")} == \
           {k: str(v) for e in b.entities.values() for k, v in e.attrs.items() if not k.startswith("_")}
