"""TempEval-3 accuracy of a temporal tagger on TimeML gold documents.

    python benchmarks/te3.py GOLD_DIR [--tagger timeline|dateparser] [--errors FILE]
                             [--jobs N] [--limit N] [--prefer-dates-from past|future|current_period]
                             [--dateparser-values day|period]

Runs the tagger on each document's TEXT with its DCT and prints precision, recall
and F1 for strict extent match, relaxed extent match, value and type, per
sub-corpus and overall, then one JSON line with every figure. See README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timeml import Document, Timex, load_corpus, sample_documents  # noqa: E402

__all__ = [
    "Match",
    "collect_errors",
    "format_table",
    "match_spans",
    "score",
    "tag_corpus",
    "tag_with_dateparser",
    "tag_with_timeline",
]

MEASURES = ("strict", "relaxed", "value", "type")
CONTEXT_CHARS = 60
_PERIOD_LENGTH = {"year": 4, "month": 7}  # dateparser period -> length of the TIMEX3 value


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """How one document's system TIMEX3s line up with its gold ones (indices into each)."""

    strict: int  # number of system spans equal to a gold span (one-to-one)
    pairs: tuple[tuple[int, int], ...]  # relaxed (overlapping) one-to-one pairs (gold, system)
    missed: tuple[int, ...]  # gold indices with no relaxed match
    spurious: tuple[int, ...]  # system indices with no relaxed match


# --- taggers -------------------------------------------------------------------------------


def tag_with_timeline(text: str, dct: dt.date) -> list[Timex]:
    """The project's tagger: ``timeline.tag(text, dct=dct)``."""
    import timeline

    return [
        Timex(
            start=found.start,
            end=found.end,
            text=text[found.start : found.end],
            type=str(getattr(found.type, "value", found.type)),
            value=found.value,
            mod=found.mod,
        )
        for found in timeline.tag(text, dct=dct)
    ]


def tag_with_dateparser(
    text: str, dct: dt.date, *, prefer_dates_from: str | None = None, values: str = "day"
) -> list[Timex]:
    """Baseline: ``dateparser.search.search_dates`` in English, relative to the DCT.

    Each returned substring is located by searching forward from the end of the
    previous one (as whole words when it can; substrings it cannot find are
    dropped) and given type ``DATE``. With ``values="day"`` the value is the
    returned datetime's day (``YYYY-MM-DD``) whatever the text's precision; with
    ``values="period"`` it is cut to the period dateparser reports when it parses
    the substring again (``YYYY-MM`` for a month, ``YYYY`` for a year).
    """
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RELATIVE_BASE": dt.datetime.combine(dct, dt.time())}
    if prefer_dates_from:
        settings["PREFER_DATES_FROM"] = prefer_dates_from
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings) if values == "period" else None
    timexes: list[Timex] = []
    position = 0
    for substring, moment in found:
        start = _find_word(text, substring, position)
        if start < 0:
            continue
        position = start + len(substring)
        value = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        if parser is not None:
            value = value[: _PERIOD_LENGTH.get(parser.get_date_data(substring).period or "", 10)]
        timexes.append(Timex(start, position, substring, "DATE", value))
    return timexes


def _find_word(text: str, substring: str, position: int) -> int:
    """Where ``substring`` next occurs from ``position``, as whole words if it can.

    search_dates returns substrings, not offsets; "now" must not be found in "nowhere".
    """
    pattern = rf"(?<!\w){re.escape(substring)}(?!\w)"
    whole = re.compile(pattern).search(text, position)
    return whole.start() if whole else text.find(substring, position)


def _tag_one(job: tuple[str, str, dt.date, dict[str, Any]]) -> list[Timex]:
    tagger, text, dct, options = job
    if tagger == "dateparser":
        return tag_with_dateparser(text, dct, **options)
    return tag_with_timeline(text, dct)


def tag_corpus(
    documents: Sequence[Document], tagger: str, *, jobs: int = 1, **options: Any
) -> list[Document]:
    """Each document with its TIMEX3s replaced by the tagger's (same order as given).

    ``options`` go to the dateparser baseline (``prefer_dates_from``, ``values``).
    """
    work = [(tagger, doc.text, doc.dct, options) for doc in documents]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            tagged = list(pool.map(_tag_one, work, chunksize=4))
    else:
        tagged = [_tag_one(job) for job in work]
    return [
        dataclasses.replace(doc, timexes=tuple(found))
        for doc, found in zip(documents, tagged, strict=True)
    ]


# --- matching and scoring ------------------------------------------------------------------


