"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Runs in ``make test`` (which installs Chromium when it is missing); it is marked
``browser`` so it can be deselected while iterating, not skipped by default. On
failure a screenshot and the server log are saved under ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, sync_playwright
from scripts.local_server import ServerError, local_server

from timeline.store import open_store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 90
WAIT_MS = 60_000
#: The screen the issue was tried on: the first view must work at this size.
VIEWPORT = {"width": 1440, "height": 900}


@contextlib.contextmanager
def serve(tmp: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, Path, Path]]:
    """``streamlit run app.py`` on a free loopback port with a store seeded from data/."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs it "
            "(apt-get update && apt-get install -y chromium)"
        )
    db = tmp / "timeline.db"
    open_store(db).seed_if_empty(ROOT / "data")
    log = tmp / "streamlit.log"
    try:
        with local_server(db, log, env=env) as server:
            yield server.url, db, log
    except ServerError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path, Path]]:
    """A server the read-only tests share."""
    with serve(tmp_path_factory.mktemp("browser")) as running:
        yield running


@pytest.fixture
def writable_server(tmp_path) -> Iterator[tuple[str, Path, Path]]:
    """A server with a store of its own, for a test that writes."""
    with serve(tmp_path) as running:
        yield running


@pytest.fixture
def page(server) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser.new_page(viewport=VIEWPORT)
        finally:
            browser.close()


def save_artifacts(page: Page, log: Path, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    shutil.copy(log, ARTIFACTS / f"{name}.streamlit.log")


def point_position(page: Page) -> tuple[str, float, float]:
    """Event id and page coordinates of the first day-precision event point."""
    return page.evaluate(
        """() => {
        const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const trace = gd._fullData.find(t => t.name.endsWith('· on that day') && t.x.length);
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const box = gd.getBoundingClientRect();
        const x = box.left + xa._offset + xa.d2p(trace.x[0]);
        const y = box.top + ya._offset + ya.d2p(trace.y[0]);
        return [trace.customdata[0], x, y];
    }"""
    )


def test_timeline_draws_and_a_clicked_event_shows_its_sentence(server, page):
    url, db, log = server
    try:
        page.goto(url, timeout=WAIT_MS)
        page.get_by_role("heading", name="News Timeline").wait_for(timeout=WAIT_MS)
        nav = page.locator('[data-testid="stSidebarNav"]')
        assert nav.get_by_text("Home", exact=True).count() == 1
        assert nav.get_by_text("app", exact=True).count() == 0
        nav.locator('a[href$="/Timeline"]').click()
        chart = page.locator('[data-testid="stPlotlyChart"]')
        chart.wait_for(state="visible", timeout=WAIT_MS)
        page.wait_for_function(
            "() => document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
            timeout=WAIT_MS,
        )
        assert chart.locator(".scatterlayer .trace").count() > 0  # SVG traces drawn
        event_id, x, y = point_position(page)
        sentence = next(e.sentence for e in open_store(db).events() if e.id == event_id)
        page.mouse.click(x, y)
        expected = sentence.splitlines()[0][:60]
        # The detail panel (st.html), not the hover label, must show the sentence.
        detail = page.locator(".st-key-event_detail").filter(has_text=expected)
        detail.first.wait_for(state="visible", timeout=WAIT_MS)
        assert detail.first.locator("mark").count() <= 1
        assert detail.first.bounding_box()["y"] < VIEWPORT["height"]  # in view, by the chart
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "timeline")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


def test_a_shared_link_opens_the_same_page_and_filters(server, page):
    url, _, log = server
    try:
        page.goto(f"{url}/Timeline?status=planned&lanes=type", timeout=WAIT_MS)
        page.wait_for_function(
            "() => document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
            timeout=WAIT_MS,
        )
        names = page.evaluate(
            "() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)"
        )
        assert names
        assert all(name.startswith("planned · ") for name in names), names
        y_title = page.evaluate(
            "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.title.text"
        )
        assert y_title == "Event type"
        assert "status=planned" in page.url
        assert "lanes=type" in page.url
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "shared_link")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


def run_finished(page: Page) -> None:
    """Wait until Streamlit has finished the script run the last interaction started."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )


