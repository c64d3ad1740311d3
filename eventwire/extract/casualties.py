"""Counts of killed, injured and arrested people stated in a sentence.

Numbers may be digits ("7"), words ("seven", "twenty-one") or phrases ("a soldier"). The rules
pair a number with the nearest following (or, for "killing 3", preceding) outcome word in the
same clause, allowing a short noun phrase between them ("7 servicemen of the Armed Forces
became martyrs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "single": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:" + "|".join(_TENS) + r")(?:[- ](?:"
           + "|".join(k for k in _UNITS if k not in ("a", "an", "single")) + r"))?|"
           + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|hundred)")
_OUTCOMES = {
    "killed": r"killed|dead|died|martyred|became\s+martyrs?|were\s+martyred|lost\s+(?:their|his|"
              r"her)\s+lives?|perished|fatalities|deaths|shot\s+dead|slain|"
              r"succumbed\s+to\s+(?:his|her|their)\s+(?:injuries|wounds)|"
              # "20 bodies were found": the dead of an attack, counted where found
              r"bodies\s+(?:were|have\s+been|had\s+been)\s+(?:found|recovered|discovered|"
              r"retrieved)",
    "injured": r"injured|wounded|hurt|injuries|received\s+(?:\w+\s+)?(?:injuries|wounds)",
    "arrested": r"arrested|detained|taken\s+into\s+custody|apprehended|held\s+in\s+custody",
}
# NUMBER, up to 7 words that are not a clause break, then (an auxiliary and) the outcome word.
_FORWARD = {
    kind: re.compile(
        r"(?<![\w.])(?P<num>" + _NUMBER + r")(?![\w.,]*\d)(?P<between>(?:\s+(?!and\b|but\b|while\b"
        # A nearer number is the count: "in 2020 two soldiers were killed" (an article is none).
        r"|(?!(?:a|an|single)\b)(?:" + _NUMBER + r")\b)"
        r"[\w'’-]+){0,7}?)\s+(?:(?P<aux>were|was|have\s+been|has\s+been|had\s+been|are|got|been)\s+)?"
        r"(?:(?:reportedly|also|seriously|severely|slightly|critically|later)\s+)?"
        r"(?P<out>" + pattern + r")\b", re.IGNORECASE)
    for kind, pattern in _OUTCOMES.items()
}
# "killing 3 soldiers", "killed two civilians", "injuring seven".
_BACKWARD = {
    # "the bodies of seven civilians were recovered": the dead, counted where found.
    "killed": re.compile(r"\b(?:killing|killed|martyring|left|(?:shot|shooting)\s+dead|"
                         r"bodies\s+of)\s+"
                         r"(?:at\s+least\s+)?(?P<num>"
                         + _NUMBER + r")\b(?!\s+(?:years?|days?|hours?|km|kilometers?|meters?))",
                         re.IGNORECASE),
    "injured": re.compile(r"\b(?:injuring|wounding|injured|wounded)\s+(?:at\s+least\s+)?"
                          r"(?P<num>" + _NUMBER + r")\b(?!\s+(?:years?|days?|hours?))",
                          re.IGNORECASE),
    "arrested": re.compile(r"\b(?:arresting|detaining|arrested|detained)\s+(?:at\s+least\s+)?"
                           r"(?P<num>" + _NUMBER + r")\b(?!\s+(?:years?|days?|hours?))",
                           re.IGNORECASE),
}
# "put the death toll at six", "the death toll from Sunday's attack has risen to 12": the
# number the toll is set at, a few words on.
_TOLL = re.compile(r"\bdeath\s+tolls?\b[^.;:\d]{0,60}?\b(?:at|to|of|reached|hit)\s+"
                   r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|about\s+|around\s+)?"
                   r"(?P<num>" + _NUMBER + r")\b(?!\s*(?:%|percent|per\s+cent))", re.IGNORECASE)
# "two soldiers and a civilian were killed": counts listed before the one the outcome follows.
_LISTED_BEFORE = re.compile(r"(?<![\w.])(?P<num>" + _NUMBER + r")(?P<what>(?:\s+[\w'’-]+){1,3}?)"
                            r"(?P<join>\s*,\s*(?:and\s+)?|\s+and\s+)$", re.IGNORECASE)
_OUTCOME_WORD = {kind: re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
                 for kind, pattern in _OUTCOMES.items()}
_ANY_OUTCOME = re.compile(r"\b(?:" + "|".join(_OUTCOMES.values()) + r")\b", re.IGNORECASE)
_SINGULAR = frozenset({"a", "an", "one", "single"})
_PLURAL_AUXILIARIES = frozenset({"were", "are", "have been"})

# Words between number and outcome that show the number counts something else.
_NOT_PEOPLE = re.compile(r"\b(years?|days?|months?|hours?|weeks?|km|kilometers?|meters?|"
                         r"percent|dollars?|manat|drams?|times|houses|buildings|cars|vehicles|"
                         r"tanks|districts|villages|points|rounds|shells)\b", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in _UNITS:
        return _UNITS[word]
    parts = re.split(r"[- ]", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


@dataclass
class Casualties:
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    evidence: list[str] = field(default_factory=list)

    def any(self) -> bool:
        return any(v is not None for v in (self.killed, self.injured, self.arrested))


# ", including 21 civilians," names a part of the count around it, not more people.
_SUBSET = re.compile(r",\s+(?:including|among\s+them|of\s+whom|among\s+whom)\s+[^,.;]{1,80},",
                     re.IGNORECASE)


def find_casualties(sentence: str) -> Casualties:
    """Killed/injured/arrested counts in one sentence; counts of one kind add up."""
    found = Casualties()
    sentence = _SUBSET.sub(lambda m: " " * len(m.group(0)), sentence)
    for kind in ("killed", "injured", "arrested"):
        seen_spans: list[tuple[int, int]] = []
        total = 0
        # Every forward match ends in an outcome word: a plain search for one is far cheaper
        # than trying the pattern, which starts with a number, at every character.
        forward = () if not _OUTCOME_WORD[kind].search(sentence) else (
            m for m in _FORWARD[kind].finditer(sentence)
            if not _NOT_PEOPLE.search(m.group("between"))
            and not re.search(r"[.;:]", m.group("between"))
            # "two of the wounded later died": a part of a count told before, and the outcome
            # word names them, it tells no new harm.
            and not _PARTITIVE.search(m.group("between"))
            and not _active_with_object(sentence, m))
        for match in (*forward, *_BACKWARD[kind].finditer(sentence)):
            if any(s <= match.start("num") < e for s, e in seen_spans):
                continue
            number = parse_number(match.group("num"))
            listed = _listed_before(sentence, match.start()) \
                if "between" in match.re.groupindex else []
            if number is None or not listed and _mismatched(match):
                continue
            start = match.start()
            for item in listed:
                number += parse_number(item.group("num")) or 0
                start = item.start()
            total += number
            seen_spans.append((start, match.end()))
            found.evidence.append(f"{kind} {number}: '{sentence[start:match.end()]}'")
        if seen_spans:
            setattr(found, kind, total)
    for toll in _TOLL.finditer(sentence):
        # A toll is everyone killed so far, those the sentence counts besides included.
        number = parse_number(toll.group("num"))
        if number is not None and number > (found.killed or 0):
            found.killed = number
            found.evidence.append(f"killed {number}: '{toll.group(0)}'")
    return found


_PARTITIVE = re.compile(r"\bof\s+the$", re.IGNORECASE)


def _mismatched(match: re.Match[str]) -> bool:
    """ "a heavy military vehicle were killed": a singular count before a plural verb counts
    something else in a longer subject."""
    aux = match.groupdict().get("aux")
    return bool(aux) and match.group("num").lower() in _SINGULAR and \
        " ".join(aux.lower().split()) in _PLURAL_AUXILIARIES


# What follows an outcome verb used actively: its object ("killed at least eight", "wounded
# four rangers", "killed one of its commanders", "killed himself").
_OBJECT_AFTER = re.compile(r"\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+)?(?:"
                           + _NUMBER + r"|the|his|her|their|its|himself|herself|themselves|"
                           r"dozens|scores|hundreds|many|several|some)\b", re.IGNORECASE)


def _active_with_object(sentence: str, match: re.Match[str]) -> bool:
    """ "A suicide car bomber killed at least eight soldiers", "an air strike that killed one
    of its commanders": with no auxiliary and an object after it, the verb is active and the
    number before it counts whoever killed, not the killed."""
    return not match.group("aux") and " ".join(match.group("out").lower().split()) in \
        _ACTIVE_FORMS and \
        _OBJECT_AFTER.match(sentence, match.end()) is not None


_ACTIVE_FORMS = frozenset({"killed", "wounded", "injured", "hurt", "slain", "shot dead",
                           "detained", "arrested", "apprehended"})


def _listed_before(sentence: str, end: int) -> list[re.Match[str]]:
    """The counts coordinated before the one at `end`, nearest first: "two soldiers and" and
    "three police officers," of "three police officers, two soldiers and a civilian". The list
    ends in "and", and its items are people, not clauses ("7 servicemen became martyrs, 10
    soldiers were injured" lists no injured servicemen)."""
    listed: list[re.Match[str]] = []
    while m := _LISTED_BEFORE.search(sentence[:end]):
        if not listed and "and" not in m.group("join").lower() or \
                _NOT_PEOPLE.search(m.group("what")) or _ANY_OUTCOME.search(m.group("what")):
            break
        listed.append(m)
        end = m.start()
    return listed
