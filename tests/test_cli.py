"""The `eventwire` command end to end, through typer's runner, on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = str(ROOT / "samples")
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "events.duckdb")
    result = runner.invoke(app, ["ingest", SAMPLES, "--db", path])
    assert result.exit_code == 0, result.output
    assert "6 new articles, 0 already stored, 0 failed" in result.output
    return path


def test_reingest_changes_nothing(db: str) -> None:
    before = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).output
    again = runner.invoke(app, ["ingest", SAMPLES, "--db", db])
    assert again.exit_code == 0
    assert "0 new articles, 6 already stored" in again.output
    assert runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).output == before


def test_ingest_with_parse_workers_stores_the_same_events(db: str, tmp_path: Path) -> None:
    other = str(tmp_path / "workers.duckdb")
    result = runner.invoke(app, ["ingest", SAMPLES, "--db", other, "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert "6 new articles" in result.output

    def events(path: str) -> list[str]:
        return runner.invoke(app, ["events", "--db", path, "--format", "jsonl"]).output.splitlines()

    assert events(other) == events(db)
    assert runner.invoke(app, ["ingest", SAMPLES, "--db", other, "--processes", "0"]).exit_code == 2


def test_bad_files_fail_one_line_each_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a condamné l'attaque.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Azerbaijan summoned the French ambassador on Monday.\n")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(errors) == 3
    assert all(name in result.output for name in ("empty.txt", "binary.txt", "latin1.txt"))
    assert "Traceback" not in result.output
    assert "1 new article," in result.output


def test_events_filters_and_formats(db: str) -> None:
    lines = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--type", "ASSAULT",
                                "--country", "ARM"]).output.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["event_type"] == "ASSAULT" for r in records)
    assert all("ARM" in json.dumps(r) for r in records)
    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv"]).output
    header = csv_out.splitlines()[0].split(",")
    assert {"event_type", "killed", "claimed_by"} <= set(header)
    assert len(csv_out.splitlines()) > len(records)
    table = runner.invoke(app, ["events", "--db", db, "--claimed-by", "ARM"]).output
    assert "shelled" in table


def test_export_plover(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", str(target), "--db", db, "--format", "plover"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert records and {"event", "actor", "recipient", "event_loc", "size"} <= set(records[0])


def test_extract_without_store_and_explain(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(ROOT / "samples/c_border_clash.txt"),
                                 "--explain"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["killed"] == 7 and r["injured"] == 10 for r in records)
    assert all(r["explain"] for r in records)


def test_user_errors_have_no_traceback(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "nope" / "x.duckdb")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
    suite = runner.invoke(app, ["evaluate", "no-such-suite", "x.jsonl"])
    assert suite.exit_code == 2
    assert "unknown suite" in suite.output


def test_python_api_is_small_and_typed() -> None:
    assert eventwire.__all__ == ["Actor", "Article", "Event", "EventFilter", "EventwireError",
                                 "Pipeline", "Place", "Settings", "Span", "Store", "extract"]
    events = eventwire.extract("Azerbaijan summoned the French ambassador on Monday.",
                               published="2021-11-17")
    assert [(e.event_type, e.cameo) for e in events] == [("ACCUSE", "114")]
    assert events[0].date == "2021-11-15"


def test_recode_replaces_the_records_of_stored_articles(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text("Published: 2021-11-17\n\nThe Rangers of the North "
                                       "attacked a village near Bree on Monday.\n")
    (tmp_path / "actors.json").write_text(json.dumps({"entities": [
        {"names": ["Rangers of the North"], "country": "ARN", "sector": "MIL"}],
        "countries": {"ARN": {"names": ["Arnor"]}}}))
    path = str(tmp_path / "s.duckdb")

    def actor_codes() -> list[list[str]]:
        out = runner.invoke(app, ["events", "--db", path, "--format", "jsonl"]).output
        return [[f"{a.get('country')} {a.get('sector')}" for a in json.loads(line)["actors"]]
                for line in out.splitlines()]

    assert runner.invoke(app, ["ingest", str(tmp_path / "news.txt"), "--db", path]).exit_code == 0
    before = actor_codes()
    assert before and "ARN MIL" not in before[0]
    with_actors = ["ingest", str(tmp_path / "news.txt"), "--db", path,
                   "--actors", str(tmp_path / "actors.json")]
    skipped = runner.invoke(app, with_actors)
    assert "0 new articles, 1 already stored, 0 failed" in skipped.output
    assert actor_codes() == before
    recoded = runner.invoke(app, [*with_actors, "--recode"])
    assert recoded.exit_code == 0, recoded.output
    assert "0 new articles, 1 already stored and recoded, 0 failed" in recoded.output
    assert actor_codes() == [["ARN MIL"]]
    assert "1 article and 1 event in 1 incident" in recoded.output
