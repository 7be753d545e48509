"""How fast the dashboard's timeline is built and drawn.

    python benchmarks/dashboard.py [--sizes 1000 10000 100000] [--repeat 3] [--no-browser]
        [--browser-events 1000000 | --big-store /tmp/big.db] [--baseline DIR]

1. Figure: synthetic events (mixed day / month / quarter / year / vague precision,
   three statuses, one or two of 40 actors; "drawn" counts the distinct events on the
   chart: the vague ones have no date to draw) as Event objects -> ``events_frame`` ->
   ``timeline_figure`` -> ``Figure.to_json`` (what ``st.plotly_chart`` sends). Best
   of ``--repeat`` runs after one warm-up. Target: frame + figure for 10,000 events
   in under 1 s.
2. Browser: ``streamlit run app.py`` on two loopback ports at once: the sample
   corpus, and a store of ``--browser-events`` generated events (default 1,000,000;
   ``benchmarks/big_store.py`` writes them with the store's row writers, realistic
   actors; ``--big-store PATH`` reuses one it wrote). Debian's Chromium through
   Playwright at 1440x900. For each server: the first load (cold caches), then the
   median of ``--repeat`` warm loads, alternating between the servers so a busy
   moment hits both alike (time from navigating to the Timeline until plotly has
   drawn the chart and the browser has painted it); a filter change (a status
   picked in the sidebar until the chart shows only that status, median of
   ``--repeat`` statuses); the bytes sent over the websocket and the events actually
   drawn (distinct event ids on the chart) at four zooms; the server's resident
   memory (now and peak, from /proc). Targets: first paint <= 2x the sample's,
   filter change < 2 s, server < 1 GB resident, < 2 MB to the browser at any zoom.
3. Every page with a chart (Timeline, Agreement areas) on the sample corpus, and
   with ``--baseline DIR`` (another checkout of the project, e.g. ``git archive``
   of an older commit unpacked in DIR) the same pages served from that code, loads
   alternating between the two: the ratio now / baseline per page. Target: each
   page <= 1.5x the baseline.

Prints absolute times, the ratio, and a final JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.local_server import Served, local_server  # noqa: E402

from timeline.charts import timeline_figure
from timeline.frames import events_frame
from timeline.models import Event, EventStatus, EventType, Granularity
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
        drawn = len({c for t in fig.data if t.customdata is not None for c in t.customdata if c})
        row = {"events": n, "drawn": drawn, "frame_s": frame_s, "figure_s": figure_s,
               "json_s": json_s, "frame_and_figure_s": frame_s + figure_s, "traces": len(fig.data),
               "json_mb": len(payload) / 1e6}  # fmt: skip
        print(f"{n:>7,} events ({drawn:,} drawn): frame {frame_s:.3f} s + figure "
              f"{figure_s:.3f} s = {frame_s + figure_s:.3f} s; to_json {json_s:.3f} s "
              f"({row['json_mb']:.1f} MB, {row['traces']} traces)")  # fmt: skip
        rows.append(row)
    return rows


# ---------------------------------------------------------------- browser


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


@contextlib.contextmanager
def _serve(
    dbs: dict[str, Path], tmp: Path, codes: dict[str, Path] | None = None
) -> Iterator[dict[str, Served]]:
    """A dashboard per store of ``dbs`` (each running the checkout ``codes[name]``)."""
    with contextlib.ExitStack() as stack:
        yield {
            name: stack.enter_context(
                local_server(db, tmp / f"{name}.log", code=(codes or {}).get(name, ROOT))
            )
            for name, db in dbs.items()
        }


def measure_browser(repeat: int, n: int, big: Path | None) -> dict[str, Any]:
    """The sample corpus against a store of ``n`` generated events (``big``: reuse one
    written by big_store.py), served side by side: paint, filter change, payload at
    several zooms, events drawn, the servers' resident memory."""
    from playwright.sync_api import sync_playwright

    from benchmarks.big_store import build

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.db"
        open_store(sample).seed_if_empty(ROOT / "data")
        if big is None:
            big = Path(tmp) / "big.db"
            print(f"writing {n:,} generated events: {build(big, n)}")
        name = f"{open_store(big).overview().count()}_events"
        with _serve({"sample": sample, name: big}, Path(tmp)) as servers:
            urls = {key: server.url for key, server in servers.items()}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = {
                    key: {"cold_s": time_page_load(browser, url)} for key, url in urls.items()
                }
                for key, row in results.items():
                    print(f"browser, {key}: first load (cold caches) {row['cold_s']:.2f} s")
                _paints(browser, urls, repeat, results)
                for key, url in urls.items():
                    results[key]["filter_change_s"] = _filter_changes(browser, url, repeat)
                    results[key]["views"] = [_payload(browser, url, q) for q in VIEWS]
                    print(f"browser, {key}: other pages")
                    results[key]["pages"] = measure_other_pages(browser, url, repeat)
                    results[key]["rss_mb"] = _rss_mb(servers[key].pid)
                browser.close()
    _report(results, name)
    return results


