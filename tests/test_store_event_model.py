"""Schema migration 4 (issue 11): the event model's new fields are stored, and a version-2 store's
anchor strings become the structured anchor once, when it is opened."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from timeline.models import AnchorKind, EventClass, Polarity
from timeline.pipeline import extract
from timeline.store import Store
from timeline.store.schema import MIGRATIONS

ADDED = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)
V2_ROW = (
    "INSERT INTO events (id, article_id, type, cameo, trigger, title, sentence, sentence_start,"
    " sentence_end, actors, location, time_text, value, earliest, latest, granularity, anchor,"
    " status, confidence, sources, date_variants) VALUES (?, 'a1', 'visit', '042', 'visited',"
    " 'Putin visits Ankara', 'Putin visited Ankara on Friday.', 0, 31, '[\"Vladimir Putin\"]',"
    " 'Ankara', ?, ?, ?, ?, 'day', ?, 'happened', 0.8, '[\"a1\"]', '[]')"
)


@pytest.mark.parametrize(
    ("anchor", "kind", "text", "event", "reason"),
    [
        ("expression: Friday", AnchorKind.EXPRESSION, "Friday", None, None),
        ("previous event: 0123abcd4567", AnchorKind.EVENT, None, "0123abcd4567", None),
        ("publish date", AnchorKind.PUBLISH_DATE, None, None, None),
        (
            "unresolved: no date in sentence",
            AnchorKind.UNRESOLVED,
            None,
            None,
            "no date in sentence",
        ),
    ],
    ids=["expression", "previous-event", "publish-date", "unresolved"],
)
def test_version_2_anchor_strings_become_structured_anchors(
    tmp_path: Path, anchor: str, kind: AnchorKind, text: str | None, event: str | None,
    reason: str | None,
) -> None:  # fmt: skip
    db = tmp_path / "v2.db"
    Store(db, migrations=MIGRATIONS[:2])
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO articles (id, text, published, added_at) VALUES "
        "('a1', 'Putin visited Ankara on Friday.', '2025-04-29', ?)",
        (ADDED.isoformat(),),
    )
    conn.execute(V2_ROW, ("e1", "Friday", "2025-04-25", "2025-04-25", "2025-04-25", anchor))
    conn.commit()
    conn.close()
    store = Store(db)
    assert store.schema_version() == MIGRATIONS[-1].version
    (stored,) = store.events()
    assert (stored.anchor.kind, stored.anchor.text) == (kind, text)
    assert (stored.anchor.event_id, stored.anchor.reason) == (event, reason)
    assert (stored.lemma, stored.event_class, stored.polarity) == (
        "visited", EventClass.OCCURRENCE, Polarity.POSITIVE,
    )  # fmt: skip


def test_new_event_fields_round_trip_through_the_store(tmp_path: Path) -> None:
    text = (
        "Airbus said on Monday that it had signed a contract with IndiGo. The airline did "
        "not disclose the price."
    )
    result = extract(text, published=dt.date(2024, 3, 14))
    store = Store(tmp_path / "s.db")
    store.save_extraction(result, added_at=ADDED)
    stored = {e.id: e for e in store.events()}
    for event in result.events:
        again = stored[event.id]
        assert (again.anchor, again.salience, again.event_class) == (
            event.anchor, event.salience, event.event_class,
        )  # fmt: skip
        assert (again.lemma, again.polarity, again.trigger_start, again.trigger_end) == (
            event.lemma, event.polarity, event.trigger_start, event.trigger_end,
        )  # fmt: skip
