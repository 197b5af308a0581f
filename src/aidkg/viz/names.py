"""Every name of an entity, in both scripts, and finding entities by any of them."""
from __future__ import annotations


import networkx as nx

def _converters():
    from ..script import converter
    return converter("s2t"), converter("t2s")


def entity_names(data: dict) -> list[str]:
    """Every name of an entity in both scripts: labels, altLabels and their opencc conversions."""
    seen: dict[str, None] = {}
    base = [data.get("label")] + list(data.get("labels", {}).values()) + list(data.get("altLabels", []))
    for name in base:
        if name:
            seen.setdefault(name, None)
    for conv in _converters():
        for name in list(seen):
            seen.setdefault(conv.convert(name), None)
    return list(seen)


def find_entities(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes named exactly `name` (any script or alias); failing that, nodes whose names contain it."""
    wanted = {name.strip().lower()}
    for conv in _converters():
        wanted.add(conv.convert(name.strip()).lower())
    exact, partial = [], []
    for node, data in G.nodes(data=True):
        names = [n.lower() for n in entity_names(data)]
        if wanted & set(names):
            exact.append(node)
        elif any(w in n for w in wanted for n in names):
            partial.append(node)
    return exact or partial
