"""Who says so: the speaker of the reported speech an event is stated in.

Two sources, the parse first: a speech verb governing the event's clause ("the embassy said
[Armenia attacked]") or "according to X"; then quotations spanning several sentences, found on the
raw paragraph text ('"... . 7 servicemen became martyrs," the embassy said.').
A conflictual event claimed by a party other than its actor is also a statement by that party:
an ACCUSE event with the claimant as actor (PLOVER: "accuse, allege").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.context import ArticleContext, ParsedSentence
from eventwire.extract.lexicon import Lexicon, TriggerEntry, noun_forms
from eventwire.extract.syntax import (
    SPEECH_VERBS,
    child,
    contiguous,
    phrase_tokens,
    subject_of,
)
from eventwire.model import Actor, Event, Span
from eventwire.text.segment import Sentence

_SPEECH_ALT = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_QUOTE = re.compile(r"[\"“](?P<body>[^\"”]{10,}?)[\"”]")
# After a closing quote: ', the embassy of Azerbaijan in Russia said' / ', said the ministry'.
_AFTER = re.compile(
    r"\s*,?\s*(?:(?P<speaker>[^\"“”,.;:]{2,120}?)\s+(?P<verb>" + _SPEECH_ALT + r")\b"
    r"|(?P<verb2>" + _SPEECH_ALT + r")\s+(?P<speaker2>[^\"“”.;:]{2,120}?)\s*[.,;])",
    re.IGNORECASE)
# Before an opening quote: 'The ministry said: "...'.
_BEFORE = re.compile(r"(?P<speaker>[A-Z][^\"“”.;:]{1,120}?)\s+(?P<verb>" + _SPEECH_ALT
                     + r")\s*[:,]\s*$")


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


@dataclass(frozen=True)
class Quotation:
    start: int  # inside the quote marks, article offsets
    end: int
    speaker: Span
    verb: Span


def find_quotations(text: str) -> list[Quotation]:
    found = []
    for match in _QUOTE.finditer(text):
        after = _AFTER.match(text, match.end(), min(len(text), match.end() + 160))
        if after and (after.group("speaker") or "").lower() in _DETERMINERS:
            # '..., the note reads': "note" there is a noun, and "the" speaks for no one.
            after = None
        if after:
            key = "speaker" if after.group("speaker") else "speaker2"
            verb_key = "verb" if after.group("verb") else "verb2"
            speaker = Span(after.group(key), after.start(key), after.end(key))
            verb = Span(after.group(verb_key), after.start(verb_key), after.end(verb_key))
            found.append(Quotation(match.start("body"), match.end("body"), speaker, verb))
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = _BEFORE.search(text, line_start, match.start())
        if before:
            found.append(Quotation(
                match.start("body"), match.end("body"),
                Span(before.group("speaker"), before.start("speaker"), before.end("speaker")),
                Span(before.group("verb"), before.start("verb"), before.end("verb"))))
    return found


# '"Such trips grossly violate ...," the note reads.': the words of a document, not a speaker's.
_DOCUMENT_AFTER = re.compile(
    r"\s*,?\s*the\s+(?P<document>note|letter|statement|communiqu[eé]|declaration|message)\s+"
    r"(?:reads|read|says|said|states|stated)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentQuote:
    start: int  # inside the quote marks, article offsets
    end: int
    document: str  # "note"


def find_document_quotes(text: str) -> list[DocumentQuote]:
    found = []
    for match in _QUOTE.finditer(text):
        after = _DOCUMENT_AFTER.match(text, match.end(), min(len(text), match.end() + 40))
        if after:
            found.append(DocumentQuote(match.start("body"), match.end("body"),
                                       after.group("document").lower()))
    return found


# "The ministry listed the latest incidents." introduces the rest of its paragraph as the
# speaker's account, as an opening quotation mark would.
_LISTING = re.compile(
    r"(?P<speaker>[A-Z][^.;:\"“”]{1,100}?)\s+(?P<verb>listed|detailed|cited|described|"
    r"gave\s+details\s+of|reported|recorded|documented)\s+(?:the\s+|a\s+number\s+of\s+|"
    r"several\s+|a\s+series\s+of\s+)?(?:following\s+|latest\s+|recent\s+|new\s+|other\s+)?"
    r"(?P<what>incidents|cases|attacks|violations|provocations|facts|episodes)\b")


# "Azerbaijani forces fired on Armenian positions, the Armenian Defence Ministry said." with no
# quotation marks, which the small parser often misreads (the speaker as an apposition).
_SAID_AT_END = re.compile(
    r",\s+(?P<speaker>(?:the\s+)?[A-Z][^,;:\"“”]{1,80}?)\s+(?P<verb>said|says|reported|stated|"
    r"claimed|announced|added|alleged|noted)(?:\s+(?:on\s+)?\w+)?\s*\.\s*$")


def find_said_at_end(text: str, sentences: Sequence[Sentence]) -> list[Quotation]:
    """Sentences that end with their speaker: the words before it are the speaker's account."""
    found = []
    for sentence in sentences:
        match = _SAID_AT_END.search(text, sentence.start, sentence.end)
        if match is None:
            continue
        found.append(Quotation(
            sentence.start, match.start(),
            Span(match.group("speaker"), match.start("speaker"), match.end("speaker")),
            Span(match.group("verb"), match.start("verb"), match.end("verb"))))
    return found


