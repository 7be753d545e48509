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
from timeline.language.features import BOS, EOS, FEATURE_VERSION, INITIAL, OFFSETS, word_features

MODEL_FILE = "tagger-en-ewt.json.gz"
MAX_TYPES = 60_000
_WINDOW = len(OFFSETS)
_PAD = 2  # pseudo-words on each side of a sentence


class Tagger:
    """Tags tokenised sentences; ``labels[i]`` is "UPOS|XPOS"."""

    def __init__(self, labels: Sequence[str], index: dict[str, int], weights: np.ndarray) -> None:
        self.labels = tuple(labels)
        self.upos = tuple(label.split("|")[0] for label in labels)
        self.xpos = tuple(label.split("|")[1] for label in labels)
        self._index = index
        # One extra all-zero row: every feature list ends with it, so none is empty.
        self._weights = np.vstack([weights.astype(np.float32), np.zeros((1, len(labels)), "f4")])
        self._zero = len(self._weights) - 1
        self._reset()

    def _reset(self) -> None:
        self._types: dict[str, int] = {}
        self._table = np.zeros((1024, _WINDOW, len(self.labels)), dtype=np.float32)
        self._add_types([BOS, EOS])

    def tag(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label indices for every token of ``sentences``, in order, as one array."""
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
        if not ids:
            return np.zeros(0, dtype=np.intp)
        padded = np.asarray(ids, dtype=np.intp)
        real = np.flatnonzero((padded != bos) & (padded != eos))
        table = self._table
        scores = table[padded[real - 2], 0]
        for k in range(1, _WINDOW):
            scores += table[padded[real + k - _PAD], k]
        return scores.argmax(axis=1)

    def _add_types(self, words: list[str]) -> None:
        """Compute and cache the offset vectors of new word types."""
        first = len(self._types)
        need = first + len(words)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)), *self._table.shape[1:]), "f4")
            grown[:first] = self._table[:first]
            self._table = grown
        index, zero = self._index, self._zero
        flat: list[int] = []
        starts: list[int] = []
        for word in words:
            for names in word_features(word):
                starts.append(len(flat))
                flat.extend(index[n] for n in names if n in index)
                flat.append(zero)
        rows = np.add.reduceat(self._weights[flat], starts, axis=0)
        self._table[first:need] = rows.reshape(len(words), _WINDOW, -1)
        for i, word in enumerate(words, first):
            self._types[word] = i


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
    index: dict[str, int] = {}
    weights = np.zeros((len(model["weights"]), len(labels)), dtype=np.float32)
    for row, (name, pairs) in enumerate(model["weights"].items()):
        index[name] = row
        weights[row, pairs[0::2]] = np.asarray(pairs[1::2], dtype=np.float32) / scale
    return Tagger(labels, index, weights)


@cache
def default_tagger() -> Tagger:
    """The shipped English model, loaded on first use."""
    data = resources.files("timeline.language").joinpath("data", MODEL_FILE).read_bytes()
    return load_model(data)
