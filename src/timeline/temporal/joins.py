"""Joining neighbouring expressions that name one time between them.

Rules match one expression at a time; some times are written as two that only
together say what is meant: a clock time and its date ("5 p.m. EST Nov. 9"), a month
or season and a year written apart ("January nineteen ninety-seven", "the winter of
nineteen ninety-four"), "the week of" a date. These are joined after resolution, so
each part keeps the rule that read it and the joined rule says how they combine.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from timeline.models import Granularity, TimeExpression, TimexType
from timeline.temporal.calendar import SEASONS, When, make_date

__all__ = ["PART_OF_DAY_IN_VIEW", "join_adjacent"]

#: How a rule names a part of day read on the day in view ("by mid-afternoon"), which a
#: date right after it replaces ("late afternoon Monday").
PART_OF_DAY_IN_VIEW = "part of the day in view"

G = Granularity

_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT(?P<clock>[\d:]+|[A-Z]{2})$")
# Between a clock time and its date: a time zone, a comma, "on" ("5 p.m. EST, Nov. 6").
_CLOCK_DATE_GAP = re.compile(r"\.?\s*(?:\(?[A-Z]{2,4}\)?\s*)?,?\s*(?:on\s+)?")
_PERIOD_YEAR_GAP = re.compile(r",?\s+(?:of\s+)?")
_PERIOD_VALUE = re.compile(r"\d{4}-(?P<part>\d\d|SP|SU|FA|WI)$")
_WEEK_OF = re.compile(r"(?i:\bthe\s+week\s+of\s+)$")


def join_adjacent(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """``found`` (sorted, resolved) with each pair that names one time joined."""
    out: list[TimeExpression] = []
    for expr in found:
        joined = _join(text, out[-1], expr) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(_week_of(text, out[-1].end if out else 0, expr))
    return out


def _join(text: str, prev: TimeExpression, expr: TimeExpression) -> TimeExpression | None:
    return (
        _clock_on_date(text, prev, expr)
        or _period_in_year(text, prev, expr)
        or _day_next_to(text, prev, expr)
    )


_DAY_NEXT_TO = re.compile(r"(?i:the\s+day\s+(?P<side>before|after))")


def _day_next_to(text: str, prev: TimeExpression, expr: TimeExpression) -> TimeExpression | None:
    """'the day after Christmas', 'the day before last Tuesday': a day from the date that
    follows, not from the one mentioned before."""
    lead = _DAY_NEXT_TO.fullmatch(prev.text)
    if (
        lead is None
        or expr.type is not TimexType.DATE
        or expr.granularity is not G.DAY
        or expr.earliest is None
        or text[prev.end : expr.start].strip()
    ):
        return None
    day = expr.earliest + dt.timedelta(days=1 if lead["side"].lower() == "after" else -1)
    return replace(
        prev, text=text[prev.start : expr.end], end=expr.end, value=day.isoformat(),
        earliest=day, latest=day, anchor=expr.anchor, granularity=G.DAY,
        rule=f"the day {lead['side'].lower()} {expr.text}: {expr.rule}",
    )  # fmt: skip


def _clock_on_date(text: str, prev: TimeExpression, expr: TimeExpression) -> TimeExpression | None:
    """'5 p.m. EST Nov. 9', 'late afternoon Monday': the clock or part of day on that
    day, not on the publish date or the day in view."""
    clock = _CLOCK_VALUE.match(prev.value)
    if (
        clock is None
        or not (
            prev.rule.endswith(("[clock]", "[ru-clock]"))
            or prev.rule.startswith(PART_OF_DAY_IN_VIEW)
        )
        or expr.type is not TimexType.DATE
        or expr.granularity is not G.DAY
        or not _CLOCK_DATE_GAP.fullmatch(text, prev.end, expr.start)
    ):
        return None
    return replace(
        prev, text=text[prev.start : expr.end], end=expr.end,
        value=f"{expr.value}T{clock['clock']}", earliest=expr.earliest, latest=expr.latest,
        rule=f"clock time on {expr.text}: {expr.rule}", anchor=expr.anchor,
    )  # fmt: skip


def _period_in_year(text: str, prev: TimeExpression, expr: TimeExpression) -> TimeExpression | None:
    """'January nineteen ninety-seven', 'the winter of nineteen ninety-four'."""
    period = _PERIOD_VALUE.match(prev.value)
    if (
        period is None
        or prev.granularity not in (G.MONTH, G.SEASON)
        or any(c.isdigit() for c in prev.text)  # the month already has its year
        or expr.granularity is not G.YEAR
        or not expr.value.isdigit()
        or not _PERIOD_YEAR_GAP.fullmatch(text, prev.end, expr.start)
    ):
        return None
    year, part = int(expr.value), period["part"]
    first = make_date(year, SEASONS[part], 1) if part in SEASONS else make_date(year, int(part), 1)
    when = When(prev.granularity, first)
    earliest, latest = when.interval
    return replace(
        prev, text=text[prev.start : expr.end], end=expr.end, value=when.value,
        earliest=earliest, latest=latest, anchor="none",
        rule=f"{prev.granularity.value} of the year {expr.text} [period-year]",
    )  # fmt: skip


def _week_of(text: str, floor: int, expr: TimeExpression) -> TimeExpression:
    """'the week of March 6': the ISO week holding that day."""
    if expr.granularity is not G.DAY or expr.type is not TimexType.DATE or expr.earliest is None:
        return expr
    lead = _WEEK_OF.search(text, max(floor, expr.start - 20), expr.start)
    if lead is None:
        return expr
    when = When(G.WEEK, expr.earliest - dt.timedelta(days=expr.earliest.weekday()))
    earliest, latest = when.interval
    return replace(
        expr, text=text[lead.start() : expr.end], start=lead.start(), value=when.value,
        earliest=earliest, latest=latest, granularity=G.WEEK,
        rule=f"the week of {expr.text}: {expr.rule}",
    )  # fmt: skip
