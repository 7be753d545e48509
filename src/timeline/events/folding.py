"""Which of a sentence's mentions are timeline events: a light verb folds into its event
noun ("held talks" is one meeting), a noun into the verb of its own type ("signed the
deal"), a noun no verb governs is left to TimeML's every-mention reading, and an
infinitive is what is meant to happen."""

from __future__ import annotations

from dataclasses import replace

from timeline.events.mentions import Mention
from timeline.events.tokens import Tok
from timeline.models import EventClass, EventStatus, EventType

__all__ = ["descriptions", "fold", "infinitive", "reporter"]

_DEFINITE = frozenset("the this that these those its his her their".split())


def fold(
    found: list[Mention],
    tokens: list[Tok],
    seen: set[EventType],
    light_verbs: frozenset[str],
    attributions: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The timeline's events: a light verb (``light_verbs``: lemmas whose object noun is the
    event, "held talks", "reported a loss") gives way to its event noun, a noun to the
    verb of its own type in the same clause, and a noun no verb governs is left out
    unless it is of a type of the vocabulary with a cue (plans for a trip); a definite
    noun ("the trip") of a type already found in the article repeats that event; the
    source an attribution names ("according to a statement") is that attribution."""
    keep: list[Mention] = []
    for k, m in enumerate(found):
        if not m.noun and m.lemma in _NO_TIMELINE:
            continue  # "had no plans to travel": the plan, not the having
        if m.noun and _subject_of_verb(m, found, k, tokens):
            continue  # "said the treaty would go": the going is the event
        definite = m.index and tokens[m.index - 1].lower in _DEFINITE
        if m.noun and definite and (m.type in seen or any(x.type is m.type for x in keep)):
            continue
        if not m.noun:
            nxt = found[k + 1] if k + 1 < len(found) else None
            folds = nxt is not None and nxt.noun and nxt.index - m.index <= 4
            if folds and m.lemma in light_verbs and nxt.clause == m.clause:
                continue
            keep.append(m)
            continue
        verb = next((v for v in reversed(found[:k]) if not v.noun and v.clause == m.clause), None)
        if verb is not None and verb.type is m.type and m.type is not EventType.OTHER:
            continue
        if verb is not None and verb.lemma in attributions and m.index - verb.index <= 4:
            continue
        light = verb is not None and verb.lemma in light_verbs and m.index - verb.index <= 4
        governed = (
            verb is not None
            and m.index - verb.index <= 4
            and verb.cls in (EventClass.REPORTING, EventClass.ASPECTUAL, EventClass.I_ACTION)
        )
        if light or governed or m.cue is not EventStatus.HAPPENED:
            keep.append(m if not light else replace(m, tense=verb.tense))
    return keep


def infinitive(
    m: Mention,
    tokens: list[Tok],
    found: list[Mention],
    implicative: frozenset[str] = frozenset(),
    results: frozenset[str] = frozenset(),
) -> bool:
    """A to-infinitive ("agreed to deepen", "urged them to return", "a loan to finance"):
    what is meant to happen, not what happened; not after an aspectual verb ("began to
    fall"), an ``implicative`` one that happened ("forcing the airline to cancel"), nor
    an outcome of ``results`` after a past occurrence ("defeated Djokovic to win the
    title")."""
    if m.noun or m.index == 0 or tokens[m.index - 1].lower != "to" or tokens[m.index].tag != "VB":
        return False
    governors = [g for g in found if g.index < m.index and not g.noun]
    if not governors:
        return True
    g = governors[-1]
    if g.cls is EventClass.ASPECTUAL:
        return False
    told = g.cue is EventStatus.HAPPENED and g.tense not in ("future", "present")
    told = told and tokens[g.index - 1].lower != "to" if g.index else told
    if told and g.lemma in implicative:
        return False
    return not (
        told and g.tense == "past" and g.cls is EventClass.OCCURRENCE and m.lemma in results
    )


_NO_TIMELINE = frozenset({"be", "have"})
_ATTRIBUTIVE_BEFORE = frozenset({"DET", "ADJ", "NUM"})


def descriptions(found: list[Mention], tokens: list[Tok], describing: frozenset[str]) -> set[int]:
    """Which of the mentions (their indexes in ``found``) only describe a noun, no
    happening the timeline shows: a participle of ``describing`` after its noun
    ("economists polled by Reuters", "a deal valued at $53 billion"), and a participle
    used as an adjective before its noun ("a known side effect", "search teams reach
    burned neighborhoods", "Developing countries had demanded")."""
    out = set()
    for k, m in enumerate(found):
        if m.noun:
            continue
        tag = tokens[m.index].tag
        prev = tokens[m.index - 1] if m.index else None
        nxt = tokens[m.index + 1] if m.index + 1 < len(tokens) else None
        after_noun = prev is not None and prev.pos == "NOUN" and tag in ("VBN", "VBD")
        if after_noun and m.lemma in describing and nxt is not None and nxt.pos == "ADP":
            out.add(k)  # (not "shareholders valued the company")
        elif nxt is not None and nxt.pos == "NOUN" and _attributive(tag, prev):
            out.add(k)
    return out


def _attributive(tag: str, prev: Tok | None) -> bool:
    if prev is None or prev.pos in _ATTRIBUTIVE_BEFORE:
        return tag in ("VBN", "VBG")
    # "reach burned neighborhoods": two verbs in a row, the second read as a past or not
    return tag in ("VBN", "VBD") and prev.pos == "VERB"


def _subject_of_verb(m: Mention, found: list[Mention], k: int, tokens: list[Tok]) -> bool:
    """True when the noun ``m`` is the subject of the verb after it ("said the treaty
    would go", "added that trade with Iran had grown"): a verb of its clause follows
    within a few words ("reported a loss of $3 billion" has none)."""
    nxt = next((x for x in found[k + 1 :] if not x.noun), None)
    if nxt is None or nxt.clause != m.clause or nxt.index - m.index > 6:
        return False
    between = tokens[m.index + 1 : nxt.index]
    return not any(t.pos == "VERB" for t in between)


def reporter(k: int, m: Mention, reports: list[int], found: list[Mention]) -> int | None:
    """The reporting verb whose report ``m`` is part of: the nearest one in the sentence."""
    others = [r for r in reports if r != k]
    if not others or m.cls is EventClass.REPORTING:
        return None
    return min(others, key=lambda r: abs(found[r].start - m.start))
