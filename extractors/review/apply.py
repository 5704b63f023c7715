"""Reviewed values over extracted rows.

Every row gains ``review`` (unreviewed, accepted, corrected, rejected, added)
and keeps what the machine said beside what people said (``machine_value``,
``machine_region``, ``machine_indicator``). A decision finds its row by
document and span; when the rules changed and the span moved, by the row of
the same document whose span overlaps it. A decision that finds no row is
orphaned: listed, never dropped.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from extractors.review.store import UNREVIEWED, FigureKey, ReviewState

REVIEW_COLUMN = "review"
MACHINE_COLUMNS = {"machine_value": "value", "machine_region": "region", "machine_indicator": "indicator"}
REVIEWED_COLUMNS = (REVIEW_COLUMN, *MACHINE_COLUMNS)


@dataclass
class ReviewedRows:
    rows: pd.DataFrame
    orphans: list[ReviewState] = field(default_factory=list)
    moved: dict[FigureKey, FigureKey] = field(default_factory=dict)   # decision's span -> the row it now names


def added_obs_id(key: FigureKey) -> str:
    return hashlib.sha256(f"{key.doc_id}:{key.start}:{key.end}:review:added".encode()).hexdigest()[:16]


def _row_index(rows: pd.DataFrame) -> dict[tuple, int]:
    return {key: position for position, key in
            enumerate(zip(rows["doc_id"], rows["start"].astype(int), rows["end"].astype(int)))}


def _overlapping(rows: pd.DataFrame, by_document: dict[str, list[int]], key: FigureKey) -> int | None:
    for position in by_document.get(key.doc_id, ()):
        if int(rows["start"].iat[position]) < key.end and key.start < int(rows["end"].iat[position]):
            return position
    return None


def apply_reviews(rows: pd.DataFrame, reviews: list[ReviewState]) -> ReviewedRows:
    """The rows with every decision in force applied; the input frame is not changed."""
    # Columns are replaced, never written into: a shallow copy (copy-on-write) leaves ``rows`` as it was
    # without copying a million rows.
    reviewed = rows.copy(deep=False)
    # categorical: a million equal strings would be a million objects to write and to filter
    reviewed[REVIEW_COLUMN] = pd.Categorical.from_codes(np.zeros(len(reviewed), dtype=np.int8), categories=[UNREVIEWED])
    for column, source in MACHINE_COLUMNS.items():
        reviewed[column] = reviewed[source]
    decided = [state for state in reviews if state.status != UNREVIEWED]
    if not decided:
        return ReviewedRows(reviewed)
    index = _row_index(reviewed)
    by_document: dict[str, list[int]] = {}
    for position, doc_id in enumerate(reviewed["doc_id"]):
        by_document.setdefault(doc_id, []).append(position)

    result = ReviewedRows(reviewed)
    added, updates = [], {}
    for state in decided:
        key = state.key
        if state.status == "added":
            added.append(_added_row(state, reviewed.columns))
            continue
        position = index.get((key.doc_id, key.start, key.end))
        if position is None:
            position = _overlapping(reviewed, by_document, key)
            if position is None:
                result.orphans.append(state)
                continue
            result.moved[key] = FigureKey(key.doc_id, int(reviewed["start"].iat[position]),
                                          int(reviewed["end"].iat[position]))
        updates[position] = state
    changes: dict[str, tuple[list[int], list]] = {REVIEW_COLUMN: ([], [])}
    for position, state in updates.items():
        changes[REVIEW_COLUMN][0].append(position)
        changes[REVIEW_COLUMN][1].append(state.status)
        for column, value in _with_period(state.fields, reviewed.columns).items():
            if column in reviewed.columns:
                positions, values = changes.setdefault(column, ([], []))
                positions.append(position)
                values.append(value)
    for column, (positions, values) in changes.items():   # one assignment per column: 100,000 decisions stay fast
        reviewed[column] = _with_values(reviewed[column], positions, values)
    if added:
        reviewed = pd.concat([reviewed, pd.DataFrame(added, columns=reviewed.columns)], ignore_index=True)
    result.rows = reviewed
    return result


def _with_values(column: pd.Series, positions: list[int], values: list) -> pd.Series:
    """``column`` with ``values`` at ``positions``; a text column becomes plain objects, so a
    reviewer's value needs no category of its own."""
    if pd.api.types.is_numeric_dtype(column) and not isinstance(column.dtype, pd.CategoricalDtype):
        changed = column.copy()
        changed.iloc[positions] = values
        return changed
    array = column.astype(object).to_numpy(copy=True)
    array[positions] = values
    return pd.Series(array, index=column.index, name=column.name)


def _with_period(fields: dict, columns) -> dict:
    """A corrected year without a corrected period makes the period that year: a period ends in its year."""
    if "year" in fields and "period" not in fields and "period" in columns:
        return {**fields, "period": "" if fields["year"] is None else str(int(fields["year"]))}
    return fields


def _added_row(state: ReviewState, columns) -> dict:
    key = state.key
    row = {column: None for column in columns}
    row.update({"doc_id": key.doc_id, "start": key.start, "end": key.end, "obs_id": added_obs_id(key),
                "qualifier": "exact", "kind": "fact", "rule": "review:added", "region": "", "region_level": "",
                "region_parent": "", "region_code": "", "region_mention": "", "subject": "", "article_title": ""})
    row.update({column: value for column, value in state.fields.items() if column in row})
    row[REVIEW_COLUMN] = "added"
    return row
