"""Schema: the tables of version 1 and the migrations that build them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from timeline.merge import merge_keys
from timeline.merge.actors import name_block
from timeline.store.rows import EVENT_COLUMNS, _event_from_row


def _block_names(conn: sqlite3.Connection) -> None:
    """Fill ``entities.block`` by :func:`timeline.merge.actors.name_block`."""
    rows = conn.execute("SELECT name, kind FROM entities").fetchall()
    conn.executemany(
        "UPDATE entities SET block = ? WHERE name = ?", [(name_block(n, k), n) for n, k in rows]
    )


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step; its statements, then its ``steps`` (Python, for what only the
    library computes), run in one transaction with its version row."""

    version: int
    name: str
    statements: tuple[str, ...]
    steps: tuple[Callable[[sqlite3.Connection], None], ...] = ()


def _index_merge_keys(conn: sqlite3.Connection) -> None:
    """Fill ``merge_keys`` from the stored events, by :func:`timeline.merge.merge_keys`
    itself (the one definition of the buckets)."""
    rows = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events")
    while chunk := rows.fetchmany(10_000):
        conn.executemany(
            "INSERT OR IGNORE INTO merge_keys (kind, actor, bucket, event_id) VALUES (?,?,?,?)",
            [(*key, e.id) for e in map(_event_from_row, chunk) for key in merge_keys(e)],
        )


