"""The one pair of OpenCC converters every stage shares (Traditional ↔ Simplified)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2)
def converter(config: str):
    """The shared OpenCC converter for "t2s" or "s2t" (each built once per process)."""
    import opencc
    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    """Variant characters t2s leaves alone (陜西 is 陕西), from data/script_variants.tsv."""
    from importlib import resources
    table = resources.files("aidkg").joinpath("data", "script_variants.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {ord(variant): simplified.strip() for variant, simplified in pairs}


def to_simplified(text: str) -> str:
    """opencc t2s, kept length-preserving: where a conversion changes length, fall back per character
    (offsets into the Simplified text are offsets into the original); then the variant forms t2s
    does not know."""
    conv = converter("t2s").convert
    out = conv(text)
    if len(out) != len(text):
        out = "".join(c if len(s := conv(c)) != 1 else s for c in text)
    return out.translate(_variants())


def to_traditional(text: str) -> str:
    return converter("s2t").convert(text)
