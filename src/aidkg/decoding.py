"""Bytes → text: UTF-8 (with or without BOM), GB18030, Big5, UTF-16 (with or without BOM), detected.

Strict decodes come first; as Big5 bytes are almost always *valid* GB18030, a decode must also read
as common Chinese (chinese_score) to be taken. A few damaged bytes are replaced (with a note), a
file pasted together from two encodings is decoded line by line (with a note), and only what no
encoding reads is an IngestError.
"""
from __future__ import annotations

import functools
import os
import re
from collections import Counter

from .sources import IngestError

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_MIN_CHINESE_SCORE = 0.85   # share of common characters a right decoding reaches; wrong ones stay far below


def decode(data: bytes, path: str | os.PathLike = "<bytes>", declared: str | None = None) -> str:
    """Bytes → text: UTF-8 (BOM or not), GB18030 or Big5; see decode_with_note."""
    return decode_with_note(data, path, declared)[0]


def decode_with_note(data: bytes, path: str | os.PathLike = "<bytes>",
                     declared: str | None = None) -> tuple[str, str | None]:
    """Bytes → (text, a note when a few undecodable bytes had to be replaced, else None).

    `declared` (an HTML charset) is tried first. Strict decodes come before charset-normalizer,
    which guesses badly on short Chinese text; and as Big5 bytes are almost always *valid* GB18030,
    a decode must also read as common Chinese (chinese_score) to be taken.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _non_empty(data.decode(codec, errors="replace"), path)
            if "\ufffd" in text or not _readable(text):
                raise IngestError(path, f"undecodable: starts with a {codec} byte-order mark but is not {codec} text")
            return text, None
    if not data.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in data[:65536]:
        # UTF-16 without a byte-order mark: NUL bytes beside ASCII characters, Chinese that reads well
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _non_empty(utf16[0], path), f"no byte-order mark: read as {utf16[1]}"
    _reject_binary(data, path)
    codecs = ["utf-8"] + _codec_order(declared)
    weak = []   # strict decodes that read poorly as Chinese
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = chinese_score(text)
        if codec == "utf-8":
            return _non_empty(text, path), None
        if score >= _MIN_CHINESE_SCORE:
            if _has_garbled_lines(text):   # one file made of parts in two encodings
                mixed = _decode_lines(data, codecs)
                if mixed is not None and chinese_score(mixed[0]) > score:
                    return _non_empty(mixed[0], path), mixed[1]
            return _non_empty(text, path), None
        weak.append((score, text))
    # a truncated last character or a stray byte should not lose the whole article
    for codec in codecs:
        text = data.decode(codec, errors="replace")
        bad = len(_REPLACED_RUN.findall(text))
        if bad <= max(3, len(text) // 200) and chinese_score(text) >= _MIN_CHINESE_SCORE:
            return _non_empty(text, path), f"{bad} undecodable byte sequence(s) replaced by U+FFFD ({codec})"
    mixed = _decode_lines(data, codecs)
    if mixed is not None:
        return _non_empty(mixed[0], path), mixed[1]
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _non_empty(utf16[0], path), f"no byte-order mark: read as {utf16[1]}"
    weak = [(score, text) for score, text in weak if score >= 0.6]
    if weak:
        return _non_empty(max(weak, key=lambda c: c[0])[1], path), None
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return _non_empty(guess, path), None
    raise IngestError(path, "undecodable: not UTF-8, GB18030 or Big5, and no other encoding gives readable text")


_REPLACED_RUN = re.compile("\ufffd+")   # one bad byte in a multi-byte character may give several
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, codec) when `data` reads as UTF-16 (LE or BE) text; None otherwise."""
    even = data[: len(data) - len(data) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if _TEXT_CONTROLS.search(text):
            continue
        if _HAN.search(text) and chinese_score(text) >= _MIN_CHINESE_SCORE:
            return text, codec.upper()
        if not _HAN.search(text) and all(ch.isprintable() or ch in "\t\n\r" for ch in text) \
                and sum(ch < "\x80" for ch in text) >= 0.95 * len(text):
            return text, codec.upper()
    return None


def _has_garbled_lines(text: str) -> bool:
    """Whether some line with a fair amount of non-ASCII reads as a wrong decoding."""
    for line in text.split("\n"):
        if sum(ord(ch) > 0x7F for ch in line) >= 6 and chinese_score(line) < 0.5:
            return True
    return False


def _decode_lines(data: bytes, codecs: list[str]) -> tuple[str, str] | None:
    """Each line in the codec that reads it best: for files pasted together from two encodings.
    None when one codec suits every line (then this is no mixed file) or some line reads as none."""
    lines, used = [], Counter()
    previous = None
    for raw in data.split(b"\n"):
        readings = {}
        for codec in codecs:
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            readings[codec] = (chinese_score(line), line)
        if not readings or max(score for score, _ in readings.values()) < 0.6:
            if raw.strip():
                return None
            lines.append(raw.decode("ascii", errors="replace"))
            continue
        best = max(readings, key=lambda c: (readings[c][0], c == "utf-8"))
        # a short line often reads well both ways: it goes on in the encoding of the line before
        if previous in readings and readings[previous][0] >= readings[best][0] - 0.05:
            best = previous
        lines.append(readings[best][1])
        if any(b > 0x7F for b in raw):
            used[best] += 1
            previous = best
    if len(used) < 2:
        return None
    parts = ", ".join(f"{n} line(s) {codec.upper()}" for codec, n in used.most_common())
    return "\n".join(lines), f"mixed encodings: {parts}"


def _codec_order(declared: str | None) -> list[str]:
    codec = _codec_family(declared)
    return [codec] + [c for c in ("gb18030", "big5") if c != codec] if codec else ["gb18030", "big5"]


def _codec_family(name: str | None) -> str | None:
    if not name:
        return None
    name = name.lower().replace("_", "-")
    if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"):
        return "gb18030"    # a superset: pages labelled gb2312 often use GBK characters
    if name in ("big5", "big5-hkscs", "x-big5", "cp950"):
        return "big5hkscs" if "hkscs" in name else "big5"
    return None


def _non_empty(text: str, path: str | os.PathLike) -> str:
    if not text.lstrip("\ufeff").strip():
        raise IngestError(path, "empty file (whitespace only)")
    return text.lstrip("\ufeff")


def _reject_binary(data: bytes, path: str | os.PathLike) -> None:
    head = data[:65536]
    nuls = head.count(b"\x00")
    if nuls > max(2, len(head) // 1000):   # a stray NUL in a text file becomes a space (clean_text)
        raise IngestError(path, f"binary file (contains NUL bytes: {nuls} in the first {len(head)})")
    # control bytes never occur inside UTF-8, GB18030 or Big5 characters (all ≥ 0x30)
    controls = sum(1 for b in head if b in _CONTROL_BYTES) - nuls
    if controls > max(2, len(head) // 200):
        raise IngestError(path, f"binary file ({controls} control characters in the first {len(head)} bytes)")


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None and best.chaos <= 0.1 else None


def _readable(text: str) -> bool:
    """Chinese that reads as Chinese, or text that is mostly ASCII."""
    if _HAN.search(text):
        return chinese_score(text) >= 0.6
    return sum(1 for ch in text if ord(ch) > 0x7F) <= len(text) * 0.05


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@functools.cache
def _is_common(ch: str) -> bool:
    """Level-1 character of GB2312 (3,755 commonest Simplified) or of Big5 (5,401 commonest Traditional)."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        code = ch.encode("big5")
        return 0xA440 <= (code[0] << 8 | code[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def chinese_score(text: str) -> float:
    """Share of common Chinese characters among the non-ASCII letters of `text` (1.0 when none).

    A wrong decoding of Chinese yields rare characters, kana, box drawing and private-use code
    points, so its score stays low; punctuation and full-width forms are neutral.
    """
    counted = common = 0
    for ch, n in Counter(text).items():      # each distinct character judged once
        if ord(ch) < 0x80 or _is_punctuation(ch):
            continue
        counted += n
        if _HAN.match(ch) and _is_common(ch):
            common += n
    return common / counted if counted else 1.0


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    return (0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F
            or code in (0x00B7, 0x00D7, 0x00B0, 0x2103, 0x33A1) or 0x2460 <= code <= 0x24FF
            or 0xFE30 <= code <= 0xFE4F)
