"""Where the ``jionlp`` package keeps its data files, and which version it is.

The division tree (``gazetteer``) and the word counts (``words``) both come
from it; their disk caches are keyed by its version.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path


def dictionary_directory() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jionlp package is not installed; it provides the gazetteer and the word counts")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary"


def version() -> str:
    try:
        return importlib.metadata.version("jionlp")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
