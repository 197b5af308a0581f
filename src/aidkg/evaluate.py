"""Score the graph built from a corpus against hand-made gold annotations.

The rules are those of ``../shared/gold/README.md``; where the README leaves a choice open, this
module decides as follows (and the tests pin these numbers down).

Predictions come from the article's RDF graph, never from the Python objects:
* predicted entities = subjects with ``aid:mentionedIn`` (entities added only from reference data
  carry no mentionedIn and are not predictions); their class is their ``aid:`` ``rdf:type`` (the most
  specific one if several); their names are every ``rdfs:label`` and ``skos:altLabel``.
* names are compared after opencc t2s with whitespace, quotes “”‘’"'「」『』 and book-title marks
  《》〈〉 removed.

Entities
* A predicted entity can match a gold entity when one of its names equals the gold name or an alias.
  Each gold entity is found at most once and each predicted entity finds at most one gold entity:
  a maximum bipartite matching (required gold entities preferred over optional ones). A second node
  for an already-found gold entity (a split entity) is therefore a false positive.
* found_required / found_optional = matched required / optional gold entities.
  precision = found_required ÷ (predicted − found_optional) — a predicted entity matching an optional
  gold entity is neither right nor wrong; recall = found_required ÷ required.
* typed: the same matching run again with the extra condition that the coarse types agree
  (``aidkg.vocab.coarse_type``: Region, Enterprise, Organization, Project, Person, Programme), so a
  wrongly typed entity counts as a false positive and as a miss.
* cadre: the same computation restricted to gold entities of type Cadre and predicted entities of
  class aid:Cadre.

Relations
* predicted triples = ``s aid:P o`` for the eight relations (not mentionedIn); pairedWith counts once
  per unordered pair. Triples stated only by reference-data statements (a region's partOf chain
  from the division tables) are facts of public data, not claims of the article: not scored. Both ends are mapped through the (untyped) entity matching; a node left out of
  the matching because another node took its gold entity (the other half of a split entity) maps to
  that gold entity too, so its triples are judged on their own merits (the split already costs a
  false-positive entity). Ties between the halves go to the node labelled with the gold name, then
  to the one whose coarse type agrees.
* A triple with an end that is not a predicted entity of the article (a reference-data parent the
  article never names) is reported as ``outside`` and left out of precision.
* A triple is *correct* when both ends map to gold entities and the gold has that triple as a
  required relation (pairedWith either way round). Otherwise it is *neutral* — neither right nor
  wrong — when it equals an optional gold relation, or has an end matching an optional gold entity,
  or it is a locatedIn/partOf triple implied by the gold's own chain (the gold object is reachable from
  the gold subject over gold locatedIn/partOf edges of either predicate, required or optional,
  transitively). Everything else is wrong (including triples with an end matching no gold entity).
* precision = correct predicted triples ÷ (predicted − neutral − outside); recall = distinct required
  gold relations found ÷ required gold relations (``found_required``; it differs from ``correct``
  only when both halves of a split entity carry the same relation).

Amounts (``attrs.totalInvestmentCNY`` ↔ ``aid:totalInvestment``; likewise ``floorAreaM2`` ↔
``aid:floorArea`` reported as "areas")
* scored on every required gold entity that has the attribute and on optional ones that were found;
  the values are those of every node mapped to the gold entity (as for relation ends, so both halves
  of a split entity); correct when there is at least one value and every value is within
  0.5 % of the gold value (so an aggregate figure wrongly attached next to the right one is wrong);
  otherwise "wrong" (values, none right) or "missing" (no entity or no value).
  Values on predicted entities whose gold entity has no such attribute are listed as "unexpected".

Evidence coverage = share of predicted relation triples (outside ones included) with at least one
``rdf:Statement`` (either direction for pairedWith) whose non-empty ``aid:evidence`` occurs verbatim in
the article's decoded text.

Ratios with a zero denominator are None. Overall figures are micro-averages: counts are summed over
the articles first.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .normalise import to_simplified
from .vocab import AID, ENTITY_CLASSES, RELATIONS, coarse_type

TOLERANCE = Decimal("0.005")
_STRIP = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]+")
_HIERARCHY = ("locatedIn", "partOf")
_ATTRS = (("amounts", "totalInvestmentCNY", AID.totalInvestment),
          ("areas", "floorAreaM2", AID.floorArea))
_CLASS_BY_IRI = {URIRef(AID._NS + c): c for c in ENTITY_CLASSES}
_REL_BY_IRI = {URIRef(AID._NS + r): r for r in RELATIONS}
# an entity typed both aid:Cadre and aid:Person counts as a Cadre
_SUPERCLASSES = frozenset({"Region", "Organization", "Person"})


def normalise_name(name: str) -> str:
    return _STRIP.sub("", to_simplified(str(name)))


# ------------------------------------------------------------------ gold
@dataclass
class GoldEntity:
    id: str
    type: str
    name: str
    aliases: list[str]
    required: bool
    attrs: dict[str, Any]

    @property
    def names(self) -> set[str]:
        return {normalise_name(n) for n in [self.name, *self.aliases]} - {""}


@dataclass
class GoldRelation:
    s: str
    p: str
    o: str
    required: bool
    evidence: str = ""


@dataclass
class Gold:
    document: str
    entities: dict[str, GoldEntity]
    relations: list[GoldRelation]
    meta: dict[str, Any] = field(default_factory=dict)


def load_gold(path: str | Path) -> Gold:
    data = json.loads(Path(path).read_text("utf-8"))
    return gold_from_dict(data)


def gold_from_dict(data: dict) -> Gold:
    entities = {
        e["id"]: GoldEntity(e["id"], e["type"], e["name"], list(e.get("aliases") or []),
                            bool(e.get("required", True)), dict(e.get("attrs") or {}))
        for e in data["entities"]
    }
    relations = [GoldRelation(r["s"], r["p"], r["o"], bool(r.get("required", True)), r.get("evidence", ""))
                 for r in data.get("relations", [])]
    return Gold(data.get("document", ""), entities, relations, dict(data.get("meta") or {}))


# ------------------------------------------------------------------ predictions
@dataclass
class Predicted:
    iri: URIRef
    cls: str | None
    labels: list[str]
    names: set[str]
    values: dict[str, list[Decimal]]

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else str(self.iri)


def predicted_entities(graph: Graph) -> dict[URIRef, Predicted]:
    found: dict[URIRef, Predicted] = {}
    # sorted: the matching breaks ties by insertion order, so a set's order (string hashes differ
    # between runs) would flip which of two equal nodes is matched from one run to the next
    for s in sorted({s for s in graph.subjects(AID.mentionedIn, None) if isinstance(s, URIRef)}):
        classes = [_CLASS_BY_IRI[t] for t in graph.objects(s, RDF.type) if t in _CLASS_BY_IRI]
        cls = min(classes, key=lambda c: (c in _SUPERCLASSES, c)) if classes else None
        # the zh-Hans label first: it is the one shown in reports
        labels = [str(v) for v in sorted(graph.objects(s, RDFS.label), key=lambda v: (v.language != "zh-Hans", v))]
        labels += sorted({str(v) for v in graph.objects(s, SKOS.altLabel)})
        values = {key: [_decimal(v) for v in graph.objects(s, prop)] for _, key, prop in _ATTRS}
        found[s] = Predicted(s, cls, labels, {normalise_name(n) for n in labels} - {""},
                             {k: sorted(v for v in vs if v is not None) for k, vs in values.items()})
    return found


def _decimal(v) -> Decimal | None:
    try:
        return Decimal(str(v.toPython() if isinstance(v, Literal) else v))
    except (InvalidOperation, ValueError):
        return None


def predicted_triples(graph: Graph) -> set[tuple[URIRef, str, URIRef]]:
    """Relation triples the article states; a pairedWith pair is kept once, in a fixed order.

    A triple whose every statement is marked ``aid:extractionMethod "reference-data"`` (a region's
    partOf chain from the division tables) is a fact of public reference data, not a claim of the
    article, and is not scored against the article's gold."""
    reference_only = _reference_only(graph)
    triples = set()
    for p_iri, p in _REL_BY_IRI.items():
        for s, o in graph.subject_objects(p_iri):
            if (s, p_iri, o) in reference_only:
                continue
            if p == "pairedWith" and str(o) < str(s):
                s, o = o, s
            triples.add((s, p, o))
    return triples