def find_listings(text: str, sentences: Sequence[Sentence]) -> list[Quotation]:
    """Accounts introduced by a listing sentence, each spanning the rest of its paragraph."""
    found = []
    for n, sentence in enumerate(sentences):
        match = _LISTING.match(text, sentence.start, sentence.end)
        if match is None:
            continue
        rest = [s for s in sentences[n + 1:] if s.paragraph == sentence.paragraph]
        if not rest:
            continue
        found.append(Quotation(
            rest[0].start, rest[-1].end,
            Span(match.group("speaker"), match.start("speaker"), match.end("speaker")),
            Span(match.group("verb"), match.start("verb"), match.end("verb"))))
    return found


def _speech_frame(token: Token) -> tuple[Token, Token] | None:
    """(speech verb, speaker head) for a token inside reported speech, by the parse."""
    current = token
    for _ in range(10):
        head = current.head
        if head == current:
            return None
        if current.dep_ in ("ccomp", "parataxis", "advcl", "xcomp") and \
                head.lower_ in SPEECH_VERBS:
            subj, _ = subject_of(head)
            if subj is not None:
                return head, subj
        if head.lower_ == "according" or (head.lower_ == "to" and head.head.lower_ == "according"):
            return None
        current = head
    return None


# "Azerbaijan accused Armenia of shelling its positions", "blamed the rebels for the attack":
# the act is the accuser's claim, and the accused is who did it.
_ACCUSING = frozenset({"accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed",
                       "blaming"})


_OWN_CLAUSE = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "conj"})


@dataclass(frozen=True)
class _Accusation:
    verb: Token
    accuser: Token
    accused: list[Token]  # the accused's phrase, without what it is accused of


def accusation_frame(token: Token) -> _Accusation | None:
    """The accusation a token is the content of: inside the "of"/"for" complement of an
    accusing verb in the active voice, hanging on the verb or on its object."""
    current = token
    for _ in range(4):
        head = current.head
        if head == current or current.dep_ in _OWN_CLAUSE:
            return None  # "accuses Rwanda of backing the group, [which Kigali denies]"
        if current.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and \
                head.lower_ in ("of", "for"):
            verb = head.head if head.head.lower_ in _ACCUSING else head.head.head
            accused = child(verb, "dobj")
            subj, agentive = subject_of(verb)
            if verb.lower_ not in _ACCUSING or accused is None or subj is None or not agentive \
                    or head not in (*verb.children, *accused.children):
                return None
            outside = set(head.subtree)
            return _Accusation(verb, subj, [t for t in phrase_tokens(accused)
                                            if t not in outside])
        current = head
    return None


