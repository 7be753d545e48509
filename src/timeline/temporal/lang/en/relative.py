"""Relative rules: yesterday/today/tomorrow, weekdays, this/last/next units, "N units
ago/later", "the following day", "earlier this month", "late last year"."""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import when_of
from timeline.temporal.common import (
    after_group,
    coarser,
    dated,
    edge_mod,
    shift_to,
    weekday_near,
    weekend,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.durations import duration_value
from timeline.temporal.lang.en.lexicon import (
    DAY_PART_WORDS,
    PARTS_OF_DAY,
    UNIT_ALT,
    UNIT_WORDS,
    WEEKDAY_NAME,
    WEEKDAYS,
    WORDS,
    alternation,
    unit_gran,
    words,
)
from timeline.temporal.tense import Tense

G = Granularity

_PART = r"(?:morning|afternoon|evening|night|overnight)"
_WEEKDAY = WEEKDAY_NAME
_UNIT = UNIT_ALT
_CAL_UNIT = r"(?:week|month|year|quarter|decade|century|weekend)"


def _clock(part: str | None) -> str | None:
    return PARTS_OF_DAY.get(part.lower()) if part else None


# --- yesterday / today / tomorrow / tonight / this morning --------------------------

_DEICTIC_OFFSET = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "tonite": 0}


def _check_deictic(m: re.Match[str], ctx: Context) -> bool:
    """'today's world' is the present in general; 'today's editions' the publish date."""
    after = ctx.text[m.end() : m.end() + 30]
    return not ((m["word"] or "").lower() == "today" and _GENERAL_TODAY.match(after))


# Nouns that make "today's ..." the present age rather than the day itself.
_GENERAL_TODAY = re.compile(
    r"['\u2019]s\s+(?:\w+\s+)?(?:world|youth|society|generation|young|children|kids|teenagers"
    r"|standards|culture|economy|technology|families|consumers|personal|modern|global|market"
    r"|politics|media|students|workers|women|men|people)\b",
    re.IGNORECASE,
)


def _resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = (m["word"] or m["word3"] or "").lower()
    part = _clock(m["part"] or m["part2"] or m["part3"])
    if m["lastnight"]:
        word, part = "yesterday", "NI"
    if m["this"]:
        word = "today"
    if word in ("tonight", "tonite"):
        part = "NI"
    day = ctx.today.shift(_DEICTIC_OFFSET.get(word, 0), G.DAY)
    if m["long"]:
        day = ctx.today.shift(-2 if "before" in m["long"].lower() else 2, G.DAY)
    mod = edge_mod(m["edge"])
    when = day.with_clock(part) if part else day
    return dated(when, f"'{m.group().strip()}' -> publish date {day.value}", anchor="dct", mod=mod)


_DEICTIC = re.compile(
    r"(?i:\b(?:(?P<edge>early|late|mid)[-\s]+)?(?:(?P<long>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))"
    rf"|(?P<word>yesterday|today|tomorrow|tonight|tonite)(?:\s+(?P<part>{_PART}))?"
    rf"|(?P<this>this)\s+(?P<part2>morning|afternoon|evening)|(?P<lastnight>last\s+night)"
    r"|(?P<part3>morning|afternoon|evening)\s+(?P<word3>yesterday|today|tomorrow))\b)"
)


# --- weekdays -----------------------------------------------------------------------

_HEDGED_FUTURE = WORDS.tense["hedged_future"]
_PLANNED = WORDS.tense["planned"]


def weekday_tense(ctx: Context, start: int, end: int) -> Tense:
    """The tense that places a bare weekday: a hedged future ("was about to", "would",
    "the Tuesday deadline") says nothing of its side of the publish date."""
    tense, word = ctx.tense_marker(start, end)
    if tense is Tense.FUTURE and word.split()[0] in _HEDGED_FUTURE:
        return Tense.UNKNOWN
    if tense is Tense.PAST and word in _PLANNED:
        return Tense.UNKNOWN  # "protesters planned a rally on Saturday": either side
    return tense


