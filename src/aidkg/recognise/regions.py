"""Places: administrative divisions from the gazetteer (full names and short forms) and the
townships, villages and farms the grammar of their names gives (X乡, X镇, X村, X农场)."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import gazetteer as gz
from ..document import Mention
from ..lexicon import aid_marker, class_by_suffix, longest_first, relation_words, rules, word_set
from .common import HAN, REGIONISH, starts_with_determiner, tag_at, token_bounds
from .persons import in_slogan
from .scope import Scope

TOWNSHIP = re.compile(rf"[{HAN}]{{1,6}}?(?:街道|乡|镇|村|社区|农场|牧场)")
_BODY_AFTER = re.compile(r"(?:人民政府|政府|党委|县委|市委|州委|人大|政协)")
_WATER_AFTER = re.compile(r"景观|流域|两岸|沿岸|岸边|水系|干流|支流|湿地|河道|河段|水域|大桥")
_LANDFORM_AFTER = re.compile(r"[东西南北]麓|山[脚下麓区]?|河畔|江畔|湖畔|河谷|脚下|之[滨畔巅麓]")
_WORD_END = re.compile(r"(?:乡村|集镇|小镇|老乡|城镇|村镇|农村|家乡|下乡|全村|全乡|全镇)$|驻[镇村乡]")
# a pairing verb that says nothing but a pairing (对口支援, 结对帮扶: the pair verbs not also said of
# any help) right after a name: the name is the giver
_PAIRING_AFTER = re.compile("|".join(sorted(set(relation_words()["pair_verbs"]) - set(relation_words()["weak_pair_verbs"]),
                                            key=len, reverse=True)))
_COUNTED = re.compile(r"[两二三四五六七八九十\d]个?(?:街道|乡|镇|村|社区)$")
TOWNSHIP_CLASS = {"街道": "Township", "乡": "Township", "镇": "Township", "村": "Village", "社区": "Village",
                  "农场": "Region", "牧场": "Region"}


def divisions(s: Scope) -> None:
    """Every division the gazetteer finds. A short form (麦盖提, 塔城) stands when the tagger reads
    it as one word and a place; otherwise it is `gazetteer:unconfirmed` until a neighbouring place
    confirms it (confirm_short_forms). Ambiguous ones keep their candidates for resolve."""
    gaz = gz.get_gazetteer()
    text, base = s.text, s.base
    starts, ends = token_bounds(s.tokens)
    hits = gaz.find_all(text)
    for i, hit in enumerate(hits):
        if hit.xpcc is not None:
            continue  # XPCC units: see xpcc.units
        start, end = base + hit.start, base + hit.end
        source = "gazetteer"
        if text.startswith(("东西部协作", "东西部扶贫协作"), hit.end - 1) and hit.text.endswith("东"):
            continue  # 浔广|东西部协作: the 东 of 东西部协作 read into a province (广东), no place
        if hit.is_short_form and _LANDFORM_AFTER.match(text, hit.end):
            continue  # 贺兰|东麓, 天山|脚下: the mountain or river the place is named after, not the place
        if hit.is_short_form and hit.text[-1] in "河江湖" and _WATER_AFTER.match(text, hit.end):
            continue  # 胡杨河|景观带, X江|流域: the river a short form names, not the place named after it
        if hit.is_short_form and (text[hit.start - 1:hit.start] in "“「" and text[hit.end:hit.end + 1] in "”」"
                                  or in_slogan(text, hit.start, hit.end)):
            continue  # “太湖”“湟水” (a lake and a river as symbols), “携手共进、同心帮扶” (a slogan)
        if not hit.is_short_form and len(hit.text) <= 2 and not (start in starts and end in ends) \
                and not (i and _in_a_chain(gaz, hits[i - 1], hit)) \
                and not (start in starts and i + 1 < len(hits) and _in_a_chain(gaz, hit, hits[i + 1])):
            continue  # 示|范县|: a two-character name read inside another word (阿坝州理县: in its prefecture;
            # 赣县长洛乡中心小学: its town written right after it)
        if not hit.is_short_form and not hit.is_word and start not in starts and not (i and hits[i - 1].end == hit.start) \
                and any(t.start < start < t.end < end and t.tag not in ("LOC", "ORG") and len(t.text) >= 2
                        for t in s.tokens):
            continue  # 沿海|城市: a full name read across two ordinary words (海城市), its first character the end of one
        if not hit.is_short_form and hit.text.endswith("乡") and any(t.start == end - 1 and t.text == "乡村" for t in s.tokens):
            continue  # 建设|乡村振兴: a township's name (建设乡) read into the word 乡村
        if _township_inside_a_word(s.tokens, hits[i - 1] if i else None, hit, start, starts):
            continue  # 市域|城镇: a town's name read across the words of an ordinary phrase
        if hit.is_short_form or hit.is_word:
            chained = _in_a_chain(gaz, hits[i - 1] if i else None, hit)
            aligned = start in starts and end in ends or chained \
                or _in_a_chain(gaz, hit, hits[i + 1] if i + 1 < len(hits) else None)
            if not aligned and start in starts and len(hit.text) >= 3 and hit.text[-1] in "县旗" \
                    and not hit.is_ambiguous and re.match(rf"[{HAN}]{{1,6}}?[镇乡]", text[hit.end:]):
                aligned = True  # 巴里坤县|大河镇…: the tagger wrote the county and its town as one word
            if not aligned and start in starts and _BODY_AFTER.match(text, hit.end):
                aligned = True  # 河南县|政府: the place a government body is named after
            if not aligned and start in starts and not hit.is_ambiguous and aid_marker().match(text, hit.end):
                aligned = True  # 江苏援疆 read as one word: the donor and its programme
            if not aligned and start in starts and hit.is_short_form and _PAIRING_AFTER.match(text, hit.end):
                aligned = True  # 河北对口支援兵团二师 read as one word: the donor opens a pairing
            district = all(c.name.endswith("区") and c.level == "county" for c in hit.candidates)
            after_role = _after_place_role_word(text, hit, starts, base) and not district \
                and not hit.is_ambiguous and not hit.is_word and hit.candidates[0].level in ("prefecture", "county")
            if not after_role and hit.is_word and len(hit.candidates) == 1 and not district \
                    and hit.candidates[0].level in ("prefecture", "county") \
                    and re.search(r"(?:对口支援|对口帮扶|结对帮扶|对口援建)$", text[:hit.start]) \
                    and re.match(r"[，,。；;、和及与]", text[hit.end:hit.end + 1]):
                after_role = True  # 对口帮扶大关，: a word-like county's name, its clause closed right after the verb's object
            if not (aligned or after_role) or len(hit.text) < 2:
                continue
            tag = tag_at(s.tokens, start, end)
            if tag == "PER" and not hit.is_ambiguous:
                tag = "LOC"  # the tagger's unknown two-syllable word is a county it has not seen
            # a short form the tagger calls a place stands; others need a neighbouring place (、和)
            if after_role:
                source = "gazetteer"  # 在莎|车, 赴图|木舒克: the words before say it is a place
            elif district and (tag == "LOC" and not hit.is_word or chained):
                # 南沙, 静安 alone: a district's short form stands when the article names its city
                named = [c for c in hit.candidates if _parent_named(gaz, c, s.doc.norm)]
                if named:
                    hit = replace(hit, candidates=tuple(named))
                else:
                    source = "gazetteer:unconfirmed"
            elif not hit.is_word and not hit.is_ambiguous and not district and tag in ("n", "nz", "PER", "LOC", "ORG") \
                    and len(hit.text) >= 2 and hit.candidates[0].name in s.doc.norm:
                source = "gazetteer"  # 黑水 alone, where the article names 黑水县 in full: the place of the story
            elif tag not in ("LOC", "ORG") or hit.is_ambiguous and tag != "LOC" or district:
                source = "gazetteer:unconfirmed"
        div = hit.candidates[0] if len(hit.candidates) == 1 else None
        s.found.append(Mention(start, end, div.cls if div else hit.candidates[0].cls, source,
                               code=div.code if div else None,
                               canonical=div.name if div else hit.text,
                               candidates=tuple(hit.candidates)))


def _township_inside_a_word(tokens, before, hit, start: int, starts: set[int]) -> bool:
    """A town's full name (X镇, X乡) whose first character the tagger put at the end of an ordinary
    word (市域|城镇 → 域城镇): no place, unless a place is written right before it (the tagger then
    merged the two: 巴里坤县大河镇) or the tagger itself calls that word a place."""
    if start in starts or hit.is_short_form or any(c.level != "township" for c in hit.candidates):
        return False
    if before is not None and before.end == hit.start:
        return False
    return tag_at(tokens, start, start + 1) not in ("LOC", "ORG")


def _after_place_role_word(text: str, hit, starts: set[int], base: int) -> bool:
    """The hit follows a word that takes a place (在, 赴, 落户, 对口支援 …) beginning a token of its
    own: however the tagger cut or read the name after it (在|莎|车, 赴图|木舒克, 在|疏附/v), a place."""
    if text[hit.end:hit.end + 1] in tuple("省市县区州旗盟乡镇村"):
        return False  # 在林芝县: a longer name (here a former county) the gazetteer does not hold
    for w in word_set("place_role_words"):
        if text.endswith(w, 0, hit.start) and base + hit.start - len(w) in starts:
            return True
    return False


def _parent_named(gaz, division, text: str) -> bool:
    """The city a district lies in (or the municipality) is named somewhere in the article."""
    for up in gaz.chain(division.code)[1:]:
        if up.level == "prefecture" or up.level == "province" and up.name.endswith("市"):
            if any(n in text for n in (up.name, *up.short_names) if len(n) >= 2):
                return True
    return False


def _facility_after(text: str, pos: int) -> bool:
    """A facility's head right after (小区, 公园 …: name_rules.place_heads of class Project)."""
    return any(text.startswith(h, pos) for h, cls in rules()["place_heads"].items() if cls == "Project")


