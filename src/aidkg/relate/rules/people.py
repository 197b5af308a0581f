"""dispatchedBy: cadres and the place or body that sent them."""
from __future__ import annotations

import re

from ... import aid_groups, gazetteer as gz
from ...lexicon import aid_marker, cadre_role, rules
from ..engine import ORG, REGION, Ctx, clause_of, left_group, rule, span_start
from ..direction import province_code, province_sides
from ..places import named_after, programme_donor

FAMILY = "people"

# what follows a sender: (的)(第N批)援X…, 选派, 派出… (大连市第二批援疆领队NAME)
_MARK = re.compile("^的?(?:第[\\d一二三四五六七八九十]{1,3}批)?(?:" + aid_marker().pattern + "|选派|派出|派驻|挂职)")


@rule("dispatch", FAMILY, examples={
    "宁波市派驻延边州挂职干部、州商务局副局长陈立行说，项目进展顺利。": [("陈立行", "dispatchedBy", "宁波市")],  # R派驻X: X is where the cadre went
    "杭州市派驻恩施州挂职干部、恩施州发展和改革委员会副主任林知远介绍了合作成果。": [("林知远", "dispatchedBy", "杭州市")],
    "重庆市第十批援藏干部人才进藏。重庆援藏医疗队队长、昌都市人民医院副院长唐奕凡说，今年已开展手术300余台。": [("唐奕凡", "dispatchedBy", "重庆市")],  # the leader of an aid team
    "凉山州副州长（挂职）、宁波市派驻凉山工作组组长周明哲表示，将推动合作。": [("周明哲", "dispatchedBy", "宁波市")],  # the leader of an office the sender stations there
    "天河区驻榕江工作组组长、挂职榕江县委常委的邓启航说，今年已引进企业12家。": [("邓启航", "dispatchedBy", "天河区")],  # the sender named before its team
    "陕西“组团式”援藏医疗队队长、心内科主任医师孟青岚刚刚完成一台手术。": [("孟青岚", "dispatchedBy", "陕西省")],
    "江苏援疆干部刘明远介绍，项目进展顺利。": [("刘明远", "dispatchedBy", "江苏省")],
    "常州市第二批援疆工作组领队刘明远介绍，项目进展顺利。": [("刘明远", "dispatchedBy", "常州市")],
    "常州市援疆工作组领队、阿合奇县常务副县长刘明远介绍，项目进展顺利。": [("刘明远", "dispatchedBy", "常州市")],
    "黄埔区对口帮扶纳雍县工作队队长刘明远介绍，项目进展顺利。": [("刘明远", "dispatchedBy", "黄埔区")],
    "河北省高度重视。河北援疆工作前方指挥部总指挥刘明远告诉记者，项目进展顺利。": [("刘明远", "dispatchedBy", "河北省")],
    # a front command's deputy commander, before other posts (a branch's too); a front command
    # named after a place outside the provinces receiving aid is that place's
    "江西省援疆前方指挥部副总指挥、七师分指挥部指挥长刘明远接受采访。": [("刘明远", "dispatchedBy", "江西省")],
    "会上，江西前指总指挥刘明远指出，要做好援疆工作。": [("刘明远", "dispatchedBy", "江西省")],
    "湖北省援藏工作队队长张建华一行到山南市调研。": [("张建华", "dispatchedBy", "湖北省")],  # the leader of an aid team
    "来自杭州市的援疆干部、阿克苏市委常委王建军介绍了情况。": [("王建军", "dispatchedBy", "杭州市")],  # 来自R的援疆干部
    "援疆教师、来自泰安的王建军老师说，学校校舍紧张。": [("王建军", "dispatchedBy", "泰安市")],  # a cadre 来自R的
    "该院院长、广东省援黔专家刘志强表示，将继续做好传帮带。": [("刘志强", "dispatchedBy", "广东省")],  # 援X for any province
    # the place sent to is not the sender
    "由北京市海淀区选派到墨玉县挂职的郝晓川担任副县长。": [("郝晓川", "dispatchedBy", "海淀区")],
    # D对口援X指挥部: 援 and a county's first character (援阿指挥部), the place before 对口 sent it
    "常州市政府副秘书长、常州市对口援阿指挥部指挥长、县委副书记刘明远表示感谢。": [("刘明远", "dispatchedBy", "常州市")],
    # a batch between the sender and the aid word, a role without 干部 (援疆领队)
    "重提这段往事的是常州市第二批援疆领队、现任武进区委常委刘明远。": [("刘明远", "dispatchedBy", "常州市")],
    # 在 governing the whole phrase, not naming a place
    "在常州市援藏干部、县委书记刘明远的帮助下，新房落成了。": [("刘明远", "dispatchedBy", "常州市")],
    # a party post of the body before its leading title
    "江苏省援疆前方指挥部临时党委书记、总指挥刘明远表示，要做好援疆工作。": [("刘明远", "dispatchedBy", "江苏省")],
    "湖南省援疆前方指挥部党委委员、副指挥长刘明远介绍了项目进展。": [("刘明远", "dispatchedBy", "湖南省")],
    # the party secretary of a front command; a chain of posts between the command and the name
    "会上，湖南前指临时党委书记刘明远指出，要做好援疆工作。": [("刘明远", "dispatchedBy", "湖南省")],
    "湖南省对口支援新疆工作前方指挥部总指挥、湖南省人民政府驻新疆办事处主任、吐鲁番地委副书记刘明远介绍了情况。": [
        ("刘明远", "dispatchedBy", "湖南省")],
    "常州市驻阿合奇县工作组组长刘明远介绍了情况。": [("刘明远", "dispatchedBy", "常州市")],   # D驻R工作组
    # a province and its city open the body's name: the city sent it
    "县委副书记、江苏省常州市对口援疆工作组领队刘明远主持座谈会。": [("刘明远", "dispatchedBy", "常州市")],
}, counter=(
    "派驻阿图什市挂职干部刘明远介绍情况。",        # a destination sends no one
    "拉萨市人民医院援藏医生刘明远为患者手术。",    # the aided side's hospital, where the cadre works
    "阿图什市教育局局长刘明远介绍情况。",          # a local official is no cadre of an aid body
    "来自泰安的游客王建军说，风景很美。",            # no cadre
    "伊宁县副县长、伊宁县前方指挥部副总指挥刘明远表示感谢。",  # the place in the command's name is aided
    "阿图什市委党委书记、市长刘明远表示感谢。",     # no aid body
))
def dispatch(ctx: Ctx):
    """X援疆干部…NAME, X援疆工作组领队(、其他职务)NAME: the place or body right before a cadre marker
    or an aid body's leading title sent the cadre (a destination — 到R, 赴R, 派驻R — sends no one);
    an aid body's cadre was sent by the place its name gives as donor."""
    markers = tuple(rules()["cadre_markers"]) + tuple(rules()["cadre_titles"])
    for c in ctx.ms:
        if c.entity.cls not in ("Cadre", "Person"):
            continue
        a, _ = clause_of(ctx, c.start)
        before = [x for x in ctx.ms if a <= x.start and x.end <= c.start and x.entity.cls in REGION | ORG]
        # a destination (到R, 赴R, 在R) sends no one — but 在R援藏干部…NAME的帮助下: 在 governs the whole phrase
        before = [x for x in before if ctx.text(x.start - 1, x.start) not in ("到", "赴", "在", "往", "驻")
                  or ctx.text(x.start - 1, x.start) == "在" and _MARK.match(ctx.text(x.end, x.end + 10))]
        if not before:
            continue
        # an aid body's title, then other posts (、R县常务副县长) before the name
        titled = [x for x in before if x.entity.cls in ("GovernmentBody", "Organization") and is_aid_body(x.entity)
                  and _TITLE_CHAIN.fullmatch(ctx.text(x.end, c.start))]
        if titled:
            src = titled[-1]
        elif c.entity.cls != "Cadre":
            continue
        else:
            marked = [x for x in before if _MARK.match(ctx.text(x.end, x.end + 8))
                      or any(ctx.text(x.end, x.end + len(k) + 1).lstrip("的").startswith(k) for k in markers)
                      or ctx.text(x.start - 2, x.start) == "来自"]
            src = marked[-1] if marked else before[-1]
            gap = ctx.text(src.end, c.start)
            came_from = ctx.text(src.start - 2, src.start) == "来自" and gap == "的"  # (援疆教师、)来自R的NAME
            if not came_from and ((len(gap) > 8 and not marked) or not (any(k in gap for k in markers + ("干部", "人才"))
                                                                        or cadre_role().search(gap))):
                # 浙江省援X指挥部指挥长NAME: the body is named right before the title
                if not (src.entity.cls in ("GovernmentBody", "Organization")
                        and any(gap.startswith(t) for t in rules()["cadre_titles"])):
                    continue
        if _aided_side(ctx, src):
            continue  # R人民医院援藏医生NAME: a place or body of the province 援X aids received the cadre
        target = src.entity
        if target.cls in ("GovernmentBody", "Organization") and not is_aid_body(target) \
                and re.search(r"前方指挥部$|前指$", target.label) and _receiving_command(ctx, src):
            continue  # R前方指挥部: R is where the command works; its sender is not named
            # (江西前指: a place outside the provinces that receive aid names the sender)
        if target.cls in ("GovernmentBody", "Organization"):
            lead = [x for x in ctx.all_mentions if x.start == src.start and x.entity.cls in REGION
                    and (x.entity.cls == "Province" or re.match(r"派驻|常驻|驻", ctx.text(x.end, x.end + 2)))]
            # R驻Y工作组, R“组团式”援X医疗队: the place named right before the body sent it
            sender = [x for x in ctx.ms if x.entity.cls in REGION and x.end <= src.start
                      and re.fullmatch(r"驻|对口|[“「\"][^”」\"]{1,8}[”」\"]", ctx.text(x.end, src.start))]
            if lead:
                # 辽宁省盘锦市对口援疆工作组: the chain's last place, inside the body's name, sent it
                last = lead[0]
                while nxt := [x for x in ctx.all_mentions if x.start == last.end and x.end <= src.end
                              and x.entity.cls in REGION]:
                    last = nxt[0]
                target = last.entity
            elif sender:
                target = sender[-1].entity
            else:
                target = sender_of_body(ctx, src) or named_after(ctx.doc, target) or target
        if c.entity.cls == "Cadre":
            yield c.entity, "dispatchedBy", target


