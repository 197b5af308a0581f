"""Money and dates through jionlp (which works on Simplified text: callers pass `doc.norm`)."""
from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_NUM = r"[\d０-９.一二三四五六七八九十两百千万亿零〇]"
# an amount of money: digits or Chinese numerals with 万/亿 and 元 (约300亿元, 3000余万元, 两亿元)
# (digits grouped by thousands, 3,000万元, are one figure; 万人民币 says 元 as well)
MONEY = re.compile(rf"(?<![\d.])(?<!\d,)(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_NUM}*[\d一二三四五六七八九十两]{_NUM}*)"
                   r"(?:余|多)?(?:[万亿]*元(?:人民币)?|[万亿]+人民币)")
DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}")


@lru_cache(maxsize=1)
def _jio():
    # jionlp prints a banner on import and unpacks its dictionaries on first use
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


# (parse_money and parse_date are kept per text: jionlp sets up its parsers anew on each call, and
# the same figures and dates recur in an article and across articles; the values are immutable)
@lru_cache(maxsize=4096)
def parse_money(text: str) -> Decimal | None:
    """Yuan as a Decimal: 1950万元 → 19500000; a range (3000余万元) gives its lower bound."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 3,000万元: a thousands separator
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = _jio().parse_money(text)
    except Exception:
        return None
    num = parsed.get("num") if isinstance(parsed, dict) else None
    if isinstance(num, list):
        num = num[0]
    if num is None:
        return None
    try:
        value = Decimal(str(num))
    except InvalidOperation:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


@lru_cache(maxsize=4096)
def parse_date(text: str, base: str | None = None) -> str | None:
    """YYYY-MM-DD for a day named in the text; a day without its year takes the article's year."""
    time_base = None
    if base and re.fullmatch(r"\d{4}-\d{2}-\d{2}", base):
        y, m, d = map(int, base.split("-"))
        time_base = {"year": y, "month": m, "day": d}
    elif not re.match(r"\d{4}", text):
        return None  # no year in the text and no article date to take it from
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = _jio().parse_time(text, time_base=time_base or {"year": 2000, "month": 1, "day": 1})
    except Exception:
        return None
    if not isinstance(parsed, dict) or parsed.get("type") != "time_point":
        return None
    start = parsed["time"][0][:10]
    end = parsed["time"][1][:10]
    return start if start == end else None
