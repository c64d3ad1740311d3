"""When an event happened: the time expression of its sentence nearest the trigger.

Time expressions are found once per article (`eventwire.extract.dates`) and resolved against
the publication date. A sentence with none inherits the date of the last dated event sentence
before it ("On November 16 ... attacked. 7 servicemen ..."); otherwise the event falls back to
the publication date, and `date_source` says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from eventwire.extract.dates import TimeExpression, number_value
from eventwire.model import Event, Span

_PRECISIONS = {"day", "month", "year", "range"}


def _precision(expr: TimeExpression) -> str:
    if expr.start_date and expr.end_date and expr.start_date != expr.end_date and \
            expr.precision not in ("month", "year"):
        return "range"
    return expr.precision if expr.precision in _PRECISIONS else "range"


def usable(expr: TimeExpression) -> bool:
    # A time of a known day ("on Monday afternoon", "4 p.m. yesterday") dates the event as its
    # day does; a night ("overnight", "last night") as the two days it straddles.
    return expr.start_date is not None and (
        expr.kind == "DATE" or expr.kind == "TIME" and expr.precision == "day")


def _night(expr: TimeExpression) -> bool:
    return expr.value.endswith("TNI")


def assign_date(event: Event, expressions: Sequence[TimeExpression],
                published: date | None, inherited: TimeExpression | None = None,
                said_on: Sequence[TimeExpression] = ()) -> None:
    """Date `event` by the nearest time expression of its sentence, else `inherited`, else the
    day its report was made (`said_on`: "said yesterday that ... opened fire", so it happened
    then or before), else publication."""
    in_sentence = [e for e in expressions
                   if usable(e) and event.sentence_start <= e.start < event.sentence_end
                   and not _aside(event, e)]
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
        if _night(chosen):
            end, event.date_precision = end + timedelta(days=1), "range"
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


# "The militia, which was dissolved in 2019, accused": a relative clause set off by commas.
_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*,")


# A superlative that ranks an act among others: "one of the deadliest on the city this year",
# "the worst fighting since 2019".
_RANKING = re.compile(r"\b(?:deadliest|bloodiest|worst|heaviest|fiercest|largest|biggest"
                      r"|most\s+(?:serious|significant|violent|intense))\b[^,;:]{0,60}$",
                      re.IGNORECASE)
# An ordinal counts it among others the same way: "the second deadly attack in the district
# this week".
_COUNTED = re.compile(r"\b(?:second|third|fourth|fifth|sixth)\s+(?:[a-z-]+\s+)?$",
                      re.IGNORECASE)
_UNBROKEN = re.compile(r"[^,;:]{0,60}$")


# "The death toll from an Israeli strike ... rose to three on Thursday": the day the toll rose.
_TOLL_ROSE = re.compile(r"\btoll\b[^;:]{0,120}?\b(?:rose|risen|climbed|reached|increased|grew"
                        r"|jumped|went\s+up)\b", re.IGNORECASE)


def _aside(event: Event, expr: TimeExpression) -> bool:
    """The expression is in a relative clause about a party of the event ("The militia, which
    was dissolved in 2019, accused the army"): it dates the party's past, not this act. (After
    an event noun, "The attack, which began on Monday, killed five", it does date the act.)
    Nor does a period after a superlative or an ordinal that ranks the act ("The strike on the
    Saltivka neighbourhood was one of the deadliest on the city this year", "the second deadly
    attack in the district this week"): it is the ranking's baseline. Nor a day after the rise
    of the act's toll ("the death toll from an Israeli strike rose to three on Thursday")."""
    at, trigger = expr.start - event.sentence_start, event.trigger.start - event.sentence_start
    if (expr.precision != "day" and trigger < at
            and (_RANKING.search(event.sentence, trigger, at) is not None
                 or _COUNTED.search(event.sentence, max(0, trigger - 30), trigger) is not None
                 and _UNBROKEN.search(event.sentence, trigger, at) is not None)):
        return True
    # A day after the rise of a toll of the act dates the count, not the act.
    rose = _TOLL_ROSE.search(event.sentence, 0, at)
    if rose is not None and rose.start() < trigger < rose.end() <= at:
        return True
    ends = {a.end - event.sentence_start for a in [*event.actors, *event.recipients]
            if a.sector not in (None, "UNK")}
    return any(found.start() <= at < found.end() and not found.start() <= trigger < found.end()
               and found.start() in ends for found in _RELATIVE_ASIDE.finditer(event.sentence))


def date_like(event: Event, source: Event, why: str) -> None:
    """Give `event` the date `source` took from the text."""
    event.date, event.date_end = source.date, source.date_end
    event.date_precision, event.date_source = source.date_precision, source.date_source
    event.date_text = source.date_text
    event.explain.append(f"date {source.date}: {why}")


# "The strike came four days after gunmen killed 14 people", "a day after its ambassador was
# summoned": the act after the phrase happened that long before the day the sentence gives.
_DAYS_AFTER = re.compile(
    r"\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(days?|weeks?)\s+after\b[^,;:]*$", re.IGNORECASE)


def count_back(event: Event) -> None:
    """Date an act told as "N days after" something by the day before the phrase, N days back.

    Only a day the text gives is counted from: a publication date is itself a window."""
    if event.date_source != "text" or event.date_precision != "day" or event.date is None:
        return
    before = event.trigger.start - event.sentence_start
    if event.sentence[before:before + len(event.trigger.text)] != event.trigger.text:
        return
    found = _DAYS_AFTER.search(event.sentence, 0, before)
    told = event.date_text
    if found is None or told is not None and \
            event.sentence_start + found.start() <= told.start < event.sentence_end:
        return  # no such phrase, or the date is the phrase's own ("a day after May 3")
    count = number_value(found[1]) or 1
    days = int(count) * (7 if found[2].lower().startswith("week") else 1)
    day = date.fromisoformat(event.date[:10]) - timedelta(days=days)
    event.date, event.date_end = day.isoformat(), None
    event.explain.append(f"date {event.date}: '{found[0].split(' after')[0]} after' the day "
                         f"'{told.text if told else ''}' gives")
