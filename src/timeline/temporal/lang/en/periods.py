"""Definite periods named by a bare noun phrase: "the year", "the fiscal year", "the
weekend", and the reporting periods of financial news ("the latest period")."""

from __future__ import annotations

import re

from timeline.models import Granularity, TimexType
from timeline.temporal.common import after_group, dated, weekend, weekend_by_tense
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.en.lexicon import words

G = Granularity


def _resolve_the_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the year ended Sept. 30' and 'throughout the year' are a span of one year (the
    day that ends it is its own expression); 'the year', 'for the full year' as a time
    are the publish year, as financial news reports a year's results."""
    qual = (m["qual"] or "").lower()
    span_prep = (m["dur"] or "").strip().lower() not in ("", "for")
    if _ENDED_AFTER.match(ctx.text, m.end()) or span_prep or qual in ("entire", "whole"):
        return Resolved(TimexType.DURATION, "P1Y", "a year-long span ('the year ended ...')",
                        gran=G.YEAR)  # fmt: skip
    if ctx.dct is None:
        return None
    offset = -1 if qual in ("latest", "last", "past", "previous", "prior") else 0
    return dated(
        ctx.today.at(G.YEAR).shift(offset, G.YEAR),
        f"'the {qual + ' ' if qual else ''}year' -> publish year{' - 1' if offset else ''}",
        anchor="dct",
    )


_THE_YEAR = re.compile(
    r"(?i:(?P<dur>\b(?:for|during|throughout|over)\s+)?\bthe\s+(?:(?P<qual>current|latest|full|entire|whole"
    r"|previous|prior)\s+)?(?:fiscal\s+)?year\b(?!['\u2019]s|\s+(?:earlier|ago|before|after|of|in|when|that|"
    r"\d|to\s+date)))"
)
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)


def _resolve_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    week, why = weekend_by_tense(ctx, ctx.tense(m.start(), m.end()))
    return weekend(week, f"'the weekend', {why}")


_WEEKEND = re.compile(r"(?i:\bthe\s+weekend\b)")


def _resolve_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the latest period', 'the period': the last reported quarter (financial news)."""
    if ctx.anchor is not None and ctx.anchor.gran in (G.QUARTER, G.HALF):
        base, anchor = ctx.reference()
        return dated(base, "'the period' -> the period under discussion", anchor=anchor)
    quarter = ctx.today.at(G.QUARTER).shift(-1, G.QUARTER)
    return dated(quarter, "'the latest period' -> the last completed quarter", anchor="dct")


_PERIOD = re.compile(r"(?i:\bthe\s+(?:latest|most\s+recent|same|comparable)\s+period\b)")

RULES = [
    Rule(
        "the-year",
        _THE_YEAR,
        _resolve_the_year,
        priority=2,
        triggers=words("year"),
        back=5,
        span_fn=after_group("dur"),
    ),
    Rule(
        "the-weekend",
        _WEEKEND,
        _resolve_weekend,
        needs_dct=True,
        priority=2,
        triggers=words("weekend"),
        back=1,
    ),
    Rule(
        "the-period",
        _PERIOD,
        _resolve_period,
        needs_dct=True,
        priority=7,
        triggers=words("period"),
        back=3,
    ),
]
