"""The words of each sentence with their part of speech and lemma, from the language layer.

Events stand on these: a trigger is a verb or an event noun *as tagged*, never a word
guessed from its shape or its capital letter ("United States" is no verb "states").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from timeline.language import Sentence, analyse
from timeline.sentences import Span


class Tok(NamedTuple):
    """A word as events read it: a tuple (one is built for every word of every sentence,
    so cheaply), its lower-case form computed once (rules read it again and again)."""

    text: str
    start: int  # absolute offsets in the article
    end: int
    pos: str  # Universal POS: VERB, AUX, NOUN, PROPN, ADJ, ...
    tag: str  # Penn Treebank tag when known (VBD, VBZ, ...), else ""
    lemma: str  # lower case
    in_name: bool = False  # part of a proper name ("United States", "General Motors")
    lower: str = ""  # text.lower(), filled in by :func:`tok`


def tok(text: str, start: int, end: int, pos: str, tag: str, lemma: str, in_name: bool) -> Tok:
    """A Tok with its ``lower`` filled in."""
    return tuple.__new__(Tok, (text, start, end, pos, tag, lemma, in_name, text.lower()))


def sentence_tokens(text: str, spans: Sequence[Span]) -> list[list[Tok]]:
    """The tokens of each of ``spans`` (offsets into ``text``), tagged in context by
    :func:`timeline.language.analyse` (once: the pipeline's sentences carry their Doc)."""
    if spans and isinstance(spans[0], Sentence) and spans[0].doc is not None:
        doc = spans[0].doc  # the pipeline's one analysis of the article
    else:
        doc = analyse(text)
    return [_compounds(doc.rows_in(span.start, span.end)) for span in spans]


_PARTICLES = frozenset({"ADP", "ADV", "PART"})


def _compounds(words: Iterable[tuple[str, int, int, str, str, str, bool]]) -> list[Tok]:
    """Tokens from the Doc's (text, start, end, pos, tag, lemma, in a name) rows, with a
    hyphenated compound ("cease-fire", "sell-off") made one word again: the treebank
    splits it, but it names one thing (its last part's tag, a joint lemma)."""
    out: list[Tok] = []
    new = tuple.__new__
    for text, start, end, pos, tag, lemma, in_name in words:
        if (
            out
            and out[-1].end == start
            and text != "--"
            and (text == "-" or out[-1].text.endswith("-"))
        ):
            last = out.pop()
            joined = (last.pos, last.tag) if text == "-" else (pos, tag)
            if joined[0] in _PARTICLES:  # "sell-off", "take-over": a noun after a determiner
                nominal = out and out[-1].pos in ("DET", "ADJ", "NUM")
                joined = ("NOUN", "NN") if nominal else (last.pos, last.tag)
            lemma = last.lemma + (text if text == "-" else lemma.lower())
            text = last.text + text
            out.append(tok(text, last.start, end, *joined, lemma, last.in_name or in_name))
            continue
        out.append(new(Tok, (text, start, end, pos, tag, lemma.lower(), in_name, text.lower())))
    return out
