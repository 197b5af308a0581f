"""Whether the words before a head name one thing (X县第二小学, 恒锦纺织) or describe a kind
(现代化学校, 两条生产线): the name must say something of its own beyond places and generic words."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import Suffix, longest_first, rules, suffix_class, word_set, words_regex
from .common import DIGITS


def acceptable(name: str, suffix: Suffix, tokens: list[Token], start: int, end: int, regions: list[Mention],
               bounded: bool = False) -> bool:
    """`bounded`: the name runs from a figure's 的 (投资N元的X基地) to its head — one thing, named."""
    if len(name) < suffix.min_len or len(name) > 40:
        return False
    if "+" in name or "＋" in name:
        return False  # “经纪人+合作社+扶贫车间”: a formula of a way of working, no name
    head = suffix.text
    modifier = name[: len(name) - len(head)]
    if not modifier or _AREA.fullmatch(modifier):
        return False  # 400亩工业园区: an area and a kind of park, no name
    if any(p in modifier for p in rules()["plural_markers"]):
        return False
    # two partners by their one-character names (沪滇协作项目) name the partnership, not one thing
    inner_regions = [r for r in regions if r.start >= start and r.end <= end and r.source != "gazetteer:abbreviation"]
    rest = _own_words(modifier, start, inner_regions)
    has_region = bool(inner_regions)
    # nor do the one-character names of provinces the tagger calls places (沪|滇)
    gaz = gz.get_gazetteer()
    # (only tokens from the name's start on are read below: the others are not checked)
    tokens = [t for t in tokens if start <= t.start <= end
              and not (len(t.text) <= 2 and all(gaz.province_abbreviation(c) for c in t.text))]
    specific = (
        has_region
        or DIGITS.search(modifier) is not None
        or re.match(r"[十百千万]+亩", modifier) is not None  # 万亩X示范园: the area it covers
        or (("“" in name or "「" in name) and not _generic_quotes(name))
        or bounded
        or any(t.tag in ("nz", "LOC", "PER", "ORG", "nw") and t.start >= start
               and (t.end <= end - len(head) or (t.start == start and t.end >= end))
               and t.text not in word_set("person_nouns")  # 农牧民 read as an organisation names nothing
               for t in tokens)
    )
    if "zoned" in suffix.flags:
        # X市工业园区基础设施, X工业园区标准化厂房及配套设施: the works of a park named by the park;
        # a place's or a village's infrastructure in general (X县基础设施) names no project
        zones = [(modifier.rfind(h.text) + len(h.text), len(h.text)) for h in suffix_class().values()
                 if h.cls == "DevelopmentZone" and len(h.text) >= 2 and h.text in modifier]
        if not zones:
            return False
        last, longest = max(zones)  # the longest park head ending last (工业园区, not 园区)
        # (工业园区基础设施 alone: a kind of park's works, no park named)
        return last - longest >= 2 and len(modifier) - last <= 8 and not re.search(r"[，,、的]", modifier[last:])
    if "placed" in suffix.flags and suffix.cls != "Project":
        # X县园区, X商贸园区: a place's park (省级高新园区 is a kind of park), its own words few
        return has_region and min(r.start for r in inner_regions) == start and len(rest) <= 4
    if "national" in suffix.flags and not re.match(r"(?:第[^届次]{1,4}[届次])?(?:全国|中央|国务院)", name):
        return False
    if suffix.cls == "Project":
        if re.search(r"类$", modifier) or re.fullmatch(r"[\d.]+[万亿]?元?(?:投资|资金)?", modifier):
            return False  # 全额投资类项目, 8000万投资项目: a category or a sum, not a name
        if "base" in suffix.flags:
            # 双孢菇(nz)生产基地 is a kind of base; a brand, place or figure names one
            named = has_region or bounded or DIGITS.search(modifier) is not None or "“" in name or any(
                t.tag in ("LOC", "PER", "ORG") and t.start >= start and t.end <= end - len(head) for t in tokens) \
                or any(t.tag == "ORG" and t.start == start and t.end == end for t in tokens)  # the tagger's whole name
            return named and len(rest) >= 2
        if "about" in suffix.flags and not has_region and not re.match(r"(?:19|20)\d{2}年", name):
            return False  # 开工奠基仪式 of a batch of aid: a ceremony is named by the place or parties it is about
        if "named" in suffix.flags:
            return specific and len(rest) >= 2
        if "held" in suffix.flags and has_region and len(modifier) > sum(r.end - r.start for r in inner_regions):
            return True  # 云岭省·东川省东西部协作座谈会, 海澜青松合作论坛: the places and what they meet for
        if "settlement" in suffix.flags:
            # X县易地扶贫搬迁集中安置点: a resettlement site is named by the place its name opens with;
            # without one (集中安置点, 易地扶贫搬迁安置区) it is a kind of site
            return has_region and min(r.start for r in inner_regions) == start
        placed = has_region or any(t.tag == "LOC" and start <= t.start < end for t in tokens)
        if "route" in suffix.flags and placed and re.search(r"[\u4e00-\u9fff](?:至|到|—|―)[\u4e00-\u9fff]", modifier):
            return True  # 和田至若羌高速公路: a route between two places is named by its ends alone
        if "proper" in suffix.flags:
            # 米拉山隧道, 拉林铁路, X县Y农村公路: a road, tunnel or reservoir is named by a place or a word
            # the tagger marks as a name; its kind and the works on it (农村公路, 全县建设农村公路) name none
            return (has_region or specific) and len(rest) >= 2
        if "placed" in suffix.flags:
            # a bridge or station is named by its place alone (X镇大桥, X区客运枢纽站), or by words of its own
            return has_region or len(rest) >= 4 or (specific and len(rest) >= 2)
        if "workshop" in suffix.flags:
            # a 扶贫车间/就业帮扶车间 is named by its place or its brand (X镇就业帮扶车间, 某某电子扶贫车间)
            return (has_region and not rest) or len(rest) >= 4 or (specific and len(rest) >= 2)
        if suffix.flags & {"project", "owned"} and not specific and (
                _bare_kind(rest) or modifier.lstrip("省市县区州乡镇村").startswith(tuple(rules()["generic_institution_names"]))):
            return False  # 学校改扩建项目, 乡卫生院制氧站: works on a kind of building or body, not one named
        if suffix.flags & {"project", "owned"} and _generic_quotes(name) and len(rest) < 4:
            return False  # “交钥匙工程”项目: a mode of aid in quotes, however the tagger marks it
        if suffix.flags & {"project", "owned"} and _CATEGORY.search(modifier) \
                and len(re.sub(r"国家|中央|全国|全省|全区|全州|全市|全县", "", rest)) <= 3:
            return False  # 西藏重点电力建设项目, 国家重大水利工程: a category of works by rank and sector
        if suffix.flags & {"project", "owned"}:
            # X乡Y村乡村振兴示范点建设项目: places and five characters of what is built name one
            own = _own_words(modifier, start, inner_regions, generic=False)
            return len(rest) >= 4 or (specific and len(rest) >= 2) or (
                has_region and not _generic_quotes(name) and len(own) >= 5)  # (辽阳援疆“交钥匙”项目: a mode)
        # X县公共文化中心: a facility named by the place it serves and the kind of facility it is
        placed = has_region and min(r.start for r in inner_regions) == start \
            and len(_own_words(modifier, start, inner_regions, generic=False)) >= 2
        return (specific and len(rest) >= 2) or len(rest) >= 5 or placed
    if suffix.cls == "DevelopmentZone" and len(modifier) >= 2 and all(gaz.province_abbreviation(c) for c in modifier[:2]) \
            and not re.search(r"[省市县区州]", modifier[:2]):
        return True  # 闽宁产业园, 沪滇合作产业园区: a park the two partners named after their partnership
    if suffix.cls == "DevelopmentZone" and not has_region and not words_regex("zone_kind_words").sub("", modifier):
        return False  # 经济开发区, 高新技术产业园区: the kind of zone, no zone named
    if suffix.cls in ("Institution", "GovernmentBody", "DevelopmentZone"):
        own = modifier
        for r in sorted(inner_regions, key=lambda r: r.start, reverse=True):
            own = own[:r.start - start] + own[r.end - start:]
        own = words_regex("descriptive_words").sub("", own)  # 现代化学校 is a description
        return (specific and (len(own) >= 1 or has_region)) or len(rest) >= 4
    inside = [t for t in tokens if start <= t.start and t.end <= end - len(head)]
    if suffix.flags & {"weak", "fund"} and not has_region and not any(t.tag in ("ORG", "nz", "nw", "PER", "LOC") for t in inside) \
            and not any(t.tag in ("ORG", "nz", "nw") and t.start == start and t.end == end for t in tokens) \
            and (any(t.tag in ("a", "ad", "b", "m", "d") for t in inside)
                 or inside and inside[-1].end == end - len(head) and inside[-1].text in word_set("enterprise_generic_words")):
        # 大量优质清洁电力能源, 援疆专项基金, X产业基金: an industry or a kind of fund described by qualities or
        # an industry word; a firm so headed is named by a place, a brand (明月食品) or a word the tagger marks
        return False
    if "branded" in suffix.flags and not any(t.tag in ("ORG", "nz", "nw", "PER") and start <= t.start and t.end <= end
                                             for t in tokens):
        return False  # 草原牧业 is a trade; 冠卓牧业 (a brand the tagger marks) is a firm
    # enterprises: a brand name before the suffix
    brand = modifier
    for r in sorted(inner_regions, key=lambda r: r.start, reverse=True):
        if r.start == start:
            brand = brand[r.end - r.start:]
    for g in longest_first("enterprise_generic_words"):
        brand = brand.replace(g, "")
    if not brand and inner_regions and inner_regions[0].start == start and len(name) >= 4 \
            and inner_regions[0].end - inner_regions[0].start == len(modifier):
        # a place's short name + an industry (阿克苏纺织-style short names of firms)
        return not re.search(r"[省市县区州]$", modifier) and "industry" in suffix.flags
    return len(brand) >= 2


