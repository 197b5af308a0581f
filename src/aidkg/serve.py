"""`aidkg serve`: a SPARQL 1.1 Protocol endpoint, a query page and the graph view.

An ASGI app (Starlette) under Hypercorn: request parsing and framing (h11), keep-alive, idle and
read timeouts (a half-sent request is dropped after a few seconds) and the listen backlog are
theirs; one event loop holds thousands of connections without a thread each. The queries run in
worker processes (aidkg.query_workers) behind a bounded queue. This module adds what a public
SPARQL endpoint needs on top: body limits that no header can talk around, strict UTF-8, no
federated queries unless the operator names the hosts, updates only with a Bearer token, CORS
only for named origins, a Content-Security-Policy on every page. Bound to loopback by default.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import re
import signal
import socket
import threading
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from aidkg import query_library
from aidkg.federation import normalise_hosts
from aidkg.query_workers import Answer, QueryPool, Source

STATIC = Path(__file__).parent / "static"
MAX_BODY = 1 << 20       # a query or update larger than 1 MiB is not a query someone typed
BODY_TIMEOUT = 15.0      # seconds to send a whole request body, however slowly it trickles
MAX_FIELDS = 64          # form or URL parameters in one request
GRAPH_MAX_NODES = 300    # entities on a /graph?focus= page
# the viewer's own policy (templates/viewer.html); a prebuilt page's <meta> policy wins if it has one
VIEWER_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
              "img-src data:; font-src data:")
FRAMING = "; frame-ancestors 'none'; base-uri 'none'"  # only a header can forbid framing
MESSAGE_CSP = "default-src 'none'; form-action 'self'" + FRAMING
_META_CSP = re.compile(r"""<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1""", re.I | re.S)


class BadRequest(Exception):
    def __init__(self, answer: Answer):
        super().__init__(answer.status)
        self.answer = answer


def _inline_hashes(page: str, tag: str) -> str:
    blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
    return " ".join("'sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() + "'"
                    for b in blocks)


def query_page() -> tuple[bytes, str]:
    """The query page and a policy that allows exactly its own inline script and style."""
    page = (STATIC / "query.html").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; script-src {_inline_hashes(page, 'script')}; "
           f"style-src {_inline_hashes(page, 'style')}; connect-src 'self'; img-src 'self' data:; "
           f"form-action 'self'" + FRAMING)
    return page.encode("utf-8"), csp


def page_policy(page: bytes) -> str:
    m = _META_CSP.search(page[:4096].decode("utf-8", "replace"))
    return (m[2] if m else VIEWER_CSP) + FRAMING


def message_page(title: str, text: str, form: bool = False) -> bytes:
    body = f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title></head>" \
           f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p>"
    if form:
        body += ("<form method='get' action='graph'><label>entity name or IRI <input name='focus'></label> "
                 "<label>hops <input name='hops' value='1' size='2'></label> <button>draw</button></form>")
    return (body + "<p><a href='./'>query page</a></p></body></html>").encode("utf-8")


# --- request parsing: strict, bounded -----------------------------------------------------------
def _params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                        max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise BadRequest(Answer.error(400, "bad encoding", "parameters must be UTF-8 (percent-encoded)")) from None
    except ValueError:
        raise BadRequest(Answer.error(400, "too many parameters",
                                      f"at most {MAX_FIELDS} parameters per request")) from None


def url_params(request: Request) -> dict[str, list[str]]:
    return _params(request.scope.get("query_string", b"").decode("latin-1"))


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413, connection closed) as soon as it exceeds `limit` bytes.

    Hypercorn (h11) has already refused malformed framing: a negative, non-numeric or doubled
    Content-Length, or one that conflicts with chunked encoding, never reaches the app.
    """
    too_large = Answer.error(413, "too large", f"request bodies are limited to {limit} bytes",
                             {"Connection": "close"})
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BadRequest(too_large)
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise BadRequest(too_large)
    except TimeoutError:
        raise BadRequest(Answer.error(408, "request timeout", f"the request body took more than "
                                      f"{BODY_TIMEOUT:g} s to arrive", {"Connection": "close"})) from None
    return bytes(body)


def utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(Answer.error(400, "bad encoding",
                                      f"the request body is not UTF-8 (byte {exc.start})")) from None


def respond(answer: Answer, request: Request | None = None) -> Response:
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "no-referrer", "Vary": "Accept", **answer.headers}
    if answer.content_type.startswith("text/html"):
        headers.setdefault("Content-Security-Policy", MESSAGE_CSP)
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type, headers=headers)


