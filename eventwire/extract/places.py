"""Where an event happened: place names attached to the trigger's clause, geocoded offline.

Only places in the event's own clause count (not every place in the article), and a place that
is part of an actor's phrase ("the embassy of Azerbaijan in Russia") is not where the event was,
except the place of the target of an attack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eventwire.extract.syntax import clause_head, governing_verb, is_verb
from eventwire.model import Event, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class PlaceLookup(Protocol):
    def geocode(self, name: str, *, country_hints: Sequence[str] = ()) -> Place | None: ...

    def geocode_many(self, names: Sequence[str], *,
                     country_hints: Sequence[str] = ()) -> list[Place | None]: ...

    def is_known_place(self, name: str) -> bool: ...

    def place_names(self, min_population: int = 1000) -> Iterable[str]: ...


class ArticlePlaces:
    """The places of one article's sentences, read together: "Gainesville" beside "Hall County"
    is the Georgia one (`geocode_many`). Names the gazetteer does not know, and anything asked
    later, go to the gazetteer one by one as before."""

    def __init__(self, places: PlaceLookup, names: Sequence[str],
                 country_hints: Sequence[str] = ()) -> None:
        self.places = places
        known = list(dict.fromkeys(n for n in names if places.is_known_place(n)))
        # One name has nothing to be read together with: the gazetteer alone decides it.
        readings = places.geocode_many(known, country_hints=country_hints) if len(known) > 1 \
            else [None] * len(known)
        self._readings = {n: p for n, p in zip(known, readings, strict=True) if p is not None}

    def geocode(self, name: str, *, country_hints: Sequence[str] = ()) -> Place | None:
        place = self._readings.get(name)
        if place is None:
            return self.places.geocode(name, country_hints=country_hints)
        return dataclasses.replace(place)  # callers fill in the mention's own text and offsets

    def geocode_many(self, names: Sequence[str], *,
                     country_hints: Sequence[str] = ()) -> list[Place | None]:
        return self.places.geocode_many(names, country_hints=country_hints)

    def is_known_place(self, name: str) -> bool:
        return self.places.is_known_place(name)

    def place_names(self, min_population: int = 1000) -> Iterable[str]:
        return self.places.place_names(min_population)


@lru_cache(maxsize=4)
def safe_place_names(places: PlaceLookup) -> frozenset[str]:
    """Gazetteer names that are not also common words ("The", "May", "Minister")."""
    return frozenset(places.place_names())


def load_place_names(places: PlaceLookup) -> None:
    """Read the gazetteer's name lists now (half a second): worker processes forked afterwards
    share them instead of each reading its own."""
    safe_place_names(places)
    _major_place_names(places)


def place_mentions(doc: Doc, places: PlaceLookup, max_words: int = 4) -> list[Span]:
    """Named places: entities the model labels as places or as organisations named like a
    country ("the Democratic People's Republic of Korea"), plus capitalised word sequences the
    gazetteer knows as safe place names (the small model tags "Kalbajar" ORG)."""
    names = safe_place_names(places)
    found: list[Span] = [_without_trailing_function_words(e) for e in doc.ents
                         if e.label_ in PLACE_LABELS
                         or e.label_ == "ORG" and _names_a_country(e, places)]
    found = [span for span in found if len(span)]
    taken = {t.i for e in found for t in e}
    # Token attributes are read once: indexing a Doc builds a new Token object on every call,
    # and this scan looks at each token up to max_words times.
    tokens = list(doc)
    texts = [t.text for t in tokens]
    with_space = [t.text_with_ws for t in tokens]
    # (str.lower is what spaCy's lower_ holds, without a string-store lookup per token.)
    name_part = [text[:1].isupper() or text.lower() in _NAME_PARTICLES for text in texts]
    i = 0
    while i < len(tokens):
        if i in taken or not texts[i][:1].isupper() or tokens[i].ent_type_ == "NORP" and \
                not _district_name(doc, i) and not (tokens[i].dep_ == "pobj" and texts[i] in names):
            i += 1
            continue
        after_place_word: bool | None = None  # the same for every length tried at i
        for n in range(max_words, 0, -1):
            end = i + n
            if end > len(tokens) or any(j in taken for j in range(i, end)) or \
                    not all(name_part[i:end]):
                continue
            text = "".join(with_space[i:end - 1]) + texts[end - 1]  # the span's text
            if text in names:
                span = doc[i:end]
                if _not_a_name_of_something_else(span, places) or \
                        _after_preposition_of_place(doc, i):
                    found.append(span)
                    taken.update(range(i, end))
                    i += n - 1
                    break
            if after_place_word is None:
                after_place_word = _after_place_word(texts, tokens, i)
            if (after_place_word or _a_county(texts[i:end])) and not tokens[i].is_stop and \
                    places.is_known_place(text):
                found.append(doc[i:end])
                taken.update(range(i, end))
                i += n - 1
                break
        i += 1
    found = [_with_its_particles(_with_its_name(span, places, max_words), places, max_words)
             for span in found]
    found = [span for span in found  # a name a longer one took in ("Zor" of "Deir ez-Zor")
             if not any(o is not span and o.start <= span.start and span.end <= o.end
                        and len(o) > len(span) for o in found)]
    found = _capitals_named(doc, found, places)
    return _joined_by_and(doc, sorted(found, key=lambda s: s.start), names)


# Penn tags of words that end no name: prepositions, "to", determiners, conjunctions.
_FUNCTION_TAGS = frozenset({"IN", "TO", "DT", "CC"})


def _without_trailing_function_words(entity: Span) -> Span:
    """ "the Sahel" of the entity "the Sahel on" that the model found in "in the Sahel on
    Monday": read whole, the span is a respelling of Heihe, China."""
    end = entity.end
    while end > entity.start and entity.doc[end - 1].tag_ in _FUNCTION_TAGS:
        end -= 1
    return entity if end == entity.end else entity.doc[entity.start:end]


