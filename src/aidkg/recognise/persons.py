"""Persons: the tagger's PER words, joined where it split a name (伯奇|费尔, 阿不都热合曼·买买提),
mended where it cut one (村民买|买提·艾力, 指挥长严|金静), and left out where they are no name
(a form of address such as 霍大夫, a word such as 月余, a place in a list of places, a word of an
idiom)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Mention, Token
from ..lexicon import _data, rules
from .common import DIGITS, HAN, REGIONISH
from .scope import Scope

_DOT = "·•・"
# the single characters that may open a transliterated name the tagger cut (买|买提·艾力), but not
# words of the clause before it
_NOT_IN_NAME = set("的在和与及是为说对向给被把将由从到于让请等了着过也还又就")  # 都 ends names (阿不都)
# what follows a person's name: a verb of saying, a link word, punctuation
_AFTER_NAME = r"(?:说|表示|介绍|指出|坦言|告诉|称|认为|是|在|和|与|等|[，,。；;：:、（(\s”」])"


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-character and compound family names (data/surnames.txt)."""
    words = [w for line in _data("surnames.txt").splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def persons(s: Scope) -> None:
    text, base = s.text, s.base
    spans = _per_spans(s)
    spans += [x for x in _named_before_title(s) if not any(a < x[1] and x[0] < b for a, b in spans)]
    dotted = [x for x in _dotted_after_person_noun(s)  # (the tagger's own dotted name, mended, stands)
              if not any(y[0] <= x[0] < y[1] and _has_dot(s.text[y[0] - s.base:y[1] - s.base]) for y in spans)]
    for x in dotted:
        # 居民|吾那斯汗/LOC|·|哈密/LOC: the dotted name replaces the tagger's pieces of it
        spans = [y for y in spans if not (y[0] < x[1] and x[0] < y[1])] + [x]
    for x in _named_after_department(s):
        if not any(a < x[1] and x[0] < b for a, b in spans):
            spans.append(x)
    for x in _byline_names(s):
        # 记者 姚某房: a name the tagger cut (姚某|房) or missed (黄叶叶/nz) in a byline
        spans = [y for y in spans if not (y[0] < x[1] and x[0] < y[1])] + [x]
    for x in _named_after_title(s):
        # 指挥长严|金静: the name the title's word took a character of replaces the tagger's part of it
        inside = [y for y in spans if x[0] <= y[0] and y[1] <= x[1]]
        if not any(a < x[1] and x[0] < b for a, b in spans if (a, b) not in inside):
            spans = [y for y in spans if y not in inside] + [x]
    spans = [y for x in spans for y in _two_names_glued(s, *x)]
    idioms = gz.get_gazetteer().idioms(text)
    for a, b in spans:
        name = text[a - base:b - base]
        if DIGITS.search(name) or not (2 <= len(name) <= 8 or (_has_dot(name) and len(name) <= 16)):
            continue
        if len(name) == 2 and name[1] in "企省市县区州团师":
            continue  # 鲁企, 晋企: a province's enterprises, not a person
        if len(name) == 2 and all(gz.get_gazetteer().province_abbreviation(c) for c in name):
            continue  # 鲁甘, 沪滇: two provinces by their one-character names
        if in_slogan(text, a - base, b - base):
            continue  # “周调度、月通报”: a word of a quoted slogan, not a person
        if not _has_dot(name) and (_form_of_address(name) or len(name) == 2 and name[0] not in surnames()[0]
                                   and name not in rules()["tibetan_given_names"]):
            continue  # 霍大夫 (a form of address), 月余, 西拓: no family name, no name (扎西: a Tibetan name is one)
        if _has_dot(name) and re.match(r"文化|精神|风情|品牌", text[b - base:]):
            continue  # 多浪·龟兹文化: two cultures' names, not a person's
        if any(x < b - base and a - base < y for x, y in idioms):
            continue  # 长治久安: a word of an idiom
        if not _has_dot(name) and _among_places(s, a, b):
            continue  # 浦江、叶河: a place in a list of places
        if text[b - base:].startswith(tuple(rules()["brand_followers"])):
            continue  # 雷诺曼大型拖拉机, X牌面粉: a brand of goods, not a person
        if _opens_village(s, a, b):
            continue  # 尤喀克其|盖图克村: the first words of a transliterated village's name
        s.found.append(Mention(a, b, "Person", "lac:dotted" if (a, b) in dotted else "lac"))


def _opens_village(s: Scope, a: int, b: int) -> bool:
    """A tagger's person written right before a village or town the grammar found (at most two
    characters between, no word of the clause), the whole a transliterated name: the person is the
    opening of the village's name, which is extended over it."""
    text, base = s.text, s.base
    for v in s.found:
        if v.cls not in ("Village", "Township") or v.source != "grammar:township" or not b <= v.start <= b + 2:
            continue
        between = text[b - base:v.start - base]
        whole = text[a - base:v.end - base]
        foreign = [c for c in text[a - base:v.start - base] if c in "".join(rules()["transliteration_characters"])]
        if re.fullmatch(rf"[{HAN}]*", between) and not set(between) & _NOT_IN_NAME and len(whole) <= 12 \
                and len(foreign) >= 2:  # (书记张明|阿克村: a Han name, a village after it)
            s.found[s.found.index(v)] = Mention(a, v.end, v.cls, v.source)
            return True
    return False


@lru_cache(maxsize=1)
def _person_noun_then_dotted() -> re.Pattern:
    """A word for a person (村民, 患者) and a transliterated name with a dot right after it."""
    nouns = "|".join(sorted(rules()["person_nouns"], key=len, reverse=True))
    return re.compile(rf"(?:{nouns})([{HAN}]{{2,6}}[{_DOT}][{HAN}]{{2,6}})")


def _dotted_after_person_noun(s: Scope) -> list[tuple[int, int]]:
    """村民吾那斯汗·哈密家中: a dotted name after a word for a person, whatever tags the tagger gave
    its parts (places, a verb); it ends at the end of the tagger's word holding the father's name's
    first two characters (·哈密|家中 → ·哈密)."""
    text, base = s.text, s.base
    ends = sorted({t.end for t in s.tokens})
    out = []
    for m in _person_noun_then_dotted().finditer(text):
        a = base + m.start(1)
        dot = a + min(i for i, c in enumerate(m.group(1)) if c in _DOT)
        end = next((e for e in ends if dot + 3 <= e <= base + m.end(1)), None)
        if end is not None and not set(text[a - base:dot - base]) & _NOT_IN_NAME:
            out.append((a, end))
    return out


def _has_dot(name: str) -> bool:
    return any(c in name for c in _DOT)


def _per_spans(s: Scope) -> list[tuple[int, int]]:
    """The tagger's PER words as name spans: split at spaces (a byline's 宋某某 赵某), joined where
    the tagger split one name, and extended where it cut a transliterated name."""
    text, base = s.text, s.base
    spans: list[tuple[int, int]] = []
    for t in s.tokens:
        if t.tag != "PER":
            continue
        parts = [(t.start + m.start(), t.start + m.end()) for m in re.finditer(r"\S+", t.text)]
        for a, b in parts:
            if spans and spans[-1][1] == a and len(parts) == 1:
                spans[-1] = (spans[-1][0], b)  # the tagger splits rare names in two (伯奇|费尔)
            elif spans and spans[-1][1] + 1 == a and text[spans[-1][1] - base] in _DOT \
                    and spans[-1][1] - spans[-1][0] >= 2:
                spans[-1] = (spans[-1][0], b)  # 阿不都热合曼|·|买买提: a given name and a father's name
            else:
                spans.append((a, b))
    out = []
    for a, b in spans:
        tail = re.match(rf"[{_DOT}]([{HAN}]{{2,5}}?)(?={_AFTER_NAME}|$)", text[b - base:])
        if tail and b - a >= 2 and not _has_dot(text[a - base:b - base]):
            b = b + tail.end()  # 阿不都热合曼·买买提|说: the tagger lost the father's name to the verb
        if _has_dot(text[a - base:b - base]):
            a = _given_name_start(s, a, b)
            rest = text[b - base:]
            more = re.match(rf"[{HAN}](?={_AFTER_NAME}|$)", rest)
            last = re.split(f"[{_DOT}]", text[a - base:b - base])[-1]
            if more and len(last) <= 2 and not re.match(_AFTER_NAME, rest) and not set(more.group()) & _NOT_IN_NAME:
                b += more.end()  # 买买提·托合|提说: the tagger left the father's name's last character to the verb
        if not _has_dot(text[a - base:b - base]):
            a, b = _name_before_lead_verb(s, a, b)
            b = _third_character(s, a, b)
        out.append((a, b))
    return out


def _two_names_glued(s: Scope, a: int, b: int) -> list[tuple[int, int]]:
    """副校长庞某毕某某等: two names of a list the tagger read as one five-character name. Split where
    both parts open with a family name, when only one cut (2+3 or 3+2) does so."""
    name = s.text[a - s.base:b - s.base]
    single, compound = surnames()
    if len(name) != 5 or not re.fullmatch(f"[{HAN}]+", name) or name[:2] in compound or name[0] not in single \
            or set(name) & set(rules()["transliteration_characters"]):
        return [(a, b)]  # (巴合提古丽: one Uyghur name)
    cuts = [k for k in (2, 3) if name[k] in single and name[k:k + 2] not in compound]
    if len(cuts) == 2:
        # both cuts open a family name: the far more frequent family name opens the second person
        rank = _surname_rank()
        r2, r3 = rank[name[2]], rank[name[3]]
        cuts = [2] if r3 >= 2 * r2 else [3] if r2 >= 2 * r3 else []
    if len(cuts) != 1:
        return [(a, b)]
    return [(a, a + cuts[0]), (a + cuts[0], b)]


@lru_cache(maxsize=1)
def _surname_rank() -> dict[str, int]:
    """A family name's place in data/surnames.txt (most frequent first)."""
    words = [w for line in _data("surnames.txt").splitlines() if not line.startswith("#") for w in line.split()]
    return {w: i for i, w in enumerate(words)}


# a hospital's department (骨科, 呼吸与危重症医学科), a name, and what ends a member of a list
_DEPARTMENT_THEN_NAME = re.compile(rf"[{HAN}]科([{HAN}]{{2,3}}?)(?=将|和|、|及|，|,|（|\(|主任|医生|医师|护士)")


def _named_after_department(s: Scope) -> list[tuple[int, int]]:
    """泌尿外科A、呼吸科留|永健和骨科B: a name after a department that the tagger read as two words,
    a single character (a verb, a noun: a family name it did not know) and a noun. A word of its
    own (白内障) or a character of another class (新|技术) is no name."""
    text, base = s.text, s.base
    starts = {t.start: t for t in s.tokens}
    out = []
    for m in _DEPARTMENT_THEN_NAME.finditer(text):
        a, b = base + m.start(1), base + m.end(1)
        first = starts.get(a)
        second = starts.get(first.end) if first is not None else None
        if first is None or second is None or len(first.text) != 1 or second.end != b \
                or first.tag not in ("v", "n", "nr", "nz") or second.tag not in ("n", "nr", "nz", "PER") \
                or set(m.group(1)) & _NOT_IN_NAME:
            continue
        out.append((a, b))
    return out


# what may follow a name the tagger cut to two characters: a title, a space, a line's end, a list mark
_AFTER_CUT_NAME = r"(?:{titles}|[ \t\u3000]|\n|$|[、，,（(])"
# single characters that end no name: verbs of saying and of a credit line (王某摄, 王某文/), particles
_NOT_NAME_END = _NOT_IN_NAME | set("说称讲问答笑道摄文图报电")


@lru_cache(maxsize=1)
def _after_cut_name() -> re.Pattern:
    titles = sorted(set(rules()["titles_before_names"]) | set(rules()["forms_of_address"])
                    | set(rules()["titles_after_names"]), key=len, reverse=True)
    return re.compile(_AFTER_CUT_NAME.format(titles="|".join(map(re.escape, titles))))


def _third_character(s: Scope, a: int, b: int) -> int:
    """杨某|干|副院长, 陈某|雁⏎: the tagger took two characters of a three-character name and left
    the third as a word of its own; with a title, a space or the line's end right after it, the
    character is the name's."""
    text, base = s.text, s.base
    if b - a != 2 or text[a - base] not in surnames()[0]:
        return b
    nxt = next((t for t in s.tokens if t.start == b), None)
    if nxt is None or len(nxt.text) != 1 or nxt.text in _NOT_NAME_END or nxt.tag in ("w", "PER", "LOC", "ORG", "TIME", "m", "q", "p", "u", "c", "xc", "f") \
            or not re.fullmatch(f"[{HAN}]", nxt.text):
        return b
    return b + 1 if _after_cut_name().match(text, b + 1 - base) else b


# a credit line's label, then names one space apart (记者 A B, 通讯员：C, 审核:D)
_BYLINE_LABEL = re.compile(r"(?:首席记者|本报记者|特约记者|见习记者|摄影记者|记者|通讯员|实习生|作者|审核|责任编辑|责编|编辑|监制|摄影|撰稿)"
                           r"[ \t\u3000]*[：:/／]?[ \t\u3000]*")
_BYLINE_NAME = re.compile(rf"([{HAN}]{{2,3}})(?=[ \t\u3000]|\n|$|[）)】])")
_CREDIT_WORDS = frozenset({"记者", "通讯员", "实习生", "作者", "审核", "编辑", "责编", "监制", "摄影", "撰稿", "报道", "摄影报道", "来源", "发布"})


def _byline_names(s: Scope) -> list[tuple[int, int]]:
    """记者 A B, 通讯员 C D E, 审核：F: the names a credit line lists, one space apart, whatever the
    tagger made of them (a cut name, a noun): two or three characters opening with a family name."""
    text, base = s.text, s.base
    single, compound = surnames()
    out = []
    for m in _BYLINE_LABEL.finditer(text):
        pos = m.end()
        while (n := _BYLINE_NAME.match(text, pos)) is not None:
            name = n.group(1)
            if len(name) == 3 and name.endswith("摄"):
                name = name[:2]  # 记者 唐某摄: a photographer's credit, the verb glued to the name
            if name in _CREDIT_WORDS or not (name[0] in single or name[:2] in compound) or set(name) & _NOT_IN_NAME:
                break
            out.append((base + n.start(1), base + n.start(1) + len(name)))
            gap = re.match(r"[ \t\u3000]+", text[n.end():])
            if gap is None:
                break
            pos = n.end() + gap.end()
    return out


# a verb of leading a visit written right after a name (X率考察团, X携家人)
_LEAD_VERB = "率携"


def _name_before_lead_verb(s: Scope, a: int, b: int) -> tuple[int, int]:
    """佘某元率考察团 read as one word: the name ends before 率; 卢某|工|率…: the tagger left the
    given name's last character to the verb, the name takes it back."""
    text, base = s.text, s.base
    name = text[a - base:b - base]
    cut = re.match(rf"([{HAN}]{{2,3}})[{_LEAD_VERB}](?:[{HAN}]|$)", name)
    if cut and name[0] in surnames()[0] | {c[0] for c in surnames()[1]}:
        return a, a + len(cut.group(1))
    more = re.match(rf"([{HAN}])[{_LEAD_VERB}]", text[b - base:])
    if len(name) == 2 and name[0] in surnames()[0] and more and more.group(1) not in _NOT_IN_NAME \
            and any(t.start == b and t.tag == "n" and (len(t.text) == 1 or t.text[1:] in _LEAD_VERB) for t in s.tokens):
        return a, b + 1
    return a, b


def _given_name_start(s: Scope, a: int, b: int) -> int:
    """村民|买|买提·艾力, 记者 拍|热|扎提·阿不都: single characters the tagger split off the given name
    of a transliterated name belong to it (up to five characters before the dot)."""
    dot = min(i for i in range(a, b) if s.doc.norm[i] in _DOT)
    for t in sorted((t for t in s.tokens if t.end <= a), key=lambda t: -t.start):
        if t.end != a or len(t.text) != 1 or t.text in _NOT_IN_NAME or not re.fullmatch(f"[{HAN}]", t.text) \
                or dot - t.start > 5:
            break
        a = t.start
    return a


def _named_after_title(s: Scope) -> list[tuple[int, int]]:
    """指挥长严金静今天…: a name the tagger glued to the title before it. A family name right after a
    title, and one or two characters more up to the end of that word, is a name."""
    text, base = s.text, s.base
    single, compound = surnames()
    ends = {t.end for t in s.tokens}
    starts = {t.start for t in s.tokens}
    out = []
    for m in _title_then_han().finditer(text):
        a = base + m.end()
        if a in starts:
            # the tagger saw a word begin there: its own reading stands, unless it is a three-character
            # word of no noun class opening with a family name (副书记|连某某/d|代表…: a name it misread)
            word = next(t for t in s.tokens if t.start == a)
            if len(word.text) == 3 and word.tag in _MISREAD_NAME_TAGS and word.text[0] in single \
                    and re.fullmatch(f"[{HAN}]+", word.text) and not set(word.text) & _NOT_IN_NAME:
                out.append((word.start, word.end))
            continue
        for n in (3, 2, 4):
            name = text[m.end():m.end() + n]
            family = name[:2] if name[:2] in compound else name[:1]
            if family in single | compound and a + n in ends and len(name) - len(family) in (1, 2) \
                    and re.fullmatch(f"[{HAN}]+", name):
                out.append((a, a + n))
                break
    return out


@lru_cache(maxsize=1)
def _title_then_han() -> re.Pattern:
    """A title of titles_before_names (longest first) and the Han character after it."""
    titles = "|".join(map(re.escape, sorted(rules()["titles_before_names"], key=len, reverse=True)))
    return re.compile(rf"(?:{titles})(?=[{HAN}])")


# the tagger's classes for a word after a title that is a name it misread (an adverb, a verb…)
_MISREAD_NAME_TAGS = frozenset({"d", "a", "ad", "vd", "v", "c", "an"})

_TITLES_AFTER_NAMES = ("同志", "总书记")  # (other titles glue to words too often: 王府井|书记处)


@lru_cache(maxsize=1)
def _name_then_title() -> re.Pattern:
    """A family name, one or two characters and a title after them (习近平总书记, 王某某同志)."""
    single, compound = surnames()
    return re.compile(rf"((?:{'|'.join(compound)})[{HAN}]{{1,2}}|[{''.join(single)}][{HAN}]{{1,2}}?)"
                      rf"(?:{'|'.join(_TITLES_AFTER_NAMES)})")


def _named_before_title(s: Scope) -> list[tuple[int, int]]:
    """以X某某同志为组长, 习近平总书记…: a family name and one or two characters right before 同志 or
    总书记 name a person, whatever the tagger made of them (a place, or one word with the title)."""
    single, compound = surnames()
    out = []
    titled = any(x in s.text for x in _TITLES_AFTER_NAMES)   # (a word of the sentence holds one only if it does)
    for t in s.tokens:
        if t.tag == "PER":
            continue
        # (the pattern ends in a title: a word without one cannot match)
        m = _name_then_title().match(t.text) if titled and any(x in t.text for x in _TITLES_AFTER_NAMES) else None
        if m and (m.end() < len(t.text) or t.tag in ("nz", "n")):
            out.append((t.start, t.start + m.end(1)))  # 习近平|总书记… read as one word
        elif t.tag in ("LOC", "ORG", "nz") and 2 <= len(t.text) <= 4 and t.text[0] in single \
                and re.match(r"同志", s.doc.norm[t.end:t.end + 2]):
            out.append((t.start, t.end))  # 彭某某|同志 read as a place
    return out


def _form_of_address(name: str) -> bool:
    """霍大夫, 王老师, 李书记: a family name and a title or term of address, not a full name."""
    return len(name) <= 4 and name[0] in surnames()[0] and name[1:] in rules()["forms_of_address"]


def _among_places(s: Scope, a: int, b: int) -> bool:
    """A name in a list of places (浦江、叶河的水) is a place the tagger took for a person."""
    # a place standing alone: not the head of an organisation's name (X、福建省援疆指挥部指挥长Y)
    names = [o for o in s.found if o.cls not in REGIONISH]
    places = [m for m in s.found if (m.source.startswith("gazetteer") or m.source == "lac:head")
              and not any(o.start <= m.start and m.end <= o.end for o in names)]
    before = s.doc.norm[a - 1:a]
    after = s.doc.norm[b:b + 1]
    titles = tuple(rules()["titles_before_names"])
    # (主席X某、山东省省长Y某 is a list of persons with titles, not of places)
    return any(p.end == a - 1 for p in places) and before == "、" or \
        any(p.start == b + 1 and not s.doc.norm.startswith(titles, p.end) for p in places) and after == "、"


def in_slogan(text: str, s: int, e: int) -> bool:
    """Whether [s, e) lies inside a quotation that holds more than a name: a list or a phrase."""
    q0 = max(text.rfind("“", 0, s), text.rfind("「", 0, s))
    if q0 < 0 or re.search(r"[”」]", text[q0:s]):
        return False
    q1 = re.search(r"[”」]", text[e:])
    if q1 is None:
        return False
    quoted = text[q0 + 1:e + q1.start()]
    # a slogan is short and is no one's words (他说：“…”)
    return bool(re.search(r"[、，,\s]", quoted.strip())) and len(quoted) <= 12 and not re.search(r"[：:]\s*$", text[:q0])


# --- two-character names need a sign of a person -------------------------------------------------

_ORGANISATIONS = frozenset({"Institution", "Enterprise", "GovernmentBody", "Organization"})
# words a person's name follows in reporting: credit labels, posts, kinds of people
_PERSON_WORDS_BEFORE = ("记者", "通讯员", "摄影", "编辑", "责编", "审核", "监制", "作者", "负责人", "成员", "代表",
                        "干部", "专家", "医生", "医师", "教师", "老师", "护士", "队员", "主任医师", "学生", "同学")
# what a person's name is followed by: a verb of saying or leading, a caption's place, a credit
_PERSON_AFTER = re.compile(r"[ \t\u3000]*(?:说|表示|介绍|指出|告诉|强调|认为|坦言|称|讲话|主持|致辞|带领|率|一行|等人|等同志|同志"
                           r"|[（(](?:左|右|中|前|后)|摄|[：:]“|[，,](?:男|女)[，,]|$)")


@lru_cache(maxsize=1)
def _person_words_before() -> re.Pattern:
    words = set(_PERSON_WORDS_BEFORE) | set(rules()["titles_before_names"]) | set(rules()["forms_of_address"]) \
        | set(rules()["titles_after_names"]) | set(rules()["person_nouns"]) | set(rules()["cadre_markers"])
    return re.compile("(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")[ \t\u3000]*[：:/]?[ \t\u3000]*$")


@lru_cache(maxsize=1)
def _title_after() -> re.Pattern:
    words = set(rules()["titles_before_names"]) | set(rules()["forms_of_address"]) | set(rules()["titles_after_names"])
    return re.compile("(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")")


def _sign_of_a_person(doc, m: Mention, persons: list[Mention]) -> bool:
    text = doc.norm
    if m.role:
        return True  # a byline's or a dateline's name
    before = re.split(r"[，,。；;！？!?“”「」（）()]", text[max(0, m.start - 12):m.start])[-1]
    after = text[m.end:m.end + 6]
    if _person_words_before().search(before) or _PERSON_AFTER.match(after) or _title_after().match(after):
        return True  # 副书记NAME, 记者 NAME, NAME表示, NAME（右）, NAME 摄, NAME副院长
    if re.search(r"(?:会见|看望|慰问|陪同|采访|感谢|祝贺|邀请)$", before) \
            or re.match(r"[^，,。；;！？“”]{0,8}?(?:说|表示|介绍|指出|告诉|强调|认为|坦言)", after + text[m.end + 6:m.end + 10]):
        return True  # 看望NAME; NAME在会上说
    if re.search(r"(?:挂职|支教|支医|援建|援[\u4e00-\u9fff]|任职|帮扶|驻村|蹲点)的$", before):
        return True  # 到R挂职的NAME: the one who serves there
    rest = text[m.end:m.end + 40]
    if re.match(r"是[^，,。；;！？!?\n]{0,24}?(?:" + _title_after().pattern + r"|干部|委员|党员|教师|医生|专家|队员)", rest) \
            or re.match(r"[^。！？!?\n“”]{0,36}?[，,]\s*(?:他|她)(?![们])", rest):
        return True  # NAME是D区委组织部干部; NAME……，他说: said of a person
    if re.search(r"[\u4e00-\u9fff]科$", before) and not re.search(r"(?:学|本|专|工|理|文)科$", before):
        return True  # 妇产科NAME: a department's doctor
    if any(o.end == m.start - 1 and o.cls in _ORGANISATIONS for o in doc.mentions) and text[m.start - 1] == "的":
        return True  # X中学的NAME: a person of an organisation
    line = text.rfind("\n", 0, m.start) + 1
    if (line == m.start or re.fullmatch(r"[^\n，,。：:]{1,6}[：:][ \t\u3000]*", text[line:m.start])) \
            and re.match(r"[，,：:]", after):
        return True  # a profile line: NAME，男，… / NAME：…
    # a list of persons: another name right before or after, one mark between
    return any(re.fullmatch(r"[、和与及]|、以及|[ \t\u3000]+", text[o.end:m.start]) or
               re.fullmatch(r"[、和与及]|、以及|[ \t\u3000]+", text[m.end:o.start]) for o in persons if o is not m)


def two_character_names_with_a_sign(doc) -> None:
    """特色林果、畜牧; ，陈设党的建设: a family name's character and a common one (林果, 陈设, 高原,
    周边) read as a name. A two-character name stands only where the article, at one mention of it
    at least, gives a sign of a person: a post or a credit label before it, a verb of saying or a
    caption's place after it, a byline, a list of persons it stands in, a profile line it opens.
    (Longer names and dotted ones are names by their form.)"""
    persons = [m for m in doc.mentions if m.cls in ("Person", "Cadre")]
    two = [m for m in persons if m.end - m.start == 2 and not _has_dot(doc.norm[m.start:m.end])]
    if not two:
        return
    signed = {doc.norm[m.start:m.end] for m in two if _sign_of_a_person(doc, m, persons)}
    drop = {id(m) for m in two if doc.norm[m.start:m.end] not in signed}
    if drop:
        doc.mentions[:] = [m for m in doc.mentions if id(m) not in drop]
