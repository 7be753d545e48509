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

import streamlit as st

from timeline.ui.data import STATUSES, EventFilters
from timeline.ui.overview import ACTOR_OPTIONS, ARTICLE_OPTIONS, FilterOptions

KEPT = "kept_view"
#: A view asked for by a box dragged on the chart, applied before the range widget is drawn.
ZOOM = "zoom_to"


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


def _date_filter(bounds: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, dt.date | None]:
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


def _asked(key: str, param: str) -> list[str]:
    """What the link or the session asks a filter for (kept even when not offered)."""
    kept = st.session_state.get(key, st.session_state.get(KEPT, {}).get(key, []))
    return [*st.query_params.get_all(param), *kept]


def sidebar_filters(options: FilterOptions) -> EventFilters:
    """Sidebar filter widgets (what they offer: ``options``) -> EventFilters.

    The actor and article lists of a big store offer the actors of most events and
    the latest articles; a link or the session may ask for others, which are offered too.
    """
    st.sidebar.header("Filters")
    start, end = _date_filter(options.bounds)
    titles = options.articles
    chosen: dict[str, list[str]] = {}
    capped = {"actors": len(options.actors) >= ACTOR_OPTIONS,
              "article_ids": len(titles) >= ARTICLE_OPTIONS}  # fmt: skip
    specs = [
        ("actors", "Actors", "actor", options.actors),
        ("types", "Event types", "type", options.types),
        ("areas", "Agreement areas", "area", options.areas),
        ("article_ids", "Articles", "article", list(titles)),
        ("statuses", "Status", "status", list(STATUSES)),
    ]
    for name, label, param, offered in specs:
        key = f"f_{name}"
        if capped.get(name):
            offered = list(dict.fromkeys([*offered, *_asked(key, param)]))
        _restore(key, param, offered)
        chosen[name] = st.sidebar.multiselect(
            label, offered, key=key, format_func=lambda v: str(titles.get(v, v))
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
    if ZOOM in st.session_state:  # a widget's value may change only before it is drawn
        st.session_state[key] = st.session_state.pop(ZOOM)
    chosen = st.sidebar.date_input(label, key=key)
    _keep(key, chosen)
    if not isinstance(chosen, tuple) or len(chosen) != 2:  # half-picked: keep the last view
        return default
    start, end = chosen
    _publish(param, f"{start}..{end}" if (start, end) != default else None)
    return start, end


def zoom_to(days: tuple[dt.date, dt.date] | None, shown: tuple[dt.date, dt.date] | None) -> None:
    """Show ``days`` (a box dragged on the chart) on the next run, when it is a new view."""
    if days is not None and shown is not None and days != tuple(shown):
        st.session_state[ZOOM] = days
        st.rerun()
