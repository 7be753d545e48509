"""The words of each sentence with their part of speech and lemma, from the language layer.

Events stand on these: a trigger is a verb or an event noun *as tagged*, never a word
guessed from its shape or its capital letter ("United States" is no verb "states").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.language import analyse
from timeline.sentences import Span


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int  # absolute offsets in the article
    end: int
    pos: str  # Universal POS: VERB, AUX, NOUN, PROPN, ADJ, ...
    tag: str  # Penn Treebank tag when known (VBD, VBZ, ...), else ""
    lemma: str  # lower case

    @property
    def lower(self) -> str:
        return self.text.lower()


def sentence_tokens(text: str, spans: Sequence[Span]) -> list[list[Tok]]:
    """The tokens of each of ``spans`` (offsets into ``text``), tagged in context by
    :func:`timeline.language.analyse`."""
    doc = analyse(text)
    return [
        [
            Tok(t.text, t.start, t.end, t.pos, t.tag, t.lemma.lower())
            for t in doc.tokens_in(span.start, span.end)
        ]
        for span in spans
    ]
