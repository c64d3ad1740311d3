"""Can two reports describe the same incident? One test per dimension, each with its reason.

Every test returns `Evidence`: a score added to the pair's total, or a veto (score None) that
keeps the two apart whatever else agrees. The reason strings end up in `--explain`.

    type     same PLOVER type 1.0; two sides of one clash (ASSAULT/COERCE/MOBILIZE/RETREAT) 0.7;
             a PROTEST note and the ACCUSE/REJECT it makes 0.6; an accusation and a denial
             0.6 and a statement (ACCUSE/REJECT/THREATEN) about a clash 0.4, both only with an
             anchor (same sentence, same place, or one going on with the other's story); a
             call (REQUEST) about a clash or note 0.4, only in its sentence, and with a
             summons or protest note of its article 0.6
    date     windows must overlap: a text date to the day is [d - slack, d + slack], a month or
             range its span, a publication date [published - lag, published], an accusation
             or denial dated d, or a day that dates the telling ("claimed the attack on
             Monday", "said on Friday that", "rejected on Wednesday claims that its forces had
             fired", "the attack on X, which killed nine") [d - statement lag, d]; same day 1.0,
             otherwise 0.4 (a window, not a day). A sentence with no date or place of its own
             takes those of the nearest earlier sentence of its article that gives them
             (`read_in_context`).
    place    places below country level, resolved, named in the sentence, or a village the
             gazetteer does not know ("the village of X", "in X"): a shared name 1.0; within
             near_km 0.8; within max_km 0.5; a place inside a named province 0.3; farther than
             max_km, in different provinces, or different names with no coordinates to compare:
             veto (an unknown village never vetoes); a missing place is neutral (0). Part of a
             longer name ("Selam" of "Finote Selam"), a group's name ("Fano militia") and a
             place in a country nothing else in its article is about are not taken as places
             that keep reports apart; nor is the capital a statement was made in.
    actors   country codes compared as sets; same sides 1.0; swapped sides 1.0 (a direction
             conflict, not a reason to split); one shared party 0.5, or 0 when both name two
             sides and the other one differs, when it is only a side filled in from the
             claimant, or when both name only the targets; no party in common: veto, unless an
             armed group with no code ("gunmen", "the group") may be the other's armed group
             (0), or one sentence goes on with the other's story; such groups count as the same
             attackers when the targets agree
    tolls    death tolls within a fifth of each other (or one apart) 0.3; others 0
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from eventwire.config import LinkSettings
from eventwire.model import Actor, Event, Place, Span

# The acts of one clash: attacks, seizures and arrests, deployments, and the withdrawal that
# ends it ("captured two armoured vehicles before withdrawing").
CLASH_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN"})
# An accusation and the denial that answers it ("The army blamed the rebels", "The rebels
# denied it").
ACCUSATION_AND_DENIAL = frozenset({"ACCUSE", "REJECT"})
# Statements that look back at something already done: the day they give may be the day of the
# statement, made after the event.
LOOKING_BACK = frozenset({"ACCUSE", "REJECT"})
# Sectors of armed groups outside a state's forces; with no country code ("gunmen", "bandits",
# "armed terrorists") such a group cannot be told from any other by its code.
IRREGULAR_SECTORS = frozenset({"REB", "UAF", "CRM", "PRM"})
# A province or state: large enough that its centre says little about where in it things happen.
PROVINCE_FEATURES = frozenset({"ADM1"})
NOTE_TYPES = frozenset({"PROTEST"})
# A call about an incident ("calls for an independent investigation into Tuesday's shooting",
# "demanded a judicial inquiry into the killings"): it names the incident it is about in its
# own sentence, or it may be about anything.
REQUEST_TYPES = frozenset({"REQUEST"})
_CLASH_OR_CLAIM = CLASH_TYPES | STATEMENT_TYPES | NOTE_TYPES | REQUEST_TYPES
# A summons or protest note and what it demands ("In the note, the Kyrgyz side demanded a
# thorough investigation").
_NOTE_AND_DEMAND = frozenset({"ACCUSE", "REQUEST"})
# Death tolls within a fifth of each other (or one apart) count as close; evidence, not proof.
CLOSE_TOLL = 0.2
CLOSE_TOLL_SCORE = 0.3
KINDS_APART = " are different kinds of event"
# Acts of kinds no other rule joins (condolences, a visit, a phone call, first aid) told in a
# clash's sentence, or going on with its story, are part of that incident.
ANY_KIND_TOLD_WITH = 0.4
_EARTH_KM = 6371.0
# Countries, and continents above them: they say nothing about where in a country.
COUNTRY_FEATURES = ("PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "CONT")
_ACTOR_PLACE = re.compile(r"place '([^']+)' -> ")
# How the pipeline records a country it gave a body from where it acts, not from its name.
_HOME_COUNTRY = "a domestic body acting at home"
# An armed group the dictionary gives no code, by its head noun: "gunmen", "the group",
# "armed men in military fatigues", "a village militia".
_ARMED_GROUP = re.compile(r"\b(?:gunm[ae]n|attackers|assailants|militants|insurgents|terrorists"
                          r"|jihadists|extremists|bandits|rebels|fighters|militias?|militiam[ae]n"
                          r"|raiders|kidnappers|group|armed (?:wo)?men|armed elements|guerrillas?"
                          r"|combatants|vigilantes|paramilitar(?:y|ies)|dissidents|gangs?"
                          r"|gangsters)\b", re.IGNORECASE)
# A settlement the gazetteer may not know, named as such: "the village of Um Sunut", "Tar
# Taing village" (not "a Sudanese village").
_NAME = r"[A-Z\u00C0-\u024F][\w'\u00C0-\u024F-]*"
_SETTLEMENT = re.compile(
    r"\b(?:village|town|hamlet|settlement|locality|barangay|commune) of "
    rf"({_NAME}(?: {_NAME}){{0,2}})"
    rf"|(?<![Aa] )(?<![Aa]n )(?<![Tt]he )\b({_NAME}(?: {_NAME}){{0,2}}) "
    r"(?:village|hamlet|settlement|barangay)\b"
    # ... or described as one: "Gbadene, a village about 30 kilometres from Bossangoa".
    rf"|\b({_NAME}(?: {_NAME}){{0,2}}), an? (?:\w+ )?(?:village|town|hamlet|settlement|commune"
    r"|district|neighbou?rhood)\b"
    # ... or as what an attack fell on: "an attack on Dablo".
    rf"|\b(?:attack|raid|assault|ambush|massacre) on ({_NAME}(?: {_NAME}){{0,2}})"
    # ... or just named where something happened: "killed 14 civilians in Bangou Kwara".
    rf"|\b(?:in|near|outside|around)\s+({_NAME}(?: {_NAME}){{0,2}})")
# A sentence that opens like this starts another story: it takes nothing from the ones before.
_NEW_STORY = re.compile(r"\s*(?:Separately|Elsewhere|Meanwhile|In (?:a |an )?(?:separate"
                        r"|other|another|unrelated)\b)", re.IGNORECASE)
# ... and one that opens like this says it tells another incident than the sentences before it
# ("In a separate attack earlier on Tuesday, gunmen wounded a guardsman in Zitacuaro"). Not
# "Meanwhile", which may go on with the same clash.
_OTHER_INCIDENT = re.compile(r"\s*(?:Separately|Elsewhere|In (?:a |an )?(?:separate|another"
                             r"|unrelated)\b)", re.IGNORECASE)
_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# "in Parliament", "near the Court": bodies and languages, not villages.
_NOT_SETTLEMENT_WORDS = frozenset(
    "Parliament Congress Senate Assembly Court Council Ministry Government Cabinet Office House "
    "Committee Commission Army Police Navy Party Church University School Hospital Embassy "
    "English French Arabic Russian Spanish".split())
# "in West Africa", "in Central Mali": a region the gazetteer does not know, not a village.
_REGION_WORDS = frozenset(
    "North South East West Central Northern Southern Eastern Western Upper Lower Greater "
    "Northeast Northwest Southeast Southwest".split())
# "Fano militia", "the Gran Grif gang": a name before such a noun names a group, even where a
# gazetteer knows a town of that name (Fano, Italy).
_GROUP_NAME = re.compile(r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+(?:militias?|fighters"
                         r"|commanders|gangs?|group|rebels|movement|insurgents|militants"
                         r"|extremists|jihadists|separatists)\b")
# "Two Iskander missiles", "Shahed drones": a name before a weapon names its make, not a place
# (Iskandar, Uzbekistan).
_WEAPON_NAME = re.compile(r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+(?:(?:cruise|ballistic"
                          r"|attack|guided)\s+)?(?:missiles?|rockets?|drones?|bombs?|jets?"
                          r"|fighter jets?|helicopters?|tanks?)\b")
_CAPITALISED_RUN = re.compile(r"[A-Z\u00C0-\u024F][\w'\u00C0-\u024F-]*"
                              r"(?:\s+[A-Z\u00C0-\u024F][\w'\u00C0-\u024F-]*)*")


class Evidence(NamedTuple):
    # A tuple, not a dataclass: a 100,000-report link builds millions, and a frozen dataclass
    # took three times as long to make.
    score: float | None  # None vetoes the pair
    # Most pairs are scored and dropped unexplained, so a reason may be built only when read.
    why: str | Callable[[], str]

    @property
    def veto(self) -> bool:
        return self.score is None

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why()


Point = tuple[float, float]


class Spot(NamedTuple):
    """A named place of a report, as far as linking can locate it."""

    point: Point | None  # None for a province, or a name no report resolved
    province: str | None  # "country/admin1" the place lies in, when resolved
    country: str | None = None
    is_province: bool = False
    # A village or town named as such that the gazetteer does not know: it may lie anywhere,
    # so it can join two reports (the same name) but never keeps them apart.
    unknown_settlement: bool = False
    capital: bool = False  # a seat of government (GeoNames PPLC), where statements are made


@dataclass
class Profile:
    """What the tests need from one report, computed once."""

    event: Event
    outlet: str | None
    published: str | None
    window: tuple[date, date] | None  # None: no usable date, never linked
    # The kind of event for linking: its type, but a denial (REJECT) for an act told as not
    # done ("The SSPDF did not carry out any air strike in Nasir on Friday").
    kind: str
    firm_day: date | None  # a day the text itself gives
    attackers: frozenset[str]
    targets: frozenset[str]
    # Places below country level the report names, by name.
    places: dict[str, Spot] = field(default_factory=dict)
    countries: frozenset[str] = frozenset()  # of every place, country-wide ones included
    parties: frozenset[str] = frozenset()  # attackers | targets
    named: frozenset[str] = frozenset()  # parties the sentence names (no claimant filled in)
    unnamed_group: bool = False  # an attacker is an armed group with no code ("gunmen")
    irregular: frozenset[str] = frozenset()  # codes of coded armed groups among the attackers
    # Where the date or place came from (its sentence or an earlier one), for --explain.
    context: str = ""
    story_of: str | None = None  # the event whose place (or day) this report took
    # Dated by the pipeline from an event the reader knows, elsewhere: dated by publication.
    undated: bool = False
    # The day of its article's story, when its own words date it to a span before that story
    # ("a raid on the village earlier this month" in a story of Friday): another incident.
    flashback_from: date | None = None


def link_kind(event: Event) -> str:
    """The event's type, or REJECT for a clash told as not done: the denial of that act."""
    if event.modality == "negated" and event.event_type in CLASH_TYPES:
        return "REJECT"
    return event.event_type


