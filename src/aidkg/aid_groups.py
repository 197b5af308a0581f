"""Aid teams and their members, as reporting names them: a counted group of aid workers or a team
(5名医疗队员, 此次援疆教师中还有6名女教师, 专家组成员有…) and the people it then lists, each
introduced by a department or a profession (风湿免疫科A、骨科B; 来自X中学的英语教师C); and
profile lines (NAME，男，…；NAME：title) whose paragraph says what aid the person did.
Retype makes such people cadres; the people rules give them the donor the group's name gives."""
from __future__ import annotations

import re

from .document import Document, Mention
from .lexicon import aid_marker, cadre_role, word_set, words

_HAN = "\u4e00-\u9fff"
_NUM = r"(?:\d+|[一二三四五六七八九十两几百]+)"
# who a group is made of: workers of aid (队员, 医生, 教师…)
_MEMBERS = r"(?:队员|成员|医生|医师|护士|教师|老师|专家|干部|人才|医务人员|医护人员)"
# the aided side's own people, or people sent to learn (进修医生): no aid workers
_LOCAL = re.compile(r"当地|本地|受援|进修|学员|实习|规培")
# between a group and the first member it lists
_LIST_HEAD = re.compile(r"[^，,。；;]{0,12}?(?:[，,。；;](?:他们|她们|其中)?)?(?:分别是|分别为|是|为|有|包括)[：:]?|[：:（(]")
# a counted group (5名医疗队员, 11名教师, 3人) or a team's members (医疗队队员, 专家组成员)
GROUP = re.compile(rf"{_NUM}(?:名|位|人)[^，,。；;：:“”]{{0,10}}?{_MEMBERS}|{_NUM}(?:名|位|人)(?=分别|[，,]?(?:他们|她们)|[：:])"
                   rf"|(?:医疗|工作|支教|帮扶|专家|服务)(?:队|组|团)(?:队员|成员|(?=[（(]))")
# what says an article is about aid sent from elsewhere
_AID_WORDS = re.compile(aid_marker().pattern + r"|对口支援|对口帮扶|对口援|东西部协作|支援|援助|支教")
# a department or a profession right before a name (骨科A, 英语教师B, 主任医师C)
_PROFESSION = r"(?:[{h}]{{0,8}}?(?:科|教师|老师|医生|医师|护士|护师|技师|专家|队员|成员)|{titles})"
# how a group's member is introduced: the clause opens with (来自X的)(a department or profession);
# (和/及/还有 join a member to the one before)
_MEMBER_INTRO = None


def _member_intro() -> re.Pattern:
    global _MEMBER_INTRO
    if _MEMBER_INTRO is None:
        # (ranks, not offices: an office before a name is as often the aided side's: 院长A)
        titles = "|".join(sorted(word_set("titles_after_names"), key=len, reverse=True))
        prof = _PROFESSION.format(h=_HAN, titles=titles)
        _MEMBER_INTRO = re.compile(rf"(?:和|及|以及|还有|其中)?(?:来自[^，,。；;、]{{2,24}}?的)?[{_HAN}]{{0,6}}?{prof}")
    return _MEMBER_INTRO


def aid_article(doc: Document) -> bool:
    """The article speaks of aid sent from elsewhere (援X, 对口支援, 支援, 支教…)."""
    return _AID_WORDS.search(doc.norm) is not None


def _clause_start(text: str, lo: int, pos: int) -> int:
    return max([lo] + [text.rfind(p, lo, pos) + 1 for p in "，,；;、：:。"])


def group_of_member(doc: Document, m: Mention) -> tuple[int, int] | None:
    """The aid group whose member `m` is introduced as: a group named before it in its sentence or in
    one of the two sentences before, in the same paragraph, and `m` opening its clause with a
    department or a profession (or bare, right after the group's 有/是/：). None otherwise."""
    if not aid_article(doc):
        return None
    sent = doc.sentences[m.sentence]
    text = doc.norm
    a = _clause_start(text, sent.start, m.start)
    intro = text[a:m.start]
    first = max(0, m.sentence - 2)
    groups = [g for g in GROUP.finditer(text, doc.sentences[first].start, m.start)]
    if not groups:
        return None
    g = groups[-1]
    if "\n" in text[g.end():m.start]:
        return None  # a group of another paragraph
    if _LIST_HEAD.fullmatch(text[g.end():m.start]):
        return g.span()  # 专家组成员有A、B; 3人分别是A; 医疗队（A、B）
    if g.end() <= a and _member_intro().fullmatch(intro) and not _LOCAL.search(intro):
        return g.span()  # 5名医疗队员…。骨科A将赴…; 来自X中学的英语教师B
    return None


# a line that opens with a name and a mark (NAME，男，… ; NAME：title)
_PROFILE_OPENING = re.compile(r"[，,：:]")
# the aid a profile's paragraph says the person did: a batch or a role of aid
_PROFILE_AID = None


