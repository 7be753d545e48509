"""Dating by the clause (issue 11, second round): relative clauses hung on a dated noun
phrase, coordinated verbs, participles used as adjectives, present forms that are also
past forms, and a frame date before "a week after ...". Articles of several sentences
from several fields, each with an explicit publish date."""

from __future__ import annotations

import datetime as dt

from timeline.models import AnchorKind, Article, Event, Extraction
from timeline.pipeline import article_events, extract


def read(text: str, published: dt.date) -> Extraction:
    return extract(text, published=published)


def mentions(text: str, published: dt.date) -> list[Event]:
    return article_events(Article(id="t", text=text, published=published))


def one(events, lemma: str) -> Event:
    (found,) = [e for e in events if e.lemma == lemma]
    return found


CRIME = (
    "Police on Thursday charged a man over a string of attacks. "
    "He had been on the run since the January 1998 bombing of a clinic that killed a "
    "guard and maimed a nurse. "
    "He is also charged in the 1996 Olympic bombing, which injured 111 people."
)


def test_a_relative_clause_takes_the_date_of_the_noun_phrase_it_hangs_on() -> None:
    """ "the January 1998 bombing ... that killed a guard": the killing is the bombing's
    (January 1998), not the narrative's Thursday; so is "maimed", joined to it by "and";
    "the 1996 Olympic bombing, which injured" likewise."""
    events = mentions(CRIME, dt.date(1999, 5, 7))
    killed = one(events, "kill")
    assert killed.value == "1998-01"
    assert killed.anchor.kind is AnchorKind.EVENT  # the bombing it hangs on
    assert one(events, "maim").value == "1998-01"
    assert one(events, "injure").value == "1996"


def test_an_object_relative_clause_takes_the_date_of_its_noun_phrase() -> None:
    """ "the 1994 Clinic Access Act, which Schumer sponsored": sponsored in 1994; the
    vote against it has no date of its own and is on the publish date."""
    events = mentions(
        "The advertisement attacks the senator's vote against the 1994 Clinic Access Act, "
        "which Schumer sponsored. The campaign ends on Tuesday.",
        dt.date(1998, 10, 26),
    )
    assert one(events, "sponsor").value == "1994"


def test_a_participle_used_as_an_adjective_does_not_take_the_verbs_time() -> None:
    """ "the economy grew an estimated 2.5% in the third quarter": the quarter is the
    growth's; the fourth quarter of the analysts' forecast is not."""
    events = mentions(
        "Although the government said the economy grew an estimated 2.5% in the third "
        "quarter, analysts predict much slower growth in the fourth quarter. "
        "Stocks fell on Friday.",
        dt.date(1989, 10, 27),
    )
    assert one(events, "grow").value == "1989-Q3"


def test_a_present_form_that_is_also_a_past_form_takes_a_past_date() -> None:
    """ "whose sales hit $600 million in 1985": the tagger reads "hit" as a present, but
    it is also the past form, so 1985 dates it (a present "rises" would not take it)."""
    events = mentions(
        "Coleco bounced back with the Cabbage Patch dolls, whose sales hit $600 million "
        "in 1985. The company now sells board games.",
        dt.date(1989, 11, 2),
    )
    assert one(events, "hit").value == "1985"


def test_a_frame_date_before_a_week_after_still_dates_the_clause() -> None:
    """ "In January, a week after the anniversary of the ruling, a bomb killed a guard":
    the anniversary is no event told before, so January (which frames the sentence)
    dates the killing."""
    events = mentions(
        "Clinics have tightened security. In January, a week after the anniversary of the "
        "ruling, a bomb killed a guard in Birmingham.",
        dt.date(1998, 10, 25),
    )
    assert one(events, "kill").value == "1998-01"


def test_a_coordinated_clause_is_not_dated_by_a_phrase_of_the_first() -> None:
    """ "spotted ... in the weeks before the shooting, and was found ... in December":
    the finding is December's, not anchored on the shooting."""
    events = mentions(
        "His car was spotted in Slepian's suburban Amherst neighborhood in the weeks before "
        "the shooting, and was found abandoned at New Jersey's Newark International Airport "
        "in December, investigators said.",
        dt.date(1999, 5, 6),
    )
    assert one(events, "find").value == "1998-12"


ATTACK = (
    "Bombs exploded outside two embassies on Friday, killing dozens of people. "
    "Investigators searched the rubble on Sunday. "
    "Officials said the explosions were the work of one group. "
    "The next explosion, police warned, could come at any time."
)


def test_a_definite_event_noun_takes_the_date_of_the_event_told_before() -> None:
    """ "the explosions" (three sentences after "exploded on Friday") are Friday's, not
    the publish date of the report that mentions them; "the next explosion" is another."""
    events = mentions(ATTACK, dt.date(2024, 5, 20))
    told = [e for e in events if e.trigger == "explosions"]
    assert [e.value for e in told] == ["2024-05-17"]
    assert told[0].anchor.kind is AnchorKind.EVENT
    assert told[0].anchor.event_id == one(events, "explode").id
    nxt = [e for e in events if e.trigger == "explosion"]
    assert nxt
    assert all(e.value != "2024-05-17" for e in nxt)


def test_shares_fell_after_the_announcement_dated_by_the_announcement() -> None:
    """ "GM announced a recall of 50,000 trucks on Tuesday": Tuesday is the
    announcement's day (a day after a report's object is the report's); "the
    announcement" in the next sentence is that one."""
    events = mentions(
        "General Motors announced a recall of 50,000 trucks on Tuesday. "
        "Its shares fell 2 percent after the announcement.",
        dt.date(2024, 5, 17),
    )
    announced = one(events, "announce")
    assert announced.value == "2024-05-14"
    noun = [e for e in events if e.trigger == "announcement"]
    assert [e.value for e in noun] == ["2024-05-14"]
    assert noun[0].anchor.event_id == announced.id


def test_a_time_opening_the_sentence_dates_its_main_verb() -> None:
    """ "In July 1997, at a summit in Madrid, the alliance announced ...": the opening
    time is the announcement's (the main verb), not only the nearer noun's; "On Monday,
    after the talks ended, the minister said": the saying, not the ending."""
    events = mentions(
        "NATO admitted three members on Friday. In July 1997, at a summit in Madrid, the "
        "alliance announced it would accept Poland. On Monday, after the talks ended, the "
        "minister said the deal was close.",
        dt.date(1999, 3, 12),
    )
    assert one(events, "announce").value == "1997-07"
    assert one(events, "say").value == "1999-03-08"
    assert one(events, "say").anchor.kind is AnchorKind.EXPRESSION


def test_a_past_event_is_not_dated_by_a_later_time_of_its_sentence() -> None:
    """ "he subpoenaed the boy to testify ... on Feb. 10" (told on January 7): the
    subpoena is in the past, so February 10 is not its date; it is the report's day."""
    events = mentions(
        "Rep. Dan Burton said he subpoenaed the boy to testify before the Committee on "
        "Government Reform on Feb. 10, so he remains in the country.",
        dt.date(2000, 1, 7),
    )
    assert one(events, "subpoena").value == "2000-01-07"
