"""``make bench`` (``python benchmarks/bench.py``): characters per second, ours against a floor and two competitors.

Builds a corpus of at least ``--chars`` characters from the real pages
(``seeds/`` and ``../shared/corpus`` when present), each copy with its
paragraphs shuffled and its digits changed (years kept), so no cache can
serve a copy from an earlier one. Then, on one core, in one run:

* ours: bytes -> validated rows (``extract_bytes``), the whole corpus;
* floor: one pass of one compiled regex (a number finder) over the same text;
* jionlp ``ner.extract_money`` (money only) and Recognizers-Text's Chinese
  number-with-unit models (currency and dimension), on a sample of the same
  documents, in their own virtual environment (``--venv``, created on first
  use); a competitor that cannot be installed or run is reported and skipped;
* ``extract --jobs 1`` and ``--jobs N`` through the command line (files in,
  outputs written), with the peak memory of the process tree;
* startup: importing the extractor and loading gazetteer and rules, in a
  fresh process.

``--genre 统计`` builds the corpus from the statistical bulletins only: short
pages dense in figures, where the time per row counts most.

Each figure is the median of ``--repeats`` runs (for ours and the jobs runs:
of the corpus cut into that many slices). This module imports only the
standard library at the top: the competitors' environment runs it as a
script (``python bench.py competitor NAME SAMPLE RESULT REPEATS``).
"""
from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "corpus")
COMPETITORS = {
    # name: (pip requirements, characters in the sample)
    "jionlp": (["jionlp"], 2_000_000),
    # recognizers-text 1.0.2a2 imports emoji.UNICODE_EMOJI, gone since emoji 1.0
    "recognizers": (["recognizers-text-suite", "emoji<1"], 150_000),
}
FLOOR_PATTERN = r"\d+(?:\.\d+)?[万亿]?"
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")


# -- the corpus --------------------------------------------------------------

def source_documents(genre: str = "") -> list[tuple[str, str, dict]]:
    """(name, text, manifest entry) of every real page found; with ``genre``,
    those whose manifest ``genre`` starts with it (``统计``: bulletins and
    monthly statistics, the densest in figures)."""
    documents = []
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        manifest = {}
        if (folder / "manifest.jsonl").exists():
            for line in (folder / "manifest.jsonl").read_text(encoding="utf-8-sig").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    manifest[Path(entry["source_file"]).name] = entry
        for path in sorted(folder.glob("*.txt")):
            entry = manifest.get(path.name, {})
            if str(entry.get("genre") or "").startswith(genre):
                documents.append((path.name, path.read_text(encoding="utf-8-sig"), entry))
    return documents


def perturb(text: str, rng: random.Random) -> str:
    """The page with its body paragraphs shuffled and every digit run changed, years kept."""
    lines = text.split("\n")
    head, body = lines[:3], lines[3:]
    rng.shuffle(body)

    def new_digits(match: re.Match) -> str:
        if _YEAR.match(match.group()):
            return match.group()
        digits = [str(rng.randrange(10)) for _ in match.group()]
        if len(digits) > 1 and digits[0] == "0":
            digits[0] = str(rng.randrange(1, 10))
        return "".join(digits)

    return re.sub(r"\d+", new_digits, "\n".join(head + body))


def build_corpus(chars: int, seed: int = 20240501, genre: str = "") -> list[tuple[str, str, dict]]:
    """Perturbed copies of the real pages (of ``genre``) until there are ``chars`` characters."""
    sources = source_documents(genre)
    if not sources:
        raise SystemExit(f"bench: no documents{f' of genre {genre}' if genre else ''} in seeds/ or ../shared/corpus")
    rng = random.Random(seed)
    corpus, total, copy = [], 0, 0
    while total < chars:
        for name, text, entry in sources:
            variant = perturb(text, rng)
            variant_name = f"v{copy:05d}_{name}"
            corpus.append((variant_name, variant, {**entry, "source_file": variant_name}))
            total += len(variant)
        copy += 1
    return corpus


