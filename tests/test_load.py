"""A hosted instance under load: 10 visitors read while one editor adds articles (issue 13).

The server runs as the README's Hosting section says (``TIMELINE_EDITOR_PASSWORD`` set)
on a free 127.0.0.1 port. Eleven browser sessions (Playwright contexts of Debian's
Chromium) run at once: each visitor opens the timeline with its own filter, then the
other pages, and must see its own filter, no edit control and no error; the editor signs
in and adds articles. Every added article must be stored exactly once.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from test_browser import CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = pytest.mark.browser

PASSWORD = "load-test passphrase"
WAIT_MS = 180_000
READERS = 10
EDITS = 3
FILTERS = ["status=planned", "status=happened", "lanes=type", "lanes=article", "published=1"]


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    with serve(tmp_path_factory.mktemp("load"), {"TIMELINE_EDITOR_PASSWORD": PASSWORD}) as running:
        yield running


async def _no_error(page: Page) -> None:
    assert await page.locator('[data-testid="stException"]').count() == 0
    assert await page.get_by_text("This app has encountered an error").count() == 0


async def _chart(page: Page) -> list[str]:
    await page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
        timeout=WAIT_MS,
    )
    names: list[str] = await page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)"
    )
    return names


async def read(browser: Browser, url: str, n: int) -> str:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    wanted = FILTERS[n % len(FILTERS)]
    await page.goto(f"{url}/Timeline?{wanted}", timeout=WAIT_MS)
    names = await _chart(page)
    if wanted == "status=planned":
        assert all(name.startswith("planned · ") for name in names), names
    if wanted == "published=1":
        assert "article published" in names
    assert wanted in page.url  # its own view, whatever the others chose
    await _no_error(page)
    password = page.get_by_label("Editor password")
    await password.wait_for(timeout=WAIT_MS)  # a visitor is offered the sign-in
    for name in ("Agreement_areas", "Events"):
        await page.locator(f'[data-testid="stSidebarNav"] a[href$="/{name}"]').click()
        await page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=WAIT_MS)
        await page.wait_for_load_state("networkidle", timeout=WAIT_MS)
        await _no_error(page)
    assert await page.get_by_role("button", name="Merge").count() == 0  # no edit control
    await page.goto(f"{url}/", timeout=WAIT_MS)
    await page.get_by_role("heading", name="News Timeline").wait_for(timeout=WAIT_MS)
    assert await page.get_by_text("Add articles").count() == 0
    await context.close()
    return wanted


def _stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles WHERE title LIKE 'Load%'").fetchone()[0]


async def _until_stored(db: Path, count: int) -> None:
    """Wait until ``count`` load-test articles are stored: the success message of the
    previous add is still on the page while the next one runs, so it proves nothing."""
    for _ in range(WAIT_MS // 250):
        if _stored(db) >= count:
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"the editor's add number {count} was never stored")


async def edit(browser: Browser, url: str, db: Path, titles: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    await page.goto(url, timeout=WAIT_MS)
    await page.get_by_label("Editor password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_text("Signed in as editor.").wait_for(timeout=WAIT_MS)
    for n, title in enumerate(titles):
        await page.get_by_label("Title").fill(title)
        text = (f"Load-test minister {n} Abbas Araghchi arrived in Moscow on April {n + 1} "
                f"for round {n} of talks, officials said.")  # fmt: skip
        await page.get_by_label("Article text").fill(text)
        await page.get_by_role("button", name="Add article").click()
        await _until_stored(db, n + 1)
        await page.get_by_text("Added 1 article(s).").wait_for(timeout=WAIT_MS)
        await _no_error(page)
    await context.close()


async def run_sessions(url: str, db: Path, titles: list[str]) -> list[str]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            results = await asyncio.gather(
                edit(browser, url, db, titles), *(read(browser, url, n) for n in range(READERS))
            )
        finally:
            await browser.close()
    return [r for r in results if r is not None]


def test_ten_readers_and_one_editor_at_once(hosted: tuple[str, Path, Path]) -> None:
    url, db, log = hosted
    titles = [f"Load test article {n}" for n in range(EDITS)]
    try:
        views = asyncio.run(run_sessions(url, db, titles))
    except Exception as exc:
        raise AssertionError(f"{exc}\n--- streamlit log ---\n{log.read_text()[-4000:]}") from exc
    assert len(views) == READERS
    conn = sqlite3.connect(db)
    stored = [r[0] for r in conn.execute("SELECT title FROM articles WHERE title LIKE 'Load%'")]
    conn.close()
    assert sorted(stored) == titles  # every edit stored exactly once
    assert "Traceback" not in log.read_text()
