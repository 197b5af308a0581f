"""Retype: the class an entity's context gives it, decided once for the article, between resolve
and relate. The recogniser types a name by its form (X医院 an institution, 张三 a person); what
the article says of it can make it more specific:

- an institution or park being built is a project (新建X医院, 建成X产业园, X产业园总投资2亿元);
- a person introduced as an aid cadre is a cadre (援疆干部NAME, 第N批援X干部…NAME, NAME是第N批…
  干部, 选派NAME).

A mention's context types its entity: every other mention of the entity follows. An entity that
becomes a project takes a project's key (and joins the project of that key if the article has one).
"""
from __future__ import annotations

import re

from . import aid_groups, gazetteer as gz
from .document import Document, Entity, Mention
from .lexicon import aid_marker, cadre_role, expand, suffix_regex, word_set, words
from .resolve import entity_key, fold, mention_name, bind_this_references


def retype(doc: Document) -> Document:
    becomes: dict[str, str] = {}   # entity key → class
    for m in doc.mentions:
        if m.entity is None:
            continue
        cls = _class_in_context(doc, m)
        if cls is not None:
            m.cls = cls
            becomes.setdefault(m.entity.key, cls)
    for key, cls in becomes.items():
        ent = doc.entities.get(key)
        if ent is not None and ent.cls != cls:
            _set_class(doc, ent, cls)
    if becomes:
        bind_this_references(doc)
    return doc


def _class_in_context(doc: Document, m: Mention) -> str | None:
    if m.source.startswith("coref") or m.cls != m.entity.cls or m.role:
        # a reference (该院) says nothing of its own, nor does a dateline or byline (新华社…电);
        # an entity already retyped stays
        return None
    if m.cls == "Institution" and (_built(doc, m) or _with_total(doc, m)):
        return "Project"
    if m.cls == "DevelopmentZone" and m.source.startswith("grammar") and _park_built(doc, m):
        return "Project"
    if m.cls == "Village" and m.code is None and doc.norm[m.start:m.end].endswith("新村") and _new_village_built(doc, m):
        return "Project"
    if m.cls == "Person" and _introduced_as_cadre(doc, m):
        return "Cadre"
    return None


def _set_class(doc: Document, ent: Entity, cls: str) -> None:
    """A new class, and with it the key of that class; an entity the article already has under
    that key absorbs this one."""
    named = [m for m in ent.mentions if not m.source.startswith("coref")] or ent.mentions
    for m in ent.mentions:
        if m.source.startswith("coref"):
            m.cls = cls
    key = entity_key(mention_name(doc, min(named, key=lambda m: m.start), gz.get_gazetteer()), cls, gz.get_gazetteer())
    ent.cls = cls
    if key == ent.key:
        return
    other = doc.entities.get(key)
    if other is not None:
        other.cls = cls
        fold(doc, ent, into=other)
        return
    doc.entities.pop(ent.key, None)
    ent.key = key
    doc.entities[key] = ent


# --- projects --------------------------------------------------------------------------------------

def _built(doc: Document, m: Mention) -> bool:
    """Schools and hospitals being built are projects: a construction verb in the clause, unless
    its object is another name (在X医院新落成的Y中心) or X is the agent (由X医院负责/主导…)."""
    if m.source == "grammar:nested" or doc.norm[m.start - 1:m.start] == "由" or _GIVES_MONEY.match(doc.norm, m.end):
        return False
    sent = doc.sentences[m.sentence]
    clause = _clause(doc.norm, sent.start, sent.end, m.start, m.end)
    c0 = doc.norm.find(clause, sent.start)
    others = [o.start for o in doc.mentions if o.sentence == m.sentence and o is not m and o.start >= m.end
              and o.cls in ("Project", "Institution", "DevelopmentZone")]
    enlarging = word_set("enlarging_verbs")
    verbs = [(c0 + h.start(), c0 + h.end()) for v in word_set("construction_verbs") for h in re.finditer(re.escape(v), clause)
             if (c0 + h.start() >= m.end or c0 + h.end() <= m.start)
             and not any(h.start() >= x.find(v) and clause[h.start() - x.find(v):h.start() - x.find(v) + len(x)] == x
                         for x in enlarging if v in x)]  # 改扩建 (and its 扩建): an institution enlarged exists
    return any(not any(0 <= o - e <= 1 for o in others) and not _builds_a_named_thing(doc.norm, e, m)
               and not _KIND_BUILT.search(doc.norm, m.end, s) and not _builds_a_part(doc.norm, m, s, e)
               and not (e <= m.start and _AMOUNT_GIVEN.match(doc.norm, m.end)) for s, e in verbs)


