"""Bytes -> text, and a same-length normalised view of the text.

Offsets everywhere in the project are indices into the text exactly as
decoded here (a byte-order mark excluded). Nothing in this module changes
line breaks or removes characters after decoding: ``normalise`` returns a
string of the same length whose i-th character is a cleaned-up version of
the i-th character of its input, so an offset found in the normalised view
is valid in the original text.
"""
from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from pathlib import Path

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16
# LE mark, so it must be tested before it.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of files people drop into a corpus folder by mistake; the
# message names the format so the fix is obvious.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

# A decoded text with more control characters than this is not prose.
_MAX_CONTROL_SHARE = 0.001
# Control characters whose kind and place a refusal names.
_CONTROLS_LOCATED = 3
# Share of CJK characters that must be common (GB2312 after a traditional ->
# simplified mapping) for a legacy-encoding decode to be believed. Mojibake
# (Big5 bytes read as GBK, Latin-1 read as GBK) lands mostly on rare
# characters and scores far below this.
_MIN_COMMON_CJK_SHARE = 0.9
_PLAUSIBILITY_SAMPLE = 20_000
# Korean (EUC-KR) and Japanese (EUC-JP) bytes decode as GB18030 to common
# GB2312 characters too, but in no order a language has: the most frequent
# hundred Chinese characters (的 一 是 不 了 ...) make a fifth to a third of
# Chinese text and a few hundredths of such mojibake. Judged from this many
# CJK characters on; a shorter text cannot be told either way.
_MIN_FREQUENT_CJK_SHARE = 0.1
_MIN_CJK_FOR_FREQUENCY = 30
# Legacy encodings of the neighbouring scripts, tried when a GB18030 or Big5
# decode does not read as Chinese, each with the characters its text must
# mostly be written in: a right decode instead of mojibake rows.
# Japanese first: its kana bytes are Korean letters in EUC-KR too, while
# Korean read as EUC-JP comes out as kanji without kana.
_NEIGHBOUR_ENCODINGS = (
    ("euc_jp", "[\u3040-\u30ff]", 0.1),                                # kana among the letters
    ("shift_jis", "[\u3040-\u30ff]", 0.1),
    ("euc_kr", "[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", 0.5),   # Hangul
)
# charset-normalizer's "chaos" is its mess ratio (0 = clean); above this the
# guess is not trusted.
_MAX_CHARSET_NORMALIZER_CHAOS = 0.1
# Below this many bytes charset-normalizer's guess is noise (b"\x80" comes
# back as EBCDIC, three bytes as UTF-16): a legacy file that short is refused.
_MIN_GUESSABLE_BYTES = 64


class DocumentError(Exception):
    """A source file that cannot be turned into text; says which and why."""

    def __init__(self, source_file: str, reason: str):
        self.source_file = source_file
        self.reason = reason
        super().__init__(f"{source_file}: {reason}")


