"""Tense of the clause around a time expression: the values, and what a language's
tense reader provides (each language reads its own verb forms; see
``timeline.temporal.lang.<code>.tense``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import Protocol

__all__ = ["Marker", "Tense", "TenseReader", "clause_bounds"]


class Tense(str, Enum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


Marker = tuple[int, Tense, str]  # position in the sentence, tense, the word


class TenseReader(Protocol):
    """A language's tense cues: the markers of a sentence, and the tense they give a span."""

    def markers_outside(self, sentence: str, skip: Sequence[tuple[int, int]]) -> list[Marker]:
        """The sentence's tense markers outside the ``skip`` spans (other expressions)."""
        ...

    def tense_marker(
        self, sentence: str, start: int, end: int, markers: Sequence[Marker]
    ) -> tuple[Tense, str]:
        """The tense governing ``sentence[start:end]`` and the word that decided it."""
        ...


def clause_bounds(sentence: str, breaks: re.Pattern[str], start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` around ``[start, end)``: from the last of a language's
    clause ``breaks`` before it to the first after it."""
    lo, hi = 0, len(sentence)
    for m in breaks.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi
