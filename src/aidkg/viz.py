"""A self-contained HTML viewer of the entity graph, built with pyvis and the vis-network it wraps.

The page needs no network: vis-network (copied from pyvis's package into aidkg/static) and the
viewer's own JS/CSS are inlined. Everything from articles travels as JSON inside a
`<script type="application/json">` block and reaches the DOM only through textContent / innerText.
"""
from __future__ import annotations

import html
import json
import math
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import networkx as nx

from .analysis import entity_graph, pagerank
from .io import atomic_open
from .vocab import ID, ORGANIZATION_CLASSES, PERSON_CLASSES, REGION_CLASSES

# past this many nodes vis-network's physics takes minutes before the first frame (NOTES.md):
# positions come from igraph and physics stays off
PRECOMPUTED_LAYOUT_FROM = 400
# past this many nodes, dragging always pans the view (nodes cover most of it)
FAST_INTERACTION_FROM = 3000
FONT_FACE = '"Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
SIZE_MEASURES = ("pagerank", "degree")
MONEY_RELATIONS = ("investedIn", "fundedBy")
ID_BASE = str(ID)   # instance IRIs travel relative to this (a fifth of a 20k-node page otherwise)
_SUPERCLASSES = {"Region": REGION_CLASSES, "Organization": ORGANIZATION_CLASSES, "Person": PERSON_CLASSES}


# ---------------------------------------------------------------- static files

@lru_cache(maxsize=None)
def _static(name: str) -> str:
    return (resources.files("aidkg") / "static" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _palette() -> dict:
    return json.loads(_static("palette.json"))


@lru_cache(maxsize=None)
def _template():
    import jinja2

    text = (resources.files("aidkg") / "templates" / "viewer.html").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True).from_string(text)


# ---------------------------------------------------------------- names

@lru_cache(maxsize=None)
def _converters():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return ()
    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


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


# ---------------------------------------------------------------- selection

def expand_classes(classes: Iterable[str]) -> set[str]:
    """`Region` also selects Province, County…; `Organization` its subclasses; `Person` cadres."""
    out: set[str] = set()
    for cls in classes:
        out.add(cls)
        out |= _SUPERCLASSES.get(cls, set())
    return out


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
    centre: set[str] = set()
    if focus:
        names = [focus] if isinstance(focus, str) else list(focus)
        for name in names:
            found = [name] if name in H else find_entities(H, name)
            if not found:
                raise LookupError(f"no entity named {name!r} in the graph")
            centre.update(found)
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


# ---------------------------------------------------------------- layout and measures

NODE_SPACING = 90.0   # px: about one node per 90×90 px square
COMPONENT_GAP = 120.0
SMALL_COMPONENT = 12
SINGLE_SPACING = 60.0


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
    pairs = {(index[u], index[v]) for u, v in H.edges() if u != v}
    g = ig.Graph(n=n, edges=list(pairs))
    comps = sorted((list(c) for c in g.connected_components(mode="weak")), key=len, reverse=True)
    singles = [c[0] for c in comps if len(c) == 1]
    boxes = []
    for members in (c for c in comps if len(c) > 1):
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


def _scale(values: dict[str, float], lo: float = 8.0, hi: float = 40.0) -> dict[str, float]:
    if not values:
        return {}
    vmin, vmax = min(values.values()), max(values.values())
    spread = (vmax - vmin) or 1.0
    return {k: round(lo + (hi - lo) * math.sqrt((v - vmin) / spread), 1) for k, v in values.items()}


def _edge_amount(H: nx.MultiDiGraph, u: str, v: str, rel: str) -> float | None:
    if rel not in MONEY_RELATIONS:
        return None
    project = v if rel == "investedIn" else u
    return H.nodes[project].get("amounts", {}).get("totalInvestment")


# ---------------------------------------------------------------- page data

