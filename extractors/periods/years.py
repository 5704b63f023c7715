"""Which year a figure refers to.

Order of evidence, nearest first: a year in the figure's own clause (the
nearest before it, so ``从2020年的X增至2024年的Y`` gives each value its
year), a year or relative year (今年, 去年) earlier in the sentence, a year
earlier in the same paragraph, a year in the article's headline, the year of
a statistical bulletin's title. ``2025年以来`` and ``自2023年…至今`` mark a
start, not the year of the figure: the year stays empty, as it does for
``累计`` totals without a year. Relative years resolve against the
document's date; without one they stay empty.

A part of a year (一季度, 上半年, 1-5月, 前两月) belongs to the year in force:
its section's, the bulletin's, else the page's (the year before when the
part ends after the page's month: 前三季度 on a January page). A statistical
bulletin's year comes from its title or its opening sentence (2022年，全县…)
and a census page's from its census moment (2020年11月1日零时). A review
heading without a year (过去五年工作回顾) dates its section to the year
before the report's.

The years written on the page and their roles come from ``marks``.
"""
from __future__ import annotations

import bisect
import datetime as dt

import regex

from extractors.catalog import TARGET_WORDS, alternation
from extractors.models import Article, Sentence
from extractors.periods.marks import (BRACKETED_YEAR, CENSUS_MOMENT, CENSUS_ORDINAL, CENSUS_YEAR, RELATIVE,
                                      RELATIVE_OFFSET, YEAR, YearMark, find_year_marks)

# 从2020年的X增至Y: a year written before 的 dates X only, not a later value of
# its clause (增至Y, 提高到Y) nor the next clause, unless it ends the change (增至2024年的Y)
OF_VALUE_ONLY = regex.compile(r"[^，。；,;至到为]{0,24}$")
CHANGE_END_BEFORE = regex.compile(r"(?:至|到)$")
CUMULATIVE = regex.compile(r"(?<!全年|当年|年度|今年|本年)累计|至今|历年")   # 全年累计 is an annual total
# 五年来，… / 过去十年… lead a sentence about a span of years: its figures have no one year
MULTI_YEAR_SPAN = regex.compile(
    r"(?:(?<![\d年])(?:[二三四五六七八九十两]+|\d{1,2})年(?:来|以来|间)|过去[二三四五六七八九十两]+年|近[二三四五六七八九十两]+年"
    r"|(?<!\d)(?:19|20)\d\d\s*年?\s*[—\-–~～至到]\s*(?:19|20)\d\d(?!\d))")     # a plan's years: 行动方案（2026—2030）
# A heading line with a year (一、2023年工作回顾) dates its section, up to the next heading.
HEADING_LINE = regex.compile(
    r"(?m)^[ \t\u3000#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)?"
    r"[^\n。！？；]{0,28}$")
BULLETIN_TITLE = regex.compile(r"((?:19|20)\d\d)年[^，。]{0,30}?(?:统计公报|统计年鉴|统计指标|统计月报)")
# A heading of a review with no year (一、过去五年工作回顾): its figures are of the year before the report's.
REVIEW_HEADING = regex.compile(r"过去(?:的)?[一五十]?年|[一五]年来|本届政府|工作回顾")
# A heading of plans (二、2025年主要目标和任务, 明年工作安排): its section sets out goals, not figures
# reached (kinds.yaml, target.plan_section), unless it reports how they went (目标任务完成情况).
PLAN_HEADING = regex.compile(r"目标|任务|安排|打算|计划|展望|思路")
PLAN_REPORTED = regex.compile(r"完成|执行|情况|回顾|成效|成绩|进展|总结")
BULLETIN_HEAD = regex.compile(r"公报|统计月报|统计年鉴|国民经济和社会发展")
# A bulletin's opening sentence: 2022年，全县… / 2022年是…之年
OPENING_YEAR = regex.compile(r"^[\s\u3000]*((?:19|20)\d\d)年(?:[，,]|是|全[省市县区镇乡])")
# 总人口48.37万人（2005年）: a year in brackets right after the figure
FOLLOWING_YEAR = regex.compile(r"[\s\u3000]*" + BRACKETED_YEAR.pattern)
PLAN_BEFORE = regex.compile(f"(?:{alternation(TARGET_WORDS)}|计划|预期|有望)[^，。；]{{0,6}}$")
PLAN_AFTER = regex.compile(f"[^，。；]{{0,2}}(?:{alternation(TARGET_WORDS)}|计划|预期|有望)")   # 全年预计实现…
LIST_BREAK = regex.compile(r"[；;]")   # a date's event ends at the next list item
REPORT_HEADLINE = regex.compile(r"报告|报吿")   # a report's title year is when it was delivered
SUBSECTION_NUMBER = regex.compile(r"[（(][一二三四五六七八九十]+[)）]")
POINT_NUMBER = regex.compile(r"\d+[.、．]")


