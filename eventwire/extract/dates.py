"""Time expressions in raw text, normalised against the publication date (TIMEX3-style values).

Regular expressions find the expressions; small resolvers turn each into a TIMEX3 value and the
days it covers. No parser is needed, so this runs on whole articles in milliseconds. dateparser is
not used: every form it gets right here is a fixed pattern, and it resolves the reference weekday
and future-tense dates wrongly (see shared/notes/dependencies.md).

Conventions (checked against TimeBank's annotation of news wire):
- A bare weekday ("said Tuesday") is the most recent such day on or before publication, the
  publication day itself included (wire copy names the weekday instead of writing "today"); it is
  the next such day on or after publication when a future cue ("will", "next", "scheduled") is
  the nearest tense cue.
- A day or month without a year takes the year that puts it nearest the publication date; a past
  cue ("said", "was", "-ed") keeps it on or before publication, a future cue on or after.
- "last week" / "this week" are ISO weeks ("1998-W08"); seasons are "1998-SU"; quarters
  "1989-Q3"; decades the first three digits of the year ("198"); centuries two ("19").
  "earlier this week" (month, year) keeps its value but its days end on the publication day.
- A closed range ("November 6-7") has the value "2021-11-06/2021-11-07" and precision "range";
  an open one ("since November 2020") keeps its anchor's value, with end_date the publication day;
  a possessive day stays a day ("since Monday's clashes" is Monday, the day of the clashes).
- PRESENT_REF ("now") covers the publication day; PAST_REF / FUTURE_REF cover no known days.
- Night, morning and evening expressions are TIMEX3 TIME values ("2021-11-16TNI") whose
  start_date/end_date still give the day, so event dating can use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

# --- the record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeExpression:
    text: str
    start: int
    end: int
    kind: str  # TIMEX3 type: DATE | DURATION | TIME | SET
    value: str | None
    start_date: date | None
    end_date: date | None
    precision: str | None  # day | month | year | range | week | weekend | season | quarter |
    # half | decade | century; None when no days are known
    relative: bool  # resolved against the publication date


# --- vocabulary ----------------------------------------------------------------------------

_MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_UNIT_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D",
               "week": "W", "fortnight": "W", "month": "M", "year": "Y", "decade": "E",
               "century": "C", "quarter": "Q"}
_VAGUE_QUANTITY = r"several|a\s+few|few|many|some|a\s+couple\s+of|couple\s+of"

_NUMBER_WORD = r"(?:" + "|".join(sorted(
    (w for w in (*_SMALL_NUMBERS, *_SCALES) if w not in ("a", "an")), key=len,
    reverse=True)) + r")"
_NUMBER_WORDS = rf"{_NUMBER_WORD}(?:[\s-]+(?:and[\s-]+)?{_NUMBER_WORD})*"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_WORD = r"(?:nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven" \
             r"|ten|one|two|three|four|five|six|seven|eight|nine)"
# "twenty six" is a count, "twenty twenty-one" and "nineteen six" are years.
_YEAR_WORDS = (rf"(?:(?:nineteen|eighteen)[\s-]+(?:{_TENS_WORD}(?:[\s-]+{_UNIT_WORD})?"
               rf"|{_UNIT_WORD}|hundred)|twenty[\s-]+(?:{_TENS_WORD}(?:[\s-]+{_UNIT_WORD})?"
               rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
               rf"|nineteen)|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?"
               rf"(?:{_TENS_WORD}(?:[\s-]+{_UNIT_WORD})?|{_UNIT_WORD}))?)")
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh"
                 r"|eighth|ninth)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")")


def _month(name: str) -> str:
    # Capitalised only: "march" and "may" are common verbs.
    return (rf"(?<![A-Za-z])(?P<{name}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?"
            rf"|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?"
            rf"|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])")


def _day(name: str) -> str:
    return rf"(?<![\d.,$])(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d)"


def _year(name: str) -> str:
    return rf"(?<![\d.,$£€])(?P<{name}>1[5-9]\d\d|20\d\d)(?![\d%]|\.\d|,\d)"


_WEEKDAY = r"(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![a-z])"
_WEEKDAY_PREFIX = (r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
                   r"(?:the\s+)?)?")
_WEEKDAY_NAME = re.compile(r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_YEAR_TAIL = rf"(?:,?\s+{_year('y')}|,?\s+(?P<yw>{_YEAR_WORDS}))?"
_PART_OF_DAY = r"(?P<part>night|morning|afternoon|evening)"
_PART_CODES = {"night": "TNI", "morning": "TMO", "afternoon": "TAF", "evening": "TEV"}
_RANGE_JOIN = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
_LEFT = r"(?<![\w'-])"  # word start for lower-case vocabulary

# --- numbers -------------------------------------------------------------------------------


def number_value(words: str) -> float | None:
    """'twenty four' -> 24, 'two thousand and one' -> 2001, '1,200' -> 1200, 'a' -> 1."""
    cleaned = words.lower().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        pass
    total, current = 0, 0
    for token in re.split(r"[\s-]+", cleaned):
        if token == "and" or not token:
            continue
        if token in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[token]
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        else:
            return None
    return float(total + current)


def _year_from_words(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996: a spoken year is two numbers, or 'two thousand (and) N'."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if tokens[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(tokens[2:])) if tokens[2:] else 0
        return None if rest is None else 2000 + int(rest)
    century = _SMALL_NUMBERS.get(tokens[0])
    rest_words = " ".join(tokens[1:])
    if century is None or not rest_words:
        return None
    if rest_words == "hundred":
        return century * 100
    rest = number_value(rest_words)
    return None if rest is None else century * 100 + int(rest)


def _ordinal_value(word: str) -> int | None:
    tokens = re.split(r"[\s-]+", word.lower())
    if len(tokens) == 2:
        second = _ORDINALS.get(tokens[1])
        return _SMALL_NUMBERS[tokens[0]] + second if second else None
    numeric = re.match(r"(\d+)", tokens[0])
    return int(numeric.group(1)) if numeric else _ORDINALS.get(tokens[0])


# --- calendar helpers ----------------------------------------------------------------------


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return _add_months(date(year, month, 1), 1) - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    return first, _add_months(first, 3) - timedelta(days=1)


def _season_bounds(year: int, code: str) -> tuple[date, date]:
    first = date(year, _SEASON_START_MONTH[code], 1)
    return first, _add_months(first, 3) - timedelta(days=1)


def _season_of(day: date) -> tuple[int, str]:
    """Meteorological seasons; January and February belong to the winter that began in December."""
    for code, month in (("WI", 12), ("FA", 9), ("SU", 6), ("SP", 3)):
        if day.month >= month:
            return day.year, code
    return day.year - 1, "WI"


# --- tense around an expression ------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo|shall|would|'ll|going\s+to|next|scheduled|due|expects?|expected"
    r"|plans?\s+to|planned|upcoming|coming|payable|is\s+to|are\s+to|to\s+be|set\s+to)\b", re.I)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|last|earlier|yesterday|since|[a-z]{3,}ed)\b", re.I)
_NOT_PAST = {"need", "speed", "feed", "proceed", "indeed", "exceed", "succeed", "scheduled",
             "expected", "planned", "hundred", "united", "limited", "based", "related", "red"}
# A participle after one of these is passive or perfect: the auxiliary, not "-ed", has the tense.
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|am|will|would|can|could|may|might|must|should|to|has|have)"
    r"\s+(?:\w+\s+)?$", re.I)
# "by August", "until Nov. 16", "through January": a deadline, which news mostly announces.
_DEADLINE_BEFORE = re.compile(r"(?i:\b(?:by|until|till|through|before)\s+(?:mid-|early\s+|"
                              r"late\s+)?)$")
# "extended its offer to Nov. 16", "postponed the vote to March": the new date is the deadline.
_POSTPONED_TO_BEFORE = re.compile(r"(?i:\b(?:extend|postpon|delay|adjourn|defer|reschedul|push)"
                                  r"\w*(?:\s+[\w'$.-]+){0,5}?\s+(?:back\s+)?(?:to|until)\s+)$")
# With no tense cue, a day or month still counts as ahead only when it is this close ahead and
# the same day or month a year back is far away ("payable Nov. 16" in an article of Nov. 1).
_NEAR_FUTURE_DAYS = 62
_NEAR_DEADLINE_DAYS = 183


def _tense(text: str, start: int, end: int) -> str | None:
    """'future' or 'past' from the tense cue nearest the expression within its clause."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 80)
    right_stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min([*right_stop, end + 40])
    best: tuple[int, str] | None = None
    for pattern, tense in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for cue in pattern.finditer(text, left, right):
            if start <= cue.start() < end:
                continue  # a cue inside the expression itself ("last", "next") is handled there
            if tense == "past" and not _is_past_cue(text, cue):
                continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None


