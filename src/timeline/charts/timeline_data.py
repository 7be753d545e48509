"""What the timeline draws for each event, worked out from an events frame: its lane,
how well it is dated (a day, a period, a vague period, one bound, none), the x of its
mark or span, its short title and its hover (every piece of article text escaped)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from timeline.charts.common import (
    GROUPINGS,
    NO_LANE,
    POINT_GRANULARITIES,
    STATUS_STYLE,
    VAGUE_GRANULARITIES,
    VAGUE_VALUES,
    escape_text,
    present,
)
from timeline.charts.stacking import short_label
from timeline.wording import date_in_words

__all__ = [
    "article_titles",
    "as_days",
    "fill_open_ends",
    "precision_of",
    "published_dates",
    "timeline_data",
]


def as_days(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce", format="mixed").dt.normalize()


def _lane_values(
    events: pd.DataFrame,
    group_by: str,
    articles: pd.DataFrame | None,
    agreements: pd.DataFrame | None,
) -> pd.Series:
    """One lane label per event: an event with several actors or agreements is drawn once,
    in the lane of the first (the hover and the detail list them all)."""
    if group_by == "none":
        return pd.Series("", index=events.index)
    missing = NO_LANE[group_by]
    if group_by == "actor":
        return events["actors"].map(lambda a: next(iter(map(str, _as_list(a))), missing))
    if group_by == "type":
        return events["type"].map(lambda v: str(v) if present(v) else missing)
    if group_by == "article":
        titles = article_titles(articles)
        return events["article_id"].map(
            lambda v: titles.get(str(v), str(v)) if present(v) else missing
        )
    if "agreement" in events.columns:
        return events["agreement"].map(lambda v: next(iter(map(str, _as_list(v))), missing))
    by_article = _agreements_by_article(agreements)
    return events["article_id"].map(lambda a: (by_article.get(str(a)) or [missing])[0])


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


def article_titles(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty or "id" not in articles.columns:
        return {}
    titles = articles["title"] if "title" in articles.columns else articles["id"]
    return {
        str(i): str(t) if present(t) and str(t) else str(i)
        for i, t in zip(articles["id"], titles, strict=True)
    }


def published_dates(articles: pd.DataFrame | None) -> dict[str, pd.Timestamp]:
    if articles is None or articles.empty or "published" not in articles.columns:
        return {}
    dates = as_days(articles["published"])
    return {str(i): d for i, d in zip(articles["id"], dates, strict=True) if pd.notna(d)}


def precision_of(events: pd.DataFrame, earliest: pd.Series, latest: pd.Series) -> pd.Series:
    """How well each event is dated: a day, a period, a vague period, one bound, or none."""
    gran = events["granularity"].map(lambda g: str(g).lower() if present(g) else "unknown")
    value = events["value"].map(lambda v: str(v) if present(v) else "")
    vague = gran.isin(VAGUE_GRANULARITIES) | value.str.startswith(VAGUE_VALUES)
    both = earliest.notna() & latest.notna()
    point = both & ~vague & (gran.isin(POINT_GRANULARITIES) | (earliest == latest))
    result = pd.Series("unknown", index=events.index)
    result[earliest.isna() & latest.notna()] = "before"
    result[earliest.notna() & latest.isna()] = "after"
    result[both & vague] = "approximate period"
    result[both & ~vague & ~point] = "period"
    result[point] = "day"
    return result


def _when(ev: pd.DataFrame) -> pd.Series:
    """The date in words: the frame's ``when`` column, or worked out from the interval."""
    if "when" in ev.columns:
        return ev["when"].map(lambda w: str(w) if present(w) else "date unknown")
    cells = zip(ev["value"], ev["granularity"], ev["earliest"], ev["latest"], strict=True)
    return pd.Series([date_in_words(*c) for c in cells], index=ev.index)


def timeline_data(
    events: pd.DataFrame,
    *,
    group_by: str = "none",
    articles_df: pd.DataFrame | None = None,
    agreements_df: pd.DataFrame | None = None,
    sentences: bool = True,
) -> pd.DataFrame:
    """Return one row per event with everything the timeline draws, escaped.

    Columns: id, lane, status, precision, x0, x1 (ISO dates; x0 == x1 for points),
    label (the short title drawn beside the mark), hover (title, date in words, as
    written, actors, sentence, source; all escaped). With ``sentences=False`` the hover
    is one line under the title. An event known by one bound only is drawn at that
    bound; an undated one at its article's publish date when it is known, else dropped.
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by={group_by!r}; valid: {', '.join(GROUPINGS)}")
    ev = events.reset_index(drop=True)
    earliest, latest = as_days(ev["earliest"]), as_days(ev["latest"])
    precision = precision_of(ev, earliest, latest)
    earliest, latest = fill_open_ends(ev, earliest, latest, precision, articles_df)
    titles = [str(t) if present(t) else "(untitled)" for t in ev["title"]]
    data = pd.DataFrame(
        {
            "id": ev["id"].astype(str),
            "lane": _lane_values(ev, group_by, articles_df, agreements_df),
            "status": ev["status"].map(lambda s: str(s) if str(s) in STATUS_STYLE else "happened"),
            "precision": precision,
            "x0": earliest.dt.strftime("%Y-%m-%d"),
            "x1": latest.dt.strftime("%Y-%m-%d"),
            "label": [escape_text(short_label(t)) for t in titles],
            "chars": [len(short_label(t)) for t in titles],
            "hover": _hover_text(ev, titles, _when(ev), articles_df, sentences=sentences),
        }
    )
    return data.loc[data["x0"].notna()].reset_index(drop=True)


def _hover_text(
    ev: pd.DataFrame,
    titles: list[str],
    when: pd.Series,
    articles: pd.DataFrame | None,
    *,
    sentences: bool,
) -> list[str]:
    rows = zip(titles, when, ev["time_text"], strict=True)
    if not sentences:  # one short line under the title; the detail panel has the rest
        return [
            f"{escape_text(title, width=70)}<br>{escape_text(words)}"
            f" (as written: {escape_text(written) or 'publish date'})"
            for title, words, written in rows
        ]
    sources = article_titles(articles)
    return [
        f"<b>{escape_text(title, width=70)}</b><br>"
        f"When: {escape_text(words)}"
        f" (as written: {escape_text(written) or 'no date in the sentence'})<br>"
        f"Who: {escape_text(', '.join(map(str, _as_list(actors)))) or 'no actor found'}<br>"
        f"{escape_text(sentence, width=80)}<br>"
        f"<i>{escape_text(sources.get(str(article), str(article)), width=80)}</i>"
        for (title, words, written), actors, sentence, article in zip(
            rows, ev["actors"], ev["sentence"], ev["article_id"], strict=True
        )
    ]


def fill_open_ends(
    ev: pd.DataFrame,
    earliest: pd.Series,
    latest: pd.Series,
    precision: pd.Series,
    articles: pd.DataFrame | None,
) -> tuple[pd.Series, pd.Series]:
    """Give events without an interval one drawable date: their bound, else the publish date."""
    published = published_dates(articles)
    fallback = ev["article_id"].map(lambda a: published.get(str(a), pd.NaT))
    anchor = earliest.fillna(latest).fillna(pd.to_datetime(fallback))
    single = precision.isin(("before", "after", "unknown"))
    return earliest.where(~single, anchor), latest.where(~single, anchor)
