"""ontology/shapes.ttl compiled once into Python checks run over each article's quads.

The SPARQL form of the shapes (aidkg.shape_checks) runs ~130 queries over each batch of article
graphs: ~12 ms an article, a seventh of a full build (bench/README.md, Build CPU), nearly all of it
the queries' evaluation over a few thousand statements. The same constraints as Python functions
over an index of one article's quads (subject → predicate → objects) cost a fraction of that. The
compiler walks the shapes exactly as aidkg.shape_checks does (same supported SHACL Core subset,
same refusals); each constraint gives a function `(index) → [(focus, value)]` whose results are
what its query answers for that graph, and tests compare the reports of both forms and pyshacl's
on the same broken graphs. Two kinds stay SPARQL: sh:sparql constraints (their SELECT is SPARQL),
run over the batch only for the graphs with a focus node of their shape, and data declaring
rdfs:subClassOf (never in article graphs), for which the whole batch is checked with SPARQL.
"""
from __future__ import annotations

import datetime
import functools
import re
from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from .shape_checks import (_NODE_KINDS, _NOT_CONSTRAINTS, _VALUE_CONSTRAINTS, SH, Check, UnsupportedShape,
                           _Compiler, _python_regex)

_XSD = str(XSD)
_STRING, _LANG_STRING = _XSD + "string", str(RDF.langString)
_INTEGERS = {_XSD + k for k in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                 "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong",
                                 "unsignedInt", "unsignedShort", "unsignedByte")}
_DECIMAL, _DOUBLE, _FLOAT = _XSD + "decimal", _XSD + "double", _XSD + "float"
_DATE, _DATETIME, _BOOLEAN = _XSD + "date", _XSD + "dateTime", _XSD + "boolean"
_NUMERIC = _INTEGERS | {_DECIMAL, _DOUBLE, _FLOAT}

# XSD lexical spaces (what a cast to the datatype accepts; aidkg.shape_checks' _CASTABLE)
_LEXICAL = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _DECIMAL: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    _DOUBLE: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee][+-]?[0-9]+)?|[+-]?INF|NaN"),
    _BOOLEAN: re.compile(r"true|false|1|0"),
    _DATE: re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?"),
    _DATETIME: re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\.[0-9]+)?)"
                          r"(Z|[+-][0-9]{2}:[0-9]{2})?"),
}
_LEXICAL[_FLOAT] = _LEXICAL[_DOUBLE]
_CASTABLE = {str(d) for d in (XSD.decimal, XSD.integer, XSD.date, XSD.dateTime, XSD.boolean, XSD.double, XSD.float)}


def _valid_day(y: str, m: str, d: str) -> bool:
    month, day = int(m), int(d)
    if not 1 <= month <= 12 or day < 1:
        return False
    year = int(y)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _well_formed(value: str, datatype: str) -> bool:
    """The lexical form is one of the datatype's (a cast to it succeeds)."""
    m = _LEXICAL[datatype].fullmatch(value)
    if m is None:
        return False
    if datatype == _DATE:
        return _valid_day(*m.group(1, 2, 3))
    if datatype == _DATETIME:
        hour, minute, second = int(m[4]), int(m[5]), float(m[6])
        return _valid_day(*m.group(1, 2, 3)) and (hour < 24 and minute < 60 and second < 60
                                                  or (hour, minute, second) == (24, 0, 0))
    return True


def _number(term):
    """A numeric literal's value, or None (not a literal, not numeric, or ill-typed)."""
    if term.__class__ is not ox.Literal:
        return None
    dt = term.datatype.value
    if dt not in _NUMERIC:
        return None
    value = term.value
    if dt in _INTEGERS:
        return int(value) if _LEXICAL[_XSD + "integer"].fullmatch(value) else None
    if not _LEXICAL[dt].fullmatch(value):
        return None
    if dt == _DECIMAL:
        return Decimal(value)
    return float(value.replace("INF", "inf"))


