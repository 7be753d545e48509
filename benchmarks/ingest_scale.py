"""Cost of saving 1,000 articles into stores that already hold 0, 10k, 50k, 100k articles.

The articles come from benchmarks/make_corpus.py (stories from TimeBank/AQUAINT and data/
with new names, places and years), so stored events share actors the way a real archive
does. The script

1. extracts the base corpus in chunks of CHUNK articles (in worker processes; not
   timed; with ``--cache DIR`` each chunk is kept there and reused by the next run) and
   loads it, chunk after chunk, into ONE growing store in bulk — one transaction per
   chunk, the store's own row writers, no cross-article merge (a saved corpus would be
   merged; loading it unmerged keeps every event row, so the base is, if anything,
   larger than an ingested one);
   Past ``--distinct`` articles (default 20,000: extracting 100,000 takes hours on a
   shared 2-core machine) the base continues with copies of the extracted chunks under
   new article and event ids, their people and organisations renamed (one new set per
   copy) and their countries and places kept: the tables, indexes and per-actor
   buckets grow as in a bigger archive, busy actors (countries) busier;
2. at each size, copies that store and times ``Store.save_extraction`` of the same
   1,000 further articles (extracted once, outside the timing) into the copy: CPU
   seconds of this process and wall seconds.

The figure of merit is the ratio of the save cost at each size to the cost into an
empty store, measured in the same run (issue 12 asks for at most 1.3x at 100k).

    PYTHONPATH=src python benchmarks/ingest_scale.py ../shared/corpora/timebank \\
        --sizes 0 10000 50000 100000 [--batch 1000] [--jobs 2] [--cache /tmp/scale]

Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import pickle
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import generate, read_sources  # noqa: E402
from timeline.ingest import article_id  # noqa: E402
from timeline.merge.ids import REPORT_DIGITS, article_part  # noqa: E402
from timeline.models import Article, Event, Extraction  # noqa: E402
from timeline.pipeline import extract_articles  # noqa: E402
from timeline.store import Store  # noqa: E402
from timeline.store.rows import _article_row, _time_row  # noqa: E402
from timeline.store.writes import (  # noqa: E402
    _group_by_article,
    _write_agreement,
    _write_entities,
    _write_events,
    _write_mentions,
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


def extract_chunks(records: list[dict], jobs: int, cache: Path | None) -> Iterator[Extraction]:
    """Extract ``records`` in chunks of CHUNK articles (each chunk merged on its own), in
    order, holding only a few chunks at a time; cached chunks are read back instead."""
    chunks = [records[i : i + CHUNK] for i in range(0, len(records), CHUNK)]
    paths = [None if cache is None else cache / f"chunk-{i}.pkl" for i in range(len(chunks))]
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        pending: dict[int, Future[Extraction]] = {}
        for i, path in enumerate(paths):
            # keep 2 x jobs chunks in flight ahead of the one being used
            for ahead in range(i, min(len(chunks), i + 2 * max(1, jobs))):
                done = paths[ahead] is not None and paths[ahead].exists()
                if ahead not in pending and not done:
                    pending[ahead] = pool.submit(_extract, chunks[ahead])
            if i in pending:
                extraction = pending.pop(i).result()
                if path is not None:
                    path.write_bytes(pickle.dumps(extraction, pickle.HIGHEST_PROTOCOL))
            else:
                assert path is not None
                extraction = current_ids(pickle.loads(path.read_bytes()))
            yield extraction


def current_ids(extraction: Extraction) -> Extraction:
    """A cached extraction with the event ids of timeline.merge.ids: an id cached before
    the article digits were added (12 digits) is the report part of the current one, so
    prefixing its article's digits gives what extracting again would (an anchor names an
    event of its own article)."""

    def current(event_id: str | None, article: str) -> str | None:
        old = event_id is not None and len(event_id) == REPORT_DIGITS
        return article_part(article) + event_id if old else event_id

    def upgraded(e: Event) -> Event:
        anchor = dataclasses.replace(e.anchor, event_id=current(e.anchor.event_id, e.article_id))
        return dataclasses.replace(e, id=current(e.id, e.article_id), anchor=anchor)

    if all(len(e.id) != REPORT_DIGITS for e in extraction.events):
        return extraction
    return dataclasses.replace(extraction, events=tuple(map(upgraded, extraction.events)))


def _new_id(old: str, copy: int) -> str:
    return hashlib.sha256(f"{old}/{copy}".encode()).hexdigest()[:12]


def clone(extraction: Extraction, copy: int) -> Extraction:
    """``extraction`` as if from other articles: new ids, people and organisations renamed."""
    kinds = {e.name: e.kind for e in extraction.entities}
    names = {n: f"{n} {copy}" for n, k in kinds.items() if k in {"person", "organisation"}}

    def name(n: str) -> str:
        return names.get(n, n)

    aid = {a.id: _new_id(a.id, copy) for a in extraction.articles}
    return Extraction(
        articles=tuple(
            dataclasses.replace(a, id=aid[a.id], text=f"{a.text}\n({copy})")
            for a in extraction.articles
        ),
        times={aid[k]: v for k, v in extraction.times.items() if k in aid},
        events=tuple(
            dataclasses.replace(
                e,
                id=article_part(aid[e.article_id]) + _new_id(e.id, copy),
                article_id=aid[e.article_id],
                actors=tuple(map(name, e.actors)),
                sources=tuple(aid.get(s, s) for s in e.sources),
                date_variants=tuple(
                    {**v, "article_id": aid.get(v.get("article_id"), v.get("article_id"))}
                    for v in e.date_variants
                ),
            )  # fmt: skip
            for e in extraction.events
        ),
        entities=tuple(
            dataclasses.replace(e, name=name(e.name), aliases=tuple(map(name, e.aliases)))
            for e in extraction.entities
        ),
        agreements=tuple(
            dataclasses.replace(
                g,
                id=_new_id(g.id, copy),
                article_id=aid[g.article_id],
                parties=tuple(map(name, g.parties)),
                sources=tuple(aid.get(s, s) for s in g.sources),
            )  # fmt: skip
            for g in extraction.agreements
        ),
        mentions={
            aid[a]: {name(n): c for n, c in counts.items()}
            for a, counts in extraction.mentions.items()
            if a in aid
        },
    )


def base_chunks(records: list[dict], distinct: int, jobs: int, cache: Path | None):
    """The base corpus's chunks: the first ``distinct`` articles extracted, then copies."""
    made: list[Extraction] = []
    for extraction in extract_chunks(records[:distinct], jobs, cache):
        made.append(extraction)
        yield extraction
    copy = 0
    while made:
        copy += 1
        for extraction in made:
            yield clone(extraction, copy)


