"""县医院, 县一中: an institution every county has one of, written after a bare 县, is the one of the
county the article is about — the county it names most, when one stands out."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Document, Mention
from ..lexicon import word_set

# what may stand before a bare 县 that opens a name: punctuation, a preposition, a conjunction, 的
_OPENS = set("在到的和、，,与及为是了向从赴由对至于；;：:“”「」（）() \n。") | {""}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    kinds = sorted(word_set("county_own_institutions"), key=len, reverse=True)
    # (县中学生, 县高中部: the kind's word goes on into another)
    return re.compile("县(?:" + "|".join(map(re.escape, kinds)) + ")(?![生部区])")


def article_county(doc: Document):
    """The county the article names most often, when it names it more often than any other."""
    gaz = gz.get_gazetteer()
    counts = Counter(m.code for m in doc.mentions if m.code and m.cls == "County" and m.role is None)
    top = counts.most_common(2)
    if not top or len(top) == 2 and top[0][1] == top[1][1]:
        return None
    return gaz.by_code(top[0][0])


def bare_county_institutions(doc: Document) -> None:
    """Mentions of 县医院-style names, named after the article's county (label 于田县医院, the
    article's words 县医院 an alias); none when no county stands out."""
    hits = [h for h in _pattern().finditer(doc.norm) if doc.norm[h.start() - 1:h.start()] in _OPENS
            and not any(m.start < h.end() and h.start() < m.end for m in doc.mentions)]
    if not hits:
        return
    county = article_county(doc)
    if county is None:
        return
    for h in hits:
        rest = h.group()[1:]
        name = county.name + rest
        if rest == "医院" and county.name + "人民医院" in doc.norm:
            name = county.name + "人民医院"  # 县医院 of an article that writes X县人民医院 in full
        sent = next((s for s in doc.sentences if s.start <= h.start() < s.end), None)
        m = Mention(h.start(), h.end(), "Institution", "grammar:bare-county", canonical=name)
        m.sentence = sent.index if sent is not None else -1
        doc.mentions.append(m)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