def _in_a_chain(gaz, outer, inner) -> bool:
    """Two places written together, the second inside the first by the reference data (梅州|平远县,
    新疆|博州, 四川|阿坝州|理县): the chain confirms a short form in it, however the tagger cut
    the words."""
    if outer is None or inner is None or outer.end != inner.start or outer.xpcc or inner.xpcc:
        return False
    if outer.is_ambiguous or len(outer.candidates) != 1 or inner.is_short_form and inner.is_ambiguous:
        return False
    # (an ambiguous or word-like full name, 西安市|新城区: one of its units lies in the outer place)
    inside = [c for c in inner.candidates if outer.candidates[0].code in {d.code for d in gaz.chain(c.code)[1:]}]
    return len(inside) == 1


def townships(s: Scope) -> None:
    """乡/镇/村/农场 names: a LOC-tagged token, or the words right after a known region."""
    text, base, tokens = s.text, s.base, s.tokens
    region_ends = {m.end for m in s.found}
    not_townships = word_set("not_townships")
    out = []
    for t in tokens:
        if t.tag not in ("LOC", "n", "nz", "ORG"):
            continue
        # the suffix may be its own token (六运湖/LOC 农场/n): take the previous LOC token too
        for m in TOWNSHIP.finditer(t.text):
            if m.end() != len(t.text) and not (t.tag in ("LOC", "ORG") and class_by_suffix(t.text[m.end():])):
                continue  # (茶尔乡|希望小学 read as one word: the town begins the school's name)
            start, end = t.start + m.start(), t.start + m.end()
            # extend to the token start or to the end of a region mention inside the token
            inner = [r for r in region_ends if t.start < r < end - 1]
            start = max(inner) if inner else t.start
            name = text[start - base:end - base]
            if name in not_townships or len(name) < 3 or _COUNTED.search(name):
                continue  # 茶山三镇: the last of a list of three towns, not a town named 茶山三
            if _facility_after(text, end - base):
                continue  # X新村小区: an estate's name, not a village
            if in_slogan(text, start - base, end - base):
                continue  # “深X相携 爱满藏乡”: a word of a slogan, no town
            if t.tag not in ("LOC", "ORG") and not (start in region_ends or t.start in region_ends):
                continue
            before = text[max(0, start - base - 2):start - base]
            if _generic_village(name) or _WORD_END.search(name) \
                    or before in not_townships and _generic_village(before + name):
                continue  # 闽宁示范村, 乡村振兴示范村 (乡村|振兴示范村 too): a kind of village, not one
            suffix = next(k for k in sorted(TOWNSHIP_CLASS, key=len, reverse=True) if name.endswith(k))
            out.append(Mention(start, end, TOWNSHIP_CLASS[suffix], "grammar:township"))
    # LOC token + a separate 农场/牧场/乡/镇 token
    for a, b in zip(tokens, tokens[1:]):
        before = text[max(0, a.start - base - 2):a.start - base]
        if a.tag == "LOC" and b.text in ("农场", "牧场", "乡", "镇", "村") and a.end == b.start \
                and not _generic_village(a.text + b.text) and a.text + b.text not in not_townships \
                and not (before in not_townships and _generic_village(before + a.text + b.text)):
            # (生态旅游|村, 乡村|振兴示范|村: a kind of village; 相关|村: the villages concerned)
            out.append(Mention(a.start, b.end, TOWNSHIP_CLASS[b.text], "grammar:township"))
        elif a.tag == "LOC" and a.end == b.start and re.fullmatch(rf"[{HAN}]{{1,4}}[村乡镇]", b.text) \
                and len(a.text) + len(b.text) <= 6 and (len(a.text) == 1 or len(b.text) == 2) \
                and a.text + b.text not in not_townships and not _WORD_END.search(a.text + b.text) \
                and b.text not in not_townships and not starts_with_determiner(b.text) \
                and not any(r.start <= a.start and a.end <= r.end for r in s.found if r.source.startswith("gazetteer")) \
                and not any(r.start == b.start and r.end == b.end for r in s.found if r.source.startswith("gazetteer")):
            # (震|中|映秀镇: a town the reference data knows whole takes no character of the word before)
            # 色|果拉村, 玉容|增村: the tagger split a village's name
            out.append(Mention(a.start, b.end, TOWNSHIP_CLASS[b.text[-1]], "grammar:township"))
    s.found += out
    named_next_to_places(s)


