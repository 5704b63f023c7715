"""Documents written once and rendered as .txt, .html, .pdf and .docx.

Every text, place pairing and number here is invented for these tests. A
document is a title, a date line, paragraphs and tables; each renderer
writes the same content in its format, tables as tables (``<table>``, a
Word table, a ruled PDF table) and, in ``.txt``, as pasted ``| a | b |``
lines. ``python tests/readers/document_fixtures.py DIR`` writes them all to DIR.
"""
from __future__ import annotations

import html
import io
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableSpec:
    rows: list[list[str]]                   # the first ``header_rows`` rows are the header
    caption: str = ""
    header_rows: int = 1
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)   # (row, col) -> (rowspan, colspan)


@dataclass
class DocumentSpec:
    name: str
    title: str
    date_line: str
    paragraphs: list[str]
    tables: list[TableSpec]
    page_break_before_table: bool = False


DOCUMENTS = [
    DocumentSpec(
        "linze_bulletin", "临泽县2024年经济社会发展统计公报", "2025年3月12日",
        ["2024年，临泽县全年实现地区生产总值168.4亿元，比上年增长6.2%。",
         "年末全县常住人口14.21万人，其中城镇人口6.85万人。"],
        [TableSpec([["指标", "2024年", "比上年增长（%）"],
                    ["地区生产总值（亿元）", "168.4", "6.2"],
                    ["一般公共预算收入（亿元）", "9.73", "4.5"],
                    ["社会消费品零售总额（亿元）", "41.6", "5.8"]], caption="2024年临泽县主要经济指标")],
    ),
    DocumentSpec(
        "mile_report", "弥勒市2024年经济运行情况", "2025年1月20日",
        ["今年以来，弥勒市经济运行稳中有进。",
         "全市规模以上工业增加值增长8.1%，固定资产投资完成312.5亿元。"],
        [TableSpec([["指标", "单位", "2024年", "2023年"],
                    ["地区生产总值", "亿元", "586.2", "551.9"],
                    ["固定资产投资", "亿元", "312.5", "298.7"],
                    ["城镇居民人均可支配收入", "元", "46210", "44135"]], caption="弥勒市主要指标")],
        page_break_before_table=True,
    ),
    DocumentSpec(
        "ningan_news", "宁安市招商引资成效明显", "2024年11月5日",
        ["截至10月底，宁安市新签约项目43个，新增市场主体2870户。",
         "全市金融机构各项贷款余额达到218.6亿元。"],
        [TableSpec([["乡镇", "签约项目（个）", "协议投资额（亿元）"],
                    ["东京城镇", "9", "12.4"],
                    ["渤海镇", "7", "8.9"],
                    ["石岩镇", "5", "6.3"]], caption="2024年1—10月各乡镇招商情况")],
    ),
    DocumentSpec(
        "gaotai_work_report", "高台县2025年政府工作报告", "2025年1月8日",
        ["过去一年，高台县地区生产总值完成102.7亿元，增长6.5%。",
         "城镇居民年人均可支配收入为38650元，农村居民为21430元。"],
        [TableSpec([["指标", "2024年", "2023年"],
                    ["地区生产总值（亿元）", "102.7", "96.4"],
                    ["进出口总额（亿元）", "3.62", "3.15"]], caption="单位：亿元")],
    ),
    DocumentSpec(
        "wuyishan_tourism", "武夷山市2024年旅游统计", "2025年2月18日",
        ["2024年，武夷山市接待游客1865.3万人次，旅游总收入达到326.8亿元。"],
        [TableSpec([["指标", "2024年", "增长（%）"],
                    ["接待游客（万人次）", "1865.3", "12.6"],
                    ["旅游总收入（亿元）", "326.8", "10.9"],
                    ["星级酒店（家）", "27", ""]], caption="武夷山市2024年旅游主要指标")],
    ),
]

