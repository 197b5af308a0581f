#!/usr/bin/env python3
"""Sanity checks for a held-out set's gold files: `python tests/check_heldout.py tests/heldoutN`.

(Written with held-out set 6; sets 3–6 pass it unchanged.)

For every gold/*.json:
  * the document exists in corpus/ and is decoded the way a reader would see it
    (UTF-8 with or without a byte-order mark -- the BOM is dropped --, or GB18030 when
    UTF-8 fails; for .html only the visible text: <head>, <script> and <style> are
    dropped, character references resolved, one text chunk a line);
  * HTML tables: besides the chunk-per-line text, each table row is also read as one
    line, its cells joined by a single space (the way a reader copies a row), so that an
    evidence string may quote a whole row (`4 博斯坦乡卫生院改扩建项目 博斯坦乡 560 ...`);
  * every evidence string occurs verbatim in that text (or in a table row);
  * every entity's name or one of its aliases occurs verbatim in that text;
  * ids are unique, types/predicates are from the vocabulary, both relation ends exist,
    `required` is boolean, attrs are numbers;
  * every corpus file has a gold file and each article has 600-1400 Chinese characters.
If /work/shared is present it also checks that no invented name (entities that are not
regions) appears in /work/shared/hooks/sample-names.txt or in the shared sample articles.

Exit status 0 when everything passes. Standard library only.
"""
import glob
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
GOLD = os.path.join(HERE, "gold")
SHARED = "/work/shared"

TYPES = {"Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "DevelopmentZone",
         "Region", "Enterprise", "GovernmentBody", "Institution", "Project", "Person", "Cadre",
         "Programme"}
REGION_TYPES = {"Province", "Prefecture", "County", "Township", "Village", "XPCCUnit",
                "DevelopmentZone", "Region"}
PREDICATES = {"pairedWith", "investedIn", "fundedBy", "locatedIn", "partOf", "organizedBy",
              "dispatchedBy", "acquired"}
ATTRS = {"totalInvestmentCNY", "floorAreaM2"}
# generic abbreviations of a body's function, not invented names: an article may introduce
# them with “以下简称…” whatever other articles contain
GENERIC = {"前指", "工作组", "中央"}


