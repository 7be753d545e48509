"""Throughput of ``extract_articles`` on N articles: varied stories, or the sample repeated.

With a TimeBank/AQUAINT folder (``--timebank``), the articles are made by
benchmarks/make_corpus.py: stories with new names, places and years, each reported one
to four times, so caches and merges see a varied corpus. Without it, the data/ sample
corpus is repeated to N articles (each copy with its own id): six stories told again and
again, which overstates throughput two- to threefold at 1k-10k articles. The timed pass runs
without tracing; it reports CPU time (``time.process_time``, what the code costs) and
wall time (what a user waits; on a shared machine up to several times the CPU time).
Peak traced memory comes from a second, traced pass (tracemalloc slows Python code
two- to threefold, so it never shares a pass with the timing); ``--no-tracemalloc``
skips it. Prints a summary and, last, one JSON line with every figure.

    PYTHONPATH=src python benchmarks/extract.py [--articles 2000] [--no-tracemalloc] \
        [--timebank ../shared/corpora/timebank]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import generate, read_sources  # noqa: E402
from timeline.ingest import article_id, load_paths  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.pipeline import extract_articles  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "data"


def build_corpus(count: int) -> list:
    articles, issues = load_paths([CORPUS])
    if not articles:
        sys.exit(f"no articles in {CORPUS}: {[i.message for i in issues]}")
    return [
        dataclasses.replace(articles[i % len(articles)], id=f"bench-{i:05d}") for i in range(count)
    ]


def varied_corpus(timebank: Path, count: int) -> list[Article]:
    return [
        Article(
            id=article_id(r["text"]),
            text=r["text"],
            published=dt.date.fromisoformat(r["published"]),
            title=r["title"],
            source=r["source"],
        )
        for r in generate(read_sources(timebank), count)
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
    parser.add_argument("--timebank", type=Path, help="make varied articles from this folder")
    args = parser.parse_args()
    if args.timebank:
        corpus = varied_corpus(args.timebank, args.articles)
    else:
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
        "corpus": "varied (make_corpus)" if args.timebank else "data/ repeated",
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
