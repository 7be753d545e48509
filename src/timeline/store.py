"""SQLite store: the system of record for articles, extractions and user corrections.

Layout: ``schema_version`` (one row per applied migration), ``articles``,
``time_expressions``, ``events`` (+ ``event_actors``, one row per event and actor, used
to narrow actor filters in SQL), ``entities`` + ``aliases``, ``agreements``,
``agreement_stages``, ``areas``, ``issues`` and ``corrections``.

Writes: :meth:`Store.save_extraction` writes each article with its time expressions,
events, agreements and issues in ONE transaction, so an article is either fully stored
or absent, even when the process is killed mid-ingest. Re-saving an article replaces
its extraction; its corrections are kept.

Corrections are never applied to the stored extraction. They are a log keyed by event
id (stable across re-extraction of the same text) and replayed on every read, so they
survive re-extraction and restarts and each one can be undone.

Thread-safety: every public method opens its own short-lived connection and closes it
before returning, so one :class:`Store` may be shared by Streamlit's script threads
without a lock. WAL mode lets readers proceed while a writer commits, and writers wait
(``timeout``) for each other instead of failing.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from timeline.errors import InputError, StorageError
from timeline.models import (
    Agreement,
    AgreementStage,
    Area,
    Article,
    Entity,
    Event,
    EventStatus,
    EventType,
    Extraction,
    Granularity,
    Issue,
    TimeExpression,
    TimexType,
)

__all__ = [
    "CORRECTABLE_FIELDS",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "Correction",
    "Migration",
    "Store",
    "default_db_path",
    "open_store",
]

_APP_NAME = "news-timeline"


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step; its statements run in one transaction with its version row."""

    version: int
    name: str
    statements: tuple[str, ...]


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

#: Applied in order, each in its own transaction; append ``Migration(2, ...)`` to evolve.
MIGRATIONS: tuple[Migration, ...] = (Migration(1, "initial schema", _SCHEMA_1),)


