import pandas as pd

from dashboard.region_tree import build_region_tree


def _rows(*triples):
    return pd.DataFrame(triples, columns=["region", "region_level", "region_parent"])


def test_street_rolls_up_to_district_and_city():
    tree = build_region_tree(_rows(("杭州市", "city", "浙江省"), ("上城区", "county", "杭州市"),
                                   ("小营街道", "town", "上城区"), ("拱墅区", "county", "杭州市")))
    assert tree.with_sub_units(["上城区"]) == {"上城区", "小营街道"}
    assert tree.with_sub_units(["杭州市"]) == {"杭州市", "上城区", "小营街道", "拱墅区"}
    assert tree.path("小营街道") == ["浙江省", "杭州市", "上城区", "小营街道"]
    assert tree.ordered() == ["浙江省", "杭州市", "上城区", "小营街道", "拱墅区"]
    assert tree.depth("小营街道") == 3


def test_parent_known_only_through_its_streets_becomes_a_node_one_level_up():
    tree = build_region_tree(_rows(("湖滨街道", "town", "上城区")))
    assert tree.levels["上城区"] == "county"
    assert tree.children["上城区"] == ("湖滨街道",)
    assert tree.roots() == ["上城区"]


def test_a_region_naming_itself_as_parent_does_not_loop():
    tree = build_region_tree(_rows(("杭州市", "city", "杭州市")))
    assert tree.ordered() == ["杭州市"]
    assert tree.path("杭州市") == ["杭州市"]


def test_region_options_carry_their_parent_and_no_indentation(dataset):
    from dashboard.sidebar import region_option_label

    assert region_option_label(dataset.tree, "小营街道") == "小营街道（上城区）"
    assert region_option_label(dataset.tree, "杭州市") == "杭州市（浙江省）"
    root = dataset.tree.roots()[0]
    assert region_option_label(dataset.tree, root) == root
    assert not any(region_option_label(dataset.tree, name).startswith(("\u3000", " "))
                   for name in dataset.tree.ordered())
