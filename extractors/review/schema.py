"""The review tables, in SQLAlchemy Core: they run unchanged on SQLite and PostgreSQL.

A figure is named by ``doc_id`` (the hash of its document's bytes) and its
span. ``review_states`` holds what people decided last about each figure and a
version that every decision raises; ``review_decisions`` is the append-only
log. Corrected or added fields are kept as JSON, so a field the rows gain
later (a period, a measure) needs no new column.
"""
from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

reviewers = Table(
    "reviewers", metadata,
    Column("name", String(80), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

states = Table(
    "review_states", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("status", String(16), nullable=False),      # accepted, corrected, rejected, added, unreviewed
    Column("fields", JSON, nullable=False),            # corrected or added values, by column name
    Column("machine", JSON, nullable=False),           # the row as extracted when it was decided
    Column("reason", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False),
    Column("updated_by", String(80), ForeignKey("reviewers.name"), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

decisions = Table(
    "review_decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("action", String(16), nullable=False),      # accept, correct, reject, add, undo
    Column("before", JSON, nullable=False),            # the state before: status, fields, reason
    Column("after", JSON, nullable=False),
    Column("reviewer", String(80), ForeignKey("reviewers.name"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("undoes", Integer, nullable=True),          # the decision an undo took back
    Column("undone_by", Integer, nullable=True),
)
