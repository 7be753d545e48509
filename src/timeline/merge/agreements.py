"""One agreement across articles: the reports of one treaty merged, every source kept.

Two agreements are the same when their kinds are compatible (equal, or one is a
general word: "the 20-year agreement" for a treaty; agreement, accord, pact and deal
are near-synonyms), nothing conflicts (different durations, signing dates that do not
overlap) and either their names match (the words of one, three or more, are all in
the other: "strategic partnership treaty" in "Comprehensive Strategic Partnership
Treaty"; a shorter name, "trade deal", must be equal and share a party) or they share
a duration, a party and a signing date.

The merged agreement keeps the first report's id, article and evidence, the most
frequent name and duration, the most specific kind, every party, every stage (so
reports that disagree on a date keep both dates), every area with all provisions and
evidence, and the ids of all the articles in ``sources``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations

from timeline.models import Agreement, AgreementStage, Area

__all__ = ["merge_agreements"]

_GENERAL = frozenset({"agreement"})
_SYNONYMS = frozenset({"agreement", "accord", "pact", "deal"})
_STAGE_ORDER = ("in_force", "ratified", "signed", "proposed")


def merge_agreements(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The agreements with the reports of one agreement merged, in first-report order.

    Each agreement joins the first earlier group it is the same as. Only groups that
    share a blocking key with it can be (see :func:`_keys`), so those are the only ones
    compared: the cost follows how many reports share a name or a party and duration,
    not the number of agreements squared.
    """
    groups: list[list[Agreement]] = []
    combined: list[Agreement] = []
    index: dict[str, set[int]] = {}
    for agreement in agreements:
        candidates = set().union(*(index.get(key, ()) for key in _keys(agreement)))
        slot = next((i for i in sorted(candidates) if _same(combined[i], agreement)), None)
        if slot is None:
            slot = len(groups)
            groups.append([agreement])
            combined.append(_combined(groups[slot]))
        else:
            groups[slot].append(agreement)
            combined[slot] = _combined(groups[slot])
        for key in _keys(combined[slot]):
            index.setdefault(key, set()).add(slot)
    return combined


def _keys(agreement: Agreement) -> list[tuple[object, ...]]:
    """Blocking keys: one of them is shared by any two agreements :func:`_same` accepts,
    each specific to one way of being the same: every three words of a name of three or
    more (a name inside another shares all its triples with it), the name's words with a
    party, the duration with a party. A common word ("agreement") or a party alone is
    no key: at a million events every report shares those with thousands."""
    words = _words(agreement.name)
    keys: list[tuple[object, ...]] = []
    if len(words) >= 3:
        keys += [("words", triple) for triple in combinations(sorted(words), 3)]
    for party in agreement.parties:
        keys.append(("name", words, party))
        if agreement.duration:
            keys.append(("duration", agreement.duration, party))
    return keys


def _same(a: Agreement, b: Agreement) -> bool:
    """Every way to be the same shares a key of :func:`_keys` (the blocking of
    :func:`merge_agreements` relies on it)."""
    if not _kinds_compatible(a.kind, b.kind) or _conflict(a, b):
        return False
    shared_party = not set(a.parties).isdisjoint(b.parties)
    left, right = _words(a.name), _words(b.name)
    if min(len(left), len(right)) >= 3 and (left <= right or right <= left):
        return True
    if left == right and shared_party:
        return True
    return bool(a.duration) and a.duration == b.duration and shared_party and _signed_overlap(a, b)


def _kinds_compatible(a: str, b: str) -> bool:
    return a == b or a in _GENERAL or b in _GENERAL or (a in _SYNONYMS and b in _SYNONYMS)


def _conflict(a: Agreement, b: Agreement) -> bool:
    if a.duration and b.duration and a.duration != b.duration:
        return True
    if _signed(a) and _signed(b) and not _signed_overlap(a, b):
        return True
    return False


def _signed(agreement: Agreement) -> list[AgreementStage]:
    return [s for s in agreement.stages if s.stage == "signed" and s.earliest and s.latest]


def _signed_overlap(a: Agreement, b: Agreement) -> bool:
    return any(
        x.earliest <= y.latest and y.earliest <= x.latest  # type: ignore[operator]
        for x in _signed(a)
        for y in _signed(b)
    )


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", name.lower()))


def _combined(group: Sequence[Agreement]) -> Agreement:
    first = group[0]
    if len(group) == 1:
        return replace(first, sources=first.sources or (first.article_id,))
    names = Counter(g.name for g in group)
    durations = Counter(g.duration for g in group if g.duration)
    kinds = [g.kind for g in group if g.kind not in _GENERAL] or [first.kind]
    parties = Counter(p for g in group for p in g.parties)
    return replace(
        first,
        name=max(names, key=lambda n: (names[n], len(n))),
        kind=Counter(kinds).most_common(1)[0][0],
        parties=tuple(sorted(parties, key=lambda p: -parties[p])),
        duration=durations.most_common(1)[0][0] if durations else None,
        stages=_stages(s for g in group for s in g.stages),
        areas=_areas(a for g in group for a in g.areas),
        sources=tuple(dict.fromkeys(s for g in group for s in (g.sources or (g.article_id,)))),
    )


def _stages(stages: Iterable[AgreementStage]) -> tuple[AgreementStage, ...]:
    unique: dict[tuple[str, str | None, str], AgreementStage] = {}
    for stage in stages:
        unique.setdefault((stage.stage, stage.value, stage.status), stage)
    dated = {s.stage for s in unique.values() if s.value}
    kept = [s for s in unique.values() if s.value or s.stage not in dated]
    return tuple(
        sorted(
            kept,
            key=lambda s: (s.earliest is None, s.earliest or 0, -_STAGE_ORDER.index(s.stage)),
        )
    )


def _areas(areas: Iterable[Area]) -> tuple[Area, ...]:
    merged: dict[str, tuple[list[str], list[str]]] = {}
    for area in areas:
        provisions, evidence = merged.setdefault(area.area, ([], []))
        provisions += [p for p in area.provisions if p not in provisions]
        evidence += [e for e in area.evidence if e not in evidence]
    return tuple(Area(name, tuple(p), tuple(e)) for name, (p, e) in merged.items())
