"""`timeline extract` and `timeline ingest`: output shapes, stores, exit codes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """---
title: Araghchi in Moscow
published: 2025-04-18
source: Example Wire
---
Iranian Foreign Minister Abbas Araghchi traveled to Moscow on April 17. He met Russian
Foreign Minister Sergei Lavrov. Lavrov said the two countries signed a treaty in January.
"""
UNDATED = "Peskov said on Monday that talks with Iran would continue next month.\n"
EVENT_KEYS = {
    "id", "article_id", "type", "cameo", "title", "sentence", "actors", "location",
    "time_text", "value", "earliest", "latest", "granularity", "anchor", "status", "confidence",
}  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "moscow.md").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _private_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))


def test_extract_json_has_every_section(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(corpus / "moscow.md")]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert list(data) == ["articles", "events", "entities", "agreements", "issues"]
    assert data["articles"][0]["published"] == "2025-04-18"
    assert data["events"], "an article about a visit yields events"
    assert all(EVENT_KEYS <= set(e) for e in data["events"])
    visit = next(e for e in data["events"] if e["type"] == "visit")
    assert visit["value"] == "2025-04-17"
    assert "Abbas Araghchi" in visit["actors"]
    assert data["issues"] == []
    assert err == ""


def test_extract_without_date_reports_issue_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    assert main(["extract", str(path)]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["issues"]
    assert "warning" in err
    assert "undated.txt" in err
    article = json.loads(out)["articles"][0]["id"]
    # the pipeline's own warning names the article once (its source is its id here)
    assert f"timeline: warning: {article}, field published: " in err
    assert f"{article}, {article}" not in err
    assert main(["extract", "--published", "2025-04-29", str(path)]) == 0


def test_extract_jsonl_tags_each_record(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "jsonl", str(corpus)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = [line["kind"] for line in lines]
    assert kinds[0] == "article"
    assert {"article", "event", "entity"} <= set(kinds)
    entity = next(line for line in lines if line["kind"] == "entity")
    assert entity["entity"]["kind"] in {"person", "country", "organisation", "location"}


def test_extract_csv_is_the_events_frame(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from timeline.frames import EVENT_COLUMNS

    assert main(["extract", "--format", "csv", str(corpus)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows
    assert tuple(rows[0]) == EVENT_COLUMNS
    visit = next(r for r in rows if r["type"] == "visit")
    assert visit["earliest"] == "2025-04-17"
    assert "Abbas Araghchi" in visit["actors"].split("; ")


def test_extract_bad_file_is_an_issue_not_a_crash(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.md"
    assert main(["extract", str(corpus / "moscow.md"), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)["articles"]) == 1  # the good file is still extracted
    assert "missing.md" in err


def test_usage_errors_exit_2(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["extract"], ["extract", "--published", "29/04/2025", str(corpus)],
                 ["extract", "--format", "xml", str(corpus)], ["ingest"]):  # fmt: skip
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_ingest_stores_and_reports_counts(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    assert main(["ingest", "--db", str(db), str(corpus)]) == 0
    report = json.loads(capsys.readouterr().out)
    store = Store(db)
    assert report["db"] == str(db)
    assert report["articles"] == len(store.articles()) == 1
    assert report["events"] == len(store.events()) > 0
    assert report["issues"] == 0
    assert not (tmp_path / "env.db").exists()


def test_ingest_uses_timeline_db(corpus: Path, tmp_path: Path) -> None:
    assert main(["ingest", str(corpus)]) == 0
    assert [a.title for a in Store(tmp_path / "env.db").articles()] == ["Araghchi in Moscow"]


def test_ingest_with_issues_stores_them_and_exits_1(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    assert main(["ingest", str(corpus)]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["articles"] == 2
    assert report["issues"] >= 2
    assert "empty.txt" in err
    assert "undated.txt" in err
    stored = Store(tmp_path / "env.db").issues()
    # the store keeps the article's own "no publish date" issue (set_published replaces
    # it), not ingest's file-level warning that repeats it
    assert len(stored) == report["issues"] - 1
    assert [i.field for i in stored].count("published") == 1


def test_ingest_unusable_store_exits_2(corpus: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    db = tmp_path / "junk.db"
    db.write_bytes(b"not a database" * 200)
    assert main(["ingest", "--db", str(db), str(corpus)]) == 2
    assert "junk.db" in capsys.readouterr().err


def test_ingest_twice_keeps_one_copy(corpus: Path, tmp_path: Path) -> None:
    assert main(["ingest", str(corpus)]) == 0
    assert main(["ingest", str(corpus)]) == 0
    conn = sqlite3.connect(tmp_path / "env.db")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    conn.close()


def test_extract_skips_a_readme_named_on_the_command_line(capsys):
    paths = sorted(str(p) for p in (ROOT / "data").glob("*.md"))
    assert any(p.endswith("README.md") for p in paths)
    assert main(["extract", *paths, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err
    assert "README.md: a README, not an article" in captured.err
    articles = json.loads(captured.out)["articles"]
    assert len(articles) == len(paths) - 1


def test_extract_into_a_closed_pipe_ends_quietly():
    command = [sys.executable, "-m", "timeline", "extract", str(ROOT / "data"), "--format", "jsonl"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()  # what `| head -1` does
        _, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err


def test_export_with_filters_that_match_nothing_warns_and_exits_1(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert main(["ingest", str(ROOT / "data"), "--db", str(db)]) in (0, 1)
    capsys.readouterr()
    out = tmp_path / "x.csv"
    code = main(["export", "--format", "csv", "--out", str(out), "--db", str(db),
                 "--actor", "Abbas Aragchi"])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "no event matches --actor 'Abbas Aragchi'; nothing written" in err
    assert "did you mean: Abbas Araghchi?" in err
    assert not out.exists()
