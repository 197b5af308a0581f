"""ontology/shapes.ttl + aidkg.validate: a graph in the contract's shape passes, broken ones fail readably.

The graphs are built here by hand in the shape ARCHITECTURE.md describes (invented names), so these
tests do not depend on the graph module. Every graph is validated by the three engines -- pyshacl, the
shapes compiled to SPARQL and the shapes compiled to Python -- and their reports must be the same,
line for line.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from aidkg.validate import shapes_graph
from aidkg.validate import validate as _validate
from aidkg.vocab import AID, ID

ARTICLE = ID["article/00112233aabbccdd"]
DONOR = ID["region/530000"]                 # an invented province
COUNTY = ID["region/659999"]
PROJECT = ID["project/0a1b2c3d4e5f"]
COMPANY = ID["org/111111111111"]
CADRE = ID["person/222222222222"]
STATEMENT = ID["statement/333333333333"]
SENTENCE = "云岭省安排援建资金1950万元，用于青石县第二小学教学楼建设。"


def validate(g: Graph):
    """The compiled shapes' report, checked against pyshacl's on the same graph."""
    fast = _validate(g, engine="sparql")
    reference = _validate(g, engine="pyshacl")
    assert (fast.violations, fast.warnings) == (reference.violations, reference.warnings)
    assert fast.conforms == reference.conforms
    native = _validate(g, engine="native")
    assert (native.violations, native.warnings, native.conforms) == (fast.violations, fast.warnings, fast.conforms)
    return fast


def _statement(g: Graph, node, s, p, o, sentence: str = SENTENCE) -> None:
    g.add((s, p, o))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, AID.evidence, Literal(sentence)))
    g.add((node, AID.evidenceStart, Literal(10)))
    g.add((node, AID.evidenceEnd, Literal(10 + len(sentence))))
    g.add((node, PROV.wasDerivedFrom, ARTICLE))
    g.add((node, AID.extractionMethod, Literal("pattern:funding")))


def _entity(g: Graph, node, cls, label: str) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label, lang="zh-Hans")))
    g.add((node, AID.mentionedIn, ARTICLE))


@pytest.fixture
def graph() -> Graph:
    """A small graph that keeps every promise of the contract."""
    g = Graph()
    g.add((ARTICLE, RDF.type, AID.Article))
    g.add((ARTICLE, DCTERMS.title, Literal("云岭省援建青石县第二小学教学楼竣工")))
    g.add((ARTICLE, DCTERMS.date, Literal("2024-09-01", datatype=XSD.date)))
    g.add((ARTICLE, DCTERMS.publisher, Literal("云岭日报")))
    g.add((ARTICLE, DCTERMS.source, Literal("/data/articles/qingshi.txt")))
    g.add((ARTICLE, AID.contentHash, Literal("0" * 64)))
    g.add((ARTICLE, AID.script, Literal("simplified")))
    _entity(g, DONOR, AID.Province, "云岭省")
    g.add((DONOR, AID.divisionCode, Literal("530000")))
    _entity(g, COUNTY, AID.County, "青石县")
    g.add((COUNTY, AID.divisionCode, Literal("659999")))
    g.add((COUNTY, SKOS.altLabel, Literal("青石", lang="zh-Hans")))
    _entity(g, PROJECT, AID.Project, "青石县第二小学教学楼建设项目")
    g.add((PROJECT, AID.totalInvestment, Literal(Decimal("19500000"))))
    g.add((PROJECT, AID.floorArea, Literal(Decimal("6200"))))
    g.add((PROJECT, AID.completionDate, Literal("2024-08-30", datatype=XSD.date)))
    _entity(g, COMPANY, AID.Enterprise, "云岭恒远建设集团")
    _entity(g, CADRE, AID.Cadre, "林立新")
    _statement(g, STATEMENT, PROJECT, AID.fundedBy, DONOR)
    _statement(g, ID["statement/444444444444"], PROJECT, AID.locatedIn, COUNTY)
    _statement(g, ID["statement/555555555555"], DONOR, AID.pairedWith, COUNTY)
    _statement(g, ID["statement/666666666666"], COMPANY, AID.investedIn, PROJECT)
    _statement(g, ID["statement/777777777777"], CADRE, AID.dispatchedBy, DONOR)
    return g


def _one_violation(g: Graph, *fragments: str) -> str:
    report = validate(g)
    assert not report.conforms
    hits = [v for v in report.violations if all(f in v for f in fragments)]
    assert hits, f"no violation mentioning {fragments}: {report.violations}"
    return hits[0]


def test_shapes_parse() -> None:
    assert len(shapes_graph()) > 100


def test_conforming_graph_passes(graph: Graph) -> None:
    report = validate(graph)
    assert report.conforms, str(report)
    assert report.violations == []
    assert report.warnings == []


def test_validation_leaves_the_graph_unchanged(graph: Graph) -> None:
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_traditional_labels_and_aggregate_fact_pass(graph: Graph) -> None:
    graph.add((COUNTY, RDFS.label, Literal("青石縣", lang="zh-Hant")))
    fact = ID["fact/888888888888"]
    graph.add((fact, RDF.type, AID.AggregateFact))
    graph.add((fact, AID.aboutDonor, DONOR))
    graph.add((fact, AID.aboutRecipient, COUNTY))
    graph.add((fact, AID.projectCount, Literal(12)))
    graph.add((fact, AID.amount, Literal(Decimal("230000000"))))
    graph.add((fact, AID.evidence, Literal("今年以来共实施援建项目12个，总投资2.3亿元。")))
    graph.add((fact, PROV.wasDerivedFrom, ARTICLE))
    report = validate(graph)
    assert report.conforms, str(report)


def test_missing_evidence(graph: Graph) -> None:
    graph.remove((STATEMENT, AID.evidence, None))
    line = _one_violation(graph, str(STATEMENT), "aid:evidence", "evidence")
    assert "non-empty" in line


def test_blank_evidence(graph: Graph) -> None:
    graph.set((STATEMENT, AID.evidence, Literal("  ")))
    _one_violation(graph, str(STATEMENT), "aid:evidence")


def test_bad_division_code(graph: Graph) -> None:
    graph.set((COUNTY, AID.divisionCode, Literal("65999")))
    line = _one_violation(graph, "青石县", "aid:divisionCode", "six-digit")
    assert "65999" in line


def test_negative_amount(graph: Graph) -> None:
    graph.set((PROJECT, AID.totalInvestment, Literal(Decimal("-100"))))
    _one_violation(graph, "青石县第二小学教学楼建设项目", "aid:totalInvestment", "≥ 0")


def test_amount_with_wrong_datatype(graph: Graph) -> None:
    graph.set((PROJECT, AID.floorArea, Literal("6200平方米")))
    _one_violation(graph, "青石县第二小学教学楼建设项目", "aid:floorArea", "xsd:decimal")


def test_statement_without_article(graph: Graph) -> None:
    graph.remove((STATEMENT, PROV.wasDerivedFrom, None))
    _one_violation(graph, str(STATEMENT), "prov:wasDerivedFrom", "aid:Article")


def test_statement_derived_from_something_not_an_article(graph: Graph) -> None:
    graph.set((STATEMENT, PROV.wasDerivedFrom, ID["dataset/divisions"]))
    _one_violation(graph, str(STATEMENT), "prov:wasDerivedFrom")


def test_statement_missing_object(graph: Graph) -> None:
    graph.remove((STATEMENT, RDF.object, None))
    _one_violation(graph, str(STATEMENT), "rdf:object")


def test_statement_of_unasserted_triple(graph: Graph) -> None:
    graph.remove((PROJECT, AID.fundedBy, DONOR))
    _one_violation(graph, str(STATEMENT), "not asserted", "aid:fundedBy")


def test_relation_without_statement(graph: Graph) -> None:
    graph.add((PROJECT, AID.organizedBy, COMPANY))
    _one_violation(graph, "青石县第二小学教学楼建设项目", "aid:organizedBy", "no rdf:Statement")


def test_paired_with_statement_may_name_either_direction(graph: Graph) -> None:
    graph.remove((DONOR, AID.pairedWith, COUNTY))
    graph.add((COUNTY, AID.pairedWith, DONOR))
    assert validate(graph).conforms


def test_article_without_source(graph: Graph) -> None:
    graph.remove((ARTICLE, DCTERMS.source, None))
    _one_violation(graph, "云岭省援建青石县第二小学教学楼竣工", "dcterms:source")


def test_article_bad_date_and_script(graph: Graph) -> None:
    graph.set((ARTICLE, DCTERMS.date, Literal("2024年9月1日")))
    graph.set((ARTICLE, AID.script, Literal("cyrillic")))
    _one_violation(graph, "dcterms:date", "xsd:date")
    _one_violation(graph, "aid:script")


def test_entity_without_simplified_label(graph: Graph) -> None:
    graph.remove((COMPANY, RDFS.label, None))
    graph.add((COMPANY, RDFS.label, Literal("雲嶺恆遠建設集團", lang="zh-Hant")))
    _one_violation(graph, str(COMPANY), "rdfs:label", "zh-Hans")


def test_entity_without_aid_class(graph: Graph) -> None:
    graph.remove((COMPANY, RDF.type, None))
    _one_violation(graph, "云岭恒远建设集团", "rdf:type", "no aid entity class")


def test_subclass_instances_are_targeted_without_ontology_or_inference(graph: Graph) -> None:
    # pyshacl resolves sh:targetClass sub-classes only from rdfs:subClassOf triples in the data
    # graph; the shapes list the region classes, so an XPCC unit with a bad code is still caught
    unit = ID["xpcc/div-99"]
    _entity(graph, unit, AID.XPCCUnit, "兵团第九十九师")
    graph.add((unit, AID.divisionCode, Literal("ABCDEF")))
    _one_violation(graph, "兵团第九十九师", "aid:divisionCode")


def test_funded_by_subject_must_be_project(graph: Graph) -> None:
    _statement(graph, ID["statement/999999999999"], COMPANY, AID.fundedBy, DONOR)
    _one_violation(graph, "云岭恒远建设集团", "aid:fundedBy", "aid:Project")


def test_a_park_built_with_aid_money_may_be_funded(graph: Graph) -> None:
    # 援建资金用于支持青石工业园建设: the park is funded as much as a school is
    park = ID["region/x-0a0b0c0d"]
    _entity(graph, park, AID.DevelopmentZone, "青石工业园")
    _statement(graph, ID["statement/999999999999"], park, AID.fundedBy, DONOR)
    assert validate(graph).conforms


def test_organised_by_subject_must_be_project(graph: Graph) -> None:
    park = ID["region/x-0a0b0c0d"]
    _entity(graph, park, AID.DevelopmentZone, "青石工业园")
    _statement(graph, ID["statement/999999999999"], park, AID.organizedBy, COMPANY)
    _one_violation(graph, "青石工业园", "aid:organizedBy", "aid:Project")


def test_dispatched_by_must_point_to_region_or_organisation(graph: Graph) -> None:
    _statement(graph, ID["statement/999999999999"], CADRE, AID.dispatchedBy, PROJECT)
    _one_violation(graph, "林立新", "aid:dispatchedBy", "region or organisation")


def test_investor_typed_as_region_is_accepted(graph: Graph) -> None:
    # the extractor may well read "某县投资…" with a region as investor: allowed by the vocabulary
    _statement(graph, ID["statement/999999999999"], COUNTY, AID.investedIn, PROJECT)
    assert validate(graph).conforms


def test_person_as_investor_is_a_violation(graph: Graph) -> None:
    _statement(graph, ID["statement/999999999999"], CADRE, AID.investedIn, PROJECT)
    _one_violation(graph, "林立新", "aid:investedIn")


def test_soft_problems_are_warnings_only(graph: Graph) -> None:
    person = ID["person/aaaaaaaaaaaa"]
    _entity(graph, person, AID.Person, "周明远")
    _statement(graph, ID["statement/999999999999"], person, AID.dispatchedBy, DONOR)
    graph.add((PROJECT, AID.totalInvestment, Literal(Decimal("20000000"))))
    report = validate(graph)
    assert report.conforms, str(report)
    assert any("周明远" in w and "aid:Cadre" in w for w in report.warnings)
    assert any("aid:totalInvestment" in w and "more than one" in w for w in report.warnings)


def test_report_lines_are_single_readable_lines(graph: Graph) -> None:
    graph.set((COUNTY, AID.divisionCode, Literal("12")))
    graph.remove((STATEMENT, AID.evidence, None))
    report = validate(graph)
    assert len(report.violations) == 2
    for line in report.violations:
        assert "\n" not in line
        assert "Focus node" not in line        # pyshacl's own wording replaced by the shape's message
    assert "2 violation(s)" in str(report)


# ---------------------------------------------------------------- the compiled shapes against pyshacl

def _edge_cases(g: Graph) -> None:
    """Many kinds of breakage at once, including ones the extractor never produces."""
    from rdflib import BNode
    g.set((PROJECT, AID.totalInvestment, Literal("12万", datatype=XSD.decimal)))         # ill-typed
    g.add((PROJECT, AID.startDate, Literal("2024-02-30", datatype=XSD.date)))            # no such day
    g.add((COMPANY, RDFS.label, Literal("Yunling Hengyuan", lang="en")))
    g.add((COMPANY, SKOS.altLabel, Literal("恒远")))                                      # untagged
    g.add((CADRE, RDFS.label, Literal("林立新", lang="zh-Hans-CN")))
    g.add((ID["person/bbbbbbbbbbbb"], AID.mentionedIn, Literal("not an article")))
    g.add((BNode("b1"), AID.mentionedIn, ARTICLE))
    g.set((ID["statement/444444444444"], AID.evidenceStart, Literal(500)))               # ≥ end
    g.set((ID["statement/444444444444"], AID.extractionMethod, Literal("pattern: spaced")))
    g.add((ID["statement/555555555555"], AID.evidence, Literal("第二句。")))
    g.set((ARTICLE, AID.contentHash, Literal("ABC" * 20 + "ABCD")))
    g.set((COUNTY, AID.divisionCode, Literal("659999\n")))                              # Python's $
    g.add((COUNTY, AID.divisionLevel, Literal("county", lang="en")))
    g.add((DONOR, AID.divisionLevel, Literal("province")))
    g.add((ID["statement/666666666666"], RDF.subject, CADRE))                             # two subjects
    fact = ID["fact/999999999999"]
    g.add((fact, RDF.type, AID.AggregateFact))
    g.add((fact, AID.aboutProgramme, PROJECT))
    g.add((fact, AID.projectCount, Literal("12")))
    g.add((fact, PROV.wasDerivedFrom, ARTICLE))
    g.add((ID["org/cccccccccccc"], AID.pairedWith, Literal("某地")))
    g.add((DONOR, AID.supports, COUNTY))                                                   # one way: fine
    g.add((COUNTY, AID.supports, DONOR))                                                   # both ways
    g.add((COMPANY, AID.supports, COUNTY))                                                 # no pairing


def test_compiled_shapes_match_pyshacl_on_many_breakages(graph: Graph) -> None:
    _edge_cases(graph)
    report = validate(graph)
    assert len(report.violations) >= 12 and len(report.warnings) >= 3


@pytest.mark.parametrize("article", ["beijing_lhasa_kindergarten_2024.txt", "tianjin_hotan_jujube_trad_2023.txt",
                                     "guangdong_kashgar_chest_pain_centre_2023.html"])
def test_compiled_shapes_match_pyshacl_on_extracted_articles(article: str) -> None:
    from conftest import EXAMPLES
    from aidkg.graph import document_graph
    from aidkg.pipeline import process_file
    g = document_graph(process_file(EXAMPLES / article))
    assert validate(g).conforms
    g.remove((None, DCTERMS.title, None))
    for st in list(g.subjects(RDF.type, RDF.Statement))[:3]:
        g.remove((st, AID.evidence, None))
    report = validate(g)
    assert len(report.violations) == 3 and any("dcterms:title" in w for w in report.warnings)


def test_every_shape_constraint_is_compiled() -> None:
    """Each constraint parameter of the shapes file is one compiled check (none skipped)."""
    from aidkg.shape_checks import SH as SHNS, shape_checks
    params = {SHNS.nodeKind, SHNS.datatype, SHNS.pattern, SHNS.minInclusive, SHNS["in"], SHNS["class"],
              SHNS.node, SHNS.languageIn, SHNS["or"], SHNS.minCount, SHNS.maxCount, SHNS.qualifiedMinCount,
              SHNS.qualifiedMaxCount, SHNS.lessThan, SHNS.sparql}
    g = shapes_graph()
    targeted = {s for p in (SHNS.targetClass, SHNS.targetSubjectsOf, SHNS.targetObjectsOf) for s in g.subjects(p, None)}
    expected = 0
    for shape in targeted:
        expected += sum(1 for p, _ in g.predicate_objects(shape) if p in params)
        for prop in g.objects(shape, SHNS.property):
            expected += sum(1 for p, _ in g.predicate_objects(prop) if p in params)
    assert len(shape_checks()) == expected


def test_unknown_shacl_feature_is_refused() -> None:
    from aidkg.shape_checks import UnsupportedShape, compile_shapes
    extra = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix aid: <https://w3id.org/aidkg/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass aid:Project ;
            sh:property [ sh:path aid:floorArea ; sh:maxExclusive 10 ; sh:message "m" ] .""", format="turtle")
    with pytest.raises(UnsupportedShape, match="maxExclusive"):
        compile_shapes(extra)