def _comparable(term):
    """(kind, value) for SPARQL's < and >=: numbers, plain strings, dates and date-times (without
    a time zone: no aidkg value has one); None when SPARQL would raise an error."""
    n = _number(term)
    if n is not None:
        return ("number", n) if n == n else None          # NaN compares false both ways
    if term.__class__ is not ox.Literal or term.language:
        return None
    dt = term.datatype.value
    if dt == _STRING:
        return "string", term.value
    if dt in (_DATE, _DATETIME) and _well_formed(term.value, dt):
        m = _LEXICAL[dt].fullmatch(term.value)
        if m.group(m.lastindex) is not None and m.group(m.lastindex)[:1] in "Z+-":
            return None
        try:
            parse = datetime.date.fromisoformat if dt == _DATE else datetime.datetime.fromisoformat
            return dt, parse(term.value)
        except ValueError:
            return None
    return None


def _less(a, b) -> bool | None:
    """a < b as SPARQL answers it; None for an error."""
    x, y = _comparable(a), _comparable(b)
    if x is None or y is None or x[0] != y[0]:
        return None
    return x[1] < y[1]


def _at_least(a, b) -> bool:
    """COALESCE(a >= b, false)."""
    x, y = _comparable(a), _comparable(b)
    return x is not None and y is not None and x[0] == y[0] and x[1] >= y[1]


def _ox(term):
    from .store import to_ox
    return to_ox(term)


class Index:
    """One article graph's triples (pyoxigraph terms), looked up by predicate, and by subject for
    the predicates the checks ask about (hashing a pyoxigraph term is the cost here: each triple is
    hashed once by its predicate, a subject only where its predicate is asked for)."""

    __slots__ = ("by_predicate", "memo", "_by_subject", "_pair_sets")

    def __init__(self, triples):
        by_predicate: dict = {}
        for t in triples:        # (an article's quads are distinct: document_quads)
            s, p, o = t
            pairs = by_predicate.get(p)
            if pairs is None:
                by_predicate[p] = [(s, o)]
            else:
                pairs.append((s, o))
        self.by_predicate = by_predicate
        self.memo: dict = {}      # a shape's focus nodes, found once for all its constraints
        self._by_subject: dict = {}
        self._pair_sets: dict = {}

    def has(self, s, p, o) -> bool:
        """Whether the graph holds the triple (a set of (s, o) per predicate asked about)."""
        pairs = self._pair_sets.get(p)
        if pairs is None:
            pairs = self._pair_sets[p] = set(self.by_predicate.get(p, ()))
        return (s, o) in pairs

    def values(self, node, p):
        return self.subjects(p).get(node, ())

    def subjects(self, p) -> dict:
        """subject → its values of `p` (in the triples' order)."""
        by = self._by_subject.get(p)
        if by is None:
            by = self._by_subject[p] = {}
            for s, o in self.by_predicate.get(p, ()):
                values = by.get(s)
                if values is None:
                    by[s] = [o]
                else:
                    values.append(o)
        return by

    def pairs(self, p):
        return self.by_predicate.get(p, ())


_TYPE = ox.NamedNode(str(RDF.type))


