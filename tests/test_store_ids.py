"""Event ids grouped by article (timeline.merge.ids), and events stored under the ids
of the form before it keeping them when their article is saved again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from timeline.merge.ids import ARTICLE_DIGITS, article_part, legacy_event_id
from timeline.models import AnchorKind, Article, Extraction
from timeline.pipeline import extract_articles
from timeline.store import Store

ADDED = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
TEXTS = (
    "Foreign Minister Abbas Araghchi arrived in Moscow on April 18. He met Sergei Lavrov "
    "on April 19, and the two signed a memorandum on energy.",
    "Nokia cut its forecast on March 3. Two days after the cut, shares of Nokia fell 8%. "
    "Analysts at Citi said on March 4 that margins would recover by the summer.",
)
ARTICLES = tuple(
    Article(id=f"a{i}", text=text, published=dt.date(2025, 4, 20)) for i, text in enumerate(TEXTS)
)


def _as_before(extraction: Extraction) -> Extraction:
    """``extraction`` with the event ids (and anchors) a version before the article
    digits gave it."""
    old = {e.id: legacy_event_id(e.id) for e in extraction.events}

    def anchor(a):
        return dataclasses.replace(a, event_id=old.get(a.event_id, a.event_id))

    events = tuple(
        dataclasses.replace(e, id=old[e.id], anchor=anchor(e.anchor)) for e in extraction.events
    )
    return dataclasses.replace(extraction, events=events)


def test_an_articles_event_ids_share_its_leading_digits() -> None:
    events = extract_articles(list(ARTICLES)).events
    assert len({e.article_id for e in events}) == 2
    for e in events:
        assert e.id[:ARTICLE_DIGITS] == article_part(e.article_id)
        assert len(e.id) == ARTICLE_DIGITS + 12
    assert len({e.id for e in events}) == len(events)


def test_events_stored_under_old_ids_keep_them_and_their_corrections(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    store.save_extraction(_as_before(extract_articles(list(ARTICLES))), added_at=ADDED)
    before = {e.id: e for e in store.events()}
    assert before
    assert all(len(i) == 12 for i in before)
    target = sorted(before)[0]
    store.correct_event(target, "title", "Corrected title")
    # the current pipeline gives the same reports ids with the article digits in front
    store.save_extraction(extract_articles(list(ARTICLES)), added_at=ADDED)
    after = {e.id: e for e in store.events()}
    assert sorted(after) == sorted(before)
    assert after[target].title == "Corrected title"
    anchors = {e.anchor.event_id for e in after.values() if e.anchor.kind is AnchorKind.EVENT}
    assert anchors
    assert anchors <= set(after)


def test_new_articles_get_new_ids_next_to_old_ones(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    store.save_extraction(_as_before(extract_articles([ARTICLES[0]])), added_at=ADDED)
    store.save_extraction(extract_articles([ARTICLES[1]]), added_at=ADDED)
    ids = {a.id: {len(e.id) for e in store.events() if e.article_id == a.id} for a in ARTICLES}
    assert ids == {"a0": {12}, "a1": {ARTICLE_DIGITS + 12}}
