"""Streamlit caching around the pure functions of ``queries`` and ``exports``.

The dataset (a million rows at most) is held once per data version with
``st.cache_resource``: it is read-only, and ``st.cache_data`` would copy it
on every rerun. Smaller results computed from it are cached with
``st.cache_data``, keyed by the data version, so writing to ``data/`` (a new
extraction, an upload) invalidates them.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import datastore, queries, reviewing
from dashboard.escaping import markdown_literal
from dashboard.filters import Filters
from dashboard.i18n import label
from extractors.review.apply import apply_reviews


def data_dir() -> Path:
    return datastore.default_data_dir()


def data_version() -> str:
    return datastore.data_version(data_dir())


@st.cache_resource(show_spinner=False, max_entries=1)
def _extraction(directory: str, version: str) -> tuple[pd.DataFrame, list[dict]]:
    del version  # the cache key: a new version reads the files again
    path = Path(directory)
    extraction = datastore.extraction_dir(path)     # rows and documents of one set
    return datastore.read_rows(path, extraction), datastore.read_documents(path, extraction)


@st.cache_resource(show_spinner=False, max_entries=2)
def _dataset(directory: str, version: str, revision: int) -> queries.Dataset:
    """The extraction with every review decision in force (a new decision raises ``revision``)."""
    rows, documents = _extraction(directory, version)
    store = reviewing.review_store(Path(directory)) if revision >= 0 else None
    reviewed = apply_reviews(rows, store.states()) if store is not None else None
    built = queries.build_dataset(reviewed.rows if reviewed else rows, documents)
    built.orphans = reviewed.orphans if reviewed else []
    return built


def review_revision() -> int:
    """The review store's revision, -1 when it cannot be opened (the rows are then shown unreviewed)."""
    try:
        return reviewing.review_store(data_dir()).revision()
    except reviewing.StoreUnavailable:
        return -1


def dataset() -> queries.Dataset:
    return _dataset(str(data_dir()), data_version(), review_revision())


def filtered_mentions(filters: Filters) -> pd.DataFrame:
    return queries.filter_mentions(dataset(), filters)


def mentions_mask(filters: Filters) -> np.ndarray:
    return queries.mentions_mask(dataset(), filters)


def filtered_facts(filters: Filters) -> pd.DataFrame:
    return queries.filter_facts(dataset(), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def filter_options(version: str) -> dict:
    del version
    return queries.filter_options(dataset())


@st.cache_data(show_spinner=False, max_entries=64)
def coverage(version: str, filters: Filters, undated_text: str) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Regions x core indicators with the years covered, and what each region misses."""
    del version
    facts = filtered_facts(filters)
    present = set(facts["region"].astype(str).unique())
    table = queries.coverage_table(facts, [name for name in dataset().tree.ordered() if name in present],
                                   undated_text)
    return table, queries.missing_indicators(table)


@st.cache_data(show_spinner=False, max_entries=64)
def document_summary(version: str) -> pd.DataFrame:
    del version
    return queries.document_summary(dataset())


# ---------------------------------------------------------------- extraction

def extraction_pipeline() -> tuple[ModuleType | None, str]:
    """``extractors.run.pipeline`` when it can be imported, else ``None`` and why not."""
    try:
        return importlib.import_module("extractors.run.pipeline"), ""
    except ImportError as error:
        return None, str(error)


def ensure_fresh_data(lang: str) -> None:
    """Run the extraction of ``seeds/`` with a progress bar when ``data/`` is missing or was
    extracted from other seeds (by content hashes, see ``datastore.needs_extraction``)."""
    directory, seeds = data_dir(), datastore.default_seeds_dir()
    if not datastore.needs_extraction(directory, seeds):
        return
    pipeline, why_not = extraction_pipeline()
    paths = datastore.seed_paths(seeds)
    if pipeline is None or not hasattr(pipeline, "extract_paths"):
        st.warning(label("pipeline_missing", lang, error=markdown_literal(why_not or "extract_paths")))
        return
    if not paths:
        return
    bar = st.progress(0.0, text=label("extracting", lang, done=0, total=len(paths), name=""))

    def report(done: int, total: int, name: str) -> None:
        text = label("extracting", lang, done=done, total=total, name=markdown_literal(name))
        bar.progress(min(done / max(total, 1), 1.0), text=text)

    summary = pipeline.extract_paths(paths, directory, progress=report)
    bar.empty()
    st.toast(label("extraction_done", lang, documents=len(paths)))
    for reason in dict(getattr(summary, "failed", None) or {}).values():
        st.warning(label("extraction_failed_file", lang, error=markdown_literal(reason)))

