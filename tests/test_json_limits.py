"""JSON nested thousands of levels deep and integers of thousands of digits become a clear
Issue on every path (CLI, library, dashboard upload), never a traceback (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_ui import FakeUpload
from timeline import cli
from timeline.ingest import load_bytes

DEEP = b"[" * 5000 + b"]" * 5000
HOSTILE = {
    "deep.json": (DEEP, "JSON nested 5,000 levels deep; at most 100 are read"),
    "deep-record.json": (
        b'{"text": "They met on Friday.", "extra": ' + DEEP + b"}",
        "JSON nested 5,001 levels deep",
    ),
    "deep.jsonl": (
        b'{"text": "They met on Friday."}\n{"text": "x", "m": ' + DEEP + b"}\n",
        "JSON nested 5,001 levels deep",
    ),
    "huge-int.json": (b'{"text": "a", "n": ' + b"9" * 5000 + b"}", "a number has 5,000 digits"),
    "huge-int.jsonl": (b'{"text": "a", "n": -' + b"7" * 5000 + b"}\n", "5,000 digits"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_library_reports_an_issue(name: str) -> None:
    data, message = HOSTILE[name]
    _, issues = load_bytes(name, data, published=None)
    refused = [i for i in issues if i.message.startswith("JSON refused: ")]
    assert len(refused) == 1
    assert message in refused[0].message
    assert refused[0].severity == "error"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_cli_exits_1_with_the_issue_and_no_traceback(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = HOSTILE[name]
    (tmp_path / name).write_bytes(data)
    code = cli.main(["extract", "--published", "2025-04-29", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ISSUES
    assert message in err
    assert "Traceback" not in err


def test_dashboard_upload_path_reports_issues() -> None:
    from timeline.ui import read_uploads

    uploads = [FakeUpload(name, data) for name, (data, _) in sorted(HOSTILE.items())]
    articles, issues = read_uploads(uploads, published=None)
    assert len([i for i in issues if i.message.startswith("JSON refused")]) == len(HOSTILE)
    assert [a.text for a in articles] == ["They met on Friday."]
