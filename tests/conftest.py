"""Shared test fixtures: the TIMEX3 well-formedness check used by the temporal suites."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest

# TIMEX3 value grammar (TimeML 1.2.1 / TempEval-3). ASCII digits only: a value built
# from Arabic-Indic or full-width digits is not a TIMEX3 value.
_D = "[0-9]"
_YEAR = rf"(?:{_D}{{4}}|XXXX)"
_TIME = rf"T(?:MO|AF|EV|NI|DT|{_D}{{2}}(?::{_D}{{2}}(?::{_D}{{2}}(?:\.{_D}+)?)?)?)"
_CALENDAR = (
    rf"{_YEAR}(?:-(?:{_D}{{2}}|XX)(?:-(?:{_D}{{2}}|XX))?)?"  # 2025, 2025-04, 2025-04-21
    rf"|{_YEAR}-W(?:{_D}{{2}}|XX)(?:-(?:[1-7]|WE))?"  # 2025-W17, XXXX-WXX-5
    rf"|{_YEAR}-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)"  # quarters, halves, seasons
)
_NUM = rf"(?:{_D}+(?:\.{_D}+)?|X)"
DURATION_RE = re.compile(
    rf"P(?:(?:{_NUM}(?:ML|CE|DE|Y|Q|M|W|D))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
)
DATE_RE = re.compile(rf"(?:{_CALENDAR})(?:{_TIME})?|{_D}{{2,3}}|PRESENT_REF|PAST_REF|FUTURE_REF")
SET_RE = re.compile(rf"{DURATION_RE.pattern}|(?:{_CALENDAR})(?:{_TIME})?|{_TIME}")
VALUE_RE = {"DATE": DATE_RE, "TIME": DATE_RE, "DURATION": DURATION_RE, "SET": SET_RE}
MODS = {None, "START", "MID", "END", "APPROX", "BEFORE", "AFTER"}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def calendar_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a fully specified day/week/month/quarter/year value covers.

    Raises ValueError for a value naming a day, week or month that does not exist.
    """
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?", value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", value):
        first = dt.date(int(m[1]), int(m[2]), 1)
        return first, _last_day(first.year, first.month)
    if m := re.fullmatch(r"([0-9]{4})-W([0-9]{2})", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"([0-9]{4})-Q([1-4])", value):
        year, last = int(m[1]), 3 * int(m[2])
        return dt.date(year, last - 2, 1), _last_day(year, last)
    if m := re.fullmatch(r"([0-9]{4})", value):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    return None


def check_expressions(source: str, found: Sequence[Any]) -> None:
    """Assert what every tag() result must satisfy, whatever the input."""
    from timeline import Granularity, TimeExpression, TimexType

    assert isinstance(found, list), f"tag() returned {type(found).__name__}, not list"
    previous_end = 0
    for expr in found:
        assert isinstance(expr, TimeExpression), expr
        where = f"{expr!r} in {source[max(0, expr.start - 40) : expr.end + 40]!r}"
        assert 0 <= expr.start < expr.end <= len(source), where
        assert expr.start >= previous_end, f"overlaps or out of order: {where}"
        previous_end = expr.end
        assert source[expr.start : expr.end] == expr.text, where
        assert expr.text == expr.text.strip(), f"span has surrounding space: {where}"
        assert isinstance(expr.type, TimexType), where
        assert VALUE_RE[expr.type.value].fullmatch(expr.value), f"bad TIMEX3 value: {where}"
        assert expr.mod in MODS, where
        assert isinstance(expr.granularity, Granularity), where
        assert isinstance(expr.rule, str), where
        assert expr.rule.strip(), f"no rule: {where}"
        _check_interval(expr, where)


def _check_interval(expr: Any, where: str) -> None:
    earliest, latest = expr.earliest, expr.latest
    for bound in (earliest, latest):
        assert bound is None or type(bound) is dt.date, f"bound is not a date: {where}"
    if expr.type.value in {"DURATION", "SET"} or expr.value.endswith("_REF"):
        assert (earliest, latest) == (None, None), f"interval on a non-date: {where}"
    if earliest is not None and latest is not None:
        assert earliest <= latest, where
    try:
        cover = calendar_interval(expr.value)
    except ValueError as exc:
        raise AssertionError(f"value names a day that does not exist: {where}") from exc
    if cover and expr.type.value == "DATE" and earliest is not None and latest is not None:
        assert cover[0] <= earliest, f"interval starts before the value: {where}"
        assert latest <= cover[1], f"interval ends after the value: {where}"


@pytest.fixture(scope="session")
def well_formed() -> Callable[[str, Sequence[Any]], None]:
    """``well_formed(source, tag(source, dct=...))`` asserts every general invariant."""
    return check_expressions


@pytest.fixture(scope="session")
def timex_grammar() -> dict[str, re.Pattern[str]]:
    """The TIMEX3 value grammar by ``type``: DATE, TIME, DURATION, SET."""
    return VALUE_RE
