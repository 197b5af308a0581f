"""Projects named without a head noun the grammar knows, or nested in other names: the items a
count of projects sums up, names given in quotes (命名为“X”), facilities a project's name begins
with, and industry words glued to a project's name."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..document import Mention
from ..lexicon import aid_marker, class_by_suffix, rules, suffix_class, suffix_regex, word_set
from .common import REGIONISH
from .scope import Scope

_COUNTED_LIST = re.compile(r"(?:实施|建设|新建|启动|推进|援建|完成|开工|签约|投产|共有)了?的?(?P<list>[^，,。；;：:“”「」]{8,160}?)"
                           r"(?P<etc>等)?(?P<n>[两二三四五六七八九十]|\d{1,3})(?:个|项)(?:重点|民生|产业|援建|" + aid_marker().pattern + r"|文旅|建设)?(?:项目|工程)")
# an example before 等N个(重点)项目 is named when it is long and holds no clause (no verb-like 的/了, no count)
_EXAMPLE_ITEM = re.compile(r"(?![一二三四五六七八九十两\d]+[个项所家座条批处])[^的了是在为将对从向把被]{6,30}")
_SMALL_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def counted_list_items(text: str, base: int) -> list[Mention]:
    """实施了A和B两个项目, 建设A、B、C等3个项目: the items a count of projects sums up are project
    names, whatever their heads (X公寓, Y污水处理厂提标改造)."""
    out = []
    for m in _COUNTED_LIST.finditer(text):
        n = int(m.group("n")) if m.group("n").isdigit() else _SMALL_NUMBERS.get(m.group("n"), 0)
        parts = re.split(r"以及|和|、|及|与", m.group("list"))
        whole = m.group("list").split("、")
        if len(whole) >= 2 and all(re.search(r"(?:项目|工程)$", p) for p in whole):
            parts = whole  # A项目、B及C项目: each item names itself whole, 及 inside one of them
        if n < 2 or len(parts) != n or any(not 4 <= len(p) <= 30 for p in parts):
            # 签约的A、B等12个项目: the examples named before 等 and a larger count; and 及/和 may
            # then join the words of one name (X辣椒精深加工及玉米烘焙), so only 、 parts them
            parts = m.group("list").split("、")
            if not m.group("etc") or len(parts) >= n or any(not _EXAMPLE_ITEM.fullmatch(p) for p in parts):
                continue
        pos = m.start("list")
        for p in parts:
            i = text.index(p, pos)
            out.append(Mention(base + i, base + i + len(p), "Project", "grammar:counted-list"))
            pos = i + len(p)
    return out


def counted_lists(s: Scope) -> None:
    """Items of counted lists (counted_list_items), and those names again wherever the article
    repeats them."""
    for name in s.listed_projects:
        for h in re.finditer(re.escape(name), s.text):
            s.found.append(Mention(s.base + h.start(), s.base + h.end(), "Project", "grammar:counted-list"))
    s.found += counted_list_items(s.text, s.base)


# a project's title in quotes right after the words that say it is one (援疆重点特色项目“X”)
_PROJECT_APPOSITION = re.compile(r"(?:项目|工程)[“「](?P<name>[^”」“「，,。；;：:、]{3,16})[”」](?![\u4e00-\u9fff]{0,6}(?:项目|工程|活动|行动|计划))")


# a title quoted right before 的 and the kind of project it is (“X生态园·Y文化村”的援疆项目)
_TITLE_OF_PROJECT = re.compile(r"[“「](?P<name>[^”」“「，,。；;：:、的]{5,16})[”」]的(?:[\u4e00-\u9fff]{0,4}?)(?:项目|工程)(?![\u4e00-\u9fff]{0,2}(?:资金|计划))")


def quoted_project_titles(text: str) -> set[str]:
    """The titles quoted right after 项目/工程 in a text (重点特色项目“X生态文化村”), or right before
    的 and the kind of project they are (“青松果园·红柳民俗村”的援疆项目)."""
    return {m.group("name") for rx in (_PROJECT_APPOSITION, _TITLE_OF_PROJECT) for m in rx.finditer(text)
            if not re.fullmatch(r"[\d一二三四五六七八九十百千万]+|十[一二三四五]五", m.group("name"))}


def quoted_names(s: Scope) -> None:
    """Names given in quotes after 命名为/名为: “X”和“Y” (units of a project, buildings); and a
    project's title quoted right after 项目/工程 (重点特色项目“X生态文化村”)."""
    for m in _PROJECT_APPOSITION.finditer(s.text):
        s.found.append(Mention(s.base + m.start("name"), s.base + m.end("name"), "Project", "grammar:named"))
    verbs = "|".join(map(re.escape, rules()["naming_verbs"]))
    for m in re.finditer(rf"(?:{verbs})((?:[“「][^”」]{{2,16}}[”」](?:[、和及与]|以及)?)+)", s.text):
        for q in re.finditer(r"[“「]([^”」]{2,16})[”」]", m.group(1)):
            start = s.base + m.start(1) + q.start(1)
            s.found.append(Mention(start, start + len(q.group(1)), "Project", "grammar:named"))


