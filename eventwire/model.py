"""The plain records that flow through the pipeline.

ingest -> Article; text -> Sentence; extract -> Event (with raw spans); resolve fills the codes.
Every stage takes and returns these records, never another stage's internals. Field names follow
PLOVER where PLOVER has one (`mode`, `actor`, `recipient`, `dead` are renamed only in the native
record where the issue tracker fixed a name; `to_plover()` writes the PLOVER names).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER quad categories, from the "Quad category" subsection of each type in the manual.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}

Modality = Literal["actual", "negated", "hypothetical", "future", "historical"]
Attribution = Literal["asserted", "claimed"]
DatePrecision = Literal["day", "month", "year", "range"]
DateSource = Literal["text", "published", "none"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id: re-running on the same input gives the same ids."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass
class Article:
    """One news article as read from a file, a JSONL line, an HTML page or stdin."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_source: Literal["given", "text", "none"] = "none"
    source: str | None = None  # the outlet
    byline: str | None = None
    source_file: str | None = None
    source_line: int | None = None

    def __post_init__(self) -> None:
        if not self.id:
            # Content-addressed, so re-ingesting the same text cannot duplicate it.
            self.id = stable_id(self.title or "", self.text)


@dataclass
class Span:
    """A stretch of article text, with character offsets into `Article.text`."""

    text: str
    start: int
    end: int


@dataclass
class Actor:
    """One entity taking part in an event (PLOVER's entity object)."""

    text: str
    start: int
    end: int
    country: str | None = None  # ISO-3, or PLOVER's IGO/NGO/... codes
    sector: str | None = None  # PLOVER sector: GOV, MIL, COP, CVL, ...
    name: str | None = None  # a person's or organisation's name
    title: str | None = None  # office held, e.g. "Deputy Foreign Minister"
    matched: str | None = None  # which dictionary entry resolved it (for --explain)

    @property
    def code(self) -> str:
        return " ".join(p for p in (self.country, self.sector) if p)


@dataclass
class Place:
    """A geocoded place (field names follow PLOVER's location object)."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    feature_code: str | None = None


@dataclass
class Event:
    """One political event, as one report (sentence) states it."""

    article_id: str
    event_type: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: Span
    id: str = ""
    event_mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    date: str | None = None  # ISO start date
    date_end: str | None = None  # ISO end date for ranges
    date_precision: DatePrecision | None = None
    date_source: DateSource = "none"
    date_text: Span | None = None
    locations: list[Place] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    claimed_by: Actor | None = None
    attribution: Attribution = "asserted"
    modality: Modality = "actual"
    confidence: float = 0.5
    source_file: str | None = None
    # For a statement the pipeline made from reported speech ("X said Y shelled Z"): the ids of
    # the claimed events it restates. Empty for every event the text states directly.
    statement_of: list[str] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.quad_class is None and self.event_type in QUAD_CLASS:
            self.quad_class = QUAD_CLASS[self.event_type]
        if not self.id:
            self.id = stable_id(self.article_id, self.event_type, self.trigger.start,
                                self.trigger.end)

    @property
    def location(self) -> Place | None:
        return self.locations[0] if self.locations else None

    def to_dict(self) -> dict[str, Any]:
        return _as_plain(self)

    def to_plover(self) -> dict[str, Any]:
        """The record under PLOVER's JSON field names (manual, chapter "Data Fields")."""

        def entity(a: Actor) -> dict[str, Any]:
            return {"code": a.country, "sector": a.sector, "entity_text": a.text,
                    "identifier_text": a.name, "office": a.title}

        def location(p: Place) -> dict[str, Any]:
            return {"extracted_place": p.text, "resolved_place": p.name,
                    "geonameid": p.geonameid, "lat": p.lat, "lon": p.lon,
                    "province": p.admin1, "country_code": p.country,
                    "feature_class": p.feature_class, "feature_code": p.feature_code}

        return {
            "id": self.id,
            "date": self.date,
            "enddate": self.date_end,
            "actor": [entity(a) for a in self.actors],
            "recipient": [entity(a) for a in self.recipients],
            "event": [self.event_type],
            "mode": [self.event_mode] if self.event_mode else [],
            "event_loc": [location(p) for p in self.locations],
            "event_text": [self.trigger.text],
            "quad_code": self.quad_class,
            "size": {"dead": self.killed, "injured": self.injured, "arrested": self.arrested},
            "text_info": {"start": self.sentence_start, "end": self.sentence_end},
            "cite_info": {"citation": self.article_id},
            "cameo": self.cameo,
            "claimed_by": entity(self.claimed_by) if self.claimed_by else None,
            "attribution": self.attribution,
            "modality": self.modality,
            "confidence": self.confidence,
            "coder": "eventwire",
        }


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an Event from `Event.to_dict()` output (JSONL, the store)."""
    data = dict(data)
    data["trigger"] = Span(**data["trigger"])
    data["actors"] = [Actor(**a) for a in data.get("actors") or []]
    data["recipients"] = [Actor(**a) for a in data.get("recipients") or []]
    data["locations"] = [Place(**p) for p in data.get("locations") or []]
    if data.get("date_text"):
        data["date_text"] = Span(**data["date_text"])
    if data.get("claimed_by"):
        data["claimed_by"] = Actor(**data["claimed_by"])
    return Event(**data)


# -- incidents: the link stage's output (see docs/incidents.md) -------------------------------


@dataclass
class Report:
    """One event record seen as a report of an incident: who said it, where, and what."""

    event_id: str
    article_id: str
    outlet: str | None
    published: str | None
    claimed_by: Actor | None
    attribution: Attribution
    event_type: str
    actors: list[str]  # actor codes ("ARM MIL"); a country-less actor appears as its text
    recipients: list[str]
    date: str | None
    date_end: str | None
    date_precision: DatePrecision | None
    place: str | None
    killed: int | None
    injured: int | None
    modality: Modality
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass
class Agreement:
    """How many of the reports that give `field` give the incident's merged `value`."""

    field: str
    value: str | int | None
    support: int
    total: int


