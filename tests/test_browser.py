"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Runs in ``make test`` (which installs Chromium when it is missing); it is marked
``browser`` so it can be deselected while iterating, not skipped by default. On
failure a screenshot and the server log are saved under ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"streamlit not healthy after {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path, Path]]:
    """``streamlit run app.py`` on a free loopback port with a store seeded from data/."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs it "
            "(apt-get update && apt-get install -y chromium)"
        )
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "timeline.db"
    open_store(db).seed_if_empty(ROOT / "data")
    port = free_port()
    log = tmp / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "TIMELINE_DB": str(db)}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url, db, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def page(server) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 1000})
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
        const trace = gd._fullData.find(t => t.name.endsWith('· day') && t.x.length);
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
        detail = page.locator('[data-testid="stHtml"]').filter(has_text=expected)
        detail.first.wait_for(state="visible", timeout=WAIT_MS)
        assert detail.first.locator("mark").count() <= 1
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
