"""Benchmark of the dashboard at 1,000,000 rows (a script, not a test).

Generates rows of the spec's shape (regions city -> district -> street,
the indicator catalog with its units, subjects, years, qualifiers, kinds,
documents with text) into a temporary ``data/``, then measures with
Streamlit's ``AppTest`` (server time of a script run, no browser):

* first render of Compare and of Table (cold caches, including loading the data),
* a filter change on Table,
* building the full CSV download (both variants) and the zip;

and, for the choice of engine, the same filter in pandas (categoricals) and
in DuckDB over the Parquet file.

    .venv/bin/python benchmarks/bench_dashboard.py [--rows 1000000] [--keep DIR]

Targets: first render < 2 s, filter < 0.3 s, CSV < 5 s.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.catalog import INDICATOR_UNITS, measures_of  # noqa: E402
from extractors.models import OUTPUT_COLUMNS  # noqa: E402

TARGETS = {"first render": 2.0, "filter change": 0.3, "csv": 5.0}
DISTRICT_NAMES = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区",
                  "桐庐县", "淳安县", "建德市"]
CITY_NAMES = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"]
SUBJECT_WORDS = ["规上工业企业", "高新技术企业", "文化产业营收", "数字经济核心产业", "人工智能相关企业", "常住人口",
                 "城镇居民", "创业担保贷款", "社会消费品零售总额", "固定资产投资", "孵化载体", "志愿者", "游客",
                 "未来产业类企业", "规上信软企业", "进出口总额", "一般公共预算收入", "民生支出", "养老床位", "招聘会"]
UNIT_WORDS = {"CNY": "亿元", "USD": "亿美元", "HKD": "亿港元", "MOP": "亿澳门元", "TWD": "亿新台币", "person": "万人",
              "person_time": "万人次", "count": "家", "percent": "%", "km2": "平方公里", "m2": "万平方米", "km": "公里"}
UNIT_SCALES = {"CNY": 1e8, "USD": 1e8, "HKD": 1e8, "MOP": 1e8, "TWD": 1e8, "person": 1e4, "person_time": 1e4,
               "count": 1, "percent": 1, "km2": 1, "m2": 1e4, "km": 1}


def _regions() -> pd.DataFrame:
    """About 11 cities, 140 districts and 2,800 streets, each with level and parent."""
    rows = [("浙江省", "province", "")]
    for city in CITY_NAMES:
        rows.append((city, "city", "浙江省"))
        for d in range(13):
            district = DISTRICT_NAMES[d] if city == "杭州市" else f"{city[:-1]}{d + 1}区"
            rows.append((district, "county", city))
            for s in range(20):
                rows.append((f"{district[:-1]}{s + 1}号街道", "town", district))
    return pd.DataFrame(rows, columns=["region", "region_level", "region_parent"])


def synthetic_rows(count: int, documents: int, seed: int = 7) -> tuple[pd.DataFrame, list[dict]]:
    random = np.random.default_rng(seed)
    regions = _regions()
    region_pick = random.integers(0, len(regions), count)
    indicators = np.array(sorted(INDICATOR_UNITS))
    indicator_pick = indicators[random.integers(0, len(indicators), count)]
    units = np.array([INDICATOR_UNITS[ind][random.integers(0, len(INDICATOR_UNITS[ind]))] if ind != "other_count"
                      else "count" for ind in indicator_pick])
    number = np.round(random.lognormal(3, 1.5, count), 1)
    scale = np.array([UNIT_SCALES[u] for u in units])
    value = number * scale
    raw_text = np.char.add(number.astype(str), np.array([UNIT_WORDS[u] for u in units]))
    doc_number = random.integers(0, documents, count)
    doc_ids = np.array([hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(documents)])
    years = random.integers(2015, 2026, count).astype("float")
    years[random.random(count) < 0.15] = np.nan
    sentence_number = doc_number * 40 + random.integers(0, 40, count)
    # measures of each indicator's catalog; periods mostly years, some half-years, quarters, months
    measure_pick = random.integers(0, 1 << 30, count)
    measures = np.empty(count, dtype=object)
    for indicator in np.unique(indicator_pick):
        options = np.array(measures_of(str(indicator)), dtype=object)
        at = indicator_pick == indicator
        measures[at] = options[measure_pick[at] % len(options)]
    suffixes = np.array(["", "", "", "", "", "H1", "Q1", "M01-M05"])[random.integers(0, 8, count)]
    periods = np.where(np.isnan(years), "", np.char.add(np.nan_to_num(years).astype(int).astype(str), suffixes))
    rows = pd.DataFrame({
        "obs_id": [f"{i:016x}" for i in range(count)],
        "source_file": np.char.add(np.char.add("doc_", doc_number.astype(str)), ".txt"),
        "doc_id": doc_ids[doc_number],
        "article_title": np.char.add("文章", (sentence_number // 10).astype(str)),
        "start": random.integers(0, 5000, count),
        "raw_text": raw_text,
        "value": value,
        "unit": units,
        "qualifier": np.array(["exact", "over", "under", "approx"])[random.choice(4, count, p=[.7, .2, .05, .05])],
        "region": regions["region"].to_numpy()[region_pick],
        "region_level": regions["region_level"].to_numpy()[region_pick],
        "region_parent": regions["region_parent"].to_numpy()[region_pick],
        "region_code": "",
        "region_mention": "",
        "region_status": "resolved",
        "indicator": indicator_pick,
        "subject": np.array(SUBJECT_WORDS)[random.integers(0, len(SUBJECT_WORDS), count)],
        "year": pd.array(years, dtype="Int64"),
        "period": periods,
        "measure": measures,
        "kind": np.array(["fact", "target", "threshold", "label"])[random.choice(4, count, p=[.9, .07, .02, .01])],
        "sentence": np.char.add("2024年，全区各项指标稳中有进，第", np.char.add(sentence_number.astype(str), "句。")),
        "rule": np.char.add(indicator_pick, ".generic"),
    })
    rows["end"] = rows["start"] + rows["raw_text"].str.len()
    rows["page"] = pd.array([None] * count, dtype="Int64")             # only PDF rows have a page
    docs = [{"doc_id": doc_ids[i], "source_file": f"doc_{i}.txt", "title": f"文档{i}", "date": None,
             "publisher": "浙江日报", "url": None, "encoding": "utf-8", "text": "全区各项指标稳中有进。" * 100,
             "articles": []} for i in range(documents)]
    return rows[OUTPUT_COLUMNS], docs


def write_data(directory: Path, count: int, documents: int) -> None:
    rows, docs = synthetic_rows(count, documents)
    directory.mkdir(parents=True, exist_ok=True)
    rows.to_parquet(directory / "indicators.parquet", index=False)
    with (directory / "documents.jsonl").open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    (directory / "run_manifest.json").write_text(json.dumps({"rows": count, "synthetic": True}))


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _fresh_app():
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)


def first_render(view: str) -> float:
    """Cold caches: read the data, build facts and the region tree, draw the view.

    AppTest opens on Overview first (to learn the pages); caches are cleared
    again before the timed run of the view.
    """
    import streamlit as st

    app = _fresh_app()
    app.run()
    st.cache_data.clear()
    st.cache_resource.clear()
    app.switch_page(f"views/{view}.py")
    seconds, _ = timed(app.run)
    assert not app.exception, app.exception
    return seconds


def filter_change() -> list[float]:
    app = _fresh_app()
    app.run()
    app.switch_page("views/table.py").run()
    times = []
    for regions in (["杭州市"], ["上城区"], ["宁波市", "温州市"], []):
        app.sidebar.multiselect(key="f_region").set_value(regions)
        seconds, _ = timed(app.run)
        assert not app.exception, app.exception
        times.append(seconds)
    return times


def engine_comparison(directory: Path) -> dict[str, float]:
    """One filter (a city with its districts and streets, one indicator family, facts only)."""
    import duckdb

    from dashboard import datastore, queries
    from dashboard.filters import Filters

    dataset = queries.build_dataset(datastore.read_rows(directory), [])
    filters = Filters(regions=("杭州市",), families=("economy",))
    regions = sorted(dataset.tree.with_sub_units(["杭州市"]))
    pandas_times = [timed(lambda: queries.filter_mentions(dataset, filters))[0] for _ in range(5)]
    connection = duckdb.connect()
    parquet = str(directory / "indicators.parquet")
    query = (f"SELECT * FROM read_parquet('{parquet}') WHERE region IN ({','.join('?' * len(regions))}) "
             "AND indicator IN ('gdp','gdp_growth','gdp_per_capita','industry_output','investment','retail_sales',"
             "'trade_value','price_index','growth_rate') AND kind = 'fact'")
    duck_times = [timed(lambda: connection.execute(query, regions).df())[0] for _ in range(5)]
    return {"pandas (categoricals), in memory": statistics.median(pandas_times),
            "duckdb over parquet, to pandas": statistics.median(duck_times)}


def csv_builds(directory: Path) -> dict[str, float]:
    from dashboard import datastore, exports, queries

    dataset = queries.build_dataset(datastore.read_rows(directory), datastore.read_documents(directory))
    rows = dataset.mentions
    return {
        "csv for scripts (all rows)": timed(lambda: exports.csv_for_scripts(rows))[0],
        "csv for excel (all rows)": timed(lambda: exports.csv_for_excel(rows))[0],
        "zip data package (all rows)": timed(lambda: exports.data_package_zip(rows, dataset.documents))[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="write the data here and keep it")
    args = parser.parse_args()

    directory = args.keep or Path(tempfile.mkdtemp(prefix="bench_dashboard_")) / "data"
    seconds, _ = timed(lambda: write_data(directory, args.rows, args.documents))
    print(f"generated {args.rows:,} rows, {args.documents:,} documents in {seconds:.1f} s -> {directory}")
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    empty_seeds = Path(tempfile.mkdtemp(prefix="bench_seeds_"))
    os.environ["DASHBOARD_SEEDS_DIR"] = str(empty_seeds)

    results = {
        "first render: Compare": (first_render("compare"), TARGETS["first render"]),
        "first render: Table": (first_render("table"), TARGETS["first render"]),
    }
    changes = filter_change()
    results["filter change: Table (median of 4)"] = (statistics.median(changes), TARGETS["filter change"])
    for name, value in csv_builds(directory).items():
        results[name] = (value, TARGETS["csv"] if name.startswith("csv") else None)

    print(f"\n{'measure':45s} {'seconds':>8s} {'target':>8s}")
    for name, (value, target) in results.items():
        verdict = "" if target is None else ("ok" if value < target else "OVER")
        print(f"{name:45s} {value:8.3f} {'' if target is None else f'< {target}':>8s} {verdict}")
    print(f"filter changes: {', '.join(f'{t:.3f}' for t in changes)}")
    print("\nengine choice, same filter (median of 5):")
    for name, value in engine_comparison(directory).items():
        print(f"  {name:40s} {value:.3f} s")

    if not args.keep:
        shutil.rmtree(directory.parent, ignore_errors=True)
    shutil.rmtree(empty_seeds, ignore_errors=True)


if __name__ == "__main__":
    main()
