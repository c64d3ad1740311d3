"""Triggers and roles: find event words in a parsed sentence and who does what to whom.

A trigger is a lexicon match whose head word has the right part of speech and whose conditions
hold. Roles come from the parse: the subject (or passive agent) is the actor, the object or the
object of a role preposition is the recipient; noun triggers ("an attack on X") take their roles
from their own modifiers first and from the verb governing them second ("Armenia attempted an
attack"). Coordinated phrases give one list of entities, as PLOVER's compound actors.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from eventwire.extract.claims import accusation_frame
from eventwire.extract.context import ATTACKER_WORDS, ISSUED_TEXTS, ArticleContext, ParsedSentence
from eventwire.extract.lexicon import Lexicon, TriggerEntry
from eventwire.extract.places import travelled_to_do
from eventwire.extract.syntax import (
    child,
    contiguous,
    governing_verb,
    is_noun,
    is_verb,
    phrase_tokens,
    prep_objects,
    subject_of,
)
from eventwire.model import QUAD_CLASS, Actor, Event, Span

# Prepositions that introduce the recipient of an event.
RECIPIENT_PREPS = frozenset({"with", "against", "on", "upon", "at", "to", "toward", "towards",
                             "into", "of", "between"})
# Tokens that head a phrase but name no entity: pronouns are left unresolved, not guessed.
_NOT_ENTITIES = frozenset({"it", "this", "that", "which", "who", "what", "there", "here"})
# Entity labels of the parse that name no party ("on Saturday", "ten percent").
_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# "a statement regarding the fighting", "arrested for the attack", "gathered for the rally": the
# noun names the topic or purpose of another act, not an event of its own with its parties.
TOPIC_PREPS = frozenset({"regarding", "about", "concerning", "over", "re", "for"})
# "a statement on the threat posed by landmines": "on" after a word for something said.
_SAYING_WORDS = frozenset({"statement", "statements", "comment", "comments", "remarks", "report",
                         "reports", "briefing", "position", "views", "talks", "discussion",
                         "resolution", "declaration", "appeal", "information", "data",
                         # ... or a verb of comment: "have not commented on the visit"
                         "commented", "commenting", "remarked", "spoke", "speaking",
                         "elaborated", "reflected"})
# "riot police", "occupation forces", "protest camp": a trigger noun that modifies a word for a
# force or its gear says what the force is for, not that anything happened.
_EQUIPPED_FOR = frozenset({"police", "policemen", "officers", "forces", "force", "troops", "units",
                           "unit", "squad", "squads", "gear", "camp", "camps", "vehicle",
                           "vehicles", "helicopter", "helicopters", "shield", "shields",
                           # "aid workers", "protest organisers": people named by their work
                           "worker", "workers", "staff", "volunteers", "agency", "agencies",
                           "organisers", "organizers", "leaders",
                           # "aid groups said": who the group is, not an act of aid
                           "group", "groups", "organisation", "organisations", "organization",
                           "organizations", "charity", "charities"})
# "a statement released on Monday", "footage issued by the army": the verb tells how a text or
# record came out, not an act of its own ("released" is also freeing prisoners).
_PUBLISHED_THINGS = frozenset({"statement", "statements", "report", "reports", "video", "videos",
                               "footage", "figures", "data", "document", "documents", "letter",
                               "communique", "communiqué", "audio", "recording", "photos",
                               "images", "list", "results", "message"})
# "its positions" in the ministry's account is the ministry's side too, as "our positions".
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "its"})
# "He stressed ...": a person named before; the references step finds whom, or drops it.
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OWN_SIDE = frozenset({"its", "their", "our", "his", "her"})


@dataclass
class Roles:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    # Later candidates, used when the first names no party: "sent [arms] to [Pakistan]".
    other_recipients: list[list[Token]] = field(default_factory=list)
    # Asked last (`_later_recipients`): whom the trigger's infinitive or purpose clause acts
    # on, who undergoes a noun's act ("the invasion [of] Lebanon"), where the act falls.
    later_recipients: list[list[Token]] = field(default_factory=list)
    undergoers: list[list[Token]] = field(default_factory=list)
    # "threatened to strike unless [Israel] rescinded the annexation": who must comply.
    conditioned: list[list[Token]] = field(default_factory=list)
    # "blocked streets in defiance of [Chinese authorities]": what is protested, named outright.
    protested: list[list[Token]] = field(default_factory=list)
    # "complained to the United Nations over [two Israeli air raids]": what is complained of.
    complained_of: list[list[Token]] = field(default_factory=list)
    place_recipients: list[list[Token]] = field(default_factory=list)
    # "withdraw inspectors [from] Iraq", "mobilized reservists [for] a war against Iraq": asked
    # only when the object is one's own people, named by a sector alone.
    countries_acted_on: list[list[Token]] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)  # any object words, for conditions
    # Where a verb trigger has an object (its passive subject too), the words of its "to" or
    # "from" phrase say where that object went or came from, and the rows' object conditions
    # skip them: "the wounded were [taken] to the district hospital" took no district, and
    # "was [hit] by bad news from the markets" hit no market.
    destinations: set[int] = field(default_factory=set)
    preps: set[str] = field(default_factory=set)
    passive_without_agent: bool = False
    has_xcomp: bool = False
    has_must_clause: bool = False  # "said [Sudan must return the helicopter]"
    notes: list[str] = field(default_factory=list)


# "The ambassador was summoned to the Ministry of Foreign Affairs": with no agent named, the
# body one is summoned or invited to is the one summoning.
# (The pipeline runs without a lemmatizer, so the stems are matched.)
_SUMMON_STEMS = ("summon", "invit", "call")


def _summoned_to(verb: Token) -> Token | None:
    if not verb.lower_.startswith(_SUMMON_STEMS):
        return None
    return next((obj for prep, obj in prep_objects(verb) if prep == "to"), None)


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.conjuncts if c.i > token.i and is_noun(c)]]


# "Talks between Serbia and Kosovo failed to reach a deal": a meeting does nothing itself; its
# parties do.
_MEETING_NOUNS = frozenset({"talks", "negotiations", "meeting", "meetings", "summit",
                            "discussions", "consultations", "dialogue"})


def _parties_of_meeting(subj: Token | None) -> Token | None:
    if subj is None or subj.lower_ not in _MEETING_NOUNS:
        return None
    return next((obj for prep, obj in prep_objects(subj) if prep in ("between", "among")), None)


def _verb_roles(verb: Token, roles: Roles, trigger: frozenset[int] = frozenset()) -> None:
    """Roles from a verb's arguments; `trigger` holds the token indices of the trigger itself,
    a noun the verb governs ("launch [an offensive] against X") or the rest of a phrase ("open
    [fire] on X"), which is the act and never its recipient."""
    subj, agentive = subject_of(verb)
    stative = child(verb, "nsubjpass") if verb.lower_ in _STATIVE_PARTICIPLES else None
    if stative is not None and child(verb, "agent") is None:
        # "Israel is opposed to ...", "Serb forces were engaged in ethnic cleansing": the
        # participle says what its subject does.
        subj, agentive = stative, True
        trigger = trigger | {stative.i}
    parties = _parties_of_meeting(subj)
    if parties is not None and not roles.actors:
        roles.actors = _with_conjuncts(parties)
        roles.notes.append(f"actor = the parties to '{subj.text}', subject of '{verb.text}'")
    elif subj is not None and not roles.actors:
        roles.actors = _with_conjuncts(subj)
        roles.notes.append(f"actor = subject of '{verb.text}'")
    if not agentive:
        roles.passive_without_agent = True
        summoner = _summoned_to(verb)
        if summoner is not None and not roles.actors:
            roles.actors = [summoner]
            roles.notes.append(f"actor = the body '{verb.text}' to, with no agent named")
    # "will give Tanzania a grant": the indirect object is who receives, not the grant.
    dative = child(verb, "dative")
    if dative is not None and dative.tag_ == "IN":
        dative = child(dative, "pobj")
    if dative is not None and not roles.recipients and is_noun(dative):
        roles.recipients = _with_conjuncts(dative)
        roles.notes.append(f"recipient = indirect object of '{verb.text}'")
    passive_subject = child(verb, "nsubjpass")
    obj = child(verb, "dobj") or passive_subject or _counted_object(verb) or _shifted_object(verb)
    if obj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "diplomats [expelled] by the US": the noun a participle describes is what it acts on,
        # for the rows' object conditions.
        roles.objects.extend([verb.head, *(c for c in verb.head.children
                                           if c.dep_ in ("compound", "amod"))])
    if obj is not None and obj.i not in trigger:
        roles.objects.extend(obj.subtree)
        if not roles.recipients and obj.lower_ not in _NOT_ENTITIES:
            roles.recipients = _with_conjuncts(obj)
            roles.notes.append(f"recipient = object of '{verb.text}'")
        roles.other_recipients.extend(_doers(obj))
        # "suspended part of a military aid program [for] Bosnia": whom the thing is for.
        roles.other_recipients.extend(_with_conjuncts(party) for prep, part in prep_objects(obj)
                                      if prep == "of" for inner, party in prep_objects(part)
                                      if inner in _DATIVE_PREPS)
    demanded = next((c for c in verb.children if c.dep_ == "ccomp" and any(
        a.dep_ == "aux" and a.lower_ == "must" for a in c.children)), None)
    if demanded is not None:
        roles.has_must_clause = True
    demanded = demanded or _subjunctive(verb) or next(
        (clause for prep, pobj in prep_objects(verb) if prep in ("on", "upon")
         for clause in [_subjunctive(pobj)] if clause is not None), None)
    if demanded is not None:
        subj, _ = subject_of(demanded)
        if subj is not None and not roles.recipients:
            roles.recipients = _with_conjuncts(subj)
            roles.notes.append(f"recipient = who must '{demanded.text}'")
    for prep, pobj in prep_objects(verb):
        # "launched a missile into the sea on Friday": a day says when, not at whom or where,
        # for the rows' preposition conditions.
        if pobj.ent_type_ not in ("DATE", "TIME"):
            roles.preps.add(prep.split()[0])
        if prep in ("with", "against", "on", "upon", "at", "to", "toward", "towards", "from"):
            roles.objects.extend(pobj.subtree)
            if prep in ("to", "toward", "towards", "from") and obj is not None and \
                    obj.i not in trigger and (not trigger or verb.i in trigger):
                roles.destinations.update(t.i for t in pobj.subtree)
        if prep == "with" and pobj.lower_ in _HELP_NOUNS:
            continue
        if prep in ("with", "against", "on", "upon", "to", "toward", "towards", "into") and \
                pobj.ent_type_ not in _NOT_PARTIES:
            if not roles.recipients:
                roles.recipients = _with_conjuncts(pobj)
                roles.notes.append(f"recipient = '{prep}' object of '{verb.text}'")
            else:
                roles.other_recipients.append(_with_conjuncts(pobj))
        elif prep in ("from", "for"):
            roles.countries_acted_on.append(_with_conjuncts(pobj))
        elif prep in ("over", "about"):
            # "a strike over a bill [signed by the minister]": who did what it is over.
            roles.complained_of.extend([_with_conjuncts(pobj), *_doers(pobj)])
    if child(verb, "xcomp") is not None:
        roles.has_xcomp = True


def _doers(act: Token) -> list[list[Token]]:
    """ "prevented the demonstration [staged by students]", "an investigation into crimes
    [committed by Croat forces]": who did the act that is acted on."""
    return [_with_conjuncts(agent) for c in act.children if c.dep_ == "acl"
            for prep, agent in prep_objects(c) if prep == "by"]


def _counted_object(verb: Token) -> Token | None:
    """ "kidnapped [up to 16 Russian advisers]": the parse takes "up" for the verb's particle
    and the counted object for the object of "to"."""
    particle = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"), None)
    if particle is None:
        return None
    for prep, obj in prep_objects(particle):
        if prep == "to" and any(c.dep_ == "nummod" for c in obj.children):
            return obj
    return None


def _shifted_object(verb: Token) -> Token | None:
    """ "denounced as an ugly crime [Serbia's suppression] of ...": a long object moved after
    the verb's "as" phrase, which the parse hangs on that phrase as an apposition."""
    return next((appos for prep, pobj in prep_objects(verb) if prep == "as"
                 for appos in pobj.children if appos.dep_ == "appos"), None)


# Participles after "be" that tell what the subject does, not what is done to it.
_STATIVE_PARTICIPLES = frozenset({"opposed", "engaged", "involved"})

_SUBJUNCTIVE_STEMS = ("demand", "insist", "urg", "ask", "request", "recommend", "propos")


def _subjunctive(head: Token) -> Token | None:
    """ "demanded that the US cancel the sale", "demands that the government grant": a
    that-clause in the bare form says what its subject is to do."""
    # After "demand", "insist" and the like a plural subject's bare form is tagged present.
    bare = ("VB", "VBP") if head.lower_.startswith(_SUBJUNCTIVE_STEMS) else ("VB",)
    return next((c for c in head.children
                 if c.dep_ in ("ccomp", "acl") and c.tag_ in bare
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                 and not any(a.dep_ == "aux" for a in c.children)), None)


# Help given: "with Albania's help" names who helps the act, not whom it is done to.
_HELP_NOUNS = frozenset({"help", "support", "assistance", "backing", "aid", "cooperation",
                         "participation", "consent", "approval", "blessing"})


# Verbs whose subject lives through, witnesses, recalls or reacts to the act named as their
# object (the pipeline runs without a lemmatizer, so stems are matched).
# ("marched in protest": a march does its protest, so such verbs are not among them.)
_UNDERGOING_STEMS = ("mourn", "describ", "witness", "recall", "recount", "remember", "surviv",
                     "fled", "flee", "escap", "fear", "commemorat", "lament", "film",
                     "documented")


_TIME_PREPS = frozenset({"after", "before", "since", "following", "amid"})


def _noun_roles(noun: Token, roles: Roles) -> None:
    for c in noun.children:
        # "reiterated its demand": a possessive pronoun is the verb's subject, found below.
        if c.dep_ == "poss" and not roles.actors and c.lower_ not in _OWN_SIDE:
            roles.actors = [c]
            roles.notes.append(f"actor = possessor of '{noun.text}'")
    demanded = _subjunctive(noun)
    if demanded is not None and (subj := subject_of(demanded)[0]) is not None:
        roles.recipients = _with_conjuncts(subj)
        roles.notes.append(f"recipient = who is to '{demanded.text}'")
    # "ordered patrols by police and paramilitary soldiers": who orders the act does it.
    ordered = noun.dep_ == "dobj" and noun.head.lower_.startswith("order")
    for prep, pobj in prep_objects(noun):
        roles.preps.add(prep.split()[0])
        roles.objects.extend(pobj.subtree)
        if prep == "by" and not roles.actors and not ordered:
            roles.actors = _with_conjuncts(pobj)
            roles.notes.append(f"actor = 'by' object of '{noun.text}'")
        elif prep == "with" and pobj.lower_ in _HELP_NOUNS:
            continue  # "a blockade of Serbia with Albania's help": a helper, not a recipient
        elif prep in RECIPIENT_PREPS and prep != "of" and pobj.ent_type_ not in _NOT_PARTIES:
            # "an attack on Thursday": a date is no party, the verb's object may be.
            if not roles.recipients:
                roles.recipients = _with_conjuncts(pobj)
                roles.notes.append(f"recipient = '{prep}' object of '{noun.text}'")
            else:
                roles.other_recipients.append(_with_conjuncts(pobj))
            roles.other_recipients.extend(_doers(pobj))
        elif prep in ("from", "for"):
            # "the withdrawal [from] Panama", "aid [for] Romania and Poland".
            roles.countries_acted_on.append(_with_conjuncts(pobj))
        if prep == "of":
            # "the withdrawal of forces [from] Panama": where what is moved is moved from.
            roles.countries_acted_on.extend(_with_conjuncts(inner) for p, inner
                                            in prep_objects(pobj) if p == "from")
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        # "70 million dollars of aid [for] Romania": the amount carries the act's parties.
        roles.countries_acted_on.extend(_with_conjuncts(pobj) for prep, pobj
                                        in prep_objects(noun.head.head) if prep == "for")
    if not roles.actors:
        # "the Armenian attack", "Azerbaijani shelling": a nationality modifier is the actor.
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
                roles.actors = [c]
                roles.notes.append(f"actor = modifier '{c.text}' of '{noun.text}'")
                break
    verb = governing_verb(noun)
    if verb is not None:
        named = bool(roles.actors)
        _verb_roles(verb, roles, trigger=frozenset({noun.i}))
        if not named and roles.actors and (verb.lower_.startswith(_UNDERGOING_STEMS) or
                                           noun.head.lower_ in _TIME_PREPS):
            # "the family mourned the killing", "residents described the attack", "fled the
            # fighting": who lives through or tells of an act did not do it, nor who does
            # something after it ("two soldiers went missing after the attack").
            roles.actors = []
            roles.notes.append(f"no actor: the subject of '{verb.text}' did not do "
                               f"'{noun.text}'")
    elif noun.dep_ == "nsubj" and is_verb(noun.head) and not roles.recipients:
        # "a roadside bombing killed one U.S. soldier": what the act did, to whom.
        obj = child(noun.head, "dobj")
        if obj is not None and obj.lower_ not in _NOT_ENTITIES:
            roles.recipients = _with_conjuncts(obj)
            roles.notes.append(f"recipient = object of '{noun.head.text}', what "
                               f"'{noun.text}' did")


# "agreed to provide aid [for] Romania", "willing to withdraw its troops [from] Lebanon": the
# prepositions of an infinitive's party.
_COMPLEMENT_PREPS = frozenset({"with", "against", "on", "upon", "to", "toward", "towards", "for",
                               "from", "into"})
# "lifted the curfew [in] Montenegro", "demonstrated [in] Serbia": where the act falls.
_PLACE_PREPS = frozenset({"in", "into", "inside", "throughout"})
_DATIVE_PREPS = frozenset({"to", "for"})
_PROTEST_NOUNS = frozenset({"protest", "protests", "opposition", "defiance"})


def _infinitives(word: Token) -> list[Token]:
    """ "threatened [to break] ...", "staged demonstrations [to demand] ...": the infinitive
    complement or purpose clause of a word."""
    return [c for c in word.children if is_verb(c) and (c.dep_ == "xcomp" or c.dep_ == "advcl"
            and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children))]


