"""Actor mentions, tokens, and the gazetteer: countries, demonyms and capitals from the
``countryinfo`` dataset, titles and organisations from ``data/actor_patterns.json``."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from timeline.temporal.words import load_words

# Initials ("U.S."), a word before a possessive 's ("Putin" of "Putin's"), the 's, a word
# with inner apostrophes, dots or hyphens, or one other character. The two word forms
# share their first \w+ so a word is scanned once (six times faster than two branches).
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|\w+(?:(?:-\w+)*(?=['\u2019]s\b)|(?:['\u2019.\-]\w+)*)|['\u2019]s\b|\S"
)
# Month names and abbreviations, as the temporal engine's English word table has them.
_MONTHS = frozenset(w.capitalize() for w in load_words("en").months)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One occurrence of an actor: ``text == source[start:end]``, ``name`` normalised."""

    text: str
    start: int
    end: int
    kind: str  # person | country | organisation | location
    name: str
    title: str | None = None
    form: str = "name"  # name | demonym | code | capital | title-only
    article_id: str = ""


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    capitalised: bool
    index: int


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, str]  # lower-case surface -> country name
    demonyms: dict[str, str]
    capitals: dict[str, str]  # lower-case capital -> capital as written
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first word -> titles, longest first
    org_heads: frozenset[str]
    known_orgs: dict[str, str]
    not_name: frozenset[str]
    particles: frozenset[str]
    max_words: int = 4
    multiword_starts: frozenset[str] = frozenset()  # first words of multi-word names


@cache
def _gazetteer() -> _Gazetteer:
    from countryinfo import all_countries  # a data package; loaded once, on first use

    patterns = json.loads(
        resources.files("timeline.data").joinpath("actor_patterns.json").read_text("utf-8")
    )
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        iso = info.get("ISO") or {}
        codes = {iso.get("alpha2"), iso.get("alpha3")}
        for alias in [name, *(info.get("altSpellings") or [])]:
            if alias and alias not in codes and alias.isascii():
                countries.setdefault(alias.lower(), name)
        if info.get("demonym"):
            demonyms.setdefault(info["demonym"].lower(), name)
        capital = info.get("capital") or []
        for city in [capital] if isinstance(capital, str) else capital:
            capitals.setdefault(city.lower(), city)
    for code, name in patterns["country_codes_in_prose"].items():
        countries[code.lower()] = name
    titles: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in sorted((tuple(t.split()) for t in patterns["titles"]), key=len, reverse=True):
        titles[title[0]].append(title)
    known_orgs = {o.lower(): o for o in patterns["known_organisations"]}
    names = (*known_orgs, *countries, *demonyms, *capitals)
    return _Gazetteer(
        countries=countries,
        demonyms=demonyms,
        capitals=capitals,
        titles={k: tuple(v) for k, v in titles.items()},
        org_heads=frozenset(patterns["organisation_heads"]),
        known_orgs=known_orgs,
        not_name=frozenset(patterns["not_name_words"]) | _MONTHS,
        particles=frozenset(patterns["name_particles"]),
        multiword_starts=frozenset(n.split(" ")[0] for n in names if " " in n),
    )


def _tokenise(text: str, offset: int) -> list[_Token]:
    new = tuple.__new__  # _Token(...) without the Python-level __new__: a third faster
    return [
        new(_Token, (word, m.start() + offset, m.end() + offset, word[:1].isupper(), i))
        for i, m in enumerate(_TOKEN.finditer(text))
        for word in (m.group(),)
    ]
