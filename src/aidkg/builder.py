"""Build: articles → the store (one named graph each) → graph file, HTML view, validation, summary."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from .graph import article_graph_iri, document_graph

# graph.<fmt> is the store exported in one of these (aidkg.store.EXPORT_FORMATS)
GRAPH_FORMATS = ("ttl", "trig", "jsonld", "nt", "nq")


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
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    characters: int = 0

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
          validate: bool = True, force: bool = False,
          progress: Callable[[str, int, int], None] | None = None) -> BuildReport:
    """Build the articles at `paths` into the store under `out_dir` and write its graph and view.

    Unreadable files are reported in `report.errors` (one line each) and the rest still builds."""
    from .ingest import IngestError, discover, read_article
    from .pipeline import run
    from .store import Store

    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    files, problems = discover(list(paths) if paths else [default_corpus()])
    report.errors += [str(p) for p in problems]
    store = Store(Path(store_path) if store_path else out / "store")
    checker = _Validator(enabled=validate, background=len(files) >= BACKGROUND_VALIDATION_FROM)
    for i, path in enumerate(files):
        if progress:
            progress(str(path), i, len(files))
        try:
            doc = read_article(path)
        except IngestError as exc:
            report.errors.append(str(exc))
            continue
        report.articles_read += 1
        report.notes += [f"{path}: {p}" for p in doc.problems]
        report.characters += len(doc.text)
        giri = article_graph_iri(doc)
        if not force and store.has_article(str(giri), doc.content_hash):
            report.articles_unchanged += 1
            continue
        try:
            doc = run(doc)
            g = document_graph(doc)
        except Exception as exc:  # one bad article must not stop the batch
            report.errors.append(f"{path}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        store.replace_article(str(giri), g)
        checker.submit(g, str(path))
        report.articles_built += 1
    if progress:
        progress("", len(files), len(files))
    store.flush()

    _count(store, report)
    report.violations, report.warnings = checker.results()
    graph_file = out / f"graph.{fmt}"
    store.export(fmt, graph_file)
    report.outputs["graph"] = str(graph_file)
    if html:
        from .viz import write_html
        write_html(store.union_graph(), out / "graph.html", title="aidkg")
        report.outputs["html"] = str(out / "graph.html")
    report.outputs["store"] = str(store.path)
    store.close()
    report.seconds = time.perf_counter() - t0
    return report


def _count(store, report: BuildReport) -> None:
    q = """SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c ; aid:mentionedIn ?a . } GROUP BY ?c"""
    for row in store.query(q):
        report.entities_by_class[row["c"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    q = """SELECT ?p (COUNT(*) AS ?n) WHERE {
      SELECT DISTINCT ?s ?p ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }
    GROUP BY ?p"""
    for row in store.query(q):
        report.relations_by_predicate[row["p"].value.rsplit("#", 1)[-1]] = int(row["n"].value)


# SHACL costs about as much as extraction (pyshacl is pure Python): on bigger builds it runs in a
# second process, article by article, while the first one extracts the next articles.
BACKGROUND_VALIDATION_FROM = 20


class _Validator:
    def __init__(self, enabled: bool, background: bool):
        self.enabled, self.background = enabled, background
        self._pool = None
        self._pending: list = []
        self._violations: list[str] = []
        self._warnings: list[str] = []

    def submit(self, g: Graph, source: str) -> None:
        if not self.enabled:
            return
        if not self.background:
            self._collect(_validate_article(g, source))
            return
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pending.append(self._pool.submit(_validate_ntriples, g.serialize(format="nt"), source))

    def results(self) -> tuple[list[str], list[str]]:
        for fut in self._pending:
            self._collect(fut.result())
        if self._pool is not None:
            self._pool.shutdown()
        return self._violations, self._warnings

    def _collect(self, found: tuple[list[str], list[str]]) -> None:
        self._violations += found[0]
        self._warnings += found[1]


def _validate_article(g: Graph, source: str) -> tuple[list[str], list[str]]:
    from .validate import validate as shacl
    v = shacl(g)
    name = Path(source).name
    return [f"{name}: {x}" for x in v.violations], [f"{name}: {x}" for x in v.warnings]


def _validate_ntriples(data: str, source: str) -> tuple[list[str], list[str]]:
    return _validate_article(Graph().parse(data=data, format="nt"), source)