def decode(data: bytes, source_file: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file.

    Order: byte-order mark (UTF-8/16/32), strict UTF-8, strict GB18030,
    strict Big5, then charset-normalizer when it is confident. The text is
    returned exactly as decoded, minus a leading byte-order mark; line
    breaks are left alone because offsets point into this text.
    """
    name = Path(source_file).name
    if not data:
        raise DocumentError(name, "the file is empty")
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_with_bom(data, len(mark), encoding, name), encoding
    for signature, description in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(name, f"this is {description}, not a text file")
    if b"\x00" in data:
        raise DocumentError(
            name, "the file contains NUL bytes: a binary file, or UTF-16/UTF-32 without a byte-order mark"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = f"byte {error.start} is not UTF-8"
    else:
        if not text.strip():
            raise DocumentError(name, "the file holds only whitespace")
        if not _is_prose(text):
            raise DocumentError(name, "decodes as UTF-8 but " + _control_characters_found(text))
        return text, "utf-8"
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Unlike UTF-8, legacy encodings accept many byte soups: the result
        # must also read like Chinese.
        if _is_prose(text) and _looks_like_chinese(text):
            return text, encoding
    neighbour = _decode_as_neighbour_script(data)
    if neighbour is not None:
        return neighbour
    guessed = _guess_with_charset_normalizer(data) if len(data) >= _MIN_GUESSABLE_BYTES else None
    if guessed is not None:
        return guessed
    raise DocumentError(
        name,
        f"not valid UTF-8 ({utf8_error}), GB18030 or Big5, and charset-normalizer found no confident encoding"
        " (a binary file, text in an unusual encoding, or parts in different encodings)",
    )


def _decode_with_bom(data: bytes, bom_length: int, encoding: str, name: str) -> str:
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = data[bom_length:].decode(codec)
    except UnicodeDecodeError as error:
        raise DocumentError(
            name, f"starts with a {encoding} byte-order mark but byte {error.start + bom_length} does not decode"
        ) from None
    if not text.strip():
        raise DocumentError(name, "the file holds only a byte-order mark and whitespace")
    if not _is_prose(text):
        raise DocumentError(name, f"decoded as {encoding} but " + _control_characters_found(text))
    return text


# Characters of Unicode categories Cc (controls), Cs (surrogates) and Co
# (private use) except \t\n\v\f\r. These ranges are fixed by the standard
# (tests compare them with unicodedata); one compiled scan replaces a
# unicodedata.category call per character.
_CONTROL_CHARACTER = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def _is_prose(text: str) -> bool:
    sample = text[:_PLAUSIBILITY_SAMPLE * 5]
    controls = len(_CONTROL_CHARACTER.findall(sample))
    return controls <= max(1, len(sample) * _MAX_CONTROL_SHARE)


def _control_characters_found(text: str) -> str:
    """Which control characters refused a text, how many and where the first are."""
    sample = text[:_PLAUSIBILITY_SAMPLE * 5]
    found = list(_CONTROL_CHARACTER.finditer(sample))
    kinds = Counter(match.group() for match in found).most_common()
    named = ", ".join(f"U+{ord(char):04X} x{count}" for char, count in kinds[:_CONTROLS_LOCATED])
    named += ", ..." if len(kinds) > _CONTROLS_LOCATED else ""
    places = ", ".join(f"line {sample.count(chr(10), 0, m.start()) + 1} column "
                       f"{m.start() - sample.rfind(chr(10), 0, m.start())}" for m in found[:_CONTROLS_LOCATED])
    more = ", ..." if len(found) > _CONTROLS_LOCATED else ""
    allowed = max(1, int(len(sample) * _MAX_CONTROL_SHARE))
    return (f"holds {len(found)} control characters in {len(sample)} ({named}; at {places}{more}), more than the "
            f"{allowed} a text of that length may hold: binary data, or text damaged by a conversion")


def _looks_like_chinese(text: str) -> bool:
    cjk = [character for character in text[:_PLAUSIBILITY_SAMPLE * 5] if _is_cjk(character)]
    cjk = cjk[:_PLAUSIBILITY_SAMPLE]
    if not cjk:
        # No CJK at all: a legacy decode only ever differs from ASCII by
        # producing CJK, so an ASCII file never reaches here (UTF-8 took it).
        return False
    table = _traditional_to_simplified_table()
    simplified = [character.translate(table) for character in cjk]
    common = 0
    for character in simplified:
        try:
            character.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(cjk) >= _MIN_COMMON_CJK_SHARE and _reads_like_chinese_by_frequency(simplified)


def _decode_as_neighbour_script(data: bytes) -> tuple[str, str] | None:
    """Korean or Japanese text in its legacy encoding, decoded right."""
    for encoding, script, min_share in _NEIGHBOUR_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text[:_PLAUSIBILITY_SAMPLE * 5] if c.isalpha() and not c.isascii()]
        if letters and len(re.findall(script, "".join(letters))) / len(letters) >= min_share and _is_prose(text):
            return text, encoding
    return None


@functools.cache
def _frequent_chinese_characters() -> frozenset[str]:
    from charset_normalizer.constant import FREQUENCIES

    return frozenset(FREQUENCIES["Chinese"])


def _reads_like_chinese_by_frequency(characters: list[str]) -> bool:
    if len(characters) < _MIN_CJK_FOR_FREQUENCY:
        return True
    frequent = _frequent_chinese_characters()
    return sum(c in frequent for c in characters) / len(characters) >= _MIN_FREQUENT_CJK_SHARE


def _is_cjk(character: str) -> bool:
    code = ord(character)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def _guess_with_charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHARSET_NORMALIZER_CHAOS:
        return None
    text = str(best)
    if not text.strip() or not _is_prose(text):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not any(map(_is_cjk, text)):
        # A Western text in a one-byte code page: charset-normalizer cannot
        # tell them apart (French Latin-1 came back as mac_latin2, é as ť);
        # Windows-1252, a superset of Latin-1, is the one most such files are in.
        for encoding in ("cp1252", "latin_1"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    return text, best.encoding


# ---------------------------------------------------------------------------
# normalise: a same-length view for pattern matching

# Full-width forms that belong to numbers, units and Latin words. Chinese
# punctuation (，。：；！？（）“”) stays as written: the rules match it.
_FULLWIDTH_NUMBER_CHARACTERS = (
    "０１２３４５６７８９"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "％．＋－／"
)
_CHARACTER_MAP = {ord(character): ord(character) - 0xFEE0 for character in _FULLWIDTH_NUMBER_CHARACTERS}
_CHARACTER_MAP.update({
    0x3000: " ",   # ideographic space
    0x00A0: " ",   # no-break space
    0xFE6A: "%",   # small percent sign
    0x2212: "-",   # minus sign
})
# Any character _CHARACTER_MAP changes: most pages have none, and a scan for
# them is far cheaper than str.translate's dictionary lookup per character.
_MAPPED_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHARACTER_MAP)) + "]")
# A full-width colon is punctuation in 上城区：…, but a separator in 9：30.
# The colon comes first so that the scan looks for it alone; the digit
# before it is checked once one is found (a test compares with the
# lookbehind-first form, which tests every position).
_COLON_BETWEEN_DIGITS = re.compile(r"：(?<=[0-9]：)(?=[0-9])")


@functools.lru_cache(maxsize=8)   # layout, documents and the engine each ask for the same page
def normalise(text: str) -> str:
    """Return a view of ``text`` of the same length for pattern matching.

    Full-width digits, Latin letters and ``％．＋－／`` become ASCII, the
    ideographic space becomes a space, and traditional characters become
    simplified ones, character for character. ``normalise(t)[i]`` always
    stands for ``t[i]``.
    """
    view = text.translate(_CHARACTER_MAP) if _MAPPED_CHARACTER.search(text) else text
    if "：" in view:
        view = _COLON_BETWEEN_DIGITS.sub(":", view)
    return _to_simplified(view)


def _to_simplified(text: str) -> str:
    if not _has_traditional(text):
        return text
    # Convert only the lines that hold a traditional character: OpenCC's
    # phrase table gets context right (乾隆 stays, 乾燥 -> 干燥), and simplified
    # lines are not exposed to its ambiguous single-character entries.
    converter = _opencc_t2s()
    table = _traditional_to_simplified_table()
    pieces: list[str] = []
    position = 0
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group()
        if not _has_traditional(line):
            continue
        converted = converter.convert(line)
        if len(converted) != len(line):
            # A phrase or multi-candidate entry changed the length: fall
            # back to the one-to-one character table for this line.
            converted = line.translate(table)
        pieces.append(text[position:line_match.start()])
        pieces.append(converted)
        position = line_match.end()
    pieces.append(text[position:])
    return "".join(pieces)


@functools.cache
def _opencc_t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.cache
def _traditional_to_simplified_table() -> dict[int, str]:
    """One-to-one traditional -> simplified map from OpenCC's character list.

    Entries whose candidates include the character itself (乾 -> 干 乾,
    於 -> 于 於) are left out: the character is also correct simplified
    Chinese, and without context mapping it would corrupt simplified text.
    """
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        candidates = value.split()
        if len(key) != 1 or not candidates or key in candidates or len(candidates[0]) != 1:
            continue
        table[ord(key)] = candidates[0]
    return table


def _has_traditional(text: str) -> bool:
    """Whether ``text`` holds a traditional character.

    ``re`` tests a class of characters of the Basic Multilingual Plane
    against a bitmap, a few nanoseconds a character, ten times faster than a
    set intersection; one character beyond the plane in the class would make
    it a list searched for every character. The few traditional characters
    beyond it are looked for on the rare page that has such a character.
    """
    basic, beyond = _traditional_classes()
    if basic.search(text):
        return True
    return _BEYOND_BASIC_PLANE.search(text) is not None and beyond.search(text) is not None


_BEYOND_BASIC_PLANE = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _traditional_classes() -> tuple[re.Pattern, re.Pattern]:
    """Character classes of the traditional characters in and beyond the Basic Multilingual Plane."""
    characters = sorted(chr(code) for code in _traditional_to_simplified_table())
    basic = "".join(c for c in characters if c <= "\uffff")
    beyond = "".join(c for c in characters if c > "\uffff")
    return tuple(re.compile(f"[{re.escape(part)}]" if part else "(?!)") for part in (basic, beyond))
