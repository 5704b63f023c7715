"""The dashboard under faults and hostile use.

- a broken ``seeds/manifest.jsonl``: one message on the page, no traceback;
- text is shown as its characters (no arrows or dashes typeset from ``->`` and ``--``);
- an upload writes only its own files (no rewrite of every uploaded row), readable by all;
- the zip's CSV never hands a formula to a spreadsheet, however it is disguised;
- the server listens on loopback only;
- an upload's extraction is stopped at its time limit, with a message.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from dashboard import datastore, exports, upload_rows, uploads  # noqa: E402
from dashboard.escaping import markdown_literal  # noqa: E402
from extractors.models import OUTPUT_COLUMNS  # noqa: E402
from good_pages import GOOD_PAGES, write_good_pages  # noqa: E402
from hostile_inputs import ROOT  # noqa: E402

APP = ROOT / "dashboard" / "app.py"


# --- a broken manifest of the seeds ------------------------------------------------

def test_a_broken_seeds_manifest_is_one_message_on_the_page(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    seeds = tmp_path / "seeds"
    write_good_pages(seeds)
    (seeds / "manifest.jsonl").write_text('{"source_file": "good_a.txt"}\n{"source_file": 7}\n', encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not app.exception                   # before: the manifest's error as a traceback, on every page
    warnings = [element.value.replace("\\", "").replace("&#58;", ":") for element in app.warning]
    assert len(warnings) == 1 and "manifest.jsonl line 2: source_file is a int, not text" in warnings[0]


# --- text shown as its characters ------------------------------------------------

# Streamlit's markdown renderer (StreamlitMarkdown.js, 1.67) rewrites these in every
# text node outside links after parsing; ported here to see what a reader would get.
STREAMLIT_TYPOGRAPHY = [(r"(^|\s)<->(\s|$)", "↔"), (r"(^|\s)->(\s|$)", "→"), (r"(^|\s)<-(\s|$)", "←"),
                        (r"(^|\s)--(\s|$)", "—"), (r"(^|\s)>=(\s|$)", "≥"), (r"(^|\s)<=(\s|$)", "≤"),
                        (r"(^|\s)~=(\s|$)", "≈")]


def as_rendered(markdown: str) -> str:
    """The text node a browser shows: CommonMark escapes resolved, then Streamlit's typography."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("&#58;", ":")
    for pattern, symbol in STREAMLIT_TYPOGRAPHY:
        text = re.sub(pattern, rf"\g<1>{symbol}\g<2>", text)
    return text


@pytest.mark.parametrize("text", ["产值 -> 增加值", "A <- B", "甲 <-> 乙", "2023 -- 2024", "x >= 5", "y <= 3",
                                  "约 ~= 10", "->", "--", "a -> b -> c"])
def test_arrows_dashes_and_relations_are_shown_as_typed(text):
    shown = as_rendered(markdown_literal(text))
    assert shown.replace("\u2060", "") == text


# --- uploads -------------------------------------------------------------------

def uploaded(number: int) -> tuple[bytes, object, list]:
    from extractors.run.pipeline import extract_bytes

    raw = f"2024年，翠屏区新增企业{100 + number}家，完成投资{number + 1}.5亿元。".encode("utf-8")
    result = extract_bytes(raw, f"upload_{number}.txt")
    assert result.error is None and result.observations
    return raw, result.document, result.observations


def test_an_upload_reads_no_stored_rows_and_rewrites_no_stored_file(tmp_path, monkeypatch):
    data = tmp_path / "data"
    for number in range(3):
        assert datastore.add_uploaded_document(data, *uploaded(number)) > 0
    before = {path: path.stat().st_mtime_ns for path in (data / "uploads").rglob("*")
              if path.is_file() and path.name not in ("documents.jsonl", ".lock")}

    def no_reading(*args, **kwargs):
        raise AssertionError("an upload read the stored rows")

    monkeypatch.setattr(pd, "read_parquet", no_reading)
    monkeypatch.setattr(datastore.pq, "read_table", no_reading)
    time.sleep(0.01)
    assert datastore.add_uploaded_document(data, *uploaded(3)) > 0
    monkeypatch.undo()
    assert {path: path.stat().st_mtime_ns for path in before} == before
    rows = datastore.read_rows(data)
    assert sorted(set(rows["source_file"].astype(str))) == [f"upload_{n}.txt" for n in range(4)]
    assert len({doc["doc_id"] for doc in datastore.read_documents(data)}) == 4


