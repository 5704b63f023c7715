"""The fast paths of sentence splitting give exactly what the plain code gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.models import Sentence
from extractors.sentences import (
    _ALNUM, _cut_sentence_bounds, _sentence_bounds, _sentence_by_model_construct, _sentence_directly,
)

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


def test_direct_sentence_equals_model_construct():
    arguments = ("增长12%。", 5, 11, [5, 6, 7, 8, 9, 10], 2, -1)
    direct, constructed = _sentence_directly(*arguments), _sentence_by_model_construct(*arguments)
    assert type(direct) is Sentence
    assert direct == constructed
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        assert getattr(direct, name) == getattr(constructed, name)
    assert list(direct.__dict__) == list(constructed.__dict__)
    assert direct.model_dump() == constructed.model_dump()
