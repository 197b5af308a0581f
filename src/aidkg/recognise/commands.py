"""Aid commands and teams: [donor]援X[前方]指挥部 / 前指 [+ <place>分指], 援X工作组, 援X医疗队,
对口支援X工作领导小组办公室 — bodies a donor stations in the place it aids."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention
from ..lexicon import word_set
from ..regex_cues import may_match
from .common import HAN, REGIONISH
from .scope import Scope

# aid commands have a stable grammar: [donor]援X[前方]指挥部|前指 [+ <place>分指], also 工作组/工作队
AID_COMMAND = re.compile(
    rf"(?P<donor>[{HAN}]{{2,8}}?(?:省|市|自治区|县|区|州)|(?:(?!援)[{HAN}]){{2,3}}(?=前指|援[{HAN}])|[省市])?"
    rf"(?P<batch>第[一二三四五六七八九十\d]{{1,3}}批)?"
    rf"(?P<aid>(?:对口)?援[{HAN}](?=[{HAN}]{{0,4}}?(?:前方|工作|指挥|前指|联络|办|医疗|专家|支教|教师|干部))|对口(?:支援|帮扶|援助|协作)(?:协作)?(?:(?!的)[{HAN}]){{2,10}}?|东西部协作)?"
    rf"(?P<cadres>(?<=援[{HAN}])干部(?:人才)?(?=[{HAN}]{{0,4}}?(?:工作组|联络组|联络小组)))?"
    rf"(?(aid)(?P<place>(?:(?!前指|前方)[{HAN}]){{2,4}}?(?=工作组|工作队|联络组|联络小组))?|)"
    rf"(?P<head>前方工作指挥部|工作前方指挥部|前方指挥部|前线指挥部|前方工作组|前指|指挥部|工作组|工作队|工作领导小组办公室|工作领导小组|干部联络组|干部管理组|联络小组|联络组|办公室|办|"
    rf"工作专班|专班|服务中心|"
    rf"医疗队|医疗专家团队|专家团队|专家团|支教团队|教师团队)"
    rf"(?P<branch>(?![和与及])[{HAN}]{{2,6}}?(?:分指挥部|分指|工作组|联络组|小组))?"
    rf"(?P<tail>临时党委|党委)?"
)


def aid_commands(s: Scope) -> None:
    generic_bodies, aid_teams = word_set("generic_bodies"), word_set("aid_teams")
    # (most sentences hold none of the heads the grammar ends with: not scanned)
    for m in AID_COMMAND.finditer(s.text) if may_match(AID_COMMAND, s.text) else ():
        aid = m.group("aid") or ""
        if not aid and not (m.group("donor") and m.group("head") == "前指"):
            continue  # a bare 指挥部/工作组 is no aid command; X前指 is
        if m.group("batch") and not (m.group("place") and m.group("cadres")):
            # 第N批援X工作队 is the batch of cadres (programmes); 第N批援X干部Y联络小组, posted in Y, a body
            # (a team named without 干部, D第N批援X Y联络小组, is left to the pairing rule batch-names)
            continue
        if m.group("head") in ("办", "办公室") and not aid.startswith("援"):
            continue  # 援疆办: an aid office; other 办 are not aid commands
        if aid.startswith("对口") and not m.group("donor"):
            # 深圳对口支援新疆喀什前线指挥部: a donor named by its short form (no 市 to end it)
            k = next((k for k in (4, 3, 2) if m.start() >= k and _names_a_place(s.text[m.start() - k:m.start()])), None)
            if k is None:
                continue
            s.found.append(Mention(s.base + m.start() - k, s.base + (m.end("branch") if m.group("branch") else m.end("head")),
                                   "GovernmentBody", "grammar:aid-command"))
            continue
        end = m.end("branch") if m.group("branch") else m.end("head")
        start = m.start("donor") if m.group("donor") else m.start("aid")
        # a donor that is not a place name ("推动援疆…") is left out
        donor = m.group("donor")
        if donor and len(donor) > 1 and not _names_a_place(donor):
            # the regex may have started early (由江苏省…): the donor is the region at its end
            k = next((k for k in range(1, len(donor) - 1) if _names_a_place(donor[k:])), None)
            if k is not None:
                start = m.start("donor") + k
            elif not aid:
                continue
            else:
                start = m.start("aid")
        if (not m.group("donor") or start == m.start("aid")) and not m.group("branch") \
                and m.group("head") in generic_bodies and not (m.group("aid") or "").startswith("对口"):
            continue  # a bare 援疆工作组 / 东西部协作工作领导小组: which place's body, the text does not say
        team = m.group("head") in aid_teams  # 援藏医疗队: a team, not a government body
        s.found.append(Mention(s.base + start, s.base + end, "Organization" if team else "GovernmentBody",
                               "grammar:aid-command"))
        # the place a team or branch is posted in, named inside (D东西部协作R工作队, D前指R分指): a place
        # even by its short form (the grammar says so), so that the pairing rules see it
        for g in ("place", "branch"):
            if m.group(g):
                _posted_place(s, m.start(g), m.end(g))
        if m.group("branch"):
            # the commanding body itself, so that 分指 → 前指 can be stated
            s.found.append(Mention(s.base + start, s.base + m.end("head"), "GovernmentBody", "grammar:aid-command"))


def _posted_place(s: Scope, start: int, end: int) -> None:
    """The division named at the start of a team's or branch's place slot (铜仁|工作队, 喀什|分指挥部)."""
    gaz = gz.get_gazetteer()
    hits = [h for h in gaz.find_all(s.text[start:end]) if h.start == 0 and h.xpcc is None
            and re.fullmatch(r"(?:分指挥部|分指|工作组|工作队|联络组|小组)?", s.text[start + h.end:end])]
    if not hits or any(x.start == s.base + start and x.cls in REGIONISH for x in s.found):
        return
    hit = max(hits, key=lambda h: h.end)
    # (喀什 of a province's branch: the prefecture, the level a team is posted to, over its city)
    top = sorted(hit.candidates, key=lambda d: gz.LEVEL_RANK.get(d.level, 9))
    div = top[0] if len(top) == 1 or gz.LEVEL_RANK.get(top[0].level) != gz.LEVEL_RANK.get(top[1].level) else None
    s.found.append(Mention(s.base + start, s.base + start + hit.end, div.cls if div else hit.candidates[0].cls,
                           "gazetteer", code=div.code if div else None,
                           canonical=div.name if div else hit.text, candidates=(div,) if div else tuple(hit.candidates)))


def _names_a_place(s: str) -> bool:
    gaz = gz.get_gazetteer()
    return any(h.start == 0 and h.end == len(s) for h in gaz.find_all(s)) or s in ("省", "市")
