"""Linking speed: 100,000 synthetic event records into incidents, against a load-and-sort baseline.

Generates N event records (seeded): incidents spread over two years and 40 countries, each
reported 1-4 times (once for 40 % of them) by different articles and outlets, every second copy
with the sides swapped and claimed by the other side, casualty figures varied, 20 % dated only by
publication, 70 % with a place a few km from the incident's. Measured in one process:

    baseline      build the LinkItems and sort them by date (what any pass over them costs)
    link()        the pure link stage (eventwire.link.link) over the same items
    Store.link()  events already stored in a fresh DuckDB file (reopened): load, link, write
                  incidents, commit

Target: Store.link() over 100,000 records well under a minute.

    python benchmarks/linking.py                  # 100,000 records
    python benchmarks/linking.py --records 20000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from eventwire.evaluate.linking import bcubed
from eventwire.link import LinkItem, link
from eventwire.model import Actor, Article, Event, Place, Span
from eventwire.store import Store

COUNTRIES = ("AFG", "ARM", "AZE", "BFA", "CAF", "CMR", "COD", "COL", "ETH", "GEO", "IND", "IRN",
             "IRQ", "ISR", "KEN", "LBN", "LBY", "MLI", "MMR", "MOZ", "NER", "NGA", "PAK", "PHL",
             "PSE", "RUS", "SDN", "SOM", "SSD", "SYR", "TCD", "TUR", "UKR", "VEN", "YEM", "MEX",
             "BRA", "THA", "EGY", "DZA")
TYPES = ("ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "PROTEST", "ACCUSE", "CONSULT", "MOBILIZE")
OUTLETS = tuple(f"Outlet {i}" for i in range(60))
START = date(2022, 1, 1)
DAYS = 730


@dataclass
class Result:
    records: int
    articles: int
    baseline_s: float
    link_s: float
    store_link_s: float
    incidents: int
    true_incidents: int
    bcubed_f1: float | None
    pairs_compared: int

    @property
    def records_per_s(self) -> float:
        return self.records / self.store_link_s


def generate(records: int, seed: int = 7) -> list[tuple[Article, list[Event]]]:
    """Articles of one event each, `records` events in all; each article's title names the
    incident it reports ("incident 12 copy 1"), the truth for `truth`."""
    rng = random.Random(seed)
    centres = {c: (rng.uniform(-30, 50), rng.uniform(-80, 120)) for c in COUNTRIES}
    articles: list[tuple[Article, list[Event]]] = []
    made = 0
    incident = 0
    while made < records:
        incident += 1
        a, b = rng.sample(COUNTRIES, 2)
        day = START + timedelta(days=rng.randrange(DAYS))
        lat, lon = centres[a]
        lat, lon = lat + rng.uniform(-3, 3), lon + rng.uniform(-3, 3)
        kind = rng.choice(TYPES)
        killed = rng.randrange(0, 20)
        copies = rng.choice((1, 1, 2, 3, 4))
        for copy in range(min(copies, records - made)):
            swapped = copy % 2 == 1
            published = day + timedelta(days=rng.choice((0, 0, 1)))
            text = f"Report {incident}.{copy}: {a} and {b} on {day}."
            article = Article(text=text, title=f"incident {incident} copy {copy}",
                              published=published.isoformat(), published_source="given",
                              source=rng.choice(OUTLETS))
            dated = rng.random() < 0.8
            event = Event(
                article_id=article.id, event_type=kind, sentence=text, sentence_start=0,
                sentence_end=len(text), trigger=Span("clash", 0, 5),
                actors=[Actor(b if swapped else a, 0, 3, country=b if swapped else a,
                              sector="MIL")],
                recipients=[Actor(a if swapped else b, 8, 11, country=a if swapped else b)],
                date=day.isoformat() if dated else published.isoformat(),
                date_precision="day", date_source="text" if dated else "published",
                locations=[Place(f"Place {incident}", 0, 5, name=f"Place {incident}",
                                 country=a, lat=lat + rng.uniform(-0.05, 0.05),
                                 lon=lon + rng.uniform(-0.05, 0.05),
                                 geonameid=1_000_000 + incident, feature_code="PPL")]
                if rng.random() < 0.7 else [],
                killed=max(0, killed + rng.randrange(-2, 3)) if rng.random() < 0.5 else None,
                claimed_by=Actor(a, 0, 3, country=a, sector="GOV") if swapped else None,
                attribution="claimed" if swapped else "asserted")
            articles.append((article, [event]))
            made += 1
    return articles


def truth(coded: list[tuple[Article, list[Event]]]) -> dict[str, str]:
    """Event id -> the incident it was generated from."""
    return {event.id: (article.title or "").split(" copy ")[0]
            for article, events in coded for event in events}


def measure(records: int, seed: int, db: Path) -> Result:
    coded = generate(records, seed)
    started = time.perf_counter()
    items = [LinkItem(event, article.source, article.published)
             for article, events in coded for event in events]
    items.sort(key=lambda item: (item.event.date or "", item.event.id))
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    result = link(items)
    pure = time.perf_counter() - started

    with Store(db) as store:
        store.add_many(coded, batch_size=5000)
    # Linked after reopening, like `eventwire link` on a store an ingest filled: closing writes
    # the ingest's last batches into the file, a cost of ingesting that would otherwise land in
    # the link's commit.
    with Store(db) as store:
        started = time.perf_counter()
        stats = store.link()
        in_store = time.perf_counter() - started
        predicted = store.incident_ids()
    gold = truth(coded)
    return Result(records=len(items), articles=len(coded), baseline_s=baseline, link_s=pure,
                  store_link_s=in_store, incidents=stats.incidents,
                  true_incidents=len(set(gold.values())),
                  bcubed_f1=bcubed(gold, predicted)["f1"], pairs_compared=result.compared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", help="Also write the numbers to this file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-linkbench-") as tmp:
        result = measure(args.records, args.seed, Path(tmp) / "bench.duckdb")
    print(f"records            {result.records:,} ({result.articles:,} articles)")
    print(f"baseline           {result.baseline_s:6.2f} s  (build LinkItems and sort by date)")
    print(f"link()             {result.link_s:6.2f} s  {result.records / result.link_s:,.0f} "
          f"records/s, {result.link_s / result.baseline_s:.1f} x baseline, "
          f"{result.pairs_compared:,} pairs compared")
    print(f"Store.link()       {result.store_link_s:6.2f} s  {result.records_per_s:,.0f} "
          f"records/s, {result.store_link_s / result.baseline_s:.1f} x baseline, "
          f"{result.incidents:,} incidents")
    print(f"accuracy           {result.true_incidents:,} incidents generated; B-cubed F1 "
          f"{result.bcubed_f1:.3f} against them")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {**asdict(result), "records_per_s": result.records_per_s}, indent=2) + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()
