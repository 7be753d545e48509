"""How long each export takes and how big the file is.

    python benchmarks/export.py [--events 10000] [--repeat 3]

Two data sets: the sample corpus (``data/`` extracted into a temporary store, as the
dashboard seeds it) and ``--events`` synthetic events (``benchmarks/dashboard.py``'s
generator). For each (view, format) ``export_view`` runs end to end, as the CLI and
the download buttons call it (figure built, file produced), in one process with one
kaleido browser:

- **first**: the first call of that format in the process (the very first image
  also pays for starting Chromium);
- **warm**: the median of ``--repeat`` further calls;
- **size** of the file.

Targets (issue 5): warm PNG and SVG under 1 s for the sample; standalone HTML under
5 MB. Prints a table and, as the last line, one JSON object with every figure.
Wall times on a shared machine: rerun when a figure looks off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `python benchmarks/export.py` from the repository root

from benchmarks.dashboard import synthetic_events  # noqa: E402
from timeline.export import VALID_FORMATS, ImageRenderer, export_view  # noqa: E402
from timeline.frames import agreements_frame, articles_frame, events_frame  # noqa: E402
from timeline.store import open_store  # noqa: E402

STAMP = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
ORDER = ("png", "svg", "pdf", "html", "csv", "json", "timelinejs", "ics")
TARGET_WARM_S = 1.0
TARGET_HTML_MB = 5.0


def sample_frames(tmp: Path) -> dict[str, Any]:
    store = open_store(tmp / "sample.db")
    store.seed_if_empty(ROOT / "data")
    return {
        "events": events_frame(store.events()),
        "articles": articles_frame(store.articles()),
        "agreements": agreements_frame(store.agreements()),
    }


def synthetic_frames(n: int) -> dict[str, Any]:
    return {
        "events": events_frame(synthetic_events(n)),
        "articles": articles_frame([]),
        "agreements": agreements_frame([]),
    }


def time_export(what: str, fmt: str, frames: dict[str, Any], renderer: ImageRenderer,
                repeat: int) -> dict[str, Any]:  # fmt: skip
    def run() -> tuple[float, int]:
        began = time.perf_counter()
        produced = export_view(what, fmt, **frames, stamp=STAMP, renderer=renderer)
        return time.perf_counter() - began, len(produced.content)

    first, size = run()
    warm = [run()[0] for _ in range(repeat)]
    return {"what": what, "format": fmt, "first_s": first, "warm_s": statistics.median(warm),
            "warm_runs": warm, "bytes": size}  # fmt: skip


def measure(name: str, frames: dict[str, Any], views: tuple[str, ...], renderer: ImageRenderer,
            repeat: int) -> list[dict[str, Any]]:  # fmt: skip
    rows = []
    print(f"\n{name}: {len(frames['events']):,} events")
    print(f"{'view':<9} {'format':<11} {'first':>8} {'warm':>8} {'size':>12}")
    for what in views:
        for fmt in ORDER:
            if fmt not in VALID_FORMATS[what]:
                continue
            row = {"data": name, **time_export(what, fmt, frames, renderer, repeat)}
            rows.append(row)
            print(f"{what:<9} {fmt:<11} {row['first_s']:>7.3f}s {row['warm_s']:>7.3f}s "
                  f"{row['bytes'] / 1e6:>9.3f} MB")  # fmt: skip
    return rows


def verdicts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def get(data: str, fmt: str) -> dict[str, Any]:
        return next(r for r in rows if r["data"] == data and r["what"] == "timeline"
                    and r["format"] == fmt)  # fmt: skip

    checks = {
        "sample_png_warm_under_1s": get("sample", "png")["warm_s"] < TARGET_WARM_S,
        "sample_svg_warm_under_1s": get("sample", "svg")["warm_s"] < TARGET_WARM_S,
        "sample_html_under_5mb": get("sample", "html")["bytes"] / 1e6 < TARGET_HTML_MB,
    }
    for data in sorted({r["data"] for r in rows} - {"sample"}):
        checks[f"{data}_html_under_5mb"] = get(data, "html")["bytes"] / 1e6 < TARGET_HTML_MB
    print("\n" + "\n".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in checks.items()))
    return checks


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    renderer = ImageRenderer(time_limit=300)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rows = measure("sample", sample_frames(Path(tmp)), ("timeline", "areas"),
                           renderer, args.repeat)  # fmt: skip
        rows += measure(f"{args.events}_events", synthetic_frames(args.events), ("timeline",),
                        renderer, args.repeat)  # fmt: skip
    finally:
        renderer.close()
    print(json.dumps({"rows": rows, "targets": verdicts(rows)}))


if __name__ == "__main__":
    main()