def fake_upload(number: int) -> tuple[bytes, object, list]:
    """A stored upload without running the extraction: the rows of one, under another id."""
    raw, document, observations = FIRST_UPLOAD()
    doc_id = f"{number:016x}"
    return (raw + doc_id.encode(), document.model_copy(update={"doc_id": doc_id}),
            [row.model_copy(update={"doc_id": doc_id, "obs_id": f"{doc_id}{index}"})
             for index, row in enumerate(observations)])


FIRST_UPLOAD = functools.cache(lambda: uploaded(0))


def test_many_uploads_are_merged_by_level_and_read_in_upload_order(tmp_path):
    data = tmp_path / "data"
    rows_dir = data / "uploads" / datastore.UPLOADED_ROWS_DIR
    count = upload_rows.FANOUT ** 2 + upload_rows.FANOUT + 3      # one part of level 2, one of level 1, three of 0
    for number in range(count):
        assert datastore.add_uploaded_document(data, *fake_upload(number)) is not None
    parts = upload_rows.part_files(rows_dir)
    assert [part.name[0] for part in parts] == ["2", "1", "0", "0", "0"]
    rows = datastore.read_rows(data)
    per_upload = len(FIRST_UPLOAD()[2])
    assert len(rows) == count * per_upload and rows["obs_id"].is_unique
    assert list(dict.fromkeys(rows["doc_id"].astype(str))) == [f"{n:016x}" for n in range(count)]
    assert datastore.add_uploaded_document(data, *fake_upload(5)) is None      # merged, still known


def test_a_merge_cut_short_by_a_crash_counts_no_row_twice_and_is_finished(tmp_path, monkeypatch):
    data = tmp_path / "data"
    rows_dir = data / "uploads" / datastore.UPLOADED_ROWS_DIR
    for number in range(upload_rows.FANOUT - 1):
        datastore.add_uploaded_document(data, *fake_upload(number))
    monkeypatch.setattr(upload_rows, "_finish_merge", lambda rows_dir: None)     # the crash: no deletion
    datastore.add_uploaded_document(data, *fake_upload(upload_rows.FANOUT - 1))
    monkeypatch.undo()
    assert (rows_dir / upload_rows.JOURNAL).exists()
    assert len(list(rows_dir.glob("*.parquet"))) == upload_rows.FANOUT + 1      # merged part and its sources
    per_upload = len(FIRST_UPLOAD()[2])
    rows = datastore.read_rows(data)
    assert len(rows) == upload_rows.FANOUT * per_upload and rows["obs_id"].is_unique
    datastore.add_uploaded_document(data, *fake_upload(100))
    assert not (rows_dir / upload_rows.JOURNAL).exists() and len(list(rows_dir.glob("*.parquet"))) == 2
    assert len(datastore.read_rows(data)) == (upload_rows.FANOUT + 1) * per_upload


def test_one_sessions_long_extraction_does_not_hold_up_anothers_upload(tmp_path):
    from extractors.run.pipeline import extract_bytes

    data = tmp_path / "data"
    slow_started, slow_may_finish = threading.Event(), threading.Event()

    def slow_extraction(raw, name, time_limit=None):
        slow_started.set()
        slow_may_finish.wait(30)               # a long extraction, still running
        return extract_bytes(raw, name)

    slow = threading.Thread(target=uploads.add_uploaded_files, args=(
        data, [("good_b.txt", GOOD_PAGES["good_b.txt"].encode())], slow_extraction, set()))
    slow.start()
    try:
        assert slow_started.wait(30)
        started = time.monotonic()
        outcomes = uploads.add_uploaded_files(data, [("good_a.txt", GOOD_PAGES["good_a.txt"].encode())],
                                              extract_bytes, set())
        assert [o.status for o in outcomes] == ["added"] and time.monotonic() - started < 10
        assert slow.is_alive()                 # stored while the other extraction still runs
    finally:
        slow_may_finish.set()
        slow.join(30)
    assert {str(name) for name in datastore.read_rows(data)["source_file"]} == {"good_a.txt", "good_b.txt"}


