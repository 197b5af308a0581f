"""The self-contained HTML viewer page of the entity graph, built with pyvis and the vis-network it wraps.

The page needs no network: vis-network (copied from pyvis's package into aidkg/static) and the
viewer's own JS/CSS are inlined. Everything from articles travels as JSON inside
`<script type="application/json">` blocks (with <, >, & escaped) and reaches the DOM only through
textContent.
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

from ..analysis import entity_graph, pagerank
from ..io import atomic_open
from ..vocab import ID
from .layout import layout
from .names import entity_names
from .select import resolve_focus, select_subgraph

PRECOMPUTED_LAYOUT_FROM = 400
# past this many nodes, dragging always pans the view (nodes cover most of it)
FAST_INTERACTION_FROM = 3000
FONT_FACE = '"Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
SIZE_MEASURES = ("pagerank", "degree")
MONEY_RELATIONS = ("investedIn", "fundedBy")
ID_BASE = str(ID)   # instance IRIs travel relative to this (a fifth of a 20k-node page otherwise)


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

def build_network(H: nx.MultiDiGraph, *, size_by: str = "pagerank", title: str = "aidkg",
                  focus: Iterable[str] = ()):
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
    articles: dict[str, int] = {}
    article_list: list[dict] = []

    def article_index(e: dict) -> int:
        akey = e.get("article", "")
        if akey not in articles:
            articles[akey] = len(article_list)
            article_list.append({f: e.get(f) for f in ("article", "title", "date", "source", "site")})
        return articles[akey]

    info = []
    for node in order:
        d = H.nodes[node]
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
        if d.get("mentions"):   # the sentences that name it, also when it has no relation
            entry["ms"] = [[m["sentence"], article_index(m)] for m in d["mentions"]]
        info.append(entry)

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
            m = methods.setdefault(e.get("method"), len(methods))
            item = {"s": e.get("sentence", ""), "a": article_index(e), "m": m}
            if e.get("via"):   # the words standing for an entity there, and the name they were read as
                item["v"] = [[words, H.nodes[x]["label"] if x in H else ""] for words, x in e["via"]]
            items.append(item)
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
        "classNames": [c for c in palette["classes"] if c != "Other"],
        "big": big, "fast": fast, "focus": sorted(ids[n] for n in focus if n in ids),
    }
    details = {"info": info, "evidence": evidence, "articles": article_list,
               "methods": list(methods)}
    return net, side, details


def _escape_for_script(text: str) -> str:
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _json_for_script(obj) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the strings hold."""
    return _escape_for_script(_json(obj))


def _json_pieces_for_script(obj):
    """_json_for_script(obj) in pieces (joined, the same text): a dict's values and a list's items
    one at a time, so that a page's data is never one string -- at 10,000 articles the details'
    JSON and its escaped copies were most of graph.html's memory. The escapes are of single
    characters, so escaping the pieces escapes the whole."""
    if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
        yield "{"
        for i, (key, value) in enumerate(obj.items()):
            yield _escape_for_script(("," if i else "") + _json(key) + ":")
            yield from _json_pieces_for_script(value)
        yield "}"
    elif isinstance(obj, list):
        yield "["
        for i, item in enumerate(obj):
            if i:
                yield ","
            yield _escape_for_script(_json(item))
        yield "]"
    else:
        yield _json_for_script(obj)


# where the page's two data blocks go in the rendered template (characters no JSON text or
# template holds: the page data's NULs would be escaped as \u0000)
_DATA_MARKS = ("\x00aidkg-graph\x00", "\x00aidkg-details\x00")


def _page_pieces(graph, *, focus=None, hops: int = 1, classes=None, relations=None,
                 size_by: str = "pagerank", title: str = "aidkg knowledge graph"):
    G = entity_graph(graph)
    H = select_subgraph(G, focus=focus, hops=hops, classes=classes, relations=relations)
    centre = resolve_focus(G, focus) if focus else set()
    net, side, details = build_network(H, size_by=size_by, title=title, focus=centre)
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    side.update(nodes=nodes, edges=edges, options=json.loads(options))
    page = _template().render(
        title=title, vis_css=_static("vis-network.css"), vis_js=_static("vis-network.min.js"),
        viewer_css=_static("viewer.css"), hooks_js=_static("vis-hooks.js"), viewer_js=_static("viewer.js"),
        graph=_DATA_MARKS[0], details=_DATA_MARKS[1])
    head, rest = page.split(_DATA_MARKS[0])
    middle, tail = rest.split(_DATA_MARKS[1])
    yield head
    yield from _json_pieces_for_script(side)
    yield middle
    yield from _json_pieces_for_script(details)
    yield tail


def render_html(graph, **kwargs) -> str:
    """The viewer page for an RDF graph (or an entity graph from aidkg.analysis); keyword arguments
    as write_html's."""
    return "".join(_page_pieces(graph, **kwargs))


def write_html(graph, path: str | os.PathLike, **kwargs) -> Path:
    """Write the viewer page for an RDF graph (or an entity graph from aidkg.analysis) atomically,
    piece by piece (the page is never one string).

    Keyword arguments: focus (a name or IRI, or several), hops, classes, relations,
    size_by ("pagerank" | "degree"), title.
    """
    path = Path(path)
    with atomic_open(path, "w") as f:
        for piece in _page_pieces(graph, **kwargs):
            f.write(piece)
    return path


def notebook_view(graph, *, height: int = 720, **kwargs):
    """The viewer inline in Jupyter: an iframe whose srcdoc is the whole (escaped) page."""
    from IPython.display import HTML

    page = render_html(graph, **kwargs)
    return HTML(f'<div class="aidkg-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
                f'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe></div>')
