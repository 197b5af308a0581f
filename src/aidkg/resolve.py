"""Resolve: mentions → entities with deterministic keys, within-article coreference and aliases.

- regions get their official code from the gazetteer (ambiguous short forms decided by the article's
  other regions), so the same county named 乌恰 or 乌恰县 in two articles is one IRI;
- 我省/我市/我区/我县 resolve to the donor or recipient the article is about; 该公司/该项目 to the
  nearest preceding entity of that kind;
- a name that is another name with a place or body in front (X县第一小学 ↔ 第一小学 in the same
  article, 省援X前指Y分指 ↔ Y分指) or without its head (…幼儿园 ↔ …幼儿园项目) is the same entity.
"""
from __future__ import annotations

import re
from collections import Counter

from . import gazetteer as gz
from . import ids
from . import reference
from .document import Document, Entity, Mention
from .lexicon import aid_marker, class_by_suffix, rules
from .normalise import to_simplified, to_traditional

FAMILY = {"Enterprise": "org", "GovernmentBody": "org", "Institution": "org", "Organization": "org",
          "Project": "project", "Person": "person", "Cadre": "person", "Programme": "programme",
          "DevelopmentZone": "region", "Township": "region", "Village": "region", "Region": "region"}
_QUOTES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")
_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
_PROJECT_TAIL = re.compile(r"(建设项目|项目|工程)$")
_ORG_HEAD = {"Institution": True, "Enterprise": True}  # the heads a body a branch is named after ends with


def clean_name(name: str) -> str:
    return _QUOTES.sub("", name)


def resolve(doc: Document) -> Document:
    gaz = gz.get_gazetteer()
    _decide_region_candidates(doc, gaz)
    donor = infer_donor(doc, gaz)
    doc.donor_code = donor
    # 我省 is never a province it deals with in its own sentences (我省对四川茂县援建 is not 四川;
    # 天津市对口支援我省黄南州 is not 天津): then it is left unread (the next best is a guess)
    ours = donor if donor not in _receiving_provinces(doc, gaz) else None
    _add_we_references(doc, gaz, donor, ours)
    for m in doc.mentions:
        _attach(doc, m, gaz)
    _merge_aliases(doc)
    _merge_abbreviated_bodies(doc)
    _fold_tagger_short_forms(doc)
    _merge_truncated_persons(doc)
    _declared_aliases(doc)
    _brand_short_forms(doc)
    bind_this_references(doc)
    _demonstrative_heads(doc)
    _counted_heads(doc)
    _fullest_labels(doc)
    _names_without_places(doc)
    return doc



def _fullest_labels(doc: Document) -> None:
    """An organisation or project is labelled with the fullest name the article gives it
    (苏州恒锦纺织科技有限公司, not the 恒锦纺织 of the headline); the others stay altLabels."""
    for ent in doc.entities.values():
        if FAMILY.get(ent.cls) not in ("org", "project"):
            continue
        named = [m for m in ent.mentions if not m.source.startswith("coref")]
        if not named:
            continue
        best = max(named, key=lambda m: (m.end - m.start, -m.start))
        label = clean_name(best.norm(doc))
        label = _expand_abbreviated_prefix(label, gz.get_gazetteer(), doc.donor_code)
        if len(label) <= len(ent.label) or label == ent.label:
            continue
        ent.alt_labels.add(ent.label)
        ent.alt_labels.discard(label)
        if doc.meta.script == "traditional":
            hant = clean_name(best.text(doc))
            if ent.label_hant:
                ent.alt_labels_hant.add(ent.label_hant)
            ent.label_hant = hant
        ent.label = label


def _names_without_places(doc: Document) -> None:
    """海东市乐都区乐康产业园 is also called 乐康产业园, 和田市北京和田工业园区 also 北京和田工业园区:
    an organisation, project or zone named with the places it lies in keeps the name without them
    (each place of the leading chain taken off in turn) as another name, while a name is left."""
    gaz = gz.get_gazetteer()
    from .lexicon import class_by_suffix
    for ent in doc.entities.values():
        if not (FAMILY.get(ent.cls) in ("org", "project") or ent.cls == "DevelopmentZone" and ent.code is None):
            continue
        name, pos = ent.label, 0
        rests = []
        for hit in sorted(gaz.find_all(name), key=lambda h: h.start):
            if hit.start != pos:
                break
            pos = hit.end
            rest = name[pos:]
            if rest[:1] in ("·", "—", "-", "－", "与", "和", "、", "委"):
                break  # 吴兴·旺苍…产业园, A与B联席会议: partners name it together, no locator; A县委|县政府: the place's committee
            head = class_by_suffix(rest)
            if head is None or len(rest) - len(head.text) < 2:
                break
            ent.alt_labels.add(rest)
            rests.append((rest, hit))
        if rests and ent.cls == "Project" and _facility(name) and (rests[0][1].xpcc or not rests[0][1].is_short_form):
            _label_without_locators(doc, ent, rests[-1][0])


