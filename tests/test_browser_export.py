"""Downloads from the dashboard in a real browser: the files that arrive are read back.

Reuses the server and page fixtures of ``test_browser.py`` (Streamlit on a free port
with a store seeded from data/, Debian's Chromium through Playwright).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page
from tests.test_browser import WAIT_MS, page, save_artifacts, server  # noqa: F401 (fixtures)

from timeline.store import open_store

pytestmark = pytest.mark.browser


def _download(tab: Page, button: str) -> bytes:
    with tab.expect_download(timeout=WAIT_MS) as info:
        tab.get_by_role("button", name=button, exact=True).click()
    return Path(info.value.path()).read_bytes()


def test_timeline_page_downloads_the_events_and_the_chart(server, page):  # noqa: F811
    url, db, log = server
    try:
        page.goto(f"{url}/Timeline", timeout=WAIT_MS)
        page.locator('[data-testid="stPlotlyChart"]').wait_for(state="visible", timeout=WAIT_MS)
        page.get_by_text("Download this view").click()

        table = pd.read_csv(io.BytesIO(_download(page, "CSV")), keep_default_na=False)
        stored = open_store(db).events()
        assert sorted(table["id"]) == sorted(e.id for e in stored)
        assert not table["title"].str.match(r"^[=+\-@]").any()  # formulas neutralised

        page.get_by_role("button", name="Prepare the HTML").click()
        chart = _download(page, "Download the HTML").decode("utf-8")
        assert "Plotly.newPlot" in chart
        assert stored[0].id in chart
        assert not re.search(r"<script[^>]*\ssrc=", chart)
        assert page.locator('[data-testid="stException"]').count() == 0
    except Exception as exc:
        save_artifacts(page, log, "timeline_export")
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc
