"""Tokens with character offsets, split as the Universal Dependencies English treebanks
split them (so the tagger sees what it was trained on): clitics apart ("do" "n't",
"Putin" "'s"), hyphens apart ("el" "-" "Sisi"), abbreviations and initialisms keep
their dot ("Mr.", "U.S."), numbers keep their separators ("1,000", "3.5").

One regular expression, scanned once: linear in the text, whatever it holds.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.language.lexicon import english

_CLITIC = r"['\u2019](?:[sdm]|re|ll|ve)(?!\w)"


@cache
def _pattern() -> re.Pattern[str]:
    abbreviations = sorted(
        (re.escape(a) for a in english().abbreviations if "." not in a), key=len, reverse=True
    )
    return re.compile(
        r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]'\u201d\u2019]"  # a URL, without its final stop
        r"|(?:[A-Za-z]\.){2,}"  # U.S., e.g., a.m.
        rf"|\b(?i:{'|'.join(abbreviations)})\.(?!\w)"  # Mr. Inc. Jan.
        r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: George W. Bush
        r"|\d+(?:[.,:]\d+)+"  # 1,000  3.5  10:30
        r"|(?i:can)(?=not\b)"  # can|not
        r"|\w+(?=n['\u2019]t\b)|n['\u2019]t\b"  # do|n't  ca|n't
        rf"|{_CLITIC}"  # 's 're 'll 've 'm 'd
        rf"|\w+(?:['\u2019](?!(?i:[sdm]|re|ll|ve)(?!\w))\w+)*"  # words, O'Brien
        r"|\.{2,}|-{2,}|[^\w\s]"  # ... -- or one other character
    )


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(text, start, end) of each token of ``text[start:end]``, offsets into ``text``."""
    return [
        (m.group(), m.start(), m.end())
        for m in _pattern().finditer(text, start, len(text) if end is None else end)
    ]