def _facility(name: str) -> bool:
    """A park, square, camp, estate … (the Project heads of name_rules.place_heads)."""
    heads = rules()["place_heads"]
    return any(name.endswith(h) for h, cls in heads.items() if cls == "Project" and not h.startswith("_"))


def _label_without_locators(doc: Document, ent: Entity, rest: str) -> None:
    """第三师四十四团东莞阳光小区 is labelled 阳光小区: a facility's label is its own name; the
    units and places written before it say where it is (the longer names stay altLabels)."""
    full = ent.label
    ent.alt_labels.add(full)
    ent.alt_labels.discard(rest)
    if doc.meta.script == "traditional" and ent.label_hant:
        ent.alt_labels_hant.add(ent.label_hant)
        ent.label_hant = ent.label_hant[len(ent.label_hant) - len(rest):]
    ent.label = rest


# --- regions -----------------------------------------------------------------------------------

def _decide_region_candidates(doc: Document, gaz) -> None:
    context = [m.code for m in doc.mentions if m.code and len(m.candidates) <= 1]
    above_towns = [c for c in context if (d := gaz.by_code(c)) is not None and d.level != "township"]
    for m in doc.mentions:
        cands = m.candidates
        if above_towns and m.code and len(cands) <= 1 and (d := gaz.by_code(m.code)) is not None \
                and d.level == "township" and not _in_a_named_province(gaz, d, above_towns):
            # a town the table knows in a province the article never names is another town of
            # that name (在宁夏建设了…惠安镇 is no town of Sichuan's 冕宁县): no code, no chain
            m.code, m.canonical, m.candidates = None, m.norm(doc), ()
            continue
        if len(cands) > 1:
            # 塔城 in an article that names 塔城地区 (and not 塔城市) in full is 塔城地区
            named = [c for c in cands if c.code in context]
            div = named[0] if len(named) == 1 else gaz.resolve(m.norm(doc), context_codes=[c for c in context if c])
            if div is None:
                div = cands[0]
            if above_towns and div.level == "township" and not _in_a_named_province(gaz, div, above_towns):
                # a town's name many provinces share, none of them one the article names: no guess
                # (在宁夏建设了…惠安镇 is no town of Sichuan's 冕宁县)
                m.code, m.canonical, m.candidates = None, m.norm(doc), ()
                continue
            m.code, m.canonical, m.cls = div.code, div.name, div.cls


def infer_donor(doc: Document, gaz) -> str | None:
    """The province the article speaks for when it says 我省: the publisher's or the aid command's
    province, else the province-level unit (not an autonomous region) named most often."""
    score: Counter[str] = Counter()
    meta_text = " ".join(x for x in (doc.meta.publisher, doc.meta.site, doc.meta.title, doc.meta.author) if x)
    meta_norm = meta_text and __import__("aidkg.normalise", fromlist=["x"]).to_simplified(meta_text)
    for m in doc.mentions:
        if m.code and m.cls == "Province":
            div = gaz.by_code(m.code)
            if div is None or "自治区" in div.name:
                continue
            score[m.code] += 1
            if m.source.startswith("gazetteer") and _followed_by_aid(doc, m):
                score[m.code] += 3
    if meta_norm:
        for hit in gaz.find_all(meta_norm):
            for div in hit.candidates:
                if div.cls == "Province" and "自治区" not in div.name:
                    score[div.code] += 5
    return score.most_common(1)[0][0] if score else None


def _receiving_provinces(doc: Document, gaz) -> set[str]:
    """The provinces of the places 我省/本省 deals with in its own sentences (我省对四川茂县援建,
    我省向茂县拨付…): the province that speaks as 我省 is none of them."""
    refs = rules()["we_references"]
    province_words = [w for w, level in refs.items() if level == "province"]
    pattern = re.compile("|".join(map(re.escape, sorted(province_words, key=len, reverse=True))))
    out: set[str] = set()
    for sent in doc.sentences:
        for hit in pattern.finditer(doc.norm, sent.start, sent.end):
            for code in _counterparts(doc, sent, hit.start(), hit.end()):
                home = gaz.province_of(code)
                if home is not None:
                    out.add(home.code)
    return out


def _followed_by_aid(doc: Document, m: Mention) -> bool:
    after = doc.norm[m.end:m.end + 6]
    return aid_marker().match(after) is not None or after.startswith(("对口", "援建"))


