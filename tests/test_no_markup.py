"""Nothing from an article or a user renders as markup, on any surface (issue 13).

The payloads (tests/fixtures/hostile/payloads.txt: HTML, Markdown, Streamlit colour
and icon directives, LaTeX, ``javascript:`` links, entities, formula cells) go into
article titles, sources and sentences, and into corrected event titles, actors and
locations. Then every page, the event detail, every chart and every export is checked:

- a Markdown surface (captions, messages, labels) may hold a payload only escaped: with
  every backslash-escaped character removed, no payload is left in it;
- an HTML surface (st.html, plotly hover/tick/legend text, TimelineJS, the standalone
  page) never holds a payload that has ``<`` or ``&`` verbatim, and only its own tags;
- a data surface (tables, JSON, ICS) keeps the payload verbatim, as text;
- a CSV has no formula cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pytest
from streamlit.testing.v1 import AppTest

from timeline import charts, export
from timeline.export.data import FORMULA_PREFIXES
from timeline.frames import agreements_frame, articles_frame, events_frame
from timeline.models import Article
from timeline.pipeline import extract_articles
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = [
    line
    for line in (ROOT / "tests/fixtures/hostile/payloads.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]
HTML_ACTIVE = [p for p in PAYLOADS if "<" in p or "&" in p]
LONG = "Very long " + "x" * 60_000  # a very long title and source: shown, never a crash
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a CommonMark backslash escape
TIMEOUT = 120


def _article(i: int, payload: str) -> Article:
    text = (
        f"Abbas Araghchi arrived in Moscow on April {i + 1}, 2025, and told reporters "
        f"{payload} in a statement. Iran and Russia signed an energy agreement on March "
        f"{i + 1}, 2025, covering oil and gas exploration and {payload}."
    )
    return Article(id=f"p{i:02d}", text=text, published=dt.date(2025, 4, 29),
                   title=payload, source=payload)  # fmt: skip


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("payloads") / "timeline.db"
    store = Store(path)
    articles = [_article(i, p) for i, p in enumerate([*PAYLOADS, LONG])]
    store.save_extraction(extract_articles(articles))
    by_article: dict[str, list[str]] = {}
    for event in store.events():
        by_article.setdefault(event.article_id, []).append(event.id)
    for i, payload in enumerate(PAYLOADS):  # corrections carry the payload too
        event_id = by_article[f"p{i:02d}"][0]
        store.correct_event(event_id, "title", payload)
        store.correct_event(event_id, "actors", ["Abbas Araghchi", payload])
        store.correct_event(event_id, "location", payload)
    return path


@pytest.fixture
def app_env(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_DB", str(store_path))
    return store_path


# --- checks --------------------------------------------------------------------------


def assert_inert_markdown(body: str, where: str) -> None:
    active = ESCAPED.sub("", body)
    left = [p for p in PAYLOADS if p in active]
    assert left == [], f"{where}: payload rendered as Markdown: {left}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def html_tags(text: str) -> set[str]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def assert_inert_html(text: str, where: str, *, tags: set[str]) -> None:
    left = [p for p in HTML_ACTIVE if p in text]
    assert left == [], f"{where}: payload as raw HTML: {left}"
    assert html_tags(text) <= tags, f"{where}: unexpected tags {html_tags(text) - tags}"


# The tags the pages' own HTML uses (highlighted text, the story list and its style);
# none of them is a tag a payload brings, and every payload must arrive escaped.
OWN_HTML_TAGS = {"div", "mark", "br", "p", "h3", "article", "style", "span"}

NOT_SHOWN = {"ids", "parents"}  # plotly's identifiers of sunburst segments, never drawn


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_SHOWN:
                yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


PLOTLY_TAGS = {"br", "b", "i", "extra", "span"}


def assert_inert_figure(spec: dict[str, Any], where: str) -> None:
    shown = [s for s in strings(spec.get("data", [])) if "<" in s or "&" in s]
    shown += [s for s in strings(spec.get("layout", {})) if "<" in s or "&" in s]
    for text in shown:
        assert_inert_html(text, where, tags=PLOTLY_TAGS)


def markdown_bodies(at: AppTest) -> Iterator[tuple[str, str]]:
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "title",
                 "subheader", "header"):  # fmt: skip
        for element in getattr(at, kind):
            yield kind, str(element.value)
    for kind in ("expander", "button", "selectbox", "multiselect", "text_input", "tabs"):
        for element in at.get(kind):
            label = getattr(element, "label", None) or getattr(element.proto, "label", "")
            yield f"{kind} label", str(label)
    for metric in at.metric:
        yield "metric", f"{metric.label} {metric.value}"


def check_page(at: AppTest, name: str) -> int:
    assert not at.exception, [e.value for e in at.exception]
    checked = 0
    for kind, body in markdown_bodies(at):
        assert_inert_markdown(body, f"{name} {kind}")
        checked += 1
    for element in at.get("html"):
        assert_inert_html(element.proto.body, f"{name} st.html", tags=OWN_HTML_TAGS)
        checked += 1
    for chart in at.get("plotly_chart"):
        assert_inert_figure(json.loads(chart.proto.spec), f"{name} chart")
        checked += 1
    return checked


# --- pages -----------------------------------------------------------------------------

PAGES = ["app.py", *sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("pages/*.py"))]


@pytest.mark.parametrize("page", PAGES)
def test_pages_show_payloads_as_text(page: str, app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT).run()
    assert check_page(at, page) > 0


def test_events_page_refusal_messages_are_escaped(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages/3_Events.py"), default_timeout=TIMEOUT)
    at.session_state["refused"] = [f"cannot set value to {p!r}" for p in PAYLOADS]
    at.run()
    assert len(at.error) == len(PAYLOADS)
    check_page(at, "Events refused")


def test_date_inspector_shows_each_article_as_text(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages/4_Date_inspector.py"), default_timeout=TIMEOUT)
    at.run()
    for i in range(len(PAYLOADS)):
        at.selectbox(key="di_article").set_value(f"p{i:02d}").run()
        check_page(at, f"Date inspector p{i:02d}")
        (body,) = [h.proto.body for h in at.get("html")]
        assert "&lt;" in body or "<" not in PAYLOADS[i]


def _detail(path: str, event_id: str) -> None:
    from timeline import ui
    from timeline.frames import articles_frame, events_frame
    from timeline.store import Store

    store = Store(path)
    events = events_frame(store.events())
    articles = articles_frame(store.articles())
    ui.show_event_detail(store, events.loc[events["id"] == event_id].iloc[0], articles)


def test_event_detail_shows_payloads_as_text(store_path: Path) -> None:
    store = Store(store_path)
    corrected = [e for e in store.events() if e.title in PAYLOADS]
    assert len(corrected) == len(PAYLOADS)
    for event in corrected:
        at = AppTest.from_function(_detail, args=(str(store_path), event.id)).run()
        check_page(at, f"detail of {event.title!r}")
        texts = [t.value for t in at.text]
        assert any(event.title in t for t in texts)  # the actors line, verbatim text


# --- charts and exports ------------------------------------------------------------------


@pytest.fixture(scope="module")
def frames(store_path: Path) -> tuple[Any, Any, Any]:
    store = Store(store_path)
    events = events_frame(store.events())
    return events, articles_frame(store.articles()), agreements_frame(store.agreements())


def test_charts_hold_payloads_only_escaped(frames: tuple[Any, Any, Any]) -> None:
    events, articles, agreements = frames
    for group_by in charts.GROUPINGS:
        figure = charts.timeline_figure(events, group_by=group_by, articles_df=articles,
                                        agreements_df=agreements, show_published=True)  # fmt: skip
        assert_inert_figure(figure.to_plotly_json(), f"timeline by {group_by}")
    covered = agreements.dropna(subset=["area"])
    assert_inert_figure(charts.area_bar_figure(covered).to_plotly_json(), "area bars")
    sunburst = charts.area_sunburst_figure(covered)
    assert_inert_figure(sunburst.to_plotly_json(), "sunburst")


def test_exports_hold_payloads_as_text(frames: tuple[Any, Any, Any]) -> None:
    events, articles, agreements = frames
    stamp = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)

    def made(what: str, fmt: str) -> str:
        produced = export.export_view(what, fmt, events=events, articles=articles,
                                      agreements=agreements, stamp=stamp)  # fmt: skip
        return produced.content.decode("utf-8")

    page = made("timeline", "html")
    assert page.count("<script") == made_clean_page_scripts()
    assert [p for p in HTML_ACTIVE if p in page] == []
    for what in ("events", "areas"):
        table = list(csv.reader(io.StringIO(made(what, "csv"))))
        assert [c for row in table for c in row if c.startswith(FORMULA_PREFIXES)] == []
        data = json.loads(made(what, "json"))
        if what == "events":  # data keeps the text verbatim: the corrected titles
            assert set(PAYLOADS) <= set(strings(data))
    timelinejs = json.loads(made("events", "timelinejs"))
    for text in strings(timelinejs):
        assert_inert_html(text, "timelinejs", tags={"p", "small"})
    calendar = icalendar.Calendar.from_ical(made("events", "ics"))
    summaries = {str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")}
    assert set(PAYLOADS) <= summaries  # a calendar is plain text: shown as written


def made_clean_page_scripts() -> int:
    clean = events_frame([])
    page = export.export_view("timeline", "html", events=clean, articles=articles_frame([]),
                              agreements=agreements_frame([]))  # fmt: skip
    return page.content.decode("utf-8").count("<script")