def _capitals_named(doc: Doc, found: list[Span], places: PlaceLookup) -> list[Span]:
    """ "in the Libyan capital", "Sudan's capital": wire copy names a capital by its country,
    and the gazetteer reads the phrase as that city. A country found inside the phrase is part
    of it, not a place of its own."""
    for token in doc:
        if token.lower_ != "capital" or token.i == 0:
            continue
        before = doc[token.i - 1]
        start = token.i - 2 if before.lower_ in ("'s", "’s") and token.i > 1 else token.i - 1
        if doc[start].ent_type_ not in ("NORP", "GPE"):
            continue
        phrase = doc[start:token.i + 1]
        if places.is_known_place(phrase.text):
            found = [span for span in found if span.end <= start or span.start > token.i]
            found.append(phrase)
    return found


def _with_its_name(span: Span, places: PlaceLookup, max_words: int) -> Span:
    """An abbreviation the model took alone ("ST" of a dateline "ST. LOUIS", which the
    tokenizer splits before the full stop) with the name it abbreviates the first word of."""
    doc = span.doc
    if len(span) != 1 or span[0].lower_ not in _NAME_ABBREVIATIONS or span.end + 1 >= len(doc) or \
            doc[span.end].text != "." or not doc[span.end + 1].text[:1].isupper():
        return span
    limit = span.end + 1
    while limit < min(len(doc), span.end + 1 + max_words) and (
            doc[limit].text[:1].isupper() or doc[limit].text[:1] in "'’"):
        limit += 1  # "JOHN", "'S" of "ST. JOHN'S"
    for end in range(limit, span.end + 1, -1):
        longer = doc[span.start:end]
        if places.is_known_place(longer.text):
            return longer
    return span


def _with_its_particles(span: Span, places: PlaceLookup, max_words: int) -> Span:
    """ "Deir" of "Deir ez-Zor", "Jisr" of "Jisr ash-Shughur": the model parts a name at its
    Arabic article; the longest run on through particles and capitalised words that the
    gazetteer knows is the name."""
    doc = span.doc
    end = span.end
    limit = min(len(doc), span.end + max_words)
    best = span
    while end < limit and (doc[end].lower_ in _NAME_PARTICLES or doc[end].text[:1].isupper()):
        end += 1
        if doc[end - 1].text[:1].isupper() and end - span.end >= 2 and \
                places.is_known_place(doc[span.start:end].text):
            best = doc[span.start:end]
    return best


