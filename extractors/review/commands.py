"""``python -m extractors review export|orphans|add-reviewer``."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def read_rows(data_dir: Path):
    """The extracted rows of a data folder (Parquet keeps the types; the CSV otherwise)."""
    import pandas as pd

    parquet, csv = data_dir / "indicators.parquet", data_dir / "indicators.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv, dtype={"doc_id": str, "region_code": str}, keep_default_na=False)
    raise FileNotFoundError(f"{data_dir}: no indicators.parquet or indicators.csv (run extract first)")


def _reviewed(args):
    from extractors.review.apply import apply_reviews
    from extractors.review.store import ReviewStore

    store = ReviewStore(args.database, data_dir=args.data)
    return apply_reviews(read_rows(Path(args.data)), store.states())


def command_export(args: argparse.Namespace) -> int:
    from extractors.review.answer_key import answer_key, write_answer_key

    reviewed = _reviewed(args)
    lines = answer_key(reviewed.rows)
    write_answer_key(lines, Path(args.out))
    print(f"{len(lines)} reviewed figures -> {args.out}")
    if reviewed.orphans:
        print(f"{len(reviewed.orphans)} decisions name a span no row has now; see `review orphans`", file=sys.stderr)
    return 0


def command_orphans(args: argparse.Namespace) -> int:
    reviewed = _reviewed(args)
    for state in reviewed.orphans:
        print(f"{state.key.doc_id}\t{state.key.start}-{state.key.end}\t{state.status}\t{state.updated_by}\t"
              f"{state.machine.get('raw_text', '')}")
    print(f"{len(reviewed.orphans)} orphaned decisions", file=sys.stderr)
    return 0


def command_add_reviewer(args: argparse.Namespace) -> int:
    from extractors.review.reviewers import add_reviewer

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"password for {args.name}: ")
    if len(password) < 8:
        print("error: a password needs at least 8 characters", file=sys.stderr)
        return 2
    add_reviewer(Path(args.file), args.name, password)
    print(f"{args.name} can now sign in (REVIEWERS_FILE={args.file})")
    return 0


def add_review_commands(commands) -> None:
    review = commands.add_parser("review", help="reviewed figures: export an answer key, list orphans, add reviewers")
    actions = review.add_subparsers(dest="review_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", default="data", help="the data folder the dashboard reads (default: data)")
    common.add_argument("--database", help="SQLAlchemy URL of the review store (default: DATABASE_URL, else "
                                           "DATA/review.sqlite)")
    export = actions.add_parser("export", parents=[common],
                                help="accepted, corrected and added figures as gold JSONL")
    export.add_argument("--out", required=True, help="the answer key to write (JSONL)")
    export.set_defaults(run=command_export)
    orphans = actions.add_parser("orphans", parents=[common], help="decisions whose span no row has now")
    orphans.set_defaults(run=command_orphans)
    reviewer = actions.add_parser("add-reviewer", help="add or reset a reviewer of a team server")
    reviewer.add_argument("name")
    reviewer.add_argument("--file", required=True, help="the reviewers file the server's REVIEWERS_FILE names")
    reviewer.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    reviewer.set_defaults(run=command_add_reviewer)
