"""Command line: ``python -m extractors extract|evaluate|review``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractors.review.commands import add_review_commands


def _progress_bar():
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=total < 2)
        bar.n = done
        bar.set_postfix_str(name[:40], refresh=True)
        if done >= total:
            bar.close()

    return update


def command_extract(args: argparse.Namespace) -> int:
    from extractors.run.pipeline import extract_paths

    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    inputs = [Path(p) for p in args.inputs]
    if args.engine == "dask":
        from extractors.run.distributed import extract_on_dask

        if not args.scheduler:
            print("error: --engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)", file=sys.stderr)
            return 2
        summary = extract_on_dask(inputs, Path(args.out), args.scheduler)
    else:
        jobs = args.jobs
        if jobs == 0:
            from extractors.run.parallel import default_jobs

            jobs = default_jobs()
        summary = extract_paths(inputs, Path(args.out), progress=_progress_bar(), jobs=jobs)
    print(f"{summary.documents} documents, {summary.observations} rows, {summary.rejected} rejected "
          f"-> {summary.out_dir}")
    for name, reason in summary.failed.items():
        print(f"failed: {reason}", file=sys.stderr)
    return 0 if summary.ok else 1


def command_evaluate(args: argparse.Namespace) -> int:
    from extractors.evaluate import evaluate_files

    result = evaluate_files([Path(p) for p in args.gold.split(",")], Path(args.pred))
    if args.errors:
        print("\n".join(result.errors))
    print(result.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extractors",
                                     description="Regional indicators from Chinese local-government texts.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract indicator rows from documents")
    extract.add_argument("inputs", nargs="+", help="text files or folders of them")
    extract.add_argument("--out", required=True, help="output folder (indicators.csv, .parquet, documents.jsonl)")
    extract.add_argument("--jobs", type=int, default=1,
                         help="worker processes (0: one per core); rows come out in the same order")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="dask: run on a Dask cluster and write partitioned Parquet (docs/scale-out.md)")
    extract.add_argument("--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://host:8786")
    extract.set_defaults(run=command_extract)
    evaluate = commands.add_parser("evaluate", help="score rows against gold annotations")
    evaluate.add_argument("gold", help="gold JSONL (several joined by commas)")
    evaluate.add_argument("pred", help="predicted rows (CSV or JSONL)")
    evaluate.add_argument("--errors", action="store_true", help="list misses, wrong attributions, false positives")
    evaluate.set_defaults(run=command_evaluate)
    add_review_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
