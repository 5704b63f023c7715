"""Nothing in an input folder is left out without a word, and one content
is one document however many names it has."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractors.run import inputs
from extractors.run.inputs import find_inputs
from extractors.run.pipeline import extract_paths

ROOT = Path(__file__).resolve().parents[2]
PAGE = "丽水市2024年地区生产总值达1964亿元，常住人口达到252万人。"


def page(path: Path, text: str = PAGE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def manifest(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "run_manifest.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifos_devices_and_links_to_nothing_are_reported_and_the_rest_read(tmp_path):
    folder = tmp_path / "in"
    page(folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(tmp_path / "nowhere.txt", folder / "dangling.txt")
    os.symlink(os.devnull, folder / "device.txt")
    summary = extract_paths([folder], tmp_path / "out")
    assert summary.documents == 1 and summary.observations == 2
    reasons = summary.failed
    assert reasons[str(folder / "pipe.txt")].endswith("a FIFO (named pipe), not a file; left out")
    assert reasons[str(folder / "dangling.txt")].endswith("a link to nothing; left out")
    assert reasons[str(folder / "device.txt")].endswith("a device, not a file; left out")
    assert set(manifest(tmp_path)["failed"]) == set(reasons)


def test_a_linked_subfolder_is_read_and_a_link_loop_reported_once(tmp_path):
    folder = tmp_path / "in"
    page(folder / "own.txt")
    page(tmp_path / "elsewhere" / "linked.txt", PAGE.replace("1964", "1870"))
    os.symlink(tmp_path / "elsewhere", folder / "link")
    os.symlink(folder, folder / "loop")
    files, skipped = find_inputs([folder])
    assert [path.relative_to(folder).as_posix() for path in files] == ["link/linked.txt", "own.txt"]
    assert list(skipped) == [str(folder / "loop")] and "already read" in skipped[str(folder / "loop")]


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    # Run as root, a folder without permissions is still readable: the refusal is simulated.
    folder = tmp_path / "in"
    page(folder / "good.txt")
    page(folder / "locked" / "hidden.txt")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    files, skipped = find_inputs([folder])
    assert files == [folder / "good.txt"]
    assert skipped == {str(folder / "locked"):
                       f"{folder / 'locked'}: cannot read the folder (Permission denied); its files are left out"}


def test_manifest_entries_for_missing_files_are_reported_with_a_case_hint(tmp_path):
    folder = tmp_path / "in"
    page(folder / "report.txt")
    lines = [{"source_file": "Report.txt", "date": "2024-05-01"}, {"source_file": "gone.txt"}]
    (folder / "manifest.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    summary = extract_paths([folder], tmp_path / "out")
    where = folder / "manifest.jsonl"
    assert summary.failed == {
        f"{where}:Report.txt": f"{where}: the entry for Report.txt names no file in the folder; "
                               "report.txt differs only in case",
        f"{where}:gone.txt": f"{where}: the entry for gone.txt names no file in the folder",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_the_command_line_names_what_it_left_out_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    page(folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    run = subprocess.run([sys.executable, "-m", "extractors", "extract", str(folder), "--out", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "pipe.txt: a FIFO (named pipe), not a file; left out" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_same_bytes_under_two_names_are_one_document(tmp_path):
    folder = tmp_path / "in"
    page(folder / "a.txt")
    page(folder / "copy" / "b.txt")
    page(folder / "c.txt", PAGE.replace("1964", "1870"))
    summary = extract_paths([folder], tmp_path / "out")
    assert summary.documents == 2 and summary.observations == 4
    rows = pd.read_parquet(tmp_path / "out" / "indicators.parquet")
    assert rows["obs_id"].is_unique
    assert sorted(set(rows["source_file"])) == ["a.txt", "c.txt"]
    records = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({record["doc_id"] for record in records}) == len(records) == 2
    recorded = manifest(tmp_path)
    assert recorded["duplicates"] == {"a.txt": ["b.txt"]}
    assert [name for name, _ in recorded["input_hashes"]] == ["a.txt", "b.txt", "c.txt"]
