"""organizedBy: hosts, organisers and operators of events and projects (主办, 承办, 实施, 交由E运营)."""
from __future__ import annotations

import re

from ..engine import CLAUSE_END, ORG, Ctx, clause_of, left_group, opens_with, right_group, rule

FAMILY = "organising"


@rule("run-by", FAMILY, r"(?:交由|交给|委托)(?P<who>[^，,。；;]{2,40}?)(?:负责|统一)?(?:运营|经营|管理|运行)",
      scope="text", examples={
          "阿图什市农产品冷链物流中心建设项目建成后交由阿图什市城投公司负责运营。": [
              ("阿图什市农产品冷链物流中心建设项目", "organizedBy", "阿图什市城投公司")],
      })
def run_by(ctx: Ctx, hit: re.Match):
    """P建成后交由E(负责)运营/管理: the firm that runs the project."""
    w0, w1 = ctx.at(hit.start("who")), ctx.at(hit.end("who"))
    runners = [x.entity for x in ctx.ms if w0 <= x.start and x.end <= w1 and x.entity.cls in ORG]
    earlier = [x for x in ctx.projects if x.end <= ctx.at(hit.start())]
    if len(runners) == 1 and earlier:
        yield earlier[-1].entity, "organizedBy", runners[0]


@rule("organiser-label", FAMILY, r"(?:主办|承办|协办|实施|组织|牵头)(?:方|单位)[：:]?", scope="text", examples={
    "2024年江苏·克州产业合作推介会，主办单位：江苏省援疆前方指挥部。": [
        ("2024年江苏·克州产业合作推介会", "organizedBy", "江苏省援疆前方指挥部")],
})
def organiser_label(ctx: Ctx, hit: re.Match):
    """主办单位：A、B / 作为主办方，A与B…: the organisers of the sentence's project or the topic."""
    end = ctx.at(hit.end())
    if hit.group()[-1] in "：:":
        orgs = right_group(ctx, end, kinds=ORG, max_gap=1)
    else:
        _, b = clause_of(ctx, end + 1)
        orgs = right_group(ctx, b + 1, kinds=ORG, max_gap=2) if b + 1 < ctx.end else []
    target = ctx.projects[0].entity if ctx.projects else ctx.state.topic
    for o in orgs:
        if target is not None:
            yield target, "organizedBy", o


@rule("organiser", FAMILY, r"主办|承办|协办|实施|举办|组织", scope="text", examples={
    "交流会由江苏省援疆前方指挥部主办，阿图什市教育局承办。": [],
    "2024年江苏·克州产业合作推介会由江苏省援疆前方指挥部主办。": [
        ("2024年江苏·克州产业合作推介会", "organizedBy", "江苏省援疆前方指挥部")],
})
def organiser(ctx: Ctx, hit: re.Match):
    """由A主办 / A主办、B承办的P / A与B联合举办P / 仪式由A主办 (the event the article is about)."""
    ms, projects, topic = ctx.ms, ctx.projects, ctx.state.topic
    pos = ctx.at(hit.start())
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
        return
    after_p = [x for x in projects if x.start >= ctx.at(hit.end())]
    before_p = [x for x in projects if x.end <= pos]
    target = None
    between = ctx.text(ctx.at(hit.end()), after_p[0].start) if after_p else ""
    if after_p and ("的" in between or re.fullmatch(r"(?:开展|举办|召开|实施|主办)?了?", between)) \
            and not CLAUSE_END.search(between):
        target = after_p[0].entity  # A主办、B承办的P; A与B联合举办P
    elif before_p:
        target = before_p[-1].entity
    elif opens_with(ctx, "event_heads"):
        target = topic  # 仪式由A主办: the event the article is about
    if target is None:
        return
    for o in left:
        yield target, "organizedBy", o
