"""The pipeline: ingest → normalise → tag → recognise (+ table cells) → resolve → retype → relate (table rows as a rule) → table quantities → money.

recognise runs the components of `aidkg.recognise.COMPONENTS` on each sentence."""
from __future__ import annotations

from pathlib import Path

from .ids import content_hash
from .document import ArticleMeta, Document
from .money import money_facts
from .normalise import normalise
from .recognise import recognise
from .relate import relate
from .resolve import resolve
from .retype import retype
from .sections import run_in_sections
from .tables import mark_table_cells, table_quantities
from .tagger import tag_document

STAGES = (normalise, tag_document, recognise, mark_table_cells, resolve, retype, relate, table_quantities, money_facts)


def run(doc: Document) -> Document:
    # normalise splits the sentences; a very long text is then read in sections (aidkg.sections)
    first, rest = STAGES[0], STAGES[1:]
    return run_in_sections(first(doc), rest)


def process_file(path: str | Path) -> Document:
    """Read one article (txt/html/md; UTF-8, GB18030 or Big5) and extract its graph content.
    Raises aidkg.ingest.IngestError for unreadable input."""
    from .ingest import read_article
    return run(read_article(path))


def process_text(text: str, source: str = "inline:text", **meta) -> Document:
    """Extract from a string (tests, notebooks). `meta` fills ArticleMeta (title, date, publisher…)."""
    from .ingest import clean_text, detect_script
    text = clean_text(text)
    doc = Document(text=text, meta=ArticleMeta(source=source, **meta))
    if "script" not in meta:
        doc.meta.script = detect_script(text)
    doc.content_hash = content_hash(text)
    return run(doc)
