"""The dashboard extracts ``seeds/`` again exactly when its inputs changed:
by the content hashes the run manifest records, not by file times (a deleted
seed leaves no newer file behind, a copied one may carry an old time)."""
from __future__ import annotations

import json
import os
import time

import pytest

from dashboard import datastore
from extractors.run.pipeline import extract_paths

PAGES = {
    "a.txt": "丽水市2024年地区生产总值达1964亿元。",
    "b.txt": "龙泉市2024年常住人口达到25万人。",
}


@pytest.fixture
def folders(tmp_path):
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    for name, text in PAGES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "manifest.jsonl").write_text(json.dumps({"source_file": "a.txt", "date": "2024-05-01"}) + "\n",
                                          encoding="utf-8")
    extract_paths(datastore.seed_paths(seeds), data)
    assert not datastore.needs_extraction(data, seeds)
    return seeds, data


def test_a_seed_touched_or_copied_with_its_bytes_needs_no_extraction(folders):
    seeds, data = folders
    future = time.time() + 3600
    os.utime(seeds / "a.txt", (future, future))
    assert not datastore.needs_extraction(data, seeds)


def test_a_deleted_seed_needs_an_extraction_that_drops_its_rows(folders):
    seeds, data = folders
    (seeds / "b.txt").unlink()
    assert datastore.needs_extraction(data, seeds)
    extract_paths(datastore.seed_paths(seeds), data)
    assert not datastore.needs_extraction(data, seeds)
    assert set(datastore.read_rows(data)["source_file"].astype(str)) == {"a.txt"}


@pytest.mark.parametrize("change", ["edit", "add", "rename", "manifest"])
def test_a_changed_input_needs_an_extraction(folders, change):
    seeds, data = folders
    past = time.time() - 3600
    if change == "edit":
        (seeds / "a.txt").write_text(PAGES["a.txt"].replace("1964", "1965"), encoding="utf-8")
    elif change == "add":
        (seeds / "c.txt").write_text("庆元县2024年规上工业企业达到120家。", encoding="utf-8")
    elif change == "rename":
        (seeds / "b.txt").rename(seeds / "d.txt")
    else:
        (seeds / "manifest.jsonl").write_text(json.dumps({"source_file": "a.txt", "date": "2023-05-01"}) + "\n",
                                              encoding="utf-8")
    for path in seeds.iterdir():
        os.utime(path, (past, past))      # older than the data: file times would say fresh
    assert datastore.needs_extraction(data, seeds)


def test_data_without_recorded_hashes_is_extracted_again(folders):
    seeds, data = folders
    manifest = datastore.extraction_dir(data) / "run_manifest.json"
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    del recorded["input_hashes"]
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    assert datastore.needs_extraction(data, seeds)