def default_db_path() -> Path:
    """``$TIMELINE_DB`` if set, else ``timeline.db`` in the per-user data directory.

    The data directory follows the platform's convention (platformdirs): on Linux
    ``$XDG_DATA_HOME/news-timeline`` or ``~/.local/share/news-timeline``.
    """
    env = os.environ.get("TIMELINE_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(_APP_NAME, appauthor=False) / "timeline.db"


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and migrating when needed) the store at ``path`` or the default."""
    return Store(default_db_path() if path is None else Path(path))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """A SQLite store at ``path``. See the module docstring for the guarantees."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the directory of store {self.path}: {exc}") from exc
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        self._migrate(migrations)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- connections and schema ---------------------------------------------------------

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            if write:
                conn.execute("BEGIN IMMEDIATE")
            yield conn
            if write:
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StorageError(f"store {self.path}: {exc}") from exc
        finally:
            if conn is not None:
                if conn.in_transaction:
                    conn.rollback()
                conn.close()

    def schema_version(self) -> int:
        """The highest migration applied to this store."""
        with self._connect() as conn:
            return int(
                conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            )

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        versions = [m.version for m in migrations]
        if versions != list(range(1, len(versions) + 1)):
            raise StorageError(f"migrations must be numbered 1..n in order; got {versions}")
        with self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
            )
        current = self.schema_version()
        if current > len(migrations):
            raise StorageError(
                f"store {self.path} has schema version {current}; this program knows "
                f"versions 1..{len(migrations)}: upgrade news-timeline to open it"
            )
        for migration in migrations[current:]:
            with self._connect(write=True) as conn:
                done = conn.execute(
                    "SELECT 1 FROM schema_version WHERE version = ?", (migration.version,)
                ).fetchone()
                if done:  # another process applied it first
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                    (migration.version, migration.name),
                )

    # -- writing extractions ------------------------------------------------------------

    def save_extraction(
        self, extraction: Extraction, *, added_at: dt.datetime | None = None
    ) -> None:
        """Store every article of ``extraction``, one transaction per article.

        ``added_at`` is recorded for articles stored for the first time (default: the
        store's clock); re-saving an article replaces its extraction, keeps its
        ``added_at`` and keeps its corrections.
        """
        stamp = (added_at or self._clock()).isoformat()
        by_article = _group_by_article(extraction)
        for article in extraction.articles:
            events, agreements, issues = by_article.get(article.id, ((), (), ()))
            times = extraction.times.get(article.id, ())
            with self._connect(write=True) as conn:
                _write_article(conn, article, stamp, times, events, agreements, issues)
        attached = {id(i) for _, _, issues in by_article.values() for i in issues}
        loose = [i for i in extraction.issues if id(i) not in attached]
        with self._connect(write=True) as conn:
            _write_entities(conn, extraction.entities)
            _write_issues(conn, None, loose)

    def set_published(self, article_id: str, date: dt.date) -> Extraction:
        """Give an article a new publish date and re-extract it; corrections are kept."""
        from timeline.pipeline import extract_articles

        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise InputError(f"publish date must be a datetime.date, not {date!r}",
                             field="published")  # fmt: skip
        article = self.article(article_id)
        updated = dataclasses.replace(article, published=date, published_origin="editor")
        extraction = extract_articles([updated])
        self.save_extraction(extraction)
        return extraction

    def seed_if_empty(self, data_dir: str | os.PathLike[str]) -> int:
        """Load and extract the corpus in ``data_dir`` when the store has no articles.

        Returns how many articles were stored (0 when the store already had some).
        """
        with self._connect() as conn:
            if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
                return 0
        from timeline.ingest import load_paths
        from timeline.pipeline import extract_articles

        articles, issues = load_paths([Path(data_dir)])
        extraction = extract_articles(articles)
        extraction = dataclasses.replace(extraction, issues=(*issues, *extraction.issues))
        self.save_extraction(extraction)
        return len(extraction.articles)

    # -- reading ------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM articles ORDER BY published, id").fetchall()
        return [_article_from_row(r) for r in rows]

    def article(self, article_id: str) -> Article:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise InputError(
                f"no article with id {article_id!r} in store {self.path}",
                source=str(self.path),
                field="article_id",
            )
        return _article_from_row(row)

    def times(self, article_id: str) -> tuple[TimeExpression, ...]:
        """The time expressions found in one article, in text order."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM time_expressions WHERE article_id = ? ORDER BY start_char, position",
                (article_id,),
            ).fetchall()
        return tuple(_time_from_row(r) for r in rows)

    def events(
        self,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        actors: Iterable[str] | None = None,
        types: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
        article_ids: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
    ) -> list[Event]:
        """Events with corrections applied, deleted and merged-away ones left out.

        Filters combine with AND; within one filter any listed value matches.
        ``start``/``end`` keep events whose interval overlaps them (undated events are
        left out once either is given); ``article_ids`` matches the article and the
        sources; ``areas`` keeps events whose articles have an agreement covering one.
        """
        actor_set = None if actors is None else set(actors)
        with self._connect() as conn:
            events = _apply_corrections(_load_events(conn, actor_set), _active_corrections(conn))
            area_articles = None if areas is None else _articles_with_areas(conn, set(areas))
        keep = _event_filter(
            start=start,
            end=end,
            actors=actor_set,
            types=None if types is None else {str(t) for t in types},
            article_ids=None if article_ids is None else set(article_ids),
            area_articles=area_articles,
            statuses=None if statuses is None else {str(s) for s in statuses},
        )
        return sorted(filter(keep, events), key=_event_order)

    def entities(self) -> list[Entity]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM entities ORDER BY name").fetchall()
            aliases: dict[str, list[str]] = {}
            for entity, alias in conn.execute(
                "SELECT entity, alias FROM aliases ORDER BY entity, alias"
            ):
                aliases.setdefault(entity, []).append(alias)
        return [
            Entity(
                name=r[0],
                kind=r[1],
                title=r[2],
                mentions=r[3],
                aliases=tuple(aliases.get(r[0], ())),
            )
            for r in rows
        ]

    def agreements(self) -> list[Agreement]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM agreements ORDER BY article_id, id").fetchall()
            return [_agreement_from_rows(conn, r) for r in rows]

    def issues(self) -> list[Issue]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT source, message, locator, field, raw, severity FROM issues ORDER BY id"
            ).fetchall()
        return [
            Issue(source=r["source"], message=r["message"], locator=r["locator"] or None,
                  field=r["field"] or None, raw=r["raw"], severity=r["severity"])
            for r in rows
        ]  # fmt: skip

    def counts(self) -> dict[str, int]:
        """Rows per kind: articles, events (visible, after corrections), entities, ..."""
        with self._connect() as conn:
            out = {
                t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in ("articles", "entities", "agreements", "issues")
            }
        out["events"] = len(self.events())
        return out

    # -- corrections --------------------------------------------------------------------

    def correct_event(self, event_id: str, field: str, value: Any) -> Correction:
        """Set one field (one of ``CORRECTABLE_FIELDS``) of a visible event."""
        with self._connect(write=True) as conn:
            event = _visible_event(conn, event_id)
            try:
                corrected = _with_field(event, field, value)
            except (ValueError, TypeError) as exc:
                raise InputError(f"cannot set {field} of event {event_id} to {value!r}: {exc}",
                                 field=field) from exc  # fmt: skip
            new = corrected.to_dict()[field]
            return _record(conn, event_id, "set", field, event.to_dict()[field], new)

    def delete_event(self, event_id: str) -> Correction:
        with self._connect(write=True) as conn:
            _visible_event(conn, event_id)
            return _record(conn, event_id, "delete", None, None, None)

    def merge_events(self, keep_id: str, drop_id: str) -> Correction:
        """Hide ``drop_id``; its article and sources become sources of ``keep_id``, and a
        date that differs from ``keep_id``'s is kept in its ``date_variants``."""
        if keep_id == drop_id:
            raise InputError(f"cannot merge event {keep_id} into itself", field="drop_id")
        with self._connect(write=True) as conn:
            _visible_event(conn, keep_id)
            _visible_event(conn, drop_id)
            return _record(conn, drop_id, "merge", "merged_into", None, keep_id)

    def undo(self, correction_id: int) -> Correction:
        """Withdraw one correction; later corrections stay in force."""
        with self._connect(write=True) as conn:
            row = conn.execute(
                "SELECT * FROM corrections WHERE id = ?", (correction_id,)
            ).fetchone()
            if row is None or row["undone"]:
                state = "unknown" if row is None else "already undone"
                raise InputError(f"cannot undo correction {correction_id}: {state}",
                                 field="correction_id")  # fmt: skip
            conn.execute("UPDATE corrections SET undone = 1 WHERE id = ?", (correction_id,))
        return dataclasses.replace(_correction_from_row(row), undone=True)

    def undo_last(self) -> Correction | None:
        """Undo the latest correction still in force; None when there is none."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT id FROM corrections WHERE undone = 0 ORDER BY created_seq DESC, id DESC"
            ).fetchone()
        return None if row is None else self.undo(row["id"])

    def corrections(self, event_id: str | None = None) -> list[Correction]:
        """Corrections (undone ones too), oldest first. With ``event_id``: those recorded
        on that event and the merges into it."""
        sql, params = "SELECT * FROM corrections", ()
        if event_id is not None:
            sql += " WHERE event_id = ? OR (action = 'merge' AND new_value = ?)"
            params = (event_id, _dumps(event_id))
        with self._connect() as conn:
            rows = conn.execute(sql + " ORDER BY created_seq, id", params).fetchall()
        return [_correction_from_row(r) for r in rows]


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


# -- rows <-> models ------------------------------------------------------------------------

EVENT_COLUMNS = (
    "id", "article_id", "type", "cameo", "trigger", "title", "sentence", "sentence_start",
    "sentence_end", "actors", "location", "time_text", "value", "earliest", "latest",
    "granularity", "anchor", "status", "confidence", "sources", "date_variants",
)  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _article_row(article: Article, added_at: str) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "source": article.source, "url": article.url,
        "published": _iso(article.published), "published_origin": article.published_origin,
        "text": article.text, "metadata": _dumps(dict(article.metadata)), "added_at": added_at,
    }  # fmt: skip


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], published=_date(row["published"]), title=row["title"],
        source=row["source"], url=row["url"], published_origin=row["published_origin"],
        metadata=json.loads(row["metadata"]),
    )  # fmt: skip


def _time_row(article_id: str, position: int, t: TimeExpression) -> tuple[Any, ...]:
    return (
        article_id, position, t.text, t.start, t.end, str(t.type), t.value, t.mod,
        _iso(t.earliest), _iso(t.latest), str(t.granularity), t.rule, t.anchor,
    )  # fmt: skip


def _time_from_row(row: sqlite3.Row) -> TimeExpression:
    return TimeExpression(
        text=row["text"], start=row["start_char"], end=row["end_char"],
        type=TimexType(row["type"]), value=row["value"], mod=row["mod"],
        earliest=_date(row["earliest"]), latest=_date(row["latest"]),
        granularity=Granularity(row["granularity"]), rule=row["rule"], anchor=row["anchor"],
    )  # fmt: skip


def _event_row(e: Event) -> tuple[Any, ...]:
    return (
        e.id, e.article_id, str(e.type), e.cameo, e.trigger, e.title, e.sentence,
        e.sentence_start, e.sentence_end, _dumps(list(e.actors)), e.location, e.time_text,
        e.value, _iso(e.earliest), _iso(e.latest), str(e.granularity), e.anchor, str(e.status),
        e.confidence, _dumps(list(e.sources)), _dumps([dict(v) for v in e.date_variants]),
    )  # fmt: skip


@lru_cache(maxsize=65536)
def _names(text: str) -> tuple[str, ...]:
    """A JSON list of names as a tuple; cached, as the same lists recur on many rows."""
    return tuple(json.loads(text))


_EVENT_TYPES = {t.value: t for t in EventType}
_STATUSES = {s.value: s for s in EventStatus}
_GRANULARITIES = {g.value: g for g in Granularity}


def _event_from_row(row: sqlite3.Row) -> Event:
    variants = row["date_variants"]
    return Event(
        id=row["id"], article_id=row["article_id"], type=_EVENT_TYPES[row["type"]],
        cameo=row["cameo"], trigger=row["trigger"], title=row["title"],
        sentence=row["sentence"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], actors=_names(row["actors"]),
        location=row["location"], time_text=row["time_text"], value=row["value"],
        earliest=_date(row["earliest"]), latest=_date(row["latest"]),
        granularity=_GRANULARITIES[row["granularity"]], anchor=row["anchor"],
        status=_STATUSES[row["status"]], confidence=row["confidence"],
        sources=_names(row["sources"]),
        date_variants=() if variants == "[]" else tuple(json.loads(variants)),
    )  # fmt: skip


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


def _agreement_from_rows(conn: sqlite3.Connection, row: sqlite3.Row) -> Agreement:
    stages = conn.execute(
        "SELECT * FROM agreement_stages WHERE agreement_id = ? ORDER BY position", (row["id"],)
    ).fetchall()
    areas = conn.execute(
        "SELECT * FROM areas WHERE agreement_id = ? ORDER BY position", (row["id"],)
    ).fetchall()
    return Agreement(
        id=row["id"], article_id=row["article_id"], name=row["name"], kind=row["kind"],
        parties=tuple(json.loads(row["parties"])), duration=row["duration"],
        evidence=row["evidence"],
        stages=tuple(
            AgreementStage(stage=s["stage"], value=s["value"], earliest=_date(s["earliest"]),
                           latest=_date(s["latest"]), time_text=s["time_text"],
                           evidence=s["evidence"], status=s["status"])
            for s in stages
        ),
        areas=tuple(
            Area(area=a["area"], provisions=tuple(json.loads(a["provisions"])),
                 evidence=tuple(json.loads(a["evidence"])))
            for a in areas
        ),
    )  # fmt: skip


# -- corrections ----------------------------------------------------------------------------

#: Event fields a user may correct. ``value`` takes a TIMEX3 date (YYYY, YYYY-MM,
#: YYYY-MM-DD, YYYY-Wnn, YYYY-Qn or PAST_REF/PRESENT_REF/FUTURE_REF) and sets the
#: interval and granularity with it; ``earliest``/``latest`` take ISO dates;
#: ``actors`` a list of names.
CORRECTABLE_FIELDS = (
    "value", "earliest", "latest", "granularity", "type", "actors", "status", "title",
    "location",
)  # fmt: skip
_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIMEX_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_TIMEX_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True, slots=True)
class Correction:
    """One user correction. ``action`` is set|delete|merge; a merge is recorded on the
    dropped event with ``field == "merged_into"`` and the kept id as ``new_value``."""

    id: int
    event_id: str
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    created_seq: int
    undone: bool


def _interval_of(value: str) -> tuple[dt.date | None, dt.date | None, Granularity]:
    if value in _VAGUE:
        return None, None, Granularity.VAGUE
    if week := _TIMEX_WEEK.fullmatch(value):
        year, number = int(week[1]), int(week[2])
        first = dt.date.fromisocalendar(year, number, 1)
        return first, first + dt.timedelta(days=6), Granularity.WEEK
    if quarter := _TIMEX_QUARTER.fullmatch(value):
        year, months = int(quarter[1]), 3 * int(quarter[2])
        last = dt.date(year, months, calendar.monthrange(year, months)[1])
        return dt.date(year, months - 2, 1), last, Granularity.QUARTER
    match = _TIMEX_DATE.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{value!r} is not a TIMEX3 date; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Wnn, YYYY-Qn "
            f"or one of {', '.join(_VAGUE)}"
        )
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not month:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR
    if not day:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH
    return dt.date(year, month, day), dt.date(year, month, day), Granularity.DAY


def _with_field(event: Event, field: str, value: Any) -> Event:
    """``event`` with one corrected field; ValueError/TypeError when the value is not valid."""
    if field == "value":
        earliest, latest, gran = _interval_of(str(value))
        return dataclasses.replace(
            event, value=str(value), earliest=earliest, latest=latest, granularity=gran
        )
    if field in ("earliest", "latest"):
        return dataclasses.replace(event, **{field: _date(value)})
    if field == "granularity":
        return dataclasses.replace(event, granularity=Granularity(value))
    if field == "type":
        kind = EventType(value)
        return dataclasses.replace(event, type=kind, cameo=_cameo_of(kind, event))
    if field == "actors":
        if isinstance(value, str) or not all(isinstance(a, str) for a in value):
            raise TypeError(f"actors must be a list of names, not {value!r}")
        return dataclasses.replace(event, actors=tuple(value))
    if field == "status":
        return dataclasses.replace(event, status=EventStatus(value))
    if field == "title":
        return dataclasses.replace(event, title=str(value))
    if field == "location":
        return dataclasses.replace(event, location=None if value in (None, "") else str(value))
    raise ValueError(f"cannot correct {field!r}; correctable: {', '.join(CORRECTABLE_FIELDS)}")


def _cameo_of(kind: EventType, event: Event) -> str:
    return event.cameo if kind == event.type else _cameo_codes().get(kind.value, "")


@cache
def _cameo_codes() -> dict[str, str]:
    """Event type -> CAMEO code, from the event lexicon that ``timeline.events`` uses."""
    lexicon = resources.files("timeline.data").joinpath("event_lexicon.json")
    return {k: v["cameo"] for k, v in json.loads(lexicon.read_text("utf-8"))["types"].items()}


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


def _absorb(keep: Event, drop: Event) -> Event:
    """``keep`` with ``drop``'s article and sources added and a differing date kept."""
    sources = tuple(dict.fromkeys((*keep.sources, drop.article_id, *drop.sources)))
    variants = keep.date_variants
    if (drop.value, drop.earliest, drop.latest) != (keep.value, keep.earliest, keep.latest):
        variant = {"value": drop.value, "earliest": _iso(drop.earliest),
                   "latest": _iso(drop.latest), "time_text": drop.time_text,
                   "article_id": drop.article_id, "event_id": drop.id}  # fmt: skip
        variants = (*variants, variant)
    return dataclasses.replace(keep, sources=sources, date_variants=variants)


