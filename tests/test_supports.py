"""aid:supports (donor → recipient): written with the pairing it entails, checked, queried, shown.

The extractor does not emit `supports` yet: these tests build the Document by hand (invented names).
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDF, Graph, Literal

sys.path.insert(0, str(Path(__file__).parent))

from aidkg import analysis  # noqa: E402
from aidkg.document import ArticleMeta, Document, Entity, Relation, Sentence  # noqa: E402
from aidkg.graph import document_graph, entity_iri  # noqa: E402
from aidkg.validate import validate  # noqa: E402
from aidkg.vocab import AID  # noqa: E402

TEXT = "东川省对口支援西原州青松县。双方还签订了协议。"


def supports_doc(*, reverse_too: bool = False) -> Document:
    doc = Document(text=TEXT, meta=ArticleMeta(source="/tmp/supports-test.txt", title="测试", date="2024-03-02"))
    doc.norm = TEXT
    doc.content_hash = "0" * 64
    doc.sentences = [Sentence(0, 0, 14), Sentence(1, 14, len(TEXT))]
    donor = Entity("region/980000", "Province", "东川省", code="980000")
    county = Entity("region/991121", "County", "青松县", code="991121")
    doc.entities = {e.key: e for e in (donor, county)}
    doc.relations = [Relation(donor, "supports", county, 0, "pattern:test")]
    if reverse_too:
        doc.relations.append(Relation(county, "supports", donor, 1, "pattern:test"))
    return doc


def test_supports_is_written_with_the_pairing_it_entails():
    doc = supports_doc()
    g = document_graph(doc)
    d, c = (entity_iri(e) for e in doc.entities.values())
    assert (d, AID.supports, c) in g
    assert (d, AID.pairedWith, c) in g
    # each triple has its own statement with the sentence, so queries without inference find both
    for pred in (AID.supports, AID.pairedWith):
        sts = [st for st in g.subjects(RDF.predicate, pred)]
        assert len(sts) == 1
        assert g.value(sts[0], AID.evidence) == Literal("东川省对口支援西原州青松县。")
        assert (sts[0], RDF.subject, d) in g and (sts[0], RDF.object, c) in g
    assert validate(g).conforms, validate(g)


def test_shapes_check_supports():
    g = document_graph(supports_doc())
    d, c = (entity_iri(e) for e in supports_doc().entities.values())
    bare = Graph()
    for t in g:
        bare.add(t)
    bare.remove((d, AID.pairedWith, c))
    report = validate(bare)
    assert any("pairedWith it entails" in v for v in report.violations), report
    both = validate(document_graph(supports_doc(reverse_too=True)))
    assert both.conforms and any("which side gives" in w for w in both.warnings), both


def test_entity_graph_keeps_the_direction_and_drops_the_implied_pairing():
    doc = supports_doc()
    G = analysis.entity_graph(document_graph(doc))
    d, c = (str(entity_iri(e)) for e in doc.entities.values())
    assert set(G.edges(keys=True)) == {(d, c, "supports")}
    assert G.edges[d, c, "supports"]["evidence"][0]["sentence"] == "东川省对口支援西原州青松县。"


def test_a_pairing_stated_without_direction_elsewhere_joins_the_arrow():
    doc = supports_doc()
    d, c = doc.entities.values()
    doc.relations.append(Relation(c, "pairedWith", d, 1, "pattern:test"))
    G = analysis.entity_graph(document_graph(doc))
    edges = set(G.edges(keys=True))
    assert edges == {(str(entity_iri(d)), str(entity_iri(c)), "supports")}
    sentences = {e["sentence"] for e in G.edges[str(entity_iri(d)), str(entity_iri(c)), "supports"]["evidence"]}
    assert sentences == {"东川省对口支援西原州青松县。", "双方还签订了协议。"}


def test_paired_with_query_puts_the_donor_first(tmp_path):
    from aidkg import query_library as ql
    from aidkg.graph import article_graph_iri
    from aidkg.store import Store

    directed = supports_doc()
    undirected = supports_doc()
    undirected.meta = ArticleMeta(source="/tmp/pairing-test.txt", title="结对")
    a = Entity("region/970000", "Province", "南屿省", code="970000")
    b = Entity("region/991122", "County", "白桦县", code="991122")
    undirected.entities = {e.key: e for e in (a, b)}
    undirected.relations = [Relation(b, "pairedWith", a, 1, "pattern:test")]
    store = Store(tmp_path / "store")
    try:
        for doc in (directed, undirected):
            store.replace_article(str(article_graph_iri(doc)), document_graph(doc))
        result = store.query(ql.get("paired-with").render())
        names = [v.value for v in result.variables]
        rows = [{k: (t.value if t is not None else None) for k, t in zip(names, r)} for r in result]
    finally:
        store.close()
    got = {(r["donorLabel"], r["recipientLabel"], r["directed"]) for r in rows}
    assert ("东川省", "青松县", "1") in got
    assert len(got) == 2
    # no direction known: one row for the pair, flagged undirected
    assert {frozenset(x[:2]) for x in got if x[2] == "0"} == {frozenset(("南屿省", "白桦县"))}


def test_stats_list_donor_to_recipient():
    doc = supports_doc()
    report = analysis.stats_report(document_graph(doc))
    assert [(r["donor"], r["recipient"], r["directed"]) for r in report["pairings"]] == [("东川省", "青松县", True)]
