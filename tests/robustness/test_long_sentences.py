"""Text without full stops is cut into bounded sentences.

Regression: a 5 MB line of clauses joined by commas was one sentence; every
figure in it was classified against (and carried) the whole line, so a
50 kB line took 36 s and a 100 kB line 156 s.
"""
from __future__ import annotations

import re

from extractors.text.documents import split_articles, split_sentences
from extractors.text.sentences import MAX_SENTENCE_LENGTH


def sentences_of(text: str):
    return split_sentences(text, split_articles(text))


def assert_covers(text: str, sentences) -> None:
    """Every sentence is the text at its offsets; together they hold every word."""
    for sentence in sentences:
        assert "".join(text[i] for i in sentence.offsets) == sentence.text
    covered = "".join(sentence.text for sentence in sentences)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


def test_a_line_of_clauses_without_full_stops_is_cut_after_clause_breaks():
    clause = "上城区实现地区生产总值2803.5亿元，同比增长6.5%，"
    text = clause * (200_000 // len(clause))
    sentences = sentences_of(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_LENGTH
    assert len(sentences) >= len(text) // MAX_SENTENCE_LENGTH
    assert all(s.text.endswith("，") for s in sentences[:-1])
    assert_covers(text, sentences)


def test_a_cut_without_clause_breaks_does_not_split_a_number():
    text = "地区生产总值2803.5亿元" * (5 * MAX_SENTENCE_LENGTH // 15)
    sentences = sentences_of(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_LENGTH
    assert sum(s.text.count("2803.5亿元") for s in sentences) == text.count("2803.5亿元")
    assert_covers(text, sentences)


def test_a_run_with_no_place_to_cut_is_cut_at_the_limit():
    text = "7" * (3 * MAX_SENTENCE_LENGTH + 5)
    sentences = sentences_of(text)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_LENGTH] * 3 + [5]
    assert_covers(text, sentences)


def test_sentences_below_the_limit_are_not_cut():
    sentence = "全区" + "新增企业45家，" * ((MAX_SENTENCE_LENGTH - 10) // 8) + "增长12%。"
    assert len(sentence) <= MAX_SENTENCE_LENGTH
    sentences = sentences_of(sentence * 3)
    assert [s.text for s in sentences] == [sentence] * 3
