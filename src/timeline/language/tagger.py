"""Part-of-speech tagger: an averaged perceptron over one-word window features
(``features.py``), trained on the UD English Web Treebank by ``tools/train_tagger.py``.

The model ships in ``data/tagger-en-ewt.json.gz`` (CC BY-SA 4.0, see ``data/NOTICE``):
plain JSON, no pickle; it is read once, on first use. Each label is a pair of
Universal POS and Penn Treebank tag ("VERB|VBD"), so a token has both.

Speed: per word type the five offset vectors are computed once and cached in one
array; an article is tagged by gathering those rows for all its tokens and adding
them (see ``features.py``). The cache is bounded: past ``MAX_TYPES`` word types it
starts afresh.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from timeline.errors import TimelineError
from timeline.language.features import (
    BOS,
    CONTEXT,
    EOS,
    FEATURE_VERSION,
    INITIAL,
    OFFSETS,
    ambiguity,
    context_index,
    context_rows,
    word_features,
)

MODEL_FILE = "tagger-en-ewt.json.gz"
MAX_TYPES = 20_000  # about 27 MB of cached rows at most
_WINDOW = len(OFFSETS)
_PAD = 2  # pseudo-words on each side of a sentence
_BANNED = -1e4  # added to the labels a frequent word was never seen with


class Tagger:
    """Tags tokenised sentences; ``labels[i]`` is "UPOS|XPOS".

    ``weights`` (features x labels) score the word window; ``context`` (rows of
    ``context_rows`` x labels), when given, the neighbours' first-pass tags and the
    word's ambiguity class (one of ``classes``; unknown ones read as the first);
    ``allowed`` maps a frequent word to the only labels it may take."""

    def __init__(
        self,
        labels: Sequence[str],
        index: dict[str, int],
        weights: np.ndarray,
        *,
        context: np.ndarray | None = None,
        classes: Sequence[str] = ("?",),
        allowed: dict[str, Sequence[int]] | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.upos = tuple(label.split("|")[0] for label in labels)
        self.xpos = tuple(label.split("|")[1] for label in labels)
        self._index = index
        # One extra all-zero row: every feature list ends with it, so none is empty.
        # Half precision (weights are hundredths below a few tens): half the memory; they
        # are only read when a new word type is cached, and summed in single precision.
        self._weights = np.vstack([weights, np.zeros((1, len(labels)))]).astype(np.float16)
        self._zero = len(self._weights) - 1
        self._context = None if context is None else context.astype(np.float32)
        self._classes = {c: i for i, c in enumerate(classes)}
        self._context_rows = context_rows(len(labels), len(classes))
        self._banned: dict[str, np.ndarray] = {}
        for word, ok in (allowed or {}).items():
            banned = np.full(len(labels), _BANNED, dtype=np.float32)
            banned[list(ok)] = 0.0
            self._banned[word] = banned
        self._reset()

    def _reset(self) -> None:
        self._types: dict[str, int] = {}
        self._table = np.zeros((1024, _WINDOW, len(self.labels)), dtype=np.float32)
        self._class_of = np.zeros(1024, dtype=np.intp)
        self._add_types([BOS, EOS])

    def tag(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label indices for every token of ``sentences``, in order, as one array."""
        padded, real, scores = self.first_pass(sentences)
        if self._context is None or not len(real):
            return scores.argmax(axis=1)
        n, n_classes = len(self.labels), len(self._classes)
        tags = np.full(len(padded), n, dtype=np.intp)
        tags[real] = scores.argmax(axis=1)
        classes = self._class_of[padded]
        for feature, row in zip(CONTEXT, self._context_rows, strict=False):
            index = context_index(feature, tags, classes, real, n, n_classes)
            scores += self._context[index + row]
        return scores.argmax(axis=1)

    def first_pass(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(padded word-type ids, positions of the real tokens in them, window scores)."""
        count = sum(len(s) for s in sentences)
        if len(self._types) + count > MAX_TYPES:
            self._reset()
        types = self._types
        bos, eos = types[BOS], types[EOS]
        ids: list[int] = []
        for words in sentences:
            if not words:
                continue
            keys = [INITIAL + words[0], *words[1:]]
            missing = [k for k in keys if k not in types]
            if missing:
                self._add_types(list(dict.fromkeys(missing)))
            ids += (bos, bos, *[types[k] for k in keys], eos, eos)
        padded = np.asarray(ids, dtype=np.intp)
        real = np.flatnonzero((padded != bos) & (padded != eos))
        table = self._table
        scores = table[padded[real - _PAD], 0]
        for k in range(1, _WINDOW):
            scores += table[padded[real + k - _PAD], k]
        return padded, real, scores

    def _add_types(self, words: list[str]) -> None:
        """Compute and cache the offset vectors of new word types."""
        first = len(self._types)
        need = first + len(words)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)), *self._table.shape[1:]), "f4")
            grown[:first] = self._table[:first]
            self._table = grown
            self._class_of = np.resize(self._class_of, len(grown))
        index, zero = self._index, self._zero
        flat: list[int] = []
        starts: list[int] = []
        for word in words:
            for names in word_features(word):
                starts.append(len(flat))
                flat.extend(index[n] for n in names if n in index)
                flat.append(zero)
        rows = np.add.reduceat(self._weights[flat], starts, axis=0, dtype=np.float32)
        self._table[first:need] = rows.reshape(len(words), _WINDOW, -1)
        for i, word in enumerate(words, first):
            self._types[word] = i
            # the form word_features looked up (cached): a word's class once, not twice
            self._class_of[i] = self._classes.get(ambiguity(word.removeprefix(INITIAL).lower()), 0)
            banned = self._banned.get(word.removeprefix(INITIAL))
            if banned is not None:
                self._table[i, _PAD] += banned


def load_model(data: bytes) -> Tagger:
    """Build a Tagger from the gzip-compressed JSON written by ``tools/train_tagger.py``."""
    try:
        model = json.loads(gzip.decompress(data))
    except (OSError, EOFError, ValueError) as exc:
        raise TimelineError(f"the tagger model is not gzip-compressed JSON: {exc}") from exc
    if model.get("feature_version") != FEATURE_VERSION:
        raise TimelineError(
            f"tagger model has feature version {model.get('feature_version')!r}, "
            f"this code reads {FEATURE_VERSION}: rebuild it with `make tagger`"
        )
    labels = model["labels"]
    scale = float(model["scale"])
    index = {name: row for row, name in enumerate(model["weights"])}
    weights = _dense(model["weights"].values(), len(index), len(labels), scale)
    classes = model["classes"]
    context = _dense(
        model["context"].values(),
        context_rows(len(labels), len(classes))[-1],
        len(labels),
        scale,
        rows=[int(r) for r in model["context"]],
    )
    return Tagger(
        labels, index, weights, context=context, classes=classes, allowed=model["allowed"]
    )


def _dense(sparse, n_rows: int, n_labels: int, scale: float, rows=None) -> np.ndarray:
    """Rows of [label, weight * scale, ...] pairs as a dense matrix."""
    out = np.zeros((n_rows, n_labels), dtype=np.float32)
    for row, pairs in zip(rows if rows is not None else range(n_rows), sparse, strict=True):
        out[row, pairs[0::2]] = np.asarray(pairs[1::2], dtype=np.float32) / scale
    return out


@cache
def default_tagger() -> Tagger:
    """The shipped English model, loaded on first use."""
    data = resources.files("timeline.language").joinpath("data", MODEL_FILE).read_bytes()
    return load_model(data)
