"""Russian relative expressions: "вчера", "позавчера", "сегодня утром", "в пятницу",
"в прошлую пятницу", "в прошлом месяце", "на следующей неделе", "в конце года",
"три дня назад", "через два месяца", "спустя год"; durations ("три года",
"в течение года", "20-летний", "полгода"), sets ("ежегодно", "каждую неделю"),
vague references ("сейчас", "недавно", "в последние годы") and clock times."""

from __future__ import annotations

import datetime as dt
import re

from timeline.models import Granularity, TimexType
from timeline.temporal.calendar import when_of
from timeline.temporal.common import (
    after_group,
    coarser,
    dated,
    shift_to,
    vague,
    weekday_near,
    weekend,
    weekend_by_tense,
)
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.durations import UNITS as UNIT_TABLE
from timeline.temporal.durations import duration_value
from timeline.temporal.lang.ru.lexicon import (
    ADJECTIVE_ENDINGS,
    AGO,
    AHEAD,
    CLOCK_HALVES,
    DAY_OFFSETS,
    EDGE,
    EDGE_ENDINGS,
    EDGES,
    NUMBER,
    PARTS_OF_DAY,
    RELATIVE_WORD,
    SETS,
    UNIT,
    UNITS,
    VAGUE,
    VAGUE_AFTER_PREPOSITION,
    WEEKDAY,
    WEEKDAY_ENDINGS,
    WEEKDAY_STEMS,
    WHOLE,
    edge_of,
    forms,
    parse_number,
    relative_of,
    unit_of,
    weekday_of,
)
from timeline.temporal.words import alternation

__all__ = ["RULES"]

G = Granularity
_I = re.IGNORECASE
_PART = rf"(?:{alternation(PARTS_OF_DAY)})"
_CALENDAR_UNITS = frozenset("week month quarter year decade century".split())


def _gran(unit: str) -> Granularity:
    return UNIT_TABLE[unit_of(unit) or "day"][0]


def _resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved:
    day = ctx.today.shift(DAY_OFFSETS[m["word"].lower()], G.DAY)
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    return dated(day.with_clock(part) if part else day, f"'{m['word'].lower()}' от даты публикации",
                 anchor="dct")  # fmt: skip


_DEICTIC = re.compile(
    rf"(?<!\w)(?P<word>{alternation(DAY_OFFSETS)})(?!\w)(?:\s+(?P<part>{_PART})(?!\w))?", _I
)


def _resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved:
    weekday = weekday_of(m["wd"])
    if m["rel"]:  # "в прошлую пятницу": that weekday of the week before the publish week
        week = ctx.today.at(G.WEEK).shift(relative_of(m["rel"]), G.WEEK)
        day, why = week.first + dt.timedelta(days=weekday), "неделя по прилагательному"
    else:
        day, why = weekday_near(weekday, ctx, ctx.tense(m.start(), m.end()))
    when = when_of(day, G.DAY)
    part = PARTS_OF_DAY.get((m["part"] or m["part0"] or "").lower())
    return dated(when.with_clock(part) if part else when, f"день недели, {why}", anchor="dct")


_WEEKDAY = re.compile(
    rf"(?<!\w)(?:(?P<part0>{_PART})\s+(?:во?\s+)?)?(?:(?P<rel>{RELATIVE_WORD})\s+)?(?P<wd>{WEEKDAY})(?!\w)"
    rf"(?:\s+(?P<part>{_PART})(?!\w))?",
    _I,
)


def _calendar_unit(m: re.Match[str], ctx: Context) -> bool:
    """'в прошлом месяце' names a period; 'в прошлом часе' is not news language."""
    return unit_of(m["unit"]) in _CALENDAR_UNITS


def _resolve_weekend(m: re.Match[str], ctx: Context) -> Resolved:
    """'в минувшие выходные', 'в эти выходные', 'на выходных'."""
    if m["rel"]:
        week = ctx.today.at(G.WEEK).shift(relative_of(m["rel"]), G.WEEK)
        return weekend(week, "выходные по прилагательному")
    week, why = weekend_by_tense(ctx, ctx.tense(m.start(), m.end()))
    return weekend(week, f"выходные, {why}")


_WEEKEND = re.compile(
    rf"(?<!\w)(?:(?P<rel>{RELATIVE_WORD})\s+)?(?P<we>выходн(?:ые|ых|ым|ыми))(?!\w)", _I
)


