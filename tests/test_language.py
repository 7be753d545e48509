"""The language layer: tokens, sentences, part of speech, lemmas and names."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_temporal_bad_input import HOSTILE_INPUTS
from timeline.errors import TimelineError
from timeline.language import Doc, analyse, split_sentences, tokenise
from timeline.language.tagger import load_model
from timeline.language.tokens import _pattern


def _token(doc: Doc, word: str, nth: int = 0):
    return [t for t in doc.tokens if t.text == word][nth]


# Words that are both nouns and verbs, each read in a sentence of news.
POS_CASES = [
    ("The United States states its position in a letter.", "states", 0, "VERB"),
    ("Several states passed the law last year.", "states", 0, "NOUN"),
    ("The central bank cut interest rates on Tuesday.", "cut", 0, "VERB"),
    ("The rate cut surprised investors.", "cut", 0, "NOUN"),
    ("Shares of the carmaker rose 5% in early trading.", "rose", 0, "VERB"),
    ("She laid a rose on the grave.", "rose", 0, "NOUN"),
    ("Sales fell 3% in the third quarter.", "Sales", 0, "NOUN"),
    ("Sales fell 3% in the third quarter.", "fell", 0, "VERB"),
    ("Oil prices fell sharply after the announcement.", "fell", 0, "VERB"),
    ("The flight from Dubai was cancelled.", "flight", 0, "NOUN"),
    ("The company lost $3 billion last year.", "lost", 0, "VERB"),
    ("The report was published on Monday.", "report", 0, "NOUN"),
    ("The company will report its results on Thursday.", "report", 0, "VERB"),
    ("The deal was signed in Riyadh.", "deal", 0, "NOUN"),
    ("Regulators deal with such cases every year.", "deal", 0, "VERB"),
    ("Airlines will cut flights to the region.", "flights", 0, "NOUN"),
    ("Airlines will cut flights to the region.", "cut", 0, "VERB"),
]


@pytest.mark.parametrize(
    ("text", "word", "nth", "pos"), POS_CASES, ids=[f"{c[1]}-{c[3]}" for c in POS_CASES]
)
def test_noun_or_verb_is_read_from_its_sentence(text: str, word: str, nth: int, pos: str) -> None:
    token = _token(analyse(text), word, nth)
    assert token.pos == pos, [(t.text, t.pos) for t in analyse(text).tokens]


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Oil prices fell sharply.", "fell", "fall"),
        ("The United States states its case.", "states", "state"),
        ("The company lost money.", "lost", "lose"),
        ("Sales rose.", "Sales", "sale"),
        ("She's leaving.", "'s", "be"),
        ("They don't agree.", "n't", "not"),
        ("Exports were higher.", "were", "be"),
    ],
)
def test_lemmas(text: str, word: str, lemma: str) -> None:
    assert _token(analyse(text), word).lemma == lemma


NAME_CASES = [
    ("Trade between the United States and China grew.", "United States", "country", None),
    ("General Motors cut its forecast.", "General Motors", "organisation", None),
    # a description before a name is not part of it
    ("US carmaker General Motors cut jobs.", "General Motors", "organisation", None),
    ("Carmaker General Motors cut jobs.", "General Motors", "organisation", None),
    ("Bank of America cut jobs.", "Bank of America", "organisation", None),
    ("He met Abdel Fattah el-Sisi in Cairo.", "Abdel Fattah el-Sisi", "other", None),
    (
        "Egyptian President Abdel Fattah el-Sisi spoke.",
        "Abdel Fattah el-Sisi",
        "person",
        "President",
    ),
    ("Analysts at Bank of America expect a cut.", "Bank of America", "organisation", None),
    (
        "Development Minister Svenja Schulze visited Kenya.",
        "Svenja Schulze",
        "person",
        "Development Minister",
    ),
    ("Bank of America CEO Brian Moynihan said so.", "Brian Moynihan", "person", "CEO"),
    ("Bank of America CEO Brian Moynihan said so.", "Bank of America", "organisation", None),
    (
        "U.S. Secretary of State Marco Rubio flew to Riyadh.",
        "Marco Rubio",
        "person",
        "Secretary of State",
    ),
    ("Shares of Procter & Gamble rose.", "Procter & Gamble", "other", None),
    ("American forces killed Shaikh Abdullah al-Ani.", "American", "country", None),
    ("American forces killed Shaikh Abdullah al-Ani.", "Shaikh Abdullah al-Ani", "other", None),
    ("Ursula von der Leyen spoke.", "Ursula von der Leyen", "other", None),
    (
        "The talks, said development minister Svenja Schulze, went well.",
        "Svenja Schulze",
        "person",
        "development minister",
    ),
]


@pytest.mark.parametrize(
    ("text", "name", "kind", "title"), NAME_CASES, ids=[f"{c[1]}-{c[2]}" for c in NAME_CASES]
)
def test_multi_word_names_with_titles_apart(text: str, name: str, kind: str, title) -> None:
    doc = analyse(text)
    found = {n.text: n for n in doc.names}
    assert name in found, [n.text for n in doc.names]
    assert found[name].kind == kind
    assert (found[name].title.text if found[name].title else None) == title
    assert all(title is None or title not in n.text for n in doc.names)


def test_hyphenated_and_stacked_titles() -> None:
    doc = analyse(
        "UN Secretary-General Antonio Guterres met Qatar's Emir Sheikh Tamim bin Hamad Al Thani."
    )
    found = {n.text: n.title.text if n.title else None for n in doc.names}
    assert found["Antonio Guterres"] == "Secretary-General"
    assert found["Tamim bin Hamad Al Thani"] == "Emir Sheikh"


def test_a_title_alone_is_no_name_and_apposition_makes_a_person() -> None:
    doc = analyse("Vladimir Putin, President of Russia, met the Secretary of State on Friday.")
    assert [(n.text, n.kind) for n in doc.names] == [
        ("Vladimir Putin", "person"),
        ("Russia", "country"),
    ]


def test_a_surname_after_a_titled_mention_is_that_person() -> None:
    doc = analyse(
        "Development Minister Svenja Schulze spoke. Later, Schulze said the aid would grow."
    )
    assert [(n.text, n.kind) for n in doc.names] == [
        ("Svenja Schulze", "person"),
        ("Schulze", "person"),
    ]


def test_a_name_opening_a_sentence_is_found_when_the_article_uses_it_elsewhere() -> None:
    doc = analyse("Ford says it will repay the loan. Analysts expect Ford to cut jobs.")
    assert [n.text for n in doc.names] == ["Ford", "Ford"]
    assert [t.name for t in doc.tokens if t.text == "Ford"] == [0, 1]
    assert [n.first for n in doc.names] == [0, doc.tokens_in(34, 60)[2].index]


def test_united_states_is_a_name_not_a_verb() -> None:
    doc = analyse("The United States imposed tariffs on steel.")
    states = _token(doc, "States")
    assert not states.is_verb
    assert states.is_name
    assert doc.names[states.name].text == "United States"
    assert _token(doc, "imposed").is_verb


def test_days_and_months_are_not_names() -> None:
    doc = analyse("Ford said on Monday that sales fell in May.")
    assert [n.text for n in doc.names] == ["Ford"]


def test_offsets_point_into_the_text_and_lookups_agree() -> None:
    text = "  Mr. O'Brien didn't sell.\n\nGeneral Motors' shares rose 1,000.5 points.  "
    doc = analyse(text)
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert [t.index for t in doc.tokens] == list(range(len(doc.tokens)))
    assert [s.text for s in doc.sentences] == [
        "Mr. O'Brien didn't sell.",
        "General Motors' shares rose 1,000.5 points.",
    ]
    assert [t.text for t in doc.sentences[0].tokens] == [
        "Mr.",
        "O'Brien",
        "did",
        "n't",
        "sell",
        ".",
    ]
    rose = _token(doc, "rose")
    assert doc.token_at(rose.start + 2) == rose
    assert doc.token_at(0) is None  # a space
    assert doc.sentence_at(rose.start) == doc.sentences[1]
    assert doc.name_at(text.index("Motors")).text == "General Motors"
    assert [n.text for n in doc.names_in(doc.sentences[1].start, doc.sentences[1].end)] == [
        "General Motors"
    ]
    assert doc.sentences[1].doc is doc
    assert doc.tokens[-1] == doc.tokens[len(doc.tokens) - 1]
    assert doc.tokens[1:3] == tuple(doc.tokens)[1:3]
    with pytest.raises(IndexError):
        doc.tokens[len(doc.tokens)]
    assert [t.text for t in doc.tokens_in(rose.start, len(text))] == [
        "rose",
        "1,000.5",
        "points",
        ".",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Он сказал это. Жуковский пришёл. В Москве тихо.",
        "The deal was signed. Élysée officials said so. Österreich agreed.",
    ],
)
def test_sentences_start_at_capitals_of_any_script(text: str) -> None:
    assert len(split_sentences(text)) == 3


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met George W. Bush on Dec. 5 in the U.S. capital. Then he left."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Smith met George W. Bush on Dec. 5 in the U.S. capital.",
        "Then he left.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The firm is based in the U.S. The company said so.", 2),
        ("Shares of Apple Inc. It said sales rose.", 2),
        ("Shares of Apple Inc. rose in the U.S. market.", 1),
        ("Dr. The was there. He left.", 2),  # a name after a title abbreviation
    ],
)
def test_an_abbreviation_ends_a_sentence_before_a_sentence_opener(
    text: str, sentences: int
) -> None:
    assert len(split_sentences(text)) == sentences


def test_tokens_split_as_the_treebank_does() -> None:
    words = [t[0] for t in tokenise("I can't go; it's $5.50 (U.S.) for Saudi-led el-Sisi.")]
    assert words == [
        "I", "ca", "n't", "go", ";", "it", "'s", "$", "5.50", "(", "U.S.", ")", "for",
        "Saudi", "-", "led", "el", "-", "Sisi", ".",
    ]  # fmt: skip


_WORDS = st.sampled_from(
    "the United States General Motors Bank of America CEO Brian el - Sisi al bin said rose "
    "cut . , ' 's \" Minister Development President of & Co. U.S. 3.5 1,000 Жуковский Élysée "
    "and in on Monday".split()
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.lists(st.sampled_from([" ", "", "\n", "  "]), max_size=40))
def test_names_never_split_a_token(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    doc = analyse(text)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    for name in doc.names:
        assert name.start in starts
        assert name.end in ends
        assert name.text == text[name.start : name.end]
        inside = doc.tokens[name.first : name.last]
        assert inside[0].start == name.start
        assert inside[-1].end == name.end
        assert all(t.name == doc.names.index(name) for t in inside)
        if name.title is not None:
            assert name.title.end <= name.start
            assert name.title.start in starts
            assert name.title.end in ends
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)


@pytest.mark.parametrize("text", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_text_is_analysed(text: str) -> None:
    doc = analyse(text)
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert all(
        s.tokens == doc.tokens[s.tokens[0].index : s.tokens[-1].index + 1]
        for s in doc.sentences
        if s.tokens
    )


_CHARS = st.sampled_from(
    list("aZ9 .'\u2019-,:/@$nt\n") + ["can", "not", "Mr", "U.S.", "http://x.y/z", "n't"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=30).map("".join))
def test_fast_tokeniser_branches_change_nothing(text: str) -> None:
    fast, full = _pattern(fast=True), _pattern(fast=False)
    assert fast.findall(text) == full.findall(text)


@pytest.mark.parametrize("text", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_fast_tokeniser_branches_change_nothing_on_hostile_text(text: str) -> None:
    assert _pattern(fast=True).findall(text) == _pattern(fast=False).findall(text)


def test_a_broken_or_stale_model_is_a_clear_error() -> None:
    with pytest.raises(TimelineError, match="gzip-compressed JSON"):
        load_model(b"not a model")
    stale = gzip.compress(json.dumps({"feature_version": 0}).encode())
    with pytest.raises(TimelineError, match="make tagger"):
        load_model(stale)
