"""Why the graph says S P O: every statement of one triple with its sentence and article, the rule
that made it (aid:extractionMethod, looked up in the rule registry), the reference dataset or
corrections line behind it, and the references its sentence rests on (aid:viaReference).
`aidkg explain` prints it; read from the store by SELECTs."""
from __future__ import annotations

from dataclasses import dataclass, field

from .query_library import sparql_string
from .vocab import AID, ALL_RELATIONS, ID

Q_NAMED = """SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?l FILTER(STR(?l) = %s) }"""
Q_LABEL = """SELECT ?l WHERE { %s rdfs:label ?l FILTER(lang(?l) = "zh-Hans") } LIMIT 1"""
Q_STATEMENTS = """SELECT ?st ?s ?o ?sentence ?start ?end ?method ?curation ?a ?title ?date ?source ?dataset ?datasetLabel
WHERE { VALUES ?s { %s } VALUES ?o { %s }
  ?st rdf:subject ?s ; rdf:predicate %s ; rdf:object ?o .
  OPTIONAL { ?st aid:evidence ?sentence } OPTIONAL { ?st aid:evidenceStart ?start }
  OPTIONAL { ?st aid:evidenceEnd ?end } OPTIONAL { ?st aid:extractionMethod ?method }
  OPTIONAL { ?st aid:curation ?curation }
  OPTIONAL { ?st prov:wasDerivedFrom ?a . ?a a aid:Article
             OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date }
             OPTIONAL { ?a dcterms:source ?source } }
  OPTIONAL { ?st prov:wasDerivedFrom ?dataset . ?dataset a aid:ReferenceDataset
             OPTIONAL { ?dataset rdfs:label ?datasetLabel } }
} ORDER BY ?date ?title ?start ?st"""
Q_VIA = """SELECT ?st ?words ?start ?end ?x ?ante ?anteSentence WHERE { VALUES ?st { %s }
  ?st aid:viaReference ?r . ?r aid:referringText ?words ; aid:referenceStart ?start ;
  aid:referenceEnd ?end ; aid:refersTo ?x .
  OPTIONAL { ?r aid:antecedentText ?ante } OPTIONAL { ?r aid:antecedentEvidence ?anteSentence }
} ORDER BY ?start"""


class ExplainError(ValueError):
    pass


@dataclass
class Statement:
    sentence: str | None
    start: int | None
    end: int | None
    method: str | None
    article: dict = field(default_factory=dict)    # title, date, source
    rule: dict | None = None                       # name, family, trigger, reads: from the registry
    dataset: str | None = None                     # a reference dataset's label
    curation: str | None = None                    # the corrections.yaml line
    via: list[dict] = field(default_factory=list)  # words, start, end, refers_to, antecedent, antecedent_sentence

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], {})}


def predicate_iri(name: str) -> str:
    short = name.removeprefix("aid:").rsplit("#", 1)[-1]
    if short not in ALL_RELATIONS:
        raise ExplainError(f"unknown relation {name!r}: one of {', '.join(ALL_RELATIONS)}")
    return str(AID[short])


def entities(store, name: str) -> list[str]:
    """The entities a name stands for: an IRI or id/ key as given, else every entity with that
    label or other name (either script, any language)."""
    if name.startswith(("http://", "https://")):
        return [name]
    if name.startswith("id/"):
        return [str(ID[name[3:]])]
    return sorted(r["e"].value for r in store.query(Q_NAMED % sparql_string(name)))


def explain(store, subject: str, predicate: str, obj: str) -> dict:
    """{"subject", "predicate", "object", "statements": [Statement…]} for the triple."""
    from .relate import rules  # noqa: F401 — registers every rule, so a method finds its rule
    from .relate.engine import rule_of_method
    p = predicate_iri(predicate)
    found = {}
    for side, name in (("subject", subject), ("object", obj)):
        found[side] = entities(store, name)
        if not found[side]:
            raise ExplainError(f"no entity named {name!r} (a label or other name, or an IRI)")
    values = lambda iris: " ".join(f"<{i}>" for i in iris)  # noqa: E731
    rows = list(store.query(Q_STATEMENTS % (values(found["subject"]), values(found["object"]), f"<{p}>")))
    val = lambda row, k: row[k].value if row[k] is not None else None  # noqa: E731
    statements: dict[str, Statement] = {}
    ends: dict[str, tuple[str, str]] = {}
    for row in rows:
        st = row["st"].value
        if st in statements:
            continue
        start, end = val(row, "start"), val(row, "end")
        rec = Statement(val(row, "sentence"), int(start) if start else None, int(end) if end else None,
                        val(row, "method"), curation=val(row, "curation"), dataset=val(row, "datasetLabel"))
        rec.article = {k: val(row, k) for k in ("title", "date", "source") if val(row, k)}
        rule = rule_of_method(rec.method) if rec.method and rec.method.startswith("pattern:") else None
        if rule is not None:
            rec.rule = {"name": rec.method.removeprefix("pattern:"), "family": rule.family,
                        "trigger": rule.trigger, "reads": rule.doc.split("\n\n")[0]}
        statements[st] = rec
        ends[st] = (row["s"].value, row["o"].value)
    if statements:
        for row in store.query(Q_VIA % values(statements)):
            x = row["x"].value
            s, o = ends[row["st"].value]
            statements[row["st"].value].via.append({
                "words": row["words"].value, "start": int(row["start"].value), "end": int(row["end"].value),
                "refers_to": "subject" if x == s else "object" if x == o else x,
                "antecedent": val(row, "ante"), "antecedent_sentence": val(row, "anteSentence")})
    label = lambda iris, name: _label(store, iris[0]) if len(iris) == 1 else name  # noqa: E731
    return {"subject": label(found["subject"], subject), "predicate": p.rsplit("#", 1)[-1],
            "object": label(found["object"], obj), "statements": list(statements.values())}


def _label(store, iri: str) -> str:
    for row in store.query(Q_LABEL % f"<{iri}>"):
        return row["l"].value
    return iri


def lines(result: dict) -> list[str]:
    """The explanation as text, one statement after another."""
    sts = result["statements"]
    out = [f"{result['subject']} —{result['predicate']}→ {result['object']}: "
           f"{len(sts)} statement{'s' if len(sts) != 1 else ''}"]
    for i, st in enumerate(sts, 1):
        out.append(f"[{i}] “{st.sentence}”" if st.sentence else f"[{i}] (no sentence)")
        art = " · ".join(st.article[k] for k in ("title", "date", "source") if k in st.article)
        if art:
            where = f" (characters {st.start}–{st.end})" if st.start is not None and st.end is not None else ""
            out.append(f"    article: {art}{where}")
        if st.rule:
            r = st.rule
            out.append(f"    rule: {r['name']} ({r['family']}); trigger: {r['trigger'] or '(every sentence)'}")
            if r["reads"]:
                out.append("    reads: " + " ".join(r["reads"].split()))
            out.append(f"    (aidkg rules --name {r['name']}: its examples and counter-examples)")
        elif st.method:
            out.append(f"    method: {st.method}")
        if st.dataset:
            out.append(f"    from reference data: {st.dataset}")
        if st.curation:
            out.append(f"    corrections line: {st.curation}")
        for v in st.via:
            named = f", named before as {v['antecedent']}" if v.get("antecedent") else ""
            out.append(f"    via reference: {v['words']} (characters {v['start']}–{v['end']}) stands for the "
                       f"{v['refers_to']}{named}")
            if v.get("antecedent_sentence"):
                out.append(f"      in “{v['antecedent_sentence']}”")
    return out
