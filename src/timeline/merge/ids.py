"""Event ids: stable, a pure function of the report, and grouped by article.

The store keys user corrections on an event's id, so an id depends only on where the
report is (article, sentence, trigger, type): re-extracting an article gives its events
their ids again, and one machine and a cluster give the same ids.

An id is :data:`ARTICLE_DIGITS` hex digits that depend on the article alone, then 12
digits of the report. Every index keyed by event id (the events' own, and the actor,
source and merge-key tables after their first column) therefore holds one article's
events side by side, so saving an article dirties a page or two of each instead of a
random page per event (issue 12). Ids made before this scheme are the 12 report digits
alone (:func:`legacy_event_id`); the store keeps an event stored under such an id
under it when its article is saved again (``timeline.store.writes``).
"""

from __future__ import annotations

import hashlib

from timeline.models import EventType

#: Leading hex digits of an event id that depend on its article alone.
ARTICLE_DIGITS = 6
#: Hex digits of the report part (the whole id before :data:`ARTICLE_DIGITS` were added).
REPORT_DIGITS = 12


def event_id(article_id: str, sentence_start: int, trigger_start: int, etype: EventType) -> str:
    """Stable id: the store keys user corrections on it."""
    key = f"{article_id}:{sentence_start}:{trigger_start}:{etype.value}"
    return (
        article_part(article_id) + hashlib.sha256(key.encode("utf-8")).hexdigest()[:REPORT_DIGITS]
    )


def article_part(article_id: str) -> str:
    """The leading digits of the ids of an article's events."""
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:ARTICLE_DIGITS]


def legacy_event_id(event_id: str) -> str | None:
    """The id the same report had before ids began with their article's digits (None
    for an id of another form)."""
    if len(event_id) != ARTICLE_DIGITS + REPORT_DIGITS:
        return None
    return event_id[ARTICLE_DIGITS:]
