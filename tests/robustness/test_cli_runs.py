"""The command line end to end, in subprocesses: bad files in a run, killed runs, re-runs.

- A folder mixing good and bad documents: the good ones are extracted and
  written, each bad one is named with its reason, and the exit status is 1.
- A run killed with SIGKILL half-way leaves the previous outputs as they
  were, byte for byte, and readable.
- A re-run gives the same bytes (the manifest differs only in ``created``).
"""
from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from hostile_inputs import ROOT, png_image, seed_text, zip_archive

SEEDS = ROOT / "seeds"
OUTPUTS = ("indicators.csv", "indicators.parquet", "documents.jsonl", "run_manifest.json")


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors", "extract", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def assert_readable(out: Path) -> pd.DataFrame:
    frame = pd.read_csv(out / "indicators.csv")
    table = pd.read_parquet(out / "indicators.parquet")
    assert len(frame) == len(table) and list(frame["obs_id"]) == list(table["obs_id"])
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    json.loads((out / "run_manifest.json").read_text(encoding="utf-8"))
    return frame


def test_bad_files_are_reported_and_the_good_ones_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = seed_text()
    (folder / "a_utf8.txt").write_text(text, encoding="utf-8")
    (folder / "b_gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "c_utf16.txt").write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_image.txt").write_bytes(png_image())
    (folder / "f_archive.txt").write_bytes(zip_archive(text))
    (folder / "g_mixed.txt").write_bytes(text[:3000].encode("utf-8") + text[3000:].encode("gb18030"))
    out = tmp_path / "out"

    completed = run_cli(str(folder), "--out", str(out))

    assert completed.returncode == 1, completed.stderr
    failed_lines = [line for line in completed.stderr.splitlines() if line.startswith("failed: ")]
    assert sorted(line.split(":")[1].strip() for line in failed_lines) == [
        "d_empty.txt", "e_image.txt", "f_archive.txt", "g_mixed.txt"]
    assert any("empty" in line for line in failed_lines) and any("PNG" in line for line in failed_lines)
    assert "Traceback" not in completed.stderr
    frame = assert_readable(out)
    assert sorted(set(frame["source_file"])) == ["a_utf8.txt", "b_gb18030.txt", "c_utf16.txt"]
    counts = frame.groupby("source_file").size()
    assert counts.nunique() == 1 and counts.iloc[0] >= 10      # three encodings, the same rows
    manifest = json.loads((out / "run_manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 3
    assert sorted(manifest["failed"]) == ["d_empty.txt", "e_image.txt", "f_archive.txt", "g_mixed.txt"]


def test_a_run_without_bad_files_exits_zero(tmp_path):
    completed = run_cli(str(SEEDS), "--out", str(tmp_path / "out"))
    assert completed.returncode == 0, completed.stderr
    assert "failed:" not in completed.stderr


def test_a_killed_run_leaves_the_previous_outputs_and_a_rerun_gives_the_same_bytes(tmp_path):
    out = tmp_path / "out"
    first = run_cli(str(SEEDS), "--out", str(out))
    assert first.returncode == 0, first.stderr
    before = snapshot(out)

    # A run long enough to be caught half-way: rows already flowing into the
    # new set, which is not switched in yet.
    big = tmp_path / "big"
    big.mkdir()
    pages = sorted(SEEDS.glob("*.txt"))
    for copy in range(40):
        for page in pages:
            shutil.copy(page, big / f"{copy:03d}_{page.name}")
    process = subprocess.Popen([sys.executable, "-m", "extractors", "extract", str(big), "--out", str(out)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            partial = [p for p in out.glob(".generations/*/indicators.csv")
                       if p.stat().st_size > 1000 and not (p.parent / "run_manifest.json").exists()]
            if partial:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed half-way"
        assert partial, "no temporary output appeared"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    assert snapshot(out) == before
    assert_readable(out)

    again = run_cli(str(SEEDS), "--out", str(out))
    assert again.returncode == 0, again.stderr
    after = snapshot(out)
    for name in ("indicators.csv", "indicators.parquet", "documents.jsonl"):
        assert after[name] == before[name], name
    manifests = [json.loads(data) for data in (before["run_manifest.json"], after["run_manifest.json"])]
    for manifest in manifests:
        manifest.pop("created")
    assert manifests[0] == manifests[1]