def named_next_to_places(s: Scope) -> None:
    """Villages and towns named right after a county or town (林芝县|公众|村, 皮拉勒乡|墩|都热村), and
    the items around a village in a list of villages (公众|村、拉丁嘎村). Run again after the tagger's
    places are in (a county known today by another name: 林芝县)."""
    text, base, tokens = s.text, s.base, s.tokens
    not_townships = word_set("not_townships")
    ends = {t.end for t in tokens}
    out: list[Mention] = []

    def add(a: int, name: str) -> None:
        b = a + len(name)
        inside = [t for t in tokens if a <= t.start and t.end < b]  # (the last word ends in 村)
        # the tagger's village may be the tail of this name (英艾日克镇|托万克|兰干村: its first
        # words read as a place of their own): the whole name replaces it
        tail = [o for o in s.found if o.source == "grammar:township" and o.end == b and a < o.start
                and all(t.tag in ("LOC", "n", "nz", "ORG") for t in tokens if a <= t.start and t.end <= o.start)]
        if b not in ends or name in not_townships or len(name) < 3 or _COUNTED.search(name) \
                or starts_with_determiner(name) or _generic_village(name) or _WORD_END.search(name) \
                or any(t.tag in ("v", "vn", "p", "c", "u", "d", "ad", "w") for t in inside if t.start > a) \
                or any(o.start < b and a < o.end for o in s.found + out if o not in tail):
            return  # 县乡村, X县江南小镇, 驻镇帮镇: words, not a name
        for o in tail:
            s.found.remove(o)
        out.append(Mention(a, b, TOWNSHIP_CLASS[name[-1]], "grammar:township"))

    for r in list(s.found):
        after_place = r.cls in ("County", "Township") and r.source.startswith("gazetteer") \
            or r.cls == "Region" and re.search(r"[县区市乡镇旗]$", text[r.start - base:r.end - base])
        if after_place:
            # (a county the gazetteer knows by another name today: 林芝县, read from the tagger)
            m = re.match(rf"[{HAN}]{{1,6}}?[村乡镇]", text[r.end - base:])
            if m:
                add(r.end, m.group())
        if r.cls == "Village" and text[r.start - base - 1:r.start - base] == "、":
            # the word before it in the list (建设公众村、拉丁嘎村)
            t = next((t for t in tokens if t.end == r.start - 1), None)
            if t is not None and t.tag in ("n", "nz", "LOC", "ORG") and re.fullmatch(rf"[{HAN}]{{2,5}}村", t.text):
                add(t.start, t.text)
    s.found += out


