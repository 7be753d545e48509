"""Hostile inputs through the CLI: time and peak memory of ``tag``, ``extract`` and
``ingest`` on texts built to be slow (issue 13: each must finish in under 20 s).

Inputs, generated into a temporary folder from the data/ sample corpus:

- ``line-5mb.txt``: the sample articles' text joined into one 5 MB line (no newline);
- ``file-10mb.txt``: the sample articles repeated into a 9.9 MB file (the upload limit);
- ``runon-1mb.txt``: 1 MB of agreement phrases without a single full stop;
- ``runon-20kb.txt``: one 20 kB sentence without full stops (333 s before the fix);
- ``deep.json``: an array nested 100,000 levels deep.

Each command runs in its own process: wall seconds, and the child's own CPU seconds and
peak RSS (``os.wait4``). On a shared machine wall time can be
several times the CPU time; the CPU time is what the code costs. Prints a table and, as
its last line, one JSON object with every figure.

    .venv/bin/python benchmarks/hostile.py [--only extract] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMELINE = [sys.executable, "-m", "timeline"]
WORDS = (
    "Iran and Russia signed an energy agreement on March 3 2025 covering oil and gas "
    "exploration the ministers ratified the treaty in April and will sign a trade deal next "
    "month while officials said talks continued on Friday and the accord entered into force "
    "in January"
).split()


def sample_text() -> str:
    parts = []
    for path in sorted((ROOT / "data").glob("*.md")):
        if path.stem.upper() == "README":
            continue
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        parts.append(" ".join(text.split()))
    return " ".join(parts)


def run_on(n_chars: int, seed: int = 1) -> str:
    """A text without a full stop, dense with stage verbs, dates and agreement words."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < n_chars:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)


def make_inputs(folder: Path) -> dict[str, Path]:
    one = sample_text()
    inputs = {
        "line-5mb.txt": ((one + " ") * (5_000_000 // len(one) + 1))[:5_000_000],
        "file-10mb.txt": "\n\n".join([one] * (9_900_000 // len(one) + 1))[:9_900_000],
        "runon-1mb.txt": run_on(1_000_000),
        "runon-20kb.txt": run_on(20_000),
        "deep.json": "[" * 100_000 + "]" * 100_000,
    }
    paths = {}
    for name, text in inputs.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def timed(argv: list[str], env: dict[str, str]) -> dict[str, float | int | bool]:
    """Run ``argv``; wall time, and the child's own CPU time and peak RSS (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        traceback = b"Traceback" in err.read()
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "exit": proc.returncode, "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "traceback": traceback}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("tag", "extract", "ingest"), action="append")
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    args = parser.parse_args()
    commands = args.only or ["tag", "extract", "ingest"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = make_inputs(folder)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        results: dict[str, dict[str, dict[str, float | int]]] = {}
        for name, path in paths.items():
            for command in commands:
                if command == "tag":
                    if name.endswith(".json"):
                        continue  # tag reads plain text only
                    argv = [*TIMELINE, "tag", "--dct", "2025-04-29", str(path)]
                elif command == "extract":
                    argv = [*TIMELINE, "extract", "--published", "2025-04-29", str(path)]
                else:
                    db = Path(tmp) / f"{name}.db"
                    argv = [*TIMELINE, "ingest", "--db", str(db), "--published", "2025-04-29",
                            str(path)]  # fmt: skip
                figures = timed(argv, env)
                results.setdefault(name, {})[command] = figures
                print(f"{name:16} {command:8} wall {figures['wall_s']:7.2f} s  cpu "
                      f"{figures['cpu_s']:7.2f} s  exit {figures['exit']}  peak "
                      f"{figures['peak_rss_mb']} MB", flush=True)  # fmt: skip
    print(json.dumps({"hostile": results}))


if __name__ == "__main__":
    main()
