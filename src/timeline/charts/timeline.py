"""The timeline: events in swimlanes, a day as a point and a period as a band over its
interval; see the package docstring for how big figures stay light."""

from __future__ import annotations

import html
import zlib
from collections.abc import Iterable
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
    NO_LANE,
    POINT_GRANULARITIES,
    STATUS_STYLE,
    VAGUE_GRANULARITIES,
    VAGUE_VALUES,
    WEBGL_FROM,
    empty_figure,
    escape_text,
    present,
)

__all__ = ["timeline_data", "timeline_figure"]


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
        return events["type"].map(lambda v: str(v) if present(v) else missing)
    if group_by == "article":
        titles = _article_titles(articles)
        return events["article_id"].map(
            lambda v: titles.get(str(v), str(v)) if present(v) else missing
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
        return [v for v in value if present(v)]
    return [value] if present(value) else []


def _article_titles(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty or "id" not in articles.columns:
        return {}
    titles = articles["title"] if "title" in articles.columns else articles["id"]
    return {
        str(i): str(t) if present(t) and str(t) else str(i)
        for i, t in zip(articles["id"], titles, strict=True)
    }


def _published_dates(articles: pd.DataFrame | None) -> dict[str, pd.Timestamp]:
    if articles is None or articles.empty or "published" not in articles.columns:
        return {}
    dates = _dates(articles["published"])
    return {str(i): d for i, d in zip(articles["id"], dates, strict=True) if pd.notna(d)}


def _precision(events: pd.DataFrame, earliest: pd.Series, latest: pd.Series) -> pd.Series:
    """Classify rows as day / period / approximate period / open-ended."""
    gran = events["granularity"].map(lambda g: str(g).lower() if present(g) else "unknown")
    value = events["value"].map(lambda v: str(v) if present(v) else "")
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


# --- the figure ----------------------------------------------------------------------


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
