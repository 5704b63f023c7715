"""Downloads: CSV for scripts, CSV for Excel, and a Frictionless data package.

* ``csv_for_scripts``: UTF-8 without BOM, cells exactly as in the data.
* ``csv_for_excel``: UTF-8 with BOM (so Excel reads Chinese correctly), and
  every text cell that begins with ``=``, ``+``, ``-``, ``@`` (or their
  full-width forms ``＝＋－＠``), a tab or a carriage return, also after
  leading spaces, line breaks or invisible characters (U+200B, U+FEFF and
  the other format characters), is prefixed with ``'`` so a spreadsheet
  never runs it as a formula. Numeric columns are untouched and stay numbers.
* ``data_package_zip``: the Excel-safe CSV (a zip is opened in spreadsheets
  as often as in scripts), ``datapackage.json`` (a Table Schema of the
  columns) and a README naming the source documents and the ``'`` rule.

The CSV is written by Arrow's writer straight from the categorical codes: a
million rows take seconds, not the tens of seconds of ``DataFrame.to_csv``.
Values are written in their shortest exact form (``4.8``, ``2.8035e+11``),
unquoted, so every reader takes them as numbers.
"""
from __future__ import annotations

import io
import json
import unicodedata
import zipfile

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from extractors.catalog import INDICATOR_UNITS
from extractors.models import OUTPUT_COLUMNS
from extractors.review.apply import MACHINE_COLUMNS, REVIEW_COLUMN, REVIEWED_COLUMNS
from extractors.review.store import UNREVIEWED

# The rows as extracted, then what review made of them (the machine's value kept beside a corrected one).
EXPORTED_COLUMNS = OUTPUT_COLUMNS + list(REVIEWED_COLUMNS)

UTF8_BOM = b"\xef\xbb\xbf"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets with East Asian input read these as the ASCII triggers.
FULL_WIDTH_TRIGGERS = ("＝", "＋", "－", "＠")
NUMERIC_COLUMNS = {"start": "integer", "end": "integer", "value": "number", "year": "integer", "page": "integer",
                   "machine_value": "number"}

FIELD_DESCRIPTIONS = {
    "obs_id": "stable id: same document bytes + same rules -> same id",
    "source_file": "file name of the source document",
    "doc_id": "content hash of the document bytes",
    "article_title": "headline of the article inside the document that holds the number",
    "start": "character offset of the quantity in the document text (Python str index)",
    "end": "end offset of the quantity, exclusive; text[start:end] == raw_text",
    "raw_text": "the quantity as written, e.g. 8000余万元",
    "value": "normalised value in the base unit (2803.5亿元 -> 280350000000)",
    "unit": "base unit",
    "qualifier": "exact, approx, over or under",
    "region": "official name of the most specific administrative unit the number describes",
    "region_level": "province, city, county or town",
    "region_parent": "official name of the unit above",
    "region_code": "administrative division code where known",
    "region_mention": "the words of the text that named the region",
    "region_status": "resolved; unresolved for a name several units bear that the document does not settle "
                     "(the name kept, code and parent empty); empty with no region",
    "indicator": "indicator id from the catalog",
    "subject": "what exactly is measured, in the document's words",
    "year": "the year the figure refers to; empty when the text does not fix it",
    "kind": "fact, target, threshold or label; only facts describe the present",
    "sentence": "the full source sentence, line breaks removed",
    "rule": "id of the rule that produced the row",
    "review": "unreviewed, accepted, corrected, rejected (not a figure, or not about what it says) or added "
              "(a figure the rules missed); the other columns hold the reviewed values",
    "machine_value": "the value the rules extracted, before any correction",
    "machine_region": "the region the rules extracted, before any correction",
    "machine_indicator": "the indicator the rules extracted, before any correction",
}

FIELD_ENUMS = {
    "unit": sorted({unit for units in INDICATOR_UNITS.values() for unit in units}),
    "qualifier": ["exact", "approx", "over", "under"],
    "region_level": ["province", "city", "county", "town", ""],
    "region_status": ["resolved", "unresolved", ""],
    "kind": ["fact", "target", "threshold", "label"],
    "indicator": sorted(INDICATOR_UNITS),
    "review": ["unreviewed", "accepted", "corrected", "rejected", "added"],
}


def _visible_start(text: str) -> str:
    """``text`` from its first character that is neither white space nor invisible (format, category Cf)."""
    for index, character in enumerate(text):
        if not (character.isspace() or unicodedata.category(character) == "Cf"):
            return text[index:]
    return ""


def looks_like_formula(text: object) -> bool:
    """True for text a spreadsheet may run: a trigger first, or after leading white space or invisible characters."""
    return isinstance(text, str) and (
        text.startswith(FORMULA_TRIGGERS) or _visible_start(text).startswith(FORMULA_TRIGGERS + FULL_WIDTH_TRIGGERS))


def neutralise_formula_text(texts: pd.Index | pd.Series) -> np.ndarray:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    values = np.asarray(texts, dtype=object)
    risky = np.fromiter((looks_like_formula(v) for v in values), dtype=bool, count=len(values))
    values = values.copy()
    values[risky] = np.array(["'" + v for v in values[risky]], dtype=object)
    return values


