"""The `plover-gsr` suite: one labelled PLOVER event per sentence (the PLOVER gold standard).

Gold uses PLOVER draft 0.5 names; DEMAND, DISAPPROVE, INVESTIGATE and FIGHT are scored as their
PLOVER 2.0 names REQUEST, ACCUSE, ACCUSE and ASSAULT. Each sentence is coded alone and compared
through its primary event (`metrics.primary_event`: the first event that is neither negated nor a
statement derived from reported speech, else the first event; a sentence with no event has no
prediction, which counts as wrong).

- `event_type_accuracy`: over sentences with a gold event;
- `event_type_macro_f1`: per-type F1 averaged over the 16 PLOVER types;
- `actor_f1`: micro F1 of (role, country, sector) triples, role source/target, gold from the
  `source`/`target` lists and predicted from the primary event's actors/recipients; a missing
  sector compares as "", and an actor with neither code nor sector is left out on both sides
  (it says nothing a code could match);
- `event_detection_recall`: share of gold sentences where any event was coded;
- `casualty_accuracy`: over the gold `dead` and `injured` counts (few sentences have one), the
  share the primary event's `killed` and `injured` give exactly;
- `location_accuracy`: over sentences with a gold `event_loc`, the share whose primary event has
  a location of that name (as written in the sentence or the gazetteer's name, "the town of"
  set aside, spellings with the same consonants alike: "Algers", "Algiers"), or where the gold
  names a country, a location in it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import (
    NO_PREDICTION,
    SetMatch,
    accuracy,
    class_table,
    code_texts,
    confusion_table,
    macro_f1,
    per_class,
    primary_event,
    ratio,
    read_gold,
)
from eventwire.model import EVENT_TYPES, Actor, Event
from eventwire.resolve.geo import Gazetteer, fold_name, name_skeleton

DRAFT_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
               "FIGHT": "ASSAULT"}
_MISSES_SHOWN = 40

Triple = tuple[str, str, str]
# The GSR was coded under PLOVER 0.5, before the 2.0 manual gave the UN and the EU codes of their
# own (table "International Non-state actor names"); under 0.5 both are IGO.
GSR_CODES = {"UNO": "IGO", "EUR": "IGO"}
# Gold spellings read as PLOVER 2.0: the GSR's non-ISO country codes, its 0.5 sector CIV, the
# CAMEO religion code MOS used as a sector, and "***" (coder gave no sector).
GSR_GOLD_COUNTRIES = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA"}
GSR_GOLD_SECTORS = {"CIV": "CVL", "MOS": "REL", "***": ""}


def gold_sector(sector: str) -> str:
    """A GSR sector in PLOVER 2.0 spelling; "CVLalb", "REFKUR" carry a group tag after the
    three-letter sector, which the triple compares without."""
    sector = GSR_GOLD_SECTORS.get(sector, sector)
    return GSR_GOLD_SECTORS.get(sector[:3], sector[:3])


def plover_type(name: str) -> str:
    return DRAFT_NAMES.get(name, name)


def gold_triples(gold: dict[str, Any]) -> set[Triple]:
    triples = set()
    for role, key in (("source", "source"), ("target", "target")):
        for actor in gold.get(key) or []:
            code = actor.get("code") or ""
            code = GSR_GOLD_COUNTRIES.get(code, code)
            sector = gold_sector(actor.get("sector") or "")
            if code or sector:
                triples.add((role, code, sector))
    return triples


def predicted_triples(event: Event | None) -> set[Triple]:
    if event is None:
        return set()

    def triples(role: str, actors: list[Actor]) -> set[Triple]:
        return {(role, GSR_CODES.get(a.country or "", a.country or ""), a.sector or "")
                for a in actors if a.country or a.sector}

    return triples("source", event.actors) | triples("target", event.recipients)


def casualty_matches(gold: dict[str, Any], event: Event | None) -> list[bool]:
    """One comparison per count the gold gives: dead with `killed`, injured with `injured`."""
    found = []
    for key, predicted in (("dead", event.killed if event else None),
                           ("injured", event.injured if event else None)):
        value = gold.get(key)
        if value is not None and str(value).strip().isdigit():
            found.append(predicted == int(value))
    return found


# "the town of Rafah", "province of Herat": the gold's place word is no part of the name.
_PLACE_WORD = re.compile(r"^(?:the )?(?:(?:town|city|village|province|district|region|state) of )?")


def _place_key(name: str) -> str:
    return _PLACE_WORD.sub("", fold_name(name))


def location_match(gold: dict[str, Any], event: Event | None,
                   country_of: Callable[[str], str | None]) -> bool | None:
    """None where the gold names no place; otherwise whether the event has a location so named,
    or, where the gold names a country, a location in it ("Esfahan" for "Iran")."""
    places = gold.get("event_loc")
    places = places if isinstance(places, list) else [places] if places else []
    names = {_place_key(p["name"]) for p in places if isinstance(p, dict) and p.get("name")}
    if not names:
        return None
    locations = event.locations if event else []
    found = {_place_key(n) for place in locations for n in (place.text, place.name) if n}
    countries = {country_of(name) for name in names} - {None}
    # "Algers" for Algiers: one spelling's consonants are the other's.
    return bool(names & found) or bool({name_skeleton(n) for n in names}
                                       & {name_skeleton(n) for n in found}) \
        or any(place.country in countries for place in locations)


@suite("plover-gsr")
def run(path: Path) -> SuiteResult:
    items = [i for i in read_gold(path, ("event", "source", "target"), "PLOVER GSR")
             if i["gold"]["event"]]
    coded = code_texts([i["text"] for i in items])
    gold: list[str] = []
    predicted: list[str | None] = []
    detected = 0
    actors = SetMatch()
    misses: list[Row] = []
    casualties: list[bool] = []
    country_of = Gazetteer.load().country_for_name
    locations: list[bool] = []
    for item, events in zip(items, coded, strict=True):
        event = primary_event(events)
        gold_type = plover_type(item["gold"]["event"])
        found = event.event_type if event else None
        gold.append(gold_type)
        predicted.append(found)
        detected += bool(events)
        actors.add(gold_triples(item["gold"]), predicted_triples(event))
        casualties += casualty_matches(item["gold"], event)
        if (located := location_match(item["gold"], event, country_of)) is not None:
            locations.append(located)
        if found != gold_type and len(misses) < _MISSES_SHOWN:
            misses.append([item.get("id", ""), gold_type, found or NO_PREDICTION,
                           event.trigger.text if event else "", item["text"]])
    scores = per_class(gold, predicted, EVENT_TYPES)
    confusions = Counter((g, p or NO_PREDICTION) for g, p in zip(gold, predicted, strict=True)
                         if g != p)
    confusion_rows: list[Row] = [[g, p, n] for (g, p), n in confusions.most_common(20)]
    return SuiteResult(
        suite="plover-gsr", path=str(path), items=len(items),
        metrics={"event_type_accuracy": accuracy(gold, predicted),
                 "event_type_macro_f1": macro_f1(scores),
                 "actor_f1": actors.f1, "actor_precision": actors.precision,
                 "actor_recall": actors.recall,
                 "event_detection_recall": ratio(detected, len(items)),
                 "casualty_accuracy": ratio(sum(casualties), len(casualties)),
                 "location_accuracy": ratio(sum(locations), len(locations))},
        tables={"per type": class_table(scores),
                "confusion (gold x predicted)": confusion_table(gold, predicted, EVENT_TYPES),
                "most common confusions": (["gold", "predicted", "n"], confusion_rows),
                "misses (first)": (["id", "gold", "predicted", "trigger", "text"], misses)},
        notes=["draft names scored as PLOVER 2.0: DEMAND->REQUEST, DISAPPROVE->ACCUSE, "
               "INVESTIGATE->ACCUSE, FIGHT->ASSAULT",
               "one primary event per sentence: first not negated and not a derived statement",
               "gold JAP/VTN/ITL are scored as ISO JPN/VNM/ITA, sector CIV as CVL, MOS as REL, "
               "*** as none, and a group tag after the sector (CVLalb, REFKUR) is dropped",
               "predicted UNO and EUR (PLOVER 2.0) are scored as the GSR's IGO (PLOVER 0.5)",
               f"casualty_accuracy over {len(casualties)} gold counts, location_accuracy over "
               f"{len(locations)} gold places"],
    )
