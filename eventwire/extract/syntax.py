"""Small helpers over a spaCy dependency parse: subjects, objects, phrases, clause heads."""

from __future__ import annotations

from spacy.tokens import Token

# Dependents that start a new unit and are not part of a noun phrase's own text.
_PHRASE_CUT = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "parataxis", "ccomp"})
SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
# Texts that speak for whoever issued them: "The statement accuses Armenia".
ISSUED_TEXTS = frozenset({"statement", "communique", "communiqué", "declaration", "letter",
                          "note"})
# Words that tie a party to the group it belongs to ("fighters loyal to the government").
AFFILIATIONS = frozenset({"affiliated", "linked", "loyal", "allied", "belonging", "attached"})


# These three run for almost every token the rules look at: each `tag_` or `dep_` is a string
# store lookup and each child a new Token object, so each is read once and the loop stops early.
def is_verb(token: Token) -> bool:
    tag = token.tag_
    return tag.startswith("VB") or tag == "MD"


def is_noun(token: Token) -> bool:
    tag = token.tag_
    return tag.startswith("NN") or tag in ("PRP", "CD")


def child(token: Token, *deps: str) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def prep_objects(token: Token, preps: frozenset[str] | None = None) -> list[tuple[str, Token]]:
    """(preposition, object) pairs attached to `token`, e.g. ("with", minister)."""
    found = []
    for prep in token.children:
        if prep.dep_ not in ("prep", "agent", "dative"):
            continue
        word = prep.lower_
        if prep.dep_ == "dative" and prep.tag_ not in ("IN", "TO"):
            found.append(("to", prep))  # "handed X the note": the dative object itself
            continue
        if preps is not None and word not in preps:
            continue
        obj = child(prep, "pobj", "pcomp")
        if obj is not None:
            found.append((word, obj))
        # "according to X", "in the direction of X": descend one more preposition
        for inner in prep.children:
            if inner.dep_ == "prep":
                inner_obj = child(inner, "pobj")
                if inner_obj is not None:
                    found.append((f"{word} {inner.lower_}", inner_obj))
    return found


SPEECH_VERBS = frozenset(
    """say said says saying state stated states stating claim claimed claims claiming report
    reported reports reporting tell told tells note noted notes add added adds declare declared
    declares announce announced announces stress stressed stresses emphasize emphasized
    emphasised emphasizes assert asserted allege alleged alleges inform informed informs write
    wrote insist insisted underline underlined underlines maintain maintained confirm confirmed
    confirms reiterate reiterated warn warned warns""".split())
