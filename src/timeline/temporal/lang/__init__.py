"""Languages of the temporal engine. A language is a folder here: ``words.toml`` (its
time words, one place for each) and a package whose ``RULES`` are its rules (pattern,
triggers and resolver declared together) and whose ``TENSE`` reads its verb forms.
Calendar arithmetic, TIMEX3 values and selection are shared by all languages."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache

from timeline.errors import InputError
from timeline.temporal.context import Rule
from timeline.temporal.tense import TenseReader

__all__ = ["LANGUAGES", "Language", "detect_language", "language"]

LANGUAGES = {"en": "English", "ru": "Russian"}


@dataclass(frozen=True, slots=True, eq=False)
class Language:
    """One language's rules, with the index from trigger word to the rules it wakes."""

    code: str
    rules: tuple[Rule, ...]
    tense: TenseReader
    by_word: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    numeric: tuple[Rule, ...] = ()

    @classmethod
    def of(cls, code: str, rules: tuple[Rule, ...], tense: TenseReader) -> Language:
        by_word: dict[str, tuple[Rule, ...]] = {}
        for rule in rules:
            for word in rule.triggers:
                by_word[word] = (*by_word.get(word, ()), rule)
        numeric = tuple(r for r in rules if r.numeric is not None)
        return cls(code, rules, tense, by_word, numeric)


@cache
def language(code: str) -> Language:
    """The language ``code`` ("en", "ru"); raises :class:`InputError` for another."""
    if code not in LANGUAGES:
        known = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        raise InputError(f"unknown language {code!r}; available: {known}", field="lang")
    module = importlib.import_module(f"timeline.temporal.lang.{code}")
    return Language.of(code, module.RULES, module.TENSE)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def detect_language(text: str) -> str:
    """ "ru" when at least 30% of the letters of ``text`` (its first 5,000 characters)
    are Cyrillic, else "en": a script test, enough to tell the supported languages apart."""
    sample = text[:5000]
    cyrillic = len(_CYRILLIC.findall(sample))
    if not cyrillic:  # most texts: no need to count the letters
        return "en"
    letters = sum(c.isalpha() for c in sample)
    return "ru" if letters and cyrillic / letters >= 0.3 else "en"
