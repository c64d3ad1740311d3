"""The embedded event store: one DuckDB file (or ":memory:") shared by every front end.

Schema (created by `migrations.MIGRATIONS`, recorded in `_migrations`):

    articles  id PK (content hash), title, url, published, published_source, source, byline,
              source_file, source_line, text, ingested_at (UTC)
    events    id PK, article_id, event_type, event_mode, cameo, quad_class, date, date_end,
              date_precision, date_source, killed, injured, arrested, claimed_by_country,
              claimed_by_sector, claimed_by_text, attribution, modality, confidence, sentence,
              sentence_start, sentence_end, trigger_text, trigger_start, trigger_end,
              location_name, location_country, lat, lon (first place), source_file,
              record JSON (the full `Event.to_dict()`: `events()` rebuilds from it, so the flat
              columns are for filtering and SQL users and nothing is lost)
    actors    event_id, role ('actor' | 'recipient' | 'claimant'), position, text, start, "end",
              country, sector, name, title
    places    event_id, position, name, country, admin1, lat, lon, geonameid, feature_class

Dates are stored as the ISO strings the pipeline wrote; filters compare them as prefixes, so
"2021-11" means the whole month. Writes go through temporary JSONL files and `read_json`
(measured ~100x faster than `executemany`), one transaction per batch: an article and all its
events are committed together or not at all. DuckDB lets one process open a file read-write.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import orjson

from eventwire.config import LinkSettings
from eventwire.errors import StoreError
from eventwire.link import Cluster, LinkItem, LinkResult, gc_paused
from eventwire.link import link as link_events
from eventwire.link.compat import date_window
from eventwire.model import Actor, Article, Event, Incident, event_from_dict, incident_from_dict
from eventwire.store import migrations
from eventwire.store.incidents import (
    INCIDENT_COLUMNS,
    INCIDENT_EXPORT_FORMATS,
    INCIDENT_ORDER,
    ITEMS_SQL,
    LINK_COLUMNS,
    LinkStats,
    incident_rows,
    link_item,
    merged_intervals,
)

EXPORT_FORMATS = ("jsonl", "plover", "csv", "parquet")

# Every order ends in the event id, so pages never shuffle between calls.
ORDERS = {
    "date": "date ASC NULLS LAST, article_id, sentence_start, id",
    "-date": "date DESC NULLS LAST, article_id, sentence_start, id",
    "type": "event_type ASC, date ASC NULLS LAST, id",
    "-type": "event_type DESC, date DESC NULLS LAST, id",
    "country": "location_country ASC NULLS LAST, date ASC NULLS LAST, id",
    "-country": "location_country DESC NULLS LAST, date DESC NULLS LAST, id",
    "killed": "killed ASC NULLS LAST, date ASC NULLS LAST, id",
    "-killed": "killed DESC NULLS LAST, date DESC NULLS LAST, id",
    "confidence": "confidence ASC, date ASC NULLS LAST, id",
    "-confidence": "confidence DESC, date DESC NULLS LAST, id",
}
# How many fields an incident's reports disagree on (`conflicts` holds them comma-separated).
_DISPUTED = ("CASE WHEN coalesce(conflicts, '') = '' THEN 0 "
             "ELSE len(string_split(conflicts, ',')) END")
INCIDENT_ORDERS = {
    "date": "date ASC NULLS LAST, id",
    "-date": "date DESC NULLS LAST, id",
    "type": "event_type ASC, date ASC NULLS LAST, id",
    "-type": "event_type DESC, date DESC NULLS LAST, id",
    "reports": "report_count ASC, date ASC NULLS LAST, id",
    "-reports": "report_count DESC, date DESC NULLS LAST, id",
    "killed": "killed ASC NULLS LAST, date ASC NULLS LAST, id",
    "-killed": "killed DESC NULLS LAST, date DESC NULLS LAST, id",
    "disputed": f"{_DISPUTED} ASC, date ASC NULLS LAST, id",
    "-disputed": f"{_DISPUTED} DESC, date DESC NULLS LAST, id",
}
# Timeline buckets from an event's start day (YYYY-MM-DD): the day, its ISO week's Monday, or
# its month.
INTERVALS = {
    "day": "day",
    "week": "strftime(date_trunc('week', TRY_CAST(day AS DATE)), '%Y-%m-%d')",
    "month": "substr(day, 1, 7)",
}
# What a timeline's bars are split by.
GROUPINGS = {"type": "event_type", "country": "coalesce(location_country, '?')"}

CSV_FIELDS = (
    "id", "article_id", "date", "date_end", "date_precision", "event_type", "event_mode",
    "cameo", "quad_class", "actors", "actor_text", "recipients", "recipient_text", "claimed_by",
    "claimed_by_text", "attribution", "modality", "confidence", "killed", "injured", "arrested",
    "locations", "location_country", "lat", "lon", "trigger", "sentence", "source_file",
)

_ISO_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_FETCH_ROWS = 1000
# read_json refuses objects over its limit (16 MB by default); an article can be that long.
_MAX_JSON_OBJECT = 1 << 30


# Ids go to DuckDB as one JSON string: it converts each element of a list parameter slowly
# (half a second for the 5,000 ids of a batch), and a JSON array in one go.
_IN_IDS = "(SELECT unnest(json_extract_string(?, '$[*]')))"


def _ids_param(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))


def _json_line(row: dict[str, Any]) -> bytes:
    """One row as JSON; orjson encodes the event records straight from their dataclasses (a
    sixth of the time of `to_dict` and the standard encoder)."""
    try:
        return orjson.dumps(row)
    except orjson.JSONEncodeError as err:
        # Half of a UTF-16 surrogate pair, which the readers refuse but a library caller can
        # put in a text: DuckDB refuses it too, escaped or not.
        raise StoreError(f"cannot store a record: {err}") from None


@dataclass
class EventFilter:
    """Conditions on events; every field set must hold (AND). None means no condition."""

    date_from: str | None = None  # ISO prefix; keeps events whose [date, date_end] reaches it
    date_to: str | None = None  # ISO prefix; keeps events starting on or before it
    country: str | None = None  # ISO-3 of any actor or recipient, or of any place
    actor: str | None = None  # case-insensitive substring of actor/recipient text, name or code
    event_type: str | None = None  # PLOVER type(s), comma-separated, case-insensitive
    claimed_by: str | None = None  # claimant's country ("AZE") or code ("AZE MOD")
    modality: str | None = None
    article_id: str | None = None


class Store:
    """Articles and their events in one DuckDB database."""

    def __init__(self, path: str | Path = "eventwire.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only)
        try:
            self._prepare_schema()
            self._columns = self._table_columns()
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    # -- writing -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._errors("look up an article"):
            row = self._con.execute("SELECT count(*) FROM articles WHERE id = ?",
                                    [article_id]).fetchone()
        return bool(row and row[0])

    def add(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article with its events in one transaction; False if it was already stored."""
        return self._add_batch([(article, events)]) == 1

    def add_many(self, items: Iterable[tuple[Article, Sequence[Event]]], *,
                 batch_size: int = 500, replace: bool = False) -> int:
        """Store many articles, `batch_size` per transaction; returns how many were stored.

        An article already stored is skipped, or with `replace` stored again in place of the
        old one with its new events (recoded after an upgrade or with other actor files);
        the incidents are then out of date until `relink`."""
        added = 0
        iterator = iter(items)
        while batch := list(islice(iterator, batch_size)):
            added += self._add_batch(batch, replace)
        return added

    def _add_batch(self, batch: list[tuple[Article, Sequence[Event]]],
                   replace: bool = False) -> int:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        unique: dict[str, tuple[Article, list[Event]]] = {}
        for article, events in batch:
            unique.setdefault(article.id, (article, list(events)))
        for article, events in unique.values():
            _check_events(article, events)
        with self._errors("store articles"), self._transaction():
            # Checked inside the transaction, so what we skip is what is really there.
            known = self._stored_ids(list(unique))
            if replace and known:
                self._delete_articles(sorted(known))
            fresh = [item for article_id, item in unique.items()
                     if replace or article_id not in known]
            if fresh:
                self._insert(fresh)
        return len(fresh)

    def _delete_articles(self, article_ids: list[str]) -> None:
        """Articles with their events, the events' actors and places, and their links to
        incidents."""
        ids = [_ids_param(article_ids)]
        their_events = f"(SELECT id FROM events WHERE article_id IN {_IN_IDS})"
        for table in ("actors", "places"):
            self._con.execute(f"DELETE FROM {table} WHERE event_id IN {their_events}", ids)
        self._con.execute(f"DELETE FROM incident_reports WHERE article_id IN {_IN_IDS}", ids)
        self._con.execute(f"DELETE FROM events WHERE article_id IN {_IN_IDS}", ids)
        self._con.execute(f"DELETE FROM articles WHERE id IN {_IN_IDS}", ids)

    def _stored_ids(self, article_ids: list[str]) -> set[str]:
        rows = self._con.execute(
            f"SELECT id FROM articles WHERE id IN {_IN_IDS}", [_ids_param(article_ids)]).fetchall()
        return {article_id for (article_id,) in rows}

    def _insert(self, items: list[tuple[Article, list[Event]]]) -> None:
        ingested_at = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        tables: dict[str, list[dict[str, Any]]] = {
            "articles": [], "events": [], "actors": [], "places": []}
        for article, events in items:
            tables["articles"].append(_article_row(article, ingested_at))
            for event in events:
                tables["events"].append(_event_row(event))
                tables["actors"].extend(_actor_rows(event))
                tables["places"].extend(_place_rows(event))
        with tempfile.TemporaryDirectory(prefix="eventwire-store-") as tmp:
            for table, rows in tables.items():
                if rows:
                    self._bulk_insert(table, rows, Path(tmp) / f"{table}.jsonl")

    def _bulk_insert(self, table: str, rows: list[dict[str, Any]], scratch: Path,
                     dumps: Callable[[Any], bytes] = _json_line) -> None:
        with scratch.open("wb") as out:
            for row in rows:
                out.write(dumps(row))
                out.write(b"\n")
        types = self._columns[table]
        columns = "{" + ", ".join(f"'{name}': '{types[name]}'" for name in rows[0]) + "}"
        # One thread: the files are a batch of a few thousand rows, and the cores are busy
        # coding the next articles; DuckDB's threads spent 40% more CPU on them for no wall time.
        self._con.execute("SET threads = 1")
        try:
            self._con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_json(?, "
                f"format = 'newline_delimited', columns = {columns}, "
                f"maximum_object_size = {_MAX_JSON_OBJECT})", [str(scratch)])
        finally:
            self._con.execute("RESET threads")

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        with self._errors("read an article"):
            cursor = self._con.execute(
                "SELECT id, title, url, published, published_source, source, byline, "
                "source_file, source_line, text FROM articles WHERE id = ?", [article_id])
            row = cursor.fetchone()
            if row is None:
                return None
            names = [d[0] for d in cursor.description]
        return Article(**dict(zip(names, row, strict=True)))

    def events(self, filters: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "date") -> list[Event]:
        """Matching events, rebuilt from their stored records, in `ORDERS[order]` order."""
        sql, params = _paged(*self._select("record", filters, order), limit, offset)
        with self._errors("read events"):
            rows = self._con.execute(sql, params).fetchall()
        return [event_from_dict(json.loads(record)) for (record,) in rows]

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = _where(filters)
        with self._errors("count events"):
            row = self._con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()
        return row[0] if row else 0

    def stats(self) -> dict[str, int]:
        """Row counts: articles, events, actors (actor mentions of every role), places."""
        counts = {}
        with self._errors("count rows"):
            for table in ("articles", "events", "actors", "places"):
                row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
                counts[table] = row[0] if row else 0
        return counts

    def _select(self, columns: str, filters: EventFilter | None,
                order: str) -> tuple[str, list[Any]]:
        if order not in ORDERS:
            raise StoreError(f"unknown event order {order!r}; use one of {', '.join(ORDERS)}")
        where, params = _where(filters)
        return f"SELECT {columns} FROM events {where} ORDER BY {ORDERS[order]}", params

    # -- summaries -----------------------------------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        with self._errors("read an event"):
            row = self._con.execute("SELECT record FROM events WHERE id = ?",
                                    [event_id]).fetchone()
        return event_from_dict(json.loads(row[0])) if row else None

    def events_page(self, filters: EventFilter | None = None, *, limit: int, offset: int = 0,
                    order: str = "date") -> tuple[list[Event], int]:
        """One page of matching events and how many match in all (for paged views).

        The sort runs over narrow rows and only the page's records are read afterwards, and the
        window count evaluates the filters once: at 100,000 events this is ~5x faster than
        sorting the records themselves and counting apart.
        """
        sql, params = self._select("id, count(*) OVER ()", filters, order)
        with self._errors("read a page of events"):
            rows = self._con.execute(f"{sql} LIMIT ? OFFSET ?",
                                     [*params, limit, offset]).fetchall()
            if not rows:
                return [], self.count_events(filters) if offset else 0
            ids = [event_id for event_id, _ in rows]
            records = dict(self._con.execute(
                f"SELECT id, record FROM events WHERE id IN {_IN_IDS}",
                [_ids_param(ids)]).fetchall())
        return [event_from_dict(json.loads(records[i])) for i in ids], rows[0][1]

    def incidents_page(self, filters: EventFilter | None = None, *, limit: int,
                       offset: int = 0, order: str = "date") -> tuple[list[Incident], int]:
        """One page of incidents with a report matching `filters`, in `INCIDENT_ORDERS[order]`
        order, and how many match in all (read like `events_page`)."""
        if order not in INCIDENT_ORDERS:
            raise StoreError(f"unknown incident order {order!r}; use one of "
                             f"{', '.join(INCIDENT_ORDERS)}")
        where, params = _incident_where(filters)
        with self._errors("read a page of incidents"):
            rows = self._con.execute(
                f"SELECT id, count(*) OVER () FROM incidents {where} "
                f"ORDER BY {INCIDENT_ORDERS[order]} LIMIT ? OFFSET ?",
                [*params, limit, offset]).fetchall()
            if not rows:
                return [], self.count_incidents(filters) if offset else 0
            ids = [incident_id for incident_id, _ in rows]
            records = dict(self._con.execute(
                f"SELECT id, record FROM incidents WHERE id IN {_IN_IDS}",
                [_ids_param(ids)]).fetchall())
        return [incident_from_dict(json.loads(records[i])) for i in ids], rows[0][1]

    def incident_ids(self, event_ids: Sequence[str] | None = None) -> dict[str, str]:
        """The incident of each of these events that is in one (one query for a whole page), or
        of every linked event when `event_ids` is None."""
        with self._errors("look up incidents of events"):
            if event_ids is None:
                rows = self._con.execute(
                    "SELECT event_id, incident_id FROM incident_reports").fetchall()
            else:
                rows = self._con.execute(
                    "SELECT event_id, incident_id FROM incident_reports "
                    f"WHERE event_id IN {_IN_IDS}", [_ids_param(event_ids)]).fetchall()
        return dict(rows)

    def timeline(self, filters: EventFilter | None = None, *, interval: str = "day",
                 by: str = "type") -> list[tuple[str, str, int]]:
        """(bucket, group, events) for dated matching events, oldest bucket first.

        A bucket is the day (YYYY-MM-DD), the Monday of the ISO week, or the month (YYYY-MM) of
        the event's start date; undated events are left out.
        """
        if interval not in INTERVALS:
            raise StoreError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
        if by not in GROUPINGS:
            raise StoreError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")
        where, params = _where(filters)
        dated = f"{where} AND date IS NOT NULL" if where else "WHERE date IS NOT NULL"
        # Counting per day first keeps the per-row work to a substring; the bucket expression
        # then runs once per (day, group), 2-3x faster at 100,000 events.
        per_day = (f"SELECT substr(date, 1, 10) AS day, {GROUPINGS[by]} AS grp, count(*) AS n "
                   f"FROM events {dated} GROUP BY ALL")
        sql = (f"SELECT bucket, grp, sum(n)::BIGINT FROM (SELECT {INTERVALS[interval]} AS "
               f"bucket, grp, n FROM ({per_day})) WHERE bucket IS NOT NULL GROUP BY ALL "
               "ORDER BY bucket, grp")
        with self._errors("build the timeline"):
            rows = self._con.execute(sql, params).fetchall()
        return [(bucket, group, count) for bucket, group, count in rows]

    def map_points(self, filters: EventFilter | None = None, *,
                   cell_degrees: float = 0.0) -> list[dict[str, Any]]:
        """Located matching events, clustered on a `cell_degrees` grid (0: one point per place).

        Each point: lat, lon (the cluster's mean), events, and `event_id`/`article_id` of its
        latest event so a click can open it.
        """
        if not 0 <= cell_degrees <= 90:
            raise StoreError(f"cell_degrees must be between 0 and 90, got {cell_degrees}")
        where, params = _where(filters)
        located = "lat IS NOT NULL AND lon IS NOT NULL"
        where = f"{where} AND {located}" if where else f"WHERE {located}"
        if cell_degrees:
            key = "(floor(lat / ?)::BIGINT, floor(lon / ?)::BIGINT)"
            # The grid's parameters come before the WHERE clause's in the SQL text.
            params = [cell_degrees, cell_degrees, *params]
        else:
            key = "(round(lat, 4), round(lon, 4))"
        sql = (f"SELECT avg(lat), avg(lon), count(*), "
               f"arg_max(id, coalesce(date, '')), arg_max(article_id, coalesce(date, '')), "
               f"arg_max(location_name, coalesce(date, '')) "
               f"FROM (SELECT {key} AS cell, * FROM events {where}) GROUP BY cell "
               f"ORDER BY count(*) DESC, 4")
        with self._errors("place events on the map"):
            rows = self._con.execute(sql, params).fetchall()
        return [{"lat": lat, "lon": lon, "events": count, "event_id": event_id,
                 "article_id": article_id, "place": place}
                for lat, lon, count, event_id, article_id, place in rows]

    # -- export --------------------------------------------------------------------------------

    def export_events(self, path: str | Path, fmt: str,
                      filters: EventFilter | None = None) -> int:
        """Write matching events to `path` (replaced atomically); returns the rows written."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of "
                             f"{', '.join(EXPORT_FORMATS)}")
        target = Path(path)
        try:
            with _atomic_target(target) as scratch, self._errors(f"export events to {target}"):
                if fmt == "parquet":
                    return self._export_parquet(scratch, filters)
                if fmt == "csv":
                    return self._export_csv(scratch, filters)
                return self._export_jsonl(scratch, filters, plover=fmt == "plover")
        except OSError as err:
            raise StoreError(f"{target}: cannot write the export: {err.strerror or err}") from None

    def _records(self, filters: EventFilter | None) -> Iterator[str]:
        sql, params = self._select("record", filters, "date")
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(_FETCH_ROWS):
                yield from (record for (record,) in rows)
        finally:
            cursor.close()

    def _export_jsonl(self, scratch: Path, filters: EventFilter | None, *, plover: bool) -> int:
        written = 0
        with scratch.open("w", encoding="utf-8") as out:
            for record in self._records(filters):
                data = json.loads(record)
                if plover:
                    data = event_from_dict(data).to_plover()
                out.write(json.dumps(data, ensure_ascii=False))
                out.write("\n")
                written += 1
        return written

    def _export_csv(self, scratch: Path, filters: EventFilter | None) -> int:
        written = 0
        with scratch.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
            writer.writeheader()
            for record in self._records(filters):
                writer.writerow(_csv_row(event_from_dict(json.loads(record))))
                written += 1
        return written

    def _export_parquet(self, scratch: Path, filters: EventFilter | None) -> int:
        codes = ("coalesce((SELECT list(concat_ws(' ', a.country, a.sector) ORDER BY a.position) "
                 "FROM actors a WHERE a.event_id = events.id AND a.role = '{role}'), "
                 "[]::VARCHAR[]) AS {role}_codes")
        columns = ", ".join([
            "events.* EXCLUDE (record)", codes.format(role="actor"),
            codes.format(role="recipient"), "record::VARCHAR AS record"])
        sql, params = self._select(columns, filters, "date")
        row = self._con.execute(f"COPY ({sql}) TO '{_sql_string(scratch)}' (FORMAT parquet)",
                                params).fetchone()
        return row[0] if row else 0

    # -- incidents -----------------------------------------------------------------------------

    def link(self, settings: LinkSettings | None = None) -> LinkStats:
        """Put every event not yet in an incident into one, in one transaction.

        Only incidents whose date window meets a new event's are loaded as candidates; linking
        again with nothing new changes nothing.
        """
        settings = settings or LinkSettings()
        self._writable()
        with self._errors("link events into incidents"), self._transaction(), gc_paused():
            fresh = self._link_items(
                "WHERE events.id NOT IN (SELECT event_id FROM incident_reports)")
            if not fresh:
                return LinkStats(incidents=self._count("incidents"))
            candidates = self._candidate_incidents(fresh, settings)
            result = link_events(fresh, settings, candidates)
            return self._write_incidents(result, len(fresh), [c.id for c in candidates if c.id])

    def relink(self, settings: LinkSettings | None = None) -> LinkStats:
        """Rebuild every incident (after changing thresholds); an incident rebuilt from the same
        reports keeps its id."""
        settings = settings or LinkSettings()
        self._writable()
        with self._errors("relink incidents"), self._transaction(), gc_paused():
            previous = dict(self._con.execute(
                "SELECT event_id, incident_id FROM incident_reports").fetchall())
            self._con.execute("DELETE FROM incident_reports")
            self._con.execute("DELETE FROM incidents")
            items = self._link_items("")
            result = link_events(items, settings, previous=previous)
            return self._write_incidents(result, len(items), [])

    def incidents(self, filters: EventFilter | None = None, *, limit: int | None = None,
                  offset: int = 0) -> list[Incident]:
        """Incidents with at least one report (event) matching `filters`, by date then id."""
        where, params = _incident_where(filters)
        sql, params = _paged(f"SELECT record FROM incidents {where} ORDER BY {INCIDENT_ORDER}",
                             params, limit, offset)
        with self._errors("read incidents"):
            rows = self._con.execute(sql, params).fetchall()
        return [incident_from_dict(json.loads(record)) for (record,) in rows]

    def count_incidents(self, filters: EventFilter | None = None) -> int:
        where, params = _incident_where(filters)
        with self._errors("count incidents"):
            row = self._con.execute(f"SELECT count(*) FROM incidents {where}", params).fetchone()
        return row[0] if row else 0

    def incident(self, incident_id: str) -> Incident | None:
        with self._errors("read an incident"):
            row = self._con.execute("SELECT record FROM incidents WHERE id = ?",
                                    [incident_id]).fetchone()
        return incident_from_dict(json.loads(row[0])) if row else None

    def incident_id_of(self, event_id: str) -> str | None:
        with self._errors("look up an event's incident"):
            row = self._con.execute("SELECT incident_id FROM incident_reports WHERE event_id = ?",
                                    [event_id]).fetchone()
        return row[0] if row else None

    def export_incidents(self, path: str | Path, fmt: str,
                         filters: EventFilter | None = None, *, links: bool = False) -> int:
        """Write matching incidents (or, with `links`, their report-to-incident links: one row
        per event) to `path`, replaced atomically; returns the rows written."""
        if fmt not in INCIDENT_EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of "
                             f"{', '.join(INCIDENT_EXPORT_FORMATS)}")
        target = Path(path)
        where, params = _incident_where(filters)
        if links:
            sql = (f"SELECT {', '.join(LINK_COLUMNS)} FROM incident_reports "
                   "JOIN events ON events.id = incident_reports.event_id "
                   "JOIN articles ON articles.id = incident_reports.article_id "
                   "WHERE incident_reports.incident_id IN "
                   f"(SELECT id FROM incidents {where}) "
                   "ORDER BY incident_reports.incident_id, incident_reports.event_id")
        else:
            columns = ", ".join(INCIDENT_COLUMNS)
            if fmt == "parquet":
                columns += ", record::VARCHAR AS record"
            sql = f"SELECT {columns} FROM incidents {where} ORDER BY {INCIDENT_ORDER}"
        try:
            with _atomic_target(target) as scratch, self._errors(
                    f"export incidents to {target}"):
                if fmt == "jsonl" and not links:
                    return self._export_incident_records(scratch, where, params)
                options = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json",
                           "parquet": "FORMAT parquet"}[fmt]
                row = self._con.execute(f"COPY ({sql}) TO '{_sql_string(scratch)}' ({options})",
                                        params).fetchone()
                return row[0] if row else 0
        except OSError as err:
            raise StoreError(f"{target}: cannot write the export: {err.strerror or err}") from None

    def _export_incident_records(self, scratch: Path, where: str, params: list[Any]) -> int:
        written = 0
        cursor = self._con.cursor()
        try:
            cursor.execute(f"SELECT record FROM incidents {where} ORDER BY {INCIDENT_ORDER}",
                           params)
            with scratch.open("w", encoding="utf-8") as out:
                while rows := cursor.fetchmany(_FETCH_ROWS):
                    for (record,) in rows:
                        out.write(json.dumps(json.loads(record), ensure_ascii=False))
                        out.write("\n")
                        written += 1
        finally:
            cursor.close()
        return written

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    def _count(self, table: str) -> int:
        row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return row[0] if row else 0

    def _link_items(self, where: str, params: Sequence[Any] = ()) -> list[LinkItem]:
        rows = self._con.execute(f"{ITEMS_SQL} {where} ORDER BY events.id",
                                 list(params)).fetchall()
        return [link_item(record, outlet, published) for record, outlet, published in rows]

    def _candidate_incidents(self, fresh: list[LinkItem],
                             settings: LinkSettings) -> list[Cluster]:
        if not self._count("incidents"):  # a first ingest: no window to compute
            return []
        windows = [(w[0].isoformat(), w[1].isoformat()) for item in fresh
                   if (w := date_window(item.event, item.published, settings)[0]) is not None]
        if not windows:
            return []
        ranges = merged_intervals(windows)
        rows = self._con.execute(
            "SELECT id, record->'explain' FROM incidents WHERE window_start IS NOT NULL AND "
            "EXISTS (SELECT 1 FROM (SELECT unnest(?::VARCHAR[]) AS lo, "
            "unnest(?::VARCHAR[]) AS hi) w WHERE window_start <= w.hi AND window_end >= w.lo)",
            [[lo for lo, _ in ranges], [hi for _, hi in ranges]]).fetchall()
        if not rows:
            return []
        clusters = {incident_id: Cluster(items=[], id=incident_id,
                                         explain=json.loads(explain) if explain else [])
                    for incident_id, explain in rows}
        members = self._con.execute(
            "SELECT incident_reports.incident_id, events.record, articles.source, "
            "articles.published FROM incident_reports "
            "JOIN events ON events.id = incident_reports.event_id "
            "JOIN articles ON articles.id = incident_reports.article_id "
            f"WHERE incident_reports.incident_id IN {_IN_IDS} "
            "ORDER BY incident_reports.incident_id, events.id", [_ids_param(clusters)]).fetchall()
        for incident_id, record, outlet, published in members:
            clusters[incident_id].items.append(link_item(record, outlet, published))
        return list(clusters.values())

    def _write_incidents(self, result: LinkResult, events: int,
                         stored: list[str]) -> LinkStats:
        """Replace the incidents this run changed; `stored` are the ids it loaded, the only
        stored ones it can change (a new incident is named after a new event)."""
        written = [c.id or "" for c in result.clusters]
        replaced = sorted(set(stored) & {*written, *result.absorbed})
        if replaced:
            self._con.execute(f"DELETE FROM incident_reports WHERE incident_id IN {_IN_IDS}",
                              [_ids_param(replaced)])
            self._con.execute(f"DELETE FROM incidents WHERE id IN {_IN_IDS}",
                              [_ids_param(replaced)])
        rows: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for cluster in result.clusters:
            row, cluster_links = incident_rows(cluster)
            rows.append(row)
            links.extend(cluster_links)
        with tempfile.TemporaryDirectory(prefix="eventwire-link-") as tmp:
            if rows:
                # Everything here was read back from DuckDB, so it is valid UTF-8 for orjson,
                # which encodes the Incident records straight from their dataclasses (5x the
                # standard encoder on their dicts).
                self._bulk_insert("incidents", rows, Path(tmp) / "incidents.jsonl",
                                  orjson.dumps)
                self._bulk_insert("incident_reports", links, Path(tmp) / "links.jsonl",
                                  orjson.dumps)
        known = set(replaced)
        return LinkStats(
            events=events, created=sum(1 for i in written if i not in known),
            grown=sum(1 for i in written if i in known), merged=len(result.absorbed),
            incidents=self._count("incidents"), compared=result.compared, changed=written)

    # -- plumbing ------------------------------------------------------------------------------

    def _prepare_schema(self) -> None:
        with self._errors("set up the schema"):
            if not self.read_only:
                migrations.migrate(self._con)
                return
            missing = migrations.pending(self._con)
            older_version = bool(migrations.applied(self._con))
        if missing and older_version:
            self._upgrade_then_reopen_read_only()
        elif missing:
            raise StoreError(f"{self.path}: not an eventwire store (missing "
                             f"{', '.join(missing)})")

    def _upgrade_then_reopen_read_only(self) -> None:
        """A store written by an older eventwire: reading it needs its newer tables, so it is
        upgraded first (each migration atomic), as opening it read-write would."""
        self._con.close()
        with self._errors("upgrade a store from an older version (another process may hold "
                          "it open)"):
            writer = _connect(self.path, read_only=False)
            try:
                migrations.migrate(writer)
            finally:
                writer.close()
        self._con = _connect(self.path, read_only=True)

    def _table_columns(self) -> dict[str, dict[str, str]]:
        with self._errors("read the schema"):
            rows = self._con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main'").fetchall()
        columns: dict[str, dict[str, str]] = {}
        for table, column, data_type in rows:
            columns.setdefault(table, {})[column] = data_type
        return columns

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
            self._con.execute("COMMIT")
        except BaseException:
            _rollback(self._con)
            raise

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn DuckDB's exceptions into one-line StoreErrors naming the file and the action."""
        try:
            yield
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot {doing}: {_first_line(err)}") from None


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as err:
        raise StoreError(_open_failure(path, str(err))) from None