def _joined_by_and(doc: Doc, spans: list[Span], names: frozenset[str]) -> list[Span]:
    """Two places either side of "and" that are one name together ("Trinidad and Tobago",
    "Bosnia and Herzegovina") are that one place, not two."""
    joined: list[Span] = []
    for span in spans:
        if joined and span.start == joined[-1].end + 1 and doc[span.start - 1].lower_ == "and" \
                and doc[joined[-1].start:span.end].text in names:
            joined[-1] = doc[joined[-1].start:span.end]
        else:
            joined.append(span)
    return joined


# First words of place names the tokenizer parts from their full stop in capitals ("ST. LOUIS").
_NAME_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt"})
# Lowercase tokens a place name may contain: "Ras al Khaimah", "Sidi el Barrani", "Deir ez-Zor",
# "Dar es Salaam", "Jisr ash-Shughur", "Rio das Ostras". A run is a place only when the gazetteer
# knows it whole, so "Kabul as" never is one.
_NAME_PARTICLES = frozenset({"-", "de", "al", "el", "ez", "es", "ed", "ad", "az", "ash", "ar",
                             "as", "an", "at", "ul", "ur", "bin", "ibn", "da", "do", "dos", "das",
                             "del", "della", "la", "le", "du", "di", "van", "von", "der", "den"})


# A city this big is what its name means even when the model takes it for a person.
MAJOR_CITY_POPULATION = 200_000
# Endings that make a name a town's, whatever the model says ("Gainesville", "Harrisburg").
_TOWN_ENDINGS = ("ville", "burg", "burgh", "borough")


@lru_cache(maxsize=4)
def _major_place_names(places: PlaceLookup) -> frozenset[str]:
    return frozenset(places.place_names(min_population=MAJOR_CITY_POPULATION))


def _not_a_name_of_something_else(span: Span, places: PlaceLookup) -> bool:
    """ "Obama" and "Johnson" are also towns somewhere; tagged a person, such a name is a place
    only when it names a country, a province or a big city (the small model tags "Armenia" and
    "Kharkiv" PERSON), or ends like a town's name ("Gainesville")."""
    if not any(t.ent_type_ == "PERSON" for t in span) or span.text.endswith(_TOWN_ENDINGS):
        return True
    place = places.geocode(span.text)
    if place is not None and place.feature_class == "A":
        return True
    # "Vladimir" of "Vladimir Putin" is no city, however big Vladimir is.
    return not _part_of_a_longer_name(span) and span.text in _major_place_names(places)


def _part_of_a_longer_name(span: Span) -> bool:
    """The span is only part of the entity the model found around it."""
    doc = span.doc
    return span[0].ent_iob_ == "I" or (span.end < len(doc) and doc[span.end].ent_iob_ == "I")


def _names_a_country(entity: Span, places: PlaceLookup) -> bool:
    """An organisation's name that is a country's name: the model tags a state's official
    name ("the Democratic People's Republic of Korea") ORG."""
    if not places.is_known_place(entity.text):
        return False
    place = places.geocode(entity.text)
    return place is not None and place.feature_code == "PCLI"


def _after_preposition_of_place(doc: Doc, i: int) -> bool:
    """ "in Sotk", "from Kalbajar": a name the model took for a person, after a preposition that
    takes places."""
    return i >= 1 and doc[i - 1].lower_ in _LOCATIVE | _DIRECTIONAL


_PLACE_WORDS = frozenset({"village", "town", "city", "district", "region", "province",
                          "settlement", "villages", "towns", "districts", "regions", "state",
                          "township", "governorate", "oblast", "municipality", "prefecture"})


# Prepositions that take only places: "near Sotk", "outside Kharkiv" ("in" also takes years,
# bodies and languages, so it is no such cue).
_LOCATIVE = frozenset({"near", "outside", "around", "nearby"})
# These also take years, bodies and people, but not a name the model took for a person.
_DIRECTIONAL = frozenset({"in", "at", "from", "into", "to", "towards", "toward"})


def _after_place_word(texts: Sequence[str], tokens: Sequence[Token], i: int) -> bool:
    """ "the village of Sotk", "Aghdam district", "near Sotk": a small place named as such is
    safe. The place word is lowercase: in "Dublin City Council" or "Jefferson City Hall" it
    is part of a longer name, and "Council" or "Hall" are no places."""
    before = texts[i - 2] if i >= 2 and tokens[i - 1].lower_ == "of" else (
        texts[i - 1] if i >= 1 else "")
    after = texts[i + 1] if i + 1 < len(texts) else ""
    return before in _PLACE_WORDS or before in _LOCATIVE or after in _PLACE_WORDS


