"""Extraction cost on over-long input: with and without the sentence cap and the sections.

    PYTHONPATH=src python bench/long_input.py            # all cases (~10 min on a loaded 2-core machine)
    PYTHONPATH=src python bench/long_input.py --quick    # without the 5 MB line

Each case runs `aidkg.pipeline.process_text` in a fresh process and records its CPU seconds
(user + system, so other load on the machine does not count) and peak RSS. "uncapped" sets
aidkg.normalise.MAX_SENTENCE and aidkg.sections.MAX_SECTION out of reach, as before they existed.
Texts are generated (invented clauses and names), never publisher text.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "long_input.json"

CHILD = r"""
import json, resource, sys, time
from aidkg import normalise, sections
from aidkg.pipeline import process_text
kind, n, capped = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "capped"
if not capped:
    normalise.MAX_SENTENCE = sections.MAX_SECTION = 10**9
clause = "江苏省援建阿图什市第二小学教学楼项目总投资1950万元"
surnames, given = "王李张刘陈杨黄赵吴周", "明华建国志强秀英文博"
if kind == "sentence":          # one sentence of n characters, clauses joined by commas
    text = "，".join([clause] * (n // (len(clause) + 1))) + "。"
elif kind == "names":           # a list of n names in one sentence
    text = "参加援疆工作的有" + "、".join(surnames[i % 10] + given[i // 10 % 10] + given[i // 100 % 10]
                                   for i in range(n)) + "等同志。"
elif kind == "text":            # n characters of ordinary sentences on one line
    text = ("。".join([clause] * (n // (len(clause) + 1))) + "。")
elif kind == "line":            # n bytes of UTF-8 on one line without any punctuation
    text = ("江苏省对口支援阿图什市建设项目" * (n // 45 + 1))[: n // 3]
process_text("预热。")           # models loaded before the clock starts
t = resource.getrusage(resource.RUSAGE_SELF)
wall = time.perf_counter()
doc = process_text(text)
u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"chars": len(text), "sentences": len(doc.sentences), "relations": len(doc.relations),
                  "cpu_s": round(u.ru_utime + u.ru_stime - t.ru_utime - t.ru_stime, 2),
                  "wall_s": round(time.perf_counter() - wall, 2),
                  "peak_rss_mb": round(u.ru_maxrss / 1024), "problems": doc.problems}))
"""


def run(kind: str, n: int, capped: bool, timeout: float) -> dict:
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, kind, str(n), "capped" if capped else "uncapped"],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"kind": kind, "n": n, "capped": capped, "timed_out_after_s": timeout}
    if proc.returncode != 0:
        return {"kind": kind, "n": n, "capped": capped, "error": proc.stderr[-500:]}
    return {"kind": kind, "n": n, "capped": capped, **json.loads(proc.stdout.strip().splitlines()[-1])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="leave out the 5 MB line")
    args = ap.parse_args()
    cases = [("sentence", 5_000), ("sentence", 10_000), ("sentence", 20_000), ("names", 2_000),
             ("text", 100_000), ("text", 400_000)]
    rows = []
    for kind, n in cases:
        for capped in (False, True):
            rows.append(run(kind, n, capped, timeout=900))
            print(_line(rows[-1]), flush=True)
    if not args.quick:
        rows.append(run("line", 5 * 1024 * 1024, True, timeout=3600))
        print(_line(rows[-1]), flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "rows": rows},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _line(row: dict) -> str:
    what = f"{row['kind']:8} {row['n']:>9,} {'capped' if row['capped'] else 'uncapped':8}"
    if "cpu_s" in row:
        return (f"{what} chars {row['chars']:>9,}  CPU {row['cpu_s']:>7.1f} s  "
                f"RSS {row['peak_rss_mb']:>5} MB  sentences {row['sentences']}")
    return f"{what} {row}"


if __name__ == "__main__":
    main()
