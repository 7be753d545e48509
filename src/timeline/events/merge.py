"""One event per happening across sentences and articles, every report's date kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline.models import (
    Event,
    EventClass,
    EventStatus,
    EventType,
)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """One event per happening: same type and a compatible trigger (the same lemma, or
    the same type from the vocabulary), the same polarity, a shared actor, and
    compatible dates: overlapping, and not a day against a quarter (the coarser of the
    two spans at most a month unless both have one granularity).

    Within an article two statements are never one (each sentence that reports is its
    own statement), two events of one sentence never either, and others merge only with
    the same lemma (the signing told twice) or as one undated plan ("visit", "trip");
    across articles the sources are joined.
    Undated events merge only when neither has happened yet (the same planned visit).
    When the merged reports give different values, every report's date is kept in
    ``date_variants``; the event keeps the first report's date.
    """
    merged: list[Event] = []
    index = _MergeIndex()
    for event in events:
        target = index.find(event, merged)
        if target is None:
            target = len(merged)
            merged.append(event)
        else:
            merged[target] = combine_events(merged[target], event)
        index.add(merged[target], event.actors, target)
    return merged


def merge_blocks(event: Event) -> tuple[tuple[EventType, str], ...]:
    """The blocking keys of the cross-article merge: (type, actor) for each actor, none for
    an event that never merges. Two events :func:`merge_events` joins, directly or through
    the reports merged before them, always share a key, so the events of one connected
    group of keys merge apart exactly as in the whole list (a cluster merges each group on
    its own, :mod:`timeline.scale.spark`). The index below refines a key by year."""
    if not _merge_years(event):
        return ()
    return tuple((event.type, actor) for actor in dict.fromkeys(event.actors))


class _MergeIndex:
    """Earlier events by (type, actor, year): a candidate shares all three, so a corpus
    of many events of one actor compares each new one with that year's events only.

    Candidates are tried in the order they joined the (type, actor) list, as a plain
    list per (type, actor) would; a merged event keeps its first report's dates, so a
    slot never changes years."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[EventType, str, int | None], list[int]] = {}
        self.order: dict[tuple[EventType, str], dict[int, int]] = {}

    def find(self, event: Event, merged: list[Event]) -> int | None:
        keys = _merge_years(event)
        for actor in event.actors:
            order = self.order.get((event.type, actor))
            if not order:
                continue
            slots = {s for y in keys for s in self.buckets.get((event.type, actor, y), ())}
            for slot in sorted(slots, key=order.__getitem__):
                if _same(merged[slot], event):
                    return slot
        return None

    def add(self, event: Event, actors: Sequence[str], slot: int) -> None:
        """Index ``slot`` (holding ``event``) under the ``actors`` of its latest report."""
        keys = _merge_years(event)
        for actor in actors:
            order = self.order.setdefault((event.type, actor), {})
            if slot in order:
                continue
            order[slot] = len(order)
            for year in keys:
                self.buckets.setdefault((event.type, actor, year), []).append(slot)


def _merge_years(event: Event) -> range | tuple[None, ...] | tuple[()]:
    """The buckets an event can merge in: its years, ``None`` for an undated one that
    has not happened, none at all for an undated one that has (it never merges)."""
    if event.earliest and event.latest:
        return range(event.earliest.year, event.latest.year + 1)
    if event.value is None and event.status is not EventStatus.HAPPENED:
        return (None,)
    return ()


_MAX_COARSER_DAYS = 31


def _overlaps(a: Event, b: Event) -> bool:
    if a.earliest and a.latest and b.earliest and b.latest:
        if not (a.earliest <= b.latest and b.earliest <= a.latest):
            return False
        wider = max((a.latest - a.earliest).days, (b.latest - b.earliest).days)
        return a.granularity is b.granularity or wider <= _MAX_COARSER_DAYS
    undated = a.value is None and b.value is None
    return undated and EventStatus.HAPPENED not in (a.status, b.status)


def _same(a: Event, b: Event) -> bool:
    """The merge test of two events already sharing a type and an actor."""
    if a.polarity is not b.polarity:
        return False
    if a.lemma != b.lemma and a.type is EventType.OTHER:
        return False
    if a.article_id == b.article_id:  # two events of one article's own report
        if EventClass.REPORTING in (a.event_class, b.event_class):
            return False  # each statement is its own
        if (a.article_id, a.sentence_start) == (b.article_id, b.sentence_start):
            return False  # "fell ..., while ... rose": two events of one sentence
        plans = EventStatus.HAPPENED not in (a.status, b.status) and a.value is b.value is None
        if a.lemma != b.lemma and not plans:
            return False  # the same plan told twice ("visit", "trip") is one
    return _overlaps(a, b)


def is_same_happening(a: Event, b: Event) -> bool:
    """Same type, a compatible trigger, a shared actor and compatible dates."""
    return a.type is b.type and not set(a.actors).isdisjoint(b.actors) and _same(a, b)


def without_source(event: Event, article_id: str) -> Event:
    """``event`` as reported by its other sources: ``article_id`` and its date dropped."""
    if article_id == event.article_id or article_id not in event.sources:
        return event
    variants = [v for v in event.date_variants if v.get("article_id") != article_id]
    return replace(
        event,
        sources=tuple(s for s in event.sources if s != article_id),
        date_variants=tuple(variants) if len({v["value"] for v in variants}) > 1 else (),
    )


def combine_events(first: Event, other: Event) -> Event:
    """``first`` with ``other``'s actors and sources added; differing dates are kept in
    ``date_variants`` and ``first`` keeps its own."""
    variants = list(first.date_variants) or [_variant(first)]
    if other.value != first.value or first.date_variants:
        variants.append(_variant(other))
    differs = len({v["value"] for v in variants}) > 1
    return replace(
        first,
        actors=tuple(dict.fromkeys(first.actors + other.actors)),
        location=first.location or other.location,
        sources=tuple(dict.fromkeys(first.sources + other.sources)),
        date_variants=tuple(variants) if differs else (),
        confidence=round(min(0.95, max(first.confidence, other.confidence) + 0.05), 2),
        salience=round(min(1.0, max(first.salience, other.salience) + 0.05), 3),
    )


def _variant(event: Event) -> dict[str, object]:
    return {
        "article_id": event.article_id,
        "value": event.value,
        "earliest": event.earliest,
        "latest": event.latest,
    }
