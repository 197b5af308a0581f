#!/usr/bin/env python
"""`aidkg build --jobs 2` against `--jobs 1` on the same corpus in one run, with a time-line of
where the cores wait.

    PYTHONPATH=src python bench/jobs.py                       # 1,000 articles, ~2 min on 2 quiet cores
    PYTHONPATH=src python bench/jobs.py --articles 300 --jobs 1,2,2
    git archive COMMIT src ontology queries examples | tar -x -C /tmp/old   # an older version, then
    PYTHONPATH=src python bench/jobs.py --before /tmp/old/src               # its builds first, same run

Corpus: bench/scale.py's generated variants of the invented examples/ articles. Each build runs
in a child process of its own into an empty output folder (html and validation on, as
`aidkg build`): wall, CPU of the build and its workers (wait4), peak RSS, the 1-minute load
average before and after. The time-line: while a build runs, this script reads the CPU of each of
its threads (the writer's Python thread, RocksDB's background threads, the graph-file thread) and
of each worker process from /proc every half second; each worker also logs when it starts and
ends each task, so the time it waits for work is counted (start-up, gaps between tasks, the end).
After each build the outputs are digested (bench/build_cpu.py: store quads, graph file triples,
page rows, the report's lines): every build must have written the same. Results:
bench/results/jobs.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import build_cpu  # noqa: E402  (the output digests)
import scale  # noqa: E402  (the corpus generator)

DEFAULT_OUT = HERE / "results" / "jobs.json"
TASK_LOG = "AIDKG_BENCH_TASK_LOG"     # folder where each worker logs its tasks
HZ = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.5


# ----------------------------------------------------------------------------- in the build child
def _logged(task: str):
    def run(items, *args):
        """A worker's task of aidkg.extraction, with its start and end (wall clock) logged."""
        import aidkg.extraction
        start = time.time()
        result = getattr(aidkg.extraction, task)(items, *args)
        with open(Path(os.environ[TASK_LOG]) / f"{os.getpid()}.log", "a") as f:
            f.write(f"{start} {time.time()} {len(items)}\n")
        return result
    return run


logged_batch = _logged("extract_batch")                       # workers given Documents
logged_read_batch = _logged("read_and_extract_batch")         # workers that read the files too
logged_batch.__qualname__, logged_read_batch.__qualname__ = "logged_batch", "logged_read_batch"


def child_build(corpus: str, out: str, jobs: int) -> None:
    import aidkg.extraction
    from aidkg import build
    # the tasks the workers run (pickled by reference): whichever this version of aidkg submits
    aidkg.extraction.extract_batch = logged_batch
    if hasattr(aidkg.extraction, "read_and_extract_batch"):
        aidkg.extraction.read_and_extract_batch = logged_read_batch
    start = time.time()
    r = build([corpus], out, jobs=jobs)
    print(json.dumps({"built": r.articles_built, "errors": len(r.errors), "violations": len(r.violations),
                      "build_start": start, "build_s": round(r.seconds, 2), "phases_s": r.phases,
                      "report": [r.violations, r.warnings, r.errors]}, ensure_ascii=False))


def child_digest(out: str, report: str) -> None:
    """The outputs' digests, in a process of their own (not the build's wall or CPU)."""
    from types import SimpleNamespace
    violations, warnings, errors = json.loads(Path(report).read_text(encoding="utf-8"))
    r = SimpleNamespace(violations=violations, warnings=warnings, errors=errors)
    print(json.dumps(build_cpu.output_digests(Path(out), r)))


# ----------------------------------------------------------------------------- in this process
def _ticks(stat_path: str) -> float | None:
    try:
        fields = Path(stat_path).read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ
    except (OSError, IndexError, ValueError):
        return None


def _snapshot(pid: int) -> dict:
    """CPU seconds so far: {"writer:<thread name>:<thread id>": s, "worker:<pid>": s}."""
    snap: dict[str, float] = {}
    kids: set[int] = set()
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return snap
    for tid in tids:
        base = f"/proc/{pid}/task/{tid}"
        cpu = _ticks(base + "/stat")
        if cpu is None:
            continue
        try:
            name = Path(base + "/comm").read_text().strip()
            kids.update(int(c) for c in Path(base + "/children").read_text().split())
        except OSError:
            continue
        # per thread, so that a thread that ends (the graph file's) keeps the CPU it used
        snap["writer:" + ("python" if name.startswith("python") else name.rstrip("0123456789:-_ ")) + f":{tid}"] = cpu
    for kid in kids:
        cpu = _ticks(f"/proc/{kid}/stat")
        if cpu:
            snap[f"worker:{kid}"] = cpu
    return snap


