"""Dates in words: every granularity, partial intervals, one bound, none."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline.wording import date_in_words, duration_in_words

D = dt.date


@pytest.mark.parametrize(
    ("value", "granularity", "earliest", "latest", "words"),
    [
        ("2025-04-18", "day", D(2025, 4, 18), D(2025, 4, 18), "18 April 2025"),
        ("2025-W11", "week", D(2025, 3, 10), D(2025, 3, 16), "week of 10 March 2025"),
        ("2025-W11", "week", D(2025, 3, 10), D(2025, 3, 12), "week of 10 March 2025"),
        ("2025-04", "month", D(2025, 4, 1), D(2025, 4, 30), "April 2025"),
        ("2025-Q3", "quarter", D(2025, 7, 1), D(2025, 9, 30), "Q3 2025"),
        ("2026-SP", "season", D(2026, 3, 1), D(2026, 5, 31), "spring 2026"),
        ("2024-WI", "season", D(2024, 12, 1), D(2025, 2, 28), "winter 2024"),
        ("2025-H2", "half", D(2025, 7, 1), D(2025, 12, 31), "second half of 2025"),
        ("2025", "year", D(2025, 1, 1), D(2025, 12, 31), "2025"),
        ("202", "decade", D(2020, 1, 1), D(2029, 12, 31), "the 2020s"),
        ("20", "century", D(2000, 1, 1), D(2099, 12, 31), "the 21st century"),
        # narrower than its unit: the interval itself
        ("2025", "year", D(2025, 5, 6), D(2025, 12, 31), "6 May – 31 December 2025"),
        ("2025-05", "month", D(2025, 5, 22), D(2025, 5, 31), "22–31 May 2025"),
        ("2024-11", "month", D(2024, 11, 1), D(2025, 2, 28), "November 2024 – February 2025"),
        # one bound, none
        (None, "unknown", None, D(2025, 3, 31), "before April 2025"),
        (None, "unknown", None, D(2025, 1, 18), "by 18 January 2025"),
        (None, "unknown", D(2025, 3, 1), None, "since March 2025"),
        ("PAST_REF", "vague", None, None, "in the past"),
        ("FUTURE_REF", "vague", None, None, "in the future"),
        (None, "unknown", None, None, "date unknown"),
        (
            "PAST_REF",
            "vague",
            D(2020, 1, 1),
            D(2025, 4, 29),
            "between 1 January 2020 and 29 April 2025",
        ),
    ],
)
def test_date_in_words(value, granularity, earliest, latest, words):
    assert date_in_words(value, granularity, earliest, latest) == words


def test_date_in_words_takes_frame_cells():
    assert date_in_words("2025-04", "month", pd.Timestamp("2025-04-01"), "2025-04-30") == (
        "April 2025"
    )
    assert date_in_words(float("nan"), None, pd.NaT, pd.NaT) == "date unknown"


@pytest.mark.parametrize(
    ("value", "every", "words"),
    [
        ("P20Y", False, "20 years"),
        ("PT3H", False, "3 hours"),
        ("P1M", False, "1 month"),
        ("PXM", False, "some months"),
        ("P1W", True, "every week"),
        ("P2D", True, "every 2 days"),
        ("P1Y6M", False, "a length of time"),
    ],
)
def test_duration_in_words(value, every, words):
    assert duration_in_words(value, every=every) == words