# A table-heavy page: header over two rows with merged cells, a 单位 line, a first column of places.
TABLE_HEAVY = DocumentSpec(
    "zhangye_tables", "张掖市2024年各县区主要经济指标", "2025年3月1日",
    ["张掖市统计局发布2024年各县区主要经济指标。"],
    [TableSpec([["单位：亿元", "", "", "", ""],
                ["县区", "地区生产总值", "", "一般公共预算收入", ""],
                ["", "2024年", "2023年", "2024年", "2023年"],
                ["甘州区", "268.5", "251.2", "12.84", "12.01"],
                ["临泽县", "168.4", "158.6", "9.73", "9.31"],
                ["高台县", "102.7", "96.4", "6.52", "6.18"],
                ["山丹县", "88.9", "83.7", "5.47", "5.20"]],
               header_rows=3,
               spans={(0, 0): (1, 5), (1, 0): (2, 1), (1, 1): (1, 2), (1, 3): (1, 2)}),
     TableSpec([["指标", "2024年", "2023年"],
                ["常住人口（万人）", "110.52", "111.05"],
                ["城镇化率（%）", "55.3", "54.6"],
                ["接待游客（万人次）", "4321.6", "3987.2"]], caption="张掖市人口与旅游")],
)
# Every numeric cell of TABLE_HEAVY with its indicator, year, unit and region (None: the document's).
TABLE_HEAVY_CELLS = [
    *[(value, "gdp", year, "CNY", place, 1e8)
      for place, values in (("甘州区", ("268.5", "251.2")), ("临泽县", ("168.4", "158.6")),
                            ("高台县", ("102.7", "96.4")), ("山丹县", ("88.9", "83.7")))
      for value, year in zip(values, (2024, 2023))],
    *[(value, "fiscal_revenue", year, "CNY", place, 1e8)
      for place, values in (("甘州区", ("12.84", "12.01")), ("临泽县", ("9.73", "9.31")),
                            ("高台县", ("6.52", "6.18")), ("山丹县", ("5.47", "5.20")))
      for value, year in zip(values, (2024, 2023))],
    ("110.52", "population", 2024, "person", None, 1e4), ("111.05", "population", 2023, "person", None, 1e4),
    ("55.3", "population_share", 2024, "percent", None, 1), ("54.6", "population_share", 2023, "percent", None, 1),
    ("4321.6", "visitor_count", 2024, "person_time", None, 1e4),
    ("3987.2", "visitor_count", 2023, "person_time", None, 1e4),
]


def _covered(table: TableSpec) -> set[tuple[int, int]]:
    covered = set()
    for (row, column), (rowspan, colspan) in table.spans.items():
        covered |= {(r, c) for r in range(row, row + rowspan) for c in range(column, column + colspan)} - {(row, column)}
    return covered


def to_txt(doc: DocumentSpec) -> bytes:
    """As a page saved as text: paragraphs between blank lines, a table's rows together."""
    blocks = [doc.title, doc.date_line, *doc.paragraphs]
    for table in doc.tables:
        if table.caption:
            blocks.append(table.caption)
        covered = _covered(table)
        blocks.append("\n".join("| " + " | ".join(cell for c, cell in enumerate(row) if (r, c) not in covered) + " |"
                                for r, row in enumerate(table.rows)))
    return "\n\n".join(blocks).encode("utf-8")


def to_html(doc: DocumentSpec, extra_head: str = "", extra_body: str = "") -> bytes:
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(doc.title)}_政府门户网站</title>"
             f"{extra_head}</head><body>",
             "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/a'>政务公开</a></li>"
             "<li><a href='/b'>政务服务</a></li></ul></div>",
             f"<div class='article'><h1>{html.escape(doc.title)}</h1><p class='date'>{doc.date_line}</p>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in doc.paragraphs]
    for table in doc.tables:
        parts.append("<table border='1'>")
        if table.caption:
            parts.append(f"<caption>{html.escape(table.caption)}</caption>")
        covered = _covered(table)
        for r, row in enumerate(table.rows):
            tag = "th" if r < table.header_rows else "td"
            cells = []
            for c, cell in enumerate(row):
                if (r, c) in covered:
                    continue
                rowspan, colspan = table.spans.get((r, c), (1, 1))
                spans = (f" rowspan='{rowspan}'" if rowspan > 1 else "") + (f" colspan='{colspan}'" if colspan > 1 else "")
                cells.append(f"<{tag}{spans}>{html.escape(cell)}</{tag}>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append(f"</div>{extra_body}<div class='footer'><p>主办：某某人民政府办公室 版权所有</p></div></body></html>")
    return "\n".join(parts).encode("utf-8")


def to_docx(doc: DocumentSpec) -> bytes:
    import docx

    word = docx.Document()
    word.add_heading(doc.title, level=1)
    word.add_paragraph(doc.date_line)
    for paragraph in doc.paragraphs:
        word.add_paragraph(paragraph)
    for table in doc.tables:
        if table.caption:
            word.add_paragraph(table.caption)
        grid = word.add_table(rows=len(table.rows), cols=len(table.rows[0]))
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
        for (r, c), (rowspan, colspan) in table.spans.items():
            merged = grid.cell(r, c).merge(grid.cell(r + rowspan - 1, c + colspan - 1))
            merged.text = table.rows[r][c]
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_pdf(doc: DocumentSpec, javascript: str | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))     # a built-in CJK font: no font file needed
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    story = [Paragraph(doc.title, ParagraphStyle("title", parent=body, fontSize=16, leading=22)),
             Paragraph(doc.date_line, body)]
    story += [Paragraph(p, body) for p in doc.paragraphs]
    for table in doc.tables:
        if doc.page_break_before_table:
            story.append(PageBreak())
        if table.caption:
            story.append(Paragraph(table.caption, body))
        covered = _covered(table)
        rows = [["" if (r, c) in covered else cell for c, cell in enumerate(row)] for r, row in enumerate(table.rows)]
        style = [("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        style += [("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)) for (r, c), (rowspan, colspan) in table.spans.items()]
        story.append(Table(rows, style=TableStyle(style)))
    out = io.BytesIO()

    def add_javascript(canvas, _doc):
        if javascript:
            canvas._doc.Catalog.setOpenAction = None
            from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFString
            action = PDFDictionary({"S": PDFName("JavaScript"), "JS": PDFString(javascript)})
            canvas._doc.Catalog.OpenAction = action

    SimpleDocTemplate(out, pagesize=A4, title=doc.title).build(story, onFirstPage=add_javascript)
    return out.getvalue()


