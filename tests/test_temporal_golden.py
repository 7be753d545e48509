"""The golden corpus: every case lists ALL the time expressions its text holds.

Each line of ``golden/temporal_cases.jsonl`` (English) and ``temporal_cases_ru.jsonl``
(Russian, ``"lang": "ru"``) is ``{"id", "text", "dct", "expect"}``;
an expected expression gives its exact ``text`` span, ``type`` and TIMEX3 ``value``,
and optionally ``mod``, ``earliest`` and ``latest`` (checked only when present). A
case fails on a missing expression, an unexpected one, or a wrong field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "golden" / "temporal_cases.jsonl"
GOLDEN_RU = Path(__file__).parent / "golden" / "temporal_cases_ru.jsonl"
OPTIONAL_FIELDS = ("mod", "earliest", "latest")


def _load_cases(path: Path = GOLDEN) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


CASES = _load_cases()
CASES_RU = _load_cases(GOLDEN_RU)


def _expected_spans(case: dict[str, Any]) -> list[tuple[int, int]]:
    """Offsets of each expected span, found left to right in the case's text."""
    spans, position = [], 0
    for expected in case["expect"]:
        start = case["text"].find(expected["text"], position)
        if start < 0:
            raise ValueError(f"{case['id']}: {expected['text']!r} not in text after {position}")
        position = start + len(expected["text"])
        spans.append((start, position))
    return spans


def _describe(expr: Any) -> dict[str, Any]:
    return {
        "text": expr.text,
        "start": expr.start,
        "type": str(expr.type),
        "value": expr.value,
        "mod": expr.mod,
        "earliest": expr.earliest.isoformat() if expr.earliest else None,
        "latest": expr.latest.isoformat() if expr.latest else None,
        "rule": expr.rule,
    }


def _field_problems(expected: dict[str, Any], got: Any) -> list[str]:
    actual = _describe(got)
    keys = ["type", "value", *(k for k in OPTIONAL_FIELDS if k in expected)]
    return [
        f"{expected['text']!r}: {key} expected {expected[key]!r}, got {actual[key]!r}"
        for key in keys
        if actual[key] != expected[key]
    ]


def _problems(case: dict[str, Any], found: list[Any]) -> list[str]:
    by_span = {(e.start, e.end): e for e in found}
    expected_spans = _expected_spans(case)
    problems = [
        f"missing: {exp['text']!r} at {span[0]}"
        for exp, span in zip(case["expect"], expected_spans, strict=True)
        if span not in by_span
    ]
    problems += [
        f"unexpected: {e.text!r} at {e.start} ({e.value})"
        for e in found
        if (e.start, e.end) not in expected_spans
    ]
    for exp, span in zip(case["expect"], expected_spans, strict=True):
        if span in by_span:
            problems += _field_problems(exp, by_span[span])
    return problems


def _report(case: dict[str, Any], found: list[Any], problems: list[str]) -> str:
    return "\n".join(
        [
            f"case {case['id']}",
            f"text: {case['text']!r}",
            f"dct:  {case['dct']}",
            "problems:",
            *(f"  - {p}" for p in problems),
            "expected:",
            *(f"  {json.dumps(e, ensure_ascii=False)}" for e in case["expect"]),
            "got:",
            *(f"  {json.dumps(_describe(e), ensure_ascii=False)}" for e in found),
        ]
    )


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES + CASES_RU])
def test_golden_case(case: dict[str, Any], well_formed: Any) -> None:
    from timeline import tag

    found = tag(case["text"], dct=dt.date.fromisoformat(case["dct"]), lang=case.get("lang", "en"))
    well_formed(case["text"], found)
    problems = _problems(case, found)
    assert not problems, _report(case, found, problems)


def test_russian_golden_file_is_a_usable_spec() -> None:
    assert len(CASES_RU) >= 150
    assert all(c["lang"] == "ru" for c in CASES_RU)
    assert sum(not c["expect"] for c in CASES_RU) >= 15, "sentences with no time expression"
    assert len({c["dct"] for c in CASES_RU}) >= 5, "publish dates must vary"
    assert not {c["id"] for c in CASES_RU} & {c["id"] for c in CASES}


def test_golden_file_is_a_usable_spec() -> None:
    ids = [c["id"] for c in CASES + CASES_RU]
    assert len(CASES) >= 170
    assert len(set(ids)) == len(ids), "case ids must be unique"
    assert sum(not c["expect"] for c in CASES) >= 10, "at least 10 negative cases"
    assert len({c["dct"] for c in CASES}) >= 15, "publish dates must vary"
    for case in CASES + CASES_RU:
        dt.date.fromisoformat(case["dct"])
        _expected_spans(case)
        for expected in case["expect"]:
            assert {"text", "type", "value"} <= expected.keys(), case["id"]
            assert expected["type"] in {"DATE", "TIME", "DURATION", "SET"}, case["id"]