def _stripped(text: str, timex: Timex) -> tuple[int, int]:
    """The span of ``timex`` in ``text`` without leading or trailing whitespace."""
    span = text[timex.start : timex.end]
    start = timex.start + (len(span) - len(span.lstrip()))
    return start, max(start, timex.end - (len(span) - len(span.rstrip())))


def match_spans(text: str, gold: Sequence[Timex], system: Sequence[Timex]) -> Match:
    """Line up gold and system TIMEX3s of one text (spans compared without whitespace).

    Strict: identical spans, each used once. Relaxed: overlapping spans, each used
    once, taken greedily by largest overlap (then closest length, then order).
    """
    gold_spans = [_stripped(text, t) for t in gold]
    system_spans = [_stripped(text, t) for t in system]
    strict = sum((Counter(gold_spans) & Counter(system_spans)).values())
    candidates = []
    for g, (gs, ge) in enumerate(gold_spans):
        for s, (ss, se) in enumerate(system_spans):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                candidates.append((-overlap, abs((ge - gs) - (se - ss)), g, s))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, g, s in sorted(candidates):
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            pairs.append((g, s))
    return Match(
        strict=strict,
        pairs=tuple(sorted(pairs)),
        missed=tuple(g for g in range(len(gold)) if g not in used_gold),
        spurious=tuple(s for s in range(len(system)) if s not in used_system),
    )


def _prf(correct: int, system: int, gold: int) -> dict[str, float]:
    precision = 100.0 * correct / system if system else 0.0
    recall = 100.0 * correct / gold if gold else 0.0
    total = precision + recall
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / total if total else 0.0,
    }


def _count(gold: Document, system: Document) -> Counter[str]:
    match = match_spans(gold.text, gold.timexes, system.timexes)
    pairs = [(gold.timexes[g], system.timexes[s]) for g, s in match.pairs]
    return Counter(
        documents=1,
        gold=len(gold.timexes),
        system=len(system.timexes),
        strict=match.strict,
        relaxed=len(pairs),
        value=sum(g.value == s.value for g, s in pairs),
        type=sum(g.type == s.type for g, s in pairs),
    )


