"""Commands on the store: query, export, remove, serve, push."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import List, NamedTuple, Optional

import typer

STORE_OPT = typer.Option(None, "--store", help="the store directory (default: the last build's, see `aidkg build`)")


def _store_path(path: Path | None) -> Path:
    from aidkg.state import default_store
    return default_store(path, announce=lambda msg: typer.echo(f"aidkg: {msg}", err=True))


def _err(msg: str, code: int = 1):
    typer.echo(f"aidkg: {msg}", err=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def _open_store(path: Path | None):
    """The store, closed on the way out (RocksDB allows one writer per directory)."""
    from aidkg.store import Store, StoreBusy
    path = _store_path(path)
    if not path.exists():
        _err(f"no store at {path} (build one with `aidkg build`, or give --store or --graph)")
    try:
        store = Store(path)
    except StoreBusy:
        # a build or an updating server holds it: read what it has committed so far
        typer.echo(f"aidkg: {path} is being written by another process; reading it read-only", err=True)
        try:
            store = Store(path, read_only=True)
        except (OSError, RuntimeError) as exc:
            _err(f"{path} is being written by another process and cannot be read now ({exc})")
    try:
        yield store
    finally:
        store.close()


def _is_file(text: str) -> bool:
    try:
        return "\n" not in text and Path(text).is_file()
    except OSError:  # a one-line query longer than a file name may be
        return False


class Page(NamedTuple):
    size: int  # rows per page
    note: str  # how to see the other rows


def _query_text(query: Optional[str], name: Optional[str], params: List[str]) -> tuple[str, Optional[Page]]:
    """The query to run, and for a paged named query its page."""
    from aidkg import query_library as ql
    if name:
        nq = ql.get(name)
        values = ql.parse_params(params)
        return nq.render(values), _page(nq, values)
    if not query:
        _err("give a query, a .rq file, --name NAME or --list")
    if query.endswith(".rq") or _is_file(query):
        path = Path(query)
        if not path.is_file():
            _err(f"no query file {query}")
        nq = ql.parse(path)
        values = ql.parse_params(params)
        return (nq.render(values) if nq.params or params else nq.text), _page(nq, values)
    if params:
        _err("--param only applies to named queries and .rq files")
    return query, None


def _page(nq, values: dict) -> Optional[Page]:
    size = nq.page_size(values)
    if size is None:
        return None
    offset = str(values.get("offset") or "0").strip()
    start = int(offset) if offset.isdigit() else 0
    return Page(size, f"{nq.name} is answered a page at a time: up to {size} rows from row {start + 1}; "
                      f"--param offset={start + size} for the next page, --param limit=all for every row")


def _print_list() -> None:
    from rich.console import Console
    from rich.table import Table
    from aidkg import query_library as ql
    table = Table("name", "answers", "parameters", show_lines=False)
    for q in ql.all_queries().values():
        params = ", ".join(p.name + ("" if p.default is None else f'="{p.default}"') for p in q.params.values())
        table.add_row(q.name, q.title, params)
    Console().print(table)


def _print_table(result, page: Optional[Page] = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from aidkg import sparql_format as sf
    kind = sf.result_kind(result)
    if kind == "boolean":
        typer.echo("true" if bool(result) else "false")
        return
    rows = sf.collect(result)
    table = Table(*rows.variables, show_lines=False)
    for row in rows.rows:
        table.add_row(*(sf.compact(t) for t in row))
    console = Console()
    console.print(table)
    console.print(f"{len(rows.rows)} row(s)", style="dim")
    if page and len(rows.rows) >= page.size:
        typer.echo(page.note, err=True)


def _write_result(result, fmt: str, output: Optional[Path], page: Optional[Page] = None) -> None:
    from aidkg import sparql_format as sf
    kind = sf.result_kind(result)
    if fmt == "table" and output is None and kind != "graph":
        return _print_table(result, page)
    if page:  # the rows are not counted here: say it anyway, on stderr
        typer.echo(page.note, err=True)
    choice = _format_choice(fmt, output)
    if kind == "graph" and choice == "xlsx":
        _err("XLSX is for SELECT and ASK answers: write a CONSTRUCT/DESCRIBE graph as ttl, jsonld, nt or rdfxml", 2)
    if kind == "graph" and choice not in sf.GRAPH_TYPES:
        choice = "ttl"  # --format names a results format; a graph is written as Turtle
    try:
        _, body = sf.serialize(result, choice)
    except sf.NotAcceptable as exc:
        _err(str(exc), 2)
    _emit(body, output)


def _format_choice(fmt: str, output: Optional[Path]) -> str:
    """--format as a results format; the table written to a file takes the file's suffix
    (answer.xlsx, answer.csv), else JSON. A workbook is never sent to a terminal."""
    from aidkg import sparql_format as sf
    if fmt == "table":
        suffix = output.suffix.lower().lstrip(".") if output else ""
        choice = sf.FORMAT_NAMES.get(suffix) if suffix in ("csv", "tsv", "json", "xml", "xlsx") else "json"
    else:
        choice = sf.FORMAT_NAMES.get(fmt.lower())
    if choice is None:
        _err(f"unknown format {fmt}: table|csv|tsv|json|xml|xlsx, or ttl|jsonld|nt|rdfxml for graphs", 2)
    if choice == "xlsx" and output is None and sys.stdout.isatty():
        _err("an XLSX workbook is a binary file: write it with -o FILE.xlsx", 2)
    return choice


def _emit(body: bytes, output: Optional[Path]) -> None:
    from aidkg.io import atomic_write
    if output:
        atomic_write(output, body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()


def _remote(endpoint: str, text: str, fmt: str, output: Optional[Path], default_graph: Optional[str]) -> None:
    """A query sent to another SPARQL endpoint; its answer printed like a local one."""
    import json
    from aidkg import sparql_format as sf
    from aidkg.push import PushError, remote_query
    choice = _format_choice(fmt, output)
    # a workbook is made here from the server's JSON answer: no SPARQL server writes XLSX
    asked = "json" if choice == "xlsx" else choice
    accept = {**sf.SOLUTION_TYPES, **sf.GRAPH_TYPES}[asked].split(";")[0] + ", text/turtle;q=0.5"
    try:
        ctype, body = remote_query(endpoint, text, accept, default_graph)
    except PushError as exc:
        _err(str(exc))
    if choice == "xlsx":
        if "json" not in ctype:
            _err(f"the endpoint answered {ctype}, not a table: XLSX is for SELECT and ASK answers", 2)
        import pyoxigraph as ox
        body = sf.serialize(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON), "xlsx")[1]
        return _emit(body, output)
    if fmt == "table" and output is None and "json" in ctype:
        doc = json.loads(body)
        if "boolean" in doc:
            typer.echo("true" if doc["boolean"] else "false")
            return
        from rich.console import Console
        from rich.table import Table
        names = doc["head"]["vars"]
        table = Table(*names)
        for b in doc["results"]["bindings"]:
            table.add_row(*(sf.compact_json(b.get(v)) for v in names))
        Console().print(table)
        Console().print(f"{len(doc['results']['bindings'])} row(s)", style="dim")
    else:
        _emit(body, output)


def register(app: typer.Typer) -> None:
    @app.command()
    def query(
        query: Optional[str] = typer.Argument(None, help="SPARQL text, or a .rq file"),
        name: Optional[str] = typer.Option(None, "--name", "-n", help="run a named query from queries/"),
        list_: bool = typer.Option(False, "--list", "-l", help="list the named queries"),
        param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named query's $NAME"),
        store: Optional[Path] = STORE_OPT,
        graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="query this RDF file instead of the store"),
        fmt: str = typer.Option("table", "--format", "-f",
                                help="table|csv|tsv|json|xml|xlsx (SELECT/ASK; xlsx: a workbook for spreadsheets, "
                                     "with -o); ttl|jsonld|nt|rdfxml (CONSTRUCT/DESCRIBE)"),
        output: Optional[Path] = typer.Option(None, "--output", "-o",
                                              help="write here instead of stdout (a table takes the file's suffix: "
                                                   ".csv .tsv .json .xml .xlsx)"),
        endpoint: Optional[str] = typer.Option(None, "--endpoint", "-e",
                                               help="ask this SPARQL endpoint instead (e.g. after aidkg push)"),
        default_graph: str = typer.Option("https://w3id.org/aidkg/graph/union", "--default-graph",
                                          help="with --endpoint: the default-graph-uri sent ('' for none)"),
    ):
        """Run SPARQL against the store (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
        from aidkg import query_library as ql
        if list_:
            return _print_list()
        try:
            text, page = _query_text(query, name, param)
        except ql.QueryError as exc:
            _err(str(exc), 2)
        if endpoint:
            _remote(endpoint, text, fmt, output, default_graph or None)
            if page:
                typer.echo(page.note, err=True)
            return
        if graph is not None:
            from aidkg.store import Store
            if not graph.is_file():
                _err(f"no file {graph}")
            source = contextlib.nullcontext(Store.from_file(graph))
        else:
            source = _open_store(store)
        with source as st:
            try:
                result = st.query(text)
                _write_result(result, fmt, output, page)
            except SyntaxError as exc:
                _err(f"malformed query: {exc}", 2)

    @app.command()
    def export(
        fmt: str = typer.Option("ttl", "--format", "-f", help="ttl|trig|nq|nt|jsonld|graphml|gexf"),
        output: Path = typer.Option(..., "--output", "-o", help="file to write"),
        store: Optional[Path] = STORE_OPT,
    ):
        """Write the whole store as RDF (or the entity network as GraphML/GEXF)."""
        from aidkg.formats import EXPORT_FORMATS, NETWORK_FORMATS
        if fmt not in EXPORT_FORMATS and fmt not in NETWORK_FORMATS:
            _err(f"unknown format {fmt}: {'|'.join([*EXPORT_FORMATS, *NETWORK_FORMATS])}", 2)
        with _open_store(store) as st:
            if fmt in EXPORT_FORMATS:
                st.export(fmt, output)
            else:
                try:
                    from aidkg.analysis import export_network
                except ImportError as exc:
                    _err(f"{fmt} export needs aidkg.analysis ({exc})")
                from aidkg.viz.load import store_entity_graph
                export_network(store_entity_graph(st), fmt, output)   # by SELECTs: no rdflib copy
        typer.echo(f"wrote {output}", err=True)

    @app.command()
    def remove(
        what: str = typer.Argument(..., help="the article's source path or URL, article IRI or graph IRI"),
        store: Optional[Path] = STORE_OPT,
    ):
        """Take an article's statements out of the store (entities other articles name stay)."""
        with _open_store(store) as st:
            removed = st.remove_article(what)
        if not removed:
            _err(f"no article in {store} matches {what}")
        for g in removed:
            typer.echo(f"removed {g}")

    @app.command()
    def serve(
        port: int = typer.Option(8000, "--port"),
        host: str = typer.Option("127.0.0.1", "--host", help="address to bind; 0.0.0.0 exposes it to the network"),
        store: Optional[Path] = STORE_OPT,
        graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="serve this RDF file instead of the store"),
        allow_update: bool = typer.Option(False, "--allow-update", help="accept SPARQL UPDATE (needs --token)"),
        token: Optional[str] = typer.Option(None, "--token", envvar="AIDKG_TOKEN",
                                            help="Bearer token updates must carry (or $AIDKG_TOKEN)"),
        timeout: float = typer.Option(30.0, "--timeout", help="seconds a query may run (and may wait for a worker)"),
        max_rows: int = typer.Option(10000, "--max-rows", help="largest result (rows or triples) answered"),
        workers: int = typer.Option(2, "--workers", min=1, help="query worker processes"),
        queue: int = typer.Option(256, "--queue", min=0,
                                  help="queries that may wait for a worker; past that: 503 with Retry-After"),
        cors: List[str] = typer.Option([], "--cors", help="allow this web origin (https://host) cross-origin "
                                       "access; repeatable (default: none)"),
        allow_service: List[str] = typer.Option([], "--allow-service", help="host a SERVICE clause may contact; "
                                                "repeatable (default: federated queries refused)"),
        graph_html: Optional[Path] = typer.Option(None, "--graph-html",
                                                  help="page for /graph (default: graph.html beside the store)"),
    ):
        """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query page at /."""
        from aidkg.query_workers import default_source
        from aidkg.serve import make_server
        from aidkg.store import StoreBusy
        if graph is None:
            store = _store_path(store)
        if graph is None and not store.exists():
            _err(f"no store at {store} (build one with `aidkg build`, or give --store or --graph)")
        try:
            server = make_server(default_source(store, graph), host=host, port=port, workers=workers,
                                 timeout=timeout, max_rows=max_rows, allow_update=allow_update, token=token,
                                 graph_html=graph_html or (store or Path("output/store")).parent / "graph.html",
                                 max_waiting=queue,
                                 cors_origins=cors, allow_service=allow_service)
        except (ValueError, StoreBusy, OSError, RuntimeError) as exc:
            _err(str(exc), 2)
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"aidkg: listening on {host}: reachable from other machines", err=True)
        typer.echo(f"SPARQL endpoint {server.url}/sparql · query page {server.url}/ · graph {server.url}/graph",
                   err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

    @app.command()
    def push(
        endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Graph Store Protocol URL, e.g. "
                                               "http://host:8890/sparql-graph-crud-auth or http://host:3030/ds/data"),
        graph: Optional[str] = typer.Option(None, "--graph", help="push only this graph IRI (or article source)"),
        user: Optional[str] = typer.Option(None, "--user", envvar="AIDKG_PUSH_USER"),
        password: Optional[str] = typer.Option(None, "--password", envvar="AIDKG_PUSH_PASSWORD"),
        token: Optional[str] = typer.Option(None, "--token", envvar="AIDKG_PUSH_TOKEN", help="Bearer token"),
        auth: str = typer.Option("basic", "--auth", help="basic|digest (with --user/--password)"),
        graph_param: str = typer.Option("auto", "--graph-param",
                                        help="query parameter naming the graph: graph (standard), graph-uri "
                                             "(Virtuoso); auto picks graph-uri for Virtuoso's paths"),
        union: bool = typer.Option(True, "--union/--no-union",
                                   help="also push the union as graph/union (what default-graph-uri should name)"),
        store: Optional[Path] = STORE_OPT,
        bulk: bool = typer.Option(False, "--bulk", help="load the shards of `aidkg build --cluster` into Virtuoso "
                                  "with its bulk loader, through isql (instead of --endpoint)"),
        shards: Optional[Path] = typer.Option(None, "--shards", help="with --bulk: the shard folder (default: "
                                              "the last build's OUT/shards)"),
        isql: str = typer.Option("127.0.0.1:1111", "--isql", metavar="HOST:PORT",
                                 help="with --bulk: Virtuoso's SQL port"),
        isql_command: Optional[str] = typer.Option(None, "--isql-command",
                                                   help="with --bulk: the isql client (default: isql-vt or isql-v)"),
        server_path: Optional[str] = typer.Option(None, "--server-path", help="with --bulk: the shard folder as "
                                                  "the Virtuoso server sees it (default: the same path)"),
        loaders: int = typer.Option(1, "--loaders", min=1, help="with --bulk: rdf_loader_run sessions at once"),
    ):
        """Send the store to a SPARQL 1.1 Graph Store Protocol server, one PUT per article graph
        (or, with --bulk, a cluster build's shards into Virtuoso with its bulk loader)."""
        if bulk:
            return _push_bulk(shards, isql, user, password, isql_command, server_path, loaders)
        if endpoint is None:
            _err("give --endpoint URL (or --bulk to load shards into Virtuoso)", 2)
        from aidkg.push import PushError, push_store
        with _open_store(store) as st:
            try:
                report = push_store(st, endpoint, only=graph, user=user, password=password, token=token,
                                    auth=auth, graph_param=graph_param, union=union,
                                    progress=lambda g, status: typer.echo(f"{status} {g}", err=True))
            except PushError as exc:
                _err(str(exc))
        typer.echo(f"pushed {report.graphs} graph(s), {report.triples} triples to {endpoint}")


