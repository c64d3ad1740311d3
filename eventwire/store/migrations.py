"""Schema versions of the store, applied once each and recorded in `_migrations`.

Like sqlite-utils' migrations: `MIGRATIONS` is an ordered list of named functions. A store records
the name of every migration it has run; opening a store read-write runs the missing ones in order,
each in its own transaction together with its `_migrations` row, so a crash never leaves a half
applied schema. Never edit a migration that has shipped: add a new one that alters the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]

LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS _migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""


def initial_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Articles, events (flat columns plus the full record), actors and places."""
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            url VARCHAR,
            published VARCHAR,
            published_source VARCHAR,
            source VARCHAR,
            byline VARCHAR,
            source_file VARCHAR,
            source_line INTEGER,
            text VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )""")
    con.execute("""
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            event_mode VARCHAR,
            cameo VARCHAR,
            quad_class INTEGER,
            date VARCHAR,
            date_end VARCHAR,
            date_precision VARCHAR,
            date_source VARCHAR,
            killed INTEGER,
            injured INTEGER,
            arrested INTEGER,
            claimed_by_country VARCHAR,
            claimed_by_sector VARCHAR,
            claimed_by_text VARCHAR,
            attribution VARCHAR,
            modality VARCHAR,
            confidence DOUBLE,
            sentence VARCHAR,
            sentence_start INTEGER,
            sentence_end INTEGER,
            trigger_text VARCHAR,
            trigger_start INTEGER,
            trigger_end INTEGER,
            location_name VARCHAR,
            location_country VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            source_file VARCHAR,
            record JSON NOT NULL
        )""")
    con.execute("""
        CREATE TABLE actors (
            event_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            text VARCHAR,
            start INTEGER,
            "end" INTEGER,
            country VARCHAR,
            sector VARCHAR,
            name VARCHAR,
            title VARCHAR
        )""")
    con.execute("""
        CREATE TABLE places (
            event_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            name VARCHAR,
            country VARCHAR,
            admin1 VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            geonameid BIGINT,
            feature_class VARCHAR
        )""")
    for index, target in (
        ("events_date", "events(date)"),
        ("events_type", "events(event_type)"),
        ("events_country", "events(location_country)"),
        ("events_article", "events(article_id)"),
        ("actors_event", "actors(event_id)"),
        ("actors_country", "actors(country)"),
        ("places_event", "places(event_id)"),
        ("places_country", "places(country)"),
    ):
        con.execute(f"CREATE INDEX {index} ON {target}")


def incidents(con: duckdb.DuckDBPyConnection) -> None:
    """Incidents (flat columns plus the full record) and which event reports which incident.

    No primary keys: relinking deletes and re-inserts the same ids in one transaction, which
    DuckDB's eager unique checks refuse; the link stage guarantees uniqueness instead.
    """
    con.execute("""
        CREATE TABLE incidents (
            id VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            date VARCHAR,
            date_end VARCHAR,
            date_precision VARCHAR,
            location_name VARCHAR,
            location_country VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            actors VARCHAR,
            recipients VARCHAR,
            killed INTEGER,
            injured INTEGER,
            report_count INTEGER,
            outlet_count INTEGER,
            claimant_count INTEGER,
            conflicts VARCHAR,
            window_start VARCHAR,
            window_end VARCHAR,
            record JSON NOT NULL
        )""")
    con.execute("""
        CREATE TABLE incident_reports (
            incident_id VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL
        )""")
    for index, target in (
        ("incidents_id", "incidents(id)"),
        ("incidents_date", "incidents(date)"),
        ("incidents_window", "incidents(window_start)"),
        ("incident_reports_incident", "incident_reports(incident_id)"),
        ("incident_reports_event", "incident_reports(event_id)"),
    ):
        con.execute(f"CREATE INDEX {index} ON {target}")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial_schema", initial_schema),
    ("0002_incidents", incidents),
]


def applied(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the migrations this database has run (empty for a new or foreign database)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = '_migrations' "
        "AND database_name = current_database() AND schema_name = 'main'").fetchone()
    if not exists or not exists[0]:
        return set()
    return {name for (name,) in con.execute("SELECT name FROM _migrations").fetchall()}


def pending(con: duckdb.DuckDBPyConnection) -> list[str]:
    done = applied(con)
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run every migration not yet applied, each atomically; returns the names it ran."""
    con.execute(LEDGER_DDL)
    done = applied(con)
    ran = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            migration(con)
            con.execute("INSERT INTO _migrations VALUES (?, ?)",
                        [name, datetime.now(UTC).replace(tzinfo=None)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
