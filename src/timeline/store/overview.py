"""Reads for a dashboard over a big store, answered in SQL: how many events match the
filters, their date bounds, how many fall in each day / week / month / year, the most
salient of them, the filter options, and articles without their text.

Every filter of :meth:`Store.events` is applied in SQL on indexed columns, with the
same meaning. Corrections are hand edits, so there are few: the events a correction
touches (corrected, deleted or merged away, and the events merged into) are left out
of the SQL by rowid and handled in Python exactly as :meth:`Store.events` handles them,
then combined with the SQL's answer. Nothing here loads every event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from timeline.models import Event
from timeline.store.corrections import _active_corrections, _apply_corrections
from timeline.store.queries import (
    _articles_with_areas,
    _event_filter,
    _event_order,
    _events_by_id,
)
from timeline.store.rows import EVENT_COLUMNS, _date, _event_from_row

__all__ = ["BUCKETS", "EventQuery", "Overview", "bucket_of", "next_bucket", "spread"]

#: Density buckets, finest first; a bucket is named by its first day.
BUCKETS = ("day", "week", "month", "year")


def bucket_of(day: dt.date, unit: str) -> dt.date:
    """The first day of the ``unit`` (one of :data:`BUCKETS`) that holds ``day``."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unit={unit!r}; valid: {', '.join(BUCKETS)}")


def next_bucket(first: dt.date, unit: str) -> dt.date:
    """The first day of the bucket after the one starting on ``first``."""
    if unit == "day":
        return first + dt.timedelta(days=1)
    if unit == "week":
        return first + dt.timedelta(days=7)
    if unit == "month":
        return (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first.replace(year=first.year + 1, month=1, day=1)


def spread(earliest: dt.date | None, latest: dt.date | None, unit: str) -> list[dt.date]:
    """The buckets an event counts in: each its interval touches (one event shared
    equally among them), or the bucket of its one known bound; none without a date."""
    if earliest is None or latest is None:
        known = earliest or latest
        return [] if known is None else [bucket_of(known, unit)]
    first, last = bucket_of(earliest, unit), bucket_of(latest, unit)
    buckets = [first]
    while buckets[-1] < last:
        buckets.append(next_bucket(buckets[-1], unit))
    return buckets


@dataclasses.dataclass(frozen=True)
class EventQuery:
    """The filters of :meth:`Store.events`: None means no filter, an empty tuple
    matches nothing; ``start``/``end`` keep the events whose interval overlaps them."""

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    areas: tuple[str, ...] | None = None
    article_ids: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None

    @classmethod
    def of(cls, **filters: Iterable[str] | dt.date | None) -> EventQuery:
        """From :meth:`Store.events` keyword arguments (any iterables)."""
        values = {k: v if v is None or isinstance(v, dt.date) else tuple(map(str, v))
                  for k, v in filters.items()}  # fmt: skip
        return cls(**values)  # type: ignore[arg-type]

    def sql(self, skip_rowids: list[int]) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events AS e`` (``1`` when nothing filters) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if skip_rowids:
            clauses.append("e.rowid NOT IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(skip_rowids))
        if self.start is not None:
            clauses.append("e.latest >= ?")
            params.append(self.start.isoformat())
        if self.end is not None:
            clauses.append("e.earliest <= ?")
            params.append(self.end.isoformat())
        for column, values in (("e.type", self.types), ("e.status", self.statuses)):
            if values is not None:
                clauses.append(f"{column} IN ({_marks(values)})")
                params.extend(values)
        if self.actors is not None:
            named = f"SELECT event_id FROM event_actors WHERE actor IN ({_marks(self.actors)})"
            clauses.append(f"e.id IN ({named})")
            params.extend(self.actors)
        for articles, values in _article_sets(self):
            clauses.append(
                f"(e.article_id IN ({articles}) OR e.id IN "
                f"(SELECT event_id FROM event_sources WHERE article_id IN ({articles})))"
            )
            params.extend(values * 2)
        return " AND ".join(clauses) or "1", params

    def python(self, conn: sqlite3.Connection) -> Any:
        """The same filter as a predicate on :class:`Event` (for the touched events)."""
        return _event_filter(
            start=self.start,
            end=self.end,
            actors=None if self.actors is None else set(self.actors),
            types=None if self.types is None else set(self.types),
            article_ids=None if self.article_ids is None else set(self.article_ids),
            area_articles=None
            if self.areas is None
            else _articles_with_areas(conn, set(self.areas)),
            statuses=None if self.statuses is None else set(self.statuses),
        )


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))


