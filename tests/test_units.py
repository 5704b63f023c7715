"""units.py: the base-unit table, its regex and measure words."""
from __future__ import annotations

import math
import typing

import pytest
import regex

from extractors.models import Unit
from extractors.quantities.units import (
    NOT_FOLLOWED_BY, NOT_UNITS, UNIT_PATTERN, UNITS, lookup_unit, measure_for,
)

SPEC_SURFACES = [
    ("元", "CNY", 1), ("万元", "CNY", 1e4), ("亿元", "CNY", 1e8), ("千万元", "CNY", 1e7),
    ("百万元", "CNY", 1e6), ("万亿元", "CNY", 1e12),
    ("美元", "USD", 1), ("万美元", "USD", 1e4), ("亿美元", "USD", 1e8),
    ("人", "person", 1), ("名", "person", 1), ("位", "person", 1), ("万人", "person", 1e4),
    ("人次", "person_time", 1), ("万人次", "person_time", 1e4),
    ("%", "percent", 1), ("％", "percent", 1), ("‰", "percent", 0.1), ("个百分点", "percent", 1),
    ("平方公里", "km2", 1), ("平方千米", "km2", 1), ("公顷", "km2", 0.01), ("亩", "km2", 1 / 1500),
    ("平方米", "m2", 1), ("公里", "km", 1), ("千米", "km", 1),
] + [(classifier, "count", 1) for classifier in (
    "家", "个", "项", "场", "场次", "次", "款", "所", "处", "支", "户", "幢", "件", "条", "辆", "家次",
    "座", "台", "批", "套", "栋", "间", "张", "部",
)]


@pytest.mark.parametrize("surface, base, scale", SPEC_SURFACES)
def test_spec_surfaces(surface, base, scale):
    info = lookup_unit(surface)
    assert info.base == base
    assert math.isclose(info.scale, scale)


@pytest.mark.parametrize("surface", NOT_UNITS)
def test_out_of_scope_words_are_no_units(surface):
    assert surface not in UNITS
    assert regex.match(UNIT_PATTERN, surface) is None
    with pytest.raises(ValueError):
        lookup_unit(surface)


@pytest.mark.parametrize("text, expected", [
    ("人次以上", "人次"), ("个百分点", "个百分点"), ("万人次", "万人次"), ("家次", "家次"),
    ("场次", "场次"), ("平方公里", "平方公里"), ("平方米", "平方米"), ("亿美元", "亿美元"),
    ("万元人民币", "万元"), ("个企业", "个"), ("位居民", "位"),
])
def test_pattern_takes_longest_surface(text, expected):
    assert regex.match(UNIT_PATTERN, text).group() == expected


@pytest.mark.parametrize("text", [
    "个月", "个多月", "个半小时", "个工作日", "元宇宙", "元旦", "部分", "部门", "位数", "所有",
    "处理", "支持", "户籍", "家庭", "台阶", "条件", "批准", "座谈", "人民币",
])
def test_pattern_refuses_words_that_only_start_like_a_unit(text):
    assert regex.match(UNIT_PATTERN, text) is None


def test_every_base_is_a_model_unit():
    allowed = set(typing.get_args(Unit))
    assert {info.base for info in UNITS.values()} <= allowed
    assert all(info.scale > 0 for info in UNITS.values())


def test_blocked_followers_belong_to_known_surfaces():
    assert set(NOT_FOLLOWED_BY) <= set(UNITS)


def test_only_percentage_points_are_changes():
    assert {s for s, info in UNITS.items() if info.is_change} == {"个百分点", "百分点"}


@pytest.mark.parametrize("multipliers, surface, measure", [
    ("亿", "元", "亿元"), ("千万", "元", "千万元"), ("万亿", "元", "万亿元"), ("万", "人次", "万人次"),
    ("亿", "美元", "亿美元"), ("千", "人次", "人次"), ("", "家", "家"), ("十", "个", "个"),
    ("万", "平方米", "万平方米"),
])
def test_measure_for(multipliers, surface, measure):
    assert measure_for(multipliers, surface) == measure
