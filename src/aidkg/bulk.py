"""`aidkg push --bulk`: a folder of N-Quads shards (aidkg.cluster) into Virtuoso with its bulk loader.

Virtuoso's bulk loader (ld_dir, rdf_loader_run, checkpoint) reads the files itself, so the shard
folder must be readable by the server, at a path listed in its DirsAllowed (`--server-path` when
the server sees it under another path). aidkg drives it through Virtuoso's isql client (Debian's
`isql-vt`), as its documentation does:

1. shards the server has not loaded in their present state -- new, changed since the last bulk
   push to that server, or failed -- are listed; their graphs (and those of shards deleted
   since) are dropped on the server first, so a graph is replaced, never added to;
2. ld_dir registers them, `--loaders` isql sessions run rdf_loader_run together, a checkpoint
   makes them durable;
3. graph/union is made again as the set of the triples of every aidkg graph on the server
   (INSERT SOFT: each triple once), the same union the embedded store queries; query with
   default-graph-uri=https://w3id.org/aidkg/graph/union, as after `aidkg push`.

What was loaded is recorded beside the shards (.aidkg-bulk.sqlite: file, size and modification
time per server), and checked against the server's own load list, so a new database loads all.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cluster import SHARD_SUFFIX, graph_of_shard
from .store import UNION_GRAPH

RECORD_NAME = ".aidkg-bulk.sqlite"
GRAPH_PREFIX = "https://w3id.org/aidkg/graph/"
ISQL_COMMANDS = ("isql-vt", "isql-v")   # Debian's and upstream's names (plain `isql` is unixODBC's)
CHUNK = 200                              # graphs per DELETE statement
ROW_MARK = "aidkg-row"                   # marks result lines in isql's output


class BulkError(RuntimeError):
    """The bulk load cannot run or failed; one line."""


@dataclass
class BulkReport:
    loaded: int = 0                                     # shard files loaded in this push
    unchanged: int = 0                                  # already loaded in this state
    dropped: int = 0                                    # graphs of shards deleted since the last push
    errors: list[str] = field(default_factory=list)     # one line per file the loader refused
    union_triples: int | None = None
    max_cost_estimate: int | None = None                # the server's MaxQueryCostEstimationTime (s), if read


def sql_string(text: str) -> str:
    """A Virtuoso SQL string literal; refuses what cannot be quoted safely in a path or IRI."""
    if any(c in text for c in "\\\n\r\0"):
        raise BulkError(f"cannot pass {text!r} to Virtuoso (backslash or line break in the name)")
    return "'" + text.replace("'", "''") + "'"


class Isql:
    """Virtuoso's isql client: scripts in on stdin, result rows out; an error stops the push."""

    def __init__(self, server: str = "127.0.0.1:1111", user: str = "dba", password: str = "",
                 command: str | None = None):
        self.server, self.user, self.password = server, user, password
        self.command = command or next((c for c in map(shutil.which, ISQL_COMMANDS) if c), None)
        if self.command is None:
            raise BulkError("Virtuoso's isql client is not installed (isql-vt: apt-get install "
                            "virtuoso-opensource; or give --isql-command)")

    def run(self, script: str, timeout: float | None = None) -> list[str]:
        """Run the statements; the lines of rows selected as `ROW_MARK || chr(9) || …`, without the mark."""
        args = [self.command, self.server, self.user, self.password,
                "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF"]
        try:
            done = subprocess.run(args, input=script, capture_output=True, text=True, timeout=timeout)
        except OSError as exc:
            raise BulkError(f"cannot run {self.command}: {exc}") from None
        except subprocess.TimeoutExpired:
            raise BulkError(f"{self.command} did not finish within {timeout} s") from None
        if done.returncode != 0 or "*** Error" in done.stderr:
            message = " ".join(line.strip() for line in done.stderr.splitlines() if line.strip())
            raise BulkError(f"Virtuoso at {self.server}: {message or f'isql exited with {done.returncode}'}")
        mark = ROW_MARK + "\t"
        return [line[len(mark):].rstrip() for line in done.stdout.splitlines() if line.startswith(mark)]

    def start(self, script: str) -> subprocess.Popen:
        """The same, in the background (one of several loaders)."""
        args = [self.command, self.server, self.user, self.password,
                "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF"]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        proc.stdin.write(script)
        proc.stdin.close()
        return proc


