"""The words of each sentence with their part of speech and lemma, from the language layer.

Events stand on these: a trigger is a verb or an event noun *as tagged*, never a word
guessed from its shape or its capital letter ("United States" is no verb "states").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.language import Sentence, Token, analyse
from timeline.sentences import Span


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int  # absolute offsets in the article
    end: int
    pos: str  # Universal POS: VERB, AUX, NOUN, PROPN, ADJ, ...
    tag: str  # Penn Treebank tag when known (VBD, VBZ, ...), else ""
    lemma: str  # lower case
    in_name: bool = False  # part of a proper name ("United States", "General Motors")

    @property
    def lower(self) -> str:
        return self.text.lower()


def sentence_tokens(text: str, spans: Sequence[Span]) -> list[list[Tok]]:
    """The tokens of each of ``spans`` (offsets into ``text``), tagged in context by
    :func:`timeline.language.analyse` (once: the pipeline's sentences carry their Doc)."""
    if spans and isinstance(spans[0], Sentence) and spans[0].doc is not None:
        doc = spans[0].doc  # the pipeline's one analysis of the article
    else:
        doc = analyse(text)
    return [_compounds(doc.tokens_in(span.start, span.end)) for span in spans]


_PARTICLES = frozenset({"ADP", "ADV", "PART"})


def _compounds(tokens: Sequence[Token]) -> list[Tok]:
    """Tokens, with a hyphenated compound ("cease-fire", "sell-off") made one word again:
    the treebank splits it, but it names one thing (its last part's tag, a joint lemma)."""
    out: list[Tok] = []
    for t in tokens:
        glued = out and out[-1].end == t.start
        if glued and (t.text == "-" or out[-1].text.endswith("-")) and t.text != "--":
            last = out.pop()
            text = last.text + t.text
            pos, tag = (last.pos, last.tag) if t.text == "-" else (t.pos, t.tag)
            if pos in _PARTICLES:  # "sell-off", "take-over": a noun after a determiner
                nominal = out and out[-1].pos in ("DET", "ADJ", "NUM")
                pos, tag = ("NOUN", "NN") if nominal else (last.pos, last.tag)
            lemma = last.lemma + (t.text if t.text == "-" else t.lemma.lower())
            out.append(Tok(text, last.start, t.end, pos, tag, lemma, last.in_name or t.is_name))
            continue
        out.append(Tok(t.text, t.start, t.end, t.pos, t.tag, t.lemma.lower(), t.is_name))
    return out
