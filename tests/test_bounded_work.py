"""Bounded work for any input: cost linear in length whatever the punctuation, a time cap
per article, bounded dashboard inputs (issue 13). Timings are in benchmarks/hostile.py;
these tests count operations."""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks import hostile

from timeline import pipeline
from timeline.agreements import stages
from timeline.models import Article
from timeline.pipeline import extract_articles
from timeline.sentences import MAX_SENTENCE_CHARS, split_sentences
from timeline.temporal.lang.en import tense


def run_on(n_chars: int) -> str:
    """A text without a full stop, dense with stage verbs, dates and agreement words
    (the hostile-input benchmark's own, with this file's seed)."""
    return hostile.run_on(n_chars, seed=7)


def test_run_on_sentences_become_bounded_windows() -> None:
    text = run_on(50_000) + ", and more, " + "x" * 3_000 + " tail"
    spans = split_sentences(text)
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")
    assert len(spans) <= 2 * len(text) // MAX_SENTENCE_CHARS + 2


def test_a_normal_sentence_is_not_cut() -> None:
    sentence = "Iran and Russia signed a 20-year strategic partnership treaty in Moscow, " * 12
    assert len(split_sentences(sentence.strip())) == 1  # 900 characters: below the limit


def _counted(monkeypatch: pytest.MonkeyPatch, n_chars: int) -> tuple[int, int]:
    calls = {"gap": 0, "clause": 0}
    gap, clause = stages._gap, tense.clause_bounds

    def counting_gap(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["gap"] += 1
        return gap(*args, **kwargs)

    def counting_clause(sentence: str, *args):  # type: ignore[no-untyped-def]
        calls["clause"] += len(sentence)  # its cost: a scan of the sentence
        return clause(sentence, *args)

    monkeypatch.setattr(stages, "_gap", counting_gap)
    monkeypatch.setattr(tense, "clause_bounds", counting_clause)
    article = Article(id="runon", text=run_on(n_chars), published=dt.date(2025, 4, 29))
    extract_articles([article], time_limit=None)
    return calls["gap"], calls["clause"]


def test_work_on_a_run_on_sentence_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    # stage verbs x dates x verbs grew with the 4th power of a sentence's length, clause
    # bounds with its square; doubling the text now at most about doubles the work
    small = _counted(monkeypatch, 20_000)
    large = _counted(monkeypatch, 40_000)
    assert all(s > 0 for s in small)
    assert large[0] <= 2.5 * small[0]
    assert large[1] <= 2.5 * small[1]


def test_an_article_over_its_time_limit_gets_an_issue() -> None:
    slow = Article(id="slow", text=run_on(3_000), published=dt.date(2025, 4, 29))
    within = extract_articles([slow], time_limit=None)
    assert within.events
    over = extract_articles([slow], time_limit=0.0)
    assert over.events == ()
    assert over.agreements == ()
    assert over.times["slow"] == within.times["slow"]  # dates found before the limit are kept
    (issue,) = [i for i in over.issues if i.field == "text"]
    assert issue.message == (
        f"extraction took more than 0 s ({len(slow.text):,} characters); actors, events and "
        "agreements were not looked for: split the text into smaller articles"
    )
    assert (issue.locator, issue.severity) == ("slow", "warning")


def test_past_the_read_length_only_dates_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "Iran and Russia signed an energy agreement on March 3. Prices rose on Friday. "
    text = story * 40
    article = Article(id="long", text=text, published=dt.date(2025, 4, 29))
    whole = extract_articles([article], time_limit=None)
    monkeypatch.setattr(pipeline, "ARTICLE_READ_CHARS", 400)
    part = extract_articles([article], time_limit=None)
    assert part.times["long"] == whole.times["long"]  # every date of the text is kept
    assert 0 < len(part.events) < len(whole.events)
    assert all(e.sentence_start < 400 for e in part.events)
    (issue,) = [i for i in part.issues if i.field == "text"]
    read = text.rfind(". ", 0, 400) + 1  # whole sentences only: the one cut at 400 is not
    assert issue.message == (
        f"the text is {len(text):,} characters; actors, events and agreements were looked "
        f"for in its first {read:,} only (time expressions in all of it): split it into "
        "smaller articles to read the rest"
    )


def test_uploads_beyond_the_count_are_reported_not_read() -> None:
    from test_ui import FakeUpload
    from timeline.ui import MAX_UPLOAD_FILES, read_uploads

    uploads = [FakeUpload(f"a{i}.txt", f"They met on April {i % 28 + 1}.".encode())
               for i in range(MAX_UPLOAD_FILES + 3)]  # fmt: skip
    articles, issues = read_uploads(uploads, published=dt.date(2025, 4, 29))
    assert len(articles) == MAX_UPLOAD_FILES
    assert [i.source for i in issues if i.field == "files"] == ["a20.txt", "a21.txt", "a22.txt"]


def test_an_upload_reads_at_most_its_total_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from test_ui import FakeUpload
    from timeline.ui import data

    monkeypatch.setattr(data, "MAX_UPLOAD_TOTAL_BYTES", 100)
    uploads = [
        FakeUpload(f"b{i}.txt", f"They met on April {i + 1}. {'x' * 20}".encode()) for i in range(5)
    ]  # fmt: skip  (about 45 bytes each: two fit in 100)
    articles, issues = data.read_uploads(uploads, published=dt.date(2025, 4, 29))
    assert len(articles) == 2
    assert [i.source for i in issues if i.field == "size"] == ["b2.txt", "b3.txt", "b4.txt"]
    assert all("at most 100 bytes in all" in i.message for i in issues)
