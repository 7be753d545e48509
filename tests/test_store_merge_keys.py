"""Saving merges through indexed keys: no statement of a save scans every stored event."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from timeline.ingest import load_paths
from timeline.pipeline import extract_articles
from timeline.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
ADDED = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


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
