"""The area taxonomy: a TOML (or JSON) data file a user can extend, compiled to patterns."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from timeline.errors import InputError


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Area name -> terms (and excluded phrases), with one compiled pattern per area.

    :meth:`find` tries an area's pattern only where a word starts with the stem of one
    of its terms' first words (``_stem``), instead of scanning each sentence once per
    area: one regex (a trie of the stems' first three letters, case-insensitive as the
    patterns are) finds the words that may start a term, and a dictionary lookup per
    stem length gives their areas. Words that are not ASCII (where case-insensitive
    matching is more than ``str.lower``) are tried against every area, so the hits are
    exactly those of a scan per area.
    """

    terms: Mapping[str, tuple[str, ...]]
    excludes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _patterns: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _stems: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _shape: list[tuple[int, ...]] = field(default_factory=list, compare=False, repr=False)
    _starts: list[re.Pattern[str]] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        stems: dict[str, dict[str, list[str]]] = {}
        for area, terms in self.terms.items():
            excluded = self.excludes.get(area, ())
            self._patterns[area] = (
                _terms_pattern(terms),
                _terms_pattern(excluded) if excluded else None,
            )
            for term in terms:
                stem = _stem(term)
                areas = stems.setdefault(stem[:_KEY], {}).setdefault(stem, [])
                if area not in areas:
                    areas.append(area)
        for key, by_stem in stems.items():
            self._stems[key] = tuple((stem, tuple(areas)) for stem, areas in by_stem.items())
        widest = max((len(stem) for by in stems.values() for stem in by), default=0)
        self._shape[:] = [tuple(sorted({len(key) for key in stems})), (widest,)]
        starts = f"(?={_trie(stems)})" if "" not in stems else ""
        self._starts[:] = [re.compile(r"(?<![\w&])" + (starts or r"(?=\S)"), re.IGNORECASE)]

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Every (area, start, end) where a term of an area occurs in ``text``."""
        hits = []
        for area, starts in self._candidates(text).items():
            pattern, exclude = self._patterns[area]
            found, end = [], 0
            for start in starts:
                match = pattern.match(text, start) if start >= end else None
                if match is not None:
                    found.append(match.span())
                    end = match.end()
            blocked = [m.span() for m in exclude.finditer(text)] if exclude and found else []
            hits += [
                (area, s, e) for s, e in found if not any(bs < e and s < be for bs, be in blocked)
            ]
        return sorted(hits, key=lambda h: h[1])

    def _candidates(self, text: str) -> dict[str, list[int]]:
        """Area -> the positions where one of its terms may start, in area order."""
        if "" in self._stems:  # a term with an empty stem may start anywhere
            return {area: [m.start() for m in _WORD_START.finditer(text)] for area in self.terms}
        lengths, (widest,) = self._shape
        by_area: dict[str, set[int]] = {}
        for m in self._starts[0].finditer(text):
            start = m.start()
            word = text[start : start + widest]
            if word.isascii():
                word = word.lower()
                areas = [
                    area
                    for n in lengths
                    for stem, areas in self._stems.get(word[:n], ())
                    if word.startswith(stem)
                    for area in areas
                ]
            else:
                areas = list(self.terms)
            for area in areas:
                by_area.setdefault(area, set()).add(start)
        return {area: sorted(by_area[area]) for area in self.terms if area in by_area}


_KEY = 3  # stems are looked up by their first three letters (or all of a shorter one)
_WORD_START = re.compile(r"(?<![\w&])\S")


def _trie(words: Iterable[str]) -> str:
    """A regex matching the start of any of ``words`` as a trie ("a(?:b|c)"): a word
    that starts with none costs a few comparisons, not one per word."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(tree)


