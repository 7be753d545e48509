"""Salience in [0, 1]: how central an event is to its story, so the dashboard can show
the key events first and everything else on demand.

Weights (sum 1): an explicit date of its own (0.25; 0.1 for a date carried or
inherited), named actors (0.2), main clause rather than reported or subordinate (0.15),
event class (0.15 x: occurrence 1, intentional action 0.7, aspectual 0.6, state 0.4,
intentional state and perception 0.3, reporting 0.2), a type from the vocabulary rather
than "other" (0.1), and more reporting articles (0.15 x (sources - 1) / 3, at most 0.15);
a negated event counts 0.8 of that. The key event of the story's lead (its first
sentence: a news story opens with what happened) scores 1: "A magnitude 6.8 earthquake
struck ..., the ministry said" puts the quake above the rescue teams sent later.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.events.mentions import Mention
from timeline.events.tokens import Tok
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
    key: bool = False,
) -> float:
    """:func:`salience` from the event's parts, before the event is built; ``key`` for
    the lead's key event (:func:`key_event`)."""
    if key:
        return 1.0
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


def key_event(found: Sequence[Mention], tokens: Sequence[Tok]) -> int | None:
    """Which of the lead sentence's mentions is the story's key event: its first affirmed
    verb in a past or perfect tense that is not a report nor a relative clause on a noun
    ("Halvern said its drug slowed decline": the slowing; not "a firm that serves"),
    else none (a lead that only reports, describes or looks ahead)."""
    for k, m in enumerate(found):
        if m.noun or m.tense not in _TOLD or m.cls is EventClass.REPORTING:
            continue
        if m.cue is not EventStatus.HAPPENED or m.polarity is not Polarity.POSITIVE:
            continue
        denied = any(t.lower in _DENIALS for t in tokens[max(0, m.index - 4) : m.index])
        if m.lemma not in _NOT_KEY and not denied and not _relative(m.index, tokens):
            return k  # (not "no date has been set")
    return None


_TOLD = frozenset({"past", "perfect", "pluperfect"})
_NOT_KEY = frozenset({"be", "have"})
_DENIALS = frozenset({"no", "never", "nobody", "nothing", "none", "neither", "nor"})
_RELATIVE = frozenset({"that", "which", "who"})


def _relative(i: int, tokens: Sequence[Tok]) -> bool:
    """True for a verb opening a relative clause on a noun ("a company that serves")."""
    k = i - 1
    while k >= 0 and tokens[k].pos in ("AUX", "ADV", "PART"):
        k -= 1
    if k < 0 or tokens[k].lower not in _RELATIVE:
        return False
    return k == 0 or tokens[k - 1].pos in ("NOUN", "PROPN", "PUNCT")
