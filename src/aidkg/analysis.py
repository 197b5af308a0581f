"""Network analysis over the entities of the knowledge graph (not over every RDF triple).

Converting every triple would make literals and provenance nodes the "most central" things in the
graph; the entity graph keeps only typed entities and the relation triples between them, with the
supporting sentences attached to each edge.
"""
from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .io import atomic_open
from .vocab import AID, ALL_RELATIONS, ENTITY_CLASSES, REGION_CLASSES

MONEY_RELATIONS = ("investedIn", "fundedBy")
HIERARCHY_RELATIONS = ("locatedIn", "partOf")
_CLASS_RANK = {c: i for i, c in enumerate(ENTITY_CLASSES)}   # most specific first
_CLASS_IRIS = {AID[c]: c for c in ENTITY_CLASSES}
_PRED_IRIS = {AID[r]: r for r in ALL_RELATIONS}


# ---------------------------------------------------------------- entity graph

def _union_view(rdf_graph):
    """A Dataset only answers triple patterns over its default graph unless told to use the union."""
    if hasattr(rdf_graph, "default_union") and not getattr(rdf_graph, "default_union"):
        try:
            rdf_graph.default_union = True
        except AttributeError:  # pragma: no cover - read-only wrappers
            pass
    return rdf_graph


def _number(lit) -> float | None:
    if not isinstance(lit, Literal):
        return None
    try:
        value = float(lit.toPython())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _lang_of(lit: Literal) -> str:
    return (lit.language or "").lower()


def _article_info(g: Graph, article, cache: dict) -> dict:
    if article in cache:
        return cache[article]
    info = {"article": str(article)}
    for key, pred in (("title", DCTERMS.title), ("date", DCTERMS.date),
                      ("source", DCTERMS.source), ("publisher", DCTERMS.publisher), ("site", AID.site)):
        value = g.value(article, pred)
        if value is not None:
            info[key] = str(value)
    cache[article] = info
    return info


def _add_entity(G: nx.MultiDiGraph, g: Graph, node, cls: str | None) -> None:
    labels: dict[str, str] = {}
    for lit in g.objects(node, RDFS.label):
        if isinstance(lit, Literal):
            labels.setdefault(_lang_of(lit) or "und", str(lit))
    alts: list[str] = []
    for lit in g.objects(node, SKOS.altLabel):
        if isinstance(lit, Literal) and str(lit) not in alts:
            alts.append(str(lit))
    label = labels.get("zh-hans") or labels.get("zh-hant") or next(iter(labels.values()), None)
    if label is None:
        label = str(node).rstrip("/").rsplit("/", 1)[-1]
    amounts = {}
    for key in ("totalInvestment", "floorArea"):
        value = _number(g.value(node, AID[key]))
        if value is not None:
            amounts[key] = value
    dates = {}
    for key in ("startDate", "completionDate"):
        value = g.value(node, AID[key])
        if value is not None:
            dates[key] = str(value)
    code = g.value(node, AID.divisionCode)
    G.add_node(
        str(node), cls=cls or "Other", label=label, labels=labels, altLabels=alts,
        code=str(code) if code is not None else None, amounts=amounts, dates=dates,
        articles=sum(1 for _ in g.objects(node, AID.mentionedIn)),
    )


