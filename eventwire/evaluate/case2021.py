"""The `case2021` suite: CASE 2021 task 2, one of 30 event subtypes per news snippet.

The subtypes are ACLED's 25 sub-event types plus ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO and ATTRIB, written in the gold file's abbreviated spelling
(`SUBTYPES`). eventwire codes PLOVER events, so each snippet's primary event
(`metrics.primary_event`) is mapped to a subtype by `case_subtype`: its PLOVER type and mode, the
sectors of its actors (armed: MIL, REB, COP, ...; otherwise civilian), and weapon or setting cues
in the event's own trigger and sentence ("grenade", "suicide", "air strike", "protesters").
Every rule cites the ACLED codebook definition it follows. A snippet with no event gets no
prediction (wrong for every subtype): PLOVER has no disaster or crime events to map from, and
guessing a subtype for silence would score the guess, not eventwire.

Metrics: `accuracy`, `macro_f1` (over subtypes in gold or predictions) and `weighted_f1`
(weighted by gold support), with a per-subtype table and the most common confusions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import (
    NO_PREDICTION,
    accuracy,
    class_table,
    code_texts,
    macro_f1,
    per_class,
    primary_event,
    read_gold,
    weighted_f1,
)
from eventwire.model import Actor, Event

SUBTYPES: tuple[str, ...] = (
    # Battles
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER",
    # Explosions/Remote violence
    "CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE",
    # Violence against civilians
    "SEX_VIOL", "ATTACK", "ABDUCT_DISSAP",
    # Protests
    "PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
    # Riots
    "VIOL_DEMONSTR", "MOB_VIOL",
    # Strategic developments
    "AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED",
    "PROPERTY_DISTRUCT", "NON_VIOL_TERRIT_TRANSFER", "OTHER",
    # CASE 2021 additions
    "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
)

# Sectors of organised armed actors: ACLED's Battles need two of them; violence by one of them
# against anyone else is "Violence against civilians".
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "INS", "SEP"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def _cue(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE)


# Weapon and setting cues on the event's trigger and sentence, checked in order. Each row: (cue,
# subtype, the ACLED definition it follows). The weapon named by the trigger's own mode
# (`ASSAULT_MODES`) outranks every cue but these two, which name the more specific subtype.
OVERRIDING_CUES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (_cue("chemical", "sarin", "chlorine", "nerve agent", "mustard gas", "toxic gas"),
     "CHEM_WEAP", "Chemical weapon: use of chemical weapons in warfare without other engagement"),
    (_cue("suicide"),
     "SUIC_BOMB", "Suicide bomb: explosives worn or driven by the attacker"),
)
ASSAULT_MODES = {
    "aerial": "AIR_STRIKE", "drone": "AIR_STRIKE",  # "Air/drone strike"
    "heavy-weapons": "ART_MISS_ATTACK",  # "Shelling/artillery/missile attack"
    "abduct": "ABDUCT_DISSAP",  # "Abduction/forced disappearance"
}
ASSAULT_CUES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (_cue("air ?strike", "air raid", "airstrike", "warplane", "fighter jet", "drone strike",
          "helicopter gunship", "bombard(?:ed|ment)? from the air"),
     "AIR_STRIKE", "Air/drone strike: air or drone bombing"),
    (_cue("grenade"),
     "GRENADE", "Grenade: a grenade or similar hand-thrown explosive is used"),
    (_cue("shell", "artillery", "mortar", "rocket", "missile", "howitzer"),
     "ART_MISS_ATTACK", "Shelling/artillery/missile attack: long-range artillery, missile or "
                        "rocket fire"),
    (_cue(r"ieds?\b", "improvised explosive", "landmine", "land mine", "roadside bomb", "car bomb",
          "explosive", "explosion", "blast", "bomb", "detonat"),
     "REM_EXPLOS", "Remote explosive/landmine/IED: explosive detonated remotely or by timer"),
    (_cue(r"rape[ds]?\b", "sexual"),
     "SEX_VIOL", "Sexual violence: sexual violence against civilians"),
    # Who does it (a mob) is surer than a word for what was done, which may be a motive.
    (_cue(r"mobs?\b", "lynch", "vigilante"),
     "MOB_VIOL", "Mob violence: violence by an unorganised crowd"),
    (_cue("kidnap", "abduct", "disappear", "hostage"),
     "ABDUCT_DISSAP", "Abduction/forced disappearance: an actor takes people captive"),
)
_PROTESTERS = _cue("protest", "demonstrat", "rally", "rallies", "marchers", "strikers")
_FORCE = _cue("killed", "shot", "opened fire", "live (?:fire|ammunition|rounds)", "injur",
              "wounded", "beat", "died")
_INTERVENTION = _cue("tear ?gas", "water cannon", "rubber bullet", "disperse", "baton",
                     "arrest", "detain", "police")
_RIOT = _cue("riot", "violent", "clash", "ston(?:e|ing)", "pelt", "torch", "set fire",
             "vandal", "hurl")
_CRIME = _cue("drug", "narcotic", "cartel", "smuggl", "traffick", "heroin", "cocaine", r"gangs?\b",
              "robber", "extortion", "fraud", "stolen", "counterfeit")
_WEAPONS = _cue("weapon", r"arms\b", "ammunition", "explosive", "cache", "defus", r"mines?\b",
                r"ieds?\b", "bomb")
_DESTRUCTION = _cue("destroy", "burn", "loot", "demolish", "torch", "vandal", "set fire",
                    "ransack")
_BASE = _cue("headquarters", r"bases?\b", r"camps?\b")
_RESPONSIBILITY = _cue("responsib", "blamed", "claimed")
_CLAIMED_ACT = _cue(r"(?:claim|claimed|claims|claiming|took|take|takes|admitted|accepted)\s+"
                    r"(?:full\s+)?responsibility\s+for")


def _cues(event: Event) -> str:
    return f"{event.trigger.text} {event.sentence}"


def _sectors(actors: list[Actor]) -> set[str]:
    return {a.sector for a in actors if a.sector}


def _territory(event: Event) -> str:
    """Taking ground: by the state (GOV_REGAINS) or by anyone else (NON_STATE_ACTOR)."""
    # "Government regains territory" vs "Non-state actor overtakes territory".
    return "GOV_REGAINS_TERIT" if _sectors(event.actors) & STATE_SECTORS \
        else "NON_STATE_ACTOR_OVERTAKES_TER"


def _assault(event: Event, text: str) -> str:
    if _PROTESTERS.search(text):
        # "Excessive force against protesters": lethal or injurious force on a peaceful protest.
        return "FORCE_AGAINST_PROTEST"
    for pattern, subtype, _definition in OVERRIDING_CUES:
        if pattern.search(text):
            return subtype
    if event.event_mode in ASSAULT_MODES:
        return ASSAULT_MODES[event.event_mode]
    for pattern, subtype, _definition in ASSAULT_CUES:
        if pattern.search(text):
            return subtype
    if event.event_mode == "explosives":
        return "REM_EXPLOS"
    if _CRIME.search(text):
        return "ORG_CRIME"
    targets = _sectors(event.recipients)
    # "Armed clash": two organised armed groups fight; "Attack": an armed group on civilians.
    if targets and not targets & ARMED_SECTORS:
        return "ATTACK"
    return "ARMED_CLASH"


def _protest(event: Event, text: str) -> str:
    if event.event_mode == "riot" or _RIOT.search(text):
        # "Violent demonstration": demonstrators engage in violence or destruction.
        return "VIOL_DEMONSTR"
    if _FORCE.search(text):
        # "Excessive force against protesters": lethal or injurious force on peaceful protest.
        return "FORCE_AGAINST_PROTEST"
    if _INTERVENTION.search(text):
        # "Protest with intervention": peaceful protest met with arrests, dispersal, tear gas.
        return "PROTEST_WITH_INTER"
    # "Peaceful protest": demonstrators gather without violence or intervention.
    return "PEACE_PROTEST"


def _coerce(event: Event, text: str) -> str:
    if _CRIME.search(text):
        # CASE's organised crime: drug, smuggling and gang activity, including busts.
        return "ORG_CRIME"
    if event.event_mode == "arrest" or event.cameo == "173":
        # "Arrests" (strategic development), or arrests that break up a protest.
        return "PROTEST_WITH_INTER" if _PROTESTERS.search(text) else "ARREST"
    if event.cameo == "192":
        # Occupying territory: who takes it decides the Battles subtype.
        return _territory(event)
    if _WEAPONS.search(text):
        # "Disrupted weapons use": seizing caches, defusing explosives, intercepting arms.
        return "DISR_WEAP"
    if event.event_mode == "seize" or _DESTRUCTION.search(text):
        # "Looting/property destruction": seizing or destroying goods or property.
        return "PROPERTY_DISTRUCT"
    # Curfews, bans, deportations, martial law: a non-violent "Other" strategic development.
    return "OTHER"


def case_subtype(event: Event | None) -> str | None:
    """The CASE 2021 subtype an eventwire event corresponds to; None for no event."""
    if event is None:
        return None
    text = _cues(event)
    kind = event.event_type
    if _CLAIMED_ACT.search(text):
        # CASE's attribution: a group claims (or is said to bear) responsibility for an act.
        return "ATTRIB"
    if kind == "ASSAULT":
        return _assault(event, text)
    if kind == "PROTEST":
        return _protest(event, text)
    if kind == "COERCE":
        return _coerce(event, text)
    if kind == "AGREE" or (kind == "RETREAT" and event.event_mode in ("ceasefire", "release")):
        # "Agreement": peace deals, ceasefires, prisoner releases and exchanges.
        return "AGREEMENT"
    if kind == "RETREAT":
        if event.event_mode == "disarm" or _WEAPONS.search(text):
            # "Disrupted weapons use" covers surrendered and destroyed weapons.
            return "DISR_WEAP"
        # "Non-violent transfer of territory": a withdrawal hands ground over without fighting.
        return "NON_VIOL_TERRIT_TRANSFER"
    if kind == "MOBILIZE":
        # "Headquarters or base established" where a base is set up; otherwise "Change to
        # group/activity" (deployments, new recruits, armed groups forming or moving).
        return "HQ_ESTABLISHED" if _BASE.search(text) else "CHANGE_TO_GROUP_ACT"
    if kind == "ACCUSE" and event.event_mode == "investigate" and _CRIME.search(text):
        # An investigation that breaks up a smuggling or trafficking ring: organised crime.
        return "ORG_CRIME"
    if kind == "ACCUSE" or _RESPONSIBILITY.search(text) and event.attribution == "claimed" or \
            kind == "REJECT" and event.cameo == "016":
        # CASE's attribution: someone is blamed for, claims or denies an act (CAMEO 016,
        # "deny responsibility").
        return "ATTRIB"
    if kind in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "REJECT", "CONCEDE",
                "THREATEN", "SANCTION"):
        # CASE's diplomacy: talks, statements of support or demand, sanctions between parties.
        return "DIPLO"
    return "OTHER"


@suite("case2021")
def run(path: Path) -> SuiteResult:
    items = read_gold(path, ("subtype",), "CASE 2021 task 2")
    coded = code_texts([i["text"] for i in items])
    gold = [str(i["gold"]["subtype"]) for i in items]
    predicted = [case_subtype(primary_event(events)) for events in coded]
    labels = list(SUBTYPES) + sorted(set(gold) - set(SUBTYPES))
    scores = per_class(gold, predicted, labels)
    confusions = Counter((g, p or NO_PREDICTION) for g, p in zip(gold, predicted, strict=True)
                         if g != p)
    confusion_rows: list[Row] = [[g, p, n] for (g, p), n in confusions.most_common(25)]
    return SuiteResult(
        suite="case2021", path=str(path), items=len(items),
        metrics={"weighted_f1": weighted_f1(scores), "macro_f1": macro_f1(scores),
                 "accuracy": accuracy(gold, predicted),
                 "no_event_items": float(sum(p is None for p in predicted))},
        tables={"per subtype": class_table(scores),
                "most common confusions": (["gold", "predicted", "n"], confusion_rows)},
        notes=["subtype mapped from the primary event's PLOVER type/mode, actor sectors and "
               "weapon/setting cues in its trigger and sentence (case2021.case_subtype)",
               "a snippet with no coded event has no prediction and counts as wrong"],
    )
