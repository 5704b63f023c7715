"""Year marks searched in pieces are what one search finds.

The parts of a year are searched one form at a time: the alternation below, in
the order of ``PARTS_OF_YEAR``, is the definition. A news day is matched only
where one can start: ``NEWS_DAY``'s own search is the definition. Texts are
invented and crowded with marks that start inside one another.
"""
import random

import regex

from extractors.periods.marks import NEWS_DAY, YEAR_WORD_BEFORE, end_month, find_year_marks, news_day_starts

ALTERNATION = regex.compile(
    r"(?=[上下全前第一二三四1-9年])(?<![年\d])(?:(?P<half>上半年|下半年|全年)|(?P<quarters>前三季度|[一1]\s*[-—–~～至到]\s*[三3]季度)"
    r"|第?(?P<quarter>[一二三四1-4])季度"
    r"|[1一]\s*[-—–~～至到]\s*(?P<month>1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])\s*月(?![\d日号])"
    r"|前(?P<first>1[0-2]|[2-9]|十[一二]?|[两二三四五六七八九])个?月"
    r"|(?<![\d月])(?P<single>1[0-2]|[1-9])月(?:份|末|底)"
    r"|(?:^|(?<=[。；！？\n]))(?P<single>1[0-2]|[1-9])月(?=[，,])"
    r"|(?<![今去本当明上前])(?P<year_end>年末|年底))")
PIECES = ["2023年", "今年", "上半年", "下半年", "全年", "1-9月", "1 — 3季度", "一至三季度", "前三季度", "第二季度", "三季度",
          "9月末", "5月份", "10月底", "1月，", "前5个月", "前十一个月", "1至十二月", "1 - 12 月", "年末", "年底", "今年末",
          "12月31日", "比上年", "同比", "增长4.6%", "，", "。", "\n", " ", "月", "季度", "前", "年", "一", "1", "-", "至"]


def _parts_by_alternation(text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), end_month(m)) for m in ALTERNATION.finditer(text)
            if not YEAR_WORD_BEFORE.search(text, max(0, m.start() - 8), m.start())]


def _parts_found(text: str) -> list[tuple[int, int, int]]:
    return [(m.start, m.end, m.end_month) for m in find_year_marks(text) if m.role == "part"]


def test_crowded_random_texts_give_the_parts_of_the_alternation():
    rng = random.Random(20261204)
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert _parts_found(text) == _parts_by_alternation(text), text


NEWS_PIECES = ["。", "！", "？", "\n", "）", ")", "电", "讯", " ", "\u3000", "26日", "3月5日", "12月31日", "近日", "日前",
               "昨天", "今日", "，", "上午", "晚", "12", "5", "日", "号", "月", "x", "\U00011f50", "\u0663"]


def test_news_days_tried_at_their_starts_are_the_days_the_search_finds():
    rng = random.Random(20261205)
    for _ in range(3000):
        text = "".join(rng.choice(NEWS_PIECES) for _ in range(rng.randint(1, 25)))
        searched = [(m.start(), m.end()) for m in NEWS_DAY.finditer(text)]
        assert [(m.start(), m.end()) for m in filter(None, (NEWS_DAY.match(text, start)
                                                            for start in news_day_starts(text)))] == searched, text
