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
skips it; ``--stages`` adds a pass that times each stage apart. Prints a summary
and, last, one JSON line with every figure.

    PYTHONPATH=src python benchmarks/extract.py [--articles 2000] [--no-tracemalloc] \
        [--timebank ../shared/corpora/timebank] [--stages]
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
from timeline.entities import merge_aliases  # noqa: E402
from timeline.ingest import article_id, load_paths  # noqa: E402
from timeline.merge import merge_events  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.pipeline import _unique, article_findings, extract_articles, read_article  # noqa: E402

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


def stage_seconds(corpus: list) -> dict[str, float]:
    """CPU seconds of each public stage of ``extract_articles`` on ``corpus``, run apart
    (one more pass): reading (analysis, times, actors), aliases, findings (events,
    agreements), the events' merge."""
    clock = time.process_time
    spent = {}
    began = clock()
    articles = _unique(corpus, [])
    readings = [read_article(a) for a in articles]
    spent["read_article"], began = clock() - began, clock()
    aliases = merge_aliases(m for r in readings for m in r.mentions)
    entities = aliases.entities()
    spent["merge_aliases"], began = clock() - began, clock()
    found = [
        article_findings(a, r, aliases, entities) for a, r in zip(articles, readings, strict=True)
    ]
    spent["article_findings"], began = clock() - began, clock()
    merge_events([e for f in found for e in f.events])
    spent["merge_events"] = clock() - began
    return {k: round(v, 3) for k, v in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the memory pass")
    parser.add_argument("--timebank", type=Path, help="make varied articles from this folder")
    parser.add_argument("--stages", action="store_true", help="also time each stage apart")
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
    stages = stage_seconds(corpus) if args.stages else None
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
        "stage_cpu_seconds": stages,
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
