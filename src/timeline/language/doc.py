"""The analysed article: ``analyse(text) -> Doc``, one pass, shared by every consumer."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from timeline.language.lemmas import lemma
from timeline.language.names import find_names
from timeline.language.sentences import Span, split_sentences
from timeline.language.tagger import default_tagger
from timeline.language.tokens import tokenise


class Token(NamedTuple):
    """One token: ``text == source[start:end]``; ``pos`` is the Universal POS tag
    (VERB, AUX, NOUN, PROPN, ...), ``tag`` the Penn Treebank tag (VBD, NNS, ...)."""

    text: str
    start: int
    end: int
    pos: str
    tag: str
    lemma: str
    index: int  # in Doc.tokens
    sentence: int  # index in Doc.sentences
    name: int  # index in Doc.names, -1 when the token is not part of a name

    @property
    def is_verb(self) -> bool:
        """A main verb (not an auxiliary): "rose", "said", "cut" when it is a verb."""
        return self.pos == "VERB"

    @property
    def is_name(self) -> bool:
        return self.name >= 0

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """A sentence span with its tokens (a Span, so it goes wherever spans go)."""

    index: int = 0
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    """A proper name: ``text == source[start:end]``, always whole tokens
    [``first``, ``last``) of Doc.tokens. ``kind`` is person, organisation, country,
    location or other; ``form`` name, demonym, code or capital; ``title`` the job title
    that introduces it ("Development Minister"), or None."""

    text: str
    start: int
    end: int
    kind: str
    form: str
    first: int
    last: int
    sentence: int
    title: Title | None = None


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    names: tuple[Name, ...]
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def token_at(self, offset: int) -> Token | None:
        """The token that covers character ``offset``, or None (space, out of range)."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.tokens[i].end:
            return self.tokens[i]
        return None

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that lie wholly inside [start, end)."""
        first = bisect_right(self._starts, start - 1)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return self.tokens[first:last]

    def sentence_at(self, offset: int) -> Sentence | None:
        token = self.token_at(offset)
        return self.sentences[token.sentence] if token is not None else None

    def name_at(self, offset: int) -> Name | None:
        token = self.token_at(offset)
        return self.names[token.name] if token is not None and token.is_name else None


def analyse(text: str) -> Doc:
    """Tokens, sentences, part of speech, lemmas and names of ``text``."""
    spans = split_sentences(text)
    tokenised = [tokenise(text, span.start, span.end) for span in spans]
    tagger = default_tagger()
    labels = tagger.tag([[t[0] for t in sent] for sent in tokenised]).tolist()
    upos_of, xpos_of = tagger.upos, tagger.xpos
    new = tuple.__new__
    tokens: list[Token] = []
    names: list[Name] = []
    sentences: list[Sentence] = []
    for s_index, (span, sent) in enumerate(zip(spans, tokenised, strict=True)):
        base = len(tokens)
        label_ids = labels[base : base + len(sent)]
        upos = [upos_of[i] for i in label_ids]
        words = [t[0] for t in sent]
        name_of = [-1] * len(sent)
        for found in find_names(words, [t[1] for t in sent], [t[2] for t in sent], upos):
            for j in range(found.first, found.last):
                name_of[j] = len(names)
            names.append(_name(text, sent, found, base, s_index))
        for j, ((word, start, end), label) in enumerate(zip(sent, label_ids, strict=True)):
            pos = upos[j]
            tokens.append(
                new(
                    Token,
                    (
                        word,
                        start,
                        end,
                        pos,
                        xpos_of[label],
                        lemma(word, pos),
                        base + j,
                        s_index,
                        name_of[j],
                    ),
                )
            )
        sentences.append(Sentence(span.start, span.end, span.text, s_index, tuple(tokens[base:])))
    return Doc(text, tuple(sentences), tuple(tokens), tuple(names), [t.start for t in tokens])


def _name(text: str, sent, found, base: int, s_index: int) -> Name:
    start, end = sent[found.first][1], sent[found.last - 1][2]
    title = None
    if found.title is not None:
        t_start, t_end = sent[found.title[0]][1], sent[found.title[1] - 1][2]
        title = Title(text[t_start:t_end], t_start, t_end)
    return Name(
        text[start:end],
        start,
        end,
        found.kind,
        found.form,
        base + found.first,
        base + found.last,
        s_index,
        title,
    )
