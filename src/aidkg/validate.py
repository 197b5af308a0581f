"""Check a data graph against ontology/shapes.ttl (SHACL, via pyshacl) and report in plain words."""
from __future__ import annotations

import functools
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


def validate(data_graph: Graph) -> ValidationReport:
    """SHACL-validate `data_graph` (an article graph or the union of them); never modifies it.

    No inference and no ontology mixed in: the shapes list the aid classes explicitly, so the
    data graph is validated as is (mixing the ontology in would copy the whole graph).
    """
    import pyshacl  # slow import; only builds that validate pay for it

    _, results_graph, _ = pyshacl.validate(
        data_graph,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    report = ValidationReport(conforms=True)
    # only the report's own results: nested sh:detail results repeat them in the shapes' terms
    for result in results_graph.objects(None, SH.result):
        line = _describe(results_graph, result, data_graph)
        if results_graph.value(result, SH.resultSeverity) == SH.Violation:
            report.violations.append(line)
        else:
            report.warnings.append(line)
    report.violations += _provenance_gaps(data_graph)
    # one failing value can break two constraints that share a message
    report.violations = sorted(set(report.violations))
    report.warnings = sorted(set(report.warnings))
    report.conforms = not report.violations
    return report


def _provenance_gaps(data: Graph) -> list[str]:
    """Statements whose triple is not asserted, and relation triples without a statement.

    Checked here with set look-ups: the same check as a SHACL-SPARQL constraint runs one query per
    statement (about 7 ms each in pyshacl), minutes on a large build.
    """
    problems = []
    described = set()
    for st in set(data.subjects(RDF.subject, None)):
        triple = (data.value(st, RDF.subject), data.value(st, RDF.predicate), data.value(st, RDF.object))
        if None in triple:
            continue  # the StatementShape reports it
        described.add(triple)
        if not _asserted(data, triple):
            problems.append(f"{_node_name(st, data)}: describes {_triple_text(triple, data)}, "
                            "which is not asserted in the graph")
    for name in RELATIONS:
        predicate = AID[name]
        for s, o in data.subject_objects(predicate):
            if (s, predicate, o) in described:
                continue
            if predicate == AID.pairedWith and (o, predicate, s) in described:
                continue
            problems.append(f"{_node_name(s, data)} — {_short(predicate)}: relation triple "
                            f"{_triple_text((s, predicate, o), data)} has no rdf:Statement with its evidence")
    return problems


def _asserted(data: Graph, triple: tuple[Node, Node, Node]) -> bool:
    s, p, o = triple
    return triple in data or (p == AID.pairedWith and (o, p, s) in data)


def _triple_text(triple: tuple[Node | None, Node | None, Node | None], data: Graph) -> str:
    return " ".join("?" if n is None else _zh_label(n, data) or _short(n) for n in triple)


def _describe(results: Graph, result: Node, data: Graph) -> str:
    """One line: 'label <iri> — path: message (value)'."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
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
    label = _zh_label(node, data) or data.value(node, DCTERMS.title)
    if label is None and (node, RDF.subject, None) in data:
        label = "statement " + _triple_text(
            (data.value(node, RDF.subject), data.value(node, RDF.predicate), data.value(node, RDF.object)), data)
    return f"{label} <{node}>" if label else f"<{node}>"


def _zh_label(node: Node, data: Graph) -> str | None:
    labels = list(data.objects(node, RDFS.label))
    for lit in labels:
        if isinstance(lit, Literal) and lit.language == "zh-Hans":
            return str(lit)
    return str(labels[0]) if labels else None


def _short(node: Node) -> str:
    if isinstance(node, URIRef):
        return shapes_graph().namespace_manager.normalizeUri(node)
    return str(node)
