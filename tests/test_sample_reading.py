"""The seed article read with its editor-supplied publish date (issue 3, "Measured")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.ingest import load_paths
from timeline.models import Event, EventStatus, EventType, Extraction
from timeline.pipeline import extract

# The seed article as data/ holds it: ../shared/samples/iran-russia-partnership.txt
# verbatim under front matter (test_ingest checks its sha256), so the suite needs no
# ../shared checkout.
SAMPLE = Path(__file__).parents[1] / "data" / "iran-russia-partnership.md"
PUBLISHED = dt.date(2025, 4, 29)


def sample_text() -> str:
    (article,), issues = load_paths([SAMPLE])
    assert not issues
    return article.text


@pytest.fixture(scope="module")
def reading() -> Extraction:
    return extract(sample_text(), published=PUBLISHED)


def of_type(result: Extraction, etype: EventType) -> list[Event]:
    return [e for e in result.events if e.type is etype]


def test_trip_to_moscow_is_a_visit_in_april(reading: Extraction) -> None:
    (trip,) = [e for e in of_type(reading, EventType.VISIT) if e.location == "Moscow"]
    assert (trip.value, trip.status, trip.cameo) == ("2025-04", EventStatus.HAPPENED, "042")
    assert trip.actors[0] in ("Abbas Araguchi", "Abbas Araghchi")
    assert "Sergei Lavrov" in trip.actors
    assert trip.time_text == "Earlier this month"


def test_signing_in_april_and_inking_in_january_are_agreement_events(
    reading: Extraction,
) -> None:
    agreements = of_type(reading, EventType.AGREEMENT)
    assert sorted(e.value for e in agreements) == ["2025-01", "2025-04"]
    signing = next(e for e in agreements if e.value == "2025-04")
    assert {"Vladimir Putin", "Pezeshkian"} <= set(signing.actors)
    # the title says what happened, from the clause, and fits a timeline label
    assert signing.title.startswith("Putin and Pezeshkian signed")
    assert len(signing.title) <= 60


def test_statements_by_peskov_and_mohajerani_are_on_the_publish_date(
    reading: Extraction,
) -> None:
    # what was said, not the Ministry's announcement to come ("will make an official
    # announcement", a planned statement with no date yet)
    statements = [
        e for e in of_type(reading, EventType.STATEMENT) if e.status is EventStatus.HAPPENED
    ]
    speakers = {e.actors[0] for e in statements}
    assert speakers == {"Dmitry Peskov", "Fateme Mohajelani"}
    assert {(e.value, str(e.anchor)) for e in statements} == {("2025-04-29", "publish date")}


def test_possible_putin_visit_to_iran_has_no_date(reading: Extraction) -> None:
    (future,) = [e for e in of_type(reading, EventType.VISIT) if e.location != "Moscow"]
    assert future.status in (EventStatus.PLANNED, EventStatus.POSSIBLE)
    assert future.actors == ("Vladimir Putin",)
    assert (future.value, future.earliest, future.latest) == (None, None, None)


def test_name_variants_are_one_actor_each(reading: Extraction) -> None:
    people = {e.name: e for e in reading.entities if e.kind == "person"}
    mohajerani = people["Fateme Mohajelani"]
    assert {"Mohajelani", "Mohajerani", "Mokhajelani"} <= set(mohajerani.aliases)
    assert people["Seyed Ali Khamenei"].aliases == ("Ari Khamenei",)
    assert people["Vladimir Putin"].aliases == ("Putin",)
    assert not any("Khamenei" in name for name in people if name != "Seyed Ali Khamenei")


def test_countries_and_organisations_are_recognised(reading: Extraction) -> None:
    kinds = {e.name: e.kind for e in reading.entities}
    assert kinds["Iran"] == kinds["Russia"] == "country"
    assert kinds["Moscow"] == kinds["Tehran"] == "location"
    for org in ("Kremlin", "IRNA", "RIA", "Ministry of Foreign Affairs"):
        assert kinds[org] == "organisation"


def test_agreement_has_duration_and_nine_areas(reading: Extraction) -> None:
    (agreement,) = reading.agreements
    assert agreement.duration == "P20Y"
    assert len(agreement.areas) == 9
