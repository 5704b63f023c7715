"""Every county of the gazetteer joins an outline of the map, Zhejiang's post-2021 districts included."""
import pytest

from dashboard.boundaries import outline_code, outlines, outlines_within
from extractors.regions.gazetteer import load_gazetteer

ZONE_WORDS = ("开发区", "管委会", "新区", "园区", "示范区", "食品区")


def _is_zone(region) -> bool:
    # Statistical codes xxxx7x are development zones; some zones carry other codes but say what they are.
    return region.code[4:5] == "7" or any(word in region.name for word in ZONE_WORDS)


def test_counties_of_the_gazetteer_join_their_outlines_and_the_rest_is_listed():
    # Units without a division code (Taiwan's districts in the gazetteer) cannot join anything.
    counties = [r for r in load_gazetteer().regions()
                if r.level == "county" and r.code and not r.synthetic and not _is_zone(r)]
    unjoined = sorted(f"{r.code} {r.parent} {r.name}" for r in counties if outline_code("county", r.code, r.name) is None)
    print(f"{len(counties)} counties, {len(unjoined)} without an outline:", *unjoined, sep="\n  ")
    assert [line for line in unjoined if line.startswith("33")] == []      # nothing of Zhejiang
    assert len(unjoined) <= 40     # Taiwan's counties, units renamed after the gazetteer's data, a few more


@pytest.mark.parametrize("name,code", [("上城区", "330102"), ("临平区", "330113"), ("钱塘区", "330114")])
def test_hangzhou_after_the_2021_redistricting(name, code):
    [region] = [r for r in load_gazetteer().get(name) if r.parent == "杭州市"]
    assert outline_code("county", region.code, region.name) == code
    assert code in {f["id"] for f in outlines_within("county", "3301")["features"]}


def test_a_unit_whose_code_changed_joins_by_its_city_and_name():
    some = next(f for f in outlines("county")["features"] if f["id"].startswith("3301"))
    assert outline_code("county", "330199", some["properties"]["name"]) == some["id"]
    assert outline_code("county", "330199", "无此区") is None
    assert outline_code("town", "330102001", "清波街道") is None
