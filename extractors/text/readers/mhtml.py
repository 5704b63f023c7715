"""A saved web page (``.mhtml``): the MIME message's first HTML part, read as a web page."""
from __future__ import annotations

import email
import email.policy

from extractors.text.encoding import DocumentError
from extractors.text.readers.html import read_html, read_markup
from extractors.text.readers.reading import Reading


def read_mhtml(data: bytes, name: str) -> Reading:
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            try:
                reading = read_markup(payload.decode(charset), name, charset) if charset else None
            except (LookupError, UnicodeDecodeError):
                reading = None
            reading = reading or read_html(payload, name)
            reading.media_type = "multipart/related"
            reading.reader = reading.reader.replace("html", "mhtml", 1)
            return reading
    raise DocumentError(name, "is a saved web archive without an HTML page in it")
