"""The graph file(s) a build writes: one file while the store is small, one file per article past
WHOLE_FILE_MAX_ARTICLES, and then only the files of the articles that changed are written.

One file of the whole store is what a small corpus wants (`output/graph.ttl`), but it can only be
made again whole: at 10,000 articles (6 million triples, about 1 GB of Turtle) that took most of
the minute and a half a rebuild after one changed article cost (bench/README.md, Scale). Past the
threshold the build writes `OUT/graph/<graph hash>.<fmt>` -- each article's whole graph, as
`aidkg export` would write it, in its own file -- and `OUT/graph/ontology.<fmt>` (the ontology
and the other graphs: corrections). Loading every file of the folder gives the store's union (a
triple stated by two articles is in both files; RDF graphs are sets). Which articles changed is
known from the store's content hashes, compared with those the files were written from
(`OUTPUT_STATE` record "graph/"); a build that writes an article's graph again with the same
content hash (--force, corrections) clears that record first (`invalidate`), so a build killed
half-way is made up for by the next one.

Below the threshold the one file is made the same way, for the formats whose files can be joined
(Turtle, N-Triples, TriG, N-Quads): each article's part is written from the quads in hand when the
store takes it, kept in `OUT/.aidkg-graph-parts/` (a cache, with the same record), and the file
is the parts joined -- the ontology's first, then the articles' by graph. Oxigraph's dump of the
whole store read every term back from RocksDB: a quarter of the write path's CPU at 1,000 articles
(bench/README.md, Build CPU); a rebuild now writes the changed article's part and joins the rest.
The file holds the same triples as the dump; one stated by two articles appears in both parts
(a Turtle or N-Triples file is read as a set, as the per-article files are).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox

from .formats import DATASET_FORMATS, EXPORT_FORMATS
from .io import atomic_open
from .graph import triples_of
from .store import ARTICLE_GRAPH_PREFIX, ARTICLE_PREFIX as _ARTICLE_PREFIX, OWN_PREFIXES, WRITE_PREFIXES
from .vocab import AID

_CONTENT_HASH = str(AID.contentHash)

WHOLE_FILE_MAX_ARTICLES = 1000
SHARD_DIR = "graph"              # OUT/graph/ past the threshold
OTHER_SHARD = "ontology"         # OUT/graph/ontology.<fmt>: every graph that is no article's
RECORD = "graph/"                # its record in aidkg.build_state.OutputState
PARTS_DIR = ".aidkg-graph-parts"  # below it: the parts OUT/graph.<fmt> is joined from
PARTS_RECORD = "graph-parts/"
JOINABLE = ("ttl", "nt", "trig", "nq")   # formats whose files, one after another, are one file
# In a part of a triple format, the triples about the article's own nodes (its statements,
# mentions, money figures: no other article has them) are in `<hash>.<fmt>`; the rest (entities,
# which other articles may describe with the same triples) in `<hash>.shared` as N-Triples lines,
# written once each when the parts are joined (the union is a set)
SHARED = "shared"
_HASH = re.compile(r"[0-9a-f]{16}")   # aidkg.ids.article_key


def shard_name(graph_iri: str, fmt: str) -> str:
    return f"{graph_iri[len(ARTICLE_GRAPH_PREFIX):]}.{fmt}"


def _serialize(quads: list, f, fmt: str) -> None:
    rdf_format = EXPORT_FORMATS[fmt]
    prefixes = WRITE_PREFIXES if fmt in ("ttl", "trig") else None
    if fmt in DATASET_FORMATS:
        ox.serialize(quads, f, rdf_format, prefixes=prefixes)
    else:
        ox.serialize([q.triple for q in quads], f, rdf_format, prefixes=prefixes)


def _write(path: Path, quads: list, fmt: str) -> None:
    # one folder of many files a build alone writes (under its lock): no sweep of stale temp files
    # per file, which the build did once when it took the lock
    if path.parent.name != PARTS_DIR:
        with atomic_open(path, "wb", clean=False) as f:
            _serialize(quads, f, fmt)
        return
    # a part: a cache the record vouches for, replaced whole by a rename (no fsync: the file joined
    # from the parts is the output, written with one)
    if fmt in DATASET_FORMATS or path.stem == OTHER_SHARD:
        _write_part(path, ox.serialize(quads, format=EXPORT_FORMATS[fmt], prefixes=_prefixes(fmt))
                    if fmt in DATASET_FORMATS else _triples_bytes(quads, fmt))
        return
    _write_files(path, article_file_bytes(quads, fmt, parts=True), parts=True)


def article_file_bytes(quads, fmt: str, parts: bool) -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the files of an article graph: its whole graph in `fmt` (a per-article
    file), or its part of the one file (`parts`). A pure function of the quads, so that a --jobs
    worker makes them beside the article (aidkg.extraction) and the writer only writes them."""
    if not parts or fmt in DATASET_FORMATS:
        if fmt in DATASET_FORMATS:
            return [(fmt, ox.serialize(quads, format=EXPORT_FORMATS[fmt], prefixes=_prefixes(fmt)))]
        return [(fmt, _triples_bytes(quads, fmt))]
    own, shared, is_own = [], [], {}
    for q, (s, _, _) in zip(quads, triples_of(quads)):
        mine = is_own.get(s)
        if mine is None:
            mine = is_own[s] = s.value.startswith(OWN_PREFIXES)
        (own if mine else shared).append(q)
    # N-Triples lines: the N-Quads of the article's graph without its name (no Triple objects made)
    lines = b""
    if shared:
        graph = f" <{shared[0].graph_name.value}> .\n".encode()
        lines = ox.serialize(shared, format=ox.RdfFormat.N_QUADS).replace(graph, b" .\n")
    return [(fmt, ox.serialize([q.triple for q in own], format=EXPORT_FORMATS[fmt], prefixes=_prefixes(fmt))),
            (SHARED, lines)]


