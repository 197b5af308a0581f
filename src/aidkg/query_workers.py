"""SPARQL queries run in worker processes with a deadline, behind a bounded queue.

An Oxigraph query cannot be interrupted from Python once started, so a runaway query in the
server's own process would hold the event loop (and a core) until it finished. Each worker opens
the store read-only; a query past its deadline gets its worker killed and replaced, and the client
an error. Queries wait for a free worker in a queue of bounded length and for at most the time
limit; past either the client is told to come back (503 with Retry-After) rather than piling up.
Updates run in a short-lived read-write process, also under the deadline (a killed update is a
rolled-back transaction), while no reader is open.

Workers die with the server even when it is killed with SIGKILL: on Linux each asks the kernel for
SIGKILL when its parent goes (prctl PR_SET_PDEATHSIG); elsewhere a thread watches the parent pid.
The death signal is tied to the thread that started the process, so every process is started by
one long-lived spawner thread owned by the pool.
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

_CTX = mp.get_context("spawn")  # fork would copy the server's threads, sockets and event loop
RETRY_AFTER = "2"  # seconds a client told "busy" should wait before asking again


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, error: str, message: str, headers: dict | None = None) -> "Answer":
        doc = {"error": error, "message": message, "status": status}
        return cls(status, "application/json", json.dumps(doc, ensure_ascii=False).encode("utf-8"),
                   dict(headers or {}))

    @classmethod
    def busy(cls, message: str) -> "Answer":
        return cls.error(503, "busy", message, {"Retry-After": RETRY_AFTER})


@dataclass(frozen=True)
class Source:
    """Where queries read from: an on-disk store, or an RDF file loaded into each worker."""
    kind: str   # "store" | "file"
    path: str


# --- inside the worker processes ------------------------------------------------------------------
def _die_with_parent(parent_pid: int) -> None:
    """Be killed by the kernel when the server goes, however it goes."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if not armed:
        def watch():
            while True:
                time.sleep(0.5)
                if os.getppid() != parent_pid:
                    os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def _open(source: Source, read_only: bool = True):
    from aidkg.store import Store
    if source.kind == "file":
        return Store.from_file(source.path)
    return Store(source.path, read_only=read_only)


def _answer_query(store, req: dict) -> Answer:
    from aidkg import federation
    from aidkg import sparql_format as sf
    try:
        federated = federation.check(req["query"], req.get("allowed_hosts") or frozenset())
    except federation.Refused as exc:
        return Answer.error(403, "federation refused", str(exc))
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
        return Answer.error(422, "result too large", str(exc))
    except Exception as exc:  # a query evaluation error is the client's answer, not a crash
        if federated:  # the message may quote the remote server's reply: never pass it on
            return Answer.error(502, "federated query failed",
                                "a remote SERVICE did not answer usably (details are not passed on)")
        return Answer.error(500, "query failed", f"{type(exc).__name__}: {exc}")


def _graph_page(store, req: dict) -> Answer:
    from aidkg.neighbourhood import neighbourhood_page
    try:
        page = neighbourhood_page(store, req["focus"], hops=req["hops"], max_nodes=req["max_nodes"])
    except LookupError as exc:
        return Answer.error(404, "not found", str(exc.args[0]))
    return Answer(200, "text/html; charset=utf-8", page.encode("utf-8"))


