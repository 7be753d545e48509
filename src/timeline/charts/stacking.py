"""Where each event's mark and label go: rows that keep labels apart, and the first view.

Pure arithmetic on numbers and dates, no plotly:

- :func:`stack_rows` packs items into rows greedily, as vis-timeline stacks its items:
  by start, each item goes into the first row that is free where it starts. An item
  spans its mark and its label, so two labels never share a stretch of a row.
- :func:`label_extent` is how much time a label covers at a given zoom, from the
  label's length in characters and the plot's width in pixels.
- :func:`focus_range` is the first view: the shortest stretch of time that holds 80%
  of the events (their midpoints), with some padding, so one far-off "by 2030" or a
  few old background events do not squeeze the story into a corner; the range
  buttons and "All" reach the outliers. (The 5th-95th percentile range is not used:
  with a few old and a few planned events it is still mostly empty.)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = [
    "CHAR_PX",
    "LABEL_CHARS",
    "LABEL_CHARS_PAD",
    "MARK_PX",
    "PLOT_WIDTH_PX",
    "focus_range",
    "label_extent",
    "short_label",
    "stack_rows",
]

#: Longest label drawn on the chart (the hover and the detail give the whole title).
LABEL_CHARS = 30
#: Average width of a character of the label font (11 px sans-serif), in pixels.
CHAR_PX = 6.3
#: The mark and the gap before its label, in pixels.
MARK_PX = 16
#: Plot width assumed for packing: a little under the chart column at 1440 px wide.
PLOT_WIDTH_PX = 660
#: Right padding of the first view, in label characters (room for a label near the end).
LABEL_CHARS_PAD = 30
#: Least padding either side of the first view.
MIN_PAD = pd.Timedelta(days=10)


def short_label(title: str, limit: int = LABEL_CHARS) -> str:
    """``title`` cut to ``limit`` characters at a word, with an ellipsis when cut."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if title[limit - 1] != " " and " " in cut[limit // 2 :]:  # not mid-word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def label_extent(
    chars: int, view: pd.Timedelta, *, width_px: float = PLOT_WIDTH_PX
) -> pd.Timedelta:
    """The time a mark and a label of ``chars`` characters cover when ``view`` spans the plot."""
    return view * ((MARK_PX + CHAR_PX * chars) / width_px)


def stack_rows(starts: Sequence[float], ends: Sequence[float]) -> list[int]:
    """Row of each item ``[starts[i], ends[i]]``: the first row free at its start (greedy).

    Items are placed in order of start (then end); an item fits a row when the row's
    last item ends strictly before it starts. Rows are numbered from 0.
    """
    if len(starts) != len(ends):
        raise ValueError(f"{len(starts)} starts but {len(ends)} ends")
    order = sorted(range(len(starts)), key=lambda i: (starts[i], ends[i], i))
    rows = [0] * len(starts)
    row_ends: list[float] = []
    for i in order:
        row = next((r for r, end in enumerate(row_ends) if end < starts[i]), len(row_ends))
        if row == len(row_ends):
            row_ends.append(ends[i])
        rows[i] = row
        row_ends[row] = max(ends[i], starts[i])
    return rows


def focus_range(
    starts: pd.Series, ends: pd.Series, *, share: float = 0.8
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first view: the shortest window holding ``share`` of the events' midpoints, widened
    to show whole the spans in it that are no longer than it (or a month), and padded."""
    frame = pd.DataFrame({"start": starts, "end": ends}).dropna()
    if frame.empty:
        raise ValueError("no dated event to frame")
    frame["middle"] = frame["start"] + (frame["end"] - frame["start"]) / 2
    middles = frame["middle"].sort_values().to_numpy()
    take = max(1, min(len(middles), round(share * len(middles))))
    widths = middles[take - 1 :] - middles[: len(middles) - take + 1]
    begin = int(widths.argmin())
    first, last = pd.Timestamp(middles[begin]), pd.Timestamp(middles[begin + take - 1])
    inside = frame.loc[frame["middle"].between(first, last)]
    short = inside.loc[inside["end"] - inside["start"] <= max(last - first, pd.Timedelta(days=31))]
    first, last = min(first, short["start"].min()), max(last, short["end"].max())
    pad = max((last - first) * 0.06, MIN_PAD)
    return first - pad, last + pad