def _add_we_references(doc: Document, gaz, donor: str | None, ours: str | None = None) -> None:
    """我省/我市/全县 … as mentions of the place they mean; `ours` is the province 我省 may mean (the
    donor but for the provinces it deals with)."""
    refs = rules()["we_references"]
    pattern = re.compile("|".join(map(re.escape, sorted(refs, key=len, reverse=True))))
    taken = [(m.start, m.end) for m in doc.mentions]
    # the places 我市 deals with anywhere in the article are not 我市 (我市将与X市…, then 我市 alone)
    partners: set[str] = set()
    for sent in doc.sentences:
        for hit in pattern.finditer(doc.norm[sent.start:sent.end]):
            partners |= _counterparts(doc, sent, sent.start + hit.start(), sent.start + hit.end())
    for sent in doc.sentences:
        text = doc.norm[sent.start:sent.end]
        for hit in pattern.finditer(text):
            s, e = sent.start + hit.start(), sent.start + hit.end()
            if any(a < e and s < b for a, b in taken):
                continue
            level = refs[hit.group()]
            target = _containing(doc, gaz, level, e) or (
                _just_named(doc, gaz, level, s, sent.index) if hit.group().startswith("全") else None) \
                or _we_target(doc, gaz, level, ours if level == "province" else donor, partners)
            if target is None:
                continue
            doc.mentions.append(Mention(s, e, target.cls, "coref:we", sentence=sent.index,
                                        code=target.code, canonical=target.name))
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


def _just_named(doc: Document, gaz, level: str, pos: int, sentence: int):
    """全县/全市 (the whole of …) speaks of the county or city the last sentences named — in an
    article about several counties, the one just written about, not the one named most often."""
    if level not in ("county", "prefecture"):
        return None
    cls = "County" if level == "county" else "Prefecture"
    near = [m for m in doc.mentions if m.code and m.end <= pos and sentence - 2 <= m.sentence <= sentence
            and not m.source.startswith("coref") and m.cls == cls]
    if not near:
        return None
    last = max(near, key=lambda m: m.start)
    return gaz.by_code(last.code)


def _containing(doc: Document, gaz, level: str, end: int):
    """我省黄南藏族自治州, 我州泽库县: a place written right after 我省/我州 names the unit it means —
    the one of that level the reference data puts around the place."""
    nxt = next((m for m in doc.mentions if m.start == end and m.code and not m.source.startswith("coref")), None)
    if nxt is None:
        return None
    for div in gaz.chain(nxt.code)[1:]:
        if (level in ("province", "autonomous") and div.cls == "Province") or _at_level(div, level):
            return div
    return None


_COUNTERPART = re.compile(r"与|和|同|跟|赴|到|来|对口|帮扶|支援|协作|合作|援建|对|向")


def _counterparts(doc: Document, sent, s: int, e: int) -> set[str]:
    """Codes of the places 我市/我县 deals with in its own sentence (我市将与X市合作, 我市赴X考察,
    X市帮扶我县): no place is its own partner, so 我市 is none of them."""
    out = set()
    for m in doc.mentions:
        if not m.code or m.source.startswith("coref") or not (sent.start <= m.start and m.end <= sent.end):
            continue
        between = doc.norm[e:m.start] if m.start >= e else doc.norm[m.end:s]
        if len(between) <= 12 and _COUNTERPART.search(between) and not re.search(r"[，,。；;]", between):
            out.add(m.code)
    return out


def _we_target(doc: Document, gaz, level: str, donor: str | None, exclude: set[str] = frozenset()):
    if level == "province":
        return gaz.by_code(donor) if donor and donor not in exclude else None
    counts: Counter[str] = Counter()
    # the place in the title, byline or site speaks as 我市/我县 (广元市…工作总结 says 我市 of 广元市),
    # weighed like the donor province of infer_donor
    meta_text = " ".join(x for x in (doc.meta.publisher, doc.meta.site, doc.meta.title, doc.meta.author) if x)
    meta_codes = [d.code for h in gaz.find_all(to_simplified(meta_text)) if not h.is_short_form
                  for d in h.candidates[:1]] if meta_text else []
    for code in meta_codes * 5:
        counts_code = gaz.by_code(code)
        if counts_code is not None and _at_level(counts_code, level):
            counts[code] += 1
    for m in doc.mentions:
        if not m.code:
            continue
        div = gaz.by_code(m.code)
        if div is None:
            continue
        if level == "autonomous" and div.cls == "Province" and "自治区" in div.name:
            counts[div.code] += 1
        elif level == "prefecture" and div.cls == "Prefecture":
            counts[div.code] += 1
        elif level == "county" and div.cls == "County":
            counts[div.code] += 1
        elif level == "xpcc-division" and div.cls == "XPCCUnit" and "师" in div.name and "团" not in div.name:
            counts[div.code] += 1
    for code in exclude:
        counts.pop(code, None)
    return gaz.by_code(counts.most_common(1)[0][0]) if counts else None


def _at_level(div, level: str) -> bool:
    return (level == "prefecture" and div.cls == "Prefecture") or (level == "county" and div.cls == "County")


def _in_a_named_province(gaz, div, context) -> bool:
    home = gaz.province_of(div.code)
    return home is not None and any((p := gaz.province_of(c)) is not None and p.code == home.code for c in context)