def _receiving_command(ctx: Ctx, src) -> bool:
    """Whether a front command's name opens with no place, or with a place of a province that
    receives aid (克州前方指挥部: the command working there, its sender unnamed)."""
    place = sender_of_body(ctx, src)
    return place is None or province_sides().get(province_code(ctx.doc, place) or "") == "recipient"


def _aided_side(ctx: Ctx, src) -> bool:
    """Whether a name right before 援X lies in the province X: it is where the cadre works."""
    mark = re.match(r"的?" + aid_marker().pattern, ctx.text(src.end, src.end + 4))
    if not mark:
        return False
    aided = gz.get_gazetteer().province_abbreviation(mark.group()[-1])
    return aided is not None and province_code(ctx.doc, src.entity) == aided.code


# (a party post of the body may come first: X指挥部临时党委书记、总指挥NAME, X指挥部党委委员、副指挥长NAME)
_TITLE_CHAIN = re.compile(r"(?:(?:临时)?(?:党委|党组|党工委)[\u4e00-\u9fff]{0,5}、)*(?:" + "|".join(sorted(rules()["cadre_titles"], key=len, reverse=True)) + ")"
                          r"(?:[、][^，,。；;：:“”\"]{1,16}?)*")


def is_aid_body(body) -> bool:
    """A body of an aid programme: its name says who aids (援X, 对口支援/帮扶, 协作, 东西部; 援 and
    the first character of a county aided: 援拜指挥部)."""
    return bool(re.search(aid_marker().pattern + r"|对口|帮扶|协作|东西部", body.label)
                or re.match(r"援[\u4e00-\u9fff]{1,2}(?:前方)?(?:指挥部|前指|工作组|工作队|联络组)$", body.label)
                or re.search(_STATIONED, body.label))


