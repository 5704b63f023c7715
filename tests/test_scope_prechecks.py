"""The scope's cheap pre-checks before a regex search must never change its answer."""
import random

from extractors.regions.scope import (
    COMPARISON_BASE, INSIDE_NAME_BEFORE, LOCATED_IN, ORGANISATION_AFTER, ORGANISATION_REACH, _ends_in_comparison_base,
    _ends_inside_name, _located_in_before, _organisation_after,
)

# the characters the patterns name, a few others, and the newline that ``$`` may stand before
ALPHABET = "占比较相当于高低超过居全位坐落地处户（(《》杭州市区a1 \n"


def _texts(count: int, longest: int):
    rng = random.Random(7)
    for _ in range(count):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(longest + 1)))


def test_the_comparison_base_check_agrees_with_the_regex():
    for text in _texts(20000, 6):
        assert _ends_in_comparison_base(text) == bool(COMPARISON_BASE.search(text)), text


def test_the_inside_name_check_agrees_with_the_regex():
    for text in _texts(20000, 15):
        assert _ends_inside_name(text) == bool(INSIDE_NAME_BEFORE.search(text)), text


def test_the_located_in_check_agrees_with_the_regex():
    for text in _texts(5000, 10):
        for start in range(len(text) + 1):
            expected = bool(LOCATED_IN.search(text, max(0, start - 4), start))
            assert _located_in_before(text, start) == expected, (text, start)


def test_the_organisation_check_agrees_with_the_regex():
    # organisation words whole and cut, Han and Latin fillers, quotes
    words = ("银行 大学 学院 公司 集团 医院 中学 小学 日报 报社 电视台 研究院 研究所 协会 商会 联合会 海关 "
             "税务局 分行 支行 证券 保险 农商行").split()
    tokens = words + [word[:1] for word in words] + [word[1:] for word in words] + list("杭州区aZ1“\"「（ 。")
    rng = random.Random(11)
    for _ in range(20000):
        head = "".join(rng.choice("杭州区") for _ in range(rng.randrange(11)))  # before a word at 0..10
        text = head + "".join(rng.choice(tokens) for _ in range(rng.randrange(8)))
        for end in range(len(text) + 1):
            expected = bool(ORGANISATION_AFTER.match(text, end, end + ORGANISATION_REACH))
            assert _organisation_after(text, end) == expected, (text, end)
