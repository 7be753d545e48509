"""Events from sentences: triggers, types, dates, status, actors, ids, merging."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.entities import find_actors, merge_aliases
from timeline.events import event_id, find_events
from timeline.merge import merge_events
from timeline.models import AnchorKind, Article, Event, EventStatus, EventType, Granularity
from timeline.sentences import split_sentences
from timeline.temporal import tag

PUBLISHED = dt.date(2025, 4, 29)


def events_of(text: str, published: dt.date = PUBLISHED, article_id: str = "art") -> list[Event]:
    article = Article(id=article_id, text=text, published=published)
    spans = split_sentences(text)
    mentions = find_actors(text, spans, article_id=article_id)
    return find_events(article, spans, tag(text, dct=published), mentions, merge_aliases(mentions))


def only(events: list[Event], etype: EventType) -> Event:
    found = [e for e in events if e.type is etype]
    assert len(found) == 1, found
    return found[0]


def test_visit_takes_the_date_location_and_actors_of_its_clause() -> None:
    text = "On Friday, Foreign Minister Sergei Lavrov flew to Beijing to meet Wang Yi."
    visit = only(events_of(text), EventType.VISIT)
    assert (visit.value, visit.granularity, visit.cameo) == ("2025-04-25", Granularity.DAY, "042")
    assert visit.location == "Beijing"
    assert visit.actors[0] == "Sergei Lavrov"
    assert str(visit.anchor) == "expression: Friday"
    assert visit.title.startswith("Lavrov flew to Beijing")
    assert text[visit.sentence_start : visit.sentence_end] == visit.sentence


def test_reporting_verb_without_a_date_is_a_statement_on_the_publish_date() -> None:
    statement = only(
        events_of("Kremlin spokesman Dmitry Peskov told reporters."), EventType.STATEMENT
    )
    assert (statement.value, str(statement.anchor), statement.cameo) == (
        "2025-04-29",
        "publish date",
        "010",
    )
    assert statement.actors == ("Dmitry Peskov",)
    assert statement.title.startswith("Peskov")


def test_each_trigger_takes_the_expression_nearest_to_it() -> None:
    text = "In February, the two sides signed the deal, which parliament ratified in April."
    events = events_of(text)
    assert only(events, EventType.AGREEMENT).value == "2025-02"
    assert only(events, EventType.RATIFICATION).value == "2025-04"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Officials said Putin will visit Ankara.", EventStatus.PLANNED),
        ("There is speculation that Putin may visit Ankara.", EventStatus.POSSIBLE),
        ("Putin plans to visit Ankara.", EventStatus.PLANNED),
        ("Putin visited Ankara on Monday.", EventStatus.HAPPENED),
    ],
)
def test_status_follows_modality_cues(sentence: str, status: EventStatus) -> None:
    visit = only(events_of(sentence), EventType.VISIT)
    assert visit.status is status
    assert visit.location == "Ankara"


def test_planned_event_without_a_date_keeps_no_value() -> None:
    visit = only(events_of("Putin will visit Ankara."), EventType.VISIT)
    assert (visit.value, visit.earliest, visit.latest) == (None, None, None)
    assert visit.anchor.kind is AnchorKind.UNRESOLVED
    assert visit.title == "Putin to visit Ankara"


def test_a_future_date_makes_an_event_planned() -> None:
    visit = only(events_of("Putin travels to Ankara on May 12."), EventType.VISIT)
    assert (visit.status, visit.value) == (EventStatus.PLANNED, "2025-05-12")


def test_negated_triggers_are_negative_and_quoted_ones_reported() -> None:
    text = 'The Kremlin has not signed it. "We visited them," Peskov said.'
    events = {e.lemma: e for e in events_of(text)}
    assert str(events["sign"].polarity) == "negative"
    assert events["visit"].status is EventStatus.REPORTED
    assert events["say"].status is EventStatus.HAPPENED


def test_nouns_need_a_light_verb_or_a_planning_cue() -> None:
    # the growth is the event (a verb); "sanctions" and "trade" are not events here
    assert [e.lemma for e in events_of("Despite sanctions, trade grew.")] == ["grow"]
    talks = only(events_of("Iran and Oman held talks in Muscat on Sunday."), EventType.MEETING)
    assert (talks.location, talks.value) == ("Muscat", "2025-04-27")


def test_a_pronoun_subject_takes_the_last_person_named() -> None:
    text = "Dmitry Peskov welcomed the result. He called for more trade."
    events = [e for e in events_of(text) if e.lemma in ("welcome", "call")]
    assert [e.actors for e in events] == [("Dmitry Peskov",), ("Dmitry Peskov",)]


def test_event_ids_are_stable_and_follow_the_documented_formula() -> None:
    text = "Putin visited Ankara on Monday."
    first, again = events_of(text)[0], events_of(text)[0]
    assert first.id == again.id == event_id("art", 0, text.index("visited"), EventType.VISIT)
    assert len(first.id) == 18


def test_no_publish_date_leaves_statements_undated() -> None:
    text = "Peskov said the talks were useful."
    article = Article(id="x", text=text, published=None)
    spans = split_sentences(text)
    mentions = find_actors(text, spans)
    found = find_events(article, spans, [], mentions, merge_aliases(mentions))
    (statement,) = [e for e in found if e.lemma == "say"]
    assert (statement.value, str(statement.anchor)) == (None, "unresolved: no publish date")


def test_same_event_in_two_articles_merges_and_keeps_both_dates() -> None:
    one = events_of("Putin visited Ankara on Monday.", article_id="one")
    two = events_of("President Putin visited Ankara this week.", article_id="two")
    (merged,) = merge_events(one + two)
    assert merged.sources == ("one", "two")
    assert {v["value"] for v in merged.date_variants} == {"2025-04-28", "2025-W18"}
    assert merged.value == "2025-04-28"


def test_events_without_shared_actors_or_dates_stay_apart() -> None:
    one = events_of("Putin visited Ankara on Monday.", article_id="one")
    other_actor = events_of("Erdogan visited Ankara on Monday.", article_id="two")
    other_date = events_of("Putin visited Ankara in January.", article_id="three")
    assert len(merge_events(one + other_actor + other_date)) == 3


@pytest.mark.parametrize(
    "text",
    [
        "The treaty, which the two leaders signed after long talks, replaces a 2001 treaty.",
        "Lavrov said the new pact, signed by both ministers, supersedes their 1998 accord.",
        "Peskov, who remembers the 1956 uprising as a boy, said the sides met.",
    ],
)
def test_a_date_inside_a_noun_phrase_dates_no_other_verb(text: str) -> None:
    events = events_of(text)
    assert events
    assert all(e.value is None or e.value == "2025-04-29" for e in events), events


def test_a_date_inside_a_noun_phrase_dates_its_noun_and_clauses_attached_to_it() -> None:
    signed = only(
        events_of("Iraq complied with the Feb. 23 accord signed by Annan."), EventType.AGREEMENT
    )
    assert signed.value == "2025-02-23"
    met = only(
        events_of("Putin and Pezeshkian met during the 2024 summit in Kazan."), EventType.MEETING
    )
    assert met.value == "2024"  # "during the 2024 summit" places the clause in time


@pytest.mark.parametrize(
    ("text", "first", "second", "value"),
    [
        (
            "Putin last visited the Iranian capital in July 2022, when he held talks "
            "with Supreme Leader Ali Khamenei.",
            EventType.VISIT, EventType.MEETING, "2022-07",
        ),
        (
            "The foreign minister travelled to Ankara on March 3, while his deputy "
            "met officials in Baghdad.",
            EventType.VISIT, EventType.MEETING, "2025-03-03",
        ),
    ],
)  # fmt: skip
def test_a_when_clause_shares_the_date_it_follows(
    text: str, first: EventType, second: EventType, value: str
) -> None:
    """'visited X in July 2022, when he held talks': the date ends the first clause,
    and the when-clause happens at that same time; it does not take the date away."""
    events = events_of(text, published=dt.date(2025, 5, 6))
    assert only(events, first).value == value
    assert only(events, second).value == value


def test_n_units_after_a_clause_dates_it_from_the_main_clause() -> None:
    """'signed the law on April 21, five days after the council approved it': the
    approval is April 16, anchored on the event April 21 dates."""
    text = (
        "Putin signed the ratification law on April 21, five days after the Federation "
        "Council approved it."
    )
    events = events_of(text, published=dt.date(2025, 5, 6))
    main = next(e for e in events if e.time_text == "April 21")
    approval = next(e for e in events if e.time_text == "five days after")
    assert (approval.value, approval.granularity) == ("2025-04-16", Granularity.DAY)
    assert (approval.anchor.kind, approval.anchor.event_id) == (AnchorKind.EVENT, main.id)


def test_n_units_before_a_clause_puts_it_after_the_main_date() -> None:
    text = (
        "Araghchi last visited Moscow in December, a month before the two presidents "
        "signed the treaty."
    )
    events = events_of(text, published=dt.date(2025, 4, 29))
    signing = only(events, EventType.AGREEMENT)
    assert (signing.value, signing.granularity) == ("2025-01", Granularity.MONTH)


def test_n_units_after_an_undated_clause_stays_undated() -> None:
    text = "Two days after the attack, police arrested a suspect."
    assert all(e.value is None for e in events_of(text) if e.type is not EventType.STATEMENT)
