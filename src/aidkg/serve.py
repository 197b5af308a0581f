"""`aidkg serve`: a SPARQL 1.1 Protocol endpoint, a query page and the graph view.

The standard library's ThreadingHTTPServer is enough: the work is done by the query worker
processes (aidkg.query_workers), the HTTP side only parses requests and copies bytes, and it adds
no dependency. Bound to loopback unless told otherwise; read-only unless started with
--allow-update and a token.
"""
from __future__ import annotations

import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from aidkg import query_library
from aidkg.query_workers import Answer, QueryPool, Source

STATIC = Path(__file__).parent / "static"
MAX_BODY = 1 << 20  # a query or update larger than 1 MiB is not a query someone typed


class Endpoint(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool: QueryPool, *, token: str | None = None, allow_update: bool = False,
                 graph_html: Path | None = None, cors_origin: str = "*"):
        super().__init__(address, Handler)
        self.pool = pool
        self.token = token
        self.allow_update = allow_update
        self.graph_html = graph_html
        self.cors_origin = cors_origin

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"
    server_version = "aidkg-sparql/0.1"

    def log_message(self, fmt, *args):  # one line per request on stderr, without the query text
        sys.stderr.write(f"{self.address_string()} {self.command} {urlsplit(self.path).path} {args[1] if len(args) > 1 else ''}\n")

    # --- plumbing ---------------------------------------------------------------------
    def _send(self, answer: Answer, extra: dict | None = None) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", self.server.cors_origin)
        self.send_header("Access-Control-Expose-Headers", "Content-Type, Content-Length")
        self.send_header("Vary", "Accept, Origin")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(Answer.error(413, "too large", f"request bodies are limited to {MAX_BODY} bytes"))
            return None
        return self.rfile.read(length) if length else b""

    # --- methods ----------------------------------------------------------------------
    def do_OPTIONS(self):
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", self.server.cors_origin)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        route = url.path.rstrip("/") or "/"
        if route == "/":
            return self._file(STATIC / "query.html", "text/html; charset=utf-8")
        if route == "/sparql":
            if "query" in params:
                return self._query(params["query"][0], params)
            if "update" in params:
                return self._send(Answer.error(405, "method not allowed", "updates must be sent with POST"),
                                  {"Allow": "POST"})
            return self._send(Answer.error(400, "no query", "give a query: /sparql?query=SELECT…"))
        if route == "/queries":
            return self._named_queries()
        if route == "/graph":
            return self._graph()
        if route == "/favicon.ico":
            return self._send(Answer(204, "image/x-icon", b""))
        if route == "/health":
            return self._send(Answer(200, "application/json", b'{"status":"ok"}'))
        self._send(Answer.error(404, "not found", f"no such page: {url.path}"))

    def do_POST(self):
        url = urlsplit(self.path)
        route = url.path.rstrip("/")
        if route not in ("/sparql", "/update"):
            return self._send(Answer.error(404, "not found", f"no such endpoint: {url.path}"))
        body = self._body()
        if body is None:
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            params = {**params, **form}
            if "query" in form and route == "/sparql":
                return self._query(form["query"][0], params)
            if "update" in form:
                return self._update(form["update"][0])
            return self._send(Answer.error(400, "no query", "the form has neither query= nor update="))
        if ctype == "application/sparql-query" and route == "/sparql":
            return self._query(body.decode("utf-8"), params)
        if ctype == "application/sparql-update":
            return self._update(body.decode("utf-8"))
        self._send(Answer.error(415, "unsupported media type",
                                "POST application/sparql-query, application/sparql-update or "
                                "application/x-www-form-urlencoded"))

    # --- handlers ---------------------------------------------------------------------
    def _query(self, sparql: str, params: dict) -> None:
        fmt = (params.get("format") or [None])[0]
        if fmt is not None:
            from aidkg.sparql_format import FORMAT_NAMES
            fmt = FORMAT_NAMES.get(fmt.lower())
            if fmt is None:
                return self._send(Answer.error(400, "bad format", "format= json|xml|csv|tsv|ttl|jsonld|nt"))
        answer = self.server.pool.query(
            sparql, accept=self.headers.get("Accept"), fmt=fmt,
            default_graphs=params.get("default-graph-uri") or None,
            named_graphs=params.get("named-graph-uri") or None)
        self._send(answer)

    def _update(self, sparql_update: str) -> None:
        if not self.server.allow_update:
            return self._send(Answer.error(403, "read-only", "this endpoint is read-only "
                                           "(start it with --allow-update --token T to accept updates)"))
        auth = self.headers.get("Authorization") or ""
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not (self.server.token and hmac.compare_digest(given.encode(), self.server.token.encode())):
            return self._send(Answer.error(401, "unauthorised", "updates need Authorization: Bearer <token>"),
                              {"WWW-Authenticate": 'Bearer realm="aidkg"'})
        self._send(self.server.pool.update(sparql_update))

    def _named_queries(self) -> None:
        doc = [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
                "params": [{"name": p.name, "default": p.default, "help": p.help, "type": p.type}
                           for p in q.params.values()]}
               for q in query_library.all_queries().values()]
        self._send(Answer(200, "application/json", json.dumps(doc, ensure_ascii=False).encode("utf-8")))

    def _graph(self) -> None:
        if self.server.graph_html and self.server.graph_html.exists():
            return self._file(self.server.graph_html, "text/html; charset=utf-8")
        self._send(self.server.pool.graph_page())

    def _file(self, path: Path, ctype: str) -> None:
        self._send(Answer(200, ctype, path.read_bytes()))


def make_server(source: Source, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 2,
                timeout: float = 30.0, max_rows: int | None = 10000, allow_update: bool = False,
                token: str | None = None, graph_html: Path | None = None) -> Endpoint:
    if allow_update and not token:
        raise ValueError("--allow-update needs --token: updates are only accepted with a Bearer token")
    if source.kind == "store":
        # open once read-write: creates the store if new and brings the ontology graph up to date
        # before the read-only workers open it
        from aidkg.store import Store
        Store(source.path).close()
    pool = QueryPool(source, workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        return Endpoint((host, port), pool, token=token, allow_update=allow_update, graph_html=graph_html)
    except Exception:
        pool.close()
        raise
