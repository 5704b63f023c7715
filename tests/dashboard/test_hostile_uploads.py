"""Hostile uploads: names are never paths, files are stored by content hash, bad files are
reported one by one with the command line's message, and nothing is lost on the way.

The extraction used is the real one (``extractors.run.pipeline.extract_bytes``).
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import threading
import time
import tomllib
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import shown
from dashboard_fixture_data import DOCUMENTS_DIR, UPLOAD_DOCUMENT, extract_fixture_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from apptest_helpers import APP
from dashboard import datastore, uploads
from dashboard.uploads import add_uploaded_files, display_name
from extractors.models import Document

ROOT = Path(__file__).resolve().parents[2]
GOOD = "2024年，杭州市上城区地区生产总值2803.5亿元，增长4.8%。\n".encode()
OTHER_GOOD = "2024年，拱墅区新设企业超2000家。\n".encode()
BAD_FILES = {                                   # name -> bytes the extraction refuses
    "empty.txt": b"",
    "blank.txt": b" \n\t \r\n",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "nul_bytes.txt": "杭州".encode() + b"\x00\x00binary",
    "undecodable.txt": b"\x80\x81\x82\xfe",
}


@pytest.fixture(scope="module")
def extract_bytes():
    from extractors.run.pipeline import extract_bytes

    return extract_bytes


def _stored_files(data_dir: Path) -> list[str]:
    folder = data_dir / datastore.UPLOADS_DIR / datastore.UPLOADED_FILES_DIR
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("given_name, shown_name", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
    ("/etc/cron.d/job.txt", "job.txt"),
    ("C:\\Users\\x\\报告 2024.txt", "报告 2024.txt"),
    ("a\x00b.txt", "ab.txt"),
    ("line\nbreak\r.txt", "linebreak.txt"),
    ("\u202etxt.exe", "txt.exe"),                       # a right-to-left override would disguise the suffix
    ("CON.txt", "_CON.txt"),
    ("com1.txt", "_com1.txt"),
    ("lpt9.tar.txt", "_lpt9.tar.txt"),
    ("nul", "_nul"),
    ("a:b|c?*<d>\".txt", "a_b_c___d__.txt"),
    ("  .hidden.txt. ", "hidden.txt"),
    ("..", "upload"),
    ("", "upload"),
    (".txt", "upload.txt"),
    ("报告.txt", "报告.txt"),
])
def test_display_name(given_name, shown_name):
    assert display_name(given_name) == shown_name


def test_a_very_long_name_is_cut_and_keeps_its_suffix():
    name = display_name("长" * 5000 + ".txt")
    assert len(name) == uploads.MAX_NAME_CHARS and name.endswith("长.txt")


@settings(deadline=None)   # a busy machine must not fail a test of correctness
@given(st.text())
def test_any_name_becomes_one_plain_file_name(text):
    name = display_name(text)
    assert 0 < len(name) <= uploads.MAX_NAME_CHARS
    assert not re.search(r'[/\\<>:"|?*]', name)
    assert not any(unicodedata.category(char).startswith("C") for char in name)
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert name.split(".")[0].strip().upper() not in uploads.WINDOWS_RESERVED_STEMS
    assert Path(name).name == name and display_name(name) == name


# ---------------------------------------------------------------- storing by content

def uploaded_rows(data_dir: Path) -> pd.DataFrame:
    """The rows stored for uploads alone."""
    return pd.concat([pd.read_parquet(part) for part in
                      datastore.upload_rows.part_files(data_dir / "uploads" / datastore.UPLOADED_ROWS_DIR)])


def test_files_are_stored_by_content_hash_and_names_never_reach_the_disk(tmp_path, extract_bytes):
    data_dir = tmp_path / "deep" / "data"
    outcomes = add_uploaded_files(data_dir, [
        ("../../../escaped.txt", GOOD),
        ("/tmp/absolute.txt", OTHER_GOOD),
        ("again under another name.txt", GOOD),
        ("CON.txt", GOOD),
    ], extract_bytes, set())
    assert [(o.file_name, o.status) for o in outcomes] == [
        ("escaped.txt", "added"), ("absolute.txt", "added"),
        ("again under another name.txt", "duplicate"), ("_CON.txt", "duplicate")]
    assert _stored_files(data_dir) == sorted([datastore.stored_file_name(GOOD), datastore.stored_file_name(OTHER_GOOD)])
    assert datastore.stored_file_name(GOOD) == hashlib.sha256(GOOD).hexdigest() + ".txt"
    written = {re.sub(r"/0-\d{20}-", "/0-<time>-", path.relative_to(tmp_path).as_posix())
               for path in tmp_path.rglob("*") if path.is_file()}
    doc_ids = [Document.id_for(raw) for raw in (GOOD, OTHER_GOOD)]
    assert written == {f"deep/data/uploads/{name}" for name in (
        "documents.jsonl", ".lock", *(f"rows/0-<time>-{doc_id}.parquet" for doc_id in doc_ids),
        *(f"rows/ids/{doc_id}" for doc_id in doc_ids),
        f"files/{datastore.stored_file_name(GOOD)}", f"files/{datastore.stored_file_name(OTHER_GOOD)}")}
    documents = datastore.read_documents(data_dir)
    assert [doc["source_file"] for doc in documents] == ["escaped.txt", "absolute.txt"]
    rows = datastore.read_rows(data_dir)
    assert set(rows["source_file"]) == {"escaped.txt", "absolute.txt"}
    assert len(rows) == outcomes[0].rows + outcomes[1].rows > 0


def test_the_same_bytes_stored_twice_are_one_document(data_dir):
    raw = (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes()
    result = extract_fixture_bytes(raw, UPLOAD_DOCUMENT)
    assert datastore.add_uploaded_document(data_dir, raw, result.document, result.observations) == 2
    again = extract_fixture_bytes(raw, "copy.txt")
    assert datastore.add_uploaded_document(data_dir, raw, again.document, again.observations) is None
    assert len(datastore.read_documents(data_dir)) == 4
    assert len(uploaded_rows(data_dir)) == 2


# ---------------------------------------------------------------- bad files

def test_each_bad_file_gets_the_extractions_message_and_the_good_ones_are_added(tmp_path, extract_bytes):
    files = [("good.txt", GOOD), *BAD_FILES.items(), ("other.txt", OTHER_GOOD)]
    outcomes = add_uploaded_files(tmp_path / "data", files, extract_bytes, set())
    assert [o.status for o in outcomes] == ["added", *["failed"] * len(BAD_FILES), "added"]
    for outcome, (name, raw) in zip(outcomes[1:-1], BAD_FILES.items()):
        assert outcome.file_name == name
        assert f"{name}: {outcome.error}" == extract_bytes(raw, name).error      # word for word
    assert [doc["source_file"] for doc in datastore.read_documents(tmp_path / "data")] == ["good.txt", "other.txt"]


def test_a_file_over_the_limit_is_refused_and_the_rest_added(tmp_path, extract_bytes):
    big = GOOD + b" " * 200
    outcomes = add_uploaded_files(tmp_path / "data", [("big.txt", big), ("good.txt", GOOD)], extract_bytes,
                                  set(), max_bytes=len(big) - 1)
    assert [(o.file_name, o.status, o.size) for o in outcomes] == [
        ("big.txt", "too_large", len(big)), ("good.txt", "added", 0)]
    assert _stored_files(tmp_path / "data") == [datastore.stored_file_name(GOOD)]


def test_only_kinds_of_file_that_extract_reads(tmp_path, extract_bytes):
    outcomes = add_uploaded_files(tmp_path / "data", [("report.pdf", b"%PDF-1.4"), ("evil.txt.exe", GOOD)],
                                  extract_bytes, set())
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert f"report.pdf: {outcomes[0].error}" == extract_bytes(b"%PDF-1.4", "report.pdf").error
    assert outcomes[1].error == "not a kind of document extract reads (.txt, .html, .htm, .mhtml, .pdf, .docx)"
    assert not (tmp_path / "data").exists()


def test_an_extraction_or_storage_failure_is_that_files_alone(tmp_path, extract_bytes, monkeypatch):
    def extraction(raw, name, time_limit=None):
        if name == "explodes.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return extract_bytes(raw, name)

    original = datastore.add_uploaded_document

    def storage(data_dir, raw, document, observations):
        if document.source_file == "disk_full.txt":
            raise OSError(28, "No space left on device")
        return original(data_dir, raw, document, observations)

    monkeypatch.setattr(datastore, "add_uploaded_document", storage)
    outcomes = add_uploaded_files(tmp_path / "data", [
        ("explodes.txt", GOOD), ("disk_full.txt", OTHER_GOOD), ("fine.txt", GOOD)], extraction, set())
    assert [o.status for o in outcomes] == ["failed", "failed", "added"]
    assert "RecursionError" in outcomes[0].error and "No space left" in outcomes[1].error
    assert [doc["source_file"] for doc in datastore.read_documents(tmp_path / "data")] == ["fine.txt"]


# ---------------------------------------------------------------- nothing lost

def test_two_uploads_at_once_keep_both(data_dir, monkeypatch):
    """Two sessions add a document at the same moment: the rows of both are kept."""
    replace_file = datastore._replace_file

    def slow_replace(*args, **kwargs):          # widens the window between the check and the writes
        time.sleep(0.3)
        return replace_file(*args, **kwargs)

    monkeypatch.setattr(datastore, "_replace_file", slow_replace)
    first = extract_fixture_bytes((DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes(), UPLOAD_DOCUMENT)
    datastore.add_uploaded_document(data_dir, b"seed", first.document.model_copy(update={"doc_id": "seed"}), [])
    documents = [extract_fixture_bytes((DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes(), UPLOAD_DOCUMENT)
                 for _ in range(2)]
    threads = [threading.Thread(target=datastore.add_uploaded_document, args=(
        data_dir, f"raw {number}".encode(), result.document.model_copy(update={"doc_id": f"doc{number}"}),
        [obs.model_copy(update={"obs_id": f"{number}-{obs.obs_id}", "doc_id": f"doc{number}"})
         for obs in result.observations])) for number, result in enumerate(documents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    uploaded = uploaded_rows(data_dir)
    assert sorted(set(uploaded["doc_id"])) == ["doc0", "doc1"] and len(uploaded) == 4


def test_a_documents_line_cut_short_breaks_nothing(data_dir):
    uploads_file = data_dir / "uploads" / "documents.jsonl"
    uploads_file.parent.mkdir(parents=True)
    uploads_file.write_text('{"doc_id": "cut", "text": "半截', encoding="utf-8")      # a crash mid-write
    raw = (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes()
    result = extract_fixture_bytes(raw, UPLOAD_DOCUMENT)
    assert datastore.add_uploaded_document(data_dir, raw, result.document, result.observations) == 2
    assert [doc["source_file"] for doc in datastore.read_documents(data_dir)][-1] == UPLOAD_DOCUMENT
    assert len(datastore.read_documents(data_dir)) == 4


# ---------------------------------------------------------------- the limit

def test_the_limit_matches_streamlits_and_can_be_lowered(monkeypatch):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == uploads.DEFAULT_MAX_UPLOAD_MB == 20
    monkeypatch.delenv(uploads.MAX_UPLOAD_ENV, raising=False)
    assert uploads.max_upload_mb() == 20
    for value, expected in (("5", 5), ("0", 20), ("-3", 20), ("lots", 20)):
        monkeypatch.setenv(uploads.MAX_UPLOAD_ENV, value)
        assert uploads.max_upload_mb() == expected


# ---------------------------------------------------------------- the Documents view

def _cli_failures(folder: Path) -> dict[str, str]:
    """What ``python -m extractors extract`` prints for each file it refuses."""
    command = [sys.executable, "-m", "extractors", "extract", str(folder), "--out", str(folder.parent / "cli")]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    messages = [line.removeprefix("failed: ") for line in run.stderr.splitlines() if line.startswith("failed: ")]
    return {message.split(": ", 1)[0]: message for message in messages}


def test_documents_view_reports_every_file_of_a_hostile_upload(app, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.MAX_UPLOAD_ENV, "1")
    too_big = GOOD + b" " * uploads.MEGABYTE
    sent = [
        ("../../../../tmp/[点我](javascript:alert(1))**粗**.txt", GOOD),
        ("C:\\fakepath\\copy of the same.txt", GOOD),
        *BAD_FILES.items(),
        ("too_big.txt", too_big),
        ("CON.txt", OTHER_GOOD),
    ]
    app.run()
    app.sidebar.toggle(key="lang_en").set_value(True).run()
    app.switch_page("views/documents.py").run()
    app.get("file_uploader")[0].set_value([(name, raw, "text/plain") for name, raw in sent]).run()
    app.button(key="extract_uploads").click().run()
    assert not app.exception

    messages = [shown(element.value) for element in (*app.success, *app.info, *app.error)]
    assert len(messages) == len(sent)                          # one message per file
    assert "[点我](javascript_alert(1))__粗__.txt: 2 rows added." in messages     # ":", "*" never in file names
    assert "copy of the same.txt: this document is already in the data." in messages
    assert "_CON.txt: 1 rows added." in messages
    assert "too_big.txt: 1.1 MB, more than the limit of 1 MB per file; not added." in messages

    bad_folder = tmp_path / "bad"
    bad_folder.mkdir()
    for name, raw in BAD_FILES.items():
        (bad_folder / name).write_bytes(raw)
    cli = _cli_failures(bad_folder)
    assert set(cli) == set(BAD_FILES)
    for name in BAD_FILES:
        assert cli[name] in messages, (cli[name], messages)     # the command line's message, word for word

    for element in (*app.success, *app.info, *app.error):   # the names are text, not markup
        assert not re.search(r"(?<!\\)[\[\]_*]", element.value), element.value
    stored = _stored_files(datastore.default_data_dir())
    assert stored == sorted([datastore.stored_file_name(GOOD), datastore.stored_file_name(OTHER_GOOD)])
    listed = app.dataframe[0].value
    assert len(listed) == 5 and "[点我](javascript_alert(1))__粗__.txt" in set(listed["source_file"])
