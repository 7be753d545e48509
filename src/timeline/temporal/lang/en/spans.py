"""Durations ("20-year", "three years", "the past two weeks", "months"), sets ("every
year", "annually"), vague references ("now", "recently", "the coming weeks") and clock
times ("3 p.m.")."""

from __future__ import annotations

import re

from timeline.models import Granularity, TimexType
from timeline.temporal.common import APPROX_WORDS, vague
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.durations import duration_value
from timeline.temporal.lang.en.lexicon import (
    MONTH_NAME,
    MONTHS,
    NUMBER,
    SEASON_WORDS,
    UNIT_ALT,
    UNIT_WORDS,
    UNITS,
    WEEKDAY_NAME,
    WEEKDAYS,
    parse_number,
    unit_of,
    words,
)

G = Granularity

_UNIT = UNIT_ALT

_MOD_WORDS = {"more than": "AFTER", "over": "AFTER", "at least": "AFTER", "less than": "BEFORE",
              "under": "BEFORE", "up to": "BEFORE", "no more than": "BEFORE"}  # fmt: skip


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = " ".join(word.lower().split())
    return "APPROX" if w in APPROX_WORDS else _MOD_WORDS.get(w)


def _resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit_key = unit_of(m["unit"])
    if unit_key is None or unit_key == "weekend":
        return None
    # "three-quarters of its food", "a quarter of the market": a fraction, not a time.
    if unit_key == "quarter" and _FRACTION_AFTER.match(ctx.text, m.end()):
        return None
    number = parse_number(m["num"]) if m["num"] else None
    if (
        m["num"]
        and number is None
        and m["num"].lower() not in ("several", "few", "a few", "many", "some")
    ):
        return None
    if _AND_A_HALF.search(m["core"]):  # "two and a half years", "two years and a half"
        number = (number or 1) + 0.5
    value = duration_value(number, unit_key)
    gran = UNITS[unit_key][0]
    return Resolved(TimexType.DURATION, value, f"duration: {m['num'] or 'some'} {unit_key}(s)",
                    mod=_mod(m["approx"]), gran=gran)  # fmt: skip


_FRACTION_AFTER = re.compile(
    r"[-\s]+(?:of\s+(?!\d{4}\b|(?:the|this|last|next|its|fiscal)\s+(?:\w+\s+)?(?:year|fiscal))|centur)",
    re.IGNORECASE,
)

_APPROX = (
    r"(?P<approx>about|around|roughly|approximately|nearly|almost|some|more\s+than|less\s+than"
    r"|at\s+least|no\s+more\s+than|up\s+to|just)"
)
_DURATION = re.compile(
    rf"(?i:(?:\b{_APPROX}\s+)?(?P<the>\bthe\s+(?:(?:past|last|first|next|previous|final|coming|following"
    r"|latest|same|entire|full)\s+)?)?"
    rf"\b(?P<core>(?P<num>{NUMBER})(?:\s+and\s+a\s+half)?(?P<sep>[-\s]+)"
    rf"(?:(?:trading|business|working|calendar|school|more|additional|further|extra)\s+)?(?P<unit>{_UNIT})"
    r"(?P<and_half>\s+and\s+a\s+half)?(?:-long)?)\b(?!-old|\s+old\b))"
)


