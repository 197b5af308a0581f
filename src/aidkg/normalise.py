"""Normalise: Traditional → Simplified (length-preserving, so offsets stay 1:1) and sentence split.

Sentences are capped at MAX_SENTENCE characters: the later stages look at every pair of mentions
in a sentence, so a 20,000-character "sentence" (a list of 2,000 names, a page with no full stops)
would cost minutes. Real reporting stays far below the cap (the longest of the 50 development
articles' sentences has 233 characters). A longer one is split at its last clause mark (，、：,)
before the cap, or cut hard at the cap when it has none, and the document says so in doc.problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Sentence
from .script import to_simplified, to_traditional  # noqa: F401 — the names other modules import from here

# sentence ends; a closing quote/bracket right after the mark stays with the sentence
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


MAX_SENTENCE = 400
_CLAUSE_MARK = re.compile(r"[，、：,:]")


@dataclass
class Cut:
    """A sentence longer than MAX_SENTENCE that was split: where, how long, into how many parts."""
    start: int
    length: int
    parts: int
    hard: int   # parts that ended in a hard cut (no clause mark to split at)

    def __str__(self) -> str:
        how = "at clause marks" if not self.hard else (
            f"with {self.hard} hard cut(s) (no clause mark)" if self.hard < self.parts - 1 else
            "by hard cuts (no clause mark)")
        return (f"sentence at character {self.start} has {self.length} characters: split into "
                f"{self.parts} parts of at most {MAX_SENTENCE} {how}; relations across the parts are not read")


def split_sentences(text: str, cuts: list[Cut] | None = None) -> list[Sentence]:
    """Sentences of `text` (offsets into it), none longer than MAX_SENTENCE; cuts made go to `cuts`."""
    sentences: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add(sentences, text, start, end, cuts)
        start = m.end()
    _add(sentences, text, start, len(text), cuts)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, cuts: list[Cut] | None) -> None:
    # trim whitespace but keep offsets into the original text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > MAX_SENTENCE:
        _add_long(sentences, text, start, end, cuts)
    elif end > start:
        sentences.append(Sentence(len(sentences), start, end))


def _add_long(sentences: list[Sentence], text: str, start: int, end: int, cuts: list[Cut] | None) -> None:
    length, parts, hard = end - start, 0, 0
    pos = start
    while pos < end:
        stop = min(pos + MAX_SENTENCE, end)
        if stop < end:
            mark = None
            # the last clause mark before the cap, not so close to the start that it leaves a sliver
            for mark in _CLAUSE_MARK.finditer(text, pos + MAX_SENTENCE // 4, stop):
                pass
            if mark is not None:
                stop = mark.end()
            else:
                hard += 1
        piece_start, piece_end = pos, stop
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            sentences.append(Sentence(len(sentences), piece_start, piece_end))
            parts += 1
        pos = stop
    if cuts is not None:
        cuts.append(Cut(start, length, parts, hard))


def normalise(doc: Document) -> Document:
    doc.norm = to_simplified(doc.text)
    cuts: list[Cut] = []
    doc.sentences = split_sentences(doc.norm, cuts)
    if cuts:
        shown = cuts[:3]
        more = f" (and {len(cuts) - 3} more)" if len(cuts) > 3 else ""
        doc.problems.append(f"{len(cuts)} over-long sentence(s) split: " + "; ".join(map(str, shown)) + more)
    return doc