def run_build(corpus: Path, out: Path, jobs: int, logs: Path, src: Path | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    load_before = os.getloadavg()[0]
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, __file__, "--child-build", str(corpus), str(out), str(jobs)],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(src or ROOT / "src"), TASK_LOG: str(logs)})
    samples: list[tuple[float, dict]] = []
    done = threading.Event()

    def sample():
        while not done.wait(SAMPLE_S):
            snap = _snapshot(proc.pid)
            if snap:
                samples.append((time.time() - t0, snap))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    text = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.time() - t0
    done.set()
    sampler.join()
    if status:
        raise SystemExit(f"build --jobs {jobs} failed: {status}\n{text[-2000:]}")
    result = json.loads(text.strip().splitlines()[-1])
    result.update(jobs=jobs, src=str(src or ROOT / "src"), wall_s=round(wall, 2), cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
                  peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
                  load_1min=[round(load_before, 2), round(os.getloadavg()[0], 2)])
    result["timeline"] = timeline(samples, logs, t0, result["build_start"] - t0, result["phases_s"])
    (logs / "report.json").write_text(json.dumps(result.pop("report"), ensure_ascii=False), encoding="utf-8")
    digests = subprocess.run([sys.executable, __file__, "--child-digest", str(out), str(logs / "report.json")],
                             capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    result["outputs"] = json.loads(digests.stdout.strip().splitlines()[-1])
    return result


def timeline(samples: list, logs: Path, t0: float, build_start: float, phases: dict) -> dict:
    """Where the time went: CPU per process and thread, per phase of the build and per 2 s; each
    worker's tasks and waits between them. Times in seconds from the child's start (`t0`, wall
    clock); `build_start`: when build() was called."""
    loop_end = build_start + phases.get("read, extract, check and write articles", 0.0)
    end = samples[-1][0] if samples else loop_end

    def used(key_prefix: str, a: float, b: float) -> float:
        """CPU of the threads/processes whose key starts with key_prefix between times a and b."""
        def at(t):    # a worker that has exited keeps the CPU it had
            last = {}
            for when, snap in samples:
                if when > t:
                    break
                last.update(snap)
            return sum(v for k, v in last.items() if k.startswith(key_prefix))
        return round(at(b) - at(a), 2)

    keys = sorted({k.rsplit(":", 1)[0] if k.startswith("writer:") else k for _, snap in samples for k in snap})
    spans = {"start (to the first sample)": (0.0, samples[0][0] if samples else 0.0),
             "read, extract, write": (samples[0][0] if samples else 0.0, loop_end),
             "end of build (outputs)": (loop_end, end)}
    per_phase = {}
    for name, (a, b) in spans.items():
        per_phase[name] = {"wall_s": round(b - a, 2),
                           **{k: used(k, a, b) for k in keys if used(k, a, b) >= 0.05}}
        cpu = sum(v for k, v in per_phase[name].items() if k != "wall_s")
        per_phase[name]["cores_busy"] = round(cpu / (b - a), 2) if b > a else None
    bins = []
    for k in range(int(end // 2) + 1):
        a, b = 2.0 * k, min(2.0 * (k + 1), end)
        if b <= a:
            break
        bins.append([round(a, 1), used("writer:python", a, b), round(used("writer:", a, b) - used("writer:python", a, b), 2),
                     used("worker:", a, b)])
    workers = {}
    for f in sorted(logs.glob("*.log")):
        tasks = sorted(tuple(map(float, line.split()[:2])) for line in f.read_text().splitlines())
        gaps = [tasks[i][0] - tasks[i - 1][1] for i in range(1, len(tasks))]
        workers[f.stem] = {"tasks": len(tasks), "first_task_from_s": round(tasks[0][0] - t0, 2),
                           "last_task_to_s": round(tasks[-1][1] - t0, 2),
                           "busy_s": round(sum(e - s for s, e in tasks), 2),
                           "waiting_between_tasks_s": round(sum(gaps), 2),
                           "waits_over_0.25_s": sum(g > 0.25 for g in gaps)}
    return {"build_called_s": round(build_start, 2), "loop_end_s": round(loop_end, 2),
            "per_phase": per_phase, "workers": workers,
            "every_2_s": {"columns": ["from s", "writer Python thread", "writer other threads", "workers"],
                          "rows": bins}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", default="1,2", help="builds to run, in this order (e.g. 1,2 or 2,1,2)")
    ap.add_argument("--before", type=Path, default=None,
                    help="another checkout's src/ (`git archive` of an older commit): the same builds with "
                         "it first, in the same run")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--child-build", nargs=3)
    ap.add_argument("--child-digest", nargs=2)
    args = ap.parse_args()
    if args.child_build:
        corpus, out, jobs = args.child_build
        return child_build(corpus, out, int(jobs))
    if args.child_digest:
        return child_digest(*args.child_digest)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "label": args.label,
              "cpus": os.cpu_count(), "articles": args.articles, "builds": []}
    with tempfile.TemporaryDirectory(prefix="aidkg-jobs-") as tmp:
        corpus = Path(tmp) / "corpus"
        report["characters"] = scale.make_corpus(args.articles, corpus)
        jobs_list = [int(j) for j in args.jobs.split(",")]
        runs = ([(j, args.before.resolve()) for j in jobs_list] if args.before else []) + [(j, None) for j in jobs_list]
        for jobs, src in runs:
            r = run_build(corpus, Path(tmp) / "out", jobs, Path(tmp) / "tasks", src)
            r["before"] = src is not None
            report["builds"].append(r)
            print(json.dumps({k: r[k] for k in ("jobs", "before", "wall_s", "cpu_s", "load_1min", "phases_s")}), flush=True)
    report["versus_jobs_1"] = []
    for before in (True, False):      # each code's builds against its own --jobs 1
        one = next((r for r in report["builds"] if r["jobs"] == 1 and r["before"] == before), None)
        report["versus_jobs_1"] += [
            {"jobs": r["jobs"], "before": before, "articles_per_s_ratio": round(one["wall_s"] / r["wall_s"], 2),
             "cpu_ratio": round(r["cpu_s"] / one["cpu_s"], 2)}
            for r in report["builds"] if one is not None and r is not one and r["before"] == before]
    # every build of one code wrote the same (an older checkout may extract differently)
    report["same_outputs"] = all(
        len({json.dumps(r["outputs"], sort_keys=True) for r in report["builds"] if r["before"] == before}) <= 1
        for before in (True, False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: report.get(k) for k in ("versus_jobs_1", "same_outputs")}))


if __name__ == "__main__":
    main()