@lru_cache(maxsize=1)
def _weak_heads() -> tuple[str, ...]:
    return tuple(x.text for x in suffix_class().values() if "weak" in x.flags)


def join_firm_words(s: Scope) -> None:
    """建设X新能源装备制造基地项目: after a construction verb, an industry word glued to a project
    name is part of that name, not a firm that owns it."""
    boundary_verbs = word_set("boundary_verbs")
    weak = _weak_heads()
    out = list(s.found)
    for e in s.found:
        if e.cls != "Enterprise" or not e.source.endswith(weak):
            continue
        before = next((t for t in s.tokens if t.end == e.start), None)
        after = next((p for p in s.found if p.cls == "Project" and p.start == e.end), None)
        if before is not None and before.text in boundary_verbs and after is not None:
            out.remove(e)
            out.remove(after)
            out.append(Mention(e.start, after.end, "Project", after.source))
    s.found = out


def joined_titles(s: Scope) -> None:
    """A暨B: 暨 joins two titles into the one name of a single project or event (X抗震安居工程暨
    新农村建设项目, X推介会暨签约仪式), never two things of a list."""
    projects = sorted((m for m in s.found if m.cls == "Project"), key=lambda m: m.start)
    for a, b in zip(projects, projects[1:]):
        if a in s.found and b in s.found and s.doc.norm[a.end:b.start] == "暨":
            s.found.remove(a)
            s.found.remove(b)
            s.found.append(Mention(a.start, b.end, "Project", b.source))
    text = s.doc.norm
    for b in [m for m in s.found if m.cls == "Project" and text[m.start - 1:m.start] == "暨"]:
        if any(a.end == b.start - 1 and a.cls == "Project" for a in s.found):
            continue
        left = _JOINED_LEFT.search(text, max(s.sentence.start, b.start - 1 - 24), b.start - 1)
        if left is None or any(a.start < b.start - 1 and a.end > left.start() and a.cls != "Project"
                               and a.cls not in REGIONISH for a in s.found):
            continue  # (a firm or body inside: parties, no title)
        s.found.remove(b)
        s.found.append(Mention(left.start(), b.end, "Project", b.source))  # R示范村暨农文旅融合项目


# the first title of A暨B: words after a clause mark, 的 or a verb of choosing, holding none of a clause's words
_JOINED_LEFT = re.compile(r"(?:(?<=[，,。；;：:、“”的])|(?<=入选|列入|实施|建设))[^，,。；;：:、“”的了是在将对从向把被和与及]{4,24}$")


_PROJECT_TAIL = re.compile(r"(?:建设项目|项目|工程)$")


