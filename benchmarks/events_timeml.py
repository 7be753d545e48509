"""Events against TimeML gold: trigger P/R/F1, class accuracy and event-dating accuracy.

    python benchmarks/events_timeml.py GOLD_DIR [--limit N] [--errors FILE]

GOLD_DIR is the TempEval-3 training data (TBAQ-cleaned: TimeBank + AQUAINT), read
from its place (its licence forbids copying it into the project).

**Triggers** (TempEval-3 task B style): a system event matches a gold EVENT when
their character spans overlap (one-to-one, in text order); precision, recall and F1
over all documents. **Class accuracy**: matched pairs whose TimeML class agrees.

**Dating**: a gold event is *dated* when a TLINK puts it inside a DATE/TIME
expression with a calendar value, or inside the document creation time (DCT):
``IS_INCLUDED``, ``DURING``, ``SIMULTANEOUS``, ``IDENTITY``, ``BEGINS`` and ``ENDS``
(the event lies within the time; ``INCLUDES``, ``BEGUN_BY``, ``ENDED_BY``, ``BEFORE``
and ``AFTER`` do not say where it is, so they are left out). A link written from the
time ("t INCLUDES e", about a third of the corpus's time-event links) is read from the
event ("e IS_INCLUDED t"). An event with no such link of its own that a link places
inside a dated event (``IS_INCLUDED``/``DURING`` it, ``SIMULTANEOUS``/``IDENTITY``; not
an event that *includes* a dated one: it may be longer) takes that event's time (group
"via another event"). When an
event has several, the narrowest wins. A date is **right** when its interval lies
inside the gold interval (right at the gold's precision: a day inside the gold
month is right, a year around the gold month is not); no date is wrong.

Groups: ``reporting`` (gold class REPORTING), ``own sentence`` (the gold time is in the
event's sentence), ``publish date`` (linked to the DCT, not reporting), ``earlier
sentence`` (the gold time is in another sentence: narrative carry-over), ``via
another event``. The project is scored on the dated gold events it found; the
baseline "nearest time expression of the project's tagger in the sentence, else the
DCT" on the same events, and on all dated gold events.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timeml import Document, GoldEvent, TLink, load_corpus, sample_documents  # noqa: E402
from timeline.models import Article, Event, TimeExpression, TimexType  # noqa: E402
from timeline.pipeline import article_events  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402
from timeline.temporal import tag  # noqa: E402

DATING = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY", "BEGINS", "ENDS"})
VIA_EVENT = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"})
VIA_EVENT_INVERSE = frozenset({"INCLUDES", "DURING_INV", "SIMULTANEOUS", "IDENTITY"})
GROUPS = ("own sentence", "reporting", "publish date", "earlier sentence", "via another event")
Interval = tuple[dt.date, dt.date]


# --- gold intervals --------------------------------------------------------------------------

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_DECADE = re.compile(r"(\d{3})X?$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-H([12])$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11)}
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")


def _months(year: int, first: int, last: int) -> Interval:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def interval(value: str) -> Interval | None:
    """The calendar interval a TIMEX3 date value covers, or None (vague, duration, ...)."""
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _QUARTER.match(value):
            q = int(m[2])
            return _months(int(m[1]), 3 * q - 2, 3 * q)
        if m := _HALF.match(value):
            h = int(m[2])
            return _months(int(m[1]), 6 * h - 5, 6 * h)
        if m := _SEASON.match(value):
            if m[2] == "WI":
                return dt.date(int(m[1]), 12, 1), dt.date(int(m[1]) + 1, 2, 28)
            return _months(int(m[1]), *_SEASONS[m[2]])
        if m := _YEAR.match(value):
            return _months(int(m[1]), 1, 12)
        if m := _DECADE.match(value):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class Dated:
    """A gold event with its gold interval and the group it falls in."""

    event: GoldEvent
    gold: Interval
    group: str


def dated_events(doc: Document, sentence_of: Callable[[int], int]) -> list[Dated]:
    times = {t.tid: t for t in doc.timexes}
    by_eiid = {e.eiid: e for e in doc.events if e.eiid}
    direct: dict[str, tuple[Interval, str]] = {}
    for link in doc.tlinks:
        event = by_eiid.get(link.event)
        if event is None or link.rel not in DATING or not link.to_time:
            continue
        if link.to_time == doc.dct_tid:
            found, where = (doc.dct, doc.dct), "publish date"
        elif (timex := times.get(link.to_time)) is not None and timex.type in ("DATE", "TIME"):
            span = interval(timex.value)
            if span is None:
                continue
            same = sentence_of(timex.start) == sentence_of(event.start)
            found, where = span, "own sentence" if same else "earlier sentence"
        else:
            continue
        old = direct.get(event.eiid)
        if old is None or _width(found) < _width(old[0]):
            direct[event.eiid] = (found, where)
    result = {
        eiid: Dated(by_eiid[eiid], span, _group(by_eiid[eiid], where))
        for eiid, (span, where) in direct.items()
    }
    for link in doc.tlinks:
        if not link.to_event:
            continue
        for a, b in _inside(link):  # a lies within b
            if a in by_eiid and a not in result and b in direct:
                result[a] = Dated(by_eiid[a], direct[b][0], "via another event")
    return sorted(result.values(), key=lambda d: d.event.start)


def _inside(link: TLink) -> list[tuple[str, str]]:
    """The (inner, outer) event pairs an event-event link places one within the other:
    "a IS_INCLUDED b" puts a in b, "a INCLUDES b" b in a; "a SIMULTANEOUS b" both ways.
    (An event including a dated one is not dated by it: it may be longer.)"""
    pairs = []
    if link.rel in VIA_EVENT:
        pairs.append((link.event, link.to_event))
    if link.rel in VIA_EVENT_INVERSE:
        pairs.append((link.to_event, link.event))
    return pairs


def _group(event: GoldEvent, where: str) -> str:
    return "reporting" if event.cls == "REPORTING" else where


def _width(span: Interval) -> int:
    return (span[1] - span[0]).days


# --- system ----------------------------------------------------------------------------------


def trigger_span(event: Event) -> tuple[int, int]:
    if hasattr(event, "trigger_start"):
        return event.trigger_start, event.trigger_end
    start = event.sentence_start + max(0, event.sentence.find(event.trigger))
    return start, start + len(event.trigger)


def event_class(event: Event) -> str:
    found = getattr(event, "event_class", None)
    return "" if found is None else found.value


def match_triggers(gold: Sequence[GoldEvent], system: Sequence[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, in text order."""
    spans = sorted((trigger_span(e), k) for k, e in enumerate(system))
    starts = [s[0][0] for s in spans]
    used: set[int] = set()
    pairs = []
    for g, event in enumerate(gold):
        k = bisect.bisect_left(starts, event.start - 60)
        while k < len(spans) and spans[k][0][0] < event.end:
            (start, end), index = spans[k]
            if index not in used and start < event.end and event.start < end:
                used.add(index)
                pairs.append((g, index))
                break
            k += 1
    return pairs


