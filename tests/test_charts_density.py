"""The density strip and its first view: pure functions, tested on the figures they return."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline.charts import density_frame, density_unit, density_view, timeline_figure
from timeline.charts.density import MAX_BARS, STRIP_PX
from timeline.ui.show import selected_event_ids
from timeline.wording import day_in_words

DAY = dt.timedelta(days=1)


def _events(n: int) -> pd.DataFrame:
    days = [dt.date(2025, 1, 1) + DAY * (i % 90) for i in range(n)]
    return pd.DataFrame({
        "id": [f"e{i}" for i in range(n)], "article_id": "a1", "type": "statement",
        "title": [f"Event {i}" for i in range(n)], "sentence": "S.", "actors": [["Iran"]] * n,
        "time_text": None, "value": [d.isoformat() for d in days],
        "earliest": pd.to_datetime(days), "latest": pd.to_datetime(days), "granularity": "day",
        "status": "happened", "salience": 0.5, "sources": [["a1"]] * n,
    })  # fmt: skip


def _weeks(counts: list[float]) -> pd.DataFrame:
    first = dt.date(2024, 12, 30)  # a Monday
    bars = [(first + 7 * DAY * i, first + 7 * DAY * i + 6 * DAY, n) for i, n in enumerate(counts)]
    return density_frame(bars, "week")


def test_the_unit_is_the_finest_that_keeps_the_strip_short():
    first = dt.date(2025, 1, 1)
    assert density_unit(first, first + DAY * (MAX_BARS - 1)) == "day"
    assert density_unit(first, first + DAY * MAX_BARS) == "week"
    assert density_unit(first, dt.date(2030, 12, 31)) == "week"  # 313 weeks
    assert density_unit(first, dt.date(2035, 12, 31)) == "month"
    assert density_unit(dt.date(1000, 1, 1), dt.date(2030, 12, 31)) == "year"


def test_the_frame_keeps_the_buckets_with_events_and_its_unit():
    frame = _weeks([3, 0, 1.5])
    assert list(frame["count"]) == [3.0, 1.5]
    assert frame.attrs["unit"] == "week"
    with pytest.raises(ValueError, match="unit"):
        density_frame([], "fortnight")


def test_the_first_view_is_the_shortest_stretch_holding_most_events():
    # a quiet year with a busy month in the middle: the view frames the busy month
    counts = [1.0] * 20 + [50.0] * 4 + [1.0] * 20
    first, last = density_view(_weeks(counts))
    busy_first, busy_last = (
        dt.date(2024, 12, 30) + 7 * DAY * 20,
        dt.date(2024, 12, 30) + 7 * DAY * 24,
    )
    assert first < busy_first < busy_last < last
    assert (last - first).days < 90  # not the whole year
    assert density_view(_weeks([])) is None


def test_the_strip_adds_bars_under_the_plot_without_taking_its_rows():
    events, density = _events(30), _weeks([5.0, 2.5, 1.0])
    plain = timeline_figure(events)
    fig = timeline_figure(events, density=density)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1
    assert bars[0].yaxis == "y2"
    assert list(bars[0].y) == [5.0, 2.5, 1.0]
    assert bars[0].width[0] == 7 * 86_400_000  # a week, in milliseconds
    assert bars[0].hovertext[0] == f"week of {day_in_words(dt.date(2024, 12, 30))}: 5 events"
    assert "about 2 events" in bars[0].hovertext[1]  # spans shared out make fractions
    assert fig.layout.height > plain.layout.height >= fig.layout.height - STRIP_PX - 20
    assert fig.layout.yaxis2.domain[1] < fig.layout.yaxis.domain[0]
    # the marks are the same, and clicking a bar picks no event
    assert [t.name for t in fig.data if t.type != "bar"] == [t.name for t in plain.data]
    points = [{"customdata": c} for c in (bars[0].customdata or [None])]
    assert selected_event_ids({"selection": {"points": points}}) == []


def test_an_empty_strip_is_not_drawn():
    fig = timeline_figure(_events(5), density=_weeks([]))
    assert all(t.type != "bar" for t in fig.data)
