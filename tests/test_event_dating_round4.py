"""Dating, round four (issue 11, item 3): the figures of a results story are the
period's, ... Articles of several sentences from several fields, each with an explicit
publish date (2024-10-16 is a Wednesday)."""

from __future__ import annotations

import datetime as dt

from timeline.models import AnchorKind, Article, Event
from timeline.pipeline import article_events

WEDNESDAY = dt.date(2024, 10, 16)


def mentions(text: str, published: dt.date = WEDNESDAY) -> list[Event]:
    return article_events(Article(id="t", text=text, published=published))


def all_of(events: list[Event], lemma: str) -> list[Event]:
    return [e for e in events if e.lemma == lemma]


def one(events: list[Event], lemma: str) -> Event:
    (found,) = all_of(events, lemma)
    return found


# --- the figures of a results story are figures of the period it reports ---


def test_business_figures_after_a_quarters_results_are_the_quarters() -> None:
    """ "reported lower third-quarter earnings. Net fell 16% to ... Sales rose 4.8% to":
    the figures are the quarter's, not last year's (a background sentence before) nor
    the publish date's."""
    events = mentions(
        "Last year, the brewer earned $480 million on sales of $4.3 billion. On Tuesday "
        "it reported lower third-quarter earnings. Net fell 16% to $123 million, or $1.02 "
        "a share, from $146 million. Sales rose 4.8% to $1.20 billion from $1.14 billion."
    )
    assert one(events, "fall").value == "2024-Q3"
    assert all_of(events, "rise")[-1].value == "2024-Q3"
    assert one(events, "fall").anchor.kind is AnchorKind.NARRATIVE


def test_business_the_comparison_base_is_not_the_period() -> None:
    """ "net income fell 6% ... from $10.1 million in the year-ago period. Sales rose":
    the year-ago period is the base of a comparison; the sales are this quarter's."""
    events = mentions(
        "Separately, the chipmaker said second-quarter net income fell 5.9% to $9.5 "
        "million from $10.1 million in the year-ago period. Revenue rose 2.9% to $329 "
        "million from $320 million."
    )
    assert one(events, "rise").value == "2024-Q2"


def test_business_a_span_of_months_ends_the_quarter() -> None:
    """ "For the nine months, ... Sales rose": the figures of the nine months are no
    longer the quarter's (the story gives them no date of their own)."""
    events = mentions(
        "The retailer said it lost $1.6 million in the third quarter. Sales rose to $3 "
        "million from $2.9 million. For the nine months, the company reported a loss of "
        "$6 million. Sales rose to $9.8 million from $8.9 million."
    )
    first, second = all_of(events, "rise")
    assert first.value == "2024-Q3"
    assert second.value != "2024-Q3"


def test_markets_a_share_price_move_is_no_figure_of_the_results() -> None:
    """A stock's move on the day is not a results figure, even when the subject's clause
    names a profit ("Class E, which represents an interest in profit, fell 75 cents")."""
    events = mentions(
        "The carmaker reported third-quarter net income of $1.1 billion. Its Class E "
        "stock, which represents an interest in the unit's profit, fell 75 cents to $52.25 "
        "on the exchange. Shares of the parent rose 2% to $48."
    )
    assert all(e.value != "2024-Q3" for e in all_of(events, "fall") + all_of(events, "rise"))


# --- a present expectation holds now; the time still to come is what it expects ---


def test_business_a_deal_expected_to_close_around_year_end_is_expected_now() -> None:
    """ "The acquisition is expected to close around year end": the year reaches past the
    publish date, so it is the closing's; the expectation holds on the publish date."""
    events = mentions(
        "Northwind Bank agreed on Monday to buy a regional lender for $2 billion. The "
        "acquisition is expected to close around year end, the banks said."
    )
    assert one(events, "expect").value == "2024-10-16"
    assert one(events, "close").value == "2024"


def test_markets_analysts_expect_a_slowdown_into_the_fourth_quarter() -> None:
    events = mentions(
        "Steel shipments fell in September. Analysts expect the slowdown to continue into "
        "the fourth quarter."
    )
    assert one(events, "expect").value == "2024-10-16"
    assert one(events, "continue").value == "2024-Q4"


def test_science_a_plan_for_a_past_quarter_keeps_its_time() -> None:
    """A time wholly past is no time still to come: "hoped to finish the trial in the
    second quarter" (a past intention) keeps it, as before."""
    events = mentions(
        "The company hoped to finish the trial in the second quarter, but enrolment was slow."
    )
    assert one(events, "hope").value == "2024-Q2"


# --- a present sharing a week or a year of another clause holds now ---


def test_business_a_present_state_in_a_relative_clause_holds_now() -> None:
    """ "Carnival, which has three ships on order, filed claims ... this week": the week is
    the filing's; having the ships holds on the publish date, not over the week."""
    events = mentions(
        "The shipyard filed for bankruptcy on Monday. Its biggest creditor is a cruise line. "
        "The cruise line, which has three ships on order from the yard, filed claims for "
        "$1.5 billion in the bankruptcy court this week."
    )
    assert one(events, "have").value == "2024-10-16"
    assert all_of(events, "file")[-1].value == "2024-W42"