def _aftermath(p: Profile) -> bool:
    """A retreat other than a withdrawal (a release, a ceasefire, a disarmament): it may end
    a clash ("the two fishermen were released the following day"), but a prisoner exchange
    brokered the day of an attack elsewhere is no part of it."""
    return p.kind == "RETREAT" and p.event.event_mode not in (None, "withdraw")


def profile(event: Event, outlet: str | None, published: str | None,
            settings: LinkSettings) -> Profile:
    kind = link_kind(event)
    attackers = _countries(event.actors)
    targets = _countries(event.recipients)
    named = attackers | targets
    claimant = event.claimed_by.country if event.claimed_by else None
    # A claimant reporting a clash with no target names an attack on its own side: "Armenian
    # units attacked our positions", said by Azerbaijan, is ARM -> AZE.
    if (kind in CLASH_TYPES and not targets and claimant
            and claimant not in attackers):
        targets = frozenset({claimant})
    places: dict[str, Spot] = {}
    surfaces: dict[str, str] = {}
    for place in event.locations:
        if ((place.feature_code or "") in COUNTRY_FEATURES
                or names_a_group(event.sentence, place.text)):
            continue
        places[place.name or place.text] = spot_of(place)
        surfaces[place.name or place.text] = place.text
    for actor in [*event.actors, *event.recipients]:
        # A place standing for its country as an actor ("shelled the city of Kharkiv") still
        # says where; the pipeline records it as "place 'Kharkiv' -> Kharkiv, UKR".
        found = _ACTOR_PLACE.match(actor.matched or "")
        if found:
            places.setdefault(found.group(1), Spot(None, None))
    # Words the pipeline already read as a place (of any rank) or as a party ("Kyiv said")
    # are not an unknown village.
    resolved = [p.text for p in event.locations]
    parties = {a.text.removeprefix("the ") for a in [*event.actors, *event.recipients]}
    for name in _settlement_names(event.sentence):
        if (name not in _NOT_PLACES and name not in parties
                and not _REGION_WORDS.intersection(name.split())
                and not _NOT_SETTLEMENT_WORDS.intersection(name.split())
                and not any(name in text for text in resolved)):
            places.setdefault(name, Spot(None, None, unknown_settlement=True))
    _drop_name_parts(places, surfaces)
    irregular = [a for a in event.actors if a.sector in IRREGULAR_SECTORS
                 or not a.country and _ARMED_GROUP.search(a.text)]
    # "Gunmen" given the country they act in are still a group with no name of their own.
    unnamed = [a for a in irregular if not a.country or _HOME_COUNTRY in (a.matched or "")]
    window, firm = date_window(event, published, settings)
    return Profile(event=event, outlet=outlet, published=published, window=window, kind=kind,
                   firm_day=firm, attackers=attackers, targets=targets,
                   parties=attackers | targets, named=named, places=places,
                   countries=frozenset(p.country for p in event.locations if p.country),
                   unnamed_group=bool(unnamed),
                   irregular=frozenset(a.country for a in irregular
                                       if a.country and a not in unnamed))


