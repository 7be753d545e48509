"""Events for a language the event model does not read yet (Russian): one per sentence
that holds a calendar date, dated by that expression.

The event model (``builder``) stands on the English language layer; for another language
the temporal engine still finds and resolves the dates, so the timeline shows each dated
sentence as one event: its first calendar date, the sentence itself as the title (cut at
a word), planned when the date lies after the publish date. No actors are guessed (an
event without actors never merges), the type is ``other`` and the confidence low: a
reader sees what the article dates, not a reading of who did what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline.events.builder import event_id
from timeline.events.salience import salience
from timeline.events.titles import shorten
from timeline.models import (
    Anchor,
    AnchorKind,
    Article,
    Event,
    EventStatus,
    EventType,
    TimeExpression,
    TimexType,
)
from timeline.sentences import Span

#: How sure a dated sentence is an event of its own: the date is read, the event is not.
CONFIDENCE = 0.3
_CALENDAR = (TimexType.DATE, TimexType.TIME)


def dated_sentences(
    article: Article, spans: Sequence[Span], times: Sequence[TimeExpression]
) -> list[Event]:
    """One event per sentence of ``spans`` holding a resolved calendar date of ``times``."""
    events = []
    dates = [t for t in times if t.type in _CALENDAR and t.earliest and t.latest]
    k = 0
    for span in spans:
        while k < len(dates) and dates[k].start < span.start:
            k += 1
        if k < len(dates) and dates[k].end <= span.end:
            events.append(_event(article, span, dates[k]))
    return events


def _event(article: Article, span: Span, t: TimeExpression) -> Event:
    later = article.published is not None and t.earliest > article.published
    event = Event(
        id=event_id(article.id, span.start, t.start, EventType.OTHER),
        article_id=article.id,
        type=EventType.OTHER,
        cameo="",
        trigger=t.text,
        title=shorten(" ".join(span.text.split()).rstrip(".")),
        sentence=span.text,
        sentence_start=span.start,
        sentence_end=span.end,
        time_text=t.text,
        value=t.value,
        earliest=t.earliest,
        latest=t.latest,
        granularity=t.granularity,
        anchor=Anchor(AnchorKind.EXPRESSION, text=t.text),
        status=EventStatus.PLANNED if later else EventStatus.HAPPENED,
        confidence=CONFIDENCE,
        sources=(article.id,),
        trigger_start=t.start,
        trigger_end=t.end,
    )
    return replace(event, salience=salience(event))
