"""Reading events: loading (narrowed by actor in SQL), filtering and ordering."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from timeline.models import (
    Event,
)
from timeline.store.rows import EVENT_COLUMNS, _event_from_row


def _load_events(conn: sqlite3.Connection, actors: set[str] | None) -> list[Event]:
    """All events, or (with ``actors``) a superset of those that can match them."""
    sql, params = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events", []
    if actors is not None:
        marks = ", ".join("?" * len(actors))
        sql += (
            f" WHERE id IN (SELECT event_id FROM event_actors WHERE actor IN ({marks}))"
            " OR id IN (SELECT event_id FROM corrections"
            " WHERE action = 'set' AND field = 'actors' AND undone = 0)"
            " OR id IN (SELECT json_extract(new_value, '$') FROM corrections"
            " WHERE action = 'merge' AND undone = 0)"
        )
        params = sorted(actors)
    loaded = [_event_from_row(r) for r in conn.execute(sql, params)]
    have = {e.id for e in loaded}
    drops = {
        r[0]
        for r in conn.execute(
            "SELECT event_id FROM corrections WHERE action = 'merge' AND undone = 0"
        )
    }  # merged-away events feed their keepers' sources even when filtered out
    return loaded + _events_by_id(conn, drops - have)


def _events_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Event]:
    ids = sorted(ids)
    if not ids:
        return []
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id IN ({', '.join('?' * len(ids))})"
    return [_event_from_row(r) for r in conn.execute(sql, ids)]


def _articles_with_areas(conn: sqlite3.Connection, areas: set[str]) -> set[str]:
    marks = ", ".join("?" * len(areas))
    rows = conn.execute(
        "SELECT DISTINCT g.article_id FROM agreements g JOIN areas a ON a.agreement_id = g.id "
        f"WHERE a.area IN ({marks})",
        sorted(areas),
    )
    return {r[0] for r in rows}


def _event_order(e: Event) -> tuple[Any, ...]:
    return (e.earliest is None, e.earliest or dt.date.min, e.article_id, e.sentence_start, e.id)


def _event_filter(
    *,
    start: dt.date | None,
    end: dt.date | None,
    actors: set[str] | None,
    types: set[str] | None,
    article_ids: set[str] | None,
    area_articles: set[str] | None,
    statuses: set[str] | None,
) -> Callable[[Event], bool]:
    def keep(e: Event) -> bool:
        articles = (e.article_id, *e.sources)
        return all((
            start is None or (e.latest is not None and e.latest >= start),
            end is None or (e.earliest is not None and e.earliest <= end),
            actors is None or not actors.isdisjoint(e.actors),
            types is None or str(e.type) in types,
            statuses is None or str(e.status) in statuses,
            article_ids is None or not article_ids.isdisjoint(articles),
            area_articles is None or not area_articles.isdisjoint(articles),
        ))  # fmt: skip

    return keep
