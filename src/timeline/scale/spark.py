"""`timeline spark-extract`: :func:`timeline.pipeline.extract_articles` on Apache Spark.

The same stages, the same functions, spread over a cluster (or local cores):

1. the input is read as `timeline ingest` reads it (files and folders by
   :func:`timeline.ingest.load_paths` on the driver; Parquet in the executors, each row a
   record);
2. :func:`timeline.pipeline.read_article` on every article (a pure function of its text,
   publish date and metadata), in the executors;
3. actors' aliases: the readings' mentions, in input order, go to the driver, which runs
   ``merge_aliases`` once (it is one greedy pass over the corpus, not split by keys) and
   broadcasts the alias table;
4. :func:`timeline.pipeline.article_findings` on every article (analysed again there);
5. events merge as Spark operations: every event's blocking keys
   (:func:`timeline.merge.merge_keys`) are linked into connected groups, events
   are grouped by their group, and ``merge_events`` runs inside each group on the group's
   events in input order: what it does on the whole list, group by group;
6. every table is written as Parquet, partitioned by month (:mod:`.parquet`).

Agreements are written as reports, as the store keeps them (it merges them when read).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from timeline.ingest import load_paths
from timeline.merge import combine_reports, happenings, merge_keys
from timeline.models import Article, Event, Issue
from timeline.pipeline import _unique, article_findings, read_article
from timeline.scale import parquet as pq

__all__ = ["SparkCounts", "spark_extract", "spark_session"]


def _keep() -> Any:
    from pyspark import StorageLevel

    return StorageLevel.MEMORY_AND_DISK


@dataclass(frozen=True)
class SparkCounts:
    articles: int
    events: int
    entities: int
    agreements: int
    issues: tuple[Issue, ...]


def spark_session(master: str | None = None, app: str = "timeline spark-extract") -> Any:
    """A SparkSession: ``master`` when given, else spark-submit's (``local[*]`` when run
    directly). Local workers run this interpreter."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def spark_extract(
    spark: Any, source: Path, out: Path, *, published: Any = None, partitions: int | None = None
) -> SparkCounts:
    """Extract ``source`` (a file, a folder, or Parquet) into Parquet tables under ``out``."""
    sc = spark.sparkContext
    articles, issues = _articles(spark, source, published)
    found = list(issues)
    articles = _unique(articles, found)
    slices = partitions or max(sc.defaultParallelism, len(articles) // 250 or 1)
    # (position, article, reading without its analysis: it does not travel)
    read = (
        sc.parallelize(list(enumerate(articles)), slices)
        .map(lambda pa: (pa[0], pa[1], replace(read_article(pa[1]), sentences=None)))
        .persist(_keep())
    )
    mentions = sorted(read.map(lambda r: (r[0], r[2].mentions)).collect(), key=lambda m: m[0])
    from timeline.entities import merge_aliases

    aliases = merge_aliases(m for _, group in mentions for m in group)
    entities = aliases.entities()
    shared = sc.broadcast((aliases, entities))
    findings = read.map(
        lambda r: (r[0], article_findings(r[1], r[2], *shared.value))
    ).persist(_keep())  # fmt: skip
    events = _merged_events(sc, findings)
    late = sorted(
        read.flatMap(lambda r: [((r[0], 0, i), x) for i, x in enumerate(r[2].issues)])
        .union(findings.flatMap(lambda f: [((f[0], 1, i), x) for i, x in enumerate(f[1].issues)]))
        .collect(),
        key=lambda item: (item[0][1], item[0][0], item[0][2]),  # readings' first, as one pass
    )
    found.extend(x for _, x in late)
    _write(spark, out, "articles", read.map(lambda r: pq.article_row(r[0], r[1])))
    _write(spark, out, "times", read.flatMap(lambda r: pq.time_rows(r[1], r[2].times)))
    _write(spark, out, "events", events.map(lambda e: pq.event_row(*e)))
    _write(spark, out, "entities", sc.parallelize(
        [pq.entity_row(n, e) for n, e in enumerate(entities)], 1))  # fmt: skip
    agreements = _agreement_rows(read, findings)
    _write(spark, out, "agreements", agreements)
    _write(spark, out, "issues", sc.parallelize(
        [pq.issue_row(n, i) for n, i in enumerate(found)], 1))  # fmt: skip
    return SparkCounts(
        articles=len(articles), events=events.count(), entities=len(entities),
        agreements=agreements.count(), issues=tuple(found),
    )  # fmt: skip


def _articles(spark: Any, source: Path, published: Any) -> tuple[list[Article], list[Issue]]:
    if _is_parquet(source):
        return _parquet_articles(spark, source, published)
    return load_paths([source], published=published)


def _is_parquet(source: Path) -> bool:
    if source.suffix == ".parquet":
        return True
    return source.is_dir() and any(source.rglob("*.parquet"))


def _parquet_articles(
    spark: Any, source: Path, published: Any
) -> tuple[list[Article], list[Issue]]:
    """Each Parquet row is a record (text, title, published, source, url, other fields as
    metadata), read by the library's JSON record reader in the executors, one batch per
    partition (issues are located as "record N" of "<source> part P")."""
    import json

    from timeline.ingest import load_bytes

    frame = spark.read.parquet(str(source))
    label = str(source)

    def read_part(part: int, rows: Iterable[Any]) -> Iterator[tuple[list[Article], list[Issue]]]:
        records = [row.asDict(recursive=True) for row in rows]
        data = json.dumps(records, ensure_ascii=False, default=str).encode("utf-8")
        yield load_bytes(f"{label} part {part}.json", data, published=published,
                         max_bytes=len(data) + 1, published_origin="cli")  # fmt: skip

    parts = frame.rdd.mapPartitionsWithIndex(read_part).collect()
    return [a for arts, _ in parts for a in arts], [i for _, iss in parts for i in iss]


def _merged_events(sc: Any, findings: Any) -> Any:
    """(seq, event) of the merged events: ``merge_events`` per connected group of blocking
    keys, each merged event placed where its first report stood in the input."""
    numbered = findings.flatMap(
        lambda f: [((f[0], i), e) for i, e in enumerate(f[1].events)]
    ).persist(_keep())  # fmt: skip
    key_sets = numbered.map(lambda x: merge_keys(x[1])).filter(bool).distinct().collect()
    group_of = sc.broadcast(connected_groups(key_sets))
    keyed = numbered.map(lambda x: (_group(x[1], group_of.value, x[0]), x))
    # kept: the sort, the numbering, the join and the count each read it again
    merged = keyed.groupByKey().flatMap(lambda g: merge_group(g[1])).persist(_keep())
    order = merged.map(lambda x: x[0]).sortBy(lambda k: k).zipWithIndex()
    return merged.join(order).map(lambda kv: (kv[1][1], kv[1][0])).persist(_keep())


def _group(event: Event, group_of: dict[Hashable, int], position: tuple[int, int]) -> Hashable:
    keys = merge_keys(event)
    return ("group", group_of[keys[0]]) if keys else ("alone", position)


def merge_group(items: Iterable[tuple[tuple[int, int], Event]]) -> list[tuple[tuple, Event]]:
    """``merge_events`` on one group's events in input order; each merged event keyed by
    its first report's position."""
    ordered = sorted(items, key=lambda item: item[0])
    reports = [e for _, e in ordered]
    return [
        (ordered[group[0]][0], combine_reports([reports[i] for i in group]))
        for group in happenings(reports)
    ]


def connected_groups(key_sets: Sequence[Sequence[Hashable]]) -> dict[Hashable, int]:
    """Key -> group number, keys linked when one event has both (union-find)."""
    parent: dict[Hashable, Hashable] = {}

    def root(key: Hashable) -> Hashable:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in key_sets:
        for other in keys[1:]:
            a, b = root(keys[0]), root(other)
            if a != b:
                parent[b] = a
        root(keys[0])
    numbers: dict[Hashable, int] = {}
    return {key: numbers.setdefault(root(key), len(numbers)) for key in list(parent)}


def _agreement_rows(read: Any, findings: Any) -> Any:
    published = read.map(lambda r: (r[0], r[1].published))
    numbered = findings.join(published).flatMap(
        lambda kv: [((kv[0], i), g, kv[1][1]) for i, g in enumerate(kv[1][0].agreements)]
    )
    order = numbered.map(lambda x: x[0]).sortBy(lambda k: k).zipWithIndex()
    return (
        numbered.map(lambda x: (x[0], x))
        .join(order)
        .map(lambda kv: pq.agreement_row(kv[1][1], kv[1][0][1], kv[1][0][2]))
    )


def _write(spark: Any, out: Path, table: str, rdd: Any) -> None:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"int": LongType(), "float": DoubleType(), "string": StringType()}
    schema = StructType(
        [StructField(c, types[pq.column_kind(c)], True) for c in pq.TABLES[table]]
    )  # fmt: skip
    frame = spark.createDataFrame(rdd, schema)
    if "month" in pq.TABLES[table]:
        # One task writes each month. Without the shuffle every task opened a file in each
        # month its rows touch: 61,822 files for the articles of a 100,000-article corpus,
        # slow to write, and slow for whatever reads the folder.
        frame.repartition("month").write.mode("overwrite").partitionBy("month").parquet(
            str(out / table)
        )
    else:
        frame.write.mode("overwrite").parquet(str(out / table))
