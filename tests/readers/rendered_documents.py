"""Session fixtures: the fixture documents rendered in every format and extracted once.

A module of its own, not a ``conftest.py``: test folders here have no
``__init__.py``, so every ``conftest`` would be the one module ``conftest``.
"""
from __future__ import annotations

import pytest

from document_fixtures import DOCUMENTS, RENDERERS, TABLE_HEAVY


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Every fixture document written in every format: {(name, suffix): path}."""
    folder = tmp_path_factory.mktemp("rendered")
    paths = {}
    for doc in [*DOCUMENTS, TABLE_HEAVY]:
        for suffix, render in RENDERERS.items():
            path = folder / f"{doc.name}{suffix}"
            path.write_bytes(render(doc))
            paths[doc.name, suffix] = path
    return paths


@pytest.fixture(scope="session")
def extracted(rendered):
    """Each rendered file extracted once: {(name, suffix): DocumentResult}."""
    from extractors.run.pipeline import extract_file

    return {key: extract_file(path, None) for key, path in rendered.items()}
