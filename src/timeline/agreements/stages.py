"""Stages (proposed, signed, ratified, in force) with their dates, and the duration."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

from timeline.agreements.mentions import _Group
from timeline.models import (
    AgreementStage,
    TimeExpression,
    TimexType,
)
from timeline.sentences import is_attributive, is_near_after

_LEGISLATURE = (
    r"(?:parliament|duma|majlis|senate|congress|lawmakers|legislat\w+|national\s+assembly|knesset"
    r"|bundestag|mps|deputies|(?:upper|lower)\s+house|federation\s+council)"
)
_STAGES = (
    (
        "in_force",
        re.compile(
            r"\b(?:(?:enter(?:ed|s|ing)?|c[ao]me|comes|coming|went|go|goes|going)\s+into\s+(?:force|effect)"
            r"|t(?:ook|akes?|aking)\s+effect|in\s+force|effective\s+(?:from|since|as\s+of|on))\b",
            re.I,
        ),
    ),
    (
        "ratified",
        re.compile(
            r"\bratif(?:ied|y|ies|ying|ication)\b"
            rf"|\b(?:approv(?:ed|es|e|al)|endorsed|passed)\b(?=.*\b{_LEGISLATURE}\b)"
            rf"|\b{_LEGISLATURE}\s+(?:has\s+|have\s+)?(?:approv(?:ed|es)|endorsed|passed)\b",
            re.I,
        ),
    ),
    (
        "signed",
        re.compile(
            r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s|ing)?|conclu(?:ded|des?|ding)|struck|strike|seal(?:ed|s)?"
            r"|clinch(?:ed|es)?|reach(?:ed|es)?|finali[sz]ed|agreed)\b",
            re.I,
        ),
    ),
    (
        "proposed",
        re.compile(
            r"\b(?:propos(?:ed|es|e|al)|draft(?:ed|ing|s)?|negotiat(?:ed|ing|ions?|e)|initial(?:l)?ed"
            r"|tabled)\b",
            re.I,
        ),
    ),
)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|could|may|might|must|to|expected\s+to|plans?\s+to|set\s+to|due\s+to)\s+"
    r"(?:(?:be|have|been|formally|officially|soon)\s+)*$",
    re.IGNORECASE,
)
_DURATION_CONTEXT = re.compile(
    r"\b(?:for|term\s+of|period\s+of|valid\s+for|lasting|lasts|runs\s+for|span\s+of|duration\s+of)"
    r"\s+(?:a|an|the|up\s+to|another|a\s+further)?\s*$",
    re.IGNORECASE,
)
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50}
_NUMBER_DURATION = re.compile(
    r"\b(\d+|" + "|".join(_NUMBERS) + r")[-\s](year|month|week|day)s?\b(?:-long)?", re.IGNORECASE
)


def _stages(
    text: str,
    segments: Sequence[tuple[int, int, int]],
    times: Sequence[TimeExpression],
    prefixes: Mapping[int, tuple[int, int]],
    nps: Sequence[tuple[int, int]] = (),
) -> list[AgreementStage]:
    found: dict[tuple[str, str | None, str], AgreementStage] = {}
    by_start = _Positions(times, lambda t: (t.start, t.end))
    np_index = _Positions(nps, lambda n: n)
    for index, start, end in segments:
        verbs = _stage_verbs(text, start, end) or _stage_verbs(text, *prefixes.get(index, (0, 0)))
        dated = _dated(text, by_start.within(start, end), start, end, verbs)
        sentence = text[min(start, prefixes.get(index, (start,))[0]) : end]
        lo = min([start, *(v[1] for v in verbs)])
        near = np_index.overlapping(lo, max([end, *(v[2] for v in verbs)]))
        for verb in verbs:
            own = [
                t for t in dated if min(verbs, key=lambda v, t=t: _gap(text, v, t, near)) is verb
            ]
            time = min(own, key=lambda t: _gap(text, verb, t, near)) if own else None
            stage = _stage(verb, time, sentence, text)
            found.setdefault((stage.stage, stage.value, stage.status), stage)
    dated_names = {s.stage for s in found.values() if s.value}
    stages = [s for s in found.values() if s.value or s.stage not in dated_names]
    order = [name for name, _ in _STAGES][::-1]
    return sorted(stages, key=lambda s: (s.earliest is None, s.earliest or 0, order.index(s.stage)))


_DATED = (TimexType.DATE, TimexType.TIME)
_Item = TypeVar("_Item")


class _Positions(Generic[_Item]):
    """Items with a (start, end) span, found by position in O(log n): one article's
    times or mentions, so each segment looks only at its own, never at the whole text's."""

    def __init__(self, items: Sequence[_Item], span: Callable[[_Item], tuple[int, int]]) -> None:
        pairs = sorted(((span(i), i) for i in items), key=lambda p: p[0])
        self.items = [i for _, i in pairs]
        self.starts = [s for (s, _), _ in pairs]
        self.longest = max((e - s for (s, e), _ in pairs), default=0)
        self.ends = [e for (_, e), _ in pairs]

    def within(self, start: int, end: int) -> list[_Item]:
        """Items that start in ``[start, end)``."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def overlapping(self, start: int, end: int) -> list[_Item]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [self.items[i] for i in range(lo, hi) if self.ends[i] > start]


def _dated(
    text: str,
    times: Sequence[TimeExpression],
    start: int,
    end: int,
    verbs: Sequence[tuple[str, int, int]],
) -> list[TimeExpression]:
    """The dates in ``text[start:end]`` that may date its stage verbs. A date inside a
    noun phrase ("replaces a 2001 treaty") names another thing, unless a stage verb
    follows it closely ("the Feb. 23 accord signed by")."""
    return [
        t
        for t in times
        if start <= t.start
        and t.end <= end
        and t.type in _DATED
        and (
            not is_attributive(text, t.start, t.end)
            or any(is_near_after(text, t.end, v[1]) for v in verbs)
        )
    ]


def _stage_verbs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for name, pattern in _STAGES:
        for m in pattern.finditer(text, start, end):
            if not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((name, m.start(), m.end()))
    return sorted(found, key=lambda v: v[1])


def _gap(
    text: str, verb: tuple[str, int, int], time: TimeExpression, nps: Sequence[tuple[int, int]]
) -> int:
    """Characters between a stage verb and a time, plus a clause penalty across a comma."""
    if time.start >= verb[2]:
        lo, hi = verb[2], time.start
    elif verb[1] >= time.end:
        lo, hi = time.end, verb[1]
    else:
        return 0
    inside = sum(max(0, min(hi, e) - max(lo, s)) for s, e in nps)  # "signed [a ... deal] in May"
    return hi - lo - inside + (60 if re.search(r"[,;(\u2013\u2014]", text[lo:hi]) else 0)


def _stage(
    verb: tuple[str, int, int], time: TimeExpression | None, sentence: str, text: str
) -> AgreementStage:
    planned = _PLANNED.search(text[max(0, verb[1] - 40) : verb[1]])
    return AgreementStage(
        stage=verb[0],
        value=time.value if time else None,
        earliest=time.earliest if time else None,
        latest=time.latest if time else None,
        time_text=time.text if time else None,
        evidence=sentence,
        status="planned" if planned else "happened",
    )


def _duration(text: str, group: _Group, times: Sequence[TimeExpression]) -> str | None:
    spans = [(m.start, m.head_end) for m in group.mentions]
    durations = _Positions([t for t in times if t.type is TimexType.DURATION],
                           lambda t: (t.start, t.end))  # fmt: skip
    for _, start, end in group.segments:
        for t in durations.within(start, end):
            if any(s <= t.start < e for s, e in spans) or _DURATION_CONTEXT.search(
                text[max(0, t.start - 30) : t.start]
            ):
                return t.value
    for mention in group.mentions:
        match = _NUMBER_DURATION.search(mention.text)
        if match:
            number = match.group(1).lower()
            amount = int(number) if number.isdigit() else _NUMBERS[number]
            return f"P{amount}{match.group(2)[0].upper()}"
    return None
