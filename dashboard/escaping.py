"""Text from documents shown as text: never as markup, links, formulas or scripts.

Every string that comes from a document (its text, title, file name, a
row's subject or sentence) or from the URL is hostile. Each place that
renders text has its own markup, so each has its own escape:

* ``markdown_literal``: Streamlit markdown (``st.markdown``, ``st.caption``,
  headings, alerts, ``help=`` tooltips, metric labels). Each character
  that can open markup gets a backslash (CommonMark lets any ASCII
  punctuation be escaped), so ``**x**``, ``[a](javascript:…)``,
  ``<script>``, ``&lt;`` and ``$$…$$`` lose their meaning; a list or
  heading marker at the start is escaped too, and line breaks become
  spaces, so no text starts a block. A colon becomes ``&#58;``: Streamlit
  finds ``:material/…:``, ``:smile:`` and ``:red[…]`` in the source before
  any escape is read, so the source must hold no colon of the text at all.
  Bare addresses (``https://…``, ``www.…``, ``a@b.cn``) are linked after
  parsing, from the text itself, so an invisible WORD JOINER (U+2060) goes
  where it breaks them: between ``:`` and ``/``, after ``www``, before
  ``@``. Streamlit also typesets ``->``, ``<-``, ``<->``, ``--``, ``>=``,
  ``<=`` and ``~=`` standing between spaces as arrows, dashes and
  relations, after parsing; a word joiner inside each such pair keeps its
  characters. Other punctuation (``2803.5``, ``4.8%``) is left alone.
* ``html_literal``: HTML (``st.html``): ``html.escape`` with quotes.
* ``plotly_literal``: Plotly's labels and titles, which read ``<b>``,
  ``<a href>`` and ``<br>`` and decode entities.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# Emphasis, code, strikethrough, links and images, HTML and autolinks, entities,
# headings, tables, math.
_MARKUP_CHARACTERS = re.compile(r"([\\`*_~\[\]<>&#|$@])")
COLON_ENTITY = "&#58;"
WORD_JOINER = "\u2060"
# Where GFM finds a bare link in the text: "scheme://", "www.", "name@domain".
_AUTOLINK_START = re.compile(r"(?<=:)(?=/)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
# Inside the pairs Streamlit's markdown typesets (-> <- <-> -- >= <= ~=).
_TYPESET_PAIR = re.compile(r"(?<=<)(?=-)|(?<=-)(?=[->])|(?<=[<>~])(?==)")
# What can open a block at the start of a line: a list item or rule (``-``, ``+``), an underline
# (``=``), a numbered item (``1.``, ``1)`` followed by a space). ``#``, ``>``, ``*``, ``_`` are always escaped.
_BLOCK_START = re.compile(r"\s*(?:[-+=]|\d+[.)](?=\s|$))")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
LINK_SCHEMES = ("http", "https")
# Characters left as they are in a link target; everything else is percent-encoded
# (so no ``(``, ``)``, ``<``, ``>``, space or quote can end the Markdown link).
_URL_SAFE = ":/?#@!$&*+,;=%~-._"


def markdown_literal(text: object) -> str:
    """``text`` as Streamlit markdown that renders as the characters of ``text`` (and invisible word joiners)."""
    flat = _LINE_BREAKS.sub(" ", "" if text is None else str(text))
    flat = _TYPESET_PAIR.sub(WORD_JOINER, _AUTOLINK_START.sub(WORD_JOINER, flat))
    escaped = _MARKUP_CHARACTERS.sub(r"\\\1", flat).replace(":", COLON_ENTITY)
    block_start = _BLOCK_START.match(escaped)
    if block_start is None:
        return escaped
    marker = block_start.end() - 1
    return escaped[:marker] + "\\" + escaped[marker:]


def markdown_link(text: object, url: object) -> str:
    """A Markdown link to ``url`` when it is http(s); otherwise the URL as plain text."""
    address = "" if url is None else str(url).strip()
    try:
        scheme = urlsplit(address).scheme.lower()
    except ValueError:                     # e.g. an unbalanced "[" in the host
        scheme = ""
    if scheme not in LINK_SCHEMES or _LINE_BREAKS.search(address):
        return markdown_literal(address)
    return f"[{markdown_literal(text)}]({quote(address, safe=_URL_SAFE)})"


def html_literal(text: object) -> str:
    """``text`` for HTML: ``<``, ``>``, ``&`` and both quotes as entities."""
    return html.escape("" if text is None else str(text), quote=True)


def plotly_literal(text: object) -> str:
    """``text`` for a Plotly label, title or legend entry (Plotly reads a subset of HTML)."""
    return html.escape("" if text is None else str(text), quote=False)