# D驻R工作组: a place's team posted in a place of another (not a village's work team, 驻村工作队)
_STATIONED = r"[市区县州省]驻[\u4e00-\u9fff]{1,8}?[市区县州旗](?:工作组|工作队|联络组)$"


def sender_of_body(ctx: Ctx, body_mention) -> "object | None":
    """The place an aid body's name gives as donor: the place right before its aid words
    (X县第七批Y省援藏工作组 → Y省), else the place the name opens with (R援疆工作组 → R)."""
    inner = [x for x in ctx.all_mentions if body_mention.start <= x.start and x.end <= body_mention.end
             and x is not body_mention and x.entity.cls in REGION]
    for x in inner:
        if re.match(aid_marker().pattern + r"|对口|帮扶|协作", ctx.text(x.end, x.end + 4)):
            return x.entity
    first = [x for x in inner if x.start == body_mention.start]
    return first[0].entity if first else None


@rule("roster", FAMILY, examples={
    "此次援疆的人员包括常州市第一人民医院影像诊断医师刘明远、儿科主治医生王海峰，常州市中医医院副主任医师陈立行。": [
        ("刘明远", "dispatchedBy", "常州市第一人民医院"), ("王海峰", "dispatchedBy", "常州市第一人民医院"),
        ("陈立行", "dispatchedBy", "常州市中医医院")],
    "常州市第十一批援疆干部名单：刘明远（常州市第一人民医院）、王海峰（常州市教育局）。": [
        ("刘明远", "dispatchedBy", "常州市第一人民医院"), ("王海峰", "dispatchedBy", "常州市教育局")],
    "常州市选派的援疆干部有：刘明远，常州市第一人民医院副院长；王海峰，常州市教育局副局长。": [
        ("刘明远", "dispatchedBy", "常州市第一人民医院"), ("王海峰", "dispatchedBy", "常州市教育局")],
}, counter=(
    "参加座谈会的有阿合奇县人民医院院长刘明远、常州市教育局副局长王海峰。",   # no roster of aid workers
    "援疆干部与当地干部座谈，参加的有阿合奇县教育局局长刘明远。",
))
def roster(ctx: Ctx):
    """A roster of aid workers (援X的人员包括…, 援X干部名单：…, 援X干部有：…): each person listed
    was sent by the home unit written with them (X医院医师NAME, NAME（X局）, NAME，X局副局长；)."""
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        unit = aid_groups.roster_unit(ctx.doc, c)
        if unit is not None and unit.entity is not None and unit.entity is not c.entity:
            yield c.entity, "dispatchedBy", unit.entity