def entity_graph(rdf_graph) -> nx.MultiDiGraph:
    """Typed entities as nodes, one edge per relation triple (key = relation name) with its evidence."""
    if isinstance(rdf_graph, nx.MultiDiGraph):
        return rdf_graph
    g = _union_view(rdf_graph)
    classes: dict[Any, str] = {}
    for class_iri, cls in _CLASS_IRIS.items():
        for node in g.subjects(RDF.type, class_iri):
            old = classes.get(node)
            if old is None or _CLASS_RANK[cls] < _CLASS_RANK[old]:
                classes[node] = cls
    G = nx.MultiDiGraph()
    for node, cls in classes.items():
        _add_entity(G, g, node, cls)

    evidence: dict[tuple, list] = defaultdict(list)
    articles: dict = {}
    for stmt, pred in g.subject_objects(RDF.predicate):
        rel = _PRED_IRIS.get(pred)
        if rel is None:
            continue
        s, o = g.value(stmt, RDF.subject), g.value(stmt, RDF.object)
        if s is None or o is None:
            continue
        item = {"sentence": str(g.value(stmt, AID.evidence) or "")}
        method = g.value(stmt, AID.extractionMethod)
        if method is not None:
            item["method"] = str(method)
        via = sorted((int(g.value(r, AID.referenceStart) or 0), str(g.value(r, AID.referringText) or ""),
                      str(g.value(r, AID.refersTo) or "")) for r in g.objects(stmt, AID.viaReference))
        if via:   # the words the sentence stands for an entity with (该县 → its county): aid:viaReference
            item["via"] = [[words, x] for _, words, x in via]
        for art in g.objects(stmt, PROV.wasDerivedFrom):
            if (art, RDF.type, AID.Article) in g:
                item.update(_article_info(g, art, articles))
                break
        evidence[(str(s), rel, str(o))].append(item)

    # a pairing that a supports triple states with its direction is drawn once, as the arrow
    directed = {frozenset((str(s), str(o))) for s, o in g.subject_objects(AID.supports)}
    folded: dict[frozenset, list] = defaultdict(list)
    for pred_iri, rel in _PRED_IRIS.items():
        for s, o in g.subject_objects(pred_iri):
            if not isinstance(o, URIRef):
                continue
            if rel == "pairedWith" and frozenset((str(s), str(o))) in directed:
                folded[frozenset((str(s), str(o)))] += evidence.get((str(s), rel, str(o)), [])
                continue
            for node in (s, o):
                if str(node) not in G:
                    _add_entity(G, g, node, None)
            items = evidence.get((str(s), rel, str(o)), [])
            items.sort(key=lambda e: (e.get("date", ""), e.get("title", ""), e["sentence"]))
            G.add_edge(str(s), str(o), key=rel, predicate=rel, evidence=items)
    G.graph["money"] = _money_records(g, articles)
    for m in g.subjects(RDF.type, AID.Mention):
        node = g.value(m, AID.mentionOf)
        if node is None or str(node) not in G:
            continue
        start = g.value(m, AID.evidenceStart)
        item = {"sentence": str(g.value(m, AID.evidence) or ""), "start": int(start) if start is not None else 0}
        art = g.value(m, PROV.wasDerivedFrom)
        if art is not None:
            item.update(_article_info(g, art, articles))
        G.nodes[str(node)].setdefault("mentions", []).append(item)
    for _, d in G.nodes(data=True):
        if "mentions" in d:
            d["mentions"].sort(key=lambda e: (e.get("date", ""), e.get("title", ""), e["start"]))
    # sentences that state the pairing without its direction still belong on the arrow
    for u, v, k, d in G.edges(keys=True, data=True):
        extra = folded.get(frozenset((u, v))) if k == "supports" else None
        if extra:
            have = {e["sentence"] for e in d["evidence"]}
            d["evidence"] += [e for e in extra if e["sentence"] not in have]
            d["evidence"].sort(key=lambda e: (e.get("date", ""), e.get("title", ""), e["sentence"]))
    return G


def _money_records(g, articles: dict) -> list[dict]:
    """Every aid:MoneyFlow as a plain dict (amounts as floats, parties as IRIs)."""
    out = []
    for f in set(g.subjects(RDF.type, AID.MoneyFlow)):
        amount = _number(g.value(f, AID.amountYuan))
        if amount is None:
            continue
        rec = {"iri": str(f), "amount": amount}
        for key, pred in (("donor", AID.donor), ("recipient", AID.recipient), ("project", AID.aboutProject),
                          ("included_in", AID.includedIn)):
            value = g.value(f, pred)
            rec[key] = str(value) if value is not None else None
        for key, pred in (("kind", AID.moneyKind), ("scope", AID.scope), ("period", AID.period),
                          ("stated", AID.statedAs), ("sentence", AID.evidence)):
            value = g.value(f, pred)
            rec[key] = str(value) if value is not None else None
        for key, pred in (("from", AID.periodStart), ("to", AID.periodEnd)):
            value = g.value(f, pred)
            rec[key] = int(str(value)[:4]) if value is not None and str(value)[:4].isdigit() else None
        art = g.value(f, PROV.wasDerivedFrom)
        if art is not None:
            rec.update({k: v for k, v in _article_info(g, art, articles).items() if k in ("article", "title", "date")})
        out.append(rec)
    out.sort(key=lambda r: (r.get("date") or "", r["iri"]))
    return out


