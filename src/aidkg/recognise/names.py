"""The grammar of organisation, institution and project names: a head noun (集团, 小学, 项目 …,
data/name_grammar.tsv) and the words before it, extended leftwards over the tagger's tokens while
they can belong to a name (name_bounds says where a name starts, name_checks whether it names one)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import Suffix, central_bodies, central_enterprises, class_by_suffix, longest_first, rules, suffix_class, suffix_regex, word_set, words_regex
from .common import HAN, BARE_LEVEL_BODY, DIGITS, QUANTITY, quoted_way_of_working, snap_to_places, starts_with_determiner
from .name_bounds import (EVENT_HEAD, OPENERS, after_joined_firm, amount_bounded_start, cut_after_verb,
                          drop_descriptive_prefix, heading_name_start, object_of_ba, object_of_construction, stationed_by, trim_left)
from .name_checks import acceptable
from .scope import Scope

NAME_TAGS = {"n", "nz", "nw", "vn", "an", "j", "LOC", "ORG", "s", "a"}
_SINGLE_CHAR_OK_TAGS = {"ORG", "nz", "LOC"}
# what follows an event held (X仪式(Y项目)隆重举行, X会将在R召开)
_HELD_AT = re.compile(r"(?:[（(][^）)]{1,30}[）)])?(?:今天|今日|昨天|昨日|日前|近日|当天|上午|下午)?"
                      r"(?:(?:将|拟|已|于[^，,。；;在]{1,10})?在[^，,。；;]{2,12}?)?"
                      r"(?:隆重|正式|成功|顺利)?(?:举行|召开|开幕|举办)")
# held with the year of its edition as the verb's object (召开2025年X工作推进会, 举办了2023年X节)
_HELD_OBJECT = re.compile(r"(?:召开|举行|举办)了?((?:19|20)\d{2}年度?[^，,。；;：:、“”的在]{2,30})$")
_HELD_BEFORE = re.compile(r"(?:召开|举行|举办|开幕)[的了](?!.*(?:召开|举行|举办|开幕)[的了])")
_LIST_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*")
_COUNTED = re.compile(r"(?:共|达|约|共计|合计)?[\d一二三四五六七八九十百千万两几多余.]+(?:个|项|处|条|座|栋|台|套|家|间|吨|亩|所)")
_ROUND_AREA = re.compile(r"[十百千万]+亩")
# a rank among things of a kind: an ordinal with a measure word (首家, 第一所) or a superlative (最大)
_RANK = re.compile(r"(?:首|第[一二三四五六七八九十\d]+)[家个座所栋条]|第[一二三四五六七八九十\d]+(?:长|大|高|深)|(?:全球|世界|全国|国内|亚洲|全省|全区|全州|全市|全县)最|^最|(?<=[^\u4e00-\u9fff])最")
_LIST_HEAD = re.compile(r"[两二三四五六七八九十]+大")
_COUNT_FIRST = re.compile(r"[\d一二三四五六七八九十百千万两几]+[余多]?(?:个|项|处|条|座|栋|家|所|批|类|大)")


def grammar_names(s: Scope) -> None:
    text, base, tokens = s.text, s.base, s.tokens
    regions = s.confirmed()
    sfx = suffix_class()
    out: list[Mention] = []
    for m in head_matches(text, base, tokens, sfx):
        suffix = sfx[m.group()]
        s_abs, e_abs = base + m.start(), base + m.end()
        k = next((i for i, t in enumerate(tokens) if t.start <= s_abs < t.end), None)
        if k is None:
            continue
        tok = tokens[k]
        if _misread_head(text, m, suffix, tokens, k, e_abs):
            continue
        if suffix.cls == "Project":
            tokens = _season_as_noun(tokens, k)
        start, owner = _walk_left(text, base, tokens, k, suffix)
        if "settlement" in suffix.flags:
            start = _settlement_words(text, base, tokens, start, suffix)
        if suffix.cls in ("Project", "DevelopmentZone", "Institution") and not owner:
            start = _split_word(text, base, tokens, start, suffix)
        if suffix.cls == "Project" and not owner:
            start = _over_conjunction(text, base, tokens, start, regions)
            start = object_of_construction(tokens, start, e_abs)
        if starts_with_determiner(text[start - base:]) or BARE_LEVEL_BODY.fullmatch(text[start - base:e_abs - base]):
            continue  # 一些银行, 各级政府, 市政府: a description or a reference, not a name
        if suffix.cls == "Project":
            # X医院住院楼|改扩建项目: a facility named just before the project's own words is part of it
            glued = [o for o in out if o.start < start <= o.end and o.cls in ("Project", "Institution")
                     and not ("placed" in suffix.flags and s.doc.norm[o.start:o.end].endswith(("工程", "项目")))]
            # (国家重点工程项目|拉林铁路: a category in apposition, not a facility the works are on)
            if glued:
                start = glued[-1].start
        if suffix.cls != "Enterprise":  # 投资/建设 inside a firm's name are words of its business
            start = cut_after_verb(tokens, start, tok, suffix.text)
        if suffix.cls in ("Enterprise", "Organization"):
            start = drop_descriptive_prefix(text, base, start, e_abs)  # before 本地企业 loses its 本
        start = trim_left(text, base, start, e_abs, suffix.cls)
        aided = re.search(r"援建|捐建|帮建", text[start - base:e_abs - base]) if suffix.cls in ("Institution", "Enterprise") else None
        if aided and any(r.start == start + aided.end() for r in regions) and e_abs - start - aided.end() >= 4:
            start += aided.end()  # 上海援建X市社区卫生服务中心 (one word to the tagger): the donor and its verb are no name
        if re.match(rf"[{HAN}]东西部(?:扶贫)?协作", text[start - base:]) and re.match(rf"[{HAN}]", text[start - base - 1:start - base]) \
                and start - base >= 1:
            start -= 1  # 浔广东西部协作产业园: the partners' two initials open the name (the tagger cut one off)
        lead = next((t for t in tokens if t.start == start), None)
        if lead is not None and lead.text in ("和", "与", "及", "同", "跟") and e_abs - lead.end >= 4:
            start = lead.end  # 和|恒达纺织有限公司签约: the conjunction the tagger glued to a name opens no name
        start = after_joined_firm(text, base, start, e_abs)
        start = snap_to_places(start, e_abs, regions)
        if suffix.cls == "Enterprise":
            start = _after_locator(text, base, start, e_abs)
            start = _after_described_firm(text, base, start, e_abs)
        if suffix.cls in ("Enterprise", "Organization"):
            start = drop_descriptive_prefix(text, base, start, e_abs)
        stationed = stationed_by(text, base, start, regions) if suffix.cls != "Enterprise" else None
        if stationed is not None:
            start = snap_to_places(stationed, e_abs, regions)
        bounded = (amount_bounded_start(text, base, e_abs) or object_of_ba(text, base, e_abs)) \
            if suffix.cls == "Project" else None
        if bounded is not None and bounded < start and re.search(r"公司|集团|有限|医院|学校", text[bounded - base:start - base]):
            bounded = None  # 投资N元的X有限公司Y项目: a firm named in full is the owner before the project's name
        if bounded is not None:
            start = bounded  # 投资N元的<name>: the figure's 的 opens the name (a firm's brand before a product, 食品用材料)
        if suffix.cls == "Project" and bounded is None:
            start = _after_category_dash(text, base, start, e_abs)
        if suffix.cls == "GovernmentBody":
            on_behalf = [m2.end() for m2 in re.finditer("代表", text[start - base:s_abs - base])
                         if any(r.start == start + m2.end() for r in regions)]
            if on_behalf:
                start += on_behalf[-1]  # 邵某代表|达州市委: a person speaks for the body, no part of its name
        if suffix.text.endswith("团"):
            led = None
            for led in re.finditer(r"率领|带领|率", text[start - base:s_abs - base]):
                pass
            if led is not None:
                start += led.end()  # 主要领导率|代表团, 张明率|X代表团: who leads it is no part of its name
        name = text[start - base:e_abs - base]
        if not name:
            continue
        initials = "route" in suffix.flags and _route_initials(s, text, m.start())
        if initials and (start >= s_abs - 2 or not acceptable(name, suffix, tokens, start, e_abs, regions)):
            # 和若铁路, 扎墨公路: a route named by the first characters of its two ends, whatever the
            # tagger made of them (和/c 若/c, 扎墨/vn)
            start, name = s_abs - 2, text[m.start() - 2:m.end()]
        if suffix.cls == "Project" and any(start <= t.start < e_abs and _LIST_HEAD.fullmatch(t.text) for t in tokens):
            continue  # A、B、C三大重点水利工程: a list's head; its items are the names
        cls = "GovernmentBody" if stationed is not None else suffix.cls
        if cls == "GovernmentBody" and _CENTRAL_BUREAU.fullmatch(name):
            cls = "Enterprise"  # 中铁十七局, 中建三局: a central builder's engineering bureau is a firm, no organ
        quoted = _whole_quote(text, start - base, e_abs - base) if "event" in suffix.flags else None
        if quoted is not None and len(quoted) >= suffix.min_len:
            # “千家商户万种好物对接活动”: a title quoted whole is one name, whatever words it holds
            q0 = e_abs - len(quoted) - 1 - base
            edition = _EDITION_BEFORE_QUOTE.search(text, 0, q0)
            # (第二届“中国X·Y商品交易会”: the edition before the quote is part of its name)
            out.append(Mention(base + edition.start() if edition else e_abs - len(quoted), e_abs + (1 if edition else 0),
                               cls, f"grammar:{suffix.text}"))
            continue
        if "event" in suffix.flags and (_EDITIONS.search(text, 0, start - base) or _EDITIONS_OPEN.match(name)
                                         and text[start - base - 1:start - base] not in ("第", "首")):
            continue  # 前六届“X”活动, 历届X博览会: many editions of an event, not one
        if "held" in suffix.flags:
            start, name = _parties_of_event(text, base, start, e_abs, regions)
        if _description(text, base, tokens, suffix, cls, name, start, s_abs, e_abs, owner, regions):
            continue
        if "held" in suffix.flags and _HELD_AT.match(text, e_abs - base):
            # 2024年X·Y对口合作招商推介暨项目签约会在R举行: the whole subject of 在R举行 is the event's name
            c0 = max(text.rfind(ch, 0, start - base) for ch in "，,。；;：:\n") + 1
            subject = text[c0:e_abs - base]
            # (a firm's full name inside is a party to it: A公司并购B公司签约仪式 names the firms)
            # (a generic ceremony's subject holding an institution or firm found before — A医院对口支援
            # B医院签约揭牌仪式 — is what the parties do, not a title)
            parties = "about" in suffix.flags and any(
                o.cls in ("Institution", "Enterprise", "GovernmentBody", "Organization") and base + c0 <= o.start and o.end <= start
                for o in out + s.found)
            if parties:
                continue  # (and its last words alone are no title either)
            if c0 < start - base and len(subject) <= 40 and not re.search(
                    r"[在由将于的是、“”]|召开|举行|举办|有限公司|有限责任公司", subject[:-len(suffix.text)]):
                start, name = base + c0, subject
        edition = _EDITION.search(text, 0, start - base) if EVENT_HEAD.search(suffix.text) and suffix.cls == "Project" \
            and "named" not in suffix.flags else None
        if edition:
            start, name = base + edition.start(), text[edition.start():e_abs - base]  # 第十届全国对口支援…洽谈会
        held_obj = _HELD_OBJECT.search(text, 0, e_abs - base) if "held" in suffix.flags else None
        if held_obj and held_obj.start(1) < start - base:
            start, name = base + held_obj.start(1), text[held_obj.start(1):e_abs - base]  # 召开|2025年X工作推进会
        year = _EDITION_YEAR.search(text, 0, start - base) if EVENT_HEAD.search(suffix.text) else None
        if year and suffix.cls == "Project":
            start, name = base + year.start(), text[year.start():e_abs - base]  # 2021年X推介会: its edition
        held = _HELD_BEFORE.search(text, 0, start - base) if "held" in suffix.flags else None
        if held and held.end() < start - base and not re.search(r"[，,。；;：:、“”]", text[held.end():start - base]) \
                and e_abs - base - held.end() <= 40:
            # 在R召开的X协作第N次联席会议: what was held is named by all the words after 召开的
            start, name = base + held.end(), text[held.end():e_abs - base]
        # a builder's bureau (水电四局) or a route's initials (和若铁路) are names whatever their length
        bureau = cls == "Enterprise" and _CENTRAL_BUREAU.fullmatch(name) is not None \
            or bool(initials) and start == s_abs - 2
        if not acceptable(name, suffix, tokens, start, e_abs, regions, bounded=start == bounded) and owner \
                and "owned" in suffix.flags:
            continue  # X有限公司|生产线上: a part of the firm named before it, no project
        if not bureau and not acceptable(name, suffix, tokens, start, e_abs, regions, bounded=start == bounded):
            # headings and notices (三、X青少年研学交流活动 / 实施单位：X县卫生健康委员会) name things
            # in words the tagger reads as verbs; between a hard boundary and the head, take them all
            if re.match(r"资金|经费|款|投资", text[e_abs - base:]):
                continue  # X指挥部投入援疆项目资金: the money of projects, no heading's name
            start = heading_name_start(text, base, tokens, tok, regions, out)
            if start is None:
                continue
            start = trim_left(text, base, start, e_abs, suffix.cls)  # 图为X: a caption's opening words
            name = text[start - base:e_abs - base]
            if _counted_or_ranked(name, suffix):
                continue
            held = _HELD_BEFORE.search(text, 0, start - base) if "held" in suffix.flags else None
        if held and held.end() < start - base and not re.search(r"[，,。；;：:、“”]", text[held.end():start - base]) \
                and e_abs - base - held.end() <= 40:
            # 在R召开的X协作第N次联席会议: what was held is named by all the words after 召开的
            start, name = base + held.end(), text[held.end():e_abs - base]
        if not bureau and not acceptable(name, suffix, tokens, start, e_abs, regions, bounded=start == bounded):
            continue
        if suffix.cls == "Project":
            # 包括X县Y乡牧民定居点配套设施项目、…: an item of a list that opens with its places is whole,
            # whatever verbs the tagger read inside it
            wide = heading_name_start(text, base, tokens, tok, regions, out, reach=24)
            before = next((t.text for t in tokens if t.end == wide), None) if wide is not None else None
            if wide is not None and wide < start and any(r.start == wide for r in regions) \
                    and (before == "、" or before in OPENERS) \
                    and acceptable(text[wide - base:e_abs - base], suffix, tokens, wide, e_abs, regions):
                start, name = wide, text[wide - base:e_abs - base]
        item = _LIST_ITEM.match(text) if suffix.cls == "Project" else None
        if item and re.match(r"\s*(?:[。；;：:]|$)", text[e_abs - base:]):
            # 三、X镇牧民定居点配套设施项目。: a numbered item that is only a name is the name, all of it
            wide = heading_name_start(text, base, tokens, tok, regions, out)
            if wide is not None and wide - base == item.end() and wide < start \
                    and acceptable(text[wide - base:e_abs - base], suffix, tokens, wide, e_abs, regions):
                start, name = wide, text[wide - base:e_abs - base]
        partnership = re.match(r"[（(]有限合伙[）)]", text[e_abs - base:])
        if cls == "Enterprise" and partnership:
            e_abs += partnership.end()  # 基金（有限合伙）: the legal form is part of the name
        dated = re.match(r"[（(](?:19|20)\d{2}年?[）)]", text[e_abs - base:]) if "event" in suffix.flags else None
        if dated:
            e_abs += dated.end()  # X洽谈会（2023）: the year of its edition, in brackets after it, is part of its name
        while start < s_abs and text[start - base] in _DASH_CHARS:
            start += 1  # 项目———X: a dash however long opens no name
        out.append(Mention(start, e_abs, cls, f"grammar:{suffix.text}"))
    s.found += _without_industry_openings(out, sfx)


def _without_industry_openings(found: list[Mention], sfx: dict[str, Suffix]) -> list[Mention]:
    """X物流|配送中心, X纺织|工业园: an industry word heading a firm's short name that opens a longer
    name of a facility or park is that name's first words (a kind of facility), no firm of its own.
    (A project's name — 恒达纺织|熔喷布项目 — opens with the firm that carries it out: it stays.)"""
    def weak(m: Mention) -> bool:
        head = sfx.get(m.source.removeprefix("grammar:"))
        return m.cls == "Enterprise" and head is not None and "weak" in head.flags
    return [m for m in found if not (weak(m) and any(
        o.start == m.start and o.end > m.end and o.cls in ("Project", "Institution", "DevelopmentZone")
        and not o.source.endswith(("项目", "工程")) for o in found))]


# the engineering bureaus of central construction groups, by their short names (中铁N局, 中建N局, 中交N公局/航局,
# 水电N局: the N-th engineering bureau of the hydropower construction group)
_CENTRAL_BUREAU = re.compile(r"(?:中(?:铁|建|交|水|冶|核|化|电建|铁建)|水电|中国水电)[一二三四五六七八九十\d]{1,3}(?:公|航|工程)?局")


def _parties_of_event(text: str, base: int, start: int, end: int, regions: list[Mention]) -> tuple[int, str]:
    """西湖区与青川县东西部协作联席会议: an event opening with a place joined by 与/和 to places
    before it is the event of them all — its name opens with the first of them."""
    while any(r.start == start for r in regions) and text[start - base - 1:start - base] in ("与", "和", "、"):
        before = [r for r in regions if r.end == start - 1]
        if not before:
            break
        start = min(r.start for r in before)
    return start, text[start - base:end - base]


def _counted_or_ranked(name: str, suffix: Suffix) -> bool:
    """今年11个新建工程类项目: a count of a kind of project, whatever is said before it; 首家卫生院,
    第一所完整小学, 最大基建工程: which one of a kind it is, not its name."""
    count = _COUNT_FIRST.search(name)
    if count and suffix.cls == "Project" and not _own_words_after(name[count.end():len(name) - len(suffix.text)]):
        return True
    return _RANK.search(name[:len(name) - len(suffix.text)]) is not None


def _own_words_after(words: str) -> str:
    """What is left of the words between a count and a head once generic words and categories go."""
    for g in longest_first("generic_project_modifiers"):
        words = words.replace(g, "")
    return re.sub(r"[\u4e00-\u9fff]{1,4}类", "", words)


def _whole_quote(text: str, start: int, end: int) -> str | None:
    """The words of a quote that closes right after a name's head (…“X推介会”), when the quote is
    one short title (no clause punctuation in it)."""
    if text[end:end + 1] not in ("”", "」"):
        return None
    q = max(text.rfind("“", 0, start + 1), text.rfind("「", 0, start + 1))
    inner = text[q + 1:end] if q >= 0 else ""
    if not inner or end - q > 32 or re.search(r"[“”「」，,。；;：:！？!?的]", inner) \
            or starts_with_determiner(inner) or re.match(r"[我你他她咱]", inner):
        return None  # “我们的推介会”, “这次推介会”: words about one, not its title
    return inner


# the edition right before a quoted title (第二届“X交易会”), and a count of editions (前六届, 历届, 六届)
_EDITION_BEFORE_QUOTE = re.compile(r"(?:第[一二三四五六七八九十百零\d]{1,4}届|首届)$")
_EDITIONS = re.compile(r"(?:(?<![第首\d一二三四五六七八九十百零])(?:前|近|历)?[一二三四五六七八九十百零\d]{1,4}|历)届[“「]?$")
_EDITIONS_OPEN = re.compile(r"(?:前|近|历)?[一二三四五六七八九十百零\d]{1,4}届|历届")
# an event's name opens with the ordinal of its edition (第十届…洽谈会, 首届…博览会): the words between
# it and the head, whatever the tagger made of them (对口|支援), are the event's name
_EDITION = re.compile(r"(?:第[一二三四五六七八九十百零\d]{1,4}届|首届)[^，,。；;：:、“”「」的在由与和及]{0,24}$")
# an event's name may open with the year of its edition (…主办的2021年X推介会, 举办了2023年X艺术节)
_EDITION_YEAR = re.compile(r"(?<![\d年月日.])(?:19|20)\d{2}年$")


def head_matches(text: str, base: int, tokens: list[Token], sfx: dict):
    """The name heads of a sentence, left to right. A head that begins inside one word and ends
    inside another is a misreading (扩建|工程 and 党建|工作 hold no 建工), and so is one that ends
    inside a word where another head ends with that word (续|建|工程: 工程): the search goes on from
    its next character, where a real head (工程) may begin."""
    rx = suffix_regex()
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return
        s_abs, e_abs = base + m.start(), base + m.end()
        first = next((t for t in tokens if t.start <= s_abs < t.end), None)
        last = next((t for t in tokens if t.start < e_abs <= t.end), None)
        if first is not None and last is not None and first is not last and e_abs < last.end \
                and (s_abs > first.start or suffix_at(text, m.start() + 1, last.end - base)):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def suffix_at(text: str, start: int, end: int) -> bool:
    """A head ends exactly at `end` and starts after `start` (续|建|工程: 工程, not 建工)."""
    return any(text.endswith(h, start, end) for h in suffix_class() if len(h) >= 2 and end - len(h) >= start)


_CONJUNCTIONS = {"及", "和", "与", "暨", "以及"}
# an XPCC division, regiment or company by its number (6团, 第十四师, 一三○团)
_XPCC_UNIT = re.compile(r"第?[\d一二三四五六七八九十百〇○零]{1,4}(?:团|师|连)")
_DASHES = ("—", "―", "－", "-", "——", "――")
_DASH_CHARS = "—―－-"
# the words of the programme a park serves, after the partners' places (东西部|协作|共建|产业园)
_PROGRAMME_WORDS = frozenset({"扶贫", "协作", "帮扶", "东西部", "共建", "合作"})
# a capacity written as a figure and its measure (10万锭, 5000吨, 2GW)
_CAPACITY = re.compile(r"[\d.]+(?:万|千|百)?(?:锭|吨|套|头|只|羽|千瓦|兆瓦|瓦|GW|MW|kW|件|台|辆|片|平方米|立方米)")


def _over_conjunction(text: str, base: int, tokens: list[Token], start: int, regions: list[Mention]) -> int:
    """X县Y镇肉牛养殖及饲草料加工项目, X县农产品加工与冷链物流园项目: what is done on both sides of
    及/和/与 is one project when the places before the first part name them both and the first part
    has no head of its own (A项目和B项目 are two)."""
    k = next((i for i, t in enumerate(tokens) if t.end == start), None)
    if k is None or tokens[k].text not in _CONJUNCTIONS:
        return start
    internal = word_set("name_internal_verbs")
    i = k - 1
    while i >= 0 and tokens[k].start - tokens[i].start <= 16 and tokens[i].end == tokens[i + 1].start \
            and (tokens[i].tag in NAME_TAGS or tokens[i].tag == "vn" or tokens[i].text in internal
                 or _CAPACITY.fullmatch(tokens[i].text)):
        owner = class_by_suffix(tokens[i].text) if tokens[i].tag == "ORG" else None
        if owner is not None and owner.cls in ("Enterprise", "GovernmentBody"):
            break  # the owner before the works (X公司10万锭…), no part of their name
        i -= 1
    left = tokens[i + 1].start if i + 1 < k else None
    if left is None:
        return start
    right = next((t for t in tokens if t.start == start), None)
    first = next((t for t in tokens[i + 1:k] if t.tag != "LOC" and not any(r.start <= t.start < r.end for r in regions)), None)
    if first is not None and _CAPACITY.fullmatch(first.text) and right is not None and _CAPACITY.fullmatch(right.text) \
            and not class_by_suffix(text[left - base:tokens[k].start - base]):
        return left  # 10万锭棉纺及100万套家纺建设项目: two capacities of one works, one name
    caps = [q for q in range(i + 1, k) if _CAPACITY.fullmatch(tokens[q].text)]
    if caps and right is not None and _CAPACITY.fullmatch(right.text) \
            and not class_by_suffix(text[tokens[caps[0]].start - base:tokens[k].start - base]):
        # 该企业年产1000万片X及300万只Y生产项目: the two capacities (and the 年产 before them) open the name,
        # not the firm that carries it out
        q = caps[0]
        yearly = q >= 1 and tokens[q - 1].text in ("年产", "日产") and tokens[q - 1].end == tokens[q].start
        return tokens[q - 1].start if yearly else tokens[q].start
    left = snap_to_places(left, tokens[k].start, regions)  # (疏附|县: the tagger split the county)
    part = text[left - base:tokens[k].start - base]
    lead = [r for r in regions if r.start == left]
    places = 0
    pos = left
    for r in sorted(regions, key=lambda r: r.start):
        if r.start == pos and r.end <= tokens[k].start:
            places, pos = places + r.end - r.start, r.end
    own = len(part) - places
    head = class_by_suffix(part)
    own_head = head is not None and head.cls in ("Project", "Institution", "DevelopmentZone", "Enterprise") \
        and not any(part.endswith(f) for f in rules()["false_heads"])  # (设施农业: 农业 is no firm's head)
    dependent = text.startswith(("配套", "附属"), start - base)  # A水利枢纽及配套灌区工程: what goes with A
    if not lead or own < 2 or (own_head and not dependent):
        return start
    return left


@lru_cache(maxsize=1)
def _false_heads() -> tuple[str, ...]:
    return tuple(rules()["false_heads"])


def _misread_head(text: str, m: re.Match, suffix: Suffix, tokens: list[Token], k: int, e_abs: int) -> bool:
    """A head that is no head here: a word it ends (干部, 产业), a single character inside a longer
    word, a verb (牵头组织, A集团控股B)."""
    if text.endswith(_false_heads(), 0, m.end()):
        return True
    if suffix.text.endswith("活动") and text.startswith(tuple(rules()["activity_places"]), m.end()):
        return True  # 党组织活动|阵地, 文体活动|中心: the place for activities, no event
    if text.startswith("部门", m.end()):
        return True  # 交通公路部门, 教育医疗部门: the departments of a sector, no facility
    if suffix.text == "局" \
            and re.search(_CENTRAL_BUREAU.pattern + "$", text[:m.end()]):
        return False  # 水电|四局: a builder's bureau by its number, whatever the tagger made of the number
    if e_abs > tokens[k].end:  # suffix spans several tokens (综改|区): take the token holding its end
        k_end = next((i for i, t in enumerate(tokens) if t.start < e_abs <= t.end), k)
    else:
        k_end = k
    last = tokens[k_end]
    if last.end != e_abs:
        # the suffix ends inside a word: 干部 is not a 部, 地委书记 still names a 地委
        if len(suffix.text) < 2:
            return True
    elif len(suffix.text) == 1 and len(last.text) > 1 and last.tag not in _SINGLE_CHAR_OK_TAGS:
        return True
    if "proper" in suffix.flags and last.end != e_abs:
        return True  # 《中长期铁路网规划》: a road's or railway's head inside a longer word names none
    if last.tag == "v" and last.end == e_abs and suffix.cls == "Organization":
        return True  # 牵头组织: the verb, not a 组织 (organisation)
    if suffix.text == "组织" and re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1]) \
            and not re.match(r"[的和与及在是等为]", text[m.end():m.end() + 1]):
        return True  # X办组织企业考察: the verb with its object, not an organisation's name
    if last.tag == "v" and last.text == suffix.text and suffix.cls == "Enterprise" \
            and k_end > 0 and re.search(r"(?:集团|公司)$", tokens[k_end - 1].text):
        return True  # A集团控股B: the verb 控股 after a firm's name, not the end of one
    return False


