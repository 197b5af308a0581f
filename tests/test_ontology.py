"""ontology/aidkg.ttl defines the published vocabulary, in both languages, aligned to standard vocabularies."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from aidkg.vocab import AID

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ONTOLOGY_IRI = URIRef("https://w3id.org/aidkg/ontology")

AID_TERMS = sorted(AID.__annotations__)           # every term of the vocabulary as code
DEFINITION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontology" / "aidkg.ttl", format="turtle")


def _assert_defined(onto: Graph, term: URIRef) -> None:
    types = set(onto.objects(term, RDF.type))
    assert types & DEFINITION_TYPES, f"{term} is not defined as a class or property"
    labels = {lit.language for lit in onto.objects(term, RDFS.label)}
    assert {"en", "zh-Hans"} <= labels, f"{term} lacks an English or Chinese label: {labels}"
    zh = [str(lit) for lit in onto.objects(term, RDFS.label) if lit.language == "zh-Hans"]
    assert all(re.search(r"[\u4e00-\u9fff]", z) for z in zh), f"{term}: zh-Hans label is not Chinese"
    comments = [c for c in onto.objects(term, RDFS.comment) if c.language == "en" and len(str(c)) > 10]
    assert comments, f"{term} lacks an English rdfs:comment"


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert {"en", "zh-Hans"} <= titles
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.description) is not None


@pytest.mark.parametrize("name", AID_TERMS)
def test_every_vocab_term_is_defined(onto: Graph, name: str) -> None:
    _assert_defined(onto, AID[name])


def test_ontology_defines_nothing_outside_vocab(onto: Graph) -> None:
    ns = str(AID._NS)
    defined = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    extra = {str(s)[len(ns):] for s in defined} - set(AID_TERMS)
    assert not extra, f"terms in the ontology but not in aidkg.vocab.AID: {extra}"


@pytest.mark.shared
def test_every_published_term_is_defined(onto: Graph) -> None:
    vocabulary = SHARED / "VOCABULARY.md"
    if not vocabulary.exists():
        pytest.skip(f"{vocabulary} not present (shared material absent)")
    names = set(re.findall(r"`aid:([A-Za-z]+)`", vocabulary.read_text(encoding="utf-8")))
    assert len(names) >= 25, f"parsed too few terms from VOCABULARY.md: {names}"
    for name in sorted(names):
        _assert_defined(onto, AID[name])
    assert names <= set(AID_TERMS)


@pytest.mark.shared
def test_class_hierarchy_matches_published_table(onto: Graph) -> None:
    vocabulary = SHARED / "VOCABULARY.md"
    if not vocabulary.exists():
        pytest.skip(f"{vocabulary} not present (shared material absent)")
    pairs = re.findall(r"`aid:(\w+)` ⊑ (\w+)", vocabulary.read_text(encoding="utf-8"))
    assert len(pairs) >= 10
    for sub, sup in pairs:
        assert (AID[sub], RDFS.subClassOf, AID[sup]) in onto, f"{sub} ⊑ {sup} missing"


HIERARCHY = {
    "Province": "Region", "Prefecture": "Region", "County": "Region", "Township": "Region",
    "Village": "Region", "XPCCUnit": "Region", "DevelopmentZone": "Region",
    "Enterprise": "Organization", "GovernmentBody": "Organization", "Institution": "Organization",
    "Cadre": "Person",
}


@pytest.mark.parametrize("sub,sup", sorted(HIERARCHY.items()))
def test_class_hierarchy(onto: Graph, sub: str, sup: str) -> None:
    assert (AID[sub], RDFS.subClassOf, AID[sup]) in onto


ALIGNMENTS = [
    (AID.Organization, RDFS.subClassOf, ORG.Organization),
    (AID.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (AID.Organization, RDFS.subClassOf, FOAF.Organization),
    (AID.Organization, RDFS.subClassOf, PROV.Organization),
    (AID.Enterprise, RDFS.subClassOf, SCHEMA.Corporation),
    (AID.GovernmentBody, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (AID.Person, RDFS.subClassOf, FOAF.Person),
    (AID.Person, RDFS.subClassOf, SCHEMA.Person),
    (AID.Person, RDFS.subClassOf, PROV.Person),
    (AID.Region, RDFS.subClassOf, SCHEMA.Place),
    (AID.County, RDFS.subClassOf, SCHEMA.AdministrativeArea),
    (AID.Province, RDFS.subClassOf, SCHEMA.AdministrativeArea),
    (AID.Article, RDFS.subClassOf, SCHEMA.Article),
    (AID.Article, RDFS.subClassOf, PROV.Entity),
    (AID.Article, RDFS.subClassOf, FOAF.Document),
    (AID.ReferenceDataset, RDFS.subClassOf, PROV.Entity),
    (AID.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
    (AID.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (AID.fundedBy, RDFS.subPropertyOf, SCHEMA.funder),
    (AID.organizedBy, RDFS.subPropertyOf, SCHEMA.organizer),
    (AID.mentionedIn, OWL.inverseOf, SCHEMA.mentions),
    (AID.mentionedIn, RDFS.subPropertyOf, DCTERMS.isReferencedBy),
    (AID.divisionCode, RDFS.subPropertyOf, SKOS.notation),
    (AID.startDate, RDFS.subPropertyOf, SCHEMA.startDate),
    (AID.description, RDFS.subPropertyOf, DCTERMS.description),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].fragment}-{t[2].split('/')[-1]}")
def test_alignment(onto: Graph, triple) -> None:
    assert triple in onto


def test_no_alignment_imports_a_wrong_type(onto: Graph) -> None:
    # ORG's rdfs:domain org:Organization would make every region in a partOf/pairedWith an organisation
    assert (AID.partOf, RDFS.subPropertyOf, ORG.subOrganizationOf) not in onto
    assert (AID.pairedWith, RDFS.subPropertyOf, ORG.linkedTo) not in onto
    # schema:Project is a schema:Organization; buildings and events are not
    assert (AID.Project, RDFS.subClassOf, SCHEMA.Project) not in onto


def test_property_characteristics(onto: Graph) -> None:
    assert (AID.pairedWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (AID.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (AID.partOf, RDF.type, OWL.TransitiveProperty) in onto
    for rel in ("pairedWith", "investedIn", "fundedBy", "locatedIn", "partOf", "organizedBy",
                "dispatchedBy", "acquired", "mentionedIn"):
        assert (AID[rel], RDF.type, OWL.ObjectProperty) in onto


def _union_members(onto: Graph, node) -> set:
    members = onto.value(node, OWL.unionOf)
    return set(Collection(onto, members)) if members is not None else {node}


@pytest.mark.parametrize("prop,side,expected", [
    ("pairedWith", RDFS.domain, {AID.Region, AID.Organization}),
    ("pairedWith", RDFS.range, {AID.Region, AID.Organization}),
    ("investedIn", RDFS.domain, {AID.Region, AID.Organization}),
    ("investedIn", RDFS.range, {AID.Project, AID.Region, AID.Enterprise}),
    ("fundedBy", RDFS.domain, {AID.Project}),
    ("fundedBy", RDFS.range, {AID.Region, AID.Organization}),
    ("locatedIn", RDFS.range, {AID.Region, AID.Organization}),
    ("partOf", RDFS.range, {AID.Region, AID.Organization}),
    ("organizedBy", RDFS.domain, {AID.Project}),
    ("organizedBy", RDFS.range, {AID.Organization}),
    ("dispatchedBy", RDFS.domain, {AID.Cadre}),
    ("dispatchedBy", RDFS.range, {AID.Region, AID.Organization}),
    ("acquired", RDFS.domain, {AID.Enterprise}),
    ("acquired", RDFS.range, {AID.Enterprise}),
    ("mentionedIn", RDFS.range, {AID.Article}),
])
def test_domains_and_ranges(onto: Graph, prop: str, side, expected: set) -> None:
    value = onto.value(AID[prop], side)
    assert value is not None, f"aid:{prop} has no {side}"
    assert _union_members(onto, value) == expected


@pytest.mark.parametrize("prop,datatype", [
    ("totalInvestment", XSD.decimal), ("floorArea", XSD.decimal), ("amount", XSD.decimal),
    ("divisionCode", XSD.string), ("evidence", XSD.string), ("evidenceStart", XSD.integer),
    ("evidenceEnd", XSD.integer), ("projectCount", XSD.integer), ("startDate", XSD.date),
    ("completionDate", XSD.date), ("eventDate", XSD.date), ("contentHash", XSD.string),
])
def test_datatype_ranges(onto: Graph, prop: str, datatype) -> None:
    assert (AID[prop], RDF.type, OWL.DatatypeProperty) in onto
    assert (AID[prop], RDFS.range, datatype) in onto


def test_script_values_are_enumerated(onto: Graph) -> None:
    datatype = onto.value(AID.script, RDFS.range)
    values = set(Collection(onto, onto.value(datatype, OWL.oneOf)))
    assert values == {Literal("traditional"), Literal("simplified")}


def test_ontology_reachable_from_installed_package() -> None:
    for name in ("aidkg.ttl", "shapes.ttl"):
        text = (resources.files("aidkg") / "ontology" / name).read_text(encoding="utf-8")
        assert Graph().parse(data=text, format="turtle")


@pytest.mark.shared
def test_ontology_names_no_sample_entities() -> None:
    names_file = SHARED / "hooks" / "sample-names.txt"
    if not names_file.exists():
        pytest.skip(f"{names_file} not present (shared material absent)")
    names = [n.strip() for n in names_file.read_text(encoding="utf-8").splitlines() if n.strip()]
    for path in (ROOT / "ontology" / "aidkg.ttl", ROOT / "ontology" / "shapes.ttl"):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], path.name