_SCHEMA_1 = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT,
        published_origin TEXT, text TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}',
        added_at TEXT NOT NULL)""",
    """CREATE TABLE time_expressions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
        earliest TEXT, latest TEXT, granularity TEXT NOT NULL, rule TEXT NOT NULL,
        anchor TEXT NOT NULL, PRIMARY KEY (article_id, position))""",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL, cameo TEXT NOT NULL, trigger TEXT NOT NULL, title TEXT NOT NULL,
        sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        actors TEXT NOT NULL, location TEXT, time_text TEXT, value TEXT, earliest TEXT,
        latest TEXT, granularity TEXT NOT NULL, anchor TEXT NOT NULL, status TEXT NOT NULL,
        confidence REAL NOT NULL, sources TEXT NOT NULL, date_variants TEXT NOT NULL)""",
    "CREATE INDEX events_article ON events (article_id)",
    """CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor TEXT NOT NULL, PRIMARY KEY (event_id, actor))""",
    "CREATE INDEX event_actors_actor ON event_actors (actor)",
    """CREATE TABLE entities (
        name TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT, mentions INTEGER NOT NULL)""",
    """CREATE TABLE aliases (
        entity TEXT NOT NULL REFERENCES entities(name) ON DELETE CASCADE,
        alias TEXT NOT NULL, PRIMARY KEY (entity, alias))""",
    """CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL, kind TEXT NOT NULL, parties TEXT NOT NULL, duration TEXT,
        evidence TEXT)""",
    """CREATE TABLE agreement_stages (
        agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, stage TEXT NOT NULL, value TEXT, earliest TEXT,
        latest TEXT, time_text TEXT, evidence TEXT, status TEXT NOT NULL,
        PRIMARY KEY (agreement_id, position))""",
    """CREATE TABLE areas (
        agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, area TEXT NOT NULL, provisions TEXT NOT NULL,
        evidence TEXT NOT NULL, PRIMARY KEY (agreement_id, position))""",
    """CREATE TABLE issues (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
        source TEXT NOT NULL, message TEXT NOT NULL, locator TEXT NOT NULL,
        field TEXT NOT NULL, raw TEXT, severity TEXT NOT NULL,
        UNIQUE (source, message, locator, field))""",
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('set', 'delete', 'merge')), field TEXT,
        old_value TEXT, new_value TEXT, created_seq INTEGER NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)))""",
    "CREATE INDEX corrections_event ON corrections (event_id)",
)

_EVENT_MODEL = (
    "ALTER TABLE events ADD COLUMN event_class TEXT NOT NULL DEFAULT 'OCCURRENCE'",
    "ALTER TABLE events ADD COLUMN lemma TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE events ADD COLUMN polarity TEXT NOT NULL DEFAULT 'positive'",
    "ALTER TABLE events ADD COLUMN trigger_start INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE events ADD COLUMN trigger_end INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE events ADD COLUMN salience REAL NOT NULL DEFAULT 0",
    "ALTER TABLE events ADD COLUMN anchor_kind TEXT NOT NULL DEFAULT 'publish date'",
    "ALTER TABLE events ADD COLUMN anchor_text TEXT",
    "ALTER TABLE events ADD COLUMN anchor_event TEXT",
    "ALTER TABLE events ADD COLUMN anchor_reason TEXT",
    # the anchors of version 2 were strings: "expression: <text>", "previous event: <id>",
    # "unresolved: <why>", "publish date"; they become the structured columns once, here
    """UPDATE events SET
        anchor_kind = CASE
            WHEN anchor LIKE 'expression: %' THEN 'expression'
            WHEN anchor LIKE 'previous event: %' THEN 'event'
            WHEN anchor LIKE 'unresolved%' THEN 'unresolved'
            ELSE 'publish date' END,
        anchor_text = CASE WHEN anchor LIKE 'expression: %' THEN substr(anchor, 13) END,
        anchor_event = CASE WHEN anchor LIKE 'previous event: %' THEN substr(anchor, 17) END,
        anchor_reason = CASE WHEN anchor LIKE 'unresolved: %' THEN substr(anchor, 13) END,
        lemma = lower(trigger), trigger_start = sentence_start,
        trigger_end = sentence_start""",
    "CREATE INDEX events_salience ON events (salience)",
)

#: Applied in order, each in its own transaction; append ``Migration(2, ...)`` to evolve.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _SCHEMA_1),
    Migration(
        2,
        "agreement sources (the reports of one agreement merged across articles)",
        ("ALTER TABLE agreements ADD COLUMN sources TEXT NOT NULL DEFAULT '[]'",),
    ),
    Migration(
        3,
        "merge keys: event sources and dates indexed, so a save never scans every event",
        (
            """CREATE TABLE event_sources (
                event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                article_id TEXT NOT NULL, PRIMARY KEY (event_id, article_id))""",
            "CREATE INDEX event_sources_article ON event_sources (article_id)",
            "INSERT OR IGNORE INTO event_sources (event_id, article_id) "
            "SELECT events.id, source.value FROM events, json_each(events.sources) AS source",
            # (actor, type, year) of a dated event for each year it spans; year -1 for an
            # undated one not yet happened (replaced by merge_keys in version 5).
            """CREATE TABLE event_keys (
                type TEXT NOT NULL, actor TEXT NOT NULL, year INTEGER NOT NULL,
                event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                PRIMARY KEY (type, actor, year, event_id)) WITHOUT ROWID""",
            "CREATE INDEX event_keys_event ON event_keys (event_id)",
            # Re-saving an article deletes its agreements and issues: by index, not by scan.
            "CREATE INDEX agreements_article ON agreements (article_id)",
            "CREATE INDEX issues_article ON issues (article_id)",
            """WITH RECURSIVE spans(event_id, type, year, last) AS (
                SELECT id, type, CAST(substr(earliest, 1, 4) AS INTEGER),
                       CAST(substr(latest, 1, 4) AS INTEGER)
                FROM events WHERE earliest IS NOT NULL AND latest IS NOT NULL
                UNION ALL SELECT event_id, type, year + 1, last FROM spans WHERE year < last)
            INSERT OR IGNORE INTO event_keys (type, actor, year, event_id)
            SELECT spans.type, a.actor, spans.year, spans.event_id
            FROM spans JOIN event_actors AS a ON a.event_id = spans.event_id""",
            """INSERT OR IGNORE INTO event_keys (type, actor, year, event_id)
            SELECT e.type, a.actor, -1, e.id FROM events AS e
            JOIN event_actors AS a ON a.event_id = e.id
            WHERE e.value IS NULL AND e.status != 'happened'""",
        ),
    ),
    Migration(
        4,
        "event model: TimeML class, lemma, polarity, trigger offsets, salience, structured anchor",
        _EVENT_MODEL,
    ),
    Migration(
        5,
        "dashboard reads: counts and density per filter read from one covering index",
        # timeline.store.overview filters on dates, type and status and counts per bucket
        # of the dates: from this index alone, without reading the (wide) event rows.
        ("CREATE INDEX events_when ON events (earliest, latest, type, status, salience)",),
    ),
    Migration(
        6,
        "merge keys by month (timeline.merge.merge_keys replace the year buckets), event "
        "rows keyed by actor and article, entity mentions per article (summed)",
        (
            "DROP TABLE event_keys",
            # Keyed for their lookups and written by key (timeline.store.writes), not by
            # event id: an event's rows sit next to its article's, actor's or bucket's,
            # so a save touches few pages however big the store (issue 12).
            # (kind, actor, bucket): see timeline.merge.keys; filled by _index_merge_keys
            """CREATE TABLE merge_keys (
                kind TEXT NOT NULL, actor TEXT NOT NULL, bucket TEXT NOT NULL,
                event_id TEXT NOT NULL, PRIMARY KEY (kind, actor, bucket, event_id))
                WITHOUT ROWID""",
            """CREATE TABLE event_actors_5 (
                actor TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (actor, event_id))
                WITHOUT ROWID""",
            "INSERT INTO event_actors_5 (actor, event_id) SELECT actor, event_id FROM event_actors",
            "DROP TABLE event_actors",
            "ALTER TABLE event_actors_5 RENAME TO event_actors",
            """CREATE TABLE event_sources_5 (
                article_id TEXT NOT NULL, event_id TEXT NOT NULL,
                PRIMARY KEY (article_id, event_id)) WITHOUT ROWID""",
            "INSERT INTO event_sources_5 (article_id, event_id) "
            "SELECT article_id, event_id FROM event_sources",
            "DROP TABLE event_sources",
            "ALTER TABLE event_sources_5 RENAME TO event_sources",
            # Each article's mentions of each entity: entities.mentions is their sum
            # (a store saved before keeps its counts as they were).
            """CREATE TABLE entity_mentions (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                entity TEXT NOT NULL, mentions INTEGER NOT NULL,
                PRIMARY KEY (article_id, entity)) WITHOUT ROWID""",
            # A later batch's names are compared with the stored actors of their
            # blocking key only (timeline.merge.actors.name_block); filled by _block_names
            "ALTER TABLE entities ADD COLUMN block TEXT",
            "CREATE INDEX entities_block ON entities (block)",
        ),
        (_index_merge_keys, _block_names),
    ),
)
