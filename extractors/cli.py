"""Command line: ``python -m extractors extract|evaluate|review``.

Exit statuses of ``extract``: 0 every input extracted; 1 outputs written but
some inputs failed (each named on a ``failed:`` line); 2 the command cannot
start (a missing input, an output folder that cannot be written, a bad
option); 3 the run stopped (a worker process died, the disk filled, an
unexpected error outside any one document) and the previous outputs are as
they were; 130 and 143 interrupted by Ctrl-C or SIGTERM, previous outputs
as they were and no temporary file left. None of them prints a traceback.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

from extractors.review.commands import add_review_commands

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_START, EXIT_RUN_STOPPED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
TRACEBACK_ENV = "EXTRACTORS_TRACEBACK"
# What a terminal would act on instead of showing: C0 and C1 controls (escape
# sequences, bells, backspaces, line breaks inside a name) and the bidirectional
# overrides that reorder what follows.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Terminated(Exception):
    """SIGTERM arrived: raised where the run is, so every ``with`` and ``finally`` cleans up."""


_TERMINATION = {"asked": False}


def _raise_terminated(signum, frame) -> None:
    # An exception raised while Python runs a finaliser (``__del__``) is
    # printed and dropped; the flag makes the next document stop the run then.
    _TERMINATION["asked"] = True
    if frame is None or frame.f_code.co_name != "__del__":
        raise Terminated


def _stop_if_terminated() -> None:
    if _TERMINATION["asked"]:
        raise Terminated


def terminal_text(text: object) -> str:
    """``text`` as a terminal shows it literally: each control character as ``\\x1b``/``\\u202e``."""
    return _TERMINAL_CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        str(text))


def output_folder_problem(out: Path) -> str | None:
    """Why the outputs cannot be written to ``out``, found before any work is done."""
    if out.exists() and not out.is_dir():
        return "is a file, not a folder"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot be created ({error.strerror})"
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-test.", dir=out)
    except OSError as error:
        return f"cannot be written ({error.strerror})"
    os.close(handle)
    os.unlink(probe)
    return None


def _progress_bar():
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, name: str) -> None:
        _stop_if_terminated()       # a SIGTERM that arrived inside a finaliser
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=total < 2)
        bar.n = done
        bar.set_postfix_str(terminal_text(name[:40]), refresh=True)
        if done >= total:
            bar.close()

    return update


def _error(message: str) -> None:
    print(f"error: {terminal_text(message)}", file=sys.stderr)


def command_extract(args: argparse.Namespace) -> int:
    from extractors.run.fetch import is_url

    missing = [p for p in args.inputs if not is_url(p) and not os.path.lexists(p)]
    if missing:
        _error(f"no such file or folder: {', '.join(missing)}")
        return EXIT_CANNOT_START
    if args.max_file_mb is None:
        from extractors.run.inputs import DEFAULT_MAX_FILE_MB

        args.max_file_mb = DEFAULT_MAX_FILE_MB
    if args.max_file_mb <= 0:
        _error("--max-file-mb must be a positive number")
        return EXIT_CANNOT_START
    out = Path(args.out)
    problem = output_folder_problem(out)
    if problem:
        _error(f"the output folder {args.out} {problem}")
        return EXIT_CANNOT_START
    if args.engine == "dask" and not args.scheduler:
        _error("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return EXIT_CANNOT_START
    if args.ocr:
        import shutil

        from extractors.text.readers.pdf import OCR_ENV

        if shutil.which("tesseract") is None:
            _error("--ocr needs tesseract (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
            return EXIT_CANNOT_START
        os.environ[OCR_ENV] = args.ocr     # read by the PDF reader, in worker processes too
    problems = _region_problems([Path(p) for p in args.inputs if not is_url(p)], args.region)
    for problem in problems:
        _error(problem)
    if problems:
        return EXIT_CANNOT_START
    previous_handler = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        summary = _run_extraction(args, out)
    except OSError as error:
        _error(f"the outputs could not be written to {args.out} ({error.strerror or error}); "
               "the previous outputs are as they were")
        return EXIT_RUN_STOPPED
    except Terminated:
        _error("stopped by SIGTERM; the previous outputs are as they were")
        return EXIT_TERMINATED
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    if summary is None:
        return EXIT_RUN_STOPPED
    print(terminal_text(f"{summary.documents} documents, {summary.observations} rows, {summary.rejected} rejected "
                        f"-> {summary.out_dir}"))
    for reason in summary.failed.values():
        print(f"failed: {terminal_text(reason)}", file=sys.stderr)
    return EXIT_OK if summary.ok else EXIT_SOME_FAILED


def _run_extraction(args: argparse.Namespace, out: Path):
    """The run's summary, or ``None`` (after saying why) when a worker died."""
    from extractors.run.inputs import MEGABYTE
    from extractors.run.parallel import WorkerDied, default_jobs
    from extractors.run.pipeline import extract_paths

    from extractors.run.fetch import is_url

    inputs = [p if is_url(p) else Path(p) for p in args.inputs]
    if args.engine == "dask":
        from extractors.run.distributed import extract_on_dask

        return extract_on_dask(inputs, out, args.scheduler, region=args.region)
    jobs = args.jobs or default_jobs()
    try:
        return extract_paths(inputs, out, progress=_progress_bar(), jobs=jobs,
                             max_bytes=int(args.max_file_mb * MEGABYTE), region=args.region)
    except WorkerDied as error:
        _error(str(error))
        return None


def _region_problems(inputs: list[Path], region: str | None) -> list[str]:
    """Regions (``--region``, manifest ``region``) that name no division, checked before any extraction."""
    from extractors.regions.gazetteer import load_gazetteer
    from extractors.run.inputs import input_files
    from extractors.run.pipeline import unknown_regions
    from extractors.text.documents import DocumentError

    try:
        return unknown_regions(input_files(inputs), region, load_gazetteer())
    except DocumentError as error:      # a broken manifest: the run reports it per document
        del error
        return []


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
    extract.add_argument("inputs", nargs="+",
                         help="files (.txt, .html, .mhtml, .pdf, .docx), folders of them, or http(s) URLs")
    extract.add_argument("--out", required=True, help="output folder (indicators.csv, .parquet, documents.jsonl)")
    extract.add_argument("--jobs", type=int, default=1,
                         help="worker processes (0: one per core); rows come out in the same order")
    extract.add_argument("--max-file-mb", type=float, default=None,
                         help="largest document file read, in MB (default 32); a larger one is refused")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="dask: run on a Dask cluster and write partitioned Parquet (docs/scale-out.md)")
    extract.add_argument("--ocr", nargs="?", const="chi_sim", default=None, metavar="LANG",
                         help="read scanned PDFs (no text layer) with tesseract, language chi_sim unless given")
    extract.add_argument("--region", metavar="NAME",
                         help="the unit the documents are about where their text and manifest name none "
                              "(e.g. 滨江区, 杭州市滨江区)")
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
    try:
        return args.run(args)
    except KeyboardInterrupt:
        _error("interrupted; the previous outputs are as they were")
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - one line instead of a traceback, unless asked for
        if os.environ.get(TRACEBACK_ENV):
            raise
        _error(f"unexpected {type(error).__name__}: {error} (set {TRACEBACK_ENV}=1 to see where); "
               "the previous outputs are as they were")
        return EXIT_RUN_STOPPED
