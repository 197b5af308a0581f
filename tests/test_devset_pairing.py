"""The 50-article development set (../shared/corpus + ../shared/real): floors for pairings and for
who sent the cadres, a little below what they reach, so losing pairings (or directing them into
wrong ones) fails the suite. Pairings are scored as pairedWith whether stated with a direction
(aid:supports) or not."""
from __future__ import annotations

from conftest import needs_shared

pytestmark = needs_shared()


def test_pairings_meet_their_floor(devset_overall):
    paired = devset_overall["families"]["pairedWith"]
    # reached: 80/84 found, P .99, F1 .96 (from 47/84, P .69, F1 .62 before directions)
    assert paired["found_required"] >= 77
    assert paired["precision"] >= 0.95 and paired["f1"] >= 0.93


def test_dispatched_by_meets_its_floor(devset_overall):
    sent = devset_overall["families"]["dispatchedBy"]
    # reached: 9/10 found, P 1.00, F1 .95 (the one missed: a cadre sent by a hospital named only
    # as his employer)
    assert sent["found_required"] >= 8
    assert sent["precision"] >= 0.9 and sent["f1"] >= 0.88
