"""Invariants of timeline.tag for any text and publish date, and its interval arithmetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

D = dt.date.fromisoformat

FRAGMENTS = [
    *"January February March April May June July August".split(),
    *"September October November December".split(),
    *"Jan. Feb. Mar. Apr. Aug. Sept. Oct. Nov. Dec.".split(),
    *"Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    *"last next this ago later earlier early mid- late the past coming in on of by since".split(),
    *"day days week weeks month months year years quarter decade decades century".split(),
    *"spring summer autumn fall winter morning afternoon evening night".split(),
    *"today yesterday tomorrow tonight now currently recently recent soon".split(),
    *"every each annually weekly daily monthly following a an two three twenty".split(),
    *"said will would signed is expected to plans scheduled was had".split(),
    "-year",
    "-day",
    "p.m.",
    "a.m.",
    "1990s",
    "20th",
    "3rd",
    "31st",
    "2025",
    "1999",
    "99999",
    "0",
    "12",
    "29",
    "31",
    "2024-02-29",
    "18/04/2025",
    "04/05/2025",
    ",",
    ".",
    "/",
    "-",
    ":",
    "'",
    "(",
    ")",
    "\n",
    "\u2013",
    "\u00a0",
]
SEPARATORS = st.sampled_from([" ", "", ", ", "-", "/", "\n", ". "])
FRAGMENT = st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 100_000).map(str))
DATEISH_TEXT = st.builds(
    lambda parts, sep: sep.join(parts), st.lists(FRAGMENT, max_size=40), SEPARATORS
)
ANY_TEXT = st.one_of(st.text(max_size=300), DATEISH_TEXT)
DCT = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, dct=DCT)
def test_any_text_gives_well_formed_expressions(text: str, dct: dt.date, well_formed: Any) -> None:
    from timeline import tag

    found = tag(text, dct=dct)
    well_formed(text, found)
    assert tag(text, dct=dct) == found, "tag must be deterministic"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(DATEISH_TEXT, min_size=1, max_size=5), dct=DCT)
def test_dateish_sentences_give_well_formed_expressions(
    parts: list[str], dct: dt.date, well_formed: Any
) -> None:
    from timeline import tag

    text = " said. ".join(parts)
    well_formed(text, tag(text, dct=dct))


@pytest.mark.parametrize(
    ("value", "grammar"),
    [
        ("2025", "DATE"),
        ("2025-04", "DATE"),
        ("2025-04-21", "DATE"),
        ("2025-W17", "DATE"),
        ("2025-Q3", "DATE"),
        ("2025-H1", "DATE"),
        ("2025-SU", "DATE"),
        ("199", "DATE"),
        ("19", "DATE"),
        ("2025-04-29TMO", "DATE"),
        ("2025-04-25T15:00", "DATE"),
        ("PAST_REF", "DATE"),
        ("XXXX-04", "DATE"),
        ("P20Y", "DURATION"),
        ("PXM", "DURATION"),
        ("PXDE", "DURATION"),
        ("PT24H", "DURATION"),
        ("P1DT12H", "DURATION"),
        ("P1Y", "SET"),
        ("XXXX-WXX-5", "SET"),
    ],
)
def test_value_grammar_accepts_timex3_values(value: str, grammar: str, timex_grammar: Any) -> None:
    assert timex_grammar[grammar].fullmatch(value)


@pytest.mark.parametrize(
    ("value", "grammar"),
    [
        ("99999", "DATE"),
        ("2025-4", "DATE"),
        ("20250429", "DATE"),
        ("2025-Q5", "DATE"),
        ("\u0662\u0660\u0662\u0665", "DATE"),
        ("P", "DURATION"),
        ("PT", "DURATION"),
        ("P20", "DURATION"),
        ("20Y", "DURATION"),
        ("2025-04", "DURATION"),
        ("", "DATE"),
    ],
)
def test_value_grammar_rejects_non_values(value: str, grammar: str, timex_grammar: Any) -> None:
    assert not timex_grammar[grammar].fullmatch(value)


def _only(text: str, dct: str) -> Any:
    from timeline import tag

    found = tag(text, dct=D(dct))
    assert len(found) == 1, f"{text!r} @ {dct}: expected one expression, got {found}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "dct", "value", "earliest", "latest"),
    [
        # Leap years: divisible by 4, except centuries not divisible by 400.
        ("Output fell in February 2024.", "2025-04-29", "2024-02", "2024-02-01", "2024-02-29"),
        ("Output fell in February 2023.", "2025-04-29", "2023-02", "2023-02-01", "2023-02-28"),
        ("Output fell in February 2000.", "2025-04-29", "2000-02", "2000-02-01", "2000-02-29"),
        ("Output fell in February 1900.", "1950-01-01", "1900-02", "1900-02-01", "1900-02-28"),
        ("Output will fall in February 2100.", "2099-01-01", "2100-02", "2100-02-01", "2100-02-28"),
        ("Markets fell yesterday.", "2024-03-01", "2024-02-29", "2024-02-29", "2024-02-29"),
        # ISO weeks across year boundaries (week 1 holds the year's first Thursday).
        ("Prices rose last week.", "2024-01-03", "2023-W52", "2023-12-25", "2023-12-31"),
        ("Prices are rising this week.", "2024-12-31", "2025-W01", "2024-12-30", "2025-01-05"),
        ("Prices will rise next week.", "2020-12-25", "2020-W53", "2020-12-28", "2021-01-03"),
        ("Prices rose last week.", "2026-01-05", "2026-W01", "2025-12-29", "2026-01-04"),
        ("Prices rose last week.", "2021-01-04", "2020-W53", "2020-12-28", "2021-01-03"),
        # Quarters and halves.
        (
            "Sales rose in the first quarter of 2024.",
            "2025-04-29",
            "2024-Q1",
            "2024-01-01",
            "2024-03-31",
        ),
        (
            "Sales rose in the second quarter of 2023.",
            "2025-04-29",
            "2023-Q2",
            "2023-04-01",
            "2023-06-30",
        ),
        (
            "Sales rose in the third quarter of 2024.",
            "2025-04-29",
            "2024-Q3",
            "2024-07-01",
            "2024-09-30",
        ),
        (
            "Sales rose in the fourth quarter of 2024.",
            "2025-04-29",
            "2024-Q4",
            "2024-10-01",
            "2024-12-31",
        ),
        (
            "Sales rose in the second half of 2024.",
            "2025-04-29",
            "2024-H2",
            "2024-07-01",
            "2024-12-31",
        ),
        # Meteorological northern-hemisphere seasons; winter runs into the next year.
        (
            "The dam was built in the spring of 2024.",
            "2025-04-29",
            "2024-SP",
            "2024-03-01",
            "2024-05-31",
        ),
        (
            "The bridge collapsed in the summer of 2023.",
            "2025-04-29",
            "2023-SU",
            "2023-06-01",
            "2023-08-31",
        ),
        (
            "The plant opened in the autumn of 2024.",
            "2025-04-29",
            "2024-FA",
            "2024-09-01",
            "2024-11-30",
        ),
        ("Gas ran short last winter.", "2024-04-15", "2023-WI", "2023-12-01", "2024-02-29"),
        ("Gas ran short last winter.", "2025-04-29", "2024-WI", "2024-12-01", "2025-02-28"),
        # Decades and centuries.
        ("The economy boomed in the 1990s.", "2025-04-29", "199", "1990-01-01", "1999-12-31"),
        ("The economy boomed in the 2000s.", "2025-04-29", "200", "2000-01-01", "2009-12-31"),
        (
            "It was the deadliest war of the 20th century.",
            "2025-04-29",
            "19",
            "1900-01-01",
            "1999-12-31",
        ),
    ],
)
def test_interval_of_resolved_value(
    text: str, dct: str, value: str, earliest: str, latest: str
) -> None:
    expr = _only(text, dct)
    assert (expr.value, expr.earliest, expr.latest) == (value, D(earliest), D(latest)), expr


@pytest.mark.parametrize(
    ("text", "dct", "granularity"),
    [
        ("The deal was signed on April 21, 2025.", "2025-04-29", "day"),
        ("The deal was signed in April 2025.", "2025-04-29", "month"),
        ("The deal was signed in 2025.", "2025-04-29", "year"),
        ("The deal was signed last week.", "2025-04-29", "week"),
        ("The deal was signed in the third quarter of 2024.", "2025-04-29", "quarter"),
        ("The deal was signed in the summer of 2023.", "2025-04-29", "season"),
        ("The deal was signed in the 1990s.", "2025-04-29", "decade"),
        ("The deal was signed recently.", "2025-04-29", "vague"),
    ],
)
def test_granularity_matches_value(text: str, dct: str, granularity: str) -> None:
    assert _only(text, dct).granularity.value == granularity


def test_month_value_never_gains_a_day() -> None:
    expr = _only("The two sides signed the deal in April.", "2025-02-10")
    assert expr.value == "2024-04"
    assert (expr.earliest, expr.latest) == (D("2024-04-01"), D("2024-04-30"))
