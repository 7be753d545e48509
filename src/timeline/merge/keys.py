"""Merge blocking keys: the buckets in which any two reports of one happening meet.

Two reports can be one happening (:func:`timeline.merge.is_same_happening`) only when
they share a type (and, for ``other``, the trigger lemma), a polarity and an actor, and
their dates overlap with either one granularity or the wider span at most
:data:`NARROW_DAYS`. :func:`merge_keys` gives each report keys such that every such pair
shares at least one, and few other pairs do:

* a dated report of a coarse granularity (quarter .. century) wider than
  :data:`NARROW_DAYS` meets only reports of that granularity: one key per
  (granularity, year) it spans;
* any other dated report (a time, day, week, month, a vague or a short coarse one):
  one key per calendar month it spans (a short coarse one also gets its coarse keys);
* an undated report that has not happened (a plan): one ``undated`` key; an undated
  report that has happened never merges and has no key.

The pipeline's in-batch merge, the store's lookup of stored twins (the ``merge_keys``
table) and a cluster job grouping reports all use these keys, so they find the same
candidates.
"""

from __future__ import annotations

from typing import NamedTuple

from timeline.models import Event, EventStatus, EventType, Granularity, Polarity

#: Reports of different granularities merge only when the wider spans at most this.
NARROW_DAYS = 31

COARSE = frozenset({
    Granularity.QUARTER, Granularity.SEASON, Granularity.HALF, Granularity.YEAR,
    Granularity.DECADE, Granularity.CENTURY,
})  # fmt: skip

UNDATED = "undated"


class MergeKey(NamedTuple):
    """One blocking key: reports sharing one are merge candidates."""

    kind: str  # the event type; for ``other`` also the lemma; "!" marks a negated report
    actor: str
    bucket: str  # "2025-04" (a month), "year:2025" (a coarse granularity's year), "undated"


def merge_kind(event: Event) -> str:
    """What a candidate must share besides an actor and a bucket: type, polarity and,
    for an untyped event (``other``), the trigger lemma."""
    kind = f"other/{event.lemma}" if event.type is EventType.OTHER else str(event.type)
    return kind if event.polarity is Polarity.POSITIVE else f"!{kind}"


def merge_buckets(event: Event) -> tuple[str, ...]:
    """The date buckets of ``event`` (see the module docstring)."""
    first, last = event.earliest, event.latest
    if first is None or last is None:
        undated = event.value is None and event.status is not EventStatus.HAPPENED
        return (UNDATED,) if undated else ()
    narrow = (last - first).days <= NARROW_DAYS
    buckets: list[str] = []
    if event.granularity in COARSE:
        buckets += [f"{event.granularity}:{y}" for y in range(first.year, last.year + 1)]
    if narrow or event.granularity not in COARSE:
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        buckets += [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]
    return tuple(buckets)


def merge_keys(event: Event) -> tuple[MergeKey, ...]:
    """Every blocking key of ``event``: two reports that can merge share at least one.

    This is THE key function: the in-batch merge, the store's ``merge_keys`` index and
    any distributed merge group reports by it."""
    kind = merge_kind(event)
    buckets = merge_buckets(event)
    return tuple(MergeKey(kind, actor, b) for actor in dict.fromkeys(event.actors) for b in buckets)
