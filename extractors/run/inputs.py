"""Input files as a run finds and reads them: the documents of files and folders
(and what a folder holds that cannot be read, with why), their recorded
names and their bytes, within limits.

A name whose bytes are not UTF-8 is recorded with those bytes escaped, so it
can be written and printed. A file is read only when it is a regular file,
and at most the size limit plus one byte of it, so neither a device nor a
file larger than memory (or one that grows while it is read) can exhaust
memory; either is a ``DocumentError`` with the reason.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from extractors.run.fetch import is_url
from extractors.text.documents import read_manifest
from extractors.text.encoding import DocumentError
from extractors.text.readers import READABLE_SUFFIXES, UNREADABLE_KIND

INPUT_SUFFIXES = READABLE_SUFFIXES      # the content picks the reader; a folder's other files are reported

MEGABYTE = 1024 * 1024
# Largest document file read (``extract --max-file-mb``): a bigger file is refused
# with a message instead of filling memory (a page is KBs, a long report a few MB).
DEFAULT_MAX_FILE_MB = 32
DEFAULT_MAX_FILE_BYTES = DEFAULT_MAX_FILE_MB * MEGABYTE


def source_name(path: Path) -> str:
    """The file name as the outputs record it: bytes of a name that are not
    UTF-8 (kept by Python as surrogates) are written as ``\\xe9``, so the
    name can be stored, printed and still tells the file apart."""
    name = Path(path).name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """The bytes of a document file, at most ``max_bytes`` of them.

    A file that is not a regular file (a pipe, a device such as
    ``/dev/zero``) or is larger than the limit is refused with a
    ``DocumentError`` before it is read, so it cannot exhaust memory.
    """
    name = source_name(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(name, f"cannot read the file ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        kind = next((kind for test, kind in _FILE_KINDS if test(mode)), None)
        if kind is not None:
            raise DocumentError(name, f"is {kind}, not a regular file")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise DocumentError(name, f"cannot read the file ({error.strerror})") from None
    if len(data) > max_bytes:
        raise DocumentError(name, f"is larger than the limit of {max_bytes / MEGABYTE:g} MB per file "
                                  "(--max-file-mb raises it); split it or raise the limit")
    return data


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The documents named by files and folders (a folder's manifest is not one)."""
    return find_inputs(paths)[0]


def find_inputs(paths: Iterable[Path]) -> tuple[list[Path], dict[str, str]]:
    """The documents named by files and folders, and what a folder holds that
    cannot be read, each with its reason: a subfolder that cannot be listed,
    a link to nothing, a FIFO, a device or a socket, a manifest entry that
    names no file. Links to folders are followed, each folder read once."""
    files: list[Path] = []
    skipped: dict[str, str] = {}
    for path in paths:
        if is_url(path):
            files.append(path)      # a URL stays a string: a Path would fold its //
            continue
        path = Path(path)
        if path.is_dir():
            found: list[Path] = []
            _walk(path, found, skipped, {path.resolve()})
            files += sorted(found)
            for folder in sorted({file.parent for file in found} | {path}):
                skipped.update(_unmatched_manifest_entries(folder))
        else:
            files.append(path)
    return files, skipped


def _walk(folder: Path, files: list[Path], skipped: dict[str, str], visited: set[Path]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        skipped[str(folder)] = f"{folder}: cannot read the folder ({error.strerror}); its files are left out"
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = os.stat(path).st_mode        # through a link
        except OSError as error:
            reason = "a link to nothing" if entry.is_symlink() else f"cannot be read ({error.strerror})"
            skipped[str(path)] = f"{path}: {reason}; left out"
            continue
        if stat.S_ISDIR(mode):
            real = path.resolve()
            if real in visited:
                skipped[str(path)] = f"{path}: a link to a folder already read; left out"
                continue
            visited.add(real)
            _walk(path, files, skipped, visited)
        elif path.name.startswith(".") or path.name == "manifest.jsonl":
            continue
        elif not stat.S_ISREG(mode):
            skipped[str(path)] = f"{path}: {_special_file_kind(mode)}, not a file; left out"
        elif path.suffix.lower() in INPUT_SUFFIXES:
            files.append(path)
        else:
            skipped[str(path)] = f"{path}: {UNREADABLE_KIND}"


def _special_file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _unmatched_manifest_entries(folder: Path) -> dict[str, str]:
    """Entries of a folder's manifest that name no file in it."""
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        return {}
    try:
        entries = read_manifest(folder)
    except (DocumentError, OSError, UnicodeDecodeError):
        return {}       # reported when the manifest is read for its documents
    present = {path.name for path in folder.iterdir()}
    by_case = {name.casefold(): name for name in present}
    unmatched = {}
    for name in sorted(set(entries) - present):
        other = by_case.get(name.casefold())
        hint = f"; {other} differs only in case" if other else ""
        unmatched[f"{manifest}:{name}"] = f"{manifest}: the entry for {name} names no file in the folder{hint}"
    return unmatched