def _district_name(doc: Doc, i: int) -> bool:
    """ "in the Fuzuli district", "the town of Samarra": a proper noun named as a place is one,
    whatever nationality the model read in it ("the Armenian village" has an adjective)."""
    return doc[i].tag_ == "NNP" and (
        i + 1 < len(doc) and doc[i + 1].text in _PLACE_WORDS
        or i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_WORDS)


def _a_county(words: Sequence[str]) -> bool:
    """ "Laurel County", "Rapides Parish": named as a county, also inside an organisation's
    name ("the Laurel County School District")."""
    return len(words) > 1 and words[-1] in ("County", "Parish")


# Verbs of going somewhere: "travelled to Khankendi and met ...", "flew to Moscow to sign ...".
TRAVEL_VERBS = frozenset(
    """travel travels travelled traveled travelling traveling fly flies flew flying go goes
    went going arrive arrives arrived arriving come comes came coming head heads headed
    journeyed""".split())


def travelled_to_do(verb: Token) -> Token | None:
    """The verb of travel an act was done on: "travelled to X [and met] ...", "flew to X [to
    sign] ..."."""
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.lower_ in TRAVEL_VERBS and \
            verb.head.i < verb.i:
        return verb.head
    return None


def _in_event_clause(place: Span, trigger: Token) -> bool:
    anchors = {trigger, clause_head(trigger)}
    if (travel := travelled_to_do(clause_head(trigger))) is not None:
        # "travelled to Khankendi ... and met with ... there": met where they went.
        anchors.add(travel)
    verb = trigger if is_verb(trigger) else governing_verb(trigger)
    if verb is not None:
        anchors.add(verb)
    current = place.root
    for _ in range(12):
        if current in anchors:
            return True
        if current.head == current:
            return False
        current = current.head
    return False


# Events whose clause says what is promised, asked or threatened: "agreed [to meet in Tehran]".
_SAYING_WHAT_IS_TO_HAPPEN = frozenset({"AGREE", "REQUEST", "THREATEN"})


def _in_what_is_to_happen(place: Span, trigger: Token) -> bool:
    """ "The two ministers agreed to meet in Tehran early next year": the place is where the
    promised meeting is to be, in the promise's complement clause, not where it was agreed."""
    current = place.root
    while current != trigger and current.head != current:
        if current.dep_ in ("xcomp", "ccomp"):
            return True
        current = current.head
    return False


def _acts_in_another_clause(place: Span, trigger: Token) -> bool:
    """ "released 20 hostages after negotiations mediated [by Qatar]": a name that is the
    subject or the agent of another verb acts there; it is not where this event was."""
    root = place.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else \
        root.head if root.dep_ in ("nsubj", "nsubjpass") else None
    return verb is not None and verb.i != trigger.i and \
        verb.i != (governing_verb(trigger) or trigger).i


def _in_object(place: Span, trigger: Token) -> bool:
    """ "violate the sovereignty and territorial integrity of Azerbaijan", "praised the
    efforts of Kazakhstan": a place in what a statement is about (the object of its verb), or in
    what it was made for ("summoned the charge d'affaires [to protest the shelling of Adre]")."""
    verb = trigger if is_verb(trigger) else governing_verb(trigger)
    if verb is None:
        return False
    about = [c for c in verb.children if c.dep_ == "dobj" and c.i != trigger.i or
             c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children)]
    return any(place.root in set(part.subtree) for part in about)