def _generic_village(name: str) -> bool:
    """A model, well-off, border or poor village named by what kind it is (X示范村, 边境小康村) with two
    partners' initials or generic words only."""
    m = re.fullmatch(r"(.*?)(?:示范|小康|边境|贫困|美丽|文化|民俗|生态|旅游|特色)+(?:村|乡|镇|社区)", name)
    if m is None:
        return False
    rest = m.group(1)
    gaz = gz.get_gazetteer()
    rest = "".join(c for c in rest if not gaz.province_abbreviation(c)) if len(rest) <= 2 else rest
    for g in longest_first("generic_project_modifiers"):
        rest = rest.replace(g, "")
    return len(rest) < 2


def confirm_short_forms(s: Scope) -> None:
    """An unconfirmed short form (麦盖提 split by the tagger, 天山 the mountain) counts only when it
    stands in a coordinated list with a confirmed place: 疏勒、岳普湖、英吉沙、麦盖提四县."""
    text, base = s.text, s.base
    regions = sorted((m for m in s.found if m.cls in REGIONISH and m.source.startswith("gazetteer")),
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
                if gap in ("、", "和", "与", "及", "以及", "，", "·", "・"):   # (顺德·凤山: two partners)
                    m.source = "gazetteer"
                    changed = True
                    break
    s.found = [m for m in s.found if m.source != "gazetteer:unconfirmed"]


def districts_not_zones(s: Scope) -> None:
    """上海市浦东新区, 天津市滨海新区: a district whose name ends like a zone's (新区, 园区) read by the
    name grammar as a development zone is the chain of places the gazetteer found — when the
    grammar's name is nothing but adjacent divisions, ending with a district, it is no zone."""
    places = [m for m in s.found if m.source.startswith("gazetteer") and m.cls in REGIONISH]

    def chain_only(m: Mention) -> bool:
        pos, last = m.start, None
        while pos < m.end:
            last = next((p for p in places if p.start == pos and p.end <= m.end), None)
            if last is None:
                return False
            pos = last.end
        return last is not None and last.cls == "County"

    s.found = [m for m in s.found if not (m.cls == "DevelopmentZone" and m.source.startswith("grammar")
                                          and chain_only(m))]
