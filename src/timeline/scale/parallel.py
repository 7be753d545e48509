"""Ingest on every core: extraction in worker processes, one writer.

The articles are cut, in input order, into batches of ``batch`` articles. Each batch is
extracted by :func:`timeline.pipeline.extract_articles` (actors' aliases and events are
merged within the batch, exactly as one call of it merges them, and each article keeps its
own time limit) and saved by :meth:`timeline.store.Store.save_extraction` in input order;
events of different batches merge in the store, as separate ingest calls do. The batches
do not depend on the number of workers, so ``jobs=1`` and ``jobs=8`` store the same thing.

While the writer saves a batch, the workers extract the next ones; at most two batches per
worker are extracted ahead of the writer, so memory stays bounded however big the input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

from timeline.errors import StorageError, TimelineError
from timeline.models import Article, Extraction, Issue
from timeline.pipeline import _unique, extract_articles

__all__ = ["DEFAULT_BATCH", "IngestCounts", "default_jobs", "ingest_articles"]

#: Articles per extraction call. Aliases merge within a batch; bigger batches merge more
#: names but start the workers later and hold more in memory.
DEFAULT_BATCH = 500


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class IngestCounts:
    """What the extraction found, summed over the batches (events before the store merged
    reports of different batches), and every issue, in input order."""

    articles: int = 0
    events: int = 0
    entities: int = 0
    agreements: int = 0
    issues: tuple[Issue, ...] = ()

    def add(self, extraction: Extraction) -> IngestCounts:
        return IngestCounts(
            articles=self.articles + len(extraction.articles),
            events=self.events + len(extraction.events),
            entities=self.entities + len(extraction.entities),
            agreements=self.agreements + len(extraction.agreements),
            issues=(*self.issues, *extraction.issues),
        )


def ingest_articles(
    save: Callable[[Extraction], None],
    articles: Sequence[Article],
    *,
    jobs: int = 1,
    batch: int = DEFAULT_BATCH,
    issues: Sequence[Issue] = (),
) -> IngestCounts:
    """Extract ``articles`` on ``jobs`` processes and ``save`` each batch in input order.

    ``issues`` (from reading the input) are saved with the first batch, so an input whose
    every record is bad still has its issues stored. ``batch`` <= 0: one batch.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    found: list[Issue] = list(issues)
    unique = _unique(articles, found)  # a text twice in different batches is kept once too
    size = batch if batch > 0 else max(1, len(unique))
    batches = [unique[i : i + size] for i in range(0, len(unique), size)] or [[]]
    counts = IngestCounts()
    for number, extraction in enumerate(_extracted(batches, jobs)):
        if number == 0:
            extraction = replace(extraction, issues=(*found, *extraction.issues))
        try:
            save(extraction)
        except StorageError as exc:
            raise StorageError(f"{exc} (batch {number + 1} of {len(batches)}; the batches "
                               "before it were stored)") from exc  # fmt: skip
        counts = counts.add(extraction)
    return counts


def _extracted(batches: Sequence[Sequence[Article]], jobs: int) -> Iterator[Extraction]:
    """Each batch's extraction, in order: in this process when ``jobs`` is 1, else on a pool
    of ``jobs`` processes with at most ``2 * jobs`` batches ahead of the caller."""
    if jobs == 1 or len(batches) == 1:
        yield from (extract_articles(b) for b in batches)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        ahead: deque[tuple[Sequence[Article], Future[Extraction]]] = deque()
        pending = iter(batches)
        for b in pending:
            ahead.append((b, pool.submit(_extract_batch, b)))
            if len(ahead) >= 2 * jobs:
                break
        while ahead:
            batch, future = ahead.popleft()
            yield replace(_result(future), articles=tuple(batch))
            nxt = next(pending, None)
            if nxt is not None:
                ahead.append((nxt, pool.submit(_extract_batch, nxt)))


def _extract_batch(batch: Sequence[Article]) -> Extraction:
    """A worker's extraction of ``batch``, without the articles: the writer has them (the
    batch holds one article per id, as :func:`extract_articles` keeps them), and the
    result crosses to the writer as a pickle, whose reading is the writer's work."""
    return replace(extract_articles(batch), articles=())


def _result(future: Future[Extraction]) -> Extraction:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise TimelineError(
            "a worker process stopped before finishing its articles (killed, or out of "
            "memory); the batches before it were stored: ingest again with fewer --jobs "
            "or a smaller --batch to store the rest"
        ) from exc


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from a server that has imported the pipeline and loaded its data
    (:mod:`timeline.scale.warm`): cheap to start, and never a fork of a process holding
    threads or open store connections."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["timeline.scale.warm"])
        return context
    return multiprocessing.get_context("spawn")
