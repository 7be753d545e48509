"""Events dated from another clause of their sentence.

"Putin signed the law on April 21, five days after the Federation Council approved
it": the tagger reads "five days" as a duration (it cannot anchor forward on an event),
but the approval is five days before the date of the main clause: April 16. "Araghchi
visited Moscow in December, a month before the presidents signed the treaty" puts the
signing a month after December. The event gets a time expression made for it, anchored
on the main clause's date, so the timeline shows it at the right place and the trail
says how it was reached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.events.mentions import Mention
from timeline.models import Event, EventType, Granularity, TimeExpression, TimexType
from timeline.sentences import Span
from timeline.temporal import tag
from timeline.temporal.calendar import When

__all__ = [
    "EventAnchor",
    "after_previous_event",
    "event_anchor",
    "names_event",
    "shift_interval",
    "time_from_other_clause",
]

G = Granularity

_DIRECTION = re.compile(r"\s+(?P<dir>after|before)\b", re.IGNORECASE)
_LATER = re.compile(r"^(?P<amount>.+?)\s+(?P<dir>later|earlier)$", re.IGNORECASE)
_AMOUNT = re.compile(r"P(?P<n>\d+)(?P<unit>[DWMY])")
_UNITS = {"D": G.DAY, "W": G.WEEK, "M": G.MONTH, "Y": G.YEAR}
_CALENDAR = (G.DAY, G.WEEK, G.MONTH, G.QUARTER, G.HALF, G.SEASON, G.YEAR)


def time_from_other_clause(
    trigger_start: int,
    dates: Sequence[TimeExpression],
    durations: Sequence[TimeExpression],
    span: Span,
) -> TimeExpression | None:
    """For a trigger in an "N units after/before ..." clause, the date it implies from
    the last of ``dates`` before that clause (the sentence's, sorted)."""
    for amount in durations:
        if amount.end > trigger_start:
            continue
        direction = _DIRECTION.match(span.text, amount.end - span.start)
        size = _AMOUNT.fullmatch(amount.value)
        if direction is None or size is None or amount.mod not in (None, "APPROX"):
            continue
        if "," in span.text[direction.end() : trigger_start - span.start]:
            continue  # the trigger is in another clause
        main = _main_date([t for t in dates if t.end <= amount.start])
        if main is None:
            continue
        return _shifted(main, amount, direction["dir"].lower(), size, span)
    return None


def _main_date(before: Sequence[TimeExpression]) -> TimeExpression | None:
    dated = [
        t
        for t in before
        if t.type in (TimexType.DATE, TimexType.TIME)
        and t.earliest is not None
        and (t.granularity in _CALENDAR or t.granularity is G.TIME)
    ]
    return dated[-1] if dated else None


def _shifted(
    main: TimeExpression, amount: TimeExpression, direction: str, size: re.Match[str], span: Span
) -> TimeExpression | None:
    gran = G.DAY if main.granularity is G.TIME else main.granularity
    assert main.earliest is not None
    # "X happened N before Y": Y is N after X; "N after Y": Y is N before X.
    steps = int(size["n"]) * (1 if direction == "before" else -1)
    try:
        moved = When(gran, main.earliest).shift(steps, _UNITS[size["unit"]])
    except (OverflowError, ValueError):
        return None
    earliest, latest = moved.interval
    end = amount.end + len(direction) + 1
    return TimeExpression(
        text=span.text[amount.start - span.start : end - span.start],
        start=amount.start,
        end=end,
        type=TimexType.DATE,
        value=moved.value,
        mod=amount.mod,
        earliest=earliest,
        latest=latest,
        granularity=moved.gran,
        rule=f"'{amount.text} {direction}' the date of the main clause ({main.text})",
        anchor=f"previous: {main.text}",
    )


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """ "A day before the sell-off": the amount, its direction and the noun's offset."""

    amount: TimeExpression
    direction: str  # before | after
    starts: tuple[int, ...]  # the events the phrase may name, nearest first
    count: int
    unit: Granularity


def event_anchor(
    trigger_start: int, durations: Sequence[TimeExpression], span: Span, starts: Sequence[int]
) -> EventAnchor | None:
    """The "N units before/after the <event>" phrase ("a day before the sell-off", "three
    days after the closure was announced") that dates the clause of the trigger at
    ``trigger_start``; ``starts`` are the offsets of the sentence's event mentions."""
    for amount in durations:
        direction = _DIRECTION.match(span.text, amount.end - span.start)
        size = _AMOUNT.fullmatch(amount.value)
        if direction is None or size is None or amount.mod not in (None, "APPROX"):
            continue
        after = direction.end() + span.start
        named = tuple(n for n in starts if after <= n <= after + 40 and n != trigger_start)
        if not named or amount.start <= trigger_start <= named[-1]:
            continue
        count, unit = int(size["n"]), _UNITS[size["unit"]]
        return EventAnchor(amount, direction["dir"].lower(), named, count, unit)
    return None


def shift_interval(
    earliest: dt.date, gran: Granularity, anchor: EventAnchor
) -> tuple[str, dt.date, dt.date, Granularity] | None:
    """The date ``anchor`` puts its event at, from the anchoring event's date."""
    steps = anchor.count * (-1 if anchor.direction == "before" else 1)
    try:
        moved = When(G.DAY if gran is G.TIME else gran, earliest).shift(steps, anchor.unit)
    except (OverflowError, ValueError):
        return None
    first, last = moved.interval
    return moved.value, first, last, moved.gran


def names_event(noun: Mention, event: Event) -> bool:
    """Whether ``noun`` ("the sell-off", "the announcement") names ``event``: the same
    lemma, a nominalisation of its verb, or the same type of the vocabulary."""
    if event.earliest is None or event.trigger_start == noun.start:
        return False
    stem = event.lemma[: max(4, len(event.lemma) - 2)]
    same_type = noun.type is event.type and noun.type is not EventType.OTHER
    return noun.lemma == event.lemma or noun.lemma.startswith(stem) or same_type


def after_previous_event(
    t: TimeExpression, event: Event, published: dt.date | None
) -> TimeExpression | None:
    """ "Two days later, analysts lowered their forecasts": the tagger reads "N units
    later/earlier" from the previous *expression*, which may be a plan's ("cut jobs this
    year"); the story means N units after the previous sentence's event. ``t`` moved
    from ``event``'s date, or None when ``t`` is no such phrase."""
    words = _LATER.match(t.text)
    if words is None or event.earliest is None:
        return None
    amount = next(iter(tag(words["amount"], dct=published)), None)
    size = _AMOUNT.fullmatch(amount.value) if amount is not None else None
    if amount is None or amount.type is not TimexType.DURATION or size is None:
        return None
    steps = int(size["n"]) * (1 if words["dir"].lower() == "later" else -1)
    try:
        moved = When(G.DAY if event.granularity is G.TIME else event.granularity, event.earliest)
        moved = moved.shift(steps, _UNITS[size["unit"]])
    except (OverflowError, ValueError):
        return None
    earliest, latest = moved.interval
    return replace(
        t,
        value=moved.value,
        earliest=earliest,
        latest=latest,
        granularity=moved.gran,
        mod=amount.mod,
        rule=f"'{t.text}': {amount.text} {words['dir'].lower()} than '{event.trigger}'",
        anchor=f"event: {event.trigger}",
    )
