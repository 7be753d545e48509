"""Events: one per happening in a sentence, dated by the expression of its clause.

A trigger is a verb or noun from ``data/event_lexicon.json`` (type + CAMEO code).
Verbs count in their inflected forms ("signed", "traveled"); a bare form ("visit")
only after a modal, "to" or a pronoun, a "-s" form ("visits") only after a name or
pronoun, so nouns are not read as verbs. A noun trigger makes an event only next to a
light verb or a planning cue ("held talks", "plans for a trip"), and a definite noun
("the visit") that repeats an event already found in the article is left out.
Triggers inside quotation marks or under a negation ("has not issued") are skipped.

Date: the time expression nearest the trigger that is nearer to it than to any other
trigger of the sentence; failing that, one that opens the sentence ("In April, ...").
Reporting verbs with no date of their own are dated on the publish date.

Status: "possible" after a cue such as "possibility", "may", "speculation"; "planned"
after "will", "plans", "preparations", or when the date lies after the publish date.

Confidence (0..1) = 0.55 for a verb trigger (0.4 for a noun) + 0.15 with at least
one named actor + 0.15 when an expression dates it (0.1 for the publish date) + 0.05
for a visit with a destination - 0.1 when the actor came from a pronoun.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.entities import ActorMention, AliasTable
from timeline.models import (
    Article,
    Event,
    EventStatus,
    EventType,
    Granularity,
    TimeExpression,
    TimexType,
)
from timeline.sentences import Span

__all__ = ["event_id", "find_events"]

_WORD = re.compile(r"\w+(?:[-']\w+)*|n't|'ll|[^\w\s]")
_MODALS = frozenset(
    "to will would shall may might could can should must did does do 'll not".split()
)
_PRONOUNS = frozenset("i we they you he she it who which that".split())
_DETERMINERS = frozenset("the a an this that these those its his her their our".split())
_DEFINITE = _DETERMINERS - {"a", "an"}
_NOT_VERB_BEFORE = _DETERMINERS - _PRONOUNS  # "the signed agreement", "a visit"
_OPENERS = frozenset(
    "despite amid after before during in on at with as while since but and".split()
)
_CLAUSE_BREAKS = frozenset(',;:\u201c\u201d"()\u2013\u2014')
_QUOTES = re.compile(r"[\u201c\"]([^\u201d\"]*)[\u201d\"]")
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


@dataclass(frozen=True, slots=True)
class _Trigger:
    text: str
    start: int  # absolute offsets
    end: int
    type: EventType
    noun: bool
    index: int  # token index in the sentence


@dataclass(frozen=True, slots=True)
class _Who:
    subject: list[str]  # named in the title
    actors: list[str]
    location: str | None
    pronoun: bool


@dataclass(frozen=True, slots=True)
class _Lexicon:
    verbs: dict[
        str, list[tuple[tuple[str, ...], EventType, str]]
    ]  # first word -> (rest, type, form)
    nouns: dict[str, list[tuple[tuple[str, ...], EventType]]]
    cameo: dict[EventType, str]
    titles: dict[EventType, tuple[str, str, str]]
    preps: dict[EventType, str]
    light: frozenset[str]
    plan: frozenset[str]
    possible: frozenset[str]
    negations: frozenset[str]


def _inflect(lemma: str) -> list[tuple[str, str]]:
    """(form, kind) for a regular verb: kind is base, s, or other."""
    if lemma.endswith("e"):
        forms = [(lemma + "s", "s"), (lemma + "d", "other"), (lemma[:-1] + "ing", "other")]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = [(lemma[:-1] + "ies", "s"), (lemma[:-1] + "ied", "other"), (lemma + "ing", "other")]
    elif lemma.endswith(("s", "sh", "ch", "x")):
        forms = [(lemma + "es", "s"), (lemma + "ed", "other"), (lemma + "ing", "other")]
    else:
        forms = [(lemma + "s", "s"), (lemma + "ed", "other"), (lemma + "ing", "other")]
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # travelled, shipped
            forms += [(lemma + lemma[-1] + "ed", "other"), (lemma + lemma[-1] + "ing", "other")]
    return [(lemma, "base"), *forms]


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("timeline.data").joinpath("event_lexicon.json").read_text("utf-8")
    )
    verbs: dict[str, list[tuple[tuple[str, ...], EventType, str]]] = {}
    nouns: dict[str, list[tuple[tuple[str, ...], EventType]]] = {}
    irregular = raw["irregular"]
    for name, spec in raw["types"].items():
        etype = EventType(name)
        for lemma in spec["verbs"]:
            first, *rest = lemma.split()
            forms = _inflect(first) + [(f.split()[0], "other") for f in irregular.get(lemma, [])]
            for form, kind in forms:
                verbs.setdefault(form, []).append((tuple(rest), etype, kind))
        for noun in spec["nouns"]:
            first, *rest = noun.split()
            nouns.setdefault(first, []).append((tuple(rest), etype))
    for entries in verbs.values():
        entries.sort(key=lambda r: -len(r[0]))  # longest phrase first
    return _Lexicon(
        verbs=verbs,
        nouns=nouns,
        cameo={EventType(k): v["cameo"] for k, v in raw["types"].items()},
        titles={EventType(k): tuple(v["title"]) for k, v in raw["types"].items()},
        preps={EventType(k): v["prep"] for k, v in raw["types"].items()},
        light=frozenset(raw["light_verbs"]),
        plan=frozenset(raw["plan_cues"]),
        possible=frozenset(raw["possible_cues"]),
        negations=frozenset(raw["negations"]),
    )


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
    for span in spans:
        tokens = [(m.group(), m.start() + span.start) for m in _WORD.finditer(span.text)]
        quoted = [
            (m.start() + span.start, m.end() + span.start) for m in _QUOTES.finditer(span.text)
        ]
        seen = {e.type for e in events}
        triggers = _find_triggers(tokens, quoted, lex, seen)
        events.extend(builder.build(span, tokens, triggers))
    return events


def _find_triggers(
    tokens: list[tuple[str, int]],
    quoted: list[tuple[int, int]],
    lex: _Lexicon,
    seen: set[EventType],
) -> list[_Trigger]:
    found: list[_Trigger] = []
    words = [t.lower() for t, _ in tokens]
    verbs, nouns = lex.verbs, lex.nouns
    i = 0
    while i < len(tokens):
        if words[i] not in verbs and words[i] not in nouns:
            i += 1
            continue
        hit = _verb_at(words, tokens, i, lex) or _noun_at(words, i, lex, found, seen)
        if hit is None:
            i += 1
            continue
        length, etype, noun = hit
        start = tokens[i][1]
        end = tokens[i + length - 1][1] + len(tokens[i + length - 1][0])
        inside = any(a <= start < b for a, b in quoted)
        if not inside and not _negated(words, i, lex):
            text = " ".join(t for t, _ in tokens[i : i + length])
            found.append(_Trigger(text, start, end, etype, noun, i))
        i += length
    return found


def _verb_at(
    words: list[str], tokens: list[tuple[str, int]], i: int, lex: _Lexicon
) -> tuple[int, EventType, bool] | None:
    prev = words[i - 1] if i else ""
    if prev in _NOT_VERB_BEFORE:
        return None  # "the signed agreement", "a visit"
    for rest, etype, kind in lex.verbs.get(words[i], ()):
        if tuple(words[i + 1 : i + 1 + len(rest)]) != rest:
            continue
        if kind == "base" and prev not in _MODALS and prev not in _PRONOUNS:
            continue
        named = i and tokens[i - 1][0][:1].isupper() and prev not in _OPENERS
        if kind == "s" and not (prev in _PRONOUNS or named):
            continue
        if etype is EventType.MILITARY and _deal_follows(words, i):
            etype = EventType.AGREEMENT  # "struck a deal"
        return 1 + len(rest), etype, False
    return None


def _deal_follows(words: list[str], i: int) -> bool:
    return any(w in ("deal", "agreement", "accord", "bargain") for w in words[i + 1 : i + 4])


def _noun_at(
    words: list[str], i: int, lex: _Lexicon, found: list[_Trigger], seen: set[EventType]
) -> tuple[int, EventType, bool] | None:
    for rest, etype in lex.nouns.get(words[i], ()):
        if tuple(words[i + 1 : i + 1 + len(rest)]) != rest:
            continue
        window = words[max(0, i - 4) : i]
        if not (set(window) & (lex.light | lex.plan | lex.possible)):
            continue
        repeated = etype in seen or any(t.type is etype for t in found)
        if repeated and set(words[max(0, i - 2) : i]) & _DEFINITE:
            continue  # "the visit": an event already found in this article
        return 1 + len(rest), etype, True
    return None


def _negated(words: list[str], i: int, lex: _Lexicon) -> bool:
    window = words[max(0, i - 3) : i]
    return bool(set(window) & lex.negations) or "yet" in window[-1:]


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
            time = _pick_time(trig, triggers, times, span)
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
    trig: _Trigger, triggers: list[_Trigger], times: list[TimeExpression], span: Span
) -> TimeExpression | None:
    """The expression nearest the trigger and nearer to it than to any other trigger."""

    def distance(t: TimeExpression, g: _Trigger) -> int:
        return max(g.start - t.end, t.start - g.end, 0)

    owned = [t for t in times if min(triggers, key=lambda g: distance(t, g)) is trig]
    precise = [t for t in owned if not _vague(t)] or owned
    if precise:
        return min(precise, key=lambda t: distance(t, trig))
    opening = [t for t in times if t.end <= triggers[0].start and t.start - span.start < 20]
    if opening and trig.type is not EventType.STATEMENT and not _vague(opening[0]):
        return opening[0]
    return None


def merge_events(events: Sequence[Event]) -> list[Event]:
    """One event per happening: same type, overlapping dates and a shared actor.

    Applies within an article (Peskov's statement reported over several sentences) and
    across articles (both ids end up in ``sources``). Undated events merge only when
    neither has happened yet (the same planned visit). When the merged reports give
    different values, every report's date is kept in ``date_variants``; the event keeps
    the date of the first report.
    """
    merged: list[Event] = []
    index = _MergeIndex()
    for event in events:
        target = index.find(event, merged)
        if target is None:
            target = len(merged)
            merged.append(event)
        else:
            merged[target] = _combine(merged[target], event)
        index.add(merged[target], event.actors, target)
    return merged


class _MergeIndex:
    """Earlier events by (type, actor, year): a candidate shares all three, so a corpus
    of many events of one actor compares each new one with that year's events only.

    Candidates are tried in the order they joined the (type, actor) list, as a plain
    list per (type, actor) would; a merged event keeps its first report's dates, so a
    slot never changes years."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[EventType, str, int | None], list[int]] = {}
        self.order: dict[tuple[EventType, str], dict[int, int]] = {}

    def find(self, event: Event, merged: list[Event]) -> int | None:
        keys = _merge_years(event)
        for actor in event.actors:
            order = self.order.get((event.type, actor))
            if not order:
                continue
            slots = {s for y in keys for s in self.buckets.get((event.type, actor, y), ())}
            for slot in sorted(slots, key=order.__getitem__):
                if _overlaps(merged[slot], event):
                    return slot
        return None

    def add(self, event: Event, actors: Sequence[str], slot: int) -> None:
        """Index ``slot`` (holding ``event``) under the ``actors`` of its latest report."""
        keys = _merge_years(event)
        for actor in actors:
            order = self.order.setdefault((event.type, actor), {})
            if slot in order:
                continue
            order[slot] = len(order)
            for year in keys:
                self.buckets.setdefault((event.type, actor, year), []).append(slot)


def _merge_years(event: Event) -> range | tuple[None, ...] | tuple[()]:
    """The buckets an event can merge in: its years, ``None`` for an undated one that
    has not happened, none at all for an undated one that has (it never merges)."""
    if event.earliest and event.latest:
        return range(event.earliest.year, event.latest.year + 1)
    if event.value is None and event.status is not EventStatus.HAPPENED:
        return (None,)
    return ()


def _overlaps(a: Event, b: Event) -> bool:
    if a.earliest and a.latest and b.earliest and b.latest:
        return a.earliest <= b.latest and b.earliest <= a.latest
    undated = a.value is None and b.value is None
    return undated and EventStatus.HAPPENED not in (a.status, b.status)


def _combine(first: Event, other: Event) -> Event:
    from dataclasses import replace

    variants = list(first.date_variants) or [_variant(first)]
    if other.value != first.value or first.date_variants:
        variants.append(_variant(other))
    differs = len({v["value"] for v in variants}) > 1
    return replace(
        first,
        actors=tuple(dict.fromkeys(first.actors + other.actors)),
        location=first.location or other.location,
        sources=tuple(dict.fromkeys(first.sources + other.sources)),
        date_variants=tuple(variants) if differs else (),
        confidence=round(min(0.95, max(first.confidence, other.confidence) + 0.05), 2),
    )


def _variant(event: Event) -> dict[str, object]:
    return {
        "article_id": event.article_id,
        "value": event.value,
        "earliest": event.earliest,
        "latest": event.latest,
    }
