"""Which year a figure refers to.

Order of evidence, nearest first: a year in the figure's own clause (the
nearest before it, so ``从2020年的X增至2024年的Y`` gives each value its
year), a year or relative year (今年, 去年) earlier in the sentence, a year
earlier in the same paragraph, a year in the article's headline, the year of
a statistical bulletin's title. ``2025年以来`` and ``自2023年…至今`` mark a
start, not the year of the figure: the year stays empty, as it does for
``累计`` totals without a year. Relative years resolve against the
document's date; without one they stay empty.
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple

import regex

from extractors.catalog import COMPARISON_WORDS, TARGET_WORDS, alternation
from extractors.models import Article, Sentence

# A year is four digits before 年, or before an event name (2025杭州创业者大会),
# but not before a measure or a multiplier (2000多家, 2000名, 2000万元).
YEAR = regex.compile(
    r"(?<![\d.．])((?:19[5-9]|20[0-4])\d)(?:年(?!代)|(?=[\p{Han}“\"《])(?![多余万亿千百家个名人元位项次场户件条款所处支辆幢座台套张]))"
)
START_AFTER = regex.compile(r"[^，。；]{0,12}?(?:以来|至今|起|开始)")
SINCE_BEFORE = regex.compile(r"(?:自|始于)$")
TARGET_BEFORE = regex.compile(f"(?:(?<![增升降减提长])(?:到|至)|{alternation(TARGET_WORDS)}到?)$")
TARGET_AFTER = regex.compile(r"^(?:前|之前|底前|年底前)")
CHANGE_FORM = regex.compile(r"^(?:底|末)?的")   # 从2020年的2218.6亿元: the year belongs to that value
RELATIVE = regex.compile(r"(?<![比较同上])(今年|本年|当年|去年|上一年|过去一年|前年|明年|目前|当前|现阶段)(?!同期)")
RELATIVE_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上一年": -1, "过去一年": -1, "前年": -2, "明年": 1,
                   "目前": 0, "当前": 0, "现阶段": 0}
# 十三五期末 is the plan's last year; plans run five years from 2006 (十一五)
PLAN_END = regex.compile(r"(十一五|十二五|十三五|十四五|十五五|十六五)[”\"]?(?:期末|末期|末)")
PLAN_END_YEAR = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
CUMULATIVE = regex.compile(r"(?<!全年|当年|年度|今年|本年)累计|截至目前|至今|历年")   # 全年累计 is an annual total
# A heading line with a year (一、2023年工作回顾) dates its section, up to the next heading.
HEADING_LINE = regex.compile(
    r"(?m)^[ \t\u3000#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)?"
    r"[^\n。！？；]{0,28}$")
BULLETIN_TITLE = regex.compile(r"((?:19|20)\d\d)年[^，。]{0,30}?(?:统计公报|统计年鉴|统计指标|统计月报)")
COMPARISON_BEFORE = regex.compile(f"{alternation(COMPARISON_WORDS)}$")
FULL_DATE_AFTER = regex.compile(r"\d{1,2}月\d{1,2}[日号]")
LIST_BREAK = regex.compile(r"[；;]")   # a date's event ends at the next list item
REPORT_HEADLINE = regex.compile(r"报告|报吿")   # a report's title year is when it was delivered


class YearMark(NamedTuple):   # immutable and cheap to build: one per year written on a page
    start: int
    end: int
    year: int | None      # for a relative year (今年, 去年): the offset from the base year
    role: str             # fixes, start, target
    relative: bool = False


SUBSECTION_NUMBER = regex.compile(r"[（(][一二三四五六七八九十]+[)）]")
POINT_NUMBER = regex.compile(r"\d+[.、．]")


def _enter_section(open_sections: list[tuple[int, int | None]], heading: str) -> int | None:
    """Open the section a heading line starts, closing those at its depth or
    deeper (``open_sections``: (depth, year), outermost first); the year in
    force inside it."""
    depth = _heading_depth(heading.strip(" \t\u3000#"))
    while open_sections and open_sections[-1][0] >= depth:
        open_sections.pop()
    year = None if REPORT_HEADLINE.search(heading) else YEAR.search(heading)
    open_sections.append((depth, int(year.group(1)) if year else None))
    return next((y for _, y in reversed(open_sections) if y), None)


def _heading_depth(line: str) -> int:
    # Compiled once: regex.match(pattern, ...) looks the pattern up in
    # regex's cache on every call, which cost more than the match.
    if SUBSECTION_NUMBER.match(line):
        return 2
    if POINT_NUMBER.match(line):
        return 3
    return 1


class YearResolver:
    """Years of figures in one document (positions are document offsets)."""

    def __init__(self, text: str, sentences: list[Sentence], articles: list[Article],
                 date: dt.date | None, title: str | None):
        self.text = text
        self.base_year = date.year if date else None
        self.marks = self._find_marks(text)
        self.mark_starts = [m.start for m in self.marks]
        # Where each paragraph's first sentence starts: read in reverse, the
        # first sentence of a paragraph is the one written last.
        self.paragraph_start: dict[int, int] = {s.paragraph: s.start for s in reversed(sentences)}
        self.article_years = [self._headline_year(a) for a in articles]
        by_article: dict[int, list[Sentence]] = {}
        if not self.base_year and not all(self.article_years):   # lead years are needed
            for s in sentences:   # one pass, not one per article
                by_article.setdefault(s.article, []).append(s)
        # 今年 in an undated page means the year of the story: its headline's
        # or, as news leads date the event, the first year of its lead paragraph.
        self.article_base_years = [self.base_year or year or self._lead_year(a, by_article.get(i, []), i)
                                   for i, (a, year) in enumerate(zip(articles, self.article_years))]
        self.document_year = self._bulletin_year(title or "") or self._bulletin_year(text[:200])
        self.sections = self._section_years(text)
        self.section_starts = [start for start, _ in self.sections]

    def _find_marks(self, text: str) -> list[YearMark]:
        marks = []
        for m in YEAR.finditer(text):
            before, after = text[max(0, m.start() - 4): m.start()], text[m.end(): m.end() + 16]
            if CHANGE_FORM.match(after):
                role = "fixes"
            elif COMPARISON_BEFORE.search(before):
                role = "comparison"     # 比2006年增长173.9%: the base of the change
            elif FULL_DATE_AFTER.match(after):
                role = "date"           # 2019年11月22日开业: dates its own clause only
            elif START_AFTER.match(after) or SINCE_BEFORE.search(before):
                role = "start"
            elif TARGET_BEFORE.search(before) or TARGET_AFTER.match(after):
                role = "target"
            else:
                role = "fixes"
            marks.append(YearMark(m.start(), m.end(), int(m.group(1)), role))
        for m in RELATIVE.finditer(text):
            # 今年以来 is year to date: it fixes this year, unlike 2025年以来
            role = "fixes" if RELATIVE_OFFSET[m.group(1)] == 0 or not START_AFTER.match(text, m.end()) else "start"
            marks.append(YearMark(m.start(), m.end(), RELATIVE_OFFSET[m.group(1)], role, relative=True))
        for m in PLAN_END.finditer(text):
            marks.append(YearMark(m.start(), m.end(), PLAN_END_YEAR[m.group(1)], "fixes"))
        marks.sort(key=lambda mark: mark.start)
        return marks

    @staticmethod
    def _section_years(text: str) -> list[tuple[int, int | None]]:
        """(start, year in force) at each heading line. A heading closes the
        sections at its own depth or deeper: (一) sits inside 一、2024年…."""
        sections, open_sections = [], []   # open_sections: (depth, year)
        # HEADING_LINE spans whole lines, so matching each line finds what
        # finditer over the text finds, without trying every position; a
        # line with a full stop (most body lines) cannot match.
        line_start = 0
        for heading in text.split("\n"):
            start, line_start = line_start, line_start + len(heading) + 1
            if "。" in heading or not heading.strip() or not HEADING_LINE.match(heading):
                continue
            sections.append((start, _enter_section(open_sections, heading)))
        return sections

    def _section_year(self, position: int) -> int | None:
        index = bisect.bisect_right(self.section_starts, position) - 1
        return self.sections[index][1] if index >= 0 else None

    def _headline_year(self, article: Article) -> int | None:
        """A year in the article's head: kicker, deck and title."""
        head_end = article.title_end if article.title_end >= 0 else article.start
        head = self.text[article.start: max(head_end, article.start)] or article.title or ""
        if REPORT_HEADLINE.search(head):
            return None
        match = YEAR.search(head)
        return int(match.group(1)) if match else None

    def _lead_year(self, article: Article, sentences: list[Sentence], index: int) -> int | None:
        lead = [s for s in sentences if s.article == index]
        if not lead:
            return None
        first_paragraph = lead[0].paragraph
        end = max(s.end for s in lead if s.paragraph == first_paragraph)
        fixing = [m for m in self._marks_between(lead[0].start, end) if m.role == "fixes" and not m.relative
                  and not REPORT_HEADLINE.search(self._line_at(m.start))]
        return fixing[0].year if fixing else None

    def _year_of(self, mark: YearMark, article: int) -> int | None:
        if not mark.relative:
            return mark.year
        base = self.article_base_years[article] if 0 <= article < len(self.article_base_years) else self.base_year
        return base + mark.year if base else None

    def _line_at(self, position: int) -> str:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return self.text[start: end if end >= 0 else len(self.text)]

    @staticmethod
    def _bulletin_year(text: str) -> int | None:
        match = BULLETIN_TITLE.search(text)
        return int(match.group(1)) if match else None

    def _marks_between(self, start: int, end: int) -> list[YearMark]:
        lo = bisect.bisect_left(self.mark_starts, start)
        hi = bisect.bisect_left(self.mark_starts, end)
        return self.marks[lo:hi]

    def resolve(self, position: int, clause_start: int, sentence: Sentence, article: int) -> int | None:
        """The year of the figure that starts at ``position`` (document offset)."""
        # The marks between the bounds are slices of one sorted list; the
        # clause and the sentence before it share a bound. Most figures find
        # no mark in any of the three stretches and take their section's
        # year, so an empty stretch is not filtered.
        starts, marks = self.mark_starts, self.marks
        clause_first = bisect.bisect_left(starts, clause_start)
        sentence_first = bisect.bisect_left(starts, sentence.start)
        clause_end = bisect.bisect_left(starts, position)
        clause = ([m for m in marks[clause_first:clause_end] if m.role != "comparison"]
                  if clause_first < clause_end else [])
        # The mark test first: with a fixed year in the clause the text search cannot matter.
        if not any(m.role in ("fixes", "date") and not m.relative for m in clause) \
                and CUMULATIVE.search(self.text[clause_start:position]):   # a slice: no lookbehind past the clause
            return None     # 目前已累计投资31亿元: a running total has no year
        if clause:
            return self._year_of(clause[-1], article) if clause[-1].role in ("fixes", "date", "target") else None
        if sentence_first < clause_first:
            earlier = [m for m in marks[sentence_first:clause_first]
                       if m.role in ("fixes", "start")
                       or (m.role == "date" and not LIST_BREAK.search(self.text, m.end, clause_start))]
            if earlier:
                return self._year_of(earlier[-1], article) if earlier[-1].role in ("fixes", "date") else None
        paragraph_first = bisect.bisect_left(starts, self.paragraph_start.get(sentence.paragraph, sentence.start))
        if paragraph_first < sentence_first:
            in_paragraph = [m for m in marks[paragraph_first:sentence_first] if m.role == "fixes"]
            if in_paragraph:
                return self._year_of(in_paragraph[-1], article)
        section_year = self._section_year(sentence.start)
        if section_year:
            return section_year
        if 0 <= article < len(self.article_years) and self.article_years[article]:
            return self.article_years[article]
        if 0 <= article < len(self.article_base_years) and self.article_base_years[article] and not self.base_year:
            return self.article_base_years[article]
        return self.document_year
