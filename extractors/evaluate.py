"""Score extracted rows against gold annotations.

Matching as the gold README defines it: a predicted row matches a gold line
of the same source file when their spans overlap and their values agree
within 0.5 % in the same unit (areas compare across km2 and m2); pairs are
taken one to one, value agreement first, then the larger overlap. A gold
line marked ``required: false`` is neutral: any overlapping row may take it
and is then neither right nor wrong.
"""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extractors.catalog import CORE_INDICATORS

AREA_SCALE = {"km2": 1e6, "m2": 1.0}
TOLERANCE = 0.005


def read_rows(path: Path) -> list[dict]:
    path = Path(path)
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _year(row: dict) -> int | None:
    value = row.get("year")
    if value in (None, "", "null", "None", "nan", "<NA>"):
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def same_value(gold: dict, pred: dict) -> bool:
    g, p = _number(gold.get("value")), _number(pred.get("value"))
    if g is None or p is None:
        return False
    gu, pu = gold.get("unit"), pred.get("unit") or ""
    if gu in AREA_SCALE and pu in AREA_SCALE:
        g, p = g * AREA_SCALE[gu], p * AREA_SCALE[pu]
    elif gu != pu:
        return False
    return g == p or abs(g - p) <= TOLERANCE * max(abs(g), abs(p))


def _file(row: dict) -> str:
    return (row.get("source_file") or "").replace("\\", "/").split("/")[-1]


def match(gold: list[dict], pred: list[dict]) -> tuple[dict[int, int], dict[int, int]]:
    """One-to-one pairs gold index -> pred index, and the reverse."""
    gold_by_file, pred_by_file = defaultdict(list), defaultdict(list)
    for i, g in enumerate(gold):
        gold_by_file[_file(g)].append(i)
    for j, p in enumerate(pred):
        pred_by_file[_file(p)].append(j)
    pairs = []
    for name, gold_indices in gold_by_file.items():
        for j in pred_by_file.get(name, []):
            ps, pe = int(float(pred[j]["start"])), int(float(pred[j]["end"]))
            for i in gold_indices:
                g = gold[i]
                overlap = min(g["end"], pe) - max(g["start"], ps)
                if overlap <= 0:
                    continue
                agrees = same_value(g, pred[j])
                if agrees or not g.get("required", True):
                    pairs.append((agrees, overlap, i, j))
    pairs.sort(key=lambda t: (-t[0], -t[1]))
    gold_to_pred, pred_to_gold = {}, {}
    for _, _, i, j in pairs:
        if i not in gold_to_pred and j not in pred_to_gold:
            gold_to_pred[i], pred_to_gold[j] = j, i
    return gold_to_pred, pred_to_gold


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": precision, "r": recall, "f1": f1}


@dataclass
class Score:
    quantity: dict
    core: dict
    region_accuracy: float
    indicator_accuracy: float
    year_accuracy: float
    gold_required: int
    predicted: int
    recall_by_indicator: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        q, c = self.quantity, self.core
        return "\n".join([
            f"gold(required)={self.gold_required} pred={self.predicted}",
            f"quantity P={q['p']:.3f} R={q['r']:.3f} F1={q['f1']:.3f} (tp={q['tp']} fp={q['fp']} fn={q['fn']})",
            f"attribution of matched: region={self.region_accuracy:.3f} "
            f"indicator={self.indicator_accuracy:.3f} year={self.year_accuracy:.3f}",
            f"core P={c['p']:.3f} R={c['r']:.3f} F1={c['f1']:.3f} (tp={c['tp']} fp={c['fp']} fn={c['fn']})",
            "full recall by indicator: " + json.dumps(self.recall_by_indicator, ensure_ascii=False),
        ])


def _core_right(g: dict, p: dict) -> bool:
    return p.get("indicator") == g["indicator"] and p.get("region") == g["region"]


def score(gold: list[dict], pred: list[dict]) -> Score:
    gold_to_pred, pred_to_gold = match(gold, pred)
    required = [i for i, g in enumerate(gold) if g.get("required", True)]
    tp = sum(1 for i in required if i in gold_to_pred)
    fp = sum(1 for j in range(len(pred)) if j not in pred_to_gold)
    pairs = [(gold[i], pred[j]) for i, j in gold_to_pred.items()]

    def share(flags: list[bool]) -> float:
        return sum(flags) / len(flags) if flags else 0.0

    regions = [g["region"] == (p.get("region") or "") for g, p in pairs if g.get("region")]
    indicators = [g["indicator"] == (p.get("indicator") or "") for g, p in pairs]
    years = [_year(g) == _year(p) for g, p in pairs if _year(g) is not None]

    core_tp = core_fn = core_fp = 0
    for i, g in enumerate(gold):
        if g["indicator"] in CORE_INDICATORS and g.get("required", True):
            found = i in gold_to_pred and _core_right(g, pred[gold_to_pred[i]])
            core_tp += found
            core_fn += not found
    for j, p in enumerate(pred):
        if p.get("indicator") not in CORE_INDICATORS:
            continue
        if j not in pred_to_gold:
            core_fp += 1
            continue
        g = gold[pred_to_gold[j]]
        if g.get("required", True) and not _core_right(g, p):
            core_fp += 1

    found_by, total_by = Counter(), Counter()
    for i in required:
        g = gold[i]
        total_by[g["indicator"]] += 1
        if i in gold_to_pred and _core_right(g, pred[gold_to_pred[i]]):
            found_by[g["indicator"]] += 1

    errors = []
    for i in required:
        g = gold[i]
        if i not in gold_to_pred:
            errors.append(f"MISS {_file(g)}:{g['start']} {g['raw_text']} {g['indicator']} {g['region']}")
        elif not _core_right(g, pred[gold_to_pred[i]]):
            p = pred[gold_to_pred[i]]
            errors.append(f"ATTR {_file(g)}:{g['start']} {g['raw_text']} gold={g['indicator']}/{g['region']} "
                          f"pred={p.get('indicator')}/{p.get('region')}")
    for j, p in enumerate(pred):
        if j not in pred_to_gold:
            errors.append(f"FP   {_file(p)}:{p.get('start')} {p.get('raw_text')} {p.get('indicator')} {p.get('region')}")

    return Score(
        quantity=_prf(tp, fp, len(required) - tp),
        core=_prf(core_tp, core_fp, core_fn),
        region_accuracy=share(regions), indicator_accuracy=share(indicators), year_accuracy=share(years),
        gold_required=len(required), predicted=len(pred),
        recall_by_indicator={k: f"{found_by[k]}/{v}" for k, v in sorted(total_by.items())},
        errors=errors,
    )


def evaluate_files(gold_paths: list[Path], pred_path: Path) -> Score:
    gold = [row for path in gold_paths for row in read_rows(path)]
    return score(gold, read_rows(pred_path))
