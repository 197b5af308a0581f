"""Chinese numerals → int, for unit names such as 第十二师, 一二九团, 四十一团, 一〇四团.

Two writing styles occur in names: positional (四十一, 一百零四) and digit-by-digit (一二九, 一零四).
A numeral with a unit character (十/百/千) is positional; one without is read digit by digit,
which is how regiment numbers above ninety-nine are usually written.
"""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
# characters a numeral may be made of; usable inside regular expressions
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_ARABIC = re.compile(r"[0-9]+")


def to_int(numeral: str) -> int:
    """Value of a Chinese or Arabic (incl. full-width) numeral; ValueError if it is not one."""
    s = numeral.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty numeral")
    if _ARABIC.fullmatch(s):
        return int(s)
    if any(c not in DIGITS and c not in UNITS for c in s):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if not any(c in UNITS for c in s):
        return int("".join(str(DIGITS[c]) for c in s))
    return _positional(s, numeral)


def _positional(s: str, original: str) -> int:
    total, digit, last_unit = 0, None, 10_000
    for c in s:
        if c in DIGITS:
            if digit:  # 一百零四: a zero may precede the digit
                raise ValueError(f"two digits in a row in {original!r}")
            digit = DIGITS[c]
        else:
            unit = UNITS[c]
            if unit >= last_unit:
                raise ValueError(f"units out of order in {original!r}")
            # 十二 means 12: a leading unit without a digit counts once
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def to_chinese(n: int) -> str:
    """The form unit names use: positional below 100 (四十一), digit by digit from 100 (一〇四)."""
    if n < 0:
        raise ValueError("negative numeral")
    names = "〇一二三四五六七八九"
    if n >= 100:
        return "".join(names[int(d)] for d in str(n))
    tens, ones = divmod(n, 10)
    if not tens:
        return names[ones]
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
