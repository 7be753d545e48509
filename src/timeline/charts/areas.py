"""Agreement areas: agreement -> area -> provision as a sunburst, and areas counted
across agreements or articles as bars; evidence sentences in the hover."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from timeline.charts.common import OKABE_ITO, ROOT_GREY, empty_figure, escape_text, present

__all__ = ["area_bar_figure", "area_matrix_figure", "area_sunburst_figure"]


def _area_rows(agreements_df: pd.DataFrame) -> pd.DataFrame:
    df = agreements_df.copy()
    for col in ("agreement_id", "agreement", "area", "provision", "evidence"):
        if col not in df.columns:
            df[col] = None
    df = df.loc[df["area"].map(present).astype(bool)]
    df["agreement_id"] = df["agreement_id"].astype(str)
    df["agreement"] = df["agreement"].map(lambda v: str(v) if present(v) else "(unnamed)")
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
            for provision in sorted({str(p) for p in area_rows["provision"] if present(p)}):
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
    names = sorted({str(a) for a in areas if present(a)})
    return {name: OKABE_ITO[n % len(OKABE_ITO)] for n, name in enumerate(names)}


def _evidence_text(evidence: pd.Series) -> str:
    sentences = sorted({str(e) for e in evidence if present(e)})
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


def area_matrix_figure(agreements_df: pd.DataFrame) -> go.Figure:
    """Agreements (rows) x areas (columns): a dot where an agreement covers an area.

    A dot's size grows with the provisions found for the area; its hover lists them and
    the evidence sentences (escaped). ``customdata`` is ``agreement_id|area``, so a
    selection names the cell. Areas are ordered by how many agreements cover them.
    """
    df = _area_rows(agreements_df)
    if df.empty:
        return empty_figure("No agreement areas found. Add an article that reports an agreement.")
    areas = df.groupby("area")["agreement_id"].nunique().sort_values(ascending=False)
    names = df.drop_duplicates("agreement_id").set_index("agreement_id")["agreement"]
    palette = _area_palette(areas.index)
    labels = _labels(names)
    x, y, size, hover, custom, colours = [], [], [], [], [], []
    for (agreement_id, area), rows in df.groupby(["agreement_id", "area"], sort=True):
        provisions = sorted({str(p) for p in rows["provision"] if present(p)})
        x.append(escape_text(area))
        y.append(escape_text(labels[str(agreement_id)]))
        size.append(12 + 5 * min(len(provisions), 4))
        colours.append(palette.get(str(area), ROOT_GREY))
        custom.append(f"{agreement_id}|{area}")
        listed = "<br>".join(f"• {escape_text(p, width=70)}" for p in provisions[:6])
        hover.append(
            f"<b>{escape_text(names[agreement_id])}</b> · {escape_text(area)}<br>"
            + (f"Provisions:<br>{listed}<br>" if listed else "No provision named<br>")
            + f"<i>{_evidence_text(rows['evidence'])}</i>"
        )
    fig = go.Figure(
        go.Scatter(
            x=x, y=y, mode="markers", marker={"size": size, "color": colours, "line": {"width": 0}},
            customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )  # fmt: skip
    fig.update_layout(
        template="plotly_white",
        height=min(700, 170 + 48 * len(names)),
        margin={"l": 10, "r": 30, "t": 130, "b": 10},
        clickmode="event+select",
        dragmode=False,
    )
    order = [escape_text(a) for a in areas.index]
    fig.update_xaxes(title_text="Area", side="top", categoryorder="array", categoryarray=order,
                     tickangle=-30)  # fmt: skip
    fig.update_yaxes(title_text="Agreement", range=[len(names) - 0.5, -0.5])
    return fig


def _labels(names: pd.Series) -> dict[str, str]:
    """Each agreement's name, cut to fit the axis; a repeated name gets a number."""
    seen: dict[str, list[str]] = {}
    for agreement_id, name in names.items():
        seen.setdefault(str(name), []).append(str(agreement_id))
    labels = {}
    for name, ids in seen.items():
        short = name if len(name) <= 40 else name[:39] + "…"
        for n, agreement_id in enumerate(ids, 1):
            labels[agreement_id] = short if len(ids) == 1 else f"{short} ({n})"
    return labels
