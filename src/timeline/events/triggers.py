"""Event triggers: the verbs and nouns of ``data/event_lexicon.json`` (type + CAMEO code)
in their inflected forms, found in a sentence's words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.models import (
    EventType,
)

_WORD = re.compile(r"\w+(?:[-']\w+)*|n't|'ll|[^\w\s]")
_MODALS = frozenset(
    "to will would shall may might could can should must did does do 'll not".split()
)
_PRONOUNS = frozenset("i we they you he she it who which that".split())
_DETERMINERS = frozenset("the a an this that these those its his her their our".split())
_DEFINITE = _DETERMINERS - {"a", "an"}
_NOT_VERB_BEFORE = _DETERMINERS - _PRONOUNS  # "the signed agreement", "a visit"
_OPENERS = frozenset(
    "despite amid after before during in on at with as while since but and".split()
)
_CLAUSE_BREAKS = frozenset(',;:\u201c\u201d"()\u2013\u2014')
_QUOTES = re.compile(r"[\u201c\"]([^\u201d\"]*)[\u201d\"]")
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


@dataclass(frozen=True, slots=True)
class _Trigger:
    text: str
    start: int  # absolute offsets
    end: int
    type: EventType
    noun: bool
    index: int  # token index in the sentence


@dataclass(frozen=True, slots=True)
class _Lexicon:
    verbs: dict[
        str, list[tuple[tuple[str, ...], EventType, str]]
    ]  # first word -> (rest, type, form)
    nouns: dict[str, list[tuple[tuple[str, ...], EventType]]]
    cameo: dict[EventType, str]
    titles: dict[EventType, tuple[str, str, str]]
    preps: dict[EventType, str]
    light: frozenset[str]
    plan: frozenset[str]
    possible: frozenset[str]
    negations: frozenset[str]


def _inflect(lemma: str) -> list[tuple[str, str]]:
    """(form, kind) for a regular verb: kind is base, s, or other."""
    if lemma.endswith("e"):
        forms = [(lemma + "s", "s"), (lemma + "d", "other"), (lemma[:-1] + "ing", "other")]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = [(lemma[:-1] + "ies", "s"), (lemma[:-1] + "ied", "other"), (lemma + "ing", "other")]
    elif lemma.endswith(("s", "sh", "ch", "x")):
        forms = [(lemma + "es", "s"), (lemma + "ed", "other"), (lemma + "ing", "other")]
    else:
        forms = [(lemma + "s", "s"), (lemma + "ed", "other"), (lemma + "ing", "other")]
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # travelled, shipped
            forms += [(lemma + lemma[-1] + "ed", "other"), (lemma + lemma[-1] + "ing", "other")]
    return [(lemma, "base"), *forms]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("timeline.data").joinpath("event_lexicon.json").read_text("utf-8")
    )
    verbs: dict[str, list[tuple[tuple[str, ...], EventType, str]]] = {}
    nouns: dict[str, list[tuple[tuple[str, ...], EventType]]] = {}
    irregular = raw["irregular"]
    for name, spec in raw["types"].items():
        etype = EventType(name)
        for lemma in spec["verbs"]:
            first, *rest = lemma.split()
            forms = _inflect(first) + [(f.split()[0], "other") for f in irregular.get(lemma, [])]
            for form, kind in forms:
                verbs.setdefault(form, []).append((tuple(rest), etype, kind))
        for noun in spec["nouns"]:
            first, *rest = noun.split()
            nouns.setdefault(first, []).append((tuple(rest), etype))
    for entries in verbs.values():
        entries.sort(key=lambda r: -len(r[0]))  # longest phrase first
    return _Lexicon(
        verbs=verbs,
        nouns=nouns,
        cameo={EventType(k): v["cameo"] for k, v in raw["types"].items()},
        titles={EventType(k): tuple(v["title"]) for k, v in raw["types"].items()},
        preps={EventType(k): v["prep"] for k, v in raw["types"].items()},
        light=frozenset(raw["light_verbs"]),
        plan=frozenset(raw["plan_cues"]),
        possible=frozenset(raw["possible_cues"]),
        negations=frozenset(raw["negations"]),
    )


def _find_triggers(
    tokens: list[tuple[str, int]],
    quoted: list[tuple[int, int]],
    lex: _Lexicon,
    seen: set[EventType],
) -> list[_Trigger]:
    found: list[_Trigger] = []
    words = [t.lower() for t, _ in tokens]
    verbs, nouns = lex.verbs, lex.nouns
    i = 0
    while i < len(tokens):
        if words[i] not in verbs and words[i] not in nouns:
            i += 1
            continue
        hit = _verb_at(words, tokens, i, lex) or _noun_at(words, i, lex, found, seen)
        if hit is None:
            i += 1
            continue
        length, etype, noun = hit
        start = tokens[i][1]
        end = tokens[i + length - 1][1] + len(tokens[i + length - 1][0])
        inside = any(a <= start < b for a, b in quoted)
        if not inside and not _negated(words, i, lex):
            text = " ".join(t for t, _ in tokens[i : i + length])
            found.append(_Trigger(text, start, end, etype, noun, i))
        i += length
    return found


def _verb_at(
    words: list[str], tokens: list[tuple[str, int]], i: int, lex: _Lexicon
) -> tuple[int, EventType, bool] | None:
    prev = words[i - 1] if i else ""
    if prev in _NOT_VERB_BEFORE:
        return None  # "the signed agreement", "a visit"
    for rest, etype, kind in lex.verbs.get(words[i], ()):
        if tuple(words[i + 1 : i + 1 + len(rest)]) != rest:
            continue
        if kind == "base" and prev not in _MODALS and prev not in _PRONOUNS:
            continue
        named = i and tokens[i - 1][0][:1].isupper() and prev not in _OPENERS
        if kind == "s" and not (prev in _PRONOUNS or named):
            continue
        if etype is EventType.MILITARY and _deal_follows(words, i):
            etype = EventType.AGREEMENT  # "struck a deal"
        return 1 + len(rest), etype, False
    return None


def _deal_follows(words: list[str], i: int) -> bool:
    return any(w in ("deal", "agreement", "accord", "bargain") for w in words[i + 1 : i + 4])


def _noun_at(
    words: list[str], i: int, lex: _Lexicon, found: list[_Trigger], seen: set[EventType]
) -> tuple[int, EventType, bool] | None:
    for rest, etype in lex.nouns.get(words[i], ()):
        if tuple(words[i + 1 : i + 1 + len(rest)]) != rest:
            continue
        window = words[max(0, i - 4) : i]
        if not (set(window) & (lex.light | lex.plan | lex.possible)):
            continue
        repeated = etype in seen or any(t.type is etype for t in found)
        if repeated and set(words[max(0, i - 2) : i]) & _DEFINITE:
            continue  # "the visit": an event already found in this article
        return 1 + len(rest), etype, True
    return None


def _negated(words: list[str], i: int, lex: _Lexicon) -> bool:
    window = words[max(0, i - 3) : i]
    return bool(set(window) & lex.negations) or "yet" in window[-1:]
