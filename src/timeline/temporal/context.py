"""What a rule sees while resolving: the publish date, the sentence, the tense, and the
anchor left by the previous dated expression; and what it returns."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from timeline.models import Granularity, TimexType
from timeline.sentences import Span
from timeline.temporal.calendar import Unresolvable, When, when_of
from timeline.temporal.tense import Marker, Tense, TenseReader

__all__ = ["Context", "Resolved", "Rule"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A rule's answer: TIMEX3 type/value/mod, the period (if dated), and how it got there."""

    type: TimexType
    value: str
    rule: str
    when: When | None = None
    mod: str | None = None
    gran: Granularity | None = None
    anchor: str = "none"
    interval: tuple[dt.date, dt.date] | None = None  # narrower than ``when`` ("earlier this month")
    anchors_next: bool = True  # may later expressions anchor on this one?


Resolver = Callable[[re.Match[str], "Context"], Resolved | None]
Check = Callable[[re.Match[str], "Context"], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern that finds candidates, an optional cheap check, and a resolver."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    check: Check | None = None
    priority: int = 0
    span_groups: tuple[str, ...] = ()  # the span is the first of these groups that matched
    span_fn: Callable[[re.Match[str]], tuple[int, int]] | None = None
    # Where to try the pattern: at tokens up to ``back`` before a token that is one of
    # ``triggers`` (lower case) or a token of the ``numeric`` shape. Trying patterns only
    # there, instead of at every character, is what makes the tagger fast.
    triggers: frozenset[str] = frozenset()
    numeric: re.Pattern[str] | None = None  # shape of a numeric trigger token
    back: int = 0
    needs_dct: bool = False  # resolves only against a publish date ("yesterday")

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        if self.span_fn is not None:
            return self.span_fn(m)
        for group in self.span_groups:
            if m[group] is not None:
                return m.span(group)
        return m.span()


@dataclass(slots=True)
class Context:
    """Per-document resolution state. ``anchor`` is the last dated expression seen."""

    text: str
    dct: dt.date | None
    sentences: list[Span]
    reader: TenseReader  # the language's tense cues
    anchor: When | None = None
    anchor_text: str = ""
    #: Spans of the expressions chosen in this text, by start: their own words ("the
    #: next 20 years") say nothing about the tense of the clauses around them.
    taken: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _marks: dict[int, list[Marker]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    @property
    def today(self) -> When:
        if self.dct is None:
            raise Unresolvable("no publish date")
        return when_of(self.dct, Granularity.DAY)

    def sentence_of(self, start: int) -> Span | None:
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        return self.sentences[i]

    def tense(self, start: int, end: int) -> Tense:
        return self.tense_marker(start, end)[0]

    def tense_marker(self, start: int, end: int) -> tuple[Tense, str]:
        """Tense of the clause around ``text[start:end]`` and the word that decided it."""
        span = self.sentence_of(start)
        if span is None or end > span.end:
            lo, hi = max(0, start - 200), end + 200
            window = self.text[lo:hi]
            marks = self.reader.markers_outside(window, self._taken(lo, hi))
            return self.reader.tense_marker(window, start - lo, end - lo, marks)
        marks = self._marks.get(span.start)
        if marks is None:
            skip = self._taken(span.start, span.end)
            marks = self._marks[span.start] = self.reader.markers_outside(span.text, skip)
        return self.reader.tense_marker(span.text, start - span.start, end - span.start, marks)

    def _taken(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Chosen expression spans inside ``[lo, hi)``, relative to ``lo``."""
        i = bisect.bisect_left(self.taken, (lo, lo))
        out = []
        while i < len(self.taken) and self.taken[i][0] < hi:
            a, b = self.taken[i]
            out.append((a - lo, b - lo))
            i += 1
        return out

    def reference(self) -> tuple[When, str]:
        """The anchor for an anaphoric expression: the previous dated one, else the DCT."""
        if self.anchor is not None:
            return self.anchor, f"previous: {self.anchor_text}"
        return self.today, "dct"