@rule("team-leader", FAMILY, r"以(?P<who>[^，,。；;以]{2,12}?)(?:同志)?为(?:{leader_titles})的", examples={
    "在以刘明远同志为组长的阿图什市第十批江苏援疆工作组的努力下，项目开工。": [("刘明远", "dispatchedBy", "江苏省")],
    "2013年7月，以刘明远同志为领队的9名常州第七批援藏干部来到工布江达县。": [("刘明远", "dispatchedBy", "常州市")],
}, counter=(
    "以刘明远同志为领队的考察团来到工布江达县。",   # no aid team, no sender
))
def team_leader(ctx: Ctx, hit: re.Match):
    """以NAME(同志)为组长/领队/队长的…援X工作组: the leader is a cadre the team's donor sent."""
    people = [x for x in ctx.all_mentions if ctx.at(hit.start("who")) <= x.start and x.end <= ctx.at(hit.end("who"))
              and x.entity.cls in ("Person", "Cadre")]
    _, b = clause_of(ctx, ctx.at(hit.end()))
    body = next((x for x in ctx.ms if ctx.at(hit.end()) <= x.start < b and x.entity.cls in ("GovernmentBody", "Organization")
                 and is_aid_body(x.entity)), None)
    if not people:
        return
    if body is None:
        # 以NAME为领队的9名R第N批援藏干部: the place the cadres are counted from sent them
        after = ctx.at(hit.end())
        group = [x for x in ctx.all_mentions if after <= x.start < b and x.entity.cls in REGION
                 and _MARK.match(ctx.text(x.end, x.end + 10)) and re.search(r"干部|人才|医生|教师", ctx.text(x.end, b))]
        if group and people[0].entity.cls == "Cadre":
            yield people[0].entity, "dispatchedBy", group[0].entity
        return
    target = sender_of_body(ctx, body) or named_after(ctx.doc, body.entity) or body.entity
    if people[0].entity.cls == "Cadre":
        yield people[0].entity, "dispatchedBy", target


