"""Faults of the machine and of the inputs around the documents: each gives a message, never a traceback.

- a worker process killed mid-run (``--jobs 2``): the run stops with a clear
  error and exit status 3 instead of waiting forever; the previous outputs stay;
- SIGTERM (with and without workers): no temporary file left, workers gone,
  no ``BrokenPipeError``; exit status 143;
- a file name that is not UTF-8, a file over the size limit, ``/dev/zero``:
  named with the reason, the other files extracted;
- a broken ``manifest.jsonl``: one message naming the file and the line, the
  other folders extracted;
- an output folder that cannot be written, a disk that fills: exit status 2 or
  3 with a message, previous outputs kept;
- control characters: the refusal says which, how many and where; names
  reach the terminal escaped.
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extractors import cli
from extractors.run import inputs, outputs, pipeline
from good_pages import assert_good_rows, write_good_pages
from hostile_inputs import ROOT

OUTPUTS = ("indicators.csv", "indicators.parquet", "documents.jsonl", "run_manifest.json")


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors", "extract", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def start_cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extractors", "extract", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def leftovers(out: Path) -> list[str]:
    """What a run left besides the output set: stray files, and generation
    folders that never got their manifest (a finished set writes it last)."""
    layout = {"current", ".generations"}
    stray = [path.name for path in out.iterdir() if path.name not in OUTPUTS and path.name not in layout]
    generations = out / ".generations"
    unfinished = [f".generations/{path.name}" for path in (generations.iterdir() if generations.is_dir() else ())
                  if not (path / "run_manifest.json").exists()]
    return sorted(stray + unfinished)


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory) -> Path:
    """Enough documents that a run with two workers lasts a while: each copy ends in a
    line of its own, or the run would read the copies as one page and skip the rest."""
    folder = tmp_path_factory.mktemp("many")
    pages = sorted((ROOT / "seeds").glob("*.txt"))
    for copy in range(80):
        for page in pages:
            text = page.read_text(encoding="utf-8-sig")
            (folder / f"{copy:03d}_{page.name}").write_text(f"{text}\n（第{copy}份）\n", encoding="utf-8")
    return folder


@pytest.fixture
def previous_outputs(tmp_path) -> tuple[Path, dict[str, bytes]]:
    good = tmp_path / "good"
    write_good_pages(good)
    out = tmp_path / "out"
    assert run_cli(str(good), "--out", str(out)).returncode == 0
    return out, snapshot(out)


# --- workers -------------------------------------------------------------------

def test_a_worker_killed_mid_run_stops_the_run_with_a_message(many_pages, previous_outputs):
    out, before = previous_outputs
    process = start_cli(str(many_pages), "--out", str(out), "--jobs", "2")
    try:
        assert wait_for(lambda: len(children(process.pid)) >= 2), "no workers started"
        time.sleep(1.0)
        os.kill(children(process.pid)[0], signal.SIGKILL)      # as the kernel's OOM killer does
        _, stderr = process.communicate(timeout=90)            # before the fix: waits forever
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == cli.EXIT_RUN_STOPPED, stderr
    assert "a worker process died" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_leaves_no_temporaries_and_takes_the_workers_along(many_pages, previous_outputs, jobs):
    out, before = previous_outputs
    process = start_cli(str(many_pages), "--out", str(out), "--jobs", jobs)
    try:
        # a run writes its set into a generation folder of its own, switched in at the end
        assert wait_for(lambda: any(p.stat().st_size > 1000 for p in out.glob(".generations/*/*")
                                    if not (p.parent / "run_manifest.json").exists())), \
            "the run wrote nothing to be caught in"
        workers = children(process.pid)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == cli.EXIT_TERMINATED, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), "workers outlived the run"
    assert snapshot(out) == before and leftovers(out) == []


# --- names and sizes -----------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_recorded_escaped(tmp_path):
    folder = tmp_path / "in"
    write_good_pages(folder)
    os.rename(folder / "good_a.txt", os.fsencode(folder) + b"/good_\xe9_a.txt")
    out = tmp_path / "out"
    completed = run_cli(str(folder), "--out", str(out))
    assert completed.returncode == 0, completed.stderr       # before: UnicodeEncodeError writing the CSV
    frame = pd.read_csv(out / "indicators.csv")
    assert sorted(set(frame["source_file"])) == ["good_\\xe9_a.txt", "good_b.txt", "good_c.txt"]
    assert len(pd.read_parquet(out / "indicators.parquet")) == len(frame)


def test_a_file_over_the_size_limit_is_refused_and_the_rest_extracted(tmp_path):
    folder = tmp_path / "in"
    write_good_pages(folder)
    (folder / "huge.txt").write_text("某区全年新增企业12家。\n" * 120_000, encoding="utf-8")    # 3.6 MB
    out = tmp_path / "out"
    completed = run_cli(str(folder), "--out", str(out), "--max-file-mb", "1")
    assert completed.returncode == cli.EXIT_SOME_FAILED, completed.stderr
    failed = [line for line in completed.stderr.splitlines() if line.startswith("failed: ")]
    assert failed == ["failed: huge.txt: is larger than the limit of 1 MB per file (--max-file-mb raises it); "
                      "split it or raise the limit"]
    assert_good_rows(pd.read_csv(out / "indicators.csv"))


def test_a_device_given_directly_is_refused_without_reading_it(tmp_path):
    write_good_pages(tmp_path / "in")
    completed = run_cli("/dev/zero", str(tmp_path / "in"), "--out", str(tmp_path / "out"), timeout=60)
    assert completed.returncode == cli.EXIT_SOME_FAILED, completed.stderr
    assert "failed: zero: is a character device, not a regular file" in completed.stderr
    assert_good_rows(pd.read_csv(tmp_path / "out" / "indicators.csv"))


def test_the_size_limit_holds_for_a_file_that_grows_after_it_is_listed(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(inputs.DocumentError, match="larger than the limit"):
        inputs.read_input(path, max_bytes=4096)
    assert inputs.read_input(path, max_bytes=5000) == b"x" * 5000


# --- manifests -----------------------------------------------------------------

GOOD_ENTRY = '{"source_file": "good_b.txt", "title": "标题", "date": "2023-05-06"}'
BROKEN_MANIFESTS = {
    "malformed": (f'{GOOD_ENTRY}\n{{"source_file": "good_c.txt", \n'.encode(), "line 2: is not valid JSON"),
    "duplicate": (f"{GOOD_ENTRY}\n{GOOD_ENTRY}\n".encode(), "line 2: lists good_b.txt a second time"),
    "null": (b"null\n", "line 1: is a JSON null, not an object"),
    "list": (b'[{"source_file": "good_b.txt"}]\n', "line 1: is a JSON list, not an object"),
    "deep": (b"[" * 100_000 + b"]" * 100_000 + b"\n", "line 1: is nested too deeply"),
    "number_name": (b'{"source_file": 12}\n', "line 1: source_file is a int, not text"),
    "list_title": (b'{"source_file": "good_b.txt", "title": ["a"]}\n', "line 1: title is a list, not text"),
    "dict_date": (b'{"source_file": "good_b.txt", "date": {"y": 1}}\n', "line 1: date is a dict, not text"),
    "gb18030": (f"{GOOD_ENTRY}\n".encode("gb18030"), "line 1: is not UTF-8"),
}


def run_two_folders(tmp_path: Path, manifest: bytes | None, directory: bool = False):
    good, bad = tmp_path / "good", tmp_path / "bad"
    write_good_pages(good)
    bad.mkdir()
    (bad / "other.txt").write_text("2022年，某地新增企业15家。", encoding="utf-8")
    if directory:
        (bad / "manifest.jsonl").mkdir()
    elif manifest is not None:
        (bad / "manifest.jsonl").write_bytes(manifest)
    return pipeline.extract_paths([bad, good], tmp_path / "out"), bad / "manifest.jsonl"


@pytest.mark.parametrize("case", sorted(BROKEN_MANIFESTS))
def test_a_broken_manifest_refuses_its_folder_with_the_line_and_the_other_folders_go_on(tmp_path, case):
    content, message = BROKEN_MANIFESTS[case]
    summary, manifest = run_two_folders(tmp_path, content)
    assert list(summary.failed) == [str(manifest)]
    reason = summary.failed[str(manifest)]
    assert reason.startswith(f"{manifest} {message}"), reason
    assert reason.endswith(f"the 1 document(s) of {manifest.parent} were not extracted (other.txt)")
    frame = pd.read_csv(tmp_path / "out" / "indicators.csv")
    assert_good_rows(frame)


def test_a_manifest_that_cannot_be_read_is_named(tmp_path):
    summary, manifest = run_two_folders(tmp_path, None, directory=True)
    assert summary.failed[str(manifest)].startswith(f"{manifest}: cannot be read (Is a directory)")


def test_byte_order_marks_at_the_start_of_lines_are_read_through(tmp_path):
    good = tmp_path / "good"
    write_good_pages(good)
    (good / "manifest.jsonl").write_text(
        '\ufeff{"source_file": "good_a.txt", "title": "甲"}\n\ufeff{"source_file": "good_b.txt", "title": "乙"}\n',
        encoding="utf-8")
    summary = pipeline.extract_paths([good], tmp_path / "out")
    assert summary.ok
    titles = {json.loads(line)["source_file"]: json.loads(line)["title"]
              for line in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert titles["good_a.txt"] == "甲" and titles["good_b.txt"] == "乙"


def test_a_broken_manifest_on_the_command_line_is_one_message(tmp_path):
    write_good_pages(tmp_path / "good")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_text("2022年，某地新增企业15家。", encoding="utf-8")
    (tmp_path / "bad" / "manifest.jsonl").write_bytes(b"{oops\n")
    completed = run_cli(str(tmp_path / "bad"), str(tmp_path / "good"), "--out", str(tmp_path / "out"))
    assert completed.returncode == cli.EXIT_SOME_FAILED and "Traceback" not in completed.stderr
    assert [line for line in completed.stderr.splitlines() if line.startswith("failed:")] == [
        f"failed: {tmp_path / 'bad' / 'manifest.jsonl'} line 1: is not valid JSON (Expecting property name "
        f"enclosed in double quotes); so the 1 document(s) of {tmp_path / 'bad'} were not extracted (x.txt)"]


# --- the output folder ----------------------------------------------------------

@pytest.mark.parametrize("case", ["a file", "under a file"])
def test_an_output_folder_that_cannot_be_made_is_a_message(tmp_path, case):
    write_good_pages(tmp_path / "in")
    (tmp_path / "plain").write_text("x")
    out = tmp_path / "plain" if case == "a file" else tmp_path / "plain" / "out"
    completed = run_cli(str(tmp_path / "in"), "--out", str(out))
    assert completed.returncode == cli.EXIT_CANNOT_START and "Traceback" not in completed.stderr
    expected = "is a file, not a folder" if case == "a file" else "cannot be created (Not a directory)"
    assert completed.stderr.strip() == f"error: the output folder {out} {expected}"


def test_an_output_folder_without_write_permission_is_a_message(tmp_path, monkeypatch, capsys):
    # Tests run as root here, which file modes do not stop: the refusal is simulated where it would arise.
    write_good_pages(tmp_path / "in")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(cli.tempfile, "mkstemp", refuse)
    assert cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == cli.EXIT_CANNOT_START
    assert capsys.readouterr().err.strip() == \
        f"error: the output folder {tmp_path / 'out'} cannot be written (Permission denied)"


def test_a_disk_that_fills_mid_run_keeps_the_previous_outputs_and_no_temporaries(previous_outputs, monkeypatch,
                                                                                  capsys, tmp_path):
    out, before = previous_outputs
    real_write = outputs.OutputWriter.write

    def write_until_full(self, *args, **kwargs):
        real_write(self, *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.OutputWriter, "write", write_until_full)
    assert cli.main(["extract", str(tmp_path / "good"), "--out", str(out)]) == cli.EXIT_RUN_STOPPED
    assert capsys.readouterr().err.splitlines()[-1] == (f"error: the outputs could not be written to {out} "
                                               "(No space left on device); the previous outputs are as they were")
    assert snapshot(out) == before and leftovers(out) == []


def test_an_abort_that_fails_itself_still_removes_the_temporaries(tmp_path):
    class FullDisk(OSError):
        pass

    with pytest.raises(FullDisk):
        with outputs.OutputWriter(tmp_path) as writer:
            writer.write([], ["{}\n"])

            parquet, real_close = writer._parquet, writer._parquet.close

            def refuse_to_flush():
                parquet.close = real_close          # once: the writer's finaliser closes it again
                raise FullDisk(errno.ENOSPC, "No space left on device")

            parquet.close = refuse_to_flush
            raise FullDisk(errno.ENOSPC, "No space left on device")
    assert [path for path in tmp_path.rglob("*") if not path.is_dir()] == []


# --- what the messages say -------------------------------------------------------

def test_a_refusal_for_control_characters_says_which_how_many_and_where(tmp_path):
    result = pipeline.extract_bytes("某区新增企业\x8512家。\n全年\x85完成".encode("utf-8"), "short.txt")
    assert result.error == ("short.txt: decodes as UTF-8 but holds 2 control characters in 17 (U+0085 x2; at "
                            "line 1 column 7, line 2 column 3), more than the 1 a text of that length may hold: "
                            "binary data, or text damaged by a conversion")


def test_names_reach_the_terminal_escaped(tmp_path):
    folder = tmp_path / "in"
    write_good_pages(folder)
    hostile = "\x1b]0;owned\x07\x1b[31mred\u202etxt.txt"
    (folder / hostile).write_bytes(b"")
    completed = run_cli(str(folder), "--out", str(tmp_path / "out"))
    assert completed.returncode == cli.EXIT_SOME_FAILED
    for control in ("\x1b", "\x07", "\u202e"):
        assert control not in completed.stderr and control not in completed.stdout
    assert "failed: \\x1b]0;owned\\x07\\x1b[31mred\\u202etxt.txt: the file is empty" in completed.stderr


# --- errors nobody foresaw ---------------------------------------------------------

def test_an_unexpected_error_in_one_document_fails_that_document_alone(tmp_path, monkeypatch):
    from extractors.run.engine import Extractor

    write_good_pages(tmp_path / "in")
    (tmp_path / "in" / "odd.txt").write_text("2023年，某区新增企业12家。", encoding="utf-8")
    real_extract = Extractor.extract

    def extract(self, document, deadline=None):
        if document.source_file == "odd.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(self, document, deadline)

    monkeypatch.setattr(Extractor, "extract", extract)
    summary = pipeline.extract_paths([tmp_path / "in"], tmp_path / "out")
    assert summary.failed == {"odd.txt": "odd.txt: the extraction failed (RecursionError: maximum recursion depth "
                                         "exceeded); nothing of it was kept; please report this file"}
    assert_good_rows(pd.read_csv(tmp_path / "out" / "indicators.csv"))


def test_an_unexpected_error_outside_the_documents_is_one_line(tmp_path, monkeypatch, capsys):
    write_good_pages(tmp_path / "in")

    def broken_start(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'extractors.moved'")

    monkeypatch.setattr(pipeline, "extract_paths", broken_start)
    monkeypatch.delenv(cli.TRACEBACK_ENV, raising=False)
    assert cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == cli.EXIT_RUN_STOPPED
    assert capsys.readouterr().err.strip() == (
        "error: unexpected ModuleNotFoundError: No module named 'extractors.moved' (set EXTRACTORS_TRACEBACK=1 "
        "to see where); the previous outputs are as they were")
    monkeypatch.setenv(cli.TRACEBACK_ENV, "1")
    with pytest.raises(ModuleNotFoundError):
        cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
