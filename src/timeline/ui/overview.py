"""Cached SQL reads for pages over a big store (``Store.overview()``), and what the
Timeline draws: every matching event when there are few, else the most salient events
of the window the chart shows over a strip of how many events fall in each bucket.

Each read is cached by ``(path, data stamp, arguments)`` like the other store reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from timeline import charts
from timeline.frames import ARTICLE_COLUMNS, events_frame, most_salient
from timeline.ui.data import DATA_DIR, EventFilters, _store_at, data_stamp

#: Up to this many matching events the Timeline loads them all and draws them (the
#: most salient first, all with "Show all"); above it, it draws a window's most salient.
DETAIL_MAX = 5_000
#: "Show all events" over more than DETAIL_MAX: at most this many marks in the window.
MARK_LIMIT = 2_000
#: The actor and article filters offer this many (the actors of most events, the latest
#: articles) plus whatever the link or the session asks for.
ACTOR_OPTIONS, ARTICLE_OPTIONS = 1_000, 500
#: The Events page's table holds at most this many events (the most salient).
EDIT_LIMIT = 1_000
#: The Agreement areas page draws at most this many agreements (the most detailed).
AGREEMENT_LIMIT = 40


@st.cache_data(max_entries=256, show_spinner=False)
def _read(path: str, stamp: tuple[Any, ...], name: str, args: tuple[Any, ...],
          filters: EventFilters | None) -> Any:  # fmt: skip
    overview = _store_at(path, str(DATA_DIR)).overview()
    kwargs = filters.store_kwargs() if filters is not None else {}
    return getattr(overview, name)(*args, **kwargs)


def _cached(store: Any, name: str, *args: Any, filters: EventFilters | None = None) -> Any:
    return _read(str(store.path), data_stamp(store), name, args, filters)


@dataclasses.dataclass(frozen=True)
class FilterOptions:
    """What the sidebar filters offer."""

    bounds: tuple[dt.date, dt.date] | None
    actors: list[str]
    types: list[str]
    areas: list[str]
    articles: dict[str, str]  # id -> title, in the order of Store.articles


def filter_options(store: Any) -> FilterOptions:
    return FilterOptions(
        bounds=_cached(store, "date_bounds"),
        actors=_cached(store, "top_actors", ACTOR_OPTIONS),
        types=_cached(store, "event_types"),
        areas=_cached(store, "areas"),
        articles=_cached(store, "article_titles", ARTICLE_OPTIONS),
    )


def count_events(store: Any, filters: EventFilters | None = None) -> int:
    return int(_cached(store, "count", filters=filters or EventFilters()))


def article_frame(store: Any, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Articles (``articles_frame`` columns, without reading their text into Python)."""
    rows = _cached(store, "article_rows", None if ids is None else tuple(sorted(set(ids))))
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"].astype("object"))
    frame["chars"] = frame["chars"].astype("int64")
    return frame


@st.cache_data(max_entries=64, show_spinner=False)
def _salient(path: str, stamp: tuple[Any, ...], filters: EventFilters, limit: int) -> pd.DataFrame:
    overview = _store_at(path, str(DATA_DIR)).overview()
    return events_frame(overview.most_salient(limit, **filters.store_kwargs()))


@dataclasses.dataclass(frozen=True)
class Picked:
    """What the Timeline draws: ``events`` (an events frame) of ``matching`` events,
    the articles they cite, the strip's counts (None when every event is drawn), the
    first view, and what is shown in words."""

    events: pd.DataFrame
    matching: int
    articles: pd.DataFrame
    density: pd.DataFrame | None
    view: tuple[dt.date, dt.date] | None
    scope: str


