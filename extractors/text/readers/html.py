"""Web pages -> text, title, date, headings and tables, with ``lxml``'s HTML parser.

What a person reads on the page is kept: the main part when the page marks
one (``<main>``, ``<article>``, a content block), else the body; scripts,
styles, forms, menus, headers, footers and link lists are dropped. Block
elements become lines, headings are recorded, and every ``<table>`` that
holds no other table goes to the tables stage as cells (a table of tables is
page layout, read through). The publication date comes from the page's
metadata (``PubDate``, ``article:published_time``, ``<time>``).

libxml2 stops nesting at 255 levels, so a page of deeply nested tags costs
linear time; the walk over the tree is iterative.
"""
from __future__ import annotations

import datetime as dt
import re

import lxml
import lxml.html
from lxml import etree

from extractors.text.encoding import DocumentError, decode
from extractors.text.readers.builder import GridCell, TextBuilder, clean_inline
from extractors.text.readers.reading import Reading

VERSION = f"html lxml-{lxml.__version__}"
DROPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                     "canvas", "nav", "header", "footer", "aside", "form", "button", "select", "textarea",
                     "input", "head", "video", "audio", "map"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dd", "dt",
                    "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "caption", "figcaption", "figure",
                    "center", "address", "hr", "br", "body", "tbody", "thead", "tfoot"})
HEADINGS = {f"h{level}": level for level in range(1, 7)}
# class/id words of page furniture: menus, breadcrumbs, share buttons, footers.
_FURNITURE = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumbs?|footer|sidebar|share|copyright|"
                        r"toolbar|related|pagination|skip)(?:$|[\s_-])", re.IGNORECASE)
_CONTENT = re.compile(r"(?:^|[\s_-])(?:article|content|main|zoom|TRS_Editor|detail|text)(?:$|[\s_-])",
                      re.IGNORECASE)
_DATE_META = ("pubdate", "publishdate", "article:published_time", "og:article:published_time", "date",
              "dc.date", "dc.date.issued", "firstpublishedtime", "weibo:article:create_at")
_DATE_VALUE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
LINK_LIST_SHARE = 0.8        # a list whose text is this much link text is a menu
MAX_DEPTH = 255              # libxml2's limit: what is nested deeper is not parsed


def _deepest(root) -> int:
    """How deep the last elements of the page sit (a deeply nested page ends deep)."""
    last = list(root.iter())[-5:]
    return max((sum(1 for _ in element.iterancestors()) for element in last), default=0)


def read_html(data: bytes, name: str) -> Reading:
    markup, encoding = _decode(data, name)
    return read_markup(markup, name, encoding)


def read_markup(markup: str, name: str, encoding: str = "utf-8") -> Reading:
    markup = _XML_DECLARATION.sub("", markup)
    try:
        root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True))
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(name, f"is not a readable web page ({error})") from None
    title = _page_title(root)
    date = _page_date(root)
    for element in list(root.iter(etree.Element)):
        if not isinstance(element.tag, str):
            continue
        if element.tag in DROPPED or _is_furniture(element) or _is_link_list(element):
            if element.getparent() is not None:
                element.drop_tree()
    content = _main_content(root)
    builder = TextBuilder()
    first_heading = content.find(".//h1")
    if title and (first_heading is None or not clean_inline(first_heading.text_content())):
        builder.line(title, heading_level=1)
    _walk(content, builder)
    text = builder.text
    if not text.strip():
        if _deepest(root) >= MAX_DEPTH:
            raise DocumentError(name, f"nests its tags more than {MAX_DEPTH} levels deep; no text could be read")
        raise DocumentError(name, "is a web page with no text (scripts or images only)")
    return Reading(text=text, encoding=encoding, reader=VERSION, media_type="text/html", title=title,
                   date=date, headings=builder.headings, tables=builder.tables)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = declared.group(1).decode("ascii", "ignore").lower()
        label = "gb18030" if label in ("gb2312", "gbk", "gb18030") else label
        try:
            return data.decode(label), label
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)


def _page_title(root) -> str | None:
    heading = root.find(".//h1")
    if heading is not None and clean_inline(heading.text_content()):
        return clean_inline(heading.text_content())[:200]
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "articletitle"):
            if clean_inline(meta.get("content") or ""):
                return clean_inline(meta.get("content"))[:200]
    element = root.find(".//title")
    if element is not None and clean_inline(element.text_content()):
        # "标题_某某县人民政府": the site's name follows the last separator.
        return re.split(r"\s*[_|｜]\s*|\s+-\s+", clean_inline(element.text_content()))[0][:200]
    return None


def _page_date(root) -> dt.date | None:
    candidates = [meta.get("content") or "" for meta in root.iter("meta")
                  if (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower() in _DATE_META]
    candidates += [time.get("datetime") or "" for time in root.iter("time")]
    for value in candidates:
        match = _DATE_VALUE.search(value)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return None


def _is_furniture(element) -> bool:
    if element.tag in ("body", "html", "main", "article"):
        return False
    marks = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}"
    return bool(marks.strip()) and bool(_FURNITURE.search(marks)) and not _CONTENT.search(marks)


def _is_link_list(element) -> bool:
    if element.tag not in ("ul", "ol") or len(element) < 3:
        return False
    text = len(clean_inline(element.text_content()))
    linked = sum(len(clean_inline(a.text_content())) for a in element.iter("a"))
    return text > 0 and linked / text >= LINK_LIST_SHARE


def _main_content(root):
    for path in (".//main", ".//article"):
        found = root.find(path)
        if found is not None and clean_inline(found.text_content()):
            return found
    body = root.find(".//body")
    return body if body is not None else root


def _walk(top, builder: TextBuilder) -> None:
    """Depth-first over the tree without recursion; inline text gathers into the current line."""
    line: list[str] = []
    heading: list[int | None] = [None]

    def flush():
        if line:
            builder.line("".join(line), heading_level=heading[0])
            line.clear()

    stack = [(top, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag in BLOCKS:
                flush()
                heading[0] = None
            if element.tail:
                line.append(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in BLOCKS:
            flush()
        if tag in HEADINGS:
            heading[0] = HEADINGS[tag]
        if tag == "table" and element.find(".//table") is None:
            flush()
            caption = element.find("caption")
            if caption is not None:
                builder.line(caption.text_content())
            builder.table(_table_rows(element))
            if element.tail:
                line.append(element.tail)
            continue
        if tag == "pre":
            flush()
            builder.raw_lines(element.text_content())
            if element.tail:
                line.append(element.tail)
            continue
        if element.text and tag:
            line.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element) if isinstance(child.tag, str))
    flush()


def _span(value: str | None) -> int:
    try:
        return int(str(value).strip() or 1)
    except ValueError:
        return 1


def _table_rows(table) -> list[list[GridCell]]:
    rows = []
    for row in table.iter("tr"):
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        cells = [GridCell(cell.text_content(), _span(cell.get("rowspan")), _span(cell.get("colspan")),
                          header=in_head or cell.tag == "th")
                 for cell in row if cell.tag in ("td", "th")]
        rows.append(cells)
    return rows
