"""Event data as files: CSV, JSON, TimelineJS JSON and iCalendar (ICS).

Input is an events frame (``frames.events_frame``). Nothing here invents a date:

- CSV and JSON carry every event, dated or not (``earliest``/``latest`` empty or null).
- TimelineJS and ICS need an interval: events whose ``earliest`` or ``latest`` is
  unknown (``PAST_REF``, an open "since 2020") are left out and counted in
  :attr:`DataExport.skipped`. A TimelineJS date carries only the parts the value
  knows (a month-precision event has a year and a month, never a day) and its
  ``display_date`` says the date in words ("Q3 2025", "week of 10 March 2025").
- ICS: an event known to the day or the week is all-day from ``earliest`` to
  ``latest`` (DTEND is exclusive, so the day after). An event known only to the
  month, quarter, season, half, year or coarser is *one* all-day entry on the first
  day of its period, and its summary names the period ("Putin to visit Iran
  (sometime in 2025)"): a calendar shows it once, not as a banner across months
  that would read as a duration. ``X-NEWS-TIMELINE-PERIOD`` carries the period's
  first and last day.

CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab
or a carriage return) get a leading single quote (OWASP's CSV-injection advice).
TimelineJS renders headline and text as HTML, so both are escaped there (with
:func:`timeline.charts.escape_text`, the library's one escaping function).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from typing import Any

import icalendar
import pandas as pd

from timeline.charts.common import escape_text
from timeline.errors import ExportError
from timeline.frames import flatten
from timeline.wording import date_in_words

__all__ = [
    "FORMULA_PREFIXES",
    "DataExport",
    "events_csv",
    "events_ics",
    "events_json",
    "events_timelinejs",
    "neutralise_formula",
    "table_csv",
    "table_json",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PRODID = "-//News Timeline//timeline export//EN"
DAY_GRANULARITIES = {"time", "day", "week"}  # interval ends are exact days
MONTH_GRANULARITIES = {"month", "quarter", "season", "half"}
YEAR_GRANULARITIES = {"year", "decade", "century"}


@dataclasses.dataclass(frozen=True)
class DataExport:
    """A produced file: its text and how many events were left out for want of a date."""

    text: str
    skipped: int = 0


# ---------------------------------------------------------------- CSV and JSON


def neutralise_formula(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined, dates as ISO days: what a CSV cell holds."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d").astype(object)
    return flatten(out)


def table_csv(frame: pd.DataFrame) -> DataExport:
    """Any frame as CSV with formula cells neutralised."""
    safe = _plain_table(frame).astype(object).map(neutralise_formula)
    return DataExport(safe.to_csv(index=False, lineterminator="\n"))


def events_csv(events: pd.DataFrame) -> DataExport:
    """The events table as CSV (actors and sources joined with ``"; "``)."""
    return table_csv(events)


def _json_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _json_value(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def table_json(frame: pd.DataFrame, *, key: str) -> DataExport:
    """``{key: [records]}`` with ISO dates, lists kept as lists and nulls for missing."""
    payload = {key: _records(frame)}
    return DataExport(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def events_json(events: pd.DataFrame) -> DataExport:
    """``{"events": [...]}``, the same shape as ``timeline extract``'s events."""
    return table_json(events, key="events")


# ---------------------------------------------------------------- dated events


