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


def _threads() -> dict[str, float]:
    """CPU seconds of this process's live threads, by thread name."""
    by: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = open(f"/proc/self/task/{tid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        by[name] = round(by.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick, 2)
    return by


def child(slice_dir: str, out: str) -> None:
    from aidkg.extraction import _init_worker
    _init_worker()            # the models and tables: the same fixed start in both builds
    before = _threads()
    sw = build_cpu.instrument()
    from aidkg import build
    c0, t0 = build_cpu._cpu(), time.perf_counter()
    r = build([slice_dir], out)
    cpu, wall = build_cpu._cpu() - c0, time.perf_counter() - t0
    after = _threads()
    stages = dict(sw.seconds)
    stages["other (build's own loop, ingest bookkeeping)"] = cpu - sum(stages.values())
    print(json.dumps({
        "built": r.articles_built, "errors": len(r.errors), "characters": r.characters,
        "build_cpu_s": round(cpu, 2), "build_wall_s": round(wall, 2), "phases_wall_s": r.phases,
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=Path, help="output folder of a large build (copied)")
    ap.add_argument("--slice", type=Path, help="articles not in it")
    ap.add_argument("--before", type=Path, default=None, help="an older checkout's src/: its builds too")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "big": str(args.big),
              "slice": str(args.slice), "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="aidkg-growth-") as tmp:
        if args.before:
            report["before"] = run(args.slice, args.big, Path(tmp), args.before)
        report["after"] = run(args.slice, args.big, Path(tmp), HERE.parent / "src")
    report["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items()}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
