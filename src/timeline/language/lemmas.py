"""Lemmas: ``lemminflect`` (an English lemmatiser that ships its own data) for open-class
words and auxiliaries, the table of ``data/english.json`` for clitics, modals and
pronouns. Proper nouns keep their form; so do capitalised words that are no dictionary
word ("Syrian", "NATO"); everything else is lower-cased, as in the UD treebanks."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getLemma

from timeline.language.lexicon import english

_LEMMATISED = frozenset({"NOUN", "VERB", "AUX", "ADJ", "ADV"})
_KEEP_FORM = frozenset({"PROPN", "PUNCT", "SYM", "X"})


@lru_cache(maxsize=200_000)
def lemma(word: str, upos: str, tag: str = "") -> str:
    """The lemma of ``word`` tagged ``upos`` (Universal POS) and ``tag`` (Penn Treebank);
    cached: a word type is looked up once."""
    if upos in _KEEP_FORM:
        return word
    lower = word.lower()
    table = english().closed_class_lemmas
    listed = table.get(f"{lower}/{tag}") or table.get(f"{lower}/{upos}") or table.get(lower)
    if listed:
        return listed
    if upos not in _LEMMATISED:
        return lower
    if lower != word and not getAllLemmas(lower, upos):
        return word  # "Syrian", "NATO", "CEO": not a dictionary word in lower case
    found = getLemma(lower, upos=upos, lemmatize_oov=True)
    return found[0] if found else lower
