"""The two recipes of CONTRIBUTING.md, followed literally: a new unit and a new
indicator are added by editing data files only, and the extraction then yields
rows of them. The package is copied so that the real catalog stays untouched."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parents[1] / "extractors"

TOY_UNIT = {"kg": {"zh": "公斤", "en": "kg", "en_position": "suffix"}}
TOY_SURFACES = {"公斤": ["kg", 1], "万公斤": ["kg", "1e4"]}
TOY_INDICATOR = {"grain_output": {"zh": "粮食产量", "en": "Grain output", "family": "economy", "units": ["kg"]}}
TOY_RULES = {
    "family": "grain", "version": 1, "description": "Grain harvested.",
    "rules": [{"id": "grain.output", "indicator": "grain_output", "units": ["kg"],
               "before": "粮食(?:总)?产量", "gap": 8, "priority": 80}],
    "examples": [{"text": "去年全镇粮食总产量达到1.8万公斤。",
                  "expect": [{"raw_text": "1.8万公斤", "value": 18000, "unit": "kg", "indicator": "grain_output"}]}],
    "negatives": [{"text": "每袋大米重5公斤。", "indicator": "grain_output"}],
}
EXTRACT = """
import json, sys
from extractors.run.pipeline import extract_bytes
from extractors.catalog import INDICATOR_UNITS
result = extract_bytes(sys.argv[1].encode("utf-8"), "toy.txt")
print(json.dumps({"rows": [[o.raw_text, o.value, o.unit, o.indicator] for o in result.observations],
                  "rejected": [r.reason for r in result.rejected], "units": INDICATOR_UNITS["grain_output"]},
                 ensure_ascii=False))
"""


def _edit_yaml(path: Path, edit) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_unit_and_an_indicator_added_from_data_alone_give_rows(tmp_path):
    copy = tmp_path / "extractors"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    _edit_yaml(copy / "catalog" / "units.yaml",
               lambda d: (d["base_units"].update(TOY_UNIT), d["surfaces"].update(TOY_SURFACES)))
    _edit_yaml(copy / "catalog" / "indicators.yaml", lambda d: d["indicators"].update(TOY_INDICATOR))
    (copy / "indicators" / "rules" / "grain.yaml").write_text(
        yaml.safe_dump(TOY_RULES, allow_unicode=True, sort_keys=False), encoding="utf-8")

    text = "2023年，甲县粮食总产量4.6亿公斤，比上年增长2.1%。每袋大米重5公斤。"
    run = subprocess.run([sys.executable, "-c", EXTRACT, text], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["units"] == ["kg"]
    assert result["rejected"] == []
    assert ["4.6亿公斤", 460_000_000, "kg", "grain_output"] in result["rows"]
    assert not any(row[0] == "5公斤" and row[3] == "grain_output" for row in result["rows"])


def test_the_real_catalog_knows_no_toy_unit():
    from extractors.catalog import BASE_UNITS, INDICATORS

    assert "kg" not in BASE_UNITS and "grain_output" not in INDICATORS
