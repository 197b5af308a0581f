"""Extraction on a Dask cluster (`aidkg build --cluster ADDRESS`): one N-Quads shard per article.

The build process lists the articles and sends their paths, a few per task, to the workers of a
Dask distributed cluster (https://distributed.dask.org: scheduling, retries and worker loss are
Dask's). A worker reads each article, extracts it, checks the batch against the SHACL shapes and
writes each article's graph to SHARDS/<graph hash>.nq (a temp file renamed over it, so a reader
never sees half a shard); it sends back only a summary (status, content hash, notes, violations).
An article whose shard already holds its content is not extracted again.

So the articles and the shard folder must be at the same path on every worker (a shared file
system). The build then loads the shards it needs into the embedded store and writes its outputs
as any build does; `shards_only` stops after the shards, for `aidkg push --bulk`, which loads them
into Virtuoso with its bulk loader (aidkg.bulk). Shards hold the extractor's graphs: corrections
(corrections.yaml) are applied to the embedded store only.

Workers need aidkg installed (the same version) and run one task at a time: start them with
`dask worker ADDRESS --nworkers N --nthreads 1` (the pipeline holds the GIL; one process per core).
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .extraction import Extracted

SHARD_SUFFIX = ".nq"
ONTOLOGY_SHARD = "ontology" + SHARD_SUFFIX
BATCH = 16            # articles per task: one SHACL check per batch, few tasks at 10^6 articles
TASKS_PER_WORKER = 3  # tasks in flight per worker thread: busy workers, flat memory in the client
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for the first worker to join


class ClusterError(RuntimeError):
    """The cluster cannot be used (unreachable, no workers, aidkg missing there); one line."""


@dataclass
class ShardResult:
    """What a worker sends back for one article (its graph stays in the shard)."""
    path: str
    status: str                      # written | unchanged | failed | invalid
    graph: str | None = None
    content_hash: str | None = None
    characters: int = 0
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def shard_file(shard_dir: str | Path, graph_iri: str) -> Path:
    """SHARDS/<graph hash>.nq: the last segment of the article graph's IRI."""
    return Path(shard_dir) / (str(graph_iri).rstrip("/").rsplit("/", 1)[-1] + SHARD_SUFFIX)


def graph_of_shard(path: str | Path) -> str:
    """The named graph a shard file holds, from its name."""
    from .store import ARTICLE_GRAPH_PREFIX, ONTOLOGY_GRAPH
    stem = Path(path).name[:-len(SHARD_SUFFIX)]
    return ONTOLOGY_GRAPH if Path(path).name == ONTOLOGY_SHARD else ARTICLE_GRAPH_PREFIX + stem


def _hash_line(content_hash: str) -> bytes:
    from .vocab import AID
    return f'<{AID.contentHash}> "{content_hash}"'.encode()


def shard_holds(path: Path, content_hash: str) -> bool:
    """True when the shard at `path` is the graph of an article with this content hash."""
    try:
        return _hash_line(content_hash) in path.read_bytes()
    except OSError:
        return False


def write_shard(path: Path, quads) -> None:
    import pyoxigraph as ox

    from .io import atomic_open
    # no clean-up of other temp files: workers on other hosts write to the same folder
    with atomic_open(path, "wb", clean=False) as f:
        ox.serialize(quads, f, ox.RdfFormat.N_QUADS)


def read_shard(path: Path) -> list:
    import pyoxigraph as ox
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


# --------------------------------------------------------------------------- on a worker

def shard_batch(paths: list[str], shard_dir: str, validate: bool = True, force: bool = False,
                max_file_size: int | None = None) -> list[ShardResult]:
    """Read, extract, check and write the shards of a batch of articles (runs on a worker)."""
    from .builder import check_batch
    from .extraction import extract_article
    from .graph import article_graph_iri
    from .ingest import IngestError, read_article
    from .sources import DEFAULT_MAX_FILE_SIZE

    results: list[ShardResult] = []
    extracted: list[tuple[ShardResult, list]] = []
    for path in paths:
        try:
            doc = read_article(Path(path), max_file_size=max_file_size or DEFAULT_MAX_FILE_SIZE)
        except IngestError as exc:
            results.append(ShardResult(path, "failed", error=str(exc)))
            continue
        result = ShardResult(path, "written", str(article_graph_iri(doc)), doc.content_hash, len(doc.text),
                             list(doc.problems))
        results.append(result)
        if not force and shard_holds(shard_file(shard_dir, result.graph), doc.content_hash):
            result.status = "unchanged"
            continue
        out = extract_article(doc)
        result.problems = out.problems
        if out.error is not None:
            result.status, result.error = "failed", out.error
            continue
        extracted.append((result, out.quads))
    reports = check_batch([(r.path, r.graph, q) for r, q in extracted]) if validate and extracted else {}
    for result, quads in extracted:
        found = reports.get(result.graph)
        if found is not None:
            result.warnings = list(found.warnings)
            if found.violations:
                result.status, result.violations = "invalid", list(found.violations)
                continue   # not written: the next build checks it again
        write_shard(shard_file(shard_dir, result.graph), quads)
    return results


