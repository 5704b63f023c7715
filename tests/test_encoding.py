"""decode(): bytes -> text in every encoding a Chinese local page comes in;
normalise(): a same-length view for pattern matching."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.encoding import DocumentError, decode, normalise

PAGE = (
    "滨江区白马湖街道\r\n\r\n"
    "# 数字经济园区扩容提质\r\n\r\n"
    "■ 孙晓 周一鸣\r\n\r\n"
    "今年一季度，园区新增入驻企业36家，累计达到418家，实现营收52.7亿元，同比增长11.3%。\r\n"
)
TRADITIONAL_PAGE = "臺灣經濟發展報告：今年營業收入增長百分之十二，產業結構持續優化。\n"


@pytest.mark.parametrize("encoding, prefix, expected_name", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
])
def test_round_trip_keeps_text_exactly(encoding, prefix, expected_name):
    text, name = decode(prefix + PAGE.encode(encoding), "page.txt")
    assert text == PAGE            # \r\n kept: offsets point into this text
    assert name == expected_name


def test_byte_order_mark_is_not_part_of_the_text():
    text, _ = decode(codecs.BOM_UTF8 + "增长11.3%".encode(), "page.txt")
    assert text.index("11.3%") == 2


def test_traditional_chinese_in_big5_is_recognised():
    text, name = decode(TRADITIONAL_PAGE.encode("big5"), "page.txt")
    assert (text, name) == (TRADITIONAL_PAGE, "big5")


def test_traditional_chinese_in_gbk_is_not_mistaken_for_big5():
    text, name = decode(TRADITIONAL_PAGE.encode("gbk"), "page.txt")
    assert (text, name) == (TRADITIONAL_PAGE, "gb18030")


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (codecs.BOM_UTF8 + b"  \n", "byte-order mark"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ("2024年度报告".encode("utf-16-le"), "NUL bytes"),
    (bytes(range(1, 32)) * 40, "control characters"),
])
def test_unreadable_files_raise_one_clear_error_naming_the_file(data, words):
    with pytest.raises(DocumentError) as raised:
        decode(data, "/incoming/2024/page-017.txt")
    message = str(raised.value)
    assert message.startswith("page-017.txt: ")
    assert raised.value.source_file == "page-017.txt"
    assert words.lower() in message.lower() or words in raised.value.reason


def test_random_binary_without_nul_bytes_is_rejected():
    noise = bytes((index * 73 + 41) % 255 + 1 for index in range(4096))
    with pytest.raises(DocumentError):
        decode(noise, "noise.bin")


def test_broken_utf16_after_its_byte_order_mark_is_reported():
    data = codecs.BOM_UTF16_LE + "报告".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(DocumentError, match="utf-16-le byte-order mark"):
        decode(data, "page.txt")


# --- normalise ------------------------------------------------------------

def test_full_width_numbers_and_units_become_ascii():
    assert normalise("增长１２．５％，达到ＧＤＰ３０００亿元") == "增长12.5%，达到GDP3000亿元"


def test_chinese_punctuation_stays_but_a_clock_colon_does_not():
    assert normalise("西湖区：９：３０开幕（上午）") == "西湖区：9:30开幕（上午）"


def test_ideographic_space_becomes_a_space():
    assert normalise("\u3000\u3000全区") == "  全区"


def test_traditional_becomes_simplified_in_context():
    assert normalise("乾隆年間，天氣乾燥，經濟發展") == "乾隆年间，天气干燥，经济发展"


def test_simplified_text_with_ambiguous_characters_is_untouched():
    # 於 and 乾 are also correct simplified characters (a surname, 乾坤).
    text = "於先生在乾坤大厦投资3亿元"
    assert normalise(text) == text


CHINESE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.sampled_from(list("臺灣經濟發展乾隆於徵\u3000\n\r：。，0123456789%")),
        st.characters(),
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(CHINESE_TEXT)
def test_normalise_keeps_length_character_for_character(text):
    view = normalise(text)
    assert len(view) == len(text)
    # Line structure is never changed: offsets of lines stay valid.
    assert [index for index, c in enumerate(view) if c in "\r\n"] == \
           [index for index, c in enumerate(text) if c in "\r\n"]


@settings(max_examples=200, deadline=None)
@given(CHINESE_TEXT)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


def test_control_character_class_matches_unicodedata():
    # _is_prose counts categories Cc, Cs and Co (minus \t\n\v\f\r) with one
    # compiled character class: it must agree with unicodedata everywhere.
    import unicodedata

    from extractors.text.encoding import _CONTROL_CHARACTER

    for code in range(0x110000):
        character = chr(code)
        expected = character not in "\t\n\r\f\v" and unicodedata.category(character) in ("Cc", "Cs", "Co")
        assert bool(_CONTROL_CHARACTER.match(character)) == expected, hex(code)
