"""Every rule, one at a time: it fires on a sentence of its own, its trigger words let
the tagger try it there, and a bug in a rule fails loudly instead of dropping a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from timeline import tag
from timeline.temporal import tagger
from timeline.temporal.calendar import Unresolvable
from timeline.temporal.context import Rule
from timeline.temporal.lang import Language, language

DCT = dt.date(2014, 6, 13)  # a Friday

# rule name -> (sentence, the expression's text, its value), all against DCT.
EXAMPLES = {
    "iso-date": ("The filing is dated 2013-11-05.", "2013-11-05", "2013-11-05"),
    "numeric-date": ("The note was signed on 11/05/2013.", "11/05/2013", "2013-11-05"),
    "month-day": ("Talks resumed on March 3.", "March 3", "2014-03-03"),
    "day-month": ("Talks resumed on 3 March.", "3 March", "2014-03-03"),
    "second-day": ("Talks were held on March 3 and 4.", "4", "2014-03-04"),
    "relative-month": ("Prices fell last March.", "last March", "2014-03"),
    "month": ("The mine closed in April 2009.", "April 2009", "2009-04"),
    "decade": ("Output peaked in the 1990s.", "the 1990s", "199"),
    "century": ("Coal powered the 19th century.", "the 19th century", "18"),
    "year": ("The mine opened in 1987.", "1987", "1987"),
    "quarter": (
        "Profit rose in the third quarter of 2013.",
        "the third quarter of 2013",
        "2013-Q3",
    ),
    "year-range-first": ("The 2008-09 crisis hit banks.", "2008", "2008"),
    "year-range-second": ("The 2008-09 crisis hit banks.", "09", "2009"),
    "half": ("Sales grew in the first half of 2012.", "the first half of 2012", "2012-H1"),
    "season": ("The dam was finished in the spring of 2010.", "the spring of 2010", "2010-SP"),
    "holiday": ("Stores closed on Christmas Day 2012.", "Christmas Day 2012", "2012-12-25"),
    "spelled-year": ("It happened in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    "the-year": ("Earnings for the year ended June 30 fell.", "the year", "P1Y"),
    "the-weekend": ("Rebels attacked the town over the weekend.", "the weekend", "2014-W23-WE"),
    "the-period": ("Revenue fell in the latest period.", "the latest period", "2014-Q1"),
    "deictic-day": ("The minister resigned yesterday.", "yesterday", "2014-06-12"),
    "weekday": ("The minister resigned on Tuesday.", "Tuesday", "2014-06-10"),
    "relative-unit": ("Exports rose last month.", "last month", "2014-05"),
    "edge-of-the-unit": ("Rates will rise by the end of the year.", "the end of the year", "2014"),
    "year-end": ("Rates will rise by year-end.", "year-end", "2014"),
    "earlier-later-this": ("He left earlier this month.", "earlier this month", "2014-06"),
    "offset": ("The plant opened three years ago.", "three years ago", "2011"),
    "that-unit": ("The plant opened in 2009 and that year it lost money.", "that year", "2009"),
    "year-earlier": (
        "Profit rose from the year-earlier quarter.",
        "the year-earlier quarter",
        "2013-Q1",
    ),
    "in-n-units": ("The ship will dock in three days.", "three days", "2014-06-16"),
    "the-following-day": (
        "They met on May 2 and signed the following day.",
        "the following day",
        "2014-05-03",
    ),
    "duration": ("The strike lasted six weeks.", "six weeks", "P6W"),
    "range-first-count": ("Repairs take between 6 and 9 months.", "6", "P6M"),
    "bare-units": ("The talks lasted for months.", "months", "PXM"),
    "set": ("The council meets every week.", "every week", "P1W"),
    "vague": ("Prices are rising now.", "now", "PRESENT_REF"),
    "clock": ("The vote starts at 3 p.m. today.", "3 p.m. today", "2014-06-13T15:00"),
    "race-time": ("She finished in 2:41:07.", "2:41:07", "PT2H41M7S"),
}


# The same for Russian, against the same publish date (Friday 13 June 2014).
RU_EXAMPLES = {
    "ru-date": ("Переговоры прошли 5 апреля 2013 года.", "5 апреля 2013 года", "2013-04-05"),
    "ru-date-range-first": ("Выставка работала с 1 по 10 мая.", "1", "2014-05-01"),
    "ru-numeric-date": ("Приказ от 17.02.2013 отменён.", "17.02.2013", "2013-02-17"),
    "ru-month": ("В начале апреля стороны подписали договор.", "начале апреля", "2014-04"),
    "ru-year": ("В 2009 году завод закрыли.", "2009 году", "2009"),
    "ru-year-range-first": ("Засуха 2011-12 годов погубила урожай.", "2011", "2011"),
    "ru-year-range-second": ("Засуха 2011-12 годов погубила урожай.", "12", "2012"),
    "ru-decade": ("В 1990-х годах добыча упала.", "1990-х годах", "199"),
    "ru-century": ("Крепость построили в XIX веке.", "XIX веке", "18"),
    "ru-year-part": ("В третьем квартале выручка выросла.", "третьем квартале", "2013-Q3"),
    "ru-season": ("Весной 2010 года начались переговоры.", "Весной 2010 года", "2010-SP"),
    "ru-deictic": ("Позавчера министр подал в отставку.", "Позавчера", "2014-06-11"),
    "ru-weekday": ("В прошлую пятницу объявили о сделке.", "прошлую пятницу", "2014-06-06"),
    "ru-weekend": ("В минувшие выходные прошёл фестиваль.", "минувшие выходные", "2014-W23-WE"),
    "ru-relative-unit": ("В прошлом месяце инфляция замедлилась.", "прошлом месяце", "2014-05"),
    "ru-edge-unit": ("В конце года откроется завод.", "конце года", "2014"),
    "ru-ago": ("Три дня назад прошёл митинг.", "Три дня назад", "2014-06-10"),
    "ru-ahead": ("Через два месяца начнётся стройка.", "Через два месяца", "2014-08"),
    "ru-duration": ("Переговоры длились три года.", "три года", "P3Y"),
    "ru-adjective-duration": ("Стороны подписали 20-летний договор.", "20-летний", "P20Y"),
    "ru-set": ("Совет собирается каждую неделю.", "каждую неделю", "P1W"),
    "ru-vague": ("Недавно правительство одобрило проект.", "Недавно", "PAST_REF"),
    "ru-clock": ("Встреча начнётся в 15:00 по московскому времени.", "15:00", "2014-06-13T15:00"),
    "ru-whole": ("Спасатели работали всю ночь.", "всю ночь", "PTXH"),
}
ALL_EXAMPLES = [("en", name, *EXAMPLES[name]) for name in sorted(EXAMPLES)] + [
    ("ru", name, *RU_EXAMPLES[name]) for name in sorted(RU_EXAMPLES)
]


def _rules(lang: str = "en") -> dict[str, Rule]:
    return {rule.name: rule for rule in language(lang).rules}


@pytest.mark.parametrize(("lang", "examples"), [("en", EXAMPLES), ("ru", RU_EXAMPLES)])
def test_every_rule_has_an_example(lang: str, examples: dict[str, tuple[str, str, str]]) -> None:
    assert sorted(examples) == sorted(_rules(lang))


@pytest.mark.parametrize(("lang", "name", "sentence", "text", "value"), ALL_EXAMPLES)
def test_rule_fires_on_its_example(
    lang: str, name: str, sentence: str, text: str, value: str
) -> None:
    found = {e.text: e for e in tag(sentence, dct=DCT, lang=lang)}
    assert text in found, f"{name}: {text!r} not found in {sorted(found)}"
    assert found[text].value == value
    assert found[text].rule.endswith(f"[{name}]"), found[text].rule


@pytest.mark.parametrize(("lang", "name", "sentence", "text", "value"), ALL_EXAMPLES)
def test_rule_triggers_reach_its_example(
    lang: str, name: str, sentence: str, text: str, value: str
) -> None:
    """The tagger tries a pattern only near its trigger words: the example's
    candidate must come from the trigger index, not only from a full-text search."""
    rule = _rules(lang)[name]
    assert rule.triggers or rule.numeric is not None, f"{name} has no trigger"
    assert rule.pattern.search(sentence), f"{name}: pattern misses its example"
    spans = {(c[0], c[1]) for c in tagger._candidates(sentence, language(lang)) if c[2] is rule}
    start = sentence.index(text)
    assert (start, start + len(text)) in spans, f"{name}: triggers never try the pattern there"


def _broken(exc: BaseException) -> object:
    def resolve(m: re.Match[str], ctx: object) -> None:
        raise exc

    return resolve


def test_a_bug_in_a_rule_fails_loudly() -> None:
    english = language("en")
    broken = tuple(
        dataclasses.replace(r, resolve=_broken(TypeError("bug"))) if r.name == "month" else r
        for r in english.rules
    )
    lang = Language.of("en", broken, english.tense)
    with pytest.raises(TypeError, match="bug"):
        tagger._run("The mine closed in April 2009.", DCT, lang)


def test_unresolvable_words_drop_only_that_expression() -> None:
    found = tag("The filing of 2013-02-30 was corrected on March 3, 2013.", dct=DCT)
    assert [(e.text, e.value) for e in found] == [("March 3, 2013", "2013-03-03")]


def test_unresolvable_is_the_documented_failure() -> None:
    from timeline.temporal.calendar import make_date

    with pytest.raises(Unresolvable):
        make_date(2013, 2, 30)
    with pytest.raises(Unresolvable):
        make_date(0, 1, 1)


@pytest.mark.parametrize(
    ("number", "unit", "value"),
    [
        (1.5, "quarter", "P4M15D"),
        (2.4, "second", "PT2S"),
        (1.5, "year", "P1Y6M"),
        (0.5, "day", "PT12H"),
        (None, "minute", "PTXM"),
        (2, "decade", "P20Y"),
    ],
)
def test_duration_values_of_fractions_stay_timex3(
    number: float | None, unit: str, value: str
) -> None:
    from timeline.temporal.durations import duration_value
    from timeline.temporal.tagger import TIMEX3_VALUE

    assert duration_value(number, unit) == value
    assert TIMEX3_VALUE.match(value)
