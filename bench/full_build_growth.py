#!/usr/bin/env python
"""CPU per 1,000 characters of full builds (html and validation on) of growing corpora from an
empty output, this checkout's code and an older one's, each build in a child process of its own
(issue 13: flat across sizes). Cheaper than bench/scale.py at 10,000 for a before/after.

    PYTHONPATH=src nice python bench/full_build_growth.py --before /tmp/old/src CORPUS_1000 CORPUS_3000

CORPUS_*: folders of bench/scale.py's generated articles (e.g. the first N files of its 10,000).
The figure excludes the fixed start (imports, models: one warm-up article before the clock).
Results: bench/results/full_build_growth.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "full_build_growth.json"


def child(corpus: str, out: str) -> None:
    from aidkg.extraction import _init_worker
    _init_worker()

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    from aidkg import build
    c0, t0 = cpu(), time.time()
    r = build([corpus], out)
    print(json.dumps({"built": r.articles_built, "chars": r.characters, "cpu": round(cpu() - c0, 2),
                      "wall": round(time.time() - t0, 2),
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--before", type=Path, default=None, help="an older checkout's src/")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    codes = ([("before", args.before)] if args.before else []) + [("after", HERE.parent / "src")]
    runs = []
    with tempfile.TemporaryDirectory(prefix="aidkg-growth-") as tmp:
        for corpus in args.corpora:
            for label, src in codes:
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                load = os.getloadavg()[0]
                p = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(out)], capture_output=True,
                                   text=True, check=True, env={**os.environ, "PYTHONPATH": str(src)})
                run = {"code": label, "corpus": str(corpus), **json.loads(p.stdout.strip().splitlines()[-1]),
                       "load_1min": [load, os.getloadavg()[0]]}
                run["cpu_per_1k_chars"] = round(run["cpu"] / run["chars"] * 1000, 4)
                runs.append(run)
                print(json.dumps(run), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": runs},
                                   indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