def nested_facilities(s: Scope) -> None:
    """X县Y医院住院楼改扩建项目, Y中学校史馆, R工业城标准化厂房三期项目: the institution or zone a
    project's name begins with is named too (nested in the project's mention), so that it can say
    where the project is — when the article names it elsewhere as well, or when the rest of the
    project's name is a part of it (住院楼, 标准化厂房; not just 扩建)."""
    out = []
    text = s.doc.norm
    regions = [r for r in s.found if r.cls in REGIONISH]
    verbs = word_set("name_internal_verbs") | word_set("construction_verbs")
    false_heads = rules()["false_heads"]
    for m in s.found:
        if m.cls != "Project" or not m.source.startswith("grammar"):
            continue
        name = text[m.start:m.end]
        if re.search(r"[“「]", name):
            continue  # “唐卡艺术走进X大学”活动: a title in quotes names no institution
        candidates = []
        for h in suffix_regex().finditer(name):
            suffix = suffix_class()[h.group()]
            tail = _PROJECT_TAIL.sub("", name[h.end():])
            if suffix.cls in ("Institution", "DevelopmentZone") and len(tail) >= 2 \
                    and not any(f.startswith(h.group()) and name.startswith(f, h.start()) for f in false_heads) \
                    and not any(f.endswith(h.group()) and name[:h.end()].endswith(f) for f in false_heads):
                candidates.append((h.end(), suffix, tail))
        for end, head, rest in reversed(candidates):  # the innermost (X医院分院 before X医院) first
            lead = m.start
            if text[m.start] in "师团" and any(r.start == m.start + 1 and r.cls == "XPCCUnit" for r in regions):
                lead += 1  # 师|青松农场学校: the division said by one character is no part of its farm's school
            opens = lead
            for r in sorted(regions, key=lambda r: r.start):
                if r.start == lead and r.end <= m.start + end:
                    lead = r.end  # the places in front of the name
            core = text[lead:m.start + end]
            if len(core) < len(head.text) + 2:
                continue  # 阿图什市产业园区: a place's zone in general, not one named
            if lead == m.start and core in word_set("county_own_institutions"):
                continue  # 职业技术学校信息化教学楼: a kind of school with no place or name, not one named
            # named elsewhere on its own, not only as the start of other projects' names
            named_elsewhere = len(re.findall(re.escape(core) + r"(?!建设项目|项目|工程|配套)", text)) > text.count(name)
            for v in sorted(verbs, key=len, reverse=True):
                rest = rest.replace(v, "")
            placed = any(opens <= r.start and r.end <= m.start + end for r in regions) \
                or any(not h.is_word for h in gz.get_gazetteer().find_all(text[opens:m.start + end])) \
                or re.search(r"第[一二三四五六七八九十\d]+", core) is not None \
                or any(t.tag in ("ORG", "nz", "nw", "LOC", "PER") and opens <= t.start and t.end <= m.start + end
                       for t in s.tokens) \
                or re.match(r"[省市县区州乡镇]", core) is not None  # 第五中学, 县人民医院: a place's school by its number or level
            if not placed and not named_elsewhere:
                continue  # 职业技术学校|信息化综合教学楼: a kind of school, no place or name of its own
            if named_elsewhere or len(rest) >= 3:
                out.append(Mention(opens, m.start + end, head.cls, "grammar:nested", sentence=s.sentence.index))
                break
    s.found += out


# what builds a road for a place (江苏省援建的…路, 捐建的…大道)
_BUILT_FOR = re.compile(r"(?:援建|捐建|修建|建成|新建|出资修建|援助修建|投资修建)的$")


