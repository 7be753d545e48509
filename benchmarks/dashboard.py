"""How fast the dashboard's timeline is built and drawn.

    python benchmarks/dashboard.py [--sizes 1000 10000 100000] [--repeat 3] [--no-browser]

1. Figure: synthetic events (mixed day / month / quarter / year / vague precision,
   three statuses, one or two of 40 actors) as Event objects -> ``events_frame`` ->
   ``timeline_figure`` -> ``Figure.to_json`` (what ``st.plotly_chart`` sends). Best
   of ``--repeat`` runs after one warm-up. Target: frame + figure for 10,000 events
   in under 1 s.
2. Browser: ``streamlit run app.py`` on two loopback ports at once (the sample
   corpus, and a store of 10,000 synthetic events), Debian's Chromium through
   Playwright; time from navigating to the Timeline page until plotly has drawn the
   chart and the browser has painted it (two animation frames later). Loads
   alternate between the two servers, so a busy moment on a shared machine hits
   both alike; median of ``--repeat`` loads each after one warm-up load (warm
   Streamlit caches). Target: 10,000 events <= 1.5x the sample corpus.
3. Every page with a chart (Timeline, Agreement areas) on the sample corpus, and
   with ``--baseline DIR`` (another checkout of the project, e.g. ``git archive``
   of an older commit unpacked in DIR) the same pages served from that code, loads
   alternating between the two: the ratio now / baseline per page. Target: each
   page <= 1.5x the baseline.

Prints absolute times, the ratio, and a final JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline.charts import timeline_figure
from timeline.frames import events_frame
from timeline.models import Article, Event, EventStatus, EventType, Extraction, Granularity
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
START = dt.date(2020, 1, 1)


def synthetic_events(n: int, *, seed: int = 7, articles: int = 50) -> list[Event]:
    """``n`` plausible events spread over five years (deterministic for a seed)."""
    rng = random.Random(seed)
    actors = [f"Actor {i}" for i in range(40)]
    kinds = list(EventType)
    events = []
    for i in range(n):
        day = START + dt.timedelta(days=rng.randrange(5 * 365))
        value, earliest, latest, gran = _precision(rng.random(), day)
        events.append(
            Event(
                id=f"ev{i:06d}", article_id=f"art{i % articles:03d}", type=rng.choice(kinds),
                cameo="010", trigger="said", title=f"Synthetic event {i}",
                sentence=f"Synthetic sentence {i} says what happened on {value}, and who.",
                sentence_start=0, sentence_end=60,
                actors=tuple(rng.sample(actors, rng.choice((1, 1, 2)))),
                time_text=value, value=value, earliest=earliest, latest=latest,
                granularity=gran, status=rng.choice(list(EventStatus)), confidence=0.8,
                sources=(f"art{i % articles:03d}",),
            )
        )  # fmt: skip
    return events


def _precision(
    draw: float, day: dt.date
) -> tuple[str, dt.date | None, dt.date | None, Granularity]:
    if draw < 0.5:
        return day.isoformat(), day, day, Granularity.DAY
    if draw < 0.75:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return f"{day:%Y-%m}", first, last, Granularity.MONTH
    if draw < 0.9:
        return str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), Granularity.YEAR
    return "PAST_REF", None, None, Granularity.VAGUE


def best_of(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    step()  # warm-up: imports, plotly's lazy validators
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - began)
    return min(times), result


def measure_figures(sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        events = synthetic_events(n)
        frame_s, frame = best_of(repeat, lambda ev=events: events_frame(ev))
        figure_s, fig = best_of(repeat, lambda fr=frame: timeline_figure(fr))
        json_s, payload = best_of(repeat, fig.to_json)
        row = {"events": n, "frame_s": frame_s, "figure_s": figure_s, "json_s": json_s,
               "frame_and_figure_s": frame_s + figure_s, "traces": len(fig.data),
               "json_mb": len(payload) / 1e6}  # fmt: skip
        print(f"{n:>7,} events: frame {frame_s:.3f} s + figure {figure_s:.3f} s = "
              f"{frame_s + figure_s:.3f} s; to_json {json_s:.3f} s "
              f"({row['json_mb']:.1f} MB, {row['traces']} traces)")  # fmt: skip
        rows.append(row)
    return rows


# ---------------------------------------------------------------- browser


def synthetic_store(path: Path, n: int) -> None:
    events = synthetic_events(n)
    articles = tuple(
        Article(id=f"art{i:03d}", text=f"Synthetic article {i}.", published=START,
                title=f"Synthetic article {i}", published_origin="benchmark")
        for i in range(50)
    )  # fmt: skip
    open_store(path).save_extraction(
        Extraction(articles=articles, events=tuple(events)),
        added_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )


def start_server(db: Path, log: Path, code: Path = ROOT) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", str(code / "app.py"),
               "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    with log.open("wb") as out:
        # PYTHONPATH first: the baseline's own library, not this checkout's editable install.
        env = {**os.environ, "TIMELINE_DB": str(db), "PYTHONPATH": str(code / "src")}
        server = subprocess.Popen(command, cwd=code, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


# Plotly has drawn the chart: SVG traces in the DOM or WebGL canvases.
DRAWN = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return !!(gd && gd._fullData && gd._fullData.length
              && gd.querySelector('.scatterlayer .trace, canvas'));
}"""
# ...and the browser has painted a frame since (WebGL work shows up here).
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


