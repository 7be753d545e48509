"""Actor recognition and alias merging (thresholds in timeline.entities are chosen here)."""

from __future__ import annotations

import pytest

from timeline.entities import ActorMention, find_actors, merge_aliases
from timeline.sentences import split_sentences


def actors(text: str, article_id: str = "a") -> list[ActorMention]:
    return find_actors(text, split_sentences(text), article_id=article_id)


def by_text(text: str) -> dict[str, ActorMention]:
    return {m.text: m for m in actors(text)}


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Foreign Minister Abbas Araguchi traveled to Moscow.",
            "Abbas Araguchi",
            "Foreign Minister",
        ),
        ("Kremlin spokesman Dmitry Peskov said on Monday.", "Dmitry Peskov", "spokesman"),
        ("President Vladimir Putin met him.", "Vladimir Putin", "President"),
        ("Iranian government spokesman Fateme Mohajelani said.", "Fateme Mohajelani", "spokesman"),
        (
            "It was signed by Prime Minister Keir Starmer in London.",
            "Keir Starmer",
            "Prime Minister",
        ),
    ],
)
def test_titles_are_stripped_from_person_names(sentence: str, name: str, title: str) -> None:
    people = [m for m in actors(sentence) if m.kind == "person"]
    assert [(m.name, m.title) for m in people] == [(name, title)]
    assert all(sentence[m.start : m.end] == m.text for m in people)


def test_demonyms_map_to_countries_and_capitals_are_locations() -> None:
    found = by_text("Iranian and Russian officials met in Moscow, far from Tehran and Brazil.")
    assert (found["Iranian"].kind, found["Iranian"].name, found["Iranian"].form) == (
        "country",
        "Iran",
        "demonym",
    )
    assert found["Russian"].name == "Russia"
    assert found["Moscow"].kind == "location"
    assert found["Tehran"].kind == "location"
    assert found["Brazil"].kind == "country"


def test_prose_country_codes_are_countries_but_other_acronyms_are_organisations() -> None:
    found = by_text("The U.S. and NATO answered a report by IRNA and RIA.")
    assert found["U.S."].name == "United States"
    assert {found[k].kind for k in ("NATO", "IRNA", "RIA")} == {"organisation"}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("The State Duma approved it.", "State Duma"),
        ("The Kremlin has not confirmed it.", "Kremlin"),
        ("The Ministry of Foreign Affairs will announce it.", "Ministry of Foreign Affairs"),
        ("A loan from the World Bank arrived.", "World Bank"),
        ("The Joint Economic Cooperation Committee met.", "Joint Economic Cooperation Committee"),
        ("The Central Bank of Iran said so.", "Central Bank of Iran"),
        ("Workers at Tehran University protested.", "Tehran University"),
    ],
)
def test_organisations_are_found_by_pattern(text: str, org: str) -> None:
    orgs = [m.name for m in actors(text) if m.kind == "organisation"]
    assert orgs == [org]


def test_ordinary_capitalised_words_are_not_people() -> None:
    text = (
        "Describing the talks as useful, he left. Despite sanctions, trade grew. "
        "The Islamic Revolution changed the region. In April, nothing happened."
    )
    assert [m for m in actors(text) if m.kind == "person"] == []


def test_single_names_count_as_people_when_they_act() -> None:
    text = "Peskov said it was good. Putin's plans changed. Pezeshkian and Putin signed."
    people = [m.name for m in actors(text) if m.kind == "person"]
    assert people == ["Peskov", "Putin", "Pezeshkian", "Putin"]


def canon(*texts: str) -> dict[str, str]:
    mentions = [m for i, t in enumerate(texts) for m in actors(t, article_id=f"art{i}")]
    return merge_aliases(mentions).mapping


def test_transliteration_variants_merge_into_the_full_name() -> None:
    table = canon(
        "Government spokesman Fateme Mohajelani said so. Mohajelani added more.",
        "Mohajerani also emphasized it. Mokhajelani reiterated it.",
    )
    assert {table[n] for n in ("Mohajelani", "Mohajerani", "Mokhajelani")} == {"Fateme Mohajelani"}