def counted_money(G: nx.MultiDiGraph) -> list[dict]:
    """The figures a sum adds: each distinct figure once (the same project or period, parties, kind
    and amount stated twice is one), without figures inside a larger one of the same kind."""
    records = G.graph.get("money", [])
    kind_of = {r["iri"]: r["kind"] for r in records}
    seen, out = set(), []
    for r in records:
        if r.get("included_in") and kind_of.get(r["included_in"]) == r["kind"]:
            continue
        key = (r["donor"], r["recipient"], r["kind"], r["amount"], r["project"], r["from"])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def money_totals(G: nx.MultiDiGraph, *, rollup: bool = True) -> list[dict]:
    """Donor → recipient totals by kind of money, the recipient rolled up to prefecture level."""
    by_code = codes_index(G)
    totals: dict[tuple, dict] = {}
    for r in counted_money(G):
        rec = r["recipient"]
        if rollup and rec in G:
            rec = region_rollup(G, rec, by_code)[0] or rec
        row = totals.setdefault((r["donor"], rec, r["kind"]), {"amount": 0.0, "figures": 0, "years": set()})
        row["amount"] += r["amount"]
        row["figures"] += 1
        row["years"] |= {y for y in (r["from"], r["to"]) if y}

    def name(n):
        return G.nodes[n]["label"] if n in G else (n or "")

    rows = []
    for (d, rec, kind), v in totals.items():
        years = sorted(v["years"])
        rows.append({"donor": name(d), "donor_iri": d, "recipient": name(rec), "recipient_iri": rec,
                     "recipient_province": (lambda p: name(p) if p else None)(
                         region_rollup(G, rec, by_code)[1] if rec in G else None),
                     "kind": kind, "amount": v["amount"], "figures": v["figures"],
                     "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")})
    return sorted(rows, key=lambda x: (-x["amount"], x["donor"], x["recipient"], x["kind"]))


# ---------------------------------------------------------------- measures

def _top(scores: dict, G: nx.MultiDiGraph, n: int) -> list[dict]:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [{"iri": k, "label": G.nodes[k]["label"], "cls": G.nodes[k]["cls"], "score": round(v, 6)}
            for k, v in best]


def pagerank(G: nx.MultiDiGraph) -> dict[str, float]:
    if G.number_of_nodes() == 0:
        return {}
    return nx.pagerank(nx.DiGraph(G))


def betweenness(G: nx.MultiDiGraph, *, exact_up_to: int = 5000,
                samples: int | None = None) -> dict[str, float]:
    """Normalised betweenness over the undirected entity graph.

    Exact (igraph, in C: 0.6 s at 5k nodes) up to `exact_up_to` nodes; above, Brandes' estimate
    from `samples` BFS sources (fixed seed), by default as many as fit a budget of ~2M edge visits
    (exact is 14 s at 20k nodes, 256 networkx samples 22 s).
    """
    simple = nx.Graph(G)
    n, m = simple.number_of_nodes(), simple.number_of_edges()
    if n == 0:
        return {}
    if n <= exact_up_to:
        import igraph as ig

        nodes = list(simple)
        index = {v: i for i, v in enumerate(nodes)}
        g = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in simple.edges() if u != v])
        raw = g.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        return {v: b * scale for v, b in zip(nodes, raw)}
    k = samples or max(16, min(256, int(2e6 / (n + m))))
    return nx.betweenness_centrality(simple, k=min(k, n), seed=0)


def components(G: nx.MultiDiGraph, *, n: int = 10) -> dict:
    comps = sorted(nx.weakly_connected_components(G), key=len, reverse=True)
    return {
        "count": len(comps),
        "largest": len(comps[0]) if comps else 0,
        "sizes": [len(c) for c in comps[:n]],
        "isolated": sum(1 for c in comps if len(c) == 1),
    }


# ---------------------------------------------------------------- money

def _parents(G: nx.MultiDiGraph, node: str) -> list[str]:
    return [v for _, v, k in G.out_edges(node, keys=True) if k in HIERARCHY_RELATIONS]