class _Visible(HTMLParser):
    SKIP = {"script", "style", "head", "noscript", "template"}
    CELL = {"td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.chunks = []
        self.rows = []       # one string per <tr>: its cells joined by a space
        self._row = None     # cells of the open row
        self._cell = None    # text pieces of the open cell

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        elif tag == "tr":
            self._close_row()
            self._row = []
        elif tag in self.CELL:
            self._close_cell()
            self._cell = []

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        elif tag in self.CELL:
            self._close_cell()
        elif tag in ("tr", "table"):
            self._close_row()

    def _close_cell(self):
        if self._cell is not None:
            if self._row is None:
                self._row = []
            self._row.append(" ".join(self._cell))
            self._cell = None

    def _close_row(self):
        self._close_cell()
        if self._row:
            self.rows.append(" ".join(c for c in self._row if c))
        self._row = None

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.chunks.append(data.strip())
            if self._cell is not None:
                self._cell.append(data.strip())

    def close(self):
        super().close()
        self._close_row()


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_views(path):
    """(text, rows): the visible text and, for HTML, its table rows (one string each)."""
    text = decode(open(path, "rb").read())
    rows = []
    if path.lower().endswith((".html", ".htm")):
        p = _Visible()
        p.feed(text)
        p.close()
        text = "\n".join(p.chunks)
        rows = p.rows
    return text, rows


def read_text(path):
    return read_views(path)[0]


def main():
    errors = []
    n_ent = n_req_ent = n_rel = n_req_rel = 0
    golds = sorted(glob.glob(os.path.join(GOLD, "*.json")))
    docs_with_gold = set()
    invented = []
    for g in golds:
        name = os.path.basename(g)
        try:
            data = json.load(open(g, encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            errors.append(f"{name}: not JSON: {e}")
            continue
        for key in ("document", "meta", "entities", "relations"):
            if key not in data:
                errors.append(f"{name}: missing key {key}")
        doc = data.get("document", "")
        docs_with_gold.add(doc)
        if os.path.splitext(doc)[0] != os.path.splitext(name)[0]:
            errors.append(f"{name}: document {doc} has another stem")
        path = os.path.join(CORPUS, doc)
        if not os.path.exists(path):
            errors.append(f"{name}: no such document {doc}")
            continue
        text, rows = read_views(path)
        if "\ufeff" in text:
            errors.append(f"{name}: a byte-order mark is left in the decoded text")
        meta = data.get("meta", {})
        for key in ("title", "date", "publisher", "author", "script"):
            if key not in meta:
                errors.append(f"{name}: meta lacks {key}")
        if meta.get("script") not in ("traditional", "simplified"):
            errors.append(f"{name}: bad script {meta.get('script')}")
        ids = {}
        for e in data.get("entities", []):
            eid = e.get("id")
            if eid in ids:
                errors.append(f"{name}: duplicate id {eid}")
            ids[eid] = e
            if e.get("type") not in TYPES:
                errors.append(f"{name}: {eid}: unknown type {e.get('type')}")
            if not isinstance(e.get("required"), bool):
                errors.append(f"{name}: {eid}: required is not boolean")
            labels = [e.get("name", "")] + list(e.get("aliases", []))
            if not any(l and l in text for l in labels):
                errors.append(f"{name}: {eid}: neither name nor an alias occurs: {labels}")
            for k, v in (e.get("attrs") or {}).items():
                if k not in ATTRS or not isinstance(v, (int, float)):
                    errors.append(f"{name}: {eid}: bad attr {k}={v!r}")
            if e.get("type") not in REGION_TYPES:
                invented.extend((name, eid, l) for l in labels if l and l not in GENERIC)
            n_ent += 1
            n_req_ent += bool(e.get("required"))
        seen = set()
        for i, r in enumerate(data.get("relations", [])):
            tag = f"{name}: relation {i} {r.get('s')} {r.get('p')} {r.get('o')}"
            for end in ("s", "o"):
                if r.get(end) not in ids:
                    errors.append(f"{tag}: unknown {end} id")
            if r.get("p") not in PREDICATES:
                errors.append(f"{tag}: unknown predicate")
            if not isinstance(r.get("required"), bool):
                errors.append(f"{tag}: required is not boolean")
            ev = r.get("evidence", "")
            if not ev or not (ev in text or any(ev in row for row in rows)):
                errors.append(f"{tag}: evidence not verbatim: {ev}")
            key = (r.get("s"), r.get("p"), r.get("o"))
            if key in seen:
                errors.append(f"{tag}: duplicate triple")
            seen.add(key)
            n_rel += 1
            n_req_rel += bool(r.get("required"))
    for path in sorted(glob.glob(os.path.join(CORPUS, "*"))):
        doc = os.path.basename(path)
        if doc not in docs_with_gold:
            errors.append(f"corpus/{doc}: no gold file")
        han = len(re.findall(r"[\u4e00-\u9fff]", read_text(path)))
        if not 600 <= han <= 1400:
            errors.append(f"corpus/{doc}: {han} Chinese characters (want 600-1400)")

    # invented names must not come from the shared samples
    names_file = os.path.join(SHARED, "hooks", "sample-names.txt")
    if os.path.isdir(SHARED):
        sample_names = set()
        if os.path.exists(names_file):
            sample_names = {l.strip() for l in open(names_file, encoding="utf-8") if l.strip()}
        shared_text = ""
        for p in glob.glob(os.path.join(SHARED, "corpus", "*.txt")):
            shared_text += open(p, encoding="utf-8", errors="replace").read()
        try:  # compare in Simplified as well when OpenCC is available
            import opencc
            t2s = opencc.OpenCC("t2s").convert
        except Exception:  # noqa: BLE001
            t2s = None
        shared_s = t2s(shared_text) if t2s else shared_text
        sample_s = {t2s(n) for n in sample_names} if t2s else sample_names
        for gname, eid, label in invented:
            forms = {label, t2s(label)} if t2s else {label}
            for f in forms:
                if len(f) >= 2 and (f in sample_names or f in sample_s or f in shared_text or f in shared_s):
                    errors.append(f"{gname}: {eid}: invented name {f} occurs in the shared samples")

    for e in errors:
        print("FAIL", e)
    print(f"{len(golds)} gold files, {n_ent} entities ({n_req_ent} required), "
          f"{n_rel} relations ({n_req_rel} required); {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
