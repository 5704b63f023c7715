from dashboard_fixture_data import DOCUMENTS_DIR, UPLOAD_DOCUMENT, extract_fixture_bytes

from dashboard import datastore, uploads
from dashboard.uploads import add_uploaded_files


def _boom(data, name, time_limit=None):
    raise RuntimeError("rule engine exploded")


def test_each_file_gets_its_own_outcome(data_dir):
    good = (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes()
    known = {doc["doc_id"] for doc in datastore.read_documents(data_dir)}
    outcomes = add_uploaded_files(data_dir, [
        (UPLOAD_DOCUMENT, good),
        ("same_again.txt", good),
        ("broken.txt", b"\xff\xfe\xfa not utf-8 \xff"),
        ("empty.txt", b"   "),
        ("report.pdf", b"%PDF-1.4"),
    ], extract_fixture_bytes, known)
    assert [(o.file_name, o.status) for o in outcomes] == [
        (UPLOAD_DOCUMENT, "added"), ("same_again.txt", "duplicate"), ("broken.txt", "failed"),
        ("empty.txt", "failed"), ("report.pdf", "failed")]
    assert outcomes[0].rows == 2
    assert "decode" in outcomes[2].error
    assert len(datastore.read_documents(data_dir)) == 4


def test_an_exception_in_the_extraction_is_reported_for_that_file(data_dir):
    outcomes = add_uploaded_files(data_dir, [("a.txt", "杭州".encode())], _boom, set())
    assert outcomes[0].status == "failed" and "rule engine exploded" in outcomes[0].error
    assert len(datastore.read_documents(data_dir)) == 3


def test_the_details_of_an_upload_reach_the_extraction(tmp_path):
    """Typed details act as the file's manifest entry: the region says where a page without a name is."""
    from extractors.run.pipeline import extract_bytes

    text = "全区2024年地区生产总值达到512.3亿元，同比增长6.1%。".encode("utf-8")
    details, problems = uploads.upload_details({"region": "柯桥区", "date": "2025-01-20", "title": " ", "url": ""})
    assert problems == {} and details == {"region": "柯桥区", "date": "2025-01-20"}
    outcomes = uploads.add_uploaded_files(tmp_path / "data", [("brief.txt", text)], extract_bytes, set(),
                                          details=details)
    assert [outcome.status for outcome in outcomes] == ["added"]
    rows = datastore.read_rows(tmp_path / "data")
    gdp = rows[rows["raw_text"] == "512.3亿元"].iloc[0]
    assert (gdp["region"], gdp["indicator"], int(gdp["year"])) == ("柯桥区", "gdp", 2024)


def test_details_that_cannot_be_read_are_named():
    details, problems = uploads.upload_details({"date": "2024-13-01", "url": "ftp://x"})
    assert problems == {"date": "2024-13-01", "url": "ftp://x"}
