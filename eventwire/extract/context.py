"""What the extractors share about one article while it is being coded."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from spacy.tokens import Doc

from eventwire.extract.casualties import parse_number
from eventwire.extract.syntax import ISSUED_TEXTS, contiguous, phrase_tokens
from eventwire.model import Actor, Article, Event
from eventwire.text.segment import Sentence


class ResolvedActorLike(Protocol):
    country: str | None
    sector: str | None
    name: str | None
    title: str | None
    matched: str


class ActorLookup(Protocol):
    def resolve(self, text: str, *, default_country: str | None = None,
                date: str | None = None) -> ResolvedActorLike | None: ...

    def names_organisation(self, text: str) -> bool: ...

    def names_region(self, text: str) -> bool: ...


@dataclass
class ParsedSentence:
    sentence: Sentence
    doc: Doc  # parse of the sentence text alone; add `offset` for article offsets

    @property
    def offset(self) -> int:
        return self.sentence.start

    @cached_property
    def text(self) -> str:
        """The sentence text; spaCy rebuilds `Doc.text` from the tokens on every access."""
        return self.doc.text


@dataclass
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    parsed: list[ParsedSentence]
    actors: ActorLookup
    # Events of the sentences coded so far, in reading order: what "the attack" points back to.
    told: list[Event] = field(default_factory=list)

    def make_actor(self, text: str, start: int, end: int,
                   default_country: str | None = None) -> Actor:
        # Dated dictionary entries ("leader of X until 2019") are chosen for the article's date.
        resolved = self.actors.resolve(text, default_country=default_country,
                                       date=(self.article.published or "")[:10] or None)
        if resolved is None:
            return Actor(text=text, start=start, end=end)
        return Actor(text=text, start=start, end=end, country=resolved.country,
                     sector=resolved.sector, name=resolved.name, title=resolved.title,
                     matched=resolved.matched)


def subject_mentions(ctx: ArticleContext, speech_verbs: frozenset[str]) -> list[Actor]:
    """Parties named in full, and people, as the subject of a parsed sentence, event or not ("The
    Ministry of Foreign Affairs of Azerbaijan has issued a statement", "Rauf Samadov told
    journalists"): what later short forms and pronouns point to."""
    found = []
    for parsed in ctx.parsed:
        for token in parsed.doc:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.tag_ == "PRP":
                continue
            start, end = contiguous(phrase_tokens(token))
            actor = ctx.make_actor(parsed.text[start:end], parsed.offset + start,
                                   parsed.offset + end)
            # "Samadov said": the small model often tags a surname ORG; a proper name nobody
            # knows that speaks is taken for a person.
            if not (actor.name or actor.title or actor.country) and (
                    token.ent_type_ == "PERSON" or
                    (token.tag_ in ("NNP", "NNPS") and token.head.lower_ in speech_verbs)):
                actor.name = actor.text
                actor.matched = "a person: a proper name that speaks, or tagged PERSON"
            if (actor.country and actor.sector) or actor.name or actor.title:
                found.append(actor)
    return found


# Where the words that introduce a person begin: after a comma, a quote mark or a bracket.
_CLAUSE_BREAK = re.compile(r"[,;:\"“”()\[\]]")


def offices_named_before(ctx: ArticleContext, mentions: Iterable[Actor]) -> list[Actor]:
    """ "..., head of the foreign policy department of the Presidential Administration Rauf
    Samadov told journalists" ... "Samadov said": news gives a person's office once, with the
    full name, often in a lead no event cue had parsed, then uses the surname alone. For each
    person named by one word whom nothing codes, the first earlier mention of that word after
    capitalised forenames, read back to the last comma, quote mark or bracket, is a party of
    its own when it names an office, so that later short forms and pronouns take its codes."""
    text = ctx.article.text
    found: list[Actor] = []
    seen: set[str] = set()
    for mention in mentions:
        surname = mention.text
        if mention.country or mention.sector or not mention.name or surname in seen or \
                not re.fullmatch(r"[A-Z][\w'’-]+", surname):
            continue
        seen.add(surname)
        # Forenames on the same line: a capitalised word ending the line before is no forename.
        full = re.search(rf"(?<![\w-])(?:[A-Z][\w'’-]+ +)+{re.escape(surname)}(?![\w-])",
                         text[:mention.start])
        if full is None:
            continue
        sentence = next((s for s in ctx.sentences if s.start <= full.start() < s.end), None)
        if sentence is None:
            continue
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, full.start())]
        start = breaks[-1] if breaks else sentence.start
        phrase = text[start:full.end()]
        start += len(phrase) - len(phrase.lstrip())
        actor = ctx.make_actor(phrase.lstrip(), start, full.end())
        if actor.title and actor.sector:
            actor.matched = f"{actor.matched}; the office of '{surname}', named in full"
            found.append(actor)
    return found