def _according_to(token: Token) -> Token | None:
    root = token
    while root.head != root:
        root = root.head
    for t in root.subtree:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return obj
    return None


_CREDIT_VERBS = frozenset({"report", "reports", "reported", "inform", "informs", "informed"})


def _is_outlet_credit(ctx: ArticleContext, speaker: Actor, verb: Span | None) -> bool:
    """ "..., Trend reports": the outlet naming itself, or an unknown name that "reports"."""
    if ctx.article.source and speaker.text.lower() == ctx.article.source.lower():
        return True
    return verb is not None and verb.text.lower() in _CREDIT_VERBS and \
        speaker.country is None and speaker.sector is None


def attach_claims(ctx: ArticleContext, parsed: ParsedSentence, events: list[Event],
                  quotations: list[Quotation], trigger_of: Callable[[ParsedSentence, Event], Token]
                  ) -> dict[str, Span]:
    """Set `claimed_by` and `attribution` on each event of one sentence.

    Returns the speech verb of each claimed event (by event id), for `statement_events`.
    """
    verbs: dict[str, Span] = {}
    # Most sentences have no "according to": their parse need not be walked to find none.
    cites_a_source = "according" in parsed.text.lower()
    for event in events:
        token = trigger_of(parsed, event)
        accusation = accusation_frame(token)
        frame = _speech_frame(token) if accusation is None else None
        speaker: Actor | None = None
        if accusation is not None:
            speaker = _accused_of(ctx, parsed, event, accusation)
        elif frame is not None:
            verb, subj = frame
            speaker = _actor_of(ctx, parsed, phrase_tokens(subj))
            event.explain.append(f"claimed: inside speech verb '{verb.text}' of '{speaker.text}'")
            verbs[event.id] = Span(verb.text, parsed.offset + verb.idx,
                                   parsed.offset + verb.idx + len(verb.text))
        else:
            according = _according_to(token) if cites_a_source else None
            if according is not None:
                speaker = _actor_of(ctx, parsed, phrase_tokens(according))
                event.explain.append(f"claimed: 'according to {speaker.text}'")
        if speaker is None:
            for quote in quotations:
                if quote.start <= event.trigger.start < quote.end:
                    speaker = ctx.make_actor(quote.speaker.text, quote.speaker.start,
                                             quote.speaker.end)
                    event.explain.append(
                        f"claimed: inside a quotation attributed to '{speaker.text}'")
                    verbs[event.id] = quote.verb
                    break
        if speaker is not None and _is_outlet_credit(ctx, speaker, verbs.get(event.id)):
            event.explain.append(f"'{speaker.text}' is the outlet's credit line, not a claim")
            speaker = None
        if speaker is not None and speaker.text.lower() not in ("they", "it"):
            event.claimed_by = speaker
            event.attribution = "claimed"
        else:
            speaker = None
            verbs.pop(event.id, None)
        _resolve_first_person(event, speaker)
    return verbs


def _actor_of(ctx: ArticleContext, parsed: ParsedSentence, tokens: list[Token]) -> Actor:
    """The actor the words `tokens` of a sentence name, with article offsets."""
    start, end = contiguous(tokens)
    return ctx.make_actor(parsed.text[start:end], parsed.offset + start, parsed.offset + end)


def _accused_of(ctx: ArticleContext, parsed: ParsedSentence, event: Event,
                accusation: _Accusation) -> Actor:
    """The accuser as claimant, and the accused as the act's doer where the act names none of
    its own or took the accuser's (the accusation's own ACCUSE event is coded separately)."""
    accuser = _actor_of(ctx, parsed, phrase_tokens(accusation.accuser))
    accused = _actor_of(ctx, parsed, accusation.accused)
    if not event.actors or all(accuser.start <= a.start < accuser.end for a in event.actors):
        event.actors = [accused]
        event.explain.append(f"actor = '{accused.text}', whom '{accuser.text}' "
                             f"{accusation.verb.text} of it")
    event.recipients = [r for r in event.recipients
                        if not accused.start <= r.start < accused.end]
    event.explain.append(f"claimed: '{accuser.text}' {accusation.verb.text} "
                         f"'{accused.text}' of it")
    return accuser


