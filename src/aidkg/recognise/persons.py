"""Persons: the tagger's PER words, joined where it split a name (伯奇|费尔, 阿不都热合曼·买买提)."""
from __future__ import annotations

import re

from .. import gazetteer as gz
from ..document import Mention
from .common import DIGITS, HAN
from .scope import Scope


def persons(s: Scope) -> None:
    text, base = s.text, s.base
    spans: list[tuple[int, int]] = []
    for t in s.tokens:
        if t.tag != "PER":
            continue
        if spans and spans[-1][1] == t.start:
            spans[-1] = (spans[-1][0], t.end)  # the tagger splits rare names in two (伯奇|费尔)
        elif spans and spans[-1][1] + 1 == t.start and text[spans[-1][1] - base] in "·•・" \
                and spans[-1][1] - spans[-1][0] >= 2:
            spans[-1] = (spans[-1][0], t.end)  # 阿不都热合曼|·|买买提: a given name and a father's name
        else:
            spans.append((t.start, t.end))
    for i, (a, b) in enumerate(spans):
        tail = re.match(rf"[·•・]([{HAN}]{{2,5}}?)(?=说|表示|介绍|指出|坦言|告诉|称|认为|是|在|和|与|等|[，,。；;：:、（(\s]|$)",
                        text[b - base:])
        if tail and b - a >= 2 and "·" not in text[a - base:b - base]:
            b = b + tail.end()  # 阿不都热合曼·买买提|说: the tagger lost the father's name to the verb
            spans[i] = (a, b)
        name = text[a - base:b - base]
        if DIGITS.search(name) or not (2 <= len(name) <= 8 or ("·" in name and len(name) <= 16)):
            continue
        if len(name) == 2 and name[1] in "企省市县区州团师":
            continue  # 鲁企, 晋企: a province's enterprises, not a person
        if len(name) == 2 and all(gz.get_gazetteer().province_abbreviation(c) for c in name):
            continue  # 鲁甘, 沪滇: two provinces by their one-character names
        if in_slogan(text, a - base, b - base):
            continue  # “周调度、月通报”: a word of a quoted slogan, not a person
        s.found.append(Mention(a, b, "Person", "lac"))


def in_slogan(text: str, s: int, e: int) -> bool:
    """Whether [s, e) lies inside a quotation that holds more than a name: a list or a phrase."""
    q0 = max(text.rfind("“", 0, s), text.rfind("「", 0, s))
    if q0 < 0 or re.search(r"[”」]", text[q0:s]):
        return False
    q1 = re.search(r"[”」]", text[e:])
    if q1 is None:
        return False
    quoted = text[q0 + 1:e + q1.start()]
    # a slogan is short and is no one's words (他说：“…”)
    return bool(re.search(r"[、，,]", quoted)) and len(quoted) <= 12 and not re.search(r"[：:]\s*$", text[:q0])
