"""The coding pipeline: Article in, Events out.

    text      split sentences (rules), keep those with an event or casualty cue, parse them
    extract   triggers and roles -> casualties -> reported speech -> modality -> date -> place
              -> short references -> dates of same-party reactions -> meetings -> own accounts
              -> statements (ACCUSE by claimants) -> confidence
    resolve   actor codes and places come from the resolvers passed in (dictionary, gazetteer)

Each step after the parse is a plain function registered in `STEPS` under its name; a Pipeline
runs the names in `Settings.steps` order, so a step can be swapped or tested alone.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import islice
from multiprocessing.pool import AsyncResult

from spacy.tokens import Doc, Token

from eventwire.config import Settings
from eventwire.extract import casualties as casualty_rules
from eventwire.extract.claims import (
    SPEECH_VERBS,
    DocumentQuote,
    Quotation,
    accusations_of_acts,
    assert_own_accounts,
    attach_claims,
    carry_readouts,
    find_document_quotes,
    find_listings,
    find_quotations,
    find_said_at_end,
    statement_events,
)
from eventwire.extract.context import (
    ActorLookup,
    ArticleContext,
    ParsedSentence,
    ResolvedActorLike,
    count_own_people,
    offices_named_before,
    refer_back,
    subject_mentions,
)
from eventwire.extract.dates import TimeExpression, find_time_expressions
from eventwire.extract.dating import assign_date, count_back, date_like, usable
from eventwire.extract.events import extract_events, told_in_past_perfect, trigger_token
from eventwire.extract.lexicon import Lexicon, load_lexicon
from eventwire.extract.modality import classify, code_intent, mark_historical
from eventwire.extract.places import (
    ArticlePlaces,
    PlaceLookup,
    load_place_names,
    locate,
    place_mentions,
    safe_place_names,
)
from eventwire.ingest.metadata import find_dateline
from eventwire.memo import BoundedMemo
from eventwire.model import Article, Event, Place, Span
from eventwire.resolve.actors import ActorResolver, ResolvedActor
from eventwire.text.nlp import CASUALTY_CUES, CueFilter, load_nlp
from eventwire.text.segment import Sentence, split_sentences


@dataclass
class _Plan:
    """An article waiting for the parses of its cue sentences."""

    article: Article
    sentences: list[Sentence]
    chosen: list[Sentence]
    docs: list[Doc] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.docs) == len(self.chosen)


@dataclass
class SentenceEvents:
    parsed: ParsedSentence
    events: list[Event] = field(default_factory=list)


@dataclass
class Coding:
    """Everything the steps share while coding one article."""

    ctx: ArticleContext
    sentences: list[SentenceEvents]
    published: date | None
    expressions: list[TimeExpression]
    quotations: list[Quotation]
    places: PlaceLookup
    lexicon: Lexicon
    dateline_country: str | None = None  # "BAKU, Azerbaijan, Nov. 6." -> AZE
    claim_verbs: dict[str, Span] = field(default_factory=dict)
    documents: list[DocumentQuote] = field(default_factory=list)  # '"...," the note reads'
    extra: list[Event] = field(default_factory=list)

    def events(self) -> list[Event]:
        return [e for s in self.sentences for e in s.events] + self.extra


Step = Callable[[Coding], None]
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    def register(func: Step) -> Step:
        STEPS[name] = func
        return func

    return register


DEFAULT_STEPS = ("events", "casualties", "claims", "modality", "dates", "places", "references",
                 "reactions", "meetings", "accounts", "statements", "confidence")


@step("events")
def _events(coding: Coding) -> None:
    for item in coding.sentences:
        item.events = extract_events(coding.ctx, item.parsed, coding.lexicon)


_CASUALTY_TYPES = {"killed": ("ASSAULT",), "injured": ("ASSAULT",),
                   "arrested": ("COERCE", "ASSAULT")}


@step("casualties")
def _casualties(coding: Coding) -> None:
    """Counts go to the first violent event of the sentence that does not just say when (see
    `_time_anchor`), or else to the last one in the paragraph ("... launched an attack. 7
    servicemen became martyrs") or in the sentence before ("A firefight erupted.\n\nOne soldier
    was wounded": news paragraphs are often one sentence)."""
    last_violent: dict[int, Event] = {}
    # The violent event of the sentence just before, by that sentence's index.
    previous: dict[int, Event] = {}
    for item in coding.sentences:
        found = casualty_rules.find_casualties(item.parsed.text)
        paragraph = item.parsed.sentence.paragraph
        for kind in ("killed", "injured", "arrested"):
            count = getattr(found, kind)
            if count is None:
                continue
            violent = [e for e in item.events if e.event_type in _CASUALTY_TYPES[kind]]
            target = next((e for e in violent
                           if not _time_anchor(trigger_token(item.parsed, e))), None) or \
                next(iter(violent), None) or last_violent.get(paragraph) or \
                previous.get(item.parsed.sentence.index - 1)
            if target is None or getattr(target, kind) is not None:
                continue
            setattr(target, kind, count)
            target.explain.extend(ev for ev in found.evidence if ev.startswith(kind))
        for event in item.events:
            if event.event_type == "ASSAULT":
                last_violent[paragraph] = event
                previous[item.parsed.sentence.index] = event


# "two days after the ambush, the army launched an operation, killing six": an act named to
# say when another happened does not take that other's counts.
_ANCHORING = frozenset({"after", "before", "since", "following", "until"})


def _time_anchor(trigger: Token) -> bool:
    return trigger.dep_ == "pobj" and trigger.head.lower_ in _ANCHORING


@step("claims")
def _claims(coding: Coding) -> None:
    for item in coding.sentences:
        coding.claim_verbs.update(attach_claims(coding.ctx, item.parsed, item.events,
                                                coding.quotations, trigger_token))


@step("references")
def _references(coding: Coding) -> None:
    subjects = subject_mentions(coding.ctx, SPEECH_VERBS)
    parties = [a for e in coding.events() for a in [*e.actors, *e.recipients,
                                                    *([e.claimed_by] if e.claimed_by else [])]]
    offices = offices_named_before(coding.ctx, sorted([*subjects, *parties],
                                                      key=lambda a: a.start))
    refer_back(coding.events(), [*offices, *subjects], coding.dateline_country)
    count_own_people(coding.events())
    accusations_of_acts([(item.parsed, item.events) for item in coding.sentences],
                        coding.documents, coding.lexicon, trigger_token)


@step("reactions")
def _reactions(coding: Coding) -> None:
    """A demand, warning or accusation with no date of its own, made by the same party as an
    earlier dated one, continues it: "The ministry summoned the ambassador on November 17 and
    handed him a note of protest. ... The Azerbaijani side demanded ... and warned ..." are
    what was said on that occasion, not on the day of publication. So is what a document
    quoted says ('"Such trips grossly violate ...," the note reads'): it was written when the
    note named before it was handed over. (Runs after the references step, once "the
    ministry" is known to be the same party as "the Azerbaijani side".)"""
    dated: list[Event] = []
    for event in coding.events():
        if event.quad_class != 3 or event.modality not in ("actual", "negated"):
            continue
        if event.date_source == "text":
            dated.append(event)
            continue
        document = next((d.document for d in coding.documents
                         if d.start <= event.trigger.start < d.end), None)
        handed = next((e for e in reversed(dated)
                       if document and document in e.trigger.text.lower()), None)
        if handed is not None and event.date_source == "published":
            date_like(event, handed, f"the {document} quoted was that of '{handed.trigger.text}'")
            continue
        parties = {a.code for a in event.actors if a.country and a.sector}
        earlier = next((e for e in reversed(dated)
                        if parties & {a.code for a in e.actors}), None)
        if earlier is not None and event.date_source == "published":
            date_like(event, earlier, f"said by the same party as '{earlier.trigger.text}'")


# How parties consult (CAMEO 041 phone, 042/043 visit) carries over to what they then do in
# that consultation: "held a telephone conversation ... The ministers discussed ...".
_CONSULT_MEANS = ("phone", "visit")


# PLOVER (compound and reciprocal actors): in a meeting, call or negotiation "all of the entities
# are considered as the actor and no recipient is included"; a visit (042/043) and mediation
# (045) keep their sides.
_RECIPROCAL_CAMEO = frozenset({"040", "041", "044", "046"})


@step("meetings")
def _meetings(coding: Coding) -> None:
    """A CONSULT of no stated kind that follows, in the same or the next sentence, a phone call
    or visit between the same parties is part of it, and takes its kind. The parties to a
    reciprocal consultation are all its actors."""
    last: tuple[int, Event] | None = None
    for number, item in enumerate(coding.sentences):
        for event in item.events:
            if event.event_type != "CONSULT":
                continue
            _reciprocal(event)
            if event.event_mode in _CONSULT_MEANS:
                last = (number, event)
            elif event.event_mode is None and last is not None and number - last[0] <= 1 and \
                    _parties(event) and _parties(event) <= _parties(last[1]):
                event.event_mode, event.cameo = last[1].event_mode, last[1].cameo
                event.explain.append(f"kind: part of the {last[1].event_mode} "
                                     f"'{last[1].trigger.text}' between the same parties")


def _reciprocal(event: Event) -> None:
    if event.cameo in _RECIPROCAL_CAMEO and event.recipients:
        event.actors = [*event.actors, *event.recipients]
        event.recipients = []
        event.explain.append("reciprocal: all parties to the consultation are its actors "
                             "(PLOVER)")


def _parties(event: Event) -> set[str]:
    return {a.code for a in [*event.actors, *event.recipients] if a.country}


@step("accounts")
def _accounts(coding: Coding) -> None:
    """Who vouches for each event, once the parties are known: a meeting's report covers what
    was said there, and a party's report of its own act is asserted, not claimed."""
    events = coding.events()
    carry_readouts(events)
    assert_own_accounts(events)


@step("modality")
def _modality(coding: Coding) -> None:
    for item in coding.sentences:
        for event in item.events:
            trigger = trigger_token(item.parsed, event)
            modality, cue = classify(trigger)
            event.modality = modality  # type: ignore[assignment]
            if cue:
                event.explain.append(f"modality {modality}: {cue}")
            code_intent(event, trigger)


# "said on Sunday", "in a statement released on Monday": the day of the report, not of the act.
_REPORTING_VERBS = SPEECH_VERBS | {"released", "issued", "published", "posted"}
_SAID_ON = re.compile(r"\b(?:" + "|".join(sorted(_REPORTING_VERBS)) +
                      r")\s+(?:late\s+|early\s+)?(?:on\s+|in\s+|last\s+)?$", re.IGNORECASE)


@step("dates")
def _dates(coding: Coding) -> None:
    """A sentence without a date of its own continues the story of the last dated event
    sentence before it: news narrates one incident after the lead gives its date. Verbal
    conflict (accusations, demands, threats) is the exception: such reactions are reported on
    the day they are made, so they inherit only within their paragraph."""
    text = coding.ctx.article.text
    # "..., the Lyon prefecture said on Sunday": the day something was said dates the
    # statement (the statements step); what it reports only when nothing else dates it.
    # "said Wednesday's strike targeted ...": a possessive day names the act, not the saying.
    said_on = [e for e in coding.expressions
               if _SAID_ON.search(text, max(0, e.start - 30), e.start)
               and not text.startswith(("'s", "\u2019s"), e.end)]
    # "BAMAKO, March 9 - A drone strike near Bankass yesterday killed ...": a dateline gives the
    # day the story was filed, as a publication date does, not the day of what it tells.
    dateline = find_dateline(text)
    filed = [e for e in coding.expressions if dateline is not None
             and dateline.start <= e.start < dateline.start + len(dateline.text)]
    if coding.published is None:
        said_on += filed
    expressions = [e for e in coding.expressions if e not in said_on and e not in filed]
    last: tuple[int, TimeExpression] | None = None
    # The story's day before a flashback to a span that ended before it ("The town witnessed
    # bloody clashes last week"), which an act named as the one told ("No party has claimed
    # responsibility for the blast") goes back to.
    story: tuple[int, TimeExpression] | None = None
    for item in coding.sentences:
        sentence = item.parsed.sentence
        for event in item.events:
            inherited = last[1] if last else None
            if story and _named_as_told(event):
                inherited = story[1]
            if last and event.quad_class == 3 and last[0] != sentence.paragraph:
                inherited = None
            assign_date(event, expressions, coding.published, inherited, said_on)
            count_back(event)
            mark_historical(event, coding.published)
        own = [e for e in expressions
               if usable(e) and sentence.start <= e.start < sentence.end]
        # The story goes on with the day its events took, not with any later expression of
        # the sentence ("attacked Chai on 19 August, in the worst clash since June").
        dating = [e for e in own if any(event.date_text is not None
                                        and event.date_text.start == e.start
                                        for event in item.events)]
        # "the victim had received threats after he helped soldiers search houses last month":
        # a flashback in the past perfect leaves the story where it was.
        if own and item.events and not (dating and all(
                told_in_past_perfect(trigger_token(item.parsed, event)) for event in item.events
                if event.date_text is not None and event.date_text.start in
                {e.start for e in dating})):
            newest = (dating or own)[-1]
            story = (story or last) if _flashback(newest, last) else None
            last = (sentence.paragraph, newest)


def _flashback(expr: TimeExpression, last: tuple[int, TimeExpression] | None) -> bool:
    """A span that ended before the story's day ("Three SDF members were wounded today ... The
    town witnessed bloody clashes last week")."""
    if last is None or last[1].start_date is None or expr.start_date is None:
        return False
    end = expr.end_date or expr.start_date
    return end != expr.start_date and end < last[1].start_date


def _named_as_told(event: Event) -> bool:
    """The act is named by a definite noun ("responsibility for the blast"): one already told."""
    at = event.trigger.start - event.sentence_start
    return (event.sentence[at:at + len(event.trigger.text)] == event.trigger.text
            and _THE_BEFORE.search(event.sentence, 0, at) is not None)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


@step("places")
def _places(coding: Coding) -> None:
    """Places of the event's clause, the article's place names read together.

    A material event with none that continues the story of an earlier sentence (it took that
    sentence's date) took place where that story did: "Azerbaijani units returned fire" after
    "an offensive ... in the direction of Kalbajar"."""
    hints = _article_countries(coding.events())
    filed = _dateline_span(coding.ctx.article.text)
    mentions = {id(item): [m for m in place_mentions(item.parsed.doc, coding.places)
                           if not _names_something_else(m.text, coding)
                           and not filed[0] <= item.parsed.offset + m.start_char < filed[1]]
                for item in coding.sentences if item.events}
    places = ArticlePlaces(coding.places, [m.text for found in mentions.values() for m in found],
                           hints)
    located: dict[int, Event] = {}  # the first located event of each dated sentence
    filed_from = (_dateline_place(coding, hints) if _THIS_TOWN.search(coding.ctx.article.text)
                  else None)
    for item in coding.sentences:
        if not item.events:
            continue
        sentence = item.parsed.sentence
        for event in item.events:
            locate(event, item.parsed.offset, trigger_token(item.parsed, event),
                   mentions[id(item)], places, hints)
            if filed_from is not None and _THIS_TOWN.search(event.sentence) and not any(
                    (p.feature_code or "").startswith("PPL") for p in event.locations):
                event.locations.append(dataclasses.replace(filed_from))
                event.explain.append(f"place: 'this town' is the dateline's {filed_from.name}")
            dated_by = event.date_text.start if event.date_text else None
            if event.locations and dated_by is not None:
                located.setdefault(dated_by, event)
            elif not event.locations and event.quad_class in (2, 4) and \
                    dated_by is not None and not sentence.start <= dated_by < sentence.end and \
                    (story := located.get(dated_by)) is not None:
                event.locations = [dataclasses.replace(p) for p in story.locations]
                event.explain.append(f"place: where the story of '{story.trigger.text}' "
                                     f"(dated by the same '{event.date_text.text}') took place")


def _names_something_else(text: str, coding: Coding) -> bool:
    """A place name that here names no place an event can be in: a group's name that a town
    shares ("until Hamas was defeated": Hamm, Germany, has "Hamas" among its names; the
    Taliban, a Turkish town), or a region of the world that the gazetteer knows only as a town
    ("the Middle East", a neighbourhood of Baltimore). A province named like a region (Sahel,
    Burkina Faso) stays."""
    actors = coding.ctx.actors
    if actors.names_organisation(text):
        return True
    if not actors.names_region(text):
        return False
    place = coding.places.geocode(text)
    return place is not None and place.feature_class == "P"


# "LIMA — Suspected Shining Path rebels ambushed an army patrol in Peru's central jungle": a
# city in capitals and a dash opening the story, with no date.
_UNDATED_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z'\u2019.-]+(?:[ -][A-Z][A-Z'\u2019.-]+)*"
                               r"(?:,[ \t]*[A-Z][\w'\u2019 .-]+)?[ \t]+[\u2014\u2013-]{1,2}[ \t]")


