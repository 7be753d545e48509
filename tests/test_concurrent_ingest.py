"""Ten processes ingesting into one store at once, five rounds each (issue 13).

Each process ingests its own articles and a few that every process shares, then does it
again four times (replacing what it stored). No process may see a lock error, the store
must pass ``PRAGMA integrity_check``, and every article must be stored once and whole:
its time expressions exactly those of a clean single-process ingest.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from test_kill import stored_times

ROOT = Path(__file__).resolve().parents[1]
PROCESSES, ROUNDS = 10, 5

_WORKER = """
import sys
from timeline import cli

db, rounds, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
codes = [cli.main(["ingest", "--db", db, "--published", "2025-04-29", *folders])
         for _ in range(rounds)]
print(" ".join(map(str, codes)))
"""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def _corpus(root: Path) -> tuple[Path, list[Path]]:
    """A shared folder every process ingests, and one folder of its own per process."""
    sources = [p for p in sorted((ROOT / "data").glob("*.md")) if p.stem.upper() != "README"]
    shared = root / "shared"
    for path in sources[:2]:
        _write(shared, path.stem, path.read_text(encoding="utf-8"))
    own = []
    for n in range(PROCESSES):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8") + f"\n\nFiled by correspondent {n}.\n"
        _write(root / f"own-{n}", source.stem, text)
        own.append(root / f"own-{n}")
    return shared, own


def _times(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return stored_times(conn)


@pytest.mark.slow
def test_ten_processes_ingest_into_one_store_without_lock_errors_or_losses(
    tmp_path: Path,
) -> None:
    shared, own = _corpus(tmp_path / "corpus")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    worker = textwrap.dedent(_WORKER)
    reference = tmp_path / "reference.db"
    clean = subprocess.run(
        [sys.executable, "-c", worker, str(reference), "1", str(shared), *map(str, own)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert clean.returncode == 0, clean.stderr
    expected = _times(reference)
    assert len(expected) == 2 + PROCESSES

    db = tmp_path / "timeline.db"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", worker, str(db), str(ROUNDS), str(shared), str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for folder in own
    ]
    results = [(w.communicate(timeout=600), w.returncode) for w in workers]
    for (out, err), code in results:
        assert code == 0, err
        assert "locked" not in err.lower(), err
        codes = out.splitlines()[-1].split()  # after each ingest's own summary line
        assert len(codes) == ROUNDS, out
        assert set(codes) <= {"0", "1"}, out
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = _times(db)
    for article, times in expected.items():
        assert stored.get(article) == times, article
