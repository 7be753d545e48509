"""Dating by the clause, round three (issue 11, item 3): the adjunct after a verb wins a
tie, a time a report cannot take dates the plan it tells, and a time opening the
sentence keeps a past "planned to" in the past. Articles of several sentences from
several fields, each with an explicit publish date (2024-10-16 is a Wednesday)."""

from __future__ import annotations

import datetime as dt

from timeline.models import AnchorKind, Article, Event, EventClass, EventStatus
from timeline.pipeline import article_events, extract
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


# --- a relative clause keeps its time; a clause hung on a time by "when" takes it ----------


def test_crime_the_main_clause_does_not_take_a_relative_clauses_week() -> None:
    """ "interviewed and released two men who were sought last week": last week is when
    they were sought; the interviews have no time of their own (the publish date)."""
    events = mentions(
        "The FBI has interviewed and released two men who were sought last week for "
        "questioning. Agents searched a house in Ohio on Tuesday."
    )
    assert one(events, "seek").value == "2024-W41"
    for lemma in ("interview", "release"):
        assert one(events, lemma).value == "2024-10-16", lemma
        assert one(events, lemma).anchor.kind is AnchorKind.PUBLISH_DATE


def test_science_a_finding_after_a_relative_clause_is_not_dated_by_it() -> None:
    """ "The chemist who was hired in 2019 published the study": 2019 is the hiring's,
    neither the publication's nor the study's."""
    events = mentions(
        "The chemist who was hired in 2019 published the study in a journal. The lab "
        "confirmed the results on Monday."
    )
    assert one(events, "hire").value == "2019"
    assert one(events, "publish").value == "2024-10-16"
    assert one(events, "study").value == "2024-10-16"


def test_business_a_closing_which_is_expected_in_december_is_in_december() -> None:
    """A relative clause of expectation ("which is expected in December") says when the
    noun it hangs on will be: the closing is planned for December, the expectation holds
    on the publish date."""
    events = mentions(
        "Investors will receive $35 a share at the closing, which is expected in December. "
        "The board approved the deal on Tuesday."
    )
    closing = one(events, "closing")
    assert (closing.value, closing.status) == ("2024-12", EventStatus.PLANNED)
    assert one(events, "expect").value == "2024-10-16"
    assert one(events, "approve").value == "2024-10-15"


def test_politics_a_when_clause_hung_on_a_year_happened_then() -> None:
    """ "lived abroad from 1968, when Soviet tanks invaded, until 1989": the invasion is
    1968's, not the later year's nor the report's."""
    events = mentions(
        "The foreign minister, who lived abroad from 1968, when Soviet tanks invaded, until "
        "1989, said on Monday that exile had shaped him."
    )
    assert one(events, "invade").value == "1968"
    assert one(events, "live").value == "1968"


def test_markets_a_when_clause_hung_on_a_weekday_happened_that_day() -> None:
    events = mentions(
        "In contrast to Thursday, when the index fell 3% and traders were forced to sell, "
        "the market was calm on Friday. Bond yields held steady."
    )
    assert one(events, "force").value == "2024-10-10"
    assert one(events, "fall").value == "2024-10-10"


def test_conflict_a_time_after_a_preposition_is_the_event_before_it() -> None:
    """ "The commander who was captured in 2019 escaped": "in 2019" closes the phrase
    before it; the escape, a finite verb after it, is not dated by it. "General Musa on
    Tuesday said" has no event before the time: the report takes it."""
    events = mentions(
        "The commander who was captured in 2019 escaped from the prison. General Musa on "
        "Tuesday said the army would find him."
    )
    assert one(events, "capture").value == "2019"
    assert one(events, "escape").value != "2019"
    assert one(events, "say").value == "2024-10-15"


# --- "according to X" attributes the sentence and owns none of its times ----------------


def test_markets_according_to_is_a_report_on_the_publish_date() -> None:
    """ "fell 8% last week ..., according to exchange data": the week is the fall's; the
    attribution is a report (TimeML REPORTING) with no time of its own."""
    events = mentions(
        "Shares of Acme fell 8% last week after the profit warning, according to exchange "
        "data. Analysts cut their targets on Monday."
    )
    according = one(events, "accord")
    assert according.event_class is EventClass.REPORTING
    assert (according.value, according.anchor.kind) == ("2024-10-16", AnchorKind.PUBLISH_DATE)
    assert one(events, "fall").value == "2024-W41"


def test_business_according_to_a_filing_does_not_take_the_filings_date() -> None:
    events = mentions(
        "The fund acquired 730,070 shares on Oct. 10, according to the filing. The fund "
        "declined to comment."
    )
    assert one(events, "accord").value == "2024-10-16"
    assert one(events, "acquire").value == "2024-10-10"


# --- a time framing the sentence is its shared time, and dates a present told as history -


def test_politics_a_framing_day_dates_the_plan_and_what_it_plans() -> None:
    """ "On Tuesday, the party plans to hold a rally to launch the campaign video made
    last week": the launch has no time of its own; the frame (Tuesday next, a plan), not
    the nearer week of "made last week", is the sentence's time."""
    events = mentions(
        "On Tuesday, the party plans to hold a rally to launch the campaign video made last "
        "week. Its leader spoke on Monday."
    )
    (tuesday,) = [t for t in tag("On Tuesday, the party plans to hold a rally.", dct=WEDNESDAY)]
    for lemma in ("hold", "rally", "launch"):
        assert one(events, lemma).value == tuesday.value, lemma
    assert one(events, "make").value == "2024-W41"


