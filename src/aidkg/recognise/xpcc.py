"""Units of the Xinjiang Production and Construction Corps (兵团, 第N师, N团, farms) from the XPCC
table and the grammar of unit names, and the numbered companies (N连) of its regiments."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention
from .scope import Scope


def units(s: Scope) -> None:
    """One mention per link of a chain (新疆兵团|第三师|N团), so the chain can state partOf.
    A bare 兵团 in front of 第N师 is part of the division's name, not a mention of the corps.
    In an article about the corps (it names 兵团 or a division) 八团 alone is a regiment."""
    text, base = s.text, s.base
    for hit in gz.get_gazetteer().parse_xpcc(text, bare_regiments=s.xpcc_article):
        parts = list(hit.parts) or [(hit.start, hit.end, hit.unit)]
        if len(parts) > 1 and parts[0][2] is not None and parts[0][2].level == "corps" \
                and text[parts[0][0]:parts[0][1]] == "兵团" and parts[1][2] is not None \
                and parts[1][2].level == "division":
            parts = [(parts[0][0], parts[1][1], parts[1][2])] + parts[2:]
        for a, b, unit in parts:
            if unit is not None:
                s.found.append(Mention(base + a, base + b, "XPCCUnit", "gazetteer:xpcc",
                                       code=unit.code, canonical=unit.name))


_ABOUT_THE_CORPS = re.compile(r"兵团|(?:第|农)?[一二三四五六七八九十]{1,2}师(?![范资生傅德徒兄弟姐妹父爷奶表])")


def about_the_corps(text: str) -> bool:
    return _ABOUT_THE_CORPS.search(text) is not None


_XPCC_ARTICLE = re.compile(r"兵团|团场|第[一二三四五六七八九十]+师|[\d一二三四五六七八九十百]+团(?![结队体员伙])")
_COMPANY = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})连(?![串续日夜年月天冠胜败涨跌跳击号])"
_COMPANY_AT = re.compile(rf"(?:(?<=[\d一二三四五六七八九十百]团)|(?<=^)|(?<=[在到赴进和与及、，,。；;：:“「（(\n]))({_COMPANY})")


def company_names(text: str) -> set[str]:
    """An XPCC regiment's companies (连队) are named by number: 63团六连, 在十一连, 六连职工. In an
    article about the corps, N连 right after a regiment, or standing where a place may stand (after
    在/到/走进, at the start of a clause, in a list), names such a village-level place — and then
    does so wherever the article writes it."""
    if not _XPCC_ARTICLE.search(text):
        return set()
    return {m.group(1) for m in _COMPANY_AT.finditer(text) if m.group(1) != "一连"
            or text[max(0, m.start(1) - 1)] == "团"}


def companies(s: Scope) -> None:
    """The article's company names (company_names) wherever a sentence writes them."""
    if not s.xpcc_companies:
        return
    for m in re.finditer(rf"(?<![\d一二三四五六七八九十百第]){_COMPANY}", s.text):
        if m.group() in s.xpcc_companies:
            s.found.append(Mention(s.base + m.start(), s.base + m.end(), "Village", "grammar:xpcc-company"))