def codes_index(G: nx.MultiDiGraph) -> dict[str, str]:
    return {d["code"]: k for k, d in G.nodes(data=True) if d.get("code")}


def _code_parent(G: nx.MultiDiGraph, node: str, by_code: dict[str, str]) -> str | None:
    """A county's official code names its prefecture (first 4 digits + 00) and province (2 + 0000)."""
    code = G.nodes[node].get("code")
    if not code or len(code) != 6 or not code.isdigit():
        return None
    for parent in (code[:4] + "00", code[:2] + "0000"):
        if parent != code and parent in by_code:
            return by_code[parent]
    return None


def region_rollup(G: nx.MultiDiGraph, node: str,
                  by_code: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    """(prefecture-level unit, province) above `node`, walking locatedIn/partOf (and division codes).

    When no Prefecture is on the way up, the highest region below province level stands in for it,
    so a XPCC regiment rolls up to its division and a project in a township to its county.
    """
    if by_code is None:
        by_code = codes_index(G)
    seen = {node}
    frontier = [node]
    chain: list[str] = []
    while frontier:
        nxt = []
        for cur in frontier:
            chain.append(cur)
            parents = _parents(G, cur)
            if not parents:
                cp = _code_parent(G, cur, by_code)
                parents = [cp] if cp else []
            for p in parents:
                if p not in seen:
                    seen.add(p)
                    nxt.append(p)
        frontier = nxt
    regions = [c for c in chain if G.nodes[c]["cls"] in REGION_CLASSES]
    province = next((c for c in regions if G.nodes[c]["cls"] == "Province"), None)
    prefecture = next((c for c in regions if G.nodes[c]["cls"] == "Prefecture"), None)
    if prefecture is None:
        below = [c for c in regions if G.nodes[c]["cls"] != "Province"]
        corps = [c for c in below if G.nodes[c]["cls"] == "XPCCUnit"]
        if len(corps) >= 2:
            # the corps (兵团) is province-level, its divisions (师) prefecture-level
            prefecture, province = corps[-2], province or corps[-1]
        else:
            prefecture = below[-1] if below else province
    return prefecture, province


def _project_donors(G: nx.MultiDiGraph, project: str) -> set[str]:
    donors = {v for _, v, k in G.out_edges(project, keys=True) if k == "fundedBy"}
    donors |= {u for u, _, k in G.in_edges(project, keys=True) if k == "investedIn"}
    return donors


def _project_places(G: nx.MultiDiGraph, project: str) -> set[str]:
    return {v for _, v, k in G.out_edges(project, keys=True)
            if k == "locatedIn" and G.nodes[v]["cls"] in REGION_CLASSES}


def money_flows(G: nx.MultiDiGraph) -> dict:
    """Donor → recipient totals from projects with a totalInvestment.

    A project funded by several donors counts in full for each pair (the articles rarely split the
    money), but only once in the per-recipient and per-donor totals of distinct projects.
    """
    by_code = codes_index(G)
    pairs: dict[tuple, dict] = {}
    by_recipient: dict[str, dict] = {}
    by_donor: dict[str, dict] = {}
    for project, data in G.nodes(data=True):
        donors = _project_donors(G, project)
        if not donors:
            continue
        amount = data["amounts"].get("totalInvestment")
        recipients = {region_rollup(G, place, by_code)[0] or place for place in _project_places(G, project)}
        # a project "in" both a prefecture's county and a park of unknown parent: the park lies
        # within the county far more often than not, so the resolved prefecture takes the money
        resolved = {r for r in recipients if G.nodes[r]["cls"] == "Prefecture"}
        if resolved:
            recipients = resolved
        for donor in donors:
            d = by_donor.setdefault(donor, {"projects": 0, "amount": 0.0, "with_amount": 0})
            d["projects"] += 1
            if amount is not None:
                d["amount"] += amount
                d["with_amount"] += 1
            for rec in recipients:
                p = pairs.setdefault((donor, rec), {"projects": 0, "amount": 0.0})
                p["projects"] += 1
                p["amount"] += amount or 0.0
        for rec in recipients:
            r = by_recipient.setdefault(rec, {"projects": 0, "amount": 0.0})
            r["projects"] += 1
            r["amount"] += amount or 0.0

    def name(n):
        return G.nodes[n]["label"]

    return {
        "pairs": sorted(
            ({"donor": name(d), "donor_iri": d, "recipient": name(r), "recipient_iri": r,
              "recipient_province": (lambda p: name(p) if p else None)(region_rollup(G, r, by_code)[1]),
              **v}
             for (d, r), v in pairs.items()),
            key=lambda x: (-x["amount"], -x["projects"], x["donor"], x["recipient"])),
        "recipients": sorted(
            ({"recipient": name(r), "iri": r, **v} for r, v in by_recipient.items()),
            key=lambda x: (-x["amount"], -x["projects"], x["recipient"])),
        "donors": sorted(
            ({"donor": name(d), "iri": d, "cls": G.nodes[d]["cls"], **v} for d, v in by_donor.items()),
            key=lambda x: (-x["amount"], -x["projects"], x["donor"])),
    }


# ---------------------------------------------------------------- who aids whom

def pairings(G: nx.MultiDiGraph) -> list[dict]:
    """Donor → recipient from aid:supports, then the pairings stated without a direction."""
    rows = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in ("supports", "pairedWith"):
            continue
        ev = d.get("evidence", [])
        rows.append({"donor": G.nodes[u]["label"], "donor_iri": u, "recipient": G.nodes[v]["label"],
                     "recipient_iri": v, "directed": k == "supports", "sentences": len(ev),
                     "articles": len({e.get("article") for e in ev})})
    return sorted(rows, key=lambda r: (not r["directed"], -r["sentences"], r["donor"], r["recipient"]))


# ---------------------------------------------------------------- report

def _count_articles(rdf_graph) -> int | None:
    if isinstance(rdf_graph, nx.Graph):
        return rdf_graph.graph.get("articles")   # aidkg.viz.load.page_graph counts them
    g = _union_view(rdf_graph)
    return len(set(g.subjects(RDF.type, AID.Article)))


def stats_report(rdf_graph, *, top: int = 10) -> dict:
    """Everything `aidkg stats` prints, as plain JSON-ready data."""
    G = entity_graph(rdf_graph)
    by_class = Counter(d["cls"] for _, d in G.nodes(data=True))
    by_relation = Counter(k for _, _, k in G.edges(keys=True))
    money = money_flows(G)
    investors = [d for d in money["donors"] if d["cls"] not in REGION_CLASSES] or money["donors"]
    return {
        "articles": _count_articles(rdf_graph),
        "entities": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "evidence_sentences": sum(len(d.get("evidence", ())) for _, _, d in G.edges(data=True)),
        "by_class": dict(by_class.most_common()),
        "by_relation": dict(by_relation.most_common()),
        "pagerank": _top(pagerank(G), G, top),
        "betweenness": _top(betweenness(G), G, top),
        "components": components(G),
        "pairings": pairings(G)[: top * 3],
        "money_flows": money_totals(G)[: top * 3],
        "money_pairs": money["pairs"][: top * 3],
        "money_by_recipient": money["recipients"][: top * 2],
        "projects_by_donor": money["donors"][: top * 2],
        "top_investors": investors[:top],
    }


# ---------------------------------------------------------------- export

def _flat(value) -> str | float | int | bool:
    """GraphML and GEXF hold strings and numbers only: lists and dicts are joined into text."""
    if isinstance(value, (int, float, bool, str)):
        return value
    if value is None:
        return ""
    if isinstance(value, dict):
        return " | ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, Iterable):
        return " | ".join(str(v) for v in value)
    return str(value)


def flat_network(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {"label": d["label"], "cls": d["cls"], "code": d.get("code") or "",
                 "labels": _flat(d["labels"]), "altLabels": _flat(d["altLabels"]),
                 "articles": d.get("articles", 0)}
        for k, v in d.get("amounts", {}).items():
            attrs[k] = float(v)
        for k, v in d.get("dates", {}).items():
            attrs[k] = v
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        ev = d.get("evidence", [])
        attrs = {}
        if k in MONEY_RELATIONS:   # the project's total on the edge that brings or takes the money
            project = v if k == "investedIn" else u
            amount = G.nodes[project].get("amounts", {}).get("totalInvestment")
            if amount is not None:
                attrs["amount"] = float(amount)
        H.add_edge(u, v, key=k, label=k, relation=k, evidence_count=len(ev),
                   evidence=" ‖ ".join(e["sentence"] for e in ev),
                   articles=" | ".join(sorted({e.get("title") or e.get("article", "") for e in ev})), **attrs)
    # money: one edge per donor, recipient and kind, carrying the total a reader can add up
    by_pair: dict[tuple, dict] = {}
    for r in counted_money(G):
        if not (r["donor"] in H and r["recipient"] in H):
            continue
        row = by_pair.setdefault((r["donor"], r["recipient"], r["kind"]), {"amount": 0.0, "figures": [], "sentences": []})
        row["amount"] += r["amount"]
        row["figures"].append(r.get("stated") or f"{r['amount']:.0f}")
        row["sentences"].append(r.get("sentence") or "")
    for (u, v, kind), row in by_pair.items():
        H.add_edge(u, v, key=f"money:{kind}", label=f"money ({kind})", relation="moneyFlow", kind=kind,
                   amount=row["amount"], figures=" + ".join(row["figures"]), evidence_count=len(row["sentences"]),
                   evidence=" ‖ ".join(row["sentences"]), articles="")
    return H


def export_network(rdf_graph, fmt: str, path: str | os.PathLike) -> Path:
    """Write the entity graph as GraphML or GEXF (for Gephi, Cytoscape)."""
    fmt = fmt.lower()
    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if fmt not in writers:
        raise ValueError(f"unknown network format {fmt!r}; choose graphml or gexf")
    H = flat_network(entity_graph(rdf_graph))
    path = Path(path)
    with atomic_open(path, "wb") as f:
        writers[fmt](H, f)
    return path


# ---------------------------------------------------------------- charts

def cjk_font_family() -> str | None:
    """Register Debian's Noto Sans CJK with matplotlib and return its family name (None if absent)."""
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Serif CJK SC")
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in wanted:
        if family in known:
            return family
    for path in font_manager.findSystemFonts():
        if "NotoSansCJK" in os.path.basename(path) or "NotoSerifCJK" in os.path.basename(path):
            try:
                font_manager.fontManager.addfont(path)
            except (RuntimeError, OSError):  # pragma: no cover - unreadable font file
                continue
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in wanted if f in known), None)