def _made_to_act(verb: Token) -> Token | None:
    """ "to allow [United Nations planes] to land": whom a verb lets or makes do something,
    parsed as the subject of the infinitive clause it governs."""
    return next((subj for c in verb.children if c.dep_ == "ccomp" and is_verb(c) and any(
        a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
        for subj in c.children if subj.dep_ == "nsubj" and is_noun(subj)), None)


def _later_recipients(head: Token, roles: Roles) -> None:
    """Candidates for when the trigger's own arguments name no party: whom its infinitive or
    purpose clause acts on ("threatened to break relations with Russia", "is willing to send
    doctors to help Peru", "staged a hunger strike to protest Sweden's decision"), then the
    place the act falls on ("lifted the curfew in Montenegro", "demonstrated in Serbia", "a
    state of siege in Haiti")."""
    verb = head if is_verb(head) else governing_verb(head)
    frontier_start = frontier = [w for w in (head, verb) if w is not None]
    roles.conditioned.extend(_conditioned(w) for w in frontier_start)
    complements: list[Token] = []
    for _ in range(3):
        # "to unite and mobilize against X": coordinated infinitives share the act's parties.
        frontier = [v for w in frontier for c in _infinitives(w)
                    for v in (c, *(k for k in c.conjuncts if k.i > c.i and is_verb(k)))]
        complements.extend(frontier)
        roles.conditioned.extend(_conditioned(w) for w in frontier)
        for complement in frontier:
            preps = [(prep, pobj) for prep, pobj in prep_objects(complement)
                     if prep in _COMPLEMENT_PREPS]
            # "send aid to Peru": to whom before what.
            roles.later_recipients.extend(_with_conjuncts(pobj) for prep, pobj in preps
                                          if prep in _DATIVE_PREPS)
            obj = child(complement, "dobj") or _made_to_act(complement)
            if obj is not None and obj.lower_ not in _NOT_ENTITIES:
                roles.later_recipients.append(_with_conjuncts(obj))
                # "to provide [70 million dollars] for Romania": whom what is given is for.
                roles.later_recipients.extend(_with_conjuncts(pobj) for prep, pobj
                                              in prep_objects(obj) if prep in _DATIVE_PREPS)
                # "to demand the return of property [seized by government forces]": who did
                # what the demand is about.
                for owned in [obj, *(pobj for prep, pobj in prep_objects(obj) if prep == "of")]:
                    roles.later_recipients.extend(_doers(owned))
            roles.later_recipients.extend(_with_conjuncts(pobj) for prep, pobj in preps
                                          if prep not in _DATIVE_PREPS)
            # "to launch an offensive in its war [with] Iraq": the act is fought against the
            # opponent of the conflict it is part of.
            roles.later_recipients.extend(
                _with_conjuncts(opponent) for prep, pobj in prep_objects(complement)
                if prep == "in" and pobj.lower_ in _CONFLICT_NOUNS
                for inner, opponent in prep_objects(pobj) if inner in ("with", "against"))
    # "declined to resign despite pressure by the Anti-Corruption Commission": whom the act
    # holds out against.
    roles.later_recipients.extend(_with_conjuncts(agent) for word in [*frontier_start, *complements]
                                  for prep, pobj in prep_objects(word) if prep == "despite"
                                  for inner, agent in prep_objects(pobj)
                                  if inner in ("by", "from"))
    # "a general strike [that shut down Khatmandu]": what the act itself did, to whom.
    roles.later_recipients.extend(_with_conjuncts(obj) for clause in head.children
                                  if clause.dep_ == "relcl" and is_verb(clause)
                                  for obj in [child(clause, "dobj")]
                                  if obj is not None and obj.lower_ not in _NOT_ENTITIES)
    # "the invasion of South Lebanon", "fired at targets in Jericho": who undergoes the act.
    roles.undergoers.extend(_with_conjuncts(pobj) for prep, pobj in prep_objects(head)
                            if prep == ("at" if is_verb(head) else "of"))
    # "a hunger strike in protest of the government's refusal": what is protested.
    for word in frontier_start:
        for prep, pobj in prep_objects(word):
            if prep == "in" and pobj.lower_ in _PROTEST_NOUNS:
                roles.protested.extend(_with_conjuncts(target) for inner, target
                                       in prep_objects(pobj) if inner in ("of", "against", "at"))
    # The place hangs on the trigger, its verb or its object ("imposed [a curfew] in Cizre"),
    # or on what a trigger noun as subject did ("the deployment of troops arrived in Bosnia").
    done = head.head if head.dep_ == "nsubj" and is_verb(head.head) else None
    places = [head, verb, child(head, "dobj"), done]
    for word in dict.fromkeys(w for w in places if w is not None):
        roles.place_recipients.extend(_with_conjuncts(pobj) for prep, pobj
                                      in prep_objects(word)
                                      if prep in _PLACE_PREPS and _names_a_place(pobj))


_CONFLICT_NOUNS = frozenset({"war", "conflict", "fight", "struggle", "campaign", "dispute",
                             "confrontation"})
_CONDITIONS = frozenset({"unless", "if"})


def _conditioned(word: Token) -> list[Token]:
    """The subjects of the "unless" or "if" clauses of `word`."""
    subjects: list[Token] = []
    for clause in word.children:
        if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS
                                          for m in clause.children):
            subject, agentive = subject_of(clause)
            if subject is not None and agentive and subject.head == clause:
                subjects.extend(_with_conjuncts(subject))
    return subjects


