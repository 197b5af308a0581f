"""Reference: which named entity a referring expression stands for (该项目, 该县, 该校, 该诊疗中心,
a counted list head such as 等12个小康示范村项目).

One small, explicit step, shared by `resolve` (which writes the reference as a ``coref:`` mention of
its entity, so every relation rule and the money stage see the entity there) and by any rule that
meets an expression on its own. The choice is made on the article's order and grammar alone:

* the candidates are the named mentions before the expression (no other reference: a chain of
  该项目 stays with what its first link named), of the class the expression asks for;
* the head of the expression ends the candidate's name: 该市 is a 市 (not the 街道 named last),
  该校 a school (…小学, …中学, …学校, …学院), 该局 a 局;
* a project, firm or body is taken by its outermost name (烘干处理项目 inside
  中药材加工及烘干处理项目 is no candidate of its own; a school inside the name of a project that
  builds it is), and a name that is an earlier candidate's name cut at its 及/和 (配套灌区工程 after
  湘河水利枢纽及配套灌区工程) is that earlier entity;
* walking back from the expression the nearest candidate wins, except an item of a list — a name
  coordinated with another of its kind (A、B和C) or listed after 包括/建设内容为/分别是: those are the
  parts of what the sentence is about, so the walk goes on to the whole (P…包括A、B、C。该项目… is P);
  with no whole before them, coordinated names leave the reference open (白杨县和青松县…该县: either
  county) and an item after 包括/内容为 is taken (建设内容为：一栋A。该项目… is A).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .document import Document, Entity, Mention
from .lexicon import rules, words
from .vocab import REGION_CLASSES

# the families one reference may stand for: 该项目 may be a facility typed Institution before retype
_FAMILY = {
    "Project": {"Project"},
    "Enterprise": {"Enterprise"},
    "Institution": {"Institution", "Project"},  # 该校/该院: a school being built is typed Project
    "GovernmentBody": {"GovernmentBody"},
    "XPCCUnit": {"XPCCUnit"},
    "County": {"County"},
    "Prefecture": {"Prefecture"},
    "Township": {"Township"},
    "Village": {"Village"},
    "Region": set(REGION_CLASSES),
}
# names that may stand coordinated with a candidate in a list (a project beside a school it builds)
_LISTED_WITH = {"Project": {"Project", "Institution"}, "Institution": {"Project", "Institution"}}
_COORDINATION = re.compile(r"^(?:、|和|与|及|以及|、以及|、和)$")


@lru_cache(maxsize=1)
def _contents_cue() -> re.Pattern[str]:
    # 包括A、B / 建设内容为：一栋A、B和C / 分别是A、B: what follows lists the parts of what was
    # named before (the item right after the cue, or after a separator of the list it opens)
    return re.compile("(?:" + words("contents_cues") + r")[：:]?(?:[^，,；;。]*[、和及与])?"
                      r"(?:[一两三四五六七八九十\d]+[栋座个所处条项间套幢])?$")


def reference_heads(expression: str) -> tuple[str, ...]:
    """The endings a name must have to be what `expression` refers to (该校 → 校, 学, 学院); none
    for a word that names a class only (该项目, 该公司)."""
    return tuple(rules()["this_reference_heads"].get(expression, ()))


def named_mentions(doc: Document) -> list[Mention]:
    """The article's named mentions (no references), in order — computed once, handed to `antecedent`."""
    return sorted((m for m in doc.mentions if m.entity is not None and not m.source.startswith("coref")),
                  key=lambda m: (m.start, -m.end))


def antecedent(doc: Document, pos: int, want, heads: tuple[str, ...] = (),
               named: list[Mention] | None = None, exclude=None) -> Entity | None:
    """The entity a referring expression at `pos` stands for: of class `want` ("Region" for any
    place; or a set of classes), whose name ends in one of `heads` when given, chosen as the module says (None when the
    article names none before it). `exclude(entity)` rules out a candidate (an event for 该项目)."""
    named = named_mentions(doc) if named is None else named
    kinds = set(want) if isinstance(want, (set, frozenset)) else _FAMILY.get(want, {want})
    before = [m for m in named if m.end <= pos]
    pool = [m for m in before if m.entity.cls in kinds
            and (not heads or any(m.entity.label.endswith(h) or _written(doc, m).endswith(h) for h in heads))
            and (exclude is None or not exclude(m.entity))]
    if not kinds <= set(REGION_CLASSES):
        # a place may be named inside a longer name (阿克苏市 in 阿克苏市第一幼儿园); a project or
        # body is taken by its outermost name only
        pool = [m for m in pool if not _inside_another(m, pool)]
    fallback, ambiguous = None, False
    for m in reversed(pool):
        whole = _uncut(m, pool)
        if whole is not m:
            return whole.entity  # an earlier name in full, whatever role the cut one plays
        role = _listed(doc, m, before)
        if role == "coordinated":
            ambiguous = True  # A县和B县…该县: either; a whole named before them is still meant
            continue
        if role == "contents":
            fallback = fallback or m
            continue
        topic = _copular_topic(doc, m, pool)
        return (topic or m).entity
    return fallback.entity if fallback is not None and not ambiguous else None


