"""Lemmas: ``lemminflect`` (an English lemmatiser that ships its own data) for open-class
words and auxiliaries, the table of ``data/english.json`` for clitics and pronouns.
Proper nouns keep their form; everything else is lower-cased, as in the UD treebanks."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getLemma

from timeline.language.lexicon import english

_LEMMATISED = frozenset({"NOUN", "VERB", "AUX", "ADJ", "ADV"})
_KEEP_FORM = frozenset({"PROPN", "PUNCT", "SYM", "X"})


@lru_cache(maxsize=200_000)
def lemma(word: str, upos: str) -> str:
    """The lemma of ``word`` tagged ``upos`` (cached: a word type is looked up once)."""
    if upos in _KEEP_FORM or (upos == "ADJ" and word[:1].isupper() and not word.isupper()):
        return word
    lower = word.lower() if not word.isupper() or len(word) == 1 else word
    table = english().closed_class_lemmas
    key = lower.lower()
    found_in_table = table.get(f"{key}/{upos}") or table.get(key)
    if found_in_table:
        return found_in_table
    if upos in _LEMMATISED:
        found = getLemma(lower, upos=upos, lemmatize_oov=True)
        if found:
            return found[0]
    return lower
