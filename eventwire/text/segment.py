"""Cheap rule-based segmentation of article text into paragraphs and sentences.

The parser is the pipeline's main cost, so sentences are found without it: only sentences that
carry an event cue are parsed (see `eventwire.text.nlp`). Offsets are into the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt maj capt sgt cpl adm gov sen rep st jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.n u.k e.u no vs etc inc ltd co corp dept approx est fig al""".split()
)
_BOUNDARY = re.compile(r"""[.!?]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9])""")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int


def _is_abbreviation(text: str, period_at: int) -> bool:
    word_start = period_at
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:period_at].lower()
    if not word:
        return False
    # A single letter ("J.") or a dotted initialism ("U.S.") is an abbreviation.
    return word in _ABBREVIATIONS or len(word) == 1 or "." in word


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; every newline ends a sentence (news paragraphs are lines)."""
    sentences: list[Sentence] = []
    paragraph = 0
    for para in re.finditer(r"[^\n]+", text):
        if not para.group().strip():
            continue
        start = para.start()
        body = para.group()
        for match in _BOUNDARY.finditer(body):
            first_period = match.start()
            if body[first_period] == "." and _is_abbreviation(body, first_period):
                continue
            _append(sentences, text, start, para.start() + match.end(), paragraph)
            start = para.start() + match.end()
        _append(sentences, text, start, para.end(), paragraph)
        paragraph += 1
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph, len(out)))
