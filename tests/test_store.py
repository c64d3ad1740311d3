"""The DuckDB store: round trips, idempotence, filters, exports, crash consistency, open errors."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.model import Actor, Article, Event, Place, Span
from eventwire.store import EventFilter, Store
from eventwire.store import duckdb_store as store_module
from eventwire.store.migrations import LEDGER_DDL, MIGRATIONS, migrate, pending

A1 = Article(
    text="Azerbaijani forces shelled Armenian soldiers in Kalbajar, the ministry said. "
         "Pashinyan accused Baku of aggression over three days.",
    title="Clashes on the border", url="https://example.org/a1", published="2021-11-16",
    published_source="given", source="Example Wire", byline="A. Reporter",
    source_file="news.jsonl", source_line=3,
)
A2 = Article(text="Moscow threatened to respond. Protesters did not march in Yerevan.",
             title="Warnings", published="2020-09-27")


def _actor(text: str, start: int, country: str | None, sector: str | None,
           **extra: str) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), country=country, sector=sector,
                 **extra)


E1 = Event(
    article_id=A1.id, event_type="ASSAULT", event_mode="aerial", cameo="195",
    sentence=A1.text[:77], sentence_start=0, sentence_end=77, trigger=Span("shelled", 19, 26),
    actors=[_actor("Azerbaijani forces", 0, "AZE", "MIL"),
            _actor("Azerbaijani government", 100, "AZE", "GOV")],
    recipients=[_actor("Armenian soldiers", 27, "ARM", "MIL")],
    date="2021-11-16", date_precision="day", date_source="published",
    locations=[Place("Kalbajar", 48, 56, name="Kalbajar", country="AZE", admin1="Kalbajar",
                     lat=40.1063471234567, lon=46.0386519876543, geonameid=147289,
                     feature_class="P", feature_code="PPLA2"),
               Place("Lachin", 60, 66, name="Laçın", country="AZE")],
    killed=2, injured=0, claimed_by=_actor("the ministry", 62, "ARM", "MOD", title="ministry"),
    attribution="claimed", confidence=0.1 + 0.2, source_file="news.jsonl",
    explain=["trigger 'shelled' -> ASSAULT", "date from published"],
)
E2 = Event(
    article_id=A1.id, event_type="ACCUSE", sentence=A1.text[78:], sentence_start=78,
    sentence_end=len(A1.text), trigger=Span("accused", 88, 95),
    actors=[_actor("Pashinyan", 78, "ARM", "GOV", name="Nikol Pashinyan",
                   title="Prime Minister", matched="Pashinyan")],
    recipients=[_actor("Baku", 96, "AZE", "GOV")],
    date="2021-11-16", date_end="2021-11-18", date_precision="range", date_source="text",
    date_text=Span("over three days", 116, 131), confidence=0.8,
)
E3 = Event(
    article_id=A2.id, event_type="THREATEN", sentence="Moscow threatened to respond.",
    sentence_start=0, sentence_end=29, trigger=Span("threatened", 7, 17),
    actors=[_actor("Moscow", 0, "RUS", "GOV")], date="2020-09-27",
    locations=[Place("Yerevan", 60, 67, name="Yerevan", country="ARM", lat=40.18, lon=44.51)],
    modality="future",
)
E4 = Event(
    article_id=A2.id, event_type="PROTEST", sentence="Protesters did not march in Yerevan.",
    sentence_start=30, sentence_end=66, trigger=Span("march", 49, 54),
    actors=[_actor("Protesters", 30, None, "CVL")], modality="negated",
)
ALL = [E1, E2, E3, E4]


@pytest.fixture
def store():
    with Store(":memory:") as opened:
        opened.add(A1, [E1, E2])
        opened.add(A2, [E3, E4])
        yield opened


def ids(events: list[Event]) -> list[str]:
    return [e.id for e in events]


# -- round trips and idempotence --------------------------------------------------------------

def test_rich_event_round_trips_exactly(store):
    stored = {e.id: e for e in store.events()}
    for original in ALL:
        assert stored[original.id] == original
        assert stored[original.id].to_dict() == original.to_dict()


def test_half_a_surrogate_pair_is_a_store_error_that_stores_nothing(store):
    """Half of a surrogate pair ("\\ud83d" alone) is no Unicode text. The readers refuse it,
    but a library caller can build such an Article with an id of its own."""
    before = store.stats()
    article = Article(text="Protesters marched in Yerevan \ud83d on Monday.", id="half-a-pair")
    with pytest.raises(StoreError, match="cannot store a record: str is not valid UTF-8"):
        store.add_many([(Article(text="Moscow protested."), []), (article, [])])
    assert store.stats() == before


def test_article_round_trips_and_unknown_is_none(store):
    assert store.article(A1.id) == A1
    assert store.article(A2.id) == A2
    assert store.article("no-such-id") is None
    assert store.has_article(A1.id)
    assert not store.has_article("no-such-id")


def test_stats_count_rows(store):
    assert store.stats() == {"articles": 2, "events": 4, "actors": 8, "places": 3}


def test_adding_the_same_article_again_changes_nothing(store):
    before = store.stats()
    assert store.add(A1, [E1, E2]) is False
    assert store.add(Article(text=A1.text, title=A1.title), [E1]) is False  # same content hash
    assert store.stats() == before


def test_replacing_an_article_swaps_its_events_and_nothing_else(store):
    store.link()
    recoded = [Event(**{**vars(E1), "event_type": "COERCE", "cameo": "173", "killed": None,
                        "id": ""})]
    assert store.add_many([(A1, recoded)], replace=True) == 1
    # E2 and E1's actors, places and incident links are gone; A2's events are untouched.
    assert {e.id for e in store.events()} == {recoded[0].id, E3.id, E4.id}
    assert store.event(recoded[0].id).event_type == "COERCE"
    assert store.stats() == {"articles": 2, "events": 3, "actors": 6, "places": 3}
    assert store.incident_id_of(E1.id) is None and store.incident_id_of(E3.id) is not None
    store.relink()
    assert store.incident_id_of(recoded[0].id) is not None
    # Without `replace`, a stored article is still skipped.
    assert store.add_many([(A1, [E1, E2])]) == 0
    assert store.event(E1.id) is None


def test_add_many_counts_new_articles_and_skips_known_and_repeated():
    a3 = Article(text="Article three.")
    with Store(":memory:") as s:
        assert s.add(A1, [E1, E2])
        added = s.add_many([(A1, [E1, E2]), (A2, [E3, E4]), (a3, []), (A2, [E3])], batch_size=2)
        assert added == 2
        assert s.stats() == {"articles": 3, "events": 4, "actors": 8, "places": 3}
        assert s.count_events(EventFilter(article_id=A2.id)) == 2


def test_events_of_another_article_or_repeated_ids_are_refused():
    with Store(":memory:") as s:
        with pytest.raises(StoreError, match="belongs to article"):
            s.add(A2, [E1])
        with pytest.raises(StoreError, match="two events with id"):
            s.add(A1, [E1, E1])
        assert s.stats()["articles"] == 0


def test_a_failure_mid_insert_rolls_back_the_whole_article(monkeypatch):
    real = Store._bulk_insert

    def failing_on_places(self, table, rows, scratch):
        if table == "places":
            raise RuntimeError("disk on fire")
        real(self, table, rows, scratch)

    with Store(":memory:") as s:
        monkeypatch.setattr(Store, "_bulk_insert", failing_on_places)
        with pytest.raises(RuntimeError):
            s.add(A1, [E1, E2])
        assert s.stats() == {"articles": 0, "events": 0, "actors": 0, "places": 0}
        monkeypatch.setattr(Store, "_bulk_insert", real)
        assert s.add(A1, [E1, E2])
        assert s.count_events() == 2


# -- reading: order, paging, filters ----------------------------------------------------------

def test_events_come_in_date_article_sentence_order(store):
    assert ids(store.events()) == ids([E3, E1, E2, E4])
    assert ids(store.events(order="-date")) == ids([E1, E2, E3, E4])
    assert ids(store.events(limit=2, offset=1)) == ids([E1, E2])
    with pytest.raises(StoreError, match="unknown event order"):
        store.events(order="random")


@pytest.mark.parametrize(("filters", "expected"), [
    (EventFilter(date_from="2021-11-17"), [E2]),  # the range 16-18 overlaps
    (EventFilter(date_to="2021-11-15"), [E3]),  # undated events never match a date filter
    (EventFilter(date_from="2021-11", date_to="2021-11"), [E1, E2]),
    (EventFilter(date_to="2020"), [E3]),
    (EventFilter(country="ARM"), [E3, E1, E2]),  # place, recipient, actor
    (EventFilter(country="rus"), [E3]),
    (EventFilter(actor="pashinyan"), [E2]),  # name
    (EventFilter(actor="aze mil"), [E1]),  # code
    (EventFilter(actor="PROTEST"), [E4]),  # text
    (EventFilter(actor="the ministry"), []),  # the claimant is not an actor
    (EventFilter(event_type="assault, threaten"), [E3, E1]),
    (EventFilter(event_type=" , "), [E3, E1, E2, E4]),
    (EventFilter(claimed_by="arm"), [E1]),
    (EventFilter(claimed_by="ARM MOD"), [E1]),
    (EventFilter(claimed_by="AZE"), []),
    (EventFilter(modality="FUTURE"), [E3]),
    (EventFilter(article_id=A2.id), [E3, E4]),
    (EventFilter(country="ARM", event_type="ASSAULT"), [E1]),
    (EventFilter(), [E3, E1, E2, E4]),
])
def test_filters(store, filters, expected):
    assert ids(store.events(filters)) == ids(expected)
    assert store.count_events(filters) == len(expected)


@pytest.mark.parametrize("value", ["16/11/2021", "2021-13-01", "2021-02-30", "2021-00"])
def test_a_malformed_date_filter_is_a_store_error(store, value):
    with pytest.raises(StoreError, match="date_from"):
        store.events(EventFilter(date_from=value))
    assert store.count_events(EventFilter(date_to="2024-02-29")) >= 0  # a real leap day


# -- exports ----------------------------------------------------------------------------------

def test_export_jsonl_writes_native_records(store, tmp_path):
    path = tmp_path / "events.jsonl"
    assert store.export_events(path, "jsonl") == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in (E3, E1, E2, E4)]


def test_export_plover_writes_plover_records(store, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    assert store.export_events(path, "plover", EventFilter(article_id=A1.id)) == 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records == [E1.to_plover(), E2.to_plover()]


def test_export_csv_is_flat_with_joined_lists(store, tmp_path):
    path = tmp_path / "events.csv"
    assert store.export_events(path, "csv") == 4
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ids([E3, E1, E2, E4])
    e1 = rows[1]
    assert e1["actors"] == "AZE MIL; AZE GOV"
    assert e1["actor_text"] == "Azerbaijani forces; Azerbaijani government"
    assert e1["recipients"] == "ARM MIL"
    assert e1["claimed_by"] == "ARM MOD"
    assert e1["locations"] == "Kalbajar; Laçın"
    assert (e1["killed"], e1["location_country"], e1["lat"]) == ("2", "AZE", "40.1063471234567")
    assert rows[2]["date_end"] == "2021-11-18"
    assert rows[3]["actors"] == "CVL" and rows[3]["date"] == ""


def test_export_parquet_reads_back_with_duckdb(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert store.export_events(path, "parquet", EventFilter(country="ARM")) == 3
    rows = duckdb.connect().execute(
        "SELECT id, event_type, actor_codes, recipient_codes, killed, record "
        "FROM read_parquet(?)", [str(path)]).fetchall()
    assert [r[0] for r in rows] == ids([E3, E1, E2])
    assert rows[1][1:5] == ("ASSAULT", ["AZE MIL", "AZE GOV"], ["ARM MIL"], 2)
    assert json.loads(rows[1][5]) == E1.to_dict()


def test_export_replaces_the_file_atomically(store, tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text("old export\n", encoding="utf-8")

    def broken_row(event):
        raise RuntimeError("formatting bug")

    monkeypatch.setattr(store_module, "_csv_row", broken_row)
    with pytest.raises(RuntimeError):
        store.export_events(path, "csv")
    assert path.read_text(encoding="utf-8") == "old export\n"
    monkeypatch.undo()
    assert store.export_events(path, "csv", EventFilter(modality="negated")) == 1
    assert path.read_text(encoding="utf-8").count("\n") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_unknown_export_format_or_missing_folder_is_a_store_error(store, tmp_path):
    with pytest.raises(StoreError, match="unknown export format"):
        store.export_events(tmp_path / "x.xml", "xml")
    with pytest.raises(StoreError, match="cannot write"):
        store.export_events(tmp_path / "missing" / "x.jsonl", "jsonl")
    assert list(tmp_path.iterdir()) == []


# -- files: persistence, migrations, read-only, open errors -----------------------------------

def test_a_file_store_persists_and_records_its_migrations(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as s:
        s.add(A1, [E1, E2])
    with Store(path) as s:
        assert ids(s.events()) == ids([E1, E2])
        names = s._con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()
    assert [n for (n,) in names] == [name for name, _ in MIGRATIONS]


def test_migrations_run_once():
    con = duckdb.connect()
    assert migrate(con) == [name for name, _ in MIGRATIONS]
    assert migrate(con) == []


def test_read_only_store_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as s:
        s.add(A1, [E1])
    with Store(path, read_only=True) as s:
        assert ids(s.events()) == [E1.id]
        with pytest.raises(StoreError, match="read-only"):
            s.add(A2, [E3])


def _assert_one_line_store_error(excinfo: pytest.ExceptionInfo[StoreError], text: str) -> None:
    message = str(excinfo.value)
    assert text in message
    assert "\n" not in message
    assert excinfo.value.__cause__ is None and excinfo.value.__suppress_context__


def test_read_only_on_a_missing_or_foreign_file_is_a_store_error(tmp_path):
    with pytest.raises(StoreError) as excinfo:
        Store(tmp_path / "missing.duckdb", read_only=True)
    _assert_one_line_store_error(excinfo, "no store at this path")
    foreign = tmp_path / "foreign.duckdb"
    duckdb.connect(str(foreign)).close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store(foreign, read_only=True)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as excinfo:
        Store(path)
    _assert_one_line_store_error(excinfo, "not a DuckDB database file")


HOLD_OPEN = textwrap.dedent("""
    import sys
    from eventwire.store import Store
    with Store(sys.argv[1]):
        print("open", flush=True)
        sys.stdin.read()
