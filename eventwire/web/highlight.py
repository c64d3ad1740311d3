"""An article's text cut into runs, each marked with the event spans that cover it.

Spans overlap (an actor inside a sentence with a date inside it), so the text is cut at every
span boundary and each run lists every (role, event) covering it; the page colours a run by its
first role in `ROLES` order and keeps the rest in its title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.model import Event

# Most specific first: a trigger inside an actor's span shows as the trigger.
ROLES = ("trigger", "actor", "recipient", "claimant", "place", "date")


@dataclass(frozen=True)
class Mark:
    role: str
    event_id: str
    event_type: str
    start: int
    end: int


@dataclass
class Run:
    text: str
    marks: list[Mark]

    @property
    def role(self) -> str | None:
        return min((m.role for m in self.marks), key=ROLES.index) if self.marks else None

    @property
    def title(self) -> str:
        return "; ".join(f"{m.role} of {m.event_type} {m.event_id}" for m in self.marks)


def event_marks(text: str, event: Event) -> list[Mark]:
    """The spans of one event that really point at their words in `text`."""
    spans: list[tuple[str, int, int, str]] = [
        ("trigger", event.trigger.start, event.trigger.end, event.trigger.text)]
    spans += [("actor", a.start, a.end, a.text) for a in event.actors]
    spans += [("recipient", a.start, a.end, a.text) for a in event.recipients]
    if event.claimed_by:
        c = event.claimed_by
        spans.append(("claimant", c.start, c.end, c.text))
    spans += [("place", p.start, p.end, p.text) for p in event.locations]
    if event.date_text:
        spans.append(("date", event.date_text.start, event.date_text.end, event.date_text.text))
    # A span whose offsets do not give back its words (e.g. a resolved name standing in for
    # a pronoun) would mark the wrong text, so it is left unmarked.
    return [Mark(role, event.id, event.event_type, start, end)
            for role, start, end, words in spans
            if 0 <= start < end <= len(text) and text[start:end] == words]


def runs(text: str, events: Iterable[Event]) -> list[Run]:
    marks = [m for e in events for m in event_marks(text, e)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Run] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        out.append(Run(text[start:end], covering))
    return out
