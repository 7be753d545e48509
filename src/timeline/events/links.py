"""Dating an event through other events of the story: the noun phrase a relative clause
hangs on ("the 1996 bombing that killed"), the verb a coordinated one is joined to
("killed ... and maimed"), an event told before ("the bombings"), and the previous
sentence's event ("Two days later, ...")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from timeline.events.dating import Dating, from_expression
from timeline.events.mentions import Mention
from timeline.events.relative import names_event
from timeline.events.tokens import Tok
from timeline.models import Anchor, AnchorKind, Event, EventStatus, TimeExpression
from timeline.sentences import Span, is_attributive

__all__ = [
    "coordinated",
    "relative_pronoun",
    "previous_event",
    "relative_to_noun",
    "told_before",
]

_RELATIVE = frozenset({"that", "which", "who"})
_SUBJECT_WORDS = frozenset({"PROPN", "NOUN", "DET", "ADJ"})
_PHRASE_CHARS = 80  # a noun phrase from its date to the relative clause hung on it
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "'s", "\u2019s"})
_TOLD = frozenset({AnchorKind.EXPRESSION, AnchorKind.EVENT, AnchorKind.NARRATIVE})
_HAPPENED = frozenset({EventStatus.HAPPENED, EventStatus.REPORTED})
_ATTACHED = 4  # characters between a noun and a date of its own: "bombings on Aug. 7"
# Events looked back over for the one a noun names (a bound: the work per article stays
# linear in its length however long it is; a story names what it told in its last pages)
_LOOK_BACK = 300


def relative_to_noun(
    m: Mention,
    tokens: list[Tok],
    found: list[Mention],
    nouns: dict[int, tuple[str, Dating]],
    span: Span,
    times: list[TimeExpression],
) -> Dating | None:
    """ "the January 1998 bombing of a clinic that killed a guard", "the 1994 Clinic
    Access Act, which Schumer sponsored": an event in a relative clause takes the date of
    the noun phrase the clause hangs on, when a date in that phrase names it (an
    attributive date dates no other part of the sentence)."""
    k = _pronoun(m, tokens)
    if k is None:
        return None
    pronoun = tokens[k].start
    verbs = [x.start for x in found if not x.noun and x.start < pronoun]
    heads = [x for x in found if x.noun and x.end <= pronoun and x.start > max(verbs, default=-1)]
    for head in reversed(heads):
        if head.start not in nouns or nouns[head.start][1].time is None:
            continue
        eid, dating = nouns[head.start]
        t = dating.time
        if t is None or not is_attributive(span.text, t.start - span.start, t.end - span.start):
            continue
        return replace(dating, anchor=Anchor(AnchorKind.EVENT, text=head.text, event_id=eid))
    floor = max(verbs, default=span.start)
    for t in reversed(times):
        near = floor < t.start and t.end <= pronoun and pronoun - t.end <= _PHRASE_CHARS
        if near and is_attributive(span.text, t.start - span.start, t.end - span.start):
            return from_expression(t, Anchor(AnchorKind.EXPRESSION, text=t.text))
    return None


def _pronoun(m: Mention, tokens: list[Tok], words: frozenset[str] = _RELATIVE) -> int | None:
    """The index of the relative pronoun opening the clause of ``m`` ("which Schumer
    sponsored", "that the company bought", "who launched"), or None."""
    k = m.index - 1
    while k >= 0 and tokens[k].pos in ("AUX", "ADV", "PART"):
        k -= 1
    subject = k
    while k >= 0 and subject - k < 4 and tokens[k].pos in _SUBJECT_WORDS:
        k -= 1
    return k if k >= 0 and tokens[k].lower in words else None


def relative_pronoun(m: Mention, tokens: list[Tok]) -> int | None:
    """Where the relative clause of ``m`` opens (an offset in the text): "the men who
    launched the revolution four decades ago", "the firm, which was founded in 1950", "the
    shore where the Granma landed on Dec. 2, 1956"; a clause hung on a noun by "who",
    "which" or "where" (not "that", which also opens what a report tells). None for a
    noun or a verb of no such clause."""
    k = None if m.noun else _pronoun(m, tokens, _WH)
    return None if k is None else tokens[k].start


_WH = frozenset({"which", "who", "where"})


def coordinated(
    m: Mention, tokens: list[Tok], found: list[Mention], dated: dict[int, tuple[str, Dating]]
) -> Dating | None:
    """ "killed an officer and maimed a nurse": a past verb joined by "and" to the verb
    before it happened when that one did, when that one has a date of its own."""
    k = m.index - 1
    while k >= 0 and tokens[k].pos in ("AUX", "ADV", "PART"):
        k -= 1
    if k < 0 or tokens[k].lower != "and":
        return None
    before = [x for x in found if not x.noun and x.end <= tokens[k].start]
    if not before or before[-1].start not in dated or before[-1].tense != m.tense:
        return None
    eid, dating = dated[before[-1].start]
    return replace(dating, anchor=Anchor(AnchorKind.EVENT, text=before[-1].text, event_id=eid))


def told_before(
    noun: Mention,
    tokens: list[Tok],
    history: Sequence[Event],
    other: frozenset[str],
    times: Sequence[TimeExpression],
) -> Dating | None:
    """ "The bombings", "the announcement": a definite event noun names an event the
    story told before, and takes its date (its own, not the publish date); "the bombings
    on Aug. 7" are dated by their own phrase, "the next meeting" is another event."""
    if any(0 <= t.start - noun.end <= _ATTACHED for t in times):
        return None
    k = noun.index - 1
    while k >= 0 and tokens[k].pos in ("ADJ", "NOUN", "PROPN", "NUM", "VERB"):
        if tokens[k].lower in other:
            return None  # "the next meeting", "the planned visit"
        k -= 1
    if k < 0 or tokens[k].lower not in _DEFINITE or noun.cue is not EventStatus.HAPPENED:
        return None
    for e in reversed(history[-_LOOK_BACK:]):
        if e.trigger_start >= noun.start or not names_event(noun, e):
            continue
        if e.anchor.kind not in _TOLD or e.status not in _HAPPENED or e.earliest is None:
            continue  # the latest telling is undated: no date to take
        anchor = Anchor(AnchorKind.EVENT, text=noun.text, event_id=e.id)
        return Dating(e.value, e.earliest, e.latest, e.granularity, anchor)
    return None


def previous_event(history: Sequence[Event], published: dt.date | None) -> Event | None:
    """The event the story last told with a date of its own: of the latest sentence
    with one, the most precise (a day before a year: "said on Tuesday it lost ... in
    2007")."""
    found: list[Event] = []
    for e in reversed(history[-_LOOK_BACK:]):
        if found and e.sentence_start != found[0].sentence_start:
            break
        told = e.status in (EventStatus.HAPPENED, EventStatus.REPORTED)
        own = e.anchor.kind in (AnchorKind.EXPRESSION, AnchorKind.EVENT)
        past = e.latest is not None and (published is None or e.latest <= published)
        if told and own and past and e.earliest is not None:
            found.append(e)
    return min(found, key=lambda e: (e.latest - e.earliest, e.trigger_start), default=None)
