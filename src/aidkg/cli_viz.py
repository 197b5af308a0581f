"""`aidkg viz` (the HTML viewer) and `aidkg stats` (network analysis report)."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

DEFAULT_STORE = Path("output/store")
DEFAULT_HTML = Path("output/graph.html")


class View(str, Enum):
    graph = "graph"
    timeline = "timeline"
    map = "map"


class SizeBy(str, Enum):
    pagerank = "pagerank"
    degree = "degree"


def load_entity_graph(store: Path | None, graph: Path | None):
    """The entity graph of the store, or of one RDF file (loaded into an in-memory store), read by
    SELECTs (aidkg.viz.load: no rdflib copy of the store)."""
    from .viz.load import store_entity_graph

    st = _open_store(store, graph)
    try:
        return store_entity_graph(st)
    finally:
        st.close()


def _open_store(store: Path | None, graph: Path | None):
    """The store (read-only), or an in-memory one holding an RDF file: the view reads it with SELECTs."""
    from .store import Store

    if graph is not None:
        if not graph.exists():
            raise typer.BadParameter(f"no such file: {graph}", param_hint="--graph")
        return Store.from_file(graph)
    try:
        from .state import default_store
        from rich.console import Console
        path = default_store(store, announce=lambda msg: Console(stderr=True).print(f"aidkg: {msg}", highlight=False))
        return Store(path, read_only=True)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--store") from exc


def viz(
    store: Optional[Path] = typer.Option(None, "--store", help="Oxigraph store to draw (default: the last build's, else output/store)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="Draw this RDF file instead of the store."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file to write (default output/<view>.html)."),
    view: View = typer.Option(View.graph, "--view", help="graph (entities and relations), timeline (by year) or map (donors and recipients, money as flow width)."),
    focus: Optional[List[str]] = typer.Option(None, "--focus", help="Entity name (either script) or IRI to centre on; repeatable."),
    hops: int = typer.Option(1, "--hops", min=0, help="Neighbourhood radius around --focus."),
    classes: Optional[List[str]] = typer.Option(None, "--class", help="Keep only these classes (Region, Project, …); repeatable."),
    relations: Optional[List[str]] = typer.Option(None, "--relation", help="Keep only these relations (fundedBy, …); repeatable."),
    size_by: SizeBy = typer.Option(SizeBy.pagerank, "--size-by", help="Node size by PageRank or degree."),
    title: str = typer.Option("aidkg knowledge graph", "--title", help="Page title."),
) -> None:
    """Write an offline, self-contained HTML view of the graph (open it by double-clicking)."""
    from rich.console import Console

    from .viz import select_subgraph, write_html
    from .viz.load import MAX_PAGE_ENTITIES, page_graph
    from .vocab import ALL_RELATIONS, ENTITY_CLASSES

    for cls in classes or ():
        if cls not in ENTITY_CLASSES:
            raise typer.BadParameter(f"unknown class {cls!r}: one of {', '.join(ENTITY_CLASSES)}", param_hint="--class")
    for rel in relations or ():
        if rel not in ALL_RELATIONS:
            raise typer.BadParameter(f"unknown relation {rel!r}: one of {', '.join(ALL_RELATIONS)}", param_hint="--relation")
    output = output or DEFAULT_HTML.with_name(f"{view.value}.html")
    if view != View.graph:
        from .viz.views import view_graph, write_view

        st = _open_store(store, graph)
        try:
            G = view_graph(st)
        finally:
            st.close()
        path = write_view(G, view.value, output, title=title)
        Console(stderr=True).print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return
    G = page_graph(_open_store(store, graph), max_sentences=None,
                   # a slice needs the whole graph to cut from; the whole view is bounded
                   max_entities=None if (focus or classes or relations) else MAX_PAGE_ENTITIES)
    try:
        H = select_subgraph(G, focus=focus or None, hops=hops, classes=classes or None,
                            relations=relations or None)
    except LookupError as exc:
        raise typer.BadParameter(str(exc.args[0]), param_hint="--focus") from exc
    path = write_html(H, output, focus=focus or None, hops=hops, size_by=size_by.value, title=title)
    Console(stderr=True).print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB): "
                               f"{H.number_of_nodes()} of {G.number_of_nodes()} entities, "
                               f"{H.number_of_edges()} relations")


def _money(v: float) -> str:
    if v >= 1e8:
        return f"{v / 1e8:,.2f} 亿元"
    if v >= 1e4:
        return f"{v / 1e4:,.0f} 万元"
    return f"{v:,.0f} 元" if v else "—"


def print_report(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    con.print(f"[bold]{report['entities']}[/] entities, [bold]{report['relations']}[/] relations, "
              f"{report['evidence_sentences']} evidence sentences"
              + (f", {report['articles']} articles" if report.get("articles") is not None else ""))
    comp = report["components"]
    con.print(f"{comp['count']} connected components (largest {comp['largest']}, {comp['isolated']} isolated)")

    def table(title, cols, rows):
        t = Table(title=title, title_justify="left")
        for c in cols:
            t.add_column(c, justify="right" if c in ("n", "score", "amount", "projects") else "left")
        for r in rows:
            t.add_row(*[str(x) for x in r])
        con.print(t)

    table("By class", ["class", "n"], report["by_class"].items())
    table("By relation", ["relation", "n"], report["by_relation"].items())
    table("PageRank", ["entity", "class", "score"],
          [(r["label"], r["cls"], f"{r['score']:.4f}") for r in report["pagerank"]])
    table("Betweenness", ["entity", "class", "score"],
          [(r["label"], r["cls"], f"{r['score']:.4f}") for r in report["betweenness"]])
    table("Who aids whom (donor → recipient; ↔ where the text gives no direction)",
          ["donor", "", "recipient", "sentences", "articles"],
          [(r["donor"], "→" if r["directed"] else "↔", r["recipient"], r["sentences"], r["articles"])
           for r in report.get("pairings", [])])
    table("Money: donor → recipient by kind (figures the articles state, recipients rolled up to prefecture "
          "level, each figure once, parts of a larger figure left out; `aidkg query --name money-figures` lists them)",
          ["donor", "recipient", "province", "kind", "years", "figures", "amount"],
          [(r["donor"] or "?", r["recipient"] or "?", r.get("recipient_province") or "", r["kind"], r["years"],
            r["figures"], _money(r["amount"])) for r in report.get("money_flows", [])])
    table("Top investors", ["investor", "class", "projects", "amount"],
          [(r["donor"], r["cls"], r["projects"], _money(r["amount"])) for r in report["top_investors"]])


def stats(
    store: Optional[Path] = typer.Option(None, "--store", help="Oxigraph store (default: the last build's, else output/store)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="Analyse this RDF file instead of the store."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write PNG charts into this directory."),
    top: int = typer.Option(10, "--top", min=1, help="Rows per ranking."),
) -> None:
    """Counts, central entities, components and money flows of the graph."""
    from .analysis import plot_stats, stats_report

    report = stats_report(load_entity_graph(store, graph), top=top)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    if plot is not None:
        import importlib.util
        if importlib.util.find_spec("matplotlib") is None:
            typer.echo("aidkg stats --plot draws with matplotlib, which is not installed: "
                       "pip install 'aidkg[plot]'", err=True)
            raise typer.Exit(2)
        for path in plot_stats(report, plot):
            typer.echo(f"wrote {path}", err=True)


def register(app: typer.Typer) -> None:
    app.command("viz")(viz)
    app.command("stats")(stats)
