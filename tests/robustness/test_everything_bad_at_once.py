"""One run over a folder holding every bad input at once, beside three good pages.

The run exits 1, writes exactly the good pages' rows (CSV and Parquet alike),
names every bad input with its reason on a ``failed:`` line and in the run
manifest, and prints no traceback, with one process or two. A Korean page in
EUC-KR among them is read as Korean, so no row comes from mojibake.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from good_pages import GOOD_PAGES, assert_good_rows, write_good_pages
from hostile_inputs import ROOT, png_image, zip_archive

ESCAPE_NAME = "\x1b[2J\x1b]0;title\x07page.txt"
KOREAN = "창원시의 2023년 지역내총생산은 4,210억원으로 전년 대비 1.8% 증가했다. 사업체 수는 2,600개에 달했다. " * 2


def bad_folder(root) -> dict[str, str]:
    """Writes the inputs; returns each bad one's name as reported -> a piece of its reason."""
    folder = root / "in"
    write_good_pages(folder)
    page = "2024年，某区新增企业12家。\n"
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(png_image())
    (folder / "archive.txt").write_bytes(zip_archive(page))
    (folder / "mixed.txt").write_bytes(page.encode("utf-8") * 40 + "全年完成投资3亿元。".encode("gb18030") * 40)
    (folder / "controls.txt").write_text("某区新增企业\x8512家。\n全年\x85完成。", encoding="utf-8")
    (folder / "huge.txt").write_text(page * 60_000, encoding="utf-8")                    # 1.9 MB
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb"):                               # not UTF-8, and empty
        pass
    (folder / ESCAPE_NAME).write_bytes(b"\x00\x01binary")
    (folder / "korean.txt").write_bytes(KOREAN.encode("euc_kr"))
    os.mkfifo(folder / "pipe.txt")
    os.symlink(root / "nowhere.txt", folder / "dangling.txt")
    (folder / "case").mkdir()
    (folder / "case" / "good_a.txt").write_text(GOOD_PAGES["good_a.txt"], encoding="utf-8")  # the same bytes: one document
    (folder / "case" / "manifest.jsonl").write_text('{"source_file": "Good_A.txt"}\n', encoding="utf-8")
    for name, manifest in (("broken_json", b'{"source_file": "x.txt",\n'),
                           ("nested", b"[" * 50_000 + b"]" * 50_000 + b"\n"),
                           ("wrong_types", b'{"source_file": "x.txt", "date": [2024]}\n')):
        (folder / name).mkdir()
        (folder / name / "x.txt").write_text(page, encoding="utf-8")
        (folder / name / "manifest.jsonl").write_bytes(manifest)
    return {
        "empty.txt": "the file is empty",
        "image.txt": "a PNG image",
        "archive.txt": "a ZIP archive",
        "mixed.txt": "not valid UTF-8",
        "controls.txt": "holds 2 control characters in 18 (U+0085 x2",
        "huge.txt": "is larger than the limit of 1 MB per file",
        "caf\\xe9.txt": "the file is empty",
        "\\x1b[2J\\x1b]0;title\\x07page.txt": "NUL bytes",
        f"{folder / 'broken_json' / 'manifest.jsonl'}": "line 1: is not valid JSON",
        f"{folder / 'nested' / 'manifest.jsonl'}": "line 1: is nested too deeply",
        f"{folder / 'wrong_types' / 'manifest.jsonl'}": "line 1: date is a list, not text",
        "zero": "is a character device, not a regular file",
        f"{folder / 'pipe.txt'}": "a FIFO (named pipe), not a file; left out",
        f"{folder / 'dangling.txt'}": "a link to nothing; left out",
        f"{folder / 'case' / 'manifest.jsonl'}": "the entry for Good_A.txt names no file in the folder; good_a.txt differs only in case",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_bad_input_is_named_and_the_good_pages_are_written(tmp_path, jobs):
    expected = bad_folder(tmp_path)
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, "-m", "extractors", "extract", str(tmp_path / "in"), "/dev/zero", "--out", str(out),
         "--max-file-mb", "1", "--jobs", jobs], cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr + completed.stdout
    assert "\x1b" not in completed.stderr + completed.stdout
    failed = [line[len("failed: "):] for line in completed.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(expected), failed
    for name, reason in expected.items():
        assert any(line.startswith(f"{name}: ") or line.startswith(f"{name} line ") for line in failed), name
        assert any(line.startswith(name) and reason in line for line in failed), (name, reason)
    frame = pd.read_csv(out / "indicators.csv")
    korean = frame["source_file"] == "korean.txt"
    assert all(raw in KOREAN for raw in frame.loc[korean, "raw_text"])
    assert_good_rows(frame[~korean])
    assert list(pd.read_parquet(out / "indicators.parquet")["obs_id"]) == list(frame["obs_id"])
    manifest = json.loads((out / "run_manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 4 and len(manifest["failed"]) == len(expected)
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(doc for doc in documents if doc["source_file"] == "korean.txt")["encoding"] == "euc_kr"
