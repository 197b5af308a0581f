"""Loads the data files of the name grammar (src/aidkg/data): suffixes and word lists."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _data(name: str) -> str:
    return resources.files("aidkg").joinpath("data", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Suffix:
    text: str
    cls: str
    min_len: int


@lru_cache(maxsize=1)
def name_suffixes() -> tuple[Suffix, ...]:
    out = []
    for line in _data("name_grammar.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out.append(Suffix(parts[0], parts[1], int(parts[2])))
    # longest first so 前方指挥部 wins over 指挥部
    return tuple(sorted(out, key=lambda s: -len(s.text)))


@lru_cache(maxsize=1)
def suffix_regex() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s.text) for s in name_suffixes()))


@lru_cache(maxsize=1)
def suffix_class() -> dict[str, Suffix]:
    return {s.text: s for s in name_suffixes()}


def class_by_suffix(name: str) -> Suffix | None:
    for s in name_suffixes():
        if name.endswith(s.text):
            return s
    return None


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(_data("name_rules.json"))


def word_set(key: str) -> frozenset[str]:
    return frozenset(rules()[key])
