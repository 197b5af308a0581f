"""Where a name starts: the left edge the walk over the tokens found, moved past what is no part
of the name (a clause's verb, a first firm and its verb, determiners, a description of the firm)
or out to what is (a place before it, a heading, a sending place)."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import aid_marker, rules, word_set, words_regex
from .common import snap_to_places


# the heads of events (推介会, 艺术节, 交流周, 签约仪式, 论坛, 夏令营 …)
EVENT_HEAD = re.compile(r"(?:会|节|周|仪式|论坛|活动|班|营|展|赛)$")


def cut_after_verb(tokens: list[Token], start: int, head_tok: Token, head: str) -> int:
    """在R建设年产…项目, 建设喀什…物流园: a construction verb inside the span ends a clause and the
    name starts after it; only …中心建设项目 keeps its 建设 (a 建设项目 is one head)."""
    boundary_verbs = word_set("boundary_verbs")
    inside = [t for t in tokens if start <= t.start and t.end <= head_tok.end]
    for i, t in enumerate(inside):
        if i > 0 and inside[i - 1].text in ("”", "」"):
            continue  # “X”投资对接活动: the quoted name and what follows it are one name
        if i > 0 and _BATCH_PROGRAMME.fullmatch("".join(x.text for x in inside[:i])) and head.endswith(("项目", "工程")):
            continue  # 第五批援藏建设X示范村项目: a batch of a programme builds, no clause's subject
        if i > 0 and inside[i - 1].end == t.start and inside[i - 1].text + t.text in word_set("name_internal_verbs"):
            continue  # 防洪堤|续|建|工程: the second half of a works verb the tagger split, no clause's verb
        if t.text in boundary_verbs and t.tag in ("v", "vn") and i + 1 < len(inside):
            if inside[i + 1] is head_tok and head.endswith(("项目", "工程")):
                continue
            if inside[i + 1].text in ("及", "和", "与", "以及") and head.endswith(("项目", "工程")):
                continue  # X县供水改扩建及管网改造项目: works joined by 及 end no clause, one name holds both
            if t.tag == "vn" and i > 0 and inside[i - 1].tag in ("LOC", "ORG", "nz") and head.endswith(("项目", "工程")) \
                    and all(x.tag in ("v", "vn") for x in inside[i + 1:] if x is not head_tok and x.start < head_tok.start):
                continue  # X小学|建设|提升项目: the building of a named place is the project's name
            if EVENT_HEAD.search(head) and i > 0 and inside[i - 1].tag.startswith("n"):
                continue  # X产业投资发展推介会: after a noun the verb is the event's topic, no clause
            if t.start >= head_tok.start:
                continue  # the 建设 of the head 建设项目 (X产业园|建设|项目) is the head's own word
            start = inside[i + 1].start
    return start


# a batch of cadres and the programme they serve (第五批援藏, 第三批对口支援): the opening of a
# project's name they carry out, not the subject of a clause
_BATCH_PROGRAMME = re.compile(r"(?:第[一二三四五六七八九十\d]{1,3}批)(?:" + aid_marker().pattern
                              + r"|对口支援|对口帮扶|东西部协作)")


_JOINED_FIRM = re.compile(r"(?:有限公司|有限责任公司|集团|公司|医院|学校|中学|小学|大学|学院|幼儿园|政府|管委会)"
                          r"(?:并购|收购|兼并|控股|入股|参股|重组|对口支援|对口帮扶|支援|帮扶|托管|联合|携手|与|和|同|及)")


def after_joined_firm(text: str, base: int, start: int, end: int) -> int:
    """A并购B有限公司, A医院对口支援B医院, A县政府与B县政府 read as one word by the tagger: the name
    starts after the first name and its verb."""
    last = None
    for m in _JOINED_FIRM.finditer(text, start - base, end - base):
        last = m
    if last is not None and end - base - last.end() >= 4:
        return base + last.end()
    return start


def trim_left(text: str, base: int, start: int, end: int, cls: str) -> int:
    """总…, 其中…, 分别…, 由…: words that open a clause, not a name (leading_fillers)."""
    fillers = words_regex("leading_fillers")
    name = text[start - base:end - base]
    money = re.match(r"[\d.]+(?:万|亿)*元(?:援建|新建|修建|兴建|建设|建)?", name)
    if money and len(name) - money.end() >= 3:
        start, name = start + money.end(), name[money.end():]  # 650万元建X医院 (one word to the tagger): the money is no name
    if cls == "Enterprise" and re.match(r"[省市县区州][^省市县区州]", name) and len(name) >= 6:
        start, name = start + 1, name[1:]  # 省交通投资集团: the province's group, written without the province
    if start - base >= 1 and text[start - base - 1] in "我本该全" and name[:1] in "省市县区州旗" and len(name) >= 5 \
            and any(h.start == 0 and not h.is_word for h in gz.find_all(name[1:])):
        start, name = start + 1, name[1:]  # 我市|靖海经济开发区: 我市 refers to the city; the zone's name has its own place
    if name[:1] in "原前" and len(name) >= 5 and any(h.start == 0 and not h.is_word for h in gz.find_all(name[1:])) \
            and not any(h.start == 0 and h.end >= 2 for h in gz.find_all(name)):
        start, name = start + 1, name[1:]  # 原|杭州经济技术开发区: the body or zone as it was called, not a word of its name
    verb = words_regex("boundary_verbs").match(name)
    if verb and name[verb.end():verb.end() + 1] in tuple("省市县区州乡镇") and len(name) - verb.end() >= 5:
        start, name = start + verb.end(), name[verb.end():]  # 建设县|党群活动中心 (one word to the tagger): the verb is no name
    ref = re.match(r"(?:公司|集团|企业|单位)", name) if cls == "Project" else None
    if ref and re.search(r"(?:该|这家|此|本)$", text[:start - base]) and len(name) - ref.end() >= 4:
        start, name = start + ref.end(), name[ref.end():]  # 该公司|11万锭纺纱项目: the firm referred to is no word of the name
    m = fillers.match(name)
    while m and len(name) - m.end() >= 2:
        start += m.end()
        name = name[m.end():]
        m = fillers.match(name)
    return start


_HARD_BOUNDARY = re.compile(r"[：:、“「（(\n]")
_LIST_OPENER = re.compile(r"(?:分别是|分别为|包括|主要有|主要包括|即)[^。；;，,]*$")
OPENERS = {"包括", "分别是", "分别为", "主要有", "主要包括", "包含", "涵盖"}


def heading_name_start(text: str, base: int, tokens: list[Token], head_tok: Token,
                       regions: list[Mention], names: list[Mention] = (), reach: int = 16) -> int | None:
    """The start of a name that runs from a hard boundary (line start, list mark, colon, quote) to
    its head, whatever the tagger made of the words in between; leading verbs are dropped."""
    k = tokens.index(head_tok)
    j = k - 1
    while j >= 0 and head_tok.start - tokens[j].start <= reach:
        t = tokens[j]
        if t.tag in ("p", "c", "u", "r", "PER") or (t.tag == "w" and t.text not in "·×") or t.text in OPENERS:
            break
        if re.fullmatch(r"[两二三四五六七八九十]+大", t.text):
            return None  # A、B三大|重点工程: a list's head names none of its items
        j -= 1
    start_tok = j + 1
    if j >= 0 and not _HARD_BOUNDARY.fullmatch(tokens[j].text) and tokens[j].text not in OPENERS:
        return None  # the sentence's start, a list mark, colon, quote or bracket, or 包括/分别是, bounds a heading
    if j >= 1 and tokens[j].text == "、" and not re.fullmatch(r"[\d一二三四五六七八九十]+", tokens[j - 1].text) \
            and not any(n.end == tokens[j].start for n in names) \
            and not _LIST_OPENER.search(text, 0, tokens[j].start - base):
        # 、 marks a heading after a numeral (三、X项目), or an item after a name or in a list opened by
        # 分别是/包括 (分别是A项目、B项目); after another word it joins words (州直、县领导了解…)
        return None
    while start_tok < k and tokens[start_tok].tag in ("v", "vn", "ad", "d", "m") \
            and not any(r.start <= tokens[start_tok].start < r.end for r in regions):
        start_tok += 1
    if start_tok >= k:
        return None
    if j < 0 and any(t.tag == "v" and t.text in word_set("boundary_verbs")
                     and t.text not in word_set("name_internal_verbs") for t in tokens[start_tok + 1:k]):
        return None  # 公司建成X示范基地: a subject that builds its object, no heading
    if any(t.text in word_set("clause_verbs") for t in tokens[start_tok:k]) or any(
            a.tag == "m" and b.tag == "v" and a.end == b.start and b.text not in word_set("name_internal_verbs")
            and not a.text.startswith("第") for a, b in zip(tokens[start_tok:k], tokens[start_tok + 1:k])):
        return None  # 资金七成注入民生项目, 南园设在X工业城: a subject, its share or verb, its object — a clause
    if any(t.text in word_set("holding_verbs") for t in tokens[start_tok:k]):
        return None  # A与B召开X联席会议: who held the event, then the event; no heading
    inner = tokens[start_tok + 1:k]
    if j < 0 and (any(t.tag == "TIME" and t.text not in word_set("era_words") and not re.fullmatch(r"(?:19|20)\d\d年", t.text)
                      for t in tokens[start_tok:k])
                  or any(a.tag in ("d", "vd", "ad") and b.tag == "v" and b.text not in word_set("name_internal_verbs")
                         and a.text + b.text not in word_set("generic_project_modifiers") for a, b in zip(inner, inner[1:]))):
        return None  # 昆山今年援疆项目…, 某公司累计完成援藏项目…: a time, or an adverb and its verb, make a clause
        # (对口|支援 is the programme's name, no adverb and verb)
    return snap_to_places(tokens[start_tok].start, head_tok.end, regions)


_STATIONED = re.compile(r"(?:派驻|常驻|驻)$")


def stationed_by(text: str, base: int, start: int, regions: list[Mention]) -> int | None:
    """R1驻R2工作组, R1派驻R2工作站, R1驻R2办事处: a place's office stationed in another place is
    one name with the sending place at its head (a government body of the sender)."""
    m = _STATIONED.search(text, 0, start - base)
    if m is None or not any(r.start == start for r in regions):
        return None
    sender = [r for r in regions if r.end == base + m.start() and r.end - r.start >= 2]
    return min(r.start for r in sender) if sender else None


def drop_descriptive_prefix(text: str, base: int, start: int, end: int) -> int:
    """全资子公司X有限公司, 企业X有限公司, R本地企业X有限公司: what kind of firm it is, said before
    its name."""
    name = text[start - base:end - base]
    prefixes = rules()["descriptive_org_prefixes"]
    word_ends = rules()["descriptive_prefix_word_ends"]
    if name in prefixes:
        return end  # 全资子公司 alone names no firm: an empty name is rejected
    # a place or a unit word may stand before the description (喀什本地企业X有限公司, 师市国有企业X)
    lead = next((h.end for h in gz.get_gazetteer().find_all(name) if h.start == 0), 0)
    unit = next((len(w) for w in rules()["unit_words_before_descriptions"] if name.startswith(w)), 0)
    for k in dict.fromkeys((0, lead, unit)):
        for p in sorted(prefixes, key=len, reverse=True):
            if name.startswith(p, k) and len(name) - k - len(p) >= 4 \
                    and not name.startswith(tuple(word_ends), k + len(p)):
                return start + k + len(p)  # (not R企业家联合会: 企业家 is a word of the name)
    return start


def object_of_construction(tokens: list[Token], start: int, end: int) -> int:
    """投资建设X闽宁20万千瓦农光互补项目, 建设核桃初加工及仓储基地: when the walk over the name
    stops at a word the tagger reads as a verb, and a construction verb stands a little further
    left with only words (no punctuation, particle or preposition) between, the whole object of
    that verb up to the head is the project's name."""
    boundary_verbs = word_set("boundary_verbs")
    k = next((i for i, t in enumerate(tokens) if t.end == start), None)
    if k is None or (tokens[k].tag not in ("v", "vn", "a", "ad", "d") and tokens[k].text != "及") \
            or tokens[k].text in boundary_verbs:
        return start
    i = k
    while i >= 0 and end - tokens[i].start <= 24:
        t = tokens[i]
        if i < k and t.end != tokens[i + 1].start:
            return start
        if t.text in boundary_verbs and t.tag in ("v", "vn") and i < k:
            between = tokens[i + 1:k]
            # 建起X…: a verb's complement is no word of the name; the object holds a noun
            if tokens[i + 1].tag in ("v", "vn", "d", "ad") or not any(
                    b.tag in ("n", "nz", "nw", "LOC", "ORG", "m", "j") for b in between):
                return start
            if any(b.tag in ("f", "p") for b in between):
                return start  # 启动仪式|上|要求X承担项目: a clause, not the object of the verb
            if tokens[k].text == "及" and any(b.tag == "m" for b in between):
                return start  # 新建冷库2000吨及分拣车间: a list of things built, not one name
            if tokens[k].text != "及" and not any(b.tag in ("LOC", "ORG", "nz", "nw", "m", "PER") for b in between):
                return start  # 实施乡村振兴战略推动项目: no place, brand or figure makes it a name
            return tokens[i + 1].start
        if (t.tag in ("w", "u", "p", "c", "r", "TIME") and t.text != "及") or "元" in t.text \
                or t.text in ("是", "为", "有", "在", "将", "把"):
            return start
        i -= 1
    return start


