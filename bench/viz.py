"""Viewer benchmark: page size, generation time, first draw and pan/zoom frame cost in Chromium.

    PYTHONPATH=src python bench/viz.py [--sizes 100 1000 5000 20000]

Generated graphs (tests/viz_fixtures.synthetic_graph: ~1.3 relations per entity, hubs and leaves).
"generation" = RDF graph → entity graph → HTML file. "first draw" = performance.now() at
vis-network's first afterDrawing (from navigation start: parsing, JSON, DataSet, layout, drawing).
"frame" = time from vis-network's beforeDrawing to its afterDrawing plus a 1-pixel getImageData
(which waits for rasterisation) while Playwright drags
the canvas (pan) and turns the mouse wheel (zoom); "full redraw" = a redraw with edges after
network.moveTo (what a frame costs when edges are not hidden).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from aidkg.analysis import entity_graph  # noqa: E402
from aidkg.io import atomic_write  # noqa: E402
from aidkg.viz import write_html  # noqa: E402
from viz_fixtures import synthetic_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

FRAME_PROBE = """() => {
  window.__frames = [];
  let t0 = 0;
  aidkg.network.on("beforeDrawing", () => { t0 = performance.now(); });
  const canvas = aidkg.network.canvas.frame.canvas;
  aidkg.network.on("afterDrawing", () => {
    canvas.getContext("2d").getImageData(0, 0, 1, 1);   // wait for the pixels, not just the commands
    window.__frames.push(performance.now() - t0);
  });
}"""

FULL_REDRAW = """async () => {
  const net = aidkg.network, out = [];
  const p = net.getViewPosition(), s = net.getScale();
  for (let i = 0; i < 8; i++) {
    net.moveTo({position: {x: p.x + (i % 2 ? 40 : -40), y: p.y}, scale: s, animation: false});
    const t = performance.now();
    net.redraw();
    net.canvas.frame.canvas.getContext("2d").getImageData(0, 0, 1, 1);
    out.push(performance.now() - t);
    await new Promise(r => requestAnimationFrame(r));
  }
  return out;
}"""


def measure_page(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.__aidkgDrawn !== undefined", timeout=300_000)
    drawn = page.evaluate("window.__aidkgDrawn")
    page.evaluate("() => aidkg.network.setOptions({physics: {enabled: false}})")
    page.evaluate(FRAME_PROBE)
    box = page.locator("#graph").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    for i in range(1, 21):
        page.mouse.move(cx + 6 * i, cy + 3 * i)
    page.mouse.up()
    pan = page.evaluate("window.__frames.splice(0)")
    for _ in range(10):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    zoom = page.evaluate("window.__frames.splice(0)")
    full = page.evaluate(FULL_REDRAW)
    page.close()

    def med(xs):
        return round(statistics.median(xs), 1) if xs else None

    return {"first_draw_ms": round(drawn), "pan_frame_ms": med(pan), "zoom_frame_ms": med(zoom),
            "pan_frames": len(pan), "zoom_frames": len(zoom), "full_redraw_ms": med(full),
            "page_errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000])
    ap.add_argument("--repeat", type=int, default=3, help="page loads per size (medians are reported)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "viz.json")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        for n in args.sizes:
            rdf = synthetic_graph(n, seed=n)
            t0 = time.perf_counter()
            G = entity_graph(rdf)
            t1 = time.perf_counter()
            path = write_html(G, Path(tmp) / f"g{n}.html")
            t2 = time.perf_counter()
            row = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "rdf_triples": len(rdf),
                   "entity_graph_s": round(t1 - t0, 2), "html_s": round(t2 - t1, 2),
                   "generation_s": round(t2 - t0, 2), "html_mb": round(path.stat().st_size / 1e6, 2)}
            runs = [measure_page(browser, path) for _ in range(args.repeat)]
            for key in ("first_draw_ms", "pan_frame_ms", "zoom_frame_ms", "full_redraw_ms"):
                values = [r[key] for r in runs if r[key] is not None]
                row[key] = statistics.median(values) if values else None
            row["first_draw_ms_runs"] = [r["first_draw_ms"] for r in runs]
            row["page_errors"] = sorted({e for r in runs for e in r["page_errors"]})
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()

    cols = ["nodes", "edges", "html_mb", "entity_graph_s", "html_s", "generation_s", "first_draw_ms",
            "pan_frame_ms", "zoom_frame_ms", "full_redraw_ms"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    atomic_write(args.out, json.dumps({
        "machine_note": "headless Debian chromium, software rendering; medians of --repeat page loads",
        "cpu_count": os.cpu_count(), "load_average_at_end": os.getloadavg(), "results": rows},
        indent=2) + "\n")


if __name__ == "__main__":
    main()
