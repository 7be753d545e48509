"""Streamlit glue: the only library module that imports streamlit.

- The store is one cached resource per path (it is the shared system of record and
  safe to share between script threads). Store reads are cached by
  ``(path, data stamp, filters)``, pure functions of their arguments; what one
  session types but has not saved (a paste, a date being inspected) lives only in
  ``st.session_state``, never in a cache.
- Filters are sidebar widgets returning plain values (:class:`EventFilters`), kept in
  sync with ``st.query_params`` so a copied link opens the same view.
- Article text is data: it is shown with ``st.text``/``st.dataframe``, or escaped
  (:func:`escape_markdown`, :func:`highlight_html`) before any markdown or HTML.
- Problems with input are shown in one place, :func:`show_issues`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline.errors import TimelineError
from timeline.frames import (
    agreements_frame,
    articles_frame,
    corrections_frame,
    events_frame,
    issues_frame,
)
from timeline.ingest import load_bytes
from timeline.models import Issue, TimeExpression
from timeline.pipeline import extract_articles
from timeline.store import Store, default_db_path, open_store

__all__ = [
    "DATA_DIR",
    "EDITOR_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "EventFilters",
    "Span",
    "app_store",
    "apply_changes",
    "editor_frame",
    "event_changes",
    "escape_markdown",
    "highlight_html",
    "load_agreements",
    "load_articles",
    "load_corrections",
    "load_events",
    "read_uploads",
    "save_articles",
    "selected_event_ids",
    "show_event_detail",
    "show_issues",
    "sidebar_filters",
    "time_spans",
    "times_frame",
    "url_choice",
    "url_toggle",
]

#: The sample corpus a new store is seeded with ($TIMELINE_DATA overrides).
DATA_DIR = Path(os.environ.get("TIMELINE_DATA", Path(__file__).resolve().parents[2] / "data"))
#: Upload limit enforced in code; .streamlit/config.toml sets server.maxUploadSize = 10 (MB).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
STATUSES = ("happened", "planned", "possible")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


# ---------------------------------------------------------------- store and loaders


@st.cache_resource(show_spinner="Opening the store and reading the sample corpus…")
def _store_at(path: str, data_dir: str) -> Store:
    store = open_store(path)
    store.seed_if_empty(data_dir)
    return store


def app_store() -> Store:
    """The store at ``$TIMELINE_DB`` (or the default path), seeded from ``DATA_DIR``."""
    return _store_at(str(default_db_path()), str(DATA_DIR))


def data_stamp(store: Store) -> tuple[Any, ...]:
    """Changes whenever the store is written (SQLite WAL file and main file stats)."""
    stamp = []
    for path in (store.path, store.path.with_name(store.path.name + "-wal")):
        stat = path.stat() if path.exists() else None
        stamp.append(None if stat is None else (stat.st_mtime_ns, stat.st_size))
    return tuple(stamp)


@dataclasses.dataclass(frozen=True)
class EventFilters:
    """Plain filter values; empty tuples and None mean "no filter"."""

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events``."""
        values = dataclasses.asdict(self)
        return {k: (v or None) if isinstance(v, tuple) else v for k, v in values.items()}


@st.cache_data(max_entries=64, show_spinner=False)
def _events(path: str, stamp: tuple[Any, ...], filters: EventFilters) -> pd.DataFrame:
    return events_frame(_store_at(path, str(DATA_DIR)).events(**filters.store_kwargs()))


@st.cache_data(max_entries=16, show_spinner=False)
def _table(path: str, stamp: tuple[Any, ...], kind: str) -> pd.DataFrame:
    store = _store_at(path, str(DATA_DIR))
    if kind == "articles":
        return articles_frame(store.articles())
    if kind == "agreements":
        return agreements_frame(store.agreements())
    return corrections_frame(store.corrections())


def load_events(store: Store, filters: EventFilters | None = None) -> pd.DataFrame:
    return _events(str(store.path), data_stamp(store), filters or EventFilters())


