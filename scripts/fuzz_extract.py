"""Fuzz the whole extraction for as long as you like, outside the test suite.

    .venv/bin/python scripts/fuzz_extract.py --minutes 10
    .venv/bin/python scripts/fuzz_extract.py --examples 100000 --seed 7

Feeds hostile documents (see ``tests/robustness/hostile_text.py``: numerals,
units, cue words, region names, layout marks, line breaks, encodings,
truncated and spliced bytes, raw binary) to
``extractors.pipeline.extract_bytes`` and checks that each gives one error
naming the file or rows that validate, with ``text[start:end] == raw_text``
and unique ``obs_id``s. ``parse_number`` is fuzzed alongside. Hypothesis
shrinks the first failure to a minimal input, which is printed; the exit
status is 1 then, else 0 with the number of cases that ran clean.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractors.quantities.numbers import parse_number  # noqa: E402
from extractors.run.pipeline import extract_bytes, shared_extractor  # noqa: E402
from hostile_text import check_result, document_bytes, pieces_text  # noqa: E402

SOURCE_FILE = "fuzz.txt"
CHUNK = 500


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="stop after this long (shared by the targets)")
    parser.add_argument("--examples", type=int, default=1_000_000, help="stop after this many cases per target")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a fresh one)")
    args = parser.parse_args(argv)

    shared_extractor()
    counts = {"documents": 0, "texts": 0, "numerals": 0}

    def fuzz_documents(data: bytes) -> None:
        counts["documents"] += 1
        check_result(extract_bytes(data, SOURCE_FILE), data, SOURCE_FILE)

    def fuzz_texts(text: str) -> None:
        counts["texts"] += 1
        data = text.encode("utf-8")
        check_result(extract_bytes(data, SOURCE_FILE), data, SOURCE_FILE)

    def fuzz_numerals(text: str) -> None:
        counts["numerals"] += 1
        try:
            parsed = parse_number(text)
        except ValueError:
            return
        assert math.isfinite(parsed.value) and parsed.value >= 0, (text, parsed)
        assert parsed.qualifier in ("exact", "over"), (text, parsed)

    numeral_text = st.text(alphabet="0123456789.,/一二三四五六七八九十百千万亿两萬億零〇点余多分之半", max_size=70)
    targets = [(fuzz_documents, document_bytes()), (fuzz_texts, pieces_text), (fuzz_numerals, numeral_text)]
    generator = random.Random(args.seed)
    started = time.monotonic()
    share = args.minutes * 60 / len(targets)
    for position, (target, strategy) in enumerate(targets):
        name = target.__name__.removeprefix("fuzz_")
        deadline = started + share * (position + 1)
        # Rounds of CHUNK cases, each with its own seed, until the time or the
        # example budget is spent; hypothesis shrinks a failure to a minimal input.
        while time.monotonic() < deadline and counts[name] < args.examples:
            test = settings(max_examples=CHUNK, deadline=None, database=None,
                            suppress_health_check=list(HealthCheck), print_blob=True)(given(strategy)(target))
            try:
                seed(generator.getrandbits(64))(test)()
            except Exception as error:
                print(f"FAILED in {target.__name__}: {type(error).__name__}: {error}", file=sys.stderr)
                print(f"cases run (some while shrinking): {counts}", file=sys.stderr)
                return 1
        print(f"{name}: {counts[name]} cases clean", flush=True)
    print(f"total: {sum(counts.values())} cases ran clean in {time.monotonic() - started:.0f}s ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
