"""Extraction of many articles: in this process, or in N worker processes for `aidkg build --jobs N`.

Workers read and extract (the file, the pipeline, the article's quads, their SHACL check); the
build process stays the one writer of the store, so a store never sees two writers and every
article is still one transaction. Each
worker runs onnxruntime on one thread (aidkg.tagger): on sentence-sized inputs a second intra-op
thread only spins, and N single-threaded workers use N cores.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator

BATCH = 8                  # articles a task: one SHACL check and one round trip per batch
# Tasks queued per worker. The writer stops collecting (and so submitting) while it writes a batch
# of 64 articles into the store (aidkg.builder, ~1 s): with 2 tasks a worker (16 articles) queued
# the workers ran dry within that second and waited for it, once per batch (a time-line of a
# 1,000-article --jobs 2 build: ~1 s idle in each of 15 batches, in both workers). 6 tasks (48
# articles a worker) outlast a write; memory stays flat (a task is some 100 KB of N-Quads back).
IN_FLIGHT_PER_WORKER = 6


@dataclass
class ArticleRead:
    """What a worker that read the file itself tells the build of it (read_and_extract_batch)."""
    graph: str                 # the article graph's IRI
    content_hash: str
    characters: int
    unchanged: bool = False    # the store held the article with this content when the build began: not extracted


@dataclass
class Extracted:
    quads: list | None                                    # the article graph's quads, or None on failure
    problems: list[str] = field(default_factory=list)     # reading and normalising notes
    error: str | None = None                              # "ExceptionType: message" when it failed
    checked: object | None = None                         # its SHACL report, when checked already (a cluster worker)
    read: ArticleRead | None = None                       # the file as a worker read it (read_and_extract_batch)
    unreadable: str | None = None                         # "PATH: reason" when the worker could not read the file
    made: dict | None = None                              # what the writer makes of the quads, made by a worker (WorkerGraph)


@dataclass(frozen=True)
class Outputs:
    """What a build writes for each article beside the store, so that --jobs workers make it:
    `files` (format, whether parts of the one file: aidkg.exports.ArticleFiles) or None, and
    whether the pages' rows are kept (aidkg.viz.rows)."""
    files: tuple | None = None
    rows: bool = False


class WorkerGraph:
    """An article graph as a --jobs worker sends it: its N-Quads, and what the writer would make
    of its quads -- the bulk loader's text (aidkg.store, `loader_text`), the page rows
    (`page_rows`), its graph files (`graph_files`), its content hash -- made by the worker, so that
    the writer, the busiest of three processes on two cores, neither parses nor serialises a new
    article's quads. Reads as the article's quads (parsed on first use: an article replaced, a
    listener the worker did not know of)."""

    def __init__(self, nquads: bytes, graph: str, count: int, made: dict):
        self.nquads, self.graph, self.count = nquads, graph, count
        for name, value in made.items():
            setattr(self, name, value)
        self._quads = None

    def _parsed(self):
        if self._quads is None:
            import pyoxigraph as ox

            from .graph import ArticleQuads
            if self.nquads:
                parsed = ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS)
            else:   # the union's lines of the loader's text: every quad of the article, in order
                node = ox.NamedNode(self.graph)
                parsed = (ox.Quad(q.subject, q.predicate, q.object, node)
                          for q in ox.parse(self.loader_text, format=ox.RdfFormat.N_QUADS)
                          if isinstance(q.graph_name, ox.DefaultGraph))
            quads = ArticleQuads(parsed)
            quads.triples = [(q.subject, q.predicate, q.object) for q in quads]
            quads.graph = self.graph
            self._quads = quads
        return self._quads

    @property
    def triples(self) -> list:
        return self._parsed().triples

    def __iter__(self):
        return iter(self._parsed())

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i):
        return self._parsed()[i]


def extract_article(doc) -> Extracted:
    """The pipeline and the article's quads for one read Document; never raises."""
    from .graph import document_quads
    from .pipeline import run
    try:
        doc = run(doc)
        return Extracted(document_quads(doc), list(doc.problems))
    except Exception as exc:  # one bad article must not stop the batch
        return Extracted(None, list(getattr(doc, "problems", [])), f"{type(exc).__name__}: {exc}")