@rule("dispatch-programme", FAMILY, examples={
    "江苏省第十一批援疆干部人才、阿图什市副市长刘明远介绍。": [("刘明远", "dispatchedBy", "江苏省")],
    "刘明远是江苏省第十一批援疆干部人才。": [("刘明远", "dispatchedBy", "江苏省")],
    "王海峰是江苏省第十一批援疆干部人才。": [("王海峰", "dispatchedBy", "江苏省")],
    "张丽华，浙江省第十批援疆干部，现任阿克苏市副市长。": [("张丽华", "dispatchedBy", "浙江省")],  # a batch in apposition
    "作为常州市第十一批援疆干部，刘明远担任阿合奇县副县长。": [("刘明远", "dispatchedBy", "常州市")],  # 作为 a batch, then the name
    # a batch named by 我市: the place 我市 stands for in the article
    "常州市援疆工作会议召开。我市先后选派干部人才400名。我市第十一批援疆干部人才、阿合奇县副县长刘明远说，项目进展顺利。": [
        ("刘明远", "dispatchedBy", "常州市")],
})
def dispatch_programme(ctx: Ctx):
    """A cadre named after a programme of a place (江苏省第十一批援疆干部人才…NAME), or a person said
    to belong to one (NAME是江苏省第N批援疆干部): the place sent them."""
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        progs = [p for p in ctx.all_mentions if p.entity.cls == "Programme" and p.end <= c.start
                 and c.start - p.end <= 24]
        if progs:
            lead = [x.entity for x in ctx.all_mentions if x.start == progs[-1].start and x.entity.cls in REGION]
            lead = lead or [d for d in [batch_donor(ctx.doc, progs[-1])] if d is not None]
            if lead:
                yield c.entity, "dispatchedBy", lead[0]
    for c in ctx.ms:
        if c.entity.cls not in ("Cadre", "Person"):
            continue
        nxt = [p for p in ctx.ms if p.entity.cls == "Programme" and p.start > c.end
               and re.fullmatch(r"(?:是|为|系|作为|，|,|（|\()", ctx.text(c.end, p.start))]
        if nxt and c.entity.cls == "Cadre":
            lead = [x.entity for x in ctx.all_mentions if x.start == nxt[0].start and x.entity.cls in REGION]
            lead = lead or [d for d in [batch_donor(ctx.doc, nxt[0])] if d is not None]
            if lead:
                yield c.entity, "dispatchedBy", lead[0]


def batch_donor(doc, prog_mention):
    """Who sent a batch: the place its name opens with, or the place its 我市/我省 stands for
    elsewhere in the article (我市第八批援疆干部人才…我市先后选派…)."""
    donor = programme_donor(doc, prog_mention.entity)
    if donor is not None:
        return donor
    we = re.match(r"(?:我|本)(?:省|市|区|县|州)", doc.norm[prog_mention.start:prog_mention.end])
    if we:
        said = {m.entity.key: m.entity for m in doc.mentions if m.source == "coref:we" and m.entity is not None
                and doc.norm[m.start:m.end] == we.group()}
        return next(iter(said.values())) if len(said) == 1 else None
    return None   # (another batch's place is no guide: 第五批…联络组 may be a whole province's team)


@rule("dispatch-verb", FAMILY, r"选派|派出|派遣", scope="text", examples={
    "挂职洛浦县副县长的唐景川，被村民称作“朋友”。2023年，北京市朝阳区选派他来到和田。": [("唐景川", "dispatchedBy", "朝阳区")],  # 选派他: the person just spoken of
    "阿克陶县人民医院迎来常州市选派的医生刘明远。": [("刘明远", "dispatchedBy", "常州市")],
    "常州市选派刘明远到阿克陶县人民医院工作。": [("刘明远", "dispatchedBy", "常州市")],
    "去年10月，援疆医生刘明远响应常州市第一人民医院选派医生援疆的号召来到阿克陶。": [
        ("刘明远", "dispatchedBy", "常州市第一人民医院")],  # NAME响应R选派…: the sender's call
    "刘明远受北京市海淀区选派，担任墨玉县副县长。": [("刘明远", "dispatchedBy", "海淀区")],
}, counter=(
    "由北京市海淀区选派到墨玉县挂职的郝晓川担任副县长。",  # 选派到R挂职的X: R is where X went
))
def dispatch_verb(ctx: Ctx, hit: re.Match):
    """R选派/派出 NAME (or 他/她, the person just spoken of): R sent that cadre."""
    pos, after = ctx.at(hit.start()), ctx.at(hit.end())
    senders = left_group(ctx, pos)
    _, b = clause_of(ctx, pos)
    cadres = [x for x in ctx.ms if after <= x.start < b and x.entity.cls in ("Cadre", "Person")]
    if not cadres and ctx.text(after, after + 1) in ("他", "她"):
        earlier = [x for x in ctx.doc.mentions if x.end <= pos and x.entity is not None
                   and x.entity.cls in ("Cadre", "Person") and x.sentence >= ctx.sent - 3]
        cadres = ([x for x in earlier if x.entity.cls == "Cadre"] or earlier)[-1:]  # a cadre before a passer-by
    if not cadres and senders:
        # NAME响应/经/由 R选派(医生援疆): the person named before the sender answered its call
        first = min((x for x in ctx.ms if x.entity in senders and x.end <= pos), key=lambda x: x.start, default=None)
        a, _ = clause_of(ctx, pos)
        cadres = [x for x in ctx.ms if first is not None and a <= x.start and x.end <= span_start(first)
                  and x.entity.cls == "Cadre" and re.fullmatch(r"(?:响应|经|经过|由|受)", ctx.text(x.end, span_start(first)))]
    for s in senders:
        for c in cadres:
            if c.entity.cls == "Cadre":  # typed by retype (选派NAME); 他/她 is the cadre just named
                yield c.entity, "dispatchedBy", s


