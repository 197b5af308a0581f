"""Programmes: the batches of cadres a donor sends (山东省第三批援疆干部人才, 第十批援藏干部)."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention
from .scope import Scope

PROGRAMME = re.compile(
    r"(?P<donor>我省|我市|我区|[省市])?第(?P<n>[一二三四五六七八九十\d]{1,3})批"
    r"(?P<kind>对口支援|援[^\W\d_]{1,2})?"
    r"(?P<who>干部人才|专业技术人才|干部|人才|医疗队|教师|工作队|专家)"
)


def programmes(s: Scope) -> None:
    text = s.text
    for m in PROGRAMME.finditer(text):
        start = m.start()
        # a region right before 第N批 belongs to the name (山东省第三批援疆干部人才)
        pre = text[max(0, start - 8):start]
        for h in gz.get_gazetteer().find_all(pre):
            if h.end == len(pre) and len(h.text) >= 2:
                start = start - (len(pre) - h.start)
                break
        s.found.append(Mention(s.base + start, s.base + m.end(), "Programme", "grammar:programme"))
