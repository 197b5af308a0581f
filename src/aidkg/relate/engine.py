"""The matching engine of relation extraction: the context a rule sees, the selectors rules share,
the registry of named rules and the one sink that writes relations.

A rule is a function registered under a unique name (`@rule`). It receives the sentence context
and, when it has a trigger, one match of that trigger; it *yields* candidate triples
``(subject, predicate, object)`` — or ``(subject, predicate, object, variant)`` for a named variant
it declares in ``emits`` — and never writes: the engine hands each candidate to the `Sink`, which
applies the dedupe and the guards every relation needs and records ``pattern:<name>`` as the
statement's extraction method. Candidates are written as they are yielded, so a rule (or a later
rule) sees what was written before it in the same sentence.

Triggers are data: a regular expression in which ``{name}`` expands to an alternation of a word
list of ``data/relation_words.json`` (or a lexicon pattern such as ``{aid_marker}``). A trigger is
matched over the sentence with every recognised name blanked out (``scope="blanked"``, the
default, so 投资 inside 国有资产投资经营有限公司 is no verb), over the plain sentence
(``scope="text"``), or over the plain sentence keeping only hits outside names
(``scope="outside-names"``). Each rule carries example sentences with the exact triples it must
give and counter-examples that must give none (tests/test_rules.py runs them all).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Iterator

from .. import gazetteer as gz
from .. import reference
from ..document import Document, Entity, Mention, Relation
from ..lexicon import expand, relation_words, words  # noqa: F401 (rules import them from here)
from ..regex_cues import required_strings
from ..vocab import ORGANIZATION_CLASSES, REGION_CLASSES

REGION = REGION_CLASSES
ORG = ORGANIZATION_CLASSES
ACTOR = REGION | ORG
# the predicates of a pairing: supports (donor → recipient) is a pairedWith with its direction
PAIRING = ("pairedWith", "supports")

# (a comma between digits grouping thousands, 3,000万元, ends no clause)
CLAUSE_END = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d{3}(?!\d))")
BLANK = "囗"

# between two coordinated places a descriptor may stand: 伊犁州直属10县市、克州4县市和兵团第四师
COORD_DESCRIBED = re.compile(r"^[\u4e00-\u9fff]{0,3}?[\d一二三四五六七八九十两几多余]+个?(?:县市|县区|市县|区县|团场|个团场|县|市|区|乡镇|镇|师|团)?"
                             r"(?:、|，|,|和|与|及|以及)$")
COORD_GAP = re.compile(r"^(?:[、,，]?(?:和|与|及|以及|、|同)?|等?[\d一二三四五六七八九十两几多余]*(?:个|家|所)?"
                       r"(?:市|县|区|州|省|地|师|团|团场|家企业)?(?:等)?)$")


@lru_cache(maxsize=1)
def _filler() -> re.Pattern[str]:
    # 等省/等省市 closes a list of places (江苏、浙江等省与R签订…) as 等N个县 does
    return re.compile(r"^(?:等?[\d一二三四五六七八九十两几多余]+(?:个|家|所)?[\u4e00-\u9fff]{0,3}?|"
                      r"等(?:省区市|省市区|省市|省区|省份|地市|城市|市县|县市|区县|县区|省|市|县|区)|等|"
                      + words("fillers") +
                      r"|以[\d.]+[万亿]?元(?:的价格|的对价)?|出资[\d.]+[万亿]?元)*$")


# ------------------------------------------------------------------ the context of a sentence
@dataclass
class ArticleState:
    """What one sentence hands to the next: declared, so a rule's dependence on earlier sentences
    is visible."""
    topic: Entity | None = None               # the project last named as a whole (reference.salient; not by 该项目)
    topic_mention: Mention | None = None
    projects: list[Entity] = field(default_factory=list)  # the projects named so far, in order (reference.salient)
    prev_subject: Entity | None = None        # the first actor of the last sentence that had one
    donor_group: tuple[Entity | None, Entity | None] = (None, None)  # (donor, recipient) of N个D援X项目
    group_count: int | None = None            # the N of that group, for a later 这N个项目分别是…
    group_sentence: int | None = None         # the sentence that counted them, for the next one's 其中…/分别是…
    aid_total: tuple[Entity, int] | None = None  # (donor, sentence) of 共援建项目N项, for 其中…建设了P
    budget: tuple[Entity, int] | None = None  # (donor, sentence) of D投入援X资金N元, for the works its paragraph reports on
    programme_donor: list[Entity | None] = field(default_factory=list)  # [the donor of 援X资金 said alone], once read
    donors: dict[str, bool] = field(default_factory=dict)  # place key → written as a donor (structure.donor_in_article)
    giver: tuple[list[Entity], int] | None = None  # (givers, sentence) of the last money given, for a clause after ；


@dataclass
class Ctx:
    doc: Document
    sent: int
    start: int
    end: int
    ms: list[Mention]          # top-level mentions of the sentence, in order
    state: ArticleState = field(default_factory=ArticleState)
    # the article's mentions by sentence (run_rules reads them once; relate adds and rebinds none)
    by_sentence: dict[int, list[Mention]] | None = field(default=None, repr=False)

    def text(self, a: int, b: int) -> str:
        return self.doc.norm[a:b]

    @cached_property
    def sentence(self) -> str:
        return self.doc.norm[self.start:self.end]

    @cached_property
    def clause_marks(self) -> list[int]:
        """Where the sentence's clause marks (CLAUSE_END, one character each) stand, in order."""
        return [m.start() for m in CLAUSE_END.finditer(self.doc.norm, self.start, self.end)]

    @cached_property
    def names(self) -> list[Mention]:
        """All named mentions of the sentence, nested ones too (no 该公司-style references)."""
        return [m for m in self._mentions() if not m.source.startswith("coref")]

    @cached_property
    def all_mentions(self) -> list[Mention]:
        return self._mentions()

    def _mentions(self) -> list[Mention]:
        if self.by_sentence is None:
            return mentions_in(self.doc, self.sent)
        return list(self.by_sentence.get(self.sent, ()))

    @cached_property
    def blanked(self) -> str:
        """The sentence with every recognised name written as 囗 (same length)."""
        chars = list(self.sentence)
        for x in self.names:
            for i in range(max(self.start, x.start), min(self.end, x.end)):
                chars[i - self.start] = BLANK
        return "".join(chars)

    def at(self, i: int) -> int:
        """A position in the sentence (of a trigger match) as an offset into the document."""
        return self.start + i

    def within(self, a: int, b: int, kinds=None, top: bool = True) -> list[Mention]:
        """The mentions lying inside [a, b) (a chain counted from its outer place), of `kinds`."""
        pool = self.ms if top else self.all_mentions
        return [x for x in pool if a <= span_start(x) and x.end <= b and (kinds is None or x.entity.cls in kinds)]

    def entities_within(self, a: int, b: int, kinds=None, top: bool = True) -> list[Entity]:
        return [x.entity for x in self.within(a, b, kinds, top)]

    @property
    def projects(self) -> list[Mention]:
        return [m for m in self.ms if m.entity.cls == "Project"]


