"""What kind of document a file is, from its first bytes; its name only breaks a tie.

A PDF starts with ``%PDF-`` (some tools put a few bytes before it), a Word
file is a zip holding ``word/document.xml``, a saved web archive (``.mhtml``)
is a MIME message of ``multipart/related`` parts, a web page opens with its
doctype or an HTML tag. Anything else is offered to the text reader, which
knows text from binary. Known binary kinds that no reader takes (old Office
files, images, other zips) are named, so the message says what the file is.
"""
from __future__ import annotations

import io
import re
import zipfile

HEAD_BYTES = 4096
PDF_MARK = b"%PDF-"
ZIP_MARK = b"PK\x03\x04"
OLE_MARK = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MARKS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
# A page opens with a doctype, a comment or an HTML element (after a BOM, an XML declaration).
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6])\b", re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)\b", re.IGNORECASE)
_MHTML = re.compile(rb"^MIME-Version:.*?multipart/related", re.IGNORECASE | re.DOTALL)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def sniff(data: bytes, name: str = "") -> str:
    """``pdf``, ``docx``, ``mhtml``, ``html``, ``text``, or the name of a kind no reader takes."""
    head = data[:HEAD_BYTES]
    lowered_name = name.lower()
    if PDF_MARK in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MARK):
        return "docx" if _is_word(data) else "zip"
    if head.startswith(OLE_MARK):
        return "ole"
    if head.startswith(IMAGE_MARKS):
        return "image"
    if _MHTML.match(head[:2048].lstrip()):
        return "mhtml"
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    sample = head.decode("utf-16", "ignore").encode("utf-8") if utf16 else head
    if _HTML_START.match(sample):
        return "html"
    if lowered_name.endswith(HTML_SUFFIXES) and _HTML_ANYWHERE.search(sample):
        return "html"
    return "text"


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
