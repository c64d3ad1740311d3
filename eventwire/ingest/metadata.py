"""Article metadata read from the text itself: header block, dates, dateline, outlet, byline.

Also the web boilerplate lines (share buttons, "Related Articles" lists) that scraped text carries.
Every function here is pure text in, values out, so each rule is testable on a string.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from eventwire.errors import IngestError
from eventwire.model import Article

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d{2}"

# Full dates, each with named groups d, m (name or number), y.
_FULL_DATES = [
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b"),
    re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(rf"\b(?P<y>{_YEAR})/(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-2]?\d|3[01])\b"),
    re.compile(rf"\b(?P<d>[0-2]?\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR})\b"),
]

HEADER_KEYS = {
    "title": "title", "headline": "title",
    "published": "published", "date": "published", "published_at": "published",
    "source": "source", "outlet": "source",
    "url": "url", "link": "url",
    "byline": "byline", "author": "byline", "by": "byline",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,29}):[ \t]*(.*?)\s*$")


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return MONTHS.get(text.strip(".").lower()[:3])


def _make_date(y: str, m: str, d: str) -> date | None:
    month = _month_number(m)
    if month is None:
        return None
    try:
        return date(int(y), month, int(re.sub(r"\D", "", d)))
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[int, int, date]]:
    """Every complete (day, month, year) date in `text` as (start, end, date), in text order."""
    found: dict[int, tuple[int, int, date]] = {}
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            value = _make_date(m["y"], m["m"], m["d"])
            if value is not None:
                found.setdefault(m.start(), (m.start(), m.end(), value))
    return [found[start] for start in sorted(found)]


def normalise_date(value: str) -> str | None:
    """A given publication date as ISO: a date, or a datetime when the value carries a time.

    Accepts ISO 8601, RFC 2822 (RSS feeds) and the written forms in `full_dates`; None when the
    value is not a date, so the caller can fall back to the text.
    """
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    dates = full_dates(value)
    return dates[0][2].isoformat() if dates else None


def parse_header(raw: str) -> tuple[dict[str, str], str]:
    """Split a leading `Key: value` block (ended by a blank line) from the body.

    The block counts as a header only when every line is `Key: value` and at least one key is
    known, so a first paragraph such as "BAKU: The minister said ..." stays body text.
    """
    head, sep, body = raw.partition("\n\n")
    lines = [line for line in head.split("\n") if line.strip()]
    if not sep or not lines:
        return {}, raw
    fields: dict[str, str] = {}
    known = False
    for line in lines:
        m = _HEADER_LINE.match(line)
        if m is None:
            return {}, raw
        key = HEADER_KEYS.get(re.sub(r"[ -]+", "_", m[1].strip().lower()))
        known = known or key is not None
        if key and m[2]:
            fields.setdefault(key, m[2])
    return (fields, body) if known else ({}, raw)


# --- boilerplate ------------------------------------------------------------------------------

_SHARE_SITES = r"(?:facebook|twitter|x|telegram|whatsapp|linkedin|instagram|youtube|vk|e-?mail)"
_BOILERPLATE = re.compile(
    r"follow us(?: on)?\b.*"
    r"|leave a (?:reply|comment)\b.*"
    r"|(?:back|scroll) to top(?: button)?"
    r"|share(?: this(?: article| story| post| page)?| on " + _SHARE_SITES + r")?:?"
    r"|" + _SHARE_SITES + r"|tweet|print|comments?"
    r"|subscribe (?:to|for)\b.*|sign up for\b.*newsletter.*"
    r"|join (?:us|our)\b.*(?:telegram|whatsapp|channel|newsletter).*"
    r"|(?:read|see) (?:also|more)\b.*|also read\b.*|you (?:may|might) also like\b.*"
    r"|advertisement|sponsored(?: content)?|click here\b.*"
    r"|(?:copyright|©|\(c\)).{0,80}(?:(?:19|20)\d{2}|rights reserved).*|.*all rights reserved\.?"
    r"|tags?:.*",
    re.I,
)
_COOKIE_NOTICE = re.compile(r"\bcookies?\b", re.I)
# "cookies" plus web words only: a news line about a cookie factory stays.
_COOKIE_CONTEXT = re.compile(
    r"\b(?:website|(?:this|our) site|brows(?:ing|er)|consent|privacy"
    r"|(?:accept|use|uses|using) (?:all )?cookies)\b", re.I)
# Headings of link lists; the headline lines listed under them go too.
_LIST_HEADING = re.compile(
    r"(?:related|recommended|more|latest|popular|trending|top|other)"
    r" (?:articles|posts|news|stories|reading|headlines)"
    r"|(?:read|see) (?:also|more)|also read|you (?:may|might) also like|more from .{1,40}",
    re.I,
)
_MAX_BOILERPLATE_CHARS = 160
_SENTENCE_END = re.compile(r"[.!?\"”’'…]$")


def _is_boilerplate(line: str) -> bool:
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return False
    if _COOKIE_NOTICE.search(line) and _COOKIE_CONTEXT.search(line):
        return True
    return _BOILERPLATE.fullmatch(line) is not None


def _is_listed_headline(line: str) -> bool:
    """A link title under a "Related Articles" heading: short, no sentence-ending punctuation."""
    return (len(line) <= _MAX_BOILERPLATE_CHARS and len(line.split()) <= 20
            and _SENTENCE_END.search(line) is None)


def drop_boilerplate(text: str) -> tuple[str, list[str]]:
    """Remove whole web-furniture lines; returns the cleaned text and the lines removed.

    Only entire short lines matching a furniture pattern go (a sentence that mentions Twitter
    stays), plus the headline lines right under a link-list heading such as "Related Articles".
    """
    kept: list[str] = []
    dropped: list[str] = []
    in_list = 0  # headline lines still allowed under the current list heading
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _LIST_HEADING.fullmatch(stripped.rstrip(":")):
            dropped.append(stripped)
            in_list = 10
        elif _is_boilerplate(stripped):
            dropped.append(stripped)
        elif in_list and _is_listed_headline(stripped):
            dropped.append(stripped)
            in_list -= 1
        else:
            in_list = 0
            kept.append(line.rstrip())
    return tidy("\n".join(kept)), dropped


def tidy(text: str) -> str:
    """One newline convention, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- byline -----------------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
