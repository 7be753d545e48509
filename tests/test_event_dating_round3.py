"""Dating by the clause, round three (issue 11, item 3): the adjunct after a verb wins a
tie, a time a report cannot take dates the plan it tells, and a time opening the
sentence keeps a past "planned to" in the past. Articles of several sentences from
several fields, each with an explicit publish date (2024-10-16 is a Wednesday)."""

from __future__ import annotations

import datetime as dt

from timeline.models import AnchorKind, Article, Event, EventStatus
from timeline.pipeline import article_events
from timeline.temporal import tag

WEDNESDAY = dt.date(2024, 10, 16)


def mentions(text: str, published: dt.date = WEDNESDAY) -> list[Event]:
    return article_events(Article(id="t", text=text, published=published))


def one(events: list[Event], lemma: str) -> Event:
    (found,) = [e for e in events if e.lemma == lemma]
    return found


# --- a time after the verb is its adjunct, one before it at the same distance is not ---


def test_business_the_quarter_ended_on_the_day_after_it() -> None:
    """ "the quarter ended Sept. 30": "the quarter" and "Sept. 30" are both one word from
    "ended"; the day after the verb is its adjunct (the rise keeps the quarter)."""
    events = mentions(
        "Acme Corp. reported record earnings on Thursday. Net income rose 12% to $40 "
        "million in the quarter ended Sept. 30, the company said. Its shares rose 4%."
    )
    assert one(events, "end").value == "2024-09-30"
    assert [e.value for e in events if e.lemma == "rise"][0] == "2024-Q3"


def test_conflict_a_march_is_dated_by_the_day_after_it_not_a_relative_clauses_year() -> None:
    """ "the uprising that toppled the regime 30 years ago marched Saturday": the
    relative clause keeps its year, the march is on Saturday."""
    events = mentions(
        "Veterans of the uprising that toppled the regime 30 years ago marched Saturday "
        "through the capital. Police said the march was peaceful."
    )
    assert one(events, "march").value == "2024-10-12"
    assert one(events, "topple").value == "1994"


def test_markets_a_sale_on_the_day_after_the_verb() -> None:
    events = mentions(
        "Investors who bought the shares in 2021 sold Monday after the profit warning. "
        "The stock lost a third of its value."
    )
    assert one(events, "sell").value == "2024-10-14"
    assert one(events, "buy").value == "2021"


# --- a planned event takes the time of its clause even when a report is nearer to it ---


def test_science_a_launch_as_soon_as_friday_is_planned_on_friday() -> None:
    """ "ready to launch as soon as Friday, NASA said": Friday is nearer to "said", but
    a past report cannot take a day still to come; the launch, planned, takes it."""
    events = mentions(
        "The crew would be ready to launch as soon as Friday, NASA said. Engineers "
        "replaced a faulty valve last week."
    )
    launch = one(events, "launch")
    assert launch.value == "2024-10-18"
    assert launch.status is EventStatus.PLANNED
    assert launch.anchor.kind is AnchorKind.EXPRESSION
    said = one(events, "say")
    assert said.value == "2024-10-16"
    assert said.anchor.kind is AnchorKind.PUBLISH_DATE


def test_politics_a_vote_as_early_as_thursday_is_planned_on_thursday() -> None:
    events = mentions(
        "The budget bill cleared its committee on Monday. Lawmakers would be ready to vote "
        "on it as early as Thursday, the speaker said. The opposition promised to fight it."
    )
    vote = one(events, "vote")
    assert (vote.value, vote.status) == ("2024-10-17", EventStatus.PLANNED)


def test_a_report_keeps_a_time_it_can_take() -> None:
    """ "would vote on the bill, the speaker said on Tuesday": Tuesday is the report's;
    the vote has no time of its own and stays undated (planned)."""
    events = mentions("Lawmakers would vote on the bill, the speaker said on Tuesday.")
    assert one(events, "say").value == "2024-10-15"
    vote = one(events, "vote")
    assert (vote.value, vote.status) == (None, EventStatus.PLANNED)


# --- "On Friday, X planned to ...": the plan was held on the Friday before ------------------


def test_a_fronted_weekday_keeps_a_past_planned_to_in_the_past() -> None:
    """A weekday opening the sentence frames its main verb; "planned to" there is a
    finite past verb, so the weekday is the one before the publish date."""
    text = "On Friday, the government planned to pay the first 32 death claims."
    (friday,) = tag(text, dct=WEDNESDAY)
    assert friday.value == "2024-10-11"


def test_business_a_fronted_monday_with_a_plan_held_then() -> None:
    events = mentions(
        "On Monday, the union planned to walk out at three plants. Talks with the "
        "carmaker resumed on Tuesday, and the strike was called off."
    )
    assert one(events, "plan").value == "2024-10-14"
    assert one(events, "resume").value == "2024-10-15"


def test_a_fronted_weekday_with_a_present_schedule_still_looks_ahead() -> None:
    """ "On Friday, the agency is scheduled to inspect the plant": the present points
    ahead (Friday next); only the finite past "planned to" looks back."""
    for text, value in (
        ("On Friday, the agency is scheduled to inspect the plant.", "2024-10-18"),
        ("On Friday, the agency will inspect the plant.", "2024-10-18"),
        ("The government planned to pay the claims on Friday.", "2024-10-18"),
    ):
        (friday,) = tag(text, dct=WEDNESDAY)
        assert friday.value == value, text
