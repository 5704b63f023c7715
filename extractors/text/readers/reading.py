"""What a reader hands on: the document's text and the structure the file kept."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extractors.models import Heading, Table


@dataclass
class Reading:
    text: str
    encoding: str = "utf-8"
    reader: str | None = None          # None for plain text, else "<format> <library>-<version>"
    media_type: str | None = None
    title: str | None = None
    date: dt.date | None = None
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
