"""How well the gazetteer resolves gold toponyms (given their gold text spans).

For each article of a geo_*.jsonl gold file (format: shared/gold/README.md) the toponym strings are
geocoded together with `Gazetteer.geocode_many`, which sees only what a pipeline would: the strings
themselves (those naming countries become hints) and nothing of the gold answers; GeoWebNews'
non-toponym types are left out, as in the `geo` suite. Scored per toponym on whatever gold fields
it has: country (ISO-3 of the gold country name), within 161 km (100 miles) of the gold point,
and exact geonameid.

    python benchmarks/geo_resolution.py                       # every ../shared/gold/geo_*.jsonl
    python benchmarks/geo_resolution.py path/to/geo_lgl.jsonl --by-feature
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from eventwire.evaluate.geo import NOT_TOPONYMS
from eventwire.resolve.geo import Gazetteer, haversine_km

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
WITHIN_KM = 161.0


class Tally:
    def __init__(self) -> None:
        self.hits: dict[str, int] = defaultdict(int)
        self.totals: dict[str, int] = defaultdict(int)

    def add(self, metric: str, ok: bool) -> None:
        self.totals[metric] += 1
        self.hits[metric] += int(ok)

    def rate(self, metric: str) -> str:
        total = self.totals[metric]
        return f"{self.hits[metric] / total:.3f} ({total})" if total else "-"


def score_toponym(gazetteer: Gazetteer, gold: dict, place, tallies: list[Tally]) -> None:
    checks: list[tuple[str, bool]] = []
    if gold.get("country"):
        expected = gazetteer.country_for_name(gold["country"])
        checks.append(("country", place is not None and place.country == expected))
    if gold.get("lat") is not None and gold.get("lon") is not None:
        near = (place is not None and place.lat is not None
                and haversine_km((place.lat, place.lon), (gold["lat"], gold["lon"])) <= WITHIN_KM)
        checks.append(("161km", near))
    if gold.get("geonameid"):
        same = place is not None and place.geonameid == int(gold["geonameid"])
        checks.append(("geonameid", same))
    for tally in tallies:
        for metric, ok in checks:
            tally.add(metric, ok)


def score_file(gazetteer: Gazetteer, path: Path, by_feature: bool) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for line in path.open(encoding="utf-8"):
        item = json.loads(line)
        toponyms = [t for t in item["gold"]["toponyms"] if t.get("type") not in NOT_TOPONYMS]
        places = gazetteer.geocode_many([t["text"] for t in toponyms])
        for gold, place in zip(toponyms, places, strict=True):
            groups = [tallies["all"]]
            if by_feature:
                groups.append(tallies[f"  {gold.get('feature_class')}.{gold.get('feature_code')}"])
            score_toponym(gazetteer, gold, place, groups)
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--by-feature", action="store_true", help="also break down by gold type")
    args = parser.parse_args(argv)
    files = args.files or sorted(DEFAULT_GOLD.glob("geo_*.jsonl"))
    if not files:
        print(f"no geo_*.jsonl under {DEFAULT_GOLD}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    print(f"gazetteer loaded in {time.perf_counter() - started:.2f} s")
    print(f"{'corpus':34} {'country':>14} {'<=161 km':>14} {'geonameid':>14}")
    for path in files:
        tallies = score_file(gazetteer, path, args.by_feature)
        rows = sorted(tallies.items(), key=lambda kv: (kv[0] != "all", -kv[1].totals["161km"]))
        for label, tally in rows[:16]:
            name = path.stem if label == "all" else label
            print(f"{name:34} {tally.rate('country'):>14} {tally.rate('161km'):>14} "
                  f"{tally.rate('geonameid'):>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
