"""Tense of a Russian clause: past verbs end in -л/-ла/-ло/-ли (-ся/-сь), the future
is "будет" and words that look ahead ("планирует", "ожидается", "следующем"). The
nearest marker in the expression's own clause wins, else the nearest in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from timeline.temporal.lang.ru.lexicon import WORDS
from timeline.temporal.tense import Marker, Tense, clause_bounds
from timeline.temporal.words import alternation

__all__ = ["markers_outside", "tense_marker"]

_PRONOUN_VERBS = "|".join(
    rf"(?<=(?<!\w){pronoun}\s)[а-яё]{{2,}}(?:{endings})"
    for pronoun, endings in (pair.split(":") for pair in WORDS.tense["nonpast_after_pronoun"])
)
_MARKER = re.compile(
    rf"(?<!\w)(?P<future>{alternation(WORDS.tense['future'])}|{_PRONOUN_VERBS}"
    rf"|[а-яё]{{3,}}(?:{alternation(WORDS.tense['nonpast_endings'])}))(?!\w)"
    r"|(?<!\w)(?P<past>[а-яё]{1,}(?:л|ла|ло|ли)(?:ся|сь)?)(?!\w)",
    re.IGNORECASE,
)
_NOT_VERBS = WORDS.tense["not_verbs"]
_CLAUSE_BREAK = re.compile(
    r"[;:\u2014]|,\s+(?:но|а|однако|который|которая|которое|которые|которых)(?!\w)"
    r"|(?<!\w)(?:что|чтобы|когда|если|хотя|потому что)(?!\w)",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _markers(sentence: str) -> tuple[Marker, ...]:
    found = []
    for m in _MARKER.finditer(sentence):
        word = m.group().lower()
        if word in _NOT_VERBS or (m.lastgroup == "past" and len(word) < 4):
            continue
        found.append((m.start(), Tense(m.lastgroup), word))
    return tuple(found)


def markers_outside(sentence: str, skip: Sequence[tuple[int, int]]) -> list[Marker]:
    """The sentence's markers not inside another time expression ("в следующем году")."""
    return [mk for mk in _markers(sentence) if not any(a <= mk[0] < b for a, b in skip)]


def tense_marker(
    sentence: str, start: int, end: int, markers: Sequence[Marker]
) -> tuple[Tense, str]:
    """Tense governing ``sentence[start:end]`` and the word that decided it."""
    around = [mk for mk in markers if not start <= mk[0] < end]
    if not around:
        return Tense.UNKNOWN, ""
    lo, hi = clause_bounds(sentence, _CLAUSE_BREAK, start, end)
    pool = [mk for mk in around if lo <= mk[0] < hi] or around
    _, tense, word = min(pool, key=lambda mk: start - mk[0] if mk[0] < start else mk[0] - end + 8)
    return tense, word
