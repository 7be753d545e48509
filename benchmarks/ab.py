"""Tagging time of this tree against another revision, interleaved in one run.

    python benchmarks/ab.py GOLD_DIR --base REV [--rounds N] [--repeat N]

Exports ``src/`` of revision REV (``git archive``) to a temporary folder, then runs
``--rounds`` rounds; each round times both trees, in alternating order, in fresh
subprocesses that tag every TimeML document's TEXT with its DCT (best of
``--repeat`` passes after a warm-up). Interleaving spreads the load of a shared
machine over both sides. Prints the best time per side and the ratio; the last line
is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in the subprocess: PYTHONPATH decides which tree `timeline` comes from.
_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from benchmarks.timeml import load_corpus
import timeline
docs = load_corpus({gold!r})
def run():
    t0 = time.process_time()
    for d in docs:
        timeline.tag(d.text, dct=d.dct)
    return time.process_time() - t0
run()
print(min(run() for _ in range({repeat})))
"""


def _export(rev: str, into: Path) -> Path:
    archive = into / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _time(src: Path, gold: Path, repeat: int) -> float:
    code = _CHILD.format(root=str(ROOT), gold=str(gold), repeat=repeat)
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return float(done.stdout.split()[-1])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--base", required=True, help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"base": _export(args.base, Path(tmp)), "head": ROOT / "src"}
        best = {name: float("inf") for name in sides}
        for i in range(args.rounds):
            order = list(sides) if i % 2 == 0 else list(reversed(sides))
            for name in order:
                best[name] = min(best[name], _time(sides[name], args.gold_dir, args.repeat))
    ratio = best["head"] / best["base"]
    print(f"base {args.base}: {best['base']:.3f} s CPU; head: {best['head']:.3f} s CPU; "
          f"head/base = {ratio:.3f}")  # fmt: skip
    print(json.dumps({"benchmark": "ab", "base": args.base, "cpu_seconds": best,
                      "head_over_base": round(ratio, 3)}))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