def _worker_version() -> str:
    from . import __version__
    return __version__


# --------------------------------------------------------------------------- in the build process

@contextlib.contextmanager
def connect(cluster) -> Iterator:
    """A distributed.Client for `cluster`: a Client (used as is), a scheduler address
    (tcp://host:8786), or "local" / "local:N" for a cluster of N worker processes on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:   # a declared dependency; only a broken install lacks it
        raise ClusterError(f"--cluster needs Dask distributed ({exc})") from None
    if isinstance(cluster, Client):
        yield cluster
        return
    address = str(cluster)
    if address == "local" or address.startswith("local:"):
        import os
        n = address.partition(":")[2]
        if n and not n.isdigit():
            raise ClusterError(f"--cluster {address}: local:N with N a number of worker processes")
        workers = int(n) if n else (os.cpu_count() or 1)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.WARNING) as local, Client(local) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


def check_workers(client) -> int:
    """Worker threads on the cluster, after checking that every worker runs this aidkg."""
    from . import __version__
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ClusterError(f"no worker joined the scheduler {client.scheduler.address} "
                           f"within {WORKERS_TIMEOUT} s") from None
    try:
        versions = client.run(_worker_version)
    except Exception as exc:   # a worker that cannot import aidkg cannot run the function
        raise ClusterError(f"a worker cannot run aidkg ({type(exc).__name__}: {exc}); "
                           f"install aidkg {__version__} on every worker") from None
    other = {w: v for w, v in versions.items() if v != __version__}
    if other:
        raise ClusterError(f"workers run another aidkg version ({', '.join(f'{w}: {v}' for w, v in other.items())}); "
                           f"this is {__version__}")
    return sum(client.nthreads().values())


def map_articles(client, paths: Iterable[str], shard_dir: Path, *, validate: bool, force: bool,
                 max_file_size: int | None, threads: int, batch: int = BATCH) -> Iterator[ShardResult]:
    """Shard every article of `paths` on the cluster (`threads` worker threads); results as
    workers finish them, with at most TASKS_PER_WORKER batches per worker thread in flight."""
    from distributed import as_completed

    window = max(2, TASKS_PER_WORKER * threads)
    running = as_completed()
    in_flight: dict = {}

    def submit(chunk: list[str]) -> None:
        fut = client.submit(shard_batch, chunk, str(shard_dir), validate, force, max_file_size, pure=False)
        in_flight[fut.key] = chunk
        running.add(fut)

    def drain(n: int) -> Iterator[ShardResult]:
        while len(in_flight) > n:
            fut = next(running)
            chunk = in_flight.pop(fut.key)
            try:
                results = fut.result()
            except Exception as exc:   # the task failed as a whole (a worker died on it three times)
                results = [ShardResult(p, "failed", content_hash="", error=f"on the cluster: {type(exc).__name__}: {exc}")
                           for p in chunk]
            fut.release()
            yield from results

    chunk: list[str] = []
    for path in paths:
        chunk.append(str(path))
        if len(chunk) >= batch:
            submit(chunk)
            chunk = []
            yield from drain(window - 1)
    if chunk:
        submit(chunk)
    yield from drain(0)


def batch_size(n_articles: int, threads: int) -> int:
    """BATCH, or less when there are few articles: every worker gets some."""
    return max(1, min(BATCH, n_articles // max(1, 2 * threads)))


def write_ontology_shard(shard_dir: Path) -> Path:
    """SHARDS/ontology.nq: the ontology graph as the embedded store holds it, with the digest of
    ontology/aidkg.ttl; rewritten only when that file changed (so a bulk push loads it once)."""
    import hashlib

    import pyoxigraph as ox

    from .store import ONTOLOGY_FILE, ONTOLOGY_GRAPH, Store
    path = Path(shard_dir) / ONTOLOGY_SHARD
    if shard_holds(path, hashlib.sha256(ONTOLOGY_FILE.read_bytes()).hexdigest()):
        return path
    quads = Store(None).graph_quads(ONTOLOGY_GRAPH)
    from .io import atomic_write
    atomic_write(path, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), clean=False)
    return path


def extract_on_cluster(cluster, files: list[Path], shard_dir: Path, report, cache, store, *,
                       validate: bool, force: bool, max_file_size: int | None,
                       progress=None) -> Iterator[tuple[tuple[Path, str], Extracted]]:
    """The build's extraction on `cluster` (see `connect`; reached only when some article must
    be extracted): ((path, graph IRI), Extracted) for every article the store must take (new or
    changed, or a shard the store does not hold yet), like aidkg.extraction.extract_all;
    unchanged articles, notes and errors go to `report`. `store` None: shards only (the file
    cache then lives in the shard folder)."""
    from .store import article_graph_for

    shard_dir = Path(shard_dir)
    shard_dir.mkdir(parents=True, exist_ok=True)
    write_ontology_shard(shard_dir)
    done = 0

    def to_send() -> Iterator[str]:
        nonlocal done
        for path in files:
            if not force:
                known = cache.content_hash(path)
                giri = article_graph_for(str(path))
                if known and shard_file(shard_dir, giri).exists() and \
                        (store is None or store.has_article(giri, known)):
                    report.articles_read += 1
                    report.articles_unchanged += 1
                    done += 1
                    continue
            yield str(path.resolve())

    pending = list(to_send())
    if progress:
        progress("", done, len(files))
    if not pending:
        return
    with connect(cluster) as client:
        yield from _take_results(client, pending, files, done, shard_dir, report, cache, store, validate=validate,
                                 force=force, max_file_size=max_file_size, progress=progress)


def _take_results(client, pending: list[str], files: list[Path], done: int, shard_dir: Path, report, cache, store, *,
                  validate: bool, force: bool, max_file_size: int | None, progress):
    from .validate import ValidationReport

    by_name = {str(p.resolve()): p for p in files}
    threads = check_workers(client)
    for result in map_articles(client, pending, shard_dir, validate=validate, force=force, max_file_size=max_file_size,
                               threads=threads, batch=batch_size(len(pending), threads)):
        path = by_name.get(result.path, Path(result.path))
        done += 1
        if progress:
            progress(str(path), done, len(files))
        if result.status == "failed" and result.content_hash is None:
            report.errors.append(result.error)          # unreadable: the reason names the file
            continue
        report.articles_read += 1
        report.characters += result.characters
        report.notes += [f"{path}: {p}" for p in result.problems]
        if result.status == "failed":
            report.errors.append(f"{path}: extraction failed: {result.error}")
            continue
        name = path.name
        report.warnings += [f"{name}: {w}" for w in result.warnings]
        if result.status == "invalid":
            report.violations += [f"{name}: {v}" for v in result.violations]
            report.errors.append(f"{path}: not stored: {len(result.violations)} SHACL violation(s)")
            continue
        cache.record(path, result.content_hash)
        if store is None:
            if result.status == "written":
                report.articles_built += 1
            else:
                report.articles_unchanged += 1
            continue
        if result.status == "unchanged" and store.has_article(result.graph, result.content_hash):
            report.articles_unchanged += 1
            continue
        try:
            quads = read_shard(shard_file(shard_dir, result.graph))
        except (OSError, SyntaxError) as exc:
            report.errors.append(f"{path}: its shard cannot be read here ({exc}): is {shard_dir} "
                                 f"the same folder on the workers and here?")
            continue
        # checked on the worker; the writer takes the result as is
        checked = ValidationReport(conforms=True, warnings=[]) if validate else None
        yield (path, result.graph), Extracted(quads, [], None, checked=checked)


def build_shards(paths: Iterable[str | Path], shard_dir: str | Path, cluster, *, validate: bool = True,
                 force: bool = False, max_file_size: int | None = None, progress=None):
    """Shards only: every article of `paths` extracted on `cluster` (a Client, an address, or
    "local[:N]") into `shard_dir`, for `aidkg push --bulk`. Returns a BuildReport (articles built,
    unchanged, errors, violations; no store and no outputs). From a script, call it under
    `if __name__ == "__main__":` (a local cluster starts processes)."""
    import time

    from .build_state import FileCache
    from .builder import BuildReport
    from .sources import DEFAULT_MAX_FILE_SIZE, find_articles

    t0 = time.perf_counter()
    shard_dir = Path(shard_dir)
    report = BuildReport()
    limit = max_file_size or DEFAULT_MAX_FILE_SIZE
    found = find_articles(list(paths), max_file_size=limit, exclude=[shard_dir])
    report.errors += [str(p) for p in found.errors]
    report.skipped += [str(p) for p in found.skipped]
    shard_dir.mkdir(parents=True, exist_ok=True)
    cache = FileCache(shard_dir)
    try:
        for _ in extract_on_cluster(cluster, found.files, shard_dir, report, cache, None, validate=validate,
                                    force=force, max_file_size=limit, progress=progress):
            pass
    finally:
        cache.close()
    report.outputs["shards"] = str(shard_dir)
    report.seconds = time.perf_counter() - t0
    return report


__all__ = ["build_shards", "connect", "shard_batch", "shard_file", "graph_of_shard", "ShardResult",
           "ClusterError", "SHARD_SUFFIX", "ONTOLOGY_SHARD"]
