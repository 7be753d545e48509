"""A figure as one standalone HTML file: opens offline, mails easily.

plotly.js 4 alone is 4.8 MB, so a page that inlines it as text is over 5 MB as soon as
the figure has a few hundred events. The page carries plotly.js gzip-compressed
(1.5 MB, base64 2 MB) and unpacks it in the browser with the standard
``DecompressionStream`` (Chrome/Edge 80+, Firefox 113+, Safari 16.4+); nothing is
fetched. The figure itself stays readable JSON in the page. Article text reaches the
figure already escaped by the chart builders, and plotly's JSON writes ``<``, ``>``
and ``/`` in strings as ``\\u`` escapes, so no text can close the data block.
"""

from __future__ import annotations

import base64
import gzip
from functools import cache

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from timeline.charts.common import escape_text

__all__ = ["figure_html"]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="margin:0;font-family:sans-serif">
<div id="chart" style="width:100%"></div>
<noscript>This chart needs JavaScript.</noscript>
<script type="application/json" id="figure">{figure}</script>
<script>
(async function () {{
  var chart = document.getElementById("chart");
  try {{
    var packed = "{plotly}";
    var bytes = Uint8Array.from(atob(packed), function (c) {{ return c.charCodeAt(0); }});
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    var library = document.createElement("script");
    library.textContent = await new Response(stream).text();
    document.head.appendChild(library);
    var figure = JSON.parse(document.getElementById("figure").textContent);
    await Plotly.newPlot(chart, figure.data, figure.layout, {config});
  }} catch (error) {{
    chart.textContent = "This browser could not draw the chart (" + error + ").";
  }}
}})();
</script>
</body>
</html>
"""
_CONFIG = '{"displaylogo": false, "responsive": true}'


@cache
def _packed_plotly() -> str:
    """plotly.js of the installed plotly, gzip-compressed and base64-encoded."""
    raw = get_plotlyjs().encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def figure_html(fig: go.Figure) -> str:
    """A standalone page: plotly.js embedded (compressed), no external script."""
    title = fig.layout.title.text or "News Timeline"
    figure = fig.to_json()  # plotly writes < > / in strings as \u escapes
    return _PAGE.format(
        title=escape_text(title), figure=figure, plotly=_packed_plotly(), config=_CONFIG
    )
