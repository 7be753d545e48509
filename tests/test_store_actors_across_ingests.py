"""A later ingest's names of a stored actor join it (issue 12): by blocking key and the
alias rules, not only within one ingest call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.models import Article
from timeline.pipeline import extract_articles
from timeline.store import Store

ADDED = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
FIRST = Article(
    id="a1",
    text="Foreign Minister Abbas Araghchi arrived in Moscow on April 18. Iran's central "
    "bank chief Farzin Mohammadi met traders.",
    published=dt.date(2025, 4, 19),
)
LATER = (
    Article(id="a2", text="Araghchi said on April 19 that the talks would continue.",
            published=dt.date(2025, 4, 20)),
    Article(id="a3", text="Abbas Araguchi left Moscow on April 20, state media said.",
            published=dt.date(2025, 4, 21)),
)  # fmt: skip
OTHER = Article(id="a4", text="Ali Araghchi, a cleric, spoke in Qom on April 20.",
                published=dt.date(2025, 4, 21))  # fmt: skip


def _store(tmp_path: Path, batches) -> Store:
    store = Store(tmp_path / "t.db")
    for batch in batches:
        store.save_extraction(extract_articles(list(batch)), added_at=ADDED)
    return store


def test_later_names_of_a_stored_person_join_it(tmp_path: Path) -> None:
    store = _store(tmp_path, [[FIRST], LATER, [OTHER]])
    entities = {e.name: e for e in store.entities()}
    araghchi = entities["Abbas Araghchi"]
    assert {"Araghchi", "Abbas Araguchi"} <= set(araghchi.aliases)
    assert not {"Araghchi", "Abbas Araguchi"} & set(entities)
    assert araghchi.mentions == 3
    assert "Ali Araghchi" in entities  # another given name: another person
    later = [e for e in store.events() if e.article_id in {"a2", "a3"}]
    assert {e.article_id for e in later if "Abbas Araghchi" in e.actors} == {"a2", "a3"}
    assert not {"Araghchi", "Abbas Araguchi"} & {a for e in later for a in e.actors}


def test_the_stored_actor_list_does_not_depend_on_the_split(tmp_path: Path) -> None:
    whole = _store(tmp_path / "whole", [[FIRST, *LATER]]).entities()
    assert any(len(e.aliases) == 2 for e in whole)
    split = _store(tmp_path / "split", [[FIRST], LATER[:1], LATER[1:]]).entities()
    assert split == whole