def _active_corrections(conn: sqlite3.Connection) -> list[Correction]:
    rows = conn.execute("SELECT * FROM corrections WHERE undone = 0 ORDER BY id").fetchall()
    return [_correction_from_row(r) for r in rows]


def _correction_from_row(row: sqlite3.Row) -> Correction:
    load = lambda text: None if text is None else json.loads(text)  # noqa: E731
    return Correction(
        id=row["id"], event_id=row["event_id"], action=row["action"], field=row["field"],
        old_value=load(row["old_value"]), new_value=load(row["new_value"]),
        created_seq=row["created_seq"], undone=bool(row["undone"]),
    )  # fmt: skip


def _apply_corrections(events: Iterable[Event], corrections: Iterable[Correction]) -> list[Event]:
    by_id = {e.id: e for e in events}
    hidden: set[str] = set()
    for c in corrections:
        event = by_id.get(c.event_id)
        if event is None:  # its article is gone or no longer yields it
            continue
        if c.action == "set" and c.field is not None:
            by_id[c.event_id] = _with_field(event, c.field, c.new_value)
        elif c.action == "delete":
            hidden.add(c.event_id)
        elif c.action == "merge" and c.new_value in by_id:
            hidden.add(c.event_id)
            by_id[c.new_value] = _absorb(by_id[c.new_value], event)
    return [e for i, e in by_id.items() if i not in hidden]


def _record(conn: sqlite3.Connection, event_id: str, action: str, field: str | None,
            old: Any, new: Any) -> Correction:  # fmt: skip
    seq = conn.execute("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM corrections").fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO corrections (event_id, action, field, old_value, new_value, created_seq) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (event_id, action, field, _dumps(old), _dumps(new), seq),
    )
    row = conn.execute("SELECT * FROM corrections WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return _correction_from_row(row)


def _visible_event(conn: sqlite3.Connection, event_id: str) -> Event:
    """The event as shown (corrections applied); InputError when deleted or merged away."""
    merges = conn.execute(
        "SELECT event_id, new_value FROM corrections WHERE action = 'merge' AND undone = 0 "
        "AND (event_id = ? OR new_value = ?)",
        (event_id, _dumps(event_id)),
    ).fetchall()
    related = {event_id} | {r[0] for r in merges} | {json.loads(r[1]) for r in merges}
    shown = _apply_corrections(_events_by_id(conn, related), _active_corrections(conn))
    events = {e.id: e for e in shown}
    if event_id not in events:
        raise InputError(f"no event with id {event_id!r} (unknown, deleted or merged away)",
                         field="event_id")  # fmt: skip
    return events[event_id]
