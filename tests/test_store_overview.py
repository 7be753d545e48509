"""The dashboard's SQL reads (Store.overview) answer as Store.events does, corrections included."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from timeline.store import Store, open_store
from timeline.store.overview import BUCKETS, bucket_of, next_bucket, spread

ROOT = Path(__file__).resolve().parents[1]

FILTERS = [
    {},
    {"statuses": ["planned"]},
    {"types": ["statement", "visit"], "statuses": ["happened", "reported"]},
    {"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)},
    {"start": dt.date(2025, 5, 1)},
    {"end": dt.date(2024, 12, 31)},
    {"actors": ["Iran", "Russia"]},
    {"actors": []},
    {"areas": ["energy"]},
    {"areas": ["no such area"]},
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("overview") / "sample.db"
    assert open_store(path).seed_if_empty(ROOT / "data") > 0
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Store:
    for suffix in ("", "-wal", "-shm"):
        source = seeded.with_name(seeded.name + suffix)
        if source.exists():
            shutil.copy(source, tmp_path / ("sample.db" + suffix))
    return open_store(tmp_path / "sample.db")


def _corrected(store: Store) -> Store:
    """The sample store with a deletion, a merge, a new date and new actors."""
    events = store.events()
    dated = [e for e in events if e.earliest is not None]
    store.delete_event(dated[0].id)
    store.merge_events(dated[1].id, dated[2].id)
    store.correct_event(dated[3].id, "value", "2019-03")
    store.correct_event(dated[4].id, "actors", ["Someone New", "Iran"])
    store.correct_event(dated[5].id, "status", "possible")
    return store


def _expected_density(events, unit: str) -> dict[dt.date, float]:
    counts: Counter[dt.date] = Counter()
    for e in events:
        buckets = spread(e.earliest, e.latest, unit)
        counts.update({b: 1 / len(buckets) for b in buckets})
    return dict(counts)


def _expected_salient(events, limit: int) -> list[str]:
    order = {e.id: n for n, e in enumerate(events)}  # Store.events is in event order
    ranked = sorted(events, key=lambda e: (-e.salience, order[e.id]))[:limit]
    return [e.id for e in sorted(ranked, key=lambda e: order[e.id])]


@pytest.mark.parametrize("corrections", [False, True], ids=["as stored", "corrected"])
@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_overview_reads_match_the_events_store_events_gives(store, filters, corrections):
    if corrections:
        _corrected(store)
    overview = store.overview()
    events = store.events(**filters)
    assert overview.count(**filters) == len(events)
    days = [d for e in events for d in (e.earliest, e.latest) if d is not None]
    assert overview.date_bounds(**filters) == ((min(days), max(days)) if days else None)
    dated = sum(e.earliest is not None or e.latest is not None for e in events)
    for unit in BUCKETS:
        bars = overview.density(unit, **filters)
        expected = _expected_density(events, unit)
        assert [first for first, _, _ in bars] == sorted(expected)
        assert [n for _, _, n in bars] == pytest.approx([expected[b] for b in sorted(expected)])
        assert sum(n for _, _, n in bars) == pytest.approx(dated)
        assert all(
            last == next_bucket(first, unit) - dt.timedelta(days=1) for first, last, _ in bars
        )
    for limit in (1, 5, 25, 1000):
        found = [e.id for e in overview.most_salient(limit, **filters)]
        assert found == _expected_salient(events, limit)
    shown = {e.id: e for e in events}
    assert all(e == shown[e.id] for e in overview.most_salient(25, **filters))


def test_corrections_are_seen_by_every_read(store):
    _corrected(store)
    overview = store.overview()
    events = store.events()
    assert overview.count() == len(events) == store.counts()["events"]
    assert overview.date_bounds()[0] == dt.date(2019, 3, 1)  # the corrected date
    assert "Someone New" in overview.top_actors(10_000)
    actors = {a for e in events for a in e.actors}
    assert overview.actor_count() == len(actors)
    assert sorted(overview.top_actors(10_000)) == sorted(actors)
    assert overview.event_types() == sorted({str(e.type) for e in events})
    assert overview.count(actors=["Someone New"]) == 1


def test_top_actors_keeps_the_actors_of_most_events(store):
    events = store.events()
    counts = Counter(a for e in events for a in e.actors)
    top = store.overview().top_actors(3)
    assert len(top) == 3
    assert top == sorted(top)
    assert min(counts[a] for a in top) >= max(c for a, c in counts.items() if a not in top)


def test_articles_are_read_without_their_text(store):
    overview = store.overview()
    articles = store.articles()
    rows = overview.article_rows()
    assert [r["id"] for r in rows] == [a.id for a in articles]
    assert [r["chars"] for r in rows] == [len(a.text) for a in articles]
    assert "text" not in rows[0]
    one = articles[-1].id
    assert [r["id"] for r in overview.article_rows([one])] == [one]
    titles = overview.article_titles(2)
    assert list(titles) == [a.id for a in articles[-2:]]
    assert overview.areas() == sorted({a.area for g in store.agreements() for a in g.areas})
    assert overview.table_count("articles") == len(articles)
    with pytest.raises(ValueError, match="no count"):
        overview.table_count("events; DROP TABLE events")


def test_buckets_start_on_the_first_day_of_their_unit():
    day = dt.date(2025, 4, 17)  # a Thursday
    assert [bucket_of(day, u) for u in BUCKETS] == [
        day,
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 1),
        dt.date(2025, 1, 1),
    ]
    assert [next_bucket(bucket_of(day, u), u) for u in BUCKETS] == [
        dt.date(2025, 4, 18),
        dt.date(2025, 4, 21),
        dt.date(2025, 5, 1),
        dt.date(2026, 1, 1),
    ]


def test_an_event_is_shared_among_the_buckets_its_interval_touches():
    april = (dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert spread(*april, "month") == [dt.date(2025, 4, 1)]
    assert spread(*april, "year") == [dt.date(2025, 1, 1)]
    # 1 April 2025 is a Tuesday: the weeks of 31 March ... 28 April
    assert spread(*april, "week") == [
        dt.date(2025, 3, 31) + dt.timedelta(weeks=n) for n in range(5)
    ]
    assert len(spread(*april, "day")) == 30
    assert spread(None, dt.date(2025, 4, 30), "month") == [dt.date(2025, 4, 1)]
    assert spread(dt.date(2025, 4, 30), None, "week") == [dt.date(2025, 4, 28)]
    assert spread(None, None, "day") == []


def test_density_refuses_an_unknown_unit(store):
    with pytest.raises(ValueError, match="unit"):
        store.overview().density("fortnight")
