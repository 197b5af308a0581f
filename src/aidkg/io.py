"""Atomic file output: a killed process never leaves a half-written file behind.

The temp file beside the target is named `.NAME.<pid>.<random>.part`; a process killed before
the rename leaves it, and the next write to that folder removes the parts whose writer is gone.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator, IO

_PART = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", *,
                clean: bool = True) -> Iterator[IO]:
    """Open a temp file beside `path`; rename it over `path` only when the block succeeds.

    `clean=False` leaves other temp files in the folder alone: for a folder of many files, or
    one that processes on other hosts write to (a pid says nothing there; aidkg.cluster's shards)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if clean:
        remove_stale_parts(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    try:
        if "b" in mode:
            f = os.fdopen(fd, mode)
        else:
            f = os.fdopen(fd, mode, encoding=encoding)
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, clean: bool = True) -> Iterator[str]:
    """atomic_open for a writer that takes a path (pyoxigraph's serialisers write a path with their
    own buffer, a quarter faster than through a Python file object): the temp file's path,
    renamed over `path` only when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if clean:
        remove_stale_parts(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_stale_parts(folder: str | os.PathLike, unnamed: tuple[str, ...] = ()) -> list[Path]:
    """Remove the temp files in `folder` whose writing process no longer runs; return them.

    `unnamed`: prefixes of temp files that name no pid (written by older versions) to remove too;
    only for a caller that knows no one else writes them (a build holding its folder's lock).
    """
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _PART.match(name)
        stale = (not _running(int(m.group(1)))) if m else (name.endswith(".part") and name.startswith(unnamed)
                                                            and bool(unnamed))
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
                removed.append(Path(folder) / name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True   # another user's process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike, data: str | bytes, *, clean: bool = True) -> None:
    with atomic_open(path, "wb" if isinstance(data, bytes) else "w", clean=clean) as f:
        f.write(data)
