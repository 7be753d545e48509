"""Offsets from the publish date or the previous expression: "three years ago", "two
days later", "in three days", "the following day", "the year-earlier quarter"."""

from __future__ import annotations

import re

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import When
from timeline.temporal.common import (
    APPROX_WORDS,
    dated,
    edge_mod,
    shift_to,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.joins import PART_OF_DAY_IN_VIEW
from timeline.temporal.lang.en.lexicon import (
    DAY_PART_WORDS,
    MONTHS,
    NUMBER,
    ORDINALS,
    PARTS_OF_DAY,
    UNIT_ALT,
    UNIT_WORDS,
    UNITS,
    WEEKDAY_NAME,
    alternation,
    parse_number,
    unit_gran,
    unit_of,
    words,
)
from timeline.temporal.tense import Tense

__all__ = ["RULES"]

G = Granularity
_UNIT = UNIT_ALT


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
    if anaphoric and base.gran is G.DAY and unit_key == "year":
        # "for the quarter ended Sept. 30 ... up from $100 million a year earlier": the
        # same day a year back, as precise as the day it counts from (a count of weeks
        # or months stays at its own unit: "two weeks later" is a week).
        target = base.shift(sign * amount, gran)
    else:
        target = shift_to(base, sign * amount, gran)
    approx = m["orso"] or (m["approx"] and m["approx"].lower() in APPROX_WORDS)
    mod = "APPROX" if approx else None
    if m["approx"] and m["approx"].lower() in ("more than", "over", "at least"):
        mod = "BEFORE" if past else "AFTER"
    word = "before" if past else "after"
    # "up from $1.4 billion a year ago": a comparison, not the time the story moves to.
    compares = past and n == 1 and unit_key == "year"
    return dated(target, f"{n} {unit_key}(s) {word} {'previous expression' if anaphoric else 'publish date'}",
                 anchor=anchor, mod=mod, anchors_next=not compares)  # fmt: skip


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
    rf"(?i:\bin\s+(?P<core>(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?|years?))\b)"
)


_THE_DAY = re.compile(
    r"(?i:\bthe\s+(?P<rel>following|next|previous|preceding|prior|same)\s+(?P<unit>day|morning|evening|night|afternoon)\b"
    r"|\b(?P<rel2>that)\s+(?P<unit2>day|morning|evening|night|afternoon)\b"
    r"|\bthe\s+(?P<unit3>day)\s+(?P<after>after|before)\b(?!\s+(?:yesterday|tomorrow))"
    r"|(?<=\bin\s)the\s+(?P<unit4>day|morning|afternoon|evening)\b(?!\s+of\b)"
    r"|\b(?P<edge5>early|late|mid)[-\s](?P<unit5>morning|afternoon|evening)\b"
    # "the second day of an offensive": a day of an event, the day in view (a day of a
    # month, season or year is a calendar date, not this).
    rf"|\b(?:the\s+)?(?:{alternation(ORDINALS)})\s+(?P<unit6>day)(?=\s+of\s+(?!the\s+(?:month|year|week)\b"
    rf"|(?:{alternation(MONTHS)}|spring|summer|autumn|fall|winter|this|next|last|each|every)\b)))"
)


# A time, not an event, after "the day before/after" ("the day after Christmas", "the
# day before the vote" is an event).
_TIME_FOLLOWS = re.compile(
    rf"\s*(?:[,.;:)]|$|\s(?:(?:{alternation(MONTHS)})\.?\s+\d"
    rf"|(?:(?:last|next|this)\s+)?{WEEKDAY_NAME}|christmas|easter|new\s+year|that|then|\d))",
    re.IGNORECASE,
)


def _resolve_the_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the following day', 'that morning', 'the day before': a day from the previous one."""
    unit = m["unit4"] or m["unit5"] or m["unit6"]
    if unit:  # "later in the day", "in the morning", "by mid-afternoon": the day in view
        base, anchor = ctx.reference()
        if base.gran not in (G.DAY, G.TIME):
            base, anchor = ctx.today, "dct"
        part = PARTS_OF_DAY.get(unit.lower())
        day = When(G.DAY, base.first)
        why = PART_OF_DAY_IN_VIEW if part else "the day in view"
        return dated(day.with_clock(part) if part else day, why,
                     anchor=anchor, anchors_next=False, mod=edge_mod(m["edge5"]))  # fmt: skip
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
    gran = G.DAY if part else unit_gran(unit)
    target = shift_to(base, offset, gran)
    if part:
        target = target.with_clock(part)
    return dated(
        target, f"'{m.group().strip()}' relative to the previous expression", anchor=anchor
    )


RULES = [
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
        triggers=DAY_PART_WORDS | words("day after before"),
        back=3,
    ),
]
