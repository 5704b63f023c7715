"""Who may decide. Viewing needs no sign-in; deciding needs a reviewer identity.

* Local use (nothing configured): one reviewer, ``REVIEWER_NAME`` or ``local``.
* A team server, either way set by the operator:
  - ``REVIEWERS_FILE``: a JSON file of names and scrypt password hashes, made
    with ``python -m extractors review add-reviewer NAME --file PATH``; no
    password is ever kept in the repository;
  - ``REVIEWER_HEADER``: the name of a header a signing-in reverse proxy sets
    (``X-Forwarded-User``); the dashboard must then be reachable only through
    that proxy.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

REVIEWERS_FILE_ENV = "REVIEWERS_FILE"
REVIEWER_HEADER_ENV = "REVIEWER_HEADER"
REVIEWER_NAME_ENV = "REVIEWER_NAME"
DEFAULT_REVIEWER = "local"
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class ReviewerPolicy:
    mode: str                       # local | file | header
    local_name: str = DEFAULT_REVIEWER
    credentials: dict | None = None
    header: str = ""

    @classmethod
    def from_environment(cls) -> "ReviewerPolicy":
        header = os.environ.get(REVIEWER_HEADER_ENV, "").strip()
        if header:
            return cls("header", header=header)
        path = os.environ.get(REVIEWERS_FILE_ENV, "").strip()
        if path:
            return cls("file", credentials=read_reviewers(Path(path)))
        return cls("local", local_name=os.environ.get(REVIEWER_NAME_ENV, DEFAULT_REVIEWER).strip() or DEFAULT_REVIEWER)

    def sign_in(self, name: str, password: str) -> str | None:
        """The reviewer's name when the password is theirs (file mode), else ``None``."""
        stored = (self.credentials or {}).get(name)
        return name if stored and check_password(password, stored) else None

    def from_headers(self, headers) -> str | None:
        value = (headers or {}).get(self.header) if self.header else None
        return value.strip() if value and value.strip() else None


def read_reviewers(path: Path) -> dict[str, str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: cannot read the reviewers file ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError(f"{path}: the reviewers file must map names to password hashes")
    return data


def add_reviewer(path: Path, name: str, password: str) -> None:
    path = Path(path)
    reviewers = read_reviewers(path) if path.exists() else {}
    reviewers[name] = hash_password(password)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(reviewers, ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(temporary, 0o600)
    temporary.replace(path)
