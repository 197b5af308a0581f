"""The neighbourhood of one entity, read from the store by SPARQL, as a viewer page.

`aidkg serve` answers `/graph?focus=NAME&hops=N` with it when no prebuilt page exists: only the
entities within `hops` relations of the focus are read (at most `max_nodes` of them), so the cost
is bounded whatever the size of the store, unlike rendering the whole union graph.
"""
from __future__ import annotations

from rdflib import Graph

from aidkg.vocab import AID, RELATIONS

MAX_HOPS = 3
_RELATION_IRIS = " ".join(f"<{AID[r]}>" for r in RELATIONS)


def _literal(text: str) -> str:
    from aidkg.query_library import sparql_string
    return sparql_string(text)


def _iris(nodes) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes))


def _name_forms(name: str) -> list[str]:
    from aidkg.script import to_simplified, to_traditional
    return list(dict.fromkeys(f for f in (name, to_simplified(name), to_traditional(name)) if f))


def find_focus(store, name: str, limit: int = 20) -> list[str]:
    """Entities named exactly `name` (label or alias, either script); else those whose name contains it."""
    name = name.strip()
    if not name:
        raise LookupError("give an entity name: /graph?focus=NAME")
    if name.startswith(("http://", "https://")) and "<" not in name and ">" not in name and " " not in name:
        rows = store.query(f"ASK {{ {{ <{name}> ?p ?o }} UNION {{ ?s ?p <{name}> }} }}")
        if bool(rows):
            return [name]
    forms = _name_forms(name)
    values = " ".join(f"{_literal(f)}@{tag}" for f in forms for tag in ("zh-Hans", "zh-Hant"))
    values += " " + " ".join(_literal(f) for f in forms)
    q = (f"SELECT DISTINCT ?e WHERE {{ VALUES ?l {{ {values} }} ?e rdfs:label|skos:altLabel ?l }} "
         f"LIMIT {limit}")
    found = [str(r["e"].value) for r in store.query(q)]
    if not found:
        tests = " || ".join(f"CONTAINS(STR(?l), {_literal(f)})" for f in forms)
        q = (f"SELECT DISTINCT ?e WHERE {{ ?e rdfs:label|skos:altLabel ?l FILTER({tests}) }} "
             f"LIMIT {limit}")
        found = [str(r["e"].value) for r in store.query(q)]
    if not found:
        raise LookupError(f"no entity named {name!r} in the graph")
    return found


def neighbours(store, centre: list[str], hops: int, max_nodes: int) -> tuple[set[str], bool]:
    """Entities within `hops` relations of `centre` (either direction), at most `max_nodes`."""
    seen = set(centre)
    frontier = set(centre)
    cut = False
    for _ in range(min(hops, MAX_HOPS)):
        if not frontier:
            break
        room = max_nodes - len(seen)
        q = (f"SELECT DISTINCT ?n WHERE {{ VALUES ?x {{ {_iris(frontier)} }} VALUES ?p {{ {_RELATION_IRIS} }} "
             f"{{ ?x ?p ?n }} UNION {{ ?n ?p ?x }} FILTER(isIRI(?n)) }} LIMIT {room + len(seen) + 1}")
        found = {str(r["n"].value) for r in store.query(q)} - seen
        if len(found) > room:
            found = set(sorted(found)[:room])
            cut = True
        seen |= found
        frontier = found
        if cut:
            break
    return seen, cut


def neighbourhood_graph(store, nodes: set[str]) -> Graph:
    """What the viewer shows of `nodes`: types, names, attributes, relations among them with evidence."""
    ids = _iris(nodes)
    q = f"""
    CONSTRUCT {{ ?n ?p ?o . ?st ?sp ?so . ?a ?ap ?ao }} WHERE {{
      {{ VALUES ?n {{ {ids} }} ?n ?p ?o FILTER(isLiteral(?o) || ?p = rdf:type) }}
      UNION
      {{ VALUES ?n {{ {ids} }} VALUES ?o {{ {ids} }} VALUES ?p {{ {_RELATION_IRIS} }} ?n ?p ?o }}
      UNION
      {{ VALUES ?s {{ {ids} }} VALUES ?o2 {{ {ids} }} ?st rdf:subject ?s ; rdf:object ?o2 ; ?sp ?so }}
      UNION
      {{ VALUES ?s {{ {ids} }} VALUES ?o3 {{ {ids} }} ?st2 rdf:subject ?s ; rdf:object ?o3 ;
           <http://www.w3.org/ns/prov#wasDerivedFrom> ?a . ?a ?ap ?ao FILTER(isLiteral(?ao) || ?ap = rdf:type) }}
    }}"""
    g = Graph()
    for t in store.query(q):
        g.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    return g


def _to_rdflib(term):
    from aidkg.store import to_rdflib
    return to_rdflib(term)


def neighbourhood_page(store, focus: str, *, hops: int = 1, max_nodes: int = 300) -> str:
    from aidkg.viz import render_html
    centre = find_focus(store, focus)
    nodes, cut = neighbours(store, centre, max(0, hops), max_nodes)
    title = f"aidkg · {focus} · {hops} hop{'s' if hops != 1 else ''}"
    if cut:
        title += f" (first {max_nodes} entities)"
    return render_html(neighbourhood_graph(store, nodes), focus=centre, hops=hops, title=title)


__all__ = ["find_focus", "neighbours", "neighbourhood_graph", "neighbourhood_page", "MAX_HOPS"]
