"""Reading business, markets and conflict news by hand (issue 11, second round): actors
from a description ("the carmaker") and "N units later" opening a sentence. Articles of
several sentences, each with an explicit publish date."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.models import AnchorKind, Article, Event, EventClass, EventStatus, Extraction
from timeline.pipeline import article_events, extract

GM = (
    "Carmaker General Motors said on Tuesday it lost $38.7 billion in 2007. "
    "The carmaker blamed a charge for deferred tax assets. "
    "US carmaker General Motors also cut 5,000 jobs in Michigan. "
    "Shares of the carmaker fell 3 percent."
)
GM_DAY = dt.date(2008, 2, 14)  # a Thursday: "Tuesday" is February 12

AIRLINE = (
    "Delta Air Lines cancelled 300 flights on Monday as a storm hit Atlanta. "
    "The airline said it expected more cancellations."
)
BANK = (
    "HSBC Holdings reported a profit of $30 billion on Tuesday. "
    "The bank blamed higher interest rates for the rise."
)


def read(text: str, published: dt.date) -> Extraction:
    return extract(text, published=published)


def one(result: Extraction, lemma: str) -> Event:
    (found,) = [e for e in result.events if e.lemma == lemma]
    return found


@pytest.mark.parametrize(
    ("text", "published", "lemma", "name"),
    [
        (GM, GM_DAY, "blame", "General Motors"),
        (AIRLINE, dt.date(2024, 1, 12), "say", "Delta Air Lines"),
        (BANK, dt.date(2023, 2, 23), "blame", "HSBC Holdings"),
    ],
    ids=["business-the-carmaker", "aviation-the-airline", "banking-the-bank"],
)
def test_a_description_stands_for_the_company_named_before(
    text: str, published: dt.date, lemma: str, name: str
) -> None:
    """ "The carmaker blamed ...": the actor is General Motors, named in full, and the
    title says who did it by that name."""
    event = one(read(text, published), lemma)
    assert event.actors == (name,)
    assert event.title.startswith(name)


def test_a_company_name_is_never_cut_to_a_fragment() -> None:
    """ "Carmaker General Motors", "US carmaker General Motors": the name is General
    Motors (the description and the country are not part of it, nor its subject), and
    no title or actor is "Motors" alone."""
    result = read(GM, GM_DAY)
    assert one(result, "say").actors == ("General Motors",)
    assert one(result, "cut").actors == ("General Motors",)
    for event in result.events:
        assert all(a.split()[0] != "Motors" for a in event.actors), event
        assert not event.title.startswith("Motors"), event.title
    assert "Motors" not in {e.name for e in result.entities}


def test_a_description_said_of_a_name_is_not_read_as_it() -> None:
    """ "overtook General Motors as the largest carmaker": the carmaker is GM, said of it,
    not another actor; Toyota's overtaking keeps General Motors once."""
    result = read(
        "Toyota overtook General Motors as the largest carmaker. Ford raised its prices.",
        dt.date(2008, 4, 24),
    )
    assert one(result, "overtake").actors.count("General Motors") == 1


MARKETS = (
    "General Motors said on Tuesday it lost $38.7 billion in 2007. "
    "The carmaker said it would cut thousands of jobs this year. "
    "Two days later, analysts lowered their forecasts for the company. "
    "A week earlier, Ford had cut its dividend."
)
CONFLICT = (
    "Rebels seized the northern town of Kidal on March 3, the army said. "
    "Two weeks later, government troops retook the town. "
    "The rebels withdrew to the mountains three days later."
)


def test_two_days_later_is_two_days_after_the_previous_sentence_event() -> None:
    """ "Two days later, analysts lowered": two days after the Tuesday statement
    (February 14), not "this year" of the job-cut plan read before it; the lowering
    happened (past tense), and its anchor names the event it follows."""
    result = read(MARKETS, dt.date(2008, 2, 25))
    said = [e for e in result.events if e.lemma == "say" and e.value == "2008-02-19"]
    lowered = one(result, "lower")
    assert (lowered.value, lowered.earliest) == ("2008-02-21", dt.date(2008, 2, 21))
    assert lowered.status is EventStatus.HAPPENED
    assert lowered.anchor.kind is AnchorKind.EVENT
    assert said
    assert lowered.anchor.event_id in {e.id for e in said}
    dividend = [e for e in result.events if e.lemma == "cut" and "dividend" in e.title]
    assert [e.value for e in dividend] == ["2008-02-14"]  # a week before the lowering


def test_weeks_later_in_a_conflict_story_follow_the_told_event() -> None:
    """The seizure on March 3; "two weeks later" the town is retaken (March 17), and
    "three days later" at the end of the next sentence follows that (March 20)."""
    result = read(CONFLICT, dt.date(2024, 3, 25))
    assert one(result, "seize").value == "2024-03-03"
    assert one(result, "retake").value == "2024-03-17"
    assert one(result, "withdraw").value == "2024-03-20"


def test_later_after_a_date_of_its_own_sentence_keeps_that_date() -> None:
    """ "closed on Monday and reopened two days later": the sentence's own Monday anchors
    it (the tagger's reading), not an event of an earlier sentence."""
    result = read(
        "Regulators fined the bank on Friday. The exchange closed on Monday, January 8, "
        "and trading resumed two days later.",
        dt.date(2024, 1, 15),
    )
    assert one(result, "resume").value == "2024-01-10"


def test_intentional_actions_and_states_get_their_timeml_class() -> None:
    """ "prevent the attack", "seek a deal": intentional actions even with a plain
    object; "plans to", "expects": intentional states; "warned that": an intentional
    action (TimeML), not a plain report."""
    events = article_events(
        Article(
            id="c",
            text="Police prevented an attack on the bank. The company seeks a deal with its "
            "lenders and plans to sell two plants. Analysts warned that profits would fall.",
            published=dt.date(2024, 3, 1),
        )
    )
    cls = {e.lemma: e.event_class for e in events}
    assert cls["prevent"] is EventClass.I_ACTION
    assert cls["seek"] is EventClass.I_ACTION
    assert cls["plan"] is EventClass.I_STATE
    assert cls["warn"] is EventClass.I_ACTION
