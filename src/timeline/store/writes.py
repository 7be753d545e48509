"""Writing one article's extraction (times, events, agreements, issues) and the entities."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence

from timeline.merge import combine_events, is_same_happening, merge_keys, without_source
from timeline.merge.actors import name_block
from timeline.merge.keys import NARROW_DAYS
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
    own, others, claims, stored, absorbed = _merge_with_stored(
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
    follow_corrections(conn, absorbed)
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


def _merge_with_stored(
    conn: sqlite3.Connection,
    article_id: str,
    events: Sequence[Event],
    batch: frozenset[str],
    claimed: dict[str, set[str]],
    saving: frozenset[str] = frozenset(),
) -> tuple[list[Event], list[Event], dict[str, set[str]], dict[str, Event], dict[str, str]]:
    """(the article's events to store, other articles' events to rewrite, the sources
    merged into those: stored event id -> article ids, the stored versions of the
    article's and those events by id, and the stored events absorbed into another:
    id -> the id they joined).

    One happening stays one event across ingest batches and re-extractions, as it is
    within one batch (:func:`timeline.events.merge_events`):

    * an event of this article that was merged with other articles' reports before
      (same id) keeps those sources and their dates;
    * the other articles' stored events (not in ``batch``, which the extraction has
      merged already) lose this article as a source, and each new event
      of it that is the same happening as one of them is merged into that one (which
      keeps its id and dates) instead of being stored again; a report that is the
      same happening as several stored ones (it bridges them, as it would within one
      batch) makes them one: the first in (article, id) order keeps its id, the
      others' reports, actors and sources join it and they are deleted, their
      corrections following them (:func:`follow_corrections`).

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
    absorbed: dict[str, str] = {}
    claims: dict[str, set[str]] = {}
    for event in events:
        if event.id in before:
            own.append(_keep_other_sources(event, before[event.id]))
            continue
        found: dict[str, Event] = {}  # the stored happenings it is one with, by id
        for m in _candidates(conn, event, changed):
            if is_same_happening(m, event):
                kept = absorbed.get(m.id, m.id)
                found.setdefault(kept, changed.get(kept, m))
        if not found:
            own.append(event)
            continue
        target, *bridged = found.values()
        others.setdefault(target.id, target)  # its stored version, as first read
        merged = combine_events(target, event)
        mine = claims.setdefault(target.id, set())
        mine.update(event.sources)
        for other in bridged:  # a report compatible with several: they are one happening
            others.setdefault(other.id, other)
            changed.pop(other.id, None)  # deleted: its reports and actors join the target
            merged = combine_events(merged, other)
            mine.update(claims.pop(other.id, ()), claimed.get(other.id, ()))
            absorbed.update({k: target.id for k, v in absorbed.items() if v == other.id})
            absorbed[other.id] = target.id
        changed[target.id] = merged
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
    return own, list(changed.values()), claims, {**before, **others}, absorbed


def follow_corrections(conn: sqlite3.Connection, absorbed: Mapping[str, str]) -> None:
    """Corrections keyed on an event absorbed into another (a report bridged them)
    follow it: those recorded on it and the merges into it now name the event it
    joined; a user's merge of one into the other, now moot, is marked undone."""
    for old, new in absorbed.items():
        conn.execute("UPDATE corrections SET event_id = ? WHERE event_id = ?", (new, old))
        conn.execute(
            "UPDATE corrections SET new_value = ? WHERE action = 'merge' AND new_value = ?",
            (_dumps(new), _dumps(old)),
        )
        conn.execute(
            "UPDATE corrections SET undone = 1 WHERE action = 'merge' AND event_id = ? "
            "AND new_value = ?",
            (new, _dumps(new)),
        )


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