def _enter_section(open_sections: list[tuple[int, int | None, bool]], heading: str,
                   written_year: int | None = None) -> tuple[int | None, bool]:
    """Open the section a heading line starts, closing those at its depth or
    deeper (``open_sections``: (depth, year, plan), outermost first); the year
    in force inside it and whether it sets out plans (its own heading says so,
    or it sits in a section of plans and reports nothing). ``written_year``: the
    year the report was delivered or the page written, when known: a heading's
    relative year counts from it (明年工作打算), and a review heading without a
    year (过去五年工作回顾) stands for the year before it."""
    depth = _heading_depth(heading.strip(" \t\u3000#"))
    while open_sections and open_sections[-1][0] >= depth:
        open_sections.pop()
    report = REPORT_HEADLINE.search(heading) is not None
    match = None if report else YEAR.search(heading)
    year = int(match.group(1)) if match else None
    review = REVIEW_HEADING.search(heading) is not None
    names_plans = PLAN_HEADING.search(heading) is not None
    if year is None and written_year and (review or names_plans) and not report:
        # only a heading of a review or of plans: a headline's 去年 dates its story, not the page
        relative = RELATIVE.search(heading)
        if relative:
            year = written_year + RELATIVE_OFFSET[relative.group(1)]
        elif review:
            year = written_year - 1
    reported = review or PLAN_REPORTED.search(heading) is not None
    plan = not reported and (names_plans or bool(open_sections and open_sections[-1][2]))
    open_sections.append((depth, year, plan))
    return next((y for _, y, _ in reversed(open_sections) if y), None), plan