def _worker_main(conn, source: Source, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
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
        except (EOFError, OSError):
            return
        try:
            answer = handlers[req["op"]](store, req)
        except Exception as exc:  # never leave the server waiting for an answer that will not come
            answer = Answer.error(500, "query failed", f"{type(exc).__name__}: {exc}")
        conn.send(answer)


def _update_main(conn, source: Source, update: str, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    try:
        store = _open(source, read_only=False)
        store.update(update)
        store.flush()
        conn.send(Answer(204, "text/plain", b""))
    except SyntaxError as exc:
        conn.send(Answer.error(400, "malformed update", str(exc)))
    except Exception as exc:
        conn.send(Answer.error(500, "update failed", f"{type(exc).__name__}: {exc}"))


# --- in the server ------------------------------------------------------------------------------
class WorkerFailed(RuntimeError):
    pass


class _Process:
    """A child process and our end of its pipe."""

    def __init__(self, target, args: tuple):
        parent, child = _CTX.Pipe()
        self.conn = parent
        self.proc = _CTX.Process(target=target, args=(child, *args, os.getpid()), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float = 120) -> None:
        """Block until the worker has opened the store (call from a thread, not the event loop)."""
        try:
            if not self.conn.poll(timeout):
                raise WorkerFailed("query worker did not start")
            state, detail = self.conn.recv()
        except (EOFError, OSError):
            state, detail = "failed", "the worker died while starting"
        if state != "ready":
            self.kill()
            raise WorkerFailed(detail)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


async def _reply(conn, timeout: float):
    """The next message on `conn`, waiting at most `timeout` s without holding the event loop."""
    loop = asyncio.get_running_loop()
    readable = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
    try:
        await asyncio.wait_for(readable, timeout)
    finally:
        loop.remove_reader(fd)
    # the worker writes its answer in one go; reading a large one must not block the loop either
    return await asyncio.to_thread(conn.recv)


class QueryPool:
    """`workers` processes answering queries, each in at most `timeout` seconds, at most
    `max_waiting` queries waiting for one of them."""

    def __init__(self, source: Source, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int | None = 10000, max_waiting: int = 256,
                 allowed_hosts: frozenset[str] = frozenset()):
        if workers < 1:
            raise ValueError("--workers must be at least 1")
        self.source = source
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_waiting = max_waiting
        self.allowed_hosts = frozenset(allowed_hosts)
        self.size = workers
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="aidkg-spawner")
        self._idle: asyncio.Queue[_Process] = asyncio.Queue()  # bound to the serving loop on first wait
        self._all: set[_Process] = set()
        self._starting = 0
        self._waiting = 0
        self._update_lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task] = set()
        self._closed = False
        started = [self._start(_worker_main, (source,)) for _ in range(workers)]
        try:
            for w in started:
                w.wait_ready()
        except Exception:
            for w in started:
                w.kill()
            self._spawner.shutdown()
            raise
        for w in started:
            self._all.add(w)
            self._idle.put_nowait(w)

    # --- processes ---
    def _start(self, target, args: tuple) -> _Process:
        return self._spawner.submit(_Process, target, args).result()

    async def _add_worker(self) -> None:
        self._starting += 1
        try:
            w = await asyncio.get_running_loop().run_in_executor(self._spawner, _Process, _worker_main,
                                                                 (self.source,))
            await asyncio.to_thread(w.wait_ready)
        except Exception as exc:
            print(f"aidkg serve: a query worker failed to start: {exc}", file=sys.stderr)
            return
        finally:
            self._starting -= 1
        if self._closed:
            w.kill()
            return
        self._all.add(w)
        self._idle.put_nowait(w)

    def _in_background(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _retire(self, w: _Process, replace: bool = True) -> None:
        self._all.discard(w)
        if w.proc.is_alive():
            w.proc.kill()
        self._in_background(asyncio.to_thread(w.kill))  # reap it off the loop
        if replace and not self._closed:
            self._in_background(self._add_worker())

    # --- asking ---
    async def _ask(self, req: dict, run_timeout: float | None = None) -> Answer:
        run_timeout = self.timeout if run_timeout is None else run_timeout
        if self._waiting >= self.max_waiting:
            return Answer.busy(f"{self._waiting} queries are already waiting for a worker; try again")
        self._waiting += 1
        try:
            w = await asyncio.wait_for(self._idle.get(), self.timeout)
        except (asyncio.TimeoutError, TimeoutError):
            return Answer.busy(f"every query worker stayed busy for {self.timeout:g} s; try again")
        finally:
            self._waiting -= 1
        try:
            w.conn.send(req)
            answer = await _reply(w.conn, run_timeout)
        except (asyncio.TimeoutError, TimeoutError):
            self._retire(w)
            return Answer.error(503, "timeout",
                                f"the query ran longer than the {run_timeout:g} s limit and was stopped")
        except (EOFError, OSError):
            self._retire(w)
            return Answer.error(500, "worker crashed", "the query worker died; the query was not answered")
        except BaseException:  # cancelled (client gone, server stopping): the worker may be mid-query
            self._retire(w)
            raise
        self._idle.put_nowait(w)
        return answer

    async def query(self, sparql: str, *, accept: str | None = None, fmt: str | None = None,
                    default_graphs=None, named_graphs=None) -> Answer:
        return await self._ask({"op": "query", "query": sparql, "accept": accept, "format": fmt,
                                "max_rows": self.max_rows, "default_graphs": default_graphs,
                                "named_graphs": named_graphs, "allowed_hosts": self.allowed_hosts})

    async def graph_page(self, focus: str, hops: int, max_nodes: int) -> Answer:
        # the first page a worker draws imports the viewer's libraries: allow for that
        return await self._ask({"op": "graph", "focus": focus, "hops": hops, "max_nodes": max_nodes},
                               run_timeout=max(self.timeout, 60))

    async def update(self, sparql_update: str) -> Answer:
        """Run an update with no reader open (RocksDB readers must not overlap a writer)."""
        from aidkg import federation
        if self.source.kind != "store":
            return Answer.error(403, "read-only", "updates need an on-disk store, not a file")
        try:  # a parse may take a while: not on the event loop
            await asyncio.to_thread(federation.check, sparql_update, self.allowed_hosts, True)
        except federation.Refused as exc:
            return Answer.error(403, "federation refused", str(exc))
        if self._update_lock is None:
            self._update_lock = asyncio.Lock()
        if self._update_lock.locked():
            return Answer.busy("another update is running")
        async with self._update_lock:
            drained: list[_Process] = []
            deadline = time.monotonic() + self.timeout
            try:
                while len(drained) < len(self._all) + self._starting:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    drained.append(await asyncio.wait_for(self._idle.get(), remaining))
            except (asyncio.TimeoutError, TimeoutError):
                for w in drained:
                    self._idle.put_nowait(w)
                return Answer.busy("queries kept running; the update was not applied")
            for w in drained:
                self._retire(w, replace=False)
            try:
                return await self._run_update(sparql_update)
            finally:
                for _ in range(self.size - len(self._all) - self._starting):
                    self._in_background(self._add_worker())

    async def _run_update(self, sparql_update: str) -> Answer:
        loop = asyncio.get_running_loop()
        p = await loop.run_in_executor(self._spawner, _Process, _update_main, (self.source, sparql_update))
        try:
            return await _reply(p.conn, self.timeout + 10)  # + process start and store open
        except (asyncio.TimeoutError, TimeoutError):
            return Answer.error(503, "timeout", f"the update ran longer than the {self.timeout:g} s limit "
                                "and was rolled back")
        except (EOFError, OSError):
            return Answer.error(500, "update failed", "the update process died; nothing was written")
        finally:
            await asyncio.to_thread(p.kill)

    def pids(self) -> list[int]:
        return [w.proc.pid for w in self._all]

    def close(self) -> None:
        self._closed = True
        workers = list(self._all)
        self._all.clear()
        for w in workers:
            w.kill()
        self._spawner.shutdown(wait=False)


def default_source(store: str | Path | None, graph_file: str | Path | None) -> Source:
    if graph_file:
        return Source("file", str(Path(graph_file).resolve()))
    return Source("store", str(Path(store).resolve()))
