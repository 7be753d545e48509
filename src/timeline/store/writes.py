"""Writing one article's extraction (times, events, agreements, issues) and the entities."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Sequence

from timeline.events import combine_events, is_same_happening, without_source
from timeline.events.merge import _merge_years
from timeline.models import (
    Agreement,
    Article,
    Entity,
    Event,
    Extraction,
    Issue,
    TimeExpression,
)
from timeline.store.rows import (
    EVENT_COLUMNS,
    _article_row,
    _dumps,
    _event_from_row,
    _event_row,
    _iso,
    _time_row,
)


def _group_by_article(
    extraction: Extraction,
) -> dict[str, tuple[list[Event], list[Agreement], list[Issue]]]:
    groups: dict[str, tuple[list[Event], list[Agreement], list[Issue]]] = {
        a.id: ([], [], []) for a in extraction.articles
    }
    keys = {a.id: a.id for a in extraction.articles}
    for a in extraction.articles:
        for key in (a.metadata.get("path"), a.metadata.get("file")):
            if isinstance(key, str):
                keys.setdefault(key, a.id)
    for event in extraction.events:
        if event.article_id in groups:
            groups[event.article_id][0].append(event)
    for agreement in extraction.agreements:
        if agreement.article_id in groups:
            groups[agreement.article_id][1].append(agreement)
    for issue in extraction.issues:
        owner = keys.get(issue.locator or "") or keys.get(issue.source)
        if owner is not None:
            groups[owner][2].append(issue)
    return groups


def _write_article(
    conn: sqlite3.Connection,
    article: Article,
    added_at: str,
    times: Sequence[TimeExpression],
    events: Sequence[Event],
    agreements: Sequence[Agreement],
    issues: Sequence[Issue],
    batch: frozenset[str] = frozenset(),
) -> None:
    """Replace one article's rows; ``batch`` holds the ids of the events being saved
    with it (their own articles' writes store them as given)."""
    row = _article_row(article, added_at)
    names = ", ".join(row)
    updates = ", ".join(f"{k} = excluded.{k}" for k in row if k not in ("id", "added_at"))
    conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        tuple(row.values()),
    )
    own, others = _merge_with_stored(conn, article.id, events, batch)
    for table in ("time_expressions", "events", "agreements", "issues"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    conn.executemany(
        "INSERT INTO time_expressions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_time_row(article.id, i, t) for i, t in enumerate(times)],
    )
    _write_events(conn, [*own, *others])
    for agreement in agreements:
        _write_agreement(conn, agreement)
    _write_issues(conn, article.id, issues)


def _write_entities(conn: sqlite3.Connection, entities: Iterable[Entity]) -> None:
    for entity in entities:
        conn.execute(
            "INSERT INTO entities (name, kind, title, mentions) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, "
            "title = COALESCE(excluded.title, title), "
            "mentions = MAX(mentions, excluded.mentions)",
            (entity.name, entity.kind, entity.title, entity.mentions),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO aliases (entity, alias) VALUES (?, ?)",
            [(entity.name, alias) for alias in entity.aliases],
        )


def _write_issues(
    conn: sqlite3.Connection, article_id: str | None, issues: Iterable[Issue]
) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO issues "
        "(article_id, source, message, locator, field, raw, severity) VALUES (?,?,?,?,?,?,?)",
        [
            (article_id, i.source, i.message, i.locator or "", i.field or "", i.raw, i.severity)
            for i in issues
        ],
    )


def _write_agreement(conn: sqlite3.Connection, g: Agreement) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO agreements "
        "(id, article_id, name, kind, parties, duration, evidence, sources) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            g.id,
            g.article_id,
            g.name,
            g.kind,
            _dumps(list(g.parties)),
            g.duration,
            g.evidence,
            _dumps(list(g.sources or (g.article_id,))),
        ),  # fmt: skip
    )
    conn.executemany(
        "INSERT INTO agreement_stages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (g.id, i, s.stage, s.value, _iso(s.earliest), _iso(s.latest), s.time_text,
             s.evidence, s.status)
            for i, s in enumerate(g.stages)
        ],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO areas VALUES (?, ?, ?, ?, ?)",
        [
            (g.id, i, a.area, _dumps(list(a.provisions)), _dumps(list(a.evidence)))
            for i, a in enumerate(g.areas)
        ],
    )