HEAD = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        "<script>var tracking = {{}};</script><style>p {{ line-height: 2 }}</style></head><body>"
        "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/n'>新闻</a></li>"
        "<li><a href='/g'>公开</a></li></ul></div><div class='article'>")
TAIL = "</div><div class='footer'><p>版权所有</p></div><script>init();</script></body></html>"


def as_web_page(text: str) -> bytes:
    """A page saved as text, back as a web page: lines as paragraphs, ``|`` lines as a table,
    inside a head, a menu, scripts and a footer."""
    lines = text.splitlines()
    parts, table = [HEAD.format(title=html.escape(lines[0] if lines else ""))], []
    for line in [*lines, ""]:
        if line.strip().startswith("|") or "\t" in line:
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else line.split("\t")
            if not all(set(c) <= set("-: ") for c in cells):
                table.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if table:
            parts.append("<table>" + "".join(table) + "</table>")
            table = []
        if line.strip():
            parts.append(f"<p>{html.escape(line.strip())}</p>")
    parts.append(TAIL)
    return "\n".join(parts).encode("utf-8")


RENDERERS = {".txt": to_txt, ".html": to_html, ".docx": to_docx, ".pdf": to_pdf}


# Hostile files: each must give one clear message (or its rows), never a hang or a crash.
def pdf_bomb(unpacked_mb: int = 400) -> bytes:
    """A PDF whose one content stream inflates from a few hundred KB to ``unpacked_mb`` MB."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m " * 10_000
    packed = b"".join(compressor.compress(chunk) for _ in range(unpacked_mb * 1024 * 1024 // len(chunk)))
    packed += compressor.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    return _pdf_file(objects)


def scanned_pdf() -> bytes:
    """Pages with a picture and no text, as a scanner makes them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for _ in range(2):
        page.setFillGray(0.3)
        page.rect(50, 50, 400, 600, fill=1)
        page.showPage()
    page.save()
    return out.getvalue()


def scan_of(pdf: bytes, dpi: int = 200) -> bytes:
    """A PDF of pictures of ``pdf``'s pages, as a scanner makes from a printout: no text layer."""
    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for source in pypdfium2.PdfDocument(pdf):
        page.drawImage(ImageReader(source.render(scale=dpi / 72).to_pil()), 0, 0, *A4)
        page.showPage()
    page.save()
    return out.getvalue()


def _pdf_file(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def nested_tags_page(depth: int = 50_000) -> bytes:
    return (b"<!DOCTYPE html><html><body>" + b"<div>" * depth + "临泽县新增企业120家。".encode()
            + b"</div>" * depth + b"</body></html>")


def script_page() -> bytes:
    return to_html(DOCUMENTS[0], extra_head="<script>document.write('地区生产总值999.9亿元')</script>"
                                            "<style>p{color:red}</style>",
                   extra_body="<script>alert('x')</script><noscript>请启用脚本</noscript>"
                              "<iframe src='http://127.0.0.1:9/'></iframe>")


def zip_named_docx() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "临泽县新增企业120家。")
    return out.getvalue()


def docx_zip_bomb(unpacked_mb: int = 300) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(block)
    return out.getvalue()


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in [*DOCUMENTS, TABLE_HEAVY]:
        for suffix, render in RENDERERS.items():
            path = folder / f"{doc.name}{suffix}"
            path.write_bytes(render(doc))
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures")):
        print(path)