def mentions_in(doc: Document, sent: int) -> list[Mention]:
    return sorted((m for m in doc.mentions if m.sentence == sent and m.entity is not None),
                  key=lambda m: (m.start, -m.end))


def mentions_by_sentence(doc: Document) -> dict[int, list[Mention]]:
    """mentions_in of every sentence at once (the same lists, in the same order)."""
    out: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        if m.entity is not None:
            out.setdefault(m.sentence, []).append(m)
    for ms in out.values():
        ms.sort(key=lambda m: (m.start, -m.end))
    return out


def top_mentions(doc: Document, sent: int, ms: list[Mention] | None = None) -> list[Mention]:
    """Mentions not nested in a longer one; a chain of adjacent places keeps its innermost place.
    `ms`: the sentence's mentions_in, when known."""
    ms = mentions_in(doc, sent) if ms is None else ms
    top = [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                    and (o.end - o.start) > (m.end - m.start) for o in ms)]
    out: list[Mention] = []
    for m in top:
        if out and out[-1].end == m.start and out[-1].entity.cls in REGION and m.entity.cls in REGION:
            m.chain = chain_of(out[-1]) + [m]
            out[-1] = m  # 克州|阿图什市 → 阿图什市 speaks for the chain
            continue
        out.append(m)
    return out


def chain_of(m: Mention) -> list[Mention]:
    return getattr(m, "chain", None) or [m]


