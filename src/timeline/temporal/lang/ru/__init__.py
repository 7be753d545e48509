"""Russian: words from dateparser's Russian locale data completed by ``words.toml``,
rules in ``dates`` and ``relative``, tense from Russian verb endings."""

from __future__ import annotations

from timeline.temporal.context import Rule
from timeline.temporal.lang.ru import dates, relative, tense

__all__ = ["RULES", "TENSE"]

RULES: tuple[Rule, ...] = (*dates.RULES, *relative.RULES)
TENSE = tense
