"""The `ngec-actors` suite: actor-resolution expectations in the NGEC test format.

Each line carries a mention (`text`) and, in `gold`, the expected `country` (ISO-3 or PLOVER's
non-state codes; "" means no country) and/or `code_1` (the primary sector; "" means none). An item
is scored on each field its gold has. The test's context argument (`args[0]` or `known_country`)
becomes the resolver's default country and an ISO `query_date` its date. People are looked up in
the built-in people index (`eventwire/data/people.json`); expectations about people it does not
list, or that need a Wikipedia lookup (`query_wiki`), fail honestly.

NGEC spells three things differently from eventwire's PLOVER 2.0 records; gold is read in its own
spelling and translated, never the resolver bent to it:

- Kosovo is `XKX` in NGEC and `KOS` in the PLOVER manual;
- NGEC's `HLH` (health, CAMEO's old spelling) is PLOVER's `MED` (the manual's sector note 4);
- NGEC puts a non-governmental organisation's `NGO` in the sector (`code_1`) with no country,
  where PLOVER 2.0 gives it as the country code (table "International Non-state actor names").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import read_items
from eventwire.resolve.actors import ActorResolver

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MISSES_SHOWN = 40
_GOLD_SPELLING = {"XKX": "KOS", "HLH": "MED"}


def _read_items(path: Path) -> list[dict[str, Any]]:
    return read_items(path, _well_formed, "expected an object with text and gold")


def _well_formed(item: Any) -> bool:
    return isinstance(item, dict) and "text" in item and isinstance(item.get("gold"), dict)


def _context(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """The test's country context and ISO query date, where it gives them."""
    args = item.get("args") or []
    kwargs = item.get("kwargs") or {}
    context = kwargs.get("known_country") or kwargs.get("context") or (args[0] if args else "")
    date = kwargs.get("query_date") or (args[1] if len(args) > 1 else "")
    iso_date = date if isinstance(date, str) and _ISO_DATE.match(date) else None
    return (context or None), iso_date


def _agrees(gold: str, found: str | None) -> bool:
    return (found or "") == _GOLD_SPELLING.get(gold, gold)


def _ngec_codes(country: str | None, sector: str | None) -> dict[str, str | None]:
    """eventwire's codes in NGEC's layout: an NGO is a sector there, not a country."""
    if country == "NGO":
        return {"country": None, "code_1": sector or "NGO"}
    return {"country": country, "code_1": sector}


@suite("ngec-actors")
def run(path: Path) -> SuiteResult:
    resolver = ActorResolver.load()
    items = _read_items(path)
    scored = {"country": [0, 0], "code_1": [0, 0]}
    misses: list[Row] = []
    for item in items:
        gold = item["gold"]
        fields = [f for f in scored if isinstance(gold.get(f), str)]
        if not fields:
            continue
        context, date = _context(item)
        default = resolver.country_of(context) if context else None
        actor = resolver.resolve(item["text"], default_country=default, date=date)
        found = _ngec_codes(actor.country, actor.sector) if actor else _ngec_codes(None, None)
        for name in fields:
            scored[name][1] += 1
            if _agrees(gold[name], found[name]):
                scored[name][0] += 1
            elif len(misses) < _MISSES_SHOWN:
                misses.append([item.get("id", ""), item["text"], name, gold[name],
                               found[name] or ""])
    metrics: dict[str, float | None] = {
        "country_accuracy": scored["country"][0] / scored["country"][1]
        if scored["country"][1] else None,
        "sector_accuracy": scored["code_1"][0] / scored["code_1"][1]
        if scored["code_1"][1] else None,
        "country_items": float(scored["country"][1]),
        "sector_items": float(scored["code_1"][1]),
    }
    return SuiteResult(
        suite="ngec-actors", path=str(path), items=len(items), metrics=metrics,
        tables={"misses": (["id", "text", "field", "gold", "found"], misses)},
        notes=["people come from the built-in people index (heads of state and government, "
               "ministers, other widely known figures); people it does not list count as misses",
               "gold XKX is scored as PLOVER's KOS and HLH as MED; eventwire's country NGO is "
               "scored as NGEC's sector NGO with no country"],
    )