def _names_a_place(word: Token) -> bool:
    """ "in Serbia", "in the West Bank", "in the town of Cizre"; not "in support of X"."""
    named = [word, *(c for prep, c in prep_objects(word) if prep == "of")]
    return any(w.tag_ in ("NNP", "NNPS") or w.ent_type_ in ("GPE", "LOC", "FAC")
               for w in named)


def _recipient_of_the_rest(head: Token, trigger: frozenset[int], roles: Roles) -> None:
    """ "handed a note of protest [to] the Russian ambassador": the parse hangs whom a trigger
    phrase is addressed to on its last word, not on its head."""
    for i in sorted(trigger - {head.i}):
        word = head.doc[i]
        for prep, pobj in prep_objects(word):
            if prep in ("to", "with", "against") and pobj.ent_type_ not in _NOT_PARTIES:
                roles.recipients = _with_conjuncts(pobj)
                roles.notes.append(f"recipient = '{prep}' object of '{word.text}'")
                return


def find_roles(head: Token, trigger: frozenset[int] = frozenset()) -> Roles:
    """Who does what to whom around `head`; `trigger` holds the indices of the whole trigger."""
    roles = Roles()
    # "is opposed to": a participle after "be" takes its roles as an adjective does.
    if is_verb(head) and head.dep_ != "acomp":
        _verb_roles(head, roles, trigger)
    else:
        # "launched a [mediation] effort between the Emirates and Saudi Arabia": a noun
        # trigger modifying another noun takes that noun's parties.
        while head.dep_ == "compound" and head.head.tag_.startswith("NN"):
            head = head.head
        _noun_roles(head, roles)
        roles.has_xcomp = roles.has_xcomp or child(head, "xcomp") is not None
        if not roles.recipients:
            _recipient_of_the_rest(head, trigger, roles)
    _later_recipients(head, roles)
    if not roles.actors and (claimant := _responsibility_claimant(head)) is not None:
        roles.actors = [claimant]
        roles.notes.append(f"actor = '{claimant.text}', who claimed responsibility for it")
    return roles


def _condition_holds(entry: TriggerEntry, roles: Roles, actor_sectors: set[str],
                     named_party: bool = True) -> bool:
    cond = entry.when
    if cond.party and not named_party:
        return False
    if not _object_and_preposition_hold(entry, roles):
        return False
    if cond.sectors and not (actor_sectors & cond.sectors or
                             actor_sectors & {"IGO"} and "IGO" in cond.sectors):
        return False
    if cond.active and roles.passive_without_agent:
        return False
    if cond.must and not roles.has_must_clause:
        return False
    return not (cond.xcomp and not roles.has_xcomp)


def _object_and_preposition_hold(entry: TriggerEntry, roles: Roles) -> bool:
    cond = entry.when
    return (not cond.objects or any(t.lower_ in cond.objects and t.i not in roles.destinations
                                    for t in roles.objects)) and \
        (not cond.preps or bool(roles.preps & cond.preps))


def _pos_ok(entry: TriggerEntry, token: Token) -> bool:
    if entry.pos == "A":
        return token.dep_ == "acomp"
    if entry.pos == "V":
        return is_verb(token)
    if entry.pos == "N":
        return token.tag_.startswith("NN")
    return is_verb(token) or token.tag_.startswith("NN")


def _make_actor(ctx: ArticleContext, parsed: ParsedSentence, head: Token) -> Actor | None:
    # "Thousands of Iraqi Kurds": a count heads the phrase, its "of" complement is the party.
    counted = head.ent_type_ == "CARDINAL" and any(p == "of" for p, _ in prep_objects(head))
    if head.lower_ in _NOT_ENTITIES or head.tag_ in ("WDT", "WP") or \
            head.ent_type_ in _NOT_PARTIES and not counted:
        return None
    tokens = phrase_tokens(head)
    start, end = contiguous(tokens)
    text = parsed.text[start:end]
    shared = _shared_noun(_counted_object_of(head) or head)
    if shared is not None:
        actor = dataclasses.replace(ctx.make_actor(
            f"{text} {shared.text}", parsed.offset + start, parsed.offset + end), text=text)
    else:
        actor = ctx.make_actor(text, parsed.offset + start, parsed.offset + end)
    # "US" is a country, "us" the speaker's side.
    if any(t.lower_ in FIRST_PERSON and not t.text.isupper() for t in tokens) or \
            head.lower_ in PERSONAL_PRONOUNS:
        # "our positions": whose they are is known only from the speaker (the claims step).
        return actor
    if head.dep_ == "nsubj" and head.lower_ in ISSUED_TEXTS:
        # "The statement accuses Armenia": whoever issued it, found by the references step.
        return actor
    if actor.country is None and actor.sector is None and head.tag_ not in ("NNP", "NNPS") \
            and ATTACKER_WORDS.isdisjoint(text.lower().split()):
        # "fire", "effective measures", "the region": a common noun nobody's knowledge names is
        # the thing acted on, not a party to the event. Unknown proper names stay, uncoded, and
        # so do the attackers, whom the references step finds.
        return None
    return actor


# Plural nouns that count the "of" phrase after them ("scores of refugees").
_COUNT_NOUNS = frozenset({"scores", "dozens", "hundreds", "thousands", "tens", "millions"})


def _counted_object_of(head: Token) -> Token | None:
    """ "thousands of Iraqi Kurds", "scores of refugees": the people a count heads."""
    if head.ent_type_ != "CARDINAL" and head.lower_ not in _COUNT_NOUNS:
        return None
    return next((obj for prep, obj in prep_objects(head) if prep == "of"), None)


def _shared_noun(word: Token) -> Token | None:
    """ "Sierra Leonean and Liberian refugees": a bare nationality coordinated with a noun that
    another nationality modifies shares that noun (the parse makes the first a noun)."""
    if word.tag_ not in ("NNP", "JJ") or word.ent_type_ in ("GPE", "LOC", "FAC") or any(
            c.dep_ in ("det", "amod") for c in word.children):
        return None  # "attacked Kabul and Iranian positions": a place, not a nationality
    return next((c for c in word.conjuncts if c.i > word.i and c.tag_ in ("NN", "NNS") and any(
        m.dep_ in ("amod", "compound") and m.ent_type_ == "NORP" for m in c.children)), None)


def _actor_list(ctx: ArticleContext, parsed: ParsedSentence, heads: list[Token]) -> list[Actor]:
    found: list[Actor | None] = []
    for head in heads:
        actor = _make_actor(ctx, parsed, head)
        found.extend(_coordinated_parties(ctx, parsed, head) or [actor])
        if (counted := _counted_object_of(head)) is not None:
            # "scores of Sierra Leonean and Liberian refugees": each group counted is a party.
            _, phrase_end = contiguous(phrase_tokens(head))
            found.extend(_make_actor(ctx, parsed, other) for other in counted.conjuncts
                         if other.idx >= phrase_end and is_noun(other))
        if actor is not None and any(m in (actor.matched or "") for m in _NAMED_IN_COMPLEMENT):
            found.extend(_make_actor(ctx, parsed, other) for other in _complement_conjuncts(head))
    return [a for a in found if a is not None]


# How the actor dictionary says a complement names the party: a thing's ("relations with X"),
# or the owner that gives a head its country or sector ("positions of the security forces [and
# residential areas]").
_NAMED_IN_COMPLEMENT = ("complement of a non-actor head", "from 'of' ")


def _complement_conjuncts(head: Token) -> list[Token]:
    """ "relations with Congo [and Costa Rica]": the other parties coordinated in the
    complement that names the party of a thing."""
    return [c for prep in head.children if prep.dep_ == "prep"
            for obj in prep.children if obj.dep_ == "pobj"
            for c in obj.conjuncts if c.i > obj.i and is_noun(c)]


def _coordinated_parties(ctx: ArticleContext, parsed: ParsedSentence, head: Token
                         ) -> list[Actor]:
    """ "Hungarian and Romanian officials": one phrase, two parties, each coded as
    "<modifier> <head>" ("Romanian officials" -> ROU GOV) with the modifier as its evidence.
    Empty unless the modifiers name different countries."""
    for c in head.children:
        if c.dep_ not in ("amod", "compound", "nmod") or not c.conjuncts:
            continue
        actors = []
        for modifier in sorted([c, *c.conjuncts], key=lambda t: t.i):
            start = parsed.offset + modifier.idx
            actor = ctx.make_actor(f"{modifier.text} {head.text}", start,
                                   start + len(modifier.text))
            actors.append(dataclasses.replace(actor, text=modifier.text))
        if len({a.country for a in actors if a.country}) == len(actors) > 1:
            return actors
    return []


def _state_of_the_place(ctx: ArticleContext, parsed: ParsedSentence, roles: Roles
                        ) -> list[Actor]:
    """ "A missionary was arrested in Lebanon": an arrest, ban or curfew with no agent named is
    the state's where it happens; the country alone is coded."""
    for group in roles.place_recipients:
        place = next((a for a in _actor_list(ctx, parsed, group) if a.country), None)
        if place is not None:
            roles.notes.append(f"actor = the state of '{place.text}', where it happens, with no "
                               "agent named")
            return [dataclasses.replace(place, sector=None, name=None, title=None)]
    return []


_MET_SOMEWHERE = frozenset({"CONSULT", "AGREE", "SUPPORT"})
# Moving one's own forces: "the deployment of NATO troops", "the withdrawal of forces from
# Panama" name who moves, not whom it is done to.
_MOVING_FORCES = frozenset({"MOBILIZE", "RETREAT", "AID"})
_ARMED = frozenset({"MIL", "PRM", "REB", "UAF", "COP"})
_MOVES_ITSELF = frozenset({"MOBILIZE", "RETREAT"})