_COPULA = re.compile(r"^(?:是|为|系|作为)")


def _copular_topic(doc: Document, m: Mention, pool: list[Mention]) -> Mention | None:
    """X是Y的…/X为…: a clause that opens with a candidate and says what it is has that candidate for
    its topic; a candidate inside what is said of it (禾美隆公司是…引进的苏洋集团…项目。该公司… is
    禾美隆) is none."""
    first = next((c for c in pool if c.sentence == m.sentence), None)
    if first is None or first is m or first.start > m.start:
        return None
    sent = doc.sentences[m.sentence]
    head = doc.norm[sent.start:first.start]
    clause_head = re.split(r"[，,；;：:]", head)[-1]
    if len(clause_head) > 8 or not _COPULA.match(doc.norm[first.end:first.end + 2]):
        return None
    return first


def _written(doc: Document, m: Mention) -> str:
    return doc.norm[m.start:m.end]


def _inside_another(m: Mention, mentions: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               and o.entity is not m.entity for o in mentions)


def _uncut(m: Mention, pool: list[Mention]) -> Mention:
    """An earlier candidate whose name ends in this one's, longer by a word or more: the same thing
    named in full before (湘河水利枢纽及配套灌区工程 … 配套灌区工程)."""
    label = m.entity.label
    for o in pool:
        if o.start >= m.start:
            break
        full = o.entity.label
        if len(full) >= len(label) + 2 and full.endswith(label) and full[-len(label) - 1] in "及和与、":
            return o
    return m


def _listed(doc: Document, m: Mention, mentions: list[Mention]) -> str | None:
    """Whether `m` is an item of a list: "coordinated" with a name of its kind (A、B和C), or one of
    the "contents" of what was named before (包括A / 建设内容为：一栋A); None when neither."""
    kinds = _LISTED_WITH.get(m.entity.cls, {m.entity.cls})
    same = [o for o in mentions if o.sentence == m.sentence and o is not m and o.entity.cls in kinds
            and o.entity is not m.entity]
    text = doc.norm
    for o in same:
        gap = text[o.end:m.start] if o.end <= m.start else text[m.end:o.start] if m.end <= o.start else None
        if gap is not None and _COORDINATION.match(gap):
            return "coordinated"
    sent = doc.sentences[m.sentence]
    head = text[sent.start:m.start]
    clause = re.split(r"[，,；;。]", head)[-1]
    return "contents" if _contents_cue().search(clause) else None


def salient(doc: Document, candidates: list[Mention], mentions: list[Mention],
            earlier: list[Entity] = ()) -> tuple[bool, Entity | None]:
    """What a sentence leaves for a later 项目总投资… to mean, by the same walk as `antecedent` over its
    own `candidates` (its named projects, in order; `mentions` all its names; `earlier` the projects
    named before it): (whether it names any, the entity — None when they are coordinated and no
    whole is named before them)."""
    if not candidates:
        return False, None
    fallback, ambiguous = None, False
    for m in reversed(candidates):
        label = m.entity.label
        whole = next((e for e in earlier if len(e.label) >= len(label) + 2 and e.label.endswith(label)
                      and e.label[-len(label) - 1] in "及和与、"), None)
        if whole is not None:
            return True, whole
        role = _listed(doc, m, mentions)
        if role == "coordinated":
            ambiguous = True
            continue
        if role == "contents":
            fallback = fallback or m
            continue
        return True, m.entity
    return True, (fallback.entity if fallback is not None and not ambiguous else None)



# ------------------------------------------------------------------ what a statement rests on
# the mentions resolve writes for a referring expression (not another name of the entity: a
# declared alias or a short form names it); aidkg.graph marks a statement that rests on one
REFERRING_SOURCES = ("coref:this", "coref:we", "coref:head")


def mentions_by_sentence(doc: Document) -> dict[int, list[Mention]]:
    """The article's mentions of an entity per sentence, in order (made once per article)."""
    out: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        if m.entity is not None and m.sentence >= 0:
            out.setdefault(m.sentence, []).append(m)
    return out


def resting_on(sentence: int, entities, by_sentence: dict[int, list[Mention]]) -> list[Mention]:
    """The referring expressions (该县, 该公司, 我省, 等N个X项目) a statement of `sentence` about
    `entities` rests on: for each entity the sentence does not name but refers to, the first such
    expression. An entity the sentence names itself, or does not mention at all (a subject carried
    over from the sentence before), gives none."""
    mentions = by_sentence.get(sentence, ())
    out = []
    for ent in entities:
        own = [m for m in mentions if m.entity is ent or (m.entity is not None and m.entity.key == ent.key)]
        if own and not any(m.source not in REFERRING_SOURCES for m in own):
            out.append(own[0])
    return out


def named_before(ref: Mention) -> Mention | None:
    """Where the article last named the entity a referring expression stands for, before it (None
    when it names it only later or not at all: 我省 in an article that never names the province)."""
    named = [m for m in ref.entity.mentions if m.end <= ref.start and m.source not in REFERRING_SOURCES]
    return max(named, key=lambda m: (m.start, -m.end)) if named else None
