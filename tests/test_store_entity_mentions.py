"""Entity mention counts are summed over the stored articles: the same whatever the
split into saves, and re-saving an article never counts it twice (issue 12)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from timeline.models import Article
from timeline.pipeline import extract_articles
from timeline.store import Store

ADDED = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
ARTICLES = (
    Article(id="m1", text="Abbas Araghchi arrived in Moscow on April 18. Iran said the "
            "visit was planned. Abbas Araghchi met officials.", published=dt.date(2025, 4, 19)),
    Article(id="m2", text="Iran's foreign minister Abbas Araghchi left Moscow on April 19, "
            "Iran said.", published=dt.date(2025, 4, 20)),
    Article(id="m3", text="Apple chief executive Tim Cook met Donald Trump on April 10 in "
            "Washington. Tim Cook spoke about Iran.", published=dt.date(2025, 4, 11)),
)  # fmt: skip


def _mentions(tmp_path: Path, name: str, batches: list[tuple[Article, ...]]) -> dict[str, int]:
    store = Store(tmp_path / f"{name}.db")
    for batch in batches:
        store.save_extraction(extract_articles(list(batch)), added_at=ADDED)
    return {e.name: e.mentions for e in store.entities()}


def test_pipeline_counts_each_articles_mentions_of_each_entity() -> None:
    extraction = extract_articles(list(ARTICLES))
    summed = Counter()
    for counts in extraction.mentions.values():
        summed.update(counts)
    assert {e.name: e.mentions for e in extraction.entities} == dict(summed)
    assert extraction.mentions["m1"]["Abbas Araghchi"] == 2


def test_mentions_are_summed_whatever_the_split_and_never_twice(tmp_path: Path) -> None:
    whole = _mentions(tmp_path, "whole", [ARTICLES])
    assert whole["Abbas Araghchi"] == 3  # two in m1, one in m2: a sum, not the largest
    assert whole["Iran"] >= 4
    assert _mentions(tmp_path, "split", [ARTICLES[:1], ARTICLES[1:2], ARTICLES[2:]]) == whole
    again = [ARTICLES[2:], ARTICLES[:2], ARTICLES[1:2], ARTICLES]  # re-saves
    assert _mentions(tmp_path, "again", again) == whole
