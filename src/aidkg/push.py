"""`aidkg push`: the store to any SPARQL 1.1 Graph Store Protocol server, one graph per PUT.

PUT replaces the graph on the server, so pushing again after a rebuild replaces each article
rather than duplicating it. Besides the article graphs and the ontology graph, the union of all
of them is pushed as graph/union: servers that answer a query without a dataset from every
graph at once (Virtuoso) count a triple stated by two articles twice; with
default-graph-uri=https://w3id.org/aidkg/graph/union they see each triple once, as `aidkg query`
does.
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode, urlsplit

from aidkg.store import ONTOLOGY_GRAPH, UNION_GRAPH, Store, article_graph_for


class PushError(RuntimeError):
    pass


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def _opener(endpoint: str, user: str | None, password: str | None, token: str | None, auth: str):
    handlers = []
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif user is not None:
        if auth == "digest":
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, endpoint, user, password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
        elif auth == "basic":
            cred = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            headers["Authorization"] = f"Basic {cred}"
        else:
            raise PushError(f"unknown --auth {auth!r}: basic or digest")
    return urllib.request.build_opener(*handlers), headers


def graph_url(endpoint: str, graph_iri: str, graph_param: str = "auto") -> str:
    if graph_param == "auto":
        graph_param = "graph-uri" if "sparql-graph-crud" in urlsplit(endpoint).path else "graph"
    sep = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urlencode({graph_param: graph_iri})}"


def put_graph(opener, headers: dict, url: str, turtle: bytes, timeout: float = 300) -> int:
    req = urllib.request.Request(url, data=turtle, method="PUT",
                                 headers={**headers, "Content-Type": "text/turtle; charset=utf-8"})
    try:
        with opener.open(req, timeout=timeout) as res:
            return res.status
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        raise PushError(f"PUT {url} answered {exc.code} {exc.reason}: {detail}") from exc
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {url}: {exc.reason}") from exc


def push_store(store: Store, endpoint: str, *, only: str | None = None, user: str | None = None,
               password: str | None = None, token: str | None = None, auth: str = "basic",
               graph_param: str = "auto", union: bool = True,
               progress: Callable[[str, int], None] | None = None) -> PushReport:
    opener, headers = _opener(endpoint, user, password, token, auth)
    graphs = store.graphs()
    if only:
        target = only if only in graphs else article_graph_for(only)
        if target not in graphs:
            raise PushError(f"no graph {only} in the store")
        graphs = [target]
    report = PushReport()
    for g in graphs:
        quads = store.graph_quads(g)
        status = put_graph(opener, headers, graph_url(endpoint, g, graph_param), store.graph_turtle(g, quads))
        report.graphs += 1
        report.triples += len(quads)
        if progress:
            progress(g, status)
    if union and not only:
        status = put_graph(opener, headers, graph_url(endpoint, UNION_GRAPH, graph_param), store.union_turtle())
        report.graphs += 1
        if progress:
            progress(UNION_GRAPH, status)
    return report


def remote_query(endpoint: str, sparql: str, accept: str, default_graph: str | None = UNION_GRAPH,
                 timeout: float = 300) -> tuple[str, bytes]:
    """POST a query to a SPARQL 1.1 endpoint; (content type, body)."""
    form = {"query": sparql}
    if default_graph:
        form["default-graph-uri"] = default_graph
    req = urllib.request.Request(endpoint, data=urlencode(form).encode("utf-8"), method="POST",
                                 headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.headers.get("Content-Type", ""), res.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:800].decode("utf-8", "replace")
        raise PushError(f"{endpoint} answered {exc.code} {exc.reason}: {detail}") from exc
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {endpoint}: {exc.reason}") from exc


__all__ = ["push_store", "remote_query", "put_graph", "graph_url", "PushError", "PushReport", "ONTOLOGY_GRAPH"]
