"""SPARQL queries run in worker processes with a deadline.

An Oxigraph query cannot be interrupted from Python once started, so a runaway query in the
server's own process would hold a thread (and a core) until it finished. Each worker opens the
store read-only; a query past its deadline gets its worker killed and replaced, and the client an
error. Updates run in a short-lived read-write process, also under the deadline (a killed update
is a rolled-back transaction), while no reader is open.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_CTX = mp.get_context("spawn")  # fork would copy the server's threads and sockets


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, error: str, message: str) -> "Answer":
        import json
        doc = {"error": error, "message": message, "status": status}
        return cls(status, "application/json", json.dumps(doc, ensure_ascii=False).encode("utf-8"))


@dataclass(frozen=True)
class Source:
    """Where queries read from: an on-disk store, or an RDF file loaded into each worker."""
    kind: str   # "store" | "file"
    path: str


def _open(source: Source, read_only: bool = True):
    from aidkg.store import Store
    if source.kind == "file":
        return Store.from_file(source.path)
    return Store(source.path, read_only=read_only)


def _answer_query(store, req: dict) -> Answer:
    from aidkg import sparql_format as sf
    try:
        result = store.query(req["query"], default_graphs=req.get("default_graphs"),
                             named_graphs=req.get("named_graphs"))
        kind = sf.result_kind(result)
        fmt = req.get("format") or sf.negotiate(req.get("accept"), kind)
        ctype, body = sf.serialize(result, fmt, req.get("max_rows"))
        return Answer(200, ctype, body)
    except SyntaxError as exc:
        return Answer.error(400, "malformed query", str(exc))
    except sf.NotAcceptable as exc:
        return Answer.error(406, "not acceptable", str(exc))
    except sf.ResultTooLarge as exc:
        return Answer.error(500, "result too large", str(exc))
    except Exception as exc:  # a query evaluation error is the client's answer, not a crash
        return Answer.error(500, "query failed", f"{type(exc).__name__}: {exc}")


def _graph_page(store, req: dict) -> Answer:
    try:
        from aidkg.viz import render_html
    except ImportError:
        return Answer.error(404, "no graph view", "aidkg.viz is not installed")
    page = render_html(store.union_graph(), title=req.get("title", "aidkg graph"))
    return Answer(200, "text/html; charset=utf-8", page.encode("utf-8"))


def _worker_main(conn, source: Source) -> None:
    try:
        store = _open(source)
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    handlers = {"query": _answer_query, "graph": _graph_page}
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        conn.send(handlers[req["op"]](store, req))


def _update_main(conn, source: Source, update: str) -> None:
    try:
        store = _open(source, read_only=False)
        store.update(update)
        store.flush()
        conn.send(Answer(204, "text/plain", b""))
    except SyntaxError as exc:
        conn.send(Answer.error(400, "malformed update", str(exc)))
    except Exception as exc:
        conn.send(Answer.error(500, "update failed", f"{type(exc).__name__}: {exc}"))


class WorkerFailed(RuntimeError):
    pass


class _Worker:
    def __init__(self, source: Source, start_timeout: float = 120):
        parent, child = _CTX.Pipe()
        self.conn = parent
        self.proc = _CTX.Process(target=_worker_main, args=(child, source), daemon=True)
        self.proc.start()
        child.close()
        if not parent.poll(start_timeout):
            self.kill()
            raise WorkerFailed("query worker did not start")
        state, detail = parent.recv()
        if state != "ready":
            self.kill()
            raise WorkerFailed(detail)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """`workers` processes answering queries, each in at most `timeout` seconds."""

    def __init__(self, source: Source, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int | None = 10000):
        self.source = source
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starters = [threading.Thread(target=self._add_worker, kwargs={"raise_errors": True}) for _ in range(workers)]
        self._errors: list[Exception] = []
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        if self._errors:
            self.close()
            raise self._errors[0]

    def _add_worker(self, raise_errors: bool = False) -> None:
        try:
            w = _Worker(self.source)
        except Exception as exc:
            if raise_errors:
                self._errors.append(exc)
            return
        with self._lock:
            if self._closed:
                w.kill()
                return
            self._all.add(w)
        self._idle.put(w)

    def _retire(self, w: _Worker, replace: bool = True) -> None:
        with self._lock:
            self._all.discard(w)
        w.kill()
        if replace and not self._closed:
            threading.Thread(target=self._add_worker, daemon=True).start()

    def _ask(self, req: dict, timeout: float | None = None) -> Answer:
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            return Answer.error(503, "busy", f"every query worker stayed busy for {timeout:g} s; try again")
        try:
            w.conn.send(req)
            if w.conn.poll(max(0.0, deadline - time.monotonic())):
                answer = w.conn.recv()
                self._idle.put(w)
                return answer
        except (EOFError, OSError, BrokenPipeError):
            self._retire(w)
            return Answer.error(500, "worker crashed", "the query worker died; the query was not answered")
        self._retire(w)
        return Answer.error(503, "timeout", f"the query ran longer than the {timeout:g} s limit and was stopped")

    def query(self, sparql: str, *, accept: str | None = None, fmt: str | None = None,
              default_graphs=None, named_graphs=None) -> Answer:
        return self._ask({"op": "query", "query": sparql, "accept": accept, "format": fmt,
                          "max_rows": self.max_rows, "default_graphs": default_graphs,
                          "named_graphs": named_graphs})

    def graph_page(self, title: str = "aidkg graph") -> Answer:
        return self._ask({"op": "graph", "title": title}, timeout=max(self.timeout, 120))

    def update(self, sparql_update: str) -> Answer:
        """Run an update with no reader open (RocksDB readers must not overlap a writer)."""
        if self.source.kind != "store":
            return Answer.error(403, "read-only", "updates need an on-disk store, not a file")
        with self._lock:
            if getattr(self, "_updating", False):
                return Answer.error(503, "busy", "another update is running")
            self._updating = True
        try:
            drained = []
            deadline = time.monotonic() + self.timeout
            while len(drained) < self.size:
                try:
                    drained.append(self._idle.get(timeout=max(0.1, deadline - time.monotonic())))
                except queue.Empty:
                    for w in drained:
                        self._idle.put(w)
                    return Answer.error(503, "busy", "queries kept running; the update was not applied")
            for w in drained:
                self._retire(w, replace=False)
            return self._run_update(sparql_update)
        finally:
            for _ in range(self.size - len(self._all)):
                self._add_worker()
            self._updating = False

    def _run_update(self, sparql_update: str) -> Answer:
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(target=_update_main, args=(child, self.source, sparql_update), daemon=True)
        proc.start()
        child.close()
        try:
            if parent.poll(self.timeout + 10):  # + process start and store open
                return parent.recv()
            return Answer.error(503, "timeout", f"the update ran longer than the {self.timeout:g} s limit "
                                "and was rolled back")
        except EOFError:
            return Answer.error(500, "update failed", "the update process died; nothing was written")
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            parent.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def default_source(store: str | Path | None, graph_file: str | Path | None) -> Source:
    if graph_file:
        return Source("file", str(Path(graph_file).resolve()))
    return Source("store", str(Path(store).resolve()))