def _reference_only(graph: Graph) -> set:
    methods: dict[tuple, set[str]] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        key = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        methods.setdefault(key, set()).add(str(graph.value(st, AID.extractionMethod) or ""))
    return {k for k, m in methods.items() if m == {"reference-data"}}


def _has_evidence(graph: Graph, s, p: str, o, text: str) -> bool:
    pairs = [(s, o), (o, s)] if p == "pairedWith" else [(s, o)]
    for a, b in pairs:
        for st in graph.subjects(RDF.subject, a):
            if (st, RDF.predicate, URIRef(AID._NS + p)) not in graph or (st, RDF.object, b) not in graph:
                continue
            for ev in graph.objects(st, AID.evidence):
                ev = str(ev)
                if ev.strip() and ev in text:
                    return True
    return False


# ------------------------------------------------------------------ matching
def match_entities(gold: Gold, predicted: dict[URIRef, Predicted], typed: bool = False,
                   gold_filter=None) -> dict[URIRef, str]:
    """Maximum bipartite matching predicted IRI → gold id; required gold entities weigh more."""
    g = nx.Graph()
    # ties between two nodes of one split entity go to the node labelled with the gold name, then to
    # the one whose type agrees; all bonuses together stay below 1, the smallest difference the
    # base weights (3 required, 2 optional) can make, so they only ever break ties
    bonus = 0.25 / (len(gold.entities) + 1)
    for ge in gold.entities.values():
        if gold_filter and not gold_filter(ge):
            continue
        names, own_name = ge.names, normalise_name(ge.name)
        for p in predicted.values():
            if not names & p.names:
                continue
            agrees = p.cls is not None and coarse_type(p.cls) == coarse_type(ge.type)
            if typed and not agrees:
                continue
            weight = (3 if ge.required else 2) + bonus * (agrees + (own_name in p.names))
            g.add_edge(("p", p.iri), ("g", ge.id), weight=weight)
    matching = nx.max_weight_matching(g, maxcardinality=False)
    result = {}
    for a, b in matching:
        if a[0] == "g":
            a, b = b, a
        result[a[1]] = b[1]
    return result


