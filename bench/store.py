#!/usr/bin/env python
"""Store benchmark: load time, peak memory and the named queries' median latency.

    PYTHONPATH=src python bench/store.py                 # 10k and 100k triples
    PYTHONPATH=src python bench/store.py --with-1m       # and 1M (a few minutes, ~2 GB for rdflib)

Graphs are generated in the shape of ARCHITECTURE.md (one named graph per article; entities
repeated in every article naming them; one rdf:Statement per relation), deterministic for a
seed, with invented names. Each store runs in its own child process so that its peak RSS
(getrusage maxrss, which includes the interpreter, ~60 MB) is its own; Virtuoso's is the
server's VmHWM. Queries are the library in queries/*.rq; each runs once to warm up, then
--runs times (median reported). Results go to bench/results/store.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from aidkg import query_library as ql  # noqa: E402
from aidkg.store import ONTOLOGY_FILE, UNION_GRAPH, with_prefixes  # noqa: E402

AID = "https://w3id.org/aidkg/ontology#"
ID = "https://w3id.org/aidkg/id/"
GRAPH = "https://w3id.org/aidkg/graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

SYLLABLES = "安宁和平康泰丰华盛昌兴隆永宝金玉青松白杨红柳云霞清河双桥东西南北长乐新民"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文"
INDUSTRIES = ("能源", "建工", "农业", "物流", "医药", "文旅", "化工", "电力")
FACILITIES = ("供水工程", "学校教学楼", "医院门诊楼", "光伏电站", "产业园", "安居房", "道路", "幼儿园")
AGGREGATES = {"paired-with", "money-by-recipient", "counts-by-class", "articles", "cadres-by-donor"}


def _h(s: str, n: int = 12) -> str:
    return hashlib.sha1(s.encode()).hexdigest()[:n]


def _name(i: int, suffix: str) -> str:
    n = len(SYLLABLES)
    return SYLLABLES[(i // n) % n] + SYLLABLES[i % n] + suffix


class Writer:
    """N-Quads of one article at a time; counts what it wrote."""

    def __init__(self, out):
        self.out, self.count, self.graph = out, 0, None

    def iri(self, x: str) -> str:
        return f"<{x}>"

    def quad(self, s: str, p: str, o: str) -> None:
        self.out.write(f"{s} {p} {o} {self.graph} .\n")
        self.count += 1

    @staticmethod
    def lit(value, dt: str | None = None, lang: str | None = None) -> str:
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        if lang:
            return f'"{text}"@{lang}'
        return f'"{text}"^^<{dt}>' if dt else f'"{text}"'


def generate(n_triples: int, path: Path, seed: int = 7) -> dict:
    """Write about n_triples quads of article graphs to `path`; returns the query parameters."""
    rng = random.Random(seed)
    provinces = [(_name(i, "省"), [_name(100 + i * 4 + k, "市") for k in range(4)]) for i in range(10)]
    prefectures = []
    for i in range(14):
        counties = []
        for k in range(8):
            c = _name(200 + i * 8 + k, "县")
            counties.append((c, [_name(400 + (i * 8 + k) * 5 + t, "镇") for t in range(5)]))
        prefectures.append((_name(50 + i, "州"), counties))
    n_articles_est = max(10, n_triples // 220)
    enterprises = [_name(1000 + i, INDUSTRIES[i % len(INDUSTRIES)] + "集团") for i in range(max(20, n_articles_est // 3))]
    region_iri = lambda name: f"<{ID}region/x-{_h(name)}>"  # noqa: E731
    T = {k: f"<{v}>" for k, v in {
        "type": RDF + "type", "label": RDFS + "label", "mentionedIn": AID + "mentionedIn",
        "Statement": RDF + "Statement", "subject": RDF + "subject", "predicate": RDF + "predicate",
        "object": RDF + "object", "evidence": AID + "evidence", "start": AID + "evidenceStart",
        "end": AID + "evidenceEnd", "derived": PROV + "wasDerivedFrom", "method": AID + "extractionMethod",
        "title": DCT + "title", "date": DCT + "date", "source": DCT + "source", "publisher": DCT + "publisher",
        "hash": AID + "contentHash", "script": AID + "script", "total": AID + "totalInvestment",
        "area": AID + "floorArea"}.items()}
    w = Writer(open(path, "w", encoding="utf-8"))
    i = 0
    while w.count < n_triples:
        src = f"bench://article/{i}"
        h = _h(src, 16)
        w.graph = f"<{GRAPH}article/{h}>"
        art = f"<{ID}article/{h}>"
        lit = Writer.lit
        w.quad(art, T["type"], f"<{AID}Article>")
        w.quad(art, T["title"], lit(f"第{i}篇援建报道"))
        w.quad(art, T["date"], lit(f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", XSD + "date"))
        w.quad(art, T["source"], lit(src))
        w.quad(art, T["publisher"], lit("基准日报"))
        w.quad(art, T["hash"], lit(_h(src + "text", 64)))
        w.quad(art, T["script"], lit("simplified"))
        seen = set()
        pos = [0]

        def entity(iri: str, cls: str, name: str) -> str:
            if iri not in seen:
                seen.add(iri)
                w.quad(iri, T["type"], f"<{AID}{cls}>")
                w.quad(iri, T["label"], lit(name, lang="zh-Hans"))
                w.quad(iri, T["mentionedIn"], art)
            return iri

        def relation(s: str, p: str, o: str, sentence: str) -> None:
            w.quad(s, f"<{AID}{p}>", o)
            st = f"<{ID}statement/{_h(s + p + o + h)}>"
            w.quad(st, T["type"], T["Statement"])
            w.quad(st, T["subject"], s)
            w.quad(st, T["predicate"], f"<{AID}{p}>")
            w.quad(st, T["object"], o)
            w.quad(st, T["evidence"], lit(sentence))
            w.quad(st, T["start"], lit(pos[0], XSD + "integer"))
            pos[0] += len(sentence)
            w.quad(st, T["end"], lit(pos[0], XSD + "integer"))
            w.quad(st, T["derived"], art)
            w.quad(st, T["method"], lit(f"pattern:{p}"))

        pname, cities = provinces[i % len(provinces)]
        rname, counties = prefectures[rng.randrange(len(prefectures))]
        P = entity(region_iri(pname), "Province", pname)
        city = cities[rng.randrange(len(cities))]
        C = entity(region_iri(city), "Prefecture", city)
        R = entity(region_iri(rname), "Prefecture", rname)
        relation(P, "pairedWith", R, f"{pname}对口支援{rname}。")
        relation(C, "partOf", P, f"{city}隶属{pname}。")
        places = []
        for cname, towns in rng.sample(counties, 2):
            K = entity(region_iri(cname), "County", cname)
            relation(K, "partOf", R, f"{cname}隶属{rname}。")
            tname = towns[rng.randrange(len(towns))]
            Tn = entity(region_iri(tname), "Township", tname)
            relation(Tn, "partOf", K, f"{tname}隶属{cname}。")
            places += [(K, cname), (Tn, tname)]
        for k in range(4):
            place, place_name = places[k]
            pj_name = f"{place_name}第{i}-{k}号{FACILITIES[(i + k) % len(FACILITIES)]}项目"
            pj = entity(f"<{ID}project/{_h(pj_name)}>", "Project", pj_name)
            relation(pj, "locatedIn", place, f"{pj_name}位于{place_name}。")
            yuan = rng.randrange(100, 50000) * 10000
            w.quad(pj, T["total"], lit(yuan, XSD + "decimal"))
            if k < 2:
                ename = enterprises[rng.randrange(len(enterprises))]
                E = entity(f"<{ID}org/{_h(ename)}>", "Enterprise", ename)
                relation(E, "investedIn", pj, f"{ename}投资{yuan // 10000}万元建设{pj_name}。")
                w.quad(pj, T["area"], lit(rng.randrange(500, 30000), XSD + "decimal"))
            else:
                relation(pj, "fundedBy", P, f"{pname}援建{pj_name}。")
        for k in range(2):
            person = SURNAMES[(i * 2 + k) % len(SURNAMES)] + GIVEN[(i * 2 + k) // len(SURNAMES) % len(GIVEN)] + \
                GIVEN[(i * 2 + k) // (len(SURNAMES) * len(GIVEN)) % len(GIVEN)] + (str(i) if i >= 1000 else "")
            Cd = entity(f"<{ID}person/{_h(person)}>", "Cadre", person)
            donor = (C, city) if k else (P, pname)
            relation(Cd, "dispatchedBy", donor[0], f"{donor[1]}选派干部{person}。")
        if i % 5 == 0:
            prog = f"{pname}第{i % 9 + 1}批援疆干部人才"
            G = entity(f"<{ID}programme/{_h(prog)}>", "Programme", prog)
            fact = f"<{ID}fact/{_h(prog + rname + str(i))}>"
            w.quad(fact, T["type"], f"<{AID}AggregateFact>")
            w.quad(fact, f"<{AID}aboutDonor>", P)
            w.quad(fact, f"<{AID}aboutRecipient>", R)
            w.quad(fact, f"<{AID}aboutProgramme>", G)
            w.quad(fact, f"<{AID}projectCount>", lit(rng.randrange(5, 80), XSD + "integer"))
            w.quad(fact, f"<{AID}amount>", lit(rng.randrange(1000, 90000) * 10000, XSD + "decimal"))
            w.quad(fact, T["evidence"], lit(f"{prog}实施项目。"))
            w.quad(fact, T["derived"], art)
        i += 1
    w.out.close()
    return {"quads": w.count, "articles": i,
            "params": {"projects-in-region": {"region": prefectures[0][0]},
                       "entity": {"name": prefectures[0][1][0][0]},
                       "provenance": {"about": prefectures[0][1][1][0]}}}


ALL_ROWS = " (all rows)"  # a paged query asked for its whole answer: reported, not a target


def named_queries(params: dict) -> dict[str, str]:
    out = {}
    for name, q in ql.all_queries().items():
        out[name] = with_prefixes(q.render(params.get(name, {})))
        if q.page_size() is not None:
            out[name + ALL_ROWS] = with_prefixes(q.render({**params.get(name, {}), "limit": "all"}))
    return out


# --- one store per child process -------------------------------------------------------------
class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def time_queries(run, queries: dict[str, str], runs: int, budget: float) -> dict:
    """Median wall and CPU time of each query (CPU: this process only, so for embedded stores)."""
    out = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, q in queries.items():
        walls, cpus, rows, note = [], [], None, None
        try:
            for k in range(runs + 1):
                signal.setitimer(signal.ITIMER_REAL, budget)
                t, c = time.perf_counter(), time.process_time()
                rows = run(q)
                wall, cpu = time.perf_counter() - t, time.process_time() - c
                signal.setitimer(signal.ITIMER_REAL, 0)
                if k or wall > budget / 4:  # the first run warms caches, unless it was slow anyway
                    walls.append(wall)
                    cpus.append(cpu)
                if wall > 5 and walls:  # a slow store: one sample is enough
                    break
        except Timeout:
            note = f"> {budget:g} s (stopped)"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out[name] = {"median_ms": round(statistics.median(walls) * 1000, 2) if walls else None,
                     "cpu_median_ms": round(statistics.median(cpus) * 1000, 2) if cpus else None,
                     "runs": len(walls), "rows": rows, "note": note}
    return out


def child(kind: str, data: Path, runs: int, budget: float) -> dict:
    info = json.loads((data / "info.json").read_text())
    queries = named_queries(info["params"])
    if kind == "rdflib":
        import rdflib
        t = time.perf_counter()
        g = rdflib.Graph()
        g.parse(data / "union.nt", format="nt")
        g.parse(ONTOLOGY_FILE, format="turtle")
        load = time.perf_counter() - t
        run = lambda q: len(list(g.query(q)))  # noqa: E731
    elif kind == "oxigraph":
        from aidkg.store import Store
        t = time.perf_counter()
        work = Path(tempfile.mkdtemp(prefix="oxbench-", dir=data))
        st = Store(work / "store", ontology=None)
        st.bulk_load_articles(data / "articles.nq")
        st.refresh_ontology(ONTOLOGY_FILE)
        st.flush()
        load = time.perf_counter() - t
        t = time.perf_counter()
        st.optimize()  # RocksDB compacts in the background after a bulk load: let it finish first
        settle = time.perf_counter() - t
        run = lambda q: len(list(st.query(q)))  # noqa: E731
    else:
        raise SystemExit(f"unknown store {kind}")
    result = {"load_s": round(load, 2)}
    if kind == "oxigraph":
        result["compaction_s"] = round(settle, 2)
    result["queries"] = time_queries(run, queries, runs, budget)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def incremental(data: Path, limit: int) -> dict:
    """Articles added one transaction each (the `build` path), for the first `limit` articles."""
    from aidkg.store import Store
    graphs: dict[str, list[str]] = {}
    with open(data / "articles.nq", encoding="utf-8") as f:
        for line in f:
            head, _, g = line.rstrip(" .\n").rpartition(" ")
            graphs.setdefault(g, []).append(head + " .")
            if len(graphs) > limit:
                graphs.pop(g)
                break
    import pyoxigraph as ox
    st = Store(Path(tempfile.mkdtemp(prefix="oxinc-", dir=data)) / "store", ontology=None)
    parsed = {g: list(ox.parse(input="\n".join(lines), format=ox.RdfFormat.N_TRIPLES)) for g, lines in graphs.items()}
    t = time.perf_counter()
    for g, triples in parsed.items():
        st.replace_article(g[1:-1], triples)
    elapsed = time.perf_counter() - t
    return {"articles": len(graphs), "seconds": round(elapsed, 2),
            "articles_per_s": round(len(graphs) / elapsed, 1)}


def run_child(kind: str, data: Path, runs: int, budget: float) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--runs", str(runs),
           "--budget", str(budget)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if proc.returncode:
        return {"error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_virtuoso(data: Path, runs: int, budget: float, quads: int) -> dict:
    import urllib.error
    import virtuoso_server
    why = virtuoso_server.available()
    if why:
        return {"skipped": why}
    # 8 KiB pages; Virtuoso's guide: ~ 2/3 of the memory to give it
    buffers = 30000 if quads <= 200_000 else 250_000
    v = virtuoso_server.Virtuoso(data / "virtuoso", buffers=buffers)
    v.start()
    try:
        t = time.perf_counter()
        subprocess.run(["isql-vt", f"127.0.0.1:{v.sql_port}", "dba", "dba",
                        f"exec=ld_dir('{data}', 'union.nt', '{UNION_GRAPH}'); "
                        f"ld_dir('{data}', 'ontology.ttl', '{UNION_GRAPH}'); rdf_loader_run(); checkpoint;"],
                       check=True, capture_output=True, timeout=3600)
        load = time.perf_counter() - t
        info = json.loads((data / "info.json").read_text())

        def run(q):
            return len(v.query(q, default_graph=UNION_GRAPH, timeout=budget)["results"]["bindings"])

        queries = {}
        for name, q in named_queries(info["params"]).items():
            try:
                queries.update(time_queries(run, {name: q}, runs, budget))
            except urllib.error.HTTPError as exc:
                queries[name] = {"median_ms": None, "note": f"HTTP {exc.code}"}
        hwm = next(int(line.split()[1]) for line in Path(f"/proc/{v.proc.pid}/status").read_text().splitlines()
                   if line.startswith("VmHWM"))
        return {"load_s": round(load, 2), "peak_rss_mb": round(hwm / 1024, 1), "queries": queries,
                "note": "bulk loader (ld_dir + rdf_loader_run) into graph/union; queries over HTTP"}
    finally:
        v.stop()


def union_file(data: Path) -> None:
    """The set of triples the queries see, as N-Triples (rdflib and Virtuoso load this)."""
    import pyoxigraph as ox
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(data / "articles.nq"),
                                                                     format=ox.RdfFormat.N_QUADS)}
    ox.serialize((ox.Triple(*t) for t in triples), str(data / "union.nt"), ox.RdfFormat.N_TRIPLES)
    (data / "ontology.ttl").write_bytes(ONTOLOGY_FILE.read_bytes())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--with-1m", action="store_true", help="add the 1M-triple graph")
    ap.add_argument("--stores", default="rdflib,oxigraph,virtuoso")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget", type=float, default=120.0, help="seconds one query may take")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "store.json")
    ap.add_argument("--child")
    ap.add_argument("--data", type=Path)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.data, args.runs, args.budget), ensure_ascii=False))
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([1_000_000] if args.with_1m else [])
    stores = args.stores.split(",")
    report = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                          "load_average_at_start": os.getloadavg()},
              "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="aidkg-bench-") as tmp:
        for size in sizes:
            data = Path(tmp) / str(size)
            data.mkdir()
            info = generate(size, data / "articles.nq")
            union_file(data)
            (data / "info.json").write_text(json.dumps(info, ensure_ascii=False))
            print(f"== {size:,} quads requested: {info['quads']:,} quads in {info['articles']:,} articles",
                  file=sys.stderr)
            entry = {"quads": info["quads"], "articles": info["articles"], "stores": {}}
            for kind in stores:
                print(f"   {kind} …", file=sys.stderr, flush=True)
                if kind == "virtuoso":
                    entry["stores"][kind] = run_virtuoso(data, args.runs, args.budget, info["quads"])
                else:
                    entry["stores"][kind] = run_child(kind, data, args.runs, args.budget)
            if "oxigraph" in stores:
                entry["oxigraph_incremental"] = incremental(data, 200)
            report["sizes"][str(size)] = entry
            print_table(size, entry)
    report["machine"]["load_average_at_end"] = os.getloadavg()
    report["targets"] = check_targets(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from aidkg.io import atomic_write
    atomic_write(args.out, json.dumps(report, ensure_ascii=False, indent=1))
    print(json.dumps(report["targets"], ensure_ascii=False, indent=1))


def print_table(size: int, entry: dict) -> None:
    stores = [k for k, v in entry["stores"].items() if "queries" in v]
    print(f"\n{size:,} triples requested — {entry['quads']:,} quads, {entry['articles']:,} articles")
    print(f"{'':22}" + "".join(f"{k:>14}" for k in stores) + "   (query medians: wall ms (CPU ms))")
    print(f"{'load (s)':22}" + "".join(f"{entry['stores'][k]['load_s']:>14}" for k in stores))
    print(f"{'peak RSS (MB)':22}" + "".join(f"{entry['stores'][k]['peak_rss_mb']:>14}" for k in stores))
    names = list(entry["stores"][stores[0]]["queries"]) if stores else []
    for name in names:
        cells = []
        for k in stores:
            q = entry["stores"][k]["queries"].get(name, {})
            if q.get("median_ms") is None:
                cells.append(f"{q.get('note') or '—':>14}")
            elif q.get("cpu_median_ms") is not None and k != "virtuoso":
                cells.append(f"{q['median_ms']:>8.1f} ({q['cpu_median_ms']:.0f})")
            else:
                cells.append(f"{q['median_ms']:>11.1f} ms")
        print(f"{name:22}" + "".join(cells))
    for k, v in entry["stores"].items():
        if "queries" not in v:
            print(f"{k}: {v.get('skipped') or v.get('error', '')[-500:]}")
    if "oxigraph_incremental" in entry:
        inc = entry["oxigraph_incremental"]
        print(f"oxigraph, one transaction per article: {inc['articles_per_s']} articles/s")


def check_targets(report: dict) -> dict:
    out = {}
    for size, limit in (("100000", 50), ("1000000", 300)):
        ox = report["sizes"].get(size, {}).get("stores", {}).get("oxigraph", {}).get("queries")
        if ox:
            for key in ("median_ms", "cpu_median_ms"):
                slow = {n: q[key] for n, q in ox.items()
                        if not n.endswith(ALL_ROWS) and (q[key] is None or q[key] >= limit)}
                out[f"oxigraph named queries < {limit} ms at {size} ({key})"] = {"met": not slow, "over": slow}
    for size, entry in report["sizes"].items():
        ox = entry["stores"].get("oxigraph", {}).get("queries")
        rl = entry["stores"].get("rdflib", {}).get("queries")
        if ox and rl:
            ratios = {}
            for n in AGGREGATES & set(ox):
                a, b = ox[n]["median_ms"], rl[n]["median_ms"]
                ratios[n] = round(b / a, 1) if a and b else (f"rdflib {rl[n].get('note')}" if a else None)
            numeric = [r for r in ratios.values() if isinstance(r, float)]
            out[f"aggregates >= 10x faster than rdflib at {size}"] = {
                "met": all(r >= 10 for r in numeric) and len(numeric) == len(ratios) or
                       all((isinstance(r, float) and r >= 10) or (isinstance(r, str) and "stopped" in r)
                           for r in ratios.values()),
                "ratios": ratios}
    return out


if __name__ == "__main__":
    main()
