"""Shareable exports of the current view: charts and event data as files.

    export_view("timeline", "png", events=..., articles=..., agreements=...)  -> ExportFile

What can be exported in which format (:data:`VALID_FORMATS`):

- ``timeline`` and ``events``: the timeline chart as ``html`` (standalone, plotly.js
  embedded, works offline), ``png``, ``svg``, ``pdf``; the events as ``csv``,
  ``json``, ``timelinejs`` (TimelineJS JSON) and ``ics`` (iCalendar). The two names
  are synonyms: a chart format gives the chart, a data format the data.
- ``areas``: the agreements x areas matrix (``html``, ``png``, ``svg``, ``pdf``) and the
  agreement x area x provision rows (``csv``, ``json``). Areas have no dates, so
  ``timelinejs`` and ``ics`` are refused with an :class:`ExportError`.

Events without a known interval are kept in CSV and JSON and left out of TimelineJS
and ICS; :attr:`ExportFile.skipped` counts them. Article text is escaped wherever a
format renders markup (HTML, SVG, PDF via the chart builders; TimelineJS).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from timeline.charts import area_matrix_figure, timeline_figure
from timeline.errors import ExportError
from timeline.export.data import (
    DataExport,
    events_csv,
    events_ics,
    events_json,
    events_timelinejs,
    neutralise_formula,
    table_csv,
    table_json,
)
from timeline.export.images import (
    IMAGE_FORMATS,
    ExportTimeoutError,
    ImageRenderer,
    default_renderer,
    still_figure,
)
from timeline.export.page import figure_html
from timeline.export.story import story_html, story_page

__all__ = [
    "DATA_FORMATS",
    "FIGURE_FORMATS",
    "FORMATS",
    "VALID_FORMATS",
    "WHATS",
    "ExportFile",
    "ExportTimeoutError",
    "ImageRenderer",
    "check_combination",
    "export_agreements",
    "default_renderer",
    "events_csv",
    "events_ics",
    "events_json",
    "events_timelinejs",
    "export_events",
    "export_figure",
    "export_view",
    "figure_html",
    "neutralise_formula",
    "still_figure",
    "story_html",
    "story_page",
]

FIGURE_FORMATS = ("html", *IMAGE_FORMATS)
DATA_FORMATS = ("csv", "json", "timelinejs", "ics")
FORMATS = FIGURE_FORMATS + DATA_FORMATS
WHATS = ("timeline", "areas", "events")
VALID_FORMATS = {
    "timeline": FORMATS,
    "events": FORMATS,
    "areas": (*FIGURE_FORMATS, "csv", "json"),
}
MEDIA_TYPES = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
    "timelinejs": "application/json",
    "ics": "text/calendar",
}
SUFFIXES = {"timelinejs": ".timeline.json"}


@dataclasses.dataclass(frozen=True)
class ExportFile:
    """The bytes of one export, its format, and events left out for want of a date."""

    content: bytes
    fmt: str
    skipped: int = 0

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.fmt]

    @property
    def suffix(self) -> str:
        return SUFFIXES.get(self.fmt, f".{self.fmt}")


def check_combination(what: str, fmt: str) -> None:
    """Raise ExportError unless ``what`` can be exported as ``fmt``."""
    if what not in VALID_FORMATS:
        raise ExportError(f"cannot export {what!r}; valid: {', '.join(WHATS)}")
    if fmt not in VALID_FORMATS[what]:
        valid = ", ".join(VALID_FORMATS[what])
        reason = " (areas have no dates)" if fmt in ("ics", "timelinejs") else ""
        raise ExportError(f"cannot export {what} as {fmt!r}{reason}; valid for {what}: {valid}")


def export_figure(
    fig: go.Figure,
    fmt: str,
    *,
    renderer: ImageRenderer | None = None,
    width: int | None = None,
    height: int | None = None,
    scale: float = 1.0,
    time_limit: float | None = None,
    events: pd.DataFrame | None = None,
) -> ExportFile:
    """``fig`` as standalone HTML or a PNG / SVG / PDF still (see ``still_figure``).

    ``events``, when given, are listed (date, title, actors, status) under a still image.
    """
    if fmt == "html":
        return ExportFile(figure_html(fig).encode("utf-8"), fmt)
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"figure format {fmt!r}; valid: {', '.join(FIGURE_FORMATS)}")
    content = (renderer or default_renderer()).render(
        still_figure(fig, events=events),
        fmt,
        width=width,
        height=height,
        scale=scale,
        time_limit=time_limit,
    )
    return ExportFile(content, fmt)


def export_events(
    events: pd.DataFrame,
    fmt: str,
    *,
    title: str,
    stamp: dt.datetime | None = None,
    articles: pd.DataFrame | None = None,
) -> ExportFile:
    """The events frame as csv, json, timelinejs or ics (``stamp`` needed for ics).

    ``articles`` names the source articles by title in TimelineJS and ICS.
    """
    produced: DataExport
    if fmt == "csv":
        produced = events_csv(events)
    elif fmt == "json":
        produced = events_json(events)
    elif fmt == "timelinejs":
        produced = events_timelinejs(events, title=title, articles=articles)
    elif fmt == "ics":
        if stamp is None:
            raise ExportError("an ICS export needs stamp= (the DTSTAMP, a tz-aware datetime)")
        produced = events_ics(events, stamp=stamp, name=title, articles=articles)
    else:
        raise ExportError(f"data format {fmt!r}; valid: {', '.join(DATA_FORMATS)}")
    return ExportFile(produced.text.encode("utf-8"), fmt, produced.skipped)


def export_agreements(agreements: pd.DataFrame, fmt: str) -> ExportFile:
    """The agreement x area x provision rows that have an area, as csv or json."""
    if fmt not in ("csv", "json"):
        raise ExportError(f"agreement areas as {fmt!r}; valid: csv, json")
    covered = agreements.loc[agreements["area"].notna()]
    produced = table_csv(covered) if fmt == "csv" else table_json(covered, key="agreements")
    return ExportFile(produced.text.encode("utf-8"), fmt)


def export_view(
    what: str,
    fmt: str,
    *,
    events: pd.DataFrame,
    articles: pd.DataFrame,
    agreements: pd.DataFrame,
    group_by: str = "none",
    show_published: bool = False,
    title: str = "News Timeline",
    stamp: dt.datetime | None = None,
    renderer: ImageRenderer | None = None,
) -> ExportFile:
    """One view (timeline / events / areas) in one format; see the module docstring."""
    check_combination(what, fmt)
    if what == "areas":
        if fmt in DATA_FORMATS:
            return export_agreements(agreements, fmt)
        covered = agreements.loc[agreements["area"].notna()]
        return export_figure(area_matrix_figure(covered), fmt, renderer=renderer)
    if fmt in DATA_FORMATS:
        return export_events(events, fmt, title=title, stamp=stamp, articles=articles)
    fig = timeline_figure(
        events,
        group_by=group_by,
        show_published=show_published,
        articles_df=articles,
        agreements_df=agreements,
    )
    return export_figure(fig, fmt, renderer=renderer, events=events)