def load_articles(store: Store) -> pd.DataFrame:
    return _table(str(store.path), data_stamp(store), "articles")


def load_agreements(store: Store) -> pd.DataFrame:
    return _table(str(store.path), data_stamp(store), "agreements")


def load_corrections(store: Store) -> pd.DataFrame:
    return _table(str(store.path), data_stamp(store), "corrections")


# ---------------------------------------------------------------- adding articles


def read_uploads(
    files: Iterable[Any], *, published: dt.date | None
) -> tuple[list[Any], list[Issue]]:
    """Read Streamlit uploads; the size limit is checked again here, names are labels only."""
    articles: list[Any] = []
    issues: list[Issue] = []
    for upload in files:
        label = os.path.basename(str(upload.name)) or "upload"
        if upload.size > MAX_UPLOAD_BYTES:
            message = f"file is {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes"
            issues.append(Issue(source=label, message=message, field="size"))
            continue
        found, problems = load_bytes(
            label, upload.getvalue(), published=published, max_bytes=MAX_UPLOAD_BYTES
        )
        articles.extend(found)
        issues.extend(problems)
    return articles, issues


def save_articles(store: Store, articles: Sequence[Any]) -> list[Issue]:
    """Extract ``articles`` and store them; returns the extraction's issues."""
    if not articles:
        return []
    extraction = extract_articles(list(articles))
    store.save_extraction(extraction)
    return list(extraction.issues)


# ---------------------------------------------------------------- showing things safely


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


def time_spans(times: Iterable[TimeExpression]) -> list[Span]:
    """Highlight spans for tagged time expressions, the tooltip giving the resolution."""
    return [
        Span(t.start, t.end, f"{t.value} · {t.granularity} · {t.rule} · anchor: {t.anchor}")
        for t in times
    ]


def times_frame(times: Iterable[TimeExpression]) -> pd.DataFrame:
    """One row per time expression: what was written and how it was resolved."""
    columns = ["text", "type", "value", "mod", "earliest", "latest", "granularity", "rule",
               "anchor"]  # fmt: skip
    rows = [{c: v for c, v in t.to_dict().items() if c in columns} for t in times]
    return pd.DataFrame(rows, columns=columns)


def show_event_detail(store: Store, event: pd.Series) -> None:
    """The event's sentence with its time expression highlighted, how it was dated, who."""
    st.markdown(
        f"**{escape_markdown(event['title'])}** · {escape_markdown(event['type'])}"
        f" · {escape_markdown(event['status'])}"
    )
    sentence = str(event["sentence"] or "")
    written = event["time_text"] if isinstance(event["time_text"], str) else ""
    start = sentence.find(written) if written else -1
    spans = [Span(start, start + len(written), str(event["value"]))] if start >= 0 else []
    st.html(highlight_html(sentence, spans))
    rule = next(
        (t.rule for t in store.times(event["article_id"]) if t.text == written), "(no rule)"
    )
    trail = pd.DataFrame(
        [{"expression": written or "(none: dated by the publish date)", "rule": rule,
          "value": event["value"], "earliest": event["earliest"], "latest": event["latest"],
          "granularity": event["granularity"], "anchor": event["anchor"]}]
    )  # fmt: skip
    st.dataframe(trail, hide_index=True, width="stretch")
    st.text(f"Actors: {', '.join(event['actors']) or '(none found)'}")
    st.text(f"Sources: {', '.join(event['sources'])}")


def show_issues(issues: Sequence[Issue], *, key: str = "issues") -> None:
    """Summary with counts, an expander listing every issue, rejected rows to download."""
    if not issues:
        return
    frame = issues_frame(issues)
    rejected = frame[frame["severity"] == "error"]
    warnings = len(frame) - len(rejected)
    st.warning(f"{len(rejected)} record(s) rejected, {warnings} warning(s).")
    with st.expander(f"Show all {len(frame)} issue(s)"):
        st.dataframe(frame, hide_index=True, width="stretch")
        if not rejected.empty:
            st.download_button(
                "Download the rejected rows (CSV)",
                rejected.to_csv(index=False),
                file_name="rejected.csv",
                mime="text/csv",
                key=f"{key}_download",
            )


