"""Every figure of an extraction as JSON, to show that a change leaves results alone.

Extracts three corpora in one call each with ``extract_articles`` (what ingest stores:
events, times, entities, agreements, issues, mention counts) and, for TimeBank/AQUAINT,
every event mention of ``article_events`` (what the benchmarks score): the varied
generated articles of benchmarks/make_corpus.py (``--generated``, a JSON-lines file it
wrote: generate it once with the code before the change, since the generator reads
actors with the code it runs), the data/ sample, and every fifth TimeBank/AQUAINT
document (read in place, never copied). Run it with the code before and after a
change and compare the two files byte for byte (``cmp``).

    PYTHONPATH=src python benchmarks/make_corpus.py ../shared/corpora/timebank \\
        --articles 300 --out /tmp/corpus300.jsonl
    PYTHONPATH=src python benchmarks/extract_dump.py /tmp/after.json \\
        --generated /tmp/corpus300.jsonl --timebank ../shared/corpora/timebank
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timeml import load_corpus  # noqa: E402
from timeline.ingest import article_id, load_paths  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.pipeline import article_events, extract_articles  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


def _records(path: Path) -> list[Article]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Article(id=article_id(r["text"]), text=r["text"], title=r["title"], source=r["source"],
                published=dt.date.fromisoformat(r["published"]))
        for r in rows
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--generated", type=Path, help="JSON lines from make_corpus.py")
    parser.add_argument("--timebank", type=Path, help="TimeBank/AQUAINT folder")
    args = parser.parse_args()
    corpora = {"data": load_paths([DATA])[0]}
    if args.generated:
        corpora["generated"] = _records(args.generated)
    timebank = []
    if args.timebank:
        timebank = [Article(id=article_id(d.text), text=d.text, published=d.dct, title=d.name)
                    for d in load_corpus(args.timebank)[::5]]  # fmt: skip
        corpora["timebank"] = timebank
    out = {}
    for name, articles in corpora.items():
        extraction = extract_articles(articles)
        record = extraction.to_dict()
        record.pop("articles")
        record["times"] = {k: [t.to_dict() for t in v] for k, v in extraction.times.items()}
        record["mentions"] = extraction.mentions
        out[name] = record
    out["timebank_mentions"] = {a.id: [e.to_dict() for e in article_events(a)] for a in timebank}
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{args.out}: {', '.join(f'{k} {len(v)}' for k, v in corpora.items())} articles")


if __name__ == "__main__":
    main()
