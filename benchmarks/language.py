"""The language layer (``timeline.language``): accuracy on the UD English Web Treebank's
test file and cost per stage on news text.

    python benchmarks/language.py [--treebank ../shared/corpora/ud-english-ewt]
                                  [--timebank ../shared/corpora/timebank] [--repeat 5]

Accuracy: UPOS, Penn XPOS and lemma accuracy per token on the gold tokenisation of
``en_ewt-ud-test.conllu`` (the tagger never saw it: it trains on train, tunes on dev).
Lemmas are scored with the predicted tags, as the pipeline sees them.

News check: on TimeBank/AQUAINT (when given), the gold part of speech of every EVENT
word (its MAKEINSTANCE ``pos``: VERB, NOUN, ADJECTIVE) against the token the layer puts
at the same offset: how often a verb event is read as a verb (VERB or AUX), a noun
event as a noun (NOUN or PROPN), an adjective event as ADJ. News, not web text, and
exactly the words the event model reads.

Speed: the data/ sample corpus and, when given, the TimeBank/AQUAINT news texts (read
in place, never copied). Each stage is timed on its own over every article, ``--repeat``
times; the best run is kept (least disturbed by other processes), CPU time. "warm"
means the tagger's per-word cache and the lemma cache already hold the corpus's words
(the steady state of a running service); "cold" is the first pass of a fresh process.
Prints a table, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from train_tagger import read_conllu  # noqa: E402

from timeline.ingest import load_paths  # noqa: E402
from timeline.language import analyse  # noqa: E402
from timeline.language.lemmas import lemma  # noqa: E402
from timeline.language.names import find_names  # noqa: E402
from timeline.language.sentences import split_sentences  # noqa: E402
from timeline.language.tagger import default_tagger  # noqa: E402
from timeline.language.tokens import tokenise  # noqa: E402


def accuracy(treebank: Path) -> dict:
    sentences = read_conllu(treebank / "en_ewt-ud-test.conllu")
    tagger = default_tagger()
    predicted = tagger.tag([[w for w, *_ in s] for s in sentences]).tolist()
    gold = [tok for s in sentences for tok in s]
    upos = xpos = lemmas = 0
    pairs: Counter[tuple[str, str]] = Counter()
    for label, (word, gold_lemma, gold_upos, gold_xpos) in zip(predicted, gold, strict=True):
        pairs[gold_upos, tagger.upos[label]] += 1
        upos += tagger.upos[label] == gold_upos
        xpos += tagger.xpos[label] == gold_xpos
        lemmas += lemma(word, tagger.upos[label], tagger.xpos[label]) == gold_lemma
    n = len(gold)
    return {
        "tokens": n,
        "sentences": len(sentences),
        "upos": round(upos / n, 4),
        "xpos": round(xpos / n, 4),
        "lemma": round(lemmas / n, 4),
        "f1_by_upos": {pos: _f1(pairs, pos) for pos in ("VERB", "AUX", "NOUN", "PROPN", "ADJ")},
    }


def _f1(pairs: Counter[tuple[str, str]], pos: str) -> float:
    hit = pairs[pos, pos]
    gold = sum(n for (g, _), n in pairs.items() if g == pos)
    found = sum(n for (_, p), n in pairs.items() if p == pos)
    return round(2 * hit / (gold + found), 4) if gold + found else 0.0


_EVENT_POS = {"VERB": ("VERB", "AUX"), "NOUN": ("NOUN", "PROPN"), "ADJECTIVE": ("ADJ",)}


def timebank_events(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """The plain text of one .tml file and (offset, gold pos) of each of its EVENTs."""
    root = ET.parse(path).getroot()
    pos = {}
    for instance in root.iter("MAKEINSTANCE"):
        pos.setdefault(instance.get("eventID"), instance.get("pos", ""))
    pieces: list[str] = []
    events: list[tuple[int, str]] = []

    def walk(element: ET.Element) -> None:
        if element.tag == "EVENT":
            events.append((sum(map(len, pieces)), pos.get(element.get("eid"), "")))
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")

    walk(root.find("TEXT"))
    return "".join(pieces), events


def event_pos(timebank: Path) -> dict:
    """How often the layer's tag at each gold EVENT agrees with the EVENT's pos."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for path in sorted(p for p in timebank.rglob("*.tml") if not p.name.startswith("._")):
        text, events = timebank_events(path)
        doc = analyse(text)
        for offset, gold in events:
            token = doc.token_at(offset)
            if gold in _EVENT_POS and token is not None:
                totals[gold] += 1
                hits[gold] += token.pos in _EVENT_POS[gold]
    out = {gold: round(hits[gold] / totals[gold], 4) for gold in totals}
    out["events"] = sum(totals.values())
    out["all"] = round(sum(hits.values()) / out["events"], 4)
    return out