def _season_as_noun(tokens: list[Token], k: int) -> list[Token]:
    """暑期夏令营, 冬季运动会: a season right before an event's head belongs to the name."""
    season = tokens[k - 1] if k > 0 else None
    if season is not None and season.tag == "TIME" and season.end == tokens[k].start \
            and not DIGITS.search(season.text) and len(season.text) <= 3:
        return tokens[:k - 1] + [Token(season.start, season.end, season.text, "n")] + tokens[k:]
    return tokens


def _walk_left(text: str, base: int, tokens: list[Token], k: int, suffix: Suffix) -> tuple[int, bool]:
    """Extend the name leftwards from its head token over the tokens that can belong to it. Returns
    the start and whether the walk stopped at an owner or builder (an ORG naming an enterprise or
    body right before a project or institution)."""
    internal_verbs = word_set("name_internal_verbs")
    relational, aid_verbs = word_set("relational_nouns"), word_set("aid_verbs")
    firm_verbs = word_set("firm_name_verbs")
    era_words = word_set("era_words")
    clause_verbs = word_set("clause_verbs")
    start = tokens[k].start
    j = k - 1
    if tokens[k].text[:1] in (")", "）") and suffix.cls == "Enterprise":
        # X国有资本运营（集团|）有限责任公司: the tagger glued the closing bracket to the legal form
        q = next((i for i in range(k - 1, max(-1, k - 6), -1) if tokens[i].text in ("(", "（")), None)
        if q is not None and tokens[k].start - tokens[q].end <= 8:
            start, j = tokens[q].start, q - 1
    while j >= 0:
        t = tokens[j]
        if t.end != start:
            break
        if len(t.text) > 2 and t.text[-1] in "和与及" and class_by_suffix(t.text[:-1]) is not None:
            break  # X县一中和|Y县二小: the conjunction the tagger glued to the name before ends it
        if t.text in relational:
            break  # A集团旗下B有限公司, A原股东B有限公司: two firms, not one name
        if t.text in clause_verbs:
            break  # X基金|落户|园区, 资金七成|注入|民生项目: a clause's verb takes the name as its object
        if t.text in ("全部", "所有", "部分", "其余", "其他", "各个", "整个"):
            break  # X水利枢纽|全部|机组: how many of the thing, said after its owner, opens no name
        if t.text == "和" and suffix.cls == "GovernmentBody" and j >= 1 and tokens[j - 1].end == t.start \
                and len(tokens[j - 1].text) == 2 and tokens[j - 1].tag in ("n", "vn", "v") \
                and (j < 2 or tokens[j - 2].end != tokens[j - 1].start or tokens[j - 2].tag in ("LOC", "ORG")
                     or tokens[j - 2].text in tuple("省市县区州")):
            start, j = tokens[j - 1].start, j - 2  # 市招商和经济合作局, 发展和改革委员会: 和 inside an organ's name
            continue
        if suffix.cls == "GovernmentBody" and t.text in ("支援", "帮扶", "协作", "援助") and j >= 1 \
                and tokens[j - 1].text == "对口" and tokens[j - 1].end == t.start:
            start, j = tokens[j - 1].start, j - 2  # X三峡库区对口支援办公室: the programme inside a body's name
            continue
        if t.text in aid_verbs and suffix.cls != "Project":
            break  # 以“组团”方式支援X医院: the aid verb takes the institution as its object
        if t.tag in ("w",):
            if t.text in ("”", "」", "’"):
                # a quoted name right before the head: “X”线上商城
                q = next((i for i in range(j - 1, max(-1, j - 12), -1) if tokens[i].text in ("“", "「", "‘")), None)
                if q is not None:
                    start, j = tokens[q].start, q - 1
                    continue
            if t.text in (")", "）"):
                q = next((i for i in range(j - 1, max(-1, j - 16), -1) if tokens[i].text in ("(", "（")), None)
                inside = text[tokens[q].end - base:t.start - base] if q is not None else ""
                # a short bracket inside a name (…（喀什）有限公司, (腐植酸)); not （以下简称“X”），
                # nor a byline's reporters (电(杨某 郭某)X指挥部)
                # (“两中心”(X、Y)阵地项目: a bracket spelling out a quoted abbreviation may be longer)
                spelt = q is not None and q > 0 and tokens[q - 1].text in ("”", "」") and len(inside) <= 30
                if q is not None and q > 0 and (len(inside) <= 8 or spelt) and not re.search(r"简称|称|“|\"|「", inside) \
                        and not any(x.tag == "PER" for x in tokens[q + 1:j]):
                    start, j = tokens[q].start, q - 1
                    continue
            if t.text == "-" and j >= 1 and tokens[j - 1].text.endswith(("网", "报", "社", "台")):
                break  # X网-Y日报讯: a dateline's two sources (a site and the paper it carries), not one name
            if t.text in ("×", "·", "-", "x", "X"):
                start, j = t.start, j - 1
                continue
            if t.text in _DASHES and "route" in suffix.flags and j + 1 < len(tokens):
                # 喀什—伊宁高速公路, A——B铁路: a route between two places written with a dash (or two)
                i = j - 1 if j >= 1 and tokens[j - 1].text in _DASHES and tokens[j - 1].end == t.start else j
                left, right = (tokens[i - 1] if i >= 1 else None), tokens[j + 1]
                if left is not None and left.end == tokens[i].start and len(left.text) >= 2 \
                        and (_place_token(left) or left.tag in ("n", "nz", "ns")) and right.tag != "w" \
                        and (right.tag == "LOC" or _starts_with_place(right.text)):
                    start, j = left.start, i - 2
                    continue
            if t.text in ("—", "－", "－") and suffix.cls in ("DevelopmentZone", "Project") and j >= 1 \
                    and _place_token(tokens[j - 1]) and j + 1 < len(tokens) and tokens[j + 1].tag != "w":
                start, j = t.start, j - 1  # 青松—白杨—红柳“飞地”产业园: places joined by one dash name a shared park
                continue
            break
        if "placed" in suffix.flags and t.text.endswith(("工程", "项目")) and start < tokens[k].start:
            break  # 国家重点工程|拉林铁路: a category in apposition before the facility's own name
        if suffix.cls == "Project" and t.text.endswith(("工程", "项目")) and t.tag == "n" and start < tokens[k].start \
                and any(x.tag in ("LOC", "ORG") for x in tokens[j + 1:k]):
            break  # 江苏援藏项目|X市第二中学教学楼: the programme's works in apposition before a named facility's
        if t.text in ("至", "到") and ("route" in suffix.flags or "project" in suffix.flags) and j >= 1 and tokens[j - 1].end == t.start \
                and _place_token(tokens[j - 1]) and j + 1 < len(tokens) and (tokens[j + 1].tag == "LOC" or _starts_with_place(tokens[j + 1].text)
                                                                            or _XPCC_UNIT.match(text, t.end - base)):
            # (A市至6团饮水工程: a regiment by its number is the route's other end)
            start, j = t.start, j - 1  # 乌鲁木齐至尉犁高速公路, A水库至B水库输水管道工程: the route's two ends name it
            continue
        if t.tag == "m":
            if suffix.cls == "Project" and _ROUND_AREA.fullmatch(t.text):
                start, j = t.start, j - 1  # 万亩X示范园, 千亩X基地: the round area it covers names it
                continue
            if "元" in t.text or QUANTITY.match(t.text) and not DIGITS.search(t.text[:1] + t.text):
                break
            if re.search(r"(?:平方米|平米|㎡)$", t.text):
                break  # X卫生院1410平方米业务用房: the floor area of a building, no word of its name
            if re.fullmatch(r"[\d.]+(个|项|所|家|名|座|条|批|次|人|场|件)", t.text):
                break
            start, j = t.start, j - 1
            continue
        if suffix.cls == "Project" and t.tag == "v" and len(t.text) == 1 and j >= 1 \
                and len(tokens[j - 1].text) == 1 and tokens[j - 1].tag in ("n", "nz", "j") \
                and tokens[j - 1].end == t.start and (j < 2 or tokens[j - 2].tag in ("w", "u", "p")) \
                and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "nz", "vn"):
            start, j = tokens[j - 1].start, j - 2  # 的穗|纳|电子车间: a two-character brand the tagger split
            continue
        if suffix.cls == "Project" and t.tag == "v" and len(t.text) == 2 and j >= 1 and tokens[j - 1].end == t.start \
                and tokens[j - 1].tag == "m" and _CAPACITY.fullmatch(tokens[j - 1].text) \
                and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "nz"):
            start, j = t.start, j - 1  # 300万只|压铸|铝锅生产项目: how a product counted in a capacity is made
            continue
        if suffix.cls == "Project" and t.tag == "TIME" and re.fullmatch(r"(?:19|20)\d{2}年度?", t.text) and j >= 1 \
                and tokens[j - 1].tag == "LOC" and tokens[j - 1].end == t.start:
            start, j = t.start, j - 1  # 白杨县|2011年|村舍亮化工程项目: the year of a place's programme names it
            continue
        if suffix.cls == "Project" and t.tag == "v" and len(t.text) == 2 and j >= 1 and tokens[j - 1].tag == "ORG" \
                and tokens[j - 1].end == t.start and getattr(class_by_suffix(tokens[j - 1].text), "cls", None) == "Institution" \
                and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "vn", "nz"):
            start, j = t.start, j - 1  # X州藏医院|药浴|诊疗综合楼: a building of an institution named by what it does
            continue
        if suffix.cls == "Project" and t.tag == "v" and t.text in ("大", "小") and j >= 1 \
                and tokens[j - 1].tag in ("ORG", "LOC", "nz") and tokens[j - 1].end == t.start \
                and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "nz"):
            start, j = t.start, j - 1  # X油田|大|化肥项目: a size word the tagger read as a verb, after a name
            continue
        if suffix.cls == "Project" and t.tag == "p" and t.text == "用" and j >= 1 and tokens[j - 1].tag in ("n", "nz", "vn") \
                and tokens[j - 1].end == t.start and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "nz", "a", "vn"):
            start, j = tokens[j - 1].start, j - 2  # X县食品|用|包装材料项目: what a product is for names it
            continue
        if suffix.cls in ("Project", "Institution") and t.tag == "f" and t.text in ("东", "南", "西", "北") and j >= 1 \
                and tokens[j - 1].tag in ("ORG", "LOC", "nz") and tokens[j - 1].end == t.start \
                and j + 1 < len(tokens) and tokens[j + 1].tag in ("n", "nz") and tokens[j + 1].text[:1] in "院校区园厂":
            start, j = tokens[j - 1].start, j - 2  # X医院|南|院区项目, X大学|东|校区: a campus named by its side
            continue
        if suffix.cls in ("DevelopmentZone", "Project") and text.endswith("东西部", 0, t.end - base) and t.text != "东西部":
            i = next((i for i in range(j, -1, -1) if tokens[i].start <= t.end - 3 < tokens[i].end), None)
            if i is not None and i < j and all(tokens[x].end == tokens[x + 1].start for x in range(i, j)) \
                    and tokens[i].tag in ("LOC", "ORG", "nz", "j", "f"):
                start, j = tokens[i].start, i - 1  # X|旺苍东|西部|扶贫协作产业园: the partnership's words, split by the tagger
                continue
        if suffix.cls in ("DevelopmentZone", "Project") and t.tag in ("v", "vn", "f") and t.text in _PROGRAMME_WORDS:
            i = j
            while i >= 1 and tokens[i - 1].end == tokens[i].start and tokens[i - 1].text in _PROGRAMME_WORDS:
                i -= 1
            if i >= 1 and tokens[i - 1].end == tokens[i].start and (tokens[i - 1].tag in ("LOC", "ORG", "nz", "j")
                                                                   or tokens[i - 1].text in (")", "）")
                                                                   or tokens[i - 1].tag != "PER" and _partner_initials(tokens[i - 1].text)):
                # (鲁渝/PER: the blends stage reads the two places and joins them to the name)
                # (浙川（苍溪）东西部协作产业园: the partners, the receiving side in brackets)
                start, j = tokens[i].start, i - 1  # X县|浙川东西部|扶贫|工业园, A·B东西部|协作|共建|产业园: the programme a park serves
                continue
        if suffix.cls == "Project" and t.tag == "f" and t.text in ("后", "前") and j >= 1 \
                and tokens[j - 1].tag in ("n", "nz", "vn") and tokens[j - 1].end == t.start:
            start, j = tokens[j - 1].start, j - 2  # X县雪灾|后|危房重建项目: after what the works are named
            continue
        if suffix.cls == "Project" and t.tag in ("v", "vn") and j >= 1 and tokens[j - 1].text in ("年", "日") \
                and tokens[j - 1].end == t.start and j + 1 < len(tokens) and tokens[j + 1].tag == "m":
            start, j = tokens[j - 1].start, j - 2  # 年出栏10万只…基地, 日处理500吨…: a capacity names it
            continue
        if suffix.cls == "Project" and t.tag == "v" and len(t.text) == 1 and j >= 1 and tokens[j - 1].end == t.start \
                and tokens[j - 1].text + t.text in internal_verbs:
            start, j = tokens[j - 1].start, j - 2  # X防洪堤|续|建|工程: a works verb the tagger split in two
            continue
        if t.tag == "v" and t.text in internal_verbs and suffix.cls != "Enterprise":
            # 建设 + a figure starts a clause (建设2×…电站), it is not part of the name
            if not (j + 1 < len(tokens) and tokens[j + 1].tag == "m" and t.text not in ("年产", "日产")):
                start, j = t.start, j - 1
                continue
            break
        if t.tag == "ORG" and suffix.cls in ("Project", "Institution"):
            inner = class_by_suffix(t.text)
            if inner and inner.cls in ("Enterprise", "GovernmentBody") or t.text in central_enterprises():
                return start, True  # the owner or builder, not part of the name (国家电投|投资光伏项目 too)
        if suffix.cls == "GovernmentBody" and len(suffix.text) == 1 and j == k - 1 and t.tag == "vn" and len(t.text) == 2 \
                and t.end == tokens[k].start:
            start, j = t.start, j - 1  # X省文化和旅游|厅, X市招商|局: the field a bureau serves, said by a verbal noun
            continue
        if suffix.cls in ("Enterprise", "GovernmentBody", "Institution", "Organization") and t.tag in ("vn", "v", "s", "an") \
                and not (suffix.cls == "Enterprise" and t.text in firm_verbs):
            break  # organisation names are built of nouns (并购/vn is no part of a company's name)
        if t.tag == "PER" and len(t.text) == 1 and t.text in "于在向从对":
            break  # 落户于|青松合作产业园: a preposition the tagger read as a surname opens no name
        if t.tag == "PER" and suffix.cls in ("DevelopmentZone", "Enterprise", "Institution", "Project"):
            start, j = t.start, j - 1  # an unknown brand word the tagger took for a name (X产业园)
            continue
        if suffix.cls in ("DevelopmentZone", "Project", "Institution") and _plain_place(t.text):
            start, j = t.start, j - 1  # 疏附/v|广州工业园区: a county the tagger read as a verb opens the name
            continue
        if t.tag in NAME_TAGS or t.tag == "ORG" or t.tag == "TIME" and t.text in era_words:
            # (现代农业示范园: the tagger reads an era word as a time)
            start, j = t.start, j - 1
            continue
        break
    return start, False