def build_network(H: nx.MultiDiGraph, *, size_by: str = "pagerank", title: str = "aidkg"):
    """A pyvis Network filled directly (Network.from_nx is quadratic), the viewer's tables and flags,
    and the details (names, amounts, evidence) the page parses after its first frame."""
    from pyvis.network import Network

    if size_by not in SIZE_MEASURES:
        raise ValueError(f"size_by must be one of {SIZE_MEASURES}, not {size_by!r}")
    palette = _palette()
    order = sorted(H.nodes, key=lambda n: (H.nodes[n]["cls"], H.nodes[n]["label"], n))
    ids = {node: i for i, node in enumerate(order)}
    n = len(order)
    big = n >= PRECOMPUTED_LAYOUT_FROM
    fast = n >= FAST_INTERACTION_FROM
    pos = layout(H, order)

    ranks = pagerank(H)
    degrees = dict(H.degree())
    sizes = {"pagerank": _scale(ranks), "degree": _scale({k: float(v) for k, v in degrees.items()})}
    present_classes = {H.nodes[x]["cls"] for x in order}
    class_names = [c for c in palette["classes"] if c in present_classes]
    class_names += sorted(present_classes - set(class_names))
    class_index = {c: i for i, c in enumerate(class_names)}
    rel_present = {k for _, _, k in H.edges(keys=True)}
    rel_names = [r for r in palette["relations"] if r in rel_present] + sorted(rel_present - set(palette["relations"]))
    rel_index = {r: i for i, r in enumerate(rel_names)}

    def cls_meta(c):
        return palette["classes"].get(c, palette["classes"]["Other"])

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    info = []
    for node in order:
        d = H.nodes[node]
        meta = cls_meta(d["cls"])
        names = entity_names(d)
        x, y = pos.get(node, (0.0, 0.0))
        # colour, id: filled in by the page from the class table (viewer.js)
        net.nodes.append({"label": d["label"], "c": class_index[d["cls"]],
                          "size": sizes[size_by].get(node, 10.0), "x": round(x), "y": round(y)})
        entry = {"iri": node[len(ID_BASE):] if node.startswith(ID_BASE) else node,
                 "sz": [sizes[m].get(node, 10.0) for m in SIZE_MEASURES],
                 "pr": round(ranks.get(node, 0.0), 6), "deg": degrees.get(node, 0)}
        labels = d.get("labels", {})
        if labels != {"zh-hans": d["label"]}:
            entry["labels"] = labels
        others = [x for x in names if x != d["label"]]
        for key, value in (("names", others), ("alts", d.get("altLabels")), ("code", d.get("code")),
                           ("amounts", d.get("amounts")), ("dates", d.get("dates"))):
            if value:
                entry[key] = value
        info.append(entry)

    articles: dict[str, int] = {}
    article_list: list[dict] = []
    methods: dict[str | None, int] = {}
    evidence: list[list] = []
    amounts = {}
    for u, v, k in H.edges(keys=True):
        a = _edge_amount(H, u, v, k)
        if a:
            amounts[(u, v, k)] = a
    logs = [math.log10(a) for a in amounts.values()]
    lo, hi = (min(logs), max(logs)) if logs else (0.0, 1.0)
    parallel: dict[tuple, int] = {}
    for i, (u, v, k, d) in enumerate(H.edges(keys=True, data=True)):
        pair = (min(ids[u], ids[v]), max(ids[u], ids[v]))
        nth = parallel[pair] = parallel.get(pair, -1) + 1
        items = []
        for e in d.get("evidence", []):
            akey = e.get("article", "")
            if akey not in articles:
                articles[akey] = len(article_list)
                article_list.append({f: e.get(f) for f in ("article", "title", "date", "source", "site")})
            m = methods.setdefault(e.get("method"), len(methods))
            items.append({"s": e.get("sentence", ""), "a": articles[akey], "m": m})
        evidence.append(items)
        amount = amounts.get((u, v, k))
        width = 1.0 + (7.0 * (math.log10(amount) - lo) / ((hi - lo) or 1.0) if amount else 0.0)
        # label, colour, id and arrows: filled in by the page from the relation table (viewer.js)
        edge = {"from": ids[u], "to": ids[v], "r": rel_index[k]}
        if amount:
            edge["amt"] = amount
            edge["width"] = round(width, 2)
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * nth}
        net.edges.append(edge)

    net.options = {
        "autoResize": True,
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"face": FONT_FACE, "size": 10, "align": "horizontal", "color": "#555555",
                           "strokeWidth": 2, "strokeColor": "#ffffff"},
                  "selectionWidth": 2, "hoverWidth": 0.5},
        "physics": ({"enabled": False} if big else
                    # ForceAtlas2 keeps the many unconnected entities of a small build close
                    # enough that labels stay readable when the whole graph fits the screen
                    {"enabled": True, "solver": "forceAtlas2Based",
                     "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.02,
                                          "springLength": 80, "avoidOverlap": 0.4},
                     "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50,
                                       "fit": True}}),
        "layout": {"improvedLayout": False},
        # tooltips are the viewer's own (text only, no redraw on hover); slow frames pan and zoom
        # over a snapshot of the last full frame (viewer.js); a 20k-node view is mostly covered by
        # nodes, so there dragging pans instead of moving one node
        "interaction": {"hover": False, "dragNodes": not fast,
                        "multiselect": False, "navigationButtons": False},
    }
    side = {
        "title": title,
        "classes": [{"name": c, "zh": cls_meta(c)["zh"], "color": cls_meta(c)["color"],
                     "count": sum(1 for x in order if H.nodes[x]["cls"] == c)} for c in class_names],
        "relations": [{"name": r, "zh": palette["relations"].get(r, {}).get("zh", r),
                       "color": palette["relations"].get(r, {}).get("color", "#999999"),
                       "count": sum(1 for *_, k in H.edges(keys=True) if k == r)} for r in rel_names],
        "sizeMeasures": list(SIZE_MEASURES), "sizeBy": size_by, "base": ID_BASE,
        "big": big, "fast": fast,
    }
    details = {"info": info, "evidence": evidence, "articles": article_list,
               "methods": list(methods)}
    return net, side, details