def delivered_year(title: str) -> int | None:
    """The year a report was delivered, from its title: the last year it names
    (2026年政府工作报告; 关于2025年计划执行情况与2026年计划草案的报告); a report
    on a year (2025年度工作报告) is delivered the year after."""
    years = list(YEAR.finditer(title)) if REPORT_HEADLINE.search(title) else []
    if not years:
        return None
    return int(years[-1].group(1)) + title.startswith("度", years[-1].end())


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
                 date: dt.date | None, title: str | None, roc: bool = False):
        self.text = text
        self.date = date
        self.base_year = date.year if date else None
        self.marks = find_year_marks(text, roc)
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
        # An undated report's 今年 is the year it was delivered (its title's).
        delivered = delivered_year(title or "")
        self.article_base_years = [self.base_year or year or delivered_year(self._head(a)) or delivered
                                   or self._lead_year(a, by_article.get(i, []), i)
                                   for i, (a, year) in enumerate(zip(articles, self.article_years))]
        head = f"{title or ''}\n{text[:300]}"
        self.document_year = (self._bulletin_year(title or "") or self._bulletin_year(text[:200])
                              or self._census_year(head) or self._opening_year(head, sentences))
        self.sections = self._section_years(text, delivered or self.base_year)
        self.section_starts = [start for start, *_ in self.sections]

    @staticmethod
    def _section_years(text: str, written_year: int | None = None) -> list[tuple[int, int | None, bool]]:
        """(start, year in force, whether it sets out plans) at each heading line. A
        heading closes the sections at its own depth or deeper: (一) sits inside 一、2024年…."""
        sections, open_sections = [], []   # open_sections: (depth, year, plan)
        # HEADING_LINE spans whole lines, so matching each line finds what
        # finditer over the text finds, without trying every position; a
        # line with a full stop (most body lines) cannot match.
        line_start = 0
        for heading in text.split("\n"):
            start, line_start = line_start, line_start + len(heading) + 1
            if "。" in heading or not heading.strip() or not HEADING_LINE.match(heading):
                continue
            sections.append((start, *_enter_section(open_sections, heading, written_year)))
        return sections

    @staticmethod
    def _head_end(article: Article) -> int:
        return max(article.title_end if article.title_end >= 0 else article.start, article.start)

    def _head(self, article: Article) -> str:
        return self.text[article.start: self._head_end(article)] or article.title or ""

    def _section_year(self, position: int) -> int | None:
        index = bisect.bisect_right(self.section_starts, position) - 1
        return self.sections[index][1] if index >= 0 else None

    def in_plan_section(self, position: int) -> bool:
        """Whether the text at ``position`` sits under a heading of plans (PLAN_HEADING)."""
        index = bisect.bisect_right(self.section_starts, position) - 1
        return index >= 0 and self.sections[index][2]

    def _headline_year(self, article: Article) -> int | None:
        """A year in the article's head: kicker, deck and title; or, on a dated page, the year of a
        part of a year the headline names (前三季度…成绩单 on 30 October: that year's)."""
        head_end = self._head_end(article)
        head = self._head(article)
        if REPORT_HEADLINE.search(head):
            return None
        match = YEAR.search(head)
        if match:
            return int(match.group(1))
        first = bisect.bisect_left(self.mark_starts, article.start)
        last = bisect.bisect_left(self.mark_starts, head_end)
        part = next((m for m in self.marks[first:last] if m.role == "part"), None)
        if part is None or not self.date or head_end <= article.start:
            return None
        return self.date.year - (part.end_month > self.date.month)

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
        # 上年 in a bulletin is the year before the bulletin's, whenever it was published
        base = self.document_year or (
            self.article_base_years[article] if 0 <= article < len(self.article_base_years) else self.base_year)
        if not base:
            return None
        if mark.role != "part" and mark.end_month and self.date and base == self.date.year \
                and mark.end_month > self.date.month:
            return base - 1    # 12月28日 on a January page
        return base + mark.year

    def _part_year(self, position: int, sentence: Sentence, article: int, mark: YearMark) -> int | None:
        """A part of a year (上半年, 1-5月) takes the year in force: the section's,
        the bulletin's, else the page's, or the one before when the part ends
        after the month of the page."""
        in_force = self._section_year(sentence.start) or self.document_year
        if in_force:
            return in_force
        if self.date:
            if PLAN_BEFORE.search(self.text, max(sentence.start, mark.start - 8), mark.start) \
                    or PLAN_AFTER.match(self.text, mark.end, sentence.end):
                return self.date.year    # 力争全年…, 全年预计…: the year ahead of the page
            return self.date.year - (mark.end_month > self.date.month)
        return self._context_year(position, sentence.start, sentence, article, parts=False)

    def _line_at(self, position: int) -> str:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return self.text[start: end if end >= 0 else len(self.text)]

    @staticmethod
    def _bulletin_year(text: str) -> int | None:
        match = BULLETIN_TITLE.search(text)
        return int(match.group(1)) if match else None

    @staticmethod
    def _census_year(head: str) -> int | None:
        if "普查" not in head:
            return None
        match = CENSUS_MOMENT.search(head)
        if match:
            return int(match.group(1))
        ordinal = CENSUS_ORDINAL.search(head)
        return CENSUS_YEAR[ordinal.group(1)] if ordinal else None

    @staticmethod
    def _opening_year(head: str, sentences: list[Sentence]) -> int | None:
        """A bulletin's year from its opening sentence (2022年，全县…)."""
        if not BULLETIN_HEAD.search(head):
            return None
        for sentence in sentences[:4]:
            match = OPENING_YEAR.match(sentence.text)
            if match:
                return int(match.group(1))
        return None

    def _marks_between(self, start: int, end: int) -> list[YearMark]:
        lo = bisect.bisect_left(self.mark_starts, start)
        hi = bisect.bisect_left(self.mark_starts, end)
        return self.marks[lo:hi]

    def _clause_marks(self, marks: list[YearMark], position: int) -> list[YearMark]:
        """The marks of a figure's clause that can date it. 从2020年的X增至Y: the
        year of an ``of`` mark is X's, not Y's; 由上年的X提高到Y: Y is this year's."""
        kept = []
        for mark in marks:
            if mark.role in ("comparison", "aside"):
                continue
            if mark.role == "of" and not OF_VALUE_ONLY.match(self.text, mark.end, position):
                if not (mark.relative and mark.year < 0):
                    continue
                mark = mark._replace(year=0, role="fixes")
            kept.append(mark)
        return kept

    def _ends_a_change(self, mark: YearMark) -> bool:
        """增至2024年的Y: the end of a change dates the clauses after it (年均增长Z)."""
        return bool(CHANGE_END_BEFORE.search(self.text, max(0, mark.start - 3), mark.start))

    def _closed_before(self, mark: YearMark, position: int) -> bool:
        """A year inside brackets that close before the figure (（注：2021年…）) is an aside."""
        opening = max(self.text.rfind("（", max(0, mark.start - 80), mark.start),
                      self.text.rfind("(", max(0, mark.start - 80), mark.start))
        if opening < 0 or max(self.text.rfind("）", opening, mark.start), self.text.rfind(")", opening, mark.start)) >= 0:
            return False
        closing = [c for c in (self.text.find("）", mark.end, position), self.text.find(")", mark.end, position)) if c >= 0]
        return bool(closing)

    def resolve(self, position: int, clause_start: int, sentence: Sentence, article: int,
                end: int | None = None) -> int | None:
        """The year of the figure at ``position:end`` (document offsets)."""
        if end is not None:
            following = FOLLOWING_YEAR.match(self.text, end)
            if following:
                return int(following.group(1))    # 总人口48.37万人（2005年）
        # The marks between the bounds are a slice of one sorted list. Most
        # figures find no mark in their clause and take their section's year.
        starts, marks = self.mark_starts, self.marks
        clause_first = bisect.bisect_left(starts, clause_start)
        clause_end = bisect.bisect_left(starts, position)
        clause = self._clause_marks(marks[clause_first:clause_end], position) if clause_first < clause_end else []
        # The mark test first: with a fixed year in the clause the text search cannot matter.
        if not any(m.role in ("fixes", "of", "date") and not m.relative for m in clause) \
                and CUMULATIVE.search(self.text[clause_start:position]) \
                and not self._year_so_far_before(sentence, clause_end):   # a slice: no lookbehind past the clause
            return None     # 目前已累计投资31亿元: a running total has no year
        if clause:
            last = clause[-1]
            if last.role == "part":
                return self._part_year(position, sentence, article, last)
            return self._year_of(last, article) if last.role in ("fixes", "of", "date", "target") else None
        return self._context_year(position, clause_start, sentence, article)

    def _ahead_of_page(self, mark: YearMark, article: int) -> bool:
        """A year after the page's own (明年全市计划…, 2026年，全市将… on a page of 2024)
        dates a plan in its sentence; the sentences after it are back in the present."""
        if not self.date:
            return False
        year = self._year_of(mark, article)
        return year is not None and year > self.date.year

    def _year_so_far_before(self, sentence: Sentence, marks_end: int) -> bool:
        """Whether a part of a year or 今年以来 comes before the figure in its sentence (``marks_end``:
        the index of the first mark after it): 1-10月，…累计增长 and 今年以来，…累计授信 are totals of
        this year so far, not running totals of many years."""
        first = bisect.bisect_left(self.mark_starts, sentence.start)
        return any(mark.role == "part" or self._this_year_so_far(mark) for mark in self.marks[first:marks_end])

    def _this_year_so_far(self, mark: YearMark) -> bool:
        return mark.relative and mark.year == 0 and mark.role == "fixes" and self.text.startswith("以来", mark.end)

    def _context_year(self, position: int, clause_start: int, sentence: Sentence, article: int,
                      parts: bool = True) -> int | None:
        """The year of a figure whose own clause names none: from earlier in its
        sentence, its paragraph, its section, its headline or the document
        (``parts``: whether a part of a year met on the way counts)."""
        # 到2027年，全县…将达到80亿元: a year to be reached dates the rest of its sentence
        in_sentence = ("fixes", "start", "part", "target") if parts else ("fixes", "start", "target")
        in_paragraph_roles = ("fixes", "part") if parts else ("fixes",)
        starts, marks = self.mark_starts, self.marks
        sentence_first = bisect.bisect_left(starts, sentence.start)
        clause_first = bisect.bisect_left(starts, clause_start)
        if sentence_first < clause_first:
            earlier = [m for m in marks[sentence_first:clause_first]
                       if (m.role in in_sentence or (m.role == "of" and self._ends_a_change(m))
                           or (m.role == "date" and not LIST_BREAK.search(self.text, m.end, clause_start)))
                       and not self._closed_before(m, position)]
            if earlier:
                last = earlier[-1]
                if last.role == "part":
                    return self._part_year(position, sentence, article, last)
                return self._year_of(last, article) if last.role in ("fixes", "of", "date", "target") else None
        if MULTI_YEAR_SPAN.search(self.text, sentence.start, position):
            return None     # 五年来，全区新增…: a span of years, no one year
        paragraph_first = bisect.bisect_left(starts, self.paragraph_start.get(sentence.paragraph, sentence.start))
        if paragraph_first < sentence_first:
            in_paragraph = [m for m in marks[paragraph_first:sentence_first]
                            if m.role in in_paragraph_roles and not self._closed_before(m, position)
                            and not self._ahead_of_page(m, article)]
            if in_paragraph:
                last = in_paragraph[-1]
                if last.role == "part":
                    return self._part_year(position, sentence, article, last)
                return self._year_of(last, article)
        section_year = self._section_year(sentence.start)
        if section_year:
            return section_year
        if 0 <= article < len(self.article_years) and self.article_years[article]:
            return self.article_years[article]
        if 0 <= article < len(self.article_base_years) and self.article_base_years[article] and not self.base_year:
            return self.article_base_years[article]
        return self.document_year
