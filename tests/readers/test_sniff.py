"""The content picks the reader; the name only breaks a tie."""
from __future__ import annotations

import pytest

import document_fixtures as fx
from extractors.text.readers import read_bytes, sniff


@pytest.mark.parametrize("make,name,kind", [
    (lambda: fx.to_pdf(fx.DOCUMENTS[0]), "report.txt", "pdf"),
    (lambda: fx.to_docx(fx.DOCUMENTS[0]), "report", "docx"),
    (lambda: fx.to_html(fx.DOCUMENTS[0]), "page.txt", "html"),
    (lambda: fx.to_txt(fx.DOCUMENTS[0]), "notes.html", "text"),
    (lambda: "<p>临泽县新增企业120家。</p>".encode(), "fragment.htm", "html"),
    (lambda: "临泽县 <b>新增</b> 企业120家。".encode(), "fragment.txt", "text"),
    (lambda: "临泽县 <b>新增</b> <body>".encode(), "fragment.html", "html"),
    (fx.zip_named_docx, "notes.docx", "zip"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc", "ole"),
    (lambda: "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n".encode(), "a.mhtml", "mhtml"),
])
def test_sniff(make, name, kind):
    assert sniff(make(), name) == kind


def test_a_saved_web_page_is_read_as_its_html_part():
    page = fx.to_html(fx.DOCUMENTS[1]).decode().encode("gb18030").replace(b"charset='utf-8'", b"charset='gb2312'")
    import base64

    body = base64.encodebytes(page).decode()
    archive = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
               "Content-Type: text/html; charset=\"gb18030\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               f"{body}\r\n--B--\r\n").encode()
    reading = read_bytes(archive, "saved.mhtml")
    assert reading.reader.startswith("mhtml lxml-")
    assert reading.title == "弥勒市2024年经济运行情况"
    assert "| 地区生产总值 | 亿元 | 586.2 | 551.9 |" in reading.text


def test_a_web_page_in_gb2312_is_decoded_by_its_declaration():
    page = fx.to_html(fx.DOCUMENTS[0]).decode().replace("charset='utf-8'", "charset='gb2312'").encode("gb18030")
    reading = read_bytes(page, "page.html")
    assert reading.encoding == "gb18030"
    assert "临泽县全年实现地区生产总值168.4亿元" in reading.text


def test_a_web_page_date_comes_from_its_metadata():
    page = fx.to_html(fx.DOCUMENTS[2], extra_head="<meta name='PubDate' content='2024-11-06 08:00'>")
    assert str(read_bytes(page, "p.html").date) == "2024-11-06"
