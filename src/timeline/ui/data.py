"""The store behind the dashboard, cached reads of it, and adding articles to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline.errors import StorageError
from timeline.frames import (
    agreements_frame,
    articles_frame,
    corrections_frame,
    events_frame,
    flatten,
)
from timeline.ingest import load_bytes
from timeline.models import Issue
from timeline.pipeline import extract_articles
from timeline.store import Store, default_db_path, open_store
from timeline.ui.show import escape_markdown

#: The sample corpus a new store is seeded with ($TIMELINE_DATA overrides).
DATA_DIR = Path(os.environ.get("TIMELINE_DATA", Path(__file__).resolve().parents[3] / "data"))
#: Upload limit enforced in code; .streamlit/config.toml sets server.maxUploadSize = 10 (MB).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Files read from one upload; more are reported, not read (one upload holds one worker).
MAX_UPLOAD_FILES = 20
#: Bytes read from one upload, all its files together; files past it are reported, not read.
MAX_UPLOAD_TOTAL_BYTES = 2 * MAX_UPLOAD_BYTES
#: The paste box and the Date inspector's text box take at most this many characters.
MAX_PASTE_CHARS = 200_000
STATUSES = ("happened", "planned", "possible")


@st.cache_resource(show_spinner="Opening the store and reading the sample corpus…")
def _store_at(path: str, data_dir: str) -> Store:
    if Path(path).is_dir():  # TIMELINE_DB at a `timeline spark-extract` output: read-only
        from timeline.scale.parquet import is_output, open_parquet_store

        if is_output(Path(path)):
            return open_parquet_store(Path(path))
    store = open_store(path)
    store.seed_if_empty(data_dir)
    return store


def app_store() -> Store:
    """The store at ``$TIMELINE_DB`` (or the default path), seeded from ``DATA_DIR``; every
    page calls it once, first, so it also draws the sidebar's editor box
    (:func:`timeline.ui.roles.editor_sidebar`) on every page, however it was opened.

    A store that cannot be opened (damaged, another application's database, a newer
    version) stops the page with one message: what is wrong, which file, what to do.
    """
    from timeline.ui.roles import editor_sidebar

    store = opened_store()
    editor_sidebar()
    return store


def opened_store() -> Store:
    """:func:`app_store` without drawing anything but the message of a store that fails."""
    path = default_db_path()
    try:
        return _store_at(str(path), str(DATA_DIR))
    except StorageError as exc:
        st.error(
            "**The store cannot be opened.** The dashboard shows nothing until this is "
            "fixed; the file has not been changed.\n\n"
            f"{escape_markdown(exc)}\n\n"
            "A host can set TIMELINE\\_DB to another file (a new name starts a new store "
            "with the sample corpus) and restart the server."
        )
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers so


def data_stamp(store: Store) -> tuple[Any, ...]:
    """Changes whenever the store is written (SQLite WAL file and main file stats). A
    file can vanish between two looks (another process's checkpoint removes the WAL):
    then it counts as absent."""
    stamp: list[tuple[int, int] | None] = []
    for path in (store.path, store.path.with_name(store.path.name + "-wal")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            stamp.append(None)
        else:
            stamp.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamp)


@dataclasses.dataclass(frozen=True)
class EventFilters:
    """Plain filter values; empty tuples and None mean "no filter"."""

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events``."""
        values = dataclasses.asdict(self)
        return {k: (v or None) if isinstance(v, tuple) else v for k, v in values.items()}


@st.cache_data(max_entries=64, show_spinner=False)
def _events(path: str, stamp: tuple[Any, ...], filters: EventFilters) -> pd.DataFrame:
    return events_frame(_store_at(path, str(DATA_DIR)).events(**filters.store_kwargs()))


@st.cache_data(max_entries=16, show_spinner=False)
def _table(path: str, stamp: tuple[Any, ...], kind: str) -> pd.DataFrame:
    store = _store_at(path, str(DATA_DIR))
    if kind == "articles":
        return articles_frame(store.articles())
    if kind == "agreements":
        return agreements_frame(store.agreements())
    # a list (actors) and strings in one column: joined, as the table shows them
    return flatten(corrections_frame(store.corrections()))


def load_events(store: Store, filters: EventFilters | None = None) -> pd.DataFrame:
    return _events(str(store.path), data_stamp(store), filters or EventFilters())


def load_articles(store: Store) -> pd.DataFrame:
    return _table(str(store.path), data_stamp(store), "articles")


def load_agreements(store: Store) -> pd.DataFrame:
    """Agreements merged across articles; merged again only when the stored agreements
    change (merging is the slow part of a big store's pages), not on every write."""
    return _table(str(store.path), ("agreements", *store.overview().agreements_stamp()),
                  "agreements")  # fmt: skip


def load_corrections(store: Store) -> pd.DataFrame:
    return _table(str(store.path), data_stamp(store), "corrections")


def read_uploads(
    files: Iterable[Any], *, published: dt.date | None
) -> tuple[list[Any], list[Issue]]:
    """Read Streamlit uploads; the size limit is checked again here, names are labels only."""
    articles: list[Any] = []
    issues: list[Issue] = []
    files = list(files)
    for upload in files[MAX_UPLOAD_FILES:]:
        message = f"not read: at most {MAX_UPLOAD_FILES} files are read from one upload"
        issues.append(Issue(source=os.path.basename(str(upload.name)) or "upload",
                            message=message, field="files"))  # fmt: skip
    total = 0
    for upload in files[:MAX_UPLOAD_FILES]:
        label = os.path.basename(str(upload.name)) or "upload"
        if upload.size > MAX_UPLOAD_BYTES:
            message = f"file is {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes"
            issues.append(Issue(source=label, message=message, field="size"))
            continue
        total += upload.size
        if total > MAX_UPLOAD_TOTAL_BYTES:
            message = (
                f"not read: one upload reads at most {MAX_UPLOAD_TOTAL_BYTES:,} bytes "
                "in all; add this file in another upload"
            )
            issues.append(Issue(source=label, message=message, field="size"))
            continue
        found, problems = load_bytes(
            label, upload.getvalue(), published=published, max_bytes=MAX_UPLOAD_BYTES
        )
        articles.extend(found)
        issues.extend(problems)
    return articles, issues


def tag_once(text: str, dct: dt.date, *, lang: str | None = None) -> list[Any]:
    """``timeline.tag(text, dct=dct, lang=lang)``, kept in this session for the last
    (text, date, language) only: a rerun that changes none of them (a click elsewhere)
    does not tag the text again."""
    import hashlib

    from timeline.temporal import tag

    key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), dct, lang)
    kept = st.session_state.get("_tag_once")
    if kept is None or kept[0] != key:
        options = {} if lang is None else {"lang": lang}
        kept = (key, tag(text, dct=dct, **options))
        st.session_state["_tag_once"] = kept
    return list(kept[1])


def save_articles(store: Store, articles: Sequence[Any]) -> list[Issue]:
    """Extract ``articles`` and store them; returns the extraction's issues."""
    if not articles:
        return []
    extraction = extract_articles(list(articles))
    store.save_extraction(extraction)
    return list(extraction.issues)
