"""What a regular expression needs of a text before it can match: strings every match contains, read
from the pattern's parse. A text without any of them is not scanned (relation triggers in
aidkg.relate.engine; recognisers' sentence-wide patterns through `may_match`)."""
from __future__ import annotations

import re
from functools import lru_cache

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one, read from the pattern's
    parse (the standard library's own parser): a run of literal characters, or an alternation
    whose every branch needs one (a word list). None when nothing is certain (a pattern that can
    match without any fixed character, case-insensitive matching, a parse this does not know)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        from re import _parser
        found = _needs(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:       # (a private module: should it change, rules are simply all scanned)
        return None
    return frozenset(found) if found else None


def _needs(seq) -> set[str] | None:
    """One of the strings some part of the sequence must match (the most selective part), or None."""
    best: set[str] | None = None
    run = ""

    def offer(cands: set[str] | None) -> None:
        nonlocal best
        if cands and "" not in cands and (best is None or _selectivity(cands) > _selectivity(best)):
            best = cands

    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if run:
            offer({run})
            run = ""
        if name == "IN":
            if len(av) <= 40 and all(str(o) == "LITERAL" for o, _ in av):
                offer({chr(c) for _, c in av})
        elif name == "BRANCH":
            branches = [_needs(b) for b in av[1]]
            if all(branches):
                offer(set().union(*branches))
        elif name == "SUBPATTERN":
            group, add_flags, _del_flags, inner = av
            if not add_flags & re.IGNORECASE:
                offer(_needs(inner))
        elif name == "ATOMIC_GROUP":
            offer(_needs(av))
        elif name in _REPEATS:
            low, _high, item = av
            if low >= 1:
                offer(_needs(item))
        # anything else (lookarounds, anchors, classes, back references) needs nothing certain
    if run:
        offer({run})
    return best


def _selectivity(cands: set[str]) -> tuple[int, int]:
    return min(len(c) for c in cands), -len(cands)


@lru_cache(maxsize=None)
def _cues(pattern: re.Pattern[str]) -> frozenset[str] | None:
    return required_strings(pattern)


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match anywhere in `text` (it holds none of the pattern's cues)."""
    cues = _cues(pattern)
    return cues is None or any(c in text for c in cues)
