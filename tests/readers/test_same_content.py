"""The same document as .txt, .html, .pdf and .docx gives the same rows."""
from __future__ import annotations

import pytest

from document_fixtures import DOCUMENTS, TABLE_HEAVY, TABLE_HEAVY_CELLS
from rendered_documents import extracted, rendered  # noqa: F401 - fixtures

FORMATS = (".html", ".pdf", ".docx")


def _facts(result):
    return sorted((o.raw_text, o.value, o.unit, o.indicator, o.region, o.year, o.kind) for o in result.observations)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
@pytest.mark.parametrize("suffix", FORMATS)
def test_same_rows_as_the_text_copy(extracted, doc, suffix):
    text_copy, other = extracted[doc.name, ".txt"], extracted[doc.name, suffix]
    assert text_copy.error is None and other.error is None, (text_copy.error, other.error)
    assert len(text_copy.observations) >= 5     # prose and table rows both
    assert _facts(other) == _facts(text_copy)


@pytest.mark.parametrize("key", [(d.name, s) for d in [*DOCUMENTS, TABLE_HEAVY] for s in (".txt", *FORMATS)])
def test_offsets_index_the_text_the_reader_produced(extracted, key):
    result = extracted[key]
    assert result.observations
    for row in result.observations:
        assert result.document.text[row.start:row.end] == row.raw_text


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_numeric_cell_of_a_table_heavy_page_is_a_row(extracted, suffix):
    result = extracted[TABLE_HEAVY.name, suffix]
    rows = [o for o in result.observations if o.rule.startswith("table:")]
    found = {(o.raw_text, o.indicator, o.year, o.unit, o.region) for o in rows}
    for raw, indicator, year, unit, place, scale in TABLE_HEAVY_CELLS:
        assert (raw, indicator, year, unit, place or "张掖市") in found, (raw, indicator, year)
        row = next(o for o in rows if o.raw_text == raw and o.year == year)
        assert row.value == pytest.approx(float(raw) * scale)
    assert len(rows) == len(TABLE_HEAVY_CELLS)


def test_the_text_copy_of_a_merged_header_loses_what_cells_keep(extracted):
    """Pasted as text, a header over two rows and an empty corner cell shift the columns:
    the reason tables are read as cells where the file keeps them."""
    text_rows = {(o.raw_text, o.indicator, o.year) for o in extracted[TABLE_HEAVY.name, ".txt"].observations}
    assert ("268.5", "gdp", 2024) not in text_rows
    assert ("268.5", "gdp", 2024) in {(o.raw_text, o.indicator, o.year)
                                      for o in extracted[TABLE_HEAVY.name, ".html"].observations}


def test_pdf_rows_carry_their_page(extracted):
    result = extracted["mile_report", ".pdf"]
    pages = {o.raw_text: o.page for o in result.observations}
    assert pages["312.5亿元"] == 1          # the prose before the page break
    assert pages["586.2"] == 2              # the table after it
    assert len(result.document.pages) == 2
    assert all(o.page is None for o in extracted["mile_report", ".txt"].observations)


@pytest.mark.parametrize("suffix,reader", [(".html", "html lxml-"), (".pdf", "pdf pdfplumber-"),
                                           (".docx", "docx python-docx-")])
def test_the_document_record_names_the_reader_and_the_original(extracted, suffix, reader):
    import hashlib

    document = extracted["linze_bulletin", suffix].document
    assert document.reader.startswith(reader)
    assert document.file_sha256 is not None and document.original_file == f"files/{document.file_sha256}{suffix}"
    assert document.title == "临泽县2024年经济社会发展统计公报"
    assert str(document.date) == "2025-03-12"
    assert hashlib.sha256(extracted["linze_bulletin", suffix].original).hexdigest() == document.file_sha256


def test_the_seed_pages_as_web_pages_give_the_same_rows():
    """Real pages, each also written as a web page of the same text (menu, scripts, footer added)."""
    from pathlib import Path

    from document_fixtures import as_web_page
    from extractors.run.pipeline import extract_bytes

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        data = path.read_bytes()
        as_text, as_page = extract_bytes(data, path.name), extract_bytes(as_web_page(data.decode()), path.name)
        assert as_page.document.title == as_text.document.title
        assert _facts(as_page) == _facts(as_text), path.name