def _resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = unit_of(m["unit"]) or "year"
    gran = UNIT_TABLE[unit][0]
    if m["during"]:  # "в течение следующего года": a stretch of one unit
        return Resolved(TimexType.DURATION, duration_value(1, unit), "в течение + единица",
                        gran=gran)  # fmt: skip
    target = ctx.today.at(gran).shift(relative_of(m["rel"]), gran)
    mod = edge_of(m["edge"])
    return dated(target, f"'{m['rel'].lower()} {m['unit'].lower()}' от даты публикации",
                 anchor="dct", mod=mod)  # fmt: skip


_RELATIVE_UNIT = re.compile(
    rf"(?<!\w)(?:(?P<during>в\s+течение\s+)|(?P<edge>{EDGE})\s+)?(?P<rel>{RELATIVE_WORD})\s+"
    rf"(?P<unit>{UNIT})(?!\w)",
    _I,
)


def _resolve_edge_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'в конце года', 'в начале месяца': that part of the publish date's period."""
    return dated(ctx.today.at(_gran(m["unit"])), "край текущего периода", anchor="dct",
                 mod=edge_of(m["edge"]))  # fmt: skip


_EDGE_UNIT = re.compile(
    rf"(?<!\w)(?P<edge>{EDGE})\s+(?P<unit>года|месяца|недели|квартала)(?!\w)", _I
)


def _count(m: re.Match[str]) -> float | None:
    return parse_number(m["num"]) if m["num"] else 1.0


_HALF_MONTHS = {"полгода": 6, "полвека": 600}  # "полгода назад", "через полгода"
_HALF = rf"(?P<half>{alternation(_HALF_MONTHS)})"


def _resolve_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["half"]:
        months = _HALF_MONTHS[m["half"].lower()]
        return dated(shift_to(ctx.today, -months, G.MONTH), "полгода назад", anchor="dct")
    n, unit = _count(m), unit_of(m["unit"])
    if n is None:
        return vague("PAST_REF", "несколько единиц назад")
    if unit is None or UNIT_TABLE[unit][2] or n != int(n):
        return None
    gran = UNIT_TABLE[unit][0]
    amount = int(n) * {"decade": 10, "century": 100}.get(unit, 1)
    gran = G.YEAR if unit in ("decade", "century") else gran
    return dated(shift_to(ctx.today, -amount, gran), f"{int(n)} {unit} назад от даты публикации",
                 anchor="dct")  # fmt: skip


_AGO = re.compile(
    rf"(?<!\w)(?:(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT})|{_HALF})\s+(?:{AGO})(?!\w)", _I
)


def _resolve_ahead(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["half"]:  # "через полгода": half a year is six months
        months = _HALF_MONTHS[m["half"].lower()]
        return dated(shift_to(ctx.today, months, G.MONTH), "через полгода", anchor="dct")
    n, unit = _count(m), unit_of(m["unit"] or m["unit1"])
    if n is None:
        return vague("FUTURE_REF", "через несколько единиц")
    if unit is None or UNIT_TABLE[unit][2] or n != int(n):
        return None
    gran = UNIT_TABLE[unit][0]
    after = m["word"].lower() == "спустя"  # "спустя год": after the previous date
    base, anchor = ctx.reference() if after else (ctx.today, "dct")
    return dated(shift_to(base.at(gran) if coarser(gran, base.gran) else base, int(n), gran),
                 f"{m['word'].lower()} {int(n)} {unit}", anchor=anchor)  # fmt: skip


_AHEAD = re.compile(
    rf"(?<!\w)(?P<word>{AHEAD})\s+(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT})|{_HALF}"
    rf"|(?P<unit1>{UNIT}))(?!\w)",
    _I,
)

# Modifiers of an amount, as the English rules give them ("more than" -> AFTER).
_APPROX = {"около": "APPROX", "примерно": "APPROX", "почти": "APPROX", "порядка": "APPROX",
           "более": "AFTER", "свыше": "AFTER", "менее": "BEFORE"}  # fmt: skip


def _resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = unit_of(m["unit"]) if m["unit"] else unit_of(m["half"][3:] or "") or "year"
    number = 0.5 if m["half"] else parse_number(m["num"]) if m["num"] else 1.0
    mod = _APPROX.get((m["approx"] or "").lower())
    return Resolved(TimexType.DURATION, duration_value(number, unit), f"длительность: {unit}",
                    mod=mod, gran=UNIT_TABLE[unit][0])  # fmt: skip


_RANGE_BEFORE = re.compile(r"\d{4}\s*[-\u2013\u2014]\s*$")


def _check_duration(m: re.Match[str], ctx: Context) -> bool:
    """'1911-12 годов': the '12' ends a year range, it counts no years."""
    return not _RANGE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())


