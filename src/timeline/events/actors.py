"""Who did an event and where: the actors of its clause, the subject before the verb,
a pronoun's person, and "the carmaker" as the company named before it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from timeline.entities import ActorMention, AliasTable
from timeline.events.mentions import CLAUSE_PUNCT, CLAUSE_WORDS, Mention
from timeline.events.tokens import Tok
from timeline.language.lexicon import english
from timeline.models import EventClass, EventType
from timeline.sentences import Span

__all__ = ["Actors", "Who"]

_SUBJECT_PRONOUNS = frozenset({"he", "she"})
DESCRIPTIONS = english().actor_descriptions
COMPANY_WORDS = english().organisation_words
NOT_DESCRIBED = english().not_described
_LOOK_BACK = 300  # actor mentions looked back over for the company a description names


@dataclass(frozen=True, slots=True)
class Who:
    subject: list[str]
    actors: list[str]
    location: str | None
    pronoun: bool


class Actors:
    """The article's actor mentions, in text order, with their canonical names."""

    def __init__(self, text: str, mentions: Sequence[ActorMention], aliases: AliasTable) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.aliases = aliases
        self._canonical: dict[tuple[str, str], str] = {}  # (name, kind) -> canonical name

    def of_sentence(self, span: Span, tokens: list[Tok]) -> list[ActorMention]:
        """The sentence's actors (no demonyms) and the companies its descriptions name."""
        inside = self.mentions[
            bisect.bisect_left(self.starts, span.start) : bisect.bisect_left(self.starts, span.end)
        ]
        usable = [m for m in inside if m.form != "demonym"] + self._described(tokens)
        return sorted(usable, key=lambda m: m.start)

    def short(self, name: str) -> str:
        """A person's surname; any other name whole (never "Motors" of "General Motors")."""
        person = self.aliases.kind(name) == "person" and not _company(name)
        return name.split()[-1] if person else name

    def subjects(
        self, found: list[Mention], usable: list[ActorMention], tokens: list[Tok], span: Span
    ) -> dict[int, Who]:
        """Who did each event; a verb with no subject of its own takes the nearest
        verb's ("Peskov highlighted ... and pointed to ...", "Describing ..., Peskov said"),
        an event noun that of the verb before it in its clause."""
        whos = {k: self._actors(m, found, k, usable, tokens, span) for k, m in enumerate(found)}
        finite = [k for k, m in enumerate(found) if not m.noun and m.tense != "none"]
        for k, m in enumerate(found):
            if whos[k].subject:
                continue
            opening = not finite or finite[0] > k  # "Describing ..., Peskov said"
            donors = [
                j
                for j in whos
                if j != k
                and whos[j].subject
                and not found[j].noun
                and (
                    found[j].cls is not EventClass.REPORTING
                    or (j > k and opening)
                    or m.noun
                    or m.cls is EventClass.REPORTING  # "Peskov said, adding that"
                )
                and (not m.noun or (j < k and found[j].clause == m.clause))
            ]  # a speaker is not the actor of what is reported before or after the verb
            # ("A quake struck ..., killing 820, the ministry said"), only of a participle
            # opening the sentence; a noun takes the subject of the verb it is the object
            # of ("GM reported a loss")
            if donors:
                prev = whos[min(donors, key=lambda j: (abs(j - k), j > k))]
                who = whos[k]
                actors = list(dict.fromkeys(prev.subject + who.actors))
                whos[k] = Who(prev.subject, actors, who.location, who.pronoun)
        return whos

    def _actors(
        self,
        m: Mention,
        found: list[Mention],
        k: int,
        usable: list[ActorMention],
        tokens: list[Tok],
        span: Span,
    ) -> Who:
        left = found[k - 1].end if k else span.start
        right = found[k + 1].start if k + 1 < len(found) else span.end
        for t in islice(tokens, m.index + 1, None):  # its objects are in its own clause
            if t.text in CLAUSE_PUNCT or (
                t.lower in CLAUSE_WORDS and t.pos in ("SCONJ", "CCONJ", "ADV")
            ):
                right = min(right, t.start)
                break
        before = [a for a in usable if left <= a.start < m.start]
        after = [a for a in usable if m.end <= a.start < right]
        location = self._location(m, after, before)
        before = [a for a in before if a.kind != "location" and a.name != location]
        before = _without_modifiers(_without_places(before, self.text), self.text)
        after = [a for a in after if a.kind != "location" and a.name != location]
        after = _without_places(after, self.text)
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
        return Who(self._names(subject), self._names(subject + chosen), location, pronoun)

    def _names(self, mentions: list[ActorMention]) -> list[str]:
        names: dict[str, None] = {}
        for m in mentions:
            key = (m.name, m.kind)
            name = self._canonical.get(key)
            if name is None:
                name = self._canonical[key] = self.aliases.canonical(m.name, m.kind)
            names[name] = None
        return list(names)

    def _location(
        self, m: Mention, after: list[ActorMention], before: list[ActorMention]
    ) -> str | None:
        text = self.text
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
        last = bisect.bisect_left(self.starts, before) - 1
        for k in range(last, max(-1, last - _LOOK_BACK), -1):
            m = self.mentions[k]
            described = not any(w in NOT_DESCRIBED for w in m.name.split())
            if (m.kind == "organisation" or _company(m.name)) and described:
                return m  # not a news agency nor a public body
        return None

    def _last_person(self, before: int) -> ActorMention | None:
        for k in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            if self.mentions[k].kind == "person":
                return self.mentions[k]
        return None


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


#: Words after which a country names where something happened, not who did it: "captured
#: the town near the border with Rwanda", "a field off Guyana", "fled across Lebanon".
_PLACE_BEFORE = re.compile(
    r"\b(?:near|off|across|outside|inside|toward|towards|border with|borders? of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _without_places(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    return [
        a
        for a in mentions
        if a.kind != "country" or not _PLACE_BEFORE.search(text[max(0, a.start - 20) : a.start])
    ]


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


def _speaker(before: list[ActorMention], after: list[ActorMention]) -> list[ActorMention]:
    for group in (before[::-1], after):
        for kind in ("person", "organisation", "country"):
            hit = next((a for a in group if a.kind == kind), None)
            if hit is not None:
                return [hit]
    return []
