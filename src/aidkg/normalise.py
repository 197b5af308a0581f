"""Normalise: Traditional → Simplified (length-preserving, so offsets stay 1:1) and sentence split."""
from __future__ import annotations

import re

from .document import Document, Sentence
from .script import to_simplified, to_traditional  # noqa: F401 — the names other modules import from here

# sentence ends; a closing quote/bracket right after the mark stays with the sentence
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _add(sentences, text, start, end)
        start = m.end()
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    # trim whitespace but keep offsets into the original text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end))


def normalise(doc: Document) -> Document:
    doc.norm = to_simplified(doc.text)
    doc.sentences = split_sentences(doc.norm)
    return doc
