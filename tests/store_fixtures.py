"""A small invented corpus in the RDF shape of ARCHITECTURE.md, for the store/query/serve tests.

Every name here is invented. Expected answers of the named queries are written next to the data
(EXPECTED) so that a test failure says which fact went missing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from aidkg.store import ONTOLOGY_FILE, Store, source_hash
from aidkg.vocab import AID, GRAPH, ID

MINI_ONTOLOGY = """\
@prefix aid: <https://w3id.org/aidkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
aid:Province rdfs:subClassOf aid:Region . aid:Prefecture rdfs:subClassOf aid:Region .
aid:County rdfs:subClassOf aid:Region . aid:Township rdfs:subClassOf aid:Region .
aid:Village rdfs:subClassOf aid:Region . aid:XPCCUnit rdfs:subClassOf aid:Region .
aid:DevelopmentZone rdfs:subClassOf aid:Region .
aid:Enterprise rdfs:subClassOf aid:Organization . aid:GovernmentBody rdfs:subClassOf aid:Organization .
aid:Institution rdfs:subClassOf aid:Organization . aid:Cadre rdfs:subClassOf aid:Person .
"""


def ontology_path(tmp_dir: Path) -> Path:
    """The shipped ontology, or a minimal class hierarchy while it is not written yet."""
    if ONTOLOGY_FILE.exists():
        return ONTOLOGY_FILE
    path = Path(tmp_dir) / "mini-ontology.ttl"
    path.write_text(MINI_ONTOLOGY, encoding="utf-8")
    return path


def _h(name: str, n: int = 12) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:n]


def entity_iri(cls: str, name: str) -> URIRef:
    kind = {"Province": "region", "Prefecture": "region", "County": "region", "Township": "region",
            "XPCCUnit": "xpcc", "Enterprise": "org", "GovernmentBody": "org", "Institution": "org",
            "Project": "project", "Cadre": "person", "Person": "person", "Programme": "programme"}[cls]
    return ID[f"{kind}/x-{_h(name)}"] if kind == "region" else ID[f"{kind}/{_h(name)}"]


@dataclass
class Article:
    source: str
    title: str
    date: str
    text: str
    entities: dict = field(default_factory=dict)     # name -> class
    hant: dict = field(default_factory=dict)         # Simplified name -> Traditional label
    relations: list = field(default_factory=list)    # (s name, predicate, o name, sentence)
    attributes: list = field(default_factory=list)   # (name, predicate, value, datatype)
    facts: list = field(default_factory=list)        # (donor, recipient, programme, count, amount, sentence)
    # name -> {language tag: label}: English names (regions) and pinyin, as aidkg.graph writes them
    names: dict = field(default_factory=dict)

    @property
    def graph_iri(self) -> URIRef:
        return GRAPH[f"article/{source_hash(self.source)}"]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def graph(self) -> Graph:
        g = Graph()
        art = ID[f"article/{source_hash(self.source)}"]
        g.add((art, RDF.type, AID.Article))
        g.add((art, DCTERMS.title, Literal(self.title)))
        g.add((art, DCTERMS.date, Literal(self.date, datatype=XSD.date)))
        g.add((art, DCTERMS.source, Literal(self.source)))
        g.add((art, DCTERMS.publisher, Literal("虚构日报")))
        g.add((art, AID.contentHash, Literal(self.content_hash)))
        g.add((art, AID.script, Literal("traditional" if self.hant else "simplified")))
        iri = {name: entity_iri(cls, name) for name, cls in self.entities.items()}
        for name, cls in self.entities.items():
            g.add((iri[name], RDF.type, AID[cls]))
            g.add((iri[name], RDFS.label, Literal(name, lang="zh-Hans")))
            if name in self.hant:
                g.add((iri[name], RDFS.label, Literal(self.hant[name], lang="zh-Hant")))
            for lang, label in self.names.get(name, {}).items():
                g.add((iri[name], RDFS.label, Literal(label, lang=lang)))
            g.add((iri[name], AID.mentionedIn, art))
        for s, p, o, sentence in self.relations:
            g.add((iri[s], AID[p], iri[o]))
            st = ID[f"statement/{_h(str(iri[s]) + p + str(iri[o]) + sentence)}"]
            start = self.text.index(sentence)
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, iri[s]))
            g.add((st, RDF.predicate, AID[p]))
            g.add((st, RDF.object, iri[o]))
            g.add((st, AID.evidence, Literal(sentence)))
            g.add((st, AID.evidenceStart, Literal(start, datatype=XSD.integer)))
            g.add((st, AID.evidenceEnd, Literal(start + len(sentence), datatype=XSD.integer)))
            g.add((st, PROV.wasDerivedFrom, art))
            g.add((st, AID.extractionMethod, Literal("pattern:fixture")))
        for name, p, value, dt in self.attributes:
            g.add((iri[name], AID[p], Literal(value, datatype=dt)))
        for donor, recipient, programme, count, amount, sentence in self.facts:
            fact = ID[f"fact/{_h(donor + recipient + sentence)}"]
            g.add((fact, RDF.type, AID.AggregateFact))
            g.add((fact, AID.aboutDonor, iri[donor]))
            g.add((fact, AID.aboutRecipient, iri[recipient]))
            g.add((fact, AID.aboutProgramme, iri[programme]))
            g.add((fact, AID.projectCount, Literal(count, datatype=XSD.integer)))
            g.add((fact, AID.amount, Literal(amount, datatype=XSD.decimal)))
            g.add((fact, AID.evidence, Literal(sentence)))
            g.add((fact, PROV.wasDerivedFrom, art))
        return g


S1 = "东屿省与玉河地区结对开展对口支援。"
S2 = "海澜市对口支援白杨县。"
S3 = "东屿能源集团投资3.2亿元建设白杨县光伏电站项目，项目位于沙泉镇。"
S4 = "东屿省援建白杨县第二中学教学楼项目，总投资1950万元，建筑面积8600平方米。"
S5 = "东屿省选派干部林海峰到白杨县挂职。"
S6 = "东屿省第三批援疆干部人才在玉河地区实施援建项目42个，投入资金5.6亿元。"
A1 = Article(
    source="fixture://dongyu/2024-03-01", title="东屿省援助玉河地区工作综述", date="2024-03-01",
    text="".join([S1, S2, S3, S4, S5, S6]),
    entities={"东屿省": "Province", "海澜市": "Prefecture", "玉河地区": "Prefecture", "白杨县": "County",
              "沙泉镇": "Township", "东屿能源集团": "Enterprise", "白杨县光伏电站项目": "Project",
              "白杨县第二中学教学楼项目": "Project", "林海峰": "Cadre", "东屿省第三批援疆干部人才": "Programme"},
    relations=[("东屿省", "pairedWith", "玉河地区", S1), ("海澜市", "pairedWith", "白杨县", S2),
               ("海澜市", "partOf", "东屿省", S2), ("白杨县", "partOf", "玉河地区", S2),
               ("沙泉镇", "partOf", "白杨县", S3),
               ("东屿能源集团", "investedIn", "白杨县光伏电站项目", S3),
               ("白杨县光伏电站项目", "locatedIn", "沙泉镇", S3),
               ("白杨县第二中学教学楼项目", "fundedBy", "东屿省", S4),
               ("白杨县第二中学教学楼项目", "locatedIn", "白杨县", S4),
               ("林海峰", "dispatchedBy", "东屿省", S5)],
    attributes=[("白杨县光伏电站项目", "totalInvestment", "320000000", XSD.decimal),
                ("白杨县第二中学教学楼项目", "totalInvestment", "19500000", XSD.decimal),
                ("白杨县第二中学教学楼项目", "floorArea", "8600", XSD.decimal)],
    facts=[("东屿省", "玉河地区", "东屿省第三批援疆干部人才", 42, "560000000", S6)],
    # an English name for two regions; pinyin only for a person and a project (no English name)
    names={"东屿省": {"en": "Dongyu Province", "zh-Latn-pinyin": "Dōngyǔ Shěng"},
           "玉河地区": {"en": "Yuhe Prefecture", "zh-Latn-pinyin": "Yùhé Dìqū"},
           "林海峰": {"zh-Latn-pinyin": "Lín Hǎifēng"},
           "白杨县光伏电站项目": {"zh-Latn-pinyin": "Báiyáng Xiàn Guāngfú Diànzhàn Xiàngmù"}},
)

T1 = "海澜市对口支援白杨县，两地结对已满五年。"
T2 = "海澜建工集团投资8500万元建设红柳县物流园项目。"
T3 = "东屿能源集团收购红柳县建材公司。"
T4 = "海澜市选派干部陈明远到红柳县工作。"
T5 = "红柳县隶属玉河地区。"
A2 = Article(
    source="fixture://dongyu/2024-06-10", title="海澜市企业落户红柳县", date="2024-06-10",
    text="".join([T1, T2, T3, T4, T5]),
    entities={"海澜市": "Prefecture", "白杨县": "County", "红柳县": "County", "玉河地区": "Prefecture",
              "海澜建工集团": "Enterprise", "红柳县物流园项目": "Project", "东屿能源集团": "Enterprise",
              "红柳县建材公司": "Enterprise", "陈明远": "Cadre"},
    relations=[("海澜市", "pairedWith", "白杨县", T1), ("红柳县", "partOf", "玉河地区", T5),
               ("海澜建工集团", "investedIn", "红柳县物流园项目", T2),
               ("红柳县物流园项目", "locatedIn", "红柳县", T2),
               ("东屿能源集团", "acquired", "红柳县建材公司", T3),
               ("陈明远", "dispatchedBy", "海澜市", T4)],
    attributes=[("红柳县物流园项目", "totalInvestment", "85000000", XSD.decimal)],
)

U1 = "西嶺省對口支援紅柳縣。"
U2 = "西嶺省援建紅柳縣人民醫院門診樓，總投資4600萬元。"
U3 = "西嶺省援建九〇一團供水工程，投資1200萬元。"
U4 = "西嶺省選派幹部周文彬任九〇一團副政委。"
U5 = "九〇一團隸屬兵團第九十師。"
A3 = Article(
    source="fixture://xiling/2024-09-20", title="西嶺省援建紀實", date="2024-09-20",
    text="".join([U1, U2, U3, U4, U5]),
    entities={"西岭省": "Province", "红柳县": "County", "红柳县人民医院门诊楼": "Project",
              "九〇一团": "XPCCUnit", "兵团第九十师": "XPCCUnit", "九〇一团供水工程": "Project",
              "周文彬": "Cadre"},
    hant={"西岭省": "西嶺省", "红柳县": "紅柳縣", "红柳县人民医院门诊楼": "紅柳縣人民醫院門診樓",
          "九〇一团": "九〇一團", "兵团第九十师": "兵團第九十師", "九〇一团供水工程": "九〇一團供水工程",
          "周文彬": "周文彬"},
    relations=[("西岭省", "pairedWith", "红柳县", U1),
               ("红柳县人民医院门诊楼", "fundedBy", "西岭省", U2),
               ("红柳县人民医院门诊楼", "locatedIn", "红柳县", U2),
               ("九〇一团供水工程", "fundedBy", "西岭省", U3),
               ("九〇一团供水工程", "locatedIn", "九〇一团", U3),
               ("周文彬", "dispatchedBy", "西岭省", U4),
               ("九〇一团", "partOf", "兵团第九十师", U5)],
    attributes=[("红柳县人民医院门诊楼", "totalInvestment", "46000000", XSD.decimal),
                ("九〇一团供水工程", "totalInvestment", "12000000", XSD.decimal)],
)

ARTICLES = (A1, A2, A3)

# What the named queries must answer on ARTICLES.
EXPECTED = {
    "paired-with": {("东屿省", "玉河地区"), ("海澜市", "白杨县"), ("西岭省", "红柳县")},
    "investments": {("东屿能源集团", "白杨县光伏电站项目", 320000000), ("海澜建工集团", "红柳县物流园项目", 85000000)},
    "money-by-recipient": {"白杨县": 339500000, "红柳县": 131000000, "玉河地区": 470500000,
                           "九〇一团": 12000000, "兵团第九十师": 12000000},
    "money-reported": {"玉河地区": 560000000},
    "projects-in-region": {"玉河地区": {"白杨县光伏电站项目", "白杨县第二中学教学楼项目", "红柳县物流园项目",
                                    "红柳县人民医院门诊楼"},
                           "白杨县": {"白杨县光伏电站项目", "白杨县第二中学教学楼项目"}},
    "cadres-by-donor": {("东屿省", "林海峰"), ("海澜市", "陈明远"), ("西岭省", "周文彬")},
}


def load_articles(store: Store, articles=ARTICLES) -> None:
    for art in articles:
        store.replace_article(str(art.graph_iri), art.graph())


def write_trig(path: Path, articles=ARTICLES) -> Path:
    """The corpus as one TriG file (one named graph per article)."""
    from rdflib import Dataset
    ds = Dataset()
    for art in articles:
        g = ds.graph(art.graph_iri)
        for t in art.graph():
            g.add(t)
    ds.serialize(destination=str(path), format="trig")
    return path


def make_store(path: Path, tmp_dir: Path) -> Store:
    store = Store(path, ontology=ontology_path(tmp_dir))
    load_articles(store)
    return store


def build_examples(tmp_dir: Path) -> Store:
    """The bundled examples/ through the real pipeline (aidkg build) into a store under tmp_dir."""
    import pytest
    try:
        from aidkg import build
    except ImportError as exc:  # the pipeline is not there: nothing to build with
        pytest.skip(f"aidkg build is not available ({exc})")
    report = build(None, tmp_dir, html=False, validate=False)
    assert not report.errors, report.errors
    return Store(Path(report.outputs["store"]))
