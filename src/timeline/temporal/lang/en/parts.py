"""Parts of a year: quarters ("the third quarter of 2013", "Q4 2012", "the
year-ago quarter"), halves ("the first half") and seasons ("last spring", "the
winter of 2010"). Without a year they take it from the publish date and the tense."""

from __future__ import annotations

import re

from timeline.models import Granularity
from timeline.temporal.calendar import SEASONS, When, make_date, season_of, when_of
from timeline.temporal.common import dated, edge_mod
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.en.dates import YEAR
from timeline.temporal.lang.en.lexicon import ORDINALS, SEASON_WORDS, words
from timeline.temporal.tense import Tense

__all__ = ["RULES"]

G = Granularity


def _year_phrase(phrase: str | None, ctx: Context) -> int | None:
    if not phrase:
        return None
    p = phrase.lower()
    if p.isdigit():
        return int(p)
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"last year": -1, "next year": 1}.get(p, 0)


def _resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["year3"] and not m["ord3"]:
        year = int(m["year3"])
        quarter = when_of(ctx.dct, G.QUARTER).shift(-1, G.QUARTER) if ctx.dct else None
        if quarter is None:
            return None
        return dated(
            When(G.QUARTER, quarter.first.replace(year=year)),
            "'the <year> quarter' -> reported quarter of that year",
        )
    number = m["qn"] or m["q2"] or m["ord"] or m["ord3"]
    year = _year_phrase(
        m["year"] or m["year2"] or m["year3"] or (m["yrel"] and f"{m['yrel']} year"), ctx
    )
    rel = (m["rel"] or "").lower()
    if number:
        q = int(number) if number.isdigit() else ORDINALS[number.lower()]
        q = 4 if q == -1 else q
        if year is not None:
            return dated(When(G.QUARTER, make_date(year, 3 * q - 2, 1)), "quarter and year")
        if ctx.dct is None:
            return None
        tense = ctx.tense(m.start(), m.end())
        year = ctx.dct.year
        starts = make_date(year, 3 * q - 2, 1)
        shift = -1 if (starts > ctx.dct and tense is Tense.PAST) or "year" in rel else 0
        why = "past tense, quarter not begun -> previous year" if shift else "publish year"
        quarter = When(G.QUARTER, make_date(year + shift, 3 * q - 2, 1))
        return dated(quarter, f"ordinal quarter, {why}", anchor="dct")
    if ctx.dct is None:
        return None
    current = when_of(ctx.dct, G.QUARTER)
    if "year" in rel:  # "the year-earlier quarter": the reference quarter a year back
        base = (
            ctx.anchor
            if ctx.anchor is not None and ctx.anchor.gran is G.QUARTER
            else current.shift(-1, G.QUARTER)
        )
        return dated(base.shift(-4, G.QUARTER), "year-earlier quarter", anchor="previous quarter")
    offset = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(rel, -1)
    return dated(
        current.shift(offset, G.QUARTER),
        f"'{rel or 'the'} quarter' -> relative to publish quarter",
        anchor="dct",
    )


_QUARTER = re.compile(
    r"\b(?:(?P<yrel>(?i:this|last|next))\s+(?i:year)['\u2019]s\s+)?(?:(?i:the)\s+)?(?:(?P<rel>(?i:latest|last|past|previous|current|this|next|coming|most\s+recent"
    r"|year-earlier|year-ago|comparable|same))\s+)?(?:(?i:fiscal)\s+)?"
    r"(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final))[-\s](?i:quarter)|(?i:quarter)\b)"
    rf"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<year>{YEAR}|(?i:last|this|next)\s+year))?"
    rf"|\b(?P<qn>[1-4])Q\b|\bQ(?P<q2>[1-4])\s+(?P<year2>{YEAR})\b"
    rf"|\b(?:(?i:the)\s+)?(?P<year3>{YEAR})\s+(?:(?P<ord3>(?i:first|second|third|fourth|final))[-\s])?(?i:quarter)\b"
)


