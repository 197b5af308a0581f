"""The tagger's places and organisations that neither the gazetteer nor the name grammar explains
(countries, rivers, 新华社, brand names), as plain Region / Organization."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import ethnic_groups, rules, words_regex
from .blends import country_pair, province_pair
from .common import BARE_LEVEL_BODY, DIGITS, starts_with_determiner
from .scope import Scope


def tagger_words(s: Scope) -> None:
    gaz = gz.get_gazetteer()
    tokens = s.tokens
    out = []
    for t in tokens:
        if t.tag == "PER" and len(t.text) == 2 and all(gaz.province_abbreviation(c) for c in t.text):
            t = Token(t.start, t.end, t.text, "LOC")  # 鲁甘协作: the tagger took a pair of provinces for a name
        if t.tag not in ("LOC", "ORG") or len(t.text) < 2:
            continue
        if any(m.start < t.end and t.start < m.end for m in s.found):
            continue
        name = t.text
        prev = next((x for x in tokens if x.end == t.start), None)
        if prev is not None and re.search(r"[\d０-９]$", prev.text) or re.match(r"[万亿]", name):
            continue  # 60|万立方米: a unit the tagger took for a name
        if DIGITS.search(name) or name.endswith("企") or re.search(r"援[疆藏青]|投资|^[疆藏]", name):
            continue  # 360万元 mis-tagged, 冀企 (a province's firms), slogans with 援疆
        if name in ethnic_groups() or re.fullmatch(r".?(?:省|市|县|区|州|乡|镇)(?:委|政府|党委|人大|政协)", name):
            continue  # 哈萨克族 (a people, not a body), 任县委 (a verb on a bare 县委)
        lead = next((h for h in gaz.find_all(name) if h.start == 0 and not h.is_short_form), None) or \
            next((h for h in gaz.find_all(name) if h.start == 0 and len(h.text) >= 2), None)
        if lead is not None and 0 < len(name) - lead.end <= 2 and not re.search(r"[省市县区州镇乡村]$", name) \
                and not words_regex("landform_words").fullmatch(name[lead.end:]):
            continue  # 陇南农特(产品), 和田京(和…): a place and the start of the next word, not a name
        if t.tag == "LOC":
            pair = province_pair(t) or country_pair(t, tokens)
            if pair:
                out += pair
                continue
            if len(name) == 2 and name[1] in "疆藏青" and not gaz.province_abbreviation(name[0]):
                continue  # 润疆, 进疆: a verb on a province's one-character name
            if re.match(r"[\d\s]", name) or name.startswith(tuple(rules()["not_place_prefixes"])):
                continue  # 当地, 全国, 两地: a reference, not a place's name
            out.append(Mention(t.start, t.end, "Region", "lac"))
        else:
            if starts_with_determiner(name) or BARE_LEVEL_BODY.fullmatch(name) \
                    or re.match(r"(?:乡镇|村级|乡级|镇级|县级|基层)(?:卫生院|卫生室|医院|学校|小学|中学|幼儿园)$", name):
                continue  # 一些银行, 市政府, 乡镇卫生院: a description, a reference or a kind, not a name
            out.append(Mention(t.start, t.end, "Organization", "lac"))
    s.found += out