def names_a_group(sentence: str, text: str) -> bool:
    """`text` is the name of a group in `sentence` ("Fano" in "Fano commanders said", "Gran" in
    "the Gran Grif gang"), or of a weapon ("Iskander" in "Two Iskander missiles hit")."""
    return text in _group_names(sentence)


# A sentence often codes several events: what is read from its text alone is read once.
@lru_cache(maxsize=4096)
def _settlement_names(sentence: str) -> tuple[str, ...]:
    """Names the sentence calls a village, town or settlement, in order."""
    # "Sudan's Gezira" names Gezira.
    return tuple(next(g for g in found.groups() if g).split("'s ")[-1].removesuffix("'s")
                 for found in _SETTLEMENT.finditer(sentence))


@lru_cache(maxsize=4096)
def _group_names(sentence: str) -> frozenset[str]:
    """Runs of words ending at most two capitalised words before a group or weapon noun."""
    names: set[str] = set()
    for found in [*_GROUP_NAME.finditer(sentence), *_WEAPON_NAME.finditer(sentence)]:
        words = found.group(1).split()
        for end in range(max(1, len(words) - 2), len(words) + 1):
            names.update(" ".join(words[start:end]) for start in range(end))
    return frozenset(names)


def _drop_name_parts(places: dict[str, Spot], surfaces: dict[str, str]) -> None:
    """Drop a place read from part of a longer name that is also a place of the report: "Selam"
    of "Finote Selam" is not Salem (India), nor "Maw" of "Kyauk Ni Maw village" Mau. But where
    the gazetteer read the longer name as a place that shares none of its words ("Lamu County"
    as Lomachyntsi, Ukraine) and the part is a place of its own ("Lamu"), the longer one is
    the misreading."""
    texts = {name: surfaces.get(name, name) for name in places}
    for name, text in texts.items():
        longer = [other for other, whole in texts.items() if _words_inside(text, whole)]
        if longer and all(_respelt(other, texts[other]) for other in longer) and \
                not _respelt(name, text):
            for other in longer:
                places.pop(other, None)
        elif longer:
            places.pop(name, None)


def _respelt(name: str, text: str) -> bool:
    """The gazetteer's name for a place shares no word with the words the text used."""
    return name != text and not set(name.lower().split()) & set(text.lower().split())


def _words_inside(part: str, whole: str) -> bool:
    """`part` is some of the words of the longer `whole` ("Selam" of "Finote Selam")."""
    if len(part) >= len(whole) or part not in whole:
        return False
    words, outer = part.split(), whole.split()
    return any(outer[i:i + len(words)] == words for i in range(len(outer) - len(words) + 1))


def spot_of(place: Place) -> Spot:
    province = f"{place.country}/{place.admin1}" if place.country and place.admin1 else None
    if (place.feature_code or "") in PROVINCE_FEATURES:
        return Spot(None, province, place.country, is_province=True)
    if place.lat is None or place.lon is None:
        return Spot(None, province, place.country)
    return Spot((place.lat, place.lon), province, place.country,
                capital=(place.feature_code or "").startswith("PPLC"))


def known_places(profiles: list[Profile]) -> dict[str, tuple[str, Spot]]:
    """Every place some report names, by its name and by the words the text used ("Marib" for
    the gazetteer's "Ma'rib"): surface -> (name, where)."""
    known: dict[str, tuple[str, Spot]] = {}
    for p in profiles:
        surfaces = {place.name or place.text: place.text for place in p.event.locations}
        for name, spot in p.places.items():
            for surface in (name, surfaces.get(name, name)):
                if surface not in known or _located(spot) and not _located(known[surface][1]):
                    known[surface] = (name, spot)
    return known


def _located(spot: Spot) -> bool:
    return spot.point is not None or spot.province is not None


def doubt_stray_places(profiles: list[Profile]) -> None:
    """A place in a country that nothing else in its article is about (no party, no claimant,
    no other place) is more likely a misread name (a Malian village taken for a town in France)
    than a report from that country: it may still join reports that name it, but no longer
    keeps reports apart by its distance or province."""
    by_article: dict[str, list[Profile]] = {}
    for p in profiles:
        by_article.setdefault(p.event.article_id, []).append(p)
    for reports in by_article.values():
        parties: set[str] = set()
        places: dict[str, str] = {}
        for p in reports:
            parties |= _countries_named(p.event)
            # "Residents who fled said": a claimant given the misread village's country does
            # not vouch for it either.
            if p.event.claimed_by:
                parties |= _countries_named_in([p.event.claimed_by])
            places.update((name, spot.country) for name, spot in p.places.items()
                          if spot.country)
        for name, country in places.items():
            others = parties | {c for n, c in places.items() if n != name}
            if others and country not in others:
                for p in reports:
                    if name in p.places:
                        p.places[name] = Spot(None, None, unknown_settlement=True)
                        p.countries = frozenset(
                            place.country for place in p.event.locations
                            if place.country and (place.name or place.text) != name)
                    _forget_country(p, country)


def place_in_named_province(profiles: list[Profile]) -> None:
    """A town the text itself puts in a province of another country than the gazetteer's
    reading of it ("the town of Nasir in South Sudan's Upper Nile state", Nasir read as a
    suburb of Khartoum) is a namesake's misreading: wherever a report names it, it is a place
    the gazetteer does not know, inside that province (it joins reports naming it and lies in
    the province, but keeps no report apart by its distance)."""
    misread: dict[str, tuple[str, Spot]] = {}
    for p in profiles:
        provinces = [pl for pl in p.event.locations
                     if (pl.feature_code or "") in PROVINCE_FEATURES and pl.country]
        for province in provinces:
            for place in p.event.locations:
                if (place.country and place.country != province.country
                        and (place.feature_code or "") not in PROVINCE_FEATURES
                        and (place.feature_code or "") not in COUNTRY_FEATURES):
                    misread[_folded(place.text)] = (place.country, Spot(
                        None, f"{province.country}/{province.admin1}", province.country,
                        unknown_settlement=True))
    if not misread:
        return
    for p in profiles:
        wrong = {}
        for place in p.event.locations:
            found = misread.get(_folded(place.text))
            if found and (place.name or place.text) in p.places:
                del p.places[place.name or place.text]
                p.places[place.text] = found[1]
                wrong[found[0]] = place.text
        if wrong:
            p.countries = frozenset(s.country for s in p.places.values() if s.country) | {
                pl.country for pl in p.event.locations
                if pl.country and _folded(pl.text) not in misread}
            for country in wrong:
                _forget_country(p, country)


def doubt_respelt_villages(profiles: list[Profile]) -> None:
    """A place the gazetteer resolved under one spelling ("Koktash", read as Somoniyon,
    Tajikistan) that other reports name as a village it does not know under another ("the
    village of Kok-Tash") is that village: the reports disagree on whether the gazetteer knows
    it, so its reading keeps no report apart, and the two spellings are one name."""
    villages = {_folded(name): name for p in profiles for name, spot in p.places.items()
                if spot.unknown_settlement}
    if not villages:
        return
    for p in profiles:
        for place in p.event.locations:
            key = place.name or place.text
            village = villages.get(_folded(place.text))
            if village and village != place.text and key in p.places and \
                    not p.places[key].unknown_settlement:
                del p.places[key]
                p.places[village] = Spot(None, None, unknown_settlement=True)


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    return _NOT_LETTERS.sub("", name.lower())