# Every chart of a page drawn (scatter traces, sunburst slices, heat map or WebGL).
ALL_DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    return charts.length > 0 && charts.every(gd => gd._fullData && gd._fullData.length
        && gd.querySelector('.trace, .slice, .hm, canvas'));
}"""
CHART_PAGES = ("Timeline", "Agreement_areas")


def time_page_load(browser: Any, url: str, path: str = "Timeline", drawn: str = DRAWN) -> float:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    began = time.perf_counter()
    page.goto(f"{url}/{path}", timeout=180_000)
    page.wait_for_function(drawn, timeout=180_000, polling=50)
    page.evaluate(PAINTED)
    took = time.perf_counter() - began
    page.close()
    return took


def time_page_loads(urls: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Alternate loads between the servers; the first round warms Streamlit's caches."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for attempt in range(repeat + 1):
            for name, url in urls.items():
                took = time_page_load(browser, url)
                if attempt:
                    times[name].append(took)
        browser.close()
    return times


def measure_browser(repeat: int, n: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample, big = Path(tmp) / "sample.db", Path(tmp) / "big.db"
        open_store(sample).seed_if_empty(ROOT / "data")
        synthetic_store(big, n)
        servers, urls = [], {}
        try:
            for name, db in (("sample", sample), (f"{n}_events", big)):
                server, urls[name] = start_server(db, Path(tmp) / f"{name}.log")
                servers.append(server)
            loads = time_page_loads(urls, repeat)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
        for name, times in loads.items():
            results[name] = statistics.median(times)
            each = ", ".join(f"{t:.2f}" for t in times)
            print(f"browser, {name}: page load -> chart painted {results[name]:.2f} s "
                  f"(median of {len(times)}: {each})")  # fmt: skip
    results["ratio"] = results[f"{n}_events"] / results["sample"]
    print(f"browser ratio {n:,} events / sample: {results['ratio']:.2f}x (target <= 1.5x)")
    return results


def measure_pages(repeat: int, baseline: Path | None) -> dict[str, Any]:
    """Every chart page on the sample corpus; now against ``baseline`` code when given."""
    from playwright.sync_api import sync_playwright

    codes = {"now": ROOT, **({"baseline": baseline} if baseline else {})}
    times: dict[str, dict[str, list[float]]] = {c: {p: [] for p in CHART_PAGES} for c in codes}
    with tempfile.TemporaryDirectory() as tmp:
        servers, urls = [], {}
        try:
            for name, code in codes.items():
                # Each app seeds its own store on the warm-up load: the baseline's code
                # may not read a store written by this code's (newer) schema.
                db = Path(tmp) / f"{name}.db"
                server, urls[name] = start_server(db, Path(tmp) / f"{name}.log", code)
                servers.append(server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for attempt in range(repeat + 1):
                    for path in CHART_PAGES:
                        for name, url in urls.items():
                            took = time_page_load(browser, url, path, ALL_DRAWN)
                            if attempt:
                                times[name][path].append(took)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    results: dict[str, Any] = {}
    for path in CHART_PAGES:
        row = {name: statistics.median(times[name][path]) for name in codes}
        line = ", ".join(f"{name} {t:.2f} s" for name, t in row.items())
        if "baseline" in row:
            row["ratio"] = row["now"] / row["baseline"]
            line += f"; ratio now / baseline {row['ratio']:.2f}x (target <= 1.5x)"
        print(f"page {path}, sample corpus, chart painted (median of {repeat}): {line}")
        results[path] = row
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser-events", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout to compare every chart page with")  # fmt: skip
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"figures": measure_figures(args.sizes, args.repeat)}
    if not args.no_browser:
        result["browser"] = measure_browser(args.repeat, args.browser_events)
        result["pages"] = measure_pages(args.repeat, args.baseline)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
