"""Frozen records that flow through the pipeline.

All dates are :class:`datetime.date`; a partial date keeps its granularity and is
never given a day it did not have (``earliest``/``latest`` carry its interval).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from operator import attrgetter
from typing import Any

__all__ = [
    "Agreement",
    "AgreementStage",
    "Anchor",
    "AnchorKind",
    "Area",
    "Article",
    "Entity",
    "Event",
    "EventClass",
    "EventStatus",
    "EventType",
    "Extraction",
    "Granularity",
    "Issue",
    "Polarity",
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


#: A day or finer: a point on the timeline, not a span.
DAY_OR_FINER = frozenset({Granularity.DAY, Granularity.TIME})


def _record(obj: Any) -> dict[str, Any]:
    """A dataclass instance as JSON-ready fields (nested records, enums and dates too)."""
    return {f.name: _jsonable(getattr(obj, f.name)) for f in fields(obj)}


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _record(value)
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
        return _record(self)


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
        return _record(self)


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
        return _record(self)


class EventType(str, Enum):
    """Event vocabulary (DESIGN.md); ``data/event_lexicon.json`` gives each its CAMEO code
    (empty where CAMEO, a political codebook, has none: markets, sport, science, ...)."""

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
    # business, markets, conflict, politics, disasters, science, sport (issue 11)
    BUSINESS = "business"
    FINANCE = "finance"
    MARKET = "market"
    ATTACK = "attack"
    PROTEST = "protest"
    LEGAL = "legal"
    POLITICS = "politics"
    AID = "aid"
    DISASTER = "disaster"
    SCIENCE = "science"
    SPORT = "sport"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class EventClass(str, Enum):
    """TimeML EVENT ``class``: what kind of happening or state a mention is."""

    OCCURRENCE = "OCCURRENCE"
    REPORTING = "REPORTING"
    STATE = "STATE"
    I_ACTION = "I_ACTION"
    I_STATE = "I_STATE"
    ASPECTUAL = "ASPECTUAL"
    PERCEPTION = "PERCEPTION"

    def __str__(self) -> str:
        return self.value


class EventStatus(str, Enum):
    """Modality: happened, planned ("will sign"), possible ("may visit"), or reported
    (what someone says happened or holds, dated no later than the report)."""

    HAPPENED = "happened"
    PLANNED = "planned"
    POSSIBLE = "possible"
    REPORTED = "reported"

    def __str__(self) -> str:
        return self.value


class Polarity(str, Enum):
    POSITIVE = "positive"
    NEGATIVE = "negative"  # "did not sign", "no agreement was reached"

    def __str__(self) -> str:
        return self.value


class AnchorKind(str, Enum):
    """What an event's date was taken from, in the order they are tried."""

    EXPRESSION = "expression"  # a time expression of its own clause
    EVENT = "event"  # another event it is anchored to ("a day before the announcement")
    NARRATIVE = "narrative"  # the reference time carried from earlier sentences
    # the report that tells it (no later than it: "said on Monday it had signed"), or the
    # speaker's earlier dated report ("Roe said on Monday ... 'We had no choice,' Roe said")
    REPORT = "report"
    PUBLISH_DATE = "publish date"  # a report or a present state, on the publish date
    UNRESOLVED = "unresolved"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an event's date comes from: ``kind``, the expression's text (``text``) or
    the id of the event it hangs on (``event_id``); ``reason`` says why it is unresolved."""

    kind: AnchorKind
    text: str | None = None
    event_id: str | None = None
    reason: str | None = None

    def __str__(self) -> str:
        detail = self.text or self.event_id or self.reason
        return f"{self.kind.value}: {detail}" if detail else self.kind.value


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
    anchor: Anchor = field(default_factory=lambda: Anchor(AnchorKind.PUBLISH_DATE))
    status: EventStatus = EventStatus.HAPPENED
    confidence: float = 0.5
    sources: tuple[str, ...] = ()
    date_variants: tuple[Mapping[str, Any], ...] = ()
    event_class: EventClass = EventClass.OCCURRENCE
    lemma: str = ""
    polarity: Polarity = Polarity.POSITIVE
    trigger_start: int = 0  # absolute offsets of the trigger in the article text
    trigger_end: int = 0
    salience: float = 0.0  # [0, 1]: how central to the story (see timeline.events.salience)

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor and the surface forms merged into it."""

    name: str
    kind: str  # person | country | organisation | location
    aliases: tuple[str, ...] = ()
    title: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


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
        return _record(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from a batch of articles."""

    articles: tuple[Article, ...] = ()
    times: Mapping[str, tuple[TimeExpression, ...]] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    issues: tuple[Issue, ...] = ()
    #: article id -> canonical entity name -> how often the article mentions it (what a
    #: store sums into ``Entity.mentions``, so re-saving an article never counts it twice)
    mentions: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [a.to_dict() for a in self.articles],
            "events": [e.to_dict() for e in self.events],
            "entities": [e.to_dict() for e in self.entities],
            "agreements": [a.to_dict() for a in self.agreements],
            "issues": [i.to_dict() for i in self.issues],
        }


def _pickled_by_fields(cls: type) -> None:
    """Pickle ``cls`` as its constructor and its field values in order: a dataclass with
    slots otherwise pickles its state through ``fields()`` and one ``setattr`` per field,
    twice as slow to write and half as slow again to read (every extracted event crosses
    a process boundary in ``timeline ingest --jobs N`` and on Spark). Copies and pickles
    are equal to the original, as before."""
    names = [f.name for f in fields(cls)]
    if any(not f.init or f.kw_only for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be a positional init argument")
    get = attrgetter(*names)
    values = get if len(names) > 1 else lambda obj: (get(obj),)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]


for _cls in (TimeExpression, Issue, Article, Anchor, Event, Entity, AgreementStage, Area,
             Agreement, Extraction):  # fmt: skip
    _pickled_by_fields(_cls)