def _is_past_cue(text: str, cue: re.Match[str]) -> bool:
    word = cue.group(0).lower()
    if word in _NOT_PAST:
        return False
    return not (word.endswith("ed") and
                _AUXILIARY_BEFORE.search(text[max(0, cue.start() - 25):cue.start()]))


def _calendar_tense(text: str, start: int, end: int) -> str | None:
    """Tense for a day or month named without a year: deadlines lean ahead, cues decide."""
    if _DEADLINE_BEFORE.search(text[max(0, start - 14):start]) or \
            _POSTPONED_TO_BEFORE.search(text[max(0, start - 60):start]):
        return "deadline"
    return _tense(text, start, end)


def _choose(candidates: list[tuple[date, date]], published: date,
            tense: str | None) -> tuple[date, date]:
    """Pick the (start, end) period nearest publication, on the side the tense allows."""
    def gap(period: tuple[date, date]) -> int:
        first, last = period
        if first <= published <= last:
            return 0
        return (first - published).days if first > published else (published - last).days

    past = [c for c in candidates if c[0] <= published]
    ahead = [c for c in candidates if c[1] >= published]
    if tense in (None, "deadline") and past and ahead:
        # News reports more than it announces: ahead only when much nearer than a year back;
        # a deadline ("until", "by") is ahead unless that puts it most of a year away.
        near = _NEAR_FUTURE_DAYS if tense is None else _NEAR_DEADLINE_DAYS
        nearest_ahead = min(ahead, key=gap)
        tense = "future" if gap(nearest_ahead) <= near < gap(min(past, key=gap)) or \
            tense == "deadline" and gap(nearest_ahead) <= near else "past"
    allowed = {"past": past, "future": ahead}.get(tense or "", []) or candidates
    return min(allowed, key=lambda c: (gap(c), c[0] > published))


# --- building records ----------------------------------------------------------------------


@dataclass
class _Context:
    text: str
    published: date | None
    found: list[TimeExpression]
    # Expressions computed from another one ("a year earlier"), never themselves anchors.
    derived: set[int] = field(default_factory=set)

    def tense(self, start: int, end: int) -> str | None:
        return _tense(self.text, start, end)


def _expr(m: re.Match[str], value: str | None, first: date | None = None,
          last: date | None = None, precision: str | None = None, relative: bool = False,
          kind: str = "DATE") -> TimeExpression:
    return TimeExpression(m.group(0), m.start(), m.end(), kind, value, first,
                          last if last is not None else first, precision, relative)


def _day_expr(m: re.Match[str], day: date, relative: bool) -> TimeExpression:
    return _expr(m, day.isoformat(), day, day, "day", relative)


def _month_expr(m: re.Match[str], year: int, month: int, relative: bool) -> TimeExpression:
    return _expr(m, f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month),
                 "month", relative)


def _year_expr(m: re.Match[str], year: int, relative: bool) -> TimeExpression:
    return _expr(m, str(year), date(year, 1, 1), date(year, 12, 31), "year", relative)


def _ref(m: re.Match[str], value: str, ctx: _Context) -> TimeExpression:
    if value == "PRESENT_REF" and ctx.published:
        return _expr(m, value, ctx.published, ctx.published, "day", True)
    return _expr(m, value, relative=True)


def _explicit_year(m: re.Match[str], group: str = "y", words: str = "yw") -> int | None:
    groups = m.re.groupindex
    if group in groups and m.group(group):
        return int(m.group(group))
    if words in groups and m.group(words):
        return _year_from_words(m.group(words))
    return None


def _resolve_month_day(m: re.Match[str], month: int, day: int, ctx: _Context,
                       year: int | None) -> TimeExpression | None:
    if year is not None:
        found = _safe_date(year, month, day)
        return _day_expr(m, found, False) if found else None
    if ctx.published is None:
        return _expr(m, f"XXXX-{month:02d}-{day:02d}") if 1 <= day <= 31 else None
    options = [d for y in range(ctx.published.year - 1, ctx.published.year + 2)
               if (d := _safe_date(y, month, day))]
    weekday = _WEEKDAY_NAME.search(m.group(0))
    if weekday:  # "Saturday, April 25" names its own year
        options = [d for d in options if d.weekday() == _WEEKDAYS.index(
            weekday.group(0).lower())] or options
    if not options:
        return None
    chosen, _ = _choose([(d, d) for d in options], ctx.published,
                        _calendar_tense(ctx.text, m.start(), m.end()))
    return _day_expr(m, chosen, True)