def _after_described_firm(text: str, base: int, start: int, end: int) -> int:
    """江苏南通属地化公司|汉中嘉乐实业有限公司: a kind of firm said before a registered name that
    opens with its own place; the name starts at that place."""
    name = text[start - base:end - base]
    k = name.rfind("公司", 0, len(name) - 4)
    if k < 0 or len(name) - k - 2 < 6:
        return start
    rest = name[k + 2:]
    if any(h.start == 0 and not h.is_word and h.end >= 2 for h in gz.find_all(rest)):
        return start + k + 2
    return start


# what a resettlement site is for, said between its place and its head (X县|易地扶贫|搬迁|集中|安置点):
# the tagger reads the words as verbs, which end a name's walk
_SETTLEMENT_WORDS = re.compile(r"(?:(?:易地)?(?:扶贫)?(?:生态)?(?:移民)?搬迁|生态移民|移民)?(?:集中)?$")


def _settlement_words(text: str, base: int, tokens: list[Token], start: int, suffix: Suffix) -> int:
    """The words of a resettlement site's purpose before its head, then the place before them."""
    m = _SETTLEMENT_WORDS.search(text, 0, start - base)
    if m is None or m.start() == start - base:
        return start
    k = next((i for i, t in enumerate(tokens) if t.start == base + m.start()), None)
    if k is None:
        return start
    return _walk_left(text, base, tokens, k, suffix)[0]


