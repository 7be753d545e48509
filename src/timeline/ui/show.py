"""Showing article text safely: escaped markdown, highlighted HTML, event details,
the issue list, and the events a chart selection picked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from timeline.export import table_csv
from timeline.frames import (
    issues_frame,
)
from timeline.models import Issue, TimeExpression
from timeline.store import Store
from timeline.wording import date_in_words, duration_in_words

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")


def escape_markdown(text: object) -> str:
    """``text`` made inert for st.markdown: markdown and HTML characters backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if text is None else str(text)).replace("\n", " ")


@dataclasses.dataclass(frozen=True)
class Span:
    """A highlighted stretch ``text[start:end]`` with a tooltip."""

    start: int
    end: int
    tooltip: str = ""


def highlight_html(text: str, spans: Iterable[Span]) -> str:
    """``text`` as escaped HTML with each span wrapped in <mark title=...>; overlaps dropped."""
    out: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < position or span.end <= span.start or span.end > len(text):
            continue
        out.append(html.escape(text[position : span.start]))
        tip = html.escape(span.tooltip, quote=True)
        out.append(f'<mark title="{tip}">{html.escape(text[span.start : span.end])}</mark>')
        position = span.end
    out.append(html.escape(text[position:]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="line-height:1.8;white-space:normal">{body}</div>'


def _words(t: TimeExpression) -> str:
    if str(t.type) in ("DURATION", "SET"):
        return duration_in_words(t.value, every=str(t.type) == "SET")
    return date_in_words(t.value, t.granularity, t.earliest, t.latest)


def time_spans(times: Iterable[TimeExpression]) -> list[Span]:
    """Highlight spans for tagged time expressions, the tooltip giving the resolution."""
    return [Span(t.start, t.end, f"{_words(t)} · rule: {t.rule}") for t in times]


def times_frame(times: Iterable[TimeExpression]) -> pd.DataFrame:
    """One row per time expression: what was written, what it means, how it was resolved."""
    columns = ["text", "type", "value", "mod", "earliest", "latest", "granularity", "rule",
               "anchor"]  # fmt: skip
    rows = [
        {"means": _words(t), **{c: v for c, v in t.to_dict().items() if c in columns}}
        for t in times
    ]
    frame = pd.DataFrame(rows, columns=["text", "means", *columns[1:]])
    return frame.astype(object).where(frame.notna(), "")


def show_event_detail(store: Store, event: pd.Series, articles: pd.DataFrame) -> None:
    """The event in plain words: title, when, the sentence with its time expression
    highlighted, how it was dated, who, and the source articles by title."""
    status = "" if event["status"] == "happened" else f" ({escape_markdown(event['status'])})"
    st.markdown(f"**{escape_markdown(event['title'])}**{status}")
    st.markdown(f"**When:** {escape_markdown(event['when'])}")
    sentence = str(event["sentence"] or "")
    written = event["time_text"] if isinstance(event["time_text"], str) else ""
    start = sentence.find(written) if written else -1
    spans = [Span(start, start + len(written), str(event["when"]))] if start >= 0 else []
    st.html(highlight_html(sentence, spans))
    rule = next((t.rule for t in store.times(event["article_id"]) if t.text == written), None)
    how = (
        f"Dated by “{written}”" + (f" ({rule})" if rule else "")
        if written
        else "No date in the sentence: dated by the article's publish date"
    )
    st.caption(how)
    st.text(f"Who: {', '.join(event['actors']) or 'no actor found'}")
    titles = dict(zip(articles["id"], articles["title"], strict=True))
    urls = dict(zip(articles["id"], articles["url"], strict=True))
    for source in event["sources"]:
        url = urls.get(source)
        label = escape_markdown(titles.get(source) or "an untitled article")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            st.markdown(f"Source: [{label}]({url.replace(')', '%29').replace(' ', '%20')})")
        else:
            st.markdown(f"Source: {label}")


def issues_table(issues: Sequence[Issue]) -> pd.DataFrame:
    """The issues as a reader's table: empty cells empty."""
    return issues_frame(issues).fillna("")


def show_issues(issues: Sequence[Issue], *, key: str = "issues") -> None:
    """Summary with counts, an expander listing every issue, rejected rows to download."""
    if not issues:
        return
    frame = issues_frame(issues)
    rejected = _rejected(frame)
    warnings = len(frame) - len(rejected)
    st.warning(f"{len(rejected)} record(s) rejected, {warnings} warning(s).")
    with st.expander(f"Show all {len(frame)} issue(s)"):
        st.dataframe(frame.fillna(""), hide_index=True, width="stretch")
        if not rejected.empty:
            st.download_button(
                "Download the rejected rows (CSV)",
                rejected_csv(issues),
                file_name="rejected.csv",
                mime="text/csv",
                key=f"{key}_download",
            )


def _rejected(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["severity"] == "error"]


def rejected_csv(issues: Sequence[Issue]) -> str:
    """The rejected records (error issues) as CSV, formula cells neutralised as in every
    CSV the project writes (:func:`timeline.export.table_csv`)."""
    return table_csv(_rejected(issues_frame(issues))).text


def selected_event_ids(selection: Any) -> list[str]:
    """Event ids from the value ``st.plotly_chart(..., on_select="rerun")`` returns."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return []
    ids = [p.get("customdata") for p in points]
    found = [i for i in ids if isinstance(i, str) and i and not i.startswith("article:")]
    return list(dict.fromkeys(found))


def selected_box(selection: Any) -> tuple[dt.date, dt.date] | None:
    """The days a box dragged on a date axis spans (the last box), from the value
    ``st.plotly_chart(..., on_select="rerun")`` returns; None without one."""
    try:
        box = selection["selection"]["box"][-1]
        first, last = sorted(dt.date.fromisoformat(str(x)[:10]) for x in box["x"][:2])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return first, last


def show_area_evidence(rows: pd.DataFrame) -> None:
    """One agreement's area: its provisions and the sentences that name it (as text)."""
    first = rows.iloc[0]
    st.markdown(f"**{escape_markdown(first['agreement'])}** · {escape_markdown(first['area'])}")
    provisions = sorted(rows["provision"].dropna().unique())
    st.text("Provisions: " + ("; ".join(provisions) if provisions else "none named"))
    for sentence in sorted(set("\n".join(rows["evidence"].dropna()).split("\n")) - {""}):
        st.text(sentence)


def selected_cells(selection: Any) -> list[str]:
    """The ``customdata`` of the points a chart selection picked, in order, once each."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return []
    found = [p.get("customdata") for p in points]
    return list(dict.fromkeys(c for c in found if isinstance(c, str) and c))