def profile_says_aid(doc: Document, m: Mention) -> bool:
    """NAME，男，1960年出生，…。作为R第N批援疆干部赴…; NAME：X医院副院长⏎第N批援藏专家: a name that
    opens a line, set off by a comma or a colon, in a paragraph that names the person's aid role
    before any other person or any quotation is named."""
    global _PROFILE_AID
    text = doc.norm
    line = text.rfind("\n", 0, m.start) + 1
    # the name opens the line, or follows a short label (口述人：NAME，…)
    if not (line == m.start or re.fullmatch(r"[^\n，,。：:]{1,6}[：:][ \t\u3000]*", text[line:m.start])) \
            or not _PROFILE_OPENING.match(text, m.end):
        return False
    if _PROFILE_AID is None:
        markers = "|".join(sorted(word_set("cadre_markers"), key=len, reverse=True))
        titles = "|".join(sorted(word_set("cadre_titles"), key=len, reverse=True))
        _PROFILE_AID = re.compile(rf"{markers}|{cadre_role().pattern}|第[\d一二三四五六七八九十、]{{1,6}}批[^，,。；;\n]{{0,12}}?{aid_marker().pattern}"
                                  rf"|(?:{aid_marker().pattern}|对口|帮扶|协作)[^，,。；;、\n]{{0,10}}?(?:指挥部|前指|工作组|工作队|联络组|医疗队)(?:{titles})")
    end = text.find("\n\n", m.end)
    end = min(len(text) if end < 0 else end, m.end + 240)
    nxt = [o.start for o in doc.mentions if m.end < o.start < end and o.cls in ("Person", "Cadre")
           and o.entity is not m.entity and text[o.start - 1] == "\n"]
    end = min([end] + nxt)
    para = text[m.end:end]
    hit = _PROFILE_AID.search(para)
    if hit is None:
        return False
    before = para[:hit.start()]
    others = [o for o in doc.mentions if m.end < o.start < m.end + hit.start() and o.cls in ("Person", "Cadre")
              and o.entity is not m.entity]
    return not others and not re.search(r"我|[“「][^”」]{6,}|说|表示", before)


_CADRE_WORDS = "|".join(sorted(word_set("cadre_markers"), key=len, reverse=True)) + "|" + cadre_role().pattern
# a later clause of the person's sentence, its subject the person (or 他/她), says the aid role
_LATER_ROLE = re.compile(r"(?:[^。；;！？]{0,40}?[，,])?(?:他|她)?(?:也|还|则|就|已|曾|先后|报名|光荣)?(?:是|系|作为|成为|担任)"
                         r"[^，,。；;：:]{0,24}?(?:" + _CADRE_WORDS + ")")
# a team's member or leader named by the team's word (in an article about aid)
_TEAM_MEMBER = re.compile(r"(?:医疗|工作|支教|帮扶|专家|服务|救援)(?:队|组|团)(?:[（(][^）)]{1,16}[）)])?的?(?:队员|成员)$|医疗队员$")
# a team's post alone opening the clause, the team named before it in the sentence (…医疗队抵达R，队长A，队员B)
_TEAM_POST = re.compile(r"(?:副?队长|领队|副?组长|副?团长|队员|成员)")
_AID_TEAM = re.compile(r"(?:医疗|工作|支教|帮扶|专家|服务|救援)(?:队|组|团)")
_LED_BY = re.compile(r"(?:队|组|团)的?(?:" + words("leader_titles") + r")由[^，,。；;]{0,8}$")
# 来自X的(profession): a person from elsewhere, in an article that has named aid workers before
_CAME_FROM = re.compile(r"来自[^，,。；;、]{2,24}?的[\u4e00-\u9fff]{0,6}?(?:教师|老师|医生|医师|护士|专家)")
_ROLE_SO_FAR = re.compile(_CADRE_WORDS)


def member_evidence(doc: Document, m: Mention, prior: bool = False) -> bool:
    """Whether a person is one of the aid workers the article speaks of, by the grammar of teams and
    profiles (retype's last tests; the people rules give such a cadre the article's one sender).
    `prior`: another person is named before it in the clause."""
    sent = doc.sentences[m.sentence]
    before = doc.norm[_clause_start(doc.norm, sent.start, m.start):m.start]
    after = re.sub(r"^[（(][^）)]{1,6}[）)]", "", doc.norm[m.end:sent.end])
    if _LATER_ROLE.match(after) and not any(o.cls in ("Person", "Cadre") and o.entity is not m.entity
                                            and m.end < o.start < sent.end for o in doc.mentions):
        return True  # NAME是X中学的教师，她是该批援疆教师中…; NAME…，报名成为第N批…支教教师
    if aid_article(doc):
        if _TEAM_MEMBER.search(before) or _LED_BY.search(before) and re.match(r"(?:同志)?担任", after):
            return True  # 医疗队队员NAME; 医疗队的领队由副院长NAME担任
        if re.match(r"(?:同志)?担任(?:" + words("leader_titles") + ")", after) \
                and _AID_TEAM.search(doc.norm, doc.sentences[max(0, m.sentence - 1)].start, sent.end):
            return True  # 该医疗队…由副院长NAME担任领队; …主管护师NAME担任领队
        if _TEAM_POST.fullmatch(before) and _AID_TEAM.search(doc.norm, sent.start, m.start):
            return True  # R援藏医疗队抵达X，队长NAME，队员…
        if not prior and _CAME_FROM.fullmatch(before) and not _LOCAL.search(before) and _ROLE_SO_FAR.search(doc.norm, 0, m.start):
            return True  # (…援疆教师…) 来自X中学的数学教师NAME
        if group_of_member(doc, m) is not None:
            return True  # 5名医疗队员…。骨科NAME将赴…; 专家组成员有NAME、…
    return profile_says_aid(doc, m)  # NAME，男，…。作为R第N批援疆干部…


