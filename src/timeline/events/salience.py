"""Salience in [0, 1]: how central an event is to its story, so the dashboard can show
the key events first and everything else on demand.

Weights (sum 1): an explicit date of its own (0.25; 0.1 for a date carried or
inherited), named actors (0.2), main clause rather than reported or subordinate (0.15),
event class (0.15 x: occurrence 1, intentional action 0.7, aspectual 0.6, state 0.4,
intentional state and perception 0.3, reporting 0.2), a type from the vocabulary rather
than "other" (0.1), and more reporting articles (0.15 x (sources - 1) / 3, at most 0.15);
a negated event counts 0.8 of that.
"""

from __future__ import annotations

from timeline.models import AnchorKind, Event, EventClass, EventStatus, EventType, Polarity

_CLASS = {
    EventClass.OCCURRENCE: 1.0,
    EventClass.I_ACTION: 0.7,
    EventClass.ASPECTUAL: 0.6,
    EventClass.STATE: 0.4,
    EventClass.I_STATE: 0.3,
    EventClass.PERCEPTION: 0.3,
    EventClass.REPORTING: 0.2,
}
_OWN_DATE = (AnchorKind.EXPRESSION, AnchorKind.EVENT)
_CARRIED = (AnchorKind.NARRATIVE, AnchorKind.REPORT)


def salience(event: Event, *, subordinate: bool = False) -> float:
    return score(
        event.anchor.kind, bool(event.actors), event.status, event.event_class, event.type,
        len(event.sources), event.polarity, subordinate=subordinate,
    )  # fmt: skip


def score(
    anchor: AnchorKind,
    actors: bool,
    status: EventStatus,
    event_class: EventClass,
    etype: EventType,
    sources: int,
    polarity: Polarity,
    *,
    subordinate: bool = False,
) -> float:
    """:func:`salience` from the event's parts, before the event is built."""
    score = 0.25 if anchor in _OWN_DATE else 0.0
    score += 0.1 if anchor in _CARRIED else 0.0
    score += 0.2 if actors else 0.0
    main = not subordinate and status is not EventStatus.REPORTED
    score += 0.15 if main else 0.0
    score += 0.15 * _CLASS[event_class]
    score += 0.1 if etype is not EventType.OTHER else 0.0
    score += 0.15 * min(1.0, (sources - 1) / 3)
    if polarity is Polarity.NEGATIVE:
        score *= 0.8
    return round(min(1.0, max(0.0, score)), 3)
