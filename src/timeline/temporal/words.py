"""A language's time words, read from its data file ``lang/<code>/words.toml``.

Each fact (a month name, a number word, a unit, a season, a part of day, a tense cue)
is written once, there; rules build their patterns from these tables with
:func:`alternation` so that patterns never drift from the words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = ["Words", "alternation", "load_words", "words"]


@dataclass(frozen=True, slots=True)
class Words:
    """The word tables of one language (lower-case keys)."""

    code: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    ones: Mapping[str, int]
    tens: Mapping[str, int]
    vague_counts: frozenset[str]
    ordinals: Mapping[str, int]
    units: Mapping[str, str]  # word -> unit key of timeline.temporal.durations.UNITS
    tense: Mapping[str, frozenset[str]]
    extra: Mapping[str, Any] = field(default_factory=dict)  # a language's own tables


def _frozen(table: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(table or {}))


@cache
def load_words(code: str) -> Words:
    """The word tables of language ``code`` (cached: read once per process)."""
    raw = tomllib.loads(
        resources.files("timeline.temporal.lang").joinpath(code, "words.toml").read_text("utf-8")
    )
    numbers = raw.get("numbers", {})
    known = {
        "months",
        "weekdays",
        "seasons",
        "parts_of_day",
        "numbers",
        "ordinals",
        "units",
        "tense",
    }
    return Words(
        code=code,
        months=_frozen(raw.get("months")),
        weekdays=_frozen(raw.get("weekdays")),
        seasons=_frozen(raw.get("seasons")),
        parts_of_day=_frozen(raw.get("parts_of_day")),
        ones=_frozen(numbers.get("ones")),
        tens=_frozen(numbers.get("tens")),
        vague_counts=frozenset(numbers.get("vague", ())),
        ordinals=_frozen(raw.get("ordinals")),
        units=_frozen(raw.get("units")),
        tense=_frozen({k: frozenset(v.split()) for k, v in raw.get("tense", {}).items()}),
        extra=_frozen({k: v for k, v in raw.items() if k not in known}),
    )


def alternation(items: Iterable[object]) -> str:
    """Regex alternation of the given words, longest first, dots escaped."""
    return "|".join(sorted((str(w).replace(".", r"\.") for w in items), key=len, reverse=True))


def words(*groups: object) -> frozenset[str]:
    """Lower-case trigger words from tables and/or space-separated strings."""
    out: set[str] = set()
    for group in groups:
        out.update(group.split() if isinstance(group, str) else (str(w) for w in group))  # type: ignore[attr-defined]
    return frozenset(w.lower() for w in out)