def locate(event: Event, offset: int, trigger: Token, mentions: list[Span],
           places: PlaceLookup, country_hints: Sequence[str]) -> None:
    """Fill `event.locations` with geocoded places of the event's clause.

    Material conflict and visits are the exception for recipients: you attack a target or
    visit a host where it is, so "an offensive against our positions in the direction of
    Kalbajar" happened there."""
    # A visit happens at the place visited: "visited Baku" is hosted by the Azerbaijani
    # government and took place in Baku.
    located_by_target = event.quad_class == 4 or event.event_mode == "visit"
    party_spans = [(a.start, a.end) for a in
                   [*event.actors, *([] if located_by_target else event.recipients)]]
    role_spans = list(party_spans)
    if event.claimed_by is not None:
        role_spans.append((event.claimed_by.start, event.claimed_by.end))
    address_parts: set[int] = set()
    where_parties_are: list[Span] = []
    for number, mention in enumerate(mentions):
        qualifier = mentions[number + 1] if number + 1 < len(mentions) else None
        start = offset + mention.start_char
        end = offset + mention.end_char
        if mention.start in address_parts:
            continue
        if any(s <= start < e for s, e in role_spans):
            if any(s <= start < e for s, e in party_spans) and _placed_by(mention) and \
                    _in_event_clause(mention, trigger):
                where_parties_are.append(mention)
            continue
        if not _in_event_clause(mention, trigger):
            continue
        if _acts_in_another_clause(mention, trigger):
            event.explain.append(f"place '{mention.text}': a party to another act of the "
                                 "sentence, not a place")
            continue
        if event.quad_class in (1, 3) and event.event_mode != "visit" and \
                _in_object(mention, trigger):
            event.explain.append(f"place '{mention.text}': what is said is about it, not "
                                 "where it was said")
            continue
        if event.event_type in _SAYING_WHAT_IS_TO_HAPPEN and _in_what_is_to_happen(mention,
                                                                                   trigger):
            event.explain.append(f"place '{mention.text}': where what is promised, asked or "
                                 "threatened is to happen")
            continue
        place = _in_its_division(mention, qualifier, places, country_hints)
        if place is not None and qualifier is not None:
            address_parts.add(qualifier.start)
        else:
            place = places.geocode(mention.text, country_hints=country_hints)
        if place is None:
            event.explain.append(f"place '{mention.text}' not found in the gazetteer")
            continue
        place.text, place.start, place.end = mention.text, start, end
        event.locations.append(place)
        event.explain.append(
            f"place '{mention.text}' -> {place.name}, {place.country} "
            f"(geonameid {place.geonameid}; hints {','.join(country_hints) or 'none'})")
    if not event.locations:
        # "Palestinian police in Jericho confiscated weapons", "evacuated the wounded from the
        # town of Gorazde": with no place of its own, the event is where its parties are.
        for mention in where_parties_are:
            place = places.geocode(mention.text, country_hints=country_hints)
            if place is not None:
                place.text = mention.text
                place.start, place.end = offset + mention.start_char, offset + mention.end_char
                event.locations.append(place)
                event.explain.append(f"place '{mention.text}' -> {place.name}, {place.country}: "
                                     "where a party is, the event naming no place of its own")
    if any(not _is_country(p) for p in event.locations):
        # "a rally in Lyon in support of Azerbaijan's territorial integrity": beside a town or
        # district, a country named in the clause is what the event is about, not where.
        for place in [p for p in event.locations if _is_country(p)]:
            event.locations.remove(place)
            event.explain.append(f"place '{place.text}': a country beside a more precise place")


# Prepositions that place a party: "police in Jericho", "the wounded from Gorazde".
_PLACING = _LOCATIVE | {"in", "at", "from", "inside"}


def _placed_by(mention: Span) -> bool:
    """A place named in a party's phrase by a preposition of place ("police in Jericho", "from
    the besieged town of Gorazde")."""
    current = mention.root
    for _ in range(4):
        if current.head == current:
            return False
        current = current.head
        if current.lower_ == "of" and current.head.lower_ in _PLACE_WORDS:
            continue  # "the town of Gorazde": the preposition placing the town is further up
        if current.dep_ == "prep" or current.tag_ == "IN":
            return current.lower_ in _PLACING
    return False


def _in_its_division(mention: Span, qualifier: Span | None, places: PlaceLookup,
                     country_hints: Sequence[str]) -> Place | None:
    """ "Paris, Texas", "Athens, Ga.": a town followed by its state, province or country is
    the town of that name there; None where the place after the comma is no such division."""
    doc = mention.doc
    if qualifier is None or qualifier.start != mention.end + 1 or doc[mention.end].text != ",":
        return None
    town, division = places.geocode_many([mention.text, qualifier.text],
                                         country_hints=country_hints)
    if town is None or division is None or division.feature_class != "A" or (
            town.country != division.country):
        return None
    return town


def _is_country(place: Place) -> bool:
    return (place.feature_code or "").startswith("PCL")
