"""Pydantic models: the shapes every stage hands to the next.

Which indicators and units a row may carry comes from the catalog
(``catalog/indicators.yaml``, ``catalog/units.yaml``).

Offsets are Python ``str`` indices into the document text as decoded from the
file, half-open ``[start, end)``. Every normalised view of the text keeps a
map back to these offsets, so ``text[start:end] == raw_text`` always holds.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from extractors.catalog import BASE_UNITS, INDICATOR_UNITS, OTHER_MEASURE, measures_of

# The period grammar (docs/indicators.md); the named group is the year the period ends in.
PERIOD = re.compile(r"^(?:(?P<end>\d{4})(?:H[12]|Q[1-4]|M(?:0[1-9]|1[0-2])(?:-M(?:0[1-9]|1[0-2]))?"
                    r"|-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))?|\d{4}/(?=\d{4}$)(?P<span_end>\d{4}))$")


@functools.lru_cache(maxsize=1024)
def _period_end_year(period: str) -> int | None:
    """The year a period ends in, None when it is not of the grammar. Rows of a
    page carry a handful of periods (2024, 2024H1), each read once."""
    match = PERIOD.match(period)
    return int(match.group("end") or match.group("span_end")) if match else None


Qualifier = Literal["exact", "approx", "over", "under"]
Unit = Literal[tuple(BASE_UNITS)]        # catalog/units.yaml
RegionLevel = Literal["province", "city", "county", "town", ""]
RegionStatus = Literal["resolved", "unresolved", ""]
Kind = Literal["fact", "target", "threshold", "label"]
# Units of things that are counted or measured out, never owed: no negative value.
NON_NEGATIVE_UNITS = frozenset({"person", "person_time", "count", "km2", "m2", "km"})
# The measures each indicator allows, as sets: every row is checked against them.
MEASURES_ALLOWED = {indicator: frozenset(measures_of(indicator)) for indicator in INDICATOR_UNITS}


class Article(BaseModel):
    """One article of a page: its headline and the span of its body."""

    title: str
    start: int
    end: int
    title_start: int = -1
    title_end: int = -1


@dataclass(slots=True)
class Sentence:
    """A sentence with layout line breaks removed.

    ``offsets[i]`` is the index in the document text of ``text[i]``; the
    sentence covers ``[start, end)`` of the document. A plain dataclass: a
    page holds thousands, built from offsets the splitter has just computed.
    """

    text: str
    start: int
    end: int
    offsets: list[int]
    paragraph: int = 0
    article: int = 0


class Heading(BaseModel):
    """A heading the file marks as one (``<h2>``, a Word heading style)."""

    level: int
    start: int
    end: int


class TableCell(BaseModel):
    """One cell of a table the file keeps as a table: its grid position and its span of the text."""

    row: int
    column: int
    start: int          # document offset of the cell's text; start == end for an empty cell
    end: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False   # marked as a header by the file (``<th>``, ``<thead>``)


class Table(BaseModel):
    """A table read from a file's structure; its rows are lines of the text in ``[start, end)``."""

    start: int
    end: int
    cells: list[TableCell] = Field(default_factory=list)
    page: int | None = None