""")


def test_a_store_held_by_another_process_is_a_store_error(tmp_path):
    path = tmp_path / "events.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        for read_only in (False, True):
            with pytest.raises(StoreError) as excinfo:
                Store(path, read_only=read_only)
            _assert_one_line_store_error(excinfo, f"open in another process (PID {holder.pid})")
    finally:
        holder.communicate(timeout=30)
    with Store(path) as s:  # free again once the holder exits
        assert s.stats()["articles"] == 0


# -- crash consistency ------------------------------------------------------------------------

# Article i carries i % 4 events (some none) and says so in its title; text is long enough that
# the WAL grows and DuckDB checkpoints during the run.
WRITER = textwrap.dedent("""
    import sys
    from eventwire.model import Actor, Article, Event, Span
    from eventwire.store import Store

    def item(i):
        n = i % 4
        article = Article(text=f"report {i} " + "shelling continued overnight. " * 400,
                          title=f"{i}:{n}")
        events = [Event(article_id=article.id, event_type="ASSAULT", sentence="shelling",
                        sentence_start=k * 30, sentence_end=k * 30 + 29,
                        trigger=Span("shelling", k * 30, k * 30 + 8),
                        actors=[Actor("troops", 0, 6, "AZE", "MIL")])
                  for k in range(n)]
        return article, events

    with Store(sys.argv[1]) as store:
        for start in range(0, 100000, 5):
            store.add_many((item(i) for i in range(start, start + 5)), batch_size=5)
            print(start + 5, flush=True)