def _resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    dct = ctx.dct
    if m["the"]:
        return _weekday_from_anchor(m, ctx, weekday, rel)
    if rel in ("last", "past", "previous"):
        back = (dct.weekday() - weekday) % 7 or 7
        day, why = dct - dt.timedelta(days=back), "'last' weekday -> latest before publish date"
    elif rel in ("next", "coming"):
        ahead = (weekday - dct.weekday()) % 7 or 7
        day, why = dct + dt.timedelta(days=ahead), "'next' weekday -> first after publish date"
    elif rel == "this":
        day = dct + dt.timedelta(days=weekday - dct.weekday())
        why = "'this' weekday -> in the publish week"
    else:
        day, why = weekday_near(weekday, ctx, weekday_tense(ctx, m.start(), m.end()))
    when = when_of(day, G.DAY)
    part = _clock(m["part"])
    if part and part != "NI":
        # "Tuesday afternoon" keeps its part of day (2014-06-10TAF); "Friday night" stays
        # the day, as news annotation (TimeBank) mostly dates it.
        when = when.with_clock(part)
    return dated(when, f"weekday, {why}", anchor="dct", mod=edge_mod(m["edge"]))


def _weekday_from_anchor(m: re.Match[str], ctx: Context, weekday: int, rel: str) -> Resolved | None:
    """'the previous Friday', 'the following Monday': from the day in view (the last
    dated expression), not from the publish date."""
    base, anchor = ctx.reference()
    if base.gran is not G.DAY:
        base, anchor = ctx.today, "dct"
    if rel == "following":
        day = base.first + dt.timedelta(days=(weekday - base.first.weekday()) % 7 or 7)
    else:
        day = base.first - dt.timedelta(days=(base.first.weekday() - weekday) % 7 or 7)
    return dated(when_of(day, G.DAY), f"'the {rel}' weekday -> from {anchor}", anchor=anchor,
                 mod=edge_mod(m["edge"]))  # fmt: skip


_WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<edge>(?i:early|late))\s+)?"
    r"(?:\b(?P<the>(?i:the))\s+(?=(?i:previous|preceding|following)\s))?"
    rf"(?:\b(?P<rel>(?i:last|this|next|past|previous|preceding|following|coming))\s+)?"
    rf"\b(?P<wd>{_WEEKDAY}|{_WEEKDAY.upper()})\b(?:(?:'s)?\s+(?P<part>{_PART})\b)?"
)


# --- this / last / next + unit ------------------------------------------------------

_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "this": 0,
               "current": 0, "present": 0, "same": 0, "next": 1, "coming": 1, "following": 1}  # fmt: skip


def _resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    has_the = bool(m["the"])
    prep = (m["prep"] or "").split()[0].lower() if m["prep"] else ""
    if has_the and rel == "last" and prep == "in" and unit != "weekend":
        # "in the last week": the calendar week before the publish week (TimeBank).
        gran = unit_gran(unit)
        return dated(ctx.today.at(gran).shift(-1, gran), f"'in the last {unit}' -> previous {unit}",
                     anchor="dct")  # fmt: skip
    if (has_the and rel in ("past", "last")) or (
        has_the and prep in _MEASURE_PREPS and rel in _AHEAD
    ):
        # "the past week", "over the next decade", "during the following year": a stretch.
        value = "P2D" if unit == "weekend" else duration_value(1, unit)
        return Resolved(TimexType.DURATION, value, f"'the {rel} {unit}' -> duration of one {unit}",
                        gran=unit_gran(unit))  # fmt: skip
    anaphoric = has_the and rel in ("following", "next", "previous", "preceding", "prior", "same")
    base, anchor = ctx.reference() if anaphoric else (ctx.today, "dct")
    gran = G.WEEK if unit == "weekend" else unit_gran(unit)
    target = shift_to(base.at(gran) if coarser(gran, base.gran) else base, _REL_OFFSET[rel], gran)
    if unit == "weekend":
        if rel == "this" and ctx.tense(m.start(), m.end()) is Tense.PAST and ctx.dct.weekday() < 5:
            target = target.shift(-1, G.WEEK)
        return weekend(target, "weekend of the week")
    mod = edge_mod(m["edge"])
    why = f"'{rel} {unit}' relative to {'previous expression' if anaphoric else 'publish date'}"
    return dated(target, why, anchor=anchor, mod=mod)


_MEASURE_PREPS = frozenset("over during throughout for within".split())
_AHEAD = frozenset("next following coming".split())
_REL_UNIT = re.compile(
    r"(?i:(?P<prep>\b(?:over|during|throughout|for|within|in)\s+)?"
    r"(?:\b(?P<edge>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[-\s]+)?"
    rf"\b(?P<the>the\s+)?(?P<rel>{alternation(_REL_OFFSET)})\s+(?:fiscal\s+)?(?P<unit>{_CAL_UNIT})\b)"
)


