"""The dashboard's upload takes web pages, PDF and Word files as extract does, and keeps the original."""
from __future__ import annotations

import hashlib

import pytest

import document_fixtures as fx
from dashboard import datastore, uploads
from extractors.run.pipeline import extract_bytes


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".docx"])
def test_an_upload_is_extracted_as_the_command_line_does_and_its_original_kept(tmp_path, suffix):
    raw = fx.RENDERERS[suffix](fx.DOCUMENTS[4])
    expected = extract_bytes(raw, f"tourism{suffix}")
    outcomes = uploads.add_uploaded_files(tmp_path, [(f"tourism{suffix}", raw)], extract_bytes, set())
    assert [(o.status, o.rows) for o in outcomes] == [("added", len(expected.observations))]
    record = datastore.read_documents(tmp_path)[0]
    assert "tables" not in record and record["reader"] == expected.document.reader
    assert record["original_file"] == f"files/{hashlib.sha256(raw).hexdigest()}{suffix}"
    kept = datastore.original_file_path(tmp_path, record["original_file"])
    assert kept == tmp_path / "uploads" / record["original_file"] and kept.read_bytes() == raw
    rows = datastore.read_rows(tmp_path)
    assert sorted(rows["raw_text"]) == sorted(o.raw_text for o in expected.observations)


def test_an_upload_of_a_scan_gets_the_message_extract_gives(tmp_path):
    raw = fx.scanned_pdf()
    outcome, = uploads.add_uploaded_files(tmp_path, [("scan.pdf", raw)], extract_bytes, set())
    assert outcome.status == "failed"
    assert f"scan.pdf: {outcome.error}" == extract_bytes(raw, "scan.pdf").error


@pytest.mark.parametrize("relative", ["../secret.pdf", "files/../../x.pdf", "files/.hidden", "/etc/passwd", None, 3])
def test_only_a_kept_file_can_be_offered(tmp_path, relative):
    assert datastore.original_file_path(tmp_path, relative) is None
