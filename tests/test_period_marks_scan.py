"""The period marks are searched one pattern at a time; the result is what one alternation finds.

The alternation of every mark, in the file's order, is the definition (the
leftmost mark, and at one place the first listed); ``find_marks`` searches
each pattern alone because that is five times faster. Texts are invented and
crowded with marks that start inside one another.
"""
import random

import regex

from extractors.periods.kinds import MARKS, PeriodMark, find_marks

ALTERNATION = regex.compile("|".join(f"(?P<m{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(MARKS)))
PIECES = ["2023年", "今年以来", "上半年", "1-9月", "一至三季度", "前三季度", "第二季度", "9月末", "截至10月底",
          "年均增长", "平均每年", "5月份", "12月31日", "第七次全国人口普查", "七普数据", "全年", "比上年", "去年同期",
          "同比", "增长4.6%", "，", "。", "地区生产总值", "十二", "月", "季度末", "1月，", "3\u20145月", "较上半年"]


def _by_alternation(text: str) -> list[PeriodMark]:
    marks = []
    for match in ALTERNATION.finditer(text):
        index = next(int(name[1:]) for name, value in match.groupdict().items()
                     if value is not None and name[0] == "m" and name[1:].isdigit())
        groups = {name: value for name, value in match.groupdict().items()
                  if value is not None and not (name[0] == "m" and name[1:].isdigit())}
        marks.append(PeriodMark(match.start(), match.end(), MARKS[index][0], groups))
    return marks


def test_written_sentences_give_the_marks_of_the_alternation():
    for text in ("2023年1-9月，全镇规上工业增加值同比增长7.2%，比上半年提高0.8个百分点。",
                 "截至9月末，各项贷款余额较年初增加315亿元；第三季度末存款余额2046亿元。",
                 "“十四五”以来年均增长6.5%，今年以来新增市场主体1.2万户。"):
        assert find_marks(text) == _by_alternation(text)
        assert find_marks(text)                                   # each sentence has marks to find


def test_crowded_random_texts_give_the_marks_of_the_alternation():
    rng = random.Random(20250917)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert find_marks(text) == _by_alternation(text), text
