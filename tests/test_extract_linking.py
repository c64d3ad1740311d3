"""Lexicon rows added for linking (issue 4), coded by the real pipeline: attacks told as
targeting a military position, as an (air) operation against someone, by those martyred, or as
burning a police station; and what they must not code."""

from __future__ import annotations

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def types(pipeline: Pipeline, text: str) -> list[str]:
    return [e.event_type for e in pipeline.process(Article(text=text, id="t",
                                                           published="2025-06-16"))]


@pytest.mark.parametrize("text", [
    "Terrorist remnants targeted one of our positions in the Tarmiyah area, the ministry said.",
    "The Tatmadaw conducted air operations against Arakan Army positions in Ramree township.",
    "The army said it had carried out an operation against Fano extremists near the town.",
    "Five of our soldiers were martyred, the statement said.",
    "The attackers burned the police station and fled.",
])
def test_attacks_told_in_other_words_are_assaults(pipeline: Pipeline, text: str) -> None:
    assert types(pipeline, text) == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "The campaign targeted young voters in the capital.",
    "The police launched an operation against drug traffickers in Lagos.",
    "The hospital resumed its operations on Monday.",
    "Protesters burned tyres outside the station.",
])
def test_other_targets_and_operations_are_not_attacks(pipeline: Pipeline, text: str) -> None:
    assert "ASSAULT" not in types(pipeline, text)


@pytest.mark.parametrize(("text", "place"), [
    ("The military shelled a camp near Laiza in Kachin state on Wednesday.", "Kachin"),
    ("Gunmen attacked a market in Kaduna state, killing nine people.", "Kaduna"),
    ("Militants stormed a checkpoint in Kanbalu township on Monday.", "Kanbalu"),
])
def test_a_place_named_as_a_state_or_township_locates_the_event(pipeline: Pipeline, text: str,
                                                                place: str) -> None:
    events = pipeline.process(Article(text=text, id="t", published="2025-06-16"))
    assert [[p.name for p in e.locations] for e in events] == [[place]]