def span_start(m: Mention) -> int:
    """Where a (possibly chained) top mention starts: 克州|阿图什市 starts at 克州."""
    return chain_of(m)[0].start


# ------------------------------------------------------------------ selectors
def clause_of(ctx: Ctx, pos: int) -> tuple[int, int]:
    """The clause around `pos`: from after the clause mark before it to the next one (or the
    sentence's ends)."""
    if ctx.start <= pos <= ctx.end:
        marks = ctx.clause_marks            # (the sentence's marks, found once: rules ask often)
        i = bisect_left(marks, pos)         # marks[:i] lie before pos
        a = (marks[i - 1] + 1 if i else ctx.start) if pos > ctx.start else pos
        b = (marks[i] if i < len(marks) else ctx.end) if pos < ctx.end else pos
        return a, b
    text = ctx.doc.norm
    a = pos
    if pos > ctx.start:
        a = ctx.start
        for mark in CLAUSE_END.finditer(text, ctx.start, pos):
            a = mark.end()
    b = pos
    if pos < ctx.end:
        mark = CLAUSE_END.search(text, pos, ctx.end)
        b = mark.start() if mark else ctx.end
    return a, b


def filler(text: str) -> bool:
    """Words that may stand between an argument and its verb (将, 分别, 共同, 累计 …)."""
    return bool(_filler().match(text))


def left_group(ctx: Ctx, pos: int, kinds=ACTOR, expand: bool = False) -> list[Entity]:
    """The coordinated run of mentions ending right before `pos` (fillers allowed)."""
    a, _ = clause_of(ctx, pos)
    before = [m for m in ctx.ms if a <= span_start(m) and m.end <= pos]
    if not before:
        return []
    last = before[-1]
    if not filler(ctx.text(last.end, pos)):
        return []
    group = [last]
    for m in reversed(before[:-1]):
        gap = ctx.text(m.end, span_start(group[0]))
        if COORD_GAP.match(gap) or COORD_DESCRIBED.match(gap):
            group.insert(0, m)
        else:
            break
    return _entities(group, kinds, expand)


def right_group(ctx: Ctx, pos: int, kinds=ACTOR, max_gap: int = 6, expand: bool = False) -> list[Entity]:
    """The coordinated run of mentions starting at most `max_gap` characters after `pos`."""
    _, b = clause_of(ctx, pos)
    after = [m for m in ctx.ms if span_start(m) >= pos and m.end <= b]
    if not after or len(ctx.text(pos, span_start(after[0]))) > max_gap:
        return []
    group = [after[0]]
    for m in after[1:]:
        gap = ctx.text(group[-1].end, span_start(m))
        if COORD_GAP.match(gap) or COORD_DESCRIBED.match(gap):
            group.append(m)
        else:
            break
    return _entities(group, kinds, expand)


def _entities(group: list[Mention], kinds, expand: bool) -> list[Entity]:
    out = []
    for m in group:
        for e in (chain_members(m) if expand else [m.entity]):
            if e.cls in kinds and e not in out:
                out.append(e)
    return out


def chain_members(m: Mention) -> list[Entity]:
    """The places a chain speaks for as a recipient: all but the province and the corps
    (江苏对口支援克州阿图什市 pairs with 克州 and 阿图什市; 第二师铁门关市 with both)."""
    chain = chain_of(m)
    if chain[-1].entity.cls in ("Township", "Village"):
        return [chain[-1].entity]  # a town paired is not its county paired (E与R县X镇结对)
    members = [c.entity for c in chain if c.entity.cls not in ("Province",) and not is_corps(c.entity)]
    return members or [m.entity]


def is_corps(ent: Entity) -> bool:
    """The corps itself (新疆生产建设兵团), not one of its divisions, regiments or farms — its label
    ends in 兵团, whose 团 names no regiment (a farm, 土墩子农场, names neither 师 nor 团)."""
    return ent.cls == "XPCCUnit" and "师" not in ent.label and not re.search(r"(?<!兵)团|农场|牧场", ent.label)