def donor_roads(s: Scope) -> None:
    """D援建的<city><D>路: a road a donor built and the city named after the donor is a project
    (a road named after a place is no place, and 路 alone is too common a word to be a head)."""
    gaz = gz.get_gazetteer()
    for m in re.finditer(r"(?:路|大道|大街)", s.text):
        window = s.text[max(0, m.start() - 12):m.start()]
        off = m.start() - len(window)
        hits = [h for h in gaz.find_all(window) if not h.is_word]
        donor = next((h for h in hits if off + h.end == m.start() and h.end - h.start >= 2), None)
        if donor is None:
            continue
        city = next((h for h in hits if h.end == donor.start and h.end - h.start >= 2), None)
        start = off + (city.start if city is not None else donor.start)
        if _BUILT_FOR.search(s.text, 0, start):
            s.found.append(Mention(s.base + start, s.base + m.end(), "Project", "grammar:donor-road"))


# a scenic area's works: X景区建设, X景区提升改造 (a scenic area is otherwise a place)
_SCENIC_WORKS = re.compile(r"景区(?=建设|提升改造|升级改造|改造提升|基础设施建设)")
_SCENIC_WORD_TAGS = {"n", "nz", "LOC", "ORG", "m", "j", "s"}


def scenic_works(s: Scope) -> None:
    """用于七团X湾生态园景区建设: a scenic area named before the works done on it is a
    project (elsewhere 景区 names a place: the tagger's X景区 stays a region)."""
    for h in _SCENIC_WORKS.finditer(s.text):
        end = s.base + h.end()
        k = next((i for i, t in enumerate(s.tokens) if t.start <= s.base + h.start() < t.end), None)
        if k is None or s.tokens[k].end != end:
            continue
        i = k - 1
        while i >= 0 and s.tokens[i].end == s.tokens[i + 1].start and s.tokens[i].tag in _SCENIC_WORD_TAGS \
                and end - s.tokens[i].start <= 20 and not re.search(r"[元个项]$", s.tokens[i].text):
            i -= 1
        start = s.tokens[i + 1].start
        if end - start >= 5 and i >= 0 and s.tokens[i].tag in ("v", "p", "w", "u", "vn"):
            s.found.append(Mention(start, end, "Project", "grammar:scenic-works"))


# A、B等(文旅)项目, A、B、C三大重点水利工程: the items of a list summed up by a kind of projects,
# without a count of projects (not the parts of one: 包含了A、B等单位工程)
_ITEMS_OF_KIND = re.compile(r"(?P<list>(?:[^，,。；;：:、“”「」()（）]{2,20}、)+[^，,。；;：:、“”「」()（）]{2,41})"
                            r"(?:等(?!单位|子|分项|分部|配套)|[两二三四五六七八九十]大)(?:[\u4e00-\u9fff]{0,4}?)(?:项目|工程)(?![\u4e00-\u9fff]*?[个项])")
_NO_ITEM = re.compile(r"[的了是在为将对从向把被和与及或等]|[一二三四五六七八九十两\d]+[个项所家座条批处名]")


