"""Saving merges through indexed keys: no statement of a save scans every stored event."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from timeline.ingest import load_paths
from timeline.merge import merge_keys
from timeline.pipeline import extract_articles
from timeline.store import MIGRATIONS, Store
from timeline.store.twins import _stored_events

DATA = Path(__file__).resolve().parents[1] / "data"
ADDED = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
KEYS_VERSION = next(m.version for m in MIGRATIONS if m.name.startswith("merge keys"))
EVENT_MODEL_VERSION = next(m.version for m in MIGRATIONS if m.name.startswith("event model"))
DASHBOARD_VERSION = next(m.version for m in MIGRATIONS if m.name.startswith("dashboard reads"))
MONTH_KEYS_VERSION = next(m.version for m in MIGRATIONS if m.name.startswith("merge keys by month"))


def _plans(path: Path, statements: list[str]) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of each SELECT run during a save (params already expanded)."""
    plans: dict[str, list[str]] = {}
    with sqlite3.connect(path) as conn:
        for sql in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                plans[sql] = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return plans


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the store's connections run from now on."""
    statements: list[str] = []
    connect = sqlite3.connect

    def tracing_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", tracing_connect)
    return statements


def test_saving_a_report_of_stored_events_uses_indexes_not_scans(
    tmp_path: Path, traced: list[str]
) -> None:
    articles, _ = load_paths([DATA])
    store = Store(tmp_path / "t.db")
    store.save_extraction(extract_articles(articles), added_at=ADDED)
    # One more report of the same stories: every event of it looks for stored twins.
    again = [dataclasses.replace(a, id=f"{a.id}-again") for a in articles]
    traced.clear()
    store.save_extraction(extract_articles(again), added_at=ADDED)
    plans = _plans(tmp_path / "t.db", traced)
    on_events = {sql: plan for sql, plan in plans.items() if " FROM events" in sql}
    assert on_events, "the save ran no query on events: nothing was checked"
    scans = {sql: plan for sql, plan in on_events.items() if any(p == "SCAN events" for p in plan)}
    assert not scans


def test_event_sources_index_follows_every_write(tmp_path: Path) -> None:
    articles, _ = load_paths([DATA])
    store = Store(tmp_path / "t.db")
    store.save_extraction(extract_articles(articles), added_at=ADDED)
    store.save_extraction(extract_articles(articles[:2]), added_at=ADDED)  # re-extract two
    with sqlite3.connect(tmp_path / "t.db") as conn:
        indexed = set(conn.execute("SELECT event_id, article_id FROM event_sources"))
        listed = set(
            conn.execute("SELECT events.id, s.value FROM events, json_each(events.sources) AS s")
        )
    assert listed
    assert indexed == listed


def _expected_keys(store: Store) -> set[tuple[str, str, str, str]]:
    with store._connect() as conn:
        events = _stored_events(conn, "1", ())
    return {(*key, e.id) for e in events for key in merge_keys(e)}


def _keys(path: Path) -> set[tuple[str, str, str, str]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT kind, actor, bucket, event_id FROM merge_keys"))


def _undo_event_model() -> str:
    """The statements that take the event model's migration (issue 11) back out."""
    added = [
        sql.split("ADD COLUMN ")[1].split()[0]
        for sql in MIGRATIONS[EVENT_MODEL_VERSION - 1].statements
        if "ADD COLUMN" in sql
    ]
    return "DROP INDEX events_salience; " + "".join(
        f"ALTER TABLE events DROP COLUMN {column}; " for column in added
    )


def test_merge_keys_migration_indexes_a_store_saved_before_it(tmp_path: Path) -> None:
    # rolling back below it is only this one, the event model's, the dashboard's index
    # and the month keys'
    assert [m.version for m in MIGRATIONS[KEYS_VERSION - 1 :]] == [
        KEYS_VERSION,
        EVENT_MODEL_VERSION,
        DASHBOARD_VERSION,
        MONTH_KEYS_VERSION,
    ]
    articles, _ = load_paths([DATA])
    Store(tmp_path / "t.db").save_extraction(extract_articles(articles), added_at=ADDED)
    with sqlite3.connect(tmp_path / "t.db") as conn:  # back to a version-2 store
        conn.executescript(
            "DROP TABLE merge_keys; DROP TABLE entity_mentions; DROP TABLE event_sources; "
            "CREATE TABLE event_actors_4 (event_id TEXT NOT NULL REFERENCES events(id) "
            "ON DELETE CASCADE, actor TEXT NOT NULL, PRIMARY KEY (event_id, actor)); "
            "INSERT INTO event_actors_4 SELECT event_id, actor FROM event_actors; "
            "DROP TABLE event_actors; ALTER TABLE event_actors_4 RENAME TO event_actors; "
            "CREATE INDEX event_actors_actor ON event_actors (actor); "
            "DROP INDEX entities_block; ALTER TABLE entities DROP COLUMN block; "
            "DROP INDEX agreements_article; DROP INDEX issues_article; DROP INDEX events_when; "
            + _undo_event_model()
            + f"DELETE FROM schema_version WHERE version >= {KEYS_VERSION};"
        )
    upgraded = Store(tmp_path / "t.db")
    assert upgraded.schema_version() == MIGRATIONS[-1].version
    expected = _expected_keys(upgraded)
    assert any(bucket == "undated" for _, _, bucket, _ in expected)  # a planned visit
    assert _keys(tmp_path / "t.db") == expected


def test_merge_keys_follow_every_write(tmp_path: Path) -> None:
    articles, _ = load_paths([DATA])
    store = Store(tmp_path / "t.db")
    store.save_extraction(extract_articles(articles), added_at=ADDED)
    store.save_extraction(extract_articles(articles[:2]), added_at=ADDED)
    assert _keys(tmp_path / "t.db") == _expected_keys(store)


def test_counts_events_as_events_shows_them_after_corrections(tmp_path: Path) -> None:
    articles, _ = load_paths([DATA])
    store = Store(tmp_path / "t.db")
    store.save_extraction(extract_articles(articles), added_at=ADDED)
    ids = [e.id for e in store.events()]
    store.delete_event(ids[0])
    store.merge_events(ids[1], ids[2])
    undone = store.delete_event(ids[3])
    store.undo(undone.id)
    merged_away = store.merge_events(ids[4], ids[5])
    with sqlite3.connect(tmp_path / "t.db") as conn:  # the merge target's article re-extracted
        conn.execute("DELETE FROM events WHERE id = ?", (ids[4],))  # without it: 5 shows again
    assert merged_away.action == "merge"
    shown = store.events()
    assert {ids[0], ids[2]}.isdisjoint(e.id for e in shown)
    assert ids[5] in {e.id for e in shown}
    assert store.counts()["events"] == len(shown)