# --- entities ----------------------------------------------------------------------------------

def _attach(doc: Document, m: Mention, gaz) -> None:
    surface = m.norm(doc)
    original = m.text(doc)
    div = gaz.by_code(m.code) if m.code else None
    if div is not None:
        ent = doc.entities.get(div.key) or Entity(key=div.key, cls=div.cls, label=div.name,
                                                  code=div.official_code)
    else:
        name = mention_name(doc, m, gaz)
        key = entity_key(name, m.cls, gaz)
        ent = doc.entities.get(key) or Entity(key=key, cls=m.cls, label=name)
    doc.entities[ent.key] = ent
    ent.mentions.append(m)
    m.entity = ent
    if not m.source.startswith("coref"):
        name = clean_name(surface)
        if name != ent.label:
            ent.alt_labels.add(name)
        if doc.meta.script == "traditional":
            orig = clean_name(original)
            if clean_name(surface) == ent.label:
                ent.label_hant = ent.label_hant or orig
            ent.alt_labels_hant.add(orig)
    else:
        ent.alt_labels.add(surface)  # 我省 is a name the article uses for it
        if doc.meta.script == "traditional":
            ent.alt_labels_hant.add(original)


def mention_name(doc: Document, m: Mention, gaz) -> str:
    """The name a mention gives its entity: as written (Simplified, no quotes), a bare 省/我省 in
    front of an aid command or programme written out."""
    if m.source == "grammar:bare-county" and m.canonical:
        return m.canonical  # 县医院: the article's county's (recognise.bare_county)
    return _expand_abbreviated_prefix(clean_name(m.norm(doc)), gaz, doc.donor_code)


def entity_key(name: str, cls: str, gaz) -> str:
    """The key (IRI path under id/) of a named entity without a division code."""
    family = FAMILY.get(cls, "org")
    return ids.named_key(family, name if family == "region" else identity_name(name, cls, gaz))


def _expand_abbreviated_prefix(name: str, gaz, donor: str | None) -> str:
    """省援X前指 → <donor province>援X前指: a bare 省/市 in front of an aid command means the donor;
    so does 我省 in front of a programme (我省第四批援疆干部人才)."""
    if donor and re.match(r"^我省第", name):
        div = gaz.by_code(donor)
        if div is not None:
            return div.name + name[2:]
    if donor and re.match(r"^[省市]援[\u4e00-\u9fff]", name):
        div = gaz.by_code(donor)
        if div is not None:
            return div.name + name[1:]
    return name


def identity_name(name: str, cls: str, gaz) -> str:
    """The part of a name that identifies the thing across articles: aid-command abbreviations
    expanded, legal forms and province prefixes of enterprises dropped, and only the innermost
    place in a chain of places in front of a project."""
    name = name.replace("前方指挥部", "前指")
    if cls == "GovernmentBody":
        from .recognise.commands import AID_COMMAND
        m = AID_COMMAND.fullmatch(name)
        if m and m.group("donor"):
            donor = m.group("donor")
            div = gaz.resolve(donor) if len(donor) > 1 else None
            head = "前指" if m.group("head") in ("前指", "指挥部", "前方工作指挥部") else m.group("head")
            branch = (m.group("branch") or "").replace("分指挥部", "分指")
            return f"{div.name if div else donor}|{head}|{branch}|{m.group('tail') or ''}"
    if cls == "Enterprise":
        name = _LEGAL_FORM.sub("", name)
        name = re.sub(rf"^.{{0,8}}?{aid_marker().pattern}企业", "", name)
        for hit in gaz.find_all(name):
            if hit.start == 0 and hit.xpcc is None and all(d.cls == "Province" for d in hit.candidates) \
                    and len(name) - hit.end >= 2:
                name = name[hit.end:]
            break
    if cls in ("Project", "Institution"):
        name = _PROJECT_TAIL.sub("", name) or name
        hits = list(gaz.find_all(name))
        hits.sort(key=lambda h: h.start)
        pos = 0
        chain = []
        for h in hits:
            if h.start == pos:
                chain.append(h)
                pos = h.end
        if len(chain) > 1:
            name = name[chain[-1].start:]
    return name


