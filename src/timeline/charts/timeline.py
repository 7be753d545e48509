"""The timeline: one mark per event with its title beside it, a known day as a point and
"sometime in" a month, quarter or year as a shaded span over its interval; rows stacked
so that labels do not overlap (``stacking``), lanes by actor, type, article or
agreement as an option. What each event's mark is comes from ``timeline_data``; see
the package docstring for how big figures stay light."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import zlib
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.charts.common import (
    FULL_HOVER_MAX,
    GROUPINGS,
    HOVER,
    LANE_LABEL_CHARS,
    MAX_HEIGHT,
    PRECISION_WORDS,
    STATUS_STYLE,
    WEBGL_FROM,
    empty_figure,
    escape_text,
    rgba,
)
from timeline.charts.density import add_density_strip
from timeline.charts.stacking import LABEL_CHARS_PAD, focus_range, label_extent, stack_rows
from timeline.charts.timeline_data import (
    article_titles,
    as_days,
    fill_open_ends,
    precision_of,
    published_dates,
    timeline_data,
)

__all__ = ["default_view", "timeline_data", "timeline_figure"]


# --- where the marks go ----------------------------------------------------------------


def _lane_order(data: pd.DataFrame) -> list[str]:
    counts = data.groupby("lane", sort=False).agg(n=("id", "size"), first=("x0", "min"))
    return counts.sort_values(["n", "first"], ascending=[False, True]).index.tolist()


def _jitter(ids: pd.Series) -> pd.Series:
    """Deterministic offset in a lane, for figures too big to stack (marks only)."""
    return ids.map(lambda i: ((zlib.crc32(i.encode()) % 9) - 4) * 0.08)


def _stacked_rows(
    data: pd.DataFrame, lanes: list[str], start: pd.Timestamp, view: pd.Timedelta
) -> tuple[pd.Series, list[int]]:
    """Row of each event (lanes one after another, a gap row between) and each lane's first row."""
    x0, x1 = pd.to_datetime(data["x0"]), pd.to_datetime(data["x1"])
    extent = data["chars"].map(lambda n: label_extent(n, view))
    ends = pd.concat([x1, _label_x(data, start) + extent], axis=1).max(axis=1)
    ends = ends.where(x1 >= start, x1)  # wholly before the view: its title is not drawn there
    starts_days = (x0 - x0.min()).dt.days.astype(float)
    ends_days = (ends - x0.min()) / pd.Timedelta(days=1)
    y = pd.Series(0.0, index=data.index)
    firsts: list[int] = []
    offset = 0
    for lane in lanes:
        part = data.index[data["lane"] == lane]
        rows = stack_rows(starts_days[part].tolist(), ends_days[part].tolist())
        y[part] = [offset + r for r in rows]
        firsts.append(offset)
        offset += max(rows, default=0) + 2  # one empty row between lanes
    return y, firsts


def _ids(part: pd.DataFrame) -> np.ndarray:
    """Event ids as a fixed-width string array (plotly copies it as one block)."""
    return part["id"].to_numpy(dtype=str)


_SYMBOLS = {"day": "circle", "before": "triangle-left", "after": "triangle-right",
            "unknown": "diamond"}  # fmt: skip
LABEL_FONT = {"size": 11, "color": "#333333"}
#: While an event is picked the others fade, but their titles stay legible.
UNSELECTED = {"marker": {"opacity": 0.35}, "textfont": {"color": "#777777"}}


def _point_trace(
    part: pd.DataFrame, status: str, precision: str, kind: str, *, labels: bool
) -> dict[str, Any]:
    style = STATUS_STYLE[status]
    symbol = _SYMBOLS[precision]
    if not style["fill"] or precision == "unknown":
        symbol += "-open"
    return dict(
        type=kind,
        x=part["x0"].to_numpy(dtype=str),
        y=part["y"].to_numpy(),
        mode="markers+text" if labels else "markers",
        name=f"{status} · {PRECISION_WORDS[precision]}",
        legendgroup=status,
        marker={
            "color": style["color"],
            "symbol": symbol,
            "size": 10,
            "line": {"width": 2},
            "opacity": style["opacity"],
        },  # fmt: skip
        customdata=_ids(part),
        text=part["label"].tolist() if labels else None,
        textposition="middle right",
        textfont=LABEL_FONT,
        unselected=UNSELECTED,
        hovertext=part["hover"].tolist(),
        hovertemplate=HOVER,
    )


