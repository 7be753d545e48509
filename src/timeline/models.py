"""Frozen records that flow through the pipeline.

All dates are :class:`datetime.date`; a partial date keeps its granularity and is
never given a day it did not have (``earliest``/``latest`` carry its interval).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

__all__ = [
    "Agreement",
    "AgreementStage",
    "Area",
    "Article",
    "Entity",
    "Event",
    "EventStatus",
    "EventType",
    "Extraction",
    "Granularity",
    "Issue",
    "TimeExpression",
    "TimexType",
]


class TimexType(str, Enum):
    """TIMEX3 ``type`` attribute."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"

    def __str__(self) -> str:
        return self.value


class Granularity(str, Enum):
    """How precise a resolved value is; charts draw anything coarser than a day as a band."""

    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    VAGUE = "vague"  # PAST_REF / PRESENT_REF / FUTURE_REF
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression found in a text and its TIMEX3 resolution.

    ``text == source[start:end]``. ``value`` follows TIMEX3 (``2025-04``, ``P20Y``,
    ``PAST_REF``); ``earliest``/``latest`` bound the calendar interval it covers (None
    for durations, sets and vague references); ``rule`` says in words how the value
    was reached and ``anchor`` what it was resolved against (``"dct"`` for the publish
    date, ``"previous: <text>"`` for an earlier expression, ``"none"`` if absolute).
    """

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    granularity: Granularity = Granularity.UNKNOWN
    rule: str = ""
    anchor: str = "none"

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one input record: where it is, which field, and why."""

    source: str
    message: str
    locator: str | None = None
    field: str | None = None
    raw: str | None = None
    severity: str = "error"  # "error": record rejected; "warning": stored with a caveat

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class Article:
    """A news article with the date its relative expressions are resolved against.

    ``published`` is None when no publish date is known; ``published_origin`` says
    where the date came from ("record", "html", "cli", "editor", ...).
    """

    id: str
    text: str
    published: dt.date | None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_origin: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


class EventType(str, Enum):
    """Event vocabulary (DESIGN.md); ``cameo`` gives the CAMEO root code it maps to."""

    STATEMENT = "statement"
    MEETING = "meeting"
    VISIT = "visit"
    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"
    RATIFICATION = "ratification"
    TRADE = "trade"
    MILITARY = "military"
    SANCTION = "sanction"
    ELECTION = "election"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class EventStatus(str, Enum):
    HAPPENED = "happened"
    PLANNED = "planned"
    POSSIBLE = "possible"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Event:
    """One happening reported in one sentence or clause."""

    id: str
    article_id: str
    type: EventType
    cameo: str
    trigger: str
    title: str
    sentence: str
    sentence_start: int
    sentence_end: int
    actors: tuple[str, ...] = ()
    location: str | None = None
    time_text: str | None = None
    value: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    granularity: Granularity = Granularity.UNKNOWN
    anchor: str = "dct"
    status: EventStatus = EventStatus.HAPPENED
    confidence: float = 0.5
    sources: tuple[str, ...] = ()
    date_variants: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor and the surface forms merged into it."""

    name: str
    kind: str  # person | country | organisation | location
    aliases: tuple[str, ...] = ()
    title: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class AgreementStage:
    stage: str  # proposed | signed | ratified | in_force
    value: str | None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    time_text: str | None = None
    evidence: str | None = None
    status: str = "happened"  # happened | planned ("will sign", "is expected to take effect")


@dataclass(frozen=True, slots=True)
class Area:
    area: str
    provisions: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    article_id: str
    name: str
    kind: str  # treaty | agreement | memorandum | accord | pact | deal
    parties: tuple[str, ...] = ()
    duration: str | None = None
    stages: tuple[AgreementStage, ...] = ()
    areas: tuple[Area, ...] = ()
    evidence: str | None = None
    sources: tuple[str, ...] = ()  # ids of the articles that report it (merged reports)

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from a batch of articles."""

    articles: tuple[Article, ...] = ()
    times: Mapping[str, tuple[TimeExpression, ...]] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    issues: tuple[Issue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [a.to_dict() for a in self.articles],
            "events": [e.to_dict() for e in self.events],
            "entities": [e.to_dict() for e in self.entities],
            "agreements": [a.to_dict() for a in self.agreements],
            "issues": [i.to_dict() for i in self.issues],
        }