def _merge_aliases(doc: Document) -> None:
    """Same-article aliases: a name that is another one with a place/body prefix or a head noun."""
    batches = [e for e in doc.entities.values() if e.cls == "Programme"]
    for short in batches:
        long = next((e for e in batches if e.label == short.label + "人才" and e.key in doc.entities), None)
        if long is not None and short.key in doc.entities:
            fold(doc, short, into=long)  # 第七批援藏干部人才 ↔ 第七批援藏干部: one batch of cadres
            # (a batch with a place before it is another's: 山海市白杨区第三批援青干部 is not Shanghai's fifth)
    ents = [e for e in doc.entities.values() if FAMILY.get(e.cls) in ("org", "project")
            or (e.cls == "DevelopmentZone" and e.code is None)]  # 苏克产业园 ↔ R苏克产业园
    for short in sorted(ents, key=lambda e: len(e.label)):
        for long in sorted(ents, key=lambda e: -len(e.label)):
            if long is short or long.key not in doc.entities or short.key not in doc.entities:
                continue
            a, b = long.label, short.label
            if FAMILY.get(long.cls) != FAMILY.get(short.cls) and not {long.cls, short.cls} <= {"Project", "Institution"}:
                continue
            same = False
            if long.cls == short.cls == "Enterprise" and _REGISTERED.search(a) and _REGISTERED.search(b) \
                    and _brand(a) != _brand(b):
                continue  # 恒达纺织有限公司 and 恒达纺织科技有限公司: two firms registered under two names
            if long.cls == short.cls == "Enterprise" and len(b) >= 4 and _brand(a).startswith(_brand(b)) \
                    and len(_brand(b)) >= 4:
                same = True  # 恒锦纺织 ↔ 苏州恒锦纺织科技有限公司
            elif long.cls == short.cls == "Enterprise" and _national_short_form(a, b):
                same = True  # 青松总公司 ↔ 中国青松开发总公司
            elif long.cls == short.cls == "DevelopmentZone" and _partnership_park_short_form(a, b):
                same = True  # 旺苍协作产业园 ↔ 吴兴·旺苍东西部扶贫协作产业园
            elif a.endswith(b) and len(a) > len(b):
                prefix = a[: len(a) - len(b)]
                same = _is_name_prefix(doc, prefix)
            elif a.startswith(b) and _PROJECT_TAIL.fullmatch(a[len(b):]):
                same = True
            elif _place_short_form(a, b):
                same = True  # R地区代表团 ↔ R代表团: one body named after its place's full and short names
            if same:
                fold(doc, short, into=long)


# a firm's registered name ends in its legal form (有限公司, 股份有限公司 …)
_REGISTERED = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)$")
_FIRM_HEAD = re.compile(r"(?:总公司|集团公司|集团|公司)$")


_PARTNERSHIP = re.compile(r"[·—]|协作|共建|飞地|东西部")


def _place_short_form(long: str, short: str) -> bool:
    """Both names open with a place and go on with the same words (at least two): the long one
    with the place's full name, the short one with a short name of that same place only."""
    gaz = gz.get_gazetteer()
    h_long = next((h for h in gaz.find_all(long) if h.start == 0), None)
    h_short = next((h for h in gaz.find_all(short) if h.start == 0), None)
    if h_long is None or h_short is None or h_long.is_short_form or not h_short.is_short_form \
            or h_long.xpcc or h_short.xpcc or len(h_long.candidates) != 1:
        return False
    rest = long[h_long.end:]
    return len(rest) >= 2 and short[h_short.end:] == rest \
        and h_long.candidates[0].code in {d.code for d in h_short.candidates}


def _partnership_park_short_form(long: str, short: str) -> bool:
    """A park two partners named after their partnership (A·B东西部扶贫协作产业园), written again
    shorter in the same article (B协作产业园): the same head, the short name's words all in the
    long one in order, its first two characters together."""
    head = class_by_suffix(short)
    if head is None or head.cls != "DevelopmentZone" or not long.endswith(head.text) or len(short) >= len(long) \
            or not _PARTNERSHIP.search(long):
        return False
    core = short[:len(short) - len(head.text)]
    if len(core) < 2 or core[:2] not in long:
        return False
    rest = iter(long[long.index(core[:2]):])
    return all(c in rest for c in short)


def _national_short_form(long: str, short: str) -> bool:
    """中国青松开发总公司 … 青松总公司: a national firm's short form drops 中国 and the words of its
    trade, keeping the brand that opens the name and the head that ends it."""
    head = _FIRM_HEAD.search(short)
    if head is None or not long.startswith("中国") or long == short:
        return False
    # (中国一汽集团公司 … 一汽集团: the short form may drop the legal form after the head too)
    tail = next((head.group() + t for t in ("", "公司", "有限公司", "有限责任公司") if long.endswith(head.group() + t)), None)
    if tail is None:
        return False
    core, rest = short[:head.start()], long[2:len(long) - len(tail)]
    return len(core) >= 2 and rest.startswith(core) and (rest != core or tail != head.group())


def _merge_truncated_persons(doc: Document) -> None:
    """刘德 and 刘德全 in one article: the tagger cut a name short once; it is one person."""
    people = [e for e in doc.entities.values() if e.cls in ("Person", "Cadre")]
    for short in sorted(people, key=lambda e: len(e.label)):
        longer = [e for e in people if e is not short and e.key in doc.entities and short.key in doc.entities
                  and len(e.label) > len(short.label) >= 2 and e.label.startswith(short.label)]
        if len(longer) == 1:
            fold(doc, short, into=longer[0])


