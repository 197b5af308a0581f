"""Resident memory of one `aidkg build` over time, by phase (issue 13: peak RSS at 10,000 articles).

    PYTHONPATH=src nice python bench/memory.py CORPUS OUT [--jobs 1] [--json results/memory_X.json]

The build runs in a child process; this one reads its VmRSS from /proc every 0.5 s. The child
logs when each part of the build starts and ends (the phases of BuildReport.timed, and the page's
steps: rows, page data, graph.html, timeline/map, graph file, summary) and every 500 articles.
The result: the RSS time-line with the phase running at each sample, the peak and the phase it
fell in, and per phase the RSS at its start, end and its highest. OUT must not exist (or holds a
build to repeat: a no-op or one-changed rebuild).
`--tracemalloc-tail`: Python's own allocations traced from the end of extraction to the end of the
build (too slow for the whole build): the traced peak and the largest allocation sites at it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTERVAL = 0.5


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# ------------------------------------------------------------------ the child: a build that logs

def child(corpus: str, out: str, jobs: int, events_path: str, trace_tail: bool) -> None:
    import functools
    import tracemalloc

    events = open(events_path, "a", buffering=1)

    def log(kind: str, name: str, **extra) -> None:
        events.write(json.dumps({"t": time.time(), "kind": kind, "name": name,
                                 "rss": rss_mb(os.getpid()), **extra}) + "\n")

    def wrap(module, attr: str, name: str | None = None):
        fn = getattr(module, attr)

        @functools.wraps(fn)
        def logged(*a, **k):
            log("start", name or attr)
            try:
                return fn(*a, **k)
            finally:
                log("end", name or attr)
        setattr(module, attr, logged)

    from aidkg import builder
    from aidkg.viz import load, views, rows
    import aidkg.viz as viz
    wrap(builder, "write_graph_files", "write graph file(s)")
    wrap(builder, "_count", "summary counts")
    wrap(builder, "_write_pages", "write pages")
    wrap(load, "page_graph", "page data: entity graph")
    wrap(views, "store_money", "page data: money")
    wrap(viz, "write_html", "graph.html")
    wrap(views, "write_view", "timeline/map")
    wrap(rows.PageRows, "update", "page rows update")
    timed = builder.BuildReport.timed

    def timed_logged(self, phase, since):
        log("phase end", phase)
        if trace_tail and phase.startswith("read, extract") and not tracemalloc.is_tracing():
            tracemalloc.start(10)
        return timed(self, phase, since)
    builder.BuildReport.timed = timed_logged

    def progress(path, i, n):
        if i % 500 == 0:
            log("progress", "articles", i=i, n=n)

    log("start", "build")
    t = time.perf_counter()
    r = builder.build(corpus.split(os.pathsep), out, jobs=jobs, progress=progress)
    log("end", "build")
    result = {"built": r.articles_built, "unchanged": r.articles_unchanged, "errors": len(r.errors),
              "violations": len(r.violations), "inner_s": round(time.perf_counter() - t, 2), "phases_s": r.phases}
    if tracemalloc.is_tracing():
        snap = tracemalloc.take_snapshot()
        current, peak = tracemalloc.get_traced_memory()
        result["tracemalloc_tail"] = {
            "current_mb": round(current / 2**20, 1), "peak_mb": round(peak / 2**20, 1),
            "top_at_end": [f"{s.size / 2**20:.1f} MB {s.count} blocks {s.traceback.format()[-1].strip()}"
                           for s in snap.statistics("lineno")[:15]]}
    print(json.dumps(result))


# ------------------------------------------------------------------ the parent: sample and report

def run(corpus: str, out: str, jobs: int, trace_tail: bool, src: Path | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".events", delete=False) as f:
        events_path = f.name
    args = [sys.executable, __file__, "--child", corpus, out, str(jobs), events_path] + \
        (["--tracemalloc-tail"] if trace_tail else [])
    load_before = os.getloadavg()[0]
    t0 = time.time()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(src or ROOT / "src")})
    samples = []
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        mb = rss_mb(proc.pid)
        if mb is not None:
            samples.append((round(time.time() - t0, 2), round(mb, 1)))
        time.sleep(INTERVAL)
    output = proc.stdout.read()
    if status:
        raise SystemExit(f"build failed ({status}):\n{output[-2000:]}")
    result = json.loads(output.strip().splitlines()[-1])
    events = [json.loads(line) for line in Path(events_path).read_text().splitlines()]
    os.unlink(events_path)
    for e in events:
        e["t"] = round(e["t"] - t0, 2)
    # the phase running at each sample: the innermost started and not yet ended
    open_: list[str] = []
    timeline = []
    ei = 0
    for t, mb in samples:
        while ei < len(events) and events[ei]["t"] <= t:
            e = events[ei]
            if e["kind"] == "start":
                open_.append(e["name"])
            elif e["kind"] == "end" and e["name"] in open_:
                open_.remove(e["name"])
            ei += 1
        timeline.append((t, mb, open_[-1] if open_ else "(start/exit)"))
    by_phase: dict[str, dict] = {}
    for t, mb, phase in timeline:
        p = by_phase.setdefault(phase, {"first_s": t, "last_s": t, "rss_start_mb": mb, "max_mb": mb})
        p["last_s"], p["rss_end_mb"], p["max_mb"] = t, mb, max(p["max_mb"], mb)
    peak = max(timeline, key=lambda x: x[1]) if timeline else (0, 0, "")
    result.update(
        corpus=corpus, jobs=jobs, wall_s=round(time.time() - t0, 1),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1), cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        sampled_peak={"t": peak[0], "mb": peak[1], "phase": peak[2]},
        load_1min=[round(load_before, 2), round(os.getloadavg()[0], 2)],
        phases=by_phase, events=events, timeline=timeline)
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        corpus, out, jobs, events = sys.argv[2:6]
        return child(corpus, out, int(jobs), events, "--tracemalloc-tail" in sys.argv)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="the articles' folder (several: joined by the path separator, ':')")
    ap.add_argument("out")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--tracemalloc-tail", action="store_true")
    ap.add_argument("--json", help="write the result here")
    ap.add_argument("--src", help="another checkout's src/ to measure")
    a = ap.parse_args()
    r = run(a.corpus, a.out, a.jobs, a.tracemalloc_tail, Path(a.src) if a.src else None)
    if a.json:
        Path(a.json).write_text(json.dumps(r, ensure_ascii=False, indent=1))
    print(f"peak RSS {r['peak_rss_mb']} MB (sampled {r['sampled_peak']['mb']} MB at "
          f"{r['sampled_peak']['t']} s in {r['sampled_peak']['phase']!r}); wall {r['wall_s']} s, CPU {r['cpu_s']} s; "
          f"load {r['load_1min']}")
    for name, p in r["phases"].items():
        print(f"  {p['first_s']:8.1f}-{p['last_s']:8.1f} s  {p['rss_start_mb']:6.0f} -> {p['rss_end_mb']:6.0f} MB,"
              f" max {p['max_mb']:6.0f}  {name}")
    if "tracemalloc_tail" in r:
        tm = r["tracemalloc_tail"]
        print(f"  tracemalloc (tail): peak {tm['peak_mb']} MB, at end {tm['current_mb']} MB")
        for line in tm["top_at_end"]:
            print("   ", line)


if __name__ == "__main__":
    main()
