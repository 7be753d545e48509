"""Figures as still images: PNG / SVG / PDF via kaleido.

Kaleido 1.x drives a Chrome-family browser; Debian's ``chromium`` on ``PATH`` is
found by kaleido itself (``BROWSER_PATH`` overrides, as does ``browser_path=``).
One :class:`ImageRenderer` owns one browser, started on first use and reused, so
only the first image pays for the browser start (a few seconds); later ones take
the render time. Each render has a time limit: a render or a browser start that
overruns it raises :class:`ExportTimeoutError` and the browser is shut down (and
killed if it does not close), so the next export starts a fresh one instead of
waiting on a hung page.

Kaleido's own ``start_sync_server`` / ``calc_fig_sync`` were not used: their
caller blocks on a queue with no time limit, so a browser that never starts (or a
page that never answers) would hang the caller for ever. Here the browser runs on a
private event loop thread and the caller waits on a future with a deadline.

A still image cannot hover, so :func:`still_figure` lists the events (escaped date,
title, actors, status) in rows under the chart when there are few enough to print,
draws the WebGL traces as SVG traces (vector points in SVG and PDF) and drops the
range slider.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from timeline.charts import escape_text
from timeline.errors import ExportError, ExportTimeoutError

__all__ = [
    "IMAGE_FORMATS",
    "LIST_LIMIT",
    "ExportTimeoutError",
    "ImageRenderer",
    "default_renderer",
    "still_figure",
]

IMAGE_FORMATS = ("png", "svg", "pdf")
LIST_LIMIT = 150  # events listed under a still chart; more would be a long printout
LIST_ROW = 20
LIST_GAP = 90  # pixels between the chart and the list: the x axis labels and title
LIST_COLUMNS = (0.0, 0.17, 0.6, 0.93)  # left edges: date, title, actors, status
DEFAULT_WIDTH = 1200
DEFAULT_HEIGHT = 600
INSTALL_HINT = (
    "Static images need Chromium: `make chromium` (apt-get install chromium), "
    "or set BROWSER_PATH to a Chrome or Chromium executable."
)


# ---------------------------------------------------------------- still figures


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _event_list(events: pd.DataFrame) -> go.Scatter:
    """Date, title, actors and status of each event as text rows (escaped), by date.

    Plain text marks on hidden axes: plotly draws them in about half the time of a
    ``go.Table``, which measures and wraps every cell.
    """
    rows = events.sort_values(["earliest", "latest", "title"], na_position="last")
    columns = {
        "Date": [
            v if isinstance(v, str) and v else "date unknown"
            for v in rows.get("when", rows["value"])
        ],
        "Event": [_shorten(str(t), 80) for t in rows["title"]],
        "Actors": [_shorten("; ".join(map(str, a)), 48) for a in rows["actors"]],
        "Status": [str(v) for v in rows["status"]],
    }
    x: list[float] = []
    y: list[int] = []
    text: list[str] = []
    for left, (header, cells) in zip(LIST_COLUMNS, columns.items(), strict=True):
        x += [left] * (len(cells) + 1)
        y += [-1, *range(len(cells))]
        text += [f"<b>{header}</b>", *(escape_text(c) for c in cells)]
    return go.Scatter(
        x=x, y=y, text=text, mode="text", textposition="middle right",
        textfont={"size": 11}, hoverinfo="skip", showlegend=False, cliponaxis=False,
        xaxis="x9", yaxis="y9",
    )  # fmt: skip


def still_figure(
    fig: go.Figure, *, events: pd.DataFrame | None = None, list_limit: int = LIST_LIMIT
) -> go.Figure:
    """A copy of ``fig`` for a still image, which cannot hover.

    WebGL traces become SVG traces (vector points in SVG and PDF) and the range
    slider goes. With ``events`` (at most ``list_limit``), rows under the chart list
    each event's date, title, actors and status, so the image says what the hover
    would have said.
    """
    traces = []
    for trace in fig.data:
        if trace.type == "scattergl":
            trace = go.Scatter({k: v for k, v in trace.to_plotly_json().items() if k != "type"})
        traces.append(trace)
    still = go.Figure(data=traces, layout=fig.layout)
    if still.layout.xaxis.rangeslider.visible:
        still.update_xaxes(rangeslider={"visible": False})
    if events is None or not 0 < len(events) <= list_limit:
        return still
    chart = still.layout.height or DEFAULT_HEIGHT
    listing = 40 + LIST_ROW * len(events)
    total = chart + LIST_GAP + listing
    still.add_trace(_event_list(events))
    still.update_layout(
        height=total,
        yaxis={"domain": [(listing + LIST_GAP) / total, 1]},
        xaxis9={"domain": [0, 1], "range": [0, 1], "visible": False, "anchor": "y9"},
        yaxis9={"domain": [0, listing / total], "range": [len(events), -1.5], "visible": False,
                "anchor": "x9"},
    )  # fmt: skip
    return still


# ---------------------------------------------------------------- kaleido


class ImageRenderer:
    """One browser for PNG / SVG / PDF renders, started on first use and reused.

    ``time_limit`` bounds each render, ``start_limit`` the browser start (seconds).
    Safe to share between threads: renders take turns.
    """

    def __init__(
        self,
        *,
        time_limit: float = 60.0,
        start_limit: float = 60.0,
        browser_path: str | None = None,
    ) -> None:
        self.time_limit = time_limit
        self.start_limit = start_limit
        self.browser_path = browser_path
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def render(
        self,
        fig: go.Figure,
        fmt: str,
        *,
        width: int | None = None,
        height: int | None = None,
        scale: float = 1.0,
        time_limit: float | None = None,
    ) -> bytes:
        """``fig`` as ``fmt`` bytes; raises ExportError (ExportTimeoutError when slow)."""
        if fmt not in IMAGE_FORMATS:
            raise ExportError(f"image format {fmt!r}; valid: {', '.join(IMAGE_FORMATS)}")
        opts = {
            "format": fmt,
            "width": width or DEFAULT_WIDTH,
            "height": height or fig.layout.height or DEFAULT_HEIGHT,
            "scale": scale,
        }
        limit = self.time_limit if time_limit is None else time_limit
        with self._lock:
            kaleido = self._start()
            coroutine = kaleido.calc_fig(fig, opts=opts)
            return bytes(self._wait(coroutine, limit, f"rendering the {fmt.upper()}"))

    def close(self) -> None:
        """Close the browser (killing it if it will not close) and stop the loop thread."""
        with self._lock:
            self._shutdown()

    # -- internals (called with the lock held)

    def _start(self) -> Any:
        if self._kaleido is not None:
            return self._kaleido
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kaleido-loop", daemon=True
        )
        self._thread.start()
        before = _children()
        try:
            self._kaleido = self._wait(self._open(), self.start_limit, "starting Chromium")
        except ExportError:
            _kill_new_browsers(before)
            raise
        # Registered after the start, so it runs before tempfile's own exit clean-up
        # of kaleido's page folder (atexit is last in, first out).
        atexit.register(self.close)
        return self._kaleido

    async def _open(self) -> Any:
        import kaleido

        options: dict[str, Any] = {"n": 1, "timeout": None, "mathjax": False}
        if self.browser_path:
            options["path"] = self.browser_path
        renderer = kaleido.Kaleido(**options)
        await renderer.open()
        return renderer

    def _wait(self, coroutine: Any, limit: float, doing: str) -> Any:
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=limit)
        except concurrent.futures.TimeoutError:
            future.cancel()
            self._shutdown()
            raise ExportTimeoutError(
                f"{doing} took longer than {limit:g} s and was stopped; "
                "the next export starts a fresh browser"
            ) from None
        except Exception as exc:
            self._shutdown()
            message = f"{doing} failed: {type(exc).__name__}: {exc}"
            if "Chrome" in str(exc) or "browser" in str(exc).lower():
                message += f". {INSTALL_HINT}"
            raise ExportError(message) from exc

    def _shutdown(self) -> None:
        loop, thread, renderer = self._loop, self._thread, self._kaleido
        self._loop = self._thread = self._kaleido = None
        atexit.unregister(self.close)
        if loop is None:
            return
        if renderer is not None:
            closing = asyncio.run_coroutine_threadsafe(renderer.close(), loop)
            try:
                closing.result(timeout=10)
            except Exception:  # noqa: BLE001 - a hung or dead browser is killed below
                closing.cancel()
            process = getattr(renderer, "subprocess", None)
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)  # the wrapper and its browser
                process.wait(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=10)
        if not loop.is_running():
            loop.close()


_default: ImageRenderer | None = None


def _children() -> set[int]:
    """This process's direct children (from /proc; an empty set where there is none)."""
    me, found = str(os.getpid()), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            found.add(int(stat.parent.name))
    return found


def _kill_new_browsers(before: set[int], *, settle: float = 3.0) -> None:
    """Kill what a failed start left running: kaleido starts its browser wrapper in a new
    session, so the wrapper's process group holds Chromium and its helpers. The wrapper
    may still be starting (in kaleido's executor), so new children are looked for until
    ``settle`` seconds have passed."""
    deadline = time.monotonic() + settle
    while True:
        for pid in _children() - before:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.2)


_default_lock = threading.Lock()


def default_renderer() -> ImageRenderer:
    """The process-wide renderer (its browser is closed at exit)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ImageRenderer()
        return _default
