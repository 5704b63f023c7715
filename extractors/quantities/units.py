"""Unit surface forms -> base unit and scale (the spec's base-unit table).

The table is data: one entry per surface form, with the base unit of
``models.Unit`` and the factor that turns one of it into base units. Scaled
forms (万元, 亿美元, 万人次) are listed too, so that a caller can name the
measure ``亿元`` even when the numeral regex took the 亿 (see
``measure_for``). Words that are deliberately *not* units (吨, 岁, 年 ...)
are listed in ``NOT_UNITS`` so that a test keeps them out.
"""
from __future__ import annotations

from typing import NamedTuple

import regex


class UnitInfo(NamedTuple):
    base: str             # a models.Unit value
    scale: float          # one surface unit in base units
    is_change: bool = False  # 个百分点 is always a change, never a level


UNITS: dict[str, UnitInfo] = {
    # money
    "元": UnitInfo("CNY", 1), "千元": UnitInfo("CNY", 1e3), "万元": UnitInfo("CNY", 1e4),
    "百万元": UnitInfo("CNY", 1e6), "千万元": UnitInfo("CNY", 1e7), "亿元": UnitInfo("CNY", 1e8),
    "万亿元": UnitInfo("CNY", 1e12),
    "美元": UnitInfo("USD", 1), "万美元": UnitInfo("USD", 1e4), "百万美元": UnitInfo("USD", 1e6),
    "千万美元": UnitInfo("USD", 1e7), "亿美元": UnitInfo("USD", 1e8),
    # people and visits
    "人": UnitInfo("person", 1), "名": UnitInfo("person", 1), "位": UnitInfo("person", 1),
    "万人": UnitInfo("person", 1e4), "万名": UnitInfo("person", 1e4),
    "人次": UnitInfo("person_time", 1), "万人次": UnitInfo("person_time", 1e4),
    "亿人次": UnitInfo("person_time", 1e8),
    # shares and rates (0-100 scale); per mille is a tenth of a percent
    "%": UnitInfo("percent", 1), "％": UnitInfo("percent", 1), "‰": UnitInfo("percent", 0.1),
    "个百分点": UnitInfo("percent", 1, True), "百分点": UnitInfo("percent", 1, True),
    # land area in km2, floor area in m2, length in km
    "平方公里": UnitInfo("km2", 1), "平方千米": UnitInfo("km2", 1), "公顷": UnitInfo("km2", 0.01),
    "亩": UnitInfo("km2", 1 / 1500), "万亩": UnitInfo("km2", 1e4 / 1500),
    "平方米": UnitInfo("m2", 1), "万平方米": UnitInfo("m2", 1e4), "平米": UnitInfo("m2", 1),
    "㎡": UnitInfo("m2", 1),
    "公里": UnitInfo("km", 1), "千米": UnitInfo("km", 1),
}
# Classifiers of enterprises, projects, facilities, events and items.
COUNT_CLASSIFIERS = (
    "家", "个", "项", "场", "场次", "次", "款", "所", "处", "支", "户", "幢", "件", "条", "辆",
    "家次", "座", "台", "批", "套", "栋", "间", "张", "部", "种", "类", "份", "笔", "只", "组",
    "例", "宗", "枚", "篇", "册", "架", "艘", "棵", "株", "轮", "万户", "万家", "万个",
)
UNITS.update({surface: UnitInfo("count", 1e4 if surface.startswith("万") else 1)
              for surface in COUNT_CLASSIFIERS})

# After these surfaces, these words mean the character is part of another
# word, not a unit: 3个月 is a duration, 一部分 a portion, 两位数 a digit
# count, 元宇宙 a metaverse.
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {
    "个": ("月", "多月", "半月", "小时", "多小时", "半小时", "工作日", "星期", "钟头", "礼拜",
           "季度", "学期", "年头"),
    "元": ("旦", "素", "宇宙", "宵", "件", "器"),
    "人": ("民",),
    "名": ("单", "称", "字", "义", "片", "额"),
    "位": ("数", "于", "置"),
    "部": ("门", "分", "署", "长", "委", "位", "队", "件"),
    "所": ("有", "需", "以", "属", "在", "长", "得", "谓", "述"),
    "处": ("理", "于", "置", "长", "在", "境"),
    "支": ("持", "付", "出", "撑", "部"),
    "户": ("籍", "型", "外", "口", "主"),
    "家": ("庭", "乡", "属", "长", "电", "具", "居"),
    "台": ("阶",),
    "条": ("件", "例", "款"),
    "批": ("准", "复", "评", "示", "发"),
    "座": ("谈", "位"),
    "间": ("隔", "断"),
    "种": ("子", "植"),
    "类": ("似", "型", "别"),
    "份": ("额",),
    "笔": ("记", "者"),
    "只": ("是", "有", "要", "能", "会"),
    "组": ("织", "成", "建", "团"),
    "例": ("如",),
    "场": ("景",),
    "轮": ("胎",),
}

# Surface forms that are out of scope or no quantity at all; none may be a
# key of UNITS (a test checks it). 倍 is handled with its context by
# quantities.py (增长1.3倍, 是…的1.62倍), never alone.
NOT_UNITS = ("吨", "千瓦", "℃", "毫米", "小时", "岁", "年", "月", "日", "天", "米", "层", "后", "届", "大", "倍")


def _surface_alternative(surface: str) -> str:
    blocked = NOT_FOLLOWED_BY.get(surface)
    escaped = regex.escape(surface)
    if not blocked:
        return escaped
    return f"{escaped}(?!{'|'.join(regex.escape(word) for word in blocked)})"


# Longest surface first, so 人次 wins over 人 and 个百分点 over 个.
UNIT_PATTERN = "(?:" + "|".join(
    _surface_alternative(surface) for surface in sorted(UNITS, key=lambda s: (-len(s), s))
) + ")"


def lookup_unit(surface: str) -> UnitInfo:
    """Base unit and scale of one surface form; ``ValueError`` if unknown."""
    try:
        return UNITS[surface]
    except KeyError:
        raise ValueError(f"not a unit: {surface!r}") from None


def measure_for(multipliers: str, surface: str) -> str:
    """The measure word as written: the unit with the numeral's multiplier.

    ``measure_for("亿", "元")`` -> ``亿元``; ``measure_for("千", "人次")`` ->
    ``人次`` (千人次 is no unit of its own). Longest known combination wins.
    """
    for start in range(len(multipliers)):
        combined = multipliers[start:] + surface
        if combined in UNITS:
            return combined
    return surface


__all__ = ["COUNT_CLASSIFIERS", "NOT_FOLLOWED_BY", "NOT_UNITS", "UNITS", "UNIT_PATTERN", "UnitInfo",
           "lookup_unit", "measure_for"]
