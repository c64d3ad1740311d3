"""eventwire: political event records from news, with who says so.

    >>> import eventwire
    >>> events = eventwire.extract("Azerbaijan summoned the French ambassador on Monday.",
    ...                            published="2021-11-17")
    >>> events[0].event_type, events[0].cameo
    ('ACCUSE', '114')
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from eventwire.config import Settings
from eventwire.errors import EventwireError
from eventwire.model import Actor, Article, Event, Place, Span
from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store

__all__ = ["Actor", "Article", "Event", "EventFilter", "EventwireError", "Pipeline", "Place",
           "Settings", "Span", "Store", "extract"]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, *, published: str | date | None = None,
            title: str | None = None) -> list[Event]:
    """Code one text with the default pipeline (models load on the first call)."""
    return _default_pipeline().extract(text, published=published, title=title)
