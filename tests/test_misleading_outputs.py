"""Outputs that used to mislead without a word now carry a warning or a refusal (issue 13)."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
from pathlib import Path

import pytest

from timeline import cli
from timeline.ingest import load_bytes, load_paths
from timeline.pipeline import extract

DCT = dt.date(2025, 4, 29)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The lease ends on December 31, 9999, the filing says.", "December 31, 9999"),
        ("A treaty dated January 5, 99999 was shown at the fair.", "January 5, 99999"),
        ("The calendar starts on March 3, 0 in that scheme.", "March 3, 0"),
    ],
)
def test_years_the_reader_cannot_date_are_reported(text: str, written: str) -> None:
    found = extract(text, published=DCT)
    messages = [i.message for i in found.issues]
    assert any(m.startswith(f"'{written}': ") and "is not a year" in m for m in messages)


@pytest.mark.parametrize(
    "text",
    [
        "On May 5, 12 people were hurt.",
        "On April 18, 500 people marched.",
        "They met on April 18, 2025.",
    ],  # fmt: skip
)
def test_counts_after_a_date_are_not_years(text: str) -> None:
    assert extract(text, published=DCT).issues == ()


def test_duplicate_records_are_stored_once_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"text": "Abbas Araghchi arrived in Moscow on April 18.", "published": "2025-04-20"}
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(record) for _ in range(3)) + "\n")
    code = cli.main(["ingest", "--db", str(tmp_path / "t.db"), str(tmp_path / "a.jsonl")])
    captured = capsys.readouterr()
    assert code == cli.EXIT_ISSUES
    assert json.loads(captured.out)["articles"] == 1
    assert captured.err.count("kept once") == 2


def test_utf16_without_a_byte_order_mark_is_refused() -> None:
    data = "Abbas Araghchi arrived in Moscow on April 18.".encode("utf-16-le")
    assert not data.startswith(codecs.BOM_UTF16_LE)
    articles, issues = load_bytes("a.txt", data, published=DCT)
    assert articles == []
    assert "UTF-16 text without a byte-order mark" in issues[0].message
    with_bom = codecs.BOM_UTF16_LE + data
    assert [a.text for a in load_bytes("a.txt", with_bom, published=DCT)[0]] == [
        "Abbas Araghchi arrived in Moscow on April 18."
    ]


def test_fifo_and_devices_are_not_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, issues = load_paths([fifo, Path("/dev/zero"), tmp_path / "missing.txt"])
    assert [i.message for i in issues] == [
        "not a regular file (a FIFO, device or socket); not read",
        "not a regular file (a FIFO, device or socket); not read",
        "no such file or folder",
    ]


def test_a_newline_in_a_file_name_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "x\ntimeline: error: forged.txt"
    name.write_text("", encoding="utf-8")
    cli.main(["extract", str(name)])
    lines = capsys.readouterr().err.splitlines()
    assert lines
    assert all(line.startswith("timeline: ") for line in lines)
    assert not any(line.startswith("timeline: error: forged") for line in lines)


def test_a_symlink_out_of_an_ingested_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret: the minister met the banker on April 3.", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text("Abbas Araghchi arrived in Moscow on April 18.")
    (folder / "inner.txt").symlink_to(folder / "real.txt")  # inside the folder: read
    (folder / "leak.txt").symlink_to(outside)
    articles, issues = load_paths([folder], published=DCT)
    assert all("Secret" not in a.text for a in articles)
    assert len(articles) == 2
    assert [(Path(i.source).name, i.message) for i in issues] == [
        ("leak.txt", "symbolic link to a file outside the folder; not followed")
    ]


@pytest.mark.parametrize(("table", "expected"), [
    ("agreements", "1 of 2 article(s) were stored, each complete, before it"),
    # an article's actors and their mention counts are written with it (issue 12)
    ("entities", "0 of 2 article(s) were stored, each complete, before it"),
])  # fmt: skip
def test_a_failed_save_says_what_was_committed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, expected: str
) -> None:
    import sqlite3

    from timeline.store import Store

    db = tmp_path / "t.db"
    Store(db)
    conn = sqlite3.connect(db)  # a write that fails like a full disk, at one point
    second = "NEW.article_id != (SELECT MIN(id) FROM articles)" if table == "agreements" else "1"
    conn.execute(f"CREATE TRIGGER full BEFORE INSERT ON {table} WHEN {second} "
                 "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")  # fmt: skip
    conn.close()
    folder = Path(__file__).resolve().parents[1] / "data"
    files = [folder / "2025-01-18-treaty-signed-in-moscow.md",
             folder / "2025-04-09-duma-ratifies-treaty.md"]  # fmt: skip
    code = cli.main(["ingest", "--db", str(db), *map(str, files)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FATAL
    assert "database or disk is full" in err
    assert expected in err
    stored = len(Store(db).articles())
    assert stored == (1 if table == "agreements" else 0)


def test_an_impossible_page_date_is_not_moved_to_the_first_of_the_month() -> None:
    page = (
        '<html><head><title>T</title><meta property="article:published_time" content="{}">'
        "</head><body><article><p>Abbas Araghchi arrived in Moscow on Friday for talks "
        "about the treaty and energy cooperation with Russian officials.</p></article>"
        "</body></html>"
    )
    articles, issues = load_bytes("p.html", page.format("2025-02-31").encode(), published=DCT)
    assert [a.published for a in articles] == [DCT]  # the fallback, not 2025-02-01
    assert [i.message for i in issues] == [
        "page date '2025-02-31' is not a calendar date (read as 2025-02-01); this date is ignored"
    ]
    articles, issues = load_bytes("p.html", page.format("2025-02-01").encode(), published=DCT)
    assert [a.published for a in articles] == [dt.date(2025, 2, 1)]
    assert issues == []
