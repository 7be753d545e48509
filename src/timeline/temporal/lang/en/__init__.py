"""English: word tables in ``words.toml``, rules (each a declaration beside its
resolver) in the modules of this package, tense from English verb forms."""

from __future__ import annotations

from itertools import chain

from timeline.temporal.context import Rule
from timeline.temporal.lang.en import (
    clock,
    dates,
    named,
    offsets,
    parts,
    periods,
    relative,
    spans,
    tense,
)

__all__ = ["RULES", "TENSE"]

RULES: tuple[Rule, ...] = tuple(
    chain(
        dates.RULES,
        parts.RULES,
        named.RULES,
        periods.RULES,
        relative.RULES,
        offsets.RULES,
        spans.RULES,
        clock.RULES,
    )
)
TENSE = tense
