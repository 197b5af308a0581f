#!/usr/bin/env python
"""What grows with the store: the same new articles built into an empty output folder and into a
copy of a large one, CPU by stage, in one run (issue 13: CPU per 1,000 characters flat in size).

    PYTHONPATH=src nice python bench/write_growth.py --big /tmp/scale3/out --slice /tmp/scale3/slice
    PYTHONPATH=src nice python bench/write_growth.py --big OUT --slice DIR --before /tmp/old/src

`--big`: the output folder of a large build (bench/scale.py's 10,000 articles), copied, never
changed; `--slice`: articles that are not in it (bench/scale.py's generator, other variants). Each
build runs in a child process (html on, validation on: a full build) with bench/build_cpu.py's
stopwatches around its stages; RocksDB's own threads (compaction `rocksdb:low`, flushes
`rocksdb:high`) are read from /proc when the build ends. `--before SRC`: the same two builds with
an older checkout's code. Results: bench/results/write_growth.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_cpu  # noqa: E402
import scale  # noqa: E402

DEFAULT_OUT = HERE / "results" / "write_growth.json"


def _thread_cpu():
    """(thread id, name, CPU seconds) of this process's live threads, read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = open(f"/proc/self/task/{tid}/stat").read()
        except OSError:
            continue   # the thread ended while listed
        fields = stat[stat.rindex(")") + 2:].split()
        yield int(tid), stat[stat.index("(") + 1:stat.rindex(")")], (int(fields[11]) + int(fields[12])) / tick


def _threads() -> dict[str, float]:
    """CPU seconds of this process's live threads, by thread name."""
    by: dict[str, float] = {}
    for _, name, cpu in _thread_cpu():
        by[name] = round(by.get(name, 0.0) + cpu, 2)
    return by


class ThreadSampler:
    """CPU seconds of every thread of this process, by thread, read from /proc every `every` s:
    threads that end during the build (the spool's loader, Oxigraph's loader threads, the graph
    file's) keep their last reading, at most `every` s short. Python threads are named as Python
    names them; Rust's unnamed threads carry the process's name ("python…"); the main thread is
    the one whose id is the process's."""

    def __init__(self, every: float = 0.1):
        import threading
        self.every, self.seen = every, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def _read(self) -> None:
        for tid, name, cpu in _thread_cpu():
            self.seen[tid] = ("main" if tid == os.getpid() else name, cpu)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._read()

    def start(self) -> "ThreadSampler":
        self._read()
        self.base = dict(self.seen)
        self._thread.start()
        return self

    def stop(self) -> dict[str, float]:
        """CPU s since start by thread kind (threads of one name summed; the main thread apart)."""
        self._stop.set()
        self._thread.join()
        self._read()
        by: dict[str, float] = {}
        for tid, (name, cpu) in self.seen.items():
            name = "rust threads (unnamed)" if name.startswith("python") else name
            by[name] = round(by.get(name, 0.0) + cpu - self.base.get(tid, (name, 0.0))[1], 2)
        return dict(sorted(by.items(), key=lambda kv: -kv[1]))


def _settings() -> None:
    """AIDKG_BENCH_SET="store.SPOOL_RATIO=1.0 store.BULK_LENIENT=False": module constants set in
    the child before its build (variants compared in one run)."""
    import importlib
    for item in os.environ.get("AIDKG_BENCH_SET", "").split():
        name, value = item.split("=", 1)
        module, attr = name.rsplit(".", 1)
        setattr(importlib.import_module("aidkg." + module), attr, eval(value))


def child(slice_dir: str, out: str) -> None:
    _settings()
    from aidkg.extraction import _init_worker
    _init_worker()            # the models and tables: the same fixed start in both builds
    before = _threads()
    sampler = ThreadSampler().start()
    process_cpu = build_cpu._cpu
    build_cpu._cpu = time.thread_time   # the stages: the main thread's CPU (the other threads apart)
    sw = build_cpu.instrument()
    from aidkg import build
    c0, m0, t0 = process_cpu(), time.thread_time(), time.perf_counter()
    r = build([slice_dir], out)
    cpu, main_cpu, wall = process_cpu() - c0, time.thread_time() - m0, time.perf_counter() - t0
    after = _threads()
    threads = sampler.stop()
    stages = dict(sw.seconds)
    stages["other (build's own loop, ingest bookkeeping)"] = main_cpu - sum(stages.values())
    print(json.dumps({
        "built": r.articles_built, "errors": len(r.errors), "characters": r.characters,
        "build_cpu_s": round(cpu, 2), "main_thread_cpu_s": round(main_cpu, 2), "build_wall_s": round(wall, 2), "phases_wall_s": r.phases,
        "threads_cpu_s": threads,
        "rocksdb_threads_cpu_s": {k: round(v - before.get(k, 0.0), 2) for k, v in after.items() if k.startswith("rocksdb")},
        "stages_cpu_s": {k: round(v, 3) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


def run(slice_dir: Path, big: Path, work: Path, src: Path) -> dict:
    result = {}
    for target in ("empty", "big"):
        out = work / target
        shutil.rmtree(out, ignore_errors=True)
        if target == "big":
            shutil.copytree(big, out)
        result[target] = scale.run_child(["--child", str(slice_dir), str(out)], script=__file__, src=src)
        shutil.rmtree(out, ignore_errors=True)
    e, b = result["empty"], result["big"]
    result["growth_cpu_s"] = {
        "build": round(b["build_cpu_s"] - e["build_cpu_s"], 2),
        **{f"stage: {k}": round(b["stages_cpu_s"].get(k, 0.0) - e["stages_cpu_s"].get(k, 0.0), 2)
           for k in b["stages_cpu_s"]},
        **{f"thread: {k}": round(b["rocksdb_threads_cpu_s"].get(k, 0.0) - e["rocksdb_threads_cpu_s"].get(k, 0.0), 2)
           for k in b["rocksdb_threads_cpu_s"]}}
    return result


def run_sizes(sizes: list[int], work: Path, src: Path) -> dict:
    """Full builds of bench/scale.py's corpora of these sizes into empty outputs (the 100 -> 1,000 step)."""
    result = {}
    for n in sizes:
        corpus, out = work / f"corpus{n}", work / f"out{n}"
        chars = scale.make_corpus(n, corpus)
        result[n] = scale.run_child(["--child", str(corpus), str(out)], script=__file__, src=src)
        result[n]["per_article_cpu_ms"] = round(1000 * result[n]["build_cpu_s"] / n, 1)
        result[n]["cpu_per_1000_chars_s"] = round(result[n]["build_cpu_s"] / chars * 1000, 4)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)
        print(json.dumps({n: result[n]}, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=Path, help="output folder of a large build (copied)")
    ap.add_argument("--slice", type=Path, help="articles not in it")
    ap.add_argument("--before", type=Path, default=None, help="an older checkout's src/: its builds too")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--sizes", default=None, help="instead: full builds of scale.py corpora of these sizes")
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "big": str(args.big),
              "slice": str(args.slice), "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="aidkg-growth-") as tmp:
        if args.sizes:
            sizes = [int(x) for x in args.sizes.split(",")]
            if args.before:
                report["before"] = run_sizes(sizes, Path(tmp), args.before)
            report["after"] = run_sizes(sizes, Path(tmp), HERE.parent / "src")
        elif args.before:
            report["before"] = run(args.slice, args.big, Path(tmp), args.before)
        else:
            report["after"] = run(args.slice, args.big, Path(tmp), HERE.parent / "src")
    report["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items()}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