def _write_events(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    ids = [(e.id,) for e in events]
    conn.executemany("DELETE FROM event_actors WHERE event_id = ?", ids)
    conn.executemany("DELETE FROM event_sources WHERE event_id = ?", ids)
    conn.executemany("DELETE FROM event_keys WHERE event_id = ?", ids)
    marks = ", ".join("?" * len(EVENT_COLUMNS))
    conn.executemany(
        f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})",
        [_event_row(e) for e in events],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_actors (event_id, actor) VALUES (?, ?)",
        [(e.id, actor) for e in events for actor in e.actors],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_sources (event_id, article_id) VALUES (?, ?)",
        [(e.id, source) for e in events for source in e.sources],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_keys (type, actor, year, event_id) VALUES (?, ?, ?, ?)",
        [(str(e.type), actor, *_key_year(year), e.id)
         for e in events for year in _merge_years(e) for actor in e.actors],
    )  # fmt: skip


def _key_year(year: int | None) -> tuple[int]:
    return (-1 if year is None else year,)


def _merge_with_stored(
    conn: sqlite3.Connection, article_id: str, events: Sequence[Event], batch: frozenset[str]
) -> tuple[list[Event], list[Event]]:
    """(the article's events to store, other articles' events to rewrite).

    One happening stays one event across ingest batches and re-extractions, as it is
    within one batch (:func:`timeline.events.merge_events`):

    * an event of this article that was merged with other articles' reports before
      (same id) keeps those sources and their dates;
    * the other articles' stored events (not in ``batch``, which the extraction has
      merged already) lose this article as a source, and each new event
      of it that is the same happening as one of them is merged into that one (which
      keeps its id and dates) instead of being stored again.
    """
    before = {e.id: e for e in _stored_events(conn, "article_id = ?", (article_id,))}
    others = {
        e.id: e
        for e in _stored_events(
            conn,
            "article_id != ? AND id IN (SELECT event_id FROM event_sources WHERE article_id = ?)",
            (article_id, article_id),
        )
        if e.id not in batch
    }
    changed = {i: without_source(e, article_id) for i, e in others.items()}
    own: list[Event] = []
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
            changed[target.id] = combine_events(target, event)
    return own, list(changed.values())


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


def _candidates(conn: sqlite3.Connection, event: Event, changed: dict[str, Event]) -> list[Event]:
    """Stored events of other articles that share a merge bucket of ``event`` (type, an
    actor, a year it spans: what :func:`timeline.events.is_same_happening` needs), found
    through the ``event_keys`` index rather than by reading every event of the actor."""
    years = [_key_year(y)[0] for y in _merge_years(event)]
    if not event.actors or not years:
        return []
    actors, marks = ", ".join("?" * len(event.actors)), ", ".join("?" * len(years))
    # Dated: only the bucket's events whose dates overlap are read back as Events.
    overlap, dates = "", ()
    if event.earliest and event.latest:
        overlap, dates = " AND earliest <= ? AND latest >= ?", (event.latest, event.earliest)
    stored = _stored_events(
        conn,
        f"article_id != ? AND id IN (SELECT event_id FROM event_keys WHERE type = ? "
        f"AND actor IN ({actors}) AND year IN ({marks})){overlap}",
        (event.article_id, str(event.type), *event.actors, *years, *map(_iso, dates)),
    )
    return [changed.get(e.id, e) for e in sorted(stored, key=lambda e: (e.article_id, e.id))]


def _stored_events(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[Event]:
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where}"
    return [_event_from_row(r) for r in conn.execute(sql, tuple(params))]
