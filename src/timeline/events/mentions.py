"""Event mentions of one sentence: every verb that is not an auxiliary or a copula, and
every event noun ("sales", "loss", "flight", "talks"), with its lemma, type, TimeML
class, polarity, modality cue and tense. A word inside a name or a time expression is
never a trigger ("United States", "General Motors", "the end of the year")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.events.lexicon import Lexicon
from timeline.events.tokens import Tok
from timeline.models import EventClass, EventStatus, EventType, Polarity

#: Tokens that end a clause: a date or an actor of one clause does not belong to the next.
CLAUSE_WORDS = frozenset(
    "that which who whom whose when while after before because although though as since "
    "if unless whereas but until".split()
)
CLAUSE_PUNCT = frozenset(',;:()\u201c\u201d"\u2013\u2014')
_CLAUSE_OPENERS = frozenset({",", ".", ":", ";", '"', "\u201c", "\u201d", "``", "''", "'"})
_OBJECT_POS = frozenset({"DET", "PRON", "NUM", "PROPN", "NOUN"})
_FUTURE = frozenset({"will", "'ll", "shall"})
_PERFECT = frozenset({"has", "have", "'ve"})
_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN"})


@dataclass(frozen=True, slots=True)
class Mention:
    index: int  # token index in the sentence
    start: int
    end: int
    text: str
    lemma: str
    noun: bool
    type: EventType
    cls: EventClass
    polarity: Polarity
    cue: EventStatus  # from the words before it: planned / possible / happened
    tense: str  # past | pluperfect | present | perfect | future | none
    clause: int  # clause number in the sentence
    modifier: bool = False  # a participle used as an adjective: "an estimated 2.5%"
    past_form: bool = False  # a present that is also the past form: "sales hit", "they cut"


def clause_numbers(tokens: Sequence[Tok]) -> list[int]:
    """A clause number per token: it goes up at punctuation and subordinating words."""
    numbers, current = [], 0
    for tok in tokens:
        if tok.text in CLAUSE_PUNCT or (tok.lower in CLAUSE_WORDS and tok.pos != "PRON"):
            current += 1
        numbers.append(current)
    return numbers


def find_mentions(
    tokens: Sequence[Tok],
    lex: Lexicon,
    blocked: Sequence[tuple[int, int]],
    *,
    amounts: bool = False,
) -> list[Mention]:
    """The event mentions of one sentence; ``blocked`` are (start, end) spans of actors
    and time expressions, whose words are never triggers, as are the words of a name
    the language layer found; ``amounts`` admits nouns of
    quantities (sales, loss), which TimeML does not mark but a timeline may show."""
    clauses = clause_numbers(tokens)
    lower = [t.lower for t in tokens]
    found: list[Mention] = []
    for i, tok in enumerate(tokens):
        noun = tok.pos in _NOUN_POS
        if not (tok.pos in _VERB_POS or noun) or tok.in_name or _inside(tok, blocked):
            continue
        if noun and i + 1 < len(tokens) and tokens[i + 1].pos == "NOUN":
            continue  # "an emergency landing": the head is the last noun
        if noun and not (
            lex.is_event_noun(tok.lemma, amounts=amounts)
            or lex.is_event_noun(tok.lower, amounts=amounts)
        ):
            continue
        if not noun and (tok.lemma in lex.not_events or not tok.lemma.isalpha()):
            continue
        following = lower[i + 1 : i + 4]
        if noun:
            lemma = tok.lemma if lex.is_event_noun(tok.lemma, amounts=amounts) else tok.lower
            etype, _ = lex.noun_type(tok.lower, following)
            if etype is EventType.OTHER:
                etype, _ = lex.noun_type(lemma, following)
            cls = lex.noun_classes.get(lemma, EventClass.OCCURRENCE)
        else:
            lemma = tok.lemma
            etype, _ = lex.verb_type(lemma, following)
            cls = lex.verb_classes.get(lemma, EventClass.OCCURRENCE)
            if lemma in lex.clause_reporting and not _clause_follows(tokens, i):
                cls = EventClass.OCCURRENCE
            if (
                cls in lex.argument_classes
                and lemma not in lex.argument_free
                and not _argument_follows(tokens, i, lex)
            ):
                cls = EventClass.OCCURRENCE
        before = _clause_before(tokens, clauses, i)
        found.append(
            Mention(
                index=i,
                start=tok.start,
                end=tok.end,
                text=tok.text,
                lemma=lemma,
                noun=noun,
                type=etype,
                cls=cls,
                polarity=_polarity(before, lex),
                cue=_cue(before, lex),
                tense="none" if noun else _tense(tokens, i),
                clause=clauses[i],
                modifier=not noun and i > 0 and tokens[i - 1].pos == "DET",
                past_form=tok.tag == "VBP" and tok.lower in lex.same_past,
            )
        )
    return found


def _clause_follows(tokens: Sequence[Tok], i: int) -> bool:
    """True when a clause, a quote or the end of the sentence follows token ``i``."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or nxt.lower == "that" or nxt.text in _CLAUSE_OPENERS