# Case-blind except for "us", which written "US" is the country.
_FIRST_PERSON = re.compile(r"^(?:(?i:we|our|ours|its)|[uU]s)\b")


def _resolve_first_person(event: Event, speaker: Actor | None) -> None:
    """ "our positions" in the embassy's statement are Azerbaijan's: a first person party (or
    "its positions" in a ministry's account) is the speaker's country. Without a speaker nobody
    knows whose, so it is no party at all. A party that names its country or organisation ("its
    European Community partners") keeps it, speaker or not; where it is ("our positions near
    Kalbajar") does not say whose it is."""
    for role in (event.actors, event.recipients):
        for actor in list(role):
            if not _FIRST_PERSON.match(actor.text) or _names_its_country(actor):
                continue
            if speaker is None or speaker.country is None:
                role.remove(actor)
                event.explain.append(f"'{actor.text}': first person with no known speaker")
                continue
            actor.country = speaker.country
            actor.sector = actor.sector or speaker.sector
            actor.matched = f"first person in the statement of '{speaker.text}'"
            event.explain.append(f"'{actor.text}' -> {actor.code} ({actor.matched})")


# How the actor dictionary says a mention's country came from a country word or named body.
_OWN_COUNTRY_READINGS = ("head country", "country country", "head entity", "country entity")


def _names_its_country(actor: Actor) -> bool:
    return bool(actor.country) and any(r in (actor.matched or "") for r in _OWN_COUNTRY_READINGS)


# Nouns of going somewhere: a trip to a place is a visit (CAMEO 042/043), as "travelled to
# Khankendi and met ..." is.
_TRAVEL_NOUNS = frozenset(f for base in ("trip", "journey", "tour", "travel", "voyage")
                          for f in noun_forms(base))
# Nouns that name someone's acts without saying which: "these actions", "such steps".
_ACT_NOUNS = frozenset(f for base in ("action", "act", "step", "move", "activity", "behaviour",
                                     "behavior", "conduct") for f in noun_forms(base))
# Words by which a noun points back to acts told before: "such trips", "these actions".
_POINTING = frozenset({"such", "these", "this", "those", "that", "the"})


def accusations_of_acts(items: Sequence[tuple[ParsedSentence, list[Event]]],
                        documents: Sequence[DocumentQuote], lexicon: Lexicon,
                        trigger_of: Callable[[ParsedSentence, Event], Token]) -> None:
    """ '"Such trips grossly violate the sovereignty of Azerbaijan," the note reads': an
    accusation whose subject is an act, not a party, is made by whoever states it and aimed at
    whoever did the act. The accuser is the author of the document quoted (the note named
    before it: who handed it over) or the speaker the claims step found; the accused are the
    doers of the last act told before that the subject points back to ("such trips": those who
    travelled there; "these attacks": the last attack's), other than the accuser, and not the
    party the act wrongs ("the sovereignty of Azerbaijan"). Runs after the references step,
    once the earlier parties have their codes."""
    told: list[Event] = []
    for parsed, events in items:
        for event in events:
            act = _act_subject(trigger_of(parsed, event), lexicon) \
                if event.event_type == "ACCUSE" and not event.actors else None
            if act is not None:
                _accuse_for_act(event, act, told, documents, lexicon)
            told.append(event)


def _act_subject(verb: Token, lexicon: Lexicon) -> Token | None:
    """The common noun naming an act that is the subject of `verb` ("Such trips violate")."""
    subj, agentive = subject_of(verb)
    if subj is None or not agentive or subj.tag_ not in ("NN", "NNS"):
        return None
    if subj.lower_ in _TRAVEL_NOUNS or subj.lower_ in _ACT_NOUNS or _act_entries(subj, lexicon):
        return subj
    return None


