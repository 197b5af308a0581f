"""ontology/shapes.ttl compiled once into SPARQL SELECTs that find the same results pyshacl does.

pyshacl (pure Python) cost more than extraction itself, a quarter of it recompiling the shapes
for every article. Here each constraint of the shapes file becomes one query over a dataset of
article graphs, scoped with `GRAPH ?g`, so one run checks a whole batch of articles exactly as if
each article graph had been validated on its own. The shapes file stays the single source of
truth; the compiler knows the SHACL Core constraints the file uses and refuses any other, so a new
kind of constraint fails loudly instead of being skipped (tests compare every result with pyshacl).

Each query answers ?g (the article graph), ?focus and, for value constraints, ?value.
"""
from __future__ import annotations

import functools
import itertools
import json
import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

SH = Namespace("http://www.w3.org/ns/shacl#")

# shape-level predicates that are bookkeeping, not constraints
_NOT_CONSTRAINTS = {RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf,
                    SH.targetObjectsOf, SH.property, SH.severity, SH.message, SH.path, SH.name,
                    SH.description}
_VALUE_CONSTRAINTS = {SH.nodeKind, SH.datatype, SH.pattern, SH.minInclusive, SH["in"], SH["class"],
                      SH.node, SH.languageIn, SH["or"]}
_COUNT_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount,
                      SH.qualifiedMaxCount}
_PAIR_CONSTRAINTS = {SH.lessThan}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
}
# rdflib marks a typed literal whose lexical form does not parse as ill-typed, and pyshacl then
# reports it; a cast back to the same datatype fails in SPARQL for the same literals
_CASTABLE = {XSD.decimal, XSD.integer, XSD.date, XSD.dateTime, XSD.boolean, XSD.double, XSD.float}


