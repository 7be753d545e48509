"""Rows <-> models: how articles, times, events and agreements are written as columns."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from functools import lru_cache
from typing import Any

from timeline.models import (
    Agreement,
    AgreementStage,
    Anchor,
    AnchorKind,
    Area,
    Article,
    Event,
    EventClass,
    EventStatus,
    EventType,
    Granularity,
    Polarity,
    TimeExpression,
    TimexType,
)

EVENT_COLUMNS = (
    "id", "article_id", "type", "cameo", "trigger", "title", "sentence", "sentence_start",
    "sentence_end", "actors", "location", "time_text", "value", "earliest", "latest",
    "granularity", "anchor", "status", "confidence", "sources", "date_variants",
    "event_class", "lemma", "polarity", "trigger_start", "trigger_end", "salience",
    "anchor_kind", "anchor_text", "anchor_event", "anchor_reason",
)  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _article_row(article: Article, added_at: str) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "source": article.source, "url": article.url,
        "published": _iso(article.published), "published_origin": article.published_origin,
        "text": article.text, "metadata": _dumps(dict(article.metadata)), "added_at": added_at,
    }  # fmt: skip


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], published=_date(row["published"]), title=row["title"],
        source=row["source"], url=row["url"], published_origin=row["published_origin"],
        metadata=json.loads(row["metadata"]),
    )  # fmt: skip


def _time_row(article_id: str, position: int, t: TimeExpression) -> tuple[Any, ...]:
    return (
        article_id, position, t.text, t.start, t.end, str(t.type), t.value, t.mod,
        _iso(t.earliest), _iso(t.latest), str(t.granularity), t.rule, t.anchor,
    )  # fmt: skip


def _time_from_row(row: sqlite3.Row) -> TimeExpression:
    return TimeExpression(
        text=row["text"], start=row["start_char"], end=row["end_char"],
        type=TimexType(row["type"]), value=row["value"], mod=row["mod"],
        earliest=_date(row["earliest"]), latest=_date(row["latest"]),
        granularity=Granularity(row["granularity"]), rule=row["rule"], anchor=row["anchor"],
    )  # fmt: skip


def _event_row(e: Event) -> tuple[Any, ...]:
    return (
        e.id, e.article_id, str(e.type), e.cameo, e.trigger, e.title, e.sentence,
        e.sentence_start, e.sentence_end, _dumps(list(e.actors)), e.location, e.time_text,
        e.value, _iso(e.earliest), _iso(e.latest), str(e.granularity), str(e.anchor),
        str(e.status), e.confidence, _dumps(list(e.sources)),
        _dumps([dict(v) for v in e.date_variants]), str(e.event_class), e.lemma,
        str(e.polarity), e.trigger_start, e.trigger_end, e.salience, str(e.anchor.kind),
        e.anchor.text, e.anchor.event_id, e.anchor.reason,
    )  # fmt: skip


@lru_cache(maxsize=65536)
def _names(text: str) -> tuple[str, ...]:
    """A JSON list of names as a tuple; cached, as the same lists recur on many rows."""
    return tuple(json.loads(text))


_EVENT_TYPES = {t.value: t for t in EventType}
_STATUSES = {s.value: s for s in EventStatus}
_GRANULARITIES = {g.value: g for g in Granularity}


def _event_from_row(row: sqlite3.Row) -> Event:
    variants = row["date_variants"]
    return Event(
        id=row["id"], article_id=row["article_id"], type=_EVENT_TYPES[row["type"]],
        cameo=row["cameo"], trigger=row["trigger"], title=row["title"],
        sentence=row["sentence"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], actors=_names(row["actors"]),
        location=row["location"], time_text=row["time_text"], value=row["value"],
        earliest=_date(row["earliest"]), latest=_date(row["latest"]),
        granularity=_GRANULARITIES[row["granularity"]],
        anchor=Anchor(AnchorKind(row["anchor_kind"]), text=row["anchor_text"],
                      event_id=row["anchor_event"], reason=row["anchor_reason"]),
        status=_STATUSES[row["status"]], confidence=row["confidence"],
        sources=_names(row["sources"]),
        date_variants=() if variants == "[]" else tuple(json.loads(variants)),
        event_class=EventClass(row["event_class"]), lemma=row["lemma"],
        polarity=Polarity(row["polarity"]), trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"], salience=row["salience"],
    )  # fmt: skip


def _agreement_from_rows(conn: sqlite3.Connection, row: sqlite3.Row) -> Agreement:
    stages = conn.execute(
        "SELECT * FROM agreement_stages WHERE agreement_id = ? ORDER BY position", (row["id"],)
    ).fetchall()
    areas = conn.execute(
        "SELECT * FROM areas WHERE agreement_id = ? ORDER BY position", (row["id"],)
    ).fetchall()
    return Agreement(
        id=row["id"], article_id=row["article_id"], name=row["name"], kind=row["kind"],
        parties=tuple(json.loads(row["parties"])), duration=row["duration"],
        evidence=row["evidence"], sources=tuple(json.loads(row["sources"])) or (row["article_id"],),
        stages=tuple(
            AgreementStage(stage=s["stage"], value=s["value"], earliest=_date(s["earliest"]),
                           latest=_date(s["latest"]), time_text=s["time_text"],
                           evidence=s["evidence"], status=s["status"])
            for s in stages
        ),
        areas=tuple(
            Area(area=a["area"], provisions=tuple(json.loads(a["provisions"])),
                 evidence=tuple(json.loads(a["evidence"])))
            for a in areas
        ),
    )  # fmt: skip
