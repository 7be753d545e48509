"""Events of one article: each sentence's triggers with their actors, location, date,
status, title and confidence."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.entities import ActorMention, AliasTable
from timeline.events.relative import time_from_other_clause
from timeline.events.triggers import (
    _CLAUSE_BREAKS,
    _QUOTES,
    _SUBJECT_PRONOUNS,
    _WORD,
    _find_triggers,
    _Lexicon,
    _lexicon,
    _Trigger,
)
from timeline.models import (
    Article,
    Event,
    EventStatus,
    EventType,
    Granularity,
    TimeExpression,
    TimexType,
)
from timeline.sentences import Span, is_attributive, is_near_after


@dataclass(frozen=True, slots=True)
class _Who:
    subject: list[str]  # named in the title
    actors: list[str]
    location: str | None
    pronoun: bool


def event_id(article_id: str, sentence_start: int, trigger_start: int, etype: EventType) -> str:
    """Stable id: the store keys user corrections on it."""
    key = f"{article_id}:{sentence_start}:{trigger_start}:{etype.value}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def find_events(
    article: Article,
    spans: Sequence[Span],
    times: Sequence[TimeExpression],
    mentions: Sequence[ActorMention],
    aliases: AliasTable,
) -> list[Event]:
    """Events of one article, in text order (before any cross-article merge)."""
    lex = _lexicon()
    builder = _Builder(article, times, mentions, aliases, lex)
    events: list[Event] = []
    seen: set[EventType] = set()  # kept up to date, not rebuilt per sentence (linear time)
    for span in spans:
        tokens = [(m.group(), m.start() + span.start) for m in _WORD.finditer(span.text)]
        quoted = [
            (m.start() + span.start, m.end() + span.start) for m in _QUOTES.finditer(span.text)
        ]
        triggers = _find_triggers(tokens, quoted, lex, seen)
        found = builder.build(span, tokens, triggers)
        seen.update(e.type for e in found)
        events.extend(found)
    return events


class _Builder:
    """Turns the triggers of one sentence into events."""

    def __init__(
        self,
        article: Article,
        times: Sequence[TimeExpression],
        mentions: Sequence[ActorMention],
        aliases: AliasTable,
        lex: _Lexicon,
    ) -> None:
        self.article = article
        self.times = sorted((t for t in times if _dates(t)), key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.durations = sorted(
            (t for t in times if t.type is TimexType.DURATION), key=lambda t: t.start
        )
        self.duration_starts = [t.start for t in self.durations]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.aliases = aliases
        self.lex = lex
        self.dated: dict[str, str] = {}  # time expression text -> id of the event it dates

    def _anchor(self, time: TimeExpression) -> str:
        """ "previous event: <id>" when the expression was resolved against an earlier one."""
        if time.anchor.startswith("previous: "):
            earlier = self.dated.get(time.anchor.removeprefix("previous: "))
            if earlier is not None:
                return f"previous event: {earlier}"
        return f"expression: {time.text}"

    def build(
        self, span: Span, tokens: list[tuple[str, int]], triggers: list[_Trigger]
    ) -> list[Event]:
        times = self.times[_between(self.time_starts, span)]
        attributive = frozenset(id(t) for t in times if _attributive(t, span))
        mentions = self.mentions[_between(self.mention_starts, span)]
        quoted = [
            (m.start() + span.start, m.end() + span.start) for m in _QUOTES.finditer(span.text)
        ]
        usable = [
            m
            for m in mentions
            if m.form != "demonym" and not any(a <= m.start < b for a, b in quoted)
        ]
        events: list[Event] = []
        keys: set[tuple[EventType, str | None]] = set()
        inherited: tuple[list[str], list[str]] | None = None
        for k, trig in enumerate(triggers):
            left = triggers[k - 1].end if k else span.start
            right = triggers[k + 1].start if k + 1 < len(triggers) else span.end
            time = _pick_time(trig, triggers, times, span, attributive) or time_from_other_clause(
                trig.start, times, self.durations[_between(self.duration_starts, span)], span
            )
            if trig.type is EventType.STATEMENT and time is not None and _vague(time):
                time = None
            subject, actors, location, pronoun = self._actors(
                trig, usable, tokens, left, right, span
            )
            if not subject and inherited:
                subject, actors = inherited[0], list(dict.fromkeys(inherited[1] + actors))
            inherited = (subject, actors)
            key = (trig.type, time.text if time else None)
            if key in keys:
                continue
            keys.add(key)
            who = _Who(subject or actors, actors, location, pronoun)
            events.append(self._event(span, tokens, trig, time, who))
        return events

    # -- actors and location -------------------------------------------------------------
    def _actors(
        self,
        trig: _Trigger,
        usable: list[ActorMention],
        tokens: list[tuple[str, int]],
        left: int,
        right: int,
        span: Span,
    ) -> tuple[list[str], list[str], str | None, bool]:
        """(subject, all actors, location, whether the subject is a resolved pronoun);
        ``usable`` are the sentence's mentions outside quotes, demonyms left out."""
        before = [m for m in usable if left <= m.start < trig.start]
        after = [m for m in usable if trig.end <= m.start < right]
        location = self._location(trig, after, before)
        before = [m for m in before if m.kind != "location" and m.name != location]
        after = [m for m in after if m.kind != "location" and m.name != location]
        pronoun = False
        if not any(m.kind == "person" for m in before) and self._pronoun_before(trig, tokens, left):
            speaker = self._last_person(span.start)
            if speaker is not None:
                before = [speaker, *before]
                pronoun = True
        if trig.type is EventType.STATEMENT:
            subject = chosen = _speaker(before, after)
        else:
            chosen = before + after
            people = [m for m in before if m.kind == "person"]
            subject = people or [m for m in before if m.kind == "organisation"]
        return self._names(subject), self._names(chosen), location, pronoun

    def _names(self, mentions: list[ActorMention]) -> list[str]:
        return list(dict.fromkeys(self.aliases.canonical(m.name, m.kind) for m in mentions))

    def _location(
        self, trig: _Trigger, after: list[ActorMention], before: list[ActorMention]
    ) -> str | None:
        text = self.article.text
        preps = {"in", "at"} | (
            {"to", "into", "toward", "towards"} if trig.type is EventType.VISIT else set()
        )
        for m in after:
            if m.kind not in ("location", "country"):
                continue
            gap = text[trig.end : m.start].lower().split()
            direct = not gap and trig.type is EventType.VISIT
            if direct or (gap and len(gap) <= 3 and gap[-1] in preps):
                return self.aliases.canonical(m.name, m.kind)
        for m in before:
            if m.kind == "location" and text[max(0, m.start - 4) : m.start].lower().strip() in (
                "in",
                "at",
            ):
                return self.aliases.canonical(m.name, m.kind)
        return None

    def _pronoun_before(self, trig: _Trigger, tokens: list[tuple[str, int]], left: int) -> bool:
        words = [w.lower() for w, pos in tokens if left <= pos < trig.start]
        return bool(set(words[-3:]) & _SUBJECT_PRONOUNS)

    def _last_person(self, before: int) -> ActorMention | None:
        for k in range(bisect.bisect_left(self.mention_starts, before) - 1, -1, -1):
            if self.mentions[k].kind == "person":
                return self.mentions[k]
        return None

    # -- the event -------------------------------------------------------------------------
    def _event(
        self,
        span: Span,
        tokens: list[tuple[str, int]],
        trig: _Trigger,
        time: TimeExpression | None,
        who: _Who,
    ) -> Event:
        actors, location, pronoun = who.actors, who.location, who.pronoun
        status = self._status(tokens, trig, time)
        value, earliest, latest, granularity, anchor = self._date(trig, time, status)
        confidence = (0.4 if trig.noun else 0.55) + (0.15 if actors else 0.0)
        confidence += 0.15 if time is not None else (0.1 if anchor == "publish date" else 0.0)
        confidence += 0.05 if trig.type is EventType.VISIT and location else 0.0
        confidence -= 0.1 if pronoun else 0.0
        eid = event_id(self.article.id, span.start, trig.start, trig.type)
        if time is not None:
            self.dated.setdefault(time.text, eid)
        return Event(
            id=eid,
            article_id=self.article.id,
            type=trig.type,
            cameo=self.lex.cameo[trig.type],
            trigger=trig.text,
            title=self._title(trig, who.subject, location, status),
            sentence=span.text,
            sentence_start=span.start,
            sentence_end=span.end,
            actors=tuple(actors),
            location=location,
            time_text=time.text if time else None,
            value=value,
            earliest=earliest,
            latest=latest,
            granularity=granularity,
            anchor=anchor,
            status=status,
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
            sources=(self.article.id,),
        )

    def _status(
        self, tokens: list[tuple[str, int]], trig: _Trigger, time: TimeExpression | None
    ) -> EventStatus:
        window: list[str] = []
        for word, _ in reversed(tokens[: trig.index]):
            if word in _CLAUSE_BREAKS or len(window) >= 10:
                break
            window.append(word.lower())
        if trig.type is EventType.STATEMENT:
            window = window[:3]
        if set(window) & self.lex.possible:
            return EventStatus.POSSIBLE
        if set(window) & self.lex.plan:
            return EventStatus.PLANNED
        published = self.article.published
        if time and time.earliest and published and time.earliest > published:
            return EventStatus.PLANNED
        return EventStatus.HAPPENED

    def _date(
        self, trig: _Trigger, time: TimeExpression | None, status: EventStatus
    ) -> tuple[str | None, object, object, Granularity, str]:
        published = self.article.published
        if time is not None and "X" in time.value:
            return None, None, None, Granularity.UNKNOWN, f"unresolved: {time.rule or time.text}"
        if time is not None:
            anchor = self._anchor(time)
            return time.value, time.earliest, time.latest, time.granularity, anchor
        if trig.type is EventType.STATEMENT and status is EventStatus.HAPPENED:
            if published is None:
                return None, None, None, Granularity.UNKNOWN, "unresolved: no publish date"
            return published.isoformat(), published, published, Granularity.DAY, "publish date"
        if status is EventStatus.HAPPENED and published is not None:
            return (
                None,
                None,
                published,
                Granularity.UNKNOWN,
                "unresolved: no date (before publish date)",
            )
        return None, None, None, Granularity.UNKNOWN, "unresolved: no date in sentence"

    def _title(
        self, trig: _Trigger, actors: list[str], location: str | None, status: EventStatus
    ) -> str:
        singular, plural, base = self.lex.titles[trig.type]
        people = [a for a in actors if self.aliases.kind(a) == "person"]
        names = [self._short(a) for a in (people or actors)[:3]]
        who = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        if not singular:
            singular = plural = base = trig.text
        prep = self.lex.preps[trig.type]
        place = f" {prep} {location}" if location else ""
        if trig.type is EventType.VISIT and status is not EventStatus.HAPPENED and location:
            place = f" {location}"
        if not who:
            return f"{trig.type.value.capitalize()}{place}"
        if status is EventStatus.PLANNED:
            return f"{who} to {base}{place}"
        if status is EventStatus.POSSIBLE:
            return f"{who} may {base}{place}"
        return f"{who} {singular if len(names) == 1 else plural}{place}"

    def _short(self, name: str) -> str:
        return name.split()[-1] if self.aliases.kind(name) == "person" else name


