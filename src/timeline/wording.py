"""Dates in words, at the precision they are known: the one place readers' dates are written.

    date_in_words("2025-W11", "week", date(2025, 3, 10), date(2025, 3, 12))
    -> "week of 10 March 2025"

The chart hover, the story view, the tables and the exports all call
:func:`date_in_words`; none shows a raw TIMEX3 code (``2025-W11``, ``2026-SP``,
``PAST_REF``) to a reader. The words follow the granularity: a day is "18 April 2025",
a week "week of 10 March 2025", a month "April 2025", a quarter "Q3 2025", a season
"spring 2026", a half "second half of 2025", a year "2025", a decade "the 2020s". When
the interval is narrower than its unit ("later this year" resolved from 6 May) the
interval itself is given ("6 May – 31 December 2025"). With one bound only, the
words say so ("before April 2025", "by 18 January 2025", "since March 2025"); with
none, "date unknown".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import pandas as pd

from timeline.temporal.lang.en.lexicon import FULL_MONTHS
from timeline.temporal.lang.en.lexicon import MONTHS as MONTH_NUMBERS

__all__ = ["MONTHS", "date_in_words", "day_in_words", "duration_in_words", "month_in_words"]

#: English month names for display, from the temporal engine's English word table.
MONTHS = tuple(m.capitalize() for m in sorted(FULL_MONTHS, key=MONTH_NUMBERS.__getitem__))
_SEASON_WORDS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_VAGUE_WORDS = {"PAST_REF": "in the past", "PRESENT_REF": "now", "FUTURE_REF": "in the future"}
_CODE = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")


def _date(value: Any) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO string; None for missing."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day_in_words(day: dt.date) -> str:
    """``18 April 2025``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_in_words(day: dt.date) -> str:
    """``April 2025``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


_month = month_in_words


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def _span(first: dt.date, last: dt.date) -> str:
    """An interval in words, each end as precise as it is (whole months as months)."""
    if first.day == 1 and last == _month_end(last):
        if (first.year, first.month) == (last.year, last.month):
            return _month(first)
        if first.year == last.year:
            return f"{MONTHS[first.month - 1]} – {_month(last)}"
        return f"{_month(first)} – {_month(last)}"
    if first.year == last.year:
        if first.month == last.month:
            return f"{first.day}–{last.day} {_month(last)}"
        return f"{first.day} {MONTHS[first.month - 1]} – {day_in_words(last)}"
    return f"{day_in_words(first)} – {day_in_words(last)}"


def _one_bound(earliest: dt.date | None, latest: dt.date | None) -> str:
    if latest is not None:
        after = latest + dt.timedelta(days=1)
        return f"before {_month(after)}" if after.day == 1 else f"by {day_in_words(latest)}"
    assert earliest is not None
    return f"since {_month(earliest)}" if earliest.day == 1 else f"from {day_in_words(earliest)}"


def _period(code: str, year: str) -> str:
    if code.startswith("Q"):
        return f"{code} {year}"
    if code.startswith("H"):
        return f"{'first' if code == 'H1' else 'second'} half of {year}"
    return f"{_SEASON_WORDS[code]} {year}"


def _whole_unit(granularity: str, value: str, first: dt.date, last: dt.date) -> str | None:
    """The words for an interval that is exactly its unit, else None."""
    if granularity in ("day", "time") and first == last:
        return day_in_words(first)
    if granularity == "week" and (last - first).days <= 6:
        return f"week of {day_in_words(first - dt.timedelta(days=first.weekday()))}"
    code = _CODE.match(value)
    if granularity in ("quarter", "half", "season") and code:
        return _period(code[2], code[1])
    if first.day == 1 and last == _month_end(last):
        if granularity == "month" and (first.year, first.month) == (last.year, last.month):
            return _month(first)
        if granularity == "year" and (first.month, last.month) == (1, 12):
            return str(first.year)
        if granularity == "decade" and value[:3].isdigit():
            return f"the {value[:3]}0s"
        if granularity == "century" and value[:2].isdigit():
            return f"the {int(value[:2]) + 1}{_ordinal(int(value[:2]) + 1)} century"
    return None


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def date_in_words(value: Any, granularity: Any, earliest: Any, latest: Any) -> str:
    """When an event happened, in words at its real precision (see the module docstring)."""
    text = "" if value is None or not isinstance(value, str) else value
    return _words(text, str(granularity or "unknown").lower(), _date(earliest), _date(latest))


@functools.lru_cache(maxsize=8192)  # events share dates: 10,000 events, a few hundred dates
def _words(text: str, gran: str, first: dt.date | None, last: dt.date | None) -> str:
    if first is None and last is None:
        return _VAGUE_WORDS.get(text, "date unknown")
    if first is None or last is None:
        return _one_bound(first, last)
    if first == last:
        return day_in_words(first)
    whole = _whole_unit(gran, text, first, last)
    if whole is not None:
        return whole
    if text in _VAGUE_WORDS:
        return f"between {day_in_words(first)} and {day_in_words(last)}"
    return _span(first, last)


_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)([YMWDHS])$")
_DATE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}


def duration_in_words(value: Any, *, every: bool = False) -> str:
    """A TIMEX3 duration in words: ``P20Y`` "20 years", ``PT3H`` "3 hours", ``PXM`` "some
    months"; with ``every`` (a set such as ``P1W``) "every week". Others: "a length of time"."""
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        return "repeatedly" if every else "a length of time"
    unit = (_TIME_UNITS if match[1] else _DATE_UNITS)[match[3]]
    count = match[2]
    if every:
        return f"every {unit}" if count in ("1", "X") else f"every {count} {unit}s"
    if count == "X":
        return f"some {unit}s"
    return f"{count} {unit}" + ("" if count == "1" else "s")