def _push_bulk(shards: Path | None, server: str, user: str | None, password: str | None,
               command: str | None, server_path: str | None, loaders: int) -> None:
    from aidkg.bulk import BulkError, Isql, push_bulk
    if shards is None:
        from aidkg.state import last_build
        record = last_build()
        shards = Path(record["out"]) / "shards" if record else None
        if shards is None or not shards.is_dir():
            _err("give --shards DIR (the folder `aidkg build --cluster` wrote its shards to)", 2)
    try:
        report = push_bulk(shards, Isql(server, user or "dba", password or "", command), server_dir=server_path,
                           loaders=loaders, progress=lambda msg: typer.echo(f"aidkg: {msg}", err=True))
    except BulkError as exc:
        _err(str(exc))
    for line in report.errors:
        typer.echo(f"error {line}", err=True)
    typer.echo(f"loaded {report.loaded} shard(s) ({report.unchanged} unchanged, {report.dropped} removed) "
               f"into {server}; graph/union holds {report.union_triples} triples")
    if report.max_cost_estimate:
        typer.echo(f"note: the server refuses a query whose estimated cost exceeds MaxQueryCostEstimationTime = "
                   f"{report.max_cost_estimate} s, and with a graph per article Virtuoso's estimates are far above the "
                   f"real time: most named queries will be refused. Set MaxQueryCostEstimationTime = 0 in the [SPARQL] "
                   f"section of its virtuoso.ini (MaxQueryExecutionTime still limits a query).", err=True)
    if report.errors:
        raise typer.Exit(1)
