"""What a first visit to the dashboard downloads, as served and as gzip would serve it.

Starts ``streamlit run dashboard/app.py`` on a free loopback port over the
``data/`` of this checkout, opens a page in Debian's chromium through
Playwright, waits for the app to settle, and sums the bodies of every GET
the page made to the server; then compresses each body with gzip (level 6,
nginx's default is 1, most proxies use 5-6) to show what a compressing
reverse proxy would send.

    .venv/bin/python benchmarks/bench_first_visit.py [--page compare] [--largest 5]

Streamlit serves its static files uncompressed on purpose (its server keeps
the static paths out of its gzip middleware: faster first loads and lower
memory on loopback), so compression belongs to the reverse proxy that a team
server puts in front of the dashboard anyway (README, "Serving a team").
"""
from __future__ import annotations

import argparse
import gzip
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SETTLE_MS = 12000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_dashboard(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the dashboard did not start within 60 s")


def first_visit_bodies(base: str, page: str) -> dict[str, bytes]:
    from playwright.sync_api import sync_playwright

    bodies: dict[str, bytes] = {}

    def keep(response) -> None:
        if response.url.startswith(base) and response.request.method == "GET":
            try:
                bodies[response.url] = response.body()
            except Exception:  # noqa: BLE001 - a redirect or a cancelled request has no body
                pass

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        tab = browser.new_page()
        tab.on("response", keep)
        tab.goto(f"{base}/{page}")
        tab.wait_for_timeout(SETTLE_MS)
        browser.close()
    return bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="compare", help="the page opened first (default: compare)")
    parser.add_argument("--largest", type=int, default=5, help="how many of the largest files to list")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs Debian's chromium at {CHROMIUM}")
    port = _free_port()
    process = _start_dashboard(port)
    try:
        bodies = first_visit_bodies(f"http://127.0.0.1:{port}", args.page)
    finally:
        process.terminate()
        process.wait(timeout=20)
    sizes = {url: (len(body), len(gzip.compress(body, 6))) for url, body in bodies.items()}
    served = sum(raw for raw, _ in sizes.values())
    zipped = sum(packed for _, packed in sizes.values())
    print(f"first visit of /{args.page}: {len(sizes)} files, {served / 1e6:.2f} MB as served, "
          f"{zipped / 1e6:.2f} MB with gzip -6 ({zipped / served:.0%})")
    for url, (raw, packed) in sorted(sizes.items(), key=lambda item: -item[1][0])[:args.largest]:
        print(f"  {raw / 1e6:6.2f} MB -> {packed / 1e6:5.2f} MB  {url.rsplit('/', 1)[-1]}")


if __name__ == "__main__":
    main()
