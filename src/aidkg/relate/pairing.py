"""pairedWith: 对口支援/结对/帮扶 triggers, A与B…结对/合作, 闽宁-type abbreviation pairs, X对口援疆."""

from __future__ import annotations

import re

from .context import (
    FILLER,
    span_start,
    REGION,
    ORG,
    ACTOR,
    Ctx,
    clause_of,
    left_group,
    right_group,
    find,
    absolute,
    pairs,
    region_by_abbreviation,
)


PAIR_TRIGGERS = r"对口支援|对口援助|对口帮扶|结对帮扶|结对支援|对口援建|帮扶|援建|援助|帮助|支援"


MUTUAL = r"结对|结成|结为|对子|合作共建|共建|合作|签订|签署|携手|协作|对口|帮扶|支援"


def pairings(ctx: Ctx, add, gaz) -> None:
    doc = ctx.doc
    for m in find(ctx, PAIR_TRIGGERS):
        pos = absolute(ctx, m.start())
        after = absolute(ctx, m.end())
        donors = left_group(ctx, pos)
        if not donors:
            # the subject of the clause (B医院派出6名医生组团式帮扶C医院), else of the sentence
            # (东莞市与…签订…, 明确合作共建X)
            a0, _ = clause_of(ctx, pos)
            donors = [x.entity for x in ctx.ms if a0 <= span_start(x) and x.end <= pos][:1] or \
                [x.entity for x in ctx.ms[:1] if x.end <= pos]
            donors = [d for d in donors if d.cls in ACTOR]
        recips = right_group(ctx, after, kinds=REGION | ORG, max_gap=4, expand=True)
        if not recips and ctx.text(after, after + 1) == "的":
            # X是Y对口支援的县: the recipient is the subject
            a0 = clause_of(ctx, pos)[0]
            subj = re.match(r"^(.*?)(?:是|为)", ctx.text(a0, pos))
            if subj:
                recips = [x.entity for x in ctx.ms if a0 <= x.start
                          and x.end <= a0 + len(subj.group(1)) and x.entity.cls in REGION]
                if not recips and not subj.group(1) and a0 > ctx.start:
                    # 位于…的63团，是Y对口支援的团场: the subject closes the clause before
                    prev = [x for x in ctx.ms if x.end <= a0 - 1 and x.entity.cls in REGION]
                    if prev and prev[-1].end == a0 - 1:
                        recips = [prev[-1].entity]
        if m.group() in ("援建", "帮助", "支援", "帮扶", "援助") and not any(r.cls in REGION for r in recips) \
                and not (donors and all(d.cls == "Institution" for d in donors + recips)):
            continue  # a weak verb pairs places, or institutions with institutions (组团式帮扶)
        for d, r in _same_level(ctx, pairs(ctx, donors, recips, pos)):
            if d.cls in REGION | {"GovernmentBody", "Institution", "Enterprise"}:
                add(d, "pairedWith", r, ctx.sent, "pattern:pair-trigger")
    # 作为X的对口支援城市，Y… / Y是X的对口帮扶单位: Y is X's partner
    for m in find(ctx, r"的对口(?:支援|帮扶|援助|协作)(?:城市|省份|省市|单位|地区|县市|县|市|方|医院|学校)"):
        pos = absolute(ctx, m.start())
        x = next((e for e in ctx.ms if e.end == pos and e.entity.cls in ACTOR), None)
        if x is None:
            continue
        if ctx.text(ctx.start, x.start).endswith("作为"):
            y = next((e for e in ctx.ms if e.start > absolute(ctx, m.end()) and e.entity.cls in ACTOR), None)
        else:
            y = next((e for e in reversed(ctx.ms) if e.end <= x.start and e.entity.cls in ACTOR), None)
        if y is not None:
            add(y.entity, "pairedWith", x.entity, ctx.sent, "pattern:partner-of")
    # D向R拨付/投入/提供…资金: money sent to a place pairs the two
    for m in find(ctx, r"向"):
        after = absolute(ctx, m.end())
        a, b = clause_of(ctx, after)
        if not re.search(r"(?:拨付|投入|援助|提供|捐赠|捐助|下达)[^，,。；;]{0,12}(?:资金|款|元)", ctx.text(after, b)):
            continue
        donors = left_group(ctx, absolute(ctx, m.start()))
        recips = right_group(ctx, after, kinds=REGION, max_gap=1, expand=True)
        for d, r in pairs(ctx, donors, recips, after):
            if d.cls in REGION | {"GovernmentBody"}:
                add(d, "pairedWith", r, ctx.sent, "pattern:money-to")
    # A与B、C与D分别结对: a list of pairs, each 与 joins only its two neighbours
    ands = list(find(ctx, r"与|同"))
    between = [ctx.text(absolute(ctx, a.end()), absolute(ctx, b.start())) for a, b in zip(ands, ands[1:])]
    listed = len(ands) >= 2 and all("、" in t and not re.search(r"[，,；;]", t) for t in between)
    if listed and re.search(MUTUAL, ctx.text(ctx.start, ctx.end)):
        for m in ands:
            pos, after = absolute(ctx, m.start()), absolute(ctx, m.end())
            left = [x for x in ctx.ms if x.end == pos]
            right = [x for x in ctx.ms if span_start(x) == after]
            nxt = ctx.text(right[0].end, right[0].end + 1) if right else ""
            if left and right and nxt in ("、", "，", ",", "分", "结", "签", "建", "携", "合", "共", "等"):
                if left[0].entity.cls in ACTOR and right[0].entity.cls in ACTOR:
                    add(left[0].entity, "pairedWith", right[0].entity, ctx.sent, "pattern:pair-list")
        ands = []
    # A与B … 结对/合作/签订协议
    for m in ands:
        pos = absolute(ctx, m.start())
        a, b = clause_of(ctx, pos)
        tail = _outside_names(ctx, pos, b)  # the 合作 of 专业合作社 is no verb of the sentence
        if not re.search(MUTUAL, tail):
            continue
        if re.search(r"签订|签署", tail) and not re.search(r"对口|支援|援|结对|合作|帮扶|协作",
                                                         _outside_names(ctx, pos, ctx.end)):
            continue
        # two firms that trade, run or build something together (合作运营, 签订采购协议) are business
        # partners; only 结对/帮扶/对口 makes them paired
        firms_only = not re.search(r"结对|结成|结为|帮扶|对口|支援", tail)
        left = left_group(ctx, pos, expand=True)
        right = right_group(ctx, absolute(ctx, m.end()), max_gap=8, expand=True)
        if len(left) != 1 and len(right) != 1 and len(left) != len(right):
            continue
        for x, y in _same_level(ctx, pairs(ctx, left, right, pos)):
            if firms_only and x.cls == "Enterprise" and y.cls == "Enterprise":
                continue
            if x.cls in ACTOR and y.cls in ACTOR:
                add(x, "pairedWith", y, ctx.sent, "pattern:mutual")
    # 闽宁协作, 沪滇合作: two one-character province abbreviations name a pairing of provinces
    for m in find(ctx, r"([\u4e00-\u9fff])([\u4e00-\u9fff])(?:东西部)?(?:扶贫|对口)?(?:协作|合作|两地)"):
        a, b = gaz.province_abbreviation(m.group(1)), gaz.province_abbreviation(m.group(2))
        if a is None or b is None or a == b:
            # 湖广协作: the initials of two places the article names (see recognise._partner_initials)
            pos = absolute(ctx, m.start())
            inits = [x.entity for x in ctx.names if x.source == "gazetteer:abbreviation" and x.start in (pos, pos + 1)]
            if len(inits) == 2 and inits[0] is not inits[1] and all(e.code for e in inits):
                add(inits[0], "pairedWith", inits[1], ctx.sent, "pattern:abbreviation-pair")
            continue
        ea, eb = doc.entities.get(a.key), doc.entities.get(b.key)
        if ea is not None and eb is not None and ea.mentions and eb.mentions:
            add(ea, "pairedWith", eb, ctx.sent, "pattern:abbreviation-pair")
    # X对口援疆 / 在X援疆支持下: X is paired with the region the aid goes to
    for m in find(ctx, r"(?:对口)?援([疆藏青])"):
        pos = absolute(ctx, m.start())
        target = region_by_abbreviation(doc, m.group(1))
        if target is None:
            continue
        left = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION and x.entity.cls != "XPCCUnit"]
        follow = ctx.text(absolute(ctx, m.end()), absolute(ctx, m.end()) + 4)
        if left and (m.group().startswith("对口") or follow.startswith(("支持", "工作", "项目"))):
            add(left[0].entity, "pairedWith", target, ctx.sent, "pattern:aid-to")
    # R … N个D援X项目: the donor D of the projects is paired with the recipient R of the clause
    for m in find(ctx, r"援[疆藏青]项目"):
        pos = absolute(ctx, m.start())
        a, b = clause_of(ctx, pos)
        donor = [x for x in ctx.ms if x.end == pos and x.entity.cls in REGION]
        recips = [x for x in ctx.ms if a <= x.start < pos and x.entity.cls in REGION and donor and x is not donor[0]]
        if donor and recips:
            add(donor[0].entity, "pairedWith", recips[-1].entity, ctx.sent, "pattern:aid-projects")
    # D第N批援X干部人才扎根/进驻/奔赴R1、R2和R3: the programme's donor is paired with those places
    for m in find(ctx, r"扎根|进驻|奔赴|对口支援|支援|服务"):
        pos = absolute(ctx, m.start())
        prog = [x for x in ctx.ms if x.entity.cls == "Programme" and x.end <= pos
                and FILLER.match(ctx.text(x.end, pos))]
        if not prog:
            continue
        donor = programme_donor(doc, prog[-1].entity, gaz)
        recips = right_group(ctx, absolute(ctx, m.end()), kinds=REGION, max_gap=1, expand=True)
        for r in recips:
            if donor is not None and r is not donor:
                add(donor, "pairedWith", r, ctx.sent, "pattern:programme-to")


