"""The `geo` suite: toponym recognition and resolution over whole articles (geo_*.jsonl gold).

Each item is an article (`text`) whose `gold.toponyms` carry character spans and, where the corpus
has them, `geonameid`, `lat`/`lon` and `country` (a country name; ISO-2 codes are accepted too).
GeoWebNews also labels non-toponyms (`type` Literal_Expression "the area", Non_Toponym, Homonym,
Language): those are no gold toponyms here.

- recognition: the article is parsed paragraph by paragraph with the pipeline's spaCy model and
  `place_mentions` picks the place spans, exactly as the pipeline does for an event's sentence,
  plus the nationality and continent adjectives the corpora annotate as toponyms ("Russian",
  "European"), which the pipeline never takes for an event's place. Where the pipeline reads
  "the Turkish capital" as the city, the corpora annotate the country word ("Turkish" as
  Turkey), so the evaluator takes that word as the mention. A predicted span matches
  a gold toponym when their character spans overlap (one-to-one, left to right): precision,
  recall, F1;
- resolution, end to end: the recognised strings of an article are geocoded together with
  `Gazetteer.geocode_many` (country names and the countries of the other strings become hints),
  and each matched gold toponym is scored on the fields it has: same geonameid (`exact`), same
  country (where the gold gives none, see `_country_of_point`), within 161 km (100 miles) of
  the gold point, and the error distance in km (mean over toponyms that got a point); an
  unresolved toponym counts as wrong;
- `resolution_*`: the same scores with the gold strings geocoded instead (recognition set aside),
  as `benchmarks/geo_resolution.py` does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import read_items
from eventwire.extract.places import place_mentions
from eventwire.model import Place
from eventwire.resolve.geo import Gazetteer, haversine_km, iso3
from eventwire.text.nlp import load_nlp

WITHIN_KM = 161.0
# GeoWebNews annotation types that mark something other than a place name.
NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Homonym",
                          "Language"})
_PARAGRAPH = re.compile(r"[^\n]+")
_EXAMPLES_SHOWN = 20


@dataclass
class _Mention:
    text: str
    start: int
    end: int


def _read_items(path: Path) -> list[dict[str, Any]]:
    return read_items(path, _well_formed, "not a geo item (needs text and gold.toponyms as "
                      "{text, start, end} objects)")


def _well_formed(item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return False
    gold = item.get("gold")
    if not isinstance(gold, dict) or not isinstance(gold.get("toponyms"), list):
        return False
    return all(isinstance(t, dict) and isinstance(t.get("text"), str)
               and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
               for t in gold["toponyms"])


def _gold_toponyms(item: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((t for t in item["gold"]["toponyms"] if t.get("type") not in NOT_TOPONYMS),
                  key=lambda t: t["start"])


def _recognise(texts: list[str], gazetteer: Gazetteer) -> Iterator[list[_Mention]]:
    """Place mentions of each article, with offsets into the article."""
    nlp = load_nlp()
    paragraphs = [[(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)] for text in texts]
    docs = nlp.pipe((chunk for article in paragraphs for _, chunk in article), batch_size=64)
    for article in paragraphs:
        mentions = []
        for offset, _ in article:
            doc = next(docs)
            spans = [_country_word(span) for span in place_mentions(doc, gazetteer)]
            spans += _nationality_words(doc, gazetteer, {t.i for span in spans for t in span})
            mentions.extend(_Mention(span.text, offset + span.start_char, offset + span.end_char)
                            for span in sorted(spans, key=lambda span: span.start))
        yield mentions


def _country_word(span: Span) -> Span:
    """ "Turkish" of "Turkish capital", "Sudan" of "Sudan's capital"."""
    if len(span) < 2 or span[-1].lower_ != "capital":
        return span
    end = span.end - 2 if span[-2].lower_ in ("'s", "’s") else span.end - 1
    return span.doc[span.start:end]


def _nationality_words(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
    """Nationality and continent adjectives the model tags NORP ("Russian", "Iraqis",
    "European"): the geo corpora annotate them as toponyms of their country or continent,
    though an event's place never is one (so `place_mentions` leaves them out)."""
    found = []
    for entity in doc.ents:
        if entity.label_ != "NORP" or any(t.i in taken for t in entity):
            continue
        if gazetteer.country_for_demonym(entity.text) or (
                (place := gazetteer.geocode(entity.text)) is not None
                and place.feature_code == "CONT"):
            found.append(entity)
    return found