def _yuan_label(value: float) -> str:
    if value >= 1e8:
        return f"{value / 1e8:.2f} 亿元"
    if value >= 1e4:
        return f"{value / 1e4:.0f} 万元"
    return f"{value:.0f} 元"


def _barh(rows: list[tuple[str, float]], title: str, xlabel: str, path: Path, family, fmt) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = rows[:15][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 2) + 1.4), dpi=120)
    try:
        names = [r[0] for r in rows]
        values = [r[1] for r in rows]
        bars = ax.barh(range(len(rows)), values, color="#4c78a8")
        ax.set_yticks(range(len(rows)), names, fontfamily=family)
        ax.set_title(title, fontfamily=family)
        ax.set_xlabel(xlabel, fontfamily=family)
        for bar, v in zip(bars, values):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + fmt(v),
                    va="center", fontsize=8, fontfamily=family)
        ax.margins(x=0.2)
        fig.tight_layout()
        with atomic_open(path, "wb") as f:
            fig.savefig(f, format="png")
    finally:
        plt.close(fig)
    return path


def plot_stats(report: dict, out_dir: str | os.PathLike) -> list[Path]:
    """PNG bar charts: money by recipient region, projects per donor. Chinese labels need a CJK font."""
    out = Path(out_dir)
    family = cjk_font_family()
    written = []
    recipients = [(r["recipient"], r["amount"] / 1e4)
                  for r in report.get("money_by_recipient", []) if r["amount"]]
    if recipients:
        written.append(_barh(recipients, "援助资金（按受援地区）", "万元", out / "money_by_recipient.png",
                             family, lambda v: _yuan_label(v * 1e4)))
    donors = [(d["donor"], d["projects"]) for d in report.get("projects_by_donor", [])]
    if donors:
        written.append(_barh(donors, "项目数（按援助方）", "项目", out / "projects_by_donor.png",
                             family, lambda v: f"{v:.0f}"))
    return written
