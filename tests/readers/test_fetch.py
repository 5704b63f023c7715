"""extract https://...: fetched from a local server on 127.0.0.1 that the test starts."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import document_fixtures as fx
from extractors.run import fetch as fetching
from extractors.run.pipeline import extract_url

ROOT = Path(__file__).resolve().parents[2]
PAGE = fx.to_html(fx.DocumentSpec(
    "qingshui", "临泽县今年新增市场主体", "", ["今年，临泽县新增市场主体1260户。"], []),
    extra_head="<meta name='PubDate' content='2023-06-30 10:00'>")
ROUTES = {
    "/page.html": (200, "text/html; charset=utf-8", PAGE),
    "/report.pdf": (200, "application/pdf", fx.to_pdf(fx.DOCUMENTS[3])),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/big.html": (200, "text/html", b"<p>" + b"x" * 3000 + b"</p>"),
    "/empty.html": (200, "text/html", b""),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/moved":
            return self._redirect("/page.html")
        if self.path.startswith("/loop"):
            return self._redirect(f"/loop{int(self.path[5:] or 0) + 1}")
        if self.path == "/to-file":
            return self._redirect("file:///etc/passwd")
        if self.path == "/slow.html":
            time.sleep(2)
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()


@pytest.fixture(scope="module")
def server(monkeypatch_module):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch_module.delenv(name, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_a_page_is_fetched_with_its_url_time_and_date(server):
    result = extract_url(f"{server}/moved")
    assert result.error is None
    document = result.document
    assert document.fetched_url == f"{server}/moved" and document.url == f"{server}/page.html"
    assert document.fetched_at.endswith("+00:00")
    assert str(document.date) == "2023-06-30"
    assert [(o.raw_text, o.indicator, o.region, o.year) for o in result.observations] == [
        ("1260户", "enterprise_count", "临泽县", 2023)]      # 今年 is the page's year
    assert result.original == PAGE


def test_a_pdf_is_fetched_and_read(server):
    result = extract_url(f"{server}/report.pdf")
    assert result.error is None and result.document.reader.startswith("pdf ")
    assert {o.raw_text for o in result.observations} >= {"102.7亿元", "3.62"}


@pytest.mark.parametrize("path,message", [
    ("/nothing", "answers HTTP 404 Not Found"),
    ("/image.png", "answers with image/png, not a web page, PDF, Word or text document"),
    ("/loop", "redirects more than 5 times"),
    ("/to-file", "redirects to file:///etc/passwd, which is not http or https"),
    ("/empty.html", "answers with an empty body"),
])
def test_each_failure_has_its_message(server, path, message):
    assert extract_url(f"{server}{path}").error.endswith(message)


def test_size_and_time_limits(server, monkeypatch):
    with pytest.raises(fetching.FetchError, match="is larger than 0 MB"):
        fetching.fetch(f"{server}/big.html", max_bytes=1000)
    with pytest.raises(fetching.FetchError, match="did not answer within 0.5 s"):
        fetching.fetch(f"{server}/slow.html", timeout=0.5)
    result = extract_url("http://127.0.0.1:9/closed.html")
    assert "cannot be reached" in result.error


def test_extract_a_url_from_the_command_line(server, tmp_path):
    run = subprocess.run([sys.executable, "-m", "extractors", "extract", f"{server}/page.html", "--out", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    record = json.loads((tmp_path / "documents.jsonl").read_text(encoding="utf-8"))
    assert record["fetched_url"] == f"{server}/page.html" and record["reader"].startswith("html lxml-")
    assert (tmp_path / record["original_file"]).read_bytes() == PAGE
    assert record["source_file"] == "127.0.0.1_" + server.rsplit(":", 1)[1] + "_page.html"
