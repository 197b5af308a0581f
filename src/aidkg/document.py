"""The one object every pipeline stage reads and extends (cf. spaCy's Doc)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class ArticleMeta:
    source: str                      # resolved path or URL: the article's identity
    title: str | None = None
    date: str | None = None          # YYYY-MM-DD
    publisher: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    script: str = "simplified"       # "traditional" | "simplified"


@dataclass
class Sentence:
    index: int
    start: int
    end: int                          # offsets into Document.text

    def text(self, doc: "Document") -> str:
        return doc.text[self.start:self.end]

    def norm(self, doc: "Document") -> str:
        return doc.norm[self.start:self.end]


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    cls: str                          # aid class name, e.g. "County"
    source: str                       # "lac", "gazetteer", "grammar:<rule>", "coref:<rule>"
    sentence: int = -1
    entity: "Entity | None" = None
    code: str | None = None           # division code when the gazetteer knows it
    canonical: str | None = None      # Simplified canonical name when known (gazetteer, coref)
    # the divisions an ambiguous short form may name (塔城: 塔城地区 or 塔城市); resolve picks one
    candidates: tuple = field(default=(), repr=False, compare=False)
    # where the article names itself rather than an actor: "dateline" (新华社乌鲁木齐1月27日电, 本报福州讯,
    # 来源：X网), "byline" (记者 X): such a mention is no subject or object of a relation
    role: str | None = None
    # relate: the run of adjacent places this mention speaks for (克州|阿图什市), set by
    # relate.engine.top_mentions; unset until then (read it with getattr(m, "chain", [m]))
    chain: "list[Mention]" = field(init=False, repr=False, compare=False)

    def text(self, doc: "Document") -> str:
        return doc.text[self.start:self.end]

    def norm(self, doc: "Document") -> str:
        return doc.norm[self.start:self.end]


@dataclass
class Entity:
    key: str                          # IRI path under id/, e.g. "region/652325"
    cls: str
    label: str                        # canonical Simplified name
    label_hant: str | None = None
    alt_labels: set[str] = field(default_factory=set)       # Simplified
    alt_labels_hant: set[str] = field(default_factory=set)  # Traditional, as written
    code: str | None = None
    mentioned: bool = True            # False for parents added from reference data only
    attrs: dict[str, Any] = field(default_factory=dict)     # totalInvestment: Decimal, floorArea, startDate ...
    mentions: list[Mention] = field(default_factory=list)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entity) and other.key == self.key


@dataclass
class Relation:
    subject: Entity
    predicate: str                    # a name of aidkg.vocab.RELATIONS
    object: Entity
    sentence: int                     # index into Document.sentences
    method: str                       # "pattern:<name>" | "reference-data"
    dataset: str | None = None        # for reference-data: the dataset's name

    @property
    def triple_key(self) -> tuple[str, str, str]:
        return (self.subject.key, self.predicate, self.object.key)


@dataclass
class AggregateFact:
    sentence: int
    donor: Entity | None = None
    recipient: Entity | None = None
    programme: Entity | None = None
    project_count: int | None = None
    amount: Decimal | None = None
    description: str = ""


@dataclass(slots=True)
class Document:
    text: str                         # decoded plain text, original script
    meta: ArticleMeta
    norm: str = ""                    # Simplified, same length as text
    content_hash: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)   # key → Entity
    relations: list[Relation] = field(default_factory=list)
    facts: list[AggregateFact] = field(default_factory=list)
    money: list[Any] = field(default_factory=list)   # aidkg.money.MoneyFlow: every figure of money, who to whom
    problems: list[str] = field(default_factory=list)
    tokens: list[list["Token"]] = field(default_factory=list)  # per sentence, from the tagger
    tables: list[Any] = field(default_factory=list)  # aidkg.tables.Table: project tables in the text
    donor_code: str | None = None     # resolve: division code of the province the article speaks for (我省)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str                         # Simplified
    tag: str                          # LAC tag: PER/LOC/ORG/TIME or a POS tag