def _prf(right: int, denominator_p: int, denominator_r: int, found: int | None = None) -> dict[str, float | None]:
    """P = right ÷ denominator_p; R = found (= right unless given) ÷ denominator_r."""
    p = right / denominator_p if denominator_p else None
    r = (right if found is None else found) / denominator_r if denominator_r else None
    if p is None or r is None:
        f = None
    else:
        f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _entity_score(gold: Gold, predicted: dict[URIRef, Predicted], matching: dict[URIRef, str],
                  gold_filter=None) -> dict[str, Any]:
    golds = [g for g in gold.entities.values() if not gold_filter or gold_filter(g)]
    required = sum(g.required for g in golds)
    found_req = sum(gold.entities[gid].required for gid in matching.values())
    found_opt = len(matching) - found_req
    counts = {"predicted": len(predicted), "required": required,
              "found_required": found_req, "found_optional": found_opt}
    return counts | _prf(found_req, len(predicted) - found_opt, required)


def _entity_details(gold, predicted, matching, typed_matching) -> dict[str, list]:
    found, typed_found = set(matching.values()), set(typed_matching.values())
    wrong_type = [
        {"gold": gold.entities[gid].name, "gold_type": gold.entities[gid].type,
         "predicted": predicted[iri].label, "predicted_type": predicted[iri].cls}
        for iri, gid in sorted(matching.items()) if gid not in typed_found
    ]
    return {
        "missed": [f"{g.name} ({g.type})" for g in gold.entities.values() if g.required and g.id not in found],
        "false_positives": [f"{p.label} ({p.cls})" for iri, p in sorted(predicted.items()) if iri not in matching],
        "wrong_type": wrong_type,
    }


# ------------------------------------------------------------------ relations
def _gold_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    return (min(s, o), p, max(s, o)) if p == "pairedWith" else (s, p, o)


def _reachable(gold: Gold) -> dict[str, set[str]]:
    chain = nx.DiGraph()
    chain.add_edges_from((r.s, r.o) for r in gold.relations if r.p in _HIERARCHY)
    return {n: nx.descendants(chain, n) for n in chain.nodes}