# what a thing costs, said before it: (总)投资N万元的 / 投入援X资金N元建设的 / 耗资N亿元的
_AMOUNT_OF = re.compile(r"(?:投资|投入|耗资|援建资金|援助资金|资金)(?:约|近|超过|超|达|逾)?[\d.,]+(?:万|亿|千)*元"
                        r"(?:人民币)?(?:援建|新建|兴建|建设|修建|建成)?的")


def amount_bounded_start(text: str, base: int, end: int, reach: int = 24) -> int | None:
    """总投资3亿元的恒达纺织熔喷布项目, 投资800万元的香菇生产基地: the figure and its 的 bound the
    name of the one thing it costs, whatever the tagger made of the words between (a firm's short
    name, a preposition in 食品用材料, a product the base is named by)."""
    e = end - base
    last = None
    for m in _AMOUNT_OF.finditer(text, max(0, e - reach - 24), e):
        last = m
    if last is None:
        return None
    between = text[last.end():e]
    if not between or len(between) > reach or re.search(r"[，,。；;：:、“”「」（）()的和与或等]", between) \
            or re.match(r"[一二三四五六七八九十\d]+期", between) or between.startswith(tuple(word_set("boundary_verbs"))):
        return None  # (a list, a second clause, 一期工程: a phase, 新建X: an action, are no one name)
    return base + last.end()


_MADE_INTO = re.compile(r"(?:打造|建设|建|发展|培育|改造|提升)(?:成为|成)")


def object_of_ba(text: str, base: int, end: int, reach: int = 16) -> int | None:
    """把青松蔬菜基地打造成…: the object of 把 that is made into something else is one thing,
    named by all the words between 把 and its head."""
    e = end - base
    if not _MADE_INTO.match(text, e):
        return None
    b = text.rfind("把", max(0, e - reach - 1), e)
    between = text[b + 1:e] if b >= 0 else ""
    if not between or re.search(r"[，,。；;：:、“”「」（）()的和与及等]", between) or re.match(r"[这那该此其各]", between):
        return None
    return base + b + 1
