from dashboard_fixture_data import UPLOAD_DOCUMENT, DOCUMENTS_DIR, extract_fixture_bytes

from dashboard import datastore, queries


def test_needs_extraction_when_data_is_missing(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    assert datastore.needs_extraction(tmp_path / "data", seeds)


def test_uploaded_document_is_read_with_the_rest_and_changes_the_version(data_dir):
    before = datastore.data_version(data_dir)
    raw = (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes()
    result = extract_fixture_bytes(raw, UPLOAD_DOCUMENT)
    assert datastore.add_uploaded_document(data_dir, raw, result.document, result.observations) == 2
    assert datastore.data_version(data_dir) != before
    assert (data_dir / "uploads" / "files" / datastore.stored_file_name(raw)).read_bytes() == raw
    dataset = queries.build_dataset(datastore.read_rows(data_dir), datastore.read_documents(data_dir))
    assert "滨江区" in set(dataset.mentions["region"].astype(str))
    assert len(dataset.documents) == 4
    assert dataset.tree.parents["滨江区"] == "杭州市"


def test_rows_of_a_file_whose_page_column_holds_no_value_read_beside_typed_ones(data_dir):
    """A rows file written from a frame with an all-empty column stores Parquet's
    null type; it is read with the uploads, whose column is declared int64."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    extraction = datastore.extraction_dir(data_dir) / "indicators.parquet"
    table = pq.read_table(extraction)
    index = table.schema.get_field_index("page")
    pq.write_table(table.set_column(index, "page", pa.nulls(table.num_rows)), extraction)
    raw = (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes()
    result = extract_fixture_bytes(raw, UPLOAD_DOCUMENT)
    datastore.add_uploaded_document(data_dir, raw, result.document, result.observations)
    rows = datastore.read_rows(data_dir)
    assert len(rows) == table.num_rows + len(result.observations)
    assert rows["page"].isna().all()


def test_rows_read_in_many_row_groups_keep_free_text_plain_and_the_rest_categorical(data_dir):
    """Sentences and ids are one per row: plain strings in one piece, so taking
    a row's sources is cheap; the columns views group and filter on are categoricals."""
    import pandas as pd
    import pyarrow.parquet as pq

    extraction = datastore.extraction_dir(data_dir) / "indicators.parquet"
    table = pq.read_table(extraction)
    pq.write_table(table, extraction, row_group_size=3)
    assert pq.ParquetFile(extraction).metadata.num_row_groups > 2
    rows = datastore.read_rows(data_dir)
    assert rows["sentence"].tolist() == table.column("sentence").to_pylist()
    for name in datastore.FREE_TEXT_COLUMNS:
        assert not isinstance(rows[name].dtype, pd.CategoricalDtype)
        assert rows[name].array._pa_array.num_chunks == 1
    assert isinstance(rows["region"].dtype, pd.CategoricalDtype)
    dataset = queries.build_dataset(rows, datastore.read_documents(data_dir))
    assert not isinstance(dataset.mentions["sentence"].dtype, pd.CategoricalDtype)
    assert isinstance(dataset.mentions["indicator"].dtype, pd.CategoricalDtype)
