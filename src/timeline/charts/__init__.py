"""Pure chart builders: pandas DataFrame -> plotly Figure (``*_figure``).

Nothing here touches Streamlit, the store or the clock. The timeline tells the story
at a glance: one mark per event with its title beside it, in rows stacked so titles
do not overlap (``stacking``); precision is visible: an event known to the day is a
dot, "sometime in" a month, quarter or year a see-through span over its interval
(paler when the period itself is vague), one known bound a triangle, no date a hollow
diamond at the publish date. Colour and marker fill show the status (happened /
planned / possible) with the Okabe–Ito palette, which stays distinguishable with the
common colour-vision deficiencies; the legend says all of it in plain words.

Article text is data, not markup: every string that reaches a hover, label or tick is
HTML-escaped (plotly renders a subset of HTML in those places).

Traces are grouped, never one per event: one trace per (status x precision) category,
spans drawn as ``None``-separated segments, their titles in one text trace per status.
``customdata`` of every event point is the event id, so a selection maps back to the
data; the hover is one pre-escaped string per point in ``hovertext``, the title on the
chart is ``text``. Big figures stay light (measured in ``benchmarks/dashboard.py``):
above :data:`FULL_HOVER_MAX` events the hover leaves out the sentence (the detail panel
shows it on selection) and there are no titles on the chart and no stacking (marks are
jittered in their lane); above :data:`WEBGL_FROM` marks
the traces are WebGL. Below that SVG draws faster: a WebGL context costs about a
second on a machine without a GPU, and plotly's SVG does 10,000 marks in about one.
No figure has a range slider (it draws every SVG trace a second time; range buttons
and the wheel zoom instead), and margins are fixed (margins that grow with the labels
make plotly draw twice).
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
from timeline.charts.density import density_frame, density_unit, density_view
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
    "density_frame",
    "density_unit",
    "density_view",
    "empty_figure",
    "escape_text",
    "figure_summary",
    "timeline_data",
    "timeline_figure",
]