# Home has drawn its figures (counted in SQL) and finished running.
HOME_DRAWN = """() => document.querySelectorAll('[data-testid="stMetric"]').length >= 5
    && !document.querySelector('[data-testid="stStatusWidget"]')"""
OTHER_PAGES = {"": HOME_DRAWN, "Agreement_areas": ALL_DRAWN}


def measure_other_pages(browser: Any, url: str, repeat: int) -> dict[str, Any]:
    """Home and Agreement areas on one server: the first load (cold caches: Home merges
    the agreements then) and the median of ``repeat`` warm loads."""
    results = {}
    for path, drawn in OTHER_PAGES.items():
        each = [time_page_load(browser, url, path, drawn) for _ in range(repeat + 1)]
        results[path or "Home"] = {"cold_s": each[0], "paint_s": statistics.median(each[1:])}
        print(f"  page {path or 'Home'}: first load {each[0]:.2f} s, warm "
              f"{statistics.median(each[1:]):.2f} s (median of {repeat})")  # fmt: skip
    return results


def _paints(browser: Any, urls: dict[str, str], repeat: int, results: dict[str, Any]) -> None:
    """Warm loads, alternating between the servers; median per server."""
    times: dict[str, list[float]] = {key: [] for key in urls}
    for _ in range(repeat):
        for key, url in urls.items():
            times[key].append(time_page_load(browser, url))
    for key, each in times.items():
        results[key]["paint_s"] = statistics.median(each)
        listed = ", ".join(f"{t:.2f}" for t in each)
        print(f"browser, {key}: page load -> chart painted {results[key]['paint_s']:.2f} s "
              f"(median of {len(each)} warm loads: {listed})")  # fmt: skip


# The events a chart draws: distinct ids in the marks' customdata (the strip's bars have none).
DRAWN_IDS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const ids = new Set();
    for (const t of gd.data) for (const c of (t.customdata || []))
        if (c && !String(c).startsWith('article:')) ids.add(c);
    return ids.size;
}"""
#: The zooms whose payload is measured: the first view, "Show all", a ten-day view with
#: every event, and the whole time range with every event the page draws.
VIEWS = ("", "?all=1", "?all=1&view=2023-03-01..2023-03-10", "?all=1&view=2019-01-01..2027-12-31")
STATUSES = ("planned", "possible", "happened")  # what the Status filter offers


def _payload(browser: Any, url: str, query: str) -> dict[str, Any]:
    """Bytes the server sends over the websocket for one page load, and events drawn."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
    page.goto(f"{url}/Timeline{query}", timeout=300_000)
    page.wait_for_function(DRAWN, timeout=300_000, polling=50)
    page.wait_for_function(IDLE, timeout=300_000)
    row = {"query": query or "(first view)", "mb": sum(received) / 1e6,
           "drawn": page.evaluate(DRAWN_IDS)}  # fmt: skip
    page.close()
    return row


IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
# Every status trace of the chart is of the chosen status (the strip's bars aside).
ONLY_STATUS = """(status) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return !!(gd && gd._fullData && gd.data.length && gd.data.every(
        t => t.type === 'bar' || t.name.startsWith(status) || t.name === 'article published'));
}"""


def _filter_changes(browser: Any, url: str, repeat: int) -> float:
    """Median time from picking a status in the sidebar until the chart shows only it."""
    times = []
    for status in STATUSES[:repeat]:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/Timeline", timeout=300_000)
        page.wait_for_function(DRAWN, timeout=300_000, polling=50)
        page.wait_for_function(IDLE, timeout=300_000)
        page.locator(".st-key-f_statuses").get_by_role("combobox").click()
        began = time.perf_counter()
        page.get_by_role("option", name=status, exact=True).click()
        page.wait_for_function(ONLY_STATUS, arg=status, timeout=300_000, polling=50)
        page.evaluate(PAINTED)
        times.append(time.perf_counter() - began)
        page.close()
    return statistics.median(times)


def _rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of a process now and at its peak (Linux /proc), in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {k: int(fields[f].split()[0]) / 1024 for k, f in (("now", "VmRSS"), ("peak", "VmHWM"))}


def _report(results: dict[str, Any], big: str) -> None:
    for key, row in results.items():
        print(f"browser, {key}: filter change -> chart painted {row['filter_change_s']:.2f} s "
              f"(median); server resident {row['rss_mb']['now']:.0f} MB, peak "
              f"{row['rss_mb']['peak']:.0f} MB")  # fmt: skip
        for view in row["views"]:
            print(f"  {view['query']}: {view['mb']:.2f} MB to the browser, "
                  f"{view['drawn']:,} events drawn")  # fmt: skip
    ratio = results[big]["paint_s"] / results["sample"]["paint_s"]
    results["ratio"] = ratio
    print(f"browser ratio {big} / sample: {ratio:.2f}x (target <= 2x); filter change "
          f"{results[big]['filter_change_s']:.2f} s (target < 2 s); resident peak "
          f"{results[big]['rss_mb']['peak']:.0f} MB (target < 1 GB); largest payload "
          f"{max(v['mb'] for v in results[big]['views']):.2f} MB (target < 2 MB)")  # fmt: skip


def measure_pages(repeat: int, baseline: Path | None) -> dict[str, Any]:
    """Every chart page on the sample corpus; now against ``baseline`` code when given."""
    from playwright.sync_api import sync_playwright

    codes = {"now": ROOT, **({"baseline": baseline} if baseline else {})}
    times: dict[str, dict[str, list[float]]] = {c: {p: [] for p in CHART_PAGES} for c in codes}
    with tempfile.TemporaryDirectory() as tmp:
        # Each app seeds its own store on the warm-up load: the baseline's code may not
        # read a store written by this code's (newer) schema.
        dbs = {name: Path(tmp) / f"{name}.db" for name in codes}
        with _serve(dbs, Path(tmp), codes) as servers:
            urls = {name: server.url for name, server in servers.items()}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for attempt in range(repeat + 1):
                    for path in CHART_PAGES:
                        for name, url in urls.items():
                            took = time_page_load(browser, url, path, ALL_DRAWN)
                            if attempt:
                                times[name][path].append(took)
                browser.close()
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
    parser.add_argument("--browser-events", type=int, default=1_000_000)
    parser.add_argument("--big-store", type=Path, default=None,
                        help="a store written by big_store.py (else one is written)")  # fmt: skip
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout to compare every chart page with")  # fmt: skip
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"figures": measure_figures(args.sizes, args.repeat)}
    if not args.no_browser:
        result["browser"] = measure_browser(args.repeat, args.browser_events, args.big_store)
        result["pages"] = measure_pages(args.repeat, args.baseline)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
