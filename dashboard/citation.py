"""What makes a chart citable: its title, its source line and a citation text (no Streamlit here).

Every chart (Compare's bars and lines, the Map) is titled with its measure,
unit and period, carries the documents behind it (title, publisher, date)
as a line inside the figure, so the PNG of the modebar's download keeps it,
and comes with a citation: the dataset, the view, the date of extraction and
the link that reproduces the view.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Mapping
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from dashboard.i18n import label

RUN_MANIFEST = "run_manifest.json"
MAX_DOCUMENTS_NAMED = 4


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def document_name(document: Mapping) -> str:
    """``2024年国民经济和社会发展统计公报（某市统计局，2025-03-20）``: title, publisher and date, as known."""
    title = _text(document.get("title")) or _text(document.get("source_file")) or str(document.get("doc_id", ""))
    about = "，".join(part for part in (_text(document.get("publisher")), _text(document.get("date"))) if part)
    return f"{title}（{about}）" if about else title


def source_documents(shown: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
                     limit: int = MAX_DOCUMENTS_NAMED) -> str:
    """The documents behind the facts shown, most used first: ``title（publisher，date）；… +N``."""
    if shown.empty:
        return ""
    used = mentions[np.isin(mentions["fact_id"].to_numpy(), shown["fact_id"].to_numpy())]
    counts = used.groupby("doc_id", observed=True).size().sort_values(ascending=False, kind="stable")
    named = {str(doc["doc_id"]): document_name(doc) for doc in
             documents[documents["doc_id"].astype(str).isin({str(d) for d in counts.index[:limit]})].to_dict("records")}
    listed = [named.get(str(doc), str(doc)) for doc in counts.index[:limit]]
    more = len(counts) - limit
    return "；".join(listed) + (f" +{more}" if more > 0 else "")


def source_line(shown: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame, lang: str) -> str:
    """``来源：…``, the line a figure carries under its plot; empty when nothing is shown."""
    listed = source_documents(shown, mentions, documents)
    return label("chart_source_line", lang, sources=listed) if listed else ""


def chart_title(series_name: str, unit_text: str, period_text: str, lang: str) -> str:
    """``地区生产总值（亿元），2024年``: measure, unit and period."""
    return label("chart_title", lang, series=series_name, unit=unit_text, period=period_text)


def extraction_date(data_dir: Path) -> str:
    """The day the rows were extracted: the run manifest's ``created``, else the day it was written."""
    manifest = Path(data_dir) / RUN_MANIFEST
    try:
        created = json.loads(manifest.read_text(encoding="utf-8")).get("created")
    except (OSError, ValueError, AttributeError):
        return ""
    if isinstance(created, str) and created[:10]:
        return created[:10]
    return dt.datetime.fromtimestamp(manifest.stat().st_mtime, tz=dt.timezone.utc).date().isoformat()


def view_link(app_url: str, url_path: str, query: Mapping[str, str]) -> str:
    """The address that reproduces a view: the app's root, the page and its query."""
    root = (app_url or "").split("?")[0].rstrip("/")
    for known in ("/" + url_path,):        # st.context.url is the page's address; take the app's root
        if root.endswith(known):
            root = root[: -len(known)]
    encoded = urlencode({key: value for key, value in query.items() if value != ""})
    return f"{root}/{url_path}" + (f"?{encoded}" if encoded else "")


def citation_text(view_title: str, extracted: str, link: str, lang: str) -> str:
    """``区域发展指标数据集：对比 · 地区生产总值（亿元），2024年。提取于 2026-12-02。<link>``."""
    return label("citation", lang, dataset=label("dataset_name", lang), view=view_title,
                 extracted=extracted or label("citation_no_date", lang), link=link)
