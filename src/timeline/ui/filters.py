"""Sidebar filters and view choices, kept in sync with the URL so a link opens the same view.

Streamlit forgets a widget's state when a page without it runs, so moving to another
page and back would reset every filter (and the sidebar's links drop the URL's query).
Each choice is therefore also kept under :data:`KEPT` in the session. When a page's
widget is first drawn its value comes from the URL when the URL names it (a shared
link), else from what the session kept, else the default; every run writes it back
to both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from timeline.ui.data import STATUSES, EventFilters

KEPT = "kept_view"


def _seed(key: str, params: Sequence[str], from_url: Callable[[], Any]) -> None:
    """Give a widget its first value: from the URL if it names ``params``, else as kept."""
    if key in st.session_state:
        return
    kept = st.session_state.get(KEPT, {})
    if any(p in st.query_params for p in params) or key not in kept:
        st.session_state[key] = from_url()
    else:
        st.session_state[key] = kept[key]


def _keep(key: str, value: Any) -> None:
    st.session_state.setdefault(KEPT, {})[key] = value


def _restore(key: str, param: str, options: Sequence[str]) -> None:
    """Seed a multiselect's state from the URL or from what the session kept."""
    _seed(key, [param], lambda: [v for v in st.query_params.get_all(param) if v in options])


def _publish(param: str, values: Sequence[str] | str | None) -> None:
    if values:
        st.query_params[param] = list(values) if not isinstance(values, str) else values
    elif param in st.query_params:
        del st.query_params[param]


def url_choice(
    label: str,
    options: Sequence[str],
    *,
    key: str,
    param: str,
    names: dict[str, str] | None = None,
) -> str:
    """A sidebar radio whose choice is kept in the URL as ``param``; ``names`` label the options."""

    def from_url() -> str:
        wanted = st.query_params.get(param)
        return wanted if wanted in options else options[0]

    _seed(key, [param], from_url)
    shown = names or {}
    choice = st.sidebar.radio(
        label, options, key=key, horizontal=True, format_func=lambda o: shown.get(o, o)
    )
    _keep(key, choice)
    _publish(param, choice if choice != options[0] else None)
    return str(choice)


def url_toggle(label: str, *, key: str, param: str) -> bool:
    """A sidebar toggle kept in the URL as ``param=1`` when on."""
    _seed(key, [param], lambda: st.query_params.get(param) == "1")
    on = bool(st.sidebar.toggle(label, key=key))
    _keep(key, on)
    _publish(param, "1" if on else None)
    return on


def _options(frame: pd.DataFrame, column: str) -> list[str]:
    if frame.empty or column not in frame.columns:
        return []
    values = frame[column].explode() if column == "actors" else frame[column]
    return sorted({str(v) for v in values.dropna() if str(v)})


def _date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    dates = pd.concat([events["earliest"], events["latest"]]).dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def _date_filter(events: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    bounds = _date_bounds(events)
    if bounds is None:
        return None, None

    def from_url() -> tuple[dt.date, dt.date]:
        lo, hi = (_parse_date(st.query_params.get(p)) for p in ("from", "to"))
        return (lo or bounds[0], hi or bounds[1])

    _seed("f_dates", ["from", "to"], from_url)
    chosen = st.sidebar.date_input(
        "Date range", min_value=bounds[0], max_value=bounds[1], key="f_dates"
    )
    _keep("f_dates", chosen)
    start, end = (tuple(chosen) + (None, None))[:2] if isinstance(chosen, tuple) else (chosen, None)
    start = None if start == bounds[0] else start
    end = None if end in (bounds[1], None) else end
    _publish("from", start.isoformat() if start else None)
    _publish("to", end.isoformat() if end else None)
    return start, end


def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def sidebar_filters(
    events: pd.DataFrame, articles: pd.DataFrame, agreements: pd.DataFrame
) -> EventFilters:
    """Sidebar filter widgets (options from the unfiltered frames) -> EventFilters."""
    st.sidebar.header("Filters")
    start, end = _date_filter(events)
    titles = dict(zip(articles["id"], articles["title"].fillna(articles["id"]), strict=True))
    chosen: dict[str, list[str]] = {}
    specs = [
        ("actors", "Actors", "actor", _options(events, "actors")),
        ("types", "Event types", "type", _options(events, "type")),
        ("areas", "Agreement areas", "area", _options(agreements, "area")),
        ("article_ids", "Articles", "article", list(articles["id"])),
        ("statuses", "Status", "status", list(STATUSES)),
    ]
    for name, label, param, options in specs:
        key = f"f_{name}"
        _restore(key, param, options)
        chosen[name] = st.sidebar.multiselect(
            label, options, key=key, format_func=lambda v: str(titles.get(v, v))
        )
        _keep(key, chosen[name])
        _publish(param, chosen[name])
    return EventFilters(start=start, end=end, **{k: tuple(v) for k, v in chosen.items()})


def url_range(
    label: str, default: tuple[dt.date, dt.date], *, key: str, param: str
) -> tuple[dt.date, dt.date]:
    """A sidebar date range kept in the URL as ``param=YYYY-MM-DD..YYYY-MM-DD``."""

    def from_url() -> tuple[dt.date, dt.date]:
        first, _, last = (st.query_params.get(param) or "").partition("..")
        lo, hi = _parse_date(first), _parse_date(last)
        return (lo, hi) if lo and hi and lo <= hi else default

    _seed(key, [param], from_url)
    chosen = st.sidebar.date_input(label, key=key)
    _keep(key, chosen)
    if not isinstance(chosen, tuple) or len(chosen) != 2:  # half-picked: keep the last view
        return default
    start, end = chosen
    _publish(param, f"{start}..{end}" if (start, end) != default else None)
    return start, end
