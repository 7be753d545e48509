"""The tagger's features, shared by the training script and the runtime tagger.

DESIGN: every feature looks at exactly one word of a five-word window (offsets -2..+2),
never at two words together nor at a predicted tag. A linear model over such features
decomposes exactly: the score of a token is the sum, over the window, of a vector that
depends only on (offset, word). Those vectors are computed once per word type and cached,
so tagging an article is a handful of array additions over all its tokens at once,
instead of a Python loop over features for every token (the cost of a classic
greedy perceptron). The price is no tag history; the window's suffixes and shapes
recover most of what it carries (figures in benchmarks/RESULTS.md).

Each word also carries its ambiguity class: the parts of speech ``lemminflect``'s
dictionary knows for it (``ambiguity``: "reporters" NOUN; "rose" NOUN or an inflected
VERB), which tells a tagger
trained on web text what news words can be.

A second pass adds the tags the first pass gave the neighbours and their pairings with
the token's ambiguity class (CONTEXT), again as table look-ups over the whole article;
it is trained on first-pass tags of held-out folds (stacking), so it learns to trust
them as much as they deserve.

A word that opens a sentence is a different type ("\\x01" + word) so that its capital
letter is read as such. Sentence padding uses the pseudo-words BOS and EOS.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas

FEATURE_VERSION = 4
OFFSETS = (-2, -1, 0, 1, 2)
INITIAL = "\x01"  # prefix of a sentence-initial word type
BOS = "\x02<s>"
EOS = "\x02</s>"
TAG, CLASS = "tag", "class"
# What the second pass reads: the first-pass tag at an offset, the token's own
# ambiguity class, and some of their pairs ("NOUN=+VERB~" after a noun: a verb).
CONTEXT = (
    ((TAG, -2),),
    ((TAG, -1),),
    ((TAG, 1),),
    ((TAG, 2),),
    ((TAG, -1), (TAG, 1)),
    ((TAG, -2), (TAG, -1)),
    ((TAG, 1), (TAG, 2)),
    ((CLASS, 0), (TAG, -1)),
    ((CLASS, 0), (TAG, 1)),
)


def context_rows(n_labels: int, n_classes: int) -> list[int]:
    """First row of each CONTEXT feature in the stacked context weights, and the total;
    the tag ``n_labels`` stands for "no token" (before or after the sentence)."""
    rows, first = [], 0
    for feature in CONTEXT:
        rows.append(first)
        size = 1
        for kind, _ in feature:
            size *= n_labels + 1 if kind == TAG else n_classes
        first += size
    return [*rows, first]


def context_index(feature, tags, classes, at, n_labels: int, n_classes: int):
    """Row (within the feature's block) that ``feature`` reads for positions ``at``
    (numpy arrays: first-pass tags and ambiguity classes of the padded sentence)."""
    index = 0
    for kind, offset in feature:
        if kind == TAG:
            index = index * (n_labels + 1) + tags[at + offset]
        else:
            index = index * n_classes + classes[at + offset]
    return index


@lru_cache(maxsize=100_000)
def ambiguity(word: str) -> str:
    """The parts of speech ``lemminflect`` knows for ``word``, each marked "=" when the
    word is that part's lemma and "~" when it is an inflection: "rose" -> "NOUN=+VERB~"
    (a flower, or the past of "rise"), "reporters" -> "NOUN~", "the" -> "0"."""
    lower = word.removeprefix(INITIAL).lower()
    if not lower.isalpha():
        return "-"
    lemmas = getAllLemmas(lower)
    marks = (f"{pos}{'=' if lower in forms else '~'}" for pos, forms in sorted(lemmas.items()))
    return "+".join(marks) or "0"


def shape(word: str) -> str:
    """Character classes with repeats collapsed: "Moscow" -> "Xx", "U.S." -> "X.X.",
    "1,000" -> "d,d", "COVID-19" -> "X-d"; at most five classes."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
            if len(out) == 5:
                break
    return "".join(out)


def word_features(word: str) -> tuple[tuple[str, ...], ...]:
    """The feature names of ``word`` at each offset of OFFSETS, in that order."""
    if word in (BOS, EOS):
        return tuple((f"{k}w:{word}",) for k in OFFSETS)
    initial = word.startswith(INITIAL)
    if initial:
        word = word[1:]
    lower = word.lower()
    sh = shape(word)
    own = [
        "b",
        f"w:{lower}",
        f"s1:{lower[-1:]}",
        f"s2:{lower[-2:]}",
        f"s3:{lower[-3:]}",
        f"s4:{lower[-4:]}",
        f"p1:{lower[:1]}",
        f"p3:{lower[:3]}",
        f"sh:{sh}",
    ]
    if initial:
        own.append(f"ini:{sh}")
    elif word[:1].isupper():
        own.append(f"capw:{lower}")  # a capitalised word inside a sentence: a name?
    amb = ambiguity(lower)
    own.append(f"amb:{amb}")
    near = (f"w:{lower}", f"s3:{lower[-3:]}", f"sh:{sh}", f"amb:{amb}")
    return (
        (f"-2w:{lower}",),
        tuple("-1" + f for f in near),
        tuple(own),
        tuple("+1" + f for f in near),
        (f"+2w:{lower}",),
    )
