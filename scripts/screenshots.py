"""Screenshots of every page of the dashboard at 1440x900, for the README.

    python scripts/screenshots.py [--out docs/screenshots]

Serves the app on a free loopback port with a fresh store seeded from data/, opens
each page in Debian's Chromium (Playwright) at 1440x900 and saves what a first-time
visitor sees without scrolling; the Timeline also with an event clicked and with its
Story tab open. ``make screenshots`` runs it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if __package__ in {None, ""}:  # run as a script: make `scripts` importable
    sys.path.insert(0, str(ROOT))

from scripts.local_server import local_server  # noqa: E402

from timeline.store import open_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORT = {"width": 1440, "height": 900}
PAGES = {"home": "", "timeline": "Timeline", "agreement-areas": "Agreement_areas",
         "events": "Events", "date-inspector": "Date_inspector"}  # fmt: skip
DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    return charts.every(gd => gd._fullData && gd._fullData.length);
}"""
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def settle(page: Page) -> None:
    page.locator("h1").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_timeout(1500)  # fonts, plotly's second draw


def click_first_event(page: Page) -> None:
    x, y = page.evaluate(
        """() => {
        const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const box = gd.getBoundingClientRect();
        const trace = gd._fullData.find(t => t.name.endsWith('on that day'));
        const [lo, hi] = xa.range.map(v => xa.r2l(v));
        const i = trace.x.findIndex(x => xa.d2l(x) > lo + (hi - lo) / 2);
        return [box.left + xa._offset + xa.d2p(trace.x[i]),
                box.top + ya._offset + ya.d2p(trace.y[i])];
    }"""
    )
    page.mouse.click(x, y)
    page.locator(".st-key-event_detail").wait_for(timeout=60_000)
    settle(page)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "timeline.db"
        open_store(db).seed_if_empty(ROOT / "data")
        with local_server(db, Path(tmp) / "streamlit.log") as server:
            url = server.url
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=VIEWPORT)
                for name, path in PAGES.items():
                    page.goto(f"{url}/{path}", timeout=60_000)
                    settle(page)
                    page.screenshot(path=str(args.out / f"{name}.png"))
                    print(args.out / f"{name}.png")
                page.goto(f"{url}/Timeline", timeout=60_000)
                settle(page)
                click_first_event(page)
                page.screenshot(path=str(args.out / "timeline-event.png"))
                page.get_by_role("tab", name="Story").click()
                page.wait_for_timeout(1000)
                page.screenshot(path=str(args.out / "timeline-story.png"))
                print(args.out / "timeline-event.png", args.out / "timeline-story.png")
                browser.close()


if __name__ == "__main__":
    main()