_LONE_CHAR_TAGS = {"a", "v", "f", "n", "nz", "j", "d"}


def _split_word(text: str, base: int, tokens: list[Token], start: int, suffix: Suffix) -> int:
    """旁|多|水利枢纽, X镇|寄|小|体育运动场: a name cannot open with a lone character the tagger cut
    from the character before it (a two-character proper word it does not know, split in two);
    the word is whole when what stands before it is a boundary (punctuation, a preposition, the
    sentence's start) or a place, and the walk goes on from there (over the place)."""
    k = next((i for i, t in enumerate(tokens) if t.start == start), None)
    if k is None or k == 0:
        return start
    first, prev = tokens[k], tokens[k - 1]
    if len(first.text) != 1 or len(prev.text) != 1 or prev.end != first.start \
            or first.tag not in _LONE_CHAR_TAGS or prev.tag not in _LONE_CHAR_TAGS | {"q"}:
        return start
    before = tokens[k - 2] if k >= 2 else None
    placed = before is not None and before.end == prev.start and _place_token(before)
    bounded = before is None or before.tag in ("w", "p") or before.end != prev.start
    if not (placed or bounded and prev.tag != "v"):
        return start
    return _walk_left(text, base, tokens, k - 1, suffix)[0] if placed else prev.start


def _partner_initials(word: str) -> bool:
    """粤黔, 浙川: two provinces' one-character names (the tagger reads them as a common noun)."""
    gaz = gz.get_gazetteer()
    return len(word) == 2 and all(gaz.province_abbreviation(c) for c in word)