def right(span: Interval | None, gold: Interval) -> bool:
    return span is not None and gold[0] <= span[0] and span[1] <= gold[1]


def baseline(event: GoldEvent, times: Sequence[TimeExpression], bounds: tuple[int, int], dct):
    """The nearest dated expression of the event's sentence, else the DCT."""
    inside = [
        t
        for t in times
        if bounds[0] <= t.start < bounds[1]
        and t.type in (TimexType.DATE, TimexType.TIME)
        and t.earliest is not None
    ]
    if not inside:
        return dct, dct
    near = min(inside, key=lambda t: max(t.start - event.end, event.start - t.end, 0))
    return near.earliest, near.latest


def score_document(doc: Document, counts: Counter[str], errors: list[dict[str, Any]]) -> None:
    spans = split_sentences(doc.text)
    starts = [s.start for s in spans]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    article = Article(id=doc.name, text=doc.text, published=doc.dct)
    system = article_events(article)
    times = tag(doc.text, dct=doc.dct)
    pairs = match_triggers(doc.events, system)
    counts["gold"] += len(doc.events)
    counts["system"] += len(system)
    counts["matched"] += len(pairs)
    for g, s in pairs:
        counts["class right"] += event_class(system[s]) == doc.events[g].cls
        counts[f"gold class {doc.events[g].cls}"] += 1
        counts[f"class right {doc.events[g].cls}"] += event_class(system[s]) == doc.events[g].cls
    found = {doc.events[g].eiid: system[s] for g, s in pairs}
    for item in dated_events(doc, sentence_of):
        span = spans[sentence_of(item.event.start)]
        base = baseline(item.event, times, (span.start, span.end), doc.dct)
        base_right = right(base, item.gold)
        for group in ("all", item.group):
            counts[f"dated {group}"] += 1
            counts[f"baseline right {group}"] += base_right
        event = found.get(item.event.eiid)
        if event is None:
            continue
        ours = (event.earliest, event.latest) if event.earliest and event.latest else None
        ok = right(ours, item.gold)
        for group in ("all", item.group):
            counts[f"found {group}"] += 1
            counts[f"right {group}"] += ok
            counts[f"baseline right on found {group}"] += base_right
        if not ok:
            errors.append(
                {
                    "doc": doc.name,
                    "group": item.group,
                    "trigger": item.event.text,
                    "gold": [d.isoformat() for d in item.gold],
                    "ours": event.value,
                    "anchor": str(event.anchor),
                    "baseline_right": base_right,
                    "sentence": doc.text[span.start : span.end].strip()[:300],
                }
            )