def _resolve_month(m: re.Match[str], month: int, ctx: _Context,
                   year: int | None) -> TimeExpression | None:
    if year is not None:
        return _month_expr(m, year, month, False)
    if ctx.published is None:
        return _expr(m, f"XXXX-{month:02d}")
    options = [(date(y, month, 1), _month_end(y, month))
               for y in range(ctx.published.year - 1, ctx.published.year + 2)]
    first, _ = _choose(options, ctx.published, _calendar_tense(ctx.text, m.start(), m.end()))
    return _month_expr(m, first.year, month, True)


# --- recognisers: each turns one regex match into an expression, or None to reject it -----

Handler = Callable[[re.Match[str], _Context], TimeExpression | None]


@dataclass(frozen=True)
class _Cue:
    """A regex searched in the text, or in the lowercased text when `folded`."""

    pattern: re.Pattern[str]
    folded: bool

    def found_in(self, text: str, lowered: str | None = None) -> bool:
        """Whether the cue occurs in `text`; `lowered` is `text.lower()` where the caller has it."""
        if self.folded:
            text = text.lower() if lowered is None else lowered
        return self.pattern.search(text) is not None


_RECOGNISERS: list[tuple[re.Pattern[str], _Cue | None, Handler]] = []
_WORD_START = r"(?<!\w)(?=[\w'])"


def _recogniser(pattern: str, cue: str | None = None) -> Callable[[Handler], Handler]:
    """Register a handler for the matches of `pattern`.

    `cue` is text every match must contain ("century", a capitalised month): a text without it
    is not scanned. A plain search for it is several times cheaper than trying the pattern at
    every word, and most articles lack most cues."""
    # Expressions start at a word ("now" is not in "snow", "noon" not in "mid-afternoon"), and
    # the anchor spares the engine trying every pattern at every character: 2.5x faster.
    compiled = re.compile(_WORD_START + pattern)
    compiled_cue = _compile_cue(cue) if cue is not None else None

    def register(handler: Handler) -> Handler:
        _RECOGNISERS.append((compiled, compiled_cue, handler))
        return handler

    return register


def _compile_cue(cue: str) -> _Cue:
    """A lowercase cue wholly in any case, "(?i:...)", is searched as it is in the lowercased
    text: re finds a case-sensitive literal far faster (0.4 ms an article against 0.03)."""
    inner = cue[4:-1]
    if cue.startswith("(?i:") and cue.endswith(")") and _balanced(inner) \
            and inner == inner.lower():
        return _Cue(re.compile(inner), folded=True)
    return _Cue(re.compile(cue), folded=False)


def _balanced(pattern: str) -> bool:
    """Whether `pattern`'s unescaped parentheses pair up without closing more than opened."""
    depth = 0
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# Cues (see `_recogniser`). Each is a part that every match of its pattern contains, under the
# same case rule: months are capitalised, everything else is matched in any case.
_MONTH_CUE = r"Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sep|Oct|Nov|Dec"
_YEAR_CUE = r"1[5-9]\d\d|20\d\d"
_WEEKDAY_CUE = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_PART_OF_DAY_CUE = r"(?i:night|morning|afternoon|evening)"


@_recogniser(rf"{_month('m1')}\s+{_day('d1')}{_RANGE_JOIN}(?:{_month('m2')}\s+)?{_day('d2')}"
             rf"{_YEAR_TAIL}",
             cue=_MONTH_CUE)