def _band_trace(part: pd.DataFrame, status: str, precision: str, kind: str) -> dict[str, Any]:
    """A light shaded span per event over [earliest, latest] ("sometime in"), segments
    separated by None, with the label at the start of the span."""
    style = STATUS_STYLE[status]
    n = len(part)
    x = np.full(3 * n, None, dtype=object)
    x[0::3], x[1::3] = part["x0"].to_numpy(), part["x1"].to_numpy()
    y = np.full(3 * n, np.nan)
    y[0::3] = y[1::3] = part["y"].to_numpy()
    ids = _ids(part)
    custom = np.full(3 * n, "", dtype=ids.dtype)
    custom[0::3] = custom[1::3] = ids
    hover: list[str | None] = [None] * (3 * n)
    hover[0::3] = hover[1::3] = part["hover"].tolist()
    approximate = precision == "approximate period"
    return dict(
        type=kind,
        x=x.tolist(),
        y=y,
        mode="lines",
        name=f"{status} · {PRECISION_WORDS[precision]}",
        legendgroup=status,
        # See-through (not trace opacity), so the label over the span stays solid.
        line={"color": rgba(style["color"], 0.2 if approximate else 0.4), "width": 14},
        connectgaps=False,
        customdata=custom,
        hovertext=hover,
        hovertemplate=HOVER,
    )


def default_view(
    events: pd.DataFrame, articles_df: pd.DataFrame | None = None
) -> tuple[dt.date, dt.date] | None:
    """The first view :func:`timeline_figure` shows for ``events`` (an events frame) and
    their articles, as days; None when nothing can be drawn."""
    ev = events.reset_index(drop=True)
    earliest, latest = as_days(ev["earliest"]), as_days(ev["latest"])
    precision = precision_of(ev, earliest, latest)
    earliest, latest = fill_open_ends(ev, earliest, latest, precision, articles_df)
    if earliest.isna().all():
        return None
    first, last = focus_range(earliest, latest)
    last += label_extent(LABEL_CHARS_PAD, last - first)
    return first.date(), last.date()


def _label_x(data: pd.DataFrame, start: pd.Timestamp) -> pd.Series:
    """Where a label starts: at its mark, or at the view's start for a span running into it."""
    x0, x1 = pd.to_datetime(data["x0"]), pd.to_datetime(data["x1"])
    return x0.where(~((x0 < start) & (x1 >= start)), start)


def _span_labels(part: pd.DataFrame, status: str, kind: str, start: pd.Timestamp) -> dict[str, Any]:
    """The titles of spans, at each span's start or the view's, whichever is later.

    A trace of its own: plotly drops some of the labels of a line trace's vertices.
    """
    return dict(
        type=kind,
        x=_label_x(part, start).dt.strftime("%Y-%m-%d").to_numpy(dtype=str),
        y=part["y"].to_numpy(),
        mode="text",
        name=f"{status} · span titles",
        legendgroup=status,
        showlegend=False,
        customdata=_ids(part),
        text=part["label"].tolist(),
        textposition="middle right",
        textfont=LABEL_FONT,
        unselected=UNSELECTED,
        hovertext=part["hover"].tolist(),
        hovertemplate=HOVER,
    )


