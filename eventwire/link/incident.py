"""A cluster of reports -> an Incident: merged fields, their agreement, conflicts and claims.

The merged value of a field is the one most reports give (ties: the larger number, or the first
report's value). The incident's type is the commonest among its most material reports (an
ASSAULT with the ACCUSEs made about it is an ASSAULT). Conflicts list every version of a field
with its claimants; a claimant is the party a report attributes the event to, or the outlet
when the outlet states it on its own authority.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from eventwire.link.compat import COUNTRY_FEATURES, link_kind
from eventwire.link.linker import Cluster, LinkItem
from eventwire.model import (
    QUAD_CLASS,
    Actor,
    Agreement,
    Claim,
    Conflict,
    Event,
    Incident,
    Place,
    Report,
    Version,
)

Value = str | int | None


def report_of(item: LinkItem) -> Report:
    e = item.event
    place = e.location
    return Report(
        event_id=e.id, article_id=e.article_id, outlet=item.outlet, published=item.published,
        claimed_by=e.claimed_by, attribution=e.attribution, event_type=e.event_type,
        actors=_codes(e.actors), recipients=_codes(e.recipients), date=e.date,
        date_end=e.date_end, date_precision=e.date_precision,
        place=(place.name or place.text) if place else None, killed=e.killed,
        injured=e.injured, modality=e.modality, sentence=e.sentence,
        sentence_start=e.sentence_start, sentence_end=e.sentence_end)


def _codes(actors: list[Actor]) -> list[str]:
    return [a.code or a.text for a in actors]


def claimant(item: LinkItem) -> str:
    who: Actor | None = item.event.claimed_by
    if who is not None:
        return who.code or who.text
    return item.outlet or "unattributed"


def direction(event: Event) -> str | None:
    """"ARM -> AZE" by country; None when the report names no acting country.

    A side never targets itself (that is a coding slip); a claimant reporting an attack with no
    target is taken to report one on its own side, as the link stage does.
    """
    attackers = {a.country for a in event.actors if a.country}
    if not attackers:
        return None
    targets = {a.country for a in event.recipients if a.country} - attackers
    claimant = event.claimed_by.country if event.claimed_by else None
    if not targets and claimant and claimant not in attackers:
        targets = {claimant}
    return f"{'/'.join(sorted(attackers))} -> {'/'.join(sorted(targets)) or '?'}"


def _attackers(value: Value) -> str:
    return str(value).split(" -> ")[0]


def _date(event: Event) -> str | None:
    # Publication dates say when it was reported, not when it happened.
    return event.date if event.date_source == "text" else None


def _place(event: Event) -> str | None:
    """The first place below country level: "Armenia" is no version of where in Armenia."""
    for place in event.locations:
        if (place.feature_code or "") not in COUNTRY_FEATURES:
            return place.name or place.text
    return None


def _killed(event: Event) -> Value:
    return event.killed


def _injured(event: Event) -> Value:
    return event.injured


FIELDS: dict[str, Callable[[Event], Value]] = {
    "event_type": link_kind,
    "date": _date,
    "place": _place,
    "direction": direction,
    "killed": _killed,
    "injured": _injured,
}


def _field_values(items: Sequence[LinkItem]) -> dict[str, dict[str, Value]]:
    """Each field's value in each report (by event id), read once for the incident's versions
    and every claim. An act told as not done (a denial) gives its day and place, and is a
    REJECT: it gives no sides or toll."""
    return {name: {i.event.id: get(i.event) if link_kind(i.event) == i.event.event_type
                   or name in _OF_A_DENIAL else None for i in items}
            for name, get in FIELDS.items()}


_OF_A_DENIAL = frozenset({"event_type", "date", "place"})


def _versions(items: Sequence[LinkItem], value_of: dict[str, Value],
              said_by: dict[str, str],
              same: Callable[[Value], Value] | None = None) -> list[Version]:
    """Distinct values with their claimants, most reports first (ties: larger numbers, then
    first seen). `value_of` maps event ids to the field's value, `said_by` to claimants. `same`
    maps values that do not disagree to one key (a direction with and without a known target),
    shown as its commonest value with a known target."""
    if len(items) == 1:  # most incidents have one report, or one of their kind
        event_id = items[0].event.id
        value = value_of[event_id]
        return [] if value is None else [Version(value=value, claimants=[said_by[event_id]],
                                                 report_ids=[event_id])]
    groups: dict[Value, list[tuple[Value, LinkItem]]] = {}
    for item in items:
        value = value_of[item.event.id]
        if value is not None:
            groups.setdefault(value if same is None else same(value), []).append((value, item))
    versions = []
    for pairs in groups.values():
        shown = pairs[0][0]
        if same is not None:
            known = [v for v, _ in pairs if not str(v).endswith("?")]
            shown = Counter(known).most_common(1)[0][0] if known else shown
        versions.append(Version(value=shown,
                                claimants=list(dict.fromkeys(said_by[i.event.id]
                                                             for _, i in pairs)),
                                report_ids=[i.event.id for _, i in pairs]))
    versions.sort(key=lambda v: (-len(v.report_ids),
                                 -(v.value if isinstance(v.value, int) else 0)))
    return versions


def _main_reports(items: Sequence[LinkItem]) -> list[LinkItem]:
    # A denial told as an act not done is a statement, not the most material report.
    top = max(QUAD_CLASS.get(link_kind(i.event), 0) for i in items)
    return [i for i in items if QUAD_CLASS.get(link_kind(i.event), 0) == top]


def build_incident(cluster: Cluster) -> Incident:
    items = cluster.items
    main = _main_reports(items)
    said_by = {i.event.id: claimant(i) for i in items}
    values = _field_values(items)
    agreement: list[Agreement] = []
    conflicts: list[Conflict] = []
    merged: dict[str, Value] = {}
    for name in FIELDS:
        # Who did what to whom comes from the reports of the incident's own kind; a statement
        # about the clash has the accuser as its actor, which is no version of the attack.
        pool = main if name in ("direction", "event_type") else items
        versions = _versions(pool, values[name], said_by,
                             _attackers if name == "direction" else None)
        if not versions:
            merged[name] = None
            continue
        merged[name] = versions[0].value
        agreement.append(Agreement(field=name, value=versions[0].value,
                                   support=len(versions[0].report_ids),
                                   total=sum(len(v.report_ids) for v in versions)))
        if len(versions) > 1:
            conflicts.append(Conflict(field=name, versions=versions))
    lead = _lead(main, merged)
    # The actors of the majority version of who attacked whom.
    side = [i for i in main if merged["direction"] is not None
            and _attackers(values["direction"][i.event.id]) == _attackers(merged["direction"])
            ] or main
    location = _location(items, merged["place"])
    return Incident(
        id=cluster.id or "", event_type=str(merged["event_type"]),
        date=lead.date, date_end=lead.date_end, date_precision=lead.date_precision,
        location=location,
        actors=sorted({c for i in side for c in _codes(i.event.actors)}),
        recipients=sorted({c for i in side for c in _codes(i.event.recipients)}),
        killed=_int(merged["killed"]), injured=_int(merged["injured"]),
        report_count=len(items),
        outlet_count=len({i.outlet for i in items if i.outlet}),
        claimant_count=len(set(said_by.values())),
        agreement=agreement, conflicts=conflicts,
        reports=[report_of(i) for i in items], explain=list(cluster.explain),
        claims=claims(items, main, said_by, values))


def _int(value: Value) -> int | None:
    return value if isinstance(value, int) else None


def _lead(main: list[LinkItem], merged: dict[str, Value]) -> Event:
    """The report whose date stands for the incident: one giving the merged date, if any."""
    for item in main:
        if merged["date"] is not None and _date(item.event) == merged["date"]:
            return item.event
    return main[0].event


def _location(items: Sequence[LinkItem], name: Value) -> Place | None:
    for item in items:
        for place in item.event.locations:
            if name is not None and (place.name or place.text) == name:
                return place
    return None


def claims(items: Sequence[LinkItem], main: Sequence[LinkItem] = (),
           said_by: dict[str, str] | None = None,
           values: dict[str, dict[str, Value]] | None = None) -> list[Claim]:
    """Each claimant's version (its reports' commonest values), in order of first appearance.

    Who attacked whom comes only from `main`, the reports of the incident's own kind (default:
    the most material ones), never from a statement's accuser and accused. `said_by` maps
    event ids to claimants; `values` each field's value by event id (read here when None).
    """
    main_ids = {i.event.id for i in (main or _main_reports(items))}
    said_by = said_by or {i.event.id: claimant(i) for i in items}
    values = values or _field_values(items)
    by_claimant: dict[str, list[LinkItem]] = {}
    for item in items:
        by_claimant.setdefault(said_by[item.event.id], []).append(item)
    result = []
    for who, own in by_claimant.items():
        ids = [i.event.id for i in own]

        def top(name: str, ids: list[str] = ids) -> Value:
            if len(ids) == 1:  # most claimants have one report
                return values[name][ids[0]]
            return _commonest(values[name][i] for i in ids)

        result.append(Claim(
            claimant=who, report_ids=ids,
            direction=_str(top("direction", [i for i in ids if i in main_ids])),
            date=_str(top("date")), place=_str(top("place")), killed=_int(top("killed")),
            injured=_int(top("injured"))))
    return result


def _commonest(values: Iterable[Value]) -> Value:
    """The value most often given, ranked like `_versions` ranks versions (ties: the larger
    number, then the first given); None when none is given. Claims need only this winner, and
    building every version of every claimant's field cost more than all the rest of an
    incident."""
    counts: dict[Value, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], v if isinstance(v, int) else 0))


def _str(value: Value) -> str | None:
    return None if value is None else str(value)
