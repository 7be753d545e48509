"""The event lexicon (``data/event_lexicon.json``): which lemmas are events, their type,
CAMEO code and TimeML class, and the cue words of modality and negation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from lemminflect import getAllLemmas

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
    thing_nouns: frozenset[str]
    amount_nouns: frozenset[str]
    deverbal_suffixes: tuple[str, ...]
    argument_classes: frozenset[EventClass]
    light: frozenset[str]
    same_past: frozenset[str]  # "hit", "cut": the present is also the simple past
    other_event: frozenset[str]  # "the next meeting" is not the meeting told before
    argument_free: frozenset[str]  # "prevent the attack": I_ACTION without an event argument
    expectation: frozenset[str]  # "the closing, which is expected in December": the noun's time
    timeless_reports: frozenset[str]  # "according to filings": owns no time of the sentence
    describing: frozenset[str]  # "economists polled by Reuters": a participle that describes
    implicative: frozenset[str]  # "forced the airline to cancel": the cancelling happened
    results: frozenset[str]  # "defeated Djokovic to win the title": the win happened
    report_media: frozenset[str]  # "at a news conference yesterday": the report's time
    domain_verbs: frozenset[str]  # "won 157 seats", "won the title": typed by their clause
    domain_nouns: dict[str, EventType]  # noun lemma -> the type it gives a domain verb
    result_measures: frozenset[str]  # "sales rose 4.8%": figures of the period's results

    def is_event_noun(self, lemma: str, *, amounts: bool = False) -> bool:
        """Whether a noun names a happening or a changing state; ``amounts`` admits
        quantities (sales, loss) that TimeML leaves out."""
        if lemma in self.amount_nouns:
            return amounts
        if lemma in self.thing_nouns:
            return False
        return lemma in self.event_nouns or lemma in self.noun_types or self.deverbal(lemma)

    def deverbal(self, noun: str) -> bool:
        """True when ``noun`` is a verb's nominalisation: "repatriation", "approval"."""
        return _deverbal(noun, self.deverbal_suffixes)

    def verb_type(self, lemma: str, following: list[str]) -> tuple[EventType, int]:
        """(type, number of words after the lemma that belong to the trigger phrase)."""
        return _typed(self.verb_types.get(lemma, ()), following)

    def noun_type(self, lemma: str, following: list[str]) -> tuple[EventType, int]:
        return _typed(self.noun_types.get(lemma, ()), following)


@lru_cache(maxsize=20_000)
def _deverbal(noun: str, suffixes: tuple[str, ...]) -> bool:
    for suffix in suffixes:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            if any(_is_verb(c) for c in _stems(stem, suffix)):
                return True
    return False


def _stems(stem: str, suffix: str) -> tuple[str, ...]:
    """Verbs a nominalisation may come from: creat-ion -> create, expan-sion -> expand."""
    if suffix == "sion":
        return (stem + "d", stem + "de", stem + "t", stem)
    if suffix == "al" and stem.endswith("i"):
        return (stem[:-1] + "y", stem + "e", stem)  # denial -> deny
    if suffix == "ation":
        return (stem + "ate", stem + "e", stem, stem + "y")
    return (stem, stem + "e")


def _is_verb(word: str) -> bool:
    return "VERB" in getAllLemmas(word) and word not in _NOT_STEMS


_NOT_STEMS = frozenset({"be", "do", "go"})


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
        thing_nouns=frozenset(raw["thing_nouns"]),
        amount_nouns=frozenset(raw["amount_nouns"]),
        deverbal_suffixes=tuple(raw["deverbal_suffixes"]),
        argument_classes=frozenset(EventClass(c) for c in raw["argument_classes"]),
        light=frozenset(raw["light_verbs"]),
        same_past=frozenset(raw["same_past_forms"]),
        other_event=frozenset(raw["other_event_modifiers"]),
        argument_free=frozenset(raw["argument_free"]),
        expectation=frozenset(raw["expectation_verbs"]),
        timeless_reports=frozenset(raw["timeless_reports"]),
        describing=frozenset(raw["describing_participles"]),
        implicative=frozenset(raw["implicative_verbs"]),
        results=frozenset(raw["result_infinitives"]),
        report_media=frozenset(raw["report_media"]),
        domain_verbs=frozenset(raw["domain_verbs"]),
        domain_nouns={n: EventType(k) for k, ns in raw["domain_nouns"].items() for n in ns},
        result_measures=frozenset(raw["result_measures"]),
    )


def _classes(raw: dict[str, list[str]]) -> dict[str, EventClass]:
    return {lemma: EventClass(name) for name, lemmas in raw.items() for lemma in lemmas}