def _between(starts: list[int], span: Span) -> slice:
    """The slice of a list sorted by ``starts`` whose items start inside ``span``."""
    return slice(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end))


def _speaker(before: list[ActorMention], after: list[ActorMention]) -> list[ActorMention]:
    for group in (before[::-1], after):
        for kind in ("person", "organisation", "country"):
            hit = next((m for m in group if m.kind == kind), None)
            if hit is not None:
                return [hit]
    return []


def _dates(time: TimeExpression) -> bool:
    return time.type in (TimexType.DATE, TimexType.TIME) and bool(time.value)


def _vague(time: TimeExpression) -> bool:
    return time.earliest is None or time.granularity is Granularity.VAGUE


def _pick_time(
    trig: _Trigger,
    triggers: list[_Trigger],
    times: list[TimeExpression],
    span: Span,
    attributive: frozenset[int] = frozenset(),
) -> TimeExpression | None:
    """The expression nearest the trigger and nearer to it than to any other trigger.

    A date inside a noun phrase ("replaces a 2001 treaty"; ``attributive`` holds their
    ``id``) dates only that noun, so it is left out unless the trigger is that noun or
    in a clause attached to it ("the April 18 meeting", "the Feb. 23 accord signed by")."""
    if attributive:
        times = [t for t in times if id(t) not in attributive or _modifies(t, trig, span)]

    def distance(t: TimeExpression, g: _Trigger) -> int:
        gap = max(g.start - t.end, t.start - g.end, 0)
        # "visited Tehran in July 2022, when he held talks": the date closes the clause
        # before it; the when-clause after it happens at that time, it does not own it.
        if g.start >= t.end and _when_after(t, span):
            gap += _CLAUSE_PENALTY
        return gap

    owned = [t for t in times if min(triggers, key=lambda g: distance(t, g)) is trig]
    precise = [t for t in owned if not _vague(t)] or owned
    if precise:
        return min(precise, key=lambda t: distance(t, trig))
    before = [t for t in times if t.end <= trig.start and _when_after(t, span)]
    if before and "," not in span.text[_when_after(before[-1], span) : trig.start - span.start]:
        return before[-1]  # the when-clause's own event: at the time it hangs on
    opening = [t for t in times if t.end <= triggers[0].start and t.start - span.start < 20]
    if opening and trig.type is not EventType.STATEMENT and not _vague(opening[0]):
        return opening[0]
    return None


_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|while|as)\b", re.IGNORECASE)
_CLAUSE_PENALTY = 60


def _when_after(time: TimeExpression, span: Span) -> int:
    """Where a "when/while/as" clause that follows ``time`` starts its words (offset in
    the sentence), or 0 when none follows."""
    m = _WHEN_AFTER.match(span.text, time.end - span.start)
    return m.end() if m else 0


def _attributive(time: TimeExpression, span: Span) -> bool:
    return is_attributive(span.text, time.start - span.start, time.end - span.start)


def _modifies(time: TimeExpression, trig: _Trigger, span: Span) -> bool:
    """True when ``trig`` is the noun ``time`` modifies or in a clause attached to it."""
    return is_near_after(span.text, time.end - span.start, trig.start - span.start)
