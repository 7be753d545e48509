"""The :class:`Store`: connections, migrations, writes, reads and corrections."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from timeline.errors import InputError, StorageError
from timeline.ingest.records import NO_DATE_MESSAGE
from timeline.merge import merge_agreements
from timeline.merge.actors import rename_actors, stored_names
from timeline.models import (
    Agreement,
    Article,
    Entity,
    Event,
    Extraction,
    Issue,
    TimeExpression,
)
from timeline.store.corrections import (
    Correction,
    _active_corrections,
    _apply_corrections,
    _correction_from_row,
    _record,
    _visible_event,
    _with_field,
)
from timeline.store.files import (
    _NEW_STORE_HINT,
    _problem,
    _read_only_uri,
    _writable,
    check_identity,
    default_db_path,
)
from timeline.store.legacy import keep_legacy_ids
from timeline.store.overview import Overview
from timeline.store.queries import _articles_with_areas, _event_filter, _event_order, _load_events
from timeline.store.rows import _agreement_from_rows, _article_from_row, _dumps, _time_from_row
from timeline.store.schema import MIGRATIONS, Migration
from timeline.store.writes import (
    _group_by_article,
    _stored_entities,
    _write_article,
    _write_entities,
    _write_issues,
)


def open_store(
    path: str | os.PathLike[str] | None = None, *, read_only: bool | None = None
) -> Store:
    """Open (creating and migrating when needed) the store at ``path`` or the default.

    ``read_only`` None: read-only when the file exists but cannot be written.
    """
    return Store(default_db_path() if path is None else Path(path), read_only=read_only)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction on ``conn``: committed when the block ends, else rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")


#: Articles saved per transaction. Each commit writes every page it dirtied to the WAL
#: and syncs; in a big store one article's rows dirty pages all over the indexes keyed
#: by actor, date and salience, so sharing a commit among several articles is most of
#: what keeps a save's cost flat (at 10k stored articles 256 cost ~6% less CPU than 32).
ARTICLES_PER_TRANSACTION = 256


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _BatchWriter:
    """Writes the articles of one save, several per transaction; remembers which stored
    events earlier articles of the save merged their reports into (``claimed``, see
    :func:`timeline.store.writes._write_article`), forgetting a rolled-back transaction's."""

    def __init__(
        self,
        extraction: Extraction,
        by_article: dict[str, tuple[list[Event], list[Agreement], list[Issue]]],
        stamp: str,
        batch: frozenset[str],
    ) -> None:
        self.extraction, self.by_article, self.stamp, self.batch = (
            extraction, by_article, stamp, batch
        )  # fmt: skip
        self.claimed: dict[str, set[str]] = {}
        self.saving = frozenset(a.id for a in extraction.articles)
        self.entities = {e.name: e for e in extraction.entities}
        self.counted = bool(extraction.mentions)

    def write(self, conn: sqlite3.Connection, articles: Sequence[Article]) -> None:
        added: list[tuple[str, str]] = []
        try:
            with _transaction(conn):
                for article in articles:
                    events, agreements, issues = self.by_article.get(article.id, ((), (), ()))
                    times = self.extraction.times.get(article.id, ())
                    claims = _write_article(
                        conn, article, self.stamp, times, events, agreements, issues,
                        self.batch, self.claimed,
                        self.extraction.mentions.get(article.id, {}) if self.counted else None,
                        self.entities, self.saving,
                    )  # fmt: skip
                    for event_id, sources in claims.items():
                        mine = self.claimed.setdefault(event_id, set())
                        added += [(event_id, s) for s in sources - mine]
                        mine |= sources
        except BaseException:
            for event_id, source in added:
                self.claimed[event_id].discard(source)
            raise


