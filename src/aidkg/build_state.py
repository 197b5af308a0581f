"""What a rebuild needs to know to do nothing when nothing changed.

* `FileCache`: file (path, size, mtime) → content hash of the article it held, in a small SQLite
  file inside the store folder, so an unchanged file is recognised without reading and decoding
  it (1–2 ms a file: 10–20 s for 10,000). The store still decides: a file is skipped only when the
  store holds its article with that hash. Same size and mtime with other content is taken for
  unchanged, as make and git do; `aidkg build --force` reads everything.
* `OutputState`: which state of the store each output (graph file, page, summary) was made from,
  in `OUT/.aidkg-output-state.json`; an output whose state, size and mtime still match is not redone.
"""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from pathlib import Path

from .io import atomic_write

FILE_CACHE_NAME = "aidkg-files.sqlite"   # RocksDB leaves files it does not know alone
OUTPUT_STATE_NAME = ".aidkg-output-state.json"


class FileCache:
    def __init__(self, store_dir: Path | None):
        self._db = None
        self._csv_mtimes: dict[str, int] = {}
        self._folders: dict[Path, str] = {}
        self._known: dict[str, tuple] | None = None
        if store_dir is None:
            return
        try:
            self._db = sqlite3.connect(str(Path(store_dir) / FILE_CACHE_NAME))
            self._db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, "
                             "mtime_ns INTEGER, content_hash TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        except sqlite3.Error:
            self._db = None   # a cache only: without it every file is read

    def resolved(self, path: Path) -> str | None:
        """The file's resolved path (as `Path.resolve` gives it; the article's source id), with its
        folder resolved once per build: one lstat a file instead of one per component of its path
        (Path.resolve on 10,000 files, twice, was 1.4 s of a one-article rebuild)."""
        try:
            st = os.lstat(path)
        except OSError:
            return None
        name = path.name
        if stat.S_ISLNK(st.st_mode) or name in ("", ".", ".."):
            return str(path.resolve())
        folder = path.parent
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = str(folder.resolve())
        return os.path.join(real, name)

    def _key(self, path: Path, resolved: str | None = None) -> tuple[str, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        from .metadata import csv_mtime
        resolved = resolved or self.resolved(path)
        if resolved is None:
            return None
        # a metadata.csv row is part of the article (aidkg.metadata): its change is the article's.
        # Looked up once per folder in a build (a stat of every folder above each of 10,000 files)
        folder = os.path.dirname(resolved)
        if folder not in self._csv_mtimes:
            self._csv_mtimes[folder] = csv_mtime(Path(resolved))
        return resolved, st.st_size, max(st.st_mtime_ns, self._csv_mtimes[folder])

    def content_hash(self, path: Path, resolved: str | None = None) -> str | None:
        """The hash recorded for this file as it is now (same size and mtime), else None.
        `resolved`: its resolved path when the caller has it."""
        key = self._key(path, resolved)
        if self._db is None or key is None:
            return None
        if self._known is None:   # every record read at once: one query, not one per file
            try:
                self._known = {p: (size, mtime, h) for p, size, mtime, h in self._db.execute(
                    "SELECT path, size, mtime_ns, content_hash FROM files")}
            except sqlite3.Error:
                self._known = {}
        rec = self._known.get(key[0])
        return rec[2] if rec is not None and rec[:2] == key[1:] else None

    def record(self, path: Path, content_hash: str, resolved: str | None = None) -> None:
        key = self._key(path, resolved)
        if self._db is None or key is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (*key, content_hash))
        except sqlite3.Error:
            return
        if self._known is not None:
            self._known[key[0]] = (*key[1:], content_hash)

    def generation(self) -> str:
        """Bumped by every build that wrote or removed articles: with the store's state it tells a
        rebuild of the same content (--force, a new extractor) from no change at all."""
        if self._db is None:
            return "no-cache"
        row = self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else "0"

    def bump_generation(self) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                             (str(int(self.generation()) + 1),))
            self._db.commit()
        except (sqlite3.Error, ValueError):
            pass

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.commit()
            finally:
                self._db.close()
                self._db = None


class OutputState:
    """The store state each output of `OUT` was made from. A build writes its graph file in a
    thread while it makes the pages (aidkg.builder): the records change under a lock."""

    def __init__(self, out_dir: Path, current_state: str | None = None):
        self._lock = threading.Lock()
        self.out = Path(out_dir)
        self.current_state = current_state     # the store's state this build makes outputs from
        self.path = self.out / OUTPUT_STATE_NAME
        try:
            self._saved = self.path.read_text(encoding="utf-8")
            self._records = json.loads(self._saved)
        except (OSError, ValueError):
            self._saved, self._records = None, {}

    def _stamp(self, name: str) -> list | None:
        try:
            st = (self.out / name).stat()
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def fresh(self, name: str, state: str) -> bool:
        """True when output `name` exists, untouched since it was made from `state`."""
        rec = self._records.get(name)
        return bool(rec) and rec.get("state") == state and rec.get("stamp") == self._stamp(name)

    def mark(self, name: str, state: str) -> None:
        stamp = self._stamp(name)
        with self._lock:
            self._records[name] = {"state": state, "stamp": stamp}

    def data(self, name: str, state: str):
        """Data saved with `save_data` for this state, else None (the build summary)."""
        rec = self._records.get(name)
        return rec.get("data") if rec and rec.get("state") == state else None

    def save_data(self, name: str, state: str, data) -> None:
        with self._lock:
            self._records[name] = {"state": state, "data": data}

    def record(self, name: str):
        """What `set_record` saved for output `name` (per-article outputs: aidkg.exports), else None."""
        return self._records.get(name)

    def set_record(self, name: str, record) -> None:
        with self._lock:
            self._records[name] = record

    def forget(self, name: str) -> None:
        with self._lock:
            self._records.pop(name, None)

    def save(self) -> None:
        """Write the records when they changed (a no-op rebuild of 10,000 articles writes nothing:
        the graph files' record alone holds 10,000 hashes)."""
        with self._lock:
            text = json.dumps(self._records, ensure_ascii=False)
        if text == self._saved:
            return
        try:
            atomic_write(self.path, text)
            self._saved = text
        except OSError:
            pass   # next build redoes the outputs