def edit_cell(page: Page, grid: Locator, *, row: int, column: int, text: str) -> None:
    """Type ``text`` into a data editor cell (glide-data-grid draws on a canvas)."""
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 20, box["y"] + GRID_ROW * (row + 1) + GRID_ROW // 2)
    page.wait_for_timeout(300)  # the grid takes focus; a key pressed before it is lost
    for _ in range(column):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.keyboard.type(text, delay=30)  # typing on a selected cell opens its editor
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")


GRID_ROW = 35  # pixels per data editor row, the header included


def test_a_saved_edit_stays_on_its_event_after_the_table_resorts(writable_server, page):
    url, db, log = writable_server
    store = open_store(db)
    events = store.events()  # the table's order: by date
    first, second = events[0], events[1]
    # An event to pick in the Merge select: one whose title no other event has.
    other = next(e for e in events[2:] if [x.title for x in events].count(e.title) == 1)
    try:
        page.goto(f"{url}/Events", timeout=WAIT_MS)
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(state="visible", timeout=WAIT_MS)
        run_finished(page)
        page.wait_for_timeout(1000)  # the grid lays out its canvas after it shows
        # Columns: title, type, date; the first row is the earliest event.
        edit_cell(page, grid, row=0, column=2, text="2031-01-05")
        save = page.get_by_role("button", name="Save 1 change(s)")
        save.wait_for(timeout=WAIT_MS)
        save.click()
        page.get_by_role("button", name="Save 0 change(s)").wait_for(timeout=WAIT_MS)
        run_finished(page)
        assert {e.id: e.value for e in store.events()}[first.id] == "2031-01-05"
        # The saved event moved to the end; another event now holds row 0. Another
        # widget's rerun must not offer the old edit again, on that other event.
        keep = page.locator('[data-testid="stSelectbox"]').first
        keep.scroll_into_view_if_needed()
        keep.get_by_role("combobox").click()
        keep.get_by_role("combobox").press_sequentially(other.title, delay=30)
        page.keyboard.press("Enter")  # the one option the typed title leaves
        # The rerun has happened when Merge is enabled (the two selects now differ).
        merge = page.get_by_role("button", name="Merge", exact=True)
        page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some("
            "b => b.innerText.trim() === 'Merge' && !b.disabled)",
            timeout=WAIT_MS,
        )
        run_finished(page)
        assert merge.is_enabled()
        run_finished(page)
        assert page.get_by_role("button", name="Save 0 change(s)").is_visible()
        corrections = store.corrections()
        assert [(c.event_id, c.field, c.new_value) for c in corrections] == [
            (first.id, "value", "2031-01-05")
        ]
        assert {e.id: e.value for e in store.events()}[second.id] == second.value
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "events_editor")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