def _dateline_span(text: str) -> tuple[int, int]:
    """Where the article's dateline lies ((0, 0) when it has none). The city a story was filed
    from is no place of what it tells: "LIMA — Suspected Shining Path rebels ambushed an army
    patrol in Peru's central jungle" happened hundreds of kilometres from Lima."""
    dateline = find_dateline(text)
    if dateline is not None:
        return dateline.start, dateline.start + len(dateline.text)
    m = _UNDATED_DATELINE.match(text)
    return (m.start(), m.end()) if m else (0, 0)


# "in a drone attack near this town", under the dateline "SUAREZ, Colombia, May 17 -".
_THIS_TOWN = re.compile(r"\b[Tt]his (?:town|city|village)\b")


def _dateline_place(coding: Coding, hints: list[str]) -> Place | None:
    """The town a dateline names, which "this town" in its story points to."""
    dateline = find_dateline(coding.ctx.article.text)
    if dateline is None:
        return None
    name = dateline.place.split(",")[0].strip()
    place = coding.places.geocode(name.title(), country_hints=hints)
    if place is None or not (place.feature_code or "").startswith("PPL"):
        return None
    return dataclasses.replace(place, text=name, start=dateline.start,
                               end=dateline.start + len(name))


@step("statements")
def _statements(coding: Coding) -> None:
    """Statements are dated by a time expression right after the speech verb ("said on
    Sunday"), else by publication: the day something was said is not the day it happened."""
    coding.extra = statement_events(coding.events(), coding.claim_verbs, coding.ctx.article.text,
                                    coding.ctx.sentences)
    for event in coding.extra:
        said_on = [e for e in coding.expressions
                   if usable(e) and event.trigger.end <= e.start <= event.trigger.end + 4]
        assign_date(event, said_on, coding.published)


