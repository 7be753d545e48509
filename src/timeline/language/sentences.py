"""Sentence spans: fast, rule-based, offset-preserving.

News text splits well on terminal punctuation followed by space and a capital letter
(of any script: "В", "Ж", "É"), a quote or a digit, provided common abbreviations
("Dec.", "Mr.", "U.S.", from ``data/english.json``) and initials are not taken as ends.
Blank lines and a line break before a non-space also end a sentence.

Bounded work: a "sentence" longer than :data:`MAX_SENTENCE_CHARS` (a text without
full stops, a table flattened into one line) is cut into windows of at most that
length, at the last clause mark (, ; :) or else the last space of each window's second
half. Everything that pairs words within a sentence (triggers with dates, stage verbs
with dates, clause bounds) then costs at most a constant per window, and an article's
cost grows linearly with its length whatever its punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.language.lexicon import english

__all__ = ["MAX_SENTENCE_CHARS", "Span", "split_sentences"]

#: The longest span :func:`split_sentences` gives; real news sentences are far shorter.
MAX_SENTENCE_CHARS = 1_000

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
# A run of 100,000 "?" must cost linear time: match a run only from its first mark,
# and never give characters back (possessive quantifiers).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s)|\n[ \t\r\f\v]*+\n|\n(?=\S)")
_NEXT_START = re.compile(r"\s++[\"'\u201c\u2018\u00ab(\[]*+(\w)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def _starts_sentence(text: str, end: int) -> bool:
    """True when a capital letter or a digit (after space and opening quotes) follows ``end``."""
    match = _NEXT_START.match(text, end)
    return match is not None and (match.group(1).isupper() or match.group(1).isdigit())


_NEXT_WORD = re.compile(r"\s++(\w++)")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or an initial, not a sentence.
    An abbreviation that no name follows ("U.S.", "Inc.") does end one when a word that
    opens sentences comes next: "... in the U.S. The company said"."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'(\u201c").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "George W. Bush"
    lex = english()
    if word not in lex.abbreviations:
        return False
    if word in lex.abbreviations_before_names:
        return True
    following = _NEXT_WORD.match(text, dot + 1)
    return following is None or following.group(1) not in lex.sentence_starters


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans whose ``text == source[start:end]``."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        token = match.group()
        if token.startswith("."):
            if not _starts_sentence(text, end) or _is_abbreviation(text, match.start()):
                continue
        elif token[0] in "!?" and not _starts_sentence(text, end):
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
    while end - start > MAX_SENTENCE_CHARS:  # a run-on "sentence": bounded windows
        cut = _window_end(text, start)
        _append(spans, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


_CLAUSE_MARK = re.compile(r"[,;:](?=\s)")


def _window_end(text: str, start: int) -> int:
    """Where a window of a run-on sentence from ``start`` ends: after its last clause mark,
    else at its last space, in the second half of the window; else at the limit."""
    half, limit = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, half, limit)]
    if marks:
        return marks[-1]
    space = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
    return space if space > half else limit
