"""dispatchedBy: cadres and the place or body that sent them."""

from __future__ import annotations

import re

from .. import gazetteer as gz
from ..lexicon import aid_marker, cadre_role, rules
from .context import (
    REGION,
    ORG,
    Ctx,
    mentions_in,
    clause_of,
    left_group,
    find,
    absolute,
)


_MARK = re.compile("^的?(?:" + aid_marker().pattern + "|选派|派出|派驻|挂职)")


def dispatches(ctx: Ctx, add) -> None:
    markers = tuple(rules()["cadre_markers"]) + tuple(rules()["cadre_titles"])
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        a, _ = clause_of(ctx, c.start)
        before = [x for x in ctx.ms if a <= x.start and x.end <= c.start and x.entity.cls in REGION | ORG]
        if not before:
            continue
        # X援疆干部…NAME: the place or body right before a cadre marker sent the cadre
        # destinations (到R, 赴R, 派驻R挂职干部) send no one
        before = [x for x in before if ctx.text(x.start - 1, x.start) not in ("到", "赴", "在", "往", "驻")]
        if not before:
            continue
        marked = [x for x in before if _MARK.match(ctx.text(x.end, x.end + 8))
                  or any(ctx.text(x.end, x.end + len(k) + 1).lstrip("的").startswith(k) for k in markers)
                  or ctx.text(x.start - 2, x.start) == "来自"]
        src = marked[-1] if marked else before[-1]
        gap = ctx.text(src.end, c.start)
        if (len(gap) > 8 and not marked) or not (any(k in gap for k in markers + ("干部", "人才"))
                                                 or cadre_role().search(gap)):
            # 浙江省援X指挥部指挥长NAME: the body is named right before the title
            if not (src.entity.cls in ("GovernmentBody", "Organization")
                    and any(gap.startswith(t) for t in rules()["cadre_titles"])):
                continue
        target = src.entity
        if target.cls in ("GovernmentBody", "Organization"):
            lead = [x for x in mentions_in(ctx.doc, ctx.sent) if x.start == src.start and x.entity.cls in REGION
                    and (x.entity.cls == "Province" or re.match(r"派驻|常驻|驻", ctx.text(x.end, x.end + 2)))]
            # R驻Y工作组, R“组团式”援X医疗队: the place named right before the body sent it
            sender = [x for x in ctx.ms if x.entity.cls in REGION and x.end <= src.start
                      and re.fullmatch(r"驻|[“「\"][^”」\"]{1,8}[”」\"]", ctx.text(x.end, src.start))]
            if lead:
                target = lead[0].entity
            elif sender:
                target = sender[-1].entity
            else:
                target = _province_named_first(ctx.doc, target) or target
        add(c.entity, "dispatchedBy", target, ctx.sent, "pattern:dispatch")
    for c in ctx.ms:
        if c.entity.cls != "Cadre":
            continue
        progs = [p for p in mentions_in(ctx.doc, ctx.sent) if p.entity.cls == "Programme" and p.end <= c.start
                 and c.start - p.end <= 24]
        if progs:
            lead = [x for x in mentions_in(ctx.doc, ctx.sent) if x.start == progs[-1].start and x.entity.cls in REGION]
            if lead:
                add(c.entity, "dispatchedBy", lead[0].entity, ctx.sent, "pattern:dispatch-programme")
    for c in ctx.ms:
        if c.entity.cls not in ("Cadre", "Person"):
            continue
        nxt = [p for p in ctx.ms if p.entity.cls == "Programme" and p.start > c.end
               and re.fullmatch(r"(?:是|为|系|作为|，|,|（|\()", ctx.text(c.end, p.start))]
        if nxt:
            c.entity.cls = "Cadre"
            lead = [x for x in mentions_in(ctx.doc, ctx.sent) if x.start == nxt[0].start and x.entity.cls in REGION]
            if lead:
                add(c.entity, "dispatchedBy", lead[0].entity, ctx.sent, "pattern:dispatch-programme")
    for m in find(ctx, r"选派|派出|派遣"):
        pos, after = absolute(ctx, m.start()), absolute(ctx, m.end())
        senders = left_group(ctx, pos)
        _, b = clause_of(ctx, pos)
        cadres = [x for x in ctx.ms if after <= x.start < b and x.entity.cls in ("Cadre", "Person")]
        if not cadres and ctx.text(after, after + 1) in ("他", "她"):
            # R选派他来到…: the person the article has just spoken of
            earlier = [x for x in ctx.doc.mentions if x.end <= pos and x.entity is not None
                       and x.entity.cls in ("Cadre", "Person") and x.sentence >= ctx.sent - 3]
            cadres = ([x for x in earlier if x.entity.cls == "Cadre"] or earlier)[-1:]  # a cadre before a passer-by
        for s in senders:
            for c in cadres:
                c.entity.cls = "Cadre"
                add(c.entity, "dispatchedBy", s, ctx.sent, "pattern:dispatch")


def _province_named_first(doc, body):
    """重庆援藏医疗队: the province a team or command is named after, when the article names it too."""
    hit = next((h for h in gz.get_gazetteer().find_all(body.label) if h.start == 0 and h.xpcc is None), None)
    if hit is None or len(hit.candidates) != 1 or hit.candidates[0].cls != "Province":
        return None
    return doc.entities.get(hit.candidates[0].key)