def test_surname_joins_a_full_name_found_elsewhere_in_the_corpus() -> None:
    table = canon("Pezeshkian and Putin signed.", "President Masoud Pezeshkian spoke.")
    assert table["Pezeshkian"] == "Masoud Pezeshkian"


def test_surname_without_a_full_name_stays_as_is() -> None:
    assert canon("Pezeshkian and Putin signed.")["Pezeshkian"] == "Pezeshkian"


def test_garbled_first_name_with_the_same_surname_merges() -> None:
    table = canon("Ari Khamenei was a leader. A message from Seyed Ali Khamenei arrived.")
    assert table["Ari Khamenei"] == table["Seyed Ali Khamenei"] == "Seyed Ali Khamenei"


def test_spelling_variants_across_articles_merge() -> None:
    table = canon(
        "Foreign Minister Abbas Araguchi traveled.", "Foreign Minister Abbas Araghchi said."
    )
    assert table["Abbas Araguchi"] == table["Abbas Araghchi"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Vladimir Putin", "Vladimir Zelensky"),
        ("Hillary Clinton", "Bill Clinton"),
        ("Ali Khamenei", "Mojtaba Khamenei"),
        ("Sergei Lavrov", "Sergei Ivanov"),
    ],
)
def test_distinct_people_stay_apart(first: str, second: str) -> None:
    table = canon(f"President {first} spoke.", f"President {second} spoke.")
    assert table[first] != table[second]


def test_most_complete_then_most_frequent_form_is_canonical() -> None:
    mentions = actors("Putin spoke. Putin left. President Vladimir Putin returned.")
    entity = next(e for e in merge_aliases(mentions).entities() if e.kind == "person")
    assert (entity.name, entity.aliases, entity.title, entity.mentions) == (
        "Vladimir Putin",
        ("Putin",),
        "President",
        3,
    )


def test_entities_carry_kinds() -> None:
    mentions = actors("Iranian minister Ali Bagheri met the Kremlin in Moscow.")
    kinds = {e.name: e.kind for e in merge_aliases(mentions).entities()}
    assert kinds == {
        "Iran": "country",
        "Ali Bagheri": "person",
        "Kremlin": "organisation",
        "Moscow": "location",
    }


def test_a_capital_in_capitals_is_a_place_not_an_acronym() -> None:
    found = by_text("MOSCOW – The Kremlin said talks with NATO would resume.")
    assert (found["MOSCOW"].kind, found["MOSCOW"].name) == ("location", "Moscow")
    assert found["NATO"].kind == "organisation"


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("Russia's State Duma on Tuesday ratified the treaty.", "State Duma"),
        ("The Cabinet on Sunday approved the budget.", "Cabinet"),
        ("The Council of the European Union met.", "Council of the European Union"),
    ],
)
def test_a_weekday_or_month_ends_an_organisation_name(sentence: str, organisation: str) -> None:
    assert organisation in {m.name for m in actors(sentence) if m.kind == "organisation"}


def test_merging_thousands_of_people_is_not_quadratic_in_python(monkeypatch) -> None:
    """Surnames are indexed (exact by dict, close by rapidfuzz over distinct surnames),
    so each of 1,000 people is compared in Python with a handful of groups, not with
    all of them: count the Python-level given-name comparisons (a timing would be a
    benchmark, not a test, on a shared machine)."""
    import random

    from timeline.entities import aliases

    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("aeioukrmnst") for _ in range(rng.randint(4, 9))).title()

    names = [f"{word()} {word()}" for _ in range(1000)]
    people = [ActorMention(n, 0, len(n), "person", n, article_id="a") for n in names]
    calls = 0
    compare = aliases._given_ok

    def counted(have: list[str], new: list[str]) -> bool:
        nonlocal calls
        calls += 1
        return compare(have, new)

    monkeypatch.setattr(aliases, "_given_ok", counted)
    groups = merge_aliases(people)
    assert len(groups.entities()) > 900  # random names: almost all distinct people
    assert calls < 5 * len(people)  # a scan over every group would make ~500,000
