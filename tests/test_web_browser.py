"""The real app in headless Chromium: `eventwire serve` in a subprocess over a store coded from
samples/, driven through Playwright with Debian's /usr/bin/chromium (no downloaded browser).

Skips, saying why, only where that Chromium or Playwright is missing; `make test` installs
Chromium first, so CI runs these.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Chromium is not installed (apt-get install chromium; `make test` does it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVENTWIRE = [sys.executable, "-c", "import sys; from eventwire.cli import main; "
             "sys.argv[0] = 'eventwire'; main()"]
PASTED = """Title: Drone strike on a border post
Published: 2021-12-05
Source: Test Wire

Azerbaijani forces shelled an Armenian border post near the village of Sotk on Saturday, \
killing three soldiers, the Armenian Defense Ministry said.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("web")
    db = str(scratch / "samples.duckdb")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([*EVENTWIRE, "ingest", str(ROOT / "samples"), "--db", db], env=env,
                   check=True, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (scratch / "server.log").open("w")
    process = subprocess.Popen([*EVENTWIRE, "serve", "--db", db, "--port", str(port)], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"eventwire serve did not start: "
                                f"{(scratch / 'server.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=CHROMIUM_ARGS, headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A tab that records every URL it requests: none may leave the local server."""
    tab = browser.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.set_default_timeout(20_000)
    yield tab
    tab.close()
    outside = [u for u in requested if not u.startswith((server, "data:", "blob:"))]
    assert outside == [], f"requests left the local server: {outside}"


def _count(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#count").inner_text()))


def test_events_filter_lives_in_the_url(page, server: str) -> None:
    page.goto(f"{server}/events")
    everything = _count(page)
    assert everything > 10
    assert page.locator("table.events tbody tr").count() == min(everything, 50)
    page.select_option("select[name=event_type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"event_type=ASSAULT"))
    assaults = _count(page)
    assert 0 < assaults < everything
    types = page.locator("table.events tbody td:nth-child(2) .type").all_inner_texts()
    assert set(types) == {"ASSAULT"} and len(types) == assaults
    incident = page.locator("table.events tbody a.incident-link").first
    assert incident.count() == 1, "linked events show their incident"
    page.click("th a:text('killed')")
    page.wait_for_url(re.compile(r"sort=killed"))
    assert parse_qs(urlparse(page.url).query)["event_type"] == ["ASSAULT"]
    # The view is shareable: loading its URL afresh shows the same rows.
    shared = page.url
    rows = page.locator("table.events tbody tr").all_inner_texts()
    page.goto(shared)
    assert page.locator("table.events tbody tr").all_inner_texts() == rows


def test_article_shows_highlighted_spans_and_explain(page, server: str) -> None:
    page.goto(f"{server}/events?event_type=ASSAULT&sort=-killed")
    trigger = page.locator("table.events tbody a.trigger").first
    words = trigger.inner_text()
    trigger.click()
    page.wait_for_selector("article.text")
    assert page.locator("mark.hl-trigger").count() >= 1
    assert page.locator("mark.hl-actor").count() >= 1
    assert words in page.locator("mark.hl-trigger").all_inner_texts()
    event_id = urlparse(page.url).fragment.removeprefix("ev-")
    record = page.locator(f"#ev-{event_id}")
    assert "ASSAULT" in record.locator("h3").inner_text()
    record.locator("details.explain summary").click()
    assert record.locator("details.explain li").count() >= 1
    assert page.locator(f"mark.hl.focus[data-events~='{event_id}']").count() >= 1


def test_ingest_a_pasted_article_and_see_its_events(page, server: str) -> None:
    page.goto(f"{server}/events")
    before = _count(page)
    page.goto(f"{server}/ingest")
    page.fill("#ingest-text", PASTED)
    page.click("form.ingest button[type=submit]")
    report = page.locator("#ingest-report")
    assert "1 new article" in report.inner_text()
    report.locator("a").first.click()
    page.wait_for_selector("article.text")
    assert page.locator("h1").inner_text() == "Drone strike on a border post"
    assert page.locator("mark.hl-trigger").count() >= 1
    page.goto(f"{server}/events")
    assert _count(page) > before
    page.goto(f"{server}/ingest")
    page.fill("#ingest-text", "   ")
    page.click("form.ingest button[type=submit]")
    assert "nothing to ingest" in page.locator("#ingest-error").inner_text()


def test_ingest_uploaded_files_with_one_bad(page, server: str, tmp_path: Path) -> None:
    good = tmp_path / "protest.txt"
    good.write_text("Title: Rally in Yerevan\nPublished: 2021-12-06\n\nThousands of "
                    "protesters marched in Yerevan on Sunday, demanding the resignation of "
                    "the government.\n", encoding="utf-8")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\x00\x00" * 40)
    page.goto(f"{server}/ingest")
    page.set_input_files("input[name=files]", [str(good), str(bad)])
    page.click("form.ingest button[type=submit]")
    report = page.locator("#ingest-report").inner_text()
    assert "1 new article" in report and "1 failed" in report
    assert "photo.txt: binary file" in report
    assert "Rally in Yerevan" in report


def test_reads_go_on_while_an_article_is_coded(server: str) -> None:
    body = json.dumps({"text": "Russian troops shelled the outskirts of Kharkiv on Thursday, "
                               "killing four civilians, the regional governor said.",
                       "title": "Kharkiv shelling", "published": "2022-03-03"}).encode()
    request = urllib.request.Request(f"{server}/api/articles", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    created: list[int] = []
    writer = threading.Thread(
        target=lambda: created.append(urllib.request.urlopen(request, timeout=60).status))
    writer.start()
    statuses = []
    while writer.is_alive() or len(statuses) < 10:
        with urllib.request.urlopen(f"{server}/api/events?per_page=5", timeout=30) as reply:
            statuses.append(reply.status)
    writer.join()
    assert created == [201] and set(statuses) == {200}
    with urllib.request.urlopen(f"{server}/api/events?date_from=2022-03-03&date_to=2022-03-03",
                                timeout=30) as reply:
        assert json.load(reply)["total"] >= 1


def test_timeline_bar_opens_its_events(page, server: str) -> None:
    page.goto(f"{server}/timeline?interval=month")
    bars = page.locator("#timeline rect.bar-seg")
    assert bars.count() > 3
    tallest = max(range(bars.count()),
                  key=lambda n: float(bars.nth(n).get_attribute("height") or 0))
    label = bars.nth(tallest).locator("title").text_content() or ""  # "2021-11: 7 ASSAULT"
    bucket, count, group = re.match(r"(\S+): (\d+) (\S+)", label).groups()
    bars.nth(tallest).click()
    page.wait_for_url(re.compile(r"/events\?"))
    query = parse_qs(urlparse(page.url).query)
    assert query["date_from"] == [bucket] and query["event_type"] == [group]
    # The bar counts events that start in the month; its list also holds date ranges that
    # started earlier and reach into it (the date filters select overlap).
    listed = page.locator("table.events tbody tr td:first-child").all_inner_texts()
    assert sum(1 for d in listed if d.startswith(bucket)) == int(count)
    assert all(d[:7] <= bucket <= d.split("..")[-1][:7] for d in listed)


def test_map_draws_countries_and_points_that_open_events(page, server: str) -> None:
    page.goto(f"{server}/map")
    page.wait_for_selector("#map[data-ready=yes]")
    assert page.locator("#countries path.country").count() > 150
    points = page.locator("#points circle.point")
    assert points.count() >= 1
    shown = sum(int(points.nth(n).get_attribute("data-events") or 0)
                for n in range(points.count()))
    assert f"{shown} located events" in page.locator("#map-status").inner_text()
    points.first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/(articles|incidents)/"))
    assert page.locator("h1").count() == 1


def test_incident_shows_reports_side_by_side_with_conflicts(page, server: str) -> None:
    page.goto(f"{server}/incidents?event_type=ASSAULT")
    assert _count(page) >= 1
    page.locator("table.incidents tbody tr.disputed td:first-child a").first.click()
    page.wait_for_selector("#merged")
    assert page.locator("#merged tr.conflict").count() >= 1
    claims = page.locator("#claims .claim h3").all_inner_texts()
    assert len(claims) >= 2 and len(set(claims)) == len(claims)
    reports = page.locator("#reports tbody tr")
    assert reports.count() >= 2 and page.locator("#reports tbody tr.conflict").count() >= 1
    outlets = page.locator("#reports tbody td:first-child").all_inner_texts()
    assert all(outlets)
    reports.first.locator("a").click()
    page.wait_for_selector("article.text")
    assert page.locator("a.incident-link").count() >= 1
