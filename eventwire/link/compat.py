"""Can two reports describe the same incident? One test per dimension, each with its reason.

Every test returns `Evidence`: a score added to the pair's total, or a veto (score None) that
keeps the two apart whatever else agrees. The reason strings end up in `--explain`.

    type     same PLOVER type 1.0; two sides of one clash (ASSAULT/COERCE/MOBILIZE) 0.7;
             a PROTEST note and the ACCUSE/REJECT it makes 0.6; a statement (ACCUSE/REJECT/
             THREATEN) about a clash 0.3, only with an anchor (same sentence or same place)
    date     windows must overlap: a text date to the day is [d - slack, d + slack], a month or
             range its span, a publication date [published - lag, published]; same day 1.0,
             otherwise 0.4 (a window, not a day)
    place    same GeoNames id 1.0; within near_km 0.8; within max_km 0.5; a country that holds
             the other place 0.2; farther than max_km: veto; a missing place is neutral (0)
    actors   country codes compared as sets; same sides 1.0; swapped sides 1.0 (a direction
             conflict, not a reason to split); one shared party 0.5; no party in common: veto
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.config import LinkSettings
from eventwire.model import Event

CLASH_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN"})
NOTE_TYPES = frozenset({"PROTEST"})
KINDS_APART = " are different kinds of event"
_EARTH_KM = 6371.0
_COUNTRY_FEATURES = ("PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX")


@dataclass(frozen=True)
class Evidence:
    score: float | None  # None vetoes the pair
    reason: str

    @property
    def veto(self) -> bool:
        return self.score is None


@dataclass
class Profile:
    """What the tests need from one report, computed once."""

    event: Event
    outlet: str | None
    published: str | None
    window: tuple[date, date] | None  # None: no usable date, never linked
    firm_day: date | None  # a day the text itself gives
    attackers: frozenset[str]
    targets: frozenset[str]
    places: list[tuple[int | None, str | None, str | None, float | None, float | None, bool]]

    @property
    def parties(self) -> frozenset[str]:
        return self.attackers | self.targets


def profile(event: Event, outlet: str | None, published: str | None,
            settings: LinkSettings) -> Profile:
    attackers = _countries(event.actors)
    targets = _countries(event.recipients)
    claimant = event.claimed_by.country if event.claimed_by else None
    # A claimant reporting a clash with no target names an attack on its own side: "Armenian
    # units attacked our positions", said by Azerbaijan, is ARM -> AZE.
    if (event.event_type in CLASH_TYPES and not targets and claimant
            and claimant not in attackers):
        targets = frozenset({claimant})
    places = [(p.geonameid, p.country, p.admin1, p.lat, p.lon,
               (p.feature_code or "") in _COUNTRY_FEATURES) for p in event.locations]
    window, firm = date_window(event, published, settings)
    return Profile(event=event, outlet=outlet, published=published, window=window,
                   firm_day=firm, attackers=attackers, targets=targets, places=places)


def _countries(actors: list) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_window(event: Event, published: str | None,
                settings: LinkSettings) -> tuple[tuple[date, date] | None, date | None]:
    """The days the event may have happened on, and the day the text gives (if it gives one)."""
    start = _day(event.date)
    if start is None:
        return None, None
    if event.date_source == "published":
        return (start - timedelta(days=settings.published_lag_days), start), None
    if event.date_precision == "day":
        slack = timedelta(days=settings.day_slack_days)
        return (start - slack, start + slack), start
    end = _day(event.date_end) or start
    if (end - start).days >= settings.max_window_days:
        return None, None
    return (start, end), None


def type_evidence(a: Profile, b: Profile, anchored: bool) -> Evidence:
    """`anchored`: the two share a sentence or a place, which a statement needs to join a clash."""
    ta, tb = a.event.event_type, b.event.event_type
    if ta == tb:
        return Evidence(1.0, f"same type {ta}")
    pair = {ta, tb}
    if pair <= CLASH_TYPES:
        return Evidence(0.7, f"{ta} and {tb} of one clash")
    if pair & NOTE_TYPES and pair & STATEMENT_TYPES:
        return Evidence(0.6, f"{ta} and {tb}: a note and the accusation it makes")
    if pair & CLASH_TYPES and pair & STATEMENT_TYPES:
        if anchored:
            return Evidence(0.3, f"{ta} and {tb}: a statement about the clash")
        return Evidence(None, f"{ta} and {tb}: a statement joins a clash only in the same "
                              "sentence or place")
    return Evidence(None, f"{ta} and {tb}{KINDS_APART}")


def date_evidence(a: Profile, b: Profile) -> Evidence:
    if a.window is None or b.window is None:
        return Evidence(None, "no usable date")
    lo, hi = max(a.window[0], b.window[0]), min(a.window[1], b.window[1])
    if lo > hi:
        if a.firm_day and b.firm_day:
            return Evidence(None, f"different days ({a.firm_day} vs {b.firm_day})")
        return Evidence(None, f"date windows apart ({_span(a.window)} vs {_span(b.window)})")
    if a.firm_day and a.firm_day == b.firm_day:
        return Evidence(1.0, f"same day {a.firm_day}")
    return Evidence(0.4, f"dates overlap on {_span((lo, hi))}")


def _span(window: tuple[date, date]) -> str:
    lo, hi = window
    return str(lo) if lo == hi else f"{lo}..{hi}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_evidence(a: Profile, b: Profile, settings: LinkSettings) -> Evidence:
    if not a.places or not b.places:
        return Evidence(0.0, "place missing on one side")
    best: Evidence | None = None
    for pa in a.places:
        for pb in b.places:
            found = _place_pair(pa, pb, settings)
            if found.veto:
                continue
            if best is None or (found.score or 0) > (best.score or 0):
                best = found
    if best is not None:
        return best
    return Evidence(None, f"places more than {settings.max_km:g} km apart")


def _place_pair(pa: tuple, pb: tuple, settings: LinkSettings) -> Evidence:
    gid_a, country_a, admin_a, lat_a, lon_a, whole_a = pa
    gid_b, country_b, admin_b, lat_b, lon_b, whole_b = pb
    if gid_a is not None and gid_a == gid_b:
        return Evidence(1.0, f"same place (GeoNames {gid_a})")
    if whole_a or whole_b:
        if country_a and country_a == country_b:
            return Evidence(0.2, f"one place is the country {country_a} holding the other")
        return Evidence(0.0, "a country-wide place")
    if None not in (lat_a, lon_a, lat_b, lon_b):
        km = distance_km(lat_a, lon_a, lat_b, lon_b)
        if km <= settings.near_km:
            return Evidence(0.8, f"places {km:.0f} km apart")
        if km <= settings.max_km:
            return Evidence(0.5, f"places {km:.0f} km apart")
        return Evidence(None, f"places {km:.0f} km apart")
    if admin_a and admin_a == admin_b and country_a == country_b:
        return Evidence(0.5, f"same province {admin_a}")
    return Evidence(0.0, "places without coordinates")


def actor_evidence(a: Profile, b: Profile) -> Evidence:
    if not a.parties or not b.parties:
        return Evidence(0.0, "parties missing on one side")
    shared = a.parties & b.parties
    if not shared:
        return Evidence(None, f"no party in common ({_codes(a.parties)} vs {_codes(b.parties)})")
    same = bool(a.attackers & b.attackers) and (
        not a.targets or not b.targets or bool(a.targets & b.targets))
    if same:
        return Evidence(1.0, f"same sides ({_direction(a)})")
    swapped = bool(a.attackers & b.targets) and bool(a.targets & b.attackers)
    if swapped:
        return Evidence(1.0, f"sides swapped ({_direction(a)} vs {_direction(b)}): each blames "
                             "the other")
    return Evidence(0.5, f"shared party {_codes(shared)}")


def _codes(codes: frozenset[str]) -> str:
    return "/".join(sorted(codes)) or "?"


def _direction(p: Profile) -> str:
    return f"{_codes(p.attackers)} -> {_codes(p.targets)}"
