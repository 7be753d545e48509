"""Throughput of ``extract_articles`` on the data/ sample corpus repeated to N articles.

Each copy gets its own article id (the text is unchanged), so the cross-article merge
sees the same stories reported many times, as a busy corpus would. The timed pass runs
without tracing; it reports CPU time (``time.process_time``, what the code costs) and
wall time (what a user waits; on a shared machine up to several times the CPU time).
Peak traced memory comes from a second, traced pass (tracemalloc slows Python code
two- to threefold, so it never shares a pass with the timing); ``--no-tracemalloc``
skips it. Prints a summary and, last, one JSON line with every figure.

    PYTHONPATH=src python benchmarks/extract.py [--articles 2000] [--no-tracemalloc]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from timeline.ingest import load_paths
from timeline.pipeline import extract_articles

CORPUS = Path(__file__).resolve().parents[1] / "data"


def build_corpus(count: int) -> list:
    articles, issues = load_paths([CORPUS])
    if not articles:
        sys.exit(f"no articles in {CORPUS}: {[i.message for i in issues]}")
    return [
        dataclasses.replace(articles[i % len(articles)], id=f"bench-{i:05d}") for i in range(count)
    ]


def measure_peak(corpus: list) -> float:
    """Peak traced memory (MB) of one extraction of ``corpus``."""
    tracemalloc.start()
    try:
        extract_articles(corpus)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the memory pass")
    args = parser.parse_args()
    corpus = build_corpus(args.articles)
    extract_articles(corpus[:7])  # warm caches (gazetteer, lexicons) outside the timing
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    result = extract_articles(corpus)
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    peak = None if args.no_tracemalloc else measure_peak(corpus)
    chars = sum(len(a.text) for a in corpus)
    summary = {
        "benchmark": "extract_articles",
        "articles": len(corpus),
        "mean_chars": round(chars / len(corpus)),
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "articles_per_cpu_second": round(len(corpus) / cpu, 1),
        "articles_per_wall_second": round(len(corpus) / wall, 1),
        "events": len(result.events),
        "entities": len(result.entities),
        "agreements": len(result.agreements),
        "tracemalloc_peak_mb": None if peak is None else round(peak, 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(
        f"{summary['articles']} articles: {summary['articles_per_cpu_second']} articles/s CPU "
        f"({cpu:.2f} s), {summary['articles_per_wall_second']} articles/s wall ({wall:.2f} s)",
        file=sys.stderr,
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