_NOT_LETTERS = re.compile(r"[\W_]+")


def _forget_country(p: Profile, country: str) -> None:
    """Drop `country` from the report's sides where only the context gave it (from a misread
    place: "the village of Sokoura" is not Ivorian because a gazetteer's Sokoura is)."""
    def from_context(actors: list) -> bool:
        return all(any(marker in (a.matched or "") for marker in _COUNTRY_FROM_CONTEXT)
                   for a in actors if a.country == country)

    claimant = p.event.claimed_by.country if p.event.claimed_by and _countries_named_in(
        [p.event.claimed_by]) else None
    if country in p.attackers and from_context(p.event.actors):
        p.attackers = p.attackers - {country}
    if country in p.targets and country != claimant and from_context(p.event.recipients):
        p.targets = p.targets - {country}
    p.parties = p.attackers | p.targets
    p.named = p.named & p.parties


# How the pipeline records a country it gave a party from the context, not from the party's
# own words: from a place ("the village" of a misread village, "the village of Chai" given the
# country of a gazetteer's Chai), an earlier party, or the place the party acts in.
_COUNTRY_FROM_CONTEXT = ("place '", "named before it", "acting at home", "facing its own state",
                         "facing this state's own", "points back to", "who protested before",
                         "country from city name")


def _countries_named(event: Event) -> set[str]:
    """Countries of the parties the text names as such ("Malian troops"), not of those given the
    country of a place they are at: a misread place would vouch for itself."""
    return _countries_named_in([*event.actors, *event.recipients])


def _countries_named_in(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country
            and not any(marker in (a.matched or "") for marker in _COUNTRY_FROM_CONTEXT)}


# Speakers named by where they live or were ("Residents of the Maré complex", "witnesses in
# Gao"), not by an office that has a seat or a range.
_PEOPLE_OF_A_PLACE = re.compile(r"(?:some\s+|many\s+|the\s+|local\s+)*(?:residents|villagers"
                                r"|inhabitants|witnesses|eyewitnesses|locals|people|families"
                                r"|survivors)\b", re.IGNORECASE)


def add_named_places(profiles: list[Profile], known: dict[str, tuple[str, Spot]]) -> None:
    """Give each report the known places its sentence names ("near Sotk" the parser did not
    attach to the event), located wherever any report resolved them."""
    for p in profiles:
        # "Yerevan said ..." names a government, not a place.
        roles = {a.text for a in [*p.event.actors, *p.event.recipients]}
        # "the Bastar range Inspector General said": the speaker's title names where the office
        # is, not where the event was.
        title = p.event.claimed_by.text if p.event.claimed_by else ""
        if _PEOPLE_OF_A_PLACE.match(title):
            # "Residents of the Maré favela complex said": people speak of where they live.
            title = ""
        surfaces = {place.name or place.text: place.text for place in p.event.locations}
        for phrase in _capitalised_phrases(p.event.sentence):
            if (phrase in known and phrase not in roles and not _words_inside(phrase, title)
                    and phrase != title and not names_a_group(p.event.sentence, phrase)):
                name, spot = known[phrase]
                if name not in p.places:
                    p.places[name] = spot
                    surfaces[name] = phrase
        _drop_name_parts(p.places, surfaces)
        for name, spot in p.places.items():
            if not _located(spot) and name in known and not known[name][1].unknown_settlement:
                p.places[name] = known[name][1]
        _add_place_countries(p)


def _add_place_countries(p: Profile) -> None:
    """Places found beyond the event's own count among its countries, for blocking."""
    p.countries = p.countries | {s.country for s in p.places.values() if s.country}


def read_in_context(profiles: list[Profile], settings: LinkSettings | None = None) -> None:
    """A sentence that gives no date or place of its own goes on with the story of the
    sentences before it: "One soldier was wounded, the ministry said" after "Gunmen attacked
    Djibo on Saturday" happened in Djibo on Saturday. Such a report takes the day and the
    places of the nearest earlier sentence of its article that gives them (its own sentence
    first: one event of a sentence may carry the place the other lacks). A sentence opening
    with "Separately", "Meanwhile" or "In another attack" starts a new story."""
    by_article: dict[str, list[Profile]] = {}
    for p in profiles:
        by_article.setdefault(p.event.article_id, []).append(p)
    for reports in by_article.values():
        if len(reports) < 2:
            continue
        reports.sort(key=lambda p: p.event.sentence_start)
        known = _known_days(reports, named_by_its_day)
        named_days = {p.event.date_text.start: p.firm_day for p in reports
                      if p.event.date_text in known and p.firm_day is not None
                      and p.event.sentence_start <= p.event.date_text.start
                      < p.event.sentence_end}
        _undate_inherited(reports, _known_days(reports, told_to_say_who),
                          settings or LinkSettings())
        told_later = _places_told_later(reports)
        day: Profile | None = None
        where: Profile | None = None
        start = 0
        while start < len(reports):
            end = start
            while (end < len(reports) and reports[end].event.sentence_start
                   == reports[start].event.sentence_start):
                end += 1
            sentence = reports[start:end]
            _relative_clauses_look_back(sentence)
            if _NEW_STORY.match(sentence[0].event.sentence):
                day = where = None
            # The time expression of an event named as one the reader knows dates that event,
            # whatever else of its sentence the pipeline dated by it ("crossed back into Congo
            # after the attack").
            before = day
            day = next((p for p in sentence if p.firm_day is not None
                        and not named_by_its_day(p.event)
                        and p.event.date_text not in known), day)
            where = next((p for p in sentence if p.places), where)
            # "The SDF blamed the violence on gunmen ..., while the government accused the SDF of
            # shelling civilian homes", after "clashes ... last week": a report dated only by
            # publication is of the span its own sentence's act is dated to.
            span = next((p for p in sentence if p.firm_day is None and p.window is not None
                         and p.event.date_source == "text" and not p.undated
                         and not named_by_its_day(p.event)), None)
            for p in sentence:
                _after_flashback(p, day, named_days)
                _continue_story(p, day if span is None else span, where)
                _days_before(p, before)
            _mark_flashbacks(sentence, day)
            start = end
        _take_story_pointed_back(reports)
        for p in reports:
            if not p.places and (source := told_later.get(id(p))) is not None:
                p.places = dict(source.places)
                _add_place_countries(p)
                p.story_of = source.event.id
                p.context = " and ".join(filter(None, [
                    p.context, "place " + "/".join(sorted(source.places))
                    + " from a later sentence of its story"]))
        _aftermath_looks_back(reports, known, (settings or LinkSettings()).statement_lag_days)


# "Two soldiers were killed and three others wounded. That is the toll of the ambush laid on
# Monday ... on the road between Bossangoa and Bouca": a sentence opening with a demonstrative
# and a copula says what the sentence before it told.
_POINTS_BACK = re.compile(r"\s*(?:That|This|These|Those)\s+(?:is|was|are|were)\b")


