"""The event lexicon (``data/event_lexicon.json``): which lemmas are events, their type,
CAMEO code and TimeML class, and the cue words of modality and negation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.models import EventClass, EventType


@dataclass(frozen=True, slots=True)
class Lexicon:
    verb_types: dict[str, list[tuple[tuple[str, ...], EventType]]]  # lemma -> (rest, type)
    noun_types: dict[str, list[tuple[tuple[str, ...], EventType]]]
    verb_classes: dict[str, EventClass]
    noun_classes: dict[str, EventClass]
    event_nouns: frozenset[str]
    not_events: frozenset[str]
    cameo: dict[EventType, str]
    preps: dict[EventType, str]
    plan: frozenset[str]
    possible: frozenset[str]
    negations: frozenset[str]
    clause_reporting: frozenset[str]

    def is_event_noun(self, lemma: str) -> bool:
        return lemma in self.event_nouns or lemma in self.noun_types

    def verb_type(self, lemma: str, following: list[str]) -> tuple[EventType, int]:
        """(type, number of words after the lemma that belong to the trigger phrase)."""
        return _typed(self.verb_types.get(lemma, ()), following)

    def noun_type(self, lemma: str, following: list[str]) -> tuple[EventType, int]:
        return _typed(self.noun_types.get(lemma, ()), following)


def _typed(
    entries: list[tuple[tuple[str, ...], EventType]] | tuple[()], following: list[str]
) -> tuple[EventType, int]:
    for rest, etype in entries:
        if tuple(following[: len(rest)]) == rest:
            return etype, len(rest)
    return EventType.OTHER, 0


@cache
def lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("timeline.data").joinpath("event_lexicon.json").read_text("utf-8")
    )
    verbs: dict[str, list[tuple[tuple[str, ...], EventType]]] = {}
    nouns: dict[str, list[tuple[tuple[str, ...], EventType]]] = {}
    for name, spec in raw["types"].items():
        etype = EventType(name)
        for table, key in ((verbs, "verbs"), (nouns, "nouns")):
            for phrase in spec[key]:
                first, *rest = phrase.lower().split()
                table.setdefault(first, []).append((tuple(rest), etype))
    for table in (verbs, nouns):
        for entries in table.values():
            entries.sort(key=lambda r: -len(r[0]))  # longest phrase first
    return Lexicon(
        verb_types=verbs,
        noun_types=nouns,
        verb_classes=_classes(raw["classes"]),
        noun_classes=_classes(raw["noun_classes"]),
        event_nouns=frozenset(raw["event_nouns"]),
        not_events=frozenset(raw["not_events"]),
        cameo={EventType(k): v["cameo"] for k, v in raw["types"].items()},
        preps={EventType(k): v["prep"] for k, v in raw["types"].items()},
        plan=frozenset(raw["plan_cues"]),
        possible=frozenset(raw["possible_cues"]),
        negations=frozenset(raw["negations"]),
        clause_reporting=frozenset(raw["clause_reporting"]),
    )


def _classes(raw: dict[str, list[str]]) -> dict[str, EventClass]:
    return {lemma: EventClass(name) for name, lemmas in raw.items() for lemma in lemmas}