def bulk_load(store: Store, extractions: Iterable[Extraction]) -> None:
    """Write every article's rows, one transaction per extraction, without merging
    across articles, on one connection with a big page cache and no syncs (a base
    store is scaffolding: only the save into its copy is measured)."""
    with store._connect() as conn:
        conn.execute("PRAGMA cache_size = -1000000")
        conn.execute("PRAGMA synchronous = OFF")
        for extraction in extractions:
            conn.execute("BEGIN IMMEDIATE")
            _load_one(conn, extraction)
            conn.execute("COMMIT")


def _load_one(conn: sqlite3.Connection, extraction: Extraction) -> None:
    groups = _group_by_article(extraction)
    entities = {e.name: e for e in extraction.entities}
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
        counts = extraction.mentions.get(article.id)
        if counts:
            _write_mentions(conn, article.id, counts, entities)
    _write_entities(conn, extraction.entities, counted=bool(extraction.mentions))


def measure(base: Path, probe: Extraction, folder: Path) -> dict:
    """Copy the base store and time saving ``probe`` into the copy."""
    copy = folder / "measured.db"
    with sqlite3.connect(base) as conn:  # everything in the main file, then copy it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(base, copy)
    store = Store(copy)
    stored = {t: _count(store, t) for t in ("articles", "events")}
    cpu0, wall0 = time.process_time(), time.perf_counter()
    store.save_extraction(probe)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    copy.unlink()
    saved = len(probe.articles)
    return {
        "stored_articles": stored["articles"],
        "stored_events": stored["events"],
        "saved_articles": saved,
        "cpu_ms_per_article": round(1000 * cpu / saved, 2),
        "wall_ms_per_article": round(1000 * wall / saved, 2),
        "articles_per_wall_second": round(saved / wall, 1),
    }


def _probe(records: list[dict], cache: Path | None) -> Extraction:
    path = None if cache is None else cache / "probe.pkl"
    if path is not None and path.exists():
        return current_ids(pickle.loads(path.read_bytes()))
    probe = _extract(records)
    if path is not None:
        path.write_bytes(pickle.dumps(probe, pickle.HIGHEST_PROTOCOL))
    return probe


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timebank", type=Path, help="TimeBank/AQUAINT folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 2000, 10000])
    parser.add_argument("--batch", type=int, default=1000, help="articles saved per size")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, help="folder keeping extracted chunks for reruns")
    parser.add_argument(
        "--distinct", type=int, default=20_000, help="base articles extracted; then copies"
    )
    args = parser.parse_args(argv)
    sources = read_sources(args.timebank)
    largest = max(args.sizes)
    records = list(generate(sources, largest + args.batch, seed=args.seed))
    cache = None
    if args.cache is not None:  # one corpus per (seed, largest, batch, chunk)
        cache = args.cache / f"seed{args.seed}-n{largest}-b{args.batch}-c{CHUNK}"
        cache.mkdir(parents=True, exist_ok=True)
    # The saved batch is the corpus's last stories, so it is news to every base store.
    probe = _probe(records[largest:], cache)
    chunks = base_chunks(records[:largest], args.distinct, args.jobs, cache)
    rows = []
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as tmp:
        base = Store(Path(tmp) / "base.db")
        loaded = 0
        for size in sorted(args.sizes):
            if loaded < size:
                bulk_load(base, islice(chunks, -(-(size - loaded) // CHUNK)))
                loaded = -(-size // CHUNK) * CHUNK
            rows.append(measure(base.path, probe, Path(tmp)))
            print(
                f"{rows[-1]['stored_articles']:>7} stored ({rows[-1]['stored_events']:>8} events): "
                f"{rows[-1]['cpu_ms_per_article']:8.2f} CPU ms/article, "
                f"{rows[-1]['articles_per_wall_second']:7.1f} articles/s wall",
                file=sys.stderr,
                flush=True,
            )
    empty = rows[0]["cpu_ms_per_article"] or float("nan")
    for row in rows:
        row["ratio_to_smallest"] = round(row["cpu_ms_per_article"] / empty, 2)
    print(json.dumps({"benchmark": "ingest_scale", "rows": rows}))


if __name__ == "__main__":
    main()