def _init_worker() -> None:
    import gc

    from .builder import GC_THRESHOLD
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])    # as the build process (aidkg.builder)
    from .pipeline import process_text
    process_text("江苏省对口支援阿图什市。", source="aidkg:warm-up")   # models and tables load once


def _make_for_writer(graph: str, quads, outputs: Outputs) -> dict:
    """In a worker: what the writer makes of an article's quads (WorkerGraph), the same functions."""
    from .exports import _content_hash, article_file_bytes
    from .store import _loader_text
    made = {"loader_text": _loader_text(graph, quads), "content_hash": _content_hash(quads)}
    if outputs.rows:
        from .viz.rows import article_rows
        made["page_rows"] = article_rows(graph, quads)
    if outputs.files is not None:
        fmt, parts = outputs.files
        made["graph_files"] = ((fmt, parts), article_file_bytes(quads, fmt, parts))
    return made


def extract_batch(docs: list, validate: bool, outputs: Outputs | None = None,
                  only_made: bool = False) -> list[Extracted]:
    """In a worker: extract a few articles, check them against the SHACL shapes together (one
    compiled check per batch, aidkg.validate) and send each graph back as N-Quads bytes.

    The build process then only parses bytes and writes the store: unpickling pyoxigraph terms one
    by one, validating and reading in the writer made it the busiest of three processes on two
    cores, which kept `--jobs 2` near the speed of one process (bench/README.md, Scale).
    `only_made`: an article whose loader text was made is sent as that alone (it holds every quad
    of the article: WorkerGraph reads them from it if the writer needs them), not also as N-Quads --
    one serialisation and ~140 kB through the pipe less per article."""
    import pyoxigraph as ox

    from .graph import article_graph_iri
    results = [extract_article(doc) for doc in docs]
    reports: dict = {}
    if validate:
        from .builder import check_batch
        from .validate import ValidationReport
        ok = [(doc.meta.source, str(article_graph_iri(doc)), r.quads) for doc, r in zip(docs, results) if r.quads is not None]
        reports = check_batch(ok) if ok else {}
        clean = ValidationReport(conforms=True, warnings=[])
        for (_source, giri, _quads), r in zip(ok, [r for r in results if r.quads is not None]):
            r.checked = reports.get(giri, clean)
    for doc, r in zip(docs, results):
        if r.quads is not None:
            if outputs is not None and (r.checked is None or not r.checked.violations):
                r.made = _make_for_writer(str(article_graph_iri(doc)), r.quads, outputs)
                r.made["count"] = len(r.quads)
            if only_made and r.made is not None and r.made["loader_text"] is not None:
                r.quads = b""
            else:
                r.quads = ox.serialize(r.quads, format=ox.RdfFormat.N_QUADS)
    return results


def read_and_extract_batch(items: list, validate: bool, max_file_size: int,
                           outputs: Outputs | None = None) -> list[Extracted]:
    """In a worker: read the files too, not only extract them -- reading and decoding a file
    (1.7 ms) and sending its Document over were the writer's, the busiest of three processes on
    two cores. `items`: (path, graph IRI the build expects for it, content hash the store held
    there when the build began, or None); a file read to that same graph and hash is not
    extracted (ArticleRead.unchanged), as a build in one process skips it."""
    from .graph import article_graph_iri
    from .ingest import IngestError, read_article
    results: list[Extracted | None] = []
    docs = []
    for path, expected_graph, stored_hash in items:
        try:
            doc = read_article(path, max_file_size=max_file_size)
        except IngestError as exc:
            results.append(Extracted(None, unreadable=str(exc)))
            continue
        read = ArticleRead(str(article_graph_iri(doc)), doc.content_hash, len(doc.text))
        if stored_hash is not None and read.graph == expected_graph and read.content_hash == stored_hash:
            read.unchanged = True
            results.append(Extracted(None, list(doc.problems), read=read))
            continue
        results.append(None)
        docs.append((doc, read))
    extracted = iter(extract_batch([doc for doc, _ in docs], validate, outputs, only_made=True))
    reads = iter(read for _, read in docs)
    out = []
    for r in results:
        if r is None:
            r = next(extracted)
            r.read = next(reads)
        out.append(r)
    return out


