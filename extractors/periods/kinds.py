"""Which part of its year a figure covers: its position in the page in, a period out.

The period grammar (docs/indicators.md): ``2024`` a year, ``2024H1`` a
half-year, ``2024Q1`` a quarter, ``2024M01-M05`` months from the first
(cumulative), ``2024M03`` one month, ``2019/2024`` a span of years (average
annual growth), ``2024-06-30`` a date (a stock at the end of June, a census
day). The year comes from ``periods.years``; this module adds which part of it,
from the words of ``period_words.yaml`` nearest before the figure (its clause,
then its sentence, its paragraph, its article's headline). A mark that would
give another year than the one resolved is not used: the period always ends in
the row's ``year``.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
from pathlib import Path
from typing import NamedTuple

import regex
import yaml

from extractors.catalog import AVERAGE_LEADS, GROWTH_CUES, GROWTH_NOUNS, YAML_LOADER, alternation
from extractors.models import PERIOD, Article, Sentence
from extractors.periods.marks import YEAR, first_matches

_WORDS = yaml.load((Path(__file__).with_name("period_words.yaml")).read_text(encoding="utf-8"), Loader=YAML_LOADER)
# Growth and average words are shared with the rules (catalog/words.yaml); the rest are this file's.
_FRAGMENTS = {**_WORDS["fragments"], "AVERAGE_LEAD": alternation(AVERAGE_LEADS),
              "GROWTH_CUE": alternation(GROWTH_CUES), "GROWTH_NOUN": alternation(GROWTH_NOUNS)}


def _compose(pattern: str) -> str:
    for name, fragment in _FRAGMENTS.items():
        pattern = pattern.replace("{" + name + "}", fragment)
    return pattern


MARKS = [(mark["kind"], regex.compile(_compose(mark["pattern"]))) for mark in _WORDS["marks"]]
MARK_PATTERNS = [pattern for _, pattern in MARKS]
REACH = {mark["kind"]: mark.get("reach", "paragraph") for mark in _WORDS["marks"]}
STRETCHES = ("clause", "sentence", "paragraph")
SPAN_YEARS = regex.compile(_WORDS["span_years"])
PLANS = {name: int(end) for name, end in _WORDS["plans"].items()}
PLAN = regex.compile("|".join(PLANS))
DEFAULT_SPAN_YEARS = int(_WORDS["default_span_years"])
CENSUS_DATES = {round_: str(day) for round_, day in _WORDS["census_dates"].items()}
LIST_BREAK = regex.compile(r"[；;]")
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

PERIOD_KINDS = ("year", "half", "quarter", "months", "month", "span", "date")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + CHINESE_DIGITS.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return CHINESE_DIGITS[text[0]] * 10
    return CHINESE_DIGITS[text]


def period_end_year(period: str) -> int | None:
    """The year a period ends in; ``None`` when it is not of the grammar."""
    match = PERIOD.match(period)
    if not match:
        return None
    return int(match.group("end") or match.group("span_end"))


def period_kind(period: str) -> str:
    """``2024`` year, ``2024H1`` half, ``2024Q1`` quarter, ``2024M01-M05`` months, ``2024M03`` month,
    ``2019/2024`` span, ``2024-06-30`` date; ``""`` for no period."""
    if not period:
        return ""
    if "/" in period:
        return "span"
    if period.count("-") == 2:
        return "date"
    tail = period[4:]
    if not tail:
        return "year"
    return {"H": "half", "Q": "quarter"}.get(tail[0], "months" if "-" in tail else "month")


def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _months(year: int, first: int, last: int) -> str:
    if first == 1 and last == 12:
        return str(year)
    if first == 1 and last == 6:
        return f"{year}H1"
    if last - first == 2 and first % 3 == 1:
        return f"{year}Q{last // 3}"
    if first == last:
        return f"{year}M{first:02d}"
    return f"{year}M{first:02d}-M{last:02d}"


class PeriodMark(NamedTuple):
    start: int
    end: int
    kind: str
    groups: dict


def find_marks(text: str) -> list[PeriodMark]:
    """The period marks of ``text``, left to right, as one alternation of the marks in their file order
    would find them: the leftmost, and at one place the first listed (``first_matches``: five times
    faster than the alternation)."""
    marks = []
    for index, match in first_matches(MARK_PATTERNS, text):
        # the mark's named groups (months, quarter) as its match in the whole text found them: a
        # lookahead past the mark's end (月(?=，)) holds only there
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        marks.append(PeriodMark(match.start(), match.end(), MARKS[index][0], groups))
    return marks


def _span(year: int, before: str) -> str:
    """``2019/2024``: from the first year written in ``before`` (the sentence up to the end of the
    average-annual mark), a number of years just before it (五年年均), or a plan."""
    years = [int(m.group(1)) for m in YEAR.finditer(before)]
    if years and years[0] < year:
        return f"{years[0]}/{year}"
    counted = SPAN_YEARS.search(before)
    if counted:
        return f"{year - _number(counted.group('years'))}/{year}"
    plan = PLAN.search(before)
    if plan and PLANS[plan.group()] == year:
        return f"{year - 5}/{year}"
    return f"{year - DEFAULT_SPAN_YEARS}/{year}"


WRITTEN_YEAR_BEFORE = regex.compile(r"((?:19|20)\d\d)\s*年\s*$")


def _year_written_before(mark: PeriodMark, before: str) -> int | None:
    """The year written just before a part-of-year mark; ``before`` is the text up to the mark's end."""
    written = WRITTEN_YEAR_BEFORE.search(before, 0, max(len(before) - (mark.end - mark.start), 0))
    return int(written.group(1)) if written else None