def _relation_score(gold: Gold, graph: Graph, predicted: dict[URIRef, Predicted],
                    ends: dict[URIRef, str], text: str) -> tuple[dict, dict]:
    required = {_gold_key(r.s, r.p, r.o): r for r in gold.relations if r.required}
    optional = {_gold_key(r.s, r.p, r.o) for r in gold.relations if not r.required}
    reach = _reachable(gold)
    names = {iri: p.label for iri, p in predicted.items()}
    found, covered = set(), 0
    wrong, uncovered = [], []
    triples = predicted_triples(graph)
    methods = _methods(graph)
    ent = gold.entities
    family = {p: dict.fromkeys(_REL_COUNTS, 0) for p in RELATIONS}
    rules: dict[str, dict] = {}
    for s, p, o in sorted(triples):
        shown = f"{names.get(s, _tail(s))} {p} {names.get(o, _tail(o))}"
        if _has_evidence(graph, s, p, o, text):
            covered += 1
        else:
            uncovered.append(shown)
        gs, go = ends.get(s), ends.get(o)
        key = _gold_key(gs, p, go) if gs and go else None
        if s not in predicted or o not in predicted:
            verdict = "outside"
        elif key in required:
            found.add(key)
            verdict = "correct"
        elif key in optional or (gs and not ent[gs].required) or (go and not ent[go].required) \
                or (gs and go and p in _HIERARCHY and go in reach.get(gs, ())):
            verdict = "neutral"
        else:
            verdict = "wrong"
            wrong.append(shown)
        family[p]["predicted"] += 1
        if verdict != "wrong":
            family[p][verdict] += 1
        pair = (s, o, o, s) if p == "pairedWith" else (s, o)
        for method in sorted(set().union(*(methods.get((a, p, b), set()) for a, b in zip(pair[::2], pair[1::2])))) or ["?"]:
            r = rules.setdefault(method, {"hits": 0, "correct": 0, "neutral": 0, "outside": 0, "wrong": 0,
                                          "found": [], "wrong_triples": []})
            r["hits"] += 1
            r[verdict] += 1
            if verdict == "correct":
                r["found"].append(f"{ent[key[0]].name} {p} {ent[key[2]].name}")
            elif verdict == "wrong":
                r["wrong_triples"].append(shown)
    for k in required:
        family[k[1]]["required"] += 1
        family[k[1]]["found_required"] += k in found
    score = _rel_prf({"predicted": len(triples), "neutral": sum(f["neutral"] for f in family.values()),
                      "outside": sum(f["outside"] for f in family.values()),
                      "correct": sum(f["correct"] for f in family.values()),
                      "found_required": len(found), "required": len(required)})
    evidence = {"triples": len(triples), "covered": covered,
                "coverage": covered / len(triples) if triples else None}
    details = {
        "relations_missed": [f"{ent[k[0]].name} {k[1]} {ent[k[2]].name}" for k in required if k not in found],
        "relations_wrong": wrong,
        "evidence_missing": uncovered,
    }
    return {"relations": score, "families": {p: _rel_prf(c) for p, c in family.items()},
            "rules": rules, "evidence": evidence}, details


_REL_COUNTS = ("predicted", "neutral", "outside", "correct", "found_required", "required")


def _rel_prf(c: dict) -> dict:
    return c | _prf(c["correct"], c["predicted"] - c["neutral"] - c["outside"], c["required"],
                    found=c["found_required"])


def _methods(graph: Graph) -> dict[tuple, set[str]]:
    """(s, predicate name, o) → the aid:extractionMethod of every statement supporting it."""
    out: dict[tuple, set[str]] = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        p = _REL_BY_IRI.get(graph.value(st, RDF.predicate))
        if p is None:
            continue
        key = (graph.value(st, RDF.subject), p, graph.value(st, RDF.object))
        out.setdefault(key, set()).add(str(graph.value(st, AID.extractionMethod) or "?"))
    return out


def isolated_nodes(graph: Graph) -> tuple[int, int]:
    """(predicted entities with no relation triple at all, predicted entities)."""
    nodes = {s for s in graph.subjects(AID.mentionedIn, None) if isinstance(s, URIRef)}
    linked = set()
    for p_iri in _REL_BY_IRI:
        for s, o in graph.subject_objects(p_iri):
            linked.update((s, o))
    return len(nodes - linked), len(nodes)


def _relation_ends(gold: Gold, predicted: dict[URIRef, Predicted], matching: dict[URIRef, str]) -> dict[URIRef, str]:
    """Matched nodes map to their gold entity; an unmatched node named like a gold entity (the other
    half of a split entity) maps there too, so its relations are judged on their own merit."""
    ends = dict(matching)
    for iri, p in predicted.items():
        if iri not in ends:
            hits = [g for g in gold.entities.values() if g.names & p.names]
            if hits:
                ends[iri] = max(hits, key=lambda g: (g.id in matching.values(), g.required)).id
    return ends