def _recipients(ctx: ArticleContext, parsed: ParsedSentence, roles: Roles,
                actors: list[Actor] | None = None, event_type: str = "",
                mode: str | None = None) -> list[Actor]:
    """The first candidate recipients that name a party: the object of "sent arms to
    Pakistan" is a thing, so the "to" object is the recipient. Failing the trigger's own
    arguments, the later candidates (`_later_recipients`), a party of a known country first.
    `actors` and `event_type` decide two of those: a protest held abroad ("Azerbaijanis
    rallied in Lyon") is not addressed to the host country, one at home ("Iraqi Kurds
    demonstrated in Kirkuk") is; the forces a deployment or withdrawal moves are not whom it
    is done to."""
    found = _actor_list(ctx, parsed, roles.recipients)
    if not any(_names_a_party(a) for a in found if not (a.matched or "").startswith("head thing")):
        # "blocked [streets] in Hong Kong in defiance of Chinese authorities".
        protested = next((g for g in (_actor_list(ctx, parsed, group)
                                      for group in roles.protested)
                          if any(_names_a_party(a) for a in g)), None)
        if protested:
            roles.notes.append(f"recipient = '{protested[0].text}', what is protested")
            return protested
    if any(_names_a_party(a) and a.country for a in found):
        return found
    if found:
        # "mobilized army reservists for a war against Iraq", "will withdraw its trainers
        # from Mali": one's own people, or people named by a sector alone, yield to the
        # country acted on.
        country = next((g for g in (_actor_list(ctx, parsed, group) for group in
                                    [*roles.other_recipients, *roles.countries_acted_on,
                                     *roles.later_recipients])
                        if any(a.country and _names_a_party(a) for a in g)), None)
        if country:
            roles.notes.append(f"recipient = '{country[0].text}', a country rather than "
                               f"'{found[0].text}'")
            return country
    if any(_names_a_party(a) for a in found):
        return found
    for group in roles.other_recipients:
        other = _actor_list(ctx, parsed, group)
        if any(_names_a_party(a) for a in other):
            roles.notes.append(f"recipient = '{other[0].text}', the first that names a party")
            return other
    home = {a.country for a in actors or [] if a.country} if event_type == "PROTEST" else set()

    def later() -> Iterator[list[Actor]]:
        for group in roles.later_recipients:
            yield _actor_list(ctx, parsed, group)
        # "confiscated weapons [from] armed groups": whom a thing is taken from.
        for group in roles.countries_acted_on:
            yield _actor_list(ctx, parsed, group)
        for group in roles.undergoers:
            moved = _actor_list(ctx, parsed, group)
            if not (event_type in _MOVING_FORCES and any(a.sector in _ARMED for a in moved)):
                yield moved
        # "resumed peace talks in Kuala Lumpur", "signed the accord in Paris": the host of a
        # meeting is no party to it, unless the meeting is a visit to it.
        hosted = event_type in _MET_SOMEWHERE and mode != "visit"
        for group in [] if hosted else roles.place_recipients:
            place = _actor_list(ctx, parsed, group)
            if not home or {a.country for a in place} <= home:
                yield place
        if event_type == "THREATEN":
            # Failing all else, a threat is aimed at whoever must meet its condition.
            yield from (_actor_list(ctx, parsed, group) for group in roles.conditioned)

    # A party of a known country beats a bare sector ("send [doctors] to help [Peru]").
    chosen: list[Actor] | None = None
    first_party: list[Actor] | None = None
    for candidate in later():
        if any(_names_a_party(a) and a.country for a in candidate):
            chosen = candidate
            break
        if first_party is None and any(_names_a_party(a) for a in candidate):
            first_party = candidate
    chosen = chosen or first_party
    if chosen:
        roles.notes.append(f"recipient = '{chosen[0].text}', acted on by the trigger's "
                           "infinitive or where it happens")
        return chosen
    return found


# Acts that fall on a place's people: a curfew, blockade, shelling or cut of aid in a city.
_FALLS_ON_PEOPLE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
# How the actor dictionary says a mention is a city ("Paris", "a curfew in Algiers").
_CITY_READINGS = ("head capital", "place '", "country from 'in' capital")


def _population(ctx: ArticleContext, actor: Actor, entry: TriggerEntry, roles: Roles,
                offset: int) -> Actor:
    """ "blockade Paris", "a curfew in Algiers", "fired at targets in Jericho": a city an act
    of force falls on stands for its civilians (CVL), not its government; a city that must
    meet a threat's condition ("unless Baghdad accepted") acts, so stays the government, and
    a city seized ("occupied the city of Shusha") is the place taken."""
    matched = actor.matched or ""
    if entry.event_type not in _FALLS_ON_PEOPLE or entry.mode == "seize" or \
            actor.sector not in (None, "GOV") or \
            not matched.startswith(_CITY_READINGS) and _CITY_READINGS[2] not in matched:
        return actor
    if matched.startswith("place '"):
        # "air links with Serbia": a country found by the gazetteer is no city.
        name = matched.split("'")[1]
        country = ctx.make_actor(name, actor.start, actor.end)
        if (country.matched or "").startswith("head country"):
            return actor
    if any(actor.start <= offset + t.idx < actor.end for group in roles.conditioned
           for t in group):
        return actor
    roles.notes.append(f"'{actor.text}': a city the act falls on, its people -> CVL")
    return dataclasses.replace(actor, sector="CVL",
                               matched=f"{actor.matched}; a city the act falls on -> CVL")


def _names_a_party(actor: Actor) -> bool:
    """Coded, and not one's own ("offered its troops to the president")."""
    return bool(actor.code) and not _own_side(actor)


def _own_side(actor: Actor) -> bool:
    return actor.text.split()[0].lower() in _OWN_SIDE


_CLAIMING_STEMS = ("claim", "admit", "accept", "take", "took", "assum", "bear", "bore")


def _responsibility_claimant(head: Token) -> Token | None:
    """ "Al Qaeda claimed responsibility for [the attack]": who says it did the act."""
    prep = head.head
    if head.dep_ not in ("pobj", "pcomp") or prep.lower_ != "for" or \
            prep.head.lower_ != "responsibility":
        return None
    verb = prep.head.head
    if not is_verb(verb) or not verb.lower_.startswith(_CLAIMING_STEMS):
        return None
    return subject_of(verb)[0]


# "a councillor, who asked not to be named", "declined to be identified", "requested
# anonymity": how news keeps a source unnamed, not a request or a refusal.
_NAMED_SOURCE = frozenset({"named", "identified", "quoted"})


# "The attack came four days after ...", "The strike comes amid ...": how news relates an event
# it has told to another one.
_COMING = frozenset({"come", "comes", "came", "coming"})
_RELATING = frozenset({"after", "amid", "as", "following", "before"})


def _ranked(noun: Token) -> bool:
    """ "attacked Chai ... in the most significant clash in the district since June", "the
    deadliest attack on the city this year": a superlative ranks the act the sentence tells
    among others ("since June" is the baseline of the ranking, not a date of the act). Not
    after a harm told without its doer: in "two were killed in the largest protest since May"
    the protest is the event."""
    # "in one of the deadliest attacks on the force this year" ranks it the same way.
    anchor = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        anchor = noun.head.head
    verb = anchor.head.head
    if is_verb(noun) or not (
            anchor.dep_ in ("attr", "appos")
            or anchor.dep_ == "pobj" and is_verb(verb)
            and any(c.dep_ == "nsubj" for c in verb.children)):
        return False
    return any(c.dep_ == "amod" and (c.tag_ == "JJS" or any(g.tag_ == "RBS" for g in c.children))
               for c in noun.children)


def _relates_told_event(noun: Token) -> bool:
    """ "The attack comes four days after the militia shelled the camp": a bare "the attack"
    is the one the article has told; the sentence is about the other event. ("The air strike
    on Thursday came four days after ..." tells the strike's day: it stays an event.)"""
    verb = noun.head
    children = list(noun.children)
    return (not is_verb(noun) and noun.dep_ == "nsubj" and verb.lower_ in _COMING
            and bool(children)
            and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
            and any(t.lower_ in _RELATING and t.dep_ in ("mark", "prep")
                    for t in verb.subtree if t.head == verb or t.head.head == verb))


# "treated and released", "released from hospital": a patient sent home, no one freed.
_CARE = frozenset({"hospital", "hospitals", "clinic", "clinics", "care"})
# "the committee that monitors the ceasefire", "despite a ceasefire that took effect in
# November", "want to destroy the peace talks": a truce in force or talks under way are the
# setting, not the act of agreeing to one or of meeting.
_IN_FORCE_VERBS = ("monitor", "observ", "respect", "uphold", "enforc", "supervis", "oversee",
                   "oversaw", "maintain", "implement", "breach", "undermin", "jeopardi",
                   "destroy", "derail", "sabotag", "wreck", "torpedo", "disrupt")
_IN_FORCE_PREPS = frozenset({"despite", "under", "since"})
_TRUCE_NOUNS = frozenset({"ceasefire", "ceasefires", "cease-fire", "truce", "truces",
                          "armistice", "cessation", "talks", "negotiations", "dialogue"})
# "The wounded were evacuated to the regional hospital": casualties' care, told without who
# gave it, is the aftermath of what wounded them, no aid given to the hospital.
_HOSPITALS = frozenset({"hospital", "hospitals", "clinic", "clinics", "infirmary"})
_CONVEYANCES = frozenset({"helicopter", "helicopters", "ambulance", "ambulances", "road", "air",
                          "boat", "boats", "plane", "planes", "aircraft"})


_BE = frozenset({"is", "was", "'s", "are", "were", "be", "been"})


def _characterised(noun: Token) -> bool:
    """ "said the attack was 'the work of criminal groups organised and financed from Belgrade'",
    "the attack was an act of terror": a bare "the attack" that a copula describes is the one
    the article has told; the rest of the sentence is what is said of it."""
    verb = noun.head
    children = list(noun.children)
    return (not is_verb(noun) and noun.dep_ == "nsubj" and verb.lower_ in _BE
            and bool(children)
            and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
            and any(c.dep_ in ("attr", "acomp") for c in verb.children))


