"""Sentence spans: fast, rule-based, offset-preserving.

News text splits well on terminal punctuation followed by space and an upper-case
letter, a quote or a digit, provided common abbreviations ("Dec.", "Mr.", "U.S.")
and initials are not taken as ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "is_attributive", "is_near_after", "split_sentences"]

_ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr co corp inc ltd
    no vs etc dept est fig approx ave blvd mt ft u.s u.n u.k e.g i.e a.m p.m
    """.split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
# A run of 100,000 "?" must cost linear time: match a run only from its first mark,
# and never give characters back (possessive quantifiers).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s)|\n[ \t\r\f\v]*+\n|\n(?=\S)")
# An upper-case Latin or Cyrillic letter (А-Я, Ё), a digit, or a quote («) before one.
_NEXT_START = re.compile(r"\s+[\"'\u201c\u2018\u00ab(\[]*[A-Z0-9\u0410-\u042f\u0401]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or an initial, not a sentence."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'(\u201c").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "George W. Bush"
    return word in _ABBREVIATIONS


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans whose ``text == source[start:end]``."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        token = match.group()
        if token.startswith("."):
            if not _NEXT_START.match(text, end) or _is_abbreviation(text, match.start()):
                continue
        elif token[0] in "!?" and not _NEXT_START.match(text, end):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


# A date between a determiner (or a possessive) and a word is part of a noun phrase:
# "replaces a 2001 treaty", "the April 18 meeting", "Russia's 2024 budget". After "in",
# "during" or "at" the phrase also places the clause in time ("injured in the 1998
# bombing"), so the date is not only the noun's.
_DETERMINER_BEFORE = re.compile(
    r"(?<!\bin\s)(?<!\bat\s)(?<!\bduring\s)"
    r"(?:(?<![\w'\u2019])(?:a|an|the|this|that|these|those|its|their|his|her|our|your|my)"
    r"|\w['\u2019]s)\s+$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w-]*)")
_NOT_NOUN = frozenset(
    """and or but to through until till of in on at by for from with since when as than
    was were is are be been had has have will would could may might""".split()
)
_NOUN_GAP = re.compile(r"(?:\s+[\w-]+){0,3}\s+")


def is_attributive(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` (a date) modifies the noun after it, as in "replaces
    a 2001 treaty": it names which thing is meant and dates no other part of the clause."""
    if not _DETERMINER_BEFORE.search(text, max(0, start - 20), start):
        return False
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1).lower() not in _NOT_NOUN


def is_near_after(text: str, end: int, at: int) -> bool:
    """True when ``at`` is at most three words after ``end`` with no punctuation between:
    the noun a date modifies or a clause attached to it ("the Feb. 23 accord signed by")."""
    return at >= end and _NOUN_GAP.fullmatch(text, end, at) is not None
