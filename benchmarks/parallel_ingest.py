"""Throughput of `timeline ingest --jobs N`: one core against several, in one run.

The corpus comes from benchmarks/make_corpus.py (stories from TimeBank/AQUAINT and data/
with new names, places and years), written as JSON-lines files of at most 1,000 articles
(an ingest file is capped at 10 MB). Each round runs the real command,
``python -m timeline ingest --jobs J --batch B FOLDER`` into a new store, once per J,
alternating, and times it on the wall clock (process start, reading, extraction and the
writes included), and sums the CPU seconds of its processes from /proc (the writer
process apart). The machine may be shared: the load average is printed with every run,
and the ratio that counts is the one of runs made in the same round. Linux shares the CPU
between sessions (autogroups) before processes, so while other sessions are busy a run
gets its session's share whatever its number of processes, and the wall-clock ratio tells
nothing of two cores; the CPU seconds still show what the workers add.

    PYTHONPATH=src python benchmarks/parallel_ingest.py ../shared/corpora/timebank \\
        --articles 2000 --jobs 1 2 --rounds 2

Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import generate, read_sources  # noqa: E402

PER_FILE = 1_000


def write_corpus(timebank: Path | None, articles: int, folder: Path, seed: int = 7) -> None:
    """``articles`` generated records as JSON-lines files of ``PER_FILE`` in ``folder``."""
    records = generate(read_sources(timebank), articles, seed=seed)
    for number in range(0, articles, PER_FILE):
        lines = [json.dumps(r, ensure_ascii=False) for r in islice(records, PER_FILE)]
        (folder / f"part-{number // PER_FILE:05d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def _cpu_seconds(root: int, seen: dict[int, float]) -> None:
    """Record in ``seen`` the CPU seconds (user + system, from /proc) of ``root`` and of
    every process below it (the worker processes are not reaped by ``root``, so
    getrusage would miss them)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parent[int(entry)], cpu[int(entry)] = int(fields[1]), (int(fields[11]) + int(fields[12]))
    tree, grew = {root}, True
    while grew:
        below = {pid for pid, up in parent.items() if up in tree} - tree
        tree |= below
        grew = bool(below)
    for pid in tree & cpu.keys():
        seen[pid] = max(seen.get(pid, 0.0), cpu[pid] / tick)


def run_ingest(folder: Path, db: Path, jobs: int, batch: int) -> dict[str, float]:
    command = [sys.executable, "-m", "timeline", "ingest", "--db", str(db),
               "--jobs", str(jobs), "--batch", str(batch), str(folder)]  # fmt: skip
    load = os.getloadavg()[0]
    began = time.perf_counter()
    seen: dict[int, float] = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:  # fmt: skip
        while proc.poll() is None:
            _cpu_seconds(proc.pid, seen)
            time.sleep(0.2)
        out, err = proc.communicate()
    wall = time.perf_counter() - began
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    counts = json.loads(out.splitlines()[-1])
    return {"jobs": jobs, "wall_s": round(wall, 2), "load_before": load,
            "load_after": os.getloadavg()[0], "articles": counts["articles"],
            "events": counts["events"], "articles_per_s": round(counts["articles"] / wall, 1),
            "cpu_s": round(sum(seen.values()), 1),
            "cpu_writer_s": round(seen.get(proc.pid, 0.0), 1)}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timebank", type=Path, nargs="?", help="TimeBank/AQUAINT folder")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        write_corpus(args.timebank, args.articles, folder)
        for round_ in range(args.rounds):
            for jobs in args.jobs:
                run = run_ingest(folder, Path(tmp) / f"r{round_}-j{jobs}.db", jobs, args.batch)
                runs.append({"round": round_, **run})
                load = f"{run['load_before']:.1f} -> {run['load_after']:.1f}"
                print(f"round {round_}  jobs {jobs}: {run['wall_s']:8.1f} s  "
                      f"{run['articles_per_s']:6.1f} articles/s  CPU {run['cpu_s']:.1f} s "
                      f"(writer process {run['cpu_writer_s']:.1f} s)  load {load}",
                      flush=True)  # fmt: skip
    base = min(args.jobs)
    ratios = {}
    for jobs in args.jobs:
        per_round = [
            next(r for r in runs if r["round"] == n and r["jobs"] == base)["wall_s"]
            / next(r for r in runs if r["round"] == n and r["jobs"] == jobs)["wall_s"]
            for n in range(args.rounds)
        ]
        ratios[jobs] = [round(x, 2) for x in per_round]
        print(f"jobs {jobs}: throughput x{', x'.join(map(str, ratios[jobs]))} of jobs {base}")
    print(json.dumps({"articles": args.articles, "batch": args.batch, "runs": runs,
                      "ratios": ratios, "cores": os.cpu_count()}))  # fmt: skip


if __name__ == "__main__":
    main()
