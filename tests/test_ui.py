"""The pure parts of timeline.ui: escaping, highlighting, edits -> corrections, uploads."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline import ui
from timeline.frames import events_frame
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_highlight_escapes_text_and_marks_spans():
    text = f"{EVIL} signed in April & more"
    start = text.index("in April")
    html = ui.highlight_html(text, [ui.Span(start, start + 8, 'value "2025-04" <x>')])
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert '<mark title="value &quot;2025-04&quot; &lt;x&gt;">in April</mark>' in html
    assert "&amp; more" in html


def test_highlight_drops_overlapping_and_out_of_range_spans():
    html = ui.highlight_html("abcdef", [ui.Span(0, 3), ui.Span(2, 4), ui.Span(5, 99)])
    assert html.count("<mark") == 1


def test_escape_markdown_makes_links_images_and_tags_inert():
    escaped = ui.escape_markdown("![x](http://e/x.png) **b** <b> :red[x]")
    for active in ("![", "**", "<b>", ":red["):
        assert active not in escaped
    assert escaped.replace("\\", "") == "![x](http://e/x.png) **b** <b> :red[x]"


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "t.db")
    store.seed_if_empty(ROOT / "data")
    return store


def test_edited_cells_become_corrections_that_persist(store):
    table = ui.editor_frame(events_frame(store.events()))
    edited = table.copy()
    first, second = table.index[0], table.index[1]
    edited.loc[first, "status"] = "planned"
    edited.loc[first, "value"] = "2024-04"
    edited.loc[first, "actors_text"] = "Iran; Russia"
    edited.loc[second, "delete"] = True
    edits = ui.table_edits(table, edited)
    assert sorted(edits, key=repr) == sorted(
        [
            (first, "status", "planned"),
            (first, "value", "2024-04"),
            (first, "actors", ["Iran", "Russia"]),
            (second, None, None),
        ],
        key=repr,
    )
    assert ui.apply_edits(store, edits) == []
    reopened = {e.id: e for e in open_store(store.path).events()}
    assert second not in reopened
    corrected = reopened[first]
    assert (str(corrected.status), corrected.value) == ("planned", "2024-04")
    assert (corrected.earliest, corrected.latest) == (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert corrected.actors == ("Iran", "Russia")


def test_edits_follow_the_event_id_not_the_row_position(store):
    table = ui.editor_frame(events_frame(store.events()))
    first = table.index[0]
    edited = table.copy()
    edited.loc[first, "value"] = "2031-01-05"
    # The same edit read back from a table in another order (a sort in the browser,
    # or the re-sort after a save) still belongs to the same event.
    shuffled = edited.iloc[::-1]
    assert ui.table_edits(table, shuffled) == [(first, "value", "2031-01-05")]
    assert ui.table_edits(table.iloc[::-1], edited) == [(first, "value", "2031-01-05")]


def test_a_refused_correction_is_reported_not_raised(store):
    table = ui.editor_frame(events_frame(store.events()))
    edited = table.copy()
    edited.loc[table.index[0], "value"] = "next spring-ish"
    refused = ui.apply_edits(store, ui.table_edits(table, edited))
    assert len(refused) == 1
    assert "next spring-ish" in refused[0]


@dataclass
class FakeUpload:
    """The two attributes and one method of Streamlit's UploadedFile that ui reads."""

    name: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def getvalue(self) -> bytes:
        return self.data


def test_uploads_over_the_limit_are_rejected_and_names_are_only_labels(monkeypatch):
    monkeypatch.setattr(ui.data, "MAX_UPLOAD_BYTES", 100)  # where read_uploads reads it
    files = [
        FakeUpload("../../etc/passwd.txt", b"Putin met Pezeshkian in Moscow on Friday."),
        FakeUpload("big.txt", b"x" * 101),
    ]
    articles, issues = ui.read_uploads(files, published=dt.date(2025, 4, 29))
    assert len(articles) == 1
    assert articles[0].published == dt.date(2025, 4, 29)
    assert [(i.source, i.field) for i in issues] == [("big.txt", "size")]
    assert "limit is 100 bytes" in issues[0].message


def test_selected_event_ids_ignore_publish_markers_and_band_gaps():
    selection = {
        "selection": {
            "points": [
                {"customdata": "e1"},
                {"customdata": "e1"},
                {"customdata": "article:a1"},
                {"customdata": ""},
                {"customdata": "e2"},
            ]
        }
    }
    assert ui.selected_event_ids(selection) == ["e1", "e2"]
    assert ui.selected_event_ids(None) == []


def test_filters_map_to_store_arguments():
    filters = ui.EventFilters(start=dt.date(2025, 4, 1), statuses=("planned",))
    assert filters.store_kwargs() == {
        "start": dt.date(2025, 4, 1),
        "end": None,
        "actors": None,
        "types": None,
        "areas": None,
        "article_ids": None,
        "statuses": ("planned",),
    }


def test_only_ui_imports_streamlit():
    """Every library module but the ui package imports without pulling in streamlit."""
    package = ROOT / "src" / "timeline"
    modules = sorted(
        "timeline." + ".".join(p.relative_to(package).with_suffix("").parts)
        for p in package.rglob("*.py")
        if p.name != "__main__.py" and p.relative_to(package).parts[0] != "ui"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert len(modules) > 10
    assert result.stdout.strip() == "False"


def test_selected_box_gives_the_days_a_dragged_box_spans():
    box = {"selection": {"points": [], "box": [
        {"xref": "x", "x": ["2024-03-20 11:00:00.5", "2024-02-01"], "y": [0, 3]},
    ]}}  # fmt: skip
    assert ui.selected_box(box) == (dt.date(2024, 2, 1), dt.date(2024, 3, 20))
    assert ui.selected_box({"selection": {"points": [], "box": []}}) is None
    assert ui.selected_box({"selection": {"box": [{"x": ["soon", "later"]}]}}) is None
    assert ui.selected_box(None) is None


def test_data_stamp_takes_a_wal_removed_meanwhile_as_absent(tmp_path, monkeypatch):
    # another process's checkpoint can remove the WAL between looking for it and reading
    # its stats; the Timeline showed that FileNotFoundError as a traceback under load
    store = open_store(tmp_path / "t.db")
    wal = store.path.with_name(store.path.name + "-wal")
    wal.write_bytes(b"")
    real_stat, looks = Path.stat, []

    def vanished(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == wal:
            looks.append(self)
            if len(looks) > 1:  # there at the first look, gone at the next
                raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", vanished)
    main, wal_stamp = ui.data_stamp(store)
    assert main is not None
    assert wal_stamp is not None  # one look: it was there
    looks.clear()
    looks.append(wal)  # the next look finds it gone
    assert ui.data_stamp(store)[1] is None
