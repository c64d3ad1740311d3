"""Time expressions: recognition and normalisation against a fixed publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.extract.dates import TimeExpression, find_time_expressions, number_value

PUBLISHED = date(2021, 11, 17)  # a Wednesday
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "timeml_timebank.dev.jsonl"


def only(text: str, published: date | None = PUBLISHED) -> TimeExpression:
    found = find_time_expressions(text, published)
    assert len(found) == 1, found
    return found[0]


def first_day(text: str, published: date = PUBLISHED) -> str:
    expression = only(text, published)
    assert expression.start_date is not None
    return expression.start_date.isoformat()


# --- absolute dates ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Clashes broke out on November 16, 2021.", "November 16, 2021"),
    ("Clashes broke out on 16 November 2021.", "16 November 2021"),
    ("Clashes broke out on 2021-11-16.", "2021-11-16"),
    ("Clashes broke out on 16.11.2021.", "16.11.2021"),
    ("Clashes broke out on 11/16/2021.", "11/16/2021"),
    ("Clashes broke out on the 16th of November, 2021.", "the 16th of November, 2021"),
])
def test_absolute_day(text: str, expected: str) -> None:
    expression = only(text)
    assert (expression.text, expression.kind, expression.value) == (expected, "DATE", "2021-11-16")
    assert expression.start_date == expression.end_date == date(2021, 11, 16)
    assert expression.precision == "day"
    assert not expression.relative
    assert text[expression.start:expression.end] == expression.text


def test_slash_date_with_day_first_when_it_cannot_be_a_month() -> None:
    assert only("on 16/11/2021").value == "2021-11-16"


def test_impossible_dates_are_not_dates() -> None:
    assert find_time_expressions("on 31.02.2021 and February 30, 2021", PUBLISHED) == []


# --- dates without a year ------------------------------------------------------------------

def test_day_without_year_in_past_news() -> None:
    expression = only("On November 16, Azerbaijani forces attacked positions.")
    assert expression.value == "2021-11-16"
    assert expression.relative


def test_day_without_year_rolls_back_over_new_year() -> None:
    published = date(2022, 1, 3)
    assert first_day("The army shelled the village on December 30.", published) == "2021-12-30"


def test_day_without_year_in_past_tense_is_not_after_publication() -> None:
    # The nearest December 30 is next month, but the sentence reports a past event.
    assert first_day("On December 30, the army shelled the town.") == "2020-12-30"


def test_day_without_year_in_future_tense_is_ahead() -> None:
    published = date(2021, 12, 20)
    assert first_day("The parliament will vote on January 5.", published) == "2022-01-05"


def test_abbreviated_month() -> None:
    assert only("Protesters gathered Nov. 6 in the capital.").value == "2021-11-06"


def test_weekday_with_date_picks_the_matching_year() -> None:
    # 25 April 1998 was a Saturday: the weekday settles the year the tense cue would not.
    assert first_day("The Times said in an editorial on Saturday, April 25:",
                     date(1998, 4, 24)) == "1998-04-25"


def test_without_publication_date_the_year_stays_unknown() -> None:
    expression = only("On November 16, forces attacked.", None)
    assert expression.value == "XXXX-11-16"
    assert expression.start_date is None


# --- weekdays and deictic days -------------------------------------------------------------

def test_weekday_is_the_most_recent_one() -> None:
    assert first_day("The ministry said on Monday that troops withdrew.") == "2021-11-15"


def test_weekday_of_publication_is_publication_day() -> None:
    # Wire copy names the weekday instead of "today" (TimeBank annotates it so too).
    assert first_day("The ministry said Wednesday that troops withdrew.") == "2021-11-17"


def test_weekday_in_future_tense_is_ahead() -> None:
    assert first_day("The talks will resume on Monday.") == "2021-11-22"


@pytest.mark.parametrize("text, value", [
    ("last Wednesday", "2021-11-10"),
    ("next Wednesday", "2021-11-24"),
    ("last Friday", "2021-11-12"),
])
def test_weekday_with_modifier(text: str, value: str) -> None:
    assert only(text).value == value


@pytest.mark.parametrize("text, kind, value, day", [
    ("today", "DATE", "2021-11-17", "2021-11-17"),
    ("yesterday", "DATE", "2021-11-16", "2021-11-16"),
    ("tomorrow", "DATE", "2021-11-18", "2021-11-18"),
    ("tonight", "TIME", "2021-11-17TNI", "2021-11-17"),
    ("last night", "TIME", "2021-11-16TNI", "2021-11-16"),
    ("yesterday morning", "TIME", "2021-11-16TMO", "2021-11-16"),
    ("Monday night", "TIME", "2021-11-15TNI", "2021-11-15"),
])
def test_deictic_days(text: str, kind: str, value: str, day: str) -> None:
    expression = only(f"Shelling resumed {text}, officials said.")
    assert (expression.text, expression.kind, expression.value) == (text, kind, value)
    assert expression.start_date == date.fromisoformat(day)
    assert expression.precision == "day"


def test_the_night_of_a_date_is_that_day() -> None:
    expression = only("Fighting erupted on the night of September 13.")
    assert expression.text == "the night of September 13"
    assert expression.value == "2021-09-13TNI"
    assert expression.start_date == expression.end_date == date(2021, 9, 13)
    assert expression.precision == "day"


# --- weeks, months, years ------------------------------------------------------------------

@pytest.mark.parametrize("text, value, first, last, precision", [
    ("this week", "2021-W46", "2021-11-15", "2021-11-21", "week"),
    ("last week", "2021-W45", "2021-11-08", "2021-11-14", "week"),
    ("next week", "2021-W47", "2021-11-22", "2021-11-28", "week"),
    ("this month", "2021-11", "2021-11-01", "2021-11-30", "month"),
    # What happened "earlier this month" ended by the day of telling.
    ("earlier this month", "2021-11", "2021-11-01", "2021-11-17", "month"),
    ("last month", "2021-10", "2021-10-01", "2021-10-31", "month"),
    ("this year", "2021", "2021-01-01", "2021-12-31", "year"),
    ("last year", "2020", "2020-01-01", "2020-12-31", "year"),
    ("next year", "2022", "2022-01-01", "2022-12-31", "year"),
    ("the weekend", "2021-W45-WE", "2021-11-13", "2021-11-14", "weekend"),
    ("last summer", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("the third quarter", "2021-Q3", "2021-07-01", "2021-09-30", "quarter"),
])
def test_relative_periods(text: str, value: str, first: str, last: str, precision: str) -> None:
    expression = only(f"Talks stalled {text}.")
    assert expression.text == text
    assert expression.value == value
    assert (expression.start_date, expression.end_date) == (date.fromisoformat(first),
                                                            date.fromisoformat(last))
    assert expression.precision == precision
    assert expression.relative


def test_last_week_across_new_year_uses_iso_weeks() -> None:
    assert only("last week", date(2021, 1, 6)).value == "2020-W53"


@pytest.mark.parametrize("text, value", [
    ("Elections were held in November.", "2021-11"),
    ("Elections were held in November 2020.", "2020-11"),
    ("Elections were held last May.", "2021-05"),
    ("Elections will be held in March.", "2022-03"),
    ("Troops left in January this year.", "2021-01"),
])
def test_months(text: str, value: str) -> None:
    expression = only(text)
    assert expression.value == value
    assert expression.precision == "month"


def test_month_without_year_rolls_back_over_new_year() -> None:
    assert only("Protests began in December.", date(2022, 1, 3)).value == "2021-12"


def test_may_as_a_name_is_not_a_month() -> None:
    found = find_time_expressions("Theresa May said she met him in May.", PUBLISHED)
    assert [(e.text, e.start) for e in found] == [("May", 32)]


@pytest.mark.parametrize("text, value, precision", [
    ("The war began in 1988.", "1988", "year"),
    ("It happened in mid-1996.", "1996", "year"),
    ("Unrest grew in the 1990s.", "199", "decade"),
    ("Unrest grew in the late 1970s.", "197", "decade"),
    ("Unrest grew in the nineties.", "199", "decade"),
    ("Borders were drawn in the 20th century.", "19", "century"),
])
def test_years_decades_centuries(text: str, value: str, precision: str) -> None:
    expression = only(text)
    assert (expression.value, expression.precision) == (value, precision)


def test_counts_are_not_years() -> None:
    assert find_time_expressions("Police arrested 1500 people.", PUBLISHED) == []


@pytest.mark.parametrize("text, value", [
    ("two years ago", "2019"),
    ("five months ago", "2021-06"),
    ("ten days ago", "2021-11-07"),
    ("several years ago", "PAST_REF"),
])
def test_ago(text: str, value: str) -> None:
    assert only(f"It started {text}.").value == value


# --- ranges --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, first, last", [
    ("Fighting raged on November 6-7.", "November 6-7", "2021-11-06", "2021-11-07"),
    ("Fighting raged from 6 to 8 November.", "6 to 8 November", "2021-11-06", "2021-11-08"),
    ("Fighting raged between November 6 and 7.", "November 6 and 7", "2021-11-06",
     "2021-11-07"),
    ("Fighting raged from November 30 to December 2, 2020.", "November 30 to December 2, 2020",
     "2020-11-30", "2020-12-02"),
    ("Fighting raged from Oct. 3 to Nov. 6.", "Oct. 3 to Nov. 6", "2021-10-03", "2021-11-06"),
    ("Fighting raged from Sept. 14 to Monday.", "Sept. 14 to Monday", "2021-09-14",
     "2021-11-15"),
])
def test_closed_ranges(text: str, span: str, first: str, last: str) -> None:
    expression = only(text)
    assert expression.text == span
    assert (expression.start_date, expression.end_date) == (date.fromisoformat(first),
                                                            date.fromisoformat(last))
    assert expression.precision == "range"
    assert expression.value == f"{first}/{last}"


def test_range_across_new_year() -> None:
    expression = only("Talks ran from December 30 to January 2.", date(2022, 1, 5))
    assert (expression.start_date, expression.end_date) == (date(2021, 12, 30), date(2022, 1, 2))


def test_open_range_since() -> None:
    expression = only("The region has been occupied since November 2020.")
    assert expression.text == "since November 2020"
    assert expression.value == "2020-11"
    assert (expression.start_date, expression.end_date) == (date(2020, 11, 1), PUBLISHED)
    assert expression.precision == "range"


# --- durations, references, sets, numbers --------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("for three days", "P3D"),
    ("for twenty four hours", "PT24H"),
    ("for two and a half years", "P2.5Y"),
    ("for several weeks", "PXW"),
    ("for a month", "P1M"),
    ("a 10-day ceasefire", "P10D"),
])
def test_durations(text: str, value: str) -> None:
    expression = only(f"The siege lasted {text}.")
    assert (expression.kind, expression.value) == ("DURATION", value)
    assert expression.start_date is None


@pytest.mark.parametrize("text, value", [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
    ("in the past", "PAST_REF"), ("in the near future", "FUTURE_REF"), ("soon", "FUTURE_REF"),
])
def test_vague_references(text: str, value: str) -> None:
    expression = only(f"Troops are {text} deployed.")
    assert (expression.kind, expression.value) == ("DATE", value)


def test_present_reference_covers_publication_day() -> None:
    expression = only("The army now controls the town.")
    assert expression.start_date == expression.end_date == PUBLISHED


def test_sets() -> None:
    expression = only("Protests are held every Friday.")
    assert (expression.kind, expression.value) == ("SET", "XXXX-WXX-5")


@pytest.mark.parametrize("words, value", [
    ("twenty four", 24), ("twenty-four", 24), ("one hundred and five", 105),
    ("two thousand", 2000), ("1,200", 1200), ("a", 1),
])
def test_number_words(words: str, value: int) -> None:
    assert number_value(words) == value


@pytest.mark.parametrize("text, value", [
    ("nineteen ninety-six", "1996"),
    ("January nineteen ninety-seven", "1997-01"),
    ("the year two thousand", "2000"),
    ("Sunday, March eighth", "1998-03-08"),
])
def test_spoken_dates(text: str, value: str) -> None:
    assert only(f"It was {text}.", date(1998, 3, 5)).value == value


def test_offsets_follow_the_text() -> None:
    text = "Yesterday, and again on November 16, 2021, the town was shelled."
    for expression in find_time_expressions(text, PUBLISHED):
        assert text[expression.start:expression.end] == expression.text


def test_year_ago_follows_the_quarter_reported() -> None:
    found = find_time_expressions(
        "Third-quarter profit rose to $5 million from $3 million a year earlier.", PUBLISHED)
    assert [e.value for e in found] == ["2021-Q3", "2020-Q3"]


# --- regression guard on TimeBank ----------------------------------------------------------

@pytest.mark.skipif(not GOLD.is_file(), reason="shared gold data not available")
def test_timebank_floors() -> None:
    from eventwire.evaluate.timebank import run

    result = run(GOLD)
    assert result.items > 100
    assert result.metrics["timex_f1"] >= 0.90
    assert result.metrics["value_accuracy"] >= 0.86


# --- deadlines and clock times -------------------------------------------------------------

def test_deadline_is_ahead_when_near() -> None:
    assert first_day("The ceasefire was extended until January 5.") == "2022-01-05"


def test_deadline_stays_behind_when_ahead_would_be_a_year_away() -> None:
    assert first_day("The curfew lasted until November 6.") == "2021-11-06"


@pytest.mark.parametrize("text, value", [
    ("at 10 p.m. Wednesday", "2021-11-17T22:00"),
    ("at noon Thursday", "2021-11-11T12:00"),
    ("until 5 p.m. EST, Nov. 6", "2021-11-06T17:00"),
    ("Friday at 9:30 a.m.", "2021-11-12T09:30"),
])
def test_clock_times_on_a_day(text: str, value: str) -> None:
    expression = only(f"Talks ended {text}.")
    assert (expression.kind, expression.value) == ("TIME", value)
    assert expression.start_date == date.fromisoformat(value[:10])


def test_spoken_count_is_not_a_year() -> None:
    assert find_time_expressions("only twenty six of them were women", PUBLISHED) == []


def test_postponed_to_a_date_is_a_deadline() -> None:
    assert first_day("The bid was extended to Nov. 30.", date(2021, 11, 2)) == "2021-11-30"


def test_expressions_start_at_a_word() -> None:
    found = find_time_expressions("Snow fell in the north; you know the rest. Markets fell at "
                                  "mid-afternoon yesterday. Prices peaked in the '90s.",
                                  date(2022, 11, 20))
    assert [(e.text, e.value) for e in found] == [("yesterday", "2022-11-19"), ("the '90s", "199")]


# --- cues: a recogniser is skipped on a text without its cue, so every match must hold it ----

CUE_EXAMPLES = [
    "November 6-7, 2021", "6 to 7 November", "on Tuesday, November 16", "the 16th of November",
    "November the sixteenth", "2021-11-16", "16.11.2021", "11/16/2021", "in early November 2021",
    "since November", "in 1998", "the mid-1990s", "nineteen ninety-eight", "the eighties",
    "the '80s", "the 19th century", "the third quarter of 2021", "the first half of 2021",
    "the latest quarter", "a year earlier", "the year-ago period", "last week", "later this month",
    "the summer of 2020", "yesterday morning", "the day before yesterday", "tonight",
    "earlier this morning", "the night of November 15", "Tuesday at 9 a.m.", "10:30 pm on Monday",
    "at noon on Tuesday", "last Friday evening", "two weeks ago", "a few days earlier",
    "three years from now", "every Monday", "quarterly", "for six months", "recently",
]


def test_every_match_of_a_recogniser_holds_its_cue() -> None:
    from eventwire.extract.dates import _RECOGNISERS

    text = ". ".join(CUE_EXAMPLES) + "."
    matched_with_cue = 0
    for pattern, cue, _handler in _RECOGNISERS:
        if cue is None:
            continue
        for match in pattern.finditer(text):
            assert cue.found_in(match.group(0)), (pattern.pattern[:60], match.group(0))
            matched_with_cue += 1
    assert matched_with_cue >= 30  # the examples reach the cued recognisers


def test_expressions_are_found_in_a_text_with_no_month_named() -> None:
    text = "The 1998 talks lasted two weeks; they resumed on Tuesday morning, three days ago."
    found = find_time_expressions(text, PUBLISHED)
    assert [e.text for e in found] == ["1998", "two weeks", "Tuesday morning", "three days ago"]


@pytest.mark.parametrize(("text", "first", "last"), [
    # Said on Wednesday 12 March: the rest of the week has not happened yet.
    ("The mission was concerned by the clashes earlier this week.", "2025-03-10", "2025-03-12"),
    ("Four of those killed earlier this month were villagers.", "2025-03-01", "2025-03-12"),
    ("Talks are due this week.", "2025-03-10", "2025-03-16"),
])
def test_earlier_this_week_or_month_ends_on_the_day_of_telling(text: str, first: str,
                                                                last: str) -> None:
    found = find_time_expressions(text, date(2025, 3, 12))[-1]
    assert (found.start_date.isoformat(), found.end_date.isoformat()) == (first, last)


def test_a_possessive_day_after_since_is_the_day_of_what_it_qualifies() -> None:
    found = find_time_expressions("The area had been tense since Monday's clashes in the town.",
                                  date(2025, 3, 15))
    assert [(e.text, e.precision, e.end_date) for e in found] == [
        ("Monday", "day", date(2025, 3, 10))]
    opened = find_time_expressions("The area has been tense since Monday.", date(2025, 3, 15))
    assert [(e.text, e.precision) for e in opened] == [("since Monday", "range")]


def test_cues_in_any_case_are_found_in_capitals() -> None:
    # Such cues are searched in the lowercased text: a headline in capitals keeps its dates.
    found = find_time_expressions("TALKS RESUMED YESTERDAY, THREE DAYS AGO THEY FAILED.",
                                  PUBLISHED)
    assert [e.text for e in found] == ["YESTERDAY", "THREE DAYS AGO"]
