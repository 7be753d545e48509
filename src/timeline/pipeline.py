"""Orchestration: articles -> times, actors, events, agreements, issues.

No formats and no I/O here: ``ingest`` reads input, ``store`` and the CLI write it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline.agreements import find_agreements
from timeline.entities import ActorMention, find_actors, merge_aliases
from timeline.entities.aliases import AliasTable
from timeline.errors import InputError
from timeline.events import LANGUAGE as EVENT_LANGUAGE
from timeline.events import dated_sentences, find_events
from timeline.ingest import article_id
from timeline.language import Sentence, analyse
from timeline.merge import merge_events
from timeline.models import Agreement, Article, Entity, Event, Extraction, Issue, TimeExpression
from timeline.temporal import LANGUAGES, detect_language, find_unanchored, tag

__all__ = [
    "Findings", "Reading", "article_events", "article_findings", "article_language", "extract",
    "extract_articles", "read_article",
]  # fmt: skip


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

#: Characters of one article read for actors, events and agreements (about 150,000 words,
#: far beyond any news story); past them only time expressions are looked for, with an
#: Issue. A length, not a time, so every machine gives the same result for one text.
ARTICLE_READ_CHARS = 1_000_000


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

    The stages are public so that a cluster runs the same ones (:mod:`timeline.scale`):
    :func:`read_article` per article, ``merge_aliases`` over every reading,
    :func:`article_findings` per article, ``merge_events`` over every event.
    """
    issues: list[Issue] = []
    articles = _unique(articles, issues)
    readings = [read_article(a, time_limit=time_limit, clock=clock) for a in articles]
    aliases = merge_aliases(m for r in readings for m in r.mentions)
    entities = aliases.entities()
    found = [article_findings(a, r, aliases, entities, clock=clock)
             for a, r in zip(articles, readings, strict=True)]  # fmt: skip
    return Extraction(
        articles=tuple(articles),
        times={r.article_id: r.times for r in readings},
        events=tuple(merge_events([e for f in found for e in f.events])),
        entities=tuple(entities),
        agreements=tuple(g for f in found for g in f.agreements),
        issues=(*issues, *(i for r in readings for i in r.issues),
                *(i for f in found for i in f.issues)),
        mentions={r.article_id: dict(Counter(aliases.canonical(m.name, m.kind)
                                             for m in r.mentions))
                  for r in readings if r.mentions},
    )  # fmt: skip


@dataclass(frozen=True)
class Reading:
    """What one article gives before any other article is looked at: a pure function of
    its text, publish date and metadata (and the time limit). ``sentences`` is the
    analysis, kept for :func:`article_findings` (None once shipped elsewhere: it is
    analysed again, outside the time limit)."""

    article_id: str
    language: str
    times: tuple[TimeExpression, ...]
    mentions: tuple[ActorMention, ...]
    issues: tuple[Issue, ...]
    spent: float
    limit: float | None
    stopped: bool
    sentences: tuple[Sentence, ...] | None = None


