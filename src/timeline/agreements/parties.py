"""Parties (countries, organisations, people through their titles) and the agreement's name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from countryinfo import all_countries

from timeline.agreements.mentions import _Group, _topic
from timeline.models import (
    Entity,
)
from timeline.temporal.lang.en.lexicon import FULL_MONTHS


@cache
def _country_lexicon() -> dict[str, str]:
    """Country names, alternative spellings and demonyms (countryinfo) -> country name."""
    lexicon: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not isinstance(name, str):
            continue
        capital = info.get("capital")
        forms = [name, info.get("demonym"), *(info.get("altSpellings") or [])]
        if isinstance(capital, str):  # "Washington D.C." is also "Washington"
            forms += [capital, re.sub(r"\s+[A-Z.]+$", "", capital)]
        for form in forms:
            if (
                isinstance(form, str)
                and re.fullmatch(r"[A-Z][\w .'-]{3,}", form)
                and not form.isupper()
            ):
                if _shared_prefix(form, name) >= _shared_prefix(form, lexicon.get(form, "")):
                    lexicon[form] = name
    return lexicon | {"US": "United States", "U.S.": "United States", "UK": "United Kingdom"}


def _shared_prefix(form: str, name: str) -> int:
    """How well a demonym fits a country ("Indian": India, not British Indian Ocean Territory)."""
    if form != name and re.search(rf"\b{re.escape(form)}\b", name):
        return -1  # a territory named with the demonym
    pairs = zip(form, name, strict=False)
    return next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(form), len(name)))


def _surface_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({f for f in forms if len(f) > 1}, key=len, reverse=True)
    return (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        if ordered
        else None
    )


def _parties(
    text: str, group: _Group, entities: Sequence[Entity], prefixes: Mapping[int, tuple[int, int]]
) -> tuple[str, ...]:
    spans = [(s, e) for _, s, e in group.segments]
    spans += [prefixes[i] for i, _, _ in group.segments if i in prefixes]
    found: list[tuple[int, Entity]] = []
    by_form = {form: e for e in entities for form in (*e.aliases, e.name)}
    # Only the forms the text holds: over a big corpus an actor gathers hundreds of
    # aliases, and compiling all of them for every agreement made an article's cost grow
    # with the corpus (found profiling spark-extract on 100,000 articles).
    pattern = _surface_pattern(form for form in by_form if form in text)
    for start, end in spans:
        found += (
            [
                (m.start(), by_form[m.group()])
                for m in pattern.finditer(text, start, end)
                if not _place_use(text, m.start())
            ]
            if pattern
            else []
        )
    found.sort(key=lambda f: f[0])
    countries = [e.name for _, e in found if e.kind == "country"]
    people = [e for _, e in found if e.kind == "person"]
    countries += [c for p in dict.fromkeys(people) if (c := _country_of(p, entities))]
    organisations = [e.name for _, e in found if e.kind in {"organisation", "organization"}]
    if not entities:
        lexicon = _country_lexicon()
        countries = [
            lexicon[m.group()]
            for s, e in sorted(spans)
            for m in _lexicon_pattern().finditer(text, s, e)
            if not _place_use(text, m.start())
        ]
    chosen = countries + [o for o in organisations if not _approver(o)]
    if not chosen:
        chosen = organisations or [p.name for p in people]
    return tuple(dict.fromkeys(chosen))


# Bodies that approve an agreement others signed ("takes effect once the European
# Parliament approves it", "subject to approval by regulators"): not its signatories
# while the agreement names any other party.
_APPROVERS = frozenset(
    "parliament congress senate duma majlis assembly legislature knesset bundestag diet "
    "regulator regulators shareholders court".split()
)


def _approver(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in _APPROVERS


def _parties_before(
    text: str,
    group: _Group,
    entities: Sequence[Entity],
    sentences: Sequence[tuple[int, int]],
) -> tuple[str, ...]:
    """The parties of the sentence before the agreement's first, when its own clauses
    name none ("Egypt and China agreed ... The two countries signed a memorandum")."""
    first = group.mentions[0].sentence
    if first == 0:
        return ()
    before = _Group(group.mentions, set(group.topic))
    before.segments = [(first - 1, *sentences[first - 1])]
    return _parties(text, before, entities, {})


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|via|off|across|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE
)


def _place_use(text: str, start: int) -> bool:
    """True for a name used as a place ("signed in the Kremlin", "flew to Moscow", "an
    oil field off Guyana"):
    the place of the signing, not a party to it."""
    return _PLACE_BEFORE.search(text, max(0, start - 10), start) is not None


@cache
def _lexicon_pattern() -> re.Pattern[str]:
    pattern = _surface_pattern(_country_lexicon())
    assert pattern is not None  # the dataset is never empty
    return pattern


def _country_of(person: Entity, entities: Sequence[Entity]) -> str | None:
    """The country a person's title names ("Russian President" -> Russia), if any."""
    if not person.title:
        return None
    for entity in entities:
        if entity.kind == "country" and any(
            re.search(rf"(?<!\w){re.escape(f)}(?!\w)", person.title)
            for f in (entity.name, *entity.aliases)
        ):
            return entity.name
    match = _lexicon_pattern().search(person.title)
    return _country_lexicon()[match.group()] if match else None


_CALENDAR_WORD = re.compile(
    rf"^(?:{'|'.join(m.capitalize() for m in FULL_MONTHS)}|\d{{4}}|\d{{4}}s)$"
)


#: Words that praise rather than name: the name keeps "20-year strategic cooperation".
_EVALUATIVE = re.compile(
    r"^(?:landmark|historic|major|key|important|big|huge|so-called|new|fresh|first|final"
    r"|possible|potential|planned|proposed|draft|\$.*|\d[\d.,]*|billion|million|trillion"
    r"|multi-billion-dollar)$",
    re.IGNORECASE,
)


def _name(group: _Group, parties: Sequence[str]) -> str:
    proper = [m for m in group.mentions if m.proper]
    if proper:
        return re.sub(r"^(?:the|The)\s+", "", max(proper, key=lambda m: len(m.premods)).text)
    best = max(group.mentions, key=lambda m: (len(_topic(m)), len(m.text)))
    head = (
        best.text[best.text.rfind(best.premods[-1]) + len(best.premods[-1]) :]
        if best.premods
        else best.text
    )
    words = [w for w in best.premods if not _EVALUATIVE.match(w) and not _CALENDAR_WORD.match(w)]
    name = " ".join([*words, head.strip()])
    if not words and " " not in head.strip() and parties:
        name = f"{'–'.join(parties[:3])} {name}"
    return name[0].upper() + name[1:]
