"""Years written on a page, each with what it says about the figures near it.

A mark is a year (2024年, 十三五期末, 第七次全国人口普查), a relative year
(今年, 去年, 上年的), a part of a year (一季度, 1-5月, 前两月) or a news lead's
day (26日，…), with its role: it fixes the year of its clause and what
follows, dates only the value right after it (从2020年的X), starts a span
(2023年以来), sets a target (到2025年), dates one event (2019年11月22日),
is the base of a comparison (比2006年, 是2012年的1.62倍) or an aside in
brackets. Which mark a figure takes is decided in ``years``.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import regex

from extractors.catalog import COMPARISON_WORDS, TARGET_WORDS, alternation

# A year is four digits before 年, or before an event name (2025杭州创业者大会),
# but not before a measure or a multiplier (2000多家, 2000名, 2000万元).
YEAR = regex.compile(
    r"(?<![\d.．])((?:19[5-9]|20[0-4])\d)(?:年(?!代)|(?=[\p{Han}“\"《])(?![多余万亿千百家个名人元位项次场户件条款所处支辆幢座台套张]))"
)
# A year of the Republic of China (Taiwan's calendar): 民国112年 anywhere, a bare 113年 on a page
# that writes the calendar (a Taiwan page); year N is N + 1911.
ROC_OFFSET = 1911
ROC_NAMED = regex.compile(r"民国\s*(\d{2,3})\s*年(?!代)")
ROC_BARE = regex.compile(r"(?<![\d.．])((?:[89]|1[0-3])\d)\s*年(?![代前来间])")
START_AFTER = regex.compile(r"[^，。；]{0,12}?(?:以来|至今|起|开始)")
SINCE_BEFORE = regex.compile(r"(?:自|始于)$")
TARGET_BEFORE = regex.compile(f"(?:(?<![增升降减提长截止])(?:到|至)|{alternation(TARGET_WORDS)}到?)$")
# 2025年前 is a deadline, 2024年前5个月 a part of the year
TARGET_AFTER = regex.compile(r"^(?:前(?![\d一二三四五六七八九十两]+个?月|[一二三]季度)|之前|底前|年底前)")
# 从2020年的2218.6亿元, 2010年第六次全国人口普查的X人: the year belongs to the value right after it
CHANGE_FORM = regex.compile(r"(?:底|末)?(?:第[一二三四五六七八九十]次全国人口普查|人口普查|普查)?的")
RELATIVE = regex.compile(
    r"(?<![比较同上与])(今年|本年|当年|去年|上一年|过去一年|前年|明年|目前|当前|现阶段|上年(?=末?的))(?!同期)")
RELATIVE_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上一年": -1, "过去一年": -1, "前年": -2, "明年": 1,
                   "目前": 0, "当前": 0, "现阶段": 0, "上年": -1}
# A news lead's day (26日，… / 3月5日上午，… / 近日，…) is a day of the page's year: it dates its paragraph.
# It is tried only where one can start (news_day_starts).
NEWS_DAY = regex.compile(
    r"(?=[\d近日昨今])(?<=(?:^|[。！？\n）)电讯])[ \u3000]*)(?:(?:(?P<month>1[0-2]|[1-9])月)?(?:[1-9]|[12]\d|3[01])[日号]"
    r"|近日|日前|昨天|昨日|今天|今日)(?=[，,]|上午|下午|晚|早)")
# Where a news day can start: after a sentence end and spaces, at a digit or 近日… (or at a character
# beyond the Basic Multilingual Plane, where regex's \d has digits that re's has not). re scans for
# the sentence ends with a bitmap; regex, searching for NEWS_DAY itself, tried its lookbehind at every digit.
NEWS_DAY_START = re.compile(r"[。！？\n）)电讯][ \u3000]*(?=[\d近日昨今]|[\U00010000-\U0010ffff])")
LEADING_SPACES = re.compile(r"[ \u3000]*")
# A part of a year, with the month it ends in (截至6月末, 3月份, 年末 too);
# 2024年上半年 and 今年一季度 are dated by their year. Each form is a pattern of
# its own, found as their alternation in this order would find them
# (``first_matches``): alone, most forms are a search for their words (上半年,
# 季度); in one alternation every form was tried at every digit, three times slower.
CHINESE_MONTH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "十二": 12}
PARTS_OF_YEAR = [regex.compile(r"(?<![年\d])" + form) for form in (
    r"(?P<half>上半年)", r"(?P<half>下半年)", r"(?P<half>全年)",
    r"(?P<quarters>前三季度)", r"(?P<quarters>[一1]\s*[-—–~～至到]\s*[三3]季度)",
    r"第?(?P<quarter>[一二三四1-4])季度",
    r"[1一]\s*[-—–~～至到]\s*(?P<month>1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])\s*月(?![\d日号])",
    r"前(?P<first>1[0-2]|[2-9]|十[一二]?|[两二三四五六七八九])个?月",
    r"(?<![\d月])(?P<single>1[0-2]|[1-9])月(?:份|末|底)",
    # 5月，全市…: a month that opens a sentence
    r"(?:^|(?<=[。；！？\n]))(?P<single>1[0-2]|[1-9])月(?=[，,])",
    r"(?<![今去本当明上前])(?P<year_end>年末|年底)",
)]
QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
YEAR_WORD_BEFORE = regex.compile(r"(?:(?:19|20)\d\d\s*年|今年|去年|本年|当年|上年|明年|同期)\s*$")
# A census gives its page the census year: its standard moment, or the census by its ordinal.
CENSUS_MOMENT = regex.compile(r"((?:19|20)\d\d)年11月1日零时")
CENSUS_ORDINAL = regex.compile(r"(?<!\d年)第([四五六七八])次全国人口普查")
CENSUS_YEAR = {"四": 1990, "五": 2000, "六": 2010, "七": 2020, "八": 2030}
# 是2012年的1.62倍, 与2010年…相比: the year is the base of a comparison
RATIO_BASE = regex.compile(r"(?:是|为|相当于)[“\"]?$")
RATIO_AFTER = regex.compile(r"[”\"]?(?:底|末)?的[^，。；]{0,10}?倍")
COMPARED_WITH_BEFORE = regex.compile(r"(?:与|和|同)$")
COMPARED_WITH_AFTER = regex.compile(r"[^，。；]{0,24}?(?:相比|相较|比较|对比|持平)")
# 十三五期末 is the plan's last year; plans run five years from 2006 (十一五)
PLAN_END = regex.compile(r"(十一五|十二五|十三五|十四五|十五五|十六五)[”\"]?(?:期末|末期|末)")
PLAN_END_YEAR = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
COMPARISON_BEFORE = regex.compile(f"{alternation(COMPARISON_WORDS)}$")
BRACKETED_YEAR = regex.compile(r"[（(]((?:19|20)\d\d)年?(?:末|底)?[）)]")
FULL_DATE_AFTER = regex.compile(r"\d{1,2}月\d{1,2}[日号]")


class YearMark(NamedTuple):   # immutable and cheap to build: one per year written on a page
    start: int
    end: int
    year: int | None      # for a relative year (今年, 去年): the offset from the base year
    role: str             # fixes, of (the value right after), start, target, date, comparison, part
    relative: bool = False
    end_month: int = 0    # for a part of a year (1-5月) or a news day (3月5日): its last month


def find_year_marks(text: str, roc: bool = False) -> list[YearMark]:
    """Every year, relative year, part of a year and plan end written in ``text``, in order.
    ``roc``: the page counts years of the Republic of China (113年 is 2024)."""
    marks = []
    for m in YEAR.finditer(text):
        marks.append(YearMark(m.start(), m.end(), int(m.group(1)), year_role(text, m.start(), m.end())))
    for m in (ROC_BARE if roc else ROC_NAMED).finditer(text):
        marks.append(YearMark(m.start(), m.end(), int(m.group(1)) + ROC_OFFSET, year_role(text, m.start(), m.end())))
    for m in CENSUS_ORDINAL.finditer(text):
        marks.append(YearMark(m.start(), m.end(), CENSUS_YEAR[m.group(1)], year_role(text, m.start(), m.end())))
    for m in RELATIVE.finditer(text):
        # 今年以来 is year to date: it fixes this year, unlike 2025年以来
        offset = RELATIVE_OFFSET[m.group(1)]
        role = "start" if offset and START_AFTER.match(text, m.end()) else (
            "of" if CHANGE_FORM.match(text, m.end()) else "fixes")
        marks.append(YearMark(m.start(), m.end(), offset, role, relative=True))
    for m in filter(None, (NEWS_DAY.match(text, start) for start in news_day_starts(text))):
        month = int(m.group("month")) if m.group("month") else 0
        marks.append(YearMark(m.start(), m.end(), 0, "fixes", relative=True, end_month=month))
    for m in PLAN_END.finditer(text):
        marks.append(YearMark(m.start(), m.end(), PLAN_END_YEAR[m.group(1)], year_role(text, m.start(), m.end())))
    for _, m in first_matches(PARTS_OF_YEAR, text):
        if not YEAR_WORD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            marks.append(YearMark(m.start(), m.end(), 0, "part", relative=True, end_month=end_month(m)))
    marks.sort(key=lambda mark: mark.start)
    return marks


def news_day_starts(text: str) -> list[int]:
    """Every place a news day can start (the page's start after its spaces, then each sentence end's), in
    order: NEWS_DAY matched at each finds what its search does (no day holds a sentence end, so none
    starts inside another)."""
    return [LEADING_SPACES.match(text).end(), *(start.end() for start in NEWS_DAY_START.finditer(text))]


def year_role(text: str, start: int, end: int) -> str:
    """What the year written at ``start:end`` says about the figures near it."""
    before, after = text[max(0, start - 4): start], text[end: end + 24]
    if BRACKETED_YEAR.match(text, max(0, start - 1)):
        return "aside"          # 38.72万人（2019年）: dates the figure before it only
    if RATIO_BASE.search(before) and RATIO_AFTER.match(after):
        return "comparison"     # 是2012年的1.62倍: the base of a ratio
    if CHANGE_FORM.match(after):
        return "of"
    if COMPARISON_BEFORE.search(before) or (COMPARED_WITH_BEFORE.search(before)
                                             and COMPARED_WITH_AFTER.match(after)):
        return "comparison"     # 比2006年增长173.9%, 与2010年相比: the base of the change
    if FULL_DATE_AFTER.match(after):
        return "date"           # 2019年11月22日开业: dates its own clause only
    if START_AFTER.match(after) or SINCE_BEFORE.search(before):
        return "start"
    if TARGET_BEFORE.search(before) or TARGET_AFTER.match(after):
        return "target"
    return "fixes"


def end_month(match: regex.Match) -> int:
    """The month a part of a year ends in."""
    groups = match.groupdict()   # each form has only some of the groups
    if groups.get("year_end"):
        return 12
    if groups.get("half"):
        return 6 if groups["half"] == "上半年" else 12   # 下半年, 全年
    if groups.get("quarters"):
        return 9
    if groups.get("quarter"):
        return QUARTER_END[groups["quarter"]]
    month = groups.get("month") or groups.get("first") or groups.get("single")
    return int(month) if month.isdigit() else CHINESE_MONTH[month]


def first_matches(patterns: list[regex.Pattern], text: str) -> list[tuple[int, regex.Match]]:
    """(index of the pattern, its match) for what one alternation of ``patterns``, in their order,
    finds in ``text``: the leftmost match, at one place the first pattern listed, none overlapping.
    Each pattern searches on its own (every place it matches at): in one alternation the engine can
    no longer look for each pattern's literal words and tries every alternative at every character."""
    first_at: dict[int, tuple[int, regex.Match]] = {}   # start -> (pattern index, its match)
    for index, pattern in enumerate(patterns):
        for match in pattern.finditer(text, overlapped=True):
            first_at.setdefault(match.start(), (index, match))
    found, position = [], 0
    for start in sorted(first_at):
        if start < position:
            continue
        index, match = first_at[start]
        found.append((index, match))
        position = max(match.end(), start + 1)
    return found