def _fold_tagger_short_forms(doc: Document) -> None:
    """A place or organisation known only from the tagger (准东, 闽润) that begins the name of
    another entity of the article is a short form of that entity."""
    for ent in list(doc.entities.values()):
        if ent.cls not in ("Region", "Organization") or not all(m.source.startswith("lac") for m in ent.mentions):
            continue
        if ent.cls == "Region" and any(m.source in ("lac:head", "lac:gazetteer", "lac:world") for m in ent.mentions):
            continue  # 三峡库区, X地区: a place by its own head, not the short form of a body named after it
        longer = [e for e in doc.entities.values() if e is not ent and len(e.label) > len(ent.label)
                  and e.cls not in ("Person", "Cadre")
                  # 中石化 … X县中石化小学: a firm a school or project is named after is not its short form
                  and not (ent.cls == "Organization" and e.cls in ("Institution", "Project") and not e.label.startswith(ent.label))
                  and (e.label.startswith(ent.label) or _brand(e.label).startswith(ent.label))]
        if longer:
            fold(doc, ent, into=min(longer, key=lambda e: len(e.label)))


def _brand(name: str) -> str:
    """An enterprise name without the places in front and the legal form behind."""
    gaz = gz.get_gazetteer()
    name = _LEGAL_FORM.sub("", name)
    while True:
        hit = next((h for h in gaz.find_all(name) if h.start == 0 and h.xpcc is None), None)
        if hit is None or len(name) - hit.end < 2:
            return name
        name = name[hit.end:]


def _is_name_prefix(doc: Document, prefix: str) -> bool:
    gaz = gz.get_gazetteer()
    pos = 0
    while pos < len(prefix):
        if pos == 0 and len(prefix) >= 4 and (
                any(e.label == prefix or prefix in e.alt_labels for e in doc.entities.values() if FAMILY.get(e.cls) == "org")
                or _ORG_HEAD.get(getattr(class_by_suffix(prefix), "cls", None))):
            return True  # 山海医科大学第一医院|白杨医院: an institution's branch named after it (before 河北 is read as a place)
        hit = next((h for h in gaz.find_all(prefix[pos:]) if h.start == 0), None)
        if hit is not None:
            pos += hit.end
            continue
        rest = prefix[pos:]
        if any(e.label == rest or rest in e.alt_labels for e in doc.entities.values()
               if FAMILY.get(e.cls) == "org"):
            return True
        if re.fullmatch(rf"[省市县区州]?(?:{aid_marker().pattern})?(前方指挥部|前指|指挥部)", rest):
            return True
        return False
    return pos > 0


# the usual short names of government departments (纳雍县人社局 = 纳雍县人力资源和社会保障局)
_BODY_ABBREVIATIONS = {"人社局": "人力资源和社会保障局", "住建局": "住房和城乡建设局", "发改委": "发展和改革委员会",
                       "卫健委": "卫生健康委员会", "卫健局": "卫生健康局", "工信局": "工业和信息化局",
                       "市场监管局": "市场监督管理局", "医保局": "医疗保障局", "文旅局": "文化和旅游局",
                       "文广旅局": "文化广电和旅游局"}
_ABBREVIATED_BODY = re.compile("(" + "|".join(_BODY_ABBREVIATIONS) + ")$")


def _merge_abbreviated_bodies(doc: Document) -> None:
    """X县人社局 is X县人力资源和社会保障局; a bare 县住建局 is the one department of that name the
    article writes in full (only when there is one)."""
    bodies = [e for e in doc.entities.values() if e.cls == "GovernmentBody"]
    for short in bodies:
        hit = _ABBREVIATED_BODY.search(short.label)
        if hit is None or short.key not in doc.entities:
            continue
        full = short.label[:hit.start()] + _BODY_ABBREVIATIONS[hit.group(1)]
        if full == short.label:
            continue
        bare = re.fullmatch(r"[县市区州旗盟]", short.label[:hit.start()]) is not None
        longs = [e for e in bodies if e is not short and e.key in doc.entities
                 and (e.label == full or bare and e.label.endswith(full))]
        if len(longs) == 1:
            fold(doc, short, into=longs[0])


def fold(doc: Document, src: Entity, into: Entity) -> None:
    """`src` is another name of `into`: its names, mentions and attributes join `into`."""
    into.alt_labels |= {src.label} | src.alt_labels
    into.alt_labels_hant |= src.alt_labels_hant | ({src.label_hant} if src.label_hant else set())
    for m in src.mentions:
        m.entity = into
        into.mentions.append(m)
    if src.cls == "Project" or into.cls == "Project":
        into.cls = "Project" if {src.cls, into.cls} <= {"Project", "Institution"} else into.cls
    for k, v in src.attrs.items():
        into.attrs.setdefault(k, v)
    doc.entities.pop(src.key, None)