# "Hungary said it will support ...": a pronoun subject of what is reported is the speaker.
_REPORTED_PRONOUNS = frozenset({"it", "they"})


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The grammatical subject of `verb` and whether it is the agent (False for passives).

    Subjects are inherited through xcomp ("Armenia attempted to attack"), except that an object
    governs its complement ("forced the groups to retreat"), and through verb coordination
    ("... gathered and attacked"). "it" or "they" reporting on itself is the speaker ("Syria
    says it is willing to ...").
    """
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            break
        shares_subject = current != verb and verb.dep_ == "conj" and current == verb.head
        subj = child(current, *SUBJECTS)
        if subj is not None and subj.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
            # "the EU Special Representative for the South Caucasus, who visited Baku": the
            # relative pronoun stands for the phrase the clause describes.
            return _antecedent(current.head), True
        if subj is not None:
            if subj.lower_ in _REPORTED_PRONOUNS and current.dep_ == "ccomp" and \
                    current.head.lower_ in SPEECH_VERBS and current.head != current:
                speaker, agentive = subject_of(current.head)
                if speaker is not None and speaker.lower_ not in _REPORTED_PRONOUNS:
                    return speaker, agentive
            return subj, True
        passive_subj = child(current, "nsubjpass")
        if passive_subj is not None and shares_subject and _active(verb):
            # "has been indicted by the court and will resign": who was indicted resigns; the
            # first verb's agent is not the subject the two verbs share.
            return passive_subj, True
        if passive_subj is not None:
            agent = child(current, "agent")
            agent_obj = child(agent, "pobj") if agent is not None else None
            return (agent_obj, True) if agent_obj is not None else (None, False)
        if current.dep_ == "xcomp" and current.head != current and \
                (controller := child(current.head, "dobj")) is not None:
            # "forced the attacking groups to retreat": the object of the governing verb is
            # the one who does the complement (object control).
            return controller, True
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head != current:
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.head.dep_ == "acomp":
            # "X are guilty [of violating] the ceasefire": the subject of "are".
            current = current.head.head.head
            continue
        if current.dep_ in ("relcl", "acl") and current.head != current and any(
                a.dep_ == "aux" and a.tag_ == "TO" for a in current.children) and \
                (verb := governing_verb(current.head)) is not None:
            # "converging for a rally [to protest] the violations": who rallies protests.
            current = verb
            continue
        if current.dep_ == "acl" and current.head.lower_ in ISSUED_TEXTS and \
                current.head.dep_ == "dobj" and is_verb(current.head.head):
            # "issued a declaration [demanding] that ...": who issued it demands.
            current = current.head.head
            continue
        agent = child(current, "agent") if current.dep_ == "acl" else None
        if agent is not None and (agent_obj := child(agent, "pobj")) is not None:
            # "property [seized by government forces]": the agent did it, not the property.
            return agent_obj, True
        if current.dep_ == "acl" and current.tag_ == "VBN" and current.head != current:
            # "118 others injured in the explosions": a past participle says what was done to
            # the phrase it describes; with no agent, no one is named as the doer.
            return None, False
        if current.dep_ in ("relcl", "acl") and current.head != current:
            return current.head, True
        break
    return None, True


def _active(verb: Token) -> bool:
    """ "will resign", "resigned", "has resigned"; not a bare participle ("were attacked and
    killed"), which shares the passive."""
    return verb.tag_ != "VBN" or any(a.dep_ == "aux" and a.lower_ in ("have", "has", "had")
                                     for a in verb.children)


def _antecedent(noun: Token) -> Token:
    """The phrase a relative clause hangs on: the parse often attaches it to the last noun of
    a name, "the Special Representative [for the South Caucasus], who ...", whose head is the
    one meant."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.tag_ in (
            "NNP", "NNPS"):
        noun = noun.head.head
    return noun


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of: "attempted [an attack]", "handed [a note]", or
    an adjective trigger the complement of: "is [ready] to"."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "acomp") and is_verb(head):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and is_verb(head.head):
        return head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "attr"):
        # "launched [10 days] of war games", "carried out [a series] of attacks"
        return governing_verb(head.head)
    if noun.dep_ == "conj" and head != noun:
        return governing_verb(head)
    return None


def clause_head(token: Token) -> Token:
    """The nearest verb at or above `token` (the token itself if none)."""
    current = token
    for _ in range(8):
        if is_verb(current) or current.head == current:
            return current
        current = current.head
    return current


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by `head`, without coordinated or clausal parts; a
    participle that places the head stays ("refugees [fleeing the civil war in Liberia]",
    "a newspaper [based in Beirut]")."""
    keep: list[Token] = []

    def walk(tok: Token) -> None:
        keep.append(tok)
        for c in tok.children:
            if c.dep_ in _PHRASE_CUT and not (tok is head and _placing_participle(c)) or \
                    _count_after_name(tok, c):
                continue
            walk(c)

    walk(head)
    keep.sort(key=lambda t: t.i)
    keep = _run_around(keep, head)
    # Drop leading determiners and trailing punctuation, which are not the entity.
    while keep and keep[0].dep_ in ("det", "punct", "case") and keep[0] != head:
        keep.pop(0)
    while keep and keep[-1].is_punct and keep[-1] != head:
        keep.pop()
    return keep


def _count_after_name(name: Token, word: Token) -> bool:
    """ "hand over to Great Britain [two of its nationals]": a count with its own complement
    after a name is another phrase the parse hung on the name."""
    return word.dep_ == "nummod" and word.i > name.i and name.tag_ in ("NNP", "NNPS") and any(
        c.dep_ == "prep" for c in word.children)


def _placing_participle(word: Token) -> bool:
    """ "refugees [fleeing the war in Liberia]", "workers [affiliated with the union]": a
    participle that says where the head is or whose it is. Not "the demonstration [staged by
    students]": an agent makes it another act."""
    children = list(word.children)
    if word.dep_ != "acl" or any(c.dep_ == "agent" for c in children):
        return False
    if word.lower_ in AFFILIATIONS:
        return any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in children)
    return word.tag_ in ("VBG", "VBN") and any(
        c.dep_ == "prep" and c.lower_ in ("in", "from", "of", "inside", "across")
        for c in children)


def _run_around(tokens: list[Token], head: Token) -> list[Token]:
    """The stretch of `tokens` around `head` that no cut-off word interrupts, except a
    coordination inside a modifier: "the United States and Israel, a weekly reports" keeps "the
    United States", "strings attached, Cuba" keeps "strings", "the delivery of grain and flour
    to Afghanistan" keeps it all."""
    kept = {t.i for t in tokens}
    at = tokens.index(head)
    first, last = at, at
    while first > 0 and _bridged(tokens[first - 1], tokens[first], head, kept):
        first -= 1
    while last < len(tokens) - 1 and _bridged(tokens[last], tokens[last + 1], head, kept):
        last += 1
    return tokens[first:last + 1]


def _bridged(left: Token, right: Token, head: Token, kept: set[int]) -> bool:
    for word in left.doc[left.i + 1:right.i]:
        if word.is_punct:
            continue
        below = word
        while below.head.i not in kept and below.head != below:
            below = below.head
        if below.head == head or below.dep_ not in ("conj", "cc"):
            return False
    return True


def contiguous(tokens: list[Token]) -> tuple[int, int]:
    """Character span (doc-relative) covering `tokens`."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def has_negation(token: Token) -> Token | None:
    for c in token.children:
        # "a targeted killing, not a robbery": a "not" after a comma sets what follows against
        # the word, and negates what follows.
        if c.i > token.i and c.i > 0 and token.doc[c.i - 1].text == ",":
            continue
        if c.dep_ == "neg" or (c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod")):
            return c
    return None