def stages(texts: list[str]) -> dict[str, float]:
    """CPU seconds of each stage over ``texts``, run as analyse() runs them."""
    tagger = default_tagger()
    out: dict[str, float] = {}
    clock = time.process_time
    t = clock()
    spans = [split_sentences(text) for text in texts]
    out["sentences"] = clock() - t
    t = clock()
    tokens = [
        [tokenise(text, s.start, s.end) for s in sp] for text, sp in zip(texts, spans, strict=False)
    ]
    out["tokenise"] = clock() - t
    t = clock()
    tags = [tagger.tag([[w for w, _, _ in sent] for sent in doc]).tolist() for doc in tokens]
    out["tag"] = clock() - t
    upos = [[tagger.upos[i] for i in doc] for doc in tags]
    xpos = [[tagger.xpos[i] for i in doc] for doc in tags]
    words = [[w for sent in doc for w, _, _ in sent] for doc in tokens]
    t = clock()
    for doc_words, doc_upos, doc_xpos in zip(words, upos, xpos, strict=True):
        for w, u, x in zip(doc_words, doc_upos, doc_xpos, strict=True):
            lemma(w, u, x)
    out["lemma"] = clock() - t
    t = clock()
    for doc, doc_upos in zip(tokens, upos, strict=False):
        i = 0
        for sent in doc:
            find_names([w for w, _, _ in sent], [s for _, s, _ in sent],
                       [e for _, _, e in sent], doc_upos[i : i + len(sent)])  # fmt: skip
            i += len(sent)
    out["names"] = clock() - t
    t = clock()
    for text in texts:
        analyse(text)
    out["analyse (all, with Doc objects)"] = clock() - t
    return out


def best_of(texts: list[str], repeat: int) -> dict[str, float]:
    runs = [stages(texts) for _ in range(repeat)]
    return {k: min(r[k] for r in runs) for k in runs[0]}


def load_texts(timebank: Path | None) -> dict[str, list[str]]:
    articles, _ = load_paths([ROOT / "data"])
    corpora = {"sample": [a.text for a in articles]}
    if timebank is not None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from timeml import load_corpus

        corpora["timebank"] = [d.text for d in load_corpus(timebank)]
    return corpora


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", type=Path)
    parser.add_argument("--timebank", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result: dict = {"benchmark": "language"}
    speed: dict = {}
    for name, texts in load_texts(args.timebank).items():
        default_tagger.cache_clear()
        lemma.cache_clear()
        cold = stages(texts)
        warm = best_of(texts, args.repeat)
        n_tokens = sum(len(tokenise(t)) for t in texts)
        per_article = {k: round(v / len(texts) * 1e3, 3) for k, v in warm.items()}
        speed[name] = {
            "articles": len(texts),
            "mean_chars": round(sum(map(len, texts)) / len(texts)),
            "mean_tokens": round(n_tokens / len(texts)),
            "warm_ms_per_article": per_article,
            "cold_ms_per_article": {k: round(v / len(texts) * 1e3, 3) for k, v in cold.items()},
            "warm_us_per_token": round(warm["analyse (all, with Doc objects)"] / n_tokens * 1e6, 2),
        }
        print(f"{name}: {len(texts)} articles, {speed[name]['mean_tokens']} tokens each")
        cold_ms = speed[name]["cold_ms_per_article"]
        for stage, ms in per_article.items():
            print(f"  {stage:34} {ms:8.3f} ms/article warm, {cold_ms[stage]:8.3f} cold")
    result["speed"] = speed
    if args.timebank is not None:
        result["timebank_event_pos"] = event_pos(args.timebank)
        print("TimeBank events read as their gold part of speech:", result["timebank_event_pos"])
    if args.treebank is not None:
        result["ewt_test"] = accuracy(args.treebank)
        print("EWT test:", result["ewt_test"])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