def _told_as_claim(verb: Token) -> bool:
    """ "insists he was unarmed": a that-clause in the indicative is what the subject holds
    true, not what it demands ("insisted that the troops withdraw" is a demand)."""
    return (is_verb(verb) and verb.lower_.startswith("insist") and _subjunctive(verb) is None
            and any(c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBZ", "VBN") for c in verb.children)
            and not any(c.dep_ == "prep" for c in verb.children))


def _discharged(verb: Token) -> bool:
    if not (is_verb(verb) and verb.lower_.startswith("releas")):
        return False
    treated = verb.dep_ == "conj" and verb.head.lower_ in ("treated", "examined", "checked")
    return treated or any(c.dep_ == "prep" and c.lower_ == "from"
                          and any(g.lower_ in _CARE for g in c.children) for c in verb.children)


def _truce_in_force(noun: Token) -> bool:
    if noun.lower_ not in _TRUCE_NOUNS:
        return False
    if noun.dep_ == "dobj":
        return noun.head.lower_.startswith(_IN_FORCE_VERBS)
    return noun.dep_ == "pobj" and noun.head.lower_ in _IN_FORCE_PREPS


def _taken_to_hospital(verb: Token) -> bool:
    # "evacuated by helicopter": how they went, not who gave the aid ("by the Red Cross").
    return (is_verb(verb) and verb.lower_.startswith("evacuat")
            and any(c.dep_ == "nsubjpass" for c in verb.children)
            and not any(c.dep_ == "agent" and not any(g.lower_ in _CONVEYANCES for g in c.children)
                        for c in verb.children)
            and any(c.dep_ == "prep" and c.lower_ in ("to", "into")
                    and any(g.lower_ in _HOSPITALS for g in c.children) for c in verb.children))


# "opened fire without warning", "arrested without charge": how an act was done, not an act
# that was not.
_MANNER_NOUNS = frozenset({"warning", "notice", "provocation", "charge", "charges", "trial",
                           "permission", "consultation"})


def _manner_without(word: Token) -> bool:
    # The parser may read a bare "warning" as a gerund: alone after "without", it is the noun.
    return (word.lower_ in _MANNER_NOUNS and word.dep_ in ("pobj", "pcomp")
            and word.head.lower_ == "without" and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") for c in word.children))


def _asks_for_comment(noun: Token) -> bool:
    """ "Police did not respond to requests for comment": how a reporter asked, no event."""
    return not is_verb(noun) and noun.lower_ in ("request", "requests") and any(
        c.dep_ == "prep" and c.lower_ == "for"
        and any(g.lower_ in ("comment", "comments") for g in c.children) for c in noun.children)


def _standing_state(verb: Token) -> bool:
    """ "The territory where Russian peacekeepers are temporarily deployed", "the camp where
    they are held": a present passive in a relative clause says how things stand where the
    clause's noun is, not what someone did."""
    return (is_verb(verb) and verb.dep_ == "relcl" and verb.tag_ == "VBN"
            and any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children))


# "the territories liberated from occupation": land named by what became of it.
_LAND_NOUNS = frozenset({"territory", "territories", "area", "areas", "land", "lands", "region",
                         "regions", "district", "districts", "village", "villages", "town",
                         "towns", "zone", "zones"})
# "liberated from occupation", "freed from captivity": the state ended is no act of its own.
_ENDING_VERBS = ("liberat", "free", "releas", "rescu")


def _land_by_its_fate(verb: Token) -> bool:
    """A participle with nothing of its own but what it came from, that names land by what
    became of it ("the territories liberated from occupation"): a description, not an act.
    With a doer or a time ("villages seized by the rebels on Monday") it is an act."""
    return (is_verb(verb) and verb.dep_ == "acl" and verb.tag_ == "VBN"
            and verb.head.lower_ in _LAND_NOUNS
            and all(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children))


def _state_ended(noun: Token) -> bool:
    return (not is_verb(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "from"
            and noun.head.head.lower_.startswith(_ENDING_VERBS))


def not_an_event(head: Token) -> str | None:
    """Why a lexicon match names no event of its own here, or None when it may."""
    if _responsibility_claimant(head) is not None or \
            head.dep_ == "pobj" and accusation_frame(head) is not None:
        # "blamed the rebels [for] the killing of five soldiers": what one is blamed for is an
        # act, the accuser's claim (claims.py), not a topic.
        return None
    if _standing_state(head):
        return f"'{head.text}' says how things stand, in the present, no act"
    if _land_by_its_fate(head):
        return f"'{head.text}' names the '{head.head.text}' by what became of them, no act"
    if _state_ended(head):
        return f"'{head.text}' is the state '{head.head.head.text}' ended, no act of its own"
    if _ranked(head):
        return f"'{head.text}' ranks the act the sentence tells, it is no other act"
    if _characterised(head):
        return f"'{head.text}' is the one told before, described by '{head.head.text}'"
    if _told_as_claim(head):
        return f"'{head.text}' holds something true, it demands nothing"
    if _discharged(head):
        return f"'{head.text}' sends a patient home, it frees no one"
    if _truce_in_force(head):
        return f"'{head.text}' is a truce in force or talks under way, no act of their own"
    if _taken_to_hospital(head):
        return f"'{head.text}' tells the care of casualties, no aid given"
    if _asks_for_comment(head):
        return f"'{head.text}' is a reporter's request for comment, no event"
    if _manner_without(head):
        return f"'without {head.text}' says how the act was done, no act of its own"
    if _relates_told_event(head):
        return f"'{head.text} {head.head.text}' relates an event told before to another one"
    if is_verb(head) and head.dep_ == "amod":
        return f"'{head.text}' describes a noun ('{head.head.text}'), it reports no act"
    # Only a reduced clause: "a statement that troops had shelled ..." has its own subject and
    # reports the shelling.
    if is_verb(head) and head.dep_ == "acl" and head.head.lower_ in _PUBLISHED_THINGS and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in head.children):
        return f"'{head.text}' says how the {head.head.text} came out, it reports no act"
    if head.lower_.startswith("releas") and any(
            c.dep_ == "dobj" and c.lower_ in _PUBLISHED_THINGS for c in head.children):
        return f"'{head.text}' publishes something, it frees no one"
    if any(c.dep_ == "xcomp" and c.lower_ in _NAMED_SOURCE or c.dep_ == "dobj"
           and c.lower_ == "anonymity" for c in head.children):
        return f"'{head.text}' is a source's wish not to be named, it reports no act"
    if head.dep_ == "compound" and head.head.lower_ in _EQUIPPED_FOR:
        return f"'{head.text}' names what '{head.head.text}' are for, it reports no act"
    if not is_verb(head) and head.dep_ == "compound" and head.head.tag_.startswith("NN") and \
            head.head.lower_ not in _LIGHT_HEADS:
        # "the ceasefire monitoring mechanism", "attack helicopters": a noun naming a kind of
        # another thing tells no act ("a mediation mission" is the mediation).
        return f"'{head.text}' names a kind of '{head.head.text}', it reports no act"
    if is_verb(head) and head.dep_ == "acl" and head.tag_ == "VBN" and \
            head.lower_ in _ALLEGIANCE and any(c.dep_ == "agent" for c in head.children):
        # "regime troops supported by gunboats": who fights beside the troops, told in passing.
        return f"'{head.text}' describes '{head.head.text}', it reports no act"
    # "punished Moscow for its interference and its occupation": a conjunct shares the topic.
    noun = head
    while noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head
    if noun.dep_ == "pobj" and (noun.head.lower_ in TOPIC_PREPS or (
            noun.head.lower_ == "on" and noun.head.head.lower_ in _SAYING_WORDS)):
        return f"'{head.text}' is the topic ('{noun.head.text}') of another act"
    return None


_ALLEGIANCE = frozenset({"supported", "backed"})
# Nouns that say only that an act was undertaken or is to be ("a mediation mission", "arrest
# warrants"), or an act of which the compound names the kind ("bombing raids", "a protest
# crackdown"): the compound before them names the act.
_LIGHT_HEADS = frozenset(
    "mission missions effort efforts bid bids attempt attempts process initiative initiatives "
    "campaign campaigns operation operations drive push plan plans proposal offer talks "
    "meeting meetings visit trip tour spree wave series raid raids crackdown crackdowns "
    "warrant warrants".split())
# Verbal events whose clausal complement is what is asked, threatened, promised or refused.
_SAYING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"})


def _telling_event(head: Token, heads: list[tuple[Event, Token]]) -> Event | None:
    """The event a trigger is the content of, when one was matched: "condemned [the attack]",
    "signed [an agreement]" (the object of a trigger verb), "called on Armenia to [hand over]
    maps", "threatened to [strike]", "threatened to impose [sanctions]" (the complement of a
    verbal event, or its object) are not events of their own."""
    if is_verb(head):
        if _asked_of_addressee(head):
            # "called on the ceasefire monitoring mechanism [to investigate]": an infinitive
            # with no subject under the one asked is what is asked, however it was parsed.
            asking = _asking_verb(head)
            told = next((e for e, t in heads if t == asking and e.event_type == "REQUEST"),
                        None)
            if told is not None:
                return told
        # "an appeal ... [to lay down] their arms": a noun trigger's infinitive (acl) too.
        if head.dep_ not in ("xcomp", "ccomp", "acl"):
            return None
        return next((e for e, t in heads if t == head.head and e.event_type in _SAYING_TYPES),
                    None)
    if head.dep_ != "dobj":
        return None
    told = next((e for e, t in heads if t == head.head), None)
    verb = head.head
    if told is None and verb.dep_ in ("xcomp", "ccomp"):
        # "called on Armenia to hold [talks]", "threatened to impose [sanctions]"
        told = next((e for e, t in heads if t == verb.head and e.event_type in _SAYING_TYPES),
                    None)
    return told


def _asked_of_addressee(verb: Token) -> bool:
    """An infinitive with no subject of its own that hangs on a noun or on a participle
    modifying one, not on a verb's clause."""
    head = verb.head
    return (verb.dep_ in ("acl", "advcl", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and (not is_verb(head) or head.dep_ == "acl" and head.tag_ in ("VBG", "VBN")))


def _asking_verb(verb: Token) -> Token | None:
    """The verb above `verb` past the nouns, prepositions and participles in between ("call"
    over "on the ceasefire monitoring mechanism to investigate")."""
    node = verb.head
    while node.head != node and (not is_verb(node) or node.tag_ in ("VBG", "VBN")
                                 and node.dep_ == "acl"):
        node = node.head
    return node if is_verb(node) and node != verb else None


# What is asked, offered or threatened decides the CAMEO code (CAMEO2PLOVER-2021 rows 031-039,
# 101-108 and 131-138, with their PLOVER modes): "demanded that Armenia [hold talks]" is 106,
# "threatened to [attack]" 138. Keyed by the type (and, for RETREAT, the mode) of the content's
# trigger.
_DEMAND_FOR = {"CONSULT": ("106", "meet"), "AGREE": ("107", "meet"),
               "AID": ("103", "assist"), "COOPERATE": ("101", "assist"),
               "SUPPORT": ("102", "assist"), "CONCEDE": ("105", "change"),
               "RETREAT": ("1056", "yield"), "RETREAT release": ("1053", "yield"),
               "CONCEDE policy": ("1042", "change")}
# CAMEO tells an appeal ("urged", "called on": 02) from a demand ("demanded", "must": 10); PLOVER
# codes both REQUEST with the same modes. Appeal subcodes mirror the demand ones: 106 -> 026.
_APPEAL_FOR = {content: ("02" + code[2:], mode) for content, (code, mode) in _DEMAND_FOR.items()}
# PLOVER's THREATEN modes are the content of the threat (restrict, arrest, relations, expel,
# territory, violence): a threatened ban restricts, so "ban" (no THREATEN mode) is not used.
THREAT_OF = {"ASSAULT": ("138", "violence"), "SANCTION": ("1312", "restrict"),
             "COERCE": ("132", "restrict"), "PROTEST": ("133", "restrict")}
# A threatened coercion keeps its kind where PLOVER has a threat mode for it.
_THREAT_MODE_OF_COERCION = {"arrest": "arrest", "expel": "expel", "seize": "territory"}
# What is agreed to or offered: CAMEO 031-039 ("willing to [send] troops" is 033 aid).
_AGREE_TO = {"CONSULT": ("036", None), "AGREE settle": ("037", None), "SUPPORT": ("032", None),
             "COOPERATE": ("031", None), "AID": ("033", None), "CONCEDE": ("034", None),
             "RETREAT": ("0356", None),
             "RETREAT release": ("0353", None), "RETREAT access": ("0355", None)}
# (type, the trigger row's unspecific code) -> what the content makes of it.
_BY_CONTENT = {("REQUEST", "100"): _DEMAND_FOR, ("REQUEST", "020"): _APPEAL_FOR,
               ("THREATEN", "130"): THREAT_OF, ("AGREE", "030"): _AGREE_TO}


def _code_by_content(event: Event, content: TriggerEntry, *, forceful: bool = True) -> None:
    # A specific trigger row ("ultimatum") has already said what kind: no table then.
    table = _BY_CONTENT.get((event.event_type, event.cameo or ""), {})
    if event.event_type == "AGREE" and content.event_type in THREAT_OF and \
            content.event_type != "PROTEST" and forceful:
        # "prepared to impose martial law", "vowed to fight": readiness to use force or
        # coercion against someone is a threat.
        event.event_type, event.quad_class, table = "THREATEN", QUAD_CLASS["THREATEN"], THREAT_OF
    found = table.get(f"{content.event_type} {content.mode}") or table.get(content.event_type)
    if found is None:
        return
    code, mode = found
    if table is THREAT_OF and content.event_type == "COERCE":
        mode = _THREAT_MODE_OF_COERCION.get(content.mode or "", mode)
    if content.cameo[:2] in ("06", "07") and content.cameo[2:3] in ("1", "2", "3", "4") and \
            code[-1:] in ("1", "3") and len(code) == 3:
        # economic/military/judicial/intelligence cooperation (061-064) and aid (071-074)
        # keep their kind: "called on Armenia to share maps" is 0214, not 021.
        code += content.cameo[2]
    event.cameo, event.event_mode = code, mode
    event.explain.append(f"{event.event_type} of {content.event_type} '{content.pattern}' -> "
                         f"CAMEO {code}, mode {mode}")


# What a demand, appeal, threat or promise asks for, when its clause names it in words that are
# no event row of their own (as `TriggerEntry` rows, so `_code_by_content` reads them alike):
# "bring those responsible [to justice]" asks for judicial cooperation (CAMEO 063 -> 0213),
# "take effective [measures] to prevent ..." for a change of policy (CAMEO 0832 -> 1042), and
# "begin work on the [delimitation] of the border" for negotiation, as borders are delimited
# by the two sides' commissions (CAMEO 046 -> 026).
_JUDICIAL = TriggerEntry("bring to justice", ("justice",), 0, "N", "COOPERATE", None, "063")
_POLICY_CHANGE = TriggerEntry("take measures", ("take", "measures"), 0, "V", "CONCEDE", "policy",
                              "0832")
_NEGOTIATED = TriggerEntry("delimitation", ("delimitation",), 0, "N", "CONSULT", None, "046")
# "ready to sign a peace treaty": signing what ends a conflict settles it (CAMEO 037 express
# intent to settle dispute, 107 demand, 027 appeal), more than a formal agreement (057 -> 032).
_SETTLEMENT = TriggerEntry("sign a peace treaty", ("sign",), 0, "V", "AGREE", "settle", "057")
_PEACE_WORDS = frozenset({"peace", "ceasefire", "cease-fire", "armistice", "truce"})


def _settles(entry: TriggerEntry, head: Token) -> TriggerEntry:
    signed = child(head, "dobj") if entry.cameo == "057" and is_verb(head) else None
    if signed is not None and any(t.lower_ in _PEACE_WORDS for t in signed.subtree):
        return _SETTLEMENT
    return entry


_MODIFIERS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod"})
_POLICY_STEPS = frozenset({"measures", "steps", "action", "actions"})
_NEGOTIATED_NOUNS = frozenset({"delimitation", "demarcation"})


def _content_clause(head: Token) -> Token | None:
    """ "demanded [that Paris take ...]", "called on Yerevan [to begin ...]": the clause of what
    is asked, threatened or promised."""
    return next((c for c in head.children if c.dep_ in ("ccomp", "xcomp") and is_verb(c)), None)


def _worded_content(clause: Token) -> TriggerEntry | None:
    if clause.lower_.startswith("tak") and any(
            c.dep_ == "dobj" and c.lower_ in _POLICY_STEPS for c in clause.children):
        return _POLICY_CHANGE
    for word in clause.subtree:
        if word.lower_ == "justice" and word.head.lower_ == "to":
            return _JUDICIAL
        if word.lower_ in _NEGOTIATED_NOUNS:
            return _NEGOTIATED
    return None


def _describes_party(word: Token) -> bool:
    """ "no right to use force on [protesting] civilians": a modifier, or the object of a
    preposition that names whom an act falls on, describes a party; it is not what is asked."""
    return word.dep_ in _MODIFIERS or (word.dep_ in ("pobj", "pcomp") and
                                       word.head.lower_ in ("on", "upon", "against", "at"))


# "warned that [a blockade] would harm ...": the clause's subject is what it is about; "vowed
# to wage war until that group [yielded ground seized ...]": a clause of time or condition and
# a relative clause are circumstances, not what is threatened.
_NOT_PREDICATE = frozenset({"nsubj", "nsubjpass", "csubj", "advcl", "relcl"})


def _in_predicate(word: Token, clause: Token) -> bool:
    current = word
    while current != clause and current.head != current:
        if current.dep_ in _NOT_PREDICATE:
            return False
        current = current.head
    return True


def _code_by_clause(events: list[Event], heads: list[tuple[Event, Token]],
                    entries: dict[str, TriggerEntry]) -> None:
    """A demand, appeal, threat or promise still of no kind takes it from its clause: the
    words of `_worded_content`, else an event matched inside the clause ("warned that the
    senators would be added to the list of persons [banned] from entering"), which is what is
    threatened, not an event of its own."""
    for event, head in heads:
        if (event.event_type, event.cameo or "") not in _BY_CONTENT or event not in events:
            continue
        clause = _content_clause(head)
        if clause is None:
            continue
        content = _worded_content(clause)
        if content is None:
            inside = {t.i for t in clause.subtree}
            told = next(((e, t) for e, t in heads if t.i in inside and e in events
                         and e.event_type not in _SAYING_TYPES and not _describes_party(t)
                         and _in_predicate(t, clause)), None)
            if told is None:
                continue
            events.remove(told[0])
            event.explain.append(f"'{told[0].trigger.text}' is what '{event.trigger.text}' is "
                                 "about, not another event")
            content = entries[told[0].id]
        _code_by_content(event, content)


# PLOVER ASSAULT 'primitive': "fire, edged weapons, rocks, farm implements", and blunt
# instruments (bats, clubs) beside 'beat'.
_PRIMITIVE_WEAPONS = frozenset(
    """knife knives machete machetes axe axes hatchet hatchets sword swords dagger daggers
    hammer hammers bar bars pipe pipes bat bats club clubs stick sticks baton batons rock rocks
    stone stones brick bricks pitchfork pitchforks shovel shovels spade spades""".split())


def _armed_with(head: Token, roles: Roles) -> Token | None:
    """ "a group armed with hammers and metal bars attacked ...", "attacked them with knives":
    a primitive weapon named in the attackers' phrase or in a 'with' phrase of the act."""
    words = [t for actor in roles.actors for t in actor.subtree]
    words.extend(t for prep, pobj in prep_objects(head) if prep == "with" for t in pobj.subtree)
    return next((t for t in words if t.lower_ in _PRIMITIVE_WEAPONS), None)


def _weapon_kind(event: Event, head: Token, roles: Roles) -> None:
    """An attack of no stated kind (CAMEO 190, conventional military force) made with primitive
    weapons is a physical assault (CAMEO 182), PLOVER mode 'primitive'."""
    if event.event_type != "ASSAULT" or event.cameo != "190" or event.event_mode:
        return
    weapon = _armed_with(head, roles)
    if weapon is not None:
        event.cameo, event.event_mode = "182", "primitive"
        event.explain.append(f"weapon '{weapon.text}' is primitive -> CAMEO 182, mode primitive")


def _visit(event: Event, head: Token) -> None:
    """A meeting held where the actor travelled to is a visit (CAMEO 042 'make a visit'):
    "a group of senators travelled to Khankendi and met with ...", "flew to Moscow to meet"."""
    if event.event_type != "CONSULT" or event.cameo != "040" or not is_verb(head):
        return
    travel = travelled_to_do(head)
    if travel is not None:
        event.cameo, event.event_mode = "042", "visit"
        event.explain.append(f"visit: met after '{travel.text}' there -> CAMEO 042")


def _restates(event: Event, head: Token, earlier: list[tuple[Event, Token]]) -> Event | None:
    """ "shelled Armenian positions, killing one soldier": a participle clause of an earlier
    violent trigger tells the result of that act, not a second one; so does one of a verb
    coordinated with it ("returned fire and forced the attacking groups to retreat, inflicting
    heavy losses on them")."""
    if head.tag_ != "VBG" or head.dep_ != "advcl":
        return None
    governor = head.head
    acts = [governor, governor.head] if governor.dep_ == "conj" else [governor]
    return next((e for e, t in earlier if t in acts and
                 e.event_type == event.event_type), None)


def _forceful(ctx: ArticleContext, parsed: ParsedSentence, telling: Event, entry: TriggerEntry,
              head: Token, i: int) -> bool:
    """Whether what is agreed to is the use of force its row names: in "agreed to find a
    solution" the row for finding weapons (COERCE) does not hold, so the agreement is no
    threat. Demands and threats take their content's code whether or not its condition holds."""
    if telling.event_type != "AGREE" or entry.event_type not in ("ASSAULT", "COERCE") or \
            entry.when.empty:
        return True
    roles = find_roles(head, frozenset(range(i, i + len(entry.words))))
    actors = _actor_list(ctx, parsed, roles.actors)
    return _condition_holds(entry, roles, _condition_sectors(actors), _named_party(actors))


def _content_row(entry: TriggerEntry, head: Token, i: int,
                 candidates: list[tuple[TriggerEntry, int]],
                 is_trigger: Callable[[Token], bool]) -> TriggerEntry | None:
    """The row that tells what is promised, asked or threatened: the first of the same words
    whose object and preposition conditions hold in the clause ("willing to withdraw its
    troops" is the plain withdrawal, not the row for withdrawing observers). Who acts is not
    asked (an infinitive often names no one). Where no row holds, an object that is a trigger
    of its own is the content ("prepared to impose [martial law]": None here), else the first
    row stands ("offered to hand over two of its nationals")."""
    if entry.when.empty:
        return entry
    roles = find_roles(head, frozenset(range(i, i + len(entry.words))))
    for other, head_index in candidates:
        if head_index == head.i and len(other.words) == len(entry.words) and \
                _pos_ok(other, head) and _object_and_preposition_hold(other, roles):
            return other
    obj = child(head, "dobj")
    return None if obj is not None and is_trigger(obj) else entry


def _is_trigger(lexicon: Lexicon, words: list[str], token: Token) -> bool:
    """Whether a lexicon pattern has `token` as its head word ("martial [law]")."""
    return any(head_index == token.i
               for start in range(token.left_edge.i, token.i + 1)
               for entry, head_index in lexicon.candidates(words, start)
               if _pos_ok(entry, token))


def _named_party(actors: list[Actor]) -> bool:
    return any(a.country or a.sector for a in actors)


def _condition_sectors(actors: list[Actor]) -> set[str]:
    return {a.sector for a in actors if a.sector} | {
        a.country for a in actors if a.country in ("IGO", "NGO")}


def extract_events(ctx: ArticleContext, parsed: ParsedSentence, lexicon: Lexicon) -> list[Event]:
    """One Event per trigger in the sentence, with actors and recipients resolved."""
    doc = parsed.doc
    words = [t.lower_ for t in doc]
    consumed: set[int] = set()
    events: list[Event] = []
    heads: list[tuple[Event, Token]] = []
    entries: dict[str, TriggerEntry] = {}
    for i in range(len(doc)):
        if i in consumed:
            continue
        candidates = lexicon.candidates(words, i)
        for entry, head_index in candidates:
            head = doc[head_index]
            if not _pos_ok(entry, head) or not_an_event(head):
                continue
            if (telling := _telling_event(head, heads)) is not None:
                content_row = _content_row(entry, head, i, candidates,
                                           lambda obj: _is_trigger(lexicon, words, obj))
                if content_row is None:
                    continue
                entry = content_row
                # "condemned the attack": the attack is what the condemnation is about, an
                # event told elsewhere; coding it here would give it the condemner as actor.
                telling.explain.append(f"'{head.text}' is what '{telling.trigger.text}' is "
                                       "about, not another event")
                _code_by_content(telling, _settles(entry, head),
                                 forceful=_forceful(ctx, parsed, telling, entry, head, i))
                if not telling.recipients:
                    # "ready to sign a treaty [with Armenia]", "promised to continue aid [to
                    # Mozambique]": who the promise, demand or threat is about is the party
                    # the content acts on.
                    content = find_roles(head, frozenset(range(i, i + len(entry.words))))
                    # "withdraw its troops": one's own side is not who the promise is to.
                    telling.recipients = [
                        _population(ctx, r, entry, content, parsed.offset)
                        for r in _recipients(ctx, parsed, content,
                                             event_type=telling.event_type)
                        if not any(r.start == a.start for a in telling.actors)
                        and not _own_side(r)]
                    if telling.recipients:
                        telling.explain.append(f"recipient = who '{head.text}' acts on")
                    elif telling.event_type == "ACCUSE" and (
                            told := _told_before(ctx, parsed, events, head, entry.event_type)):
                        # "strongly condemned the attack": whoever carried it out.
                        telling.recipients = list(told.actors)
                        telling.explain.append(f"recipient = who did '{told.trigger.text}', "
                                               f"the '{head.text}' told before")
                named = _named_act(ctx, parsed, telling, entry, head,
                                   doc[i:i + len(entry.words)])
                if named is not None:
                    events.append(named)
                    heads.append((named, head))
                    entries[named.id] = entry
                consumed.update(range(i, i + len(entry.words)))
                break
            roles = find_roles(head, frozenset(range(i, i + len(entry.words))))
            actors = _actor_list(ctx, parsed, roles.actors)
            if not _condition_holds(entry, roles, _condition_sectors(actors),
                                    _named_party(actors)):
                continue
            if (entry.when.harm or entry.words[entry.head] == "kill") and \
                    not _violent(entry, head, roles):
                continue
            if entry.when.military and not _at_war(ctx, parsed, head):
                continue
            actors, recipients = _settle_parties(ctx, parsed, events, entry, head,
                                                 doc[i:i + len(entry.words)], roles, actors)
            if entry.when.harm:
                actors, recipients = _harmed_parties(ctx, parsed, head,
                                                     doc[i:i + len(entry.words)], roles, actors,
                                                     recipients)
            span_start = doc[i].idx
            last = doc[i + len(entry.words) - 1]
            span_end = last.idx + len(last.text)
            consumed.update(range(i, i + len(entry.words)))
            explain = [f"trigger '{parsed.text[span_start:span_end]}' matched lexicon row "
                       f"{entry.line} '{entry.pattern}' ({entry.pos}) -> {entry.event_type}"
                       f"/{entry.cameo}" + (f" when {entry.when.describe()}"
                                            if not entry.when.empty else ""),
                       *roles.notes]
            for a in [*actors, *recipients]:
                explain.append(f"'{a.text}' -> {a.code or 'unresolved'}"
                               + (f" ({a.matched})" if a.matched else ""))
            event = Event(
                article_id=ctx.article.id,
                event_type=entry.event_type,
                event_mode=entry.mode,
                cameo=entry.cameo or None,
                sentence=parsed.text,
                sentence_start=parsed.sentence.start,
                sentence_end=parsed.sentence.end,
                trigger=Span(parsed.text[span_start:span_end], parsed.offset + span_start,
                             parsed.offset + span_end),
                actors=actors,
                recipients=[r for r in recipients
                            if not any(r.start == a.start for a in actors)],
                source_file=ctx.article.source_file,
                explain=explain,
            )
            _weapon_kind(event, head, roles)
            if entry.when.harm:
                _harm_weapon(event, head)
            _visit(event, head)
            same = _restates(event, head, heads)
            if same is not None and entries[same.id].when.harm:
                # "were killed in Israeli tank shelling": the act told after a harm is the
                # event, the harm its result.
                events.remove(same)
                heads[:] = [(e, t) for e, t in heads if e is not same]
                same = None
            if same is not None:
                same.explain.append(f"'{event.trigger.text}' tells the result of "
                                    f"'{same.trigger.text}', not another event")
            else:
                events.append(event)
                heads.append((event, head))
                entries[event.id] = entry
            break
    _harm_only_alone(ctx, parsed, events, heads, entries)
    _code_by_clause(events, heads, entries)
    _protests_address_their_demands(heads)
    ctx.told.extend(events)
    return events


# Statements whose object may name an act of violence or repression of its own: "condemned the
# detention of the activists", "gathered to protest the shelling of Adre".
_NAMING_TYPES = frozenset({"ACCUSE", "PROTEST"})
_NAMED_TYPES = frozenset({"ASSAULT", "COERCE"})
# What makes a named act one incident: whom or where it hit ("the shelling [of] Adre", "the
# attack [on] the convoy"), or who did it ("[Israel's] shelling").
_NAMING_PREPS = frozenset({"of", "on", "against", "in"})


def _named_act(ctx: ArticleContext, parsed: ParsedSentence, telling: Event,
               entry: TriggerEntry, head: Token, trigger: DocSpan) -> Event | None:
    """The act a condemnation or protest names by a noun, as an event of its own: the named act
    happened, as the one condemning says (PLOVER: "condemn ... an action"), whoever did it. Its
    parties are those its own phrase names, never the one condemning, who is who claims it. It
    is told only where its phrase names one act (a definite or possessed noun) and what it hit
    or who did it, and where the sentence gives no day but in that phrase: the day of a
    condemnation ("condemned on Wednesday the shelling of ...") is not the day of what it
    condemns."""
    if telling.event_type not in _NAMING_TYPES or entry.event_type not in _NAMED_TYPES or \
            is_verb(head):
        return None
    phrase = {t.i for t in head.subtree}
    # "condemned attacks on journalists" names a kind of act, "the attack on ..." one act.
    possessed = any(c.dep_ == "poss" for c in head.children)
    if not possessed and not any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                 for c in head.children):
        return None
    if not possessed and not any(prep in _NAMING_PREPS for prep, _ in prep_objects(head)):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") and t.i not in phrase for t in parsed.doc):
        return None
    roles = find_roles(head, frozenset(range(trigger.start, trigger.end)))
    # The governing verb's parties are the statement's: only the act's own phrase counts.
    roles.actors = [t for t in roles.actors if t.i in phrase]
    roles.recipients = [t for t in roles.recipients if t.i in phrase]
    for found in (roles.other_recipients, roles.later_recipients, roles.undergoers,
                  roles.place_recipients, roles.countries_acted_on, roles.conditioned,
                  roles.protested, roles.complained_of):
        found[:] = [group for group in found if all(t.i in phrase for t in group)]
    actors = _actor_list(ctx, parsed, roles.actors)
    recipients = [_population(ctx, r, entry, roles, parsed.offset)
                  for r in _recipients(ctx, parsed, roles, actors, entry.event_type, entry.mode)]
    span = parsed.text[trigger.start_char:trigger.end_char]
    event = Event(
        article_id=ctx.article.id, event_type=entry.event_type, event_mode=entry.mode,
        cameo=entry.cameo or None, sentence=parsed.text, sentence_start=parsed.sentence.start,
        sentence_end=parsed.sentence.end,
        trigger=Span(span, parsed.offset + trigger.start_char,
                     parsed.offset + trigger.end_char),
        actors=actors,
        recipients=[r for r in recipients if not any(r.start == a.start for a in actors)],
        source_file=ctx.article.source_file,
        explain=[f"trigger '{span}' matched lexicon row {entry.line} '{entry.pattern}' "
                 f"({entry.pos}) -> {entry.event_type}/{entry.cameo}: the act "
                 f"'{telling.trigger.text}' names", *roles.notes])
    _weapon_kind(event, head, roles)
    if telling.actors:
        event.claimed_by = dataclasses.replace(telling.actors[0])
        event.attribution = "claimed"
        event.explain.append(f"claimed: '{telling.actors[0].text}' "
                             f"{telling.trigger.text} it")
    return event


def _settle_parties(ctx: ArticleContext, parsed: ParsedSentence, events: list[Event],
                    entry: TriggerEntry, head: Token, trigger: DocSpan, roles: Roles,
                    actors: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """The event's actors and recipients: the recipients `roles` name, then what the roles
    alone cannot tell (who moves, whose fire is returned, who is harmed by a device)."""
    recipients = [_population(ctx, r, entry, roles, parsed.offset)
                  for r in _recipients(ctx, parsed, roles, actors, entry.event_type,
                                       entry.mode)]
    protest_unaddressed = entry.event_type == "PROTEST" and not any(
        _names_a_party(r) for r in recipients)
    if (entry.event_type == "ACCUSE" or protest_unaddressed) and (accused := next((
            g for g in (_actor_list(ctx, parsed, group) for group in roles.complained_of)
            if any(_names_a_party(a) and a.country for a in g)), None)):
        # "Lebanon complained to the United Nations over two Israeli air raids": the accused
        # is whom the complaint is about, not whom it is made to; a protest addressed to no
        # one is aimed at whom it is over ("a strike over a bill signed by the minister").
        recipients = accused
        roles.notes.append(f"recipient = '{accused[0].text}', what is complained of")
    if entry.event_type in _MOVES_ITSELF and not actors and roles.passive_without_agent and \
            recipients and all(r.sector in _ARMED for r in recipients):
        # "guerrillas have been demobilized", "troops were withdrawn": the forces moved are
        # who retreats or mobilizes.
        actors, recipients = recipients, []
        roles.notes.append("actor = the forces moved, with no agent named")
    if entry.event_type in _MOVES_ITSELF and not actors and is_noun(head):
        # "the first deployment of NATO peacekeeping troops", "the withdrawal of Serbian
        # forces": the forces a deployment or withdrawal moves are who mobilizes or retreats.
        moved = next((a for a in (_actor_list(ctx, parsed, group) for group in roles.undergoers)
                      if a and all(m.sector in _ARMED for m in a)), [])
        if moved:
            actors = moved
            roles.notes.append(f"actor = '{moved[0].text}', the forces moved")
    if not recipients and _answers_fire(head) and (
            told := _told_before(ctx, parsed, events, None, "ASSAULT", actors)):
        recipients = list(told.actors)
        roles.notes.append(f"recipient = who did '{told.trigger.text}', the fire returned")
    if not actors and roles.passive_without_agent and (
            entry.event_type == "COERCE" or entry.mode == "investigate"):
        # "was arrested in Lebanon", "was put under investigation in Italy".
        actors = _state_of_the_place(ctx, parsed, roles)
    if entry.event_type != "ASSAULT":
        return actors, recipients
    if is_noun(head) and (harm := _harming_verb(head)) is not None:
        victims = _actor_list(ctx, parsed, _victims(harm))
        if victims:
            recipients = victims
            roles.notes.append(f"recipient = who was '{harm.text}' by it")
            if {a.text for a in actors} & {v.text for v in victims}:
                actors = []  # "five civilians died in the shelling": the dead did not shell
        if not actors:
            actors = [_unidentified(parsed, trigger)]
            roles.notes.append(f"actor = unidentified: '{harm.text}' by a device, no one named")
    if not actors and (device := _harming_thing(ctx, parsed, head)) is not None:
        actors = [_unidentified(parsed, device)]
        roles.notes.append(f"actor = unidentified: '{head.text}' by '{device.text}', no one "
                           "named")
    return actors, [_harmed_as_civilians(r, roles) for r in recipients]


# Words that show labour acting as such, which an attack can aim at: "the offices of the
# union", "striking workers".
_ORGANISED_LABOUR = re.compile(r"\b(?:unions?|movement|federation|confederation|strik\w*|"
                               r"protest\w*)\b", re.IGNORECASE)


def _harmed_as_civilians(actor: Actor, roles: Roles) -> Actor:
    """ "two employees of a road construction company were killed": workers an attack hurts
    are unarmed people harmed as civilians (CVL); PLOVER's LAB is organised labour, which
    stays LAB where the mention shows it acting as such (a union, strikers)."""
    if actor.sector != "LAB" or _ORGANISED_LABOUR.search(actor.text):
        return actor
    roles.notes.append(f"'{actor.text}': workers harmed as unarmed people -> CVL")
    return dataclasses.replace(actor, sector="CVL",
                               matched=f"{actor.matched}; workers harmed -> CVL")


# What kills or hurts without anyone's violence: "died of cholera", "killed in a car crash",
# "an earthquake killed 300". PLOVER codes no event for these.
_PEACEFUL_CAUSES = frozenset(
    """accident accidents crash crashes crashed collision collided overturned derailed derailment
    wreck rollover pileup plunged veered skidded capsized earthquake earthquakes quake tremor
    flood floods flooding landslide landslides mudslide storm storms cyclone hurricane typhoon
    tornado tsunami avalanche lightning eruption volcano heatwave drought disease diseases illness
    illnesses cancer covid covid-19 coronavirus cholera malaria ebola measles virus outbreak
    pandemic epidemic infection overdose drowned drowning hunger starvation dehydration exposure
    complications natural""".split())
# A death is violent by what caused it: "died of his wounds", "died from gunshot injuries".
_VIOLENT_HARMS = frozenset({"wounds", "wound", "injuries", "injury", "gunshot", "gunshots",
                            "shrapnel", "torture", "beating", "beatings", "stabbing"})
# "killed time", "killed the bill": what is killed is no one.
_NOT_VICTIMS = frozenset({"time", "hours", "bill", "bills", "proposal", "motion", "engine",
                          "lights", "deal", "story", "rumours", "rumors", "mood"})


def _violent(entry: TriggerEntry, head: Token, roles: Roles) -> bool:
    """Whether a killing, wounding or death told around `head` is an act of violence to code:
    not when what is killed is no one or the cause is peaceful, nor a death with no violent
    cause named, nor, for a harm row, a verb with its doer and its victim ("gunmen wounded
    two"): that is an act, for the rows of acts to code, not a harm told alone."""
    if not is_verb(head):
        # "the death toll from the floods rose to 40": a harm noun's cause is told anywhere in
        # its sentence.
        return not entry.when.harm or not any(t.lower_ in _PEACEFUL_CAUSES for t in head.sent)
    victim = child(head, "dobj")
    if victim is not None and victim.lower_ in _NOT_VICTIMS or \
            any(t.lower_ in _PEACEFUL_CAUSES for t in head.subtree):
        return False
    if not entry.when.harm:
        return True
    if entry.words[entry.head] == "die" and not any(t.lower_ in _VIOLENT_HARMS
                                                    for t in head.subtree):
        return False
    return victim is None or victim.lower_ in entry.words or roles.passive_without_agent


# What a labour dispute is told with: "the strike" of such an article is a walkout.
_LABOUR_WORDS = re.compile(r"\b(?:strikers?|striking|unions?|unionists?|workers?|walk-?outs?|"
                           r"wages?|salar(?:y|ies)|pay|pickets?|picketing|employees|employers?|"
                           r"industrial\s+action|labou?r)\b", re.IGNORECASE)
# Words of war beside the weapons: who fights and what a blow did.
_WAR_WORDS = frozenset({"killed", "wounded", "injured", "dead", "deadliest", "casualties",
                        "troops", "forces", "military", "army", "navy", "soldiers", "militants"})


def _at_war(ctx: ArticleContext, parsed: ParsedSentence, head: Token) -> bool:
    """Whether a bare noun of violence ("the strike on the neighbourhood") tells an attack: in
    an article with no word of a labour dispute, after an attack told before it or with a
    weapon or a word of war in its own sentence. Not a modifier ("strike drones", "a strike
    force"): that names what something is for; nor what another thing is of ("footage of the
    strike", "victims of the strike"), which tells that thing. A bare "the strike(s)" is one
    told before or known to the reader ("The general staff said the strike targeted ...",
    "were killed in the strikes"), no other: the rest of its sentence tells what is new."""
    if head.dep_ == "compound" or head.dep_ == "pobj" and head.head.lower_ == "of" or \
            _LABOUR_WORDS.search(ctx.article.text):
        return False
    children = list(head.children)
    if children and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                        for c in children):
        return False
    return any(e.event_type == "ASSAULT" for e in ctx.told) or any(
        t.lower_ in _WEAPON_MODES or t.lower_ in _WAR_WORDS for t in parsed.doc)


def _harmed_parties(ctx: ArticleContext, parsed: ParsedSentence, head: Token, trigger: DocSpan,
                    roles: Roles, actors: list[Actor], recipients: list[Actor]
                    ) -> tuple[list[Actor], list[Actor]]:
    """The parties of a harm told alone: who died ("five civilians died") is harmed, not the
    actor; with no agent named the actor is PLOVER's unidentified UNK."""
    # "were hit by stray bullets": a passive verb's subject is the harmed already, and what its
    # agent names did the harm.
    told_object = child(head, "dobj") or child(head, "nsubjpass")
    if is_verb(head) and not roles.passive_without_agent and (
            told_object is None or told_object.i in range(trigger.start, trigger.end)):
        recipients, actors = [*actors, *recipients], []
        roles.notes.append(f"recipient = who '{head.text}', the harmed")
    # "came under heavy fire from militants": whom the fire came from did the harm.
    firing = [] if actors else _actor_list(ctx, parsed, [
        pobj for word in trigger for prep, pobj in prep_objects(word) if prep == "from"])
    if firing:
        actors = firing
        recipients = [r for r in recipients if not any(r.start == a.start for a in firing)]
        roles.notes.append(f"actor = whom '{trigger.text}' came from")
    if not actors:
        actors = [Actor(text=trigger.text, start=parsed.offset + trigger.start_char,
                        end=parsed.offset + trigger.end_char, sector="UNK",
                        matched="PLOVER UNK: a harm told, no actor named")]
        roles.notes.append(f"actor = unidentified: '{trigger.text}' with no one named")
    return actors, recipients


# PLOVER's ASSAULT modes by weapon (the manual's table of modes of violence), for a harm whose
# sentence names what did it: "killed after their vehicle hit a mine", "died of gunshot wounds".
_WEAPON_MODES = {
    **dict.fromkeys(("mine", "mines", "landmine", "landmines", "bomb", "bombs", "ied", "ieds",
                     "explosive", "explosives", "grenade", "grenades"), ("explosives", "183")),
    **dict.fromkeys(("gunshot", "gunshots", "bullet", "bullets", "rifle", "rifles", "sniper",
                     "snipers", "gunmen", "gunman"), ("firearms", "193")),
    **dict.fromkeys(("artillery", "mortar", "mortars", "rocket", "rockets", "missile",
                     "missiles", "tank", "tanks", "shell", "shells"), ("heavy-weapons", "194")),
    **dict.fromkeys(("aircraft", "warplane", "warplanes", "jet", "jets", "helicopter",
                     "helicopters", "airstrike", "airstrikes"), ("aerial", "195")),
    **dict.fromkeys(("drone", "drones"), ("drone", "195")),
}


def _harm_weapon(event: Event, head: Token) -> None:
    """The mode and CAMEO code of a harm told alone, from the weapon its sentence names."""
    weapon = next((t for t in head.subtree if t.lower_ in _WEAPON_MODES and is_noun(t)), None)
    if weapon is None:
        return
    event.event_mode, event.cameo = _WEAPON_MODES[weapon.lower_]
    event.explain.append(f"weapon '{weapon.text}' -> mode {event.event_mode}, CAMEO "
                         f"{event.cameo}")


def _harm_only_alone(ctx: ArticleContext, parsed: ParsedSentence, events: list[Event],
                     heads: list[tuple[Event, Token]], entries: dict[str, TriggerEntry]) -> None:
    """A harm row is a fallback: it codes a sentence that tells nothing else ("two soldiers were
    killed"), once. Beside another event, or right after a sentence that told an act of
    violence ("A firefight erupted. One soldier was wounded."), it tells that act's result,
    whose counts the casualties step gives to that act."""
    harms = [e for e in events if entries[e.id].when.harm]
    if not harms:
        return
    before = {p.sentence.start for p in ctx.parsed
              if p.sentence.index == parsed.sentence.index - 1}
    told = any(e.event_type == "ASSAULT" and e.sentence_start in before for e in ctx.told)
    for extra in harms if told or len(harms) < len(events) else harms[1:]:
        events.remove(extra)
        heads[:] = [(e, t) for e, t in heads if e is not extra]


def _protests_address_their_demands(heads: list[tuple[Event, Token]]) -> None:
    """ "rioted following a demonstration calling for the removal of President Mubarak": a
    protest is aimed at whom the demand it makes is addressed to."""
    for event, head in heads:
        if event.event_type != "PROTEST" or event.recipients:
            continue
        within = {t.i for t in head.subtree}
        own = {a.code for a in event.actors}
        demand = next((e for e, t in heads if e.event_type == "REQUEST" and t.i in within
                       and e.recipients and {a.code for a in e.actors} <= own), None)
        if demand is not None:
            event.recipients = list(demand.recipients)
            event.explain.append(f"recipient = whom its demand '{demand.trigger.text}' is "
                                 "addressed to")


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_HARM_WORDS = frozenset({"killed", "injured", "wounded", "hurt", "maimed"})
# Verbs of dying, whose subject is the harmed: "five civilians [died] in the shelling".
_DYING_WORDS = frozenset({"died", "die", "dies", "perished"})
# How a device reaches the harm done: "injured [by] a mine explosion", "killed [when] their
# truck hit a mine", "killed [after] stepping on a mine", "injured [in] landmine explosions".
_HARM_PATH = frozenset({"pobj", "prep", "agent", "dobj", "advcl", "pcomp", "compound"})


def _harming_verb(noun: Token) -> Token | None:
    """The passive verb of harm a device noun is the means of, within four steps up."""
    current = noun
    for _ in range(4):
        if current.dep_ not in _HARM_PATH or current.head == current:
            return None
        current = current.head
        if current.lower_ in _HARM_WORDS and current.tag_ == "VBN" or \
                current.lower_ in _DYING_WORDS and is_verb(current):
            return current
    return None


def _victims(harm: Token) -> list[Token]:
    """Who was killed or injured: the passive subject, or the noun an "injured" participle
    describes ("118 others injured")."""
    subject = child(harm, "nsubjpass") or (
        child(harm, "nsubj") if harm.lower_ in _DYING_WORDS else None)
    if subject is not None:
        return _with_conjuncts(subject)
    if harm.dep_ != "acl" or not is_noun(harm.head):
        return []
    described = harm.head
    first = described.head
    if described.dep_ == "conj" and first.lower_ in _HARM_WORDS and \
            (earlier := child(first, "nsubjpass")) is not None:
        # "33 people have been killed and 118 others injured": the parse joins "others" to
        # the first verb; they are more of the people that verb names, one party with them.
        return _with_conjuncts(earlier)
    return [described]


def _harming_thing(ctx: ArticleContext, parsed: ParsedSentence, verb: Token) -> DocSpan | None:
    """ "were killed [by a roadside bomb]": a passive agent that names no party."""
    agent = child(verb, "agent") if is_verb(verb) else None
    thing = child(agent, "pobj") if agent is not None else None
    if thing is None or _make_actor(ctx, parsed, thing) is not None:
        return None
    tokens = phrase_tokens(thing)
    return parsed.doc[tokens[0].i:tokens[-1].i + 1]


def _unidentified(parsed: ParsedSentence, device: DocSpan) -> Actor:
    # PLOVER's UNK: "two civilians were killed by a bomb" has an unidentified actor.
    start, end = device.start_char, device.end_char
    return Actor(text=parsed.text[start:end], start=parsed.offset + start,
                 end=parsed.offset + end, sector="UNK",
                 matched="PLOVER UNK: harm done by a device, no actor named")


# How many coded sentences back "the attack" may point: a story's next few, not its whole.
_TOLD_WITHIN = 3


def _told_before(ctx: ArticleContext, parsed: ParsedSentence, events: list[Event],
                 noun: Token | None, event_type: str,
                 others_than: Sequence[Actor] = ()) -> Event | None:
    """The latest event of `event_type` told before, in this sentence or one of the few coded
    before it, that has actors (other than `others_than`'s countries): what "the attack"
    refers to, or the fire that "returned fire" answers. A `noun` must be definite ("the
    attack", not "an attack")."""
    if noun is not None and not any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                    for c in noun.children):
        return None
    at = next((n for n, p in enumerate(ctx.parsed) if p is parsed), len(ctx.parsed))
    recent = {p.sentence.start for p in ctx.parsed[max(0, at - _TOLD_WITHIN):at]}
    recent.add(parsed.sentence.start)
    own = {a.country for a in others_than if a.country}
    return next((e for e in reversed([*ctx.told, *events])
                 if e.event_type == event_type and e.actors and e.sentence_start in recent
                 and not own & {a.country for a in e.actors}), None)


def _answers_fire(head: Token) -> bool:
    """ "returned fire", "retaliated": an act that answers an attack told before."""
    word = head.lower_
    return word.startswith("retaliat") or (
        word.startswith("return") and any(c.lower_ == "fire" for c in head.children))


def trigger_token(parsed: ParsedSentence, event: Event) -> Token:
    """The head token of an event's trigger within its sentence parse."""
    start = event.trigger.start - parsed.offset
    end = event.trigger.end - parsed.offset
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return parsed.doc[0]
    return span.root


def told_in_past_perfect(token: Token) -> bool:
    """The act is told in the past perfect ("had received threats", "had been detained")."""
    verb = token
    while not is_verb(verb) and verb.head.i != verb.i:
        verb = verb.head
    return is_verb(verb) and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