@step("confidence")
def _confidence(coding: Coding) -> None:
    """A transparent score: how much of the record the text actually supported."""
    for event in coding.events():
        score = 0.35
        if any(a.country for a in event.actors):
            score += 0.25
        if any(r.country for r in event.recipients) or event.killed or event.injured:
            score += 0.15
        if event.date_source == "text":
            score += 0.1
        if event.locations:
            score += 0.1
        event.confidence = round(min(score, 0.95), 2)


RESOLVED_MENTIONS_KEPT = 100_000

_PLACE_PHRASE = re.compile(
    r"(?:\b(?:village|town|city|district|region|province|settlement)\s+of\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s*$")


@dataclass
class ActorsOrPlaces:
    """Actor knowledge first; a phrase that names a known place ("the village of Sotk",
    "Khankendi") stands for that place's country, as PLOVER codes places acting as actors."""

    actors: ActorLookup
    places: PlaceLookup
    # The same mentions recur across a corpus ("the ministry", "Azerbaijan": half of the calls
    # on real news, four in five on the benchmark's), and the answers are immutable.
    _known: BoundedMemo[tuple[str, str | None, str | None], ResolvedActorLike | None] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._known = BoundedMemo(self._resolve, RESOLVED_MENTIONS_KEPT)

    def resolve(self, text: str, *, default_country: str | None = None,
                date: str | None = None) -> ResolvedActorLike | None:
        return self._known((text, default_country, date))

    def names_organisation(self, text: str) -> bool:
        return self.actors.names_organisation(text)

    def names_region(self, text: str) -> bool:
        return self.actors.names_region(text)

    def preload(self) -> None:
        _preload(self.actors)

    def _resolve(self, key: tuple[str, str | None, str | None]) -> ResolvedActorLike | None:
        text, default_country, date = key
        found = self.actors.resolve(text, default_country=default_country, date=date)
        if found is not None and found.sector and not found.country and not found.name:
            return self._placed(found, text)
        if found is not None:
            return found
        match = _PLACE_PHRASE.search(text)
        if match is None:
            return None
        name = match.group(1)
        named_as_place = match.group(0) != name
        if not (name in safe_place_names(self.places) or
                (named_as_place and self.places.is_known_place(name))):
            return None
        place = self.places.geocode(name)
        if place is None or not place.country:
            return None
        return ResolvedActor(country=place.country, sector=None,
                             matched=f"place '{name}' -> {place.name}, {place.country}")


    def _placed(self, found: ResolvedActorLike, text: str) -> ResolvedActorLike:
        """ "the Lyon prefecture", "Kalbajar district police": the place in the phrase gives
        the country the sector's dictionary entry left open."""
        names = safe_place_names(self.places)
        for match in _CAPITALISED.finditer(text):
            if match.group(0) not in names or self._country_word(match.group(0)):
                continue
            place = self.places.geocode(match.group(0))
            if place is not None and place.country:
                return ResolvedActor(country=place.country, sector=found.sector,
                                     title=found.title,
                                     matched=f"{found.matched}; country from place "
                                             f"'{match.group(0)}' -> {place.country}")
        return found

    def _country_word(self, name: str) -> bool:
        """ "a guerrilla stronghold on the Thai border": a country's name or nationality word
        the actor dictionary read in the mention and left uncoded (a border, a stance) does
        not place it."""
        alone = self.actors.resolve(name)
        return alone is not None and (alone.matched or "").startswith("head country")