def _take_story_pointed_back(reports: list[Profile]) -> None:
    """A report that has neither a day nor a place of its own or from its story takes them from
    the next sentence when that sentence points back to it."""
    for at, p in enumerate(reports):
        if p.event.date_source != "published" or p.places or p.story_of is not None:
            continue
        following = [q for q in reports[at + 1:]
                     if q.event.sentence_start > p.event.sentence_start]
        nxt = [q for q in following
               if following and q.event.sentence_start == following[0].event.sentence_start]
        if not nxt or not _POINTS_BACK.match(nxt[0].event.sentence) or \
                nxt[0].event.sentence_start - p.event.sentence_end > 2:
            continue
        day = next((q for q in nxt if q.firm_day is not None), None)
        where = next((q for q in nxt if q.places), None)
        taken = []
        if day is not None and p.window is not None:
            p.window, p.firm_day = day.window, day.firm_day
            taken.append(f"day {day.firm_day}")
        if where is not None:
            p.places = dict(where.places)
            _add_place_countries(p)
            taken.append("place " + "/".join(sorted(where.places)))
        if taken:
            p.story_of = (day or where).event.id  # type: ignore[union-attr]
            p.context = " and ".join(taken) + " from the next sentence, which points back to it"


def _places_told_later(reports: list[Profile]) -> dict[int, Profile]:
    """For each report that names no place, the nearest later report of its article dated by
    the same time expression that names one: "Kosovo and Serbia traded accusations on Wednesday
    over a shooting in the north of Kosovo ... KFOR said it had increased patrols in the Zubin
    Potok area" tells one story, and the place comes late. Not across a sentence that starts a
    new story ("Separately", "Elsewhere")."""
    found: dict[int, Profile] = {}
    later: dict[int, Profile] = {}
    for p in reversed(reports):
        told = p.event.date_text
        if _NEW_STORY.match(p.event.sentence):
            later = {}
            continue
        if told is None or p.event.date_source != "text":
            continue
        if p.places:
            later[told.start] = p
        elif (source := later.get(told.start)) is not None:
            found[id(p)] = source
    return found


# "Monday's clashes", "last week's drone strike": an event named by its day.
_POSSESSIVE_DAY = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today"
                             r"|week|month|night)['\u2019]s\s+(?:[\w-]+\s+){0,2}$",
                             re.IGNORECASE)


# "the gunmen who killed two of its soldiers ... on Tuesday night": an act told to say which
# people the sentence is about.
_WHO_DID_IT = re.compile(r"\bthe\s+(?:[\w-]+\s+){1,3}(?:who|that)\s+(?:had\s+)?$",
                         re.IGNORECASE)


def named_by_its_day(event: Event) -> bool:
    """The event is named by a noun its day qualifies ("tense since Monday's clashes"), or told
    in a relative clause that says who the sentence is about ("Angola says the gunmen who killed
    two of its soldiers near Buco-Zau on Tuesday night crossed back into Congo"): a reference to
    an event the reader knows, not the story the next sentences go on with."""
    start = max(event.trigger.start - event.sentence_start, 0)
    return (_POSSESSIVE_DAY.search(event.sentence, 0, start) is not None
            or told_to_say_who(event))


def told_to_say_who(event: Event) -> bool:
    """The event is told in a relative clause of a definite noun ("the gunmen who killed")."""
    start = max(event.trigger.start - event.sentence_start, 0)
    return _WHO_DID_IT.search(event.sentence, 0, start) is not None


def _known_days(reports: list[Profile], named: Callable[[Event], bool]) -> list[Span]:
    """The time expressions of the events `named` marks as ones the reader knows."""
    return [p.event.date_text for p in reports
            if p.event.date_text is not None and named(p.event)]


# "the attack on Sokoura, which killed nine": what a relative clause tells of an event named by
# a definite noun happened when that event did.
_WHICH = re.compile(r"(?:\s+(?:on|in|at|near|against|of|by)\s+[^,;]{1,60})?,\s+(?:which|that)"
                    r"\s+(?:had\s+)?$")


def _relative_clauses_look_back(sentence: list[Profile]) -> None:
    """A report told in a relative clause of an event the sentence names by a definite noun
    ("funerals on Wednesday for the victims of the attack on Sokoura, which killed nine") may be
    of any day that event may be: the day the sentence gives dates the telling."""
    for p in sentence:
        if p.window is None or p.firm_day is None:
            continue
        at = p.event.trigger.start - p.event.sentence_start
        for q in sentence:
            end = q.event.trigger.end - q.event.sentence_start
            if (q is not p and q.window is not None and q.window[0] < p.window[0]
                    and 0 <= end < at and told_afterwards(q.event)
                    and _WHICH.fullmatch(p.event.sentence, end, at)):
                p.window = (q.window[0], p.window[1])
                break


def _looks_back(p: Profile) -> bool:
    """The day the report gives is the day of a statement about what happened before it."""
    return p.firm_day is not None and (p.kind in LOOKING_BACK
                                       or told_afterwards(p.event))


def _undate_inherited(reports: list[Profile], known: list[Span],
                      settings: LinkSettings) -> None:
    """A sentence the pipeline dated by the time expression of an earlier sentence goes on with
    that sentence's story. When the earlier sentence is a statement about what happened before
    ("denied on Wednesday ... He accused the militias of firing the mortars"), it is not dated
    to the statement's day either: it may be any day the statement may look back at. When the
    expression dates an act told to say who the sentence is about ("Angola says the gunmen who
    killed two of its soldiers on Tuesday night crossed back into Congo"), a later act of a kind
    no rule joins to a clash ("the ministry said in a statement after the meeting") is not of
    that day: it goes on with the story as one dated by publication does. (A clash so dated,
    "The separatists have said they killed twelve soldiers in the ambush", is most likely that
    one; and an event named by its day, "Tuesday's shooting", is too often the story's own.)"""
    for p in reports:
        published = _day(p.published)
        if (p.event.date_text in known and published is not None and aftermath_kind(p.kind)
                and not p.event.sentence_start <= p.event.date_text.start
                < p.event.sentence_end):
            p.window = (published - timedelta(days=settings.published_lag_days), published)
            p.firm_day, p.undated = None, True
            continue
        told = p.event.date_text
        if (p.event.date_source != "text" or told is None or p.window is None
                or p.event.sentence_start <= told.start < p.event.sentence_end):
            continue
        source = next((q for q in reports
                       if q.event.sentence_start <= told.start < q.event.sentence_end), None)
        if source is None:
            continue
        p.story_of = source.event.id
        if _looks_back(source):
            p.window, p.firm_day = source.window, None


def _after_flashback(p: Profile, day: Profile | None, named_days: dict[int, date]) -> None:
    """A sentence the pipeline dated by an event named by its day in an earlier sentence
    ("Nine people died in Monday's raid on the village. ... The highway was closed for several
    hours after the shooting"), in a story an earlier sentence dated to another day ("ambushed
    a bus on Friday afternoon"), goes on with the story, not with the event looked back at: the
    name is the writer's pointer to an older incident. Only a report dated to that very day
    ("Four days after the raid, more than 300 people remain" is told from the raid), and only
    after a clash's own day: after the
    day of a statement or a funeral ("denied on Wednesday ... the death toll from Monday's
    shooting"), and where no other day came first, the name is most often the story's own
    incident, and the sentence keeps its day."""
    told = p.event.date_text
    if (day is None or day.firm_day is None or told is None
            or p.firm_day is None or named_days.get(told.start) != p.firm_day
            or day.kind not in CLASH_TYPES or _looks_back(day)
            or p.event.sentence_start <= told.start < p.event.sentence_end
            or day.event.date_text is None or day.event.date_text.start >= told.start
            or p.firm_day == day.firm_day):
        return
    p.undated = True


