"""When an event happened: the time expression of its sentence nearest the trigger.

Time expressions are found once per article (`eventwire.extract.dates`) and resolved against
the publication date. A sentence with none inherits the date of the last dated event sentence
before it ("On November 16 ... attacked. 7 servicemen ..."); otherwise the event falls back to
the publication date, and `date_source` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eventwire.extract.dates import TimeExpression
from eventwire.model import Event, Span

_PRECISIONS = {"day", "month", "year", "range"}


def _precision(expr: TimeExpression) -> str:
    if expr.start_date and expr.end_date and expr.start_date != expr.end_date and \
            expr.precision not in ("month", "year"):
        return "range"
    return expr.precision if expr.precision in _PRECISIONS else "range"


def usable(expr: TimeExpression) -> bool:
    return expr.kind == "DATE" and expr.start_date is not None


def assign_date(event: Event, expressions: Sequence[TimeExpression],
                published: date | None, inherited: TimeExpression | None = None,
                said_on: Sequence[TimeExpression] = ()) -> None:
    """Date `event` by the nearest time expression of its sentence, else `inherited`, else the
    day its report was made (`said_on`: "said yesterday that ... opened fire", so it happened
    then or before), else publication."""
    in_sentence = [e for e in expressions
                   if usable(e) and event.sentence_start <= e.start < event.sentence_end]
    if published is not None and event.modality in ("actual", "negated"):
        # "agreed to meet in Tehran early next year": what already happened cannot be dated
        # after the report; such a date belongs to the intended event in the same sentence.
        later = [e for e in in_sentence if e.start_date is not None and e.start_date > published]
        for expr in later:
            event.explain.append(f"date '{expr.text}' is after publication: not this "
                                 f"{event.modality} event's")
        in_sentence = [e for e in in_sentence if e not in later]
    chosen = min(in_sentence, key=lambda e: abs(e.start - event.trigger.start), default=None)
    how = "nearest time expression in the sentence"
    if chosen is None and inherited is not None:
        chosen, how = inherited, "time expression of the last dated event sentence"
    said = [e for e in said_on
            if usable(e) and event.sentence_start <= e.start < event.sentence_end]
    if chosen is None and said:
        chosen, how = said[0], "the day it was reported, the latest it can have happened"
    if chosen is not None and chosen.start_date is not None:
        event.date = chosen.start_date.isoformat()
        end = chosen.end_date or chosen.start_date
        event.date_precision = _precision(chosen)  # type: ignore[assignment]
        event.date_end = end.isoformat() if end != chosen.start_date or \
            event.date_precision in ("month", "year", "range") else None
        event.date_source = "text"
        event.date_text = Span(chosen.text, chosen.start, chosen.end)
        event.explain.append(f"date '{chosen.text}' -> {chosen.value} ({how})")
        return
    if published is not None:
        event.date = published.isoformat()
        event.date_precision = "day"
        event.date_source = "published"
        event.explain.append(f"date: none in the text, publication date {published} used")
    else:
        event.date_source = "none"
        event.explain.append("date: none in the text and no publication date")


def date_like(event: Event, source: Event, why: str) -> None:
    """Give `event` the date `source` took from the text."""
    event.date, event.date_end = source.date, source.date_end
    event.date_precision, event.date_source = source.date_precision, source.date_source
    event.date_text = source.date_text
    event.explain.append(f"date {source.date}: {why}")
