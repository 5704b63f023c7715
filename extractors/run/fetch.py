"""A document from a URL: fetched with limits, each failure its own message.

``fetch`` follows at most ``MAX_REDIRECTS`` redirects (http and https only),
waits at most ``TIMEOUT_SECONDS`` for each network step, reads at most
``MAX_BYTES`` and accepts the content types a reader takes (web pages, PDF,
Word, plain text, or bytes of no declared type, which the readers sniff).
The bytes, the final URL and the time of the fetch go into the document.
"""
from __future__ import annotations

import datetime as dt
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from extractors.text.encoding import DocumentError

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain", "multipart/related",
                  "message/rfc822", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "application/octet-stream", "application/x-download", "")
USER_AGENT = "regional-indicators/0.1 (+document reader)"
_UNSAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


class FetchError(DocumentError):
    """A URL that gave no document; the message says which limit or failure."""


@dataclass(frozen=True)
class Fetched:
    url: str             # after redirects
    data: bytes
    content_type: str
    fetched_at: str      # ISO, UTC

    @property
    def file_name(self) -> str:
        """A file name for the document: host and path, made safe."""
        parts = urllib.parse.urlsplit(self.url)
        name = _UNSAFE_NAME.sub("_", f"{parts.netloc}{parts.path}".rstrip("/")).strip("._") or "page"
        return name[-120:]


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, request, fp, code, message, headers):
        target = urllib.parse.urljoin(request.full_url, headers.get("Location") or headers.get("URI") or "")
        if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
            raise FetchError(request.full_url, f"redirects to {target[:80]}, which is not http or https")
        visited = getattr(request, "redirect_dict", {})
        if sum(visited.values()) >= self.max_redirections:
            raise FetchError(request.full_url, f"redirects more than {MAX_REDIRECTS} times")
        return super().http_error_302(request, fp, code, message, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    if not is_url(url):
        raise FetchError(url, "is not an http or https URL")
    opener = urllib.request.build_opener(_LimitedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES[:7])})
    fetched_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            if content_type not in ACCEPTED_TYPES:
                raise FetchError(url, f"answers with {content_type}, not a web page, PDF, Word or text document")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"is larger than {max_bytes // 2**20} MB ({int(declared) // 2**20} MB)")
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(url, f"is larger than {max_bytes // 2**20} MB")
            final_url = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(url, f"answers HTTP {error.code} {error.reason}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(url, f"did not answer within {timeout:g} s") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(url, f"did not answer within {timeout:g} s") from None
        raise FetchError(url, f"cannot be reached ({reason})") from None
    except (OSError, ValueError) as error:
        raise FetchError(url, f"cannot be fetched ({type(error).__name__}: {error})") from None
    if not data:
        raise FetchError(url, "answers with an empty body")
    return Fetched(final_url, data, content_type, fetched_at)
