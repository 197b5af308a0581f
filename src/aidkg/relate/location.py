"""locatedIn from 位于/坐落在/落户, 在R建设的P, 在R举行, and X内."""

from __future__ import annotations

import re

from ..document import Entity
from .context import (
    REGION,
    ORG,
    Ctx,
    mentions_in,
    clause_of,
    find,
    in_name,
    absolute,
)


def locations(ctx: Ctx, add, topic: Entity | None = None) -> None:
    ms = ctx.ms
    mentions = mentions_in(ctx.doc, ctx.sent)
    # 在R建设(的)P / 在R举行P: where it is built or held
    for m in find(ctx, r"在"):
        after = absolute(ctx, m.end())
        a, b = clause_of(ctx, after)
        chain = []
        for x in mentions:
            kinds = REGION | {"Institution"} if not chain else REGION | {"Institution", "Project"}
            if x.entity.cls in kinds and ((not chain and x.start == after) or (chain and x.start == chain[-1].end)):
                chain.append(x)  # 在阿图什市体育馆: the venue inside the place
        if not chain:
            continue
        place = chain[-1].entity
        rest = ctx.text(chain[-1].end, b)
        v = re.match(r"^(?:隆重|正式|顺利|成功|集中)?(?:投资|投建|援建|新建|兴建|建设|实施|建成|开工|落地|落户|举行|举办|召开|"
                     r"开幕|启动|开展|竣工|落成|投产|投用|揭牌|奠基)+(?:了)?(的)?", rest)
        if not v:
            continue
        nxt = [x for x in ms if x.start >= chain[-1].end + v.end() and x.end <= b and x.entity.cls == "Project"]
        if nxt and nxt[0].start - (chain[-1].end + v.end()) <= 1:
            add(nxt[0].entity, "locatedIn", place, ctx.sent, "pattern:built-in")
        elif re.fullmatch(r"落地|落户", v.group()) and ctx.text(b, b + 1) in "，,":
            # E在R落地，投资…建设P: what the settled firm builds is in R
            firm = [x for x in ms if a <= x.start < chain[0].start and x.entity.cls == "Enterprise"]
            _, b2 = clause_of(ctx, b + 1)
            built = [x for x in ms if b < x.start and x.end <= b2 and x.entity.cls == "Project"]
            if firm and built and re.search(r"建|投资|投产|实施", ctx.text(b, built[0].start)):
                add(built[0].entity, "locatedIn", place, ctx.sent, "pattern:settled-in")
        elif re.search(r"举行|举办|召开|开幕|启动|开展|开工|竣工|落成|投产|投用|揭牌|奠基", v.group()):
            held = [x for x in ms if a <= x.start < chain[0].start and x.entity.cls == "Project"]
            target = held[-1].entity if held else (topic if re.match(r"^(?:本次|此次|该|这次)?(?:仪式|活动|会议|论坛|培训班|推介会|对接会|项目)", ctx.text(ctx.start, ctx.end).lstrip("，, ")) else None)
            if target is not None:
                add(target, "locatedIn", place, ctx.sent, "pattern:held-in")
    # E与Z(开发区)签约，(计划)投资…建设P: the project is built in the zone it signed with
    for m in find(ctx, r"签约|签订|签署"):
        pos = absolute(ctx, m.start())
        zone = [x for x in ms if x.entity.cls == "DevelopmentZone" and x.end <= pos
                and ctx.text(x.start - 1, x.start) in ("与", "和", "同")
                and re.fullmatch(r"(?:近日|日前|正式|成功)?", ctx.text(x.end, pos))]
        built = [x for x in ms if x.start > pos and x.entity.cls == "Project"]
        if zone and built and re.search(r"建|投资", ctx.text(pos, built[0].start)) and \
                not any(r.subject is built[0].entity and r.predicate == "locatedIn" and r.sentence == ctx.sent
                        for r in ctx.doc.relations):
            add(built[0].entity, "locatedIn", zone[-1].entity, ctx.sent, "pattern:signed-with-zone")
    for m in find(ctx, r"坐落在|坐落于|位于|地处|建在|建于|设在|设于|落户|落地|入驻|选址|地址[：:]|地点[：:]"):
        pos, after = absolute(ctx, m.start()), absolute(ctx, m.end())
        a, b = clause_of(ctx, pos)
        if m.group()[-1] in "：:":
            b = clause_of(ctx, after)[1]  # 地点：X — the place is the label's value
        places = [x for x in mentions_in(ctx.doc, ctx.sent) if after <= x.start < b
                  and x.entity.cls in REGION | {"Institution"}]
        # the innermost of the adjacent places right after the verb (a venue wins over its town)
        chain = []
        for x in places:
            if (not chain and x.start - after <= 1) or (chain and x.start == chain[-1].end):
                chain.append(x)
        venue = [x for x in places if chain and x.start == chain[0].start and x.entity.cls == "Institution"]
        if venue:
            chain = venue
        if not chain:
            continue
        place = chain[-1].entity
        subj = [x for x in ms if a <= x.start and x.end <= pos and x.entity.cls not in REGION | {"Person", "Cadre"}]
        if subj:
            add(subj[-1].entity, "locatedIn", place, ctx.sent, "pattern:located")
            continue
        if topic is not None and (re.match(r"^(?:该|本|此)?(?:项目|工程|活动|仪式|会议|展会|培训班)", ctx.text(a, pos))
                                  or re.fullmatch(r"(?:建设|实施|项目|所在|举办|活动)", ctx.text(a, pos))
                                  and m.group()[-1] in "：:"):
            add(topic, "locatedIn", place, ctx.sent, "pattern:located")  # 项目坐落在R; 建设地点：R
            continue
        if topic is not None and topic.cls == "Project" and not ctx.text(a, pos) and m.group() in ("落户", "落地", "位于") \
                and not any(x.entity.cls == "Project" for x in ms) \
                and re.match(r"^(?:由|总投资|计划投资|项目总投资)", ctx.text(ctx.start, ctx.end).lstrip("，, ")):
            # (heading: P) 由E投资建设，落户R: a sentence without a subject of its own goes on about the topic
            add(topic, "locatedIn", place, ctx.sent, "pattern:located")
            continue
        # 坐落在R…的X
        rest = ctx.text(chain[-1].end, b)
        k = rest.find("的")
        if k >= 0:
            head = [x for x in ms if x.start >= chain[-1].end + k + 1 and x.end <= b
                    and x.entity.cls not in REGION | {"Person", "Cadre"}]
            # 位于R(境内)的S: a regiment, town or village right after 的 lies in R too
            if re.fullmatch(r"(?:境内|辖区内|境|内)?的", rest[:k + 1]):
                head = [x for x in ms if x.start == chain[-1].end + k + 1 and x.entity.cls in
                        ("XPCCUnit", "Township", "Village", "DevelopmentZone") and x.entity is not place] or head
            if head:
                add(head[0].entity, "locatedIn", place, ctx.sent, "pattern:located")
    # R的P: a place's project, school or firm (阿图什市的恒达纺织厂); R新建的P: what it builds
    for m in find(ctx, r"(?:新建|兴建|建设|建成)?的"):
        pos = absolute(ctx, m.start())
        place = [x for x in ms if x.end == pos and x.entity.cls in REGION - {"Province"}]
        thing = [x for x in ms if x.start == absolute(ctx, m.end()) and x.entity.cls in ("Project", "Institution", "Enterprise")]
        if place and thing and not ctx.text(place[0].start - 2, place[0].start).endswith(("为", "给", "向", "到", "赴")):
            add(thing[0].entity, "locatedIn", place[0].entity, ctx.sent, "pattern:genitive")
    # R企业E, R的龙头企业E: a firm introduced as a place's enterprise is in that place
    for m in find(ctx, r"的?(?:龙头|民营|国有|骨干|本地|当地|重点)?企业"):
        pos, after = absolute(ctx, m.start()), absolute(ctx, m.end())
        if in_name(ctx, pos, after):
            continue
        place = [x for x in ms if x.end == pos and x.entity.cls in REGION - {"Province"}
                 and not x.source.startswith("coref")]  # 我市企业: only as sure as the 我市
        firm = [x for x in ms if x.start == after and x.entity.cls == "Enterprise"]
        if place and firm:
            add(firm[0].entity, "locatedIn", place[0].entity, ctx.sent, "pattern:firm-of-place")
    # X内，P / 在X内的P: the project takes place inside an institution or place
    for m in find(ctx, r"内[，,]?"):
        pos = absolute(ctx, m.start())
        host = [x for x in ms if x.end == pos and x.entity.cls in ORG | REGION]
        if not host:
            continue
        for x in ms:
            if x.start >= pos and x.entity.cls == "Project":
                add(x.entity, "locatedIn", host[0].entity, ctx.sent, "pattern:inside")
                break
