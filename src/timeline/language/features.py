"""The tagger's features, shared by the training script and the runtime tagger.

DESIGN: every feature looks at exactly one word of a five-word window (offsets -2..+2),
never at two words together nor at a predicted tag. A linear model over such features
decomposes exactly: the score of a token is the sum, over the window, of a vector that
depends only on (offset, word). Those vectors are computed once per word type and cached,
so tagging an article is a handful of array additions over all its tokens at once,
instead of a Python loop over features for every token (the cost of a classic
greedy perceptron). The price is no tag history; the window's suffixes and shapes
recover most of what it carries (figures in benchmarks/RESULTS.md).

A word that opens a sentence is a different type ("\\x01" + word) so that its capital
letter is read as such. Sentence padding uses the pseudo-words BOS and EOS.
"""

from __future__ import annotations

FEATURE_VERSION = 1
OFFSETS = (-2, -1, 0, 1, 2)
INITIAL = "\x01"  # prefix of a sentence-initial word type
BOS = "\x02<s>"
EOS = "\x02</s>"


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
    near = (f"w:{lower}", f"s3:{lower[-3:]}", f"sh:{sh}")
    return (
        (f"-2w:{lower}",),
        tuple("-1" + f for f in near),
        tuple(own),
        tuple("+1" + f for f in near),
        (f"+2w:{lower}",),
    )
