"""Orchestration: extract / extract_articles."""

from __future__ import annotations

import datetime as dt

import pytest

import timeline
from timeline.errors import InputError
from timeline.ingest import article_id
from timeline.models import Article, EventType
from timeline.pipeline import extract, extract_articles

PUBLISHED = dt.date(2025, 4, 29)


def test_extract_is_exported_and_returns_articles_events_and_entities() -> None:
    text = "Kremlin spokesman Dmitry Peskov said on Monday that Putin visited Ankara."
    result = timeline.extract(text, published=PUBLISHED, title="T", source="S")
    (article,) = result.articles
    assert (article.id, article.title, article.source) == (article_id(text), "T", "S")
    assert {e.type for e in result.events} == {EventType.STATEMENT, EventType.VISIT}
    assert all(e.article_id == article.id for e in result.events)
    assert {"Dmitry Peskov", "Kremlin", "Ankara"} <= {e.name for e in result.entities}
    assert result.issues == ()
    assert "events" in result.to_dict()


def test_missing_publish_date_is_an_issue_not_a_guess() -> None:
    result = extract("Peskov said the talks were useful last week.", published=None)
    (issue,) = result.issues
    assert issue.field == "published"
    (statement,) = [e for e in result.events if e.lemma == "say"]
    assert (statement.value, str(statement.anchor)) == (None, "unresolved: no publish date")


def test_absolute_dates_still_resolve_without_a_publish_date() -> None:
    result = extract("Putin visited Ankara on 12 March 2024.", published=None)
    (visit,) = result.events
    assert visit.value == "2024-03-12"


def test_bad_published_raises_an_input_error_naming_it() -> None:
    with pytest.raises(InputError, match="published"):
        extract("text", published="2025-04-29")  # type: ignore[arg-type]


def test_actors_and_events_merge_across_articles() -> None:
    one = Article(
        "one", "President Masoud Pezeshkian visited Moscow on Monday.", dt.date(2025, 4, 29)
    )
    two = Article("two", "Pezeshkian visited Moscow this week.", dt.date(2025, 4, 30))
    result = extract_articles([one, two])
    visits = [e for e in result.events if e.type is EventType.VISIT]
    assert len(visits) == 1
    assert visits[0].sources == ("one", "two")
    assert visits[0].actors == ("Masoud Pezeshkian",)
    assert len(visits[0].date_variants) == 2


def _times_of(records: bytes) -> tuple[list[list[tuple[str, str]]], list[str]]:
    from timeline.ingest import load_bytes

    articles, issues = load_bytes("batch.jsonl", records, published=dt.date(2025, 4, 29))
    assert not issues
    extraction = extract_articles(articles)
    times = [[(t.text, t.value) for t in extraction.times[a.id]] for a in articles]
    return times, [i.message for i in extraction.issues]


def test_ingested_records_are_read_in_their_language() -> None:
    """Russian is detected from the script; a ``language`` field overrides detection,
    and one the engine cannot read is an Issue (the text then decides)."""
    ru, en = "В прошлом месяце министр посетил Москву.", "Last month the minister left."
    records = "\n".join(
        [
            f'{{"text": "{ru}"}}',
            f'{{"text": "{en}"}}',
            f'{{"text": "{ru} (en)", "language": "en"}}',
            f'{{"text": "{ru} (xx)", "language": "xx"}}',
        ]
    )
    times, messages = _times_of(records.encode("utf-8"))
    assert times == [
        [("прошлом месяце", "2025-03")],
        [("Last month", "2025-03")],
        [],  # read as English, as its record says
        [("прошлом месяце", "2025-03")],
    ]
    assert any("language 'xx' is not supported" in m and "'ru'" in m for m in messages)


RUSSIAN_STORY = (
    "Президент России и президент Ирана подписали договор о партнёрстве в пятницу. "
    "Договор вступит в силу в начале апреля. "
    "Стороны продолжат переговоры. "
    "В прошлом месяце министры обсуждали энергетику и 20 марта встретились снова."
)


def test_a_russian_article_gets_one_event_per_dated_sentence() -> None:
    """The event model reads English; a Russian article's timeline shows each sentence
    that holds a date, dated by its first calendar date, planned when that is later."""
    extraction = extract(RUSSIAN_STORY, published=dt.date(2025, 1, 18))
    events = sorted(extraction.events, key=lambda e: e.sentence_start)
    assert [(e.time_text, e.value, e.status.value) for e in events] == [
        ("пятницу", "2025-01-17", "happened"),
        ("начале апреля", "2025-04", "planned"),
        ("прошлом месяце", "2024-12", "happened"),  # the sentence's first date only
    ]
    assert events[1].title == "Договор вступит в силу в начале апреля"
    assert all(e.anchor.kind.value == "expression" and not e.actors for e in events)
    assert all(RUSSIAN_STORY[e.trigger_start : e.trigger_end] == e.time_text for e in events)
    assert "Стороны продолжат" not in " ".join(e.sentence for e in events)  # no date: no event
    assert extraction.agreements == ()
