"""Store files that cannot be opened: refused with one clear message, never changed;
read-only stores are read without a single write (issue 13)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline import cli
from timeline.errors import StorageError
from timeline.store import APPLICATION_ID, Store, open_store

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "app.py", *sorted(ROOT.glob("pages/*.py"))]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    return path


def _damaged(path: Path, kind: str) -> Path:
    if kind == "random bytes":
        path.write_bytes(bytes(range(256)) * 64)
    else:  # a real store cut short
        store = Store(path)
        store.seed_if_empty(ROOT / "data")
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    return path


@pytest.fixture(params=["foreign", "random bytes", "truncated"])
def bad_store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "bad.db"
    if request.param == "foreign":
        return _foreign(path), "SQLite database of another application (tables invoices)"
    return _damaged(path, request.param), "is damaged or not a SQLite database"


def test_bad_files_are_refused_and_left_untouched(bad_store: tuple[Path, str]) -> None:
    path, what = bad_store
    before = _digest(path)
    with pytest.raises(StorageError) as info:
        open_store(path)
    message = str(info.value)
    assert message.startswith(f"store file {path} ")
    assert what in message
    assert "left untouched" in message
    assert "TIMELINE_DB" in message
    assert _digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_export_refuses_another_applications_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _foreign(tmp_path / "other.db")
    before = _digest(path)
    code = cli.main(["export", "--db", str(path), "--format", "csv", "--out",
                     str(tmp_path / "x.csv")])  # fmt: skip
    assert code == cli.EXIT_FATAL
    assert "not a News Timeline store" in capsys.readouterr().err
    assert _digest(path) == before
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["invoices"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_page_shows_one_clear_message(
    page: Path, bad_store: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, what = bad_store
    monkeypatch.setenv("TIMELINE_DB", str(path))
    at = AppTest.from_file(str(page), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    (error,) = at.error
    text = error.value.replace("\\", "")
    assert "The store cannot be opened" in text
    assert str(path) in text
    assert what in text
    assert "TIMELINE_DB" in text


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ro") / "timeline.db"
    store = open_store(path)
    store.seed_if_empty(ROOT / "data")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def test_new_stores_carry_the_application_id(seeded: Path) -> None:
    conn = sqlite3.connect(seeded)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_read_only_store_is_read_without_writing(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "timeline.db"
    shutil.copy(seeded, path)
    before = (_digest(path), path.stat().st_mtime_ns)
    store = Store(path, read_only=True)
    assert store.counts()["articles"] > 0
    assert store.events()
    assert store.seed_if_empty(ROOT / "data") == 0
    with pytest.raises(StorageError, match="is open read-only"):
        store.delete_event(store.events()[0].id)
    assert (_digest(path), path.stat().st_mtime_ns) == before


def test_a_legacy_store_without_application_id_is_recognised(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(seeded, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    assert open_store(path).counts()["articles"] > 0


_READ_ONLY_MOUNT = """
set -e
mount --bind -o ro "$DIR" "$DIR"
touch "$DIR/probe" 2>/dev/null && { echo "mount is writable"; exit 9; }
"$PY" -m timeline export --db "$DIR/timeline.db" --format csv --out "$OUT/events.csv"
"$PY" -m timeline ingest --db "$DIR/timeline.db" "$ARTICLE" || echo "ingest exit $?"
"""


def test_commands_on_a_store_on_a_read_only_mount(seeded: Path, tmp_path: Path) -> None:
    """A real read-only file system (a bind mount in a private mount namespace)."""
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False).returncode
    ):
        pytest.skip("needs mount namespaces (unshare -m) to make a read-only mount")
    folder, out = tmp_path / "mounted", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    shutil.copy(seeded, folder / "timeline.db")
    (tmp_path / "a.txt").write_text("Abbas Araghchi arrived in Moscow on April 18.")
    before = _digest(folder / "timeline.db")
    env = {**os.environ, "DIR": str(folder), "OUT": str(out), "PY": sys.executable,
           "ARTICLE": str(tmp_path / "a.txt"), "PYTHONPATH": os.pathsep.join(sys.path)}  # fmt: skip
    done = subprocess.run(["unshare", "-m", "sh", "-c", _READ_ONLY_MOUNT], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "events.csv").read_text().count("\n") > 10
    assert "ingest exit 2" in done.stdout
    assert "is open read-only" in done.stderr
    assert "Traceback" not in done.stderr
    assert _digest(folder / "timeline.db") == before
    assert sorted(p.name for p in folder.iterdir()) == ["timeline.db"]
