#!/usr/bin/env python
"""Cluster: a local Dask cluster of 2 workers shards a generated corpus, Virtuoso bulk-loads the
shards, and every named query answers as from the embedded store built from the same corpus.

    PYTHONPATH=src python bench/cluster.py                  # 1,000 articles, ~10 min on 2 cores
    PYTHONPATH=src python bench/cluster.py --articles 100

Corpus: bench/scale.py's generator (variants of the invented examples/ articles). In one run:
an embedded build (`build(..., html=False)`, one process) and a shards-only build on
`--cluster local:2` (two worker processes, one thread each), each in a child process so its CPU
(user+sys, worker processes included: they are its children) and peak RSS are its own; then
`aidkg push --bulk --loaders 2` into a Virtuoso started here (its own CPU read from /proc), and
each named query on both sides: same rows or not, and its time on each -- once with Debian's
MaxQueryCostEstimationTime (400 s: which queries Virtuoso refuses on its estimate), then with 0
(the README's advice for a graph per article) and no row cap (Debian's ResultSetMaxRows is
10,000) for the comparison. Results:
bench/results/cluster.json. Needs virtuoso-opensource (virtuoso-t, isql-vt).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

import scale  # noqa: E402  (bench/scale.py: make_corpus, run_child)


def child_embedded(corpus: str, out: str) -> None:
    from aidkg import build
    t = time.perf_counter()
    r = build([corpus], out, html=False)
    print(json.dumps({"built": r.articles_built, "errors": len(r.errors), "violations": len(r.violations),
                      "inner_s": round(time.perf_counter() - t, 2)}))


def child_shards(corpus: str, shards: str) -> None:
    from aidkg.cluster import build_shards
    t = time.perf_counter()
    r = build_shards([corpus], shards, "local:2")
    print(json.dumps({"built": r.articles_built, "errors": len(r.errors), "violations": len(r.violations),
                      "inner_s": round(time.perf_counter() - t, 2)}))


def run_child(args: list[str]) -> dict:
    return scale.run_child(args, script=__file__)


def process_cpu(pid: int) -> float:
    """CPU seconds (user+sys) of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compare_queries(store_dir: Path, virtuoso) -> dict:
    from test_push_virtuoso import PARAMS, embedded_rows, rows_of

    from aidkg import query_library as ql
    from aidkg.store import UNION_GRAPH, Store
    out = {}
    store = Store(store_dir, read_only=True)
    try:
        for name in ql.all_queries():
            for values in PARAMS.get(name, [{}]):
                key = name + "".join(f" {k}={v}" for k, v in values.items())
                sparql = ql.get(name).render(values)
                t = time.perf_counter()
                _, expected = embedded_rows(store, sparql)
                embedded_ms = round((time.perf_counter() - t) * 1000, 1)
                t = time.perf_counter()
                try:
                    got = rows_of(virtuoso.query(sparql, default_graph=UNION_GRAPH))
                except urllib.error.HTTPError as exc:
                    out[key] = {"rows": len(expected), "virtuoso": "refused: " + exc.read().decode(errors="replace")
                                .split("\n")[0][:200], "embedded_ms": embedded_ms}
                    continue
                out[key] = {"rows": len(expected), "virtuoso_rows": len(got), "same": got == expected,
                            "embedded_ms": embedded_ms,
                            "virtuoso_ms": round((time.perf_counter() - t) * 1000, 1)}
    finally:
        store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster.json")
    ap.add_argument("--child-embedded", nargs=2)
    ap.add_argument("--child-shards", nargs=2)
    args = ap.parse_args()
    if args.child_embedded:
        return child_embedded(*args.child_embedded)
    if args.child_shards:
        return child_shards(*args.child_shards)

    import virtuoso_server
    from aidkg.bulk import Isql, push_bulk
    from aidkg.store import Store
    why = virtuoso_server.available()
    if why:
        raise SystemExit(why)
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
              "load_average_at_start": os.getloadavg(), "articles": args.articles}
    with tempfile.TemporaryDirectory(prefix="aidkg-cluster-") as tmp:
        tmp = Path(tmp)
        report["characters"] = scale.make_corpus(args.articles, tmp / "corpus")
        report["embedded_build"] = run_child(["--child-embedded", str(tmp / "corpus"), str(tmp / "plain")])
        print(json.dumps({"embedded_build": report["embedded_build"]}), flush=True)
        report["cluster_shards_local2"] = run_child(["--child-shards", str(tmp / "corpus"), str(tmp / "shards")])
        print(json.dumps({"cluster_shards_local2": report["cluster_shards_local2"]}), flush=True)
        e, c = report["embedded_build"], report["cluster_shards_local2"]
        report["cluster_over_embedded"] = {"wall": round(c["wall_s"] / e["wall_s"], 2),
                                           "cpu": round(c["cpu_s"] / e["cpu_s"], 2)}
        shards = sorted((tmp / "shards").glob("*.nq"))
        report["shards"] = {"files": len(shards), "bytes": sum(p.stat().st_size for p in shards)}
        vdir = tmp / "virtuoso"
        # first as Debian ships it (MaxQueryCostEstimationTime = 400 s), then as the README advises (0)
        with virtuoso_server.Virtuoso(vdir, buffers=100000, dirs_allowed=[tmp / "shards"]) as v:
            cpu0, t0 = process_cpu(v.proc.pid), time.perf_counter()
            bulk = push_bulk(tmp / "shards", Isql(v.isql, "dba", "dba"), loaders=2)
            report["bulk_load"] = {"loaded": bulk.loaded, "errors": bulk.errors, "union_triples": bulk.union_triples,
                                   "wall_s": round(time.perf_counter() - t0, 2),
                                   "virtuoso_cpu_s": round(process_cpu(v.proc.pid) - cpu0, 2)}
            print(json.dumps({"bulk_load": report["bulk_load"]}), flush=True)
            store = Store(tmp / "plain" / "store", read_only=True)
            try:
                report["embedded_union_triples"] = store.union_size()
            finally:
                store.close()
            report["union_equal_size"] = report["embedded_union_triples"] == bulk.union_triples
            default_limit = compare_queries(tmp / "plain" / "store", v)
        report["refused_with_debian_cost_limit_400s"] = sorted(k for k, a in default_limit.items() if "virtuoso" in a)
        # and without Debian's cap of 10,000 rows (ResultSetMaxRows): provenance lists every statement
        limits = {"MaxQueryCostEstimationTime": 0, "ResultSetMaxRows": 0}
        with virtuoso_server.Virtuoso(vdir, buffers=100000, dirs_allowed=[tmp / "shards"], sparql=limits) as v:
            report["named_queries"] = compare_queries(tmp / "plain" / "store", v)
    answers = report["named_queries"].values()
    report["named_queries_same"] = sum(1 for a in answers if a.get("same"))
    report["named_queries_different"] = sorted(k for k, a in report["named_queries"].items() if a.get("same") is False)
    report["named_queries_refused_by_virtuoso"] = sorted(k for k, a in report["named_queries"].items() if "virtuoso" in a)
    report["load_average_after"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("union_equal_size", "named_queries_same", "named_queries_different",
                                              "named_queries_refused_by_virtuoso",
                                              "refused_with_debian_cost_limit_400s")}, ensure_ascii=False))


if __name__ == "__main__":
    main()
