"""Titles that say what happened, from the event's clause: who, the verb, its object
("Sales in China rose 12 percent", "Peskov: treaty to go to both parliaments for
ratification"). A report's title carries what was reported. Timeline labels: at most
:data:`MAX_CHARS` characters, cut at a word, never ending on a function word; the
time expression is left out (the timeline shows the date), with its preposition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lemminflect import getInflection

from timeline.events.lexicon import lexicon
from timeline.events.mentions import CLAUSE_PUNCT, CLAUSE_WORDS, Mention
from timeline.events.reported import _reported, _source
from timeline.events.title_words import (
    _LEADING,
    _QUOTES,
    MAX_CHARS,
    _after,
    _before,
    _bound,
    _glued,
    _possessive,
    join,
)
from timeline.events.tokens import Tok
from timeline.language.lexicon import english
from timeline.models import EventClass, EventStatus, Polarity

_SHORTEST = 30  # a cut title keeps at least this much

_PHRASE_STARTS = frozenset("at of in on for with to from by about after before as".split())

_FUNCTION = frozenset(
    "the a an of to in on for with and or by at from that its their his her as than which "
    "who whom whose this these those but while when after before said says".split()
)

_MODALS = frozenset("will would shall should can could may might must 'll".split())

_SUBJECT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET", "PART", "SYM"})

_PARTICLES = frozenset({"down", "out", "up", "off", "away", "back"})


@dataclass(frozen=True, slots=True)
class Who:
    """Who did it, for the title: short names of the subject's actors, and, when the
    subject is a pronoun, the reporter's or the narrative's actor names instead."""

    names: Sequence[str]
    fallback: str = ""  # the reporter's subject, for "it", "they"


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word; a phrase the cut would leave
    unfinished goes whole ("at the invitation of his Russian" loses "of his Russian")."""
    words = text.split()
    whole = len(words)
    length = sum(map(len, words)) + len(words) - 1  # len(" ".join(words)), kept up to date
    while words and length > limit:
        length -= len(words.pop()) + 1
    if len(words) < whole:
        starts = [k for k, w in enumerate(words) if w.lower() in _PHRASE_STARTS]
        if starts and len(" ".join(words[: starts[-1]])) >= _SHORTEST:
            words = words[: starts[-1]]
    while len(words) > 1 and words[-1].lower().strip(",;:") in _FUNCTION:
        words.pop()
    out = " ".join(words).rstrip(",;:-\u2014")
    return out[:1].upper() + out[1:]


def make_title(
    m: Mention,
    tokens: Sequence[Tok],
    keep: Sequence[Tok],
    who: Who,
    status: EventStatus,
) -> str:
    """The title of the event ``m`` of a sentence of ``tokens``; ``keep`` holds those
    tokens without the time expressions (:func:`without_times`)."""
    names = " and ".join(who.names[:2])
    passive = m.index and tokens[m.index - 1].lemma == "be"  # "the closure was announced"
    if m.cls is EventClass.REPORTING and not m.noun and not passive:
        speaker = names or speaker_of(m, tokens, who)
        if m.lemma in lexicon().timeless_reports:  # "..., according to local officials"
            speaker = _source(m, tokens) or speaker
        content = _reported(m, keep, tokens, MAX_CHARS - len(speaker) - 2)
        if content:
            return shorten(f"{speaker}: {content}" if speaker else content)
    phrase = _verb_phrase(m, tokens, status)
    obj = join(_object(m, keep))
    if m.noun:
        return shorten(" ".join(part for part in (names, phrase, obj) if part))
    participle = m.tense == "none" and tokens[m.index].tag in ("VBG", "VBN")
    infinitive = m.tense == "none" and m.index and tokens[m.index - 1].lower == "to"
    if participle and _adverbial(m, tokens):
        head = _main_subject(m, tokens, keep, who, main=True)  # "struck, killing 820"
    elif participle:
        head = _noun_before_participle(m, tokens)  # "agreement, originally inked"
    elif infinitive and status in (EventStatus.HAPPENED, EventStatus.REPORTED):
        # "forcing the airline to cancel": the airline cancelled; "defeated Djokovic in
        # five sets to win the title": Alcaraz won
        head, phrase = _outcome_subject(m, tokens, keep, who), _past(m.lemma)
    elif infinitive:
        # "a loan to finance ...": not the loan; "the deal is expected to close": the deal
        head = " and ".join(who.names[:2]) or _main_subject(m, tokens, keep, who)
    else:
        head = _subject(m, keep, who)
    return shorten(" ".join(part for part in (head, phrase, obj) if part))