# "The ambush came days after at least 12 people were killed in a raid", "a week after the
# bombing of": what follows "after" happened before the day the sentence is told on.
# (A counted "four days after" is dated by `count_back` in the extract stage; "for several hours
# after the shooting" is how long something lasted.)
_SOME_TIME_AFTER = re.compile(r"\b(?:came|comes|come|days|weeks)\s+(?:days\s+|weeks\s+)?after\b"
                              r"[^.;]{0,80}$", re.IGNORECASE)
# How far back "days after" or "weeks after" reaches: a window, not a day.
_DAYS_BEFORE = timedelta(days=21)


def _days_before(p: Profile, day: Profile | None) -> None:
    """A report that took the story's day but is told as what some time before it led up to
    ("The ambush came days after ... were killed in a raid on the village") happened in the
    days before: it is told apart from the story's reports, like a span before the story's
    day (`_mark_flashbacks`)."""
    if day is None or day.firm_day is None or p.firm_day != day.firm_day:
        return
    at = max(p.event.trigger.start - p.event.sentence_start, 0)
    if _SOME_TIME_AFTER.search(p.event.sentence, 0, at) is None:
        return
    p.window = (day.firm_day - _DAYS_BEFORE, day.firm_day - timedelta(days=1))
    p.firm_day, p.flashback_from = None, day.firm_day
    p.context = " and ".join(filter(None, [p.context, "before the story's day"]))


def _continue_story(p: Profile, day: Profile | None, where: Profile | None) -> None:
    taken = []
    if (day is not None and day is not p and p.window is not None
            and (p.event.date_source == "published" or p.undated)):
        # After a statement ("denied on Wednesday"), the story's day is any its window allows.
        p.window = day.window
        p.firm_day = None if _looks_back(day) else day.firm_day
        p.story_of = day.event.id
        when = day.firm_day or _span(day.window)  # type: ignore[arg-type]
        taken.append(f"day {when}{_source(p, day)}")
    if where is not None and not p.places:
        p.places = dict(where.places)
        _add_place_countries(p)
        p.story_of = where.event.id
        taken.append("place " + "/".join(sorted(where.places)) + _source(p, where))
    if taken:
        p.context = " and ".join(taken)


def _mark_flashbacks(sentence: list[Profile], day: Profile | None) -> None:
    """A report its own words date to a span, in a story its article dates to a day ("The
    operation followed a raid on the village earlier this month", after "on Friday afternoon"):
    a writer who had named the story's day would name it again for the same event, so the span
    tells another, earlier one. Its place may well be the story's (the same village)."""
    if day is None or day.firm_day is None or \
            day.event.sentence_start == sentence[0].event.sentence_start:
        return
    for p in sentence:
        told = p.event.date_text
        if (p.firm_day is None and p.window is not None and p.event.date_source == "text"
                and told is not None
                and p.event.sentence_start <= told.start < p.event.sentence_end
                and p.window[0] < day.firm_day):
            p.flashback_from = day.firm_day


def _source(p: Profile, source: Profile) -> str:
    if source.event.sentence_start == p.event.sentence_start:
        return " from its sentence"
    return " from an earlier sentence of its article"


@lru_cache(maxsize=4096)
def _capitalised_phrases(sentence: str) -> tuple[str, ...]:
    phrases = set()
    for run in _CAPITALISED_RUN.finditer(sentence):
        # "Zamfara's Gusau area" names Zamfara.
        words = [w[:-2] if w.endswith(("'s", "\u2019s")) else w for w in run.group(0).split()]
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 3) + 1):
                phrases.add(" ".join(words[i:j]))
    return tuple(phrases)  # in the order the set gives, as before it was cached


def opens_other_incident(event: Event) -> bool:
    """The event's sentence says it tells another incident than the sentences before it."""
    return _OTHER_INCIDENT.match(event.sentence) is not None


def told_apart(a: Profile, b: Profile) -> bool:
    """One report's sentence opens another incident ("In a separate attack ...") after the other's
    sentence in the same article: the text itself says they are two incidents."""
    if a.event.article_id != b.event.article_id or \
            a.event.sentence_start == b.event.sentence_start:
        return False
    later, earlier = (a, b) if a.event.sentence_start > b.event.sentence_start else (b, a)
    return opens_other_incident(later.event) or any(
        p.flashback_from is not None and p.flashback_from == q.firm_day
        for p, q in ((a, b), (b, a)))


def derived_statement(event: Event) -> bool:
    """An ACCUSE the pipeline made from a claimant's reported speech ("X said that Y shelled
    Z"): it restates the events in `statement_of` and belongs wherever they do."""
    return bool(event.statement_of)


def restates(a: Event, b: Event) -> bool:
    """One of the two is the statement the pipeline made from reported speech about the other
    (in a quotation of several sentences, the speech verb is not in the event's sentence)."""
    return a.id in b.statement_of or b.id in a.statement_of


def _countries(actors: list) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_window(event: Event, published: str | None,
                settings: LinkSettings) -> tuple[tuple[date, date] | None, date | None]:
    """The days the event may have happened on, and the day the text gives (if it gives one)."""
    start = _day(event.date)
    if start is None:
        return None, None
    kind = link_kind(event)
    if event.date_source == "published":
        lag = settings.published_lag_days
        if kind in LOOKING_BACK and not diplomatic_act(event):
            # "Residents said ... police blocked the road", published two days after the night
            # it tells: said in the days before publication, about the days before that.
            lag += settings.statement_lag_days
        return (start - timedelta(days=lag), start), None
    if event.date_precision == "day":
        slack = timedelta(days=settings.day_slack_days)
        if (kind in LOOKING_BACK and not diplomatic_act(event)
                or told_afterwards(event)):
            # "The RSF denied on Wednesday ..." answers what happened on Tuesday; "claimed the
            # attack on Monday" tells of an attack made before.
            return (start - timedelta(days=settings.statement_lag_days), start + slack), start
        return (start - slack, start + slack), start
    end = _day(event.date_end) or start
    if (end - start).days >= settings.max_window_days:
        return None, None
    if (reported := _day(published)) is not None and start <= reported < end:
        # "in this week's fighting", published on Wednesday: what is reported happened by then.
        end = reported
    if _told_as_night(event, start, end):
        # "on Friday night" names Friday, though the night runs into Saturday.
        return (start, end), start
    return (start, end), None


_NIGHT = re.compile(r"\b(?:night|overnight)\b", re.IGNORECASE)


def _told_as_night(event: Event, start: date, end: date) -> bool:
    return ((end - start).days == 1 and event.date_text is not None
            and _NIGHT.search(event.date_text.text) is not None)


def aftermath_kind(kind: str) -> bool:
    """An act of a kind no rule joins to a clash but its telling (condolences, a visit, a funeral,
    first aid)."""
    return kind not in _CLASH_OR_CLAIM