class _Native(_Compiler):
    """aidkg.shape_checks' compiler, giving Python functions instead of query text."""

    def __init__(self, shapes):
        super().__init__(shapes, subclasses=False)

    # --- what a value must satisfy: (index, value) -> bool -------------------------------------
    def ok(self, shape, pred, rule, v=None):
        if pred == SH.nodeKind:
            if rule not in _NODE_KINDS:
                raise UnsupportedShape(f"sh:nodeKind {rule}")
            kinds = {SH.IRI: (ox.NamedNode,), SH.Literal: (ox.Literal,), SH.BlankNode: (ox.BlankNode,),
                     SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode), SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
                     SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal)}[rule]
            return lambda ix, x: x.__class__ in kinds
        if pred == SH.datatype:
            return self.datatype_ok(rule)
        if pred == SH.pattern:
            if self.one(shape, SH.flags) is not None:
                raise UnsupportedShape("sh:flags")
            # the pattern as pyshacl reads it (Python's re); the SPARQL form rewrites `$` to match
            regex = re.compile(_python_regex(str(rule)))
            return lambda ix, x: x.__class__ is not ox.BlankNode and regex.search(x.value) is not None
        if pred == SH.minInclusive:
            bound = _ox(rule)
            return lambda ix, x: _at_least(x, bound)
        if pred == SH["in"]:
            members = {_ox(m) for m in Collection(self.g, rule)}
            return lambda ix, x: x in members
        if pred == SH["class"]:
            cls = _ox(rule)
            return lambda ix, x: cls in ix.values(x, _TYPE)
        if pred == SH.node:
            return self.conforms(rule)
        if pred == SH.languageIn:
            tags = {str(t).lower() for t in Collection(self.g, rule)}
            return lambda ix, x: (x.__class__ is ox.Literal and bool(x.language)
                                  and (x.language.lower() in tags or x.language.lower().split("-")[0] in tags))
        if pred == SH["or"]:
            members = [self.conforms(m) for m in Collection(self.g, rule)]
            return lambda ix, x: any(f(ix, x) for f in members)
        raise UnsupportedShape(f"{self.short(pred)} as a value constraint")

    def datatype_ok(self, dt, v=None):
        dt_value = str(dt)
        if dt_value == _STRING:
            return lambda ix, x: x.__class__ is ox.Literal and not x.language and x.datatype.value == _STRING
        if dt_value == _LANG_STRING:
            return lambda ix, x: x.__class__ is ox.Literal and bool(x.language)
        if dt_value in _CASTABLE:
            return lambda ix, x: (x.__class__ is ox.Literal and not x.language and x.datatype.value == dt_value
                                  and _well_formed(x.value, dt_value))
        return lambda ix, x: x.__class__ is ox.Literal and not x.language and x.datatype.value == dt_value

    def conforms(self, shape, v=None):
        parts = []
        for pred, rule in self.g.predicate_objects(shape):
            if pred in (RDF.type, RDFS.comment, SH.path, SH.severity, SH.message):
                continue
            if pred == SH.property:
                parts.append(self.conforms(rule))
            elif pred == SH.minCount and self.one(shape, SH.path) is not None:
                if int(rule) != 1:
                    raise UnsupportedShape("sh:minCount other than 1 inside sh:node/sh:or")
                path = _ox(self.one(shape, SH.path))
                parts.append(lambda ix, x, path=path: bool(ix.values(x, path)))
            elif pred == SH.qualifiedMinCount:
                if int(rule) != 1:
                    raise UnsupportedShape("sh:qualifiedMinCount other than 1 inside sh:node/sh:or")
                path = _ox(self.one(shape, SH.path))
                qual = self.qualifier(self.one(shape, SH.qualifiedValueShape))
                parts.append(lambda ix, x, path=path, qual=qual: any(qual(ix, y) for y in ix.values(x, path)))
            elif pred == SH.qualifiedValueShape:
                continue
            elif pred in _VALUE_CONSTRAINTS and self.one(shape, SH.path) is None:
                parts.append(self.ok(shape, pred, rule))
            else:
                raise UnsupportedShape(f"{self.short(pred)} inside a shape used by sh:node/sh:or")
        return lambda ix, x: all(f(ix, x) for f in parts)

    def qualifier(self, shape, v=None):
        parts = []
        for pred, rule in self.g.predicate_objects(shape):
            if pred == RDF.type:
                continue
            if pred not in _VALUE_CONSTRAINTS:
                raise UnsupportedShape(f"{self.short(pred)} in a sh:qualifiedValueShape")
            parts.append(self.ok(shape, pred, rule))
        return lambda ix, x: all(f(ix, x) for f in parts)

    # --- targets and checks ----------------------------------------------------------------------
    def native_targets(self, shape):
        classes = [_ox(c) for c in self.g.objects(shape, SH.targetClass)]
        subjects_of = [_ox(p) for p in self.g.objects(shape, SH.targetSubjectsOf)]
        objects_of = [_ox(p) for p in self.g.objects(shape, SH.targetObjectsOf)]
        if not (classes or subjects_of or objects_of):
            return None

        def targets(ix):
            found = ix.memo.get(shape)
            if found is not None:
                return found
            found = set()
            if classes:
                wanted = set(classes)
                found.update(s for s, o in ix.pairs(_TYPE) if o in wanted)
            for p in subjects_of:
                found.update(s for s, _ in ix.pairs(p))
            for p in objects_of:
                found.update(o for _, o in ix.pairs(p))
            ix.memo[shape] = found
            return found
        return targets

    def native_checks(self) -> list[tuple[Check, object]]:
        """(check, function) for every constraint; function None: the check's SPARQL is run."""
        out = []
        for shape in sorted(self.shapes(), key=str):
            targets = self.native_targets(shape)
            if targets is None:
                continue
            name = self.short(shape)
            severity, message = self.severity_and_message(shape)
            for pred, rule in self.g.predicate_objects(shape):
                if pred in _NOT_CONSTRAINTS:
                    continue
                if pred == SH.sparql:
                    check = _Compiler(self.g, subclasses=False).sparql_constraint(
                        name, rule, _Compiler(self.g, False).targets(shape), severity, message)
                    out.append((check, targets))      # run as SPARQL, for graphs with a focus node
                    continue
                if pred not in _VALUE_CONSTRAINTS:
                    raise UnsupportedShape(f"{name}: {self.short(pred)} on a node shape")
                ok = self.ok(shape, pred, rule)
                check = Check(name, severity, message or self.default_message(pred, rule), None, "", False)
                out.append((check, lambda ix, targets=targets, ok=ok: [(f, None) for f in targets(ix) if not ok(ix, f)]))
            for prop in self.g.objects(shape, SH.property):
                out += self.native_property(name, prop, targets)
        return out

    def native_property(self, name: str, prop, targets) -> list:
        path_node = self.single_path(name, prop)
        path = _ox(path_node)
        severity, message = self.severity_and_message(prop)
        out = []

        def check(pred, rule, fn, has_value):
            out.append((Check(name, severity, message or self.default_message(pred, rule), str(path_node), "",
                              has_value), fn))

        def counted(qual, test, pred, rule):
            def fn(ix):
                found = []
                by = ix.subjects(path)
                for f in targets(ix):
                    values = by.get(f, ())
                    if len(values) > 1:
                        values = set(values)      # (one value or none: nothing to make distinct)
                    if qual is not None:
                        values = {v for v in values if qual(ix, v)}
                    if test(len(values)):
                        found.append((f, None))
                return found
            check(pred, rule, fn, False)

        for pred, rule in self.g.predicate_objects(prop):
            if pred in _NOT_CONSTRAINTS or pred == SH.qualifiedValueShape:
                continue
            if pred in _VALUE_CONSTRAINTS:
                ok = self.ok(prop, pred, rule)
                check(pred, rule, lambda ix, ok=ok: list({(f, v) for by in (ix.subjects(path),) for f in targets(ix)
                                                          for v in by.get(f, ()) if not ok(ix, v)}), True)
            elif pred == SH.minCount:
                n = int(rule)
                counted(None, lambda k, n=n: k < n, pred, rule)
            elif pred == SH.maxCount:
                n = int(rule)
                counted(None, lambda k, n=n: k > n, pred, rule)
            elif pred in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
                if self.one(prop, SH.qualifiedValueShapesDisjoint) is not None:
                    raise UnsupportedShape("sh:qualifiedValueShapesDisjoint")
                qual = self.qualifier(self.one(prop, SH.qualifiedValueShape))
                n = int(rule)
                counted(qual, (lambda k, n=n: k < n) if pred == SH.qualifiedMinCount else (lambda k, n=n: k > n),
                        pred, rule)
            elif pred == SH.lessThan:
                other = _ox(rule)
                check(pred, rule, lambda ix, other=other: list({
                    (f, v) for f in targets(ix) for v in ix.values(f, path) for w in ix.values(f, other)
                    if not _less(v, w)}), True)
            else:
                raise UnsupportedShape(f"{name}: {self.short(pred)} on a property shape")
        return out


