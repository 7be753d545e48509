"""Throughput of ``timeline.tag`` against ``dateparser.search.search_dates``.

    python benchmarks/speed.py GOLD_DIR [--repeat N] [--dateparser-limit N]

Both taggers run in this one process (one core) on the TEXT of the same TimeML
documents, each with the document's DCT as its reference date. dateparser is slow,
so it runs on ``--dateparser-limit`` documents spread over the corpus and
``timeline`` is timed on those same documents for the ratio, and on all of them.
Then 1,000,000 characters of plain text (the corpus texts joined and repeated) are
tagged in one call. Each timing is the best of ``--repeat`` runs after one warm-up.
See README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timeml import Document, load_corpus, sample_documents  # noqa: E402

__all__ = ["build_text", "run_dateparser", "run_timeline", "time_documents"]

MEGABYTE = 1_000_000

Tagger = Callable[[str, dt.date], int]


def run_timeline(text: str, dct: dt.date) -> int:
    """Tag ``text`` with ``timeline.tag``; return how many expressions it found."""
    import timeline

    return len(timeline.tag(text, dct=dct))


def run_dateparser(text: str, dct: dt.date) -> int:
    """``search_dates`` in English relative to the DCT; return how many dates it found."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(dct, dt.time())
    return len(search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])


def _timed(call: Callable[[], int], repeat: int) -> dict[str, Any]:
    """Best-of-``repeat`` wall (perf_counter) and CPU (process_time) seconds of ``call``.

    The CPU time is this process's alone: on a shared machine it shows what the
    wall time would be without other processes taking the core.
    """
    runs, cpu_runs = [], []
    found = 0
    for _ in range(max(1, repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        found = call()
        runs.append(time.perf_counter() - wall)
        cpu_runs.append(time.process_time() - cpu)
    return {
        "expressions": found,
        "seconds": min(runs),
        "cpu_seconds": min(cpu_runs),
        "runs": runs,
        "cpu_runs": cpu_runs,
    }


def _rate(amount: int, seconds: float) -> float:
    return amount / seconds if seconds > 0 else float("inf")


def time_documents(tagger: Tagger, documents: Sequence[Document], repeat: int) -> dict[str, Any]:
    """Best-of-``repeat`` time to tag every document once, and the rates it gives."""
    timing = _timed(lambda: sum(tagger(doc.text, doc.dct) for doc in documents), repeat)
    chars = sum(len(doc.text) for doc in documents)
    return {
        "documents": len(documents),
        "characters": chars,
        **timing,
        "docs_per_second": _rate(len(documents), timing["seconds"]),
        "chars_per_second": _rate(chars, timing["seconds"]),
        "cpu_docs_per_second": _rate(len(documents), timing["cpu_seconds"]),
    }


def build_text(documents: Sequence[Document], size: int = MEGABYTE) -> str:
    """The documents' texts joined by blank lines, repeated and cut to ``size`` characters."""
    corpus = "\n\n".join(doc.text.strip() for doc in documents)
    if not corpus:
        raise ValueError("the documents hold no text to build a benchmark text from")
    return (corpus * (size // len(corpus) + 1))[:size]


def time_text(text: str, dct: dt.date, repeat: int) -> dict[str, Any]:
    """Best-of-``repeat`` seconds for one ``timeline.tag`` call on ``text``."""
    return {"characters": len(text), **_timed(lambda: run_timeline(text, dct), repeat)}


def _warm_up(documents: Sequence[Document]) -> None:
    """Load both libraries and their lazily built tables before anything is timed."""
    first = documents[0]
    run_timeline(first.text, first.dct)
    run_dateparser(first.text, first.dct)


def _line(name: str, figures: dict[str, Any]) -> str:
    return (
        f"{name:<34}{figures['documents']:>4} docs {figures['characters']:>8,} chars"
        f"{figures['seconds']:>8.3f} s{figures['docs_per_second']:>8.1f} docs/s"
        f"{figures['chars_per_second']:>10,.0f} chars/s   (CPU {figures['cpu_seconds']:.3f} s,"
        f" {figures['cpu_docs_per_second']:.1f} docs/s)"
    )


def _report(results: dict[str, Any], out: Callable[[str], None]) -> None:
    out(_line("timeline.tag, all documents", results["timeline_all"]))
    out(_line("timeline.tag, dateparser's sample", results["timeline_sample"]))
    out(_line("dateparser.search_dates, sample", results["dateparser_sample"]))
    out(
        f"ratio timeline/dateparser (docs/s on the same sample): {results['ratio']:.1f}x"
        f" (by CPU time: {results['cpu_ratio']:.1f}x; target >= 10x)"
    )
    mb = results["megabyte"]
    out(
        f"timeline.tag on {mb['characters']:,} characters in one call: {mb['seconds']:.3f} s"
        f" (CPU {mb['cpu_seconds']:.3f} s; {mb['expressions']:,} expressions; target < 1 s)"
    )


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "dateparser": version("dateparser"),
    }


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path, help="folder of TimeML .tml files (recursive)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; best is kept")
    parser.add_argument(
        "--dateparser-limit",
        type=int,
        default=60,
        help="documents (spread over the corpus) dateparser is timed on (default 60)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    args = _parse_args(argv)
    documents = load_corpus(args.gold_dir)
    sample = sample_documents(documents, args.dateparser_limit)
    _warm_up(documents)
    results: dict[str, Any] = {
        "timeline_all": time_documents(run_timeline, documents, args.repeat),
        "timeline_sample": time_documents(run_timeline, sample, args.repeat),
        "dateparser_sample": time_documents(run_dateparser, sample, args.repeat),
        "megabyte": time_text(build_text(documents), documents[0].dct, args.repeat),
    }
    timeline_sample, dateparser_sample = results["timeline_sample"], results["dateparser_sample"]
    results["ratio"] = timeline_sample["docs_per_second"] / dateparser_sample["docs_per_second"]
    results["cpu_ratio"] = (
        timeline_sample["cpu_docs_per_second"] / dateparser_sample["cpu_docs_per_second"]
    )
    out(f"Speed on {args.gold_dir}: single process, best of {args.repeat} run(s)\n")
    _report(results, out)
    summary = {
        "benchmark": "speed",
        "gold_dir": str(args.gold_dir),
        "repeat": args.repeat,
        "dateparser_limit": args.dateparser_limit,
        "environment": _environment(),
        **results,
    }
    out(json.dumps(_rounded(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