def _article_sets(query: EventQuery) -> list[tuple[str, list[Any]]]:
    """The article filters as (subquery or marks, parameters)."""
    sets = []
    if query.article_ids is not None:
        sets.append((_marks(query.article_ids) or "NULL", list(query.article_ids)))
    if query.areas is not None:
        sub = (
            "SELECT g.article_id FROM agreements g JOIN areas a ON a.agreement_id = g.id "
            f"WHERE a.area IN ({_marks(query.areas)})"
        )
        sets.append((sub, list(query.areas)))
    return sets


def _touched(conn: sqlite3.Connection) -> tuple[list[int], list[Event]]:
    """Rowids of the events any correction touches, and those events as shown."""
    active = _active_corrections(conn)
    if not active:
        return [], []
    ids = {c.event_id for c in active}
    ids |= {str(c.new_value) for c in active if c.action == "merge"}
    marks = ", ".join("?" * len(ids))
    rowids = [
        r[0] for r in conn.execute(f"SELECT rowid FROM events WHERE id IN ({marks})", sorted(ids))
    ]
    return rowids, _apply_corrections(_events_by_id(conn, ids), active)


def _split(conn: sqlite3.Connection, query: EventQuery) -> tuple[str, list[Any], list[Event]]:
    """WHERE and parameters for the untouched events, and the touched ones that match."""
    rowids, touched = _touched(conn)
    where, params = query.sql(rowids)
    keep = query.python(conn) if touched else None
    return where, params, [e for e in touched if keep(e)] if keep else []


def count_events(conn: sqlite3.Connection, query: EventQuery) -> int:
    where, params, touched = _split(conn, query)
    sql = f"SELECT COUNT(*) FROM events AS e WHERE {where}"
    return int(conn.execute(sql, params).fetchone()[0]) + len(touched)


def date_bounds(conn: sqlite3.Connection, query: EventQuery) -> tuple[dt.date, dt.date] | None:
    """The first and last day any matching event's interval names (earliest or latest)."""
    where, params, touched = _split(conn, query)
    days: list[dt.date] = [d for e in touched for d in (e.earliest, e.latest) if d is not None]
    for column in ("earliest", "latest"):
        sql = f"SELECT MIN(e.{column}), MAX(e.{column}) FROM events AS e WHERE {where}"
        days.extend(_date(d) for d in conn.execute(sql, params).fetchone() if d is not None)
    return (min(days), max(days)) if days else None


def density(
    conn: sqlite3.Connection, query: EventQuery, unit: str
) -> list[tuple[dt.date, dt.date, float]]:
    """(first day, last day, events) of each bucket holding matching events, in time order.

    An event spanning several buckets is shared equally among them (a "sometime in
    2024" event adds 1/12 to each month of 2024), one known by a bound only counts at
    that bound, one with no date is not counted: the counts add up to the dated events.
    SQL counts the events of each distinct interval, in the order of the covering index
    (no sort); the few thousand intervals are then shared out here."""
    if unit not in BUCKETS:
        raise ValueError(f"unit={unit!r}; valid: {', '.join(BUCKETS)}")
    where, params, touched = _split(conn, query)
    sql = (
        f"SELECT e.earliest, e.latest, COUNT(*) FROM events AS e WHERE {where} "
        "AND (e.earliest IS NOT NULL OR e.latest IS NOT NULL) GROUP BY e.earliest, e.latest"
    )
    intervals = Counter({(_date(a), _date(b)): n for a, b, n in conn.execute(sql, params)})
    intervals.update((e.earliest, e.latest) for e in touched)
    counts: dict[dt.date, float] = {}
    for (earliest, latest), n in intervals.items():
        buckets = spread(earliest, latest, unit)
        for bucket in buckets:
            counts[bucket] = counts.get(bucket, 0.0) + n / len(buckets)
    return [(b, next_bucket(b, unit) - dt.timedelta(days=1), counts[b]) for b in sorted(counts)]


def most_salient(conn: sqlite3.Connection, query: EventQuery, limit: int) -> list[Event]:
    """The ``limit`` most salient matching events (ties: the earlier in event order), as
    :meth:`Store.events` orders them.

    Two indexed reads: the salience of the ``limit``-th event, then every event at least
    that salient (a few more than ``limit`` when scores tie)."""
    if limit <= 0:
        return []
    where, params, touched = _split(conn, query)
    cut_sql = (
        f"SELECT e.salience FROM events AS e WHERE {where} "
        "ORDER BY e.salience DESC LIMIT 1 OFFSET ?"
    )
    cut = conn.execute(cut_sql, [*params, limit - 1]).fetchone()
    sql = f"SELECT {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM events AS e WHERE {where}"
    if cut is not None:
        sql += " AND e.salience >= ?"
        params = [*params, cut[0]]
    found = [_event_from_row(r) for r in conn.execute(sql, params)] + touched
    ranked = sorted(found, key=lambda e: (-e.salience, _event_order(e)))[:limit]
    return sorted(ranked, key=_event_order)