@functools.cache
def native_checks() -> tuple:
    from .validate import shapes_graph
    shapes = shapes_graph()
    _Compiler(shapes, subclasses=False).compile()     # the same refusals as the SPARQL form
    return tuple(_Native(shapes).native_checks())


_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
# the predicates validate._NAMING reads to name a result's nodes (kept in step with it: a test checks)
_NAMING_PREDICATES = tuple(ox.NamedNode(str(p)) for p in (RDFS.label, DCTERMS.title, RDF.subject, RDF.predicate, RDF.object))
_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(str(p)) for p in (RDF.subject, RDF.predicate, RDF.object))


def _provenance(ix: Index, relations) -> list:
    """aidkg.shape_checks' UNASSERTED_STATEMENTS and UNSTATED_RELATIONS on one graph."""
    from .vocab import AID
    paired = ox.NamedNode(str(AID.pairedWith))
    found = []
    described = set()
    for st in {s for s, _ in ix.pairs(_SUBJECT)}:
        for s in ix.values(st, _SUBJECT):
            for p in ix.values(st, _PREDICATE):
                for o in ix.values(st, _OBJECT):
                    described.add((s, p, o))
                    if not ix.has(s, p, o) and not (p == paired and ix.has(o, p, s)):
                        found.append(("Violation", "unasserted", st, (s, p, o)))
    for p in relations:
        for s, o in ix.pairs(p):
            if (s, p, o) not in described and not (p == paired and (o, p, s) in described):
                found.append(("Violation", "unstated", (s, p, o)))
    return found


