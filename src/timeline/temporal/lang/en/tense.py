"""Tense of the clause around a time expression, from its verbs.

No model can be downloaded here, so this is a small rule set: future markers
("will", "is expected to", "plans to", "scheduled", "next", "upcoming") and past
markers (auxiliaries "was/had/did", regular "-ed" verbs, a list of irregular past
forms). The marker nearest to the expression wins, with markers inside its own
clause preferred — "said on Friday that it will meet in April" gives past for
Friday and future for April.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from timeline.temporal.lang.en.lexicon import WORDS
from timeline.temporal.tense import Marker, Tense, clause_bounds
from timeline.temporal.words import alternation

__all__ = ["markers_outside", "tense_marker"]


_FUTURE = (
    r"will|won't|shall|'ll|(?:is|are|am|was|were)\s+(?:going|due|set|scheduled|expected|slated"
    r"|planning|poised|likely|about)\s+to|(?:is|are|was|were)\s+to\s+(?!be\s+\w+ed\b)\w+"
    r"|(?:planned|planning|scheduled|slated|set|due|expected|poised|ready)\s+(?:for|to)(?!\s+have\b)"
    r"|as\s+soon\s+as|plans?\s+to|intends?\s+to|hopes?\s+to|aims?\s+to|expects?\s+to|scheduled|expected|slated"
    r"|upcoming|forthcoming|would|next(?!\s+to\b)|coming(?!\s+(?:from|out|in|back|up|under)\b)"
    r"|ahead|payable|effective|expires?|deadline|pending|due"
    r"|(?:to|will|would)\s+be"
)
_IRREGULAR_PAST = alternation(WORDS.tense["past"])
_MARKER = re.compile(
    rf"\b(?P<future>{_FUTURE})\b|\b(?P<past>{_IRREGULAR_PAST}|[a-z]{{2,}}(?<!need)(?<!speed)ed)\b"
    r"|\b(?P<present>is|are|am|says|say|does)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:\u2014\"\u201c\u201d]|``|''|,\s+(?:but|while|although|and|which|who)\b"
    r"|\b(?:that|when|if|unless|because)\b"
    # A trailing attribution (", an official said on Wednesday") is not the clause of
    # what it reports.
    r"|,(?=\s+(?:[\w.'-]+\s+){0,6}?(?:said|says|told|added|reported|announced)\b)"
    r"|\b(?:and|but)\s+(?=(?:will|would|is|are|was|were|has|have|had|plans?|then)\b)"
)

_NOT_VERBS = WORDS.tense["not_verbs"]  # -ed words that are not past verbs


# "so-called", "state-owned", "a still unspecified date": participles used as adjectives.
_ADJECTIVE_BEFORE = re.compile(r"(?:\w-|\b(?:a|an|the)\s+(?:\w+ly\s+|still\s+)?)$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|am)\s+$", re.IGNORECASE)


@lru_cache(maxsize=256)
def _markers(sentence: str) -> list[Marker]:
    found = []
    for m in _MARKER.finditer(sentence):
        word = m.group().lower()
        if m.lastgroup == "past" and (
            word in _NOT_VERBS
            or _PASSIVE.search(sentence, 0, m.start())
            or _ADJECTIVE_BEFORE.search(sentence, 0, m.start())
        ):
            continue
        found.append((m.start(), Tense(m.lastgroup or "unknown"), word))
    return found


# "by Friday" is a deadline; in "by the Feb. 23 accord" the date only qualifies a noun.
_PREP_BEFORE = re.compile(r"\b(?P<past>since)\s+(?:the\s+)?$|\b(?P<future>until|till|by)\s+$", re.I)


def tense_marker(
    sentence: str, start: int, end: int, markers: Sequence[Marker]
) -> tuple[Tense, str]:
    """Tense governing ``sentence[start:end]`` and the word that decided it.

    ``markers`` are the sentence's markers from :func:`markers_outside`, which leaves
    out the words of other time expressions. Markers inside the span itself are
    ignored; the nearest marker within the same clause wins, otherwise the nearest in
    the sentence. Present counts as unknown for resolution purposes unless nothing
    else is found.
    """
    prep = _PREP_BEFORE.search(sentence, max(0, start - 12), start)
    if prep is not None and prep.lastgroup == "past":
        return Tense.PAST, "since"
    around = [(pos, t, w) for pos, t, w in markers if not start <= pos < end]
    if not around:
        return (Tense.FUTURE, _word(prep)) if prep is not None else (Tense.UNKNOWN, "")
    lo, hi = clause_bounds(sentence, _CLAUSE_BREAK, start, end)
    local = [item for item in around if lo <= item[0] < hi]
    pool = local or around
    decisive = [item for item in pool if item[1] is not Tense.PRESENT] or pool
    pos, tense, word = min(decisive, key=lambda item: _distance(item, start, end))
    if tense is Tense.FUTURE and _FRONTED.match(sentence[:start]) and _PAST_PLAN.match(word):
        # "On Friday, the government planned to pay": a time opening the sentence frames
        # its main verb, and a finite past "planned to" says when the plan was held (not
        # "planned a rally on Saturday", where the day may be the rally's, on either side)
        return Tense.PAST, word
    if tense is Tense.PAST and pos < start and _PURPOSE.search(sentence, lo, start):
        # "has signed a firm to manage it through November": what the present perfect
        # set up lies ahead; the infinitive's clause governs the time.
        return Tense.FUTURE, "to"
    if tense is Tense.PAST and pos < start and _COMMITTED.search(sentence, pos, start):
        # "agreed to acquire the bank in January", "announced an agreement to buy it in
        # March": the time closes the infinitive of a past commitment and dates what was
        # committed to, which may lie on either side of the publish date ("agreed in
        # January to acquire" keeps the time on the agreeing).
        return Tense.UNKNOWN, "to"
    # "by/until Friday" looks ahead, unless a past perfect ("had filed by Friday") looks back.
    if prep is not None and not any(w == "had" for _, _, w in local):
        return Tense.FUTURE, _word(prep)
    return tense, word


_PURPOSE = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){1,6}?to\s+(?!(?:the|a|an|be|been|date|its|their|his|her)\b)[a-z]+\b"
)


_COMMITTED = re.compile(
    rf"\b(?:{alternation(WORDS.tense['commitments'])})\s+to\s+"
    r"(?!(?:the|a|an|be|been|date|its|their|his|her|terms|\d)\b)[a-z]+\b[^;:]*$",
    re.IGNORECASE,
)
_FRONTED = re.compile(r"^\s*(?:on|in|at|by|late|early|last)?\s*$", re.IGNORECASE)
_PAST_PLAN = re.compile(r"(?:planned|scheduled|expected|slated)\s", re.IGNORECASE)


def _word(prep: re.Match[str]) -> str:
    return prep.group().split()[0].lower()


# Nouns and adjectives that look ahead ("the deadline", "pending approval") give way
# to a verb at a similar distance: "took effect Aug. 9 pending ratification" is past.
_WEAK = frozenset("pending deadline effective payable expire expires due ahead".split())


def markers_outside(sentence: str, skip: Sequence[tuple[int, int]]) -> list[Marker]:
    """The sentence's tense markers that are not inside one of the ``skip`` spans
    (sorted, not overlapping): "the next 20 years" says nothing of its clause."""
    found = _markers(sentence)
    if not skip:
        return found
    starts = [a for a, _ in skip]
    out = []
    for item in found:
        i = bisect.bisect_right(starts, item[0]) - 1
        if i < 0 or item[0] >= skip[i][1]:
            out.append(item)
    return out


def _distance(marker: tuple[int, Tense, str], start: int, end: int) -> int:
    pos, _, word = marker
    # Verbs before the expression govern it slightly more often than verbs after it.
    near = start - pos if pos < start else (pos - end) + 8
    return near + 12 if word in _WEAK else near
