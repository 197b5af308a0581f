"""Loads the data files of the name grammar and of the relation and money rules (src/aidkg/data):
suffixes, word lists, and patterns written with them."""
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
    flags: frozenset[str] = frozenset()   # how a name with this head is read (see name_grammar.tsv)


@lru_cache(maxsize=1)
def name_suffixes() -> tuple[Suffix, ...]:
    out = []
    for line in _data("name_grammar.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        flags = frozenset(f for f in parts[3].split(",") if f and f != "-") if len(parts) > 3 else frozenset()
        out.append(Suffix(parts[0], parts[1], int(parts[2]), flags))
    # longest first so 前方指挥部 wins over 指挥部
    return tuple(sorted(out, key=lambda s: -len(s.text)))


@lru_cache(maxsize=1)
def suffix_regex() -> re.Pattern[str]:
    # a school's short form (一中, 二小) is no head where a longer one goes on (第一中学, 一中心)
    return re.compile("|".join(re.escape(s.text) + ("(?![学心])" if "short" in s.flags else "") for s in name_suffixes()))


@lru_cache(maxsize=1)
def suffix_class() -> dict[str, Suffix]:
    return {s.text: s for s in name_suffixes()}


def class_by_suffix(name: str) -> Suffix | None:
    for s in _suffixes_ending_in().get(name[-1:], ()):
        if name.endswith(s.text):
            return s
    return None


@lru_cache(maxsize=1)
def _suffixes_ending_in() -> dict[str, tuple[Suffix, ...]]:
    """The suffixes by their last character, longest first as in name_suffixes (a name's last
    character picks the few worth trying)."""
    out: dict[str, list[Suffix]] = {}
    for s in name_suffixes():
        out.setdefault(s.text[-1:], []).append(s)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(_data("name_rules.json"))


@lru_cache(maxsize=None)
def word_set(key: str) -> frozenset[str]:
    return frozenset(rules()[key])


@lru_cache(maxsize=None)
def longest_first(*keys: str) -> tuple[str, ...]:
    """The words of one or more lists of name_rules.json, longest first (for removing them in turn;
    sorted once, as sorted(word_set(…), key=len, reverse=True) gives them)."""
    words = word_set(keys[0])
    for k in keys[1:]:
        words = words | word_set(k)   # (the union as callers wrote it: ties keep its order)
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def words_regex(key: str) -> re.Pattern[str]:
    """An alternation of a word list, longest word first (so 现代化 wins over 现代 at one place)."""
    return re.compile("|".join(re.escape(w) for w in sorted(rules()[key], key=len, reverse=True)))


@lru_cache(maxsize=1)
def relation_words() -> dict[str, list[str]]:
    """The word lists relation rules and the money stage are written with (data/relation_words.json)."""
    return {k: v for k, v in json.loads(_data("relation_words.json")).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def words(name: str) -> str:
    """A word list as a regex alternation, longest words first (made once: rules call it per sentence)."""
    return "|".join(re.escape(w) for w in sorted(relation_words()[name], key=len, reverse=True))


def expand(pattern: str) -> str:
    """``{name}`` in a pattern → the alternation of that word list of relation_words.json, or
    ``{aid_marker}`` → the 援X pattern; regex repeats such as ``{1,30}`` stay as they are."""
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name == "aid_marker":
            return aid_marker().pattern
        return f"(?:{words(name)})"
    return re.sub(r"\{([a-z_]+)\}", sub, pattern)


@lru_cache(maxsize=1)
def ethnic_groups() -> frozenset[str]:
    """The 56 peoples and their usual short names (哈萨克族): a people, not a place or body."""
    return frozenset(l.strip() for l in _data("ethnic_groups.txt").splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def central_bodies() -> frozenset[str]:
    """Departments of the State Council and the Party Centre (农业农村部, 国家发展改革委, 中组部)."""
    return frozenset(l.strip() for l in _data("central_bodies.txt").splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def central_enterprises() -> frozenset[str]:
    """Short names of central state-owned enterprises (中石化, 国家电网): firms without a head noun."""
    return frozenset(l.strip() for l in _data("central_enterprises.txt").splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def country_abbreviations() -> dict[str, str]:
    """One-character names of countries (美 → 美国) as used in pairs like 中美."""
    rows = [l.split("\t") for l in _data("country_abbreviations.tsv").splitlines() if l and not l.startswith("#")]
    return {a: n for a, n in rows[1:]}


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """A province's one-character name → its division code (疆 → 650000)."""
    out = {}
    for line in _data("division_abbreviations.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[0]) == 1 and parts[2] == "no":
            out[parts[0]] = parts[1]
    return out


@lru_cache(maxsize=1)
def aid_marker() -> re.Pattern[str]:
    """援 + a province's one-character name (援疆, 援藏, 援黔, 援青 …): aid sent to that province."""
    return re.compile("援[" + "".join(sorted(province_abbreviations())) + "]")


@lru_cache(maxsize=1)
def cadre_role() -> re.Pattern[str]:
    """援X干部/专家/医生/教师…, or 援X and an office held in the aided place (援疆副校长, 援藏副县长):
    a person sent under an aid programme."""
    titles = "|".join(sorted(rules()["titles_before_names"], key=len, reverse=True))
    return re.compile(aid_marker().pattern + r"(?:干部|专家|医生|教师|老师|人才|医疗队|工作队|队员|律师|记者|"
                      + titles + ")")