def _match(gold: list[dict[str, Any]], predicted: list[_Mention]
           ) -> list[tuple[dict[str, Any], int]]:
    """(gold toponym, index of the first unused predicted mention overlapping it)."""
    pairs = []
    used: set[int] = set()
    for toponym in gold:
        for index, mention in enumerate(predicted):
            if index not in used and mention.start < toponym["end"] and \
                    toponym["start"] < mention.end:
                used.add(index)
                pairs.append((toponym, index))
                break
    return pairs


@dataclass
class _Scores:
    """Resolution tallies over gold toponyms, each on the fields it has."""

    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    errors_km: list[float] = field(default_factory=list)

    def add(self, name: str, ok: bool) -> None:
        self.totals[name] += 1
        self.hits[name] += int(ok)

    def rate(self, name: str) -> float | None:
        return self.hits[name] / self.totals[name] if self.totals[name] else None

    def mean_error(self) -> float | None:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else None


def _gold_country(gazetteer: Gazetteer, value: str) -> str | None:
    if len(value) == 2 and value.isupper():
        return iso3(value)
    return gazetteer.country_for_name(value)


# A gold point this near a town is a place in that town's country; farther out it may be a sea,
# a region or a continent, which TR-News and LGL give no country.
GOLD_TOWN_KM = 25.0


def _country_of_point(gazetteer: Gazetteer, gold: dict[str, Any]) -> str | None:
    """The country of a gold toponym that gives a GeoNames id or a point but no country
    (GeoNames' own country for an id the index holds, none for a continent; else that of the
    town within GOLD_TOWN_KM of the point). On TR-News and LGL, which give both, this is the
    given country for 3,907 of 3,926 toponyms and no country for the other 19 (Darfur, Peace
    River: points far from a town)."""
    if gold.get("geonameid"):
        known = gazetteer.place_by_geonameid(int(gold["geonameid"]))
        if known is not None:
            return known.country
    if gold.get("lat") is None or gold.get("lon") is None:
        return None
    return gazetteer.country_at(gold["lat"], gold["lon"], within_km=GOLD_TOWN_KM)


def _score(gazetteer: Gazetteer, gold: dict[str, Any], place: Place | None,
           scores: _Scores) -> float | None:
    """Tally one resolved gold toponym; return its error in km where both sides have a point."""
    if gold.get("geonameid"):
        scores.add("exact", place is not None and place.geonameid == int(gold["geonameid"]))
    expected = _gold_country(gazetteer, gold["country"]) if gold.get("country") else \
        _country_of_point(gazetteer, gold)
    if expected is not None:
        scores.add("country", place is not None and place.country == expected)
    if gold.get("lat") is None or gold.get("lon") is None:
        return None
    error = None
    if place is not None and place.lat is not None and place.lon is not None:
        error = haversine_km((place.lat, place.lon), (gold["lat"], gold["lon"]))
        scores.errors_km.append(error)
    scores.add("161km", error is not None and error <= WITHIN_KM)
    return error


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _wrong_place(gold: dict[str, Any], place: Place | None, error: float | None) -> bool:
    """Another place than gold's: by geonameid where gold has one, else by the 161 km rule."""
    if gold.get("geonameid"):
        return place is None or place.geonameid != int(gold["geonameid"])
    return gold.get("lat") is not None and (error is None or error > WITHIN_KM)


