"""The layer's English word data (``data/english.json``), read once on first use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class English:
    abbreviations: frozenset[str]  # lower case, without the final dot: "mr", "u.s"
    closed_class_lemmas: dict[str, str]  # lower-case form (or "form/UPOS") -> lemma
    name_connectors: frozenset[str]
    title_heads: dict[str, tuple[tuple[str, ...], ...]]  # first word -> titles, longest first
    title_modifiers: frozenset[str]
    organisation_words: frozenset[str]  # as written
    calendar_names: frozenset[str]  # lower case
    abbreviations_before_names: frozenset[str]  # lower case, without the dot
    sentence_starters: frozenset[str]  # as written
    actor_descriptions: frozenset[str]  # lower case: "carmaker", "company", "airline"
    not_described: frozenset[str]  # as written: "Reuters", "Ministry" (no "the company")


@cache
def english() -> English:
    raw = json.loads(
        resources.files("timeline.language").joinpath("data", "english.json").read_text("utf-8")
    )
    heads: dict[str, list[tuple[str, ...]]] = {}
    # Tokenised as the text is: "secretary-general" is three tokens.
    tokenised = (tuple(t.replace("-", " - ").split()) for t in raw["title_heads"])
    for title in sorted(tokenised, key=len, reverse=True):
        heads.setdefault(title[0], []).append(title)
    return English(
        abbreviations=frozenset(raw["abbreviations"]),
        closed_class_lemmas=dict(raw["closed_class_lemmas"]),
        name_connectors=frozenset(raw["name_connectors"]),
        title_heads={k: tuple(v) for k, v in heads.items()},
        title_modifiers=frozenset(raw["title_modifiers"]),
        organisation_words=frozenset(raw["organisation_words"]),
        calendar_names=frozenset(raw["calendar_names"]),
        abbreviations_before_names=frozenset(raw["abbreviations_before_names"]),
        sentence_starters=frozenset(raw["sentence_starters"]),
        actor_descriptions=frozenset(raw["actor_descriptions"]),
        not_described=frozenset(raw["not_described"]),
    )
