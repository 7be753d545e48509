"""Sidebar filters and view choices, kept in sync with the URL so a link opens the same view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from timeline.ui.data import STATUSES, EventFilters


def _restore(key: str, param: str, options: Sequence[str]) -> None:
    """Seed a multiselect's state from the URL once per session."""
    if key not in st.session_state:
        st.session_state[key] = [v for v in st.query_params.get_all(param) if v in options]


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
    if key not in st.session_state:
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in options else options[0]
    shown = names or {}
    choice = st.sidebar.radio(
        label, options, key=key, horizontal=True, format_func=lambda o: shown.get(o, o)
    )
    _publish(param, choice)
    return str(choice)


def url_toggle(label: str, *, key: str, param: str) -> bool:
    """A sidebar toggle kept in the URL as ``param=1`` when on."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param) == "1"
    on = bool(st.sidebar.toggle(label, key=key))
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
    if "f_dates" not in st.session_state:
        lo, hi = (_parse_date(st.query_params.get(p)) for p in ("from", "to"))
        st.session_state["f_dates"] = (lo or bounds[0], hi or bounds[1])
    chosen = st.sidebar.date_input(
        "Date range", min_value=bounds[0], max_value=bounds[1], key="f_dates"
    )
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
        _publish(param, chosen[name])
    return EventFilters(start=start, end=end, **{k: tuple(v) for k, v in chosen.items()})
