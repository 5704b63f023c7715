"""The disk cache of parsed region data: pickles written atomically, read with any fault taken as a miss.

Several processes (``--jobs``, the dashboard) read and write the same files,
so a file is written under a temporary name and renamed; a file from another
version of the code (a moved class, a changed tuple) is a miss, never an error.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

CACHE_DIRECTORY_ENV = "REGIONAL_INDICATORS_CACHE_DIR"


def cache_directory() -> Path:
    configured = os.environ.get(CACHE_DIRECTORY_ENV)
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "regional-indicators"


def read_cached(path: Path):
    """The object pickled at ``path``, or ``None`` when there is none or it cannot be read back."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
        return None


def write_cached(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home only costs speed
