"""Every dated value's interval holds its expression's date: the [earliest, latest]
an expression carries lies inside the period its TIMEX3 value names, read here by an
independent parser of the value, in English and in Russian."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import tag

GOLDEN = Path(__file__).parent / "golden"
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def value_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a TIMEX3 date value names, or None for a value that names none
    (PAST_REF, XXXX-...)."""
    value = value.split("T")[0]
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        day = dt.date(*map(int, m.groups()))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        year, month = map(int, m.groups())
        return dt.date(year, month, 1), _month_end(year, month)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, q = int(m[1]), int(m[2])
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        year, h = int(m[1]), int(m[2])
        return dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        year, start = int(m[1]), _SEASON_START[m[2]]
        end_year, end_month = (year + 1, 2) if start == 12 else (year, start + 2)
        return dt.date(year, start, 1), _month_end(end_year, end_month)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if re.fullmatch(r"\d{3}", value):
        return dt.date(max(int(value) * 10, 1), 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        return dt.date(max(int(value) * 100, 1), 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
    return None


def _check(found: list) -> int:
    checked = 0
    for expr in found:
        if expr.earliest is None:
            continue
        period = value_interval(expr.value)
        assert period is not None, f"{expr.text!r}: dated but value {expr.value!r} names no period"
        assert period[0] <= expr.earliest <= expr.latest <= period[1], (
            f"{expr.text!r} = {expr.value}: [{expr.earliest}, {expr.latest}] not inside {period}"
        )
        checked += 1
    return checked


def _cases() -> list[dict]:
    out = []
    for name in ("temporal_cases.jsonl", "temporal_cases_ru.jsonl"):
        lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
        out += [json.loads(line) for line in lines if line.strip()]
    return out


def test_every_golden_interval_lies_in_its_value() -> None:
    checked = sum(
        _check(tag(c["text"], dct=dt.date.fromisoformat(c["dct"]), lang=c.get("lang", "en")))
        for c in _cases()
    )
    assert checked >= 400


def test_value_interval_reads_the_forms() -> None:
    assert value_interval("2024-WI") == (dt.date(2024, 12, 1), dt.date(2025, 2, 28))
    assert value_interval("2025-W19") == (dt.date(2025, 5, 5), dt.date(2025, 5, 11))
    assert value_interval("199") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert value_interval("PAST_REF") is None


RU_FRAGMENTS = [
    *"январе февраля марта апреле мая июнь июле августа сентябре октября ноябре декабрь".split(),
    *"понедельник вторник среду четверг пятницу субботу воскресенье".split(),
    *"в на прошлом прошлой следующем следующей этом этой начале середине конце года".split(),
    *"месяце неделе году квартале веке назад через спустя вчера сегодня завтра".split(),
    *"позавчера весной летом осенью зимой утром вечером два три пять 20 2024 2011-12".split(),
    *"подписали будет прошли состоится 1990-х XX первом ежегодно каждую неделю .".split(),
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(RU_FRAGMENTS), max_size=25),
    st.one_of(st.dates(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))),
)
def test_russian_intervals_lie_in_their_values(words: list[str], dct: dt.date) -> None:
    _check(tag(" ".join(words), dct=dct, lang="ru"))


def test_russian_without_publish_date_keeps_relative_ones_unresolved() -> None:
    from timeline.temporal import find_unanchored

    found = find_unanchored("В прошлом месяце, 5 апреля 2025 года, министр прибыл.", lang="ru")
    assert [(e.text, e.value) for e in found] == [
        ("прошлом месяце", "XXXX-XX-XX"),
        ("5 апреля 2025 года", "2025-04-05"),
    ]