# a rank of importance (重点, 重大, 骨干) before a sector word makes a category of works, not a name
_CATEGORY = re.compile(r"重点|重大|骨干")
_AREA = re.compile(r"(?:[\d.]+|[一二三四五六七八九十百千万]+)万?(?:亩|平方米|平方公里|公顷)")
_QUOTED = re.compile(r"[“「]([^”」]*)[”」]")


def _generic_quotes(name: str) -> bool:
    """Every quoted word of the name is a generic one (“交钥匙”项目, “飞地经济”合作项目): a mode of aid
    or cooperation in quotes, not a title."""
    quoted = _QUOTED.findall(name)
    if not quoted:
        return False
    generic = longest_first("generic_project_modifiers")
    for q in quoted:
        for g in generic:
            q = q.replace(g, "")
        if re.sub(r"(?:工程|项目|模式|方式)$", "", q):
            return False  # (“交钥匙工程”项目: the mode's own head adds no name)
    return True


def _bare_kind(words: str) -> bool:
    """The words are a kind of building or institution (学校, 医院, 宿舍楼) and the works done on it."""
    for v in longest_first("name_internal_verbs", "construction_verbs"):
        words = words.replace(v, "")
    return bool(words) and (words in suffix_class() or words in rules()["building_parts"])


def _own_words(modifier: str, start: int, inner_regions: list[Mention], generic: bool = True) -> str:
    """The modifier without the places in it and (`generic`) without generic words (援疆, 重点, 民生 …)."""
    rest = modifier
    spans = {(r.start, r.end) for r in inner_regions}  # a town found twice (gazetteer, grammar) is cut once
    for r0, r1 in sorted(spans, reverse=True):
        a, b = r0 - start, r1 - start
        if b <= len(rest) and not any(x0 <= r0 and r1 <= x1 and (x0, x1) != (r0, r1) for x0, x1 in spans):
            rest = rest[:a] + rest[b:]
    for g in longest_first("generic_project_modifiers") if generic else ():
        rest = rest.replace(g, "")
    if generic:
        rest = re.sub(r"[\u4e00-\u9fff]{2,4}类|[\u4e00-\u9fff]{2}式", "", rest)  # 文化教育类, 产业类, 集中式: a category or a manner, not a name
    rest = _PERIOD.sub("", rest)  # 2017年援疆项目, 今年援藏项目: the projects of a period, not one
    rest = re.sub(r"[“”「」‘’\"]", "", rest)  # “交钥匙”项目: the quote marks are no words of the name
    return re.sub(r"^[\d.]+[个项所家名]", "", rest)


# a year or a period relative to the article (2017年, 2018年度, 今年, 年内): when a project was planned
_PERIOD = re.compile(r"(?:19|20)\d{2}年度?|" + "|".join(("本年度", "今年", "去年", "明年", "当年", "年内", "近年", "全年")))