_DECLARED = re.compile(r"[（(]?(?:以下简称|下称|简称|以下称)[“「\"]?([^”」\"）)，,。]{2,12})[”」\"]?"
                       r"(?:或[“「\"]?([^”」\"）)，,。]{2,12})[”」\"]?)?[）)]?")
# a generic word declared as a name (以下简称“公司”) names the firm only as a word of its own
_GENERIC_ALIAS = re.compile(r"本?(?:公司|集团|企业)")


def _declared_aliases(doc: Document) -> None:
    """X（以下简称“Y”或“Z”）: Y and Z are X; later mentions of them join X."""
    for hit in _DECLARED.finditer(doc.norm):
        before = [m for m in doc.mentions if m.entity is not None and m.end <= hit.start() and hit.start() - m.end <= 1]
        if not before:
            continue
        target = before[-1].entity
        for alias in (clean_name(g) for g in hit.groups() if g):
            _declare(doc, target, alias, hit.end())
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


def _declare(doc: Document, target: Entity, alias: str, after: int) -> None:
    target.alt_labels.add(alias)
    for ent in list(doc.entities.values()):
        if ent is not target and (ent.label == alias or alias in ent.alt_labels) and FAMILY.get(ent.cls) == FAMILY.get(target.cls):
            fold(doc, ent, into=target)
    generic = _GENERIC_ALIAS.fullmatch(alias) is not None
    # unrecognised later uses of the alias become mentions of the target
    taken = [(m.start, m.end) for m in doc.mentions]
    for occ in re.finditer(re.escape(alias), doc.norm):
        if occ.start() < after or any(a < occ.end() and occ.start() < b for a, b in taken):
            continue
        if generic and re.match(r"[\u4e00-\u9fff]", doc.norm[occ.start() - 1:occ.start()]) \
                and doc.norm[occ.start() - 1] not in "由与和及向对为在将据":
            continue  # 子公司, 项目公司: another firm
        _alias_mention(doc, target, occ.start(), occ.end())


def _alias_mention(doc: Document, ent: Entity, start: int, end: int) -> bool:
    """Another name of `ent` at start..end becomes its mention (False outside any sentence)."""
    sent = doc.sentence_at(start)
    if sent is None:
        return False
    m = Mention(start, end, ent.cls, "coref:alias", sentence=sent.index, entity=ent)
    ent.mentions.append(m)
    doc.mentions.append(m)
    return True


def _brand_short_forms(doc: Document) -> None:
    """A firm named in full once (广州X服饰集团有限公司) is later called by its brand and trade
    (X服饰): those later words, where no other name covers them, are mentions of the firm."""
    taken = [(m.start, m.end) for m in doc.mentions]
    gaz = gz.get_gazetteer()
    for ent in list(doc.entities.values()):
        if ent.cls != "Enterprise" or not ent.mentions:
            continue
        short = re.sub(r"(?:集团|控股|股份)+$", "", _brand(ent.label))
        if len(short) < 3 or short == ent.label or any(h.start == 0 and h.end == len(short) for h in gaz.find_all(short)):
            continue
        first = min(m.start for m in ent.mentions)
        for occ in re.finditer(re.escape(short), doc.norm):
            if occ.start() < first or any(a < occ.end() and occ.start() < b for a, b in taken):
                continue
            if _alias_mention(doc, ent, occ.start(), occ.end()):
                ent.alt_labels.add(short)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


def bind_this_references(doc: Document) -> None:
    """该公司/该项目/该县 …: the nearest preceding entity of that kind in the article. Run again
    after entities are retyped (新建X医院…该项目: the hospital being built is the project)."""
    refs = rules()["this_references"]
    pattern = re.compile("|".join(map(re.escape, sorted(refs, key=len, reverse=True))))
    bound = {(m.start, m.end): m for m in doc.mentions if m.source == "coref:this"}
    named = reference.named_mentions(doc)
    word_ends = rules()["this_reference_word_ends"]
    for sent in doc.sentences:
        for hit in pattern.finditer(doc.norm, sent.start, sent.end):
            if doc.norm[hit.end():hit.end() + 1] in word_ends.get(hit.group(), ()):
                continue  # 该校区, 该市场: a longer word (该校区 may still name a campus by its head)
            want = refs[hit.group()]
            target = reference.antecedent(doc, hit.start(), want, reference.reference_heads(hit.group()), named,
                                          exclude=_event if want == "Project" else None)
            m = bound.get((hit.start(), hit.end()))
            if m is not None and m.entity is not target:
                m.entity.mentions.remove(m)
                doc.mentions.remove(m)
            elif m is not None or target is None:
                continue
            if target is not None:
                m = Mention(hit.start(), hit.end(), target.cls, "coref:this", sentence=sent.index, entity=target)
                target.mentions.append(m)
                doc.mentions.append(m)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


