"""The 50-article development set (../shared/corpus + ../shared/real): floors for where things are —
locatedIn and partOf — a little below what they reach, so losing one fails the suite."""
from __future__ import annotations

from conftest import needs_shared

pytestmark = needs_shared()


def test_located_in_meets_its_floor(devset_overall):
    located = devset_overall["families"]["locatedIn"]
    # reached: 139/153 found, P .95, F1 .93 (most of the rest wait for names the recogniser cuts)
    assert located["found_required"] >= 136
    assert located["f1"] >= 0.91 and located["precision"] >= 0.93


def test_part_of_meets_its_floor(devset_overall):
    part = devset_overall["families"]["partOf"]
    # reached: 16/16, P .94 (the one wrong: a county government the recogniser names with its
    # chain, 新疆R州政府, where the gold names it 州政府 — with that very relation, optional)
    assert part["f1"] >= 0.93 and part["precision"] >= 0.90
