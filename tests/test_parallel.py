"""``extract --jobs N`` and the batched writer give the single-process outputs, byte for byte."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extractors.run import pipeline
from extractors.run.outputs import CSV_NAME, DOCUMENTS_NAME, MANIFEST_NAME, PARQUET_NAME

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)   # five seeds -> three batches


def test_two_processes_and_small_batches_write_the_same_files(seed_run, tmp_path, small_batches):
    summary, single = seed_run
    parallel = pipeline.extract_paths([ROOT / "seeds"], tmp_path, jobs=2)
    assert (parallel.documents, parallel.observations) == (summary.documents, summary.observations)
    assert summary.observations > 50
    for name in (CSV_NAME, DOCUMENTS_NAME):
        assert (tmp_path / name).read_bytes() == (single / name).read_bytes(), name
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / PARQUET_NAME), pd.read_parquet(single / PARQUET_NAME))


def test_failed_files_are_reported_and_the_rest_extracted(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("2023年，上城区实现地区生产总值3200亿元，增长6.5%。", encoding="utf-8")
    (inputs / "b.txt").write_bytes(b"")
    summary = pipeline.extract_paths([inputs], tmp_path / "out", jobs=2)
    assert summary.documents == 1 and summary.observations >= 1
    assert list(summary.failed) == ["b.txt"] and "empty" in summary.failed["b.txt"]


def test_an_interrupted_run_leaves_the_previous_outputs(seed_run, tmp_path, small_batches, monkeypatch):
    _, single = seed_run
    out = tmp_path / "out"
    pipeline.extract_paths([ROOT / "seeds"], out)
    before = {name: (out / name).read_bytes() for name in (CSV_NAME, PARQUET_NAME, DOCUMENTS_NAME, MANIFEST_NAME)}
    listing = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    real = pipeline.extract_file
    calls = []

    def fail_on_the_fourth(path, entry, extractor=None, **limits):
        calls.append(path)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(path, entry, extractor, **limits)

    monkeypatch.setattr(pipeline, "extract_file", fail_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        pipeline.extract_paths([ROOT / "seeds"], out)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == listing    # no temporary files left


def test_the_region_matcher_from_the_disk_cache_finds_what_a_fresh_one_finds(tmp_path, monkeypatch):
    """Each worker process loads the matcher from the cache: it must be the same matcher."""
    from extractors.regions import surface_cache
    from extractors.regions.aliases import DEFAULT_ALIASES_PATH, build_surface_index, load_region_aliases
    from extractors.regions.gazetteer import load_gazetteer
    from extractors.regions.mentions import RegionMatcher

    monkeypatch.setenv("REGIONAL_INDICATORS_CACHE_DIR", str(tmp_path))
    gazetteer = load_gazetteer()
    path = surface_cache.index_cache_path(gazetteer, DEFAULT_ALIASES_PATH)
    config = load_region_aliases(DEFAULT_ALIASES_PATH)
    fresh = RegionMatcher(gazetteer, build_surface_index(gazetteer, config))
    surface_cache.write_cached_index(path, fresh.index)
    cached = RegionMatcher(gazetteer, surface_cache.read_cached_index(path, gazetteer, config))
    assert cached is not None and len(cached.index.candidates) == len(fresh.index.candidates)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    found = cached.find(text, resolve_communities=True)
    assert len(found) > 100
    assert found == fresh.find(text, resolve_communities=True)


def test_a_cached_surface_index_naming_a_unit_the_gazetteer_lacks_says_which_file_to_delete(tmp_path):
    from extractors.regions import surface_cache
    from extractors.regions.aliases import DEFAULT_ALIASES_PATH, load_region_aliases
    from extractors.regions.cache import write_cached
    from extractors.regions.gazetteer import load_gazetteer

    path = tmp_path / "surfaces.pickle"
    write_cached(path, ({"某某镇": ((("中华人民共和国", "无此省", "某某镇"), "name"),)}, []))
    index = surface_cache.read_cached_index(path, load_gazetteer(), load_region_aliases(DEFAULT_ALIASES_PATH))
    with pytest.raises(LookupError, match="surfaces.pickle"):
        index.candidates["某某镇"]


def test_what_a_process_keeps_is_made_with_the_collector_paused():
    import gc

    from extractors.run.long_lived import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()       # a caller that turned it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        with collector_paused():
            raise ValueError("a load that fails")
    assert gc.isenabled()
