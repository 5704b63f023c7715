"""Reviewed figures as an answer key, in the gold format of the annotation guide.

Accepted, corrected and added figures are written; rejected and unreviewed
ones are not (a rejected row is a false positive the key cannot express as a
line). ``evaluate`` then measures a rule change against what people checked.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from extractors.review.apply import REVIEW_COLUMN

KEY_STATUSES = ("accepted", "corrected", "added")
GOLD_FIELDS = ("source_file", "start", "end", "raw_text", "value", "unit", "qualifier", "region", "region_level",
               "indicator", "subject", "year")


def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):          # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def answer_key(reviewed: pd.DataFrame) -> list[dict]:
    kept = reviewed[reviewed[REVIEW_COLUMN].isin(KEY_STATUSES)].sort_values(["source_file", "start", "end"])
    lines = []
    for row in kept.itertuples(index=False):
        line = {name: _plain(getattr(row, name, None)) for name in GOLD_FIELDS}
        line["year"] = int(line["year"]) if line["year"] is not None else None
        line.update({"required": True, "note": f"review: {getattr(row, REVIEW_COLUMN)}"})
        lines.append(line)
    return lines


def write_answer_key(lines: list[dict], path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    temporary.replace(path)
