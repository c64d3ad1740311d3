"""Latency of the web app's main list and timeline with 100,000 events stored.

Builds a store of `--events` synthetic events (the samples' coded events copied onto 10 events
per synthetic article, with random dates, types, places and casualties; no NLP run per copy),
then times requests in process through the ASGI app (routing, validation, the DuckDB queries,
serialisation or template rendering; no socket):

    list         GET /api/events (page 1 of 50, with the total count) and the /events page
    timeline     GET /api/timeline?interval=week and the /timeline page (its own interval)
    map          GET /api/map?cell=2
    incidents    with --link: GET /api/incidents and the /incidents page
    bare SQL     the straightforward DuckDB queries, run directly: a count plus page 1 of
                 records sorted by date for the list, one weekly GROUP BY for the timeline

each unfiltered and filtered, `--requests` times after a warm-up; prints median and p95 in ms,
and the median as a multiple of its bare SQL. Target: p95 under 300 ms.

    python benchmarks/web_latency.py                   # builds a temporary 100k store
    python benchmarks/web_latency.py --keep /tmp/100k.duckdb   # build once, reuse after
    python benchmarks/web_latency.py --link            # incidents too (linking takes minutes)
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from eventwire.api import create_app
from eventwire.ingest import read_articles
from eventwire.model import EVENT_TYPES, Article, Event, Place, stable_id
from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store
from eventwire.store.duckdb_store import _where

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0
EVENTS_PER_ARTICLE = 10
PLACES = [("Sotk", "ARM", 40.21, 45.85), ("Baku", "AZE", 40.38, 49.89),
          ("Yerevan", "ARM", 40.18, 44.51), ("Tbilisi", "GEO", 41.69, 44.83),
          ("Kyiv", "UKR", 50.45, 30.52), ("Damascus", "SYR", 33.51, 36.29),
          ("Kabul", "AFG", 34.53, 69.17), ("Bamako", "MLI", 12.65, -8.0),
          ("Caracas", "VEN", 10.49, -66.88), ("Khartoum", "SDN", 15.5, 32.56)]
FILTER = "event_type=ASSAULT&country=ARM&date_from=2021-01&date_to=2022-12"


def synthetic(templates: list[tuple[Article, list[Event]]], n_events: int,
              rng: random.Random) -> Iterator[tuple[Article, list[Event]]]:
    for n in range(n_events // EVENTS_PER_ARTICLE):
        source, events = templates[n % len(templates)]
        article = dataclasses.replace(source, id=stable_id("synthetic", n),
                                      title=f"{source.title} #{n}")
        copies = []
        for k in range(EVENTS_PER_ARTICLE):
            template = events[k % len(events)]
            day = f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            name, country, lat, lon = rng.choice(PLACES)
            place = Place(name, template.trigger.start, template.trigger.end, name=name,
                          country=country, lat=lat + rng.uniform(-1, 1),
                          lon=lon + rng.uniform(-1, 1))
            copies.append(dataclasses.replace(
                template, id=stable_id(article.id, k), article_id=article.id,
                event_type=rng.choice(EVENT_TYPES), quad_class=None, date=day, date_end=None,
                locations=[place], killed=rng.choice([None, None, 0, 1, 2, 5, 12])))
        yield article, copies


def build(path: Path, n_events: int, *, link: bool) -> None:
    pipeline = Pipeline()
    articles = [a for a in read_articles([str(ROOT / "samples")]) if isinstance(a, Article)]
    templates = [(a, found) for a, found in pipeline.process_many(articles) if found]
    with Store(path) as store:
        started = time.perf_counter()
        store.add_many(synthetic(templates, n_events, random.Random(5)), batch_size=1000)
        print(f"stored {store.stats()['events']:,} events in "
              f"{time.perf_counter() - started:.0f} s ({path})")
        if link:
            started = time.perf_counter()
            stats = store.link()
            print(f"linked them into {stats.incidents:,} incidents in "
                  f"{time.perf_counter() - started:.0f} s")


def timed(call: Callable[[], object], requests: int) -> list[float]:
    for _ in range(3):
        call()
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", help="Store path: built if missing, reused if present.")
    parser.add_argument("--link", action="store_true",
                        help="Also link the events into incidents when building (minutes) and "
                             "time the incident list.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(args.keep) if args.keep else Path(scratch) / "latency.duckdb"
        if not path.exists():
            build(path, args.events, link=args.link)
        measure(path, args.requests)


def measure(path: Path, requests: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's TestClient asks for httpx2
        from fastapi.testclient import TestClient
    with Store(path) as store, TestClient(create_app(store),
                                          client=("127.0.0.1", 9)) as client:
        incidents = store.count_incidents()
        print(f"{store.count_events():,} events and {incidents:,} incidents stored; "
              f"{requests} requests each after 3 warm-up; times in ms")
        con = store._con  # the baselines are bare SQL, below the Store API on purpose

        def bare(filters: EventFilter | None, timeline: bool) -> Callable[[], object]:
            where, params = _where(filters)
            dated = f"{where} AND date IS NOT NULL" if where else "WHERE date IS NOT NULL"
            count = f"SELECT count(*) FROM events {where}"
            page = f"SELECT record FROM events {where} ORDER BY date, id LIMIT 50"
            weeks = (f"SELECT date_trunc('week', TRY_CAST(substr(date, 1, 10) AS DATE)) AS w, "
                     f"event_type, count(*) FROM events {dated} GROUP BY ALL")

            def call() -> None:
                if timeline:
                    con.execute(weeks, params).fetchall()
                else:
                    con.execute(count, params).fetchone()
                    con.execute(page, params).fetchall()
            return call

        def get(url: str) -> Callable[[], object]:
            def call() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.text[:200]
            return call

        narrow = EventFilter(**dict(pair.split("=") for pair in FILTER.split("&")))
        rows = [  # label, call, the baseline it is compared with
            ("bare SQL: count + sorted records", bare(None, False), None),
            ("bare SQL: count + sorted records (filtered)", bare(narrow, False), None),
            ("bare SQL: weekly GROUP BY", bare(None, True), None),
            ("bare SQL: weekly GROUP BY (filtered)", bare(narrow, True), None),
            ("GET /api/events", get("/api/events"), "bare SQL: count + sorted records"),
            ("GET /api/events?sort=-date", get("/api/events?sort=-date"),
             "bare SQL: count + sorted records"),
            ("GET /api/events (filtered)", get(f"/api/events?{FILTER}"),
             "bare SQL: count + sorted records (filtered)"),
            ("GET /events page", get("/events"), "bare SQL: count + sorted records"),
            ("GET /events page (filtered)", get(f"/events?{FILTER}"),
             "bare SQL: count + sorted records (filtered)"),
            ("GET /api/timeline?interval=week", get("/api/timeline?interval=week"),
             "bare SQL: weekly GROUP BY"),
            ("GET /api/timeline (filtered)", get(f"/api/timeline?interval=week&{FILTER}"),
             "bare SQL: weekly GROUP BY (filtered)"),
            ("GET /timeline page", get("/timeline"), "bare SQL: weekly GROUP BY"),
            ("GET /timeline page (filtered)", get(f"/timeline?{FILTER}"),
             "bare SQL: weekly GROUP BY (filtered)"),
            ("GET /api/map?cell=2", get("/api/map?cell=2"), None),
        ]
        if incidents:
            rows += [
                ("GET /api/incidents", get("/api/incidents"), None),
                ("GET /api/incidents (filtered)", get(f"/api/incidents?{FILTER}"), None),
                ("GET /incidents page", get("/incidents"), None),
                ("GET /incidents page (filtered)", get(f"/incidents?{FILTER}"), None),
            ]
        results = {label: timed(call, requests) for label, call, _ in rows}
    print(f"{'request':44} {'median':>8} {'p95':>8} {'x bare SQL':>11}  target")
    worst = 0.0
    for label, _, against in rows:
        samples = results[label]
        median = statistics.median(samples)
        ratio = f"{median / statistics.median(results[against]):10.1f}x" if against else ""
        verdict = ""
        if label.startswith("GET"):
            worst = max(worst, p95(samples))
            verdict = "ok" if p95(samples) < TARGET_MS else "SLOW"
        print(f"{label:44} {median:8.1f} {p95(samples):8.1f} {ratio:>11}  {verdict}")
    print(f"slowest p95 {worst:.1f} ms: {'under' if worst < TARGET_MS else 'OVER'} the "
          f"{TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
