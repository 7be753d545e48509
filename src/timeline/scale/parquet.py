"""The Parquet layout `timeline spark-extract` writes and `timeline ingest --parquet` reads.

One folder per table under the output folder; every table but ``entities`` and ``issues``
is partitioned by month (Hive style, ``month=2025-04/part-....parquet``; ``month=undated``
for rows without a date). The columns are the store's own (:mod:`timeline.store.rows`),
so a row means what the same row in the SQLite store means; lists are JSON text there as
in the store. ``seq`` orders rows as one extraction of the whole input would list them.
docs/parquet.md describes every column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from timeline.errors import InputError, StorageError
from timeline.models import (
    Agreement,
    AgreementStage,
    Area,
    Article,
    Entity,
    Event,
    Extraction,
    Issue,
    TimeExpression,
)
from timeline.store.rows import (
    EVENT_COLUMNS,
    _article_from_row,
    _article_row,
    _date,
    _dumps,
    _event_from_row,
    _event_row,
    _iso,
    _time_from_row,
    _time_row,
)

__all__ = ["TABLES", "UNDATED", "is_output", "month_of", "open_parquet_store", "read_extraction",
           "rows"]  # fmt: skip

UNDATED = "undated"
_INTS = {"sentence_start", "sentence_end", "trigger_start", "trigger_end", "position",
         "start_char", "end_char", "mentions", "seq"}  # fmt: skip
_FLOATS = {"confidence", "salience"}
_TIME_COLUMNS = ("article_id", "position", "text", "start_char", "end_char", "type", "value",
                 "mod", "earliest", "latest", "granularity", "rule", "anchor")  # fmt: skip
_ARTICLE_COLUMNS = ("id", "title", "source", "url", "published", "published_origin", "text",
                    "metadata")  # fmt: skip

#: table -> its columns (``month`` is the partition column of the partitioned ones).
TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("seq", *_ARTICLE_COLUMNS, "month"),
    "times": (*_TIME_COLUMNS, "month"),
    "events": ("seq", *EVENT_COLUMNS, "month"),
    "entities": ("seq", "name", "kind", "title", "mentions", "aliases"),
    "agreements": (
        "seq",
        "id",
        "article_id",
        "name",
        "kind",
        "parties",
        "duration",
        "evidence",
        "sources",
        "stages",
        "areas",
        "month",
    ),  # fmt: skip
    "issues": ("seq", "source", "message", "locator", "field", "raw", "severity"),
}


def column_kind(name: str) -> str:
    """``int``, ``float`` or ``string``: the Parquet type of a column."""
    return "int" if name in _INTS else "float" if name in _FLOATS else "string"


def month_of(day: dt.date | None) -> str:
    return UNDATED if day is None else f"{day.year:04d}-{day.month:02d}"


# -- models -> rows (tuples in TABLES order) ---------------------------------------------


def article_row(seq: int, article: Article) -> tuple[Any, ...]:
    row = _article_row(article, "")
    return (seq, *(row[c] for c in _ARTICLE_COLUMNS), month_of(article.published))


def time_rows(article: Article, times: Sequence[TimeExpression]) -> list[tuple[Any, ...]]:
    month = month_of(article.published)
    return [(*_time_row(article.id, i, t), month) for i, t in enumerate(times)]


def event_row(seq: int, event: Event) -> tuple[Any, ...]:
    return (seq, *_event_row(event), month_of(event.earliest))


def entity_row(seq: int, entity: Entity) -> tuple[Any, ...]:
    return (seq, entity.name, entity.kind, entity.title, entity.mentions,
            _dumps(list(entity.aliases)))  # fmt: skip


def agreement_row(seq: int, g: Agreement, published: dt.date | None) -> tuple[Any, ...]:
    stages = [{"stage": s.stage, "value": s.value, "earliest": _iso(s.earliest),
               "latest": _iso(s.latest), "time_text": s.time_text, "evidence": s.evidence,
               "status": s.status} for s in g.stages]  # fmt: skip
    areas = [{"area": a.area, "provisions": list(a.provisions), "evidence": list(a.evidence)}
             for a in g.areas]  # fmt: skip
    return (seq, g.id, g.article_id, g.name, g.kind, _dumps(list(g.parties)), g.duration,
            g.evidence, _dumps(list(g.sources)), _dumps(stages), _dumps(areas),
            month_of(published))  # fmt: skip


def issue_row(seq: int, i: Issue) -> tuple[Any, ...]:
    return (seq, i.source, i.message, i.locator, i.field, i.raw, i.severity)


def rows(extraction: Extraction) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows for ``extraction`` (what a run on one machine writes)."""
    published = {a.id: a.published for a in extraction.articles}
    return {
        "articles": [article_row(n, a) for n, a in enumerate(extraction.articles)],
        "times": [
            r for a in extraction.articles for r in time_rows(a, extraction.times.get(a.id, ()))
        ],  # fmt: skip
        "events": [event_row(n, e) for n, e in enumerate(extraction.events)],
        "entities": [entity_row(n, e) for n, e in enumerate(extraction.entities)],
        "agreements": [
            agreement_row(n, g, published.get(g.article_id))
            for n, g in enumerate(extraction.agreements)
        ],  # fmt: skip
        "issues": [issue_row(n, i) for n, i in enumerate(extraction.issues)],
    }


