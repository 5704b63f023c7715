"""Entry point: ``streamlit run dashboard/app.py``. Page setup and navigation only."""
from __future__ import annotations

import streamlit as st

from dashboard import data, sidebar, state
from dashboard.widget_words import show_widget_words
from dashboard.i18n import label

VIEWS = "views"  # page files, relative to this entry point

st.set_page_config(page_title="区域发展指标 · Regional indicators", page_icon=":material/query_stats:",
                   layout="wide")
state.start_session()
lang = state.language()
show_widget_words(lang)

# The default page is served at "/" only; its own pathname is reserved but opens nothing, so
# /overview, which people type and share, is a second page of the same view.
overview = st.Page(f"{VIEWS}/overview.py", title=label("page_overview", lang), icon=":material/dashboard:",
                   url_path="home", default=True)
overview_by_name = st.Page(f"{VIEWS}/overview.py", title=label("page_overview", lang), icon=":material/dashboard:",
                           url_path="overview")
compare = st.Page(f"{VIEWS}/compare.py", title=label("page_compare", lang), icon=":material/bar_chart:",
                  url_path="compare")
map_view = st.Page(f"{VIEWS}/map.py", title=label("page_map", lang), icon=":material/map:", url_path="map")
table = st.Page(f"{VIEWS}/table.py", title=label("page_table", lang), icon=":material/table:", url_path="table")
source = st.Page(f"{VIEWS}/source.py", title=label("page_source", lang), icon=":material/article:",
                 url_path="source")
review = st.Page(f"{VIEWS}/review.py", title=label("page_review", lang), icon=":material/fact_check:",
                url_path="review")
documents = st.Page(f"{VIEWS}/documents.py", title=label("page_documents", lang), icon=":material/folder_open:",
                    url_path="documents")
views = [overview, compare, map_view, table, source, review, documents]
page = st.navigation([*views, overview_by_name], position="hidden")
with st.sidebar:
    for view in views:
        st.page_link(view)

# A deep link to one row, `/?obs=<obs_id>`, opens its source.
if page.url_path in (overview.url_path, overview_by_name.url_path) and "obs" in st.query_params:
    st.switch_page(source, query_params={"obs": st.query_params["obs"]})

state.drop_other_views_keys(page.url_path)
data.ensure_fresh_data(lang)
sidebar.render_filters(lang)
page.run()