# "By Name Surname", perhaps "and" a second name, perhaps ", Outlet" after.
_BYLINE = re.compile(rf"By:?\s+(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)(?:\s*[,|/–—-]\s*.{{0,60}})?")
_TOP_LINES = 8


def top_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for the short lines before the first real paragraph (at most a few)."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if len(line.split()) > 15 or len(out) >= _TOP_LINES:
            break
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def split_byline(text: str) -> tuple[str | None, str]:
    """A "By Name Surname" line near the top: the name, and the text without that line."""
    for offset, line in top_lines(text):
        m = _BYLINE.fullmatch(line.strip())
        if m and len(m["name"].split()) >= 2:
            rest = text[:offset] + text[offset + len(line) + 1:]
            return m["name"], tidy(rest)
    return None, text


# --- dateline and outlet ----------------------------------------------------------------------

_PLACE_WORD = r"[A-Z][A-Za-z'’-]+"
_PLACE = rf"{_PLACE_WORD}(?:[ -]{_PLACE_WORD})*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE})?),\s*"
    rf"(?:(?P<m1>(?i:{_MONTH}))\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>(?i:{_MONTH})))"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
    r"(?:\s*\((?P<paren>[A-Z][^()\n]{1,40})\)|,\s*(?P<agency>[A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+){0,2})"
    r"(?=\.))?"
    r"(?:\.(?=\s)|\s*:)?",
)


@dataclass
class Dateline:
    """The "BAKU, Azerbaijan, Nov. 6." opening of a wire report."""

    text: str
    place: str
    month: int
    day: int
    year: int | None
    outlet: str | None
    start: int


