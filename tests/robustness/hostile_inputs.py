"""Bad and hostile documents for the robustness tests, generated in code."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_debfcd15c7dda435.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def png_image() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00"))
            + chunk(b"IEND", b""))


def zip_archive(text: str) -> bytes:
    """A ZIP holding a text file, as when someone drops a .docx or an archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.txt", text)
    return buffer.getvalue()


def html_page(text: str) -> str:
    """The text as a web page saved or pasted with its markup."""
    body = "\n".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>上城区新闻</title>\n"
            "<style>p { margin: 0 }</style></head>\n<body>\n<div class=\"content\">\n"
            f"{body}\n</div>\n<script>var views = 1024; if (a < b && c > d) {{ x(); }}</script>\n</body></html>\n")


def full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))


def traditional(text: str) -> str:
    from opencc import OpenCC

    return OpenCC("s2t").convert(text)
