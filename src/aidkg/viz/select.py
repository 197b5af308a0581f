"""The slice of the entity graph a page shows: relations, a focus neighbourhood, classes."""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from ..vocab import ORGANIZATION_CLASSES, PERSON_CLASSES, REGION_CLASSES
from .names import find_entities

_SUPERCLASSES = {"Region": REGION_CLASSES, "Organization": ORGANIZATION_CLASSES, "Person": PERSON_CLASSES}


def expand_classes(classes: Iterable[str]) -> set[str]:
    """`Region` also selects Province, County…; `Organization` its subclasses; `Person` cadres."""
    out: set[str] = set()
    for cls in classes:
        out.add(cls)
        out |= _SUPERCLASSES.get(cls, set())
    return out


def resolve_focus(G: nx.MultiDiGraph, focus: str | Iterable[str] | None) -> set[str]:
    """The nodes `focus` names (IRIs or names in either script); LookupError for a name not found."""
    centre: set[str] = set()
    for name in ([focus] if isinstance(focus, str) else list(focus or ())):
        found = [name] if name in G else find_entities(G, name)
        if not found:
            raise LookupError(f"no entity named {name!r} in the graph")
        centre.update(found)
    return centre


def select_subgraph(G: nx.MultiDiGraph, *, focus: str | Iterable[str] | None = None, hops: int = 1,
                    classes: Iterable[str] | None = None,
                    relations: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The slice to draw: relation filter, then the `hops` neighbourhood of `focus`, then classes."""
    H = G
    if relations:
        keep = set(relations)
        H = nx.MultiDiGraph()
        H.add_nodes_from(G.nodes(data=True))
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if k in keep)
    centre = resolve_focus(H, focus)
    if centre:
        undirected = H.to_undirected(as_view=True)
        near: set[str] = set()
        for node in centre:
            near |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=max(hops, 0)))
        H = H.subgraph(near)
    if classes:
        wanted = expand_classes(classes)
        H = H.subgraph([n for n, d in H.nodes(data=True) if d["cls"] in wanted or n in centre])
    if relations:
        H = H.subgraph([n for n in H if H.degree(n) > 0 or n in centre])
    return H