def _aftermath_looks_back(reports: list[Profile], known: list[Span], lag_days: int) -> None:
    """An act of such a kind told with a clash (in its sentence, or going on with its story) may
    come a day or two after it, as a statement may ("The regional governor visited the town" on
    Wednesday, after Monday's attack): dated to its own day, it would keep the incident it joins
    off the clash's day. Not when the clash it took its story from is one named as known."""
    clash_sentences = {(p.event.article_id, p.event.sentence_start) for p in reports
                       if p.kind in CLASH_TYPES}
    # "The foreign ministry said it had answered the note", after "found no trace of the
    # attackers after Tuesday's ambush in Cabinda": a place taken from a sentence that names
    # the clash only as one the reader knows makes no story of it.
    told = {p.event.id for p in reports if p.event.date_text not in known}
    for p in reports:
        if p.window is not None and aftermath_kind(p.kind) and (
                p.story_of in told
                or (p.event.article_id, p.event.sentence_start) in clash_sentences):
            p.window = (p.window[0] - timedelta(days=lag_days), p.window[1])


def diplomatic_act(event: Event) -> bool:
    """A summons or a protest note (CAMEO 114): an act done on the day the text gives, not a
    statement looking back at the clash it is about ("on Wednesday summoned the ambassador")."""
    return event.cameo == "114" and _DIPLOMATIC_ACT.search(event.trigger.text) is not None


_DIPLOMATIC_ACT = re.compile(r"\bsummon|\bnotes?\b", re.IGNORECASE)
# "the attack", "the Las Navas clash": a definite noun names an event already known.
_DEFINITE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+"
                       r"(?:[A-Z][\w'-]*\s+){0,3}$")
# "said on Wednesday that ...": the day dates the telling.
_TOLD_ON = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|confirmed|released"
                      r"|issued|published|posted)(?:\s+in\s+a\s+statement)?\s+(?:late\s+|early\s+)?"
                      r"(?:on\s+|last\s+)?$", re.IGNORECASE)


_PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?$")
# The verb of an accusation or denial, between the day a sentence gives and the act it is about.
_ACCUSED_OF = re.compile(r"\b(?:accus|blam|den(?:y|ie)|condemn)\w*\b", re.IGNORECASE)


def told_afterwards(event: Event) -> bool:
    """The day the sentence gives may be the day of the telling, after the event: the event is
    named by a definite noun ("claimed the attack on Monday") or the day is when it was said
    ("said on Wednesday that it had carried out an operation")."""
    start = event.trigger.start - event.sentence_start
    if (event.sentence[start:start + len(event.trigger.text)] == event.trigger.text
            and _DEFINITE.search(event.sentence, 0, start)):
        return True
    told = event.date_text
    if told is None or not event.sentence_start <= told.start < event.sentence_end:
        return False
    if told.start < event.trigger.start and _PLUPERFECT.search(event.sentence, 0, start):
        # "Rwanda on Wednesday rejected accusations that its forces had fired into Congo": what
        # had been done came before the day of the telling.
        return True
    if told.end <= event.trigger.start and _ACCUSED_OF.search(
            event.sentence, told.end - event.sentence_start, start):
        # "The opposition on Saturday accused the government of bombing a cattle camp, killing
        # eight": the day is the accusation's; what it is about was done before.
        return True
    return _TOLD_ON.search(event.sentence, 0, told.start - event.sentence_start) is not None


def kinds_may_link(ta: str, tb: str) -> bool:
    """The cheap first test: could any evidence join these two types at all?"""
    if ta == tb:
        return True
    pair = {ta, tb}
    return pair <= CLASH_TYPES or pair in (ACCUSATION_AND_DENIAL, _NOTE_AND_DEMAND) or bool(
        pair & (STATEMENT_TYPES | REQUEST_TYPES)) and bool(pair & (CLASH_TYPES | NOTE_TYPES))


def type_evidence(a: Profile, b: Profile, anchored: bool, same_sentence: bool = False,
                  same_article: bool = False, told_with: bool = False) -> Evidence:
    """`anchored`: the two share a sentence or a place, which a statement needs to join a clash;
    a request needs the same sentence, or to be told in the article of the note it is made in.
    `told_with`: one is told in the other's sentence or goes on with its story, which is all
    that joins an act of an unrelated kind (see `ANY_KIND_TOLD_WITH`)."""
    ta, tb = a.kind, b.kind
    if ta == tb:
        return Evidence(1.0, lambda: f"same type {ta}")
    pair = {ta, tb}
    if pair <= CLASH_TYPES and (_aftermath(a) or _aftermath(b)):
        if anchored:
            return Evidence(0.4, lambda: f"{ta} and {tb}: the end of the clash it follows")
        return Evidence(None, lambda: f"{ta} and {tb}: a release or ceasefire joins a clash "
                              "only in the same sentence or place")
    if pair <= CLASH_TYPES:
        return Evidence(0.7, lambda: f"{ta} and {tb} of one clash")
    if pair & NOTE_TYPES and pair & STATEMENT_TYPES:
        return Evidence(0.6, lambda: f"{ta} and {tb}: a note and the accusation it makes")
    if pair == ACCUSATION_AND_DENIAL:
        if anchored:
            return Evidence(0.6, lambda: f"{ta} and {tb}: an accusation and its denial")
        return Evidence(None, lambda: f"{ta} and {tb}: an accusation joins a denial only in the "
                              "same sentence or place")
    if pair == _NOTE_AND_DEMAND:
        note = a if a.kind == "ACCUSE" else b
        if same_article and diplomatic_act(note.event):
            return Evidence(0.6, lambda: f"{ta} and {tb}: a summons or note and what it demands")
        return Evidence(None, lambda: f"{ta} and {tb}: a call joins only the summons or note "
                              "of its article")
    if pair & REQUEST_TYPES and pair & (CLASH_TYPES | NOTE_TYPES):
        if same_sentence:
            return Evidence(0.4, lambda: f"{ta} and {tb}: a call about the incident it names")
        return Evidence(None, lambda: f"{ta} and {tb}: a call joins an incident only in the "
                              "sentence that names it")
    if pair & CLASH_TYPES and pair & STATEMENT_TYPES:
        if anchored:
            return Evidence(0.4, lambda: f"{ta} and {tb}: a statement about the clash")
        return Evidence(None, lambda: f"{ta} and {tb}: a statement joins a clash only in the same "
                              "sentence or place")
    if told_with:
        return Evidence(ANY_KIND_TOLD_WITH, lambda: f"{ta} and {tb}: told in one sentence or "
                                                    "story")
    return Evidence(None, lambda: f"{ta} and {tb}{KINDS_APART}")


def date_evidence(a: Profile, b: Profile) -> Evidence:
    if a.window is None or b.window is None:
        return Evidence(None, "no usable date")
    lo, hi = max(a.window[0], b.window[0]), min(a.window[1], b.window[1])
    if lo > hi:
        if a.firm_day and b.firm_day:
            return Evidence(None, lambda: f"different days ({a.firm_day} vs {b.firm_day})")
        return Evidence(None, lambda: f"date windows apart ({_span(a.window)} vs "
                                      f"{_span(b.window)})")
    if a.firm_day and a.firm_day == b.firm_day:
        return Evidence(1.0, lambda: f"same day {a.firm_day}")
    return Evidence(0.4, lambda: f"dates overlap on {_span((lo, hi))}")


def _span(window: tuple[date, date]) -> str:
    lo, hi = window
    return str(lo) if lo == hi else f"{lo}..{hi}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_evidence(a: Profile, b: Profile, settings: LinkSettings) -> Evidence:
    found = _place_evidence(a, b, settings)
    if found.veto and _said_somewhere(a, b):
        return Evidence(0.0, lambda: f"{found.reason}, but a statement's place may be where it "
                                     "was made")
    return found


