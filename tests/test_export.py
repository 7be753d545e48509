"""Exports are read back and checked, never just checked to exist.

Events are built with explicit dates (no clock is read); the ICS DTSTAMP is passed in.
Image tests share one browser (module-scoped ``renderer``) so kaleido starts once.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import struct
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from timeline import export
from timeline.charts import area_bar_figure, timeline_figure
from timeline.cli import main
from timeline.errors import ExportError
from timeline.export import (
    ExportTimeoutError,
    ImageRenderer,
    check_combination,
    export_events,
    export_figure,
    export_view,
    images,
    neutralise_formula,
)
from timeline.frames import agreements_frame, events_frame
from timeline.models import Agreement, Area, Event, EventStatus, EventType, Granularity
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
STAMP = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
SCRIPT = "<script>alert(1)</script>"


def _event(n: int, title: str, value: str | None, earliest, latest, gran, **extra) -> Event:
    return Event(
        id=f"ev{n}", article_id="art1", type=extra.pop("type", EventType.MEETING), cameo="040",
        trigger="met", title=title, sentence=extra.pop("sentence", f"Sentence {n} says {title}."),
        sentence_start=0, sentence_end=40, actors=extra.pop("actors", ("Iran", "Russia")),
        time_text=value, value=value, earliest=earliest, latest=latest, granularity=gran,
        status=EventStatus.HAPPENED, confidence=0.9, sources=("art1",), **extra,
    )  # fmt: skip


D = dt.date
EVENTS = [
    _event(1, "Araghchi visits Moscow", "2025-04-18", D(2025, 4, 18), D(2025, 4, 18),
           Granularity.DAY, location="Moscow"),
    _event(2, "Duma ratifies the treaty", "2025-04", D(2025, 4, 1), D(2025, 4, 30),
           Granularity.MONTH),
    _event(3, "Trade grows", "2024", D(2024, 1, 1), D(2024, 12, 31), Granularity.YEAR),
    _event(4, "Corridor works", "2025-Q3", D(2025, 7, 1), D(2025, 9, 30), Granularity.QUARTER),
    _event(5, "Earlier talks", "PAST_REF", None, None, Granularity.VAGUE),
    _event(6, "=HYPERLINK(\"http://x\")", "2025-04-20", D(2025, 4, 20), D(2025, 4, 20),
           Granularity.DAY, sentence="-2+3 said the source", actors=("@Iran",)),
    _event(7, SCRIPT, "2025-04-21", D(2025, 4, 21), D(2025, 4, 21), Granularity.DAY,
           sentence=f"They wrote {SCRIPT} in the text."),
]  # fmt: skip
DATED = [e for e in EVENTS if e.earliest is not None]


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return events_frame(EVENTS)


@pytest.fixture(scope="module")
def renderer():
    shared = ImageRenderer(time_limit=60)
    yield shared
    shared.close()


# ---------------------------------------------------------------- data formats


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), ("a=b", "a=b"), (3, 3)],
)  # fmt: skip
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise_formula(cell) == expected


def test_csv_round_trips_through_pandas_with_formulas_neutralised(events):
    produced = export_events(events, "csv", title="t")
    back = pd.read_csv(io.BytesIO(produced.content), keep_default_na=False)
    assert list(back["id"]) == [e.id for e in EVENTS]
    row = back.set_index("id").loc["ev6"]
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["sentence"] == "'-2+3 said the source"
    assert row["actors"] == "'@Iran"
    assert back.set_index("id").loc["ev7", "title"] == SCRIPT  # CSV is text, not markup
    assert back.set_index("id").loc["ev2", "earliest"] == "2025-04-01"
    assert back.set_index("id").loc["ev5", "earliest"] == ""  # undated stays undated
    assert produced.skipped == 0


def test_json_keeps_every_event_with_iso_dates_and_nulls(events):
    payload = json.loads(export_events(events, "json", title="t").content)
    by_id = {e["id"]: e for e in payload["events"]}
    assert set(by_id) == {e.id for e in EVENTS}
    assert by_id["ev3"]["earliest"] == "2024-01-01"
    assert by_id["ev3"]["latest"] == "2024-12-31"
    assert by_id["ev5"]["earliest"] is None
    assert by_id["ev5"]["value"] == "PAST_REF"
    assert by_id["ev1"]["actors"] == ["Iran", "Russia"]


def test_timelinejs_dates_carry_only_the_known_parts(events):
    produced = export_events(events, "timelinejs", title="Iran & Russia")
    payload = json.loads(produced.content)
    assert payload["title"]["text"]["headline"] == "Iran &amp; Russia"
    by_id = {e["unique_id"]: e for e in payload["events"]}
    assert set(by_id) == {e.id for e in DATED}
    assert produced.skipped == 1  # PAST_REF has no interval: left out, not given a date
    for event in payload["events"]:
        assert isinstance(event["start_date"]["year"], int)
        assert event["text"]["headline"]
        assert event["text"]["text"]
        assert event["group"]
    assert by_id["ev1"]["start_date"] == {"year": 2025, "month": 4, "day": 18}
    assert "end_date" not in by_id["ev1"]
    assert by_id["ev2"]["start_date"] == {"year": 2025, "month": 4}
    assert "end_date" not in by_id["ev2"]
    assert by_id["ev3"]["start_date"] == {"year": 2024}
    assert by_id["ev4"]["start_date"] == {"year": 2025, "month": 7}
    assert by_id["ev4"]["end_date"] == {"year": 2025, "month": 9}
    displayed = {i: e["display_date"] for i, e in by_id.items()}
    assert displayed["ev1"] == "18 April 2025"
    assert displayed["ev2"] == "April 2025"
    assert displayed["ev3"] == "2024"
    assert displayed["ev4"] == "Q3 2025"


def test_timelinejs_escapes_article_text(events):
    payload = json.loads(export_events(events, "timelinejs", title="t").content)
    event = next(e for e in payload["events"] if e["unique_id"] == "ev7")
    assert "<script" not in event["text"]["headline"] + event["text"]["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in event["text"]["text"]


def _vevents(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(v["UID"]): v for v in calendar.walk("VEVENT")}


def test_ics_has_one_all_day_event_per_dated_event(events):
    produced = export_events(events, "ics", title="Iran and Russia", stamp=STAMP)
    vevents = _vevents(produced.content)
    assert set(vevents) == {f"{e.id}@news-timeline" for e in DATED}
    assert produced.skipped == 1

    def span(uid: str) -> tuple[dt.date, dt.date]:
        event = vevents[f"{uid}@news-timeline"]
        return event.decoded("DTSTART"), event.decoded("DTEND")

    assert span("ev1") == (D(2025, 4, 18), D(2025, 4, 19))  # day: DTEND is exclusive
    # A month, year or quarter: one entry on its first day, the period in the summary.
    assert span("ev2") == (D(2025, 4, 1), D(2025, 4, 2))
    assert span("ev3") == (D(2024, 1, 1), D(2024, 1, 2))
    assert span("ev4") == (D(2025, 7, 1), D(2025, 7, 2))
    assert str(vevents["ev2@news-timeline"]["SUMMARY"]).endswith("(sometime in April 2025)")
    assert str(vevents["ev4@news-timeline"]["SUMMARY"]).endswith("(sometime in Q3 2025)")
    assert str(vevents["ev4@news-timeline"]["X-NEWS-TIMELINE-PERIOD"]) == "2025-07-01/2025-09-30"
    first = vevents["ev1@news-timeline"]
    assert not isinstance(first.decoded("DTSTART"), dt.datetime)  # all-day
    assert str(first["SUMMARY"]) == "Araghchi visits Moscow"
    assert "Sentence 1 says" in str(first["DESCRIPTION"])
    assert "When: 18 April 2025" in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == "Moscow"
    assert first.decoded("DTSTAMP") == STAMP


def test_ics_uids_are_stable_between_exports(events):
    later = STAMP + dt.timedelta(days=3)
    one = export_events(events, "ics", title="t", stamp=STAMP)
    two = export_events(events.iloc[::-1], "ics", title="t", stamp=later)
    assert set(_vevents(one.content)) == set(_vevents(two.content))


def test_ics_needs_an_aware_stamp(events):
    with pytest.raises(ExportError, match="DTSTAMP"):
        export_events(events, "ics", title="t")
    with pytest.raises(ExportError, match="timezone-aware"):
        export_events(events, "ics", title="t", stamp=dt.datetime(2025, 6, 1))


def test_areas_cannot_be_dated_formats():
    with pytest.raises(ExportError, match="areas have no dates"):
        check_combination("areas", "ics")
    with pytest.raises(ExportError, match="valid: timeline, areas, events"):
        check_combination("people", "csv")
    check_combination("events", "png")


def test_areas_as_csv_lists_the_covered_areas():
    agreement = Agreement(
        id="ag1", article_id="art1", name="=Treaty", kind="treaty", parties=("Iran", "Russia"),
        areas=(Area(area="energy", provisions=("oil",), evidence=("Oil and gas.",)),),
    )  # fmt: skip
    frame = agreements_frame([agreement])
    produced = export_view(
        "areas", "csv", events=pd.DataFrame(), articles=pd.DataFrame(), agreements=frame
    )
    back = pd.read_csv(io.BytesIO(produced.content))
    assert list(back["area"]) == ["energy"]
    assert list(back["agreement"]) == ["'=Treaty"]


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "timelinejs", "ics"])
def test_an_empty_view_still_exports(fmt):
    produced = export_view(
        "events", fmt, events=events_frame([]), articles=pd.DataFrame(),
        agreements=agreements_frame([]), stamp=STAMP,
    )  # fmt: skip
    assert produced.skipped == 0
    if fmt == "csv":
        assert pd.read_csv(io.BytesIO(produced.content)).empty
    elif fmt == "ics":
        assert _vevents(produced.content) == {}
    elif fmt in ("json", "timelinejs"):
        assert json.loads(produced.content)["events"] == []


# ---------------------------------------------------------------- HTML


def test_html_is_standalone_and_escapes_article_text(events):
    produced = export_figure(timeline_figure(events), "html")
    page = produced.content.decode("utf-8")
    assert len(produced.content) < 5_000_000
    assert "Plotly.newPlot" in page
    assert '"ev1"' in page
    assert not re.search(r"<script[^>]*\ssrc=", page)  # plotly.js inlined, nothing fetched
    assert SCRIPT not in page
    assert page.count("<script") == 2  # the figure's JSON, and the code that draws it
    assert "&lt;script&gt;alert(1)" in page


# ---------------------------------------------------------------- images (one browser)


def _png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    length, chunk = struct.unpack(">I4s", content[8:16])
    assert chunk == b"IHDR"
    assert length == 13
    return struct.unpack(">II", content[16:24])


def test_png_has_the_asked_dimensions(events, renderer):
    fig = timeline_figure(events)
    produced = export_figure(fig, "png", renderer=renderer, width=800, height=500, scale=2)
    assert _png_size(produced.content) == (1600, 1000)
    assert produced.media_type == "image/png"


def test_pdf_starts_with_a_pdf_header(renderer):
    frame = agreements_frame(
        [Agreement(id="g", article_id="a", name="Treaty", kind="treaty",
                   areas=(Area(area="energy"), Area(area="trade")))]
    )  # fmt: skip
    produced = export_figure(area_bar_figure(frame), "pdf", renderer=renderer)
    assert produced.content.startswith(b"%PDF-")
    assert b"%%EOF" in produced.content[-1024:]


def test_svg_parses_lists_the_titles_and_runs_no_script(events, renderer):
    produced = export_figure(timeline_figure(events), "svg", renderer=renderer, events=events)
    root = ET.fromstring(produced.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "script"]
    assert b"<script" not in produced.content
    text = " ".join("".join(el.itertext()) for el in root.iter())
    for event in EVENTS:
        assert event.title in text  # the table under the chart, the script as plain text


def test_a_render_over_its_time_limit_is_stopped_and_the_next_one_works(events, renderer):
    fig = timeline_figure(events)
    with pytest.raises(ExportTimeoutError, match="longer than"):
        renderer.render(fig, "png", time_limit=0.001)
    assert not renderer.running
    assert _png_size(renderer.render(fig, "png", width=300, height=200)) == (300, 200)


def test_a_missing_browser_is_a_clear_export_error(events):
    broken = ImageRenderer(browser_path="/nonexistent/chromium", start_limit=30)
    with pytest.raises(ExportError, match="Chromium"):
        broken.render(timeline_figure(events), "png")
    assert not broken.running


# ---------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "timeline.db"
    open_store(path).seed_if_empty(ROOT / "data")
    return path


def test_cli_exports_filtered_events_as_csv(db, tmp_path, capsys):
    out = tmp_path / "events.csv"
    code = main(["export", "--what", "events", "--format", "csv", "--out", str(out),
                 "--db", str(db), "--from", "2025-04-01", "--to", "2025-04-30"])  # fmt: skip
    assert code == 0
    back = pd.read_csv(out)
    summary = json.loads(capsys.readouterr().out)
    assert len(back) == summary["events"] > 0
    assert (pd.to_datetime(back["latest"]) >= "2025-04-01").all()
    assert (pd.to_datetime(back["earliest"]) <= "2025-04-30").all()


def test_cli_ics_reports_the_undated_events_it_leaves_out(db, tmp_path, capsys):
    out = tmp_path / "events.ics"
    assert main(["export", "--format", "ics", "--out", str(out), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    dated = [e for e in open_store(db).events() if e.earliest and e.latest]
    assert len(_vevents(out.read_bytes())) == len(dated) == summary["events"] - summary["skipped"]
    if summary["skipped"]:
        assert f"{summary['skipped']} event(s) without a known date" in captured.err


def test_cli_refuses_impossible_combinations_with_exit_2(db, tmp_path, capsys):
    out = tmp_path / "areas.ics"
    assert main(["export", "--what", "areas", "--format", "ics", "--out", str(out)]) == 2
    assert "areas have no dates" in capsys.readouterr().err
    assert not out.exists()


@pytest.fixture
def default_browser():
    """Close the CLI's browser before the test ends: choreographer's watchdog wraps the
    browser's life in warnings.catch_warnings(), so closing it at interpreter exit
    would put this test's warning filters back after pytest has restored its own."""
    yield
    images.default_renderer().close()


