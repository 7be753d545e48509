"""Big, varied test corpora from TimeBank/AQUAINT texts and the data/ sample articles.

Replicating six stories N times overstates throughput (every lookup hits a warm cache)
and makes every merge trivial. This generator builds *stories* instead: each story takes
one source text, gives its people new names, swaps its countries for others and moves
its years (and its publish date) by the same offset, then reports that story one to four
times, each report a few days apart and missing a different few sentences, the way
several outlets cover one happening. Merges across reports of a story are therefore
real merges, and different stories share few actors.

The TimeBank/AQUAINT corpus is licensed (LDC) and is never copied into the project: it
is read from the path given, and what is written is a derived, perturbed corpus for local
measurement only (keep it out of the repository too).

    PYTHONPATH=src python benchmarks/make_corpus.py ../shared/corpora/timebank \\
        --articles 5000 --out /tmp/corpus.jsonl

Each output line is a record `timeline ingest` reads: text, title, published, source,
plus `story` (the story id) and `report` (its position in the story).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timeml import load_corpus  # noqa: E402
from timeline.entities import find_actors  # noqa: E402
from timeline.ingest import load_paths  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
MIN_CHARS, MAX_CHARS = 1_500, 5_000
MAX_REPORTS = 4

# Name parts for new people: common given names and surnames from many languages, so
# generated people look like news actors and rarely collide by accident.
GIVEN = """Amina Boris Carlos Daniela Elif Farid Grace Hiroshi Ines Jakub Kwame Leila Mateo
Nadia Omar Priya Quentin Rania Sergei Tamar Umar Valentina Wei Xenia Yusuf Zofia Adebayo
Bianca Chidi Dmitri Esra Fatima Goran Hana Ivan Javier Kenji Lucia Mehmet Noor Olga Pavel
Rosa Samir Tomas Ulla Viktor Wanjiru Yara Zainab""".split()
SURNAMES = """Okafor Petrov Silva Nakamura Haddad Kowalski Mensah Rahimi Moreau Lindqvist
Castillo Demir Novak Abubakar Ivanova Tanaka Kariuki Farouk Jensen Mirza Obi Popescu
Quispe Romano Sato Tadesse Usman Varga Weber Yilmaz Zhukov Achebe Barros Chen Dlamini
Eriksen Fonseca Gupta Horvat Ibrahim Jovanovic Kim Larsen Mbeki Nowak Osei Park Reyes
Soto Tran""".split()
COUNTRIES = """Argentina Australia Brazil Canada Chile Egypt Ethiopia France Germany Ghana
Greece India Indonesia Italy Japan Kenya Malaysia Mexico Morocco Nigeria Norway Pakistan
Peru Poland Portugal Qatar Romania Senegal Spain Sweden Tanzania Thailand Tunisia Turkey
Uganda Ukraine Vietnam Zambia""".split()

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Source:
    """A text a story is made from, with the date it was published."""

    name: str
    text: str
    published: dt.date


def read_sources(timebank: Path | None) -> list[Source]:
    """The data/ articles, and the TimeBank/AQUAINT documents when a path is given."""
    articles, _ = load_paths([DATA])
    sources = [Source(a.id, a.text, a.published) for a in articles if a.published]
    if timebank is not None:
        sources += [Source(d.name, d.text, d.dct) for d in load_corpus(timebank)]
    return [s for s in (_clip(s) for s in sources) if len(s.text) >= MIN_CHARS]


def _clip(source: Source) -> Source:
    """Cut a long text at the last sentence end before MAX_CHARS."""
    if len(source.text) <= MAX_CHARS:
        return source
    ends = [s.end for s in split_sentences(source.text) if s.end <= MAX_CHARS]
    return Source(source.name, source.text[: ends[-1]] if ends else "", source.published)


def _renames(text: str, rng: random.Random) -> dict[str, str]:
    """Whole-word replacements: each person's name parts, each country's name."""
    renames: dict[str, str] = {}
    # Drawn without replacement within a story, so two people never get one name.
    given, surnames, countries = (
        rng.sample(pool, len(pool)) for pool in (GIVEN, SURNAMES, COUNTRIES)
    )
    for mention in find_actors(text, split_sentences(text)):
        if mention.kind == "person":
            *first, last = mention.name.split()
            for old, pool in [*((part, given) for part in first), (last, surnames)]:
                if len(old) > 2 and old[0].isupper() and old not in renames and pool:
                    renames[old] = pool.pop()
        elif mention.kind == "country" and mention.form == "name" and " " not in mention.text:
            if mention.text not in renames and countries:
                renames[mention.text] = countries.pop()
    return renames


def _apply(text: str, renames: dict[str, str], years: int) -> str:
    if renames:
        pattern = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(renames, key=len)[::-1])) + r")\b"
        )
        text = pattern.sub(lambda m: renames[m.group(1)], text)
    if years:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    return text


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _report(text: str, rng: random.Random, keep: float) -> str:
    """One outlet's version: the lead sentence and a random share of the others."""
    spans = split_sentences(text)
    if len(spans) < 3:
        return text
    kept = [spans[0]] + [s for s in spans[1:] if rng.random() < keep]
    return " ".join(s.text for s in kept)


def generate(sources: Sequence[Source], count: int, *, seed: int = 7) -> Iterator[dict]:
    """``count`` records, in stories of one to MAX_REPORTS reports."""
    rng = random.Random(seed)
    made = story = 0
    while made < count:
        source = sources[story % len(sources)]
        years = rng.randint(-5, 12)
        renames = _renames(source.text, rng)
        text = _apply(source.text, renames, years)
        published = _shift_years(source.published, years)
        reports = min(rng.randint(1, MAX_REPORTS), count - made)
        for report in range(reports):
            body = text if report == 0 else _report(text, rng, keep=rng.uniform(0.6, 0.9))
            day = published + dt.timedelta(days=rng.randint(0, 3) * (report > 0))
            yield {
                "text": body,
                "title": " ".join(body.split()[:10]),
                "published": day.isoformat(),
                "source": f"generated:{source.name}",
                "story": f"s{story:06d}",
                "report": report,
            }
        made += reports
        story += 1


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timebank", type=Path, nargs="?", help="TimeBank/AQUAINT folder")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    sources = read_sources(args.timebank)
    with args.out.open("w", encoding="utf-8") as out:
        for record in generate(sources, args.articles, seed=args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(
        f"{args.articles} articles from {len(sources)} source texts -> {args.out}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
