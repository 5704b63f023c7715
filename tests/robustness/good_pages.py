"""Three small, invented pages that every run must extract, whatever bad files sit beside them."""
from __future__ import annotations

import functools
from pathlib import Path

GOOD_PAGES = {
    "good_a.txt": "翠屏区经济运行情况\n2024年，翠屏区的地区生产总值为1234.6亿元，同比增长5.3%。"
                  "全区规模以上工业增加值增长7.1%，社会消费品零售总额456.2亿元。\n",
    "good_b.txt": "章贡区召开民营经济发展大会\n2023年，章贡区新增市场主体8765户，其中新增企业2341家。"
                  "全区常住人口达到61.2万人，城镇居民人均可支配收入48210元。\n",
    "good_c.txt": "涪城区一般公共预算收入稳步增长\n2024年，涪城区完成一般公共预算收入38.7亿元，增长6.2%；"
                  "固定资产投资增长9.4%，实际利用外资1.8亿美元。\n",
}
# One row of each page that must come out whole: (file, raw_text, indicator, region, year).
KEY_ROWS = {
    ("good_a.txt", "1234.6亿元", "gdp", "翠屏区", 2024),
    ("good_b.txt", "2341家", "enterprise_count", "章贡区", 2023),
    ("good_c.txt", "38.7亿元", "fiscal_revenue", "涪城区", 2024),
}


def write_good_pages(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD_PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")


def key_rows(frame) -> set[tuple]:
    return {(row.source_file, row.raw_text, row.indicator, row.region, int(row.year))
            for row in frame.itertuples() if row.source_file in GOOD_PAGES}


@functools.cache
def reference_ids() -> frozenset[str]:
    """The ``obs_id`` of every row the good pages give when extracted alone."""
    from extractors.run.pipeline import extract_bytes

    return frozenset(row.obs_id for name, text in GOOD_PAGES.items()
                     for row in extract_bytes(text.encode("utf-8"), name).observations)


def assert_good_rows(frame) -> None:
    """The good pages' rows are all there, as when they are extracted alone, and nothing else."""
    assert KEY_ROWS <= key_rows(frame)
    assert set(frame["obs_id"]) == reference_ids() and len(frame) == len(reference_ids())
