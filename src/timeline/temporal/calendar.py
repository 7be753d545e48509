"""Calendar values at a granularity: TIMEX3 formatting, intervals and shifting.

A :class:`When` is a granularity plus the first day of the period it names (a week
starts on its ISO Monday, a winter on December 1, a decade on January 1 of its first
year), optionally with a part of day or clock time. Everything else — the TIMEX3
value, the interval ``[earliest, latest]``, moving by N units — is derived from that.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, replace

from timeline.models import Granularity

__all__ = ["SEASONS", "Unresolvable", "When", "add_months", "make_date", "season_of", "when_of"]

G = Granularity

# Meteorological, northern hemisphere: code -> first month. Winter spans the year end.
SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_BY_MONTH = {1: "WI", 2: "WI", 12: "WI"} | {m: "SP" for m in (3, 4, 5)}
_SEASON_BY_MONTH |= {m: "SU" for m in (6, 7, 8)} | {m: "FA" for m in (9, 10, 11)}

MIN_YEAR, MAX_YEAR = 1, 9998


class Unresolvable(ValueError):
    """Words that name no calendar time: a 31st of February, a year before 1 or after
    9998. The one failure a rule may raise; the tagger then drops the expression."""


def make_date(year: int, month: int, day: int) -> dt.date:
    """``dt.date(year, month, day)``, raising :class:`Unresolvable` for no such day."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Unresolvable(f"year {year} out of range")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise Unresolvable(f"no such day: {year}-{month}-{day}") from exc


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Unresolvable(f"year {year} out of range")
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def season_of(day: dt.date) -> tuple[int, str]:
    """The (year, code) of the season ``day`` falls in; January belongs to last year's winter."""
    code = _SEASON_BY_MONTH[day.month]
    year = day.year - 1 if day.month in (1, 2) else day.year
    return year, code


def _floor(day: dt.date, gran: Granularity) -> dt.date:
    """First day of the period of granularity ``gran`` that contains ``day``."""
    if gran in (G.DAY, G.TIME):
        return day
    if gran is G.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if gran is G.MONTH:
        return day.replace(day=1)
    if gran is G.QUARTER:
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if gran is G.HALF:
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    if gran is G.SEASON:
        year, code = season_of(day)
        return dt.date(year, SEASONS[code], 1)
    if gran is G.YEAR:
        return dt.date(day.year, 1, 1)
    if gran is G.DECADE:
        return dt.date(max(day.year // 10 * 10, 1), 1, 1)
    if gran is G.CENTURY:
        return dt.date(max(day.year // 100 * 100, 1), 1, 1)
    raise ValueError(f"no calendar period for granularity {gran}")


_MONTHS_IN = {G.MONTH: 1, G.QUARTER: 3, G.SEASON: 3, G.HALF: 6, G.YEAR: 12, G.DECADE: 120}
_MONTHS_IN[G.CENTURY] = 1200


@dataclass(frozen=True, slots=True)
class When:
    """A calendar period: granularity + its first day (+ part of day or clock time)."""

    gran: Granularity
    first: dt.date
    clock: str | None = None  # "MO", "AF", "EV", "NI" or "15:00" (TIME only)

    @property
    def value(self) -> str:
        return _format(self)

    @property
    def interval(self) -> tuple[dt.date, dt.date]:
        first = self.first
        if self.gran in (G.DAY, G.TIME):
            return first, first
        if self.gran is G.WEEK:
            return first, first + dt.timedelta(days=6)
        months = _MONTHS_IN[self.gran]
        try:
            return first, add_months(first, months) - dt.timedelta(days=1)
        except Unresolvable:
            return first, dt.date(MAX_YEAR, 12, 31)

    def shift(self, amount: int, unit: Granularity) -> When:
        """Move by ``amount`` units; the result keeps the coarser of the two granularities."""
        if unit in (G.DAY, G.TIME):
            moved = self.first + dt.timedelta(days=amount)
        elif unit is G.WEEK:
            moved = self.first + dt.timedelta(weeks=amount)
        else:
            moved = add_months(self.first, amount * _MONTHS_IN[unit])
        if not MIN_YEAR <= moved.year <= MAX_YEAR:
            raise Unresolvable(f"year {moved.year} out of range")
        return When(self.gran, _floor(moved, self.gran), self.clock)

    def at(self, gran: Granularity) -> When:
        """The period of granularity ``gran`` that contains this one's first day."""
        return When(gran, _floor(self.first, gran))

    def with_clock(self, clock: str) -> When:
        return replace(self, gran=G.TIME, clock=clock)


def when_of(day: dt.date, gran: Granularity) -> When:
    return When(gran, _floor(day, gran))


def _quarter(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def _season(d: dt.date) -> str:
    year, code = season_of(d)
    return f"{year:04d}-{code}"


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


# TIMEX3 value of the period starting on a day, by granularity.
_FORMATS = {
    G.DAY: dt.date.isoformat, G.WEEK: _week, G.MONTH: lambda d: f"{d.year:04d}-{d.month:02d}",
    G.QUARTER: _quarter, G.HALF: lambda d: f"{d.year:04d}-H{1 if d.month <= 6 else 2}",
    G.SEASON: _season, G.YEAR: lambda d: f"{d.year:04d}", G.DECADE: lambda d: f"{d.year // 10:03d}",
    G.CENTURY: lambda d: f"{d.year // 100:02d}",
}  # fmt: skip


def _format(w: When) -> str:
    if w.gran is G.TIME:
        return f"{w.first.isoformat()}T{w.clock}"
    if w.gran not in _FORMATS:
        raise ValueError(f"no TIMEX3 value for granularity {w.gran}")
    return _FORMATS[w.gran](w.first)