def write_corpus(corpus, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for name, text, entry in corpus:
            (folder / name).write_text(text, encoding="utf-8")
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")


def sample(corpus, chars: int):
    """The first documents of the corpus, ``chars`` characters or a little more."""
    taken, total = [], 0
    for document in corpus:
        if total >= chars:
            break
        taken.append(document)
        total += len(document[1])
    return taken


def slices(items: list, count: int) -> list[list]:
    size = -(-len(items) // count)
    return [items[i:i + size] for i in range(0, len(items), size)]


# -- measurements --------------------------------------------------------------

def measure_ours(corpus, repeats: int) -> dict:
    from extractors.run.pipeline import extract_bytes, shared_extractor

    shared_extractor()
    rates, rows, total_chars, total_seconds = [], 0, 0, 0.0
    for part in slices(corpus, repeats):
        encoded = [(text.encode("utf-8"), name, entry, len(text)) for name, text, entry in part]
        started = time.perf_counter()
        for data, name, entry, _ in encoded:
            rows += len(extract_bytes(data, name, entry).observations)
        seconds = time.perf_counter() - started
        chars = sum(n for *_, n in encoded)
        rates.append(chars / seconds)
        total_chars += chars
        total_seconds += seconds
    return {"rate": statistics.median(rates), "chars": total_chars, "seconds": total_seconds, "found": rows}


def measure_floor(corpus, repeats: int) -> dict:
    pattern = re.compile(FLOOR_PATTERN)
    texts = [text for _, text, _ in corpus]
    chars = sum(map(len, texts))
    rates, found = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = sum(1 for text in texts for _ in pattern.finditer(text))
        rates.append(chars / (time.perf_counter() - started))
    return {"rate": statistics.median(rates), "chars": chars, "found": found}


def competitor_run(name: str, texts: list[str], repeats: int) -> dict:
    """Runs inside the competitors' environment."""
    if name == "jionlp":
        import jionlp

        models = [jionlp.ner.extract_money]
    else:
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

        recognizer = NumberWithUnitRecognizer(Culture.Chinese)
        models = [recognizer.get_currency_model(Culture.Chinese).parse,
                  recognizer.get_dimension_model(Culture.Chinese).parse]
    for model in models:
        model(texts[0][:2000])    # lazy set-up happens outside the timing
    chars = sum(map(len, texts))
    rates, found = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = sum(len(model(text)) for text in texts for model in models)
        rates.append(chars / (time.perf_counter() - started))
    return {"rate": statistics.median(rates), "chars": chars, "found": found}


def competitor_environment(venv: Path) -> tuple[Path | None, str]:
    """The competitors' interpreter, creating and filling the environment if needed."""
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = venv / ".bench-installed"
    requirements = sorted({r for packages, _ in COMPETITORS.values() for r in packages})
    if stamp.exists() and stamp.read_text() == "\n".join(requirements):
        return python, ""
    print(f"  setting up {venv} ({', '.join(requirements)}) ...", flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *requirements], check=True,
                       capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        return (python if python.exists() else None), detail.strip().splitlines()[-1] if detail.strip() else str(error)
    stamp.write_text("\n".join(requirements))
    return python, ""


def measure_competitor(python: Path, name: str, texts: list[str], repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        sample_path, result_path = Path(folder) / "sample.json", Path(folder) / "result.json"
        sample_path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        # a copy in a folder of its own, so nothing beside it shadows what the competitor imports
        script = Path(folder) / "bench_competitor.py"
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        run = subprocess.run([str(python), str(script), "competitor", name, str(sample_path), str(result_path),
                              str(repeats)], capture_output=True, text=True)
        if run.returncode != 0 or not result_path.exists():
            lines = (run.stderr or run.stdout).strip().splitlines()
            return {"error": lines[-1] if lines else f"exit status {run.returncode}"}
        return json.loads(result_path.read_text())


class TreeMemory:
    """Peak resident memory of a process and its children, sampled from /proc."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_largest = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in children:
                pids += self._tree(int(child))
        return pids

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _sample(self) -> None:
        while not self._done.is_set():
            sizes = [self._rss(pid) for pid in self._tree(self.pid)]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_largest = max([self.peak_largest, *sizes])
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def measure_cli(folder: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "extractors", "extract", str(folder), "--out", out,
                                    "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, cwd=ROOT)
        memory = TreeMemory(process.pid) if Path("/proc").is_dir() else None
        output, _ = process.communicate()
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if memory:
            memory.stop()
    if process.returncode != 0:
        return {"error": f"exit status {process.returncode}: {output.strip()}"}
    return {"seconds": seconds, "cpu": cpu, "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "summary": output.strip(),
            "peak_total": memory.peak_total if memory else None, "peak_largest": memory.peak_largest if memory else None}


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (and the workers they waited for)."""
    try:
        import resource
    except ImportError:     # not on Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_startup(repeats: int) -> dict:
    # everything the first document needs: imports, gazetteer, rules, region matcher
    code = ("import time; t = time.perf_counter(); from extractors.run.pipeline import extract_bytes; "
            "extract_bytes('2023年，上城区实现地区生产总值3200亿元。'.encode(), 'startup.txt'); "
            "print(time.perf_counter() - t)")
    # As an installed copy starts: its bytecode and disk caches written by a
    # first run that is not timed, whatever PYTHONDONTWRITEBYTECODE says here.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, check=True, env=environment)
    times, walls = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                             env=environment)
        walls.append(time.perf_counter() - started)
        times.append(float(run.stdout.strip().splitlines()[-1]))
    return {"load": statistics.median(times), "process": statistics.median(walls)}


# -- the report ----------------------------------------------------------------

def _rate(value: float) -> str:
    return f"{value:>12,.0f} chars/s"


def run_bench(chars: int = 20_000_000, repeats: int = 3, competitors: bool = True, jobs: int = 2,
              venv: Path = Path(".bench-venv"), genre: str = "") -> int:
    venv = venv if venv.is_absolute() else ROOT / venv
    print(f"bench: building a corpus of {chars:,} characters{f' from pages of genre {genre}*' if genre else ''} ...",
          flush=True)
    corpus = build_corpus(chars, genre=genre)
    total = sum(len(text) for _, text, _ in corpus)
    print(f"  {len(corpus):,} documents, {total:,} characters (perturbed copies of {len(source_documents(genre))} pages)")
    print(f"  one core; each figure the median of {repeats} runs\n", flush=True)

    startup = measure_startup(repeats)
    print(f"startup: import + gazetteer + rules + region matcher + a first document {startup['load']:.2f} s "
          f"({startup['process']:.2f} s with the interpreter's own start)", flush=True)

    ours = measure_ours(corpus, repeats)
    print(f"ours (documents -> validated rows): {_rate(ours['rate'])}   "
          f"{ours['found']:,} rows from {ours['chars']:,} chars in {ours['seconds']:.1f} s", flush=True)
    floor = measure_floor(corpus, repeats)
    print(f"floor (one regex pass, {FLOOR_PATTERN}): {_rate(floor['rate'])}   "
          f"ours is {ours['rate'] / floor['rate']:.3f} of it", flush=True)

    results = {"ours": ours, "floor": floor}
    if competitors:
        python, problem = competitor_environment(venv)
        for name, (_, sample_chars) in COMPETITORS.items():
            texts = [text for _, text, _ in sample(corpus, sample_chars)]
            result = (measure_competitor(python, name, texts, repeats) if python and not problem
                      else {"error": f"cannot set up {venv}: {problem}"})
            results[name] = result
            label = {"jionlp": "jionlp ner.extract_money (money only)",
                     "recognizers": "Recognizers-Text zh currency+dimension"}[name]
            if "error" in result:
                print(f"{label}: NOT MEASURED - {result['error']}", flush=True)
                continue
            print(f"{label}: {_rate(result['rate'])}   sample of {result['chars']:,} chars; "
                  f"ours is {ours['rate'] / result['rate']:.2f}x as fast", flush=True)
    else:
        print("competitors skipped (--no-competitors)")

    if jobs > 1:
        with tempfile.TemporaryDirectory() as folder:
            write_corpus(corpus, Path(folder))
            runs = {n: measure_cli(Path(folder), n) for n in (1, jobs)}
        for n, run in runs.items():
            if "error" in run:
                print(f"extract --jobs {n}: FAILED - {run['error']}")
                continue
            memory = (f"; peak RSS {run['peak_largest'] / 2**20:,.0f} MB largest process, "
                      f"{run['peak_total'] / 2**20:,.0f} MB all processes" if run["peak_total"] else "")
            load = f", load average {run['load']:.1f}" if run["load"] is not None else ""
            print(f"extract --jobs {n} (files -> outputs written): {_rate(total / run['seconds'])}   "
                  f"{run['seconds']:.1f} s wall, {run['cpu']:.1f} s CPU{load}{memory}", flush=True)
        if all("error" not in run for run in runs.values()):
            one, many = runs[1], runs[jobs]
            print(f"  --jobs {jobs} speed-up over --jobs 1: {one['seconds'] / many['seconds']:.2f}x wall "
                  f"on {os.cpu_count()} cores; CPU time {many['cpu'] / one['cpu']:.2f}x of --jobs 1 "
                  f"(on {jobs} idle cores: up to {jobs * one['cpu'] / many['cpu']:.2f}x)")
            if one["load"] is not None and one["load"] > 1.5:
                print("  (other processes were using the cores: wall-clock figures understate both runs)")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python benchmarks/bench.py",
                                     description="characters per second: ours, a regex floor, jionlp, Recognizers-Text")
    parser.add_argument("--chars", type=int, default=20_000_000, help="size of the generated corpus")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the all-cores figure (1: skip it)")
    parser.add_argument("--no-competitors", action="store_true", help="skip jionlp and Recognizers-Text")
    parser.add_argument("--venv", default=".bench-venv", help="virtual environment for the competitors")
    parser.add_argument("--genre", default="", help="only pages whose manifest genre starts with this (统计: bulletins)")
    args = parser.parse_args(argv)
    return run_bench(chars=args.chars, repeats=args.repeats, competitors=not args.no_competitors,
                     jobs=args.jobs, venv=Path(args.venv), genre=args.genre)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "competitor":
        _, _, competitor, sample_file, result_file, runs = sys.argv
        result = competitor_run(competitor, json.loads(Path(sample_file).read_text(encoding="utf-8")), int(runs))
        Path(result_file).write_text(json.dumps(result))
    else:
        sys.exit(main())