def _own_act_reported(speaker: Actor, used_by: list[Event]) -> Actor | None:
    """ "Israeli jets struck Hezbollah positions, the army said": a body named by its sector
    alone that reports what a party of its own sector did speaks for that party's side (an
    army announces its strikes), not for the side named last before it."""
    for event in used_by:
        if event.claimed_by is not speaker:
            continue
        doer = next((a for a in event.actors if a.country and a.sector == speaker.sector), None)
        if doer is not None:
            return doer
    return None


def refer_back(events: list[Event], named_elsewhere: Iterable[Actor] = (),
               dateline_country: str | None = None) -> None:
    """Short references take the codes of the party they point back to, in reading order (news
    names a party in full once, then shortens it):

    - a repeated name: "Amir-Abdollahian" after "Foreign Minister of Iran Hossein
      Amir-Abdollahian";
    - both parties: "the two ministers" after a call between Armenia's and Iran's ministers;
    - a body named by its sector alone: "the ministry" is the last body named in full that
      shares its head word ("the Ministry of Foreign Affairs in Baku"); failing that, the last
      body (not a person) of the same sector, or, for a domestic body, the country it acts in
      (its event's place, else the dateline's: "BAKU, Azerbaijan, Nov. 6. ... the
      Presidential Administration"); unnamed gunmen, militants, militias and civilians count
      as domestic ("gunmen killed five villagers in Kandahar" are AFG UAF and AFG CVL);
    - a personal pronoun: the person last named before it ("He stressed ...").
    Whatever stays unresolved of a pronoun is dropped: "he" alone names no party.
    """
    mentions: dict[int, tuple[Actor, list[Event]]] = {}
    for event in events:
        for actor in [*event.actors, *event.recipients,
                      *([event.claimed_by] if event.claimed_by else [])]:
            mentions.setdefault(id(actor), (actor, []))[1].append(event)
    named: list[Actor] = []
    by_start = {a.start: a for a, _ in mentions.values()}
    others = []
    for actor in named_elsewhere:
        mention = by_start.get(actor.start)
        if mention is None:
            others.append((actor, []))
        elif actor.name and not (mention.name or mention.title or mention.country):
            # "Samadov said": the speaker of a claim is the person the subject was taken for.
            mention.name, mention.matched = actor.name, actor.matched
    people: list[Actor] = []
    # A subject pronoun ("He stressed") continues the last person who acted or spoke, not the
    # one acted upon ("met the envoy").
    received = {id(a) for e in events for a in e.recipients}
    # Which sentence each event mention sits in: a subject pronoun continues a sentence's
    # subject, not a party its relative clause names.
    sentence_of = {id(a): e.sentence_start for e in events
                   for a in [*e.actors, *e.recipients, *([e.claimed_by] if e.claimed_by else [])]}
    for actor, used_by in sorted([*mentions.values(), *others], key=lambda m: m[0].start):
        if actor.text.lower() in _PRONOUNS:
            _resolve_pronoun(actor, people, received, used_by, sentence_of)
            continue
        if actor.text.lower().split()[-1] in ISSUED_TEXTS and not actor.code:
            _resolve_issuer(actor, named, received, used_by)
            continue
        if _unnamed_detainees(actor, used_by):
            for event in used_by:
                event.recipients = [r for r in event.recipients if r is not actor]
                event.explain.append(f"'{actor.text}': people detained, counted but not "
                                     "identified, name no party")
            continue
        if actor.name or actor.title:
            people.append(actor)
        if actor.country:
            named.append(actor)
            continue
        if (attacker := _attacker_named_before(actor, events)) is not None:
            actor.country, actor.sector = attacker.country, attacker.sector
            actor.matched = f"{actor.matched or ''}; the attackers: '{attacker.text}', who " \
                            f"did the attack told before -> {attacker.code}".lstrip("; ")
        elif (owner := _possessor(actor, named)) is not None:
            actor.country = owner.country
            actor.matched = f"{actor.matched or ''}; country {owner.country} of " \
                            f"'{owner.text}', whom '{actor.text.split()[0]}' points back to" \
                            .lstrip("; ")
        elif (same := _same_name(actor, named)) is not None:
            actor.country = same.country
            actor.sector = actor.sector or same.sector
            actor.matched = f"{actor.matched or ''}; the name '{actor.text}' was given in " \
                            f"full as '{same.text}' -> {same.code}".lstrip("; ")
        elif actor.name and (actor.title or actor.sector) and \
                (home := _counterpart_country(actor, used_by)) is not None:
            # "President Bouteflika threatened a curfew in Algiers": an office holder nobody
            # placed, facing one state's own bodies or people, holds office in that state; so
            # does a named group of a domestic sector ("the rebel group, Forces for Defence of
            # Democracy, demanded that Burundi's government ...").
            actor.country = home
            actor.matched = f"{actor.matched}; country {home}: an office holder or named " \
                            "group facing this state's own"
        elif actor.title and (office := _office_named_beside(actor, named, sentence_of)):
            actor.country = office.country
            actor.matched = f"{actor.matched}; country {office.country} of '{office.text}', " \
                            "the office its title names, named earlier in the sentence"
        elif not actor.sector or actor.name:
            continue
        elif _plural_reference(actor) and len(pair := _pair(actor, named)) == 2:
            _split(actor, pair, used_by)
            continue
        elif (doer := _own_act_reported(actor, used_by)) is not None:
            actor.country = doer.country
            actor.matched = f"{actor.matched}; country {actor.country} of '{doer.text}', " \
                            "whose act it reports"
        elif (rally := _protest_before(actor, used_by, events)) is not None:
            actor.country = rally.country
            actor.matched = f"{actor.matched}; country {actor.country} of '{rally.text}', " \
                            "who protested before"
        elif (antecedent := _antecedent(actor, named)) is not None:
            actor.country = antecedent.country
            actor.matched = f"{actor.matched}; country {actor.country} from " \
                            f"'{antecedent.text}', named before it"
        elif (home := _home_country(actor, used_by, dateline_country)) is not None:
            actor.country = home
            actor.matched = f"{actor.matched}; country {home}: a domestic body acting at home"
        elif (home := _counterpart_country(actor, used_by)) is not None:
            actor.country = home
            actor.matched = f"{actor.matched}; country {home}: a domestic party facing its " \
                            "own state"
        else:
            continue
        named.append(actor)
        for event in used_by:
            event.explain.append(f"'{actor.text}' -> {actor.code} ({actor.matched})")


