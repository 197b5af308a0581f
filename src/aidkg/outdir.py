"""The folder a build writes to: checked before anything is written, locked while building.

* `-o` must be a folder (or not exist yet) and `--store` a store folder: a file there, or a folder
  of other things given as the store, is a one-line `OutputError`, not a traceback;
* one build at a time per output folder: an exclusive lock on OUT/.aidkg-build.lock (released by
  the kernel when the build ends, also when it is killed), else a one-line error naming the holder;
* a graph.<fmt> or graph.html that aidkg did not write is never overwritten;
* temp files that killed writers left behind are removed (aidkg.io names them after their pid);
* the folder is marked (OUTPUT_MARKER, listing the files written) so that a later build whose
  input contains it does not read its graph.html as an article (aidkg.sources).
"""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Iterator

from .io import atomic_write, remove_stale_parts
from .sources import OUTPUT_MARKER

LOCK_FILE = ".aidkg-build.lock"
# what identifies a file as aidkg's own: the vocabulary namespace (graph files) or the viewer's name
_OURS = (b"w3id.org/aidkg", b"aidkg")
_SNIFF = 1 << 16


class OutputError(Exception):
    """An output location that cannot be used; str() is one line."""


def check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"-o {out}: is a file; the output must be a folder (graph.*, graph.html and the store go in it)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"-o {out}: cannot create the output folder: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"-o {out}: the output folder is not writable")


def check_store(store: Path) -> None:
    if store.exists() and not store.is_dir():
        raise OutputError(f"--store {store}: is a file; the store is a folder (created on the first build)")
    if store.is_dir() and not (store / "CURRENT").exists():
        others = [p.name for p in store.iterdir()][:3]
        if others:
            raise OutputError(f"--store {store}: is a folder of other files ({', '.join(others)} …), not an aidkg "
                              "store; give an empty or new folder")


def check_overwrite(target: Path) -> None:
    """Refuse to replace a file at `target` that aidkg did not write."""
    if not target.exists():
        return
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; cannot write the graph there")
    if _marker_lists(target) or _looks_ours(target):
        return
    raise OutputError(f"{target} exists and was not written by aidkg; not overwriting it "
                      "(move it away or choose another -o folder)")


def _marker_lists(target: Path) -> bool:
    try:
        data = json.loads((target.parent / OUTPUT_MARKER).read_text(encoding="utf-8"))
        return target.name in data.get("files", ())
    except (OSError, ValueError, AttributeError):
        return False


def _looks_ours(target: Path) -> bool:
    try:
        with open(target, "rb") as f:
            head = f.read(_SNIFF)
    except OSError:
        return False
    if not head.strip():
        return True   # an empty file holds nothing to lose
    needle = _OURS[1] if target.suffix == ".html" else _OURS[0]
    return needle in head


def mark(out: Path, files: list[str]) -> None:
    """Record what this build wrote in `out` (read by check_overwrite and aidkg.sources)."""
    marker = out / OUTPUT_MARKER
    try:
        previous = set(json.loads(marker.read_text(encoding="utf-8")).get("files", ()))
    except (OSError, ValueError, AttributeError):
        previous = set()
    from . import __version__
    atomic_write(marker, json.dumps({"written_by": f"aidkg {__version__}",
                                     "files": sorted(previous | set(files))}, indent=1) + "\n")


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold OUT/.aidkg-build.lock for the build; a second build on the same folder fails at once."""
    import fcntl

    path = out / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f"another aidkg build (pid {holder})" if holder.isdigit() else "another aidkg build"
            raise OutputError(f"{who} is writing to {out}; wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        remove_stale_parts(out, unnamed=(".graph.",))   # also those of versions that did not name their pid
        yield
    finally:
        os.close(fd)   # closing releases the lock
