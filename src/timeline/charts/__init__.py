"""Pure chart builders: pandas DataFrame -> plotly Figure (``*_figure``).

Nothing here touches Streamlit, the store or the clock. Precision is visible: an
event known to the day is a point; a month, quarter or year is a band over its
``[earliest, latest]`` interval; an approximate value is a dashed band and an
open-ended or undated one an open triangle. Colour, marker fill and opacity show the
status (happened / planned / possible) with the Okabe–Ito palette, which stays
distinguishable with the common colour-vision deficiencies.

Article text is data, not markup: every string that reaches a hover, label or tick is
HTML-escaped (plotly renders a subset of HTML in those places).

Traces are grouped, never one per event: one trace per (status x precision) category,
bands drawn as ``None``-separated segments. ``customdata`` of every event point is the
event id, so a selection maps back to the data; the hover is one pre-escaped string per
point in ``text``. Big figures stay light (measured in ``benchmarks/dashboard.py``):
above :data:`FULL_HOVER_MAX` events the hover leaves out the sentence (the detail panel
shows it on selection) and bands lose their end ticks; above :data:`WEBGL_FROM` marks
the traces are WebGL. Below that SVG draws faster: a WebGL context costs about a
second on a machine without a GPU, and plotly's SVG does 10,000 marks in about one.
Big figures also get fixed margins and no range slider (the slider draws every SVG
trace a second time; margins that grow with the labels make plotly draw twice).
"""

from timeline.charts.areas import area_bar_figure, area_matrix_figure, area_sunburst_figure
from timeline.charts.common import (
    FULL_HOVER_MAX,
    GROUPINGS,
    MAX_HEIGHT,
    OKABE_ITO,
    WEBGL_FROM,
    empty_figure,
    escape_text,
    figure_summary,
)
from timeline.charts.timeline import default_view, timeline_data, timeline_figure

__all__ = [
    "FULL_HOVER_MAX",
    "GROUPINGS",
    "MAX_HEIGHT",
    "OKABE_ITO",
    "WEBGL_FROM",
    "area_bar_figure",
    "area_matrix_figure",
    "area_sunburst_figure",
    "default_view",
    "empty_figure",
    "escape_text",
    "figure_summary",
    "timeline_data",
    "timeline_figure",
]
