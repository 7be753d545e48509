"""Every page runs on the sample corpus; behaviour is driven through widgets by key.

The store is a temporary copy seeded from data/ once per session (``TIMELINE_DB``);
tests that write get their own copy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.models import Extraction, Issue
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(ROOT.glob("pages/*.py")) + ([ROOT / "app.py"] if (ROOT / "app.py").exists() else [])
TIMEOUT = 120


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "timeline.db"
    store = open_store(path)
    assert store.seed_if_empty(ROOT / "data") > 0
    return path


@pytest.fixture
def store_path(seeded_store, tmp_path, monkeypatch) -> Path:
    """A private copy of the seeded store, named by TIMELINE_DB for the app."""
    path = tmp_path / "timeline.db"
    for suffix in ("", "-wal", "-shm"):
        source = seeded_store.with_name(seeded_store.name + suffix)
        if source.exists():
            shutil.copy(source, path.with_name(path.name + suffix))
    monkeypatch.setenv("TIMELINE_DB", str(path))
    return path


def run_page(name: str) -> AppTest:
    return AppTest.from_file(str(ROOT / name), default_timeout=TIMEOUT).run()


def run_timeline_showing_all() -> AppTest:
    """The Timeline with "Show all events" on (from the URL): every matching event drawn."""
    at = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=TIMEOUT)
    at.query_params["all"] = "1"
    return at.run()


def trace_names(at: AppTest) -> set[str]:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return {trace.get("name") for trace in json.loads(charts[0].proto.spec)["data"]}


def event_count_caption(at: AppTest) -> tuple[int, int]:
    captions = [c.value for c in at.caption if c.value.startswith("Showing ")]
    assert len(captions) == 1, [c.value for c in at.caption]
    counts = re.search(r"(\d+)(?: most salient)? of (\d+)", captions[0])
    assert counts, captions[0]
    return int(counts[1]), int(counts[2])


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_runs_on_the_sample_corpus(page, store_path):
    at = AppTest.from_file(str(page), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_timeline_draws_the_events_with_their_precision(store_path):
    at = run_page("pages/1_Timeline.py")
    names = trace_names(at)
    assert {"happened · on that day", "planned · sometime in the span"} <= names
    shown, total = event_count_caption(at)
    assert 0 < shown < total  # by default the most salient events only
    shown_all, total_all = event_count_caption(run_timeline_showing_all())
    assert shown_all == total_all == total


def test_status_filter_reduces_the_events_and_goes_into_the_url(store_path):
    at = run_timeline_showing_all()
    _, total = event_count_caption(at)
    at.multiselect(key="f_statuses").set_value(["planned"]).run()
    shown, _ = event_count_caption(at)
    planned = open_store(store_path).events(statuses=["planned"])
    assert 0 < shown == len(planned) < total
    assert at.query_params["status"] == "planned"
    assert {name.split(" · ")[0] for name in trace_names(at)} == {"planned"}


def test_filters_are_read_back_from_the_url(store_path):
    at = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=TIMEOUT)
    at.query_params["status"] = "possible"
    at.query_params["lanes"] = "type"
    at.query_params["published"] = "1"
    at.run()
    assert at.multiselect(key="f_statuses").value == ["possible"]
    assert at.radio(key="lanes").value == "type"
    assert at.toggle(key="show_published").value is True
    assert "article published" in trace_names(at)
    shown, _ = event_count_caption(at)
    assert shown == len(open_store(store_path).events(statuses=["possible"]))


def test_date_range_filter_keeps_overlapping_events(store_path):
    at = run_timeline_showing_all()
    _, total = event_count_caption(at)
    at.date_input(key="f_dates").set_value((dt.date(2025, 4, 1), dt.date(2025, 4, 30))).run()
    shown, _ = event_count_caption(at)
    april = open_store(store_path).events(start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30))
    assert shown == len(april) < total
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-04-01", "2025-04-30")


def test_merge_on_the_events_page_persists_and_can_be_undone(store_path):
    before = open_store(store_path).events()
    at = run_page("pages/3_Events.py")
    at.selectbox(key="merge_keep").set_value(before[0].id)
    at.selectbox(key="merge_drop").set_value(before[1].id).run()
    at.button(key="merge").click().run()
    assert not at.exception
    after = open_store(store_path).events()
    assert len(after) == len(before) - 1
    assert before[1].id not in {e.id for e in after}
    at.button(key="undo_last").click().run()
    assert len(open_store(store_path).events()) == len(before)


def inspect(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Find the dates").click().run()


def test_date_inspector_values_move_with_the_publish_date(store_path):
    at = run_page("pages/4_Date_inspector.py")
    assert at.text_area(key="di_text").value  # opens on the first stored article
    at.selectbox(key="di_article").set_value(PASTE := "(paste your own text)").run()
    assert at.text_area(key="di_text").value == ""  # your own text starts empty
    at.text_area(key="di_text").set_value("They signed it in April. <b>Not bold</b>")
    at.date_input(key="di_dct").set_value(dt.date(2025, 4, 29))
    inspect(at)
    assert rule_values(at) == ["2025-04"]
    assert list(means(at)) == ["April 2025"]
    at.date_input(key="di_dct").set_value(dt.date(2025, 2, 10))
    inspect(at)  # a typed date applies with the button, without leaving the box first
    assert rule_values(at) == ["2024-04"]
    html = at.get("html")[0].proto.body
    assert "&lt;b&gt;Not bold&lt;/b&gt;" in html
    assert "<b>" not in html
    assert at.selectbox(key="di_article").value == PASTE


def means(at: AppTest) -> list[str]:
    return [d.value for d in at.dataframe if "means" in d.value.columns][0]["means"]


def test_date_inspector_reads_russian_detected_or_chosen(store_path):
    at = run_page("pages/4_Date_inspector.py")
    at.selectbox(key="di_article").set_value("(paste your own text)").run()
    at.text_area(key="di_text").set_value("В прошлом месяце министр посетил Москву.")
    at.date_input(key="di_dct").set_value(dt.date(2025, 4, 29))
    inspect(at)
    assert rule_values(at) == ["2025-03"]  # detected: Cyrillic text
    at.selectbox(key="di_lang").set_value("en").run()
    assert rule_values(at) == []  # read as English, the Russian words mean nothing
    at.selectbox(key="di_lang").set_value("ru").run()
    assert rule_values(at) == ["2025-03"]


def rule_values(at: AppTest) -> list[str]:
    tables = [d.value for d in at.dataframe if "rule" in d.value.columns]
    assert len(tables) == 1
    return list(tables[0]["value"])


def metric_value(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, [m.label for m in at.metric]
    return values[0]


def test_home_counts_an_added_article_in_the_same_run(store_path):
    at = run_page("app.py")
    articles, events = int(metric_value(at, "Articles")), int(metric_value(at, "Events"))
    at.text_input(key="add_title").set_value("Ministers meet")
    at.text_area(key="add_text").set_value(
        "Iran and Russia signed an energy agreement in Moscow on 12 March 2025. "
        "The two foreign ministers will meet again in June."
    )
    at.date_input(key="add_published").set_value(dt.date(2025, 4, 29))
    next(b for b in at.button if b.label == "Add article").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Added 1 article(s)."]
    assert int(metric_value(at, "Articles")) == articles + 1
    assert int(metric_value(at, "Events")) > events


def test_home_is_the_default_page_and_every_page_is_reachable(store_path):
    at = run_page("app.py")
    assert at.title[0].value == "News Timeline"
    for page in sorted(ROOT.glob("pages/*.py")):
        at.switch_page(f"pages/{page.name}").run()
        assert not at.exception, (page.name, [e.value for e in at.exception])
        assert at.title[0].value != "News Timeline", page.name


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (the port was just freed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"


def test_home_reports_a_rejected_paste_and_keeps_running(store_path):
    at = run_page("app.py")
    articles = int(metric_value(at, "Articles"))
    next(b for b in at.button if b.label == "Add article").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 record(s) rejected" in w.value for w in at.warning), [w.value for w in at.warning]
    assert int(metric_value(at, "Articles")) == articles  # the page is still whole
    assert len(at.tabs) == 3


def test_home_reports_an_unreachable_url_and_keeps_running(store_path):
    at = run_page("app.py")
    at.text_input(key="add_url").set_value(closed_port_url())
    next(b for b in at.button if b.label == "Fetch and add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("rejected" in w.value for w in at.warning), [w.value for w in at.warning]
    assert metric_value(at, "Articles")


def test_filters_and_the_chart_range_survive_a_page_change(store_path):
    at = run_page("app.py")
    at.switch_page("pages/1_Timeline.py").run()
    at.multiselect(key="f_statuses").set_value(["planned"]).run()
    at.date_input(key="view").set_value((dt.date(2025, 3, 1), dt.date(2025, 6, 30))).run()
    at.switch_page("pages/2_Agreement_areas.py").run()
    at.query_params.clear()  # the sidebar's links carry no query
    at.switch_page("pages/1_Timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="f_statuses").value == ["planned"]
    assert at.query_params["status"] == "planned"
    assert at.query_params["view"] == "2025-03-01..2025-06-30"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["range"] == ["2025-03-01", "2025-06-30"]


def add_text(at: AppTest, title: str, text: str) -> AppTest:
    at.text_input(key="add_title").set_value(title)
    at.text_area(key="add_text").set_value(text)
    return next(b for b in at.button if b.label == "Add article").click().run()


def test_home_says_a_duplicate_is_one_and_links_to_the_new_events(store_path):
    text = "Iran and Russia signed an energy agreement in Moscow on 12 March 2025."
    at = add_text(run_page("app.py"), "Energy deal", text)
    assert [s.value for s in at.success] == ["Added 1 article(s)."]
    links = [link for link in at.get("page_link") if "new events" in link.proto.label]
    assert len(links) == 1
    new = {a.id for a in open_store(store_path).articles() if a.title == "Energy deal"}
    assert links[0].proto.page == "Timeline"
    assert links[0].proto.query_string == f"article={new.pop()}&all=1"
    articles = int(metric_value(at, "Articles"))
    at = add_text(at, "Energy deal", text)
    assert not at.success
    assert any("Already in the store" in i.value for i in at.info), [i.value for i in at.info]
    assert int(metric_value(at, "Articles")) == articles


def test_home_lists_the_issues_it_counts(store_path):
    problem = Issue(source="feed.jsonl", locator="line 3", message="no text in the record")
    open_store(store_path).save_extraction(Extraction(issues=(problem,)))
    at = run_page("app.py")
    count = int(metric_value(at, "Open issues"))
    assert count > 0
    listed = [d.value for d in at.dataframe if "message" in d.value.columns]
    assert len(listed) == 1
    assert len(listed[0]) == count


def test_the_story_tab_reads_in_words_and_keeps_article_text_as_text(store_path):
    at = run_page("pages/1_Timeline.py")
    story = next(h.proto.body for h in at.get("html") if 'class="story"' in h.proto.body)
    assert "week of 10 March 2025" in story
    assert "2025-W11" not in story  # no TIMEX code for readers
    assert "<mark>" in story  # the time expression highlighted
    assert "Source: " in story
    assert "<script" not in story
