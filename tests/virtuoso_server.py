"""A throwaway Virtuoso (Debian's virtuoso-opensource) on loopback, for tests and bench/store.py.

Debian's package ships an ini pointing at /var/lib; we copy it with the database, the ports and
DirsAllowed moved to a temp directory. A new database has the dba/dba login.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BINARY = shutil.which("virtuoso-t")


def available() -> str | None:
    """None when a Virtuoso can be started here, else why not."""
    if BINARY is None:
        return "virtuoso-t is not installed (apt-get install virtuoso-opensource)"
    if not SYSTEM_INI.exists():
        return f"{SYSTEM_INI} is missing"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ini(db: Path, sql_port: int, http_port: int, buffers: int, dirs_allowed: tuple = (),
         sparql: dict | None = None) -> str:
    out, section = [], None
    for line in SYSTEM_INI.read_text().splitlines():
        m = re.match(r"\s*\[(\w[\w ]*)\]", line)
        if m:
            section = m[1]
        key = line.split("=", 1)[0].strip() if "=" in line and not line.lstrip().startswith(";") else None
        if key in ("DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"):
            name = Path(line.split("=", 1)[1].strip()).name
            line = f"{key} = {db / name}"
        elif key == "ServerPort" and section == "Parameters":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "HTTPServer":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            # the bulk loader reads only files under these (aidkg push --bulk: the shard folder)
            line = ", ".join([f"DirsAllowed = ., {db}", *map(str, dirs_allowed), "/usr/share/virtuoso-opensource-7/vad"])
        elif section == "SPARQL" and key in (sparql or {}):
            # e.g. MaxQueryCostEstimationTime = 0: Debian's 400 s refuses most named queries once a
            # graph per article is stored (the README's advice for such a server)
            line = f"{key} = {sparql[key]}"
        elif key == "NumberOfBuffers":
            line = f"NumberOfBuffers = {buffers}"
        elif key == "MaxDirtyBuffers":
            line = f"MaxDirtyBuffers = {buffers * 3 // 4}"
        elif key and key.startswith("Load") and section == "Plugins":
            line = ";" + line  # wiki/markup plugins: not needed, and one less thing to fail
        out.append(line)
    return "\n".join(out) + "\n"


class Virtuoso:
    def __init__(self, workdir: Path, buffers: int = 10000, dirs_allowed: tuple = (),
                 sparql: dict | None = None):
        """`sparql`: settings of the ini's [SPARQL] section to change (ResultSetMaxRows, …)."""
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        self.ini = self.dir / "virtuoso.ini"
        self.ini.write_text(_ini(self.dir, self.sql_port, self.http_port, buffers, tuple(dirs_allowed),
                                   sparql))
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    @property
    def isql(self) -> str:
        """HOST:PORT of its SQL port (isql, aidkg push --bulk)."""
        return f"127.0.0.1:{self.sql_port}"

    @property
    def crud(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"

    def start(self, timeout: float = 90) -> "Virtuoso":
        self.log = open(self.dir / "stdout.log", "wb")
        self.proc = subprocess.Popen([BINARY, "+configfile", str(self.ini), "+foreground"], cwd=self.dir,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited ({self.proc.returncode}): {self.tail()}")
            try:
                self.query("ASK {}")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"virtuoso did not answer within {timeout} s: {self.tail()}")

    def tail(self) -> str:
        log = self.dir / "virtuoso.log"
        return log.read_text(errors="replace")[-1500:] if log.exists() else ""

    def query(self, sparql: str, default_graph: str | None = None, timeout: float = 120) -> dict:
        form = {"query": sparql}
        if default_graph:
            form["default-graph-uri"] = default_graph
        req = urllib.request.Request(self.sparql, data=urlencode(form).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return json.loads(res.read())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