def _act_entries(noun: Token, lexicon: Lexicon) -> list[TriggerEntry]:
    """Lexicon rows a noun alone triggers ("attacks" -> ASSAULT); a trip is a visit."""
    word = "visit" if noun.lower_ in _TRAVEL_NOUNS else noun.lower_
    return [entry for entry, _ in lexicon.candidates([word], 0)
            if len(entry.words) == 1 and entry.pos in ("N", "*")]


def _accuse_for_act(event: Event, act: Token, told: list[Event],
                    documents: Sequence[DocumentQuote], lexicon: Lexicon) -> None:
    accusers, why = _accusers(event, told, documents)
    if accusers:
        event.actors = [dataclasses.replace(a, matched=f"{a.matched}; {why}") for a in accusers]
        event.explain.append(f"actor = '{accusers[0].text}' -> {accusers[0].code}, {why}: "
                             f"'{act.text}' is an act, not a party")
    if not any(c.lower_ in _POINTING for c in act.children):
        return
    own = {a.country for a in accusers if a.country}
    entries = _act_entries(act, lexicon)
    if not entries and not own:
        return  # "these actions" are another's than the accuser's, who alone says whose
    for earlier in reversed(told):
        doers = [a for a in earlier.actors if a.country and a.country not in own]
        if not doers or len(doers) < len(earlier.actors) or entries and not any(
                e.event_type == earlier.event_type and e.mode in (None, earlier.event_mode)
                for e in entries):
            continue
        why = f"who did '{earlier.trigger.text}', the act '{act.text}' points back to"
        # "violate the sovereignty of Azerbaijan": whom the act wrongs is not the accused.
        wronged = "".join(f"; not '{r.text}', whom it wrongs" for r in event.recipients)
        event.recipients = [dataclasses.replace(a, matched=f"{a.matched}; {why}")
                            for a in doers]
        event.explain.append(f"recipient = '{doers[0].text}' -> {doers[0].code}, {why}"
                             f"{wronged}")
        return


def _accusers(event: Event, told: list[Event],
              documents: Sequence[DocumentQuote]) -> tuple[list[Actor], str]:
    """Who states an accusation, and why: the author of the document quoted, named before it
    ("handed him a note of protest" ... "the note reads"), else the speaker of the claim."""
    document = next((d.document for d in documents
                     if d.start <= event.trigger.start < d.end), None)
    if document is not None:
        issued = next((e for e in reversed(told)
                       if document in e.trigger.text.lower().split() and e.actors), None)
        if issued is None or not all(a.code for a in issued.actors):
            return [], ""
        return issued.actors, f"author of the {document} quoted ('{issued.trigger.text}')"
    speaker = event.claimed_by
    if speaker is None or not speaker.code:
        return [], ""
    return [speaker], "speaker of the accusation"


def carry_readouts(events: Sequence[Event]) -> None:
    """ "X held a telephone conversation with Y, the press service of X's ministry reports.
    ... Y praised ...": what the parties to a reported meeting or call said or agreed there is
    known from the same report. An event of no attribution of its own, dated as the meeting
    (the same story) and done by its parties only, is claimed by the meeting's reporter."""
    for n, meeting in enumerate(events):
        reporter = meeting.claimed_by
        if meeting.event_type != "CONSULT" or reporter is None or not reporter.country or \
                meeting.date is None:
            continue
        parties = {a.code for a in [*meeting.actors, *meeting.recipients] if a.country}
        for event in events[n + 1:]:
            if event.sentence_start <= meeting.sentence_start or \
                    event.attribution != "asserted" or event.date != meeting.date or \
                    not event.actors or not {a.code for a in event.actors} <= parties:
                continue
            event.claimed_by = dataclasses.replace(reporter)
            event.attribution = "claimed"
            event.explain.append(f"claimed: told in '{reporter.text}''s report of "
                                 f"'{meeting.trigger.text}'")


