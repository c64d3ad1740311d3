"""Rows and queries behind the store's incident methods (the link stage itself is eventwire.link).

    incidents         id, event_type, date, date_end, date_precision, location_name,
                      location_country, lat, lon, actors, recipients ("; "-joined codes),
                      killed, injured, report_count, outlet_count, claimant_count,
                      conflicts (comma-joined conflicting fields), window_start, window_end
                      (the days every report allows; NULL for an incident never linked),
                      record JSON (the full `Incident.to_dict()`, encoded from the Incident)
    incident_reports  incident_id, event_id, article_id: every event is in exactly one incident
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from eventwire.link import Cluster, LinkItem, build_incident
from eventwire.model import Incident, event_from_dict

INCIDENT_EXPORT_FORMATS = ("jsonl", "csv", "parquet")
INCIDENT_COLUMNS = (
    "id", "event_type", "date", "date_end", "date_precision", "location_name",
    "location_country", "lat", "lon", "actors", "recipients", "killed", "injured",
    "report_count", "outlet_count", "claimant_count", "conflicts",
)
LINK_COLUMNS = (
    "incident_reports.incident_id", "incident_reports.event_id", "incident_reports.article_id",
    "articles.source AS outlet", "events.event_type", "events.date",
    "events.claimed_by_country", "events.claimed_by_text", "events.sentence",
)
# What the CLI and exports order incidents by; the id keeps pages stable.
INCIDENT_ORDER = "date ASC NULLS LAST, id"

ITEMS_SQL = ("SELECT events.record, articles.source, articles.published FROM events "
             "JOIN articles ON articles.id = events.article_id")


@dataclass
class LinkStats:
    """What one `Store.link` or `Store.relink` did."""

    events: int = 0  # events placed in an incident by this run
    created: int = 0  # incidents new in this run
    grown: int = 0  # existing incidents that gained reports
    merged: int = 0  # existing incidents absorbed into another (a report bridged them)
    incidents: int = 0  # incidents stored after the run
    compared: int = 0  # candidate report pairs scored
    changed: list[str] = field(default_factory=list)  # ids written by this run


def link_item(record: str | dict[str, Any], outlet: str | None,
              published: str | None) -> LinkItem:
    data = record if isinstance(record, dict) else orjson.loads(record)
    return LinkItem(event=event_from_dict(data), outlet=outlet, published=published)


def merged_intervals(windows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping ISO day windows joined, so candidate incidents are fetched in few ranges."""
    merged: list[tuple[str, str]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def incident_rows(cluster: Cluster) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The incident's row and its links. The row's `record` is the `Incident` itself, for a
    JSON encoder that reads dataclasses (orjson): copying it into dicts first
    (`Incident.to_dict`) cost as much again as encoding it."""
    incident = build_incident(cluster)
    window = cluster.window
    row = flat_row(incident)
    row["window_start"] = window[0].isoformat() if window else None
    row["window_end"] = window[1].isoformat() if window else None
    row["record"] = incident
    links = [{"incident_id": incident.id, "event_id": r.event_id, "article_id": r.article_id}
             for r in incident.reports]
    return row, links


def flat_row(incident: Incident) -> dict[str, Any]:
    place = incident.location
    return {
        "id": incident.id, "event_type": incident.event_type, "date": incident.date,
        "date_end": incident.date_end, "date_precision": incident.date_precision,
        "location_name": (place.name or place.text) if place else None,
        "location_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "actors": "; ".join(incident.actors), "recipients": "; ".join(incident.recipients),
        "killed": incident.killed, "injured": incident.injured,
        "report_count": incident.report_count, "outlet_count": incident.outlet_count,
        "claimant_count": incident.claimant_count,
        "conflicts": ",".join(c.field for c in incident.conflicts),
    }
