"""Pages over a store with more events than the Timeline draws one by one (ui.DETAIL_MAX):
counts and density come from SQL, the chart draws the window's most salient events."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from benchmarks.big_store import build
from streamlit.testing.v1 import AppTest

from timeline import ui
from timeline.store import open_store
from timeline.ui.overview import ARTICLE_OPTIONS

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
EVENTS = 3 * ui.DETAIL_MAX


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    build(path, EVENTS, seed=3)
    return path


@pytest.fixture
def big(big_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_DB", str(big_store))
    return big_store


def timeline(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def figure(at: AppTest) -> tuple[dict, int]:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec), len(charts[0].proto.spec)


def drawn_ids(spec: dict) -> set[str]:
    return {c for t in spec["data"] if t["type"] != "bar" for c in t.get("customdata") or [] if c}


def scope(at: AppTest) -> str:
    found = [c.value for c in at.caption if c.value.startswith("Showing ")]
    assert len(found) == 1
    return found[0]


def test_timeline_draws_the_windows_most_salient_events_over_a_strip_of_all(big):
    at = timeline()
    assert not at.exception, [e.value for e in at.exception]
    spec, size = figure(at)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert len(bars) == 1
    overview = open_store(big).overview()
    unit = bars[0]["name"].split()[2]  # "events per week (all matching)"
    counted = sum(n for _, _, n in overview.density(unit))
    assert sum(bars[0]["y"]) == pytest.approx(counted)
    assert 0.8 * EVENTS < counted < EVENTS  # every dated event; the undated are not counted
    first, last = (dt.date.fromisoformat(d[:10]) for d in spec["layout"]["xaxis"]["range"])
    shown = drawn_ids(spec)
    assert len(shown) == 25
    best = overview.most_salient(25, start=first, end=last)
    assert shown == {e.id for e in best}
    text = scope(at)
    assert overview.count(start=first, end=last) > 25
    assert text.startswith("Showing the 25 most salient events in the dates the chart shows")
    assert f"{EVENTS:,} match the filters" in text
    assert size < 2_000_000


def test_show_all_draws_at_most_the_mark_limit_and_a_filter_is_counted_in_sql(big):
    at = timeline(all="1", status="happened")
    assert not at.exception, [e.value for e in at.exception]
    spec, size = figure(at)
    happened = open_store(big).overview().count(statuses=["happened"])
    assert happened > ui.DETAIL_MAX
    assert f"{happened:,} match the filters" in scope(at)
    shown = drawn_ids(spec)
    assert len(shown) == ui.MARK_LIMIT
    assert {t["name"].split(" · ")[0] for t in spec["data"] if t["type"] != "bar"} == {"happened"}
    assert size < 2_000_000


def test_a_filter_down_to_a_few_thousand_events_draws_each_of_them(big):
    at = timeline(all="1", status="planned")
    spec, _ = figure(at)
    planned = open_store(big).overview().count(statuses=["planned"])
    assert planned <= ui.DETAIL_MAX
    assert scope(at).startswith(f"Showing {planned} of {EVENTS} events")
    assert all(t["type"] != "bar" for t in spec["data"])
    assert len(drawn_ids(spec)) == len(open_store(big).events(statuses=["planned"]))


def test_a_narrow_view_shows_every_event_in_it(big):
    at = timeline(view="2023-03-01..2023-03-10", all="1")
    spec, _ = figure(at)
    overview = open_store(big).overview()
    window = overview.count(start=dt.date(2023, 3, 1), end=dt.date(2023, 3, 10))
    assert 0 < window <= ui.MARK_LIMIT
    assert len(drawn_ids(spec)) == window
    assert scope(at).startswith("Showing all events in the dates the chart shows")


def test_home_counts_the_big_store_in_sql(big):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    store = open_store(big)
    assert metrics["Events"] == f"{EVENTS}"
    assert metrics["Actors"] == str(store.overview().actor_count())
    assert metrics["Agreements"] == str(len(store.agreements()))
    assert re.search(r"Events dated from \*\*\w+ \d{4}\*\*", " ".join(m.value for m in at.markdown))


def test_agreement_areas_draws_the_most_detailed_agreements(big):
    at = AppTest.from_file(str(ROOT / "pages/2_Agreement_areas.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec, size = figure(at)
    drawn = {c.split("|")[0] for c in spec["data"][0]["customdata"]}
    covering = [g for g in open_store(big).agreements() if g.areas]
    assert len(covering) > ui.AGREEMENT_LIMIT
    assert len(drawn) == ui.AGREEMENT_LIMIT
    most = max(sum(max(1, len(a.provisions)) for a in g.areas) for g in covering)
    assert most in {sum(max(1, len(a.provisions)) for a in g.areas) for g in covering
                    if g.id in drawn}  # fmt: skip
    assert any(f"of {len(covering):,}." in c.value for c in at.caption)
    assert size < 2_000_000


def test_events_page_edits_the_most_salient_events_of_a_big_store(big):
    at = AppTest.from_file(str(ROOT / "pages/3_Events.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    best = open_store(big).overview().most_salient(ui.EDIT_LIMIT)
    assert any(c.value.startswith(f"The {ui.EDIT_LIMIT:,} most salient of {EVENTS:,}")
               for c in at.caption)  # fmt: skip
    assert len(best) == ui.EDIT_LIMIT
    tables = at.get("dataframe")
    assert len(tables) == 1
    assert sorted(tables[0].value["title"]) == sorted(e.title for e in best)


def test_a_box_dragged_on_the_chart_becomes_the_view_and_its_events_are_read(big):
    at = AppTest.from_file(str(ROOT / "pages/1_Timeline.py"), default_timeout=TIMEOUT)
    at.session_state["zoom_to"] = (dt.date(2022, 5, 1), dt.date(2022, 5, 31))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="view").value == (dt.date(2022, 5, 1), dt.date(2022, 5, 31))
    assert at.query_params["view"] == "2022-05-01..2022-05-31"
    spec, _ = figure(at)
    best = (
        open_store(big)
        .overview()
        .most_salient(25, start=dt.date(2022, 5, 1), end=dt.date(2022, 5, 31))
    )
    assert drawn_ids(spec) == {e.id for e in best}


def test_date_inspector_offers_the_latest_articles_and_reads_one_text(big, monkeypatch):
    from timeline.store import Store

    def every_article(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the Date inspector must not read every article")

    monkeypatch.setattr(Store, "articles", every_article)
    at = AppTest.from_file(str(ROOT / "pages/4_Date_inspector.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    latest = open_store(big).overview().article_titles(ARTICLE_OPTIONS)
    assert open_store(big).overview().table_count("articles") > len(latest)
    (picker,) = [s for s in at.selectbox if s.label == "Article"]
    assert picker.options[1:] == [latest[i] for i in latest]
    first = open_store(big).article(next(iter(latest)))
    assert at.text_area[0].value == first.text