def _resolve_edge_the_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the end of the year', 'the beginning of the month': the publish date's period."""
    gran = unit_gran(m["unit"])
    return dated(ctx.today.at(gran), f"edge of the current {m['unit'].lower()}", anchor="dct",
                 mod=edge_mod(m["edge"]))  # fmt: skip


_EDGE_THE_UNIT = re.compile(
    r"(?i:(?:\bthe\s+)?\b(?P<edge>beginning|start|middle|end)\s+of\s+(?:the\s+)?"
    r"(?P<unit>week|month|year|decade)\b(?![-\u2019']))"
)


def _resolve_year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    return dated(ctx.today.at(G.YEAR), "year-end of publish year", anchor="dct", mod="END")


_YEAR_END = re.compile(r"(?i:\byear[-\s]end\b|\byear['\u2019]s\s+end\b)")


# --- earlier / later this month ------------------------------------------------------


def _resolve_earlier_later(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m["rel"].lower()
    gran = unit_gran(m["unit"]) if m["unit"].lower() not in PARTS_OF_DAY else G.DAY
    if rel == "that":
        base, anchor = ctx.reference()
        period = base.at(gran) if coarser(gran, base.gran) else base
    else:
        period, anchor = ctx.today.at(gran).shift(_REL_OFFSET[rel], gran), "dct"
    if m["unit"].lower() in PARTS_OF_DAY:
        period = period.with_clock(PARTS_OF_DAY[m["unit"].lower()])
    edge = m["edge"].lower()
    mod = "START" if edge == "earlier" else "END"
    first, last = period.interval
    if rel == "this" and first <= ctx.dct <= last and period.gran is not G.TIME:
        interval = (first, ctx.dct) if edge == "earlier" else (ctx.dct, last)
    else:
        interval = None
    return dated(period, f"'{edge} {rel} {m['unit'].lower()}' -> {edge} part of that period",
                 anchor=anchor, mod=mod, interval=interval)  # fmt: skip


_EARLIER_LATER = re.compile(
    r"(?i:\b(?P<edge>earlier|later)\s+(?P<rel>this|that|last|next)\s+"
    r"(?P<unit>week|month|year|decade|morning|afternoon|evening)\b)"
)


def _resolve_that_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'that year', 'the same month': the period of the previous dated expression."""
    if ctx.dct is None or ctx.anchor is None:
        return None
    gran = unit_gran(m["unit"])
    base, anchor = ctx.reference()
    if not coarser(gran, base.gran):
        return None
    return dated(base.at(gran), f"'{m.group().lower()}' -> the {m['unit'].lower()} of the previous expression",
                 anchor=anchor, anchors_next=False)  # fmt: skip


_THAT_UNIT = re.compile(r"(?i:\b(?:that|the\s+same)\s+(?P<unit>week|month|year)\b(?![-\u2019']))")


RULES = [
    Rule(
        "deictic-day",
        _DEICTIC,
        _resolve_deictic,
        needs_dct=True,
        check=_check_deictic,
        priority=7,
        back=3,
        triggers=words("yesterday today tomorrow tonight tonite") | DAY_PART_WORDS,
    ),
    Rule(
        "weekday",
        _WEEKDAY_RE,
        _resolve_weekday,
        needs_dct=True,
        priority=6,
        triggers=words(WEEKDAYS),
        back=2,
    ),
    Rule(
        "relative-unit",
        _REL_UNIT,
        _resolve_relative_unit,
        needs_dct=True,
        priority=6,
        triggers=UNIT_WORDS,
        back=9,
        span_fn=after_group("prep"),
    ),
    Rule(
        "edge-of-the-unit",
        _EDGE_THE_UNIT,
        _resolve_edge_the_unit,
        needs_dct=True,
        priority=6,
        triggers=UNIT_WORDS,
        back=5,
    ),
    Rule(
        "year-end",
        _YEAR_END,
        _resolve_year_end,
        needs_dct=True,
        priority=5,
        triggers=words("year"),
        back=0,
    ),
    Rule(
        "earlier-later-this",
        _EARLIER_LATER,
        _resolve_earlier_later,
        needs_dct=True,
        priority=7,
        triggers=UNIT_WORDS | DAY_PART_WORDS,
        back=3,
    ),
    Rule(
        "that-unit",
        _THAT_UNIT,
        _resolve_that_unit,
        priority=3,
        triggers=words("week month year"),
        back=2,
    ),
]
