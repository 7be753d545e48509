"""Orchestration: articles -> times, actors, events, agreements, issues.

No formats and no I/O here: ``ingest`` reads input, ``store`` and the CLI write it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from timeline.agreements import find_agreements
from timeline.entities import ActorMention, find_actors, merge_aliases
from timeline.errors import InputError
from timeline.events import find_events, merge_events
from timeline.ingest import article_id
from timeline.models import Article, Entity, Event, Extraction, Issue, TimeExpression
from timeline.sentences import split_sentences
from timeline.temporal import LANGUAGES, detect_language, find_unanchored, tag

__all__ = ["article_language", "extract", "extract_articles"]


def extract(
    text: str,
    *,
    published: dt.date | None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Extraction:
    """Extract the events, actors and agreements of one article's ``text``.

    ``published`` is the publish date relative expressions resolve against; pass None
    when it is unknown (relative expressions then stay unresolved, with an Issue).
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}", field="text")
    if published is not None and (
        not isinstance(published, dt.date) or isinstance(published, dt.datetime)
    ):
        raise InputError(
            f"published must be a datetime.date or None, got {published!r}", field="published"
        )
    article = Article(
        id=article_id(text),
        text=text,
        published=published,
        title=title,
        source=source,
        url=url,
        published_origin="caller" if published else None,
    )
    return extract_articles([article])


def extract_articles(articles: Sequence[Article]) -> Extraction:
    """Extract a corpus: actors are merged across all articles, and so are events."""
    times: dict[str, tuple[TimeExpression, ...]] = {}
    spans: dict[str, list] = {}
    mentions: dict[str, list[ActorMention]] = {}
    issues: list[Issue] = []
    for article in articles:
        spans[article.id] = split_sentences(article.text)
        times[article.id] = tuple(_times(article, issues))
        mentions[article.id] = find_actors(article.text, spans[article.id], article_id=article.id)
    aliases = merge_aliases(m for group in mentions.values() for m in group)
    entities = aliases.entities()
    events: list[Event] = []
    agreements = []
    for article in articles:
        found = find_events(
            article, spans[article.id], times[article.id], mentions[article.id], aliases
        )
        events.extend(found)
        local = _article_entities(entities, mentions[article.id], aliases)
        agreements.extend(
            find_agreements(article, times[article.id], local, spans=spans[article.id])
        )
    return Extraction(
        articles=tuple(articles),
        times=times,
        events=tuple(merge_events(events)),
        entities=tuple(entities),
        agreements=tuple(agreements),
        issues=tuple(issues),
    )


def article_language(article: Article) -> str:
    """The article's ``language`` field (a record's ``language``, kept in its metadata)
    when it is one the engine reads, else the language detected from its text."""
    given = article.metadata.get("language")
    return given if given in LANGUAGES else detect_language(article.text)


def _times(article: Article, issues: list[Issue]) -> list[TimeExpression]:
    lang = article_language(article)
    given = article.metadata.get("language")
    if given is not None and given not in LANGUAGES:
        issues.append(
            Issue(
                source=article.source or article.title or article.id,
                message=f"language {given!r} is not supported (available: "
                f"{', '.join(LANGUAGES)}); read as {lang!r}, detected from the text",
                locator=article.id, field="language", severity="warning",
            )
        )  # fmt: skip
    if article.published is not None:
        return tag(article.text, dct=article.published, lang=lang)
    issues.append(
        Issue(
            source=article.source or article.title or article.id,
            message="no publish date: relative dates stay unresolved and statements undated",
            locator=article.id,
            field="published",
            severity="warning",
        )
    )
    return find_unanchored(article.text, lang=lang)


def _article_entities(
    entities: Sequence[Entity], mentions: Sequence[ActorMention], aliases
) -> list[Entity]:
    names = {aliases.canonical(m.name, m.kind) for m in mentions}
    return [e for e in entities if e.name in names]
