"""Small knowledge graphs in the contract's RDF shape (ARCHITECTURE.md), with invented names.

Used by the viewer and analysis tests and by bench/viz.py until the pipeline's examples exist.
"""
from __future__ import annotations

import hashlib
import random
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from aidkg.vocab import AID, ID


def _h(text: str, n: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


class KG:
    """Write entities, relations and their statements the way aidkg.graph does."""

    def __init__(self) -> None:
        self.g = Graph()
        self._n = 0

    def article(self, source: str, title: str, date: str, *, script: str = "simplified",
                site: str | None = None) -> URIRef:
        art = ID[f"article/{_h(source, 16)}"]
        g = self.g
        g.add((art, RDF.type, AID.Article))
        g.add((art, DCTERMS.title, Literal(title)))
        g.add((art, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((art, DCTERMS.source, Literal(source)))
        g.add((art, AID.script, Literal(script)))
        if site:
            g.add((art, AID.site, Literal(site)))
        return art

    def entity(self, cls: str, name: str, *, hant: str | None = None, alts=(), alts_hant=(),
               code: str | None = None, invest: float | None = None, area: float | None = None,
               article: URIRef | None = None) -> URIRef:
        if code and cls in ("Province", "Prefecture", "County"):
            node = ID[f"region/{code}"]
        else:
            kind = {"Project": "project", "Person": "person", "Cadre": "person", "Programme": "programme",
                    "Enterprise": "org", "GovernmentBody": "org", "Institution": "org",
                    "Organization": "org", "XPCCUnit": "xpcc"}.get(cls, "region")
            node = ID[f"{kind}/{_h(name)}"]
        g = self.g
        g.add((node, RDF.type, AID[cls]))
        g.add((node, RDFS.label, Literal(name, lang="zh-Hans")))
        if hant:
            g.add((node, RDFS.label, Literal(hant, lang="zh-Hant")))
        for a in alts:
            g.add((node, SKOS.altLabel, Literal(a, lang="zh-Hans")))
        for a in alts_hant:
            g.add((node, SKOS.altLabel, Literal(a, lang="zh-Hant")))
        if code:
            g.add((node, AID.divisionCode, Literal(code)))
        if invest is not None:
            g.add((node, AID.totalInvestment, Literal(Decimal(str(invest)), datatype=XSD.decimal)))
        if area is not None:
            g.add((node, AID.floorArea, Literal(Decimal(str(area)), datatype=XSD.decimal)))
        if article is not None:
            g.add((node, AID.mentionedIn, article))
        return node

    def relate(self, s: URIRef, rel: str, o: URIRef, sentence: str, article: URIRef,
               method: str = "pattern:test") -> URIRef:
        self._n += 1
        stmt = ID[f"statement/{_h(f'{s}{rel}{o}{sentence}{self._n}')}"]
        g = self.g
        g.add((s, AID[rel], o))
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, AID[rel]))
        g.add((stmt, RDF.object, o))
        g.add((stmt, AID.evidence, Literal(sentence)))
        g.add((stmt, AID.evidenceStart, Literal(0)))
        g.add((stmt, AID.evidenceEnd, Literal(len(sentence))))
        g.add((stmt, PROV.wasDerivedFrom, article))
        g.add((stmt, AID.extractionMethod, Literal(method)))
        return stmt


# names every test can rely on
DONOR = "东川省"
PREFECTURE = "西原州"
COUNTY = "青松县"
COUNTY_HANT = "青鬆縣"
SCHOOL = "青松县第一小学"
SCHOOL_HANT = "青鬆縣第一小學"
ENTERPRISE = "东川能源集团"
ENTERPRISE_HANT = "東川能源集團"
PLANT = "青松光伏电站项目"
CADRE = "林远舟"
XSS_NAME = '<img src=x onerror="window.__pwned=1">青松'
XSS_TITLE = '<script>window.__pwned=2</script>东川日报<b onmouseover=alert(1)>'
XSS_SENTENCE = '东川省<img src=x onerror="window.__pwned=3">援建了青松县第一小学。'


def sample_graph(*, xss: bool = False) -> Graph:
    """About a dozen entities over two articles, one of them Traditional; `xss` poisons text fields."""
    kg = KG()
    a1 = kg.article("https://news.example.org/2024/dongchuan-aid.html",
                    XSS_TITLE if xss else "东川省援建西原州项目纪实", "2024-03-02",
                    site="东川日报")
    a2 = kg.article("/data/articles/dongchuan_trad.txt", "東川能源集團落戶青鬆縣", "2024-05-17",
                    script="traditional")
    e = kg.entity
    donor = e("Province", DONOR, hant="東川省", alts=["东川"], code="980000", article=a1)
    pref = e("Prefecture", PREFECTURE, alts=["西原"], code="991100", article=a1)
    county = e("County", COUNTY, hant=COUNTY_HANT, code="991121", article=a2)
    town = e("Township", "白杨镇", article=a1)
    school = e("Project", SCHOOL, hant=SCHOOL_HANT, invest=19_500_000, area=8_000, article=a1)
    hospital = e("Project", "青松县人民医院门诊楼", invest=42_000_000, article=a1)
    plant = e("Project", PLANT, hant="青鬆光伏電站項目", invest=350_000_000, article=a2)
    ent = e("Enterprise", ENTERPRISE, hant=ENTERPRISE_HANT, alts=["东川能源"], alts_hant=["東川能源"],
            article=a2)
    command = e("GovernmentBody", "东川省援西前方指挥部", alts=["援西前指"], article=a1)
    cadre = e("Cadre", CADRE, article=a1)
    programme = e("Programme", "东川省第三批援西干部人才", article=a1)
    museum = e("Institution", "西原州博物馆", article=a1)
    regiment = e("XPCCUnit", "第九十九师", article=a1)
    name = e("Organization", XSS_NAME if xss else "青松县商会", article=a1)

    r = kg.relate
    s_school = XSS_SENTENCE if xss else "东川省投入援建资金1950万元，援建了青松县第一小学。"
    r(donor, "pairedWith", pref, "东川省对口支援西原州，双方签署了合作协议。", a1)
    r(county, "partOf", pref, "青松县隶属西原州。", a1, method="reference-data")
    r(town, "partOf", county, "白杨镇位于青松县东部。", a1)
    r(school, "fundedBy", donor, s_school, a1)
    r(school, "locatedIn", town, "青松县第一小学建在白杨镇。", a1)
    r(hospital, "fundedBy", donor, "东川省援建的青松县人民医院门诊楼投资4200万元。", a1)
    r(hospital, "locatedIn", county, "门诊楼位于青松县城。", a1)
    r(ent, "investedIn", plant, "東川能源集團投資3.5億元建設青鬆光伏電站項目。", a2)
    r(plant, "locatedIn", county, "該項目位於青鬆縣。", a2)
    r(command, "partOf", donor, "东川省援西前方指挥部是东川省派出机构。", a1)
    r(cadre, "dispatchedBy", command, "林远舟由东川省援西前方指挥部选派。", a1)
    r(programme, "organizedBy", command, "第三批援西干部人才由前方指挥部管理。", a1)
    r(museum, "locatedIn", pref, "西原州博物馆位于州府。", a1)
    r(regiment, "pairedWith", donor, "东川省与第九十九师结对共建。", a1)
    r(name, "locatedIn", county, "商会设在青松县。", a1)
    # a second supporting sentence for one relation, from the other article
    r(donor, "pairedWith", pref, "東川省與西原州結對多年。", a2)
    return kg.g


CLASSES = ("Province", "Prefecture", "County", "Township", "Enterprise", "GovernmentBody",
           "Institution", "Project", "Cadre", "Programme")
_SYL = "东西南北中青白红金银山河湖海林田石云星月光华安平兴和新丰"


def synthetic_graph(n_nodes: int, *, seed: int = 0, edges_per_node: float = 1.3) -> Graph:
    """A random KG of about `n_nodes` entities shaped like ours: hubs (donors, regions) and leaves."""
    rnd = random.Random(seed)
    kg = KG()
    arts = [kg.article(f"https://news.example.org/{i}.html", f"测试报道{i}", f"2024-01-{1 + i % 28:02d}")
            for i in range(max(1, n_nodes // 50))]
    nodes = []
    for i in range(n_nodes):
        cls = CLASSES[rnd.randrange(len(CLASSES))]
        name = "".join(rnd.choice(_SYL) for _ in range(3)) + f"{cls[:2]}{i}"
        invest = rnd.randrange(1, 500) * 1e6 if cls == "Project" else None
        nodes.append(kg.entity(cls, name, invest=invest, article=arts[i % len(arts)]))
    rels = ("pairedWith", "investedIn", "fundedBy", "locatedIn", "partOf", "organizedBy")
    hubs = nodes[: max(5, n_nodes // 100)]
    for i in range(int(n_nodes * edges_per_node)):
        s = nodes[rnd.randrange(n_nodes)]
        o = hubs[rnd.randrange(len(hubs))] if rnd.random() < 0.5 else nodes[rnd.randrange(n_nodes)]
        if s == o:
            continue
        kg.relate(s, rels[i % len(rels)], o, f"测试句子第{i}句。", arts[i % len(arts)])
    return kg.g
