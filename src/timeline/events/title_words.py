"""The words of a title: joined as written ("S&P 500", "Iran's"), the tokens before and
after an offset, and what opens a subject ("At least 23 civilians", "AT&T"); shared by
:mod:`timeline.events.titles` and :mod:`timeline.events.reported`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter

from timeline.events.tokens import Tok

MAX_CHARS = 60

_LEADING = frozenset({"the", "a", "an", "that", "and", "but"})

_NO_SPACE_BEFORE = re.compile(
    r" (?=[,.;:!?%)\]\u201d]|['\u2019](?:s|re|ll|ve|d)\b|['\u2019](?=\s|$)|n['\u2019]t\b)"
)

_NO_SPACE_AFTER = re.compile(r"(?<=[($\[\u201c]) ")

_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})

_START, _END = attrgetter("start"), attrgetter("end")


def join(words: Sequence[str]) -> str:
    text = " ".join(words)
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", text))


def _after(keep: Sequence[Tok], offset: int) -> Sequence[Tok]:
    """The tokens of ``keep`` (in text order) that start at ``offset`` or after."""
    return keep[bisect_left(keep, offset, key=_START) :]


def _before(keep: Sequence[Tok], offset: int) -> Sequence[Tok]:
    """The tokens of ``keep`` (in text order) that end at ``offset`` or before."""
    return keep[: bisect_right(keep, offset, key=_END)]


def _possessive(t: Tok) -> bool:
    return t.lower in ("'s", "\u2019s")


def _glued(words: Sequence[Tok]) -> list[str]:
    """The words' texts, an "&" written without spaces kept so ("S&P 500", not "S & P")."""
    out: list[str] = []
    for k, t in enumerate(words):
        amp = t.text == "&" or (k > 0 and words[k - 1].text == "&")
        if out and amp and words[k - 1].end == t.start:
            out[-1] += t.text
        else:
            out.append(t.text)
    return out


def _bound(words: Sequence[Tok]) -> bool:
    """True for a quantifier that opens a subject ("At least 23 civilians") or a word
    that "&" joins to a name ("AT&T")."""
    if len(words) < 2:
        return False
    return (words[0].lower == "at" and words[1].lower in ("least", "most")) or words[1].text == "&"
