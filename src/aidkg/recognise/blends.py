"""Blends of two places' one-character names: 闽宁, 沪滇 (two provinces), 中美 (two countries),
湖广协作 (the initials of two places the article names in full)."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Document, Mention, Token
from ..lexicon import country_abbreviations


def province_pair(t: Token) -> list[Mention] | None:
    """闽宁, 沪滇: a two-character place word made of two provinces' one-character names."""
    gaz = gz.get_gazetteer()
    pair = [gaz.province_abbreviation(c) for c in t.text] if len(t.text) == 2 else []
    if not (pair and all(pair)):
        return None
    return [Mention(t.start + i, t.start + i + 1, div.cls, "gazetteer:abbreviation", code=div.code, canonical=div.name)
            for i, div in enumerate(pair)]


def country_pair(t: Token, tokens: list[Token]) -> list[Mention] | None:
    """中美, 中欧: two countries (or a country and a province) by one-character names — but 两地
    after it speaks of two places of one country (中宁两地)."""
    gaz = gz.get_gazetteer()
    countries = country_abbreviations()
    two_places = any(x.start == t.end and x.text.startswith("两地") for x in tokens)  # 两地, not 两国
    if len(t.text) != 2 or two_places or not all(c in countries or gaz.province_abbreviation(c) for c in t.text):
        return None
    out = []
    for i, c in enumerate(t.text):
        div = gaz.province_abbreviation(c) if c not in countries else None
        out.append(Mention(t.start + i, t.start + i + 1, div.cls if div else "Region",
                           "gazetteer:abbreviation", code=div.code if div else None,
                           canonical=div.name if div else countries[c]))
    return out


_RANK = {"Province": 0, "Prefecture": 1, "County": 2}
_PARTNERSHIP = re.compile(r"(?:东西部|对口|扶贫)?(?:协作|合作|两地)")


def partner_initials(doc: Document) -> None:
    """湖广协作, 辽塔两地: two partners named by the first characters of places the article names in
    full (湖州市 and 广元市) — the two places, not an unknown region called 湖广."""
    places: dict[str, dict[str, Mention]] = {}
    for m in doc.mentions:
        if m.code and m.cls in _RANK and m.source == "gazetteer" and m.canonical:
            places.setdefault(m.canonical[0], {})[m.code] = m

    def partner(char: str) -> Mention | None:
        found = list(places.get(char, {}).values())
        if not found:
            return None
        top = min(_RANK[x.cls] for x in found)
        best = [x for x in found if _RANK[x.cls] == top]
        return best[0] if len(best) == 1 else None

    out = []
    for m in doc.mentions:
        text = doc.norm[m.start:m.end]
        if m.source.startswith("lac") and m.cls in ("Region", "Person", "Organization") and len(text) == 2 \
                and _PARTNERSHIP.match(doc.norm, m.end):
            a, b = partner(text[0]), partner(text[1])
            if a is not None and b is not None and a.code != b.code:
                for i, p in enumerate((a, b)):
                    out.append(Mention(m.start + i, m.start + i + 1, p.cls, "gazetteer:abbreviation",
                                       code=p.code, canonical=p.canonical, sentence=m.sentence))
                continue
        out.append(m)
    doc.mentions[:] = out


# the bodies, projects and parks a partnership runs under its own name (粤桂协作X县工作组)
_PROGRAMME_NAMED = {"GovernmentBody", "Project", "DevelopmentZone", "Event", "Organization"}
_PROGRAMME_WORD = re.compile(r"(?:东西部|扶贫|对口)?协作$")


def programme_prefix(doc: Document) -> None:
    """沪滇协作X县工作组, 鲁渝协作X项目: a body, project or park written right after a partnership
    (two places' initials + 协作) carries the partnership in its name; 协作办|公室, cut by the
    tagger, is one 办公室."""
    initials = {m.start: m for m in doc.mentions if m.source == "gazetteer:abbreviation" and m.end - m.start == 1}
    for m in doc.mentions:
        if m.cls not in _PROGRAMME_NAMED:
            continue
        if doc.norm.startswith("公室", m.end) and doc.norm[m.start:m.end].endswith("办"):
            m.end += 2
        word = _PROGRAMME_WORD.search(doc.norm, max(0, m.start - 5), m.start)
        if word is None:
            continue
        a = initials.get(word.start() - 2)
        b = initials.get(word.start() - 1)
        if a is not None and b is not None and a.code != b.code:
            m.start = a.start
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
