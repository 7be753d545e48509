"""Download buttons for the current view: data at once, a chart file on demand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st


def download_buttons(
    key: str,
    *,
    figure: Any = None,
    events: pd.DataFrame | None = None,
    agreements: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
    name: str = "timeline",
) -> None:
    """Downloads of the current view, one click each: the file is made when it is clicked.

    Data (events: CSV, JSON, TimelineJS, ICS; agreements: CSV, JSON) and the chart
    (HTML, PNG, SVG, PDF; an image is drawn by the browser kaleido drives). When making
    a file fails, Streamlit says "Failed to generate file for download" and logs why.
    ``articles`` gives the source titles for TimelineJS and ICS.
    """
    from timeline import export

    makers: dict[str, Any] = {}
    if events is not None:
        stamp = dt.datetime.now(dt.UTC)
        for fmt in export.DATA_FORMATS:
            makers[fmt] = lambda f=fmt: export.export_events(
                events, f, title=name, stamp=stamp, articles=articles
            )
    if agreements is not None:
        for fmt in ("csv", "json"):
            makers[fmt] = lambda f=fmt: export.export_agreements(agreements, f)
    with st.expander("Download this view"):
        _buttons(key, "Data", makers, name)
        if figure is not None:
            charts = {
                fmt: lambda f=fmt: export.export_figure(figure, f, events=events)
                for fmt in export.FIGURE_FORMATS
            }
            _buttons(f"{key}_chart", "Chart", charts, name)


def _buttons(key: str, label: str, makers: dict[str, Any], name: str) -> None:
    from timeline import export

    columns = st.columns(len(makers) + 1)
    columns[0].markdown(f"**{label}**")
    for column, (fmt, make) in zip(columns[1:], makers.items(), strict=True):
        column.download_button(
            "TimelineJS" if fmt == "timelinejs" else fmt.upper(),
            data=lambda make=make: make().content,
            file_name=f"{name}{export.SUFFIXES.get(fmt, '.' + fmt)}",
            mime=export.MEDIA_TYPES[fmt], key=f"{key}_{fmt}", on_click="ignore",
        )  # fmt: skip
