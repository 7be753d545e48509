"""Events of one article: each sentence's event mentions with their actors, location,
date (by the clause that governs them), modality, title and salience."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from timeline.entities import ActorMention, AliasTable
from timeline.events.actors import Actors, Who
from timeline.events.dating import (
    Context,
    Dating,
    can_date,
    date_mention,
    date_rest,
)
from timeline.events.domains import retype
from timeline.events.folding import descriptions, fold, infinitive, reporter
from timeline.events.lexicon import Lexicon, lexicon
from timeline.events.links import (
    coordinated,
    previous_event,
    relative_pronoun,
    relative_to_noun,
    told_before,
)
from timeline.events.mentions import (
    Mention,
    clause_numbers,
    find_mentions,
)
from timeline.events.ownership import frames, owners
from timeline.events.relative import (
    after_previous_event,
    event_anchor,
    names_event,
    shift_interval,
)
from timeline.events.results import next_period, period_of_figure
from timeline.events.salience import key_event, score
from timeline.events.speakers import Speakers
from timeline.events.titles import Who as TitleWho
from timeline.events.titles import make_title, speaker_of, without_times
from timeline.events.tokens import Tok, sentence_tokens
from timeline.merge.ids import event_id  # the id formula (re-exported here)
from timeline.models import (
    DAY_OR_FINER,
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
from timeline.sentences import Span, is_headline

_BACKGROUND_DAYS = 366  # older than a year before the publish date: background, not narrative
_VISIT_WORDS = frozenset({"visit", "tour"})  # a visit without a named place still is one


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
    lead = True  # the story's first sentence tells its key event
    for span, tokens in zip(spans, sentence_tokens(article.text, spans), strict=True):
        if not every_mention and is_headline(article.text, span):
            continue  # the story tells it again, with its date and its parties
        events.extend(builder.build(span, tokens, every_mention=every_mention, lead=lead))
        lead = False
    return events


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
        self.actors = Actors(article.text, mentions, aliases)
        self.lex = lex
        self.narrative: Dating | None = None
        self.history: list[Event] = []  # the article's events so far
        self.tenses: dict[str, str] = {}  # event id -> tense (a flashback sets no narrative)
        self.seen: set[EventType] = set()  # types of the events found so far
        self.dated: dict[str, str] = {}  # expression text -> id of the event it dates
        self.moved: dict[int, str] = {}  # "Two days later" (its start) -> the event it follows
        self.period: TimeExpression | None = None  # a results story's quarter or half
        self.speakers = Speakers(article.published)  # the day of each speaker's report

    def build(
        self, span: Span, tokens: list[Tok], *, every_mention: bool, lead: bool = False
    ) -> list[Event]:
        times = [self._reanchored(t, span) for t in self.all_times[_between(self.all_starts, span)]]
        dated = [t for t in times if _dates(t)]
        actors = self.actors.mentions[_between(self.actors.starts, span)]
        blocked = [(m.start, m.end) for m in actors] + [(t.start, t.end) for t in times]
        every = retype(
            find_mentions(tokens, self.lex, blocked, amounts=not every_mention), tokens, self.lex
        )
        found = every
        if not every_mention:
            found = fold(found, tokens, self.seen, self.lex.light, self.lex.timeless_reports)
            junk = descriptions(found, tokens, self.lex.describing)
            found = [m for k, m in enumerate(found) if k not in junk]
            self.seen.update(m.type for m in found)
        clauses = clause_numbers(tokens)
        clause_of = {t.start: c for t, c in zip(tokens, clauses, strict=True)}
        clause_at = {t.start: clause_of.get(_token_at(tokens, t.start), 0) for t in dated}
        timeless = frozenset(k for k, m in enumerate(found) if m.lemma in self.lex.timeless_reports)
        owned = owners(found, dated, span, clause_at, timeless)
        reports = [k for k, m in enumerate(found) if m.cls is EventClass.REPORTING and not m.noun]
        durations = [t for t in times if t.type is TimexType.DURATION]
        ctx = Context(span, dated, durations, self.article.published, self.narrative)
        # a report keeps the times it can take; one it cannot ("ready to leave as soon as
        # Tuesday, Castro said") is free for the other events of its sentence
        reporting_owned = frozenset(
            id(t) for k in reports for t in owned.get(k, ()) if can_date(found[k], t, ctx)
        )
        ctx.clause_times = self._relative_times(found, owned, tokens, span)
        ctx.on_event = lambda m: self._on_event(m, span, durations, every, dated)
        ctx.period = lambda m: period_of_figure(m, tokens, self.lex, self.period)
        ctx.same_event = lambda m: told_before(m, tokens, self.history, self.lex.other_event, dated)
        nouns: dict[int, tuple[str, Dating]] = {}  # dated events of the sentence
        ctx.on_noun = lambda m: (
            relative_to_noun(m, tokens, found, nouns, span, dated)
            or coordinated(m, tokens, found, nouns)
        )
        usable = self.actors.of_sentence(span, tokens)
        events: list[Event] = []
        report_of: dict[int, tuple[str, Dating]] = {}
        order = reports + [k for k in range(len(found)) if k not in reports]
        whos = self.actors.subjects(found, usable, tokens, span)
        keep = without_times(tokens, [(t.start, t.end) for t in dated])  # not durations
        key = key_event(found, tokens) if lead else None
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
            if k in reports:
                dating = self.speakers.date(dating, who.subject or who.actors)
            moves = m.lemma not in _VISIT_WORDS and not m.noun
            if m.type is EventType.VISIT and who.location is None and moves:
                m = replace(m, type=EventType.OTHER)  # "return to talks" is no visit
            fallback = (
                speaker_of(found[teller], tokens, self._title_who(whos[teller]))
                if teller is not None
                else ""
            )
            event = self._event(span, tokens, m, dating, who, status, keep, fallback, k == key)
            if k in reports:
                report_of[k] = (event.id, dating)
                self.speakers.remember(event.id, dating, who.subject or who.actors)
            if dating.time is not None or dating.anchor.kind is AnchorKind.EVENT:
                nouns[m.start] = (event.id, dating)
            events.append(event)
            self.history.append(event)
            self.tenses[event.id] = m.tense
            if dating.time is not None:
                self.dated.setdefault(dating.time.text, event.id)
        events.sort(key=lambda e: e.trigger_start)
        self._carry(events)
        self.period = next_period(self.period, times, span, self.article.published)
        return events

    def _relative_times(
        self,
        found: list[Mention],
        owned: dict[int, list[TimeExpression]],
        tokens: list[Tok],
        span: Span,
    ) -> dict[int, int]:
        """The times of relative clauses (by ``id``) and where each clause opens: "paid
        tribute to the men who launched the revolution four decades ago" (the main clause
        before it does not share it). A time framing the sentence stays the sentence's,
        and one an expectation owns ("the closing, which is expected in December") is
        also the noun's."""
        out: dict[int, int] = {}
        for k, ts in owned.items():
            if found[k].lemma in self.lex.expectation:
                continue
            pronoun = relative_pronoun(found[k], tokens)
            for t in ts if pronoun is not None else ():
                if not frames(t, span):
                    out[id(t)] = pronoun
        return out

    def _reanchored(self, t: TimeExpression, span: Span) -> TimeExpression:
        """ "Two days later" read from the previous sentence's event, when the tagger read
        it from an expression of an earlier sentence (see :func:`after_previous_event`)."""
        if not t.anchor.startswith("previous: ") or t.type is not TimexType.DATE:
            return t
        k = bisect.bisect_left(self.all_starts, t.start) - 1
        if k >= 0 and self.all_times[k].start >= span.start:
            return t  # "on Monday ... and two days later": the sentence's own date
        event = previous_event(self.history, self.article.published)
        moved = after_previous_event(t, event, self.article.published) if event else None
        if moved is None or event is None:
            return t
        self.moved[t.start] = event.id
        return moved

    def _on_event(
        self,
        m: Mention,
        span: Span,
        durations: list[TimeExpression],
        every: list[Mention],
        dated: list[TimeExpression],
    ) -> Dating | None:
        """The date of ``m`` from the event it is anchored to: "a day before the
        sell-off" is a day before the event the sell-off was (said earlier); a day of the
        sentence inside that date narrows it ("Retaliating 13 days after the bombings
        (August), U.S. forces Thursday launched": Thursday)."""
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
        day = next((t for t in dated if _narrows(t, moved[1], moved[2])), None)
        if day is not None:
            return Dating(day.value, day.earliest, day.latest, day.granularity, kind, day)
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
        if m.tense == "future" or infinitive(
            m, tokens, found, self.lex.implicative, self.lex.results
        ):
            return EventStatus.PLANNED
        if m.cls is not EventClass.REPORTING and reporter(k, m, reports, found) is not None:
            return EventStatus.REPORTED
        return EventStatus.HAPPENED

    # -- the event -------------------------------------------------------------------------
    def _event(
        self,
        span: Span,
        tokens: list[Tok],
        m: Mention,
        dating: Dating,
        who: Who,
        status: EventStatus,
        keep: list[Tok],
        fallback: str,
        key: bool = False,
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
        title_who = TitleWho(self._title_who(who).names, fallback)
        # a participle, an infinitive or a noun is not the clause's main verb
        subordinate = m.tense == "none"
        weight = score(anchor.kind, bool(who.actors), status, m.cls, m.type, 1, m.polarity,
                       subordinate=subordinate, key=key)  # fmt: skip
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
            salience=weight,
        )
        return event

    def _title_who(self, who: Who) -> TitleWho:
        return TitleWho([self.actors.short(a) for a in who.subject])


def _token_at(tokens: list[Tok], offset: int) -> int:
    starts = [t.start for t in tokens]
    k = max(0, bisect.bisect_right(starts, offset) - 1)
    return tokens[k].start if tokens else 0


def _between(starts: list[int], span: Span) -> slice:
    """The slice of a list sorted by ``starts`` whose items start inside ``span``."""
    return slice(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end))


def _dates(time: TimeExpression) -> bool:
    return time.type in (TimexType.DATE, TimexType.TIME) and bool(time.value)


def _future(dating: Dating, published) -> bool:
    return dating.earliest is not None and published is not None and dating.earliest > published


def _narrows(t: TimeExpression, first, last) -> bool:
    """Whether ``t`` is a day (or a time of day) strictly inside ``first``..``last``."""
    if t.earliest is None or t.latest is None or t.granularity not in DAY_OR_FINER:
        return False
    return first <= t.earliest and t.latest <= last and (first, last) != (t.earliest, t.latest)
