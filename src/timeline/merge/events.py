"""One event per happening across sentences and articles, every report's date kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline.merge.keys import NARROW_DAYS, MergeKey, merge_keys
from timeline.models import Event, EventClass, EventStatus, EventType


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

    The result does not depend on the order of ``events``: the happenings are the
    connected groups of reports that are pairwise the same (:func:`is_same_happening`,
    tried only within a blocking key of :func:`~timeline.merge.merge_keys`), and each
    is told by its most precisely dated report (:func:`report_order`), the others'
    actors and sources added; when the reports give different values, every report's
    date is kept in ``date_variants``. Happenings come in the order of their first report.
    """
    reports = list(events)
    return [combine_reports([reports[i] for i in group]) for group in happenings(reports)]


def happenings(reports: Sequence[Event]) -> list[list[int]]:
    """The positions in ``reports`` of each happening's reports, happenings in the order
    of their first report (what :func:`merge_events` combines; a cluster that merges
    part by part orders its output by these first positions)."""
    groups = _Groups(len(reports))
    buckets: dict[MergeKey, list[int]] = {}
    for i, event in enumerate(reports):
        for key in merge_keys(event):
            buckets.setdefault(key, []).append(i)
    for members in buckets.values():
        _join_same(members, reports, groups)
    merged: dict[int, list[int]] = {}
    for i in range(len(reports)):
        merged.setdefault(groups.find(i), []).append(i)
    return list(merged.values())


def _join_same(members: list[int], reports: Sequence[Event], groups: _Groups) -> None:
    """Join the reports of one bucket that are the same happening. Each is tried against
    the happenings among the bucket's reports before it: one match joins it to the whole
    happening, and a happening it is already part of is not tried (neither would change
    what is connected), so a bucket of N reports of one happening costs N tests, not N^2."""
    found: list[list[int]] = []  # the bucket's reports so far, one list per happening
    for j in members:
        home: list[int] | None = None
        for group in list(found):
            if groups.find(group[0]) != groups.find(j):
                match = next((i for i in group if _same(reports[i], reports[j])), None)
                if match is None:
                    continue
                groups.join(match, j)
            if home is None:
                home = group
                group.append(j)
            else:  # j joined two happenings into one
                home.extend(group)
                found.remove(group)
        if home is None:
            found.append([j])


def combine_reports(reports: Sequence[Event]) -> Event:
    """One event from the reports of one happening, whatever their order: the first in
    :func:`report_order` with the others combined into it in that order."""
    first, *others = sorted(reports, key=report_order)
    if len(others) < 2:
        return combine_events(first, others[0]) if others else first
    # What combining them one by one with combine_events gives, built once: a happening
    # told by a thousand reports costs a thousand steps, not a thousand Events.
    actors, sources = dict.fromkeys(first.actors), dict.fromkeys(first.sources)
    location, variants = first.location, first.date_variants
    confidence, salience = first.confidence, first.salience
    for other in others:
        grown = list(variants) or [_variant(first)]
        if other.value != first.value or variants:
            grown.append(_variant(other))
        variants = tuple(grown) if len({v["value"] for v in grown}) > 1 else ()
        actors.update(dict.fromkeys(other.actors))
        sources.update(dict.fromkeys(other.sources))
        location = location or other.location
        confidence = round(min(0.95, max(confidence, other.confidence) + 0.05), 2)
        salience = round(min(1.0, max(salience, other.salience) + 0.05), 3)
    return replace(first, actors=tuple(actors), location=location, sources=tuple(sources),
                   date_variants=variants, confidence=confidence, salience=salience)  # fmt: skip


def report_order(event: Event) -> tuple[object, ...]:
    """Which report of a happening tells it: the most precisely dated (the narrowest
    span; an undated one last), then the most confident, then a fixed tie-break."""
    span = (event.latest - event.earliest).days if event.earliest and event.latest else None
    return (span is None, span or 0, -event.confidence, event.article_id, event.trigger_start,
            event.id)  # fmt: skip


class _Groups:
    """Union-find over report positions: the happenings found so far."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        self.parent[max(a, b)] = min(a, b)


def _overlaps(a: Event, b: Event) -> bool:
    if a.earliest and a.latest and b.earliest and b.latest:
        if not (a.earliest <= b.latest and b.earliest <= a.latest):
            return False
        wider = max((a.latest - a.earliest).days, (b.latest - b.earliest).days)
        return a.granularity is b.granularity or wider <= NARROW_DAYS
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
