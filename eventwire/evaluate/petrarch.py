"""The `petrarch` suite: the PETRARCH2 unit-test sentences, coded by the full pipeline.

Each item is one sentence about invented countries (Arnor, Gondor, ...) with its `date` (YYYYMMDD,
used as the publication date) and, in `gold`, the PETRARCH `events` ({source, target, event}:
actor codes such as "ARNGOV" and CAMEO codes), `noevents` (the sentence must give no event) and
`error` (PETRARCH refused the item: skipped, counted in the notes).

The invented countries come from the PETRARCH dictionaries in a `petrarch-dicts` folder beside the
gold file (`PETR.Validate.actors.txt`, `PETR.Validate.agents.txt`), loaded through
`Settings.actor_files`, as a user would load their own dictionaries.

Scoring, per sentence: gold and predicted events are paired greedily, best pair first (same CAMEO
code, then same root, then agreeing actor countries); each prediction serves one gold event.
A gold event without a partner counts as wrong on every measure. A gold actor code is read like a
dictionary code: the first three letters are the country ("---" means none), a later CAMEO agent
chunk the sector. A predicted role agrees when any of its actors has the gold country (a role with
no actor, or an actor without a country, stands for "---").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.config import Settings
from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import read_items
from eventwire.model import Actor, Event
from eventwire.pipeline import Pipeline

# Decoding gold codes exactly as the resolver decodes the dictionaries keeps both sides comparable.
from eventwire.resolve.actors import _decode_code

DICTS_FOLDER = "petrarch-dicts"
DICT_FILES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
_DATE = re.compile(r"^\d{8}$")
_NO_ACTOR = "---"
_MISSES_SHOWN = 40
_PATTERNS_SHOWN = 20


@dataclass
class _Gold:
    source: str
    target: str
    event: str

    @property
    def root(self) -> str:
        return self.event[:2]

    @property
    def in_cameo(self) -> bool:
        """CAMEO has twenty roots, 01-20; the unit tests also exercise codes PETRARCH's own
        validation verb dictionary invents (903, 345, 802), which no coder of CAMEO can give."""
        return self.root.isdigit() and 1 <= int(self.root) <= 20


def _read_items(path: Path) -> list[dict[str, Any]]:
    return read_items(path, _well_formed, "not a PETRARCH item (needs text, gold.events as "
                      "{source, target, event} objects)")


def _well_formed(item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return False
    gold = item.get("gold")
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        return False
    return all(isinstance(e, dict) and all(isinstance(e.get(k), str)
                                           for k in ("source", "target", "event"))
               for e in gold["events"])


def _published(item: dict[str, Any]) -> str | None:
    raw = str(item.get("date") or "")
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}" if _DATE.match(raw) else None


def _country(code: str) -> str | None:
    country, _ = _decode_code(code, agent=False)
    return None if not country or country == _NO_ACTOR else country


def _sector(code: str) -> str | None:
    return _decode_code(code, agent=False)[1]


def _countries(actors: list[Actor]) -> set[str | None]:
    return {a.country for a in actors} or {None}


def _agreement(gold: _Gold, event: Event) -> tuple[bool, bool]:
    return (_country(gold.source) in _countries(event.actors),
            _country(gold.target) in _countries(event.recipients))


def _pair_score(gold: _Gold, event: Event) -> tuple[int, int, int]:
    cameo = event.cameo or ""
    return int(cameo == gold.event), int(cameo[:2] == gold.root), sum(_agreement(gold, event))


def _match(gold: list[_Gold], predicted: list[Event]) -> dict[int, Event]:
    """Gold index -> its predicted partner, taking the best-scoring free pairs first."""
    pairs = sorted(((tuple(-s for s in _pair_score(g, e)), gi, ei)
                    for gi, g in enumerate(gold) for ei, e in enumerate(predicted)))
    partners: dict[int, Event] = {}
    used: set[int] = set()
    for _, gi, ei in pairs:
        if gi not in partners and ei not in used:
            partners[gi] = predicted[ei]
            used.add(ei)
    return partners


def _actor_label(actor: Actor) -> str:
    """The actor's code, or its uncoded text in quotes (so misses show what was picked up)."""
    return actor.code or f"'{actor.text[:30]}'"


def _describe(event: Event | None) -> str:
    if event is None:
        return "(none)"

    def role(actors: list[Actor]) -> str:
        return "+".join(_actor_label(a) for a in actors) or "-"

    return f"{role(event.actors)} -> {role(event.recipients)} {event.cameo or event.event_type}"


class _Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, name: str, ok: bool) -> None:
        self.counts[name + "_n"] += 1
        self.counts[name] += int(ok)

    def rate(self, name: str) -> float | None:
        total = self.counts[name + "_n"]
        return self.counts[name] / total if total else None


