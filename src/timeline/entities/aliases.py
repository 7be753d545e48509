"""Alias merging.

:func:`merge_aliases` groups the surface forms of one actor, within an article and
across a corpus, with rapidfuzz. The thresholds were chosen on ``tests/test_entities.py``:

* surnames match when equal (ignoring case and accents) or, for surnames of five or
  more letters, when ``fuzz.ratio >= SURNAME_RATIO`` (Mohajelani/Mohajerani 90,
  Mokhajelani/Mohajerani 86, Araguchi/Araghchi 87.5; Lavrov/Ivanov 67, Putin/Pezeshkian
  and Johnson/Jonas stay apart);
* given names are compatible when one is missing, when they share a word, or when two
  words share an initial and ``fuzz.ratio >= GIVEN_RATIO`` (Ari/Ali 67; Hillary/Bill and
  Mojtaba/Ali stay apart). A fuzzy surname match needs compatible given names;
* a surname alone joins the one full name with that surname (exact match preferred
  over fuzzy, and a name in the same article over one elsewhere); with no full name
  it stays as it is, and with several equally good ones it stays apart.

The canonical name of a group is its most complete form, then its most frequent.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from timeline.entities.gazetteer import ActorMention
from timeline.models import Entity

SURNAME_RATIO = 84.0
GIVEN_RATIO = 60.0
ORG_RATIO = 95.0


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass
class _Group:
    kind: str
    forms: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    titles: Counter[str] = field(default_factory=Counter)

    @property
    def canonical(self) -> str:
        return max(self.forms, key=lambda f: (len(f.split()), self.forms[f], -len(f)))

    @property
    def given(self) -> list[str]:
        return [_fold(w) for form in self.forms for w in form.split()[:-1]]

    @property
    def surname(self) -> str:
        return _fold(self.canonical.split()[-1])


class AliasTable:
    """Surface form -> canonical name, and the canonical :class:`Entity` list."""

    def __init__(self, groups: Iterable[_Group]) -> None:
        self._groups = [g for g in groups if g.forms]
        self._canonical: dict[tuple[str, str], str] = {}
        self._by_form: dict[str, str] = {}
        self._kinds = {g.canonical: g.kind for g in self._groups}
        for group in self._groups:
            for form in group.forms:
                self._canonical[(group.kind, form)] = group.canonical
                self._by_form.setdefault(form, group.canonical)

    def canonical(self, name: str, kind: str | None = None) -> str:
        """The canonical name for ``name`` (itself when unknown)."""
        if kind is not None and (kind, name) in self._canonical:
            return self._canonical[(kind, name)]
        return self._by_form.get(name, name)

    def kind(self, canonical: str) -> str | None:
        """person | country | organisation | location for a canonical name, else None."""
        return self._kinds.get(canonical)

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self._by_form)

    def entities(self) -> list[Entity]:
        out = []
        for g in self._groups:
            title = g.titles.most_common(1)[0][0] if g.titles else None
            aliases = tuple(sorted(f for f in g.forms if f != g.canonical))
            out.append(Entity(g.canonical, g.kind, aliases, title, sum(g.forms.values())))
        return sorted(out, key=lambda e: (-e.mentions, e.name))


def merge_aliases(mentions: Iterable[ActorMention]) -> AliasTable:
    """Group mentions naming one actor; see the module docstring for the rules."""
    by_kind: dict[str, list[ActorMention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    groups: list[_Group] = []
    groups += _merge_people(by_kind.pop("person", []))
    groups += _merge_organisations(by_kind.pop("organisation", []))
    for kind, items in by_kind.items():
        groups += _exact_groups(kind, items)
    return AliasTable(groups)


def _exact_groups(kind: str, items: Sequence[ActorMention]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for m in items:
        g = groups.setdefault(m.name, _Group(kind))
        g.forms[m.name] += 1
        g.articles.add(m.article_id)
    return list(groups.values())


def _merge_organisations(items: Sequence[ActorMention]) -> list[_Group]:
    groups: list[_Group] = []
    for form, count, articles, _ in _tally(items):
        match = next((g for g in groups if _same_org(g.canonical, form)), None)
        group = match or _Group("organisation")
        if match is None:
            groups.append(group)
        group.forms[form] += count
        group.articles |= articles
    return groups


def _same_org(a: str, b: str) -> bool:
    if a.split()[-1].lower() != b.split()[-1].lower():
        return False
    return fuzz.token_set_ratio(a, b, processor=_fold) >= ORG_RATIO


def _tally(items: Sequence[ActorMention]) -> list[tuple[str, int, set[str], Counter[str]]]:
    counts: Counter[str] = Counter(m.name for m in items)
    articles: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for m in items:
        articles[m.name].add(m.article_id)
        if m.title:
            titles[m.name][m.title] += 1
    order = sorted(counts, key=lambda f: (-len(f.split()), -counts[f], f))
    return [(f, counts[f], articles[f], titles[f]) for f in order]


def _merge_people(items: Sequence[ActorMention]) -> list[_Group]:
    full, single = _People(), _People()
    for form, count, articles, titles in _tally(items):
        words = [_fold(w) for w in form.split()]
        surname, given = words[-1], words[:-1]
        people, group = full, full.best(surname, given, articles)
        if group is None and not given:
            people, group = single, single.best(surname, [], articles)
        if group is None:
            people = full if given else single
            group = people.new()
        people.add(group, form, count, articles, titles)
    return full.groups + single.groups


class _People:
    """Person groups with their surnames indexed: a name is compared with the groups
    whose surname is equal (a dict lookup) or close (rapidfuzz over the distinct
    surnames at C speed), not with every group, so merging stays fast for thousands of
    people. Candidates keep the groups' order, as a scan over all groups would give."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.surnames: dict[str, list[int]] = {}  # folded surname -> positions, ascending
        self.position: dict[int, int] = {}  # id(group) -> position
        self.surname: list[str] = []
        self.given: list[list[str]] = []

    def new(self) -> _Group:
        group = _Group("person")
        self.position[id(group)] = len(self.groups)
        self.groups.append(group)
        self.surname.append("")
        self.given.append([])
        return group

    def add(
        self, group: _Group, form: str, count: int, articles: set[str], titles: Counter[str]
    ) -> None:
        group.forms[form] += count
        group.articles |= articles
        group.titles.update(titles)
        i = self.position[id(group)]
        self.given[i] = group.given
        surname = group.surname
        if surname != self.surname[i]:
            if self.surname[i]:
                self.surnames[self.surname[i]].remove(i)
                if not self.surnames[self.surname[i]]:
                    del self.surnames[self.surname[i]]
            bisect.insort(self.surnames.setdefault(surname, []), i)
            self.surname[i] = surname

    def best(self, surname: str, given: list[str], articles: set[str]) -> _Group | None:
        """The one group this name belongs to, or None when there is none or it is
        ambiguous (see the module docstring)."""
        found = [i for i in self.surnames.get(surname, ()) if _given_ok(self.given[i], given)]
        if not found:
            found = [i for i in self._close(surname) if _given_ok(self.given[i], given)]
        candidates = [self.groups[i] for i in found]
        if len(candidates) > 1:
            local = [g for g in candidates if g.articles & articles]
            candidates = local if local else candidates
        return candidates[0] if len(candidates) == 1 else None

    def _close(self, surname: str) -> list[int]:
        """Positions of the groups whose surname is close to ``surname``, ascending."""
        if len(surname) < 5:
            return []
        close = process.extract(
            surname, list(self.surnames), scorer=fuzz.ratio, score_cutoff=SURNAME_RATIO, limit=None
        )
        return sorted(i for name, _, _ in close if len(name) >= 5 for i in self.surnames[name])


def _given_ok(have: list[str], new: list[str]) -> bool:
    if not new:
        return True  # a surname alone: joins a full name
    if not have:
        return True
    return any(_given_pair(a, b) for a in have for b in new)


def _given_pair(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True  # an initial
    return fuzz.ratio(a, b) >= GIVEN_RATIO