def elided_subject(ctx: Ctx, pos: int, kinds: set[str]) -> list[Entity]:
    """并投资…, 同时收购…, E在R落地，投资…: a clause that continues the sentence's subject names none
    of its own (a place it acts in, 在R/于R, is no subject)."""
    a, _ = clause_of(ctx, pos)
    head = ctx.text(a, pos)
    if head and not re.match(r"^(?:" + words("continuers") + ")", head):
        return []
    if any(x.start >= a and x.end <= pos and x.entity.cls in ACTOR and not (
            x.entity.cls in REGION and re.search(r"(?:在|于|到|赴)$", ctx.text(a, span_start(x)))) for x in ctx.ms):
        return []
    subj = [x.entity for x in ctx.ms if x.end <= a and x.entity.cls in kinds]
    return subj[:1]


_OPENER = re.compile(r"^[，,\s]*(?:(?:据悉|据了解|据介绍|目前|其中|同时|此外|近日|日前|今年|去年)[，,]?)?[“\"「『]?")


def subject_project(ctx: Ctx, pos: int) -> Mention | None:
    """The project a sentence opens with when the clause of `pos` has no subject of its own
    (P是Q的一部分，由D投资建设，总投资N元: P, not Q, is built and costs N)."""
    a, _ = clause_of(ctx, pos)
    if a == ctx.start or any(a <= x.start < pos and x.entity.cls in ACTOR | {"Project"} for x in ctx.ms):
        return None
    first = ctx.ms[0] if ctx.ms else None
    if first is None or first.entity.cls != "Project" or first.end > a:
        return None
    return first if span_start(first) == ctx.start + _OPENER.match(ctx.sentence).end() else None


def pairs(ctx: Ctx, left: list[Entity], right: list[Entity], pos: int):
    """All pairs, or one to one when the sentence says 分别 and the groups match in size (none
    when it says 分别 and they do not: some names were missed, so no pair can be trusted)."""
    if len(left) > 1 and len(right) > 1 and "分别" in ctx.text(max(ctx.start, pos - 4), pos + 4):
        return list(zip(left, right)) if len(left) == len(right) else []
    return [(x, y) for x in left for y in right]


def respective(ctx: Ctx, a: int, b: int) -> bool:
    """Whether the sentence says 分别 between `a` and `b` (A、B分别投入N元、M元，援建P1、P2; P1、P2分别由
    A、B援建): each giver of a list its own item, not every giver each item."""
    return "分别" in ctx.text(max(ctx.start, a), min(ctx.end, b))


def respective_pairs(ctx: Ctx, givers: list[Entity], first: Mention, kinds, a: int):
    """When the sentence says 分别 between `a` and the list that opens with the mention `first` and
    more than one giver stands before it: the givers and that list one to one ([] when their
    counts differ: a name was missed, no pair can be trusted); else None (no respective reading)."""
    if len(givers) < 2 or not respective(ctx, a, first.start):
        return None
    listed = right_group(ctx, first.start, kinds=kinds, max_gap=0) or [first.entity]
    return list(zip(givers, listed)) if len(listed) == len(givers) else []


def in_name(ctx: Ctx, a: int, b: int) -> bool:
    """Whether the span [a, b) overlaps a named mention of the sentence."""
    return any(m.start < b and a < m.end for m in ctx.names)


def opens_with(ctx: Ctx, words_name: str, text: str | None = None) -> bool:
    """Whether the sentence (leading commas dropped) opens with a word of the list: 本次活动…"""
    t = (ctx.sentence if text is None else text).lstrip("，, ")
    return _opening(words_name).match(t) is not None


@lru_cache(maxsize=None)
def _opening(words_name: str) -> re.Pattern[str]:
    return re.compile(r"^(?:本次|此次|该|这次)?(?:" + words(words_name) + ")")


# ------------------------------------------------------------------ the registry
Candidate = tuple  # (subject, predicate, object) or (subject, predicate, object, variant)


@dataclass
class Rule:
    name: str
    family: str
    fn: Callable[..., Iterable[Candidate]]
    trigger: str | None = None
    scope: str = "blanked"                    # blanked | text | outside-names
    after: tuple[str, ...] = ()
    emits: tuple[str, ...] = ()               # named variants the rule may give (pattern:<variant>)
    examples: dict[str, list[tuple]] = field(default_factory=dict)
    counter: tuple[str, ...] = ()
    per_document: bool = False                # runs once per article (tables, reference data)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return re.compile(expand(self.trigger)) if self.trigger else None

    @cached_property
    def cues(self) -> frozenset[str] | None:
        """Strings one of which every match of the trigger holds (its words, say), or None when
        none can be told: a sentence without any of them is not scanned (`run_rules`)."""
        return required_strings(self.pattern) if self.pattern is not None else None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.emits)

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()

    def hits(self, ctx: Ctx) -> Iterator[re.Match]:
        # (the matches themselves, not a generator around them: every rule is tried on every sentence)
        if self.scope == "blanked":
            return self.pattern.finditer(ctx.blanked)
        if self.scope == "text":
            return self.pattern.finditer(ctx.sentence)
        return (h for h in self.pattern.finditer(ctx.sentence)
                if not in_name(ctx, ctx.at(h.start()), ctx.at(h.end())))