def _dictionary_files(path: Path) -> tuple[list[str], str]:
    folder = path.parent / DICTS_FOLDER
    found = [folder / name for name in DICT_FILES if (folder / name).is_file()]
    if not found:
        return [], f"no {DICTS_FOLDER}/ beside the gold file: invented countries stay unknown"
    return [str(f) for f in found], f"actor dictionaries: {', '.join(f.name for f in found)}"


@suite("petrarch")
def run(path: Path) -> SuiteResult:
    items = _read_items(path)
    actor_files, dict_note = _dictionary_files(path)
    pipeline = Pipeline(Settings(actor_files=actor_files))
    tally = _Tally()
    skipped = predicted_total = outside_cameo = 0
    misses: list[Row] = []
    verb_errors: Counter[tuple[str, str]] = Counter()
    actor_errors: Counter[tuple[str, str, str]] = Counter()
    for item in items:
        gold_info = item["gold"]
        if gold_info.get("error"):
            skipped += 1
            continue
        events = pipeline.extract(item["text"], published=_published(item))
        if gold_info.get("noevents"):
            tally.add("noevent", not events)
            if events and len(misses) < _MISSES_SHOWN:
                misses.append([item.get("id", ""), "(no event)", _describe(events[0])])
            continue
        gold = [_Gold(e["source"], e["target"], e["event"]) for e in gold_info["events"]]
        if not gold:
            continue
        outside_cameo += sum(not g.in_cameo for g in gold)
        predicted_total += len(events)
        partners = _match(gold, events)
        for index, expected in enumerate(gold):
            found = partners.get(index)
            cameo = (found.cameo or "") if found else ""
            source_ok, target_ok = _agreement(expected, found) if found else (False, False)
            tally.add("root", cameo[:2] == expected.root)
            tally.add("cameo", cameo == expected.event)
            tally.add("actors", source_ok and target_ok)
            tally.add("source", source_ok)
            tally.add("target", target_ok)
            for code, actors in ((expected.source, found.actors if found else []),
                                 (expected.target, found.recipients if found else [])):
                if _country(code) and _sector(code):
                    tally.add("sector", _sector(code) in {a.sector for a in actors})
            if cameo[:2] != expected.root:
                verb_errors[(expected.root, cameo[:2] or "none")] += 1
            for role, code, ok in (("source", expected.source, source_ok),
                                   ("target", expected.target, target_ok)):
                if found and not ok:
                    actors = found.actors if role == "source" else found.recipients
                    label = "+".join(_actor_label(a) for a in actors) or "-"
                    actor_errors[(role, code, label)] += 1
            if (cameo[:2] != expected.root or not (source_ok and target_ok)) and \
                    len(misses) < _MISSES_SHOWN:
                misses.append([item.get("id", ""),
                               f"{expected.source} -> {expected.target} {expected.event}",
                               _describe(found)])
    scored_events = tally.counts["root_n"]
    metrics: dict[str, float | None] = {
        "cameo_root_accuracy": tally.rate("root"),
        "cameo_accuracy": tally.rate("cameo"),
        "actor_code_accuracy": tally.rate("actors"),
        "source_country_accuracy": tally.rate("source"),
        "target_country_accuracy": tally.rate("target"),
        "sector_accuracy": tally.rate("sector"),
        "noevent_accuracy": tally.rate("noevent"),
        "gold_events": float(scored_events),
        "predicted_events": float(predicted_total),
    }
    verb_rows: list[Row] = [[g, p, n] for (g, p), n in verb_errors.most_common(_PATTERNS_SHOWN)]
    actor_rows: list[Row] = [[r, g, p, n] for (r, g, p), n in
                             actor_errors.most_common(_PATTERNS_SHOWN)]
    return SuiteResult(
        suite="petrarch", path=str(path), items=len(items) - skipped, metrics=metrics,
        tables={
            "misses (gold vs best predicted)": (["id", "gold", "predicted"], misses),
            "CAMEO root confusions": (["gold root", "predicted root", "n"], verb_rows),
            "actor disagreements on paired events": (["role", "gold", "predicted", "n"],
                                                     actor_rows),
        },
        notes=[dict_note,
               f"{skipped} items with a PETRARCH error skipped",
               f"{outside_cameo} of {scored_events} gold events carry a code outside CAMEO's "
               "roots 01-20 (the tests exercise PETRARCH's validation verb dictionary, which is "
               "not among the gold files); the codes score against that dictionary, not CAMEO",
               "pairs within a sentence, best first; countries compare ISO-3 / invented codes; "
               "sector_accuracy over gold actor codes with a country and a sector"],
    )
