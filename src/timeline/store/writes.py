"""Writing one article's extraction (times, events, agreements, issues) and the entities."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from timeline.merge import merge_keys
from timeline.merge.actors import name_block
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
    _event_row,
    _iso,
    _time_row,
)
from timeline.store.twins import _merge_with_stored


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
    claimed: dict[str, set[str]] | None = None,
    mentions: Mapping[str, int] | None = None,
    entities: Mapping[str, Entity] | None = None,
    saving: frozenset[str] = frozenset(),
) -> dict[str, set[str]]:
    """Replace one article's rows; ``batch`` holds the ids of the events being saved
    with it (their own articles' writes store them as given) and ``claimed`` the
    sources this save has already merged into stored events (see :func:`_merge_with_stored`).
    ``mentions`` (canonical name -> count, of ``entities``) replaces the article's
    mention counts (see :func:`_write_mentions`). ``saving``: the ids of the articles
    this save writes (their reports come with it).
    Returns the sources this article's events merged into stored events, for ``claimed``."""
    row = _article_row(article, added_at)
    names = ", ".join(row)
    updates = ", ".join(f"{k} = excluded.{k}" for k in row if k not in ("id", "added_at"))
    conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        tuple(row.values()),
    )
    own, others, claims, stored = _merge_with_stored(
        conn, article.id, events, batch, {} if claimed is None else claimed, saving
    )
    written = [*own, *others]
    ids = {e.id for e in written}
    _delete_events(conn, [e for i, e in stored.items() if i not in ids])
    for table in ("time_expressions", "agreements", "issues"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
    conn.executemany(
        "INSERT INTO time_expressions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_time_row(article.id, i, t) for i, t in enumerate(times)],
    )
    _write_events(conn, written, stored)
    for agreement in agreements:
        _write_agreement(conn, agreement)
    _write_issues(conn, article.id, issues)
    if mentions is not None:
        _write_mentions(conn, article.id, mentions, entities or {})
    return claims


def _write_mentions(
    conn: sqlite3.Connection,
    article_id: str,
    mentions: Mapping[str, int],
    entities: Mapping[str, Entity],
) -> None:
    """Replace one article's mention counts; each entity's ``mentions`` is the sum of
    its counts over the stored articles, kept by adding the difference, so a corpus
    gives the same counts however it is split into saves and re-saves."""
    old = dict(
        conn.execute(
            "SELECT entity, mentions FROM entity_mentions WHERE article_id = ?", (article_id,)
        ).fetchall()
    )
    conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO entity_mentions (article_id, entity, mentions) VALUES (?, ?, ?)",
        [(article_id, name, count) for name, count in sorted(mentions.items())],
    )
    _write_entities(conn, [entities[n] for n in sorted(mentions) if n in entities], counted=True)
    changes = [(mentions.get(n, 0) - old.get(n, 0), n) for n in sorted({*old, *mentions})]
    conn.executemany(
        "UPDATE entities SET mentions = mentions + ? WHERE name = ?", [c for c in changes if c[0]]
    )


def _write_entities(
    conn: sqlite3.Connection, entities: Iterable[Entity], *, counted: bool = False
) -> None:
    """Upsert ``entities`` with their aliases. ``counted``: their mention counts are
    kept per article (:func:`_write_mentions`) and left alone here; otherwise (an
    extraction without per-article counts) a count never goes down."""
    mentions = "mentions" if counted else "MAX(mentions, excluded.mentions)"
    for entity in entities:
        conn.execute(
            "INSERT INTO entities (name, kind, title, mentions, block) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, block = excluded.block, "
            f"title = COALESCE(excluded.title, title), mentions = {mentions}",
            (entity.name, entity.kind, entity.title, 0 if counted else entity.mentions,
             name_block(entity.name, entity.kind)),
        )  # fmt: skip
        conn.executemany(
            "INSERT OR IGNORE INTO aliases (entity, alias) VALUES (?, ?)",
            [(entity.name, alias) for alias in entity.aliases],
        )