# Nouns for people that say nothing of who they are, and words that only count them ("more
# than", "dozens of"); the parse may hang why, when or where on them ("six people over the
# violence"), while "of" and "from" may say who they are ("six of the attackers").
_ANYONE = frozenset({"people", "person", "persons", "individual", "individuals", "man", "men",
                     "woman", "women"})
_COUNTING = frozenset({"about", "around", "some", "at", "least", "more", "than", "over", "nearly",
                       "almost", "up", "to", "another", "several", "many", "few", "a", "an",
                       "dozen", "dozens", "scores", "hundreds", "thousands", "number", "of"})
_CIRCUMSTANCE = frozenset({"over", "after", "for", "in", "at", "during", "near", "on",
                           "following", "under", "amid", "before", "since"})


def _unnamed_detainees(actor: Actor, used_by: list[Event]) -> bool:
    """ "Police detained six people over the violence": those arrested, told only by their
    number, are no identified party; an arrest after a clash may take either side, or
    bystanders, so neither the last civilians named nor the place gives them a country (the
    people a violent act harms are its victims, and keep theirs). "six Azerbaijanis", "six
    protesters", "six of the attackers" say who they are and stay."""
    if not used_by or actor.country or actor.name or not all(
            e.event_mode == "arrest" and any(r is actor for r in e.recipients) for e in used_by):
        return False
    words = actor.text.lower().split()
    noun = next((i for i, w in enumerate(words) if w in _ANYONE), None)
    if not noun or len(words) > noun + 1 and words[noun + 1] not in _CIRCUMSTANCE:
        return False
    return all(w in _COUNTING or parse_number(w) is not None for w in words[:noun])


# Bodies of a state whose casualty figures are counts of its own people.
_STATE_BODIES = frozenset({"GOV", "MIL", "COP"})


