"""Guards of a run: rule patterns that run too long, temporary files of a killed run."""
import regex

from extractors.indicators import classify


def test_a_timed_out_search_counts_as_no_match_and_is_recorded(monkeypatch):
    monkeypatch.setattr(classify, "RULE_TIMEOUT_SECONDS", 0.0001)
    classify.rule_timeouts.clear()
    slow = regex.compile(r"(?:\w+\s?)+\d{40}")   # a pattern with a lot of ways to fail
    text = "万元" * 5000 + " x"
    assert classify._guarded(slow, "search", text) is None
    assert classify.rule_timeouts[slow.pattern[:40]] == 1


def test_timeouts_reach_the_run_manifest(monkeypatch, tmp_path):
    from extractors.run.pipeline import extract_paths

    monkeypatch.setattr(classify, "RULE_TIMEOUT_SECONDS", 0.0)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text("全区地区生产总值2803.5亿元，增长4.8%。", encoding="utf-8")
    import json

    extract_paths([tmp_path / "in"], tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "run_manifest.json").read_text(encoding="utf-8"))
    assert manifest["warnings"] and "page.txt" in manifest["warnings"][0]


def test_temporaries_of_a_killed_run_are_removed_and_a_live_runs_are_kept(tmp_path):
    import os

    from extractors.run.outputs import remove_stale_temporaries

    dead = tmp_path / ".indicators.csv.999999999.abc"          # a file-at-a-time writer's temporary
    alive = tmp_path / f".indicators.csv.{os.getpid()}.def"
    other = tmp_path / "notes.txt"
    for path in (dead, alive, other):
        path.write_text("x")
    generations = tmp_path / ".generations"
    dead_set = generations / "20260101T000000000000-999999999-aa"        # killed before its manifest
    live_set = generations / f"20260101T000000000000-{os.getpid()}-bb"   # still being written
    finished = generations / "20260101T000000000000-999999998-cc"       # a set, kept
    for folder in (dead_set, live_set, finished):
        folder.mkdir(parents=True)
    (finished / "run_manifest.json").write_text("{}")
    assert sorted(remove_stale_temporaries(tmp_path)) == sorted([dead, dead_set])
    assert not dead.exists() and alive.exists() and other.exists()
    assert live_set.exists() and finished.exists() and not dead_set.exists()
