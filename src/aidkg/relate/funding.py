"""fundedBy and organizedBy: aid money for projects, project lists of a donor, hosts of events."""

from __future__ import annotations

import re

from ..document import Entity
from .context import (
    ACTOR,
    chain_members,
    span_start,
    REGION,
    ORG,
    CLAUSE_END,
    Ctx,
    clause_of,
    left_group,
    right_group,
    find,
    in_name,
    absolute,
    location_of,
    pairing_unit,
)


def _blanked(ctx: Ctx) -> str:
    """The sentence with every recognised name written as 囗 (same length): a pattern over it
    finds no verb inside a name."""
    chars = list(ctx.text(ctx.start, ctx.end))
    for x in ctx.names:
        for i in range(max(ctx.start, x.start), min(ctx.end, x.end)):
            chars[i - ctx.start] = "囗"
    return "".join(chars)


def _funded(ctx: Ctx, add, project: Entity, donor: Entity, method: str, paired: bool = False) -> None:
    """project fundedBy donor; a donor place is also paired with the place the project is in (at
    any level when the sentence calls it paired aid, 对口援建)."""
    add(project, "fundedBy", donor, ctx.sent, method)
    loc = pairing_unit(ctx.doc, location_of(ctx.doc, project))
    if loc is not None and donor.cls in REGION and loc is not donor and (paired or _pairing_level(donor, loc)) \
            and not _paired_above(ctx.doc, donor, loc):
        add(donor, "pairedWith", loc, ctx.sent, method)


def _paired_above(doc, donor: Entity, place: Entity) -> bool:
    """Whether the article already pairs the donor with a place that contains `place` (湖州市 with
    广元市): its money for one of that place's counties adds no pairing of its own."""
    from .. import gazetteer as gz
    if not place.code:
        return False
    above = {d.key for d in gz.get_gazetteer().chain(place.code)[1:]}
    return any(r.predicate == "pairedWith" and ((r.subject is donor and r.object.key in above) or
                                                (r.object is donor and r.subject.key in above))
               for r in doc.relations)


def _pairing_level(donor: Entity, place: Entity) -> bool:
    """A province is paired with prefectures and XPCC divisions; its money for a county's or a
    regiment's project says nothing about the pairing (its cities pair with those)."""
    if donor.cls != "Province":
        return True
    return place.cls == "Prefecture" or (place.cls == "XPCCUnit" and "师" in place.label and "团" not in place.label)


def _listed(ctx: Ctx, first) -> list[Entity]:
    """The project mention `first` and the projects coordinated with it (P1、P2和P3等N个项目)."""
    return right_group(ctx, first.start, kinds={"Project"}, max_gap=0) or [first.entity]


DONATION = ("捐资", "捐赠", "捐款", "捐建")


