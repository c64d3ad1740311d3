"""What the extractors share about one article while it is being coded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc

from eventwire.model import Actor, Article, Event
from eventwire.text.segment import Sentence


class ResolvedActorLike(Protocol):
    country: str | None
    sector: str | None
    name: str | None
    title: str | None
    matched: str


class ActorLookup(Protocol):
    def resolve(self, text: str, *, default_country: str | None = None,
                date: str | None = None) -> ResolvedActorLike | None: ...


@dataclass
class ParsedSentence:
    sentence: Sentence
    doc: Doc  # parse of the sentence text alone; add `offset` for article offsets

    @property
    def offset(self) -> int:
        return self.sentence.start


@dataclass
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    parsed: list[ParsedSentence]
    actors: ActorLookup

    def make_actor(self, text: str, start: int, end: int,
                   default_country: str | None = None) -> Actor:
        # Dated dictionary entries ("leader of X until 2019") are chosen for the article's date.
        resolved = self.actors.resolve(text, default_country=default_country,
                                       date=(self.article.published or "")[:10] or None)
        if resolved is None:
            return Actor(text=text, start=start, end=end)
        return Actor(text=text, start=start, end=end, country=resolved.country,
                     sector=resolved.sector, name=resolved.name, title=resolved.title,
                     matched=resolved.matched)


def refer_back(events: list[Event]) -> None:
    """ "the ministry", "the embassy", "the senators": a body named by its sector alone is the
    one last named in full before it, in reading order (news names a body in full once, then
    shortens it). The antecedent shares the short form's head word ("the ministry" -> "the
    Ministry of Foreign Affairs in Baku"); failing that, it is the last body (not a person) of
    the same sector. Named people are never filled in this way."""
    mentions: dict[int, tuple[Actor, list[Event]]] = {}
    for event in events:
        for actor in [*event.actors, *event.recipients,
                      *([event.claimed_by] if event.claimed_by else [])]:
            mentions.setdefault(id(actor), (actor, []))[1].append(event)
    named: list[Actor] = []
    for actor, used_by in sorted(mentions.values(), key=lambda m: m[0].start):
        if not actor.sector:
            continue
        if actor.country:
            named.append(actor)
            continue
        if actor.name:
            continue
        antecedent = _antecedent(actor, named)
        if antecedent is not None:
            actor.country = antecedent.country
            actor.matched = f"{actor.matched}; country {actor.country} from " \
                            f"'{antecedent.text}', named before it"
        elif (home := _home_country(actor, used_by)) is not None:
            actor.country = home
            actor.matched = f"{actor.matched}; country {home}: a domestic body acting at home"
        else:
            continue
        named.append(actor)
        for event in used_by:
            event.explain.append(f"'{actor.text}' -> {actor.code} ({actor.matched})")


# Government bodies that work abroad: where they act says nothing of whose they are.
_ABROAD = ("embassy", "consulate", "mission", "delegation", "envoy", "ambassador", "diplomat")


def _home_country(actor: Actor, used_by: list[Event]) -> str | None:
    """ "summoned to the Ministry of Foreign Affairs in Baku": a ministry, government or
    authority with no antecedent is the one of the country where its event took place."""
    text = actor.text.lower()
    if actor.sector != "GOV" or actor.title or any(word in text for word in _ABROAD):
        return None
    countries = {p.country for e in used_by if e.actors and e.actors[0] is actor
                 for p in e.locations[:1] if p.country}
    return countries.pop() if len(countries) == 1 else None


def _head_words(actor: Actor) -> set[str]:
    words = {w for w in (actor.text.split()[-1:] + (actor.title or "").split()[-1:])}
    return {w.lower().rstrip("s") for w in words if w.isalpha()}


def _antecedent(actor: Actor, named: list[Actor]) -> Actor | None:
    keys = _head_words(actor)
    same_sector = [a for a in reversed(named) if a.sector == actor.sector]
    for candidate in same_sector:
        text = candidate.text.lower()
        if any(key in text for key in keys):
            return candidate
    return next((a for a in same_sector if not a.title and not a.name), None)