# --- the app ---------------------------------------------------------------------------------
def create_app(pool: QueryPool, *, token: str | None = None, allow_update: bool = False,
               graph_html: Path | None = None, cors_origins: tuple[str, ...] = (),
               max_body: int = MAX_BODY, graph_max_nodes: int = GRAPH_MAX_NODES) -> Starlette:
    page, page_csp = query_page()

    async def guarded(request: Request, handler) -> Response:
        try:
            return respond(await handler(request))
        except BadRequest as exc:
            return respond(exc.answer)
        except ClientDisconnect:
            return Response(status_code=400, headers={"Connection": "close"})

    async def index(request: Request) -> Response:
        return respond(Answer(200, "text/html; charset=utf-8", page, {"Content-Security-Policy": page_csp}))

    async def run_query(sparql: str, params: dict, request: Request) -> Answer:
        fmt = (params.get("format") or [None])[0]
        if fmt is not None:
            from aidkg.sparql_format import FORMAT_NAMES
            fmt = FORMAT_NAMES.get(fmt.lower())
            if fmt is None:
                return Answer.error(400, "bad format", "format= json|xml|csv|tsv|xlsx|ttl|jsonld|nt|rdfxml")
        return await pool.query(sparql, accept=request.headers.get("accept"), fmt=fmt,
                                default_graphs=params.get("default-graph-uri") or None,
                                named_graphs=params.get("named-graph-uri") or None)

    async def run_update(text: str, request: Request) -> Answer:
        if not allow_update:
            return Answer.error(403, "read-only", "this endpoint is read-only "
                                "(start it with --allow-update --token T to accept updates)")
        auth = request.headers.get("authorization") or ""
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not (token and hmac.compare_digest(given.encode(), token.encode())):
            return Answer.error(401, "unauthorised", "updates need Authorization: Bearer <token>",
                                {"WWW-Authenticate": 'Bearer realm="aidkg"'})
        return await pool.update(text)

    async def sparql_get(request: Request) -> Answer:
        params = url_params(request)
        if "query" in params:
            return await run_query(params["query"][0], params, request)
        if "update" in params:
            return Answer.error(405, "method not allowed", "updates must be sent with POST", {"Allow": "POST"})
        return Answer.error(400, "no query", "give a query: /sparql?query=SELECT…")

    async def sparql_post(request: Request, update_only: bool = False) -> Answer:
        params = url_params(request)
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        known = ("application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update")
        if ctype not in known:
            return Answer.error(415, "unsupported media type",
                                "POST application/sparql-query, application/sparql-update or "
                                "application/x-www-form-urlencoded")
        body = utf8(await read_body(request, max_body))
        if ctype == "application/x-www-form-urlencoded":
            form = _params(body)
            params = {**params, **form}
            if "query" in form and not update_only:
                return await run_query(form["query"][0], params, request)
            if "update" in form:
                return await run_update(form["update"][0], request)
            return Answer.error(400, "no query", "the form has neither query= nor update=")
        if ctype == "application/sparql-query" and not update_only:
            return await run_query(body, params, request)
        if ctype == "application/sparql-update":
            return await run_update(body, request)
        return Answer.error(415, "unsupported media type", "POST application/sparql-update to /update")

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
        handler = sparql_post if request.method == "POST" else sparql_get
        return await guarded(request, handler)

    async def update(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "POST, OPTIONS"})
        return await guarded(request, lambda r: sparql_post(r, update_only=True))

    async def queries(request: Request) -> Response:
        doc = [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
                "params": [{"name": p.name, "default": p.default, "help": p.help, "type": p.type}
                           for p in q.params.values()]}
               for q in query_library.all_queries().values()]
        return respond(Answer(200, "application/json", json.dumps(doc, ensure_ascii=False).encode("utf-8")))

    async def graph_answer(request: Request) -> Answer:
        params = url_params(request)
        focus = (params.get("focus") or [""])[0].strip()
        if not focus:
            if graph_html is not None and graph_html.is_file():
                body = await asyncio.to_thread(graph_html.read_bytes)
                return Answer(200, "text/html; charset=utf-8", body,
                              {"Content-Security-Policy": page_policy(body)})
            return Answer(404, "text/html; charset=utf-8", message_page(
                "No graph page yet",
                "This server has no prebuilt graph page (aidkg build writes graph.html beside the store; "
                "start the server with --graph-html FILE to serve another). Drawing the whole store here "
                "would not scale; name an entity to draw its neighbourhood instead.", form=True))
        hops_text = (params.get("hops") or ["1"])[0].strip()
        if not hops_text.isdigit() or not hops_text.isascii():
            return Answer.error(400, "bad hops", "hops= wants a whole number (0–3)")
        from aidkg.neighbourhood import MAX_HOPS
        answer = await pool.graph_page(focus, min(int(hops_text), MAX_HOPS), graph_max_nodes)
        if answer.status == 200:
            answer.headers["Content-Security-Policy"] = VIEWER_CSP + FRAMING
        return answer

    async def graph(request: Request) -> Response:
        return await guarded(request, graph_answer)

    async def view_answer(request: Request) -> Answer:
        # the prebuilt pages aidkg build writes beside the store, which link to one another
        name = request.url.path.lstrip("/")
        path = None if graph_html is None else graph_html if name == "graph.html" else graph_html.parent / name
        if path is None or not path.is_file():
            return Answer(404, "text/html; charset=utf-8", message_page(
                "No such view yet", f"This server has no prebuilt {name} (aidkg build writes graph.html, "
                "timeline.html and map.html beside the store; rebuild, then restart the server)."))
        body = await asyncio.to_thread(path.read_bytes)
        return Answer(200, "text/html; charset=utf-8", body, {"Content-Security-Policy": page_policy(body)})

    async def view(request: Request) -> Response:
        return await guarded(request, view_answer)

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)

    async def health(request: Request) -> Response:
        return respond(Answer(200, "application/json", b'{"status":"ok"}'))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        names = {404: "not found", 405: "method not allowed"}
        message = f"no such page: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return respond(Answer.error(exc.status_code, names.get(exc.status_code, "error"), message,
                                    dict(exc.headers or {})))

    read = ["GET", "HEAD"]
    routes = [
        Route("/", index, methods=read),
        Route("/sparql", sparql, methods=["GET", "HEAD", "POST", "OPTIONS"]),
        Route("/update", update, methods=["POST", "OPTIONS"]),
        Route("/queries", queries, methods=read),
        Route("/graph", graph, methods=read),
        *(Route(f"/{name}", view, methods=read) for name in ("graph.html", "timeline.html", "map.html")),
        Route("/favicon.ico", favicon, methods=read),
        Route("/health", health, methods=read),
    ]
    middleware = []
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins),
                                     allow_methods=["GET", "POST", "OPTIONS"],
                                     allow_headers=["Content-Type", "Accept", "Authorization"],
                                     expose_headers=["Content-Type", "Content-Length"], max_age=86400))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error})


