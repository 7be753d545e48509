"""Helpers shared by the rule modules: building results, tense-driven year choice,
modifiers (early/mid/late) and their sub-intervals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import Unresolvable, When, make_date, when_of
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.tense import Tense

G = Granularity

# Coarseness order, for "keep the coarser granularity" decisions.
RANK = {
    G.TIME: 0, G.DAY: 1, G.WEEK: 2, G.MONTH: 3, G.QUARTER: 4, G.SEASON: 4, G.HALF: 5,
    G.YEAR: 6, G.DECADE: 7, G.CENTURY: 8,
}  # fmt: skip

EDGE_MODS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "mid": "MID", "middle": "MID", "late": "END", "later": "END", "end": "END",
}  # fmt: skip

APPROX_WORDS = frozenset("about around roughly approximately nearly almost some circa just".split())


def dated(
    when: When,
    rule: str,
    *,
    anchor: str = "none",
    mod: str | None = None,
    interval: tuple[dt.date, dt.date] | None = None,
    anchors_next: bool = True,
) -> Resolved:
    kind = TimexType.TIME if when.gran is G.TIME else TimexType.DATE
    if interval is None and mod in ("START", "MID", "END"):
        interval = edge_interval(when, mod)
    return Resolved(
        kind, when.value, rule, when=when, mod=mod, gran=when.gran, anchor=anchor,
        interval=interval, anchors_next=anchors_next,
    )  # fmt: skip


def vague(value: str, rule: str) -> Resolved:
    return Resolved(TimexType.DATE, value, rule, gran=G.VAGUE)


def edge_interval(when: When, mod: str) -> tuple[dt.date, dt.date]:
    """The first, middle or last third of ``when`` (a band drawn for "early May")."""
    first, last = when.interval
    span = (last - first).days + 1
    if span < 3:  # "mid-today": a day has no thirds
        return first, last
    third = span // 3
    if mod == "START":
        return first, first + dt.timedelta(days=third - 1)
    if mod == "END":
        return last - dt.timedelta(days=third - 1), last
    return first + dt.timedelta(days=third), last - dt.timedelta(days=third)


def edge_mod(word: str | None) -> str | None:
    if not word:
        return None
    for key, mod in EDGE_MODS.items():
        if key in word.lower():
            return mod
    return None


def choose_year_for_month(month: int, ctx: Context, tense: Tense) -> tuple[int, str]:
    """Year of a month named without one, from the publish date and the tense."""
    dct = ctx.dct
    assert dct is not None
    if tense is Tense.FUTURE:
        if month >= dct.month:
            return dct.year, "future tense, not before publish month -> same year"
        return dct.year + 1, "future tense, before publish month -> next year"
    if tense is Tense.PAST:
        if month <= dct.month:
            return dct.year, "past tense, not after publish month -> same year"
        return dct.year - 1, "past tense, after publish month -> previous year"
    # No tense: the occurrence nearest the publish date.
    delta = month - dct.month
    if delta > 6:
        return dct.year - 1, "no tense, month far after publish month -> previous year"
    if delta < -6:
        return dct.year + 1, "no tense, month far before publish month -> next year"
    return dct.year, "no tense, nearest occurrence -> same year"


def choose_day(month: int, day: int, ctx: Context, tense: Tense) -> tuple[dt.date, str] | None:
    """A day-of-month with no year: the occurrence the tense points to."""
    dct = ctx.dct
    assert dct is not None
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(make_date(year, month, day))
        except Unresolvable:
            continue
    if not options:
        return None
    # A day-level date is almost always near the publish date: the tense picks its side
    # within eight months back or a year ahead; otherwise the nearest occurrence wins.
    if tense is Tense.PAST:
        before = [d for d in options if 0 <= (dct - d).days <= 240]
        if before:
            return before[-1], "past tense -> latest such date within eight months before"
    if tense is Tense.FUTURE:
        after = [d for d in options if 0 <= (d - dct).days <= 366]
        if after:
            return after[0], "future tense -> next such date within a year after"
    best = min(options, key=lambda d: abs((d - dct).days))
    return best, "nearest such date to the publish date"


def weekday_near(weekday: int, ctx: Context, tense: Tense) -> tuple[dt.date, str]:
    """The weekday occurrence the tense points to, relative to the publish date."""
    dct = ctx.dct
    assert dct is not None
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    # The publish date's own weekday is that day whatever the tense: news writes
    # "will meet Monday" on a Monday for today and says "next Monday" for a week on.
    if back == 0:
        return dct, "weekday of the publish date itself"
    if tense is Tense.FUTURE:
        why = "future tense -> next such weekday after publish date"
        return dct + dt.timedelta(days=ahead), why
    if tense is Tense.PAST or back <= 3 or ahead > 3:
        return dct - dt.timedelta(days=back), "past/unknown tense -> latest such weekday before"
    return dct + dt.timedelta(days=ahead), "no tense -> nearest such weekday ahead"


def weekend(week: When, rule: str) -> Resolved:
    """The weekend (Saturday and Sunday) of ``week``: TIMEX3 ``2014-W23-WE``."""
    sat = week.first + dt.timedelta(days=5)
    return Resolved(TimexType.DATE, f"{week.value}-WE", rule, gran=G.WEEK, anchor="dct",
                    interval=(sat, sat + dt.timedelta(days=1)))  # fmt: skip


def weekend_by_tense(ctx: Context, tense: Tense) -> tuple[When, str]:
    """The week whose weekend a bare "the weekend" means: the one just gone in a past
    clause, else the coming one (from Friday on, the one at hand)."""
    dct = ctx.dct
    assert dct is not None
    monday = when_of(dct, G.WEEK)
    if tense is Tense.FUTURE or (tense is not Tense.PAST and dct.weekday() >= 4):
        week = monday if dct.weekday() < 6 else monday.shift(1, G.WEEK)
        return week, "future or unknown tense -> the coming weekend"
    week = monday.shift(-1, G.WEEK) if dct.weekday() < 5 else monday
    return week, "past tense -> the weekend just gone"


def coarser(a: Granularity, b: Granularity) -> bool:
    """True when ``a`` is at least as coarse as ``b`` (a year is coarser than a month)."""
    return RANK.get(a, 0) >= RANK.get(b, 0)


def shift_to(base: When, amount: int, unit: Granularity) -> When:
    """``base`` moved by ``amount`` units, at the coarser of the two granularities."""
    moved = base.shift(amount, unit)
    if RANK.get(unit, 0) > RANK.get(base.gran, 0):
        return moved.at(unit)
    return moved


def year_range_end(first: int, tail: str) -> int | None:
    """The second year of '2011-2012' or '1911-12' (its century completed), if it comes
    after the first one and not too far: '2011-04' is a month, not a range."""
    second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if len(tail) == 2 and second <= first:  # "1999-00"
        second += 100
    return second if 0 < second - first <= 30 else None


def _range_first(m: re.Match[str], ctx: Context) -> Resolved | None:
    if year_range_end(int(m["y1"]), m["y2"]) is None:
        return None
    return dated(year_when(int(m["y1"])), "first year of a year range")


def _range_second(m: re.Match[str], ctx: Context) -> Resolved | None:
    second = year_range_end(int(m["y1"]), m["y2"])
    if second is None:
        return None
    return dated(year_when(second), "second year of a year range, century completed")


def year_range_rules(
    name: str, pattern: re.Pattern[str], *, numeric: re.Pattern[str]
) -> tuple[Rule, Rule]:
    """'2011-2012', '1911-12': one match, two expressions, one rule for each year; the
    ``pattern`` has groups ``y1`` (four digits) and ``y2`` (four or two)."""
    first, second = (
        Rule(f"{name}-{part}", pattern, resolve, priority=5, numeric=numeric, span_groups=(group,))
        for part, resolve, group in (("first", _range_first, "y1"), ("second", _range_second, "y2"))
    )
    return first, second


def after_group(name: str) -> Callable[[re.Match[str]], tuple[int, int]]:
    """A rule's span without its leading group ``name`` ("over" in "over the next
    decade"), which only chooses the reading."""

    def span(m: re.Match[str]) -> tuple[int, int]:
        return (m.end(name), m.end()) if m[name] else m.span()

    return span


def century_when(number: int) -> When:
    """The ``number``-th century (the 20th is 1900-1999, TIMEX3 ``19``)."""
    if not 1 <= number <= 99:
        raise Unresolvable(f"no century {number}")
    return When(G.CENTURY, make_date(max((number - 1) * 100, 1), 1, 1))


def month_when(year: int, month: int) -> When:
    return When(G.MONTH, make_date(year, month, 1))


def year_when(year: int) -> When:
    return When(G.YEAR, make_date(year, 1, 1))


def day_when(day: dt.date) -> When:
    return when_of(day, G.DAY)
