"""Reading news of fields the seed never covered (issue 11, branch newsqa): articles of
several paragraphs written for these tests, each with its publish date, and what a
reader expects of their events."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.models import Event, EventType, Extraction
from timeline.pipeline import extract

ELECTION = (
    "Opposition wins Polish election, ending eight years of nationalist rule\n\n"
    "Poland's opposition parties won a majority in the parliamentary election on Sunday, "
    "according to official results published on Tuesday by the National Electoral "
    "Commission.\n\nDonald Tusk's Civic Coalition won 157 seats, and together with two "
    "allies it holds 248 of the 460 seats in the Sejm. The ruling Law and Justice party won "
    "the most votes but lost its majority.\n"
)
ELECTION_DAY = dt.date(2023, 10, 18)

QUAKE = (
    "Earthquake kills hundreds in western Morocco\n\n"
    "A magnitude 6.8 earthquake struck the High Atlas mountains late on Friday, killing at "
    "least 820 people and injuring 672 others, Morocco's interior ministry said on "
    "Saturday.\n\nThe quake destroyed buildings in villages south of Marrakech. Rescue "
    "teams searched through rubble for survivors.\n"
)
QUAKE_DAY = dt.date(2023, 9, 10)

PROBE = (
    "Japanese probe lands on the Moon\n\n"
    "The probe landed within 100 metres of its target near a crater early on Saturday. "
    "Engineers said its solar cells were not generating power.\n\n"
    "The mission was launched in September from the Tanegashima Space Center.\n"
)
PROBE_DAY = dt.date(2024, 1, 20)

ATTACK = (
    "Gunmen kill 12 at market in northern Nigeria\n\n"
    "Gunmen killed 12 people at a market in Zamfara state on Tuesday, police said. "
    "The attackers struck as traders were setting up their stalls.\n"
)
ATTACK_DAY = dt.date(2025, 6, 4)

PHONE = (
    "Vantel unveils a cheaper phone\n\n"
    "Vantel Electronics launched a new budget phone in Seoul on Monday, betting that "
    "buyers will trade down as prices rise. The company won a contract to supply "
    "handsets to a Korean carrier last month.\n"
)
PHONE_DAY = dt.date(2025, 3, 11)

TENNIS = (
    "Alcaraz beats Djokovic to win Wimbledon title\n\n"
    "Carlos Alcaraz defeated Novak Djokovic in five sets on Sunday. The Spaniard won the "
    "title at his second attempt.\n"
)
TENNIS_DAY = dt.date(2023, 7, 17)


def _types(text: str, published: dt.date, lemma: str) -> list[EventType]:
    result: Extraction = extract(text, published=published)
    found: list[Event] = [e for e in result.events if e.lemma == lemma]
    assert found, f"no {lemma!r} event in {[e.lemma for e in result.events]}"
    return [e.type for e in found]


@pytest.mark.parametrize(
    ("text", "published", "lemma", "expected"),
    [
        (ELECTION, ELECTION_DAY, "win", EventType.ELECTION),
        (ELECTION, ELECTION_DAY, "lose", EventType.ELECTION),
        (QUAKE, QUAKE_DAY, "strike", EventType.DISASTER),
        (QUAKE, QUAKE_DAY, "kill", EventType.DISASTER),
        (PROBE, PROBE_DAY, "launch", EventType.SCIENCE),
        (ATTACK, ATTACK_DAY, "kill", EventType.ATTACK),
        (ATTACK, ATTACK_DAY, "strike", EventType.ATTACK),
        (PHONE, PHONE_DAY, "launch", EventType.BUSINESS),
        (TENNIS, TENNIS_DAY, "win", EventType.SPORT),
    ],
    ids=[
        "election-won-seats-is-election",
        "election-lost-majority-is-election",
        "quake-struck-is-disaster",
        "quake-killing-participle-is-disaster",
        "space-mission-launched-is-science",
        "conflict-gunmen-killed-is-attack",
        "conflict-attackers-struck-keeps-attack",
        "business-launched-phone-is-business",
        "sport-won-title-is-sport",
    ],
)
def test_a_verb_news_of_several_fields_share_takes_the_field_of_its_clause(
    text: str, published: dt.date, lemma: str, expected: EventType
) -> None:
    assert set(_types(text, published, lemma)) == {expected}


MARKETS = (
    "Stocks slide as bond yields jump after strong jobs data\n\n"
    "Wall Street stocks fell sharply on Friday after a stronger-than-expected jobs report "
    "pushed Treasury yields to their highest level since 2007.\n\n"
    "Oil prices climbed 3 percent as traders bet that demand would hold up. Consumer prices "
    "rose 0.4 percent in September. Turnout at the exchanges reached a record. Engineers at "
    "the exchange said the systems coped. Shell reported a record profit, and Apple said "
    "iPhone sales rose.\n"
)
MARKETS_DAY = dt.date(2023, 10, 7)


def test_a_common_word_opening_a_sentence_is_no_actor_a_one_word_company_is() -> None:
    result = extract(MARKETS, published=MARKETS_DAY)
    names = {a for e in result.events for a in e.actors}
    assert not names & {"Oil", "Consumer", "Turnout", "Engineers"}, names
    assert {"Shell", "Apple"} <= names, names


MERGER = (
    "Chevron agrees to buy Hess for $53 billion\n\n"
    "Chevron Corp agreed on Monday to buy Hess Corp in an all-stock deal valued at $53 "
    "billion, giving the oil major a stake in a giant oil field off Guyana.\n\n"
    "The companies said the transaction is expected to close in the first half of next "
    "year, subject to approval by Hess shareholders and regulators.\n"
)
MERGER_DAY = dt.date(2023, 10, 24)

TRADE = (
    "EU and Chile sign trade deal to secure lithium supplies\n\n"
    "The European Union and Chile signed an advanced framework agreement in Brussels on "
    "Wednesday that removes tariffs on almost all goods.\n\n"
    "The agreement covers trade in goods and services, investment, and cooperation in "
    "renewable energy and critical raw materials. The trade part of the deal will take "
    "effect once the European Parliament approves it, which is expected early next year.\n"
)
TRADE_DAY = dt.date(2023, 12, 14)


@pytest.mark.parametrize(
    ("text", "published", "parties"),
    [
        (MERGER, MERGER_DAY, {"Chevron Corp", "Hess Corp"}),
        (TRADE, TRADE_DAY, {"European Union", "Chile"}),
    ],
    ids=["merger-field-off-a-country-is-no-party", "trade-parliament-that-approves-is-no-party"],
)
def test_the_parties_of_an_agreement_are_its_signatories(
    text: str, published: dt.date, parties: set[str]
) -> None:
    (agreement,) = extract(text, published=published).agreements
    assert set(agreement.parties) == parties


RATES = (
    "European Central Bank raises rates to record high\n\n"
    "The European Central Bank raised its key interest rate by a quarter point on Thursday, "
    "lifting the deposit rate to a record 4 percent.\n\n"
    "The sale of the old headquarters is expected to close in June.\n"
)
RATES_DAY = dt.date(2023, 9, 15)

FIGHTING = (
    "Rebels seize border town\n\n"
    "Rebel fighters captured the town of Kalemba on Sunday after two days of fighting, the "
    "army said. At least 23 civilians were killed, according to the United Nations.\n"
)
FIGHTING_DAY = dt.date(2025, 3, 10)

SELLOFF = (
    "Stocks slide after jobs data\n\n"
    "The S&P 500 lost 2.1 percent on Friday after a strong jobs report. "
    "AT&T cut 500 jobs in its network unit on the same day.\n"
)
SELLOFF_DAY = dt.date(2023, 10, 7)


def _title(text: str, published: dt.date, lemma: str) -> str:
    (event,) = [e for e in extract(text, published=published).events if e.lemma == lemma]
    return event.title


@pytest.mark.parametrize(
    ("text", "published", "lemma", "title"),
    [
        (QUAKE, QUAKE_DAY, "kill", "Magnitude 6.8 earthquake killing at least 820 people"),
        (QUAKE, QUAKE_DAY, "injure", "Magnitude 6.8 earthquake injuring 672 others"),
        (RATES, RATES_DAY, "lift", "European Central Bank lifting the deposit rate"),
        (RATES, RATES_DAY, "close", "Sale of the old headquarters to close"),
        (FIGHTING, FIGHTING_DAY, "kill", "At least 23 civilians were killed"),
        (SELLOFF, SELLOFF_DAY, "lose", "S&P 500 lost 2.1 percent after a strong jobs report"),
        (SELLOFF, SELLOFF_DAY, "cut", "AT&T cut 500 jobs in its network unit"),
    ],
    ids=[
        "quake-ing-clause-takes-the-main-subject",
        "quake-coordinated-ing-clause-takes-the-main-subject",
        "central-bank-ing-clause-not-the-noun-before-the-comma",
        "bank-expected-to-close-keeps-its-subject",
        "conflict-at-least-keeps-its-at",
        "markets-ampersand-name-stays-whole",
        "business-ampersand-after-a-capital-stays-whole",
    ],
)
def test_a_title_names_who_or_what_did_it(
    text: str, published: dt.date, lemma: str, title: str
) -> None:
    assert _title(text, published, lemma) == title


EARNINGS = (
    "Nordvik Motors swings to quarterly loss\n\n"
    "Nordvik Motors reported a net loss of $412 million for the third quarter on Tuesday. "
    "Chief Executive Maria Lindqvist told analysts that the company would cut 1,800 jobs at "
    "its plant in Gothenburg.\n\n"
    "ECB President Christine Lagarde said inflation in the euro zone was expected to remain "
    "too high for too long.\n"
)
EARNINGS_DAY = dt.date(2025, 10, 22)


@pytest.mark.parametrize(
    ("lemma", "title"),
    [
        ("tell", "Lindqvist: company to cut 1,800 jobs at its plant"),
        ("say", "Lagarde: inflation in the euro zone to remain too high"),
    ],
    ids=["earnings-told-analysts-that-drops-the-hearer", "rates-was-expected-to-reads-to"],
)
def test_a_report_title_carries_what_was_reported(lemma: str, title: str) -> None:
    assert _title(EARNINGS, EARNINGS_DAY, lemma) == title
