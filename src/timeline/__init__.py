"""News Timeline: turn news articles into dated events.

The public API is what ``__all__`` lists; modules themselves are implementation.
"""

from __future__ import annotations

from timeline.errors import (
    ExportError,
    InputError,
    ResolutionError,
    StorageError,
    TimelineError,
)
from timeline.models import (
    Agreement,
    AgreementStage,
    Anchor,
    AnchorKind,
    Area,
    Article,
    Entity,
    Event,
    EventClass,
    EventStatus,
    EventType,
    Extraction,
    Granularity,
    Issue,
    Polarity,
    TimeExpression,
    TimexType,
)
from timeline.pipeline import extract
from timeline.temporal import tag

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
    "ExportError",
    "Extraction",
    "Granularity",
    "InputError",
    "Issue",
    "Polarity",
    "ResolutionError",
    "StorageError",
    "TimeExpression",
    "TimelineError",
    "TimexType",
    "extract",
    "tag",
]