def check_quads(batch) -> dict:
    """SHACL reports of a batch of (source, graph IRI, quads in that graph) -- the graphs with any
    result -- the same as aidkg.validate.check_dataset gives for them (and pyshacl for each graph)."""
    from .store import to_rdflib
    from .validate import check_dataset, report_lines
    from .vocab import AID, RELATIONS

    from .graph import triples_of
    triples = {g: triples_of(quads) for _source, g, quads in batch}
    if any(p == _SUBCLASS for ts in triples.values() for _s, p, _o in ts):
        dataset = ox.Store()
        for _source, _g, quads in batch:
            dataset.extend(quads)
        return check_dataset(dataset)
    checks = native_checks()
    relations = [ox.NamedNode(str(AID[r])) for r in RELATIONS]
    found: dict[str, list] = {}
    indexes: dict[str, Index] = {}
    sparql: dict[Check, list[str]] = defaultdict(list)     # sh:sparql checks: the graphs to run them on
    for g, ts in triples.items():
        ix = Index(ts)
        results = []
        for check, fn in checks:
            if check.query:
                if fn(ix):
                    sparql[check].append(g)
                continue
            for focus, value in fn(ix):
                results.append((check.severity, "shape", to_rdflib(focus),
                                URIRef(check.path) if check.path else None, Literal(check.message),
                                to_rdflib(value) if check.has_value else None))
        for item in _provenance(ix, relations):
            if item[1] == "unasserted":
                results.append((item[0], item[1], to_rdflib(item[2]), tuple(map(to_rdflib, item[3]))))
            else:
                results.append((item[0], item[1], tuple(map(to_rdflib, item[2]))))
        if results:
            found[g] = results
            indexes[g] = ix
    if not found and not sparql:
        return {}
    dataset = ox.Store()
    queried = {g for gs in sparql.values() for g in gs}
    for _source, g, quads in batch:
        if g in queried:
            dataset.extend(quads)
        elif g in found:
            # only what names the nodes of the results (validate's _NAMING reads these predicates)
            node, ix = ox.NamedNode(g), indexes[g]
            dataset.extend(ox.Quad(s, p, o, node) for p in _NAMING_PREDICATES for s, o in ix.pairs(p))
    from .store import PREFIXES
    for check, graphs in sparql.items():
        for row in dataset.query(check.query, prefixes=PREFIXES, named_graphs=[ox.NamedNode(g) for g in graphs]):
            value = to_rdflib(row["value"]) if check.has_value else None
            found.setdefault(row["g"].value, []).append(
                (check.severity, "shape", to_rdflib(row["focus"]), None, Literal(check.message), value))
    return report_lines(dataset, found) if found else {}
