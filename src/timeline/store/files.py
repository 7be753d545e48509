"""Store files: recognising a News Timeline store, and opening one read-only."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from timeline.errors import StorageError
from timeline.store.schema import MIGRATIONS, Migration

if TYPE_CHECKING:
    from timeline.store.database import Store

_APP_NAME = "news-timeline"


def default_db_path() -> Path:
    """``$TIMELINE_DB`` if set, else ``timeline.db`` in the per-user data directory.

    The data directory follows the platform's convention (platformdirs): on Linux
    ``$XDG_DATA_HOME/news-timeline`` or ``~/.local/share/news-timeline``.
    """
    env = os.environ.get("TIMELINE_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(_APP_NAME, appauthor=False) / "timeline.db"


#: PRAGMA application_id of a News Timeline store ("NTim"), set when a store is created.
APPLICATION_ID = 0x4E54696D
_NEW_STORE_HINT = "give the path of an existing store, or run `timeline ingest` to create one"
_DAMAGED_HINT = (
    "the file was left untouched; restore it from a backup, or point TIMELINE_DB (or --db) "
    "at another file to start a new store"
)
_FOREIGN_HINT = (
    "the file was left untouched; point TIMELINE_DB (or --db) at a News Timeline store or "
    "at a new file name"
)


def _problem(path: Path, what: str, *, hint: str = "") -> str:
    """One message: which file, what is wrong, what to do."""
    return f"store file {path} {what}" + (f"; {hint}" if hint else "")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """``mode=ro``; ``immutable=1`` when SQLite cannot even create its shared-memory file
    next to a WAL store (a read-only folder or mount): nothing can change it there."""
    base = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(base, uri=True)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return base + "&immutable=1"
    return base


def _identify(conn: sqlite3.Connection) -> str:
    """ "ours", "empty" (a new file) or "foreign: <some of its tables>"."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return "ours"
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )]  # fmt: skip
    if not tables:
        return "empty"
    if "schema_version" in tables and "articles" in tables:
        first = conn.execute("SELECT name FROM schema_version WHERE version = 1").fetchone()
        if first is not None and first[0] == MIGRATIONS[0].name:
            return "ours"  # a store made before application_id was set
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    return f"foreign:tables {shown}"


def check_identity(store: Store, migrations: Sequence[Migration]) -> None:
    """Refuse a file that is not a News Timeline store, before anything is written."""
    try:
        with store._connect() as conn:
            kind = _identify(conn)
            if kind == "empty" and not store.read_only:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except StorageError as exc:
        cause = exc.__cause__
        if isinstance(cause, sqlite3.DatabaseError) and not isinstance(
            cause, sqlite3.OperationalError
        ):
            raise StorageError(_problem(store.path, f"is damaged or not a SQLite database "
                                        f"({cause})", hint=_DAMAGED_HINT)) from exc  # fmt: skip
        raise
    if kind.startswith("foreign"):
        raise StorageError(_problem(store.path, f"is a SQLite database of another "
                                    f"application ({kind.partition(':')[2]}), not a News "
                                    "Timeline store", hint=_FOREIGN_HINT))  # fmt: skip
    if store.read_only:
        current = store.schema_version() if kind == "ours" else 0
        if current != len(migrations):
            raise StorageError(_problem(
                store.path, f"is read-only and has schema version {current}, not "
                f"{len(migrations)}", hint="open it once with write access to upgrade it, "
                "or use a news-timeline of the same version",
            ))  # fmt: skip