def period_from_mark(mark: PeriodMark | None, year: int, before: str = "",
                     date: dt.date | None = None) -> str | None:
    """The period a mark gives in ``year``; ``None`` when it gives none there (another year)."""
    kind, groups = (mark.kind, mark.groups) if mark else ("whole_year", {})
    if kind != "whole_year" and _year_written_before(mark, before) not in (None, year):
        return None        # 2024年3月28日 (a byline) or 2022年上半年 is no part of 2023
    if kind == "whole_year":
        return str(year)
    if kind == "half_first":
        return f"{year}H1"
    if kind == "half_second":
        return f"{year}H2"
    if kind == "quarter":
        return f"{year}Q{_number(groups['quarter'])}"
    if kind == "first_quarters":
        return _months(year, 1, 3 * _number(groups["quarters"]))
    if kind == "quarter_end":
        return _month_end(year, 3 * _number(groups["quarter"]))
    if kind in ("month_end", "until_month"):
        return _month_end(year, _number(groups["month"]))
    if kind == "month_range":
        first, last = _number(groups["first"]), _number(groups["last"])
        return _months(year, first, last) if 1 <= first <= last <= 12 else None
    if kind == "first_months":
        last = _number(groups["last"])
        return _months(year, 1, last) if 1 <= last <= 12 else None
    if kind == "single_month":
        return f"{year}M{_number(groups.get('month') or groups['month_lead']):02d}"
    if kind == "full_date":
        month, day = _number(groups["month"]), int(groups["day"])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if kind == "average_annual":
        return _span(year, before)
    if kind == "census":
        day = CENSUS_DATES.get(groups.get("round") or groups.get("short", ""))
        return day if day and int(day[:4]) == year else None
    if kind == "year_to_date":
        if date and date.year == year and date.month > 1:
            return _months(year, 1, date.month - (date.day < 10))
        return str(year)
    raise ValueError(f"unknown period mark kind {kind!r}")


@functools.lru_cache(maxsize=1024)   # the cells of a table row and the figures of an article read the same words
def period_of_words(year: int | None, text: str, date: dt.date | None = None) -> str:
    """The period of a figure preceded by ``text`` (a table header, a subject): the last mark wins."""
    if year is None:
        return ""
    for mark in reversed(find_marks(text)):
        period = period_from_mark(mark, year, text[: mark.end], date)
        if period:
            return period
    return str(year)


class PeriodResolver:
    """Periods of the figures of one document (positions are document offsets)."""

    def __init__(self, text: str, sentences: list[Sentence], articles: list[Article], date: dt.date | None):
        self.text = text
        self.date = date
        self.marks = find_marks(text)
        self.mark_ends = [m.end for m in self.marks]
        self.paragraph_start: dict[int, int] = {s.paragraph: s.start for s in reversed(sentences)}
        self.heads = [text[a.start: max(a.title_end, a.start)] if a.title_end >= 0 else (a.title or "")
                      for a in articles]

    def _nearest(self, low: int, high: int, stretch: str) -> PeriodMark | None:
        """The last mark ending in ``[low, high]`` that reaches as far as ``stretch``."""
        index = bisect.bisect_right(self.mark_ends, high) - 1
        depth = STRETCHES.index(stretch)
        while index >= 0 and self.marks[index].start >= low:
            mark = self.marks[index]
            reach = REACH[mark.kind]
            if STRETCHES.index(reach) >= depth and not (
                    reach == "sentence" and depth and LIST_BREAK.search(self.text, mark.end, high)):
                return mark
            index -= 1
        return None

    def resolve(self, position: int, clause_start: int, sentence: Sentence, article: int, year: int | None) -> str:
        """The period of the figure at ``position``, in the year ``year`` resolved for it."""
        if year is None:
            return ""
        paragraph = self.paragraph_start.get(sentence.paragraph, sentence.start)
        lows = (clause_start, sentence.start, min(paragraph, sentence.start))
        for low, stretch in zip(lows, STRETCHES):
            mark = self._nearest(low, position, stretch)
            if mark is not None:
                period = period_from_mark(mark, year, self.text[min(sentence.start, mark.start): mark.end],
                                          self.date)
                return period or str(year)
        head = self.heads[article] if 0 <= article < len(self.heads) else ""
        return period_of_words(year, head, self.date)
