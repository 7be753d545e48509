"""`timeline spark-extract` on a generated corpus: its time, and its counts against the
plain `timeline ingest --batch 0` of the same corpus.

The corpus comes from benchmarks/make_corpus.py, written as JSON-lines files of 1,000
articles (benchmarks/parallel_ingest.py). The script runs the real commands:

1. ``timeline spark-extract --master local[N] CORPUS --out OUT`` (wall time);
2. with ``--compare``: ``timeline ingest --batch 0 CORPUS`` into one store and
   ``timeline ingest --parquet OUT`` into another, and the two stores' articles, events,
   entities, agreements and issues are counted and compared row for row.

    PYTHONPATH=src python benchmarks/spark_scale.py ../shared/corpora/timebank \\
        --articles 5000 --compare
    PYTHONPATH=src python benchmarks/spark_scale.py ../shared/corpora/timebank \\
        --articles 100000 --driver-memory 8g

Prints a summary and, last, one JSON line with every figure.
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
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.parallel_ingest import write_corpus  # noqa: E402


def timed(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, dict]:
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - began
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[3]} failed ({done.returncode}): {done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.splitlines()[-1])


def store_rows(db: Path) -> dict[str, list]:
    from timeline.store import open_store

    store = open_store(db, read_only=True)
    return {
        "articles": sorted(a.id for a in store.articles()),
        "events": sorted((e.to_dict() for e in store.events()), key=lambda e: e["id"]),
        "entities": sorted((e.to_dict() for e in store.entities()), key=lambda e: e["name"]),
        "agreements": sorted(g.id for g in store.agreements(merged=False)),
        "issues": sorted(json.dumps(i.to_dict(), sort_keys=True) for i in store.issues()),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timebank", type=Path, nargs="?", help="TimeBank/AQUAINT folder")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--compare", action="store_true", help="also the plain ingest")
    args = parser.parse_args(argv)
    cli = [sys.executable, "-m", "timeline"]
    submit = (f"--driver-memory {args.driver_memory} --conf spark.driver.maxResultSize=4g "
              "--conf spark.ui.enabled=false pyspark-shell")  # fmt: skip
    env = {**os.environ, "PYSPARK_SUBMIT_ARGS": submit}
    figures: dict = {"articles": args.articles, "cores": args.cores,
                     "load_before": os.getloadavg()}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            write_corpus(args.timebank, args.articles, corpus)
        out = Path(tmp) / "out"
        wall, counts = timed([*cli, "spark-extract", "--master", f"local[{args.cores}]",
                              str(corpus), "--out", str(out)], env)  # fmt: skip
        figures["spark"] = {"wall_s": round(wall, 1), **counts}
        print(f"spark-extract: {wall:.1f} s, {counts}", flush=True)
        if args.compare:
            wall, counts = timed([*cli, "ingest", "--db", f"{tmp}/plain.db", "--batch", "0",
                                  "--jobs", "1", str(corpus)])  # fmt: skip
            figures["plain_ingest"] = {"wall_s": round(wall, 1), **counts}
            wall, counts = timed([*cli, "ingest", "--db", f"{tmp}/spark.db", "--parquet",
                                  str(out)])  # fmt: skip
            figures["ingest_parquet"] = {"wall_s": round(wall, 1), **counts}
            plain, spark = store_rows(Path(f"{tmp}/plain.db")), store_rows(Path(f"{tmp}/spark.db"))
            figures["stores"] = {
                name: {"plain": len(plain[name]), "spark": len(spark[name]),
                       "identical": plain[name] == spark[name]}
                for name in plain
            }  # fmt: skip
            for name, row in figures["stores"].items():
                print(f"{name:10} plain {row['plain']:8,}  spark {row['spark']:8,}  "
                      f"identical: {row['identical']}")  # fmt: skip
    figures["load_after"] = os.getloadavg()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