def test_compiled_shapes_follow_subclasses_declared_in_the_data(graph: Graph) -> None:
    """pyshacl reads rdfs:subClassOf from the data graph (for sh:class and sh:targetClass): so do
    the compiled shapes when the data has any (article graphs never do)."""
    special = ID["class/SchoolProject"]
    graph.add((special, RDFS.subClassOf, AID.Project))
    school = ID["project/dddddddddddd"]
    graph.add((school, RDF.type, special))
    graph.add((school, RDFS.label, Literal("青石县第三小学", lang="zh-Hans")))
    _statement(graph, ID["statement/aaaaaaaaaaaa"], school, AID.fundedBy, DONOR)
    graph.add((school, AID.floorArea, Literal("很大")))
    report = validate(graph)
    assert any("第三小学" in v and "aid:floorArea" in v for v in report.violations)
    assert not any("第三小学" in v and "aid:fundedBy" in v for v in report.violations)


def test_native_batch_check_matches_the_sparql_dataset_check() -> None:
    """What a build runs (aidkg.shape_native.check_quads over a batch of article quads) gives the
    reports the SPARQL form gives over the same batch as one dataset, per graph."""
    import pyoxigraph as ox

    from conftest import EXAMPLES
    from aidkg.graph import article_graph_iri, document_quads
    from aidkg.pipeline import process_file
    from aidkg.shape_native import check_quads
    from aidkg.validate import check_dataset
    batch = []
    for path in sorted(EXAMPLES.glob("*.txt"))[:4]:
        doc = process_file(path)
        batch.append((str(path), str(article_graph_iri(doc)), document_quads(doc)))
    source, g, quads = batch[1]
    statements = {q.subject for q in quads if q.object.value == str(RDF.Statement)}
    evidence = [q for q in quads if q.subject in statements and q.predicate.value == str(AID.evidence)][:2]
    broken = [q for q in quads if q not in evidence and q.predicate.value != str(DCTERMS.title)]
    broken.append(ox.Quad(quads[0].subject, ox.NamedNode(str(AID.floorArea)), ox.Literal("-5", datatype=ox.NamedNode(str(XSD.decimal))), quads[0].graph_name))
    batch[1] = (source, g, broken)
    dataset = ox.Store()
    for _s, _g, q in batch:
        dataset.extend(q)
    expected = check_dataset(dataset)
    assert expected[g].violations and any("dcterms:title" in w for w in expected[g].warnings)
    assert check_quads(batch) == expected


def test_native_check_copies_what_the_naming_query_reads() -> None:
    """check_quads copies into its dataset, for a graph with results and no SPARQL constraint, only
    the triples of the predicates validate's naming query reads: they must be all it reads."""
    import re

    from aidkg.shape_native import _NAMING_PREDICATES
    from aidkg.store import PREFIXES
    from aidkg.validate import _NAMING
    read = {PREFIXES[prefix] + local for prefix, local in re.findall(r"\b([a-z]+):([A-Za-z]+)\b", _NAMING)}
    assert read == {p.value for p in _NAMING_PREDICATES}
