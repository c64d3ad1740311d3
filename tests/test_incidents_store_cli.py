"""Incidents end to end: the real pipeline, the store's link methods, the CLI, the corpus score."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.config import LinkSettings
from eventwire.errors import StoreError
from eventwire.evaluate.linking import bcubed, pairwise, score_corpus
from eventwire.ingest import read_articles
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = str(ROOT / "samples")
CORPUS = ROOT / "corpora" / "linking"
runner = CliRunner()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, tuple[Article, list[Event]]]:
    """Samples plus the corpus articles of the 16 May clash (a01-a03) and of Goris (a07)."""
    subset = tmp_path_factory.mktemp("corpus") / "clash.jsonl"
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    subset.write_text("\n".join(line for line in lines if json.loads(line)["id"] in
                                ("a01", "a02", "a03", "a07")) + "\n", encoding="utf-8")
    articles = [a for a in read_articles([SAMPLES, str(subset)]) if isinstance(a, Article)]
    return {article.id: (article, events) for article, events in pipeline.process_many(articles)}


@pytest.fixture(scope="module")
def db(coded: dict, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "incidents.duckdb")
    with Store(path) as store:
        store.add_many(coded.values())
        stats = store.link()
    assert stats.events == sum(len(events) for _, events in coded.values())
    return path


def incident_of(store: Store, event: Event) -> str:
    found = store.incident_id_of(event.id)
    assert found is not None
    return found


def attack(coded: dict, article: str) -> Event:
    return next(e for e in coded[article][1] if e.event_type == "ASSAULT" and e.locations)


def test_every_event_is_in_exactly_one_incident(db: str, coded: dict):
    with Store(db, read_only=True) as store:
        for _, events in coded.values():
            for event in events:
                incident = store.incident(incident_of(store, event))
                assert incident is not None
                assert event.id in {r.event_id for r in incident.reports}
        linked = store._con.execute(
            "SELECT count(*), count(DISTINCT event_id) FROM incident_reports").fetchone()
        assert linked[0] == linked[1] == store.stats()["events"]
        assert store.incident_ids() == {event.id: incident_of(store, event)
                                        for _, events in coded.values() for event in events}


def test_both_sides_of_the_clash_are_one_incident_and_goris_is_another(db: str, coded: dict):
    with Store(db, read_only=True) as store:
        sotk = incident_of(store, attack(coded, "a01"))
        assert incident_of(store, attack(coded, "a02")) == sotk  # Kalbajar, told by Baku
        assert incident_of(store, attack(coded, "a07")) != sotk  # Goris, 85 km away
        incident = store.incident(sotk)
    assert incident is not None and incident.outlet_count >= 3
    assert {"direction", "killed"} <= {c.field for c in incident.conflicts}
    assert {"ARM GOV", "AZE GOV"} <= {c.claimant for c in incident.claims}


def test_linking_again_changes_nothing_and_rebuild_keeps_ids(db: str):
    with Store(db) as store:
        before = store._con.execute("SELECT id, record FROM incidents ORDER BY id").fetchall()
        assert store.link().events == 0
        assert store._con.execute(
            "SELECT id, record FROM incidents ORDER BY id").fetchall() == before
        store.relink()
        after = store._con.execute("SELECT id FROM incidents ORDER BY id").fetchall()
    assert after == [(i,) for i, _ in before]


def test_a_link_that_fails_while_writing_leaves_the_store_as_it_was(
        coded: dict, monkeypatch: pytest.MonkeyPatch):
    with Store(":memory:") as store:
        store.add(*coded["a01"])
        store.link()
        before = store.incident_ids()
        store.add(*coded["a02"])
        write = Store._bulk_insert

        def fail_on_links(self: Store, table: str, *args: object) -> None:
            if table == "incident_reports":
                raise OSError("disk full")
            write(self, table, *args)

        monkeypatch.setattr(Store, "_bulk_insert", fail_on_links)
        with pytest.raises(OSError, match="disk full"):
            store.link()
        assert store.incident_ids() == before
        assert store.count_incidents() == len(set(before.values()))
        monkeypatch.undo()
        assert store.link().events == len(coded["a02"][1])


def test_a_new_article_joins_the_stored_incident(coded: dict):
    with Store(":memory:") as store:
        store.add(*coded["a01"])
        first = store.link()
        sotk = incident_of(store, attack(coded, "a01"))
        store.add(*coded["a02"])
        second = store.link()
        assert incident_of(store, attack(coded, "a02")) == sotk
        assert sotk in second.changed and second.grown >= 1
        assert second.incidents < first.incidents + len(coded["a02"][1])


def test_filters_match_incidents_through_any_report(db: str):
    with Store(db, read_only=True) as store:
        everything = store.incidents()
        assert store.count_incidents() == len(everything)
        azerbaijan = store.incidents(EventFilter(country="AZE"))
        assert 0 < len(azerbaijan) < len(everything)
        assert store.count_incidents(EventFilter(country="AZE")) == len(azerbaijan)
        page = store.incidents(limit=3, offset=2)
        assert [i.id for i in page] == [i.id for i in everything[2:5]]
        claimed = store.incidents(EventFilter(claimed_by="AZE"))
        assert all(any(r.claimed_by and r.claimed_by.country == "AZE" for r in i.reports)
                   for i in claimed)
        assert store.incident("inc-missing") is None
        assert store.incident_id_of("no-such-event") is None


def test_exports_of_incidents_and_links(db: str, tmp_path: Path):
    with Store(db, read_only=True) as store:
        total = store.count_incidents()
        events = store.stats()["events"]
        assert store.export_incidents(tmp_path / "i.jsonl", "jsonl") == total
        first = json.loads((tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert {"id", "reports", "conflicts", "claims", "agreement"} <= set(first)
        assert store.export_incidents(tmp_path / "i.csv", "csv") == total
        with (tmp_path / "i.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == total and "conflicts" in rows[0]
        assert store.export_incidents(tmp_path / "i.parquet", "parquet") == total
        assert store.export_incidents(tmp_path / "l.parquet", "parquet", links=True) == events
        assert store.export_incidents(tmp_path / "l.jsonl", "jsonl", links=True) == events
        with pytest.raises(StoreError, match="unknown export format"):
            store.export_incidents(tmp_path / "x", "xml")
    parquet = duckdb.sql(f"SELECT count(*), count(DISTINCT incident_id) "
                         f"FROM '{tmp_path / 'l.parquet'}'").fetchone()
    assert parquet == (events, total)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_read_only_store_refuses_to_link(db: str):
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.link()


def test_cli_lists_shows_and_exports_incidents(db: str, tmp_path: Path, coded: dict):
    listed = runner.invoke(app, ["incidents", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    busiest = max(records, key=lambda r: r["report_count"])
    shown = runner.invoke(app, ["incident", busiest["id"], "--db", db, "--explain"])
    assert shown.exit_code == 0, shown.output
    for words in ("agreement", "of", "conflicts", "claims", "reports", "why these reports",
                  "joined"):
        assert words in shown.output
    table = runner.invoke(app, ["incidents", "--db", db, "--type", "ASSAULT", "--limit", "2"])
    assert table.exit_code == 0 and "ASSAULT" in table.output
    as_csv = runner.invoke(app, ["incidents", "--db", db, "--format", "csv", "--limit", "1"])
    assert as_csv.exit_code == 0 and len(as_csv.stdout.strip().splitlines()) == 2
    target = tmp_path / "links.csv"
    exported = runner.invoke(app, ["export-incidents", str(target), "--db", db, "--format",
                                   "csv", "--links"])
    assert exported.exit_code == 0 and "report links written" in exported.output
    relinked = runner.invoke(app, ["link", "--db", db])
    assert relinked.exit_code == 0 and "0 events linked" in relinked.output


@pytest.mark.parametrize("args, message", [
    (["incident", "inc-nope"], "no incident 'inc-nope'"),
    (["incidents", "--format", "xml"], "unknown format 'xml'"),
    (["export-incidents", "out.xml", "--format", "xml"], "unknown format 'xml'"),
])
def test_cli_errors_are_one_line(db: str, args: list[str], message: str):
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_ingest_links_the_new_events(tmp_path: Path):
    path = str(tmp_path / "one.duckdb")
    result = runner.invoke(app, ["ingest", str(ROOT / "samples" / "c_border_clash.txt"),
                                 "--db", path])
    assert result.exit_code == 0, result.output
    with Store(path, read_only=True) as store:
        total = store.count_incidents()
    assert f"in {total} incidents" in result.output and total > 0
    explained = runner.invoke(app, ["link", "--db", path, "--rebuild", "--explain"])
    assert explained.exit_code == 0 and "joined" in explained.output


def test_scores_on_hand_made_clusterings():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert pairwise(gold, {"a": 1, "b": 1, "c": 2})["f1"] == 1.0
    merged = {"a": 1, "b": 1, "c": 1}
    assert pairwise(gold, merged)["precision"] == pytest.approx(1 / 3)
    assert bcubed(gold, merged)["recall"] == 1.0
    assert bcubed(gold, merged)["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


# Floors a little under what docs/incidents.md measures, so that a real regression fails:
# (corpus, B-cubed F1, pairwise precision, different-day merges allowed).
LINKING_FLOORS = [
    # Measured 1.000 (0.907 before the article context); the floor stays where issue 4 set it.
    ("linking", 0.89, 0.95, 0),
    ("linking-dev", 0.91, 0.95, 0),  # measured 1.000
    ("linking-dev2", 0.94, 0.95, 0),  # measured 0.977 (0.735 with the rules of linking-dev)
    ("linking-dev3", 0.93, 0.95, 0),  # measured 0.952 (0.712 when last held out)
    ("linking-dev4", 0.78, 0.93, 0),  # measured 0.885 (0.709 when last held out)
    ("linking-dev5", 0.92, 0.95, 0),  # measured 0.957 (0.653 when last held out)
    # Scored blind three times as linking-heldout4 (0.579, 0.698, 0.698); now development data.
    ("linking-dev6", 0.90, 0.95, 0),  # measured 0.934
    # Scored blind three times as linking-heldout5 and -heldout6 (0.722, 0.713, 0.715 and 0.710,
    # 0.726, 0.728); development data since 2026-12-08, measured 0.852 (one different-day
    # merge left) and 0.859 after the rules written on them.
    ("linking-dev7", 0.84, 0.97, 1),
    ("linking-dev8", 0.85, 0.97, 0),
    # Scored blind twice as linking-heldout9 (0.697, 0.736); development data since 2026-12-08,
    # measured 0.781 (pairwise precision 0.906) with no different-day merge after the rules
    # written on it.
    ("linking-dev9", 0.77, 0.89, 0),
    # Scored blind three times as linking-heldout7 (0.665, 0.677, 0.677) and -heldout8 (0.691,
    # 0.717, 0.717), two different-day merges each time; development data since 2026-12-08,
    # measured 0.687 (pairwise precision 0.804, both merges left) and 0.741 (0.957, one left).
    ("linking-dev10", 0.67, 0.79, 2),
    ("linking-dev11", 0.73, 0.94, 1),
    # Blind: scored on the metrics only (0.825). A floor keeps what the general rules carry to
    # unread text from silently dropping; the merge it allows is a failure the issue counts,
    # not a goal.
    ("linking-heldout10", 0.80, 0.92, 1),
]


@pytest.mark.parametrize(("corpus", "bcubed_f1", "precision", "different_day_merges"),
                         LINKING_FLOORS)
def test_linking_corpus_meets_its_floor(pipeline: Pipeline, corpus: str, bcubed_f1: float,
                                        precision: float, different_day_merges: int):
    result = score_corpus(CORPUS.with_name(corpus) / "truth.json", pipeline)
    assert result.metrics["bcubed_f1"] >= bcubed_f1
    assert result.metrics["pairwise_precision"] >= precision
    assert result.metrics["different_day_merges"] <= different_day_merges


def test_store_settings_are_tunable(coded: dict):
    with Store(":memory:") as store:
        store.add_many(coded.values())
        strict = store.link(LinkSettings(min_score=99))
        assert strict.incidents == strict.events  # nothing joined
        loose = store.relink(LinkSettings())
        assert loose.incidents < strict.incidents
