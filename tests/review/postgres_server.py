"""A throwaway PostgreSQL server on 127.0.0.1 for the review tests, from Debian's ``postgresql`` binaries.

``.ci/run`` installs the package; where the binaries are missing or the
server will not start, the PostgreSQL half of the tests is skipped with the
reason.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="review-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.started = False

    def _as_owner(self, command: list[str]) -> list[str]:
        # The server refuses to run as root: run it as Debian's postgres user then.
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def start(self) -> str:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL binaries not found (apt-get install postgresql)")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        subprocess.run(self._as_owner([initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres",
                                       "--no-sync", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        subprocess.run(self._as_owner([pg_ctl, "-D", str(self.data), "-o", options, "-l",
                                       str(self.folder / "log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=90)
        self.started = True
        url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return url
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self.started:
            subprocess.run(self._as_owner([_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