def _dated(events: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows with both interval ends known, and how many were left out."""
    known = events["earliest"].notna() & events["latest"].notna()
    return events.loc[known], int((~known).sum())


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def _known_parts(granularity: str, earliest: dt.date, latest: dt.date) -> tuple[str, ...]:
    """Which date parts the interval really knows: day, month or only the year."""
    if granularity in DAY_GRANULARITIES:
        return ("year", "month", "day")
    whole_months = earliest.day == 1 and latest == _month_end(latest)
    whole_years = whole_months and earliest.month == 1 and latest.month == 12
    if granularity in YEAR_GRANULARITIES or whole_years:
        return ("year",)
    if granularity in MONTH_GRANULARITIES or whole_months:
        return ("year", "month")
    return ("year", "month", "day")


def _date_object(day: dt.date, parts: tuple[str, ...]) -> dict[str, int]:
    return {part: getattr(day, part) for part in parts}


def _titles(articles: pd.DataFrame | None) -> dict[str, str]:
    """Article id -> title (the id only when the article has no title)."""
    if articles is None or articles.empty:
        return {}
    return {
        str(i): str(t) if isinstance(t, str) and t else str(i)
        for i, t in zip(articles["id"], articles["title"], strict=True)
    }


def _when(row: dict[str, Any]) -> str:
    when = row.get("when")
    if isinstance(when, str) and when:
        return when
    return date_in_words(row["value"], row["granularity"], row["earliest"], row["latest"])


def _timelinejs_event(row: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    earliest, latest = row["earliest"].date(), row["latest"].date()
    parts = _known_parts(str(row["granularity"]), earliest, latest)
    start, end = _date_object(earliest, parts), _date_object(latest, parts)
    written = row["time_text"] if isinstance(row["time_text"], str) else "the publish date"
    source = titles.get(str(row["article_id"]), str(row["article_id"]))
    text = (
        f"<p>{escape_text(str(row['sentence'] or ''))}</p>"
        f"<p><small>When: {escape_text(_when(row))} (as written: {escape_text(written)});"
        f" {escape_text(str(row['status']))}. Source: {escape_text(source)}</small></p>"
    )
    event: dict[str, Any] = {
        "unique_id": str(row["id"]),
        "display_date": escape_text(_when(row)),
        "start_date": start,
        "text": {"headline": escape_text(str(row["title"] or "")), "text": text},
        "group": escape_text(str(row["type"])),
    }
    if end != start:
        event["end_date"] = end
    return event


def events_timelinejs(
    events: pd.DataFrame, *, title: str, articles: pd.DataFrame | None = None
) -> DataExport:
    """TimelineJS JSON (``title`` slide and ``events``); undated events are skipped.

    ``articles`` (``articles_frame``) names each event's source by its title.
    """
    dated, skipped = _dated(events)
    titles = _titles(articles)
    payload = {
        "title": {"text": {"headline": escape_text(title), "text": ""}},
        "events": [_timelinejs_event(row, titles) for row in dated.to_dict("records")],
    }
    return DataExport(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", skipped)


def _vevent(row: dict[str, Any], stamp: dt.datetime, titles: dict[str, str]) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{row['id']}@news-timeline")
    event.add("dtstamp", stamp)
    earliest, latest = row["earliest"].date(), row["latest"].date()
    title = str(row["title"] or "")
    event.add("dtstart", earliest)
    if str(row["granularity"]) in DAY_GRANULARITIES or earliest == latest:
        event.add("dtend", latest + dt.timedelta(days=1))
        event.add("summary", title)
    else:  # one entry for "sometime in" a period, never a banner across it
        event.add("dtend", earliest + dt.timedelta(days=1))
        event.add("summary", f"{title} (sometime in {_when(row)})")
        event.add("x-news-timeline-period", f"{earliest.isoformat()}/{latest.isoformat()}")
    written = row["time_text"] if isinstance(row["time_text"], str) else "the publish date"
    source = titles.get(str(row["article_id"]), str(row["article_id"]))
    event.add(
        "description",
        f"{row['sentence']}\n\nWhen: {_when(row)} (as written: {written}); {row['status']}."
        f"\nSource: {source}",
    )
    event.add("categories", [str(row["type"])])
    if isinstance(row["location"], str) and row["location"]:
        event.add("location", row["location"])
    return event


def events_ics(
    events: pd.DataFrame,
    *,
    stamp: dt.datetime,
    name: str,
    articles: pd.DataFrame | None = None,
) -> DataExport:
    """An iCalendar file, one all-day VEVENT per dated event (see the module docstring).

    ``stamp`` (tz-aware) is every event's DTSTAMP, the time the file was made; the
    caller passes it so the output is reproducible.
    """
    if stamp.tzinfo is None:
        raise ExportError(f"stamp={stamp!r} must be timezone-aware (DTSTAMP is UTC)")
    dated, skipped = _dated(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    titles = _titles(articles)
    for row in dated.to_dict("records"):
        calendar.add_component(_vevent(row, stamp.astimezone(dt.UTC), titles))
    return DataExport(calendar.to_ical().decode("utf-8"), skipped)
