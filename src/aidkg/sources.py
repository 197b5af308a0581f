"""Finding article files and reading their bytes safely.

Only regular files are read, each up to a size limit, and reading never blocks: a FIFO, a device
(a `.txt` link to /dev/zero), a symbolic-link loop, a file name that is not UTF-8 or a folder that
cannot be listed each become one `IngestError` line "PATH: reason" and the rest is still read.
Folders are walked in sorted order, without following links to folders inside them (one could
lead to / itself: it is listed as skipped; a folder named on the command line is read wherever it
is), without the generated files of earlier builds (see aidkg.outdir), hidden files, and the
README, SOURCES or LICENSE that describes a corpus.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024   # a long news article is ~100 KB; a PDF with photos a few MB

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".pdf", ".docx")
NOT_ARTICLES = re.compile(r"^(README|SOURCES|LICEN[CS]E|CHANGELOG|CONTRIBUTING)(\.\w+)?$", re.I)
METADATA_FILE = "metadata.csv"   # beside the articles: their titles, dates, URLs (aidkg.metadata)
# files that describe a corpus rather than being articles: read by the build, never listed as skipped
CORPUS_FILES = frozenset({METADATA_FILE, "corrections.yaml", "corrections.yml"})
OUTPUT_MARKER = ".aidkg-output"  # in every folder `aidkg build` writes to (aidkg.outdir)


class IngestError(Exception):
    """A file or folder that cannot be turned into a Document, and why: str() is one line "PATH: reason"."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{display(self.path)}: {reason}")


@dataclass
class Found:
    files: list[Path]              # article files to read, sorted, each once
    errors: list[IngestError]    # unreadable: the build fails (exit status 1) but goes on
    skipped: list[IngestError]   # not articles (an image beside the articles): listed, no failure


NOT_UTF8 = ("name is not valid UTF-8 (an archive unpacked with another encoding? "
            "rename it, e.g. convmv -f gbk -t utf-8 --notest -r)")


