"""User corrections: a log keyed by event id, replayed on every read."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from timeline.errors import InputError
from timeline.models import (
    Event,
    EventStatus,
    EventType,
    Granularity,
)
from timeline.store.queries import _events_by_id
from timeline.store.rows import _date, _dumps, _iso

#: Event fields a user may correct. ``value`` takes a TIMEX3 date (YYYY, YYYY-MM,
#: YYYY-MM-DD, YYYY-Wnn, YYYY-Qn or PAST_REF/PRESENT_REF/FUTURE_REF) and sets the
#: interval and granularity with it; ``earliest``/``latest`` take ISO dates;
#: ``actors`` a list of names.
CORRECTABLE_FIELDS = (
    "value", "earliest", "latest", "granularity", "type", "actors", "status", "title",
    "location",
)  # fmt: skip
_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIMEX_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_TIMEX_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True, slots=True)
class Correction:
    """One user correction. ``action`` is set|delete|merge; a merge is recorded on the
    dropped event with ``field == "merged_into"`` and the kept id as ``new_value``."""

    id: int
    event_id: str
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    created_seq: int
    undone: bool


def _interval_of(value: str) -> tuple[dt.date | None, dt.date | None, Granularity]:
    if value in _VAGUE:
        return None, None, Granularity.VAGUE
    if week := _TIMEX_WEEK.fullmatch(value):
        year, number = int(week[1]), int(week[2])
        first = dt.date.fromisocalendar(year, number, 1)
        return first, first + dt.timedelta(days=6), Granularity.WEEK
    if quarter := _TIMEX_QUARTER.fullmatch(value):
        year, months = int(quarter[1]), 3 * int(quarter[2])
        last = dt.date(year, months, calendar.monthrange(year, months)[1])
        return dt.date(year, months - 2, 1), last, Granularity.QUARTER
    match = _TIMEX_DATE.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{value!r} is not a TIMEX3 date; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Wnn, YYYY-Qn "
            f"or one of {', '.join(_VAGUE)}"
        )
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not month:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR
    if not day:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH
    return dt.date(year, month, day), dt.date(year, month, day), Granularity.DAY


def _with_field(event: Event, field: str, value: Any) -> Event:
    """``event`` with one corrected field; ValueError/TypeError when the value is not valid."""
    if field == "value":
        earliest, latest, gran = _interval_of(str(value))
        return dataclasses.replace(
            event, value=str(value), earliest=earliest, latest=latest, granularity=gran
        )
    if field in ("earliest", "latest"):
        return dataclasses.replace(event, **{field: _date(value)})
    if field == "granularity":
        return dataclasses.replace(event, granularity=Granularity(value))
    if field == "type":
        kind = EventType(value)
        return dataclasses.replace(event, type=kind, cameo=_cameo_of(kind, event))
    if field == "actors":
        if isinstance(value, str) or not all(isinstance(a, str) for a in value):
            raise TypeError(f"actors must be a list of names, not {value!r}")
        return dataclasses.replace(event, actors=tuple(value))
    if field == "status":
        return dataclasses.replace(event, status=EventStatus(value))
    if field == "title":
        return dataclasses.replace(event, title=str(value))
    if field == "location":
        return dataclasses.replace(event, location=None if value in (None, "") else str(value))
    raise ValueError(f"cannot correct {field!r}; correctable: {', '.join(CORRECTABLE_FIELDS)}")


def _cameo_of(kind: EventType, event: Event) -> str:
    return event.cameo if kind == event.type else _cameo_codes().get(kind.value, "")


@cache
def _cameo_codes() -> dict[str, str]:
    """Event type -> CAMEO code, from the event lexicon that ``timeline.events`` uses."""
    lexicon = resources.files("timeline.data").joinpath("event_lexicon.json")
    return {k: v["cameo"] for k, v in json.loads(lexicon.read_text("utf-8"))["types"].items()}


def _absorb(keep: Event, drop: Event) -> Event:
    """``keep`` with ``drop``'s article and sources added and a differing date kept."""
    sources = tuple(dict.fromkeys((*keep.sources, drop.article_id, *drop.sources)))
    variants = keep.date_variants
    if (drop.value, drop.earliest, drop.latest) != (keep.value, keep.earliest, keep.latest):
        variant = {"value": drop.value, "earliest": _iso(drop.earliest),
                   "latest": _iso(drop.latest), "time_text": drop.time_text,
                   "article_id": drop.article_id, "event_id": drop.id}  # fmt: skip
        variants = (*variants, variant)
    return dataclasses.replace(keep, sources=sources, date_variants=variants)


def _active_corrections(conn: sqlite3.Connection) -> list[Correction]:
    rows = conn.execute("SELECT * FROM corrections WHERE undone = 0 ORDER BY id").fetchall()
    return [_correction_from_row(r) for r in rows]


def _correction_from_row(row: sqlite3.Row) -> Correction:
    load = lambda text: None if text is None else json.loads(text)  # noqa: E731
    return Correction(
        id=row["id"], event_id=row["event_id"], action=row["action"], field=row["field"],
        old_value=load(row["old_value"]), new_value=load(row["new_value"]),
        created_seq=row["created_seq"], undone=bool(row["undone"]),
    )  # fmt: skip


def _apply_corrections(events: Iterable[Event], corrections: Iterable[Correction]) -> list[Event]:
    by_id = {e.id: e for e in events}
    hidden: set[str] = set()
    for c in corrections:
        event = by_id.get(c.event_id)
        if event is None:  # its article is gone or no longer yields it
            continue
        if c.action == "set" and c.field is not None:
            by_id[c.event_id] = _with_field(event, c.field, c.new_value)
        elif c.action == "delete":
            hidden.add(c.event_id)
        elif c.action == "merge" and c.new_value in by_id:
            hidden.add(c.event_id)
            by_id[c.new_value] = _absorb(by_id[c.new_value], event)
    return [e for i, e in by_id.items() if i not in hidden]


def _record(conn: sqlite3.Connection, event_id: str, action: str, field: str | None,
            old: Any, new: Any) -> Correction:  # fmt: skip
    seq = conn.execute("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM corrections").fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO corrections (event_id, action, field, old_value, new_value, created_seq) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (event_id, action, field, _dumps(old), _dumps(new), seq),
    )
    row = conn.execute("SELECT * FROM corrections WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return _correction_from_row(row)


def _visible_event(conn: sqlite3.Connection, event_id: str) -> Event:
    """The event as shown (corrections applied); InputError when deleted or merged away."""
    merges = conn.execute(
        "SELECT event_id, new_value FROM corrections WHERE action = 'merge' AND undone = 0 "
        "AND (event_id = ? OR new_value = ?)",
        (event_id, _dumps(event_id)),
    ).fetchall()
    related = {event_id} | {r[0] for r in merges} | {json.loads(r[1]) for r in merges}
    shown = _apply_corrections(_events_by_id(conn, related), _active_corrections(conn))
    events = {e.id: e for e in shown}
    if event_id not in events:
        raise InputError(f"no event with id {event_id!r} (unknown, deleted or merged away)",
                         field="event_id")  # fmt: skip
    return events[event_id]
