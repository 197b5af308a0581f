"""Corrections a reader keeps beside the corpus and every build applies: `corrections.yaml`.

One correction per line, a YAML list of flow mappings (the viewer copies such a line for a node):

    - {merge: 东川能源, into: 东川能源集团}           # two nodes are one: the first goes into the second
    - {rename: 青松县商会, to: 青松县工商业联合会}     # the node's name (the old one stays as an alias)
    - {retype: 青松县商会, to: Organization}          # the node's class (an aid class name)
    - {delete: 某某公司}                              # the node and every relation it has
    - {reject: [东川省, fundedBy, 青松县第一小学]}      # one relation (every sentence that states it)

A node is named by its Simplified label, any of its other names, or its IRI (`https://w3id.org/aidkg/
id/org/…` or just `org/…`). Corrections are applied to the article graphs after extraction, so they
survive every rebuild: a statement whose subject or object a merge changed is marked
`aid:extractionMethod "curated"` with the line in `aid:curation`, as is a renamed or retyped node.
A line that names no node is reported, not fatal; a line that cannot be read stops with its number.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .english import pinyin_name
from .vocab import AID, ALL_RELATIONS, ENTITY_CLASSES, ID

FILE_NAMES = ("corrections.yaml", "corrections.yml")
OPERATIONS = {"merge": "into", "rename": "to", "retype": "to", "delete": None, "reject": None}
CURATED = "curated"


class CorrectionsError(ValueError):
    """The corrections file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Correction:
    op: str                     # merge | rename | retype | delete | reject
    node: str                   # the node (for reject: the subject)
    value: str | None = None    # merge: the node it goes into; rename: the name; retype: the class
    predicate: str | None = None   # reject: the relation
    object: str | None = None      # reject: the object
    line: str = ""              # the line as written (provenance)
    where: str = ""             # file:line


@dataclass
class Corrections:
    items: list[Correction] = field(default_factory=list)
    path: Path | None = None

    @property
    def lines(self) -> list[str]:
        return [c.line for c in self.items]

    def digest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.lines)).encode("utf-8")).hexdigest()

    def __bool__(self) -> bool:
        return bool(self.items)


# ---------------------------------------------------------------- reading

def find(paths: Iterable[str | Path]) -> Path | None:
    """The corrections file beside the corpus: in a folder given, or beside a file given."""
    for p in paths:
        p = Path(p)
        folder = p if p.is_dir() else p.parent
        for name in FILE_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def load(path: str | Path) -> Corrections:
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read ({exc})") from exc
    items = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        where = f"{path}:{n}"
        try:
            parsed = yaml.safe_load(line)
        except yaml.YAMLError as exc:
            raise CorrectionsError(f"{where}: not a YAML line ({str(exc).splitlines()[0]})") from exc
        if not (isinstance(parsed, list) and len(parsed) == 1 and isinstance(parsed[0], dict)):
            raise CorrectionsError(f"{where}: write one correction per line as '- {{op: node, …}}'")
        items.append(_correction(parsed[0], line, where))
    return Corrections(items, path)


def _correction(d: dict, line: str, where: str) -> Correction:
    ops = [k for k in d if k in OPERATIONS]
    if len(ops) != 1:
        raise CorrectionsError(f"{where}: one of {', '.join(OPERATIONS)} expected, got {', '.join(map(str, d)) or 'nothing'}")
    op = ops[0]
    if op == "reject":
        triple = d[op]
        if not (isinstance(triple, list) and len(triple) == 3 and all(isinstance(x, str) for x in triple)):
            raise CorrectionsError(f"{where}: reject wants [subject, relation, object]")
        if triple[1] not in ALL_RELATIONS:
            raise CorrectionsError(f"{where}: unknown relation {triple[1]!r}: one of {', '.join(ALL_RELATIONS)}")
        return Correction(op, triple[0].strip(), predicate=triple[1], object=triple[2].strip(), line=line, where=where)
    node = d[op]
    if not isinstance(node, str) or not node.strip():
        raise CorrectionsError(f"{where}: {op} wants a node name or IRI")
    extra = OPERATIONS[op]
    value = d.get(extra) if extra else None
    if extra and (not isinstance(value, str) or not value.strip()):
        raise CorrectionsError(f"{where}: {op} wants '{extra}: …'")
    if op == "retype" and value not in ENTITY_CLASSES:
        raise CorrectionsError(f"{where}: unknown class {value!r}: one of {', '.join(ENTITY_CLASSES)}")
    return Correction(op, node.strip(), value.strip() if value else None, line=line, where=where)


