"""Clock times ("3 p.m. Friday", "09:15 GMT Monday", "at 14:30", "noon") and race
times ("2:41:07", an elapsed time)."""

from __future__ import annotations

import re

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import When, when_of
from timeline.temporal.common import dated, weekday_near
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.en.lexicon import (
    WEEKDAY_NAME,
    WEEKDAYS,
    words,
)
from timeline.temporal.lang.en.relative import weekday_tense

__all__ = ["RULES"]

G = Granularity


def _named_day(m: re.Match[str], ctx: Context) -> When:
    """The day a clock time is attached to: "3 p.m. Friday", "9 a.m. tomorrow"."""
    word = m["day"].lower()
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    if word in offsets:
        return ctx.today.shift(offsets[word], Granularity.DAY)
    day, _ = weekday_near(WEEKDAYS[word], ctx, weekday_tense(ctx, m.start(), m.end()))
    return when_of(day, Granularity.DAY)


def _resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["noon"]:
        hour, minute = (12, 0) if m["noon"].lower() in ("noon", "midday") else (24, 0)
    elif m["h24"] or m["h24b"]:
        hour, minute = int(m["h24"] or m["h24b"]), int(m["m24"] or m["m24b"])
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        ampm = m["ampm"].lower().replace(".", "").replace(" ", "")
        ampm = "am" if ampm.endswith("morning") else "pm" if ampm.endswith("ing") else ampm
        if hour > 12 or minute > 59:
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    if m["day"]:
        day, anchor = _named_day(m, ctx), "dct"
    else:
        base, anchor = ctx.reference()
        day = base if base.gran is Granularity.DAY else ctx.today
        anchor = anchor if day is base else "dct"
    clock = f"{hour:02d}:{minute:02d}" if hour != 24 else "24:00"
    return dated(
        day.with_clock(clock), "clock time on the reference day", anchor=anchor, anchors_next=False
    )


_ZONE = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|MSK)"
_CLOCK = re.compile(
    r"(?:(?i:\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b"
    r"|(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))"
    r"|\b(?<!high\s)(?P<noon>noon|midnight|midday))"  # "high noon" is a showdown
    # 24-hour clock: with a time zone ("09:15 GMT") or after "at" ("at 14:30").
    rf"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![:\d])(?=\s*{_ZONE}\b)"
    r"|(?<=\b[Aa]t\s)(?P<h24b>[01]?\d|2[0-3]):(?P<m24b>[0-5]\d)(?![:\d]|[.,]\d))"
    rf"(?:\s+(?:[A-Z]{{2,4}}\s+)?(?:(?i:on)\s+)?(?P<day>{WEEKDAY_NAME}|(?i:today|tomorrow|yesterday|tonight)))?\b"
)


def _resolve_race_time(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'finished in 2:41:07': hours, minutes and seconds elapsed, not a time of day."""
    parts = [(int(m["h"]), "H"), (int(m["m"]), "M"), (int(m["s"]), "S")]
    value = "PT" + "".join(f"{n}{u}" for n, u in parts if n) if any(n for n, _ in parts) else "PT0S"
    return Resolved(TimexType.DURATION, value, "h:mm:ss with no zone or am/pm -> elapsed time",
                    gran=G.TIME)  # fmt: skip


_RACE_TIME = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![:\d]|\.\d)"
    rf"(?!\s*(?i:a\.?m\b|p\.?m\b|{_ZONE}\b))"
)


RULES = [
    Rule(
        "clock",
        _CLOCK,
        _resolve_clock,
        needs_dct=True,
        priority=5,
        triggers=words("noon midnight midday"),
        numeric=re.compile(r"[012]?\d(?:[ap]m)?"),
    ),
    Rule("race-time", _RACE_TIME, _resolve_race_time, priority=6, numeric=re.compile(r"\d{1,2}")),
]
