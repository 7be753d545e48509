"""A report's title carries what was reported: "Peskov: treaty to go to both parliaments
for ratification", "Lindqvist: company to cut 1,800 jobs at its plant", "Local officials:
At least 17 people were killed" for "according to local officials"."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.events.lexicon import lexicon
from timeline.events.mentions import CLAUSE_PUNCT, Mention
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

_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})

_PERFECT = frozenset({"had", "has", "have", "'d", "'ve"})

_MODAL_TO = frozenset({"will", "would", "'ll", "shall"})

_HEARER_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON"})

_RAISING = frozenset({"expected", "due", "set", "likely", "scheduled", "slated", "poised"})

_HEAD_POS = frozenset({"NOUN", "PROPN"})

_MODIFIER_POS = frozenset({"DET", "ADJ", "PRON"})  # "its experimental", "a wind-driven"


def _reported(m: Mention, keep: Sequence[Tok], tokens: Sequence[Tok], room: int = MAX_CHARS) -> str:
    """What a report says: the words after its verb, or, for a closing "..., X said",
    the words before the speaker; "the treaty would go" reads "treaty to go"."""
    rest = _after(keep, m.end)
    after = [t for t in rest if t.text not in ".!?"]
    while after and (after[0].lower in _LEADING or after[0].text in CLAUSE_PUNCT):
        after.pop(0)
    nxt = rest[0] if rest else None  # times left out
    closing = nxt is None or nxt.text in ".,;!?" or m.lemma in lexicon().timeless_reports
    adjunct = bool(after) and after[0].pos == "ADP"  # "said in a statement", "pointed to"
    quoted = _after_quote(m, tokens)
    if (len(after) < 3 or adjunct) and not (closing or quoted):
        return ""  # "did not disclose the price", "pointed to ...": a plain title
    if len(after) < 3 or adjunct:
        before = _before(keep, m.start)
        cut = max((k for k, t in enumerate(before) if t.text in ",;:"), default=len(before))
        after = [t for t in before[:cut] if t.text not in _QUOTES]
        while after and after[0].lower in _LEADING:
            after.pop(0)
    after = _without_hearer(after)
    while after and (after[0].lower in _PRONOUNS or after[0].lower in _PERFECT):
        after.pop(0)  # "GM says it will repay": "GM: will repay"; "they had discovered"
    after = _compact_subject(_without_apposition(after), room)
    words: list[str] = []
    skip = 0
    for k, t in enumerate(after):
        if t.text == "," and len(words) >= 4 and not any(x.text in _QUOTES for x in after[:k]):
            break  # "... a loss of $3 billion, the carmaker said"
        nxt = after[k + 1] if k + 1 < len(after) else None
        noun_before = k and after[k - 1].pos in ("NOUN", "PROPN")
        if t.lower in _MODAL_TO and noun_before and nxt is not None and nxt.pos in ("VERB", "AUX"):
            words.append("to")
            continue
        if t.lemma == "be" and noun_before and _raised(after[k + 1 : k + 3]):
            words.append("to")  # "inflation was expected to remain": "inflation to remain"
            skip = 2
            continue
        if skip:
            skip -= 1
            continue
        words.append(t.text)
    return join(words)


def _without_hearer(after: list[Tok]) -> list[Tok]:
    """What is reported without whom it was told to: "told analysts that the company
    would cut" reads "company would cut"."""
    that = next((k for k, t in enumerate(after[:5]) if t.lower == "that"), None)
    if not that or not all(t.pos in _HEARER_POS for t in after[:that]):
        return after
    after = after[that + 1 :]
    while after and after[0].lower in _LEADING:
        after.pop(0)
    return after


def _raised(words: Sequence[Tok]) -> bool:
    """True for "expected to", "due to": with the "be" before it, a plain "to"."""
    return len(words) == 2 and words[0].lower in _RAISING and words[1].lower == "to"


def _after_quote(m: Mention, tokens: Sequence[Tok]) -> bool:
    """True for '"...," Peskov said': a quotation closes right before the speaker."""
    k = m.index - 1
    while k >= 0 and tokens[k].pos in ("PROPN", "NOUN", "DET", "ADJ", "PRON"):
        k -= 1
    return (
        k >= 1
        and tokens[k].text == ","
        and tokens[k - 1].text in _QUOTES
        or (k >= 0 and tokens[k].text in _QUOTES)
    )


def _without_apposition(after: list[Tok]) -> list[Tok]:
    """What a report says without an apposition on its subject ("a cyberattack on
    Synnovis, a pathology company that serves hospitals, disrupted blood tests": "a
    cyberattack on Synnovis disrupted blood tests")."""
    opening = next((k for k, t in enumerate(after[:8]) if t.text == ","), None)
    if opening is None or opening == 0 or opening + 1 >= len(after):
        return after
    if after[opening + 1].pos != "DET" or after[opening - 1].pos not in _HEAD_POS:
        return after
    closing = next((k for k in range(opening + 2, len(after)) if after[k].text == ","), None)
    if closing is None or closing + 1 >= len(after) or after[closing + 1].pos != "VERB":
        return after
    return after[:opening] + after[closing + 1 :]


def _compact_subject(after: list[Tok], room: int) -> list[Tok]:
    """What a report says, without the words before its subject's first noun when the
    whole would not fit in ``room`` characters, so that the verb and what it did stay
    ("its experimental Alzheimer's drug slowed cognitive decline": "drug slowed
    cognitive decline"; "a wind-driven wildfire destroyed": "wildfire destroyed")."""
    verb = next((k for k, t in enumerate(after) if t.pos in ("VERB", "AUX")), None)
    if verb is None or verb < 2 or len(join([t.text for t in after])) <= room or _bound(after):
        return after
    first = next((k for k in range(verb) if after[k].pos in _HEAD_POS), None)
    if first is None or any(t.pos not in _MODIFIER_POS for t in after[:first]):
        return after
    owner = first + 2 if first + 2 < verb and _possessive(after[first + 1]) else first
    return after[owner:] if owner < verb and after[owner].pos in _HEAD_POS else after[first:]


def _source(m: Mention, tokens: Sequence[Tok]) -> str:
    """Who an attribution names: "according to local officials" -> "Local officials",
    "according to the former head of the agency" -> "Former head"."""
    words: list[Tok] = []
    for t in tokens[m.index + 1 :]:
        if t.lower == "to" and not words:
            continue
        medium = words and words[-1].lemma in lexicon().report_media
        if t.lower in ("from", "by", "of") and medium:
            words = []  # "a statement from the Russian Foreign Ministry": the ministry
            continue
        if t.text in CLAUSE_PUNCT or t.text in ".!?" or t.pos in ("ADP", "VERB") or len(words) > 4:
            break
        words.append(t)
    while words and words[0].pos == "DET":
        words.pop(0)
    text = join(_glued(words))
    return text[:1].upper() + text[1:]
