"""Events of one article: each sentence's event mentions with their actors, location,
date (by the clause that governs them), modality, title and salience."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline.entities import ActorMention, AliasTable
from timeline.events.dating import (
    Context,
    Dating,
    date_mention,
    date_rest,
    from_expression,
    owners,
)
from timeline.events.folding import fold, infinitive, reporter
from timeline.events.lexicon import Lexicon, lexicon
from timeline.events.mentions import (
    CLAUSE_PUNCT,
    CLAUSE_WORDS,
    Mention,
    clause_numbers,
    find_mentions,
)
from timeline.events.relative import (
    after_previous_event,
    event_anchor,
    names_event,
    shift_interval,
)
from timeline.events.salience import salience
from timeline.events.titles import Who, make_title, speaker_of, without_times
from timeline.events.tokens import Tok, sentence_tokens
from timeline.language.lexicon import english
from timeline.models import (
    Anchor,
    AnchorKind,
    Article,
    Event,
    EventClass,
    EventStatus,
    EventType,
    TimeExpression,
    TimexType,
)
from timeline.sentences import Span, is_attributive, is_headline

_BACKGROUND_DAYS = 366  # older than a year before the publish date: background, not narrative
_VISIT_WORDS = frozenset({"visit", "tour"})  # a visit without a named place still is one
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_RELATIVE = frozenset({"that", "which", "who"})
_SUBJECT_WORDS = frozenset({"PROPN", "NOUN", "DET", "ADJ"})
_PHRASE_CHARS = 80  # a noun phrase from its date to the relative clause hung on it
DESCRIPTIONS = english().actor_descriptions
COMPANY_WORDS = english().organisation_words


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
    *,
    every_mention: bool = False,
) -> list[Event]:
    """Events of one article, in text order (before any cross-article merge).

    With ``every_mention`` each event mention is an event, as a TimeML annotator marks
    them; without it (the timeline), a light verb folds into its event noun ("held
    talks" is one meeting) and a noun repeating its verb's type ("signed the deal")
    into the verb."""
    builder = _Builder(article, times, mentions, aliases, lexicon())
    events: list[Event] = []
    for span, tokens in zip(spans, sentence_tokens(article.text, spans), strict=True):
        if not every_mention and is_headline(article.text, span):
            continue  # the story tells it again, with its date and its parties
        events.extend(builder.build(span, tokens, every_mention=every_mention))
    return events


@dataclass(frozen=True, slots=True)
class _Who:
    subject: list[str]
    actors: list[str]
    location: str | None
    pronoun: bool


class _Builder:
    """Turns the mentions of one sentence into events; carries the narrative time."""

    def __init__(
        self,
        article: Article,
        times: Sequence[TimeExpression],
        mentions: Sequence[ActorMention],
        aliases: AliasTable,
        lex: Lexicon,
    ) -> None:
        self.article = article
        self.all_times = sorted(times, key=lambda t: t.start)
        self.all_starts = [t.start for t in self.all_times]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.aliases = aliases
        self.lex = lex
        self.narrative: Dating | None = None
        self.history: list[Event] = []  # the article's events so far
        self.tenses: dict[str, str] = {}  # event id -> tense (a flashback sets no narrative)
        self.seen: set[EventType] = set()  # types of the events found so far
        self.dated: dict[str, str] = {}  # expression text -> id of the event it dates
        self.moved: dict[int, str] = {}  # "Two days later" (its start) -> the event it follows

    def build(self, span: Span, tokens: list[Tok], *, every_mention: bool) -> list[Event]:
        times = [self._reanchored(t, span) for t in self.all_times[_between(self.all_starts, span)]]
        dated = [t for t in times if _dates(t)]
        actors = self.mentions[_between(self.mention_starts, span)]
        blocked = [(m.start, m.end) for m in actors] + [(t.start, t.end) for t in times]
        every = find_mentions(tokens, self.lex, blocked, amounts=not every_mention)
        found = every
        if not every_mention:
            found = fold(found, tokens, self.seen, self.lex.light)
            self.seen.update(m.type for m in found)
        clauses = clause_numbers(tokens)
        clause_of = {t.start: c for t, c in zip(tokens, clauses, strict=True)}
        clause_at = {t.start: clause_of.get(_token_at(tokens, t.start), 0) for t in dated}
        owned = owners(found, dated, span, clause_at)
        reports = [k for k, m in enumerate(found) if m.cls is EventClass.REPORTING and not m.noun]
        reporting_owned = frozenset(id(t) for k in reports for t in owned.get(k, ()))
        durations = [t for t in times if t.type is TimexType.DURATION]
        ctx = Context(span, dated, durations, self.article.published, self.narrative)
        ctx.on_event = lambda m: self._on_event(m, span, durations, every)
        nouns: dict[int, tuple[str, Dating]] = {}  # dated events of the sentence
        ctx.on_noun = lambda m: (
            _relative_to_noun(m, tokens, found, nouns, span, dated)
            or _coordinated(m, tokens, found, nouns)
        )
        usable = sorted(
            [m for m in actors if m.form != "demonym"] + self._described(tokens),
            key=lambda m: m.start,
        )
        events: list[Event] = []
        report_of: dict[int, tuple[str, Dating]] = {}
        order = reports + [k for k in range(len(found)) if k not in reports]
        whos = self._subjects(found, usable, tokens, span)
        keep = without_times(tokens, [(t.start, t.end) for t in dated])  # not durations
        for k in order:
            m = found[k]
            status = self._status(m, k, reports, found, tokens)
            dating = date_mention(m, owned.get(k, ()), reporting_owned, ctx)
            teller = reporter(k, m, reports, found)
            if dating is None:
                report = report_of.get(teller) if teller is not None else None
                dating = date_rest(m, status, report, ctx)
            if status is EventStatus.HAPPENED and _future(dating, self.article.published):
                status = EventStatus.PLANNED
            who = whos[k]
            moves = m.lemma not in _VISIT_WORDS and not m.noun
            if m.type is EventType.VISIT and who.location is None and moves:
                m = replace(m, type=EventType.OTHER)  # "return to talks" is no visit
            fallback = (
                speaker_of(found[teller], tokens, self._title_who(whos[teller]))
                if teller is not None
                else ""
            )
            event = self._event(span, tokens, m, dating, who, status, keep, fallback)
            if k in reports:
                report_of[k] = (event.id, dating)
            if dating.time is not None or dating.anchor.kind is AnchorKind.EVENT:
                nouns[m.start] = (event.id, dating)
            events.append(event)
            self.history.append(event)
            self.tenses[event.id] = m.tense
            if dating.time is not None:
                self.dated.setdefault(dating.time.text, event.id)
        events.sort(key=lambda e: e.trigger_start)
        self._carry(events)
        return events

    def _reanchored(self, t: TimeExpression, span: Span) -> TimeExpression:
        """ "Two days later" read from the previous sentence's event, when the tagger read
        it from an expression of an earlier sentence (see :func:`after_previous_event`)."""
        if not t.anchor.startswith("previous: ") or t.type is not TimexType.DATE:
            return t
        k = bisect.bisect_left(self.all_starts, t.start) - 1
        if k >= 0 and self.all_times[k].start >= span.start:
            return t  # "on Monday ... and two days later": the sentence's own date
        event = self._previous_event()
        moved = after_previous_event(t, event, self.article.published) if event else None
        if moved is None or event is None:
            return t
        self.moved[t.start] = event.id
        return moved

    def _previous_event(self) -> Event | None:
        """The event the story last told with a date of its own: of the latest sentence
        with one, the most precise (a day before a year: "said on Tuesday it lost ... in
        2007")."""
        published = self.article.published
        found: list[Event] = []
        for e in reversed(self.history):
            if found and e.sentence_start != found[0].sentence_start:
                break
            told = e.status in (EventStatus.HAPPENED, EventStatus.REPORTED)
            own = e.anchor.kind in (AnchorKind.EXPRESSION, AnchorKind.EVENT)
            past = e.latest is not None and (published is None or e.latest <= published)
            if told and own and past and e.earliest is not None:
                found.append(e)
        return min(found, key=lambda e: (e.latest - e.earliest, e.trigger_start), default=None)

    def _on_event(
        self, m: Mention, span: Span, durations: list[TimeExpression], every: list[Mention]
    ) -> Dating | None:
        """The date of ``m`` from the event it is anchored to: "a day before the
        sell-off" is a day before the event the sell-off was (said earlier)."""
        anchor = event_anchor(m.start, durations, span, [x.start for x in every])
        if anchor is None:
            return None
        named = [x for x in every if x.start in anchor.starts]
        hits = ((x, e) for x in named for e in reversed(self.history) if names_event(x, e))
        noun, target = next(hits, (None, None))
        if noun is None or target is None or target.earliest is None:
            return None
        moved = shift_interval(target.earliest, target.granularity, anchor)
        if moved is None:
            return None
        text = f"{anchor.amount.text} {anchor.direction} {noun.text}"
        kind = Anchor(AnchorKind.EVENT, text=text, event_id=target.id)
        return Dating(*moved, kind)

    def _carry(self, events: list[Event]) -> None:
        """The narrative's reference time: the last own-dated past event of a sentence."""
        for e in events:
            if (
                e.anchor.kind is AnchorKind.EXPRESSION
                and e.event_class is not EventClass.REPORTING
                and self.tenses.get(e.id) == "past"
                and e.status is EventStatus.HAPPENED
                and e.earliest is not None
                and self._recent(e)
            ):
                self.narrative = Dating(e.value, e.earliest, e.latest, e.granularity, e.anchor)

    def _recent(self, e: Event) -> bool:
        """A background time ("in 1959", "42 years ago") does not become the narrative's:
        the story goes back to its own time after it."""
        published = self.article.published
        days = (published - e.latest).days if published and e.latest else 0
        return days <= _BACKGROUND_DAYS

    def _status(
        self, m: Mention, k: int, reports: list[int], found: list[Mention], tokens: list[Tok]
    ) -> EventStatus:
        if m.cue is not EventStatus.HAPPENED:
            return m.cue
        if m.tense == "future" or infinitive(m, tokens, found):
            return EventStatus.PLANNED
        if m.cls is not EventClass.REPORTING and reporter(k, m, reports, found) is not None:
            return EventStatus.REPORTED
        return EventStatus.HAPPENED

    def _subjects(
        self, found: list[Mention], usable: list[ActorMention], tokens: list[Tok], span: Span
    ) -> dict[int, _Who]:
        """Who did each event; a verb with no subject of its own takes the nearest
        verb's ("Peskov highlighted ... and pointed to ...", "Describing ..., Peskov said"),
        an event noun that of the verb before it in its clause."""
        whos = {k: self._actors(m, found, k, usable, tokens, span) for k, m in enumerate(found)}
        for k, m in enumerate(found):
            if whos[k].subject:
                continue
            donors = [
                j
                for j in whos
                if j != k
                and whos[j].subject
                and not found[j].noun
                and (found[j].cls is not EventClass.REPORTING or j > k or m.noun)
                and (not m.noun or (j < k and found[j].clause == m.clause))
            ]  # a speaker is not the actor of what is reported after the verb; a noun
            # takes the subject of the verb it is the object of ("GM reported a loss")
            if donors:
                prev = whos[min(donors, key=lambda j: (abs(j - k), j > k))]
                who = whos[k]
                actors = list(dict.fromkeys(prev.subject + who.actors))
                whos[k] = _Who(prev.subject, actors, who.location, who.pronoun)
        return whos

    # -- actors and location -------------------------------------------------------------
    def _actors(
        self,
        m: Mention,
        found: list[Mention],
        k: int,
        usable: list[ActorMention],
        tokens: list[Tok],
        span: Span,
    ) -> _Who:
        left = found[k - 1].end if k else span.start
        right = found[k + 1].start if k + 1 < len(found) else span.end
        ends = [
            t.start
            for t in tokens[m.index + 1 :]
            if t.text in CLAUSE_PUNCT
            or (t.lower in CLAUSE_WORDS and t.pos in ("SCONJ", "CCONJ", "ADV"))
        ]
        right = min([right, *ends[:1]])  # its objects are in its own clause
        before = [a for a in usable if left <= a.start < m.start]
        after = [a for a in usable if m.end <= a.start < right]
        location = self._location(m, after, before)
        before = [a for a in before if a.kind != "location" and a.name != location]
        before = _without_modifiers(before, self.article.text)
        after = [a for a in after if a.kind != "location" and a.name != location]
        pronoun = False
        if not any(a.kind == "person" for a in before) and _pronoun_before(m, tokens):
            speaker = self._last_person(span.start)
            if speaker is not None:
                before, pronoun = [speaker, *before], True
        if m.cls is EventClass.REPORTING:
            subject = chosen = _speaker(before, after)
        else:
            chosen = before + after
            people = [a for a in before if a.kind == "person"]
            subject = people or [a for a in before if a.kind in ("organisation", "country")]
        return _Who(self._names(subject), self._names(subject + chosen), location, pronoun)

    def _names(self, mentions: list[ActorMention]) -> list[str]:
        return list(dict.fromkeys(self.aliases.canonical(m.name, m.kind) for m in mentions))

    def _location(
        self, m: Mention, after: list[ActorMention], before: list[ActorMention]
    ) -> str | None:
        text = self.article.text
        preps = {"in", "at"} | (
            {"to", "into", "toward", "towards"} if m.type is EventType.VISIT else set()
        )
        for a in after:
            if a.kind not in ("location", "country"):
                continue
            gap = text[m.end : a.start].lower().split()
            direct = not gap and m.type is EventType.VISIT
            if direct or (gap and len(gap) <= 3 and gap[-1] in preps):
                return self.aliases.canonical(a.name, a.kind)
        for a in before:
            if a.kind == "location" and text[max(0, a.start - 4) : a.start].lower().strip() in (
                "in",
                "at",
            ):
                return self.aliases.canonical(a.name, a.kind)
        return None

    def _described(self, tokens: list[Tok]) -> list[ActorMention]:
        """ "The carmaker" (a description of a company, after "the") as the organisation
        named last before it ("General Motors"): the actor is the earlier full name."""
        found = []
        for k, t in enumerate(tokens):
            if t.pos != "NOUN" or t.lemma not in DESCRIPTIONS or not _after_the(tokens, k):
                continue
            named = self._last_company(t.start)
            if named is not None:
                name = self.aliases.canonical(named.name, named.kind)
                found.append(
                    ActorMention(t.text, t.start, t.end, "organisation", name, form="description")
                )
        return found

    def _last_company(self, before: int) -> ActorMention | None:
        """The organisation named last before ``before`` (a name with a company word
        counts, whatever kind the scanner gave it: "Delta Air Lines")."""
        for k in range(bisect.bisect_left(self.mention_starts, before) - 1, -1, -1):
            m = self.mentions[k]
            if m.kind == "organisation" or _company(m.name):
                return m
        return None

    def _last_person(self, before: int) -> ActorMention | None:
        for k in range(bisect.bisect_left(self.mention_starts, before) - 1, -1, -1):
            if self.mentions[k].kind == "person":
                return self.mentions[k]
        return None

    # -- the event -------------------------------------------------------------------------
    def _event(
        self,
        span: Span,
        tokens: list[Tok],
        m: Mention,
        dating: Dating,
        who: _Who,
        status: EventStatus,
        keep: list[Tok],
        fallback: str,
    ) -> Event:
        confidence = (0.4 if m.noun else 0.55) + (0.15 if who.actors else 0.0)
        own = dating.anchor.kind in (AnchorKind.EXPRESSION, AnchorKind.EVENT)
        confidence += 0.15 if own else (0.1 if dating.value else 0.0)
        confidence -= 0.1 if who.pronoun else 0.0
        eid = event_id(self.article.id, span.start, m.start, m.type)
        anchor = dating.anchor
        if dating.time is not None and dating.time.start in self.moved:
            anchor = replace(anchor, kind=AnchorKind.EVENT, event_id=self.moved[dating.time.start])
        elif dating.time is not None and dating.time.anchor.startswith("previous: "):
            earlier = self.dated.get(dating.time.anchor.removeprefix("previous: "))
            if earlier is not None:
                anchor = replace(anchor, kind=AnchorKind.EVENT, event_id=earlier)
        title_who = replace(self._title_who(who), fallback=fallback)
        event = Event(
            id=eid,
            article_id=self.article.id,
            type=m.type,
            cameo=self.lex.cameo[m.type],
            trigger=m.text,
            title=make_title(m, tokens, keep, title_who, status),
            sentence=span.text,
            sentence_start=span.start,
            sentence_end=span.end,
            actors=tuple(who.actors),
            location=who.location,
            time_text=dating.time.text if dating.time else None,
            value=dating.value,
            earliest=dating.earliest,
            latest=dating.latest,
            granularity=dating.granularity,
            anchor=anchor,
            status=status,
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
            sources=(self.article.id,),
            event_class=m.cls,
            lemma=m.lemma,
            polarity=m.polarity,
            trigger_start=m.start,
            trigger_end=m.end,
        )
        # a participle, an infinitive or a noun is not the clause's main verb
        return replace(event, salience=salience(event, subordinate=m.tense == "none"))

    def _title_who(self, who: _Who) -> Who:
        return Who([self._short(a) for a in who.subject])

    def _short(self, name: str) -> str:
        """A person's surname; any other name whole (never "Motors" of "General Motors")."""
        person = self.aliases.kind(name) == "person" and not _company(name)
        return name.split()[-1] if person else name


def _relative_to_noun(
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
    k = m.index - 1
    while k >= 0 and tokens[k].pos in ("AUX", "ADV", "PART"):
        k -= 1
    subject = k
    while k >= 0 and subject - k < 4 and tokens[k].pos in _SUBJECT_WORDS:
        k -= 1  # "which Schumer sponsored", "that the company bought"
    if k < 0 or tokens[k].lower not in _RELATIVE:
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


def _coordinated(
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


def _company(name: str) -> bool:
    return any(w in COMPANY_WORDS for w in name.split())


def _without_modifiers(before: list[ActorMention], text: str) -> list[ActorMention]:
    """Without a country that only says where the next actor is from ("US carmaker
    General Motors cut jobs": General Motors did, not the United States)."""
    out = []
    for k, a in enumerate(before):
        b = before[k + 1] if k + 1 < len(before) else None
        if b is None or a.kind != "country" or b.kind == "country":
            out.append(a)
        elif not all(w.lower() in DESCRIPTIONS for w in text[a.end : b.start].split()):
            out.append(a)
    return out


def _after_the(tokens: list[Tok], k: int) -> bool:
    """True for "the carmaker", "the Detroit carmaker" (not "as the largest carmaker":
    a description said of a name, not one standing for it)."""
    j = k - 1
    if j >= 0 and tokens[j].pos == "PROPN":
        j -= 1
    return j >= 0 and tokens[j].lower == "the" and (j == 0 or tokens[j - 1].lower != "as")


def _pronoun_before(m: Mention, tokens: list[Tok]) -> bool:
    words = [t.lower for t in tokens[max(0, m.index - 3) : m.index]]
    return bool(set(words) & _SUBJECT_PRONOUNS)


def _token_at(tokens: list[Tok], offset: int) -> int:
    starts = [t.start for t in tokens]
    k = max(0, bisect.bisect_right(starts, offset) - 1)
    return tokens[k].start if tokens else 0


def _between(starts: list[int], span: Span) -> slice:
    """The slice of a list sorted by ``starts`` whose items start inside ``span``."""
    return slice(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end))


def _speaker(before: list[ActorMention], after: list[ActorMention]) -> list[ActorMention]:
    for group in (before[::-1], after):
        for kind in ("person", "organisation", "country"):
            hit = next((a for a in group if a.kind == kind), None)
            if hit is not None:
                return [hit]
    return []


def _dates(time: TimeExpression) -> bool:
    return time.type in (TimexType.DATE, TimexType.TIME) and bool(time.value)


def _future(dating: Dating, published) -> bool:
    return dating.earliest is not None and published is not None and dating.earliest > published
