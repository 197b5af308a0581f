"""Build: articles → the store (one named graph each) → graph file, HTML view, validation, summary."""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .build_state import FileCache, OutputState
from .corrections import Corrections, applied_lines, apply_to_store, find, load
from .exports import PARTS_DIR, SHARD_DIR, article_files, invalidate, write_graph_files
from .extraction import Outputs, extract_all, read_and_extract_all
from .graph import article_graph_iri

from .formats import BUILD_FORMATS as GRAPH_FORMATS  # graph.<fmt>: the store exported in one of these


@dataclass
class BuildReport:
    articles_read: int = 0
    articles_built: int = 0
    articles_unchanged: int = 0
    errors: list[str] = field(default_factory=list)          # one line each: "PATH: reason"
    entities_by_class: Counter = field(default_factory=Counter)
    relations_by_predicate: Counter = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)           # recoverable input problems (a stray byte)
    skipped: list[str] = field(default_factory=list)         # files in the folders that are no articles
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    characters: int = 0
    phases: dict[str, float] = field(default_factory=dict)   # wall seconds per part of the build (bench/scale.py)

    def timed(self, phase: str, since: float) -> float:
        now = time.perf_counter()
        self.phases[phase] = round(self.phases.get(phase, 0.0) + now - since, 3)
        return now

    @property
    def ok(self) -> bool:
        return not self.errors and not self.violations

    def _repr_html_(self) -> str:
        """In a notebook, `build(...)` shows its summary and the interactive graph view inline."""
        import html as _html
        rows = "".join(f"<tr><td>{_html.escape(k)}</td><td>{n}</td></tr>"
                       for k, n in sorted(self.entities_by_class.items(), key=lambda x: -x[1]))
        rels = "".join(f"<tr><td>{_html.escape(k)}</td><td>{n}</td></tr>"
                       for k, n in sorted(self.relations_by_predicate.items(), key=lambda x: -x[1]))
        errs = "".join(f"<li>{_html.escape(e)}</li>" for e in self.errors)
        head = (f"<p>articles read {self.articles_read}, built {self.articles_built}, unchanged "
                f"{self.articles_unchanged}, failed {len(self.errors)}; SHACL violations {len(self.violations)}</p>"
                f"<ul>{errs}</ul><table><tr><th>class</th><th>n</th></tr>{rows}</table>"
                f"<table><tr><th>relation</th><th>n</th></tr>{rels}</table>")
        page = Path(self.outputs["html"]).read_text(encoding="utf-8") if "html" in self.outputs else ""
        view = (f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:720px;border:1px solid #ddd"></iframe>') if page else ""
        return f'<div class="aidkg-build">{head}{view}</div>'


def default_corpus() -> Path:
    """The bundled sample corpus: ./examples in a checkout, else the copy inside the package."""
    here = Path.cwd() / "examples"
    if here.is_dir():
        return here
    return Path(__file__).parent / "examples"


def build(paths: Iterable[str | Path] | None = None, out_dir: str | Path = "output", *,
          store_path: str | Path | None = None, fmt: str = "ttl", html: bool = True,
          validate: bool = True, force: bool = False, max_file_size: int | None = None,
          progress: Callable[[str, int, int], None] | None = None,
          corrections: str | Path | bool | None = None, jobs: int = 1, cluster=None,
          shards: str | Path | None = None) -> BuildReport:
    """Build the articles at `paths` into the store under `out_dir` and write its graph and view.

    Unreadable files are reported in `report.errors` (one line each) and the rest still builds.
    `corrections`: a corrections.yaml to apply (aidkg.corrections); None looks for one beside the
    articles, False applies none. `jobs`: extract in that many worker processes (aidkg.extraction; started with
    multiprocessing's spawn, so a script calling it needs `if __name__ == "__main__":`).
    `cluster`: extract on a Dask cluster instead -- a distributed.Client, a scheduler address, or
    "local[:N]" -- each article's graph also written to `shards` (default OUT/shards) as
    <graph hash>.nq (aidkg.cluster; for shards only, aidkg.cluster.build_shards).
    An output that cannot be used (a file given as `out_dir` or
    store, another build writing to `out_dir`, a graph file aidkg did not write) raises
    aidkg.outdir.OutputError (one line)."""
    from .outdir import build_lock, check_out_dir, check_store

    out = Path(out_dir)
    store_dir = Path(store_path) if store_path else out / "store"
    check_out_dir(out)
    check_store(store_dir)
    with build_lock(out), _fewer_collections(), _early_workers(jobs, cluster, store_dir) as pool:
        return _build(paths, out, store_dir, fmt=fmt, html=html, validate=validate, force=force,
                      max_file_size=max_file_size, progress=progress, corrections=corrections, jobs=jobs,
                      cluster=cluster, shard_dir=Path(shards) if shards else out / "shards", pool=pool)


@contextlib.contextmanager
def _early_workers(jobs: int, cluster, store_dir: Path):
    """A --jobs build into a new store (every article to extract, the ontology to read in) starts
    its workers before it opens the store (aidkg.extraction.start_workers); a build into a store
    that exists may have nothing to extract, and starts them at its first changed article.
    Yields the pool or None; shuts it down if the build did not."""
    if jobs <= 1 or cluster is not None or (store_dir / "CURRENT").exists():
        yield None
        return
    from .extraction import start_workers
    pool = start_workers(jobs)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# CPython's cyclic garbage collector looks at the young objects every 700 new ones; an article
# makes hundreds of thousands (tokens, mentions, terms, rows), nearly all freed by reference
# counting. Every 10,000 instead: a 192-article build spent 1.2 CPU s in the collector, now 0.25
# (bench/README.md, Build CPU); the same objects, freed a little later.
GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _fewer_collections():
    import gc
    before = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build(paths, out: Path, store_dir: Path, *, fmt: str, html: bool, validate: bool, force: bool,
           max_file_size: int | None, progress, corrections, jobs: int = 1, cluster=None,
           shard_dir: Path | None = None, pool=None) -> BuildReport:
    from .ingest import IngestError, read_article
    from .outdir import OutputError, check_overwrite
    from .sources import DEFAULT_MAX_FILE_SIZE, find_articles
    from .store import ARTICLE_GRAPH_PREFIX, Store, StoreBusy, source_hash

    t0 = time.perf_counter()
    limit = max_file_size or DEFAULT_MAX_FILE_SIZE
    report = BuildReport()
    graph_file = out / f"graph.{fmt}"
    check_overwrite(graph_file)
    for page in PAGES if html else ():
        check_overwrite(out / page)
    found = find_articles(list(paths) if paths else [default_corpus()], max_file_size=limit,
                          exclude=[store_dir, out / SHARD_DIR] + ([shard_dir] if cluster is not None else []),
                          outputs=[out])
    files = found.files
    report.errors += [str(p) for p in found.errors]
    report.skipped += [str(p) for p in found.skipped]
    try:
        store = Store(store_dir)
    except StoreBusy as exc:
        raise OutputError(str(exc)) from None
    fixes = _corrections(corrections, list(paths) if paths else [default_corpus()])
    applied = set(applied_lines(store))   # the corrections graph: extraction does not change it
    if not force and not applied <= set(fixes.lines):
        # a correction taken back cannot be undone on the stored graphs: extract everything again
        force = True
        report.notes.append("corrections were removed since the last build: every article is extracted again")
    if force or applied != set(fixes.lines):
        invalidate(out)   # graphs are written again under the same content hashes
    cache = FileCache(store.path)
    writer = _ArticleWriter(store, report, validate)
    # the content hash of every stored article, read once (one query, not one lookup per file)
    stored = store.article_hashes()
    # new articles bulk-loaded in bursts that grow with the store (aidkg.store.SPOOL_RATIO): each
    # burst's compaction is paid once, not once per batch
    store.spool_new(len(stored))
    # per-article outputs, told of each article graph the store takes (exports, viz.rows)
    per_article = article_files(store, out, fmt, len(files), hashes=stored)
    rows = None
    if html:
        from .viz.rows import PageRows
        rows = PageRows(out)
    store.listeners += [x for x in (per_article, rows) if x is not None]

    def to_read():
        """(path, resolved path) of each file to read; the unchanged ones (same size and mtime as
        when the store took their article) counted and left unread."""
        for i, path in enumerate(files):
            if progress:
                progress(str(path), i, len(files))
            resolved = cache.resolved(path)
            if not force and resolved is not None:
                known = cache.content_hash(path, resolved)   # same size and mtime as when last read
                if known and stored.get(ARTICLE_GRAPH_PREFIX + source_hash(resolved)) == known:
                    report.articles_read += 1
                    report.articles_unchanged += 1
                    continue
            yield path, resolved

    def read(path, resolved, content_hash: str, graph: str, characters: int, problems,
             unchanged: bool = False) -> bool:
        """Record a file read (here or by a worker); False when the store holds its article already
        (`unchanged`: a worker found it so)."""
        report.articles_read += 1
        report.characters += characters
        cache.record(path, content_hash, resolved)
        if unchanged or (not force and store.has_article(graph, content_hash)):
            report.notes += [f"{path}: {p}" for p in problems]
            report.articles_unchanged += 1
            return False
        return True

    def changed():
        """(path, graph IRI) and Document of each article to extract, read in this process."""
        for path, resolved in to_read():
            try:
                doc = read_article(path, max_file_size=limit)
            except IngestError as exc:
                report.errors.append(str(exc))
                continue
            giri = str(article_graph_iri(doc))
            if read(path, resolved, doc.content_hash, giri, len(doc.text), doc.problems):
                yield (path, giri), doc

    def read_by_workers():
        """(path, graph IRI) and Extracted of each article to write, the files read by the workers
        (aidkg.extraction.read_and_extract_all), recorded here in their order."""
        def items():
            for path, resolved in to_read():
                expected = ARTICLE_GRAPH_PREFIX + source_hash(resolved) if resolved is not None else None
                yield (path, resolved), (str(path), expected, None if force else stored.get(expected))
        preload = _preload_page_libraries() if html else None
        # what the build writes per article beside the store, made by the workers too
        outputs = Outputs(files=(per_article.fmt, per_article.folder.name == PARTS_DIR) if per_article else None,
                          rows=rows is not None)
        try:
            # the articles spooled so far loaded while the workers extract their last tasks (some
            # 100 articles), so that the end of the build loads only those
            for (path, resolved), result in read_and_extract_all(items(), jobs, validate, limit, outputs,
                                                                 on_input_end=store.load_spooled_soon,
                                                                 pool=pool):
                if result.unreadable is not None:
                    report.errors.append(result.unreadable)
                    continue
                r = result.read
                if read(path, resolved, r.content_hash, r.graph, r.characters, result.problems, r.unchanged):
                    yield (path, r.graph), result
        finally:
            if preload is not None:
                preload.join()

    if cluster is None:
        extracted = read_by_workers() if jobs > 1 else extract_all(changed(), jobs, validate=validate)
    else:
        from .cluster import extract_on_cluster
        extracted = extract_on_cluster(cluster, files, shard_dir, report, cache, store, validate=validate,
                                       force=force, max_file_size=limit, progress=progress)
    for (path, giri), result in extracted:
        report.notes += [f"{path}: {p}" for p in result.problems]   # reading and normalising problems
        if result.error is not None:
            report.errors.append(f"{path}: extraction failed: {result.error}")
            continue
        writer.add(str(path), giri, result.quads, result.checked)
    writer.flush()
    store.load_spooled()
    if cluster is not None:
        report.outputs["shards"] = str(shard_dir)
    if progress:
        progress("", len(files), len(files))
    store.flush()
    t = report.timed("read, extract, check and write articles", t0)
    if fixes or applied:
        report.notes += apply_to_store(store, fixes)
        report.outputs["corrections"] = str(fixes.path) if fixes.path else "(none)"
        store.flush()
    if report.articles_built or force:
        cache.bump_generation()
    t = report.timed("corrections", t)
    store.listeners.clear()
    if report.articles_built >= RELEASE_MODELS_FROM:
        _release_models()
    # the store's articles now: what was read before the writes, unless the build changed them
    now = store.article_hashes() if report.articles_built or fixes or force else stored
    try:
        _outputs(store, out, report, fmt=fmt, html=html, state=f"{store.state(now)}/{cache.generation()}",
                 files=per_article, rows=rows, hashes=now, force=force)
    finally:
        if rows is not None:
            rows.close()
    cache.close()
    report.outputs["store"] = str(store.path)
    store.close()
    from .state import remember_build
    remember_build(out, store_dir)   # `aidkg query/serve/stats/viz` use it without --store
    report.seconds = time.perf_counter() - t0
    return report


# A build that extracted this many articles lets go of the tagger's model before its outputs are
# made (the end of a build is where its memory peaks, bench/README.md, Memory); a smaller build
# keeps it for the next one in the same process (a notebook, the tests).
RELEASE_MODELS_FROM = 500


def _release_models() -> None:
    """The tagger's session dropped, and the memory freed by it and by the extraction given back to
    the system (glibc keeps freed memory in its arenas otherwise)."""
    import gc
    import sys

    tagger = sys.modules.get("aidkg.tagger")
    if tagger is not None:
        tagger.release()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes
        import ctypes.util
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _preload_page_libraries():
    """igraph and pyvis (the pages' layout and template: ~0.7 CPU s to import) imported in a thread
    while --jobs workers extract, and the division tables read (the map page places regions by
    their codes; a writer that extracts nothing has not read them: ~0.6 CPU s): the writer waits
    on the workers most of that time, and the end of the build, where one core makes the pages
    while the other has nothing to do, is shorter by that much. Returns the thread (joined before
    the pages are made)."""
    import threading

    def load():
        from .gazetteer import get_gazetteer
        get_gazetteer()
        with contextlib.suppress(ImportError):   # the pages say so themselves, in this thread's stead
            import igraph  # noqa: F401
            import pyvis.network  # noqa: F401
    thread = threading.Thread(target=load, name="aidkg-page-imports")
    thread.start()
    return thread


def _outputs(store, out: Path, report: BuildReport, *, fmt: str, html: bool, state: str,
             files=None, rows=None, hashes: dict | None = None, force: bool = False) -> None:
    """The summary, graph file and page -- each only when the store changed since it was made."""
    from concurrent.futures import ThreadPoolExecutor

    from .outdir import mark

    graph_file = out / f"graph.{fmt}"
    mark(out, [graph_file.name] + list(PAGES if html else ()))
    outputs = OutputState(out, state)

    def graph_files() -> str:
        t = time.perf_counter()
        path = write_graph_files(store, out, fmt, outputs, files, hashes=hashes)["path"]
        report.timed("graph file(s)", t)
        return path

    # The graph file is written in a thread while the summary and the pages are made: Oxigraph
    # dumps the store without holding Python's lock (reading and serialising in Rust), so the two
    # use both cores -- at 1,000 articles the file took 3-4 s and the pages 1.5 s, one after the
    # other, with the other core idle (the --jobs workers are done by then).
    report.outputs["graph"] = str(graph_file)     # its place among the outputs; the path once written
    with ThreadPoolExecutor(1, thread_name_prefix="aidkg-graph-file") as pool:
        graph_path = pool.submit(graph_files)
        t = time.perf_counter()
        summary = outputs.data("summary", state)
        if summary is None:
            _count(store, report)
            outputs.save_data("summary", state, {"entities": dict(report.entities_by_class),
                                                 "relations": dict(report.relations_by_predicate)})
        else:
            report.entities_by_class.update(summary["entities"])
            report.relations_by_predicate.update(summary["relations"])
        t = report.timed("summary", t)
        if html:
            page = out / "graph.html"
            if not all(outputs.fresh(name, state) for name in PAGES):   # one deleted or edited: made again
                from .viz.load import page_graph
                from .viz.views import store_money
                if rows is None:
                    from .viz.rows import PageRows
                    rows = PageRows(out)
                rows.update(store, hashes)   # rows of articles the build did not write itself (a killed build's)
                t = report.timed("page rows", t)
                G = page_graph(store, rows=rows)
                G.graph["money"] = store_money(store, rows)
                t = report.timed("page data", t)
                _write_pages(G, out, outputs, state, force=force)
                t = report.timed("pages", t)
            report.outputs["html"] = str(page)
            for view in ("timeline", "map"):
                report.outputs[view] = str(out / f"{view}.html")
        report.outputs["graph"] = graph_path.result()
    outputs.save()


PAGES = ("graph.html", "timeline.html", "map.html")   # the views graph.html links to


def _write_pages(G, out: Path, outputs: OutputState, state: str, force: bool = False) -> bool:
    """graph.html, timeline.html and map.html from the page data G (with G.graph["money"]); not
    written again when the data is what the pages on disk were made from (an article changed in
    a way none of them shows: its layout, ranks and JSON are 2-3 s of a one-article rebuild at
    10,000 articles; `force`: written whatever). Returns whether they were written."""
    digest = _page_digest(G)
    made = outputs.record("pages") or {}
    if not force and made.get("digest") == digest and all(outputs.fresh(name, made.get("state")) for name in PAGES):
        for name in PAGES:
            outputs.mark(name, state)
        outputs.set_record("pages", {"digest": digest, "state": state})
        return False
    from .viz import write_html
    from .viz.views import write_view
    title = "aidkg" if G.graph["shown"] == G.graph["total"] else \
        f"aidkg — the {G.graph['shown']:,} most connected of {G.graph['total']:,} entities"
    money = G.graph.pop("money")
    write_html(G, out / "graph.html", title=title)
    G.graph["money"] = money
    for view in ("timeline", "map"):   # linked from graph.html
        write_view(G, view, out / f"{view}.html", title="aidkg")
    for name in PAGES:
        outputs.mark(name, state)
    outputs.set_record("pages", {"digest": digest, "state": state})
    return True


def _page_digest(G) -> str:
    """A digest of the page data G. Pickled (10 times faster than JSON for 25,000 money flows): the
    same data gives the same bytes in the same Python; another Python or aidkg only writes the pages
    again. The bytes go straight into the hash, and the money flows one at a time (they may be read
    as they are iterated, aidkg.viz.rows.MoneyFlows): at 10,000 articles the pickle of the whole was
    36 MB at the build's peak memory."""
    import hashlib
    import pickle
    import sys

    from . import __version__

    digest = hashlib.sha256()

    class _IntoDigest:
        def write(self, data) -> None:
            digest.update(data)
    pickle.Pickler(_IntoDigest(), protocol=5).dump(
        [__version__, sys.version, sorted(G.nodes(data=True)), sorted(G.edges(keys=True, data=True)),
         sorted((k, v) for k, v in G.graph.items() if k != "money")])
    for record in G.graph.get("money", ()):
        digest.update(pickle.dumps(record, protocol=5))
    return digest.hexdigest()


def _corrections(given, paths) -> "Corrections":
    if given is False:
        return Corrections()
    path = Path(given) if given not in (None, True) else find(paths)
    return load(path) if path is not None else Corrections()


# Entities by class: the entities (nodes mentioned in an article), then their classes; relations
# by predicate: the relation triples of the union, each once. Every stored relation triple has its
# statement (a relation without one is a SHACL violation and not stored), so this counts what a
# DISTINCT over the statements counts -- 10 s at 10,000 articles where this takes 0.2
# (tests/test_incremental.py compares them).
Q_COUNT_ENTITIES = """SELECT ?c (COUNT(?e) AS ?n) WHERE {
  { SELECT DISTINCT ?e WHERE { ?e aid:mentionedIn ?a } } ?e a ?c } GROUP BY ?c"""
Q_COUNT_RELATIONS = """SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?p { %s } ?s ?p ?o } GROUP BY ?p"""


def _count(store, report: BuildReport) -> None:
    from .vocab import AID, ALL_RELATIONS
    for row in store.query(Q_COUNT_ENTITIES):
        report.entities_by_class[row["c"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    for row in store.query(Q_COUNT_RELATIONS % " ".join(f"<{AID[r]}>" for r in ALL_RELATIONS)):
        report.relations_by_predicate[row["p"].value.rsplit("#", 1)[-1]] = int(row["n"].value)


# Articles are checked against the SHACL shapes in batches, before they are written: the compiled
# shapes (aidkg.shape_native) run over each article's quads, each graph checked on its own. An article with a violation is not stored (the build fails and
# names it); a rebuild checks it again rather than skipping it as unchanged.
VALIDATION_BATCH = 64


class _ArticleWriter:
    def __init__(self, store, report: BuildReport, validate: bool):
        self.store, self.report, self.validate = store, report, validate
        self._batch: list[tuple[str, str, list, object]] = []

    def add(self, source: str, graph_iri: str, quads: list, checked=None) -> None:
        """`checked`: the article's SHACL report when it was checked already (on a cluster worker)."""
        self._batch.append((source, graph_iri, quads, checked))
        if len(self._batch) >= VALIDATION_BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        unchecked = [(s, g, q) for s, g, q, checked in batch if checked is None]
        reports = check_batch(unchecked) if self.validate and unchecked else {}
        accepted = []
        for source, graph_iri, quads, checked in batch:
            found = reports.get(graph_iri) if checked is None else checked
            name = Path(source).name
            if found is not None:
                self.report.warnings += [f"{name}: {w}" for w in found.warnings]
                if found.violations:
                    self.report.violations += [f"{name}: {v}" for v in found.violations]
                    self.report.errors.append(f"{source}: not stored: {len(found.violations)} SHACL violation(s)")
                    continue
            accepted.append((graph_iri, quads))
        # the batch's new articles in one transaction (each article still whole or not at all)
        self.store.replace_articles(accepted)
        self.report.articles_built += len(accepted)
        # RocksDB keeps what was written in memory tables until they fill (per column family, of
        # which Oxigraph has about ten): without a flush per batch a build's memory grew 0.55 MB per
        # article (789 MB at 1,000); with it, flat, and no slower (bench/README.md, Scale)
        self.store.flush()


def check_batch(batch) -> dict:
    """SHACL reports of a batch of (source, graph IRI, quads in that graph), for the graphs with
    any result, each graph checked on its own: the shapes compiled to Python over each article's
    quads (aidkg.shape_native; the same reports as the SPARQL form, a fraction of its cost)."""
    from .shape_native import check_quads
    return check_quads(batch)
