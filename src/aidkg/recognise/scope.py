"""The sentence a recognise component works on, and what the components before it found."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Mention, Sentence, Token


@dataclass
class Scope:
    doc: Document
    sentence: Sentence
    tokens: list[Token]
    found: list[Mention] = field(default_factory=list)
    # article-wide findings some components need in every sentence
    xpcc_companies: set[str] = field(default_factory=set)   # N连 names of an XPCC article (xpcc.company_names)
    listed_projects: set[str] = field(default_factory=set)  # items a count of projects sums up (projects.counted_lists)
    xpcc_article: bool = False                              # the article is about the corps (xpcc.about_the_corps)

    @property
    def base(self) -> int:
        """Offset of the sentence in the document: mentions carry document offsets."""
        return self.sentence.start

    @property
    def text(self) -> str:
        """The sentence in Simplified script (offsets relative to `base`)."""
        return self.doc.norm[self.sentence.start:self.sentence.end]

    def confirmed(self) -> list[Mention]:
        """What was found so far, but the short forms of places nothing has confirmed yet."""
        return [m for m in self.found if m.source != "gazetteer:unconfirmed"]
