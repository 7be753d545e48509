"""Titles that say what happened, from the event's clause: who, the verb, its object
("GM reported a $3 billion loss", "Peskov: treaty to go to both parliaments for
ratification"). A report's title carries what was reported. Timeline labels: at most
:data:`MAX_CHARS` characters, cut at a word, never ending on a function word."""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.events.mentions import CLAUSE_PUNCT, Mention
from timeline.events.tokens import Tok
from timeline.models import EventClass, EventStatus, Polarity

MAX_CHARS = 60
_FUNCTION = frozenset(
    "the a an of to in on for with and or by at from that its their his her as than which "
    "who whom whose this these those but while when after before said says".split()
)
_LEADING = frozenset({"the", "a", "an", "that"})
_MODAL_TO = frozenset({"will", "would", "'ll", "shall"})
_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[($\[]) ")


def join(tokens: Sequence[Tok]) -> str:
    text = " ".join(t.text for t in tokens)
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", text))


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    words = text.split()
    while words and len(" ".join(words)) > limit:
        words.pop()
    while len(words) > 1 and words[-1].lower().strip(",;:") in _FUNCTION:
        words.pop()
    out = " ".join(words).rstrip(",;:-\u2014")
    return out[:1].upper() + out[1:]


def make_title(
    m: Mention,
    tokens: Sequence[Tok],
    subject: Sequence[str],
    status: EventStatus,
    skip: Sequence[tuple[int, int]],
) -> str:
    """The title of the event ``m`` of a sentence of ``tokens``; ``subject`` holds the
    short names of who did it; ``skip`` the (start, end) spans of time expressions,
    which the timeline shows on its own axis."""
    keep = [t for t in tokens if not any(a <= t.start < b for a, b in skip)]
    who = " and ".join(subject[:2])
    if m.cls is EventClass.REPORTING and not m.noun:
        content = _reported(m, keep)
        if content:
            return shorten(f"{who}: {content}" if who else content)
    phrase = _verb_phrase(m, tokens, status)
    obj = _object(m, keep)
    head = who or _noun_before(m, keep)
    return shorten(" ".join(part for part in (head, phrase, obj) if part))


def _verb_phrase(m: Mention, tokens: Sequence[Tok], status: EventStatus) -> str:
    if m.noun:
        before = []
        for t in reversed(tokens[: m.index]):
            if t.pos not in ("ADJ", "NOUN", "NUM", "PROPN") and t.text != "$":
                break
            before.insert(0, t)
        return join([*before, tokens[m.index]])
    negative = m.polarity is Polarity.NEGATIVE
    if status is EventStatus.PLANNED:
        return f"{'not ' if negative else ''}to {m.lemma}"
    if status is EventStatus.POSSIBLE:
        return f"may {'not ' if negative else ''}{m.lemma}"
    if negative:
        return f"did not {m.lemma}"
    return m.text


def _object(m: Mention, keep: Sequence[Tok]) -> str:
    after = [t for t in keep if t.start >= m.end]
    words: list[Tok] = []
    for t in after:
        if t.text in CLAUSE_PUNCT or t.text in ".!?" or len(words) >= 9:
            break
        words.append(t)
    return join(words)


def _noun_before(m: Mention, keep: Sequence[Tok]) -> str:
    before = [t for t in keep if t.end <= m.start]
    words: list[Tok] = []
    for t in reversed(before):
        if t.pos in ("AUX", "PART", "ADV") and not words:
            continue
        if t.pos not in ("NOUN", "PROPN", "ADJ", "NUM", "DET", "PRON") or len(words) >= 4:
            break
        words.insert(0, t)
    while words and words[0].lower in _LEADING:
        words.pop(0)
    return join(words)


def _reported(m: Mention, keep: Sequence[Tok]) -> str:
    """What a report says: the words after its verb, or, for a closing "..., X said",
    the words before the speaker; "will/would go" reads "to go"."""
    after = [t for t in keep if t.start >= m.end and t.text not in ".!?"]
    while after and (after[0].lower in _LEADING or after[0].text in CLAUSE_PUNCT):
        after.pop(0)
    if len(after) < 3:
        before = [t for t in keep if t.end <= m.start]
        cut = max((k for k, t in enumerate(before) if t.text in ",;:"), default=len(before))
        after = [t for t in before[:cut] if t.text not in '"\u201c\u201d']
        while after and after[0].lower in _LEADING:
            after.pop(0)
    words = []
    for k, t in enumerate(after):
        if t.lower in _MODAL_TO and k + 1 < len(after) and after[k + 1].pos in ("VERB", "AUX"):
            words.append(_Word("to"))
            continue
        words.append(t)
    return join(words)  # type: ignore[arg-type]


class _Word:
    """A word put into a title (no offsets)."""

    def __init__(self, text: str) -> None:
        self.text = text
