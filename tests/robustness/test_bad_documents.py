"""Every kind of document a folder may hold: read right, or refused with a reason.

A readable document in any supported encoding, line-break style, width or
script gives the rows of its UTF-8 original; an unreadable one becomes one
error naming the file and what is wrong with it, and never an exception.
"""
from __future__ import annotations

import codecs
import time

import pytest

from extractors.run.pipeline import extract_bytes
from hostile_inputs import full_width, html_page, png_image, seed_text, traditional, zip_archive

TEXT = seed_text()


def rows(result, offsets: bool = True) -> list[tuple]:
    """What a row says (offsets optional, as line breaks shift them)."""
    return sorted((o.value, o.unit, o.qualifier, o.indicator, o.region, o.year, o.kind)
                  + ((o.start, o.end) if offsets else ()) for o in result.observations)


@pytest.fixture(scope="module")
def original():
    result = extract_bytes(TEXT.encode("utf-8"), "original.txt")
    assert result.error is None and len(result.observations) >= 10
    return result


def assert_valid_rows(result) -> None:
    for row in result.observations:
        assert result.document.text[row.start:row.end] == row.raw_text
    assert len({row.obs_id for row in result.observations}) == len(result.observations)


# --- readable documents: the same rows as the UTF-8 original -------------------

SAME_TEXT = {
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32-le with BOM": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "carriage returns only": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "full-width digits": lambda text: full_width(text).encode("utf-8"),
    "traditional, utf-8": lambda text: traditional(text).encode("utf-8"),
    # 裏 has no Big5 code: "?" stands in for it, one character for one.
    "traditional, big5": lambda text: traditional(text).encode("big5", errors="replace"),
}


@pytest.mark.parametrize("name", SAME_TEXT)
def test_a_readable_variant_gives_the_rows_of_the_original(name, original):
    result = extract_bytes(SAME_TEXT[name](TEXT), f"{name}.txt")
    assert result.error is None
    assert rows(result) == rows(original)
    assert_valid_rows(result)


def test_windows_line_breaks_give_the_same_rows_at_their_own_offsets(original):
    result = extract_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"), "crlf.txt")
    assert rows(result, offsets=False) == rows(original, offsets=False)
    assert_valid_rows(result)


def test_html_pasted_as_text_gives_the_figures_of_the_page(original):
    result = extract_bytes(html_page(TEXT).encode("utf-8"), "page.html")
    assert result.error is None

    def figures(r):
        return sorted((o.raw_text, o.value, o.unit, o.indicator, o.region) for o in r.observations)

    assert figures(result) == figures(original)
    assert_valid_rows(result)


# --- unreadable documents: one clear error each -------------------------------

def mixed_encodings(text: str) -> bytes:
    half = len(text) // 2
    return text[:half].encode("utf-8") + text[half:].encode("gb18030")


UNREADABLE = {
    "empty": (lambda: b"", "the file is empty"),
    "whitespace only": (lambda: b" \r\n\n\t  \n", "only whitespace"),
    "byte-order mark only": (lambda: codecs.BOM_UTF8, "byte-order mark"),
    "png": (png_image, "PNG image"),
    "zip": (lambda: zip_archive(TEXT), "ZIP archive"),
    "utf-16 without BOM": (lambda: TEXT.encode("utf-16-le"), "NUL bytes"),
    "utf-8 then gb18030": (lambda: mixed_encodings(TEXT), "not valid UTF-8 (byte "),
    "one stray byte": (lambda: b"\x80", "not valid UTF-8"),
    "lone utf-8 surrogate": (lambda: b"\xed\xa0\x80abc", "not valid UTF-8"),
    "control characters": (lambda: bytes(range(1, 9)) * 500, "control characters"),
    "random bytes": (lambda: bytes((i * 131 + 7) % 256 for i in range(8192)), "NUL bytes"),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_document_is_one_error_naming_file_and_reason(name):
    make, reason = UNREADABLE[name]
    result = extract_bytes(make(), f"incoming/{name}.txt")
    assert result.document is None and result.observations == []
    assert result.error.startswith(f"{name}.txt: ")
    assert reason in result.error


# --- size -----------------------------------------------------------------------

def test_a_five_megabyte_single_line_extracts_in_seconds(original):
    """A page with every line break removed: one line, five megabytes."""
    line = TEXT.replace("\n", " ")
    copies = 5_000_000 // len(line.encode("utf-8")) + 1
    started = time.perf_counter()
    result = extract_bytes((line * copies).encode("utf-8"), "one-line.txt")
    elapsed = time.perf_counter() - started
    assert result.error is None
    assert elapsed < 45, f"{elapsed:.1f}s"
    # Joined lines change headlines and scopes, not what is a figure: most
    # figures of the page come back in every copy.
    assert len(result.observations) >= 0.8 * len(original.observations) * copies
    assert_valid_rows(result)


def test_a_fifty_megabyte_page_extracts_without_failing(original):
    """About a minute on an idle machine (2 cores); linear time is proven by test_pathological.py."""
    copies = 50_000_000 // len(TEXT.encode("utf-8")) + 1
    started = time.perf_counter()
    result = extract_bytes(("\n\n".join([TEXT] * copies)).encode("utf-8"), "fifty.txt")
    elapsed = time.perf_counter() - started
    assert result.error is None
    assert len(result.observations) >= 0.8 * len(original.observations) * copies
    assert_valid_rows(result)
    assert elapsed < 300, f"{elapsed:.0f}s for 50 MB"