class UnsupportedShape(ValueError):
    """The shapes file uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    shape: str                 # the shape the constraint belongs to (for messages about the check)
    severity: str              # "Violation" | "Warning" | "Info"
    message: str
    path: str | None           # the property path (an IRI) of a property shape, else None
    query: str                 # SELECT ?g ?focus [?value]
    has_value: bool


def _sparql(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = json.dumps(str(term), ensure_ascii=False)
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    raise UnsupportedShape(f"cannot write {term!r} in a query")


def _python_regex(pattern: str) -> str:
    """pyshacl matches with Python's re, whose `$` also matches before a final newline."""
    out, escaped = [], False
    for ch in pattern:
        if ch == "$" and not escaped:
            out.append("(?:\\n?$)")
        else:
            out.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(out)


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: bool):
        self.g = shapes
        self._vars = itertools.count()
        # pyshacl follows rdfs:subClassOf in the data graph for sh:class and sh:targetClass; the
        # path costs twice the plain look-up, so it is compiled in only for data that has one
        self.type_path = "rdf:type/rdfs:subClassOf*" if subclasses else "rdf:type"

    def fresh(self) -> str:
        return f"?_v{next(self._vars)}"

    def one(self, node, pred):
        values = list(self.g.objects(node, pred))
        if len(values) > 1:
            raise UnsupportedShape(f"{node}: more than one {pred}")
        return values[0] if values else None

    def items(self, node, pred) -> list:
        lst = self.one(node, pred)
        return list(Collection(self.g, lst)) if lst is not None else []

    def short(self, node) -> str:
        return self.g.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)

    # --- what a value must satisfy -----------------------------------------------------------
    def ok(self, shape, pred, rule, v: str) -> str:
        """A SPARQL expression, never an error, true when value `v` meets `pred rule` of `shape`."""
        if pred == SH.nodeKind:
            if rule not in _NODE_KINDS:
                raise UnsupportedShape(f"sh:nodeKind {rule}")
            expr = _NODE_KINDS[rule].format(v=v)
        elif pred == SH.datatype:
            expr = self.datatype_ok(rule, v)
        elif pred == SH.pattern:
            if self.one(shape, SH.flags) is not None:
                raise UnsupportedShape("sh:flags")
            expr = f"(!isBlank({v}) && REGEX(STR({v}), {json.dumps(_python_regex(str(rule)), ensure_ascii=False)}))"
        elif pred == SH.minInclusive:
            expr = f"({v} >= {_sparql(rule)})"
        elif pred == SH["in"]:
            members = list(Collection(self.g, rule))
            expr = "(" + (" || ".join(f"sameTerm({v}, {_sparql(m)})" for m in members) or "false") + ")"
        elif pred == SH["class"]:
            expr = f"EXISTS {{ {v} {self.type_path} {_sparql(rule)} }}"
        elif pred == SH.node:
            expr = self.conforms(rule, v)
        elif pred == SH.languageIn:
            tags = ", ".join(json.dumps(str(t).lower(), ensure_ascii=False) for t in Collection(self.g, rule))
            expr = (f"(isLiteral({v}) && LANG({v}) != \"\" && (LCASE(LANG({v})) IN ({tags}) || "
                    f"LCASE(STRBEFORE(CONCAT(LANG({v}), \"-\"), \"-\")) IN ({tags})))")
        elif pred == SH["or"]:
            expr = "(" + " || ".join(self.conforms(m, v) for m in Collection(self.g, rule)) + ")"
        else:
            raise UnsupportedShape(f"{self.short(pred)} as a value constraint")
        return f"COALESCE({expr}, false)"

    def datatype_ok(self, dt, v: str) -> str:
        if dt == XSD.string:
            return f"(isLiteral({v}) && LANG({v}) = \"\" && sameTerm(DATATYPE({v}), xsd:string))"
        if dt == RDF.langString:
            return f"(isLiteral({v}) && LANG({v}) != \"\")"
        if dt in _CASTABLE:
            short = f"<{dt}>"
            return (f"(isLiteral({v}) && sameTerm(DATATYPE({v}), {short}) && "
                    f"sameTerm(DATATYPE({short}(STR({v}))), {short}))")
        return f"(isLiteral({v}) && sameTerm(DATATYPE({v}), <{dt}>))"

    def conforms(self, shape, v: str) -> str:
        """True when `v` conforms to `shape` (used by sh:node and sh:or members): the shapes file
        uses them for class membership and 'has at least one value' only."""
        parts = []
        for pred, rule in self.g.predicate_objects(shape):
            if pred in (RDF.type, RDFS.comment, SH.path, SH.severity, SH.message):
                continue
            if pred == SH.property:
                parts.append(self.conforms(rule, v))
            elif pred == SH.minCount and self.one(shape, SH.path) is not None:
                if int(rule) != 1:
                    raise UnsupportedShape("sh:minCount other than 1 inside sh:node/sh:or")
                parts.append(f"EXISTS {{ {v} {_sparql(self.one(shape, SH.path))} {self.fresh()} }}")
            elif pred == SH.qualifiedMinCount:
                if int(rule) != 1:
                    raise UnsupportedShape("sh:qualifiedMinCount other than 1 inside sh:node/sh:or")
                q = self.fresh()
                qual = self.qualifier(self.one(shape, SH.qualifiedValueShape), q)
                parts.append(f"EXISTS {{ {v} {_sparql(self.one(shape, SH.path))} {q} FILTER({qual}) }}")
            elif pred == SH.qualifiedValueShape:
                continue
            elif pred in _VALUE_CONSTRAINTS and self.one(shape, SH.path) is None:
                parts.append(self.ok(shape, pred, rule, v))
            else:
                raise UnsupportedShape(f"{self.short(pred)} inside a shape used by sh:node/sh:or")
        return "(" + (" && ".join(parts) or "true") + ")"

    def qualifier(self, shape, v: str) -> str:
        parts = []
        for pred, rule in self.g.predicate_objects(shape):
            if pred == RDF.type:
                continue
            if pred not in _VALUE_CONSTRAINTS:
                raise UnsupportedShape(f"{self.short(pred)} in a sh:qualifiedValueShape")
            parts.append(self.ok(shape, pred, rule, v))
        return " && ".join(parts) or "true"

    # --- targets and queries -----------------------------------------------------------------
    def targets(self, shape) -> str | None:
        groups = []
        classes = list(self.g.objects(shape, SH.targetClass))
        if classes:
            values = " ".join(_sparql(c) for c in classes)
            # pyshacl also targets instances of sub-classes declared in the data graph
            groups.append(f"{{ VALUES ?_tc {{ {values} }} ?focus {self.type_path} ?_tc }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            groups.append(f"{{ ?focus {_sparql(p)} [] }}")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            groups.append(f"{{ [] {_sparql(p)} ?focus }}")
        return " UNION ".join(groups) if groups else None

    def severity_and_message(self, shape) -> tuple[str, str | None]:
        sev = self.one(shape, SH.severity) or SH.Violation
        msg = self.one(shape, SH.message)
        return str(sev).rsplit("#", 1)[-1], (str(msg) if msg is not None else None)

    def default_message(self, pred, rule) -> str:
        # pyshacl's own wording, for constraints the shapes file gives no sh:message
        if pred == SH.nodeKind:
            return f"Value is not of Node Kind {self.short(rule)}"
        if pred == SH.datatype:
            return f"Value is not Literal with datatype {self.short(rule)}"
        if pred == SH["class"]:
            return f"Value does not have class {self.short(rule)}"
        raise UnsupportedShape(f"{self.short(pred)} without sh:message (give the constraint one)")

    def node_shape(self, shape) -> list[Check]:
        targets = self.targets(shape)
        if targets is None:
            return []      # helper shapes, used through sh:node
        name = self.short(shape)
        severity, message = self.severity_and_message(shape)
        checks = []
        for pred, rule in self.g.predicate_objects(shape):
            if pred in _NOT_CONSTRAINTS:
                continue
            if pred == SH.sparql:
                checks.append(self.sparql_constraint(name, rule, targets, severity, message))
                continue
            if pred not in _VALUE_CONSTRAINTS:
                raise UnsupportedShape(f"{name}: {self.short(pred)} on a node shape")
            q = (f"SELECT DISTINCT ?g ?focus WHERE {{ GRAPH ?g {{ {targets} "
                 f"FILTER(!{self.ok(shape, pred, rule, '?focus')}) }} }}")
            checks.append(Check(name, severity, message or self.default_message(pred, rule), None, q, False))
        for prop in self.g.objects(shape, SH.property):
            checks += self.property_shape(name, prop, targets)
        return checks

    def sparql_constraint(self, name: str, node, targets: str, severity: str, message: str | None) -> Check:
        """A SHACL-SPARQL constraint: its SELECT, with $this bound to each focus node, as a subquery."""
        for pred in self.g.predicates(node, None):
            if pred not in (RDF.type, SH.select, SH.message, RDFS.comment):
                raise UnsupportedShape(f"{name}: {self.short(pred)} on a sh:sparql constraint")
        select = str(self.one(node, SH.select))
        if re.search(r"[?$]path\b", select) or "{" in (message or ""):
            raise UnsupportedShape(f"{name}: ?path or message templates in a sh:sparql constraint")
        own = self.one(node, SH.message)
        select = re.sub(r"[?$]this\b", "?focus", select)
        has_value = re.search(r"[?$]value\b", select) is not None
        q = (f"SELECT DISTINCT ?g ?focus {'?value' if has_value else ''} WHERE {{ GRAPH ?g {{ {targets} "
             f"{{ {select} }} }} }}")
        return Check(name, severity, str(own) if own is not None else (message or "constraint not met"),
                     None, q, has_value)

    def property_shape(self, name: str, prop, targets: str) -> list[Check]:
        path = self.single_path(name, prop)
        p = _sparql(path)
        severity, message = self.severity_and_message(prop)
        checks = []

        def check(pred, rule, query, has_value):
            checks.append(Check(name, severity, message or self.default_message(pred, rule), str(path),
                                query, has_value))

        def counted(cond: str, having: str, pred, rule):
            v = "?_c"
            opt = f"OPTIONAL {{ ?focus {p} {v} {f'FILTER({cond})' if cond else ''} }}"
            check(pred, rule, f"SELECT ?g ?focus WHERE {{ GRAPH ?g {{ {targets} {opt} }} }} "
                              f"GROUP BY ?g ?focus HAVING (COUNT(DISTINCT {v}) {having})", False)

        for pred, rule in self.g.predicate_objects(prop):
            if pred in _NOT_CONSTRAINTS or pred == SH.qualifiedValueShape:
                continue
            if pred in _VALUE_CONSTRAINTS:
                q = (f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ {targets} "
                     f"?focus {p} ?value FILTER(!{self.ok(prop, pred, rule, '?value')}) }} }}")
                check(pred, rule, q, True)
            elif pred == SH.minCount:
                counted("", f"< {int(rule)}", pred, rule)
            elif pred == SH.maxCount:
                counted("", f"> {int(rule)}", pred, rule)
            elif pred in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
                if self.one(prop, SH.qualifiedValueShapesDisjoint) is not None:
                    raise UnsupportedShape("sh:qualifiedValueShapesDisjoint")
                qual = self.qualifier(self.one(prop, SH.qualifiedValueShape), "?_c")
                op = "<" if pred == SH.qualifiedMinCount else ">"
                counted(qual, f"{op} {int(rule)}", pred, rule)
            elif pred == SH.lessThan:
                q = (f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ {targets} "
                     f"?focus {p} ?value . ?focus {_sparql(rule)} ?_other "
                     f"FILTER(!COALESCE(?value < ?_other, false)) }} }}")
                check(pred, rule, q, True)
            else:
                raise UnsupportedShape(f"{name}: {self.short(pred)} on a property shape")
        return checks

    def shapes(self) -> set:
        """The node shapes: declared, or implied by a target."""
        shapes = set(self.g.subjects(RDF.type, SH.NodeShape))
        shapes |= {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
                   for s in self.g.subjects(p, None)}
        return shapes

    def single_path(self, name: str, prop) -> URIRef:
        path = self.one(prop, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"{name}: only single-predicate sh:path is supported")
        return path

    def compile(self) -> list[Check]:
        shapes = self.shapes()
        for s in shapes:
            for p in self.g.predicates(s, None):
                if p in (SH.targetNode, SH.deactivated, SH.closed, SH.rule, SH.target):
                    raise UnsupportedShape(f"{self.short(s)}: {self.short(p)}")
        checks = []
        for s in sorted(shapes, key=str):
            if isinstance(s, BNode):
                raise UnsupportedShape("a targeted blank-node shape")
            checks += self.node_shape(s)
        return checks


def compile_shapes(shapes: Graph, subclasses: bool = True) -> list[Check]:
    """Every constraint of `shapes` as a query; UnsupportedShape for SHACL this does not translate.
    subclasses=False: for data without rdfs:subClassOf triples (article graphs have none)."""
    return _Compiler(shapes, subclasses).compile()


@functools.cache
def shape_checks(subclasses: bool = False) -> tuple[Check, ...]:
    from .validate import shapes_graph
    return tuple(compile_shapes(shapes_graph(), subclasses))


HAS_SUBCLASSES = "ASK { GRAPH ?g { ?a rdfs:subClassOf ?b } }"


# Relation triples and their rdf:Statements must describe each other (aidkg.validate explains why
# this is not a SHACL-SPARQL constraint). Same checks, over a dataset.
RELATION_VALUES = "VALUES ?p { %s }"

UNASSERTED_STATEMENTS = """
SELECT ?g ?focus ?s ?p ?o WHERE { GRAPH ?g {
  ?focus rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER NOT EXISTS { ?s ?p ?o }
  FILTER NOT EXISTS { ?o ?p ?s FILTER(sameTerm(?p, aid:pairedWith)) } } }"""

UNSTATED_RELATIONS = """
SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { %s ?s ?p ?o .
  FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
  FILTER NOT EXISTS { ?st2 rdf:subject ?o ; rdf:predicate ?p ; rdf:object ?s FILTER(sameTerm(?p, aid:pairedWith)) } } }"""
