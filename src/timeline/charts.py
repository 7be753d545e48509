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

from __future__ import annotations

import html
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "GROUPINGS",
    "OKABE_ITO",
    "area_bar_figure",
    "area_sunburst_figure",
    "empty_figure",
    "escape_text",
    "figure_summary",
    "timeline_figure",
]

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
    "planned": {"color": OKABE_ITO[1], "opacity": 0.8, "fill": False},
    "possible": {"color": OKABE_ITO[2], "opacity": 0.7, "fill": False},
}
ROOT_GREY = "#BBBBBB"
PRECISIONS = ("day", "period", "approximate period", "open-ended")
GROUPINGS = {"actor": "Actor", "type": "Event type", "article": "Article", "agreement": "Agreement"}
POINT_GRANULARITIES = {"day", "time"}
VAGUE_GRANULARITIES = {"vague", "unknown"}
VAGUE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
NO_LANE = {
    "actor": "(no actor)",
    "type": "(no type)",
    "article": "(no article)",
    "agreement": "(no agreement)",
}
HOVER = "%{text}<extra></extra>"
#: Up to this many events the hover carries the sentence; above it, the detail panel does.
FULL_HOVER_MAX = 2_000
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


# ---------------------------------------------------------------- timeline: data


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce", format="mixed").dt.normalize()


def _lane_values(
    events: pd.DataFrame,
    group_by: str,
    articles: pd.DataFrame | None,
    agreements: pd.DataFrame | None,
) -> pd.Series:
    """One lane label per row; a list for actors and agreements (exploded by the caller)."""
    missing = NO_LANE[group_by]
    if group_by == "actor":
        return events["actors"].map(lambda a: [str(x) for x in _as_list(a)] or [missing])
    if group_by == "type":
        return events["type"].map(lambda v: str(v) if _present(v) else missing)
    if group_by == "article":
        titles = _article_titles(articles)
        return events["article_id"].map(
            lambda v: titles.get(str(v), str(v)) if _present(v) else missing
        )
    if "agreement" in events.columns:
        return events["agreement"].map(lambda v: [str(x) for x in _as_list(v)] or [missing])
    by_article = _agreements_by_article(agreements)
    return events["article_id"].map(lambda a: by_article.get(str(a)) or [missing])


def _agreements_by_article(agreements: pd.DataFrame | None) -> dict[str, list[str]]:
    """Article id -> names of the agreements it reports (from ``agreements_frame``)."""
    if agreements is None or agreements.empty or "article_id" not in agreements.columns:
        return {}
    pairs = agreements[["article_id", "agreement"]].dropna().drop_duplicates()
    return pairs.groupby("article_id")["agreement"].agg(lambda v: sorted(map(str, v))).to_dict()


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [v for v in value if _present(v)]
    return [value] if _present(value) else []


def _present(value: Any) -> bool:
    """True for a real value: not None/NaN/NaT; containers count when non-empty."""
    if value is None:
        return False
    if isinstance(value, str):
        return True
    if isinstance(value, Iterable):
        return len(list(value)) > 0
    return not bool(pd.isna(value))