def assert_own_accounts(events: Sequence[Event]) -> None:
    """A party's own account of what it did, or of a meeting it took part in, is no claim about
    another party: "Foreign Minister Mirzoyan held a telephone conversation ..., the press
    service of the Armenian Foreign Ministry reports" is asserted, and so is a visit reported by
    its host. What another party did to the speaker (praised it, attacked it) stays claimed. A
    state named alone ("Azerbaijan is ready to ...") is its government's."""
    for event in events:
        speaker = event.claimed_by
        if speaker is not None and event.quad_class in (1, 3) and \
                speaker.text.lower() in ("we", "i"):
            # "We have repeatedly stated that Azerbaijan is ready to sign ...": a position the
            # speaker's side states as its own is that side's declaration, not a claim.
            event.claimed_by = None
            event.attribution = "asserted"
            event.explain.append(f"asserted: '{speaker.text}' states its own side's position")
            continue
        if speaker is None or not speaker.country:
            continue
        parties = [*event.actors, *(event.recipients if event.event_type == "CONSULT" else [])]
        own = next((p for p in parties if p.code == speaker.code or (
            p.country == speaker.country and not p.sector and speaker.sector == "GOV")), None)
        if own is None:
            continue
        event.claimed_by = None
        event.attribution = "asserted"
        event.explain.append(f"asserted: '{speaker.text}' reports its own side's "
                             f"'{own.text}' ({own.code})")


# CAMEO 1123 "Accuse of aggression": the statement blames another party for an attack.
_AGGRESSION = "1123"


def statement_events(events: list[Event], claim_verbs: dict[str, Span], text: str,
                     sentences: Sequence[Sentence]) -> list[Event]:
    """An ACCUSE by the claimant for each conflictual event it attributes to another party.

    Its evidence is the sentence of the speech verb: in a quotation of several sentences that
    is not the sentence of the event it restates (`statement_of` links the two)."""
    made: dict[int, Event] = {}
    for event in events:
        claimant = event.claimed_by
        verb = claim_verbs.get(event.id)
        if claimant is None or verb is None or (event.quad_class or 0) < 3:
            continue
        if event.event_type in ("ACCUSE", "REQUEST", "REJECT", "THREATEN"):
            continue  # already a statement
        # Only a known party blaming another known party is an accusation: a prefecture
        # reporting its own police's arrests, or an unknown source, accuses nobody.
        actor_countries = {a.country for a in event.actors if a.country}
        if not claimant.country or not actor_countries or claimant.country in actor_countries:
            continue
        # One statement per speech verb: "X said A attacked B and C shelled D" accuses A and C.
        key = verb.start
        if key in made:
            statement = made[key]
            known = {a.start for a in statement.recipients}
            statement.recipients.extend(a for a in event.actors if a.start not in known)
            accused = "/".join(a.text for a in event.actors)
            statement.explain.append(f"statement also accuses '{accused}' of "
                                     f"{event.event_type} '{event.trigger.text}'")
            if event.event_type == "ASSAULT":
                statement.cameo = _AGGRESSION
            statement.statement_of.append(event.id)
            continue
        cameo = _AGGRESSION if event.event_type == "ASSAULT" else "112"
        said_in = next((s for s in sentences if s.start <= verb.start < s.end), None)
        start, end = (said_in.start, said_in.end) if said_in else (event.sentence_start,
                                                                   event.sentence_end)
        made[key] = Event(
            article_id=event.article_id, event_type="ACCUSE", event_mode="allege", cameo=cameo,
            sentence=text[start:end], sentence_start=start, sentence_end=end, trigger=verb,
            actors=[claimant],
            recipients=list(event.actors), source_file=event.source_file,
            statement_of=[event.id],
            explain=[f"statement: '{claimant.text}' {verb.text} that "
                     f"{'/'.join(a.text for a in event.actors)} carried out "
                     f"{event.event_type} '{event.trigger.text}' -> ACCUSE allege/{cameo}"])
    return list(made.values())