def test_stored_uploads_are_readable_by_all_like_the_command_lines_outputs(tmp_path):
    data = tmp_path / "data"
    datastore.add_uploaded_document(data, *uploaded(0))
    modes = {path.relative_to(data).as_posix(): stat.S_IMODE(path.stat().st_mode)
             for path in (data / "uploads").rglob("*") if path.is_file() and path.name != ".lock"}
    assert len(modes) == 4 and set(modes.values()) == {0o644}, modes     # file, rows, record, stored mark


def test_an_upload_past_its_time_limit_is_stopped_with_a_message(tmp_path):
    from extractors.run.pipeline import extract_bytes

    dense = "。".join(f"第{n}项指标{n}.{n % 10}亿元，增长{n % 9}.{n % 7}%" for n in range(4000)) + "。"
    outcomes = uploads.add_uploaded_files(tmp_path / "data", [("dense.txt", dense.encode("utf-8")),
                                                                ("good_a.txt", GOOD_PAGES["good_a.txt"].encode())],
                                          extract_bytes, set(), time_limit=0.2)
    assert [outcome.status for outcome in outcomes] == ["failed", "added"]
    assert re.fullmatch(r"extraction stopped at the time limit of 0\.2 s per document \(at character \d+ of "
                        rf"{len(dense)}\); nothing of it was kept", outcomes[0].error), outcomes[0].error
    assert set(datastore.read_rows(tmp_path / "data")["source_file"].astype(str)) == {"good_a.txt"}


def test_the_upload_time_limit_comes_from_the_environment(monkeypatch):
    assert uploads.max_upload_seconds() == uploads.DEFAULT_MAX_UPLOAD_SECONDS == 60
    monkeypatch.setenv(uploads.MAX_UPLOAD_SECONDS_ENV, "5")
    assert uploads.max_upload_seconds() == 5
    monkeypatch.setenv(uploads.MAX_UPLOAD_SECONDS_ENV, "zero")
    assert uploads.max_upload_seconds() == 60


# --- formulas in the zip --------------------------------------------------------

DISGUISED = ["=HYPERLINK(\"http://x\")", "+SUM(A1:A9)", "\u200b=1+1", "\ufeff=1+1", "＝1+1", "\u2060 @cmd",
             "＋1", " \u200b-2+3"]
HARMLESS = ["上城区", "4.8%", "a=b", "2803.5亿元"]


def test_disguised_formulas_are_recognised():
    assert [exports.looks_like_formula(text) for text in DISGUISED] == [True] * len(DISGUISED)
    assert [exports.looks_like_formula(text) for text in HARMLESS] == [False] * len(HARMLESS)


def test_the_zip_csv_hands_no_formula_to_a_spreadsheet():
    texts = DISGUISED + HARMLESS
    rows = pd.DataFrame({name: texts for name in OUTPUT_COLUMNS})
    rows["start"], rows["end"], rows["value"], rows["year"] = range(len(texts)), 1, -3.5, 2024
    archive = zipfile.ZipFile(io.BytesIO(exports.data_package_zip(rows, pd.DataFrame(
        columns=["doc_id", "source_file", "title", "publisher", "date", "url"]))))
    cells = list(csv.DictReader(io.StringIO(archive.read("indicators.csv").decode("utf-8-sig"), newline="")))
    assert [cell["sentence"] for cell in cells] == ["'" + text for text in DISGUISED] + HARMLESS
    assert {cell["value"] for cell in cells} == {"-3.5"}          # numbers stay numbers
    assert "starts with an added `'`" in archive.read("README.md").decode("utf-8")


# --- the server ------------------------------------------------------------------

def listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the kernel's socket table")
def test_the_dashboard_listens_on_loopback_only(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = dict(os.environ, DASHBOARD_DATA_DIR=str(tmp_path / "data"), DASHBOARD_SEEDS_DIR=str(tmp_path))
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
                               "--server.port", str(port), "--server.fileWatcherType", "none"],
                              cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not listening_addresses(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.1)
        time.sleep(0.5)                                  # both address families, where there are two
        addresses = listening_addresses(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert addresses == {"0100007F"}, addresses          # 127.0.0.1; before: 00000000 and :: (every interface)