# ---------------------------------------------------------------- filters and the URL


def _restore(key: str, param: str, options: Sequence[str]) -> None:
    """Seed a multiselect's state from the URL once per session."""
    if key not in st.session_state:
        st.session_state[key] = [v for v in st.query_params.get_all(param) if v in options]


def _publish(param: str, values: Sequence[str] | str | None) -> None:
    if values:
        st.query_params[param] = list(values) if not isinstance(values, str) else values
    elif param in st.query_params:
        del st.query_params[param]


def url_choice(label: str, options: Sequence[str], *, key: str, param: str) -> str:
    """A sidebar radio whose choice is kept in the URL as ``param``."""
    if key not in st.session_state:
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in options else options[0]
    choice = st.sidebar.radio(label, options, key=key, horizontal=True)
    _publish(param, choice)
    return str(choice)


def url_toggle(label: str, *, key: str, param: str) -> bool:
    """A sidebar toggle kept in the URL as ``param=1`` when on."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param) == "1"
    on = bool(st.sidebar.toggle(label, key=key))
    _publish(param, "1" if on else None)
    return on


def _options(frame: pd.DataFrame, column: str) -> list[str]:
    if frame.empty or column not in frame.columns:
        return []
    values = frame[column].explode() if column == "actors" else frame[column]
    return sorted({str(v) for v in values.dropna() if str(v)})


def _date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    dates = pd.concat([events["earliest"], events["latest"]]).dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def _date_filter(events: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    bounds = _date_bounds(events)
    if bounds is None:
        return None, None
    if "f_dates" not in st.session_state:
        lo, hi = (_parse_date(st.query_params.get(p)) for p in ("from", "to"))
        st.session_state["f_dates"] = (lo or bounds[0], hi or bounds[1])
    chosen = st.sidebar.date_input(
        "Date range", min_value=bounds[0], max_value=bounds[1], key="f_dates"
    )
    start, end = (tuple(chosen) + (None, None))[:2] if isinstance(chosen, tuple) else (chosen, None)
    start = None if start == bounds[0] else start
    end = None if end in (bounds[1], None) else end
    _publish("from", start.isoformat() if start else None)
    _publish("to", end.isoformat() if end else None)
    return start, end


def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def sidebar_filters(
    events: pd.DataFrame, articles: pd.DataFrame, agreements: pd.DataFrame
) -> EventFilters:
    """Sidebar filter widgets (options from the unfiltered frames) -> EventFilters."""
    st.sidebar.header("Filters")
    start, end = _date_filter(events)
    titles = dict(zip(articles["id"], articles["title"].fillna(articles["id"]), strict=True))
    chosen: dict[str, list[str]] = {}
    specs = [
        ("actors", "Actors", "actor", _options(events, "actors")),
        ("types", "Event types", "type", _options(events, "type")),
        ("areas", "Agreement areas", "area", _options(agreements, "area")),
        ("article_ids", "Articles", "article", list(articles["id"])),
        ("statuses", "Status", "status", list(STATUSES)),
    ]
    for name, label, param, options in specs:
        key = f"f_{name}"
        _restore(key, param, options)
        chosen[name] = st.sidebar.multiselect(
            label, options, key=key, format_func=lambda v: str(titles.get(v, v))
        )
        _publish(param, chosen[name])
    return EventFilters(start=start, end=end, **{k: tuple(v) for k, v in chosen.items()})


# ---------------------------------------------------------------- event corrections

EDITABLE = {"type": "type", "value": "value", "actors_text": "actors", "status": "status"}
EDITOR_COLUMNS = ["id", "title", "type", "value", "time_text", "actors_text", "status",
                  "sentence", "delete"]  # fmt: skip


def editor_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The event table the Events page edits: editable columns plus a delete tick."""
    table = events.assign(delete=False)[EDITOR_COLUMNS].copy()
    table["value"] = table["value"].fillna("")
    return table.reset_index(drop=True)