def without_times(tokens: Sequence[Tok], skip: Sequence[tuple[int, int]]) -> list[Tok]:
    """The tokens outside the time expressions (``skip``: their (start, end) spans) and
    the prepositions that introduce them ("on Monday", "in 2023")."""
    if not skip:
        return list(tokens)
    inside = [any(a <= t.start < b for a, b in skip) for t in tokens]
    keep = []
    for k, t in enumerate(tokens):
        if inside[k]:
            continue
        particle = k > 0 and tokens[k - 1].pos == "VERB" and t.lower in _PARTICLES
        if (
            t.pos == "ADP"
            and k + 1 < len(tokens)
            and inside[k + 1]
            and not _owned(tokens, inside, k + 1)
            and not particle  # "talks broke down last week"
        ):
            continue
        if k and inside[k - 1] and _possessive(t):
            continue  # "over last year's blasts": "over blasts"
        keep.append(t)
    return keep


def _owned(tokens: Sequence[Tok], inside: Sequence[bool], k: int) -> bool:
    """True when the time starting at token ``k`` ends in a possessive ("last year's"):
    the preposition before it governs the noun after it, not the time ("on Monday that
    its Alzheimer's drug": no)."""
    while k < len(tokens) and inside[k]:
        if _possessive(tokens[k]):
            return True
        k += 1
    return k < len(tokens) and _possessive(tokens[k])


def _verb_phrase(m: Mention, tokens: Sequence[Tok], status: EventStatus) -> str:
    if m.noun:
        before: list[str] = []
        for t in reversed(tokens[: m.index]):
            if t.pos not in ("ADJ", "NOUN", "NUM", "PROPN") and t.text != "$":
                break
            before.insert(0, t.text)
        return join([*before, tokens[m.index].text])
    negative = m.polarity is Polarity.NEGATIVE
    if status is EventStatus.PLANNED:
        return f"{'not ' if negative else ''}to {m.lemma}"
    if status is EventStatus.POSSIBLE:
        return f"may {'not ' if negative else ''}{m.lemma}"
    if negative:
        return f"did not {m.lemma}"
    chain: list[str] = []  # "have been strengthening", "had grown", "was found"
    for t in reversed(tokens[: m.index]):
        if t.pos != "AUX" or t.lower in _MODALS:
            break
        chain.insert(0, t.text)
    return " ".join([*chain, m.text])


def _object(m: Mention, keep: Sequence[Tok]) -> list[str]:
    """The words after the verb in its clause, up to another coordinated clause ("lost
    3 percent and oil prices climbed": "lost 3 percent")."""
    after = _after(keep, m.end)
    words: list[str] = []
    for k, t in enumerate(after):
        ends = t.text in CLAUSE_PUNCT or t.text in ".!?" or t.text in _QUOTES
        clause = t.pos == "CCONJ" and any(x.pos == "VERB" for x in after[k + 1 : k + 5])
        # "patients who received the drug suffered": the object ends at the main verb
        clause = clause or (k > 0 and after[k - 1].pos == "NOUN" and _past_verb(t))
        if ends or clause or (t.lower in CLAUSE_WORDS and t.pos == "SCONJ") or len(words) >= 9:
            break
        words.append(t.text)
    return words


def _outcome_subject(m: Mention, tokens: Sequence[Tok], keep: Sequence[Tok], who: Who) -> str:
    """Who did what an infinitive that happened tells: the object of its verb ("forced
    the minister to resign": the minister), else that verb's subject."""
    k = m.index - 2  # before "to"
    while k >= 0 and tokens[k].pos != "VERB":
        k -= 1
    if k < 0:
        return " and ".join(who.names[:2])
    between = [t for t in tokens[k + 1 : m.index - 1] if t.pos != "DET"]
    if between and len(between) < 5 and all(t.pos in _OBJECT_POS for t in between):
        return join([t.text for t in between])
    verb = tokens[k]
    at = replace(m, start=verb.start, end=verb.end)
    return _subject(at, keep, Who(()), elided=False) or " and ".join(who.names[:2])


def _past(lemma: str) -> str:
    forms = getInflection(lemma, tag="VBD")
    return forms[0] if forms else lemma


def _past_verb(t: Tok) -> bool:
    return t.pos == "VERB" and t.tag in ("VBD", "VBN")


