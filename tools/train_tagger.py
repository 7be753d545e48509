"""Train the part-of-speech tagger on UD English EWT and write the shipped model.

    python tools/train_tagger.py ../shared/corpora/ud-english-ewt [--epochs 8] [--out PATH]

An averaged perceptron (Collins 2002; averaging by the usual time-stamp trick) over the
window features of ``timeline.language.features``; labels are "UPOS|XPOS" pairs seen at
least ``--min-label`` times (rarer pairs fall back to their UPOS's commonest pair).
Then the second pass (neighbours' tags): its training tags come from first-pass models
trained without the sentences they tag (``--folds``-fold jackknife), so they err as
the first pass errs on new text. Words seen at least ``--dict-min`` times may only take
labels they were seen with at least twice (the tag dictionary).
Trains on the train file, prints dev accuracy after each epoch, and writes the model as
gzip-compressed JSON: {feature: [label, weight * scale, ...]}. Weights whose magnitude
rounds below ``--min-weight`` are dropped (a small file, the same accuracy). Deterministic:
the sentence order of each epoch comes from a seeded generator.

The treebank is CC BY-SA 4.0, so the model is too: see src/timeline/language/data/NOTICE.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from timeline.language.features import (
    BOS,
    CONTEXT,
    EOS,
    FEATURE_VERSION,
    INITIAL,
    ambiguity,
    context_index,
    context_rows,
    word_features,
)
from timeline.language.tagger import MODEL_FILE, Tagger

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "timeline" / "language" / "data" / MODEL_FILE
SCALE = 100


def read_conllu(path: Path) -> list[list[tuple[str, str, str, str]]]:
    """Sentences of (form, lemma, upos, xpos); multi-word token lines and empty nodes skipped."""
    sentences: list[list[tuple[str, str, str, str]]] = []
    current: list[tuple[str, str, str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if not line:
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                current.append((cols[1], cols[2], cols[3], cols[4]))
    if current:
        sentences.append(current)
    return sentences


def label_set(sentences, min_count: int) -> tuple[list[str], dict[str, str]]:
    counts = Counter(f"{u}|{x}" for s in sentences for _, _, u, x in s)
    labels = sorted(label for label, n in counts.items() if n >= min_count)
    best: dict[str, str] = {}
    for label, _ in counts.most_common():
        best.setdefault(label.split("|")[0], label)
    fallback = {
        label: (label if label in labels else best[label.split("|")[0]]) for label in counts
    }
    return labels, fallback


def window_types(words: list[str]) -> list[str]:
    return [BOS, BOS, INITIAL + words[0], *words[1:], EOS, EOS]


def feature_index(sentences, min_count: int) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for s in sentences:
        types = window_types([w for w, *_ in s])
        for i in range(2, len(types) - 2):
            for k in range(5):
                counts.update(word_features(types[i + k - 2])[k])
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def token_features(sentences, index, cache: dict) -> list[np.ndarray]:
    out = []
    for s in sentences:
        out += sentence_features(s, index, cache)
    return out


def sentence_features(s, index, cache: dict) -> list[np.ndarray]:
    out = []
    if s:
        types = window_types([w for w, *_ in s])
        for i in range(2, len(types) - 2):
            ids: list[int] = []
            for k in range(5):
                key = (types[i + k - 2], k)
                if key not in cache:
                    names = word_features(key[0])[k]
                    cache[key] = [index[n] for n in names if n in index]
                ids += cache[key]
            out.append(np.asarray(ids, dtype=np.intp))
    return out


def train(feats, gold, n_features, n_labels, epochs, dev_eval=None, seed=7, base=None):
    w = np.zeros((n_features, n_labels))
    u = np.zeros((n_features, n_labels))  # sum of c * update, for the averaged weights
    c = 1
    order = list(range(len(feats)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for t in order:
            ids = feats[t]
            score = w[ids].sum(axis=0)
            if base is not None:
                score += base[t]
            guess = int(score.argmax())
            g = gold[t]
            if guess != g:
                errors += 1
                w[ids, g] += 1
                w[ids, guess] -= 1
                u[ids, g] += c
                u[ids, guess] -= c
            c += 1
        averaged = w - u / c
        dev = dev_eval(averaged) if dev_eval else ""
        print(f"epoch {epoch + 1}: train errors {errors / len(order):.4f}", dev, flush=True)
    return w - u / c


def tag_dictionary(sentences, label_id, fallback, min_count: int) -> dict[str, list[int]]:
    seen: dict[str, Counter] = {}
    for s in sentences:
        for w, _, u, x in s:
            seen.setdefault(w, Counter())[label_id[fallback[f"{u}|{x}"]]] += 1
    return {
        w: sorted(label for label, n in c.items() if n >= 2)
        for w, c in seen.items()
        if sum(c.values()) >= min_count
    }


def ambiguity_classes(sentences) -> list[str]:
    """ "?" (unknown: index 0) and every ambiguity class of the training words."""
    return ["?", *sorted({ambiguity(w) for s in sentences for w, *_ in s})]


def jackknife_scores(sentences, feats_by_sentence, gold_by_sentence, args, sizes, allowed):
    """First-pass scores of every training token from a model that did not see it."""
    labels, index = sizes
    out: list[np.ndarray | None] = [None] * len(sentences)
    for fold in range(args.folds):
        train_ids = [i for i in range(len(sentences)) if i % args.folds != fold]
        held = [i for i in range(len(sentences)) if i % args.folds == fold]
        feats = [f for i in train_ids for f in feats_by_sentence[i]]
        gold = [g for i in train_ids for g in gold_by_sentence[i]]
        print(f"fold {fold + 1}/{args.folds}", flush=True)
        weights = train(feats, gold, len(index), len(labels), args.epochs)
        tagger = Tagger(labels, index, weights, allowed=allowed)
        _, _, scores = tagger.first_pass([[w for w, *_ in sentences[i]] for i in held])
        start = 0
        for i in held:
            out[i] = scores[start : start + len(sentences[i])]
            start += len(sentences[i])
    return out


def context_features(words, scores: np.ndarray, n_labels: int, classes) -> list[np.ndarray]:
    """Rows of the stacked context weights each token of one sentence reads."""
    pad = np.array([n_labels, n_labels])
    tags = np.concatenate([pad, scores.argmax(axis=1), pad])
    class_ids = [classes.get(ambiguity(w), 0) for w in words]
    class_of = np.asarray([0, 0, *class_ids, 0, 0], dtype=np.intp)
    at = np.arange(2, len(tags) - 2)
    columns = [
        row + context_index(feature, tags, class_of, at, n_labels, len(classes))
        for feature, row in zip(CONTEXT, context_rows(n_labels, len(classes)), strict=False)
    ]
    return list(np.stack(columns, axis=1).astype(np.intp))


def accuracy(tagger: Tagger, sentences) -> dict[str, float]:
    predicted = tagger.tag([[w for w, *_ in s] for s in sentences])
    upos = [u for s in sentences for _, _, u, _ in s]
    xpos = [x for s in sentences for *_, x in s]
    n = len(upos)
    return {
        "upos": sum(tagger.upos[p] == g for p, g in zip(predicted, upos, strict=True)) / n,
        "xpos": sum(tagger.xpos[p] == g for p, g in zip(predicted, xpos, strict=True)) / n,
        "tokens": n,
    }


def sparse(weights: np.ndarray, names, min_weight: float) -> dict[str, list[int]]:
    scaled = np.rint(weights * SCALE).astype(np.int64)
    out: dict[str, list[int]] = {}
    for row, name in enumerate(names):
        nz = np.flatnonzero(np.abs(scaled[row]) >= min_weight * SCALE)
        if len(nz):
            out[name] = [int(v) for pair in zip(nz, scaled[row, nz], strict=True) for v in pair]
    return out


def serialise(weights, context, classes, allowed, labels, index, min_weight: float) -> bytes:
    names = sorted(index, key=index.get)
    model = {
        "_doc": "Averaged-perceptron POS tagger trained on the Universal Dependencies English "
        "Web Treebank (CC BY-SA 4.0) by tools/train_tagger.py; see NOTICE.",
        "feature_version": FEATURE_VERSION,
        "labels": list(labels),
        "scale": SCALE,
        "weights": sparse(weights, names, min_weight),
        "context": sparse(context, [str(r) for r in range(len(context))], min_weight),
        "classes": classes,
        "allowed": allowed,
    }
    text = json.dumps(model, separators=(",", ":"), sort_keys=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-{train,dev}.conllu")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--context-epochs", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-feature", type=int, default=2)
    parser.add_argument("--min-label", type=int, default=20)
    parser.add_argument("--min-weight", type=float, default=0.5)
    parser.add_argument("--dict-min", type=int, default=10)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    train_s = read_conllu(args.treebank / "en_ewt-ud-train.conllu")
    dev_s = read_conllu(args.treebank / "en_ewt-ud-dev.conllu")
    labels, fallback = label_set(train_s, args.min_label)
    label_id = {label: i for i, label in enumerate(labels)}
    index = feature_index(train_s, args.min_feature)
    allowed = tag_dictionary(train_s, label_id, fallback, args.dict_min)
    print(f"{len(train_s)} sentences, {len(labels)} labels, {len(index)} features", flush=True)
    cache: dict = {}
    feats_by_sentence = [sentence_features(s, index, cache) for s in train_s]
    gold_by_sentence = [[label_id[fallback[f"{u}|{x}"]] for _, _, u, x in s] for s in train_s]
    feats = [f for fs in feats_by_sentence for f in fs]
    gold = [g for gs in gold_by_sentence for g in gs]

    def first_eval(weights):
        return accuracy(Tagger(labels, index, weights, allowed=allowed), dev_s)

    weights = train(feats, gold, len(index), len(labels), args.epochs, first_eval)
    scores = jackknife_scores(
        train_s, feats_by_sentence, gold_by_sentence, args, (labels, index), allowed
    )
    classes = ambiguity_classes(train_s)
    class_id = {c: i for i, c in enumerate(classes)}
    context_feats = [
        f
        for s, sc in zip(train_s, scores, strict=True)
        for f in context_features([w for w, *_ in s], sc, len(labels), class_id)
    ]
    base = np.vstack(scores)

    def second_eval(context):
        tagger = Tagger(labels, index, weights, context=context, classes=classes, allowed=allowed)
        return accuracy(tagger, dev_s)

    n_rows = context_rows(len(labels), len(classes))[-1]
    context = train(
        context_feats, gold, n_rows, len(labels), args.context_epochs, second_eval, base=base
    )
    data = serialise(weights, context, classes, allowed, labels, index, args.min_weight)
    args.out.write_bytes(data)
    from timeline.language.tagger import load_model

    print(f"written {args.out} ({len(data) / 1e6:.2f} MB) in {time.perf_counter() - start:.0f} s")
    print("dev, as shipped:", accuracy(load_model(data), dev_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