class Document(BaseModel):
    doc_id: str
    source_file: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    region: str | None = None       # the unit the user says the document is about (manifest region, --region)
    encoding: str = "utf-8"
    articles: list[Article] = Field(default_factory=list)
    # Set by the readers of structured files (HTML, PDF, Word); plain text leaves them empty.
    reader: str | None = None            # "html 1", "pdf pdfplumber-0.11.10", ...: which reader and its version
    media_type: str | None = None
    file_sha256: str | None = None       # of the original file's bytes
    original_file: str | None = None     # where the run keeps the original bytes, relative to its output folder
    fetched_url: str | None = None
    fetched_at: str | None = None        # ISO time of the fetch, UTC
    pages: list[int] = Field(default_factory=list)        # text offset where each page starts (PDF)
    headings: list[Heading] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    reader_warnings: list[str] = Field(default_factory=list)   # what the reader noted (JavaScript in a PDF)

    @staticmethod
    def id_for(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()[:16]

    @staticmethod
    def input_hashes(named_bytes) -> list[list[str]]:
        """The fingerprint of a run's inputs: ``[name, content hash]`` pairs
        of ``(name, bytes)``, sorted. A run's outputs are up to date while its
        inputs give the same pairs (the run manifest keeps them)."""
        return sorted([name, Document.id_for(data)] for name, data in named_bytes)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, as found in the text; knows no indicator.

    A plain dataclass: tens of thousands are made per million characters and
    most never become a row. Its fields come from the unit table and the
    number parser; what becomes a row is validated as an ``Observation``.
    """

    start: int
    end: int
    raw_text: str
    value: float
    unit: Unit
    qualifier: Qualifier = "exact"
    measure: str = ""          # the surface unit or measure word: 家, 亿元, 人次, %
    is_change: bool = False    # an absolute or percentage-point change, not a level


class Observation(BaseModel):
    """One row of the output table (the spec's columns, plus audit fields)."""

    obs_id: str = ""
    source_file: str
    doc_id: str
    article_title: str = ""
    start: int
    end: int
    raw_text: str
    value: float
    unit: Unit
    qualifier: Qualifier
    region: str = ""
    region_level: RegionLevel = ""
    region_parent: str = ""
    region_code: str = ""
    region_mention: str = ""   # the words that named the region, e.g. a historical name
    region_status: RegionStatus = ""   # resolved, or unresolved: a name several units bear, code empty
    indicator: str
    subject: str = ""
    year: int | None = None
    period: str = ""           # 2024, 2024H1, 2024Q1, 2024M01-M05, 2024M03, 2019/2024, 2024-06-30; ends in `year`
    measure: str = OTHER_MEASURE   # the series inside the indicator (catalog/measures.yaml)
    kind: Kind = "fact"
    sentence: str = ""
    rule: str = ""
    page: int | None = None    # page of a PDF that holds the figure, from 1

    @model_validator(mode="after")
    def _check(self) -> "Observation":
        if self.end <= self.start or self.start < 0:
            raise ValueError(f"empty or negative span [{self.start}, {self.end})")
        if len(self.raw_text) != self.end - self.start:
            raise ValueError("raw_text length does not match the span")
        if self.indicator not in INDICATOR_UNITS:
            raise ValueError(f"unknown indicator {self.indicator!r}")
        if self.unit not in INDICATOR_UNITS[self.indicator]:
            raise ValueError(f"unit {self.unit} not allowed for {self.indicator}")
        if not math.isfinite(self.value):
            raise ValueError("value is not finite")
        if self.value == 0 and math.copysign(1, self.value) < 0:
            raise ValueError("negative zero: a sign before a zero is a misread number, not a value")
        if self.unit in NON_NEGATIVE_UNITS and self.value < 0:
            raise ValueError(f"negative {self.unit} {self.value}: counts, people and areas are never below zero")
        if self.unit == "percent" and not -100 <= self.value <= 10000:
            raise ValueError(f"implausible percentage {self.value}")
        if self.year is not None and not 1949 <= self.year <= 2100:
            raise ValueError(f"implausible year {self.year}")
        if self.measure not in MEASURES_ALLOWED[self.indicator]:
            raise ValueError(f"measure {self.measure!r} not allowed for {self.indicator}")
        if self.year is None and self.period:
            raise ValueError(f"period {self.period!r} without a year")
        if self.year is not None:
            if not self.period:
                self.period = str(self.year)
            end_year = _period_end_year(self.period)
            if end_year is None:
                raise ValueError(f"period {self.period!r} is not of the period grammar")
            if end_year != self.year:
                raise ValueError(f"period {self.period!r} does not end in the year {self.year}")
        if not self.obs_id:
            self.obs_id = hashlib.sha256(
                f"{self.doc_id}:{self.start}:{self.end}:{self.rule}".encode()
            ).hexdigest()[:16]
        return self

    def check_against(self, text: str) -> None:
        """Raise when the offsets do not point at raw_text in the document."""
        if text[self.start:self.end] != self.raw_text:
            raise ValueError(f"text[{self.start}:{self.end}] != raw_text {self.raw_text!r}")


class Rejected(BaseModel):
    """A candidate row that failed validation, kept with the reason."""

    source_file: str
    start: int
    end: int
    raw_text: str
    indicator: str
    reason: str


OUTPUT_COLUMNS = list(Observation.model_fields)