def _tail(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


# ------------------------------------------------------------------ amounts / areas
def _attribute_score(gold: Gold, predicted: dict[URIRef, Predicted], matching: dict[URIRef, str],
                     ends: dict[URIRef, str], key: str) -> dict[str, Any]:
    values: dict[str, list[Decimal]] = {}
    for iri, gid in ends.items():
        values.setdefault(gid, []).extend(predicted[iri].values.get(key, []))
    found = set(matching.values())
    correct, wrong, missing, unexpected = 0, [], [], []
    total = 0
    for ge in gold.entities.values():
        if key not in ge.attrs or (not ge.required and ge.id not in found):
            continue
        total += 1
        want = Decimal(str(ge.attrs[key]))
        got = values.get(ge.id, [])
        if got and all(abs(v - want) <= TOLERANCE * abs(want) for v in got):
            correct += 1
        elif got:
            wrong.append({"entity": ge.name, "gold": float(want), "predicted": [float(v) for v in got]})
        else:
            missing.append({"entity": ge.name, "gold": float(want)})
    for iri, p in predicted.items():
        gid = ends.get(iri)
        if p.values.get(key) and (gid is None or key not in gold.entities[gid].attrs):
            unexpected.append({"entity": p.label, "predicted": [float(v) for v in p.values[key]]})
    return {"total": total, "correct": correct, "accuracy": correct / total if total else None,
            "wrong": wrong, "missing": missing, "unexpected": unexpected}


# ------------------------------------------------------------------ one article
def score_graph(gold: Gold, graph: Graph, text: str) -> dict[str, Any]:
    """All figures for one article from its RDF graph and its decoded text."""
    predicted = predicted_entities(graph)
    matching = match_entities(gold, predicted)
    typed = match_entities(gold, predicted, typed=True)
    is_cadre = lambda g: g.type == "Cadre"  # noqa: E731
    cadres = {iri: p for iri, p in predicted.items() if p.cls == "Cadre"}
    cadre_matching = match_entities(gold, cadres, gold_filter=is_cadre)
    result: dict[str, Any] = {
        "entities": {
            "untyped": _entity_score(gold, predicted, matching),
            "typed": _entity_score(gold, predicted, typed),
            "cadre": _entity_score(gold, cadres, cadre_matching, gold_filter=is_cadre),
        },
    }
    ends = _relation_ends(gold, predicted, matching)
    rel, rel_details = _relation_score(gold, graph, predicted, ends, text)
    result |= rel
    alone, nodes = isolated_nodes(graph)
    result["isolated"] = {"isolated": alone, "nodes": nodes, "share": alone / nodes if nodes else None}
    for name, key, _ in _ATTRS:
        result[name] = _attribute_score(gold, predicted, matching, ends, key)
    result["details"] = _entity_details(gold, predicted, matching, typed) | rel_details
    return result


# ------------------------------------------------------------------ corpus
def evaluate(gold_dir: str | Path, corpus_dir: str | Path, articles: Iterable[str] | None = None,
             corrections: bool = True) -> dict:
    """Build every gold-annotated article of `corpus_dir` through the pipeline and score it
    (with the corpus' corrections.yaml applied, unless `corrections` is False)."""
    from . import corrections as fixes
    from .graph import document_graph
    from .pipeline import process_file

    wanted = set(articles) if articles else None
    per_article: dict[str, dict] = {}
    errors: dict[str, str] = {}
    built: list[tuple[str, Any, Graph, str]] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        stem = gold_path.stem
        if wanted and stem not in wanted:
            continue
        gold = load_gold(gold_path)
        source = _corpus_file(Path(corpus_dir), gold.document or stem, stem)
        if source is None:
            errors[stem] = f"no article {gold.document or stem!r} in {corpus_dir}"
            continue
        try:
            doc = process_file(source)
            graph, text = document_graph(doc), doc.text
        except Exception as exc:  # noqa: BLE001 — a failing article scores as empty, the rest go on
            errors[stem] = f"{type(exc).__name__}: {exc}"
            graph, text = Graph(), ""
        built.append((stem, gold, graph, text))
    path = fixes.find([corpus_dir]) if corrections else None
    if path is not None:
        fixes.apply_to_graphs([g for _, _, g, _ in built], fixes.load(path))
    for stem, gold, graph, text in built:
        per_article[stem] = score_graph(gold, graph, text)
    for stem in sorted((wanted or set()) - set(per_article) - set(errors)):
        errors[stem] = f"no gold file {stem}.json in {gold_dir}"
    return {"articles": per_article, "overall": overall(per_article.values()), "errors": errors}


def find_sets(root: str | Path) -> list[tuple[Path, Path]]:
    """Every (gold, corpus) pair of folders under `root`: a folder holding both a `gold` and a
    `corpus` folder is one set (../shared holds two: gold+corpus and real/gold+real/corpus)."""
    root = Path(root)
    found = []
    for gold in sorted([root / "gold", *root.rglob("gold")]):
        if gold.is_dir() and (gold.parent / "corpus").is_dir() and (gold, gold.parent / "corpus") not in found:
            found.append((gold, gold.parent / "corpus"))
    return found


def evaluate_sets(sets: Iterable[tuple[str | Path, str | Path]], corrections: bool = True) -> dict:
    """Several gold/corpus pairs scored as one development set: per set, and overall over all
    articles (an article is named `<set>/<stem>` where two sets are given)."""
    sets = [(Path(g), Path(c)) for g, c in sets]
    results = {str(g.parent): evaluate(g, c, corrections=corrections) for g, c in sets}
    if len(results) == 1:
        return next(iter(results.values()))
    articles, errors = {}, {}
    for name, r in results.items():
        prefix = Path(name).name or name
        articles |= {f"{prefix}/{stem}": s for stem, s in r["articles"].items()}
        errors |= {f"{prefix}/{stem}": e for stem, e in r["errors"].items()}
    return {"articles": articles, "overall": overall(articles.values()), "errors": errors,
            "sets": {name: r["overall"] for name, r in results.items()}}


def _corpus_file(corpus: Path, document: str, stem: str) -> Path | None:
    direct = corpus / document
    if direct.is_file():
        return direct
    candidates = sorted(p for p in corpus.glob(f"{stem}.*") if p.is_file())
    return candidates[0] if candidates else None


def overall(scores: Iterable[dict]) -> dict[str, Any]:
    """Micro-averages: the per-article counts summed, ratios recomputed."""
    scores = list(scores)
    total = lambda path, key: sum(_get(s, path)[key] for s in scores)  # noqa: E731
    result: dict[str, Any] = {"articles": len(scores), "entities": {}}
    for kind in ("untyped", "typed", "cadre"):
        path = ("entities", kind)
        c = {k: total(path, k) for k in ("predicted", "required", "found_required", "found_optional")}
        result["entities"][kind] = c | _prf(c["found_required"], c["predicted"] - c["found_optional"], c["required"])
    result["relations"] = _rel_prf({k: total(("relations",), k) for k in _REL_COUNTS})
    result["families"] = {p: _rel_prf({k: total(("families", p), k) for k in _REL_COUNTS}) for p in RELATIONS}
    rules: dict[str, dict] = {}
    for s in scores:
        for method, r in s["rules"].items():
            into = rules.setdefault(method, {"hits": 0, "correct": 0, "neutral": 0, "outside": 0, "wrong": 0,
                                             "found": [], "wrong_triples": []})
            for k, v in r.items():
                into[k] += v
    for r in rules.values():
        judged = r["hits"] - r["neutral"] - r["outside"]
        r["precision"] = r["correct"] / judged if judged else None
    result["rules"] = dict(sorted(rules.items(), key=lambda kv: (-kv[1]["hits"], kv[0])))
    alone, nodes = total(("isolated",), "isolated"), total(("isolated",), "nodes")
    result["isolated"] = {"isolated": alone, "nodes": nodes, "share": alone / nodes if nodes else None}
    for name, _, _ in _ATTRS:
        t, ok = total((name,), "total"), total((name,), "correct")
        result[name] = {"total": t, "correct": ok, "accuracy": ok / t if t else None}
    t, ok = total(("evidence",), "triples"), total(("evidence",), "covered")
    result["evidence"] = {"triples": t, "covered": ok, "coverage": ok / t if t else None}
    return result


def _get(d: dict, path: tuple[str, ...]) -> dict:
    for key in path:
        d = d[key]
    return d