""")


def _run_and_kill(path: Path, after: int, rng: random.Random) -> int:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    committed = 0
    for line in writer.stdout:
        committed = int(line)
        if committed >= after:
            break
    time.sleep(rng.uniform(0, 0.05))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL, "the writer ended before it was killed"
    return committed


def test_a_killed_writer_leaves_every_article_with_exactly_its_events(tmp_path):
    path = tmp_path / "events.duckdb"
    rng = random.Random(7)
    for after in (40, 80, 120):  # each run starts over and skips what is stored
        committed = _run_and_kill(path, after, rng)
        with Store(path) as s:
            articles = s._con.execute("SELECT id, title FROM articles").fetchall()
            assert len(articles) >= committed
            per_article = dict(s._con.execute(
                "SELECT article_id, count(*) FROM events GROUP BY article_id").fetchall())
            for article_id, title in articles:
                assert per_article.get(article_id, 0) == int(title.split(":")[1]), title
            assert set(per_article) <= {article_id for article_id, _ in articles}
            assert s.stats()["actors"] == s.stats()["events"]
            assert len(s.events()) == s.count_events()


# -- speed ------------------------------------------------------------------------------------

def test_bulk_insert_of_a_thousand_articles_takes_seconds(tmp_path):
    items = []
    for i in range(1000):
        article = Article(text=f"Article {i}: " + "Troops shelled the village. " * 20)
        events = [Event(article_id=article.id, event_type="ASSAULT", sentence="Troops shelled.",
                        sentence_start=k * 28, sentence_end=k * 28 + 27,
                        trigger=Span("shelled", k * 28 + 7, k * 28 + 14),
                        actors=[Actor("Troops", k * 28, k * 28 + 6, "AZE", "MIL")],
                        recipients=[Actor("village", k * 28 + 19, k * 28 + 26, "ARM", "CVL")],
                        locations=[Place("Kalbajar", 0, 8, country="AZE", lat=40.1, lon=46.0)],
                        date=f"2021-11-{k + 1:02d}")
                  for k in range(10)]
        items.append((article, events))
    with Store(tmp_path / "bulk.duckdb") as s:
        started = time.perf_counter()
        assert s.add_many(items) == 1000
        elapsed = time.perf_counter() - started
        assert s.stats() == {"articles": 1000, "events": 10000, "actors": 20000, "places": 10000}
    # Measured ~2-3 s on two cores; executemany took ~1 ms a row (over a minute here).
    assert elapsed < 20, f"add_many took {elapsed:.1f}s for 1,000 articles"


def test_a_store_from_an_older_version_opens_read_only_after_upgrading(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(LEDGER_DDL)
    first, create = MIGRATIONS[0]
    create(con)
    con.execute("INSERT INTO _migrations VALUES (?, now())", [first])
    con.close()
    with Store(path, read_only=True) as store:
        assert store.count_incidents() == 0
        assert store.read_only
    con = duckdb.connect(str(path), read_only=True)
    assert not pending(con)
    con.close()
