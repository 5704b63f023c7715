from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extract_text():
    """Extract rows from a text given inline, as if it were a file."""
    from extractors.run.pipeline import extract_bytes

    def run(text: str, date: str | None = None, source_file: str = "example.txt"):
        manifest = {"date": date} if date else None
        result = extract_bytes(text.encode("utf-8"), source_file, manifest)
        assert result.error is None, result.error
        return result.observations

    return run


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """The seeds extracted once per test session, as the CLI writes them."""
    from extractors.run.pipeline import extract_paths

    out = tmp_path_factory.mktemp("seed-run")
    summary = extract_paths([ROOT / "seeds"], out)
    return summary, out


@pytest.fixture(scope="session")
def seed_rows(seed_run):
    from extractors.evaluate import read_rows

    return read_rows(seed_run[1] / "indicators.csv")


@pytest.fixture(scope="session")
def seed_gold():
    from extractors.evaluate import read_rows

    return read_rows(ROOT / "tests" / "gold" / "seeds.jsonl")
