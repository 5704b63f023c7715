"""The one overlap filter: longest span, then earliest, then the tie-break, then input order."""
import random

from extractors.quantities.spans import longest_then_earliest


def _filter_spans(spans):
    """spaCy ``filter_spans``, as written there: the reference."""
    chosen, taken = [], set()
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not taken.intersection(range(span[0], span[1])):
            chosen.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(chosen, key=lambda s: s[0])


def _bounds(span):
    return span[0], span[1]


def test_filters_like_spacy_filter_spans_on_random_spans():
    rng = random.Random(11)
    for _ in range(20000):
        spans = [(start, start + rng.randint(1, 7), index)
                 for index, start in enumerate(rng.randrange(30) for _ in range(rng.randrange(12)))]
        assert longest_then_earliest(spans, _bounds) == _filter_spans(spans), spans


def test_equal_spans_go_to_the_tiebreak_then_to_the_first_given():
    implied, explicit, explicit_later = (0, 4, "implied"), (0, 4, "explicit"), (0, 4, "explicit-2")
    first = {"implied": 1, "explicit": 0, "explicit-2": 0}
    assert longest_then_earliest([implied, explicit, explicit_later], _bounds, lambda s: first[s[2]]) == [explicit]
    assert longest_then_earliest([implied, explicit], _bounds) == [implied]


def test_spans_that_only_touch_are_both_kept():
    assert longest_then_earliest([(3, 6, "b"), (0, 3, "a")], _bounds) == [(0, 3, "a"), (3, 6, "b")]
