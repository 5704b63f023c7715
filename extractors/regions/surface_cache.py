"""The surface index of the process-wide gazetteer, kept on disk between runs.

Building it takes ~0.6 s; the automaton over it cannot be pickled and is
built anew (~0.1 s). A surface's candidates are made when it is first looked
up: a page names a few hundred of the 70,000 surfaces.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from extractors.regions.cache import cache_directory, read_cached, write_cached
from extractors.regions.gazetteer import Gazetteer, Region
from extractors.regions.aliases import Candidate, SurfaceIndex


_INDEX_CACHE_FORMAT = 3


def index_cache_path(gazetteer: Gazetteer, aliases_path: Path) -> Path:
    """Keyed by everything the index is built from: the data package, the
    alias file, and the code that builds and stores it."""
    from extractors.regions import aliases as region_aliases, gazetteer as gazetteer_module

    digest = hashlib.sha256(f"{_INDEX_CACHE_FORMAT}:{gazetteer.jionlp_version}:{gazetteer_module.CACHE_FORMAT}".encode())
    for path in (aliases_path, Path(region_aliases.__file__), Path(__file__), Path(gazetteer_module.__file__)):
        digest.update(path.read_bytes())
    return cache_directory() / f"region-surfaces-{digest.hexdigest()[:20]}.pickle"


def read_cached_index(path: Path, gazetteer: Gazetteer, config) -> SurfaceIndex | None:
    try:
        candidates, synthetic_fields = read_cached(path)
    except (TypeError, ValueError):     # nothing cached, or another shape
        return None
    synthetic = {fields[4] + (fields[0],): Region(*fields) for fields in synthetic_fields}
    return SurfaceIndex(_CandidatesOnDemand(candidates, synthetic, gazetteer, path), config, synthetic)


class _CandidatesOnDemand(Mapping):
    """``SurfaceIndex.candidates`` read from the cache: a surface's candidates
    are made the first time it is looked up (a page names a few hundred of
    the 70,000 surfaces). The file name is keyed by the gazetteer's data and
    code, so its units are the gazetteer's."""

    def __init__(self, entries: dict[str, tuple], synthetic: dict[tuple[str, ...], Region],
                 gazetteer: Gazetteer, path: Path) -> None:
        self._entries, self._synthetic, self._gazetteer, self._path = entries, synthetic, gazetteer, path
        self._made: dict[str, tuple[Candidate, ...]] = {}

    def __getitem__(self, surface: str) -> tuple[Candidate, ...]:
        made = self._made.get(surface)
        if made is None:
            made = self._made[surface] = tuple(Candidate(self._region(key), via)
                                               for key, via in self._entries[surface])
        return made

    def _region(self, key: tuple[str, ...]) -> Region:
        region = self._synthetic.get(key) or self._gazetteer.by_key(key)
        if region is None:
            raise LookupError(f"{self._path} names a unit the gazetteer lacks ({'/'.join(key)}); delete the file")
        return region

    def __contains__(self, surface) -> bool:
        return surface in self._entries

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def write_cached_index(path: Path, index: SurfaceIndex) -> None:
    candidates = {surface: tuple((c.region.key, c.via) for c in entries)
                  for surface, entries in index.candidates.items()}
    synthetic = [(r.name, r.level, r.code, r.parent, r.path, r.synthetic, r.unresolved)
                 for r in index.synthetic_regions.values()]
    write_cached(path, (candidates, synthetic))