# X医院(还)投入/出资/捐资N元…: the institution gives the money, it is not what is built
_GIVES_MONEY = re.compile(expand(r"(?:还|也|又|再|共|共同|累计|先后|将|已|主动)*(?:{give_verbs}|{donation_verbs}|出资|筹资)"
                                 r"[^，,。；;]{0,8}?[\d.]+\s*(?:多|余)?[万亿]?元"))


# 援建…X卫生院100万元: the money given to an existing institution, not the institution built
_AMOUNT_GIVEN = re.compile(r"[\d.一二三四五六七八九十百千万亿两]+(?:万|亿)?元")


def _builds_a_part(text: str, m: Mention, s: int, e: int) -> bool:
    """X小学新校舍落成, X卫生院新建业务综合楼: a part of the institution is built (its building,
    wing or grounds), the institution itself exists."""
    between = text[m.end:s] if s >= m.end else ""
    after = text[e:e + 12] if s >= m.end else ""
    after = re.split(r"[，,；;。、]", after)[0]
    return any(p in between or (between == "" and p in after) for p in word_set("building_parts"))


# 参与A、B等学校建设: the building of schools in general, which A and B received, not of A and B
_KIND_BUILT = re.compile(r"等[\u4e00-\u9fff]{1,4}$")


def _with_total(doc: Document, m: Mention) -> bool:
    """A school or hospital said to cost a total (占地N平方米的X医院总投资M元, 总投资N元的X医院) is a
    facility being built: a project."""
    if re.match(r"(?:项目)?(?:总投资|计划总投资)", doc.norm[m.end:m.end + 6]):
        return True
    # P，总投资(：)N元 (a list's or notice's item: the name, then its figures) — not 在P，…
    if re.match(r"[，,](?:项目)?(?:总投资|计划总投资)[:：]?(?:约|达)?[\d.]+\s*[万亿]?元(?!的)", doc.norm[m.end:m.end + 20]) \
            and doc.norm[m.start - 1:m.start] not in ("在", "于", "向", "为", "给", "到"):
        return True
    # 总投资300万元的X医院: the figure's 的 right before it (places before the name may come between)
    before = doc.norm[max(0, m.start - 24):m.start]
    return bool(_COSTING.search(before))


_COSTING = re.compile(r"(?:总投资|计划总投资|投资)(?:约|近|达)?[\d.]+(?:万|亿)*元的$")


# 建设/援建…(的) right before a park's name: the park is being built
_BUILT = re.compile(expand(r"{build_verbs}的?$"))


def _park_built(doc: Document, m: Mention) -> bool:
    """A park being built, with its own investment, is a project (X产业园总投资2亿元)."""
    sent = doc.sentences[m.sentence]
    after, before = doc.norm[m.end:m.end + 6], doc.norm[max(sent.start, m.start - 4):m.start]
    return bool(re.match(r"(?:项目)?(?:总投资|计划总投资|投资[\d一二三四五六七八九十两])", after) or
                _BUILT.search(before))


_SETTLED = re.compile(r"(?:项目)?(?:已|已经|正式|全面)?(?:建成|竣工|落成|开工|交付|投入使用|总投资|计划总投资)")


def _new_village_built(doc: Document, m: Mention) -> bool:
    """援建的X县幸福新村, Y新村竣工: a new settlement built for the villagers (a housing project
    named by a wish: 幸福, 团结, 富民) is a project, no administrative village."""
    sent = doc.sentences[m.sentence]
    start = m.start
    for r in sorted((r for r in doc.mentions if r.sentence == m.sentence and r.end <= m.start), key=lambda r: -r.end):
        if r.end == start and r.cls in ("Province", "Prefecture", "County", "Township", "XPCCUnit"):
            start = r.start  # the places written before it
    before = doc.norm[max(sent.start, start - 4):start]
    return bool(_BUILT.search(before) or _SETTLED.match(doc.norm, m.end) or _FUNDED_AFTER.match(doc.norm, m.end))


# X新村是D出资N元援建的…, X新村由D援X资金建设: the money that built it is said of it
_FUNDED_AFTER = re.compile(expand(r"(?:[”」\"])?(?:是|为|系|由)[^，,。；;]{0,24}?(?:援建|捐建|捐资|出资|援助|{aid_marker}资金|帮扶资金|协作资金)"))