def test_cli_writes_a_timeline_png(db, tmp_path, capsys, default_browser):
    out = tmp_path / "timeline.png"
    code = main(["export", "--format", "png", "--out", str(out), "--db", str(db),
                 "--actor", "Abbas Araghchi"])  # fmt: skip
    assert code == 0
    width, height = _png_size(out.read_bytes())
    assert width == 1200
    assert height > 300


def test_cli_seeds_an_empty_store_like_the_dashboard(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIMELINE_DATA", str(ROOT / "data"))
    out = tmp_path / "t.json"
    fresh = tmp_path / "fresh.db"
    assert main(["export", "--format", "timelinejs", "--out", str(out), "--db", str(fresh)]) == 0
    assert json.loads(out.read_text())["events"]


# ---------------------------------------------------------------- pages


@pytest.fixture
def page_store(db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "timeline.db"
    for suffix in ("", "-wal", "-shm"):
        if db.with_name(db.name + suffix).exists():
            shutil.copy(db.with_name(db.name + suffix), path.with_name(path.name + suffix))
    monkeypatch.setenv("TIMELINE_DB", str(path))
    return path


def test_timeline_page_offers_every_file_in_one_click(page_store):
    at = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=120).run()
    keys = {b.key for b in at.get("download_button")}
    data = {f"timeline_download_{f}" for f in ("csv", "json", "timelinejs", "ics")}
    charts = {f"timeline_download_chart_{f}" for f in ("html", "png", "svg", "pdf")}
    assert data | charts <= keys
    assert not at.button  # nothing to prepare first


def test_a_failed_image_export_raises_a_timeline_error(monkeypatch):
    # The download button runs this when clicked; Streamlit shows its failure as
    # "Failed to generate file for download" (no traceback) and logs the error.
    monkeypatch.setattr(images, "_default", ImageRenderer(browser_path="/nonexistent/chromium"))
    with pytest.raises(ExportError):
        export_figure(area_bar_figure(pd.DataFrame()), "png")


def _group_members(pgid: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":  # pgrp; zombies are already dead
            members.append(int(stat.parent.name))
    return members


def test_a_timed_out_render_leaves_no_browser_process(events):
    own = ImageRenderer(time_limit=60)
    try:
        fig = timeline_figure(events)
        own.render(fig, "svg")
        leader = own._kaleido.subprocess.pid  # kaleido's wrapper leads the browser's group
        assert len(_group_members(leader)) > 1  # the wrapper and Chromium's processes
        with pytest.raises(ExportTimeoutError):
            own.render(fig, "png", time_limit=0.001)
        deadline = time.monotonic() + 10
        while _group_members(leader) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _group_members(leader) == []
    finally:
        own.close()


def _marked(mark: str) -> list[int]:
    """Live processes whose environment carries ``mark`` (so only this test's)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            marked = f"TIMELINE_TEST_MARK={mark}".encode() in environ.read_bytes()
            state = (environ.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marked and state != "Z" and int(environ.parent.name) != os.getpid():
            found.append(int(environ.parent.name))
    return found


@pytest.mark.parametrize("start_limit", [0.05, 0.5])
def test_a_browser_start_over_its_time_limit_leaves_no_process(
    events, monkeypatch: pytest.MonkeyPatch, start_limit: float
) -> None:
    mark = f"{os.getpid()}-{start_limit}"
    monkeypatch.setenv("TIMELINE_TEST_MARK", mark)  # inherited by kaleido and Chromium
    slow = ImageRenderer(start_limit=start_limit)
    with pytest.raises(ExportTimeoutError, match="starting Chromium took longer"):
        slow.render(timeline_figure(events), "png")
    slow.close()
    assert _marked(mark) == []


# ---------------------------------------------------------------- story view


def test_story_lists_events_in_date_order_in_words_with_source_links(events):
    articles = pd.DataFrame(
        [
            {
                "id": "art1",
                "title": "Iran & Russia <b>sign</b>",
                "url": "https://example.org/a?x=1&y=2",
            }
        ]
    )
    page = export.story_page(events, articles, title="Story")
    whens = re.findall(r'<div class="when">([^<]*)', page)
    # by date (a period by its first day), in words, the undated last
    assert whens == ["2024", "April 2025", "18 April 2025", "20 April 2025", "21 April 2025",
                     "Q3 2025", "in the past"]  # fmt: skip
    assert "2025-Q3" not in page  # no TIMEX code
    assert 'href="https://example.org/a?x=1&amp;y=2"' in page
    assert "Iran &amp; Russia &lt;b&gt;sign&lt;/b&gt;" in page


def test_story_escapes_article_text_before_highlighting(events):
    evil = events.iloc[:1].assign(
        sentence=f"On {SCRIPT} 18 April they met.", time_text=SCRIPT, title=SCRIPT
    )
    html_text = export.story_html(evil, pd.DataFrame([{"id": "art1", "title": None,
                                                      "url": "javascript:alert(1)"}]))  # fmt: skip
    assert "<script" not in html_text
    assert f"<mark>{html.escape(SCRIPT)}</mark>" in html_text
    assert "javascript:" not in html_text  # only http(s) links