def _starts_with_place(word: str) -> bool:
    """The word opens with the name of a place (尉犁高速公路, 若羌县; 和田 of several levels too)."""
    return any(h.start == 0 and not h.is_word and h.xpcc is None for h in gz.find_all(word))


_CATEGORY_DASH = re.compile(r"(?:项目|工程)[—―－-]+(?=[^—―－\-，,。；;：:、“”「」（）()\s]{4,30}$)")


def _after_category_dash(text: str, base: int, start: int, end: int) -> int:
    """援疆重点项目——X县Y产业项目: after a category of works and a dash, the words up to the head
    are one name, whatever the tagger made of them (a brand read as a verb)."""
    lead = text[max(0, start - base - 34):end - base]
    dash = None
    for dash in _CATEGORY_DASH.finditer(lead):
        pass
    if dash is None:
        return start
    opens = end - len(lead[dash.end():])
    return opens if opens < start else start


@lru_cache(maxsize=1)
def _initials_by_province() -> dict[str, frozenset[str]]:
    """Each province's code → the first characters of its prefectures' and counties' names."""
    gaz = gz.get_gazetteer()
    out: dict[str, set[str]] = {}
    for d in gaz.units():
        if d.level in ("prefecture", "county") and d.official_code and not d.name.startswith("市辖"):
            province = gaz.province_of(d.code)
            if province is not None:
                out.setdefault(province.code, set()).add(d.name[0])
    return {code: frozenset(chars) for code, chars in out.items()}