def speaker_of(m: Mention, tokens: Sequence[Tok], who: Who) -> str:
    """Who reports: the actors' names, else the head of the subject ("Astronomers at the
    European Southern Observatory announced": "Astronomers"), else the words after the
    verb that name someone ("..., said Peskov")."""
    if who.names:
        return " and ".join(who.names[:2])
    phrase = _subject(m, tokens, who, elided=False).split()
    cut = next((k for k, w in enumerate(phrase) if w.lower() in ("at", "of", "in", "from")), None)
    return " ".join(phrase[:cut][-3:])


def _subject(m: Mention, keep: Sequence[Tok], who: Who, *, elided: bool = True) -> str:
    """The subject as written ("Sales in China", "Dow Jones Industrial Average"), or the
    actors' short names when it is a person or a pronoun."""
    before = _before(keep, m.start)
    before = before[: _apposition(before)]
    words: list[Tok] = []
    stop = None
    natural = True  # the subject opens the sentence or its clause
    for t in reversed(before):
        if (t.pos in ("AUX", "PART", "ADV") or t.text in _QUOTES) and not words:
            continue  # "had agreed", "will not", 'the treaty "does not create'
        limit = 10 if any(w.lower == "and" for w in words) else 8  # "between X and Y"
        if t.text in CLAUSE_PUNCT or t.lower in CLAUSE_WORDS or len(words) >= limit:
            stop, natural = t, len(words) < limit
            break
        joined = t.text == "&" and words  # "S&P 500", "Procter & Gamble"
        both = t.lower == "and" and words and words[0].pos in ("NOUN", "PROPN")
        if t.pos in _SUBJECT_POS or joined or both or (
            t.pos == "ADP" and words and words[0].pos != "ADP"
        ):  # fmt: skip
            words.insert(0, t)
            continue
        if t.pos == "PRON" and not words:
            words = [t]
        stop, natural = t, t.pos not in ("VERB", "AUX", "NOUN", "PROPN")
        break
    if not natural:
        # "Oil fell 2 percent and gold rose": "and" joined clauses, not the subject's nouns
        ands = [k for k, w in enumerate(words) if w.lower == "and"]
        words = words[ands[-1] + 1 :] if ands else words
    while words and (words[0].lower in _LEADING or words[0].pos == "ADP") and not _bound(words):
        words.pop(0)
    if not words:
        fallback = " and ".join(who.names[:2]) or who.fallback  # a speaker's "..., adding"
        return _elided(m, before, stop, keep, who) if elided else fallback
    if words[-1].pos == "PRON":
        return " and ".join(who.names[:2]) or who.fallback
    plain = not any(t.pos in ("ADP", "PART") or _possessive(t) for t in words)
    described = words[-1].lemma in english().actor_descriptions  # "the carmaker"
    if who.names and (words[-1].pos == "PROPN" or described) and plain:
        return " and ".join(who.names[:2])  # "Egyptian President Abdel Fattah el-Sisi": "Sisi"
    return join(_glued(words))


def _elided(
    m: Mention, before: Sequence[Tok], stop: Tok | None, keep: Sequence[Tok], who: Who
) -> str:
    """The subject of a verb with none written before it: the reporter's, when it is
    coordinated with the report ("Lufthansa said the strike would cost it ... and called
    the walkout unnecessary"), else that of the verb of its tense it is coordinated with
    ("the attack disrupted tests and forced"), the noun a relative clause hangs on
    ("patients who received the drug"), else the actors' names (never the reporter's
    for a clause of its own: "X, a firm ..., disrupted tests, the NHS said")."""
    names = " and ".join(who.names[:2])
    if stop is None or names:
        return names
    at = before.index(stop) if stop in before else -1
    if stop.pos == "CCONJ":
        verbs = [t for t in reversed(before[:at]) if t.tag in _TENSED and t.pos == "VERB"]
        same = [t for t in verbs if _TAG_TENSE.get(t.tag) == m.tense] or verbs
        reports = lexicon().verb_classes
        if who.fallback and any(
            reports.get(t.lemma) is EventClass.REPORTING for t in same[:1] + verbs[-1:]
        ):
            return who.fallback
        if same:
            return _subject(replace(m, start=same[0].start, end=same[0].end), keep, who)
    if stop.lower not in ("who", "which", "that") or at < 1:
        return ""
    head = at - 1
    if before[head].text == "," and at > 1:  # "the majority opinion, which sent the case back"
        head -= 1
    if before[head].pos not in ("NOUN", "PROPN"):
        return ""
    noun: list[Tok] = []  # "payment systems in national currencies" (not "creation of")
    while head >= 0 and len(noun) < 6 and (before[head].pos in _NOUN_PHRASE or (
        before[head].pos == "ADP" and before[head].lower != "of" and noun
    )):  # fmt: skip
        noun.insert(0, before[head])
        head -= 1
    while noun and noun[0].pos in ("ADP", "DET"):
        noun.pop(0)
    return join([t.text for t in noun])