@dataclass
class Version:
    """One value of a disputed field, with who asserts it."""

    value: str | int | None
    claimants: list[str]
    report_ids: list[str]


@dataclass
class Conflict:
    """A field the reports disagree on: killed, injured, direction, date, place or event_type."""

    field: str
    versions: list[Version]


@dataclass
class Claim:
    """One claimant's version of an incident: what its reports say, side by side with others."""

    claimant: str  # the claimant's code, or the outlet when the outlet reports on its own
    report_ids: list[str]
    direction: str | None  # "AZE -> ARM": who attacked (or acted against) whom
    date: str | None
    place: str | None
    killed: int | None
    injured: int | None


@dataclass
class Incident:
    """One real-world incident: the merged view of every report that describes it."""

    id: str
    event_type: str
    date: str | None
    date_end: str | None
    date_precision: DatePrecision | None
    location: Place | None
    actors: list[str]
    recipients: list[str]
    killed: int | None
    injured: int | None
    report_count: int
    outlet_count: int
    claimant_count: int
    agreement: list[Agreement] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


_LEAVES = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies (much faster when linking 100,000 events)."""
    if isinstance(value, list | tuple):
        return [item if isinstance(item, _LEAVES) else _plain(item) for item in value]
    return {name: item if isinstance(item, _LEAVES) else _plain(item)
            for name, item in vars(value).items()}


def incident_from_dict(data: dict[str, Any]) -> Incident:
    """Rebuild an Incident from `Incident.to_dict()` output (the store's record column)."""
    data = dict(data)
    if data.get("location"):
        data["location"] = Place(**data["location"])
    data["agreement"] = [Agreement(**a) for a in data.get("agreement") or []]
    data["conflicts"] = [
        Conflict(field=c["field"], versions=[Version(**v) for v in c["versions"]])
        for c in data.get("conflicts") or []]
    reports = []
    for report in data.get("reports") or []:
        report = dict(report)
        if report.get("claimed_by"):
            report["claimed_by"] = Actor(**report["claimed_by"])
        reports.append(Report(**report))
    data["reports"] = reports
    data["claims"] = [Claim(**c) for c in data.get("claims") or []]
    return Incident(**data)


_IMMUTABLE_LEAVES = (str, int, float, bool, type(None))


def _as_plain(value: Any) -> Any:
    """What `dataclasses.asdict` returns, without its deep copy of every leaf: a record's leaves
    are strings and numbers, and copying them was most of the time the store spent on an
    event."""
    if isinstance(value, _IMMUTABLE_LEAVES):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _as_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        return type(value)(*[_as_plain(item) for item in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_as_plain(item) for item in value)
    if isinstance(value, dict):
        return type(value)((_as_plain(k), _as_plain(v)) for k, v in value.items())
    return copy.deepcopy(value)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))
