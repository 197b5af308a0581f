"""Every relation rule's examples give exactly the triples written beside them, its counter-examples
give none, every rule has an example, and every relation a build emits names a registered rule."""
from __future__ import annotations

import pytest

from aidkg.pipeline import process_text
from aidkg.relate.engine import REGISTRY, ordered_rules, rule_of_method

RULES = ordered_rules()


def _given(doc, name: str) -> set[tuple]:
    """The triples the rule variant `name` gave (labels; pairedWith in a fixed order)."""
    out = set()
    for r in doc.relations:
        if r.method == f"pattern:{name}":
            out.add(_key(r.subject.label, r.predicate, r.object.label))
    return out


def _key(s: str, p: str, o: str) -> tuple:
    return (min(s, o), p, max(s, o)) if p == "pairedWith" else (s, p, o)


def _cases():
    for r in RULES:
        for text, triples in r.examples.items():
            yield pytest.param(r, text, triples, id=f"{r.name}:{text[:24]}")


def _counter_cases():
    for r in RULES:
        for text in r.counter:
            yield pytest.param(r, text, id=f"{r.name}:{text[:24]}")


@pytest.mark.parametrize("rule,text,triples", list(_cases()))
def test_rule_example_gives_exactly_its_triples(rule, text, triples):
    doc = process_text(text)
    for name in rule.names:
        want = {_key(*t[:3]) for t in triples if (t[3] if len(t) > 3 else rule.name) == name}
        assert _given(doc, name) == want, f"{name} on {text}"


@pytest.mark.parametrize("rule,text", list(_counter_cases()))
def test_rule_counter_example_gives_nothing(rule, text):
    doc = process_text(text)
    for name in rule.names:
        assert _given(doc, name) == set(), f"{name} on {text}"


def test_every_rule_and_variant_has_an_example_that_gives_it():
    for r in RULES:
        shown = {t[3] if len(t) > 3 else r.name for triples in r.examples.values() for t in triples}
        assert r.examples, f"rule {r.name} has no example"
        assert set(r.names) <= shown, f"rule {r.name}: no example gives {set(r.names) - shown}"
        assert r.doc, f"rule {r.name} has no docstring saying what it reads"


def test_rule_names_are_unique_and_triggers_compile():
    names = [n for r in RULES for n in r.names]
    assert len(names) == len(set(names))
    for r in RULES:
        if r.trigger:
            assert r.pattern.pattern


def test_every_relation_of_a_build_names_a_registered_rule(examples_docs):
    for doc in examples_docs:
        for rel in doc.relations:
            if rel.method == "reference-data":
                continue
            assert rel.method.startswith("pattern:") and rule_of_method(rel.method) is not None, rel.method


@pytest.fixture(scope="module")
def examples_docs():
    from pathlib import Path

    from aidkg.pipeline import process_file
    root = Path(__file__).resolve().parents[1] / "examples"
    return [process_file(p) for p in sorted(root.glob("*.txt"))]


def test_registry_holds_every_family():
    assert {r.family for r in REGISTRY.values()} >= {
        "structure", "pairing", "investment", "location", "people", "funding", "organising", "tables"}