class _Record:
    """Which shard files (size, mtime) were loaded into which server, beside the shards."""

    def __init__(self, folder: Path, server: str):
        self.server = server
        self._db = sqlite3.connect(str(folder / RECORD_NAME))
        self._db.execute("CREATE TABLE IF NOT EXISTS loaded (server TEXT, file TEXT, size INTEGER, "
                         "mtime_ns INTEGER, PRIMARY KEY (server, file))")

    def stamps(self) -> dict[str, tuple[int, int]]:
        rows = self._db.execute("SELECT file, size, mtime_ns FROM loaded WHERE server = ?", (self.server,))
        return {f: (s, m) for f, s, m in rows}

    def set(self, loaded: dict[str, tuple[int, int]], forgotten: list[str]) -> None:
        self._db.executemany("DELETE FROM loaded WHERE server = ? AND file = ?", [(self.server, f) for f in forgotten])
        self._db.executemany("INSERT OR REPLACE INTO loaded VALUES (?, ?, ?, ?)",
                             [(self.server, f, s, m) for f, (s, m) in loaded.items()])
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def _shards(folder: Path) -> dict[str, tuple[int, int]]:
    """name → (size, mtime_ns) of every shard in the folder (temp files of writers end in .part)."""
    out = {}
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.endswith(SHARD_SUFFIX) and not e.name.startswith(".") and e.is_file():
                st = e.stat()
                out[e.name] = (st.st_size, st.st_mtime_ns)
    return out


def _load_list(isql: Isql, server_dir: str) -> dict[str, tuple[int, str]]:
    """The server's load list for the folder: file name → (state, error); state 2 is loaded."""
    prefix = sql_string(server_dir + "/")
    rows = isql.run(f"SELECT '{ROW_MARK}' || chr(9) || ll_file || chr(9) || cast(ll_state AS VARCHAR) || chr(9) || "
                    f"replace(replace(coalesce(ll_error, ''), chr(10), ' '), chr(9), ' ') FROM DB.DBA.LOAD_LIST "
                    f"WHERE subseq(ll_file, 0, {len(server_dir) + 1}) = {prefix};\n")
    listed = {}
    for row in rows:
        file, state, error = (row.split("\t") + ["", ""])[:3]
        name = file[len(server_dir) + 1:]
        if "/" not in name:
            listed[name] = (int(state) if state.strip().isdigit() else -1, error.strip())
    return listed


def _iri_ids(names: list[str]) -> str:
    return ", ".join(f"iri_to_id({sql_string(graph_of_shard(n))}, 0)" for n in names)


def union_sql() -> str:
    """graph/union made again from every aidkg graph on the server, each triple once."""
    union = sql_string(UNION_GRAPH)
    prefix = sql_string(GRAPH_PREFIX + "%")
    # OPTION (ORDER): the distinct graphs first, then their quads (Virtuoso's own plan scans far more)
    return (f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({union});\n"
            f"INSERT SOFT DB.DBA.RDF_QUAD (G, S, P, O) SELECT iri_to_id({union}), q.S, q.P, q.O "
            f"FROM (SELECT DISTINCT G FROM DB.DBA.RDF_QUAD) d, DB.DBA.RDF_QUAD q "
            f"WHERE q.G = d.G AND id_to_iri(d.G) LIKE {prefix} AND id_to_iri(d.G) <> {union} OPTION (ORDER);\n")


