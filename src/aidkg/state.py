"""What aidkg remembers between commands: the output of the last build.

After `aidkg build my_folder -o out`, `aidkg query`, `serve`, `stats`, `viz`, `export`, `remove`
and `push` use out/store without `--store`. The note is one small JSON file in the state folder:
$AIDKG_HOME if set, else $XDG_STATE_HOME/aidkg, else ~/.local/state/aidkg. A store named with
`--store` always wins; when the remembered one is gone, output/store (the default build's) is used.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .store import DEFAULT_STORE

STATE_FILE = "last-build.json"


def home() -> Path:
    """The folder aidkg keeps its state in."""
    if os.environ.get("AIDKG_HOME"):
        return Path(os.environ["AIDKG_HOME"]).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base).expanduser() / "aidkg"


def remember_build(out_dir: str | Path, store_dir: str | Path) -> Path | None:
    """Note the output of a build just finished; None when the state folder cannot be written
    (a read-only home must not fail a build)."""
    from .io import atomic_write

    record = {"out": str(Path(out_dir).resolve()), "store": str(Path(store_dir).resolve()),
              "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    path = home() / STATE_FILE
    try:
        atomic_write(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    except OSError:
        return None
    return path


def last_build() -> dict | None:
    """The last build's {"out", "store", "when"}, if noted and its store still exists."""
    try:
        record = json.loads((home() / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not record.get("store"):
        return None
    return record if (Path(record["store"]) / "CURRENT").exists() else None


def default_store(given: str | Path | None = None, *, announce=None) -> Path:
    """The store a command works on: `given`, else the last build's, else output/store.
    `announce(message)` is told when the remembered store is used (for a line on stderr)."""
    if given is not None:
        return Path(given)
    record = last_build()
    if record is None:
        return DEFAULT_STORE
    store = Path(record["store"])
    if announce is not None and store != DEFAULT_STORE.resolve():
        announce(f"using the store of the last build, {store} (--store to choose another)")
    return store
