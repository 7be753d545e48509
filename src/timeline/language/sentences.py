"""Sentence spans: fast, rule-based, offset-preserving.

News text splits well on terminal punctuation followed by space and a capital letter
(of any script: "В", "Ж", "É"), a quote or a digit, provided common abbreviations
("Dec.", "Mr.", "U.S.", from ``data/english.json``) and initials are not taken as ends.
Blank lines and a line break before a non-space also end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.language.lexicon import english

__all__ = ["Span", "split_sentences"]

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
    if end > start:
        spans.append(Span(start, end, text[start:end]))
