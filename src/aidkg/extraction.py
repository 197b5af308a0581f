"""Extraction of many articles: in this process, or in N worker processes for `aidkg build --jobs N`.

Workers only extract (pipeline + the article's quads); the build process stays the one writer of
the store, so a store never sees two writers and every article is still one transaction. Each
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

IN_FLIGHT_PER_WORKER = 4   # articles queued per worker: enough to keep it busy, memory stays flat


@dataclass
class Extracted:
    quads: list | None                                    # the article graph's quads, or None on failure
    problems: list[str] = field(default_factory=list)     # reading and normalising notes
    error: str | None = None                              # "ExceptionType: message" when it failed
    checked: object | None = None                         # its SHACL report, when checked already (a cluster worker)


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
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .pipeline import process_text
    process_text("江苏省对口支援阿图什市。", source="aidkg:warm-up")   # models and tables load once


def extract_all(items: Iterable[tuple], jobs: int = 1) -> Iterator[tuple]:
    """(key, doc) pairs → (key, Extracted), in input order. jobs > 1: in that many worker
    processes, at most IN_FLIGHT_PER_WORKER articles each in flight."""
    if jobs <= 1:
        for key, doc in items:
            yield key, extract_article(doc)
        return
    # spawn, not fork: the parent holds the store open (RocksDB threads) and a forked child must not
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker) as pool:
        pending: deque = deque()
        for key, doc in items:
            pending.append((key, pool.submit(extract_article, doc)))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                k, fut = pending.popleft()
                yield k, fut.result()
        while pending:
            k, fut = pending.popleft()
            yield k, fut.result()
