"""The review store: every decision on a figure, who made it and when, in SQLite or PostgreSQL.

SQLite in ``data/review.sqlite`` by default (nothing to start); PostgreSQL or
any other SQLAlchemy URL when ``DATABASE_URL`` names one. The schema is
migrated with Alembic when a store is opened.

A decision names the version of the figure the reviewer saw. When another
reviewer changed the figure since, the decision is refused with the current
state (``ReviewConflict``), never applied over it.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from extractors.review.schema import decisions, reviewers, states

DATABASE_URL_ENV = "DATABASE_URL"
DEFAULT_DATABASE_NAME = "review.sqlite"
MIGRATIONS = Path(__file__).parent / "migrations"

ACTIONS = ("accept", "correct", "reject", "add")
STATUS_OF_ACTION = {"accept": "accepted", "correct": "corrected", "reject": "rejected", "add": "added"}
UNREVIEWED = "unreviewed"
# What a correction may change; the rest of a row follows from its document and span.
CORRECTABLE_FIELDS = ("value", "unit", "qualifier", "region", "region_level", "region_parent", "region_code", "region_status",
                      "indicator", "measure", "period", "year", "kind", "subject")
ADDED_FIELDS = CORRECTABLE_FIELDS + ("source_file", "raw_text", "sentence")


@dataclass(frozen=True)
class FigureKey:
    doc_id: str
    start: int
    end: int


@dataclass(frozen=True)
class ReviewState:
    key: FigureKey
    status: str
    fields: dict = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    reason: str = ""
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Decision:
    id: int
    key: FigureKey
    action: str
    before: dict
    after: dict
    reviewer: str
    at: dt.datetime
    undoes: int | None
    undone_by: int | None


class ReviewConflict(Exception):
    """Another reviewer changed the figure since it was shown; ``current`` is its state now."""

    def __init__(self, key: FigureKey, expected: int, current: ReviewState | None) -> None:
        now = current.version if current else 0
        who = f" by {current.updated_by}" if current and current.updated_by else ""
        super().__init__(f"figure {key.doc_id}:{key.start}-{key.end} changed since it was shown "
                         f"(version {expected} shown, {now} now{who})")
        self.key, self.expected, self.current = key, expected, current


class _Raced(Exception):
    """The figure's version moved under an update; answered as a ``ReviewConflict`` after the rollback."""


class ReviewError(ValueError):
    """A decision that cannot be made: unknown action, a field that cannot be corrected, nothing to undo."""