def _line_starts(text: str, limit: int = 10) -> list[int]:
    """Offsets of the first `limit` non-empty lines."""
    return [m.start(1) for m in re.finditer(r"^[ \t]*(\S)", text, re.M)][:limit]


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first lines of the body (months by name only)."""
    for start in _line_starts(text):
        m = _DATELINE.match(text, start)
        if m is None:
            continue
        month = _month_number(m["m1"] or m["m2"])
        day = int(re.sub(r"\D", "", m["d1"] or m["d2"]))
        if month is None:
            continue
        outlet = m["paren"] or m["agency"]
        return Dateline(text=m[0].strip(), place=m["place"], month=month, day=day,
                        year=int(m["y"]) if m["y"] else None,
                        outlet=outlet.strip() if outlet else None, start=m.start())
    return None


_OUTLET = re.compile(
    r"(?:^|[,;.!?]\s+)(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
    r"\s+(?:reports|reported|informs|informed)"
    r"(?=\s*[.,;]|\s+(?:citing|quoting|with reference|referring))",
    re.M,
)
# Bodies that "report" in their own right but are sources, not the outlet carrying the story.
_NOT_OUTLET = re.compile(
    r"\b(?:Ministry|Embassy|Government|Office|Department|Service|Committee|Council|Administration"
    r"|Police|Army|Forces|Minister|President|Spokesman|Spokesperson)\b"
)


def find_outlet(text: str, dateline: Dateline | None = None) -> str | None:
    """The outlet named in a dateline "(Trend)" or a "..., Trend reports." attribution."""
    if dateline is not None and dateline.outlet:
        return dateline.outlet
    for m in _OUTLET.finditer(text):
        if not _NOT_OUTLET.search(m["name"]):
            return m["name"]
    return None


# --- publication date -------------------------------------------------------------------------

_LABELLED = re.compile(r"\b(?:published|posted|updated|date)\b\s*(?:on\b|:)?\s*", re.I)
_CLOCK = re.compile(r"^\s*(?:at\s+)?\d{1,2}[:.]\d{2}\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)
_LABEL_WINDOW = 300  # a labelled date counts only this near the start


def _is_date_line(line: str, offset: int, value_end: int) -> bool:
    """A top line that is a dateline of the page, not a headline that happens to hold a date.

    It carries a label ("Published: ..."), a clock time after the date, or little else.
    """
    if _LABELLED.search(line[:offset]) or _CLOCK.match(line[value_end:]):
        return True
    others = re.findall(r"[A-Za-z]{2,}", line[:offset] + " " + line[value_end:])
    return len(others) <= 2


def _dateline_year(text: str, dateline: Dateline) -> int | None:
    """The dateline's year from the rest of the text, or None when the text does not pin it.

    A report is dated on or after the events it gives full dates for, so the year is the first
    one that puts the dateline's day on or after the latest full date. Without full dates, only
    "<dateline's month> YYYY" counts: a bare latest year is too often background ("relations
    established in 1992", "occupied in 1992"); both samples without headers would be 29 years off.
    """
    dates = [d for _, _, d in full_dates(text)]
    if dates:
        latest = max(dates)
        for year in (latest.year, latest.year + 1):
            try:
                if date(year, dateline.month, dateline.day) >= latest:
                    return year
            except ValueError:
                continue
        return None
    years = [int(m["y"]) for m in _MONTH_YEAR.finditer(text)
             if _month_number(m["m"]) == dateline.month]
    return max(years) if years else None


def find_published(text: str, dateline: Dateline | None = None) -> str | None:
    """The publication date (ISO day) the article text states, if any.

    In order: a date in the short lines above the first paragraph ("Politics 6 November 2021
    11:20 (UTC +04:00)", "date 2020-07-24"), a dateline with a year, a dateline whose year the
    rest of the text gives. Dates inside the news paragraphs are event dates, not this one.
    """
    for _, line in top_lines(text):
        for start, end, value in full_dates(line):
            if _is_date_line(line, start, end):
                return value.isoformat()
    for label in _LABELLED.finditer(text[:_LABEL_WINDOW]):
        dates = full_dates(text[label.end():label.end() + 40])
        if dates and dates[0][0] == 0:
            return dates[0][2].isoformat()
    if dateline is None:
        return None
    year = dateline.year or _dateline_year(text, dateline)
    if year is None:
        return None
    try:
        return date(year, dateline.month, dateline.day).isoformat()
    except ValueError:
        return None


# --- assembly ---------------------------------------------------------------------------------


def build_article(text: str, *, title: str | None = None, url: str | None = None,
                  published: str | None = None, source: str | None = None,
                  byline: str | None = None, id: str | None = None,
                  source_file: str | None = None, source_line: int | None = None) -> Article:
    """An Article from body text plus whatever metadata the input gave; the text fills the rest.

    The cleaning (boilerplate, byline line) happens here, before the Article exists, because
    `Article.text` is the text every later character offset points into.
    """
    body, _ = drop_boilerplate(text)
    found_byline, body = split_byline(body)
    if not body:
        raise IngestError("no article text", source_file, source_line)
    dateline = find_dateline(body)
    iso = normalise_date(published) if published else None
    published_source: Literal["given", "text", "none"] = "given" if iso else "none"
    if iso is None:
        iso = find_published(body, dateline)
        published_source = "text" if iso else "none"
    return Article(
        text=body, id=_clean(id) or "", title=_clean(title), url=_clean(url), published=iso,
        published_source=published_source,
        source=_clean(source) or find_outlet(body, dateline),
        byline=_clean(byline) or found_byline, source_file=source_file, source_line=source_line,
    )


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
