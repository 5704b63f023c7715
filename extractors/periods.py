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
from dataclasses import dataclass

import regex

from .models import Article, Sentence

# A year is four digits before 年, or before an event name (2025杭州创业者大会),
# but not before a measure or a multiplier (2000多家, 2000名, 2000万元).
YEAR = regex.compile(
    r"(?<![\d.．])((?:19[5-9]|20[0-4])\d)(?:年(?!代)|(?=[\p{Han}“\"《])(?![多余万亿千百家个名人元位项次场户件条款所处支辆幢座台套张]))"
)
START_AFTER = regex.compile(r"^[^，。；]{0,12}?(?:以来|至今|起|开始)")
START_BEFORE = regex.compile(r"(?:自|始于|从)$")
TARGET_BEFORE = regex.compile(r"(?:(?<![增升降减提长])(?:到|至)|力争|争取|确保|目标|预计到?)$")
TARGET_AFTER = regex.compile(r"^(?:前|之前|底前|年底前)")
CHANGE_FORM = regex.compile(r"^(?:底|末)?的")   # 从2020年的2218.6亿元: the year belongs to that value
RELATIVE = regex.compile(r"(?<![比较同上])(今年|本年|当年|去年|上一年|过去一年|前年|明年)(?!同期)")
RELATIVE_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上一年": -1, "过去一年": -1, "前年": -2, "明年": 1}
CUMULATIVE = regex.compile(r"累计|截至目前|至今|历年")
BULLETIN_TITLE = regex.compile(r"((?:19|20)\d\d)年[^，。]{0,30}?(?:统计公报|国民经济和社会发展|统计年鉴|主要统计指标)")


@dataclass(frozen=True)
class YearMark:
    start: int
    end: int
    year: int | None      # None for a relative year that cannot be resolved
    role: str             # fixes, start, target


class YearResolver:
    """Years of figures in one document (positions are document offsets)."""

    def __init__(self, text: str, sentences: list[Sentence], articles: list[Article],
                 date: dt.date | None, title: str | None):
        self.text = text
        self.base_year = date.year if date else None
        self.marks = self._find_marks(text)
        self.mark_starts = [m.start for m in self.marks]
        self.article_years = [self._headline_year(a) for a in articles]
        self.document_year = self._bulletin_year(title or "") or self._bulletin_year(text[:200])
        self.paragraph_start: dict[int, int] = {}
        for s in sentences:
            self.paragraph_start.setdefault(s.paragraph, s.start)

    def _find_marks(self, text: str) -> list[YearMark]:
        marks = []
        for m in YEAR.finditer(text):
            before, after = text[max(0, m.start() - 4): m.start()], text[m.end(): m.end() + 16]
            if START_BEFORE.search(before) and not CHANGE_FORM.match(after):
                role = "start"
            elif START_AFTER.match(after) and not CHANGE_FORM.match(after):
                role = "start"
            elif TARGET_BEFORE.search(before) or TARGET_AFTER.match(after):
                role = "target"
            else:
                role = "fixes"
            marks.append(YearMark(m.start(), m.end(), int(m.group(1)), role))
        for m in RELATIVE.finditer(text):
            after = text[m.end(): m.end() + 16]
            role = "start" if START_AFTER.match(after) else "fixes"
            year = self.base_year + RELATIVE_OFFSET[m.group(1)] if self.base_year else None
            marks.append(YearMark(m.start(), m.end(), year, role))
        marks.sort(key=lambda mark: mark.start)
        return marks

    def _headline_year(self, article: Article) -> int | None:
        match = YEAR.search(article.title or "")
        return int(match.group(1)) if match else None

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
        clause = [m for m in self._marks_between(clause_start, position) if m.role != "target"]
        if clause:
            return clause[-1].year if clause[-1].role == "fixes" else None
        clause_text = self.text[clause_start:position]
        earlier = [m for m in self._marks_between(sentence.start, clause_start) if m.role != "target"]
        if earlier:
            return earlier[-1].year if earlier[-1].role == "fixes" else None
        if CUMULATIVE.search(clause_text):
            return None
        paragraph_start = self.paragraph_start.get(sentence.paragraph, sentence.start)
        in_paragraph = [m for m in self._marks_between(paragraph_start, sentence.start) if m.role == "fixes"]
        if in_paragraph:
            return in_paragraph[-1].year
        if 0 <= article < len(self.article_years) and self.article_years[article]:
            return self.article_years[article]
        return self.document_year