# a roster of aid workers: the group named by its aid word (援疆的人员, 援疆干部名单, 选派的援藏医生) and
# a word that opens the list (包括, 有, 分别是, ：)
_ROSTER_HEAD = None
_ROSTER_NOUNS = r"(?:人员|干部|人才|队员|成员|医生|医师|教师|老师|专家|医务人员|医护人员)"
_HOME_UNITS = ("Institution", "GovernmentBody", "Enterprise", "Organization")


def _roster_head() -> re.Pattern:
    global _ROSTER_HEAD
    if _ROSTER_HEAD is None:
        _ROSTER_HEAD = re.compile(rf"(?:{aid_marker().pattern})[”」\"]?[^，,。；;：:]{{0,6}}?{_ROSTER_NOUNS}(?:名单)?"
                                  rf"(?:中[，,]?|[，,])?(?:还)?(?:(?:有|包括|分别是|分别为)[：:]?|[：:])")
    return _ROSTER_HEAD


def roster_unit(doc: Document, m: Mention) -> Mention | None:
    """The home unit of a person listed in a roster of aid workers: 援疆的人员包括X医院医师A、B，
    Y局C; 援疆干部名单：A（X医院）、B（Y局）; 援疆干部有：A，X医院副院长；B，Y局副局长. The unit
    written with the person (before the name with only a post between, in brackets after it, or
    after a comma in a list that ;-separates its items), or the one of the item before, joined by
    、, when the person's item names none. None when the person is in no roster or no unit is said."""
    sent = doc.sentences[m.sentence]
    text = doc.norm
    first = m.sentence
    while first > 0 and first > m.sentence - 8 and re.search(r"[；;]\s*$", text[doc.sentences[first - 1].start:doc.sentences[first - 1].end]):
        first -= 1   # items of a list ;-separated are sentences of their own
    heads = [h for h in _roster_head().finditer(text, doc.sentences[first].start, m.start)]
    if not heads:
        return None
    lo = heads[-1].end()
    if re.search(r"[。！？!?\n]", text[lo:m.start]):
        return None
    hi = sent.end
    seps = "；;" if re.search(r"[；;]", text[lo:hi]) else "，,；;、"
    units = [o for o in doc.mentions if lo <= o.start and o.end <= hi and o.entity is not None
             and o.entity.cls in _HOME_UNITS]
    people = [o for o in doc.mentions if lo <= o.start and o.end <= hi and o.cls in ("Person", "Cadre")]

    def item_of(pos: int) -> tuple[int, int]:
        a = max([lo] + [text.rfind(c, lo, pos) + 1 for c in seps])
        ends = [i for i in (text.find(c, pos, hi) for c in seps) if i >= 0]
        return a, min(ends) if ends else hi

    def unit_in(person: Mention) -> Mention | None:
        a, b = item_of(person.start)
        if any(o is not person and o.entity is not person.entity and a <= o.start < b for o in people):
            return None   # two people in one item: whose unit is it?
        before = [u for u in units if a <= u.start and u.end <= person.start
                  and re.fullmatch(r"[\u4e00-\u9fff]{0,12}", text[u.end:person.start])
                  and not any(v.start < u.start and u.end <= v.end for v in units)]
        if before:
            return max(before, key=lambda u: (u.end, -u.start))   # (the whole unit, not the one it opens with)
        after = [u for u in units if person.end <= u.start and u.end <= b
                 and re.fullmatch(r"[（(，,]", text[person.end:u.start])
                 and not any(v.start < u.start and u.end <= v.end for v in units)]
        return max(after, key=lambda u: (-u.start, u.end)) if after else None

    unit = unit_in(m)
    if unit is None:
        # 、 joins this item to the one before: the same unit (X医院医师A、儿科医生B)
        a, _ = item_of(m.start)
        if a > lo and text[a - 1] == "、" and not re.search(r"[（(]", text[a:m.start]):
            prev = [p for p in people if p.end <= a - 1]
            if prev and not any(u.start >= a and u.end <= m.start for u in units):
                return roster_unit(doc, prev[-1])
    return unit
