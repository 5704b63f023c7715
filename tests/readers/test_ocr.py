"""extract --ocr: a scanned PDF read by tesseract (Debian's tesseract-ocr, tesseract-ocr-chi-sim)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

import document_fixtures as fx
from extractors.run.pipeline import extract_bytes
from extractors.text.readers.pdf import OCR_ENV

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None
    or "chi_sim" not in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout,
    reason="tesseract with chi_sim is not installed")


def test_a_scan_is_read_by_ocr_when_asked(monkeypatch):
    scan = fx.scan_of(fx.to_pdf(fx.DOCUMENTS[0]))
    assert extract_bytes(scan, "scan.pdf").error.endswith("run OCR on it first (extract --ocr)")
    monkeypatch.setenv(OCR_ENV, "chi_sim")
    result = extract_bytes(scan, "scan.pdf")
    assert result.error is None
    assert " ocr tesseract-chi_sim" in result.document.reader
    assert result.warnings[0] == ("scan.pdf: no text layer; the text was read by OCR (tesseract, chi_sim), "
                                  "so figures may be misread")
    rows = {(o.raw_text, o.value, o.indicator, o.region, o.year) for o in result.observations}
    text_copy = extract_bytes(fx.to_txt(fx.DOCUMENTS[0]), "copy.txt").observations
    prose = {(o.raw_text, o.value, o.indicator, o.region, o.year) for o in text_copy if not o.rule.startswith("table:")}
    assert ("168.4亿元", 16840000000.0, "gdp", "临泽县") in {row[:4] for row in prose}
    assert prose <= rows          # the sentences' figures; the scanned table's are not promised
    for row in result.observations:
        assert result.document.text[row.start:row.end] == row.raw_text