def _figures(counts: Counter[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "documents": counts["documents"],
        "gold": counts["gold"],
        "system": counts["system"],
        "strict_matched": counts["strict"],
        "relaxed_matched": counts["relaxed"],
        "value_correct": counts["value"],
        "type_correct": counts["type"],
    }
    for measure in MEASURES:
        figures[measure] = _prf(counts[measure], counts["system"], counts["gold"])
    return figures


def score(gold_docs: Sequence[Document], system_docs: Sequence[Document]) -> dict[str, Any]:
    """TempEval-3 figures per sub-corpus and ``"overall"`` (micro-averaged over TIMEX3s).

    ``system_docs[i]`` holds the tagger's TIMEX3s for ``gold_docs[i]``. Figures are
    percentages: strict/relaxed P = matched / system, R = matched / gold; value and
    type count relaxed matches whose value (type) is right, over the same totals.
    """
    if len(gold_docs) != len(system_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(system_docs)} system ones")
    per_corpus: dict[str, Counter[str]] = {}
    for gold, system in zip(gold_docs, system_docs, strict=True):
        if gold.name != system.name:
            raise ValueError(f"documents out of step: gold {gold.name!r}, system {system.name!r}")
        per_corpus.setdefault(gold.corpus, Counter()).update(_count(gold, system))
    overall = sum(per_corpus.values(), Counter())
    result = {corpus: _figures(per_corpus[corpus]) for corpus in sorted(per_corpus)}
    result["overall"] = _figures(overall)
    return result


# --- error listing -------------------------------------------------------------------------


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{before}[[{text[start:end]}]]{after}".split())


def _error(doc: Document, kind: str, gold: Timex | None, system: Timex | None) -> dict[str, Any]:
    spans = [t for t in (gold, system) if t is not None]
    start, end = min(t.start for t in spans), max(t.end for t in spans)
    record: dict[str, Any] = {"doc": doc.name, "corpus": doc.corpus, "dct": doc.dct.isoformat()}
    record["kind"] = kind
    for side, timex in (("gold", gold), ("system", system)):
        record[side] = None if timex is None else dataclasses.asdict(timex)
    record["context"] = _context(doc.text, start, end)
    return record


def _pair_kind(text: str, gold: Timex, system: Timex) -> str | None:
    if gold.value != system.value:
        return "wrong_value"
    if gold.type != system.type:
        return "wrong_type"
    if _stripped(text, gold) != _stripped(text, system):
        return "extent"
    return None


def collect_errors(
    gold_docs: Sequence[Document], system_docs: Sequence[Document]
) -> list[dict[str, Any]]:
    """One record per miss, false positive, wrong value, wrong type or partial extent.

    ``kind`` is ``missed`` (gold with no overlapping system TIMEX3), ``spurious``
    (system with no gold), or for relaxed matches the first of ``wrong_value``,
    ``wrong_type``, ``extent`` (overlap but not the same span) that applies.
    """
    records = []
    for gold_doc, system_doc in zip(gold_docs, system_docs, strict=True):
        gold, system = gold_doc.timexes, system_doc.timexes
        match = match_spans(gold_doc.text, gold, system)
        found = [(gold[g].start, _error(gold_doc, "missed", gold[g], None)) for g in match.missed]
        found += [
            (system[s].start, _error(gold_doc, "spurious", None, system[s])) for s in match.spurious
        ]
        for g, s in match.pairs:
            kind = _pair_kind(gold_doc.text, gold[g], system[s])
            if kind:
                found.append((gold[g].start, _error(gold_doc, kind, gold[g], system[s])))
        records += [record for _, record in sorted(found, key=lambda item: item[0])]
    return records


# --- output --------------------------------------------------------------------------------

_ROWS: tuple[tuple[str, str], ...] = (
    ("gold", "gold TIMEX3"),
    ("system", "system TIMEX3"),
    ("strict_matched", "strict matches"),
    ("relaxed_matched", "relaxed matches"),
    ("value_correct", "right value"),
    ("type_correct", "right type"),
)


def format_table(scores: dict[str, Any]) -> str:
    """A fixed-width table: P/R/F1 per measure and the counts, one column group per corpus."""
    names = list(scores)
    titles = (f"{name} ({scores[name]['documents']} docs)" for name in names)
    head = f"{'':16}" + "".join(f"{title:<24}" for title in titles)
    sub = f"{'':16}" + f"{'P':>6}{'R':>7}{'F1':>7}    " * len(names)
    lines = [head.rstrip(), sub.rstrip()]
    for measure in MEASURES:
        cells = (scores[n][measure] for n in names)
        row = "".join(f"{c['precision']:6.1f}{c['recall']:7.1f}{c['f1']:7.1f}    " for c in cells)
        lines.append(f"{measure:<16}{row}".rstrip())
    for key, label in _ROWS:
        lines.append(f"{label:<16}" + "".join(f"{scores[n][key]:>6}{'':18}" for n in names))
    return "\n".join(line.rstrip() for line in lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path, help="folder of TimeML .tml files (recursive)")
    parser.add_argument("--tagger", choices=("timeline", "dateparser"), default="timeline")
    parser.add_argument("--errors", type=Path, help="write every error as JSON lines here")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--limit", type=int, help="only N documents, spread over the corpus")
    parser.add_argument(
        "--prefer-dates-from",
        choices=("past", "future", "current_period"),
        help="dateparser's PREFER_DATES_FROM (default: dateparser's own, current_period)",
    )
    parser.add_argument(
        "--dateparser-values",
        choices=("day", "period"),
        default="day",
        help="dateparser values: always YYYY-MM-DD (day, default) or cut to its period",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    args = _parse_args(argv)
    gold = sample_documents(load_corpus(args.gold_dir), args.limit)
    started = time.perf_counter()
    options = {"prefer_dates_from": args.prefer_dates_from, "values": args.dateparser_values}
    system = tag_corpus(gold, args.tagger, jobs=args.jobs, **options)
    seconds = time.perf_counter() - started
    scores = score(gold, system)
    out(f"TempEval-3, tagger {args.tagger}, {len(gold)} documents from {args.gold_dir}")
    out(f"(tagging took {seconds:.2f} s with {args.jobs} process(es); figures in %)\n")
    out(format_table(scores))
    if args.errors:
        errors = collect_errors(gold, system)
        _write_jsonl(args.errors, errors)
        out(f"\n{len(errors)} error records written to {args.errors}")
    settings = {"languages": ["en"], "PREFER_DATES_FROM": args.prefer_dates_from}
    settings["values"] = args.dateparser_values
    summary = {
        "benchmark": "te3",
        "tagger": args.tagger,
        "gold_dir": str(args.gold_dir),
        "documents": len(gold),
        "limit": args.limit,
        "seconds": round(seconds, 3),
        "jobs": args.jobs,
        "dateparser_settings": settings if args.tagger == "dateparser" else None,
        "scores": _rounded(scores),
    }
    out(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
