"""Hostile files: each gives one clear message, in bounded time and memory, and the run goes on."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import document_fixtures as fx
from extractors.run.pipeline import extract_bytes

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 20          # far above what each takes (under 2 s), far below a hang


def _extract(data: bytes, name: str):
    started = time.monotonic()
    result = extract_bytes(data, name)
    assert time.monotonic() - started < SECONDS
    return result


@pytest.mark.parametrize("name,make,message", [
    ("bomb.pdf", lambda: fx.pdf_bomb(400), "bomb.pdf: is not read: a stream inflates past 100 MB (a PDF bomb?)"),
    ("scan.pdf", fx.scanned_pdf, "scan.pdf: has no text layer (2 pages of images: a scan?); run OCR on it first (extract --ocr)"),
    ("nested.html", fx.nested_tags_page, "nested.html: nests its tags more than 255 levels deep; no text could be read"),
    ("notes.docx", fx.zip_named_docx, "notes.docx: is a zip archive but not a Word (.docx) document"),
    ("bomb.docx", lambda: fx.docx_zip_bomb(300), "bomb.docx: unpacks to more than 200 MB (a zip bomb?)"),
])
def test_a_hostile_file_is_one_clear_error(name, make, message):
    result = _extract(make(), name)
    assert result.error == message
    assert result.document is None and result.observations == []


def test_the_pdf_reader_stays_within_its_memory_limit(tmp_path):
    """In a fresh process, so that no other child of the test run counts: the bomb's reader stays far below its limit."""
    (tmp_path / "bomb.pdf").write_bytes(fx.pdf_bomb(400))
    probe = ("import resource, sys; from extractors.run.pipeline import extract_file; from pathlib import Path; "
             f"print(extract_file(Path({str(tmp_path / 'bomb.pdf')!r}), None).error); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, "
             "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    error, sizes = run.stdout.splitlines()
    reader_mb, own_mb = map(int, sizes.split())
    from extractors.text.readers.pdf import MEMORY_LIMIT_MB

    assert error.endswith("(a PDF bomb?)")
    assert reader_mb < MEMORY_LIMIT_MB / 2      # the inflation stopped at 100 MB, far below the limit
    assert own_mb < 1024                         # the run's own process never held the inflated stream


def test_scripts_of_a_page_are_not_text():
    result = _extract(fx.script_page(), "script.html")
    assert result.error is None
    text = result.document.text
    assert "999.9" not in text and "alert" not in text and "请启用脚本" not in text and "版权所有" not in text
    assert "政务公开" not in text            # the menu
    assert {o.raw_text for o in result.observations} >= {"168.4亿元", "6.2%", "9.73"}


def test_javascript_in_a_pdf_is_not_run_and_is_noted():
    result = _extract(fx.to_pdf(fx.DOCUMENTS[0], javascript="app.alert('x')"), "js.pdf")
    assert result.error is None
    assert result.warnings == ["js.pdf: the PDF holds JavaScript; it was not run, only the text was read"]
    assert "168.4亿元" in {o.raw_text for o in result.observations}


def test_a_folder_with_hostile_and_unknown_files_goes_on_and_names_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(fx.to_txt(fx.DOCUMENTS[0]))
    (folder / "good.docx").write_bytes(fx.to_docx(fx.DOCUMENTS[2]))
    (folder / "scan.pdf").write_bytes(fx.scanned_pdf())
    (folder / "sheet.xlsx").write_bytes(fx.zip_named_docx())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    run = subprocess.run([sys.executable, "-m", "extractors", "extract", str(folder), "--out", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    failed = {line for line in run.stderr.splitlines() if line.startswith("failed: ")}
    kinds = "not a kind of document extract reads (.txt, .html, .htm, .mhtml, .pdf, .docx)"
    assert failed == {
        f"failed: {folder / 'photo.png'}: {kinds}",
        "failed: scan.pdf: has no text layer (2 pages of images: a scan?); run OCR on it first (extract --ocr)",
        f"failed: {folder / 'sheet.xlsx'}: {kinds}",
    }
    assert run.stdout.startswith("2 documents, ")
    kept = sorted(p.suffix for p in (tmp_path / "out" / "files").iterdir())
    assert kept == [".docx"]          # the original of the Word file; the .txt is its own record