def _stored_entities(conn: sqlite3.Connection, blocks: Iterable[str]) -> list[Entity]:
    """The stored entities of these blocking keys, with their aliases (read in chunks
    of :data:`_CHUNK` keys: a batch can have more than SQLite takes in one statement)."""
    rows: list[tuple] = []
    aliases: dict[str, list[str]] = {}
    blocks = list(blocks)
    for i in range(0, len(blocks), _CHUNK):
        part = blocks[i : i + _CHUNK]
        found = conn.execute(
            "SELECT name, kind, title, mentions FROM entities "
            f"WHERE block IN ({', '.join('?' * len(part))})",
            part,
        ).fetchall()
        rows += found
        for j in range(0, len(found), _CHUNK):
            names = [r[0] for r in found[j : j + _CHUNK]]
            marks = ", ".join("?" * len(names))
            sql = f"SELECT entity, alias FROM aliases WHERE entity IN ({marks})"
            for name, alias in conn.execute(sql, names):
                aliases.setdefault(name, []).append(alias)
    return [Entity(r[0], r[1], tuple(sorted(aliases.get(r[0], ()))), r[2], r[3]) for r in rows]


_CHUNK = 500


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


def _write_events(
    conn: sqlite3.Connection, events: Sequence[Event], replaced: Mapping[str, Event] | None = None
) -> None:
    """Write ``events`` with their actor, source and merge-key rows; ``replaced`` holds
    the stored versions of those being rewritten. A rewritten event is updated in place,
    only its changed columns set and only the actor, source and key rows that differ
    written: a report joining a stored happening changes its sources and scores, and
    rewriting the whole row would dirty a page of every index on events (issue 12)."""
    replaced = replaced or {}
    new = [e for e in events if e.id not in replaced]
    marks = ", ".join("?" * len(EVENT_COLUMNS))
    conn.executemany(
        f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})",
        [_event_row(e) for e in new],
    )
    old = [replaced[e.id] for e in events if e.id in replaced and e != replaced[e.id]]
    changed = [e for e in events if e.id in replaced and e != replaced[e.id]]
    for before, after in zip(old, changed, strict=True):
        _update_row(conn, before, after)
    gone = [_links(e) for e in old]
    added = [_links(e) for e in changed]
    _delete_links(conn, [g - a for g, a in zip(gone, added, strict=True)])
    _insert_links(conn, [*map(_links, new), *(a - g for g, a in zip(gone, added, strict=True))])


def _update_row(conn: sqlite3.Connection, before: Event, after: Event) -> None:
    """Set the columns of the stored ``before`` that differ in ``after`` (same id)."""
    diff = [(c, v) for c, u, v in zip(EVENT_COLUMNS, _event_row(before), _event_row(after),
                                      strict=True) if u != v]  # fmt: skip
    if diff:
        sets = ", ".join(f"{c} = ?" for c, _ in diff)
        conn.execute(f"UPDATE events SET {sets} WHERE id = ?", (*(v for _, v in diff), after.id))


def _links(e: Event) -> frozenset[tuple[str, ...]]:
    """The actor, source and merge-key rows of ``e``, each tagged by its table."""
    return frozenset((
        *(("event_actors", actor, e.id) for actor in e.actors),
        *(("event_sources", source, e.id) for source in e.sources),
        *(("merge_keys", *key, e.id) for key in merge_keys(e)),
    ))  # fmt: skip


_LINK_COLUMNS = {
    "event_actors": ("actor", "event_id"),
    "event_sources": ("article_id", "event_id"),
    "merge_keys": ("kind", "actor", "bucket", "event_id"),
}


def _insert_links(conn: sqlite3.Connection, rows: Iterable[frozenset[tuple[str, ...]]]) -> None:
    rows = list(rows)
    for table, columns in _LINK_COLUMNS.items():
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [r[1:] for links in rows for r in sorted(links) if r[0] == table],
        )


def _delete_links(conn: sqlite3.Connection, rows: Iterable[frozenset[tuple[str, ...]]]) -> None:
    """Delete rows by their whole key: these tables are keyed for the lookups (actor,
    article, bucket), not by event, so a write touches the pages of what it changes."""
    rows = list(rows)
    for table, columns in _LINK_COLUMNS.items():
        conn.executemany(
            f"DELETE FROM {table} WHERE {' AND '.join(f'{c} = ?' for c in columns)}",
            [r[1:] for links in rows for r in sorted(links) if r[0] == table],
        )


def _delete_events(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    """Delete stored ``events`` with their actor, source and merge-key rows."""
    _delete_links(conn, map(_links, events))
    conn.executemany("DELETE FROM events WHERE id = ?", [(e.id,) for e in events])
