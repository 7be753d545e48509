"""Calendar-name rules: explicit dates, months, years, decades, centuries, quarters,
halves and seasons. Underspecified ones (no year) take their year from the publish
date and the tense."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from timeline.models import Granularity
from timeline.temporal.calendar import Unresolvable, When, make_date
from timeline.temporal.common import (
    century_when,
    choose_day,
    choose_year_for_month,
    dated,
    day_when,
    edge_mod,
    month_when,
    year_range_rules,
    year_when,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.en.lexicon import (
    MONTH_ANY,
    MONTH_DOTTED,
    MONTH_NAME,
    MONTHS,
    WEEKDAY_NAME,
    words,
)

G = Granularity

YEAR = r"(?:1[0-9]\d\d|2[01]\d\d)"
EDGE = r"(?:(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
_WEEKDAY = WEEKDAY_NAME
_COUNT_NOUN = (
    r"(?:people|persons|troops|soldiers|workers|jobs|employees|members|residents|barrels|tons"
    r"|tonnes|cars|vehicles|shares|units|homes|households|cases|deaths|votes|times|miles|km"
    r"|kilometers|kilometres|meters|metres|feet|pounds|dollars|euros|points|acres|seats"
    r"|students|children|refugees|prisoners|rooms|pages|words|calories|passengers|planes)"
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


@lru_cache(maxsize=4096)
def _parse_explicit(text: str, order: str) -> dt.date | None:
    """Parse an explicit numeric date string with dateparser (formats, separators, 2-digit
    years), in English only so it never guesses another language."""
    import dateparser

    settings = {"DATE_ORDER": order, "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return make_date(year, month, day)
    except Unresolvable:
        return None


# --- explicit day dates -------------------------------------------------------------


def _resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = _month(m["mon"]), int(m["day"])
    if m["year"]:
        date = _date_or_none(int(m["year"]), month, day)
        return dated(day_when(date), "explicit date") if date else None
    if ctx.dct is None:
        return None
    if _ENDED_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        date = _last_on_or_before(month, day, ctx.dct)
        if date is not None:
            return dated(day_when(date), "period 'ended' on a day -> latest such day", anchor="dct")
    found = choose_day(month, day, ctx, ctx.tense(m.start(), m.end()))
    if found is None:
        return None
    date, why = found
    return dated(day_when(date), f"month and day, {why}", anchor="dct")


# "the quarter ended Sept. 30", "the fiscal year ended Jan. 31": a period that is over,
# however long ago the day was ("ending" looks ahead and is left to the tense).
_ENDED_BEFORE = re.compile(r"\bended\s+(?:on\s+)?$", re.IGNORECASE)


def _last_on_or_before(month: int, day: int, dct: dt.date) -> dt.date | None:
    """The latest ``month``/``day`` not after ``dct`` (within a year of it)."""
    for year in (dct.year, dct.year - 1):
        date = _date_or_none(year, month, day)
        if date is not None and date <= dct:
            return date
    return None


# "Friday, March 3, 2013" / "Friday 3rd of March 2013": the same parts in two orders.
_ON_WEEKDAY = rf"\b(?:{_WEEKDAY},?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_OF_YEAR = rf"(?:,?\s+(?P<year>{YEAR})\b)?"
_MONTH_DAY = re.compile(
    rf"{_ON_WEEKDAY}(?P<mon>{MONTH_ANY})\s+{_DAY}\b(?!\s*(?:%|percent|\d|:\d)){_OF_YEAR}"
)
# "April 24 and 25", "March 3 to 5": the second day of the month just named (with a
# year after it, "March 3 to 5, 1998", the pair is left to the other rules).
_SECOND_DAY = re.compile(
    rf"(?P<mon>{MONTH_ANY})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|or|to|through|-|\u2013)\s*"
    rf"{_DAY}\b(?!\s*(?:%|percent|\d|:\d|[-\u2013]))(?!,?\s+\d)"
    # "Jan. 5 and 12 of the stores", "March 3 and 4 others": a count, not a day.
    r"(?!\s+(?:of|others)\b|\s+(?!(?:as|is|was|has|this|its|his)\b)[a-z]+s\b)(?P<year>)"
)


def _check_second_day(m: re.Match[str], ctx: Context) -> bool:
    return int(m["d1"]) < int(m["day"]) <= 31


_DAY_MONTH = re.compile(
    rf"{_ON_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{MONTH_ANY})\b{_OF_YEAR}"
)


def _resolve_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    date = _date_or_none(int(m["y"]), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    if m["hh"]:
        return dated(day_when(date).with_clock(f"{m['hh']}:{m['mm']}"), "ISO date and time")
    return dated(day_when(date), "ISO date")


_ISO = re.compile(
    r"\b(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b"
)


def _resolve_numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    a, b = int(m["a"]), int(m["b"])
    if a > 12 and b > 12:
        return None
    order, why = ("DMY", "day first (first number > 12)") if a > 12 else ("MDY", "month first")
    date = _parse_explicit(m.group(), order)
    if date is None:
        return None
    return dated(day_when(date), f"numeric date, {why}")


_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>\d{4}|\d{2})(?![\d/]|\.\d)"
)


# --- months and years ---------------------------------------------------------------


def _resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month(m["mon"])
    mod = edge_mod(m["edge"])
    if m["year"]:
        return dated(month_when(int(m["year"]), month), "month and year", mod=mod)
    rel = (m["rel"] or m["rel2"] or "").lower()
    if ctx.dct is None:
        return None
    if rel:
        year = {"last": ctx.dct.year - 1, "this": ctx.dct.year, "next": ctx.dct.year + 1}[rel]
        return dated(month_when(year, month), f"month of {rel} year", anchor="dct", mod=mod)
    later = _later_year(m, ctx)
    if later is not None:
        return dated(month_when(later, month), "month name, year given later in the sentence",
                     mod=mod)  # fmt: skip
    tense = ctx.tense(m.start(), m.end())
    year, why = choose_year_for_month(month, ctx, tense)
    return dated(month_when(year, month), f"month name, {why}", anchor="dct", mod=mod)


def _later_year(m: re.Match[str], ctx: Context) -> int | None:
    """'closed in March and reopened in September 2011': a bare month takes the year of
    a later month-and-year in its sentence, when that month does not come before it."""
    span = ctx.sentence_of(m.start())
    if span is None:
        return None
    later = _MONTH_YEAR_LATER.search(ctx.text, m.end(), min(span.end, m.end() + 160))
    if later is None or _month(later["mon"]) < _month(m["mon"]):
        return None
    return int(later["year"])


_MONTH_YEAR_LATER = re.compile(
    rf"\b(?P<mon>{MONTH_DOTTED})\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<year>{YEAR})\b"
)


_MONTH = re.compile(
    rf"(?:\b(?P<edge>{EDGE})[-\s]*)?\b(?P<mon>{MONTH_DOTTED})(?!\w)"
    rf"(?:(?:,?\s+|\s+of\s+)(?P<year>{YEAR})\b|\s+(?P<rel>last|this|next)\s+year\b"
    rf"|\s+of\s+(?P<rel2>last|this|next)\s+year\b)?"
)
_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|on|since|until|till|by|of|early|late|mid|through|during|from|to|last|next|this"
    r"|and|or|between|before|after|around)\s+|-)$",
    re.IGNORECASE,
)


def _check_month(m: re.Match[str], ctx: Context) -> bool:
    text = ctx.text
    if m["mon"] not in ("May", "MAY", "March", "MARCH") or m["year"] or m["rel"] or m["edge"]:
        return True
    return bool(_MAY_CONTEXT.search(text[max(0, m.start() - 12) : m.start()]))


def _resolve_relative_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, rel = _month(m["mon"]), m["rel"].lower()
    dct = ctx.dct
    if rel in ("last", "past", "previous"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    else:
        year = dct.year
    return dated(
        month_when(year, month), f"'{rel}' + month name -> nearest in that direction", anchor="dct"
    )


_REL_MONTH = re.compile(
    rf"\b(?P<rel>(?i:last|next|this|past|previous|coming))\s+(?P<mon>{MONTH_NAME})\b"
)


def _resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["year"])
    mod = edge_mod(m["edge"])
    rule = "fiscal year" if m["fiscal"] else "four-digit year"
    return dated(year_when(year), rule, mod=mod)


_YEAR = re.compile(
    rf"(?:\b(?P<edge>{EDGE})[-\s]*)?(?:\b(?P<fiscal>(?i:fiscal(?:\s+year)?|FY))[\s-]*)?"
    rf"(?<![$€£#\d.,/])(?<!\d-)\b(?P<year>{YEAR})\b(?![-/.,]?\d|\s*(?:%|percent|per\s+cent)|'?s\b)"
)


def _check_year(m: re.Match[str], ctx: Context) -> bool:
    text = ctx.text
    after = text[m.end() : m.end() + 14].lower()
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if _NUMBER_LABEL.search(before):
        return False  # "Room 1201", "Flight 1998", "No. 2003"
    if _STREET.match(text, m.end()):
        return False  # "1600 Embassy Row"
    return not re.match(rf"\s+{_COUNT_NOUN}\b", after) and not re.match(r"\s*(?:-|to)\s*\d", after)


_STREET = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:Row|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane"
    r"|Drive|Way|Place|Square|Court|Highway)\b"
)
_NUMBER_LABEL = re.compile(
    r"\b(?:room|no\.?|number|flight|route|highway|suite|page|article|resolution|bus|gate|apartment"
    r"|unit|box|code|model|chapter|section|item|order|ticket|account|lot|pier|platform|#)\s*$"
)


_YEAR_RANGE = re.compile(
    rf"(?<![$€£#\d.,/-])\b(?P<y1>{YEAR})(?:\s*[-\u2013/]\s*|\s+to\s+)(?P<y2>{YEAR}|\d\d)\b"
    r"(?![-/.]\d|\s*(?:%|percent))"
)


def _resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["d2"])
        start = 1900 + short if short >= 20 else 2000 + short
    mod = edge_mod(m["edge"])
    return dated(When(G.DECADE, make_date(start // 10 * 10, 1, 1)), "decade", mod=mod)


_DECADE = re.compile(
    rf"(?:\b(?i:the)\s+)?(?:(?P<edge>{EDGE})[-\s]*)?(?:\b(?P<dec>1[0-9]\d0|20\d0)'?s\b|'(?P<d2>\d0)s\b)"
)

_CENTURY_ORD = {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18}


def _resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["rel"]:
        if ctx.dct is None:
            return None
        number = ctx.dct.year // 100 + 1
    else:
        word = m["ord"].lower()
        number = int(re.sub(r"\D", "", word)) if word[0].isdigit() else _CENTURY_ORD[word]
    return dated(century_when(number), "century", mod=edge_mod(m["edge"]))


_CENTURY = re.compile(
    rf"(?:\b(?i:the)\s+)?(?:(?P<edge>{EDGE})[-\s]*)?\b(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|twentieth"
    rf"|twenty-first|nineteenth|eighteenth)\s+century\b|(?P<rel>\bthis\s+century\b)",
    re.IGNORECASE,
)


_MONTH_TRIGGERS = words(MONTHS)
_FOUR_DIGITS = re.compile(r"1\d{3}|2[01]\d\d")
_SMALL_NUMBER = re.compile(r"[0-3]?\d")
_DECADE_TOKEN = re.compile(r"\d{1,3}0s")

RULES = [
    Rule("iso-date", _ISO, _resolve_iso, priority=9, numeric=_FOUR_DIGITS),
    Rule("numeric-date", _NUMERIC, _resolve_numeric, priority=8, numeric=_SMALL_NUMBER),
    Rule("month-day", _MONTH_DAY, _resolve_month_day, priority=7, triggers=_MONTH_TRIGGERS, back=2),
    Rule("day-month", _DAY_MONTH, _resolve_month_day, priority=7, triggers=_MONTH_TRIGGERS, back=4),
    Rule(
        "second-day",
        _SECOND_DAY,
        _resolve_month_day,
        check=_check_second_day,
        priority=7,
        triggers=_MONTH_TRIGGERS,
        span_groups=("day",),
    ),
    Rule(
        "relative-month",
        _REL_MONTH,
        _resolve_relative_month,
        needs_dct=True,
        priority=6,
        triggers=_MONTH_TRIGGERS,
        back=1,
    ),
    Rule(
        "month",
        _MONTH,
        _resolve_month,
        check=_check_month,
        priority=5,
        triggers=_MONTH_TRIGGERS,
        back=4,
    ),
    Rule("decade", _DECADE, _resolve_decade, priority=6, numeric=_DECADE_TOKEN, back=5),
    Rule("century", _CENTURY, _resolve_century, priority=6, triggers=words("century"), back=6),
    Rule("year", _YEAR, _resolve_year, check=_check_year, priority=4, numeric=_FOUR_DIGITS, back=6),
    *year_range_rules("year-range", _YEAR_RANGE, numeric=_FOUR_DIGITS),
]