def items_of_a_kind(s: Scope) -> None:
    """云阳X地质公园、青松大瀑布等文旅项目; 就X开发区、Y商城、Z沙漠园等项目进行交流: each item of a
    list summed up as projects of a kind is a project, whatever its head (a waterfall, a market). The
    first item starts after the last verb, preposition or particle before it."""
    for m in _ITEMS_OF_KIND.finditer(s.text):
        items = m.group("list").split("、")
        first_start = s.base + m.start("list")
        # (not past the item's last place or proper word: 示范 in A县B乡戈壁农业示范工程 is the name's)
        first_end = first_start + len(items[0])
        first_end = max([t.start for t in s.tokens if first_start <= t.start and t.end <= first_end
                         and t.tag in ("LOC", "ORG", "nz", "nw", "PER")] or [first_end])
        lead = [t for t in s.tokens if first_start <= t.start and t.end <= first_end
                and t.tag in ("v", "p", "c", "d", "u", "r", "vn", "ad", "TIME", "w")]
        if lead:
            cut = lead[-1].end - first_start
            items[0] = items[0][cut:]
            first_start += cut
        # between two 、 an item is whole: 及/和 there join the words of one name (X小微园区厂房及配套设施);
        # the last item splits at the one a place or proper name follows (A、B及C县D等项目)
        last_at = first_start + len("、".join(items[:-1])) + (1 if len(items) > 1 else 0)
        cuts = [j.start() for j in re.finditer(r"以及|和|及|与", items[-1])
                if any(t.start == last_at + j.end() and t.tag in ("LOC", "ORG", "nz", "nw") for t in s.tokens)]
        last = [items[-1][:cuts[-1]], re.sub(r"^(?:以及|和|及|与)", "", items[-1][cuts[-1]:])] if cuts else [items[-1]]
        items = items[:-1] + last
        # a last item with no such cut keeps 及 (X厂房及配套设施) but not 和 (第二小学和人民医院: two things)
        if any(not 3 <= len(i) <= 20 or _NO_ITEM.search(re.sub(r"[及和]" if cuts or k < len(items) - 1 else "及", "", i))
               for k, i in enumerate(items)):
            continue
        pos = first_start - s.base
        spans = []
        for i in items:
            k = s.text.index(i, pos)
            spans.append((s.base + k, s.base + k + len(i)))
            pos = k + len(i)
        heads = suffix_regex()
        if not all(any(t.tag in ("LOC", "ORG", "nz", "nw", "PER") and a <= t.start and t.end <= b for t in s.tokens)
                   or heads.search(s.text, a - s.base, b - s.base) for a, b in spans):
            continue  # 道路硬化、安全饮水等民生项目: kinds of works, no names (a name has a place, brand or head)
        for a, b in spans:
            if not any(f.start == a and f.end == b for f in s.found):  # (a park or school named by its head stays one)
                s.found.append(Mention(a, b, "Project", "grammar:items-of-kind"))


# 签约的项目分别是：A、B、C等。: a list its opening words say is one of projects
# (not 项目包括A、B: one project's parts, 教学楼、宿舍楼, are listed that way too; 分别 says they are several)
_OPENED_LIST = re.compile(r"(?:项目|工程)(?:分别是|分别为)[：:]?"
                          r"(?P<list>[^。；;：:“”「」()（）]{6,240}?)(?:等[\u4e00-\u9fff]{0,6})?(?=[。；;]|$)")
_ITEM_CLAUSE = re.compile(r"[的了是在将对从向把被，,]|[一二三四五六七八九十两\d]+[个项所家座条批处名]")


def opened_list_items(s: Scope) -> None:
    """此次签约的项目分别是：A、B、C等: each item of a list its opening words call projects is a
    project, whatever its head (a road section's works, a treatment plant), when it has a place,
    brand or head of its own (电气设备生产 names a trade, not a project). Between two 、 an item is
    whole even with 和 inside (X包装和Y膜投资项目); the last one splits at 和/及 only when its
    first part has a head of its own (A医院和B广场)."""
    heads = suffix_regex()
    for m in _OPENED_LIST.finditer(s.text):
        raw = m.group("list")
        items = raw.split("、")
        last = re.split(r"和|及|以及", items[-1], maxsplit=1)
        if len(items) >= 2 and len(last) == 2 and class_by_suffix(last[0]) is not None:
            items = items[:-1] + last
        if len(items) < 2:
            continue
        pos = m.start("list")
        for item in items:
            k = s.text.index(item, pos)
            pos = k + len(item)
            a, b = s.base + k, s.base + k + len(item)
            if not 4 <= len(item) <= 25 or _ITEM_CLAUSE.search(item):
                continue
            named = any(t.tag in ("LOC", "ORG", "nz", "nw", "PER") and a <= t.start and t.end <= b for t in s.tokens) \
                or heads.search(s.text, k, k + len(item)) is not None
            if named and not any(f.start == a and f.end == b for f in s.found):
                s.found.append(Mention(a, b, "Project", "grammar:opened-list"))


