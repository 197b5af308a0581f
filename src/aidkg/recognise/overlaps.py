"""Overlaps: which of the mentions found in a sentence stand when they overlap."""
from __future__ import annotations

import re

from ..document import Document, Mention
from ..lexicon import aid_marker, suffix_class, suffix_regex
from .common import REGIONISH
from .scope import Scope


def persons_in_places(s: Scope) -> None:
    """A person the tagger found where the gazetteer found a place (麦盖|提) is the place."""
    places = [m for m in s.found if m.source.startswith("gazetteer")]
    # (村民吾那斯汗·哈密: a dotted name after a word for a person holds the place's characters: it stands)
    named = [m for m in s.found if m.source == "lac:dotted"]
    inside = lambda p: any(n.start <= p.start and p.end <= n.end for n in named)
    s.found = [m for m in s.found if not (m.cls == "Person" and m.source != "lac:dotted" and any(
        p.start < m.end and m.start < p.end for p in places)) and not (m.source.startswith("gazetteer") and inside(m))]


def longest_names(s: Scope) -> None:
    """Regions may nest inside names (乌恰县第二小学 names 乌恰县); other mentions may not overlap:
    the longer wins, and at equal length the earlier-listed source."""
    mentions = s.found
    regions = [m for m in mentions if m.cls in REGIONISH]
    others = [m for m in mentions if m.cls not in REGIONISH]
    kept_regions: list[Mention] = []
    for m in sorted(regions, key=lambda m: (-(m.end - m.start), m.start)):
        # a gazetteer unit inside a longer one stays (兵团第三师 inside 兵团第三师五十一团)
        if any(k.start <= m.start and m.end <= k.end for k in kept_regions) and not m.source.startswith("gazetteer"):
            continue
        if any(k.start < m.end and m.start < k.end and not (k.start <= m.start and m.end <= k.end)
               and not (m.start <= k.start and k.end <= m.end) for k in kept_regions):
            continue
        kept_regions.append(m)
    kept: list[Mention] = []
    for m in sorted(others, key=lambda m: (-(m.end - m.start), m.start)):
        if any(k.start < m.end and m.start < k.end for k in kept):
            # nested aid-command parts are kept (the 前指 inside 前指X分指)
            if not (m.source.startswith("grammar:aid") and any(
                    k.source.startswith("grammar:aid") and k.start <= m.start and m.end <= k.end for k in kept)) \
                    and not _owner_in_front(m, kept, s.doc.norm):
                continue
        kept.append(m)
    # a person's name that is really part of a region (麦盖|提) or of an organisation name loses
    kept = [m for m in kept if not (m.cls == "Person" and any(
        r.start < m.end and m.start < r.end for r in kept_regions + [k for k in kept if k is not m]))]
    # regions inside an enterprise name are part of its brand, not mentions of the place,
    # except a province named in full at its start (山东XX集团 still says 山东)
    # — or the chain of places of a registered name (X省Y县Z食品公司, Y县Z乡W合作社), written in full
    # down to a county, town or village: where the firm is registered
    enterprises = [m for m in kept if m.cls == "Enterprise"]
    registered = {id(r) for e in enterprises for r in _registration_chain(s, e, kept_regions)}
    kept_regions = [r for r in kept_regions if id(r) in registered or not any(
        e.start <= r.start and r.end <= e.end and not (r.start == e.start and r.cls == "Province")
        for e in enterprises)]
    s.found = kept_regions + kept


def _owner_in_front(m: Mention, kept: list[Mention], text: str) -> bool:
    """恒达纺织熔喷布项目: a firm's name opening a project's name is the firm that owns it; it stays
    a mention of the firm, nested in the project's (not when a park or an institution follows it:
    X纺织服装产业园Y项目 is named after the park, no firm)."""
    heads = suffix_class()

    def product_after(k: Mention) -> bool:
        rest = text[m.end:k.end]
        return not any(heads[h.group()].cls in ("DevelopmentZone", "Institution", "Enterprise")
                       for h in suffix_regex().finditer(rest))
    return m.cls == "Enterprise" and any(
        k.cls == "Project" and k.start == m.start and m.end < k.end and k.end - m.end >= 4 and product_after(k)
        for k in kept) \
        and all(k.start >= m.end or k.end <= m.start or (k.cls == "Project" and k.start == m.start and m.end < k.end)
                for k in kept)


_FULL_LOCAL = re.compile(r"(?:县|旗|乡|镇|村|[^市]区)$")


def _registration_chain(s: Scope, firm: Mention, regions: list[Mention]) -> list[Mention]:
    chain, pos = [], firm.start
    for r in sorted((r for r in regions if firm.start <= r.start and r.end < firm.end), key=lambda r: r.start):
        if r.start != pos or not r.source.startswith("gazetteer"):
            break
        chain.append(r)
        pos = r.end
    while chain and not (chain[-1].cls in ("County", "Township", "Village")
                         and _FULL_LOCAL.search(s.doc.norm[chain[-1].start:chain[-1].end])):
        chain.pop()
    return chain


_PAIRING_WORDS = re.compile(aid_marker().pattern + r"|对口|协作|帮扶|结对|合作")


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "，,。；;：:\n") + 1


def places_only_named_in_events(doc: Document) -> None:
    """第五次中央西藏工作座谈会, 和田文旅推介会 (held in another province): a place in an event's name says what
    the event is about, not where it is. A place the article names only there is no mention of it."""
    heads = suffix_class()
    # (an event named for a pairing, X对口支援Y项目开工仪式, names its partners: they stay)
    events = [m for m in doc.mentions if m.cls == "Project" and m.source.startswith("grammar:")
              and "event" in getattr(heads.get(m.source[8:]), "flags", ())
              and not _PAIRING_WORDS.search(doc.norm, _clause_start(doc.norm, m.start), m.end)]
    if not events:
        return

    def in_event(m: Mention) -> bool:
        return any(e.start <= m.start and m.end <= e.end and e is not m for e in events)

    def place(m: Mention) -> str | None:
        return m.code or m.canonical

    elsewhere = {place(m) for m in doc.mentions if m.cls in REGIONISH and not in_event(m)}

    def written_elsewhere(m: Mention) -> bool:
        """The place's words stand elsewhere too, if only inside another name (克州 of 克州党委)."""
        word = doc.norm[m.start:m.end]
        return any(not any(e.start <= h.start() < e.end for e in events) for h in re.finditer(re.escape(word), doc.norm))

    doc.mentions[:] = [m for m in doc.mentions if not (
        m.cls in REGIONISH and m.source.startswith("gazetteer") and in_event(m) and place(m) not in elsewhere
        and not written_elsewhere(m))]