def _said_somewhere(a: Profile, b: Profile) -> bool:
    """One of the two is a statement placed in a capital: the capital that summons an
    ambassador or rejects an accusation is not where the shelling it is about fell."""
    return _said_in_capital(a) or _said_in_capital(b)


def _said_in_capital(p: Profile) -> bool:
    return p.kind in STATEMENT_TYPES | NOTE_TYPES and any(
        spot.capital for spot in p.places.values())


def _place_evidence(a: Profile, b: Profile, settings: LinkSettings) -> Evidence:
    if not a.places or not b.places:
        return Evidence(0.0, "place missing on one side")
    shared = sorted(a.places.keys() & b.places.keys())
    if shared:
        return Evidence(1.0, lambda: f"both name {shared[0]}")
    km = nearest_km(a, b)
    names = f"{'/'.join(sorted(a.places))} vs {'/'.join(sorted(b.places))}"
    if km is not None and km <= settings.near_km:
        return Evidence(0.8, lambda: f"places {km:.0f} km apart ({names})")
    if km is not None and km <= settings.max_km:
        return Evidence(0.5, lambda: f"places {km:.0f} km apart ({names})")
    inside = within_province(a, b) or within_province(b, a)
    if inside:
        # Weak: a province holds many places, so this alone does not join two attacks.
        return Evidence(0.3, lambda: f"{inside[0]} lies in {inside[1]}")
    if km is not None:
        return Evidence(None, lambda: f"places {km:.0f} km apart ({names})")
    if _provinces_apart(a, b):
        return Evidence(None, lambda: f"places in different provinces ({names})")
    if _only_unknown_settlements(a) or _only_unknown_settlements(b):
        return Evidence(0.0, lambda: f"places not comparable ({names})")
    return Evidence(None, lambda: f"different places named ({names})")


def nearest_km(a: Profile, b: Profile) -> float | None:
    points_a = [s.point for s in a.places.values() if s.point is not None]
    points_b = [s.point for s in b.places.values() if s.point is not None]
    if not points_a or not points_b:
        return None
    return min(distance_km(*pa, *pb) for pa in points_a for pb in points_b)


def within_province(a: Profile, b: Profile) -> tuple[str, str] | None:
    """A place of `a` inside a province (state, region) that `b` names, as (place, province)."""
    for province, spot in b.places.items():
        if spot.is_province and spot.province:
            for name, inner in a.places.items():
                if inner.province == spot.province:
                    return name, province
    return None


def places_apart(a: Profile, b: Profile, settings: LinkSettings) -> bool:
    """`place_evidence` vetoes the pair (without building its reasons)."""
    if not a.places or not b.places or a.places.keys() & b.places.keys() or \
            _said_somewhere(a, b):
        return False
    km = nearest_km(a, b)
    if km is not None and km <= settings.max_km or within_province(a, b) or within_province(b, a):
        return False
    return km is not None or _provinces_apart(a, b) or not (
        _only_unknown_settlements(a) or _only_unknown_settlements(b))


def _only_unknown_settlements(p: Profile) -> bool:
    return all(s.unknown_settlement for s in p.places.values())


def _provinces_apart(a: Profile, b: Profile) -> bool:
    """Both reports place the event in provinces, and in none in common."""
    provinces_a = {s.province for s in a.places.values() if s.province}
    provinces_b = {s.province for s in b.places.values() if s.province}
    return bool(provinces_a and provinces_b and not provinces_a & provinces_b)


def actor_evidence(a: Profile, b: Profile) -> Evidence:
    if not a.parties or not b.parties:
        return Evidence(0.0, "parties missing on one side")
    one_group = may_be_one_group(a, b)
    shared = a.parties & b.parties
    if not shared:
        if one_group:
            # Not evidence for the pair (armed groups with no code are everywhere), only no
            # evidence against it.
            return Evidence(0.0, lambda: f"an armed group with no code may be the other's "
                                         f"({_direction(a)} vs {_direction(b)})")
        return Evidence(None, lambda: f"no party in common ({_codes(a.parties)} vs "
                                      f"{_codes(b.parties)})")
    same = (bool(a.attackers & b.attackers) or one_group) and (
        not a.targets or not b.targets or bool(a.targets & b.targets))
    if same:
        return Evidence(1.0, lambda: f"same sides ({_direction(a)})")
    swapped = bool(a.attackers & b.targets) and bool(a.targets & b.attackers)
    if swapped:
        return Evidence(1.0, lambda: f"sides swapped ({_direction(a)} vs {_direction(b)}): "
                                     "each blames the other")
    if len(a.named) > 1 and len(b.named) > 1:
        # Both name two sides and only one matches: AZE -> ARM and AZE -> IRN on one day are
        # more likely two incidents than one. (A side filled in from the claimant does not
        # count: a misread claimant would split a clash.)
        return Evidence(0.0, lambda: f"one party in common, the other differs "
                                     f"({_direction(a)} vs {_direction(b)})")
    if not a.named & b.named:
        # The one party in common is a side filled in from a claimant ("United States warplanes
        # struck the port", said by Yemeni television, is USA -> YEM): every attack in a country
        # at war has that side, so it says nothing about which attack this is.
        return Evidence(0.0, lambda: f"only the claimant's side in common ({_codes(shared)})")
    if not a.attackers and not b.attackers:
        # Both name only who was hit, and it is the same country: in a war inside one country
        # that is every attack of the day.
        return Evidence(0.0, lambda: f"only the targets' country in common ({_codes(shared)}), "
                                     "attackers unnamed")
    return Evidence(0.5, lambda: f"shared party {_codes(shared)}")


def may_be_one_group(a: Profile, b: Profile) -> bool:
    """Attackers that may be one armed group: one report names a group with no code ("armed
    men", "the insurgents") and the other names one too, or names only coded armed groups
    ("Islamic State group"), whose codes the first report cannot contradict."""
    def fits(unnamed: Profile, other: Profile) -> bool:
        return unnamed.unnamed_group and (other.unnamed_group or bool(other.irregular) and (
            other.attackers <= other.irregular))
    return fits(a, b) or fits(b, a)


def parties_apart(a: Profile, b: Profile) -> bool:
    """`actor_evidence` vetoes the pair."""
    return bool(a.parties and b.parties and not a.parties & b.parties
                and not may_be_one_group(a, b))


def casualty_evidence(a: Profile, b: Profile) -> Evidence:
    """Close death tolls (30 and 31, 4 and 5) hint at one incident. Tolls far apart say nothing:
    the sides and the days after an attack give very different figures for the same one."""
    ka, kb = a.event.killed, b.event.killed
    if not ka or not kb or abs(ka - kb) > max(1, CLOSE_TOLL * max(ka, kb)):
        return Evidence(0.0, "no close death tolls")
    return Evidence(CLOSE_TOLL_SCORE, lambda: f"close death tolls ({ka} and {kb})")


def _codes(codes: frozenset[str]) -> str:
    return "/".join(sorted(codes)) or "?"


def _direction(p: Profile) -> str:
    return f"{_codes(p.attackers)} -> {_codes(p.targets)}"
