"""aidkg: Chinese paired-assistance reporting → RDF knowledge graph with sentence-level provenance."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["build", "process_file", "process_text", "__version__"]


def __getattr__(name: str):
    # lazy: importing aidkg must stay cheap (the NLP models load on first use)
    if name == "build":
        from .builder import build
        return build
    if name in ("process_file", "process_text"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(name)