def _published_trace(articles: pd.DataFrame | None, y: float, kind: str) -> dict[str, Any] | None:
    published = published_dates(articles)
    if not published:
        return None
    titles = article_titles(articles)
    ids = list(published)
    return dict(
        type=kind,
        x=[published[i].strftime("%Y-%m-%d") for i in ids],
        y=[y] * len(ids),
        mode="markers",
        name="article published",
        marker={"color": "#000000", "symbol": "diamond-tall", "size": 11},
        customdata=[f"article:{i}" for i in ids],
        text=[escape_text(titles.get(i, i), width=70) for i in ids],
        hovertemplate="Published %{x|%d %B %Y}<br>%{text}<extra></extra>",
    )


# --- the figure ----------------------------------------------------------------------


def timeline_figure(
    events_df: pd.DataFrame,
    *,
    group_by: str = "none",
    show_published: bool = False,
    articles_df: pd.DataFrame | None = None,
    agreements_df: pd.DataFrame | None = None,
    view: tuple[Any, Any] | None = None,
    density: pd.DataFrame | None = None,
) -> go.Figure:
    """Timeline of ``events_df`` (columns of ``frames.events_frame``): one mark per event.

    Each event is one mark with its title beside it, in rows stacked so that the
    labels do not overlap at the first view (:func:`stacking.focus_range`, the middle
    90% of the events; the range buttons reach the rest). ``group_by`` adds lanes:
    ``none`` (default), actor (an event sits in its first actor's lane), type, article
    or agreement (an ``agreement`` column of ``events_df``, else the agreements its
    article reports in ``agreements_df``). ``show_published`` adds a row of publish
    dates (``articles_df`` with id, title, published). More than
    :data:`FULL_HOVER_MAX` events make a light figure: no labels, no stacking, a short
    hover (see the package docstring). ``view`` (first, last day) sets the first view
    instead of :func:`default_view`. ``density`` (:func:`density.density_frame`: how
    many events, drawn or not, fall in each bucket) adds a strip of bars under the plot.
    """
    light = len(events_df) > FULL_HOVER_MAX
    data = timeline_data(
        events_df,
        group_by=group_by,
        articles_df=articles_df,
        agreements_df=agreements_df,
        sentences=not light,
    )
    if data.empty:
        return empty_figure("No dated events to show. Add articles or widen the filters.")
    if view is None:
        first, last = focus_range(pd.to_datetime(data["x0"]), pd.to_datetime(data["x1"]))
    else:
        first, last = pd.Timestamp(view[0]), pd.Timestamp(view[1])
    lanes = _lane_order(data)
    if light:
        index = {lane: n for n, lane in enumerate(lanes)}
        data["y"] = data["lane"].map(index) + _jitter(data["id"])
        firsts = list(range(len(lanes)))
    else:
        data["y"], firsts = _stacked_rows(data, lanes, first, last - first)
        if view is None:  # room on the right for the label of an event near the end
            last += label_extent(LABEL_CHARS_PAD, last - first)
    spans = data["precision"].isin(("period", "approximate period"))
    marks = len(data) + int(spans.sum())
    kind = "scattergl" if marks >= WEBGL_FROM else "scatter"
    traces = []
    for (status, precision), part in data.groupby(["status", "precision"], sort=True):
        if precision in ("period", "approximate period"):
            traces.append(_band_trace(part, str(status), str(precision), kind))
        else:
            traces.append(_point_trace(part, str(status), str(precision), kind, labels=not light))
    if not light:
        for status, part in data.loc[spans].groupby("status", sort=True):
            traces.append(_span_labels(part, str(status), kind, first))
    rows = int(data["y"].max()) + 1
    ticks = [escape_text(_shorten(lane, LANE_LABEL_CHARS)) for lane in lanes]
    published = _published_trace(articles_df, rows + 1, kind) if show_published else None
    if published is not None:
        traces.append(published)
        ticks.append("published")
        firsts.append(rows + 1)
        rows += 2
    # One Figure(...) call: add_trace deep-copies every array it is given.
    fig = go.Figure(data=traces)
    skipped = len(events_df) - data["id"].nunique()
    shown = View(first, last, rows, ticks, firsts, GROUPINGS[group_by])
    _layout_timeline(fig, shown, skipped=skipped, light=light)
    # Pan and zoom survive a rerun (a click on an event) until the view itself changes.
    fig.update_layout(uirevision=f"{first:%Y-%m-%d}..{last:%Y-%m-%d}")
    if density is not None and not density.empty:
        add_density_strip(fig, density, top_px=TOP_PX + (20 if light else 0), bottom_px=BOTTOM_PX)
    return fig


