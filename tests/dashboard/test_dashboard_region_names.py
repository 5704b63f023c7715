"""English region names: Hanyu Pinyin of the name and the English word of its division."""
import pytest

from dashboard.i18n import region_label
from dashboard.region_names import english_region_name
from extractors.catalog import DIVISION_ENGLISH, DIVISION_SUFFIXES, ZONE_SUFFIXES


@pytest.mark.parametrize("name, level, english", [
    ("鹿城区", "county", "Lucheng District"),
    ("大荔县", "county", "Dali County"),
    ("温岭市", "county", "Wenling City"),          # a county-level city keeps its word
    ("台州市", "city", "Taizhou"),                # a prefecture-level city is its name alone
    ("六安市", "city", "Lu'an"),                  # the place-name reading, and a syllable set apart
    ("西安市", "city", "Xi'an"),
    ("江西省", "province", "Jiangxi"),
    ("北京市", "province", "Beijing"),
    ("横峰街道", "town", "Hengfeng Subdistrict"),
    ("大溪镇", "town", "Daxi Town"),
    ("高新开发区", "", "Gaoxin Development Zone"),
    ("中华人民共和国", "country", "China"),
])
def test_names_read_as_their_english(name, level, english):
    assert english_region_name(name, level) == english


def test_a_chinese_page_keeps_the_name_and_a_name_without_chinese_is_kept():
    assert region_label("鹿城区", "zh", "county") == "鹿城区"
    assert region_label("Lucheng", "en") == "Lucheng"
    assert region_label("", "en") == ""


def test_every_division_suffix_has_its_english_word():
    assert set(DIVISION_SUFFIXES) | set(ZONE_SUFFIXES) <= set(DIVISION_ENGLISH)
