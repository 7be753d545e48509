"""Merging does not depend on the order of the reports (issue 12): the same corpus in any
order gives the same happenings, sources, dates and aliases."""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import load_paths
from timeline.merge import is_same_happening, merge_events, merge_keys
from timeline.models import Article, Event
from timeline.pipeline import extract_articles
from timeline.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
ADDED = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
# Reports of a few happenings in different words, dates and precisions, from several
# fields: a visit, a market move, a strike, a trial result, a merger.
REPORTS = (
    "Foreign Minister Abbas Araghchi arrived in Moscow on April 18.",
    "Abbas Araghchi visited Moscow in April, state media said.",
    "On April 18, Abbas Araghchi arrived in Moscow for talks with Sergei Lavrov.",
    "Shares of Nokia fell 8% on March 3 after Nokia cut its forecast.",
    "Nokia shares dropped on March 3, 2025.",
    "Workers at Volkswagen went on strike on February 10.",
    "Volkswagen workers struck in February over pay.",
    "Pfizer said on January 15 that its trial met its main goal.",
    "Pfizer announced on January 15 the results of the trial.",
    "Unilever agreed to buy Dr. Squatch on June 23 for $1.5 billion.",
    "Unilever will buy Dr. Squatch, the company said on June 23.",
)
ARTICLES = tuple(
    Article(id=f"r{i}", text=text, published=dt.date(2025, 6 if i > 8 else 4, 20 + i % 5))
    for i, text in enumerate(REPORTS)
)


@cache
def _reports() -> tuple[Event, ...]:
    """Every article's own events, each article extracted alone (the sample articles too)."""
    articles = [*ARTICLES, *load_paths([DATA])[0]]
    return tuple(e for a in articles for e in extract_articles([a]).events)


def _happenings(events: list[Event]) -> list[dict]:
    return sorted((e.to_dict() for e in events), key=lambda d: (d["id"], d["sources"]))


def test_any_two_reports_of_one_happening_share_a_merge_key() -> None:
    reports = _reports()
    pairs = [(a, b) for i, a in enumerate(reports) for b in reports[i + 1 :]]
    same = [(a, b) for a, b in pairs if is_same_happening(a, b)]
    assert any(a.article_id != b.article_id for a, b in same)  # across articles too
    assert all(set(merge_keys(a)) & set(merge_keys(b)) for a, b in same)
    assert len(merge_events(list(reports))) < len(reports)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_merging_reports_in_any_order_gives_the_same_happenings(rng) -> None:
    reports = list(_reports())
    shuffled = reports[:]
    rng.shuffle(shuffled)
    assert _happenings(merge_events(shuffled)) == _happenings(merge_events(reports))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(ARTICLES))
def test_one_ingest_of_the_articles_in_any_order_gives_the_same_events(order) -> None:
    first, again = extract_articles(list(ARTICLES)), extract_articles(list(order))
    assert _happenings(list(again.events)) == _happenings(list(first.events))
    assert sorted(map(repr, again.entities)) == sorted(map(repr, first.entities))


@st.composite
def _splits(draw: st.DrawFn) -> list[list[Article]]:
    order = draw(st.permutations(ARTICLES))
    cuts = sorted(draw(st.sets(st.integers(1, len(order) - 1), max_size=4)))
    bounds = [0, *cuts, len(order)]
    return [list(order[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _stored(batches: list[list[Article]]) -> tuple[list, list]:
    """(type, sources, actors) of every stored happening; (name, aliases, mentions) of
    every stored actor."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "t.db")
        for batch in batches:
            store.save_extraction(extract_articles(batch), added_at=ADDED)
        events = sorted(
            (str(e.type), tuple(sorted(e.sources)), tuple(sorted(e.actors))) for e in store.events()
        )
        return events, sorted((e.name, e.aliases, e.mentions) for e in store.entities())


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_splits())
def test_ingests_in_any_order_and_split_store_the_same_happenings_and_actors(batches) -> None:
    # Which report tells a stored happening (its date, title, id) stays the one stored
    # first, so corrections keyed on its id survive later reports: compared here are
    # the happenings' reports and actors, and the actors' names, aliases and counts.
    assert _stored(batches) == _stored([list(ARTICLES)])
