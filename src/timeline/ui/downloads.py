"""Download buttons for the current view: data at once, a chart file on demand."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from timeline.errors import TimelineError
from timeline.ui.show import escape_markdown


def download_buttons(
    key: str,
    *,
    figure: Any = None,
    events: pd.DataFrame | None = None,
    agreements: pd.DataFrame | None = None,
    name: str = "timeline",
) -> None:
    """Downloads of the current view: data files at once, a chart file on demand.

    Data (events: CSV, JSON, TimelineJS, ICS; agreements: CSV, JSON) is produced
    when its button is clicked. A chart format is prepared by a button (an image
    needs the browser) and then offered; a failure is shown as an error message.
    """
    from timeline import export

    makers: dict[str, Any] = {}
    if events is not None:
        stamp = dt.datetime.now(dt.UTC)
        for fmt in export.DATA_FORMATS:
            makers[fmt] = lambda f=fmt: export.export_events(events, f, title=name, stamp=stamp)
    if agreements is not None:
        for fmt in ("csv", "json"):
            makers[fmt] = lambda f=fmt: export.export_agreements(agreements, f)
    with st.expander("Download this view"):
        for column, (fmt, make) in zip(st.columns(len(makers) or 1), makers.items(), strict=False):
            column.download_button(
                "TimelineJS" if fmt == "timelinejs" else fmt.upper(),
                data=lambda make=make: make().content,
                file_name=f"{name}{export.SUFFIXES.get(fmt, '.' + fmt)}",
                mime=export.MEDIA_TYPES[fmt], key=f"{key}_{fmt}", on_click="ignore",
            )  # fmt: skip
        if figure is not None:
            _chart_download(key, figure, events, name)


def _chart_download(key: str, figure: Any, events: pd.DataFrame | None, name: str) -> None:
    from timeline import export

    fmt = st.radio("Chart as", export.FIGURE_FORMATS, key=f"{key}_chart_format", horizontal=True)
    slot = f"{key}_chart_file"
    prepare = st.button(f"Prepare the {fmt.upper()}", key=f"{key}_prepare")
    if not prepare and slot not in st.session_state:
        return
    # The chart on screen, as a digest: serialised once per run, and a session keeps
    # 32 bytes rather than the figure's JSON (megabytes for a big timeline).
    shown = hashlib.sha256(figure.to_json().encode("utf-8")).digest()
    if prepare:
        st.session_state.pop(slot, None)
        try:
            produced = export.export_figure(figure, fmt, events=events)
            st.session_state[slot] = (fmt, shown, produced)
        except TimelineError as exc:
            st.error(f"Could not export the chart: {escape_markdown(exc)}")
    ready = st.session_state.get(slot)
    # Offered only while the chart and format it was made from are still on screen.
    if ready is not None and ready[0] == fmt and ready[1] == shown:
        st.download_button(
            f"Download the {fmt.upper()}", ready[2].content, file_name=f"{name}.{fmt}",
            mime=ready[2].media_type, key=f"{key}_chart_download", on_click="ignore",
        )  # fmt: skip