def _resolve_range_first(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'between 6 and 9 months', 'two to three weeks': the first count takes the unit
    written only after the second."""
    unit_key = unit_of(m["unit"])
    number = parse_number(m["num"] or m["num_or"])
    if unit_key is None or unit_key == "weekend" or number is None:
        return None
    return Resolved(TimexType.DURATION, duration_value(number, unit_key),
                    f"first count of a range: {number:g} {unit_key}(s)", gran=UNITS[unit_key][0])  # fmt: skip


_RANGE_FIRST = re.compile(
    rf"(?i:(?:\bbetween\s+(?P<num>{NUMBER})\s+and\s+|\b(?P<num_or>{NUMBER})\s+or\s+)"
    rf"(?P<num2>{NUMBER})[-\s]+(?P<unit>{_UNIT})\b)"
)


def _duration_span(m: re.Match[str]) -> tuple[int, int]:
    """'the nine months' keeps its article; an adjective ('the 20-year pact') does not."""
    the = m["the"]
    if the and "-" in m["sep"] and len(the.split()) == 1:
        return m.span("core") if not m["approx"] else (m.start(), m.end())
    return m.span()


def _check_duration(m: re.Match[str], ctx: Context) -> bool:
    text = ctx.text
    num = m["num"].lower()
    if num in ("a", "an") and m["unit"].lower().endswith("s"):
        return False  # "a decades-long feud": the article is the noun's, no count
    if num in ("a", "an", "one") and not m["approx"]:
        before = text[max(0, m.start() - 25) : m.start()].lower()
        # "$5 million a year", "twice a day" are sets; "one day he will" is vague.
        if re.search(r"(?:\d|million|billion|percent|%|times|twice|once)\s*$", before):
            return False
        # "for one day", "only one day", "a one-day trip" measure; "One day, he..." is a
        # vague past or future.
        if num == "one" and m["unit"].lower() == "day" and "-" not in m["sep"]:
            return _MEASURE_BEFORE.search(before) is not None
        # "a second betrayal", "A second group": the ordinal, not one second.
        if m["unit"].lower() == "second" and _ORDINAL_AFTER.match(text, m.end()):
            return False
    return True


_MEASURE_BEFORE = re.compile(
    r"\b(?:for|by|in|within|only|just|than|about|over|after|until|job|been|lasted|lasts|last)\s+$"
)
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|may|might|can|should|must)\s+(?:\w+ly\s+)?$", re.I
)
_AND_A_HALF = re.compile(r"\band\s+a\s+half\b", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(
    r"\s+(?!(?:later|earlier|ago|or|and|of|in|to|before|after|longer|more|less)\b)[a-z]"
)


_BARE_UNITS = re.compile(
    r"(?i:(?<![-\w])(?:(?:for|in|over|within|after|take|takes|took|taking|last|lasted|lasting)\s+"
    r"(?:(?:many|several|a\s+few|few|the\s+past|the)\s+)?)(?P<unit>years|months|weeks|days|decades|hours"
    r"|minutes)\b"
    r"|\b(?P<unit2>months|weeks|years|decades)\s+(?:of|ago|earlier|later|long|before|after)\b"
    r"|\b(?P<unit3>seconds|minutes|hours|days)\s+(?:earlier|later|before|after)\b"
    # "a decades-long battle", "their third day-long meeting": the length of what follows.
    r"|(?<![-\w])(?P<unit4>(?:hour|day|week|month|year|decade)s?)-long\b)"
)


def _resolve_bare_units(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]
    unit_key = unit_of(unit)
    if unit_key is None:
        return None
    if not unit.lower().endswith("s"):  # "day-long": one day
        return Resolved(TimexType.DURATION, duration_value(1, unit_key),
                        f"'{unit.lower()}-long' -> one {unit_key}", gran=UNITS[unit_key][0])  # fmt: skip
    return Resolved(TimexType.DURATION, duration_value(None, unit_key),
                    f"unquantified '{unit.lower()}' -> vague duration", gran=UNITS[unit_key][0])  # fmt: skip


# --- sets -----------------------------------------------------------------------------

_SET_WORDS = {"annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "daily": "P1D", "weekly": "P1W",
              "monthly": "P1M", "hourly": "PT1H", "nightly": "P1D",
              "biweekly": "P2W", "biannually": "P6M"}  # fmt: skip


def _resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["word"]:
        return Resolved(
            TimexType.SET, _SET_WORDS[m["word"].lower()], f"frequency word '{m['word'].lower()}'"
        )
    if m["wd"]:
        value = f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}"
        return Resolved(TimexType.SET, value, "every + weekday")
    if m["mon"]:
        return Resolved(TimexType.SET, f"XXXX-{MONTHS[m['mon'].lower()]:02d}", "every + month")
    if m["season"]:
        code = SEASON_WORDS.get(m["season"].lower())
        if code is None:  # "every season": one in each quarter of the year
            return Resolved(TimexType.SET, "P3M", "every season -> every three months")
        return Resolved(TimexType.SET, f"XXXX-{code}", "every + season")
    unit_key = unit_of(m["unit"])
    if unit_key is None:
        return None
    number = parse_number(m["num"]) if m["num"] else 1
    if number is None:
        return None
    value = duration_value(number, unit_key)
    return Resolved(TimexType.SET, value, f"every {m['num'] or ''} {unit_key}".replace("  ", " "))


_SET = re.compile(
    r"(?i:\b(?P<word>annually|yearly|daily|weekly|monthly|hourly|nightly|biweekly|biannually)\b"
    r"|\b(?:every|each)\s+(?:(?P<num>other|two|three|four|five|six|ten|\d{1,2})\s+)?"
    r"(?P<unit>days?|weeks?|months?|years?|hours?|decades?|mornings?|nights?|evenings?|quarters?)\b"
    rf"|\b(?:every|each)\s+(?P<wd>{WEEKDAY_NAME})\b"
    rf"|\b(?:every|each)\s+(?P<mon>{MONTH_NAME})\b"
    r"|\b(?:every|each)\s+(?P<season>spring|summer|autumn|fall|winter|season)\b"
    r"|(?<=\s)(?:a|per)\s+(?P<unit2>year|month|week|day)\b)"
)


def _check_set(m: re.Match[str], ctx: Context) -> bool:
    if m["num"] and m["num"].lower() == "other":
        return True
    if m["unit2"]:
        before = ctx.text[max(0, m.start() - 25) : m.start()].lower()
        return bool(
            re.search(r"(?:\d|million|billion|percent|%|times|twice|once|dollars)\s*$", before)
        )
    if m["word"] and m["word"].lower() == "annual":
        return False
    return True


def _resolve_set_any(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["unit2"]:
        value = duration_value(1, m["unit2"].lower())
        return Resolved(
            TimexType.SET, value, f"'a {m['unit2'].lower()}' after an amount -> frequency"
        )
    if m["num"] and m["num"].lower() == "other":
        unit_key = unit_of(m["unit"]) or "day"
        return Resolved(TimexType.SET, duration_value(2, unit_key), f"every other {unit_key}")
    if m["unit"] and m["unit"].lower().rstrip("s") in ("morning", "night", "evening"):
        return Resolved(TimexType.SET, "P1D", "every morning/evening/night")
    return _resolve_set(m, ctx)


# --- vague references ----------------------------------------------------------------

_VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "recent": "PAST_REF",
    "current": "PRESENT_REF",
    "formerly": "PAST_REF", "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "one day": "FUTURE_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "a later date": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
}  # fmt: skip


def _resolve_vague(m: re.Match[str], ctx: Context) -> Resolved | None:
    text = " ".join(m.group().lower().split())
    if m["coming"]:
        value = "FUTURE_REF"
    elif m["recent"]:
        unit_key = unit_of(m["recent"].split()[-1])
        if unit_key is not None and unit_key not in ("year", "decade"):
            # "in recent months": a stretch of months up to now (TimeBank: PXM); "recent
            # years" stays the vague past, as the corpus mostly annotates it.
            return Resolved(TimexType.DURATION, duration_value(None, unit_key),
                            f"'{text}' -> unquantified duration", gran=UNITS[unit_key][0])  # fmt: skip
        value = "PAST_REF"
    else:
        value = _VAGUE.get(text)
    if value is None:
        return None
    return vague(value, f"vague reference '{text}' -> {value}")


_VAGUE_RE = re.compile(
    r"(?i:\b(?:right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment"
    r"|recently|lately|a\s+later\s+date|formerly|as\s+soon\s+as\s+possible|soon|one\s+day"
    r"|the\s+(?:near\s+)?future|the\s+present|the\s+past|the\s+(?:near|short)\s+term)\b"
    r"|\b(?P<coming>(?:the\s+)?(?:coming|next\s+few|upcoming)\s+(?:days|weeks|months|quarters|years|decades)"
    r"|future\s+(?:quarters|years|decades)|the\s+(?:days|weeks|months|years)\s+ahead)\b"
    r"|\b(?P<recent>(?:recent|past)\s+(?:years|months|weeks|quarters|days|decades|times))\b"
    r"|\brecent\b(?=\s+[a-z])"
    # "the current weakness": the present, as "recent" is the past; "current account",
    # "current prices" are terms of accounting, "the current was strong" is a stream.
    r"|\bcurrent\b(?=\s+[a-z])(?!\s+(?:accounts?|assets|liabilities|affairs|dollars|prices|terms"
    r"|was|is|were|are|has|had|and|or|of|in|from|to|that|which|carried|swept)\b))"
)


def _check_vague(m: re.Match[str], ctx: Context) -> bool:
    word = m.group().lower()
    after = ctx.text[m.end() : m.end() + 12].lower()
    if word in ("the past", "the present") and re.match(r"\s+(?:tense|participle)", after):
        return False
    # "will one day be": the future; "one day, he..." is left alone.
    if word == "one day":
        return _MODAL_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()) is not None
    # "as soon as" is a conjunction: "as soon as possible", "as soon as he arrives".
    if (
        word == "soon"
        and ctx.text[max(0, m.start() - 3) : m.start()].lower() == "as "
        and after.startswith(" as")
    ):
        return False
    return True


_VAGUE_TRIGGERS = words(
    "now currently current present presently nowadays days moment recently lately previously formerly"
    " later future past recent soon formerly weeks months years decades times ahead term day"
)

RULES = [
    Rule(
        "duration",
        _DURATION,
        _resolve_duration,
        check=_check_duration,
        priority=4,
        triggers=UNIT_WORDS,
        back=9,
    ),
    Rule(
        "range-first-count",
        _RANGE_FIRST,
        _resolve_range_first,
        priority=4,
        triggers=UNIT_WORDS,
        back=7,
        span_groups=("num", "num_or"),
    ),
    Rule(
        "bare-units",
        _BARE_UNITS,
        _resolve_bare_units,
        priority=1,
        span_groups=("unit", "unit2", "unit3"),
        triggers=UNIT_WORDS,
        back=4,
    ),
    Rule(
        "set",
        _SET,
        _resolve_set_any,
        check=_check_set,
        priority=5,
        back=3,
        triggers=words(
            _SET_WORDS,
            WEEKDAYS,
            MONTH_NAME,
            MONTHS,
            SEASON_WORDS,
            "morning mornings night nights evening evenings season",
        )
        | UNIT_WORDS,
    ),
    Rule(
        "vague",
        _VAGUE_RE,
        _resolve_vague,
        check=_check_vague,
        priority=3,
        triggers=_VAGUE_TRIGGERS,
        back=3,
    ),
]
