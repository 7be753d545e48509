"""Named days and spelled-out years: holidays ("Thanksgiving", "Christmas Day",
"Election Day"), and years as read aloud in broadcast transcripts ("nineteen
ninety-six", "the year two thousand")."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

from timeline.models import Granularity
from timeline.temporal.calendar import When, make_date
from timeline.temporal.common import choose_year_for_month, dated, day_when, year_when
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.en.lexicon import ONES, TENS, words

G = Granularity


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) ``weekday`` of a month."""
    if n > 0:
        first = make_date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = make_date(year + month // 12, month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    make_date(year, 1, 1)  # raises Unresolvable outside the calendar's years
    return easter(year)


def _election_day(year: int) -> dt.date:
    return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)  # Tuesday after the first Monday


HOLIDAYS = {
    "new year's day": lambda y: make_date(y, 1, 1),
    "new year's eve": lambda y: make_date(y, 12, 31),
    "valentine's day": lambda y: make_date(y, 2, 14),
    "christmas eve": lambda y: make_date(y, 12, 24),
    "christmas day": lambda y: make_date(y, 12, 25),
    "christmas": lambda y: make_date(y, 12, 25),
    "boxing day": lambda y: make_date(y, 12, 26),
    "independence day": lambda y: make_date(y, 7, 4),
    "halloween": lambda y: make_date(y, 10, 31),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": _election_day,
    "easter sunday": lambda y: _easter(y),
    "easter": lambda y: _easter(y),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
}


def _resolve_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    found = _holiday_day(m, ctx)
    if found is None or not m["week"]:
        return found
    day = found.when.first  # "Easter week", "Christmas week": the week holding the day
    week = When(G.WEEK, day - dt.timedelta(days=day.weekday()))
    return dated(week, f"the week of {found.rule}", anchor=found.anchor)


def _holiday_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = " ".join(m["name"].lower().replace("\u2019", "'").split())
    rule = HOLIDAYS[name]
    if m["year"]:
        return dated(day_when(rule(int(m["year"]))), f"holiday '{name}' in the given year")
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    dct = ctx.dct
    this = rule(dct.year)
    if rel == "last":
        day = this if this < dct else rule(dct.year - 1)
        why = "'last' -> latest before publish date"
    elif rel == "next":
        day = this if this > dct else rule(dct.year + 1)
        why = "'next' -> first after publish date"
    else:
        year, why = choose_year_for_month(this.month, ctx, ctx.tense(m.start(), m.end()))
        day = rule(year)
    return dated(day_when(day), f"holiday '{name}', {why}", anchor="dct")


_HOLIDAY = re.compile(
    r"(?:\b(?P<rel>(?i:last|next|this))\s+)?\b(?P<name>New\s+Year['\u2019]s\s+(?:Day|Eve)|Valentine['\u2019]s\s+Day"
    r"|Christmas(?:\s+(?:Eve|Day))?|Boxing\s+Day|Independence\s+Day|Halloween|Thanksgiving(?:\s+Day)?"
    r"|Labor\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday)\b"
    r"(?:,?\s+(?P<year>1[5-9]\d\d|20\d\d)\b)?(?P<week>\s+(?i:week)\b)?"
)

_SPELLED_TENS = "|".join(TENS)
_SPELLED_ONES = "|".join(
    w for w, n in ONES.items() if 1 <= n <= 19 and w not in ("a", "an", "single")
)


def _spelled(text: str) -> int | None:
    total = 0
    for word in text.lower().replace("-", " ").split():
        if word in TENS:
            total += TENS[word]
        elif word in ONES:
            total += ONES[word]
        else:
            return None
    return total


def _resolve_spelled_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["thousand"]:
        rest = _spelled(m["rest"]) if m["rest"] else 0
        year = 2000 + (rest or 0)
    else:
        century, rest = _spelled(m["century"]), _spelled(m["rest"])
        if century is None or rest is None:
            return None
        year = century * 100 + rest
    if not 1000 <= year <= 2099:
        return None
    return dated(year_when(year), "year written out in words")


_SPELLED_YEAR = re.compile(
    rf"(?i:\b(?P<century>nineteen|eighteen|twenty)\s+(?P<rest>(?:{_SPELLED_TENS})(?:[-\s](?:{_SPELLED_ONES}))?"
    rf"|(?:{_SPELLED_ONES}))\b"
    rf"|\b(?:the\s+year\s+)?(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest2>{_SPELLED_ONES}))?\b)"
)


def _resolve_spelled_any(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["thousand"]:
        rest = _spelled(m["rest2"]) if m["rest2"] else 0
        return dated(year_when(2000 + (rest or 0)), "year written out in words")
    return _resolve_spelled_year(m, ctx)


def _check_spelled(m: re.Match[str], ctx: Context) -> bool:
    # "twenty one soldiers" is a count; a read-aloud year stands alone or after a month/in.
    if m["thousand"]:
        return bool(
            re.search(
                r"(?i)(?:year|in|since|by|of)\s+$", ctx.text[max(0, m.start() - 9) : m.start()]
            )
        )
    if m["century"].lower() != "twenty" and _spelled(m["rest"]) not in (None, *range(1, 20)):
        return True  # "a nineteen ninety-seven attack": no count is said that way
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    after = ctx.text[m.end() : m.end() + 3]
    return bool(re.search(r"(?:in|since|by|of|until|[a-z]+ber|january|february|march|april|may|june|july|august)\s+$",
                          before)) or after[:1] in (".", ",", "")  # fmt: skip


RULES = [
    Rule(
        "holiday",
        _HOLIDAY,
        _resolve_holiday,
        priority=6,
        back=2,
        triggers=words(
            "year's valentine's christmas boxing independence halloween thanksgiving labor"
            " memorial election easter good year"
        ),
    ),  # fmt: skip
    Rule(
        "spelled-year",
        _SPELLED_YEAR,
        _resolve_spelled_any,
        check=_check_spelled,
        priority=5,
        back=3,
        triggers=words("nineteen eighteen twenty thousand"),
    ),
]