def _untouched_actors(rowids: list[int]) -> tuple[str, list[Any]]:
    """event_actors rows of the events no correction touches (all of them when none)."""
    if not rowids:  # the usual case: read from the index on actor alone
        return "event_actors", []
    skip = "SELECT id FROM events WHERE rowid IN (SELECT value FROM json_each(?))"
    return f"(SELECT * FROM event_actors WHERE event_id NOT IN ({skip}))", [json.dumps(rowids)]


def top_actors(conn: sqlite3.Connection, limit: int) -> list[str]:
    """The ``limit`` actors of the most visible events (ties by name), sorted by name."""
    rowids, touched = _touched(conn)
    table, params = _untouched_actors(rowids)
    sql = f"SELECT actor, COUNT(*) FROM {table} GROUP BY actor"
    counts = Counter(dict(conn.execute(sql, params).fetchall()))
    counts.update(a for e in touched for a in set(e.actors))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return sorted(name for name, _ in top)


def event_types(conn: sqlite3.Connection) -> list[str]:
    """The types of the visible events, sorted."""
    where, params, touched = _split(conn, EventQuery())
    sql = f"SELECT DISTINCT e.type FROM events AS e WHERE {where}"
    return sorted({r[0] for r in conn.execute(sql, params)} | {str(e.type) for e in touched})


def article_rows(conn: sqlite3.Connection, ids: Iterable[str] | None) -> list[dict[str, Any]]:
    """Articles without their text (``chars`` is its length), ordered as
    :meth:`Store.articles`; with ``ids``, only those."""
    sql = (
        "SELECT id, title, source, url, published, published_origin, length(text) AS chars "
        "FROM articles"
    )
    params: list[Any] = []
    if ids is not None:
        sql += " WHERE id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(set(ids))))
    return [dict(r) for r in conn.execute(sql + " ORDER BY published, id", params)]


def article_titles(conn: sqlite3.Connection, limit: int) -> dict[str, str]:
    """Id -> title (the id when untitled) of the ``limit`` most recently published
    articles, in the order of :meth:`Store.articles`."""
    rows = conn.execute(
        "SELECT id, COALESCE(title, id) FROM articles "
        "ORDER BY published IS NULL, published DESC, id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return dict(reversed(rows))


def areas(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT area FROM areas ORDER BY area")]


def table_count(conn: sqlite3.Connection, table: str) -> int:
    if table not in ("articles", "issues", "agreements"):
        raise ValueError(f"no count for table {table!r}")
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def actor_count(conn: sqlite3.Connection) -> int:
    """Distinct actors of the visible events."""
    rowids, touched = _touched(conn)
    table, params = _untouched_actors(rowids)
    n = int(conn.execute(f"SELECT COUNT(DISTINCT actor) FROM {table}", params).fetchone()[0])
    seen = f"SELECT 1 FROM {table} WHERE actor = ? LIMIT 1"
    extra = {a for e in touched for a in e.actors}
    return n + sum(not conn.execute(seen, [*params, a]).fetchone() for a in extra)


def agreements_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes whenever the stored agreements do: a save deletes an article's agreements
    and inserts them again (with their stages and areas), so new rowids."""
    row = conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM agreements").fetchone()
    return int(row[0]), int(row[1])


class Overview:
    """The reads above on one store, each on a connection of its own (see
    :meth:`Store.overview`); filters as the keyword arguments of :meth:`Store.events`."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def _read(self, read: Any, *args: Any) -> Any:
        with self._store._connect() as conn:
            return read(conn, *args)

    def count(self, **filters: Any) -> int:
        return self._read(count_events, EventQuery.of(**filters))

    def date_bounds(self, **filters: Any) -> tuple[dt.date, dt.date] | None:
        return self._read(date_bounds, EventQuery.of(**filters))

    def density(self, unit: str, **filters: Any) -> list[tuple[dt.date, dt.date, float]]:
        return self._read(density, EventQuery.of(**filters), unit)

    def most_salient(self, limit: int, **filters: Any) -> list[Event]:
        return self._read(most_salient, EventQuery.of(**filters), limit)

    def top_actors(self, limit: int) -> list[str]:
        return self._read(top_actors, limit)

    def event_types(self) -> list[str]:
        return self._read(event_types)

    def areas(self) -> list[str]:
        return self._read(areas)

    def article_rows(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        return self._read(article_rows, ids)

    def article_titles(self, limit: int) -> dict[str, str]:
        return self._read(article_titles, limit)

    def table_count(self, table: str) -> int:
        return self._read(table_count, table)

    def actor_count(self) -> int:
        return self._read(actor_count)

    def agreements_stamp(self) -> tuple[int, int]:
        return self._read(agreements_stamp)