def figures(counts: Counter[str]) -> dict[str, Any]:
    def ratio(a: float, b: float) -> float:
        return round(a / b, 4) if b else 0.0

    p = ratio(counts["matched"], counts["system"])
    r = ratio(counts["matched"], counts["gold"])
    out: dict[str, Any] = {
        "triggers": {
            "gold": counts["gold"],
            "system": counts["system"],
            "matched": counts["matched"],
            "precision": p,
            "recall": r,
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        },
        "class_accuracy": ratio(counts["class right"], counts["matched"]),
        "class_accuracy_by_gold_class": {
            key.removeprefix("gold class "): ratio(
                counts[key.replace("gold class", "class right")], counts[key]
            )
            for key in sorted(counts)
            if key.startswith("gold class ")
        },
        "dating": {},
    }
    for group in ("all", *GROUPS):
        out["dating"][group] = {
            "gold_dated": counts[f"dated {group}"],
            "found": counts[f"found {group}"],
            "project": ratio(counts[f"right {group}"], counts[f"found {group}"]),
            "baseline_same_events": ratio(
                counts[f"baseline right on found {group}"], counts[f"found {group}"]
            ),
            "baseline_all_gold": ratio(counts[f"baseline right {group}"], counts[f"dated {group}"]),
        }
    return out


def format_table(result: dict[str, Any]) -> str:
    t = result["triggers"]
    lines = [
        f"triggers  P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}"
        f"  (gold {t['gold']}, system {t['system']}, matched {t['matched']})",
        f"class accuracy (matched) {result['class_accuracy']:.3f}",
        "",
        f"{'dating group':<20}{'gold':>6}{'found':>7}{'project':>9}"
        f"{'baseline':>10}{'base/all':>10}",
    ]
    for group, row in result["dating"].items():
        lines.append(
            f"{group:<20}{row['gold_dated']:>6}{row['found']:>7}{row['project']:>9.3f}"
            f"{row['baseline_same_events']:>10.3f}{row['baseline_all_gold']:>10.3f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="documents, spread evenly")
    parser.add_argument("--errors", type=Path, default=None, help="JSONL of wrong dates")
    args = parser.parse_args(argv)
    docs = sample_documents(load_corpus(args.gold_dir), args.limit)
    counts: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    began = time.perf_counter()
    for doc in docs:
        score_document(doc, counts, errors)
    result = figures(counts)
    result["documents"] = len(docs)
    result["seconds"] = round(time.perf_counter() - began, 1)
    out(format_table(result))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as f:
            for e in errors:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    out(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