def _parsed(result: Extracted) -> Extracted:
    """The worker's N-Quads as the article's quads, their (s, p, o) read once (graph.ArticleQuads):
    the writer reads them three times (the split of the named graph, the union's copy, the page
    rows), and reading a parsed Quad's terms makes new Python objects each time -- a third of the
    writer's Python time in a profile of a --jobs 2 build before."""
    import pyoxigraph as ox

    from .graph import ArticleQuads
    if isinstance(result.quads, bytes) and result.made is not None and result.read is not None:
        count = result.made.pop("count", None)
        result.quads = WorkerGraph(result.quads, result.read.graph,
                                   result.quads.count(b"\n") if count is None else count, result.made)
        return result
    if isinstance(result.quads, bytes):
        quads = ArticleQuads(ox.parse(result.quads, format=ox.RdfFormat.N_QUADS))
        quads.triples = [(q.subject, q.predicate, q.object) for q in quads]
        quads.graph = quads[0].graph_name.value if quads else None
        result.quads = quads
    return result


def extract_all(items: Iterable[tuple], jobs: int = 1, validate: bool = False) -> Iterator[tuple]:
    """(key, doc) pairs → (key, Extracted), in input order. jobs > 1: in that many worker
    processes, BATCH articles a task and at most IN_FLIGHT_PER_WORKER tasks each in flight;
    `validate`: the workers also check each batch against the SHACL shapes (Extracted.checked)."""
    if jobs <= 1:
        for key, doc in items:
            yield key, extract_article(doc)
        return
    yield from _in_workers(items, jobs, extract_batch, validate)


def start_workers(jobs: int, now: bool = True) -> ProcessPoolExecutor:
    """The worker processes of a --jobs build (read_and_extract_all's `pool`), started now: a build
    into a new store starts them before it opens the store, so that their start (imports, models,
    tables: ~1.5 CPU s each) runs beside the writer's (opening the store, reading the ontology
    into it: ~1 CPU s) instead of after it. `now=False`: at the first task (none when nothing is
    to be extracted)."""
    # spawn, not fork: the parent holds the store open (RocksDB threads) and a forked child must not
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker)
    if now:
        pool.submit(int)     # the executor starts its processes at the first task
    return pool


def read_and_extract_all(items: Iterable[tuple], jobs: int, validate: bool, max_file_size: int,
                        outputs: Outputs | None = None, on_input_end=None,
                        pool: ProcessPoolExecutor | None = None) -> Iterator[tuple]:
    """(key, (path, expected graph IRI, stored content hash or None)) → (key, Extracted) in input
    order, each file read, and extracted unless unchanged, in one of `jobs` worker processes
    (read_and_extract_batch); `outputs`: what the build writes per article, made by the workers
    too (Extracted.quads a WorkerGraph). `on_input_end()` is called once every task is handed out,
    while the workers still extract the last ones. `pool`: workers started before (start_workers),
    shut down here at the end as the ones started here."""
    yield from _in_workers(items, jobs, read_and_extract_batch, validate, max_file_size, outputs,
                           on_input_end=on_input_end, pool=pool)


def _in_workers(items: Iterable[tuple], jobs: int, task, *args, on_input_end=None,
                pool: ProcessPoolExecutor | None = None) -> Iterator[tuple]:
    with pool if pool is not None else start_workers(jobs, now=False) as pool:
        pending: deque = deque()

        def submit(batch):
            pending.append(([k for k, _ in batch], pool.submit(task, [d for _, d in batch], *args)))

        def collect():
            keys, fut = pending.popleft()
            for k, result in zip(keys, fut.result()):
                yield k, _parsed(result)
        batch: list = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH:
                submit(batch)
                batch = []
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield from collect()
        if batch:
            submit(batch)
        if on_input_end is not None:
            on_input_end()
        while pending:
            yield from collect()
