"""Firms registered under a place written in brackets: 品牌(地名)实业有限公司. The brand, the
bracketed place and the rest are one name; the tagger reads the brand as a word or a person and
the bracket as punctuation, so the name grammar sees only ")实业有限公司"."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Document, Mention
from ..lexicon import rules

_BRACKETED = re.compile(r"[(（](?P<place>[\u4e00-\u9fff]{2,8})[)）]"
                        r"(?P<rest>[\u4e00-\u9fff]{0,12}?(?:有限责任公司|股份有限公司|有限公司|集团|公司))")
# words the brand never is: what opens a clause or joins two names (和, 与, 向, 由 …)
_NOT_BRAND = {"p", "c", "u", "r", "d", "v", "vd", "w", "m", "q", "f", "TIME", "xc"}


def bracketed_place(doc: Document) -> None:
    gaz = gz.get_gazetteer()
    for sent, tokens in zip(doc.sentences, doc.tokens):
        for hit in _BRACKETED.finditer(doc.norm, sent.start, sent.end):
            if not gaz.candidates(hit["place"]):
                continue  # only a place in brackets says where the firm is registered
            brand = next((t for t in tokens if t.end == hit.start()), None)
            if brand is None or brand.tag in _NOT_BRAND or not 2 <= len(brand.text) <= 4 \
                    or not re.fullmatch(r"[\u4e00-\u9fff]+", brand.text) \
                    or any(brand.text.endswith(w) for w in rules()["descriptive_org_prefixes"]):
                continue  # 企业(厦门)有限公司: a kind of firm is no brand
            start, end = brand.start, hit.end()
            doc.mentions[:] = [m for m in doc.mentions if m.end <= start or m.start >= end]
            doc.mentions.append(Mention(start, end, "Enterprise", "grammar:registered", sentence=sent.index))
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