# what follows a sender to say the person is its cadre: (的)(第N批)(“组团式”)…援X干部/医疗队…
_SENDER_ROLE = re.compile(r"的?(?:第[\d一二三四五六七八九十]{1,3}批)?[^，,。；;：:]{0,10}?(?:" + cadre_role().pattern + ")")
# NAME作为/是/系/被选派为 SENDER…; NAME受SENDER选派
_LINK_SENDER = re.compile(r"(?:[（(][^）)]{1,6}[）)])?(?:同志)?(?:(?:作为|是|系|被选派为|被派为)(?:来自|从|由)?|[，,](?=[^，,。；;]{2,12}?(?:"
                          + cadre_role().pattern + r")[^，,。；;：:]{0,4}(?:[，,。；;]|$)))")
# 作为SENDER(的)…援X干部， opening the sentence, then the person's posts and name
_AS_OPENING = re.compile(r"^[^，,。；;]{0,12}?作为")
# 受/由R选派/委派， opening the sentence, then the person
_SENT_OPENING = re.compile(r"^[^，,。；;]{0,6}?(?:受|由)")


@rule("dispatch-as", FAMILY, examples={
    "一年前，刘明远作为中国民用航空局的援疆干部，来到于田县。": [("刘明远", "dispatchedBy", "中国民用航空局")],
    "2021年，时任青松医院副院长刘明远被选派为广东省第6批组团式援疆医疗队队长。": [("刘明远", "dispatchedBy", "广东省")],
    "作为常州市援疆干部，阿合奇县委副书记、副县长刘明远负责统筹推进援疆项目。": [("刘明远", "dispatchedBy", "常州市")],
    "援疆干部刘明远来自江苏省常州市。": [("刘明远", "dispatchedBy", "常州市")],   # a cadre 来自R, the clause ending there
    "援疆医生刘明远，来自常州市第一人民医院，今年42岁。": [("刘明远", "dispatchedBy", "常州市第一人民医院")],
    "张丽华，浙江省援疆干部，现任阿克苏市副市长。": [("张丽华", "dispatchedBy", "浙江省")],  # the role in apposition
    "王建军（右）是来自江苏省的援疆教师。": [("王建军", "dispatchedBy", "江苏省")],  # a caption's place, 是来自R的
    "刘明远是从常州市选派的援疆干部。": [("刘明远", "dispatchedBy", "常州市")],
    "受常州市委派，刘明远来到阿合奇县挂职。": [("刘明远", "dispatchedBy", "常州市")],  # 受R委派， opening the sentence
}, counter=(
    "刘明远，浙江省援疆干部们都很敬佩他。",          # no apposition: the clause goes on
    "刘明远作为阿图什市的干部，陪同援疆干部考察。",      # a local official with aid cadres
    "作为援疆干部，刘明远一直很忙。",                    # no sender named
    "援疆干部刘明远来自江苏省常州市的一个小村庄。",       # a birthplace described, not a sender
    "游客刘明远来自常州市。",                            # no cadre
    "刘明远作为阿图什市教育局局长，欢迎援疆教师。",      # not a cadre role
))
def dispatch_as(ctx: Ctx):
    """NAME作为/是/被选派为 R(的)(第N批)…援X干部/医疗队…, NAME，R援X干部，…, 受R委派，NAME… and
    作为R援X干部，(posts)NAME:
    R, named right before the cadre role, sent the person."""
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        link = _LINK_SENDER.match(ctx.text(c.end, ctx.end))
        if link:
            pos = c.end + link.end()
            _, b = clause_of(ctx, pos)
            sender = _chain_at(ctx, pos)
            if sender and _SENDER_ROLE.match(ctx.text(sender[0].end, b)):
                yield c.entity, "dispatchedBy", _sender(ctx, sender[0])
                continue
        came = re.match(r"(?:[（(][^）)]{1,6}[）)])?[，,]?(?:同志)?来自", ctx.text(c.end, ctx.end))
        if came:
            # (援X干部)NAME来自R(，…): a cadre's home place or body sent them
            pos = c.end + came.end()
            _, b = clause_of(ctx, pos)
            sender = _chain_at(ctx, pos)
            if sender and sender[0].end == b:
                yield c.entity, "dispatchedBy", _sender(ctx, sender[0])
                continue
        sent_by = _SENT_OPENING.match(ctx.text(ctx.start, c.start))
        if sent_by:
            pos = ctx.start + sent_by.end()
            a, b = clause_of(ctx, pos)
            sender = _chain_at(ctx, pos)
            if sender and re.fullmatch(r"(?:的)?(?:选派|委派|派遣)", ctx.text(sender[0].end, b)) \
                    and not any(x.entity.cls in ("Person", "Cadre") for x in ctx.ms if b < x.start < c.start) \
                    and re.fullmatch(r"[^，,。；;：:]{0,30}", ctx.text(b + 1, c.start)):
                yield c.entity, "dispatchedBy", _sender(ctx, sender[0])
                continue
        opening = _AS_OPENING.match(ctx.text(ctx.start, c.start))
        if opening:
            a, b = clause_of(ctx, ctx.start + opening.end())
            pos = ctx.start + opening.end()
            sender = _chain_at(ctx, pos)
            between = ctx.text(b + 1, c.start)
            if sender and _SENDER_ROLE.fullmatch(ctx.text(sender[0].end, b)) \
                    and not any(x.entity.cls in ("Person", "Cadre") for x in ctx.ms if b < x.start < c.start) \
                    and re.fullmatch(r"[^，,。；;：:]{0,30}", between):
                yield c.entity, "dispatchedBy", _sender(ctx, sender[0])