def _article_titles(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty or "id" not in articles.columns:
        return {}
    titles = articles["title"] if "title" in articles.columns else articles["id"]
    return {
        str(i): str(t) if _present(t) and str(t) else str(i)
        for i, t in zip(articles["id"], titles, strict=True)
    }


def _published_dates(articles: pd.DataFrame | None) -> dict[str, pd.Timestamp]:
    if articles is None or articles.empty or "published" not in articles.columns:
        return {}
    dates = _dates(articles["published"])
    return {str(i): d for i, d in zip(articles["id"], dates, strict=True) if pd.notna(d)}


def _precision(events: pd.DataFrame, earliest: pd.Series, latest: pd.Series) -> pd.Series:
    """Classify rows as day / period / approximate period / open-ended."""
    gran = events["granularity"].map(lambda g: str(g).lower() if _present(g) else "unknown")
    value = events["value"].map(lambda v: str(v) if _present(v) else "")
    vague = gran.isin(VAGUE_GRANULARITIES) | value.str.startswith(VAGUE_VALUES)
    both = earliest.notna() & latest.notna()
    point = both & ~vague & (gran.isin(POINT_GRANULARITIES) | (earliest == latest))
    result = pd.Series("open-ended", index=events.index)
    result[both & vague] = "approximate period"
    result[both & ~vague & ~point] = "period"
    result[point] = "day"
    return result


def _interval_text(earliest: pd.Series, latest: pd.Series) -> pd.Series:
    e = earliest.dt.strftime("%Y-%m-%d").fillna("?")
    lt = latest.dt.strftime("%Y-%m-%d").fillna("?")
    same = e == lt
    return (e + " – " + lt).where(~same, e)


def timeline_data(
    events: pd.DataFrame,
    *,
    group_by: str = "actor",
    articles_df: pd.DataFrame | None = None,
    agreements_df: pd.DataFrame | None = None,
    sentences: bool = True,
) -> pd.DataFrame:
    """Return one row per (event, lane) with everything the timeline draws, escaped.

    Columns: id, lane, status, precision, x0, x1 (ISO dates; x0 == x1 for points),
    hover (title, date as written, as resolved with its interval, sentence, lane; all
    escaped) and hover_end (title and interval, for a band's end). With
    ``sentences=False`` the hover is one line under the title, without sentence or
    lane, and hover_end the title alone. Undated events are placed at their
    article's publish date when it is known, else dropped.
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by={group_by!r}; valid: {', '.join(GROUPINGS)}")
    ev = events.reset_index(drop=True)
    earliest, latest = _dates(ev["earliest"]), _dates(ev["latest"])
    precision = _precision(ev, earliest, latest)
    earliest, latest = _fill_open_ends(ev, earliest, latest, precision, articles_df)
    titles = [escape_text(t, width=70) for t in ev["title"]]
    interval = _interval_text(earliest, latest)
    data = pd.DataFrame(
        {
            "id": ev["id"].astype(str),
            "lane": _lane_values(ev, group_by, articles_df, agreements_df),
            "status": ev["status"].map(lambda s: str(s) if str(s) in STATUS_STYLE else "happened"),
            "precision": precision,
            "x0": earliest.dt.strftime("%Y-%m-%d"),
            "x1": latest.dt.strftime("%Y-%m-%d"),
            "hover": _hover_text(ev, titles, interval, sentences=sentences),
            # A band's end vertex: short, so the sentence is not sent twice.
            "hover_end": [
                f"<b>{t}</b><br>Interval: {i}" if sentences else t
                for t, i in zip(titles, interval, strict=True)
            ],
        }
    )
    data = data.loc[data["x0"].notna()]
    if data.empty:
        return data
    if group_by in ("actor", "agreement"):
        data = data.explode("lane", ignore_index=True)
    if sentences:  # a light figure leaves the lane to the y axis
        data["hover"] = data["hover"] + "<br><i>" + data["lane"].map(escape_text) + "</i>"
    return data


def _hover_text(
    ev: pd.DataFrame, titles: list[str], interval: pd.Series, *, sentences: bool
) -> list[str]:
    rows = zip(titles, ev["time_text"], ev["value"], interval, ev["sentence"], strict=True)
    if not sentences:  # one short line under the title; the detail panel has the rest
        return [
            f"{title}<br>{escape_text(written) or '(publish date)'} → "
            f"{escape_text(value) or '?'} ({span})"
            for title, written, value, span, _ in rows
        ]
    return [
        f"<b>{title}</b><br>"
        f"As written: {escape_text(written) or '(no time expression)'}<br>"
        f"Resolved: {escape_text(value) or '?'} ({span})<br>"
        f"{escape_text(sentence, width=80)}"
        for title, written, value, span, sentence in rows
    ]


def _fill_open_ends(
    ev: pd.DataFrame,
    earliest: pd.Series,
    latest: pd.Series,
    precision: pd.Series,
    articles: pd.DataFrame | None,
) -> tuple[pd.Series, pd.Series]:
    """Give open-ended events one drawable date: a known bound, else the publish date."""
    published = _published_dates(articles)
    fallback = ev["article_id"].map(lambda a: published.get(str(a), pd.NaT))
    anchor = earliest.fillna(latest).fillna(pd.to_datetime(fallback))
    open_ended = precision == "open-ended"
    return earliest.where(~open_ended, anchor), latest.where(~open_ended, anchor)


# ---------------------------------------------------------------- timeline: figure


def _lane_order(data: pd.DataFrame) -> list[str]:
    counts = data.groupby("lane", sort=False).agg(n=("id", "size"), first=("x0", "min"))
    return counts.sort_values(["n", "first"], ascending=[False, True]).index.tolist()


def _jitter(ids: pd.Series) -> pd.Series:
    """Deterministic offset in a lane (so stacked events do not hide each other)."""
    return ids.map(lambda i: ((zlib.crc32(i.encode()) % 9) - 4) * 0.08)


def _ids(part: pd.DataFrame) -> np.ndarray:
    """Event ids as a fixed-width string array (plotly copies it as one block)."""
    return part["id"].to_numpy(dtype=str)


def _point_trace(part: pd.DataFrame, status: str, precision: str, kind: str) -> dict[str, Any]:
    style = STATUS_STYLE[status]
    symbol = "circle" if precision == "day" else "triangle-right"
    if not style["fill"] or precision == "open-ended":
        symbol += "-open"
    return dict(
        type=kind,
        x=part["x0"].to_numpy(dtype=str),
        y=part["y"].to_numpy(),
        mode="markers",
        name=f"{status} · {precision}",
        legendgroup=status,
        marker={"color": style["color"], "symbol": symbol, "size": 10, "line": {"width": 2}},
        opacity=style["opacity"],
        customdata=_ids(part),
        text=part["hover"].tolist(),
        hovertemplate=HOVER,
    )


def _band_trace(
    part: pd.DataFrame, status: str, precision: str, kind: str, *, ticks: bool
) -> dict[str, Any]:
    """A thick line per event over [earliest, latest], segments separated by None.

    ``ticks`` marks both ends (so a short interval stays visible); big figures skip
    them, as each tick is one more mark to draw.
    """
    style = STATUS_STYLE[status]
    n = len(part)
    x = np.full(3 * n, None, dtype=object)
    x[0::3], x[1::3] = part["x0"].to_numpy(), part["x1"].to_numpy()
    y = np.full(3 * n, np.nan)
    y[0::3] = y[1::3] = part["y"].to_numpy()
    ids = _ids(part)
    custom = np.full(3 * n, "", dtype=ids.dtype)
    custom[0::3] = custom[1::3] = ids
    text: list[str | None] = [None] * (3 * n)
    text[0::3] = part["hover"].tolist()
    text[1::3] = part["hover_end"].tolist()
    dash = "dash" if precision == "approximate period" else "solid"
    return dict(
        type=kind,
        x=x.tolist(),
        y=y,
        mode="lines+markers" if ticks else "lines",
        name=f"{status} · {precision}",
        legendgroup=status,
        line={"color": style["color"], "width": 7 if style["fill"] else 4, "dash": dash},
        marker={"color": style["color"], "symbol": "line-ns", "size": 12, "line": {"width": 2}},
        opacity=style["opacity"],
        connectgaps=False,
        customdata=custom,
        text=text,
        hovertemplate=HOVER,
    )


def _published_trace(articles: pd.DataFrame | None, y: float, kind: str) -> dict[str, Any] | None:
    published = _published_dates(articles)
    if not published:
        return None
    titles = _article_titles(articles)
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
        hovertemplate="Published %{x|%Y-%m-%d}<br>%{text}<extra></extra>",
    )


def timeline_figure(
    events_df: pd.DataFrame,
    *,
    group_by: str = "actor",
    show_published: bool = False,
    articles_df: pd.DataFrame | None = None,
    agreements_df: pd.DataFrame | None = None,
) -> go.Figure:
    """Swimlane timeline of ``events_df`` (columns of ``frames.events_frame``).

    ``group_by`` picks the lanes: actor (an event with two actors is in both lanes),
    type, article or agreement. ``show_published`` adds a lane with each article's
    publish date (needs ``articles_df`` with id, title, published). Agreement lanes
    use an ``agreement`` column of ``events_df`` when there is one, else the
    agreements each event's article reports (``agreements_df`` with article_id).
    More than :data:`FULL_HOVER_MAX` events make a light figure (see the module notes).
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
    lanes = _lane_order(data)
    index = {lane: n for n, lane in enumerate(lanes)}
    data["y"] = data["lane"].map(index) + _jitter(data["id"])
    bands = ~data["precision"].isin(("day", "open-ended"))
    marks = len(data) + int(bands.sum()) * (1 if light else 3)
    kind = "scattergl" if marks >= WEBGL_FROM else "scatter"
    traces = []
    for (status, precision), part in data.groupby(["status", "precision"], sort=True):
        if precision in ("day", "open-ended"):
            traces.append(_point_trace(part, str(status), str(precision), kind))
        else:
            traces.append(_band_trace(part, str(status), str(precision), kind, ticks=not light))
    ticks = [escape_text(_shorten(lane, LANE_LABEL_CHARS)) for lane in lanes]
    published = _published_trace(articles_df, len(lanes), kind) if show_published else None
    if published is not None:
        traces.append(published)
        ticks.append("published")
    # One Figure(...) call: add_trace deep-copies every array it is given.
    fig = go.Figure(data=traces)
    skipped = len(events_df) - data["id"].nunique()
    _layout_timeline(fig, ticks, GROUPINGS[group_by], skipped=skipped, light=light)
    return fig


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _layout_timeline(
    fig: go.Figure, ticks: list[str], lane_title: str, *, skipped: int, light: bool
) -> None:
    title = "Events over time"
    if skipped:
        title += f" ({skipped} undated event{'s' if skipped != 1 else ''} not drawn)"
    if light:
        title += "<br><sup>Many events: select one to read its sentence; drag to zoom</sup>"
    fig.update_layout(
        title={"text": title},
        template="plotly_white",
        height=min(MAX_HEIGHT, max(360, 140 + 36 * len(ticks))),
        legend={"title": {"text": "Status · precision"}},
        showlegend=True,
        hovermode="closest",
        clickmode="event+select",
        dragmode="zoom",
        margin=_margin(ticks) if light else {"l": 10, "r": 10, "t": 60, "b": 10},
    )
    fig.update_xaxes(
        title_text="Date (resolved against the publish date)",
        type="date",
        rangeslider={"visible": not light, "thickness": 0.06},
    )
    fig.update_yaxes(
        title_text=lane_title,
        tickmode="array",
        tickvals=list(range(len(ticks))),
        ticktext=ticks,
        autorange="reversed",
        zeroline=False,
        range=None,
    )


def _margin(ticks: list[str]) -> dict[str, Any]:
    """Fixed margins wide enough for the lane labels and the legend.

    Margins that grow to fit (plotly's default) make plotly lay out and draw the
    figure a second time, which costs seconds at 10,000 marks without a GPU.
    """
    widest = max((len(html.unescape(t)) for t in ticks), default=0)
    return {"l": 60 + 7 * widest, "r": 190, "t": 80, "b": 70, "autoexpand": False}


# ---------------------------------------------------------------- agreement areas


def _area_rows(agreements_df: pd.DataFrame) -> pd.DataFrame:
    df = agreements_df.copy()
    for col in ("agreement_id", "agreement", "area", "provision", "evidence"):
        if col not in df.columns:
            df[col] = None
    df = df.loc[df["area"].map(_present).astype(bool)]
    df["agreement_id"] = df["agreement_id"].astype(str)
    df["agreement"] = df["agreement"].map(lambda v: str(v) if _present(v) else "(unnamed)")
    df["area"] = df["area"].astype(str)
    return df


def area_sunburst_figure(
    agreements_df: pd.DataFrame, *, areas: Iterable[str] | None = None
) -> go.Figure:
    """Sunburst agreement -> area -> provision (plotly sizes a segment by its leaves).

    Each area has one Okabe–Ito colour, its provisions too; ``areas`` (every area
    shown on the page) fixes the colours so side-by-side sunbursts agree.
    """
    df = _area_rows(agreements_df)
    if df.empty:
        return empty_figure("No agreement areas found. Add an article that reports an agreement.")
    palette = _area_palette(areas if areas is not None else df["area"])
    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    hover: list[str] = []
    colours: list[str] = []

    def add(node: str, label: str, parent: str, text: str, colour: str) -> None:
        ids.append(node)
        labels.append(escape_text(label, width=24))
        parents.append(parent)
        hover.append(text)
        colours.append(colour)

    for agreement_id, rows in df.groupby("agreement_id", sort=True):
        root = f"a:{agreement_id}"
        add(root, rows["agreement"].iloc[0], "", f"{len(rows['area'].unique())} areas", ROOT_GREY)
        for area, area_rows in rows.groupby("area", sort=True):
            node, colour = f"{root}/{area}", palette.get(str(area), ROOT_GREY)
            add(node, str(area), root, _evidence_text(area_rows["evidence"]), colour)
            for provision in sorted({str(p) for p in area_rows["provision"] if _present(p)}):
                add(f"{node}/{provision}", provision, node, "provision", colour)
    fig = go.Figure(
        go.Sunburst(
            ids=ids,
            labels=labels,
            parents=parents,
            customdata=hover,
            hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
            marker={"colors": colours, "line": {"color": "#FFFFFF", "width": 1}},
            insidetextorientation="radial",
        )
    )
    fig.update_layout(title={"text": "Agreement → area → provision"}, height=520)
    return fig


def _area_palette(areas: Iterable[Any]) -> dict[str, str]:
    names = sorted({str(a) for a in areas if _present(a)})
    return {name: OKABE_ITO[n % len(OKABE_ITO)] for n, name in enumerate(names)}


def _evidence_text(evidence: pd.Series) -> str:
    sentences = sorted({str(e) for e in evidence if _present(e)})
    if not sentences:
        return "no evidence sentence"
    return "<br>".join(escape_text(s, width=70) for s in sentences[:3])


def area_bar_figure(agreements_df: pd.DataFrame, *, by: str = "agreement") -> go.Figure:
    """Bars of areas (x) and how many agreements or articles cover each (y).

    One stacked trace per agreement (or per article, ``by="article"``; needs an
    ``article_id`` column), coloured from the Okabe–Ito palette.
    """
    df = _area_rows(agreements_df)
    if by not in ("agreement", "article"):
        raise ValueError(f"by={by!r}; valid: agreement, article")
    if df.empty:
        return empty_figure("No agreement areas found. Add an article that reports an agreement.")
    key = "agreement" if by == "agreement" or "article_id" not in df.columns else "article_id"
    pairs = df[[key, "area"]].drop_duplicates()
    areas = pairs["area"].value_counts().index.tolist()
    fig = go.Figure()
    for n, (name, rows) in enumerate(pairs.groupby(key, sort=True)):
        covered = set(rows["area"])
        fig.add_trace(
            go.Bar(
                x=[escape_text(a) for a in areas],
                y=[1 if a in covered else 0 for a in areas],
                name=escape_text(name),
                marker=_bar_marker(n),
                hovertemplate="%{x}<br>%{fullData.name}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        template="plotly_white",
        title={"text": f"Areas across {by}s"},
        legend={"title": {"text": by.capitalize()}},
        showlegend=True,
        height=420,
    )
    fig.update_xaxes(title_text="Area")
    fig.update_yaxes(title_text=f"{by.capitalize()}s covering the area", dtick=1)
    return fig


def _bar_marker(n: int) -> dict[str, Any]:
    """Okabe–Ito colours; past seven traces, a hatch tells the repeated colours apart."""
    shapes = ("", "/", "x", ".", "+")
    colour = OKABE_ITO[n % len(OKABE_ITO)]
    return {"color": colour, "pattern": {"shape": shapes[n // len(OKABE_ITO) % len(shapes)]}}


# ---------------------------------------------------------------- tests and checks


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
