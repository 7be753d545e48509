"""Agreements: recognition, coreference, stages, duration, parties, areas, taxonomy files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline.agreements import classify_areas, find_agreements, load_taxonomy
from timeline.agreements.taxonomy import _terms_pattern
from timeline.errors import InputError
from timeline.ingest import load_paths
from timeline.merge import merge_agreements
from timeline.models import Agreement, AgreementStage, Area, Article, Entity

# ../shared/samples/iran-russia-partnership.txt verbatim (test_ingest checks its sha256)
SEED_FILE = Path(__file__).parents[1] / "data" / "iran-russia-partnership.md"
SEED_TEXT = load_paths([SEED_FILE])[0][0].text
SEED_DATE = dt.date(2025, 4, 29)

# What timeline.entities gives for the seed article: countries with demonyms, people with titles.
SEED_ENTITIES = (
    Entity("Iran", "country", aliases=("Iranian", "Tehran")),
    Entity("Russia", "country", aliases=("Russian", "Moscow")),
    Entity("Vladimir Putin", "person", aliases=("Putin",), title="Russian President"),
    Entity("Masoud Pezeshkian", "person", aliases=("Pezeshkian",)),
    Entity("Dmitry Peskov", "person", aliases=("Peskov",), title="Kremlin spokesman"),
)


def read(text: str, published: dt.date = SEED_DATE, entities=()) -> list[Agreement]:
    article = Article("t", text, published)
    return find_agreements(article, timeline.tag(text, dct=published), entities)


def only(text: str, published: dt.date = SEED_DATE, entities=()) -> Agreement:
    agreements = read(text, published, entities)
    assert len(agreements) == 1, [a.name for a in agreements]
    return agreements[0]


def stage_values(agreement: Agreement) -> set[tuple[str, str | None]]:
    return {(s.stage, s.value) for s in agreement.stages}


def areas_of(agreement: Agreement) -> dict[str, tuple[str, ...]]:
    return {a.area: a.provisions for a in agreement.areas}


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed() -> Agreement:
    return only(SEED_TEXT, SEED_DATE, SEED_ENTITIES)


def test_seed_article_has_one_twenty_year_agreement(seed: Agreement) -> None:
    assert seed.duration == "P20Y"
    assert seed.kind == "agreement"
    assert seed.name == "20-year strategic cooperation agreement"  # as written, less "landmark"
    assert {"Iran", "Russia"} <= set(seed.parties)


def test_seed_agreement_stages_are_april_signing_and_january_inking(seed: Agreement) -> None:
    assert stage_values(seed) == {("signed", "2025-04"), ("signed", "2025-01")}
    january = next(s for s in seed.stages if s.value == "2025-01")
    assert january.time_text == "January"
    assert (january.earliest, january.latest) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert [s.value for s in seed.stages] == ["2025-01", "2025-04"]  # chronological


def test_seed_agreement_covers_the_nine_areas(seed: Agreement) -> None:
    assert list(areas_of(seed)) == [
        "defense", "energy", "industry", "agriculture", "finance",
        "transportation", "science and research", "culture", "technology",
    ]  # fmt: skip


def test_seed_agreement_provisions_land_in_energy_and_finance(seed: Agreement) -> None:
    areas = areas_of(seed)
    assert areas["energy"] == (
        "co-investment in oil and gas exploration",
        "peaceful nuclear energy initiatives",
    )
    assert len(areas["finance"]) == 1
    assert "payment systems" in areas["finance"][0]
    assert "national currencies" in areas["finance"][0]
    others = [p for area, p in areas.items() if area not in {"energy", "finance"}]
    assert others == [()] * 7


def test_seed_area_evidence_is_the_sentence_that_names_it(seed: Agreement) -> None:
    finance = next(a for a in seed.areas if a.area == "finance")
    assert any(e.startswith("The treaty also envisages") for e in finance.evidence)
    text = SEED_TEXT
    assert all(e in text for area in seed.areas for e in area.evidence)


def test_seed_parties_without_entities_come_from_country_names() -> None:
    agreement = only(SEED_TEXT)
    assert agreement.parties == ("Iran",)  # "President Putin" names no country on its own


# --------------------------------------------------------------------------- other agreements


def test_memorandum_of_understanding_on_health_and_education() -> None:
    agreement = only(
        "Kenya and Uganda signed a memorandum of understanding on health and education on "
        "Monday. The MoU provides for joint training of hospital nurses and scholarships for "
        "university students."
    )
    assert agreement.kind == "memorandum"
    assert agreement.name == "Memorandum of understanding on health and education"
    assert agreement.parties == ("Kenya", "Uganda")
    assert stage_values(agreement) == {("signed", "2025-04-28")}
    assert areas_of(agreement) == {
        "health": ("joint training of hospital nurses",),
        "education": ("scholarships for university students",),
    }


def test_trade_deal_concluded_in_a_month() -> None:
    agreement = only(
        "Britain and India concluded a free trade deal in May after three years of negotiations.",
        dt.date(2025, 7, 1),
    )
    assert (agreement.kind, agreement.name) == ("deal", "Free trade deal")
    assert ("signed", "2025-05") in stage_values(agreement)
    assert list(areas_of(agreement)) == ["trade"]


def test_defence_pact_ratified_by_parliament_then_in_force() -> None:
    agreement = only(
        "Poland's lawmakers approved a defence pact with Ukraine on March 3. The pact, signed "
        "in January, entered into force on April 1. It commits both sides to joint military "
        "drills."
    )
    assert agreement.parties == ("Poland", "Ukraine")
    assert [(s.stage, s.value) for s in agreement.stages] == [
        ("signed", "2025-01"),
        ("ratified", "2025-03-03"),
        ("in_force", "2025-04-01"),
    ]
    assert areas_of(agreement)["defense"] == ("joint military drills",)


def test_planned_signing_is_marked_planned_with_its_date() -> None:
    agreement = only("The two countries are expected to sign a 10-year energy agreement in June.")
    assert agreement.duration == "P10Y"
    (stage,) = agreement.stages
    assert (stage.stage, stage.value, stage.status) == ("signed", "2025-06", "planned")


def test_duration_from_a_term_phrase() -> None:
    agreement = only("Chile and Peru signed a fisheries accord for 15 years on Monday.")
    assert agreement.duration == "P15Y"
    assert agreement.kind == "accord"


def test_two_agreements_in_one_sentence_keep_their_own_dates_and_areas() -> None:
    trade, defence = read(
        "Iran signed a trade deal with China in May and a defence pact with Russia in June."
    )
    assert (trade.name, trade.parties, stage_values(trade)) == (
        "Trade deal", ("Iran", "China"), {("signed", "2024-05")},
    )  # fmt: skip
    assert (defence.name, defence.parties, stage_values(defence)) == (
        "Defence pact", ("Iran", "Russia"), {("signed", "2024-06")},
    )  # fmt: skip
    assert list(areas_of(trade)) == ["trade"]
    assert list(areas_of(defence)) == ["defense"]


def test_proper_name_is_kept_and_definite_mentions_corefer() -> None:
    agreement = only(
        "The Comprehensive Strategic Partnership Treaty between Iran and Russia was ratified by "
        "the State Duma on April 8. Under the treaty, the two countries will expand cooperation "
        "in transport and banking."
    )
    assert agreement.name == "Comprehensive Strategic Partnership Treaty"
    assert agreement.kind == "treaty"
    assert stage_values(agreement) == {("ratified", "2025-04-08")}
    assert set(areas_of(agreement)) == {"transportation", "finance"}


def test_people_parties_map_to_countries_through_their_titles() -> None:
    entities = (
        Entity("Emmanuel Macron", "person", aliases=("Macron",), title="French President"),
        Entity("Narendra Modi", "person", aliases=("Modi",), title="Indian Prime Minister"),
    )
    agreement = only("Macron and Modi signed a space cooperation pact.", entities=entities)
    assert agreement.parties == ("France", "India")


def test_people_are_parties_when_no_country_is_named() -> None:
    entities = (Entity("Jane Doe", "person", aliases=("Doe",)),)
    assert only("Doe signed a contract on Friday.", entities=entities).parties == ("Jane Doe",)


@pytest.mark.parametrize(
    "text",
    [
        "Officials agreed that the weather was fine.",
        "A great deal of work remains, and the ministry will deal with the problem.",
        "He is in agreement with the minister.",
        "Teachers deal with large classes. The economy contracted in the third quarter.",
        "No agreement was reached at the talks.",
        "There is broad agreement that prices will rise.",
        "She left of her own accord.",
    ],
)
def test_non_agreement_uses_are_not_agreements(text: str) -> None:
    assert read(text) == []


# --------------------------------------------------------------------------- areas and taxonomy


def test_classify_areas_uses_word_boundaries_not_substrings() -> None:
    assert classify_areas("The party met the deputies at the airport.") == []
    assert [a.area for a in classify_areas("A festival of modern art opened.")] == ["culture"]


def test_classify_areas_reaches_areas_from_the_words_used() -> None:
    areas = classify_areas(
        "The deal covers banking and railway logistics. Scientific research grants rise."
    )
    assert [a.area for a in areas] == ["finance", "transportation", "science and research"]


def test_excluded_phrases_do_not_count() -> None:
    assert classify_areas("Talks on the West Bank resumed.") == []


def test_user_taxonomy_extends_the_default(tmp_path: Path) -> None:
    user = tmp_path / "areas.toml"
    user.write_text(
        '[areas.fisheries]\nterms = ["fishing quota", "trawler"]\n'
        '[areas.culture]\nterms = ["ballet"]\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(user)
    areas = classify_areas("Trawlers get fishing quotas. The ballet tours; art shows.", taxonomy)
    assert [a.area for a in areas] == ["fisheries", "culture"]
    assert "energy" in taxonomy.terms  # the packaged areas are still there


def test_user_taxonomy_can_replace_an_area(tmp_path: Path) -> None:
    user = tmp_path / "areas.json"
    user.write_text('{"areas": {"energy": {"terms": ["hydrogen"], "replace": true}}}', "utf-8")
    taxonomy = load_taxonomy(user)
    assert taxonomy.terms["energy"] == ("hydrogen",)
    assert classify_areas("Oil prices fell.", taxonomy) == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[areas.energy\nterms = 1", "cannot be parsed"),
        ('title = "no areas"', "has no areas table"),
        ('[areas.energy]\nterms = "oil"', "energy.terms must be a list"),
        ("[areas.energy]\nterms = []", "area 'energy' is not valid"),
        ('[areas.energy]\nterms = ["oil"]\ncolour = "red"', "area 'energy' is not valid"),
    ],
)
def test_malformed_taxonomy_names_the_file_and_what_is_valid(
    tmp_path: Path, content: str, says: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_taxonomy(bad)
    message = str(caught.value)
    assert str(bad) in message
    assert says in message
    assert "terms = [" in message  # says what a valid file looks like


def test_missing_taxonomy_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read taxonomy file"):
        load_taxonomy(tmp_path / "nope.toml")


def test_many_agreements_signed_at_once_and_the_documents_that_follow() -> None:
    agreement = only(
        "Russia and China on Thursday signed more than 20 agreements covering energy, trade and "
        "agriculture during a state visit. The documents include a roadmap for gas supplies."
    )
    assert agreement.name == "Russia–China agreements"
    assert stage_values(agreement) == {("signed", "2025-04-24")}
    assert areas_of(agreement) == {
        "energy": ("roadmap for gas supplies",),
        "trade": (),
        "agriculture": (),
    }


def test_capitals_stand_for_their_countries_and_a_date_after_the_object_is_the_verbs() -> None:
    agreement = only(
        "Washington and Kyiv reached a minerals deal in December after two years of negotiations."
    )
    assert set(agreement.parties) == {"United States", "Ukraine"}
    assert ("signed", "2024-12") in stage_values(agreement)


# -- one agreement across articles ------------------------------------------------------------


def report(aid: str, name: str, kind: str = "treaty", **fields: object) -> Agreement:
    signed = fields.pop("signed", None)
    stages = ()
    if signed is not None:
        first, last = signed  # type: ignore[misc]
        value = first.isoformat() if first == last else first.isoformat()[:7]
        stages = (AgreementStage("signed", value, first, last),)
    return Agreement(id=f"{aid}:agreement:1", article_id=aid, name=name, kind=kind,
                     stages=stages, sources=(aid,), **fields)  # type: ignore[arg-type]  # fmt: skip


JANUARY = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
JUNE_2024 = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))


def test_the_reports_of_one_agreement_merge_with_every_source_and_date() -> None:
    treaty = report(
        "a1",
        "Comprehensive Strategic Partnership Treaty",
        parties=("Russia", "Iran"),
        duration="P20Y",
        signed=JANUARY,
        areas=(Area("energy", ("oil and gas exploration",), ("On energy.",)),),
    )
    later = report(
        "a2",
        "strategic partnership treaty",
        parties=("Iran",),
        signed=(dt.date(2025, 1, 17), dt.date(2025, 1, 17)),
        areas=(Area("energy", ("nuclear power",), ("Power.",)), Area("finance")),
    )
    general = report("a3", "20-year agreement", kind="agreement", parties=("Iran",),
                     duration="P20Y", signed=JANUARY)  # fmt: skip
    (merged,) = merge_agreements([treaty, later, general])
    assert (merged.id, merged.name, merged.kind) == (treaty.id, treaty.name, "treaty")
    assert merged.sources == ("a1", "a2", "a3")
    assert [s.value for s in merged.stages] == ["2025-01", "2025-01-17"]  # both dates kept
    assert [(a.area, a.provisions) for a in merged.areas] == [
        ("energy", ("oil and gas exploration", "nuclear power")), ("finance", ())
    ]  # fmt: skip
    assert merged.parties[0] == "Iran"


@pytest.mark.parametrize(
    "other",
    [
        report("b", "Comprehensive Strategic Partnership Treaty", parties=("Russia",),
               signed=JUNE_2024),  # another country's treaty of the same name, signed earlier
        report("b", "Trade deal", kind="deal", parties=("Japan",)),  # a short name, no party
        report("b", "Comprehensive Strategic Partnership Treaty", duration="P10Y"),
        report("b", "Supply contract", kind="contract", parties=("Iran",), signed=JANUARY),
    ],
    ids=["signed-apart", "other-party", "other-duration", "other-kind"],
)  # fmt: skip
def test_different_agreements_stay_apart(other: Agreement) -> None:
    first = report("a", "Comprehensive Strategic Partnership Treaty", parties=("Iran",),
                   duration="P20Y", signed=JANUARY)  # fmt: skip
    trade = report("t", "Trade deal", kind="deal", parties=("China",))
    assert len(merge_agreements([first, trade, other])) == 3


def test_the_sample_corpus_has_one_treaty_reported_by_five_articles(tmp_path: Path) -> None:
    from timeline.store import Store

    store = Store(tmp_path / "t.db")
    store.seed_if_empty(Path(__file__).parents[1] / "data")
    treaties = [g for g in store.agreements() if g.kind == "treaty"]
    assert [(g.name, g.duration, len(g.sources)) for g in treaties] == [
        ("Comprehensive Strategic Partnership Treaty", "P20Y", 5)
    ]
    assert {"signed", "ratified"} <= {s.stage for s in treaties[0].stages}
    assert len(store.agreements(merged=False)) > len(store.agreements())
    assert store.counts()["agreements"] == len(store.agreements())


# -- Taxonomy.find: a stem lookup per word gives what one scan per area gives --------------

_TAXONOMY = load_taxonomy()
_TERMS = sorted({t for terms in _TAXONOMY.terms.values() for t in terms})
_EXCLUDED = sorted({t for terms in _TAXONOMY.excludes.values() for t in terms})
_NOISE = ["the", "and", "İstanbul", "ſecurity", "\u212aelvin", "x", "é", "—", "&", "-", "R&D"]
# inflections that change a term's last letter: "energies", "trading", "financing"
_INFLECTED = sorted(
    {t[:-1] + end for t in _TERMS for end in ("ies", "ied", "ing", "ial", "es")}
    | {t.rstrip("*") + "al" for t in _TERMS if t.endswith("*")}
)


_PER_AREA = [
    (area, _terms_pattern(terms), _terms_pattern(_TAXONOMY.excludes.get(area, ())))
    for area, terms in _TAXONOMY.terms.items()
]


def _scan_per_area(text: str) -> list[tuple[str, int, int]]:
    hits = []
    for area, pattern, exclude in _PER_AREA:
        excluded = _TAXONOMY.excludes.get(area, ())
        blocked = [m.span() for m in exclude.finditer(text)] if excluded else []
        hits += [
            (area, m.start(), m.end())
            for m in pattern.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in blocked)
        ]
    return sorted(hits, key=lambda h: h[1])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_TERMS + _EXCLUDED + _NOISE + _INFLECTED),
            st.sampled_from(["lower", "upper", "title"]),
            st.sampled_from(["", "s", "ing", "ed", "ies", "'s", "&", "x"]),
            st.sampled_from([" ", "-", "", ", ", "&", ". "]),
        ),
        max_size=12,
    )
)
def test_taxonomy_find_equals_a_scan_per_area(words: list[tuple[str, str, str, str]]) -> None:
    text = "".join(getattr(w, case)() + ending + sep for w, case, ending, sep in words)
    assert _TAXONOMY.find(text) == _scan_per_area(text)