_NOUN_PHRASE = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET"})

_TAG_TENSE = {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present"}


def _apposition(before: Sequence[Tok]) -> int:
    """Where the subject before a verb ends, past an apposition between commas ("A
    cyberattack on Synnovis, a pathology company that serves hospitals, disrupted": up
    to "Synnovis"); the end of ``before`` when none closes right before the verb."""
    end = len(before)
    k = end - 1
    while k >= 0 and before[k].pos in ("AUX", "PART", "ADV"):
        k -= 1
    if k < 1 or before[k].text != ",":
        return end
    opening = next((j for j in range(k - 1, -1, -1) if before[j].text in CLAUSE_PUNCT), None)
    if opening is None or opening == 0 or opening + 1 >= k:
        return end
    first = before[opening + 1]
    described = first.pos == "DET" or first.lower in ("who", "which")
    return opening if described and before[opening - 1].pos in ("NOUN", "PROPN") else end


def _adverbial(m: Mention, tokens: Sequence[Tok]) -> bool:
    """True for an -ing clause after a comma that follows a verb ("struck the mountains
    on Friday, killing 820 people and injuring 672"): its subject is the main clause's."""
    return m.cls is not EventClass.REPORTING and _ing_clause(m.index, tokens)


def _ing_clause(i: int, tokens: Sequence[Tok]) -> bool:
    if tokens[i].tag != "VBG":
        return False
    k = i - 1
    while k >= 0 and tokens[k].pos == "ADV":
        k -= 1
    if k >= 0 and tokens[k].pos == "CCONJ":  # "killing 820 and injuring 672"
        return any(_ing_clause(j, tokens) for j in range(k - 1, max(-1, k - 8), -1))
    return k >= 0 and tokens[k].text == "," and any(t.tag in _FINITE for t in tokens[:k])


def _main_subject(
    m: Mention, tokens: Sequence[Tok], keep: Sequence[Tok], who: Who, *, main: bool = False
) -> str:
    """Who does ``m``: the object of the verb before an infinitive ("expect the visit to
    take place"), else the written subject of the nearest finite verb before ``m``
    (``main``: of the sentence's first, whose clause an -ing clause hangs on), else
    the actors' names; never a pronoun's stand-in."""
    verbs = [k for k in range(m.index) if tokens[k].tag in _FINITE]
    if not verbs:
        return " and ".join(who.names[:2])
    k = verbs[0] if main else verbs[-1]
    between = [t for t in tokens[k + 1 : m.index - 1] if t.pos != "DET"]
    named = any(t.pos in ("NOUN", "PROPN") for t in between)  # not "is due to begin"
    if not main and named and all(t.pos in _OBJECT_POS for t in between) and len(between) < 5:
        return join([t.text for t in between])
    verb = tokens[k]
    at = replace(m, index=k, start=verb.start, end=verb.end)
    return _subject(at, keep, Who(()), elided=False) or " and ".join(who.names[:2])


_FINITE = frozenset({"VBD", "VBZ", "VBP", "VBN", "MD"})  # the tagger reads some VBD as VBN

_TENSED = frozenset({"VBD", "VBZ", "VBP", "VBN"})

_OBJECT_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})


def _noun_before_participle(m: Mention, tokens: Sequence[Tok]) -> str:
    """The noun a participle clause hangs on ("an agreement, originally inked in
    January": "agreement"), or nothing ("rising interest rates")."""
    before = list(tokens[: m.index])
    while before and (before[-1].pos == "ADV" or before[-1].text == ","):
        before.pop()
    while len(before) > 2 and before[-1].pos == "PROPN" and before[-2].pos == "ADP":
        before = before[:-2]  # "agreement with Iran, originally inked": the agreement
    last = before[-1] if before else None
    return last.text if last is not None and last.pos in ("NOUN", "PROPN") else ""