def _route_initials(s: Scope, text: str, head_start: int) -> bool:
    """The two characters before a road's or railway's head are the initials of two prefectures or
    counties of the provinces the article names so far (和若: 和田, 若羌; 拉林: 拉萨, 林芝) — the
    usual short name of a route between two places."""
    pair = text[max(0, head_start - 2):head_start]
    if not re.fullmatch(rf"[{HAN}]{{2}}", pair) or pair[0] == pair[1] or re.fullmatch(r"[东西南北中上下内外]{2}", pair):
        return False
    if any(pair in word_set(w) for w in ("construction_verbs", "boundary_verbs", "name_internal_verbs", "aid_verbs")):
        return False  # 新建公路: the works, not a route's initials
    gaz = gz.get_gazetteer()
    provinces = set()
    for mention in list(s.doc.mentions) + s.found:
        if mention.code:
            province = gaz.province_of(mention.code)
            if province is not None:
                provinces.add(province.code)
    initials = _initials_by_province()
    chars = set().union(*(initials.get(p, frozenset()) for p in provinces)) if provinces else set()
    return pair[0] in chars and pair[1] in chars


def _place_token(t: Token) -> bool:
    """A token the tagger or the gazetteer reads as a place."""
    return t.tag == "LOC" or _plain_place(t.text)