# A与B就开发X达成合作协议: what two parties agree to develop or build is a project
_AGREED_ON = re.compile(r"就(?:共同|合作)?(?:开发|建设|投资建设|投资开发|兴建|实施)(?P<name>[^，,。；;：:、“”「」]{4,20}?)"
                        r"(?:项目)?(?:达成|签订|签署|进行)")


def agreed_on(s: Scope) -> None:
    """河南县政府与X公司就开发青松湖矿泉水达成合作协议: the thing two parties agree to develop is a
    project, named by the words between the verb and 达成/签订 (when they hold no verb or particle)."""
    for m in _AGREED_ON.finditer(s.text):
        a, b = s.base + m.start("name"), s.base + m.end("name")
        inner = [t for t in s.tokens if a <= t.start and t.end <= b]
        if not inner or inner[0].start != a or inner[-1].end != b \
                or any(t.tag in ("v", "p", "u", "c", "r", "d", "w", "m") for t in inner):
            continue
        if not any(f.start <= a and b <= f.end and f.cls not in REGIONISH for f in s.found):
            s.found.append(Mention(a, b, "Project", "grammar:agreed-on"))


# a sum of money or the words for funds: a sentence about what money goes to
_FUNDS = re.compile(r"\d[\d.]*\s*(?:万|亿)?元|资金|投入|投资|补助|帮扶款")
# what may follow an industry named as a project: the end of the item or a clause
_INDUSTRY_END = re.compile(r"(?:[，,。；;、和及与]|$|等|分别|共|各|获|得到|安排|投入|资金|项目资金)")


def place_industries(s: Scope) -> None:
    """X县核桃产业、Y县葡萄产业 in a sentence about funds: an industry a place grows, named by the
    place and its product, is a project the money goes to (the place's product alone, 核桃产业, or
    its growth, X县核桃产业发展, names none)."""
    text, base = s.text, s.base
    if "产业" not in text or not _FUNDS.search(text):
        return
    kinds = word_set("industry_kind_words")
    places = [m for m in s.found if m.cls in REGIONISH and m.cls not in ("Province",)]
    for m in places:
        rest = text[m.end - base:]
        hit = re.match(r"([\u4e00-\u9fff]{1,4}?)产业", rest)
        if hit is None or not _INDUSTRY_END.match(rest, hit.end()):
            continue
        product = hit.group(1)
        words = [t for t in s.tokens if m.end <= t.start and t.end <= m.end + len(product)]
        if product in kinds or not words or words[-1].end != m.end + len(product) \
                or any(t.tag not in ("n", "nz") for t in words):
            continue  # 特色产业, 主导产业: a kind of industry, no product; a verb is no product
        end = m.end + hit.end()
        if any(o.start < end and m.start < o.end and o is not m and o.cls not in REGIONISH for o in s.found):
            continue
        s.found.append(Mention(m.start, end, "Project", "grammar:place-industry"))


def quoted_brands(s: Scope) -> None:
    """“红柳”青松新村, “白杨”牌X有限公司: a short brand in quotes right before a name is part of it
    (a mode of aid in quotes, “交钥匙”, or a plan's period, “十四五”, is not)."""
    text, base = s.text, s.base
    for m in list(s.found):
        if m.cls not in ("Project", "DevelopmentZone", "Enterprise", "Institution") \
                and not (m.cls == "Village" and text.endswith("新村", 0, m.end - base)):
            continue  # (a new village built by aid is read as a village first)
        q = re.search(r"[“「]([\u4e00-\u9fff·]{2,6})[”」]$", text[:m.start - base])
        if q is None:
            continue
        word = q.group(1)
        if word in word_set("generic_project_modifiers") or re.fullmatch(r"[一二三四五六七八九十]+五", word) \
                or any(word.startswith(g) for g in word_set("generic_project_modifiers")):
            continue
        s.found.remove(m)
        s.found.append(Mention(base + q.start(), m.end, m.cls, m.source))