def _sender(ctx: Ctx, x):
    """The sender a mention names: an aid body is sent by the place its name gives."""
    if x.entity.cls in ("GovernmentBody", "Organization") and is_aid_body(x.entity):
        return sender_of_body(ctx, x) or named_after(ctx.doc, x.entity) or x.entity
    return x.entity


def _chain_at(ctx: Ctx, pos: int) -> list:
    """The name at `pos`; a chain of places there speaks through its last place (北京市海淀区 → 海淀区)."""
    return [x for x in ctx.ms if span_start(x) == pos and x.entity.cls in REGION | ORG]


# what follows the place that sends an article's aid workers: (的)(第N批)(“组团式”)援…/赴…/选派/派出
_SENDS = re.compile(r"的?(?:第[\d一二三四五六七八九十]{1,3}批)?(?:[“「\"][^”」\"]{1,8}[”」\"])?"
                    r"(?:援[\u4e00-\u9fff]{1,3}?(?:干部|人才|医疗队|工作队|工作组|医生|教师|专家|队员)"
                    r"|赴[^，,。；;]{1,8}?(?:支教|支医|挂职)|先后?选派|选派|派出|派驻)")


def article_senders(doc) -> dict[str, object]:
    """The places an article names as sending its aid workers: a batch's place (R第N批援X干部) and
    a place right before its workers' aid words (R第N批援X医疗队, R赴X支教教师, R选派/派出…). (The
    senders rules gave other cadres are no guide: an aid command's cadres and a city's team's are
    sent by two levels.)"""
    senders = {}
    for m in doc.mentions:
        if m.entity is None or m.role:
            continue
        if m.entity.cls == "Programme":
            d = batch_donor(doc, m)
            if d is not None:
                senders[d.key] = d
        elif m.entity.cls in REGION and _SENDS.match(doc.norm, m.end) \
                and doc.norm[m.start - 1:m.start] not in ("到", "赴", "在", "往", "驻", "援"):  # (a destination sends no one)
            senders[m.entity.key] = m.entity
            # A和B派出…: the places coordinated before it send too
            first = m
            while (prev := next((x for x in doc.mentions if x.entity is not None and x.entity.cls in REGION
                                 and x.end < first.start and re.fullmatch(r"[、和与及]", doc.norm[x.end:first.start])), None)):
                senders[prev.entity.key] = prev.entity
                first = prev
    if _NATIONAL_TEAM.search(doc.norm):
        senders["national"] = None  # 国家援藏医疗队, 中央单位援疆干部: a sender that is no place
    return senders


