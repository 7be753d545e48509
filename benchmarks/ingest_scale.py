"""Cost of saving 1,000 articles into stores that already hold 0, 10k, 50k, 100k articles.

The articles come from benchmarks/make_corpus.py (stories from TimeBank/AQUAINT and data/
with new names, places and years), so stored events share actors the way a real archive
does. For each size the script

1. extracts the base corpus (in worker processes; not timed) and loads it into a new
   store in bulk — one transaction, the store's own row writers, no cross-article merge
   (a saved corpus would be merged; loading it unmerged keeps every event row, so the
   base is, if anything, larger than an ingested one);
2. times ``Store.save_extraction`` of the same 1,000 further articles (extracted once,
   outside the timing) into that store: CPU seconds of this process and wall seconds.

The figure of merit is the ratio of the save cost at each size to the cost into an
empty store, measured in the same run (issue 12 asks for at most 1.3x at 100k).

    PYTHONPATH=src python benchmarks/ingest_scale.py ../shared/corpora/timebank \\
        --sizes 0 10000 50000 100000 [--batch 1000] [--jobs 2]

Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import generate, read_sources  # noqa: E402
from timeline.ingest import article_id  # noqa: E402
from timeline.models import Article, Extraction  # noqa: E402
from timeline.pipeline import extract_articles  # noqa: E402
from timeline.store import Store  # noqa: E402
from timeline.store.rows import _article_row, _time_row  # noqa: E402
from timeline.store.writes import (  # noqa: E402
    _group_by_article,
    _write_agreement,
    _write_entities,
    _write_events,
)

CHUNK = 500
ADDED_AT = "2026-01-01T00:00:00+00:00"


def _count(store: Store, table: str) -> int:
    with store._connect() as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _extract(records: list[dict]) -> Extraction:
    articles = [
        Article(
            id=article_id(r["text"]),
            text=r["text"],
            published=dt.date.fromisoformat(r["published"]),
            title=r["title"],
            source=r["source"],
            published_origin="record",
        )
        for r in records
    ]
    return extract_articles(articles)


def extract_chunks(records: list[dict], jobs: int) -> list[Extraction]:
    """Extract ``records`` in chunks of CHUNK articles (each chunk merged on its own)."""
    chunks = [records[i : i + CHUNK] for i in range(0, len(records), CHUNK)]
    if jobs <= 1:
        return [_extract(c) for c in chunks]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_extract, chunks))


def bulk_load(store: Store, extractions: Sequence[Extraction]) -> None:
    """Write every article's rows in one transaction, without merging across articles."""
    with store._connect(write=True) as conn:
        for extraction in extractions:
            groups = _group_by_article(extraction)
            for article in extraction.articles:
                events, agreements, _ = groups[article.id]
                row = _article_row(article, ADDED_AT)
                conn.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(row)}) "
                    f"VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
                times = extraction.times.get(article.id, ())
                conn.executemany(
                    f"INSERT OR IGNORE INTO time_expressions VALUES ({', '.join('?' * 13)})",
                    [_time_row(article.id, i, t) for i, t in enumerate(times)],
                )
                _write_events(conn, events)
                for agreement in agreements:
                    _write_agreement(conn, agreement)
            _write_entities(conn, extraction.entities)


def measure(size: int, base: list[Extraction], probe: Extraction, folder: Path) -> dict:
    store = Store(folder / f"store-{size}.db")
    bulk_load(store, base)
    stored = {t: _count(store, t) for t in ("articles", "events")}
    cpu0, wall0 = time.process_time(), time.perf_counter()
    store.save_extraction(probe)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    saved = len(probe.articles)
    return {
        "stored_articles": stored["articles"],
        "stored_events": stored["events"],
        "saved_articles": saved,
        "cpu_ms_per_article": round(1000 * cpu / saved, 2),
        "wall_ms_per_article": round(1000 * wall / saved, 2),
        "articles_per_wall_second": round(saved / wall, 1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timebank", type=Path, help="TimeBank/AQUAINT folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 2000, 10000])
    parser.add_argument("--batch", type=int, default=1000, help="articles saved per size")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sources = read_sources(args.timebank)
    largest = max(args.sizes)
    records = list(generate(sources, largest + args.batch, seed=args.seed))
    # The saved batch is the corpus's last stories, so it is news to every base store.
    probe = _extract(records[largest:])
    base_all = extract_chunks(records[:largest], args.jobs) if largest else []
    rows = []
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as tmp:
        for size in sorted(args.sizes):
            rows.append(measure(size, base_all[: -(-size // CHUNK)], probe, Path(tmp)))
            print(
                f"{rows[-1]['stored_articles']:>7} stored ({rows[-1]['stored_events']:>8} events): "
                f"{rows[-1]['cpu_ms_per_article']:8.2f} CPU ms/article, "
                f"{rows[-1]['articles_per_wall_second']:7.1f} articles/s wall",
                file=sys.stderr,
            )
    empty = rows[0]["cpu_ms_per_article"] or float("nan")
    for row in rows:
        row["ratio_to_smallest"] = round(row["cpu_ms_per_article"] / empty, 2)
    print(json.dumps({"benchmark": "ingest_scale", "rows": rows}))


if __name__ == "__main__":
    main()
