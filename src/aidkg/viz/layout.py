"""Node positions computed up front (igraph), so big pages open without running physics."""
from __future__ import annotations

import math
import random
import threading
from contextlib import contextmanager

import networkx as nx

NODE_SPACING = 90.0   # px: about one node per 90×90 px square
COMPONENT_GAP = 120.0
SMALL_COMPONENT = 12
SINGLE_SPACING = 60.0
# the force layout starts from random positions: drawn from this seed, so two builds of the same
# corpus give the same page byte for byte
LAYOUT_SEED = 20241207
_RNG_LOCK = threading.Lock()


@contextmanager
def _seeded(ig):
    """igraph draws from one process-wide generator (Python's `random` module by default): a seeded
    generator of its own for the layout, the default put back after."""
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(LAYOUT_SEED))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _component_coords(g, members: list[int]) -> list[tuple[float, float]]:
    """Fruchterman–Reingold (igraph; grid variant past 1000 nodes: 0.4 s at 20k), scaled to pixels."""
    k = len(members)
    if k == 1:
        return [(0.0, 0.0)]
    if k == 2:
        return [(0.0, 0.0), (NODE_SPACING, 0.0)]
    if k <= SMALL_COMPONENT:
        # a star around the best-connected member: cheap (thousands of these in a big graph)
        degrees = g.degree(members)
        hub = max(range(k), key=degrees.__getitem__)
        ring = [i for i in range(k) if i != hub]
        out = [(0.0, 0.0)] * k
        out[hub] = (NODE_SPACING, NODE_SPACING)
        for j, i in enumerate(ring):
            angle = 2 * math.pi * j / len(ring)
            out[i] = (NODE_SPACING * (1 + math.cos(angle)), NODE_SPACING * (1 + math.sin(angle)))
        return out
    coords = g.subgraph(members).layout_fruchterman_reingold(niter=500, grid=k > 1000).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    x0, y0 = min(xs), min(ys)
    scale = NODE_SPACING * math.sqrt(k) / (max(max(xs) - x0, max(ys) - y0) or 1.0)
    return [((x - x0) * scale, (y - y0) * scale) for x, y in coords]


def layout(H: nx.MultiDiGraph, order: list[str]) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own, then packed in rows, largest first.

    One force layout over everything lets the unconnected entities (many in a real build) fly to
    the edges and shrink the connected part to a dot when the page fits the whole graph.
    """
    n = len(order)
    if n == 0:
        return {}
    import igraph as ig

    index = {node: i for i, node in enumerate(order)}
    pairs = sorted({(index[u], index[v]) for u, v in H.edges() if u != v})
    g = ig.Graph(n=n, edges=pairs)
    comps = sorted((list(c) for c in g.connected_components(mode="weak")), key=len, reverse=True)
    singles = [c[0] for c in comps if len(c) == 1]
    boxes = []
    for members in (c for c in comps if len(c) > 1):
        with _seeded(ig):  # each component from the same seed: its place does not depend on the others
            coords = _component_coords(g, members)
        w = max(c[0] for c in coords) + NODE_SPACING
        h = max(c[1] for c in coords) + NODE_SPACING
        boxes.append((members, coords, w, h))
    area = sum(b[2] * b[3] for b in boxes) + len(singles) * SINGLE_SPACING ** 2
    row_width = max([b[2] for b in boxes] + [math.sqrt(area) * 1.3])
    pos: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row_h = 0.0
    for members, coords, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + COMPONENT_GAP, 0.0
        for m, (cx, cy) in zip(members, coords):
            pos[m] = (x + cx, y + cy)
        x += w + COMPONENT_GAP
        row_h = max(row_h, h)
    # unconnected entities: a tight grid below the rest
    per_row = max(1, int(row_width // SINGLE_SPACING))
    top = y + row_h + COMPONENT_GAP if boxes else 0.0
    for j, m in enumerate(singles):
        pos[m] = ((j % per_row) * SINGLE_SPACING, top + (j // per_row) * SINGLE_SPACING)
    mx = (min(p[0] for p in pos) + max(p[0] for p in pos)) / 2
    my = (min(p[1] for p in pos) + max(p[1] for p in pos)) / 2
    return {node: (pos[i][0] - mx, pos[i][1] - my) for node, i in index.items()}