def _describe_gold(gold: dict[str, Any]) -> str:
    if gold.get("name"):
        return f"{gold['name']}, {gold.get('country') or '-'}"
    return f"{gold['lat']:.2f}, {gold['lon']:.2f}" if gold.get("lat") is not None else "?"


def _describe(place: Place | None) -> str:
    return "(not found)" if place is None else f"{place.name}, {place.country or '-'}"


@suite("geo")
def run(path: Path) -> SuiteResult:
    items = _read_items(path)
    gazetteer = Gazetteer.load()
    end_to_end, gold_spans = _Scores(), _Scores()
    gold_total = predicted_total = matched = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    wrong: Counter[tuple[str, str, str]] = Counter()
    for item, mentions in zip(items, _recognise([i["text"] for i in items], gazetteer),
                              strict=True):
        gold = _gold_toponyms(item)
        pairs = _match(gold, mentions)
        gold_total += len(gold)
        predicted_total += len(mentions)
        matched += len(pairs)
        paired_gold = {id(t) for t, _ in pairs}
        paired_mentions = {index for _, index in pairs}
        missed.update(t["text"] for t in gold if id(t) not in paired_gold)
        spurious.update(m.text for i, m in enumerate(mentions) if i not in paired_mentions)
        places = gazetteer.geocode_many([m.text for m in mentions])
        for toponym, index in pairs:
            _score(gazetteer, toponym, places[index], end_to_end)
        for toponym, place in zip(gold, gazetteer.geocode_many([t["text"] for t in gold]),
                                  strict=True):
            error = _score(gazetteer, toponym, place, gold_spans)
            if _wrong_place(toponym, place, error):
                wrong[(toponym["text"], _describe_gold(toponym), _describe(place))] += 1
    precision = _ratio(matched, predicted_total)
    recall = _ratio(matched, gold_total)
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall else None)
    metrics: dict[str, float | None] = {
        "toponym_precision": precision, "toponym_recall": recall, "toponym_f1": f1,
        "exact_accuracy": end_to_end.rate("exact"),
        "country_accuracy": end_to_end.rate("country"),
        "within_161km": end_to_end.rate("161km"),
        "mean_error_km": end_to_end.mean_error(),
        "resolution_exact_accuracy": gold_spans.rate("exact"),
        "resolution_country_accuracy": gold_spans.rate("country"),
        "resolution_within_161km": gold_spans.rate("161km"),
        "resolution_mean_error_km": gold_spans.mean_error(),
        "gold_toponyms": float(gold_total), "predicted_toponyms": float(predicted_total),
        "matched_toponyms": float(matched),
    }
    wrong_rows: list[Row] = [[text, gold_name, found, n] for (text, gold_name, found), n in
                             wrong.most_common(_EXAMPLES_SHOWN)]
    return SuiteResult(
        suite="geo", path=str(path), items=len(items), metrics=metrics,
        tables={
            "missed gold toponyms": (["text", "n"], [[t, n] for t, n in
                                                     missed.most_common(_EXAMPLES_SHOWN)]),
            "spans found that are no gold toponym": (
                ["text", "n"], [[t, n] for t, n in spurious.most_common(_EXAMPLES_SHOWN)]),
            "gold strings resolved to another place": (["text", "gold", "found", "n"],
                                                      wrong_rows),
        },
        notes=["spans match when they overlap; accuracies of matched toponyms count an "
               "unresolved one as wrong; mean errors only over toponyms given a point",
               "a gold toponym with no country (GeoWebNews) is of the country GeoNames gives its "
               "id, none for a continent, else of the town within 25 km of its point (on TR-News "
               "and LGL, which give both, that is the given country for 3,907 of 3,926 "
               "toponyms, and no country for the rest)",
               "resolution_* geocode the gold strings (recognition set aside); "
               f"GeoWebNews types {', '.join(sorted(NOT_TOPONYMS))} are not toponyms"],
    )
