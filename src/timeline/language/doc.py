"""The analysed article: ``analyse(text) -> Doc``, one pass, shared by every consumer.

DESIGN: a Doc is stored by columns (token offsets, tag ids, sentence and name indices in
compact arrays, about 20 bytes a token) and makes ``Token`` tuples when they are read,
so a corpus's Docs can stay alive between the pipeline's passes without holding
hundreds of objects per article; words and lemmas are never stored twice.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple, overload

from timeline.language.lemmas import lemma
from timeline.language.names import find_names
from timeline.language.sentences import Span, split_sentences
from timeline.language.tagger import Tagger, default_tagger
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
    """A sentence span (so it goes wherever spans go) with its tokens
    Doc.tokens[first:last] and the ``doc`` it belongs to."""

    index: int = 0
    first: int = 0
    last: int = 0
    doc: Doc | None = field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.doc.tokens[self.first : self.last] if self.doc is not None else ()


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


class Tokens(Sequence[Token]):
    """Doc.tokens: a read-only sequence that builds each Token when it is read."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc._starts)

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Token, ...]: ...
    def __getitem__(self, i: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(i, slice):
            return tuple(self._doc._token(j) for j in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"token index {i} out of range (0..{len(self) - 1})")
        return self._doc._token(i)

    def __iter__(self) -> Iterator[Token]:
        make = self._doc._token
        return (make(j) for j in range(len(self)))


class Doc:
    """Tokens, sentences and names of one text. ``tokens`` is a sequence of Token,
    ``sentences`` a tuple of Sentence, ``names`` a tuple of Name."""

    __slots__ = ("_ends", "_labels", "_name_of", "_sentence_of", "_starts", "_tagger", "names",
                 "sentences", "text", "tokens")  # fmt: skip

    def __init__(self, text: str, tagger: Tagger) -> None:
        self.text = text
        self._tagger = tagger
        self._starts = array("i")
        self._ends = array("i")
        self._labels = array("B")
        self._sentence_of = array("i")
        self._name_of = array("i")
        self.tokens = Tokens(self)
        self.sentences: tuple[Sentence, ...] = ()
        self.names: tuple[Name, ...] = ()

    def _token(self, i: int) -> Token:
        start, end, label = self._starts[i], self._ends[i], self._labels[i]
        word = self.text[start:end]
        pos, tag = self._tagger.upos[label], self._tagger.xpos[label]
        fields = (word, start, end, pos, tag, lemma(word, pos, tag), i, self._sentence_of[i])
        return tuple.__new__(Token, (*fields, self._name_of[i]))

    def token_at(self, offset: int) -> Token | None:
        """The token that covers character ``offset``, or None (space, out of range)."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i]:
            return self._token(i)
        return None

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that lie wholly inside [start, end)."""
        first = bisect_left(self._starts, start)
        last = bisect_right(self._ends, end, lo=first)
        return self.tokens[first:last]

    def rows_in(self, start: int, end: int) -> list[tuple[str, int, int, str, str, str, bool]]:
        """(text, start, end, pos, tag, lemma, in a name) of the tokens that lie wholly
        inside [start, end): what :meth:`tokens_in` gives, without building Tokens."""
        first = bisect_left(self._starts, start)
        last = bisect_right(self._ends, end, lo=first)
        text, upos, xpos = self.text, self._tagger.upos, self._tagger.xpos
        rows = []
        for s, e, label, name in zip(
            self._starts[first:last], self._ends[first:last], self._labels[first:last],
            self._name_of[first:last], strict=True,
        ):  # fmt: skip
            word, pos, tag = text[s:e], upos[label], xpos[label]
            rows.append((word, s, e, pos, tag, lemma(word, pos, tag), name >= 0))
        return rows

    def names_in(self, start: int, end: int) -> tuple[Name, ...]:
        """The names that lie wholly inside [start, end) (a sentence, a clause)."""
        return tuple(n for n in self.names if start <= n.start and n.end <= end)

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i]:
            return self.sentences[self._sentence_of[i]]
        return None

    def name_at(self, offset: int) -> Name | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i] and self._name_of[i] >= 0:
            return self.names[self._name_of[i]]
        return None


def analyse(text: str) -> Doc:
    """Tokens, sentences, part of speech, lemmas and names of ``text``."""
    spans = split_sentences(text)
    tokenised = [tokenise(text, span.start, span.end) for span in spans]
    tagger = default_tagger()
    labels = tagger.tag([[t[0] for t in sent] for sent in tokenised]).tolist()
    doc = Doc(text, tagger)
    doc._labels.extend(labels)
    upos_of = tagger.upos
    names: list[Name] = []
    sentences: list[Sentence] = []
    for s_index, (span, sent) in enumerate(zip(spans, tokenised, strict=True)):
        base = len(doc._starts)
        starts = [t[1] for t in sent]
        ends = [t[2] for t in sent]
        doc._starts.extend(starts)
        doc._ends.extend(ends)
        doc._sentence_of.extend([s_index] * len(sent))
        name_of = [-1] * len(sent)
        upos = [upos_of[i] for i in labels[base : base + len(sent)]]
        for found in find_names([t[0] for t in sent], starts, ends, upos):
            for j in range(found.first, found.last):
                name_of[j] = len(names)
            names.append(_name(text, sent, found, base, s_index))
        doc._name_of.extend(name_of)
        sentences.append(
            Sentence(span.start, span.end, span.text, s_index, base, base + len(sent), doc)
        )
    doc.sentences = tuple(sentences)
    openers = _sentence_openers(doc, names)
    if openers:
        names += openers
        names.sort(key=lambda n: n.start)
        doc._name_of = array("i", [-1]) * len(doc._starts)
        for i, name in enumerate(names):
            doc._name_of[name.first : name.last] = array("i", [i]) * (name.last - name.first)
    doc.names = tuple(_people(names))
    return doc


def _sentence_openers(doc: Doc, names: list[Name]) -> list[Name]:
    """A sentence's first word is capitalised anyway, so the tagger may read a name there
    as a common noun ("Ford says ..."): it is a name when the article uses it as one
    elsewhere (one word, the same kind)."""
    known = {n.text: n for n in names if n.last - n.first == 1}
    found = []
    for sentence in doc.sentences:
        i = sentence.first
        if i < sentence.last and doc._name_of[i] < 0:
            start, end = doc._starts[i], doc._ends[i]
            same = known.get(doc.text[start:end])
            if same is not None:
                found.append(replace(same, start=start, end=end, first=i, last=i + 1,
                                     sentence=sentence.index, title=None))  # fmt: skip
    return found


def _people(names: list[Name]) -> list[Name]:
    """A name nothing classified is a person when the article names that person with a
    title elsewhere: "Development Minister Svenja Schulze ... Schulze said"."""
    people = {n.text for n in names if n.kind == "person"}
    people |= {n.text.rsplit(" ", 1)[-1] for n in names if n.kind == "person"}
    return [replace(n, kind="person") if n.kind == "other" and n.text in people else n
            for n in names]  # fmt: skip


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