def _write_files(path: Path, files: list[tuple[str, bytes]], parts: bool) -> None:
    for suffix, data in files:
        target = path.with_suffix("." + suffix)
        if parts:
            _write_part(target, data)
        else:
            with atomic_open(target, "wb", clean=False) as f:
                f.write(data)


def _prefixes(fmt: str):
    return WRITE_PREFIXES if fmt in ("ttl", "trig") else None


def _triples_bytes(quads, fmt: str) -> bytes:
    # each quad's triple made in Rust (`q.triple`): a Triple made from the terms in Python cost
    # 1.4 ms an article, five times the serialisation (a file per article past 1,000 articles)
    return ox.serialize([q.triple for q in quads], format=EXPORT_FORMATS[fmt], prefixes=_prefixes(fmt))


def _write_part(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _others_digest(store) -> str:
    digest = hashlib.sha256()
    for g in store.graphs():
        if not g.startswith(ARTICLE_GRAPH_PREFIX):
            digest.update(g.encode() + b"\n")
            for line in sorted(str(q) for q in store.graph_quads(g)):
                digest.update(line.encode() + b"\n")
    return digest.hexdigest()


class ArticleFiles:
    """Told of each article graph the build writes (aidkg.store.Store.listeners): writes its file
    from the quads in hand, after the store holds them -- reading them back cost 9 ms an article.
    A build killed before its output state is saved leaves the old hashes recorded, so the next
    build writes these files again from the store."""

    def __init__(self, out: Path, fmt: str, folder: str = SHARD_DIR):
        self.folder, self.fmt = Path(out) / folder, fmt
        self.hashes: dict[str, str | None] = {}      # graph -> content hash of the file written (None: removed)

    def written(self, graph_iri: str, quads: list) -> None:
        """(`quads`: an article's quads, or aidkg.extraction.WorkerGraph: its files made by a --jobs
        worker, `graph_files`, for this format and kind of folder)"""
        self.folder.mkdir(parents=True, exist_ok=True)
        parts = self.folder.name == PARTS_DIR
        made = getattr(quads, "graph_files", None)
        files = made[1] if made is not None and made[0] == (self.fmt, parts) else \
            article_file_bytes(quads, self.fmt, parts)
        _write_files(self.folder / shard_name(graph_iri, self.fmt), files, parts)
        made = getattr(quads, "content_hash", False)
        self.hashes[graph_iri] = made if made is not False else _content_hash(quads)

    def removed(self, graph_iri: str) -> None:
        _unlink(self.folder, graph_iri, self.fmt)
        self.hashes[graph_iri] = None


def _unlink(folder: Path, graph_iri: str, fmt: str) -> None:
    (folder / shard_name(graph_iri, fmt)).unlink(missing_ok=True)
    (folder / shard_name(graph_iri, SHARED)).unlink(missing_ok=True)


_CONTENT_HASH_NODE = ox.NamedNode(_CONTENT_HASH)


def _content_hash(quads) -> str | None:
    for s, p, o in triples_of(quads):
        if p == _CONTENT_HASH_NODE and s.value.startswith(_ARTICLE_PREFIX):
            return o.value
    return None


def article_files(store, out: Path, fmt: str, articles_found: int, hashes: dict | None = None) -> ArticleFiles | None:
    """The listener for a build: one file per article when its store or its input is past the
    threshold, else the parts of the one file (None for a format whose files cannot be joined).
    `hashes`: store.article_hashes() when the caller has them."""
    if max(len(store.article_hashes() if hashes is None else hashes), articles_found) <= WHOLE_FILE_MAX_ARTICLES:
        return ArticleFiles(out, fmt, PARTS_DIR) if fmt in JOINABLE else None
    return ArticleFiles(out, fmt)


def write_graph_files(store, out: Path, fmt: str, outputs, files: ArticleFiles | None = None,
                      hashes: dict | None = None) -> dict:
    """Bring OUT/graph.<fmt> or OUT/graph/ up to date with the store; returns what was done
    ({"path": …, "written": n, "removed": n}). `outputs`: the build's OutputState; `files`: the
    build's listener, which wrote the files of the articles it saw written; `hashes`:
    store.article_hashes() as it is now, when the caller has them."""
    hashes = store.article_hashes() if hashes is None else hashes
    whole = out / f"graph.{fmt}"
    folder = out / SHARD_DIR
    if len(hashes) <= WHOLE_FILE_MAX_ARTICLES:
        _remove_shards(folder, outputs)
        state = outputs.current_state
        if fmt not in JOINABLE:
            _remove_shards(out / PARTS_DIR, outputs, PARTS_RECORD)
        if outputs.fresh(whole.name, state):
            return {"path": str(whole), "written": 0, "removed": 0}
        if fmt in JOINABLE:
            _, order = _bring_up_to_date(store, out / PARTS_DIR, PARTS_RECORD, fmt, outputs, files, hashes)
            _join(out / PARTS_DIR, order, whole)
        else:
            store.export(fmt, whole)
        outputs.mark(whole.name, state)
        return {"path": str(whole), "written": 1, "removed": 0}
    if whole.exists():
        whole.unlink()          # ours (checked before the build wrote anything): stale from now on
    outputs.forget(whole.name)
    _remove_shards(out / PARTS_DIR, outputs, PARTS_RECORD)
    done, _ = _bring_up_to_date(store, folder, RECORD, fmt, outputs, files, hashes)
    return {"path": str(folder), **done}


def _bring_up_to_date(store, folder: Path, record_name: str, fmt: str, outputs, files: ArticleFiles | None,
                      hashes: dict) -> tuple[dict, list[str]]:
    """Write the files of `folder` (one per article, the other graphs' file) that the record does
    not vouch for, remove those of articles gone; returns ({"written": n, "removed": n}, the files'
    names, the other graphs' first, then the articles' by graph IRI)."""
    record = outputs.record(record_name) or {}
    if record.get("format") != fmt:
        record = {}
    done: dict = dict(record.get("hashes", {}))
    if files is not None and files.fmt == fmt and files.folder == folder:
        for g, h in files.hashes.items():
            if h is None:
                done.pop(g, None)
            else:
                done[g] = h
    folder.mkdir(parents=True, exist_ok=True)
    present = set(os.listdir(folder))
    written = removed = 0
    for g, h in hashes.items():
        name = shard_name(g, fmt)
        if done.get(g) == h and name in present:
            continue
        _write(folder / name, store.graph_quads(g), fmt)
        done[g] = h
        written += 1
        if written % 256 == 0:     # a build killed while writing thousands keeps what it wrote
            outputs.set_record(record_name, {"format": fmt, "hashes": done, "others": record.get("others")})
            outputs.save()
    for g in [g for g in done if g not in hashes]:
        _unlink(folder, g, fmt)
        del done[g]
        removed += 1
    # files of articles the store does not hold (a build writes an article's file when it spools
    # the article, aidkg.store.Store.spool_new: one killed before the load leaves them)
    for name in present:
        stem = name.rpartition(".")[0]
        if _HASH.fullmatch(stem) and ARTICLE_GRAPH_PREFIX + stem not in hashes:
            (folder / name).unlink(missing_ok=True)
    others = _others_digest(store)
    other_name = f"{OTHER_SHARD}.{fmt}"
    if record.get("others") != others or other_name not in present:
        quads = [q for g in store.graphs() if not g.startswith(ARTICLE_GRAPH_PREFIX) for q in store.graph_quads(g)]
        _write(folder / other_name, quads, fmt)
        written += 1
    split = folder.name == PARTS_DIR and fmt not in DATASET_FORMATS
    for name in present:        # files of another --format
        if _ours(name) and not name.endswith(f".{fmt}") and not (split and name.endswith(f".{SHARED}")):
            (folder / name).unlink(missing_ok=True)
    outputs.set_record(record_name, {"format": fmt, "hashes": done, "others": others})
    return {"written": written, "removed": removed}, [other_name] + [shard_name(g, fmt) for g in sorted(hashes)]


def _join(folder: Path, names: list[str], path: Path) -> None:
    """The parts `names` of `folder`, one after another, written atomically to `path`; then, for a
    triple format, the lines of their shared parts, each once."""
    seen: set[bytes] = set()
    with atomic_open(path, "wb") as out:
        for name in names:
            with open(folder / name, "rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
        for name in names:
            shared = folder / (name.rpartition(".")[0] + "." + SHARED)
            if not shared.exists():
                continue
            with open(shared, "rb") as part:
                for line in part:
                    key = hashlib.blake2b(line, digest_size=16).digest()
                    if key not in seen:
                        seen.add(key)
                        out.write(line)


def _remove_shards(folder: Path, outputs, record_name: str = RECORD) -> None:
    """The store is small again (articles removed): the one file replaces the folder (or it is
    large again, or of a format not joined: the parts go)."""
    if outputs.record(record_name) is None and not folder.is_dir():
        return
    for name in os.listdir(folder) if folder.is_dir() else ():
        if _ours(name):
            (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()          # unless something else is in it
    outputs.forget(record_name)


def _ours(name: str) -> bool:
    stem, _, suffix = name.rpartition(".")
    return (suffix in EXPORT_FORMATS or suffix == SHARED) and (stem == OTHER_SHARD or _HASH.fullmatch(stem) is not None)


def invalidate(out: Path) -> None:
    """Articles are about to be written again with their content hashes unchanged (--force, a
    correction): the per-article files and page rows must all be made again, even if this build is
    killed."""
    from .build_state import OutputState
    from .viz.rows import remove
    remove(out)              # the pages' rows (aidkg.viz.rows)
    outputs = OutputState(out)
    if outputs.record(RECORD) is not None or outputs.record(PARTS_RECORD) is not None:
        outputs.forget(RECORD)
        outputs.forget(PARTS_RECORD)
        outputs.save()