def _open_failure(path: str, message: str) -> str:
    if "Conflicting lock" in message:
        holder = re.search(r"\(PID (\d+)\)", message)
        by = f" (PID {holder.group(1)})" if holder else ""
        return (f"{path}: the store is open in another process{by}; DuckDB allows one writer "
                f"per file, so close that process first")
    if "not a valid DuckDB database" in message:
        return f"{path}: not a DuckDB database file"
    if "database does not exist" in message:
        return f"{path}: no store at this path"
    return f"{path}: cannot open the store: {_first_line(message)}"


def _first_line(err: object) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    # A failed COMMIT has already ended the transaction; ROLLBACK then has nothing to undo.
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _paged(sql: str, params: list[Any], limit: int | None,
           offset: int) -> tuple[str, list[Any]]:
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    if offset:
        sql += " OFFSET ?"
        params = [*params, offset]
    return sql, params


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


@contextmanager
def _atomic_target(target: Path) -> Iterator[Path]:
    """A scratch file next to `target` that replaces it only if the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    scratch = Path(name)
    try:
        yield scratch
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)


def _check_events(article: Article, events: list[Event]) -> None:
    seen: set[str] = set()
    for event in events:
        if event.article_id != article.id:
            raise StoreError(f"event {event.id} belongs to article {event.article_id}, "
                             f"not {article.id}")
        if event.id in seen:
            raise StoreError(f"article {article.id} has two events with id {event.id}")
        seen.add(event.id)


def _where(filters: EventFilter | None) -> tuple[str, list[Any]]:
    """SQL WHERE clause over `events` (unqualified columns) and its parameters."""
    if filters is None:
        return "", []
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    if filters.date_from:
        add("coalesce(date_end, date) >= ?", _iso_prefix("date_from", filters.date_from))
    if filters.date_to:
        date_to = _iso_prefix("date_to", filters.date_to)
        add("substr(date, 1, ?) <= ?", len(date_to), date_to)
    if filters.country:
        country = filters.country.strip().upper()
        add("(upper(location_country) = ? "
            "OR id IN (SELECT event_id FROM actors WHERE role <> 'claimant' "
            "AND upper(country) = ?) "
            "OR id IN (SELECT event_id FROM places WHERE upper(country) = ?))",
            country, country, country)
    if filters.actor:
        needle = filters.actor.strip().lower()
        add("id IN (SELECT event_id FROM actors WHERE role <> 'claimant' AND ("
            "contains(lower(text), ?) OR contains(lower(name), ?) "
            "OR contains(lower(concat_ws(' ', country, sector)), ?)))",
            needle, needle, needle)
    types = [t.strip().upper() for t in (filters.event_type or "").split(",") if t.strip()]
    if types:
        add(f"upper(event_type) IN ({', '.join('?' * len(types))})", *types)
    if filters.claimed_by:
        claimant = filters.claimed_by.strip().upper()
        add("(upper(claimed_by_country) = ? "
            "OR upper(concat_ws(' ', claimed_by_country, claimed_by_sector)) = ?)",
            claimant, claimant)
    if filters.modality:
        add("lower(modality) = ?", filters.modality.strip().lower())
    if filters.article_id:
        add("article_id = ?", filters.article_id.strip())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _incident_where(filters: EventFilter | None) -> tuple[str, list[Any]]:
    """WHERE over `incidents`: some report of the incident matches the event filters."""
    where, params = _where(filters)
    if not where:
        return "", []
    return ("WHERE id IN (SELECT incident_id FROM incident_reports WHERE event_id IN "
            f"(SELECT id FROM events {where}))"), params


def _iso_prefix(field_name: str, value: str) -> str:
    value = value.strip()
    if not _ISO_DATE_PREFIX.fullmatch(value) or not _real_date(value):
        raise StoreError(f"{field_name}: expected an ISO date such as 2021-11-16 or 2021-11, "
                         f"got {value!r}")
    return value


def _real_date(prefix: str) -> bool:
    """ "2021-13-01" and "2021-02-30" have the form of a date and are none."""
    year, month, day = (prefix.split("-") + ["01", "01"])[:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _article_row(article: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "url": article.url,
        "published": article.published, "published_source": article.published_source,
        "source": article.source, "byline": article.byline, "source_file": article.source_file,
        "source_line": article.source_line, "text": article.text, "ingested_at": ingested_at,
    }


def _event_row(event: Event) -> dict[str, Any]:
    claimant = event.claimed_by
    place = event.location
    return {
        "id": event.id, "article_id": event.article_id, "event_type": event.event_type,
        "event_mode": event.event_mode, "cameo": event.cameo, "quad_class": event.quad_class,
        "date": event.date, "date_end": event.date_end, "date_precision": event.date_precision,
        "date_source": event.date_source, "killed": event.killed, "injured": event.injured,
        "arrested": event.arrested,
        "claimed_by_country": claimant.country if claimant else None,
        "claimed_by_sector": claimant.sector if claimant else None,
        "claimed_by_text": claimant.text if claimant else None,
        "attribution": event.attribution, "modality": event.modality,
        "confidence": event.confidence, "sentence": event.sentence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "location_name": (place.name or place.text) if place else None,
        "location_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "source_file": event.source_file, "record": event,
    }


def _actor_rows(event: Event) -> list[dict[str, Any]]:
    roles: list[tuple[str, list[Actor]]] = [
        ("actor", event.actors), ("recipient", event.recipients),
        ("claimant", [event.claimed_by] if event.claimed_by else [])]
    return [
        {"event_id": event.id, "role": role, "position": position, "text": actor.text,
         "start": actor.start, "end": actor.end, "country": actor.country,
         "sector": actor.sector, "name": actor.name, "title": actor.title}
        for role, actors in roles for position, actor in enumerate(actors)
    ]


def _place_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {"event_id": event.id, "position": position, "name": place.name or place.text,
         "country": place.country, "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
         "geonameid": place.geonameid, "feature_class": place.feature_class}
        for position, place in enumerate(event.locations)
    ]


def _csv_row(event: Event) -> dict[str, Any]:
    def codes(actors: list[Actor]) -> str:
        return "; ".join(a.code for a in actors)

    def texts(actors: list[Actor]) -> str:
        return "; ".join(a.text for a in actors)

    place = event.location
    claimant = event.claimed_by
    return {
        "id": event.id, "article_id": event.article_id, "date": event.date,
        "date_end": event.date_end, "date_precision": event.date_precision,
        "event_type": event.event_type, "event_mode": event.event_mode, "cameo": event.cameo,
        "quad_class": event.quad_class, "actors": codes(event.actors),
        "actor_text": texts(event.actors), "recipients": codes(event.recipients),
        "recipient_text": texts(event.recipients),
        "claimed_by": claimant.code if claimant else None,
        "claimed_by_text": claimant.text if claimant else None,
        "attribution": event.attribution, "modality": event.modality,
        "confidence": event.confidence, "killed": event.killed, "injured": event.injured,
        "arrested": event.arrested,
        "locations": "; ".join(p.name or p.text for p in event.locations),
        "location_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "trigger": event.trigger.text, "sentence": event.sentence,
        "source_file": event.source_file,
    }
