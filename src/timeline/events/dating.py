"""Dating an event by the clause that governs it.

In order: (1) a time expression the event owns: of the sentence's events it is the
nearest to that expression, preferring its own clause ("reported a loss ... for the
last quarter of 2007": the quarter is the loss's, not the report's; see
:mod:`timeline.events.ownership`); (2) a reporting verb with no expression of its own
is dated by the report: the time of its medium ("at a news conference yesterday"),
else the publish date, never by what it reports; (3) "N units before/after the
<event>" anchors on that event, found earlier in the article ("a day before the
announcement"), and "N units after/before <clause>" on the main clause's event; (4) an
expression of the sentence that a reporting verb or a relative clause does not keep to
itself (the event shares its sentence's time: "exploded Friday, killing dozens"; a
clause hung on a time by "when" takes that time, and a time framing the sentence comes
first); (5) a figure of a results story ("Sales rose 4.8% to $1.2 billion") takes the
period the story reports (:mod:`timeline.events.results`), and an event a report tells of
takes the report's date, except a pluperfect one
("said on Monday that it had signed"), which is only no later than the report; (6) a
past event takes the narrative's reference time, carried from earlier sentences; (7)
otherwise it is on the publish date (a planned or possible one stays undated).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from timeline.events.lexicon import lexicon
from timeline.events.mentions import Mention
from timeline.events.ownership import frames, gap
from timeline.events.relative import time_from_other_clause
from timeline.models import (
    Anchor,
    AnchorKind,
    EventClass,
    EventStatus,
    Granularity,
    TimeExpression,
)
from timeline.sentences import Span, is_attributive

_PAST = frozenset({"past", "pluperfect"})


@dataclass(frozen=True, slots=True)
class Dating:
    value: str | None
    earliest: dt.date | None
    latest: dt.date | None
    granularity: Granularity
    anchor: Anchor
    time: TimeExpression | None = None
    own: bool = True  # False when taken from another event's expression in the sentence


def can_date(m: Mention, t: TimeExpression, ctx: Context) -> bool:
    """False when ``t`` cannot be the time of ``m``: a start ("since 1901") or a past
    time for a present or future event ("still recognizes ... since 1901", "that 1978
    resolution calls for"), or a time reaching past the publish date for a present
    intention ("plan to observe ... next year", "is expected to close around year end") or
    a future time for a past event ("subpoenaed him to testify on Feb. 10"): what
    holds now is not dated by what began then or what it intends, nor what happened by
    what is still to come."""
    before = ctx.span.text[max(0, t.start - ctx.span.start - 6) : t.start - ctx.span.start]
    if before.lower().rstrip().endswith("since") and m.start < t.start:
        return False  # "have cared for him since November" (not "since November, when")
    compared = comparison(t, ctx.span)
    if compared is not None and m.start < compared:
        return False  # the figure compared with is the one the time dates
    published = ctx.published
    past = published is not None and t.latest is not None and t.latest < published
    future = published is not None and t.earliest is not None and t.earliest > published
    intention = m.cls in (EventClass.I_STATE, EventClass.I_ACTION)  # "postponed until"
    intends = intention and m.tense == "present"
    now = m.tense == "future" or (m.tense == "present" and not m.past_form)  # "sales hit"
    # "subpoenaed him to testify on Feb. 10", "has invited them to a ceremony March 12"
    done = (m.tense in _PAST and not intention) or m.tense == "perfect"
    # "Just last month, a policeman is killed when a bomb explodes": a past time framing
    # the sentence dates a present told as history
    historic = past and now and frames(t, ctx.span)
    # "is expected to close around year end", "expect the trend to continue into the fourth
    # quarter": a present intention holds now, the time still to come is what it intends
    ahead = published is not None and t.latest is not None and t.latest > published
    return not (past and now and not historic) and not (future and done) and not (ahead and intends)


_COMPARED = re.compile(
    r"\b(?:compared (?:with|to)|versus|vs\.?|(?:up|down|rose|fell|climbed|dropped) from"
    r"|from \$?[\d.,]+)\b[^;]*$",
    re.IGNORECASE,
)


def comparison(t: TimeExpression, span: Span) -> int | None:
    """Where the comparison starts (an offset in the text) when ``t`` is the time of a
    compared figure ("compared with $4 million a year earlier", "from 24 cents a share a
    year ago"): it dates that figure, not the events before it."""
    start = t.start - span.start
    found = _COMPARED.search(span.text, max(0, start - 90), start)
    return None if found is None else found.start() + span.start


def _relative_before(amount: TimeExpression, m: Mention, span: Span) -> bool:
    """True for "N units after/before ..." ahead of ``m`` in its sentence, or "N units
    later/earlier" right after it ("collapsed weeks later"): relative to another event."""
    rest = span.text[amount.end - span.start : amount.end - span.start + 8].lower().lstrip()
    if amount.end <= m.start:
        between = span.text[amount.end - span.start : m.start - span.start]
        return rest.startswith(("after", "before")) and not _NEXT_CLAUSE.search(between)
    near = (
        amount.start - m.end <= 3
        or span.text[m.end - span.start : amount.start - span.start].count(" ") <= 3
    )
    return near and rest.startswith(("later", "earlier"))


# ", and was found ...": a coordinated clause, which "in the weeks before ..." does not date
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but)\s", re.IGNORECASE)


def _nearest(t: TimeExpression, m: Mention) -> tuple[int, bool]:
    """Nearest first; at the same distance the expression after the trigger, where
    English puts a verb's adjuncts ("the quarter ended Sept. 30", "brought Castro to
    power 42 years ago gathered Wednesday night")."""
    return gap(t, m), t.start < m.start


def vague(t: TimeExpression) -> bool:
    return t.earliest is None or t.granularity is Granularity.VAGUE


def from_expression(t: TimeExpression, anchor: Anchor) -> Dating:
    return Dating(t.value, t.earliest, t.latest, t.granularity, anchor, t)


def on_day(day: dt.date, anchor: Anchor) -> Dating:
    return Dating(day.isoformat(), day, day, Granularity.DAY, anchor)


def unresolved(
    reason: str,
    *,
    latest: dt.date | None = None,
    kind: AnchorKind = AnchorKind.UNRESOLVED,
    event_id: str | None = None,
) -> Dating:
    """No date: ``latest`` bounds it when known ("no later than the report")."""
    return Dating(
        None, None, latest, Granularity.UNKNOWN, Anchor(kind, reason=reason, event_id=event_id)
    )


@dataclass
class Context:
    """What dating needs beyond the event: the sentence, the publish date, the narrative."""

    span: Span
    times: Sequence[TimeExpression]  # dated expressions of the sentence
    durations: Sequence[TimeExpression]
    published: dt.date | None
    narrative: Dating | None  # reference time carried from earlier sentences
    on_event: Callable[[Mention], Dating | None] | None = None  # "a day before the vote"
    on_noun: Callable[[Mention], Dating | None] | None = None  # "the 1996 bombing that killed"
    same_event: Callable[[Mention], Dating | None] | None = None  # "the bombings" told before
    period: Callable[[Mention], Dating | None] | None = None  # "Sales rose 4.8% to $1.2 billion"
    # times of relative clauses (by id) -> where the clause opens: no event before shares them
    clause_times: dict[int, int] = field(default_factory=dict)


def date_mention(
    m: Mention,
    own: Sequence[TimeExpression],
    reporting_owned: frozenset[int],
    ctx: Context,
) -> Dating | None:
    """The dating of ``m`` by steps 1-4 (None: go on with the report and narrative)."""
    precise = [t for t in own if not vague(t) and can_date(m, t, ctx)]
    if precise:
        t = min(precise, key=lambda t: _nearest(t, m))
        return from_expression(t, Anchor(AnchorKind.EXPRESSION, text=t.text))
    now = [t for t in own if t.value == "PRESENT_REF"]
    if now and ctx.published is not None:  # "now wants": on the publish date
        return on_day(ctx.published, Anchor(AnchorKind.EXPRESSION, text=now[0].text))
    if m.cls is EventClass.REPORTING and not m.noun:
        medium = _medium_time(m, ctx)
        if medium is not None:
            return from_expression(medium, Anchor(AnchorKind.EXPRESSION, text=medium.text))
        if ctx.published is None:
            return unresolved("no publish date")
        return on_day(ctx.published, Anchor(AnchorKind.PUBLISH_DATE))
    if m.tense == "present" and own and ctx.published is not None:
        return on_day(ctx.published, Anchor(AnchorKind.PUBLISH_DATE))
    return _from_events(m, ctx) or _from_sentence(m, reporting_owned, ctx)


def _medium_time(m: Mention, ctx: Context) -> TimeExpression | None:
    """ "said ... at a news conference yesterday", "said in the letter, dated Monday", "In
    a televised address Friday, the president described": a report with no time of its
    own is dated by the time of its medium."""
    for t in ctx.times:
        start = t.start - ctx.span.start
        medium = _media().search(ctx.span.text, max(0, start - 60), start)
        if medium is not None and not vague(t) and can_date(m, t, ctx):
            return t
    return None


@lru_cache(maxsize=1)
def _media() -> re.Pattern[str]:
    words = "|".join(sorted(lexicon().report_media))
    return re.compile(
        rf"\b(?:{words})(?:,?\s+(?:that\s+was\s+|which\s+was\s+)?"
        r"(?:read|dated|issued|released|delivered|published|broadcast|made|given|held"
        r"|completed|conducted|taken))?"
        r"\s+(?:on\s+|at\s+|late\s+|early\s+)?$",
        re.IGNORECASE,
    )


def _from_events(m: Mention, ctx: Context) -> Dating | None:
    """Step 3: the date of another event the clause is tied to: "a day before the vote",
    "the 1996 bombing that killed", "killed ... and maimed", "the bombings" told before."""
    anchored = ctx.on_event(m) if ctx.on_event is not None else None
    if anchored is not None:
        return anchored
    told = ctx.on_noun(m) if ctx.on_noun is not None and m.tense in _PAST else None
    if told is not None:
        return told
    return ctx.same_event(m) if ctx.same_event is not None and m.noun else None


def _from_sentence(m: Mention, reporting_owned: frozenset[int], ctx: Context) -> Dating | None:
    """Steps 3-4 on the sentence's expressions: "N units after <clause>", then an
    expression of the sentence no report owns."""
    shifted = time_from_other_clause(m.start, ctx.times, ctx.durations, ctx.span)
    if shifted is not None:
        return from_expression(shifted, Anchor(AnchorKind.EXPRESSION, text=shifted.text))
    framing = _when_clause(m, ctx)
    if framing is not None:
        anchor = Anchor(AnchorKind.EXPRESSION, text=framing.text)
        return replace(from_expression(framing, anchor), own=False)
    relative = [d for d in ctx.durations if _relative_before(d, m, ctx.span)]
    shared = [
        t
        for t in ctx.times
        if id(t) not in reporting_owned
        and not _outside_clause(m, ctx.clause_times.get(id(t)))
        and not vague(t)
        and can_date(m, t, ctx)
        and not _around_now(m, t, ctx.published)
        and not is_attributive(ctx.span.text, t.start - ctx.span.start, t.end - ctx.span.start)
    ]
    # "collapsed weeks later" has no date; "In January, a week after the anniversary, a
    # bombing killed": the date that frames the sentence before the phrase still holds
    framed = [t for t in shared if all(t.end <= d.start < m.start for d in relative)]
    if relative and not framed:
        return unresolved("anchored on an undated event")
    if relative:
        shared = framed
    if shared:
        t = min(shared, key=lambda t: (not frames(t, ctx.span), _nearest(t, m)))
        return replace(from_expression(t, Anchor(AnchorKind.EXPRESSION, text=t.text)), own=False)
    return None


def _around_now(m: Mention, t: TimeExpression, published: dt.date | None) -> bool:
    """ "Carnival, which has three ships on order, presented claims this week", "support
    rose to 51 percent this year, as pro-monarchist sentiment diminishes": a present that
    shares a time of another clause holds now, not over the week or the year around the
    publish date (its own adjunct still dates it: "the trial opens this week")."""
    if published is None or m.tense != "present" or m.past_form:
        return False
    return t.earliest is not None and t.latest is not None and t.earliest <= published < t.latest


_WHEN = re.compile(r"(?:\s+[\w-]+){0,3}?,?\s+when\s[^,;]*", re.IGNORECASE)


def _when_clause(m: Mention, ctx: Context) -> TimeExpression | None:
    """ "from 1968, when the Soviets invaded", "In contrast to Thursday, when 135 people
    were arrested", "after the 1987 crash, when investors fled": a clause hung on a time
    (or on a noun phrase it dates) by "when" happened at that time."""
    for t in ctx.times:
        found = _WHEN.match(ctx.span.text, t.end - ctx.span.start)
        if found is not None and t.end < m.start < found.end() + ctx.span.start and not vague(t):
            return t
    return None


def _outside_clause(m: Mention, pronoun: int | None) -> bool:
    """Whether ``m`` lies outside the relative clause opening at ``pronoun``: before it
    ("paid tribute to the men who launched ... decades ago"), or a finite verb or a noun
    after it ("the chemist who was hired in 2019 published the study"; not "rescued Nov.
    25 while clinging")."""
    return pronoun is not None and (m.start < pronoun or m.noun or m.tense != "none")


def date_rest(
    m: Mention, status: EventStatus, reported_by: tuple[str, Dating] | None, ctx: Context
) -> Dating:
    """Steps 5-7, for an event its sentence gives no time of its own."""
    figure = ctx.period(m) if ctx.period is not None else None
    if figure is not None:
        return figure
    if reported_by is not None and status is EventStatus.REPORTED:
        report_id, report = reported_by
        if m.tense == "pluperfect" or report.value is None:
            return unresolved(
                "no later than the report",
                latest=report.latest,
                kind=AnchorKind.REPORT,
                event_id=report_id,
            )
        anchor = Anchor(AnchorKind.REPORT, event_id=report_id)
        return Dating(report.value, report.earliest, report.latest, report.granularity, anchor)
    if status in (EventStatus.PLANNED, EventStatus.POSSIBLE):
        return unresolved("no date in its clause")
    if m.tense in ("past", "pluperfect") and ctx.narrative is not None:
        n = ctx.narrative
        anchor = Anchor(AnchorKind.NARRATIVE, text=n.anchor.text)
        return Dating(n.value, n.earliest, n.latest, n.granularity, anchor)
    if ctx.published is None:
        return unresolved("no publish date")
    return on_day(ctx.published, Anchor(AnchorKind.PUBLISH_DATE))
