"""The tagger's places and organisations that neither the gazetteer nor the name grammar explains
(world regions, 西海固地区, 新华社, brand names). The tagger alone is no evidence (it reads 百业兴,
长治久安's 长治 or 葡萄 as names): a word stands only with evidence of its own, recorded in its
source — `lac:head` (a head noun: X地区, X景区, X集团), `lac:gazetteer` (a division and a level
word or a landform: an old name like X县, X河谷), `lac:world` (a world region: 中亚, 欧洲) — or, at the end of the
article, `lac:short-form` (it begins a longer name the article gives: 闽润 … 福建闽润菌业有限公司).
The rest are dropped (short_forms_only)."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Document, Mention, Token
from ..lexicon import aid_marker, central_enterprises, class_by_suffix, ethnic_groups, rules, suffix_class, word_set, words_regex
from .blends import country_pair, province_pair
from .common import BARE_LEVEL_BODY, DIGITS, REGIONISH, quoted_way_of_working, starts_with_determiner
from .scope import Scope

UNSUPPORTED = "lac:bare"
_BYLINE_ROLES = frozenset({"记者", "通讯员", "摄影", "摄", "编辑", "责编", "作者", "撰稿", "文", "图"})
_PAIR_AFTER = re.compile(r"(?:东西部|扶贫|对口)?(?:协作|合作|两地|两省|携手|共建|结对|对口|帮扶|一家亲|情)")


def tagger_words(s: Scope) -> None:
    gaz = gz.get_gazetteer()
    tokens = s.tokens
    out = []
    for a, b in zip(tokens, tokens[1:]):
        if a.tag == b.tag == "LOC" and len(a.text) == len(b.text) == 1 and a.end == b.start \
                and not any(m.start < b.end and a.start < m.end for m in s.found):
            out += province_pair(Token(a.start, b.end, a.text + b.text, "LOC")) or []  # 沪|滇 split by the tagger
    for t in tokens:
        if t.tag == "PER" and len(t.text) == 2 and all(gaz.province_abbreviation(c) for c in t.text) \
                and _PAIR_AFTER.match(s.text, t.end - s.base):
            # 鲁甘协作: the tagger took a pair of provinces for a name (but 记者秦川 is a person: the
            # pair must be followed by what two partners do together)
            t = Token(t.start, t.end, t.text, "LOC")
        if t.tag not in ("LOC", "ORG") or len(t.text) < 2:
            continue
        if any(m.start < t.end and t.start < m.end for m in s.found):
            continue
        if t.text in central_enterprises():
            out.append(Mention(t.start, t.end, "Enterprise", "lac:reference"))  # 中石化: a central firm's short name
            continue
        name = t.text
        if quoted_way_of_working(s.text, t.start - s.base, t.end - s.base):
            continue  # “兵地通办”工作机制: the name of a way of working
        if t.tag == "ORG" and _after_firm_word(tokens, t) and not class_by_suffix(name) and 3 <= len(name) <= 8:
            out.append(Mention(t.start, t.end, "Enterprise", "lac:apposition"))  # 所属企业A、B: firms' short names
            continue
        prev = next((x for x in tokens if x.end == t.start), None)
        if prev is not None and re.search(r"[\d０-９]$", prev.text) or re.match(r"[万亿]", name):
            continue  # 60|万立方米: a unit the tagger took for a name
        if DIGITS.search(name) or name.endswith("企") or aid_marker().search(name) or re.search(r"投资|^[疆藏]", name):
            continue  # 360万元 mis-tagged, 冀企 (a province's firms), slogans with 援疆
        if name in ethnic_groups() or re.fullmatch(r".?(?:省|市|县|区|州|乡|镇)(?:委|政府|党委|人大|政协)", name):
            continue  # 哈萨克族 (a people, not a body), 任县委 (a verb on a bare 县委)
        lead = next((h for h in gaz.find_all(name) if h.start == 0 and not h.is_short_form), None) or \
            next((h for h in gaz.find_all(name) if h.start == 0 and len(h.text) >= 2), None)
        if lead is not None and 0 < len(name) - lead.end <= 2 and not re.search(r"[省市县区州镇乡村]$", name) \
                and not words_regex("landform_words").fullmatch(name[lead.end:]):
            continue  # 陇南农特(产品), 和田京(和…): a place and the start of the next word, not a name
        if t.tag == "LOC":
            byline = prev is not None and prev.text in _BYLINE_ROLES
            pair = None if byline else province_pair(t) or country_pair(t, tokens)  # (记者|晋川: a person)
            if pair:
                out += pair
                continue
            if len(name) == 2 and name[1] in "疆藏青" and not gaz.province_abbreviation(name[0]):
                continue  # 润疆, 进疆: a verb on a province's one-character name
            if re.match(r"[\d\s]", name) or name.startswith(tuple(rules()["not_place_prefixes"])):
                continue  # 当地, 全国, 两地: a reference, not a place's name
            if name in suffix_class():
                continue  # 工业园区/LOC alone: the kind, no name
            if "proper" in getattr(class_by_suffix(name), "flags", ()):
                continue  # 拉洛水电站, 高速公路: a facility's head; the name grammar decides whether it names one
            cls, evidence = _place_evidence(name, lead)
            out.append(Mention(t.start, t.end, cls, evidence))
        else:
            if starts_with_determiner(name) or BARE_LEVEL_BODY.fullmatch(name) or name in rules()["generic_institution_names"] \
                    or name[:1] in "省市县区州乡镇" and name[1:] in rules()["generic_institution_names"] and name[1:2] != "第" \
                    or re.match(r"(?:乡镇|村级|乡级|镇级|县级|基层)(?:卫生院|卫生室|医院|学校|小学|中学|幼儿园)$", name):
                continue  # 一些银行, 市政府, 乡镇卫生院: a description, a reference or a kind, not a name
            head = class_by_suffix(name)
            modifier = name[:len(name) - len(head.text)] if head is not None else ""
            if head is not None and len(modifier) >= 2 and head.cls != "Project" \
                    and not re.fullmatch(r"[省市县区州乡镇村]", modifier) and modifier not in rules()["descriptive_words"]:
                out.append(Mention(t.start, t.end, head.cls, "lac:head"))  # not 县医院, 现代化学校: kinds
            else:
                out.append(Mention(t.start, t.end, "Organization", UNSUPPORTED))
    s.found += out


_FIRM_WORDS = frozenset({"企业", "公司", "集团", "央企", "国企", "民企", "龙头企业", "子公司", "企业集团"})


def _after_firm_word(tokens: list[Token], t: Token) -> bool:
    """所属企业A、B: names the tagger marks as organisations in a list right after a word for firms
    (no 的 between) are those firms' short names."""
    i = tokens.index(t)
    while i >= 2 and tokens[i - 1].text == "、" and tokens[i - 2].tag == "ORG":
        i -= 2
    return i >= 1 and tokens[i - 1].text in _FIRM_WORDS and tokens[i - 1].end == tokens[i].start


