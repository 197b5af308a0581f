#!/usr/bin/env python
"""What RocksDB's compaction costs for the same new articles bulk-loaded into a large store, by
the size of the loader's calls and the time between them (issue 13: CPU per 1,000 characters flat
in the store's size; aidkg.store's spool).

    PYTHONPATH=src nice python bench/ingest_spacing.py --big /tmp/scale3/out --slice /tmp/scale3/slice

`--big`: the output folder of a large build (its store is copied, never changed); `--slice`:
articles not in it. The slice is built once (no html, no validation) and its articles' graphs are
read back; then, each in a child process of its own, they are written with `Store._add_new` (the
bulk loader, as a build writes them) into a copy of the large store or into an empty one, N
articles a call, back to back or a few seconds apart (as a build's batches come), and the child
waits for RocksDB's compaction to end: the process's CPU, its compaction thread's (`rocksdb:low`)
and its peak RSS. Results: bench/results/ingest_spacing.json.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from write_growth import _threads  # noqa: E402  (CPU seconds per thread, by name)

DEFAULT_OUT = HERE / "results" / "ingest_spacing.json"
# (target, articles a call, seconds between calls)
VARIANTS = [("big", 30, 0.0), ("big", 125, 0.0), ("big", 500, 0.0), ("big", 30, 1.8),
            ("empty", 30, 0.0), ("empty", 500, 0.0)]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def child(articles: str, store_dir: str, per_call: int, gap: float) -> None:
    import pyoxigraph as ox

    import aidkg.store as st
    arts = [(g, list(ox.parse(b, format=ox.RdfFormat.N_QUADS))) for g, b in pickle.load(open(articles, "rb"))]
    store = st.Store(store_dir, ontology=None)
    st.BULK_MAX_QUADS = 10 ** 9          # the calls as given
    time.sleep(3)                        # (what opening the store set off)
    t0, c0 = _threads(), _cpu()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(0, len(arts), per_call):
        store._add_new(arts[i:i + per_call])
        time.sleep(gap)
    last = None
    while True:                          # until RocksDB's threads are done
        time.sleep(2)
        now = sum(v for k, v in _threads().items() if k.startswith("rocksdb"))
        if last is not None and now - last < 0.05:
            break
        last = now
    t1 = _threads()
    print(json.dumps({"calls": -(-len(arts) // per_call), "cpu_s": round(_cpu() - c0, 2),
                      "rocksdb_threads_cpu_s": {k: round(v - t0.get(k, 0.0), 2) for k, v in t1.items() if k.startswith("rocksdb")},
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "rss_before_mb": rss0 // 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=Path)
    ap.add_argument("--slice", type=Path)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--child", nargs=4)
    args = ap.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], int(args.child[2]), float(args.child[3]))
    import pyoxigraph as ox

    from aidkg import build
    from aidkg.store import ARTICLE_GRAPH_PREFIX, Store
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "big": str(args.big),
              "slice": str(args.slice), "load_average_at_start": os.getloadavg(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="aidkg-spacing-") as tmp:
        tmp = Path(tmp)
        build([args.slice], tmp / "slice", html=False, validate=False)
        store = Store(tmp / "slice" / "store", read_only=True)
        arts = [(g, ox.serialize(store.graph_quads(g), format=ox.RdfFormat.N_QUADS))
                for g in store.graphs() if g.startswith(ARTICLE_GRAPH_PREFIX)]
        store.close()
        pickle.dump(arts, open(tmp / "articles.pkl", "wb"))
        for target, per_call, gap in VARIANTS:
            store_dir = tmp / "store"
            shutil.rmtree(store_dir, ignore_errors=True)
            if target == "big":
                shutil.copytree(args.big / "store", store_dir)
            out = subprocess.run([sys.executable, __file__, "--child", str(tmp / "articles.pkl"), str(store_dir),
                                  str(per_call), str(gap)], capture_output=True, text=True, check=True)
            run = {"target": target, "articles_a_call": per_call, "seconds_between_calls": gap,
                   **json.loads(out.stdout.strip().splitlines()[-1])}
            report["runs"].append(run)
            print(json.dumps(run), flush=True)
            shutil.rmtree(store_dir, ignore_errors=True)
    report["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