def _event(ent: Entity) -> bool:
    """该项目 is no 签约仪式 or 推介会."""
    head = class_by_suffix(ent.label)
    return head is not None and "event" in head.flags


_DEMONSTRATIVE = re.compile(r"该|本次|此次|这次|本届|此届|这个|这座|这所|这家|这一")


def _demonstrative_heads(doc: Document) -> None:
    """该诊疗中心, 本次签约仪式, 该产业园: a demonstrative before the last words of a name the article
    has already given refers to that entity (the nearest one whose name ends in those words)."""
    named = [m for m in reference.named_mentions(doc)
             if FAMILY.get(m.entity.cls) in ("org", "project") or m.entity.cls == "DevelopmentZone"]
    if not named:
        return
    kinds = {m.entity.cls for m in named}
    taken = [(m.start, m.end) for m in doc.mentions]
    for sent in doc.sentences:
        for hit in _DEMONSTRATIVE.finditer(doc.norm, sent.start, sent.end):
            s = hit.end()
            if any(a < s and hit.start() < b for a, b in taken):
                continue
            prev = [m for m in named if m.end <= hit.start()]
            for n in range(min(10, sent.end - s), 1, -1):
                head = doc.norm[s:s + n]
                if not re.fullmatch(r"[\u4e00-\u9fff]+", head):
                    continue
                if not any(len(m.entity.label) > n and m.entity.label.endswith(head) for m in prev):
                    continue
                # the one those words stand for, chosen as any reference (aidkg.reference): not an
                # item listed as a part, none of two coordinated ones
                target = reference.antecedent(doc, hit.start(), kinds, (head,), prev,
                                              exclude=lambda e, n=n: len(e.label) <= n)
                if target is None:
                    break
                if target is not None:
                    m = Mention(hit.start(), s + n, target.cls, "coref:this", sentence=sent.index, entity=target)
                    target.mentions.append(m)
                    doc.mentions.append(m)
                    taken.append((m.start, m.end))
                    break
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


_COUNTED = re.compile(r"(?:等|这|上述|以上)?(?:\d+|[一二三四五六七八九十两]+)[多余]?(?:个|项|批)")


def _counted_heads(doc: Document) -> None:
    """P …, then A、B、C等12个X项目 where P's name ends in X项目: the counted head names the project
    the article named before, the listed things being its parts (第七批…小康示范村项目 … 公众村、
    拉丁嘎村…等12个小康示范村项目): the head becomes a mention of P, so a figure or place said of the
    list is said of P. The shared ending is a head noun with a word before it (…示范村项目, at least
    five characters): 等5个援疆项目 shares only the kind of every project."""
    # every ending of at least five characters of a project's name → the mentions naming it
    endings: dict[str, list[Mention]] = {}
    named = reference.named_mentions(doc)
    # a project named after one village or town (白杨村美丽乡村项目) is one of the many, not their whole
    site_starts = {x.start for x in named if x.entity.cls in ("Village", "Township")}
    one_site = {m.entity.key for m in named if m.start in site_starts and m.entity.cls == "Project"}
    for m in named:
        label = m.entity.label
        if m.entity.cls == "Project" and label.endswith(("项目", "工程")) and m.entity.key not in one_site:
            for n in range(5, len(label)):
                endings.setdefault(label[-n:], []).append(m)
    if not endings:
        return
    longest = max(map(len, endings))
    taken = [(m.start, m.end) for m in doc.mentions]
    for sent in doc.sentences:
        for hit in _COUNTED.finditer(doc.norm, sent.start, sent.end):
            s = hit.end()
            after = doc.norm[s:min(s + longest, sent.end)]
            for n in range(len(after), 4, -1):
                earlier = [m for m in endings.get(after[:n], ()) if m.end <= hit.start()]
                if not earlier:
                    continue
                m = max(earlier, key=lambda x: x.start)  # the project named last with that ending
                if not any(a < s + n and s < b and not (s <= a and b <= s + n) for a, b in taken):
                    # a name read inside the head (示范村 of 示范村项目) is part of the kind, no name
                    for inner in [x for x in doc.mentions if s <= x.start and x.end <= s + n]:
                        _drop_mention(doc, inner)
                    ref = Mention(s, s + n, m.entity.cls, "coref:head", sentence=sent.index, entity=m.entity)
                    m.entity.mentions.append(ref)
                    doc.mentions.append(ref)
                    taken.append((ref.start, ref.end))
                break
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


def _drop_mention(doc: Document, m: Mention) -> None:
    doc.mentions.remove(m)
    if m.entity is not None:
        m.entity.mentions.remove(m)
        if not m.entity.mentions and doc.entities.get(m.entity.key) is m.entity:
            del doc.entities[m.entity.key]


def hant_label(ent: Entity) -> str:
    return ent.label_hant or to_traditional(ent.label)