def _check_quarter(m: re.Match[str], ctx: Context) -> bool:
    text = ctx.text
    # "a quarter of the vote", "quarters" (barracks), "its quarter-century low" are not periods.
    if m["q2"]:
        return True
    before = text[max(0, m.start() - 3) : m.start()].lower()
    after = text[m.end() : m.end() + 4].lower()
    bare = not (m["ord"] or m["rel"] or m["year"])
    return not (
        bare
        and (
            before.endswith("a ")
            or after.startswith((" of", "s"))
            or re.match(r"-[a-z]", after) is not None
        )
    )


def _resolve_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    which = 1 if m["ord"].lower() == "first" else 2
    year = _year_phrase(m["year"], ctx)
    if year is None:
        if ctx.dct is None:
            return None
        year = ctx.dct.year
    return dated(When(G.HALF, make_date(year, 1 if which == 1 else 7, 1)), "half year")


_HALF = re.compile(
    rf"\b(?i:the)\s+(?P<ord>(?i:first|second|last|latter))\s+(?i:half)"
    rf"(?:\s+(?i:of)\s+(?:(?i:the\s+(?:fiscal\s+)?year)|(?:(?i:fiscal)\s+)?(?P<year>{YEAR}|(?i:last|this|next)\s+year)))?\b"
)


def _resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = SEASON_WORDS[m["season"].lower()]
    mod = edge_mod(m["edge"])
    if m["year"]:
        year = int(m["year"])
        return dated(When(G.SEASON, make_date(year, SEASONS[code], 1)), "season and year", mod=mod)
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    cur_year, cur_code = season_of(ctx.dct)
    this = When(G.SEASON, make_date(ctx.dct.year, SEASONS[code], 1))
    if code == "WI" and cur_code == "WI":
        this = When(G.SEASON, make_date(cur_year, 12, 1))
    started = this.first <= ctx.dct
    ended = this.interval[1] < ctx.dct
    if rel in ("last", "past", "previous"):
        season = this if ended else this.shift(-12, G.MONTH)
    elif rel in ("next", "coming"):
        season = this if not started else this.shift(12, G.MONTH)
    elif rel == "this":
        season = this
    else:
        tense = ctx.tense(m.start(), m.end())
        if tense is Tense.PAST and not started:
            season = this.shift(-12, G.MONTH)
        elif tense is Tense.FUTURE and ended:
            season = this.shift(12, G.MONTH)
        else:
            season = this
    return dated(
        season, f"season, '{rel or 'tense'}' relative to publish date", anchor="dct", mod=mod
    )


_SEASON = re.compile(
    r"(?:\b(?P<rel>(?i:this|last|next|past|previous|coming|the))\s+)?(?:(?P<edge>(?i:early|mid|late))[-\s]+)?"
    rf"\b(?P<season>(?i:spring|summer|autumn|winter|fall))\b(?:\s+(?:(?i:of)\s+)?(?P<year>{YEAR})\b)?"
)


def _check_season(m: re.Match[str], ctx: Context) -> bool:
    text = ctx.text
    if m["year"] or m["edge"] or (m["rel"] and m["rel"].lower() != "the"):
        return True
    if m["season"].lower() == "fall":
        return False  # "fall" bare or "the fall" is usually a verb/noun, not autumn
    before = text[max(0, m.start() - 10) : m.start()].lower()
    return bool(
        re.search(r"\b(?:in|during|this|by|until|over|through|since|of)\s+(?:the\s+)?$", before)
    ) or (m["rel"] is not None)


_QUARTER_TRIGGERS = words("quarter q1 q2 q3 q4 1q 2q 3q 4q")

RULES = [
    Rule(
        "quarter",
        _QUARTER,
        _resolve_quarter,
        check=_check_quarter,
        priority=6,
        triggers=_QUARTER_TRIGGERS,
        back=6,
    ),
    Rule("half", _HALF, _resolve_half, priority=6, triggers=words("half"), back=2),
    Rule(
        "season",
        _SEASON,
        _resolve_season,
        check=_check_season,
        priority=5,
        triggers=words(SEASON_WORDS),
        back=2,
    ),
]