def push_bulk(shard_dir: str | Path, isql: Isql, *, server_dir: str | None = None, loaders: int = 1,
              progress: Callable[[str], None] | None = None) -> BulkReport:
    """Load the shards of `shard_dir` into the Virtuoso `isql` reaches (see the module's doc)."""
    folder = Path(shard_dir)
    if not folder.is_dir():
        raise BulkError(f"no shard folder {folder}")
    server_dir = (server_dir or str(folder.resolve())).rstrip("/")
    say = progress or (lambda _msg: None)
    files = _shards(folder)
    if not files:
        raise BulkError(f"no shards (*{SHARD_SUFFIX}) in {folder}")
    listed = _load_list(isql, server_dir)
    record = _Record(folder, isql.server)
    try:
        stamps = record.stamps()
        report = BulkReport()
        todo = [n for n in sorted(files) if listed.get(n) != (2, "") or stamps.get(n) != files[n]]
        gone = sorted(n for n in listed if n not in files)
        report.unchanged = len(files) - len(todo)
        report.dropped = len(gone)
        if todo or gone:
            say(f"dropping {len(todo) + len(gone)} graph(s) to replace on the server")
            script = ["log_enable(2, 1);"]
            replaced = todo + gone
            for i in range(0, len(replaced), CHUNK):
                part = replaced[i:i + CHUNK]
                script.append(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN ({_iri_ids(part)});")
                files_sql = ", ".join(sql_string(f"{server_dir}/{n}") for n in part)
                script.append(f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file IN ({files_sql});")
            if todo:
                script.append(f"ld_dir({sql_string(server_dir)}, {sql_string('*' + SHARD_SUFFIX)}, "
                              f"{sql_string(UNION_GRAPH)});")
            isql.run("\n".join(script) + "\n")
        if todo:
            say(f"loading {len(todo)} shard(s) with {loaders} loader(s)")
            procs = [isql.start("rdf_loader_run();\n") for _ in range(max(1, loaders))]
            failures = []
            for proc in procs:
                err = proc.stderr.read()
                if proc.wait() != 0 or "*** Error" in err:
                    failures.append(" ".join(err.split()) or f"exit status {proc.returncode}")
            if failures:
                raise BulkError(f"rdf_loader_run failed: {failures[0]}")
            isql.run("checkpoint;\n")
            after = _load_list(isql, server_dir)
            done = {}
            for n in todo:
                state, error = after.get(n, (None, ""))
                if state == 2 and not error:
                    done[n] = files[n]
                elif state is None:
                    report.errors.append(f"{folder / n}: the server did not list it: does it read {server_dir} "
                                         f"(DirsAllowed, or --server-path)?")
                else:
                    report.errors.append(f"{folder / n}: {error or f'not loaded (state {state})'}")
            report.loaded = len(done)
            record.set(done, gone + [n for n in todo if n not in done])
        elif gone:
            record.set({}, gone)
        union_count = _union_count(isql)
        if todo or gone or not union_count:
            say("making graph/union")
            isql.run("log_enable(2, 1);\n" + union_sql() + "checkpoint;\n")
            union_count = _union_count(isql)
        report.union_triples = union_count
        report.max_cost_estimate = _max_cost_estimate(isql)
        return report
    finally:
        record.close()


def _max_cost_estimate(isql: Isql) -> int | None:
    """[SPARQL] MaxQueryCostEstimationTime of the server's ini: with a graph per article, Virtuoso
    7.2's estimates run 10^3-10^8 times the real time (bench/cluster.py), so a limit refuses most
    named queries. None when it cannot be read."""
    try:
        rows = isql.run(f"SELECT '{ROW_MARK}' || chr(9) || coalesce(cfg_item_value(virtuoso_ini_path(), 'SPARQL', "
                        f"'MaxQueryCostEstimationTime'), '');\n")
    except BulkError:
        return None
    value = rows[0].split(";")[0].strip() if rows else ""
    return int(value) if value.isdigit() else None


def _union_count(isql: Isql) -> int:
    rows = isql.run(f"SELECT '{ROW_MARK}' || chr(9) || cast(COUNT(*) AS VARCHAR) FROM DB.DBA.RDF_QUAD "
                    f"WHERE G = iri_to_id({sql_string(UNION_GRAPH)}, 0);\n")
    return int(rows[0]) if rows else 0


__all__ = ["push_bulk", "Isql", "BulkError", "BulkReport", "union_sql"]
