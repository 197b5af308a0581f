"""data/relation_words.json, the word lists the relation rules and the money stage are written with:
each list is used, says what it is for, holds each word once, and is the only list of its set (a
pattern that needs the same words names the same list); lexicon.expand builds the patterns."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

import aidkg
from aidkg.lexicon import expand, relation_words, words

RAW = json.loads(resources.files("aidkg").joinpath("data", "relation_words.json").read_text("utf-8"))
LISTS = relation_words()
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in Path(aidkg.__file__).parent.rglob("*.py"))


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_is_used_and_explained(name):
    assert "{" + name + "}" in SOURCE or f'"{name}"' in SOURCE or f"'{name}'" in SOURCE, f"{name}: no pattern reads it"
    assert isinstance(RAW.get("_" + name), str) and RAW["_" + name].strip(), f"{name}: no _{name} comment"
    words_ = LISTS[name]
    assert words_ and all(isinstance(w, str) and w.strip() == w and w for w in words_), name
    assert len(set(words_)) == len(words_), f"{name}: a word twice"


def test_no_two_lists_hold_the_same_words():
    seen: dict[frozenset, str] = {}
    for name, ws in LISTS.items():
        assert frozenset(ws) not in seen, f"{name} and {seen.get(frozenset(ws))} are one set: name one list"
        seen[frozenset(ws)] = name


def test_expand_builds_alternations_and_leaves_repeats_alone():
    pattern = expand(r"在[^，,]{1,30}?{held_verbs}(?=囗)")
    assert pattern.startswith(r"在[^，,]{1,30}?(?:")   # a regex repeat is no list name
    assert re.match(pattern, "在青松镇举行") is None   # the lookahead stays
    assert re.match(pattern, "在青松镇举行囗") is not None
    # longest first, so a word is not cut by a shorter one it begins with (本年度 before 本年)
    assert words("tranche_openers").index("本年度") < words("tranche_openers").index("本年|")
    assert re.match(expand("{aid_marker}"), "援疆") is not None
    with pytest.raises(KeyError):
        expand("{no_such_list}")
