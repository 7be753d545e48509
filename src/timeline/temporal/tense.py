"""Tense of the clause around a time expression: the values, and what a language's
tense reader provides (each language reads its own verb forms; see
``timeline.temporal.lang.<code>.tense``)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Protocol

__all__ = ["Marker", "Tense", "TenseReader"]


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