def _place_evidence(name: str, lead) -> tuple[str, str]:
    if name in rules()["world_regions"]:
        return "Region", "lac:world"
    heads = rules()["place_heads"]
    head = next((h for h in sorted(heads, key=len, reverse=True) if name.endswith(h) and len(name) > len(h)
                 and not h.startswith("_")), None)
    if head is not None:
        kinds = "|".join(map(re.escape, sorted(word_set("kind_words"), key=len, reverse=True)))
        if re.fullmatch(f"(?:{kinds})+", name[:-len(head)]):
            return heads[head], UNSUPPORTED  # 安置小区, 移民新村: a kind of estate, not one named
        return heads[head], "lac:head"
    if lead is not None and lead.xpcc is None:
        rest = name[lead.end:]
        if rest in rules()["level_words"] or rest in rules()["region_landforms"]:
            # 林芝县, X地区: a division's name and a level word; 伊犁河谷, 吐鲁番盆地: and a landform
            # (not 山 or 江畔: a mountain or a river bank named after a place is no region of the aid)
            return "Region", "lac:gazetteer"
        return "Region", UNSUPPORTED
    level = next((w for w in rules()["level_words"] if name.endswith(w) and w != "区"), None)
    modifier = name[:-len(level)] if level else ""
    if len(modifier) >= 2 and not re.search(r"[两二三四五六七八九十]$", modifier) \
            and modifier not in rules()["generic_project_modifiers"]:
        return "Region", "lac:head"  # X县, X市: a place the gazetteer does not know, named as one
    return "Region", UNSUPPORTED


def short_forms_only(doc: Document) -> None:
    """An unsupported tagger word stands when it is the short form of a longer name the article
    gives (闽润 … 福建闽润菌业有限公司, 准东 … 准东开发区): it then begins that name, or that name
    after the places in front of it. The other unsupported words are dropped."""
    gaz = gz.get_gazetteer()
    longer: set[tuple[str, bool]] = set()   # (name, whether it names a project or event)
    for m in doc.mentions:
        if m.source.startswith("lac") or m.cls in ("Person", "Cadre") or m.end - m.start < 3:
            continue
        name = doc.norm[m.start:m.end]
        longer.add((name, m.cls == "Project"))
        pos = 0
        for h in sorted(gaz.find_all(name), key=lambda h: h.start):
            if h.start == pos and len(name) - h.end >= 2:
                pos = h.end
                longer.add((name[pos:], m.cls == "Project"))
    kept = []
    for m in doc.mentions:
        if m.source == UNSUPPORTED:
            word = doc.norm[m.start:m.end]
            # a place word opening a project's or an event's name (三峡 … 三峡移民就业基地, 三峡库区经贸
            # 洽谈会) is what it is named after, not its short form
            if not any(n.startswith(word) and len(n) > len(word) and not (project and m.cls in REGIONISH)
                       for n, project in longer):
                continue
            m.source = "lac:short-form"
        kept.append(m)
    doc.mentions[:] = kept