def count_own_people(events: list[Event]) -> None:
    """ "Since November 2020, 33 people have been killed in landmine explosions, the ministry
    said": people harmed whom the account gives neither a nationality nor a place are, in a
    state body's own account, that state's people; a government reporting another state's
    losses names whose they are or where they fell. Runs after `refer_back`, once the speaker
    named after the harm ("..., the ministry said") is known."""
    for event in events:
        speaker = event.claimed_by
        if event.event_type != "ASSAULT" or event.locations or speaker is None or \
                not speaker.country or speaker.country in _NOT_STATES or \
                speaker.sector not in _STATE_BODIES:
            continue
        for victim in event.recipients:
            if victim.sector == "CVL" and not victim.country and not victim.name:
                victim.country = speaker.country
                victim.matched = f"{victim.matched}; country {speaker.country}: people harmed " \
                                 f"in the account of '{speaker.text}', its state's own"
                event.explain.append(f"'{victim.text}' -> {victim.code} ({victim.matched})")


_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Possessive determiners and whether they point to a person (None: either, "their officials").
_POSSESSIVES = {"his": True, "her": True, "its": False, "their": None}
_PROTESTERS = ("demonstrator", "protester", "protestor", "marcher", "participant")


def _protest_before(actor: Actor, used_by: list[Event], events: list[Event]) -> Actor | None:
    """ "attacked [the demonstrators]", "[300 people] had gathered for the rally": people
    named by their protest, or protesting, are those who protested before (the rally's
    actors), not the last civilians named."""
    if actor.sector != "CVL":
        return None
    protesting = any(e.event_type == "PROTEST" and any(a is actor for a in e.actors)
                     for e in used_by)
    if not protesting and not any(w in actor.text.lower() for w in _PROTESTERS):
        return None
    earlier = [a for e in events if e.event_type == "PROTEST" and e.trigger.start < actor.start
               for a in e.actors if a.country and a is not actor]
    return earlier[-1] if earlier else None


def _resolve_pronoun(pronoun: Actor, people: list[Actor], received: set[int],
                     used_by: list[Event], sentence_of: dict[int, int]) -> None:
    """ "He stressed ...": the person last named before it, or no party at all; a subject
    pronoun prefers the last person who acted or spoke over the one acted upon, and of those
    in one sentence the first ("Samadov said he had met the envoy, who visited Baku. He also
    called on Yerevan": Samadov)."""
    subject = pronoun.text.lower() in ("he", "she")
    # "Khalafov handed him a note": an object pronoun is never its own clause's subject.
    same_clause = {id(a) for e in used_by for a in e.actors}
    candidates = [p for p in people if id(p) not in same_clause]
    person = next((p for p in reversed(candidates) if not (subject and id(p) in received)),
                  candidates[-1] if candidates else None)
    if subject and person is not None and id(person) in sentence_of:
        sentence = sentence_of[id(person)]
        person = next((p for p in candidates if sentence_of.get(id(p)) == sentence
                       and id(p) not in received), person)
    if person is not None:
        pronoun.country, pronoun.sector = person.country, person.sector
        pronoun.name, pronoun.title = person.name, person.title
        pronoun.matched = f"pronoun for '{person.text}', the person named last before it"
    for event in used_by:
        if person is not None:
            event.explain.append(f"'{pronoun.text}' -> {pronoun.code or 'uncoded'} "
                                 f"({pronoun.matched})")
            continue
        event.explain.append(f"'{pronoun.text}': no person named before it")
        for role in (event.actors, event.recipients):
            if pronoun in role:
                role.remove(pronoun)
        if event.claimed_by is pronoun:
            event.claimed_by, event.attribution = None, "asserted"


def _resolve_issuer(text: Actor, named: list[Actor], received: set[int],
                    used_by: list[Event]) -> None:
    """ "The ministry has issued a statement. ... The statement accuses Armenia": the party
    that last acted or spoke before it, or no party at all."""
    issuer = next((a for a in reversed(named) if id(a) not in received and a.code), None)
    for event in used_by:
        if issuer is None:
            event.explain.append(f"'{text.text}': no one named before it issued it")
            for role in (event.actors, event.recipients):
                if text in role:
                    role.remove(text)
            continue
        text.country, text.sector = issuer.country, issuer.sector
        text.matched = f"issued by '{issuer.text}', who acted or spoke last before it"
        event.explain.append(f"'{text.text}' -> {text.code} ({text.matched})")


