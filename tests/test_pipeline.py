"""The Pipeline's own plumbing, apart from what the rules code: resolution reuse."""

from __future__ import annotations

from collections import Counter

from eventwire.pipeline import ActorsOrPlaces
from eventwire.resolve.actors import ResolvedActor


class CountingActors:
    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str | None, str | None]] = Counter()

    def resolve(self, text: str, *, default_country: str | None = None,
                date: str | None = None) -> ResolvedActor | None:
        self.calls[(text, default_country, date)] += 1
        return ResolvedActor("AZE", "GOV", matched=f"{text} as of {date}") \
            if "ministry" in text else None

    def names_organisation(self, text: str) -> bool:
        return False


class NoPlaces:
    def geocode(self, name, *, country_hints=()):  # noqa: ANN001, ANN201
        return None

    def geocode_many(self, names, *, country_hints=()):  # noqa: ANN001, ANN201
        return [None for _ in names]

    def is_known_place(self, name):  # noqa: ANN001, ANN201
        return False

    def place_names(self, min_population=1000):  # noqa: ANN001, ANN201
        return []


def test_a_mention_is_resolved_once_per_text_default_country_and_date() -> None:
    actors = CountingActors()
    lookup = ActorsOrPlaces(actors, NoPlaces())
    first = lookup.resolve("the ministry", date="2021-11-16")
    assert lookup.resolve("the ministry", date="2021-11-16") is first
    assert first is not None and first.country == "AZE"
    other_day = lookup.resolve("the ministry", date="2021-11-17")
    assert other_day is not None and other_day.matched.endswith("2021-11-17")
    assert lookup.resolve("the crowd") is None and lookup.resolve("the crowd") is None
    assert actors.calls == {("the ministry", None, "2021-11-16"): 1,
                            ("the ministry", None, "2021-11-17"): 1, ("the crowd", None, None): 1}
