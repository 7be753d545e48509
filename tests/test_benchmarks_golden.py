"""benchmarks/golden.py counts values right and spurious expressions per language."""

from __future__ import annotations

from benchmarks.golden import score


def test_score_counts_per_language() -> None:
    cases = [
        {"text": "They met on Friday.", "dct": "2014-06-13",
         "expect": [{"text": "Friday", "value": "2014-06-13"}]},
        {"text": "They met on Friday.", "dct": "2014-06-13",
         "expect": [{"text": "Friday", "value": "2014-06-06"}]},
        {"lang": "ru", "text": "Вчера прошли переговоры.", "dct": "2025-04-29", "expect": []},
    ]  # fmt: skip
    scores = score(cases)
    assert scores["en"]["expected"] == 2
    assert scores["en"]["value_right"] == 1
    assert scores["en"]["values_right_pct"] == 50.0
    assert scores["ru"]["negative_sentences"] == 1
    assert scores["ru"]["spurious_on_negatives"] == 1  # "Вчера" where none was expected
