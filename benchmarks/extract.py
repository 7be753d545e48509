"""Throughput of ``extract_articles`` on the data/ sample corpus repeated to N articles.

Each copy gets its own article id (the text is unchanged), so the cross-article merge
sees the same stories reported many times, as a busy corpus would. Prints a summary
and, last, one JSON line: articles/s, seconds, peak traced memory and max RSS.

    PYTHONPATH=src python benchmarks/extract.py [--articles 2000]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-tracemalloc", action="store_true", help="time without tracing")
    args = parser.parse_args()
    corpus = build_corpus(args.articles)
    extract_articles(corpus[:7])  # warm caches (gazetteer, lexicons) outside the timing
    if not args.no_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    result = extract_articles(corpus)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
    chars = sum(len(a.text) for a in corpus)
    summary = {
        "benchmark": "extract_articles",
        "articles": len(corpus),
        "mean_chars": round(chars / len(corpus)),
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(corpus) / seconds, 1),
        "events": len(result.events),
        "entities": len(result.entities),
        "tracemalloc_peak_mb": None if peak is None else round(peak / 2**20, 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"{summary['articles']} articles in {summary['seconds']} s", file=sys.stderr)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
