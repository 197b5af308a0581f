"""The published vocabulary as code: a typo in a term fails loudly (rdflib DefinedNamespace).

Every term of ../shared/VOCABULARY.md is here; the ontology file ontology/aidkg.ttl defines them.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/aidkg/"
ID = Namespace(BASE + "id/")          # instances
GRAPH = Namespace(BASE + "graph/")    # named graphs, one per article (+ reference data)


class AID(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Region: URIRef
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Township: URIRef
    Village: URIRef
    XPCCUnit: URIRef
    DevelopmentZone: URIRef
    Organization: URIRef
    Enterprise: URIRef
    GovernmentBody: URIRef
    Institution: URIRef
    Project: URIRef
    Person: URIRef
    Cadre: URIRef
    Programme: URIRef
    Article: URIRef
    ReferenceDataset: URIRef   # a public reference table (divisions, XPCC units) a fact came from
    AggregateFact: URIRef      # a figure about many projects (n projects, total money) on a programme/pairing
    MoneyFlow: URIRef          # one figure of money an article states, from a donor to a recipient (aidkg.money)
    Mention: URIRef            # a sentence that names an entity (the first few per article)
    Reference: URIRef          # words standing for an entity named before (该县, 我省), see viaReference

    # relations
    pairedWith: URIRef
    supports: URIRef           # donor → recipient; sub-property of pairedWith
    investedIn: URIRef
    fundedBy: URIRef
    locatedIn: URIRef
    partOf: URIRef
    organizedBy: URIRef
    dispatchedBy: URIRef
    acquired: URIRef
    mentionedIn: URIRef
    mentionOf: URIRef          # Mention → the entity the sentence names

    # attributes
    totalInvestment: URIRef
    floorArea: URIRef
    divisionCode: URIRef

    # provenance and bookkeeping (additions)
    evidence: URIRef           # the verbatim sentence of a rdf:Statement
    evidenceStart: URIRef      # character offset of the sentence in the article text
    evidenceEnd: URIRef
    extractionMethod: URIRef   # "pattern:<name>", "reference-data" or "curated"
    curation: URIRef           # the corrections.yaml line that changed a statement or entity
    viaReference: URIRef       # Statement/MoneyFlow → the Reference its sentence reaches an entity through
    refersTo: URIRef           # Reference → the entity it was read as
    referringText: URIRef      # the referring words as written (该县)
    referenceStart: URIRef     # their character offsets in the article text
    referenceEnd: URIRef
    antecedentText: URIRef     # the name the article last gave before them (白杨县), as written
    antecedentStart: URIRef
    antecedentEnd: URIRef
    antecedentEvidence: URIRef  # the sentence of that name
    contentHash: URIRef        # sha256 of the article's decoded text
    script: URIRef             # "traditional" | "simplified"
    author: URIRef
    site: URIRef
    divisionLevel: URIRef      # province|prefecture|county|township|village
    startDate: URIRef          # 开工
    completionDate: URIRef     # 投产/交付/建成
    eventDate: URIRef
    aboutProgramme: URIRef     # AggregateFact → Programme
    aboutDonor: URIRef
    aboutRecipient: URIRef
    projectCount: URIRef
    amount: URIRef
    description: URIRef

    # money facts (aidkg.money): what a researcher adds up
    donor: URIRef              # MoneyFlow → who gives the money
    recipient: URIRef          # MoneyFlow → where the money goes
    amountYuan: URIRef         # yuan, xsd:decimal
    moneyKind: URIRef          # "aid-funds" | "total-investment" | "signed" | "delivered"
    scope: URIRef              # "project" | "programme" | "batch" | "total"
    aboutProject: URIRef       # MoneyFlow → the one project it is about
    period: URIRef             # the time covered, as the article says it
    periodStart: URIRef        # xsd:gYear
    periodEnd: URIRef          # xsd:gYear
    includedIn: URIRef         # MoneyFlow → the larger figure it is part of (never added to it again)
    statedAs: URIRef           # the figure as written (2.94亿元)


# the classes a mention can be typed with, in VOCABULARY.md order; used by recogniser and viewer
ENTITY_CLASSES = (
    "Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "DevelopmentZone",
    "Region", "Enterprise", "GovernmentBody", "Institution", "Organization", "Project",
    "Cadre", "Person", "Programme",
)
REGION_CLASSES = frozenset(
    {"Region", "Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "DevelopmentZone"}
)
ORGANIZATION_CLASSES = frozenset({"Organization", "Enterprise", "GovernmentBody", "Institution"})
PERSON_CLASSES = frozenset({"Person", "Cadre"})
RELATIONS = (
    "pairedWith", "investedIn", "fundedBy", "locatedIn", "partOf",
    "organizedBy", "dispatchedBy", "acquired",
)
# supports (donor → recipient) entails pairedWith and is written with it (aidkg.graph.IMPLIED): the
# scorer counts the pairing, while the store, stats and views also show which side gives
ALL_RELATIONS = RELATIONS + tuple(r for r in ("supports",) if r not in RELATIONS)


def coarse_type(cls: str) -> str:
    """The scorer's coarse type (Region, Enterprise, Organization, Project, Person, Programme)."""
    if cls in REGION_CLASSES:
        return "Region"
    if cls == "Enterprise":
        return "Enterprise"
    if cls in ORGANIZATION_CLASSES:
        return "Organization"
    if cls in PERSON_CLASSES:
        return "Person"
    return cls
