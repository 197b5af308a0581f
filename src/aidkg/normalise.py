"""Normalise: Traditional → Simplified (length-preserving, so offsets stay 1:1) and sentence split."""
from __future__ import annotations

import re
from functools import lru_cache

from .document import Document, Sentence

# sentence ends; a closing quote/bracket right after the mark stays with the sentence
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """opencc t2s, kept length-preserving: where a conversion changes length, fall back per character."""
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    conv = _t2s().convert
    return "".join(c if len(s := conv(c)) != 1 else s for c in text)


@lru_cache(maxsize=1)
def _s2t():
    import opencc
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


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
