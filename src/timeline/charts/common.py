"""What every chart shares: the colour-blind-safe palette, status styles, escaping of
article text for plotly's HTML subset, the empty-state figure and a test summary."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008), "Color Universal Design": black omitted, it is the text colour.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
)
STATUS_STYLE = {
    "happened": {"color": OKABE_ITO[0], "opacity": 1.0, "fill": True},
    "planned": {"color": OKABE_ITO[1], "opacity": 0.85, "fill": False},
    "possible": {"color": OKABE_ITO[2], "opacity": 0.75, "fill": False},
}
ROOT_GREY = "#BBBBBB"
#: How each kind of dating is drawn, in the words the legend uses.
PRECISION_WORDS = {
    "day": "on that day",
    "period": "sometime in the span",
    "approximate period": "roughly in the span",
    "before": "before that date",
    "after": "after that date",
    "unknown": "date unknown (at publish date)",
}
PRECISIONS = tuple(PRECISION_WORDS)
GROUPINGS = {
    "none": "No lanes",
    "actor": "Actor",
    "type": "Event type",
    "article": "Article",
    "agreement": "Agreement",
}
POINT_GRANULARITIES = {"day", "time"}
VAGUE_GRANULARITIES = {"vague", "unknown"}
VAGUE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
NO_LANE = {
    "actor": "(no actor)",
    "type": "(no type)",
    "article": "(no article)",
    "agreement": "(no agreement)",
}
HOVER = "%{hovertext}<extra></extra>"
#: Up to this many events the hover carries the sentence; above it, the detail panel does.
#: A full hover of a real article's event is about 1 KB on the websocket: 1,000 of them
#: stay near 1 MB (the dashboard sends under 2 MB at any zoom).
FULL_HOVER_MAX = 1_000
#: From this many drawn marks on, traces are WebGL (scattergl) instead of SVG.
WEBGL_FROM = 20_000
#: The tallest the timeline grows; more lanes then share the height.
MAX_HEIGHT = 900
LANE_LABEL_CHARS = 40


def escape_text(value: Any, *, width: int | None = None) -> str:
    """Return ``value`` as display-safe text: HTML-escaped, optionally wrapped with <br>."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    if width is None or len(text) <= width:
        return html.escape(text, quote=False)
    return "<br>".join(html.escape(line, quote=False) for line in _wrap(text, width))


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (textwrap is ~10x slower, which shows at 10,000 hovers)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def rgba(colour: str, alpha: float) -> str:
    """``#RRGGBB`` as ``rgba(r, g, b, alpha)`` (a see-through fill that keeps text solid)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def empty_figure(message: str) -> go.Figure:
    """Return a blank figure that says ``message`` (escaped) instead of drawing nothing."""
    fig = go.Figure()
    fig.add_annotation(
        text=escape_text(message, width=60),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        font={"size": 16},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=300, template="plotly_white")
    return fig


def present(value: Any) -> bool:
    """True for a real value: not None/NaN/NaT; containers count when non-empty."""
    if value is None:
        return False
    if isinstance(value, str):
        return True
    if isinstance(value, Iterable):
        return len(list(value)) > 0
    return not bool(pd.isna(value))


def figure_summary(fig: go.Figure) -> dict[str, Any]:
    """A small, stable description of ``fig`` for tests: traces, counts, axis titles."""
    traces = []
    for trace in fig.data:
        x = getattr(trace, "x", None)
        labels = getattr(trace, "labels", None)
        values = x if x is not None else labels
        points = 0 if values is None else sum(v is not None for v in values)
        traces.append(
            {
                "type": trace.type,
                "name": trace.name,
                "points": points,
                "mode": getattr(trace, "mode", None),
            }
        )
    layout = fig.layout
    return {
        "traces": traces,
        "title": layout.title.text,
        "x_title": layout.xaxis.title.text,
        "y_title": layout.yaxis.title.text,
        "showlegend": layout.showlegend,
    }