# Not after a hyphen: "anti-Syria" says what someone thinks, not where they are.
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


# Sentences per spaCy batch: large enough to keep the parser's matrices busy, small enough that
# an article is coded soon after it is read.
PARSE_BATCH_SENTENCES = 256
# Articles per task sent to a worker process, and tasks queued per worker: enough to keep each
# busy while this process stores the results, few enough to bound what is held in memory.
WORKER_CHUNK_ARTICLES = 8
WORKER_CHUNKS_IN_FLIGHT = 3
# The cached properties a worker needs loaded before it forks.
_LOADED_RESOURCES = ("nlp", "lexicon", "actors", "places", "cue_filter")


class Pipeline:
    """Codes articles into events. Resources load on first use and are reused."""

    def __init__(self, settings: Settings | None = None, *, actors: ActorLookup | None = None,
                 places: PlaceLookup | None = None, lexicon: Lexicon | None = None,
                 steps: Iterable[str] = DEFAULT_STEPS) -> None:
        self.settings = settings or Settings()
        self._actors = actors
        self._places = places
        self._lexicon = lexicon
        self.steps = [STEPS[name] for name in steps]

    @cached_property
    def nlp(self):  # noqa: ANN201 - spaCy Language
        return load_nlp()

    @cached_property
    def lexicon(self) -> Lexicon:
        return self._lexicon or load_lexicon()

    @cached_property
    def actors(self) -> ActorLookup:
        if self._actors is not None:
            return self._actors
        return ActorsOrPlaces(ActorResolver.load(self.settings.actor_files), self.places)

    @cached_property
    def places(self) -> PlaceLookup:
        if self._places is not None:
            return self._places
        from eventwire.resolve.geo import Gazetteer
        return Gazetteer.load()

    @cached_property
    def cue_filter(self) -> CueFilter:
        return CueFilter([*self.lexicon.cues(), (CASUALTY_CUES, ())])

    def process(self, article: Article) -> list[Event]:
        return next(self.process_many([article]))[1]

    def extract(self, text: str, *, published: str | date | None = None,
                title: str | None = None) -> list[Event]:
        """Code one text; `published` anchors relative dates ("on Tuesday")."""
        if isinstance(published, date):
            published = published.isoformat()
        article = Article(text=text, title=title, published=published,
                          published_source="given" if published else "none")
        return self.process(article)

    def process_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles as a stream, in input order, parsing only the sentences that carry a cue.

        With `Settings.processes` above one, whole articles are coded in that many worker
        processes (parse and rules both: the rules cost about as much as the parse, so parsing
        alone in workers would leave them waiting on this process)."""
        if self.settings.processes > 1:
            return self._process_in_workers(articles)
        return self._process_here(articles)

    def _process_here(self, articles: Iterable[Article]
                      ) -> Iterator[tuple[Article, list[Event]]]:
        """All cue sentences go through one `nlp.pipe`; each article is coded as soon as its
        last sentence is parsed."""
        pending: deque[_Plan] = deque()

        def cue_sentences() -> Iterator[str]:
            for article in articles:
                sentences = split_sentences(article.text)
                chosen = [s for s in sentences if self.cue_filter(article.text[s.start:s.end])]
                pending.append(_Plan(article, sentences, chosen))
                yield from (article.text[s.start:s.end] for s in chosen)

        for doc in self.nlp.pipe(cue_sentences(), batch_size=PARSE_BATCH_SENTENCES):
            while pending[0].complete:
                yield self._code_plan(pending.popleft())
            pending[0].docs.append(doc)
        while pending:
            yield self._code_plan(pending.popleft())

    def _process_in_workers(self, articles: Iterable[Article]
                            ) -> Iterator[tuple[Article, list[Event]]]:
        """Chunks of articles go to a process pool; at most a few chunks per worker are in
        flight, so a large input is never read ahead into memory."""
        processes = self.settings.processes
        self._load_resources()
        # Forked workers inherit the loaded models; elsewhere (spawn) each loads its own.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        in_flight: deque[AsyncResult] = deque()
        with context.Pool(processes, initializer=_start_worker, initargs=(self,)) as pool:
            for chunk in _chunks(articles, WORKER_CHUNK_ARTICLES):
                in_flight.append(pool.apply_async(_code_chunk, (chunk,)))
                if len(in_flight) >= processes * WORKER_CHUNKS_IN_FLIGHT:
                    yield from in_flight.popleft().get()
            while in_flight:
                yield from in_flight.popleft().get()

    def _load_resources(self) -> None:
        """Load the models and read now every table otherwise read on first use, so that worker
        processes forked afterwards share them (each read its own: a second of CPU apiece)."""
        for name in _LOADED_RESOURCES:
            getattr(self, name)
        load_place_names(self.places)
        _preload(self.actors)
        _preload(self.places)

    def __getstate__(self) -> dict[str, object]:
        # Loaded models are not sent to a spawned worker: it loads its own on first use.
        return {k: v for k, v in self.__dict__.items() if k not in _LOADED_RESOURCES}

    def _code_plan(self, plan: _Plan) -> tuple[Article, list[Event]]:
        parsed = [ParsedSentence(s, doc) for s, doc in zip(plan.chosen, plan.docs, strict=True)]
        return plan.article, self._code_article(plan.article, plan.sentences, parsed)

    def _dateline_country(self, article: Article) -> str | None:
        dateline = find_dateline(article.text)
        if dateline is None:
            return None
        place = self.places.geocode(dateline.place.split(",")[0].strip().title())
        return place.country if place is not None else None

    def _code_article(self, article: Article, sentences, parsed: list[ParsedSentence]
                      ) -> list[Event]:
        published = _published_date(article)
        ctx = ArticleContext(article=article, sentences=sentences, parsed=parsed,
                             actors=self.actors)
        coding = Coding(
            ctx=ctx, sentences=[SentenceEvents(p) for p in parsed], published=published,
            expressions=find_time_expressions(article.text, published),
            quotations=[*find_quotations(article.text), *find_listings(article.text, sentences),
                        *find_said_at_end(article.text, sentences)],
            places=self.places, dateline_country=self._dateline_country(article),
            lexicon=self.lexicon, documents=find_document_quotes(article.text))
        for run in self.steps:
            run(coding)
        events = coding.events()
        events.sort(key=lambda e: (e.sentence_start, e.trigger.start))
        return events


def _preload(lookup: object) -> None:
    """Read ahead what `lookup` reads on first use; a lookup a caller passed in may have
    nothing to read ahead."""
    preload = getattr(lookup, "preload", None)
    if preload is not None:
        preload()


def _article_countries(events: list[Event]) -> list[str]:
    """Countries of the article's actors, most mentioned first: hints for ambiguous places."""
    counts: dict[str, int] = {}
    for event in events:
        for actor in [*event.actors, *event.recipients,
                      *([event.claimed_by] if event.claimed_by else [])]:
            if actor.country and len(actor.country) == 3 and actor.country.isalpha() and \
                    actor.country not in ("IGO", "NGO"):
                counts[actor.country] = counts.get(actor.country, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


_worker_pipeline: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _code_chunk(articles: list[Article]) -> list[tuple[Article, list[Event]]]:
    assert _worker_pipeline is not None, "the pool initializer sets the worker's pipeline"
    return list(_worker_pipeline._process_here(articles))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