ROW_PX = 21  # height of a row of marks and labels
#: The tallest a stacked chart grows; more rows are reached by dragging up and down.
VIEW_HEIGHT = 1500
#: Title, range buttons and the dates (on top, so they show without scrolling); legend.
TOP_PX, BOTTOM_PX = 92, 76


@dataclasses.dataclass(frozen=True)
class View:
    """What the layout needs: the first x range, the rows, and the lanes with their first row."""

    first: pd.Timestamp
    last: pd.Timestamp
    rows: int
    ticks: list[str]
    firsts: list[int]
    lane_title: str


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


RANGE_BUTTONS = [
    {"count": 1, "label": "1M", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6M", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1Y", "step": "year", "stepmode": "backward"},
    {"label": "All", "step": "all"},
]


def _layout_timeline(fig: go.Figure, view: View, *, skipped: int, light: bool) -> None:
    title = "Events over time"
    if skipped:
        title += f" ({skipped} undated event{'s' if skipped != 1 else ''} not drawn)"
    if light:
        title += "<br><sup>Many events: select one to read its sentence</sup>"
    lanes = any(view.ticks)  # lanes, or the row of publish dates
    if light:
        height = min(MAX_HEIGHT, max(360, 140 + 36 * len(view.ticks)))
    else:
        height = min(VIEW_HEIGHT, max(300, TOP_PX + BOTTOM_PX + ROW_PX * (view.rows + 1)))
    plot_px = height - TOP_PX - BOTTOM_PX
    shown_rows = plot_px / ROW_PX - 1
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 0.99, "yanchor": "top",
               "font": {"size": 15}},
        template="plotly_white",
        height=height,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0,
                "entrywidth": 0.33, "entrywidthmode": "fraction", "font": {"size": 11},
                "traceorder": "normal"},
        showlegend=True,
        hovermode="closest",
        clickmode="event+select",
        dragmode="pan",
        margin=_margin(view.ticks if lanes else [], light=light),
    )  # fmt: skip
    fig.update_xaxes(
        title_text="Date",
        title_standoff=2,
        side="top",
        type="date",
        range=[view.first.strftime("%Y-%m-%d"), view.last.strftime("%Y-%m-%d")],
        # Under the title on the left: the right is where plotly shows its tool bar.
        rangeselector={
            "buttons": RANGE_BUTTONS,
            "x": 0,
            "xanchor": "left",
            "y": 1 + (TOP_PX - 30) / plot_px,
            "yanchor": "top",
        },
        rangeslider={"visible": False},
        showgrid=True,
    )
    fig.update_yaxes(
        title_text=view.lane_title if view.lane_title != GROUPINGS["none"] else None,
        tickmode="array",
        tickvals=view.firsts if lanes else [],
        ticktext=view.ticks if lanes else [],
        showticklabels=lanes,
        zeroline=False,
        showgrid=False,
        autorange=False if not light else "reversed",
        range=None if light else [max(view.rows, shown_rows) - 0.5, -0.8],
        fixedrange=not light and view.rows <= shown_rows,
    )


def _margin(ticks: list[str], *, light: bool) -> dict[str, Any]:
    """Fixed margins wide enough for the lane labels, the dates and the legend.

    Margins that grow to fit (plotly's default) make plotly lay out and draw the
    figure a second time, which costs seconds at 10,000 marks without a GPU.
    """
    widest = max((len(html.unescape(t)) for t in ticks), default=0)
    left = 60 + 7 * widest if widest else 12
    return {"l": left, "r": 12, "t": TOP_PX + (20 if light else 0), "b": BOTTOM_PX,
            "autoexpand": False}  # fmt: skip
