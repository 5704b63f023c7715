"""Korean, Japanese and Western text in a legacy encoding is decoded as
what it is, never as GB18030 mojibake that yields rows."""
from __future__ import annotations

import pytest

from extractors.text.encoding import decode
from extractors.run.pipeline import extract_bytes

KOREAN = "부산광역시의 2023년 지역내총생산은 1,870억원으로 전년 대비 2.5% 증가했다. 사업체 수는 3,400개에 달했다. " * 2
JAPANESE = "大阪府の2023年の府内総生産は4120億円で、前年比2.5%増加した。事業所数は3400社に達した。人口は880万人である。" * 2
FRENCH = "La région a enregistré une croissance de 2,5 % en 2023 ; été très réussi, à côté des élèves." * 2


@pytest.mark.parametrize("text, encoding", [
    (KOREAN, "euc_kr"), (JAPANESE, "euc_jp"), (JAPANESE, "shift_jis"), (FRENCH, "cp1252"),
])
def test_a_neighbour_script_in_its_legacy_encoding_is_decoded_right(text, encoding):
    assert decode(text.encode(encoding), "page.txt") == (text, encoding)


@pytest.mark.parametrize("text, encoding", [(KOREAN, "euc_kr"), (JAPANESE, "euc_jp")])
def test_no_row_comes_from_mojibake(text, encoding):
    result = extract_bytes(text.encode(encoding), "page.txt")
    assert result.document is not None and result.document.text == text
    for row in result.observations:
        assert row.raw_text in text


def test_chinese_in_gb18030_and_big5_still_reads_as_chinese():
    simplified = "丽水市2023年地区生产总值达1964亿元，比上年增长7.0%，常住人口达到252万人，规上工业企业达到1200家。" * 2
    traditional = "臺南市2023年生產總值達1964億元，比上年增長7.0%，常住人口達到186萬人，規上工業企業達到1200家。" * 2
    assert decode(simplified.encode("gb18030"), "page.txt") == (simplified, "gb18030")
    assert decode(traditional.encode("big5"), "page.txt") == (traditional, "big5")
