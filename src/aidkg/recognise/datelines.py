"""Where the article names itself: datelines (新华社乌鲁木齐1月27日电, 本报福州讯, 中新网青海新闻8月6日电),
source and editor lines (来源：X网, 编辑：X) and the reporters named after them ((记者 X 通讯员 Y)).
Places and names there say where a report was filed and who wrote it, not who did what: their
mentions get a `role`, which relation rules read as "no actor here". The entities stay: the
dateline's city is often the donor the article is about."""
from __future__ import annotations

import re

from ..document import Document, Mention
from .common import HAN

# a dateline opens the text or a line: an outlet and a place, a date, 电 or 讯
_DATELINE = re.compile(rf"(?:^|(?<=\n))[ \t　]*(?:【[^】\n]{{0,20}}】)?[ \t　]*"
                       rf"(?P<line>[{HAN}A-Za-z0-9·\-]{{0,24}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯))"
                       rf"(?=[\s（(【记通]|$)")
# the reporters after a dateline: (记者 X 通讯员 Y), or names alone in brackets ((X Y))
_BYLINE = re.compile(r"\s*(?:[（(【][^\n）)】。，,；;]{1,30}[）)】]|(?:(?:记者|通讯员|实习生|特约记者)\s*[^\n）)】。，,；;]{1,20}\s*)+)")
_MEDIA = re.compile(r"(?:援[\u4e00-\u9fff])?(?:新闻网|新闻|网|日报|晚报|电视台|广播电视台|融媒体|在线|频道)")
_SOURCE_LINE = re.compile(r"(?:^|(?<=\n))[ \t　]*(?:来源|作者|编辑|责编|责任编辑|审核|记者|通讯员|摄影|供稿)[：:][^\n]*")


def mark(doc: Document) -> None:
    text = doc.norm
    spans: list[tuple[int, int, str]] = []
    for m in _DATELINE.finditer(text):
        if m.start("line") > 200 and "日" not in m.group("line"):
            continue  # 本报讯 opens an article; a later X讯 is more likely a word of the text
        spans.append((m.start("line"), m.end("line"), "dateline"))
        by = _BYLINE.match(text, m.end("line"))
        if by and by.end() > m.end("line"):
            spans.append((m.end("line"), by.end(), "byline"))
    for m in _SOURCE_LINE.finditer(text):
        spans.append((m.start(), m.end(), "byline" if re.match(r"\s*(?:作者|编辑|责编|责任编辑|审核|记者|通讯员|摄影)", m.group()) else "dateline"))
    kept = []
    for mention in doc.mentions:
        for a, b, role in spans:
            if a <= mention.start and mention.end <= b:
                mention.role = role
                break
        if mention.role == "dateline" and _MEDIA.match(text, mention.end):
            continue  # 中新网青海新闻…电, 来源：东川援疆网: the place names a medium, not a place of the story
        kept.append(mention)
    doc.mentions[:] = kept


# a credit of two outlets joined by a slash or a dash before 记者 (X网-Y日报记者, X云/Y日报记者 N)
_JOINT_CREDIT = re.compile(rf"(?:^|(?<=\n))[ \t　]*(?P<a>[{HAN}]{{2,8}})[/／\-－](?P<b>[{HAN}]{{2,10}})(?=(?:特约)?记者)")


def joint_credits(doc: Document) -> None:
    """天山网-新疆日报记者 N, 石榴云/新疆日报记者 N: a credit line names two outlets, each an institution
    (not one name over the dash, nor a person the tagger saw in an app's name); they are no actors."""
    text = doc.norm
    for m in _JOINT_CREDIT.finditer(text):
        a0, b1 = m.start("a"), m.end("b")
        doc.mentions[:] = [x for x in doc.mentions if x.end <= a0 or x.start >= b1]
        for g in ("a", "b"):
            doc.mentions.append(Mention(m.start(g), m.end(g), "Institution", "grammar:credit", sentence=_sentence_of(doc, m.start(g)), role="byline"))
    doc.mentions.sort(key=lambda x: (x.start, -x.end))


def _sentence_of(doc: Document, pos: int) -> int:
    return next((s.index for s in doc.sentences if s.start <= pos < s.end), -1)
