"""The trigger lexicon: which words signal which PLOVER event type and CAMEO code.

Rows live in `eventwire/data/triggers.tsv` (format in its header). Inflected forms are generated
here, so matching needs no lemmatizer: the parser runs without one, which is faster, and the same
forms drive the cheap pre-filter that decides which sentences are worth parsing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.errors import ResolveError

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",), "hold": ("held",), "send": ("sent",), "fight": ("fought",),
    "shoot": ("shot",), "beat": ("beaten",), "withdraw": ("withdrew", "withdrawn"),
    "give": ("gave", "given"), "take": ("took", "taken"), "strike": ("struck",),
    "hit": ("hit",), "lead": ("led",), "flee": ("fled",), "speak": ("spoke", "spoken"),
    "tell": ("told",), "say": ("said",), "break": ("broke", "broken"),
    "bring": ("brought",), "leave": ("left",), "make": ("made",), "win": ("won",),
    "sever": (), "cut": ("cut",), "put": ("put",), "set": ("set",), "pull": (),
    "forbid": ("forbade", "forbidden"), "seek": ("sought",), "sell": ("sold",),
    "swear": ("swore", "sworn"), "overthrow": ("overthrew", "overthrown"),
    "undertake": ("undertook", "undertaken"), "stab": ("stabbed", "stabbing"),
    "ban": ("banned", "banning"), "jail": (), "shell": ("shelled", "shelling"),
    "picket": ("picketed", "picketing"), "host": (), "visit": ("visited", "visiting"),
    "offer": ("offered", "offering"), "deliver": ("delivered", "delivering"),
    "summon": ("summoned", "summoning"), "threaten": ("threatened", "threatening"),
    "sign": (), "blockade": (), "kidnap": ("kidnapped", "kidnapping"),
    "telephone": (), "phone": (), "blow": ("blew", "blown"), "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"), "pay": ("paid",), "write": ("wrote", "written"),
    "lay": ("laid",), "find": ("found",), "catch": ("caught",), "drive": ("drove", "driven"),
    "throw": ("threw", "thrown"), "retake": ("retook", "retaken"), "overrun": ("overran",),
    "go": ("went", "gone", "goes"), "lose": ("lost",), "steal": ("stole", "stolen"),
    "fall": ("fell", "fallen"), "come": ("came",),
    "be": ("is", "are", "was", "were", "been"),
}
_NOUN_PLURALS = {"talks": "talks", "hostilities": "hostilities", "sit-in": "sit-ins"}


def verb_forms(base: str) -> set[str]:
    forms = {base}
    if base in _IRREGULAR:
        forms.update(_IRREGULAR[base])
    if base.endswith("ee"):  # agree, free: "agreeing"
        forms.update({base + "s", base + "d", base + "ing"})
    elif base.endswith("e"):
        forms.update({base + "s", base + "d", base[:-1] + "ing"})
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms.update({base + "es", base + "ed", base + "ing"})
    else:
        forms.update({base + "s", base + "ed", base + "ing"})
        # Whether the final consonant doubles depends on stress ("expelled" but "visited"), which
        # spelling does not show; both spellings are generated, as the wrong one never occurs.
        if re.search(r"[^aeiou][aeiou][bdglmnprt]$", base):
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return forms


def noun_forms(base: str) -> set[str]:
    if base in _NOUN_PLURALS:
        return {base, _NOUN_PLURALS[base]}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return {base, base + "es"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return {base, base[:-1] + "ies"}
    return {base, base + "s"}


@dataclass(frozen=True)
class Condition:
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    active: bool = False
    xcomp: bool = False
    must: bool = False
    # The row tells a harm, not who did it ("were killed", "died"): an event only where the
    # sentence tells no act of violence and the harm has no peaceful cause (events.py).
    harm: bool = False
    # The actor is a party (a country or a sector): "the law allows police to ..." is no act.
    party: bool = False
    # The noun tells an attack only where the article is about war, not labour: "the strike on
    # the neighbourhood" beside an attack told or a weapon named, not beside strikers (events.py).
    military: bool = False

    @property
    def empty(self) -> bool:
        return not (self.objects or self.preps or self.sectors or self.active or self.xcomp
                    or self.must or self.harm or self.party or self.military)

    def describe(self) -> str:
        parts = [f"obj={'|'.join(sorted(self.objects))}" if self.objects else "",
                 f"prep={'|'.join(sorted(self.preps))}" if self.preps else "",
                 f"sector={'|'.join(sorted(self.sectors))}" if self.sectors else "",
                 "active" if self.active else "", "xcomp" if self.xcomp else "",
                 "must" if self.must else "", "harm" if self.harm else "",
                 "party" if self.party else "", "military" if self.military else ""]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class TriggerEntry:
    pattern: str  # as written in the lexicon, e.g. "^note of protest"
    words: tuple[str, ...]  # base forms
    head: int  # index of the head word in `words`
    pos: str  # "V", "N", "*" (either) or "A" (a predicate adjective: "is ready to")
    event_type: str
    mode: str | None
    cameo: str
    when: Condition = field(default_factory=Condition)
    line: int = 0

    def forms(self, index: int) -> set[str]:
        """Surface forms word `index` may take (only the head word inflects)."""
        base = self.words[index]
        if index != self.head or " " in base:
            return {base} | (noun_forms(base) if self.pos in ("N", "*") else set())
        if self.pos == "A":
            return {base}
        found: set[str] = set()
        if self.pos in ("V", "*"):
            found |= verb_forms(base)
        if self.pos in ("N", "*"):
            found |= noun_forms(base)
        return found


@dataclass
class Lexicon:
    entries: list[TriggerEntry]
    # surface form of the first word -> entries starting with it (longest patterns first)
    by_first_form: dict[str, list[TriggerEntry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in entry.forms(0):
                self.by_first_form.setdefault(form, []).append(entry)
        for bucket in self.by_first_form.values():
            # Longer patterns first, and conditional rows before the plain row of a pattern.
            bucket.sort(key=lambda e: (-len(e.words), e.when.empty, e.line))

    def cues(self) -> list[tuple[frozenset[str], frozenset[str]]]:
        """What a sentence must contain for any row to match, as (words, objects) pairs: one of
        the words and, when objects is not empty, one of those too.

        A pattern matches only with all its words, so one word per row is enough: a word some
        single-word row already cues costs nothing ("official protest" by "protest"), else the
        rarest ("on alert" by "alert", not "on"). A row with an object condition ("end" +
        aid|talks) also needs its object word. A row that needs a 'must' clause is cued by "must",
        not by its speech verb."""
        plain: set[str] = {"must"} if any(e.when.must for e in self.entries) else set()
        paired: dict[frozenset[str], set[str]] = {}
        # Plain single-word rows first: their words are the ones that cost nothing after.
        for entry in sorted(self.entries, key=lambda e: not (len(e.words) == 1 and e.when.empty)):
            if entry.when.must:
                continue
            forms = next((entry.forms(i) for i in range(len(entry.words))
                          if entry.forms(i) <= plain), None) or entry.forms(_rarest_word(entry))
            if entry.when.objects:
                paired.setdefault(entry.when.objects, set()).update(forms)
            else:
                plain |= forms
        return [(frozenset(plain), frozenset()),
                *((frozenset(words), objects) for objects, words in paired.items())]

    def candidates(self, words: list[str], i: int) -> list[tuple[TriggerEntry, int]]:
        """Entries whose whole pattern matches `words` from position i; with the head index."""
        found = []
        for entry in self.by_first_form.get(words[i], ()):
            n = len(entry.words)
            if i + n > len(words):
                continue
            if all(words[i + k] in entry.forms(k) for k in range(1, n)):
                found.append((entry, i + entry.head))
        return found


def _rarest_word(entry: TriggerEntry) -> int:
    """Index of the pattern word least likely to occur by chance: a content word over a function
    word, then the longer one (length stands in for rarity; no frequency list ships), then a
    fixed word over the inflecting head ("open fire" by "fire")."""
    def rarity(index: int) -> tuple[bool, int, bool]:
        word = entry.words[index]
        return word not in STOP_WORDS, len(word), index != entry.head

    return max(range(len(entry.words)), key=rarity)


def _parse_condition(text: str, where: str) -> Condition:
    values: dict[str, frozenset[str]] = {}
    flags: set[str] = set()
    for part in text.split():
        if "=" in part:
            key, _, value = part.partition("=")
            if key not in ("obj", "prep", "sector"):
                raise ResolveError(f"{where}: unknown condition {key!r}")
            values[key] = frozenset(v.lower() if key != "sector" else v
                                    for v in value.split("|") if v)
        elif part in ("active", "xcomp", "must", "harm", "party", "military"):
            flags.add(part)
        else:
            raise ResolveError(f"{where}: unknown condition {part!r}")
    return Condition(objects=values.get("obj", frozenset()), preps=values.get("prep", frozenset()),
                     sectors=values.get("sector", frozenset()), active="active" in flags,
                     xcomp="xcomp" in flags, must="must" in flags, harm="harm" in flags,
                     party="party" in flags, military="military" in flags)


def parse_lexicon(lines: Iterable[str], source: str) -> list[TriggerEntry]:
    entries = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{source}:{number}"
        if len(cells) < 5:
            raise ResolveError(f"{where}: expected at least 5 tab-separated columns")
        pattern, pos, event_type, mode, cameo = (c.strip() for c in cells[:5])
        words = pattern.split()
        head = next((k for k, w in enumerate(words) if w.startswith("^")), 0)
        words = [w.lstrip("^").lower() for w in words]
        if pos not in ("V", "N", "*", "A"):
            raise ResolveError(f"{where}: pos must be V, N, * or A, not {pos!r}")
        entries.append(TriggerEntry(
            pattern=pattern, words=tuple(words), head=head, pos=pos, event_type=event_type,
            mode=mode or None, cameo=cameo,
            when=_parse_condition(cells[5] if len(cells) > 5 else "", where), line=number))
    return entries


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The built-in lexicon, or the one at `path` (same format)."""
    if path is None:
        text = resources.files("eventwire.data").joinpath("triggers.tsv").read_text("utf-8")
        return Lexicon(parse_lexicon(text.splitlines(), "triggers.tsv"))
    return Lexicon(parse_lexicon(Path(path).read_text("utf-8").splitlines(), path))
