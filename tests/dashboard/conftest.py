"""Fixtures of the dashboard tests: a ``data/`` directory made from the hand-written fixtures."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from dashboard_fixture_data import write_data_dir  # noqa: E402

from dashboard import datastore, queries  # noqa: E402

from apptest_helpers import APP  # noqa: E402,F401  (the fixtures below start it)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data")


@pytest.fixture
def dataset(data_dir: Path) -> queries.Dataset:
    return queries.build_dataset(datastore.read_rows(data_dir), datastore.read_documents(data_dir))


@pytest.fixture
def app_env(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dashboard reads the fixture data; its seeds are older, so nothing is re-extracted."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    return data_dir


@pytest.fixture
def app(app_env: Path):
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(APP), default_timeout=60)