def test_home_reports_an_empty_upload_and_keeps_running(server, page, tmp_path):
    url, _, log = server
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    try:
        page.goto(url, timeout=WAIT_MS)
        page.get_by_role("tab", name="Upload files").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(empty))
        page.get_by_text("empty.txt").wait_for(timeout=WAIT_MS)
        panel = page.get_by_role("tabpanel", name="Upload files")
        panel.get_by_test_id("stBaseButton-secondaryFormSubmit").click()
        page.get_by_text("1 record(s) rejected").wait_for(timeout=WAIT_MS)
        run_finished(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stMetric"]').count() > 0
    except Exception as exc:
        save_artifacts(page, log, "empty_upload")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


PAGES_WITH_CHARTS = {"Timeline": 1, "Agreement_areas": 1}
ALL_PAGES = ["", "Timeline", "Agreement_areas", "Events", "Date_inspector"]


@pytest.mark.parametrize("path", ALL_PAGES, ids=[p or "Home" for p in ALL_PAGES])
def test_every_page_opens_without_error_and_shows_its_chart_in_view(server, page, path):
    url, _, log = server
    try:
        page.goto(f"{url}/{path}", timeout=WAIT_MS)
        page.locator("h1").first.wait_for(timeout=WAIT_MS)
        run_finished(page)
        if path in PAGES_WITH_CHARTS:
            chart = page.locator('[data-testid="stPlotlyChart"]').first
            chart.wait_for(state="visible", timeout=WAIT_MS)
            page.wait_for_function(DRAWN, timeout=WAIT_MS)
            box = chart.bounding_box()
            assert box is not None
            assert box["y"] < VIEWPORT["height"] - 200, box  # starts well inside the screen
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, f"page_{path or 'Home'}")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    return charts.length > 0 && charts.every(gd => gd._fullData && gd._fullData.length
        && gd.querySelector('.trace, .slice, .hm'));
}"""

# Every event whose mark is inside the first view: its label's box, and the date axis.
LABELS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const xa = gd._fullLayout.xaxis;
    const [lo, hi] = xa.range.map(v => xa.r2l(v));
    const out = [];
    gd.querySelectorAll('.scatterlayer .trace').forEach((node, n) => {
        const trace = node.__data__[0].trace;
        node.querySelectorAll('.textpoint').forEach(point => {
            const d = point.__data__;
            const text = point.querySelector('text');
            if (!d.tx || d.x < lo || d.x > hi) return;
            const r = text.getBoundingClientRect();
            const box = [r.left, r.top, r.right, r.bottom];
            out.push({id: trace.customdata[d.i], text: d.tx, box: box});
        });
    });
    const ticks = gd.querySelector('.xtick text').getBoundingClientRect();
    return {labels: out, axis: [ticks.top, ticks.bottom]};
}"""


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def test_every_event_in_the_first_view_has_a_label_of_its_own(server, page):
    url, db, log = server
    try:
        page.goto(f"{url}/Timeline", timeout=WAIT_MS)
        page.wait_for_function(DRAWN, timeout=WAIT_MS)
        found = page.evaluate(LABELS)
        labels = found["labels"]
        in_view = page.evaluate(
            """() => {
            const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const xa = gd._fullLayout.xaxis;
            const [lo, hi] = xa.range.map(v => xa.r2l(v));
            const ids = new Set(), all = new Set();
            gd._fullData.forEach(t => t.x.forEach((x, i) => {
                const v = xa.d2l(x);
                if (x === null || !t.customdata || !t.customdata[i]
                    || String(t.customdata[i]).startsWith('article:')) return;
                all.add(t.customdata[i]);
                if (v >= lo && v <= hi) ids.add(t.customdata[i]);
            }));
            return [[...ids], all.size];
        }"""
        )
        in_view, drawn = in_view
        # The bulk of the drawn events is in the first view (the page fits 80% of them).
        assert drawn >= 20
        assert len(in_view) >= 0.75 * drawn
        labelled = {label["id"] for label in labels}
        assert set(in_view) <= labelled, set(in_view) - labelled
        for label in labels:
            left, top, right, bottom = label["box"]
            assert right - left > 10, label  # drawn, not empty
            assert bottom - top > 5, label
        clashes = [
            (a["text"], b["text"])
            for n, a in enumerate(labels)
            for b in labels[n + 1 :]
            if overlaps(a["box"], b["box"])
        ]
        assert not clashes
        assert found["axis"][1] < VIEWPORT["height"]  # the dates show without scrolling
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "labels")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


def trace_names(page: Page) -> list[str]:
    page.wait_for_function(DRAWN, timeout=WAIT_MS)
    return page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".filter(t => t.showlegend !== false).map(t => t.name)"
    )


def test_filters_survive_a_page_change_through_the_sidebar(server, page):
    url, _, log = server
    try:
        page.goto(f"{url}/Timeline?status=planned", timeout=WAIT_MS)
        assert all(name.startswith("planned · ") for name in trace_names(page))
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.locator('a[href$="/Agreement_areas"]').click()
        page.get_by_role("heading", name="Agreement areas").wait_for(timeout=WAIT_MS)
        run_finished(page)
        nav.locator('a[href$="/Timeline"]').click()
        page.get_by_role("heading", name="Timeline").wait_for(timeout=WAIT_MS)
        run_finished(page)
        names = trace_names(page)
        assert names
        assert all(name.startswith("planned · ") for name in names), names
        assert "status=planned" in page.url
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "filters_page_change")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc
