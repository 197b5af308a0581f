"""The engine scans a rule's trigger only in sentences holding one of its cues (strings every match
contains, read from the trigger): a cue must never be missing from a match, or a rule would go
silent where its trigger matches."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidkg.normalise import split_sentences, to_simplified
from aidkg.regex_cues import may_match
from aidkg.relate.engine import ordered_rules, required_strings

RULES = [r for r in ordered_rules() if r.pattern is not None]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("pattern,cues", [
    (r"援建|捐建", {"援建", "捐建"}),
    (r"(?:投资|出资)[^，]{0,5}建设", {"建设"}),              # the more selective part: one word, not two
    (r"由[^，。]{1,20}(?:承建|建设)", {"承建", "建设"}),         # two-character words over one character
    (r"[^，]*", None),
    (r"(?i)abc", None),                                     # case-insensitive: no cue
    (r"a?b", {"b"}),
    (r"(?:x|)y", {"y"}),                                    # an alternation with an empty branch needs nothing
    (r"(?<=援)建(?!议)", {"建"}),                            # lookarounds need nothing certain
    (r"[投注]资", {"资"}),                                   # a class of two characters ties with one literal: fewer strings win
    (r"(?:第)?[一二三]+团", {"团"}),
    (r"x{0,3}", None),
])
def test_required_strings_of_patterns(pattern, cues):
    assert required_strings(re.compile(pattern)) == (frozenset(cues) if cues else None)


def _sentences() -> list[str]:
    out = []
    for r in RULES:
        out += list(r.examples) + list(r.counter)
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = to_simplified(path.read_text(encoding="utf-8"))
        out += [text[s.start:s.end] for s in split_sentences(text)]
    return out


def test_every_trigger_match_holds_one_of_its_cues():
    sentences = _sentences()
    assert len(sentences) > 100
    matched = 0
    for r in RULES:
        if r.cues is None:
            continue
        for s in sentences:
            for m in r.pattern.finditer(s):
                matched += 1
                assert any(c in m.group() for c in r.cues), (r.name, m.group(), sorted(r.cues))
    assert matched > 100          # (the rules' own examples match their triggers)


def test_may_match_never_skips_a_text_a_recogniser_pattern_matches():
    from aidkg.recognise.commands import AID_COMMAND
    texts = _sentences() + ["江苏省援疆前方指挥部召开会议。", "恒达纺织前指在白杨县举办活动。", "青松镇举办活动。"]
    hits = 0
    for text in texts:
        if AID_COMMAND.search(text):
            hits += 1
            assert may_match(AID_COMMAND, text), text
    assert hits >= 2
    assert not may_match(AID_COMMAND, "恒达纺织在白杨县投资建设。")


def test_clause_of_reads_the_sentence_marks_as_the_scan_does():
    """clause_of finds a sentence's clause marks once (bisect); it must give the bounds the
    scan of the text gives, at every position of the sentence and just outside it."""
    from aidkg.document import ArticleMeta, Document
    from aidkg.relate.engine import CLAUSE_END, Ctx

    def scanned(ctx, pos):
        text, a, b = ctx.doc.norm, pos, pos
        if pos > ctx.start:
            a = ctx.start
            for mark in CLAUSE_END.finditer(text, ctx.start, pos):
                a = mark.end()
        if pos < ctx.end:
            mark = CLAUSE_END.search(text, pos, ctx.end)
            b = mark.start() if mark else ctx.end
        return a, b

    from aidkg.relate.engine import clause_of
    text = "前言。恒达纺织在白杨县，投资建设纺织项目；青松镇：新建学校！完"
    doc = Document(text=text, meta=ArticleMeta(source="inline:test"))
    doc.norm = text
    for start, end in ((3, 29), (0, 3), (12, 12), (3, len(text))):
        ctx = Ctx(doc, 0, start, end, [])
        for pos in range(max(0, start - 2), min(len(text), end + 2) + 1):
            assert clause_of(ctx, pos) == scanned(ctx, pos), (start, end, pos)
