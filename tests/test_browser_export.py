"""Downloads from the dashboard in a real browser: the files that arrive are read back.

Reuses the server and page fixtures of ``test_browser.py`` (Streamlit on a free port
with a store seeded from data/, Debian's Chromium through Playwright).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, sync_playwright
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, page, save_artifacts, server  # noqa: F401 (fixtures)
from tests.test_export import EVENTS, _event

from timeline.charts import timeline_figure
from timeline.export import export_figure
from timeline.frames import events_frame
from timeline.models import Granularity
from timeline.store import open_store

pytestmark = pytest.mark.browser


def _download(tab: Page, button: str) -> bytes:
    with tab.expect_download(timeout=WAIT_MS) as info:
        tab.get_by_role("button", name=button, exact=True).click()
    return Path(info.value.path()).read_bytes()


def test_timeline_page_downloads_the_events_and_the_chart(server, page):  # noqa: F811
    url, db, log = server
    try:
        # "Show all events" (from the URL): the view, and so its download, is every event.
        page.goto(f"{url}/Timeline?all=1", timeout=WAIT_MS)
        page.locator('[data-testid="stPlotlyChart"]').wait_for(state="visible", timeout=WAIT_MS)
        page.get_by_text("Download this view").click()

        table = pd.read_csv(io.BytesIO(_download(page, "CSV")), keep_default_na=False)
        stored = open_store(db).events()
        assert sorted(table["id"]) == sorted(e.id for e in stored)
        assert not table["title"].str.match(r"^[=+\-@]").any()  # formulas neutralised

        chart = _download(page, "HTML").decode("utf-8")  # one click, nothing to prepare
        assert "Plotly.newPlot" in chart
        assert stored[0].id in chart
        assert not re.search(r"<script[^>]*\ssrc=", chart)
        assert _download(page, "PNG").startswith(b"\x89PNG\r\n\x1a\n")
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "timeline_export")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc


def test_exported_html_draws_offline_and_runs_no_article_markup(tmp_path):
    """The standalone file unpacks plotly.js and draws with the network cut, and text
    that tries to close the page's data block and open a script stays text."""
    hostile = "</script><script>window.ran = 1</script>"
    day = dt.date(2025, 4, 22)
    events = events_frame([*EVENTS, _event(9, hostile, "2025-04-22", day, day, Granularity.DAY)])
    figure = timeline_figure(events)
    figure.update_layout(title_text=f"Talks {hostile}")  # a user's --title is not escaped
    path = tmp_path / "chart.html"
    path.write_bytes(export_figure(figure, "html").content)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(offline=True).new_page()
            fetched: list[str] = []
            tab.on("request", lambda request: fetched.append(request.url))
            tab.goto(path.as_uri(), timeout=WAIT_MS)
            tab.locator("#chart .main-svg").first.wait_for(state="visible", timeout=WAIT_MS)
            assert tab.locator("#chart .legend .traces").count() > 0
            assert tab.evaluate("window.ran") is None
            assert hostile in tab.title()
            assert [url for url in fetched if not url.startswith("file:")] == []
        finally:
            browser.close()
