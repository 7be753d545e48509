"""Relative rules: yesterday/today/tomorrow, weekdays, this/last/next units, "N units
ago/later", "the following day", "earlier this month", "late last year"."""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import When, when_of
from timeline.temporal.common import (
    APPROX_WORDS,
    after_group,
    coarser,
    dated,
    edge_mod,
    shift_to,
    weekday_near,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.durations import duration_value
from timeline.temporal.lang.en.lexicon import (
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    UNIT_ALT,
    UNIT_WORDS,
    UNITS,
    WEEKDAY_NAME,
    WEEKDAYS,
    alternation,
    parse_number,
    unit_of,
    words,
)
from timeline.temporal.tense import Tense

G = Granularity

_PART = r"(?:morning|afternoon|evening|night|overnight)"
_WEEKDAY = WEEKDAY_NAME
_UNIT = UNIT_ALT
_CAL_UNIT = r"(?:week|month|year|quarter|decade|century|weekend)"


def _unit_gran(word: str) -> Granularity:
    key = unit_of(word)
    if key is None:
        raise KeyError(word)
    gran = UNITS[key][0]
    return G.DAY if key == "weekend" else gran


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
    word = (m["word"] or "").lower()
    part = _clock(m["part"] or m["part2"])
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
    rf"|(?P<this>this)\s+(?P<part2>morning|afternoon|evening)|(?P<lastnight>last\s+night))\b)"
)


# --- weekdays -----------------------------------------------------------------------


def _resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    dct = ctx.dct
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
        tense, word = ctx.tense_marker(m.start(), m.end())
        if tense is Tense.FUTURE and word in ("would", "could", "expected", "due"):
            tense = Tense.UNKNOWN  # reported or hedged future: news weekdays are mostly past
        day, why = weekday_near(weekday, ctx, tense)
    when = when_of(day, G.DAY)
    part = _clock(m["part"])
    if part and part != "NI":
        # "Tuesday afternoon" keeps its part of day (2014-06-10TAF); "Friday night" stays
        # the day, as news annotation (TimeBank) mostly dates it.
        when = when.with_clock(part)
    return dated(when, f"weekday, {why}", anchor="dct", mod=edge_mod(m["edge"]))


_WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<edge>(?i:early|late))\s+)?(?:\b(?P<rel>(?i:last|this|next|past|previous|coming))\s+)?"
    rf"\b(?P<wd>{_WEEKDAY}|{_WEEKDAY.upper()})\b(?:(?:'s)?\s+(?P<part>{_PART})\b)?"
)


# --- this / last / next + unit ------------------------------------------------------

_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1, "this": 0,
               "current": 0, "present": 0, "same": 0, "next": 1, "coming": 1, "following": 1}  # fmt: skip


def _weekend(week: When) -> Resolved:
    sat = week.first + dt.timedelta(days=5)
    value = f"{week.value}-WE"
    return Resolved(TimexType.DATE, value, "weekend of the week", when=None, gran=G.WEEK,
                    anchor="dct", interval=(sat, sat + dt.timedelta(days=1)))  # fmt: skip


def _resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    has_the = bool(m["the"])
    prep = (m["prep"] or "").split()[0].lower() if m["prep"] else ""
    if has_the and rel == "last" and prep == "in" and unit != "weekend":
        # "in the last week": the calendar week before the publish week (TimeBank).
        gran = _unit_gran(unit)
        return dated(ctx.today.at(gran).shift(-1, gran), f"'in the last {unit}' -> previous {unit}",
                     anchor="dct")  # fmt: skip
    if (has_the and rel in ("past", "last")) or (
        has_the and prep in _MEASURE_PREPS and rel in _AHEAD
    ):
        # "the past week", "over the next decade", "during the following year": a stretch.
        value = "P2D" if unit == "weekend" else duration_value(1, unit)
        return Resolved(TimexType.DURATION, value, f"'the {rel} {unit}' -> duration of one {unit}",
                        gran=_unit_gran(unit))  # fmt: skip
    anaphoric = has_the and rel in ("following", "next", "previous", "preceding", "prior", "same")
    base, anchor = ctx.reference() if anaphoric else (ctx.today, "dct")
    gran = G.WEEK if unit == "weekend" else _unit_gran(unit)
    target = shift_to(base.at(gran) if coarser(gran, base.gran) else base, _REL_OFFSET[rel], gran)
    if unit == "weekend":
        if rel == "this" and ctx.tense(m.start(), m.end()) is Tense.PAST and ctx.dct.weekday() < 5:
            target = target.shift(-1, G.WEEK)
        return _weekend(target)
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
    gran = _unit_gran(m["unit"])
    return dated(ctx.today.at(gran), f"edge of the current {m['unit'].lower()}", anchor="dct",
                 mod=edge_mod(m["edge"]))  # fmt: skip


_EDGE_THE_UNIT = re.compile(
    r"(?i:(?:\bthe\s+)?\b(?P<edge>beginning|start|middle|end)\s+of\s+(?:the\s+)?"
    r"(?P<unit>week|month|year|decade)\b(?![-\u2019']))"
)


