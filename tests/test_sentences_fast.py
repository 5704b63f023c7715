"""The fast paths of sentence splitting give exactly what the plain code gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.sentences import _ALNUM, _cut_sentence_bounds, _sentence_bounds

_PIECES = st.sampled_from(["增长", "12.5%", "。", "！", "?", "!", "”", "）", "'", " ", "\u3000", "\t", "\n", "，",
                           "a", "_", "。。", "？”", " 。", "\u2028", "…"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_one_scan_finds_the_same_sentences(text):
    assert _sentence_bounds(text) == _cut_sentence_bounds(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_alnum_class_is_str_isalnum(text):
    assert (_ALNUM.search(text) is not None) == any(character.isalnum() for character in text)