# a team or batch the nation sends (its members' senders are not the places the article names)
_NATIONAL_TEAM = re.compile(r"(?:国家|中央(?:单位|和国家机关|企业)?)(?:[“「\"][^”」\"]{1,8}[”」\"])?(?:第[\d一二三四五六七八九十]{1,3}批)?援[\u4e00-\u9fff]{1,3}?(?:干部|人才|医疗队|工作队|医生|专家)")


# an aid role right before a name, with no place or body before it in the clause (援疆教师NAME)
_BARE_ROLE = re.compile("(?:" + "|".join(sorted(rules()["cadre_markers"], key=len, reverse=True)) + "|"
                        + cadre_role().pattern + ")$")


def _bare_role(doc, m) -> bool:
    sent = doc.sentences[m.sentence]
    a = max([sent.start] + [doc.norm.rfind(p, sent.start, m.start) + 1 for p in "，,；;：:。、"])
    return bool(_BARE_ROLE.search(doc.norm, a, m.start)) and not any(
        x.entity is not None and x.entity.cls in REGION | ORG and a <= x.start < m.start for x in doc.mentions)


@rule("sole-sender", FAMILY, per_document=True, examples={
    "常州市派出第十批援疆教师。此次共有8名教师援疆支教。来自青松中学的数学教师刘明远将任副校长。": [("刘明远", "dispatchedBy", "常州市")],
    "历届援疆干部介绍\n刘明远，男，1968年出生，内科主任医师。2008年作为常州市第六批援疆干部赴阿合奇县工作。\n": [
        ("刘明远", "dispatchedBy", "常州市")],  # a profile line, its batch in the next sentence
    "白杨县第三批援藏医疗队出发。“我们准备好了。”医疗队队员刘明远说。": [("刘明远", "dispatchedBy", "白杨县")],
    "青松中学迎来3名常州市援疆教师。援疆教师刘明远表示，将尽快熟悉学生。": [("刘明远", "dispatchedBy", "常州市")],  # a bare role
}, counter=(
    # two senders named: none is guessed
    "常州市和无锡市派出援疆教师。此次共有8名教师援疆支教。来自青松中学的数学教师刘明远将任副校长。",
    # a team the nation sends beside a province's team
    "国家援藏医疗队来到林芝。广东省援藏工作队领队王建军出席。医疗队的领队由副院长刘明远担任。",
))
def sole_sender(doc):
    """A cadre known as one of a team's members or by a profile (aid_groups), or by a bare aid role
    (援疆教师NAME), no sentence naming its sender, in an article that names one place only as sending its aid workers (我市派出的第十批援疆教师…来自X中学的教师NAME; R第三批援湖北医疗队…队员NAME):
    that place sent the cadre. With two senders named, none is guessed."""
    sent = {r.subject.key for r in doc.relations if r.predicate == "dispatchedBy"}
    lonely = {}
    for m in doc.mentions:
        if m.entity is not None and m.entity.cls == "Cadre" and not m.source.startswith("coref") \
                and m.entity.key not in sent and m.entity.key not in lonely \
                and (aid_groups.member_evidence(doc, m) or _bare_role(doc, m)):
            lonely[m.entity.key] = m
    if not lonely:
        return
    senders = article_senders(doc)
    # a place and a place inside it (福建省, 宁德市) are two senders; the chain's own names are one
    if len(senders) != 1:
        return
    (sender,) = senders.values()
    for m in sorted(lonely.values(), key=lambda m: m.start):
        yield m.entity, "dispatchedBy", sender, m.sentence