_BOTH = re.compile(r"\b(?:two|both)\b", re.IGNORECASE)


def _plural_reference(actor: Actor) -> bool:
    """ "the two sides", "both governments", "the ministers" (people in the plural)."""
    title = (actor.title or "").split()
    return bool(_BOTH.search(actor.text)) or bool(title and title[-1].endswith("s"))


def _same_name(actor: Actor, named: list[Actor]) -> Actor | None:
    name = actor.text.removeprefix("the ").strip()
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words):
        return None
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return next((a for a in reversed(named) if a.text != actor.text and pattern.search(a.text)),
                None)


def _pair(actor: Actor, named: list[Actor]) -> list[Actor]:
    """The two parties most recently named with the same head word or sector."""
    keys = _head_words(actor)
    candidates = [a for a in reversed(named) if a.sector == actor.sector]
    keyed = [a for a in candidates if any(key in a.text.lower() for key in keys)]
    found: dict[str, Actor] = {}
    for candidate in keyed or candidates:
        found.setdefault(candidate.country or "", candidate)
        if len(found) == 2:
            break
    return sorted(found.values(), key=lambda a: a.start)


def _split(actor: Actor, pair: list[Actor], used_by: list[Event]) -> None:
    """ "the two ministers" stands for both: one compound actor of the two parties' codes."""
    parts = [dataclasses.replace(actor, country=a.country,
                                 matched=f"{actor.matched}; one of the two named before it: "
                                         f"'{a.text}'") for a in pair]
    for event in used_by:
        for role in (event.actors, event.recipients):
            if actor in role:
                at = next(i for i, a in enumerate(role) if a is actor)
                role[at:at + 1] = parts
        event.explain.append(f"'{actor.text}' -> {' + '.join(a.code for a in parts)} "
                             f"(both parties named before it)")


# Sectors whose bodies act, or are acted on, at home: the police that detain people in Lyon
# are France's; unnamed gunmen, militants or a village militia who attack in Kandahar, and the
# villagers they kill there, are Afghanistan's (PLOVER's UAF "unknown gunmen", REB, PRM, CVL;
# a named group or a nationality has its own country). So are the bodies of a breakaway region
# met there: PLOVER codes a partially recognised entity (PRE) with the country that claims
# its territory.
_DOMESTIC = frozenset({"GOV", "COP", "JUD", "UAF", "REB", "PRM", "CVL", "PRE"})
_DOMESTIC_PARTIES = _DOMESTIC | {"OPP", "REF", "LAB", "AGR", "EDU", "REL", "JRN", "PTY", "ELI"}
# Government bodies that work abroad: where they act says nothing of whose they are.
_ABROAD = ("embassy", "consulate", "mission", "delegation", "envoy", "ambassador", "diplomat")


# Words by which a mention says its party is of the event's place.
_LOCAL = re.compile(r"(?:^|\s)(?:local|there)(?:\s|$)")


def _home_country(actor: Actor, used_by: list[Event],
                  dateline_country: str | None) -> str | None:
    """ "summoned to the Ministry of Foreign Affairs in Baku": a ministry, authority, police or
    court with no antecedent is the one of the country where its event took place, else of the
    dateline's. An office holder ("the head of the foreign policy department") travels, so only
    the dateline speaks for one, unless the mention itself puts it where the event is ("met
    representatives of the separatist regime there", "local officials"); a named person is
    never placed this way."""
    text = actor.text.lower()
    if actor.sector not in _DOMESTIC or actor.name or any(word in text for word in _ABROAD):
        return None
    if actor.title and not _LOCAL.search(text):
        return dateline_country
    countries = {p.country for e in used_by
                 if e.actors and e.actors[0] is actor or any(r is actor for r in e.recipients)
                 for p in e.locations[:1] if p.country}
    if countries:
        return countries.pop() if len(countries) == 1 else None
    return dateline_country


# Codes that name no state: a party facing one of these says nothing of its own country.
_NOT_STATES = frozenset({"IGO", "NGO", "UNO", "EUR", "ISM", "IMG", "MNC"})
# Sectors that act at home: the state's bodies, its people, its rebels and opposition.
_AT_HOME = frozenset({"GOV", "COP", "JUD", "LEG", "MIL", "PRM", "CVL", "REB", "OPP"})
# Acts more often between states than inside one.
_BETWEEN_STATES = frozenset({"CONSULT", "COOPERATE", "AID"})


