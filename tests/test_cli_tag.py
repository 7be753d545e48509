"""`timeline tag --dct YYYY-MM-DD [FILE ...]`: JSON lines, one per time expression."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import main

FIELDS = {
    "text",
    "start",
    "end",
    "type",
    "value",
    "mod",
    "earliest",
    "latest",
    "granularity",
    "rule",
    "anchor",
}
SEED_SENTENCE = (
    "In April, President Putin and Pezeshkian signed a 20-year landmark strategic cooperation "
    "agreement with Iran, originally inked in January."
)
OTHER_SENTENCE = "Talks will resume next week, the ministry said yesterday."


def _records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _check_against_source(records: list[dict[str, Any]], source: str) -> None:
    for record in records:
        assert FIELDS <= record.keys(), record
        assert source[record["start"] : record["end"]] == record["text"], record


def test_tag_file_prints_one_json_line_per_expression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(SEED_SENTENCE, encoding="utf-8")
    code = main(["tag", "--dct", "2025-04-29", str(path)])
    records = _records(capsys.readouterr().out)
    assert code == 0
    _check_against_source(records, SEED_SENTENCE)
    assert [(r["text"], r["value"]) for r in records] == [
        ("April", "2025-04"),
        ("20-year", "P20Y"),
        ("January", "2025-01"),
    ]
    assert records[0]["earliest"] == "2025-04-01"
    assert records[0]["latest"] == "2025-04-30"
    assert records[0]["type"] == "DATE"
    assert all("doc" not in r for r in records)


def test_tag_several_files_names_each_doc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(SEED_SENTENCE, encoding="utf-8")
    second.write_text(OTHER_SENTENCE, encoding="utf-8")
    code = main(["tag", "--dct", "2025-04-29", str(first), str(second)])
    records = _records(capsys.readouterr().out)
    assert code == 0
    assert [r["doc"] for r in records] == [str(first)] * 3 + [str(second)] * 2
    _check_against_source([r for r in records if r["doc"] == str(first)], SEED_SENTENCE)
    _check_against_source([r for r in records if r["doc"] == str(second)], OTHER_SENTENCE)
    assert [r["value"] for r in records if r["doc"] == str(second)] == ["2025-W19", "2025-04-28"]


def test_tag_reads_stdin_without_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(OTHER_SENTENCE))
    code = main(["tag", "--dct", "2025-04-29"])
    records = _records(capsys.readouterr().out)
    assert code == 0
    _check_against_source(records, OTHER_SENTENCE)
    assert [r["value"] for r in records] == ["2025-W19", "2025-04-28"]
    assert all("doc" not in r for r in records)


@pytest.mark.parametrize(
    ("lang", "values"), [("auto", ["2025-03"]), ("ru", ["2025-03"]), ("en", [])]
)
def test_tag_reads_russian_detected_or_chosen(
    lang: str,
    values: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("В прошлом месяце министр посетил Москву."))
    assert main(["tag", "--dct", "2025-04-29", "--lang", lang]) == 0
    assert [r["value"] for r in _records(capsys.readouterr().out)] == values


def test_tag_empty_stdin_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["tag", "--dct", "2025-04-29"]) == 0
    assert capsys.readouterr().out == ""


def test_tag_keeps_non_ascii_text_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Tehran – the treaty was signed on April 21, 2025 in Moscow («Москва»)."
    path = tmp_path / "unicode.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["tag", "--dct", "2025-04-29", str(path)]) == 0
    records = _records(capsys.readouterr().out)
    _check_against_source(records, text)
    assert [r["value"] for r in records] == ["2025-04-21"]


@pytest.mark.parametrize("dct", ["2025-13-01", "yesterday", "29/04/2025", "", "2025-02-30"])
def test_tag_bad_dct_is_a_usage_error(dct: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tag", "--dct", dct])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert "--dct" in captured.err
    assert captured.out == ""


def test_tag_without_dct_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tag"])
    assert info.value.code == 2
    assert "--dct" in capsys.readouterr().err


def test_tag_missing_file_is_fatal_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-article.txt"
    assert main(["tag", "--dct", "2025-04-29", str(missing)]) == 2
    assert "no-such-article.txt" in capsys.readouterr().err


def _run_module(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": "Pacific/Auckland", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "timeline", "tag", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_python_dash_m_timeline_tag_reads_stdin() -> None:
    done = _run_module(["--dct", "2025-04-29"], SEED_SENTENCE)
    assert done.returncode == 0, done.stderr
    records = _records(done.stdout)
    _check_against_source(records, SEED_SENTENCE)
    assert [r["value"] for r in records] == ["2025-04", "P20Y", "2025-01"]


def test_python_dash_m_timeline_tag_bad_dct_exits_2() -> None:
    done = _run_module(["--dct", "April 29"], SEED_SENTENCE)
    assert done.returncode == 2
    assert "--dct" in done.stderr
    assert done.stdout == ""
