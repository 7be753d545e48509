"""Stored twins: the stored happenings a saved article's reports are one with, found
through the ``merge_keys`` index (:func:`timeline.merge.merge_keys`) and merged by the
rule of :func:`timeline.merge.is_same_happening`, as within one batch."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator, Sequence

from timeline.merge import combine_events, is_same_happening, merge_keys, without_source
from timeline.merge.keys import NARROW_DAYS
from timeline.models import Event
from timeline.store.rows import EVENT_COLUMNS, _event_from_row, _iso


def _merge_with_stored(
    conn: sqlite3.Connection,
    article_id: str,
    events: Sequence[Event],
    batch: frozenset[str],
    claimed: dict[str, set[str]],
    saving: frozenset[str] = frozenset(),
) -> tuple[list[Event], list[Event], dict[str, set[str]], dict[str, Event]]:
    """(the article's events to store, other articles' events to rewrite, the sources
    merged into those: stored event id -> article ids, and the stored versions of the
    article's and those events by id).

    One happening stays one event across ingest batches and re-extractions, as it is
    within one batch (:func:`timeline.events.merge_events`):

    * an event of this article that was merged with other articles' reports before
      (same id) keeps those sources and their dates;
    * the other articles' stored events (not in ``batch``, which the extraction has
      merged already) lose this article as a source, and each new event
      of it that is the same happening as one of them is merged into that one (which
      keeps its id and dates) instead of being stored again.

    ``claimed`` (event id -> article ids) records the sources merged into stored events
    earlier in the same save: an event merged from several articles of one batch is
    written with the first of them, and the later articles' writes must neither drop
    themselves from the stored event it joined nor delete it when it is their own
    (they are still its reports).
    """
    before = {e.id: e for e in _stored_events(conn, "article_id = ?", (article_id,))}
    others = {
        e.id: e
        for e in _stored_events(
            conn,
            "article_id != ? AND id IN (SELECT event_id FROM event_sources WHERE article_id = ?)",
            (article_id, article_id),
        )
        if e.id not in batch and article_id not in claimed.get(e.id, ())
    }
    changed = {i: without_source(e, article_id) for i, e in others.items()}
    own: list[Event] = []
    claims: dict[str, set[str]] = {}
    for event in events:
        if event.id in before:
            own.append(_keep_other_sources(event, before[event.id]))
            continue
        target = next(
            (m for m in _candidates(conn, event, changed) if is_same_happening(m, event)), None
        )
        if target is None:
            own.append(event)
        else:
            others.setdefault(target.id, target)  # its stored version, as first read
            changed[target.id] = combine_events(target, event)
            claims.setdefault(target.id, set()).update(event.sources)
    # this article's stored events that an earlier article of this save merged its
    # report into (a batch merge owned by another article now): kept, not deleted
    kept = {e.id for e in own}
    own += [e for i, e in before.items() if i not in kept and article_id in claimed.get(i, ())]
    # this article's stored events it no longer tells that articles outside this save
    # report too: kept for those reports (a later article of the save may join them)
    kept = {e.id for e in own}
    for i, e in before.items():
        rest = [s for s in e.sources if s != article_id and s not in saving]
        if i not in kept and rest:
            changed[i] = _only_sources(e, rest)
    return own, list(changed.values()), claims, {**before, **others}


def _only_sources(event: Event, sources: Sequence[str]) -> Event:
    """``event`` as told by ``sources`` only (its text stays its first report's)."""
    variants = [v for v in event.date_variants if v.get("article_id") in sources]
    return dataclasses.replace(
        event,
        sources=tuple(sources),
        date_variants=tuple(variants) if len({v["value"] for v in variants}) > 1 else (),
    )


def _keep_other_sources(event: Event, stored: Event) -> Event:
    others = [s for s in stored.sources if s not in event.sources]
    if not others:
        return event
    variants = [v for v in stored.date_variants if v.get("article_id") in others]
    mine = list(event.date_variants) or [
        {"article_id": event.article_id, "value": event.value,
         "earliest": event.earliest, "latest": event.latest}
    ]  # fmt: skip
    variants = [*mine, *variants]
    return dataclasses.replace(
        event,
        sources=(*event.sources, *others),
        date_variants=tuple(variants) if len({v["value"] for v in variants}) > 1 else (),
    )


def _candidates(
    conn: sqlite3.Connection, event: Event, changed: dict[str, Event]
) -> Iterator[Event]:
    """Stored events of other articles that share a blocking key of ``event``
    (:func:`timeline.merge.merge_keys`: kind, an actor, a date bucket), found through
    the ``merge_keys`` index rather than by reading every event of the actor, in the
    order of (article, id); each is made an Event only when the caller asks for it (the
    first that is the same happening is taken: in a big store a busy actor's bucket
    holds many)."""
    keys = merge_keys(event)
    if not keys:
        return
    actors = sorted({k.actor for k in keys})
    buckets = sorted({k.bucket for k in keys})
    # Dated: only the bucket's events whose dates overlap, with one granularity or both
    # narrow (timeline.merge.events._overlaps), are read.
    overlap, dates = "", ()
    if event.earliest and event.latest:
        narrow = (event.latest - event.earliest).days <= NARROW_DAYS
        overlap = (
            " AND earliest <= ? AND latest >= ? AND (granularity = ? OR (? AND "
            "julianday(latest) - julianday(earliest) <= ?))"
        )
        dates = (_iso(event.latest), _iso(event.earliest), str(event.granularity), narrow,
                 NARROW_DAYS)  # fmt: skip
    rows = conn.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE article_id != ? AND id IN "
        f"(SELECT event_id FROM merge_keys WHERE kind = ? "
        f"AND actor IN ({', '.join('?' * len(actors))}) "
        f"AND bucket IN ({', '.join('?' * len(buckets))})){overlap} ORDER BY article_id, id",
        (event.article_id, keys[0].kind, *actors, *buckets, *dates),
    ).fetchall()
    for row in rows:
        stored = _event_from_row(row)
        yield changed.get(stored.id, stored)


def _stored_events(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[Event]:
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where}"
    return [_event_from_row(r) for r in conn.execute(sql, tuple(params))]
