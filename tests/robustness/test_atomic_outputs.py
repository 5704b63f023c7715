"""The four outputs of a run are one set: a run killed at any point of its
writing leaves the output folder holding exactly the previous set or exactly
the new one, never a mix.

Each kill forks a process that writes the new set and kills itself with
SIGKILL at the k-th step of the writing code (a call or a return of one of
its functions, a call into C: a write, an fsync, a rename, a link), k drawn with a fixed seed from all
the steps between its first write and its last rename.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sys
from pathlib import Path

import pytest

from extractors.run import outputs
from extractors.run.outputs import CSV_NAME, DOCUMENTS_NAME, MANIFEST_NAME, PARQUET_NAME, write_outputs
from extractors.run.pipeline import extract_bytes

NAMES = (CSV_NAME, PARQUET_NAME, DOCUMENTS_NAME, MANIFEST_NAME)
KILLS = 200
SEED = 20261202
OUTPUTS_CODE = outputs.__file__

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked process")


def output_set(text: str, name: str) -> tuple[list, list, dict]:
    result = extract_bytes(text.encode("utf-8"), name)
    assert result.observations
    return result.observations, [result.document], {"inputs": [name], "observations": len(result.observations)}


PREVIOUS = output_set("丽水市2024年地区生产总值达1964亿元，常住人口达到252万人。", "previous.txt")
NEW = output_set("龙泉市2025年规上工业企业达到318家，地区生产总值达到305亿元，增长6.1%。" * 3, "new.txt")


def visible(out: Path) -> dict[str, bytes | None]:
    """What a reader opening the output names sees."""
    return {name: (out / name).read_bytes() if (out / name).exists() else None for name in NAMES}


def steps_of_writing(out: Path, kill_at: int | None) -> int:
    """Write the new set into ``out`` counting the steps of the writing code;
    kill this process at step ``kill_at``."""
    count = 0

    def profile(frame, event, argument):
        nonlocal count
        if frame.f_code.co_filename == OUTPUTS_CODE and (event == "c_call" or not frame.f_code.co_name.startswith("<")):
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(profile)
    try:
        write_outputs(out, *NEW)
    finally:
        sys.setprofile(None)
    return count


def test_a_run_killed_anywhere_in_its_writing_leaves_the_previous_set_or_the_new_one(tmp_path):
    template = tmp_path / "template"
    write_outputs(template, *PREVIOUS)
    previous = visible(template)
    measured = tmp_path / "measured"
    shutil.copytree(template, measured, symlinks=True)
    steps = steps_of_writing(measured, kill_at=None)
    new = visible(measured)
    assert new != previous and None not in new.values()

    outcomes = {"previous": 0, "new": 0}
    draw = random.Random(SEED)
    for number, kill_at in enumerate(sorted(draw.randint(1, steps) for _ in range(KILLS))):
        out = tmp_path / f"run{number}"
        shutil.copytree(template, out, symlinks=True)
        child = os.fork()
        if child == 0:                     # the run: killed at step kill_at, or done
            try:
                steps_of_writing(out, kill_at)
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        seen = visible(out)
        assert seen in (previous, new), f"a mixed set after a kill at step {kill_at} of {steps}"
        outcomes["previous" if seen == previous else "new"] += 1
        shutil.rmtree(out)
    # The kills fell on both sides of the switch.
    assert outcomes["previous"] > 0 and outcomes["new"] > 0, outcomes


def test_the_next_run_removes_what_a_killed_run_left_and_keeps_one_previous_set(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, *PREVIOUS)
    shutil.copytree(out, tmp_path / "measured", symlinks=True)
    half_way = steps_of_writing(tmp_path / "measured", kill_at=None) // 2     # inside the writing of the tables
    child = os.fork()
    if child == 0:
        try:
            steps_of_writing(out, kill_at=half_way)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    left = sorted(p.name for p in (out / ".generations").iterdir())
    assert len(left) == 2                       # the current set and the killed run's half set
    write_outputs(out, *NEW)
    write_outputs(out, *NEW)
    kept = sorted(p.name for p in (out / ".generations").iterdir())
    assert len(kept) == 2 and left[1] not in kept     # the current set and the one before it
    assert not [p for p in out.iterdir() if p.name.startswith(".link-")]
    assert visible(out)[CSV_NAME] == (out / "current" / CSV_NAME).read_bytes()


def test_a_folder_of_an_older_layout_becomes_a_set(tmp_path):
    """Outputs written as plain files are replaced by the first run."""
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text("old\n", encoding="utf-8")
    write_outputs(out, *NEW)
    assert all((out / name).is_symlink() for name in NAMES)
    assert outputs.generation_dir(out) == (out / "current").resolve()
    assert visible(out)[DOCUMENTS_NAME].startswith(b'{"doc_id"')


def test_an_aborted_writer_leaves_nothing_behind(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, *PREVIOUS)
    before = visible(out)
    with pytest.raises(RuntimeError):
        with outputs.OutputWriter(out) as writer:
            writer.write(*NEW[:2])
            raise RuntimeError("a failure half-way")
    assert visible(out) == before
    assert len(list((out / ".generations").iterdir())) == 1
