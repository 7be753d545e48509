"""Orchestration: articles -> times, actors, events, agreements, issues.

No formats and no I/O here: ``ingest`` reads input, ``store`` and the CLI write it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence

from timeline.agreements import find_agreements
from timeline.entities import ActorMention, find_actors, merge_aliases
from timeline.errors import InputError
from timeline.events import find_events
from timeline.ingest import article_id
from timeline.language import Sentence, analyse
from timeline.merge import merge_events
from timeline.models import Article, Entity, Event, Extraction, Issue, TimeExpression
from timeline.temporal import LANGUAGES, detect_language, find_unanchored, tag

__all__ = ["article_events", "article_language", "extract", "extract_articles"]


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


#: Seconds one article may take; past it, its remaining stages are skipped with an Issue.
ARTICLE_TIME_LIMIT = 60.0


def extract_articles(
    articles: Sequence[Article],
    *,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
    clock: Callable[[], float] = time.thread_time,
) -> Extraction:
    """Extract a corpus: actors are merged across all articles, and so are events.

    Every stage costs time linear in an article's length (sentences are bounded
    windows, see :mod:`timeline.sentences`); ``time_limit`` caps one article's time
    still: once it has taken longer, its later stages (actors, events, agreements) are
    skipped and an Issue says so. None: no limit. ``clock`` is the calling thread's CPU
    time: the limit measures what the article costs, not how loaded the machine is.

    Each article is analysed once by ``timeline.language`` (tokens, sentences, part of
    speech, lemmas, names); every consumer reads that Doc's sentences.
    """
    times: dict[str, tuple[TimeExpression, ...]] = {}
    spans: dict[str, tuple[Sentence, ...]] = {}
    mentions: dict[str, list[ActorMention]] = {}
    issues: list[Issue] = []
    articles = _unique(articles, issues)
    budget = _Budget(time_limit, clock, issues)
    for article in articles:
        budget.start(article)
        spans[article.id] = analyse(article.text).sentences  # each holds its Doc
        times[article.id] = tuple(_times(article, spans[article.id], issues))
        issues.extend(_years_left_out(article, times[article.id]))
        mentions[article.id] = (
            find_actors(article.text, spans[article.id], article_id=article.id)
            if budget.left(article, "actors, events and agreements")
            else []
        )
    aliases = merge_aliases(m for group in mentions.values() for m in group)
    entities = aliases.entities()
    events: list[Event] = []
    agreements = []
    for article in articles:
        if budget.over(article):
            continue
        found = find_events(
            article, spans[article.id], times[article.id], mentions[article.id], aliases
        )
        events.extend(found)
        if not budget.left(article, "agreements"):
            continue
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
        mentions={
            a: dict(Counter(aliases.canonical(m.name, m.kind) for m in found))
            for a, found in mentions.items()
            if found
        },
    )


def article_events(article: Article) -> list[Event]:
    """Every event mention of one article, in text order, before any merge (what an
    annotator marks one by one; benchmarks score these)."""
    spans = analyse(article.text).sentences
    times = _times(article, spans, [])
    mentions = find_actors(article.text, spans, article_id=article.id)
    return find_events(article, spans, times, mentions, merge_aliases(mentions), every_mention=True)


def _unique(articles: Sequence[Article], issues: list[Issue]) -> list[Article]:
    """One article per id (the same text twice is one article): later copies are reported,
    so a count of stored articles never includes them."""
    seen: dict[str, Article] = {}
    for article in articles:
        first = seen.setdefault(article.id, article)
        if first is not article:
            issues.append(Issue(
                source=article.source or article.title or article.id,
                message=f"same text as article {article.id} "
                f"({first.title or first.source or 'read earlier'}); kept once",
                locator=article.id, field="text", severity="warning",
            ))  # fmt: skip
    return list(seen.values())


# A day followed by a number that is no year the tagger reads (0, 9999, 99999):
# "December 31, 9999" is tagged "December 31" and resolved near the publish date.
_TRAILING_NUMBER = re.compile(r",?\s*(\d{1,9})\b(?![.,:/-]?\d)")
YEARS_READ = range(1000, 3000)


def _years_left_out(article: Article, times: Sequence[TimeExpression]) -> list[Issue]:
    issues = []
    for t in times:
        after = _TRAILING_NUMBER.match(article.text, t.end)
        if after is None or t.value[:4].isdigit() and t.value[:4] == after.group(1):
            continue
        digits = after.group(1)
        number = int(digits)
        day_form = bool(re.search(r"[A-Za-z]", t.text)) and t.text[-1:].isdigit()
        if number in YEARS_READ or not day_form or (number != 0 and len(digits) < 4):
            continue  # "May 5, 12 people", "April 18, 500 marchers": counts, not years
        issues.append(Issue(
            source=article.source or article.title or article.id,
            message=f"'{t.text}{after.group()}': {number} is not a year this reader dates "
            f"({YEARS_READ.start}-{YEARS_READ.stop - 1}); '{t.text}' was dated {t.value} "
            "without it",
            locator=article.id, field="text", severity="warning",
        ))  # fmt: skip
    return issues


class _Budget:
    """Each article's time so far (its own stages only), against ``limit`` seconds."""

    def __init__(
        self, limit: float | None, clock: Callable[[], float], issues: list[Issue]
    ) -> None:
        self.limit, self.clock, self.issues = limit, clock, issues
        self.spent: dict[str, float] = {}
        self.began: dict[str, float] = {}
        self.stopped: set[str] = set()

    def start(self, article: Article) -> None:
        self.began[article.id] = self.clock()

    def left(self, article: Article, skipped: str) -> bool:
        """Whether ``article`` is still within its limit; reports the skip once if not."""
        now = self.clock()
        self.spent[article.id] = self.spent.get(article.id, 0.0) + now - self.began[article.id]
        self.began[article.id] = now
        if self.limit is None or self.spent[article.id] <= self.limit:
            return True
        if article.id not in self.stopped:
            self.stopped.add(article.id)
            self.issues.append(Issue(
                source=article.source or article.title or article.id,
                message=f"extraction took more than {self.limit:g} s "
                f"({len(article.text):,} characters); {skipped} were not looked for: "
                "split the text into smaller articles",
                locator=article.id, field="text", severity="warning",
            ))  # fmt: skip
        return False

    def over(self, article: Article) -> bool:
        self.began[article.id] = self.clock()
        return article.id in self.stopped


def article_language(article: Article) -> str:
    """The article's ``language`` field (a record's ``language``, kept in its metadata)
    when it is one the engine reads, else the language detected from its text."""
    given = article.metadata.get("language")
    return given if given in LANGUAGES else detect_language(article.text)


def _times(article: Article, sentences, issues: list[Issue]) -> list[TimeExpression]:
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
        return tag(article.text, dct=article.published, lang=lang, sentences=sentences)
    issues.append(
        Issue(
            source=article.source or article.title or article.id,
            message="no publish date: relative dates stay unresolved and statements undated",
            locator=article.id,
            field="published",
            severity="warning",
        )
    )
    return find_unanchored(article.text, lang=lang, sentences=sentences)


def _article_entities(
    entities: Sequence[Entity], mentions: Sequence[ActorMention], aliases
) -> list[Entity]:
    names = {aliases.canonical(m.name, m.kind) for m in mentions}
    return [e for e in entities if e.name in names]