_RANK = {"Province": 0, "Prefecture": 1, "County": 2, "Township": 3, "Village": 4}


def _same_level(ctx: Ctx, candidates):
    """广州市黄埔区与毕节市纳雍县协作: the outer place of a chain (广州市, 毕节市) speaks for its
    own level only — it is not paired with a place below it on the other side (广州市–纳雍县)."""
    outer = set()
    for m in ctx.ms:
        for c in getattr(m, "chain", [m])[:-1]:
            outer.add(c.entity.key)
    out = []
    for x, y in candidates:
        rx, ry = _RANK.get(x.cls), _RANK.get(y.cls)
        if rx is not None and ry is not None and (
                (x.key in outer and ry > rx) or (y.key in outer and rx > ry)):
            continue
        out.append((x, y))
    return out


def _outside_names(ctx: Ctx, a: int, b: int) -> str:
    """The text of [a, b) with the recognised names in it blanked out."""
    chars = list(ctx.text(a, b))
    for x in ctx.names:
        for i in range(max(a, x.start), min(b, x.end)):
            chars[i - a] = " "
    return "".join(chars)


def programme_donor(doc, programme, gaz):
    """The place a programme is named after (江苏省第十一批援疆干部人才 → 江苏省), when the article names it."""
    hit = next((h for h in gaz.find_all(programme.label) if h.start == 0 and h.xpcc is None), None)
    if hit is None or len(hit.candidates) != 1:
        return None
    return doc.entities.get(hit.candidates[0].key)
