"""Screenshots of the main pages for docs/web.md, taken in headless Chromium.

    python benchmarks/screenshots.py [--db STORE] [--out docs/screenshots]

Without --db it codes samples/ into a temporary store. It serves that store with the real
`eventwire serve` on a free port and drives Debian's /usr/bin/chromium through Playwright.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVENTWIRE = [sys.executable, "-c", "import sys; from eventwire.cli import main; "
             "sys.argv[0] = 'eventwire'; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url} within {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="Store to show (default: samples/ coded into a temp store).")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or str(Path(scratch) / "samples.duckdb")
        if not args.db:
            subprocess.run([*EVENTWIRE, "ingest", str(ROOT / "samples"), "--db", db], env=env,
                           check=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([*EVENTWIRE, "serve", "--db", db, "--port", str(port)],
                                  env=env)
        try:
            wait_until_up(url, server)
            shoot(url, Path(args.out), Path(scratch) / "profile")
        finally:
            server.terminate()
            server.wait(10)


def shoot(url: str, out: Path, profile: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 800})
        page = browser.new_page()
        page.goto(f"{url}/events")
        page.screenshot(path=out / "events.png")
        page.goto(f"{url}/timeline?interval=month")
        page.screenshot(path=out / "timeline.png")
        page.goto(f"{url}/map")
        page.wait_for_selector("#map[data-ready=yes]")
        page.screenshot(path=out / "map.png")
        page.goto(f"{url}/events?event_type=ASSAULT&sort=-killed")
        page.locator("table.events tbody a.trigger").first.click()
        page.wait_for_selector("article.text")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=out / "article.png")
        page.goto(f"{url}/incidents")
        page.screenshot(path=out / "incidents.png")
        incidents = page.request.get(f"{url}/api/incidents?per_page=500").json()["items"]
        most_disputed = max(incidents, key=lambda i: (len(i["conflicts"]), i["report_count"]))
        page.goto(f"{url}/incidents/{most_disputed['id']}")
        page.screenshot(path=out / "incident.png", full_page=True)
        page.goto(f"{url}/ingest")
        page.screenshot(path=out / "ingest.png")
        browser.close()
    for shot in sorted(out.glob("*.png")):
        print(f"{shot} {shot.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