def line_for(op: str, node: str, value: str | None = None) -> str:
    """The one line a reader pastes into corrections.yaml (also built by the viewer)."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 — a YAML flow scalar
    extra = OPERATIONS[op]
    return "- {" + f"{op}: {q(node)}" + (f", {extra}: {q(value)}" if extra else "") + "}"


# ---------------------------------------------------------------- naming nodes

class NameIndex:
    """Names and IRIs of the entities of a graph (the store's union, or several article graphs)."""

    def __init__(self, graphs: Iterable[Graph]):
        self.names: dict[str, set[URIRef]] = {}
        self.labels: dict[URIRef, Literal] = {}
        self.types: dict[URIRef, set[URIRef]] = {}
        classes = {AID[c] for c in ENTITY_CLASSES}
        for g in graphs:
            for s, o in g.subject_objects(RDF.type):
                if o in classes and isinstance(s, URIRef):
                    self.types.setdefault(s, set()).add(o)
            for pred in (RDFS.label, SKOS.altLabel):
                for s, o in g.subject_objects(pred):
                    if isinstance(o, Literal) and isinstance(s, URIRef):
                        self.names.setdefault(str(o), set()).add(s)
                        if pred == RDFS.label and o.language == "zh-Hans":
                            self.labels.setdefault(s, o)

    def resolve(self, ref: str) -> list[URIRef]:
        if ref.startswith("http://") or ref.startswith("https://"):
            return [URIRef(ref)] if URIRef(ref) in self.types else []
        if URIRef(str(ID) + ref) in self.types:
            return [URIRef(str(ID) + ref)]
        found = self.names.get(ref, set()) & set(self.types)
        # a node whose canonical label this is wins over one that only has it as an alias
        exact = [n for n in found if str(self.labels.get(n, "")) == ref]
        return sorted(exact or found)


@dataclass
class Plan:
    """The corrections with their nodes resolved: what to do to any graph that holds them."""
    merges: dict[URIRef, tuple[URIRef, Correction]] = field(default_factory=dict)
    renames: dict[URIRef, tuple[str, Correction]] = field(default_factory=dict)
    retypes: dict[URIRef, tuple[URIRef, Correction]] = field(default_factory=dict)
    deletes: dict[URIRef, Correction] = field(default_factory=dict)
    rejects: list[tuple[URIRef, URIRef, URIRef, Correction]] = field(default_factory=list)
    labels: dict[URIRef, Literal] = field(default_factory=dict)     # merge targets: their label
    types: dict[URIRef, set[URIRef]] = field(default_factory=dict)  # merge targets: their class
    notes: list[str] = field(default_factory=list)

    def nodes(self) -> set[URIRef]:
        out = set(self.merges) | set(self.renames) | set(self.retypes) | set(self.deletes)
        out |= {x for s, _, o, _ in self.rejects for x in (s, o)}
        return out


def plan(corrections: Corrections, index: NameIndex) -> Plan:
    p = Plan()

    def one(ref: str, c: Correction) -> URIRef | None:
        found = index.resolve(ref)
        if not found:
            p.notes.append(f"{c.where}: no node named {ref!r} (correction not applied)")
            return None
        if len(found) > 1:
            p.notes.append(f"{c.where}: {ref!r} names {len(found)} nodes; give the IRI ({', '.join(map(str, found[:3]))})")
            return None
        return found[0]

    for c in corrections.items:
        node = one(c.node, c)
        if node is None:
            continue
        if c.op == "merge":
            if not index.resolve(c.value) and "/" not in c.value:
                # into a node no graph at hand holds (an article not built here): take its name
                p.renames[node] = (c.value, c)
                continue
            target = one(c.value, c)
            if target is not None and target != node:
                p.merges[node] = (target, c)
                p.labels[target] = index.labels.get(target, Literal(c.value, lang="zh-Hans"))
                p.types[target] = index.types.get(target, set())
        elif c.op == "rename":
            p.renames[node] = (c.value, c)
        elif c.op == "retype":
            p.retypes[node] = (AID[c.value], c)
        elif c.op == "delete":
            p.deletes[node] = c
        else:
            obj = one(c.object, c)
            if obj is not None:
                p.rejects.append((node, AID[c.predicate], obj, c))
    # a merge into a node that is itself merged goes all the way
    for node, (target, c) in list(p.merges.items()):
        seen = {node}
        while target in p.merges and target not in seen:
            seen.add(target)
            target = p.merges[target][0]
        p.merges[node] = (target, c)
        p.labels.setdefault(target, index.labels.get(target, Literal(str(target), lang="zh-Hans")))
        p.types.setdefault(target, index.types.get(target, set()))
    return p


# ---------------------------------------------------------------- applying

def apply(g: Graph, p: Plan) -> bool:
    """Apply the plan to one article graph in place; whether anything changed."""
    classes = {AID[c] for c in ENTITY_CLASSES}
    before = len(g)
    changed = False
    # reject: the triple and the statements that state it (a pairing in either direction, and the
    # direction that entails it)
    for s, pred, o, c in p.rejects:
        triples = [(s, pred, o)]
        if pred in (AID.pairedWith, AID.supports):
            triples += [(o, pred, s), (s, AID.supports if pred == AID.pairedWith else AID.pairedWith, o),
                        (o, AID.supports if pred == AID.pairedWith else AID.pairedWith, s)]
        for t in triples:
            if t in g:
                changed = True
            g.remove(t)
            for st in list(g.subjects(RDF.subject, t[0])):
                if (st, RDF.predicate, t[1]) in g and (st, RDF.object, t[2]) in g:
                    g.remove((st, None, None))
                    changed = True
    # delete: the node, its relations and their statements; money keeps its figure, not the party
    for node in p.deletes:
        if (node, None, None) not in g and (None, None, node) not in g:
            continue
        changed = True
        for st in set(g.subjects(RDF.subject, node)) | set(g.subjects(RDF.object, node)) | set(
                g.subjects(AID.mentionOf, node)):
            g.remove((st, None, None))
        g.remove((node, None, None))
        g.remove((None, None, node))
    # merge: every triple of the node moves to its target; its names become the target's aliases
    for node, (target, c) in p.merges.items():
        if (node, None, None) not in g and (None, None, node) not in g:
            continue
        changed = True
        for pred, obj in list(g.predicate_objects(node)):
            g.remove((node, pred, obj))
            if pred == RDFS.label:
                if (getattr(obj, "language", None) or "").lower().startswith("zh-han"):
                    g.add((target, SKOS.altLabel, obj))   # its English and pinyin names go with it
            elif pred == RDF.type and obj in classes:
                continue
            else:
                g.add((target, pred, obj))
        for subj, pred in list(g.subject_predicates(node)):
            g.remove((subj, pred, node))
            g.add((subj, pred, target))
            if pred in (RDF.subject, RDF.object):
                _curate(g, subj, c)
        g.add((target, RDFS.label, p.labels[target]))
        g.add((target, RDFS.label, Literal(pinyin_name(str(p.labels[target])), lang="zh-Latn-pinyin")))
        for t in p.types.get(target) or ():
            g.add((target, RDF.type, t))
        g.add((target, AID.curation, Literal(c.line)))
        g.remove((target, SKOS.altLabel, p.labels[target]))
    for node, (name, c) in p.renames.items():
        if (node, RDF.type, None) not in g:
            continue
        for lit in list(g.objects(node, RDFS.label)):
            lang = (lit.language or "").lower()
            if str(lit) != name and lang.startswith("zh-han"):
                g.remove((node, RDFS.label, lit))
                g.add((node, SKOS.altLabel, lit))
            elif lang == "zh-latn-pinyin":   # the pinyin of the old name goes with it
                g.remove((node, RDFS.label, lit))
        g.add((node, RDFS.label, Literal(pinyin_name(name), lang="zh-Latn-pinyin")))
        if (node, RDFS.label, Literal(name, lang="zh-Hans")) not in g:
            changed = True
        g.add((node, RDFS.label, Literal(name, lang="zh-Hans")))
        g.remove((node, SKOS.altLabel, Literal(name, lang="zh-Hans")))
        g.add((node, AID.curation, Literal(c.line)))
    for node, (cls, c) in p.retypes.items():
        if (node, RDF.type, None) not in g:
            continue
        if (node, RDF.type, cls) not in g:
            changed = True
        for t in list(g.objects(node, RDF.type)):
            if t in classes:
                g.remove((node, RDF.type, t))
        g.add((node, RDF.type, cls))
        g.add((node, AID.curation, Literal(c.line)))
    # a relation a merge turned into a loop (A partOf B, A merged into B) says nothing
    for s, pred, o in list(g):
        if s == o and pred in {AID[r] for r in ALL_RELATIONS}:
            g.remove((s, pred, o))
            for st in list(g.subjects(RDF.subject, s)):
                if (st, RDF.predicate, pred) in g and (st, RDF.object, s) in g:
                    g.remove((st, None, None))
    return changed or len(g) != before


def _curate(g: Graph, statement, c: Correction) -> None:
    if (statement, RDF.type, RDF.Statement) in g:
        g.remove((statement, AID.extractionMethod, None))
        g.add((statement, AID.extractionMethod, Literal(CURATED)))
        g.add((statement, AID.curation, Literal(c.line)))


def apply_to_graphs(graphs: list[Graph], corrections: Corrections) -> list[str]:
    """Apply to article graphs held in memory (aidkg eval): nodes are named across all of them."""
    p = plan(corrections, NameIndex(graphs))
    for g in graphs:
        apply(g, p)
    return p.notes


# ---------------------------------------------------------------- the store

RECORD_GRAPH = "https://w3id.org/aidkg/graph/corrections"


def applied_lines(store) -> set[str]:
    """The correction lines the last build applied (kept in the store's corrections graph)."""
    if RECORD_GRAPH not in store.graphs():
        return set()
    return {str(o) for o in store.graph(RECORD_GRAPH).objects(None, AID.curation)}


def _store_index(store) -> NameIndex:
    q = """SELECT ?s ?c ?p ?name WHERE {
      ?s a ?c . FILTER(STRSTARTS(STR(?c), "https://w3id.org/aidkg/ontology#"))
      OPTIONAL { ?s ?p ?name . FILTER(?p IN (rdfs:label, skos:altLabel)) } }"""
    g = Graph()
    for row in store.query(q):
        s, c = URIRef(row["s"].value), URIRef(row["c"].value)
        g.add((s, RDF.type, c))
        if row["name"] is not None:
            lang = getattr(row["name"], "language", None)
            g.add((s, URIRef(row["p"].value), Literal(row["name"].value, lang=lang)))
    return NameIndex([g])


def apply_to_store(store, corrections: Corrections) -> list[str]:
    """Apply the corrections to every article graph of the store that holds a node they name,
    and record the lines applied. Returns notes (lines that name no node)."""
    p = plan(corrections, _store_index(store))
    nodes = p.nodes()
    touched: list[str] = []
    if nodes:
        values = " ".join(f"<{n}>" for n in sorted(nodes))
        q = f"""SELECT DISTINCT ?g WHERE {{ VALUES ?n {{ {values} }}
                 GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?x ?q ?n }} }}
                 FILTER(STRSTARTS(STR(?g), "https://w3id.org/aidkg/graph/article/")) }}"""
        touched = sorted(row["g"].value for row in store.query(q))
    for giri in touched:
        g = store.graph(giri)
        if apply(g, p):
            store.replace_article(giri, g)
    record = Graph()
    node = URIRef(RECORD_GRAPH)
    for line in corrections.lines:
        record.add((node, AID.curation, Literal(line)))
    if corrections.path is not None:
        record.add((node, RDFS.comment, Literal(f"corrections applied from {corrections.path}", lang="en")))
    store.replace_graph(RECORD_GRAPH, record)
    return p.notes