def event_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, str, Any]]:
    """(event_id, field, new value) for every edited cell; field "delete" for ticked rows."""
    changes: list[tuple[str, str, Any]] = []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        for column, field in EDITABLE.items():
            if str(old[column] or "") != str(new[column] or ""):
                value: Any = str(new[column] or "").strip()
                if field == "actors":
                    value = [a.strip() for a in value.split(";") if a.strip()]
                changes.append((str(old["id"]), field, value))
        if bool(new["delete"]):
            changes.append((str(old["id"]), "delete", True))
    return changes


def apply_changes(store: Store, changes: Sequence[tuple[str, str, Any]]) -> list[str]:
    """Store each change as a correction; returns a message for each one refused."""
    refused: list[str] = []
    for event_id, field, value in changes:
        try:
            if field == "delete":
                store.delete_event(event_id)
            else:
                store.correct_event(event_id, field, value)
        except TimelineError as exc:
            refused.append(str(exc))
    return refused


def selected_event_ids(selection: Any) -> list[str]:
    """Event ids from the value ``st.plotly_chart(..., on_select="rerun")`` returns."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return []
    ids = [p.get("customdata") for p in points]
    found = [i for i in ids if isinstance(i, str) and i and not i.startswith("article:")]
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- downloads


def download_buttons(
    key: str,
    *,
    figure: Any = None,
    events: pd.DataFrame | None = None,
    agreements: pd.DataFrame | None = None,
    name: str = "timeline",
) -> None:
    """Downloads of the current view: data files at once, a chart file on demand.

    Data (events: CSV, JSON, TimelineJS, ICS; agreements: CSV, JSON) is produced
    when its button is clicked. A chart format is prepared by a button (an image
    needs the browser) and then offered; a failure is shown as an error message.
    """
    from timeline import export

    makers: dict[str, Any] = {}
    if events is not None:
        stamp = dt.datetime.now(dt.UTC)
        for fmt in export.DATA_FORMATS:
            makers[fmt] = lambda f=fmt: export.export_events(events, f, title=name, stamp=stamp)
    if agreements is not None:
        for fmt in ("csv", "json"):
            makers[fmt] = lambda f=fmt: export.export_agreements(agreements, f)
    with st.expander("Download this view"):
        for column, (fmt, make) in zip(st.columns(len(makers) or 1), makers.items(), strict=False):
            column.download_button(
                "TimelineJS" if fmt == "timelinejs" else fmt.upper(),
                data=lambda make=make: make().content,
                file_name=f"{name}{export.SUFFIXES.get(fmt, '.' + fmt)}",
                mime=export.MEDIA_TYPES[fmt], key=f"{key}_{fmt}", on_click="ignore",
            )  # fmt: skip
        if figure is not None:
            _chart_download(key, figure, events, name)


def _chart_download(key: str, figure: Any, events: pd.DataFrame | None, name: str) -> None:
    from timeline import export

    fmt = st.radio("Chart as", export.FIGURE_FORMATS, key=f"{key}_chart_format", horizontal=True)
    slot = f"{key}_chart_file"
    if st.button(f"Prepare the {fmt.upper()}", key=f"{key}_prepare"):
        st.session_state.pop(slot, None)
        try:
            produced = export.export_figure(figure, fmt, events=events)
            st.session_state[slot] = (fmt, figure.to_json(), produced)
        except TimelineError as exc:
            st.error(f"Could not export the chart: {escape_markdown(exc)}")
    ready = st.session_state.get(slot)
    # Offered only while the chart and format it was made from are still on screen.
    if ready is not None and ready[0] == fmt and ready[1] == figure.to_json():
        st.download_button(
            f"Download the {fmt.upper()}", ready[2].content, file_name=f"{name}.{fmt}",
            mime=ready[2].media_type, key=f"{key}_chart_download", on_click="ignore",
        )  # fmt: skip
