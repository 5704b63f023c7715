"""Streamlit's own words on its widgets, in the page's language.

Streamlit writes a few words of its widgets in English whatever the page
(the upload button, a multiselect's "Select all", "No results" of an empty
search) and has no setting for them. On a Chinese page a style sheet hides
those words and shows ours in their place; screen readers still get the
widget's own label, which the views set in Chinese. The upload line with the
size limit and file types stays as Streamlit writes it: the upload's help
says the same in Chinese.
"""
from __future__ import annotations

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, label

# (selector of the element whose text is replaced, key of our words in i18n.TEXTS)
_REPLACED = (
    ('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p', "widget_upload_button"),
    ('[data-testid="stMultiSelectDropdown"] [data-key="__select_all__"] [data-item-hl]', "widget_select_all"),
    ('[role="option"] > span:only-child', "widget_no_results"),     # the empty state of a search
)


def style_sheet(lang: str = DEFAULT_LANGUAGE) -> str:
    """The CSS that shows ``lang``'s words in Streamlit's widgets ("" where Streamlit's own are right)."""
    if lang == "en":
        return ""
    rules = []
    for selector, key in _REPLACED:
        rules.append(f"{selector} {{ font-size: 0; }}")
        rules.append(f'{selector}::after {{ content: "{label(key, lang)}"; font-size: 0.875rem; }}')
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def show_widget_words(lang: str = DEFAULT_LANGUAGE) -> None:
    sheet = style_sheet(lang)
    if sheet:
        st.html(sheet)
