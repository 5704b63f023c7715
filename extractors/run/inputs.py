"""Input files as a run reads them: their recorded names and their bytes, within limits.

A name whose bytes are not UTF-8 is recorded with those bytes escaped, so it
can be written and printed. A file is read only when it is a regular file,
and at most the size limit plus one byte of it, so neither a device nor a
file larger than memory (or one that grows while it is read) can exhaust
memory; either is a ``DocumentError`` with the reason.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from extractors.text.encoding import DocumentError

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