def _trie_node(node: dict[str, dict]) -> str:
    if "" in node:  # a word ends here: whatever follows, one of them starts here
        return ""
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _stem(term: str) -> str:
    """The lower-case prefix that every match of ``term`` starts with."""
    first = next((w for w in re.split(r"[\s-]+", term.strip().lower()) if w), "")
    if first.endswith("*") or re.search(r"[^aeiou]y$", first) or first.endswith("e"):
        return first[:-1]  # "financ*", "energ(y|ies)", "trad(e|es|ing)"
    return first


def _word_pattern(word: str) -> str:
    """A word with simple inflections: plural, -ies, -ing, -ed, -er(s); '*' = any ending."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if re.search(r"[^aeiou]y$", word):
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if word.endswith("e"):
        return re.escape(word) + "(?:s|d|r|rs)?|" + re.escape(word[:-1]) + "ing"
    if not word[-1].isalpha():
        return re.escape(word)
    return re.escape(word) + f"(?:{re.escape(word[-1])}?(?:es|ed|ing|er|ers)|s)?"


def _terms_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        words = re.split(r"[\s-]+", term.strip().lower())
        alternatives.append(r"[\s-]+".join(f"(?:{_word_pattern(w)})" for w in words if w))
    return re.compile(r"(?<![\w&])(?:" + "|".join(alternatives) + r")(?![\w&])", re.IGNORECASE)


_TAXONOMY_HELP = (
    'expected TOML (or JSON) with tables [areas."<name>"] holding terms = ["word", ...] '
    "(a non-empty list of strings) and optionally exclude = [...] and replace = true"
)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The packaged area taxonomy, extended (or partly replaced) by the file at ``path``."""
    packaged = resources.files("timeline").joinpath("data/areas.toml").read_text("utf-8")
    terms, excludes = _parse_taxonomy(packaged, "timeline/data/areas.toml", {}, {})
    if path is not None:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read taxonomy file {str(path)!r}: {exc}", source=str(path)
            ) from exc
        terms, excludes = _parse_taxonomy(text, str(path), terms, excludes)
    return Taxonomy(terms, excludes)


def _parse_taxonomy(
    text: str, source: str, terms: dict[str, tuple[str, ...]], excludes: dict[str, tuple[str, ...]]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data = _decode_taxonomy(text, source)
    areas = data.get("areas")
    if not isinstance(areas, dict) or not areas or set(data) - {"areas"}:
        raise InputError(
            f"taxonomy file {source!r} has no areas table; {_TAXONOMY_HELP}", source=source
        )
    terms, excludes = dict(terms), dict(excludes)
    for name, table in areas.items():
        new_terms = _string_list(table, "terms", source, name) if isinstance(table, dict) else None
        if not new_terms or set(table) - {"terms", "exclude", "replace"}:
            raise InputError(
                f"taxonomy file {source!r}: area {name!r} is not valid; {_TAXONOMY_HELP}",
                source=source,
                field=name,
            )
        key = name.strip().lower()
        keep = () if table.get("replace") is True else terms.get(key, ())
        terms[key] = tuple(dict.fromkeys((*keep, *new_terms)))
        excludes[key] = (*excludes.get(key, ()), *_string_list(table, "exclude", source, name))
    return terms, excludes


def _decode_taxonomy(text: str, source: str) -> dict[str, object]:
    try:
        if source.lower().endswith(".json"):
            import json

            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise InputError(
            f"taxonomy file {source!r} cannot be parsed ({exc}); {_TAXONOMY_HELP}", source=source
        ) from exc
    if not isinstance(data, dict):
        raise InputError(
            f"taxonomy file {source!r} is not a table; {_TAXONOMY_HELP}", source=source
        )
    return data


def _string_list(table: dict[str, object], key: str, source: str, area: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(
            f"taxonomy file {source!r}: {area}.{key} must be a list of non-empty strings;"
            f" {_TAXONOMY_HELP}",
            source=source,
            field=f"{area}.{key}",
        )
    return tuple(v.strip() for v in value)


@cache
def _default_taxonomy() -> Taxonomy:
    return load_taxonomy()