# --- the server ------------------------------------------------------------------------------
class Endpoint:
    """A bound socket served by Hypercorn; `serve_forever` until `shutdown`, SIGINT or SIGTERM."""

    def __init__(self, app, pool: QueryPool, sock: socket.socket, *, backlog: int = 1024):
        from hypercorn.config import Config
        self.app = app
        self.pool = pool
        self.sock = sock
        self.server_address = sock.getsockname()
        config = Config()
        self._fd = os.dup(sock.fileno())  # Hypercorn owns (and closes) this copy once it serves
        config.bind = [f"fd://{self._fd}"]
        config.backlog = backlog
        config.keep_alive_timeout = 5          # idle connections, and requests whose head never completes
        # no read_timeout: Hypercorn applies it to every read, also while the client rightly waits
        # for its answer (a queued query) and closes the connection under it; a body that stops
        # arriving is cut by read_body's BODY_TIMEOUT instead
        config.read_timeout = None
        config.h11_max_incomplete_size = 64 * 1024  # a request head (GET queries can be long)
        config.graceful_timeout = 3
        config.include_server_header = False
        config.loglevel = "WARNING"
        config.accesslog = None
        self.config = config
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()
        self._done = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def serve_forever(self) -> None:
        try:
            asyncio.run(self._serve())
        finally:
            self._done.set()

    async def _serve(self) -> None:
        from hypercorn.asyncio import serve
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._loop.add_signal_handler(sig, self._stop.set)
        self._started.set()
        await serve(self.app, self.config, shutdown_trigger=self._stop.wait)

    def shutdown(self, timeout: float = 10) -> None:
        if not self._started.wait(timeout) or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._stop.set)
        self._done.wait(timeout)

    def server_close(self) -> None:
        self.pool.close()
        self.sock.close()
        if not self._started.is_set():  # never served: the copy is still ours
            os.close(self._fd)


def bind(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def make_server(source: Source, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 2,
                timeout: float = 30.0, max_rows: int | None = 10000, allow_update: bool = False,
                token: str | None = None, graph_html: Path | None = None, max_waiting: int = 256,
                cors_origins=(), allow_service=(), max_body: int = MAX_BODY,
                backlog: int = 1024) -> Endpoint:
    if allow_update and not token:
        raise ValueError("--allow-update needs --token: updates are only accepted with a Bearer token")
    if source.kind == "store":
        # open once read-write: creates the store if new and brings the ontology graph up to date
        # before the read-only workers open it
        from aidkg.store import Store
        Store(source.path).close()
    sock = bind(host, port, backlog)
    try:
        pool = QueryPool(source, workers=workers, timeout=timeout, max_rows=max_rows, max_waiting=max_waiting,
                         allowed_hosts=normalise_hosts(allow_service))
    except Exception:
        sock.close()
        raise
    app = create_app(pool, token=token, allow_update=allow_update, graph_html=graph_html,
                     cors_origins=tuple(cors_origins), max_body=max_body)
    return Endpoint(app, pool, sock, backlog=backlog)