def default_database_url(data_dir: Path | str = "data") -> str:
    configured = os.environ.get(DATABASE_URL_ENV)
    if configured:
        return configured
    return f"sqlite:///{Path(data_dir).resolve() / DEFAULT_DATABASE_NAME}"


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    # SQLite takes its write lock at the first write of a transaction; two
    # writers that both read first then deadlock on the upgrade. Taking the
    # lock when the transaction begins makes them queue instead.
    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(connection, _record):
        connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _write_lock_at_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _upgrade(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _key_clause(table, key: FigureKey):
    return (table.c.doc_id == key.doc_id) & (table.c.start == key.start) & (table.c.end == key.end)


def _state_from(row) -> ReviewState:
    return ReviewState(FigureKey(row.doc_id, row.start, row.end), row.status, dict(row.fields or {}),
                       dict(row.machine or {}), row.reason or "", row.version, row.updated_by, row.updated_at)


def _snapshot(state: ReviewState | None) -> dict:
    if state is None:
        return {"status": UNREVIEWED, "fields": {}, "reason": ""}
    return {"status": state.status, "fields": state.fields, "reason": state.reason}


class ReviewStore:
    def __init__(self, url: str | None = None, *, data_dir: Path | str = "data") -> None:
        self.url = url or default_database_url(data_dir)
        self.engine = _engine(self.url)
        _upgrade(self.engine)

    # -- reading ------------------------------------------------------------

    def state(self, key: FigureKey) -> ReviewState | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(states).where(_key_clause(states, key))).first()
        return _state_from(row) if row else None

    def states(self, doc_id: str | None = None) -> list[ReviewState]:
        query = select(states).order_by(states.c.doc_id, states.c.start, states.c.end)
        if doc_id is not None:
            query = query.where(states.c.doc_id == doc_id)
        with self.engine.connect() as connection:
            return [_state_from(row) for row in connection.execute(query)]

    def history(self, key: FigureKey) -> list[Decision]:
        query = select(decisions).where(_key_clause(decisions, key)).order_by(decisions.c.id)
        with self.engine.connect() as connection:
            return [Decision(row.id, key, row.action, dict(row.before), dict(row.after), row.reviewer, row.at,
                             row.undoes, row.undone_by) for row in connection.execute(query)]

    def revision(self) -> int:
        """Grows with every decision: what a cache of reviewed rows is keyed by."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.coalesce(func.max(decisions.c.id), 0))).scalar_one()

    def reviewers(self) -> list[str]:
        with self.engine.connect() as connection:
            return [row.name for row in connection.execute(select(reviewers.c.name).order_by(reviewers.c.name))]

    # -- deciding -----------------------------------------------------------

    def decide(self, key: FigureKey, action: str, reviewer: str, *, expected_version: int,
               fields: dict | None = None, reason: str = "", machine: dict | None = None) -> ReviewState:
        """Record ``action`` on the figure as ``reviewer``, who saw it at ``expected_version`` (0: never reviewed)."""
        if action not in ACTIONS:
            raise ReviewError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
        fields = dict(fields or {})
        allowed = ADDED_FIELDS if action == "add" else CORRECTABLE_FIELDS if action == "correct" else ()
        unknown = sorted(set(fields) - set(allowed))
        if unknown:
            raise ReviewError(f"{action} cannot set {', '.join(unknown)}")
        if action == "correct" and not fields:
            raise ReviewError("a correction needs at least one corrected field")
        if action == "reject" and not reason.strip():
            raise ReviewError("a rejection needs a reason")
        after = {"status": STATUS_OF_ACTION[action], "fields": fields, "reason": reason}
        return self._write(key, reviewer, expected_version, action, after, machine)

    def undo(self, key: FigureKey, reviewer: str, *, expected_version: int) -> ReviewState:
        """Take back the latest decision on the figure that is still in force."""
        with self.engine.connect() as connection:
            last = connection.execute(
                select(decisions).where(_key_clause(decisions, key) & (decisions.c.action != "undo")
                                        & decisions.c.undone_by.is_(None))
                .order_by(decisions.c.id.desc()).limit(1)).first()
        if last is None:
            raise ReviewError(f"nothing to undo on {key.doc_id}:{key.start}-{key.end}")
        return self._write(key, reviewer, expected_version, "undo", dict(last.before), None, undoes=last.id)

    def _write(self, key: FigureKey, reviewer: str, expected: int, action: str, after: dict,
               machine: dict | None, undoes: int | None = None) -> ReviewState:
        now = _now()
        try:
            with self.engine.begin() as connection:
                self._ensure_reviewer(connection, reviewer, now)
                row = connection.execute(select(states).where(_key_clause(states, key))).first()
                current = _state_from(row) if row else None
                if (current.version if current else 0) != expected:
                    raise ReviewConflict(key, expected, current)
                values = dict(status=after["status"], fields=after["fields"], reason=after["reason"],
                              version=expected + 1, updated_by=reviewer, updated_at=now)
                if current is None:
                    connection.execute(insert(states).values(doc_id=key.doc_id, start=key.start, end=key.end,
                                                             machine=machine or {}, **values))
                else:
                    if machine:
                        values["machine"] = machine
                    changed = connection.execute(update(states).where(
                        _key_clause(states, key) & (states.c.version == expected)).values(**values))
                    if changed.rowcount != 1:   # changed between the read and the write (PostgreSQL)
                        raise _Raced
                result = connection.execute(insert(decisions).values(
                    doc_id=key.doc_id, start=key.start, end=key.end, action=action, before=_snapshot(current),
                    after=after, reviewer=reviewer, at=now, undoes=undoes))
                if undoes is not None:
                    connection.execute(update(decisions).where(decisions.c.id == undoes)
                                       .values(undone_by=result.inserted_primary_key[0]))
        except (IntegrityError, _Raced):   # another decision on the figure won the race
            raise ReviewConflict(key, expected, self.state(key)) from None
        return self.state(key)

    @staticmethod
    def _ensure_reviewer(connection, name: str, now: dt.datetime) -> None:
        if not name or not name.strip():
            raise ReviewError("a decision needs a reviewer")
        if connection.execute(select(reviewers.c.name).where(reviewers.c.name == name)).first() is None:
            connection.execute(insert(reviewers).values(name=name, created_at=now))