def display(path: str | os.PathLike) -> str:
    """A path as printable text: bytes of a name that is not UTF-8 shown as \\xNN."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def _name_is_utf8(path: str | os.PathLike) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def find_articles(paths: Iterable[str | os.PathLike], *, max_file_size: int = DEFAULT_MAX_FILE_SIZE,
                  exclude: Iterable[str | os.PathLike] = (), outputs: Iterable[str | os.PathLike] = ()) -> Found:
    """The article files under `paths` (files or folders, recursively), and the problems met.

    A file named on the command line with another suffix is an error; in a folder it is skipped
    with a line saying so. `exclude`: folders never to read (the build's store). `outputs`: folders
    a build writes to (and every folder holding an OUTPUT_MARKER): their generated files
    (graph.*, the store) are not read, the articles beside them are (`-o` may be the corpus itself).
    """
    found = Found([], [], [])
    excluded = {_identity(p) for p in exclude} - {None}
    output_dirs = {_identity(p) for p in outputs} - {None}
    files: dict[tuple[int, int], Path] = {}    # (device, inode) → path: a file named twice is read once
    for raw in paths:
        path = Path(raw)
        if not _name_is_utf8(path):   # named on the command line: the path itself, or a folder on it
            found.errors.append(IngestError(path, NOT_UTF8))
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            found.errors.append(IngestError(path, _stat_reason(path, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            before = len(files)
            _walk(path, files, found, excluded, output_dirs, max_file_size)
            if len(files) == before and not any(p.path.startswith(str(path)) for p in found.errors):
                kinds = ", ".join(ARTICLE_SUFFIXES)
                found.errors.append(IngestError(path, f"folder contains no article files ({kinds})"))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            found.errors.append(IngestError(path, f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                                                    f"expected one of {', '.join(ARTICLE_SUFFIXES)}"))
        else:
            _add_file(path, st, files, found.errors, max_file_size)
    found.files = sorted(files.values(), key=lambda p: os.fsencode(p))
    return found


def _walk(folder: Path, files: dict, found: Found, excluded: set, output_dirs: set, max_file_size: int) -> None:
    visited: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        ident = _identity(current)
        if ident is None or ident in visited:
            continue   # a link to a folder already walked (or a loop back up)
        visited.add(ident)
        if ident in excluded:
            continue
        # the output of a build: its graph.html is no article
        generated = generated_names(current) if ident in output_dirs or os.path.isfile(current / OUTPUT_MARKER) else ()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            found.errors.append(IngestError(current, f"folder cannot be read: {_strerror(exc)}"))
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            # hidden files and folders (.git, editor swap files, partial downloads) are not articles
            if name.startswith(".") or (generated and (name in generated or GENERATED.match(name))):
                continue
            path = Path(entry.path)
            if not _name_is_utf8(name):
                found.errors.append(IngestError(path, NOT_UTF8))
                continue
            try:
                st = os.stat(path)
            except OSError as exc:
                found.errors.append(IngestError(path, _stat_reason(path, exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                if entry.is_symlink():
                    # a link to a folder may lead anywhere (to / itself): named, not followed
                    found.skipped.append(IngestError(path, "a link to a folder is not followed "
                                                           "(name the folder itself to read it)"))
                elif not _is_store(path):   # an earlier build's Oxigraph store holds no articles
                    subfolders.append(path)
            elif NOT_ARTICLES.match(name) or name in CORPUS_FILES:
                continue   # a folder's README/SOURCES/LICENSE describe the corpus; metadata.csv is read with it
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                _add_file(path, st, files, found.errors, max_file_size)
            else:
                found.skipped.append(IngestError(path, f"unsupported type {path.suffix or '(no suffix)'!r}"))
        stack.extend(reversed(subfolders))


GENERATED = re.compile(r"^(graph\.\w+|store)$")   # what `aidkg build` writes into its output folder


def generated_names(folder: Path) -> frozenset[str]:
    """The names an output folder's marker lists as written by aidkg (besides GENERATED)."""
    import json
    try:
        data = json.loads((folder / OUTPUT_MARKER).read_text(encoding="utf-8"))
        return frozenset(str(n) for n in data.get("files", ())) | {"store"}
    except (OSError, ValueError, AttributeError):
        return frozenset({"store"})


def _add_file(path: Path, st: os.stat_result, files: dict, errors: list, max_file_size: int) -> None:
    problem = regular_file_problem(st, max_file_size)
    if problem:
        errors.append(IngestError(path, problem))
        return
    files.setdefault((st.st_dev, st.st_ino), path)


def regular_file_problem(st: os.stat_result, max_file_size: int) -> str | None:
    """Why a file with this status is not read (None: read it)."""
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
                else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file")
        return f"not a regular file ({kind}); only regular files are read"
    if st.st_size > max_file_size:
        return (f"too large ({_size(st.st_size)}; the limit is {_size(max_file_size)}, "
                "raise it with --max-file-size)")
    return None


def read_bytes(path: str | os.PathLike, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file, at most `max_file_size`; IngestError otherwise.

    Opened without blocking and checked on the open descriptor, so a file replaced by a FIFO or a
    device after it was found can neither hang the build nor feed it without end.
    """
    path = Path(path)
    if not _name_is_utf8(path):
        raise IngestError(path, NOT_UTF8)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise IngestError(path, _stat_reason(path, exc)) from None
    try:
        problem = regular_file_problem(os.fstat(fd), max_file_size)
        if problem:
            raise IngestError(path, problem)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > max_file_size:   # it grew while being read
                raise IngestError(path, f"too large (over {_size(max_file_size)}, the limit; see --max-file-size)")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise IngestError(path, f"cannot be read: {_strerror(exc)}") from None
    finally:
        os.close(fd)


def _is_store(folder: Path) -> bool:
    try:
        return os.path.isfile(folder / "CURRENT") and any(n.startswith("MANIFEST-") for n in os.listdir(folder))
    except OSError:
        return False


def _identity(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _stat_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (not readable)"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot be read: {_strerror(exc)}"


def _strerror(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