_EDITION_TOKEN = re.compile(r"第[一二三四五六七八九十百零\d]{1,4}届|首届")


def fair_short_names(s: Scope) -> None:
    """第十届“甘交会”, 第9届陇洽会, 厦洽会: a trade fair by its short name (a word of three or four
    characters ending in 洽会/交会/博会/贸会) the tagger marks as a name, or quoted, or with the edition
    said right before it (a kind of meeting, 商洽会, is none); 交会 alone (两河在此交会) is a verb."""
    ends = tuple(rules()["fair_short_name_ends"])
    text, base, tokens = s.doc.norm, s.base, s.tokens
    for k, t in enumerate(tokens):
        if not (3 <= len(t.text) <= 4 and t.text.endswith(ends)) or any(
                m.start <= t.start and t.end <= m.end for m in s.found):
            continue
        start, end = t.start, t.end
        quoted = text[start - 1:start] in ("“", "「") and text[end:end + 1] in ("”", "」")
        j = k - 2 if quoted else k - 1
        edition = j >= 0 and _EDITION_TOKEN.fullmatch(tokens[j].text) and tokens[j].end == (start - 1 if quoted else start)
        if edition:
            start, end = tokens[j].start, end + (1 if quoted else 0)
        elif not quoted and t.tag not in ("nz", "nw", "j"):
            continue  # 商洽会, 投洽会: a kind of meeting, unless the tagger, a quote or an edition marks a name
        s.found.append(Mention(start, end, "Project", "grammar:fair", sentence=s.sentence.index))


def edition_festivals(s: Scope) -> None:
    """龙陵县第二届石斛花卉节, 第五届丝绸之路国际电影节: a festival (节) said after the ordinal of its
    edition is named by the words from the edition (or the place right before it) to 节."""
    tokens, text = s.tokens, s.doc.norm
    for k, t in enumerate(tokens):
        if not _EDITION_TOKEN.fullmatch(t.text):
            continue
        for j in range(k + 1, min(k + 4, len(tokens))):
            u = tokens[j]
            if u.start != tokens[j - 1].end or u.tag in ("w", "p", "u", "c", "v", "r"):
                break
            if u.text.endswith("节") and len(u.text) >= 3 and u.tag in ("n", "nz", "nw"):
                start = next((r.start for r in s.found if r.end == t.start and r.cls in REGIONISH), t.start)
                if not any(m.start <= start and u.end <= m.end for m in s.found if m.cls == "Project"):
                    s.found.append(Mention(start, u.end, "Project", "grammar:festival", sentence=s.sentence.index))
                break


def nested_events(s: Scope) -> None:
    """首届X博览会R项目签约仪式, 第N届X交易会Y推介会: an event whose name opens with another event
    (a fair, a trade show) names that event too — the one it is held within. The inner one must
    begin the outer name and leave words of the outer event's own after it."""
    text = s.doc.norm
    sfx = suffix_class()
    out = []
    for m in s.found:
        if m.cls != "Project" or not m.source.startswith("grammar"):
            continue
        name = text[m.start:m.end]
        outer = sfx.get(m.source.split(":", 1)[1])
        if outer is None or "event" not in outer.flags or re.search(r"[“「]", name):
            continue
        for h in suffix_regex().finditer(name, 0, len(name) - len(outer.text)):
            inner = sfx[h.group()]
            if "event" not in inner.flags or "named" in inner.flags or "about" in inner.flags \
                    or len(name) - h.end() < len(outer.text) + 2 or h.end() < inner.min_len:
                continue
            if not _EDITION_TOKEN.match(name) and not re.match(r"(?:19|20)\d{2}年", name):
                continue  # only an event with its edition or year is surely named (X博览会|…签约仪式)
            if not any(o.start == m.start and o.end == m.start + h.end() for o in s.found + out):
                out.append(Mention(m.start, m.start + h.end(), "Project", "grammar:nested-event", sentence=s.sentence.index))
            break
    s.found += out