def test_politics_a_present_after_as_is_now_not_this_year() -> None:
    events = mentions(
        "Polls have shown support for the reform rising from about 35 percent several years "
        "ago to about 51 percent this year, as opposition in the provinces fades."
    )
    assert one(events, "fade").value == "2024-10-16"


def test_a_present_keeps_its_own_adjunct_this_week() -> None:
    """A present with its own week ("the trial opens this week") is scheduled then."""
    events = mentions("The trial of the two suspects opens this week in Nairobi, prosecutors said.")
    assert one(events, "open").value == "2024-W42"


# --- a perfect is done by now: a time still to come is not its time ---


def test_politics_an_invitation_that_has_been_made_is_not_on_the_day_of_the_talks() -> None:
    events = mentions(
        "The prime minister has invited the leaders of both opposition parties to talks on "
        "Oct. 25. The talks would be the first since the election."
    )
    invite = one(events, "invite")
    assert invite.value == "2024-10-16"
    assert invite.anchor.kind is AnchorKind.PUBLISH_DATE
    assert all_of(events, "talks")[0].value == "2024-10-25"


def test_business_a_deal_that_has_been_agreed_is_not_on_its_closing_day() -> None:
    events = mentions(
        "Orion Foods has agreed to sell its frozen-meals unit to a rival, with the sale to "
        "be completed on Nov. 30."
    )
    assert one(events, "agree").value == "2024-10-16"


# --- a "where" clause keeps its time, like "who" and "which" ---


def test_sport_fans_fill_the_stadium_where_the_team_won_in_1998() -> None:
    """ "filled the stadium where the team won its first title in 1998": 1998 is the
    title's; the main clause before the "where" clause does not share it."""
    events = mentions(
        "Fans, waving flags, filled the stadium where the team won its first title in 1998.",
    )
    assert one(events, "win").value == "1998"
    assert one(events, "fill").value == "2024-10-16"
    assert one(events, "wave").value == "2024-10-16"


# --- a speaker's later report is on the day the story gave their earlier one ---

_PLANT = (
    "Acme Steel's chief executive, Jane Roe, said on Monday that the company would close its "
    'plant in Ohio. About 900 workers will lose their jobs. "We had no choice," Roe said. '
    '"It is a sad day for the town," Mayor Tom Hale said.'
)


def test_business_the_same_speakers_later_quote_is_on_the_day_of_her_statement() -> None:
    events = mentions(_PLANT)
    first, second, mayor = all_of(events, "say")
    assert first.value == "2024-10-14"
    assert second.value == "2024-10-14"
    assert second.anchor.kind is AnchorKind.REPORT
    assert second.anchor.event_id == first.id


def test_business_another_speakers_quote_keeps_the_publish_date() -> None:
    *_, mayor = all_of(mentions(_PLANT), "say")
    assert mayor.value == "2024-10-16"
    assert mayor.anchor.kind is AnchorKind.PUBLISH_DATE


def test_conflict_an_old_statement_of_the_same_speaker_is_not_carried() -> None:
    """A statement dated weeks before the publish date is one the story recalls; the
    speaker's undated statement is the story's own, on the publish date."""
    events = mentions(
        "General Omar Diallo said on Sept. 2 that the army would retake the town. The "
        'rebels still hold it. "We are ready," Diallo said.'
    )
    first, second = all_of(events, "say")
    assert first.value == "2024-09-02"
    assert second.value == "2024-10-16"


# --- a present the tagger reads as a base form is still a present ---


def test_politics_ministers_who_replace_others_do_not_take_their_appointment_year() -> None:
    """ "Weber and Kraus replace two ministers appointed in 2021": the tagger reads
    "replace" as a base form (VB); after its subject it is a present, which a past year
    of another clause does not date."""
    events = mentions(
        "The chancellor named her new cabinet on Tuesday. In the new cabinet, Weber and "
        "Kraus replace two ministers appointed in 2021."
    )
    replace = one(events, "replace")
    assert replace.value == "2024-10-16"
    assert one(events, "appoint").value == "2021"


def test_business_a_base_form_after_its_object_is_no_present() -> None:
    """ "helped the company survive": a bare infinitive after a verb's object keeps no
    tense of its own (it is not a clause's verb)."""
    events = mentions("The loan helped the company survive the downturn in 2020.")
    assert one(events, "survive").value == "2020"


# --- "Earlier Tuesday," frames its sentence like "On Tuesday," ---


def test_sport_earlier_tuesday_frames_the_sentence() -> None:
    """ "Earlier Tuesday, fans gathered ... as the season began this month, waving
    scarves": the framing day dates the participle, not the month of another clause."""
    events = mentions(
        "The club unveiled its new coach on Tuesday evening. Earlier Tuesday, fans gathered "
        "outside the stadium as the new season began this month, waving scarves."
    )
    assert one(events, "wave").value == "2024-10-15"
    assert one(events, "gather").value == "2024-10-15"
