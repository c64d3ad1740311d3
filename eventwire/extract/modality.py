"""Did it happen? actual, negated, hypothetical/conditional, future/intended, or historical.

Cues come from the parse around the trigger and the verb governing it: negation dependents,
modal auxiliaries, conditional markers, verbs of intention, and a date far before publication.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from eventwire.extract.events import THREAT_OF
from eventwire.extract.syntax import governing_verb, has_negation, is_verb
from eventwire.model import QUAD_CLASS, Event

_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_INTENT_VERBS = frozenset(
    """plan plans planned planning intend intends intended intending aim aims aimed aiming
    prepare prepares preparing expect expects expected hope hopes hoped hoping seek seeks
    sought seeking want wants wanted wanting wish wishes wished wishing going propose proposes
    proposed schedule scheduled due set""".split())
# "measures to prevent similar visits", "took steps to avoid clashes": what is to be prevented
# has not happened.
_PREVENTING_VERBS = frozenset(
    """prevent prevents prevented preventing avert averts averted averting avoid avoids
    avoided avoiding forestall forestalls forestalled forestalling preclude precludes
    precluded precluding""".split())
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# "would" in a clause reported after a past speech verb is the future seen from then:
# "Hungary said it would support the resolution".
_PAST_REPORTING = frozenset(
    """said stated told announced declared added noted confirmed indicated promised pledged
    vowed insisted assured wrote""".split())
_NEGATING_VERBS = frozenset({"deny", "denied", "denies", "refute", "refuted", "refutes"})
# "failed to reach an agreement": the act in the complement did not happen. ("refused to" and
# "declined to" are REJECT rows that take their complement as what is refused.)
_FAILING_VERBS = frozenset({"fail", "fails", "failed", "failing"})
# An event that ended this many days before publication is background to the news it
# accompanies ("fought a 44-day war in the autumn of 2020" in a November 2021 report).
HISTORICAL_DAYS = 90


def _chain(trigger: Token) -> list[Token]:
    """The trigger, the verb governing a noun trigger, and verbs it is the complement of."""
    chain = [trigger]
    verb = trigger if is_verb(trigger) else governing_verb(trigger)
    if verb is not None and verb is not trigger:
        chain.append(verb)
    current = verb
    while current is not None and current.dep_ in ("xcomp",) and current.head != current:
        current = current.head
        chain.append(current)
    return chain


def classify(trigger: Token) -> tuple[str, str | None]:
    """(modality, the cue) from the syntax around `trigger`."""
    chain = _chain(trigger)
    for tok in chain:
        neg = has_negation(tok)
        if neg is not None:
            return "negated", f"negation '{neg.text}' on '{tok.text}'"
        if tok.head.lower_ in _NEGATING_VERBS and tok.dep_ in ("ccomp", "dobj", "xcomp"):
            return "negated", f"denied by '{tok.head.text}'"
        if _failed_to(tok):
            return "negated", f"'{tok.head.text} to'"
    if (without := _without(trigger)) is not None:
        return "negated", f"'{without.text}'"
    for tok in chain:
        if tok.dep_ in ("dobj", "xcomp") and tok.head.lower_ in _PREVENTING_VERBS:
            return "hypothetical", f"to be prevented: '{tok.head.text}'"
    for tok in chain:
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ == "would" and _reported(tok):
                return "future", f"'would' reported after '{tok.head.text}'"
            if c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX:
                return "hypothetical", f"modal '{c.text}'"
            if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
                return "hypothetical", f"conditional '{c.text}'"
            if c.dep_ == "aux" and c.lower_ in _FUTURE_AUX:
                return "future", f"auxiliary '{c.text}'"
        if tok.dep_ == "xcomp" and tok.head.lower_ in _INTENT_VERBS:
            if tok.head.dep_ == "acl" and tok.head.tag_ == "VBG":
                # "Foreign delegations wishing to visit the region": a kind of party described
                # by what it might want, no party stating an intent.
                return "hypothetical", f"a kind of party '{tok.head.text}' to"
            return "future", f"intention '{tok.head.text}'"
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS
                                       for c in tok.children):
            return "hypothetical", "conditional clause"
    return "actual", None


def _without(trigger: Token) -> Token | None:
    """ "entered without fighting", "without involving in any armed clashes": the act is what
    did not happen. Up to three heads above the trigger, through prepositions and gerunds."""
    tok = trigger
    for _ in range(3):
        if tok.dep_ not in ("pobj", "pcomp", "prep") or tok.head == tok:
            return None
        tok = tok.head
        if tok.lower_ == "without":
            return tok
    return None


def _reported(verb: Token) -> bool:
    """A clause that is the content of a past speech verb, with no condition of its own."""
    return verb.dep_ == "ccomp" and verb.head.lower_ in _PAST_REPORTING and not any(
        c.dep_ in ("mark", "advcl") and (c.lower_ in _CONDITIONAL_MARKS or any(
            m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in c.children))
        for c in verb.children)


# PLOVER returns one category, never a category plus "future": cooperation promised for later
# is AGREE, "express intent to" (CAMEO 03), and conflict announced for later is THREATEN (CAMEO
# 13; the manual: "THREATEN could be ASSAULT + hypothetical"). A retreat announced for later
# is CONCEDE (the manual's RETREAT section: "announced ... would withdraw troops"); a future
# CONCEDE stays what it is.
_INTENT_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}
# The economic/military/judicial/intelligence (061-064) and economic/military/humanitarian/
# peacekeeping (071-074) subcodes have intent codes of their own: 0311-0314, 0331-0334.
_INTENT_SUBCODE = {"06": "031", "07": "033"}


# "will not accept", "would not meet": cooperation refused for the future is REJECT (CAMEO 12),
# coded by what is refused.
_REFUSAL_CAMEO = {"AGREE": ("120", None), "CONSULT": ("125", "meet"), "SUPPORT": ("120", None),
                  "COOPERATE": ("121", "assist"), "AID": ("121", "assist"),
                  "CONCEDE": ("124", "change"), "RETREAT": ("1246", "yield")}


def _refused(trigger: Token) -> bool:
    """A negated act with a future auxiliary on the same verb: "will not accept"."""
    return any(has_negation(tok) is not None and any(
        c.dep_ == "aux" and c.lower_ in (*_FUTURE_AUX, "would") for c in tok.children)
        for tok in _chain(trigger))


def _failed_to(tok: Token) -> bool:
    return tok.dep_ == "xcomp" and tok.head.lower_ in _FAILING_VERBS


def _unless(trigger: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in c.children)
               for tok in _chain(trigger) for c in tok.children)


def code_intent(event: Event, trigger: Token) -> None:
    """Recode a future cooperative event as AGREE, a future conflictual one as THREATEN and
    refused cooperation or a failure to agree as REJECT. The promise, threat, refusal or failure
    is made now: its modality is actual."""
    if event.modality == "negated" and event.event_type in _REFUSAL_CAMEO and _refused(trigger):
        new_type, (cameo, mode) = "REJECT", _REFUSAL_CAMEO[event.event_type]
    elif (event.modality == "negated" and event.event_type == "AGREE"
          and any(_failed_to(tok) for tok in _chain(trigger))):
        # The PLOVER gold standard codes "failed to reach agreement" as REJECT: the parties
        # turned each other's terms down.
        new_type, cameo, mode = "REJECT", "120", None
    elif event.modality != "future":
        return
    elif _unless(trigger):
        # "will withdraw its force unless ...": an act announced on a condition the other side
        # must meet is a warning, whatever the act.
        new_type, (cameo, mode) = "THREATEN", THREAT_OF.get(event.event_type, ("130", None))
    elif event.event_type in _INTENT_CAMEO:
        cameo = _INTENT_CAMEO[event.event_type]
        prefix = _INTENT_SUBCODE.get((event.cameo or "")[:2])
        if prefix and event.cameo and len(event.cameo) == 3 and event.cameo[2] in "1234":
            cameo = prefix + event.cameo[2]
        new_type, mode = "AGREE", None  # AGREE has no modes in PLOVER
    elif event.event_type in THREAT_OF:
        new_type, (cameo, mode) = "THREATEN", THREAT_OF[event.event_type]
    elif event.event_type == "RETREAT":
        new_type, cameo, mode = "CONCEDE", "080", None
    else:
        return
    event.explain.append(f"intent: {event.modality} {event.event_type} {event.cameo} is "
                         f"{new_type} {cameo} (stated now)")
    event.event_type, event.cameo, event.event_mode = new_type, cameo, mode
    event.quad_class = QUAD_CLASS[new_type]
    event.modality = "actual"


def mark_historical(event: Event, published: date | None) -> None:
    if published is None or not event.date or event.modality != "actual":
        return
    last_day = date.fromisoformat((event.date_end or event.date)[:10])
    if (published - last_day).days > HISTORICAL_DAYS:
        event.modality = "historical"
        event.explain.append(f"historical: dated {last_day}, over {HISTORICAL_DAYS} days "
                             f"before publication {published}")
