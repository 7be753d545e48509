"""A store of a million generated events, written directly with the store's row writers.

Extracting 100,000 articles takes most of an hour on this machine, so the dashboard's
big store is generated instead, the way ``benchmarks/ingest_scale.py`` loads its base
stores: Event, Article and Agreement objects written with the store's own row writers
(``_write_events``, ``_write_agreement``, ``_article_row``) in one transaction, with
no cross-article merge. What the generator keeps realistic for a dashboard:

- ~10.8 events per article (the issue's 100,000 articles -> 1,078,000 events), one to
  three actors each, drawn Zipf-like from 65,000 names (given name, initial, surname,
  and the countries), so a few actors are in many events and most in few: about as
  many distinct actors per event as the extracted TimeBank/AQUAINT corpora have;
- dates around each article's publish date over five years (2021-2025), with the
  precision mix of extracted news (day 55%, month 20%, year, quarter, week, vague or
  none), statuses (happened, planned, reported, possible) and salience in [0, 1]
  skewed low (few key events);
- one agreement per 20 articles, named from 300 agreements (so reports of one
  agreement merge across articles) with one to three areas.

    PYTHONPATH=src python benchmarks/big_store.py /tmp/big.db --events 1000000

Prints what was written as one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from bisect import bisect
from itertools import accumulate
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import COUNTRIES, GIVEN, SURNAMES  # noqa: E402
from timeline.models import (
    Agreement,
    AgreementStage,
    Area,
    Article,
    Event,
    EventStatus,
    EventType,
    Granularity,
)
from timeline.store import Store
from timeline.store.rows import _article_row
from timeline.store.writes import _write_agreement, _write_events

START, YEARS = dt.date(2021, 1, 1), 5
EVENTS_PER_ARTICLE = 10.8
ADDED_AT = "2026-01-01T00:00:00+00:00"
VERBS = {
    EventType.STATEMENT: "says", EventType.MEETING: "meets", EventType.VISIT: "visits",
    EventType.NEGOTIATION: "negotiates with", EventType.AGREEMENT: "signs a deal with",
    EventType.TRADE: "agrees trade terms with", EventType.MILITARY: "deploys troops near",
    EventType.SANCTION: "sanctions", EventType.ELECTION: "wins a vote in",
}  # fmt: skip
AREAS = ("energy", "finance", "defense", "trade", "transport", "health", "education")
STATUSES = ((EventStatus.HAPPENED, 0.55), (EventStatus.PLANNED, 0.2),
            (EventStatus.REPORTED, 0.2), (EventStatus.POSSIBLE, 0.05))  # fmt: skip


def actor_pool() -> list[str]:
    """65,000-odd names, the countries first (they are the most frequent actors)."""
    people = [f"{g} {s}" for s in SURNAMES for g in GIVEN]
    people += [f"{g} {i}. {s}" for i in "ABCDEFGHJKLMNPRSTVWZ" for s in SURNAMES for g in GIVEN]
    return COUNTRIES + people


class Draw:
    """Seeded draws: Zipf-like actors, statuses, dates and precisions."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.actors = actor_pool()
        self.cumulative = list(accumulate(1 / (r + 5) ** 1.07 for r in range(len(self.actors))))
        self.status_cum = list(accumulate(w for _, w in STATUSES))

    def actor(self) -> str:
        return self.actors[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def status(self) -> EventStatus:
        return STATUSES[bisect(self.status_cum, self.rng.random() * self.status_cum[-1])][0]

    def when(self, published: dt.date, status: EventStatus) -> tuple:
        """(value, earliest, latest, granularity) near the publish date."""
        ahead = status in (EventStatus.PLANNED, EventStatus.POSSIBLE)
        shift = self.rng.randrange(0, 120) if ahead else -int(self.rng.expovariate(1 / 20))
        day = published + dt.timedelta(days=shift)
        draw = self.rng.random()
        if draw < 0.55:
            return day.isoformat(), day, day, Granularity.DAY
        if draw < 0.75:
            first = day.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return f"{day:%Y-%m}", first, last, Granularity.MONTH
        if draw < 0.81:
            return (
                str(day.year),
                dt.date(day.year, 1, 1),
                dt.date(day.year, 12, 31),
                Granularity.YEAR,
            )
        if draw < 0.85:
            q = (day.month - 1) // 3
            first, last = dt.date(day.year, 3 * q + 1, 1), dt.date(day.year, 3 * q + 3, 28)
            return f"{day.year}-Q{q + 1}", first, last, Granularity.QUARTER
        if draw < 0.88:
            monday = day - dt.timedelta(days=day.weekday())
            week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
            return week, monday, monday + dt.timedelta(days=6), Granularity.WEEK
        if draw < 0.92:
            return "PAST_REF", None, None, Granularity.VAGUE
        return None, None, None, Granularity.UNKNOWN


def article_events(draw: Draw, article_id: str, published: dt.date, n: int, first: int) -> list:
    rng, events = draw.rng, []
    for k in range(n):
        kind = rng.choice(list(VERBS))
        status = draw.status()
        actors = tuple(dict.fromkeys(draw.actor() for _ in range(rng.choice((1, 1, 2, 2, 3)))))
        value, earliest, latest, gran = draw.when(published, status)
        other = draw.actor()
        title = f"{actors[0]} {VERBS[kind]} {other}"
        sentence = f"{title} {'on ' + value if value else 'at some point'}, officials said."
        events.append(Event(
            id=f"{first + k:012x}", article_id=article_id, type=kind, cameo="010",
            trigger=VERBS[kind].split()[0], title=title, sentence=sentence,
            sentence_start=200 * k, sentence_end=200 * k + len(sentence), actors=actors,
            time_text=value, value=value, earliest=earliest, latest=latest, granularity=gran,
            status=status, confidence=0.8, sources=(article_id,),
            salience=round(rng.betavariate(2, 5), 3),
        ))  # fmt: skip
    return events


def agreement(draw: Draw, article_id: str, published: dt.date, n: int) -> Agreement:
    rng = draw.rng
    number = rng.randrange(300)
    a, b = COUNTRIES[number % len(COUNTRIES)], COUNTRIES[(number * 7 + 3) % len(COUNTRIES)]
    areas = rng.sample(AREAS, rng.choice((1, 2, 3)))
    return Agreement(
        id=f"agr{n:08d}", article_id=article_id, name=f"{a}-{b} partnership agreement",
        kind="agreement", parties=(a, b),
        stages=(AgreementStage("signed", published.isoformat(), published, published),),
        areas=tuple(Area(area, (f"{area} cooperation",), (f"They agreed on {area}.",))
                    for area in areas),
        evidence=f"{a} and {b} signed a partnership agreement.",
    )  # fmt: skip


def build(path: Path, events: int, *, seed: int = 7) -> dict:
    """Write ``events`` generated events (and their articles) into a new store at ``path``."""
    if path.exists():
        raise SystemExit(f"{path} exists; give a new file")
    store, draw = Store(path), Draw(seed)
    days = YEARS * 365
    written = {"articles": 0, "events": 0, "agreements": 0}
    with store._connect(write=True) as conn:
        while written["events"] < events:
            n = min(
                events - written["events"], max(1, round(draw.rng.gauss(EVENTS_PER_ARTICLE, 3)))
            )
            number = written["articles"]
            published = START + dt.timedelta(days=draw.rng.randrange(days))
            article_id = f"art{number:09d}"
            batch = article_events(draw, article_id, published, n, written["events"])
            text = " ".join(e.sentence for e in batch) + " " + "Background paragraph. " * 40
            row = _article_row(Article(id=article_id, text=text, published=published,
                                       title=f"Report {number}: {batch[0].title}",
                                       source="Generated wire", published_origin="benchmark"),
                               ADDED_AT)  # fmt: skip
            conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES "
                         f"({', '.join('?' * len(row))})", tuple(row.values()))  # fmt: skip
            _write_events(conn, batch)
            if number % 20 == 0:
                _write_agreement(conn, agreement(draw, article_id, published, number))
                written["agreements"] += 1
            written["articles"] += 1
            written["events"] += n
    with store._connect() as conn:
        conn.execute("ANALYZE")
        written["actors"] = conn.execute(
            "SELECT COUNT(DISTINCT actor) FROM event_actors"
        ).fetchone()[0]
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    written = build(args.path, args.events, seed=args.seed)
    written["seconds"] = round(time.perf_counter() - began, 1)
    written["mb"] = round(args.path.stat().st_size / 1e6, 1)
    print(json.dumps(written), file=sys.stdout)


if __name__ == "__main__":
    main()