def pick_events(store: Any, filters: EventFilters, *, show_all: bool, salient: int,
                view_widget: Any) -> Picked:  # fmt: skip
    """The events to draw for ``filters``; ``view_widget(label, default)`` draws the
    "Chart shows" range and returns the chosen (first, last) days."""
    matching = count_events(store, filters)
    if matching <= DETAIL_MAX:  # all of them, read in SQL (never every stored event)
        found = _salient(str(store.path), data_stamp(store), filters, DETAIL_MAX)
        events = found if show_all else most_salient(found, limit=salient)
        articles = articles_of(store, events)
        first = charts.default_view(events, articles)
        view = first and view_widget(first)
        scope = _scope(len(events), matching, count_events(store))
        return Picked(events, matching, articles, None, view, scope)
    # The bucket follows the store's dates and the date filter, not the other filters:
    # one read less per filter change, and bars of the same width while filtering.
    bounds = _cached(store, "date_bounds")
    if bounds is not None:
        bounds = (
            max(filters.start or bounds[0], bounds[0]),
            min(filters.end or bounds[1], bounds[1]),
        )
    unit = charts.density_unit(*bounds) if bounds and bounds[0] <= bounds[1] else "month"
    counts = _cached(store, "density", unit, filters=filters)
    density = charts.density_frame(counts, unit)
    view = view_widget(charts.density_view(density)) if len(density) else None
    window = filters
    if view is not None:
        start = max(filters.start or view[0], view[0])
        end = min(filters.end or view[1], view[1])
        window = dataclasses.replace(filters, start=start, end=end)
    limit = MARK_LIMIT if show_all else salient
    events = _salient(str(store.path), data_stamp(store), window, limit)
    articles = articles_of(store, events)
    scope = _window_scope(len(events), limit, matching)
    return Picked(events, matching, articles, density, view, scope)


def articles_of(store: Any, events: pd.DataFrame) -> pd.DataFrame:
    """Every article when there are few (the row of publish dates shows them all), else
    the drawn events' articles and sources."""
    if count_table(store, "articles") <= ARTICLE_OPTIONS:
        return article_frame(store)
    cited = {*events["article_id"], *(s for sources in events["sources"] for s in sources)}
    return article_frame(store, cited)


def _scope(shown: int, matching: int, total: int) -> str:
    if shown < matching:
        return f"the {shown} most salient of {matching} matching events"
    return f"{shown} of {total} events"


def _window_scope(shown: int, limit: int, matching: int) -> str:
    """Fewer than ``limit`` found: that is every event of the window (no count needed)."""
    some = f"the {shown:,} most salient" if shown >= limit else "all"
    return (f"{some} events in the dates the chart shows ({matching:,} match the filters; "
            "the bars under the chart count them all). For more of a stretch of time, drag "
            "a box over it with the box tool (top right of the chart) or narrow \"Chart "
            "shows\" in the sidebar")  # fmt: skip


def count_table(store: Any, table: str) -> int:
    return int(_cached(store, "table_count", table))


def store_summary(store: Any) -> dict[str, Any]:
    """Home's figures, counted in SQL: articles, events, actors, issues, date bounds."""
    return {
        "articles": count_table(store, "articles"),
        "events": count_events(store),
        "actors": int(_cached(store, "actor_count")),
        "issues": count_table(store, "issues"),
        "bounds": _cached(store, "date_bounds"),
    }


def most_detailed(covered: pd.DataFrame, limit: int = AGREEMENT_LIMIT) -> pd.DataFrame:
    """The rows of the ``limit`` agreements naming the most areas and provisions (ties:
    the earlier reported), from an ``agreements_frame``; all of them when there are few."""
    sizes = covered.groupby("agreement_id", sort=False).size()
    if len(sizes) <= limit:
        return covered
    keep = sizes.sort_values(ascending=False, kind="stable").index[:limit]
    return covered[covered["agreement_id"].isin(keep)]


def editable_events(store: Any) -> tuple[pd.DataFrame, int]:
    """The events the Events page's table holds (all, or the :data:`EDIT_LIMIT` most
    salient of a big store, read in SQL) and how many events the store shows."""
    frame = _salient(str(store.path), data_stamp(store), EventFilters(), EDIT_LIMIT)
    return frame, count_events(store)