def _counterpart_country(actor: Actor, used_by: list[Event]) -> str | None:
    """ "Egyptian police opened fire on [Moslem fundamentalist demonstrators]", "[Islamic
    fundamentalists] demanded the resignation of the Algerian President": a domestic party
    with no country of its own that faces one state's own bodies, people, rebels or opposition
    is of that state."""
    if actor.sector not in _DOMESTIC_PARTIES:
        return None
    found = set()
    for event in used_by:
        if event.event_type in _BETWEEN_STATES:
            return None
        other = event.recipients if any(a is actor for a in event.actors) else event.actors
        found |= {a.country for a in other
                  if a.country and a.country not in _NOT_STATES and a.sector in _AT_HOME}
    return found.pop() if len(found) == 1 else None


def _possessor(actor: Actor, named: list[Actor]) -> Actor | None:
    """ "Bosnian Serbs said their forces had withdrawn": a party owned through a possessive
    determiner belongs to the country of the party last named before it ("his" and "her" a
    person's, "its" a body's, "their" either)."""
    first = actor.text.split()[0].lower()
    if first not in _POSSESSIVES:
        return None
    person = _POSSESSIVES[first]
    return next((a for a in reversed(named) if a.country not in _NOT_STATES
                 and person in (None, bool(a.name or a.title))), None)


def _head_words(actor: Actor) -> set[str]:
    words = {w for w in (actor.text.split()[-1:] + (actor.title or "").split()[-1:])}
    return {w.lower().rstrip("s") for w in words if w.isalpha()}


# "the attacking groups", "the attackers", "the assailants": those who did the attack told.
ATTACKER_WORDS = frozenset({"attacking", "attackers", "assailants", "raiders"})


def _attacker_named_before(actor: Actor, events: list[Event]) -> Actor | None:
    """ "units of the Armenian army tried to launch a large-scale offensive ... Azerbaijani units
    returned fire and forced the attacking groups to retreat": the attackers are the party of
    the first attack the article tells, the one the story is about (not the fire returned)."""
    if ATTACKER_WORDS.isdisjoint(actor.text.lower().split()):
        return None
    attacks = [e for e in events if e.event_type == "ASSAULT" and e.trigger.start < actor.start]
    for attack in sorted(attacks, key=lambda e: e.trigger.start):
        doer = next((a for a in attack.actors if a.country and a.start < actor.start
                     and ATTACKER_WORDS.isdisjoint(a.text.lower().split())), None)
        if doer is not None:
            return doer
    return None


# Words of a title that say nothing of which office it is.
_RANK_WORDS = frozenset({"deputy", "first", "vice", "acting", "assistant", "minister",
                         "ministers", "head", "chief", "of", "the", "for", "and", "state",
                         "secretary", "general", "director", "spokesman", "spokeswoman",
                         "spokesperson", "senior", "official"})


def _office_named_beside(actor: Actor, named: list[Actor],
                         sentence_of: dict[int, int]) -> Actor | None:
    """ "summoned to the Ministry of Foreign Affairs in Baku on November 17, where Deputy Foreign
    Minister Khalaf Khalafov handed him a note": an office holder nobody placed, in the sentence
    that named in full the body its title names, holds office there."""
    sentence = sentence_of.get(id(actor))
    office = {w for w in (actor.title or "").lower().split() if w not in _RANK_WORDS}
    if sentence is None or not office:
        return None
    return next((a for a in reversed(named) if sentence_of.get(id(a)) == sentence
                 and a.start < actor.start and a.sector == actor.sector and not a.name
                 and office <= set(a.text.lower().split())), None)


def _foreign_kind(actor: Actor) -> bool:
    """ "Foreign delegations wishing to visit the region", "foreign journalists": a kind of body
    from other countries, none of them the one named before ("the foreign minister" is one)."""
    words = actor.text.lower().split()
    return "foreign" in words[:-1] and words[-1].endswith("s") and words[-1] != "affairs"


def _antecedent(actor: Actor, named: list[Actor]) -> Actor | None:
    if _foreign_kind(actor):
        return None
    keys = _head_words(actor)
    same_sector = [a for a in reversed(named) if a.sector == actor.sector]
    for candidate in same_sector:
        text = candidate.text.lower()
        if any(key in text for key in keys):
            return candidate
    return next((a for a in same_sector if not a.title and not a.name), None)
