"""Very long texts are read section by section, so that the cost of a build stays linear.

Several stages look at every mention of the document for each sentence, or search the whole
text once per name; on an article that is fine, on a 5 MB file with no paragraph breaks it is
hours. A text longer than MAX_SECTION characters (ten times a long article) is therefore cut at
sentence ends into sections of at most MAX_SECTION characters; the stages after normalise run on
each section as a document of its own (same metadata), and the results are merged back into the
one document, offsets and sentence numbers shifted to the whole text. What is lost is what spans
two sections (a 该公司 referring to a company named in the previous section), and the document
says so in doc.problems.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Sequence

from .document import Document, Entity, Sentence

MAX_SECTION = 50_000

Stage = Callable[[Document], Document]


def sections(sentences: Sequence[Sentence], limit: int | None = None) -> list[tuple[int, int]]:
    """Runs of whole sentences [first, last) spanning at most `limit` (MAX_SECTION) characters each."""
    limit = limit or MAX_SECTION
    runs: list[tuple[int, int]] = []
    first = 0
    for i, s in enumerate(sentences):
        if i > first and s.end - sentences[first].start > limit:
            runs.append((first, i))
            first = i
    if first < len(sentences):
        runs.append((first, len(sentences)))
    return runs


def run_in_sections(doc: Document, stages: Sequence[Stage], limit: int | None = None) -> Document:
    """Run `stages` over `doc` (already normalised) one section at a time and merge the results."""
    limit = limit or MAX_SECTION
    runs = sections(doc.sentences, limit)
    if len(runs) <= 1:
        for stage in stages:
            doc = stage(doc)
        return doc
    whole = doc.sentences
    doc.sentences, doc.tokens = [], []
    for first, last in runs:
        offset = whole[first].start
        end = whole[last - 1].end
        part = Document(text=doc.text[offset:end], meta=doc.meta, norm=doc.norm[offset:end],
                        content_hash=doc.content_hash,
                        sentences=[Sentence(i - first, s.start - offset, s.end - offset)
                                   for i, s in enumerate(whole[first:last], start=first)])
        for stage in stages:
            part = stage(part)
        _merge(doc, part, offset, len(doc.sentences))
    doc.problems.append(f"text of {len(doc.text)} characters read in {len(runs)} sections of at most "
                        f"{limit} characters; references across sections are not resolved")
    return doc


def _merge(doc: Document, part: Document, offset: int, base: int) -> None:
    """Add a section's results to `doc`: offsets + `offset`, sentence numbers + `base`."""
    doc.sentences += [Sentence(s.index + base, s.start + offset, s.end + offset) for s in part.sentences]
    doc.tokens += [[dataclasses.replace(t, start=t.start + offset, end=t.end + offset) for t in sent]
                   for sent in part.tokens]
    shifted: set[int] = set()

    def shift(mention) -> None:
        if id(mention) in shifted:
            return
        shifted.add(id(mention))
        mention.start += offset
        mention.end += offset
        if mention.sentence >= 0:
            mention.sentence += base

    for m in part.mentions:
        shift(m)
    merged: dict[str, Entity] = {}
    for key, entity in part.entities.items():
        for m in entity.mentions:
            shift(m)
        for name, value in entity.attrs.items():
            if name.startswith("_") and name.endswith("_sentence") and isinstance(value, int):
                entity.attrs[name] = value + base   # a sentence number kept for later stages
        merged[key] = _merge_entity(doc.entities, entity)
    for m in part.mentions:
        if m.entity is not None and m.entity.key in merged:
            m.entity = merged[m.entity.key]
    doc.mentions += part.mentions
    for rel in part.relations:
        rel.sentence += base
        rel.subject = merged.get(rel.subject.key, rel.subject)
        rel.object = merged.get(rel.object.key, rel.object)
    doc.relations += part.relations
    for fact in part.facts:
        fact.sentence += base
        for name in ("donor", "recipient", "programme"):
            entity = getattr(fact, name)
            if entity is not None:
                setattr(fact, name, merged.get(entity.key, entity))
    doc.facts += part.facts
    for table in part.tables:
        for row in getattr(table, "rows", ()):
            row.sentence += base
            row.cells = [(a + offset, b + offset) for a, b in row.cells]
    doc.tables += part.tables
    doc.problems += part.problems
    _merge_other_fields(doc, part, offset, base, merged)


_DONE = {"text", "meta", "norm", "content_hash", "sentences", "tokens", "mentions", "entities", "relations",
         "facts", "tables", "problems"}


def _merge_other_fields(doc: Document, part: Document, offset: int, base: int, merged: dict) -> None:
    """Fields later stages add to Document (money figures, the article's donor …), merged by their
    shape: items of a list keep their `sentence` number and `start`/`end` offsets shifted and their
    entities made the document's; a single value found by a section is kept if none was before."""
    for f in dataclasses.fields(Document):
        if f.name in _DONE:
            continue
        value = getattr(part, f.name)
        if isinstance(value, list):
            for item in value:
                _shift_item(item, offset, base, merged)
            getattr(doc, f.name).extend(value)
        elif value is not None and getattr(doc, f.name) in (None, f.default):
            setattr(doc, f.name, value)


def _shift_item(item, offset: int, base: int, merged: dict) -> None:
    if not dataclasses.is_dataclass(item):
        return
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Entity):
            setattr(item, f.name, merged.get(value.key, value))
        elif isinstance(value, int) and not isinstance(value, bool):
            if f.name == "sentence" and value >= 0:
                setattr(item, f.name, value + base)
            elif f.name in ("start", "end"):
                setattr(item, f.name, value + offset)


def _merge_entity(entities: dict[str, Entity], entity: Entity) -> Entity:
    """The document's entity for `entity`'s key, with the section's names and attributes added."""
    known = entities.get(entity.key)
    if known is None:
        entities[entity.key] = entity
        return entity
    known.alt_labels |= entity.alt_labels
    known.alt_labels_hant |= entity.alt_labels_hant
    known.mentioned = known.mentioned or entity.mentioned
    for name, value in entity.attrs.items():
        known.attrs.setdefault(name, value)   # the first section that states a figure keeps it
    known.mentions += entity.mentions
    return known
