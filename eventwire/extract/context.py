"""What the extractors share about one article while it is being coded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

from eventwire.model import Actor, Article
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
    # The country last named for each sector, so that a later "the ministry" or "the embassy"
    # refers back to it (news style names a body in full once, then shortens it).
    last_country_by_sector: dict[str, str] = field(default_factory=dict)

    def make_actor(self, text: str, start: int, end: int,
                   default_country: str | None = None) -> Actor:
        # Dated dictionary entries ("leader of X until 2019") are chosen for the article's date.
        resolved = self.actors.resolve(text, default_country=default_country,
                                       date=(self.article.published or "")[:10] or None)
        if resolved is None:
            return Actor(text=text, start=start, end=end)
        country, matched = resolved.country, resolved.matched
        sector = resolved.sector
        if sector and country:
            self.last_country_by_sector[sector] = country
        elif sector and not country and resolved.name is None and resolved.title is None \
                and sector in self.last_country_by_sector:
            country = self.last_country_by_sector[sector]
            matched = f"{matched}; country {country} from the last {sector} named earlier"
        return Actor(text=text, start=start, end=end, country=country, sector=sector,
                     name=resolved.name, title=resolved.title, matched=matched)
