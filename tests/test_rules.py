"""The rule files are their own test corpus: every example and negative runs here."""
from __future__ import annotations

import pytest
import yaml

from extractors.catalog import INDICATOR_UNITS
from extractors.indicators.rulebook import RULES_DIR, RuleBookError, load_rulebook
from row_expectations import assert_rows_are

BOOK = load_rulebook()


def _example_id(example) -> str:
    return f"{example.family}:{example.text[:18]}"


@pytest.mark.parametrize("example", BOOK.examples, ids=_example_id)
def test_rule_example(example, extract_text):
    assert_rows_are(extract_text(example.text, date=example.date), example.expect, example.text)


def test_every_example_names_its_unit():
    for example in BOOK.examples:
        assert example.expect, example.text
        for expected in example.expect:
            assert "unit" in expected, (example.text, expected)


@pytest.mark.parametrize("example", BOOK.negatives, ids=_example_id)
def test_rule_negative(example, extract_text):
    rows = extract_text(example.text)
    wrong = [r for r in rows if r.indicator == example.negative_indicator]
    assert not wrong, f"{example.text!r} must not give {example.negative_indicator}: {wrong}"


@pytest.mark.parametrize("veto", BOOK.vetoes, ids=lambda v: v.id)
def test_veto_examples_yield_nothing_for_the_vetoed_number(veto, extract_text):
    assert veto.examples, f"veto {veto.id} has no example"
    for text in veto.examples:
        assert extract_text(text) == [], (veto.id, text)


@pytest.mark.parametrize("marker", BOOK.kinds, ids=lambda k: k.id)
def test_kind_markers_mark_their_examples(marker, extract_text):
    assert marker.examples, f"kind marker {marker.id} has no example"
    for example in marker.examples:
        rows = {r.raw_text: r.kind for r in extract_text(example["text"])}
        assert rows.get(example["raw_text"]) == marker.kind, (marker.id, example, rows)
        others = [kind for raw, kind in rows.items() if raw != example["raw_text"]]
        assert all(kind == "fact" for kind in others), (marker.id, example, rows)


def test_every_catalog_indicator_has_a_rule():
    covered = {r.indicator for r in BOOK.rules}
    assert set(INDICATOR_UNITS) - covered == set()


def test_every_rule_file_has_examples_and_negatives():
    for path in sorted(RULES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rules" in data:
            assert data.get("examples"), f"{path.name} has no examples"
            assert data.get("negatives"), f"{path.name} has no negatives"


def test_every_example_indicator_is_in_the_catalog():
    for example in BOOK.examples:
        for expected in example.expect:
            assert expected["indicator"] in INDICATOR_UNITS, expected


def _write_rules(folder, rule_yaml: str) -> None:
    for name in ("fragments.yaml", "non_indicators.yaml", "kinds.yaml"):
        (folder / name).write_text((RULES_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text(rule_yaml, encoding="utf-8")


def test_undefined_fragment_fails_on_load(tmp_path):
    _write_rules(tmp_path, "family: broken\nrules:\n  - {id: b.one, indicator: gdp, units: [CNY], before: '{NO_SUCH}'}\n")
    with pytest.raises(RuleBookError, match="NO_SUCH"):
        load_rulebook.__wrapped__(tmp_path)


def test_duplicate_rule_id_fails_on_load(tmp_path):
    _write_rules(tmp_path, "family: broken\nrules:\n  - {id: gdp.level, indicator: gdp, units: [CNY], before: 'x'}\n")
    (tmp_path / "gdp.yaml").write_text((RULES_DIR / "gdp.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleBookError, match="duplicate"):
        load_rulebook.__wrapped__(tmp_path)


def test_unit_not_allowed_for_indicator_fails_on_load(tmp_path):
    _write_rules(tmp_path, "family: broken\nrules:\n  - {id: b.one, indicator: population, units: [CNY], before: 'x'}\n")
    with pytest.raises(RuleBookError, match="not allowed"):
        load_rulebook.__wrapped__(tmp_path)


def test_screen_clears_a_quantity_only_when_no_first_check_matches():
    import regex

    from extractors.indicators.classify import Context, _may_pass
    from extractors.models import Quantity
    from extractors.indicators.rulebook import ContextTest, Screen

    screen = Screen.of([ContextTest(raw=regex.compile(r"^\d+条$")),
                        ContextTest(raw=regex.compile("座$")),
                        ContextTest(after=regex.compile("^楼宇"))])
    assert len(screen.checks) == 2     # one per text read: the raw text, the text after
    sentence = "出台10条措施，建成12座楼宇，新增3栋楼宇"
    for raw, start, expected in (("10条", 2, True), ("12座", 10, True), ("3栋", 18, True)):
        quantity = Quantity(start=start, end=start + len(raw), raw_text=raw, value=1.0, unit="count")
        assert _may_pass(screen, quantity, Context.around(sentence, start, start + len(raw))) is expected
    quantity = Quantity(start=2, end=5, raw_text="10项", value=10.0, unit="count")
    assert not _may_pass(screen, quantity, Context.around("出台10项措施", 2, 5))
