"""Which event of a sentence owns each of its time expressions: the nearest, in its own
clause if any, with the adjustments English syntax asks for (a date inside a noun phrase
names that noun, a time after a preposition closes the phrase before it, a time opening
the sentence frames its main verb, a day after a report's object is the report's)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.events.mentions import Mention
from timeline.models import DAY_OR_FINER, EventClass, TimeExpression
from timeline.sentences import Span, is_attributive, is_near_after

__all__ = ["FINITE", "frames", "gap", "owners"]

_CLAUSE_PENALTY = 40


def gap(t: TimeExpression, m: Mention) -> int:
    return max(m.start - t.end, t.start - m.end, 0)


def owners(
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
    span: Span,
    clause_of: dict[int, int],
    timeless: frozenset[int] = frozenset(),
) -> dict[int, list[TimeExpression]]:
    """Expressions of the sentence by the index (in ``mentions``) of the event owning
    each: the nearest one, in its own clause if any. A date inside a noun phrase ("a
    2001 treaty") belongs only to that noun or a clause attached to it; an attribution
    in ``timeless`` ("according to filings") owns none."""
    owned: dict[int, list[TimeExpression]] = {}
    if not mentions:
        return owned
    for t in times:
        attributive = is_attributive(span.text, t.start - span.start, t.end - span.start)
        candidates = [
            k
            for k, m in enumerate(mentions)
            if (
                not attributive
                or is_near_after(span.text, t.end - span.start, m.start - span.start)
            )
            and not m.modifier
            and k not in timeless
        ]
        named = [k for k in candidates if _possessed(t, mentions[k], span)]
        candidates = named or candidates
        if not candidates:
            continue
        clause = clause_of.get(t.start)
        leftward = _after_preposition(t, span) and any(
            _attached(mentions[k], t, span) for k in candidates
        )
        best = min(
            candidates,
            key=lambda k: (
                gap(t, mentions[k])
                + (_CLAUSE_PENALTY if mentions[k].clause != clause else 0)
                + (_CLAUSE_PENALTY if leftward and _finite_after(mentions[k], t) else 0)
            ),
        )
        if not attributive and mentions[best].noun and t.granularity in DAY_OR_FINER:
            best = _verb_of_object(mentions, best, t)
        if frames(t, span):
            best = next((k for k, m in enumerate(mentions) if _main_verb(m, t, span)), best)
        owned.setdefault(best, []).append(t)
    return owned


_PREPOSITION = re.compile(r"\S\s+(?:in|on|at|since|during|from|until|through)\s+$", re.IGNORECASE)


def _after_preposition(t: TimeExpression, span: Span) -> bool:
    """ "was elected in 2018 voted": a time after a preposition, inside the sentence, is
    an adjunct of the event before it (not of a finite verb that follows; "Bush on
    Tuesday said" has no event before it)."""
    start = t.start - span.start
    return _PREPOSITION.search(span.text, max(0, start - 12), start) is not None


def _attached(m: Mention, t: TimeExpression, span: Span) -> bool:
    """An event before ``t`` with no punctuation between: "elected in 2018"."""
    between = span.text[m.end - span.start : t.start - span.start]
    return m.end <= t.start and not _PUNCT.search(between)


_PUNCT = re.compile(r"[,;:()\"\u2014]")


_POSSESSIVE = re.compile(r"['\u2019]s?(?:\s+[\w.-]+){0,3}?\s+$")


def _possessed(t: TimeExpression, m: Mention, span: Span) -> bool:
    """ "last year's deadly embassy blasts": the noun a date in the possessive names owns
    it (the clause may still share it: "decided at last year's summit")."""
    end, at = t.end - span.start, m.start - span.start
    return m.noun and at > end and _POSSESSIVE.fullmatch(span.text, end, at) is not None


def _finite_after(m: Mention, t: TimeExpression) -> bool:
    return m.start >= t.end and not m.noun and m.tense != "none"


FINITE = frozenset({"past", "present", "perfect", "pluperfect", "future"})
# "In July 1997, ...", "On Monday, ...": a time opening the sentence frames its main verb
_SUBORDINATE = re.compile(
    r"\b(?:after|before|when|while|because|although|though|if|since|until|as|which|who|that)\b",
    re.IGNORECASE,
)
_FRAME = re.compile(
    r"^\s*(?:(?:and|but|then|also|just|only|even|earlier|later)\s+)*"  # "Earlier Sunday, ..."
    r"(?:(?:in|on|at|by|during|since|late|early)\s+)?$",
    re.IGNORECASE,
)


def frames(t: TimeExpression, span: Span) -> bool:
    """ "In July 1997, at a summit in Madrid, the alliance announced ...": a time opening
    the sentence, set off by a comma, frames its main verb (not the nearest noun)."""
    after = span.text[t.end - span.start : t.end - span.start + 1]
    return after == "," and _FRAME.match(span.text[: t.start - span.start]) is not None


def _main_verb(m: Mention, t: TimeExpression, span: Span) -> bool:
    """A finite verb after ``t`` outside a subordinate clause ("On Monday, after the talks
    ended, the minister said": "said")."""
    if m.tense not in FINITE or m.start < t.end:
        return False
    before = span.text[t.end - span.start : m.start - span.start]
    return not _SUBORDINATE.search(before.rsplit(",", 1)[-1])


def _verb_of_object(mentions: Sequence[Mention], noun: int, t: TimeExpression) -> int:
    """ "announced a recall of 50,000 trucks on Tuesday": a day after a report's object
    is the report's (a period stays the noun's: "reported a loss for the fourth
    quarter"); the object, reported, then takes the report's day."""
    m = mentions[noun]
    verbs = [
        k
        for k in range(noun - 1, -1, -1)
        if not mentions[k].noun and mentions[k].clause == m.clause and mentions[k].end <= m.start
    ]
    verbs = [k for k in verbs[:1] if mentions[k].cls is EventClass.REPORTING]
    return verbs[0] if verbs and m.end <= t.start else noun