def _json_for_script(obj) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the strings hold."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(graph, *, focus=None, hops: int = 1, classes=None, relations=None,
                size_by: str = "pagerank", title: str = "aidkg knowledge graph") -> str:
    G = entity_graph(graph)
    H = select_subgraph(G, focus=focus, hops=hops, classes=classes, relations=relations)
    net, side, details = build_network(H, size_by=size_by, title=title)
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    side.update(nodes=nodes, edges=edges, options=json.loads(options))
    return _template().render(
        title=title, vis_css=_static("vis-network.css"), vis_js=_static("vis-network.min.js"),
        viewer_css=_static("viewer.css"), hooks_js=_static("vis-hooks.js"), viewer_js=_static("viewer.js"),
        graph=_json_for_script(side), details=_json_for_script(details),
    )


def write_html(graph, path: str | os.PathLike, **kwargs) -> Path:
    """Write the viewer page for an RDF graph (or an entity graph from aidkg.analysis) atomically.

    Keyword arguments: focus (a name or IRI, or several), hops, classes, relations,
    size_by ("pagerank" | "degree"), title.
    """
    page = render_html(graph, **kwargs)
    path = Path(path)
    with atomic_open(path, "w") as f:
        f.write(page)
    return path


def notebook_view(graph, *, height: int = 720, **kwargs):
    """The viewer inline in Jupyter: an iframe whose srcdoc is the whole (escaped) page."""
    from IPython.display import HTML

    page = render_html(graph, **kwargs)
    return HTML(f'<div class="aidkg-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
                f'sandbox="allow-scripts"></iframe></div>')
