"""Server time to build the Map for every county of China, and what its outlines add to the install.

One invented figure per county outline (~2,900), placed and drawn as the Map
page does: ``map_data.map_values`` (codes -> outlines), ``map_units`` (every
unit of the area), ``charts.map_figure`` and the JSON Streamlit sends
(``plotly.io.to_json``). The outlines go by URL (the browser fetches them once). Each step is timed on a warm process (the outlines
read once, as the server holds them), median of the repeats.

    .venv/bin/python benchmarks/bench_map.py [--repeats 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import boundaries, charts, map_data  # noqa: E402
from dashboard.formatting import scale_unit  # noqa: E402

TARGET_SECONDS = 1.5


def _every_county() -> tuple[pd.DataFrame, pd.DataFrame]:
    features = [f for f in boundaries.outlines("county")["features"] if f["id"]]
    rng = np.random.default_rng(7)
    facts = pd.DataFrame({"fact_id": np.arange(len(features)), "region": [f["properties"]["name"] for f in features],
                          "region_level": "county", "value": rng.uniform(1e9, 3e12, len(features)).round(-6),
                          "unit": "CNY", "qualifier": "exact", "indicator": "gdp", "period": "2031"})
    mentions = pd.DataFrame({"fact_id": facts["fact_id"], "doc_id": [f"doc{i % 300}" for i in range(len(facts))],
                             "region_code": [f["id"] for f in features]})
    return facts, mentions


def _build(facts: pd.DataFrame, mentions: pd.DataFrame) -> tuple[dict[str, float], int, int]:
    times = {}
    start = time.perf_counter()
    values, _ = map_data.map_values(facts, mentions, "county")
    times["place values"] = time.perf_counter() - start
    start = time.perf_counter()
    units = map_data.map_units(values, "county", "")
    units["label"] = units["region"]
    times["units of the area"] = time.perf_counter() - start
    start = time.perf_counter()
    texts = {"no_data": "无数据", "sources": "{n} 个来源", "others": "另有：{values}", "periods": {"2031": "2031年"}}
    figure = charts.map_figure(units, boundaries.outlines_url("county"), "t", "CNY", "gdp",
                               scale_unit(units["value"].dropna(), "CNY", "gdp", "zh"), texts, "来源：甲", "zh")
    times["figure"] = time.perf_counter() - start
    start = time.perf_counter()
    sent = plotly.io.to_json(figure, validate=False)
    times["JSON sent"] = time.perf_counter() - start
    return times, int(units["value"].notna().sum()), len(sent.encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    for level in boundaries.LEVELS:
        boundaries.outlines(level)
    print(f"reading the outlines once per server: {time.perf_counter() - start:.2f} s")
    facts, mentions = _every_county()
    _build(facts, mentions)                                   # warm: indexes and imports
    runs = [_build(facts, mentions) for _ in range(args.repeats)]
    coloured, sent = runs[0][1], runs[0][2]
    total = statistics.median(sum(times.values()) for times, _, _ in runs)
    for step in runs[0][0]:
        print(f"  {step:<18} {statistics.median(times[step] for times, _, _ in runs):.3f} s")
    verdict = "meets" if total < TARGET_SECONDS else "misses"
    outlines = boundaries.DATA / "boundaries_county.geojson"
    print(f"map of {coloured} counties: {total:.2f} s of server time (median of {args.repeats}; {verdict} "
          f"the {TARGET_SECONDS} s target), {sent / 1e6:.2f} MB of figure JSON per rerun; "
          f"the outlines, {outlines.stat().st_size / 1e6:.1f} MB, are fetched by the browser once")
    files = sorted(boundaries.DATA.glob("*.json")) + sorted(boundaries.DATA.glob("*.geojson"))
    size = sum(path.stat().st_size for path in files)
    print(f"boundary data in the install: {size / 1e6:.2f} MB ({', '.join(p.name for p in files)})")


if __name__ == "__main__":
    main()