def _argument_follows(tokens: Sequence[Tok], i: int, lex: Lexicon) -> bool:
    """True when an event argument follows token ``i`` within a few words: a gerund, a
    to-infinitive, a that-clause or an event noun ("kept rising", "called for talks")."""
    for k in range(i + 1, min(len(tokens), i + 5)):
        t = tokens[k]
        if t.text in CLAUSE_PUNCT or t.text in ".!?":
            return False
        if (
            t.tag == "VBG"
            or t.lower == "that"
            or (t.lower == "to" and k + 1 < len(tokens) and tokens[k + 1].pos in ("VERB", "AUX"))
        ):
            return True
        if t.pos == "NOUN" and lex.is_event_noun(t.lemma):
            return True
        if t.pos == "VERB":
            return False
    return False


def _inside(tok: Tok, blocked: Sequence[tuple[int, int]]) -> bool:
    start = tok.start
    for a, b in blocked:  # a plain loop: a generator costs more than the test
        if a <= start < b:
            return True
    return False


def _clause_before(tokens: Sequence[Tok], clauses: list[int], i: int, size: int = 6) -> list[str]:
    """Up to ``size`` words before token ``i`` in its clause, nearest first, up to and
    including the nearest other verb."""
    words = []
    for k in range(i - 1, max(-1, i - 1 - size), -1):
        if clauses[k] != clauses[i] or tokens[k].text in CLAUSE_PUNCT:
            break
        words.append(tokens[k].lower)
        if tokens[k].pos == "VERB":  # a cue further back belongs to that verb
            break  # ("expects to report profit jumped": "jumped" is not expected)
    return words


def _polarity(before: list[str], lex: Lexicon) -> Polarity:
    near = before[:3]
    return Polarity.NEGATIVE if set(near) & lex.negations else Polarity.POSITIVE


def _cue(before: list[str], lex: Lexicon) -> EventStatus:
    words = set(before)
    if words & lex.possible:
        return EventStatus.POSSIBLE
    if words & lex.plan:
        return EventStatus.PLANNED
    return EventStatus.HAPPENED


#: Auxiliaries -> the tense they give, tried in this order.
_AUX_TENSES = (
    (_FUTURE, "future"),
    (_PERFECT, "perfect"),
    (frozenset({"had"}), "pluperfect"),
    (frozenset({"was", "were", "did"}), "past"),
    (frozenset({"is", "are", "am", "does", "do", "'s", "'re"}), "present"),
)
_TAG_TENSES = {"VBD": "past", "VBZ": "present", "VBP": "present"}


def _tense(tokens: Sequence[Tok], i: int) -> str:
    """past | pluperfect | present | perfect | future | none, from the verb's tag and
    its auxiliaries."""
    auxes = set()
    for k in range(i - 1, max(-1, i - 5), -1):
        if tokens[k].pos not in ("AUX", "PART", "ADV") and tokens[k].lower not in ("not", "n't"):
            break
        auxes.add(tokens[k].lower)
    for words, tense in _AUX_TENSES:
        if auxes & words:
            return tense
    found = _TAG_TENSES.get(tokens[i].tag)
    if found is not None:
        return found
    if tokens[i].tag == "VBN" and not auxes and _finite_participle(tokens, i):
        return "past"
    if tokens[i].tag == "VB" and not auxes and _subject_before(tokens, i):
        return "present"  # "Bin Laden and Kopp replace two agents": a VBP tagged VB
    return "none"  # a participle or an infinitive: not a clause's own verb


_NOUN_PHRASE = frozenset({"NOUN", "PROPN", "DET", "ADJ", "NUM", "CCONJ", "PART"})


def _subject_before(tokens: Sequence[Tok], i: int) -> bool:
    """A noun right before the verb, in a noun phrase that opens its clause (not the
    object of a verb before it: "helped the company survive", "let them go")."""
    if i == 0 or tokens[i - 1].pos not in ("NOUN", "PROPN"):
        return False
    k = i - 1
    while k >= 0 and tokens[k].pos in _NOUN_PHRASE and tokens[k].lower != "to":
        k -= 1
    return k < 0 or tokens[k].text in CLAUSE_PUNCT or tokens[k].lower in CLAUSE_WORDS


def _finite_participle(tokens: Sequence[Tok], i: int) -> bool:
    """A VBN the tagger gave a simple past: "the countries signed a memorandum",
    "fighters crossed into Israel" (not "planes operated by the airline")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i else None
    if nxt is not None and nxt.pos in _OBJECT_POS:
        return True
    subject = prev is not None and prev.pos in ("NOUN", "PROPN", "PRON")
    return subject and (nxt is None or nxt.lower != "by")
