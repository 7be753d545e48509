"""How many events fall in each day, week, month or year: a strip of bars under the
timeline when there are too many events to draw each one, and the first view it gives.

The counts come from the store (``Store.overview().density``); these functions only
shape them: :func:`density_unit` picks the finest bucket that keeps the strip under
:data:`MAX_BARS` bars, :func:`density_frame` turns the store's (first day, last day,
events) triples into the frame the strip draws, :func:`density_view` is the first
view (the shortest stretch holding 80% of the events, padded, as
:func:`stacking.focus_range` does for marks) and :func:`add_density_strip` puts the
bars under a timeline figure, on its date axis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from timeline.charts.common import OKABE_ITO, rgba
from timeline.charts.stacking import LABEL_CHARS_PAD, label_extent
from timeline.wording import day_in_words, month_in_words

__all__ = ["MAX_BARS", "UNIT_WORDS", "add_density_strip", "density_frame", "density_unit",
           "density_view"]  # fmt: skip

#: Most bars the strip draws: the finest unit with at most this many over the dates wins.
MAX_BARS = 400
#: The buckets of ``Store.overview().density``, finest first, in words.
UNIT_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year"}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}
#: Height of the strip and the gap above it, in pixels.
STRIP_PX, GAP_PX = 80, 14
MIN_PAD = dt.timedelta(days=10)


def density_unit(first: dt.date, last: dt.date, *, max_bars: int = MAX_BARS) -> str:
    """The finest bucket (day, week, month, year) with at most ``max_bars`` over the dates."""
    days = (last - first).days + 1
    return next((u for u, n in _UNIT_DAYS.items() if days / n <= max_bars), "year")


def density_frame(bars: Sequence[tuple[dt.date, dt.date, float]], unit: str) -> pd.DataFrame:
    """Columns start, end (first and last day of a bucket), count (events, a span shared
    among its buckets), from ``Store.overview().density``; the unit in ``attrs``."""
    if unit not in UNIT_WORDS:
        raise ValueError(f"unit={unit!r}; valid: {', '.join(UNIT_WORDS)}")
    frame = pd.DataFrame([b for b in bars if b[2] > 0], columns=["start", "end", "count"])
    frame["count"] = frame["count"].astype(float)
    frame.attrs["unit"] = unit
    return frame


def density_view(density: pd.DataFrame, *, share: float = 0.8) -> tuple[dt.date, dt.date] | None:
    """The shortest run of buckets holding ``share`` of the events, padded by 6% (at
    least ten days) each side and by a label's width on the right; None without events."""
    if density.empty:
        return None
    starts, ends = list(density["start"]), list(density["end"])
    counts = density["count"].tolist()
    need, best, total, lo = share * sum(counts), None, 0, 0
    for hi, n in enumerate(counts):
        total += n
        while total - counts[lo] >= need:  # drop buckets on the left while enough remain
            total -= counts[lo]
            lo += 1
        if total >= need and (best is None or ends[hi] - starts[lo] < best[1] - best[0]):
            best = (starts[lo], ends[hi])
    first, last = best or (starts[0], ends[-1])
    pad = max((last - first) * 0.06, MIN_PAD)
    first, last = first - pad, last + pad
    # room on the right for the label of an event near the end, as default_view leaves
    return first, last + label_extent(LABEL_CHARS_PAD, last - first)


def add_density_strip(
    fig: go.Figure, density: pd.DataFrame, *, top_px: int, bottom_px: int
) -> None:
    """Bars of ``density`` (see :func:`density_frame`) in a strip under the plot of
    ``fig``, on its date axis; the plot keeps its height in pixels (the figure grows).
    ``top_px`` and ``bottom_px`` are the figure's fixed margins."""
    unit = density.attrs.get("unit", "day")
    old = int(fig.layout.height) - top_px - bottom_px
    plot = old + STRIP_PX + GAP_PX
    # Each bar as wide as its bucket, in milliseconds (plotly's unit on a date axis).
    widths = [
        ((e - s).days + 1) * 86_400_000
        for s, e in zip(density["start"], density["end"], strict=True)
    ]
    words = [_bucket_words(s, unit) for s in density["start"]]
    fig.add_trace(go.Bar(
        x=[s.isoformat() for s in density["start"]], y=density["count"].tolist(), width=widths,
        offset=0, yaxis="y2", name=f"events per {UNIT_WORDS[unit]} (all matching)",
        marker={"color": rgba(OKABE_ITO[0], 0.55), "line": {"width": 0}},
        hovertext=[f"{w}: {_about(n)}" for w, n in zip(words, density["count"], strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    ))  # fmt: skip
    strip = STRIP_PX / plot
    fig.update_layout(
        height=int(fig.layout.height) + STRIP_PX + GAP_PX,
        yaxis={"domain": [(STRIP_PX + GAP_PX) / plot, 1]},
        yaxis2={"domain": [0, strip], "anchor": "x", "fixedrange": True, "showgrid": False,
                "rangemode": "tozero", "nticks": 3, "ticklabelposition": "inside",
                "tickfont": {"size": 10, "color": "#555555"}},
    )  # fmt: skip
    selector = fig.layout.xaxis.rangeselector
    if selector.y is not None:  # same pixels above the plot as before
        fig.update_xaxes(rangeselector={"y": 1 + (selector.y - 1) * old / plot})


def _about(n: float) -> str:
    """A bucket's count in words: spans shared among buckets make fractions."""
    whole = round(n)
    if abs(n - whole) < 1e-9:
        return f"{whole:,} event{'s' if whole != 1 else ''}"
    return f"about {max(whole, 1):,} event{'s' if max(whole, 1) != 1 else ''} (spans shared out)"


def _bucket_words(start: dt.date, unit: str) -> str:
    if unit == "day":
        return day_in_words(start)
    if unit == "week":
        return f"week of {day_in_words(start)}"
    return month_in_words(start) if unit == "month" else str(start.year)