_DURATION = re.compile(
    rf"(?<!\w)(?:(?P<approx>{alternation(_APPROX)})\s+)?(?:(?:(?:последние|ближайшие)\s+)?(?P<num>{NUMBER})\s+(?P<unit>{UNIT})"
    rf"|(?P<half>пол(?:года|часа|месяца|века)))(?!\w)"
    rf"|(?:(?<=в\sтечение\s)|(?<=на\sпротяжении\s))(?P<unit_only>{UNIT})(?!\w)",
    _I,
)
_ADJ_UNITS = {"летн": "year", "месячн": "month", "недельн": "week", "дневн": "day", "часов": "hour"}


def _resolve_duration_any(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["unit_only"]:
        unit = unit_of(m["unit_only"])
        if unit is None:
            return None
        return Resolved(TimexType.DURATION, duration_value(1, unit), "в течение + единица",
                        gran=UNIT_TABLE[unit][0])  # fmt: skip
    return _resolve_duration(m, ctx)


def _resolve_adjective(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'20-летний договор': an agreement lasting twenty years."""
    unit = _ADJ_UNITS[m["adj"].lower()]
    return Resolved(TimexType.DURATION, duration_value(int(m["n"]), unit), "N-летний -> длительность",
                    gran=UNIT_TABLE[unit][0])  # fmt: skip


_ADJECTIVE = re.compile(
    rf"(?<![\w.,])(?P<n>\d{{1,4}})-(?P<adj>{alternation(_ADJ_UNITS)})(?:{ADJECTIVE_ENDINGS})(?!\w)",
    _I,
)


def _resolve_whole(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'весь день' P1D, 'целую неделю' P1W; 'всю ночь', 'всё утро' last a part of a day,
    some hours (PTXH: a night has no fixed length)."""
    word = m["unit"].lower()
    if word in PARTS_OF_DAY:
        return Resolved(TimexType.DURATION, "PTXH", f"весь/вся + часть суток ({word})",
                        gran=G.TIME)  # fmt: skip
    unit = unit_of(word)
    if unit is None:
        return None
    return Resolved(TimexType.DURATION, duration_value(1, unit), f"весь/целый + единица: {unit}",
                    gran=UNIT_TABLE[unit][0])  # fmt: skip


def _check_whole(m: re.Match[str], ctx: Context) -> bool:
    """'всего год назад' is 'only a year ago'; 'всего' is 'all of' after 'в течение'."""
    if m["whole"].lower() != "всего":
        return True
    return (
        re.search(r"(?:течение|протяжении)\s+$", ctx.text[max(0, m.start() - 12) : m.start()])
        is not None
    )


_WHOLE = re.compile(
    rf"(?<!\w)(?P<whole>{alternation(WHOLE)})\s+(?P<unit>{UNIT}|{_PART})(?!\w)(?!\s+(?:{AGO})(?!\w))",
    _I,
)


def _resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["word"]:
        return Resolved(TimexType.SET, SETS[m["word"].lower()], "наречие частоты")
    unit = unit_of(m["unit"])
    if unit is None:
        return None
    return Resolved(TimexType.SET, duration_value(1, unit), "каждый + единица")


_SET = re.compile(
    rf"(?<!\w)(?:(?P<word>{alternation(SETS)})|кажд(?:ый|ую|ое|ые|ого|ом)\s+(?P<unit>{UNIT}))(?!\w)",
    _I,
)


def _resolve_vague(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["span"]:
        unit = unit_of(m["unit"])
        ahead = m["span"].lower().startswith("ближайш")
        if unit is None:
            return None
        if ahead or unit in ("year", "decade", "century"):
            return vague("FUTURE_REF" if ahead else "PAST_REF", "последние/ближайшие годы")
        return Resolved(TimexType.DURATION, duration_value(None, unit), "последние + единицы",
                        gran=UNIT_TABLE[unit][0])  # fmt: skip
    text = " ".join(m.group().lower().split())
    value = VAGUE.get(text) or VAGUE_AFTER_PREPOSITION[text]
    return vague(value, f"'{text}' -> {value}")


_VAGUE = re.compile(
    rf"(?<!\w)(?:{alternation(VAGUE)}|(?:(?<=в\s)|(?<=на\s))(?:{alternation(VAGUE_AFTER_PREPOSITION)})"
    rf"|(?P<span>последние|ближайшие|последних|ближайших)\s+(?P<unit>{UNIT}))(?!\w)",
    _I,
)


def _resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    base, anchor = ctx.reference()
    day = base if base.gran is G.DAY else ctx.today
    hour, minute = int(m["h"] or m["h12"]), m["min"] or "00"
    if m["half"]:
        hour = _hour_of_half(hour, CLOCK_HALVES[m["half"].lower()])
    if m["wd"]:  # "в 9 утра в понедельник": the clock on that weekday
        found, _ = weekday_near(weekday_of(m["wd"]), ctx, ctx.tense(m.start(), m.end()))
        day, anchor = when_of(found, G.DAY), "dct"
    return dated(day.with_clock(f"{hour:02d}:{minute}"), "время суток",
                 anchor=anchor if day is base else "dct", anchors_next=False)  # fmt: skip


def _hour_of_half(hour: int, half: str) -> int:
    """'в 9 утра' 9, 'в 3 часа дня' 15, 'в 11 вечера' 23, 'в 2 часа ночи' 2, 'в 12 ночи' 24."""
    if half == "am":
        return hour % 12
    if half == "pm":
        return hour % 12 + 12
    return 24 if hour == 12 else hour + 12 if hour >= 6 else hour


_CLOCK = re.compile(
    r"(?<![\d:.])(?:(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)(?![\d:])"
    r"(?=\s*(?:по\s+(?:московскому|местному)|мск|\(мск\)|утра|вечера|$|[.,;)]|\s))"
    rf"|(?<=[ввВ]\s)(?P<h12>1[0-2]|[1-9])(?:\s+час(?:а|ов)?)?\s+(?P<half>{alternation(CLOCK_HALVES)})(?!\w))"
    rf"(?:\s+во?\s+(?P<wd>{WEEKDAY})(?!\w))?",
    _I,
)


def _check_clock(m: re.Match[str], ctx: Context) -> bool:
    """'в 15:00', '15:30 по московскому времени'; '3.5 процента' is a number."""
    before = ctx.text[max(0, m.start() - 3) : m.start()].lower()
    after = ctx.text[m.end() : m.end() + 14].lower()
    if m["half"]:
        return True
    return before.endswith(("в ", "до ", "к ", "с ")) or after.lstrip().startswith(("по ", "мск"))


_UNIT_WORDS = frozenset(UNITS)
_WEEKDAY_FORMS = forms(WEEKDAY_STEMS, WEEKDAY_ENDINGS)

RULES = (
    Rule("ru-deictic", _DEICTIC, _resolve_deictic, priority=7, triggers=frozenset(DAY_OFFSETS),
         needs_dct=True),
    Rule("ru-weekday", _WEEKDAY, _resolve_weekday, priority=6, triggers=_WEEKDAY_FORMS, back=3,
         needs_dct=True),
    Rule("ru-weekend", _WEEKEND, _resolve_weekend, priority=6, back=1, needs_dct=True,
         triggers=frozenset(["выходные", "выходных", "выходным", "выходными"])),
    Rule("ru-relative-unit", _RELATIVE_UNIT, _resolve_relative_unit, check=_calendar_unit,
         priority=6, triggers=_UNIT_WORDS, back=4, needs_dct=True, span_fn=after_group("during")),
    Rule("ru-edge-unit", _EDGE_UNIT, _resolve_edge_unit, priority=5,
         triggers=forms(EDGES, EDGE_ENDINGS), needs_dct=True),
    Rule("ru-ago", _AGO, _resolve_ago, priority=7, triggers=frozenset(AGO.split("|")), back=4,
         needs_dct=True),
    Rule("ru-ahead", _AHEAD, _resolve_ahead, priority=7, triggers=frozenset(AHEAD.split("|")),
         needs_dct=True),
    Rule("ru-duration", _DURATION, _resolve_duration_any, check=_check_duration, priority=4,
         triggers=_UNIT_WORDS | frozenset(["полгода", "полчаса", "полмесяца", "полвека"]), back=3),
    Rule("ru-adjective-duration", _ADJECTIVE, _resolve_adjective, priority=5,
         numeric=re.compile(r"\d{1,4}")),
    Rule("ru-set", _SET, _resolve_set, priority=5, triggers=frozenset(SETS) | _UNIT_WORDS, back=1),
    Rule("ru-vague", _VAGUE, _resolve_vague, priority=3,
         triggers=frozenset(w.split()[-1] for w in (*VAGUE, *VAGUE_AFTER_PREPOSITION)) | _UNIT_WORDS,
         back=2),
    Rule("ru-clock", _CLOCK, _resolve_clock, check=_check_clock, priority=8,
         numeric=re.compile(r"[012]?\d"), needs_dct=True),
    Rule("ru-whole", _WHOLE, _resolve_whole, check=_check_whole, priority=5,
         triggers=frozenset(WHOLE), back=0),
)  # fmt: skip