def _text_column(column: pd.Series, for_excel: bool) -> pa.Array:
    """A text column as Arrow; for Excel, each distinct text is neutralised once."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories.astype(str)
        dictionary = neutralise_formula_text(categories) if for_excel else np.asarray(categories, dtype=object)
        codes = column.cat.codes.to_numpy()
        indices = pa.array(codes, mask=codes < 0, type=pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(dictionary, type=pa.string()))
    texts = column.fillna("").astype(str)
    values = neutralise_formula_text(texts) if for_excel else texts.to_numpy(dtype=object)
    return pa.array(values, type=pa.string())


def _integer_column(column: pd.Series) -> pa.Array:
    numbers = pd.to_numeric(column, errors="coerce")
    return pa.array(numbers.to_numpy(dtype="float64", na_value=np.nan), from_pandas=True).cast(pa.int64())


def rows_as_arrow(rows: pd.DataFrame, for_excel: bool = False) -> pa.Table:
    arrays, names = [], []
    for name in EXPORTED_COLUMNS:
        column = rows[name] if name in rows.columns else _unreviewed(rows, name)
        if name in ("value", "machine_value"):
            arrays.append(pa.array(column.to_numpy(dtype="float64"), type=pa.float64()))
        elif name in NUMERIC_COLUMNS:
            arrays.append(_integer_column(column))
        else:
            arrays.append(_text_column(column, for_excel))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


def _unreviewed(rows: pd.DataFrame, name: str) -> pd.Series:
    """A review column of rows nobody reviewed: ``unreviewed``, and the machine's values are the row's."""
    if name == REVIEW_COLUMN:
        return pd.Series([UNREVIEWED] * len(rows), dtype=object, index=rows.index)
    source = MACHINE_COLUMNS.get(name)
    if source in rows.columns:
        return rows[source]
    return pd.Series([""] * len(rows), dtype=object, index=rows.index)


def _csv_bytes(rows: pd.DataFrame, for_excel: bool) -> bytes:
    sink = io.BytesIO()
    if for_excel:
        sink.write(UTF8_BOM)
    options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
    pa_csv.write_csv(rows_as_arrow(rows, for_excel), sink, write_options=options)
    return sink.getvalue()


def csv_for_scripts(rows: pd.DataFrame) -> bytes:
    """Plain UTF-8 CSV of the exported columns, no BOM."""
    return _csv_bytes(rows, for_excel=False)


def csv_for_excel(rows: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM; text cells that look like formulas are neutralised."""
    return _csv_bytes(rows, for_excel=True)


def table_schema() -> dict:
    """Frictionless Table Schema of the exported columns."""
    fields = []
    for name in EXPORTED_COLUMNS:
        field = {"name": name, "type": NUMERIC_COLUMNS.get(name, "string"),
                 "description": FIELD_DESCRIPTIONS.get(name, "")}
        if name in FIELD_ENUMS:
            field["constraints"] = {"enum": FIELD_ENUMS[name]}
        if name == "obs_id":
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["obs_id"], "missingValues": [""]}


def _source_documents(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    doc_ids = set(rows["doc_id"].astype(str).unique()) if len(rows) else set()
    chosen = documents[documents["doc_id"].astype(str).isin(doc_ids)]
    return chosen.sort_values("source_file")


def data_package_descriptor(rows: pd.DataFrame, documents: pd.DataFrame, description: str = "") -> dict:
    sources = _source_documents(rows, documents)
    return {
        "profile": "tabular-data-package",
        "name": "regional-indicators",
        "title": "Regional development indicators",
        "description": description or "Figures extracted from Chinese local-government news and reports.",
        "resources": [{
            "name": "indicators",
            "path": "indicators.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "header": True},
            "schema": table_schema(),
            "sources": [{"title": str(doc.title or doc.source_file), "path": str(doc.source_file)}
                        for doc in sources.itertuples()],
        }],
    }


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def package_readme(rows: pd.DataFrame, documents: pd.DataFrame, description: str = "") -> str:
    sources = _source_documents(rows, documents)
    lines = [
        "# Regional development indicators",
        "",
        description or "Figures extracted from Chinese local-government news and reports.",
        "",
        f"- `indicators.csv`: {len(rows)} rows, UTF-8 with a byte-order mark, one row per number stated in a "
        "document. A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, "
        "their full-width forms, a tab or a carriage return, also after spaces or invisible characters) "
        "starts with an added `'`.",
        "- `datapackage.json`: the Table Schema of the columns (Frictionless Data).",
        "- `kind` says whether a row is a fact or a target, threshold or label; only facts describe the present.",
        "- `start`/`end` are character offsets into the source document: `text[start:end] == raw_text`.",
        "",
        f"## Source documents ({len(sources)})",
        "",
        "| source_file | title | publisher | date | url | doc_id |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for doc in sources.itertuples():
        cells = [_cell(doc.source_file), _cell(doc.title), _cell(doc.publisher), _cell(doc.date),
                 _cell(doc.url), _cell(doc.doc_id)]
        lines.append("| " + " | ".join(" ".join(cell.split()).replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def data_package_zip(rows: pd.DataFrame, documents: pd.DataFrame, description: str = "") -> bytes:
    """Zip of ``indicators.csv`` (Excel-safe), ``datapackage.json`` and ``README.md``."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("indicators.csv", csv_for_excel(rows))
        archive.writestr("datapackage.json", json.dumps(
            data_package_descriptor(rows, documents, description), ensure_ascii=False, indent=2))
        archive.writestr("README.md", package_readme(rows, documents, description))
    return sink.getvalue()