# -- Parquet -> Extraction ------------------------------------------------------------------


def read_extraction(folder: Path) -> Extraction:
    """The extraction a `timeline spark-extract` run wrote to ``folder``, rows in ``seq``
    order; a missing table or column is an :class:`InputError` naming it."""
    tables = {name: list(_read_table(folder, name)) for name in TABLES}
    times: dict[str, list[TimeExpression]] = {}
    for row in sorted(tables["times"], key=lambda r: (r["article_id"], r["position"])):
        times.setdefault(row["article_id"], []).append(_time_from_row(row))
    articles = [_article_from_row(r) for r in tables["articles"]]
    return Extraction(
        articles=tuple(articles),
        times={a.id: tuple(times.get(a.id, ())) for a in articles},
        events=tuple(_event_from_row(r) for r in tables["events"]),
        entities=tuple(_entity(r) for r in tables["entities"]),
        agreements=tuple(_agreement(r) for r in tables["agreements"]),
        issues=tuple(Issue(r["source"], r["message"], r["locator"], r["field"], r["raw"],
                           r["severity"]) for r in tables["issues"]),
    )  # fmt: skip


def _read_table(folder: Path, name: str) -> Iterator[Mapping[str, Any]]:
    import pyarrow.dataset as ds

    path = folder / name
    if not path.is_dir():
        raise InputError(f"{folder} holds no '{name}' table: not a `timeline spark-extract` "
                         "output folder", source=str(folder))  # fmt: skip
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    if table.num_rows == 0:
        return  # Spark writes no file, so no columns, for a table without rows
    missing = [c for c in TABLES[name] if c not in table.column_names]
    if missing:
        raise InputError(f"{path} lacks the column(s) {', '.join(missing)}", source=str(path))
    if "seq" in table.column_names:
        table = table.sort_by("seq")
    for row in table.to_pylist():
        if "month" in row:
            row["month"] = str(row["month"])
        yield row


def _entity(row: Mapping[str, Any]) -> Entity:
    return Entity(name=row["name"], kind=row["kind"], aliases=tuple(json.loads(row["aliases"])),
                  title=row["title"], mentions=row["mentions"])  # fmt: skip


def _agreement(row: Mapping[str, Any]) -> Agreement:
    stages = tuple(
        AgreementStage(stage=s["stage"], value=s["value"], earliest=_date(s["earliest"]),
                       latest=_date(s["latest"]), time_text=s["time_text"],
                       evidence=s["evidence"], status=s["status"])
        for s in json.loads(row["stages"])
    )  # fmt: skip
    areas = tuple(
        Area(area=a["area"], provisions=tuple(a["provisions"]), evidence=tuple(a["evidence"]))
        for a in json.loads(row["areas"])
    )
    return Agreement(
        id=row["id"], article_id=row["article_id"], name=row["name"], kind=row["kind"],
        parties=tuple(json.loads(row["parties"])), duration=row["duration"], stages=stages,
        areas=areas, evidence=row["evidence"], sources=tuple(json.loads(row["sources"])),
    )  # fmt: skip


# -- the dashboard over a Parquet folder ------------------------------------------------------


def is_output(path: Path) -> bool:
    """Whether ``path`` is a folder `timeline spark-extract` wrote."""
    return path.is_dir() and all((path / name).is_dir() for name in TABLES)


def open_parquet_store(folder: Path, cache_dir: Path | None = None) -> Any:
    """A read-only store holding the Parquet output in ``folder``.

    The tables are loaded once into a SQLite copy in ``cache_dir`` (default: the per-user
    cache folder) through :meth:`Store.save_extraction`, as `timeline ingest --parquet`
    loads them; the copy is named after the folder and its files' sizes and times, so it
    is rebuilt when the output changes and reused otherwise. Building takes about as long
    as `timeline ingest --parquet` (minutes for 100,000 articles).
    """
    from timeline.store import open_store

    if cache_dir is None:
        from platformdirs import user_cache_path

        cache_dir = user_cache_path("news-timeline", appauthor=False)
    target = cache_dir / f"parquet-{_fingerprint(folder)}.db"
    if not target.exists():
        extraction = read_extraction(folder)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create {cache_dir} for the copy of {folder}: {exc}"
            ) from exc
        building = target.with_name(f"{target.stem}.{os.getpid()}.building.db")
        open_store(building).save_extraction(extraction)
        os.replace(building, target)  # whole or absent: another process never sees half
    return open_store(target, read_only=True)


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8"))
    for path in sorted(folder.rglob("*.parquet")):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
