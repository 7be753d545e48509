"""The period of a results story: "Kellogg reported lower third-quarter earnings. Net
fell 16% to $123.1 million from $145.7 million. Sales rose 4.8% to $1.20 billion": the
figures that follow the statement of a period's results are that period's, though
their sentences name no time (the comparison base "from $145.7 million" is the same
period a year before, not a time of its own).

A change verb ("rose", "fell", "declined") of a measure of results ("sales", "net",
"revenue", "profit": data in the event lexicon) with a figure after it ("16%", "to
$1.20 billion") and no time of its own takes the reporting period the story named
last (a quarter or a half, not a comparison base; "the first nine months" ends it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from timeline.events.dating import Dating, comparison
from timeline.events.lexicon import Lexicon
from timeline.events.mentions import Mention
from timeline.events.tokens import Tok
from timeline.models import Anchor, AnchorKind, EventType, Granularity, TimeExpression, TimexType
from timeline.sentences import Span

__all__ = ["next_period", "period_of_figure"]

_PERIODS = frozenset({Granularity.QUARTER, Granularity.HALF})
# a change of a measure of results is typed by its clause's field: markets or finance
_CHANGE_TYPES = frozenset({EventType.MARKET, EventType.FINANCE})
_SUBJECT_WORDS = 8  # words from the measure to its verb: "Profit at the unit fell"
_FIGURE = re.compile(r"^\W{0,3}(?:\w+\s+){0,3}?(?:to\s+|from\s+|by\s+)?(?:[$\u20ac\u00a3]\s?)?\d")
_CLAUSE_END = frozenset({",", ";", ":", "--", "(", ")"})
# "the first nine months", "the six months", "the year": results of another span follow
_SPAN = re.compile(r"P(?:[2-9]|1[0-2])M|P1Y")


def next_period(
    period: TimeExpression | None,
    times: Sequence[TimeExpression],
    span: Span,
    published: dt.date | None,
) -> TimeExpression | None:
    """The story's reporting period after ``span``: its last quarter or half that has
    ended by the publish date and is not a comparison base ("from $52.2 million in the
    year-ago period"); a span of months ("For the nine months, ...") ends the period."""
    for t in times:
        if t.type is TimexType.DURATION and _SPAN.fullmatch(t.value or ""):
            period = None
        elif (
            t.granularity in _PERIODS
            and t.latest is not None
            and (published is None or t.latest <= published)
            and comparison(t, span) is None
        ):
            period = t
    return period


def period_of_figure(
    m: Mention, tokens: Sequence[Tok], lex: Lexicon, period: TimeExpression | None
) -> Dating | None:
    """The dating of ``m`` by the story's reporting period, when ``m`` is a past change of
    a measure of results with a figure after it ("Sales rose 4.8% to $1.20 billion")."""
    if period is None or m.noun or m.tense != "past" or m.type not in _CHANGE_TYPES:
        return None
    subject = []  # the words of its clause before it: not "Class E, which ... profit, fell"
    for t in reversed(tokens[max(0, m.index - _SUBJECT_WORDS) : m.index]):
        if t.text in _CLAUSE_END:
            break
        subject.append(t.lower)
    if not lex.result_measures.intersection(subject):
        return None
    after = " ".join(t.text for t in tokens[m.index + 1 : m.index + 6])
    if _FIGURE.match(after) is None:
        return None
    anchor = Anchor(AnchorKind.NARRATIVE, text=period.text)
    return Dating(period.value, period.earliest, period.latest, period.granularity, anchor)