def _builds_a_named_thing(text: str, e: int, m: Mention) -> bool:
    """新落成的远程会诊中心: a construction verb after the institution whose object is another thing
    with a head noun of its own."""
    if e <= m.start:
        return False
    rest = text[e:e + 14]
    hit = suffix_regex().search(rest)
    return bool(rest.startswith("的") and hit and not re.search(r"[，,；;。]", rest[:hit.start()]))


def _clause(text: str, s0: int, s1: int, a: int, b: int) -> str:
    left = max((text.rfind(p, s0, a) for p in "，,；;"), default=-1)
    left = s0 if left < 0 else left + 1
    rights = [i for i in (text.find(p, b, s1) for p in "，,；;") if i >= 0]
    return text[left:min(rights) if rights else s1]


# --- cadres ----------------------------------------------------------------------------------------

def _introduced_as_cadre(doc: Document, m: Mention) -> bool:
    if aid_groups.roster_unit(doc, m) is not None:
        return True  # 援疆的人员包括X医院医师NAME…; 援疆干部名单：NAME（X局）…
    sent = doc.sentences[m.sentence]
    w0 = max(sent.start, m.start - 30)
    # what is said before another person is said of that one (援疆教师A与学生B: B is no cadre), unless
    # the names are a list (援疆医生A、B和C)
    prior = [o for o in doc.mentions if o.sentence == m.sentence and o.end <= m.start and o.end > w0
             and o.cls in ("Person", "Cadre") and o.entity is not None and o.entity is not m.entity]
    if prior:
        last = max(prior, key=lambda o: o.end)
        if _LIST_JOIN.fullmatch(doc.norm[last.end:m.start]):
            return _introduced_as_cadre(doc, last) if last.start < m.start else False
        w0 = last.end
    before = doc.norm[w0:m.start]
    before = re.split(r"[，,；;：:。]", before)[-1]
    if any(c in before for c in word_set("cadre_markers")) or cadre_role().search(before):
        return True  # 援疆干部NAME, 援疆副校长NAME
    if _SUPPORTING.search(before):
        return True  # 支援R人民医院的…主任NAME: a person described by the aid they give
    after = _PAREN.sub("", doc.norm[m.end:sent.end], count=1) if doc.norm[m.end:m.end + 1] in "（(" else doc.norm[m.end:sent.end]
    if _SENT_AS.match(after) or _LINK_ROLE.match(after) or _APPOSED_ROLE.match(after):
        return True  # NAME被选派为…, NAME作为X的援疆干部
    if _DOING_AID.match(after):
        return True  # NAME迎来援疆一周年, NAME决定延长一年援疆: the person does the aid
    if not prior and _AS_ROLE.search(doc.norm[sent.start:m.start]) and (before == "" or _TITLES_ONLY.fullmatch(before)):
        return True  # 作为R援青干部，R县委副书记、副县长NAME
    if not prior and _SENT_OPENING.search(doc.norm[sent.start:m.start]) \
            and (before == "" or _TITLES_ONLY.fullmatch(before)):
        return True  # 受R委派，NAME来到…
    if any(p.cls == "Programme" and sent.start <= p.start and p.end <= m.start
           and m.start - p.end <= 24 and not re.search(r"[，,；;。]", doc.norm[p.end:m.start])
           for p in doc.mentions):
        return True  # 山东省第N批援疆干部人才、XX局副局长NAME
    if _TITLED.search(before) and re.search(aid_marker().pattern + r"|对口|帮扶|协作|" + _AID_BODY, before):
        return True  # 援X指挥部指挥长NAME; R援藏工作组领队、R县常务副县长NAME; D援Y前指总指挥NAME
    if not prior:
        # …前方指挥部总指挥、R办事处主任、R地委副书记NAME: a long chain of posts after the aid body
        # runs past the window before the name; the whole clause holds the body
        clause = doc.norm[_clause_start(doc.norm, sent.start, m.start):m.start]
        posts = _TITLED.search(clause)
        if posts and re.search(aid_marker().pattern + r"|对口|帮扶|协作|" + _AID_BODY, clause[:posts.start()]) \
                and re.search(r"(?:指挥部|前指|工作组|工作队|联络组)$", clause[:posts.start()]):
            return True
    if doc.norm[m.start - 1:m.start] == "以" and _LEADER_OF.match(doc.norm, m.end):
        return True  # 以NAME(同志)为组长的…工作组: the leader of an aid team
    if any(p.cls == "Programme" and p.start > m.end and _PROGRAMME_LINK.fullmatch(doc.norm[m.end:p.start])
           for p in doc.mentions if p.sentence == m.sentence):
        return True  # NAME是第N批援X干部
    clause = doc.norm[_clause_start(doc.norm, sent.start, m.start):m.start]
    if _SENT.search(clause) is not None:
        return True  # (R)选派NAME…: whom a place or body sends is a cadre
    # a team's member or leader, a person from elsewhere in an article about aid, a profile's person
    return aid_groups.member_evidence(doc, m, prior=bool(prior))


