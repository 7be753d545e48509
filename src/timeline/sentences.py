"""Sentence spans (re-exported from ``timeline.language``, where the splitter lives) and
two helpers that read a date's place in its noun phrase."""

from __future__ import annotations

import re

from timeline.language.sentences import MAX_SENTENCE_CHARS, Span, split_sentences

__all__ = [
    "MAX_SENTENCE_CHARS",
    "Span",
    "is_attributive",
    "is_headline",
    "is_near_after",
    "split_sentences",
]


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


_CLOSED = (".", "!", "?", '"', "\u201d", ":", ";")


def is_headline(text: str, span: Span) -> bool:
    """True for an article's first line when it has no closing stop and a line break
    sets it apart: a headline, which the story below tells again."""
    first = len(text) - len(text.lstrip())
    closed = span.text.rstrip().endswith(_CLOSED)
    return span.start == first and not closed and text[span.end : span.end + 1] == "\n"