@dataclass(frozen=True)
class Findings:
    """One article's events (before any merge), agreements and late issues."""

    events: tuple[Event, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    issues: tuple[Issue, ...] = ()


def read_article(
    article: Article,
    *,
    time_limit: float | None = ARTICLE_TIME_LIMIT,
    clock: Callable[[], float] = time.thread_time,
) -> Reading:
    """Stage one of :func:`extract_articles`: analysis, time expressions, actor mentions."""
    issues: list[Issue] = []
    budget = _Budget(time_limit, clock, issues)
    budget.start(article)
    lang = article_language(article)
    spans = _read_sentences(article, issues)  # each holds its Doc
    whole = len(article.text) <= ARTICLE_READ_CHARS
    times = tuple(_times(article, lang, spans if whole else None, issues))
    issues.extend(_years_left_out(article, times))
    mentions = (
        find_actors(article.text, spans, article_id=article.id)
        if lang == EVENT_LANGUAGE and budget.left(article, "actors, events and agreements")
        else []
    )
    return Reading(
        article_id=article.id, language=lang, times=times, mentions=tuple(mentions),
        issues=tuple(issues), spent=budget.spent.get(article.id, 0.0), limit=time_limit,
        stopped=article.id in budget.stopped, sentences=spans,
    )  # fmt: skip


def article_findings(
    article: Article,
    reading: Reading,
    aliases: AliasTable,
    entities: Sequence[Entity],
    *,
    clock: Callable[[], float] = time.thread_time,
) -> Findings:
    """Stage two of :func:`extract_articles`: the article's events and agreements, its
    actors named by ``aliases`` (merged over every article's reading)."""
    if reading.stopped:
        return Findings()
    spans = reading.sentences
    if spans is None:
        spans = _read_sentences(article, [])  # its Issue came with the reading
    if reading.language != EVENT_LANGUAGE:  # dates are read, events not yet
        return Findings(events=tuple(dated_sentences(article, spans, reading.times)))
    issues: list[Issue] = []
    budget = _Budget(reading.limit, clock, issues)
    budget.spent[article.id] = reading.spent
    budget.over(article)
    events = find_events(article, spans, reading.times, list(reading.mentions), aliases)
    if not budget.left(article, "agreements"):
        return Findings(events=tuple(events), issues=tuple(issues))
    local = _article_entities(entities, reading.mentions, aliases)
    agreements = find_agreements(article, reading.times, local, spans=spans)
    return Findings(events=tuple(events), agreements=tuple(agreements))


def _warning(article: Article, message: str, field: str = "text") -> Issue:
    """A warning about ``article`` (its ``field``), named by its source or title."""
    return Issue(
        source=article.source or article.title or article.id,
        message=message, locator=article.id, field=field, severity="warning",
    )  # fmt: skip


def _read_sentences(article: Article, issues: list[Issue]) -> tuple[Sentence, ...]:
    """The analysed sentences of ``article`` up to :data:`ARTICLE_READ_CHARS` (whole
    sentences only); an Issue says where reading stopped when the text is longer."""
    if len(article.text) <= ARTICLE_READ_CHARS:
        return analyse(article.text).sentences
    sentences = analyse(article.text[:ARTICLE_READ_CHARS]).sentences[:-1]  # the last is cut
    read = sentences[-1].end if sentences else 0
    issues.append(
        _warning(
            article,
            f"the text is {len(article.text):,} characters; actors, events and "
            f"agreements were looked for in its first {read:,} only (time expressions in all "
            "of it): split it into smaller articles to read the rest",
        )
    )
    return sentences


def article_events(article: Article) -> list[Event]:
    """Every event mention of one article, in text order, before any merge (what an
    annotator marks one by one; benchmarks score these)."""
    spans = analyse(article.text).sentences
    times = _times(article, article_language(article), spans, [])
    mentions = find_actors(article.text, spans, article_id=article.id)
    return find_events(article, spans, times, mentions, merge_aliases(mentions), every_mention=True)


def _unique(articles: Sequence[Article], issues: list[Issue]) -> list[Article]:
    """One article per id (the same text twice is one article): later copies are reported,
    so a count of stored articles never includes them."""
    seen: dict[str, Article] = {}
    for article in articles:
        first = seen.setdefault(article.id, article)
        if first is not article:
            issues.append(
                _warning(
                    article,
                    f"same text as article {article.id} "
                    f"({first.title or first.source or 'read earlier'}); kept once",
                )
            )
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
        issues.append(
            _warning(
                article,
                f"'{t.text}{after.group()}': {number} is not a year this reader dates "
                f"({YEARS_READ.start}-{YEARS_READ.stop - 1}); '{t.text}' was dated {t.value} "
                "without it",
            )
        )
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
            self.issues.append(
                _warning(
                    article,
                    f"extraction took more than {self.limit:g} s "
                    f"({len(article.text):,} characters); {skipped} were not looked for: "
                    "split the text into smaller articles",
                )
            )
        return False

    def over(self, article: Article) -> bool:
        self.began[article.id] = self.clock()
        return article.id in self.stopped


def article_language(article: Article) -> str:
    """The article's ``language`` field (a record's ``language``, kept in its metadata)
    when it is one the engine reads, else the language detected from its text."""
    given = article.metadata.get("language")
    return given if given in LANGUAGES else detect_language(article.text)


def _times(
    article: Article, lang: str, sentences: Sequence[Sentence] | None, issues: list[Issue]
) -> list[TimeExpression]:
    given = article.metadata.get("language")
    if given is not None and given not in LANGUAGES:
        message = (
            f"language {given!r} is not supported (available: {', '.join(LANGUAGES)}); "
            f"read as {lang!r}, detected from the text"
        )
        issues.append(_warning(article, message, field="language"))
    if article.published is not None:
        return tag(article.text, dct=article.published, lang=lang, sentences=sentences)
    issues.append(
        _warning(
            article,
            "no publish date: relative dates stay unresolved and statements undated",
            field="published",
        )
    )
    return find_unanchored(article.text, lang=lang, sentences=sentences)


def _article_entities(
    entities: Sequence[Entity], mentions: Sequence[ActorMention], aliases
) -> list[Entity]:
    """The entities the article mentions, in ``entities`` order (looked up by name, so a
    corpus of many actors is not scanned once per article)."""
    position = _positions(entities)
    names = {aliases.canonical(m.name, m.kind) for m in mentions}
    return [entities[i] for i in sorted(i for n in names for i in position.get(n, ()))]


_POSITIONS: dict[int, tuple[Sequence[Entity], dict[str, list[int]]]] = {}


def _positions(entities: Sequence[Entity]) -> dict[str, list[int]]:
    """Name -> positions in ``entities`` (one name may be two kinds), computed once per
    list (the last list asked for is kept: a corpus's entities are asked once per article)."""
    cached = _POSITIONS.get(id(entities))
    if cached is None or cached[0] is not entities:
        position: dict[str, list[int]] = {}
        for i, entity in enumerate(entities):
            position.setdefault(entity.name, []).append(i)
        _POSITIONS.clear()
        _POSITIONS[id(entities)] = cached = (entities, position)
    return cached[1]