def _after_locator(text: str, base: int, start: int, end: int) -> int:
    """麦盖提县|新疆五征…有限公司: a firm's registered name opens with one chain of places (新疆喀什…,
    北京市海淀区…); a lower-level place written before a higher-level one it does not lie in says
    where the firm is."""
    hits = gz.find_all(text[start - base:end - base])
    if len(hits) < 2 or hits[0].start != 0 or hits[1].start != hits[0].end or hits[1].end >= end - start - 2:
        return start
    first, second = hits[0], hits[1]
    if first.is_ambiguous or second.is_ambiguous or first.xpcc or second.xpcc or first.is_word or second.is_word:
        return start
    if not re.search(r"[省市县区州旗盟]$", text[start - base + first.start:start - base + first.end]):
        return start  # 拜城|温州大酒店: a county's short form glued to a shop's name is the name's own first word
    rank = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
    a, b = first.candidates[0], second.candidates[0]
    if a.code in {d.code for d in gz.chain(b.code)} or rank.get(b.level, 9) >= rank.get(a.level, 9):
        return start  # 江苏阿合奇青山水泥厂: a donor and the county it set the firm up in, one name
    return start + second.start


def _plain_place(word: str) -> bool:
    """The word is the name of one county or prefecture and nothing else (not 资源, 合作)."""
    hits = gz.find_all(word)
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(word) and not hits[0].is_ambiguous \
        and not hits[0].is_word and hits[0].xpcc is None and hits[0].candidates[0].level in ("prefecture", "county")


