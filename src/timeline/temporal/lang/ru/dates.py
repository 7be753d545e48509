"""Russian calendar names: "5 апреля 2025 года", "05.04.2025", "в начале апреля",
"в апреле прошлого года", "в 2024 году", "2011-2012 годах", "в 1990-х годах",
"в XX веке", "в первом квартале", "весной 2023 года". Names without a year take it
from the publish date and the clause's tense, as in English."""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import Granularity
from timeline.temporal.calendar import SEASONS, When, make_date, season_of
from timeline.temporal.common import (
    century_when,
    choose_day,
    choose_year_for_month,
    dated,
    day_when,
    month_when,
    year_range_rules,
    year_when,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.lang.ru.lexicon import (
    EDGE_BEFORE,
    MONTH,
    MONTH_ENDINGS,
    MONTH_STEMS,
    NUMBER,
    PARTS_OF_DAY,
    RELATIVE_WORD,
    SEASON,
    SEASON_ENDINGS,
    SEASON_STEMS,
    edge_of,
    forms,
    month_of,
    parse_number,
    relative_of,
    season_of_word,
)
from timeline.temporal.tense import Tense
from timeline.temporal.words import alternation

__all__ = ["RULES"]

G = Granularity
_I = re.IGNORECASE
YEAR = r"(?:1\d{3}|20\d\d)"
_YEAR_WORD = r"(?:\s*(?:года|году|год|годом|г\.))"
_MONTH_WORDS = forms(MONTH_STEMS, MONTH_ENDINGS)


def _rel_year(m: re.Match[str], ctx: Context) -> int | None:
    """The year named by "2024 года" or "прошлого года" after a month or quarter."""
    if m["year"]:
        return int(m["year"])
    if m["rel"] and ctx.dct is not None:
        return ctx.dct.year + relative_of(m["rel"])
    return None


def _day(m: re.Match[str], ctx: Context, day: int) -> tuple[dt.date, str] | None:
    """``day`` of the match's month, in its year or the one the tense points to."""
    month = month_of(m["mon"])
    if m["year"]:
        return make_date(int(m["year"]), month, day), "число, месяц и год"
    if ctx.dct is None:
        return None
    # A range ("с 1 по 10 июля") takes its year from its last day.
    found = choose_day(month, int(m["day"]), ctx, ctx.tense(m.start(), m.end()))
    if found is None:
        return None
    return make_date(found[0].year, month, day), f"число и месяц, {found[1]}"


def _resolve_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    found = _day(m, ctx, int(m["day"]))
    if found is None:
        return None
    when = day_when(found[0])
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    return dated(when.with_clock(part) if part else when, found[1], anchor="dct")


def _resolve_first_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'с 1 по 10 июля', '1-10 июля', '1 и 2 июля': the first day takes the month."""
    found = _day(m, ctx, int(m["first"]))
    return None if found is None else dated(day_when(found[0]), f"первый день, {found[1]}")


_PART_BEFORE = rf"(?:(?P<part>{alternation(PARTS_OF_DAY)})\s+)?"  # "вечером 8 июня"
_DATE = re.compile(
    rf"(?<!\w){_PART_BEFORE}(?:(?P<first>[0-3]?\d)(?:\s*[-\u2013\u2014]\s*|\s+(?:по|и)\s+))?"
    rf"(?P<day>[0-3]?\d)(?:-?(?:го|е))?\s+(?P<mon>{MONTH})(?!\w)"
    rf"(?:\s+(?P<year>{YEAR}){_YEAR_WORD}?)?(?!\w)",
    _I,
)


def _date_span(m: re.Match[str]) -> tuple[int, int]:
    """Without the first day of a range, which is its own expression."""
    return (m.start("day") if m["first"] else m.start(), m.end())


def _resolve_numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    return dated(day_when(make_date(int(m["y"]), int(m["mo"]), int(m["d"]))), "дата ДД.ММ.ГГГГ")


_NUMERIC = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>\d{4})(?![\d]|\.\d)")


def _resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = month_of(m["mon"])
    mod = edge_of(m["edge"])
    year = _rel_year(m, ctx)
    if year is not None:
        return dated(month_when(year, month), "месяц и год", mod=mod)
    if ctx.dct is None:
        return None
    year, why = choose_year_for_month(month, ctx, ctx.tense(m.start(), m.end()))
    return dated(month_when(year, month), f"месяц, {why}", anchor="dct", mod=mod)


_MONTH = re.compile(
    rf"(?<!\w){EDGE_BEFORE}(?P<mon>{MONTH})(?!\w)"
    rf"(?:\s+(?P<year>{YEAR}){_YEAR_WORD}?|\s+(?P<rel>{RELATIVE_WORD})\s+года)?(?!\w)",
    _I,
)


def _resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return dated(year_when(int(m["year"])), "год", mod=edge_of(m["edge"]))


_YEAR = re.compile(
    rf"(?<![\w.,]){EDGE_BEFORE}(?P<year>{YEAR})(?:{_YEAR_WORD}(?!\w)"
    rf"|(?![\d/-]|[.,]\d|\s*(?:%|процент|человек|руб|долл|тонн|км|штук|единиц)))",
    _I,
)
_YEAR_PREP = re.compile(r"(?:^|\s)(?:в|во|с|со|до|к|после|от|по|за|на|между|и)\s+$", _I)


def _check_year(m: re.Match[str], ctx: Context) -> bool:
    """A bare number is a year only after a preposition ("в 2024", "с 1991") or with
    "году"/"г." after it; "2024 человека" is a count."""
    if m.group().rstrip().endswith(("год", "года", "году", "годом", "г.")) or m["edge"]:
        return True
    return _YEAR_PREP.search(ctx.text, max(0, m.start() - 8), m.start()) is not None


_RANGE = re.compile(
    rf"(?<![\w.,])(?P<y1>{YEAR})\s*[-\u2013\u2014]\s*(?P<y2>{YEAR}|\d\d)(?![\d.,/-]\d)"
    r"(?:\s*(?:годах|годы|годов|годам|годами|гг\.))?",
    _I,
)


def _resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'1990-х', '90-х' (a two-digit decade before 20 is this century's: '10-х')."""
    digits = int(m["dec"])
    start = digits if digits >= 1000 else (1900 if digits >= 20 else 2000) + digits
    when = When(G.DECADE, make_date(start // 10 * 10, 1, 1))
    return dated(when, "десятилетие", mod=edge_of(m["edge"]))


_DECADE = re.compile(
    rf"(?<![\w.,]){EDGE_BEFORE}(?P<dec>1\d{{2}}0|20\d0|\d0)-?(?:х|е|ые|ых)(?!\w)(?:\s+(?:годах|годы|годов|годам))?",
    _I,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(text: str) -> int:
    values = [_ROMAN[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    number = int(m["num"]) if m["num"].isdigit() else _roman(m["num"])
    return dated(century_when(number), "век", mod=edge_of(m["edge"]))


_CENTURY = re.compile(
    rf"(?<!\w){EDGE_BEFORE}(?P<num>[IVXL]{{1,6}}|\d{{1,2}})(?:-?м)?\s+(?:век|века|веке)(?!\w)"
)


# Parts of a year: noun stem -> (granularity, months in one part, parts in a year).
_YEAR_PARTS = {"квартал": (G.QUARTER, 3, 4), "полугоди": (G.HALF, 6, 2), "половин": (G.HALF, 6, 2)}


def _resolve_year_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'в первом квартале 2025 года', 'во втором полугодии', 'в IV квартале'."""
    gran, months, count = next(v for k, v in _YEAR_PARTS.items() if m["part"].lower().startswith(k))
    raw = m["num"]
    number = int(raw) if raw.isdigit() else _roman(raw) if raw.isupper() else parse_number(raw)
    if number is None or not 1 <= number <= count or number != int(number):
        return None
    first_month = months * (int(number) - 1) + 1
    year = _rel_year(m, ctx)
    if year is None:
        if ctx.dct is None:
            return None
        year = ctx.dct.year
        if (
            make_date(year, first_month, 1) > ctx.dct
            and ctx.tense(m.start(), m.end()) is Tense.PAST
        ):
            year -= 1
    return dated(When(gran, make_date(year, first_month, 1)), f"часть года: {m['part'].lower()}")


_YEAR_PART = re.compile(
    rf"(?<!\w)(?P<num>[1-4]|I{{1,3}}|IV|{NUMBER})(?:-?м)?\s+(?P<part>квартал[еау]?|полугоди[иеяю]"
    rf"|половин[аеуы])(?!\w)(?:\s+(?P<year>{YEAR}){_YEAR_WORD}?|\s+(?P<rel>{RELATIVE_WORD})\s+года"
    r"|\s+года)?",
    _I,
)


def _resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = season_of_word(m["season"])
    if m["year"]:
        return dated(When(G.SEASON, make_date(int(m["year"]), SEASONS[code], 1)), "сезон и год")
    if ctx.dct is None:
        return None
    cur_year, cur_code = season_of(ctx.dct)
    this = When(G.SEASON, make_date(ctx.dct.year, SEASONS[code], 1))
    if code == "WI" and cur_code == "WI":
        this = When(G.SEASON, make_date(cur_year, 12, 1))
    if m["rel"]:
        return dated(this.shift(12 * relative_of(m["rel"]), G.MONTH), "сезон, относительно даты")
    tense = ctx.tense(m.start(), m.end())
    if tense is Tense.PAST and this.first > ctx.dct:
        this = this.shift(-12, G.MONTH)
    elif tense is Tense.FUTURE and this.interval[1] < ctx.dct:
        this = this.shift(12, G.MONTH)
    return dated(this, "сезон по времени глагола", anchor="dct")


_SEASON = re.compile(
    rf"(?<!\w)(?:(?P<rel>{RELATIVE_WORD})\s+)?(?P<season>{SEASON})(?!\w)"
    rf"(?:\s+(?P<year>{YEAR}){_YEAR_WORD}?(?!\w))?",
    _I,
)


def _check_season(m: re.Match[str], ctx: Context) -> bool:
    """'лета' and 'весны' in a bare genitive ("с весны") are seasons; 'лето' as a subject
    is too. But "летом" needs no help; only the relative form must be one of ours."""
    return not (m["rel"] and m["rel"].lower().startswith("эт") and m["season"].lower()[-1] == "а")


def _has_first(m: re.Match[str], ctx: Context) -> bool:
    return m["first"] is not None


_FOUR_DIGITS = re.compile(r"1\d{3}|20\d\d")
_YEAR_PART_WORDS = (
    forms(["квартал"], "е|а|у|") | forms(["полугоди"], "и|е|я|ю") | forms(["половин"], "а|е|у|ы")
)

RULES = (
    Rule(
        "ru-date",
        _DATE,
        _resolve_date,
        priority=7,
        triggers=_MONTH_WORDS,
        back=5,
        span_fn=_date_span,
    ),
    Rule(
        "ru-date-range-first",
        _DATE,
        _resolve_first_day,
        check=_has_first,
        priority=7,
        triggers=_MONTH_WORDS,
        back=5,
        span_groups=("first",),
    ),  # fmt: skip
    Rule("ru-numeric-date", _NUMERIC, _resolve_numeric, priority=8, numeric=re.compile(r"\d{1,2}")),
    Rule("ru-month", _MONTH, _resolve_month, priority=5, triggers=_MONTH_WORDS, back=1),
    Rule(
        "ru-year", _YEAR, _resolve_year, check=_check_year, priority=4, numeric=_FOUR_DIGITS, back=1
    ),
    *year_range_rules("ru-year-range", _RANGE, numeric=_FOUR_DIGITS),
    Rule(
        "ru-decade", _DECADE, _resolve_decade, priority=6, numeric=re.compile(r"\d{1,3}0"), back=1
    ),
    Rule(
        "ru-century",
        _CENTURY,
        _resolve_century,
        priority=6,
        triggers=frozenset(["век", "века", "веке"]),
        back=2,
    ),
    Rule(
        "ru-year-part",
        _YEAR_PART,
        _resolve_year_part,
        priority=6,
        triggers=_YEAR_PART_WORDS,
        back=2,
    ),  # fmt: skip
    Rule(
        "ru-season",
        _SEASON,
        _resolve_season,
        check=_check_season,
        priority=5,
        triggers=forms(SEASON_STEMS, SEASON_ENDINGS),
        back=1,
    ),  # fmt: skip
)
