"""The 50-article development set (../shared/corpus + ../shared/real): floors for the families of
money — fundedBy, investedIn, organizedBy and project amounts — a little below what they reach, so losing one
fails the suite."""
from __future__ import annotations

import pytest

from conftest import needs_shared

pytestmark = needs_shared()


@pytest.fixture(scope="module")
def report(devset_report):
    return devset_report


def test_funding_and_organising_meet_their_floor(report):
    families = report["overall"]["families"]
    # reached: fundedBy 28/32 (P 1.00, F1 .93), organizedBy 10/12 (P 1.00, F1 .91)
    assert families["fundedBy"]["f1"] >= 0.90 and families["fundedBy"]["precision"] >= 0.9
    assert families["organizedBy"]["f1"] >= 0.85 and families["organizedBy"]["precision"] >= 0.9


def test_investment_meets_its_floor(report):
    investment = report["overall"]["families"]["investedIn"]
    # reached: investedIn 12/15 (P 1.00, F1 .89)
    assert investment["f1"] >= 0.86 and investment["precision"] >= 0.9


def test_project_amounts_meet_their_floor(report):
    # of 17: the one left is real/45's 1.2亿, which the article gives as a first phase (首期投资) and
    # the gold as the project's total — a gold item that looks wrong, not tuned to
    assert report["overall"]["amounts"]["correct"] >= 16
    # and no figure lands on a project the gold gives none (a list's, an event's, money spent so far)
    unexpected = [(name, u) for name, a in report["articles"].items() for u in a["amounts"]["unexpected"]]
    assert unexpected == []