def _description(text: str, base: int, tokens: list[Token], suffix: Suffix, cls: str, name: str,
                 start: int, s_abs: int, e_abs: int, owner: bool, regions: list[Mention]) -> bool:
    """A head with words before it that describe a kind of thing rather than name one thing."""
    after = text[e_abs - base:]
    if "title" in suffix.flags and suffix.cls == "GovernmentBody" and after.startswith(tuple(rules()["title_after_body"])):
        return True  # 县委书记NAME: a title, not a mention of the committee
    if suffix.cls == "Enterprise" and "weak" in suffix.flags:
        if words_regex("industry_nouns").match(text, e_abs - base):
            return True  # 依托X冷链物流资源, Y新能源产业: an industry word before a noun is a description
        joined = re.match(rf"[{HAN}]{{1,3}}?(?=(?:{words_regex('industry_nouns').pattern}))", after)
        if joined and not any(t.start == e_abs and t.end > e_abs + len(joined.group()) for t in tokens) \
                and not re.search(r"[公司集团]", joined.group()):
            return True  # 和田纺织服装产业: two industries before a noun of industry, no firm
        if re.match(r"[、和及与][^。；;，,]{0,40}?等(?![\d一二三四五六七八九十两多几]+家|企业|公司|集团)", after):
            return True  # 涵盖冷链物流、农产品精深加工…等(领域): a list of industries, not of firms
        weak = tuple(x.text for x in suffix_class().values() if "weak" in x.flags)
        if not any(t.end == e_abs for t in tokens) or after.startswith(weak) or name[:-len(suffix.text)] in weak:
            return True  # 能源|化工, 商贸物流: an industry of two industry words, not a firm's name
    if cls == "Enterprise" and name.endswith("项目"):
        return True
    if cls != "Project" and quoted_way_of_working(text, start - base, e_abs - base):
        return True  # “兵地通办”工作机制: the quoted name of a way of working, no body
    counted = _COUNTED.match(text, e_abs - base) if cls in ("Project", "Institution") else None
    measured = next((t for t in tokens if t.start == base + counted.end()), None) if counted else None
    if counted and not (measured is not None and measured.tag in ("n", "nz", "vn", "a", "b")):
        # (X水电站共计4台机组, A、B工程2个重大民生项目: the count measures the noun after it, not the name)
        return True  # 引进X企业项目14个, 签约项目共20个, 农村双语幼儿园107所: so many of a kind, not a name
    if name in rules()["generic_institution_names"] or (name[:1] in "省市县区州乡镇" and name[1:] in rules()["generic_institution_names"] and name[1:2] != "第"):
        return True  # 人民医院, 县人民医院, 中心小学: every place has one; without the place it names none
        # (市第一中学 stays: a city has one school of that number)
    if text[:start - base].endswith("等") and name.startswith("地"):
        return True  # A、B等地人民医院: the hospitals of those places, not one named 地人民医院
    if _COUNT_FIRST.match(name):
        return True  # 45处饮水工程, 500余个产业项目: so many things of a kind, not a name
    if _counted_or_ranked(name, suffix):
        return True
    prev = next((t for t in tokens if t.end == start), None)
    if prev is not None and prev.tag == "m" and QUANTITY.match(prev.text) and not (
            re.fullmatch(r"一[座所家个条]", prev.text)
            and any(t.start == start and t.end == e_abs and t.tag in ("LOC", "ORG", "nz", "nw") for t in tokens)):
        return True  # 4所现代化学校, 两条生产线: countable things, not a name
        # (只有一座拉萨大桥: one thing the tagger reads as one name is named)
    head_tok = next((t for t in tokens if t.start <= s_abs < t.end), None)
    before_head = next((t for t in tokens if head_tok is not None and t.end == head_tok.start), None)
    if (before_head is not None and before_head.text in word_set("boundary_verbs") and before_head.start == start
            and not suffix.text.endswith("项目")):
        return True  # 新建学校, 建设中心: an action on a common noun, not a name
    if "owned" in suffix.flags and not owner and len(name) - len(suffix.text) < 4:
        return True  # a bare 生产线/机组 is a description unless its owner or what it makes is named
    if suffix.cls == "Project" and any(r.start == start for r in regions) and re.search(r"[、和及与]$", text[:start - base]) \
            and any(r.end == start - 1 for r in regions) \
            and not any(r.start == start and text.startswith(("至", "到"), r.end - base) for r in regions):
        # (A至B、C至D高速公路: the second of two routes, each its own)
        return True  # 乌恰县、阿合奇县城乡供水一体化工程: the places share the works; no one project is named
    return False


@lru_cache(maxsize=1)
def _central_bodies_regex() -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, central_bodies()), key=len, reverse=True)))


def central_body_names(s: Scope) -> None:
    """农业农村部, 国家发展改革委: a department of the State Council or the Party Centre is a government
    body wherever it stands, whatever the tagger made of it (农业|农村部), unless it opens a longer
    name found already (农业农村部规划设计研究院)."""
    for m in _central_bodies_regex().finditer(s.text):
        a, b = s.base + m.start(), s.base + m.end()
        if any(o.start <= a and b <= o.end for o in s.found):
            continue
        if re.match(r"[\u4e00-\u9fff]", s.text[m.start() - 1:m.start()]) and s.text[m.start() - 1:m.start()] not in "在和与及、由的是向对从经为据":
            continue  # X省农业农村部门: only where the department's name begins a word
        if s.text[m.end():m.end() + 1] == "门":
            continue  # 农业农村部门: the departments of agriculture, everywhere
        s.found.append(Mention(a, b, "GovernmentBody", "grammar:central-body"))
