"""Overlaps: which of the mentions found in a sentence stand when they overlap."""
from __future__ import annotations

from ..document import Mention
from .common import REGIONISH
from .scope import Scope


def persons_in_places(s: Scope) -> None:
    """A person the tagger found where the gazetteer found a place (麦盖|提) is the place."""
    places = [m for m in s.found if m.source.startswith("gazetteer")]
    s.found = [m for m in s.found if not (m.cls == "Person" and any(
        p.start < m.end and m.start < p.end for p in places))]


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
                    k.source.startswith("grammar:aid") and k.start <= m.start and m.end <= k.end for k in kept)):
                continue
        kept.append(m)
    # a person's name that is really part of a region (麦盖|提) or of an organisation name loses
    kept = [m for m in kept if not (m.cls == "Person" and any(
        r.start < m.end and m.start < r.end for r in kept_regions + [k for k in kept if k is not m]))]
    # regions inside an enterprise name are part of its brand, not mentions of the place,
    # except a province named in full at its start (山东XX集团 still says 山东)
    enterprises = [m for m in kept if m.cls == "Enterprise"]
    kept_regions = [r for r in kept_regions if not any(
        e.start <= r.start and r.end <= e.end and not (r.start == e.start and r.cls == "Province")
        for e in enterprises)]
    s.found = kept_regions + kept