def _resolve_year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    return dated(ctx.today.at(G.YEAR), "year-end of publish year", anchor="dct", mod="END")


_YEAR_END = re.compile(r"(?i:\byear[-\s]end\b)")


# --- earlier / later this month ------------------------------------------------------


def _resolve_earlier_later(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = m["rel"].lower()
    gran = _unit_gran(m["unit"]) if m["unit"].lower() not in PARTS_OF_DAY else G.DAY
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
    gran = _unit_gran(m["unit"])
    base, anchor = ctx.reference()
    if not coarser(gran, base.gran):
        return None
    return dated(base.at(gran), f"'{m.group().lower()}' -> the {m['unit'].lower()} of the previous expression",
                 anchor=anchor, anchors_next=False)  # fmt: skip


_THAT_UNIT = re.compile(r"(?i:\b(?:that|the\s+same)\s+(?P<unit>week|month|year)\b(?![-\u2019']))")


# --- N units ago / later / from now; in N units; the following day ------------------


def _count(text: str) -> int | None:
    number = parse_number(text)
    if number is None or number != int(number) or number > 10000:
        return None
    return int(number)


def _resolve_offset(m: re.Match[str], ctx: Context) -> Resolved | None:
    n = _count(m["num"])
    direction = m["dir"].lower()
    past = direction in ("ago", "earlier", "before", "back", "previously", "prior")
    if n is None:
        value = "PAST_REF" if past else "FUTURE_REF"
        return Resolved(TimexType.DATE, value, "vague count + direction", gran=G.VAGUE)
    unit_key = unit_of(m["unit"]) or "day"
    if UNITS[unit_key][2] and unit_key != "hour":
        return None  # "ten minutes later": no calendar value worth a date
    gran = G.DAY if unit_key in ("hour", "weekend") else UNITS[unit_key][0]
    amount = n * (10 if unit_key == "decade" else 100 if unit_key == "century" else 1)
    if unit_key in ("decade", "century"):
        gran = G.YEAR
    if unit_key == "hour":
        amount, gran = 0, G.DAY
    if unit_key == "fortnight":
        amount *= 2
    sign = -1 if past else 1
    anaphoric = direction not in ("ago", "back")
    base, anchor = ctx.reference() if anaphoric else (ctx.today, "dct")
    if unit_key == "year" and n == 1 and ctx.anchor is not None and ctx.anchor.gran is G.QUARTER:
        # Financial reports: "a year ago/earlier" compares with the quarter just discussed.
        base, anchor = ctx.reference()
        return dated(base.shift(sign * 4, G.QUARTER), "a year from the quarter under discussion",
                     anchor=anchor, anchors_next=False)  # fmt: skip
    target = shift_to(base, sign * amount, gran)
    approx = m["orso"] or (m["approx"] and m["approx"].lower() in APPROX_WORDS)
    mod = "APPROX" if approx else None
    if m["approx"] and m["approx"].lower() in ("more than", "over", "at least"):
        mod = "BEFORE" if past else "AFTER"
    word = "before" if past else "after"
    return dated(target, f"{n} {unit_key}(s) {word} {'previous expression' if anaphoric else 'publish date'}",
                 anchor=anchor, mod=mod)  # fmt: skip


_APPROX = r"(?P<approx>about|around|roughly|approximately|nearly|almost|some|more\s+than|less\s+than|over|at\s+least|just|only)"
_OFFSET = re.compile(
    rf"(?i:(?:\b{_APPROX}\s+)?\b(?P<num>{NUMBER})[-\s]+(?P<unit>{_UNIT})(?P<orso>\s+or\s+so)?\s+"
    r"(?P<dir>ago|earlier|later|before|after|afterwards?|back|previously|prior)\b)"
)


def _check_offset(m: re.Match[str], ctx: Context) -> bool:
    """'two days after the attack' measures from an event or a time that follows; the
    tagger cannot resolve forward, so it is left to the duration rule ('two days'),
    the TimeML reading. 'two days later', 'a year earlier' stay anaphoric dates, but
    'a week earlier than usual' compares two times: the amount is a measure."""
    if m["dir"].lower() in ("after", "before"):
        return False
    return not _COMPARISON_AFTER.match(ctx.text, m.end())


_COMPARISON_AFTER = re.compile(r"\s+than\b", re.IGNORECASE)


def _check_in_n(m: re.Match[str], ctx: Context) -> bool:
    """'in three days' is a date when the clause looks ahead, otherwise a duration."""
    return ctx.dct is not None and ctx.tense(m.start(), m.end()) is Tense.FUTURE


def _resolve_year_earlier(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the year-earlier period', 'year-ago': the period under discussion, a year back."""
    base, anchor = ctx.reference()
    if base.gran not in (G.QUARTER, G.HALF, G.MONTH):
        if re.search(r"(?i)quarter|period", m.group()):
            # "the year-ago quarter" with no quarter in view: the last one reported.
            base, anchor = ctx.today.at(G.QUARTER).shift(-1, G.QUARTER), "dct"
        else:
            base, anchor = ctx.today.at(G.YEAR), "dct"
    gran = base.gran
    return dated(base.shift(-12, G.MONTH) if gran is not G.YEAR else base.shift(-1, G.YEAR),
                 "year-earlier: the period under discussion a year back", anchor=anchor,
                 anchors_next=False)  # fmt: skip


_YEAR_EARLIER = re.compile(
    r"(?i:\b(?:the\s+)?(?:(?:comparable|corresponding)\s+)?year[-\s](?:earlier|ago)"
    r"(?:\s+(?:period|quarter|months?))?\b"
    r"|\blast\s+year['\u2019]s\s+(?:quarter|period)\b"
    r"|\bthe\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:of\s+)?"
    r"(?:last\s+year|a\s+year\s+(?:ago|earlier))\b"
    r"|\bthe\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)\b)"
)


def _resolve_in_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    n = _count(m["num"])
    unit_key = unit_of(m["unit"])
    if n is None or unit_key is None or UNITS[unit_key][2]:
        return None
    gran = UNITS[unit_key][0]
    return dated(
        shift_to(ctx.today, n, gran),
        f"'in {n} {unit_key}(s)', future tense -> after publish date",
        anchor="dct",
    )


_IN_N = re.compile(
    rf"(?i:\b(?:in|within)\s+(?P<core>(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?|years?))\b)"
)


_THE_DAY = re.compile(
    r"(?i:\bthe\s+(?P<rel>following|next|previous|preceding|prior|same)\s+(?P<unit>day|morning|evening|night|afternoon)\b"
    r"|\b(?P<rel2>that)\s+(?P<unit2>day|morning|evening|night|afternoon)\b"
    r"|\bthe\s+(?P<unit3>day)\s+(?P<after>after|before)\b(?!\s+(?:yesterday|tomorrow)))"
)


# A time, not an event, after "the day before/after" ("the day after Christmas", "the
# day before the vote" is an event).
_TIME_FOLLOWS = re.compile(
    rf"\s*(?:[,.;:)]|$|\s(?:(?:{alternation(MONTHS)})\.?\s+\d"
    rf"|{WEEKDAY_NAME}|christmas|easter|new\s+year|that|then|\d))",
    re.IGNORECASE,
)


def _resolve_the_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the following day', 'that morning', 'the day before': a day from the previous one."""
    if m["rel2"]:
        rel, unit, after = "same", m["unit2"], None
    elif m["unit3"]:
        # "the day before authorities issued a warrant": before an event, not a date.
        if not _TIME_FOLLOWS.match(ctx.text, m.end()):
            return None
        rel, unit, after = "same", "day", m["after"]
    else:
        rel, unit, after = m["rel"], m["unit"], None
    base, anchor = ctx.reference()
    unit = unit.lower()
    offset = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(
        rel.lower(), 0
    )
    if after:
        offset = 1 if after.lower() == "after" else -1
    part = PARTS_OF_DAY.get(unit)
    gran = G.DAY if part else _unit_gran(unit)
    target = shift_to(base, offset, gran)
    if part:
        target = target.with_clock(part)
    return dated(
        target, f"'{m.group().strip()}' relative to the previous expression", anchor=anchor
    )


_DAY_PARTS = words(PARTS_OF_DAY)

RULES = [
    Rule(
        "deictic-day",
        _DEICTIC,
        _resolve_deictic,
        needs_dct=True,
        check=_check_deictic,
        priority=7,
        back=3,
        triggers=words("yesterday today tomorrow tonight tonite") | _DAY_PARTS,
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
        triggers=UNIT_WORDS | _DAY_PARTS,
        back=3,
    ),
    Rule(
        "offset",
        _OFFSET,
        _resolve_offset,
        needs_dct=True,
        check=_check_offset,
        priority=7,
        back=9,
        triggers=words("ago earlier later before after afterward afterwards back previously prior"),
    ),
    Rule(
        "that-unit",
        _THAT_UNIT,
        _resolve_that_unit,
        priority=3,
        triggers=words("week month year"),
        back=2,
    ),
    Rule(
        "year-earlier",
        _YEAR_EARLIER,
        _resolve_year_earlier,
        needs_dct=True,
        priority=7,
        triggers=words("year"),
        back=4,  # "the corresponding period last year"
    ),
    Rule(
        "in-n-units",
        _IN_N,
        _resolve_in_n,
        needs_dct=True,
        check=_check_in_n,
        priority=8,  # beats the plain duration on the same span when the clause looks ahead
        triggers=UNIT_WORDS,
        back=4,
        span_groups=("core",),
    ),
    Rule(
        "the-following-day",
        _THE_DAY,
        _resolve_the_day,
        needs_dct=True,
        priority=6,
        triggers=_DAY_PARTS | words("day after before"),
        back=3,
    ),
]