_PROGRAMME_LINK = re.compile(r"是|为|系|作为|，|,|（|\(")
# a body a donor sends (援 and the aided place's first characters: 援X前指, 援X指挥部; R前方指挥部)
_AID_BODY = (r"援[\u4e00-\u9fff]{1,3}?(?:前方)?(?:指挥部|前指|工作组|工作队|联络组)|前方指挥部|前指"
             r"|[市区县州省]驻[\u4e00-\u9fff]{1,8}?[市区县州旗](?:工作组|工作队|联络组)")   # D驻R工作组: a place's team posted in another
_SUPPORTING = re.compile(r"(?:支援|援助)[^，,；;。的]{2,20}的")
# (a rank or title after each name: 援藏队员A副主任、B副主任、C护士长)
_LIST_JOIN = re.compile("(?:" + "|".join(sorted(word_set("titles_after_names") | word_set("titles_before_names")
                                                | word_set("forms_of_address"), key=len, reverse=True)) + r")?(?:[、和及与]|、以及)")
# NAME被选派为/被派往…: a person sent (the sender's side is the dispatch rules')
_SENT_AS = re.compile(r"(?:同志)?(?:被|受)[^，,。；;：:]{0,16}?(?:选派|派遣|派往|派驻|委派)")
# NAME作为/是 X的(第N批)援疆干部… within the clause
_LINK_ROLE = re.compile(r"(?:同志)?(?:作为|是|系)[^，,。；;：:]{0,24}?(?:" + "|".join(
    sorted(word_set("cadre_markers"), key=len, reverse=True)) + "|" + cadre_role().pattern + ")")
# NAME，(R)(第N批)援X干部，…: the role set beside the name as the whole of a clause
_APPOSED_ROLE = re.compile(r"[，,（(][^，,。；;：:（()）]{0,12}?(?:" + cadre_role().pattern + r")[^，,。；;：:]{0,4}(?:[，,。；;）)]|$)")
# a photo caption's place in the picture after a name: NAME（右）是…
_PAREN = re.compile(r"^[（(][^）)]{1,6}[）)]")
# 作为(R的)援X干部， opening the sentence: the person the sentence then names with their posts
_AS_ROLE = re.compile(r"^[^，,。；;]{0,12}?作为[^，,。；;]{0,20}?(?:" + cadre_role().pattern + r")[^，,。；;]{0,4}[，,]")
# the person is the subject of a clause whose aid marker names their work, not other people or things
# (NAME迎来援疆一周年, NAME延长一年援疆，; not NAME感谢援疆干部 / NAME负责援疆项目)
_DOING_AID = re.compile(r"[^，,。；;：:、“”]{0,12}?" + aid_marker().pattern
                        + r"(?:[一二三两\d]+(?:周年|年)|期间|生涯|经历|之路|任务|[，,。；;]|$)")
_SENT_OPENING = re.compile(r"^[^，,。；;]{0,6}?(?:受|由)[^，,。；;]{2,20}?(?:选派|委派|派遣)[，,]")
_TITLES_ONLY = re.compile(r"[\u4e00-\u9fff、（）()]{0,30}?(?:" + "|".join(
    sorted(word_set("titles_before_names"), key=len, reverse=True)) + ")")
# a leading title, then other posts joined by 、, right before the name
_TITLED = re.compile("(?:" + "|".join(sorted(word_set("cadre_titles"), key=len, reverse=True)) + ")(?:、[^、]{1,16})*$")
_LEADER_OF = re.compile(r"(?:同志)?为(?:" + words("leader_titles") + ")的")   # 以NAME为组长的…: the team-leader rule's titles
_SENT = re.compile(r"选派|派出|派遣")


def _clause_start(text: str, s0: int, pos: int) -> int:
    return max([s0] + [text.rfind(p, s0, pos) + 1 for p in "，,；;。"])
