"""Readers: the bytes of a file -> its text and structure, by what the bytes are.

``read_bytes`` sniffs the content (``sniff``) and hands it to one reader:

* plain text  ``encoding.decode`` (UTF-8/16, GB18030, Big5, ...); no structure
* ``html``    web pages: main text, title, date, headings, tables as cells
* ``mhtml``   a saved web page: its HTML part, read as a web page
* ``pdf``     text per page and ruled tables as cells (a sandboxed process)
* ``docx``    Word: paragraphs, heading styles, tables as cells

A file that no reader takes, or that its reader cannot read, raises
``DocumentError`` with one sentence saying why (for other binary kinds, an
image or an archive, the text decoder's, which names the kind).
"""
from __future__ import annotations

from extractors.text.encoding import DocumentError, decode
from extractors.text.readers.reading import Reading
from extractors.text.readers.sniff import sniff

__all__ = ["READABLE_SUFFIXES", "UNREADABLE_KIND", "Reading", "read_bytes", "sniff", "suffix_for"]

# File names a folder walk picks up; the content still decides the reader.
READABLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml",
                               ".pdf", ".docx", ""})
UNREADABLE_KIND = "not a kind of document extract reads (.txt, .html, .htm, .mhtml, .pdf, .docx)"
SUFFIX_OF_KIND = {"text": ".txt", "html": ".html", "mhtml": ".mhtml", "pdf": ".pdf", "docx": ".docx"}
# A zip named .docx that holds no Word document; other binary kinds are named by the text decoder.
NOT_WORD = "is a zip archive but not a Word (.docx) document"


def suffix_for(data: bytes, name: str = "") -> str:
    """The file suffix the content calls for (``.pdf`` for a PDF named ``report``)."""
    return SUFFIX_OF_KIND.get(sniff(data, name), "")


def read_bytes(data: bytes, name: str) -> Reading:
    kind = sniff(data, name)
    if kind == "zip" and name.lower().endswith(".docx"):
        raise DocumentError(name, NOT_WORD)
    if kind == "html":
        from extractors.text.readers.html import read_html

        return read_html(data, name)
    if kind == "mhtml":
        from extractors.text.readers.mhtml import read_mhtml

        return read_mhtml(data, name)
    if kind == "pdf":
        from extractors.text.readers.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from extractors.text.readers.docx import read_docx

        return read_docx(data, name)
    text, encoding = decode(data, name)
    return Reading(text=text, encoding=encoding)
