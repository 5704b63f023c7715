"""Documents: what the data comes from, and uploading new documents (text, web pages, PDF, Word)."""
from __future__ import annotations

import math

import streamlit as st

from dashboard import data, state, uploads
from dashboard.escaping import markdown_literal
from dashboard.i18n import label

REPORT_KEY = "_upload_report"

lang = state.language()
st.title(label("page_documents", lang))

summary = data.document_summary(data.data_version())
# an unknown title, publisher or date reads "—", never None or nan
described = summary[["source_file", "title", "publisher", "date", "mentions", "facts", "regions"]].astype(
    {"title": object, "publisher": object, "date": object})
for name in ("title", "publisher", "date"):
    described[name] = [str(value) if isinstance(value, str) and value else "—" for value in described[name]]
st.dataframe(
    described,
    hide_index=True, width="stretch",
    column_config={name: st.column_config.Column(label(f"col_{name}", lang))
                   for name in ("source_file", "title", "publisher", "date", "mentions", "facts", "regions")},
)

st.subheader(label("documents_upload", lang))
limit_mb = uploads.max_upload_mb()
files = st.file_uploader(label("documents_upload", lang), type=[suffix.lstrip(".") for suffix in uploads.UPLOAD_SUFFIXES], accept_multiple_files=True,
                         key="upload_files", label_visibility="collapsed", max_upload_size=limit_mb)
st.caption(label("documents_upload_help", lang, limit=limit_mb, seconds=f"{uploads.max_upload_seconds():g}"))
with st.expander(label("upload_details", lang)):
    typed = {name: st.text_input(label(f"upload_{name}", lang), key=f"upload_{name}") for name in uploads.DETAIL_FIELDS}
details, problems = uploads.upload_details(typed)
for name, value in problems.items():
    st.error(label(f"upload_bad_{name}", lang, value=markdown_literal(value)))
if st.button(label("documents_extract", lang), disabled=not files or bool(problems), type="primary",
             key="extract_uploads"):
    pipeline, why_not = data.extraction_pipeline()
    extract_bytes = getattr(pipeline, "extract_bytes", None)
    if extract_bytes is None:
        st.session_state[REPORT_KEY] = [uploads.UploadOutcome(uploads.display_name(f.name), "failed", error=label(
            "pipeline_missing", lang, error=why_not or "extract_bytes")) for f in files]
    else:
        known = set(data.dataset().documents["doc_id"].astype(str))
        st.session_state[REPORT_KEY] = uploads.add_uploaded_files(
            data.data_dir(), [(f.name, f.getvalue()) for f in files], extract_bytes, known,
            max_bytes=limit_mb * uploads.MEGABYTE, details=details)
    st.rerun()

for outcome in st.session_state.get(REPORT_KEY, []):
    name = markdown_literal(outcome.file_name)      # an upload's name is whatever the sender chose
    if outcome.status == "added":
        st.success(label("documents_added", lang, file=name, rows=outcome.rows))
    elif outcome.status == "duplicate":
        st.info(label("documents_duplicate", lang, file=name))
    elif outcome.status == "too_large":
        size_mb = math.ceil(outcome.size / uploads.MEGABYTE * 10) / 10
        st.error(label("documents_too_large", lang, file=name, size=f"{size_mb:.1f}", limit=limit_mb))
    else:
        st.error(label("documents_failed", lang, file=name, error=markdown_literal(outcome.error)))
