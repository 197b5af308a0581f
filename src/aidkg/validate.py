"""Check article graphs against ontology/shapes.ttl (SHACL) and report in plain words.

Three engines give the same report lines: pyshacl (the reference, slow: pure Python, the shapes
compiled anew for every call), the shapes compiled once into SPARQL (aidkg.shape_checks) run by
Oxigraph over a dataset of article graphs, each checked as if on its own, and the shapes compiled
once into Python functions over each article's quads (aidkg.shape_native). Builds use the last.
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from importlib import resources

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from .vocab import AID, RELATIONS

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class ValidationReport:
    conforms: bool                       # no sh:Violation (warnings do not count)
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines = [f"SHACL: {head}, {len(self.warnings)} warning(s)"]
        lines += [f"  violation: {v}" for v in self.violations]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _ontology_file(name: str) -> Graph:
    with resources.as_file(resources.files("aidkg") / "ontology" / name) as path:
        return Graph().parse(path, format="turtle")


@functools.cache
def shapes_graph() -> Graph:
    return _ontology_file("shapes.ttl")


@functools.cache
def ontology_graph() -> Graph:
    return _ontology_file("aidkg.ttl")


def validate(data_graph: Graph, *, engine: str = "sparql") -> ValidationReport:
    """SHACL-validate `data_graph` (an article graph or the union of them); never modifies it.

    No inference and no ontology mixed in: the shapes list the aid classes explicitly, so the
    data graph is validated as is (mixing the ontology in would copy the whole graph).
    engine="pyshacl" runs the reference implementation; "sparql" the shapes compiled to SPARQL,
    "native" the shapes compiled to Python (aidkg.shape_native, what builds run): the same lines.
    """
    if engine == "pyshacl":
        return _validate_pyshacl(data_graph)
    if engine not in ("sparql", "native"):
        raise ValueError(f"engine must be 'sparql', 'native' or 'pyshacl', not {engine!r}")
    import pyoxigraph as ox

    from .store import to_ox
    name = ox.NamedNode("urn:aidkg:validate")
    if engine == "native":
        from .shape_native import check_quads
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in data_graph]
        return check_quads([(name.value, name.value, quads)]).get(name.value, ValidationReport(conforms=True))
    dataset = ox.Store()
    dataset.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in data_graph)
    return check_dataset(dataset).get(name.value, ValidationReport(conforms=True))


def _validate_pyshacl(data_graph: Graph) -> ValidationReport:
    import pyshacl  # slow import; only callers of the reference engine pay for it

    _, results_graph, _ = pyshacl.validate(
        data_graph,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    violations, warnings = [], []
    # only the report's own results: nested sh:detail results repeat them in the shapes' terms
    for result in results_graph.objects(None, SH.result):
        line = _line(results_graph.value(result, SH.focusNode), results_graph.value(result, SH.resultPath),
                     results_graph.value(result, SH.resultMessage), results_graph.value(result, SH.value),
                     data_graph)
        if results_graph.value(result, SH.resultSeverity) == SH.Violation:
            violations.append(line)
        else:
            warnings.append(line)
    return _report(violations + _provenance_gaps(data_graph), warnings)


def _report(violations: list[str], warnings: list[str]) -> ValidationReport:
    # one failing value can break two constraints that share a message
    violations, warnings = sorted(set(violations)), sorted(set(warnings))
    return ValidationReport(conforms=not violations, violations=violations, warnings=warnings)


def check_dataset(dataset, graphs: list[str] | None = None) -> dict[str, ValidationReport]:
    """Each named graph of a pyoxigraph Store (or only `graphs`) checked on its own with the
    compiled shapes: {graph IRI: report} for the graphs with any result."""
    import pyoxigraph as ox

    from .shape_checks import (HAS_SUBCLASSES, RELATION_VALUES, UNASSERTED_STATEMENTS, UNSTATED_RELATIONS,
                               shape_checks)
    from .store import PREFIXES, to_rdflib

    kwargs = {"prefixes": PREFIXES}
    if graphs is not None:
        if not graphs:
            return {}
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in graphs]
    found: dict[str, list] = {}      # graph -> [(severity, kind, terms…)]
    for check in shape_checks(subclasses=bool(dataset.query(HAS_SUBCLASSES, **kwargs))):
        for row in dataset.query(check.query, **kwargs):
            value = to_rdflib(row["value"]) if check.has_value else None
            found.setdefault(row["g"].value, []).append(
                (check.severity, "shape", to_rdflib(row["focus"]),
                 URIRef(check.path) if check.path else None, Literal(check.message), value))
    for row in dataset.query(UNASSERTED_STATEMENTS, **kwargs):
        found.setdefault(row["g"].value, []).append(
            ("Violation", "unasserted", to_rdflib(row["focus"]),
             tuple(to_rdflib(row[k]) for k in ("s", "p", "o"))))
    values = RELATION_VALUES % " ".join(f"<{AID[r]}>" for r in RELATIONS)
    for row in dataset.query(UNSTATED_RELATIONS % values, **kwargs):
        found.setdefault(row["g"].value, []).append(
            ("Violation", "unstated", tuple(to_rdflib(row[k]) for k in ("s", "p", "o"))))

    return report_lines(dataset, found)


def report_lines(dataset, found: dict[str, list]) -> dict[str, ValidationReport]:
    """{graph: report} from the results found in each graph of `dataset` (check_dataset's; also
    aidkg.shape_native's), each result named by the labels and titles in its graph."""
    names = _naming_graphs(dataset, found)
    reports = {}
    for g, results in found.items():
        data = names.get(g)
        if data is None:
            data = Graph()
        violations, warnings = [], []
        for severity, kind, *rest in results:
            if kind == "shape":
                line = _line(*rest, data)
            elif kind == "unasserted":
                st, triple = rest
                line = _unasserted_line(st, triple, data)
            else:
                line = _unstated_line(rest[0], data)
            (violations if severity == "Violation" else warnings).append(line)
        reports[g] = _report(violations, warnings)
    return reports


_NAMING = """
SELECT ?g ?n ?p ?o WHERE {
  VALUES (?g ?n0) { %s }
  GRAPH ?g { { BIND(?n0 AS ?n) } UNION { ?n0 rdf:subject|rdf:object ?n }
    VALUES ?p { rdfs:label dcterms:title rdf:subject rdf:predicate rdf:object }
    ?n ?p ?o } }"""


def _naming_graphs(dataset, found: dict[str, list]) -> dict[str, Graph]:
    """Per graph, the triples that name the nodes in its results (labels, titles, statements)."""
    from .store import PREFIXES, to_rdflib

    pairs = set()
    for g, results in found.items():
        for _severity, kind, *rest in results:
            nodes = [rest[0]] if kind != "unstated" else [rest[0][0], rest[0][2]]
            pairs.update((g, n) for n in nodes if isinstance(n, URIRef))
    out: dict[str, Graph] = {}
    pairs = sorted(pairs)
    for i in range(0, len(pairs), 500):
        values = " ".join(f"(<{g}> <{n}>)" for g, n in pairs[i:i + 500])
        for row in dataset.query(_NAMING % values, prefixes=PREFIXES):
            g = row["g"].value
            data = out.get(g)
            if data is None:   # (not setdefault: a Graph, with its uuid4 identifier, per row)
                data = out[g] = Graph()
            data.add((to_rdflib(row["n"]), to_rdflib(row["p"]), to_rdflib(row["o"])))
    return out


def _provenance_gaps(data: Graph) -> list[str]:
    """Statements whose triple is not asserted, and relation triples without a statement.

    Checked here with set look-ups: the same check as a SHACL-SPARQL constraint runs one query per
    statement (about 7 ms each in pyshacl), minutes on a large build.
    """
    problems = []
    described = set()
    for st in set(data.subjects(RDF.subject, None)):
        # a statement with two subjects (the StatementShape reports it) describes both triples
        for triple in itertools.product(*(data.objects(st, p) for p in (RDF.subject, RDF.predicate, RDF.object))):
            described.add(triple)
            if not _asserted(data, triple):
                problems.append(_unasserted_line(st, triple, data))
    for name in RELATIONS:
        predicate = AID[name]
        for s, o in data.subject_objects(predicate):
            if (s, predicate, o) in described:
                continue
            if predicate == AID.pairedWith and (o, predicate, s) in described:
                continue
            problems.append(_unstated_line((s, predicate, o), data))
    return problems


def _unasserted_line(st: Node, triple, data: Graph) -> str:
    return (f"{_node_name(st, data)}: describes {_triple_text(triple, data)}, "
            "which is not asserted in the graph")


def _unstated_line(triple, data: Graph) -> str:
    s, predicate, _ = triple
    return (f"{_node_name(s, data)} — {_short(predicate)}: relation triple "
            f"{_triple_text(triple, data)} has no rdf:Statement with its evidence")


def _asserted(data: Graph, triple: tuple[Node, Node, Node]) -> bool:
    s, p, o = triple
    return triple in data or (p == AID.pairedWith and (o, p, s) in data)


def _triple_text(triple: tuple[Node | None, Node | None, Node | None], data: Graph) -> str:
    return " ".join("?" if n is None else _zh_label(n, data) or _short(n) for n in triple)


def _line(focus: Node, path: Node | None, message: Node | None, value: Node | None, data: Graph) -> str:
    """One line: 'label <iri> — path: message (value)'."""
    text = _node_name(focus, data)
    if path is not None:
        text += f" — {_short(path)}"
    text += f": {message or 'constraint not met'}"
    if value is not None and value != focus:
        shown = repr(str(value)) if isinstance(value, Literal) else _short(value)
        text += f" (value: {shown})"
    return text


def _node_name(node: Node, data: Graph) -> str:
    if not isinstance(node, URIRef):
        return _short(node)
    label = _zh_label(node, data) or _first(data, node, DCTERMS.title)
    if label is None and (node, RDF.subject, None) in data:
        label = "statement " + _triple_text(
            tuple(_first(data, node, p) for p in (RDF.subject, RDF.predicate, RDF.object)), data)
    return f"{label} <{node}>" if label else f"<{node}>"


def _first(data: Graph, node: Node, predicate: Node) -> Node | None:
    """One value, the same whichever engine (and triple order) the graph came from."""
    return min(data.objects(node, predicate), key=str, default=None)


def _zh_label(node: Node, data: Graph) -> str | None:
    # Oxigraph lower-cases language tags; any order of labels gives the same choice
    labels = sorted(data.objects(node, RDFS.label), key=lambda lit: (str(getattr(lit, "language", "") or ""), str(lit)))
    for lit in labels:
        if isinstance(lit, Literal) and (lit.language or "").lower() == "zh-hans":
            return str(lit)
    return str(labels[0]) if labels else None


def _short(node: Node) -> str:
    if isinstance(node, URIRef):
        return shapes_graph().namespace_manager.normalizeUri(node)
    return str(node)
