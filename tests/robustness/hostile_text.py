"""Hypothesis strategies for hostile documents, shared by the property tests
and ``scripts/fuzz_extract.py``.

Random characters alone almost never form a figure, so the text is built
from the pieces the extractor reacts to: numerals of every form, units,
qualifiers, cue words, region names, year words, punctuation, quotes and
brackets, layout marks (markdown headings, table cells, bylines, captions)
and every kind of line break, mixed with arbitrary characters.
"""
from __future__ import annotations

import codecs
import unicodedata

from hypothesis import strategies as st

from extractors.models import Observation

PIECES = [
    # numerals
    "0", "1", "7", "12", "2803.5", "1,234", "1,234,567", "０", "３．５", "一", "二", "两", "十", "百", "千", "万",
    "亿", "萬", "億", "零", "〇", "点", "余", "多", "几", "数", "半", "一半", "五分之一", "百分之四十", "分之",
    "3/11", "/", "成", "倍", "翻番", "翻两番", "第", "-", "－", "~", "至", "到", "从", "由", "增至", "降至",
    # units and qualifiers
    "元", "万元", "亿元", "美元", "%", "％", "个百分点", "人", "万人", "人次", "家", "个", "项", "平方公里", "公里",
    "平方米", "亩", "吨", "以上", "左右", "超过", "近", "约", "不足", "达", "同比增长", "下降", "增长", "比上年",
    # cue words
    "地区生产总值", "GDP", "企业", "规上工业增加值", "社会消费品零售总额", "固定资产投资", "常住人口", "游客",
    "财政收入", "贷款余额", "存款", "进出口", "居民人均可支配收入", "项目", "签约", "目标", "力争", "门槛",
    # regions and referring words
    "杭州市", "上城区", "江干区", "小营街道", "浙江省", "全区", "全市", "该街道", "滨江", "西湖区", "开发区",
    # years and dates
    "2024年", "2025年", "今年", "去年", "以来", "年底", "2022年4月21日", "二〇二二年", "十四五", "年均",
    # punctuation, quotes, brackets
    "，", "。", "！", "？", "；", "：", "、", ",", ".", ";", ":", "“", "”", "‘", "’", "「", "」", "（", "）",
    "(", ")", "《", "》", "【", "】", "…", "——", "·",
    # layout
    "\n", "\n\n", "\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x85", " ", "  ", "\t", "\u3000", "\u00a0",
    "# ", "## ", "### ", "| ", " |", "|---|---|", "■ ", "记者 ", "张三 摄", "图片由街道提供", "要目", "专 版",
    "<p>", "</p>", "<br>", "&nbsp;", "&amp;",
    # oddities
    "\ufeff", "\u200b", "\u202e", "\ufffd",
    # inside numbers: hidden marks, group spaces, a combining accent, a full-width comma, an exponent
    "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u00ad", "\u2009", "\u202f", "\u0301", "，", "E+", "\x00", "\x7f", "\ud7ff", "\U0002a6a5", "ﬁ", "Ａ", "ｋｍ",
]

pieces_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=3)),
    max_size=120,
).map("".join)

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be", "utf-32", "big5"]


@st.composite
def document_bytes(draw) -> bytes:
    """Bytes of a document: built text in some encoding, or raw bytes."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=400))
    text = draw(pieces_text)
    if choice <= 6:
        return text.encode("utf-8", errors="surrogatepass")
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace") if encoding != "utf-16-be" else (
        codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="replace"))
    if draw(st.booleans()):
        return data
    # A truncated or spliced file.
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + draw(st.binary(max_size=8)) + data[cut:]


def check_result(result, data: bytes, source_file: str) -> None:
    """What must hold for any input: an error naming the file, or valid rows."""
    if result.error is not None:
        assert result.document is None and not result.observations
        assert result.error.startswith(f"{source_file}: ") and len(result.error) > len(source_file) + 2
        return
    document = result.document
    assert document is not None
    ids = set()
    for row in result.observations:
        Observation.model_validate(row.model_dump())
        assert document.text[row.start:row.end] == row.raw_text, row
        assert row.doc_id == document.doc_id and row.source_file == source_file
        ids.add(row.obs_id)
        assert not starts_inside_a_number(document.text, row.start), row
    assert len(ids) == len(result.observations), "obs_id not unique"


def _breaks_a_number(character: str) -> bool:
    return unicodedata.category(character) in ("Cf", "Mn", "Mc", "Me", "Zs") or character in "\r\n\u2028\u2029\x85，"


def hidden_character(character: str) -> bool:
    return unicodedata.category(character) in ("Cf", "Mn", "Mc", "Me") or character in "\u00a0\u2009\u202f\u205f"


def starts_inside_a_number(text: str, start: int) -> bool:
    """Whether a row starting at ``start`` reads only the tail of the number
    the visible characters show: digits, then characters a reader does not
    see, or a group break where the two runs could be one grouped number
    (three digits after it, or at most three before it), then the row's digits."""
    if not text[start:start + 1].isdigit():
        return False
    position = start
    while position > 0 and _breaks_a_number(text[position - 1]):
        position -= 1
    if position == start or position == 0 or not text[position - 1].isdigit():
        return False
    if any(hidden_character(character) for character in text[position:start]):
        return True
    digits = 0
    while start + digits < len(text) and text[start + digits].isdigit():
        digits += 1
    head = position
    while head > 0 and text[head - 1].isdigit():
        head -= 1
    return digits == 3 or position - head <= 3
