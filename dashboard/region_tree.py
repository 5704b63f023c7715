"""The city -> district -> street tree, built from the rows themselves.

Rows carry ``region``, ``region_level`` and ``region_parent``; a street's
parent is its district, a district's parent its city. A parent that has no
row of its own (a district known only through its streets) still becomes a
node, one level above its child.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.facts import first_rows, group_ids

LEVEL_ORDER = ("province", "city", "county", "town")
REGION_COLUMNS = ["region", "region_level", "region_parent"]


def _level_above(level: str) -> str:
    if level in LEVEL_ORDER and LEVEL_ORDER.index(level) > 0:
        return LEVEL_ORDER[LEVEL_ORDER.index(level) - 1]
    return ""


def _level_rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


@dataclass(frozen=True)
class RegionTree:
    levels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def roots(self) -> list[str]:
        return sorted((name for name in self.levels if self.parents.get(name, "") not in self.levels),
                      key=lambda name: (_level_rank(self.levels[name]), name))

    def ordered(self) -> list[str]:
        """Every region, each followed by its sub-units (depth first)."""
        ordered: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            ordered.append(name)
            for child in self.children.get(name, ()):
                visit(child)

        for root in self.roots():
            visit(root)
        for name in sorted(self.levels):  # anything caught in a cycle
            visit(name)
        return ordered

    def depth(self, name: str) -> int:
        depth, seen = 0, {name}
        while (parent := self.parents.get(name, "")) in self.levels and parent not in seen:
            seen.add(parent)
            name, depth = parent, depth + 1
        return depth

    def path(self, name: str) -> list[str]:
        """``小营街道`` -> ``['杭州市', '上城区', '小营街道']`` (as far as the rows know)."""
        path, seen = [name], {name}
        while (parent := self.parents.get(name, "")) in self.levels and parent not in seen:
            seen.add(parent)
            path.insert(0, parent)
            name = parent
        return path

    def with_sub_units(self, names: list[str] | tuple[str, ...]) -> set[str]:
        """The regions named and every unit below them."""
        found: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name in found:
                continue
            found.add(name)
            pending.extend(self.children.get(name, ()))
        return found


def _distinct_triples(rows: pd.DataFrame):
    """Each (region, level, parent) once, as text, in order of first appearance.

    A million rows name a few thousand triples: they are told apart by their
    category codes (what ``drop_duplicates`` would hash column by column, then again as rows)."""
    columns = rows[REGION_COLUMNS]
    distinct = columns.iloc[first_rows(group_ids(columns, REGION_COLUMNS))].astype(str).drop_duplicates()
    return zip(*(distinct[name].tolist() for name in REGION_COLUMNS))   # lists: iterating text columns is slow


def build_region_tree(rows: pd.DataFrame) -> RegionTree:
    """The tree of every region and parent named in ``rows``."""
    if rows.empty:
        return RegionTree()
    triples = _distinct_triples(rows)
    levels: dict[str, str] = {}
    parents: dict[str, str] = {}
    for region, level, parent in triples:
        if not region:
            continue
        if level or region not in levels:
            levels[region] = level
        if parent and parent != region:
            parents.setdefault(region, parent)
    for region, parent in list(parents.items()):
        if parent not in levels:
            levels[parent] = _level_above(levels.get(region, ""))
    children: dict[str, list[str]] = {}
    for region, parent in parents.items():
        children.setdefault(parent, []).append(region)
    return RegionTree(
        levels=levels,
        parents=parents,
        children={parent: tuple(sorted(kids, key=lambda name: (_level_rank(levels.get(name, "")), name)))
                  for parent, kids in children.items()},
    )