def test_conflict_a_present_told_as_history_takes_the_framing_month() -> None:
    """ "And just last month, a soldier is killed when a mine explodes": a present under
    a past time that frames the sentence is history, not now."""
    events = mentions(
        "And just last month, a soldier is killed when a mine explodes near the border. "
        "The army blamed the rebels."
    )
    assert one(events, "kill").value == "2024-09"
    assert one(events, "explode").value == "2024-09"


# --- a date in the possessive names the noun after it, not the report before it ---------


def test_disaster_last_years_floods_are_last_years_not_the_report() -> None:
    """ "Officials said last year's floods destroyed 3,000 homes": the floods own last
    year (what they destroyed is told with them); the report is on the publish date."""
    events = mentions(
        "Officials said last year's floods destroyed 3,000 homes. The government promised "
        "new dams on Monday."
    )
    said = one(events, "say")
    assert (said.value, said.anchor.kind) == ("2024-10-16", AnchorKind.PUBLISH_DATE)
    assert one(events, "flood").value == "2023"
    assert one(events, "destroy").value == "2023"


def test_business_tuesdays_vote_is_tuesdays_not_the_reports() -> None:
    events = mentions(
        "Shareholders said Tuesday's vote on the merger was unfair. The board defended it "
        "on Wednesday."
    )
    assert one(events, "say").value == "2024-10-16"
    assert one(events, "vote").value == "2024-10-15"


# --- a report with no time of its own takes the time of its medium ----------------------


def test_business_a_report_at_a_news_conference_yesterday() -> None:
    """ "said David Moore, ..., at a news conference yesterday": the conference's day is
    the report's, not the publish date."""
    events = mentions(
        '"We will not go over a certain level," said David Moore, the carmaker\'s vice '
        "president for finance, at a news conference yesterday in Detroit. The bid stands at "
        "$40 a share."
    )
    said = one(events, "say")
    assert (said.value, said.anchor.kind) == ("2024-10-15", AnchorKind.EXPRESSION)


def test_politics_a_report_in_a_letter_dated_monday() -> None:
    events = mentions(
        '"I formally object to these moves," the father said in the letter, dated Monday. '
        "His lawyers filed it with the court."
    )
    assert one(events, "say").value == "2024-10-14"
    assert one(events, "object").value == "2024-10-14"  # what the letter says, told then


def test_science_a_televised_address_and_a_joint_statement_date_their_reports() -> None:
    events = mentions(
        "In a televised address Friday, the agency chief described the landing as a "
        "historic event. The partners issued a joint statement Saturday saying the probe "
        "was healthy."
    )
    assert one(events, "describe").value == "2024-10-11"
    assert one(events, "say").value == "2024-10-12"


def test_a_time_of_what_a_statement_tells_is_not_the_statements() -> None:
    """ "said in a statement that the plant closed on Friday": Friday is the closing's."""
    events = mentions("The company said in a statement that the plant closed on Friday.")
    assert one(events, "say").value == "2024-10-16"
    assert one(events, "close").value == "2024-10-11"


def test_markets_a_when_clause_hung_on_a_dated_noun_happened_then() -> None:
    """ "after the 2008 crash, when banks failed and credit markets froze": the clause
    hangs on the dated noun phrase; its events are 2008's, not the narrative's month."""
    events = mentions(
        "Regulators tightened the rules in September. The rules date from after the 2008 "
        "crash, when banks failed and credit markets froze."
    )
    assert one(events, "fail").value == "2008"
    assert one(events, "freeze").value == "2008"


def test_politics_on_the_timeline_the_source_an_attribution_names_is_that_attribution() -> None:
    """ "discussed energy projects, according to a statement from the ministry": one
    report (not a second "statement" event), and what it tells is the report's: on the
    publish date (the story's Friday), not the narrative's earlier Saturday."""
    text = (
        "On Friday, the minister held talks in Moscow on a treaty signed in January and on "
        "indirect talks that began in Oman last Saturday. The two ministers also discussed "
        "energy projects, according to a statement from the Foreign Ministry."
    )
    friday = dt.date(2025, 4, 18)
    events = extract(text, published=friday).events
    assert not [e for e in events if e.lemma == "statement"]
    discussed = [e for e in events if e.lemma == "discuss"]
    assert [(e.value, e.status) for e in discussed] == [("2025-04-18", EventStatus.REPORTED)]


def test_markets_what_a_poll_finds_is_said_when_the_poll_was_taken() -> None:
    events = mentions(
        "In a Reuters poll completed on Saturday, 60 percent of economists said the central "
        "bank would cut rates. The bank meets next week."
    )
    assert one(events, "say").value == "2024-10-12"


def test_conflict_a_date_through_another_event_is_narrowed_by_a_day_of_the_sentence() -> None:
    """ "Retaliating 13 days after the bombings (in August), U.S. forces on Thursday
    launched": 13 days after an August event is some day in August; Thursday, inside it,
    is that day. The anchor still names the bombings."""
    events = mentions(
        "The bombings of two embassies in August killed 224 people. Retaliating 13 days "
        "after the bombings, U.S. forces on Thursday launched missile strikes on camps.",
        dt.date(2024, 8, 23),
    )
    retaliating = one(events, "retaliate")
    assert retaliating.value == "2024-08-22"
    assert retaliating.anchor.kind is AnchorKind.EVENT
    assert one(events, "kill").value == "2024-08"