class Store:
    """A SQLite store at ``path``. See the module docstring for the guarantees.

    Opening never changes a file that is not a News Timeline store: a SQLite database
    of another application, a damaged file or a folder is refused with a
    :class:`StorageError` naming the file, what is wrong and what to do. A read-only
    store (``read_only=True``, or a file that cannot be written) is opened with
    ``mode=ro`` and never written: no WAL switch, no migration, no seeding.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        clock: Callable[[], dt.datetime] = _utc_now,
        read_only: bool | None = None,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._uri: str | None = None
        exists = self.path.exists()
        if exists and not self.path.is_file():
            raise StorageError(_problem(self.path, "is not a regular file (a folder or device)"))
        self.read_only = (exists and not _writable(self.path)) if read_only is None else read_only
        if self.read_only:
            if not exists:
                raise StorageError(_problem(self.path, "does not exist", hint=_NEW_STORE_HINT))
            self._uri = _read_only_uri(self.path)
            check_identity(self, migrations)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the directory of store {self.path}: {exc}") from exc
        check_identity(self, migrations)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        self._migrate(migrations)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- connections and schema ---------------------------------------------------------

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        if write:
            self._refuse_writes()
        conn: sqlite3.Connection | None = None
        try:
            if self._uri is None:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            else:
                conn = sqlite3.connect(self._uri, isolation_level=None, timeout=30, uri=True)
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

    def _refuse_writes(self) -> None:
        if self.read_only:
            raise StorageError(
                f"store {self.path} is open read-only (the file or its folder cannot be "
                "written); nothing was changed"
            )

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
                for step in migration.steps:
                    step(conn)
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                    (migration.version, migration.name),
                )

    # -- writing extractions ------------------------------------------------------------

    def save_extraction(
        self, extraction: Extraction, *, added_at: dt.datetime | None = None
    ) -> None:
        """Store every article of ``extraction``, :data:`ARTICLES_PER_TRANSACTION` per
        transaction: each article is complete or absent whatever happens, as a
        transaction commits all of its articles or none.

        ``added_at`` is recorded for articles stored for the first time (default: the
        store's clock); re-saving an article replaces its extraction, keeps its
        ``added_at`` and keeps its corrections.
        """
        stamp = (added_at or self._clock()).isoformat()
        self._refuse_writes()
        with self._connect() as conn:  # one read connection: closing one checkpoints the WAL
            if extraction.entities:  # names of actors stored by an earlier ingest join them
                names = stored_names(extraction.entities, partial(_stored_entities, conn))
                extraction = rename_actors(extraction, names)
            extraction = keep_legacy_ids(conn, extraction)  # re-saved: events keep old ids
        by_article = _group_by_article(extraction)
        batch = frozenset(e.id for e in extraction.events)
        attached = {id(i) for _, _, issues in by_article.values() for i in issues}
        loose = [i for i in extraction.issues if id(i) not in attached and not _repeats_no_date(i)]
        articles = extraction.articles
        writer = _BatchWriter(extraction, by_article, stamp, batch)
        stored = 0
        try:
            # One connection for the batch: closing a connection checkpoints the WAL.
            with self._connect() as conn:
                # A big store's indexes are read at random by the merge lookups and
                # inserts, and a transaction's dirty pages stay in the cache until it
                # commits: up to 256 MB of page cache (default 2 MB) holds both.
                conn.execute("PRAGMA cache_size = -262144")
                # Checkpoint every 40 MB of WAL (default 4 MB): a page dirtied by several
                # transactions of the save is copied into the database once, not each time.
                conn.execute("PRAGMA wal_autocheckpoint = 10000")
                for first in range(0, len(articles), ARTICLES_PER_TRANSACTION):
                    chunk = articles[first : first + ARTICLES_PER_TRANSACTION]
                    try:
                        writer.write(conn, chunk)
                    except sqlite3.Error:
                        if len(chunk) == 1:
                            raise
                        # one article failed: the others of its transaction are stored
                        # one by one, and the failing one is reported as it stands
                        for article in chunk:
                            writer.write(conn, [article])
                            stored += 1
                        continue
                    stored += len(chunk)
                with _transaction(conn):
                    _write_entities(conn, extraction.entities, counted=writer.counted)
                    _write_issues(conn, None, loose)
        except StorageError as exc:  # say what was committed: a failure is never all or none
            total = len(articles)
            done = (f"all {total} article(s) were stored, each complete, but not the actor list"
                    if stored == total else f"{stored} of {total} article(s) were stored, each "
                    "complete, before it")  # fmt: skip
            raise StorageError(f"{exc}; {done}: ingest again to store the rest") from exc

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
        with self._connect(write=True) as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE published IS NULL").fetchone():
                # every article has a date now: ingest warnings of stores written before
                # those were left out (see _repeats_no_date) are stale
                conn.execute(
                    "DELETE FROM issues WHERE article_id IS NULL AND field = 'published' "
                    "AND message = ?",
                    (NO_DATE_MESSAGE,),
                )
        return extraction

    def seed_if_empty(self, data_dir: str | os.PathLike[str]) -> int:
        """Load and extract the corpus in ``data_dir`` when the store has no articles.

        Returns how many articles were stored (0 when the store already had some, or is
        read-only: a read-only store is never written).
        """
        if self.read_only:
            return 0
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

    def overview(self) -> Overview:
        """Counts, date bounds, density and the most salient events answered in SQL, for a
        dashboard over a big store (:mod:`timeline.store.overview`)."""
        return Overview(self)

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

    def agreements(self, *, merged: bool = True) -> list[Agreement]:
        """Agreements, the reports of one agreement in several articles merged into one
        (``sources`` lists the articles; see :func:`timeline.merge.merge_agreements`).
        ``merged=False`` gives each article's own, as stored. Earliest reports first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT g.* FROM agreements g JOIN articles a ON a.id = g.article_id "
                "ORDER BY a.published IS NULL, a.published, g.article_id, g.id"
            ).fetchall()
            stored = [_agreement_from_rows(conn, r) for r in rows]
        return merge_agreements(stored) if merged else stored

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
        """Rows per kind: articles, events (visible, after corrections), entities,
        agreements (merged across articles, as :meth:`agreements` gives them), issues."""
        with self._connect() as conn:
            out = {
                t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in ("articles", "entities", "agreements", "issues")
            }
            out["events"] = int(conn.execute(_VISIBLE_EVENTS).fetchone()[0])
        out["agreements"] = len(self.agreements())
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


# The events :meth:`Store.events` shows, counted in SQL: not deleted, and not merged into
# an event that exists (as ``_apply_corrections`` decides), without loading every event.
_VISIBLE_EVENTS = """
    SELECT COUNT(*) FROM events AS e WHERE NOT EXISTS (
        SELECT 1 FROM corrections AS c WHERE c.undone = 0 AND c.event_id = e.id AND (
            c.action = 'delete' OR (c.action = 'merge' AND EXISTS (
                SELECT 1 FROM events AS t WHERE t.id = json_extract(c.new_value, '$')))))"""


def _repeats_no_date(issue: Issue) -> bool:
    """An ingest "no publish date" warning: the pipeline reports the same for the
    article, attached to it, so that one is stored and :meth:`Store.set_published`
    replaces it (ingest's own names the file, not the article, and would go stale)."""
    return issue.field == "published" and issue.message == NO_DATE_MESSAGE
