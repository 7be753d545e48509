"""Writing one article's extraction (times, events, agreements, issues) and the entities."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from timeline.models import (
    Agreement,
    Article,
    Entity,
    Event,
    Extraction,
    Issue,
    TimeExpression,
)
from timeline.store.rows import EVENT_COLUMNS, _article_row, _dumps, _event_row, _iso, _time_row

# -- row writers ----------------------------------------------------------------------------


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
) -> None:
    row = _article_row(article, added_at)
    names = ", ".join(row)
    updates = ", ".join(f"{k} = excluded.{k}" for k in row if k not in ("id", "added_at"))
    conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        tuple(row.values()),
    )
    for table in ("time_expressions", "events", "agreements", "issues"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    conn.executemany(
        "INSERT INTO time_expressions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_time_row(article.id, i, t) for i, t in enumerate(times)],
    )
    marks = ", ".join("?" * len(EVENT_COLUMNS))
    conn.executemany(
        f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})",
        [_event_row(e) for e in events],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_actors (event_id, actor) VALUES (?, ?)",
        [(e.id, actor) for e in events for actor in e.actors],
    )
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
        "INSERT OR REPLACE INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?)",
        (g.id, g.article_id, g.name, g.kind, _dumps(list(g.parties)), g.duration, g.evidence),
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
