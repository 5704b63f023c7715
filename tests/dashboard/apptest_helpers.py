"""Helpers of the AppTest tests: finding text on the page, catching the files of download buttons."""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.runtime.media_file_manager import MediaFileManager

# The app under test; here, not in conftest.py, whose module name another test folder shares.
APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&#58;|\u2060")


def shown(markdown: str) -> str:
    """What a reader sees of ``markdown``'s characters: backslash escapes and ``&#58;`` resolved
    (CommonMark), invisible word joiners dropped."""
    return _ESCAPE.sub(lambda match: match.group(1) or (":" if match.group(0) == "&#58;" else ""), markdown)


def page_text(app) -> str:
    """Every markdown, caption, html, metric and title text of the last run, joined, as a reader sees it."""
    parts = [shown(element.value) for element in (*app.markdown, *app.caption, *app.title, *app.subheader)]
    parts += [f"{metric.label}={metric.value}" for metric in app.metric]
    parts += [str(getattr(element.proto, "body", "")) for element in app.get("html")]
    return "\n".join(parts)


class RecordingMediaFileManager(MediaFileManager):
    """Keeps what each download button would serve, by file name."""

    files: dict[str, object] = {}

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        RecordingMediaFileManager.files[file_name] = data_callable
        return super().add_deferred(data_callable, mimetype, coordinates, file_name=file_name,
                                    element_id=element_id)

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        RecordingMediaFileManager.files[file_name] = data
        return super().add(data, mimetype, coordinates, file_name=file_name,
                           is_for_static_download=is_for_static_download)


def downloaded_bytes(name: str) -> bytes:
    """The bytes a click on the download button named ``name`` delivers."""
    data = RecordingMediaFileManager.files[name]
    return data() if callable(data) else data
