"""Accuracy of the temporal tagger on the project's own golden files, per language.

    python benchmarks/golden.py [FILE.jsonl ...]

Default files: tests/golden/temporal_cases.jsonl (English) and
tests/golden/temporal_cases_ru.jsonl (Russian). For each language it prints the
expected expressions, how many were found with their exact span, how many of those
carry the expected value (values right, % of expected), spurious expressions, and
spurious ones on the sentences that have no time expression. The last line is one
JSON object with every figure.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in {None, ""}:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    ROOT / "tests/golden/temporal_cases.jsonl",
    ROOT / "tests/golden/temporal_cases_ru.jsonl",
]


def _spans(case: dict) -> list[tuple[int, int, str]]:
    out, position = [], 0
    for exp in case["expect"]:
        start = case["text"].index(exp["text"], position)
        position = start + len(exp["text"])
        out.append((start, position, exp["value"]))
    return out


def score(cases: list[dict]) -> dict[str, dict[str, float]]:
    import timeline

    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for case in cases:
        lang = case.get("lang", "en")
        t = totals[lang]
        found = timeline.tag(case["text"], dct=dt.date.fromisoformat(case["dct"]), lang=lang)
        by_span = {(e.start, e.end): e.value for e in found}
        expected = _spans(case)
        t["cases"] += 1
        t["expected"] += len(expected)
        t["span_found"] += sum((s, e) in by_span for s, e, _ in expected)
        t["value_right"] += sum(by_span.get((s, e)) == v for s, e, v in expected)
        spurious = sum((e.start, e.end) not in {(s, x) for s, x, _ in expected} for e in found)
        t["spurious"] += spurious
        if not expected:
            t["negative_sentences"] += 1
            t["spurious_on_negatives"] += spurious
    for t in totals.values():
        t["values_right_pct"] = round(100 * t["value_right"] / max(t["expected"], 1), 1)
    return {lang: dict(t) for lang, t in totals.items()}


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or DEFAULT
    cases = [json.loads(x) for p in paths for x in p.read_text("utf-8").splitlines() if x.strip()]
    scores = score(cases)
    print(f"{'lang':5} {'cases':>6} {'expected':>9} {'span ok':>8} {'value ok':>9} {'%':>6} "
          f"{'spurious':>9} {'neg. sent.':>11} {'spur. on neg.':>14}")  # fmt: skip
    for lang, t in scores.items():
        negatives = t.get("negative_sentences", 0), t.get("spurious_on_negatives", 0)
        print(f"{lang:5} {t['cases']:6.0f} {t['expected']:9.0f} {t['span_found']:8.0f} "
              f"{t['value_right']:9.0f} {t['values_right_pct']:6.1f} {t['spurious']:9.0f} "
              f"{negatives[0]:11.0f} {negatives[1]:14.0f}")  # fmt: skip
    print(json.dumps({"benchmark": "golden", "files": [str(p) for p in paths], "scores": scores}))


if __name__ == "__main__":
    main(sys.argv[1:])
