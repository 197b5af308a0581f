"""The one pair of OpenCC converters every stage shares (Traditional ↔ Simplified)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2)
def converter(config: str):
    """The shared OpenCC converter for "t2s" or "s2t" (each built once per process)."""
    import opencc
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """opencc t2s, kept length-preserving: where a conversion changes length, fall back per character
    (offsets into the Simplified text are offsets into the original)."""
    conv = converter("t2s").convert
    out = conv(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(s := conv(c)) != 1 else s for c in text)


def to_traditional(text: str) -> str:
    return converter("s2t").convert(text)