def _month_day_range(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    month_2 = _month_number(m.group("m2")) if m.group("m2") else _month_number(m.group("m1"))
    return _range(m, (_month_number(m.group("m1")), int(m.group("d1"))),
                  (month_2, int(m.group("d2"))), ctx)


@_recogniser(rf"{_day('d1')}(?:\s+{_month('m1')})?{_RANGE_JOIN}{_day('d2')}\s+(?:of\s+)?"
             rf"{_month('m2')}{_YEAR_TAIL}",
             cue=_MONTH_CUE)
def _day_month_range(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    month_1 = _month_number(m.group("m1")) if m.group("m1") else _month_number(m.group("m2"))
    return _range(m, (month_1, int(m.group("d1"))),
                  (_month_number(m.group("m2")), int(m.group("d2"))), ctx)


def _range(m: re.Match[str], first: tuple[int, int], last: tuple[int, int],
           ctx: _Context) -> TimeExpression | None:
    if not (1 <= first[1] <= 31 and 1 <= last[1] <= 31):
        return None
    year = _explicit_year(m)
    start = _resolve_month_day(m, first[0], first[1], ctx, year)
    if start is None or start.start_date is None:
        return None
    end_year = start.start_date.year + (1 if last[0] < first[0] else 0)
    end_day = _safe_date(end_year, last[0], last[1])
    if end_day is None or end_day < start.start_date:
        return None
    return _expr(m, f"{start.start_date.isoformat()}/{end_day.isoformat()}", start.start_date,
                 end_day, "range", start.relative)


@_recogniser(rf"{_WEEKDAY_PREFIX}{_month('m')}\s+(?:the\s+)?{_day('d')}{_YEAR_TAIL}"
             rf"|{_WEEKDAY_PREFIX}(?:the\s+)?{_day('d_')}\s+(?:of\s+)?{_month('m_')}"
             rf"(?:,?\s+{_year('y_')})?",
             cue=_MONTH_CUE)
def _month_day(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    month_name = m.group("m") or m.group("m_")
    day = int(m.group("d") or m.group("d_"))
    if not 1 <= day <= 31:
        return None
    year = _explicit_year(m) or (int(m.group("y_")) if m.group("y_") else None)
    return _resolve_month_day(m, _month_number(month_name), day, ctx, year)


@_recogniser(rf"{_WEEKDAY_PREFIX}{_month('m')}\s+(?:the\s+)?(?P<ord>(?i:{_ORDINAL_WORD}))"
             rf"(?![a-z]){_YEAR_TAIL}",
             cue=_MONTH_CUE)
def _month_ordinal_word(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    day = _ordinal_value(m.group("ord"))
    if day is None or not 1 <= day <= 31:
        return None
    return _resolve_month_day(m, _month_number(m.group("m")), day, ctx, _explicit_year(m))


@_recogniser(r"(?<![\d.])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\d])"
             r"|(?<![\d.])(?P<d_>\d{1,2})\.(?P<mo_>\d{1,2})\.(?P<y_>\d{4})(?![\d])"
             r"|(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y2>\d{4})(?![\d/])",
             cue=r"\d[-./]\d")
def _numeric_date(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if m.group("y"):
        year, month, day = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    elif m.group("y_"):
        year, month, day = int(m.group("y_")), int(m.group("mo_")), int(m.group("d_"))
    else:
        # Slashes are month-first (US wire style) unless the first number cannot be a month.
        first, second = int(m.group("a")), int(m.group("b"))
        month, day = (first, second) if first <= 12 else (second, first)
        year = int(m.group("y2"))
    found = _safe_date(year, month, day)
    return _day_expr(m, found, False) if found else None


_MONTH_MODIFIER = (r"(?:(?P<edge>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
                   r"[\s-]+)?")


@_recogniser(rf"{_MONTH_MODIFIER}{_month('m')}(?:,?\s+(?:of\s+)?{_year('y')}"
             rf"|,?\s+(?P<yw>{_YEAR_WORDS}))",
             cue=_MONTH_CUE)
def _month_year(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    year = _explicit_year(m)
    return _month_expr(m, year, _month_number(m.group("m")), False) if year else None


_MONTH_BEFORE = re.compile(r"(?i:\b(?:in|since|by|until|till|through|from|to|of|during|last|"
                           r"this|next|early|late|mid|before|after|between|and|or|on|"
                           r"beginning|end|middle|start)[\s-]*)$")


@_recogniser(rf"(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming))\s+)?{_MONTH_MODIFIER}"
             rf"{_month('m')}(?:\s+(?P<rel2>(?i:this|last|next))\s+year)?",
             cue=_MONTH_CUE)
def _bare_month(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    name = m.group("m")
    if name.endswith(".") or len(name) == 3 and name != "May":
        return None  # a lone abbreviation is rarely a date
    # "Theresa May", "the Long March", "May I": only after a time preposition.
    if name in ("May", "March") and not (m.group("rel") or m.group("edge") or m.group("rel2")) \
            and not _MONTH_BEFORE.search(ctx.text[max(0, m.start() - 15):m.start()]):
        return None
    month = _month_number(name)
    published = ctx.published
    rel = (m.group("rel") or "").lower().split()
    if m.group("rel2") and published:
        shift = {"this": 0, "last": -1, "next": 1}[m.group("rel2").lower()]
        return _month_expr(m, published.year + shift, month, True)
    if rel and published:
        this_month = date(published.year, published.month, 1)
        if rel == ["this"]:
            return _month_expr(m, published.year, month, True)
        step = -1 if rel[-1] in ("last", "past") else 1
        target = _add_months(this_month, step)
        while target.month != month:
            target = _add_months(target, step)
        return _month_expr(m, target.year, month, True)
    return _resolve_month(m, month, ctx, None)


@_recogniser(rf"(?:(?P<edge>(?i:(?:the\s+)?(?:early|mid|late)|the\s+(?:beginning|start|middle|end)\s+of|fiscal"
             rf"|calendar|the\s+year|(?:all|much|most|part)\s+of|a\s+good\s+part\s+of))[\s-]+)?"
             rf"{_year('y')}(?P<tail>s|'s)?",
             cue=_YEAR_CUE)
def _year_number(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    year = int(m.group("y"))
    if m.group("tail") == "s":
        return _decade(m, year // 10)
    if m.group("tail") == "'s" or not m.group("edge") and not _looks_like_year(ctx.text, m):
        return None
    return _year_expr(m, year, False)


def _looks_like_year(text: str, m: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless it counts something ("1,500 troops" aside)."""
    after = text[m.end():m.end() + 20]
    if re.match(r"\s+(?:[a-z]+\s+)?(?:people|troops|soldiers|men|women|children|"
                r"persons|residents|refugees|tons|tonnes|km|kilometers|miles|meters|feet|"
                r"dollars|euros|shares|units|votes|cases|deaths|homes|houses)\b", after):
        return False
    before = text[max(0, m.start() - 12):m.start()]
    # "Security Council resolution 1701", "Article 1701", "Route 1812": a number that names a
    # resolution, a clause, a road or a flight is no year.
    if re.search(r"\b(?i:resolutions?|articles?|routes?|highways?|flights?|no\.?|numbers?|"
                 r"rooms?|kilometres?|kilometers?|km)\s+$", before):
        return False
    return not re.search(r"(?:\b(?:about|some|over|nearly|almost|than|of)\s+|[#№])$", before) or \
        bool(re.search(r"\bof\s+$", before))


@_recogniser(r"(?P<the>(?i:the\s+year\s+))?(?<![\w-])(?P<yw>(?i:" + _YEAR_WORDS + r"))(?![\w-])",
             cue=r"(?i:nineteen|eighteen|twenty|thousand)")
def _spoken_year(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    year = _year_from_words(m.group("yw"))
    text = m.group("yw").lower()
    # "two thousand" alone is a count unless "the year" introduces it.
    if year is None or text.startswith("two") and not m.group("the"):
        return None
    if not 1500 <= year <= 2099:
        return None
    return _year_expr(m, year, False)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@_recogniser(rf"(?i:(?:the\s+)?(?:(?:early|mid|late|last\s+half\s+of\s+the|first\s+half\s+of\s+"
             rf"the)[\s-]+)?)(?:(?P<short>'\d0s)|(?P<word>(?i:{'|'.join(_DECADE_WORDS)})))"
             r"(?![a-z])",
             cue=r"(?i:'\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade_words(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if m.group("short"):
        digit = int(m.group("short")[1])
    else:
        digit = _DECADE_WORDS[m.group("word").lower()]
        if not m.group(0).lower().startswith("the"):
            return None  # "in his forties" is an age
    # The latest decade of that name that has begun by publication.
    century = 19
    if ctx.published is not None:
        century = ctx.published.year // 100
        if century * 100 + digit * 10 > ctx.published.year:
            century -= 1
    return _decade(m, century * 10 + digit)


def _decade(m: re.Match[str], decade: int) -> TimeExpression:
    return _expr(m, str(decade), date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31),
                 "decade")


@_recogniser(rf"(?i:(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_WORD})[\s-]+"
             r"century)(?![a-z])",
             cue=r"(?i:century)")
def _century(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    number = _ordinal_value(m.group("ord"))
    if number is None or not 1 <= number <= 21:
        return None
    first = (number - 1) * 100
    return _expr(m, f"{number - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31),
                 "century")


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                     "fourth": 4, "4th": 4, "final": 4, "last": 4}


@_recogniser(r"(?i:(?:(?P<det>the|its|this|that|a|an)\s+)?(?:(?P<poss>this|last|next)\s+year's\s+)?"
             rf"(?:(?P<ylead>{_year('yl')})\s+)?(?:fiscal[\s-]+)?"
             r"(?P<q>first|1st|second|2nd|third|3rd|fourth|4th)[\s-]+(?:fiscal[\s-]+)?quarter"
             rf"(?:\s+of\s+(?:{_year('y')}|(?P<this>this|last|next)\s+year))?)(?![a-z-])",
             cue=r"(?i:quarter)")
def _quarter(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    quarter = _QUARTER_ORDINALS[m.group("q").lower()]
    year = None
    if m.group("y") or m.group("yl"):
        year = int(m.group("y") or m.group("yl"))
    elif ctx.published:
        shift_word = (m.group("poss") or m.group("this") or "this").lower()
        year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[shift_word]
    if year is None:
        return _expr(m, f"XXXX-Q{quarter}")
    first, last = _quarter_bounds(year, quarter)
    return _expr(m, f"{year}-Q{quarter}", first, last, "quarter", not m.group("y"))


@_recogniser(r"(?i:(?:the\s+)?(?P<which>first|second|last)\s+half(?:\s+of\s+(?:"
             rf"{_year('y')}|(?P<rel>this|last|next)\s+year|the\s+year))?)(?![a-z])",
             cue=r"(?i:half)")
def _half(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if not (m.group("y") or m.group("rel") or m.group(0).lower().endswith("year")):
        return None  # "the first half" of a match, a speech...
    half = 1 if m.group("which").lower() == "first" else 2
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.published:
        year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[
            (m.group("rel") or "this").lower()]
    else:
        return _expr(m, f"XXXX-H{half}")
    first = date(year, 1 if half == 1 else 7, 1)
    return _expr(m, f"{year}-H{half}", first, _add_months(first, 6) - timedelta(days=1), "half",
                 not m.group("y"))


@_recogniser(r"(?i:(?P<which>this|the|the\s+latest|the\s+current|the\s+last|the\s+most\s+recent"
             r"|the\s+recent|the\s+previous|last|the\s+past|the\s+latest\s+fiscal)\s+quarter"
             r"|(?P<period>the\s+latest\s+period))"
             r"(?![a-z-])",
             cue=r"(?i:quarter|period)")
def _quarter_reference(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if ctx.published is None:
        return None
    if m.group("period") and not any(e.precision == "quarter" for e in ctx.found):
        return None  # "period" means a quarter only once the text is about quarterly results
    which = " ".join((m.group("which") or "the latest").lower().split())
    year, quarter = _quarter_of(ctx.published)
    # Results news: "the quarter" is the one just reported, i.e. the last one completed.
    if which not in ("this", "the current"):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    first, last = _quarter_bounds(year, quarter)
    return _expr(m, f"{year}-Q{quarter}", first, last, "quarter", True)


@_recogniser(r"(?i:(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:year[\s-]+(?:ago|earlier)"
             r"|prior[\s-]+year|previous[\s-]+year)(?:\s+(?:(?:third|second|first|fourth|fiscal)"
             r"\s+)?(?P<unit>quarter|period))?|(?:the\s+)?(?:corresponding|comparable|same)\s+"
             r"(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)"
             r"|last\s+year's\s+(?P<unit2>quarter|period))(?![a-z-])",
             cue=r"(?i:year|quarter|period)")
def _year_ago_period(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    return _year_before_anchor(m, ctx)


def _year_before_anchor(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    """The quarter a year before the last one the text reported, else the year before publication.

    Results news compares a quarter with "the year-ago quarter" / "a year earlier"; that
    comparison can come many sentences after the quarter was named.
    """
    anchor = next((e for e in reversed(ctx.found) if e.end <= m.start()
                   and e.precision == "quarter" and e.value and id(e) not in ctx.derived), None)
    if anchor is not None and anchor.value:
        year, quarter = int(anchor.value[:4]) - 1, int(anchor.value[-1])
        first, last = _quarter_bounds(year, quarter)
        expression = _expr(m, f"{year}-Q{quarter}", first, last, "quarter", True)
    elif ctx.published is None:
        return None
    else:
        expression = _year_expr(m, ctx.published.year - 1, True)
    ctx.derived.add(id(expression))
    return expression


_RELATIVE_UNITS = r"week|weekend|month|year|decade|summer|winter|spring|fall|autumn"


@_recogniser(r"(?i:(?P<mod>(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of"
             r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|sometime|some\s+time|"
             r"in\s+the\s+middle\s+of)\s+)?"
             r"(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+past|the\s+last|the\s+current"
             r"|the\s+coming|the\s+next|the\s+previous|the\s+latest|the\s+full|the|that|"
             r"the\s+following|the\s+prior|the\s+preceding)\s+(?:(?:calendar|fiscal)\s+)?"
             rf"(?P<unit>{_RELATIVE_UNITS})|(?P<mod2>earlier|later|early|late)\s+in\s+the\s+"
             r"(?P<unit2>year|month|week))(?![a-z-])",
             cue=r"(?i:week|month|year|decade|summer|winter|spring|fall|autumn)")
def _relative_unit(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    rel = " ".join((m.group("rel") or "this").lower().split())
    unit = (m.group("unit") or m.group("unit2")).lower()
    if rel in ("that", "the following", "the prior", "the preceding") or \
            rel == "the previous" and unit == "year":
        return _anchored_unit(m, rel, unit, ctx)
    if rel == "the" and unit not in ("year", "weekend", "week", "summer", "winter", "spring",
                                     "fall", "autumn"):
        return None
    if ctx.published is None:
        return None
    step = {"this": 0, "the current": 0, "the": 0, "the full": 0, "the latest": 0,
            "last": -1, "this past": -1, "the past": -1, "the last": -1, "the previous": -1,
            "next": 1, "this coming": 1, "the coming": 1, "the next": 1}[rel]
    expression = _shifted_unit(m, unit, step, ctx)
    if (step == 0 and (m.group("mod") or "").split() == ["earlier"] and ctx.published
            and expression.start_date and expression.end_date
            and expression.start_date <= ctx.published < expression.end_date):
        # "earlier this week", said on Wednesday, is Monday to Wednesday: the rest of the week
        # has not happened yet.
        expression = replace(expression, end_date=ctx.published)
    return expression


def _shifted_unit(m: re.Match[str], unit: str, step: int, ctx: _Context) -> TimeExpression | None:
    published = ctx.published
    assert published is not None
    if unit == "week":
        monday, sunday = _week_bounds(published + timedelta(weeks=step))
        return _expr(m, _week_value(monday), monday, sunday, "week", True)
    if unit == "weekend":
        return _weekend(m, published, step)
    if unit == "month":
        first = _add_months(date(published.year, published.month, 1), step)
        return _month_expr(m, first.year, first.month, True)
    if unit == "year":
        return _year_expr(m, published.year + step, True)
    if unit == "decade":
        decade = published.year // 10 + step
        return _expr(m, str(decade), date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31),
                     "decade", True)
    return _season(m, _SEASONS[unit], step, ctx)


def _weekend(m: re.Match[str], published: date, step: int) -> TimeExpression:
    # A weekday's "the weekend" is the one just past; on a weekend it is the current one.
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if step > 0 or published.weekday() < 5 and step == 0 and _FUTURE_CUE.search(m.group(0)):
        saturday += timedelta(weeks=1)
    elif step < 0 and published.weekday() >= 5:
        saturday -= timedelta(weeks=1)
    return _expr(m, f"{_week_value(saturday)}-WE", saturday, saturday + timedelta(days=1),
                 "weekend", True)


def _season(m: re.Match[str], code: str, step: int, ctx: _Context) -> TimeExpression:
    published = ctx.published
    assert published is not None
    current_year, current_code = _season_of(published)
    year = current_year if code != "WI" or current_code == "WI" else published.year
    if step == 0 and m.group("rel") and m.group("rel").lower() == "the":
        return _season_choice(m, code, ctx)
    first, _ = _season_bounds(year, code)
    if step < 0 and first >= _season_bounds(current_year, current_code)[0]:
        year -= 1
    elif step > 0 and first <= published:
        year += 1
    first, last = _season_bounds(year, code)
    return _expr(m, f"{year}-{code}", first, last, "season", True)


def _season_choice(m: re.Match[str], code: str, ctx: _Context) -> TimeExpression:
    assert ctx.published is not None
    options = [_season_bounds(y, code) for y in range(ctx.published.year - 1,
                                                      ctx.published.year + 2)]
    first, last = _choose(options, ctx.published, ctx.tense(m.start(), m.end()))
    return _expr(m, f"{first.year}-{code}", first, last, "season", True)


@_recogniser(r"(?i:(?:the\s+)?(?P<season>summer|winter|spring|fall|autumn)(?:\s+of)?\s+)"
             rf"(?:{_year('y')}|(?P<yw>(?i:{_YEAR_WORDS})))",
             cue=r"(?i:summer|winter|spring|fall|autumn)")
def _season_of_year(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    year = _explicit_year(m)
    if year is None:
        return None
    code = _SEASONS[m.group("season").lower()]
    first, last = _season_bounds(year, code)
    return _expr(m, f"{year}-{code}", first, last, "season")


def _anchored_unit(m: re.Match[str], rel: str, unit: str, ctx: _Context) -> TimeExpression | None:
    """'that year', 'the following year': relative to the last year mentioned before."""
    if unit != "year":
        return None
    anchor = next((e for e in reversed(ctx.found) if e.end <= m.start() and e.start_date
                   and e.kind == "DATE" and e.precision in ("year", "month", "day", "quarter")
                   and not e.relative), None)
    if anchor is None or anchor.start_date is None:
        return None
    step = {"that": 0, "the following": 1}.get(rel, -1)
    return _year_expr(m, anchor.start_date.year + step, True)


@_recogniser(r"(?i:(?P<mod>early|late|earlier|later|(?:just\s+)?before|(?:shortly\s+)?after)\s+)?"
             r"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today"
             r"|yesterday|tomorrow))(?![a-z])(?:\s+(?P<part>(?i:night|morning|afternoon"
             r"|evening)))?",
             cue=r"(?i:today|yesterday|tomorrow)")
def _deictic_day(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    word = " ".join(m.group("word").lower().split())
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[word]
    if ctx.published is None:
        return _expr(m, None, relative=True)
    day = ctx.published + timedelta(days=offset)
    if m.group("part"):
        return _expr(m, day.isoformat() + _PART_CODES[m.group("part").lower()], day, day, "day",
                     True, kind="TIME")
    return _day_expr(m, day, True)


@_recogniser(r"(?i:(?P<which>tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
             r"|later\s+this\s+(?:morning|afternoon|evening)|earlier\s+this\s+(?:morning"
             r"|afternoon|evening)))(?![a-z])",
             cue=_PART_OF_DAY_CUE)
def _part_of_today(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    which = m.group("which").lower()
    part = "night" if "night" in which else which.split()[-1]
    day = ctx.published
    if day is None:
        return _expr(m, None, relative=True, kind="TIME")
    if which.startswith("last") or which == "overnight":
        day -= timedelta(days=1)
    return _expr(m, day.isoformat() + _PART_CODES[part], day, day, "day", True, kind="TIME")


@_recogniser(rf"(?i:the\s+{_PART_OF_DAY}\s+of\s+)(?:{_WEEKDAY},?\s+)?(?:{_month('m')}\s+"
             rf"{_day('d')}|{_day('d_')}\s+{_month('m_')}){_YEAR_TAIL}",
             cue=_PART_OF_DAY_CUE)
def _night_of(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    month = _month_number(m.group("m") or m.group("m_"))
    day_found = _resolve_month_day(m, month, int(m.group("d") or m.group("d_")), ctx,
                                   _explicit_year(m))
    if day_found is None or day_found.start_date is None:
        return day_found
    return replace(day_found, kind="TIME",
                   value=day_found.value + _PART_CODES[m.group("part").lower()])


_CLOCK = (r"(?P<clock>(?i:(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight))"
          r"(?:\s+(?:[A-Z]{2,4}T|local\s+time))?)")
_CLOCK_DAY = (r"(?P<day>(?i:today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday"
              r"|saturday|sunday))(?![a-z])")


@_recogniser(rf"{_CLOCK_DAY}(?:,\s*|\s+(?i:at)\s+){_CLOCK}",
             cue=r"(?i:\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)")
@_recogniser(rf"{_CLOCK},?\s+(?:(?i:on)\s+)?(?:{_CLOCK_DAY}|{_month('m')}\s+{_day('d')})",
             cue=r"(?i:\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)")
def _clock_time(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    """'10 p.m. Wednesday', 'noon Thursday', '5 p.m. EST, Nov. 6': a TIME on a resolved day."""
    if "m" in m.re.groupindex and m.group("m"):
        day_expr = _resolve_month_day(m, _month_number(m.group("m")), int(m.group("d")), ctx,
                                      None)
        day = day_expr.start_date if day_expr else None
    else:
        day = _named_day(m.group("day").lower(), ctx, m)
    if day is None:
        return None
    return _expr(m, day.isoformat() + _clock_value(m.group("clock")), day, day, "day", True,
                 kind="TIME")


def _named_day(word: str, ctx: _Context, m: re.Match[str]) -> date | None:
    if ctx.published is None:
        return None
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in offsets:
        return ctx.published + timedelta(days=offsets[word])
    weekday = _WEEKDAYS.index(word)
    if ctx.tense(m.start(), m.end()) == "future":
        return ctx.published + timedelta(days=(weekday - ctx.published.weekday()) % 7)
    return ctx.published - timedelta(days=(ctx.published.weekday() - weekday) % 7)


def _clock_value(clock: str) -> str:
    text = clock.lower()
    if text.startswith("noon"):
        return "T12:00"
    if text.startswith("midnight"):
        return "T24:00"
    hour_text, _, minute_text = re.match(r"(\d{1,2})(?::(\d\d))?", text).group(0).partition(":")
    hour = int(hour_text) % 12 + (12 if "p" in text.split()[0] or re.search(r"p\.?m", text)
                                  else 0)
    return f"T{hour:02d}:{minute_text or '00'}"


_LAST_WEEK = re.compile(r"\b[Ll]ast\s+week\b")
_WEEKDAY_MODS = (r"last|next|this|this\s+coming|this\s+past|the\s+previous|the\s+following"
                 r"|early|late|earlier|later")


@_recogniser(rf"(?:(?P<mod>(?i:{_WEEKDAY_MODS}))\s+)?{_WEEKDAY}"
             rf"(?:\s+{_PART_OF_DAY})?(?P<plural>s)?",
             cue=_WEEKDAY_CUE)
def _weekday(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if not m.group("wd")[0].isupper() or m.group("plural"):
        return None  # "on Mondays" is a SET
    weekday = _WEEKDAYS.index(m.group("wd").lower())
    mod = " ".join((m.group("mod") or "").lower().split())
    if ctx.published is None:
        return _expr(m, f"XXXX-WXX-{weekday + 1}")
    back = (ctx.published.weekday() - weekday) % 7
    forward = (weekday - ctx.published.weekday()) % 7
    if mod == "last" and _LAST_WEEK.search(ctx.text, 0, m.start()):
        # "recorded nine incidents last week ... The deadliest was last Tuesday's bombing": after
        # the text has named last week, "last Tuesday" is that week's Tuesday.
        offset = weekday - ctx.published.weekday() - 7
    elif mod in ("last", "this past", "the previous"):
        offset = -(back or 7)
    elif mod in ("next", "the following"):
        offset = forward or 7
    elif mod == "this coming" or ctx.tense(m.start(), m.end()) == "future":
        offset = forward
    else:
        offset = -back
    day = ctx.published + timedelta(days=offset)
    if m.group("part"):
        return _expr(m, day.isoformat() + _PART_CODES[m.group("part").lower()], day, day, "day",
                     True, kind="TIME")
    return _day_expr(m, day, True)


_AGO_UNITS = r"days?|weeks?|months?|years?|decades?|centuries|century"


@_recogniser(r"(?i:(?:(?:about|nearly|almost|some|more\s+than|over|roughly|around|just|only"
             r"|exactly)\s+)?(?P<n>\d+|" + _NUMBER_WORDS + r"|a|an|" + _VAGUE_QUANTITY
             + rf")[\s-]+(?:or\s+so\s+)?(?P<unit>{_AGO_UNITS})(?:\s+or\s+so)?\s+"
             r"(?P<dir>ago|earlier|before|later|after|from\s+now|hence))(?![a-z])",
             cue=r"(?i:(?:days?|weeks?|months?|years?|decades?|centuries|century)(?:\s+or\s+so)?\s+"
             r"(?:ago|earlier|before|later|after|from\s+now|hence))")
def _ago(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    unit = m.group("unit").lower().rstrip("s").replace("centurie", "century")
    direction = m.group("dir").lower()
    amount = number_value(m.group("n"))
    if unit == "year" and amount == 1 and direction in ("earlier", "before", "ago"):
        return _year_before_anchor(m, ctx)
    if direction in ("earlier", "before", "later", "after"):
        return None  # relative to another event, not to publication
    sign = 1 if direction in ("from now", "hence") else -1
    if amount is None:
        return _expr(m, "FUTURE_REF" if sign > 0 else "PAST_REF", relative=True)
    if ctx.published is None:
        return None
    return _offset(m, unit, sign * int(amount), ctx.published)


def _offset(m: re.Match[str], unit: str, amount: int, published: date) -> TimeExpression | None:
    if unit in ("day", "week"):
        return _day_expr(m, published + timedelta(days=amount * (7 if unit == "week" else 1)),
                         True)
    if unit == "month":
        first = _add_months(date(published.year, published.month, 1), amount)
        return _month_expr(m, first.year, first.month, True)
    if unit == "year":
        return _year_expr(m, published.year + amount, True)
    if unit == "decade":
        decade = (published.year + 10 * amount) // 10
        return _expr(m, str(decade), date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31),
                     "decade", True)
    return None


_REFERENCES = {
    "PRESENT_REF": r"now|right\s+now|just\s+now|currently|nowadays|these\s+days|at\s+present"
                   r"|presently|the\s+present|at\s+this\s+time|at\s+the\s+moment|this\s+time"
                   r"|today's|for\s+now|so\s+far",
    "PAST_REF": r"recently|more\s+recently|lately|the\s+past|in\s+the\s+past"
                r"|earlier|once|recent\s+(?:days|weeks|months|years|times|decades)"
                r"|(?:the\s+)?past\s+(?:few\s+|several\s+)?(?:days|weeks|months|years|decades)",
    "FUTURE_REF": r"the\s+future|the\s+near\s+future|the\s+long\s+term|the\s+short\s+term"
                  r"|the\s+near\s+term|future|soon|shortly|(?:the\s+)?coming\s+(?:days|weeks"
                  r"|months|years|decades)|(?:the\s+)?next\s+(?:few\s+|several\s+)?(?:days"
                  r"|weeks|months|years|decades)|a\s+later\s+date",
}
_REFERENCE_OF = {phrase_kind: kind for kind, phrase_kind in _REFERENCES.items()}


@_recogniser(r"(?i:" + "|".join(rf"(?P<{k}>{v})" for k, v in _REFERENCES.items())
             + r")(?![\w-])")
def _reference(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    kind = next(k for k in _REFERENCES if m.group(k))
    word = m.group(0).lower()
    if word in ("once", "earlier", "future", "today's", "so far", "for now", "this time"):
        return None if not _standalone_adverb(ctx.text, m) else _ref(m, kind, ctx)
    return _ref(m, kind, ctx)


def _standalone_adverb(text: str, m: re.Match[str]) -> bool:
    # "earlier," / "once again" / "future plans": only the adverb at a clause edge is temporal.
    word = m.group(0).lower()
    after = text[m.end():m.end() + 12]
    if word == "once":
        return False
    if word == "future":
        return bool(re.match(r"\s*[.,;]", after)) or \
            text[max(0, m.start() - 3):m.start()].lower() == "in "
    if word == "earlier":
        return bool(re.match(r"\s*[.,;]", after)) and not re.search(
            r"\b(?:than|an|the)\s+$", text[max(0, m.start() - 6):m.start()].lower())
    return False


_DURATION_UNITS = (r"seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?"
                   r"|decades?|centuries|century|quarters?")


@_recogniser(r"(?i:(?:(?P<lead>the\s+(?:past|last|next|first|final|coming|previous|following))"
             r"\s+)?(?:(?:about|nearly|almost|some|more\s+than|over|roughly|around|just|only"
             r"|less\s+than|at\s+least|up\s+to)\s+)?(?P<n>\d+(?:[.,]\d+)?|" + _NUMBER_WORDS
             + r"|a|an|" + _VAGUE_QUANTITY + r")(?:[\s-]+(?P<half>and[\s-]+a[\s-]+half))?"
             rf"[\s-]+(?P<unit>{_DURATION_UNITS})(?:[\s-]+long)?)(?![a-z])")
def _duration(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    number = m.group("n").lower()
    if number in ("a", "an") and not m.group("lead") and not re.search(
            r"(?i:\b(?:for|over|in|within|during|after|about|nearly|almost|than)\s+)$",
            ctx.text[max(0, m.start() - 8):m.start()]):
        return None  # "a day of protests", "a week of talks" are rarely measured spans
    unit = m.group("unit").lower().rstrip("s").replace("centurie", "century")
    amount = None if re.fullmatch(_VAGUE_QUANTITY, number) else number_value(number)
    code = _UNIT_CODES[unit]
    if amount is None:
        quantity = "X"
    else:
        if m.group("half"):
            amount += 0.5
        quantity = str(int(amount)) if amount == int(amount) else str(amount)
    value = f"PT{quantity}{code[1]}" if code.startswith("T") else f"P{quantity}{code}"
    return _expr(m, value, kind="DURATION")


@_recogniser(r"(?i:(?:every|each)\s+(?P<unit>day|week|month|year|quarter|monday|tuesday|wednesday"
             r"|thursday|friday|saturday|sunday)|(?P<adverb>daily|weekly|monthly|annually|yearly"
             r"|hourly|quarterly))(?![a-z])",
             cue=r"(?i:every|each|daily|weekly|monthly|annually|yearly|hourly|quarterly)")
def _set(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    word = (m.group("unit") or m.group("adverb")).lower()
    codes = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
             "monthly": "P1M", "year": "P1Y", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "quarter": "P1Q", "quarterly": "P1Q"}
    value = f"XXXX-WXX-{_WEEKDAYS.index(word) + 1}" if word in _WEEKDAYS else codes[word]
    return _expr(m, value, kind="SET")


# --- putting it together -------------------------------------------------------------------

_OPEN_RANGE_SIGNAL = re.compile(r"(?i:\b(?P<word>since|ever\s+since)\s+)$")
_CLOSED_RANGE_SIGNAL = re.compile(r"(?i:\b(?:from|between)\s+)$")
_CLOSED_RANGE_JOIN = re.compile(r"(?i:\s*(?:-|–|—|to|through|until|till|and)\s*)")


def find_time_expressions(text: str, published: date | None = None) -> list[TimeExpression]:
    """All time expressions in `text`, in order, resolved against `published` where relative."""
    ctx = _Context(text, published, [])
    candidates: list[tuple[int, int, int, re.Match[str], Handler]] = []
    # Recognisers share cues (six need a month): each is looked for once.
    cued: dict[_Cue, bool] = {}
    lowered = text.lower()
    for order, (pattern, cue, handler) in enumerate(_RECOGNISERS):
        if cue is not None:
            if cue not in cued:
                cued[cue] = cue.found_in(text, lowered)
            if not cued[cue]:
                continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), order, m, handler))
    chosen = _longest_first(candidates)
    # Resolve left to right so anaphoric expressions ("that year") can see earlier ones.
    for _start, _end, _order, m, handler in sorted(chosen, key=lambda c: c[0]):
        expression = handler(m, ctx)
        if expression is not None:
            ctx.found.append(expression)
    return _with_ranges(ctx.found, text, published)


def _longest_first(candidates: list[tuple[int, int, int, re.Match[str], Handler]]
                   ) -> list[tuple[int, int, int, re.Match[str], Handler]]:
    taken: list[tuple[int, int]] = []
    chosen = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append(candidate)
    return chosen


def _with_ranges(found: list[TimeExpression], text: str,
                 published: date | None) -> list[TimeExpression]:
    """Join "from X to Y" into one range; make "since X" an open range ending at publication.

    The signal word stays outside a closed range (as in TIMEX3) but inside an open one, whose
    text would otherwise read as a point in time.
    """
    result: list[TimeExpression] = []
    index = 0
    while index < len(found):
        expression = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        before = text[max(0, expression.start - 12):expression.start]
        if following is not None and _joinable(expression, following, text, before):
            assert expression.start_date and following.end_date
            result.append(TimeExpression(
                text[expression.start:following.end], expression.start, following.end, "DATE",
                f"{expression.start_date.isoformat()}/{following.end_date.isoformat()}",
                expression.start_date, following.end_date, "range",
                expression.relative or following.relative))
            index += 2
            continue
        signal = _OPEN_RANGE_SIGNAL.search(before)
        # "tense since Monday's clashes": a possessive day is the day of what it qualifies,
        # which "since" then follows; the day itself is no open range.
        possessive = text.startswith(("'s", "\u2019s"), expression.end)
        if signal and not possessive and expression.kind == "DATE" and expression.start_date \
                and published and expression.start_date <= published:
            start = expression.start - len(signal.group(0))
            expression = replace(expression, text=text[start:expression.end], start=start,
                                 end_date=published, precision="range")
        result.append(expression)
        index += 1
    return result


def _joinable(first: TimeExpression, second: TimeExpression, text: str, before: str) -> bool:
    if not (first.kind == second.kind == "DATE" and first.start_date and second.end_date):
        return False
    if not _CLOSED_RANGE_SIGNAL.search(before):
        return False
    if not _CLOSED_RANGE_JOIN.fullmatch(text[first.end:second.start]):
        return False
    return first.start_date <= second.end_date