REGISTRY: dict[str, Rule] = {}


@lru_cache(maxsize=8)
def _cue_automaton(cues: tuple[str, ...]):
    import ahocorasick
    a = ahocorasick.Automaton()
    for c in cues:
        a.add_word(c, c)
    a.make_automaton()
    return a


def _present(automaton, text: str) -> set[str]:
    return {c for _end, c in automaton.iter(text)} if text else set()


def rule(name: str, family: str, trigger: str | None = None, *, scope: str = "blanked",
         after: Iterable[str] = (), emits: Iterable[str] = (), examples: dict | None = None,
         counter: Iterable[str] = (), per_document: bool = False):
    """Register a relation rule under a unique name (it becomes aid:extractionMethod "pattern:<name>")."""
    if scope not in ("blanked", "text", "outside-names"):
        raise ValueError(f"rule {name}: unknown scope {scope!r}")

    def register(fn):
        for n in (name, *emits):
            if n in REGISTRY or any(n in r.emits for r in REGISTRY.values()):
                raise ValueError(f"rule name {n!r} registered twice")
        REGISTRY[name] = Rule(name, family, fn, trigger, scope, tuple(after), tuple(emits),
                              dict(examples or {}), tuple(counter), per_document)
        return fn
    return register


def ordered_rules() -> list[Rule]:
    """Registration order, except that a rule runs after the rules it names in `after`."""
    from . import rules  # noqa: F401 — registers every family
    done: list[Rule] = []
    placed: set[str] = set()

    def place(r: Rule, path: tuple[str, ...] = ()) -> None:
        if r.name in placed:
            return
        if r.name in path:
            raise ValueError(f"rule order has a cycle: {' → '.join(path + (r.name,))}")
        for dep in r.after:
            if dep not in REGISTRY:
                raise ValueError(f"rule {r.name} runs after unknown rule {dep}")
            place(REGISTRY[dep], path + (r.name,))
        placed.add(r.name)
        done.append(r)
    for r in list(REGISTRY.values()):
        place(r)
    return done


def rule_of_method(method: str) -> Rule | None:
    name = method.removeprefix("pattern:")
    for r in REGISTRY.values():
        if name in r.names:
            return r
    return None


# ------------------------------------------------------------------ the sink
def _nested(gaz, a: Entity, b: Entity) -> bool:
    """Whether the reference data puts one of two coded places inside the other."""
    if not a.code or not b.code:
        return False
    up_a = {d.key for d in gaz.chain(a.code)[1:]}
    up_b = {d.key for d in gaz.chain(b.code)[1:]}
    return b.key in up_a or a.key in up_b