def funding_and_organising(ctx: Ctx, add, topic: Entity | None, prev_subject: Entity | None) -> None:
    ms = ctx.ms
    projects = [m for m in ms if m.entity.cls == "Project"]
    # P 是 D … 援建/对口援建 … 项目
    for m in find(ctx, r"(?:是|为|系)([^，,。；;]{0,16}?)(?:对口援建|援建|援疆|援藏)[^，,。；;]{0,6}项目"):
        pos = absolute(ctx, m.start())
        subj = [x for x in projects if x.end <= pos]
        donors = [x for x in ms if absolute(ctx, m.start(1)) <= x.start < absolute(ctx, m.end(1)) and x.entity.cls in REGION]
        if subj and donors:
            _funded(ctx, add, subj[-1].entity, donors[0].entity, "pattern:aid-project-of", paired=True)
    # 由D(援X资金)(全额)出资/援建/投资 …
    # (the names blanked: the 投资 of 由A文旅投资集团有限公司在R投资建设 is a word of a name, the verb comes later)
    for m in re.finditer(r"由([^，,。；;]{1,40}?)(?:(?:援[疆藏青]|财政|帮扶|协作|对口支援|援建)*资金)?(?:全额|全部)?"
                         r"(?P<verb>出资|援建|投资|投建|投入|资助|承建|捐资|捐赠|捐建|支持建设|支持)",
                         _blanked(ctx)):
        d_start, d_end = absolute(ctx, m.start(1)), absolute(ctx, m.end(1))
        # 由E在R投资建设: R is where the project is
        place_ms = [x for x in ms if d_start <= span_start(x) and x.end <= d_end and x.entity.cls in REGION
                    and re.search(r"(?:在|于)$", ctx.text(d_start, span_start(x)))]
        if place_ms:
            d_end = span_start(place_ms[0]) - 1
        # the top-level mentions: a chain (江苏省常州市) gives its innermost place
        donors = [x.entity for x in ms if d_start <= span_start(x) and x.end <= d_end
                  and x.entity.cls in REGION | ORG]
        if not donors:
            continue
        donor = donors[0]
        after = [x for x in projects if x.start >= absolute(ctx, m.end())]
        before = [x for x in projects if x.end <= absolute(ctx, m.start())]
        if after and "的" in ctx.text(absolute(ctx, m.end()), after[0].start):
            targets = _listed(ctx, after[0])  # 由D援建的P1、P2等N个项目
        elif re.match(r"^[^，,。；;的]{0,4}的", ctx.text(absolute(ctx, m.end()), b_end := clause_of(ctx, absolute(ctx, m.end()))[1])):
            # 由D投资的X一期: what it built is named after it, though not as a project we know;
            # 由A和B共同出资组建的C公司: the firm they set up is what they put capital into
            set_up = re.match(r"^(?:组建|成立|设立|注册成立|合资成立)的", ctx.text(absolute(ctx, m.end()), b_end))
            firm = [x for x in ms if set_up and x.start == absolute(ctx, m.end()) + set_up.end()
                    and x.entity.cls == "Enterprise"]
            for f in firm:
                for d in donors:
                    if d.cls in ORG and d is not f.entity:
                        add(d, "investedIn", f.entity, ctx.sent, "pattern:set-up-by")
            targets = []
        else:
            targets = [before[-1].entity] if before else [topic] if topic is not None else []
        for target in targets:
            if place_ms and place_ms[-1].end == absolute(ctx, m.start("verb")) and donor.cls in ORG:
                add(target, "locatedIn", place_ms[-1].entity, ctx.sent, "pattern:funded-in-place")
            if donor.cls == "Enterprise" and m.group("verb") == "承建":
                add(target, "organizedBy", donor, ctx.sent, "pattern:built-by")  # the contractor, not an investor
            elif donor.cls == "Enterprise" and m.group("verb") not in DONATION:
                add(donor, "investedIn", target, ctx.sent, "pattern:funded-by")  # a firm's money is investment
            else:
                _funded(ctx, add, target, donor, "pattern:funded-by")
    # (在R，)D援X资金N元投向/用于P: the money of D goes to P (in R)
    for m in re.finditer(r"(?:援[疆藏青]|(?:东西部)?(?:扶贫)?协作|帮扶|对口支援)资金[\d,.，]+\s*[万亿]?元(?:人民币)?(?:投向|用于|投入|支持)",
                         _blanked(ctx)):
        pos, end = absolute(ctx, m.start()), absolute(ctx, m.end())
        donor = [x for x in ms if x.end == pos and x.entity.cls in REGION]
        target = [x for x in projects if end <= x.start <= end + 1]
        if not donor or not target:
            continue
        _funded(ctx, add, target[0].entity, donor[0].entity, "pattern:money-to-project")
        lead = re.match(r"^在(囗+)[，,]", _blanked(ctx))
        at = [x for x in ms if lead and span_start(x) == ctx.start + 1 and x.end == ctx.start + lead.end(1)
              and x.entity.cls in REGION - {"Province"}]
        if at:
            add(target[0].entity, "locatedIn", at[0].entity, ctx.sent, "pattern:money-in-place")
    # D投入/安排/使用(援X)资金N元(用于|建设|援建…的)P; D出资N元援建的P; 该项目使用D援X资金
    for m in find(ctx, r"(?P<verb>投入|安排|使用|拨付|出资|投资|捐资|捐赠|捐款|筹措)(?P<what>[^，,。；;]{0,10}?)"
                        r"\d+(?:\.\d+)?\s*[万亿]?元"):
        pos, end = absolute(ctx, m.start()), absolute(ctx, m.end())
        if in_name(ctx, pos, absolute(ctx, m.end("verb"))):
            continue
        donors = left_group(ctx, pos, kinds=REGION | ORG)
        place = None
        at = [x for x in ms if x.entity in donors and x.end <= pos]
        if at and ctx.text(span_start(at[0]) - 1, span_start(at[0])) in ("在", "于"):
            # D(援X资金)在R安排N元…: R is where the money goes; the donor is the sentence's subject
            place = at[-1].entity
            donors = [x.entity for x in ms if x.end < span_start(at[0]) and x.entity.cls in REGION | ORG
                      and ctx.text(span_start(x) - 1, span_start(x)) not in ("在", "于")][:1]
        inside = [x.entity for x in ms if pos <= x.start and x.end <= end and x.entity.cls in REGION | ORG]
        if not donors and inside:
            donors = inside[:1]  # 使用江苏省援疆资金
        if not donors:
            continue
        _, b = clause_of(ctx, pos)
        later = [x for x in projects if x.start >= end and x.end <= b
                 and ctx.text(x.start - 1, x.start) not in ("为", "给", "向")]  # 为X建设的P: X benefits
        if not later and b + 1 < ctx.end:
            # D拨付资金N元，用于P / ，为R…实施P / ，支持建设P: the next clause says what the money is for
            _, b2 = clause_of(ctx, b + 1)
            purpose = re.match(r"^[，,](?:用于|支持|为|实施|建设|新建|援建|改造|在[^，,。；;\d]{2,12}?(?:建设|新建|实施|援建|改造))",
                               ctx.text(b, b2))
            later = [x for x in projects if b < x.start and x.end <= b2] if purpose else []
            beneficiary = [x for x in ms if x.start == b + 2 and ctx.text(b + 1, b + 2) == "为"
                           and x.entity.cls in REGION - {"Province"}]
            if later and beneficiary:
                add(later[0].entity, "locatedIn", beneficiary[0].entity, ctx.sent, "pattern:money-for")
        built = [x for x in later if ctx.text(x.start - 1, x.start) == "的"]
        target = (built or later)[0].entity if later else None
        if target is None:
            earlier = [x for x in projects if x.end <= pos]
            target = earlier[-1].entity if earlier else (topic if re.match(r"^(?:该|本)?(?:项目|工程)", ctx.text(ctx.start, pos).lstrip("，, ")) else None)
        if target is None:
            continue
        if place is not None and place.cls in REGION and later and later[0].end <= b:
            add(target, "locatedIn", place, ctx.sent, "pattern:money-in-place")
        # 实施了A和B两个项目: the money is for every project the count sums up
        targets = [target] + [x.entity for x in later[1:] if later[0].source == x.source == "grammar:counted-list"]
        for d in donors:
            for target in targets:
                if m.group("verb") in DONATION:
                    _funded(ctx, add, target, d, "pattern:donation")  # a gift is funding, not capital
                elif d.cls == "Enterprise":
                    add(d, "investedIn", target, ctx.sent, "pattern:money-for")
                elif d.cls in REGION | {"GovernmentBody"}:
                    _funded(ctx, add, target, d, "pattern:money-for")
    # D(援X)资金(支持|全额投入N元)建设的P: the donor's aid fund built it
    for m in find(ctx, r"(?:对口)?(?:援[疆藏青]|帮扶|协作|援助|支援)资金(?:重点|全额|全部)?(?:支持|援助)?"
                       r"(?:投入|出资|安排|下达|拨付)?(?:\d+(?:\.\d+)?[万亿]?元)?(?:建设|援建|投建|兴建|实施|建成|新建|改造)的"):
        pos, end = absolute(ctx, m.start()), absolute(ctx, m.end())
        donors = [x.entity for x in ms if x.end == pos and x.entity.cls in REGION | {"GovernmentBody"}]
        first = [x for x in projects if 0 <= x.start - end <= 2]
        for d in donors[:1]:
            for p in (_listed(ctx, first[0]) if first else []):
                _funded(ctx, add, p, d, "pattern:aid-fund-built")
    # 在D(援X资金)(的)(大力)支持/帮扶下，S…: with D's money the clause's project; with D's help the
    # clause's place
    for m in find(ctx, r"在(?P<who>[^，,。；;]{2,24}?)(?:的)?(?:大力|倾情|鼎力|全力|精准|无私)?"
                       r"(?:帮扶|支持|支援|援助|帮助|扶持|资助)下[，,]?"):
        w0, w1, end = absolute(ctx, m.start("who")), absolute(ctx, m.end("who")), absolute(ctx, m.end())
        donors = [x.entity for x in ms if w0 <= span_start(x) and x.end <= w1 and x.entity.cls in REGION | ORG]
        if not donors:
            continue
        _, b = clause_of(ctx, end)
        if "资金" in m.group("who"):
            built = [x for x in projects if end <= x.start < b]
            if built:
                _funded(ctx, add, built[0].entity, donors[0], "pattern:with-support")
        elif donors[0].cls in REGION:
            subj = [x for x in ctx.ms if end <= x.start < b and x.entity.cls in ACTOR][:1]
            if subj and subj[0].entity.cls in REGION and subj[0].entity is not donors[0]:
                # 在D的对口支援下，兵团第六师五家渠市…: each unit of the chain is paired (chain_members)
                for r in chain_members(subj[0]) if span_start(subj[0]) == end else [subj[0].entity]:
                    if r is not donors[0] and r.cls in REGION:
                        add(donors[0], "pairedWith", r, ctx.sent, "pattern:with-support")
    # D安排援X资金N元，(重点)支持R…，(其中|计划实施)…P: a donor's yearly aid budget, the places it
    # goes to and the projects it pays for, clause by clause
    budget = re.search(r"(?:^|[，,；;])(?:此外|同时|另外)?[，,]?(?P<d>[^，,。；;]{2,16}?)(?:今年|全年|年内)?(?:计划|累计|共)?(?:安排|投入|下达|拨付)"
                      r"(?:对口支援|援[疆藏青]|帮扶|协作|财政援助|援助)资金[\d.]+[万亿]?元[，,]", ctx.text(ctx.start, ctx.end))
    if budget:
        d0, d1 = ctx.start + budget.start("d"), ctx.start + budget.end("d")
        donor = [x.entity for x in ms if d0 <= span_start(x) and x.end <= d1 and x.entity.cls in REGION]
        pos = ctx.start + budget.end()
        while donor and pos < ctx.end:
            _, b = clause_of(ctx, pos)
            head = ctx.text(pos, b)
            support = re.match(r"^(?:重点|主要|全部)?(?:支持|用于|投向)", head)
            if support:
                for r in right_group(ctx, pos + support.end(), kinds=REGION, max_gap=1, expand=True):
                    if r is not donor[0] and r.cls in ("Prefecture", "County", "XPCCUnit") and donor[0].cls != "Township":
                        add(donor[0], "pairedWith", r, ctx.sent, "pattern:aid-budget")
            if re.match(r"^(?:其中|计划实施|实施|重点实施|重点建设|重点推进)", head):
                for x in projects:
                    if pos <= x.start and x.end <= b:
                        _funded(ctx, add, x.entity, donor[0], "pattern:aid-budget")
            pos = b + 1
    # 其中D(援助|援X|帮扶|协作)资金N元: the donor's share of the project just named
    for m in find(ctx, r"其中(?P<who>[^，,。；;]{2,12}?)(?:财政)?(?:援助|援[疆藏青]|帮扶|协作|对口支援|援建)资金"
                       r"(?:安排|投入)?\d+(?:\.\d+)?[万亿]?元"):
        pos = absolute(ctx, m.start())
        donors = [x.entity for x in ms if absolute(ctx, m.start("who")) <= span_start(x)
                  and x.end <= absolute(ctx, m.end("who")) and x.entity.cls in REGION | {"GovernmentBody"}]
        earlier = [x for x in projects if x.end <= pos]
        target = earlier[-1].entity if earlier else None
        if donors and target is not None:
            _funded(ctx, add, target, donors[0], "pattern:share-of")
    # 资金来源：D(援X)资金 — a notice's line naming where the money came from
    for m in find(ctx, r"资金来源[：:]"):
        donors = right_group(ctx, absolute(ctx, m.end()), kinds=REGION | ORG, max_gap=1)
        target = projects[0].entity if projects else topic
        for d in donors:
            if target is not None:
                add(target, "fundedBy", d, ctx.sent, "pattern:funding-source")
    # D援建了P1、P2和P3(等项目): each listed project is funded by the donor
    for m in find(ctx, r"援建了?|援助建设了?|出资建设了?", outside_names=True):
        pos, after = absolute(ctx, m.start()), absolute(ctx, m.end())
        if ctx.text(after, after + 1) == "的":
            continue  # D援建的P is handled below
        donors = [d for d in left_group(ctx, pos, kinds=REGION | ORG) if d.cls in REGION | {"GovernmentBody"}]
        listed = right_group(ctx, after, kinds={"Project"}, max_gap=1)
        for d in donors:
            for p in listed:
                _funded(ctx, add, p, d, "pattern:funded-list")
    # D援建的P
    for m in find(ctx, r"援建的", outside_names=True):
        pos = absolute(ctx, m.start())
        d = left_group(ctx, pos, kinds=REGION | ORG)
        p = [x for x in projects if x.start >= absolute(ctx, m.end())][:1]
        for x in d:
            for y in (_listed(ctx, p[0]) if p else []):
                _funded(ctx, add, y, x, "pattern:funded-by")
    # (全额)投资X元建成…的P, with the sentence's or the previous sentence's donor as subject
    for m in find(ctx, r"^(?:全额|全部)?(?:投资|出资|投入)"):
        subj = prev_subject if prev_subject is not None and prev_subject.cls in REGION else None
        p = [x for x in projects][:1]
        if subj and p and "的" in ctx.text(ctx.start, p[0].start):
            add(p[0].entity, "fundedBy", subj, ctx.sent, "pattern:funded-by-subject")
    # (P。总投资N元，…，)全部使用D援X资金建设: the project of the sentence, or the one just named
    for m in find(ctx, r"(?:全部|全额|主要)?(?:使用|利用)(?P<who>[^，,。；;]{1,12}?)"
                       r"(?:援[疆藏青]|(?:东西部)?协作|帮扶|对口支援)资金(?:建设|实施|援建|建成)"):
        w0, w1 = absolute(ctx, m.start("who")), absolute(ctx, m.end("who"))
        donors = [x.entity for x in ms if w0 <= span_start(x) and x.end <= w1 and x.entity.cls in REGION]
        earlier = [x for x in projects if x.end <= absolute(ctx, m.start())]
        target = earlier[-1].entity if earlier else topic if not projects and re.match(
            r"^(?:该项目|项目|其中)?(?:总投资|计划总投资|建筑面积|占地)", ctx.text(ctx.start, ctx.end).lstrip("，, ")) else None
        if len(donors) == 1 and target is not None:
            _funded(ctx, add, target, donors[0], "pattern:built-with-aid-fund")
    # P建成后交由E(负责)运营/管理: the firm that runs the project
    for m in find(ctx, r"(?:交由|交给|委托)(?P<who>[^，,。；;]{2,40}?)(?:负责|统一)?(?:运营|经营|管理|运行)"):
        w0, w1 = absolute(ctx, m.start("who")), absolute(ctx, m.end("who"))
        runners = [x.entity for x in ms if w0 <= x.start and x.end <= w1 and x.entity.cls in ORG]
        earlier = [x for x in projects if x.end <= absolute(ctx, m.start())]
        if len(runners) == 1 and earlier:
            add(earlier[-1].entity, "organizedBy", runners[0], ctx.sent, "pattern:run-by")
    # organisers: 作为主办方，A与B… / 由A主办 / A主办的P / 由A实施
    for m in find(ctx, r"(?:主办|承办|协办|实施|组织|牵头)(?:方|单位)[：:]?"):
        end = absolute(ctx, m.end())
        if m.group()[-1] in "：:":
            orgs = right_group(ctx, end, kinds=ORG, max_gap=1)  # 主办单位：A、B
        else:
            _, b = clause_of(ctx, end + 1)  # 作为主办方，A与B…
            orgs = right_group(ctx, b + 1, kinds=ORG, max_gap=2) if b + 1 < ctx.end else []
        target = projects[0].entity if projects else topic
        for o in orgs:
            if target is not None:
                add(target, "organizedBy", o, ctx.sent, "pattern:organiser")
    for m in find(ctx, r"(?:主办|承办|协办|实施|举办|组织)"):
        pos = absolute(ctx, m.start())
        left = left_group(ctx, pos, kinds=ORG)
        if not left:
            pre = ctx.text(max(ctx.start, pos - 16), pos)
            if "由" not in pre and re.search(r"(?:联合|共同)$", pre):
                pre = ctx.text(max(ctx.start, pos - 40), pos)  # 由A和B联合主办: two long names
                pre = pre[pre.rfind("由"):] if "由" in pre and not CLAUSE_END.search(pre[pre.rfind("由"):]) else ""
            if "由" in pre:
                k = pos - len(pre) + pre.rfind("由") + 1
                left = [x.entity for x in ms if x.start >= k and x.end <= pos and x.entity.cls in ORG]
        if not left:
            continue
        after_p = [x for x in projects if x.start >= absolute(ctx, m.end())]
        before_p = [x for x in projects if x.end <= pos]
        target = None
        between = ctx.text(absolute(ctx, m.end()), after_p[0].start) if after_p else ""
        if after_p and ("的" in between or re.fullmatch(r"(?:开展|举办|召开|实施|主办)?了?", between)) \
                and not CLAUSE_END.search(between):
            target = after_p[0].entity  # A主办、B承办的P; A与B联合举办P
        elif before_p:
            target = before_p[-1].entity
        elif re.match(r"^(?:本次|此次|该|这次)?(?:仪式|活动|会议|论坛|培训班|推介会|对接会|交流会|大会|展览|项目|"
                      r"招聘会|签约会|洽谈会|博览会|招商会|发布会)",
                      ctx.text(ctx.start, ctx.end).lstrip("，, ")):
            target = topic  # 仪式由A主办: the event the article is about
        if target is None:
            continue
        for o in left:
            add(target, "organizedBy", o, ctx.sent, "pattern:organiser")


def project_groups(ctx: Ctx, add, last_group):
    """N个(D)援X项目 … 分别是P1、P2…: each listed project is funded by D and located in the
    clause's place."""
    doc = ctx.doc
    donor, recipient = last_group
    text = doc.norm[ctx.start:ctx.end]
    g = re.search(r"\d+个", text)
    head = re.search(r"援[疆藏青]项目|援建项目|帮扶项目|协作项目", text)
    if g and head:
        ms = ctx.ms
        pos = ctx.start + head.start()
        d = [x for x in ms if x.end == pos and x.entity.cls in REGION]
        if d:
            donor = d[0].entity
        places = [x for x in ms if x.start < pos and x.entity.cls in REGION and (not d or x is not d[0])]
        if places:
            recipient = places[-1].entity
        k = re.search(r"分别是|分别为|包括|即", text)
        if k:
            listed = [x for x in ms if x.start >= ctx.start + k.end() and x.entity.cls == "Project"]
            for x in listed:
                if donor is not None:
                    add(x.entity, "fundedBy", donor, ctx.sent, "pattern:project-list")
                if recipient is not None:
                    add(x.entity, "locatedIn", recipient, ctx.sent, "pattern:project-list")
    return donor, recipient