class Sink:
    """The one place relations are written: dedupe per sentence and the guards every rule needs."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.gaz = gz.get_gazetteer()
        self.seen: set[tuple[str, str, str, int]] = {
            (r.subject.key, r.predicate, r.object.key, r.sentence) for r in doc.relations}

    def add(self, s: Entity | None, p: str, o: Entity | None, sent: int, method: str,
            dataset: str | None = None) -> Relation | None:
        if s is None or o is None or s.key == o.key:
            return None
        if p in PAIRING and _nested(self.gaz, s, o):
            return None  # a place is not paired with a place it lies in (浙江省 and its 杭州市)
        if p in ("locatedIn", "partOf") and s.code and o.code and o.cls in ("Province", "Prefecture", "County") \
                and s.cls in ("Prefecture", "County", "Township") and not _nested(self.gaz, s, o):
            return None  # 我市|X县 read as one chain: the reference data says X县 lies elsewhere
        k = (s.key, p, o.key, sent)
        if k in self.seen:
            return None
        if p in PAIRING:
            # one pairing per pair and sentence: a direction (supports ⊑ pairedWith) replaces the
            # undirected pairing of the same two; the first direction said wins over its reverse
            said = [(s.key, q, o.key, sent) for q in PAIRING] + [(o.key, q, s.key, sent) for q in PAIRING]
            if p == "pairedWith" and any(x in self.seen for x in said):
                return None
            if p == "supports":
                if (o.key, "supports", s.key, sent) in self.seen:
                    return None
                self._drop_undirected(s, o, sent)
        self.seen.add(k)
        rel = Relation(s, p, o, sent, method, dataset)
        self.doc.relations.append(rel)
        return rel

    def _drop_undirected(self, s: Entity, o: Entity, sent: int) -> None:
        for a, b in ((s, o), (o, s)):
            self.seen.discard((a.key, "pairedWith", b.key, sent))
        self.doc.relations[:] = [r for r in self.doc.relations if not (
            r.predicate == "pairedWith" and r.sentence == sent and {r.subject.key, r.object.key} == {s.key, o.key})]

    def take(self, r: Rule, ctx_sent: int, candidates: Iterable[Candidate] | None) -> None:
        for c in candidates or ():
            if c is None:
                continue  # a helper found nothing to propose (direction.paired of a place with itself)
            variant = c[3] if len(c) > 3 else r.name
            if variant not in r.names:
                raise ValueError(f"rule {r.name} gave a candidate for undeclared variant {variant!r}")
            self.add(c[0], c[1], c[2], ctx_sent, f"pattern:{variant}")


# ------------------------------------------------------------------ running the rules
def run_rules(doc: Document, between: Callable[[Ctx], None] | None = None,
              only: Iterable[str] | None = None) -> Document:
    """Every sentence through every sentence rule in order (then `between`, the per-sentence pass
    that is no relation rule: amounts), the state carried on; then the per-document rules."""
    rules_ = [r for r in ordered_rules() if only is None or r.name in set(only)]
    sink = Sink(doc)
    state = ArticleState()
    # a trigger is scanned only where the sentence (or its blanked form) holds one of its cues
    automaton = _cue_automaton(tuple(sorted({c for r in rules_ if r.cues for c in r.cues})))
    by_sentence = mentions_by_sentence(doc)
    # (rule, cues, whether they are looked for in the blanked sentence), sentence rules in order
    plan = [(r, r.cues if r.pattern is not None else None, r.scope == "blanked") for r in rules_ if not r.per_document]
    for sent in doc.sentences:
        ctx = Ctx(doc, sent.index, sent.start, sent.end,
                  top_mentions(doc, sent.index, list(by_sentence.get(sent.index, ()))), state, by_sentence)
        in_text = in_blanked = None
        for r, cues, blanked in plan:
            if r.pattern is None:
                sink.take(r, ctx.sent, r.fn(ctx))
                continue
            if cues is not None:
                if blanked:
                    if in_blanked is None:
                        in_blanked = _present(automaton, ctx.blanked)
                    if cues.isdisjoint(in_blanked):
                        continue
                else:
                    if in_text is None:
                        in_text = _present(automaton, ctx.sentence)
                    if cues.isdisjoint(in_text):
                        continue
            for hit in r.hits(ctx):
                sink.take(r, ctx.sent, r.fn(ctx, hit))
        if between is not None:
            between(ctx)
        _carry(ctx, state)
    for r in rules_:
        if r.per_document:
            for c in r.fn(doc) or ():
                variant = c[4] if len(c) > 4 else r.name
                sink.add(c[0], c[1], c[2], c[3], f"pattern:{variant}")
    return doc


def _carry(ctx: Ctx, state: ArticleState) -> None:
    projects = [m for m in ctx.ms if m.entity.cls == "Project" and not m.source.startswith("coref")]
    named, topic = reference.salient(ctx.doc, projects, ctx.names, state.projects)
    state.projects += [m.entity for m in projects if m.entity not in state.projects]
    if named:
        # the project a later 项目总投资… means, chosen as a 该项目 is (aidkg.reference): the whole
        # before the parts it lists; none after two coordinated ones
        state.topic = topic
    subj = next((m.entity for m in ctx.ms if m.entity.cls in ACTOR), None)
    if subj is not None:
        state.prev_subject = subj
